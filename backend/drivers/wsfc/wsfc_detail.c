/* The detail script's answer into detail sections, and the detail a
 * saved capture can give. Numbers are shown with their words where the
 * FailoverClusters module documents them (WSFC-NOTES §1: the enums and
 * flags of the reflection stubs, CLUSAPI for the restart actions,
 * priorities and failback), and as numbers where it does not. */
#include "backend/drivers/wsfc/wsfc_detail.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend/drivers/wsfc/wsfc_codes.h"
#include "backend/drivers/wsfc/wsfc_deps.h"
#include "backend/util/xalloc.h"

/* A UInt32 property left at -1: "the default" (the type's, the
 * cluster's) for timeouts, thresholds and windows. */
#define UNSET_U32 4294967295LL

void
wsfc_detail_failure_free(struct wsfc_detail_failure *f)
{
	free(f->fqid);
	free(f->category);
	f->fqid = f->category = NULL;
}

/* ---- reading the answer ------------------------------------------------ */

/* The property, or NULL when it is missing or null. */
static json_t *
prop(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return v == NULL || json_is_null(v) ? NULL : v;
}

static int
wrong(const char *what, const char *key, const char *want, char **err)
{
	*err = xasprintf("%s: %s is not %s", what, key, want);
	return -1;
}

static int
get_str(json_t *o, const char *key, const char *what, const char **out,
	char **err)
{
	json_t *v = prop(o, key);

	*out = NULL;
	if (v == NULL)
		return 0;
	if (!json_is_string(v))
		return wrong(what, key, "a string", err);
	*out = json_string_value(v);
	return 0;
}

static int
get_int(json_t *o, const char *key, const char *what, int64_t *out,
	char **err)
{
	json_t *v = prop(o, key);

	*out = WSFC_ABSENT;
	if (v == NULL)
		return 0;
	if (!json_is_integer(v))
		return wrong(what, key, "a number", err);
	*out = (int64_t)json_integer_value(v);
	/* INT64_MIN stands for "absent". */
	if (*out == WSFC_ABSENT)
		return wrong(what, key, "a number in range", err);
	return 0;
}

/* -1 absent, else 0 or 1. */
static int
get_bool(json_t *o, const char *key, const char *what, int *out, char **err)
{
	json_t *v = prop(o, key);

	*out = -1;
	if (v == NULL)
		return 0;
	if (!json_is_boolean(v))
		return wrong(what, key, "true or false", err);
	*out = json_is_true(v);
	return 0;
}

/* A list: an array, one object where PowerShell unrolled it, or none. */
static int
get_list(json_t *o, const char *key, const char *what, json_t **out,
	 size_t *n, char **err)
{
	json_t *v = prop(o, key);

	*out = v;
	*n = 0;
	if (v == NULL)
		return 0;
	if (json_is_array(v))
		*n = json_array_size(v);
	else if (json_is_object(v) || json_is_string(v))
		*n = 1;
	else
		return wrong(what, key, "a list", err);
	return 0;
}

static json_t *
list_at(json_t *l, size_t i)
{
	return json_is_array(l) ? json_array_get(l, i) : l;
}

/* s cut to WSFC_DETAIL_TEXT_MAX bytes on a UTF-8 character's start,
 * "..." saying so; newly allocated. */
static char *
clip(const char *s)
{
	size_t n = strlen(s);

	if (n <= WSFC_DETAIL_TEXT_MAX)
		return xstrdup(s);
	n = WSFC_DETAIL_TEXT_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return xasprintf("%.*s...", (int)n, s);
}

/* Appends ", name" (or name first) to *line, until it is longer than a
 * line is shown: a list of thousands of long names costs no more. */
static void
join(char **line, const char *name)
{
	size_t n = strlen(*line);
	char *next;

	if (n > WSFC_DETAIL_TEXT_MAX)
		return;
	next = xasprintf("%s%s%.*s", *line, n ? ", " : "",
			 WSFC_DETAIL_TEXT_MAX + 1, name);
	free(*line);
	*line = next;
}

static void
add_text(struct detail *d, enum detail_tone tone, const char *label,
	 const char *s)
{
	char *c = clip(s);

	detail_add(d, tone, label, "%s", c);
	free(c);
}

/* ---- words ------------------------------------------------------------- */

struct word {
	int64_t n;
	const char *word;
};

static const char *
word_of(const struct word *t, size_t n, int64_t v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].n == v)
			return t[i].word;
	return NULL;
}

#define WORD_OF(t, v) word_of((t), sizeof(t) / sizeof((t)[0]), (v))

/* ClusterResourceStatusInformation, ClusterApplicationStatusInformation,
 * ClusterNodeStatusInformation (flags; STUB). */
static const struct word res_status_bits[] = {
	{ 1, "locked" }, { 2, "embedded failure" },
	{ 4, "insufficient CPU" }, { 8, "insufficient memory" },
	{ 16, "insufficient resources" }, { 32, "network failure" },
	{ 64, "unmonitored" },
};
static const struct word group_status_bits[] = {
	{ 1, "locked" }, { 2, "preempted" }, { 4, "queued" },
	{ 8, "physical resources lacking" }, { 16, "waiting to start" },
	{ 32, "embedded failure" }, { 64, "offline: anti-affinity conflict" },
	{ 128, "network failure" }, { 256, "unmonitored" },
	{ 4096, "waiting for dependencies" },
};
static const struct word node_status_bits[] = {
	{ 1, "isolated" }, { 2, "quarantined" }, { 4, "drain in progress" },
	{ 8, "drain completed" }, { 16, "drain failed" },
	{ 32, "avoid placement" },
};

/* GroupType (STUB). */
static const struct word group_types[] = {
	{ 1, "Cluster" }, { 2, "Available Storage" }, { 3, "Temporary" },
	{ 4, "Cluster Shared Volume" }, { 5, "Cluster Storage Pool" },
	{ 100, "File Server" }, { 101, "Print Server" },
	{ 102, "DHCP Server" }, { 103, "DTC" }, { 104, "MSMQ" },
	{ 105, "WINS" }, { 106, "Standalone DFS" },
	{ 107, "Generic Application" }, { 108, "Generic Service" },
	{ 109, "Generic Script" }, { 110, "iSCSI Name Service" },
	{ 111, "Virtual Machine" }, { 112, "TS Session Broker" },
	{ 113, "iSCSI Target" }, { 114, "Scale-Out File Server" },
	{ 115, "VM Replica Broker" }, { 116, "Task Scheduler" },
	{ 117, "Cluster-Aware Updating" }, { 118, "Scale-Out Cluster" },
	{ 119, "Storage Replica" },
	{ 120, "VM Replication Coordinator" },
	{ 121, "Cross-Cluster Orchestrator" },
	{ 122, "Infrastructure File Server" }, { 123, "Core SDDC" },
	{ 124, "User Manager" }, { 125, "Key Value Store Manager" },
	{ 126, "HCS Virtual Machine" }, { 127, "Meta Virtual Machine" },
	{ 9999, "Unknown" },
};

/* CLUSTER_GROUP_PRIORITY (CLUSAPI). */
static const struct word priorities[] = {
	{ 0, "no auto start" }, { 1000, "low" }, { 2000, "medium" },
	{ 3000, "high" },
};

/* CLUSTER_RESOURCE_RESTART_ACTION (CLUSAPI): restart "with notify"
 * lets the failure count against the role, which then fails over. */
static const struct word restart_actions[] = {
	{ 0, "do not restart" },
	{ 1, "restart, never fail the role over" },
	{ 2, "restart, then fail the role over" },
};

/* CLUSTER_GROUP_AUTOFAILBACK_TYPE (CLUSAPI). */
static const struct word failback_types[] = {
	{ 0, "prevent failback" }, { 1, "allow failback" },
};

/* ClusterNodeDrainStatus, ClusterNodeFailbackStatus (STUB). */
static const struct word drain_words[] = {
	{ 0, "not initiated" }, { 1, "in progress" }, { 2, "completed" },
	{ 3, "failed" },
};

/* "locked, queued" (and any bit no table names, in hex), or "none". */
static void
bits_words(char *buf, size_t sz, int64_t v, const struct word *t, size_t n)
{
	size_t i, used = 0;
	uint64_t rest = (uint64_t)v;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if (!((uint64_t)v & (uint64_t)t[i].n))
			continue;
		rest &= ~(uint64_t)t[i].n;
		used += (size_t)snprintf(buf + used, used < sz ? sz - used : 0,
					 "%s%s", used ? ", " : "", t[i].word);
		if (used >= sz)
			return;
	}
	if (rest != 0)
		snprintf(buf + used, used < sz ? sz - used : 0,
			 "%sbits 0x%" PRIx64, used ? ", " : "", rest);
	else if (used == 0)
		snprintf(buf, sz, "none");
}

#define BITS(buf, v, t) bits_words(buf, sizeof(buf), (v), (t), \
				   sizeof(t) / sizeof((t)[0]))

static enum detail_tone
res_tone(enum res_state s)
{
	switch (s) {
	case RES_ONLINE: return DETAIL_GOOD;
	case RES_FAILED: return DETAIL_BAD;
	case RES_OFFLINE: return DETAIL_DIM;
	case RES_PENDING:
	case RES_ONLINE_PENDING:
	case RES_OFFLINE_PENDING:
	case RES_INITIALIZING: return DETAIL_WARN;
	default: return DETAIL_PLAIN;
	}
}

static enum detail_tone
group_tone(enum group_state s)
{
	switch (s) {
	case GROUP_ONLINE: return DETAIL_GOOD;
	case GROUP_FAILED: return DETAIL_BAD;
	case GROUP_OFFLINE: return DETAIL_DIM;
	case GROUP_PENDING:
	case GROUP_PARTIAL_ONLINE: return DETAIL_WARN;
	default: return DETAIL_PLAIN;
	}
}

static enum detail_tone
node_tone(enum node_state s)
{
	switch (s) {
	case NODE_UP: return DETAIL_GOOD;
	case NODE_DOWN: return DETAIL_BAD;
	case NODE_PAUSED:
	case NODE_JOINING: return DETAIL_WARN;
	default: return DETAIL_PLAIN;
	}
}

/* "online", or "unknown (N)" for a number WSFC does not document. */
static void
state_words(char *buf, size_t sz, const char *word, bool known, int64_t n)
{
	if (known)
		snprintf(buf, sz, "%s", word);
	else
		snprintf(buf, sz, "unknown (%" PRId64 ")", n);
}

static void
add_res_state(struct detail *d, const char *label, int64_t n)
{
	enum res_state s = wsfc_res_state(n);
	char buf[64];

	if (n == WSFC_ABSENT)
		return;
	state_words(buf, sizeof(buf), res_state_word(s), s != RES_UNKNOWN ||
		    n == RES_UNKNOWN, n);
	detail_add(d, res_tone(s), label, "%s", buf);
}

static void
add_group_state(struct detail *d, const char *label, int64_t n)
{
	enum group_state s = wsfc_group_state(n);
	char buf[64];

	if (n == WSFC_ABSENT)
		return;
	state_words(buf, sizeof(buf), group_state_word(s),
		    s != GROUP_UNKNOWN || n == GROUP_UNKNOWN, n);
	detail_add(d, group_tone(s), label, "%s", buf);
}

static void
add_node_state(struct detail *d, const char *label, int64_t n)
{
	enum node_state s = wsfc_node_state(n);
	char buf[64];

	if (n == WSFC_ABSENT)
		return;
	state_words(buf, sizeof(buf), node_state_word(s),
		    s != NODE_UNKNOWN || n == NODE_UNKNOWN, n);
	detail_add(d, node_tone(s), label, "%s", buf);
}

/* A number with its word, or the number alone. */
static void
add_worded(struct detail *d, const char *label, int64_t v, const char *word)
{
	if (v == WSFC_ABSENT)
		return;
	if (word != NULL)
		detail_add(d, DETAIL_PLAIN, label, "%s (%" PRId64 ")", word, v);
	else
		detail_add(d, DETAIL_PLAIN, label, "%" PRId64, v);
}

static void
add_int(struct detail *d, const char *label, int64_t v)
{
	add_worded(d, label, v, NULL);
}

/* A duration in milliseconds, with a rounder unit when it has one. */
static void
ms_text(char *buf, size_t sz, int64_t ms)
{
	if (ms >= 60000 && ms % 60000 == 0)
		snprintf(buf, sz, "%" PRId64 " min", ms / 60000);
	else if (ms >= 1000 && ms % 1000 == 0)
		snprintf(buf, sz, "%" PRId64 " s", ms / 1000);
	else
		snprintf(buf, sz, "%" PRId64 " ms", ms);
}

static void
add_ms(struct detail *d, const char *label, int64_t ms, const char *unset)
{
	char buf[64];

	if (ms == WSFC_ABSENT)
		return;
	if (ms == UNSET_U32 && unset != NULL) {
		detail_add(d, DETAIL_DIM, label, "%s", unset);
		return;
	}
	ms_text(buf, sizeof(buf), ms);
	detail_add(d, DETAIL_PLAIN, label, "%s", buf);
}

static void
add_bool(struct detail *d, const char *label, int b)
{
	if (b >= 0)
		detail_add(d, b ? DETAIL_WARN : DETAIL_DIM, label, "%s",
			   b ? "yes" : "no");
}

static void
add_status(struct detail *d, int64_t v, const struct word *t, size_t n)
{
	char buf[512];

	if (v == WSFC_ABSENT)
		return;
	bits_words(buf, sizeof(buf), v, t, n);
	detail_add(d, v != 0 ? DETAIL_WARN : DETAIL_DIM, "status", "%s", buf);
}

static void
add_code(struct detail *d, const char *label, int64_t code)
{
	char buf[300];

	if (code == WSFC_ABSENT)
		return;
	if (code == 0) {
		detail_add(d, DETAIL_DIM, label, "0 (success)");
		return;
	}
	detail_add(d, DETAIL_BAD, label, "%s",
		   wsfc_code_describe(buf, sizeof(buf), (uint64_t)code));
}

static void
add_more(struct detail *d, size_t shown, size_t n)
{
	if (n > shown)
		detail_add(d, DETAIL_DIM, "", "%zu more not shown", n - shown);
}

/* ---- the answer's parts ------------------------------------------------- */

/* The object of the kind asked, whose Name must be q's (Windows
 * compares names without case). */
static int
the_object(json_t *top, const char *key, const struct detail_ask *q,
	   json_t **out, char **err)
{
	json_t *o = prop(top, key);
	const char *name;

	if (o == NULL || !json_is_object(o)) {
		*err = xasprintf("the detail has no %s object", key);
		return -1;
	}
	if (get_str(o, "Name", key, &name, err) != 0)
		return -1;
	if (name == NULL || strcasecmp(name, q->id) != 0) {
		*err = xasprintf("the node answered for %s '%.80s', not '%.80s'",
				 key, name != NULL ? name : "(no name)", q->id);
		return -1;
	}
	*out = o;
	return 0;
}

/* A list of node names (owners), as a line. */
static int
add_owners(struct detail *d, json_t *top, const char *label,
	   const char *none, char **err)
{
	json_t *l;
	size_t n, i, shown = 0;
	char *line = xstrdup("");

	if (get_list(top, "owners", "the detail", &l, &n, err) != 0) {
		free(line);
		return -1;
	}
	for (i = 0; i < n; i++) {
		json_t *e = list_at(l, i);

		if (!json_is_string(e)) {
			free(line);
			*err = xasprintf("the detail: owners[%zu] is not a "
					 "node's name", i);
			return -1;
		}
		if (json_string_value(e)[0] == '\0' ||
		    shown == WSFC_DETAIL_LIST_MAX)
			continue;
		join(&line, json_string_value(e));
		shown++;
	}
	if (shown == 0)
		detail_add(d, DETAIL_DIM, label, "%s", none);
	else
		add_text(d, DETAIL_PLAIN, label, line);
	free(line);
	return 0;
}

static void
add_dependency(struct detail *d, const char *expr)
{
	struct wsfc_deps deps;
	char *why = NULL, *names;
	size_t i;

	if (expr == NULL || expr[strspn(expr, " \t\r\n")] == '\0') {
		detail_add(d, DETAIL_DIM, "depends on", "nothing");
		return;
	}
	add_text(d, DETAIL_PLAIN, "expression", expr);
	if (wsfc_deps_parse(expr, &deps, &why) != 0) {
		detail_add(d, DETAIL_WARN, "depends on", "unreadable: %s", why);
		free(why);
		return;
	}
	names = xstrdup("");
	for (i = 0; i < deps.n; i++)
		join(&names, deps.names[i]);
	add_text(d, DETAIL_PLAIN, "depends on", names);
	free(names);
	wsfc_deps_free(&deps);
}

static int
add_parameters(struct detail *d, json_t *top, char **err)
{
	json_t *l;
	size_t n, i;

	if (get_list(top, "parameters", "the detail", &l, &n, err) != 0)
		return -1;
	detail_section(d, "Private parameters");
	if (n == 0)
		detail_add(d, DETAIL_DIM, "", "none");
	for (i = 0; i < n && i < WSFC_DETAIL_LIST_MAX; i++) {
		json_t *e = list_at(l, i);
		const char *name, *value;
		char what[64];
		int secret;
		char *cn;

		snprintf(what, sizeof(what), "parameters[%zu]", i);
		if (!json_is_object(e)) {
			*err = xasprintf("the detail: %s is not an object",
					 what);
			return -1;
		}
		if (get_str(e, "Name", what, &name, err) != 0 ||
		    get_str(e, "Value", what, &value, err) != 0 ||
		    get_bool(e, "Secret", what, &secret, err) != 0)
			return -1;
		if (name == NULL) {
			*err = xasprintf("the detail: %s has no Name", what);
			return -1;
		}
		cn = clip(name);
		if (secret == 1)
			/* The node withheld it: nothing to mask here. */
			detail_add(d, DETAIL_PLAIN, cn, "***");
		else if (value == NULL)
			detail_add(d, DETAIL_DIM, cn, "(no value)");
		else {
			char *cv = clip(value);

			detail_param(d, cn, cv);
			free(cv);
		}
		free(cn);
	}
	add_more(d, i, n);
	return 0;
}

static int
resource_detail(json_t *top, const struct detail_ask *q, struct detail *d,
		char **err)
{
	json_t *o;
	const char *type, *group, *node, *id, *desc, *expr;
	int64_t state, status, last, persistent, restart, threshold, period;
	int64_t delay, retry, pending, deadlock, isalive, looksalive;
	int core, maint, separate;
	const char *w = "resource";

	if (the_object(top, "resource", q, &o, err) != 0 ||
	    get_str(o, "ResourceType", w, &type, err) ||
	    get_str(o, "OwnerGroup", w, &group, err) ||
	    get_str(o, "OwnerNode", w, &node, err) ||
	    get_str(o, "Id", w, &id, err) ||
	    get_str(o, "Description", w, &desc, err) ||
	    get_int(o, "State", w, &state, err) ||
	    get_int(o, "StatusInformation", w, &status, err) ||
	    get_int(o, "LastOperationStatusCode", w, &last, err) ||
	    get_int(o, "PersistentState", w, &persistent, err) ||
	    get_int(o, "RestartAction", w, &restart, err) ||
	    get_int(o, "RestartThreshold", w, &threshold, err) ||
	    get_int(o, "RestartPeriod", w, &period, err) ||
	    get_int(o, "RestartDelay", w, &delay, err) ||
	    get_int(o, "RetryPeriodOnFailure", w, &retry, err) ||
	    get_int(o, "PendingTimeout", w, &pending, err) ||
	    get_int(o, "DeadlockTimeout", w, &deadlock, err) ||
	    get_int(o, "IsAlivePollInterval", w, &isalive, err) ||
	    get_int(o, "LooksAlivePollInterval", w, &looksalive, err) ||
	    get_bool(o, "IsCoreResource", w, &core, err) ||
	    get_bool(o, "MaintenanceMode", w, &maint, err) ||
	    get_bool(o, "SeparateMonitor", w, &separate, err) ||
	    get_str(top, "dependency", "the detail", &expr, err))
		return -1;

	detail_section(d, "WSFC resource");
	if (type != NULL)
		add_text(d, DETAIL_PLAIN, "type", type);
	if (group != NULL)
		add_text(d, DETAIL_PLAIN, "role", group);
	if (node != NULL)
		add_text(d, DETAIL_PLAIN, "owner node", node);
	add_res_state(d, "state", state);
	if (id != NULL)
		add_text(d, DETAIL_DIM, "id", id);
	add_bool(d, "core resource", core);
	add_bool(d, "maintenance", maint);
	add_status(d, status, res_status_bits,
		   sizeof(res_status_bits) / sizeof(res_status_bits[0]));
	add_code(d, "last operation", last);
	add_int(d, "persistent state", persistent);
	add_bool(d, "separate monitor", separate);
	if (desc != NULL && *desc)
		add_text(d, DETAIL_PLAIN, "description", desc);

	detail_section(d, "Dependencies");
	add_dependency(d, expr);
	if (add_owners(d, top, "possible owners", "none listed", err) != 0)
		return -1;

	detail_section(d, "Failure policy");
	add_worded(d, "restart", restart, WORD_OF(restart_actions, restart));
	if (threshold != WSFC_ABSENT && period != WSFC_ABSENT) {
		char p[64];

		ms_text(p, sizeof(p), period);
		detail_add(d, DETAIL_PLAIN, "restarts", "at most %" PRId64
			   " in %s", threshold, p);
	}
	add_ms(d, "restart delay", delay, NULL);
	add_ms(d, "retry after", retry, "never");
	add_ms(d, "pending timeout", pending, NULL);
	add_ms(d, "deadlock timeout", deadlock, NULL);
	add_ms(d, "IsAlive poll", isalive, "the resource type's");
	add_ms(d, "LooksAlive poll", looksalive, "the resource type's");

	if (add_parameters(d, top, err) != 0)
		return -1;
	detail_section(d, "Failures");
	/* The cmdlets keep no history of failures: the cluster log
	 * (Get-ClusterLog writes a file per node and takes long) and the
	 * System event log hold it, which a query should not dig in. */
	detail_add(d, DETAIL_DIM, "history", "not read: WSFC keeps it in "
		   "the cluster log and the System event log of each node");
	return 0;
}

/* A group's members, each after the members it depends on (the order
 * they come online), with their states. */
struct member {
	const char *name, *type, *node;
	int64_t state;
	struct wsfc_deps deps;
	bool placed;
};

static long
member_index(const struct member *m, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(m[i].name, name) == 0)
			return (long)i;
	return -1;
}

/* Whether every member m[i] depends on is placed (or no member). */
static bool
ready(const struct member *m, size_t n, size_t i)
{
	size_t k;

	for (k = 0; k < m[i].deps.n; k++) {
		long j = member_index(m, n, m[i].deps.names[k]);

		if (j >= 0 && (size_t)j != i && !m[j].placed)
			return false;
	}
	return true;
}

static int
group_members(json_t *top, struct detail *d, char **err)
{
	json_t *rl, *dl;
	size_t nr, nd, n, i, k, done;
	struct member *m;
	int rc = -1;

	if (get_list(top, "resources", "the detail", &rl, &nr, err) != 0 ||
	    get_list(top, "dependencies", "the detail", &dl, &nd, err) != 0)
		return -1;
	n = nr < WSFC_DETAIL_LIST_MAX ? nr : WSFC_DETAIL_LIST_MAX;
	m = xcalloc(n + 1, sizeof(*m));
	for (i = 0; i < n; i++) {
		json_t *e = list_at(rl, i);
		char what[64];

		snprintf(what, sizeof(what), "resources[%zu]", i);
		if (!json_is_object(e)) {
			*err = xasprintf("the detail: %s is not an object",
					 what);
			goto out;
		}
		if (get_str(e, "Name", what, &m[i].name, err) ||
		    get_str(e, "ResourceType", what, &m[i].type, err) ||
		    get_str(e, "OwnerNode", what, &m[i].node, err) ||
		    get_int(e, "State", what, &m[i].state, err))
			goto out;
		if (m[i].name == NULL) {
			*err = xasprintf("the detail: %s has no Name", what);
			goto out;
		}
	}
	for (i = 0; i < nd && i < 4 * WSFC_DETAIL_LIST_MAX; i++) {
		json_t *e = list_at(dl, i);
		const char *res, *expr;
		char what[64], *why = NULL;
		long j;

		snprintf(what, sizeof(what), "dependencies[%zu]", i);
		if (!json_is_object(e)) {
			*err = xasprintf("the detail: %s is not an object",
					 what);
			goto out;
		}
		if (get_str(e, "Resource", what, &res, err) ||
		    get_str(e, "DependencyExpression", what, &expr, err))
			goto out;
		if (res == NULL || expr == NULL ||
		    (j = member_index(m, n, res)) < 0 || m[j].deps.n > 0)
			continue;
		/* An unreadable expression orders nothing; the resource's
		 * own detail says why. */
		if (wsfc_deps_parse(expr, &m[j].deps, &why) != 0)
			free(why);
	}
	detail_section(d, "Resources, in dependency order");
	if (n == 0)
		detail_add(d, DETAIL_DIM, "", "none");
	for (done = 0; done < n; done++) {
		/* The first ready one; in a cycle (WSFC refuses them) the
		 * first not placed. */
		for (k = 0; k < n && (m[k].placed || !ready(m, n, k)); k++)
			;
		if (k == n)
			for (k = 0; m[k].placed; k++)
				;
		m[k].placed = true;
		{
			enum res_state s = wsfc_res_state(m[k].state);
			char *name = clip(m[k].name);
			char *on = NULL;

			if (m[k].deps.n > 0) {
				on = xstrdup("");
				for (i = 0; i < m[k].deps.n; i++)
					join(&on, m[k].deps.names[i]);
			}
			detail_add(d, res_tone(s), name, "%s%s%.*s%s%s",
				   m[k].state == WSFC_ABSENT ? "?" :
				   res_state_word(s),
				   m[k].type ? "  " : "",
				   WSFC_DETAIL_TEXT_MAX,
				   m[k].type ? m[k].type : "",
				   on ? "  after " : "", on ? on : "");
			free(on);
			free(name);
		}
	}
	add_more(d, n, nr);
	rc = 0;
out:
	for (i = 0; i < n; i++)
		wsfc_deps_free(&m[i].deps);
	free(m);
	return rc;
}

static int
group_detail(json_t *top, const struct detail_ask *q, struct detail *d,
	     char **err)
{
	json_t *o;
	const char *node, *id, *desc;
	int64_t state, type, priority, status, persistent, threshold, period;
	int64_t failback, wstart, wend;
	int core;
	const char *w = "group";

	if (the_object(top, "group", q, &o, err) != 0 ||
	    get_str(o, "OwnerNode", w, &node, err) ||
	    get_str(o, "Id", w, &id, err) ||
	    get_str(o, "Description", w, &desc, err) ||
	    get_int(o, "State", w, &state, err) ||
	    get_int(o, "GroupType", w, &type, err) ||
	    get_int(o, "Priority", w, &priority, err) ||
	    get_int(o, "StatusInformation", w, &status, err) ||
	    get_int(o, "PersistentState", w, &persistent, err) ||
	    get_int(o, "FailoverThreshold", w, &threshold, err) ||
	    get_int(o, "FailoverPeriod", w, &period, err) ||
	    get_int(o, "AutoFailbackType", w, &failback, err) ||
	    get_int(o, "FailbackWindowStart", w, &wstart, err) ||
	    get_int(o, "FailbackWindowEnd", w, &wend, err) ||
	    get_bool(o, "IsCoreGroup", w, &core, err))
		return -1;

	detail_section(d, "WSFC role");
	add_worded(d, "type", type, WORD_OF(group_types, type));
	add_bool(d, "core group", core);
	if (node != NULL)
		add_text(d, DETAIL_PLAIN, "owner node", node);
	add_group_state(d, "state", state);
	add_worded(d, "priority", priority, WORD_OF(priorities, priority));
	if (id != NULL)
		add_text(d, DETAIL_DIM, "id", id);
	add_status(d, status, group_status_bits,
		   sizeof(group_status_bits) / sizeof(group_status_bits[0]));
	add_int(d, "persistent state", persistent);
	if (desc != NULL && *desc)
		add_text(d, DETAIL_PLAIN, "description", desc);

	detail_section(d, "Failover");
	if (add_owners(d, top, "preferred owners", "none: any node", err) != 0)
		return -1;
	if (threshold == UNSET_U32)
		detail_add(d, DETAIL_DIM, "failovers", "not set: the "
			   "cluster's default");
	else if (threshold != WSFC_ABSENT)
		detail_add(d, DETAIL_PLAIN, "failovers", "at most %" PRId64
			   "%s", threshold, period != WSFC_ABSENT ? "" :
			   " (period not given)");
	if (period != WSFC_ABSENT)
		detail_add(d, DETAIL_PLAIN, "failover period", "%" PRId64 " h",
			   period);
	add_worded(d, "failback", failback, WORD_OF(failback_types, failback));
	if (wstart == UNSET_U32 || wend == UNSET_U32)
		detail_add(d, DETAIL_DIM, "failback window", "none: at once");
	else if (wstart != WSFC_ABSENT && wend != WSFC_ABSENT)
		detail_add(d, DETAIL_PLAIN, "failback window",
			   "%02" PRId64 ":00 to %02" PRId64 ":00", wstart, wend);
	return group_members(top, d, err);
}

static int
node_detail(json_t *top, const struct detail_ask *q, struct detail *d,
	    char **err)
{
	json_t *o, *gl;
	const char *id, *csd, *maker, *model, *desc;
	int64_t state, drain, status, weight, dynamic, target, derr, failback;
	int64_t major, minor, build, highest, lowest;
	size_t ng, i;
	const char *w = "node";

	if (the_object(top, "node", q, &o, err) != 0 ||
	    get_str(o, "Id", w, &id, err) ||
	    get_str(o, "CSDVersion", w, &csd, err) ||
	    get_str(o, "Manufacturer", w, &maker, err) ||
	    get_str(o, "Model", w, &model, err) ||
	    get_str(o, "Description", w, &desc, err) ||
	    get_int(o, "State", w, &state, err) ||
	    get_int(o, "DrainStatus", w, &drain, err) ||
	    get_int(o, "StatusInformation", w, &status, err) ||
	    get_int(o, "NodeWeight", w, &weight, err) ||
	    get_int(o, "DynamicWeight", w, &dynamic, err) ||
	    get_int(o, "DrainTarget", w, &target, err) ||
	    get_int(o, "DrainErrorCode", w, &derr, err) ||
	    get_int(o, "FailbackStatus", w, &failback, err) ||
	    get_int(o, "MajorVersion", w, &major, err) ||
	    get_int(o, "MinorVersion", w, &minor, err) ||
	    get_int(o, "BuildNumber", w, &build, err) ||
	    get_int(o, "NodeHighestVersion", w, &highest, err) ||
	    get_int(o, "NodeLowestVersion", w, &lowest, err) ||
	    get_list(top, "groups", "the detail", &gl, &ng, err))
		return -1;

	detail_section(d, "WSFC node");
	if (id != NULL)
		add_text(d, DETAIL_DIM, "id", id);
	add_node_state(d, "state", state);
	add_worded(d, "drain", drain, WORD_OF(drain_words, drain));
	if (target == UNSET_U32)
		detail_add(d, DETAIL_DIM, "drain target", "none");
	else
		add_int(d, "drain target", target);
	if (derr != WSFC_ABSENT && derr != 0)
		add_code(d, "drain error", derr);
	add_worded(d, "failback", failback, WORD_OF(drain_words, failback));
	add_status(d, status, node_status_bits,
		   sizeof(node_status_bits) / sizeof(node_status_bits[0]));
	add_int(d, "vote (NodeWeight)", weight);
	add_int(d, "dynamic vote", dynamic);
	if (major != WSFC_ABSENT && minor != WSFC_ABSENT) {
		char bn[32] = "";
		char *v;

		if (build != WSFC_ABSENT)
			snprintf(bn, sizeof(bn), " build %" PRId64, build);
		v = xasprintf("%" PRId64 ".%" PRId64 "%s%s%s", major, minor,
			      bn, csd != NULL && *csd ? " " : "",
			      csd != NULL ? csd : "");
		add_text(d, DETAIL_PLAIN, "Windows", v);
		free(v);
	}
	/* NodeHighestVersion and NodeLowestVersion: the cluster versions
	 * the node can join, as the numbers they are. */
	if (highest != WSFC_ABSENT && lowest != WSFC_ABSENT)
		detail_add(d, DETAIL_DIM, "cluster versions", "0x%08" PRIX64
			   " to 0x%08" PRIX64, (uint64_t)lowest,
			   (uint64_t)highest);
	if (maker != NULL && *maker)
		add_text(d, DETAIL_PLAIN, "manufacturer", maker);
	if (model != NULL && *model)
		add_text(d, DETAIL_PLAIN, "model", model);
	if (desc != NULL && *desc)
		add_text(d, DETAIL_PLAIN, "description", desc);

	detail_section(d, "Roles owned");
	if (ng == 0)
		detail_add(d, DETAIL_DIM, "", "none");
	for (i = 0; i < ng && i < WSFC_DETAIL_LIST_MAX; i++) {
		json_t *e = list_at(gl, i);
		const char *name;
		int64_t st;
		int gcore;
		char what[64], *cn;
		enum group_state s;

		snprintf(what, sizeof(what), "groups[%zu]", i);
		if (!json_is_object(e)) {
			*err = xasprintf("the detail: %s is not an object",
					 what);
			return -1;
		}
		if (get_str(e, "Name", what, &name, err) ||
		    get_int(e, "State", what, &st, err) ||
		    get_bool(e, "IsCoreGroup", what, &gcore, err))
			return -1;
		if (name == NULL) {
			*err = xasprintf("the detail: %s has no Name", what);
			return -1;
		}
		s = wsfc_group_state(st);
		cn = clip(name);
		detail_add(d, group_tone(s), cn, "%s%s",
			   st == WSFC_ABSENT ? "?" : group_state_word(s),
			   gcore == 1 ? "  core" : "");
		free(cn);
	}
	add_more(d, i, ng);
	return 0;
}

/* The script's own error: message, id and category apart. */
static void
node_error(json_t *top, struct wsfc_detail_failure *fail, char **err)
{
	json_t *e = prop(top, "error");
	const char *msg = NULL, *id = NULL, *cat = NULL;

	if (json_is_object(e)) {
		json_t *m = prop(e, "message"), *f = prop(e, "fqid");
		json_t *c = prop(e, "category");

		msg = json_is_string(m) ? json_string_value(m) : NULL;
		id = json_is_string(f) ? json_string_value(f) : NULL;
		cat = json_is_string(c) ? json_string_value(c) : NULL;
	}
	if (id != NULL && *id)
		fail->fqid = clip(id);
	if (cat != NULL && *cat)
		fail->category = clip(cat);
	if (msg == NULL || *msg == '\0')
		msg = "it failed without a message";
	{
		char *cm = clip(msg);

		*err = xasprintf("the cluster node said: %s%s%s%s%s%s", cm,
				 fail->fqid ? " (error " : "",
				 fail->fqid ? fail->fqid : "",
				 fail->category ? ", category " : "",
				 fail->category ? fail->category : "",
				 fail->fqid ? ")" : "");
		free(cm);
	}
}

int
wsfc_detail_parse(const char *text, size_t len, const struct detail_ask *q,
		  struct detail *out, struct wsfc_detail_failure *fail,
		  char **err)
{
	static const char *const kinds[] = {
		[TARGET_RESOURCE] = "resource",
		[TARGET_GROUP] = "group",
		[TARGET_NODE] = "node",
	};
	struct detail d = { 0 };
	json_t *top = NULL, *ok;
	const char *kind;
	int rc = -1;

	memset(fail, 0, sizeof(*fail));
	if ((unsigned)q->kind > TARGET_NODE) {
		*err = xasprintf("no WSFC detail of a target of kind %d",
				 (int)q->kind);
		return -1;
	}
	if (wsfc_capture_load(text, len, "the detail", &top, err) != 0)
		return -1;
	ok = prop(top, "ok");
	if (ok == NULL || !json_is_boolean(ok)) {
		*err = xstrdup("the detail has no \"ok\" true or false: not "
			       "ccon's");
		goto out;
	}
	if (!json_is_true(ok)) {
		node_error(top, fail, err);
		goto out;
	}
	if (get_str(top, "kind", "the detail", &kind, err) != 0)
		goto out;
	if (kind == NULL || strcmp(kind, kinds[q->kind]) != 0) {
		*err = xasprintf("the detail is of a %.20s, not of a %s",
				 kind != NULL ? kind : "(no kind)",
				 kinds[q->kind]);
		goto out;
	}
	switch (q->kind) {
	case TARGET_RESOURCE:
		rc = resource_detail(top, q, &d, err);
		break;
	case TARGET_GROUP:
		rc = group_detail(top, q, &d, err);
		break;
	case TARGET_NODE:
		rc = node_detail(top, q, &d, err);
		break;
	}
	if (rc == 0)
		detail_append(out, &d);
out:
	detail_free(&d);
	json_decref(top);
	return rc;
}

/* ---- from a saved capture ----------------------------------------------- */

static const char not_in_capture[] =
	"possible and preferred owners, private parameters, failure "
	"policy: a capture does not hold them (a live node does)";

int
wsfc_detail_from_capture(const struct wsfc_capture *c,
			 const struct detail_ask *q, struct detail *out,
			 char **err)
{
	const struct snapshot *s = c->snap;
	struct detail d = { 0 };
	long i;
	size_t k, n;

	switch (q->kind) {
	case TARGET_RESOURCE: {
		const struct wsfc_resource_info *ri;

		if ((i = snapshot_find_resource(s, q->id)) < 0)
			goto none;
		ri = &c->resources[i];
		detail_section(&d, "WSFC resource (from the capture)");
		if (s->resources[i].agent != NULL)
			add_text(&d, DETAIL_PLAIN, "type",
				 s->resources[i].agent);
		if (s->resources[i].group != NULL)
			add_text(&d, DETAIL_PLAIN, "role",
				 s->resources[i].group);
		if (ri->owner_node != NULL)
			add_text(&d, DETAIL_PLAIN, "owner node",
				 ri->owner_node);
		add_res_state(&d, "state", ri->state);
		if (ri->id != NULL)
			add_text(&d, DETAIL_DIM, "id", ri->id);
		add_bool(&d, "core resource", ri->is_core_resource);
		add_status(&d, ri->status_information, res_status_bits,
			   sizeof(res_status_bits) /
			   sizeof(res_status_bits[0]));
		add_code(&d, "last operation", ri->last_operation_status);
		detail_section(&d, "Dependencies");
		add_dependency(&d, ri->dependency_expression);
		break;
	}
	case TARGET_GROUP: {
		const struct wsfc_group_info *gi;
		const struct model_group *g;

		if ((i = snapshot_find_group(s, q->id)) < 0)
			goto none;
		gi = &c->groups[i];
		g = &s->groups[i];
		detail_section(&d, "WSFC role (from the capture)");
		add_worded(&d, "type", gi->group_type,
			   WORD_OF(group_types, gi->group_type));
		add_bool(&d, "core group", gi->core);
		if (gi->owner_node != NULL)
			add_text(&d, DETAIL_PLAIN, "owner node",
				 gi->owner_node);
		add_group_state(&d, "state", gi->state);
		add_worded(&d, "priority", gi->priority,
			   WORD_OF(priorities, gi->priority));
		if (gi->id != NULL)
			add_text(&d, DETAIL_DIM, "id", gi->id);
		add_status(&d, gi->status_information, group_status_bits,
			   sizeof(group_status_bits) /
			   sizeof(group_status_bits[0]));
		add_int(&d, "persistent state", gi->persistent_state);
		detail_section(&d, "Resources, in dependency order");
		if (g->n_members == 0)
			detail_add(&d, DETAIL_DIM, "", "none");
		/* The snapshot ranks members after what they depend on. */
		for (k = 0; k < g->n_members && k < WSFC_DETAIL_LIST_MAX; k++) {
			const struct model_resource *r =
				&s->resources[g->members[k]];
			char *name = clip(r->id);

			detail_add(&d, res_tone(r->state), name, "%s%s%.*s",
				   res_state_word(r->state),
				   r->agent ? "  " : "", WSFC_DETAIL_TEXT_MAX,
				   r->agent ? r->agent : "");
			free(name);
		}
		add_more(&d, k, g->n_members);
		break;
	}
	case TARGET_NODE: {
		const struct wsfc_node_info *ni;
		const char *name;

		if ((i = snapshot_find_node(s, q->id)) < 0)
			goto none;
		ni = &c->nodes[i];
		name = s->nodes[i].name;
		detail_section(&d, "WSFC node (from the capture)");
		if (ni->id != NULL)
			add_text(&d, DETAIL_DIM, "id", ni->id);
		add_node_state(&d, "state", ni->state);
		add_worded(&d, "drain", ni->drain_status,
			   WORD_OF(drain_words, ni->drain_status));
		add_status(&d, ni->status_information, node_status_bits,
			   sizeof(node_status_bits) /
			   sizeof(node_status_bits[0]));
		add_int(&d, "vote (NodeWeight)", ni->node_weight);
		add_int(&d, "dynamic vote", ni->dynamic_weight);
		detail_section(&d, "Roles owned");
		for (k = 0, n = 0; k < s->n_groups; k++) {
			if (c->groups[k].owner_node == NULL ||
			    strcasecmp(c->groups[k].owner_node, name) != 0)
				continue;
			if (n++ < WSFC_DETAIL_LIST_MAX) {
				char *gn = clip(s->groups[k].id);

				detail_add(&d, group_tone(s->groups[k].state),
					   gn, "%s%s",
					   group_state_word(s->groups[k].state),
					   c->groups[k].core ? "  core" : "");
				free(gn);
			}
		}
		if (n == 0)
			detail_add(&d, DETAIL_DIM, "", "none");
		add_more(&d, n < WSFC_DETAIL_LIST_MAX ? n :
			 WSFC_DETAIL_LIST_MAX, n);
		break;
	}
	default:
		*err = xasprintf("no WSFC detail of a target of kind %d",
				 (int)q->kind);
		return -1;
	}
	detail_section(&d, "Not in a capture");
	detail_add(&d, DETAIL_DIM, "", "%s", not_in_capture);
	detail_append(out, &d);
	detail_free(&d);
	return 0;
none:
	*err = xasprintf("no such %s '%.80s' in the capture",
			 target_kind_word(q->kind), q->id);
	return -1;
}
