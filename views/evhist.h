/* The bounded event history of one cluster: a ring of the newest
 * events, read newest first by the events view. */
#ifndef CCON_EVHIST_H
#define CCON_EVHIST_H

#include <stddef.h>
#include <stdint.h>

#include "backend/core/cluster.h"

struct event_hist {
	struct event *v;
	size_t cap, start, n;
	uint64_t gen;       /* bumped by every push */
};

/* Returns 0, or -1 when out of memory. */
int evhist_init(struct event_hist *h, size_t cap);
void evhist_free(struct event_hist *h);
/* Appends a copy of e, dropping the oldest when full. */
void evhist_push(struct event_hist *h, const struct event *e);
/* The i-th newest event (0 = newest), or NULL. */
const struct event *evhist_get(const struct event_hist *h, size_t i);

#endif
