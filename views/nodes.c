/* The nodes view: each node with its state, whether it is the DC, its
 * standby/maintenance/unclean flags and how many resources it runs. Pause
 * and resume act here. */
#include "views/view.h"

static const struct table_col nodes_cols[] = {
	{ .id = COL_NAME, .title = "NODE", .min = 8 },
	{ .id = COL_STATE, .title = "STATE", .min = STATE_COLS },
	{ .id = COL_DC, .title = "DC", .drop = 2 },
	{ .id = COL_NODE_FLAGS, .title = "FLAGS", .min = 7, .drop = 3 },
	{ .id = COL_RESCOUNT, .title = "RESOURCES", .right = true, .drop = 1 },
};
#define N_COLS (sizeof nodes_cols / sizeof nodes_cols[0])

static void
nodes_ctx(struct rows_ctx *c, const struct view_env *env)
{
	*c = (struct rows_ctx){ .snap = env->snap, .events = env->events,
	    .now_ms = env->now_ms };
}

static void
nodes_sync(struct view_state *vs, const struct view_env *env)
{
	struct rows_ctx c;

	if (vs->rt.built && vs->rt.gen == env->snap_gen)
		return;
	nodes_ctx(&c, env);
	/* Out of memory leaves the list empty: the screen says so. */
	(void)rows_nodes(&vs->rt.rows, env->snap);
	rowtable_rebuilt(&vs->rt, &c, nodes_cols, N_COLS);
	vs->rt.gen = env->snap_gen;
	vs->rt.built = true;
}

static void
nodes_draw(WINDOW *w, struct view_state *vs, const struct view_env *env)
{
	struct rows_ctx c;

	nodes_ctx(&c, env);
	rowtable_draw(w, env->theme, &vs->rt, &c, nodes_cols, N_COLS,
	    env->snap == NULL ? env->empty : "no nodes");
}

static int
nodes_key(struct view_state *vs, const struct view_env *env, int ch)
{
	struct rows_ctx c;

	nodes_ctx(&c, env);
	return rowtable_key(&vs->rt, &c, ch);
}

static const struct row *
nodes_selected(const struct view_state *vs)
{
	return rowtable_selected(&vs->rt);
}

const struct view nodes_view = {
	.name = "nodes",
	.sync = nodes_sync,
	.draw = nodes_draw,
	.key = nodes_key,
	.selected = nodes_selected,
};
