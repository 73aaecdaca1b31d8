/* The key table and what is said about it; see keys.h. */
#include <stdio.h>
#include <string.h>

#include <curses.h>

#include "views/keys.h"

#define CTRL_KEY(c) ((c) & 0x1f)

/* Actions act on groups and resources (views 1 and 2), pause and resume
 * on nodes (view 3); everything else works in every view. */
#define ON_OBJECTS (KEYS_IN(TAB_GROUPS) | KEYS_IN(TAB_RESOURCES))
#define ON_NODES KEYS_IN(TAB_NODES)
/* The views that can sort (the events stay in time order). */
#define ON_TABLES (ON_OBJECTS | ON_NODES)
/* The views 1 to 4, which list rows to filter and search; not the
 * clusters overview. */
#define ON_LISTS (ON_TABLES | KEYS_IN(TAB_EVENTS))

/* In the order the help lists them. */
const struct key_binding keys_table[] = {
	{ .keys = { { '1', TAB_GROUPS }, { '2', TAB_RESOURCES },
		    { '3', TAB_NODES }, { '4', TAB_EVENTS } },
	  .cmd = CMD_VIEW, .help = "groups, resources, nodes, events",
	  .scope = KEYS_EVERYWHERE },
	{ .keys = { { '0', TAB_OVERVIEW } },
	  .cmd = CMD_VIEW, .help = "clusters overview, one line each",
	  .scope = KEYS_EVERYWHERE, .bar = "clusters" },
	{ .keys = { { '\t', 1 }, { KEY_BTAB, -1 } },
	  .cmd = CMD_VIEW_STEP, .help = "next / previous view",
	  .scope = KEYS_EVERYWHERE },
	{ .keys = { { '[', -1 }, { ']', 1 } },
	  .cmd = CMD_CLUSTER_STEP, .help = "previous / next cluster",
	  .scope = KEYS_EVERYWHERE },
	{ .keys = { { KEY_UP, 0 }, { KEY_DOWN, 0 }, { 'j', 0 }, { 'k', 0 } },
	  .cmd = CMD_SELECT, .help = "move the selection",
	  .scope = KEYS_EVERYWHERE },
	{ .keys = { { KEY_PPAGE, 0 }, { KEY_NPAGE, 0 } },
	  .cmd = CMD_SELECT, .help = "a page up / down",
	  .scope = KEYS_EVERYWHERE },
	{ .keys = { { KEY_HOME, 0 }, { KEY_END, 0 }, { 'g', 0 }, { 'G', 0 } },
	  .cmd = CMD_SELECT, .help = "first / last row",
	  .scope = KEYS_EVERYWHERE },
	{ .keys = { { 'o', 0 } }, .cmd = CMD_ONLINE,
	  .help = "bring online (asks)",
	  .scope = ON_OBJECTS, .caps = ACTION_CAP(ACT_ONLINE),
	  .bar = "online" },
	{ .keys = { { 'x', 0 } }, .cmd = CMD_OFFLINE,
	  .help = "take offline (asks first)",
	  .scope = ON_OBJECTS, .caps = ACTION_CAP(ACT_OFFLINE),
	  .bar = "offline" },
	{ .keys = { { 'm', 0 } }, .cmd = CMD_MOVE,
	  .help = "move a group to a node or the best (asks)",
	  .scope = ON_OBJECTS, .caps = ACTION_CAP(ACT_MOVE),
	  .bar = "move" },
	{ .keys = { { 'c', 0 } }, .cmd = CMD_CLEANUP,
	  .help = "clean up: clear failures",
	  .scope = ON_OBJECTS, .caps = ACTION_CAP(ACT_CLEANUP),
	  .bar = "cleanup" },
	{ .keys = { { 'u', 0 } }, .cmd = CMD_CLEAR,
	  .help = "unpin: clear what a move or ban left",
	  .scope = ON_OBJECTS, .caps = ACTION_CAP(ACT_CLEAR),
	  .bar = "unpin" },
	{ .keys = { { 'b', 0 } }, .cmd = CMD_BAN,
	  .help = "ban: keep a clone off this node (asks)",
	  .scope = ON_OBJECTS, .caps = ACTION_CAP(ACT_BAN) },
	{ .keys = { { 'd', 0 }, { '\n', 0 }, { KEY_ENTER, 0 } },
	  .cmd = CMD_DETAIL, .help = "detail: why it is so (Esc closes)",
	  .scope = ON_OBJECTS | ON_NODES, .bar = "detail" },
	/* After the detail's Enter, so that in the events view (no view of
	 * either) Enter says what the detail needs; in view 0, where it is
	 * the one in scope, it opens the selected cluster. */
	{ .keys = { { '\n', 0 }, { KEY_ENTER, 0 } },
	  .cmd = CMD_OPEN_CLUSTER, .help = "open the selected cluster",
	  .scope = KEYS_IN(TAB_OVERVIEW), .bar = "open" },
	{ .keys = { { 'a', 0 } }, .cmd = CMD_DISMISS,
	  .help = "acknowledge a failed or timed-out mark",
	  .scope = ON_OBJECTS | ON_NODES },
	{ .keys = { { 'p', 0 } }, .cmd = CMD_PAUSE,
	  .help = "pause (asks) / resume a node",
	  .scope = ON_NODES,
	  .caps = ACTION_CAP(ACT_PAUSE) | ACTION_CAP(ACT_RESUME),
	  .bar = "pause" },
	{ .keys = { { '/', 0 }, { 27, -1 } }, .cmd = CMD_FILTER,
	  .help = "filter as you type; Esc clears",
	  .scope = ON_LISTS, .bar = "filter" },
	{ .keys = { { 'n', 1 }, { 'N', -1 } }, .cmd = CMD_NEXT_MARKED,
	  .help = "next / previous failed or pending row",
	  .scope = ON_LISTS, .bar = "next bad" },
	{ .keys = { { 's', 0 } }, .cmd = CMD_SORT,
	  .help = "sort by name, state, node, fail count",
	  .scope = ON_TABLES, .bar = "sort" },
	{ .keys = { { 'f', 0 } }, .cmd = CMD_HIDE_HEALTHY,
	  .help = "hide healthy rows: only what is not as meant",
	  .scope = ON_LISTS },
	{ .keys = { { KEY_LEFT, -1 }, { KEY_RIGHT, 1 } },
	  .cmd = CMD_FOLD, .help = "fold / open a group (+N: folded members)",
	  .scope = KEYS_IN(TAB_GROUPS) },
	{ .keys = { { ' ', 0 } },
	  .cmd = CMD_FOLD, .help = "fold or open a group",
	  .scope = KEYS_IN(TAB_GROUPS) },
	{ .keys = { { 'M', 0 } }, .cmd = CMD_MESSAGE,
	  .help = "the last message in full", .scope = KEYS_EVERYWHERE },
	{ .keys = { { '?', 0 } }, .cmd = CMD_HELP,
	  .help = "this help (and the key bar's words)",
	  .scope = KEYS_EVERYWHERE, .bar = "help" },
	{ .keys = { { CTRL_KEY('L'), 0 } }, .cmd = CMD_REPAINT,
	  .help = "repaint the screen", .scope = KEYS_EVERYWHERE },
	{ .keys = { { 'q', 0 } }, .cmd = CMD_QUIT, .help = "quit",
	  .scope = KEYS_EVERYWHERE },
};
const size_t keys_count = sizeof keys_table / sizeof keys_table[0];

const struct key_binding *
keys_lookup(int ch, enum view_tab tab, int *arg)
{
	const struct key_binding *elsewhere = NULL;
	int elsewhere_arg = 0;
	size_t i, k;

	*arg = 0;
	for (i = 0; i < keys_count; i++) {
		for (k = 0; k < KEYS_PER_BINDING; k++) {
			if (keys_table[i].keys[k].ch == 0)
				break;
			if (keys_table[i].keys[k].ch != ch)
				continue;
			if (keys_table[i].scope & KEYS_IN(tab)) {
				*arg = keys_table[i].keys[k].arg;
				return &keys_table[i];
			}
			if (elsewhere == NULL) {
				elsewhere = &keys_table[i];
				elsewhere_arg = keys_table[i].keys[k].arg;
			}
		}
	}
	*arg = elsewhere_arg;
	return elsewhere;
}

void
keys_key_name(int ch, char *buf, size_t sz)
{
	static const struct {
		int ch;
		const char *name;
	} named[] = {
		{ '\t', "Tab" }, { KEY_BTAB, "S-Tab" }, { KEY_UP, "Up" },
		{ KEY_DOWN, "Down" }, { KEY_LEFT, "Left" },
		{ KEY_RIGHT, "Right" }, { KEY_PPAGE, "PgUp" },
		{ KEY_NPAGE, "PgDn" }, { KEY_HOME, "Home" }, { KEY_END, "End" },
		{ KEY_ENTER, "Enter" }, { '\n', "Enter" }, { 27, "Esc" },
		{ ' ', "Space" },
	};
	size_t i;

	for (i = 0; i < sizeof named / sizeof named[0]; i++) {
		if (named[i].ch == ch) {
			snprintf(buf, sz, "%s", named[i].name);
			return;
		}
	}
	if (ch > ' ' && ch < 0x7f)
		snprintf(buf, sz, "%c", ch);
	else if (ch >= 0 && ch < ' ')
		snprintf(buf, sz, "Ctrl-%c", ch + '@');
	else
		snprintf(buf, sz, "key %d", ch);
}

void
keys_names(const struct key_binding *b, char *buf, size_t sz)
{
	char name[32], prev[32] = "";
	size_t k, len;

	if (sz == 0)
		return;
	buf[0] = '\0';
	for (k = 0; k < KEYS_PER_BINDING && b->keys[k].ch != 0; k++) {
		keys_key_name(b->keys[k].ch, name, sizeof name);
		/* Enter and the keypad's Enter are one key to the reader. */
		if (strcmp(name, prev) == 0)
			continue;
		snprintf(prev, sizeof prev, "%s", name);
		len = strlen(buf);
		snprintf(buf + len, sz - len, "%s%s", k > 0 ? " " : "", name);
	}
}

void
keys_help(const struct key_binding *b, char *buf, size_t sz)
{
	size_t len, i, t, n = 0, seen = 0;

	if (sz == 0)
		return;
	snprintf(buf, sz, "%s", b->help);
	if ((b->scope & KEYS_EVERYWHERE) == KEYS_EVERYWHERE)
		return;
	for (t = 0; t <= TAB_OVERVIEW; t++)
		if (b->scope & KEYS_IN(t))
			n++;
	len = strlen(buf);
	/* Every list (views 1 to 4), not the overview: said in one go. */
	if (b->scope == (KEYS_EVERYWHERE & ~KEYS_IN(TAB_OVERVIEW))) {
		snprintf(buf + len, sz - len, ", in views 1 to %d", TAB_COUNT);
		return;
	}
	snprintf(buf + len, sz - len, ", in view%s", n > 1 ? "s" : "");
	/* "in view 3", "in views 1 and 2", "in views 0, 1 and 4": the
	 * overview (view 0) first, as its key is. */
	for (i = 0; i <= TAB_OVERVIEW; i++) {
		t = i == 0 ? TAB_OVERVIEW : i - 1;
		if (!(b->scope & KEYS_IN(t)))
			continue;
		seen++;
		len = strlen(buf);
		snprintf(buf + len, sz - len, "%s%zu", seen == 1 ? " " :
		    seen == n ? " and " : ", ", t == TAB_OVERVIEW ? 0 : t + 1);
	}
}

bool
keys_supported(const struct key_binding *b, unsigned caps,
	       const char *driver, struct plan *why)
{
	unsigned kind;

	for (kind = 0; kind < ACT_COUNT; kind++)
		if ((b->caps & ACTION_CAP(kind)) &&
		    !action_supported(caps, (enum action_kind)kind, driver,
		    why))
			return false;
	return true;
}

size_t
keys_bar(enum view_tab tab, bool has_row, unsigned caps, const char *driver,
	 struct keys_bar_item *out, size_t max)
{
	const struct key_binding *b, *help = NULL;
	struct plan why;
	size_t i, n = 0;
	int pass;
	bool everywhere;

	/* What is for this view (the row's actions, its detail, the
	 * filter) first, then what works everywhere: the bar is cut from
	 * the end. */
	for (pass = 0; pass < 2; pass++)
	for (i = 0; i < keys_count; i++) {
		b = &keys_table[i];
		if (b->bar == NULL || !(b->scope & KEYS_IN(tab)))
			continue;
		everywhere = (b->scope & KEYS_EVERYWHERE) == KEYS_EVERYWHERE;
		if (everywhere != (pass == 1))
			continue;
		/* What works on a row is not offered without one. */
		if ((b->scope & KEYS_EVERYWHERE) != KEYS_EVERYWHERE &&
		    tab != TAB_OVERVIEW && !has_row)
			continue;
		if (!keys_supported(b, caps, driver, &why))
			continue;
		if (b->cmd == CMD_HELP) {
			help = b;
			continue;
		}
		if (n + 1 >= max)       /* the help's room */
			break;
		keys_key_name(b->keys[0].ch, out[n].key, sizeof out[n].key);
		out[n++].word = b->bar;
	}
	if (help != NULL && n < max) {
		keys_key_name(help->keys[0].ch, out[n].key, sizeof out[n].key);
		out[n++].word = help->bar;
	}
	return n;
}

/* "k word", and two spaces before the next. */
static int
keys_bar_width(const struct keys_bar_item *it, bool first)
{
	return (first ? 0 : 2) + (int)strlen(it->key) + 1 +
	    (int)strlen(it->word);
}

size_t
keys_bar_fit(const struct keys_bar_item *items, size_t n, int cols,
	     bool *keep_last)
{
	int used = 0, last;
	size_t k;

	*keep_last = false;
	for (k = 0; k < n; k++)
		used += keys_bar_width(&items[k], k == 0);
	if (used <= cols)
		return n;
	/* The help is the way to the rest: keep it at the end, and as many
	 * of the others before it as fit. */
	last = n > 0 ? keys_bar_width(&items[n - 1], true) : 0;
	if (n == 0 || last > cols)
		return 0;
	*keep_last = true;
	used = last;
	for (k = 0; k + 1 < n; k++) {
		if (used + keys_bar_width(&items[k], false) > cols)
			break;
		used += keys_bar_width(&items[k], false);
	}
	return k + 1;
}

int
keys_usage(FILE *out)
{
	char names[64], help[192];
	size_t i;

	if (fputs("Keys in the console:\n", out) == EOF)
		return -1;
	for (i = 0; i < keys_count; i++) {
		keys_names(&keys_table[i], names, sizeof names);
		keys_help(&keys_table[i], help, sizeof help);
		if (fprintf(out, "  %-18s %s\n", names, help) < 0)
			return -1;
	}
	return 0;
}
