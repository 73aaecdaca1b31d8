/* Which of a cluster's nodes to read it through: the one rule, shared by
 * the transports, and tested alone. Each node has what the link knows of
 * it (can it be logged in to?) and what was found there (node_verdict:
 * can its tools reach the cluster, does it have quorum, does it answer
 * fast?), each with the time it may be tried again.
 *
 * The rule: a node that is down or cannot serve is left alone until its
 * time to be tried again comes; of the others, a good or untried node
 * comes before a slow one, and a slow one before one without quorum (a
 * minority's view is the last resort, not no view at all); within a rank
 * the configured order decides, so that ccon returns to the first node
 * once it serves again. A node whose time has come is tried as if new,
 * but not in the way of the node in use while that one serves: it is
 * logged in to in the background (nodechoice_probe), and used once that
 * worked. Only when the node in use fails is it tried at once. */
#ifndef CCON_NODECHOICE_H
#define CCON_NODECHOICE_H

#include <stddef.h>
#include <stdint.h>

#include "backend/core/linkstate.h"

struct node_choice {
	enum link_state link;
	enum node_verdict verdict;
	uint64_t retry_ms;        /* when a down or judged node is tried again */
};

/* The node to use at now_ms, given the one in use (current, or -1 when
 * there is no session); -1 when every node waits out its time. */
long nodechoice_pick(const struct node_choice *nodes, size_t n, long current,
		     uint64_t now_ms);

/* The node to try again in the background at now_ms: one whose time has
 * come and which would be preferred to the one in use if it serves; -1
 * when there is none, or no node in use (then nodechoice_pick tries it). */
long nodechoice_probe(const struct node_choice *nodes, size_t n, long current,
		      uint64_t now_ms);

#endif
