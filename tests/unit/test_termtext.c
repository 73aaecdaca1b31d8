/* Terminal-safe text: what hostile cluster strings become on screen. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "backend/util/termtext.h"

#define FFFD "\xef\xbf\xbd"
#define ELLIPSIS "\xe2\x80\xa6"

static void
expect_sanitized(const char *in, const char *want)
{
	char out[256];

	memset(out, 'X', sizeof(out));
	termtext_sanitize(out, sizeof(out), in);
	assert_string_equal(out, want);
}

static void
expect_fit(const char *in, size_t cols, int pad, const char *want)
{
	char out[256];

	memset(out, 'X', sizeof(out));
	termtext_fit(out, sizeof(out), in, cols, pad);
	assert_string_equal(out, want);
	if (pad)
		assert_int_equal(termtext_width(out), cols);
	else
		assert_true(termtext_width(out) <= cols);
}

/* An independent strict UTF-8 check for the properties below. */
static int
valid_utf8(const unsigned char *s)
{
	while (*s) {
		uint32_t c;
		size_t n, i;

		if (*s < 0x80) {
			s++;
			continue;
		}
		if ((*s & 0xe0) == 0xc0) {
			n = 2;
			c = *s & 0x1f;
		} else if ((*s & 0xf0) == 0xe0) {
			n = 3;
			c = *s & 0x0f;
		} else if ((*s & 0xf8) == 0xf0) {
			n = 4;
			c = *s & 0x07;
		} else
			return 0;
		for (i = 1; i < n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			c = (c << 6) | (s[i] & 0x3f);
		}
		if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
		    (n == 4 && c < 0x10000) || c > 0x10ffff ||
		    (c >= 0xd800 && c <= 0xdfff))
			return 0;
		/* Nothing that steers the terminal. */
		if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
		    (c >= 0x2066 && c <= 0x2069) || c == 0x200e ||
		    c == 0x200f || c == 0x061c)
			return 0;
		s += n;
	}
	return 1;
}

static int
printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f)
			return 0;
	return 1;
}

static void
test_plain(void **state)
{
	(void)state;
	expect_sanitized("", "");
	expect_sanitized("web-ip", "web-ip");
	expect_sanitized("caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80",
			 "caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x98\x80");
	expect_sanitized("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"); /* U+10FFFF */
	expect_sanitized(NULL, "");
}

static void
test_csi(void **state)
{
	(void)state;
	expect_sanitized("\x1b[31mred\x1b[0m", "red");
	expect_sanitized("\x1b[1;38;5;196mX\x1b[m", "X");
	expect_sanitized("a\x1b[?1049hb", "ab");       /* alternate screen */
	expect_sanitized("\x1b[2J\x1b[H", "");          /* clear, home */
	expect_sanitized("\x1b[6n", "");                /* report cursor */
	expect_sanitized("a\x1b[", "a");                /* cut short */
	expect_sanitized("a\x1b[31", "a");
	/* A control inside a CSI ends it; the control is then replaced. */
	expect_sanitized("\x1b[3\nx", FFFD "x");
}

static void
test_osc_and_strings(void **state)
{
	(void)state;
	expect_sanitized("\x1b]0;pwned\x07ok", "ok");
	expect_sanitized("\x1b]2;pwned\x1b\\ok", "ok");
	expect_sanitized("\x1b]0;pwned\xc2\x9cok", "ok");  /* C1 ST */
	expect_sanitized("\x1b]52;c;cm0gLXJmIH4=\x07x", "x"); /* clipboard */
	expect_sanitized("\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\",
			 "link");
	expect_sanitized("a\x1b]0;never ends", "a");
	/* An ESC inside the string ends it and is dropped in turn. */
	expect_sanitized("\x1b]0;t\x1b[31mred", "red");
	expect_sanitized("\x1bP1$r0m\x1b\\dcs", "dcs");
	expect_sanitized("\x1b_apc\x1b\\x\x1b^pm\x1b\\y\x1bXsos\x1b\\z", "xyz");
}

static void
test_short_escapes(void **state)
{
	(void)state;
	expect_sanitized("\x1b" "c", "");               /* full reset */
	expect_sanitized("\x1b" "7a\x1b" "8", "a");     /* save, restore */
	expect_sanitized("\x1b(0lqk\x1b(B", "lqk");     /* line drawing */
	expect_sanitized("\x1b#8", "");                 /* screen alignment */
	expect_sanitized("a\x1b", "a");
	expect_sanitized("\x1b\x1b[31mz", "z");
	expect_sanitized("\x1b\n", FFFD);
	expect_sanitized("\x1b\xc3\xa9", "\xc3\xa9");
}

static void
test_c1(void **state)
{
	(void)state;
	expect_sanitized("\xc2\x9b" "31mX", FFFD "31mX"); /* 8-bit CSI */
	expect_sanitized("\x9b" "31mX", FFFD "31mX");     /* raw byte */
	expect_sanitized("a\xc2\x85" "b", "a" FFFD "b");  /* NEL */
	expect_sanitized("\xc2\x9d" "0;t\xc2\x9c", FFFD "0;t" FFFD);
	expect_sanitized("\xc2\x80\xc2\x9f\xc2\xa0", FFFD FFFD "\xc2\xa0");
}

static void
test_c0_and_del(void **state)
{
	(void)state;
	expect_sanitized("a\x07" "b", "a" FFFD "b");    /* BEL */
	expect_sanitized("abc\x08\x08\x08xyz", "abc" FFFD FFFD FFFD "xyz");
	expect_sanitized("a\rb\nc\td", "a" FFFD "b" FFFD "c" FFFD "d");
	expect_sanitized("a\x7f" "b", "a" FFFD "b");
	expect_sanitized("\x01\x1f", FFFD FFFD);
	expect_sanitized("\x18\x1a", FFFD FFFD);        /* CAN, SUB */
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	/* Overlong forms: of "/", of U+002F in 3 bytes, of U+20AC in 4. */
	expect_sanitized("\xc0\xaf", FFFD FFFD);
	expect_sanitized("\xc1\xbf", FFFD FFFD);
	expect_sanitized("\xe0\x80\xaf", FFFD FFFD FFFD);
	expect_sanitized("\xf0\x82\x82\xac", FFFD FFFD FFFD FFFD);
	/* Truncated, at the end and before ASCII. */
	expect_sanitized("\xe2\x82", FFFD FFFD);
	expect_sanitized("x\xe2\x82" "A", "x" FFFD FFFD "A");
	expect_sanitized("\xf0\x9f\x98", FFFD FFFD FFFD);
	/* Surrogates U+D800, U+DFFF; above U+10FFFF; never-used bytes. */
	expect_sanitized("\xed\xa0\x80", FFFD FFFD FFFD);
	expect_sanitized("\xed\xbf\xbf", FFFD FFFD FFFD);
	expect_sanitized("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);
	expect_sanitized("\xf5\x80", FFFD FFFD);
	expect_sanitized("\xff\xfe", FFFD FFFD);
	expect_sanitized("\x80" "a\xbf", FFFD "a" FFFD);
}

static void
test_bidi(void **state)
{
	(void)state;
	/* "Trojan source": RLO would show "txt.exe" as "exe.txt". */
	expect_sanitized("txt\xe2\x80\xae" "exe.", "txt" FFFD "exe.");
	expect_sanitized("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad",
			 FFFD FFFD FFFD FFFD);
	expect_sanitized("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9",
			 FFFD FFFD FFFD FFFD);
	expect_sanitized("\xe2\x80\x8e\xe2\x80\x8f", FFFD FFFD);
	expect_sanitized("\xd8\x9c", FFFD);              /* ALM */
	expect_sanitized("\xe2\x80\xa8\xe2\x80\xa9", FFFD FFFD);
	/* Neighbours stay. */
	expect_sanitized("\xe2\x80\xa6\xe2\x81\xa5",
			 "\xe2\x80\xa6\xe2\x81\xa5");
}

static void
test_small_dst(void **state)
{
	char out[16];
	size_t sz;

	(void)state;
	/* "日本" is 6 bytes: each size keeps whole characters only. */
	for (sz = 1; sz <= 8; sz++) {
		memset(out, 'X', sizeof(out));
		termtext_sanitize(out, sz, "\xe6\x97\xa5\xe6\x9c\xac");
		if (sz < 4)
			assert_string_equal(out, "");
		else if (sz < 7)
			assert_string_equal(out, "\xe6\x97\xa5");
		else
			assert_string_equal(out, "\xe6\x97\xa5\xe6\x9c\xac");
		assert_int_equal(out[sz], 'X');  /* nothing past dstsz */
	}
	/* The replacement character is 3 bytes too. */
	memset(out, 'X', sizeof(out));
	termtext_sanitize(out, 4, "ab\n");
	assert_string_equal(out, "ab");
	memset(out, 'X', sizeof(out));
	termtext_sanitize(out, 4, "\x1b[31mabcdef");
	assert_string_equal(out, "abc");
	/* dstsz 0: nothing written at all. */
	memset(out, 'X', sizeof(out));
	termtext_sanitize(out, 0, "abc");
	assert_int_equal(out[0], 'X');
	termtext_fit(out, 0, "abc", 3, 1);
	assert_int_equal(out[0], 'X');
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(termtext_width(""), 0);
	assert_int_equal(termtext_width(NULL), 0);
	assert_int_equal(termtext_width("abc"), 3);
	assert_int_equal(termtext_width("\xc3\xa9"), 1);          /* é */
	assert_int_equal(termtext_width("e\xcc\x81"), 1);         /* e U+0301 */
	assert_int_equal(termtext_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);
	assert_int_equal(termtext_width("\xed\x95\x9c"), 2);      /* 한 */
	assert_int_equal(termtext_width("\xef\xbc\xa1"), 2);      /* Ａ */
	assert_int_equal(termtext_width("\xf0\x9f\x98\x80"), 2);  /* 😀 */
	assert_int_equal(termtext_width("\xf0\xa0\x80\x80"), 2);  /* U+20000 */
	assert_int_equal(termtext_width(ELLIPSIS), 1);
	assert_int_equal(termtext_width(FFFD), 1);
	/* Raw input counts as it would once sanitized. */
	assert_int_equal(termtext_width("\x1b[31mab\x1b[0m"), 2);
	assert_int_equal(termtext_width("a\nb"), 3);
	assert_int_equal(termtext_width("\xc0\xaf"), 2);
}

static void
test_fit_ascii(void **state)
{
	(void)state;
	expect_fit("abcdef", 4, 0, "abc" ELLIPSIS);
	expect_fit("abcdef", 4, 1, "abc" ELLIPSIS);
	expect_fit("abcd", 4, 0, "abcd");
	expect_fit("ab", 4, 0, "ab");
	expect_fit("ab", 4, 1, "ab  ");
	expect_fit("", 3, 1, "   ");
	expect_fit("ab", 1, 0, ELLIPSIS);
	expect_fit("a", 1, 0, "a");
	expect_fit("abc", 0, 1, "");
	expect_fit(NULL, 2, 1, "  ");
}

static void
test_fit_accented(void **state)
{
	(void)state;
	expect_fit("h\xc3\xa9llo", 3, 0, "h\xc3\xa9" ELLIPSIS);
	expect_fit("h\xc3\xa9llo", 5, 0, "h\xc3\xa9llo");
	expect_fit("h\xc3\xa9", 4, 1, "h\xc3\xa9  ");
}

static void
test_fit_wide(void **state)
{
	const char *s = "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"; /* 日本語 */

	(void)state;
	expect_fit(s, 6, 0, s);
	expect_fit(s, 7, 1, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e ");
	expect_fit(s, 5, 0, "\xe6\x97\xa5\xe6\x9c\xac" ELLIPSIS);
	/* 本 would straddle the last text column: left out, padded. */
	expect_fit(s, 4, 0, "\xe6\x97\xa5" ELLIPSIS);
	expect_fit(s, 4, 1, "\xe6\x97\xa5" ELLIPSIS " ");
	expect_fit(s, 3, 1, "\xe6\x97\xa5" ELLIPSIS);
	expect_fit(s, 2, 1, ELLIPSIS " ");
	expect_fit(s, 1, 1, ELLIPSIS);
	expect_fit("a\xe6\x97\xa5", 2, 1, "a" ELLIPSIS);
	expect_fit("\xe6\x97\xa5", 1, 1, ELLIPSIS);
}

static void
test_fit_combining(void **state)
{
	const char *s = "e\xcc\x81" "e\xcc\x81" "e\xcc\x81";      /* éé é */

	(void)state;
	expect_fit(s, 3, 0, s);
	/* The mark stays with its letter; the next letter's is left out. */
	expect_fit(s, 2, 0, "e\xcc\x81" ELLIPSIS);
	expect_fit(s, 4, 1, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81 ");
	/* A mark alone is no column. */
	expect_fit("\xcc\x81", 2, 1, "\xcc\x81  ");
}

static void
test_fit_raw_input(void **state)
{
	(void)state;
	/* Never copies a control, even from unsanitized text. */
	expect_fit("\x1b]0;x\x07" "ab\ncd", 7, 1, "ab" FFFD "cd  ");
	expect_fit("\x1b[31mabcdef", 3, 0, "ab" ELLIPSIS);
	expect_fit("a\xe2\x80\xae" "b", 3, 1, "a" FFFD "b");
}

static void
test_fit_small_dst(void **state)
{
	char out[16];
	size_t sz;

	(void)state;
	/* Every size keeps whole characters and stays inside dst. */
	for (sz = 1; sz <= sizeof(out) - 1; sz++) {
		memset(out, 'X', sizeof(out));
		termtext_fit(out, sz,
		    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5, 1);
		assert_true(strlen(out) < sz);
		assert_int_equal(out[sz], 'X');
		assert_true(valid_utf8((const unsigned char *)out));
		assert_true(termtext_width(out) <= 5);
	}
	memset(out, 'X', sizeof(out));
	termtext_fit(out, 7, "abcdefgh", 5, 0);
	/* Room for "abc" and the ellipsis: the cut is still shown. */
	assert_string_equal(out, "abc" ELLIPSIS);
}

/* Deterministic noise: random bytes weighted towards the troublemakers. */
static uint32_t
lcg(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

static void
test_random_input(void **state)
{
	static const unsigned char pick[] = {
		0x1b, '[', ']', '\\', 0x07, 0x9b, 0x9c, 0xc2, 0xe2, 0x80,
		0xae, 0xed, 0xa0, 0xf0, 0xf4, 0x90, 0xe6, 0x97, 0xa5, 'a',
		'0', ';', 'm', 'P', '(', 0xcc, 0x81, '\n', 0x7f, 0xff,
	};
	/* Each input byte becomes at most 3 output bytes (U+FFFD). */
	char in[64], out[3 * sizeof(in)], twice[3 * sizeof(in)], fit[128];
	uint32_t seed = 42;
	int round;

	(void)state;
	for (round = 0; round < 20000; round++) {
		size_t n = lcg(&seed) % (sizeof(in) - 1), i;
		size_t cols = lcg(&seed) % 12;
		size_t sz = 1 + lcg(&seed) % sizeof(fit);

		for (i = 0; i < n; i++)
			in[i] = (char)(lcg(&seed) % 3 ?
			    pick[lcg(&seed) % sizeof(pick)] :
			    1 + lcg(&seed) % 255);
		in[n] = '\0';

		termtext_sanitize(out, sz, in);
		assert_true(strlen(out) < sz);
		assert_true(valid_utf8((const unsigned char *)out));
		assert_true(printable(out));

		termtext_fit(fit, sizeof(fit), in, cols, 1);
		assert_true(valid_utf8((const unsigned char *)fit));
		assert_true(printable(fit));
		assert_int_equal(termtext_width(fit), cols);

		termtext_fit(fit, sz, in, cols, (int)(round & 1));
		assert_true(strlen(fit) < sz);
		assert_true(termtext_width(fit) <= cols);

		/* width and fit see what sanitize makes; sanitizing twice
		 * changes nothing. */
		termtext_sanitize(out, sizeof(out), in);
		assert_int_equal(termtext_width(in), termtext_width(out));
		termtext_fit(fit, sizeof(fit), out, cols, 1);
		termtext_fit(twice, sizeof(twice), in, cols, 1);
		assert_string_equal(fit, twice);
		termtext_sanitize(twice, sizeof(twice), out);
		assert_string_equal(twice, out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_csi),
		cmocka_unit_test(test_osc_and_strings),
		cmocka_unit_test(test_short_escapes),
		cmocka_unit_test(test_c1),
		cmocka_unit_test(test_c0_and_del),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_bidi),
		cmocka_unit_test(test_small_dst),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit_ascii),
		cmocka_unit_test(test_fit_accented),
		cmocka_unit_test(test_fit_wide),
		cmocka_unit_test(test_fit_combining),
		cmocka_unit_test(test_fit_raw_input),
		cmocka_unit_test(test_fit_small_dst),
		cmocka_unit_test(test_random_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
