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

static int
events_build(struct row_list *out, const struct view_env *env)
{
	return rows_events(out, env->events);
}

static const struct table_spec events_table = {
	.cols = events_cols,
	.n_cols = sizeof events_cols / sizeof events_cols[0],
	.build = events_build,
	.nothing = "no events yet",
	.is_log = true,
};

const struct view events_view = {
	.name = "events",
	.table = &events_table,
	TABLE_VIEW_OPS,
};
