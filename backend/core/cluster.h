/* One cluster as the UI sees it: a worker that fetches state through a
 * driver, runs queued actions behind the read-only gate, tracks their
 * transitions, writes the audit log, and publishes snapshots and events. */
#ifndef CCON_CLUSTER_H
#define CCON_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "backend/core/action.h"
#include "backend/core/detail.h"
#include "backend/core/driver.h"
#include "backend/core/model.h"
#include "backend/core/preview.h"

struct cluster;
struct audit;

struct cluster_params {
	const char *name;
	const char *driver_name;      /* for messages and JSON */
	bool readonly;
	unsigned refresh_ms;          /* periodic fetch */
	unsigned transition_timeout_ms;
	struct audit *audit;          /* may be NULL; not owned */
	/* Monotonic clock in ms; NULL means CLOCK_MONOTONIC. Tests pass theirs. */
	uint64_t (*clock_ms)(void *ctx);
	void *clock_ctx;
};

enum event_kind {
	EV_ACTION,          /* a request and its immediate answer */
	EV_TRANSITION_DONE,
	EV_TRANSITION_FAILED,
	EV_STATE,           /* a resource, group or node changed state */
	EV_ERROR,           /* fetch failed, data stale */
	EV_INFO,
};

enum event_severity { SEV_INFO, SEV_OK, SEV_WARN, SEV_ERROR };

struct event {
	uint64_t seq;
	int64_t wall_ms;              /* epoch ms */
	enum event_kind kind;
	enum event_severity severity;
	char text[320];               /* unsanitized: draw through termtext */
};

#define CLUSTER_LINKS_MAX 8

struct cluster_status {
	bool have_data;
	bool stale;
	uint64_t last_ok_ms;          /* monotonic time of the last good fetch */
	/* How old the data already was at that fetch: a saved file's own
	 * time (snapshot data_wall) before the clock of the fetch; 0 for a
	 * live cluster. The data's age is now - last_ok_ms + this. */
	uint64_t data_age_ms;
	char source[128];
	char error[256];              /* why the data is stale, or "" */
	char last_message[320];       /* answer to the last action */
	int last_status;              /* its ccon_status, or -1 if none yet */
	/* The nodes the driver reaches the cluster through, and how each
	 * answers (empty for drivers without any, such as the simulator). */
	struct link_status links[CLUSTER_LINKS_MAX];
	size_t n_links;
};

/* Takes ownership of `driver` (may be NULL for a driver that is not
 * available: the cluster then reports `unavailable` as its error). */
struct cluster *cluster_new(const struct cluster_params *p,
			    struct driver *driver, const char *unavailable);
void cluster_free(struct cluster *c);   /* stops the worker first */

const char *cluster_name(const struct cluster *c);
bool cluster_readonly(const struct cluster *c);
/* What the cluster's type can be asked to do (ACTION_CAP bits); 0 when
 * its driver is not available. */
unsigned cluster_caps(const struct cluster *c);
/* What kind of cluster this is, for messages: its driver's name ("sim",
 * "pacemaker", "pacemaker-file"), or the configured driver when it has
 * none available. */
const char *cluster_type(const struct cluster *c);
uint64_t cluster_now_ms(const struct cluster *c);

/* The action entry point. Checks read-only (refused here: nothing reaches
 * the driver) and validity, then queues the request for the worker, or,
 * with no worker running, carries it out at once. Returns CCON_OK when
 * queued, or a refusal code; either way *msg (caller frees) says what
 * happened ("offline group web: requested"). The answer of the cluster
 * comes later, as an EV_ACTION event and in cluster_status. */
int cluster_submit(struct cluster *c, const struct action *a, char **msg);

/* Clears the mark that a failed or timed-out request left on a target
 * (the operator has seen it); a request under way keeps its transition. */
void cluster_dismiss(struct cluster *c, enum target_kind tk,
		     const char *target);

/* A preview: what a would do, worked out on the worker without changing
 * anything (driver.h's preview). Returns a ticket, or 0 with *why (caller
 * frees) when there can be none: read-only (refused before anything
 * runs), not supported, no preview for the cluster type. A newer ask
 * replaces one not yet answered. With no worker running it is answered
 * at once. */
uint64_t cluster_preview_ask(struct cluster *c, const struct action *a,
			     char **why);
/* The answer to ticket, once: 1 with *out filled (caller frees with
 * preview_free) and *err NULL, or 1 with *err (caller frees) saying why
 * there is none; 0 while it is still being worked out. */
int cluster_preview_take(struct cluster *c, uint64_t ticket,
			 struct preview *out, char **err);

/* The driver's part of a detail (driver.h's detail: operations,
 * constraints, parameters, attributes), asked of the worker the way a
 * preview is: returns a ticket, or 0 with *why (caller frees) when the
 * driver is not available. A query, so read-only mode asks it too. A
 * newer ask replaces one not yet answered; with no worker running it is
 * answered at once. A driver without detail answers with nothing: the
 * snapshot's part (detail_from_snapshot) is all there is. */
uint64_t cluster_detail_ask(struct cluster *c, const struct detail_ask *q,
			    char **why);
/* The answer to ticket, once: 1 with *out filled (caller frees with
 * detail_free) and *err NULL, or 1 with *err (caller frees) and *out
 * empty; 0 while it is still being asked. */
int cluster_detail_take(struct cluster *c, uint64_t ticket,
			struct detail *out, char **err);

/* Synchronous core, used by the worker, by --once and by tests: fetch and
 * publish (returns 0, or -1 when the fetch failed and the data is stale);
 * run every queued request. */
int cluster_refresh(struct cluster *c);
void cluster_run_queued(struct cluster *c);

/* The worker thread: refreshes on its own and after each request, and
 * writes a byte to wake_fd whenever it published something. */
int cluster_start(struct cluster *c, int wake_fd, char **err);
void cluster_stop(struct cluster *c);

/* The newest snapshot (one ref for the caller), or NULL before the first. */
struct snapshot *cluster_snapshot(struct cluster *c);
void cluster_get_status(struct cluster *c, struct cluster_status *out);
/* Moves up to `max` undelivered events into out; returns how many. */
size_t cluster_drain_events(struct cluster *c, struct event *out, size_t max);

#endif
