/* One line per cluster; see health.h. */
#include <stdio.h>
#include <string.h>

#include "backend/util/glyph.h"
#include "views/health.h"
#include "views/rows.h"

/* As meant: online, or off and meant to be off. A resource pending or
 * failed, off without being stopped on purpose, or in a state not known
 * is not. */
static bool
as_meant(const struct model_resource *r)
{
	if (r->state == RES_ONLINE)
		return !(r->flags & RES_F_BLOCKED);
	if (r->state == RES_OFFLINE)
		return (r->flags & RES_F_DISABLED) != 0;
	return false;
}

static enum health_reach
reach_of(const struct cluster_status *st, const struct snapshot *snap)
{
	bool have = snap != NULL || (st != NULL && st->have_data);
	bool failing = st != NULL && st->error[0] != '\0';

	if (!have)
		return failing ? REACH_NEVER : REACH_CONNECTING;
	if (st == NULL || !st->stale)
		return REACH_FRESH;
	return failing ? REACH_UNREACHABLE : REACH_STALE;
}

/* What of a summary comes from its snapshot alone. */
static void
snapshot_part(const struct snapshot *s, struct health_summary *out)
{
	const struct model_resource *r;
	size_t i;

	rows_summarize(s, &out->m);
	if (s == NULL)
		return;
	out->have_snap = true;
	out->minority = s->minority;
	out->no_quorum = !s->minority && !s->quorum;
	out->maintenance = s->maintenance_mode;
	out->stop_all = s->stop_all;
	for (i = 0; i < s->n_nodes; i++)
		if (out->first_unclean[0] == '\0' &&
		    (s->nodes[i].flags & NODE_F_UNCLEAN) &&
		    s->nodes[i].name != NULL)
			snprintf(out->first_unclean, sizeof out->first_unclean,
			    "%s", s->nodes[i].name);
	for (i = 0; i < s->n_resources; i++) {
		r = &s->resources[i];
		if (!as_meant(r))
			out->not_meant++;
		if (out->first_failed[0] == '\0' && r->id != NULL &&
		    (r->state == RES_FAILED || (r->flags & RES_F_BLOCKED)))
			snprintf(out->first_failed, sizeof out->first_failed,
			    "%s", r->id);
	}
}

static void
snapshot_part_copy(const struct health_summary *from,
		   struct health_summary *out)
{
	out->m = from->m;
	out->have_snap = from->have_snap;
	out->minority = from->minority;
	out->no_quorum = from->no_quorum;
	out->maintenance = from->maintenance;
	out->stop_all = from->stop_all;
	out->not_meant = from->not_meant;
	memcpy(out->first_failed, from->first_failed, sizeof out->first_failed);
	memcpy(out->first_unclean, from->first_unclean,
	    sizeof out->first_unclean);
}

void
health_summarize(const struct health_input *in, struct health_summary *out)
{
	const struct snapshot *s = in->snap;
	const struct cluster_status *st = in->st;
	struct health_summary kept;
	bool same = in->before != NULL && s != NULL && in->snap_gen != 0 &&
	    in->before->from_gen == in->snap_gen;

	if (same)
		kept = *in->before;
	memset(out, 0, sizeof *out);
	snprintf(out->name, sizeof out->name, "%s", in->name != NULL ?
	    in->name : "");
	out->readonly = in->readonly;
	out->reach = reach_of(st, s);
	if (st != NULL && st->last_ok_ms != 0 && in->now_ms >= st->last_ok_ms)
		/* By the data's own time where it has one (an --input
		 * file's last_update). */
		out->age_ms = in->now_ms - st->last_ok_ms + st->data_age_ms;
	if (st != NULL && st->source[0] != '\0')
		snprintf(out->node, sizeof out->node, "%s", st->source);
	else if (s != NULL && s->source != NULL)
		snprintf(out->node, sizeof out->node, "%s", s->source);
	if (same)
		snapshot_part_copy(&kept, out);
	else
		snapshot_part(s, out);
	out->from_gen = s != NULL ? in->snap_gen : 0;
	if (out->m.failed > 0)
		out->why |= HEALTH_WHY_FAILED;
	/* A node to be fenced: what it ran is in doubt until it is. */
	if (out->m.nodes_unclean > 0)
		out->why |= HEALTH_WHY_UNCLEAN;
	if (out->no_quorum || out->minority)
		out->why |= HEALTH_WHY_QUORUM;
	if (out->reach == REACH_UNREACHABLE || out->reach == REACH_NEVER)
		out->why |= HEALTH_WHY_UNREACHABLE;
	if (out->why != 0)
		out->health = HEALTH_BAD;
	else if (out->m.pending > 0 || out->reach == REACH_STALE)
		out->health = HEALTH_PENDING;
	else if (out->reach == REACH_CONNECTING)
		out->health = HEALTH_UNKNOWN;
	else
		out->health = HEALTH_OK;
}

const char *
health_mark(enum health h)
{
	switch (h) {
	case HEALTH_OK:
		return glyph(GLYPH_HEALTH_OK);
	case HEALTH_PENDING:
		return "~";
	case HEALTH_BAD:
		return glyph(GLYPH_HEALTH_BAD);
	default:
		return "?";
	}
}

enum tone
health_tone(enum health h)
{
	switch (h) {
	case HEALTH_OK:
		return TONE_ONLINE;
	case HEALTH_PENDING:
		return TONE_PENDING;
	case HEALTH_BAD:
		return TONE_FAILED;
	default:
		return TONE_UNKNOWN;
	}
}

void
health_reach_text(const struct health_summary *s, char *buf, size_t sz)
{
	char el[16];

	if (s->age_ms > 0)
		rows_elapsed(s->age_ms, el, sizeof el);
	else
		snprintf(el, sizeof el, "?");
	switch (s->reach) {
	case REACH_FRESH:
		snprintf(buf, sz, "%s", s->age_ms > 0 ? el : "0s");
		break;
	case REACH_CONNECTING:
		snprintf(buf, sz, "connecting");
		break;
	case REACH_STALE:
		snprintf(buf, sz, "stale %s", el);
		break;
	case REACH_UNREACHABLE:
		snprintf(buf, sz, "unreachable %s", el);
		break;
	case REACH_NEVER:
		snprintf(buf, sz, "never reached");
		break;
	}
}

const char *
health_quorum_text(const struct health_summary *s)
{
	if (!s->have_snap)
		return "";
	if (s->minority)
		return "minority view";
	return s->no_quorum ? "NO QUORUM" : "ok";
}

bool
health_news(struct health_watch *w, const struct health_summary *s,
	    char *msg, size_t sz)
{
	unsigned fresh = s->why & ~w->why;
	bool more_failed = s->m.failed > w->failed;

	/* Before the first data nothing is known, so nothing got worse:
	 * a cluster that is still connecting is not remembered as fine. */
	if (s->reach == REACH_CONNECTING)
		return false;
	w->seen = true;
	w->why = s->why;
	w->failed = s->m.failed;
	if (fresh & HEALTH_WHY_UNREACHABLE) {
		snprintf(msg, sz, "%s: %s", s->name, s->reach == REACH_NEVER ?
		    "never reached" : "unreachable");
		return true;
	}
	if (fresh & HEALTH_WHY_QUORUM) {
		snprintf(msg, sz, "%s: %s", s->name, s->minority ?
		    "minority view (no quorum)" : "no quorum");
		return true;
	}
	if (fresh & HEALTH_WHY_UNCLEAN) {
		if (s->m.nodes_unclean > 1)
			snprintf(msg, sz, "%s: %u nodes unclean (%s)", s->name,
			    s->m.nodes_unclean, s->first_unclean);
		else
			snprintf(msg, sz, "%s: %s unclean", s->name,
			    s->first_unclean);
		return true;
	}
	if (more_failed) {
		if (s->first_failed[0] != '\0')
			snprintf(msg, sz, "%s: %u failed (%s)", s->name,
			    s->m.failed, s->first_failed);
		else
			snprintf(msg, sz, "%s: %u failed", s->name,
			    s->m.failed);
		return true;
	}
	return false;
}
