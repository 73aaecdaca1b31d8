/* Untrusted text on the screen: every string a widget draws passes
 * through here, sanitized (termtext) and fitted to the columns it may
 * take. The key-handler bits live here too, because every widget header
 * includes this one. */
#ifndef CCON_WIDGETS_TEXT_H
#define CCON_WIDGETS_TEXT_H

#include <stdbool.h>

#include <curses.h>

/* What a key handler reports (views add their own bits above these). */
enum {
	WIDGET_HANDLED = 1 << 0,  /* the key was used */
	WIDGET_REDRAW = 1 << 1,   /* the screen changed */
};

/* Draws untrusted text at y,x in at most cols columns: sanitized, cut
 * with "…", padded with spaces when pad. Returns the columns written. */
int widget_text(WINDOW *w, int y, int x, int cols, const char *raw,
		attr_t attr, bool pad);
/* Columns that untrusted text takes once sanitized. */
int widget_width(const char *raw);

#define WIDGET_WRAP_LINE 512

/* Untrusted text, sanitized, broken at spaces into lines of at most
 * cols columns each (a word longer than that alone on its line, to be
 * cut where it is drawn), at most max lines, the last one holding the
 * rest. Returns the number of lines. */
size_t widget_wrap(const char *raw, int cols,
		   char (*out)[WIDGET_WRAP_LINE], size_t max);

#endif
