/* The key help, drawn as an overlay over the current view from the key
 * table (views/keys.h). Keys that the cluster type cannot run are not
 * listed one by one: a line of their own names them and says why. When
 * the keys do not all fit, arrows, j/k and PgUp/PgDn scroll them; any
 * other key closes it. */
#include <stdio.h>
#include <string.h>

#include "views/keys.h"
#include "views/view.h"

#define KEYS_COLS 14

/* What the marks on a row mean: the word the state column adds, and the
 * look of the row. */
static const char marks_keys[] = "marks";
static const char marks_what[] = "TIMED OUT: still watched, may end "
    "late; red: failed, see 4";

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
	int iy, ix, ih, iw, y, wd = 0, n, lines = 0;
	struct plan why;
	bool bad;
	size_t i, k;

	(void)v;
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
	/* The last line, cut to the box if need be: at 80x24 every key
	 * still fits above it. */
	if (env->audit_path != NULL)
		snprintf(audit, sizeof audit, "any key closes this · audit log: "
		    "%s", env->audit_path);
	else
		snprintf(audit, sizeof audit, "any key closes this");
	widget_box(w, env->theme, lines + 3, wd + 4, "keys", &iy, &ix, &ih,
	    &iw);
	/* What does not fit scrolls: vs->rt.ts.top key lines are above. */
	vs->rt.ts.page = ih - 1;
	vs->rt.ts.sel = (size_t)lines;
	if (lines <= ih - 1)
		vs->rt.ts.top = 0;
	else if (vs->rt.ts.top > (size_t)(lines - (ih - 1)))
		vs->rt.ts.top = (size_t)(lines - (ih - 1));
	else
		snprintf(audit, sizeof audit, "%s: Up/Down, PgUp/PgDn; "
		    "any key closes this", vs->rt.ts.top == 0 ?
		    "more below" : vs->rt.ts.top + (size_t)(ih - 1) <
		    (size_t)lines ? "more above and below" : "more above");
	/* Line k of all the lines shows when it is below the scroll. */
	k = 0;
	y = iy;
	for (i = 0; i < keys_count && y < iy + ih - 1; i++) {
		if (!keys_supported(&keys_table[i], env->caps, env->driver,
		    &why) || k++ < vs->rt.ts.top)
			continue;
		keys_names(&keys_table[i], names, sizeof names);
		keys_help(&keys_table[i], what, sizeof what);
		help_line(w, y++, ix, iw, names, what,
		    theme_part(env->theme, PART_TITLE), A_NORMAL);
	}
	if (bad && y < iy + ih - 1 && k++ >= vs->rt.ts.top)
		help_line(w, y++, ix, iw, bad_keys, bad_what,
		    theme_part(env->theme, PART_DIM),
		    theme_part(env->theme, PART_DIM));
	if (y < iy + ih - 1 && k >= vs->rt.ts.top)
		help_line(w, y++, ix, iw, marks_keys, marks_what,
		    theme_part(env->theme, PART_TITLE), A_NORMAL);
	widget_text(w, iy + ih - 1, ix, iw, audit,
	    theme_part(env->theme, PART_DIM), false);
}

/* The draw left its page in ts.page and its number of lines in ts.sel. */
static int
help_key(const struct view *v, struct view_state *vs,
	 const struct view_env *env, int ch)
{
	struct table_state *ts = &vs->rt.ts;
	size_t page = ts->page > 1 ? (size_t)ts->page : 1;
	size_t last = ts->sel > page ? ts->sel - page : 0;

	(void)v;
	(void)env;
	switch (ch) {
	case KEY_DOWN:
	case 'j':
		ts->top = ts->top < last ? ts->top + 1 : last;
		break;
	case KEY_NPAGE:
		ts->top = ts->top + page < last ? ts->top + page : last;
		break;
	case KEY_UP:
	case 'k':
		ts->top = ts->top > 0 ? ts->top - 1 : 0;
		break;
	case KEY_PPAGE:
		ts->top = ts->top > page ? ts->top - page : 0;
		break;
	default:
		ts->top = 0;
		return VIEW_HANDLED | VIEW_REDRAW | VIEW_CLOSE;
	}
	return VIEW_HANDLED | VIEW_REDRAW;
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
