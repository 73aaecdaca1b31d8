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
	/* Cut from the left when narrow, keeping the end: an agent
	 * "ocf:heartbeat:IPaddr2" becomes "…:IPaddr2" (layout_cut_left). */
	bool cut_left;
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

/* Sanitized text src fitted to cols columns from the left, for names
 * whose end says most (agents: "ocf:heartbeat:IPaddr2"): unchanged when
 * it fits; else the ellipsis and the longest end that starts at a ':'
 * ("…:IPaddr2", or "…:heartbeat:IPaddr2" when that fits); when not even the
 * last part fits, that part cut at its end ("IPadd…"), so that the type
 * is still read from its start. dst (size sz) is always NUL-terminated;
 * a result is never wider than cols. Returns dst. */
char *layout_cut_left(char *dst, size_t sz, const char *src, int cols);

#endif
