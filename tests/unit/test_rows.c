/* Display rows (views/rows.h, rows_query.h, evhist.h) from snapshots made
 * by hand: the order of the groups tree, loose resources, clone instance
 * numbers, what each cell says and in which tone, and a row's identity
 * from one snapshot to the next. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "backend/core/action.h"
#include "backend/core/model.h"
#include "views/evhist.h"
#include "views/rows.h"
#include "views/rows_query.h"

/* The clock of the cells: a multiple of the spinner's 4 frames of 250 ms,
 * so the spinner shows '|'. */
#define NOW 17000

/* Resource indexes of snapshot_a, in the order they are added: loose
 * resources and clone instances between a group's members. */
enum { R_WEB_IP, R_LONE_A, R_PING0, R_WEB_SERVER, R_PING1, R_LONE_B, R_PING2 };

/* Four nodes in four states, a group and a clone of three instances, and
 * two resources outside any group. Transitions: an online of web that
 * failed, a pending online of lone-a and a pending pause of alpha, and a
 * failed one for a resource called ping-clone (there is none: only the
 * group has that name). */
static struct snapshot *
snapshot_a(void)
{
	struct snapshot *s = snapshot_new("prod", "sim", "alpha");
	const struct transition tr[] = {
		{ .id = 1, .action = ACT_ONLINE, .target_kind = TARGET_GROUP,
		  .target = "web", .status = TR_FAILED, .start_ms = 2000,
		  .reason = "start failed" },
		{ .id = 2, .action = ACT_ONLINE, .target_kind = TARGET_RESOURCE,
		  .target = "lone-a", .status = TR_PENDING, .start_ms = 7000 },
		{ .id = 3, .action = ACT_PAUSE, .target_kind = TARGET_NODE,
		  .target = "alpha", .status = TR_PENDING, .start_ms = 9000 },
		{ .id = 4, .action = ACT_ONLINE, .target_kind = TARGET_RESOURCE,
		  .target = "ping-clone", .status = TR_FAILED },
	};
	char *err = NULL;
	size_t r;

	snapshot_add_node(s, "alpha", NODE_UP, NODE_F_DC);
	snapshot_add_node(s, "beta", NODE_UP, NODE_F_MAINTENANCE);
	snapshot_add_node(s, "gamma", NODE_PAUSED, NODE_F_STANDBY);
	snapshot_add_node(s, "delta", NODE_DOWN, NODE_F_UNCLEAN);
	snapshot_add_group(s, "web", GROUP_KIND_GROUP, 0);
	snapshot_add_group(s, "ping-clone", GROUP_KIND_CLONE, 0);

	r = snapshot_add_resource(s, "web-ip", "web", "ocf:heartbeat:IPaddr2",
	    RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "alpha");
	r = snapshot_add_resource(s, "lone-a", NULL, "ocf:pacemaker:Dummy",
	    RES_OFFLINE, RES_F_DISABLED);
	r = snapshot_add_resource(s, "ping", "ping-clone", "ocf:pacemaker:ping",
	    RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "alpha");
	r = snapshot_add_resource(s, "web-server", "web", "ocf:heartbeat:apache",
	    RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "alpha");
	snapshot_resource_set_failure(s, r, 2, "timeout", 0);
	r = snapshot_add_resource(s, "ping", "ping-clone", "ocf:pacemaker:ping",
	    RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "beta");
	r = snapshot_add_resource(s, "lone-b", NULL, "ocf:pacemaker:Stateful",
	    RES_FAILED, RES_F_BLOCKED | RES_F_MAINTENANCE);
	snapshot_resource_set_role(s, r, "Promoted");
	snapshot_resource_add_node(s, r, "beta");
	snapshot_resource_add_node(s, r, "delta");
	snapshot_resource_set_failure(s, r, 1, "not installed", 0);
	r = snapshot_add_resource(s, "ping", "ping-clone", "ocf:pacemaker:ping",
	    RES_ONLINE_PENDING, 0);
	snapshot_resource_add_node(s, r, "gamma");
	assert_int_equal(snapshot_finish(s, &err), 0);
	assert_null(err);
	snapshot_set_state_since(s, R_PING2, 5000);
	snapshot_set_transitions(s, tr, sizeof(tr) / sizeof(tr[0]));
	return s;
}

/* The next refresh: objects in another order, beta, delta, lone-a and
 * the third ping gone, nothing in flight. */
static struct snapshot *
snapshot_b(void)
{
	struct snapshot *s = snapshot_new("prod", "sim", "gamma");
	char *err = NULL;
	size_t r;

	snapshot_add_node(s, "gamma", NODE_UP, 0);
	snapshot_add_node(s, "alpha", NODE_UP, NODE_F_DC);
	snapshot_add_group(s, "ping-clone", GROUP_KIND_CLONE, 0);
	snapshot_add_group(s, "web", GROUP_KIND_GROUP, 0);
	r = snapshot_add_resource(s, "ping", "ping-clone", "ocf:pacemaker:ping",
	    RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "gamma");
	r = snapshot_add_resource(s, "ping", "ping-clone", "ocf:pacemaker:ping",
	    RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "alpha");
	snapshot_add_resource(s, "web-server", "web", "ocf:heartbeat:apache",
	    RES_OFFLINE, 0);
	snapshot_add_resource(s, "web-ip", "web", "ocf:heartbeat:IPaddr2",
	    RES_OFFLINE, 0);
	snapshot_add_resource(s, "lone-b", NULL, "ocf:pacemaker:Stateful",
	    RES_OFFLINE, 0);
	assert_int_equal(snapshot_finish(s, &err), 0);
	return s;
}

struct fix {
	struct snapshot *a, *b;
	struct row_list groups, resources, nodes;
};

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	f->a = snapshot_a();
	f->b = snapshot_b();
	if (rows_groups(&f->groups, f->a) != 0 ||
	    rows_resources(&f->resources, f->a) != 0 ||
	    rows_nodes(&f->nodes, f->a) != 0)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	rows_free(&f->groups);
	rows_free(&f->resources);
	rows_free(&f->nodes);
	snapshot_unref(f->a);
	snapshot_unref(f->b);
	free(f);
	return 0;
}

static struct rows_ctx
ctx(const struct snapshot *s, const struct row_list *l)
{
	return (struct rows_ctx){ .snap = s, .rows = l, .now_ms = NOW };
}

static void
expect_text(const struct rows_ctx *c, size_t i, enum col_id col,
	    const char *want)
{
	char buf[256];

	memset(buf, 'X', sizeof(buf));
	rows_text(c, i, col, buf, sizeof(buf));
	if (strcmp(buf, want) != 0)
		print_error("row %zu column %d: \"%s\", not \"%s\"\n", i,
			    (int)col, buf, want);
	assert_string_equal(buf, want);
}

/* A pending state cell: its words padded to ROWS_STATE_PENDING_COLS, so
 * that the column does not move while its clock grows. */
static void
expect_pending(const struct rows_ctx *c, size_t i, enum col_id col,
	       const char *words)
{
	char want[64];

	snprintf(want, sizeof want, "%-*s", ROWS_STATE_PENDING_COLS, words);
	expect_text(c, i, col, want);
}

struct want_row {
	enum row_kind kind;
	size_t index;
	unsigned instance, depth;
	bool last;
};

static void
expect_rows(const struct row_list *l, const struct want_row *w, size_t n)
{
	size_t i;

	assert_int_equal(l->n, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(l->v[i].kind, w[i].kind);
		assert_int_equal(l->v[i].index, w[i].index);
		assert_int_equal(l->v[i].instance, w[i].instance);
		assert_int_equal(l->v[i].depth, w[i].depth);
		assert_int_equal(l->v[i].last, w[i].last);
	}
}

static void
test_groups_tree(void **state)
{
	struct fix *f = *state;
	/* Each group, then its members in their order, the last one marked;
	 * clone instances numbered by their place in the clone; then the
	 * loose resources under the heading, in snapshot order. */
	static const struct want_row want[] = {
		{ ROW_GROUP, 0, 0, 0, false },
		{ ROW_RESOURCE, R_WEB_IP, 0, 1, false },
		{ ROW_RESOURCE, R_WEB_SERVER, 0, 1, true },
		{ ROW_GROUP, 1, 0, 0, false },
		{ ROW_RESOURCE, R_PING0, 0, 1, false },
		{ ROW_RESOURCE, R_PING1, 1, 1, false },
		{ ROW_RESOURCE, R_PING2, 2, 1, true },
		{ ROW_HEADING, 0, 0, 0, false },
		{ ROW_RESOURCE, R_LONE_A, 0, 1, false },
		{ ROW_RESOURCE, R_LONE_B, 0, 1, true },
	};
	struct rows_ctx c = ctx(f->a, &f->groups);

	expect_rows(&f->groups, want, sizeof(want) / sizeof(want[0]));
	expect_text(&c, 0, COL_TREE, "web");
	expect_text(&c, 1, COL_TREE, "├─ web-ip");
	expect_text(&c, 2, COL_TREE, "└─ web-server");
	expect_text(&c, 3, COL_TREE, "ping-clone (clone)");
	expect_text(&c, 6, COL_TREE, "└─ ping");
	expect_text(&c, 7, COL_TREE, "(no group)");
	expect_text(&c, 7, COL_STATE, "");
	expect_text(&c, 9, COL_TREE, "└─ lone-b");
}

static void
test_flat_lists(void **state)
{
	struct fix *f = *state;
	static const struct want_row res[] = {
		{ ROW_RESOURCE, R_WEB_IP, 0, 0, false },
		{ ROW_RESOURCE, R_LONE_A, 0, 0, false },
		{ ROW_RESOURCE, R_PING0, 0, 0, false },
		{ ROW_RESOURCE, R_WEB_SERVER, 0, 0, false },
		{ ROW_RESOURCE, R_PING1, 1, 0, false },
		{ ROW_RESOURCE, R_LONE_B, 0, 0, false },
		{ ROW_RESOURCE, R_PING2, 2, 0, false },
	};
	static const struct want_row nodes[] = {
		{ ROW_NODE, 0, 0, 0, false }, { ROW_NODE, 1, 0, 0, false },
		{ ROW_NODE, 2, 0, 0, false }, { ROW_NODE, 3, 0, 0, false },
	};
	struct rows_ctx c = ctx(f->a, &f->resources);
	struct row_list none = { 0 };

	expect_rows(&f->resources, res, sizeof(res) / sizeof(res[0]));
	expect_rows(&f->nodes, nodes, sizeof(nodes) / sizeof(nodes[0]));
	/* Flat: no tree prefix. */
	expect_text(&c, 0, COL_TREE, "web-ip");
	/* No snapshot yet: no rows. */
	assert_int_equal(rows_groups(&none, NULL), 0);
	assert_int_equal(none.n, 0);
	assert_int_equal(rows_resources(&none, NULL), 0);
	assert_int_equal(none.n, 0);
	assert_int_equal(rows_nodes(&none, NULL), 0);
	assert_int_equal(none.n, 0);
	rows_free(&none);
}

static void
test_group_cells(void **state)
{
	struct fix *f = *state;
	struct rows_ctx c = ctx(f->a, &f->groups);

	expect_text(&c, 0, COL_NAME, "web");
	/* Both members run on alpha: one owner. */
	expect_text(&c, 0, COL_NODES, "alpha");
	/* A clone's instances name their nodes; the clone counts them. */
	expect_text(&c, 3, COL_NODES, "3 nodes");
	expect_text(&c, 0, COL_AGENT, "group of 2");
	expect_text(&c, 3, COL_AGENT, "clone of 3");
	/* The members' fail counts add up; none says nothing. */
	expect_text(&c, 0, COL_FAILS, "2");
	expect_text(&c, 3, COL_FAILS, "");
	expect_text(&c, 0, COL_STATE, "ONLINE");
	/* A pending member makes the clone pending since its own start. */
	expect_pending(&c, 3, COL_STATE, "PENDING | 12s");
}

static void
test_resource_cells(void **state)
{
	struct fix *f = *state;
	struct rows_ctx c = ctx(f->a, &f->resources);
	char buf[4];

	expect_text(&c, 0, COL_NAME, "web-ip");
	expect_text(&c, 0, COL_GROUP, "web");
	expect_text(&c, 1, COL_GROUP, "-");
	expect_text(&c, 0, COL_AGENT, "ocf:heartbeat:IPaddr2");
	expect_text(&c, 0, COL_NODES, "alpha");
	expect_text(&c, 5, COL_NODES, "beta,delta");
	expect_text(&c, 1, COL_NODES, "");
	expect_text(&c, 3, COL_FAILS, "2");
	expect_text(&c, 0, COL_FAILS, "0");
	/* A role other than Started or Stopped, then the flags in words. */
	expect_text(&c, 5, COL_FLAGS, "Promoted maintenance blocked");
	expect_text(&c, 1, COL_FLAGS, "disabled");
	expect_text(&c, 0, COL_FLAGS, "");
	expect_text(&c, 0, COL_STATE, "ONLINE");
	/* The flags' markers beside the state word, alarms first. */
	expect_text(&c, 5, COL_STATE, "FAILED !blk mnt");
	/* Pending by its state, with the time since it changed ... */
	expect_pending(&c, 6, COL_STATE, "ONLINE PENDING | 12s");
	/* ... or by a transition, with the time since the request. */
	expect_pending(&c, 1, COL_STATE, "OFFLINE dis | 10s");
	/* A column a resource does not have, a row that is not there. */
	expect_text(&c, 0, COL_DC, "");
	expect_text(&c, 99, COL_NAME, "");
	/* Cut rather than overflow. */
	rows_text(&c, 0, COL_NAME, buf, sizeof(buf));
	assert_string_equal(buf, "web");
}

static void
test_pending_clock(void **state)
{
	struct fix *f = *state;
	struct rows_ctx c = ctx(f->a, &f->resources);
	struct snapshot *s;
	struct row_list l = { 0 };
	char *err = NULL;

	/* The spinner turns with the clock: one frame each 250 ms. */
	c.now_ms = NOW + 250;
	expect_pending(&c, 6, COL_STATE, "ONLINE PENDING / 12s");
	c.now_ms = NOW + 750;
	expect_pending(&c, 6, COL_STATE, "ONLINE PENDING \\ 12s");
	/* A clock behind the start says no time. */
	c.now_ms = 4000;
	expect_pending(&c, 6, COL_STATE, "ONLINE PENDING |");

	/* Pending since a time not known (no cluster layer saw it): the
	 * spinner without a clock. */
	s = snapshot_new("prod", "sim", "alpha");
	snapshot_add_resource(s, "r", NULL, "a", RES_OFFLINE_PENDING, 0);
	assert_int_equal(snapshot_finish(s, &err), 0);
	assert_int_equal(rows_resources(&l, s), 0);
	c = ctx(s, &l);
	expect_pending(&c, 0, COL_STATE, "OFFLINE PENDING |");
	assert_int_equal(rows_pending_since(s, &l.v[0]), 1);
	assert_int_equal(rows_tone(&c, 0, COL_STATE), TONE_PENDING);
	rows_free(&l);
	snapshot_unref(s);
}

static void
test_node_cells(void **state)
{
	struct fix *f = *state;
	struct rows_ctx c = ctx(f->a, &f->nodes);

	expect_text(&c, 0, COL_NAME, "alpha");
	expect_text(&c, 0, COL_DC, "DC");
	expect_text(&c, 1, COL_DC, "");
	/* The DC has its own column, so not among the flags. */
	expect_text(&c, 0, COL_NODE_FLAGS, "");
	expect_text(&c, 1, COL_NODE_FLAGS, "maintenance");
	expect_text(&c, 2, COL_NODE_FLAGS, "standby");
	expect_text(&c, 3, COL_NODE_FLAGS, "unclean");
	/* web-ip, web-server and the first ping run on alpha. */
	expect_text(&c, 0, COL_RESCOUNT, "3");
	expect_text(&c, 3, COL_RESCOUNT, "1");
	/* A node's pending transition (a pause): the drain with what still
	 * runs there, and the time since the request. */
	expect_pending(&c, 0, COL_STATE, "UP draining (3 left) | 8s ");
	/* Markers beside the state; standby has none: PAUSED says it. */
	expect_text(&c, 1, COL_STATE, "UP mnt");
	expect_text(&c, 2, COL_STATE, "PAUSED");
	expect_text(&c, 3, COL_STATE, "DOWN !unc");
}

static void
test_tones(void **state)
{
	struct fix *f = *state;
	struct rows_ctx g = ctx(f->a, &f->groups);
	struct rows_ctx r = ctx(f->a, &f->resources);
	struct rows_ctx n = ctx(f->a, &f->nodes);

	/* A failed transition marks its target's whole row ... */
	assert_int_equal(rows_tone(&g, 0, COL_ROW), TONE_TR_FAILED);
	assert_int_equal(rows_tone(&g, 0, COL_STATE), TONE_TR_FAILED);
	assert_int_equal(rows_tone(&g, 0, COL_TREE), TONE_TR_FAILED);
	/* ... and nothing else: not its members, not a group that shares
	 * its name with the target of another kind. */
	assert_int_equal(rows_tone(&g, 1, COL_STATE), TONE_ONLINE);
	assert_int_equal(rows_tone(&g, 3, COL_ROW), TONE_NORMAL);
	assert_int_equal(rows_tone(&g, 3, COL_TREE), TONE_HEADING);
	assert_int_equal(rows_tone(&g, 3, COL_STATE), TONE_PENDING);
	assert_int_equal(rows_tone(&g, 7, COL_TREE), TONE_HEADING);
	assert_int_equal(rows_tone(&g, 7, COL_STATE), TONE_HEADING);
	assert_int_equal(rows_tone(&g, 1, COL_TREE), TONE_NORMAL);

	assert_int_equal(rows_tone(&r, 0, COL_STATE), TONE_ONLINE);
	/* Offline, but pending by a transition. */
	assert_int_equal(rows_tone(&r, 1, COL_STATE), TONE_PENDING);
	assert_int_equal(rows_tone(&r, 6, COL_STATE), TONE_PENDING);
	assert_int_equal(rows_tone(&r, 5, COL_STATE), TONE_FAILED);
	assert_int_equal(rows_tone(&r, 3, COL_FAILS), TONE_FAILED);
	assert_int_equal(rows_tone(&r, 0, COL_FAILS), TONE_NORMAL);
	/* Blocked outshouts maintenance; disabled alone is not a tone. */
	assert_int_equal(rows_tone(&r, 5, COL_FLAGS), TONE_FAILED);
	assert_int_equal(rows_tone(&r, 1, COL_FLAGS), TONE_NORMAL);
	assert_int_equal(rows_tone(&r, 0, COL_NAME), TONE_NORMAL);
	assert_int_equal(rows_tone(&r, 99, COL_STATE), TONE_NORMAL);

	assert_int_equal(rows_tone(&n, 0, COL_STATE), TONE_PENDING);
	/* Up in maintenance is paused; unclean is failed even when down. */
	assert_int_equal(rows_tone(&n, 1, COL_STATE), TONE_PAUSED);
	assert_int_equal(rows_tone(&n, 2, COL_STATE), TONE_PAUSED);
	assert_int_equal(rows_tone(&n, 3, COL_STATE), TONE_FAILED);
	assert_int_equal(rows_tone(&n, 0, COL_NODE_FLAGS), TONE_NORMAL);
	assert_int_equal(rows_tone(&n, 1, COL_NODE_FLAGS), TONE_PAUSED);
	assert_int_equal(rows_tone(&n, 3, COL_NODE_FLAGS), TONE_FAILED);
}

static void
test_plain_tones(void **state)
{
	struct snapshot *s = snapshot_new("c", "sim", "n1");
	struct row_list g = { 0 }, n = { 0 };
	struct rows_ctx c;
	char *err = NULL;

	(void)state;
	snapshot_add_node(s, "n1", NODE_UP, 0);
	snapshot_add_node(s, "n2", NODE_JOINING, 0);
	snapshot_add_node(s, "n3", NODE_UNKNOWN, 0);
	snapshot_add_group(s, "half", GROUP_KIND_GROUP, 0);
	snapshot_add_group(s, "down", GROUP_KIND_GROUP, 0);
	snapshot_add_resource(s, "on", "half", "a", RES_ONLINE, 0);
	snapshot_add_resource(s, "off", "half", "a", RES_OFFLINE, 0);
	snapshot_add_resource(s, "off2", "down", "a", RES_OFFLINE,
	    RES_F_UNMANAGED);
	assert_int_equal(snapshot_finish(s, &err), 0);
	assert_int_equal(rows_groups(&g, s), 0);
	assert_int_equal(rows_nodes(&n, s), 0);
	c = ctx(s, &g);
	expect_text(&c, 0, COL_STATE, "PARTIAL ONLINE");
	assert_int_equal(rows_tone(&c, 0, COL_STATE), TONE_WARN);
	assert_int_equal(rows_tone(&c, 2, COL_STATE), TONE_OFFLINE);
	assert_int_equal(rows_tone(&c, 3, COL_STATE), TONE_OFFLINE);
	assert_int_equal(rows_tone(&c, 4, COL_FLAGS), TONE_PAUSED);
	c = ctx(s, &n);
	assert_int_equal(rows_tone(&c, 0, COL_STATE), TONE_ONLINE);
	assert_int_equal(rows_tone(&c, 1, COL_STATE), TONE_PENDING);
	assert_int_equal(rows_tone(&c, 2, COL_STATE), TONE_UNKNOWN);
	rows_free(&g);
	rows_free(&n);
	snapshot_unref(s);
}

/* A node's drain in words beside PAUSED, and in the tone of what it
 * means: in progress is pending (and animated), failed is red, done is
 * paused as any. Nodes with no drain read as before. */
static void
test_node_drain(void **state)
{
	static const enum node_drain drains[] = { NODE_DRAIN_NONE,
	    NODE_DRAIN_IN_PROGRESS, NODE_DRAIN_DONE, NODE_DRAIN_FAILED };
	struct snapshot *s = snapshot_new("c", "wsfc", "n0");
	struct row_list n = { 0 };
	struct rows_ctx c;
	char *err = NULL, name[8], buf[64];
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "n%zu", i);
		snapshot_node_set_drain(s, snapshot_add_node(s, name,
		    NODE_PAUSED, 0), drains[i]);
	}
	assert_int_equal(snapshot_finish(s, &err), 0);
	assert_int_equal(rows_nodes(&n, s), 0);
	c = ctx(s, &n);
	expect_text(&c, 0, COL_STATE, "PAUSED");
	assert_int_equal(rows_tone(&c, 0, COL_STATE), TONE_PAUSED);
	/* Pending, start unknown: the spinner, no clock. */
	rows_text(&c, 1, COL_STATE, buf, sizeof(buf));
	assert_memory_equal(buf, "PAUSED draining ", 16);
	assert_int_equal(rows_tone(&c, 1, COL_STATE), TONE_PENDING);
	expect_text(&c, 2, COL_STATE, "PAUSED drained");
	assert_int_equal(rows_tone(&c, 2, COL_STATE), TONE_PAUSED);
	expect_text(&c, 3, COL_STATE, "PAUSED drain failed");
	assert_int_equal(rows_tone(&c, 3, COL_STATE), TONE_FAILED);
	assert_true(rows_any_pending(s));
	rows_free(&n);
	snapshot_unref(s);
}

/* A node being paused, with any driver: a pending pause transition.
 * While something still runs there the state says how much; once it is
 * empty the count goes, and a drain the cluster reports reads once. */
static struct snapshot *
pausing(unsigned n_running, enum node_drain drain)
{
	const struct transition tr = { .id = 1, .action = ACT_PAUSE,
	    .target_kind = TARGET_NODE, .target = "n0", .status = TR_PENDING,
	    .start_ms = 9000 };
	struct snapshot *s = snapshot_new("c", "pacemaker", "n1");
	char *err = NULL, id[16];
	unsigned i;
	size_t r;

	snapshot_node_set_drain(s, snapshot_add_node(s, "n0", NODE_PAUSED,
	    NODE_F_STANDBY), drain);
	snapshot_add_node(s, "n1", NODE_UP, NODE_F_DC);
	for (i = 0; i < n_running; i++) {
		snprintf(id, sizeof id, "r%u", i);
		r = snapshot_add_resource(s, id, NULL, "a", RES_ONLINE, 0);
		snapshot_resource_add_node(s, r, "n0");
	}
	r = snapshot_add_resource(s, "elsewhere", NULL, "a", RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "n1");
	snapshot_set_transitions(s, &tr, 1);
	assert_int_equal(snapshot_finish(s, &err), 0);
	return s;
}

static void
test_drain_count(void **state)
{
	struct row_list n = { 0 };
	struct snapshot *s;
	struct rows_ctx c;

	(void)state;
	s = pausing(3, NODE_DRAIN_NONE);
	assert_int_equal(rows_nodes(&n, s), 0);
	c = ctx(s, &n);
	expect_pending(&c, 0, COL_STATE, "PAUSED draining (3 left) | 8s ");
	assert_int_equal(rows_tone(&c, 0, COL_STATE), TONE_PENDING);
	/* The node not being paused says nothing of a drain. */
	expect_text(&c, 1, COL_STATE, "UP");
	snapshot_unref(s);

	/* The cluster's own drain in progress: one "draining", counted. */
	s = pausing(1, NODE_DRAIN_IN_PROGRESS);
	assert_int_equal(rows_nodes(&n, s), 0);
	c = ctx(s, &n);
	expect_pending(&c, 0, COL_STATE, "PAUSED draining (1 left) | 8s ");
	snapshot_unref(s);

	/* Empty, the pause still pending: no count. */
	s = pausing(0, NODE_DRAIN_NONE);
	assert_int_equal(rows_nodes(&n, s), 0);
	c = ctx(s, &n);
	expect_pending(&c, 0, COL_STATE, "PAUSED | 8s");
	rows_free(&n);
	snapshot_unref(s);
}

/* The index in l of the row a key made in one snapshot names in the
 * other, or -1. */
static long
find_in(const struct snapshot *from, const struct row_list *lfrom,
	size_t i, const struct snapshot *to, const struct row_list *lto)
{
	struct rows_ctx c = ctx(from, lfrom);
	struct row_key k;

	rows_key(&c, i, &k);
	assert_true(k.valid);
	c = ctx(to, lto);
	return rows_find(&c, &k);
}

static void
test_identity(void **state)
{
	struct fix *f = *state;
	struct row_list g = { 0 }, n = { 0 };
	struct rows_ctx c;
	struct row_key k;

	assert_int_equal(rows_groups(&g, f->b), 0);
	assert_int_equal(rows_nodes(&n, f->b), 0);
	/* In b: ping-clone, ping#0, ping#1, web, web-server, web-ip,
	 * (no group), lone-b. */
	assert_int_equal(g.n, 8);
	assert_int_equal(find_in(f->a, &f->groups, 0, f->b, &g), 3);
	assert_int_equal(find_in(f->a, &f->groups, 2, f->b, &g), 4);
	assert_int_equal(find_in(f->a, &f->groups, 1, f->b, &g), 5);
	assert_int_equal(find_in(f->a, &f->groups, 3, f->b, &g), 0);
	/* Clone instances by their number, not by their node. */
	assert_int_equal(find_in(f->a, &f->groups, 4, f->b, &g), 1);
	assert_int_equal(find_in(f->a, &f->groups, 5, f->b, &g), 2);
	assert_int_equal(find_in(f->a, &f->groups, 6, f->b, &g), -1);
	assert_int_equal(find_in(f->a, &f->groups, 7, f->b, &g), 6);
	/* Gone. */
	assert_int_equal(find_in(f->a, &f->groups, 8, f->b, &g), -1);
	assert_int_equal(find_in(f->a, &f->groups, 9, f->b, &g), 7);
	assert_int_equal(find_in(f->a, &f->nodes, 2, f->b, &n), 0);
	assert_int_equal(find_in(f->a, &f->nodes, 0, f->b, &n), 1);
	assert_int_equal(find_in(f->a, &f->nodes, 3, f->b, &n), -1);

	/* The kind is part of the identity: no resource is called web. */
	memset(&k, 0, sizeof(k));
	k.valid = true;
	k.kind = ROW_RESOURCE;
	snprintf(k.id, sizeof(k.id), "web");
	c = ctx(f->b, &g);
	assert_int_equal(rows_find(&c, &k), -1);
	k.kind = ROW_GROUP;
	assert_int_equal(rows_find(&c, &k), 3);
	k.valid = false;
	assert_int_equal(rows_find(&c, &k), -1);

	/* A row of a list built from a before the rows of b replace it: its
	 * index is past b's resources, so it has no identity (and no text). */
	c = ctx(f->b, &f->resources);
	rows_key(&c, 6, &k);
	assert_false(k.valid);
	expect_text(&c, 6, COL_NAME, "");
	rows_key(&c, 99, &k);
	assert_false(k.valid);
	rows_free(&g);
	rows_free(&n);
}

static void
test_queries(void **state)
{
	struct fix *f = *state;
	struct rows_summary m;
	const char *own[8];
	struct snapshot *calm;
	char *err = NULL;

	/* Owners: distinct, in the order found, at most max. */
	assert_int_equal(rows_owners(f->a, &f->groups.v[0], own, 8), 1);
	assert_string_equal(own[0], "alpha");
	assert_int_equal(rows_owners(f->a, &f->groups.v[3], own, 8), 3);
	assert_string_equal(own[2], "gamma");
	assert_int_equal(rows_owners(f->a, &f->groups.v[3], own, 2), 2);
	assert_int_equal(rows_owners(f->a, &f->groups.v[7], own, 8), 0);
	assert_int_equal(rows_owners(NULL, &f->groups.v[0], own, 8), 0);

	assert_non_null(rows_transition(f->a, &f->groups.v[0]));
	assert_string_equal(rows_transition(f->a, &f->groups.v[0])->reason,
	    "start failed");
	assert_null(rows_transition(f->a, &f->groups.v[3]));
	assert_null(rows_transition(f->a, &f->groups.v[7]));
	assert_int_equal(rows_pending_since(f->a, &f->groups.v[8]), 7000);
	assert_int_equal(rows_pending_since(f->a, &f->groups.v[1]), 0);

	rows_summarize(f->a, &m);
	assert_int_equal(m.nodes, 4);
	assert_int_equal(m.nodes_up, 2);
	assert_int_equal(m.resources, 7);
	assert_int_equal(m.resources_online, 4);
	assert_int_equal(m.failed, 1);
	assert_int_equal(m.pending, 1);
	rows_summarize(NULL, &m);
	assert_int_equal(m.nodes + m.resources + m.failed, 0);

	assert_true(rows_any_pending(f->a));
	assert_false(rows_any_pending(f->b));
	assert_false(rows_any_pending(NULL));
	/* Nothing pending but a request in flight: still animated. */
	calm = snapshot_new("c", "sim", "n");
	snapshot_add_node(calm, "n", NODE_UP, 0);
	assert_int_equal(snapshot_finish(calm, &err), 0);
	assert_false(rows_any_pending(calm));
	snapshot_set_transitions(calm, &(struct transition){ .id = 1,
	    .action = ACT_PAUSE, .target_kind = TARGET_NODE, .target = "n",
	    .status = TR_PENDING }, 1);
	assert_true(rows_any_pending(calm));
	snapshot_unref(calm);
}

static void
push(struct event_hist *h, uint64_t seq, enum event_kind kind,
     enum event_severity sev, const char *text)
{
	struct event e = { .seq = seq, .wall_ms = 3723000 + (int64_t)seq,
	    .kind = kind, .severity = sev };

	snprintf(e.text, sizeof(e.text), "%s", text);
	evhist_push(h, &e);
}

static void
test_events(void **state)
{
	struct event_hist h;
	struct row_list l = { 0 };
	struct rows_ctx c;
	struct row_key k;

	(void)state;
	assert_int_equal(evhist_init(&h, 2), 0);
	assert_null(evhist_get(&h, 0));
	push(&h, 1, EV_INFO, SEV_INFO, "first");
	push(&h, 2, EV_TRANSITION_FAILED, SEV_ERROR, "online group web FAILED");
	assert_int_equal(h.gen, 2);
	assert_int_equal(rows_events(&l, &h), 0);
	assert_int_equal(l.n, 2);
	c = (struct rows_ctx){ .events = &h, .rows = &l, .now_ms = NOW };
	/* Newest first. */
	expect_text(&c, 0, COL_TEXT, "online group web FAILED");
	expect_text(&c, 1, COL_TEXT, "first");
	expect_text(&c, 0, COL_TIME, "01:02:03");
	expect_text(&c, 0, COL_SEVERITY, "error");
	expect_text(&c, 0, COL_EVKIND, "failed");
	expect_text(&c, 1, COL_SEVERITY, "info");
	expect_text(&c, 1, COL_EVKIND, "info");
	assert_int_equal(rows_tone(&c, 0, COL_EVKIND), TONE_TR_FAILED);
	assert_int_equal(rows_tone(&c, 0, COL_TEXT), TONE_FAILED);
	assert_int_equal(rows_tone(&c, 0, COL_TIME), TONE_NORMAL);
	assert_int_equal(rows_tone(&c, 1, COL_TEXT), TONE_NORMAL);
	rows_key(&c, 1, &k);
	assert_true(k.valid);
	assert_int_equal(k.seq, 1);

	/* Full: the oldest goes, and an event keeps its identity while it
	 * moves down the list. */
	push(&h, 3, EV_ACTION, SEV_OK, "offline group web: done");
	assert_int_equal(rows_events(&l, &h), 0);
	assert_int_equal(l.n, 2);
	expect_text(&c, 1, COL_TEXT, "online group web FAILED");
	assert_int_equal(rows_find(&c, &k), -1);
	assert_int_equal(rows_tone(&c, 0, COL_TEXT), TONE_ONLINE);
	rows_key(&c, 0, &k);
	push(&h, 4, EV_STATE, SEV_WARN, "web is PARTIAL ONLINE");
	assert_int_equal(rows_events(&l, &h), 0);
	assert_int_equal(rows_find(&c, &k), 1);
	assert_int_equal(rows_tone(&c, 0, COL_SEVERITY), TONE_WARN);
	assert_null(evhist_get(&h, 2));
	assert_int_equal(rows_events(&l, NULL), 0);
	assert_int_equal(l.n, 0);
	rows_free(&l);
	evhist_free(&h);
}

static void
test_words(void **state)
{
	char buf[16];

	(void)state;
	rows_elapsed(0, buf, sizeof(buf));
	assert_string_equal(buf, "0s");
	rows_elapsed(99999, buf, sizeof(buf));
	assert_string_equal(buf, "99s");
	rows_elapsed(100000, buf, sizeof(buf));
	assert_string_equal(buf, "1m");
	rows_elapsed(100 * 60 * 1000 - 1, buf, sizeof(buf));
	assert_string_equal(buf, "99m");
	rows_elapsed(100 * 60 * 1000, buf, sizeof(buf));
	assert_string_equal(buf, "1h");
	assert_int_equal(rows_severity_tone(SEV_OK), TONE_ONLINE);
	assert_int_equal(rows_severity_tone(SEV_WARN), TONE_WARN);
	assert_int_equal(rows_severity_tone(SEV_ERROR), TONE_FAILED);
	assert_int_equal(rows_severity_tone(SEV_INFO), TONE_NORMAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups_tree),
		cmocka_unit_test(test_flat_lists),
		cmocka_unit_test(test_group_cells),
		cmocka_unit_test(test_resource_cells),
		cmocka_unit_test(test_pending_clock),
		cmocka_unit_test(test_node_cells),
		cmocka_unit_test(test_tones),
		cmocka_unit_test(test_plain_tones),
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_queries),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_node_drain),
		cmocka_unit_test(test_drain_count),
		cmocka_unit_test(test_words),
	};

	/* Event times are local: pin the zone. */
	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, setup, teardown);
}
