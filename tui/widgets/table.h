/* A table with virtual scrolling: a header line, then as many rows as
 * fit, the selected one kept in view. Cells come from callbacks, so the
 * table never holds the data it shows. */
#ifndef CCON_WIDGETS_TABLE_H
#define CCON_WIDGETS_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "tui/widgets/layout.h"
#include "tui/widgets/text.h"
#include "tui/widgets/theme.h"

struct table_state {
	size_t sel;          /* selected row */
	size_t top;          /* first row shown */
	int page;            /* rows shown at the last draw */
};

typedef void table_text_fn(const void *ctx, size_t row, int col, char *buf,
			   size_t sz);
/* col is a column's id, or -1 for the row as a whole (gutter, gaps). */
typedef attr_t table_attr_fn(const void *ctx, size_t row, int col);

struct table {
	const struct table_col *cols;
	size_t n_cols;
	const int *want;     /* content width per column (table_measure) */
	size_t n_rows;
	table_text_fn *text;
	table_attr_fn *attr;
	const void *ctx;
	const char *empty;   /* said when there are no rows */
	/* A line above the column titles (a view's filter and sort), or
	 * NULL: none. Its text is drawn as given, then, when caption_cursor,
	 * a text cursor, then caption_info in a dimmer look. */
	const char *caption;
	const char *caption_info;
	bool caption_cursor;
};

/* The widest cell of each column over every row (and its title), in
 * columns, into want[n_cols]. */
void table_measure(const struct table *t, int *want);
/* Draws the caption, the header and the visible rows into all of w;
 * keeps the selection in view (updating ts->top and ts->page). When not
 * every row fits, the right end of the header says where the selection
 * is ("42/5000") with a mark for rows above and below the window: room
 * for it is kept before the columns are laid out, so it always shows. */
void table_draw(WINDOW *w, const struct theme *th, const struct table *t,
		struct table_state *ts);
/* Moves the selection: arrows, j/k, PgUp/PgDn, Home/End, g/G. Returns
 * WIDGET_* bits. */
int table_nav(struct table_state *ts, size_t n_rows, int ch);
/* Keeps sel and top inside n_rows. */
void table_clamp(struct table_state *ts, size_t n_rows);

#endif
