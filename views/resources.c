/* The resources view: every resource (each clone instance on its own row)
 * in a flat table with its group, agent, fail count and flags. */
#include "views/view.h"

/* Narrow screens lose flags first, then the fail count, the agent, the
 * group and the node; id and state always stay. */
static const struct table_col resources_cols[] = {
	{ .id = COL_NAME, .title = "RESOURCE", .min = 12 },
	{ .id = COL_GROUP, .title = "GROUP", .min = 8, .drop = 2 },
	{ .id = COL_STATE, .title = "STATE", .min = STATE_COLS },
	{ .id = COL_NODES, .title = "NODE", .min = 7, .drop = 1 },
	{ .id = COL_AGENT, .title = "AGENT", .min = 10, .drop = 3 },
	{ .id = COL_FAILS, .title = "FAIL", .right = true, .drop = 4 },
	{ .id = COL_FLAGS, .title = "FLAGS", .min = 8, .drop = 5 },
};
#define N_COLS (sizeof resources_cols / sizeof resources_cols[0])

static void
resources_ctx(struct rows_ctx *c, const struct view_env *env)
{
	*c = (struct rows_ctx){ .snap = env->snap, .events = env->events,
	    .now_ms = env->now_ms };
}

static void
resources_sync(struct view_state *vs, const struct view_env *env)
{
	struct rows_ctx c;

	if (vs->rt.built && vs->rt.gen == env->snap_gen)
		return;
	resources_ctx(&c, env);
	/* Out of memory leaves the list empty: the screen says so. */
	(void)rows_resources(&vs->rt.rows, env->snap);
	rowtable_rebuilt(&vs->rt, &c, resources_cols, N_COLS);
	vs->rt.gen = env->snap_gen;
	vs->rt.built = true;
}

static void
resources_draw(WINDOW *w, struct view_state *vs, const struct view_env *env)
{
	struct rows_ctx c;

	resources_ctx(&c, env);
	rowtable_draw(w, env->theme, &vs->rt, &c, resources_cols, N_COLS,
	    env->snap == NULL ? env->empty : "no resources");
}

static int
resources_key(struct view_state *vs, const struct view_env *env, int ch)
{
	struct rows_ctx c;

	resources_ctx(&c, env);
	return rowtable_key(&vs->rt, &c, ch);
}

static const struct row *
resources_selected(const struct view_state *vs)
{
	return rowtable_selected(&vs->rt);
}

const struct view resources_view = {
	.name = "resources",
	.sync = resources_sync,
	.draw = resources_draw,
	.key = resources_key,
	.selected = resources_selected,
};
