/* The Pacemaker detail; see pcmk_detail.h. */
#include "backend/drivers/pacemaker/pcmk_detail.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "backend/drivers/pacemaker/pcmk_xml.h"
#include "backend/util/xalloc.h"
#include "backend/util/xmlread.h"

/* Operations shown at most: a monitor that fails every ten seconds for
 * a day is not read line by line. */
#define OPS_SHOWN_MAX 40
#define ATTR_MAX 256

/* The one command: crm_mon's status with the operations, the
 * constraints and the object's configuration (not for a node, $2), each
 * ended by a line with its exit status. $1 is a checked NCName (no quote
 * can be in it), and a positional parameter: the shell never reads it as
 * code. */
const char pcmk_detail_script[] =
	"crm_mon --output-as=xml "
	"--include=none,nodes,resources,failcounts,failures,operations,"
	"attributes </dev/null; echo \"ccon-detail-end status $?\"; "
	"[ \"$2\" = node ] && exit 0; "
	"cibadmin --query --scope constraints </dev/null; "
	"echo \"ccon-detail-end constraints $?\"; "
	"cibadmin --query --xpath \"//*[@id='$1']\" </dev/null; "
	"echo \"ccon-detail-end config $?\"";

const char *
pcmk_rc_word(int rc)
{
	static const char *const words[] = {
		"ok", "generic error", "invalid parameter", "unimplemented",
		"insufficient privileges", "not installed", "not configured",
		"not running", "running promoted", "failed promoted",
	};

	if (rc < 0 || rc >= (int)(sizeof(words) / sizeof(words[0])))
		return "unknown";
	return words[rc];
}

/* An attribute copied into buf (cut to fit), or NULL when absent. */
static const char *
prop(const xmlNode *n, const char *name, char *buf, size_t sz)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);

	if (v == NULL)
		return NULL;
	snprintf(buf, sz, "%s", (const char *)v);
	xmlFree(v);
	return buf;
}

static int
prop_int(const xmlNode *n, const char *name, int dflt)
{
	char buf[32];

	if (prop(n, name, buf, sizeof(buf)) == NULL)
		return dflt;
	return atoi(buf);
}

static const xmlNode *
child(const xmlNode *n, const char *name)
{
	for (n = n != NULL ? n->children : NULL; n != NULL; n = n->next)
		if (xmlread_is(n, name))
			return n;
	return NULL;
}

/* The first element of that name at or under n, depth first. */
static const xmlNode *
find_el(const xmlNode *n, const char *name)
{
	const xmlNode *c, *f;

	if (n == NULL)
		return NULL;
	if (xmlread_is(n, name))
		return n;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    (f = find_el(c, name)) != NULL)
			return f;
	return NULL;
}

/* Whether a history's or instance's id is id: "ping" or "ping:2". */
static bool
same_id(const char *have, const char *id)
{
	size_t n = strlen(id);

	return strncmp(have, id, n) == 0 &&
	       (have[n] == '\0' || have[n] == ':');
}

/* Whether a failure's op_key ("web-srv_monitor_10000", "ping:1_start_0")
 * is of resource id: the id, then an optional instance, then '_'. */
static bool
op_key_of(const char *key, const char *id)
{
	size_t n = strlen(id);

	if (strncmp(key, id, n) != 0)
		return false;
	key += n;
	if (*key == ':')
		key += 1 + strspn(key + 1, "0123456789");
	return *key == '_';
}

static const char *
when(const char *stamp, char *buf, size_t sz)
{
	long long t = pcmk_parse_time(stamp);

	if (t > 0)
		return detail_time(t, buf, sz);
	snprintf(buf, sz, "%s", stamp != NULL ? stamp : "?");
	return buf;
}

/* ---- status: failures and operations ---------------------------------- */

struct op_line {
	long long t;
	int call;
	enum detail_tone tone;
	char task[64];
	char *text;
};

static int
op_newest_first(const void *a, const void *b)
{
	const struct op_line *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? 1 : -1;
	return x->call < y->call ? 1 : x->call > y->call ? -1 : 0;
}

static void
status_failures(const xmlNode *root, const struct detail_ask *q,
		struct detail *out)
{
	const xmlNode *f = child(root, "failures"), *n;
	char node[ATTR_MAX], key[ATTR_MAX], task[64], reason[ATTR_MAX],
	    stamp[64], st[64], at[64], rsc[ATTR_MAX];
	int shown = 0, rc;

	detail_section(out, "failed operations");
	for (n = f != NULL ? f->children : NULL; n != NULL; n = n->next) {
		if (!xmlread_is(n, "failure"))
			continue;
		if (prop(n, "node", node, sizeof(node)) == NULL)
			snprintf(node, sizeof(node), "?");
		if (q->kind == TARGET_NODE) {
			if (strcmp(node, q->id) != 0)
				continue;
		} else if (prop(n, "resource", rsc, sizeof(rsc)) != NULL) {
			if (!same_id(rsc, q->id))
				continue;
		} else if (prop(n, "op_key", key, sizeof(key)) == NULL ||
			   !op_key_of(key, q->id)) {
			continue;
		}
		if (prop(n, "task", task, sizeof(task)) == NULL)
			snprintf(task, sizeof(task), "operation");
		rc = prop_int(n, "exitcode", -1);
		if (q->kind == TARGET_NODE &&
		    prop(n, "op_key", key, sizeof(key)) != NULL)
			detail_add(out, DETAIL_BAD, "failed", "%s", key);
		detail_add(out, DETAIL_BAD, "failed op", "%s on %s: rc=%d (%s)%s%s",
		    task, node, rc, pcmk_rc_word(rc),
		    prop(n, "status", st, sizeof(st)) != NULL ? ", " : "",
		    prop(n, "status", st, sizeof(st)) != NULL ? st : "");
		if (prop(n, "exitreason", reason, sizeof(reason)) != NULL &&
		    reason[0] != '\0')
			detail_add(out, DETAIL_BAD, "exit reason", "%s",
			    reason);
		else
			detail_add(out, DETAIL_DIM, "exit reason",
			    "none given");
		detail_add(out, DETAIL_PLAIN, "at", "%s",
		    when(prop(n, "last-rc-change", stamp, sizeof(stamp)), at,
		    sizeof(at)));
		shown++;
	}
	if (shown == 0)
		detail_add(out, DETAIL_DIM, "", f != NULL ? "none" :
		    "none listed");
}

/* One operation_history into a line. */
static void
op_of(const xmlNode *op, const char *node, const char *rsc_shown,
      struct op_line *l)
{
	char task[64], iv[32], rct[64], at[64], exec[32], reason[ATTR_MAX];
	const char *interval = prop(op, "interval", iv, sizeof(iv));
	bool once, has_reason, has_exec;
	int rc = prop_int(op, "rc", -1);

	memset(l, 0, sizeof(*l));
	if (prop(op, "task", task, sizeof(task)) == NULL)
		snprintf(task, sizeof(task), "?");
	snprintf(l->task, sizeof(l->task), "%s", task);
	l->call = prop_int(op, "call", 0);
	l->t = pcmk_parse_time(prop(op, "last-rc-change", rct, sizeof(rct)));
	once = interval == NULL || strcmp(interval, "0") == 0 ||
	    strcmp(interval, "0ms") == 0;
	/* A probe that finds it not running, and a promoted one's
	 * "running promoted", are answers, not failures. */
	l->tone = rc == 0 || rc == 8 || (rc == 7 && once &&
	    strcmp(task, "stop") != 0 && strcmp(task, "start") != 0) ?
	    DETAIL_PLAIN : DETAIL_BAD;
	has_reason = prop(op, "exit-reason", reason, sizeof(reason)) != NULL &&
	    reason[0] != '\0';
	has_exec = prop(op, "exec-time", exec, sizeof(exec)) != NULL;
	l->text = xasprintf("%s%s%s%s on %s: rc=%d (%s)%s%s, call %d, at %s%s%s",
	    rsc_shown != NULL ? rsc_shown : "", rsc_shown != NULL ? " " : "",
	    once ? "once" : "every ", once ? "" : interval, node, rc, pcmk_rc_word(rc),
	    has_reason ? " - " : "", has_reason ? reason : "", l->call,
	    l->t > 0 ? detail_time(l->t, at, sizeof(at)) : "?",
	    has_exec ? ", took " : "", has_exec ? exec : "");
}

static void
status_operations(const xmlNode *root, const struct detail_ask *q,
		  struct detail *out)
{
	const xmlNode *h = child(root, "node_history"), *n, *r, *op;
	struct op_line *lines = NULL;
	size_t n_lines = 0, i;
	char node[ATTR_MAX], id[ATTR_MAX], fc[32], buf[32], lf[64], at[64];
	bool counts = false;

	if (q->kind == TARGET_RESOURCE) {
		detail_section(out, "fail counts");
		for (n = h != NULL ? h->children : NULL; n != NULL;
		     n = n->next) {
			if (!xmlread_is(n, "node") ||
			    prop(n, "name", node, sizeof(node)) == NULL)
				continue;
			for (r = n->children; r != NULL; r = r->next) {
				if (!xmlread_is(r, "resource_history") ||
				    prop(r, "id", id, sizeof(id)) == NULL ||
				    !same_id(id, q->id) ||
				    prop(r, "fail-count", fc,
				    sizeof(fc)) == NULL)
					continue;
				detail_add(out, DETAIL_BAD, node, "%s%s%s",
				    failcount_text((unsigned)strtoul(fc,
				    NULL, 10), buf, sizeof(buf)),
				    prop(r, "last-failure", lf,
				    sizeof(lf)) != NULL ? ", last at " : "",
				    prop(r, "last-failure", lf,
				    sizeof(lf)) != NULL ? when(lf, at,
				    sizeof(at)) : "");
				counts = true;
			}
		}
		if (!counts)
			detail_add(out, DETAIL_DIM, "", "none");
	}
	detail_section(out, "operations, newest first");
	for (n = h != NULL ? h->children : NULL; n != NULL; n = n->next) {
		if (!xmlread_is(n, "node") ||
		    prop(n, "name", node, sizeof(node)) == NULL)
			continue;
		if (q->kind == TARGET_NODE && strcmp(node, q->id) != 0)
			continue;
		for (r = n->children; r != NULL; r = r->next) {
			if (!xmlread_is(r, "resource_history") ||
			    prop(r, "id", id, sizeof(id)) == NULL)
				continue;
			if (q->kind != TARGET_NODE && !same_id(id, q->id))
				continue;
			for (op = r->children; op != NULL; op = op->next) {
				if (!xmlread_is(op, "operation_history"))
					continue;
				lines = xreallocarray(lines, n_lines + 1,
				    sizeof(*lines));
				op_of(op, node, q->kind == TARGET_NODE ? id :
				    NULL, &lines[n_lines++]);
			}
		}
	}
	if (n_lines > 0)
		qsort(lines, n_lines, sizeof(*lines), op_newest_first);
	for (i = 0; i < n_lines; i++) {
		if (i < OPS_SHOWN_MAX)
			detail_add(out, lines[i].tone, lines[i].task, "%s",
			    lines[i].text);
		free(lines[i].text);
	}
	if (n_lines > OPS_SHOWN_MAX)
		detail_add(out, DETAIL_DIM, "", "and %zu older",
		    n_lines - OPS_SHOWN_MAX);
	if (n_lines == 0)
		detail_add(out, DETAIL_DIM, "", h != NULL ? "none" :
		    "none listed");
	free(lines);
}

static void
status_attributes(const xmlNode *root, const char *name, struct detail *out)
{
	const xmlNode *a = child(root, "node_attributes"), *n, *at;
	char node[ATTR_MAX], an[ATTR_MAX], av[ATTR_MAX];
	int shown = 0;

	detail_section(out, "attributes");
	for (n = a != NULL ? a->children : NULL; n != NULL; n = n->next) {
		if (!xmlread_is(n, "node") ||
		    prop(n, "name", node, sizeof(node)) == NULL ||
		    strcmp(node, name) != 0)
			continue;
		for (at = n->children; at != NULL; at = at->next) {
			if (!xmlread_is(at, "attribute") ||
			    prop(at, "name", an, sizeof(an)) == NULL)
				continue;
			detail_param(out, an, prop(at, "value", av,
			    sizeof(av)));
			shown++;
		}
	}
	if (shown == 0)
		detail_add(out, DETAIL_DIM, "", a != NULL ? "none" :
		    "none listed");
}

int
pcmk_detail_status(const char *xml, size_t len, const struct detail_ask *q,
		   struct detail *out, char **err)
{
	xmlDoc *doc = xmlread_doc_or_error(xml, len, "crm_mon's XML", err);
	const xmlNode *root;

	if (doc == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !xmlread_is(root, "pacemaker-result")) {
		*err = xstrdup("crm_mon's XML is not a pacemaker-result");
		xmlFreeDoc(doc);
		return -1;
	}
	switch (q->kind) {
	case TARGET_RESOURCE:
		status_failures(root, q, out);
		status_operations(root, q, out);
		break;
	case TARGET_NODE:
		status_attributes(root, q->id, out);
		status_failures(root, q, out);
		status_operations(root, q, out);
		break;
	case TARGET_GROUP:
		break;
	}
	xmlFreeDoc(doc);
	return 0;
}

/* ---- constraints -------------------------------------------------------- */

static bool
in_ids(const char *v, const char *const *ids, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		if (strcmp(v, ids[i]) == 0)
			return true;
	return false;
}

/* Whether a constraint names one of ids, itself or in a resource set. */
static bool
touches(const xmlNode *c, const char *const *ids, size_t n)
{
	static const char *const refs[] = { "rsc", "with-rsc", "first",
					    "then" };
	const xmlNode *s, *r;
	char v[ATTR_MAX];
	size_t i;

	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++)
		if (in_ids(prop(c, refs[i], v, sizeof(v)), ids, n))
			return true;
	for (s = c->children; s != NULL; s = s->next) {
		if (!xmlread_is(s, "resource_set"))
			continue;
		for (r = s->children; r != NULL; r = r->next)
			if (xmlread_is(r, "resource_ref") &&
			    in_ids(prop(r, "id", v, sizeof(v)), ids, n))
				return true;
	}
	return false;
}

/* The resource sets of c: "(a b) then (c)". */
static char *
sets_text(const xmlNode *c, const char *between)
{
	const xmlNode *s, *r;
	char *t = xstrdup(""), *u, v[ATTR_MAX];
	bool first_set = true, first;

	for (s = c->children; s != NULL; s = s->next) {
		if (!xmlread_is(s, "resource_set"))
			continue;
		u = xasprintf("%s%s(", t, first_set ? "" : between);
		free(t);
		t = u;
		first = true;
		for (r = s->children; r != NULL; r = r->next) {
			if (!xmlread_is(r, "resource_ref") ||
			    prop(r, "id", v, sizeof(v)) == NULL)
				continue;
			u = xasprintf("%s%s%s", t, first ? "" : " ", v);
			free(t);
			t = u;
			first = false;
		}
		u = xasprintf("%s)", t);
		free(t);
		t = u;
		first_set = false;
	}
	return t;
}

/* The node a location constraint names: its node, or the value of a
 * "#uname eq NODE" expression of its rule. */
static const char *
location_node(const xmlNode *c, char *buf, size_t sz)
{
	const xmlNode *rule, *e;
	char a[64], op[16];

	if (prop(c, "node", buf, sz) != NULL)
		return buf;
	if ((rule = child(c, "rule")) == NULL)
		return NULL;
	for (e = rule->children; e != NULL; e = e->next)
		if (xmlread_is(e, "expression") &&
		    prop(e, "attribute", a, sizeof(a)) != NULL &&
		    strcmp(a, "#uname") == 0 &&
		    prop(e, "operation", op, sizeof(op)) != NULL &&
		    strcmp(op, "eq") == 0 && prop(e, "value", buf, sz) != NULL)
			return buf;
	return NULL;
}

static void
describe(const xmlNode *c, struct detail *out)
{
	char id[ATTR_MAX], node[ATTR_MAX], score[64], a[ATTR_MAX],
	    b[ATTR_MAX], kind[64], ticket[ATTR_MAX];
	const xmlNode *rule;
	const char *nd, *sc;
	char *sets;

	if (prop(c, "id", id, sizeof(id)) == NULL)
		snprintf(id, sizeof(id), "?");
	sc = prop(c, "score", score, sizeof(score));
	if (sc == NULL && (rule = child(c, "rule")) != NULL)
		sc = prop(rule, "score", score, sizeof(score));
	sets = sets_text(c, " then ");
	if (xmlread_is(c, "rsc_location")) {
		nd = location_node(c, node, sizeof(node));
		if (strncmp(id, "cli-prefer-", 11) == 0)
			detail_add(out, DETAIL_WARN, "move", "%s: prefers %s "
			    "(pinned by a move to %s; `u` clears it)", id,
			    nd != NULL ? nd : "?", nd != NULL ? nd : "?");
		else if (strncmp(id, "cli-ban-", 8) == 0)
			detail_add(out, DETAIL_WARN, "ban", "%s: kept off %s "
			    "(a ban; `u` clears it)", id,
			    nd != NULL ? nd : "?");
		else
			detail_add(out, DETAIL_PLAIN, "location",
			    "%s: %s%s%s%s, score %s", id,
			    prop(c, "rsc", a, sizeof(a)) != NULL ? a : sets,
			    nd != NULL ? " on " : "", nd != NULL ? nd : "",
			    nd == NULL && child(c, "rule") != NULL ?
			    " by a rule" : "", sc != NULL ? sc : "?");
	} else if (xmlread_is(c, "rsc_colocation")) {
		if (prop(c, "rsc", a, sizeof(a)) != NULL)
			detail_add(out, DETAIL_PLAIN, "colocation",
			    "%s: %s with %s, score %s", id, a,
			    prop(c, "with-rsc", b, sizeof(b)) != NULL ? b :
			    "?", sc != NULL ? sc : "?");
		else
			detail_add(out, DETAIL_PLAIN, "colocation",
			    "%s: sets %s, score %s", id, sets,
			    sc != NULL ? sc : "?");
	} else if (xmlread_is(c, "rsc_order")) {
		const char *k = prop(c, "kind", kind, sizeof(kind));

		if (prop(c, "first", a, sizeof(a)) != NULL)
			detail_add(out, DETAIL_PLAIN, "order",
			    "%s: %s then %s%s%s%s", id, a,
			    prop(c, "then", b, sizeof(b)) != NULL ? b : "?",
			    k != NULL ? " (" : "", k != NULL ? k : "",
			    k != NULL ? ")" : "");
		else
			detail_add(out, DETAIL_PLAIN, "order", "%s: %s%s%s%s",
			    id, sets, k != NULL ? " (" : "",
			    k != NULL ? k : "", k != NULL ? ")" : "");
	} else if (xmlread_is(c, "rsc_ticket")) {
		detail_add(out, DETAIL_PLAIN, "ticket", "%s: needs ticket %s",
		    id, prop(c, "ticket", ticket, sizeof(ticket)) != NULL ?
		    ticket : "?");
	} else {
		detail_add(out, DETAIL_PLAIN, (const char *)c->name, "%s", id);
	}
	free(sets);
}

int
pcmk_detail_constraints(const char *xml, size_t len, const char *const *ids,
			size_t n, struct detail *out, char **err)
{
	xmlDoc *doc = xmlread_doc_or_error(xml, len, "the constraints", err);
	const xmlNode *root, *cons, *c;
	int shown = 0;

	if (doc == NULL)
		return -1;
	root = xmlDocGetRootElement(doc);
	cons = find_el(root, "constraints");
	detail_section(out, "constraints");
	for (c = cons != NULL ? cons->children : NULL; c != NULL;
	     c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !touches(c, ids, n))
			continue;
		describe(c, out);
		shown++;
	}
	if (shown == 0)
		detail_add(out, DETAIL_DIM, "", "none");
	xmlFreeDoc(doc);
	return 0;
}

/* ---- configuration ------------------------------------------------------ */

static bool
is_resource_el(const xmlNode *n)
{
	return xmlread_is(n, "primitive") || xmlread_is(n, "group") ||
	       xmlread_is(n, "clone") || xmlread_is(n, "master") || xmlread_is(n, "bundle");
}

/* The resource element with that id at or under n. */
static const xmlNode *
find_resource_el(const xmlNode *n, const char *id)
{
	const xmlNode *c, *f;
	char v[ATTR_MAX];

	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return NULL;
	if (is_resource_el(n) && prop(n, "id", v, sizeof(v)) != NULL &&
	    strcmp(v, id) == 0)
		return n;
	for (c = n->children; c != NULL; c = c->next)
		if ((f = find_resource_el(c, id)) != NULL)
			return f;
	return NULL;
}

/* Every nvpair of n's sets called set (instance_attributes, ...). */
static int
nvpairs(const xmlNode *n, const char *set, struct detail *out)
{
	const xmlNode *s, *p;
	char name[ATTR_MAX], value[ATTR_MAX];
	int shown = 0;

	for (s = n->children; s != NULL; s = s->next) {
		if (!xmlread_is(s, set))
			continue;
		for (p = s->children; p != NULL; p = p->next) {
			if (!xmlread_is(p, "nvpair") ||
			    prop(p, "name", name, sizeof(name)) == NULL)
				continue;
			detail_param(out, name, prop(p, "value", value,
			    sizeof(value)));
			shown++;
		}
	}
	return shown;
}

static void
config_primitive(const xmlNode *p, struct detail *out)
{
	const xmlNode *ops, *op;
	char cl[64], pr[64], ty[128], name[64], iv[32], to[32];
	bool have_pr = prop(p, "provider", pr, sizeof(pr)) != NULL;

	detail_add(out, DETAIL_PLAIN, "agent", "%s%s%s:%s",
	    prop(p, "class", cl, sizeof(cl)) != NULL ? cl : "?",
	    have_pr ? ":" : "", have_pr ? pr : "",
	    prop(p, "type", ty, sizeof(ty)) != NULL ? ty : "?");
	detail_section(out, "parameters");
	if (nvpairs(p, "instance_attributes", out) == 0)
		detail_add(out, DETAIL_DIM, "", "none");
	detail_section(out, "meta attributes");
	if (nvpairs(p, "meta_attributes", out) == 0)
		detail_add(out, DETAIL_DIM, "", "none");
	if ((ops = child(p, "operations")) == NULL)
		return;
	detail_section(out, "configured operations");
	for (op = ops->children; op != NULL; op = op->next) {
		if (!xmlread_is(op, "op") ||
		    prop(op, "name", name, sizeof(name)) == NULL)
			continue;
		detail_add(out, DETAIL_PLAIN, name, "every %s%s%s",
		    prop(op, "interval", iv, sizeof(iv)) != NULL ? iv : "0",
		    prop(op, "timeout", to, sizeof(to)) != NULL ?
		    ", timeout " : "", prop(op, "timeout", to,
		    sizeof(to)) != NULL ? to : "");
	}
}

static void
config_container(const xmlNode *g, struct detail *out)
{
	const xmlNode *c;
	char id[ATTR_MAX];
	int k = 0;

	for (c = g->children; c != NULL; c = c->next) {
		if (!is_resource_el(c) ||
		    prop(c, "id", id, sizeof(id)) == NULL)
			continue;
		k++;
		if (xmlread_is(g, "group"))
			detail_add(out, DETAIL_PLAIN, "member", "%d. %s", k,
			    id);
		else
			detail_add(out, DETAIL_PLAIN, "of", "%s %s",
			    (const char *)c->name, id);
	}
	detail_section(out, "meta attributes");
	if (nvpairs(g, "meta_attributes", out) == 0)
		detail_add(out, DETAIL_DIM, "", "none");
}

int
pcmk_detail_config(const char *xml, size_t len, const char *id,
		   struct detail *out, char **err)
{
	xmlDoc *doc = xmlread_doc_or_error(xml, len, "the configuration", err);
	const xmlNode *el;

	if (doc == NULL)
		return -1;
	el = find_resource_el(xmlDocGetRootElement(doc), id);
	detail_section(out, "configuration");
	if (el == NULL)
		detail_add(out, DETAIL_DIM, "", "not in the configuration");
	else if (xmlread_is(el, "primitive"))
		config_primitive(el, out);
	else
		config_container(el, out);
	xmlFreeDoc(doc);
	return 0;
}

/* ---- the live script's output ------------------------------------------- */

struct part {
	const char *text;
	size_t len;
	int status;                   /* -1: missing */
};

/* The exit status after "ccon-detail-end NAME ", read no further than
 * the line's end (the output is not a C string): up to three digits; -1
 * when there are none. */
static int
status_at(const char *p, const char *end)
{
	int v = 0, k = 0;

	for (; p < end && k < 3 && *p >= '0' && *p <= '9'; p++, k++)
		v = v * 10 + (*p - '0');
	return k > 0 ? v : -1;
}

/* Splits text at its "ccon-detail-end NAME STATUS" lines. */
static void
split_parts(const char *text, size_t len, struct part parts[3])
{
	static const char *const names[3] = { "status", "constraints",
					      "config" };
	const char *start = text, *p = text, *end = text + len, *nl;
	size_t i;

	for (i = 0; i < 3; i++)
		parts[i] = (struct part){ NULL, 0, -1 };
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if ((size_t)(nl - p) > 16 &&
		    strncmp(p, "ccon-detail-end ", 16) == 0) {
			for (i = 0; i < 3; i++) {
				size_t n = strlen(names[i]);

				if ((size_t)(nl - p) > 16 + n &&
				    strncmp(p + 16, names[i], n) == 0 &&
				    p[16 + n] == ' ') {
					parts[i].text = start;
					parts[i].len = (size_t)(p - start);
					parts[i].status = status_at(p + 17 + n,
								    nl);
				}
			}
			start = nl < end ? nl + 1 : end;
		}
		p = nl < end ? nl + 1 : end;
	}
}

/* cibadmin's exit status when an XPath query matches nothing (ENXIO). */
#define CIBADMIN_NO_MATCH 105

int
pcmk_detail_output(const char *text, size_t len, const struct detail_ask *q,
		   const char *const *ids, size_t n, struct detail *out,
		   char **err)
{
	struct part parts[3];
	char *e = NULL;

	split_parts(text, len, parts);
	if (parts[0].status < 0 || (q->kind != TARGET_NODE &&
	    (parts[1].status < 0 || parts[2].status < 0))) {
		*err = xstrdup("the detail command printed no answer of its "
			       "own (is the node's shell a POSIX sh?)");
		return -1;
	}
	if (parts[0].status != 0) {
		detail_section(out, "status");
		detail_add(out, DETAIL_BAD, "error", "crm_mon failed (exit %d)",
		    parts[0].status);
	} else if (pcmk_detail_status(parts[0].text, parts[0].len, q, out,
		   &e) != 0) {
		detail_section(out, "status");
		detail_add(out, DETAIL_BAD, "error", "%s", e);
		free(e);
		e = NULL;
	}
	if (q->kind == TARGET_NODE)
		return 0;
	if (parts[1].status != 0 ||
	    pcmk_detail_constraints(parts[1].text, parts[1].len, ids, n, out,
	    &e) != 0) {
		detail_section(out, "constraints");
		if (e != NULL)
			detail_add(out, DETAIL_BAD, "error", "%s", e);
		else
			detail_add(out, DETAIL_BAD, "error",
			    "cibadmin failed (exit %d)", parts[1].status);
		free(e);
		e = NULL;
	}
	if (parts[2].status == CIBADMIN_NO_MATCH) {
		detail_section(out, "configuration");
		detail_add(out, DETAIL_DIM, "", "not in the configuration");
	} else if (parts[2].status != 0 ||
		   pcmk_detail_config(parts[2].text, parts[2].len, q->id, out,
		   &e) != 0) {
		detail_section(out, "configuration");
		if (e != NULL)
			detail_add(out, DETAIL_BAD, "error", "%s", e);
		else
			detail_add(out, DETAIL_BAD, "error",
			    "cibadmin failed (exit %d)", parts[2].status);
		free(e);
	}
	return 0;
}
