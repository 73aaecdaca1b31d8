/* Glyphs and their ASCII stand-ins; see glyph.h. */
#include "backend/util/glyph.h"

#include <stddef.h>

/* Written once at start (glyph_set_utf8), read-only after: like the
 * locale it comes from, one process-wide fact rather than state. */
static bool glyph_is_utf8 = true;

static const struct {
	const char *utf8;
	const char *ascii;
} glyphs[GLYPH_COUNT] = {
	[GLYPH_TREE_MID] = { "\xe2\x94\x9c\xe2\x94\x80 ", "|- " },
	[GLYPH_TREE_LAST] = { "\xe2\x94\x94\xe2\x94\x80 ", "`- " },
	[GLYPH_ELLIPSIS] = { "\xe2\x80\xa6", "~" },
	[GLYPH_NEW_ABOVE] = { "\xe2\x96\xb2", "^" },
	[GLYPH_BAR] = { "\xe2\x94\x82", "|" },
	[GLYPH_NEXT] = { "\xe2\x80\xba", ">" },
	[GLYPH_DOT] = { "\xc2\xb7", "-" },
	[GLYPH_ARROW] = { "\xe2\x86\x92", "->" },
	[GLYPH_HEALTH_OK] = { "\xe2\x97\x8f", "+" },
	[GLYPH_HEALTH_BAD] = { "\xe2\x9c\x96", "!" },
	[GLYPH_FOLDED] = { "\xe2\x96\xb8", ">" },
};

void
glyph_set_utf8(bool utf8)
{
	glyph_is_utf8 = utf8;
}

bool
glyph_utf8(void)
{
	return glyph_is_utf8;
}

const char *
glyph(enum glyph g)
{
	if ((unsigned)g >= GLYPH_COUNT || glyphs[g].utf8 == NULL)
		return "?";
	return glyph_is_utf8 ? glyphs[g].utf8 : glyphs[g].ascii;
}
