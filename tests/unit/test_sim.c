/* The simulator: its demo layout, determinism for a seed whatever the
 * time steps, spontaneous events, calm mode and failure injection. */
#include <stdio.h>

#include "fixture.h"

/* A one-line digest of everything observable in a snapshot. */
static void
digest(const struct snapshot *s, char *buf, size_t sz)
{
	size_t i, at = 0;

	buf[0] = '\0';
	for (i = 0; i < s->n_nodes && at < sz; i++)
		at += (size_t)snprintf(buf + at, sz - at, "%s=%d ",
				       s->nodes[i].name, s->nodes[i].state);
	for (i = 0; i < s->n_resources && at < sz; i++)
		at += (size_t)snprintf(buf + at, sz - at, "%s=%d@%s/%u ",
				       s->resources[i].id,
				       s->resources[i].state,
				       s->resources[i].n_nodes
				       ? s->resources[i].nodes[0] : "-",
				       s->resources[i].failcount);
	assert_true(at < sz);
}

static void
sim_digest(struct sim *sim, char *buf, size_t sz)
{
	struct snapshot *s = sim_snapshot(sim);

	digest(s, buf, sz);
	snapshot_unref(s);
}

static void
demo_layout(void **state)
{
	struct sim_options so;
	struct sim *sim;
	struct snapshot *s;
	size_t i, groups = 0, clones = 0, lone = 0;

	(void)state;
	sim_options_default(&so);
	sim = sim_new("demo", &so, 0);
	s = sim_snapshot(sim);
	assert_int_equal(s->n_nodes, 3);
	for (i = 0; i < s->n_groups; i++) {
		if (s->groups[i].kind == GROUP_KIND_GROUP) {
			groups++;
			assert_true(s->groups[i].n_members >= 2);
			assert_true(s->groups[i].n_members <= 4);
		} else if (s->groups[i].kind == GROUP_KIND_CLONE) {
			clones++;
			assert_int_equal(s->groups[i].n_members, 3);
		}
	}
	for (i = 0; i < s->n_resources; i++)
		lone += s->resources[i].group == NULL;
	assert_int_equal(groups, 6);
	assert_int_equal(clones, 1);
	assert_true(lone >= 2);
	assert_string_equal(s->dc, "alpha");
	assert_int_equal(snapshot_find_group(s, "dépôt") >= 0, 1);
	/* Settled: every group is online, the disabled resource offline. */
	for (i = 0; i < s->n_groups; i++)
		assert_int_equal(s->groups[i].state, GROUP_ONLINE);
	assert_int_equal(s->resources[snapshot_find_resource(s, "license-srv")]
			 .state, RES_OFFLINE);
	snapshot_unref(s);
	sim_free(sim);
}

/* Ten simulated minutes with events on: the same for a seed whether time
 * moves in 100 ms or 7 s steps; something does happen; another seed
 * tells another story. */
static void
deterministic_for_a_seed(void **state)
{
	struct sim_options so;
	struct sim *fine, *coarse, *other;
	static char a[8192], b[8192], c[8192];
	uint64_t t, step;
	bool happened = false, differs = false;

	(void)state;
	sim_options_default(&so);
	so.seed = 42;
	fine = sim_new("demo", &so, 0);
	coarse = sim_new("demo", &so, 0);
	so.seed = 43;
	other = sim_new("demo", &so, 0);
	for (t = 7000; t <= 600000; t += 7000) {
		for (step = t - 7000 + 100; step <= t; step += 100)
			sim_advance(fine, step);
		sim_advance(coarse, t);
		sim_advance(other, t);
		sim_digest(fine, a, sizeof(a));
		sim_digest(coarse, b, sizeof(b));
		sim_digest(other, c, sizeof(c));
		assert_string_equal(a, b);
		if (strcmp(a, c) != 0)
			differs = true;
		if (strstr(a, "=4@") || strstr(a, "=2 ") || strstr(a, "/1 "))
			happened = true;   /* a failure, or a paused node */
	}
	assert_true(happened);
	assert_true(differs);
	sim_free(fine);
	sim_free(coarse);
	sim_free(other);
}

static void
calm_means_nothing_happens(void **state)
{
	struct sim_options so;
	struct sim *sim;
	static char a[8192], b[8192];

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	sim = sim_new("demo", &so, 0);
	sim_digest(sim, a, sizeof(a));
	assert_int_equal(sim_next_change(sim), UINT64_MAX);
	sim_advance(sim, 3600 * 1000);
	sim_digest(sim, b, sizeof(b));
	assert_string_equal(a, b);
	sim_free(sim);
}

/* Requests made straight to the simulator answer with clusapi codes. */
static void
direct_requests(void **state)
{
	struct sim_options so;
	struct sim *sim;
	struct action a;
	char *err = NULL;
	int status = -1;

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	sim = sim_new("demo", &so, 0);
	action_init(&a, ACT_OFFLINE, TARGET_RESOURCE, "admin-ip", NULL, &err);
	assert_int_equal(sim_request(sim, &a, 0, &status, &err), 0);
	assert_int_equal(status, CCON_IO_PENDING);
	assert_null(err);
	assert_true(sim_next_change(sim) >= 1600);
	assert_true(sim_next_change(sim) <= 2400);
	/* pending: 997 again, refused with a reason, nothing done */
	assert_int_equal(sim_request(sim, &a, 10, &status, &err), -1);
	assert_int_equal(status, CCON_IO_PENDING);
	assert_non_null(strstr(err, "still going offline"));
	free(err);
	err = NULL;
	action_init(&a, ACT_OFFLINE, TARGET_RESOURCE, "nope", NULL, &err);
	assert_int_equal(sim_request(sim, &a, 20, &status, &err), -1);
	assert_int_equal(status, CCON_RESOURCE_NOT_FOUND);
	assert_non_null(err);
	free(err);
	assert_int_equal(sim_requests_seen(sim), 3);
	sim_free(sim);
}

/* An injected monitor failure hits the instance where it is asked to,
 * and the members after a failed one stop for the moment. */
static void
injected_monitor_failure(void **state)
{
	struct sim_options so;
	struct sim *sim;
	struct snapshot *s;
	long i;
	unsigned n;

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	sim = sim_new("demo", &so, 0);
	assert_int_equal(sim_inject_monitor_failure(sim, "nope", NULL, 10),
			 -1);
	assert_int_equal(sim_inject_monitor_failure(sim, "ping", "zulu", 10),
			 -1);
	assert_int_equal(sim_inject_monitor_failure(sim, "license-srv", NULL,
						    10), -1);
	assert_int_equal(sim_inject_monitor_failure(sim, "ping", "bravo", 10),
			 0);
	assert_int_equal(sim_inject_monitor_failure(sim, "ping", "bravo", 20),
			 -1);
	assert_int_equal(sim_inject_monitor_failure(sim, "web-fs", NULL, 20),
			 0);
	sim_advance(sim, 60000);
	s = sim_snapshot(sim);
	for (n = 0; (i = snapshot_find_instance(s, "ping", n)) >= 0; n++)
		assert_int_equal(s->resources[i].state,
				 strcmp(s->resources[i].nodes[0], "bravo") == 0
				 ? RES_FAILED : RES_ONLINE);
	assert_int_equal(n, 3);
	i = snapshot_find_resource(s, "web-fs");
	assert_int_equal(s->resources[i].state, RES_FAILED);
	assert_string_equal(s->resources[i].failure,
			    "monitor: not running (7) on alpha");
	assert_int_equal(s->resources[snapshot_find_resource(s, "web-server")]
			 .state, RES_OFFLINE);
	assert_int_equal(s->resources[snapshot_find_resource(s, "web-ip")]
			 .state, RES_ONLINE);
	snapshot_unref(s);
	sim_free(sim);
}

/* The flags of a resource in a snapshot of sim (its first instance). */
static unsigned
res_flags(struct sim *sim, const char *id)
{
	struct snapshot *s = sim_snapshot(sim);
	long i = snapshot_find_resource(s, id);
	unsigned flags;

	assert_true(i >= 0);
	flags = s->resources[i].flags;
	snapshot_unref(s);
	return flags;
}

static void
request(struct sim *sim, enum action_kind kind, enum target_kind tk,
	const char *target, const char *node, uint64_t now)
{
	struct action a;
	char *err = NULL;
	int status;

	assert_int_equal(action_init(&a, kind, tk, target, node, &err), 0);
	if (sim_request(sim, &a, now, &status, &err) != 0)
		fail_msg("%s %s: %s", action_kind_word(kind), target, err);
}

/* Own-stopped says who asked: the resource itself (or a lone resource's
 * one role), not its container. Disabled says either. */
static void
own_stopped_flag(void **state)
{
	struct sim_options so;
	struct sim *sim;
	unsigned f;

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	sim = sim_new("demo", &so, 0);
	/* A lone resource created stopped, and one stopped by request. */
	f = res_flags(sim, "license-srv");
	assert_true(f & RES_F_DISABLED);
	assert_true(f & RES_F_OWN_STOPPED);
	assert_false(res_flags(sim, "admin-ip") & (RES_F_DISABLED |
						    RES_F_OWN_STOPPED));
	request(sim, ACT_OFFLINE, TARGET_RESOURCE, "admin-ip", NULL, 0);
	f = res_flags(sim, "admin-ip");
	assert_true(f & RES_F_DISABLED);
	assert_true(f & RES_F_OWN_STOPPED);
	/* A member by its own request; the members after it are only
	 * stopped, with their roles as they were. */
	request(sim, ACT_OFFLINE, TARGET_RESOURCE, "web-fs", NULL, 0);
	f = res_flags(sim, "web-fs");
	assert_true(f & RES_F_DISABLED);
	assert_true(f & RES_F_OWN_STOPPED);
	assert_false(res_flags(sim, "web-server") & (RES_F_DISABLED |
						      RES_F_OWN_STOPPED));
	/* A whole group stopped: its members are disabled by it alone. */
	request(sim, ACT_OFFLINE, TARGET_GROUP, "db", NULL, 0);
	f = res_flags(sim, "db-pgsql");
	assert_true(f & RES_F_DISABLED);
	assert_false(f & RES_F_OWN_STOPPED);
	/* A clone likewise, its instances by their own role. */
	request(sim, ACT_OFFLINE, TARGET_GROUP, "ping-clone", NULL, 0);
	f = res_flags(sim, "ping");
	assert_true(f & RES_F_DISABLED);
	assert_false(f & RES_F_OWN_STOPPED);
	sim_advance(sim, 60000);
	request(sim, ACT_ONLINE, TARGET_GROUP, "ping-clone", NULL, 60000);
	sim_advance(sim, 90000);
	request(sim, ACT_OFFLINE, TARGET_RESOURCE, "ping", NULL, 90000);
	f = res_flags(sim, "ping");
	assert_true(f & RES_F_DISABLED);
	assert_true(f & RES_F_OWN_STOPPED);
	/* Online gives the resource its role back. */
	sim_advance(sim, 120000);
	request(sim, ACT_ONLINE, TARGET_RESOURCE, "admin-ip", NULL, 120000);
	assert_false(res_flags(sim, "admin-ip") & (RES_F_DISABLED |
						    RES_F_OWN_STOPPED));
	sim_free(sim);
}

/* An injected count of failures: that many starts fail, then it works. */
static void
injected_failures_count(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	int i;

	(void)state;
	assert_int_equal(sim_inject_start_failure(f->sim, "nope", 1), -1);
	assert_int_equal(sim_inject_start_failure(f->sim, "license-srv", 2),
			 0);
	for (i = 0; i < 2; i++) {
		fixture_request(f, ACT_ONLINE, TARGET_RESOURCE, "license-srv",
				NULL);
		fixture_advance(f, 4000);
		assert_int_equal(fixture_res(f, "license-srv"), RES_FAILED);
	}
	fixture_request(f, ACT_ONLINE, TARGET_RESOURCE, "license-srv", NULL);
	fixture_advance(f, 4000);
	assert_int_equal(fixture_res(f, "license-srv"), RES_ONLINE);
	fixture_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(demo_layout),
		cmocka_unit_test(deterministic_for_a_seed),
		cmocka_unit_test(calm_means_nothing_happens),
		cmocka_unit_test(direct_requests),
		cmocka_unit_test(injected_failures_count),
		cmocka_unit_test(own_stopped_flag),
		cmocka_unit_test(injected_monitor_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
