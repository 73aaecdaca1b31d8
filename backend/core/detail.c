/* The detail builder; see detail.h. */
#include "backend/core/detail.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "backend/core/flags.h"
#include "backend/util/xalloc.h"

static void
push(struct detail *d, enum detail_kind kind, enum detail_tone tone,
     const char *label, char *value)
{
	struct detail_line *l;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->lines = xreallocarray(d->lines, d->cap, sizeof(*d->lines));
	}
	l = &d->lines[d->n++];
	l->kind = kind;
	l->tone = tone;
	l->label = xstrdup(label != NULL ? label : "");
	l->value = value != NULL ? value : xstrdup("");
}

void
detail_section(struct detail *d, const char *title)
{
	push(d, DETAIL_HEADING, DETAIL_PLAIN, title, NULL);
}

void
detail_add(struct detail *d, enum detail_tone tone, const char *label,
	   const char *fmt, ...)
{
	va_list ap;
	char *value;

	va_start(ap, fmt);
	value = xvasprintf(fmt, ap);
	va_end(ap);
	push(d, DETAIL_LINE, tone, label, value);
}

/* Words that name a secret somewhere in a parameter's name. "key"
 * counts only as a word of its own ("ssh_key", "apikey", "key"): it is
 * also the start of names that hold none ("keyboard" is not a
 * parameter anyone has, "keytab" is a path). */
static const char *const secret_words[] = {
	"pass", "pwd", "secret", "token", "credential", "private",
};

static bool
contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

bool
detail_is_secret(const char *name)
{
	size_t i, len;

	if (name == NULL)
		return false;
	for (i = 0; i < sizeof secret_words / sizeof secret_words[0]; i++)
		if (contains_nocase(name, secret_words[i]))
			return true;
	len = strlen(name);
	return len >= 3 && strcasecmp(name + len - 3, "key") == 0;
}

/* Pacemaker's cibsecret leaves this in the CIB where the value was. */
#define CIBSECRET_MARK "lrm://"

void
detail_param(struct detail *d, const char *name, const char *value)
{
	if (value != NULL && strncmp(value, CIBSECRET_MARK,
	    strlen(CIBSECRET_MARK)) == 0)
		detail_add(d, DETAIL_DIM, name, "(in cibsecret)");
	else if (detail_is_secret(name))
		detail_add(d, DETAIL_PLAIN, name, "***");
	else
		detail_add(d, DETAIL_PLAIN, name, "%s",
		    value != NULL ? value : "");
}

void
detail_append(struct detail *d, const struct detail *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		push(d, src->lines[i].kind, src->lines[i].tone,
		    src->lines[i].label, xstrdup(src->lines[i].value));
}

void
detail_free(struct detail *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->lines[i].label);
		free(d->lines[i].value);
	}
	free(d->lines);
	memset(d, 0, sizeof(*d));
}

const char *
detail_time(int64_t epoch, char *buf, size_t sz)
{
	struct tm tm;
	time_t t = (time_t)epoch;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, sz, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		snprintf(buf, sz, "%lld", (long long)epoch);
	return buf;
}

static enum detail_tone
res_tone(enum res_state st)
{
	switch (st) {
	case RES_ONLINE:
		return DETAIL_GOOD;
	case RES_FAILED:
		return DETAIL_BAD;
	case RES_OFFLINE:
		return DETAIL_DIM;
	default:
		return res_state_is_pending(st) ? DETAIL_WARN : DETAIL_PLAIN;
	}
}

static enum detail_tone
group_tone(enum group_state st)
{
	switch (st) {
	case GROUP_ONLINE:
		return DETAIL_GOOD;
	case GROUP_FAILED:
		return DETAIL_BAD;
	case GROUP_OFFLINE:
		return DETAIL_DIM;
	case GROUP_PENDING:
	case GROUP_PARTIAL_ONLINE:
		return DETAIL_WARN;
	default:
		return DETAIL_PLAIN;
	}
}

/* The flags line, in full words; an alarm among them makes it bad. */
static void
add_flags(struct detail *d, const struct flag_word *table, size_t n,
	  unsigned flags)
{
	char buf[256] = "";
	enum detail_tone tone = DETAIL_DIM;
	size_t i;

	for (i = 0; i < n; i++) {
		if ((flags & table[i].bit) == 0)
			continue;
		tone = table[i].alarm ? DETAIL_BAD :
		    tone == DETAIL_BAD ? DETAIL_BAD : DETAIL_WARN;
	}
	flags_words(buf, sizeof(buf), table, n, flags, FLAGS_PLAIN, ", ");
	detail_add(d, buf[0] != '\0' ? tone : DETAIL_DIM, "flags", "%s",
	    buf[0] != '\0' ? buf : "none");
}

/* The nodes a resource is active on, ", "-separated. */
static void
add_where(struct detail *d, const char *label, const char *const *nodes,
	  size_t n)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s", s, i > 0 ? ", " : "", nodes[i]);
		free(s);
		s = t;
	}
	if (n == 0)
		detail_add(d, DETAIL_DIM, label, "nowhere");
	else
		detail_add(d, DETAIL_PLAIN, label, "%s", s);
	free(s);
}

static void
add_transition(struct detail *d, const struct snapshot *s, int kind,
	       const char *id)
{
	const struct transition *t = snapshot_transition_for(s, kind, id);
	static const char *const status[] = {
		[TR_PENDING] = "under way", [TR_DONE] = "done",
		[TR_FAILED] = "failed", [TR_TIMED_OUT] = "timed out",
	};
	enum detail_tone tone;

	if (t == NULL)
		return;
	tone = t->status == TR_DONE ? DETAIL_GOOD :
	    t->status == TR_PENDING ? DETAIL_WARN : DETAIL_BAD;
	detail_add(d, tone, "request", "%s%s%s: %s%s%s",
	    action_kind_word((enum action_kind)t->action),
	    t->node != NULL ? " to " : "", t->node != NULL ? t->node : "",
	    status[t->status], t->reason != NULL ? " - " : "",
	    t->reason != NULL ? t->reason : "");
}

static void
resource_detail(const struct snapshot *s, const struct model_resource *r,
		struct detail *d)
{
	char buf[64];
	bool stopped = (r->flags & (RES_F_DISABLED | RES_F_OWN_STOPPED)) != 0;
	bool as_meant;

	detail_section(d, "resource");
	detail_add(d, DETAIL_PLAIN, "id", "%s", r->id);
	detail_add(d, res_tone(r->state), "state", "%s",
	    res_state_label(r->state));
	as_meant = stopped ? r->state == RES_OFFLINE : r->state == RES_ONLINE;
	detail_add(d, as_meant ? DETAIL_PLAIN : DETAIL_WARN, "meant to be",
	    "%s%s", stopped ? "stopped" : "running",
	    as_meant ? "" : " (it is not)");
	add_where(d, "runs on", r->nodes, r->n_nodes);
	if (r->role != NULL)
		detail_add(d, DETAIL_PLAIN, "role", "%s", r->role);
	add_flags(d, res_flag_words, n_res_flag_words, r->flags);
	if (r->agent != NULL)
		detail_add(d, DETAIL_PLAIN, "agent", "%s", r->agent);
	if (r->group != NULL) {
		long g = snapshot_find_group(s, r->group);

		detail_add(d, DETAIL_PLAIN, "member of", "%s %s",
		    g >= 0 ? group_kind_word(s->groups[g].kind) : "group",
		    r->group);
	}
	add_transition(d, s, TARGET_RESOURCE, r->id);
	detail_section(d, "failures");
	detail_add(d, r->failcount > 0 ? DETAIL_BAD : DETAIL_DIM,
	    "fail count", "%s", failcount_text(r->failcount, buf,
	    sizeof(buf)));
	if (r->failure != NULL || r->failure_time != 0) {
		detail_add(d, DETAIL_BAD, "last failure", "%s",
		    r->failure != NULL ? r->failure : "(no reason given)");
		if (r->failure_time != 0)
			detail_add(d, DETAIL_PLAIN, "failed at", "%s",
			    detail_time(r->failure_time, buf, sizeof(buf)));
	} else {
		detail_add(d, DETAIL_DIM, "last failure", "none");
	}
}

static void
group_detail(const struct snapshot *s, const struct model_group *g,
	     struct detail *d)
{
	const struct model_resource *r;
	const char **where = NULL;
	size_t i, j, n_where = 0;

	detail_section(d, group_kind_word(g->kind));
	detail_add(d, DETAIL_PLAIN, "id", "%s", g->id);
	detail_add(d, DETAIL_PLAIN, "kind", "%s", group_kind_word(g->kind));
	detail_add(d, group_tone(g->state), "state", "%s",
	    group_state_label(g->state));
	add_flags(d, res_flag_words, n_res_flag_words, g->flags);
	for (i = 0; i < g->n_members; i++) {
		r = &s->resources[g->members[i]];
		for (j = 0; j < r->n_nodes; j++) {
			size_t k;

			for (k = 0; k < n_where; k++)
				if (strcmp(where[k], r->nodes[j]) == 0)
					break;
			if (k < n_where)
				continue;
			where = xreallocarray(where, n_where + 1,
			    sizeof(*where));
			where[n_where++] = r->nodes[j];
		}
	}
	add_where(d, "runs on", where, n_where);
	free(where);
	add_transition(d, s, TARGET_GROUP, g->id);
	detail_section(d, g->kind == GROUP_KIND_GROUP ?
	    "members, in order" : "instances");
	if (g->n_members == 0)
		detail_add(d, DETAIL_DIM, "", "none");
	for (i = 0; i < g->n_members; i++) {
		char *on = xstrdup(""), *t;

		r = &s->resources[g->members[i]];
		for (j = 0; j < r->n_nodes; j++) {
			t = xasprintf("%s%s%s", on, j > 0 ? ", " : " on ",
			    r->nodes[j]);
			free(on);
			on = t;
		}
		detail_add(d, res_tone(r->state), r->id, "%s%s",
		    res_state_label(r->state), on);
		free(on);
	}
}

static void
node_detail(const struct snapshot *s, const struct model_node *n,
	    struct detail *d)
{
	char buf[128];
	enum detail_tone tone;
	size_t i, j, count = 0;

	tone = n->state == NODE_UP ? DETAIL_GOOD :
	    n->state == NODE_DOWN ? DETAIL_BAD : DETAIL_WARN;
	detail_section(d, "node");
	detail_add(d, DETAIL_PLAIN, "name", "%s", n->name);
	detail_add(d, tone, "state", "%s", node_label(n, buf, sizeof(buf)));
	add_flags(d, node_flag_words, n_node_flag_words, n->flags);
	add_transition(d, s, TARGET_NODE, n->name);
	detail_section(d, "runs here");
	for (i = 0; i < s->n_resources; i++) {
		const struct model_resource *r = &s->resources[i];

		for (j = 0; j < r->n_nodes; j++)
			if (strcmp(r->nodes[j], n->name) == 0)
				break;
		if (j == r->n_nodes)
			continue;
		detail_add(d, res_tone(r->state), r->id, "%s%s%s",
		    res_state_label(r->state), r->group != NULL ? " in " : "",
		    r->group != NULL ? r->group : "");
		count++;
	}
	if (count == 0)
		detail_add(d, DETAIL_DIM, "", "nothing");
}

int
detail_from_snapshot(const struct snapshot *s, const struct detail_ask *q,
		     struct detail *d, char **err)
{
	long i;

	switch (q->kind) {
	case TARGET_RESOURCE:
		i = snapshot_find_instance(s, q->id, q->instance);
		if (i < 0)
			break;
		resource_detail(s, &s->resources[i], d);
		return 0;
	case TARGET_GROUP:
		i = snapshot_find_group(s, q->id);
		if (i < 0)
			break;
		group_detail(s, &s->groups[i], d);
		return 0;
	case TARGET_NODE:
		i = snapshot_find_node(s, q->id);
		if (i < 0)
			break;
		node_detail(s, &s->nodes[i], d);
		return 0;
	}
	*err = xasprintf("%s %s is no longer in the cluster",
	    target_kind_word(q->kind), q->id);
	return -1;
}
