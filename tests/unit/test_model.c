/* The snapshot builder and the state derivations of backend/model.h. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/core/action.h"
#include "backend/core/model.h"

#define DERIVE(...) derive((enum res_state[]){ __VA_ARGS__ }, \
	sizeof((enum res_state[]){ __VA_ARGS__ }) / sizeof(enum res_state))

static enum group_state
derive(const enum res_state *s, size_t n)
{
	return group_state_derive(s, n);
}

static void
group_state_rules(void **state)
{
	(void)state;
	/* any failed -> FAILED, even beside pending members */
	assert_int_equal(DERIVE(RES_ONLINE, RES_FAILED), GROUP_FAILED);
	assert_int_equal(DERIVE(RES_ONLINE_PENDING, RES_FAILED), GROUP_FAILED);
	/* else any pending -> PENDING */
	assert_int_equal(DERIVE(RES_ONLINE, RES_OFFLINE_PENDING),
			 GROUP_PENDING);
	assert_int_equal(DERIVE(RES_OFFLINE, RES_ONLINE_PENDING),
			 GROUP_PENDING);
	assert_int_equal(DERIVE(RES_PENDING), GROUP_PENDING);
	assert_int_equal(DERIVE(RES_INITIALIZING, RES_ONLINE), GROUP_PENDING);
	/* all online, all offline, a mix */
	assert_int_equal(DERIVE(RES_ONLINE, RES_ONLINE), GROUP_ONLINE);
	assert_int_equal(DERIVE(RES_OFFLINE, RES_OFFLINE), GROUP_OFFLINE);
	assert_int_equal(DERIVE(RES_ONLINE, RES_OFFLINE),
			 GROUP_PARTIAL_ONLINE);
	assert_int_equal(DERIVE(RES_ONLINE, RES_UNKNOWN),
			 GROUP_PARTIAL_ONLINE);
	assert_int_equal(DERIVE(RES_UNKNOWN, RES_UNKNOWN), GROUP_UNKNOWN);
	assert_int_equal(group_state_derive(NULL, 0), GROUP_OFFLINE);
}

static void
words_and_labels(void **state)
{
	(void)state;
	assert_string_equal(res_state_word(RES_ONLINE_PENDING),
			    "online_pending");
	assert_string_equal(res_state_word(RES_OFFLINE_PENDING),
			    "offline_pending");
	assert_string_equal(res_state_word(RES_INHERITED), "unknown");
	assert_string_equal(res_state_label(RES_OFFLINE_PENDING),
			    "OFFLINE PENDING");
	assert_string_equal(group_state_word(GROUP_PARTIAL_ONLINE),
			    "partial_online");
	assert_string_equal(node_state_word(NODE_PAUSED), "paused");
	assert_string_equal(node_state_word(NODE_JOINING), "joining");
	assert_string_equal(group_kind_word(GROUP_KIND_BUNDLE), "bundle");
	/* The clusapi numbers, which JSON consumers may rely on. */
	assert_int_equal(RES_ONLINE_PENDING, 129);
	assert_int_equal(RES_OFFLINE_PENDING, 130);
	assert_int_equal(GROUP_PARTIAL_ONLINE, 3);
}

/* A drain's words: for JSON, for the screen, and beside the state. */
static void
drain_words(void **state)
{
	static const struct {
		enum node_drain d;
		const char *word, *label;
	} w[] = {
		{ NODE_DRAIN_NONE, "none", "" },
		{ NODE_DRAIN_IN_PROGRESS, "draining", "draining" },
		{ NODE_DRAIN_DONE, "drained", "drained" },
		{ NODE_DRAIN_FAILED, "drain_failed", "drain failed" },
	};
	struct model_node n = { .name = "n", .state = NODE_PAUSED };
	char buf[32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		assert_string_equal(node_drain_word(w[i].d), w[i].word);
		assert_string_equal(node_drain_label(w[i].d), w[i].label);
	}
	assert_string_equal(node_label(&n, buf, sizeof(buf)), "PAUSED");
	n.drain = NODE_DRAIN_FAILED;
	assert_string_equal(node_label(&n, buf, sizeof(buf)),
			    "PAUSED drain failed");
}

static void
builder(void **state)
{
	struct snapshot *s = snapshot_new("prod", "sim", "db1");
	char *err = NULL;
	size_t r;
	char name[8];

	(void)state;
	snapshot_add_node(s, "db1", NODE_UP, NODE_F_DC);
	snapshot_add_node(s, "db2", NODE_PAUSED, NODE_F_STANDBY);
	snapshot_node_set_drain(s, 1, NODE_DRAIN_IN_PROGRESS);
	snapshot_add_group(s, "web", GROUP_KIND_GROUP, 0);
	snapshot_add_group(s, "ping-clone", GROUP_KIND_CLONE, 0);
	r = snapshot_add_resource(s, "web-ip", "web", "ocf:heartbeat:IPaddr2",
				  RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "db1");
	r = snapshot_add_resource(s, "ping", "ping-clone", "ocf:pacemaker:ping",
				  RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "db1");
	r = snapshot_add_resource(s, "lone", NULL, "lsb:x", RES_FAILED, 0);
	snapshot_resource_set_failure(s, r, 3, "start failed", 1700000000);
	r = snapshot_add_resource(s, "web-srv", "web", "systemd:nginx",
				  RES_OFFLINE, RES_F_DISABLED);
	r = snapshot_add_resource(s, "ping", "ping-clone", "ocf:pacemaker:ping",
				  RES_OFFLINE, 0);
	/* Strings are copied: the caller's buffers may change. */
	strcpy(name, "db2");
	snapshot_resource_add_node(s, 1, name);
	strcpy(name, "XXX");
	assert_int_equal(snapshot_finish(s, &err), 0);

	assert_string_equal(s->dc, "db1");
	/* A node nobody gave a drain has none. */
	assert_int_equal(s->nodes[0].drain, NODE_DRAIN_NONE);
	assert_int_equal(s->nodes[1].drain, NODE_DRAIN_IN_PROGRESS);
	assert_int_equal(s->n_groups, 2);
	assert_int_equal(s->groups[0].n_members, 2);
	assert_string_equal(s->resources[s->groups[0].members[0]].id, "web-ip");
	assert_string_equal(s->resources[s->groups[0].members[1]].id,
			    "web-srv");
	assert_int_equal(s->groups[0].state, GROUP_PARTIAL_ONLINE);
	assert_int_equal(s->groups[1].n_members, 2);
	assert_int_equal(s->groups[1].state, GROUP_PARTIAL_ONLINE);
	/* Nodes of a resource, in the order added. */
	assert_int_equal(s->resources[1].n_nodes, 2);
	assert_string_equal(s->resources[1].nodes[0], "db1");
	assert_string_equal(s->resources[1].nodes[1], "db2");
	assert_int_equal(s->resources[0].n_nodes, 1);
	assert_int_equal(s->resources[2].n_nodes, 0);
	assert_null(s->resources[2].group);
	assert_int_equal(s->resources[2].failcount, 3);
	assert_string_equal(s->resources[2].failure, "start failed");
	/* Derived node counts. */
	assert_int_equal(s->nodes[0].resource_count, 2);
	assert_int_equal(s->nodes[1].resource_count, 1);
	/* Lookups. */
	assert_int_equal(snapshot_find_resource(s, "lone"), 2);
	assert_int_equal(snapshot_find_resource(s, "nope"), -1);
	assert_int_equal(snapshot_find_group(s, "ping-clone"), 1);
	assert_int_equal(snapshot_find_node(s, "db2"), 1);

	/* Shared: the last unref frees it (ASan checks). */
	assert_ptr_equal(snapshot_ref(s), s);
	snapshot_unref(s);
	snapshot_unref(s);
}

static void
unknown_group_is_an_error(void **state)
{
	struct snapshot *s = snapshot_new("c", "sim", "n");
	char *err = NULL;

	(void)state;
	snapshot_add_resource(s, "r", "ghost", "a", RES_ONLINE, 0);
	assert_int_equal(snapshot_finish(s, &err), -1);
	assert_non_null(strstr(err, "ghost"));
	free(err);
	snapshot_unref(s);
}

/* A group whose state the cluster reports keeps it through
 * snapshot_finish (and a second finish); the others are derived. */
static void
reported_group_state(void **state)
{
	struct snapshot *s = snapshot_new("c", "wsfc", "n");
	size_t own, derived, empty;

	(void)state;
	own = snapshot_add_group(s, "own", GROUP_KIND_GROUP, 0);
	derived = snapshot_add_group(s, "derived", GROUP_KIND_GROUP, 0);
	empty = snapshot_add_group(s, "empty", GROUP_KIND_GROUP, 0);
	snapshot_add_resource(s, "a", "own", "t", RES_ONLINE, 0);
	snapshot_add_resource(s, "b", "own", "t", RES_FAILED, 0);
	snapshot_add_resource(s, "c", "derived", "t", RES_FAILED, 0);
	/* Derived, this would be FAILED; the cluster says pending. */
	snapshot_group_set_state(s, own, GROUP_PENDING);
	snapshot_group_set_state(s, empty, GROUP_UNKNOWN);
	assert_int_equal(snapshot_finish(s, NULL), 0);
	assert_int_equal(s->groups[own].state, GROUP_PENDING);
	assert_int_equal(s->groups[own].n_members, 2);
	assert_int_equal(s->groups[derived].state, GROUP_FAILED);
	/* Not OFFLINE, what an empty group derives to. */
	assert_int_equal(s->groups[empty].state, GROUP_UNKNOWN);
	snapshot_resource_set_state(s, 1, RES_ONLINE);
	snapshot_resource_set_state(s, 2, RES_ONLINE);
	assert_int_equal(snapshot_finish(s, NULL), 0);
	assert_int_equal(s->groups[own].state, GROUP_PENDING);
	assert_int_equal(s->groups[derived].state, GROUP_ONLINE);
	snapshot_unref(s);
}

static void
transitions_overlay(void **state)
{
	struct snapshot *s = snapshot_new("c", "sim", "n");
	struct transition t[2] = {
		{ .id = 1, .target = "web", .target_kind = 1,
		  .status = TR_FAILED, .reason = "timed out" },
		{ .id = 2, .target = "web", .target_kind = 1,
		  .status = TR_PENDING },
	};
	char buf[8] = "web";

	(void)state;
	t[0].target = buf;
	assert_int_equal(snapshot_finish(s, NULL), 0);
	snapshot_set_transitions(s, t, 2);
	strcpy(buf, "zzz");
	assert_int_equal(s->n_transitions, 2);
	/* The newest transition for a target wins. */
	assert_int_equal(snapshot_transition_for(s, 1, "web")->id, 2);
	/* A node of the same name is another target. */
	assert_null(snapshot_transition_for(s, 2, "web"));
	assert_string_equal(s->transitions[0].target, "web");
	assert_string_equal(s->transitions[0].reason, "timed out");
	assert_null(snapshot_transition_for(s, 1, "db"));
	snapshot_unref(s);
}

/* One clone (or group) of two: an instance online, the other in the
 * state given, running on a node or nowhere. */
static enum group_state
two_instances(enum group_kind kind, enum res_state other, bool other_runs)
{
	struct snapshot *s = snapshot_new("c", "t", "n1");
	enum group_state st;
	char *err = NULL;
	size_t r;

	snapshot_add_node(s, "n1", NODE_UP, 0);
	snapshot_add_node(s, "n2", NODE_UP, 0);
	snapshot_add_group(s, "g", kind, 0);
	r = snapshot_add_resource(s, "i", "g", "a", RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "n1");
	r = snapshot_add_resource(s, "i", "g", "a", other, 0);
	if (other_runs)
		snapshot_resource_add_node(s, r, "n2");
	assert_int_equal(snapshot_finish(s, &err), 0);
	st = s->groups[0].state;
	snapshot_unref(s);
	return st;
}

static void
clone_partial_online(void **state)
{
	(void)state;
	/* One instance online, one offline: up in part, for every kind. */
	assert_int_equal(two_instances(GROUP_KIND_CLONE, RES_OFFLINE, false),
			 GROUP_PARTIAL_ONLINE);
	assert_int_equal(two_instances(GROUP_KIND_GROUP, RES_OFFLINE, false),
			 GROUP_PARTIAL_ONLINE);
	/* A clone's instance that failed and runs nowhere: a node given up
	 * on, the clone still up in part (a bundle too). */
	assert_int_equal(two_instances(GROUP_KIND_CLONE, RES_FAILED, false),
			 GROUP_PARTIAL_ONLINE);
	assert_int_equal(two_instances(GROUP_KIND_BUNDLE, RES_FAILED, false),
			 GROUP_PARTIAL_ONLINE);
	/* Failed where it runs: the clone is failed; a group's failed
	 * member fails the group wherever it is. */
	assert_int_equal(two_instances(GROUP_KIND_CLONE, RES_FAILED, true),
			 GROUP_FAILED);
	assert_int_equal(two_instances(GROUP_KIND_GROUP, RES_FAILED, false),
			 GROUP_FAILED);
}

static void
failcount_words(void **state)
{
	char buf[16];

	(void)state;
	assert_string_equal(failcount_text(0, buf, sizeof buf), "0");
	assert_string_equal(failcount_text(999999, buf, sizeof buf),
			    "999999");
	assert_string_equal(failcount_text(MODEL_FAILCOUNT_INFINITY, buf,
					   sizeof buf), "INFINITY");
	assert_string_equal(failcount_text(MODEL_FAILCOUNT_INFINITY + 7, buf,
					   sizeof buf), "INFINITY");
	assert_int_equal(MODEL_FAILCOUNT_INFINITY, 1000000);
}

/* Messages call a clone a clone: the word for a target, and a move of
 * a clone's only instance refused without "group" advice. */
static void
clone_words(void **state)
{
	struct snapshot *s = snapshot_new("c", "t", "n1");
	struct action a;
	struct plan p;
	char *err = NULL;
	size_t r;

	(void)state;
	snapshot_add_node(s, "n1", NODE_UP, 0);
	snapshot_add_node(s, "n2", NODE_UP, 0);
	snapshot_add_group(s, "web", GROUP_KIND_GROUP, 0);
	snapshot_add_group(s, "pc", GROUP_KIND_CLONE, 0);
	r = snapshot_add_resource(s, "web-ip", "web", "a", RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "n1");
	r = snapshot_add_resource(s, "p", "pc", "a", RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "n1");
	assert_int_equal(snapshot_finish(s, &err), 0);
	assert_string_equal(action_target_word(s, TARGET_GROUP, "pc"),
			    "clone");
	assert_string_equal(action_target_word(s, TARGET_GROUP, "web"),
			    "group");
	assert_string_equal(action_target_word(NULL, TARGET_GROUP, "pc"),
			    "group");
	assert_string_equal(action_target_word(s, TARGET_NODE, "n1"), "node");
	assert_int_equal(action_init(&a, ACT_MOVE, TARGET_RESOURCE, "p", "n2",
				     &err), 0);
	action_plan(s, &a, &p);
	assert_int_equal(p.kind, PLAN_REFUSE);
	assert_non_null(strstr(p.message, "belongs to clone pc"));
	assert_null(strstr(p.message, "group"));
	/* A group's member is still told to move its group. */
	assert_int_equal(action_init(&a, ACT_MOVE, TARGET_RESOURCE, "web-ip",
				     "n2", &err), 0);
	action_plan(s, &a, &p);
	assert_non_null(strstr(p.message, "belongs to group web: move the "
				"group"));
	snapshot_unref(s);
}

/* What pins a resource: each constraint once, in the order named,
 * the flag with them; other resources untouched, however many come
 * later; the same in a snapshot that shares the data. */
static void
pins(void **state)
{
	struct snapshot *s = snapshot_new("c", "sim", "n1"), *t;
	char id[32];
	size_t a, b, i;

	(void)state;
	a = snapshot_add_resource(s, "a", NULL, "x", RES_ONLINE, 0);
	snapshot_resource_add_pin(s, a, "cli-prefer-a");
	b = snapshot_add_resource(s, "b", NULL, "x", RES_ONLINE, 0);
	for (i = 0; i < 100; i++)
		snapshot_add_resource(s, "more", NULL, "x", RES_ONLINE, 0);
	assert_int_equal(snapshot_finish(s, NULL), 0);
	for (i = 0; i < 40; i++) {
		snprintf(id, sizeof id, "cli-ban-b-on-n%zu", i % 20);
		snapshot_resource_add_pin(s, b, id);
	}
	assert_true(s->resources[a].flags & RES_F_PINNED);
	assert_int_equal(s->resources[a].n_pinned_by, 1);
	assert_string_equal(s->resources[a].pinned_by[0], "cli-prefer-a");
	assert_int_equal(s->resources[b].n_pinned_by, 20);
	assert_string_equal(s->resources[b].pinned_by[19], "cli-ban-b-on-n19");
	assert_false(s->resources[b + 1].flags & RES_F_PINNED);
	assert_int_equal(s->resources[b + 1].n_pinned_by, 0);
	t = snapshot_with_transitions(s, NULL, 0);
	snapshot_unref(s);
	assert_int_equal(t->resources[b].n_pinned_by, 20);
	assert_string_equal(t->resources[b].pinned_by[0], "cli-ban-b-on-n0");
	snapshot_unref(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(group_state_rules),
		cmocka_unit_test(clone_partial_online),
		cmocka_unit_test(failcount_words),
		cmocka_unit_test(clone_words),
		cmocka_unit_test(words_and_labels),
		cmocka_unit_test(drain_words),
		cmocka_unit_test(builder),
		cmocka_unit_test(unknown_group_is_an_error),
		cmocka_unit_test(reported_group_state),
		cmocka_unit_test(transitions_overlay),
		cmocka_unit_test(pins),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
