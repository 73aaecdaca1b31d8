/* The key help, drawn as an overlay over the current view from the key
 * table (views/keys.h). Keys that the cluster type cannot run are not
 * listed one by one: a line of their own names them and says why. Any
 * key closes it. */
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

/* The markers beside a state word (flags.c), resources' then nodes' not
 * said already, as one text to wrap. */
#define LEGEND_LINES 3
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

static void
help_draw(const struct view *v, WINDOW *w, struct view_state *vs,
	  const struct view_env *env)
{
	char names[64], what[192], bad_keys[128], bad_what[128], audit[512];
	char legend[256], leg[LEGEND_LINES][WIDGET_WRAP_LINE];
	int iy, ix, ih, iw, y, wd = 0, n, lines = 0;
	struct plan why;
	bool bad;
	size_t i, n_leg;

	(void)v;
	(void)vs;
	for (i = 0; i < keys_count; i++) {
		if (!keys_supported(&keys_table[i], env->caps, env->driver,
		    &why))
			continue;
		keys_help(&keys_table[i], what, sizeof what);
		n = KEYS_COLS + widget_width(what);
		if (n > wd)
			wd = n;
		lines++;
	}
	bad = help_unsupported(env, bad_keys, sizeof bad_keys, bad_what,
	    sizeof bad_what);
	if (bad) {
		n = KEYS_COLS + widget_width(bad_what);
		if (n > wd)
			wd = n;
		lines++;
	}
	n = KEYS_COLS + widget_width(marks_what);
	if (n > wd)
		wd = n;
	lines++;
	help_legend(legend, sizeof legend);
	n_leg = widget_wrap(legend, wd - KEYS_COLS, leg, LEGEND_LINES);
	lines += (int)n_leg;
	/* The last line, cut to the box if need be: at 80x24 every key
	 * still fits above it. */
	if (env->audit_path != NULL)
		snprintf(audit, sizeof audit, "any key closes this %s audit "
		    "log: %s", glyph(GLYPH_DOT), env->audit_path);
	else
		snprintf(audit, sizeof audit, "any key closes this");
	widget_box(w, env->theme, lines + 3, wd + 4, "keys", &iy, &ix, &ih,
	    &iw);
	y = iy;
	for (i = 0; i < keys_count && y < iy + ih; i++) {
		if (!keys_supported(&keys_table[i], env->caps, env->driver,
		    &why))
			continue;
		keys_names(&keys_table[i], names, sizeof names);
		keys_help(&keys_table[i], what, sizeof what);
		help_line(w, y++, ix, iw, names, what,
		    theme_part(env->theme, PART_TITLE), A_NORMAL);
	}
	if (bad && y < iy + ih - 1)
		help_line(w, y++, ix, iw, bad_keys, bad_what,
		    theme_part(env->theme, PART_DIM),
		    theme_part(env->theme, PART_DIM));
	if (y < iy + ih - 1)
		help_line(w, y++, ix, iw, marks_keys, marks_what,
		    theme_part(env->theme, PART_TITLE), A_NORMAL);
	for (i = 0; i < n_leg && y < iy + ih - 1; i++)
		help_line(w, y++, ix, iw, i == 0 ? "markers" : "", leg[i],
		    theme_part(env->theme, PART_TITLE), A_NORMAL);
	widget_text(w, iy + ih - 1, ix, iw, audit,
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
