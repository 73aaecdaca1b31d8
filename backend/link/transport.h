/* How drivers run a cluster's own command-line tools: over one warm SSH
 * session to one of the cluster's nodes (backend/ssh_link.h), or on this
 * machine (backend/local.h). Used by one worker thread at a time. */
#ifndef CCON_TRANSPORT_H
#define CCON_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backend/core/linkstate.h"

struct transport_result {
	int exit_status;          /* the command's; -1 if it had none */
	char *out;                /* stdout, NUL-terminated (caller frees) */
	size_t out_len;
	char *err;                /* stderr, NUL-terminated (caller frees) */
	size_t err_len;
	/* Set when run failed because the command outlived its timeout (it
	 * was stopped): a node whose tools hang cannot serve. */
	bool timed_out;
};

struct transport;

struct transport_ops {
	const char *name;
	/* Runs argv[0..argc) and waits up to timeout_ms for it to finish.
	 * Returns 0 when the command ran, whatever its exit status (in
	 * res, which the caller frees with transport_result_free), or -1
	 * with *err (caller frees) when it could not run or did not finish
	 * in time; a transport over several nodes tries the others first. */
	int (*run)(struct transport *t, const char *const *argv, size_t argc,
		   unsigned timeout_ms, struct transport_result *res,
		   char **err);
	/* The node the last command ran on, or NULL. */
	const char *(*current_node)(struct transport *t);
	/* Up to max entries, one per node; returns how many. */
	size_t (*status)(struct transport *t, struct link_status *out,
			 size_t max);
	/* Optional: what the driver found on the node in use
	 * (linkstate.h): VERDICT_GOOD once it served, or why it cannot
	 * (VERDICT_NO_STACK, VERDICT_NO_QUORUM), with why for the status
	 * line. The transport then prefers other nodes for a while
	 * (nodechoice.h). Returns whether the next run goes to another
	 * node: a driver then tries again there. */
	bool (*judge)(struct transport *t, enum node_verdict v,
		      const char *why);
	/* Keeps an idle connection alive; cheap when it is not idle. */
	void (*keepalive)(struct transport *t);
	/* A long-running command whose output only says "something
	 * happened" (a doorbell): started by stream_open (-1 with *err if
	 * it cannot be), read without waiting by stream_poll, which returns
	 * how many bytes arrived (0: none) or -1 once the stream is gone (the
	 * command ended, or the connection did: open it again). One stream
	 * per transport; stream_close ends it. All three may be NULL.
	 * answer_ms: how long the far end may take, beyond the round trip,
	 * to answer a ping (its own work: 0 for the shell wrapper, one look
	 * at the cluster for a doorbell that answers after it); the link
	 * calls itself slow only past that. */
	int (*stream_open)(struct transport *t, const char *const *argv,
			   size_t argc, unsigned answer_ms, char **err);
	long (*stream_poll)(struct transport *t);
	/* Optional: stream_poll without the ping, what has arrived on this
	 * side already; cheap enough to call several times a second, and
	 * it proves nothing of a quiet stream. NULL: stream_poll is as
	 * cheap (a local stream). */
	long (*stream_peek)(struct transport *t);
	/* Optional: when the stream last proved itself alive, on a
	 * transport whose stream can go quiet without ending (a link cut
	 * without a word): stream_poll pings the far end, and what arrived
	 * before the answer was sent before it. The monotonic time the
	 * newest answered ping was sent; 0 if none was answered yet. NULL:
	 * a quiet stream is alive (a local process). */
	uint64_t (*stream_heard_ms)(struct transport *t);
	void (*stream_close)(struct transport *t);
	void (*destroy)(struct transport *t);
};

/* Implementations embed this first. */
struct transport {
	const struct transport_ops *ops;
};

void transport_result_free(struct transport_result *r);

/* What a quiet stream proves, its last poll before this one having
 * been at prev_poll_ms (the monotonic clock): PROVEN, that what it would
 * have said by then had arrived, *ago_ms before now (the time its
 * answered ping left; 0 on a transport without pings, whose streams are
 * there while they run); LATE, alive but no answer since that poll;
 * UNPROVEN, no answer yet at all. */
enum stream_proof { STREAM_PROVEN, STREAM_LATE, STREAM_UNPROVEN };
enum stream_proof transport_stream_proof(struct transport *t,
					 uint64_t prev_poll_ms,
					 uint64_t *ago_ms);

/* Output is capped: a node that sends more is cut off with an error,
 * rather than growing the process without bound. */
#define TRANSPORT_OUTPUT_MAX (64u * 1024 * 1024)

/* Building a result's outputs: appends n bytes, keeping a NUL after them.
 * Returns -1 (and appends nothing) past TRANSPORT_OUTPUT_MAX. */
int transport_append(char **buf, size_t *len, size_t *cap, const char *data,
		     size_t n);

#endif
