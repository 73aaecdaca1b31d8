/* Screen pieces the views and the loop are built from: sanitized text, a
 * table with virtual scrolling, a confirm dialog, a chooser list, the tab
 * line, the status line and an overlay box. They draw into a window they
 * are given and never refresh it: the loop does one doupdate per turn. */
#ifndef CCON_WIDGETS_H
#define CCON_WIDGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "backend/core/action.h"
#include "tui/widgets/theme.h"
#include "tui/widgets/tone.h"

/* What a key handler reports (views add their own bits above these). */
enum {
	WIDGET_HANDLED = 1 << 0,  /* the key was used */
	WIDGET_REDRAW = 1 << 1,   /* the screen changed */
};

/* Draws untrusted text at y,x in at most cols columns: sanitized, cut
 * with "…", padded with spaces when pad. Returns the columns written. */
int widget_text(WINDOW *w, int y, int x, int cols, const char *raw,
		attr_t attr, bool pad);
/* Columns that untrusted text takes once sanitized. */
int widget_width(const char *raw);

/* ---- table ------------------------------------------------------------ */

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

struct table_state {
	size_t sel;          /* selected row */
	size_t top;          /* first row shown */
	int page;            /* rows shown at the last draw */
};

#define TABLE_COLS_MAX 16

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
};

/* The widest cell of each column over every row (and its title), in
 * columns, into want[n_cols]. */
void table_measure(const struct table *t, int *want);
/* Draws the header and the visible rows into all of w; keeps the
 * selection in view (updating ts->top and ts->page). */
void table_draw(WINDOW *w, const struct theme *th, const struct table *t,
		struct table_state *ts);
/* Moves the selection: arrows, j/k, PgUp/PgDn, Home/End, g/G. Returns
 * WIDGET_* bits. */
int table_nav(struct table_state *ts, size_t n_rows, int ch);
/* Keeps sel and top inside n_rows. */
void table_clamp(struct table_state *ts, size_t n_rows);

/* ---- dialogs ---------------------------------------------------------- */

/* A centred box with one question ("Take group web offline? [y/N]"). */
void dialog_draw(WINDOW *w, const struct theme *th, const char *text);

/* A centred box of at least h x wd (clipped to w) with a title; returns
 * the inner area's origin and size. */
void widget_box(WINDOW *w, const struct theme *th, int h, int wd,
		const char *title, int *iy, int *ix, int *ih, int *iw);

#define CHOOSER_MAX 64

/* A list to pick one entry from (the node chooser). Copies its entries,
 * so it outlives the snapshot they came from. */
struct chooser {
	char title[ACTION_ID_MAX + 64];
	char items[CHOOSER_MAX][ACTION_ID_MAX];
	size_t n, sel, top;
};

enum chooser_result { CHOOSER_NONE, CHOOSER_PICK, CHOOSER_CANCEL };

void chooser_init(struct chooser *c, const char *title,
		  const char *const *items, size_t n);
/* Arrows and j/k move, Enter picks, Esc or q cancels. *bits gets
 * WIDGET_* bits. */
enum chooser_result chooser_key(struct chooser *c, int ch, int *bits);
void chooser_draw(WINDOW *w, const struct theme *th, struct chooser *c);

/* ---- bars ------------------------------------------------------------- */

struct tabbar {
	const char *const *tabs;
	size_t n_tabs, current;
	const char *cluster;            /* NULL with a single cluster */
	const char *const *summary;     /* longest first; the first that
					 * fits is drawn at the right */
	size_t n_summary;
};

void tabbar_draw(WINDOW *w, const struct theme *th, const struct tabbar *t);

struct statusbar {
	const char *cluster;
	const char *source;             /* "" before any data */
	const char *age;                /* "2s", "stale 12s", "connecting" */
	bool stale;
	const char *error;              /* why stale, or "" */
	bool readonly;
	const char *message;            /* the last action's answer, or "" */
	enum tone message_tone;
};

void statusbar_draw(WINDOW *w, const struct theme *th,
		    const struct statusbar *s);

#endif
