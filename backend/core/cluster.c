#include "backend/core/cluster.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/core/audit.h"
#include "backend/util/clock.h"
#include "backend/util/defaults.h"
#include "backend/util/glyph.h"
#include "backend/core/status.h"
#include "backend/util/str.h"
#include "backend/util/xalloc.h"

#define QUEUE_MAX 64
#define EVENTS_MAX 512
#define TRANSITIONS_MAX 256
/* A failed transition stays on its row this long, or until a new
 * request on the same target or the operator dismisses it. */
#define FAILED_KEEP_MS (5 * 60 * 1000)
/* A timed-out one is watched this long for a late end. */
#define TIMED_OUT_KEEP_MS (60 * 60 * 1000)
#define DISMISS_MAX 16
/* A request is planned on data at most this old. */
#define FRESH_ENOUGH_MS 250

struct tracked {
	struct transition t;          /* strings below are owned */
	char *target, *node, *away, *reason;
};

struct cluster {
	char *name;
	char *driver_name;
	char *unavailable;
	bool readonly;
	unsigned refresh_ms;
	unsigned timeout_ms;
	struct audit *audit;
	uint64_t (*clock_ms)(void *ctx);
	void *clock_ctx;
	struct driver *driver;        /* worker's; NULL if not available */

	/* Worker-only state. */
	struct snapshot *latest;      /* with overlay; also what is published */
	uint64_t confirmed_ms;        /* when the driver last vouched for it */
	bool overlay_dirty;           /* tracked transitions not yet shown */
	struct tracked tracked[TRANSITIONS_MAX];
	size_t n_tracked;
	uint64_t next_transition_id;
	bool fetch_failing;

	/* Shared with the UI thread, under lock. */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t thread;
	bool running, stopping;
	int wake_fd;
	struct action queue[QUEUE_MAX];
	size_t q_head, q_len;
	struct action dismiss[DISMISS_MAX];   /* marks to clear */
	size_t n_dismiss;
	struct snapshot *published;
	struct cluster_status status;
	struct event events[EVENTS_MAX];
	size_t ev_head, ev_len;
	uint64_t ev_seq;
	uint64_t next_refresh_ms;
	/* The preview asked for (a dry run of a request) and its answer:
	 * one at a time, a newer ask replacing one not yet answered. */
	struct action preview_ask;
	uint64_t preview_ticket;      /* of the newest ask; 0: none yet */
	bool preview_waiting;         /* the newest ask is not answered */
	uint64_t preview_answered;    /* the ticket the answer is for */
	struct preview preview_answer;
	char *preview_error;          /* or why there is none */
	/* The detail asked for (a query of the driver) and its answer,
	 * the same way. */
	struct detail_ask detail_ask;
	uint64_t detail_ticket;
	bool detail_waiting;
	uint64_t detail_answered;
	struct detail detail_answer;
	char *detail_error;
};

static uint64_t
monotonic_ms(void *ctx)
{
	(void)ctx;
	return clock_monotonic_ms();
}

static int64_t
wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct cluster *
cluster_new(const struct cluster_params *p, struct driver *driver,
	    const char *unavailable)
{
	struct cluster *c = xcalloc(1, sizeof(*c));
	pthread_condattr_t attr;

	c->name = xstrdup(p->name);
	c->driver_name = xstrdup(p->driver_name ? p->driver_name : "?");
	c->unavailable = xstrdup(unavailable ? unavailable
					     : "driver not available");
	c->readonly = p->readonly;
	c->refresh_ms = p->refresh_ms ? p->refresh_ms : CCON_DEFAULT_REFRESH_MS;
	c->timeout_ms = p->transition_timeout_ms ? p->transition_timeout_ms
		: CCON_DEFAULT_TRANSITION_TIMEOUT_S * 1000u;
	c->audit = p->audit;
	c->clock_ms = p->clock_ms ? p->clock_ms : monotonic_ms;
	c->clock_ctx = p->clock_ctx;
	c->driver = driver;
	c->wake_fd = -1;
	c->status.last_status = -1;
	pthread_mutex_init(&c->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&c->cond, &attr);
	pthread_condattr_destroy(&attr);
	if (driver == NULL)
		str_copy(c->status.error, sizeof(c->status.error),
			 c->unavailable);
	return c;
}

static void
tracked_clear(struct tracked *tr)
{
	free(tr->target);
	free(tr->node);
	free(tr->away);
	free(tr->reason);
	memset(tr, 0, sizeof(*tr));
}

static void audit_unfinished(struct cluster *c, const struct transition *t,
			     const char *when);

void
cluster_free(struct cluster *c)
{
	size_t i;

	if (c == NULL)
		return;
	cluster_stop(c);
	/* A request still under way has no outcome yet: the log says so,
	 * so that every request it holds has one more line. */
	for (i = 0; i < c->n_tracked; i++) {
		audit_unfinished(c, &c->tracked[i].t, "when ccon quit");
		tracked_clear(&c->tracked[i]);
	}
	snapshot_unref(c->latest);
	snapshot_unref(c->published);
	preview_free(&c->preview_answer);
	free(c->preview_error);
	detail_free(&c->detail_answer);
	free(c->detail_error);
	if (c->driver != NULL)
		c->driver->ops->destroy(c->driver);
	pthread_cond_destroy(&c->cond);
	pthread_mutex_destroy(&c->lock);
	free(c->name);
	free(c->driver_name);
	free(c->unavailable);
	free(c);
}

const char *
cluster_name(const struct cluster *c)
{
	return c->name;
}

bool
cluster_readonly(const struct cluster *c)
{
	return c->readonly;
}

unsigned
cluster_caps(const struct cluster *c)
{
	return c->driver != NULL ? c->driver->ops->caps : 0;
}

const char *
cluster_type(const struct cluster *c)
{
	return c->driver != NULL ? c->driver->ops->name : c->driver_name;
}

uint64_t
cluster_now_ms(const struct cluster *c)
{
	return c->clock_ms(c->clock_ctx);
}

static void
wake(struct cluster *c)
{
	ssize_t n;

	if (c->wake_fd < 0)
		return;
	/* The pipe is non-blocking: when it is full the UI is already
	 * due to wake, so a lost byte loses nothing. */
	do
		n = write(c->wake_fd, "!", 1);
	while (n < 0 && errno == EINTR);
}

/* Appends an event; the caller holds the lock. */
static void
event_add_locked(struct cluster *c, enum event_kind kind,
		 enum event_severity sev, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static void
event_add_locked(struct cluster *c, enum event_kind kind,
		 enum event_severity sev, const char *fmt, va_list ap)
{
	struct event *e;

	if (c->ev_len == EVENTS_MAX) {  /* the UI fell behind: drop oldest */
		c->ev_head = (c->ev_head + 1) % EVENTS_MAX;
		c->ev_len--;
	}
	e = &c->events[(c->ev_head + c->ev_len) % EVENTS_MAX];
	c->ev_len++;
	e->seq = ++c->ev_seq;
	e->wall_ms = wall_ms();
	e->kind = kind;
	e->severity = sev;
	vsnprintf(e->text, sizeof(e->text), fmt, ap);
}

static void
event_add(struct cluster *c, enum event_kind kind, enum event_severity sev,
	  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
event_add(struct cluster *c, enum event_kind kind, enum event_severity sev,
	  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pthread_mutex_lock(&c->lock);
	event_add_locked(c, kind, sev, fmt, ap);
	pthread_mutex_unlock(&c->lock);
	va_end(ap);
}

size_t
cluster_drain_events(struct cluster *c, struct event *out, size_t max)
{
	size_t n = 0;

	pthread_mutex_lock(&c->lock);
	while (n < max && c->ev_len > 0) {
		out[n++] = c->events[c->ev_head];
		c->ev_head = (c->ev_head + 1) % EVENTS_MAX;
		c->ev_len--;
	}
	pthread_mutex_unlock(&c->lock);
	return n;
}

struct snapshot *
cluster_snapshot(struct cluster *c)
{
	struct snapshot *s;

	pthread_mutex_lock(&c->lock);
	s = snapshot_ref(c->published);
	pthread_mutex_unlock(&c->lock);
	return s;
}

void
cluster_get_status(struct cluster *c, struct cluster_status *out)
{
	pthread_mutex_lock(&c->lock);
	*out = c->status;
	pthread_mutex_unlock(&c->lock);
}

static void
set_last_result(struct cluster *c, int status, const char *msg)
{
	pthread_mutex_lock(&c->lock);
	c->status.last_status = status;
	str_copy(c->status.last_message, sizeof(c->status.last_message), msg);
	pthread_mutex_unlock(&c->lock);
}

/* "offline group web", "move group web to bravo", "move group web to
 * the best node", "keep clone ping-clone off alpha" (a group target's
 * own kind, from s, which may be NULL), with " (overriding its lock)"
 * for that option. */
static void
describe(char *buf, size_t sz, const struct action *a,
	 const struct snapshot *s)
{
	const char *kw = action_target_word(s, a->target_kind, a->target);
	size_t len;

	if (a->kind == ACT_MOVE)
		snprintf(buf, sz, "move %s %s to %s", kw, a->target,
			 a->node[0] ? a->node : ACTION_BEST_NODE);
	else if (a->kind == ACT_BAN)
		snprintf(buf, sz, "keep %s %s off %s", kw, a->target,
			 a->node);
	else
		snprintf(buf, sz, "%s %s %s", action_kind_word(a->kind), kw,
			 a->target);
	len = strlen(buf);
	if ((a->opts & ACTION_OPT_IGNORE_LOCKED) && len < sz)
		snprintf(buf + len, sz - len, " (%s)",
			 action_opt_doing(ACTION_OPT_IGNORE_LOCKED));
}

/* The audit log's target field: "web", "web -> bravo" (a move),
 * "web -> the best node", "ping !alpha" (kept off alpha). */
static void
audit_target(char *buf, size_t sz, int kind, const char *target,
	     const char *node)
{
	if (kind == ACT_MOVE)
		snprintf(buf, sz, "%s -> %s", target,
			 node != NULL && *node ? node : ACTION_BEST_NODE);
	else if (kind == ACT_BAN && node != NULL)
		snprintf(buf, sz, "%s !%s", target, node);
	else
		str_copy(buf, sz, target);
}

static void
audit_line(struct cluster *c, int kind, const char *target, int status,
	   const char *text)
{
	char source[sizeof(c->status.source)];

	pthread_mutex_lock(&c->lock);
	memcpy(source, c->status.source, sizeof(source));
	pthread_mutex_unlock(&c->lock);
	if (audit_record(c->audit, c->name, source[0] ? source : "-",
			 action_kind_word((enum action_kind)kind), target,
			 status, text) != 0)
		event_add(c, EV_ERROR, SEV_WARN, "audit log: write failed: %s",
			  strerror(errno));
}

/* Records a request; `sent` says whether anything reached the cluster,
 * which the status alone does not (997 is both "started" and "refused:
 * already pending"). */
static void
audit(struct cluster *c, const struct action *a, int status, bool sent,
      const char *msg)
{
	char line[1200], target[2 * ACTION_ID_MAX + 8], opts[128];

	if (c->audit == NULL)
		return;
	audit_target(target, sizeof(target), a->kind, a->target, a->node);
	/* An override is recorded by name where grep finds it, sent or
	 * not: "sent with ignore-locked: ...". */
	action_opts_words(a->opts, opts, sizeof(opts));
	snprintf(line, sizeof(line), "%s%s%s: %s", sent ? "sent" : "not sent",
		 opts[0] ? " with " : "", opts, msg);
	audit_line(c, a->kind, target, status, line);
}

/* How a tracked request ended, one more line for it: grep the log for
 * its number to see what became of it. */
static void
audit_outcome(struct cluster *c, const struct transition *t, int status,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
audit_outcome(struct cluster *c, const struct transition *t, int status,
	      const char *fmt, ...)
{
	char line[1200], text[1000], target[2 * ACTION_ID_MAX + 8];
	va_list ap;

	if (c->audit == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	audit_target(target, sizeof(target), t->action, t->target, t->node);
	snprintf(line, sizeof(line), "outcome of request %llu: %s",
		 (unsigned long long)t->id, text);
	audit_line(c, t->action, target, status, line);
}

int
cluster_submit(struct cluster *c, const struct action *a, char **msg)
{
	char what[2 * ACTION_ID_MAX + 32];
	struct plan refusal;
	struct snapshot *now_snap;
	bool run_now;

	now_snap = cluster_snapshot(c);
	describe(what, sizeof(what), a, now_snap);
	snapshot_unref(now_snap);
	/* The read-only gate: nothing mutating gets past this point. */
	if (c->readonly) {
		*msg = xasprintf("read-only mode: %s was not sent", what);
		audit(c, a, CCON_ACCESS_DENIED, false, *msg);
		event_add(c, EV_ACTION, SEV_WARN, "%s", *msg);
		return CCON_ACCESS_DENIED;
	}
	if (c->driver == NULL) {
		*msg = xasprintf("%s: %s", what, c->unavailable);
		audit(c, a, CCON_NOT_SUPPORTED, false, *msg);
		return CCON_NOT_SUPPORTED;
	}
	if (!action_request_supported(cluster_caps(c), a, cluster_type(c),
				      &refusal)) {
		*msg = xasprintf("%s: %s", what, refusal.message);
		audit(c, a, refusal.status, false, *msg);
		event_add(c, EV_ACTION, SEV_WARN, "%s", *msg);
		return refusal.status;
	}
	pthread_mutex_lock(&c->lock);
	if (c->q_len == QUEUE_MAX) {
		pthread_mutex_unlock(&c->lock);
		*msg = xasprintf("%s: too many requests waiting; try again",
				 what);
		audit(c, a, CCON_INVALID_STATE, false, *msg);
		return CCON_INVALID_STATE;
	}
	c->queue[(c->q_head + c->q_len) % QUEUE_MAX] = *a;
	c->q_len++;
	run_now = !c->running;
	pthread_cond_signal(&c->cond);
	pthread_mutex_unlock(&c->lock);
	if (run_now)
		cluster_run_queued(c);
	*msg = xasprintf("%s: requested", what);
	return CCON_OK;
}

static bool
queue_pop(struct cluster *c, struct action *out)
{
	bool got = false;

	pthread_mutex_lock(&c->lock);
	if (c->q_len > 0) {
		*out = c->queue[c->q_head];
		c->q_head = (c->q_head + 1) % QUEUE_MAX;
		c->q_len--;
		got = true;
	}
	pthread_mutex_unlock(&c->lock);
	return got;
}

static void
tracked_remove(struct cluster *c, size_t i)
{
	tracked_clear(&c->tracked[i]);
	memmove(&c->tracked[i], &c->tracked[i + 1],
		(c->n_tracked - i - 1) * sizeof(c->tracked[0]));
	c->n_tracked--;
	memset(&c->tracked[c->n_tracked], 0, sizeof(c->tracked[0]));
	c->overlay_dirty = true;
}

/* Forgets what is remembered about a target (a failed or timed-out mark,
 * and, with pending_too, a transition under way): a new request on it
 * replaces that, and the operator may dismiss a mark. */
static void
forget_target(struct cluster *c, int target_kind, const char *target,
	      bool pending_too)
{
	size_t i;

	for (i = 0; i < c->n_tracked;) {
		if (c->tracked[i].t.target_kind == target_kind &&
		    strcmp(c->tracked[i].target, target) == 0 &&
		    (pending_too || c->tracked[i].t.status != TR_PENDING))
			tracked_remove(c, i);
		else
			i++;
	}
}

/* Starts tracking a request that is under way; returns its number. */
static uint64_t
track(struct cluster *c, const struct action *a, const struct plan *plan,
      uint64_t now)
{
	struct tracked *tr;

	forget_target(c, a->target_kind, a->target, true);
	if (c->n_tracked == TRANSITIONS_MAX) {
		audit_unfinished(c, &c->tracked[0].t, "and no longer "
				 "followed: too many newer requests are");
		tracked_clear(&c->tracked[0]);
		memmove(&c->tracked[0], &c->tracked[1],
			(c->n_tracked - 1) * sizeof(c->tracked[0]));
		c->n_tracked--;
		memset(&c->tracked[c->n_tracked], 0, sizeof(c->tracked[0]));
	}
	tr = &c->tracked[c->n_tracked++];
	tr->target = xstrdup(a->target);
	tr->node = (a->kind == ACT_MOVE || a->kind == ACT_BAN) && a->node[0]
		   ? xstrdup(a->node) : NULL;
	tr->away = plan->away[0] ? xstrdup(plan->away) : NULL;
	tr->t.away = tr->away;
	tr->t.id = ++c->next_transition_id;
	tr->t.action = a->kind;
	tr->t.target_kind = a->target_kind;
	tr->t.target = tr->target;
	tr->t.node = tr->node;
	tr->t.wanted = plan->wanted;
	tr->t.status = TR_PENDING;
	tr->t.start_ms = now;
	tr->t.deadline_ms = now + c->timeout_ms;
	c->overlay_dirty = true;
	return tr->t.id;
}

/* Seconds since a transition started, for its messages. */
static double
took_s(const struct transition *t, uint64_t now)
{
	return (double)(now - t->start_ms) / 1000.0;
}

/* The outcome line of a request still pending when it is forgotten
 * (ccon quits, or too many newer ones are under way). */
static void
audit_unfinished(struct cluster *c, const struct transition *t,
		 const char *when)
{
	if (t->status == TR_PENDING)
		audit_outcome(c, t, CCON_IO_PENDING, "still pending after "
			      "%.1f s, %s", took_s(t, cluster_now_ms(c)), when);
}

/* A request sent to a node replaces the one under way there: a resume
 * cuts a pause's drain short, and waiting on for that would only time
 * out. The replaced one gets its outcome line. */
static void
replace_node_request(struct cluster *c, const struct action *a, uint64_t now)
{
	size_t i;

	for (i = 0; i < c->n_tracked; i++) {
		const struct tracked *tr = &c->tracked[i];

		if (tr->t.target_kind == TARGET_NODE &&
		    tr->t.status == TR_PENDING &&
		    strcmp(tr->target, a->target) == 0)
			audit_outcome(c, &tr->t, CCON_OK,
				      "replaced by %s after %.1f s",
				      action_kind_word(a->kind),
				      took_s(&tr->t, now));
	}
	forget_target(c, TARGET_NODE, a->target, true);
}

static void
execute(struct cluster *c, const struct action *a)
{
	char what[2 * ACTION_ID_MAX + 32];
	char msg[1024];
	struct plan plan = { .kind = PLAN_REFUSE };
	char *err = NULL;
	uint64_t now;
	bool sent = false;
	int status;

	describe(what, sizeof(what), a, c->latest);
	/* Decide on the cluster as it is now, not as it was a refresh
	 * interval ago. */
	if (c->latest == NULL ||
	    cluster_now_ms(c) - c->confirmed_ms > FRESH_ENOUGH_MS)
		cluster_refresh(c);
	if (c->latest == NULL) {
		snprintf(msg, sizeof(msg), "%s: no cluster state yet; "
			 "try again", what);
		status = CCON_INVALID_STATE;
		goto out;
	}
	action_plan(c->latest, a, &plan);
	status = plan.status;
	/* A refusal reads as one, whatever its code (997 "pending" among
	 * them: the target is busy, nothing was started). */
	if (plan.kind == PLAN_REFUSE) {
		snprintf(msg, sizeof(msg), "%s: refused: %s", what,
			 plan.message);
		goto out;
	}
	if (plan.kind == PLAN_NOOP) {
		snprintf(msg, sizeof(msg), "%s: %s (%s)", what,
			 ccon_status_word(status), plan.message);
		goto out;
	}
	now = cluster_now_ms(c);
	sent = true;
	if (c->driver->ops->act(c->driver, a, now, &err) != 0) {
		status = CCON_DRIVER_ERROR;
		snprintf(msg, sizeof(msg), "%s failed: %s", what,
			 err ? err : "unknown error");
		free(err);
		goto out;
	}
	if (a->target_kind == TARGET_NODE)
		replace_node_request(c, a, now);
	else
		forget_target(c, a->target_kind, a->target, false);
	if (plan.kind == PLAN_PENDING)
		snprintf(msg, sizeof(msg), "%s: %s (%s); request %llu", what,
			 ccon_status_word(status), plan.message,
			 (unsigned long long)track(c, a, &plan, now));
	else
		snprintf(msg, sizeof(msg), "%s: %s (%s)", what,
			 ccon_status_word(status), plan.message);
out:
	audit(c, a, status, sent, msg);
	set_last_result(c, status, msg);
	event_add(c, EV_ACTION,
		  plan.kind == PLAN_REFUSE && status == CCON_IO_PENDING
		  ? SEV_WARN
		  : status == CCON_OK || status == CCON_IO_PENDING ? SEV_INFO
		  : SEV_ERROR, "%s", msg);
	/* Show the effect at once rather than at the next tick. */
	cluster_refresh(c);
}

void
cluster_run_queued(struct cluster *c)
{
	struct action a;

	while (queue_pop(c, &a))
		execute(c, &a);
}

/* Carries state_since over from the previous snapshot, and reports what
 * changed, in the words the screen uses ("ONLINE → OFFLINE PENDING"). Clone instances share an id, so the n-th instance of an id is
 * matched with the n-th one before. Linear: every lookup is by index. */
static void
diff_states(struct cluster *c, const struct snapshot *old,
	    struct snapshot *cur, uint64_t now)
{
	/* nth[first] counts the instances of first's id seen so far. */
	unsigned *nth = xcalloc(cur->n_resources + 1, sizeof(*nth));
	size_t i;

	for (i = 0; i < cur->n_resources; i++) {
		const struct model_resource *r = &cur->resources[i];
		const struct model_resource *was = NULL;
		long first = snapshot_find_resource(cur, r->id);
		long o = -1;

		if (first >= 0 && old != NULL)
			o = snapshot_find_instance(old, r->id,
						   nth[first]);
		if (first >= 0)
			nth[first]++;
		if (o >= 0)
			was = &old->resources[o];
		if (was != NULL && was->state == r->state) {
			snapshot_set_state_since(cur, i, was->state_since_ms);
			continue;
		}
		snapshot_set_state_since(cur, i, now);
		if (was == NULL)
			continue;
		event_add(c, EV_STATE,
			  r->state == RES_FAILED ? SEV_ERROR
			  : r->state == RES_ONLINE ? SEV_OK : SEV_INFO,
			  "%s%s%s: %s %s %s%s%s", r->id,
			  r->n_nodes ? " on " : "",
			  r->n_nodes ? r->nodes[0] : "",
			  res_state_label(was->state), glyph(GLYPH_ARROW),
			  res_state_label(r->state),
			  r->state == RES_FAILED && r->failure ? ": " : "",
			  r->state == RES_FAILED && r->failure ? r->failure
							       : "");
	}
	free(nth);
	for (i = 0; old != NULL && i < cur->n_nodes; i++) {
		long o = snapshot_find_node(old, cur->nodes[i].name);

		if (o >= 0 && old->nodes[o].state != cur->nodes[i].state)
			event_add(c, EV_STATE,
				  cur->nodes[i].state == NODE_UP ? SEV_OK
								 : SEV_WARN,
				  "node %s: %s %s %s", cur->nodes[i].name,
				  node_state_label(old->nodes[o].state),
				  glyph(GLYPH_ARROW),
				  node_state_label(cur->nodes[i].state));
	}
}

/* One tracked transition moved on by what s shows, or by its deadline.
 * Returns whether what its row shows changed. */
static bool
settle_one(struct cluster *c, struct tracked *tr, const struct snapshot *s,
	   uint64_t now)
{
	char what[2 * ACTION_ID_MAX + 32];
	const char *reason = NULL;
	enum transition_status st;
	struct action a = { .kind = tr->t.action,
			    .target_kind = tr->t.target_kind };

	str_copy(a.target, sizeof(a.target), tr->target);
	if (tr->node)
		str_copy(a.node, sizeof(a.node), tr->node);
	describe(what, sizeof(what), &a, s);
	st = action_progress(s, &tr->t, &reason);
	if (st == TR_PENDING) {
		if (tr->t.status != TR_PENDING || now < tr->t.deadline_ms)
			return false;
		/* Late, not lost: it is watched on, and may end well. */
		tr->t.status = TR_TIMED_OUT;
		tr->t.end_ms = now;
		tr->reason = xstrdup("timed out");
		tr->t.reason = tr->reason;
		event_add(c, EV_TRANSITION_FAILED, SEV_ERROR,
			  "%s TIMED OUT after %.1fs (still watched: it may "
			  "end late)", what, took_s(&tr->t, now));
		audit_outcome(c, &tr->t, CCON_TIMEOUT, "timed out after %.1f s",
			      took_s(&tr->t, now));
		return true;
	}
	if (st == TR_DONE) {
		if (tr->t.status == TR_TIMED_OUT) {
			event_add(c, EV_TRANSITION_DONE, SEV_OK,
				  "%s: done late, after %.0f s", what,
				  took_s(&tr->t, now));
			audit_outcome(c, &tr->t, CCON_OK,
				      "done late, after %.1f s",
				      took_s(&tr->t, now));
		} else {
			event_add(c, EV_TRANSITION_DONE, SEV_OK,
				  "%s: done in %.1fs", what,
				  took_s(&tr->t, now));
			audit_outcome(c, &tr->t, CCON_OK, "done after %.1f s",
				      took_s(&tr->t, now));
		}
		tr->t.status = TR_DONE;
		tr->t.end_ms = now;
		return true;
	}
	free(tr->reason);
	tr->reason = xstrdup(reason ? reason : "failed");
	tr->t.reason = tr->reason;
	tr->t.status = TR_FAILED;
	tr->t.end_ms = now;
	event_add(c, EV_TRANSITION_FAILED, SEV_ERROR, "%s FAILED after %.1fs: %s",
		  what, took_s(&tr->t, now), tr->reason);
	audit_outcome(c, &tr->t, CCON_RESOURCE_FAILED, "failed after %.1f s: %s",
		      took_s(&tr->t, now), tr->reason);
	return true;
}

/* Moves the tracked transitions on by what s shows and by their
 * deadlines, with an event and an audit line for each that ends, and
 * drops those no longer worth showing (done; failed a while ago; timed
 * out long ago). Fills overlay (TRANSITIONS_MAX entries) with what is to
 * be shown; returns whether that differs from what was shown last. */
static bool
settle_transitions(struct cluster *c, const struct snapshot *s, uint64_t now,
		   struct transition *overlay, size_t *n_overlay)
{
	bool changed = c->overlay_dirty;
	size_t i, n = 0;

	for (i = 0; i < c->n_tracked; i++) {
		struct tracked *tr = &c->tracked[i];

		if (tr->t.status == TR_PENDING || tr->t.status == TR_TIMED_OUT)
			changed |= settle_one(c, tr, s, now);
	}
	for (i = 0; i < c->n_tracked;) {
		struct tracked *tr = &c->tracked[i];
		bool keep = tr->t.status == TR_PENDING ||
			    (tr->t.status == TR_TIMED_OUT &&
			     now - tr->t.start_ms < TIMED_OUT_KEEP_MS) ||
			    (tr->t.status == TR_FAILED &&
			     now - tr->t.end_ms < FAILED_KEEP_MS);

		if (keep) {
			overlay[n++] = tr->t;
			i++;
			continue;
		}
		changed = true;
		tracked_remove(c, i);
	}
	*n_overlay = n;
	c->overlay_dirty = false;
	return changed;
}

/* How old s already is by its own time stamp; 0 when it has none or
 * it is not in the past (another machine's clock). */
static uint64_t
data_age(const struct snapshot *s)
{
	int64_t now = wall_ms();

	if (s->data_wall <= 0 || now <= s->data_wall * 1000)
		return 0;
	return (uint64_t)(now - s->data_wall * 1000);
}

static void
publish(struct cluster *c, struct snapshot *s)
{
	struct snapshot *old;

	pthread_mutex_lock(&c->lock);
	old = c->published;
	c->published = snapshot_ref(s);
	c->status.have_data = true;
	c->status.stale = false;
	c->status.last_ok_ms = c->confirmed_ms;
	c->status.data_age_ms = data_age(s);
	c->status.error[0] = '\0';
	str_copy(c->status.source, sizeof(c->status.source), s->source);
	pthread_mutex_unlock(&c->lock);
	snapshot_unref(old);
}

/* The driver's view of its links, published, with an event for each
 * node that went down or came back. */
static void
update_links(struct cluster *c)
{
	struct link_status now[CLUSTER_LINKS_MAX];
	struct link_status before[CLUSTER_LINKS_MAX];
	size_t n, n_before, i;

	if (c->driver == NULL || c->driver->ops->links == NULL)
		return;
	n = c->driver->ops->links(c->driver, now, CLUSTER_LINKS_MAX);
	pthread_mutex_lock(&c->lock);
	n_before = c->status.n_links;
	memcpy(before, c->status.links, sizeof(before));
	memcpy(c->status.links, now, n * sizeof(now[0]));
	c->status.n_links = n;
	pthread_mutex_unlock(&c->lock);
	for (i = 0; i < n; i++) {
		enum link_state was = i < n_before ? before[i].state
						   : LINK_UNTRIED;
		enum node_verdict judged = i < n_before ? before[i].verdict
							: VERDICT_UNKNOWN;
		bool was_used = i < n_before && before[i].in_use;

		if (now[i].in_use && !was_used && n_before > 0 && n > 1)
			event_add(c, EV_INFO, SEV_INFO, "reading %s through "
				  "%s now", c->name, now[i].node);
		if (now[i].state == was && now[i].verdict == judged &&
		    strcmp(now[i].reason, i < n_before ? before[i].reason
						       : "") == 0)
			continue;
		if (now[i].state == LINK_DOWN)
			event_add(c, EV_ERROR, SEV_ERROR, "node %s unreachable: "
				  "%s", now[i].node, now[i].reason);
		else if (now[i].verdict != judged &&
			 (now[i].verdict == VERDICT_NO_STACK ||
			  now[i].verdict == VERDICT_NO_QUORUM ||
			  now[i].verdict == VERDICT_SLOW))
			event_add(c, EV_ERROR, now[i].verdict == VERDICT_SLOW
				  ? SEV_WARN : SEV_ERROR, "node %s cannot serve "
				  "the cluster's view: %s", now[i].node,
				  now[i].reason);
		else if (now[i].state == LINK_UP && was == LINK_DOWN)
			event_add(c, EV_INFO, SEV_OK, "node %s answers again",
				  now[i].node);
		else if (now[i].verdict == VERDICT_GOOD &&
			 (judged == VERDICT_NO_STACK ||
			  judged == VERDICT_NO_QUORUM || judged == VERDICT_SLOW))
			event_add(c, EV_INFO, SEV_OK, "node %s serves again",
				  now[i].node);
	}
}

static void
schedule_next(struct cluster *c, uint64_t now)
{
	uint64_t next = now + c->refresh_ms;

	if (c->driver != NULL && c->driver->ops->next_change_ms != NULL) {
		uint64_t change = c->driver->ops->next_change_ms(c->driver,
								 now);

		if (change < next)
			next = change > now ? change : now;
	}
	/* Pending transitions need their deadlines checked. */
	for (size_t i = 0; i < c->n_tracked; i++) {
		if (c->tracked[i].t.status == TR_PENDING && now + 1000 < next) {
			next = now + 1000;
			break;
		}
	}
	pthread_mutex_lock(&c->lock);
	c->next_refresh_ms = next;
	pthread_mutex_unlock(&c->lock);
}

/* The driver vouched for the data without new data, as of now or a
 * little before (driver.h: unchanged_as_of_ms): only the transitions can
 * have moved (a deadline passed, a request was tracked), and then a
 * snapshot sharing the data with the new overlay goes out. */
static void
confirm_unchanged(struct cluster *c, uint64_t now)
{
	struct transition overlay[TRANSITIONS_MAX];
	struct snapshot *s;
	uint64_t known = now;
	size_t n;

	if (c->driver->ops->unchanged_as_of_ms != NULL) {
		uint64_t as_of = c->driver->ops->unchanged_as_of_ms(c->driver);

		if (as_of < now)
			known = as_of;
	}
	/* Never back in time: a look already had holds too. */
	if (known > c->confirmed_ms)
		c->confirmed_ms = known;
	if (settle_transitions(c, c->latest, now, overlay, &n)) {
		s = snapshot_with_transitions(c->latest, overlay, n);
		snapshot_unref(c->latest);
		c->latest = s;
		publish(c, s);
		return;
	}
	pthread_mutex_lock(&c->lock);
	c->status.stale = false;
	c->status.error[0] = '\0';
	c->status.last_ok_ms = c->confirmed_ms;
	/* The same data, older by as much as the clock moved. */
	if (c->latest != NULL)
		c->status.data_age_ms = data_age(c->latest);
	pthread_mutex_unlock(&c->lock);
}

int
cluster_refresh(struct cluster *c)
{
	struct transition overlay[TRANSITIONS_MAX];
	struct snapshot *s = NULL;
	char *err = NULL;
	uint64_t now = cluster_now_ms(c);
	size_t n;
	int rc = 0;

	if (c->driver == NULL) {
		rc = -1;
		goto out;
	}
	rc = c->driver->ops->fetch(c->driver, now, &s, &err);
	update_links(c);
	if (rc == DRIVER_UNCHANGED && c->latest == NULL) {
		rc = -1;
		err = xstrdup("the driver had no state to report");
	}
	if (rc < 0) {
		bool first = !c->fetch_failing;

		c->fetch_failing = true;
		pthread_mutex_lock(&c->lock);
		c->status.stale = c->status.have_data;
		str_copy(c->status.error, sizeof(c->status.error),
			 err ? err : "fetch failed");
		pthread_mutex_unlock(&c->lock);
		if (first)
			event_add(c, EV_ERROR, SEV_ERROR, "%s: data is stale: %s",
				  c->name, err ? err : "fetch failed");
		free(err);
		rc = -1;
		goto out;
	}
	if (c->fetch_failing)
		event_add(c, EV_INFO, SEV_OK, "%s: data is live again",
			  c->name);
	else if (c->latest == NULL)
		event_add(c, EV_INFO, SEV_OK, "%s: connected (%s), data from "
			  "%s", c->name, c->driver_name, s->source);
	c->fetch_failing = false;
	if (rc == DRIVER_UNCHANGED) {
		confirm_unchanged(c, now);
		rc = 0;
		goto out;
	}
	c->confirmed_ms = now;
	s->taken_ms = now;
	snapshot_set_caps(s, c->driver->ops->caps);
	diff_states(c, c->latest, s, now);
	settle_transitions(c, s, now, overlay, &n);
	snapshot_set_transitions(s, overlay, n);
	snapshot_unref(c->latest);
	c->latest = s;
	publish(c, s);
out:
	schedule_next(c, now);
	wake(c);
	return rc;
}

/* Publishes the transitions anew when they changed though the data did
 * not (a mark dismissed): a snapshot that shares the data. */
static void
republish_transitions(struct cluster *c, uint64_t now)
{
	struct transition overlay[TRANSITIONS_MAX];
	struct snapshot *s;
	size_t n;

	if (c->latest == NULL ||
	    !settle_transitions(c, c->latest, now, overlay, &n))
		return;
	s = snapshot_with_transitions(c->latest, overlay, n);
	snapshot_unref(c->latest);
	c->latest = s;
	publish(c, s);
	wake(c);
}

static void
apply_dismissals(struct cluster *c)
{
	struct action d[DISMISS_MAX];
	size_t i, n;

	pthread_mutex_lock(&c->lock);
	n = c->n_dismiss;
	memcpy(d, c->dismiss, n * sizeof(d[0]));
	c->n_dismiss = 0;
	pthread_mutex_unlock(&c->lock);
	for (i = 0; i < n; i++)
		forget_target(c, d[i].target_kind, d[i].target, false);
	republish_transitions(c, cluster_now_ms(c));
}

void
cluster_dismiss(struct cluster *c, enum target_kind tk, const char *target)
{
	bool run_now;

	pthread_mutex_lock(&c->lock);
	if (c->n_dismiss < DISMISS_MAX) {
		memset(&c->dismiss[c->n_dismiss], 0, sizeof(c->dismiss[0]));
		c->dismiss[c->n_dismiss].target_kind = tk;
		str_copy(c->dismiss[c->n_dismiss].target,
			 sizeof(c->dismiss[0].target), target);
		c->n_dismiss++;
	}
	run_now = !c->running;
	pthread_cond_signal(&c->cond);
	pthread_mutex_unlock(&c->lock);
	if (run_now)
		apply_dismissals(c);
}

/* Works out the newest preview asked for, on fresh state, and keeps the
 * answer for cluster_preview_take. What action_plan would refuse or find
 * already done is answered from the plan: nothing is worked out. */
static void
answer_preview(struct cluster *c)
{
	struct preview out = { 0 };
	struct action a;
	struct plan plan;
	char *err = NULL;
	uint64_t ticket;

	pthread_mutex_lock(&c->lock);
	a = c->preview_ask;
	ticket = c->preview_ticket;
	c->preview_waiting = false;
	pthread_mutex_unlock(&c->lock);
	if (c->latest == NULL ||
	    cluster_now_ms(c) - c->confirmed_ms > FRESH_ENOUGH_MS)
		cluster_refresh(c);
	if (c->latest == NULL) {
		err = xstrdup("no cluster state yet");
	} else {
		action_plan(c->latest, &a, &plan);
		if (plan.kind == PLAN_REFUSE)
			err = xasprintf("it would be refused: %s", plan.message);
		else if (plan.kind != PLAN_NOOP &&
			 c->driver->ops->preview(c->driver, &a,
						 cluster_now_ms(c), &out,
						 &err) != 0 && err == NULL)
			err = xstrdup("the preview failed");
	}
	pthread_mutex_lock(&c->lock);
	if (ticket == c->preview_ticket) {
		preview_free(&c->preview_answer);
		free(c->preview_error);
		c->preview_answer = out;
		c->preview_error = err;
		c->preview_answered = ticket;
		memset(&out, 0, sizeof(out));
		err = NULL;
	}
	pthread_mutex_unlock(&c->lock);
	preview_free(&out);
	free(err);
	wake(c);
}

uint64_t
cluster_preview_ask(struct cluster *c, const struct action *a, char **why)
{
	struct plan refusal;
	uint64_t ticket;
	bool run_now;

	/* The read-only gate, before anything runs anywhere. */
	if (c->readonly) {
		*why = xstrdup("read-only mode: nothing is previewed");
		return 0;
	}
	if (c->driver == NULL) {
		*why = xstrdup(c->unavailable);
		return 0;
	}
	if (!action_request_supported(cluster_caps(c), a, cluster_type(c),
				      &refusal)) {
		*why = xstrdup(refusal.message);
		return 0;
	}
	if (c->driver->ops->preview == NULL) {
		*why = xasprintf("no preview for this cluster type (%s)",
				 cluster_type(c));
		return 0;
	}
	pthread_mutex_lock(&c->lock);
	c->preview_ask = *a;
	ticket = ++c->preview_ticket;
	c->preview_waiting = true;
	run_now = !c->running;
	pthread_cond_signal(&c->cond);
	pthread_mutex_unlock(&c->lock);
	if (run_now)
		answer_preview(c);
	return ticket;
}

int
cluster_preview_take(struct cluster *c, uint64_t ticket, struct preview *out,
		     char **err)
{
	int got = 0;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	pthread_mutex_lock(&c->lock);
	if (ticket != 0 && c->preview_answered == ticket) {
		*out = c->preview_answer;
		*err = c->preview_error;
		memset(&c->preview_answer, 0, sizeof(c->preview_answer));
		c->preview_error = NULL;
		c->preview_answered = 0;
		got = 1;
	}
	pthread_mutex_unlock(&c->lock);
	return got;
}

/* Asks the driver for the newest detail asked for and keeps the answer
 * for cluster_detail_take. A query: no read-only gate, no refresh. */
static void
answer_detail(struct cluster *c)
{
	struct detail out = { 0 };
	struct detail_ask q;
	char *err = NULL;
	uint64_t ticket;

	pthread_mutex_lock(&c->lock);
	q = c->detail_ask;
	ticket = c->detail_ticket;
	c->detail_waiting = false;
	pthread_mutex_unlock(&c->lock);
	if (c->driver->ops->detail != NULL &&
	    c->driver->ops->detail(c->driver, &q, cluster_now_ms(c), &out,
				   &err) != 0) {
		detail_free(&out);
		if (err == NULL)
			err = xstrdup("the detail query failed");
	}
	pthread_mutex_lock(&c->lock);
	if (ticket == c->detail_ticket) {
		detail_free(&c->detail_answer);
		free(c->detail_error);
		c->detail_answer = out;
		c->detail_error = err;
		c->detail_answered = ticket;
		memset(&out, 0, sizeof(out));
		err = NULL;
	}
	pthread_mutex_unlock(&c->lock);
	detail_free(&out);
	free(err);
	wake(c);
}

uint64_t
cluster_detail_ask(struct cluster *c, const struct detail_ask *q, char **why)
{
	uint64_t ticket;
	bool run_now;

	/* No read-only gate: a detail is a query, and the drivers' detail
	 * runs nothing that changes the cluster. */
	if (c->driver == NULL) {
		*why = xstrdup(c->unavailable);
		return 0;
	}
	pthread_mutex_lock(&c->lock);
	c->detail_ask = *q;
	ticket = ++c->detail_ticket;
	c->detail_waiting = true;
	run_now = !c->running;
	pthread_cond_signal(&c->cond);
	pthread_mutex_unlock(&c->lock);
	if (run_now)
		answer_detail(c);
	return ticket;
}

int
cluster_detail_take(struct cluster *c, uint64_t ticket, struct detail *out,
		    char **err)
{
	int got = 0;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	pthread_mutex_lock(&c->lock);
	if (ticket != 0 && c->detail_answered == ticket) {
		*out = c->detail_answer;
		*err = c->detail_error;
		memset(&c->detail_answer, 0, sizeof(c->detail_answer));
		c->detail_error = NULL;
		c->detail_answered = 0;
		got = 1;
	}
	pthread_mutex_unlock(&c->lock);
	return got;
}

static void *
worker(void *arg)
{
	struct cluster *c = arg;

	cluster_refresh(c);
	pthread_mutex_lock(&c->lock);
	for (;;) {
		uint64_t now;
		struct timespec until;

		/* What was asked for is carried out, even when told to stop:
		 * cluster_submit has told the operator "requested". */
		if (c->q_len > 0) {
			pthread_mutex_unlock(&c->lock);
			cluster_run_queued(c);
			pthread_mutex_lock(&c->lock);
			continue;
		}
		if (c->stopping)
			break;
		if (c->n_dismiss > 0) {
			pthread_mutex_unlock(&c->lock);
			apply_dismissals(c);
			pthread_mutex_lock(&c->lock);
			continue;
		}
		if (c->preview_waiting) {
			pthread_mutex_unlock(&c->lock);
			answer_preview(c);
			pthread_mutex_lock(&c->lock);
			continue;
		}
		if (c->detail_waiting) {
			pthread_mutex_unlock(&c->lock);
			answer_detail(c);
			pthread_mutex_lock(&c->lock);
			continue;
		}
		if (c->driver->ops->tick != NULL) {
			pthread_mutex_unlock(&c->lock);
			c->driver->ops->tick(c->driver);
			pthread_mutex_lock(&c->lock);
		}
		now = cluster_now_ms(c);
		if (now >= c->next_refresh_ms) {
			pthread_mutex_unlock(&c->lock);
			cluster_refresh(c);
			pthread_mutex_lock(&c->lock);
			continue;
		}
		/* The condition variable runs on CLOCK_MONOTONIC, as the
		 * default clock does; a test clock never reaches here. */
		clock_monotonic_after(&until, c->next_refresh_ms - now);
		pthread_cond_timedwait(&c->cond, &c->lock, &until);
	}
	/* Under the lock the queue was last seen empty under: a request
	 * queued from now on finds no worker and runs on its submitter's
	 * thread (cluster_submit), so none is left behind. */
	c->running = false;
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

int
cluster_start(struct cluster *c, int wake_fd, char **err)
{
	sigset_t all, old;
	int rc;

	c->wake_fd = wake_fd;
	if (c->driver == NULL) {
		/* Nothing to run; say why once, where the operator looks. */
		event_add(c, EV_ERROR, SEV_WARN, "%s: %s", c->name,
			  c->unavailable);
		wake(c);
		return 0;
	}
	pthread_mutex_lock(&c->lock);
	c->stopping = false;
	c->running = true;
	pthread_mutex_unlock(&c->lock);
	/* Signals are the UI thread's (resize, quit): a worker blocked in
	 * poll() on a socket must not be the one they interrupt. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&c->thread, NULL, worker, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_mutex_lock(&c->lock);
		c->running = false;
		pthread_mutex_unlock(&c->lock);
		*err = xasprintf("cannot start the worker for %s: %s",
				 c->name, strerror(rc));
		return -1;
	}
	return 0;
}

void
cluster_stop(struct cluster *c)
{
	bool was_running;

	pthread_mutex_lock(&c->lock);
	was_running = c->running;
	c->stopping = true;
	pthread_cond_signal(&c->cond);
	pthread_mutex_unlock(&c->lock);
	if (was_running)
		pthread_join(c->thread, NULL);
	pthread_mutex_lock(&c->lock);
	c->running = false;
	pthread_mutex_unlock(&c->lock);
	c->wake_fd = -1;
}
