/* What a preview says to people (views/whatif.c) and --what-if's words
 * (tui/whatif_report.c), on previews and snapshots made by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/core/preview.h"
#include "tui/whatif_report.h"
#include "views/whatif.h"

/* Group web (web-ip, web-fs) on alpha, and db-ip alone. */
static struct snapshot *
two_groups(void)
{
	struct snapshot *s = snapshot_new("t", "t", "alpha");
	char *err = NULL;

	snapshot_add_node(s, "alpha", NODE_UP, 0);
	snapshot_add_node(s, "bravo", NODE_UP, 0);
	snapshot_add_group(s, "web", GROUP_KIND_GROUP, 0);
	snapshot_add_resource(s, "web-ip", "web", "x", RES_ONLINE, 0);
	snapshot_add_resource(s, "web-fs", "web", "x", RES_ONLINE, 0);
	snapshot_add_resource(s, "db-ip", NULL, "x", RES_ONLINE, 0);
	assert_int_equal(snapshot_finish(s, &err), 0);
	return s;
}

static void
named_first_then_pulled_in(void **state)
{
	struct snapshot *s = two_groups();
	struct preview p = { 0 };
	char lines[8][WHATIF_LINE];
	struct action a;
	char *err = NULL;
	size_t n;

	(void)state;
	assert_int_equal(action_init(&a, ACT_OFFLINE, TARGET_GROUP, "web",
				     NULL, &err), 0);
	preview_add(&p, PREVIEW_STOP, "db-ip", "alpha", NULL);
	preview_add(&p, PREVIEW_STOP, "web-fs", "alpha", NULL);
	preview_add(&p, PREVIEW_STOP, "web-ip", "alpha", NULL);
	n = whatif_lines(&p, s, &a, lines, 8);
	assert_int_equal(n, 2);
	assert_string_equal(lines[0], "stops on alpha: web-fs, web-ip");
	assert_string_equal(lines[1], "also stops on alpha: db-ip");
	preview_free(&p);
	snapshot_unref(s);
}

static void
moves_by_route(void **state)
{
	struct snapshot *s = two_groups();
	struct preview p = { 0 };
	char lines[8][WHATIF_LINE];
	struct action a;
	char *err = NULL;
	size_t n;

	(void)state;
	assert_int_equal(action_init(&a, ACT_PAUSE, TARGET_NODE, "alpha",
				     NULL, &err), 0);
	preview_add(&p, PREVIEW_MOVE, "web-ip", "alpha", "bravo");
	preview_add(&p, PREVIEW_MOVE, "web-fs", "alpha", "bravo");
	preview_add(&p, PREVIEW_START, "db-ip", NULL, "bravo");
	n = whatif_lines(&p, s, &a, lines, 8);
	assert_int_equal(n, 2);
	/* A node's request is about whatever runs there: no "also". */
	assert_string_equal(lines[0], "starts on bravo: db-ip");
	assert_string_equal(lines[1],
			    "moves from alpha to bravo: web-ip, web-fs");
	preview_free(&p);
	snapshot_unref(s);
}

static void
nothing_and_too_much(void **state)
{
	struct preview p = { 0 };
	char lines[2][WHATIF_LINE], id[32];
	struct action a;
	char *err = NULL;
	size_t n, i;

	(void)state;
	assert_int_equal(action_init(&a, ACT_OFFLINE, TARGET_RESOURCE, "r",
				     NULL, &err), 0);
	assert_int_equal(whatif_lines(&p, NULL, &a, lines, 2), 1);
	assert_string_equal(lines[0], "nothing changes");
	/* Many on one node: one line, cut with a count. */
	for (i = 0; i < 200; i++) {
		snprintf(id, sizeof(id), "res-%03zu", i);
		preview_add(&p, PREVIEW_STOP, id, "alpha", NULL);
	}
	n = whatif_lines(&p, NULL, &a, lines, 2);
	assert_int_equal(n, 1);
	assert_true(strlen(lines[0]) < WHATIF_LINE);
	assert_non_null(strstr(lines[0], " more"));
	/* Many lines: the last says there is more. */
	preview_free(&p);
	for (i = 0; i < 5; i++) {
		snprintf(id, sizeof(id), "node%zu", i);
		preview_add(&p, PREVIEW_START, "x", NULL, id);
	}
	n = whatif_lines(&p, NULL, &a, lines, 2);
	assert_int_equal(n, 2);
	assert_string_equal(lines[1], "and more (5 changes in all)");
	preview_free(&p);
}

static void
parse_specs(void **state)
{
	enum action_kind k;
	char *t, *n, *err = NULL;

	(void)state;
	assert_int_equal(whatif_parse("offline:web", &k, &t, &n, &err), 0);
	assert_int_equal(k, ACT_OFFLINE);
	assert_string_equal(t, "web");
	assert_null(n);
	free(t);
	assert_int_equal(whatif_parse("move:web:bravo", &k, &t, &n, &err), 0);
	assert_int_equal(k, ACT_MOVE);
	assert_string_equal(t, "web");
	assert_string_equal(n, "bravo");
	free(t);
	free(n);
	/* A move without a node: to the best node. */
	assert_int_equal(whatif_parse("move:web", &k, &t, &n, &err), 0);
	assert_int_equal(k, ACT_MOVE);
	assert_string_equal(t, "web");
	assert_null(n);
	free(t);
	assert_int_equal(whatif_parse("pause:alpha", &k, &t, &n, &err), 0);
	assert_int_equal(k, ACT_PAUSE);
	free(t);
	static const char *const bad[] = { "web", "offline:", "explode:web",
		"ban:web", "offline:web:bravo", "move::bravo", "move:web:" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(whatif_parse(bad[i], &k, &t, &n, &err), -1);
		assert_non_null(err);
		free(err);
		err = NULL;
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(named_first_then_pulled_in),
		cmocka_unit_test(moves_by_route),
		cmocka_unit_test(nothing_and_too_much),
		cmocka_unit_test(parse_specs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
