/* Node specs (backend/util/nodespec.h): every form the configuration and
 * the SSH link accept, and every refusal with the words it is said in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "backend/util/nodespec.h"

#define MSG_USER "the user before '@' may only hold letters, digits, '.', " \
	"'_' and '-', and may not start with '-'"
#define MSG_HOST "the host may only hold letters, digits, '.', '_' and " \
	"'-' (and ':' for IPv6 inside brackets), and may not start with '-'"
#define MSG_PORT "port must be 1 to 65535"
#define MSG_BRACKETS "brackets are for IPv6 addresses: \"[fe80::1]:22\""
#define MSG_V6 "an IPv6 address needs brackets: \"[fe80::1]\" or " \
	"\"[fe80::1]:22\""

static void
expect_ok(const char *spec, const char *user, const char *host, int port)
{
	struct nodespec n;
	const char *why = "untouched";

	if (nodespec_parse(spec, &n, &why) != 0)
		fail_msg("\"%s\" refused: %s", spec, why);
	if (user == NULL)
		assert_null(n.user);
	else
		assert_string_equal(n.user, user);
	assert_string_equal(n.host, host);
	assert_int_equal(n.port, port);
	/* Nothing to say when it is fine. */
	assert_string_equal(why, "untouched");
	nodespec_free(&n);
	assert_null(n.user);
	assert_null(n.host);
	assert_int_equal(n.port, 0);
}

static void
expect_refused(const char *spec, const char *msg)
{
	struct nodespec n;
	const char *why = NULL;

	memset(&n, 0x5a, sizeof(n));
	if (nodespec_parse(spec, &n, &why) == 0)
		fail_msg("\"%s\" accepted as host \"%s\"", spec, n.host);
	assert_non_null(why);
	if (strcmp(why, msg) != 0)
		fail_msg("\"%s\": \"%s\", not \"%s\"", spec, why, msg);
	/* Nothing allocated, nothing left behind: free is harmless. */
	assert_null(n.user);
	assert_null(n.host);
	assert_int_equal(n.port, 0);
	nodespec_free(&n);
}

static void
test_accepted(void **state)
{
	(void)state;
	expect_ok("db1", NULL, "db1", 0);
	expect_ok("db1.example.com", NULL, "db1.example.com", 0);
	expect_ok("db1:22", NULL, "db1", 22);
	expect_ok("hacluster@db1", "hacluster", "db1", 0);
	expect_ok("ha_admin-2.x@db1:2222", "ha_admin-2.x", "db1", 2222);
	expect_ok("10.0.0.1", NULL, "10.0.0.1", 0);
	expect_ok("127.0.0.1:1", NULL, "127.0.0.1", 1);
	expect_ok("db1:65535", NULL, "db1", 65535);
	expect_ok("[fe80::1]", NULL, "fe80::1", 0);
	expect_ok("[::1]:22", NULL, "::1", 22);
	expect_ok("root@[2001:db8::7]:2200", "root", "2001:db8::7", 2200);
	expect_ok("my_host-1", NULL, "my_host-1", 0);
	/* Up to five digits, leading zeros and all. */
	expect_ok("db1:00022", NULL, "db1", 22);
}

static void
test_limits(void **state)
{
	char spec[600], user[80], host[300];

	(void)state;
	memset(user, 'u', 64);
	user[64] = '\0';
	memset(host, 'h', 253);
	host[253] = '\0';
	snprintf(spec, sizeof(spec), "%s@%s:22", user, host);
	expect_ok(spec, user, host, 22);
	/* One more is too long. */
	snprintf(spec, sizeof(spec), "%su@%s", user, host);
	expect_refused(spec, MSG_USER);
	snprintf(spec, sizeof(spec), "%sh", host);
	expect_refused(spec, MSG_HOST);
}

static void
test_refused_user(void **state)
{
	(void)state;
	expect_refused("@db1", MSG_USER);
	expect_refused("-oProxyCommand=x@db1", MSG_USER);
	expect_refused("ha admin@db1", MSG_USER);
	expect_refused("ha;id@db1", MSG_USER);
	expect_refused("a@b@db1", "has more than one '@'");
}

static void
test_refused_host(void **state)
{
	(void)state;
	expect_refused("", "has no host name");
	expect_refused(":22", "has no host name");
	expect_refused("admin@", "has no host name");
	expect_refused("admin@:22", "has no host name");
	expect_refused("-oProxyCommand=x", MSG_HOST);
	expect_refused("db 1", MSG_HOST);
	expect_refused("db1;reboot", MSG_HOST);
	expect_refused("db1/x", MSG_HOST);
	expect_refused("fe80::1", MSG_V6);
	expect_refused("fe80::1:22", MSG_V6);
}

static void
test_refused_brackets(void **state)
{
	(void)state;
	expect_refused("[fe80::1", "has '[' without ']'");
	expect_refused("[db1]", MSG_BRACKETS);
	expect_refused("[db1]:22", MSG_BRACKETS);
	expect_refused("[]", MSG_BRACKETS);
	expect_refused("[::1]x", "has something other than ':port' after ']'");
	expect_refused("[::1]22", "has something other than ':port' after ']'");
	expect_refused("[-::1]", MSG_HOST);
	expect_refused("[fe80::1%eth0]", MSG_HOST);
}

static void
test_refused_port(void **state)
{
	(void)state;
	expect_refused("db1:", "has ':' but no port after it");
	expect_refused("[::1]:", "has ':' but no port after it");
	expect_refused("db1:0", MSG_PORT);
	expect_refused("db1:00000", MSG_PORT);
	expect_refused("db1:65536", MSG_PORT);
	expect_refused("db1:99999", MSG_PORT);
	expect_refused("db1:000022", MSG_PORT);
	expect_refused("db1:22a", MSG_PORT);
	expect_refused("db1:-1", MSG_PORT);
	expect_refused("db1:+22", MSG_PORT);
	expect_refused("db1: 22", MSG_PORT);
	expect_refused("[::1]:70000", MSG_PORT);
}

static void
test_valid_user(void **state)
{
	char user[80];

	(void)state;
	assert_true(nodespec_valid_user("hacluster", 9));
	assert_true(nodespec_valid_user("a.b_c-d", 7));
	/* Only the first len bytes count. */
	assert_true(nodespec_valid_user("root@db1", 4));
	assert_false(nodespec_valid_user("root@db1", 5));
	assert_false(nodespec_valid_user("", 0));
	assert_false(nodespec_valid_user("-l", 2));
	assert_false(nodespec_valid_user("a b", 3));
	assert_false(nodespec_valid_user("a$b", 3));
	memset(user, 'u', sizeof(user));
	assert_true(nodespec_valid_user(user, 64));
	assert_false(nodespec_valid_user(user, 65));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_refused_user),
		cmocka_unit_test(test_refused_host),
		cmocka_unit_test(test_refused_brackets),
		cmocka_unit_test(test_refused_port),
		cmocka_unit_test(test_valid_user),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
