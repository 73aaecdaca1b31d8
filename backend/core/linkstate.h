/* What the backend knows of one node it may reach a cluster through: the
 * vocabulary shared by transports (which fill it), drivers (which pass it
 * on) and the cluster worker (which publishes it to the UI). */
#ifndef CCON_LINKSTATE_H
#define CCON_LINKSTATE_H

#include <stdbool.h>
#include <stdint.h>

enum link_state { LINK_UNTRIED, LINK_UP, LINK_DOWN };

struct link_status {
	char node[128];           /* as configured: "db2:2222" */
	enum link_state state;
	bool in_use;              /* the node commands run on now */
	char reason[512];         /* why it is down, or "" */
	uint64_t retry_ms;        /* monotonic time of the next try, if down */
};

#endif
