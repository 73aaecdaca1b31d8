/* Terminal-safe text. Every name and message from a cluster is untrusted:
 * a resource id or a failure reason could carry an escape sequence that
 * retitles the window, moves the cursor, switches the character set or
 * reorders the line (bidi overrides). Here it becomes plain, valid UTF-8.
 *
 * Why no mbrtowc()/wcwidth(): they follow the process locale, which under
 * LANG=C is ASCII-only and differs between libcs, so widths (and the tests)
 * would change with the environment. We decode UTF-8 strictly ourselves and
 * measure with a compact table: East Asian wide ranges and the common
 * combining marks. Characters outside the table take one column; a
 * terminal that disagrees about a rare character misaligns one row, it
 * cannot be tricked into running anything.
 *
 * termtext_width() and termtext_fit() read their input through the same
 * filter as termtext_sanitize(), so they behave exactly as on sanitized
 * text and never copy a control character even when given raw input. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backend/util/glyph.h"
#include "backend/util/termtext.h"

#define TT_REPLACEMENT 0xFFFDu
#define TT_SKIP UINT32_MAX          /* a dropped escape sequence */

#define ESC 0x1b
#define BEL 0x07

/* Strictly decodes one UTF-8 character at s. Returns its length and sets
 * *cp, or returns 0 when the byte at s does not start a valid, shortest
 * form sequence of a scalar value (overlong, surrogate, above U+10FFFF,
 * truncated, stray continuation byte). Never reads past a NUL, since NUL
 * is not a continuation byte. */
size_t
termtext_decode(const unsigned char *s, uint32_t *cp)
{
	unsigned char b = s[0], lo = 0x80, hi = 0xbf;
	size_t len, i;
	uint32_t c;

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	if (b >= 0xc2 && b <= 0xdf) {
		len = 2;
		c = b & 0x1f;
	} else if (b >= 0xe0 && b <= 0xef) {
		len = 3;
		c = b & 0x0f;
		if (b == 0xe0)
			lo = 0xa0;      /* overlong below U+0800 */
		else if (b == 0xed)
			hi = 0x9f;      /* U+D800..U+DFFF are surrogates */
	} else if (b >= 0xf0 && b <= 0xf4) {
		len = 4;
		c = b & 0x07;
		if (b == 0xf0)
			lo = 0x90;      /* overlong below U+10000 */
		else if (b == 0xf4)
			hi = 0x8f;      /* above U+10FFFF */
	} else
		return 0;               /* C0, C1, F5..FF, continuation */

	for (i = 1; i < len; i++) {
		unsigned char t = s[i];

		if (t < lo || t > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
		c = (c << 6) | (t & 0x3f);
	}
	*cp = c;
	return len;
}

/* Characters that must never reach the terminal as themselves: C0, DEL
 * and C1 controls (U+009B is the 8-bit CSI), the bidi controls behind
 * "Trojan Source" reordering, and the line and paragraph separators,
 * which some terminals treat as line breaks. */
bool
termtext_forbidden(uint32_t c)
{
	if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
		return true;
	if (c == 0x061c || c == 0x200e || c == 0x200f)
		return true;
	if (c >= 0x2028 && c <= 0x202e)
		return true;
	if (c >= 0x2066 && c <= 0x2069)
		return true;
	return false;
}

/* Length of a string introduced by ESC P, X, ^, _ or ] (DCS, SOS, PM, APC,
 * OSC), counted from its first byte after the introducer, terminator
 * included. It ends at BEL (xterm's OSC terminator), at ST (ESC \ or the
 * C1 ST U+009C), or at the end of the text. Any other ESC ends it without
 * being consumed, so that it starts a sequence of its own that is dropped
 * in turn. */
static size_t
tt_string_len(const unsigned char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == BEL)
			return i + 1;
		if (s[i] == 0xc2 && s[i + 1] == 0x9c)
			return i + 2;
		if (s[i] == ESC)
			return s[i + 1] == '\\' ? i + 2 : i;
	}
	return i;
}

/* Length of the escape sequence at s (s[0] is ESC). */
static size_t
tt_escape_len(const unsigned char *s)
{
	size_t i;

	switch (s[1]) {
	case '[':
		/* CSI: parameter and intermediate bytes, then a final byte.
		 * Anything else ends it unconsumed, as a terminal would. */
		for (i = 2; s[i] >= 0x20 && s[i] <= 0x3f; i++)
			;
		if (s[i] >= 0x40 && s[i] <= 0x7e)
			i++;
		return i;
	case ']':
	case 'P':
	case 'X':
	case '^':
	case '_':
		return 2 + tt_string_len(s + 2);
	}
	/* ESC, intermediates, final: the 2-byte forms (ESC c, ESC 7, ...)
	 * and designations such as ESC ( 0, which would switch the terminal
	 * to line-drawing characters if only "ESC (" were dropped. */
	for (i = 1; s[i] >= 0x20 && s[i] <= 0x2f; i++)
		;
	if (s[i] >= 0x30 && s[i] <= 0x7e)
		i++;
	return i;
}

/* The next item of s: returns the bytes it takes (0 at the end) and sets
 * *cp to the character to show in its place, U+FFFD for an invalid byte
 * or a forbidden character, or TT_SKIP for an escape sequence. */
static size_t
tt_next(const unsigned char *s, uint32_t *cp)
{
	size_t n;

	if (s[0] == '\0')
		return 0;
	if (s[0] == ESC) {
		*cp = TT_SKIP;
		return tt_escape_len(s);
	}
	n = termtext_decode(s, cp);
	if (n == 0) {
		/* An invalid byte: one replacement character, which goes
		 * through the locale's test below like any other. */
		*cp = TT_REPLACEMENT;
		n = 1;
	} else if (termtext_forbidden(*cp)) {
		*cp = TT_REPLACEMENT;
	}
	/* A terminal whose locale is not UTF-8 would show the bytes of
	 * anything beyond ASCII as garbage of another width: one '?' each
	 * keeps the columns true (glyph.h). */
	if (*cp >= 0x80 && !glyph_utf8())
		*cp = '?';
	return n;
}

static size_t
tt_encode(uint32_t c, char out[4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

struct tt_range {
	uint32_t first, last;
};

/* Combining marks and other characters of no width (wcwidth() 0 in
 * glibc), the common ranges only. */
static const struct tt_range tt_zero[] = {
	{ 0x0300, 0x036f },     /* combining diacritical marks */
	{ 0x0483, 0x0489 },     /* Cyrillic */
	{ 0x0591, 0x05bd },     /* Hebrew points */
	{ 0x05bf, 0x05bf },
	{ 0x05c1, 0x05c2 },
	{ 0x05c4, 0x05c5 },
	{ 0x05c7, 0x05c7 },
	{ 0x0610, 0x061a },     /* Arabic */
	{ 0x064b, 0x065f },
	{ 0x0670, 0x0670 },
	{ 0x06d6, 0x06dc },
	{ 0x06df, 0x06e4 },
	{ 0x06e7, 0x06e8 },
	{ 0x06ea, 0x06ed },
	{ 0x0e31, 0x0e31 },     /* Thai */
	{ 0x0e34, 0x0e3a },
	{ 0x0e47, 0x0e4e },
	{ 0x1160, 0x11ff },     /* Hangul medial vowels, final consonants */
	{ 0x1ab0, 0x1aff },     /* combining marks extended */
	{ 0x1dc0, 0x1dff },     /* combining marks supplement */
	{ 0x200b, 0x200d },     /* zero width space, (non-)joiner */
	{ 0x20d0, 0x20ff },     /* combining marks for symbols */
	{ 0x302a, 0x302d },     /* ideographic tone marks */
	{ 0x3099, 0x309a },     /* kana voicing marks */
	{ 0xfe00, 0xfe0f },     /* variation selectors */
	{ 0xfe20, 0xfe2f },     /* combining half marks */
	{ 0xfeff, 0xfeff },     /* zero width no-break space */
	{ 0xe0100, 0xe01ef },   /* variation selectors supplement */
};

/* East Asian wide and fullwidth characters, and the emoji blocks that
 * terminals draw two columns wide. */
static const struct tt_range tt_wide[] = {
	{ 0x1100, 0x115f },     /* Hangul leading consonants */
	{ 0x2e80, 0x302f },     /* CJK radicals .. ideographic punctuation */
	{ 0x3030, 0x303e },
	{ 0x3040, 0xa4cf },     /* kana .. CJK ideographs .. Yi */
	{ 0xac00, 0xd7a3 },     /* Hangul syllables */
	{ 0xf900, 0xfaff },     /* CJK compatibility ideographs */
	{ 0xfe30, 0xfe4f },     /* CJK compatibility forms */
	{ 0xff00, 0xff60 },     /* fullwidth forms */
	{ 0xffe0, 0xffe6 },
	{ 0x1f300, 0x1f64f },   /* pictographs, emoticons */
	{ 0x1f680, 0x1f6ff },   /* transport and map symbols */
	{ 0x1f900, 0x1f9ff },   /* supplemental pictographs */
	{ 0x20000, 0x3fffd },   /* CJK extensions B and later */
};

static bool
tt_in(const struct tt_range *r, size_t n, uint32_t c)
{
	size_t lo = 0, hi = n;

	/* Binary search: both tables are sorted and disjoint. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < r[mid].first)
			hi = mid;
		else if (c > r[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

static size_t
tt_cpwidth(uint32_t c)
{
	if (c == TT_SKIP)
		return 0;
	if (c < 0x300)
		return 1;       /* the fast path: Latin, with controls gone */
	if (tt_in(tt_zero, sizeof(tt_zero) / sizeof(tt_zero[0]), c))
		return 0;
	if (tt_in(tt_wide, sizeof(tt_wide) / sizeof(tt_wide[0]), c))
		return 2;
	return 1;
}

/* Appends n bytes when they fit with room left for the NUL; all or
 * nothing, so that a character is never cut in half. */
static bool
tt_put(char *dst, size_t dstsz, size_t *len, const char *p, size_t n)
{
	if (dstsz - *len <= n)
		return false;
	memcpy(dst + *len, p, n);
	*len += n;
	return true;
}

char *
termtext_sanitize(char *dst, size_t dstsz, const char *src)
{
	const unsigned char *s = (const unsigned char *)(src ? src : "");
	size_t len = 0, n;
	uint32_t c;
	char buf[4];

	if (dst == NULL || dstsz == 0)
		return dst;
	while ((n = tt_next(s, &c)) != 0) {
		s += n;
		if (c == TT_SKIP)
			continue;
		if (!tt_put(dst, dstsz, &len, buf, tt_encode(c, buf)))
			break;
	}
	dst[len] = '\0';
	return dst;
}

char *
termtext_preview(char *dst, size_t dstsz, const char *text, size_t len)
{
	char raw[TERMTEXT_PREVIEW + 1];
	size_t n = len < TERMTEXT_PREVIEW ? len : TERMTEXT_PREVIEW;

	memcpy(raw, text, n);
	raw[n] = '\0';
	termtext_sanitize(dst, dstsz, raw);
	if (n < len && strlen(dst) + 4 < dstsz)
		strcat(dst, "...");
	return dst;
}

size_t
termtext_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t cols = 0, n;
	uint32_t c;

	while ((n = tt_next(s, &c)) != 0) {
		s += n;
		cols += tt_cpwidth(c);
	}
	return cols;
}

/* When s is cut, the "…" takes the last column; a wide character that
 * would straddle it is left out, and the padding (when asked for) fills
 * its column. Without pad the result may be a column short of cols. When
 * dst is too small for the text, it ends early at a character boundary,
 * keeping room for the "…" where it can. */
char *
termtext_fit(char *dst, size_t dstsz, const char *str, size_t cols, int pad)
{
	const char *ellipsis = glyph(GLYPH_ELLIPSIS);   /* one column */
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t len = 0, used = 0, budget, reserve, n, w;
	bool cut;
	uint32_t c;
	char buf[4];

	if (dst == NULL || dstsz == 0)
		return dst;
	if (cols == 0) {
		/* Not even a combining mark: it would join the cell before. */
		dst[0] = '\0';
		return dst;
	}
	cut = termtext_width(str) > cols;
	budget = cut ? cols - 1 : cols;
	reserve = cut ? strlen(ellipsis) : 0;

	while ((n = tt_next(s, &c)) != 0) {
		s += n;
		if (c == TT_SKIP)
			continue;
		w = tt_cpwidth(c);
		if (used + w > budget)
			break;
		n = tt_encode(c, buf);
		if (dstsz - len <= n + reserve)
			break;
		memcpy(dst + len, buf, n);
		len += n;
		used += w;
	}
	if (reserve > 0 && tt_put(dst, dstsz, &len, ellipsis, reserve))
		used++;
	while (pad && used < cols && tt_put(dst, dstsz, &len, " ", 1))
		used++;
	dst[len] = '\0';
	return dst;
}
