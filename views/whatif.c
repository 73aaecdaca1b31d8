#include "views/whatif.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Whether the request names id: the resource itself (each instance of a
 * clone shares it), or a member of the group it names. A node's request
 * (pause) is about whatever runs there: nothing of it is "also". */
static bool
named(const struct snapshot *s, const struct action *a, const char *id)
{
	long g;
	size_t m;

	if (a->target_kind == TARGET_NODE)
		return true;
	if (strcmp(a->target, id) == 0)
		return true;
	if (s == NULL || a->target_kind != TARGET_GROUP ||
	    (g = snapshot_find_group(s, a->target)) < 0)
		return false;
	for (m = 0; m < s->groups[g].n_members; m++)
		if (strcmp(s->resources[s->groups[g].members[m]].id, id) == 0)
			return true;
	return false;
}

static const char *
verb(enum preview_change c)
{
	switch (c) {
	case PREVIEW_STOP: return "stops";
	case PREVIEW_START: return "starts";
	case PREVIEW_MOVE: return "moves";
	case PREVIEW_RESTART: return "restarts";
	case PREVIEW_PROMOTE: return "promotes";
	case PREVIEW_DEMOTE: return "demotes";
	case PREVIEW_COUNT: break;
	}
	return "changes";
}

static bool
same(const char *x, const char *y)
{
	return (x == NULL && y == NULL) ||
	       (x != NULL && y != NULL && strcmp(x, y) == 0);
}

/* One line: every item of change c, named or not, from and to nodes as
 * items[first]'s; marks them done. */
static void
one_line(const struct preview *p, size_t first, bool own, bool *done,
	 const struct snapshot *s, const struct action *a, char *line)
{
	const struct preview_item *f = &p->items[first];
	size_t i, len, more = 0;
	int n;

	if (f->change == PREVIEW_MOVE)
		n = snprintf(line, WHATIF_LINE, "%s%s from %s to %s: ",
			     own ? "" : "also ", verb(f->change),
			     f->from ? f->from : "?", f->to ? f->to : "?");
	else
		n = snprintf(line, WHATIF_LINE, "%s%s on %s: ",
			     own ? "" : "also ", verb(f->change),
			     f->to ? f->to : f->from ? f->from : "?");
	len = n > 0 && (size_t)n < WHATIF_LINE ? (size_t)n : 0;
	for (i = first; i < p->n; i++) {
		const struct preview_item *it = &p->items[i];
		size_t need;

		if (done[i] || it->change != f->change ||
		    named(s, a, it->id) != own || !same(it->from, f->from) ||
		    !same(it->to, f->to))
			continue;
		done[i] = true;
		need = strlen(it->id) + 2;
		/* Room kept for ", and 9999 more". */
		if (more > 0 || len + need + 16 >= WHATIF_LINE) {
			more++;
			continue;
		}
		len += (size_t)snprintf(line + len, WHATIF_LINE - len, "%s%s",
					i == first ? "" : ", ", it->id);
	}
	if (more > 0)
		snprintf(line + len, WHATIF_LINE - len, ", and %zu more", more);
}

size_t
whatif_lines(const struct preview *p, const struct snapshot *s,
	     const struct action *a, char (*out)[WHATIF_LINE], size_t max)
{
	bool done[4096];
	size_t n = 0, first, limit = p->n < 4096 ? p->n : 4096;
	int own, c;

	if (max == 0)
		return 0;
	if (p->n == 0) {
		snprintf(out[0], WHATIF_LINE, "nothing changes");
		return 1;
	}
	memset(done, 0, sizeof(done));
	/* Named first, then what is pulled in; within each, by change. */
	for (own = 1; own >= 0; own--) {
		for (c = 0; c < PREVIEW_COUNT; c++) {
			for (first = 0; first < limit; first++) {
				if (done[first] ||
				    p->items[first].change != (enum preview_change)c ||
				    named(s, a, p->items[first].id) != own)
					continue;
				if (n == max) {
					snprintf(out[max - 1], WHATIF_LINE,
						 "and more (%zu changes in "
						 "all)", p->n);
					return n;
				}
				one_line(p, first, own, done, s, a, out[n++]);
			}
		}
	}
	if (p->n > limit && n < max)
		snprintf(out[n++], WHATIF_LINE, "and %zu more changes",
			 p->n - limit);
	return n;
}
