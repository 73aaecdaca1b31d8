/* The roff text of the generated man pages (tui/roff.h): a table's words
 * never become a request, an escape or a hyphen. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "tui/options.h"
#include "tui/roff.h"

/* What f wrote, in a buffer the caller frees. */
static char *
written(void (*f)(FILE *, const void *), const void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	f(out, arg);
	assert_int_equal(fclose(out), 0);
	return buf;
}

static void
text_at_start(FILE *out, const void *s)
{
	roff_text(out, s, true);
}

static void
text_inside(FILE *out, const void *s)
{
	roff_text(out, s, false);
}

static void
sentence(FILE *out, const void *s)
{
	roff_sentence(out, s);
}

static void
option(FILE *out, const void *r)
{
	roff_option(out, r);
}

static void
expect(void (*f)(FILE *, const void *), const char *in, const char *want)
{
	char *got = written(f, in);

	assert_string_equal(got, want);
	free(got);
}

static void
dashes_and_backslashes(void **state)
{
	(void)state;
	expect(text_inside, "--demo -c", "\\-\\-demo \\-c");
	expect(text_inside, "C:\\path", "C:\\epath");
	expect(text_inside, "say \"sim\"", "say \\(dqsim\\(dq");
	expect(text_inside, "plain words", "plain words");
}

/* A '.' or '\'' first on a line would be a request (or a comment). */
static void
requests_guarded(void **state)
{
	(void)state;
	expect(text_at_start, ".SH x", "\\&.SH x");
	expect(text_at_start, "'br", "\\&'br");
	expect(text_inside, ".SH x", ".SH x");
	expect(text_inside, "a\n.TH\n'x", "a\n\\&.TH\n\\&'x");
	expect(text_at_start, "a.b", "a.b");
}

static void
sentences(void **state)
{
	(void)state;
	expect(sentence, "run the simulator", "Run the simulator.\n");
	expect(sentence, "done.", "Done.\n");
	expect(sentence, "--seed goes with --demo",
	    "\\-\\-seed goes with \\-\\-demo.\n");
	expect(sentence, ".hidden", "\\&.hidden.\n");
	expect(sentence, "", "");
}

static void
options(void **state)
{
	static const struct opt_row with_short = { OPT_CLUSTER, "cluster",
	    'c', "NAME", "x" };
	static const struct opt_row long_only = { OPT_WHAT_IF, "what-if", 0,
	    NULL, "x" };
	char *got;

	(void)state;
	got = written(option, &with_short);
	assert_string_equal(got,
	    "\\fB\\-c\\fR, \\fB\\-\\-cluster\\fR \\fINAME\\fR");
	free(got);
	got = written(option, &long_only);
	assert_string_equal(got, "\\fB\\-\\-what\\-if\\fR");
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dashes_and_backslashes),
		cmocka_unit_test(requests_guarded),
		cmocka_unit_test(sentences),
		cmocka_unit_test(options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
