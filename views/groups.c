/* The groups view: a tree of groups and clones with their resources (or
 * instances) under them, then the resources outside any group under the
 * pseudo heading "(no group)". */
#include "views/view.h"

/* The state column is as wide as its words and markers ("FAILED !blk"),
 * never cut; the type (an agent) is cut from the left ("…:IPaddr2"). */
static const struct table_col groups_cols[] = {
	{ .id = COL_TREE, .title = "GROUP / RESOURCE", .min = 12 },
	{ .id = COL_STATE, .title = "STATE" },
	{ .id = COL_NODES, .title = "NODE", .min = 6, .drop = 1 },
	{ .id = COL_AGENT, .title = "TYPE", .min = 10, .drop = 2,
	  .cut_left = true },
};

static int
groups_build(struct row_list *out, const struct view_env *env)
{
	return rows_groups(out, env->snap);
}

static const struct table_spec groups_table = {
	.cols = groups_cols,
	.n_cols = sizeof groups_cols / sizeof groups_cols[0],
	.build = groups_build,
	.nothing = "no groups or resources",
	.sorts = TABLE_SORTS_ALL,
};

const struct view groups_view = {
	.name = "groups",
	.table = &groups_table,
	TABLE_VIEW_OPS,
};
