/* The events view: the cluster's event history, newest first, so that
 * what just happened is at the top without scrolling. Failed transitions
 * stay here with their reason. */
#include <stdio.h>
#include <string.h>

#include "backend/util/glyph.h"
#include "views/view.h"

/* Time, severity and kind keep one width whatever the events say, so
 * that the columns do not move as events arrive; the text takes the
 * rest. */
static const struct table_col events_cols[] = {
	{ .id = COL_TIME, .title = "TIME", .min = 8, .max = 8 },
	{ .id = COL_SEVERITY, .title = "SEV", .min = 5, .max = 5, .drop = 2 },
	{ .id = COL_EVKIND, .title = "KIND", .min = 6, .max = 6, .drop = 1 },
	{ .id = COL_TEXT, .title = "EVENT", .min = 20 },
};
#define N_COLS (sizeof events_cols / sizeof events_cols[0])

static int
events_build(struct row_list *out, const struct view_env *env)
{
	return rows_events(out, env->events);
}

static const struct table_spec events_table = {
	.cols = events_cols,
	.n_cols = N_COLS,
	.build = events_build,
	.nothing = "no events yet",
	.is_log = true,
};

/* How many events are newer than seq (the history is newest first). */
static size_t
events_newer(const struct event_hist *h, uint64_t seq)
{
	const struct event *e;
	size_t n = 0;

	while ((e = evhist_get(h, n)) != NULL && e->seq > seq)
		n++;
	return n;
}

/* The table, and in its header after the last title, "▲ 3 new" when
 * events arrived above a selection that is not at the top: the view
 * then keeps the line being read, and the newest are out of sight. */
static void
events_draw(const struct view *v, WINDOW *w, struct view_state *vs,
	    const struct view_env *env)
{
	const struct event *newest;
	int want[TABLE_COLS_MAX], width[TABLE_COLS_MAX], x = 1, wd;
	char mark[32];
	size_t c, n;

	table_view_draw(v, w, vs, env);
	newest = env->events != NULL ? evhist_get(env->events, 0) : NULL;
	if (newest == NULL)
		return;
	if (vs->rt.ts.sel == 0 || vs->log_seen_seq == 0) {
		vs->log_seen_seq = newest->seq;
		return;
	}
	n = events_newer(env->events, vs->log_seen_seq);
	if (n == 0)
		return;
	/* Where the table put its columns: the same pure layout. */
	wd = getmaxx(w);
	for (c = 0; c < N_COLS; c++)
		want[c] = vs->rt.want[c];
	table_layout(events_cols, N_COLS, want, wd - 1, width);
	for (c = 0; c + 1 < N_COLS; c++)
		if (width[c] > 0)
			x += width[c] + 1;
	x += (int)strlen(events_cols[N_COLS - 1].title) + 2;
	snprintf(mark, sizeof mark, "%s %zu new", glyph(GLYPH_NEW_ABOVE), n);
	if (x + widget_width(mark) < wd)
		widget_text(w, 0, x, widget_width(mark), mark,
		    theme_tone(env->theme, TONE_PENDING), false);
}

const struct view events_view = {
	.name = "events",
	.table = &events_table,
	.sync = table_view_sync,
	.draw = events_draw,
	.key = table_view_key,
	.selected = table_view_selected,
};
