/* A cluster in one line (views/health.h): its health from a snapshot and
 * its status, the words of its data's age, what is said once when it
 * gets worse; and the bars that show it (tui/widgets/bars.h): the status
 * line never cuts READ-ONLY, the tab line keeps the counts and the other
 * clusters' marks at 80 columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <locale.h>
#include <wchar.h>

#include "backend/core/model.h"
#include "tui/widgets/bars.h"
#include "tui/widgets/text.h"
#include "backend/util/glyph.h"
#include "views/health.h"

#define NOW 1000000

/* Three nodes, one down; web-ip online, db failed, old offline on
 * purpose (disabled), spare offline without being meant to be. */
static struct snapshot *
snap_failed(void)
{
	struct snapshot *s = snapshot_new("staging", "sim", "alpha");
	char *err = NULL;

	snapshot_add_node(s, "alpha", NODE_UP, 0);
	snapshot_add_node(s, "beta", NODE_UP, 0);
	snapshot_add_node(s, "gamma", NODE_DOWN, 0);
	snapshot_add_resource(s, "web-ip", NULL, "ocf:heartbeat:IPaddr2",
	    RES_ONLINE, 0);
	snapshot_add_resource(s, "db", NULL, "ocf:heartbeat:pgsql",
	    RES_FAILED, 0);
	snapshot_add_resource(s, "old", NULL, "ocf:heartbeat:Dummy",
	    RES_OFFLINE, RES_F_DISABLED);
	snapshot_add_resource(s, "spare", NULL, "ocf:heartbeat:Dummy",
	    RES_OFFLINE, 0);
	assert_int_equal(snapshot_finish(s, &err), 0);
	return s;
}

static struct snapshot *
snap_healthy(void)
{
	struct snapshot *s = snapshot_new("lab", "sim", "alpha");
	char *err = NULL;

	snapshot_add_node(s, "alpha", NODE_UP, 0);
	snapshot_add_resource(s, "web-ip", NULL, "ocf:heartbeat:IPaddr2",
	    RES_ONLINE, 0);
	assert_int_equal(snapshot_finish(s, &err), 0);
	return s;
}

static struct cluster_status
status(bool have, bool stale, const char *error, uint64_t last_ok)
{
	struct cluster_status st;

	memset(&st, 0, sizeof(st));
	st.have_data = have;
	st.stale = stale;
	st.last_ok_ms = last_ok;
	st.last_status = -1;
	snprintf(st.error, sizeof(st.error), "%s", error);
	snprintf(st.source, sizeof(st.source), "alpha");
	return st;
}

static void
summarize(const char *name, const struct snapshot *s,
	  const struct cluster_status *st, struct health_summary *out)
{
	struct health_input in = { .name = name, .snap = s, .st = st,
	    .now_ms = NOW };

	health_summarize(&in, out);
}

/* A summary of the snapshot it summarized before keeps that count (no
 * resource is counted again while the console only redraws its ages);
 * the clock's part is new; another snapshot is counted anew. */
static void
test_same_snapshot_not_counted_again(void **state)
{
	struct snapshot *s = snap_failed(), *h = snap_healthy();
	struct cluster_status st = status(true, false, "", NOW - 3000);
	struct health_input in = { .name = "staging", .snap = s, .st = &st,
	    .now_ms = NOW, .snap_gen = 7 };
	struct health_summary m, before;

	(void)state;
	health_summarize(&in, &m);
	assert_int_equal(m.m.failed, 1);
	assert_int_equal(m.from_gen, 7);
	/* Marked so that a recount would show. */
	before = m;
	before.m.failed = 42;
	before.not_meant = 17;
	in.before = &before;
	in.now_ms = NOW + 5000;
	health_summarize(&in, &m);
	assert_int_equal(m.m.failed, 42);
	assert_int_equal(m.not_meant, 17);
	assert_int_equal(m.age_ms, 8000);
	/* A new snapshot (generation) is counted. */
	in.snap = h;
	in.snap_gen = 8;
	health_summarize(&in, &m);
	assert_int_equal(m.m.failed, 0);
	assert_int_equal(m.health, HEALTH_OK);
	/* Generation 0 is never taken as known. */
	before = m;
	before.m.failed = 42;
	in.snap_gen = 0;
	before.from_gen = 0;
	health_summarize(&in, &m);
	assert_int_equal(m.m.failed, 0);
	snapshot_unref(s);
	snapshot_unref(h);
}

static void
test_counts_and_health(void **state)
{
	struct snapshot *s = snap_failed(), *h = snap_healthy();
	struct cluster_status st = status(true, false, "", NOW - 3000);
	struct health_summary m;
	char age[64];

	(void)state;
	summarize("staging", s, &st, &m);
	assert_string_equal(m.name, "staging");
	assert_int_equal(m.health, HEALTH_BAD);
	assert_int_equal(m.why, HEALTH_WHY_FAILED);
	assert_int_equal(m.m.nodes, 3);
	assert_int_equal(m.m.nodes_up, 2);
	assert_int_equal(m.m.failed, 1);
	/* db (failed) and spare (off, not meant to be); old is off on
	 * purpose. */
	assert_int_equal(m.not_meant, 2);
	assert_string_equal(m.first_failed, "db");
	assert_string_equal(m.node, "alpha");
	assert_string_equal(health_quorum_text(&m), "ok");
	health_reach_text(&m, age, sizeof(age));
	assert_string_equal(age, "3s");

	summarize("lab", h, &st, &m);
	assert_int_equal(m.health, HEALTH_OK);
	assert_int_equal(m.why, 0);
	assert_int_equal(m.not_meant, 0);

	/* No quorum is bad even with every resource fine; a minority view
	 * says so in its own words. */
	h->quorum = false;
	summarize("lab", h, &st, &m);
	assert_int_equal(m.health, HEALTH_BAD);
	assert_int_equal(m.why, HEALTH_WHY_QUORUM);
	assert_string_equal(health_quorum_text(&m), "NO QUORUM");
	snapshot_set_minority(h, true);
	summarize("lab", h, &st, &m);
	assert_string_equal(health_quorum_text(&m), "minority view");
	assert_int_equal(m.health, HEALTH_BAD);
	snapshot_unref(s);
	snapshot_unref(h);
}

static void
test_pending(void **state)
{
	struct snapshot *s = snapshot_new("lab", "sim", "alpha");
	struct cluster_status st = status(true, false, "", NOW - 1000);
	struct health_summary m;
	char *err = NULL;

	(void)state;
	snapshot_add_node(s, "alpha", NODE_UP, 0);
	snapshot_add_resource(s, "web", NULL, "ocf:heartbeat:Dummy",
	    RES_ONLINE_PENDING, 0);
	assert_int_equal(snapshot_finish(s, &err), 0);
	summarize("lab", s, &st, &m);
	assert_int_equal(m.health, HEALTH_PENDING);
	assert_int_equal(m.m.pending, 1);
	assert_int_equal(m.not_meant, 1);
	snapshot_unref(s);
}

/* An unclean node is bad, up ("UNCLEAN (online)") or down, and not
 * counted up; the nodes the cluster says it has count even when the
 * source listed fewer. */
static void
test_unclean_nodes(void **state)
{
	struct snapshot *s = snapshot_new("lab", "sim", "alpha");
	struct cluster_status st = status(true, false, "", NOW - 1000);
	struct health_summary m;
	struct health_watch w = { 0 };
	char *err = NULL, msg[128];

	(void)state;
	snapshot_add_node(s, "alpha", NODE_UP, 0);
	snapshot_add_node(s, "beta", NODE_UP, NODE_F_UNCLEAN);
	snapshot_add_resource(s, "web-ip", NULL, "ocf:heartbeat:IPaddr2",
	    RES_ONLINE, 0);
	s->nodes_configured = 4;
	assert_int_equal(snapshot_finish(s, &err), 0);
	summarize("lab", s, &st, &m);
	assert_int_equal(m.health, HEALTH_BAD);
	assert_int_equal(m.why, HEALTH_WHY_UNCLEAN);
	assert_int_equal(m.m.nodes, 4);
	assert_int_equal(m.m.nodes_up, 1);
	assert_int_equal(m.m.nodes_unclean, 1);
	assert_string_equal(m.first_unclean, "beta");
	assert_true(health_news(&w, &m, msg, sizeof(msg)));
	assert_string_equal(msg, "lab: beta unclean");
	assert_false(health_news(&w, &m, msg, sizeof(msg)));
	snapshot_unref(s);

	s = snapshot_new("lab", "sim", "alpha");
	snapshot_add_node(s, "alpha", NODE_UP, 0);
	snapshot_add_node(s, "beta", NODE_DOWN, NODE_F_UNCLEAN);
	snapshot_add_node(s, "gamma", NODE_DOWN, NODE_F_UNCLEAN);
	assert_int_equal(snapshot_finish(s, &err), 0);
	summarize("lab", s, &st, &m);
	assert_int_equal(m.health, HEALTH_BAD);
	assert_int_equal(m.m.nodes, 3);
	assert_int_equal(m.m.nodes_unclean, 2);
	memset(&w, 0, sizeof(w));
	assert_true(health_news(&w, &m, msg, sizeof(msg)));
	assert_string_equal(msg, "lab: 2 nodes unclean (beta)");
	snapshot_unref(s);
}

static void
test_reach(void **state)
{
	struct snapshot *h = snap_healthy();
	struct cluster_status st;
	struct health_summary m;
	char age[64];

	(void)state;
	/* Nothing yet, no error yet: connecting, not known. */
	st = status(false, false, "", 0);
	summarize("dev", NULL, &st, &m);
	assert_int_equal(m.reach, REACH_CONNECTING);
	assert_int_equal(m.health, HEALTH_UNKNOWN);
	health_reach_text(&m, age, sizeof(age));
	assert_string_equal(age, "connecting");
	summarize("dev", NULL, NULL, &m);
	assert_int_equal(m.reach, REACH_CONNECTING);
	assert_string_equal(health_quorum_text(&m), "");

	/* Never reached: no data ever came and the looks fail. Not
	 * "stale": there is nothing old to show. */
	st = status(false, true, "connection refused", 0);
	summarize("dev", NULL, &st, &m);
	assert_int_equal(m.reach, REACH_NEVER);
	assert_int_equal(m.health, HEALTH_BAD);
	assert_int_equal(m.why, HEALTH_WHY_UNREACHABLE);
	health_reach_text(&m, age, sizeof(age));
	assert_string_equal(age, "never reached");

	/* Old data, late looks: stale; failing looks: unreachable. */
	st = status(true, true, "", NOW - 12000);
	summarize("lab", h, &st, &m);
	assert_int_equal(m.reach, REACH_STALE);
	assert_int_equal(m.health, HEALTH_PENDING);
	health_reach_text(&m, age, sizeof(age));
	assert_string_equal(age, "stale 12s");
	st = status(true, true, "timed out", NOW - 120000);
	summarize("lab", h, &st, &m);
	assert_int_equal(m.reach, REACH_UNREACHABLE);
	assert_int_equal(m.health, HEALTH_BAD);
	health_reach_text(&m, age, sizeof(age));
	assert_string_equal(age, "unreachable 2m");
	snapshot_unref(h);
}

static void
test_marks(void **state)
{
	const enum health all[] = { HEALTH_OK, HEALTH_UNKNOWN, HEALTH_PENDING,
	    HEALTH_BAD };
	size_t i, j;
	int ascii;

	(void)state;
	/* Every health its own glyph, in both sets: never colour alone. */
	for (ascii = 0; ascii < 2; ascii++) {
		glyph_set_utf8(!ascii);
		for (i = 0; i < 4; i++)
			for (j = i + 1; j < 4; j++)
				assert_string_not_equal(health_mark(all[i]),
				    health_mark(all[j]));
		for (i = 0; ascii && i < 4; i++) {
			const char *m = health_mark(all[i]);

			for (j = 0; m[j] != '\0'; j++)
				assert_true((unsigned char)m[j] < 0x80);
		}
	}
	glyph_set_utf8(true);
	assert_string_equal(health_mark(HEALTH_BAD), "✖");
	assert_int_equal(health_tone(HEALTH_BAD), TONE_FAILED);
	assert_int_equal(health_tone(HEALTH_OK), TONE_ONLINE);
}

static void
test_news_once(void **state)
{
	struct snapshot *s = snap_failed(), *h = snap_healthy();
	struct cluster_status st = status(true, false, "", NOW - 1000);
	struct cluster_status none = status(false, false, "", 0);
	struct health_watch w = { 0 };
	struct health_summary m;
	char msg[128];
	int i;

	(void)state;
	/* Connecting tells nothing: not remembered as fine either. */
	summarize("staging", NULL, &none, &m);
	assert_false(health_news(&w, &m, msg, sizeof(msg)));
	assert_false(w.seen);
	/* Fine first: nothing to say. */
	summarize("staging", h, &st, &m);
	assert_false(health_news(&w, &m, msg, sizeof(msg)));
	/* It turns bad: said once, not on every look after. */
	summarize("staging", s, &st, &m);
	assert_true(health_news(&w, &m, msg, sizeof(msg)));
	assert_string_equal(msg, "staging: 1 failed (db)");
	for (i = 0; i < 5; i++) {
		summarize("staging", s, &st, &m);
		assert_false(health_news(&w, &m, msg, sizeof(msg)));
	}
	/* It loses quorum as well: that is news. */
	s->quorum = false;
	summarize("staging", s, &st, &m);
	assert_true(health_news(&w, &m, msg, sizeof(msg)));
	assert_string_equal(msg, "staging: no quorum");
	assert_false(health_news(&w, &m, msg, sizeof(msg)));
	/* Unreachable: news; still unreachable: not. */
	st = status(true, true, "timed out", NOW - 60000);
	summarize("staging", s, &st, &m);
	assert_true(health_news(&w, &m, msg, sizeof(msg)));
	assert_string_equal(msg, "staging: unreachable");
	summarize("staging", s, &st, &m);
	assert_false(health_news(&w, &m, msg, sizeof(msg)));
	/* Well again, then bad again: news again. */
	st = status(true, false, "", NOW - 1000);
	summarize("staging", h, &st, &m);
	assert_false(health_news(&w, &m, msg, sizeof(msg)));
	s->quorum = true;
	summarize("staging", s, &st, &m);
	assert_true(health_news(&w, &m, msg, sizeof(msg)));
	assert_string_equal(msg, "staging: 1 failed (db)");
	snapshot_unref(s);
	snapshot_unref(h);
}

/* ---- the status line: READ-ONLY is never what is cut ------------------ */

static void
test_status_readonly_reserved(void **state)
{
	static const int widths[] = { 20, 40, 60, 80, 120, 200 };
	char longtext[300];
	struct statusbar_fit f;
	struct statusbar sb;
	size_t i;
	int used;

	(void)state;
	memset(longtext, 'x', sizeof(longtext) - 1);
	longtext[sizeof(longtext) - 1] = '\0';
	sb = (struct statusbar){
		.cluster = "a-cluster-with-a-rather-long-name-for-a-status-line",
		.source = longtext, .age = "stale 12s", .stale = true,
		.error = longtext, .readonly = true, .message = longtext,
	};
	for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		statusbar_layout(&sb, widths[i], &f);
		assert_int_equal(f.mode, 9);    /* "READ-ONLY", whole */
		used = f.cluster + STATUSBAR_SEP + f.mode;
		if (f.source > 0)
			used += f.source + STATUSBAR_SEP;
		if (f.age > 0)
			used += f.age + STATUSBAR_SEP;
		if (f.message > 0)
			used += f.message + STATUSBAR_SEP;
		assert_true(used <= widths[i]);
		assert_false(f.message > 0 && !f.message_cut);
	}
	/* A short line keeps everything, the message whole. */
	sb = (struct statusbar){ .cluster = "lab", .source = "alpha",
	    .age = "2s", .readonly = true, .message = "online group web: ok" };
	statusbar_layout(&sb, 80, &f);
	assert_int_equal(f.cluster, 3);
	assert_int_equal(f.source, 5);
	assert_int_equal(f.age, 2);
	assert_int_equal(f.mode, 9);
	assert_int_equal(f.message, widget_width(sb.message));
	assert_false(f.message_cut);
	/* A message longer than the room, even at 200 columns, is marked
	 * cut (M shows it). */
	sb.message = longtext;
	statusbar_layout(&sb, 200, &f);
	assert_true(f.message_cut);
	assert_int_equal(f.mode, 9);
	sb.readonly = false;
	statusbar_layout(&sb, 200, &f);
	assert_int_equal(f.mode, 2);            /* "rw" */
}

/* ---- the tab line at 80 columns, in a real curses window ------------- */

struct line {
	char text[512];
	attr_t at[512];                 /* each column's attributes */
};

static void
draw_tabbar_th(const struct tabbar *t, const struct theme *theme, int cols,
	       struct line *out, struct bar_hits *hits)
{
	FILE *o = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	struct theme th;
	SCREEN *scr;
	WINDOW *w;

	assert_non_null(o);
	assert_non_null(in);
	scr = newterm("xterm", o, in);
	assert_non_null(scr);
	w = newwin(1, cols, 0, 0);
	assert_non_null(w);
	memset(&th, 0, sizeof(th));
	if (theme != NULL)
		th = *theme;
	tabbar_draw(w, &th, t, hits);
	memset(out, 0, sizeof(*out));
	for (int x = 0; x < cols && x < 512; x++)
		out->at[x] = mvwinch(w, 0, x) & A_ATTRIBUTES;
	/* Wide characters (the marks, "›"): read back as UTF-8. */
	{
		wchar_t wl[512];

		assert_int_not_equal(mvwinnwstr(w, 0, 0, wl, cols), ERR);
		assert_true(wcstombs(out->text, wl, sizeof(out->text)) !=
		    (size_t)-1);
	}
	delwin(w);
	endwin();
	delscreen(scr);
	fclose(o);
	fclose(in);
}

static void
draw_tabbar(const struct tabbar *t, int cols, struct line *out,
	    struct bar_hits *hits)
{
	draw_tabbar_th(t, NULL, cols, out, hits);
}

/* The column where needle starts in l's text (all ASCII before it). */
static int
column_of(const struct line *l, const char *needle)
{
	const char *p = strstr(l->text, needle);

	assert_non_null(p);
	return (int)mbstowcs(NULL, l->text, 0) -
	    (int)mbstowcs(NULL, p, 0);
}

static void
test_tabbar_80(void **state)
{
	static const char *const tabs[] = { "groups", "resources", "nodes",
	    "events" };
	const struct tabbar_cluster cl[] = {
		{ .name = "lab", .mark = "+", .tone = TONE_ONLINE },
		{ .name = "staging", .mark = "!", .tone = TONE_FAILED,
		  .bad = true },
		{ .name = "prod", .mark = "+", .tone = TONE_ONLINE },
		{ .name = "dev", .mark = "~", .tone = TONE_PENDING },
	};
	const struct tabbar_seg long_segs[] = {
		{ "NO QUORUM", true }, { "  ", false },
		{ "MAINTENANCE", true }, { "  ", false },
		{ "STOP-ALL", true }, { "  ", false },
		{ "nodes 3/3 up  resources 12/14 online  ", false },
		{ "failed 1", true }, { "  pending 0 ", false },
	};
	const struct tabbar_seg short_segs[] = {
		{ "NO QUORUM", true }, { " ", false },
		{ "MAINT", true }, { " ", false },
		{ "STOP-ALL", true }, { " ", false },
		{ "", false }, { "failed 1", true }, { " pend 0 ", false },
	};
	const struct tabbar_form forms[] = {
		{ long_segs, 9 }, { short_segs, 9 },
	};
	struct tabbar t = {
		.tabs = tabs, .n_tabs = 4, .current = 0,
		.overview = "clusters",
		.clusters = cl, .n_clusters = 4, .cur_cluster = 0,
		.summary = forms, .n_summary = 2,
	};
	const struct tabbar_seg quorum_segs[] = {
		{ "NO QUORUM", true }, { " ", false }, { "", false },
		{ "failed 1", true }, { " pend 0 ", false },
	};
	struct tabbar_form forms_short[1];
	struct bar_hits hits;
	const struct bar_hit *h;
	struct line l;

	(void)state;
	draw_tabbar(&t, 80, &l, &hits);
	/* Everything at once: the alerts and the counts stay, the tabs
	 * and the other clusters shrink to their numbers and marks. */
	assert_non_null(strstr(l.text, "NO QUORUM MAINT STOP-ALL failed 1 "
	    "pend 0"));
	assert_non_null(strstr(l.text, "lab+ ›"));
	assert_non_null(strstr(l.text, " 1 groups  2  3 "));
	assert_non_null(strstr(l.text, "│ !+~"));
	/* Only no quorum: the bad cluster by name, the others' marks. */
	forms_short[0] = (struct tabbar_form){ quorum_segs, 5 };
	t.summary = forms_short;
	t.n_summary = 1;
	draw_tabbar(&t, 80, &l, &hits);
	assert_non_null(strstr(l.text, "staging!"));
	assert_non_null(strstr(l.text, "NO QUORUM failed 1 pend 0"));
	assert_non_null(strstr(l.text, "failed 1 pend 0"));
	/* Each other cluster has its place to click, and the tabs too. */
	h = bar_hit_at(&hits, (int)(strstr(l.text, "staging!") - l.text));
	assert_non_null(h);
	assert_int_equal(h->kind, BAR_HIT_CLUSTER);
	assert_int_equal(h->index, 1);
	h = bar_hit_at(&hits, (int)(strstr(l.text, " 1 groups") - l.text) +
	    2);
	assert_non_null(h);
	assert_int_equal(h->kind, BAR_HIT_VIEW);
	assert_int_equal(h->index, 0);
	/* Without colour the alerts are in reverse (and bold), the counts
	 * beside them plain. */
	{
		struct theme mono;

		memset(&mono, 0, sizeof(mono));
		mono.color = false;
		draw_tabbar_th(&t, &mono, 80, &l, &hits);
		assert_true(l.at[column_of(&l, "NO QUORUM")] & A_REVERSE);
		assert_true(l.at[column_of(&l, "failed 1")] & A_REVERSE);
		assert_true(l.at[column_of(&l, "failed 1")] & A_BOLD);
		assert_false(l.at[column_of(&l, "pend 0")] & A_REVERSE);
	}
	/* Wide: everything by name, the longest summary. */
	t.summary = forms;
	t.n_summary = 2;
	draw_tabbar(&t, 200, &l, &hits);
	assert_non_null(strstr(l.text, "prod+"));
	assert_non_null(strstr(l.text, "dev~"));
	assert_non_null(strstr(l.text, "resources 12/14 online  failed 1"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		/* (the marks and "›" are UTF-8, as main() makes sure) */
		cmocka_unit_test(test_counts_and_health),
		cmocka_unit_test(test_same_snapshot_not_counted_again),
		cmocka_unit_test(test_pending),
		cmocka_unit_test(test_unclean_nodes),
		cmocka_unit_test(test_reach),
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_news_once),
		cmocka_unit_test(test_status_readonly_reserved),
		cmocka_unit_test(test_tabbar_80),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
