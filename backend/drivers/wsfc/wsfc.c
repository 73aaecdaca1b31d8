/* The WSFC driver. A full fetch is one script, one powershell.exe on
 * the node; the doorbell is another, long-running one, whose silence
 * spares the full fetches in between. */
#include "backend/drivers/wsfc/wsfc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend/drivers/wsfc/clixml.h"
#include "backend/drivers/wsfc/wsfc_capture.h"
#include "backend/drivers/wsfc/wsfc_codes.h"
#include "backend/drivers/wsfc/wsfc_detail.h"
#include "backend/drivers/wsfc/wsfc_scripts.h"
#include "backend/util/clock.h"
#include "backend/util/defaults.h"
#include "backend/util/str.h"
#include "backend/util/xalloc.h"

/* The transport's nodes, at most; each is tried once per fetch. */
#define NODES_MAX 8

/* Enough of stdout to say what came instead of a capture. */
#define OUTPUT_SHOWN 300

struct wsfc {
	struct driver base;
	char *cluster;
	struct transport *t;
	unsigned timeout_ms, full_ms, quiet_full_ms;
	/* The doorbell (wsfc_script_doorbell) and what it vouches for. */
	enum { BELL_NONE, BELL_STARTING, BELL_LIVE } bell;
	uint64_t bell_retry_ms;       /* when to try a dead doorbell again */
	uint64_t bell_polled_ms;      /* the transport's clock, last poll */
	uint64_t unchanged_as_of_ms;
	uint64_t bell_proven_ms;      /* when it last answered in time */
	char *bell_script;
	/* The node the last full fetch served from, and when; the
	 * doorbell's node. Empty: no state to vouch for. */
	char state_node[128], bell_node[128];
	uint64_t last_full_ms;
	bool asked;                   /* a request was sent since */
	/* The last capture (a ref): what a refusal is about, whether its
	 * target was shown locked (RES_F_LOCKED). NULL before the first. */
	struct snapshot *last;
};

static const char *
node_in_use(struct wsfc *w)
{
	const char *n = w->t->ops->current_node(w->t);

	return n != NULL && *n ? n : "the node";
}

/* Why a node cannot serve, for the status line, from a fault that
 * wsfc_classify says is a dead link. */
static void
dead_reason(char *buf, size_t sz, enum wsfc_fault f, const char *node)
{
	switch (f) {
	case WSFC_FAULT_SERVICE_DOWN:
		snprintf(buf, sz, "the cluster service is not running on %s",
			 node);
		break;
	case WSFC_FAULT_SHUTTING_DOWN:
		snprintf(buf, sz, "the cluster service is shutting down on %s",
			 node);
		break;
	case WSFC_FAULT_NOT_CLUSTERED:
		snprintf(buf, sz, "Failover Clustering is not installed on %s",
			 node);
		break;
	case WSFC_FAULT_NO_QUORUM:
		snprintf(buf, sz, "%s is not part of a cluster with quorum",
			 node);
		break;
	default:
		snprintf(buf, sz, "%s cannot serve: %s", node,
			 wsfc_fault_info(f)->what);
		break;
	}
}

/* A script's failure when its stdout holds no answer of ours: what
 * PowerShell wrote on stderr (CLIXML decoded), or the start of stdout.
 * *fqid gets the first record's FullyQualifiedErrorId, or NULL. */
static char *
script_failure(const char *what, const char *node,
	       const struct transport_result *res, const char *parse_err,
	       char **fqid)
{
	struct clixml_result cx;
	char *derr = NULL, *msg;

	*fqid = NULL;
	if (res->err_len > 0 &&
	    clixml_decode(res->err, res->err_len, &cx, &derr) == 0) {
		const char *id = clixml_first_fqid(&cx);
		const char *text = *cx.message ? cx.message :
				   cx.problem != NULL ? cx.problem : "";

		if (id != NULL)
			*fqid = xstrdup(id);
		if (*text) {
			msg = xasprintf("%s on %s failed (exit %d): %s%s%s%s",
					what, node, res->exit_status, text,
					id != NULL ? " (error " : "",
					id != NULL ? id : "",
					id != NULL ? ")" : "");
			clixml_result_free(&cx);
			return msg;
		}
		clixml_result_free(&cx);
	}
	free(derr);
	return xasprintf("%s on %s gave no answer ccon can read (exit %d): "
			 "%s", what, node, res->exit_status, parse_err);
}

/* Runs script. Returns 0 with *res, or -1 with *err; *timed_out says
 * whether the script outlived the timeout. */
static int
run_script(struct wsfc *w, const char *script, struct transport_result *res,
	   bool *timed_out, char **err)
{
	const char *argv[] = { script };
	int rc;

	memset(res, 0, sizeof(*res));
	rc = w->t->ops->run(w->t, argv, 1, w->timeout_ms, res, err);
	*timed_out = rc != 0 && res->timed_out;
	return rc;
}

/* One node's try. Returns 0 with *out, or -1 with *err; *dead then says
 * whether the node cannot serve (why, in reason). */
static int
fetch_once(struct wsfc *w, struct snapshot **out, bool *dead,
	   char *reason, size_t reason_sz, char **err)
{
	struct transport_result res;
	struct wsfc_capture c;
	char *script = wsfc_script_fetch(), *fqid = NULL, *perr = NULL;
	const char *node;
	bool timed_out;
	enum wsfc_fault f;
	int rc;

	*dead = false;
	rc = run_script(w, script, &res, &timed_out, err);
	free(script);
	node = node_in_use(w);
	if (rc != 0) {
		if (timed_out) {
			*dead = true;
			snprintf(reason, reason_sz, "the fetch script did not "
				 "finish on %s in time", node);
		}
		return -1;
	}
	if (wsfc_capture_parse(res.out, res.out_len, w->cluster,
			       w->t->ops->current_node(w->t), &c, &fqid,
			       &perr) == 0) {
		/* The script exits 0 after a good capture: anything else
		 * is a script that did not end as written. */
		if (res.exit_status != 0) {
			*err = xasprintf("the fetch script on %s printed its "
					 "capture but exited %d: not trusted",
					 node, res.exit_status);
			wsfc_capture_free(&c);
			transport_result_free(&res);
			return -1;
		}
		transport_result_free(&res);
		snapshot_unref(w->last);
		w->last = snapshot_ref(c.snap);
		*out = snapshot_ref(c.snap);
		wsfc_capture_free(&c);
		return 0;
	}
	if (fqid == NULL && strstr(res.out != NULL ? res.out : "",
				   WSFC_SCRIPT_BEGIN) == NULL) {
		/* No answer of ours at all: PowerShell's words. */
		*err = script_failure("the fetch script", node, &res, perr,
				      &fqid);
		free(perr);
	} else {
		*err = perr;
	}
	f = wsfc_classify(fqid, false, 0);
	if (fqid != NULL && wsfc_fault_info(f)->dead_link) {
		*dead = true;
		dead_reason(reason, reason_sz, f, node);
	}
	free(fqid);
	transport_result_free(&res);
	return -1;
}

/* ---- the doorbell ----------------------------------------------------- */

/* The doorbell script looks once a second; what it may take beyond that
 * to ring on a busy node: its silence vouches for that much less. */
#define BELL_PERIOD_MS 1000
#define BELL_SLACK_MS 500
/* How long the doorbell may take to answer a ping beyond the round
 * trip: one look at the cluster, on a busy node as long as a period. */
#define BELL_ANSWER_MS (BELL_PERIOD_MS + BELL_SLACK_MS)
/* A doorbell that could not start or ended is tried again after this. */
#define BELL_RETRY_MS 60000
/* The script answers a ping after its next look, and a busy node may
 * make that look slow: within this of its last proof it is still the
 * doorbell that answers, and trusted as such. */
#define BELL_TRUST_GAP_MS (2 * BELL_PERIOD_MS + BELL_SLACK_MS)

/* LATE: the doorbell lives but has not answered a ping since the last
 * look (a slow link, a busy node). That vouches for nothing new, and is
 * no reason either to start a powershell.exe, which on a slow node is
 * what would pile up: the data just ages until it answers or the safety
 * net's fetch comes. */
enum bell_news { BELL_QUIET, BELL_RANG, BELL_LATE, BELL_UNSURE };

static void
doorbell_stop(struct wsfc *w)
{
	if (w->bell != BELL_NONE && w->t->ops->stream_close != NULL)
		w->t->ops->stream_close(w->t);
	w->bell = BELL_NONE;
	w->bell_proven_ms = 0;
}

static const char *
raw_node(struct wsfc *w)
{
	const char *n = w->t->ops->current_node(w->t);

	return n != NULL ? n : "";
}

/* What the doorbell says: started once a full fetch has served from
 * the node in use; quiet only once it has rung (it rings at its start)
 * and, on a transport that pings it, answered since the last look. */
static enum bell_news
doorbell(struct wsfc *w, uint64_t now_ms)
{
	struct transport *t = w->t;
	const char *argv[1];
	char *err = NULL;
	uint64_t polled, ago;
	long rang;

	if (t->ops->stream_open == NULL || t->ops->stream_poll == NULL)
		return BELL_UNSURE;
	if (w->bell != BELL_NONE && strcmp(w->bell_node, raw_node(w)) != 0) {
		doorbell_stop(w);
		w->bell_retry_ms = 0;
	}
	if (w->bell == BELL_NONE) {
		if (!w->state_node[0] || now_ms < w->bell_retry_ms ||
		    strcmp(w->state_node, raw_node(w)) != 0)
			return BELL_UNSURE;
		if (w->bell_script == NULL)
			w->bell_script = wsfc_script_doorbell();
		argv[0] = w->bell_script;
		/* It answers a ping after its next look. */
		if (t->ops->stream_open(t, argv, 1, BELL_ANSWER_MS,
					&err) != 0) {
			free(err);
			w->bell_retry_ms = now_ms + BELL_RETRY_MS;
			return BELL_UNSURE;
		}
		w->bell = BELL_STARTING;
		str_copy(w->bell_node, sizeof(w->bell_node), raw_node(w));
		return BELL_UNSURE;
	}
	polled = w->bell_polled_ms;
	w->bell_polled_ms = clock_monotonic_ms();
	rang = t->ops->stream_poll(t);
	if (rang < 0) {
		/* Ended: the cluster service stopped (its framed error),
		 * or the link went. The full fetch tells which. */
		w->bell = BELL_NONE;
		w->bell_retry_ms = now_ms + BELL_RETRY_MS;
		return BELL_UNSURE;
	}
	if (rang > 0) {
		w->bell = BELL_LIVE;
		return BELL_RANG;
	}
	if (w->bell != BELL_LIVE)
		return BELL_UNSURE;
	switch (transport_stream_proof(t, polled, &ago)) {
	case STREAM_UNPROVEN:
		return BELL_UNSURE;
	case STREAM_LATE:
		return BELL_LATE;
	case STREAM_PROVEN:
		break;
	}
	w->bell_proven_ms = now_ms;
	ago += BELL_PERIOD_MS + BELL_SLACK_MS;
	w->unchanged_as_of_ms = now_ms > ago ? now_ms - ago : 0;
	return BELL_QUIET;
}

static int
wsfc_fetch(struct driver *d, uint64_t now_ms, struct snapshot **out,
	   char **err)
{
	struct wsfc *w = (struct wsfc *)d;
	struct transport *t = w->t;
	struct snapshot *s = NULL;
	char reason[512];
	enum bell_news news;
	uint64_t trusted_ms;
	size_t tries;
	bool dead = false;
	int rc = -1;

	/* A quiet doorbell on the node the state was read from, within
	 * the safety net's period: nothing changed, and nothing runs (a
	 * late one keeps the time it last vouched for). One that answers
	 * its pings has read all a fetch would show (wsfc_scripts.h), so
	 * no powershell.exe need start to make sure, for a long while. */
	news = doorbell(w, now_ms);
	trusted_ms = w->full_ms;
	if (news == BELL_QUIET ||
	    (news == BELL_LATE && w->bell_proven_ms != 0 &&
	     now_ms - w->bell_proven_ms <= BELL_TRUST_GAP_MS))
		trusted_ms = w->quiet_full_ms;
	if ((news == BELL_QUIET || news == BELL_LATE) && w->state_node[0] &&
	    !w->asked &&
	    now_ms - w->last_full_ms < trusted_ms &&
	    strcmp(w->state_node, raw_node(w)) == 0)
		return DRIVER_UNCHANGED;
	w->unchanged_as_of_ms = now_ms;
	for (tries = 0; tries < NODES_MAX; tries++) {
		*err = NULL;
		reason[0] = '\0';
		rc = fetch_once(w, &s, &dead, reason, sizeof(reason), err);
		if (rc == 0) {
			if (t->ops->judge != NULL)
				t->ops->judge(t, VERDICT_GOOD, NULL);
			break;
		}
		if (!dead || t->ops->judge == NULL)
			break;
		if (!t->ops->judge(t, VERDICT_NO_STACK, reason))
			break;
		free(*err);
		*err = NULL;
	}
	if (rc != 0) {
		char *e = *err;

		/* What was read says nothing now; the doorbell neither. */
		w->state_node[0] = '\0';
		doorbell_stop(w);
		if (dead && tries > 0)
			*err = xasprintf("no node of %s can serve: %s: %s",
					 w->cluster, reason, e ? e : "");
		else if (dead)
			*err = xasprintf("%s: %s", reason, e ? e : "");
		else
			*err = e != NULL ? e :
			       xstrdup("the fetch failed without a message");
		if (*err != e)
			free(e);
		return -1;
	}
	str_copy(w->state_node, sizeof(w->state_node), raw_node(w));
	w->last_full_ms = now_ms;
	w->asked = false;
	*out = s;
	return 0;
}

/* ---- actions ----------------------------------------------------------- */

/* The script action a is; -1 with *err for one WSFC has no form of. */
static int
action_of(const struct action *a, enum wsfc_action *out, char **err)
{
	switch (a->kind) {
	case ACT_ONLINE:
	case ACT_OFFLINE: {
		bool on = a->kind == ACT_ONLINE;

		if (a->target_kind == TARGET_RESOURCE) {
			*out = on ? WSFC_RESOURCE_ONLINE
				  : WSFC_RESOURCE_OFFLINE;
			return 0;
		}
		if (a->target_kind == TARGET_GROUP) {
			*out = on ? WSFC_GROUP_ONLINE : WSFC_GROUP_OFFLINE;
			return 0;
		}
		break;
	}
	case ACT_MOVE:
		if (a->target_kind == TARGET_GROUP) {
			*out = WSFC_GROUP_MOVE;
			return 0;
		}
		if (a->target_kind == TARGET_RESOURCE) {
			/* Every WSFC resource is in a group (a role): it is
			 * the group that moves. */
			*err = xasprintf("a WSFC resource moves with its "
					 "group: move the group of %s instead; "
					 "nothing was sent", a->target);
			return -1;
		}
		break;
	case ACT_PAUSE:
	case ACT_RESUME:
		if (a->target_kind == TARGET_NODE) {
			*out = a->kind == ACT_PAUSE ? WSFC_NODE_PAUSE :
						      WSFC_NODE_RESUME;
			return 0;
		}
		break;
	case ACT_CLEANUP:
	case ACT_CLEAR:
	case ACT_BAN:
	case ACT_COUNT:
		break;
	}
	*err = xasprintf("%s of a %s is not supported by this cluster type "
			 "(wsfc); nothing was sent", action_kind_word(a->kind),
			 target_kind_word(a->target_kind));
	return -1;
}

static int
wsfc_act(struct driver *d, const struct action *a, uint64_t now_ms,
	 char **err)
{
	struct wsfc *w = (struct wsfc *)d;
	struct transport_result res;
	enum wsfc_action wa;
	char *script, *fqid = NULL, *perr = NULL;
	const char *cmdlet;
	int64_t state;
	bool timed_out;
	enum wsfc_fault f;

	(void)now_ms;
	if (action_of(a, &wa, err) != 0)
		return -1;
	/* What was asked for changes the cluster at once (a pending
	 * state): the next fetch reads it rather than wait for a ring. */
	w->asked = true;
	/* A failed resource needs nothing more than its Stop: WSFC ends
	 * it Offline (OfflineClusterResource since 2008 R2). A move with
	 * no node has no -Node: the cluster picks the best one. The lock
	 * is overridden only when the request says so (the console asks
	 * twice for that). */
	script = wsfc_script_action(wa, a->target,
				    wa == WSFC_GROUP_MOVE && a->node[0]
				    ? a->node : NULL,
				    (a->opts & ACTION_OPT_IGNORE_LOCKED) != 0,
				    err);
	if (script == NULL)
		return -1;
	cmdlet = wsfc_action_cmdlet(wa);
	if (run_script(w, script, &res, &timed_out, err) != 0) {
		free(script);
		return -1;
	}
	free(script);
	if (wsfc_capture_result(res.out, res.out_len, &state, &fqid,
				&perr) == 0) {
		transport_result_free(&res);
		return 0;
	}
	if (fqid == NULL && strstr(res.out != NULL ? res.out : "",
				   WSFC_SCRIPT_BEGIN) == NULL) {
		*err = script_failure(cmdlet, node_in_use(w), &res, perr,
				      &fqid);
		free(perr);
		perr = NULL;
	}
	f = wsfc_classify(fqid, false, 0);
	if (perr != NULL) {
		if ((f == WSFC_FAULT_LOCKED ||
		     action_target_locked(w->last, a)) &&
		    !(a->opts & ACTION_OPT_IGNORE_LOCKED))
			/* -IgnoreLocked would take it, and is sent only
			 * when the request overrides the lock: say so, and
			 * how to ask for that. */
			*err = xasprintf("%s %s is locked (an administrator "
					 "or a cluster operation holds it): %s "
					 "refused it: %s. -IgnoreLocked "
					 "overrides the lock: ask again and "
					 "confirm the override",
					 target_kind_word(a->target_kind),
					 a->target, cmdlet, perr);
		else
			*err = xasprintf("%s %s: %s", cmdlet, a->target, perr);
		free(perr);
	}
	if (fqid != NULL && wsfc_fault_info(f)->dead_link &&
	    w->t->ops->judge != NULL) {
		char reason[512];

		dead_reason(reason, sizeof(reason), f, node_in_use(w));
		w->t->ops->judge(w->t, VERDICT_NO_STACK, reason);
	}
	free(fqid);
	transport_result_free(&res);
	return -1;
}

/* ---- detail ------------------------------------------------------------ */

/* Whether the last capture lists q's object; true before any capture
 * (nothing says it is gone). */
static bool
last_has(const struct wsfc *w, const struct detail_ask *q)
{
	const struct snapshot *s = w->last;

	if (s == NULL)
		return true;
	switch (q->kind) {
	case TARGET_RESOURCE: return snapshot_find_resource(s, q->id) >= 0;
	case TARGET_GROUP: return snapshot_find_group(s, q->id) >= 0;
	case TARGET_NODE: return snapshot_find_node(s, q->id) >= 0;
	}
	return true;
}

/* One detail script on the node in use, as a fetch runs: a query (Get-
 * cmdlets only), so it is asked in read-only mode too and changes no
 * state of the driver's but the link's. Not found is told as such: the
 * node's error of category ObjectNotFound (or the fault table's
 * not-found), or an error about an object the last capture does not
 * list either, unless it says the node cannot serve (the cmdlets' own
 * error for a missing name is not recorded anywhere, WSFC-NOTES §4). A
 * detail judges no node: the next fetch does. */
static int
wsfc_detail(struct driver *d, const struct detail_ask *q, uint64_t now_ms,
	    struct detail *out, char **err)
{
	struct wsfc *w = (struct wsfc *)d;
	struct transport_result res;
	struct wsfc_detail_failure fail = { 0 };
	struct detail got = { 0 };
	const char *node;
	char *script, *perr = NULL, *fqid = NULL;
	enum wsfc_fault f;
	bool timed_out;
	int rc = -1;

	(void)now_ms;
	if ((script = wsfc_script_detail(q->kind, q->id, err)) == NULL)
		return -1;
	if (run_script(w, script, &res, &timed_out, err) != 0) {
		free(script);
		if (timed_out) {
			free(*err);
			*err = xasprintf("the detail script did not finish on "
					 "%s in time", node_in_use(w));
		}
		return -1;
	}
	free(script);
	node = node_in_use(w);
	if (wsfc_detail_parse(res.out, res.out_len, q, &got, &fail,
			      &perr) == 0) {
		if (res.exit_status == 0) {
			detail_append(out, &got);
			rc = 0;
			goto out;
		}
		/* A script that did not end as written: not shown. */
		*err = xasprintf("the detail script on %s printed its answer "
				 "but exited %d: not trusted", node,
				 res.exit_status);
		goto out;
	}
	if (fail.fqid == NULL && fail.category == NULL &&
	    strstr(res.out != NULL ? res.out : "", WSFC_SCRIPT_BEGIN) == NULL) {
		/* No answer of ours at all: PowerShell's words. */
		*err = script_failure("the detail script", node, &res, perr,
				      &fqid);
		goto out;
	}
	f = wsfc_classify(fail.fqid, false, 0);
	if ((fail.category != NULL &&
	     strcasecmp(fail.category, "ObjectNotFound") == 0) ||
	    f == WSFC_FAULT_NOT_FOUND ||
	    (!wsfc_fault_info(f)->dead_link && !last_has(w, q)))
		*err = xasprintf("no such %s '%s' on %s: %s",
				 target_kind_word(q->kind), q->id, w->cluster,
				 perr);
	else
		*err = xasprintf("detail of %s %s from %s: %s",
				 target_kind_word(q->kind), q->id, node, perr);
out:
	detail_free(&got);
	free(perr);
	free(fqid);
	wsfc_detail_failure_free(&fail);
	transport_result_free(&res);
	return rc;
}

static size_t
wsfc_links(struct driver *d, struct link_status *out, size_t max)
{
	struct wsfc *w = (struct wsfc *)d;

	return w->t->ops->status(w->t, out, max);
}

static uint64_t
wsfc_unchanged_as_of(struct driver *d)
{
	return ((struct wsfc *)d)->unchanged_as_of_ms;
}

static void
wsfc_tick(struct driver *d)
{
	struct wsfc *w = (struct wsfc *)d;

	if (w->t->ops->keepalive != NULL)
		w->t->ops->keepalive(w->t);
}

static void
wsfc_destroy(struct driver *d)
{
	struct wsfc *w = (struct wsfc *)d;

	doorbell_stop(w);
	w->t->ops->destroy(w->t);
	free(w->bell_script);
	snapshot_unref(w->last);
	free(w->cluster);
	free(w);
}

static const struct driver_ops wsfc_ops = {
	.name = "wsfc",
	.caps = WSFC_CAPS,
	.fetch = wsfc_fetch,
	.act = wsfc_act,
	.detail = wsfc_detail,
	.links = wsfc_links,
	.unchanged_as_of_ms = wsfc_unchanged_as_of,
	.tick = wsfc_tick,
	.destroy = wsfc_destroy,
};

struct driver *
wsfc_driver_new(const struct wsfc_params *p)
{
	struct wsfc *w = xcalloc(1, sizeof(*w));

	w->base.ops = &wsfc_ops;
	w->cluster = xstrdup(p->cluster);
	w->t = p->transport;
	w->timeout_ms = p->command_timeout_ms ? p->command_timeout_ms
					      : CCON_DEFAULT_COMMAND_TIMEOUT_MS;
	w->full_ms = p->full_refresh_ms ? p->full_refresh_ms
					: CCON_DEFAULT_FULL_REFRESH_MS;
	w->quiet_full_ms = p->quiet_refresh_ms ? p->quiet_refresh_ms
					       : CCON_DEFAULT_WSFC_QUIET_REFRESH_MS;
	if (w->quiet_full_ms < w->full_ms)
		w->quiet_full_ms = w->full_ms;
	return &w->base;
}
