/* Table columns and how they share the width of the screen: which are
 * dropped when it is narrow, and how the others grow toward their
 * content. Pure (no curses), so that it can be tested alone. */
#ifndef CCON_WIDGETS_LAYOUT_H
#define CCON_WIDGETS_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

struct table_col {
	int id;              /* handed to the cell functions */
	const char *title;
	int min;             /* narrowest worth showing, and never narrower
			      * than this; 0: its content */
	int max;             /* widest; 0: no limit */
	int reserve;         /* columns beyond the measured content (clocks) */
	unsigned drop;       /* 0: never dropped; higher numbers go first */
	bool right;          /* right-aligned (numbers) */
};

#define TABLE_COLS_MAX 16

/* Widths for the first n_cols (at most TABLE_COLS_MAX) columns in avail
 * screen columns, one column of gap between neighbours: the columns
 * with the highest drop go first until the narrowest form of the rest
 * fits, then the rest grow toward want[c] (their content), lowest drop
 * first. width[c] == 0: dropped. When even the columns that are never
 * dropped do not fit, they keep their narrowest form and the caller
 * cuts at the edge. */
void table_layout(const struct table_col *cols, size_t n_cols,
		  const int *want, int avail, int *width);

#endif
