/* The nodes view: each node with its state, whether it is the DC, its
 * standby/maintenance/unclean flags and how many resources it runs. Pause
 * and resume act here. */
#include "views/view.h"

static const struct table_col nodes_cols[] = {
	{ .id = COL_NAME, .title = "NODE", .min = 8 },
	{ .id = COL_STATE, .title = "STATE" },
	{ .id = COL_DC, .title = "DC", .drop = 2 },
	{ .id = COL_NODE_FLAGS, .title = "FLAGS", .min = 7, .drop = 3 },
	{ .id = COL_RESCOUNT, .title = "RESOURCES", .right = true, .drop = 1 },
};

static int
nodes_build(struct row_list *out, const struct view_env *env)
{
	return rows_nodes(out, env->snap);
}

static const struct table_spec nodes_table = {
	.cols = nodes_cols,
	.n_cols = sizeof nodes_cols / sizeof nodes_cols[0],
	.build = nodes_build,
	.nothing = "no nodes",
	.sorts = (1u << ROWS_SORT_NAME) | (1u << ROWS_SORT_STATE),
};

const struct view nodes_view = {
	.name = "nodes",
	.table = &nodes_table,
	TABLE_VIEW_OPS,
};
