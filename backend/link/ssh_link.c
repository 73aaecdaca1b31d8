#include "backend/link/ssh_link.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libssh/libssh.h>
#include <libssh/server.h>   /* ssh_send_keepalive, which clients use too */

#include "backend/link/nodechoice.h"
#include "backend/link/pong.h"
#include "backend/link/remote_shell.h"
#include "backend/link/ssh_probe.h"
#include "backend/link/ssh_session.h"
#include "backend/util/clock.h"
#include "backend/util/defaults.h"
#include "backend/util/nodespec.h"
#include "backend/util/str.h"
#include "backend/util/xalloc.h"

#define BACKOFF_MIN_MS 1000
#define BACKOFF_MAX_MS 30000
/* A link slower than this a round trip makes its node a lesser choice
 * for SLOW_RETRY_MS; so does a login that takes longer than
 * SLOW_LOGIN_MS when the node is tried again. */
#define SLOW_TRIP_MS 500
#define SLOW_RETRY_MS 30000
#define SLOW_LOGIN_MS 3000
/* A stream's ping unanswered this long (beyond the far end's own time
 * to answer, stream_open's answer_ms) says the link is slow (or gone)
 * without waiting for the answer. */
#define PING_LATE_MS 1000
/* How long stream_poll waits for the answer to the ping it sends. */
#define PONG_WAIT_MS 200
/* How often a running command's two streams are looked at. */
#define READ_SLICE_MS 100

struct link_node {
	char *spec;
	char *user;
	char *host;
	int port;
	enum link_state state;
	unsigned failures;
	uint64_t retry_ms;
	char reason[1024];            /* host key warnings are long */
	/* What the driver found there, and until when it holds. */
	enum node_verdict verdict;
	unsigned verdicts;            /* bad ones in a row, for the backoff */
	uint64_t verdict_retry_ms;
	/* The link's own finding: a channel took this long to open. */
	uint64_t slow_until_ms;
	unsigned slow_ms;
};

/* Every entry point that calls libssh first routes libssh's log for its
 * thread (sshsession_route_log): the link is used by a worker thread but
 * destroyed by whoever frees the cluster. */
struct ssh_link {
	struct transport base;
	char *cluster;
	char *user, *identity, *ssh_config, *known_hosts;
	char home[PATH_MAX];
	struct sshsession_config conf;  /* its strings are the ones above */
	unsigned keepalive_ms;
	const struct remote_shell *shell;

	struct link_node *nodes;
	size_t n_nodes;
	struct sshsession *session;
	long current;                 /* node index of session, or -1 */
	ssh_channel bell;             /* the stream, on session, or NULL */
	/* The stream's pings: the last one sent, and when the newest that
	 * was answered had been sent (0: none yet). */
	struct pong_reader pong;
	unsigned long ping_seq;
	bool ping_out;
	uint64_t ping_sent_ms, heard_ms;
	unsigned answer_ms;           /* the far end's own time to answer */
	unsigned long sessions_opened;
	uint64_t last_used_ms;
	/* A node tried again in the background (nodechoice_probe). */
	struct sshprobe *probe;
	long probe_node;
};

int
ssh_link_parse_node(const char *spec, char **user, char **host, int *port,
		    char **err)
{
	struct nodespec n;
	const char *why;

	if (nodespec_parse(spec, &n, &why) != 0) {
		*user = *host = NULL;
		*port = 0;
		*err = xasprintf("node '%s': %s", spec, why);
		return -1;
	}
	*user = n.user;
	*host = n.host;
	*port = n.port;
	return 0;
}

/* 1 s, 2 s, 4 s ... up to 30 s after the n-th failure in a row. */
static uint64_t
backoff_ms(unsigned failures)
{
	unsigned shift = failures < 5 ? failures : 5;
	uint64_t b = (uint64_t)BACKOFF_MIN_MS << shift;

	return b < BACKOFF_MAX_MS ? b : BACKOFF_MAX_MS;
}

static void
mark_down(struct ssh_link *l, size_t i, const char *why)
{
	struct link_node *n = &l->nodes[i];

	n->state = LINK_DOWN;
	n->retry_ms = clock_monotonic_ms() + backoff_ms(n->failures);
	n->failures++;
	str_copy(n->reason, sizeof(n->reason), why);
}

/* What is known of node i, for the rule of nodechoice.h: the driver's
 * verdict, or the link's "slow" where the driver found nothing wrong. */
static struct node_choice
choice_of(const struct link_node *n, uint64_t now)
{
	struct node_choice c = { .link = n->state, .verdict = n->verdict };

	if (n->state == LINK_DOWN)
		c.retry_ms = n->retry_ms;
	else if (n->verdict == VERDICT_NO_STACK ||
		 n->verdict == VERDICT_NO_QUORUM)
		c.retry_ms = n->verdict_retry_ms;
	else if (n->slow_until_ms > now) {
		c.verdict = VERDICT_SLOW;
		c.retry_ms = n->slow_until_ms;
	}
	return c;
}

#define CHOICES_MAX 64

/* What is known of every node (the first CHOICES_MAX), for the rule. */
static size_t
choices_of(const struct ssh_link *l, struct node_choice *c, uint64_t now)
{
	size_t i, n = l->n_nodes < CHOICES_MAX ? l->n_nodes : CHOICES_MAX;

	for (i = 0; i < n; i++)
		c[i] = choice_of(&l->nodes[i], now);
	return n;
}

static long
pick_node(const struct ssh_link *l, long current)
{
	struct node_choice c[CHOICES_MAX];
	uint64_t now = clock_monotonic_ms();
	size_t n = choices_of(l, c, now);

	return nodechoice_pick(c, n, current, now);
}

/* Ends the stream's remote command, then lets its channel go. Closing
 * the channel alone is not enough: the command (the doorbell, silent for
 * hours on an idle cluster) would learn that it is gone at its next
 * write. OpenSSH's sshd honours the TERM signal request (it kills the
 * command's process group) for an ordinary session of a user other than
 * root; it refuses it for a ForceCommand session, and for root, whose
 * session its privileged monitor runs ("session signalling requires
 * privilege separation", OpenSSH 9.2). The EOF ends the stdin of the
 * stream's wrapper (remote_shell), which then stops the command in every
 * case. Nothing is sent on a session that is already lost: sshd lets go
 * of the wrapper's stdin when the connection goes, to the same effect. */
static void
end_stream(struct ssh_link *l, bool alive)
{
	if (l->bell == NULL)
		return;
	/* No reply is asked for the signal: a refusal has nothing to tell.
	 * A step that fails means the session is lost (the rest would fail
	 * too), and then the connection's end does what the EOF would. */
	if (alive && ssh_channel_is_open(l->bell) &&
	    ssh_channel_request_send_signal(l->bell, "TERM") == SSH_OK &&
	    ssh_channel_send_eof(l->bell) == SSH_OK)
		(void)ssh_channel_close(l->bell);
	ssh_channel_free(l->bell);
	l->bell = NULL;
	memset(&l->pong, 0, sizeof(l->pong));
	l->ping_out = false;
	l->heard_ms = 0;
}

/* Drops the session; a live one (alive) is left politely, its stream
 * ended first, since libssh would free the stream's channel with it. */
static void
disconnect(struct ssh_link *l, bool alive)
{
	if (l->session == NULL)
		return;
	end_stream(l, alive && ssh_is_connected(sshsession_libssh(l->session)));
	sshsession_close(l->session);
	l->session = NULL;
	l->current = -1;
}

/* The session to use: the warm one while no other node is to be
 * preferred (nodechoice.h: a node judged unable to serve is left, one
 * whose time to be tried again has come is returned to), else a new one
 * to the node the rule picks, trying the next on failure. */
static int
ensure_session(struct ssh_link *l, char **err)
{
	char summary[4096] = "";
	size_t i, used = 0, attempts;
	bool tried = false;
	long pick;

	if (l->session != NULL) {
		pick = pick_node(l, l->current);
		if (pick < 0 || pick == l->current)
			return 0;
		/* A better node: the session to this one goes, politely. */
		disconnect(l, true);
	}
	for (attempts = 0; attempts < l->n_nodes; attempts++) {
		struct link_node *n;
		struct sshsession_node sn;
		char *why = NULL;
		struct sshsession *s;

		pick = pick_node(l, -1);
		if (pick < 0)
			break;
		n = &l->nodes[pick];
		sn = (struct sshsession_node){ .spec = n->spec, .user = n->user,
					       .host = n->host, .port = n->port };
		tried = true;
		s = sshsession_open(&l->conf, &sn, &why);
		if (s != NULL) {
			l->session = s;
			l->current = pick;
			l->sessions_opened++;
			n->state = LINK_UP;
			n->failures = 0;
			n->retry_ms = 0;
			if (n->verdict == VERDICT_GOOD ||
			    n->verdict == VERDICT_UNKNOWN)
				n->reason[0] = '\0';
			/* A verdict whose time has come is tried afresh. */
			if (n->verdict_retry_ms != 0 &&
			    n->verdict_retry_ms <= clock_monotonic_ms())
				n->verdict = VERDICT_UNKNOWN;
			return 0;
		}
		mark_down(l, (size_t)pick, why);
		free(why);
	}
	if (l->n_nodes == 1) {
		*err = xasprintf("%s%s", tried ? "" : "waiting to retry: ",
				 l->nodes[0].reason);
		return -1;
	}
	/* Every reason starts with its node's name. */
	for (i = 0; i < l->n_nodes && used < sizeof(summary); i++)
		used += (size_t)snprintf(summary + used, sizeof(summary) - used,
			"%s%s%s", i ? "; " : "",
			l->nodes[i].reason[0] ? "" : l->nodes[i].spec,
			l->nodes[i].reason[0] ? l->nodes[i].reason
					      : ": not tried");
	*err = xasprintf("%s %s: %s", tried ? "no node of" : "waiting to "
			 "retry the nodes of", l->cluster, summary);
	return -1;
}

/* What the driver found on the node in use. */
static bool
link_judge(struct transport *t, enum node_verdict v, const char *why)
{
	struct ssh_link *l = (struct ssh_link *)t;
	struct link_node *n;
	long next;

	if (l->current < 0)
		return false;
	n = &l->nodes[l->current];
	if (v == VERDICT_GOOD || v == VERDICT_UNKNOWN) {
		n->verdict = v;
		n->verdicts = 0;
		n->verdict_retry_ms = 0;
		if (n->slow_until_ms <= clock_monotonic_ms())
			n->reason[0] = '\0';
		return false;
	}
	n->verdict = v;
	n->verdict_retry_ms = clock_monotonic_ms() + backoff_ms(n->verdicts);
	n->verdicts++;
	str_copy(n->reason, sizeof(n->reason), why != NULL ? why : "");
	next = pick_node(l, l->current);
	return next >= 0 && next != l->current;
}

enum exec_result { EXEC_OK, EXEC_TIMEOUT, EXEC_TOO_BIG, EXEC_DEAD };

/* How long trips round trips to the node in use took (opening a channel
 * and starting a command is two; a stream's ping, one): past limit_ms
 * (SLOW_TRIP_MS a trip, plus for a ping the far end's own time) the node
 * is a lesser choice for a while (nodechoice.h), tried again after it. */
static void
note_round_trips(struct ssh_link *l, uint64_t ms, unsigned trips,
		 uint64_t limit_ms, bool waiting)
{
	struct link_node *n = &l->nodes[l->current];

	if (ms < limit_ms) {
		if (n->slow_until_ms != 0 &&
		    n->slow_until_ms <= clock_monotonic_ms()) {
			n->slow_until_ms = 0;
			n->slow_ms = 0;
		}
		return;
	}
	n->slow_ms = (unsigned)(ms / trips);
	n->slow_until_ms = clock_monotonic_ms() + SLOW_RETRY_MS;
	if (n->verdict == VERDICT_GOOD || n->verdict == VERDICT_UNKNOWN)
		snprintf(n->reason, sizeof(n->reason), "%s: slow: %s%.1f s a "
			 "round trip", n->spec, waiting ? "over " : "",
			 (double)n->slow_ms / 1000.0);
}

static enum exec_result
exec_command(struct ssh_link *l, const char *cmd, unsigned timeout_ms,
	     struct transport_result *res, char **why)
{
	ssh_session lib = sshsession_libssh(l->session);
	ssh_channel ch = ssh_channel_new(lib);
	uint64_t deadline = clock_monotonic_ms() + timeout_ms;
	size_t out_cap = 0, err_cap = 0;
	enum exec_result r = EXEC_DEAD;
	char buf[32768];
	int n, stream;

	if (ch == NULL || ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_exec(ch, cmd) != SSH_OK) {
		*why = xstrdup(ssh_get_error(lib));
		goto out;
	}
	note_round_trips(l, clock_monotonic_ms() - (deadline - timeout_ms), 2,
			 2 * SLOW_TRIP_MS, false);
	for (;;) {
		uint64_t now = clock_monotonic_ms();
		int slice;

		if (now >= deadline) {
			r = EXEC_TIMEOUT;
			goto out;
		}
		slice = (int)(deadline - now < READ_SLICE_MS ? deadline - now
							     : READ_SLICE_MS);
		n = ssh_channel_read_timeout(ch, buf, sizeof(buf), 0, slice);
		if (n == SSH_ERROR) {
			*why = xstrdup(ssh_get_error(lib));
			goto out;
		}
		if (n > 0 && transport_append(&res->out, &res->out_len,
					      &out_cap, buf, (size_t)n) != 0) {
			r = EXEC_TOO_BIG;
			goto out;
		}
		while ((n = ssh_channel_read_nonblocking(ch, buf, sizeof(buf),
							 1)) > 0) {
			if (transport_append(&res->err, &res->err_len,
					     &err_cap, buf, (size_t)n) != 0) {
				r = EXEC_TOO_BIG;
				goto out;
			}
		}
		if (n == SSH_ERROR) {
			*why = xstrdup(ssh_get_error(lib));
			goto out;
		}
		if (ssh_channel_is_eof(ch))
			break;
	}
	/* What came with the end of the stream. */
	for (stream = 0; stream < 2; stream++) {
		while ((n = ssh_channel_read_nonblocking(ch, buf, sizeof(buf),
							 stream)) > 0) {
			if (transport_append(stream ? &res->err : &res->out,
					     stream ? &res->err_len
						    : &res->out_len,
					     stream ? &err_cap : &out_cap, buf,
					     (size_t)n) != 0) {
				r = EXEC_TOO_BIG;
				goto out;
			}
		}
	}
	res->exit_status = ssh_channel_get_exit_status(ch);
	if (res->out == NULL)
		transport_append(&res->out, &res->out_len, &out_cap, "", 0);
	if (res->err == NULL)
		transport_append(&res->err, &res->err_len, &err_cap, "", 0);
	r = EXEC_OK;
out:
	if (ch != NULL) {
		/* A command cut short is told to stop; the session stays. */
		if (r == EXEC_TIMEOUT || r == EXEC_TOO_BIG)
			ssh_channel_request_send_signal(ch, "KILL");
		if (r != EXEC_DEAD)
			ssh_channel_close(ch);
		ssh_channel_free(ch);
	}
	return r;
}

/* What ran, for a message: the program, or for PowerShell (whose
 * argv[0] is a whole script) powershell.exe. */
static const char *
what_ran(const struct ssh_link *l, const char *const *argv)
{
	return l->shell == &remote_shell_powershell ? "powershell.exe"
						    : argv[0];
}

static int
link_run(struct transport *t, const char *const *argv, size_t argc,
	 unsigned timeout_ms, struct transport_result *res, char **err)
{
	struct ssh_link *l = (struct ssh_link *)t;
	char *cmd, *why = NULL;
	size_t attempts;

	sshsession_route_log(l->conf.log_warnings);
	memset(res, 0, sizeof(*res));
	res->exit_status = -1;
	/* Wrapped as a stream is: a command cut short by its timeout is
	 * told to stop by a signal most servers refuse (ForceCommand, root
	 * logins), so it must also end when its channel goes, or it would
	 * run on, on the node, after ccon gave up on it. */
	cmd = remote_shell_stream(l->shell, argv, argc, err);
	if (cmd == NULL)
		return -1;
	/* Each node at most once per call: a dead session moves on to the
	 * next node, a command that merely fails does not. */
	for (attempts = 0; attempts <= l->n_nodes; attempts++) {
		enum exec_result r;
		long node;

		if (ensure_session(l, err) != 0)
			break;
		node = l->current;
		r = exec_command(l, cmd, timeout_ms, res, &why);
		l->last_used_ms = clock_monotonic_ms();
		if (r == EXEC_OK) {
			free(cmd);
			return 0;
		}
		transport_result_free(res);
		if (r == EXEC_TIMEOUT) {
			res->timed_out = true;
			*err = xasprintf("%s on %s did not finish within %.1fs; "
					 "stopped it", what_ran(l, argv),
					 l->nodes[node].spec,
					 timeout_ms / 1000.0);
			break;
		}
		if (r == EXEC_TOO_BIG) {
			*err = xasprintf("%s on %s wrote more than %u MiB; "
					 "stopped it", what_ran(l, argv),
					 l->nodes[node].spec,
					 TRANSPORT_OUTPUT_MAX >> 20);
			break;
		}
		/* The session is gone: that node is down for now. */
		{
			char reason[600];

			snprintf(reason, sizeof(reason), "%s: stopped answering: "
				 "%s", l->nodes[node].spec,
				 why ? why : "connection lost");
			disconnect(l, false);
			mark_down(l, (size_t)node, reason);
		}
		free(why);
		why = NULL;
	}
	free(why);
	free(cmd);
	return -1;
}

unsigned long
ssh_link_sessions_opened(const struct transport *t)
{
	return ((const struct ssh_link *)t)->sessions_opened;
}

static void
link_stream_close(struct transport *t)
{
	struct ssh_link *l = (struct ssh_link *)t;

	sshsession_route_log(l->conf.log_warnings);
	if (l->session != NULL)
		end_stream(l, ssh_is_connected(sshsession_libssh(l->session)));
}

static int
link_stream_open(struct transport *t, const char *const *argv, size_t argc,
		 unsigned answer_ms, char **err)
{
	struct ssh_link *l = (struct ssh_link *)t;
	char *cmd;

	sshsession_route_log(l->conf.log_warnings);
	link_stream_close(t);
	l->answer_ms = answer_ms;
	cmd = remote_shell_stream(l->shell, argv, argc, err);
	if (cmd == NULL)
		return -1;
	if (ensure_session(l, err) != 0) {
		free(cmd);
		return -1;
	}
	l->bell = ssh_channel_new(sshsession_libssh(l->session));
	if (l->bell == NULL || ssh_channel_open_session(l->bell) != SSH_OK ||
	    ssh_channel_request_exec(l->bell, cmd) != SSH_OK) {
		*err = xasprintf("%s: cannot start %s: %s",
				 l->nodes[l->current].spec, what_ran(l, argv),
				 ssh_get_error(sshsession_libssh(l->session)));
		if (l->bell != NULL)
			ssh_channel_free(l->bell);
		l->bell = NULL;
		free(cmd);
		return -1;
	}
	free(cmd);
	return 0;
}

/* Reads what the stream has sent, without waiting: the number of bytes
 * its command wrote, answers to pings aside, or -1 once it is gone. */
static long
stream_drain(struct ssh_link *l)
{
	char buf[16384];
	long total = 0;
	int stream, n;

	for (stream = 0; stream < 2; stream++) {
		while ((n = ssh_channel_read_nonblocking(l->bell, buf,
							 sizeof(buf),
							 stream)) > 0) {
			unsigned long seq = 0;
			bool answered = false;

			if (stream == 1) {
				total += n;
				continue;
			}
			total += (long)pong_feed(&l->pong, buf, (size_t)n, &seq,
						 &answered);
			if (answered && l->ping_out && seq == l->ping_seq) {
				uint64_t now = clock_monotonic_ms();

				l->ping_out = false;
				l->heard_ms = l->ping_sent_ms;
				l->last_used_ms = now;
				note_round_trips(l, now - l->ping_sent_ms, 1,
						 SLOW_TRIP_MS + l->answer_ms,
						 false);
			}
		}
		if (n == SSH_ERROR)
			return total > 0 ? total : -1;
	}
	if (total == 0 && (ssh_channel_is_eof(l->bell) ||
			   ssh_channel_is_closed(l->bell)))
		return -1;
	return total;
}

/* A ping, unless one is on its way (then: is it late?), and a short
 * wait for its answer: what the stream says then was true when the
 * ping left (transport.h: stream_heard_ms). */
static int
stream_ping(struct ssh_link *l)
{
	uint64_t now = clock_monotonic_ms();
	char line[32];
	int len;

	if (l->ping_out) {
		if (now - l->ping_sent_ms >= PING_LATE_MS + l->answer_ms)
			note_round_trips(l, now - l->ping_sent_ms, 1,
					 PING_LATE_MS + l->answer_ms, true);
		return 0;
	}
	len = snprintf(line, sizeof(line), "%lu\n", ++l->ping_seq);
	if (ssh_channel_write(l->bell, line, (uint32_t)len) != len)
		return -1;
	l->ping_out = true;
	l->ping_sent_ms = now;
	(void)ssh_channel_poll_timeout(l->bell, PONG_WAIT_MS, 0);
	return 0;
}

static long
link_stream_poll(struct transport *t)
{
	struct ssh_link *l = (struct ssh_link *)t;
	long total, more;

	sshsession_route_log(l->conf.log_warnings);
	if (l->bell == NULL)
		return -1;
	total = stream_drain(l);
	if (total >= 0 && stream_ping(l) == 0 &&
	    (more = stream_drain(l)) >= 0)
		return total + more;
	link_stream_close(t);
	return total > 0 ? total : -1;
}

static long
link_stream_peek(struct transport *t)
{
	struct ssh_link *l = (struct ssh_link *)t;
	long total;

	sshsession_route_log(l->conf.log_warnings);
	if (l->bell == NULL)
		return -1;
	total = stream_drain(l);
	if (total < 0)
		link_stream_close(t);
	return total;
}

static uint64_t
link_stream_heard(struct transport *t)
{
	return ((struct ssh_link *)t)->heard_ms;
}

static const char *
link_current_node(struct transport *t)
{
	struct ssh_link *l = (struct ssh_link *)t;

	return l->current >= 0 ? l->nodes[l->current].spec : NULL;
}

static size_t
link_status(struct transport *t, struct link_status *out, size_t max)
{
	struct ssh_link *l = (struct ssh_link *)t;
	size_t i;

	for (i = 0; i < l->n_nodes && i < max; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		str_copy(out[i].node, sizeof(out[i].node), l->nodes[i].spec);
		out[i].state = l->nodes[i].state;
		out[i].in_use = (long)i == l->current;
		out[i].verdict = choice_of(&l->nodes[i],
					   clock_monotonic_ms()).verdict;
		str_copy(out[i].reason, sizeof(out[i].reason),
			 l->nodes[i].reason);
		out[i].retry_ms = l->nodes[i].retry_ms;
	}
	return i;
}

/* What a background login to node i says: the node answers fast (it is
 * used if the rule now prefers it, its verdict found anew by the driver
 * there), slowly, or not at all. */
static void
probe_ended(struct ssh_link *l, size_t i, struct sshsession *s,
	    uint64_t took_ms, const char *why)
{
	struct link_node *n = &l->nodes[i];
	uint64_t now = clock_monotonic_ms();

	if (s == NULL) {
		mark_down(l, i, why);
		return;
	}
	if (took_ms > SLOW_LOGIN_MS) {
		n->slow_ms = (unsigned)took_ms;
		n->slow_until_ms = now + SLOW_RETRY_MS;
		snprintf(n->reason, sizeof(n->reason), "%s: slow: %.1f s to "
			 "log in", n->spec, (double)took_ms / 1000.0);
		sshsession_close(s);
		return;
	}
	n->state = LINK_UP;
	n->failures = 0;
	n->retry_ms = 0;
	n->slow_until_ms = 0;
	if (n->verdict == VERDICT_NO_STACK || n->verdict == VERDICT_NO_QUORUM)
		n->verdict = VERDICT_UNKNOWN;     /* the driver judges anew */
	else
		n->reason[0] = '\0';
	/* In use already (the worker went there when its node failed), or
	 * not preferred after all. */
	if (l->current == (long)i || pick_node(l, l->current) != (long)i) {
		sshsession_close(s);
		return;
	}
	disconnect(l, true);
	l->session = s;
	l->current = (long)i;
	l->sessions_opened++;
}

/* Tries a node again in the background when the rule says one may be
 * preferred to the node in use (nodechoice_probe), one at a time. */
static void
tend_probe(struct ssh_link *l)
{
	struct node_choice c[CHOICES_MAX];
	uint64_t now = clock_monotonic_ms();
	long want;

	if (l->probe != NULL) {
		struct sshsession *s;
		uint64_t took;
		char *why = NULL;

		if (!sshprobe_done(l->probe))
			return;
		s = sshprobe_take(l->probe, &took, &why);
		l->probe = NULL;
		probe_ended(l, (size_t)l->probe_node, s, took, why);
		free(why);
		return;
	}
	if (l->session == NULL)
		return;
	want = nodechoice_probe(c, choices_of(l, c, now), l->current, now);
	if (want < 0)
		return;
	{
		struct link_node *w = &l->nodes[want];
		struct sshsession_node sn = { .spec = w->spec, .user = w->user,
					      .host = w->host,
					      .port = w->port };
		char *err = NULL;

		l->probe = sshprobe_start(&l->conf, &sn, &err);
		l->probe_node = want;
		if (l->probe == NULL) {
			mark_down(l, (size_t)want, err);
			free(err);
		}
	}
}

static void
link_keepalive(struct transport *t)
{
	struct ssh_link *l = (struct ssh_link *)t;
	uint64_t now = clock_monotonic_ms();
	ssh_session lib;

	sshsession_route_log(l->conf.log_warnings);
	tend_probe(l);
	if (l->session == NULL || now - l->last_used_ms < l->keepalive_ms)
		return;
	l->last_used_ms = now;
	lib = sshsession_libssh(l->session);
	if (ssh_send_keepalive(lib) != SSH_OK || !ssh_is_connected(lib)) {
		char reason[600];
		long node = l->current;

		snprintf(reason, sizeof(reason), "%s: keepalive failed: %s",
			 l->nodes[node].spec, ssh_get_error(lib));
		disconnect(l, false);
		mark_down(l, (size_t)node, reason);
	}
}

static void
link_destroy(struct transport *t)
{
	struct ssh_link *l = (struct ssh_link *)t;
	size_t i;

	/* Maybe on another thread than the one that used the link. */
	sshsession_route_log(l->conf.log_warnings);
	sshprobe_abandon(l->probe);
	disconnect(l, true);
	for (i = 0; i < l->n_nodes; i++) {
		free(l->nodes[i].spec);
		free(l->nodes[i].user);
		free(l->nodes[i].host);
	}
	free(l->nodes);
	free(l->cluster);
	free(l->user);
	free(l->identity);
	free(l->ssh_config);
	free(l->known_hosts);
	free(l);
}

static const struct transport_ops ssh_link_ops = {
	.name = "ssh",
	.run = link_run,
	.current_node = link_current_node,
	.status = link_status,
	.judge = link_judge,
	.keepalive = link_keepalive,
	.stream_open = link_stream_open,
	.stream_poll = link_stream_poll,
	.stream_peek = link_stream_peek,
	.stream_heard_ms = link_stream_heard,
	.stream_close = link_stream_close,
	.destroy = link_destroy,
};

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct transport *
ssh_link_new(const struct ssh_link_params *p, char **err)
{
	struct ssh_link *l;
	size_t i;

	if (p->n_nodes == 0) {
		*err = xasprintf("cluster %s lists no nodes to connect to",
				 p->cluster);
		return NULL;
	}
	l = xcalloc(1, sizeof(*l));
	l->base.ops = &ssh_link_ops;
	l->current = -1;
	l->cluster = xstrdup(p->cluster);
	l->user = dup_or_null(p->user);
	l->identity = dup_or_null(p->identity);
	l->ssh_config = dup_or_null(p->ssh_config);
	l->known_hosts = dup_or_null(p->known_hosts);
	sshsession_find_home(l->home, sizeof(l->home));
	l->conf.cluster = l->cluster;
	l->conf.user = l->user;
	l->conf.port = p->port;
	l->conf.identity = l->identity;
	l->conf.ssh_config = l->ssh_config;
	l->conf.known_hosts = l->known_hosts;
	l->conf.home = l->home;
	l->conf.host_key_check = p->host_key_check;
	l->conf.connect_timeout_ms = p->connect_timeout_ms
		? p->connect_timeout_ms : CCON_DEFAULT_CONNECT_TIMEOUT_MS;
	l->conf.password_auth = p->password_auth;
	l->conf.prompt = p->prompt;
	l->conf.log_warnings = p->log_libssh_warnings;
	l->keepalive_ms = p->keepalive_ms ? p->keepalive_ms
					  : CCON_DEFAULT_KEEPALIVE_MS;
	l->shell = p->shell != NULL ? p->shell : &remote_shell_posix;
	l->nodes = xcalloc(p->n_nodes, sizeof(*l->nodes));
	l->n_nodes = p->n_nodes;
	for (i = 0; i < p->n_nodes; i++) {
		struct link_node *n = &l->nodes[i];

		n->spec = xstrdup(p->nodes[i]);
		if (ssh_link_parse_node(p->nodes[i], &n->user, &n->host,
					&n->port, err) != 0) {
			link_destroy(&l->base);
			return NULL;
		}
	}
	return &l->base;
}
