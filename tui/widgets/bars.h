/* The two bars around the body: the tab line (cluster, views, a summary
 * at the right) and the status line (cluster, source, age, mode, the
 * last answer). */
#ifndef CCON_WIDGETS_BARS_H
#define CCON_WIDGETS_BARS_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "tui/widgets/theme.h"
#include "tui/widgets/tone.h"

struct tabbar {
	const char *const *tabs;
	size_t n_tabs, current;
	const char *cluster;            /* NULL with a single cluster */
	const char *const *summary;     /* longest first; the first that
					 * fits is drawn at the right */
	size_t n_summary;
};

void tabbar_draw(WINDOW *w, const struct theme *th, const struct tabbar *t);

struct statusbar {
	const char *cluster;
	const char *source;             /* "" before any data */
	const char *age;                /* "2s", "stale 12s", "connecting" */
	bool stale;
	const char *error;              /* why stale, or "" */
	bool readonly;
	const char *message;            /* the last action's answer, or "" */
	enum tone message_tone;
};

void statusbar_draw(WINDOW *w, const struct theme *th,
		    const struct statusbar *s);

#endif
