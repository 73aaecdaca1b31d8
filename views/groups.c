/* The groups view: a tree of groups and clones with their resources (or
 * instances) under them, then the resources outside any group under the
 * pseudo heading "(no group)". */
#include "views/view.h"

static const struct table_col groups_cols[] = {
	{ .id = COL_TREE, .title = "GROUP / RESOURCE", .min = 12 },
	{ .id = COL_STATE, .title = "STATE", .min = STATE_COLS },
	{ .id = COL_NODES, .title = "NODE", .min = 6, .drop = 1 },
	{ .id = COL_AGENT, .title = "TYPE", .min = 8, .drop = 2 },
};
#define N_COLS (sizeof groups_cols / sizeof groups_cols[0])

static void
groups_ctx(struct rows_ctx *c, const struct view_env *env)
{
	*c = (struct rows_ctx){ .snap = env->snap, .events = env->events,
	    .now_ms = env->now_ms };
}

static void
groups_sync(struct view_state *vs, const struct view_env *env)
{
	struct rows_ctx c;

	if (vs->rt.built && vs->rt.gen == env->snap_gen)
		return;
	groups_ctx(&c, env);
	/* Out of memory leaves the list empty: the screen says so. */
	(void)rows_groups(&vs->rt.rows, env->snap);
	rowtable_rebuilt(&vs->rt, &c, groups_cols, N_COLS);
	vs->rt.gen = env->snap_gen;
	vs->rt.built = true;
}

static void
groups_draw(WINDOW *w, struct view_state *vs, const struct view_env *env)
{
	struct rows_ctx c;

	groups_ctx(&c, env);
	rowtable_draw(w, env->theme, &vs->rt, &c, groups_cols, N_COLS,
	    env->snap == NULL ? env->empty : "no groups or resources");
}

static int
groups_key(struct view_state *vs, const struct view_env *env, int ch)
{
	struct rows_ctx c;

	groups_ctx(&c, env);
	return rowtable_key(&vs->rt, &c, ch);
}

static const struct row *
groups_selected(const struct view_state *vs)
{
	return rowtable_selected(&vs->rt);
}

const struct view groups_view = {
	.name = "groups",
	.sync = groups_sync,
	.draw = groups_draw,
	.key = groups_key,
	.selected = groups_selected,
};
