/* The tab, key and status lines; see bars.h. */
#include <stdio.h>
#include <string.h>

#include "backend/util/glyph.h"
#include "tui/widgets/bars.h"
#include "tui/widgets/text.h"
#include "tui/widgets/widget_priv.h"

/* ---- the tab line ----------------------------------------------------- */

/* How the other clusters are written when room is short: each by name,
 * the bad ones by name and the rest as marks, or marks only. */
enum others_form { OTHERS_NAMES, OTHERS_BAD_NAMES, OTHERS_MARKS };

/* What gives way, in turn, when the line is too short. */
static const struct {
	bool compact;                   /* tabs as numbers but the current */
	enum others_form others;
} shrink[] = {
	{ false, OTHERS_NAMES }, { true, OTHERS_NAMES },
	{ true, OTHERS_BAD_NAMES }, { true, OTHERS_MARKS },
};

static void
tab_label(const struct tabbar *t, size_t i, bool compact, char *buf,
	  size_t sz)
{
	if (compact && i != t->current)
		snprintf(buf, sz, " %zu ", i + 1);
	else
		snprintf(buf, sz, " %zu %s ", i + 1, t->tabs[i]);
}

static void
overview_label(const struct tabbar *t, bool compact, char *buf, size_t sz)
{
	if (compact && !t->overview_current)
		snprintf(buf, sz, " 0 ");
	else
		snprintf(buf, sz, " 0 %s ", t->overview);
}

static int
tabs_width(const struct tabbar *t, bool compact)
{
	char label[64];
	size_t i;
	int x = 0;

	if (t->overview != NULL) {
		overview_label(t, compact, label, sizeof label);
		x += widget_width(label);
	}
	for (i = 0; i < t->n_tabs; i++) {
		tab_label(t, i, compact, label, sizeof label);
		x += widget_width(label);
	}
	return x;
}

static bool
other_named(const struct tabbar_cluster *c, enum others_form f)
{
	return f == OTHERS_NAMES || (f == OTHERS_BAD_NAMES && c->bad);
}

/* " │ " and each other cluster, "name●" or "●", a space between. */
static int
others_width(const struct tabbar *t, enum others_form f)
{
	size_t i;
	int x = 0, n = 0;

	for (i = 0; i < t->n_clusters; i++) {
		if (i == t->cur_cluster)
			continue;
		x += (n++ > 0 && other_named(&t->clusters[i], f) ? 1 : 0) +
		    widget_width(t->clusters[i].mark);
		if (other_named(&t->clusters[i], f))
			x += widget_width(t->clusters[i].name);
	}
	return n > 0 ? x + 3 : 0;
}

static int
form_width(const struct tabbar_form *f)
{
	size_t i;
	int x = 0;

	for (i = 0; i < f->n; i++)
		x += widget_width(f->segs[i].text);
	return x;
}

static attr_t
alert_attr(const struct theme *th)
{
	/* Red and bold; without colour, reverse: bold alone is what a
	 * heading looks like. */
	return th->color ? theme_tone(th, TONE_FAILED) | A_BOLD :
	    A_BOLD | A_REVERSE;
}

static void
add_hit(struct bar_hits *h, int x0, int x1, enum bar_hit_kind kind,
	size_t index)
{
	if (h == NULL || h->n >= BAR_HITS_MAX || x1 <= x0)
		return;
	h->v[h->n++] = (struct bar_hit){ .x0 = x0, .x1 = x1, .kind = kind,
	    .index = index };
}

static int
draw_cluster(WINDOW *w, const struct theme *th, int x, int W,
	     const struct tabbar_cluster *c, bool named, attr_t name_attr)
{
	int x0 = x;

	if (named)
		x += widget_text(w, 0, x, W - x, c->name, name_attr, false);
	x += widget_text(w, 0, x, W - x, c->mark, theme_tone(th, c->tone),
	    false);
	return x - x0;
}

void
tabbar_draw(WINDOW *w, const struct theme *th, const struct tabbar *t,
	    struct bar_hits *hits)
{
	char label[64];
	int W = getmaxx(w), x = 0, x0, rest, sw, left, need;
	const struct tabbar_form *last;
	enum others_form of = OTHERS_NAMES;
	size_t i, n;
	bool compact = false, found = false;

	werase(w);
	if (hits != NULL)
		hits->n = 0;
	if (t->n_clusters > 0) {
		x0 = x;
		x += draw_cluster(w, th, x, W, &t->clusters[t->cur_cluster],
		    true, theme_part(th, PART_TITLE));
		add_hit(hits, x0, x, BAR_HIT_CLUSTER, t->cur_cluster);
		snprintf(label, sizeof label, " %s", glyph(GLYPH_NEXT));
		x += widget_text(w, 0, x, W - x, label, theme_part(th,
		    PART_DIM), false);
	}
	/* The tabs shrink first, then the other clusters, so that the
	 * shortest summary (the counts) still fits beside them. */
	last = t->n_summary > 0 ? &t->summary[t->n_summary - 1] : NULL;
	need = last != NULL ? form_width(last) + 1 : 0;
	for (i = 0; i < sizeof shrink / sizeof shrink[0] && !found; i++) {
		compact = shrink[i].compact;
		of = shrink[i].others;
		left = x + tabs_width(t, compact) + others_width(t, of);
		found = left + need <= W;
	}
	if (t->overview != NULL && x < W) {
		overview_label(t, compact, label, sizeof label);
		x0 = x;
		x += widget_text(w, 0, x, W - x, label, theme_part(th,
		    t->overview_current ? PART_TAB_ACTIVE : PART_TAB), false);
		add_hit(hits, x0, x, BAR_HIT_OVERVIEW, 0);
	}
	for (i = 0; i < t->n_tabs && x < W; i++) {
		tab_label(t, i, compact, label, sizeof label);
		x0 = x;
		x += widget_text(w, 0, x, W - x, label, theme_part(th,
		    i == t->current ? PART_TAB_ACTIVE : PART_TAB), false);
		add_hit(hits, x0, x, BAR_HIT_VIEW, i);
	}
	if (t->n_clusters > 1 && x < W)
		x += widget_text(w, 0, x, W - x, " │ ", theme_part(th,
		    PART_DIM), false);
	for (i = 0, n = 0; i < t->n_clusters && x < W; i++) {
		if (i == t->cur_cluster)
			continue;
		if (n++ > 0 && other_named(&t->clusters[i], of))
			x += widget_text(w, 0, x, W - x, " ", A_NORMAL, false);
		x0 = x;
		x += draw_cluster(w, th, x, W, &t->clusters[i],
		    other_named(&t->clusters[i], of), A_NORMAL);
		add_hit(hits, x0, x, BAR_HIT_CLUSTER, i);
	}
	rest = W - x - 1;
	for (i = 0; i < t->n_summary; i++) {
		const struct tabbar_form *f = &t->summary[i];
		size_t k;

		sw = form_width(f);
		if (sw > rest)
			continue;
		x = W - sw;
		for (k = 0; k < f->n; k++)
			x += widget_text(w, 0, x, W - x, f->segs[k].text,
			    f->segs[k].alert ? alert_attr(th) : A_NORMAL,
			    false);
		break;
	}
}

const struct bar_hit *
bar_hit_at(const struct bar_hits *h, int x)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (x >= h->v[i].x0 && x < h->v[i].x1)
			return &h->v[i];
	return NULL;
}

/* ---- the key bar ------------------------------------------------------ */

void
keybar_draw(WINDOW *w, const struct theme *th,
	    const struct keybar_item *items, size_t n)
{
	int W = getmaxx(w), x = 0;
	size_t i;

	werase(w);
	for (i = 0; i < n && x < W; i++) {
		if (i > 0)
			x += widget_text(w, 0, x, W - x, "  ", A_NORMAL, false);
		x += widget_text(w, 0, x, W - x, items[i].key,
		    theme_part(th, PART_TAB_ACTIVE), false);
		x += widget_text(w, 0, x, W - x, " ", A_NORMAL, false);
		x += widget_text(w, 0, x, W - x, items[i].word,
		    theme_part(th, PART_DIM), false);
	}
}

/* ---- the status line -------------------------------------------------- */

static void
age_text(const struct statusbar *s, char *buf, size_t sz)
{
	if (s->stale && s->error != NULL && s->error[0] != '\0')
		snprintf(buf, sz, "%s: %s", s->age, s->error);
	else
		snprintf(buf, sz, "%s", s->age);
}

static const char *
mode_text(const struct statusbar *s)
{
	return s->readonly ? "READ-ONLY" : "rw";
}

void
statusbar_layout(const struct statusbar *s, int cols, struct statusbar_fit *f)
{
	char age[320];
	int rest, want;

	memset(f, 0, sizeof *f);
	/* The mode first, at the end of the fixed fields: reserved. */
	f->mode = imin(widget_width(mode_text(s)), imax(cols, 0));
	rest = cols - f->mode;
	f->cluster = imin(widget_width(s->cluster), imax(rest - STATUSBAR_SEP,
	    0));
	rest -= f->cluster + STATUSBAR_SEP;
	if (rest <= 0)
		return;
	if (s->source != NULL && s->source[0] != '\0' &&
	    rest > STATUSBAR_SEP) {
		f->source = imin(widget_width(s->source), rest - STATUSBAR_SEP);
		rest -= f->source + STATUSBAR_SEP;
	}
	age_text(s, age, sizeof age);
	/* The error may be long: keep room for a message. */
	if (rest > STATUSBAR_SEP) {
		f->age = imin(imin(widget_width(age), rest - STATUSBAR_SEP),
		    imax(cols / 3, 12));
		rest -= f->age + STATUSBAR_SEP;
	}
	if (s->message != NULL && s->message[0] != '\0' &&
	    rest > STATUSBAR_SEP) {
		want = widget_width(s->message);
		f->message = imin(want, rest - STATUSBAR_SEP);
		f->message_cut = want > f->message;
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
	struct statusbar_fit f;
	char age[320];
	int W = getmaxx(w), x = 0;

	werase(w);
	statusbar_layout(s, W, &f);
	x += widget_text(w, 0, x, f.cluster, s->cluster, theme_part(th,
	    PART_TITLE), false);
	if (f.source > 0) {
		x += bar_sep(w, th, x, W);
		x += widget_text(w, 0, x, f.source, s->source, A_NORMAL, false);
	}
	if (f.age > 0) {
		x += bar_sep(w, th, x, W);
		age_text(s, age, sizeof age);
		x += widget_text(w, 0, x, f.age, age, s->stale ?
		    theme_tone(th, TONE_UNKNOWN) | A_BOLD : A_NORMAL, false);
	}
	x += bar_sep(w, th, x, W);
	x += widget_text(w, 0, x, f.mode, mode_text(s), theme_part(th,
	    s->readonly ? PART_READONLY : PART_DIM), false);
	if (f.message > 0) {
		x += bar_sep(w, th, x, W);
		/* Cut, it ends in "…": M shows the rest (the help says). */
		widget_text(w, 0, x, f.message, s->message,
		    theme_tone(th, s->message_tone), false);
	}
}
