/* The crm_mon document is walked once, in document order: nodes, then
 * resources (groups, clones and bundles are containers whose resources
 * follow them), then the fail counts of node_history, the failures and
 * the bans, which are folded into the resources they name. Attribute
 * names that changed across Pacemaker versions are read under both. */
#include "backend/drivers/pacemaker/pcmk_xml.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "backend/util/str.h"
#include "backend/util/termtext.h"
#include "backend/util/xalloc.h"
#include "backend/util/xmlread.h"

/* Inputs larger than this are refused rather than parsed: a real cluster
 * of thousands of resources stays far below it. */
#define PCMK_XML_MAX (256u * 1024 * 1024)
/* Pacemaker's score and fail count for "infinitely many". */
#define PCMK_INFINITY 1000000u

/* A failure record of <failures>, kept until resources are known. */
struct failure {
	char *id;           /* resource id, from op_key "<id>_<task>_<interval>" */
	char *node;
	char *text;         /* "start on node2: error (1): reason" */
	long long when;
	bool used;
};

/* A move or ban: the constraint's id, and the resource, group or clone
 * it holds. */
struct pin {
	char *rsc;
	char *id;
};

/* A fail count of <node_history>. */
struct failcount {
	char *id;
	char *node;
	unsigned count;
};

struct parse {
	struct snapshot *s;
	struct failure *failures;
	size_t n_failures;
	struct failcount *counts;
	size_t n_counts;
	struct pin *pinned;  /* what bans and move constraints hold */
	size_t n_pinned;
	char **own_stopped;  /* primitives whose own target-role is Stopped */
	size_t n_own_stopped;
	/* Nodes named elsewhere than in <nodes> (where resources run, the
	 * DC, the node history): crm_mon --node or --exclude=nodes lists
	 * few or none of them. */
	char **named;
	size_t n_named;
	char *dc;            /* the DC that <current_dc> names, or NULL */
};

/* An attribute's value, or NULL. The caller frees it (xmlFree). */
static char *
attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static bool
attr_true(const xmlNode *n, const char *name)
{
	char *v = attr(n, name);
	bool t = v != NULL && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ||
			       strcmp(v, "yes") == 0);

	xmlFree(v);
	return t;
}

static bool
attr_is(const xmlNode *n, const char *name, const char *want)
{
	char *v = attr(n, name);
	bool same = v != NULL && strcmp(v, want) == 0;

	xmlFree(v);
	return same;
}

static const char *const month_names[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long long
days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

/* Whether the fields of a time stamp are a time of day on a calendar
 * date ccon can place: the input is the node's, and a crafted one must
 * not overflow the arithmetic below. */
static bool
time_fields_ok(int y, int mo, int d, int h, int mi, int sec)
{
	return y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 &&
	       d <= 31 && h >= 0 && h <= 24 && mi >= 0 && mi <= 59 &&
	       sec >= 0 && sec <= 60;
}

static long long
epoch_of(int y, int mo, int d, int h, int mi, int sec)
{
	return days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400LL +
	       h * 3600LL + mi * 60LL + sec;
}

long long
pcmk_parse_time(const char *s)
{
	int y, mo, d, h, mi, sec, zh = 0, zm = 0, n = 0, i;
	char mon[4], sign = '+';

	if (s == NULL)
		return 0;
	while (*s == ' ' || *s == '\'')
		s++;
	if (isdigit((unsigned char)*s) && strspn(s, "0123456789") ==
	    strlen(s)) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(s, &end, 10);
		return errno == 0 ? v : 0;
	}
	/* Every field has a width: sscanf's %d on a number too large for
	 * an int is undefined. */
	if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec,
		   &n) == 6 ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec,
		   &n) == 6) {
		const char *z = s + n;

		while (*z == ' ')
			z++;
		if ((*z == '+' || *z == '-') &&
		    sscanf(z + 1, "%2d:%2d", &zh, &zm) >= 1)
			sign = *z;
		if (!time_fields_ok(y, mo, d, h, mi, sec) || zh < 0 ||
		    zh > 23 || zm < 0 || zm > 59)
			return 0;
		return epoch_of(y, mo, d, h, mi, sec) -
		       (sign == '-' ? -1 : 1) * (zh * 3600LL + zm * 60LL);
	}
	/* ctime(3) form; the day name is skipped, the month matched. */
	n = 0;
	if (sscanf(s, "%*3s %3s %2d %2d:%2d:%2d %4d%n", mon, &d, &h, &mi, &sec,
		   &y, &n) == 6 && strspn(s + n, " '") == strlen(s + n)) {
		for (i = 0; i < 12; i++)
			if (strcmp(mon, month_names[i]) == 0)
				return time_fields_ok(y, i + 1, d, h, mi, sec)
				       ? epoch_of(y, i + 1, d, h, mi, sec) : 0;
	}
	return 0;
}

/* ---- nodes ------------------------------------------------------------ */

static void
parse_node(struct parse *p, const xmlNode *n)
{
	char *name = attr(n, "name");
	bool online = attr_true(n, "online"), unclean = attr_true(n, "unclean");
	bool pending = attr_true(n, "pending");
	bool standby = attr_true(n, "standby") ||
		       attr_true(n, "standby_onfail");
	enum node_state st;
	unsigned flags = 0;

	if (name == NULL)
		return;
	/* Unclean is beside the state, as crm_mon prints it: "UNCLEAN
	 * (online)" is a node that runs (it is asked to be fenced, or its
	 * stop failed), "UNCLEAN (offline)" one lost and not yet fenced. */
	if (unclean)
		flags |= NODE_F_UNCLEAN;
	if (!online)
		st = pending && !unclean ? NODE_JOINING : NODE_DOWN;
	else if (pending)
		st = NODE_JOINING;
	else if (standby)
		st = NODE_PAUSED;
	else
		st = NODE_UP;
	if (standby)
		flags |= NODE_F_STANDBY;
	if (attr_true(n, "maintenance"))
		flags |= NODE_F_MAINTENANCE;
	if (attr_true(n, "is_dc"))
		flags |= NODE_F_DC;
	snapshot_add_node(p->s, name, st, flags);
	xmlFree(name);
}

/* A node named outside <nodes>, remembered once. <nodes> comes first:
 * a node it listed is found at once, and the list stays as short as
 * what crm_mon left out. */
static void
name_node(struct parse *p, const char *name)
{
	size_t i;

	if (name == NULL || *name == '\0' ||
	    snapshot_find_node(p->s, name) >= 0)
		return;
	for (i = 0; i < p->n_named; i++)
		if (strcmp(p->named[i], name) == 0)
			return;
	p->named = xreallocarray(p->named, p->n_named + 1, sizeof(*p->named));
	p->named[p->n_named++] = xstrdup(name);
}

/* The nodes crm_mon did not list but named elsewhere: asked for one
 * node (--node) or none (--exclude=nodes), it still shows where the
 * resources run. What state they are in it did not say; the DC alone is
 * known to be up, being the cluster's controller. */
static void
add_named_nodes(struct parse *p)
{
	size_t i;

	if (p->dc != NULL && snapshot_find_node(p->s, p->dc) < 0)
		snapshot_add_node(p->s, p->dc, NODE_UP, NODE_F_DC);
	for (i = 0; i < p->n_named; i++)
		if (snapshot_find_node(p->s, p->named[i]) < 0)
			snapshot_add_node(p->s, p->named[i], NODE_UNKNOWN, 0);
}

/* ---- resources -------------------------------------------------------- */

/* Pacemaker's role words, old and new, and its pending operations, to
 * the clusapi states. */
static enum res_state
role_state(const char *role, const char *pending)
{
	const char *w = pending != NULL && *pending ? pending : role;

	if (w == NULL)
		return RES_UNKNOWN;
	if (strcmp(w, "Starting") == 0 || strcmp(w, "Promoting") == 0)
		return RES_ONLINE_PENDING;
	if (strcmp(w, "Stopping") == 0 || strcmp(w, "Demoting") == 0)
		return RES_OFFLINE_PENDING;
	if (strcmp(w, "Migrating") == 0)
		return RES_PENDING;
	if (w == pending)   /* "Monitoring" and the like: the role says */
		return role_state(role, NULL);
	if (strcmp(w, "Started") == 0 || strcmp(w, "Promoted") == 0 ||
	    strcmp(w, "Unpromoted") == 0 || strcmp(w, "Master") == 0 ||
	    strcmp(w, "Slave") == 0)
		return RES_ONLINE;
	if (strcmp(w, "Stopped") == 0)
		return RES_OFFLINE;
	return RES_UNKNOWN;
}

static void
parse_primitive(struct parse *p, const xmlNode *n, const char *container,
		bool container_disabled, bool in_clone)
{
	char *id = attr(n, "id"), *agent = attr(n, "resource_agent");
	char *role = attr(n, "role"), *pending = attr(n, "pending");
	char *target = attr(n, "target_role");
	enum res_state st;
	unsigned flags = 0;
	const xmlNode *c;
	size_t r;

	if (id == NULL)
		goto out;
	st = role_state(role, pending);
	/* A clone lists a stopped "orphaned" instance beyond clone-max on
	 * nodes that probed it; crm_mon's own text hides it, so do we. */
	if (in_clone && st == RES_OFFLINE &&
	    (attr_true(n, "orphaned") || attr_true(n, "removed")))
		goto out;
	if (attr_true(n, "failed") && !attr_true(n, "failure_ignored"))
		st = RES_FAILED;
	if (attr_true(n, "blocked")) {
		st = RES_FAILED;
		flags |= RES_F_BLOCKED;
	}
	if (attr_is(n, "managed", "false"))
		flags |= RES_F_UNMANAGED;
	if (attr_true(n, "maintenance"))
		flags |= RES_F_MAINTENANCE;
	if (attr_true(n, "orphaned") || attr_true(n, "removed"))
		flags |= RES_F_ORPHANED;
	/* crm_mon prints the target role in force, the resource's own or
	 * else its container's: a member's own Started outweighs its
	 * group's Stopped (and it runs). Stopped in a container that is not
	 * stopped can only be the resource's own; in a stopped one, only
	 * the configuration says whose it is (fold). */
	if (target != NULL ? strcasecmp(target, "Stopped") == 0
			   : container_disabled)
		flags |= RES_F_DISABLED;
	if (target != NULL && strcasecmp(target, "Stopped") == 0 &&
	    !container_disabled)
		flags |= RES_F_OWN_STOPPED;
	r = snapshot_add_resource(p->s, id, container, agent, st, flags);
	/* The words of Pacemaker 2.1 and later for the roles of 2.0. */
	if (role != NULL)
		snapshot_resource_set_role(p->s, r,
			strcmp(role, "Master") == 0 ? "Promoted"
			: strcmp(role, "Slave") == 0 ? "Unpromoted" : role);
	for (c = n->children; c != NULL; c = c->next) {
		char *node;

		if (!xmlread_is(c, "node"))
			continue;
		node = attr(c, "name");
		if (node != NULL) {
			snapshot_resource_add_node(p->s, r, node);
			name_node(p, node);
		}
		xmlFree(node);
	}
out:
	xmlFree(id);
	xmlFree(agent);
	xmlFree(role);
	xmlFree(pending);
	xmlFree(target);
}

/* The resources of a container (group, clone, bundle), whatever depth
 * they sit at: a clone of a group, a bundle's replicas. */
static void
parse_members(struct parse *p, const xmlNode *n, const char *container,
	      bool disabled, bool in_clone)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next) {
		if (xmlread_is(c, "resource"))
			parse_primitive(p, c, container, disabled, in_clone);
		else if (xmlread_is(c, "group") || xmlread_is(c, "replica") ||
			 xmlread_is(c, "clone"))
			parse_members(p, c, container, disabled, in_clone);
	}
}

/* One child of <resources>: a primitive, or a group, clone or bundle
 * with its members. */
static void
parse_resource_item(struct parse *p, const xmlNode *c)
{
	enum group_kind kind;
	unsigned flags = 0;
	char *id;

	if (xmlread_is(c, "resource")) {
		parse_primitive(p, c, NULL, false, false);
		return;
	}
	if (xmlread_is(c, "group"))
		kind = GROUP_KIND_GROUP;
	else if (xmlread_is(c, "clone"))
		kind = GROUP_KIND_CLONE;
	else if (xmlread_is(c, "bundle"))
		kind = GROUP_KIND_BUNDLE;
	else
		return;
	id = attr(c, "id");
	if (id == NULL)
		return;
	if (attr_true(c, "disabled") ||
	    attr_is(c, "target_role", "Stopped") ||
	    attr_is(c, "target_role", "stopped"))
		flags |= RES_F_DISABLED;
	if (attr_is(c, "managed", "false"))
		flags |= RES_F_UNMANAGED;
	if (attr_true(c, "maintenance"))
		flags |= RES_F_MAINTENANCE;
	snapshot_add_group(p->s, id, kind, flags);
	parse_members(p, c, id, flags & RES_F_DISABLED,
		      kind != GROUP_KIND_GROUP);
	xmlFree(id);
}

/* ---- history, failures, bans ------------------------------------------ */

/* One <node> of <node_history>: the fail counts of its resources. */
static void
parse_history_node(struct parse *p, const xmlNode *n)
{
	const xmlNode *h;
	char *node;

	if (!xmlread_is(n, "node"))
		return;
	node = attr(n, "name");
	name_node(p, node);
	for (h = n->children; node != NULL && h != NULL; h = h->next) {
		char *id, *fc;
		long v;

		if (!xmlread_is(h, "resource_history"))
			continue;
		id = attr(h, "id");
		fc = attr(h, "fail-count");
		v = fc != NULL ? strtol(fc, NULL, 10) : 0;
		if (id != NULL && v > 0) {
			p->counts = xreallocarray(p->counts, p->n_counts + 1,
						  sizeof(*p->counts));
			p->counts[p->n_counts].id = xstrdup(id);
			p->counts[p->n_counts].node = xstrdup(node);
			p->counts[p->n_counts].count =
			    v > (long)PCMK_INFINITY ? PCMK_INFINITY
						    : (unsigned)v;
			p->n_counts++;
		}
		xmlFree(id);
		xmlFree(fc);
	}
	xmlFree(node);
}

/* "web-ip_start_0" -> "web-ip"; the task and interval are the last two
 * underscore-separated fields, and ids may hold underscores. */
static char *
op_key_id(const char *key)
{
	const char *last = strrchr(key, '_'), *task;

	if (last == NULL || last == key)
		return NULL;
	for (task = last - 1; task > key && *task != '_'; task--)
		;
	if (task == key)
		return NULL;
	return xasprintf("%.*s", (int)(task - key), key);
}

/* One <failure> of <failures>. */
static void
parse_failure(struct parse *p, const xmlNode *f)
{
	char *key, *node, *task, *status, *code, *reason, *when, *id;
	char *opstatus;
	struct failure *out;

	if (!xmlread_is(f, "failure"))
		return;
	key = attr(f, "op_key");
	id = key != NULL ? op_key_id(key) : NULL;
	node = attr(f, "node");
	task = attr(f, "task");
	status = attr(f, "exitstatus");
	code = attr(f, "exitcode");
	reason = attr(f, "exitreason");
	when = attr(f, "last-rc-change");
	opstatus = attr(f, "status");
	if (id != NULL) {
		p->failures = xreallocarray(p->failures,
			p->n_failures + 1, sizeof(*p->failures));
		out = &p->failures[p->n_failures++];
		memset(out, 0, sizeof(*out));
		out->id = id;
		id = NULL;
		out->node = xstrdup(node ? node : "");
		name_node(p, node);
		/* "start on node1: error (1), Timed Out: reason" */
		out->text = xasprintf("%s on %s: %s%s%s%s%s%s%s%s",
			task ? task : "operation", node ? node : "?",
			status ? status : "failed",
			code ? " (" : "", code ? code : "",
			code ? ")" : "",
			opstatus && strcmp(opstatus, "complete") != 0
			? ", " : "",
			opstatus && strcmp(opstatus, "complete") != 0
			? opstatus : "",
			reason && *reason ? ": " : "",
			reason && *reason ? reason : "");
		out->when = pcmk_parse_time(when);
	}
	free(id);
	xmlFree(key);
	xmlFree(node);
	xmlFree(task);
	xmlFree(status);
	xmlFree(code);
	xmlFree(reason);
	xmlFree(when);
	xmlFree(opstatus);
}

static void
pin(struct parse *p, const char *rsc, const char *id)
{
	p->pinned = xreallocarray(p->pinned, p->n_pinned + 1,
				  sizeof(*p->pinned));
	p->pinned[p->n_pinned].rsc = xstrdup(rsc);
	p->pinned[p->n_pinned].id = xstrdup(id);
	p->n_pinned++;
}

/* One <ban> of <bans>: only what an operator's move or ban left behind
 * pins. */
static void
parse_ban(struct parse *p, const xmlNode *b)
{
	char *id, *rsc;

	if (!xmlread_is(b, "ban"))
		return;
	id = attr(b, "id");
	rsc = attr(b, "resource");
	if (id != NULL && rsc != NULL && strncmp(id, "cli-", 4) == 0)
		pin(p, rsc, id);
	xmlFree(id);
	xmlFree(rsc);
}

static void
own_stopped(struct parse *p, const char *id)
{
	p->own_stopped = xreallocarray(p->own_stopped, p->n_own_stopped + 1,
				       sizeof(*p->own_stopped));
	p->own_stopped[p->n_own_stopped++] = xstrdup(id);
}

/* One element of the configuration: a move or ban constraint (cli-prefer-*
 * from crm_resource --move, cli-ban-* from --ban), a primitive whose own
 * target role is Stopped, or what holds them. */
static void
parse_config_node(struct parse *p, const xmlNode *n)
{
	const xmlNode *c;
	char *id, *rsc;

	if (xmlread_is(n, "constraints") || xmlread_is(n, "xpath-query")) {
		for (c = n->children; c != NULL; c = c->next)
			parse_config_node(p, c);
		return;
	}
	if (xmlread_is(n, "primitive")) {
		if ((id = attr(n, "id")) != NULL)
			own_stopped(p, id);
		xmlFree(id);
		return;
	}
	if (!xmlread_is(n, "rsc_location"))
		return;
	id = attr(n, "id");
	rsc = attr(n, "rsc");
	if (id != NULL && rsc != NULL &&
	    (strncmp(id, "cli-prefer-", 11) == 0 ||
	     strncmp(id, "cli-ban-", 8) == 0))
		pin(p, rsc, id);
	xmlFree(id);
	xmlFree(rsc);
}

/* What cibadmin says of the configuration (pacemaker.c asks for it): the
 * move and ban constraints, which crm_mon does not list all of, and the
 * primitives stopped by their own target role. One match is printed as
 * it is, several inside <xpath-query>; the whole <constraints> section is
 * read too. */
static int
parse_configuration(struct parse *p, const char *xml, size_t len, char **err)
{
	xmlDoc *doc;
	const xmlNode *root;

	doc = xmlread_doc_or_error(xml, len, "the configuration XML", err);
	if (doc == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	if (root != NULL)
		parse_config_node(p, root);
	xmlFreeDoc(doc);
	return 0;
}

/* ---- folding it together ---------------------------------------------- */

static bool
runs_on(const struct model_resource *r, const char *node)
{
	size_t i;

	for (i = 0; i < r->n_nodes; i++)
		if (strcmp(r->nodes[i], node) == 0)
			return true;
	return false;
}

/* Whether some instance with this id is active on node. */
static bool
instance_runs_on(const struct snapshot *s, const char *id, const char *node)
{
	long at;
	unsigned nth;

	if (node == NULL)
		return false;
	for (nth = 0; (at = snapshot_find_instance(s, id, nth)) >= 0; nth++)
		if (runs_on(&s->resources[at], node))
			return true;
	return false;
}

/* Fail counts and failures go to the resources they name. A stopped
 * resource with a failure on record is FAILED (DESIGN.md): Pacemaker
 * gave up on it. Clone instances share an id: each failure goes to one
 * stopped instance, each fail count to the instance on its node. */
static void
fold(struct parse *p)
{
	struct snapshot *s = p->s;
	size_t r, i;

	for (r = 0; r < s->n_resources; r++) {
		const struct model_resource *res = &s->resources[r];
		unsigned count = 0;
		struct failure *last = NULL;

		for (i = 0; i < p->n_counts; i++) {
			if (strcmp(p->counts[i].id, res->id) != 0)
				continue;
			if (res->n_nodes == 0 || runs_on(res, p->counts[i].node))
				count += p->counts[i].count;
		}
		/* Pacemaker's INFINITY, on several nodes, is still INFINITY. */
		if (count > PCMK_INFINITY)
			count = PCMK_INFINITY;
		for (i = 0; i < p->n_failures; i++) {
			struct failure *f = &p->failures[i];

			if (f->used || strcmp(f->id, res->id) != 0)
				continue;
			if (res->n_nodes > 0 && !runs_on(res, f->node))
				continue;
			/* A failure on a node where an instance of this
			 * clone runs again is that instance's, recovered:
			 * not a stopped sibling's. */
			if (res->n_nodes == 0 && instance_runs_on(s, res->id,
			    f->node))
				continue;
			if (last == NULL || f->when >= last->when)
				last = f;
		}
		if (last != NULL) {
			last->used = res->n_nodes == 0;
			snapshot_resource_set_failure(s, r, count ? count : 1,
						      last->text, last->when);
			if (res->state == RES_OFFLINE)
				snapshot_resource_set_state(s, r, RES_FAILED);
		} else if (count > 0) {
			snapshot_resource_set_failure(s, r, count, NULL, 0);
		}
		/* Running, as last heard of, on nodes that are all down
		 * (unclean, not yet fenced): nobody knows what runs now. */
		if (res->state == RES_ONLINE && res->n_nodes > 0) {
			size_t down = 0;

			for (i = 0; i < res->n_nodes; i++) {
				long nd = snapshot_find_node(s, res->nodes[i]);

				down += nd >= 0 &&
					s->nodes[nd].state == NODE_DOWN;
			}
			if (down == res->n_nodes)
				snapshot_resource_set_state(s, r, RES_UNKNOWN);
		}
		/* 2.x has no per-resource maintenance attribute: a resource
		 * is in maintenance with its node or its whole cluster. */
		for (i = 0; i < res->n_nodes; i++) {
			long nd = snapshot_find_node(s, res->nodes[i]);

			if (s->maintenance_mode ||
			    (nd >= 0 && (s->nodes[nd].flags & NODE_F_MAINTENANCE)))
				snapshot_resource_add_flags(s, r,
							    RES_F_MAINTENANCE);
		}
		if (s->maintenance_mode)
			snapshot_resource_add_flags(s, r, RES_F_MAINTENANCE);
		for (i = 0; i < p->n_pinned; i++) {
			const char *rsc = p->pinned[i].rsc;

			if (strcmp(rsc, res->id) == 0 ||
			    (res->group && strcmp(rsc, res->group) == 0))
				snapshot_resource_add_pin(s, r,
							  p->pinned[i].id);
		}
	}
	/* Stopped by its own target role, which crm_mon cannot tell from
	 * its stopped group's. Its instances, if it is cloned. */
	for (i = 0; i < p->n_own_stopped; i++) {
		long at;
		unsigned nth;

		for (nth = 0; (at = snapshot_find_instance(s,
		     p->own_stopped[i], nth)) >= 0; nth++)
			snapshot_resource_add_flags(s, (size_t)at,
				RES_F_DISABLED | RES_F_OWN_STOPPED);
	}
}

static void
parse_free(struct parse *p)
{
	size_t i;

	for (i = 0; i < p->n_failures; i++) {
		free(p->failures[i].id);
		free(p->failures[i].node);
		free(p->failures[i].text);
	}
	for (i = 0; i < p->n_counts; i++) {
		free(p->counts[i].id);
		free(p->counts[i].node);
	}
	for (i = 0; i < p->n_pinned; i++) {
		free(p->pinned[i].rsc);
		free(p->pinned[i].id);
	}
	for (i = 0; i < p->n_own_stopped; i++)
		free(p->own_stopped[i]);
	for (i = 0; i < p->n_named; i++)
		free(p->named[i]);
	free(p->named);
	free(p->dc);
	free(p->failures);
	free(p->counts);
	free(p->pinned);
	free(p->own_stopped);
}

/* What of crm_mon's own errors is shown: the first few, on one line,
 * sanitized, short enough for a status line (cluster_status.error). */
#define STATUS_ERRORS_MAX 4
#define STATUS_ERRORS_BYTES 200

/* The text of <status><errors><error>...: each error's whitespace run
 * together into one space, the tool's own "crm_mon: " before it dropped
 * (the message says who), "; " between them. "" when there are none.
 * The caller frees it. */
static char *
status_errors(const xmlNode *status, const char *tool)
{
	char shown[STATUS_ERRORS_BYTES], *raw = NULL;
	const xmlNode *errs, *e;
	size_t len = 0, n = 0, tl = strlen(tool);

	for (errs = status->children; errs != NULL; errs = errs->next)
		if (xmlread_is(errs, "errors"))
			break;
	for (e = errs ? errs->children : NULL; e != NULL &&
	     n < STATUS_ERRORS_MAX; e = e->next) {
		char *text, *t;
		bool space = true;
		size_t start;

		if (!xmlread_is(e, "error"))
			continue;
		text = (char *)xmlNodeGetContent(e);
		if (text == NULL)
			continue;
		t = text;
		while (isspace((unsigned char)*t))
			t++;
		if (strncmp(t, tool, tl) == 0 && strncmp(t + tl, ": ", 2) == 0)
			t += tl + 2;
		if (*t != '\0') {
			/* Room for "; " and the error, one byte per byte:
			 * whitespace only ever shrinks. */
			raw = xreallocarray(raw, len + strlen(t) + 3, 1);
			if (n++ > 0) {
				memcpy(raw + len, "; ", 2);
				len += 2;
			}
			start = len;
			for (; *t != '\0'; t++) {
				if (isspace((unsigned char)*t)) {
					if (!space)
						raw[len++] = ' ';
					space = true;
					continue;
				}
				raw[len++] = *t;
				space = false;
			}
			while (len > start && raw[len - 1] == ' ')
				len--;
		}
		xmlFree(text);
	}
	if (raw == NULL)
		return xstrdup("");
	raw[len] = '\0';
	/* Cut at the buffer's end, never inside a character. */
	termtext_sanitize(shown, sizeof(shown), raw);
	free(raw);
	return xstrdup(shown);
}

/* The tool's own verdict, <status code=".." message=".."> with its
 * <errors>: a code other than 0 ("Not connected"), or errors and nothing
 * else (crm_mon says code 0 when it could not read the CIB at all:
 * "Could not connect to the CIB: ..."). has_result: the document holds
 * what was asked for, which errors beside code 0 do not spoil. status
 * NULL: the tool said nothing of it. Returns 0, or -1 with *err "TOOL:
 * MESSAGE (code N): ERRORS". */
static int
check_status(const xmlNode *status, const char *tool, bool has_result,
	     char **err)
{
	char *code, *msg, *errs;
	long v;
	int rc = 0;

	if (status == NULL)
		return 0;
	code = attr(status, "code");
	msg = attr(status, "message");
	v = code ? strtol(code, NULL, 10) : 0;
	errs = status_errors(status, tool);
	if (v != 0) {
		char safe[64];

		termtext_sanitize(safe, sizeof(safe), msg ? msg : "error");
		*err = xasprintf("%s: %s (code %ld)%s%s", tool, safe, v,
				 *errs ? ": " : "", errs);
		rc = -1;
	} else if (!has_result && *errs) {
		*err = xasprintf("%s: %s", tool, errs);
		rc = -1;
	}
	free(errs);
	xmlFree(code);
	xmlFree(msg);
	return rc;
}

/* When crm_mon ran, by its <last_update time>: ctime's form in the
 * local time of the machine that ran it, which for a saved file is
 * most likely this one's zone (pcmk_parse_time reads it as UTC);
 * ISO 8601 with its zone as it says. 0 when unreadable. */
static int64_t
last_update_time(const char *t)
{
	long long utc = pcmk_parse_time(t);
	struct tm tm;
	time_t as_utc, local;

	if (utc <= 0 || t == NULL || isdigit((unsigned char)*t))
		return utc > 0 ? utc : 0;
	/* The same fields as local time: what mktime makes of them. */
	as_utc = (time_t)utc;
	if (gmtime_r(&as_utc, &tm) == NULL)
		return utc;
	tm.tm_isdst = -1;
	local = mktime(&tm);
	return local != (time_t)-1 ? (int64_t)local : utc;
}

static void
parse_summary(struct parse *p, const xmlNode *sum)
{
	const xmlNode *c;

	for (c = sum->children; c != NULL; c = c->next) {
		if (xmlread_is(c, "current_dc")) {
			char *name = attr(c, "name");

			if (attr_true(c, "present") && name != NULL) {
				snapshot_set_dc(p->s, name);
				free(p->dc);
				p->dc = xstrdup(name);
			}
			p->s->quorum = attr_true(c, "with_quorum");
			xmlFree(name);
		} else if (xmlread_is(c, "cluster_options")) {
			p->s->maintenance_mode = attr_true(c, "maintenance-mode");
			p->s->stop_all = attr_true(c, "stop-all-resources");
		} else if (xmlread_is(c, "nodes_configured")) {
			char *v = attr(c, "number"), *end;
			unsigned long n;

			errno = 0;
			n = v != NULL ? strtoul(v, &end, 10) : 0;
			if (v != NULL && *v != '-' && end != v && *end == '\0' &&
			    errno == 0 && n <= 1000000)
				p->s->nodes_configured = (unsigned)n;
			xmlFree(v);
		} else if (xmlread_is(c, "last_update")) {
			char *t = attr(c, "time");

			p->s->data_wall = last_update_time(t);
			xmlFree(t);
		}
	}
}

/* What the walk of a crm_mon document found besides the snapshot. */
struct crm_walk {
	struct parse *p;
	char root[64];           /* the root element's name */
	bool summary;            /* crm_mon's own: it has a summary */
	xmlNode *status;         /* a copy of <status>, kept for the end */
};

static int
crm_root(void *ctx, const char *name)
{
	struct crm_walk *w = ctx;

	str_copy(w->root, sizeof(w->root), name);
	return strcmp(name, "pacemaker-result") == 0 ||
	       strcmp(name, "crm_mon") == 0 ? 0 : -1;
}

/* The sections that can be long are read one entry at a time; what
 * ccon does not show (node_attributes, the operations) is not read. */
static enum xmlread_take
crm_take(void *ctx, const char *name)
{
	static const struct {
		const char *name;
		enum xmlread_take take;
	} sections[] = {
		{ "summary", XMLREAD_WHOLE }, { "nodes", XMLREAD_EACH },
		{ "resources", XMLREAD_EACH }, { "node_history", XMLREAD_EACH },
		{ "failures", XMLREAD_EACH }, { "bans", XMLREAD_EACH },
		{ "status", XMLREAD_WHOLE },
	};
	size_t i;

	(void)ctx;
	for (i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if (strcmp(name, sections[i].name) == 0)
			return sections[i].take;
	return XMLREAD_SKIP;
}

static int
crm_element(void *ctx, const char *section, const xmlNode *n)
{
	struct crm_walk *w = ctx;
	struct parse *p = w->p;

	if (section == NULL) {
		if (xmlread_is(n, "summary")) {
			w->summary = true;
			parse_summary(p, n);
		} else if (xmlread_is(n, "status") && w->status == NULL) {
			/* Judged at the end, when it is known whether the
			 * document held a status at all. */
			w->status = xmlCopyNode((xmlNode *)n, 1);
		}
	} else if (strcmp(section, "nodes") == 0) {
		if (xmlread_is(n, "node"))
			parse_node(p, n);
	} else if (strcmp(section, "resources") == 0) {
		parse_resource_item(p, n);
	} else if (strcmp(section, "node_history") == 0) {
		parse_history_node(p, n);
	} else if (strcmp(section, "failures") == 0) {
		parse_failure(p, n);
	} else if (strcmp(section, "bans") == 0) {
		parse_ban(p, n);
	}
	return 0;
}

int
pcmk_parse(const char *xml, size_t len, const char *constraints,
	   size_t constraints_len, const char *cluster, const char *source,
	   struct snapshot **out, char **err)
{
	struct parse p;
	struct crm_walk cw = { .p = &p };
	const struct xmlread_walk walk = { .root = crm_root, .take = crm_take,
		.element = crm_element, .ctx = &cw };
	int rc = -1, walked;

	memset(&p, 0, sizeof(p));
	*out = NULL;
	if (len == 0) {
		*err = xstrdup("crm_mon printed nothing");
		return -1;
	}
	if (len > PCMK_XML_MAX || (constraints && constraints_len >
				   PCMK_XML_MAX)) {
		*err = xasprintf("crm_mon's output is larger than %u MiB",
				 PCMK_XML_MAX >> 20);
		return -1;
	}
	p.s = snapshot_new(cluster, "pacemaker", source);
	walked = xmlread_walk(xml, len, "crm_mon's XML", &walk, err);
	if (walked < 0)
		goto out;
	if (walked > 0) {
		*err = xasprintf("this is not crm_mon output (the document is "
				 "<%s>)", cw.root);
		goto out;
	}
	/* Other Pacemaker tools answer in the same envelope (crm_resource
	 * --list even has <resources>): crm_mon's has a summary. */
	if (check_status(cw.status, "crm_mon", cw.summary, err) != 0)
		goto out;
	if (!cw.summary && strcmp(cw.root, "crm_mon") == 0) {
		/* The legacy writer (--as-xml) put its errors on stderr. */
		*err = xstrdup("crm_mon printed no status (its legacy XML has "
			       "no <summary>; its errors went to its stderr)");
		goto out;
	}
	if (!cw.summary) {
		*err = xstrdup("this is not crm_mon output: it has no "
			       "<summary>");
		goto out;
	}
	if (constraints != NULL && constraints_len > 0 &&
	    parse_configuration(&p, constraints, constraints_len, err) != 0)
		goto out;
	add_named_nodes(&p);
	/* No node at all, and none configured either: not a cluster's
	 * view (a CIB without nodes). Few listed of many configured is
	 * crm_mon asked for less (--node, --exclude=nodes): shown. */
	if (p.s->n_nodes == 0 && p.s->nodes_configured == 0) {
		*err = xstrdup("crm_mon listed no nodes: is this a cluster "
			       "node, and is the cluster running?");
		goto out;
	}
	if (snapshot_finish(p.s, err) != 0)
		goto out;
	fold(&p);
	/* Failures may have turned members FAILED: derive the groups again. */
	if (snapshot_finish(p.s, err) != 0)
		goto out;
	*out = p.s;
	p.s = NULL;
	rc = 0;
out:
	snapshot_unref(p.s);
	parse_free(&p);
	xmlFreeNode(cw.status);
	return rc;
}

/* ---- crm_simulate ----------------------------------------------------- */

/* crm_simulate's change words (lower-cased by its XML writer) as
 * previews. */
static const struct {
	const char *word;
	enum preview_change change;
} simulate_words[] = {
	{ "start", PREVIEW_START },
	{ "stop", PREVIEW_STOP },
	{ "move", PREVIEW_MOVE },
	{ "migrate", PREVIEW_MOVE },
	{ "restart", PREVIEW_RESTART },
	{ "recover", PREVIEW_RESTART },
	{ "re-promote", PREVIEW_RESTART },
	{ "reload", PREVIEW_RESTART },
	{ "promote", PREVIEW_PROMOTE },
	{ "demote", PREVIEW_DEMOTE },
};

/* "ping:2" -> "ping": an instance number is what Pacemaker appends to a
 * clone's resource (ids cannot hold ':', being NCNames). */
static char *
instance_base(const char *id)
{
	const char *colon = strrchr(id, ':');

	if (colon == NULL || colon == id || colon[1] == '\0' ||
	    strspn(colon + 1, "0123456789") != strlen(colon + 1))
		return xstrdup(id);
	return xasprintf("%.*s", (int)(colon - id), id);
}

/* One <rsc_action>. Its attributes, as crm_simulate writes them: node
 * alone for a start (where it goes) or a stop (where it was); source
 * (and dest when it moves) otherwise. */
static int
simulate_action(const xmlNode *n, struct preview *out, char **err)
{
	char *action = attr(n, "action"), *rsc = attr(n, "resource");
	char *node = attr(n, "node"), *source = attr(n, "source");
	char *dest = attr(n, "dest"), *id = NULL;
	const char *from, *to;
	size_t i;
	int rc = -1;

	if (action == NULL || rsc == NULL) {
		*err = xstrdup("crm_simulate listed an action without a "
			       "resource or a change");
		goto out;
	}
	for (i = 0; i < sizeof(simulate_words) / sizeof(simulate_words[0]); i++)
		if (strcmp(action, simulate_words[i].word) == 0)
			break;
	if (i == sizeof(simulate_words) / sizeof(simulate_words[0])) {
		*err = xasprintf("crm_simulate would %.40s %.80s, a change ccon "
				 "does not know", action, rsc);
		goto out;
	}
	if (attr_true(n, "blocked")) {
		rc = 0;
		goto out;
	}
	if (node != NULL) {
		/* Where it stops, where it starts, or where it is recovered,
		 * promoted or demoted: there before and after. */
		from = simulate_words[i].change == PREVIEW_START ? NULL : node;
		to = simulate_words[i].change == PREVIEW_STOP ? NULL : node;
	} else {
		from = source;
		to = dest != NULL ? dest : source;
	}
	id = instance_base(rsc);
	preview_add(out, simulate_words[i].change, id, from, to);
	rc = 0;
out:
	free(id);
	xmlFree(action);
	xmlFree(rsc);
	xmlFree(node);
	xmlFree(source);
	xmlFree(dest);
	return rc;
}

int
pcmk_parse_simulate(const char *xml, size_t len, struct preview *out,
		    char **err)
{
	xmlDoc *doc;
	const xmlNode *root, *c, *actions = NULL, *status = NULL;
	int rc = -1;

	if (len == 0) {
		*err = xstrdup("crm_simulate printed nothing");
		return -1;
	}
	if (len > PCMK_XML_MAX) {
		*err = xasprintf("crm_simulate's output is larger than %u MiB",
				 PCMK_XML_MAX >> 20);
		return -1;
	}
	if ((doc = xmlread_doc_or_error(xml, len, "crm_simulate's XML", err)) == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !xmlread_is(root, "pacemaker-result")) {
		*err = xasprintf("this is not crm_simulate output (the document "
				 "is <%s>)", root ? (const char *)root->name : "");
		goto out;
	}
	for (c = root->children; c != NULL; c = c->next)
		if (xmlread_is(c, "actions"))
			actions = c;
		else if (xmlread_is(c, "status"))
			status = c;
	if (check_status(status, "crm_simulate", actions != NULL, err) != 0)
		goto out;
	if (actions == NULL) {
		*err = xstrdup("this is not crm_simulate output: it has no "
			       "<actions>");
		goto out;
	}
	for (c = actions->children; c != NULL; c = c->next)
		if (xmlread_is(c, "rsc_action") && simulate_action(c, out, err) != 0)
			goto out;
	rc = 0;
out:
	xmlFreeDoc(doc);
	return rc;
}
