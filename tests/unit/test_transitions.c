/* Every row of the transitions table (DESIGN.md, "Actions and
 * transitions"), through the cluster layer and the simulator. */
#include <stdio.h>

#include "fixture.h"

/* Settles the cluster: a minute of simulated time in small steps. */
static void
settle(struct fixture *f)
{
	int i;

	for (i = 0; i < 120; i++)
		fixture_advance(f, 500);
}

/* Offline of an online resource: PENDING returned; OFFLINE_PENDING until
 * OFFLINE. */
static void
offline_of_online_resource(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);

	(void)state;
	assert_int_equal(fixture_res(f, "admin-ip"), RES_ONLINE);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "admin-ip", NULL), CCON_IO_PENDING);
	assert_int_equal(fixture_res(f, "admin-ip"), RES_OFFLINE_PENDING);
	fixture_advance(f, 1000);
	assert_int_equal(fixture_res(f, "admin-ip"), RES_OFFLINE_PENDING);
	fixture_advance(f, 2000);
	assert_int_equal(fixture_res(f, "admin-ip"), RES_OFFLINE);
	assert_true(fixture_event_seen(f, "offline resource admin-ip: done"));
	fixture_free(f);
}

/* Intent: offline says "should be stopped". Once stopped it stays so,
 * shown as stopped by its own request, and asking again sends nothing. */
static void
intent_offline_stays_offline(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	unsigned long before;

	(void)state;
	fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE, "admin-ip", NULL);
	settle(f);
	assert_int_equal(fixture_res(f, "admin-ip"), RES_OFFLINE);
	assert_true(fixture_flags(f, "admin-ip") & RES_F_OWN_STOPPED);
	settle(f);
	settle(f);
	assert_int_equal(fixture_res(f, "admin-ip"), RES_OFFLINE);
	before = sim_requests_seen(f->sim);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "admin-ip", NULL), CCON_OK);
	assert_int_equal(sim_requests_seen(f->sim), before);
	fixture_free(f);
}

/* Offline of a failed resource: success, never "resource failed", and it
 * ends OFFLINE at once. */
static void
offline_of_failed_resource(void **state)
{
	struct fixture *f = fixture_new(false, NULL, "license-srv");
	struct cluster_status st;

	(void)state;
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_IO_PENDING);
	fixture_advance(f, 4000);
	assert_int_equal(fixture_res(f, "license-srv"), RES_FAILED);

	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_OK);
	/* What the operator reads says success, not ERROR_RESOURCE_FAILED
	 * (5038) nor any failure. */
	cluster_get_status(f->c, &st);
	assert_int_equal(st.last_status, CCON_OK);
	assert_non_null(strstr(st.last_message,
			       "offline resource license-srv: success"));
	assert_null(strstr(st.last_message, "FAILED"));
	assert_int_equal(fixture_res(f, "license-srv"), RES_OFFLINE);
	fixture_advance(f, 10000);
	assert_int_equal(fixture_res(f, "license-srv"), RES_OFFLINE);
	fixture_free(f);
}

/* Intent: offline of a failed resource leaves it stopped by request, so
 * a cleanup clears the failure and does not start it; the same for a
 * member that failed in place, and for the member after it. */
static void
intent_offline_of_failed_stays_after_cleanup(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct snapshot *s;

	(void)state;
	assert_int_equal(sim_inject_start_failure(f->sim, "license-srv", 1),
			 0);
	fixture_request(f, ACT_ONLINE, TARGET_RESOURCE, "license-srv", NULL);
	fixture_advance(f, 4000);
	assert_int_equal(fixture_res(f, "license-srv"), RES_FAILED);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_OK);
	assert_int_equal(fixture_res(f, "license-srv"), RES_OFFLINE);
	assert_true(fixture_flags(f, "license-srv") & RES_F_OWN_STOPPED);
	assert_int_equal(fixture_request(f, ACT_CLEANUP, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_OK);
	settle(f);
	assert_int_equal(fixture_res(f, "license-srv"), RES_OFFLINE);
	s = cluster_snapshot(f->c);
	assert_int_equal(
	    s->resources[snapshot_find_resource(s, "license-srv")].failcount,
	    0);
	snapshot_unref(s);

	fixture_fail(f, "web-fs");
	settle(f);
	assert_int_equal(fixture_res(f, "web-fs"), RES_FAILED);
	assert_int_equal(fixture_res(f, "web-server"), RES_OFFLINE);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "web-fs", NULL), CCON_OK);
	assert_int_equal(fixture_res(f, "web-fs"), RES_OFFLINE);
	assert_int_equal(fixture_request(f, ACT_CLEANUP, TARGET_RESOURCE,
					 "web-fs", NULL), CCON_OK);
	settle(f);
	assert_int_equal(fixture_res(f, "web-ip"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "web-fs"), RES_OFFLINE);
	assert_int_equal(fixture_res(f, "web-server"), RES_OFFLINE);
	/* web-server only waits on web-fs: online of web-fs runs both. */
	assert_false(fixture_flags(f, "web-server") & RES_F_DISABLED);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "web-fs", NULL), CCON_IO_PENDING);
	settle(f);
	assert_int_equal(fixture_res(f, "web-fs"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "web-server"), RES_ONLINE);
	fixture_free(f);
}

/* Offline of an offline resource: success, a no-op that sends nothing. */
static void
offline_of_offline_resource(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	unsigned long before = sim_requests_seen(f->sim);

	(void)state;
	assert_int_equal(fixture_res(f, "license-srv"), RES_OFFLINE);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_OK);
	assert_int_equal(sim_requests_seen(f->sim), before);
	assert_int_equal(fixture_res(f, "license-srv"), RES_OFFLINE);
	fixture_free(f);
}

/* Intent, as in the demo: a member fails and the members after it stop
 * for the moment. Offline of one of those is sent (it is offline, but
 * not meant to be): it is asked to stay stopped, and a cleanup of the
 * failed member starts that one again, not it nor the one after it. */
static void
intent_offline_of_member_stopped_for_the_moment(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	unsigned long before;

	(void)state;
	fixture_fail(f, "db-fs");
	settle(f);
	assert_int_equal(fixture_res(f, "db-ip"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "db-fs"), RES_FAILED);
	assert_int_equal(fixture_res(f, "db-pgsql"), RES_OFFLINE);
	assert_int_equal(fixture_res(f, "db-backup"), RES_OFFLINE);
	assert_false(fixture_flags(f, "db-pgsql") & RES_F_DISABLED);
	before = sim_requests_seen(f->sim);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "db-pgsql", NULL), CCON_OK);
	assert_int_equal(sim_requests_seen(f->sim), before + 1);
	assert_true(fixture_flags(f, "db-pgsql") & RES_F_OWN_STOPPED);
	assert_int_equal(fixture_request(f, ACT_CLEANUP, TARGET_RESOURCE,
					 "db-fs", NULL), CCON_OK);
	settle(f);
	settle(f);
	assert_int_equal(fixture_res(f, "db-ip"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "db-fs"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "db-pgsql"), RES_OFFLINE);
	assert_int_equal(fixture_res(f, "db-backup"), RES_OFFLINE);
	/* Now it is stopped and meant to be: nothing more to send. */
	before = sim_requests_seen(f->sim);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "db-pgsql", NULL), CCON_OK);
	assert_int_equal(sim_requests_seen(f->sim), before);
	fixture_free(f);
}

/* Offline or online of a resource already pending: "pending" (997), and
 * the transition under way is left alone. */
static void
request_on_pending_resource(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	unsigned long before;

	(void)state;
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "admin-ip", NULL), CCON_IO_PENDING);
	before = sim_requests_seen(f->sim);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "admin-ip", NULL), CCON_IO_PENDING);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "admin-ip", NULL), CCON_IO_PENDING);
	assert_int_equal(sim_requests_seen(f->sim), before);
	assert_int_equal(fixture_res(f, "admin-ip"), RES_OFFLINE_PENDING);
	fixture_advance(f, 3000);
	assert_int_equal(fixture_res(f, "admin-ip"), RES_OFFLINE);
	fixture_free(f);
}

/* Intent: an offline that timed out (a stop slower than the transition
 * timeout) leaves its target asked to stop. Online asks it to run again
 * and it ends online: at once for a member that still runs while the
 * members after it stop; for a resource still stopping, once the stop
 * is over (until then it is in transition and online is refused). */
static void
intent_online_after_offline_timed_out(void **state)
{
	struct sim_options so;
	struct fixture *f;
	unsigned long before;
	int i;

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	so.offline_delay_ms = 120000;   /* longer than the 60 s deadline */
	f = fixture_new_with(false, NULL, &so);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "web-ip", NULL), CCON_IO_PENDING);
	fixture_advance(f, 61000);
	assert_int_equal(fixture_transition(f, TARGET_RESOURCE, "web-ip"),
			 TR_TIMED_OUT);
	assert_int_equal(fixture_res(f, "web-ip"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "web-server"), RES_OFFLINE_PENDING);
	assert_true(fixture_flags(f, "web-ip") & RES_F_OWN_STOPPED);
	before = sim_requests_seen(f->sim);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "web-ip", NULL), CCON_OK);
	assert_int_equal(sim_requests_seen(f->sim), before + 1);
	assert_false(fixture_flags(f, "web-ip") & RES_F_DISABLED);
	for (i = 0; i < 5; i++)
		settle(f);
	assert_int_equal(fixture_res(f, "web-ip"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "web-fs"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "web-server"), RES_ONLINE);

	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "admin-ip", NULL), CCON_IO_PENDING);
	fixture_advance(f, 61000);
	assert_int_equal(fixture_transition(f, TARGET_RESOURCE, "admin-ip"),
			 TR_TIMED_OUT);
	assert_int_equal(fixture_res(f, "admin-ip"), RES_OFFLINE_PENDING);
	before = sim_requests_seen(f->sim);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "admin-ip", NULL), CCON_IO_PENDING);
	assert_int_equal(sim_requests_seen(f->sim), before);
	assert_int_equal(fixture_res(f, "admin-ip"), RES_OFFLINE_PENDING);
	fixture_advance(f, 90000);
	assert_int_equal(fixture_res(f, "admin-ip"), RES_OFFLINE);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "admin-ip", NULL), CCON_IO_PENDING);
	assert_int_equal(sim_requests_seen(f->sim), before + 1);
	settle(f);
	assert_int_equal(fixture_res(f, "admin-ip"), RES_ONLINE);
	assert_true(fixture_event_seen(f, "online resource admin-ip: done"));
	fixture_free(f);
}

/* Online of an offline resource: PENDING; ONLINE_PENDING until ONLINE. */
static void
online_of_offline_resource(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);

	(void)state;
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_IO_PENDING);
	assert_int_equal(fixture_res(f, "license-srv"), RES_ONLINE_PENDING);
	fixture_advance(f, 2000);
	assert_int_equal(fixture_res(f, "license-srv"), RES_ONLINE_PENDING);
	fixture_advance(f, 2000);
	assert_int_equal(fixture_res(f, "license-srv"), RES_ONLINE);
	fixture_free(f);
}

/* Intent: online of a group asks every member to run, one stopped by its
 * own request included; a member stopped with its group is meant to be
 * stopped already (its offline sends nothing), and runs with the group. */
static void
intent_online_of_group_runs_every_member(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	unsigned long before;

	(void)state;
	fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE, "web-server", NULL);
	settle(f);
	assert_int_equal(fixture_res(f, "web-server"), RES_OFFLINE);
	assert_int_equal(fixture_group(f, "web"), GROUP_PARTIAL_ONLINE);
	(void)fixture_event_seen(f, "");
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_GROUP, "web",
					 NULL), CCON_IO_PENDING);
	settle(f);
	assert_int_equal(fixture_group(f, "web"), GROUP_ONLINE);
	assert_false(fixture_flags(f, "web-server") & RES_F_DISABLED);
	assert_true(fixture_event_seen(f, "online group web: done"));

	fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE, "db-backup", NULL);
	settle(f);
	fixture_request(f, ACT_OFFLINE, TARGET_GROUP, "db", NULL);
	settle(f);
	assert_int_equal(fixture_group(f, "db"), GROUP_OFFLINE);
	before = sim_requests_seen(f->sim);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "db-pgsql", NULL), CCON_OK);
	assert_int_equal(sim_requests_seen(f->sim), before);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_GROUP, "db",
					 NULL), CCON_IO_PENDING);
	settle(f);
	assert_int_equal(fixture_group(f, "db"), GROUP_ONLINE);
	assert_int_equal(fixture_res(f, "db-backup"), RES_ONLINE);
	fixture_free(f);
}

/* Online of a resource whose start fails: ONLINE_PENDING, then FAILED;
 * the transition fails with the reason, and stays on record. */
static void
online_that_fails(void **state)
{
	struct fixture *f = fixture_new(false, NULL, "license-srv");
	struct snapshot *s;
	const struct transition *t;

	(void)state;
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_IO_PENDING);
	assert_int_equal(fixture_res(f, "license-srv"), RES_ONLINE_PENDING);
	fixture_advance(f, 4000);
	assert_int_equal(fixture_res(f, "license-srv"), RES_FAILED);
	assert_true(fixture_event_seen(f, "FAILED after"));
	s = cluster_snapshot(f->c);
	t = snapshot_transition_for(s, TARGET_RESOURCE, "license-srv");
	assert_non_null(t);
	assert_int_equal(t->status, TR_FAILED);
	assert_non_null(strstr(t->reason, "start failed"));
	assert_non_null(strstr(t->reason, "on "));
	snapshot_unref(s);
	fixture_free(f);
}

/* Online of a failed resource starts it again. */
static void
online_of_failed_resource(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);

	(void)state;
	assert_int_equal(sim_inject_start_failure(f->sim, "license-srv", 1),
			 0);
	fixture_request(f, ACT_ONLINE, TARGET_RESOURCE, "license-srv", NULL);
	fixture_advance(f, 4000);
	assert_int_equal(fixture_res(f, "license-srv"), RES_FAILED);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_IO_PENDING);
	assert_int_equal(fixture_res(f, "license-srv"), RES_ONLINE_PENDING);
	fixture_advance(f, 4000);
	assert_int_equal(fixture_res(f, "license-srv"), RES_ONLINE);
	fixture_free(f);
}

/* A group request acts on every member, honouring order: stops from the
 * last member back, starts from the first on. */
static void
group_offline_then_online_in_order(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	int i;

	(void)state;
	assert_int_equal(fixture_group(f, "web"), GROUP_ONLINE);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_GROUP, "web",
					 NULL), CCON_IO_PENDING);
	assert_int_equal(fixture_group(f, "web"), GROUP_PENDING);
	assert_int_equal(fixture_res(f, "web-server"), RES_OFFLINE_PENDING);
	assert_int_equal(fixture_res(f, "web-fs"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "web-ip"), RES_ONLINE);
	fixture_advance(f, 2500);
	assert_int_equal(fixture_res(f, "web-server"), RES_OFFLINE);
	assert_int_equal(fixture_res(f, "web-fs"), RES_OFFLINE_PENDING);
	for (i = 0; i < 10; i++)
		fixture_advance(f, 500);
	assert_int_equal(fixture_group(f, "web"), GROUP_OFFLINE);
	assert_true(fixture_event_seen(f, "offline group web: done"));

	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_GROUP, "web",
					 NULL), CCON_IO_PENDING);
	assert_int_equal(fixture_res(f, "web-ip"), RES_ONLINE_PENDING);
	assert_int_equal(fixture_res(f, "web-fs"), RES_OFFLINE);
	assert_int_equal(fixture_res(f, "web-server"), RES_OFFLINE);
	for (i = 0; i < 24; i++)
		fixture_advance(f, 500);
	assert_int_equal(fixture_group(f, "web"), GROUP_ONLINE);
	assert_true(fixture_event_seen(f, "online group web: done"));
	fixture_free(f);
}

/* A request on a group with a member in transition answers pending. */
static void
request_on_pending_group(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);

	(void)state;
	fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE, "db-backup", NULL);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_GROUP, "db",
					 NULL), CCON_IO_PENDING);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_GROUP, "db",
					 NULL), CCON_IO_PENDING);
	fixture_advance(f, 3000);
	assert_int_equal(fixture_res(f, "db-backup"), RES_OFFLINE);
	assert_int_equal(fixture_res(f, "db-pgsql"), RES_ONLINE);
	assert_int_equal(fixture_group(f, "db"), GROUP_PARTIAL_ONLINE);
	fixture_free(f);
}

/* A group whose start fails part way: the failed member is FAILED, those
 * after it stay offline, the group is FAILED and so is the transition. */
static void
group_online_with_failing_member(void **state)
{
	struct fixture *f = fixture_new(false, NULL, "web-fs");
	int i;

	(void)state;
	fixture_request(f, ACT_OFFLINE, TARGET_GROUP, "web", NULL);
	for (i = 0; i < 20; i++)
		fixture_advance(f, 500);
	assert_int_equal(fixture_group(f, "web"), GROUP_OFFLINE);
	fixture_request(f, ACT_ONLINE, TARGET_GROUP, "web", NULL);
	for (i = 0; i < 20; i++)
		fixture_advance(f, 500);
	assert_int_equal(fixture_res(f, "web-ip"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "web-fs"), RES_FAILED);
	assert_int_equal(fixture_res(f, "web-server"), RES_OFFLINE);
	assert_int_equal(fixture_group(f, "web"), GROUP_FAILED);
	assert_true(fixture_event_seen(f, "online group web FAILED"));

	/* Offline of the failed group: success; pending for the member
	 * still online, the failed one offline at once. */
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_GROUP, "web",
					 NULL), CCON_IO_PENDING);
	assert_int_equal(fixture_res(f, "web-fs"), RES_OFFLINE);
	for (i = 0; i < 10; i++)
		fixture_advance(f, 500);
	assert_int_equal(fixture_group(f, "web"), GROUP_OFFLINE);
	fixture_free(f);
}

/* Offline of a group whose members are only failed or offline: success
 * at once. */
static void
group_offline_of_failed_group(void **state)
{
	struct fixture *f = fixture_new(false, NULL, "web-ip");
	int i;

	(void)state;
	fixture_request(f, ACT_OFFLINE, TARGET_GROUP, "web", NULL);
	for (i = 0; i < 20; i++)
		fixture_advance(f, 500);
	fixture_request(f, ACT_ONLINE, TARGET_GROUP, "web", NULL);
	for (i = 0; i < 10; i++)
		fixture_advance(f, 500);
	assert_int_equal(fixture_group(f, "web"), GROUP_FAILED);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_GROUP, "web",
					 NULL), CCON_OK);
	assert_int_equal(fixture_group(f, "web"), GROUP_OFFLINE);
	fixture_free(f);
}

/* A transition that outlives its deadline is marked TIMED OUT, and is
 * watched on: when the target gets there after all, it ends "done late"
 * and the mark clears. */
static void
transition_times_out(void **state)
{
	struct sim_options so;
	struct fixture *f;
	struct snapshot *s;
	const struct transition *t;

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	so.online_delay_ms = 100000;   /* longer than the 60 s deadline */
	f = fixture_new_with(false, NULL, &so);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_IO_PENDING);
	fixture_advance(f, 59000);
	s = cluster_snapshot(f->c);
	t = snapshot_transition_for(s, TARGET_RESOURCE, "license-srv");
	assert_non_null(t);
	assert_int_equal(t->status, TR_PENDING);
	snapshot_unref(s);
	fixture_advance(f, 2000);
	s = cluster_snapshot(f->c);
	t = snapshot_transition_for(s, TARGET_RESOURCE, "license-srv");
	assert_non_null(t);
	assert_int_equal(t->status, TR_TIMED_OUT);
	assert_string_equal(t->reason, "timed out");
	snapshot_unref(s);
	assert_true(fixture_event_seen(f, "online resource license-srv TIMED "
				       "OUT after 61.0s"));
	/* The start ends at about 100 s (+-20%): done late, mark gone. */
	fixture_advance(f, 70000);
	assert_int_equal(fixture_res(f, "license-srv"), RES_ONLINE);
	s = cluster_snapshot(f->c);
	assert_null(snapshot_transition_for(s, TARGET_RESOURCE, "license-srv"));
	snapshot_unref(s);
	assert_true(fixture_event_seen(f, "online resource license-srv: done "
				       "late, after"));
	fixture_free(f);
}

/* Move a group: it stops where it is and starts on the chosen node. */
static void
move_group(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	char node[64];
	int i;

	(void)state;
	assert_string_equal(fixture_res_node(f, "mail-ip", node, sizeof(node)),
			    "charlie");
	assert_int_equal(fixture_request(f, ACT_MOVE, TARGET_GROUP, "mail",
					 "alpha"), CCON_IO_PENDING);
	assert_int_equal(fixture_res(f, "mail-postfix"), RES_OFFLINE_PENDING);
	for (i = 0; i < 30; i++)
		fixture_advance(f, 500);
	assert_int_equal(fixture_group(f, "mail"), GROUP_ONLINE);
	assert_string_equal(fixture_res_node(f, "mail-ip", node, sizeof(node)),
			    "alpha");
	assert_string_equal(fixture_res_node(f, "mail-postfix", node,
					     sizeof(node)), "alpha");
	assert_true(fixture_event_seen(f, "move group mail to alpha: done"));
	/* Moving where it already is: success, nothing to do. */
	assert_int_equal(fixture_request(f, ACT_MOVE, TARGET_GROUP, "mail",
					 "alpha"), CCON_OK);
	/* Not to a node that is gone or paused, and not a clone. */
	assert_int_equal(fixture_request(f, ACT_MOVE, TARGET_GROUP, "mail",
					 "zulu"), CCON_NODE_NOT_FOUND);
	assert_int_equal(fixture_request(f, ACT_PAUSE, TARGET_NODE, "bravo",
					 NULL), CCON_IO_PENDING);
	assert_int_equal(fixture_request(f, ACT_MOVE, TARGET_GROUP, "mail",
					 "bravo"), CCON_NODE_DOWN);
	assert_int_equal(fixture_request(f, ACT_MOVE, TARGET_GROUP,
					 "ping-clone", "alpha"),
			 CCON_NOT_SUPPORTED);
	fixture_free(f);
}

/* Move a group to the best node: the cluster picks, and the request is
 * done once the group runs on a node other than the one it left, not
 * before (it is still there while it stops). The sim, like Pacemaker's
 * crm_resource --move without --node, keeps it off the node it left
 * until cleared. With no other node up there is nowhere to go. */
static void
move_group_to_best_node(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	static const char *const others[] = { "alpha", "bravo", "charlie" };
	const struct transition *t;
	struct snapshot *s;
	char node[64];
	int i;

	(void)state;
	/* It runs on charlie, which it is to leave. */
	assert_int_equal(fixture_request(f, ACT_MOVE, TARGET_GROUP, "mail",
					 NULL), CCON_IO_PENDING);
	s = cluster_snapshot(f->c);
	t = snapshot_transition_for(s, TARGET_GROUP, "mail");
	assert_non_null(t);
	assert_null(t->node);
	assert_string_equal(t->away, "charlie");
	assert_int_equal(t->status, TR_PENDING);
	snapshot_unref(s);
	for (i = 0; i < 30; i++)
		fixture_advance(f, 500);
	assert_int_equal(fixture_group(f, "mail"), GROUP_ONLINE);
	assert_string_not_equal(fixture_res_node(f, "mail-ip", node,
						 sizeof(node)), "charlie");
	assert_true(fixture_event_seen(f, "move group mail to the best node: "
				       "done"));
	/* Only its node up: nowhere else to go. */
	for (i = 0; i < 3; i++)
		if (strcmp(others[i], node) != 0)
			assert_int_equal(fixture_request(f, ACT_PAUSE,
			    TARGET_NODE, others[i], NULL), CCON_IO_PENDING);
	for (i = 0; i < 30; i++)
		fixture_advance(f, 500);
	assert_int_equal(fixture_request(f, ACT_MOVE, TARGET_GROUP, "mail",
					 NULL), CCON_NODE_DOWN);
	fixture_free(f);
}

/* The judge of a move to the best node, alone: online on the node it
 * left is not done; online elsewhere is. */
static void
best_node_progress(void **state)
{
	struct snapshot *s = snapshot_new("c", "sim", "alpha");
	struct transition t = { .action = ACT_MOVE,
				.target_kind = TARGET_RESOURCE,
				.target = "db", .away = "alpha",
				.wanted = RES_ONLINE, .status = TR_PENDING };
	const char *why;
	char *err = NULL;
	size_t r;

	(void)state;
	snapshot_add_node(s, "alpha", NODE_UP, 0);
	snapshot_add_node(s, "bravo", NODE_UP, 0);
	r = snapshot_add_resource(s, "db", NULL, "x", RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "alpha");
	r = snapshot_add_resource(s, "db2", NULL, "x", RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "bravo");
	assert_int_equal(snapshot_finish(s, &err), 0);
	assert_int_equal(action_progress(s, &t, &why), TR_PENDING);
	t.target = "db2";
	assert_int_equal(action_progress(s, &t, &why), TR_DONE);
	snapshot_unref(s);
}

/* An override of a lock goes only to a cluster type that declares it
 * (the sim, like Pacemaker, does not: nothing there is locked), and
 * only with online, offline or move; nothing is sent otherwise. */
static void
ignore_locked_needs_the_capability(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct action a;
	struct plan p;
	char *err = NULL;

	(void)state;
	assert_int_equal(action_init(&a, ACT_OFFLINE, TARGET_GROUP, "web",
				     NULL, &err), 0);
	a.opts = ACTION_OPT_IGNORE_LOCKED;
	assert_int_equal(cluster_submit(f->c, &a, &err), CCON_NOT_SUPPORTED);
	assert_non_null(strstr(err, "ignore-locked (overriding its lock) is "
			       "not supported by this cluster type (sim): "
			       "nothing there is refused for being locked"));
	free(err);
	assert_int_equal(sim_requests_seen(f->sim), 0);
	assert_true(action_request_supported(
	    ACTION_CAPS_ALL | ACTION_CAP_OPT(ACTION_OPT_IGNORE_LOCKED), &a,
	    "x", &p));
	a.kind = ACT_CLEANUP;
	assert_false(action_request_supported(
	    ACTION_CAPS_ALL | ACTION_CAP_OPT(ACTION_OPT_IGNORE_LOCKED), &a,
	    "x", &p));
	assert_string_equal(p.message, "ignore-locked is not for cleanup of "
			    "a group");
	fixture_free(f);
}

/* Whether a target is locked is read for its kind: a group and a
 * resource may share a name (WSFC's role FS1 and its network name FS1),
 * and only the locked one says so. */
static void
target_locked_by_kind(void **state)
{
	struct snapshot *s = snapshot_new("c", "wsfc", "n1");
	struct action a;
	char *err = NULL;

	(void)state;
	snapshot_add_node(s, "n1", NODE_UP, 0);
	snapshot_add_group(s, "FS1", GROUP_KIND_GROUP, 0);
	snapshot_add_resource(s, "FS1", "FS1", "Network Name", RES_ONLINE,
			      RES_F_LOCKED);
	assert_int_equal(snapshot_finish(s, &err), 0);
	assert_int_equal(action_init(&a, ACT_OFFLINE, TARGET_RESOURCE, "FS1",
				     NULL, &err), 0);
	assert_true(action_target_locked(s, &a));
	a.target_kind = TARGET_GROUP;
	assert_false(action_target_locked(s, &a));
	a.target_kind = TARGET_NODE;
	assert_false(action_target_locked(s, &a));
	assert_false(action_target_locked(NULL, &a));
	snapshot_unref(s);
}

/* Cleanup clears a failure; the resource then starts again. */
static void
cleanup_clears_failure(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct snapshot *s;

	(void)state;
	sim_inject_start_failure(f->sim, "license-srv", 1);
	fixture_request(f, ACT_ONLINE, TARGET_RESOURCE, "license-srv", NULL);
	fixture_advance(f, 4000);
	assert_int_equal(fixture_res(f, "license-srv"), RES_FAILED);
	assert_int_equal(fixture_request(f, ACT_CLEANUP, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_OK);
	assert_int_equal(fixture_res(f, "license-srv"), RES_ONLINE_PENDING);
	fixture_advance(f, 4000);
	assert_int_equal(fixture_res(f, "license-srv"), RES_ONLINE);
	s = cluster_snapshot(f->c);
	assert_int_equal(
	    s->resources[snapshot_find_resource(s, "license-srv")].failcount,
	    0);
	snapshot_unref(s);
	/* Nothing left to clean: success, nothing sent. */
	assert_int_equal(fixture_request(f, ACT_CLEANUP, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_OK);
	fixture_free(f);
}

/* Pausing a node moves its groups away; resuming brings it back up. */
static void
pause_and_resume_node(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct snapshot *s;
	char node[64];
	int i;

	(void)state;
	assert_string_equal(fixture_res_node(f, "web-ip", node, sizeof(node)),
			    "alpha");
	/* Watched: paused at once, the simulator having no drain of its
	 * own, but done only once what ran there has moved away. */
	assert_int_equal(fixture_request(f, ACT_PAUSE, TARGET_NODE, "alpha",
					 NULL), CCON_IO_PENDING);
	assert_false(fixture_event_seen(f, "pause node alpha: done"));
	s = cluster_snapshot(f->c);
	assert_int_equal(s->nodes[snapshot_find_node(s, "alpha")].state,
			 NODE_PAUSED);
	assert_true(action_node_left(s, "alpha") > 0);
	snapshot_unref(s);
	for (i = 0; i < 40; i++)
		fixture_advance(f, 500);
	assert_true(fixture_event_seen(f, "pause node alpha: done"));
	assert_int_equal(fixture_request(f, ACT_PAUSE, TARGET_NODE, "alpha",
					 NULL), CCON_OK);  /* no-op */
	assert_int_equal(fixture_group(f, "web"), GROUP_ONLINE);
	assert_string_not_equal(fixture_res_node(f, "web-ip", node,
						 sizeof(node)), "alpha");
	s = cluster_snapshot(f->c);
	assert_int_equal(s->nodes[snapshot_find_node(s, "alpha")].state,
			 NODE_PAUSED);
	assert_int_equal(s->nodes[snapshot_find_node(s, "alpha")]
			 .resource_count, 0);
	snapshot_unref(s);
	assert_int_equal(fixture_request(f, ACT_RESUME, TARGET_NODE, "alpha",
					 NULL), CCON_OK);
	s = cluster_snapshot(f->c);
	assert_int_equal(s->nodes[snapshot_find_node(s, "alpha")].state,
			 NODE_UP);
	snapshot_unref(s);
	fixture_free(f);
}

/* Intent: pausing and resuming a node moves what runs there; what is
 * stopped by request stays stopped, there or elsewhere. */
static void
intent_pause_keeps_stopped_stopped(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	char node[64];

	(void)state;
	fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE, "admin-ip", NULL);
	fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE, "web-server", NULL);
	settle(f);
	assert_int_equal(fixture_request(f, ACT_PAUSE, TARGET_NODE, "alpha",
					 NULL), CCON_IO_PENDING);
	settle(f);
	assert_int_equal(fixture_res(f, "web-fs"), RES_ONLINE);
	assert_string_not_equal(fixture_res_node(f, "web-fs", node,
						 sizeof(node)), "alpha");
	assert_int_equal(fixture_res(f, "web-server"), RES_OFFLINE);
	assert_int_equal(fixture_res(f, "admin-ip"), RES_OFFLINE);
	assert_int_equal(fixture_request(f, ACT_RESUME, TARGET_NODE, "alpha",
					 NULL), CCON_OK);
	settle(f);
	assert_int_equal(fixture_res(f, "web-fs"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "web-server"), RES_OFFLINE);
	assert_int_equal(fixture_res(f, "admin-ip"), RES_OFFLINE);
	assert_true(fixture_flags(f, "web-server") & RES_F_OWN_STOPPED);
	fixture_free(f);
}

/* What is not meant to run is not waited for: a move of a group with a
 * member stopped by request is done when the others run there. */
static void
move_with_member_stopped(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct snapshot *s;
	const struct transition *t;
	char node[64];

	(void)state;
	fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE, "web-server", NULL);
	settle(f);
	assert_int_equal(fixture_request(f, ACT_MOVE, TARGET_GROUP, "web",
					 "bravo"), CCON_IO_PENDING);
	settle(f);
	assert_string_equal(fixture_res_node(f, "web-fs", node, sizeof(node)),
			    "bravo");
	assert_int_equal(fixture_res(f, "web-server"), RES_OFFLINE);
	assert_true(fixture_flags(f, "web-server") & RES_F_OWN_STOPPED);
	s = cluster_snapshot(f->c);
	t = snapshot_transition_for(s, TARGET_GROUP, "web");
	assert_true(t == NULL || t->status != TR_FAILED);
	snapshot_unref(s);
	assert_true(fixture_event_seen(f, "move group web to bravo: done"));
	fixture_free(f);
}

/* A clone is online when it runs wherever a node is up. */
static void
clone_online_with_node_paused(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);

	(void)state;
	fixture_request(f, ACT_PAUSE, TARGET_NODE, "charlie", NULL);
	settle(f);
	fixture_request(f, ACT_OFFLINE, TARGET_GROUP, "ping-clone", NULL);
	settle(f);
	assert_int_equal(fixture_group(f, "ping-clone"), GROUP_OFFLINE);
	(void)fixture_event_seen(f, "");
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_GROUP,
					 "ping-clone", NULL), CCON_IO_PENDING);
	settle(f);
	assert_true(fixture_event_seen(f, "online clone ping-clone: done"));
	fixture_free(f);
}

/* The instance of a clone on one node, or -1. */
static long
instance_on(const struct snapshot *s, const char *id, const char *node)
{
	unsigned n;
	long i;

	for (n = 0; (i = snapshot_find_instance(s, id, n)) >= 0; n++)
		if (s->resources[i].n_nodes == 1 &&
		    strcmp(s->resources[i].nodes[0], node) == 0)
			return i;
	return -1;
}

/* How many instances of a clone are online. */
static unsigned
instances_online(struct fixture *f, const char *id)
{
	struct snapshot *s = cluster_snapshot(f->c);
	unsigned n, up = 0;
	long i;

	for (n = 0; (i = snapshot_find_instance(s, id, n)) >= 0; n++)
		up += s->resources[i].state == RES_ONLINE;
	snapshot_unref(s);
	return up;
}

/* Ban keeps a clone off one node: its instance there stops, and does not
 * come back while the ban holds (pinned), even when the node is paused
 * and resumed; the other instances run on. Clear (unpin) drops the ban
 * and the instance starts there again. */
static void
ban_keeps_clone_off_node(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct snapshot *s;
	long i;

	(void)state;
	assert_int_equal(fixture_request(f, ACT_BAN, TARGET_GROUP,
					 "ping-clone", "bravo"),
			 CCON_IO_PENDING);
	settle(f);
	s = cluster_snapshot(f->c);
	assert_int_equal(instance_on(s, "ping", "bravo"), -1);
	assert_true(instance_on(s, "ping", "alpha") >= 0);
	assert_true(instance_on(s, "ping", "charlie") >= 0);
	for (i = 0; i < (long)s->n_resources; i++)
		if (strcmp(s->resources[i].id, "ping") == 0)
			assert_true(s->resources[i].flags & RES_F_PINNED);
	assert_false(s->resources[snapshot_find_resource(s, "web-ip")].flags
		     & RES_F_PINNED);
	snapshot_unref(s);
	assert_int_equal(instances_online(f, "ping"), 2);
	fixture_request(f, ACT_PAUSE, TARGET_NODE, "bravo", NULL);
	settle(f);
	fixture_request(f, ACT_RESUME, TARGET_NODE, "bravo", NULL);
	settle(f);
	assert_int_equal(instances_online(f, "ping"), 2);
	/* Kept off where it does not run: success at once. An instance's
	 * id names its clone. */
	assert_int_equal(fixture_request(f, ACT_BAN, TARGET_RESOURCE, "ping",
					 "bravo"), CCON_OK);
	assert_int_equal(fixture_request(f, ACT_BAN, TARGET_RESOURCE, "ping",
					 "charlie"), CCON_IO_PENDING);
	settle(f);
	assert_int_equal(instances_online(f, "ping"), 1);
	/* Not a clone, not a node. */
	assert_int_equal(fixture_request(f, ACT_BAN, TARGET_GROUP, "web",
					 "bravo"), CCON_INVALID_PARAMETER);
	assert_int_equal(fixture_request(f, ACT_BAN, TARGET_GROUP,
					 "ping-clone", "zulu"),
			 CCON_NODE_NOT_FOUND);
	assert_int_equal(fixture_request(f, ACT_CLEAR, TARGET_GROUP,
					 "ping-clone", NULL), CCON_OK);
	assert_false(fixture_flags(f, "ping") & RES_F_PINNED);
	settle(f);
	assert_int_equal(instances_online(f, "ping"), 3);
	assert_int_equal(fixture_request(f, ACT_CLEAR, TARGET_GROUP,
					 "ping-clone", NULL), CCON_OK);
	fixture_free(f);
}

/* Clear drops a move's preference and a ban alike: after it the group
 * stays where it runs (nothing moves back), and is no longer pinned. */
static void
clear_drops_move_and_ban(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	char node[64];

	(void)state;
	fixture_request(f, ACT_MOVE, TARGET_GROUP, "web", "bravo");
	settle(f);
	assert_true(fixture_flags(f, "web-ip") & RES_F_PINNED);
	assert_int_equal(fixture_request(f, ACT_CLEAR, TARGET_RESOURCE,
					 "web-fs", NULL), CCON_OK);
	assert_false(fixture_flags(f, "web-ip") & RES_F_PINNED);
	settle(f);
	assert_string_equal(fixture_res_node(f, "web-ip", node, sizeof(node)),
			    "bravo");
	/* With bravo paused and resumed, nothing pulls web back to it. */
	fixture_request(f, ACT_PAUSE, TARGET_NODE, "bravo", NULL);
	settle(f);
	fixture_request(f, ACT_RESUME, TARGET_NODE, "bravo", NULL);
	settle(f);
	assert_string_not_equal(fixture_res_node(f, "web-ip", node,
						 sizeof(node)), "bravo");
	fixture_request(f, ACT_BAN, TARGET_RESOURCE, "ping", "alpha");
	settle(f);
	assert_int_equal(fixture_request(f, ACT_CLEAR, TARGET_RESOURCE,
					 "ping", NULL), CCON_OK);
	settle(f);
	assert_int_equal(instances_online(f, "ping"), 3);
	fixture_free(f);
}

/* A member cannot start ahead of a member it depends on that is stopped
 * by request: refused with the reason, nothing sent. */
static void
online_behind_stopped_provider(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	unsigned long before;

	(void)state;
	fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE, "web-ip", NULL);
	settle(f);
	assert_int_equal(fixture_res(f, "web-fs"), RES_OFFLINE);
	before = sim_requests_seen(f->sim);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "web-fs", NULL), CCON_INVALID_STATE);
	assert_int_equal(sim_requests_seen(f->sim), before);
	assert_true(fixture_event_seen(f, "comes after web-ip in group web"));
	fixture_free(f);
}

/* Online of one member of a stopped group starts it and its providers,
 * not the members that depend on it. */
static void
online_member_of_stopped_group(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);

	(void)state;
	fixture_request(f, ACT_OFFLINE, TARGET_GROUP, "db", NULL);
	settle(f);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "db-fs", NULL), CCON_IO_PENDING);
	settle(f);
	assert_int_equal(fixture_res(f, "db-ip"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "db-fs"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "db-pgsql"), RES_OFFLINE);
	assert_int_equal(fixture_res(f, "db-backup"), RES_OFFLINE);
	assert_true(fixture_event_seen(f, "online resource db-fs: done"));
	/* Intent: the dependents are left stopped by their own role, so
	 * the group is not meant to run whole: its online runs them. */
	assert_true(fixture_flags(f, "db-pgsql") & RES_F_OWN_STOPPED);
	assert_true(fixture_flags(f, "db-backup") & RES_F_OWN_STOPPED);
	assert_false(fixture_flags(f, "db-fs") & RES_F_DISABLED);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_GROUP, "db",
					 NULL), CCON_IO_PENDING);
	settle(f);
	assert_int_equal(fixture_group(f, "db"), GROUP_ONLINE);
	fixture_free(f);
}

/* Intent: online of a member says it should run, which in an ordered
 * group needs its providers: in a stopped group a provider stopped by
 * its own request before runs too (the request could not be told from
 * the group's when it was planned). */
static void
intent_online_member_of_stopped_group_starts_providers(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);

	(void)state;
	fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE, "db-ip", NULL);
	settle(f);
	fixture_request(f, ACT_OFFLINE, TARGET_GROUP, "db", NULL);
	settle(f);
	(void)fixture_event_seen(f, "");
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "db-fs", NULL), CCON_IO_PENDING);
	settle(f);
	assert_int_equal(fixture_res(f, "db-ip"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "db-fs"), RES_ONLINE);
	assert_int_equal(fixture_res(f, "db-pgsql"), RES_OFFLINE);
	assert_int_equal(fixture_res(f, "db-backup"), RES_OFFLINE);
	assert_true(fixture_event_seen(f, "online resource db-fs: done"));
	fixture_free(f);
}

static void
unknown_targets(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);

	(void)state;
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "nope", NULL), CCON_RESOURCE_NOT_FOUND);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_GROUP,
					 "nope", NULL), CCON_GROUP_NOT_FOUND);
	assert_int_equal(fixture_request(f, ACT_PAUSE, TARGET_NODE,
					 "nope", NULL), CCON_NODE_NOT_FOUND);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_NODE,
					 "alpha", NULL),
			 CCON_INVALID_PARAMETER);
	fixture_free(f);
}

static void
action_init_refuses_bad_names(void **state)
{
	struct action a;
	char *err = NULL;
	char big[ACTION_ID_MAX + 1];

	(void)state;
	assert_int_equal(action_init(&a, ACT_OFFLINE, TARGET_GROUP, "", NULL,
				     &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(action_init(&a, ACT_OFFLINE, TARGET_GROUP,
				     "web\x1b[2J", NULL, &err), -1);
	assert_non_null(strstr(err, "control character"));
	free(err);
	err = NULL;
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(action_init(&a, ACT_OFFLINE, TARGET_GROUP, big,
				     NULL, &err), -1);
	free(err);
	err = NULL;
	/* A move without a node is one to the best node, not an error. */
	assert_int_equal(action_init(&a, ACT_MOVE, TARGET_GROUP, "web", NULL,
				     &err), 0);
	assert_string_equal(a.node, "");
	assert_int_equal(action_init(&a, ACT_BAN, TARGET_GROUP, "web", NULL,
				     &err), -1);
	free(err);
}

/* A clone kept off one node: its instance there stops, the request is
 * done then, the others run on, and u (clear) lets it back. */
static void
ban_through_the_cluster(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct snapshot *s;
	size_t i, on_alpha;

	(void)state;
	assert_int_equal(fixture_request(f, ACT_BAN, TARGET_RESOURCE, "ping",
					 "alpha"), CCON_IO_PENDING);
	fixture_advance(f, 3000);
	assert_true(fixture_event_seen(f, "keep resource ping off alpha: done"));
	s = cluster_snapshot(f->c);
	for (i = 0, on_alpha = 0; i < s->n_resources; i++)
		if (strcmp(s->resources[i].id, "ping") == 0 &&
		    s->resources[i].n_nodes > 0 &&
		    strcmp(s->resources[i].nodes[0], "alpha") == 0 &&
		    s->resources[i].state == RES_ONLINE)
			on_alpha++;
	assert_int_equal(on_alpha, 0);
	assert_null(snapshot_transition_for(s, TARGET_RESOURCE, "ping"));
	snapshot_unref(s);
	assert_int_equal(fixture_request(f, ACT_CLEAR, TARGET_RESOURCE, "ping",
					 NULL), CCON_OK);
	fixture_advance(f, 5000);
	assert_int_equal(fixture_group(f, "ping-clone"), GROUP_ONLINE);
	fixture_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(offline_of_online_resource),
		cmocka_unit_test(intent_offline_stays_offline),
		cmocka_unit_test(offline_of_failed_resource),
		cmocka_unit_test(intent_offline_of_failed_stays_after_cleanup),
		cmocka_unit_test(offline_of_offline_resource),
		cmocka_unit_test(intent_offline_of_member_stopped_for_the_moment),
		cmocka_unit_test(request_on_pending_resource),
		cmocka_unit_test(intent_online_after_offline_timed_out),
		cmocka_unit_test(online_of_offline_resource),
		cmocka_unit_test(intent_online_of_group_runs_every_member),
		cmocka_unit_test(online_that_fails),
		cmocka_unit_test(online_of_failed_resource),
		cmocka_unit_test(group_offline_then_online_in_order),
		cmocka_unit_test(request_on_pending_group),
		cmocka_unit_test(group_online_with_failing_member),
		cmocka_unit_test(group_offline_of_failed_group),
		cmocka_unit_test(transition_times_out),
		cmocka_unit_test(move_group),
		cmocka_unit_test(move_group_to_best_node),
		cmocka_unit_test(best_node_progress),
		cmocka_unit_test(ignore_locked_needs_the_capability),
		cmocka_unit_test(target_locked_by_kind),
		cmocka_unit_test(cleanup_clears_failure),
		cmocka_unit_test(pause_and_resume_node),
		cmocka_unit_test(intent_pause_keeps_stopped_stopped),
		cmocka_unit_test(move_with_member_stopped),
		cmocka_unit_test(clone_online_with_node_paused),
		cmocka_unit_test(ban_keeps_clone_off_node),
		cmocka_unit_test(clear_drops_move_and_ban),
		cmocka_unit_test(online_behind_stopped_provider),
		cmocka_unit_test(online_member_of_stopped_group),
		cmocka_unit_test(intent_online_member_of_stopped_group_starts_providers),
		cmocka_unit_test(unknown_targets),
		cmocka_unit_test(action_init_refuses_bad_names),
		cmocka_unit_test(ban_through_the_cluster),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
