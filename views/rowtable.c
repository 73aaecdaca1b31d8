/* The row table; see rowtable.h. */
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
rowtable_bind(struct rowtable_ctx *x, const struct rowtable *rt,
	      const struct rows_ctx *c, const struct theme *th)
{
	x->rc = *c;
	x->rc.rows = &rt->rows;
	x->th = th;
}

static void
rowtable_table(struct table *t, const struct rowtable *rt,
	       const struct rowtable_ctx *x, const struct table_col *cols,
	       size_t n_cols, const char *empty)
{
	*t = (struct table){
		.cols = cols,
		.n_cols = n_cols < TABLE_COLS_MAX ? n_cols : TABLE_COLS_MAX,
		.want = rt->want,
		.n_rows = rt->rows.n,
		.text = rowtable_text,
		.attr = rowtable_attr,
		.ctx = x,
		.empty = empty,
	};
}

void
rowtable_rebuilt(struct rowtable *rt, const struct rows_ctx *c,
		 const struct table_col *cols, size_t n_cols)
{
	struct rowtable_ctx x;
	struct table t;
	long i;

	rowtable_bind(&x, rt, c, NULL);
	i = rows_find(&x.rc, &rt->sel);
	if (i >= 0)
		rt->ts.sel = (size_t)i;
	table_clamp(&rt->ts, rt->rows.n);
	rows_key(&x.rc, rt->ts.sel, &rt->sel);
	rowtable_table(&t, rt, &x, cols, n_cols, NULL);
	t.want = NULL;
	table_measure(&t, rt->want);
}

void
rowtable_draw(WINDOW *w, const struct theme *th, struct rowtable *rt,
	      const struct rows_ctx *c, const struct table_col *cols,
	      size_t n_cols, const char *empty)
{
	struct rowtable_ctx x;
	struct table t;

	rowtable_bind(&x, rt, c, th);
	rowtable_table(&t, rt, &x, cols, n_cols, empty);
	table_draw(w, th, &t, &rt->ts);
}

int
rowtable_key(struct rowtable *rt, const struct rows_ctx *c, int ch)
{
	struct rowtable_ctx x;
	int bits;

	bits = table_nav(&rt->ts, rt->rows.n, ch);
	if (bits & WIDGET_HANDLED) {
		rowtable_bind(&x, rt, c, NULL);
		rows_key(&x.rc, rt->ts.sel, &rt->sel);
	}
	return bits;
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
	rows_free(&rt->rows);
	memset(rt, 0, sizeof *rt);
}

