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

/* The position counter: the marks for rows above and below the window,
 * a blank, then "sel/n". Its room is that of the widest it can be, so
 * that the columns do not move as the selection does. */
static int
counter_room(size_t n_rows)
{
	char pos[48];

	snprintf(pos, sizeof pos, "%zu/%zu", n_rows, n_rows);
	return (int)strlen(pos) + 3;
}

static void
counter_draw(WINDOW *w, const struct theme *th, int y, int wd, int room,
	     const struct table_state *ts, size_t n_rows)
{
	attr_t a = theme_part(th, PART_DIM);
	char pos[48];
	int x = wd - room, len;

	if (x < 1)
		return;
	snprintf(pos, sizeof pos, "%zu/%zu", ts->sel + 1, n_rows);
	len = (int)strlen(pos);
	widget_blank(w, y, x, room, theme_part(th, PART_HEADER));
	/* The marks just before the figures: "↑↓ 42/5000". */
	x = wd - len - 3;
	/* The wide-character arrows: Unicode in a UTF-8 locale, the
	 * terminal's own elsewhere (as the dialogs' box lines). */
	wattrset(w, a);
	if (ts->top > 0)
		(void)mvwadd_wch(w, y, x, WACS_UARROW);
	if (ts->top + (size_t)ts->page < n_rows)
		(void)mvwadd_wch(w, y, x + 1, WACS_DARROW);
	wattrset(w, A_NORMAL);
	widget_text(w, y, wd - len, len, pos, a, false);
}

void
table_draw(WINDOW *w, const struct theme *th, const struct table *t,
	   struct table_state *ts)
{
	int width[TABLE_COLS_MAX], want[TABLE_COLS_MAX];
	char buf[SAN_MAX];
	int h, wd, x, y, y0, page, room = 0, cw;
	size_t c, r, n_cols = t->n_cols;
	attr_t base, a;

	getmaxyx(w, h, wd);
	if (n_cols > TABLE_COLS_MAX)
		n_cols = TABLE_COLS_MAX;
	werase(w);
	y0 = t->caption != NULL ? 1 : 0;
	if (h < 2 + y0 || wd < 4)
		return;
	if (t->caption != NULL) {
		cw = widget_text(w, 0, 1, wd - 1, t->caption,
		    theme_part(th, PART_TITLE), false);
		x = 1 + cw;
		if (t->caption_cursor && x < wd) {
			widget_blank(w, 0, x, 1, A_REVERSE);
			x++;
		}
		if (t->caption_info != NULL && x + 2 < wd)
			widget_text(w, 0, x + 2, wd - x - 2, t->caption_info,
			    theme_part(th, PART_DIM), false);
	}
	page = h - 1 - y0;
	ts->page = page;
	table_clamp(ts, t->n_rows);
	if (ts->sel < ts->top)
		ts->top = ts->sel;
	if (ts->sel >= ts->top + (size_t)page)
		ts->top = ts->sel - (size_t)page + 1;
	if (ts->top + (size_t)page > t->n_rows)
		ts->top = t->n_rows > (size_t)page ? t->n_rows - (size_t)page : 0;
	/* Where we are, when not everything fits: its room comes first. */
	if (t->n_rows > (size_t)page) {
		room = counter_room(t->n_rows);
		if (room > wd - 4)
			room = 0;
	}
	/* Unmeasured, a column is as wide as its title. */
	for (c = 0; c < n_cols; c++)
		want[c] = t->want != NULL ? t->want[c] :
		    widget_width(t->cols[c].title);
	/* Column 0 is a gutter that marks the selected row: the marker
	 * still shows when the row itself is already in reverse video. */
	table_layout(t->cols, n_cols, want, wd - 1 - room, width);
	x = 1;
	for (c = 0; c < n_cols; c++) {
		if (width[c] == 0)
			continue;
		if (x >= wd - room)
			break;
		table_cell(w, y0, x, imin(width[c], wd - room - x), &t->cols[c],
		    t->cols[c].title, theme_part(th, PART_HEADER));
		x += width[c] + 1;
	}
	if (t->n_rows == 0) {
		widget_text(w, y0 + 2, 2, wd - 3, t->empty != NULL ? t->empty :
		    "", theme_part(th, PART_DIM), false);
		return;
	}
	if (room > 0)
		counter_draw(w, th, y0, wd, room, ts, t->n_rows);
	for (y = y0 + 1, r = ts->top; y < h && r < t->n_rows; y++, r++) {
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

