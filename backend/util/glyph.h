/* The few characters ccon draws beyond ASCII (tree lines, the ellipsis
 * of cut text, marks), each with an ASCII stand-in for a terminal whose
 * locale is not UTF-8 (LANG=C, an ISO-8859 locale). Whether to use UTF-8
 * is decided once at start, from the locale (nl_langinfo(CODESET)), by
 * glyph_set_utf8(); until then, and in the tests, it is UTF-8.
 *
 * Every drawn glyph goes through glyph(): a new one is one enum value
 * and one line of the table in glyph.c, in both forms. */
#ifndef CCON_GLYPH_H
#define CCON_GLYPH_H

#include <stdbool.h>

enum glyph {
	GLYPH_TREE_MID,       /* "├─ " a member with more below it */
	GLYPH_TREE_LAST,      /* "└─ " the last member */
	GLYPH_ELLIPSIS,       /* "…" text cut here (one column) */
	GLYPH_NEW_ABOVE,      /* "▲" new lines arrived above */
	GLYPH_BAR,            /* "│" between the fields of the status bar */
	GLYPH_NEXT,           /* "›" after the cluster's name in the tab bar */
	GLYPH_DOT,            /* "·" between two things said on one line */
	GLYPH_ARROW,          /* "→" from one state to the next (events) */
	GLYPH_HEALTH_OK,      /* "●" a cluster in good health (tab line) */
	GLYPH_HEALTH_BAD,     /* "✖" a cluster with a failure, no quorum */
	GLYPH_FOLDED,         /* "▸" a folded group of the tree */
	GLYPH_COUNT
};

/* Called once at start, before any thread is started and anything is
 * drawn: the only write to the choice. */
void glyph_set_utf8(bool utf8);
bool glyph_utf8(void);
/* The glyph in the form the terminal can show; never NULL. Both forms
 * take the same number of columns, but for the arrow ("->"), which is
 * only ever inside running text. */
const char *glyph(enum glyph g);

#endif
