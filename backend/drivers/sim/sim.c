/* The simulator is a small scheduler in the spirit of Pacemaker's: each
 * "unit" (a group, a lone resource or a clone) has a wanted role, and each
 * resource its own; a unit has a placement (a move's preferred node, the
 * nodes a ban keeps a clone off). Every time something happens the
 * scheduler picks the one next operation per unit (stop in reverse order,
 * then start in order), and each operation takes simulated time.
 * Everything random comes from one seeded generator, and events are
 * processed in time order, so a run is the same for a seed however the
 * caller slices time. */
#include "backend/drivers/sim/sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend/core/status.h"
#include "backend/util/defaults.h"
#include "backend/util/xalloc.h"

#define NONE (-1)
/* What a resource found not running says, spontaneous or injected. */
#define MONITOR_FAILED "monitor: not running (7)"

enum unit_kind { UNIT_GROUP, UNIT_SINGLE, UNIT_CLONE };
enum op_kind { OP_NONE, OP_START, OP_STOP, OP_MONITOR };

/* One operation that ended, for the detail's history. */
struct sim_op {
	enum op_kind op;
	int node;
	int rc;                   /* an OCF exit code */
	uint64_t begin_ms, dur_ms;
};

/* A few recent operations per resource: enough to see a failure and
 * what came before it, inline so that a copy of the simulation is a
 * copy of its arrays. */
#define SIM_OPS_MAX 8

struct sim_res {
	char *id;
	const char *agent;
	int unit;
	int node;                 /* where it runs or is going; NONE */
	int fail_node;            /* where it last failed, for display */
	enum res_state state;
	bool target_started;      /* its own role (pacemaker target-role) */
	enum op_kind op;
	uint64_t op_begin_ms, op_end_ms;
	struct sim_op ops[SIM_OPS_MAX];   /* a ring, ops_n in all */
	unsigned ops_n;
	int fail_starts;          /* injected: >0 count, <0 always */
	unsigned failcount;
	char failure[160];
	int64_t failure_time;
};

struct sim_unit {
	char *id;
	enum unit_kind kind;
	bool target_started;
	int preferred;            /* node of a move constraint, or NONE */
	uint32_t banned;          /* nodes it is kept off (NODE_BIT), a ban */
	int first, count;         /* its resources: res[first .. first+count) */
};

struct sim_node {
	char *name;
	enum node_state state;
	bool paused_by_sim;       /* a spontaneous pause, resumed later */
	uint64_t resume_at_ms;
};

struct sim {
	char *name;
	struct sim_options opt;
	uint64_t now_ms;
	int64_t wall_base;        /* epoch seconds at time 0 */
	uint64_t rng;
	uint64_t next_event_ms;   /* next spontaneous event, or UINT64_MAX */
	unsigned long requests;
	/* Moves on with every change a snapshot would show: the driver
	 * answers "unchanged" while it stands still. */
	uint64_t gen;
	/* What the per-tick scans found at a generation: every change of
	 * what they read moves gen on (or next_event_ms), so an idle tick
	 * of a large simulation scans nothing. */
	uint64_t scheduled_gen;   /* schedule() is a no-op at this gen */
	bool scheduled;
	uint64_t next_gen, next_event_seen, next_at;
	bool next_known;

	struct sim_node *nodes;
	int n_nodes;
	struct sim_unit *units;
	int n_units;
	struct sim_res *res;
	int n_res;
};

/* splitmix64: tiny, good enough, and the same on every platform. */
static uint64_t
rng_next(struct sim *sim)
{
	uint64_t z = (sim->rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static uint64_t
rng_range(struct sim *sim, uint64_t lo, uint64_t hi)
{
	return hi <= lo ? lo : lo + rng_next(sim) % (hi - lo + 1);
}

void
sim_options_default(struct sim_options *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = CCON_DEFAULT_SIM_SEED;
	o->online_delay_ms = CCON_DEFAULT_SIM_ONLINE_DELAY_MS;
	o->offline_delay_ms = CCON_DEFAULT_SIM_OFFLINE_DELAY_MS;
	o->event_min_ms = 20000;
	o->event_max_ms = 45000;
}

/* The demo cluster. Names include UTF-8 on purpose: the console must line
 * them up. */
struct layout_unit {
	const char *id;
	enum unit_kind kind;
	bool started;
	const char *members[5][2];   /* id, agent */
};

static const char *const layout_nodes[] = { "alpha", "bravo", "charlie" };

static const struct layout_unit layout[] = {
	{ "web", UNIT_GROUP, true, {
		{ "web-ip", "ocf:heartbeat:IPaddr2" },
		{ "web-fs", "ocf:heartbeat:Filesystem" },
		{ "web-server", "ocf:heartbeat:nginx" } } },
	{ "db", UNIT_GROUP, true, {
		{ "db-ip", "ocf:heartbeat:IPaddr2" },
		{ "db-fs", "ocf:heartbeat:Filesystem" },
		{ "db-pgsql", "ocf:heartbeat:pgsql" },
		{ "db-backup", "systemd:pg-backup.timer" } } },
	{ "mail", UNIT_GROUP, true, {
		{ "mail-ip", "ocf:heartbeat:IPaddr2" },
		{ "mail-postfix", "systemd:postfix" } } },
	{ "files", UNIT_GROUP, true, {
		{ "nfs-ip", "ocf:heartbeat:IPaddr2" },
		{ "nfs-fs", "ocf:heartbeat:Filesystem" },
		{ "nfs-server", "ocf:heartbeat:nfsserver" } } },
	{ "dépôt", UNIT_GROUP, true, {
		{ "dépôt-ip", "ocf:heartbeat:IPaddr2" },
		{ "dépôt-git", "systemd:gitea" } } },
	{ "監視", UNIT_GROUP, true, {
		{ "監視-ip", "ocf:heartbeat:IPaddr2" },
		{ "監視-prometheus", "systemd:prometheus" },
		{ "監視-grafana", "systemd:grafana-server" } } },
	{ "ping-clone", UNIT_CLONE, true, {
		{ "ping", "ocf:pacemaker:ping" } } },
	{ "admin-ip", UNIT_SINGLE, true, {
		{ "admin-ip", "ocf:heartbeat:IPaddr2" } } },
	{ "cron-runner", UNIT_SINGLE, true, {
		{ "cron-runner", "systemd:cron" } } },
	{ "license-srv", UNIT_SINGLE, false, {
		{ "license-srv", "lsb:flexlm" } } },
};

#define ARRAY_LEN(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define NODE_BIT(n) ((uint32_t)1 << (n))

_Static_assert(ARRAY_LEN(layout_nodes) <= 32, "a ban is a bit per node");

size_t
sim_resource_ids(const char **ids, size_t max)
{
	size_t n = 0;
	int i, j;

	for (i = 0; i < ARRAY_LEN(layout); i++) {
		for (j = 0; j < 5 && layout[i].members[j][0]; j++) {
			if (n < max)
				ids[n] = layout[i].members[j][0];
			n++;
		}
	}
	return n;
}

/* An id of copy k of the layout: the layout's own for the first, with
 * ".k" after it for the others (ids allow dots). */
static char *
copy_id(const char *id, unsigned k)
{
	return k == 0 ? xstrdup(id) : xasprintf("%s.%u", id, k + 1);
}

static int
add_res(struct sim *sim, int unit, const char *id, const char *agent,
	unsigned copy)
{
	struct sim_res *r;

	sim->res = xreallocarray(sim->res, (size_t)sim->n_res + 1,
				 sizeof(*sim->res));
	r = &sim->res[sim->n_res];
	memset(r, 0, sizeof(*r));
	r->id = copy_id(id, copy);
	r->agent = agent;
	r->unit = unit;
	r->node = NONE;
	r->fail_node = NONE;
	r->state = RES_OFFLINE;
	r->target_started = true;
	return sim->n_res++;
}

static void
build_layout(struct sim *sim)
{
	unsigned copies = sim->opt.copies > 0 ? sim->opt.copies : 1, c;
	int i, j, k, n = ARRAY_LEN(layout);

	sim->n_nodes = ARRAY_LEN(layout_nodes);
	sim->nodes = xcalloc((size_t)sim->n_nodes, sizeof(*sim->nodes));
	for (i = 0; i < sim->n_nodes; i++) {
		sim->nodes[i].name = xstrdup(layout_nodes[i]);
		sim->nodes[i].state = NODE_UP;
	}
	sim->n_units = n * (int)copies;
	sim->units = xcalloc((size_t)sim->n_units, sizeof(*sim->units));
	for (c = 0; c < copies; c++) {
		for (i = 0; i < n; i++) {
			int ui = (int)c * n + i;
			struct sim_unit *u = &sim->units[ui];

			u->id = copy_id(layout[i].id, c);
			u->kind = layout[i].kind;
			u->target_started = layout[i].started;
			u->preferred = NONE;
			u->first = sim->n_res;
			if (u->kind == UNIT_CLONE) {
				for (k = 0; k < sim->n_nodes; k++)
					add_res(sim, ui, layout[i].members[0][0],
					    layout[i].members[0][1], c);
			} else {
				for (j = 0; j < 5 && layout[i].members[j][0];
				     j++)
					add_res(sim, ui, layout[i].members[j][0],
					    layout[i].members[j][1], c);
			}
			u->count = sim->n_res - u->first;
		}
	}
}

static void
record_op(struct sim *sim, struct sim_res *r, enum op_kind op, int node,
	  int rc, uint64_t begin_ms)
{
	struct sim_op *o = &r->ops[r->ops_n++ % SIM_OPS_MAX];

	o->op = op;
	o->node = node;
	o->rc = rc;
	o->begin_ms = begin_ms;
	o->dur_ms = sim->now_ms > begin_ms ? sim->now_ms - begin_ms : 0;
}

/* Initial placement: units spread round-robin, everything wanted is up. */
static void
settle(struct sim *sim)
{
	int i, k, next = 0;

	for (i = 0; i < sim->n_units; i++) {
		struct sim_unit *u = &sim->units[i];

		for (k = 0; k < u->count; k++) {
			struct sim_res *r = &sim->res[u->first + k];
			int node = u->kind == UNIT_CLONE ? k : next;

			if (!u->target_started)
				continue;
			r->state = RES_ONLINE;
			r->node = node;
			/* The start that brought it up, so that every
			 * history has a beginning. */
			record_op(sim, r, OP_START, node, 0, sim->now_ms);
		}
		if (u->kind != UNIT_CLONE && u->target_started)
			next = (next + 1) % sim->n_nodes;
	}
}

struct sim *
sim_new(const char *name, const struct sim_options *o, uint64_t now_ms)
{
	struct sim *sim = xcalloc(1, sizeof(*sim));
	size_t i;

	sim->name = xstrdup(name ? name : "demo");
	sim->opt = *o;
	sim->opt.fail_start = NULL;
	sim->opt.n_fail_start = 0;
	sim->now_ms = now_ms;
	sim->wall_base = (int64_t)time(NULL) - (int64_t)(now_ms / 1000);
	sim->rng = o->seed;
	/* A zero spacing would make events at one instant forever. */
	if (sim->opt.event_min_ms == 0)
		sim->opt.event_min_ms = 1;
	if (sim->opt.event_max_ms < sim->opt.event_min_ms)
		sim->opt.event_max_ms = sim->opt.event_min_ms;
	build_layout(sim);
	settle(sim);
	for (i = 0; i < o->n_fail_start; i++)
		sim_inject_start_failure(sim, o->fail_start[i], -1);
	sim->next_event_ms = o->calm ? UINT64_MAX
		: now_ms + rng_range(sim, sim->opt.event_min_ms,
				     sim->opt.event_max_ms);
	return sim;
}

void
sim_free(struct sim *sim)
{
	int i;

	if (sim == NULL)
		return;
	for (i = 0; i < sim->n_nodes; i++)
		free(sim->nodes[i].name);
	for (i = 0; i < sim->n_units; i++)
		free(sim->units[i].id);
	for (i = 0; i < sim->n_res; i++)
		free(sim->res[i].id);
	free(sim->nodes);
	free(sim->units);
	free(sim->res);
	free(sim->name);
	free(sim);
}

static int
find_node(const struct sim *sim, const char *name)
{
	int i;

	for (i = 0; i < sim->n_nodes; i++)
		if (strcmp(sim->nodes[i].name, name) == 0)
			return i;
	return NONE;
}

static int
find_unit(const struct sim *sim, const char *id)
{
	int i;

	for (i = 0; i < sim->n_units; i++)
		if (strcmp(sim->units[i].id, id) == 0)
			return i;
	return NONE;
}

static int
find_res(const struct sim *sim, const char *id)
{
	int i;

	for (i = 0; i < sim->n_res; i++)
		if (strcmp(sim->res[i].id, id) == 0)
			return i;
	return NONE;
}

static void
record_failure(struct sim *sim, struct sim_res *r, const char *what)
{
	r->failcount++;
	r->fail_node = r->node;
	r->failure_time = sim->wall_base + (int64_t)(sim->now_ms / 1000);
	snprintf(r->failure, sizeof(r->failure), "%s on %s", what,
		 r->node != NONE ? sim->nodes[r->node].name : "?");
	r->state = RES_FAILED;
	r->node = NONE;
	r->op = OP_NONE;
	sim->gen++;
}

static void
op_begin(struct sim *sim, struct sim_res *r, enum op_kind op, int node)
{
	unsigned base = op == OP_START ? sim->opt.online_delay_ms
				       : sim->opt.offline_delay_ms;
	/* +-20% so that transitions do not all tick together. */
	uint64_t jitter = base / 5;

	r->op = op;
	r->node = node;
	r->op_begin_ms = sim->now_ms;
	r->state = op == OP_START ? RES_ONLINE_PENDING : RES_OFFLINE_PENDING;
	sim->gen++;
	r->op_end_ms = sim->now_ms +
		       rng_range(sim, base - jitter, base + jitter);
}

static void
op_complete(struct sim *sim, struct sim_res *r)
{
	if (r->op == OP_START) {
		if (r->fail_starts != 0) {
			if (r->fail_starts > 0)
				r->fail_starts--;
			record_op(sim, r, OP_START, r->node, 1,
				  r->op_begin_ms);
			record_failure(sim, r, "start failed: unknown error "
				       "(exit 1)");
			return;
		}
		record_op(sim, r, OP_START, r->node, 0, r->op_begin_ms);
		r->state = RES_ONLINE;
	} else {
		record_op(sim, r, OP_STOP, r->node, 0, r->op_begin_ms);
		r->state = RES_OFFLINE;
		r->node = NONE;
	}
	r->op = OP_NONE;
	sim->gen++;
}

/* Active units per node, for placing a unit on the least loaded one. */
static int
node_load(const struct sim *sim, int node)
{
	int i, k, load = 0;

	for (i = 0; i < sim->n_units; i++) {
		const struct sim_unit *u = &sim->units[i];

		if (u->kind == UNIT_CLONE)
			continue;
		for (k = 0; k < u->count; k++)
			if (sim->res[u->first + k].node == node) {
				load++;
				break;
			}
	}
	return load;
}

/* Where a group or lone resource should run: its move constraint if that
 * node is up, else where it runs now (stickiness), else the least loaded
 * node that is up. NONE if it should not run. */
static int
desired_node(const struct sim *sim, const struct sim_unit *u)
{
	int i, k, best = NONE;

	if (!u->target_started)
		return NONE;
	if (u->preferred != NONE && sim->nodes[u->preferred].state == NODE_UP)
		return u->preferred;
	for (k = 0; k < u->count; k++) {
		int n = sim->res[u->first + k].node;

		if (n != NONE && sim->nodes[n].state == NODE_UP &&
		    !(u->banned & NODE_BIT(n)))
			return n;
	}
	for (i = 0; i < sim->n_nodes; i++) {
		if (sim->nodes[i].state != NODE_UP ||
		    (u->banned & NODE_BIT(i)))
			continue;
		if (best == NONE || node_load(sim, i) < node_load(sim, best))
			best = i;
	}
	return best;
}

static void
schedule_clone(struct sim *sim, struct sim_unit *u)
{
	int k;

	for (k = 0; k < u->count; k++) {
		struct sim_res *r = &sim->res[u->first + k];
		bool want = u->target_started && r->target_started &&
			    sim->nodes[k].state == NODE_UP &&
			    !(u->banned & NODE_BIT(k));

		if (r->op != OP_NONE || r->state == RES_FAILED)
			continue;
		if (r->state == RES_ONLINE && !want)
			op_begin(sim, r, OP_STOP, r->node);
		else if (r->state == RES_OFFLINE && want)
			op_begin(sim, r, OP_START, k);
	}
}

/* One operation at a time per group, like Pacemaker's ordered groups:
 * members after a failed or stopped one may not run (they depend on it),
 * stops go in reverse order, starts in order. */
static void
schedule_group(struct sim *sim, struct sim_unit *u)
{
	int k, allowed, node = desired_node(sim, u);

	for (k = 0; k < u->count; k++)
		if (sim->res[u->first + k].op != OP_NONE)
			return;
	for (allowed = 0; allowed < u->count; allowed++) {
		const struct sim_res *r = &sim->res[u->first + allowed];

		if (r->state == RES_FAILED || !r->target_started)
			break;
	}
	for (k = u->count - 1; k >= 0; k--) {
		struct sim_res *r = &sim->res[u->first + k];

		if (r->state == RES_ONLINE &&
		    (node == NONE || r->node != node || k >= allowed)) {
			op_begin(sim, r, OP_STOP, r->node);
			return;
		}
	}
	if (node == NONE)
		return;
	for (k = 0; k < allowed; k++) {
		struct sim_res *r = &sim->res[u->first + k];

		if (r->state == RES_OFFLINE) {
			op_begin(sim, r, OP_START, node);
			return;
		}
	}
}

/* Starts and stops what the targets, nodes and bans ask for. It reads
 * only what moves gen on, and what it starts moves it too: run again at
 * the generation it left, it would find nothing to do. */
static void
schedule(struct sim *sim)
{
	int i;

	if (sim->scheduled && sim->scheduled_gen == sim->gen)
		return;
	for (i = 0; i < sim->n_units; i++) {
		if (sim->units[i].kind == UNIT_CLONE)
			schedule_clone(sim, &sim->units[i]);
		else
			schedule_group(sim, &sim->units[i]);
	}
	sim->scheduled = true;
	sim->scheduled_gen = sim->gen;
}

/* A spontaneous event: mostly a resource failing its monitor, sometimes a
 * node paused for a while (and resumed by resume_at_ms). */
static void
spontaneous(struct sim *sim)
{
	int i, candidates = 0, up = 0, pick;

	for (i = 0; i < sim->n_nodes; i++)
		up += sim->nodes[i].state == NODE_UP;
	for (i = 0; i < sim->n_nodes; i++)
		if (sim->nodes[i].paused_by_sim)
			up = 0;   /* one spontaneous pause at a time */
	if (up >= 2 && rng_next(sim) % 10 < 3) {
		do
			pick = (int)(rng_next(sim) % (uint64_t)sim->n_nodes);
		while (sim->nodes[pick].state != NODE_UP);
		sim->nodes[pick].state = NODE_PAUSED;
		sim->nodes[pick].paused_by_sim = true;
		sim->gen++;
		sim->nodes[pick].resume_at_ms = sim->now_ms +
			rng_range(sim, sim->opt.event_min_ms,
				  sim->opt.event_max_ms);
		return;
	}
	for (i = 0; i < sim->n_res; i++)
		candidates += sim->res[i].state == RES_ONLINE;
	if (candidates == 0)
		return;
	pick = (int)(rng_next(sim) % (uint64_t)candidates);
	for (i = 0; i < sim->n_res; i++) {
		if (sim->res[i].state != RES_ONLINE)
			continue;
		if (pick-- == 0) {
			record_op(sim, &sim->res[i], OP_MONITOR,
				  sim->res[i].node, 7, sim->now_ms);
			record_failure(sim, &sim->res[i], MONITOR_FAILED);
			return;
		}
	}
}

/* The earliest thing that happens by itself after the current time. */
static uint64_t
scan_next_change(const struct sim *sim)
{
	uint64_t t = sim->next_event_ms;
	int i;

	for (i = 0; i < sim->n_res; i++)
		if (sim->res[i].op != OP_NONE && sim->res[i].op_end_ms < t)
			t = sim->res[i].op_end_ms;
	for (i = 0; i < sim->n_nodes; i++)
		if (sim->nodes[i].paused_by_sim &&
		    sim->nodes[i].resume_at_ms < t)
			t = sim->nodes[i].resume_at_ms;
	return t;
}

static uint64_t
next_change(struct sim *sim)
{
	if (!sim->next_known || sim->next_gen != sim->gen ||
	    sim->next_event_seen != sim->next_event_ms) {
		sim->next_at = scan_next_change(sim);
		sim->next_gen = sim->gen;
		sim->next_event_seen = sim->next_event_ms;
		sim->next_known = true;
	}
	return sim->next_at;
}

void
sim_advance(struct sim *sim, uint64_t now_ms)
{
	uint64_t t;
	int i;

	while ((t = next_change(sim)) <= now_ms) {
		if (t > sim->now_ms)
			sim->now_ms = t;
		for (i = 0; i < sim->n_res; i++)
			if (sim->res[i].op != OP_NONE &&
			    sim->res[i].op_end_ms <= t)
				op_complete(sim, &sim->res[i]);
		for (i = 0; i < sim->n_nodes; i++) {
			struct sim_node *n = &sim->nodes[i];

			if (n->paused_by_sim && n->resume_at_ms <= t) {
				n->paused_by_sim = false;
				n->state = NODE_UP;
				sim->gen++;
			}
		}
		if (sim->next_event_ms <= t) {
			spontaneous(sim);
			sim->next_event_ms = t + rng_range(sim,
				sim->opt.event_min_ms, sim->opt.event_max_ms);
		}
		schedule(sim);
	}
	if (now_ms > sim->now_ms)
		sim->now_ms = now_ms;
	schedule(sim);
}

uint64_t
sim_next_change(struct sim *sim)
{
	return next_change(sim);
}

unsigned long
sim_requests_seen(const struct sim *sim)
{
	return sim->requests;
}

int
sim_inject_start_failure(struct sim *sim, const char *id, int count)
{
	int i, found = 0;

	for (i = 0; i < sim->n_res; i++) {
		if (strcmp(sim->res[i].id, id) == 0) {
			sim->res[i].fail_starts = count;
			found = 1;
		}
	}
	return found ? 0 : -1;
}

int
sim_inject_monitor_failure(struct sim *sim, const char *id, const char *node,
			   uint64_t now_ms)
{
	int i, n = NONE;

	if (node != NULL && (n = find_node(sim, node)) == NONE)
		return -1;
	/* In time order, like everything else that happens. */
	sim_advance(sim, now_ms);
	for (i = 0; i < sim->n_res; i++) {
		struct sim_res *r = &sim->res[i];

		if (strcmp(r->id, id) != 0 || r->state != RES_ONLINE ||
		    (n != NONE && r->node != n))
			continue;
		record_op(sim, r, OP_MONITOR, r->node, 7, sim->now_ms);
		record_failure(sim, r, MONITOR_FAILED);
		schedule(sim);
		return 0;
	}
	return -1;
}

/* Whether the resource's own target role is stopped. A lone resource is
 * its own unit: a role asked of either is its own. A group member or a
 * clone instance may be stopped by its container alone, which is not. */
static bool
own_stopped(const struct sim_unit *u, const struct sim_res *r)
{
	if (u->kind == UNIT_SINGLE)
		return !u->target_started || !r->target_started;
	return !r->target_started;
}

/* The id of the constraint that a move of u (ban_node NONE: to its
 * preferred node) or a ban off ban_node leaves, as Pacemaker names them:
 * the detail and the snapshot say the same. Returns buf. */
static const char *
pin_id(const struct sim *sim, const struct sim_unit *u, int ban_node,
       char *buf, size_t sz)
{
	if (ban_node == NONE)
		snprintf(buf, sz, "cli-prefer-%s", u->id);
	else
		snprintf(buf, sz, "cli-ban-%s-on-%s", u->id,
			 sim->nodes[ban_node].name);
	return buf;
}

/* What pins resource idx of unit u, on the snapshot. */
static void
add_pins(struct snapshot *s, size_t idx, const struct sim *sim,
	 const struct sim_unit *u)
{
	char id[256];
	int n;

	if (u->preferred != NONE)
		snapshot_resource_add_pin(s, idx,
		    pin_id(sim, u, NONE, id, sizeof id));
	for (n = 0; n < sim->n_nodes; n++)
		if (u->banned & NODE_BIT(n))
			snapshot_resource_add_pin(s, idx,
			    pin_id(sim, u, n, id, sizeof id));
}

struct snapshot *
sim_snapshot(const struct sim *sim)
{
	struct snapshot *s;
	int i, dc = NONE;
	char *err = NULL;

	for (i = 0; i < sim->n_nodes && dc == NONE; i++)
		if (sim->nodes[i].state != NODE_DOWN)
			dc = i;
	s = snapshot_new(sim->name, "sim", dc != NONE ? sim->nodes[dc].name
						      : "");
	s->taken_wall = sim->wall_base + (int64_t)(sim->now_ms / 1000);
	for (i = 0; i < sim->n_nodes; i++) {
		unsigned flags = 0;

		if (i == dc)
			flags |= NODE_F_DC;
		if (sim->nodes[i].state == NODE_PAUSED)
			flags |= NODE_F_STANDBY;
		snapshot_add_node(s, sim->nodes[i].name, sim->nodes[i].state,
				  flags);
	}
	for (i = 0; i < sim->n_units; i++) {
		const struct sim_unit *u = &sim->units[i];
		int k;

		if (u->kind != UNIT_SINGLE)
			snapshot_add_group(s, u->id, u->kind == UNIT_CLONE
					   ? GROUP_KIND_CLONE : GROUP_KIND_GROUP,
					   u->target_started ? 0
							     : RES_F_DISABLED);
		for (k = 0; k < u->count; k++) {
			const struct sim_res *r = &sim->res[u->first + k];
			unsigned flags = 0;
			size_t idx;
			int where = r->state == RES_FAILED ? r->fail_node
							   : r->node;

			if (!u->target_started || !r->target_started)
				flags |= RES_F_DISABLED;
			if (own_stopped(u, r))
				flags |= RES_F_OWN_STOPPED;
			idx = snapshot_add_resource(s, r->id,
				u->kind == UNIT_SINGLE ? NULL : u->id,
				r->agent, r->state, flags);
			add_pins(s, idx, sim, u);
			snapshot_resource_set_role(s, idx,
				r->state == RES_ONLINE ? "Started" :
				r->state == RES_ONLINE_PENDING ? "Starting" :
				r->state == RES_OFFLINE_PENDING ? "Stopping" :
				"Stopped");
			if (where != NONE)
				snapshot_resource_add_node(s, idx,
					sim->nodes[where].name);
			if (r->failcount > 0 || r->state == RES_FAILED)
				snapshot_resource_set_failure(s, idx,
					r->failcount,
					r->failure[0] ? r->failure : NULL,
					r->failure_time);
		}
	}
	s->taken_ms = sim->now_ms;
	if (snapshot_finish(s, &err) != 0) {
		/* The layout is ours: a broken one is a bug, not an input. */
		fprintf(stderr, "ccon: simulator: %s\n", err);
		abort();
	}
	return s;
}

/* Effects of a request the plan accepted. */
static void
set_targets(struct sim *sim, const struct action *a, bool started)
{
	int u = NONE, i, k;

	if (a->target_kind == TARGET_GROUP) {
		u = find_unit(sim, a->target);
		sim->units[u].target_started = started;
		if (started)
			for (i = 0; i < sim->units[u].count; i++)
				sim->res[sim->units[u].first + i]
				    .target_started = true;
	} else {
		for (i = 0; i < sim->n_res; i++) {
			if (strcmp(sim->res[i].id, a->target) != 0)
				continue;
			sim->res[i].target_started = started;
			u = sim->res[i].unit;
			if (!started || sim->units[u].target_started)
				continue;
			/* Starting one member of a stopped group starts its
			 * providers (the members before it), not the members
			 * that depend on it: it is asked to run, and cannot
			 * without them, even one stopped by its own request
			 * (action_plan lets this through: in a stopped group
			 * every member is disabled). */
			sim->units[u].target_started = true;
			if (sim->units[u].kind != UNIT_GROUP)
				continue;
			for (k = sim->units[u].first; k < sim->units[u].first +
			     sim->units[u].count; k++)
				sim->res[k].target_started = k <= i;
		}
	}
	/* A failed resource leaves FAILED either way: offline ends there,
	 * online starts again from there. */
	for (i = 0; i < sim->units[u].count; i++) {
		struct sim_res *r = &sim->res[sim->units[u].first + i];

		if (r->state != RES_FAILED)
			continue;
		if (a->target_kind == TARGET_RESOURCE &&
		    strcmp(r->id, a->target) != 0)
			continue;
		r->state = RES_OFFLINE;
	}
}

/* The unit a request on a group or resource acts on (one the plan found). */
static int
target_unit(const struct sim *sim, const struct action *a)
{
	return a->target_kind == TARGET_GROUP ? find_unit(sim, a->target)
		: sim->res[find_res(sim, a->target)].unit;
}

static void
cleanup(struct sim *sim, const struct action *a)
{
	int i;

	for (i = 0; i < sim->n_res; i++) {
		struct sim_res *r = &sim->res[i];

		if (a->target_kind == TARGET_GROUP
			? strcmp(sim->units[r->unit].id, a->target) != 0
			: strcmp(r->id, a->target) != 0)
			continue;
		r->failcount = 0;
		r->failure[0] = '\0';
		r->failure_time = 0;
		r->fail_node = NONE;
		if (r->state == RES_FAILED)
			r->state = RES_OFFLINE;
	}
}

int
sim_request(struct sim *sim, const struct action *a, uint64_t now_ms,
	    int *status, char **err)
{
	struct snapshot *s;
	struct plan plan;
	int n;

	sim->requests++;
	sim_advance(sim, now_ms);
	s = sim_snapshot(sim);
	action_plan(s, a, &plan);
	snapshot_unref(s);
	*status = plan.status;
	if (plan.kind == PLAN_REFUSE) {
		*err = xstrdup(plan.message);
		return -1;
	}
	if (plan.kind == PLAN_NOOP)
		return 0;

	switch (a->kind) {
	case ACT_ONLINE:
		set_targets(sim, a, true);
		break;
	case ACT_OFFLINE:
		set_targets(sim, a, false);
		break;
	case ACT_MOVE:
		n = target_unit(sim, a);
		/* To the best node, as crm_resource --move without --node:
		 * kept off the node it leaves, placed as the sim places. */
		if (a->node[0] == '\0') {
			int away = find_node(sim, plan.away);

			sim->units[n].preferred = NONE;
			if (away != NONE)
				sim->units[n].banned |= NODE_BIT(away);
		} else {
			sim->units[n].preferred = find_node(sim, a->node);
		}
		break;
	case ACT_BAN:
		/* Only a clone's: action_plan refuses any other. */
		sim->units[target_unit(sim, a)].banned |=
		    NODE_BIT(find_node(sim, a->node));
		break;
	case ACT_CLEANUP:
		cleanup(sim, a);
		break;
	case ACT_CLEAR:
		n = target_unit(sim, a);
		sim->units[n].preferred = NONE;
		sim->units[n].banned = 0;
		break;
	case ACT_PAUSE:
	case ACT_RESUME:
		n = find_node(sim, a->target);
		sim->nodes[n].state = a->kind == ACT_PAUSE ? NODE_PAUSED
							   : NODE_UP;
		sim->nodes[n].paused_by_sim = false;
		break;
	case ACT_COUNT:
		break;
	}
	sim->gen++;
	schedule(sim);
	return 0;
}

uint64_t
sim_generation(const struct sim *sim)
{
	return sim->gen;
}

static void *
dup_array(const void *p, int n, size_t size)
{
	void *c = xreallocarray(NULL, (size_t)n, size);

	memcpy(c, p, (size_t)n * size);
	return c;
}

/* A deep copy: the same state, clock, generator and next events. */
static struct sim *
sim_copy(const struct sim *sim)
{
	struct sim *c = xmalloc(sizeof(*c));
	int i;

	*c = *sim;
	c->name = xstrdup(sim->name);
	c->nodes = dup_array(sim->nodes, sim->n_nodes, sizeof(*c->nodes));
	for (i = 0; i < c->n_nodes; i++)
		c->nodes[i].name = xstrdup(sim->nodes[i].name);
	c->units = dup_array(sim->units, sim->n_units, sizeof(*c->units));
	for (i = 0; i < c->n_units; i++)
		c->units[i].id = xstrdup(sim->units[i].id);
	c->res = dup_array(sim->res, sim->n_res, sizeof(*c->res));
	for (i = 0; i < c->n_res; i++)
		c->res[i].id = xstrdup(sim->res[i].id);
	return c;
}

/* Runs a copy on until no operation is in flight. Nothing else happens
 * by itself in a copy (see sim_preview), so each step ends one at least;
 * the bound is for a scheduler bug, not for a cluster. */
#define SETTLE_STEPS_MAX 100000

static int
settle_copy(struct sim *sim)
{
	uint64_t t;
	int i;

	for (i = 0; i < SETTLE_STEPS_MAX; i++) {
		if ((t = next_change(sim)) == UINT64_MAX)
			return 0;
		sim_advance(sim, t);
	}
	return -1;
}

/* Where a resource instance runs once its operation is over: a node, or
 * NONE. A copy that settled has none in flight. */
static int
placed_on(const struct sim_res *r)
{
	return r->state == RES_ONLINE ? r->node : NONE;
}

int
sim_preview(const struct sim *sim, const struct action *a, uint64_t now_ms,
	    struct preview *out, char **err)
{
	struct sim *without, *with;
	int status, i, rc = -1;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	/* Two copies of the cluster as it is: one left alone, one given
	 * the request. What happens by itself is left out of both (no
	 * spontaneous events, a spontaneous pause lasts), and a preview
	 * plans rather than foresees faults (no injected start failures).
	 * Their generators are the simulation's: in a calm simulation the
	 * copy given the request does what the simulation will. */
	without = sim_copy(sim);
	without->next_event_ms = UINT64_MAX;
	for (i = 0; i < without->n_nodes; i++)
		without->nodes[i].paused_by_sim = false;
	for (i = 0; i < without->n_res; i++)
		without->res[i].fail_starts = 0;
	sim_advance(without, now_ms);
	with = sim_copy(without);
	if (sim_request(with, a, now_ms, &status, err) != 0)
		goto out;
	if (settle_copy(without) != 0 || settle_copy(with) != 0) {
		*err = xstrdup("the simulation did not settle");
		goto out;
	}
	/* Both copies hold the same resources in the same order: what the
	 * request does is every instance placed otherwise. */
	for (i = 0; i < sim->n_res; i++) {
		int from = placed_on(&without->res[i]);
		int to = placed_on(&with->res[i]);
		const char *id = sim->res[i].id;

		if (from == to)
			continue;
		if (to == NONE)
			preview_add(out, PREVIEW_STOP, id,
				    sim->nodes[from].name, NULL);
		else if (from == NONE)
			preview_add(out, PREVIEW_START, id, NULL,
				    sim->nodes[to].name);
		else
			preview_add(out, PREVIEW_MOVE, id,
				    sim->nodes[from].name,
				    sim->nodes[to].name);
	}
	rc = 0;
out:
	sim_free(without);
	sim_free(with);
	return rc;
}

/* The detail. */

static const char *const op_words[] = {
	[OP_NONE] = "none", [OP_START] = "start", [OP_STOP] = "stop",
	[OP_MONITOR] = "monitor",
};

static const char *
rc_word(int rc)
{
	switch (rc) {
	case 0:
		return "ok";
	case 1:
		return "generic error";
	case 7:
		return "not running";
	default:
		return "error";
	}
}

/* Made-up parameters by agent, so that the pane has some to show; the
 * database's password is there to be hidden. */
enum sim_param_form { PARAM_AS_IS, PARAM_IP, PARAM_DEVICE, PARAM_DIR };

struct sim_param {
	const char *agent_type, *name, *value;
	enum sim_param_form form;     /* made from the resource's place */
};

static const struct sim_param sim_params[] = {
	{ "IPaddr2", "ip", NULL, PARAM_IP },
	{ "IPaddr2", "cidr_netmask", "24", PARAM_AS_IS },
	{ "Filesystem", "device", NULL, PARAM_DEVICE },
	{ "Filesystem", "directory", NULL, PARAM_DIR },
	{ "Filesystem", "fstype", "xfs", PARAM_AS_IS },
	{ "nginx", "configfile", "/etc/nginx/nginx.conf", PARAM_AS_IS },
	{ "pgsql", "pgdata", "/srv/db-fs/data", PARAM_AS_IS },
	{ "pgsql", "pgdba", "postgres", PARAM_AS_IS },
	{ "pgsql", "password", "s3cret-not-shown", PARAM_AS_IS },
	{ "nfsserver", "nfs_shared_infodir", "/srv/nfs-fs/info",
	  PARAM_AS_IS },
	{ "ping", "host_list", "192.0.2.1", PARAM_AS_IS },
	{ "flexlm", "license_file", "/opt/flexlm/license.dat", PARAM_AS_IS },
	{ "flexlm", "vendor_key", "0123-4567-89ab", PARAM_AS_IS },
};

static void
sim_res_params(const struct sim *sim, int i, struct detail *out)
{
	const struct sim_res *r = &sim->res[i];
	const char *type = strrchr(r->agent, ':');
	char value[160];
	size_t k;
	int n = 0;

	type = type != NULL ? type + 1 : r->agent;
	/* The agent is in the snapshot's part already. */
	detail_section(out, "parameters");
	for (k = 0; k < sizeof(sim_params) / sizeof(sim_params[0]); k++) {
		const struct sim_param *p = &sim_params[k];

		if (strcmp(p->agent_type, type) != 0)
			continue;
		switch (p->form) {
		case PARAM_IP:
			snprintf(value, sizeof(value), "192.0.2.%d", 10 + i);
			break;
		case PARAM_DEVICE:
			snprintf(value, sizeof(value), "/dev/vg0/%s", r->id);
			break;
		case PARAM_DIR:
			snprintf(value, sizeof(value), "/srv/%s", r->id);
			break;
		case PARAM_AS_IS:
			snprintf(value, sizeof(value), "%s", p->value);
			break;
		}
		detail_param(out, p->name, value);
		n++;
	}
	if (n == 0)
		detail_add(out, DETAIL_DIM, "", "no parameters");
}

static void
sim_res_ops(const struct sim *sim, const struct sim_res *r,
	    struct detail *out)
{
	char when[64];
	unsigned k, n = r->ops_n < SIM_OPS_MAX ? r->ops_n : SIM_OPS_MAX;

	detail_section(out, "operations, newest first");
	if (r->op != OP_NONE)
		detail_add(out, DETAIL_WARN, op_words[r->op],
		    "on %s: under way since %s",
		    r->node != NONE ? sim->nodes[r->node].name : "?",
		    detail_time(sim->wall_base +
		    (int64_t)(r->op_begin_ms / 1000), when, sizeof(when)));
	for (k = 0; k < n; k++) {
		const struct sim_op *o =
		    &r->ops[(r->ops_n - 1 - k) % SIM_OPS_MAX];

		detail_add(out, o->rc == 0 ? DETAIL_PLAIN : DETAIL_BAD,
		    op_words[o->op], "on %s: rc=%d (%s) at %s, took %llu ms",
		    o->node != NONE ? sim->nodes[o->node].name : "?",
		    o->rc, rc_word(o->rc),
		    detail_time(sim->wall_base +
		    (int64_t)(o->begin_ms / 1000), when, sizeof(when)),
		    (unsigned long long)o->dur_ms);
	}
	if (n == 0 && r->op == OP_NONE)
		detail_add(out, DETAIL_DIM, "", "none yet");
}

static void
sim_unit_constraints(const struct sim *sim, const struct sim_unit *u,
		     const struct sim_res *r, struct detail *out)
{
	char id[256];
	int i, n = 0;

	detail_section(out, "constraints");
	if (u->preferred != NONE) {
		detail_add(out, DETAIL_WARN, "move",
		    "%s: prefers %s (pinned by a move to %s; `u` clears it)",
		    pin_id(sim, u, NONE, id, sizeof id),
		    sim->nodes[u->preferred].name,
		    sim->nodes[u->preferred].name);
		n++;
	}
	for (i = 0; i < sim->n_nodes; i++) {
		if ((u->banned & NODE_BIT(i)) == 0)
			continue;
		detail_add(out, DETAIL_WARN, "ban",
		    "%s: kept off %s (a ban; `u` clears it)",
		    pin_id(sim, u, i, id, sizeof id), sim->nodes[i].name);
		n++;
	}
	if (r != NULL && u->kind == UNIT_GROUP) {
		int k = (int)(r - &sim->res[u->first]);

		if (k > 0) {
			detail_add(out, DETAIL_PLAIN, "order",
			    "starts after %s (group %s)",
			    sim->res[u->first + k - 1].id, u->id);
			detail_add(out, DETAIL_PLAIN, "colocation",
			    "runs with %s (group %s)",
			    sim->res[u->first + k - 1].id, u->id);
			n += 2;
		}
	}
	if (n == 0)
		detail_add(out, DETAIL_DIM, "", "none");
}

int
sim_detail(const struct sim *sim, const struct detail_ask *q,
	   struct detail *out, char **err)
{
	int i, u;
	unsigned nth = 0;

	*err = NULL;
	switch (q->kind) {
	case TARGET_RESOURCE:
		for (i = 0; i < sim->n_res; i++)
			if (strcmp(sim->res[i].id, q->id) == 0 &&
			    nth++ == q->instance)
				break;
		if (i == sim->n_res)
			break;
		sim_res_ops(sim, &sim->res[i], out);
		sim_unit_constraints(sim, &sim->units[sim->res[i].unit],
		    &sim->res[i], out);
		sim_res_params(sim, i, out);
		return 0;
	case TARGET_GROUP:
		if ((u = find_unit(sim, q->id)) == NONE ||
		    sim->units[u].kind == UNIT_SINGLE)
			break;
		sim_unit_constraints(sim, &sim->units[u], NULL, out);
		return 0;
	case TARGET_NODE:
		if ((i = find_node(sim, q->id)) == NONE)
			break;
		detail_section(out, "attributes");
		detail_add(out, DETAIL_PLAIN, "site", "%s",
		    i % 2 == 0 ? "north" : "south");
		detail_add(out, DETAIL_PLAIN, "standby", "%s",
		    sim->nodes[i].state == NODE_PAUSED ? "on" : "off");
		detail_add(out, DETAIL_PLAIN, "#health-ccon", "green");
		return 0;
	}
	*err = xasprintf("%s %s is not in the simulation",
	    target_kind_word(q->kind), q->id);
	return -1;
}

/* The "sim" driver. */
struct sim_driver {
	struct driver base;
	struct sim *sim;
	bool reported;            /* a snapshot was returned, of... */
	uint64_t reported_gen;    /* ...this generation */
};

static int
simdrv_fetch(struct driver *d, uint64_t now_ms, struct snapshot **out,
	     char **err)
{
	struct sim_driver *sd = (struct sim_driver *)d;

	(void)err;
	sim_advance(sd->sim, now_ms);
	if (sd->reported && sd->reported_gen == sd->sim->gen)
		return DRIVER_UNCHANGED;
	*out = sim_snapshot(sd->sim);
	sd->reported = true;
	sd->reported_gen = sd->sim->gen;
	return 0;
}

static int
simdrv_act(struct driver *d, const struct action *a, uint64_t now_ms,
	   char **err)
{
	struct sim_driver *sd = (struct sim_driver *)d;
	int status;

	/* A refusal (even "pending": the state moved since the cluster
	 * layer planned) means nothing was done; *err says why. */
	return sim_request(sd->sim, a, now_ms, &status, err);
}

static int
simdrv_preview(struct driver *d, const struct action *a, uint64_t now_ms,
	       struct preview *out, char **err)
{
	return sim_preview(((struct sim_driver *)d)->sim, a, now_ms, out, err);
}

static int
simdrv_detail(struct driver *d, const struct detail_ask *q, uint64_t now_ms,
	      struct detail *out, char **err)
{
	struct sim_driver *sd = (struct sim_driver *)d;

	/* Up to date, as the snapshot it goes with. */
	sim_advance(sd->sim, now_ms);
	return sim_detail(sd->sim, q, out, err);
}

static uint64_t
simdrv_next_change(struct driver *d, uint64_t now_ms)
{
	(void)now_ms;
	return sim_next_change(((struct sim_driver *)d)->sim);
}

static void
simdrv_destroy(struct driver *d)
{
	struct sim_driver *sd = (struct sim_driver *)d;

	sim_free(sd->sim);
	free(sd);
}

static const struct driver_ops sim_driver_ops = {
	.name = "sim",
	.caps = ACTION_CAPS_ALL,
	.fetch = simdrv_fetch,
	.act = simdrv_act,
	.preview = simdrv_preview,
	.detail = simdrv_detail,
	.next_change_ms = simdrv_next_change,
	.destroy = simdrv_destroy,
};

struct driver *
sim_driver_new(const char *name, const struct sim_options *o, uint64_t now_ms)
{
	struct sim_driver *sd = xcalloc(1, sizeof(*sd));

	sd->base.ops = &sim_driver_ops;
	sd->sim = sim_new(name, o, now_ms);
	return &sd->base;
}

struct sim *
sim_driver_sim(struct driver *d)
{
	return ((struct sim_driver *)d)->sim;
}
