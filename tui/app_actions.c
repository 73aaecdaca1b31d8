/* The console's actions: a key's request made from the selection, asked
 * of the operator first where it cannot be taken back (offline, pause,
 * move), and handed to the cluster; the answer goes to the status line.
 * Where a move can go is the backend's rule (action_move_targets). */
#include <stdio.h>
#include <stdlib.h>

#include "backend/core/action.h"
#include "backend/core/cluster.h"
#include "backend/core/status.h"
#include "tui/app_priv.h"

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
		    act->kind == ACT_MOVE ? act->node : "");
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

/* Confirms a->pending with the operator, then submits it. A read-only
 * cluster is not asked: the backend refuses the request (and audits the
 * attempt), so a confirmation would only be noise. */
static void
ask(struct app *a, const char *question)
{
	if (cluster_readonly(app_current(a)->c)) {
		submit(a, &a->pending);
		return;
	}
	snprintf(a->question, sizeof a->question, "%s [y/N]", question);
	a->mode = MODE_CONFIRM;
}

static void
node_action(struct app *a, const struct row *r)
{
	struct app_cluster *ac = app_current(a);
	const struct model_node *n;
	char q[ACTION_ID_MAX + 64];

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
		snprintf(q, sizeof q, "Pause node %s?", n->name);
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

	n = action_move_targets(ac->snap, tk, id, to, CHOOSER_MAX, &why);
	if (n == 0) {
		app_message(ac, TONE_WARN, "%s", why.message);
		return;
	}
	if (prepare(a, ACT_MOVE, tk, id, to[0]) != 0)
		return;
	snprintf(title, sizeof title, "Move %s %s to", target_kind_word(tk),
	    id);
	chooser_init(&a->chooser, title, to, n);
	a->mode = MODE_CHOOSE;
}

int
app_request(struct app *a, enum action_kind kind)
{
	struct app_cluster *ac = app_current(a);
	const struct view *v = view_tabs[a->view];
	struct view_state *vs = &ac->vs[a->view];
	struct view_env env;
	const struct row *r;
	enum target_kind tk;
	const char *id;
	char q[ACTION_ID_MAX + 64];

	if (ac->snap == NULL) {
		app_message(ac, TONE_WARN, "no data yet");
		return VIEW_REDRAW;
	}
	/* The selection is what the operator sees: rows as of the newest
	 * snapshot, not as of the last frame. */
	app_env(a, &env);
	v->sync(v, vs, &env);
	r = v->selected(v, vs);
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
		id = ac->snap->resources[r->index].id;
	}
	switch (kind) {
	case ACT_OFFLINE:
		if (prepare(a, ACT_OFFLINE, tk, id, NULL) != 0)
			break;
		snprintf(q, sizeof q, "Take %s %s offline?",
		    target_kind_word(tk), id);
		ask(a, q);
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

int
app_confirm_key(struct app *a, int ch)
{
	a->mode = MODE_NORMAL;
	if (ch == 'y' || ch == 'Y')
		submit(a, &a->pending);
	else
		app_message(app_current(a), TONE_NORMAL, "cancelled");
	return VIEW_REDRAW;
}

int
app_choose_key(struct app *a, int ch)
{
	char q[2 * ACTION_ID_MAX + 64];
	int bits = 0;

	switch (chooser_key(&a->chooser, ch, &bits)) {
	case CHOOSER_PICK:
		snprintf(a->pending.node, sizeof a->pending.node, "%s",
		    a->chooser.items[a->chooser.sel]);
		a->mode = MODE_NORMAL;
		snprintf(q, sizeof q, "Move %s %s to %s?",
		    target_kind_word(a->pending.target_kind),
		    a->pending.target, a->pending.node);
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
