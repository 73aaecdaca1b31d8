/* The key table (views/keys.h) and the console's dispatch through it
 * (tui/app_keys.c): every key reaches its command's handler, every
 * command has one, no key means two things in one view, the ? overlay
 * and ccon --help list every key, and a key whose action the cluster
 * type cannot do is answered in the status line and sends nothing. */
#include <limits.h>
#include <stdio.h>

#include <curses.h>

#include "fixture.h"

#include "backend/drivers/pacemaker/pacemaker.h"
#include "tui/app_priv.h"
#include "tui/widgets/table.h"
#include "views/keys.h"

#define DRIVER "pacemaker"

/* ---- the table alone -------------------------------------------------- */

static size_t
n_keys(const struct key_binding *b)
{
	size_t k = 0;

	while (k < KEYS_PER_BINDING && b->keys[k].ch != 0)
		k++;
	return k;
}

static void
test_table_well_formed(void **state)
{
	bool has_cmd[CMD_COUNT] = { false };
	char name[32];
	size_t i, k;
	int c;

	(void)state;
	assert_true(keys_count > 0);
	for (i = 0; i < keys_count; i++) {
		const struct key_binding *b = &keys_table[i];

		assert_true(n_keys(b) > 0);
		assert_true((unsigned)b->cmd < CMD_COUNT);
		assert_non_null(b->help);
		assert_true(b->help[0] != '\0');
		assert_true(b->scope != 0);
		assert_int_equal(b->scope & ~KEYS_EVERYWHERE, 0);
		assert_int_equal(b->caps & ~ACTION_CAPS_ALL, 0);
		has_cmd[b->cmd] = true;
		/* Every key has a name a person can type from. */
		for (k = 0; k < n_keys(b); k++) {
			keys_key_name(b->keys[k].ch, name, sizeof(name));
			if (strncmp(name, "key ", 4) == 0)
				fail_msg("binding %zu: key %d has no name", i,
					 b->keys[k].ch);
		}
	}
	/* Every command can be reached by some key. */
	for (c = 0; c < CMD_COUNT; c++)
		if (!has_cmd[c])
			fail_msg("command %d has no key", c);
}

static void
test_lookup_finds_every_key(void **state)
{
	const struct key_binding *b;
	size_t i, k;
	int tab, arg;

	(void)state;
	for (i = 0; i < keys_count; i++) {
		for (k = 0; k < n_keys(&keys_table[i]); k++) {
			for (tab = 0; tab < TAB_COUNT; tab++) {
				if (!(keys_table[i].scope & KEYS_IN(tab)))
					continue;
				arg = 12345;
				b = keys_lookup(keys_table[i].keys[k].ch,
				    (enum view_tab)tab, &arg);
				assert_ptr_equal(b, &keys_table[i]);
				assert_int_equal(arg, keys_table[i].keys[k].arg);
			}
		}
	}
	/* Out of its views, a key is still found: its command says where
	 * it works. */
	b = keys_lookup('p', TAB_GROUPS, &arg);
	assert_non_null(b);
	assert_int_equal(b->cmd, CMD_PAUSE);
	assert_null(keys_lookup('Z', TAB_GROUPS, &arg));
	assert_int_equal(arg, 0);
}

static void
test_no_key_bound_twice(void **state)
{
	const struct key_binding *x, *y;
	size_t i, j, k, l;

	(void)state;
	for (i = 0; i < keys_count; i++) {
		x = &keys_table[i];
		for (j = i; j < keys_count; j++) {
			y = &keys_table[j];
			if (i != j && !(x->scope & y->scope))
				continue;
			for (k = 0; k < n_keys(x); k++)
				for (l = i == j ? k + 1 : 0; l < n_keys(y); l++)
					if (x->keys[k].ch == y->keys[l].ch)
						fail_msg("key %d is bound by "
							 "entries %zu and %zu "
							 "in one view",
							 x->keys[k].ch, i, j);
		}
	}
}

static void
test_names(void **state)
{
	static const struct key_binding three = {
		.keys = { { 'a', 0 } }, .cmd = CMD_QUIT, .help = "x",
		.scope = KEYS_IN(TAB_GROUPS) | KEYS_IN(TAB_RESOURCES) |
		    KEYS_IN(TAB_EVENTS),
	};
	char buf[128];
	int arg;

	(void)state;
	keys_key_name('\t', buf, sizeof(buf));
	assert_string_equal(buf, "Tab");
	keys_key_name(KEY_BTAB, buf, sizeof(buf));
	assert_string_equal(buf, "S-Tab");
	keys_key_name(12, buf, sizeof(buf));
	assert_string_equal(buf, "Ctrl-L");
	keys_key_name(KEY_NPAGE, buf, sizeof(buf));
	assert_string_equal(buf, "PgDn");
	keys_key_name('[', buf, sizeof(buf));
	assert_string_equal(buf, "[");
	keys_names(keys_lookup('j', TAB_NODES, &arg), buf, sizeof(buf));
	assert_string_equal(buf, "Up Down j k");

	keys_help(keys_lookup('p', TAB_NODES, &arg), buf, sizeof(buf));
	assert_string_equal(buf, "pause (asks) / resume a node, in view 3");
	keys_help(keys_lookup('o', TAB_NODES, &arg), buf, sizeof(buf));
	assert_string_equal(buf, "bring online (asks), in views 1 and 2");
	keys_help(keys_lookup('q', TAB_NODES, &arg), buf, sizeof(buf));
	assert_string_equal(buf, "quit");
	keys_help(&three, buf, sizeof(buf));
	assert_string_equal(buf, "x, in views 1, 2 and 4");
	keys_help(&three, buf, 4);
	assert_string_equal(buf, "x, ");
}

static void
test_supported(void **state)
{
	const struct key_binding *o, *p, *q;
	struct plan why;
	int arg;

	(void)state;
	o = keys_lookup('o', TAB_GROUPS, &arg);
	p = keys_lookup('p', TAB_NODES, &arg);
	q = keys_lookup('q', TAB_GROUPS, &arg);
	assert_true(keys_supported(o, ACTION_CAPS_ALL, DRIVER, &why));
	assert_true(keys_supported(q, 0, DRIVER, &why));
	assert_false(keys_supported(o, 0, DRIVER, &why));
	assert_string_equal(why.message,
	    "online is not supported by this cluster type (pacemaker)");
	assert_false(keys_supported(o, 0, NULL, &why));
	assert_string_equal(why.message,
	    "online is not supported by this cluster type");
	/* p pauses and resumes: a type that can do one is not enough. */
	assert_false(keys_supported(p, ACTION_CAP(ACT_PAUSE), DRIVER, &why));
	assert_string_equal(why.message,
	    "resume is not supported by this cluster type (pacemaker)");
	assert_true(keys_supported(p, ACTION_CAP(ACT_PAUSE) |
	    ACTION_CAP(ACT_RESUME), DRIVER, &why));
}

/* The view's own keys are the table's: each CMD_SELECT key moves the
 * selection, and the table widget moves it on no other key. */
static void
test_select_keys_are_the_tables(void **state)
{
	const struct key_binding *b;
	struct table_state ts;
	size_t i, k;
	int ch, arg, tab;

	(void)state;
	for (i = 0; i < keys_count; i++) {
		if (keys_table[i].cmd != CMD_SELECT)
			continue;
		for (k = 0; k < n_keys(&keys_table[i]); k++) {
			ts = (struct table_state){ .sel = 5, .top = 2, .page = 3 };
			assert_true(table_nav(&ts, 10, keys_table[i].keys[k].ch) &
			    WIDGET_HANDLED);
		}
	}
	for (ch = 0; ch <= KEY_MAX; ch++) {
		ts = (struct table_state){ .sel = 5, .top = 2, .page = 3 };
		if (!(table_nav(&ts, 10, ch) & WIDGET_HANDLED))
			continue;
		for (tab = 0; tab < TAB_COUNT; tab++) {
			b = keys_lookup(ch, (enum view_tab)tab, &arg);
			if (b == NULL || b->cmd != CMD_SELECT)
				fail_msg("the table moves on key %d, which the "
					 "key table does not bind to it", ch);
		}
	}
}

static char *
usage_text(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(keys_usage(f), 0);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void
test_usage(void **state)
{
	char *text = usage_text(), line[300], names[64], help[192];
	FILE *ro;
	size_t i;

	(void)state;
	assert_non_null(strstr(text, "Keys in the console:\n"));
	/* What --help used to leave out. */
	assert_non_null(strstr(text, "\n  u                  unpin"));
	assert_non_null(strstr(text, "\n  [ ]                previous / next "
	    "cluster\n"));
	for (i = 0; i < keys_count; i++) {
		keys_names(&keys_table[i], names, sizeof(names));
		keys_help(&keys_table[i], help, sizeof(help));
		snprintf(line, sizeof(line), "\n  %-18s %s\n", names, help);
		if (strstr(text, line) == NULL)
			fail_msg("--help lacks the line for %s", names);
	}
	free(text);
	/* A write that fails is said. */
	ro = fopen("/dev/null", "r");
	assert_non_null(ro);
	assert_int_equal(keys_usage(ro), -1);
	fclose(ro);
}

/* ---- the ? overlay, drawn into a real curses window ------------------- */

struct overlay {
	char rows[48][128];
	int n;
};

/* The help in a window of that many lines, drawn again after each of
 * the keys (0 ends them) went to it; *closed says whether one closed it. */
static void
draw_overlay_keys(unsigned caps, const char *driver, int lines,
		  const int *keys, bool *closed, struct overlay *o)
{
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	struct theme th;
	struct view_state st;
	struct view_env env;
	SCREEN *scr;
	WINDOW *w;
	int y;

	assert_non_null(out);
	assert_non_null(in);
	scr = newterm("xterm", out, in);
	assert_non_null(scr);
	w = newwin(lines, 80, 0, 0);
	assert_non_null(w);
	memset(&th, 0, sizeof(th));
	memset(&st, 0, sizeof(st));
	env = (struct view_env){ .theme = &th, .caps = caps, .driver = driver,
	    .audit_path = "/var/log/ccon-audit" };
	help_view.draw(&help_view, w, &st, &env);
	*closed = false;
	for (; keys != NULL && *keys != 0; keys++) {
		if (help_view.key(&help_view, &st, &env, *keys) & VIEW_CLOSE)
			*closed = true;
		help_view.draw(&help_view, w, &st, &env);
	}
	o->n = lines;
	for (y = 0; y < o->n; y++) {
		memset(o->rows[y], 0, sizeof(o->rows[y]));
		assert_int_not_equal(mvwinnstr(w, y, 0, o->rows[y], 80), ERR);
	}
	delwin(w);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

/* The help as a screen tall enough for all of it shows it. */
static void
draw_overlay(unsigned caps, const char *driver, struct overlay *o)
{
	bool closed;

	draw_overlay_keys(caps, driver, 44, NULL, &closed, o);
}

/* Whether a row holds keys in the key column and what beside them. */
static bool
overlay_has(const struct overlay *o, const char *keys, const char *what)
{
	const char *p;
	size_t kl = strlen(keys);
	int y;

	for (y = 0; y < o->n; y++) {
		p = strstr(o->rows[y], what);
		if (p == NULL || p - o->rows[y] < 14)
			continue;
		if (strncmp(p - 14, keys, kl) == 0 &&
		    strspn(p - 14 + kl, " ") == 14 - kl)
			return true;
	}
	return false;
}

static bool
overlay_mentions(const struct overlay *o, const char *text)
{
	int y;

	for (y = 0; y < o->n; y++)
		if (strstr(o->rows[y], text) != NULL)
			return true;
	return false;
}

static void
test_overlay_lists_every_key(void **state)
{
	char names[64], help[192], bad[128] = "";
	struct overlay o;
	size_t i;

	(void)state;
	draw_overlay(ACTION_CAPS_ALL, "sim", &o);
	for (i = 0; i < keys_count; i++) {
		keys_names(&keys_table[i], names, sizeof(names));
		keys_help(&keys_table[i], help, sizeof(help));
		if (!overlay_has(&o, names, help))
			fail_msg("the help lacks \"%s  %s\"", names, help);
	}
	assert_true(overlay_mentions(&o, "any key closes this"));
	assert_false(overlay_mentions(&o, "not supported"));

	/* A type that can do nothing: its action keys are not listed one
	 * by one, but named on a line that says why. */
	draw_overlay(0, DRIVER, &o);
	for (i = 0; i < keys_count; i++) {
		keys_names(&keys_table[i], names, sizeof(names));
		keys_help(&keys_table[i], help, sizeof(help));
		if (keys_table[i].caps == 0) {
			assert_true(overlay_has(&o, names, help));
			continue;
		}
		assert_false(overlay_has(&o, names, help));
		snprintf(bad + strlen(bad), sizeof(bad) - strlen(bad), "%s%s",
		    bad[0] ? " " : "", names);
	}
	assert_string_equal(bad, "o x m c u b p");
	assert_true(overlay_has(&o, bad,
	    "not supported by this cluster type (pacemaker)"));
}

/* At 80x24 (a body of 21 lines under the key bar) the help is longer
 * than the box: it says so, scrolls with j, and any other key closes. */
static void
test_overlay_scrolls(void **state)
{
	static const int down[] = { 'j', 'j', 'j', KEY_NPAGE, KEY_NPAGE,
	    KEY_NPAGE, 0 };
	static const int other[] = { 'x', 0 };
	struct overlay o;
	bool closed;

	(void)state;
	draw_overlay_keys(ACTION_CAPS_ALL, "sim", 21, NULL, &closed, &o);
	assert_true(overlay_has(&o, "1 2 3 4", "groups, resources"));
	assert_false(overlay_has(&o, "key bar", "the keys for the selected"));
	assert_true(overlay_mentions(&o, "more below: j/k PgUp PgDn"));
	draw_overlay_keys(ACTION_CAPS_ALL, "sim", 21, down, &closed, &o);
	assert_false(closed);
	assert_true(overlay_mentions(&o, "more above: j/k PgUp PgDn"));
	assert_true(overlay_has(&o, "q", "quit"));
	assert_true(overlay_has(&o, "M", "the last message in full"));
	assert_true(overlay_has(&o, "key bar", "the keys for the selected"));
	assert_false(overlay_has(&o, "1 2 3 4", "groups, resources"));
	draw_overlay_keys(ACTION_CAPS_ALL, "sim", 21, other, &closed, &o);
	assert_true(closed);
}

/* ---- the key bar ------------------------------------------------------- */

static bool
bar_has(const struct keys_bar_item *it, size_t n, const char *key,
	const char *word)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(it[i].key, key) == 0 && strcmp(it[i].word, word) == 0)
			return true;
	return false;
}

static void
test_key_bar(void **state)
{
	struct keys_bar_item it[KEYS_BAR_MAX];
	size_t n, k;
	bool keep;

	(void)state;
	/* A group selected in view 1 of a type that does everything. */
	n = keys_bar(TAB_GROUPS, true, ACTION_CAPS_ALL, "sim", it,
	    KEYS_BAR_MAX);
	assert_true(bar_has(it, n, "o", "online"));
	assert_true(bar_has(it, n, "x", "offline"));
	assert_true(bar_has(it, n, "m", "move"));
	assert_false(bar_has(it, n, "p", "pause"));     /* nodes only */
	assert_false(bar_has(it, n, "Enter", "open"));  /* view 0 only */
	assert_string_equal(it[n - 1].key, "?");        /* the help last */
	assert_string_equal(it[n - 1].word, "help");
	/* Nothing selected: no action on a row is offered. */
	n = keys_bar(TAB_GROUPS, false, ACTION_CAPS_ALL, "sim", it,
	    KEYS_BAR_MAX);
	assert_false(bar_has(it, n, "o", "online"));
	assert_true(bar_has(it, n, "?", "help"));
	/* View 3: pause, not online. */
	n = keys_bar(TAB_NODES, true, ACTION_CAPS_ALL, "sim", it,
	    KEYS_BAR_MAX);
	assert_true(bar_has(it, n, "p", "pause"));
	assert_false(bar_has(it, n, "o", "online"));
	/* What the type cannot do is not offered. */
	n = keys_bar(TAB_GROUPS, true, 0, DRIVER, it, KEYS_BAR_MAX);
	assert_false(bar_has(it, n, "o", "online"));
	assert_false(bar_has(it, n, "m", "move"));
	/* View 0: open the cluster. */
	n = keys_bar(TAB_OVERVIEW, true, ACTION_CAPS_ALL, "sim", it,
	    KEYS_BAR_MAX);
	assert_true(bar_has(it, n, "Enter", "open"));
	assert_false(bar_has(it, n, "o", "online"));

	/* Fitting: all when it fits, else the first ones and the help. */
	n = keys_bar(TAB_GROUPS, true, ACTION_CAPS_ALL, "sim", it,
	    KEYS_BAR_MAX);
	k = keys_bar_fit(it, n, 200, &keep);
	assert_int_equal(k, n);
	assert_false(keep);
	/* "0 clusters  o online  ?" needs 10 + 2 + 8 ... */
	k = keys_bar_fit(it, n, 20, &keep);
	assert_true(keep);
	assert_true(k >= 1 && k < n);
	k = keys_bar_fit(it, n, 6, &keep);      /* "? help" alone */
	assert_int_equal(k, 1);
	assert_true(keep);
	k = keys_bar_fit(it, n, 5, &keep);
	assert_int_equal(k, 0);
}

/* ---- the dispatch ------------------------------------------------------ */

static void
test_every_command_has_a_handler(void **state)
{
	int c;

	(void)state;
	for (c = 0; c < CMD_COUNT; c++)
		if (app_key_handlers[c] == NULL)
			fail_msg("command %d has no handler", c);
}

/* A console on clusters the test made; no terminal, no workers. */
static struct app *
console(struct cluster **c, size_t n)
{
	static const struct app_options o = { 0 };
	struct app *a = calloc(1, sizeof(*a));
	char *err = NULL;

	assert_non_null(a);
	assert_int_equal(app_init(a, c, n, &o, &err), 0);
	app_pull(a);
	return a;
}

static void
console_free(struct app *a)
{
	app_free(a);
	free(a);
}

static struct {
	int calls, cmd, ch, arg;
} seen;

static int
record(int cmd, int ch, int arg)
{
	seen.calls++;
	seen.cmd = cmd;
	seen.ch = ch;
	seen.arg = arg;
	return VIEW_HANDLED;
}

#define RECORDER(c) \
	static int rec_##c(struct app *a, int ch, int arg) \
	{ (void)a; return record(c, ch, arg); }
RECORDER(CMD_VIEW)
RECORDER(CMD_VIEW_STEP)
RECORDER(CMD_CLUSTER_STEP)
RECORDER(CMD_SELECT)
RECORDER(CMD_ONLINE)
RECORDER(CMD_OFFLINE)
RECORDER(CMD_MOVE)
RECORDER(CMD_CLEANUP)
RECORDER(CMD_CLEAR)
RECORDER(CMD_PAUSE)
RECORDER(CMD_HELP)
RECORDER(CMD_REPAINT)
RECORDER(CMD_QUIT)
RECORDER(CMD_BAN)
RECORDER(CMD_DISMISS)
RECORDER(CMD_DETAIL)
RECORDER(CMD_FILTER)
RECORDER(CMD_NEXT_MARKED)
RECORDER(CMD_SORT)
RECORDER(CMD_HIDE_HEALTHY)
RECORDER(CMD_FOLD)
RECORDER(CMD_OPEN_CLUSTER)
RECORDER(CMD_MESSAGE)

static app_key_fn *const recorders[CMD_COUNT] = {
	[CMD_VIEW] = rec_CMD_VIEW,
	[CMD_VIEW_STEP] = rec_CMD_VIEW_STEP,
	[CMD_CLUSTER_STEP] = rec_CMD_CLUSTER_STEP,
	[CMD_SELECT] = rec_CMD_SELECT,
	[CMD_ONLINE] = rec_CMD_ONLINE,
	[CMD_OFFLINE] = rec_CMD_OFFLINE,
	[CMD_MOVE] = rec_CMD_MOVE,
	[CMD_CLEANUP] = rec_CMD_CLEANUP,
	[CMD_CLEAR] = rec_CMD_CLEAR,
	[CMD_BAN] = rec_CMD_BAN,
	[CMD_DETAIL] = rec_CMD_DETAIL,
	[CMD_DISMISS] = rec_CMD_DISMISS,
	[CMD_PAUSE] = rec_CMD_PAUSE,
	[CMD_FILTER] = rec_CMD_FILTER,
	[CMD_NEXT_MARKED] = rec_CMD_NEXT_MARKED,
	[CMD_SORT] = rec_CMD_SORT,
	[CMD_HIDE_HEALTHY] = rec_CMD_HIDE_HEALTHY,
	[CMD_FOLD] = rec_CMD_FOLD,
	[CMD_HELP] = rec_CMD_HELP,
	[CMD_OPEN_CLUSTER] = rec_CMD_OPEN_CLUSTER,
	[CMD_MESSAGE] = rec_CMD_MESSAGE,
	[CMD_REPAINT] = rec_CMD_REPAINT,
	[CMD_QUIT] = rec_CMD_QUIT,
};

static void
test_every_key_reaches_its_handler(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct app *a = console(&f->c, 1);
	const struct key_binding *b, *want;
	size_t i, k;
	int c, tab, ch, want_arg;

	(void)state;
	for (c = 0; c < CMD_COUNT; c++)
		assert_non_null(recorders[c]);
	for (i = 0; i < keys_count; i++) {
		b = &keys_table[i];
		/* What the cluster type cannot do is answered, not run:
		 * test_unsupported_answer's business. */
		if ((cluster_caps(f->c) & b->caps) != b->caps)
			continue;
		for (k = 0; k < n_keys(b); k++) {
			/* The clusters overview (view 0) too. */
			for (tab = 0; tab <= TAB_OVERVIEW; tab++) {
				ch = b->keys[k].ch;
				a->view = (size_t)tab;
				memset(&seen, 0, sizeof(seen));
				assert_int_equal(app_key_dispatch(a, ch,
				    recorders), VIEW_HANDLED);
				assert_int_equal(seen.calls, 1);
				/* In its views the key runs its command; in
				 * others too, unless another binding of the
				 * key is for that view (Enter: the detail,
				 * or opening a cluster in view 0). */
				want = keys_lookup(ch, (enum view_tab)tab,
				    &want_arg);
				assert_non_null(want);
				if (b->scope & KEYS_IN(tab))
					assert_ptr_equal(want, b);
				assert_int_equal(seen.cmd, want->cmd);
				assert_int_equal(seen.ch, ch);
				assert_int_equal(seen.arg, want_arg);
			}
		}
	}
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(app_key_dispatch(a, 'Z', recorders), 0);
	assert_int_equal(seen.calls, 0);
	console_free(a);
	fixture_free(f);
}

static struct cluster *
file_cluster(void)
{
	const char *data = getenv("CCON_TEST_DATA");
	struct cluster_params p = {
		.name = "input", .driver_name = DRIVER, .refresh_ms = 1000,
		.transition_timeout_ms = 60000,
	};
	char path[PATH_MAX];
	struct cluster *c;

	snprintf(path, sizeof(path), "%s/pacemaker/crm_mon/basic-3node.xml",
	    data != NULL ? data : "tests/data");
	/* Not read-only: the backend would send what the console let
	 * through, so only the console stands between a key and the
	 * cluster here. */
	c = cluster_new(&p, pacemaker_file_driver_new("input", path), NULL);
	assert_int_equal(cluster_refresh(c), 0);
	return c;
}

static enum action_kind
first_kind(unsigned caps)
{
	unsigned k;

	for (k = 0; k < ACT_COUNT; k++)
		if (caps & ACTION_CAP(k))
			return (enum action_kind)k;
	fail_msg("no action in caps %#x", caps);
	return ACT_COUNT;
}

static void
test_unsupported_answer(void **state)
{
	struct cluster *c = file_cluster();
	struct app *a = console(&c, 1);
	struct cluster_status st;
	struct event ev[16];
	char want[160];
	size_t i, n, e;
	int tab;

	(void)state;
	assert_int_equal(cluster_caps(c), 0);
	assert_non_null(a->cl[0].snap);
	for (i = 0; i < keys_count; i++) {
		if (keys_table[i].caps == 0)
			continue;
		for (tab = 0; tab < TAB_COUNT; tab++) {
			a->view = (size_t)tab;
			a->cl[0].message[0] = '\0';
			assert_int_equal(app_key(a, keys_table[i].keys[0].ch),
			    VIEW_REDRAW);
			snprintf(want, sizeof(want), "%s is not supported by "
			    "this cluster type (pacemaker-file)",
			    action_kind_word(first_kind(keys_table[i].caps)));
			assert_string_equal(a->cl[0].message, want);
			assert_int_equal(a->cl[0].message_tone, TONE_WARN);
			/* Not asked about either. */
			assert_int_equal(a->mode, MODE_NORMAL);
		}
	}
	/* Nothing reached the cluster: no answer, no event. */
	cluster_get_status(c, &st);
	assert_int_equal(st.last_status, -1);
	while ((n = cluster_drain_events(c, ev, 16)) > 0)
		for (e = 0; e < n; e++)
			assert_int_not_equal(ev[e].kind, EV_ACTION);
	/* What does not need the cluster still works. */
	a->view = 0;
	assert_int_equal(app_key(a, '3'), VIEW_REDRAW);
	assert_int_equal(a->view, 2);
	console_free(a);
	cluster_free(c);
}

static void
test_handlers(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct app *a = console(&f->c, 1);
	struct app_cluster *ac = &a->cl[0];

	(void)state;
	/* Views: by number, next and previous, round the ends. */
	app_key(a, '2');
	assert_int_equal(a->view, 1);
	app_key(a, '4');
	assert_int_equal(a->view, 3);
	app_key(a, '\t');
	assert_int_equal(a->view, 0);
	app_key(a, KEY_BTAB);
	assert_int_equal(a->view, 3);
	app_key(a, '1');
	assert_int_equal(a->view, 0);
	/* One cluster: [ and ] stay on it. */
	app_key(a, ']');
	assert_int_equal(a->cur, 0);

	/* The selection is the view's. */
	app_key(a, 'j');
	assert_int_equal(ac->vs[0].rt.ts.sel, 1);
	app_key(a, 'G');
	assert_int_equal(ac->vs[0].rt.ts.sel, ac->vs[0].rt.rows.n - 1);
	app_key(a, 'g');
	assert_int_equal(ac->vs[0].rt.ts.sel, 0);

	/* Help opens, and any key closes it. */
	app_key(a, '?');
	assert_int_equal(a->mode, MODE_HELP);
	app_key(a, 'o');
	assert_int_equal(a->mode, MODE_NORMAL);

	/* Offline asks first; anything but y cancels. */
	app_key(a, 'x');
	assert_int_equal(a->mode, MODE_CONFIRM);
	assert_string_equal(a->confirm.question,
	    "Take group web offline? [y/N]");
	app_key(a, 'n');
	assert_int_equal(a->mode, MODE_NORMAL);
	assert_string_equal(ac->message, "cancelled");

	/* Move opens the chooser on the nodes it can go to. */
	app_key(a, 'm');
	assert_int_equal(a->mode, MODE_CHOOSE);
	assert_string_equal(a->chooser.title, "Move group web to");
	assert_true(a->chooser.n > 1);
	app_key(a, 27);
	assert_int_equal(a->mode, MODE_NORMAL);
	assert_string_equal(ac->message, "cancelled");
	/* Its first entry is the best node: the cluster chooses. */
	app_key(a, 'm');
	assert_string_equal(a->chooser.items[0],
	    "best node (the cluster chooses)");
	app_key(a, '\n');
	assert_int_equal(a->mode, MODE_CONFIRM);
	assert_string_equal(a->confirm.question,
	    "Move group web to the best node? [y/N]");
	assert_string_equal(a->pending.node, "");
	app_key(a, 'n');
	assert_string_equal(ac->message, "cancelled");

	/* Online of what runs and is meant to: nothing to confirm, the
	 * cluster answers. */
	app_key(a, 'o');
	assert_int_equal(a->mode, MODE_NORMAL);
	assert_non_null(strstr(ac->message, "online group web"));

	/* Out of its view a key says where it works. */
	app_key(a, 'p');
	assert_string_equal(ac->message, "select a node (view 3) to pause it");
	app_key(a, '3');
	app_key(a, 'u');
	assert_string_equal(ac->message,
	    "select a group or resource (view 1 or 2)");
	/* In it, pause asks first. */
	app_key(a, 'p');
	assert_int_equal(a->mode, MODE_CONFIRM);
	assert_string_equal(a->confirm.question,
	    "Pause node alpha (what runs there moves away)? [y/N]");
	app_key(a, 'y');
	assert_int_equal(a->mode, MODE_NORMAL);
	assert_non_null(strstr(ac->message, "pause node alpha"));

	assert_int_equal(app_key(a, 12), VIEW_REDRAW);
	assert_false(a->quit);
	app_key(a, 'q');
	assert_true(a->quit);
	console_free(a);
	fixture_free(f);
}

/* Whether a line of the pane's parts holds needle. */
static bool
pane_says(const struct detail_pane *p, const char *needle)
{
	const struct detail *parts[2] = { &p->snap_part, &p->drv_part };
	size_t i, k;

	for (k = 0; k < 2; k++)
		for (i = 0; i < parts[k]->n; i++)
			if (strstr(parts[k]->lines[i].value, needle) != NULL ||
			    strstr(parts[k]->lines[i].label, needle) != NULL)
				return true;
	return false;
}

/* Enter and d open the detail of the selected row; its keys are the
 * pane's (q closes it rather than quitting); a new snapshot rebuilds it
 * and asks the driver again; a is the acknowledgement d was. */
static void
test_detail_pane(void **state)
{
	struct fixture *f = fixture_new(true, NULL, NULL);
	struct app *a = console(&f->c, 1);
	struct app_cluster *ac = &a->cl[0];
	uint64_t ticket;

	(void)state;
	/* The first row of the groups view is the group web. */
	app_key(a, '\n');
	assert_int_equal(a->mode, MODE_DETAIL);
	assert_string_equal(a->detail.title, "group web");
	assert_true(pane_says(&a->detail, "web-server"));
	/* No worker: the driver's part came at once; read-only asks it. */
	assert_false(a->detail.loading);
	assert_true(a->detail.have_drv);
	assert_true(pane_says(&a->detail, "constraints"));
	/* Keys are the pane's. */
	app_key(a, KEY_DOWN);
	app_key(a, 'q');
	assert_int_equal(a->mode, MODE_NORMAL);
	assert_false(a->quit);

	/* d on a resource, in view 2: its operations and hidden password. */
	app_key(a, '2');
	app_key(a, 'g');           /* the view's rows are built */
	while (ac->vs[1].rt.ts.sel + 1 < ac->vs[1].rt.rows.n) {
		const struct row *r = view_tabs[1]->selected(view_tabs[1],
		    &ac->vs[1]);

		if (r != NULL && r->kind == ROW_RESOURCE &&
		    strcmp(ac->snap->resources[r->index].id, "db-pgsql") == 0)
			break;
		app_key(a, 'j');
	}
	app_key(a, 'd');
	assert_int_equal(a->mode, MODE_DETAIL);
	assert_string_equal(a->detail.title, "resource db-pgsql");
	assert_true(pane_says(&a->detail, "***"));
	assert_false(pane_says(&a->detail, "s3cret"));
	assert_true(pane_says(&a->detail, "rc=0 (ok)"));
	/* Nothing changes: nothing is asked again. */
	ticket = a->detail.ticket;
	app_pull(a);
	assert_int_equal(a->detail.ticket, ticket);
	assert_false(a->detail.loading);
	/* A failure: the next snapshot rebuilds the pane. */
	fixture_fail(f, "db-pgsql");
	app_pull(a);
	assert_true(pane_says(&a->detail, "FAILED"));
	assert_true(pane_says(&a->detail, "rc=7 (not running)"));
	app_key(a, 27);
	assert_int_equal(a->mode, MODE_NORMAL);

	/* The events view has no objects. */
	app_key(a, '4');
	app_key(a, '\n');
	assert_int_equal(a->mode, MODE_NORMAL);
	assert_non_null(strstr(ac->message, "view 1, 2 or 3"));
	console_free(a);
	fixture_free(f);
}

/* A locked target: after y, a second question with a key of its own;
 * y there (or anything but i) sends nothing, i sends the request with
 * the override. The snapshot is one of a cluster type that declares the
 * override; the sim behind it does not, and refuses it. */
static void
test_lock_question(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct app *a = console(&f->c, 1);
	struct app_cluster *ac = &a->cl[0];
	struct snapshot *s = snapshot_new("test", "sim", "alpha");
	char *err = NULL;
	size_t r;

	(void)state;
	snapshot_add_node(s, "alpha", NODE_UP, 0);
	snapshot_add_node(s, "bravo", NODE_UP, 0);
	snapshot_add_group(s, "web", GROUP_KIND_GROUP, RES_F_LOCKED);
	r = snapshot_add_resource(s, "web-ip", "web", "IP", RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "alpha");
	assert_int_equal(snapshot_finish(s, &err), 0);
	snapshot_set_caps(s, ACTION_CAPS_ALL |
	    ACTION_CAP_OPT(ACTION_OPT_IGNORE_LOCKED));
	snapshot_unref(ac->snap);
	ac->snap = s;
	a->view = 0;

	app_key(a, 'x');
	assert_int_equal(a->mode, MODE_CONFIRM);
	assert_string_equal(a->confirm.question,
	    "Take group web offline? [y/N]");
	assert_string_equal(app_confirm_hint(a),
	    "y confirms, any other key cancels");
	app_key(a, 'y');
	assert_int_equal(a->mode, MODE_CONFIRM);
	assert_true(a->confirm.lock);
	assert_string_equal(a->confirm.question, "web is locked (an "
	    "administrator or a cluster operation holds it). Override the "
	    "lock with -IgnoreLocked? [i/N]");
	assert_string_equal(app_confirm_hint(a), "i overrides the lock; any "
	    "other key cancels and sends nothing");
	/* A second y is no override. */
	app_key(a, 'y');
	assert_int_equal(a->mode, MODE_NORMAL);
	assert_string_equal(ac->message, "cancelled: web is locked and the "
	    "lock was not overridden (i at the lock question does); nothing "
	    "was sent");
	assert_int_equal(sim_requests_seen(f->sim), 0);
	/* i is. */
	app_key(a, 'x');
	app_key(a, 'y');
	app_key(a, 'i');
	assert_int_equal(a->mode, MODE_NORMAL);
	assert_true(a->pending.opts & ACTION_OPT_IGNORE_LOCKED);
	assert_non_null(strstr(ac->message, "offline group web (overriding "
	    "its lock)"));
	console_free(a);
	fixture_free(f);
}

/* The mouse, through the dispatch's own entry: the tab line's places
 * (as tabbar_draw records them) pick a cluster, a view or view 0; the
 * wheel moves the selection; nothing while a dialog is open. */
static void
test_mouse(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct fixture *g = fixture_new(true, NULL, NULL);
	struct cluster *c[2] = { f->c, g->c };
	struct app *a = console(c, 2);

	(void)state;
	a->tab_hits = (struct bar_hits){ .n = 3, .v = {
		{ .x0 = 0, .x1 = 5, .kind = BAR_HIT_CLUSTER, .index = 1 },
		{ .x0 = 10, .x1 = 20, .kind = BAR_HIT_VIEW, .index = 2 },
		{ .x0 = 21, .x1 = 25, .kind = BAR_HIT_OVERVIEW },
	} };
	assert_int_equal(a->view, TAB_OVERVIEW);
	assert_int_equal(app_mouse(a, 0, 2, BUTTON1_PRESSED), VIEW_REDRAW);
	assert_int_equal(a->cur, 1);
	assert_int_equal(app_mouse(a, 0, 12, BUTTON1_CLICKED), VIEW_REDRAW);
	assert_int_equal(a->view, TAB_NODES);
	/* Between the places: nothing. */
	assert_int_equal(app_mouse(a, 0, 7, BUTTON1_PRESSED), 0);
	assert_int_equal(a->view, TAB_NODES);
	/* View 0 opens on the cluster shown. */
	assert_int_equal(app_mouse(a, 0, 22, BUTTON1_PRESSED), VIEW_REDRAW);
	assert_int_equal(a->view, TAB_OVERVIEW);
	assert_int_equal(overview_selected_cluster(&a->overview), 1);
	/* The wheel: up to the first cluster, down again. */
	assert_true(app_mouse(a, 5, 5, BUTTON4_PRESSED) & VIEW_HANDLED);
	assert_int_equal(overview_selected_cluster(&a->overview), 0);
	assert_true(app_mouse(a, 5, 5, BUTTON5_PRESSED) & VIEW_HANDLED);
	assert_int_equal(overview_selected_cluster(&a->overview), 1);
	/* A release, or anything while a dialog is open, does nothing. */
	assert_int_equal(app_mouse(a, 0, 12, BUTTON1_RELEASED), 0);
	a->mode = MODE_HELP;
	assert_int_equal(app_mouse(a, 0, 12, BUTTON1_PRESSED), 0);
	assert_int_equal(a->view, TAB_OVERVIEW);
	a->mode = MODE_NORMAL;
	console_free(a);
	fixture_free(f);
	fixture_free(g);
}

static void
test_two_clusters(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct fixture *g = fixture_new(true, NULL, NULL);
	struct cluster *c[2] = { f->c, g->c };
	struct app *a = console(c, 2);

	(void)state;
	/* Several clusters: the overview first, Enter opens the one
	 * selected, 0 comes back to it on that cluster. */
	assert_int_equal(a->view, TAB_OVERVIEW);
	app_key(a, KEY_DOWN);
	app_key(a, '\n');
	assert_int_equal(a->view, TAB_GROUPS);
	assert_int_equal(a->cur, 1);
	app_key(a, '0');
	assert_int_equal(a->view, TAB_OVERVIEW);
	assert_int_equal(overview_selected_cluster(&a->overview), 1);
	app_key(a, KEY_UP);
	app_key(a, KEY_ENTER);
	assert_int_equal(a->cur, 0);
	assert_int_equal(a->view, TAB_GROUPS);
	app_key(a, ']');
	assert_int_equal(a->cur, 1);
	app_key(a, ']');
	assert_int_equal(a->cur, 0);
	app_key(a, '[');
	assert_int_equal(a->cur, 1);
	/* The second is read-only: refused without a dialog, by the
	 * backend, in its own status line. */
	app_key(a, 'x');
	assert_int_equal(a->mode, MODE_NORMAL);
	assert_non_null(strstr(a->cl[1].message, "read-only mode"));
	assert_string_equal(a->cl[0].message, "");
	console_free(a);
	fixture_free(f);
	fixture_free(g);
}

static void
test_too_small(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct app *a = console(&f->c, 1);

	(void)state;
	a->scr.too_small = true;
	assert_int_equal(app_key(a, '2'), 0);
	assert_int_equal(a->view, 0);
	assert_int_equal(app_key(a, 'x'), 0);
	assert_int_equal(a->mode, MODE_NORMAL);
	/* Not while a worker waits for an answer. */
	a->mode = MODE_PROMPT;
	app_key(a, 'q');
	assert_false(a->quit);
	a->mode = MODE_NORMAL;
	app_key(a, 'q');
	assert_true(a->quit);
	console_free(a);
	fixture_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_well_formed),
		cmocka_unit_test(test_lookup_finds_every_key),
		cmocka_unit_test(test_no_key_bound_twice),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_supported),
		cmocka_unit_test(test_select_keys_are_the_tables),
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_overlay_lists_every_key),
		cmocka_unit_test(test_overlay_scrolls),
		cmocka_unit_test(test_key_bar),
		cmocka_unit_test(test_every_command_has_a_handler),
		cmocka_unit_test(test_every_key_reaches_its_handler),
		cmocka_unit_test(test_unsupported_answer),
		cmocka_unit_test(test_handlers),
		cmocka_unit_test(test_lock_question),
		cmocka_unit_test(test_detail_pane),
		cmocka_unit_test(test_two_clusters),
		cmocka_unit_test(test_mouse),
		cmocka_unit_test(test_too_small),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
