/* The detail pane; see detail.h. */
#include "views/detail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/util/glyph.h"
#include "backend/util/xalloc.h"
#include "tui/widgets/widgets.h"
#include "views/view.h"

#define LABEL_COLS_MAX 22       /* a longer label is cut */
#define WRAP_MAX 24             /* screen lines of one value, at most */
#define ESC_KEY 27

bool
detail_pane_ask_for(const struct snapshot *s, const struct row *r,
		    struct detail_ask *out)
{
	const char *id;

	memset(out, 0, sizeof(*out));
	if (s == NULL || r == NULL)
		return false;
	switch (r->kind) {
	case ROW_GROUP:
		if (r->index >= s->n_groups)
			return false;
		out->kind = TARGET_GROUP;
		id = s->groups[r->index].id;
		break;
	case ROW_RESOURCE:
		if (r->index >= s->n_resources)
			return false;
		out->kind = TARGET_RESOURCE;
		out->instance = r->instance;
		id = s->resources[r->index].id;
		break;
	case ROW_NODE:
		if (r->index >= s->n_nodes)
			return false;
		out->kind = TARGET_NODE;
		id = s->nodes[r->index].name;
		break;
	default:
		return false;
	}
	snprintf(out->id, sizeof(out->id), "%s", id);
	return true;
}

void
detail_pane_open(struct detail_pane *p, const struct detail_ask *q)
{
	const char *kind = target_kind_word(q->kind);

	detail_pane_free(p);
	p->ask = *q;
	if (q->kind == TARGET_RESOURCE && q->instance > 0)
		snprintf(p->title, sizeof(p->title), "%s %s (instance %u)",
		    kind, q->id, q->instance + 1);
	else
		snprintf(p->title, sizeof(p->title), "%s %s", kind, q->id);
}

bool
detail_pane_sync(struct detail_pane *p, const struct snapshot *s,
		 uint64_t gen)
{
	char *err = NULL;
	long g;

	if (p->snap_gen == gen && (p->snap_part.n > 0 || p->gone))
		return false;
	detail_free(&p->snap_part);
	p->snap_gen = gen;
	p->gone = false;
	if (s == NULL) {
		detail_add(&p->snap_part, DETAIL_DIM, "", "no data yet");
		return true;
	}
	/* A clone is not called a group. */
	if (p->ask.kind == TARGET_GROUP &&
	    (g = snapshot_find_group(s, p->ask.id)) >= 0)
		snprintf(p->title, sizeof(p->title), "%s %s",
		    group_kind_word(s->groups[g].kind), p->ask.id);
	if (detail_from_snapshot(s, &p->ask, &p->snap_part, &err) != 0) {
		p->gone = true;
		detail_add(&p->snap_part, DETAIL_WARN, "", "%s", err);
		free(err);
	}
	return true;
}

void
detail_pane_answer(struct detail_pane *p, struct detail *drv, const char *err)
{
	p->loading = false;
	p->ticket = 0;
	if (err != NULL) {
		/* What the driver said before stays: it is still the
		 * newest there is, and the error says why. */
		snprintf(p->drv_error, sizeof(p->drv_error), "%s", err);
		detail_free(drv);
		return;
	}
	p->drv_error[0] = '\0';
	detail_free(&p->drv_part);
	p->drv_part = *drv;
	memset(drv, 0, sizeof(*drv));
	p->have_drv = true;
}

static void
scroll_to(struct detail_pane *p, int top)
{
	int last = p->total - p->page;

	if (top > last)
		top = last;
	if (top < 0)
		top = 0;
	p->top = top;
}

int
detail_pane_key(struct detail_pane *p, int ch)
{
	int page = p->page > 1 ? p->page - 1 : 1;

	switch (ch) {
	case ESC_KEY:
	case 'q':
		return VIEW_HANDLED | VIEW_REDRAW | VIEW_CLOSE;
	case KEY_UP:
	case 'k':
		scroll_to(p, p->top - 1);
		break;
	case KEY_DOWN:
	case 'j':
		scroll_to(p, p->top + 1);
		break;
	case KEY_PPAGE:
		scroll_to(p, p->top - page);
		break;
	case KEY_NPAGE:
	case ' ':
		scroll_to(p, p->top + page);
		break;
	case KEY_HOME:
	case 'g':
		scroll_to(p, 0);
		break;
	case KEY_END:
	case 'G':
		scroll_to(p, p->total);
		break;
	default:
		return 0;
	}
	return VIEW_HANDLED | VIEW_REDRAW;
}

enum tone
detail_pane_tone(enum detail_tone t)
{
	switch (t) {
	case DETAIL_GOOD:
		return TONE_ONLINE;
	case DETAIL_WARN:
		return TONE_WARN;
	case DETAIL_BAD:
		return TONE_FAILED;
	case DETAIL_DIM:
		return TONE_OFFLINE;
	default:
		return TONE_NORMAL;
	}
}

/* One screen line of the pane. */
struct pane_line {
	const struct detail_line *src;
	bool first;                     /* the one that shows the label */
	char text[WIDGET_WRAP_LINE];
};

struct pane_lines {
	struct pane_line *v;
	size_t n, cap;
};

static struct pane_line *
pane_push(struct pane_lines *l, const struct detail_line *src, bool first,
	  const char *text)
{
	struct pane_line *pl;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	pl = &l->v[l->n++];
	pl->src = src;
	pl->first = first;
	snprintf(pl->text, sizeof(pl->text), "%s", text);
	return pl;
}

static int
label_cols(const struct detail *d, int lw)
{
	size_t i;
	int n;

	for (i = 0; i < d->n; i++) {
		if (d->lines[i].kind != DETAIL_LINE)
			continue;
		n = widget_width(d->lines[i].label);
		if (n > lw)
			lw = n;
	}
	return lw;
}

/* The lines of d, each value wrapped to vcols, after a label column. */
static void
lay_out(struct pane_lines *out, const struct detail *d, int vcols)
{
	char (*wrap)[WIDGET_WRAP_LINE] = xcalloc(WRAP_MAX, sizeof(*wrap));
	size_t i, k, n;

	for (i = 0; i < d->n; i++) {
		const struct detail_line *l = &d->lines[i];

		if (l->kind == DETAIL_HEADING) {
			/* A blank line before every heading but the first. */
			if (out->n > 0)
				pane_push(out, NULL, false, "");
			pane_push(out, l, true, l->label);
			continue;
		}
		n = widget_wrap(l->value, vcols > 0 ? vcols : 1, wrap,
		    WRAP_MAX);
		if (n == 0)
			pane_push(out, l, true, "");
		for (k = 0; k < n; k++)
			pane_push(out, l, k == 0, wrap[k]);
	}
	free(wrap);
}

void
detail_pane_draw(WINDOW *w, const struct theme *th, struct detail_pane *p)
{
	struct pane_lines lines = { 0 };
	struct detail status = { 0 };
	char hint[160], title[ACTION_ID_MAX + 48], updating[32] = "";
	int h, wd, iy, ix, ih, iw, lw, y, i;

	getmaxyx(w, h, wd);
	snprintf(title, sizeof(title), "detail: %s", p->title);
	widget_box(w, th, h, wd, title, &iy, &ix, &ih, &iw);
	if (ih < 2 || iw < 8)
		return;
	if (p->loading && !p->have_drv)
		detail_add(&status, DETAIL_DIM, "", "loading%s",
		    glyph(GLYPH_ELLIPSIS));
	if (p->drv_error[0] != '\0') {
		detail_section(&status, "from the cluster");
		detail_add(&status, DETAIL_BAD, "error", "%s", p->drv_error);
	}
	lw = label_cols(&p->snap_part, 0);
	lw = label_cols(&p->drv_part, lw);
	lw = label_cols(&status, lw);
	if (lw > LABEL_COLS_MAX)
		lw = LABEL_COLS_MAX;
	if (lw > iw / 3)
		lw = iw / 3;
	lay_out(&lines, &p->snap_part, iw - lw - 2);
	lay_out(&lines, &p->drv_part, iw - lw - 2);
	lay_out(&lines, &status, iw - lw - 2);
	/* The last inner line says the keys and where the view is. */
	p->page = ih - 1;
	p->total = (int)lines.n;
	scroll_to(p, p->top);
	for (i = 0, y = iy; i < p->page; i++, y++) {
		const struct pane_line *pl;
		attr_t attr;

		if ((size_t)(p->top + i) >= lines.n)
			break;
		pl = &lines.v[p->top + i];
		if (pl->src == NULL)
			continue;
		if (pl->src->kind == DETAIL_HEADING) {
			widget_text(w, y, ix, iw, pl->text,
			    theme_part(th, PART_TITLE) | A_BOLD, false);
			continue;
		}
		attr = pl->src->tone == DETAIL_DIM ? theme_part(th, PART_DIM) :
		    theme_tone(th, detail_pane_tone(pl->src->tone));
		if (pl->first && pl->src->label[0] != '\0')
			widget_text(w, y, ix, lw, pl->src->label,
			    theme_part(th, PART_DIM), false);
		widget_text(w, y, ix + lw + 2, iw - lw - 2, pl->text, attr,
		    false);
	}
	if (p->loading && p->have_drv)
		snprintf(updating, sizeof updating, " %s updating%s",
		    glyph(GLYPH_DOT), glyph(GLYPH_ELLIPSIS));
	if (lines.n > (size_t)p->page)
		snprintf(hint, sizeof(hint), "%d-%d/%zu  Up Down PgUp PgDn "
		    "scroll %s Esc q close%s", p->top + 1,
		    p->top + p->page < (int)lines.n ? p->top + p->page :
		    (int)lines.n, lines.n, glyph(GLYPH_DOT), updating);
	else
		snprintf(hint, sizeof(hint), "Esc q close%s", updating);
	widget_text(w, iy + ih - 1, ix, iw, hint, theme_part(th, PART_DIM),
	    false);
	free(lines.v);
	detail_free(&status);
}

void
detail_pane_free(struct detail_pane *p)
{
	detail_free(&p->snap_part);
	detail_free(&p->drv_part);
	memset(p, 0, sizeof(*p));
}
