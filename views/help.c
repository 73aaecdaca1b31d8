/* The key help, drawn as an overlay over the current view; any key
 * closes it. */
#include <stdio.h>

#include "views/view.h"

struct help_line {
	const char *keys;
	const char *what;
};

static const struct help_line help_lines[] = {
	{ "1 2 3 4", "groups, resources, nodes, events" },
	{ "Tab S-Tab", "next / previous view" },
	{ "[ ]", "previous / next cluster" },
	{ "Up Down j k", "move the selection" },
	{ "PgUp PgDn", "a page up / down" },
	{ "Home End g G", "first / last row" },
	{ "o", "bring online" },
	{ "x", "take offline (asks first)" },
	{ "m", "move a group to another node (asks)" },
	{ "c", "clean up: clear failures" },
	{ "u", "unpin: clear what a move or ban left" },
	{ "p", "pause (asks) / resume a node, in view 3" },
	{ "?", "this help" },
	{ "Ctrl-L", "repaint the screen" },
	{ "q", "quit" },
};
#define N_LINES (sizeof help_lines / sizeof help_lines[0])
#define KEYS_COLS 14

static void
help_sync(const struct view *v, struct view_state *vs,
	  const struct view_env *env)
{
	(void)v;
	(void)vs;
	(void)env;
}

static void
help_draw(const struct view *v, WINDOW *w, struct view_state *vs,
	  const struct view_env *env)
{
	char audit[512];
	int iy, ix, ih, iw, y, wd = 0, n;
	size_t i;

	(void)v;
	(void)vs;
	for (i = 0; i < N_LINES; i++) {
		n = KEYS_COLS + widget_width(help_lines[i].what);
		if (n > wd)
			wd = n;
	}
	audit[0] = '\0';
	if (env->audit_path != NULL)
		snprintf(audit, sizeof audit, "audit log: %s",
		    env->audit_path);
	n = widget_width(audit);
	if (n > wd)
		wd = n;
	widget_box(w, env->theme, (int)N_LINES + (audit[0] ? 2 : 0) + 4,
	    wd + 4, "keys", &iy, &ix, &ih, &iw);
	for (i = 0, y = iy; i < N_LINES && y < iy + ih; i++, y++) {
		widget_text(w, y, ix, KEYS_COLS < iw ? KEYS_COLS : iw,
		    help_lines[i].keys, theme_part(env->theme, PART_TITLE),
		    false);
		if (iw > KEYS_COLS)
			widget_text(w, y, ix + KEYS_COLS, iw - KEYS_COLS,
			    help_lines[i].what, A_NORMAL, false);
	}
	if (audit[0] != '\0' && y + 1 < iy + ih)
		widget_text(w, ++y, ix, iw, audit, A_NORMAL, false);
	if (y + 1 < iy + ih)
		widget_text(w, iy + ih - 1, ix, iw, "any key closes this",
		    theme_part(env->theme, PART_DIM), false);
}

static int
help_key(const struct view *v, struct view_state *vs,
	 const struct view_env *env, int ch)
{
	(void)v;
	(void)vs;
	(void)env;
	(void)ch;
	return VIEW_HANDLED | VIEW_REDRAW | VIEW_CLOSE;
}

static const struct row *
help_selected(const struct view *v, const struct view_state *vs)
{
	(void)v;
	(void)vs;
	return NULL;
}

const struct view help_view = {
	.name = "help",
	.sync = help_sync,
	.draw = help_draw,
	.key = help_key,
	.selected = help_selected,
};
