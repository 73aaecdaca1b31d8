/* The events view: the cluster's event history, newest first, so that
 * what just happened is at the top without scrolling. Failed transitions
 * stay here with their reason. */
#include "views/view.h"

static const struct table_col events_cols[] = {
	{ .id = COL_TIME, .title = "TIME" },
	{ .id = COL_SEVERITY, .title = "SEV", .drop = 2 },
	{ .id = COL_EVKIND, .title = "KIND", .drop = 1 },
	{ .id = COL_TEXT, .title = "EVENT", .min = 20 },
};
#define N_COLS (sizeof events_cols / sizeof events_cols[0])

static void
events_ctx(struct rows_ctx *c, const struct view_env *env)
{
	*c = (struct rows_ctx){ .snap = env->snap, .events = env->events,
	    .now_ms = env->now_ms };
}

static void
events_sync(struct view_state *vs, const struct view_env *env)
{
	struct rows_ctx c;
	uint64_t gen = env->events != NULL ? env->events->gen : 0;

	if (vs->rt.built && vs->rt.gen == gen)
		return;
	events_ctx(&c, env);
	/* At the top, follow the newest event; elsewhere keep the one the
	 * operator is reading. */
	if (vs->rt.ts.sel == 0)
		vs->rt.sel.valid = false;
	(void)rows_events(&vs->rt.rows, env->events);
	rowtable_rebuilt(&vs->rt, &c, events_cols, N_COLS);
	vs->rt.gen = gen;
	vs->rt.built = true;
}

static void
events_draw(WINDOW *w, struct view_state *vs, const struct view_env *env)
{
	struct rows_ctx c;

	events_ctx(&c, env);
	rowtable_draw(w, env->theme, &vs->rt, &c, events_cols, N_COLS,
	    "no events yet");
}

static int
events_key(struct view_state *vs, const struct view_env *env, int ch)
{
	struct rows_ctx c;

	events_ctx(&c, env);
	return rowtable_key(&vs->rt, &c, ch);
}

/* Events are not cluster objects: actions do not apply here. */
static const struct row *
events_selected(const struct view_state *vs)
{
	(void)vs;
	return NULL;
}

const struct view events_view = {
	.name = "events",
	.sync = events_sync,
	.draw = events_draw,
	.key = events_key,
	.selected = events_selected,
};
