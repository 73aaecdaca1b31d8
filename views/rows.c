/* Display rows: building them from a snapshot or the event history, and
 * their identity across snapshots; see rows.h. Cell texts and tones are
 * in rows_cells.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "views/rows.h"
#include "views/rows_query.h"

const struct row *
rows_at(const struct rows_ctx *c, size_t i)
{
	if (c->rows == NULL || i >= c->rows->n)
		return NULL;
	return &c->rows->v[i];
}

/* ---- building --------------------------------------------------------- */

static int
row_push(struct row_list *l, enum row_kind kind, size_t index,
	 unsigned depth, bool last)
{
	struct row *nv;
	size_t ncap;

	if (l->n == l->cap) {
		ncap = l->cap ? l->cap * 2 : 64;
		nv = realloc(l->v, ncap * sizeof *nv);
		if (nv == NULL)
			return -1;
		l->v = nv;
		l->cap = ncap;
	}
	l->v[l->n++] = (struct row){ .kind = kind, .index = index,
	    .depth = depth, .last = last };
	return 0;
}

/* Clone instances share an id: number them so each keeps its identity.
 * Instances live in one container (a clone or bundle), so only members of
 * containers are compared: linear in the resources for real clusters.
 * Returns -1 when out of memory. */
static int
number_instances(struct row_list *l, const struct snapshot *s)
{
	const struct model_group *g;
	unsigned *inst;
	size_t i, m, k;

	inst = calloc(s->n_resources ? s->n_resources : 1, sizeof *inst);
	if (inst == NULL)
		return -1;
	for (i = 0; i < s->n_groups; i++) {
		g = &s->groups[i];
		if (g->kind == GROUP_KIND_GROUP)
			continue;
		for (m = 0; m < g->n_members; m++) {
			if (g->members[m] >= s->n_resources)
				continue;
			for (k = 0; k < m; k++)
				if (g->members[k] < s->n_resources &&
				    strcmp(s->resources[g->members[k]].id,
				    s->resources[g->members[m]].id) == 0)
					inst[g->members[m]]++;
		}
	}
	for (i = 0; i < l->n; i++)
		if (l->v[i].kind == ROW_RESOURCE)
			l->v[i].instance = inst[l->v[i].index];
	free(inst);
	return 0;
}

static int
fail_empty(struct row_list *l)
{
	l->n = 0;
	return -1;
}

int
rows_groups(struct row_list *out, const struct snapshot *s)
{
	size_t g, m, r, loose = 0, seen = 0;

	out->n = 0;
	if (s == NULL)
		return 0;
	for (g = 0; g < s->n_groups; g++) {
		const struct model_group *grp = &s->groups[g];

		if (row_push(out, ROW_GROUP, g, 0, false) != 0)
			return fail_empty(out);
		for (m = 0; m < grp->n_members; m++) {
			if (grp->members[m] >= s->n_resources)
				continue;
			if (row_push(out, ROW_RESOURCE, grp->members[m], 1,
			    m + 1 == grp->n_members) != 0)
				return fail_empty(out);
		}
	}
	for (r = 0; r < s->n_resources; r++)
		if (s->resources[r].group == NULL)
			loose++;
	if (loose > 0) {
		if (row_push(out, ROW_HEADING, 0, 0, false) != 0)
			return fail_empty(out);
		for (r = 0; r < s->n_resources; r++) {
			if (s->resources[r].group != NULL)
				continue;
			seen++;
			if (row_push(out, ROW_RESOURCE, r, 1, seen == loose) != 0)
				return fail_empty(out);
		}
	}
	if (number_instances(out, s) != 0)
		return fail_empty(out);
	return 0;
}

int
rows_resources(struct row_list *out, const struct snapshot *s)
{
	size_t r;

	out->n = 0;
	if (s == NULL)
		return 0;
	for (r = 0; r < s->n_resources; r++)
		if (row_push(out, ROW_RESOURCE, r, 0, false) != 0)
			return fail_empty(out);
	if (number_instances(out, s) != 0)
		return fail_empty(out);
	return 0;
}

int
rows_nodes(struct row_list *out, const struct snapshot *s)
{
	size_t n;

	out->n = 0;
	if (s == NULL)
		return 0;
	for (n = 0; n < s->n_nodes; n++)
		if (row_push(out, ROW_NODE, n, 0, false) != 0)
			return fail_empty(out);
	return 0;
}

int
rows_events(struct row_list *out, const struct event_hist *h)
{
	size_t i;

	out->n = 0;
	if (h == NULL)
		return 0;
	for (i = 0; i < h->n; i++)
		if (row_push(out, ROW_EVENT, i, 0, false) != 0)
			return fail_empty(out);
	return 0;
}

void
rows_free(struct row_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* ---- identity --------------------------------------------------------- */

void
rows_key(const struct rows_ctx *c, size_t i, struct row_key *out)
{
	const struct row *r = rows_at(c, i);
	const struct event *e;
	const char *id = NULL;

	memset(out, 0, sizeof *out);
	if (r == NULL)
		return;
	out->kind = r->kind;
	out->instance = r->instance;
	switch (r->kind) {
	case ROW_HEADING:
		id = "(no group)";
		break;
	case ROW_GROUP:
		if (rows_valid(c->snap, r))
			id = c->snap->groups[r->index].id;
		break;
	case ROW_RESOURCE:
		if (rows_valid(c->snap, r))
			id = c->snap->resources[r->index].id;
		break;
	case ROW_NODE:
		if (rows_valid(c->snap, r))
			id = c->snap->nodes[r->index].name;
		break;
	case ROW_EVENT:
		e = evhist_get(c->events, r->index);
		if (e == NULL)
			return;
		out->seq = e->seq;
		out->valid = true;
		return;
	}
	if (id == NULL)
		return;
	snprintf(out->id, sizeof out->id, "%s", id);
	out->valid = true;
}

long
rows_find(const struct rows_ctx *c, const struct row_key *k)
{
	struct row_key rk;
	size_t i;

	if (!k->valid || c->rows == NULL)
		return -1;
	for (i = 0; i < c->rows->n; i++) {
		if (c->rows->v[i].kind != k->kind)
			continue;
		rows_key(c, i, &rk);
		if (!rk.valid || rk.instance != k->instance)
			continue;
		if (k->kind == ROW_EVENT ? rk.seq == k->seq :
		    strcmp(rk.id, k->id) == 0)
			return (long)i;
	}
	return -1;
}

