/* widget_wrap: a question broken at spaces to fit a dialog, so that the
 * keys to press at its end stay on the screen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tui/widgets/text.h"

static char out[4][WIDGET_WRAP_LINE];

static void
short_text_one_line(void **state)
{
	(void)state;
	assert_int_equal(widget_wrap("Take group web offline? [y/N]", 74, out,
				     4), 1);
	assert_string_equal(out[0], "Take group web offline? [y/N]");
	assert_int_equal(widget_wrap("", 74, out, 4), 1);
	assert_string_equal(out[0], "");
}

static void
long_text_at_spaces(void **state)
{
	(void)state;
	assert_int_equal(widget_wrap("Available Storage is locked. Override "
				     "the lock? [i/N]", 20, out, 4), 3);
	assert_string_equal(out[0], "Available Storage is");
	assert_string_equal(out[1], "locked. Override the");
	assert_string_equal(out[2], "lock? [i/N]");
	/* A word wider than the lines stands alone (cut where drawn). */
	assert_int_equal(widget_wrap("a verylongwordindeed b", 8, out, 4), 3);
	assert_string_equal(out[1], "verylongwordindeed");
	/* The last line allowed holds the rest. */
	assert_int_equal(widget_wrap("one two three four five", 5, out, 2), 2);
	assert_string_equal(out[0], "one");
	assert_string_equal(out[1], "two three four five");
}

static void
untrusted_text_sanitized(void **state)
{
	(void)state;
	assert_int_equal(widget_wrap("FS1\x1b]0;owned\x07 is locked", 74, out,
				     4), 1);
	assert_null(strchr(out[0], '\x1b'));
	assert_null(strchr(out[0], '\x07'));
	/* Wide characters count by their columns: 日本 is 4 columns. */
	assert_int_equal(widget_wrap("日本 日本", 4, out, 4), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(short_text_one_line),
		cmocka_unit_test(long_text_at_spaces),
		cmocka_unit_test(untrusted_text_sanitized),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
