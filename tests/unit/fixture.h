/* Shared test fixture: a cluster over the simulator on a clock the test
 * moves by hand, so nothing sleeps and every run is the same. */
#ifndef CCON_TEST_FIXTURE_H
#define CCON_TEST_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/core/action.h"
#include "backend/core/cluster.h"
#include "backend/drivers/sim/sim.h"
#include "backend/core/status.h"

struct fixture {
	uint64_t now;
	struct cluster *c;
	struct sim *sim;
};

static inline uint64_t
fixture_clock(void *ctx)
{
	return ((struct fixture *)ctx)->now;
}

/* A cluster over a simulator with these options. */
static inline struct fixture *
fixture_new_with(bool readonly, struct audit *audit,
		 const struct sim_options *so)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct cluster_params p = { 0 };
	struct driver *d;

	f->now = 1000000;
	d = sim_driver_new("test", so, f->now);
	f->sim = sim_driver_sim(d);
	p.name = "test";
	p.driver_name = "sim";
	p.readonly = readonly;
	p.refresh_ms = 2000;
	p.transition_timeout_ms = 60000;
	p.audit = audit;
	p.clock_ms = fixture_clock;
	p.clock_ctx = f;
	f->c = cluster_new(&p, d, NULL);
	assert_int_equal(cluster_refresh(f->c), 0);
	return f;
}

/* Calm simulator (no spontaneous events), 3 s starts, 2 s stops, and
 * optionally one resource whose starts always fail. */
static inline struct fixture *
fixture_new(bool readonly, struct audit *audit, const char *fail_start)
{
	struct sim_options so;
	const char *fails[1] = { fail_start };

	sim_options_default(&so);
	so.calm = true;
	so.seed = 7;
	if (fail_start != NULL) {
		so.fail_start = fails;
		so.n_fail_start = 1;
	}
	return fixture_new_with(readonly, audit, &so);
}

static inline void
fixture_free(struct fixture *f)
{
	cluster_free(f->c);
	free(f);
}

/* Moves the clock on and fetches, as the worker would. */
static inline void
fixture_advance(struct fixture *f, uint64_t ms)
{
	f->now += ms;
	assert_int_equal(cluster_refresh(f->c), 0);
}

/* Submits a request and returns its answer (the worker is not running,
 * so it is carried out at once). */
static inline int
fixture_request(struct fixture *f, enum action_kind kind,
		enum target_kind tk, const char *target, const char *node)
{
	struct action a;
	struct cluster_status st;
	char *err = NULL;
	int rc;

	assert_int_equal(action_init(&a, kind, tk, target, node, &err), 0);
	rc = cluster_submit(f->c, &a, &err);
	free(err);
	if (rc != CCON_OK)
		return rc;
	cluster_get_status(f->c, &st);
	return st.last_status;
}

/* State of the first resource instance with this id. */
static inline enum res_state
fixture_res(struct fixture *f, const char *id)
{
	struct snapshot *s = cluster_snapshot(f->c);
	long i = snapshot_find_resource(s, id);
	enum res_state st;

	assert_true(i >= 0);
	st = s->resources[i].state;
	snapshot_unref(s);
	return st;
}

static inline enum group_state
fixture_group(struct fixture *f, const char *id)
{
	struct snapshot *s = cluster_snapshot(f->c);
	long i = snapshot_find_group(s, id);
	enum group_state st;

	assert_true(i >= 0);
	st = s->groups[i].state;
	snapshot_unref(s);
	return st;
}

static inline const char *
fixture_res_node(struct fixture *f, const char *id, char *buf, size_t sz)
{
	struct snapshot *s = cluster_snapshot(f->c);
	long i = snapshot_find_resource(s, id);

	assert_true(i >= 0);
	snprintf(buf, sz, "%s", s->resources[i].n_nodes
		 ? s->resources[i].nodes[0] : "");
	snapshot_unref(s);
	return buf;
}

/* Flags of the first resource instance with this id. */
static inline unsigned
fixture_flags(struct fixture *f, const char *id)
{
	struct snapshot *s = cluster_snapshot(f->c);
	long i = snapshot_find_resource(s, id);
	unsigned flags;

	assert_true(i >= 0);
	flags = s->resources[i].flags;
	snapshot_unref(s);
	return flags;
}

/* The resource fails its monitor where it runs now, as in the demo. */
static inline void
fixture_fail(struct fixture *f, const char *id)
{
	assert_int_equal(sim_inject_monitor_failure(f->sim, id, NULL, f->now),
			 0);
	assert_int_equal(cluster_refresh(f->c), 0);
}

/* Status of the transition of a target, or -1 when none is on record. */
static inline int
fixture_transition(struct fixture *f, enum target_kind tk, const char *target)
{
	struct snapshot *s = cluster_snapshot(f->c);
	const struct transition *t = snapshot_transition_for(s, (int)tk,
							     target);
	int st = t != NULL ? (int)t->status : -1;

	snapshot_unref(s);
	return st;
}

/* Whether an undelivered event's text holds `needle`; drains them. */
static inline bool
fixture_event_seen(struct fixture *f, const char *needle)
{
	struct event ev[64];
	size_t n, i;
	bool seen = false;

	while ((n = cluster_drain_events(f->c, ev, 64)) > 0)
		for (i = 0; i < n; i++)
			if (strstr(ev[i].text, needle) != NULL)
				seen = true;
	return seen;
}

#endif
