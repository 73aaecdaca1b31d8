/* Model queries behind the rows; see rows_query.h. */
#include <string.h>

#include "backend/core/action.h"
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
	for (i = 0; i < s->n_nodes; i++)
		if (s->nodes[i].state == NODE_UP)
			out->nodes_up++;
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
