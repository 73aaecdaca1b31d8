/* A table over display rows (rows.h): the table widget bound to a row
 * list, shaped by a filter, a sort, "hide healthy" and folded groups
 * (rows_find.h), with the selection kept on the same object across
 * snapshots and across every change of shape. */
#ifndef CCON_ROWTABLE_H
#define CCON_ROWTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "tui/widgets/theme.h"
#include "tui/widgets/widgets.h"
#include "views/rows.h"
#include "views/rows_find.h"

/* Keeps the selection on the same object (kind + id + instance) when the
 * rows are rebuilt from a new snapshot, not on the same index. */
struct rowtable {
	struct row_list all;            /* as built, in the cluster's order */
	struct rows_facts facts;        /* of all, made once per rebuild */
	struct rows_shape shape;        /* what the operator asked to see */
	struct row_list rows;           /* shown: all, shaped */
	size_t *src;                    /* rows.v[i] is all.v[src[i]] */
	size_t src_cap;
	struct table_state ts;
	struct row_key sel;             /* identity of the selected row */
	int want[TABLE_COLS_MAX];       /* measured over all */
	uint64_t gen;                   /* what the rows were built from */
	bool built;
};

/* Call after rt->all was rebuilt: makes the facts, measures the columns
 * over every row, shapes the rows shown and finds the selected object
 * again (or keeps the index when it is gone). c->rows is ignored. */
void rowtable_rebuilt(struct rowtable *rt, const struct rows_ctx *c,
		      const struct table_col *cols, size_t n_cols);
/* Call after rt->shape changed: shapes the rows anew, the selection on
 * the same object if it still shows, else on the first row. */
void rowtable_reshape(struct rowtable *rt, const struct rows_ctx *c);
void rowtable_draw(WINDOW *w, const struct theme *th, struct rowtable *rt,
		   const struct rows_ctx *c, const struct table_col *cols,
		   size_t n_cols, const char *empty, const struct table *caption);
/* table_nav, then remembers the identity of the new selection. */
int rowtable_key(struct rowtable *rt, const struct rows_ctx *c, int ch);
/* Folds (how -1), opens (1) or toggles (0) the selected group of the
 * tree, or the group of the selected member, which is then selected
 * (opening a member's group does nothing). Returns whether something
 * changed; false also when the selected row is no group nor member. */
bool rowtable_fold(struct rowtable *rt, const struct rows_ctx *c,
		   const struct table_col *cols, size_t n_cols, int how);
/* Moves the selection to the next (dir 1) or previous (-1) failed or
 * pending row, wrapping around. Returns false when there is none;
 * *wrapped, *nth and *count say where it landed. */
bool rowtable_next_marked(struct rowtable *rt, const struct rows_ctx *c,
			  int dir, bool *wrapped, size_t *nth, size_t *count);
/* The selected row, or NULL when there are none. */
const struct row *rowtable_selected(const struct rowtable *rt);
void rowtable_free(struct rowtable *rt);

#endif
