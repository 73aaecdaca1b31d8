/* A table over display rows (rows.h): the table widget bound to a row
 * list, with the selection kept on the same object across snapshots. */
#ifndef CCON_ROWTABLE_H
#define CCON_ROWTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "tui/widgets/theme.h"
#include "tui/widgets/widgets.h"
#include "views/rows.h"

/* Keeps the selection on the same object (kind + id + instance) when the
 * rows are rebuilt from a new snapshot, not on the same index. */
struct rowtable {
	struct row_list rows;
	struct table_state ts;
	struct row_key sel;             /* identity of the selected row */
	int want[TABLE_COLS_MAX];
	uint64_t gen;                   /* what the rows were built from */
	bool built;
};

/* Call after rt->rows was rebuilt: finds the selected row again (or keeps
 * the index when it is gone) and measures the columns. c->rows is ignored
 * (rt->rows is used). */
void rowtable_rebuilt(struct rowtable *rt, const struct rows_ctx *c,
		      const struct table_col *cols, size_t n_cols);
void rowtable_draw(WINDOW *w, const struct theme *th, struct rowtable *rt,
		   const struct rows_ctx *c, const struct table_col *cols,
		   size_t n_cols, const char *empty);
/* table_nav, then remembers the identity of the new selection. */
int rowtable_key(struct rowtable *rt, const struct rows_ctx *c, int ch);
/* The selected row, or NULL when there are none. */
const struct row *rowtable_selected(const struct rowtable *rt);
void rowtable_free(struct rowtable *rt);

#endif
