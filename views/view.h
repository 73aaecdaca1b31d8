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
#include "views/health.h"
#include "views/rowtable.h"
#include "views/rows.h"
#include "views/rows_find.h"

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
	/* Every cluster, for the clusters overview: n_clusters summaries
	 * (views/health.h) in the order of the configuration, and which is
	 * the current one. NULL/0 where the loop does not give them. */
	const struct health_summary *clusters;
	size_t n_clusters, cur_cluster;
};

struct view_state {
	struct rowtable rt;
	/* The filter line is open: keys are its text (table_view_typing),
	 * which filters the rows as it is typed (rt.shape.filter). */
	bool typing;
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
	/* The orders s cycles through after the cluster's own: bits
	 * 1 << ROWS_SORT_*; 0: the view keeps its order. */
	unsigned sorts;
};

#define TABLE_SORTS_ALL ((1u << ROWS_SORT_COUNT) - 2)

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

/* Finding among a table view's rows (views/rows_find.h), for the keys of
 * tui/app_keys.c: v must have a table. Each returns VIEW_* bits and, in
 * msg (size sz), what the status line should say, or "" for nothing. */
/* Opens the filter line (/): keys are its text until Enter or Esc. */
int table_view_filter_open(const struct view *v, struct view_state *vs,
			   const struct view_env *env);
bool table_view_typing(const struct view_state *vs);
/* A key while the filter line is open: text filters as it is typed,
 * Backspace edits, Enter keeps the filter, Esc clears it. */
int table_view_filter_key(const struct view *v, struct view_state *vs,
			  const struct view_env *env, int ch);
/* Clears the filter (Esc); 0 when there was none. */
int table_view_filter_clear(const struct view *v, struct view_state *vs,
			    const struct view_env *env);
/* n (dir 1) and N (-1): the next failed or pending row. */
int table_view_next(const struct view *v, struct view_state *vs,
		    const struct view_env *env, int dir, char *msg, size_t sz);
/* s: the next order of the view's sorts. */
int table_view_sort(const struct view *v, struct view_state *vs,
		    const struct view_env *env, char *msg, size_t sz);
/* f: hide healthy rows, or show them again. */
int table_view_hide_healthy(const struct view *v, struct view_state *vs,
			    const struct view_env *env, char *msg, size_t sz);
/* Left (how -1), Right (1), Space (0): fold, open or toggle a group. */
int table_view_fold(const struct view *v, struct view_state *vs,
		    const struct view_env *env, int how, char *msg, size_t sz);

#define TABLE_VIEW_OPS \
	.sync = table_view_sync, .draw = table_view_draw, \
	.key = table_view_key, .selected = table_view_selected

/* The views behind the keys 1 to 4 and the tabs, in that order; the
 * clusters overview (key 0) comes after them, outside the tabs of one
 * cluster: it shows all of them. */
enum view_tab { TAB_GROUPS, TAB_RESOURCES, TAB_NODES, TAB_EVENTS, TAB_COUNT,
		TAB_OVERVIEW = TAB_COUNT };
extern const struct view *const view_tabs[TAB_COUNT];

extern const struct view groups_view;
extern const struct view resources_view;
extern const struct view nodes_view;
extern const struct view events_view;
extern const struct view help_view;
/* View 0: one line per cluster (views/overview.c). Its selection is the
 * cluster that Enter opens: overview_selected_cluster(). */
extern const struct view overview_view;
size_t overview_selected_cluster(const struct view_state *vs);

#endif
