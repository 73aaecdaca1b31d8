/* The resources view: every resource (each clone instance on its own row)
 * in a flat table with its group, agent, fail count and flags. */
#include "views/view.h"

/* Narrow screens lose the agent first (cut from the left before that:
 * "…:IPaddr2"), then the flags, the fail count, the group and the node;
 * id and state (with its markers) always stay. At 80 columns every
 * column fits at its narrowest beside the position counter's room. */
static const struct table_col resources_cols[] = {
	{ .id = COL_NAME, .title = "RESOURCE", .min = 10 },
	{ .id = COL_GROUP, .title = "GROUP", .min = 6, .drop = 2 },
	{ .id = COL_STATE, .title = "STATE" },
	{ .id = COL_NODES, .title = "NODE", .min = 7, .drop = 1 },
	{ .id = COL_AGENT, .title = "AGENT", .min = 9, .drop = 5,
	  .cut_left = true },
	{ .id = COL_FAILS, .title = "FAIL", .right = true, .drop = 3 },
	{ .id = COL_FLAGS, .title = "FLAGS", .min = 8, .drop = 4 },
};

static int
resources_build(struct row_list *out, const struct view_env *env)
{
	return rows_resources(out, env->snap);
}

static const struct table_spec resources_table = {
	.cols = resources_cols,
	.n_cols = sizeof resources_cols / sizeof resources_cols[0],
	.build = resources_build,
	.nothing = "no resources",
	.sorts = TABLE_SORTS_ALL,
};

const struct view resources_view = {
	.name = "resources",
	.table = &resources_table,
	TABLE_VIEW_OPS,
};
