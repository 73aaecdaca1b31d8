/* What a request would do to the cluster, worked out without changing
 * anything (a dry run): which resources would stop, start, move or
 * restart, and on which nodes. Drivers answer it (the simulator with its
 * own scheduler, Pacemaker with crm_simulate on a scratch copy of the
 * CIB); the console shows it before the operator confirms, and
 * `ccon --once --what-if` prints it. */
#ifndef CCON_PREVIEW_H
#define CCON_PREVIEW_H

#include <stddef.h>

enum preview_change {
	PREVIEW_STOP,
	PREVIEW_START,
	PREVIEW_MOVE,             /* stops on one node, starts on another */
	PREVIEW_RESTART,          /* stops and starts on the same node */
	PREVIEW_PROMOTE,
	PREVIEW_DEMOTE,
	PREVIEW_COUNT
};

struct preview_item {
	enum preview_change change;
	char *id;                 /* the resource (an instance: its id) */
	char *from;               /* the node it leaves or is on, or NULL */
	char *to;                 /* the node it goes to, or NULL */
};

struct preview {
	struct preview_item *items;
	size_t n, cap;
};

/* Appends a change; strings are copied, from and to may be NULL. */
void preview_add(struct preview *p, enum preview_change change,
		 const char *id, const char *from, const char *to);
void preview_free(struct preview *p);

/* "stop", "start", "move", "restart", "promote", "demote". */
const char *preview_change_word(enum preview_change c);

/* Whether the preview changes the resource id at all. */
int preview_touches(const struct preview *p, const char *id);

#endif
