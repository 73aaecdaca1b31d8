/* libFuzzer target: the terminal sanitizer is what stands between every
 * string from a cluster and the operator's terminal. Its promises are
 * checked here with a decoder of the target's own, and any broken one
 * aborts so that libFuzzer reports the input: what termtext_sanitize,
 * termtext_preview and termtext_fit give is valid shortest-form UTF-8
 * with no C0 control (tab and newline included), no DEL, no C1 control,
 * no bidi control and no line or paragraph separator; it ends with a NUL
 * inside the buffer; sanitizing it again changes nothing; width and fit
 * read raw text as they read it sanitized; fit takes no more columns than
 * asked. The first input byte picks the buffer size and the columns,
 * the rest is the text (up to its first NUL, as a C string is). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/util/glyph.h"
#include "backend/util/termtext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One character of s, strictly (RFC 3629), written apart from termtext's
 * own decoder so that the two can disagree. 0 if s does not start one. */
static size_t
decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c, min;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2, c = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3, c = s[0] & 0x0f, min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* What may never reach the terminal, spelt out again from the header's
 * promise rather than taken from termtext_forbidden. */
static bool
forbidden(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c ||
	       c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e) ||
	       (c >= 0x2066 && c <= 0x2069);
}

/* dst[0..dstsz) holds a NUL, and the text before it is clean. Returns
 * its length. */
static size_t
check_clean(const char *dst, size_t dstsz, bool ascii)
{
	const unsigned char *s = (const unsigned char *)dst;
	const char *nul = memchr(dst, '\0', dstsz);
	size_t len, i, k;
	uint32_t c;

	if (nul == NULL)
		abort();        /* not terminated inside the buffer */
	len = (size_t)(nul - dst);
	for (i = 0; i < len; i += k) {
		k = decode(s + i, len - i, &c);
		if (k == 0)
			abort();        /* invalid UTF-8 */
		if (forbidden(c))
			abort();        /* a control reached the terminal */
		if (ascii && c >= 0x80)
			abort();        /* non-UTF-8 terminal got UTF-8 */
		if (termtext_forbidden(c))
			abort();        /* the two lists disagree */
	}
	return len;
}

static void
run(const char *text, size_t textlen, unsigned knob, bool utf8)
{
	/* Buffer sizes from 1 byte (the NUL alone) up to room to spare. */
	size_t small = 1 + knob % 24, big = 4 * textlen + 32;
	size_t cols = knob % 41, len, w;
	char *dst = malloc(big), *again = malloc(big), *fit;
	char preview[4 * TERMTEXT_PREVIEW];

	if (dst == NULL || again == NULL)
		abort();
	glyph_set_utf8(utf8);

	/* Room for all of it: whole, clean, a fixed point. */
	termtext_sanitize(dst, big, text);
	len = check_clean(dst, big, !utf8);
	termtext_sanitize(again, big, dst);
	if (strcmp(again, dst) != 0)
		abort();        /* sanitized text changed when sanitized */
	/* Width and fit read raw text as they read it sanitized. */
	w = termtext_width(text);
	if (w != termtext_width(dst))
		abort();
	(void)len;

	/* A small buffer: cut at a character, never past the end. */
	termtext_sanitize(again, small, text);
	if (check_clean(again, small, !utf8) >= small)
		abort();
	if (strncmp(again, dst, strlen(again)) != 0)
		abort();        /* the cut is not a prefix of the whole */

	/* The preview of untrusted text for an error message. */
	termtext_preview(preview, sizeof(preview), text, textlen);
	check_clean(preview, sizeof(preview), !utf8);
	if (textlen <= TERMTEXT_PREVIEW && strcmp(preview, dst) != 0)
		abort();        /* short text previewed as itself */

	/* Fit in cols columns, cut with the ellipsis or padded. */
	fit = malloc(big + 4 * cols + 8);
	if (fit == NULL)
		abort();
	termtext_fit(fit, big + 4 * cols + 8, text, cols, knob & 0x80);
	check_clean(fit, big + 4 * cols + 8, !utf8);
	if (termtext_width(fit) > cols)
		abort();        /* wider than asked */
	if ((knob & 0x80) && termtext_width(fit) != cols)
		abort();        /* padded, with room, yet not cols wide */
	if (cols > 0 && w <= cols && !(knob & 0x80) &&
	    strcmp(fit, dst) != 0)
		abort();        /* fits, yet not as sanitized */
	termtext_fit(again, small, text, cols, knob & 0x40);
	check_clean(again, small, !utf8);
	if (termtext_width(again) > cols)
		abort();
	free(fit);
	free(dst);
	free(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;
	size_t textlen;
	unsigned knob;

	if (size == 0)
		return 0;
	knob = data[0];
	textlen = size - 1;
	text = malloc(textlen + 1);
	if (text == NULL)
		abort();
	memcpy(text, data + 1, textlen);
	text[textlen] = '\0';
	/* termtext reads a C string; preview reads len bytes, NULs too. */
	run(text, textlen, knob, true);
	run(text, strlen(text), knob, false);
	glyph_set_utf8(true);
	free(text);
	return 0;
}
