/* What the backend knows of one node it may reach a cluster through: the
 * vocabulary shared by transports (which fill it), drivers (which pass it
 * on) and the cluster worker (which publishes it to the UI). */
#ifndef CCON_LINKSTATE_H
#define CCON_LINKSTATE_H

#include <stdbool.h>
#include <stdint.h>

enum link_state { LINK_UNTRIED, LINK_UP, LINK_DOWN };

/* What was found about a node that answers: whether ccon should read the
 * cluster through it. A node can be logged in to and still not serve:
 * its cluster stack down (its tools cannot reach the cluster), in a
 * partition without quorum (its view is a minority's), or slow. Each
 * such verdict lasts until the node is tried again, with backoff. */
enum node_verdict {
	VERDICT_UNKNOWN,          /* not judged yet, or judged long ago */
	VERDICT_GOOD,
	VERDICT_SLOW,             /* answers, slowly */
	VERDICT_NO_QUORUM,        /* in a partition without quorum */
	VERDICT_NO_STACK,         /* its cluster tools cannot reach the
				   * cluster */
};

struct link_status {
	char node[128];           /* as configured: "db2:2222" */
	enum link_state state;
	bool in_use;              /* the node commands run on now */
	enum node_verdict verdict;
	char reason[512];         /* why it is down or judged, or "" */
	uint64_t retry_ms;        /* monotonic time of the next try, if down */
};

#endif
