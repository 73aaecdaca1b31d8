/* The view interface: each screen is one `const struct view`. A view
 * draws its window from what the loop hands it (struct view_env), and its
 * key handler changes only the view's own state and reports what happened
 * as a bit set; it never draws. The loop owns one view_state per view and
 * cluster, and calls sync before draw or key so that rows are rebuilt once
 * per new snapshot rather than once per frame. */
#ifndef CCON_VIEW_H
#define CCON_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "tui/widgets/theme.h"
#include "tui/widgets/widgets.h"
#include "views/rowtable.h"
#include "views/rows.h"

/* Key handler results. */
enum {
	VIEW_HANDLED = WIDGET_HANDLED,
	VIEW_REDRAW = WIDGET_REDRAW,
	VIEW_CLOSE = 1 << 4,            /* an overlay is done */
};


struct view_env {
	const struct snapshot *snap;    /* NULL before the first data */
	uint64_t snap_gen;              /* changes with every new snapshot */
	const struct event_hist *events;
	uint64_t now_ms;                /* the cluster's monotonic clock */
	const struct theme *theme;
	const char *audit_path;         /* for the help screen; may be NULL */
	const char *empty;              /* said when there is nothing to list
					 * yet ("connecting to prod") */
	unsigned caps;                  /* what the cluster type can do
					 * (ACTION_CAP bits) */
	const char *driver;             /* its driver's name, or NULL */
};

struct view_state {
	struct rowtable rt;
	/* A log's newest event when its selection was last at the top:
	 * those above it arrived unseen ("▲ 3 new"); 0: none seen yet. */
	uint64_t log_seen_seq;
};

/* What a table view shows: its columns, and how its rows are built from
 * what the loop hands it. One implementation (views/table_view.c) serves
 * every table view; the views differ only in this. */
struct table_spec {
	const struct table_col *cols;
	size_t n_cols;
	/* Rebuilds out; returns -1 when out of memory (the list is empty). */
	int (*build)(struct row_list *out, const struct view_env *env);
	const char *nothing;            /* said when there are no rows */
	/* Rows from the event log rather than the snapshot: rebuilt per
	 * event, the newest followed at the top, no actions on them. */
	bool is_log;
};

struct view {
	const char *name;               /* the tab's label */
	const struct table_spec *table; /* NULL: the view draws itself */
	/* Brings vs up to date with env; cheap when nothing changed. */
	void (*sync)(const struct view *v, struct view_state *vs,
		     const struct view_env *env);
	void (*draw)(const struct view *v, WINDOW *w, struct view_state *vs,
		     const struct view_env *env);
	int (*key)(const struct view *v, struct view_state *vs,
		   const struct view_env *env, int ch);
	/* The row an action applies to, or NULL (also for views whose rows
	 * are not cluster objects). */
	const struct row *(*selected)(const struct view *v,
				      const struct view_state *vs);
};

/* The table view implementation, for struct view's slots. */
void table_view_sync(const struct view *v, struct view_state *vs,
		     const struct view_env *env);
void table_view_draw(const struct view *v, WINDOW *w, struct view_state *vs,
		     const struct view_env *env);
int table_view_key(const struct view *v, struct view_state *vs,
		   const struct view_env *env, int ch);
const struct row *table_view_selected(const struct view *v,
				      const struct view_state *vs);

#define TABLE_VIEW_OPS \
	.sync = table_view_sync, .draw = table_view_draw, \
	.key = table_view_key, .selected = table_view_selected

/* The views behind the keys 1 to 4 and the tabs, in that order. */
enum view_tab { TAB_GROUPS, TAB_RESOURCES, TAB_NODES, TAB_EVENTS, TAB_COUNT };
extern const struct view *const view_tabs[TAB_COUNT];

extern const struct view groups_view;
extern const struct view resources_view;
extern const struct view nodes_view;
extern const struct view events_view;
extern const struct view help_view;

#endif
