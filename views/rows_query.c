/* Model queries behind the rows; see rows_query.h. */
#include <string.h>

#include "backend/core/action.h"
#include "backend/core/flags.h"
#include "views/rows_query.h"

bool
rows_valid(const struct snapshot *s, const struct row *r)
{
	if (s == NULL)
		return false;
	switch (r->kind) {
	case ROW_GROUP:
		return r->index < s->n_groups;
	case ROW_RESOURCE:
		return r->index < s->n_resources;
	case ROW_NODE:
		return r->index < s->n_nodes;
	default:
		return true;
	}
}


static size_t
add_unique(const char **out, size_t n, size_t max, const char *name)
{
	size_t i;

	if (name == NULL)
		return n;
	for (i = 0; i < n; i++)
		if (strcmp(out[i], name) == 0)
			return n;
	if (n < max)
		out[n++] = name;
	return n;
}

size_t
rows_owners(const struct snapshot *s, const struct row *r, const char **out,
	    size_t max)
{
	const struct model_resource *res;
	const struct model_group *grp;
	size_t n = 0, m, k;

	if (s == NULL || !rows_valid(s, r))
		return 0;
	if (r->kind == ROW_RESOURCE) {
		res = &s->resources[r->index];
		for (k = 0; k < res->n_nodes; k++)
			n = add_unique(out, n, max, res->nodes[k]);
	} else if (r->kind == ROW_GROUP) {
		grp = &s->groups[r->index];
		for (m = 0; m < grp->n_members; m++) {
			if (grp->members[m] >= s->n_resources)
				continue;
			res = &s->resources[grp->members[m]];
			for (k = 0; k < res->n_nodes; k++)
				n = add_unique(out, n, max, res->nodes[k]);
		}
	}
	return n;
}

const struct transition *
rows_transition(const struct snapshot *s, const struct row *r)
{
	const char *id;
	int kind;

	if (s == NULL || !rows_valid(s, r))
		return NULL;
	switch (r->kind) {
	case ROW_GROUP:
		id = s->groups[r->index].id;
		kind = TARGET_GROUP;
		break;
	case ROW_RESOURCE:
		id = s->resources[r->index].id;
		kind = TARGET_RESOURCE;
		break;
	case ROW_NODE:
		id = s->nodes[r->index].name;
		kind = TARGET_NODE;
		break;
	default:
		return NULL;
	}
	if (id == NULL)
		return NULL;
	return snapshot_transition_for(s, kind, id);
}

uint64_t
rows_pending_since(const struct snapshot *s, const struct row *r)
{
	const struct transition *t = rows_transition(s, r);
	const struct model_resource *res;
	const struct model_group *grp;
	uint64_t since = 0;
	size_t m;

	if (!rows_valid(s, r))
		return 0;
	if (t != NULL && t->status == TR_PENDING && t->start_ms != 0)
		return t->start_ms;
	switch (r->kind) {
	case ROW_RESOURCE:
		res = &s->resources[r->index];
		if (res_state_is_pending(res->state))
			return res->state_since_ms ? res->state_since_ms : 1;
		return 0;
	case ROW_GROUP:
		grp = &s->groups[r->index];
		for (m = 0; m < grp->n_members; m++) {
			if (grp->members[m] >= s->n_resources)
				continue;
			res = &s->resources[grp->members[m]];
			if (!res_state_is_pending(res->state))
				continue;
			if (since == 0 || (res->state_since_ms != 0 &&
			    res->state_since_ms < since))
				since = res->state_since_ms ?
				    res->state_since_ms : 1;
		}
		if (since == 0 && grp->state == GROUP_PENDING)
			since = 1;
		return since;
	case ROW_NODE:
		/* Draining without a request of ours: start unknown. */
		return s->nodes[r->index].drain == NODE_DRAIN_IN_PROGRESS;
	default:
		return 0;
	}
}

bool
rows_any_pending(const struct snapshot *s)
{
	size_t i;

	if (s == NULL)
		return false;
	for (i = 0; i < s->n_resources; i++)
		if (res_state_is_pending(s->resources[i].state))
			return true;
	for (i = 0; i < s->n_groups; i++)
		if (s->groups[i].state == GROUP_PENDING)
			return true;
	for (i = 0; i < s->n_nodes; i++)
		if (s->nodes[i].drain == NODE_DRAIN_IN_PROGRESS)
			return true;
	for (i = 0; i < s->n_transitions; i++)
		if (s->transitions[i].status == TR_PENDING)
			return true;
	return false;
}

void
rows_summarize(const struct snapshot *s, struct rows_summary *out)
{
	const struct model_resource *res;
	size_t i;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return;
	out->nodes = (unsigned)s->n_nodes;
	if (s->nodes_configured > out->nodes)
		out->nodes = s->nodes_configured;
	for (i = 0; i < s->n_nodes; i++) {
		/* An unclean node that runs is to be fenced: not one of
		 * the nodes up (crm_mon's "Online:" leaves it out too). */
		if (s->nodes[i].flags & NODE_F_UNCLEAN)
			out->nodes_unclean++;
		else if (s->nodes[i].state == NODE_UP)
			out->nodes_up++;
	}
	out->resources = (unsigned)s->n_resources;
	for (i = 0; i < s->n_resources; i++) {
		res = &s->resources[i];
		if (res->state == RES_ONLINE)
			out->resources_online++;
		if (res->state == RES_FAILED || (res->flags & RES_F_BLOCKED))
			out->failed++;
		if (res_state_is_pending(res->state))
			out->pending++;
	}
}

/* ---- what an operator need not look at --------------------------------- */

/* Flags that say a resource is held away from what it is meant to do. */
#define RES_F_NOT_AS_MEANT (RES_F_BLOCKED | RES_F_UNMANAGED | \
	RES_F_MAINTENANCE | RES_F_PINNED | RES_F_ORPHANED)

static bool
request_went_wrong(const struct transition *t)
{
	return t != NULL && (t->status == TR_FAILED ||
	    t->status == TR_TIMED_OUT);
}

static bool
res_as_meant(const struct snapshot *s, size_t idx)
{
	const struct model_resource *res = &s->resources[idx];
	const struct row r = { .kind = ROW_RESOURCE, .index = idx };

	if (request_went_wrong(rows_transition(s, &r)))
		return false;
	if (res->flags & RES_F_NOT_AS_MEANT)
		return false;
	/* A resource's RES_F_DISABLED is its own target role or its
	 * container's: meant_stopped and meant_running of action.c. */
	switch (res->state) {
	case RES_ONLINE:
		return !(res->flags & RES_F_DISABLED);
	case RES_OFFLINE:
		return (res->flags & RES_F_DISABLED) != 0;
	default:
		return false;
	}
}

bool
rows_as_meant(const struct snapshot *s, const struct row *r)
{
	const struct model_group *g;
	const struct model_node *n;
	size_t m;

	if (r->kind == ROW_HEADING)
		return true;
	if (!rows_valid(s, r) || r->kind == ROW_EVENT)
		return false;
	switch (r->kind) {
	case ROW_RESOURCE:
		return res_as_meant(s, r->index);
	case ROW_GROUP:
		g = &s->groups[r->index];
		if (request_went_wrong(rows_transition(s, r)) ||
		    (g->flags & RES_F_NOT_AS_MEANT))
			return false;
		for (m = 0; m < g->n_members; m++)
			if (g->members[m] < s->n_resources &&
			    !res_as_meant(s, g->members[m]))
				return false;
		return true;
	case ROW_NODE:
		n = &s->nodes[r->index];
		return !request_went_wrong(rows_transition(s, r)) &&
		    n->state == NODE_UP && n->drain == NODE_DRAIN_NONE &&
		    !(n->flags & (NODE_F_UNCLEAN | NODE_F_MAINTENANCE));
	default:
		return true;
	}
}

/* ---- the words of a filter --------------------------------------------- */

static void
word(char *buf, size_t sz, size_t *len, const char *w)
{
	size_t n;

	if (w == NULL || w[0] == '\0' || *len + 2 >= sz)
		return;
	if (*len > 0)
		buf[(*len)++] = ROWS_WORD_SEP;
	n = strlen(w);
	if (n > sz - 1 - *len)
		n = sz - 1 - *len;
	memcpy(buf + *len, w, n);
	*len += n;
	buf[*len] = '\0';
}

static void
flag_words(char *buf, size_t sz, size_t *len, const struct flag_word *t,
	   size_t n, unsigned flags)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!(flags & t[i].bit))
			continue;
		word(buf, sz, len, t[i].word);
		if (strcmp(t[i].word, t[i].brief) != 0)
			word(buf, sz, len, t[i].brief);
	}
}

static void
request_words(char *buf, size_t sz, size_t *len, const struct transition *t)
{
	if (t == NULL)
		return;
	if (t->status == TR_TIMED_OUT)
		word(buf, sz, len, "timed out");
	else if (t->status == TR_FAILED)
		word(buf, sz, len, "request failed");
}

void
rows_words(const struct rows_ctx *c, size_t i, char *buf, size_t sz)
{
	const struct row *r = rows_at(c, i);
	const struct snapshot *s = c->snap;
	const struct model_resource *res;
	const struct model_group *g;
	const struct model_node *n;
	const char *owners[64];
	char tmp[256];
	size_t len = 0, k, no;
	enum col_id evcols[] = { COL_SEVERITY, COL_EVKIND, COL_TEXT };

	if (sz == 0)
		return;
	buf[0] = '\0';
	if (r == NULL)
		return;
	if (r->kind == ROW_EVENT) {
		for (k = 0; k < sizeof evcols / sizeof evcols[0]; k++) {
			rows_text(c, i, evcols[k], tmp, sizeof tmp);
			word(buf, sz, &len, tmp);
		}
		goto lower;
	}
	if (r->kind == ROW_HEADING || !rows_valid(s, r))
		return;
	switch (r->kind) {
	case ROW_RESOURCE:
		res = &s->resources[r->index];
		word(buf, sz, &len, res->id);
		word(buf, sz, &len, res->group);
		for (k = 0; k < res->n_nodes; k++)
			word(buf, sz, &len, res->nodes[k]);
		word(buf, sz, &len, res->agent);
		word(buf, sz, &len, res_state_label(res->state));
		word(buf, sz, &len, res->role);
		flag_words(buf, sz, &len, res_flag_words, n_res_flag_words,
		    res->flags);
		break;
	case ROW_GROUP:
		g = &s->groups[r->index];
		word(buf, sz, &len, g->id);
		word(buf, sz, &len, group_kind_word(g->kind));
		word(buf, sz, &len, group_state_label(g->state));
		flag_words(buf, sz, &len, res_flag_words, n_res_flag_words,
		    g->flags);
		no = rows_owners(s, r, owners, sizeof owners / sizeof owners[0]);
		for (k = 0; k < no; k++)
			word(buf, sz, &len, owners[k]);
		break;
	case ROW_NODE:
		n = &s->nodes[r->index];
		word(buf, sz, &len, n->name);
		word(buf, sz, &len, node_label(n, tmp, sizeof tmp));
		flag_words(buf, sz, &len, node_flag_words, n_node_flag_words,
		    n->flags);
		break;
	default:
		break;
	}
	request_words(buf, sz, &len, rows_transition(s, r));
lower:
	for (k = 0; k < len; k++)
		if (buf[k] >= 'A' && buf[k] <= 'Z')
			buf[k] = (char)(buf[k] - 'A' + 'a');
}
