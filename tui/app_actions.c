/* The console's actions: a key's request made from the selection, asked
 * of the operator first where it changes what runs (online, offline,
 * move, ban, pause), with what the cluster would do shown under the
 * question, and handed to the cluster; the answer goes to the status
 * line. Where a move can go is the backend's rule (action_move_targets);
 * whether a request would be refused is action_plan's, asked before any
 * dialog opens so that nothing is confirmed only to be refused. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/core/action.h"
#include "backend/core/cluster.h"
#include "backend/core/status.h"
#include "tui/app_priv.h"
#include "views/rows_query.h"

/* The words of the move chooser's first entry: no node named, the
 * cluster picks (action.h's best node). */
#define CHOOSER_BEST_NODE "best node (the cluster chooses)"

/* The lock question, the second one, after y: a key of its own that the
 * y/N before it does not use, so that a y pressed twice or held cannot
 * override a lock; anything else, Enter among them, sends nothing. */
#define CONFIRM_LOCK_KEY 'i'
#define CONFIRM_LOCK_QUESTION "%s is locked (an administrator or a " \
	"cluster operation holds it). Override the lock with " \
	"-IgnoreLocked? [i/N]"
#define CONFIRM_HINT "y confirms, any other key cancels"
#define CONFIRM_LOCK_HINT "i overrides the lock; any other key cancels " \
	"and sends nothing"

static void
submit(struct app *a, const struct action *act)
{
	struct app_cluster *ac = app_current(a);
	char *msg = NULL;
	int rc;

	rc = cluster_submit(ac->c, act, &msg);
	if (rc == CCON_OK && msg == NULL)
		app_message(ac, TONE_NORMAL, "%s %s%s%s: requested",
		    action_kind_word(act->kind), act->target,
		    act->kind == ACT_MOVE ? " to " : "",
		    act->kind != ACT_MOVE ? "" :
		    act->node[0] ? act->node : ACTION_BEST_NODE);
	else if (msg != NULL)
		app_message(ac, rc == CCON_OK ? TONE_NORMAL :
		    rc == CCON_IO_PENDING ? TONE_WARN : TONE_FAILED, "%s", msg);
	else
		app_message(ac, TONE_FAILED, "%s %s: %s",
		    action_kind_word(act->kind), act->target,
		    ccon_status_word(rc));
	free(msg);
}

/* Fills a->pending; says why in the status line when it cannot. */
static int
prepare(struct app *a, enum action_kind kind, enum target_kind tk,
	const char *target, const char *node)
{
	char *err = NULL;

	if (action_init(&a->pending, kind, tk, target, node, &err) != 0) {
		app_message(app_current(a), TONE_FAILED, "%s",
		    err != NULL ? err : "invalid request");
		free(err);
		return -1;
	}
	return 0;
}

/* What the dialog says while the preview is out, or why there is none. */
static void
confirm_line(struct app *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
confirm_line(struct app *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->confirm.lines[0], sizeof a->confirm.lines[0], fmt, ap);
	va_end(ap);
	a->confirm.n_lines = 1;
}

/* Confirms a->pending with the operator, then submits it. Nothing is
 * asked where there is nothing to decide: a read-only cluster (the
 * backend refuses the request and audits the attempt), a request that
 * would be refused or finds its target already there (the backend says
 * so, in the words of the plan). Otherwise the dialog opens at once and
 * the worker is asked what the cluster would do. */
static void
ask(struct app *a, const char *question)
{
	struct app_cluster *ac = app_current(a);
	struct plan plan;
	char *why = NULL;

	if (cluster_readonly(ac->c)) {
		submit(a, &a->pending);
		return;
	}
	action_plan(ac->snap, &a->pending, &plan);
	if (plan.kind == PLAN_REFUSE || plan.kind == PLAN_NOOP) {
		submit(a, &a->pending);
		return;
	}
	memset(&a->confirm, 0, sizeof a->confirm);
	snprintf(a->confirm.question, sizeof a->confirm.question,
	    "%s [y/N]", question);
	a->confirm.ticket = cluster_preview_ask(ac->c, &a->pending, &why);
	a->confirm.asked_ms = cluster_now_ms(ac->c);
	if (a->confirm.ticket != 0) {
		a->confirm.waiting = true;
		confirm_line(a, "working out what the cluster would do...");
		/* Answered at once when no worker runs (tests). */
		(void)app_confirm_poll(a, a->confirm.asked_ms);
	} else {
		confirm_line(a, "%s", why != NULL ? why : "no preview");
	}
	free(why);
	a->mode = MODE_CONFIRM;
}

bool
app_confirm_poll(struct app *a, uint64_t now_ms)
{
	struct app_cluster *ac = app_current(a);
	struct preview p;
	char *err = NULL;

	if (!a->confirm.waiting)
		return false;
	if (!cluster_preview_take(ac->c, a->confirm.ticket, &p, &err)) {
		if (now_ms - a->confirm.asked_ms < CONFIRM_PREVIEW_SLOW_MS ||
		    strstr(a->confirm.lines[0], "taking long") != NULL)
			return false;
		confirm_line(a, "the preview is taking long; you can decide "
		    "without it");
		return true;
	}
	a->confirm.waiting = false;
	if (err != NULL) {
		confirm_line(a, "no preview: %s", err);
		free(err);
		return true;
	}
	a->confirm.n_lines = whatif_lines(&p, ac->snap, &a->pending,
	    a->confirm.lines, CONFIRM_LINES);
	preview_free(&p);
	return true;
}

int
app_confirm_timeout(const struct app *a, uint64_t now_ms)
{
	uint64_t due = a->confirm.asked_ms + CONFIRM_PREVIEW_SLOW_MS;

	if (!a->confirm.waiting || strstr(a->confirm.lines[0], "taking long"))
		return -1;
	return now_ms >= due ? 0 : (int)(due - now_ms);
}

/* The clone or bundle a resource row is an instance of, or NULL. */
static const struct model_group *
container_of(const struct snapshot *s, const struct model_resource *res)
{
	long g;

	if (res->group == NULL || (g = snapshot_find_group(s, res->group)) < 0 ||
	    s->groups[g].kind == GROUP_KIND_GROUP)
		return NULL;
	return &s->groups[g];
}

/* "alpha, bravo, charlie": the nodes a container's instances run on. */
static size_t
container_nodes(const struct snapshot *s, const struct model_group *c,
		char *buf, size_t sz)
{
	const char *seen[64];
	size_t m, k, j, n = 0, len = 0;

	buf[0] = '\0';
	for (m = 0; m < c->n_members; m++) {
		const struct model_resource *r = &s->resources[c->members[m]];

		for (k = 0; k < r->n_nodes && n < 64; k++) {
			for (j = 0; j < n && strcmp(seen[j], r->nodes[k]); j++)
				;
			if (j < n)
				continue;
			seen[n++] = r->nodes[k];
			len += (size_t)snprintf(buf + len, len < sz ? sz - len : 0,
			    "%s%s", n > 1 ? ", " : "", r->nodes[k]);
		}
	}
	return n;
}

/* The question of the dialog, naming the real scope: a clone's instance
 * row stands for the whole clone, on every node. */
static void
question(struct app *a, enum action_kind kind, enum target_kind tk,
	 const char *id, const struct model_resource *res, char *q, size_t sz)
{
	const struct snapshot *s = app_current(a)->snap;
	const struct model_group *c = res != NULL ? container_of(s, res) : NULL;
	char nodes[512];
	size_t n;

	if (c != NULL && (kind == ACT_OFFLINE || kind == ACT_ONLINE)) {
		n = container_nodes(s, c, nodes, sizeof nodes);
		if (kind == ACT_OFFLINE && n > 0)
			snprintf(q, sz, "Stop %s %s on all %zu node%s: %s?",
			    group_kind_word(c->kind), c->id, n,
			    n == 1 ? "" : "s", nodes);
		else if (kind == ACT_OFFLINE)
			snprintf(q, sz, "Stop %s %s (it runs nowhere now)?",
			    group_kind_word(c->kind), c->id);
		else
			snprintf(q, sz, "Start %s %s on every node it may run "
			    "on?", group_kind_word(c->kind), c->id);
		return;
	}
	snprintf(q, sz, "%s %s %s%s?", kind == ACT_OFFLINE ? "Take" : "Bring",
	    action_target_word(s, tk, id), id, kind == ACT_OFFLINE ? " offline" :
	    " online");
}

static void
node_action(struct app *a, const struct row *r)
{
	struct app_cluster *ac = app_current(a);
	const struct model_node *n;
	char q[ACTION_ID_MAX + 96];

	if (a->view != 2 || r == NULL || r->kind != ROW_NODE ||
	    r->index >= ac->snap->n_nodes) {
		app_message(ac, TONE_WARN, "select a node (view 3) to pause it");
		return;
	}
	n = &ac->snap->nodes[r->index];
	switch (n->state) {
	case NODE_UP:
		if (prepare(a, ACT_PAUSE, TARGET_NODE, n->name, NULL) != 0)
			return;
		snprintf(q, sizeof q, "Pause node %s (what runs there moves "
		    "away)?", n->name);
		ask(a, q);
		break;
	case NODE_PAUSED:
		if (prepare(a, ACT_RESUME, TARGET_NODE, n->name, NULL) == 0)
			submit(a, &a->pending);
		break;
	default:
		app_message(ac, TONE_WARN, "node %s is %s: only an up node "
		    "can be paused, a paused one resumed", n->name,
		    node_state_word(n->state));
		break;
	}
}

/* A move goes to a group, or to a resource outside any group: where it
 * can go is the backend's rule (action_move_targets), asked before the
 * chooser opens so that a move that cannot be is said at once. */
static void
move_action(struct app *a, enum target_kind tk, const char *id)
{
	struct app_cluster *ac = app_current(a);
	const char *to[CHOOSER_MAX];
	char title[ACTION_ID_MAX + 64];
	struct plan why;
	size_t n;

	/* First the best node, then the nodes it can go to. */
	to[0] = CHOOSER_BEST_NODE;
	n = action_move_targets(ac->snap, tk, id, to + 1, CHOOSER_MAX - 1,
	    &why);
	if (n == 0) {
		app_message(ac, TONE_WARN, "%s", why.message);
		return;
	}
	n++;
	if (prepare(a, ACT_MOVE, tk, id, NULL) != 0)
		return;
	/* Nothing to choose where the request will be refused whatever
	 * the node: read-only, or a target in transition. */
	if (cluster_readonly(ac->c)) {
		submit(a, &a->pending);
		return;
	}
	action_plan(ac->snap, &a->pending, &why);
	if (why.kind == PLAN_REFUSE && why.status == CCON_IO_PENDING) {
		submit(a, &a->pending);
		return;
	}
	snprintf(title, sizeof title, "Move %s %s to",
	    action_target_word(ac->snap, tk, id), id);
	chooser_init(&a->chooser, title, to, n);
	a->mode = MODE_CHOOSE;
}

/* Keeps a clone off the node of the selected instance. */
static void
ban_action(struct app *a, const struct model_resource *res, const char *id)
{
	struct app_cluster *ac = app_current(a);
	const struct model_group *c = res != NULL ? container_of(ac->snap, res)
						  : NULL;
	char q[2 * ACTION_ID_MAX + 96];

	if (c == NULL) {
		app_message(ac, TONE_WARN, "b is for an instance of a clone (in "
		    "view 1 or 2): keep it off that node; to move a group or "
		    "resource, press m");
		return;
	}
	if (res->n_nodes == 0) {
		app_message(ac, TONE_WARN, "this instance of %s runs on no node: "
		    "nothing to keep it off", c->id);
		return;
	}
	if (prepare(a, ACT_BAN, TARGET_RESOURCE, id, res->nodes[0]) != 0)
		return;
	snprintf(q, sizeof q, "Keep %s %s off %s (its instance there stops)?",
	    group_kind_word(c->kind), c->id, res->nodes[0]);
	ask(a, q);
}

/* Clears the mark a failed or timed-out request left on the row. */
static void
dismiss_action(struct app *a, const struct row *r)
{
	struct app_cluster *ac = app_current(a);
	const struct transition *t = rows_transition(ac->snap, r);

	if (t == NULL || (t->status != TR_FAILED && t->status != TR_TIMED_OUT)) {
		app_message(ac, TONE_NORMAL, "no mark to acknowledge on this row");
		return;
	}
	cluster_dismiss(ac->c, (enum target_kind)t->target_kind, t->target);
	app_message(ac, TONE_NORMAL, "acknowledged the mark of %s %s %s",
	    action_kind_word((enum action_kind)t->action),
	    action_target_word(ac->snap, (enum target_kind)t->target_kind,
	    t->target), t->target);
}

int
app_dismiss(struct app *a)
{
	struct app_cluster *ac = app_current(a);
	const struct row *r;

	if (!app_selected_row(a, &r))
		return VIEW_REDRAW;
	if (r == NULL || (r->kind != ROW_GROUP && r->kind != ROW_RESOURCE &&
	    r->kind != ROW_NODE)) {
		app_message(ac, TONE_WARN, "select a group, resource or node");
		return VIEW_REDRAW;
	}
	dismiss_action(a, r);
	return VIEW_REDRAW;
}

int
app_request(struct app *a, enum action_kind kind)
{
	struct app_cluster *ac = app_current(a);
	const struct row *r;
	const struct model_resource *res = NULL;
	enum target_kind tk;
	const char *id;
	char q[2 * ACTION_ID_MAX + 160];

	if (!app_selected_row(a, &r))
		return VIEW_REDRAW;
	if (kind == ACT_PAUSE || kind == ACT_RESUME) {
		node_action(a, r);
		return VIEW_REDRAW;
	}
	if (r == NULL || (r->kind != ROW_GROUP && r->kind != ROW_RESOURCE)) {
		app_message(ac, TONE_WARN,
		    "select a group or resource (view 1 or 2)");
		return VIEW_REDRAW;
	}
	if (r->kind == ROW_GROUP) {
		if (r->index >= ac->snap->n_groups)
			return VIEW_REDRAW;
		tk = TARGET_GROUP;
		id = ac->snap->groups[r->index].id;
	} else {
		if (r->index >= ac->snap->n_resources)
			return VIEW_REDRAW;
		tk = TARGET_RESOURCE;
		res = &ac->snap->resources[r->index];
		id = res->id;
	}
	switch (kind) {
	case ACT_OFFLINE:
	case ACT_ONLINE:
		if (prepare(a, kind, tk, id, NULL) != 0)
			break;
		question(a, kind, tk, id, res, q, sizeof q);
		ask(a, q);
		break;
	case ACT_BAN:
		ban_action(a, res, id);
		break;
	case ACT_MOVE:
		move_action(a, tk, id);
		break;
	default:
		if (prepare(a, kind, tk, id, NULL) == 0)
			submit(a, &a->pending);
		break;
	}
	return VIEW_REDRAW;
}

/* Whether a->pending's target is locked and the cluster type can be
 * asked to override that (so the second question is worth asking). */
static bool
locked_target(struct app *a)
{
	const struct snapshot *s = app_current(a)->snap;
	struct action with = a->pending;
	struct plan why;

	with.opts |= ACTION_OPT_IGNORE_LOCKED;
	return s != NULL &&
	       action_request_supported(s->caps, &with, s->driver, &why) &&
	       action_target_locked(s, &a->pending);
}

const char *
app_confirm_hint(const struct app *a)
{
	return a->confirm.lock ? CONFIRM_LOCK_HINT : CONFIRM_HINT;
}

int
app_confirm_key(struct app *a, int ch)
{
	struct app_cluster *ac = app_current(a);

	if (a->confirm.lock) {
		a->mode = MODE_NORMAL;
		a->confirm.lock = false;
		if (ch != CONFIRM_LOCK_KEY) {
			app_message(ac, TONE_NORMAL, "cancelled: %s is locked "
			    "and the lock was not overridden (%c at the lock "
			    "question does); nothing was sent",
			    a->pending.target, CONFIRM_LOCK_KEY);
			return VIEW_REDRAW;
		}
		a->pending.opts |= ACTION_OPT_IGNORE_LOCKED;
		submit(a, &a->pending);
		return VIEW_REDRAW;
	}
	if (ch != 'y' && ch != 'Y') {
		a->mode = MODE_NORMAL;
		app_message(ac, TONE_NORMAL, "cancelled");
		return VIEW_REDRAW;
	}
	/* A locked target: a second, distinct question before anything is
	 * sent; the preview stays under it. */
	if (locked_target(a)) {
		a->confirm.lock = true;
		snprintf(a->confirm.question, sizeof a->confirm.question,
		    CONFIRM_LOCK_QUESTION, a->pending.target);
		return VIEW_REDRAW;
	}
	a->mode = MODE_NORMAL;
	submit(a, &a->pending);
	return VIEW_REDRAW;
}

int
app_choose_key(struct app *a, int ch)
{
	char q[2 * ACTION_ID_MAX + 64];
	int bits = 0;

	switch (chooser_key(&a->chooser, ch, &bits)) {
	case CHOOSER_PICK:
		/* The first entry is the best node: no node named. */
		snprintf(a->pending.node, sizeof a->pending.node, "%s",
		    a->chooser.sel == 0 ? "" : a->chooser.items[a->chooser.sel]);
		a->mode = MODE_NORMAL;
		snprintf(q, sizeof q, "Move %s %s to %s?",
		    action_target_word(app_current(a)->snap,
		    a->pending.target_kind, a->pending.target),
		    a->pending.target, a->pending.node[0] ? a->pending.node
		    : ACTION_BEST_NODE);
		/* The chooser's pick is asked about anew, preview and all. */
		ask(a, q);
		return VIEW_REDRAW;
	case CHOOSER_CANCEL:
		a->mode = MODE_NORMAL;
		app_message(app_current(a), TONE_NORMAL, "cancelled");
		return VIEW_REDRAW;
	default:
		return bits;
	}
}
