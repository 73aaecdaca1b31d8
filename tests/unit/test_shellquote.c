/* Shell quoting: the forms, the refusals, and a real /bin/sh giving every
 * nasty argument back byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "backend/link/shellquote.h"

static void
expect_quoted(const char *arg, const char *want)
{
	char *err = NULL, *q;

	q = shellquote_arg(arg, &err);
	assert_non_null(q);
	assert_null(err);
	assert_string_equal(q, want);
	free(q);
}

/* Refused, with a message holding each of the words. */
static void
expect_refused(const char *const *argv, size_t argc, const size_t *lens,
	       const char *word1, const char *word2)
{
	char *err = NULL, *q;

	q = shellquote_argv(argv, argc, lens, &err);
	assert_null(q);
	assert_non_null(err);
	if (strstr(err, word1) == NULL || strstr(err, word2) == NULL)
		fail_msg("message \"%s\" lacks \"%s\" or \"%s\"", err, word1,
		    word2);
	free(err);
}

static void
test_arg_forms(void **state)
{
	(void)state;
	expect_quoted("abc", "'abc'");
	expect_quoted("", "''");
	expect_quoted("it's", "'it'\\''s'");
	expect_quoted("'", "''\\'''");
	expect_quoted("''", "''\\'''\\'''");
	expect_quoted("a b\tc", "'a b\tc'");
	expect_quoted("$(id) `id` ; \\ \" *", "'$(id) `id` ; \\ \" *'");
}

static void
test_arg_refused(void **state)
{
	char *err = NULL;

	(void)state;
	assert_null(shellquote_arg("web\nsrv", &err));
	assert_non_null(strstr(err, "newline"));
	assert_non_null(strstr(err, "web"));
	free(err);
	err = NULL;
	assert_null(shellquote_arg("web\rsrv", &err));
	assert_non_null(strstr(err, "carriage return"));
	free(err);
	err = NULL;
	/* The message shows the argument, but never a control character:
	 * it may be printed on the operator's terminal. */
	assert_null(shellquote_arg("\x1b]0;pwned\x07\n", &err));
	assert_null(strchr(err, '\x1b'));
	assert_null(strchr(err, '\x07'));
	assert_null(strchr(err, '\n'));
	free(err);
}

static void
test_argv_join(void **state)
{
	const char *argv[] = { "crm_resource", "--resource", "web ip", "" };
	char *err = NULL, *q;

	(void)state;
	q = shellquote_argv(argv, 4, NULL, &err);
	assert_null(err);
	assert_string_equal(q, "'crm_resource' '--resource' 'web ip' ''");
	free(q);
	q = shellquote_argv(argv, 1, NULL, &err);
	assert_string_equal(q, "'crm_resource'");
	free(q);
}

static void
test_argv_lens(void **state)
{
	/* Slices of one buffer, not NUL-terminated where they end. */
	const char buf[] = "crm_resourcewebXYZ";
	const char *argv[] = { buf, buf + 12 };
	const size_t lens[] = { 12, 3 };
	char *err = NULL, *q;

	(void)state;
	q = shellquote_argv(argv, 2, lens, &err);
	assert_null(err);
	assert_string_equal(q, "'crm_resource' 'web'");
	free(q);
}

static void
test_argv_refused(void **state)
{
	const char nul[] = { 'a', '\0', 'b' };
	const char *with_nul[] = { "echo", "ok", nul };
	const size_t nul_lens[] = { 4, 2, sizeof(nul) };
	const char *with_nl[] = { "echo", "a\nb" };
	const char *with_cr[] = { "echo", "ok", "ok", "a\r" };
	const char *long_arg[] = {
		"echo", "0123456789012345678901234567890123456789\n"
	};
	const char *with_null[] = { "echo", NULL };

	(void)state;
	expect_refused(with_nul, 3, nul_lens, "argument 2", "NUL");
	expect_refused(with_nl, 2, NULL, "argument 1", "newline");
	expect_refused(with_cr, 4, NULL, "argument 3", "carriage return");
	/* A long argument is shown in part. */
	expect_refused(long_arg, 2, NULL, "\"01234567890", "...\"");
	expect_refused(with_null, 2, NULL, "argument 1", "missing");
	expect_refused(with_nl, 0, NULL, "no command", "remote shell");
}

/* Runs printf '%s\n' with the arguments through /bin/sh and checks that
 * each comes back unchanged. */
static void
expect_roundtrip(const char *const *args, size_t n)
{
	const char **argv;
	char *err = NULL, *quoted, *got, *want, *p;
	size_t i, want_len = 0, got_len = 0, cap = 4096;
	FILE *f;
	int status;

	argv = calloc(n + 2, sizeof(*argv));
	assert_non_null(argv);
	argv[0] = "printf";
	argv[1] = "%s\\n";
	for (i = 0; i < n; i++) {
		argv[i + 2] = args[i];
		want_len += strlen(args[i]) + 1;
	}
	quoted = shellquote_argv(argv, n + 2, NULL, &err);
	assert_non_null(quoted);
	assert_null(err);

	/* popen() runs its command through /bin/sh -c, as sshd hands a
	 * command line to the remote user's shell. */
	f = popen(quoted, "r");
	assert_non_null(f);
	got = malloc(cap);
	assert_non_null(got);
	for (;;) {
		size_t r = fread(got + got_len, 1, cap - got_len, f);

		got_len += r;
		if (r == 0)
			break;
		if (got_len == cap) {
			cap *= 2;
			got = realloc(got, cap);
			assert_non_null(got);
		}
	}
	status = pclose(f);
	assert_int_equal(status, 0);

	want = malloc(want_len + 1);
	assert_non_null(want);
	p = want;
	for (i = 0; i < n; i++) {
		size_t l = strlen(args[i]);

		memcpy(p, args[i], l);
		p += l;
		*p++ = '\n';
	}
	if (got_len != want_len || memcmp(got, want, want_len) != 0)
		fail_msg("sh gave back %zu bytes, wanted %zu, for: %s",
		    got_len, want_len, quoted);

	free(want);
	free(got);
	free(quoted);
	free(argv);
}

static void
test_shell_roundtrip(void **state)
{
	static const char *const nasty[] = {
		"plain",
		"two words",
		"  leading and trailing  ",
		"$(id)",
		"`id`",
		"${HOME}$HOME$0$1$@$*$$",
		"a; rm -rf /tmp/ccon-should-not-exist",
		"a && false || true | cat > /dev/null &",
		"'",
		"it's",
		"''",
		"'\\''",
		"\"",
		"\"double\" \"quotes\"",
		"\\",
		"back\\slash\\",
		"\\n\\t\\0",
		"*",
		"/*",
		"?[a-z]",
		"~",
		"~root",
		"#comment",
		"!",
		"-n",
		"-e",
		"--",
		"%s%d%n",
		"",
		"tab\there",
		"caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80",
		"\xff\xfe invalid utf-8 \xc0\xaf",
		"\x1b[31mescape\x1b[0m",
		"<(echo x) >(cat)",
		"{a,b}",
		"a=b",
	};

	(void)state;
	expect_roundtrip(nasty, sizeof(nasty) / sizeof(nasty[0]));
}

/* Every byte but NUL, newline and CR, in deterministic random mixes. */
static void
test_shell_roundtrip_random(void **state)
{
	char bufs[8][40];
	const char *args[8];
	uint32_t seed = 7;
	int round;
	size_t i, j;

	(void)state;
	for (round = 0; round < 25; round++) {
		for (i = 0; i < 8; i++) {
			size_t len;

			seed = seed * 1103515245u + 12345u;
			len = (seed >> 8) % (sizeof(bufs[i]) - 1);
			for (j = 0; j < len; j++) {
				unsigned char c;

				do {
					seed = seed * 1103515245u + 12345u;
					c = (unsigned char)(seed >> 16);
				} while (c == '\0' || c == '\n' || c == '\r');
				bufs[i][j] = (char)c;
			}
			bufs[i][len] = '\0';
			args[i] = bufs[i];
		}
		expect_roundtrip(args, 8);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arg_forms),
		cmocka_unit_test(test_arg_refused),
		cmocka_unit_test(test_argv_join),
		cmocka_unit_test(test_argv_lens),
		cmocka_unit_test(test_argv_refused),
		cmocka_unit_test(test_shell_roundtrip),
		cmocka_unit_test(test_shell_roundtrip_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
