/* The key help, drawn as an overlay over the current view from the key
 * table (views/keys.h). Keys that the cluster type cannot run are not
 * listed one by one: a line of their own names them and says why. When
 * it is longer than the screen, the arrows, j/k and the page keys scroll
 * it; any other key closes it. */
#include <stdio.h>
#include <string.h>

#include "backend/core/flags.h"
#include "backend/util/glyph.h"
#include "views/keys.h"
#include "views/view.h"

#define KEYS_COLS 14

/* What the marks on a row mean: the word the state column adds, and the
 * look of the row. */
static const char marks_keys[] = "marks";
static const char marks_what[] = "TIMED OUT: still watched, may end "
    "late; red: failed, see 4";
/* The line above the status line. */
static const char bar_keys[] = "key bar";
static const char bar_what[] = "the keys for the selected row; "
    "key_bar = false turns it off";

/* The markers beside a state word (flags.c), resources' then nodes' not
 * said already, as one text to wrap. */
#define LEGEND_LINES 3
/* What the legend is wrapped to: an 80-column box beside the keys. */
#define LEGEND_COLS 60
static void
help_legend(char *buf, size_t sz)
{
	size_t i, len;

	flags_legend(buf, sz, res_flag_words, n_res_flag_words);
	for (i = 0; i < n_node_flag_words; i++) {
		if (node_flag_words[i].mark == NULL ||
		    strstr(buf, node_flag_words[i].mark) != NULL)
			continue;
		len = strlen(buf);
		snprintf(buf + len, sz - len, ", %s %s",
		    node_flag_words[i].mark, node_flag_words[i].word);
	}
}

/* The keys of every binding env's cluster type cannot run, and why.
 * Returns false when it runs them all. */
static bool
help_unsupported(const struct view_env *env, char *keys, size_t ksz,
		 char *what, size_t wsz)
{
	struct plan why;
	char names[64];
	size_t i, len;

	keys[0] = '\0';
	for (i = 0; i < keys_count; i++) {
		if (keys_supported(&keys_table[i], env->caps, env->driver,
		    &why))
			continue;
		keys_names(&keys_table[i], names, sizeof names);
		len = strlen(keys);
		snprintf(keys + len, ksz - len, "%s%s", len > 0 ? " " : "",
		    names);
	}
	if (keys[0] == '\0')
		return false;
	/* The words of action_supported, without the action: the line
	 * stands for several. */
	if (env->driver != NULL && env->driver[0] != '\0')
		snprintf(what, wsz, "not supported by this cluster type (%s)",
		    env->driver);
	else
		snprintf(what, wsz, "not supported by this cluster type");
	return true;
}

static void
help_line(WINDOW *w, int y, int x, int iw, const char *keys,
	  const char *what, attr_t keys_attr, attr_t what_attr)
{
	widget_text(w, y, x, KEYS_COLS < iw ? KEYS_COLS : iw, keys, keys_attr,
	    false);
	if (iw > KEYS_COLS)
		widget_text(w, y, x + KEYS_COLS, iw - KEYS_COLS, what,
		    what_attr, false);
}

static void
help_sync(const struct view *v, struct view_state *vs,
	  const struct view_env *env)
{
	(void)v;
	(void)vs;
	(void)env;
}

#define HELP_LINES 64

struct help_line {
	char keys[128];
	char what[192];
	bool dim;
};

/* Every line of the help, in order; returns how many. */
static size_t
help_lines(const struct view_env *env, struct help_line *out, size_t max)
{
	char legend[256], leg[LEGEND_LINES][WIDGET_WRAP_LINE];
	struct plan why;
	size_t i, n = 0, n_leg;

	for (i = 0; i < keys_count && n < max; i++) {
		if (!keys_supported(&keys_table[i], env->caps, env->driver,
		    &why))
			continue;
		keys_names(&keys_table[i], out[n].keys, sizeof out[n].keys);
		keys_help(&keys_table[i], out[n].what, sizeof out[n].what);
		out[n++].dim = false;
	}
	if (n < max && help_unsupported(env, out[n].keys, sizeof out[n].keys,
	    out[n].what, sizeof out[n].what))
		out[n++].dim = true;
	if (n < max) {
		snprintf(out[n].keys, sizeof out[n].keys, "%s", bar_keys);
		snprintf(out[n].what, sizeof out[n].what, "%s", bar_what);
		out[n++].dim = false;
	}
	if (n < max) {
		snprintf(out[n].keys, sizeof out[n].keys, "%s", marks_keys);
		snprintf(out[n].what, sizeof out[n].what, "%s", marks_what);
		out[n++].dim = false;
	}
	help_legend(legend, sizeof legend);
	n_leg = widget_wrap(legend, LEGEND_COLS, leg, LEGEND_LINES);
	for (i = 0; i < n_leg && n < max; i++) {
		snprintf(out[n].keys, sizeof out[n].keys, "%s",
		    i == 0 ? "markers" : "");
		snprintf(out[n].what, sizeof out[n].what, "%.*s",
		    (int)sizeof out[n].what - 1, leg[i]);
		out[n++].dim = false;
	}
	return n;
}

static void
help_draw(const struct view *v, WINDOW *w, struct view_state *vs,
	  const struct view_env *env)
{
	struct help_line lines[HELP_LINES];
	char audit[512];
	int iy, ix, ih, iw, y, wd = 0, k;
	size_t i, n, top, room;

	(void)v;
	n = help_lines(env, lines, HELP_LINES);
	for (i = 0; i < n; i++) {
		k = KEYS_COLS + widget_width(lines[i].what);
		if (k > wd)
			wd = k;
	}
	widget_box(w, env->theme, (int)n + 3, wd + 4, "keys", &iy, &ix, &ih,
	    &iw);
	/* Lines above the last: what fits, from where it was scrolled to. */
	room = ih > 1 ? (size_t)ih - 1 : 0;
	top = vs->rt.ts.top;
	if (n <= room)
		top = 0;
	else if (top > n - room)
		top = n - room;
	vs->rt.ts.top = top;
	vs->rt.ts.page = (int)room;
	vs->rt.ts.sel = n;      /* how many lines, for help_key */
	for (i = top, y = iy; i < n && y < iy + (int)room; i++, y++)
		help_line(w, y, ix, iw, lines[i].keys, lines[i].what,
		    theme_part(env->theme, lines[i].dim ? PART_DIM :
		    PART_TITLE), lines[i].dim ? theme_part(env->theme,
		    PART_DIM) : A_NORMAL);
	/* The last line, cut to the box if need be. */
	if (n > room)
		snprintf(audit, sizeof audit, "%s: j/k PgUp PgDn %s other keys "
		    "close this", top + room < n ? "more below" : "more above",
		    glyph(GLYPH_DOT));
	else if (env->audit_path != NULL)
		snprintf(audit, sizeof audit, "any key closes this %s audit "
		    "log: %s", glyph(GLYPH_DOT), env->audit_path);
	else
		snprintf(audit, sizeof audit, "any key closes this");
	widget_text(w, iy + ih - 1, ix, iw, audit,
	    theme_part(env->theme, PART_DIM), false);
}

/* Scrolls while there is more than fits (help_draw left the count in
 * sel and the room in page); any other key closes the help. */
static int
help_key(const struct view *v, struct view_state *vs,
	 const struct view_env *env, int ch)
{
	struct table_state *ts = &vs->rt.ts;
	size_t page = ts->page > 1 ? (size_t)ts->page : 1;
	bool more = ts->sel > page;

	(void)v;
	(void)env;
	if (more) {
		switch (ch) {
		case KEY_DOWN:
		case 'j':
			ts->top++;
			return VIEW_HANDLED | VIEW_REDRAW;
		case KEY_UP:
		case 'k':
			if (ts->top > 0)
				ts->top--;
			return VIEW_HANDLED | VIEW_REDRAW;
		case KEY_NPAGE:
		case ' ':
			ts->top += page - 1;
			return VIEW_HANDLED | VIEW_REDRAW;
		case KEY_PPAGE:
			ts->top = ts->top > page - 1 ? ts->top - (page - 1) : 0;
			return VIEW_HANDLED | VIEW_REDRAW;
		default:
			break;
		}
	}
	ts->top = 0;
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
