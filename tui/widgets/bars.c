/* The tab and status lines; see bars.h. */
#include <stdio.h>

#include "backend/util/glyph.h"
#include "tui/widgets/bars.h"
#include "tui/widgets/text.h"
#include "tui/widgets/widget_priv.h"

static int
tabs_width(const struct tabbar *t, bool compact)
{
	char label[64];
	size_t i;
	int x = 0;

	for (i = 0; i < t->n_tabs; i++) {
		if (compact && i != t->current)
			snprintf(label, sizeof label, " %zu ", i + 1);
		else
			snprintf(label, sizeof label, " %zu %s ", i + 1,
			    t->tabs[i]);
		x += widget_width(label);
	}
	return x;
}

void
tabbar_draw(WINDOW *w, const struct theme *th, const struct tabbar *t)
{
	char label[64];
	int W = getmaxx(w), x = 0, rest, sw;
	size_t i;
	bool compact;

	werase(w);
	if (t->cluster != NULL) {
		x += widget_text(w, 0, x, W - x, t->cluster,
		    theme_part(th, PART_TITLE), false);
		snprintf(label, sizeof label, " %s", glyph(GLYPH_NEXT));
		x += widget_text(w, 0, x, W - x, label, theme_part(th,
		    PART_DIM), false);
	}
	compact = x + tabs_width(t, false) > W - 10;
	for (i = 0; i < t->n_tabs && x < W; i++) {
		if (compact && i != t->current)
			snprintf(label, sizeof label, " %zu ", i + 1);
		else
			snprintf(label, sizeof label, " %zu %s ", i + 1,
			    t->tabs[i]);
		x += widget_text(w, 0, x, W - x, label, theme_part(th,
		    i == t->current ? PART_TAB_ACTIVE : PART_TAB), false);
	}
	rest = W - x - 1;
	for (i = 0; i < t->n_summary; i++) {
		sw = widget_width(t->summary[i]);
		if (sw <= rest) {
			widget_text(w, 0, W - sw, sw, t->summary[i], A_NORMAL,
			    false);
			break;
		}
	}
}

static int
bar_sep(WINDOW *w, const struct theme *th, int x, int W)
{
	char sep[8];

	snprintf(sep, sizeof sep, " %s ", glyph(GLYPH_BAR));
	return widget_text(w, 0, x, W - x, sep, theme_part(th, PART_DIM),
	    false);
}

void
statusbar_draw(WINDOW *w, const struct theme *th, const struct statusbar *s)
{
	char age[320];
	int W = getmaxx(w), x = 0;

	werase(w);
	x += widget_text(w, 0, x, W - x, s->cluster, theme_part(th,
	    PART_TITLE), false);
	if (s->source != NULL && s->source[0] != '\0') {
		x += bar_sep(w, th, x, W);
		x += widget_text(w, 0, x, W - x, s->source, A_NORMAL, false);
	}
	x += bar_sep(w, th, x, W);
	if (s->stale && s->error != NULL && s->error[0] != '\0')
		snprintf(age, sizeof age, "%s: %s", s->age, s->error);
	else
		snprintf(age, sizeof age, "%s", s->age);
	/* The error may be long: keep room for the mode and a message. */
	x += widget_text(w, 0, x, imin(W - x, imax(W / 3, 12)), age,
	    s->stale ? theme_tone(th, TONE_UNKNOWN) | A_BOLD : A_NORMAL,
	    false);
	x += bar_sep(w, th, x, W);
	if (s->readonly)
		x += widget_text(w, 0, x, W - x, "READ-ONLY", theme_part(th,
		    PART_READONLY), false);
	else
		x += widget_text(w, 0, x, W - x, "rw", theme_part(th,
		    PART_DIM), false);
	if (s->message != NULL && s->message[0] != '\0') {
		x += bar_sep(w, th, x, W);
		widget_text(w, 0, x, W - x, s->message,
		    theme_tone(th, s->message_tone), false);
	}
}
