/* The monitoring plugin's verdict and its line; see check.h. */
#include "tui/check.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "backend/util/termtext.h"
#include "views/rows_query.h"

#define CHECK_NAMES 3           /* names shown of each kind */
#define CHECK_NAME_COLS 32      /* columns of one name at most */
#define CHECK_WHY_COLS 200      /* of an error said in the line */
/* The text before " | ": the rest of the line is the perfdata's. */
#define CHECK_TEXT_MAX (CHECK_LINE_MAX - 512)
#define CHECK_CUT "\xe2\x80\xa6"        /* "…": the text went on */
#define CHECK_REPLACEMENT "\xef\xbf\xbd" /* U+FFFD, as termtext's */

static const char *const cond_words[CHECK_COND_COUNT] = {
	[CHECK_COND_STANDBY] = "standby",
	[CHECK_COND_PINNED] = "pinned",
	[CHECK_COND_MAINTENANCE] = "maintenance",
};

const char *
check_cond_word(enum check_cond c)
{
	if ((unsigned)c >= CHECK_COND_COUNT)
		return "unknown";
	return cond_words[c];
}

const char *
check_status_word(enum check_status s)
{
	switch (s) {
	case CHECK_OK:
		return "OK";
	case CHECK_WARNING:
		return "WARNING";
	case CHECK_CRITICAL:
		return "CRITICAL";
	default:
		return "UNKNOWN";
	}
}

static enum check_status
level_of(enum conf_check_level l)
{
	switch (l) {
	case CONF_CHECK_OK:
		return CHECK_OK;
	case CONF_CHECK_CRITICAL:
		return CHECK_CRITICAL;
	default:
		return CHECK_WARNING;
	}
}

void
check_policy_from_conf(const struct conf *c, struct check_policy *p)
{
	double s = c->check_pending_s;

	memset(p, 0, sizeof *p);
	p->pending_ms = s > 0 ? (uint64_t)(s * 1000.0 + 0.5) : 0;
	p->level[CHECK_COND_STANDBY] = level_of(c->check_standby);
	p->level[CHECK_COND_PINNED] = level_of(c->check_pinned);
	p->level[CHECK_COND_MAINTENANCE] = level_of(c->check_maintenance);
}

int
check_parse_warn_on(const char *list, unsigned *bits, const char **bad,
		    size_t *bad_len)
{
	const char *p = list, *end;
	size_t len, i;

	*bits = 0;
	if (strcmp(list, "none") == 0)
		return 0;
	for (;;) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		for (i = 0; i < CHECK_COND_COUNT; i++)
			if (strlen(cond_words[i]) == len &&
			    strncmp(cond_words[i], p, len) == 0)
				break;
		if (i == CHECK_COND_COUNT) {
			*bad = p;
			*bad_len = len;
			return -1;
		}
		*bits |= 1u << i;
		if (end == NULL)
			return 0;
		p = end + 1;
	}
}

void
check_policy_warn_on(struct check_policy *p, unsigned bits)
{
	size_t i;

	for (i = 0; i < CHECK_COND_COUNT; i++)
		p->level[i] = (bits & (1u << i)) ? CHECK_WARNING : CHECK_OK;
}

/* ---- text that cannot break the line ------------------------------------ */

/* Untrusted text for the plugin's line: sanitized (no control, no line
 * break), at most cols columns, and no '|', which would start the
 * perfdata: it becomes U+FFFD like what termtext replaces. */
static void
safe_text(char *dst, size_t sz, const char *src, size_t cols)
{
	char clean[1024], fit[1024];
	const char *piece;
	size_t i = 0, o = 0, len;
	unsigned char c;

	termtext_sanitize(clean, sizeof clean, src != NULL ? src : "");
	termtext_fit(fit, sizeof fit, clean, cols, 0);
	/* Whole characters only: sanitized text is valid UTF-8. */
	while ((c = (unsigned char)fit[i]) != '\0') {
		len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
		piece = c == '|' ? CHECK_REPLACEMENT : fit + i;
		i += len;
		if (c == '|')
			len = strlen(CHECK_REPLACEMENT);
		if (o + len >= sz)
			break;
		memcpy(dst + o, piece, len);
		o += len;
	}
	dst[o] = '\0';
}

/* A text that takes whole pieces while they fit, then says it was cut. */
struct text {
	char *buf;
	size_t sz, len;
	bool cut;
};

static void text_add(struct text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->cut)
		return;
	va_start(ap, fmt);
	/* Room is kept for the mark of a cut. */
	n = vsnprintf(t->buf + t->len, t->sz - t->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n + sizeof CHECK_CUT > t->sz - t->len) {
		t->buf[t->len] = '\0';
		t->cut = true;
		return;
	}
	t->len += (size_t)n;
}

static void
text_end(struct text *t)
{
	if (t->cut) {
		memcpy(t->buf + t->len, CHECK_CUT, sizeof CHECK_CUT);
		t->len += sizeof CHECK_CUT - 1;
	}
}

/* ---- what was found ----------------------------------------------------- */

/* The first few names of a kind, each once; a clone's instances share
 * their id and come one after the other. */
struct names {
	unsigned n;                     /* instances */
	const char *shown[CHECK_NAMES];
	size_t n_shown;
	unsigned more;                  /* names beyond the shown */
	const char *last;
};

static void
names_add(struct names *l, const char *name)
{
	size_t i;

	l->n++;
	if (name == NULL)
		name = "?";
	if (l->last != NULL && strcmp(l->last, name) == 0)
		return;
	l->last = name;
	for (i = 0; i < l->n_shown; i++)
		if (strcmp(l->shown[i], name) == 0)
			return;
	if (l->n_shown < CHECK_NAMES)
		l->shown[l->n_shown++] = name;
	else
		l->more++;
}

/* In the order the line names them, worst first among equals. */
enum item_id {
	I_FAILED, I_QUORUM, I_DOWN, I_UNCLEAN, I_UNREACHABLE,
	I_STANDBY, I_PINNED, I_MAINT_MODE, I_STOP_ALL, I_NODE_MAINT,
	I_UNMANAGED, I_JOINING, I_NODE_UNKNOWN, I_STOPPED, I_RES_UNKNOWN,
	I_PENDING, I_STALE,
	I_COUNT
};

struct item {
	const char *one, *many;         /* "node down", "nodes down" */
	bool counted;                   /* "2 failed"; else just the words */
};

static const struct item items[I_COUNT] = {
	[I_FAILED] = { "failed", "failed", true },
	[I_QUORUM] = { "no quorum", NULL, false },
	[I_DOWN] = { "node down", "nodes down", true },
	[I_UNCLEAN] = { "node unclean", "nodes unclean", true },
	[I_UNREACHABLE] = { "unreachable", NULL, false },
	[I_STANDBY] = { "node standby", "nodes standby", true },
	[I_PINNED] = { "pinned", "pinned", true },
	[I_MAINT_MODE] = { "maintenance mode", NULL, false },
	[I_STOP_ALL] = { "stop-all-resources", NULL, false },
	[I_NODE_MAINT] = { "node in maintenance", "nodes in maintenance",
	    true },
	[I_UNMANAGED] = { "unmanaged", "unmanaged", true },
	[I_JOINING] = { "node joining", "nodes joining", true },
	[I_NODE_UNKNOWN] = { "node unknown", "nodes unknown", true },
	[I_STOPPED] = { "stopped", "stopped", true },
	[I_RES_UNKNOWN] = { "resource unknown", "resources unknown", true },
	[I_PENDING] = { "pending", "pending", true },
	[I_STALE] = { "data stale", NULL, false },
};

struct found {
	bool on[I_COUNT];
	enum check_status level[I_COUNT];
	struct names names[I_COUNT];
	char words[I_COUNT][32];        /* instead of the item's own */
	char after[I_COUNT][32];        /* " for 75s" */
	char why[CHECK_WHY_COLS * 4 + 4];       /* " (the error)" */
	uint64_t pending_longest_ms;
};

static void
found_set(struct found *f, enum item_id i, enum check_status level)
{
	f->on[i] = true;
	f->level[i] = level;
}

static void
found_name(struct found *f, enum item_id i, enum check_status level,
	   const char *name)
{
	found_set(f, i, level);
	names_add(&f->names[i], name);
}

static bool
is_standby(const struct model_node *n)
{
	return n->state == NODE_PAUSED ||
	    (n->state == NODE_UP && (n->flags & NODE_F_STANDBY));
}

/* Stopped without being meant to be: off, not disabled, no cluster-wide
 * stop-all. A clone's stopped instance is not, while another of its
 * instances runs (more instances than nodes to run them is usual). */
static bool
is_stopped(const struct snapshot *s, const struct model_resource *r)
{
	long g;

	if (r->state != RES_OFFLINE || (r->flags & RES_F_DISABLED) ||
	    s->stop_all)
		return false;
	if (r->group != NULL && (g = snapshot_find_group(s, r->group)) >= 0 &&
	    s->groups[g].kind != GROUP_KIND_GROUP &&
	    s->groups[g].state == GROUP_PARTIAL_ONLINE)
		return false;
	return true;
}

static void
judge_nodes(const struct snapshot *s, const struct check_policy *p,
	    struct found *f)
{
	const struct model_node *n;
	enum check_status maint = p->level[CHECK_COND_MAINTENANCE];
	size_t i;

	for (i = 0; i < s->n_nodes; i++) {
		n = &s->nodes[i];
		if (n->state == NODE_DOWN)
			found_name(f, I_DOWN, CHECK_CRITICAL, n->name);
		else if (n->state == NODE_JOINING)
			found_name(f, I_JOINING, CHECK_WARNING, n->name);
		else if (n->state == NODE_UNKNOWN)
			found_name(f, I_NODE_UNKNOWN, CHECK_WARNING, n->name);
		else if (is_standby(n))
			found_name(f, I_STANDBY,
			    p->level[CHECK_COND_STANDBY], n->name);
		if (n->flags & NODE_F_UNCLEAN)
			found_name(f, I_UNCLEAN, CHECK_CRITICAL, n->name);
		if (n->flags & NODE_F_MAINTENANCE)
			found_name(f, I_NODE_MAINT, maint, n->name);
	}
}

static void
judge_resources(const struct snapshot *s, const struct check_policy *p,
		uint64_t now_ms, struct found *f)
{
	const struct model_resource *r;
	enum check_status maint = p->level[CHECK_COND_MAINTENANCE];
	struct row row = { .kind = ROW_RESOURCE };
	uint64_t since;
	size_t i;

	for (i = 0; i < s->n_resources; i++) {
		r = &s->resources[i];
		/* health's failed: rows_summarize counts the same ones. */
		if (r->state == RES_FAILED || (r->flags & RES_F_BLOCKED))
			found_name(f, I_FAILED, CHECK_CRITICAL, r->id);
		else if (res_state_is_pending(r->state))
			names_add(&f->names[I_PENDING], r->id);
		else if (r->state == RES_UNKNOWN)
			found_name(f, I_RES_UNKNOWN, CHECK_WARNING, r->id);
		else if (is_stopped(s, r))
			found_name(f, I_STOPPED, CHECK_WARNING, r->id);
		if (r->flags & RES_F_PINNED)
			found_name(f, I_PINNED, p->level[CHECK_COND_PINNED],
			    r->id);
		/* In maintenance mode every one is: that says it once. */
		if ((r->flags & (RES_F_UNMANAGED | RES_F_MAINTENANCE)) &&
		    !s->maintenance_mode)
			found_name(f, I_UNMANAGED, maint, r->id);
		row.index = i;
		/* 1: pending since a time not known, as good as now. */
		since = rows_pending_since(s, &row);
		if (since > 1 && now_ms > since &&
		    now_ms - since > f->pending_longest_ms)
			f->pending_longest_ms = now_ms - since;
	}
}

static void
judge_pending(const struct health_summary *h, const struct check_policy *p,
	      struct found *f)
{
	uint64_t longest = f->pending_longest_ms;

	if (h->m.pending == 0)
		return;
	/* The figure is health's; the names are the loop's. */
	f->names[I_PENDING].n = h->m.pending;
	found_set(f, I_PENDING, p->pending_ms == 0 ||
	    longest >= p->pending_ms ? CHECK_WARNING : CHECK_OK);
	if (longest >= 1000)
		snprintf(f->after[I_PENDING], sizeof f->after[I_PENDING],
		    " for %llus", (unsigned long long)(longest / 1000));
}

/* The status-side facts: health's reasons to be bad, and how fresh. */
static void
judge_health(const struct health_summary *h, const struct snapshot *s,
	     const struct cluster_status *st, const struct check_policy *p,
	     struct found *f)
{
	enum check_status maint = p->level[CHECK_COND_MAINTENANCE];
	char why[CHECK_WHY_COLS * 4];

	if (h->why & HEALTH_WHY_QUORUM) {
		found_set(f, I_QUORUM, CHECK_CRITICAL);
		if (h->minority)
			snprintf(f->words[I_QUORUM], sizeof f->words[I_QUORUM],
			    "minority view, no quorum");
	}
	if (h->why & HEALTH_WHY_UNREACHABLE) {
		found_set(f, I_UNREACHABLE, CHECK_CRITICAL);
		if (st != NULL && st->error[0] != '\0') {
			safe_text(why, sizeof why, st->error, CHECK_WHY_COLS);
			snprintf(f->why, sizeof f->why, " (%s)", why);
		}
	} else if (h->reach == REACH_STALE)
		found_set(f, I_STALE, CHECK_WARNING);
	if (s->maintenance_mode)
		found_set(f, I_MAINT_MODE, maint);
	if (s->stop_all)
		found_set(f, I_STOP_ALL, maint);
}

static void
say_item(struct text *t, const struct found *f, enum item_id i, bool *first)
{
	const struct names *l = &f->names[i];
	const char *words = f->words[i][0] != '\0' ? f->words[i] :
	    (l->n == 1 || items[i].many == NULL ? items[i].one :
	    items[i].many);
	char name[CHECK_NAME_COLS * 4 + 1];
	size_t k;

	text_add(t, "%s", *first ? "" : ", ");
	*first = false;
	if (items[i].counted)
		text_add(t, "%u %s", l->n, words);
	else
		text_add(t, "%s", words);
	for (k = 0; k < l->n_shown; k++) {
		safe_text(name, sizeof name, l->shown[k], CHECK_NAME_COLS);
		text_add(t, "%s%s", k == 0 ? " (" : ", ", name);
	}
	if (l->more > 0)
		text_add(t, " +%u more", l->more);
	if (l->n_shown > 0)
		text_add(t, ")");
	text_add(t, "%s", f->after[i]);
	if (i == I_UNREACHABLE)
		text_add(t, "%s", f->why);
}

/* warn;crit of a perfdata value whose level the policy sets: "0" is
 * "more than none" in the plugins' range syntax. */
static const char *
thresholds(enum check_status level)
{
	switch (level) {
	case CHECK_WARNING:
		return "0;";
	case CHECK_CRITICAL:
		return ";0";
	default:
		return ";";
	}
}

static void
perfdata(struct text *t, const struct health_summary *h,
	 const struct found *f, const struct check_policy *p)
{
	const struct rows_summary *m = &h->m;

	text_add(t, "nodes_up=%u;;;0;%u", m->nodes_up, m->nodes);
	text_add(t, " nodes_down=%u;;0;0", f->names[I_DOWN].n);
	text_add(t, " resources_online=%u;;;0;%u", m->resources_online,
	    m->resources);
	text_add(t, " failed=%u;;0;0", m->failed);
	text_add(t, " pending=%u;;;0", m->pending);
	text_add(t, " pending_longest=%llus;%llu;;0",
	    (unsigned long long)(f->pending_longest_ms / 1000),
	    (unsigned long long)(p->pending_ms / 1000));
	text_add(t, " standby=%u;%s;0", f->names[I_STANDBY].n,
	    thresholds(p->level[CHECK_COND_STANDBY]));
	text_add(t, " pinned=%u;%s;0", f->names[I_PINNED].n,
	    thresholds(p->level[CHECK_COND_PINNED]));
	text_add(t, " unmanaged=%u;%s;0", f->names[I_UNMANAGED].n,
	    thresholds(p->level[CHECK_COND_MAINTENANCE]));
}

static void
verdict_line(struct check_verdict *out, const char *name, const char *text,
	     const char *perf)
{
	char safe[HEALTH_NAME_MAX * 4];

	safe_text(safe, sizeof safe, name, HEALTH_NAME_MAX - 1);
	snprintf(out->line, sizeof out->line, "CCON %s - %s%s%s%s%s",
	    check_status_word(out->status), safe, safe[0] != '\0' ? ": " : "",
	    text, perf[0] != '\0' ? " | " : "", perf);
}

void
check_unknown(const char *why, struct check_verdict *out)
{
	char safe[CHECK_WHY_COLS * 4];

	safe_text(safe, sizeof safe, why, CHECK_WHY_COLS);
	out->status = CHECK_UNKNOWN;
	snprintf(out->line, sizeof out->line, "CCON UNKNOWN - %s", safe);
}

void
check_judge(const struct health_input *in, const struct check_policy *p,
	    struct check_verdict *out)
{
	struct health_summary h;
	struct found f;
	char text[CHECK_TEXT_MAX], perf[CHECK_LINE_MAX - CHECK_TEXT_MAX],
	    why[CHECK_WHY_COLS * 4];
	struct text tt = { text, sizeof text, 0, false };
	struct text tp = { perf, sizeof perf, 0, false };
	const struct snapshot *s = in->snap;
	bool first = true;
	int level;
	size_t i;

	memset(&f, 0, sizeof f);
	text[0] = perf[0] = '\0';
	health_summarize(in, &h);
	if (s == NULL || s->n_nodes == 0) {
		/* Nothing to judge: say why there is not. */
		out->status = CHECK_UNKNOWN;
		if (s != NULL)
			snprintf(why, sizeof why, "no nodes in the data");
		else if (in->st != NULL && in->st->error[0] != '\0')
			safe_text(why, sizeof why, in->st->error,
			    CHECK_WHY_COLS);
		else
			snprintf(why, sizeof why, "no data yet");
		verdict_line(out, h.name, why, "");
		return;
	}
	judge_health(&h, s, in->st, p, &f);
	judge_nodes(s, p, &f);
	judge_resources(s, p, in->now_ms, &f);
	judge_pending(&h, p, &f);

	out->status = CHECK_OK;
	for (i = 0; i < I_COUNT; i++)
		if (f.on[i] && f.level[i] > out->status)
			out->status = f.level[i];
	/* What is wrong, worst first; then, in a line that is OK, the
	 * figures; then what was found and is fine by the policy. */
	for (level = CHECK_CRITICAL; level > CHECK_OK; level--)
		for (i = 0; i < I_COUNT; i++)
			if (f.on[i] && (int)f.level[i] == level)
				say_item(&tt, &f, (enum item_id)i, &first);
	if (out->status == CHECK_OK) {
		text_add(&tt, "%u/%u nodes up, %u/%u resources online",
		    h.m.nodes_up, h.m.nodes, h.m.resources_online,
		    h.m.resources);
		first = false;
	}
	for (i = 0; i < I_COUNT; i++)
		if (f.on[i] && f.level[i] == CHECK_OK)
			say_item(&tt, &f, (enum item_id)i, &first);
	text_end(&tt);
	perfdata(&tp, &h, &f, p);
	text_end(&tp);
	verdict_line(out, h.name, text, perf);
}
