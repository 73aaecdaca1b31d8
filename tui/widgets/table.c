/* The table widget; see table.h. */
#include <stdio.h>
#include <string.h>

#include "backend/util/termtext.h"
#include "tui/widgets/table.h"
#include "tui/widgets/widget_priv.h"

void
table_measure(const struct table *t, int *want)
{
	char buf[SAN_MAX];
	size_t r, c;
	int wd;

	for (c = 0; c < t->n_cols; c++)
		want[c] = widget_width(t->cols[c].title);
	for (r = 0; r < t->n_rows; r++) {
		for (c = 0; c < t->n_cols; c++) {
			buf[0] = '\0';
			t->text(t->ctx, r, t->cols[c].id, buf, sizeof buf);
			wd = widget_width(buf);
			if (wd > want[c])
				want[c] = wd;
		}
	}
	for (c = 0; c < t->n_cols; c++)
		want[c] += t->cols[c].reserve;
}

/* Column widths for `avail` columns: the least important columns are
 * dropped until the narrowest form of the rest fits, then the rest grow
 * toward their content, most important first. width[c] == 0: dropped. */
static void
table_cell(WINDOW *w, int y, int x, int wd, const struct table_col *col,
	   const char *text, attr_t attr)
{
	char san[SAN_MAX], cut[SAN_MAX];
	int tw;

	if (col->right) {
		termtext_sanitize(san, sizeof san, text);
		tw = (int)termtext_width(san);
		if (tw < wd) {
			widget_blank(w, y, x, wd - tw, attr);
			x += wd - tw;
			wd = tw;
		}
	}
	if (col->cut_left && wd > 0) {
		termtext_sanitize(san, sizeof san, text);
		text = layout_cut_left(cut, sizeof cut, san, wd);
	}
	widget_text(w, y, x, wd, text, attr, true);
}

/* The selected row's look. A row already in reverse video (a failed
 * transition) loses it instead, so that the selection still shows. */
static attr_t
selected(const struct theme *th, attr_t a)
{
	if (a & A_REVERSE)
		return (a & ~A_REVERSE) | A_BOLD;
	return a | theme_part(th, PART_SELECT);
}

void
table_draw(WINDOW *w, const struct theme *th, const struct table *t,
	   struct table_state *ts)
{
	int width[TABLE_COLS_MAX], want[TABLE_COLS_MAX];
	char buf[SAN_MAX], pos[48];
	int h, wd, x, y, page;
	size_t c, r, n_cols = t->n_cols;
	attr_t base, a;

	getmaxyx(w, h, wd);
	if (n_cols > TABLE_COLS_MAX)
		n_cols = TABLE_COLS_MAX;
	werase(w);
	if (h < 2 || wd < 4)
		return;
	/* Unmeasured, a column is as wide as its title. */
	for (c = 0; c < n_cols; c++)
		want[c] = t->want != NULL ? t->want[c] :
		    widget_width(t->cols[c].title);
	/* Column 0 is a gutter that marks the selected row: the marker
	 * still shows when the row itself is already in reverse video. */
	table_layout(t->cols, n_cols, want, wd - 1, width);
	x = 1;
	for (c = 0; c < n_cols; c++) {
		if (width[c] == 0)
			continue;
		if (x >= wd)
			break;
		table_cell(w, 0, x, imin(width[c], wd - x), &t->cols[c],
		    t->cols[c].title, theme_part(th, PART_HEADER));
		x += width[c] + 1;
	}
	page = h - 1;
	ts->page = page;
	table_clamp(ts, t->n_rows);
	if (t->n_rows == 0) {
		widget_text(w, 2, 2, wd - 3, t->empty != NULL ? t->empty : "",
		    theme_part(th, PART_DIM), false);
		return;
	}
	if (ts->sel < ts->top)
		ts->top = ts->sel;
	if (ts->sel >= ts->top + (size_t)page)
		ts->top = ts->sel - (size_t)page + 1;
	if (ts->top + (size_t)page > t->n_rows)
		ts->top = t->n_rows > (size_t)page ? t->n_rows - (size_t)page : 0;
	/* Where we are, when not everything fits and there is room left. */
	if (t->n_rows > (size_t)page) {
		snprintf(pos, sizeof pos, "%zu/%zu", ts->sel + 1, t->n_rows);
		if (x + (int)strlen(pos) < wd)
			widget_text(w, 0, wd - (int)strlen(pos), (int)strlen(pos),
			    pos, theme_part(th, PART_DIM), false);
	}
	for (y = 1, r = ts->top; y < h && r < t->n_rows; y++, r++) {
		base = t->attr(t->ctx, r, -1);
		if (r == ts->sel)
			base = selected(th, base);
		widget_blank(w, y, 0, wd, base);
		if (r == ts->sel)
			widget_text(w, y, 0, 1, ">", base | A_BOLD, false);
		x = 1;
		for (c = 0; c < n_cols; c++) {
			if (width[c] == 0)
				continue;
			if (x >= wd)
				break;
			buf[0] = '\0';
			t->text(t->ctx, r, t->cols[c].id, buf, sizeof buf);
			a = t->attr(t->ctx, r, t->cols[c].id);
			table_cell(w, y, x, imin(width[c], wd - x), &t->cols[c],
			    buf, r == ts->sel ? selected(th, a) | base : a | base);
			x += width[c] + 1;
		}
	}
}

void
table_clamp(struct table_state *ts, size_t n_rows)
{
	if (n_rows == 0) {
		ts->sel = ts->top = 0;
		return;
	}
	if (ts->sel >= n_rows)
		ts->sel = n_rows - 1;
	if (ts->top > ts->sel)
		ts->top = ts->sel;
}

int
table_nav(struct table_state *ts, size_t n_rows, int ch)
{
	size_t step = ts->page > 1 ? (size_t)ts->page - 1 : 1;

	switch (ch) {
	case KEY_UP:
	case 'k':
		if (ts->sel > 0)
			ts->sel--;
		break;
	case KEY_DOWN:
	case 'j':
		if (ts->sel + 1 < n_rows)
			ts->sel++;
		break;
	case KEY_PPAGE:
		ts->sel = ts->sel > step ? ts->sel - step : 0;
		ts->top = ts->top > step ? ts->top - step : 0;
		break;
	case KEY_NPAGE:
		ts->sel += step;
		ts->top += step;
		break;
	case KEY_HOME:
	case 'g':
		ts->sel = 0;
		break;
	case KEY_END:
	case 'G':
		ts->sel = n_rows > 0 ? n_rows - 1 : 0;
		break;
	default:
		return 0;
	}
	table_clamp(ts, n_rows);
	return WIDGET_HANDLED | WIDGET_REDRAW;
}

