#include "backend/core/action.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "backend/core/status.h"
#include "backend/util/str.h"
#include "backend/util/xalloc.h"

/* The resources a request acts on: a resource's instances (a clone's id
 * names one per node) or a group's members, in order. */
#define MEMBERS_MAX 512

struct members {
	const struct model_resource *r[MEMBERS_MAX];
	size_t n;
};

/* Copies a target or node name into dst, refusing what no cluster id can
 * be: empty, too long, or holding control characters. */
static int
copy_name(char *dst, const char *src, const char *what, char **err)
{
	const char *p;

	if (src == NULL || *src == '\0') {
		*err = xasprintf("the request needs a %s name", what);
		return -1;
	}
	if (strlen(src) >= ACTION_ID_MAX) {
		*err = xasprintf("%s name is longer than %d bytes", what,
				 ACTION_ID_MAX - 1);
		return -1;
	}
	for (p = src; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			*err = xasprintf("%s name holds a control character",
					 what);
			return -1;
		}
	}
	strcpy(dst, src);
	return 0;
}

int
action_init(struct action *a, enum action_kind kind,
	    enum target_kind target_kind, const char *target,
	    const char *node, char **err)
{
	memset(a, 0, sizeof(*a));
	a->kind = kind;
	a->target_kind = target_kind;
	if (copy_name(a->target, target, target_kind_word(target_kind),
		      err) != 0)
		return -1;
	/* No destination: the cluster picks the best node. */
	if (kind == ACT_MOVE && (node == NULL || *node == '\0'))
		return 0;
	if (kind == ACT_MOVE)
		return copy_name(a->node, node, "destination node", err);
	if (kind == ACT_BAN)
		return copy_name(a->node, node, "node to keep it off", err);
	return 0;
}

static void
plan_set(struct plan *p, enum plan_kind kind, int status, int wanted,
	 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
plan_set(struct plan *p, enum plan_kind kind, int status, int wanted,
	 const char *fmt, ...)
{
	va_list ap;

	p->kind = kind;
	p->status = status;
	p->wanted = wanted;
	va_start(ap, fmt);
	vsnprintf(p->message, sizeof(p->message), fmt, ap);
	va_end(ap);
}

/* Fills m with the resources the request acts on and *group with the
 * group it names (NULL for a resource). Returns CCON_OK, or
 * CCON_GROUP_NOT_FOUND / CCON_RESOURCE_NOT_FOUND when there is none. */
static int
collect(const struct snapshot *s, const struct action *a, struct members *m,
	const struct model_group **group)
{
	size_t i;

	m->n = 0;
	*group = NULL;
	if (a->target_kind == TARGET_GROUP) {
		long g = snapshot_find_group(s, a->target);

		if (g < 0)
			return CCON_GROUP_NOT_FOUND;
		*group = &s->groups[g];
		for (i = 0; i < (*group)->n_members && m->n < MEMBERS_MAX; i++)
			m->r[m->n++] = &s->resources[(*group)->members[i]];
		return CCON_OK;
	}
	for (i = 0; i < s->n_resources && m->n < MEMBERS_MAX; i++)
		if (strcmp(s->resources[i].id, a->target) == 0)
			m->r[m->n++] = &s->resources[i];
	return m->n ? CCON_OK : CCON_RESOURCE_NOT_FOUND;
}

static size_t
count_state(const struct members *m, enum res_state st)
{
	size_t i, n = 0;

	for (i = 0; i < m->n; i++)
		n += m->r[i]->state == st;
	return n;
}

static const struct model_resource *
first_pending(const struct members *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (res_state_is_pending(m->r[i]->state))
			return m->r[i];
	return NULL;
}

/* A request still in progress on the target, on its group, or (for a
 * group) on one of its members. */
static const struct transition *
busy_transition(const struct snapshot *s, const struct action *a,
		const struct members *m)
{
	size_t i, j;

	for (i = 0; i < s->n_transitions; i++) {
		const struct transition *t = &s->transitions[i];

		if (t->status != TR_PENDING)
			continue;
		if (t->target_kind == (int)a->target_kind &&
		    strcmp(t->target, a->target) == 0)
			return t;
		for (j = 0; j < m->n; j++) {
			if (t->target_kind == TARGET_RESOURCE &&
			    strcmp(t->target, m->r[j]->id) == 0)
				return t;
			if (t->target_kind == TARGET_GROUP && m->r[j]->group &&
			    strcmp(t->target, m->r[j]->group) == 0)
				return t;
		}
	}
	return NULL;
}

/* A group member starts after the members before it (its providers): it
 * cannot come online while one of them is stopped by request or failed.
 * Returns true and fills p when that is so. */
static bool
blocked_by_provider(const struct snapshot *s, const struct action *a,
		    const struct members *m, struct plan *p)
{
	const struct model_resource *r = m->r[0];
	const struct model_group *g;
	long gi;
	size_t i;

	if (a->target_kind != TARGET_RESOURCE || m->n != 1 || r->group == NULL)
		return false;
	gi = snapshot_find_group(s, r->group);
	if (gi < 0 || s->groups[gi].kind != GROUP_KIND_GROUP)
		return false;
	g = &s->groups[gi];
	for (i = 0; i < g->n_members; i++) {
		const struct model_resource *before =
		    &s->resources[g->members[i]];

		if (before == r)
			break;
		/* A whole group stopped by request starts with it. */
		if (before->state == RES_FAILED ||
		    (!(g->flags & RES_F_DISABLED) &&
		     (before->flags & RES_F_DISABLED))) {
			plan_set(p, PLAN_REFUSE, CCON_INVALID_STATE, 0,
				 "%s comes after %s in group %s, which is %s: "
				 "bring %s online (or the group) first",
				 r->id, before->id, g->id,
				 before->state == RES_FAILED ? "failed"
				 : "offline by request", before->id);
			return true;
		}
	}
	return false;
}

static bool
any_node_up(const struct snapshot *s)
{
	size_t i;

	for (i = 0; i < s->n_nodes; i++)
		if (s->nodes[i].state == NODE_UP)
			return true;
	return false;
}

static bool
all_online_on(const struct members *m, const char *node)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (m->r[i]->state != RES_ONLINE || m->r[i]->n_nodes != 1 ||
		    strcmp(m->r[i]->nodes[0], node) != 0)
			return false;
	return true;
}

static void
plan_node(const struct snapshot *s, const struct action *a, struct plan *p)
{
	long n = snapshot_find_node(s, a->target);
	const struct model_node *node;

	if (a->kind != ACT_PAUSE && a->kind != ACT_RESUME) {
		plan_set(p, PLAN_REFUSE, CCON_INVALID_PARAMETER, 0,
			 "%s applies to resources and groups, not to node %s",
			 action_kind_word(a->kind), a->target);
		return;
	}
	if (n < 0) {
		plan_set(p, PLAN_REFUSE, CCON_NODE_NOT_FOUND, 0,
			 "no node named %s", a->target);
		return;
	}
	node = &s->nodes[n];
	if (node->state == NODE_DOWN || node->state == NODE_UNKNOWN) {
		plan_set(p, PLAN_REFUSE, CCON_NODE_DOWN, 0,
			 "node %s is %s", node->name,
			 node_state_word(node->state));
		return;
	}
	if (a->kind == ACT_PAUSE) {
		if (node->state == NODE_PAUSED)
			plan_set(p, PLAN_NOOP, CCON_OK, NODE_PAUSED,
				 "node %s is already paused", node->name);
		else  /* watched: a drain may take a while, or fail */
			plan_set(p, PLAN_PENDING, CCON_IO_PENDING, NODE_PAUSED,
				 "node %s is being paused; its resources "
				 "move away", node->name);
	} else {
		if (node->state == NODE_PAUSED)
			plan_set(p, PLAN_IMMEDIATE, CCON_OK, NODE_UP,
				 "node %s resumed", node->name);
		else
			plan_set(p, PLAN_NOOP, CCON_OK, NODE_UP,
				 "node %s is not paused", node->name);
	}
}

/* What can never be moved, whatever its state. Returns false and fills
 * p when the request is refused. */
static bool
move_allowed(const struct snapshot *s, const char *target,
	     const struct model_group *g,
	     const struct members *m, struct plan *p)
{
	if (g != NULL && g->kind != GROUP_KIND_GROUP) {
		plan_set(p, PLAN_REFUSE, CCON_NOT_SUPPORTED, 0,
			 "%s %s runs on every node; it cannot be moved",
			 group_kind_word(g->kind), g->id);
		return false;
	}
	if (g == NULL && m->n > 1) {
		plan_set(p, PLAN_REFUSE, CCON_NOT_SUPPORTED, 0,
			 "%s has an instance on several nodes; it cannot be "
			 "moved", target);
		return false;
	}
	if (g == NULL && m->r[0]->group != NULL) {
		const char *kw = action_target_word(s, TARGET_GROUP,
						    m->r[0]->group);

		/* A clone's instance is never called a group's member, nor
		 * told to move its clone, which cannot be. */
		if (strcmp(kw, "group") != 0)
			plan_set(p, PLAN_REFUSE, CCON_NOT_SUPPORTED, 0,
				 "%s belongs to %s %s, which runs on every "
				 "node; it cannot be moved", target, kw,
				 m->r[0]->group);
		else
			plan_set(p, PLAN_REFUSE, CCON_INVALID_PARAMETER, 0,
				 "%s belongs to group %s: move the group",
				 target, m->r[0]->group);
		return false;
	}
	return true;
}

/* The options, one row each: the words, and the requests one is for. */
static const struct opt_row {
	enum action_opt opt;
	const char *word, *doing;
	const char *none;             /* why a type may not declare it */
	unsigned kinds;               /* ACTION_CAP bits */
} opts_table[] = {
	{ ACTION_OPT_IGNORE_LOCKED, "ignore-locked", "overriding its lock",
	  "nothing there is refused for being locked",
	  ACTION_CAP(ACT_ONLINE) | ACTION_CAP(ACT_OFFLINE) |
	  ACTION_CAP(ACT_MOVE) },
};

#define N_OPTS (sizeof(opts_table) / sizeof(opts_table[0]))

static const struct opt_row *
opt_row(enum action_opt opt)
{
	size_t i;

	for (i = 0; i < N_OPTS; i++)
		if (opts_table[i].opt == opt)
			return &opts_table[i];
	return NULL;
}

const char *
action_opt_word(enum action_opt opt)
{
	const struct opt_row *r = opt_row(opt);

	return r != NULL ? r->word : NULL;
}

const char *
action_opt_doing(enum action_opt opt)
{
	const struct opt_row *r = opt_row(opt);

	return r != NULL ? r->doing : NULL;
}

void
action_opts_words(unsigned opts, char *buf, size_t sz)
{
	size_t i, len = 0;

	if (sz == 0)
		return;
	buf[0] = '\0';
	/* Stop at the end of buf: a pointer past it is undefined even
	 * when nothing is written there. */
	for (i = 0; i < N_OPTS && len < sz; i++)
		if (opts & opts_table[i].opt)
			len += (size_t)snprintf(buf + len, sz - len, "%s%s",
						len ? ", " : "",
						opts_table[i].word);
}

bool
action_request_supported(unsigned caps, const struct action *a,
			 const char *driver, struct plan *why)
{
	size_t i;

	if (!action_supported(caps, a->kind, driver, why))
		return false;
	if (a->opts & ~(unsigned)ACTION_OPT_ALL) {
		plan_set(why, PLAN_REFUSE, CCON_INVALID_PARAMETER, 0,
			 "the request carries an unknown option (0x%x)",
			 a->opts);
		return false;
	}
	for (i = 0; i < N_OPTS; i++) {
		if (!(a->opts & opts_table[i].opt))
			continue;
		if (!(opts_table[i].kinds & ACTION_CAP(a->kind)) ||
		    a->target_kind == TARGET_NODE) {
			plan_set(why, PLAN_REFUSE, CCON_INVALID_PARAMETER, 0,
				 "%s is not for %s of a %s",
				 opts_table[i].word, action_kind_word(a->kind),
				 target_kind_word(a->target_kind));
			return false;
		}
		/* Pacemaker has no lock of this kind (nothing is refused for
		 * being locked), so it declares no such capability and is
		 * never sent an override it would have to ignore. */
		if (!(caps & ACTION_CAP_OPT(opts_table[i].opt))) {
			plan_set(why, PLAN_REFUSE, CCON_NOT_SUPPORTED, 0,
				 "%s (%s) is not supported by this cluster "
				 "type%s%s%s: %s", opts_table[i].word,
				 opts_table[i].doing,
				 driver && *driver ? " (" : "",
				 driver ? driver : "",
				 driver && *driver ? ")" : "",
				 opts_table[i].none);
			return false;
		}
	}
	return true;
}

bool
action_target_locked(const struct snapshot *s, const struct action *a)
{
	long i;

	if (s == NULL)
		return false;
	if (a->target_kind == TARGET_GROUP) {
		i = snapshot_find_group(s, a->target);
		return i >= 0 && (s->groups[i].flags & RES_F_LOCKED);
	}
	if (a->target_kind == TARGET_RESOURCE) {
		i = snapshot_find_resource(s, a->target);
		return i >= 0 && (s->resources[i].flags & RES_F_LOCKED);
	}
	return false;
}

/* Whether node runs one of the members. */
static bool
members_run_on(const struct members *m, const char *node)
{
	size_t i, k;

	for (i = 0; i < m->n; i++)
		for (k = 0; k < m->r[i]->n_nodes; k++)
			if (strcmp(m->r[i]->nodes[k], node) == 0)
				return true;
	return false;
}

/* The nodes that are up and run none of the members: where a move can
 * go. Fills out (pointers into s) up to max; returns how many there are
 * in all. */
static size_t
other_nodes_up(const struct snapshot *s, const struct members *m,
	       const char **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < s->n_nodes; i++)
		if (s->nodes[i].state == NODE_UP &&
		    !members_run_on(m, s->nodes[i].name)) {
			if (n < max)
				out[n] = s->nodes[i].name;
			n++;
		}
	return n;
}

/* Nowhere to move to (others: the nodes up that could take it): true,
 * with p filled, when so. */
static bool
refused_no_other_node(size_t others, const char *target, struct plan *p)
{
	if (others > 0)
		return false;
	plan_set(p, PLAN_REFUSE, CCON_NODE_DOWN, 0,
		 "no other node is up to take %s", target);
	return true;
}

/* What is not running cannot be moved: true, with p filled, when so. */
static bool
refused_not_running(const char *target, const struct members *m,
		    struct plan *p)
{
	if (count_state(m, RES_OFFLINE) + count_state(m, RES_FAILED) != m->n)
		return false;
	plan_set(p, PLAN_REFUSE, CCON_INVALID_STATE, 0,
		 "%s is not running: bring it online, then move it", target);
	return true;
}

/* A move without a destination: the cluster picks the node, one other
 * than the node the target runs on, which p->away keeps so that the
 * transition is judged done only once it runs elsewhere. */
static void
plan_move_best(const struct snapshot *s, const struct action *a,
	       const struct members *m, struct plan *p)
{
	size_t i;

	if (refused_no_other_node(other_nodes_up(s, m, NULL, 0), a->target,
				  p))
		return;
	plan_set(p, PLAN_PENDING, CCON_IO_PENDING, RES_ONLINE,
		 "moving %s to " ACTION_BEST_NODE " (the cluster chooses)",
		 a->target);
	for (i = 0; i < m->n; i++)
		if (m->r[i]->state == RES_ONLINE && m->r[i]->n_nodes == 1) {
			str_copy(p->away, sizeof(p->away), m->r[i]->nodes[0]);
			break;
		}
}

static void
plan_move(const struct snapshot *s, const struct action *a,
	  const struct members *m, struct plan *p)
{
	long n = snapshot_find_node(s, a->node);

	if (a->node[0] == '\0') {
		if (!refused_not_running(a->target, m, p))
			plan_move_best(s, a, m, p);
		return;
	}
	if (n < 0) {
		plan_set(p, PLAN_REFUSE, CCON_NODE_NOT_FOUND, 0,
			 "no node named %s", a->node);
		return;
	}
	if (s->nodes[n].state != NODE_UP) {
		plan_set(p, PLAN_REFUSE, CCON_NODE_DOWN, 0,
			 "node %s is %s: it cannot take resources", a->node,
			 node_state_word(s->nodes[n].state));
		return;
	}
	if (refused_not_running(a->target, m, p))
		return;
	if (m->n > 0 && all_online_on(m, a->node)) {
		plan_set(p, PLAN_NOOP, CCON_OK, RES_ONLINE,
			 "%s already runs on %s", a->target, a->node);
		return;
	}
	plan_set(p, PLAN_PENDING, CCON_IO_PENDING, RES_ONLINE,
		 "moving %s to %s", a->target, a->node);
}

/* What a target in motion is doing, in the screen's words. */
static const char *
motion_of_state(enum res_state st)
{
	switch (st) {
	case RES_OFFLINE_PENDING: return "going offline";
	case RES_ONLINE_PENDING: return "coming online";
	case RES_INITIALIZING: return "initializing";
	default: return "changing state";
	}
}

static const char *
motion_of_request(int kind)
{
	switch (kind) {
	case ACT_OFFLINE: return "going offline";
	case ACT_ONLINE: return "coming online";
	case ACT_MOVE: return "moving";
	case ACT_BAN: return "leaving a node";
	case ACT_PAUSE: return "being paused";
	case ACT_RESUME: return "being resumed";
	default: return "changing state";
	}
}

static size_t
count_flag(const struct members *m, unsigned flag)
{
	size_t i, n = 0;

	for (i = 0; i < m->n; i++)
		n += (m->r[i]->flags & flag) != 0;
	return n;
}

/* Whether the target is meant to be stopped: what an offline request
 * would make it. A group by its own target role; a resource by its own
 * or its container's. */
static bool
meant_stopped(const struct model_group *g, const struct members *m)
{
	if (g != NULL)
		return (g->flags & RES_F_DISABLED) != 0;
	return m->n > 0 && count_flag(m, RES_F_DISABLED) == m->n;
}

/* Whether the target is meant to run: what an online request would make
 * it. A group when neither it nor any member is stopped by request (an
 * online of the group asks all of them to run). */
static bool
meant_running(const struct model_group *g, const struct members *m)
{
	if (g != NULL)
		return !(g->flags & RES_F_DISABLED) &&
		       count_flag(m, RES_F_OWN_STOPPED) == 0;
	return count_flag(m, RES_F_DISABLED) == 0;
}

static bool
runs_on(const struct model_resource *r, const char *node)
{
	size_t k;

	for (k = 0; k < r->n_nodes; k++)
		if (strcmp(r->nodes[k], node) == 0)
			return true;
	return false;
}

/* Keep a clone off one node: only a clone's or bundle's instance can be
 * asked that (anything else is moved instead). */
static void
plan_ban(const struct snapshot *s, const struct action *a,
	 const struct model_group *g, const struct members *m,
	 struct plan *p)
{
	const struct model_group *c = NULL;
	long gi, n = snapshot_find_node(s, a->node);
	size_t i, there = 0;

	if (g == NULL && m->r[0]->group != NULL &&
	    (gi = snapshot_find_group(s, m->r[0]->group)) >= 0 &&
	    s->groups[gi].kind != GROUP_KIND_GROUP)
		c = &s->groups[gi];
	if (g != NULL && g->kind != GROUP_KIND_GROUP)
		c = g;
	if (c == NULL) {
		plan_set(p, PLAN_REFUSE, CCON_INVALID_PARAMETER, 0,
			 "%s is not an instance of a clone: move it instead",
			 a->target);
		return;
	}
	if (n < 0) {
		plan_set(p, PLAN_REFUSE, CCON_NODE_NOT_FOUND, 0,
			 "no node named %s", a->node);
		return;
	}
	for (i = 0; i < m->n; i++)
		there += runs_on(m->r[i], a->node);
	if (there == 0)
		plan_set(p, PLAN_IMMEDIATE, CCON_OK, RES_OFFLINE,
			 "%s %s now kept off %s", group_kind_word(c->kind),
			 c->id, a->node);
	else
		plan_set(p, PLAN_PENDING, CCON_IO_PENDING, RES_OFFLINE,
			 "stopping %s %s on %s and keeping it off",
			 group_kind_word(c->kind), c->id, a->node);
}

void
action_plan(const struct snapshot *s, const struct action *a, struct plan *p)
{
	const struct model_group *g;
	const struct model_resource *pending;
	const struct transition *busy;
	struct members m;
	size_t failed, offline, online;
	int rc;

	memset(p, 0, sizeof(*p));
	if (!action_request_supported(s->caps, a, s->driver, p))
		return;
	if (a->target_kind == TARGET_NODE) {
		plan_node(s, a, p);
		return;
	}
	if (a->kind == ACT_PAUSE || a->kind == ACT_RESUME) {
		plan_set(p, PLAN_REFUSE, CCON_INVALID_PARAMETER, 0,
			 "%s applies to nodes", action_kind_word(a->kind));
		return;
	}
	rc = collect(s, a, &m, &g);
	if (rc != CCON_OK) {
		plan_set(p, PLAN_REFUSE, rc, 0, "no %s named %s",
			 target_kind_word(a->target_kind), a->target);
		return;
	}
	if (a->kind == ACT_MOVE && !move_allowed(s, a->target, g, &m, p))
		return;
	/* A request on something in transition is refused (ERROR_IO_PENDING,
	 * as the cluster API answers) and changes nothing. */
	pending = first_pending(&m);
	busy = busy_transition(s, a, &m);
	if (pending != NULL || busy != NULL) {
		plan_set(p, PLAN_REFUSE, CCON_IO_PENDING, 0,
			 "%s is still %s; try again when it settles",
			 a->target,
			 pending ? motion_of_state(pending->state)
				 : motion_of_request(busy->action));
		return;
	}
	failed = count_state(&m, RES_FAILED);
	offline = count_state(&m, RES_OFFLINE);
	online = count_state(&m, RES_ONLINE);

	switch (a->kind) {
	case ACT_OFFLINE:
		/* Only what is stopped and meant to stay so needs nothing. */
		if (offline == m.n && meant_stopped(g, &m))
			plan_set(p, PLAN_NOOP, CCON_OK, RES_OFFLINE,
				 "%s is already offline", a->target);
		else if (offline + failed == m.n && failed > 0)
			/* clusapi: offline of a failed resource succeeds
			 * and leaves it offline, never "resource failed". */
			plan_set(p, PLAN_IMMEDIATE, CCON_OK, RES_OFFLINE,
				 "%s was failed; now offline, and stays so",
				 a->target);
		else if (offline == m.n)
			/* Stopped for the moment (a provider failed, say),
			 * not by request: it is asked to stay stopped. */
			plan_set(p, PLAN_IMMEDIATE, CCON_OK, RES_OFFLINE,
				 "%s is offline, and now stays so", a->target);
		else
			plan_set(p, PLAN_PENDING, CCON_IO_PENDING, RES_OFFLINE,
				 "taking %s offline", a->target);
		break;
	case ACT_ONLINE:
		if (blocked_by_provider(s, a, &m, p))
			break;
		if (online == m.n && meant_running(g, &m))
			plan_set(p, PLAN_NOOP, CCON_OK, RES_ONLINE,
				 "%s is already online", a->target);
		else if (online == m.n)
			/* Still running, but asked to stop (an offline that
			 * timed out, say): it is asked to run again. */
			plan_set(p, PLAN_IMMEDIATE, CCON_OK, RES_ONLINE,
				 "%s is online, and now stays so", a->target);
		else if (!any_node_up(s))
			plan_set(p, PLAN_REFUSE, CCON_NODE_DOWN, 0,
				 "no node is up to run %s", a->target);
		else
			plan_set(p, PLAN_PENDING, CCON_IO_PENDING, RES_ONLINE,
				 "bringing %s online", a->target);
		break;
	case ACT_MOVE:
		plan_move(s, a, &m, p);
		break;
	case ACT_BAN:
		plan_ban(s, a, g, &m, p);
		break;
	case ACT_CLEANUP: {
		size_t i, dirty = 0;

		for (i = 0; i < m.n; i++)
			dirty += m.r[i]->state == RES_FAILED ||
				 m.r[i]->failcount > 0 ||
				 (m.r[i]->flags & RES_F_BLOCKED);
		if (dirty == 0)
			plan_set(p, PLAN_NOOP, CCON_OK, 0,
				 "%s has no failure to clean up", a->target);
		else
			plan_set(p, PLAN_IMMEDIATE, CCON_OK, 0,
				 "failures of %s cleared", a->target);
		break;
	}
	case ACT_CLEAR: {
		size_t i, pinned = g != NULL && (g->flags & RES_F_PINNED);

		for (i = 0; i < m.n; i++)
			pinned += (m.r[i]->flags & RES_F_PINNED) != 0;
		if (pinned == 0)
			plan_set(p, PLAN_NOOP, CCON_OK, 0,
				 "%s is not held by a move or ban", a->target);
		else
			plan_set(p, PLAN_IMMEDIATE, CCON_OK, 0,
				 "move and ban constraints of %s cleared",
				 a->target);
		break;
	}
	case ACT_PAUSE:
	case ACT_RESUME:
	case ACT_COUNT:
		break;  /* handled above */
	}
}

bool
action_supported(unsigned caps, enum action_kind kind, const char *driver,
		 struct plan *why)
{
	if ((unsigned)kind < ACT_COUNT && (caps & ACTION_CAP(kind)))
		return true;
	memset(why, 0, sizeof(*why));
	plan_set(why, PLAN_REFUSE, CCON_NOT_SUPPORTED, 0,
		 "%s is not supported by this cluster type%s%s%s",
		 action_kind_word(kind), driver && *driver ? " (" : "",
		 driver ? driver : "", driver && *driver ? ")" : "");
	return false;
}

size_t
action_move_targets(const struct snapshot *s, enum target_kind tk,
		    const char *target, const char **out, size_t max,
		    struct plan *why)
{
	const struct model_group *g;
	struct action a;
	struct members m;
	size_t n;
	int rc;

	memset(why, 0, sizeof(*why));
	if (!action_supported(s->caps, ACT_MOVE, s->driver, why))
		return 0;
	memset(&a, 0, sizeof(a));
	a.kind = ACT_MOVE;
	a.target_kind = tk;
	if (tk == TARGET_NODE) {
		plan_set(why, PLAN_REFUSE, CCON_INVALID_PARAMETER, 0,
			 "a node cannot be moved: pause it to move what it "
			 "runs");
		return 0;
	}
	str_copy(a.target, sizeof(a.target), target);
	rc = collect(s, &a, &m, &g);
	if (rc != CCON_OK) {
		plan_set(why, PLAN_REFUSE, rc, 0, "no %s named %s",
			 target_kind_word(tk), target);
		return 0;
	}
	if (!move_allowed(s, target, g, &m, why) ||
	    refused_not_running(target, &m, why))
		return 0;
	n = other_nodes_up(s, &m, out, max);
	(void)refused_no_other_node(n, target, why);
	return n < max ? n : max;
}

size_t
action_node_left(const struct snapshot *s, const char *node)
{
	size_t i, n = 0;

	for (i = 0; i < s->n_resources; i++) {
		const struct model_resource *r = &s->resources[i];

		if (!(r->flags & (RES_F_UNMANAGED | RES_F_MAINTENANCE)) &&
		    runs_on(r, node))
			n++;
	}
	return n;
}

/* A node in the wanted state: done, unless it drains. A paused node
 * the cluster gives no drain of its own (Pacemaker's standby, the
 * simulator) drains all the same: the pause is done once nothing the
 * cluster manages runs there any more (what is unmanaged stays). */
static enum transition_status
node_settled(const struct snapshot *s, const struct model_node *n,
	     const struct transition *t, const char **reason)
{
	switch (n->drain) {
	case NODE_DRAIN_IN_PROGRESS:
		return TR_PENDING;
	case NODE_DRAIN_FAILED:
		*reason = "its drain failed: what runs there could not move "
			  "away (the node stays paused; move its groups or "
			  "resume it)";
		return TR_FAILED;
	case NODE_DRAIN_NONE:
		if (t->action == ACT_PAUSE && action_node_left(s, n->name) > 0)
			return TR_PENDING;
		break;
	case NODE_DRAIN_DONE:
		break;
	}
	return TR_DONE;
}

enum transition_status
action_progress(const struct snapshot *s, const struct transition *t,
		const char **reason)
{
	struct action a;
	struct members m;
	const struct model_group *g;
	size_t i, expect, reached = 0;

	*reason = NULL;
	if (t->target_kind == TARGET_NODE) {
		long n = snapshot_find_node(s, t->target);

		if (n < 0) {
			*reason = "the node left the cluster";
			return TR_FAILED;
		}
		if ((int)s->nodes[n].state == t->wanted)
			return node_settled(s, &s->nodes[n], t, reason);
		if (s->nodes[n].state == NODE_DOWN) {
			*reason = "the node went down";
			return TR_FAILED;
		}
		return TR_PENDING;
	}
	memset(&a, 0, sizeof(a));
	a.target_kind = (enum target_kind)t->target_kind;
	str_copy(a.target, sizeof(a.target), t->target);
	if (collect(s, &a, &m, &g) != CCON_OK) {
		*reason = "it is no longer in the cluster";
		return TR_FAILED;
	}
	/* Kept off a node: done once no instance runs there; what the
	 * other instances do is not this request's business. */
	if (t->action == ACT_BAN) {
		for (i = 0; i < m.n; i++)
			if (t->node != NULL && runs_on(m.r[i], t->node))
				return TR_PENDING;
		return TR_DONE;
	}
	for (i = 0; i < m.n; i++) {
		if (m.r[i]->state == RES_FAILED) {
			*reason = m.r[i]->failure ? m.r[i]->failure : "failed";
			return TR_FAILED;
		}
		if (res_state_is_pending(m.r[i]->state))
			return TR_PENDING;
	}
	if (t->wanted != RES_ONLINE)
		return count_state(&m, (enum res_state)t->wanted) == m.n
			? TR_DONE : TR_PENDING;
	/* Instances of a clone or bundle run where nodes are up: as many
	 * as can is all there is to wait for. */
	if (m.n > 1 && (g == NULL || g->kind != GROUP_KIND_GROUP)) {
		size_t up = 0;

		for (i = 0; i < s->n_nodes; i++)
			up += s->nodes[i].state == NODE_UP;
		if (up > m.n)
			up = m.n;
		return up > 0 && count_state(&m, RES_ONLINE) >= up
			? TR_DONE : TR_PENDING;
	}
	/* In an ordered group, a member whose own role is stopped stays
	 * offline, and so do the members after it (they depend on it). */
	for (expect = 0; expect < m.n; expect++)
		if (g != NULL && (m.r[expect]->flags & RES_F_DISABLED))
			break;
	for (i = 0; i < m.n; i++) {
		const struct model_resource *r = m.r[i];

		if (i >= expect) {
			reached += r->state == RES_OFFLINE;
			continue;
		}
		if (r->state != RES_ONLINE)
			continue;
		if (t->node != NULL &&
		    (r->n_nodes != 1 || strcmp(r->nodes[0], t->node) != 0))
			continue;
		/* To the best node: anywhere but where it was. */
		if (t->away != NULL &&
		    (r->n_nodes != 1 || strcmp(r->nodes[0], t->away) == 0))
			continue;
		reached++;
	}
	return reached == m.n ? TR_DONE : TR_PENDING;
}

const char *
action_kind_word(enum action_kind k)
{
	switch (k) {
	case ACT_ONLINE: return "online";
	case ACT_OFFLINE: return "offline";
	case ACT_MOVE: return "move";
	case ACT_CLEANUP: return "cleanup";
	case ACT_PAUSE: return "pause";
	case ACT_RESUME: return "resume";
	case ACT_CLEAR: return "clear";
	case ACT_BAN: return "ban";
	case ACT_COUNT: break;
	}
	return "?";
}

const char *
action_target_word(const struct snapshot *s, enum target_kind k,
		   const char *target)
{
	long g;

	if (k == TARGET_GROUP && s != NULL && target != NULL &&
	    (g = snapshot_find_group(s, target)) >= 0)
		return group_kind_word(s->groups[g].kind);
	return target_kind_word(k);
}

const char *
target_kind_word(enum target_kind k)
{
	switch (k) {
	case TARGET_RESOURCE: return "resource";
	case TARGET_GROUP: return "group";
	case TARGET_NODE: return "node";
	}
	return "?";
}
