/* Cell texts and tones of display rows; see rows.h. Pure: everything
 * here is a function of the snapshot, the event history and the clock
 * passed in. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "backend/core/action.h"
#include "backend/core/flags.h"
#include "backend/util/glyph.h"
#include "views/rows.h"
#include "views/rows_query.h"

/* Spinner frames: ASCII, so it works on every terminal and font. */
static const char spinner[] = "|/-\\";
#define SPIN_FRAME_MS 250

/* Enough distinct nodes for any one group's row; more are cut. */
#define OWNERS_MAX 32

/* ---- small text helpers ----------------------------------------------- */

/* Appends src to buf (size sz); cuts rather than overflows. */
static void
append(char *buf, size_t sz, const char *src)
{
	size_t len = strlen(buf);

	if (len + 1 >= sz)
		return;
	snprintf(buf + len, sz - len, "%s", src);
}

static void
append_word(char *buf, size_t sz, const char *word)
{
	if (buf[0] != '\0')
		append(buf, sz, " ");
	append(buf, sz, word);
}

static void
join(char *buf, size_t sz, const char *const *v, size_t n)
{
	size_t i;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			append(buf, sz, ",");
		append(buf, sz, v[i] != NULL ? v[i] : "?");
	}
}

void
rows_elapsed(uint64_t ms, char *buf, size_t sz)
{
	uint64_t sec = ms / 1000;

	if (sec < 100)
		snprintf(buf, sz, "%us", (unsigned)sec);
	else if (sec < 100 * 60)
		snprintf(buf, sz, "%um", (unsigned)(sec / 60));
	else
		snprintf(buf, sz, "%uh", (unsigned)(sec / 3600));
}

static enum tone
res_tone(const struct model_resource *res)
{
	if (res->flags & RES_F_BLOCKED)
		return TONE_FAILED;
	switch (res->state) {
	case RES_ONLINE:
		return TONE_ONLINE;
	case RES_OFFLINE:
		return TONE_OFFLINE;
	case RES_FAILED:
		return TONE_FAILED;
	case RES_PENDING:
	case RES_ONLINE_PENDING:
	case RES_OFFLINE_PENDING:
	case RES_INITIALIZING:
		return TONE_PENDING;
	case RES_UNKNOWN:
		return TONE_UNKNOWN;
	default:
		return TONE_NORMAL;
	}
}

static enum tone
group_tone(const struct model_group *g)
{
	switch (g->state) {
	case GROUP_ONLINE:
		return TONE_ONLINE;
	case GROUP_OFFLINE:
		return TONE_OFFLINE;
	case GROUP_FAILED:
		return TONE_FAILED;
	case GROUP_PARTIAL_ONLINE:
		return TONE_WARN;
	case GROUP_PENDING:
		return TONE_PENDING;
	default:
		return TONE_UNKNOWN;
	}
}

static enum tone
node_tone(const struct model_node *n)
{
	if (n->flags & NODE_F_UNCLEAN)
		return TONE_FAILED;
	switch (n->state) {
	case NODE_UP:
		return (n->flags & NODE_F_MAINTENANCE) ?
		    TONE_PAUSED : TONE_ONLINE;
	case NODE_DOWN:
		return TONE_OFFLINE;
	case NODE_PAUSED:
		/* A failed drain left what it runs behind: the operator
		 * must act. One in progress is a pending state. */
		if (n->drain == NODE_DRAIN_FAILED)
			return TONE_FAILED;
		if (n->drain == NODE_DRAIN_IN_PROGRESS)
			return TONE_PENDING;
		return TONE_PAUSED;
	case NODE_JOINING:
		return TONE_PENDING;
	default:
		return TONE_UNKNOWN;
	}
}

/* A node's state and its drain. A pause is a pending transition with
 * every driver: while it is, and something still runs there, the count
 * says how far the drain has got ("PAUSED draining (3 left)"), whether
 * or not the cluster reports a drain of its own. */
static const char *
node_state(const struct snapshot *s, const struct row *r, char *buf,
	   size_t sz)
{
	const struct model_node *n = &s->nodes[r->index];
	const struct transition *t = rows_transition(s, r);
	size_t left;

	if (t != NULL && t->status == TR_PENDING && t->action == ACT_PAUSE &&
	    n->state != NODE_DOWN && (left = action_node_left(s, n->name)) > 0) {
		snprintf(buf, sz, "%s %s (%zu left)",
		    node_state_label(n->state),
		    node_drain_label(NODE_DRAIN_IN_PROGRESS), left);
		return buf;
	}
	return node_label(n, buf, sz);
}

/* A node's label is made in buf (its drain beside its state). */
static const char *
state_label(const struct snapshot *s, const struct row *r, char *buf,
	    size_t sz)
{
	switch (r->kind) {
	case ROW_GROUP:
		return group_state_label(s->groups[r->index].state);
	case ROW_RESOURCE:
		return res_state_label(s->resources[r->index].state);
	case ROW_NODE:
		return node_state(s, r, buf, sz);
	default:
		return "";
	}
}

/* The flags a row's state cell marks: a resource's own; a group's own
 * and its members', so that a collapsed or summarized group still says
 * that something in it is blocked or unmanaged; a node's. */
static void
state_marks(const struct snapshot *s, const struct row *r, char *buf,
	    size_t sz)
{
	const struct model_group *g;
	unsigned flags;
	size_t m;

	buf[0] = '\0';
	switch (r->kind) {
	case ROW_GROUP:
		g = &s->groups[r->index];
		flags = g->flags;
		for (m = 0; m < g->n_members; m++)
			if (g->members[m] < s->n_resources)
				flags |= s->resources[g->members[m]].flags;
		flags_marks(buf, sz, res_flag_words, n_res_flag_words, flags);
		break;
	case ROW_RESOURCE:
		flags_marks(buf, sz, res_flag_words, n_res_flag_words,
		    s->resources[r->index].flags);
		break;
	case ROW_NODE:
		flags_marks(buf, sz, node_flag_words, n_node_flag_words,
		    s->nodes[r->index].flags);
		break;
	default:
		break;
	}
}

/* "OFFLINE PENDING dis / 3s" while in flight, else the label and its
 * markers ("FAILED !blk"). A pending cell is padded to
 * ROWS_STATE_PENDING_COLS: the column is measured when the rows are
 * built, and must not move while the clock in it grows; with nothing
 * pending it shrinks to its words. */
static void
state_text(const struct rows_ctx *c, const struct row *r, char *buf,
	   size_t sz)
{
	char lab[48], marks[64], word[112], el[16], tail[24];
	const char *label = state_label(c->snap, r, lab, sizeof(lab));
	const struct transition *t = rows_transition(c->snap, r);
	uint64_t since = rows_pending_since(c->snap, r);
	char spin;
	int pad;

	if (label == NULL)
		label = "?";
	state_marks(c->snap, r, marks, sizeof marks);
	snprintf(word, sizeof word, "%s%s%s", label, marks[0] ? " " : "",
	    marks);
	/* The operator's request outlived its deadline: said in words, not
	 * only in colour (the column grows for it while it shows). */
	if (t != NULL && t->status == TR_TIMED_OUT) {
		snprintf(buf, sz, "%s TIMED OUT", word);
		return;
	}
	if (since == 0) {
		snprintf(buf, sz, "%s", word);
		return;
	}
	/* since == 1 marks "pending, start unknown": spinner, no clock. */
	spin = spinner[(c->now_ms / SPIN_FRAME_MS) % 4];
	if (since == 1 || c->now_ms < since) {
		snprintf(tail, sizeof tail, "%c", spin);
	} else {
		rows_elapsed(c->now_ms - since, el, sizeof el);
		/* The clock in three columns ("9s ", "12s"): the cell
		 * keeps its width as it counts. */
		snprintf(tail, sizeof tail, "%c %-3s", spin, el);
	}
	/* The words are ASCII: their length is their width. */
	pad = ROWS_STATE_PENDING_COLS - (int)strlen(word) - 1;
	snprintf(buf, sz, "%s %-*s", word, pad > 0 ? pad : 0, tail);
}

static void
res_flags_text(const struct model_resource *res, char *buf, size_t sz)
{
	buf[0] = '\0';
	if (res->role != NULL && strcmp(res->role, "Started") != 0 &&
	    strcmp(res->role, "Stopped") != 0)
		append_word(buf, sz, res->role);
	flags_words(buf, sz, res_flag_words, n_res_flag_words, res->flags,
		    FLAGS_PLAIN, " ");
}

/* The DC has a column of its own. */
static void
node_flags_text(const struct model_node *n, char *buf, size_t sz)
{
	buf[0] = '\0';
	flags_words(buf, sz, node_flag_words, n_node_flag_words,
		    n->flags & ~NODE_F_DC, FLAGS_PLAIN, " ");
}

static const char *
severity_word(enum event_severity sev)
{
	switch (sev) {
	case SEV_OK:
		return "ok";
	case SEV_WARN:
		return "warn";
	case SEV_ERROR:
		return "error";
	default:
		return "info";
	}
}

static const char *
event_kind_word(enum event_kind k)
{
	switch (k) {
	case EV_ACTION:
		return "action";
	case EV_TRANSITION_DONE:
		return "done";
	case EV_TRANSITION_FAILED:
		return "failed";
	case EV_STATE:
		return "state";
	case EV_ERROR:
		return "error";
	default:
		return "info";
	}
}

enum tone
rows_severity_tone(enum event_severity sev)
{
	switch (sev) {
	case SEV_OK:
		return TONE_ONLINE;
	case SEV_WARN:
		return TONE_WARN;
	case SEV_ERROR:
		return TONE_FAILED;
	default:
		return TONE_NORMAL;
	}
}

/* ---- cells ------------------------------------------------------------ */

const char *
rows_fold_glyph(void)
{
	return glyph(GLYPH_FOLDED);
}

/* A folded group's name: "▸ web +3" (3 members folded away). */
static void
fold_text(char *buf, size_t sz, unsigned n)
{
	char name[ROW_KEY_MAX + 32], more[16];

	snprintf(name, sizeof name, "%s", buf);
	snprintf(more, sizeof more, " +%u", n);
	snprintf(buf, sz, "%s ", rows_fold_glyph());
	append(buf, sz, name);
	append(buf, sz, more);
}

static void
group_text(const struct rows_ctx *c, const struct row *r, enum col_id col,
	   char *buf, size_t sz)
{
	const struct model_group *g = &c->snap->groups[r->index];
	const char *owners[OWNERS_MAX];
	unsigned fails = 0;
	size_t m, n;

	switch (col) {
	case COL_TREE:
	case COL_NAME:
		if (g->kind == GROUP_KIND_GROUP)
			snprintf(buf, sz, "%s", g->id);
		else
			snprintf(buf, sz, "%s (%s)", g->id,
			    group_kind_word(g->kind));
		if (col == COL_TREE && r->folded)
			fold_text(buf, sz, r->n_folded);
		break;
	case COL_STATE:
		state_text(c, r, buf, sz);
		break;
	case COL_NODES:
		/* A clone runs everywhere: its instance rows name the nodes,
		 * and the count keeps the column narrow. */
		n = rows_owners(c->snap, r, owners, OWNERS_MAX);
		if (n > 1)
			snprintf(buf, sz, "%zu nodes", n);
		else
			join(buf, sz, owners, n);
		break;
	case COL_AGENT:
		snprintf(buf, sz, "%s%s of %zu",
		    (g->flags & RES_F_CORE) ? "core " : "",
		    group_kind_word(g->kind), g->n_members);
		break;
	case COL_FAILS:
		/* Summed as Pacemaker sums: INFINITY is the most there is. */
		for (m = 0; m < g->n_members; m++) {
			if (g->members[m] >= c->snap->n_resources)
				continue;
			fails += c->snap->resources[g->members[m]].failcount;
			if (fails > MODEL_FAILCOUNT_INFINITY)
				fails = MODEL_FAILCOUNT_INFINITY;
		}
		if (fails > 0)
			failcount_text(fails, buf, sz);
		break;
	default:
		break;
	}
}

static void
resource_text(const struct rows_ctx *c, const struct row *r,
	      enum col_id col, char *buf, size_t sz)
{
	const struct model_resource *res = &c->snap->resources[r->index];

	switch (col) {
	case COL_TREE:
		snprintf(buf, sz, "%s%s", r->depth == 0 ? "" :
		    glyph(r->last ? GLYPH_TREE_LAST : GLYPH_TREE_MID), res->id);
		break;
	case COL_NAME:
		snprintf(buf, sz, "%s", res->id);
		break;
	case COL_GROUP:
		snprintf(buf, sz, "%s", res->group != NULL ? res->group : "-");
		break;
	case COL_STATE:
		state_text(c, r, buf, sz);
		break;
	case COL_NODES:
		join(buf, sz, res->nodes, res->n_nodes);
		break;
	case COL_AGENT:
		snprintf(buf, sz, "%s", res->agent != NULL ? res->agent : "");
		break;
	case COL_FAILS:
		failcount_text(res->failcount, buf, sz);
		break;
	case COL_FLAGS:
		res_flags_text(res, buf, sz);
		break;
	default:
		break;
	}
}

static void
node_text(const struct rows_ctx *c, const struct row *r, enum col_id col,
	  char *buf, size_t sz)
{
	const struct model_node *n = &c->snap->nodes[r->index];

	switch (col) {
	case COL_NAME:
	case COL_TREE:
		snprintf(buf, sz, "%s", n->name);
		break;
	case COL_STATE:
		state_text(c, r, buf, sz);
		break;
	case COL_DC:
		snprintf(buf, sz, "%s", (n->flags & NODE_F_DC) ? "DC" : "");
		break;
	case COL_NODE_FLAGS:
		node_flags_text(n, buf, sz);
		break;
	case COL_RESCOUNT:
		snprintf(buf, sz, "%u", n->resource_count);
		break;
	default:
		break;
	}
}

static void
event_text(const struct rows_ctx *c, const struct row *r, enum col_id col,
	   char *buf, size_t sz)
{
	const struct event *e = evhist_get(c->events, r->index);
	struct tm tm;
	time_t t;

	if (e == NULL)
		return;
	switch (col) {
	case COL_TIME:
		t = (time_t)(e->wall_ms / 1000);
		if (localtime_r(&t, &tm) == NULL ||
		    strftime(buf, sz, "%H:%M:%S", &tm) == 0)
			snprintf(buf, sz, "--:--:--");
		break;
	case COL_SEVERITY:
		snprintf(buf, sz, "%s", severity_word(e->severity));
		break;
	case COL_EVKIND:
		snprintf(buf, sz, "%s", event_kind_word(e->kind));
		break;
	case COL_TEXT:
		snprintf(buf, sz, "%.*s", (int)sizeof e->text, e->text);
		break;
	default:
		break;
	}
}

void
rows_text(const struct rows_ctx *c, size_t i, enum col_id col, char *buf,
	  size_t sz)
{
	const struct row *r = rows_at(c, i);

	if (sz == 0)
		return;
	buf[0] = '\0';
	if (r == NULL)
		return;
	if (r->kind == ROW_EVENT) {
		event_text(c, r, col, buf, sz);
		return;
	}
	if (!rows_valid(c->snap, r))
		return;
	switch (r->kind) {
	case ROW_HEADING:
		if (col == COL_TREE || col == COL_NAME)
			snprintf(buf, sz, "(no group)");
		if (col == COL_TREE && r->folded)
			fold_text(buf, sz, r->n_folded);
		break;
	case ROW_GROUP:
		group_text(c, r, col, buf, sz);
		break;
	case ROW_RESOURCE:
		resource_text(c, r, col, buf, sz);
		break;
	case ROW_NODE:
		node_text(c, r, col, buf, sz);
		break;
	default:
		break;
	}
}

static enum tone
event_tone(const struct rows_ctx *c, const struct row *r, enum col_id col)
{
	const struct event *e = evhist_get(c->events, r->index);

	if (e == NULL)
		return TONE_NORMAL;
	if (col == COL_TIME || col == COL_ROW)
		return TONE_NORMAL;
	if (col == COL_EVKIND && e->kind == EV_TRANSITION_FAILED)
		return TONE_TR_FAILED;
	return rows_severity_tone(e->severity);
}

enum tone
rows_tone(const struct rows_ctx *c, size_t i, enum col_id col)
{
	const struct row *r = rows_at(c, i);
	const struct transition *t;
	const struct model_resource *res;
	const struct model_node *n;

	if (r == NULL)
		return TONE_NORMAL;
	if (r->kind == ROW_EVENT)
		return event_tone(c, r, col);
	if (r->kind == ROW_HEADING)
		return TONE_HEADING;
	if (!rows_valid(c->snap, r))
		return TONE_NORMAL;
	t = rows_transition(c->snap, r);
	if (t != NULL && (t->status == TR_FAILED || t->status == TR_TIMED_OUT))
		return TONE_TR_FAILED;
	switch (col) {
	case COL_ROW:
		return TONE_NORMAL;
	case COL_STATE:
		if (rows_pending_since(c->snap, r) != 0)
			return TONE_PENDING;
		if (r->kind == ROW_GROUP)
			return group_tone(&c->snap->groups[r->index]);
		if (r->kind == ROW_RESOURCE)
			return res_tone(&c->snap->resources[r->index]);
		return node_tone(&c->snap->nodes[r->index]);
	case COL_FAILS:
		if (r->kind == ROW_RESOURCE &&
		    c->snap->resources[r->index].failcount > 0)
			return TONE_FAILED;
		return r->kind == ROW_GROUP ? TONE_FAILED : TONE_NORMAL;
	case COL_FLAGS:
		if (r->kind != ROW_RESOURCE)
			return TONE_NORMAL;
		res = &c->snap->resources[r->index];
		if (res->flags & RES_F_BLOCKED)
			return TONE_FAILED;
		if (res->flags & (RES_F_UNMANAGED | RES_F_MAINTENANCE))
			return TONE_PAUSED;
		return TONE_NORMAL;
	case COL_NODE_FLAGS:
		if (r->kind != ROW_NODE)
			return TONE_NORMAL;
		n = &c->snap->nodes[r->index];
		if (n->flags & NODE_F_UNCLEAN)
			return TONE_FAILED;
		if (n->flags & (NODE_F_STANDBY | NODE_F_MAINTENANCE))
			return TONE_PAUSED;
		return TONE_NORMAL;
	case COL_TREE:
		return r->kind == ROW_GROUP ? TONE_HEADING : TONE_NORMAL;
	default:
		return TONE_NORMAL;
	}
}

