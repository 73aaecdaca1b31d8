/* Questions about the model behind a row or a whole snapshot: where a
 * row's object runs, its transition, since when it has been pending,
 * and the figures of the summary. Pure, like rows.h. */
#ifndef CCON_ROWS_QUERY_H
#define CCON_ROWS_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backend/core/model.h"
#include "views/rows.h"

struct rows_summary {
	unsigned nodes, nodes_up;     /* nodes: as many as the cluster has,
				       * where it says more than it listed;
				       * up: and clean */
	unsigned resources, resources_online;
	unsigned failed, pending;
	unsigned nodes_unclean;       /* up or down, to be fenced */
};

/* Whether s holds the row's object (the row may come from an older
 * snapshot); a heading or an event has none and is valid in any
 * snapshot, but no row is in a NULL one. */
bool rows_valid(const struct snapshot *s, const struct row *r);

/* Where the row's resource or group runs (distinct node names, pointers
 * into the snapshot); returns how many, at most max. */
size_t rows_owners(const struct snapshot *s, const struct row *r,
		   const char **out, size_t max);

/* The transition of the row's own target (same id and kind), or NULL. */
const struct transition *rows_transition(const struct snapshot *s,
					 const struct row *r);

/* Since when the row has been pending (its transition's start, else its
 * state's), 1 when it is pending since a time not known, 0 when it is
 * not pending. A group is pending while a member is. */
uint64_t rows_pending_since(const struct snapshot *s, const struct row *r);

/* Whether the row's object is as it is meant to be: what an operator
 * need not look at. A resource runs and is meant to (no stopped target
 * role), or is stopped and meant to be (the model's meant_running /
 * meant_stopped of backend/core/action.c); it is not blocked, unmanaged,
 * in maintenance, pinned or orphaned; no request of ours on it failed or
 * timed out. A group when it and each of its members are; a node when
 * it is up, clean, out of maintenance and not draining. A heading has
 * no state of its own (true); an event is not asked here. */
bool rows_as_meant(const struct snapshot *s, const struct row *r);

/* The words a filter finds the row by, lower case (ASCII), separated by
 * ROWS_WORD_SEP so that a filter never matches across two of them: its
 * id, group, nodes, agent, state and flag words (both forms), role, a
 * failed or timed-out request; for an event its severity, kind and text.
 * A heading has none. Always NUL-terminated. */
#define ROWS_WORD_SEP '\x1f'
void rows_words(const struct rows_ctx *c, size_t i, char *buf, size_t sz);

/* Whether something in s is in flight (pending state or transition):
 * the screen then animates. */
bool rows_any_pending(const struct snapshot *s);
void rows_summarize(const struct snapshot *s, struct rows_summary *out);

#endif
