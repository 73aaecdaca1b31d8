/* The embedded cluster simulator: a deterministic three-node cluster with
 * clusapi semantics, timed transitions, injectable failures and previews
 * of requests, driven by a clock its caller controls. Also wrapped as the
 * "sim" driver. */
#ifndef CCON_SIM_H
#define CCON_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "backend/core/action.h"
#include "backend/core/driver.h"
#include "backend/core/model.h"

struct sim;

struct sim_options {
	uint64_t seed;
	bool calm;                    /* no spontaneous failures or pauses */
	unsigned online_delay_ms;     /* how long a start takes */
	unsigned offline_delay_ms;    /* how long a stop takes */
	unsigned event_min_ms;        /* spontaneous events: spacing range */
	unsigned event_max_ms;
	unsigned copies;              /* the layout this many times (0, 1:
				       * once), ids of copy k ending ".k" */
	const char *const *fail_start; /* resource ids whose starts fail */
	size_t n_fail_start;
};

/* Defaults: seed 1, 3 s starts, 2 s stops, an event every 20 to 45 s. */
void sim_options_default(struct sim_options *o);

/* The ids of the resources every simulated cluster has (a clone's once),
 * in the order of its layout: what sim.fail_start may name. Writes the
 * first max of them to ids (static strings) and returns how many there
 * are in all. */
size_t sim_resource_ids(const char **ids, size_t max);

/* A new simulated cluster named `name`, settled (all wanted resources
 * online) at time now_ms. */
struct sim *sim_new(const char *name, const struct sim_options *o,
		    uint64_t now_ms);
void sim_free(struct sim *sim);

/* Runs the simulation up to now_ms (never backwards). */
void sim_advance(struct sim *sim, uint64_t now_ms);

/* The state at the last sim_advance, as a finished snapshot (one ref). */
struct snapshot *sim_snapshot(const struct sim *sim);

/* Carries out a request at now_ms, planned as the cluster layer plans it
 * (action_plan). Returns 0 when it was carried out or there was nothing
 * to do, with *status the answer: CCON_OK, or CCON_IO_PENDING when it
 * started a transition. Returns -1 when it was refused and nothing was
 * done: *status says why (an error code, or CCON_IO_PENDING when the
 * target is already in transition) and *err (caller frees) in words. */
int sim_request(struct sim *sim, const struct action *a, uint64_t now_ms,
		int *status, char **err);

/* What a request would do at now_ms, answered by the simulator's own
 * scheduler on copies of the simulation, which itself is left untouched
 * (its state, generator and next events): one copy is given the request
 * and one is not, both run on until no operation is in flight, with no
 * spontaneous events and no injected failures, and *out lists every
 * resource instance that ends up placed otherwise: stops (from a node),
 * starts (to a node), moves (from, to), those that group order and
 * membership pull in too, clone instances by their resource id. What is
 * under way already is not the request's doing, and is not listed.
 * Returns 0 with *out filled (caller frees with preview_free; empty when
 * the request has nothing to do), or -1 with *err (caller frees) when it
 * would be refused. */
int sim_preview(const struct sim *sim, const struct action *a,
		uint64_t now_ms, struct preview *out, char **err);

/* The simulator's part of a detail (driver.h's detail): a resource's
 * recent operations newest first, the move and ban constraints of its
 * unit and its group's order, its agent and made-up parameters (a
 * database password among them, hidden); a node's attributes. Appends
 * to *out and returns 0, or -1 with *err (caller frees) when q names
 * nothing in the simulation. Changes nothing. */
int sim_detail(const struct sim *sim, const struct detail_ask *q,
	       struct detail *out, char **err);

/* Makes the next `count` starts of resource `id` fail (count < 0: all of
 * them, until cleared with count 0). Returns -1 if there is no such id. */
int sim_inject_start_failure(struct sim *sim, const char *id, int count);

/* Makes the instance of resource `id` that runs on `node` (NULL: the
 * first that runs) fail its monitor at now_ms, as a spontaneous failure
 * would. Returns -1 if no such instance is running there. */
int sim_inject_monitor_failure(struct sim *sim, const char *id,
			       const char *node, uint64_t now_ms);

/* When the simulation next changes by itself, or UINT64_MAX. */
uint64_t sim_next_change(struct sim *sim);

/* A number that moves on whenever the state changes (and only then). */
uint64_t sim_generation(const struct sim *sim);

/* Requests the simulator has accepted so far (for tests of the gate). */
unsigned long sim_requests_seen(const struct sim *sim);

/* The "sim" driver over a new simulator. */
struct driver *sim_driver_new(const char *name, const struct sim_options *o,
			      uint64_t now_ms);
/* The simulator behind a sim driver (for tests and fault injection). */
struct sim *sim_driver_sim(struct driver *d);

#endif
