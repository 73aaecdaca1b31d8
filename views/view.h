/* The view interface: each screen is one `const struct view`. A view
 * draws its window from what the loop hands it (struct view_env), and its
 * key handler changes only the view's own state and reports what happened
 * as a bit set; it never draws. The loop owns one view_state per view and
 * cluster, and calls sync before draw or key so that rows are rebuilt once
 * per new snapshot rather than once per frame. */
#ifndef CCON_VIEW_H
#define CCON_VIEW_H

#include <stdint.h>

#include <curses.h>

#include "tui/theme.h"
#include "tui/widgets.h"
#include "views/rows.h"

/* Key handler results. */
enum {
	VIEW_HANDLED = WIDGET_HANDLED,
	VIEW_REDRAW = WIDGET_REDRAW,
	VIEW_CLOSE = 1 << 4,            /* an overlay is done */
};

/* Wide enough for "OFFLINE PENDING / 12s": the state column keeps this
 * width so that a spinner appearing does not shift the other columns. */
#define STATE_COLS 21

struct view_env {
	const struct snapshot *snap;    /* NULL before the first data */
	uint64_t snap_gen;              /* changes with every new snapshot */
	const struct event_hist *events;
	uint64_t now_ms;                /* the cluster's monotonic clock */
	const struct theme *theme;
	const char *audit_path;         /* for the help screen; may be NULL */
	const char *empty;              /* said when there is nothing to list
					 * yet ("connecting to prod") */
};

struct view_state {
	struct rowtable rt;
};

struct view {
	const char *name;               /* the tab's label */
	/* Brings vs up to date with env; cheap when nothing changed. */
	void (*sync)(struct view_state *vs, const struct view_env *env);
	void (*draw)(WINDOW *w, struct view_state *vs,
		     const struct view_env *env);
	int (*key)(struct view_state *vs, const struct view_env *env, int ch);
	/* The row an action applies to, or NULL (also for views whose rows
	 * are not cluster objects). */
	const struct row *(*selected)(const struct view_state *vs);
};

extern const struct view groups_view;
extern const struct view resources_view;
extern const struct view nodes_view;
extern const struct view events_view;
extern const struct view help_view;

#endif
