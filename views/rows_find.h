/* Finding among the rows of a table view: a filter typed by the
 * operator, a sort column, "hide healthy", folded groups of the tree
 * and the next failed or pending row. It works on the row list a view
 * was built from and on facts about each row computed once per rebuild
 * (rows_facts_build), so that a key costs a pass over an index and no
 * cell text is made again. Pure, like rows.h: no curses, no clock. */
#ifndef CCON_ROWS_FIND_H
#define CCON_ROWS_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "views/rows.h"

/* The orders a view can show its rows in; ROWS_SORT_LISTED is the
 * cluster's own (the configuration's order, members by dependency). */
enum rows_sort {
	ROWS_SORT_LISTED,
	ROWS_SORT_NAME,
	ROWS_SORT_STATE,        /* failed, pending, not as meant, the rest */
	ROWS_SORT_NODE,
	ROWS_SORT_FAILS,        /* most failures first */
	ROWS_SORT_COUNT
};

/* "name", "state", "node", "fail count"; "listed" for the first. */
const char *rows_sort_word(enum rows_sort s);

/* How much a row asks for the operator's eye, most first. */
enum rows_rank {
	ROWS_RANK_FAILED,       /* failed or blocked, or our request on it
				 * failed or timed out; an error event */
	ROWS_RANK_PENDING,      /* in flight */
	ROWS_RANK_NOT_AS_MEANT, /* rows_as_meant is false; a warning */
	ROWS_RANK_AS_MEANT,
};

/* What the shaping needs of one row of the built list. */
struct rows_fact {
	size_t words;           /* offset of its rows_words in text */
	const char *name;       /* sort key (into the snapshot), never NULL */
	const char *node;       /* the first node it runs on, or NULL */
	unsigned fails;         /* fail count (a group's: its members') */
	unsigned char rank;     /* enum rows_rank */
};

struct rows_facts {
	struct rows_fact *v;
	size_t n, cap;
	char *text;             /* every row's words, each NUL-terminated */
	size_t len, text_cap;
};

/* The facts of every row of c->rows. Returns 0, or -1 when out of
 * memory (then f->n is 0: the shaping shows nothing). */
int rows_facts_build(struct rows_facts *f, const struct rows_ctx *c);
void rows_facts_free(struct rows_facts *f);

/* The groups folded in the tree, by kind and id: they stay folded
 * across snapshots, and a group that comes back stays as it was. */
struct rows_folds {
	char **keys;            /* sorted */
	size_t n, cap;
};

bool rows_folds_has(const struct rows_folds *fs, enum row_kind kind,
		    const char *id);
/* Returns 0, or -1 when out of memory (nothing changed). */
int rows_folds_set(struct rows_folds *fs, enum row_kind kind, const char *id,
		   bool folded);
void rows_folds_free(struct rows_folds *fs);

#define ROWS_FILTER_MAX 64

/* What the operator asked the view to show. */
struct rows_shape {
	char filter[ROWS_FILTER_MAX];   /* as typed; "" none */
	enum rows_sort sort;
	bool hide_healthy;              /* only ranks before AS_MEANT */
	struct rows_folds folds;
};

/* The rows of all (with facts f, one per row) that sh shows, in its
 * order, into out; src (all->n entries) gets the index in all of each.
 * A row shows when its words hold the filter (case-insensitive, ASCII)
 * and, with hide healthy, when it is not as meant. In a tree (rows of
 * depth 1 under a depth-0 group or heading) a group shows when it does
 * or any member does, with only the members that do; a folded group
 * shows without them, its n_folded saying how many; the sort orders the
 * groups and keeps members in their order (a heading's loose resources,
 * which have none, are sorted too; the heading stays last). Returns 0,
 * or -1 when out of memory (out is then empty). */
int rows_shape_apply(const struct row_list *all, const struct rows_facts *f,
		     const struct rows_shape *sh, struct row_list *out,
		     size_t *src);

/* Whether shown row i (from all's src[i]) is failed or pending: where
 * n and N stop. */
bool rows_marked(const struct rows_facts *f, const size_t *src, size_t i);

/* The next shown row after from (dir 1) or before it (dir -1) that is
 * marked, wrapping around (*wrapped says so); -1 when none is. */
long rows_next_marked(const struct rows_facts *f, const size_t *src,
		      size_t n, size_t from, int dir, bool *wrapped);

/* How many of n shown rows are marked, and in *nth (when not NULL) the
 * place among them of row at, from 1 (0: at is not marked). */
size_t rows_count_marked(const struct rows_facts *f, const size_t *src,
			 size_t n, size_t at, size_t *nth);

#endif
