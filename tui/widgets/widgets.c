/* Screen pieces; see widgets.h. Every string drawn here passes through
 * termtext first: cluster text never reaches the terminal raw. */
#include <stdio.h>
#include <string.h>

#include "backend/util/termtext.h"
#include "tui/widgets/widgets.h"

#define SAN_MAX 2048          /* a sanitized cell */
#define FIT_MAX 4096          /* a fitted cell: up to 4 bytes a column */

static int
imin(int a, int b)
{
	return a < b ? a : b;
}

static int
imax(int a, int b)
{
	return a > b ? a : b;
}

int
widget_width(const char *raw)
{
	char san[SAN_MAX];

	termtext_sanitize(san, sizeof san, raw != NULL ? raw : "");
	return (int)termtext_width(san);
}

int
widget_text(WINDOW *w, int y, int x, int cols, const char *raw,
	    attr_t attr, bool pad)
{
	char san[SAN_MAX], fit[FIT_MAX];

	if (cols <= 0)
		return 0;
	termtext_sanitize(san, sizeof san, raw != NULL ? raw : "");
	termtext_fit(fit, sizeof fit, san, (size_t)cols, pad);
	wattrset(w, attr);
	/* ERR here only means the cursor could not move past the window's
	 * last cell; the text itself has been drawn. */
	(void)mvwaddstr(w, y, x, fit);
	wattrset(w, A_NORMAL);
	return (int)termtext_width(fit);
}

/* Fills cols cells from y,x with blanks in attr (the selection bar). */
static void
blank(WINDOW *w, int y, int x, int cols, attr_t attr)
{
	if (cols <= 0)
		return;
	wattrset(w, attr);
	(void)mvwhline(w, y, x, ' ', cols);
	wattrset(w, A_NORMAL);
}

/* ---- table ------------------------------------------------------------ */

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
table_layout(const struct table *t, int avail, int *width)
{
	int want[TABLE_COLS_MAX], min[TABLE_COLS_MAX];
	bool on[TABLE_COLS_MAX];
	int total, extra, grow, n_on;
	size_t c, worst;
	unsigned rank, top_rank = 0;

	for (c = 0; c < t->n_cols; c++) {
		want[c] = t->want != NULL ? t->want[c] :
		    widget_width(t->cols[c].title);
		/* min is a floor too: a column whose content comes and goes
		 * (a clock) keeps its width instead of shifting the others. */
		want[c] = imax(want[c], t->cols[c].min);
		if (t->cols[c].max > 0)
			want[c] = imin(want[c], t->cols[c].max);
		min[c] = t->cols[c].min > 0 ? imin(t->cols[c].min, want[c]) :
		    want[c];
		on[c] = true;
		if (t->cols[c].drop > top_rank)
			top_rank = t->cols[c].drop;
	}
	for (;;) {
		total = 0;
		n_on = 0;
		for (c = 0; c < t->n_cols; c++) {
			if (!on[c])
				continue;
			total += min[c];
			n_on++;
		}
		total += imax(n_on - 1, 0);
		if (total <= avail)
			break;
		worst = t->n_cols;
		for (c = 0; c < t->n_cols; c++)
			if (on[c] && t->cols[c].drop > 0 && (worst == t->n_cols ||
			    t->cols[c].drop > t->cols[worst].drop))
				worst = c;
		if (worst == t->n_cols)
			break;          /* nothing left to drop: cut at the edge */
		on[worst] = false;
	}
	extra = avail - total;
	for (c = 0; c < t->n_cols; c++)
		width[c] = on[c] ? min[c] : 0;
	for (rank = 0; rank <= top_rank && extra > 0; rank++) {
		for (c = 0; c < t->n_cols && extra > 0; c++) {
			if (!on[c] || t->cols[c].drop != rank)
				continue;
			grow = imin(want[c] - width[c], extra);
			if (grow > 0) {
				width[c] += grow;
				extra -= grow;
			}
		}
	}
}

static void
table_cell(WINDOW *w, int y, int x, int wd, const struct table_col *col,
	   const char *text, attr_t attr)
{
	char san[SAN_MAX];
	int tw;

	if (col->right) {
		termtext_sanitize(san, sizeof san, text);
		tw = (int)termtext_width(san);
		if (tw < wd) {
			blank(w, y, x, wd - tw, attr);
			x += wd - tw;
			wd = tw;
		}
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
	int width[TABLE_COLS_MAX];
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
	/* Column 0 is a gutter that marks the selected row: the marker
	 * still shows when the row itself is already in reverse video. */
	table_layout(t, wd - 1, width);
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
		blank(w, y, 0, wd, base);
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

/* ---- boxes and dialogs ------------------------------------------------ */

void
widget_box(WINDOW *w, const struct theme *th, int h, int wd,
	   const char *title, int *iy, int *ix, int *ih, int *iw)
{
	int H, W, y0, x0, y;
	attr_t a = theme_part(th, PART_DIALOG);

	getmaxyx(w, H, W);
	h = imax(imin(h, H), 3);
	wd = imax(imin(wd, W), 6);
	y0 = imax((H - h) / 2, 0);
	x0 = imax((W - wd) / 2, 0);
	for (y = 0; y < h; y++)
		blank(w, y0 + y, x0, wd, A_NORMAL);
	wattrset(w, a);
	/* The wide-character forms: in a UTF-8 locale they are Unicode box
	 * drawing, which survives tmux, screen and copy-paste; elsewhere
	 * ncurses falls back to the terminal's alternate character set. */
	(void)mvwhline_set(w, y0, x0 + 1, WACS_HLINE, wd - 2);
	(void)mvwhline_set(w, y0 + h - 1, x0 + 1, WACS_HLINE, wd - 2);
	(void)mvwvline_set(w, y0 + 1, x0, WACS_VLINE, h - 2);
	(void)mvwvline_set(w, y0 + 1, x0 + wd - 1, WACS_VLINE, h - 2);
	(void)mvwadd_wch(w, y0, x0, WACS_ULCORNER);
	(void)mvwadd_wch(w, y0, x0 + wd - 1, WACS_URCORNER);
	(void)mvwadd_wch(w, y0 + h - 1, x0, WACS_LLCORNER);
	(void)mvwadd_wch(w, y0 + h - 1, x0 + wd - 1, WACS_LRCORNER);
	wattrset(w, A_NORMAL);
	if (title != NULL && title[0] != '\0' && wd > 6) {
		widget_text(w, y0, x0 + 2, 1, " ", a, false);
		widget_text(w, y0, x0 + 3, wd - 6, title, a, false);
		widget_text(w, y0, x0 + 3 + imin(widget_width(title), wd - 6),
		    1, " ", a, false);
	}
	*iy = y0 + 1;
	*ix = x0 + 2;
	*ih = h - 2;
	*iw = wd - 4;
}

void
dialog_draw(WINDOW *w, const struct theme *th, const char *text)
{
	int iy, ix, ih, iw, tw = widget_width(text);

	widget_box(w, th, 5, tw + 6, NULL, &iy, &ix, &ih, &iw);
	widget_text(w, iy + 1, ix + imax((iw - tw) / 2, 0), iw, text,
	    theme_part(th, PART_DIALOG), false);
}

void
chooser_init(struct chooser *c, const char *title, const char *const *items,
	     size_t n)
{
	size_t i;

	memset(c, 0, sizeof *c);
	snprintf(c->title, sizeof c->title, "%s", title);
	if (n > CHOOSER_MAX)
		n = CHOOSER_MAX;
	for (i = 0; i < n; i++)
		snprintf(c->items[i], sizeof c->items[i], "%s", items[i]);
	c->n = n;
}

enum chooser_result
chooser_key(struct chooser *c, int ch, int *bits)
{
	*bits = WIDGET_HANDLED | WIDGET_REDRAW;
	switch (ch) {
	case KEY_UP:
	case 'k':
		if (c->sel > 0)
			c->sel--;
		return CHOOSER_NONE;
	case KEY_DOWN:
	case 'j':
		if (c->sel + 1 < c->n)
			c->sel++;
		return CHOOSER_NONE;
	case KEY_HOME:
	case 'g':
		c->sel = 0;
		return CHOOSER_NONE;
	case KEY_END:
	case 'G':
		c->sel = c->n > 0 ? c->n - 1 : 0;
		return CHOOSER_NONE;
	case '\n':
	case '\r':
	case KEY_ENTER:
		return c->n > 0 ? CHOOSER_PICK : CHOOSER_CANCEL;
	case 27:        /* Esc */
	case 'q':
		return CHOOSER_CANCEL;
	default:
		*bits = WIDGET_HANDLED;
		return CHOOSER_NONE;
	}
}

void
chooser_draw(WINDOW *w, const struct theme *th, struct chooser *c)
{
	int iy, ix, ih, iw, wd, y;
	size_t i;
	attr_t a;
	const char *hint = "Enter picks, Esc cancels";

	wd = imax(widget_width(c->title), widget_width(hint)) + 6;
	for (i = 0; i < c->n; i++)
		wd = imax(wd, widget_width(c->items[i]) + 8);
	widget_box(w, th, (int)c->n + 4, wd, c->title, &iy, &ix, &ih, &iw);
	ih -= 1;        /* the last inner line holds the hint */
	if (ih < 1)
		return;
	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + (size_t)ih)
		c->top = c->sel - (size_t)ih + 1;
	for (y = 0, i = c->top; y < ih && i < c->n; y++, i++) {
		a = i == c->sel ? theme_part(th, PART_SELECT) | A_BOLD :
		    A_NORMAL;
		blank(w, iy + y, ix, iw, a);
		widget_text(w, iy + y, ix + 1, iw - 2, c->items[i], a, false);
	}
	widget_text(w, iy + ih, ix, iw, hint, theme_part(th, PART_DIM), false);
}

/* ---- bars ------------------------------------------------------------- */

static int
tabs_width(const struct tabbar *t, bool compact)
{
	char label[64];
	size_t i;
	int x = 0;

	for (i = 0; i < t->n_tabs; i++) {
		if (compact && i != t->current)
			snprintf(label, sizeof label, " %zu ", i + 1);
		else
			snprintf(label, sizeof label, " %zu %s ", i + 1,
			    t->tabs[i]);
		x += widget_width(label);
	}
	return x;
}

void
tabbar_draw(WINDOW *w, const struct theme *th, const struct tabbar *t)
{
	char label[64];
	int W = getmaxx(w), x = 0, rest, sw;
	size_t i;
	bool compact;

	werase(w);
	if (t->cluster != NULL) {
		x += widget_text(w, 0, x, W - x, t->cluster,
		    theme_part(th, PART_TITLE), false);
		x += widget_text(w, 0, x, W - x, " ›", theme_part(th,
		    PART_DIM), false);
	}
	compact = x + tabs_width(t, false) > W - 10;
	for (i = 0; i < t->n_tabs && x < W; i++) {
		if (compact && i != t->current)
			snprintf(label, sizeof label, " %zu ", i + 1);
		else
			snprintf(label, sizeof label, " %zu %s ", i + 1,
			    t->tabs[i]);
		x += widget_text(w, 0, x, W - x, label, theme_part(th,
		    i == t->current ? PART_TAB_ACTIVE : PART_TAB), false);
	}
	rest = W - x - 1;
	for (i = 0; i < t->n_summary; i++) {
		sw = widget_width(t->summary[i]);
		if (sw <= rest) {
			widget_text(w, 0, W - sw, sw, t->summary[i], A_NORMAL,
			    false);
			break;
		}
	}
}

static int
bar_sep(WINDOW *w, const struct theme *th, int x, int W)
{
	return widget_text(w, 0, x, W - x, " │ ", theme_part(th, PART_DIM),
	    false);
}

void
statusbar_draw(WINDOW *w, const struct theme *th, const struct statusbar *s)
{
	char age[320];
	int W = getmaxx(w), x = 0;

	werase(w);
	x += widget_text(w, 0, x, W - x, s->cluster, theme_part(th,
	    PART_TITLE), false);
	if (s->source != NULL && s->source[0] != '\0') {
		x += bar_sep(w, th, x, W);
		x += widget_text(w, 0, x, W - x, s->source, A_NORMAL, false);
	}
	x += bar_sep(w, th, x, W);
	if (s->stale && s->error != NULL && s->error[0] != '\0')
		snprintf(age, sizeof age, "%s: %s", s->age, s->error);
	else
		snprintf(age, sizeof age, "%s", s->age);
	/* The error may be long: keep room for the mode and a message. */
	x += widget_text(w, 0, x, imin(W - x, imax(W / 3, 12)), age,
	    s->stale ? theme_tone(th, TONE_UNKNOWN) | A_BOLD : A_NORMAL,
	    false);
	x += bar_sep(w, th, x, W);
	if (s->readonly)
		x += widget_text(w, 0, x, W - x, "READ-ONLY", theme_part(th,
		    PART_READONLY), false);
	else
		x += widget_text(w, 0, x, W - x, "rw", theme_part(th,
		    PART_DIM), false);
	if (s->message != NULL && s->message[0] != '\0') {
		x += bar_sep(w, th, x, W);
		widget_text(w, 0, x, W - x, s->message,
		    theme_tone(th, s->message_tone), false);
	}
}
