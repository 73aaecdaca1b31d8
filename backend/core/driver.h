/* The driver interface: what the cluster worker asks of a back end (sim,
 * pacemaker, wsfc). Calls may block; they run on the worker thread only. */
#ifndef CCON_DRIVER_H
#define CCON_DRIVER_H

#include <stdint.h>

#include "backend/core/action.h"
#include "backend/core/detail.h"
#include "backend/core/model.h"
#include "backend/core/preview.h"
#include "backend/core/linkstate.h"

struct driver;

/* fetch's answer when nothing changed. */
#define DRIVER_UNCHANGED 1

struct driver_ops {
	const char *name;
	/* What this cluster type can be asked to do: ACTION_CAP bits of
	 * action.h. Requests outside it never reach act(). */
	unsigned caps;
	/* Fetches the cluster's state. Returns 0 with a finished snapshot
	 * in *out (one ref); DRIVER_UNCHANGED when the driver knows the
	 * state is still what the last snapshot it returned says (then
	 * nothing is parsed, compared or drawn; only a driver that has
	 * returned a snapshot may say it); or -1 with *err (caller frees).
	 * *out is untouched unless 0 is returned. now_ms is the worker's
	 * monotonic clock. */
	int (*fetch)(struct driver *d, uint64_t now_ms, struct snapshot **out,
		     char **err);
	/* Carries out a request that action_plan accepted. Returns 0, or -1
	 * with *err: a message for the operator (the command's stderr). */
	int (*act)(struct driver *d, const struct action *a, uint64_t now_ms,
		   char **err);
	/* Optional: what a request that action_plan accepts would do, worked
	 * out without changing anything (preview.h); the cluster's read-only
	 * gate refuses before it is called. Returns 0 with *out filled
	 * (caller frees), or -1 with *err. NULL: this cluster type has no
	 * preview. */
	int (*preview)(struct driver *d, const struct action *a,
		       uint64_t now_ms, struct preview *out, char **err);
	/* Optional: what the detail pane shows of q beyond the snapshot
	 * (detail.h): operations history, constraints, the agent's
	 * parameters, a node's attributes. A query: it changes nothing on
	 * the cluster and is asked in read-only mode too. Returns 0 with
	 * sections appended to *out, or -1 with *err (caller frees). NULL:
	 * the snapshot is all this cluster type says. */
	int (*detail)(struct driver *d, const struct detail_ask *q,
		      uint64_t now_ms, struct detail *out, char **err);
	/* Optional: the monotonic time at which the driver wants to fetch
	 * before the refresh interval is up: its state changes by itself
	 * then (a simulated transition ending), or it has something to look
	 * at (a doorbell to read, a transition to follow closely);
	 * UINT64_MAX if none. Lets the worker fetch exactly then. */
	uint64_t (*next_change_ms)(struct driver *d, uint64_t now_ms);
	/* Optional: the nodes the driver can reach the cluster through, and
	 * how each answers (linkstate.h); returns how many, at most max. */
	size_t (*links)(struct driver *d, struct link_status *out, size_t max);
	/* Optional: the time (the worker's clock) up to which fetch's last
	 * DRIVER_UNCHANGED is known true: a doorbell hears of a change
	 * some time after it, so its silence vouches for less than now.
	 * NULL: the now_ms of that fetch. */
	uint64_t (*unchanged_as_of_ms)(struct driver *d);
	/* Optional: called on every wake of the worker (keepalives). */
	void (*tick)(struct driver *d);
	void (*destroy)(struct driver *d);
};

/* Implementations embed this first. */
struct driver {
	const struct driver_ops *ops;
};

#endif
