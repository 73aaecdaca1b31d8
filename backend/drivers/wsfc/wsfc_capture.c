/* The capture is read in three steps: find the object's bytes (the
 * frame), check they are UTF-8, let jansson parse them; then nodes,
 * groups, resources and dependencies are added in that order, each
 * element checked property by property, so that a message can name the
 * element and the property that were not what the script prints. */
#include "backend/drivers/wsfc/wsfc_capture.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/drivers/wsfc/wsfc_codes.h"
#include "backend/util/xalloc.h"

#define MARK_BEGIN "<<CCON-BEGIN>>"
#define MARK_END "<<CCON-END>>"

enum res_state
wsfc_res_state(int64_t n)
{
	switch (n) {
	case 0: return RES_INHERITED;
	case 1: return RES_INITIALIZING;
	case 2: return RES_ONLINE;
	case 3: return RES_OFFLINE;
	case 4: return RES_FAILED;
	case 128: return RES_PENDING;
	case 129: return RES_ONLINE_PENDING;
	case 130: return RES_OFFLINE_PENDING;
	}
	return RES_UNKNOWN;
}

enum group_state
wsfc_group_state(int64_t n)
{
	/* clusapi.h's page gives ClusterGroupOnline = 206; every other
	 * source says 0, so 206 stays unknown like any other number. */
	switch (n) {
	case 0: return GROUP_ONLINE;
	case 1: return GROUP_OFFLINE;
	case 2: return GROUP_FAILED;
	case 3: return GROUP_PARTIAL_ONLINE;
	case 4: return GROUP_PENDING;
	}
	return GROUP_UNKNOWN;
}

enum node_state
wsfc_node_state(int64_t n)
{
	switch (n) {
	case 0: return NODE_UP;
	case 1: return NODE_DOWN;
	case 2: return NODE_PAUSED;
	case 3: return NODE_JOINING;
	}
	return NODE_UNKNOWN;
}

/* The drain of a StatusInformation's bits. A failure is named first,
 * as the one the operator must act on; in progress before completed,
 * so that contradictory bits never end a pause early. */
static enum node_drain
drain_of_bits(int64_t bits)
{
	if (bits == WSFC_ABSENT)
		return NODE_DRAIN_NONE;
	if (bits & WSFC_NODE_DRAIN_FAILED)
		return NODE_DRAIN_FAILED;
	if (bits & WSFC_NODE_DRAIN_IN_PROGRESS)
		return NODE_DRAIN_IN_PROGRESS;
	if (bits & WSFC_NODE_DRAIN_COMPLETED)
		return NODE_DRAIN_DONE;
	return NODE_DRAIN_NONE;
}

enum node_drain
wsfc_node_drain(const struct wsfc_node_info *ni)
{
	/* DrainStatus keeps its last value after Resume-ClusterNode: only
	 * a paused node's says how a drain goes now. */
	if (wsfc_node_state(ni->state) != NODE_PAUSED)
		return NODE_DRAIN_NONE;
	switch (ni->drain_status) {
	case WSFC_DRAIN_NOT_INITIATED: return NODE_DRAIN_NONE;
	case WSFC_DRAIN_IN_PROGRESS: return NODE_DRAIN_IN_PROGRESS;
	case WSFC_DRAIN_COMPLETED: return NODE_DRAIN_DONE;
	case WSFC_DRAIN_FAILED: return NODE_DRAIN_FAILED;
	}
	/* Absent (older Windows) or undocumented: the bits say the same. */
	return drain_of_bits(ni->status_information);
}

/* Finding the object. */

/* Whether text[b..e) is the line `mark`, give or take a CR and blanks. */
static int
is_mark_line(const char *text, size_t b, size_t e, const char *mark)
{
	size_t n = strlen(mark);

	while (b < e && (text[b] == ' ' || text[b] == '\t'))
		b++;
	while (e > b && (text[e - 1] == '\r' || text[e - 1] == ' ' ||
			 text[e - 1] == '\t'))
		e--;
	return e - b == n && memcmp(text + b, mark, n) == 0;
}

static size_t
line_end(const char *text, size_t len, size_t b)
{
	const char *nl = memchr(text + b, '\n', len - b);

	return nl != NULL ? (size_t)(nl - text) : len;
}

static int
has_bom(const char *text, size_t len, size_t at)
{
	return len - at >= 3 && memcmp(text + at, "\xef\xbb\xbf", 3) == 0;
}

/* The first line of text, made printable, for a message. */
static char *
first_line(const char *text, size_t len)
{
	size_t n = line_end(text, len, 0), i;
	char *s;

	if (n > 60)
		n = 60;
	s = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];

		s[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	s[n] = '\0';
	return s;
}

/* The object's bytes text[*start, *start + *n) and the line of text it
 * begins on (1-based), or -1 with *err. */
static int
find_object(const char *text, size_t len, size_t *start, size_t *n,
	    int *line, char **err)
{
	size_t b = has_bom(text, len, 0) ? 3 : 0, from = b, e;
	int ln = 1, begin_line = 0;
	size_t obj = 0;

	for (; b < len; b = e + 1, ln++) {
		e = line_end(text, len, b);
		if (!begin_line) {
			if (is_mark_line(text, b, e, MARK_BEGIN)) {
				begin_line = ln;
				obj = e + 1 < len ? e + 1 : len;
			} else if (is_mark_line(text, b, e, MARK_END)) {
				*err = xasprintf("the capture has a "
						 MARK_END " line (line %d) "
						 "but no " MARK_BEGIN
						 " before it", ln);
				return -1;
			}
		} else if (is_mark_line(text, b, e, MARK_END)) {
			*start = obj;
			*n = b - obj;
			*line = begin_line + 1;
			if (has_bom(text, obj + *n, obj)) {
				*start += 3;
				*n -= 3;
			}
			return 0;
		}
		if (e >= len)
			break;
	}
	if (begin_line) {
		*err = xasprintf("the capture has no " MARK_END " line after "
				 "its " MARK_BEGIN " (line %d): the output "
				 "was cut short", begin_line);
		return -1;
	}
	/* No frame: the bare object, after blanks. */
	b = from;
	ln = 1;
	while (b < len && strchr(" \t\r\n", text[b]) != NULL && text[b]) {
		if (text[b] == '\n')
			ln++;
		b++;
	}
	if (b < len && text[b] == '{') {
		*start = b;
		*n = len - b;
		*line = ln;
		return 0;
	}
	if (b >= len) {
		*err = xstrdup("the node printed nothing where the capture "
			       "was expected");
	} else {
		char *head = first_line(text + b, len - b);

		*err = xasprintf("no capture in the node's output: neither a "
				 MARK_BEGIN " line nor a JSON object; it "
				 "begins \"%s\"", head);
		free(head);
	}
	return -1;
}

/* Checks that text[b, b + n) is UTF-8 (no overlongs, surrogates or
 * values past U+10FFFF) without NUL bytes (which jansson would take for
 * the end), naming the first bad byte's line and column. */
static int
check_utf8(const char *text, size_t b, size_t n, int line, char **err)
{
	const unsigned char *s = (const unsigned char *)text + b;
	size_t i = 0, col_start = 0;

	while (i < n) {
		unsigned char c = s[i];
		size_t k, need;
		uint32_t cp, min;

		if (c == '\n') {
			line++;
			col_start = i + 1;
		}
		if (c == 0) {
			*err = xasprintf("the capture holds a NUL byte at "
					 "line %d, byte %zu of the line", line,
					 i - col_start + 1);
			return -1;
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1, cp = c & 0x1f, min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2, cp = c & 0x0f, min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3, cp = c & 0x07, min = 0x10000;
		} else {
			goto bad;
		}
		if (n - i <= need)
			goto bad;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		i += need + 1;
	}
	return 0;
bad:
	*err = xasprintf("the capture is not UTF-8: byte 0x%02X at line %d, "
			 "byte %zu of the line (is the node's output in "
			 "another code page?)", s[i], line, i - col_start + 1);
	return -1;
}

/* Reading properties. `what` names the element in messages. */

static const char *
type_word(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a fraction";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "something else";
}

/* The property, or NULL when it is missing or null. */
static json_t *
prop(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return v == NULL || json_is_null(v) ? NULL : v;
}

static int
wrong_type(const char *what, const char *key, json_t *v, const char *want,
	   char **err)
{
	if (json_is_string(v))
		*err = xasprintf("%s: %s is the string \"%.40s\", expected %s",
				 what, key, json_string_value(v), want);
	else
		*err = xasprintf("%s: %s is %s, expected %s", what, key,
				 type_word(v), want);
	return -1;
}

static int
missing(const char *what, const char *key, char **err)
{
	*err = xasprintf("%s has no %s", what, key);
	return -1;
}

static int
get_str(json_t *o, const char *key, const char *what, bool required,
	const char **out, char **err)
{
	json_t *v = prop(o, key);

	*out = NULL;
	if (v == NULL)
		return required ? missing(what, key, err) : 0;
	if (!json_is_string(v))
		return wrong_type(what, key, v, "a string", err);
	*out = json_string_value(v);
	return 0;
}

static int
get_int(json_t *o, const char *key, const char *what, bool required,
	int64_t *out, char **err)
{
	json_t *v = prop(o, key);

	*out = WSFC_ABSENT;
	if (v == NULL)
		return required ? missing(what, key, err) : 0;
	if (!json_is_integer(v))
		return wrong_type(what, key, v, "a number", err);
	*out = (int64_t)json_integer_value(v);
	return 0;
}

static int
get_bool(json_t *o, const char *key, const char *what, bool *out, char **err)
{
	json_t *v = prop(o, key);

	*out = false;
	if (v == NULL)
		return 0;
	if (!json_is_boolean(v))
		return wrong_type(what, key, v, "true or false", err);
	*out = json_is_true(v);
	return 0;
}

/* Ids are strings ("1" for a node, a GUID otherwise); a number is
 * taken too. */
static int
get_id(json_t *o, const char *what, char **out, char **err)
{
	json_t *v = prop(o, "Id");

	*out = NULL;
	if (v == NULL)
		return 0;
	if (json_is_string(v))
		*out = xstrdup(json_string_value(v));
	else if (json_is_integer(v))
		*out = xasprintf("%" PRId64, (int64_t)json_integer_value(v));
	else
		return wrong_type(what, "Id", v, "a string", err);
	return 0;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

/* A list property: an array, one object where PowerShell unrolled a
 * one-element array, or nothing. */
struct list {
	json_t *v;
	size_t n;
};

static int
get_list(json_t *top, const char *key, struct list *l, char **err)
{
	json_t *v = prop(top, key);

	l->v = v;
	l->n = 0;
	if (v == NULL)
		return 0;
	if (json_is_array(v))
		l->n = json_array_size(v);
	else if (json_is_object(v))
		l->n = 1;
	else
		return wrong_type("the capture", key, v, "an array", err);
	return 0;
}

static json_t *
list_at(const struct list *l, size_t i)
{
	return json_is_array(l->v) ? json_array_get(l->v, i) : l->v;
}

/* Element i of a list, which must be an object; *what says which. */
static json_t *
element(const struct list *l, const char *key, size_t i, char *what,
	size_t what_size, char **err)
{
	json_t *e = list_at(l, i);

	snprintf(what, what_size, "%s[%zu]", key, i);
	if (!json_is_object(e)) {
		*err = xasprintf("%s is %s, expected an object", what,
				 type_word(e));
		return NULL;
	}
	return e;
}

/* "kind 'name'" for messages after the name is known. */
static void
name_what(char *what, size_t size, const char *kind, const char *name)
{
	snprintf(what, size, "%s '%.80s'", kind, name);
}

/* The elements. */

struct build {
	struct snapshot *s;
	struct wsfc_capture *c;
	char *err;
};

static int
add_nodes(struct build *b, const struct list *l)
{
	char what[128];
	size_t i;

	b->c->nodes = xcalloc(l->n + 1, sizeof(*b->c->nodes));
	for (i = 0; i < l->n; i++) {
		struct wsfc_node_info *ni = &b->c->nodes[i];
		const char *name;
		size_t n;
		json_t *e = element(l, "nodes", i, what, sizeof(what), &b->err);

		if (e == NULL ||
		    get_str(e, "Name", what, true, &name, &b->err) != 0)
			return -1;
		name_what(what, sizeof(what), "node", name);
		if (snapshot_find_node(b->s, name) >= 0) {
			b->err = xasprintf("the capture lists %s twice", what);
			return -1;
		}
		if (get_int(e, "State", what, true, &ni->state, &b->err) ||
		    get_id(e, what, &ni->id, &b->err) ||
		    get_int(e, "DrainStatus", what, false, &ni->drain_status,
			    &b->err) ||
		    get_int(e, "StatusInformation", what, false,
			    &ni->status_information, &b->err) ||
		    get_int(e, "NodeWeight", what, false, &ni->node_weight,
			    &b->err) ||
		    get_int(e, "DynamicWeight", what, false,
			    &ni->dynamic_weight, &b->err))
			return -1;
		n = snapshot_add_node(b->s, name, wsfc_node_state(ni->state),
				      0);
		snapshot_node_set_drain(b->s, n, wsfc_node_drain(ni));
	}
	return 0;
}

/* RES_F_LOCKED when StatusInformation has the Locked bit. */
static unsigned
locked(int64_t status_information)
{
	return status_information != WSFC_ABSENT &&
	       (status_information & WSFC_STATUS_LOCKED) ? RES_F_LOCKED : 0;
}

static int
add_groups(struct build *b, const struct list *l)
{
	char what[128];
	size_t i;

	b->c->groups = xcalloc(l->n + 1, sizeof(*b->c->groups));
	for (i = 0; i < l->n; i++) {
		struct wsfc_group_info *gi = &b->c->groups[i];
		const char *name, *owner;
		json_t *e = element(l, "groups", i, what, sizeof(what),
				    &b->err);
		size_t g;

		if (e == NULL ||
		    get_str(e, "Name", what, true, &name, &b->err) != 0)
			return -1;
		name_what(what, sizeof(what), "group", name);
		if (snapshot_find_group(b->s, name) >= 0) {
			b->err = xasprintf("the capture lists %s twice", what);
			return -1;
		}
		if (get_int(e, "State", what, true, &gi->state, &b->err) ||
		    get_id(e, what, &gi->id, &b->err) ||
		    get_str(e, "OwnerNode", what, false, &owner, &b->err) ||
		    get_int(e, "GroupType", what, false, &gi->group_type,
			    &b->err) ||
		    get_bool(e, "IsCoreGroup", what, &gi->is_core_group,
			     &b->err) ||
		    get_int(e, "Priority", what, false, &gi->priority,
			    &b->err) ||
		    get_int(e, "StatusInformation", what, false,
			    &gi->status_information, &b->err) ||
		    get_int(e, "PersistentState", what, false,
			    &gi->persistent_state, &b->err))
			return -1;
		gi->owner_node = dup_or_null(owner);
		gi->core = gi->is_core_group ||
			   gi->group_type == WSFC_GROUP_TYPE_CLUSTER ||
			   gi->group_type == WSFC_GROUP_TYPE_AVAILABLE_STORAGE;
		g = snapshot_add_group(b->s, name, GROUP_KIND_GROUP,
				       locked(gi->status_information) |
				       (gi->core ? RES_F_CORE : 0));
		snapshot_group_set_state(b->s, g, wsfc_group_state(gi->state));
	}
	return 0;
}

static int
add_resources(struct build *b, const struct list *l)
{
	char what[128];
	size_t i;

	b->c->resources = xcalloc(l->n + 1, sizeof(*b->c->resources));
	for (i = 0; i < l->n; i++) {
		struct wsfc_resource_info *ri = &b->c->resources[i];
		const char *name, *group, *owner, *type;
		json_t *e = element(l, "resources", i, what, sizeof(what),
				    &b->err);
		bool maint;
		enum res_state st;
		size_t r;

		if (e == NULL ||
		    get_str(e, "Name", what, true, &name, &b->err) != 0)
			return -1;
		name_what(what, sizeof(what), "resource", name);
		if (snapshot_find_resource(b->s, name) >= 0) {
			b->err = xasprintf("the capture lists %s twice", what);
			return -1;
		}
		if (get_int(e, "State", what, true, &ri->state, &b->err) ||
		    get_id(e, what, &ri->id, &b->err) ||
		    get_str(e, "OwnerGroup", what, false, &group, &b->err) ||
		    get_str(e, "OwnerNode", what, false, &owner, &b->err) ||
		    get_str(e, "ResourceType", what, false, &type, &b->err) ||
		    get_bool(e, "IsCoreResource", what, &ri->is_core_resource,
			     &b->err) ||
		    get_bool(e, "MaintenanceMode", what, &maint, &b->err) ||
		    get_int(e, "StatusInformation", what, false,
			    &ri->status_information, &b->err) ||
		    get_int(e, "LastOperationStatusCode", what, false,
			    &ri->last_operation_status, &b->err))
			return -1;
		ri->owner_node = dup_or_null(owner);
		st = wsfc_res_state(ri->state);
		r = snapshot_add_resource(b->s, name, group, type, st,
					  (maint ? RES_F_MAINTENANCE : 0) |
					  locked(ri->status_information) |
					  (ri->is_core_resource ? RES_F_CORE :
					   0));
		/* WSFC names an owner even for an offline resource: the
		 * node its group is on. It runs nowhere. */
		if (owner != NULL && st != RES_OFFLINE)
			snapshot_resource_add_node(b->s, r, owner);
		if (st == RES_FAILED && ri->last_operation_status != 0 &&
		    ri->last_operation_status != WSFC_ABSENT) {
			char code[256], why[300];

			/* Its meaning in words: a number alone sends the
			 * operator to a search engine mid-incident. */
			snprintf(why, sizeof(why), "last operation: %s",
				 wsfc_code_describe(code, sizeof(code),
				     (uint64_t)ri->last_operation_status));
			snapshot_resource_set_failure(b->s, r, 0, why, 0);
		}
	}
	return 0;
}

/* Entries for a resource the capture does not list are dropped: it was
 * deleted between the script's two queries. */
static int
add_dependencies(struct build *b, const struct list *l)
{
	char what[128];
	bool *seen = xcalloc(b->s->n_resources + 1, sizeof(*seen));
	size_t i;
	int rc = -1;

	for (i = 0; i < l->n; i++) {
		const char *res, *expr;
		json_t *e = element(l, "dependencies", i, what, sizeof(what),
				    &b->err);
		struct wsfc_resource_info *ri;
		char *derr = NULL;
		long r;

		if (e == NULL ||
		    get_str(e, "Resource", what, true, &res, &b->err) != 0)
			goto out;
		name_what(what, sizeof(what), "the dependencies of", res);
		if (get_str(e, "DependencyExpression", what, false, &expr,
			    &b->err) != 0)
			goto out;
		r = snapshot_find_resource(b->s, res);
		if (r < 0)
			continue;
		ri = &b->c->resources[r];
		if (seen[r]) {
			b->err = xasprintf("the capture lists %s twice", what);
			goto out;
		}
		seen[r] = true;
		if (expr != NULL &&
		    wsfc_deps_parse(expr, &ri->deps, &derr) != 0) {
			b->err = xasprintf("resource '%.80s': %s", res, derr);
			free(derr);
			goto out;
		}
		ri->dependency_expression = dup_or_null(expr);
	}
	rc = 0;
out:
	free(seen);
	return rc;
}

/* The member of r's group that r's i-th dependency names, or -1. */
static long
member_dependency(const struct build *b, size_t r, size_t i)
{
	const char *group = b->s->resources[r].group;
	long on = snapshot_find_resource(b->s,
					 b->c->resources[r].deps.names[i]);

	if (on < 0 || group == NULL || b->s->resources[on].group == NULL ||
	    strcmp(b->s->resources[on].group, group) != 0)
		return -1;
	return on;
}

struct dfs_frame {
	size_t r, next;               /* the resource, its next dependency */
};

/* How deep each resource sits in its group's dependencies, into depth[]
 * (size n_resources): 0 for one that depends on no other member, else
 * one more than the deepest member it depends on. Depth first with a
 * stack of its own: a capture may chain thousands. A cycle (WSFC refuses
 * them, a capture could still hold one) is cut where it closes. */
static void
dependency_depths(const struct build *b, unsigned *depth)
{
	size_t n = b->s->n_resources, top, r;
	struct dfs_frame *stack = xcalloc(n + 1, sizeof(*stack));
	/* 0 not seen, 1 on the stack, 2 done. */
	unsigned char *mark = xcalloc(n + 1, 1);

	for (r = 0; r < n; r++) {
		if (mark[r] != 0)
			continue;
		top = 0;
		stack[top++] = (struct dfs_frame){ r, 0 };
		mark[r] = 1;
		while (top > 0) {
			struct dfs_frame *f = &stack[top - 1];
			long on;

			if (f->next == b->c->resources[f->r].deps.n) {
				mark[f->r] = 2;
				top--;
				if (top > 0 && depth[f->r] + 1 >
					       depth[stack[top - 1].r])
					depth[stack[top - 1].r] =
						depth[f->r] + 1;
				continue;
			}
			on = member_dependency(b, f->r, f->next++);
			if (on < 0 || mark[on] == 1)
				continue;
			if (mark[on] == 2) {
				if (depth[on] + 1 > depth[f->r])
					depth[f->r] = depth[on] + 1;
				continue;
			}
			mark[on] = 1;
			stack[top++] = (struct dfs_frame){ (size_t)on, 0 };
		}
	}
	free(mark);
	free(stack);
}

/* A group's members in the order they come online: each after what it
 * depends on (Failover Cluster Manager's order too), the capture's order
 * among equals. */
static void
rank_members(struct build *b)
{
	size_t n = b->s->n_resources, r;
	unsigned *depth = xcalloc(n + 1, sizeof(*depth));

	dependency_depths(b, depth);
	for (r = 0; r < n; r++)
		if (depth[r] > 0)
			snapshot_resource_set_rank(b->s, r, depth[r]);
	free(depth);
}

/* The capture's own error, as a sentence. */
static void
remote_error(json_t *top, char **fqid, char **err)
{
	json_t *e = prop(top, "error");
	json_t *m = NULL, *f = NULL, *c = NULL;
	const char *msg = NULL, *id = NULL, *cat = NULL;

	if (json_is_object(e)) {
		m = prop(e, "message");
		f = prop(e, "fqid");
		c = prop(e, "category");
		msg = json_is_string(m) ? json_string_value(m) : NULL;
		id = json_is_string(f) ? json_string_value(f) : NULL;
		cat = json_is_string(c) ? json_string_value(c) : NULL;
	} else if (json_is_string(e)) {
		msg = json_string_value(e);
	}
	if (fqid != NULL)
		*fqid = dup_or_null(id);
	if (msg == NULL || *msg == '\0')
		msg = "it failed without a message";
	if (id != NULL && cat != NULL)
		*err = xasprintf("the cluster node said: %s (error %s, "
				 "category %s)", msg, id, cat);
	else if (id != NULL || cat != NULL)
		*err = xasprintf("the cluster node said: %s (%s %s)", msg,
				 id != NULL ? "error" : "category",
				 id != NULL ? id : cat);
	else
		*err = xasprintf("the cluster node said: %s", msg);
}

static void
clear_capture(struct wsfc_capture *c, size_t nn, size_t ng, size_t nr)
{
	size_t i;

	for (i = 0; c->nodes != NULL && i < nn; i++)
		free(c->nodes[i].id);
	for (i = 0; c->groups != NULL && i < ng; i++) {
		free(c->groups[i].id);
		free(c->groups[i].owner_node);
	}
	for (i = 0; c->resources != NULL && i < nr; i++) {
		free(c->resources[i].id);
		free(c->resources[i].owner_node);
		free(c->resources[i].dependency_expression);
		wsfc_deps_free(&c->resources[i].deps);
	}
	free(c->nodes);
	free(c->groups);
	free(c->resources);
	free(c->cluster);
	free(c->node);
	free(c->ps);
	snapshot_unref(c->snap);
	memset(c, 0, sizeof(*c));
}

void
wsfc_capture_free(struct wsfc_capture *c)
{
	if (c == NULL)
		return;
	if (c->snap == NULL)
		clear_capture(c, 0, 0, 0);
	else
		clear_capture(c, c->snap->n_nodes, c->snap->n_groups,
			      c->snap->n_resources);
}

int
wsfc_capture_parse(const char *text, size_t len, const char *cluster,
		   const char *source, struct wsfc_capture *out, char **fqid,
		   char **err)
{
	struct wsfc_capture c = { 0 };
	struct build b = { .c = &c };
	struct list nodes = { 0 }, groups = { 0 }, resources = { 0 };
	struct list deps = { 0 };
	const char *cl, *nd, *ps;
	json_error_t jerr;
	json_t *top = NULL, *ok;
	size_t start, n;
	int line, rc = -1;

	if (fqid != NULL)
		*fqid = NULL;
	if (find_object(text, len, &start, &n, &line, &b.err) != 0 ||
	    check_utf8(text, start, n, line, &b.err) != 0)
		goto out;
	top = json_loadb(text + start, n, JSON_REJECT_DUPLICATES, &jerr);
	if (top == NULL) {
		/* jansson's words for it name its own flag. */
		const char *why = strstr(jerr.text, "JSON_ALLOW_NUL") ?
				  "a string holds \\u0000" : jerr.text;

		b.err = xasprintf("the capture is not valid JSON: %s, at "
				  "line %d, column %d", why,
				  jerr.line + line - 1, jerr.column);
		goto out;
	}
	if (!json_is_object(top)) {
		b.err = xasprintf("the capture is %s, expected an object",
				  type_word(top));
		goto out;
	}
	ok = prop(top, "ok");
	if (ok == NULL || !json_is_boolean(ok)) {
		b.err = xstrdup(ok == NULL ?
				"the capture has no \"ok\": not ccon's" :
				"the capture's \"ok\" is not true or false");
		goto out;
	}
	if (!json_is_true(ok)) {
		remote_error(top, fqid, &b.err);
		goto out;
	}
	if (get_str(top, "cluster", "the capture", false, &cl, &b.err) ||
	    get_str(top, "node", "the capture", false, &nd, &b.err) ||
	    get_str(top, "ps", "the capture", false, &ps, &b.err) ||
	    get_list(top, "nodes", &nodes, &b.err) ||
	    get_list(top, "groups", &groups, &b.err) ||
	    get_list(top, "resources", &resources, &b.err) ||
	    get_list(top, "dependencies", &deps, &b.err))
		goto out;
	c.cluster = dup_or_null(cl);
	c.node = dup_or_null(nd);
	c.ps = dup_or_null(ps);
	b.s = c.snap = snapshot_new(cluster != NULL ? cluster : cl, "wsfc",
				    source != NULL ? source : nd);
	if (add_nodes(&b, &nodes) || add_groups(&b, &groups) ||
	    add_resources(&b, &resources) || add_dependencies(&b, &deps))
		goto out;
	rank_members(&b);
	if (snapshot_finish(c.snap, &b.err) != 0)
		goto out;
	*out = c;
	rc = 0;
out:
	json_decref(top);
	if (rc != 0) {
		/* The arrays were sized for their lists; entries not
		 * reached are zero. */
		clear_capture(&c, c.nodes ? nodes.n : 0,
			      c.groups ? groups.n : 0,
			      c.resources ? resources.n : 0);
		if (err != NULL)
			*err = b.err;
		else
			free(b.err);
	}
	return rc;
}

int
wsfc_capture_load(const char *text, size_t len, const char *what,
		  json_t **out, char **err)
{
	json_error_t jerr;
	json_t *top;
	size_t start, n;
	int line;

	if (find_object(text, len, &start, &n, &line, err) != 0 ||
	    check_utf8(text, start, n, line, err) != 0)
		return -1;
	top = json_loadb(text + start, n, JSON_REJECT_DUPLICATES, &jerr);
	if (top == NULL) {
		const char *why = strstr(jerr.text, "JSON_ALLOW_NUL") ?
				  "a string holds \\u0000" : jerr.text;

		*err = xasprintf("%s is not valid JSON: %s, at line %d, column "
				 "%d", what, why, jerr.line + line - 1,
				 jerr.column);
		return -1;
	}
	if (!json_is_object(top)) {
		*err = xasprintf("%s is %s, expected an object", what,
				 type_word(top));
		json_decref(top);
		return -1;
	}
	*out = top;
	return 0;
}

int
wsfc_capture_result(const char *text, size_t len, int64_t *state,
		    char **fqid, char **err)
{
	json_error_t jerr;
	json_t *top = NULL, *ok;
	size_t start, n;
	int line, rc = -1;

	if (fqid != NULL)
		*fqid = NULL;
	if (find_object(text, len, &start, &n, &line, err) != 0 ||
	    check_utf8(text, start, n, line, err) != 0)
		return -1;
	top = json_loadb(text + start, n, JSON_REJECT_DUPLICATES, &jerr);
	if (top == NULL) {
		*err = xasprintf("the answer is not valid JSON: %s, at line "
				 "%d, column %d", jerr.text,
				 jerr.line + line - 1, jerr.column);
		return -1;
	}
	if (!json_is_object(top)) {
		*err = xasprintf("the answer is %s, expected an object",
				 type_word(top));
		goto out;
	}
	ok = prop(top, "ok");
	if (ok == NULL || !json_is_boolean(ok)) {
		*err = xstrdup("the answer has no \"ok\" true or false: not "
			       "ccon's");
		goto out;
	}
	if (!json_is_true(ok)) {
		remote_error(top, fqid, err);
		goto out;
	}
	if (get_int(top, "state", "the answer", false, state, err) != 0)
		goto out;
	rc = 0;
out:
	json_decref(top);
	return rc;
}
