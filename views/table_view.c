/* The one implementation behind every table view (groups, resources,
 * nodes, events): rows rebuilt once per new generation, selection kept by
 * row identity, drawing and keys through the rowtable widget, and
 * finding among the rows: the filter line, sorts, hide healthy, folds,
 * the next failed or pending row (views/rows_find.h). */
#include <stdio.h>
#include <string.h>

#include "views/view.h"

#define KEY_ESC 27

static void
table_ctx(struct rows_ctx *c, const struct view_env *env)
{
	*c = (struct rows_ctx){ .snap = env->snap, .events = env->events,
	    .now_ms = env->now_ms };
}

/* Changes whenever the view's rows need rebuilding. */
static uint64_t
generation(const struct table_spec *t, const struct view_env *env)
{
	if (!t->is_log)
		return env->snap_gen;
	return env->events != NULL ? env->events->gen : 0;
}

void
table_view_sync(const struct view *v, struct view_state *vs,
		const struct view_env *env)
{
	const struct table_spec *t = v->table;
	uint64_t gen = generation(t, env);
	struct rows_ctx c;

	if (vs->rt.built && vs->rt.gen == gen)
		return;
	table_ctx(&c, env);
	/* At the top of a log, follow the newest entry; elsewhere keep the
	 * one the operator is reading. */
	if (t->is_log && vs->rt.ts.sel == 0)
		vs->rt.sel.valid = false;
	/* Out of memory leaves the list empty: the screen says so. */
	(void)t->build(&vs->rt.all, env);
	rowtable_rebuilt(&vs->rt, &c, t->cols, t->n_cols);
	vs->rt.gen = gen;
	vs->rt.built = true;
}

/* The view's line above its column titles: the filter line while it is
 * open, else what is asked of the rows (filter, sort, hide healthy), or
 * none when nothing is. */
static bool
caption(const struct view_state *vs, struct table *cap, char *text,
	size_t tsz, char *info, size_t isz)
{
	const struct rows_shape *sh = &vs->rt.shape;
	size_t len;
	char count[64];

	memset(cap, 0, sizeof *cap);
	snprintf(count, sizeof count, "%zu/%zu", vs->rt.rows.n,
	    vs->rt.all.n);
	if (vs->typing) {
		snprintf(text, tsz, "/%s", sh->filter);
		snprintf(info, isz, "%s   Enter keeps, Esc clears", count);
		cap->caption = text;
		cap->caption_info = info;
		cap->caption_cursor = true;
		return true;
	}
	if (sh->filter[0] == '\0' && sh->sort == ROWS_SORT_LISTED &&
	    !sh->hide_healthy)
		return false;
	text[0] = '\0';
	if (sh->filter[0] != '\0')
		snprintf(text, tsz, "filter: %s  ", sh->filter);
	if (sh->hide_healthy) {
		len = strlen(text);
		snprintf(text + len, tsz - len, "healthy hidden  ");
	}
	len = strlen(text);
	if (sh->filter[0] != '\0' || sh->hide_healthy)
		snprintf(text + len, tsz - len, "%s", count);
	if (sh->sort != ROWS_SORT_LISTED) {
		len = strlen(text);
		snprintf(text + len, tsz - len, "%ssort: %s", len > 0 ? "  " : "",
		    rows_sort_word(sh->sort));
	}
	cap->caption = text;
	return true;
}

void
table_view_draw(const struct view *v, WINDOW *w, struct view_state *vs,
		const struct view_env *env)
{
	const struct table_spec *t = v->table;
	char text[ROWS_FILTER_MAX + 128], info[128];
	struct table cap;
	struct rows_ctx c;
	bool has;

	table_ctx(&c, env);
	has = caption(vs, &cap, text, sizeof text, info, sizeof info);
	rowtable_draw(w, env->theme, &vs->rt, &c, t->cols, t->n_cols,
	    env->snap == NULL && !t->is_log ? env->empty :
	    vs->rt.all.n > 0 ? "no rows match" : t->nothing,
	    has ? &cap : NULL);
}

int
table_view_key(const struct view *v, struct view_state *vs,
	       const struct view_env *env, int ch)
{
	struct rows_ctx c;

	(void)v;
	table_ctx(&c, env);
	return rowtable_key(&vs->rt, &c, ch);
}

const struct row *
table_view_selected(const struct view *v, const struct view_state *vs)
{
	return v->table->is_log ? NULL : rowtable_selected(&vs->rt);
}

/* ---- finding among the rows -------------------------------------------- */

static int
reshape(const struct view *v, struct view_state *vs,
	const struct view_env *env)
{
	struct rows_ctx c;

	table_view_sync(v, vs, env);
	table_ctx(&c, env);
	rowtable_reshape(&vs->rt, &c);
	return VIEW_HANDLED | VIEW_REDRAW;
}

int
table_view_filter_open(const struct view *v, struct view_state *vs,
		       const struct view_env *env)
{
	(void)v;
	(void)env;
	vs->typing = true;
	return VIEW_HANDLED | VIEW_REDRAW;
}

bool
table_view_typing(const struct view_state *vs)
{
	return vs->typing;
}

int
table_view_filter_clear(const struct view *v, struct view_state *vs,
			const struct view_env *env)
{
	vs->typing = false;
	if (vs->rt.shape.filter[0] == '\0')
		return 0;
	vs->rt.shape.filter[0] = '\0';
	return reshape(v, vs, env);
}

int
table_view_filter_key(const struct view *v, struct view_state *vs,
		      const struct view_env *env, int ch)
{
	char *f = vs->rt.shape.filter;
	size_t len = strlen(f);

	switch (ch) {
	case KEY_ESC:
		(void)table_view_filter_clear(v, vs, env);
		return VIEW_HANDLED | VIEW_REDRAW;
	case '\n':
	case '\r':
	case KEY_ENTER:
		vs->typing = false;
		return VIEW_HANDLED | VIEW_REDRAW;
	case KEY_BACKSPACE:
	case 127:
	case '\b':
		if (len == 0)
			return VIEW_HANDLED;
		/* One character back: a UTF-8 sequence as a whole. */
		while (len > 0 && ((unsigned char)f[len - 1] & 0xc0) == 0x80)
			len--;
		if (len > 0)
			len--;
		f[len] = '\0';
		return reshape(v, vs, env);
	default:
		break;
	}
	/* Bytes of typed text (wgetch hands UTF-8 over byte by byte); other
	 * keys do nothing while the line is open. */
	if (ch < ' ' || ch > 0xff || ch == 127)
		return VIEW_HANDLED;
	if (len + 1 >= ROWS_FILTER_MAX)
		return VIEW_HANDLED;
	f[len] = (char)ch;
	f[len + 1] = '\0';
	/* A character whose bytes have not all come yet matches nothing new. */
	if ((ch & 0xc0) == 0xc0)
		return VIEW_HANDLED | VIEW_REDRAW;
	return reshape(v, vs, env);
}

int
table_view_next(const struct view *v, struct view_state *vs,
		const struct view_env *env, int dir, char *msg, size_t sz)
{
	struct rows_ctx c;
	size_t nth, count;
	bool wrapped;

	msg[0] = '\0';
	table_view_sync(v, vs, env);
	table_ctx(&c, env);
	if (!rowtable_next_marked(&vs->rt, &c, dir, &wrapped, &nth, &count)) {
		snprintf(msg, sz, "no failed or pending row %s",
		    vs->rt.rows.n < vs->rt.all.n ? "among those shown" :
		    "in this view");
		return VIEW_REDRAW;
	}
	snprintf(msg, sz, "failed or pending %zu/%zu%s", nth, count,
	    wrapped ? (dir > 0 ? ", from the top again" :
	    ", from the bottom again") : "");
	return VIEW_HANDLED | VIEW_REDRAW;
}

int
table_view_sort(const struct view *v, struct view_state *vs,
		const struct view_env *env, char *msg, size_t sz)
{
	const struct table_spec *t = v->table;
	enum rows_sort s = vs->rt.shape.sort;

	msg[0] = '\0';
	if (t->sorts == 0) {
		snprintf(msg, sz, "the %s view keeps its order", v->name);
		return VIEW_REDRAW;
	}
	do
		s = (enum rows_sort)((s + 1) % ROWS_SORT_COUNT);
	while (s != ROWS_SORT_LISTED && !(t->sorts & (1u << s)));
	vs->rt.shape.sort = s;
	if (s == ROWS_SORT_LISTED)
		snprintf(msg, sz, "in the cluster's order again");
	return reshape(v, vs, env);
}

int
table_view_hide_healthy(const struct view *v, struct view_state *vs,
			const struct view_env *env, char *msg, size_t sz)
{
	(void)sz;
	msg[0] = '\0';
	vs->rt.shape.hide_healthy = !vs->rt.shape.hide_healthy;
	return reshape(v, vs, env);
}

int
table_view_fold(const struct view *v, struct view_state *vs,
		const struct view_env *env, int how, char *msg, size_t sz)
{
	const struct table_spec *t = v->table;
	struct rows_ctx c;

	msg[0] = '\0';
	(void)sz;
	table_view_sync(v, vs, env);
	table_ctx(&c, env);
	if (!rowtable_fold(&vs->rt, &c, t->cols, t->n_cols, how))
		return VIEW_HANDLED;
	return VIEW_HANDLED | VIEW_REDRAW;
}
