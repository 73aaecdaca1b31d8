#include "backend/core/model.h"

#include <assert.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/util/strindex.h"
#include "backend/util/xalloc.h"

/* Strings live in a chunked arena owned by the snapshot: one free for all
 * of them, and no pointer moves when more are added. */
struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	char data[];
};

struct node_ref {
	size_t resource;
	const char *node;
};

/* The ids of the constraints that pin one resource. */
struct pin_list {
	const char **ids;
	size_t n, cap;
};

struct snapshot_priv {
	atomic_int refs;
	bool finished;
	struct arena_chunk *chunks;
	struct model_node *nodes;
	size_t cap_nodes;
	struct model_group *groups;
	size_t cap_groups;
	/* Per group: its state is the cluster's own (set by
	 * snapshot_group_set_state), not derived from its members. */
	bool *group_reported;
	size_t cap_group_reported;
	struct model_resource *resources;
	size_t cap_resources;
	/* Per resource: where it comes among its group's members
	 * (snapshot_resource_set_rank); NULL until a driver ranks one. */
	unsigned *rank;
	size_t cap_rank;
	/* Per resource: what pins it (snapshot_resource_add_pin); NULL
	 * until a driver names one. */
	struct pin_list *pins;
	size_t cap_pins;
	struct node_ref *node_refs;           /* (resource, node) while building */
	size_t n_node_refs, cap_node_refs;
	const char **node_lists;              /* packed by snapshot_finish */
	bool packed;
	size_t *members;                      /* packed by snapshot_finish */
	struct transition *transitions;
	/* Lookups by name, filled as things are added. */
	struct strindex *node_ix, *group_ix, *res_ix;
	/* A snapshot made by snapshot_with_transitions shares everything
	 * but its transitions with this one (which owns the data); NULL
	 * for a snapshot that owns its own. */
	struct snapshot *data;
};

#define ARENA_CHUNK 4096

static char *
arena_alloc(struct snapshot_priv *p, size_t n)
{
	struct arena_chunk *c = p->chunks;

	if (c == NULL || c->size - c->used < n) {
		size_t size = n > ARENA_CHUNK ? n : ARENA_CHUNK;

		c = xmalloc(sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		c->next = p->chunks;
		p->chunks = c;
	}
	c->used += n;
	return c->data + c->used - n;
}

/* Copies a string into the snapshot's storage. */
static const char *
snapshot_strdup(struct snapshot *s, const char *str)
{
	size_t n;

	if (str == NULL)
		return NULL;
	n = strlen(str) + 1;
	return memcpy(arena_alloc(s->priv, n), str, n);
}

/* Grows *arr (of *cap elements of size sz) to hold at least need. */
static void *
grow(void *arr, size_t *cap, size_t need, size_t sz)
{
	if (need <= *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 8;
	if (*cap < need)
		*cap = need;
	return xreallocarray(arr, *cap, sz);
}

struct snapshot *
snapshot_new(const char *cluster, const char *driver, const char *source)
{
	struct snapshot *s = xcalloc(1, sizeof(*s));

	s->priv = xcalloc(1, sizeof(*s->priv));
	atomic_init(&s->priv->refs, 1);
	s->priv->node_ix = strindex_new();
	s->priv->group_ix = strindex_new();
	s->priv->res_ix = strindex_new();
	s->cluster = snapshot_strdup(s, cluster ? cluster : "");
	s->driver = snapshot_strdup(s, driver ? driver : "");
	s->source = snapshot_strdup(s, source ? source : "");
	s->quorum = true;
	s->caps = ~0u;
	return s;
}

size_t
snapshot_add_node(struct snapshot *s, const char *name, enum node_state state,
		  unsigned flags)
{
	struct snapshot_priv *p = s->priv;
	struct model_node *n;

	assert(p->data == NULL);
	p->nodes = grow(p->nodes, &p->cap_nodes, s->n_nodes + 1, sizeof(*n));
	n = &p->nodes[s->n_nodes];
	memset(n, 0, sizeof(*n));
	n->name = snapshot_strdup(s, name);
	n->state = state;
	n->flags = flags;
	s->nodes = p->nodes;
	if (flags & NODE_F_DC)
		s->dc = n->name;
	strindex_add(p->node_ix, n->name, s->n_nodes);
	return s->n_nodes++;
}

size_t
snapshot_add_group(struct snapshot *s, const char *id, enum group_kind kind,
		   unsigned flags)
{
	struct snapshot_priv *p = s->priv;
	struct model_group *g;

	assert(p->data == NULL);
	p->groups = grow(p->groups, &p->cap_groups, s->n_groups + 1, sizeof(*g));
	g = &p->groups[s->n_groups];
	memset(g, 0, sizeof(*g));
	g->id = snapshot_strdup(s, id);
	g->kind = kind;
	g->flags = flags;
	g->state = GROUP_UNKNOWN;
	s->groups = p->groups;
	p->group_reported = grow(p->group_reported, &p->cap_group_reported,
				 s->n_groups + 1, sizeof(*p->group_reported));
	p->group_reported[s->n_groups] = false;
	strindex_add(p->group_ix, g->id, s->n_groups);
	return s->n_groups++;
}

size_t
snapshot_add_resource(struct snapshot *s, const char *id, const char *group,
		      const char *agent, enum res_state state, unsigned flags)
{
	struct snapshot_priv *p = s->priv;
	struct model_resource *r;

	assert(p->data == NULL);
	p->resources = grow(p->resources, &p->cap_resources,
			    s->n_resources + 1, sizeof(*r));
	r = &p->resources[s->n_resources];
	memset(r, 0, sizeof(*r));
	r->id = snapshot_strdup(s, id);
	r->group = snapshot_strdup(s, group);
	r->agent = snapshot_strdup(s, agent ? agent : "");
	r->state = state;
	r->flags = flags;
	s->resources = p->resources;
	strindex_add(p->res_ix, r->id, s->n_resources);
	return s->n_resources++;
}

void
snapshot_resource_set_rank(struct snapshot *s, size_t r, unsigned rank)
{
	struct snapshot_priv *p = s->priv;
	size_t had = p->cap_rank;

	assert(r < s->n_resources);
	p->rank = grow(p->rank, &p->cap_rank, s->n_resources + 1,
		       sizeof(*p->rank));
	/* Unranked resources rank 0, however late the first rank came. */
	if (p->cap_rank > had)
		memset(p->rank + had, 0, (p->cap_rank - had) * sizeof(*p->rank));
	p->rank[r] = rank;
}

struct ranked {
	unsigned rank;
	size_t index;
};

static int
ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Orders members[0..n) by rank, then in the order they were added. */
static void
order_members(const struct snapshot_priv *p, size_t *members, size_t n,
	      struct ranked *scratch)
{
	size_t i;

	for (i = 0; i < n; i++) {
		scratch[i].index = members[i];
		scratch[i].rank = members[i] < p->cap_rank ?
				  p->rank[members[i]] : 0;
	}
	qsort(scratch, n, sizeof(*scratch), ranked_cmp);
	for (i = 0; i < n; i++)
		members[i] = scratch[i].index;
}

void
snapshot_resource_set_role(struct snapshot *s, size_t r, const char *role)
{
	s->priv->resources[r].role = snapshot_strdup(s, role);
}

void
snapshot_resource_add_node(struct snapshot *s, size_t r, const char *node)
{
	struct snapshot_priv *p = s->priv;

	p->node_refs = grow(p->node_refs, &p->cap_node_refs,
			    p->n_node_refs + 1, sizeof(*p->node_refs));
	p->node_refs[p->n_node_refs].resource = r;
	p->node_refs[p->n_node_refs].node = snapshot_strdup(s, node);
	p->n_node_refs++;
}

void
snapshot_resource_set_failure(struct snapshot *s, size_t r, unsigned failcount,
			      const char *reason, int64_t when)
{
	struct model_resource *res = &s->priv->resources[r];

	res->failcount = failcount;
	res->failure = snapshot_strdup(s, reason);
	res->failure_time = when;
}

void
snapshot_set_dc(struct snapshot *s, const char *node)
{
	long i = snapshot_find_node(s, node);

	if (i >= 0) {
		s->priv->nodes[i].flags |= NODE_F_DC;
		s->dc = s->priv->nodes[i].name;
	} else {
		s->dc = snapshot_strdup(s, node);
	}
}

void
snapshot_node_set_drain(struct snapshot *s, size_t n, enum node_drain drain)
{
	assert(s->priv->data == NULL && n < s->n_nodes);
	s->priv->nodes[n].drain = drain;
}

/* Packs each resource's nodes into one array, in the order added. */
static void
pack_node_lists(struct snapshot *s)
{
	struct snapshot_priv *p = s->priv;
	size_t *start = xcalloc(s->n_resources + 1, sizeof(*start));
	size_t i;

	for (i = 0; i < p->n_node_refs; i++)
		start[p->node_refs[i].resource + 1]++;
	for (i = 0; i < s->n_resources; i++)
		start[i + 1] += start[i];
	p->node_lists = xcalloc(p->n_node_refs, sizeof(*p->node_lists));
	for (i = 0; i < s->n_resources; i++) {
		p->resources[i].nodes = p->node_lists + start[i];
		p->resources[i].n_nodes = 0;
	}
	for (i = 0; i < p->n_node_refs; i++) {
		struct model_resource *r = &p->resources[p->node_refs[i].resource];

		p->node_lists[start[p->node_refs[i].resource] + r->n_nodes++] =
		    p->node_refs[i].node;
	}
	free(start);
	free(p->node_refs);
	p->node_refs = NULL;
	p->n_node_refs = p->cap_node_refs = 0;
}

/* A clone's (or bundle's) instance that failed and runs nowhere is one
 * node Pacemaker gave up on; while another instance runs, the clone is
 * up in part, not failed (its instance row still says FAILED). A failed
 * instance that still runs somewhere fails the clone. */
static void
clone_states(const struct model_resource *res, const struct model_group *g,
	     enum res_state *states)
{
	bool any_online = false;
	size_t j;

	for (j = 0; j < g->n_members; j++)
		any_online |= states[j] == RES_ONLINE;
	if (!any_online)
		return;
	for (j = 0; j < g->n_members; j++)
		if (states[j] == RES_FAILED &&
		    res[g->members[j]].n_nodes == 0)
			states[j] = RES_OFFLINE;
}

int
snapshot_finish(struct snapshot *s, char **err)
{
	struct snapshot_priv *p = s->priv;
	size_t *count, *fill, i, j;
	enum res_state *states;

	assert(p->data == NULL);
	/* A second call (after a driver changed states) derives again. */
	if (!p->packed)
		pack_node_lists(s);
	p->packed = true;
	free(p->members);
	p->members = NULL;

	/* Members of each group, in rank order, then resource order. */
	count = xcalloc(s->n_groups + 1, sizeof(*count));
	for (i = 0; i < s->n_resources; i++) {
		long g;

		if (p->resources[i].group == NULL)
			continue;
		g = snapshot_find_group(s, p->resources[i].group);
		if (g < 0) {
			if (err)
				*err = xasprintf("resource '%s' names group "
						 "'%s', which the cluster did "
						 "not list",
						 p->resources[i].id,
						 p->resources[i].group);
			free(count);
			return -1;
		}
		count[g + 1]++;
	}
	for (i = 0; i < s->n_groups; i++)
		count[i + 1] += count[i];
	p->members = xcalloc(count[s->n_groups] + 1, sizeof(*p->members));
	fill = xcalloc(s->n_groups + 1, sizeof(*fill));
	for (i = 0; i < s->n_resources; i++) {
		long g;

		if (p->resources[i].group == NULL)
			continue;
		g = snapshot_find_group(s, p->resources[i].group);
		p->members[count[g] + fill[g]++] = i;
	}
	if (p->rank != NULL) {
		struct ranked *scratch = xcalloc(s->n_resources + 1,
						 sizeof(*scratch));

		for (i = 0; i < s->n_groups; i++)
			order_members(p, p->members + count[i], fill[i],
				      scratch);
		free(scratch);
	}
	states = xcalloc(s->n_resources + 1, sizeof(*states));
	for (i = 0; i < s->n_groups; i++) {
		struct model_group *g = &p->groups[i];

		g->members = p->members + count[i];
		g->n_members = fill[i];
		if (p->group_reported[i])
			continue;
		for (j = 0; j < g->n_members; j++)
			states[j] = p->resources[g->members[j]].state;
		if (g->kind != GROUP_KIND_GROUP)
			clone_states(p->resources, g, states);
		g->state = group_state_derive(states, g->n_members);
	}
	free(states);
	free(fill);
	free(count);

	/* How many resource instances each node runs. */
	for (i = 0; i < s->n_nodes; i++)
		p->nodes[i].resource_count = 0;
	for (i = 0; i < s->n_resources; i++) {
		for (j = 0; j < p->resources[i].n_nodes; j++) {
			long n = snapshot_find_node(s, p->resources[i].nodes[j]);

			if (n >= 0)
				p->nodes[n].resource_count++;
		}
	}
	p->finished = true;
	return 0;
}

void
snapshot_set_transitions(struct snapshot *s, const struct transition *t,
			 size_t n)
{
	struct snapshot_priv *p = s->priv;
	size_t i;

	free(p->transitions);
	p->transitions = n ? xcalloc(n, sizeof(*t)) : NULL;
	for (i = 0; i < n; i++) {
		p->transitions[i] = t[i];
		p->transitions[i].target = snapshot_strdup(s, t[i].target);
		p->transitions[i].node = snapshot_strdup(s, t[i].node);
		p->transitions[i].away = snapshot_strdup(s, t[i].away);
		p->transitions[i].reason = snapshot_strdup(s, t[i].reason);
	}
	s->transitions = p->transitions;
	s->n_transitions = n;
}

void
snapshot_group_set_state(struct snapshot *s, size_t g, enum group_state st)
{
	struct snapshot_priv *p = s->priv;

	assert(p->data == NULL && g < s->n_groups);
	p->groups[g].state = st;
	p->group_reported[g] = true;
}

void
snapshot_resource_set_state(struct snapshot *s, size_t r, enum res_state st)
{
	s->priv->resources[r].state = st;
}

void
snapshot_resource_add_flags(struct snapshot *s, size_t r, unsigned flags)
{
	s->priv->resources[r].flags |= flags;
}

void
snapshot_resource_add_pin(struct snapshot *s, size_t r, const char *constraint)
{
	struct snapshot_priv *p = s->priv;
	struct pin_list *l;
	size_t had = p->cap_pins, i;

	assert(p->data == NULL && r < s->n_resources && constraint != NULL);
	p->resources[r].flags |= RES_F_PINNED;
	p->pins = grow(p->pins, &p->cap_pins, s->n_resources + 1,
		       sizeof(*p->pins));
	if (p->cap_pins > had)
		memset(p->pins + had, 0, (p->cap_pins - had) * sizeof(*p->pins));
	l = &p->pins[r];
	for (i = 0; i < l->n; i++)
		if (strcmp(l->ids[i], constraint) == 0)
			return;
	l->ids = grow(l->ids, &l->cap, l->n + 1, sizeof(*l->ids));
	l->ids[l->n++] = snapshot_strdup(s, constraint);
	p->resources[r].pinned_by = l->ids;
	p->resources[r].n_pinned_by = l->n;
}

void
snapshot_set_state_since(struct snapshot *s, size_t r, uint64_t ms)
{
	s->priv->resources[r].state_since_ms = ms;
}

void
snapshot_set_minority(struct snapshot *s, bool minority)
{
	s->minority = minority;
}

void
snapshot_set_caps(struct snapshot *s, unsigned caps)
{
	s->caps = caps;
}

struct snapshot *
snapshot_ref(struct snapshot *s)
{
	if (s != NULL)
		atomic_fetch_add_explicit(&s->priv->refs, 1,
					  memory_order_relaxed);
	return s;
}

void
snapshot_unref(struct snapshot *s)
{
	struct snapshot_priv *p;
	struct arena_chunk *c, *next;
	size_t i;

	if (s == NULL)
		return;
	p = s->priv;
	if (atomic_fetch_sub_explicit(&p->refs, 1, memory_order_acq_rel) != 1)
		return;
	for (c = p->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(p->nodes);
	free(p->groups);
	free(p->group_reported);
	free(p->rank);
	for (i = 0; i < p->cap_pins; i++)
		free(p->pins[i].ids);
	free(p->pins);
	free(p->resources);
	free(p->node_refs);
	free(p->node_lists);
	free(p->members);
	free(p->transitions);
	strindex_free(p->node_ix);
	strindex_free(p->group_ix);
	strindex_free(p->res_ix);
	snapshot_unref(p->data);
	free(p);
	free(s);
}

struct snapshot *
snapshot_with_transitions(struct snapshot *s, const struct transition *t,
			  size_t n)
{
	struct snapshot *owner = s->priv->data != NULL ? s->priv->data : s;
	struct snapshot *d = xcalloc(1, sizeof(*d));

	/* The public fields point into the owner's storage, which the new
	 * snapshot keeps alive with its reference. */
	*d = *s;
	d->priv = xcalloc(1, sizeof(*d->priv));
	atomic_init(&d->priv->refs, 1);
	d->priv->finished = true;
	d->priv->packed = true;
	d->priv->data = snapshot_ref(owner);
	d->transitions = NULL;
	d->n_transitions = 0;
	snapshot_set_transitions(d, t, n);
	return d;
}

/* The indexes live with the data. */
static const struct snapshot_priv *
data_of(const struct snapshot *s)
{
	return s->priv->data != NULL ? s->priv->data->priv : s->priv;
}

long
snapshot_find_resource(const struct snapshot *s, const char *id)
{
	return strindex_find(data_of(s)->res_ix, id);
}

long
snapshot_find_instance(const struct snapshot *s, const char *id,
		       unsigned nth)
{
	const struct snapshot_priv *p = data_of(s);
	long i = strindex_find(p->res_ix, id);

	while (i >= 0 && nth-- > 0)
		i = strindex_next(p->res_ix, (size_t)i);
	return i;
}

long
snapshot_find_group(const struct snapshot *s, const char *id)
{
	return strindex_find(data_of(s)->group_ix, id);
}

long
snapshot_find_node(const struct snapshot *s, const char *name)
{
	return strindex_find(data_of(s)->node_ix, name);
}

const struct transition *
snapshot_transition_for(const struct snapshot *s, int target_kind,
			const char *target)
{
	const struct transition *best = NULL;
	size_t i;

	/* Newest wins: transitions are kept in the order they started. */
	for (i = 0; i < s->n_transitions; i++)
		if (s->transitions[i].target_kind == target_kind &&
		    strcmp(s->transitions[i].target, target) == 0)
			best = &s->transitions[i];
	return best;
}

bool
res_state_is_pending(enum res_state s)
{
	return s == RES_PENDING || s == RES_ONLINE_PENDING ||
	       s == RES_OFFLINE_PENDING || s == RES_INITIALIZING;
}

enum group_state
group_state_derive(const enum res_state *members, size_t n)
{
	size_t i, online = 0, offline = 0, unknown = 0;

	for (i = 0; i < n; i++)
		if (members[i] == RES_FAILED)
			return GROUP_FAILED;
	for (i = 0; i < n; i++)
		if (res_state_is_pending(members[i]))
			return GROUP_PENDING;
	for (i = 0; i < n; i++) {
		if (members[i] == RES_ONLINE)
			online++;
		else if (members[i] == RES_OFFLINE)
			offline++;
		else
			unknown++;
	}
	if (n == 0)
		return GROUP_OFFLINE;
	if (unknown == n)
		return GROUP_UNKNOWN;
	if (online == n)
		return GROUP_ONLINE;
	if (offline == n)
		return GROUP_OFFLINE;
	return GROUP_PARTIAL_ONLINE;
}

const char *
res_state_word(enum res_state s)
{
	switch (s) {
	case RES_ONLINE: return "online";
	case RES_OFFLINE: return "offline";
	case RES_FAILED: return "failed";
	case RES_ONLINE_PENDING: return "online_pending";
	case RES_OFFLINE_PENDING: return "offline_pending";
	case RES_PENDING: return "pending";
	case RES_INITIALIZING: return "initializing";
	case RES_INHERITED:
	case RES_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *
res_state_label(enum res_state s)
{
	switch (s) {
	case RES_ONLINE: return "ONLINE";
	case RES_OFFLINE: return "OFFLINE";
	case RES_FAILED: return "FAILED";
	case RES_ONLINE_PENDING: return "ONLINE PENDING";
	case RES_OFFLINE_PENDING: return "OFFLINE PENDING";
	case RES_PENDING: return "PENDING";
	case RES_INITIALIZING: return "INITIALIZING";
	case RES_INHERITED:
	case RES_UNKNOWN:
		break;
	}
	return "UNKNOWN";
}

const char *
group_state_word(enum group_state s)
{
	switch (s) {
	case GROUP_ONLINE: return "online";
	case GROUP_OFFLINE: return "offline";
	case GROUP_FAILED: return "failed";
	case GROUP_PARTIAL_ONLINE: return "partial_online";
	case GROUP_PENDING: return "pending";
	case GROUP_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *
group_state_label(enum group_state s)
{
	switch (s) {
	case GROUP_ONLINE: return "ONLINE";
	case GROUP_OFFLINE: return "OFFLINE";
	case GROUP_FAILED: return "FAILED";
	case GROUP_PARTIAL_ONLINE: return "PARTIAL ONLINE";
	case GROUP_PENDING: return "PENDING";
	case GROUP_UNKNOWN:
		break;
	}
	return "UNKNOWN";
}

const char *
node_state_word(enum node_state s)
{
	switch (s) {
	case NODE_UP: return "up";
	case NODE_DOWN: return "down";
	case NODE_PAUSED: return "paused";
	case NODE_JOINING: return "joining";
	case NODE_UNKNOWN:
		break;
	}
	return "unknown";
}

const char *
node_state_label(enum node_state s)
{
	switch (s) {
	case NODE_UP: return "UP";
	case NODE_DOWN: return "DOWN";
	case NODE_PAUSED: return "PAUSED";
	case NODE_JOINING: return "JOINING";
	case NODE_UNKNOWN:
		break;
	}
	return "UNKNOWN";
}

/* A drain's words, by enum node_drain: for JSON, and for the screen. */
static const struct {
	const char *word, *label;
} drain_words[] = {
	[NODE_DRAIN_NONE] = { "none", "" },
	[NODE_DRAIN_IN_PROGRESS] = { "draining", "draining" },
	[NODE_DRAIN_DONE] = { "drained", "drained" },
	[NODE_DRAIN_FAILED] = { "drain_failed", "drain failed" },
};

/* d, or NONE for a number outside the enum. */
static size_t
drain_index(enum node_drain d)
{
	return (size_t)d < sizeof(drain_words) / sizeof(drain_words[0])
	       ? (size_t)d : NODE_DRAIN_NONE;
}

const char *
node_drain_word(enum node_drain d)
{
	return drain_words[drain_index(d)].word;
}

const char *
node_drain_label(enum node_drain d)
{
	return drain_words[drain_index(d)].label;
}

const char *
node_label(const struct model_node *n, char *buf, size_t sz)
{
	if (n->drain == NODE_DRAIN_NONE)
		snprintf(buf, sz, "%s", node_state_label(n->state));
	else
		snprintf(buf, sz, "%s %s", node_state_label(n->state),
			 node_drain_label(n->drain));
	return buf;
}

const char *
failcount_text(unsigned n, char *buf, size_t sz)
{
	if (n >= MODEL_FAILCOUNT_INFINITY)
		snprintf(buf, sz, "INFINITY");
	else
		snprintf(buf, sz, "%u", n);
	return buf;
}

const char *
group_kind_word(enum group_kind k)
{
	switch (k) {
	case GROUP_KIND_GROUP: return "group";
	case GROUP_KIND_CLONE: return "clone";
	case GROUP_KIND_BUNDLE: return "bundle";
	}
	return "group";
}
