/* Dialogs; see dialog.h. */
#include <stdio.h>
#include <string.h>

#include "tui/widgets/dialog.h"
#include "tui/widgets/widget_priv.h"

void
widget_box(WINDOW *w, const struct theme *th, int h, int wd,
	   const char *title, int *iy, int *ix, int *ih, int *iw)
{
	int H, W, y0, x0, y;
	attr_t a = theme_part(th, PART_DIALOG);

	getmaxyx(w, H, W);
	h = imax(imin(h, H), 3);
	wd = imax(imin(wd, W), 6);
	/* A box one column short of the screen would leave a sliver of the
	 * view beside it that reads as part of the box. */
	if (wd == W - 1)
		wd = W;
	if (h == H - 1)
		h = H;
	y0 = imax((H - h) / 2, 0);
	x0 = imax((W - wd) / 2, 0);
	for (y = 0; y < h; y++)
		widget_blank(w, y0 + y, x0, wd, A_NORMAL);
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

/* A question wraps onto this many lines at most. */
#define QUESTION_LINES 4

void
dialog_draw_lines(WINDOW *w, const struct theme *th, const char *question,
		  const char *const *lines, size_t n, const char *hint)
{
	char q[QUESTION_LINES][WIDGET_WRAP_LINE];
	int iy, ix, ih, iw, wd, y, H, W;
	size_t i, nq;

	getmaxyx(w, H, W);
	(void)H;
	/* A long name must not push the keys to press ("[i/N]") off the
	 * screen: the question wraps to the box's widest inner line. */
	nq = widget_wrap(question, imax(W - 6, 10), q, QUESTION_LINES);
	wd = widget_width(hint);
	for (i = 0; i < nq; i++)
		wd = imax(wd, widget_width(q[i]));
	for (i = 0; i < n; i++)
		wd = imax(wd, widget_width(lines[i]) + 2);
	widget_box(w, th, (int)(n + nq) + 5, wd + 6, NULL, &iy, &ix, &ih,
	    &iw);
	for (i = 0; i < nq; i++)
		widget_text(w, iy + 1 + (int)i, ix, iw, q[i],
		    theme_part(th, PART_DIALOG), false);
	/* Lines that do not fit are left out, the hint never. */
	for (i = 0, y = iy + 1 + (int)nq; i < n && y < iy + ih - 2; i++, y++)
		widget_text(w, y, ix + 2, iw - 2, lines[i], A_NORMAL, false);
	widget_text(w, iy + ih - 1, ix, iw, hint, theme_part(th, PART_DIM),
	    false);
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
		widget_blank(w, iy + y, ix, iw, a);
		widget_text(w, iy + y, ix + 1, iw - 2, c->items[i], a, false);
	}
	widget_text(w, iy + ih, ix, iw, hint, theme_part(th, PART_DIM), false);
}

