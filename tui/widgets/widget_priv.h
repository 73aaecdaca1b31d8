/* What the widget files share and nothing outside them needs. */
#ifndef CCON_WIDGETS_PRIV_H
#define CCON_WIDGETS_PRIV_H

#include <curses.h>

#define SAN_MAX 2048          /* a sanitized cell */
#define FIT_MAX 4096          /* a fitted cell: up to 4 bytes a column */

static inline int
imin(int a, int b)
{
	return a < b ? a : b;
}

static inline int
imax(int a, int b)
{
	return a > b ? a : b;
}

/* Fills cols cells from y,x with blanks in attr (the selection bar). */
void widget_blank(WINDOW *w, int y, int x, int cols, attr_t attr);

#endif
