/* Finding among the rows (views/rows_find.h, and the row table that
 * keeps its selection through it, views/rowtable.h): what a filter
 * keeps in a flat list and in the groups tree, hide healthy, each sort,
 * folds kept by group id across snapshots, the next failed or pending
 * row with its wrap, and the selection that stays on its object through
 * all of them. Snapshots are made by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "backend/core/model.h"
#include "views/rows.h"
#include "views/rows_find.h"
#include "views/rows_query.h"
#include "views/rowtable.h"

/* Two nodes, beta down; group web (web-ip online, web-fs failed twice,
 * web-server stopped though meant to run), group db (both online), a
 * clone ping-clone (ping online on alpha, stopped on beta), and two
 * loose resources: lone-a stopped as meant (disabled), lone-b coming
 * online. When `moved`, the next refresh: db listed first, web-fs
 * online again, lone-b gone. */
static struct snapshot *
snap(bool moved)
{
	struct snapshot *s = snapshot_new("prod", "sim", "alpha");
	char *err = NULL;
	size_t r;

	snapshot_add_node(s, "alpha", NODE_UP, NODE_F_DC);
	snapshot_add_node(s, "beta", NODE_DOWN, 0);
	if (moved)
		snapshot_add_group(s, "db", GROUP_KIND_GROUP, 0);
	snapshot_add_group(s, "web", GROUP_KIND_GROUP, 0);
	if (!moved)
		snapshot_add_group(s, "db", GROUP_KIND_GROUP, 0);
	snapshot_add_group(s, "ping-clone", GROUP_KIND_CLONE, 0);
	r = snapshot_add_resource(s, "web-ip", "web", "ocf:heartbeat:IPaddr2",
	    RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "alpha");
	r = snapshot_add_resource(s, "web-fs", "web",
	    "ocf:heartbeat:Filesystem", moved ? RES_ONLINE : RES_FAILED, 0);
	snapshot_resource_add_node(s, r, "alpha");
	snapshot_resource_set_failure(s, r, 2, "mount failed", 0);
	snapshot_add_resource(s, "web-server", "web", "ocf:heartbeat:apache",
	    RES_OFFLINE, 0);
	r = snapshot_add_resource(s, "db-ip", "db", "ocf:heartbeat:IPaddr2",
	    RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "beta");
	r = snapshot_add_resource(s, "db-fs", "db", "ocf:heartbeat:Filesystem",
	    RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "beta");
	snapshot_resource_set_failure(s, r, 1, "timeout", 0);
	r = snapshot_add_resource(s, "ping", "ping-clone", "ocf:pacemaker:ping",
	    RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "alpha");
	snapshot_add_resource(s, "ping", "ping-clone", "ocf:pacemaker:ping",
	    RES_OFFLINE, 0);
	snapshot_add_resource(s, "lone-a", NULL, "ocf:pacemaker:Dummy",
	    RES_OFFLINE, RES_F_DISABLED);
	if (!moved) {
		r = snapshot_add_resource(s, "lone-b", NULL,
		    "ocf:pacemaker:Stateful", RES_ONLINE_PENDING, 0);
		snapshot_resource_add_node(s, r, "alpha");
	}
	assert_int_equal(snapshot_finish(s, &err), 0);
	return s;
}

struct fix {
	struct snapshot *s;
	struct row_list tree, flat, out;
	struct rows_facts ft, ff;
	struct rows_shape sh;
	size_t src[64];
};

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct rows_ctx c;

	if (f == NULL)
		return -1;
	f->s = snap(false);
	if (rows_groups(&f->tree, f->s) != 0 ||
	    rows_resources(&f->flat, f->s) != 0)
		return -1;
	c = (struct rows_ctx){ .snap = f->s, .rows = &f->tree };
	if (rows_facts_build(&f->ft, &c) != 0)
		return -1;
	c.rows = &f->flat;
	if (rows_facts_build(&f->ff, &c) != 0)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	rows_free(&f->tree);
	rows_free(&f->flat);
	rows_free(&f->out);
	rows_facts_free(&f->ft);
	rows_facts_free(&f->ff);
	rows_folds_free(&f->sh.folds);
	snapshot_unref(f->s);
	free(f);
	return 0;
}

/* The rows shown, one word each, space-separated: a member as ".id"
 * (",id" when it is the last of its group), a folded group "id+N". */
static const char *
shown(struct fix *f, bool tree)
{
	static char buf[1024];
	const struct rows_facts *fa = tree ? &f->ft : &f->ff;
	size_t i, len;

	assert_int_equal(rows_shape_apply(tree ? &f->tree : &f->flat, fa,
	    &f->sh, &f->out, f->src), 0);
	buf[0] = '\0';
	for (i = 0; i < f->out.n; i++) {
		const struct row *r = &f->out.v[i];

		len = strlen(buf);
		snprintf(buf + len, sizeof(buf) - len, "%s%s%s", i ? " " : "",
		    r->depth == 0 ? "" : r->last ? "," : ".",
		    fa->v[f->src[i]].name);
		if (r->folded) {
			len = strlen(buf);
			snprintf(buf + len, sizeof(buf) - len, "+%u",
			    r->n_folded);
		}
	}
	return buf;
}

static void
test_facts(void **state)
{
	struct fix *f = *state;
	const struct rows_fact *v = f->ff.v;

	/* Flat: web-ip web-fs web-server db-ip db-fs ping ping lone-a lone-b */
	assert_int_equal(f->ff.n, 9);
	assert_int_equal(v[0].rank, ROWS_RANK_AS_MEANT);
	assert_int_equal(v[1].rank, ROWS_RANK_FAILED);
	assert_int_equal(v[2].rank, ROWS_RANK_NOT_AS_MEANT);
	assert_int_equal(v[6].rank, ROWS_RANK_NOT_AS_MEANT);
	assert_int_equal(v[7].rank, ROWS_RANK_AS_MEANT);
	assert_int_equal(v[8].rank, ROWS_RANK_PENDING);
	assert_int_equal(v[1].fails, 2);
	assert_string_equal(v[3].node, "beta");
	assert_null(v[2].node);
	/* Words: lower case, each its own, both forms of a flag. */
	assert_non_null(strstr(f->ff.text + v[1].words, "web-fs"));
	assert_non_null(strstr(f->ff.text + v[1].words, "failed"));
	assert_non_null(strstr(f->ff.text + v[1].words, "filesystem"));
	assert_non_null(strstr(f->ff.text + v[7].words, "disabled"));
	assert_null(strstr(f->ff.text + v[0].words, "web-ip web"));
	/* Groups: a group's fails are its members', its node the first
	 * where one runs, its rank from its state. */
	assert_string_equal(f->ft.v[0].name, "web");
	assert_int_equal(f->ft.v[0].rank, ROWS_RANK_FAILED);
	assert_int_equal(f->ft.v[0].fails, 2);
	assert_string_equal(f->ft.v[0].node, "alpha");
	assert_int_equal(f->ft.v[4].rank, ROWS_RANK_AS_MEANT);   /* db */
	assert_string_equal(f->ft.v[10].name, "(no group)");
}

static void
test_as_meant(void **state)
{
	struct fix *f = *state;
	struct row r = { .kind = ROW_NODE, .index = 0 };

	assert_true(rows_as_meant(f->s, &r));
	r.index = 1;                    /* beta is down */
	assert_false(rows_as_meant(f->s, &r));
	r = (struct row){ .kind = ROW_GROUP, .index = 1 };    /* db */
	assert_true(rows_as_meant(f->s, &r));
	r.index = 2;                    /* ping-clone: one instance stopped */
	assert_false(rows_as_meant(f->s, &r));
	r = (struct row){ .kind = ROW_HEADING };
	assert_true(rows_as_meant(f->s, &r));
}

static void
test_filter(void **state)
{
	struct fix *f = *state;

	assert_string_equal(shown(f, true), "web .web-ip .web-fs ,web-server "
	    "db .db-ip ,db-fs ping-clone .ping ,ping (no group) .lone-a "
	    ",lone-b");
	/* Case-insensitive; a group with only its members that match. */
	snprintf(f->sh.filter, sizeof(f->sh.filter), "FS");
	assert_string_equal(shown(f, true), "web ,web-fs db ,db-fs");
	assert_string_equal(shown(f, false), "web-fs db-fs");
	/* A member matches by its group's name: the whole group shows. */
	snprintf(f->sh.filter, sizeof(f->sh.filter), "db");
	assert_string_equal(shown(f, true), "db .db-ip ,db-fs");
	/* By node, agent and state words. */
	snprintf(f->sh.filter, sizeof(f->sh.filter), "beta");
	assert_string_equal(shown(f, false), "db-ip db-fs");
	snprintf(f->sh.filter, sizeof(f->sh.filter), "apache");
	assert_string_equal(shown(f, true), "web ,web-server");
	snprintf(f->sh.filter, sizeof(f->sh.filter), "pending");
	assert_string_equal(shown(f, true), "(no group) ,lone-b");
	/* A group that matches alone shows alone. */
	snprintf(f->sh.filter, sizeof(f->sh.filter), "partial");
	assert_string_equal(shown(f, true), "ping-clone");
	/* Never across two words: "web-ip" is not followed by its group. */
	snprintf(f->sh.filter, sizeof(f->sh.filter), "ip web");
	assert_string_equal(shown(f, true), "");
	f->sh.filter[0] = '\0';
}

static void
test_hide_healthy(void **state)
{
	struct fix *f = *state;

	f->sh.hide_healthy = true;
	assert_string_equal(shown(f, true), "web .web-fs ,web-server "
	    "ping-clone ,ping (no group) ,lone-b");
	assert_string_equal(shown(f, false), "web-fs web-server ping lone-b");
	/* With a filter: both must hold. */
	snprintf(f->sh.filter, sizeof(f->sh.filter), "web");
	assert_string_equal(shown(f, true), "web .web-fs ,web-server");
	f->sh.filter[0] = '\0';
	f->sh.hide_healthy = false;
}

static void
test_sorts(void **state)
{
	struct fix *f = *state;

	f->sh.sort = ROWS_SORT_NAME;
	assert_string_equal(shown(f, false), "db-fs db-ip lone-a lone-b ping "
	    "ping web-fs web-ip web-server");
	/* Groups sort; members keep their order; loose ones sort under
	 * their heading, which stays last. */
	assert_string_equal(shown(f, true), "db .db-ip ,db-fs ping-clone "
	    ".ping ,ping web .web-ip .web-fs ,web-server (no group) .lone-a "
	    ",lone-b");
	f->sh.sort = ROWS_SORT_STATE;
	assert_string_equal(shown(f, false), "web-fs lone-b web-server ping "
	    "web-ip db-ip db-fs ping lone-a");
	assert_string_equal(shown(f, true), "web .web-ip .web-fs ,web-server "
	    "ping-clone .ping ,ping db .db-ip ,db-fs (no group) .lone-b "
	    ",lone-a");
	/* What runs nowhere last. */
	f->sh.sort = ROWS_SORT_NODE;
	assert_string_equal(shown(f, false), "lone-b ping web-fs web-ip db-fs "
	    "db-ip lone-a ping web-server");
	f->sh.sort = ROWS_SORT_FAILS;
	assert_string_equal(shown(f, false), "web-fs db-fs web-ip web-server "
	    "db-ip ping ping lone-a lone-b");
	assert_string_equal(shown(f, true), "web .web-ip .web-fs ,web-server "
	    "db .db-ip ,db-fs ping-clone .ping ,ping (no group) .lone-a "
	    ",lone-b");
	f->sh.sort = ROWS_SORT_LISTED;
	assert_string_equal(rows_sort_word(ROWS_SORT_FAILS), "fail count");
}

static void
test_folds(void **state)
{
	struct fix *f = *state;
	struct rows_folds fs = { 0 };

	/* Kept sorted, by kind and id; setting twice changes nothing. */
	assert_int_equal(rows_folds_set(&fs, ROW_GROUP, "web", true), 0);
	assert_int_equal(rows_folds_set(&fs, ROW_GROUP, "db", true), 0);
	assert_int_equal(rows_folds_set(&fs, ROW_GROUP, "web", true), 0);
	assert_int_equal(fs.n, 2);
	assert_true(rows_folds_has(&fs, ROW_GROUP, "web"));
	assert_false(rows_folds_has(&fs, ROW_HEADING, "web"));
	assert_false(rows_folds_has(&fs, ROW_GROUP, "we"));
	assert_int_equal(rows_folds_set(&fs, ROW_GROUP, "web", false), 0);
	assert_false(rows_folds_has(&fs, ROW_GROUP, "web"));
	assert_true(rows_folds_has(&fs, ROW_GROUP, "db"));
	rows_folds_free(&fs);

	assert_int_equal(rows_folds_set(&f->sh.folds, ROW_GROUP, "web", true),
	    0);
	assert_int_equal(rows_folds_set(&f->sh.folds, ROW_HEADING,
	    "(no group)", true), 0);
	assert_string_equal(shown(f, true), "web+3 db .db-ip ,db-fs "
	    "ping-clone .ping ,ping (no group)+2");
	/* The count is of the members that would show. */
	snprintf(f->sh.filter, sizeof(f->sh.filter), "web-");
	assert_string_equal(shown(f, true), "web+3");
	f->sh.hide_healthy = true;
	f->sh.filter[0] = '\0';
	assert_string_equal(shown(f, true), "web+2 ping-clone ,ping "
	    "(no group)+1");
	f->sh.hide_healthy = false;
	/* A flat list has no groups to fold. */
	assert_string_equal(shown(f, false), "web-ip web-fs web-server db-ip "
	    "db-fs ping ping lone-a lone-b");
	rows_folds_free(&f->sh.folds);
}

static void
test_next_marked(void **state)
{
	struct fix *f = *state;
	size_t nth, n;
	bool wrapped;

	(void)shown(f, false);
	/* Marked: web-fs (1), lone-b (8). */
	assert_int_equal(rows_next_marked(&f->ff, f->src, f->out.n, 0, 1,
	    &wrapped), 1);
	assert_false(wrapped);
	assert_int_equal(rows_next_marked(&f->ff, f->src, f->out.n, 1, 1,
	    &wrapped), 8);
	assert_int_equal(rows_next_marked(&f->ff, f->src, f->out.n, 8, 1,
	    &wrapped), 1);
	assert_true(wrapped);
	assert_int_equal(rows_next_marked(&f->ff, f->src, f->out.n, 1, -1,
	    &wrapped), 8);
	assert_true(wrapped);
	assert_int_equal(rows_next_marked(&f->ff, f->src, f->out.n, 5, -1,
	    &wrapped), 1);
	assert_false(wrapped);
	n = rows_count_marked(&f->ff, f->src, f->out.n, 8, &nth);
	assert_int_equal(n, 2);
	assert_int_equal(nth, 2);
	/* The only one: found from itself, round the whole list. */
	snprintf(f->sh.filter, sizeof(f->sh.filter), "web");
	(void)shown(f, false);
	assert_int_equal(rows_next_marked(&f->ff, f->src, f->out.n, 1, 1,
	    &wrapped), 1);
	assert_true(wrapped);
	/* None. */
	snprintf(f->sh.filter, sizeof(f->sh.filter), "db");
	(void)shown(f, false);
	assert_int_equal(rows_next_marked(&f->ff, f->src, f->out.n, 0, 1,
	    &wrapped), -1);
	assert_false(wrapped);
	/* In the tree, a failed group is marked too. */
	f->sh.filter[0] = '\0';
	(void)shown(f, true);
	assert_int_equal(rows_next_marked(&f->ft, f->src, f->out.n, 1, -1,
	    &wrapped), 0);
}

static const char *
selected_name(const struct rowtable *rt)
{
	const struct row *r = rowtable_selected(rt);

	assert_non_null(r);
	return rt->facts.v[rt->src[rt->ts.sel]].name;
}

static void
rebuild(struct rowtable *rt, const struct snapshot *s)
{
	static const struct table_col cols[] = {
		{ .id = COL_TREE, .title = "GROUP / RESOURCE" },
		{ .id = COL_STATE, .title = "STATE" },
	};
	struct rows_ctx c = { .snap = s };

	assert_int_equal(rows_groups(&rt->all, s), 0);
	rowtable_rebuilt(rt, &c, cols, 2);
}

/* The selection follows its object through filters, sorts, folds and a
 * new snapshot, and the folds stay. */
static void
test_rowtable(void **state)
{
	static const struct table_col cols[] = {
		{ .id = COL_TREE, .title = "GROUP / RESOURCE" },
		{ .id = COL_STATE, .title = "STATE" },
	};
	struct fix *f = *state;
	struct snapshot *next = snap(true);
	struct rowtable rt;
	struct rows_ctx c = { .snap = f->s };
	size_t nth, n;
	bool wrapped;
	int wide;

	memset(&rt, 0, sizeof(rt));
	rebuild(&rt, f->s);
	assert_int_equal(rt.rows.n, 13);
	rt.ts.sel = 3;                  /* web-server */
	rowtable_key(&rt, &c, 'k');
	rowtable_key(&rt, &c, 'j');
	assert_string_equal(selected_name(&rt), "web-server");
	/* Still shown: kept. */
	snprintf(rt.shape.filter, sizeof(rt.shape.filter), "web");
	rowtable_reshape(&rt, &c);
	assert_int_equal(rt.rows.n, 4);
	assert_string_equal(selected_name(&rt), "web-server");
	/* Gone: the first row. */
	snprintf(rt.shape.filter, sizeof(rt.shape.filter), "db");
	rowtable_reshape(&rt, &c);
	assert_string_equal(selected_name(&rt), "db");
	rowtable_key(&rt, &c, 'j');
	assert_string_equal(selected_name(&rt), "db-ip");
	/* Cleared: where it was found, in the whole list. */
	rt.shape.filter[0] = '\0';
	rowtable_reshape(&rt, &c);
	assert_int_equal(rt.ts.sel, 5);
	assert_string_equal(selected_name(&rt), "db-ip");
	rt.shape.sort = ROWS_SORT_NAME;
	rowtable_reshape(&rt, &c);
	assert_int_equal(rt.ts.sel, 1);
	assert_string_equal(selected_name(&rt), "db-ip");
	rt.shape.sort = ROWS_SORT_LISTED;
	rowtable_reshape(&rt, &c);

	/* Left on a member folds its group and selects it; Right on a
	 * member does nothing; Space toggles. */
	assert_false(rowtable_fold(&rt, &c, cols, 2, 1));
	wide = rt.want[0];
	assert_true(rowtable_fold(&rt, &c, cols, 2, -1));
	assert_string_equal(selected_name(&rt), "db");
	assert_true(rt.rows.v[rt.ts.sel].folded);
	assert_int_equal(rt.rows.n, 11);
	assert_false(rowtable_fold(&rt, &c, cols, 2, -1));
	assert_true(rt.want[0] >= wide);
	assert_true(rowtable_fold(&rt, &c, cols, 2, 0));
	assert_int_equal(rt.rows.n, 13);
	assert_true(rowtable_fold(&rt, &c, cols, 2, 0));
	assert_int_equal(rt.rows.n, 11);

	/* n from db: lone-b (pending), then round to web (failed). */
	assert_true(rowtable_next_marked(&rt, &c, 1, &wrapped, &nth, &n));
	assert_string_equal(selected_name(&rt), "lone-b");
	assert_false(wrapped);
	assert_int_equal(n, 3);
	assert_true(rowtable_next_marked(&rt, &c, 1, &wrapped, &nth, &n));
	assert_string_equal(selected_name(&rt), "web");
	assert_true(wrapped);
	assert_int_equal(nth, 1);

	/* The next refresh: db comes first, its fold stays, the selection
	 * stays on web wherever web now is. */
	rebuild(&rt, next);
	c.snap = next;
	assert_string_equal(selected_name(&rt), "web");
	assert_int_equal(rt.ts.sel, 1);
	assert_true(rt.rows.v[0].folded);
	assert_int_equal(rt.rows.v[0].n_folded, 2);
	/* web-fs runs again: nothing failed, one pending no more. */
	assert_false(rowtable_next_marked(&rt, &c, 1, &wrapped, &nth, &n));
	rowtable_free(&rt);
	snapshot_unref(next);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_facts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_as_meant, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hide_healthy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sorts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_folds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_next_marked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rowtable, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
