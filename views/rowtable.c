/* The row table; see rowtable.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "views/rowtable.h"

/* What the table's cell callbacks need. */
struct rowtable_ctx {
	struct rows_ctx rc;
	const struct theme *th;
};

static void
rowtable_text(const void *ctx, size_t row, int col, char *buf, size_t sz)
{
	const struct rowtable_ctx *x = ctx;

	rows_text(&x->rc, row, (enum col_id)col, buf, sz);
}

static attr_t
rowtable_attr(const void *ctx, size_t row, int col)
{
	const struct rowtable_ctx *x = ctx;

	return theme_tone(x->th, rows_tone(&x->rc, row, (enum col_id)col));
}

static void
rowtable_bind(struct rowtable_ctx *x, const struct row_list *rows,
	      const struct rows_ctx *c, const struct theme *th)
{
	x->rc = *c;
	x->rc.rows = rows;
	x->th = th;
}

static void
rowtable_table(struct table *t, const struct row_list *rows,
	       const int *want, const struct rowtable_ctx *x,
	       const struct table_col *cols, size_t n_cols, const char *empty)
{
	*t = (struct table){
		.cols = cols,
		.n_cols = n_cols < TABLE_COLS_MAX ? n_cols : TABLE_COLS_MAX,
		.want = want,
		.n_rows = rows->n,
		.text = rowtable_text,
		.attr = rowtable_attr,
		.ctx = x,
		.empty = empty,
	};
}

/* Whether all's row i heads members (a group or heading of the tree). */
static bool
has_members(const struct row_list *all, size_t i)
{
	return (all->v[i].kind == ROW_GROUP || all->v[i].kind == ROW_HEADING)
	    && all->v[i].depth == 0 && i + 1 < all->n &&
	    all->v[i + 1].depth > 0;
}

static unsigned
members_of(const struct row_list *all, size_t i)
{
	size_t j;

	for (j = i + 1; j < all->n && all->v[j].depth > 0; j++)
		;
	return (unsigned)(j - i - 1);
}

/* A folded group's row says so (and its count) in the measured texts. */
static void
mark_folds(struct rowtable *rt, size_t i)
{
	struct row *r = &rt->all.v[i];

	r->folded = i < rt->facts.n && has_members(&rt->all, i) &&
	    rows_folds_has(&rt->shape.folds, r->kind, rt->facts.v[i].name);
	r->n_folded = r->folded ? members_of(&rt->all, i) : 0;
}

/* Widens the columns to fit all's row i, which the measure of the whole
 * list did not see as it is now (a group just folded). */
static void
measure_one(struct rowtable *rt, const struct rows_ctx *c,
	    const struct table_col *cols, size_t n_cols, size_t i)
{
	struct rowtable_ctx x;
	char buf[1024];
	size_t k;
	int wd;

	rowtable_bind(&x, &rt->all, c, NULL);
	for (k = 0; k < n_cols && k < TABLE_COLS_MAX; k++) {
		rows_text(&x.rc, i, (enum col_id)cols[k].id, buf, sizeof buf);
		wd = widget_width(buf) + cols[k].reserve;
		if (wd > rt->want[k])
			rt->want[k] = wd;
	}
}

/* Shapes rt->rows; the selection goes to the shown row of all's index
 * want (SIZE_MAX: none), else (by_key) to the shown row with key
 * rt->sel, else to index fallback (clamped). */
static void
shape(struct rowtable *rt, const struct rows_ctx *c, size_t want,
      bool by_key, size_t fallback)
{
	struct rowtable_ctx x;
	size_t *nsrc, i;
	long at = -1;

	if (rt->src_cap < rt->all.n) {
		nsrc = realloc(rt->src, rt->all.n * sizeof *nsrc);
		if (nsrc == NULL) {
			rt->rows.n = 0;
			goto done;
		}
		rt->src = nsrc;
		rt->src_cap = rt->all.n;
	}
	/* Out of memory leaves the list empty: the screen says so. */
	(void)rows_shape_apply(&rt->all, &rt->facts, &rt->shape, &rt->rows,
	    rt->src);
	if (want != SIZE_MAX)
		for (i = 0; i < rt->rows.n && at < 0; i++)
			if (rt->src[i] == want)
				at = (long)i;
	rowtable_bind(&x, &rt->rows, c, NULL);
	if (at < 0 && by_key)
		at = rows_find(&x.rc, &rt->sel);
	rt->ts.sel = at >= 0 ? (size_t)at : fallback;
done:
	table_clamp(&rt->ts, rt->rows.n);
	rowtable_bind(&x, &rt->rows, c, NULL);
	rows_key(&x.rc, rt->ts.sel, &rt->sel);
}

void
rowtable_rebuilt(struct rowtable *rt, const struct rows_ctx *c,
		 const struct table_col *cols, size_t n_cols)
{
	struct rowtable_ctx x;
	struct table t;
	size_t i;

	rowtable_bind(&x, &rt->all, c, NULL);
	/* Out of memory leaves no facts, and so no rows shown. */
	(void)rows_facts_build(&rt->facts, &x.rc);
	for (i = 0; i < rt->all.n; i++)
		mark_folds(rt, i);
	/* Over every row, not only those shown: the columns keep their
	 * width as the filter changes, and a key measures nothing. */
	rowtable_table(&t, &rt->all, NULL, &x, cols, n_cols, NULL);
	table_measure(&t, rt->want);
	shape(rt, c, SIZE_MAX, true, rt->ts.sel);
}

void
rowtable_reshape(struct rowtable *rt, const struct rows_ctx *c)
{
	size_t was = rt->ts.sel < rt->rows.n ? rt->src[rt->ts.sel] : SIZE_MAX;

	/* The same rows underneath: the object selected is found by where
	 * it is in all, and a selection that no longer shows goes up to the
	 * first row. */
	rt->ts.top = 0;
	shape(rt, c, was, was == SIZE_MAX, 0);
}

void
rowtable_draw(WINDOW *w, const struct theme *th, struct rowtable *rt,
	      const struct rows_ctx *c, const struct table_col *cols,
	      size_t n_cols, const char *empty, const struct table *caption)
{
	struct rowtable_ctx x;
	struct table t;

	rowtable_bind(&x, &rt->rows, c, th);
	rowtable_table(&t, &rt->rows, rt->want, &x, cols, n_cols, empty);
	if (caption != NULL) {
		t.caption = caption->caption;
		t.caption_info = caption->caption_info;
		t.caption_cursor = caption->caption_cursor;
	}
	table_draw(w, th, &t, &rt->ts);
}

int
rowtable_key(struct rowtable *rt, const struct rows_ctx *c, int ch)
{
	struct rowtable_ctx x;
	int bits;

	bits = table_nav(&rt->ts, rt->rows.n, ch);
	if (bits & WIDGET_HANDLED) {
		rowtable_bind(&x, &rt->rows, c, NULL);
		rows_key(&x.rc, rt->ts.sel, &rt->sel);
	}
	return bits;
}

bool
rowtable_fold(struct rowtable *rt, const struct rows_ctx *c,
	      const struct table_col *cols, size_t n_cols, int how)
{
	const struct row *r = rowtable_selected(rt);
	size_t head;
	bool folded;

	if (r == NULL || rt->facts.n != rt->all.n)
		return false;
	head = rt->src[rt->ts.sel];
	/* A member folds its group, and the selection goes up to it. */
	while (head > 0 && rt->all.v[head].depth > 0)
		head--;
	if (!has_members(&rt->all, head))
		return false;
	folded = rt->all.v[head].folded;
	if (r->depth > 0 && how > 0)
		return false;
	if (how == 0 && r->depth == 0)
		folded = !folded;
	else
		folded = how <= 0;
	if (folded == rt->all.v[head].folded)
		return false;
	if (rows_folds_set(&rt->shape.folds, rt->all.v[head].kind,
	    rt->facts.v[head].name, folded) != 0)
		return false;
	mark_folds(rt, head);
	measure_one(rt, c, cols, n_cols, head);
	shape(rt, c, head, false, 0);
	return true;
}

bool
rowtable_next_marked(struct rowtable *rt, const struct rows_ctx *c, int dir,
		     bool *wrapped, size_t *nth, size_t *count)
{
	struct rowtable_ctx x;
	long at;

	*nth = *count = 0;
	at = rows_next_marked(&rt->facts, rt->src, rt->rows.n, rt->ts.sel,
	    dir, wrapped);
	if (at < 0)
		return false;
	rt->ts.sel = (size_t)at;
	rowtable_bind(&x, &rt->rows, c, NULL);
	rows_key(&x.rc, rt->ts.sel, &rt->sel);
	*count = rows_count_marked(&rt->facts, rt->src, rt->rows.n,
	    rt->ts.sel, nth);
	return true;
}

const struct row *
rowtable_selected(const struct rowtable *rt)
{
	if (rt->ts.sel >= rt->rows.n)
		return NULL;
	return &rt->rows.v[rt->ts.sel];
}

void
rowtable_free(struct rowtable *rt)
{
	rows_free(&rt->all);
	rows_free(&rt->rows);
	rows_facts_free(&rt->facts);
	rows_folds_free(&rt->shape.folds);
	free(rt->src);
	memset(rt, 0, sizeof *rt);
}
