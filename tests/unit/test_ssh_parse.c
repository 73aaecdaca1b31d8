/* Node specs of the SSH link, and its refusal of what no host name is. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/link/ssh_link.h"

static void
parse_ok(const char *spec, const char *user, const char *host, int port)
{
	char *u = NULL, *h = NULL, *err = NULL;
	int p = -1;

	assert_int_equal(ssh_link_parse_node(spec, &u, &h, &p, &err), 0);
	if (user == NULL)
		assert_null(u);
	else
		assert_string_equal(u, user);
	assert_string_equal(h, host);
	assert_int_equal(p, port);
	free(u);
	free(h);
}

static void
parse_bad(const char *spec, const char *why)
{
	char *u = NULL, *h = NULL, *err = NULL;
	int p = -1;

	assert_int_equal(ssh_link_parse_node(spec, &u, &h, &p, &err), -1);
	assert_non_null(strstr(err, why));
	assert_null(u);
	assert_null(h);
	free(err);
}

static void
good_specs(void **state)
{
	(void)state;
	parse_ok("db1", NULL, "db1", 0);
	parse_ok("db2:2222", NULL, "db2", 2222);
	parse_ok("admin@db3", "admin", "db3", 0);
	parse_ok("admin@db3.example.com:22", "admin", "db3.example.com", 22);
	parse_ok("[fe80::1]", NULL, "fe80::1", 0);
	parse_ok("root@[::1]:2200", "root", "::1", 2200);
	parse_ok("10.0.0.7:65535", NULL, "10.0.0.7", 65535);
}

static void
bad_specs(void **state)
{
	(void)state;
	parse_bad("", "has no host name");
	parse_bad("@db1", "the user before '@' may only hold");
	parse_bad("-o@db1", "may not start with '-'");
	parse_bad("a@b@db1", "more than one '@'");
	parse_bad("db1:0", "port must be 1 to 65535");
	parse_bad("db1:65536", "port must be 1 to 65535");
	parse_bad("db1:22x", "port must be 1 to 65535");
	parse_bad("db1:", "no port after it");
	parse_bad("fe80::1", "IPv6 address needs brackets");
	parse_bad("[fe80::1", "'[' without ']'");
	parse_bad("[]:22", "brackets are for IPv6");
	parse_bad("-oProxyCommand=x", "may not start with '-'");
	parse_bad("db 1", "the host may only hold");
	parse_bad("db1\n", "the host may only hold");
	parse_bad("%h", "the host may only hold");
	parse_bad("db1;id", "the host may only hold");
}

static void
link_needs_nodes(void **state)
{
	struct ssh_link_params p = { .cluster = "prod" };
	const char *bad[] = { "db1", "db2:99999" };
	char *err = NULL;

	(void)state;
	assert_null(ssh_link_new(&p, &err));
	assert_non_null(strstr(err, "no nodes"));
	free(err);
	err = NULL;
	p.nodes = bad;
	p.n_nodes = 2;
	assert_null(ssh_link_new(&p, &err));
	assert_non_null(strstr(err, "db2:99999"));
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_specs),
		cmocka_unit_test(bad_specs),
		cmocka_unit_test(link_needs_nodes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
