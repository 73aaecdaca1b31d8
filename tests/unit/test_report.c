/* --once output: JSON compared with golden strings (schema of DESIGN.md),
 * checked to parse, and text that never lets a cluster string through
 * raw. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "backend/core/model.h"
#include "backend/util/termtext.h"
#include "tui/report.h"

#define FFFD "\xef\xbf\xbd"

/* How old the data of a fresh report is, in the goldens: 42.5 s, which
 * JSON says in whole seconds. A stale one's age is not known here. */
#define AGE_MS 42500

/* The report as a string (caller frees). */
static char *
render(const struct snapshot *s, bool stale, bool json)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	if (json)
		assert_int_equal(report_json(f, s, stale,
		    stale ? -1 : AGE_MS), 0);
	else
		assert_int_equal(report_text(f, s, stale), 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(strlen(buf), len);   /* no NUL in the output */
	return buf;
}

static void
finish(struct snapshot *s)
{
	char *err = NULL;

	if (snapshot_finish(s, &err) != 0)
		fail_msg("snapshot_finish: %s", err);
}

/* A small Pacemaker cluster: a group, a clone with two instances, and
 * two resources outside any group. */
static struct snapshot *
cluster_prod(void)
{
	struct snapshot *s = snapshot_new("prod", "pacemaker", "db1");
	size_t r;

	snapshot_add_node(s, "db1", NODE_UP, NODE_F_DC);
	snapshot_add_node(s, "db2", NODE_PAUSED, NODE_F_STANDBY);
	snapshot_node_set_drain(s, 1, NODE_DRAIN_FAILED);
	snapshot_add_node(s, "db3", NODE_DOWN, NODE_F_UNCLEAN);
	snapshot_add_group(s, "web", GROUP_KIND_GROUP, 0);
	snapshot_add_group(s, "ping-clone", GROUP_KIND_CLONE, 0);

	r = snapshot_add_resource(s, "web-ip", "web", "ocf:heartbeat:IPaddr2",
	    RES_ONLINE, 0);
	snapshot_resource_set_role(s, r, "Started");
	snapshot_resource_add_node(s, r, "db1");
	r = snapshot_add_resource(s, "web-srv", "web", "systemd:nginx",
	    RES_ONLINE_PENDING, RES_F_UNMANAGED);
	snapshot_resource_add_node(s, r, "db1");

	r = snapshot_add_resource(s, "ping", "ping-clone", "ocf:pacemaker:ping",
	    RES_ONLINE, 0);
	snapshot_resource_set_role(s, r, "Started");
	snapshot_resource_add_node(s, r, "db1");
	snapshot_add_resource(s, "ping", "ping-clone", "ocf:pacemaker:ping",
	    RES_OFFLINE, 0);

	r = snapshot_add_resource(s, "fence-db1", NULL, "stonith:fence_xvm",
	    RES_FAILED, RES_F_BLOCKED);
	snapshot_resource_set_failure(s, r, 3, "start on db2 'timed out'",
	    1714557600);
	r = snapshot_add_resource(s, "db-backup", NULL, "systemd:backup",
	    RES_OFFLINE, RES_F_DISABLED | RES_F_MAINTENANCE);
	snapshot_resource_set_role(s, r, "Stopped");
	finish(s);
	return s;
}

/* Names a hostile cluster could report. */
static struct snapshot *
cluster_hostile(void)
{
	struct snapshot *s;
	size_t r;

	s = snapshot_new("prod\"\\", "pacemaker", "db1\x1b]0;owned\x07");
	snapshot_add_node(s, "n\xc3\xa9\xe6\x97\xa5", NODE_UP, 0);
	snapshot_add_group(s, "g\xe2\x80\xae" "evil", GROUP_KIND_GROUP, 0);
	/* Escape sequence, quote, backslash, C0, DEL, 8-bit CSI, and
	 * invalid UTF-8 (a stray byte, an overlong "/"). */
	r = snapshot_add_resource(s,
	    "\x1b[2J\"'\\\n\t\x01\x7f\xc2\x9b\xff\xc0\xaf",
	    "g\xe2\x80\xae" "evil", "ocf:x:\xed\xa0\x80", RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "n\xc3\xa9\xe6\x97\xa5");
	r = snapshot_add_resource(s, "\xf0\x9f\x98\x80", NULL, "", RES_FAILED,
	    0);
	snapshot_resource_set_failure(s, r, 1,
	    "line1\nline2\xe2\x80\xa8\x1b[31m", 0);
	finish(s);
	return s;
}

static const char prod_json[] =
	"{\n"
	"  \"cluster\": \"prod\",\n"
	"  \"driver\": \"pacemaker\",\n"
	"  \"source\": \"db1\",\n"
	"  \"stale\": false,\n"
	"  \"data_time\": null,\n"
	"  \"data_age_s\": 42,\n"
	"  \"quorum\": true,\n"
	"  \"maintenance_mode\": false,\n"
	"  \"stop_all\": false,\n"
	"  \"dc\": \"db1\",\n"
	"  \"nodes_total\": 3,\n"
	"  \"nodes_online\": 1,\n"
	"  \"nodes\": [\n"
	"    {\n"
	"      \"name\": \"db1\",\n"
	"      \"state\": \"up\",\n"
	"      \"drain\": \"none\",\n"
	"      \"dc\": true,\n"
	"      \"standby\": false,\n"
	"      \"maintenance\": false,\n"
	"      \"unclean\": false\n"
	"    },\n"
	"    {\n"
	"      \"name\": \"db2\",\n"
	"      \"state\": \"paused\",\n"
	"      \"drain\": \"drain_failed\",\n"
	"      \"dc\": false,\n"
	"      \"standby\": true,\n"
	"      \"maintenance\": false,\n"
	"      \"unclean\": false\n"
	"    },\n"
	"    {\n"
	"      \"name\": \"db3\",\n"
	"      \"state\": \"down\",\n"
	"      \"drain\": \"none\",\n"
	"      \"dc\": false,\n"
	"      \"standby\": false,\n"
	"      \"maintenance\": false,\n"
	"      \"unclean\": true\n"
	"    }\n"
	"  ],\n"
	"  \"groups\": [\n"
	"    {\n"
	"      \"id\": \"web\",\n"
	"      \"kind\": \"group\",\n"
	"      \"state\": \"pending\",\n"
	"      \"locked\": false,\n"
	"      \"core\": false,\n"
	"      \"resources\": [\n"
	"        \"web-ip\",\n"
	"        \"web-srv\"\n"
	"      ]\n"
	"    },\n"
	"    {\n"
	"      \"id\": \"ping-clone\",\n"
	"      \"kind\": \"clone\",\n"
	"      \"state\": \"partial_online\",\n"
	"      \"locked\": false,\n"
	"      \"core\": false,\n"
	"      \"resources\": [\n"
	"        \"ping\"\n"
	"      ]\n"
	"    }\n"
	"  ],\n"
	"  \"resources\": [\n"
	"    {\n"
	"      \"id\": \"web-ip\",\n"
	"      \"group\": \"web\",\n"
	"      \"agent\": \"ocf:heartbeat:IPaddr2\",\n"
	"      \"state\": \"online\",\n"
	"      \"nodes\": [\n"
	"        \"db1\"\n"
	"      ],\n"
	"      \"role\": \"Started\",\n"
	"      \"disabled\": false,\n"
	"      \"managed\": true,\n"
	"      \"blocked\": false,\n"
	"      \"maintenance\": false,\n"
	"      \"locked\": false,\n"
	"      \"core\": false,\n"
	"      \"failcount\": 0,\n"
	"      \"failure\": null,\n"
	"      \"pinned\": false,\n"
	"      \"pinned_by\": [],\n"
	"      \"target\": \"started\"\n"
	"    },\n"
	"    {\n"
	"      \"id\": \"web-srv\",\n"
	"      \"group\": \"web\",\n"
	"      \"agent\": \"systemd:nginx\",\n"
	"      \"state\": \"online_pending\",\n"
	"      \"nodes\": [\n"
	"        \"db1\"\n"
	"      ],\n"
	"      \"role\": null,\n"
	"      \"disabled\": false,\n"
	"      \"managed\": false,\n"
	"      \"blocked\": false,\n"
	"      \"maintenance\": false,\n"
	"      \"locked\": false,\n"
	"      \"core\": false,\n"
	"      \"failcount\": 0,\n"
	"      \"failure\": null,\n"
	"      \"pinned\": false,\n"
	"      \"pinned_by\": [],\n"
	"      \"target\": \"started\"\n"
	"    },\n"
	"    {\n"
	"      \"id\": \"ping\",\n"
	"      \"group\": \"ping-clone\",\n"
	"      \"agent\": \"ocf:pacemaker:ping\",\n"
	"      \"state\": \"online\",\n"
	"      \"nodes\": [\n"
	"        \"db1\"\n"
	"      ],\n"
	"      \"role\": \"Started\",\n"
	"      \"disabled\": false,\n"
	"      \"managed\": true,\n"
	"      \"blocked\": false,\n"
	"      \"maintenance\": false,\n"
	"      \"locked\": false,\n"
	"      \"core\": false,\n"
	"      \"failcount\": 0,\n"
	"      \"failure\": null,\n"
	"      \"pinned\": false,\n"
	"      \"pinned_by\": [],\n"
	"      \"target\": \"started\"\n"
	"    },\n"
	"    {\n"
	"      \"id\": \"ping\",\n"
	"      \"group\": \"ping-clone\",\n"
	"      \"agent\": \"ocf:pacemaker:ping\",\n"
	"      \"state\": \"offline\",\n"
	"      \"nodes\": [],\n"
	"      \"role\": null,\n"
	"      \"disabled\": false,\n"
	"      \"managed\": true,\n"
	"      \"blocked\": false,\n"
	"      \"maintenance\": false,\n"
	"      \"locked\": false,\n"
	"      \"core\": false,\n"
	"      \"failcount\": 0,\n"
	"      \"failure\": null,\n"
	"      \"pinned\": false,\n"
	"      \"pinned_by\": [],\n"
	"      \"target\": \"started\"\n"
	"    },\n"
	"    {\n"
	"      \"id\": \"fence-db1\",\n"
	"      \"group\": null,\n"
	"      \"agent\": \"stonith:fence_xvm\",\n"
	"      \"state\": \"failed\",\n"
	"      \"nodes\": [],\n"
	"      \"role\": null,\n"
	"      \"disabled\": false,\n"
	"      \"managed\": true,\n"
	"      \"blocked\": true,\n"
	"      \"maintenance\": false,\n"
	"      \"locked\": false,\n"
	"      \"core\": false,\n"
	"      \"failcount\": 3,\n"
	"      \"failure\": {\n"
	"        \"reason\": \"start on db2 'timed out'\",\n"
	"        \"time\": 1714557600\n"
	"      },\n"
	"      \"pinned\": false,\n"
	"      \"pinned_by\": [],\n"
	"      \"target\": \"started\"\n"
	"    },\n"
	"    {\n"
	"      \"id\": \"db-backup\",\n"
	"      \"group\": null,\n"
	"      \"agent\": \"systemd:backup\",\n"
	"      \"state\": \"offline\",\n"
	"      \"nodes\": [],\n"
	"      \"role\": \"Stopped\",\n"
	"      \"disabled\": true,\n"
	"      \"managed\": true,\n"
	"      \"blocked\": false,\n"
	"      \"maintenance\": true,\n"
	"      \"locked\": false,\n"
	"      \"core\": false,\n"
	"      \"failcount\": 0,\n"
	"      \"failure\": null,\n"
	"      \"pinned\": false,\n"
	"      \"pinned_by\": [],\n"
	"      \"target\": \"stopped\"\n"
	"    }\n"
	"  ]\n"
	"}\n";

static const char hostile_json[] =
	"{\n"
	"  \"cluster\": \"prod\\\"\\\\\",\n"
	"  \"driver\": \"pacemaker\",\n"
	"  \"source\": \"db1\\u001b]0;owned\\u0007\",\n"
	"  \"stale\": true,\n"
	"  \"data_time\": null,\n"
	"  \"data_age_s\": null,\n"
	"  \"quorum\": true,\n"
	"  \"maintenance_mode\": false,\n"
	"  \"stop_all\": false,\n"
	"  \"dc\": null,\n"
	"  \"nodes_total\": 1,\n"
	"  \"nodes_online\": 1,\n"
	"  \"nodes\": [\n"
	"    {\n"
	"      \"name\": \"n\xc3\xa9\xe6\x97\xa5\",\n"
	"      \"state\": \"up\",\n"
	"      \"drain\": \"none\",\n"
	"      \"dc\": false,\n"
	"      \"standby\": false,\n"
	"      \"maintenance\": false,\n"
	"      \"unclean\": false\n"
	"    }\n"
	"  ],\n"
	"  \"groups\": [\n"
	"    {\n"
	"      \"id\": \"g\\u202eevil\",\n"
	"      \"kind\": \"group\",\n"
	"      \"state\": \"online\",\n"
	"      \"locked\": false,\n"
	"      \"core\": false,\n"
	"      \"resources\": [\n"
	"        \"\\u001b[2J\\\"'\\\\\\u000a\\u0009\\u0001\\u007f\\u009b"
	    "\\ufffd\\ufffd\\ufffd\"\n"
	"      ]\n"
	"    }\n"
	"  ],\n"
	"  \"resources\": [\n"
	"    {\n"
	"      \"id\": \"\\u001b[2J\\\"'\\\\\\u000a\\u0009\\u0001\\u007f\\u009b"
	    "\\ufffd\\ufffd\\ufffd\",\n"
	"      \"group\": \"g\\u202eevil\",\n"
	"      \"agent\": \"ocf:x:\\ufffd\\ufffd\\ufffd\",\n"
	"      \"state\": \"online\",\n"
	"      \"nodes\": [\n"
	"        \"n\xc3\xa9\xe6\x97\xa5\"\n"
	"      ],\n"
	"      \"role\": null,\n"
	"      \"disabled\": false,\n"
	"      \"managed\": true,\n"
	"      \"blocked\": false,\n"
	"      \"maintenance\": false,\n"
	"      \"locked\": false,\n"
	"      \"core\": false,\n"
	"      \"failcount\": 0,\n"
	"      \"failure\": null,\n"
	"      \"pinned\": false,\n"
	"      \"pinned_by\": [],\n"
	"      \"target\": \"started\"\n"
	"    },\n"
	"    {\n"
	"      \"id\": \"\xf0\x9f\x98\x80\",\n"
	"      \"group\": null,\n"
	"      \"agent\": \"\",\n"
	"      \"state\": \"failed\",\n"
	"      \"nodes\": [],\n"
	"      \"role\": null,\n"
	"      \"disabled\": false,\n"
	"      \"managed\": true,\n"
	"      \"blocked\": false,\n"
	"      \"maintenance\": false,\n"
	"      \"locked\": false,\n"
	"      \"core\": false,\n"
	"      \"failcount\": 1,\n"
	"      \"failure\": {\n"
	"        \"reason\": \"line1\\u000aline2\\u2028\\u001b[31m\",\n"
	"        \"time\": null\n"
	"      },\n"
	"      \"pinned\": false,\n"
	"      \"pinned_by\": [],\n"
	"      \"target\": \"started\"\n"
	"    }\n"
	"  ]\n"
	"}\n";

/* A validating JSON parser, just enough to say the output is JSON. */
struct parser {
	const char *p;
};

static bool parse_value(struct parser *ps, int depth);

static void
skip_ws(struct parser *ps)
{
	while (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' ||
	    *ps->p == '\r')
		ps->p++;
}

static bool
parse_string(struct parser *ps)
{
	int i;

	if (*ps->p++ != '"')
		return false;
	while (*ps->p != '"') {
		unsigned char c = (unsigned char)*ps->p++;

		if (c < 0x20)
			return false;
		if (c != '\\')
			continue;
		c = (unsigned char)*ps->p++;
		if (c == 'u') {
			for (i = 0; i < 4; i++)
				if (strchr("0123456789abcdefABCDEF", *ps->p) ==
				    NULL || *ps->p++ == '\0')
					return false;
		} else if (c == '\0' || strchr("\"\\/bfnrt", c) == NULL)
			return false;
	}
	ps->p++;
	return true;
}

static bool
parse_number(struct parser *ps)
{
	const char *start;

	if (*ps->p == '-')
		ps->p++;
	start = ps->p;
	while (*ps->p >= '0' && *ps->p <= '9')
		ps->p++;
	if (ps->p == start || (*start == '0' && ps->p - start > 1))
		return false;
	return true;   /* the report writes integers only */
}

static bool
parse_container(struct parser *ps, int depth, char close, bool object)
{
	ps->p++;
	skip_ws(ps);
	if (*ps->p == close) {
		ps->p++;
		return true;
	}
	for (;;) {
		skip_ws(ps);
		if (object) {
			if (!parse_string(ps))
				return false;
			skip_ws(ps);
			if (*ps->p++ != ':')
				return false;
		}
		if (!parse_value(ps, depth + 1))
			return false;
		skip_ws(ps);
		if (*ps->p == close) {
			ps->p++;
			return true;
		}
		if (*ps->p++ != ',')
			return false;
	}
}

static bool
parse_value(struct parser *ps, int depth)
{
	if (depth > 16)
		return false;
	skip_ws(ps);
	switch (*ps->p) {
	case '{':
		return parse_container(ps, depth, '}', true);
	case '[':
		return parse_container(ps, depth, ']', false);
	case '"':
		return parse_string(ps);
	case 't':
		return strncmp(ps->p, "true", 4) == 0 && (ps->p += 4);
	case 'f':
		return strncmp(ps->p, "false", 5) == 0 && (ps->p += 5);
	case 'n':
		return strncmp(ps->p, "null", 4) == 0 && (ps->p += 4);
	}
	return parse_number(ps);
}

static void
assert_json(const char *text)
{
	struct parser ps = { .p = text };

	assert_true(parse_value(&ps, 0));
	assert_string_equal(ps.p, "\n");
}

/* Nothing a terminal would act on: no control but newline, no C1 or
 * bidi control, only valid UTF-8. */
static void
assert_terminal_safe(const char *text)
{
	const unsigned char *s = (const unsigned char *)text;

	for (; *s; s++) {
		if (*s == '\n')
			continue;
		if (*s < 0x20 || *s == 0x7f)
			fail_msg("control byte 0x%02x at offset %td", *s,
			    (const char *)s - text);
		if (*s == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
			fail_msg("C1 control at offset %td",
			    (const char *)s - text);
		if (*s == 0xe2 && ((s[1] == 0x80 && s[2] >= 0xa8 &&
		    s[2] <= 0xae) || (s[1] == 0x81 && s[2] >= 0xa6 &&
		    s[2] <= 0xa9) || (s[1] == 0x80 && (s[2] == 0x8e ||
		    s[2] == 0x8f))))
			fail_msg("bidi control at offset %td",
			    (const char *)s - text);
		if (*s >= 0xc0 && *s < 0xc2)
			fail_msg("overlong UTF-8 at offset %td",
			    (const char *)s - text);
		if (*s >= 0xf5)
			fail_msg("invalid UTF-8 at offset %td",
			    (const char *)s - text);
	}
}

static void
test_json_golden(void **state)
{
	struct snapshot *s = cluster_prod();
	char *out;

	(void)state;
	out = render(s, false, true);
	assert_string_equal(out, prod_json);
	assert_json(out);
	free(out);
	snapshot_unref(s);
}

static void
test_json_empty_stale(void **state)
{
	struct snapshot *s = snapshot_new("lab", "sim", NULL);
	char *out;

	(void)state;
	finish(s);
	out = render(s, true, true);
	assert_string_equal(out,
	    "{\n"
	    "  \"cluster\": \"lab\",\n"
	    "  \"driver\": \"sim\",\n"
	    "  \"source\": \"\",\n"
	    "  \"stale\": true,\n"
	    "  \"data_time\": null,\n"
	    "  \"data_age_s\": null,\n"
	    "  \"quorum\": true,\n"
	    "  \"maintenance_mode\": false,\n"
	    "  \"stop_all\": false,\n"
	    "  \"dc\": null,\n"
	    "  \"nodes_total\": 0,\n"
	    "  \"nodes_online\": 0,\n"
	    "  \"nodes\": [],\n"
	    "  \"groups\": [],\n"
	    "  \"resources\": []\n"
	    "}\n");
	assert_json(out);
	free(out);
	snapshot_unref(s);
}

static void
test_json_hostile(void **state)
{
	struct snapshot *s = cluster_hostile();
	char *out;

	(void)state;
	out = render(s, true, true);
	assert_string_equal(out, hostile_json);
	assert_json(out);
	assert_terminal_safe(out);
	free(out);
	snapshot_unref(s);
}

/* A clone's instances share an id: one entry per instance in
 * "resources", the id once in the clone's own list, members in order. */
static void
test_json_clone_members(void **state)
{
	struct snapshot *s = snapshot_new("c", "sim", "n1");
	char *out;
	const char *p;
	size_t i, r;

	(void)state;
	snapshot_add_group(s, "stateful-clone", GROUP_KIND_CLONE, 0);
	for (i = 0; i < 3; i++) {
		char node[8];

		r = snapshot_add_resource(s, "stateful", "stateful-clone",
		    "ocf:pacemaker:Stateful", RES_ONLINE, 0);
		snprintf(node, sizeof(node), "n%zu", i + 1);
		snapshot_resource_add_node(s, r, node);
		snapshot_resource_set_role(s, r, i == 0 ? "Promoted" :
		    "Unpromoted");
	}
	finish(s);
	out = render(s, false, true);
	assert_non_null(strstr(out,
	    "      \"resources\": [\n"
	    "        \"stateful\"\n"
	    "      ]\n"));
	assert_non_null(strstr(out,
	    "      \"nodes\": [\n"
	    "        \"n3\"\n"
	    "      ],\n"
	    "      \"role\": \"Unpromoted\",\n"));
	/* Three instances, each with its own nodes. */
	for (r = 0, p = out; (p = strstr(p, "\"id\": \"stateful\"")) != NULL;
	    p++)
		r++;
	assert_int_equal(r, 3);
	assert_json(out);
	free(out);
	snapshot_unref(s);
}

static void
test_json_write_error(void **state)
{
	struct snapshot *s = cluster_prod();
	FILE *f;

	(void)state;
	f = fopen("/dev/full", "w");
	if (f == NULL) {
		snapshot_unref(s);
		skip();
	}
	errno = 0;
	assert_int_equal(report_json(f, s, false, -1), -1);
	assert_int_equal(errno, ENOSPC);
	errno = 0;
	assert_int_equal(report_text(f, s, false), -1);
	assert_int_equal(errno, ENOSPC);
	fclose(f);
	snapshot_unref(s);
}

/* Deterministic random names: every output still parses and is safe. */
static void
test_json_random_names(void **state)
{
	char names[4][24];
	uint32_t seed = 99;
	int round;
	size_t i, j;

	(void)state;
	for (round = 0; round < 300; round++) {
		struct snapshot *s;
		char *out;
		size_t r;

		for (i = 0; i < 4; i++) {
			size_t len;

			seed = seed * 1103515245u + 12345u;
			len = (seed >> 8) % (sizeof(names[i]) - 1);
			for (j = 0; j < len; j++) {
				seed = seed * 1103515245u + 12345u;
				names[i][j] = (char)(1 + (seed >> 16) % 255);
			}
			names[i][len] = '\0';
		}
		s = snapshot_new(names[0], "sim", names[1]);
		snapshot_add_node(s, names[2], NODE_UP, 0);
		snapshot_add_group(s, names[3], GROUP_KIND_BUNDLE, 0);
		r = snapshot_add_resource(s, names[0], names[3], names[1],
		    RES_OFFLINE, 0);
		snapshot_resource_add_node(s, r, names[2]);
		snapshot_resource_set_failure(s, r, 2, names[1], 1);
		snapshot_resource_set_role(s, r, names[2]);
		finish(s);

		out = render(s, round & 1, true);
		assert_json(out);
		assert_terminal_safe(out);
		free(out);
		out = render(s, round & 1, false);
		assert_terminal_safe(out);
		free(out);
		snapshot_unref(s);
	}
}

static void
test_text_golden(void **state)
{
	struct snapshot *s = cluster_prod();
	char *out;

	(void)state;
	out = render(s, false, false);
	assert_string_equal(out,
	    "Cluster prod (pacemaker) from db1, DC db1\n"
	    "\n"
	    "NODE  STATE                RES  FLAGS\n"
	    "db1   UP                   3    dc\n"
	    "db2   PAUSED drain failed  0    standby\n"
	    "db3   DOWN                 0    UNCLEAN\n"
	    "\n"
	    "GROUP / RESOURCE  STATE           NODES  FLAGS                 AGENT\n"
	    "web               PENDING                group\n"
	    "  web-ip          ONLINE          db1                          ocf:heartbeat:IPaddr2\n"
	    "  web-srv         ONLINE PENDING  db1    unmanaged             systemd:nginx\n"
	    "ping-clone        PARTIAL ONLINE         clone\n"
	    "  ping            ONLINE          db1                          ocf:pacemaker:ping\n"
	    "  ping            OFFLINE                                      ocf:pacemaker:ping\n"
	    "fence-db1         FAILED                 BLOCKED,failcount=3   stonith:fence_xvm\n"
	    "    last failure: start on db2 'timed out' at 2024-05-01 10:00:00Z\n"
	    "db-backup         OFFLINE                disabled,maintenance  systemd:backup\n");
	free(out);
	snapshot_unref(s);
}

static void
test_text_hostile(void **state)
{
	struct snapshot *s = cluster_hostile();
	char *out;

	(void)state;
	out = render(s, true, false);
	assert_terminal_safe(out);
	/* The CSI in the id is gone whole; each control and bad byte is
	 * one U+FFFD; the columns still line up. */
	assert_string_equal(out,
	    "Cluster prod\"\\ (pacemaker) from db1\n"
	    "STALE: the cluster did not answer; this is the last state it reported.\n"
	    "\n"
	    "NODE  STATE  RES  FLAGS\n"
	    "n\xc3\xa9\xe6\x97\xa5  UP     1\n"
	    "\n"
	    "GROUP / RESOURCE  STATE   NODES  FLAGS        AGENT\n"
	    "g" FFFD "evil            ONLINE         group\n"
	    "  \"'\\" FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD "     ONLINE  "
	    "n\xc3\xa9\xe6\x97\xa5                ocf:x:" FFFD FFFD FFFD "\n"
	    "\xf0\x9f\x98\x80                FAILED         failcount=1\n"
	    "    last failure: line1" FFFD "line2" FFFD "\n");
	free(out);
	snapshot_unref(s);
}

/* The report at a width (0: no limit), as a string (caller frees). */
static char *
render_width(const struct snapshot *s, unsigned cols)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(report_text_width(f, s, false, cols), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* Every line of text at most cols columns wide. */
static void
assert_lines_fit(const char *text, size_t cols)
{
	char line[4096];
	const char *p = text, *nl;

	for (; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		assert_true((size_t)(nl - p) < sizeof(line));
		memcpy(line, p, (size_t)(nl - p));
		line[nl - p] = '\0';
		if (termtext_width(line) > cols)
			fail_msg("%zu columns, more than %zu: %s",
			    termtext_width(line), cols, line);
	}
}

/* A resource whose id is 200 characters, with every flag and a long
 * failure, and wide characters past any column: a cluster's names as
 * they can be. */
static struct snapshot *
cluster_long(void)
{
	struct snapshot *s = snapshot_new("c", "sim", "n1");
	char id[201];
	size_t r;

	memset(id, 'x', sizeof(id) - 1);
	id[sizeof(id) - 1] = '\0';
	id[sizeof(id) - 2] = 'Z';     /* its end, which a cut would lose */
	snapshot_add_node(s, "n1", NODE_UP, NODE_F_DC | NODE_F_MAINTENANCE |
	    NODE_F_UNCLEAN | NODE_F_STANDBY);
	r = snapshot_add_resource(s, id, NULL, "ocf:heartbeat:IPaddr2",
	    RES_FAILED, RES_F_DISABLED | RES_F_UNMANAGED | RES_F_MAINTENANCE |
	    RES_F_BLOCKED | RES_F_ORPHANED | RES_F_PINNED | RES_F_LOCKED |
	    RES_F_CORE);
	snapshot_resource_add_node(s, r, "n1");
	snapshot_resource_set_role(s, r, "Unpromoted");
	snapshot_resource_set_failure(s, r, 1000000, "start on n1: the "
	    "agent said something rather long about what went wrong, and "
	    "then some more, until the very end: END", 1714557600);
	/* Wide characters: 21 of them, 42 columns. */
	r = snapshot_add_resource(s,
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac"
	    "\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5"
	    "\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e"
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac"
	    "\xe8\xaa\x9e", NULL, "b", RES_OFFLINE, 0);
	finish(s);
	return s;
}

/* Not a terminal (a pipe, a file, here a memory stream): nothing cut, not
 * the 200-character id, not a flag, not the failure. */
static void
test_text_long_names(void **state)
{
	struct snapshot *s = cluster_long();
	char *out;
	const struct model_resource *r = &s->resources[0];

	(void)state;
	out = render(s, false, false);
	assert_null(strstr(out, "\xe2\x80\xa6"));     /* no "…" */
	assert_non_null(strstr(out, r->id));
	assert_non_null(strstr(out, "  FAILED  "));
	assert_non_null(strstr(out, "Unpromoted,disabled,unmanaged,"
	    "maintenance,BLOCKED,orphaned,pinned,locked,core,"
	    "failcount=INFINITY  ocf:heartbeat:IPaddr2\n"));
	assert_non_null(strstr(out, "dc,standby,maintenance,UNCLEAN\n"));
	assert_non_null(strstr(out, "until the very end: END at "
	    "2024-05-01 10:00:00Z\n"));
	assert_non_null(strstr(out, s->resources[1].id));
	free(out);
	/* Width 0 is the same: no limit. */
	out = render_width(s, 0);
	assert_non_null(strstr(out, r->id));
	free(out);
	snapshot_unref(s);
}

/* On a terminal every line fits its width: AGENT gives first (from the
 * left), then the widest column; a cut ends in "…"; the state words
 * stay whole. */
static void
test_text_fits_terminal(void **state)
{
	static const unsigned widths[] = { 120, 80, 60 };
	struct snapshot *s = cluster_long();
	size_t i;
	char *out;

	(void)state;
	for (i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		out = render_width(s, widths[i]);
		assert_lines_fit(out, widths[i]);
		assert_non_null(strstr(out, "\xe2\x80\xa6"));
		assert_non_null(strstr(out, " FAILED "));
		assert_non_null(strstr(out, " OFFLINE "));
		assert_null(strstr(out, "xxZ"));
		free(out);
	}
	/* At 80: AGENT at its floor (its type: "…:IPaddr2"), then the
	 * widest two columns alike; the wide characters cut where one
	 * fits. */
	out = render_width(s, 80);
	assert_string_equal(strstr(out, "NODE"),
	    "NODE  STATE  RES  FLAGS\n"
	    "n1    UP     1    dc,standby,maintenance,UNCLEAN\n"
	    "\n"
	    "GROUP / RESOURCE           STATE    NODES  FLAGS                 "
	    "     AGENT\n"
	    "xxxxxxxxxxxxxxxxxxxxxxxx\xe2\x80\xa6  FAILED   n1     "
	    "Unpromoted,disabled,unma\xe2\x80\xa6  \xe2\x80\xa6:IPaddr2\n"
	    "    last failure: start on n1: the agent said something"
	    "\xe2\x80\xa6 at 2024-05-01 10:00:00Z\n"
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac"
	    "\xe8\xaa\x9e\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe6\x97\xa5"
	    "\xe6\x9c\xac\xe8\xaa\x9e\xe2\x80\xa6  OFFLINE                    "
	    "                b\n");
	free(out);
	snapshot_unref(s);
}

/* A fail count of Pacemaker's INFINITY is the word in text and the
 * number in JSON; a saved state says when it is of. */
static void
test_infinity_and_data_time(void **state)
{
	struct snapshot *s = snapshot_new("lab", "pacemaker", "n1");
	struct tm tm = { .tm_year = 2026 - 1900, .tm_mon = 10, .tm_mday = 24,
	    .tm_hour = 22, .tm_min = 4, .tm_isdst = -1 };
	char *out;
	size_t r;

	(void)state;
	snapshot_add_node(s, "n1", NODE_UP, 0);
	r = snapshot_add_resource(s, "db", NULL, "a", RES_OFFLINE, 0);
	snapshot_resource_set_failure(s, r, 1000000, "start failed", 0);
	finish(s);
	out = render(s, false, false);
	assert_non_null(strstr(out, "failcount=INFINITY"));
	assert_null(strstr(out, "1000000"));
	assert_null(strstr(out, "Data as of"));
	free(out);
	out = render(s, false, true);
	assert_non_null(strstr(out, "\"failcount\": 1000000,"));
	assert_non_null(strstr(out, "\"data_time\": null,"));
	free(out);
	/* In local time, as crm_mon wrote it. */
	s->data_wall = (int64_t)mktime(&tm);
	out = render(s, false, false);
	assert_non_null(strstr(out, "\nData as of 2026-11-24 22:04:00 (its own "
			       "time stamp).\n"));
	free(out);
	out = render(s, false, true);
	assert_non_null(strstr(out, "\"data_time\": "));
	assert_null(strstr(out, "\"data_time\": null"));
	free(out);
	snapshot_unref(s);
}

/* The report with the data that old (ms; negative: not known). */
static char *
render_aged(const struct snapshot *s, int64_t age_ms)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(report_json(f, s, false, age_ms), 0);
	assert_int_equal(fclose(f), 0);
	assert_json(buf);
	return buf;
}

/* The cluster-wide facts a check looks at first: quorum, maintenance,
 * stop-all, the DC, how many nodes are up of how many, and the age of
 * the data in whole seconds. */
static void
test_json_cluster_facts(void **state)
{
	struct snapshot *s = snapshot_new("c", "pacemaker", "n1");
	char *out;

	(void)state;
	snapshot_add_node(s, "n1", NODE_UP, 0);
	snapshot_add_node(s, "n2", NODE_PAUSED, NODE_F_STANDBY);
	snapshot_add_node(s, "n3", NODE_DOWN, NODE_F_UNCLEAN);
	snapshot_add_node(s, "n4", NODE_UP, 0);
	snapshot_set_dc(s, "n4");
	s->quorum = false;
	s->maintenance_mode = true;
	s->stop_all = true;
	finish(s);
	out = render_aged(s, 59999);
	assert_non_null(strstr(out,
	    "  \"data_time\": null,\n"
	    "  \"data_age_s\": 59,\n"
	    "  \"quorum\": false,\n"
	    "  \"maintenance_mode\": true,\n"
	    "  \"stop_all\": true,\n"
	    "  \"dc\": \"n4\",\n"
	    "  \"nodes_total\": 4,\n"
	    "  \"nodes_online\": 2,\n"
	    "  \"nodes\": [\n"));
	free(out);
	out = render_aged(s, 0);
	assert_non_null(strstr(out, "  \"data_age_s\": 0,\n"));
	free(out);
	/* A saved file eight days old says so. */
	out = render_aged(s, 8 * 86400 * 1000LL + 1);
	assert_non_null(strstr(out, "  \"data_age_s\": 691200,\n"));
	free(out);
	out = render_aged(s, -1);
	assert_non_null(strstr(out, "  \"data_age_s\": null,\n"));
	free(out);
	snapshot_unref(s);

	/* No DC known, and a DC's name from the cluster is escaped. */
	s = snapshot_new("c", "pacemaker", "n1");
	finish(s);
	out = render_aged(s, 1000);
	assert_non_null(strstr(out, "  \"dc\": null,\n"));
	assert_non_null(strstr(out, "  \"quorum\": true,\n"));
	free(out);
	snapshot_set_dc(s, "n\x1b[0m");
	out = render_aged(s, 1000);
	assert_non_null(strstr(out, "  \"dc\": \"n\\u001b[0m\",\n"));
	assert_terminal_safe(out);
	free(out);
	snapshot_unref(s);
}

/* Per resource: pinned and by which constraints (each once, in the
 * order the driver named them, escaped), and what it is meant to be. */
static void
test_json_pins_and_target(void **state)
{
	struct snapshot *s = snapshot_new("c", "pacemaker", "n1");
	char *out;
	size_t r;

	(void)state;
	snapshot_add_node(s, "n1", NODE_UP, 0);
	snapshot_add_group(s, "web", GROUP_KIND_GROUP, RES_F_DISABLED);
	/* Stopped with its group: disabled, not by its own role. */
	r = snapshot_add_resource(s, "web-ip", "web", "a", RES_OFFLINE,
	    RES_F_DISABLED);
	snapshot_resource_add_pin(s, r, "cli-prefer-web");
	/* Stopped by its own role. */
	snapshot_add_resource(s, "solo", NULL, "a", RES_ONLINE,
	    RES_F_DISABLED | RES_F_OWN_STOPPED);
	/* Meant to run, pinned twice, before and after snapshot_finish,
	 * one of them named again. */
	r = snapshot_add_resource(s, "db", NULL, "a", RES_FAILED, 0);
	snapshot_resource_add_pin(s, r, "cli-ban-db-on-n2");
	/* Pinned where the driver cannot say by what. */
	snapshot_add_resource(s, "w", NULL, "a", RES_ONLINE, RES_F_PINNED);
	finish(s);
	snapshot_resource_add_pin(s, r, "cli-prefer-db");
	snapshot_resource_add_pin(s, r, "cli-ban-db-on-n2");
	snapshot_resource_add_pin(s, r, "cli-ban-\x1b[2J\xe2\x80\xae");
	out = render_aged(s, 0);
	assert_non_null(strstr(out,
	    "      \"id\": \"web-ip\",\n"));
	assert_non_null(strstr(out,
	    "      \"failure\": null,\n"
	    "      \"pinned\": true,\n"
	    "      \"pinned_by\": [\n"
	    "        \"cli-prefer-web\"\n"
	    "      ],\n"
	    "      \"target\": \"stopped\"\n"
	    "    },\n"
	    "    {\n"
	    "      \"id\": \"solo\",\n"));
	assert_non_null(strstr(out,
	    "      \"failure\": null,\n"
	    "      \"pinned\": false,\n"
	    "      \"pinned_by\": [],\n"
	    "      \"target\": \"stopped\"\n"
	    "    },\n"
	    "    {\n"
	    "      \"id\": \"db\",\n"));
	assert_non_null(strstr(out,
	    "      \"pinned\": true,\n"
	    "      \"pinned_by\": [\n"
	    "        \"cli-ban-db-on-n2\",\n"
	    "        \"cli-prefer-db\",\n"
	    "        \"cli-ban-\\u001b[2J\\u202e\"\n"
	    "      ],\n"
	    "      \"target\": \"started\"\n"
	    "    },\n"
	    "    {\n"
	    "      \"id\": \"w\",\n"));
	assert_non_null(strstr(out,
	    "      \"pinned\": true,\n"
	    "      \"pinned_by\": [],\n"
	    "      \"target\": \"started\"\n"
	    "    }\n"
	    "  ]\n"
	    "}\n"));
	assert_terminal_safe(out);
	free(out);
	snapshot_unref(s);
}

/* No data: the error object, valid JSON whatever the message holds. */
static void
test_json_error(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(report_json_error(f, "prod\"",
	    "127.0.0.1:1: cannot connect \x1b[31m\"x\"\\"), 0);
	assert_int_equal(fclose(f), 0);
	assert_string_equal(buf,
	    "{\n"
	    "  \"cluster\": \"prod\\\"\",\n"
	    "  \"error\": \"127.0.0.1:1: cannot connect \\u001b[31m"
	    "\\\"x\\\"\\\\\"\n"
	    "}\n");
	assert_json(buf);
	assert_terminal_safe(buf);
	free(buf);
	f = fopen("/dev/full", "w");
	if (f == NULL)
		skip();
	errno = 0;
	assert_int_equal(report_json_error(f, "c", "m"), -1);
	assert_int_equal(errno, ENOSPC);
	fclose(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_golden),
		cmocka_unit_test(test_json_empty_stale),
		cmocka_unit_test(test_json_hostile),
		cmocka_unit_test(test_json_clone_members),
		cmocka_unit_test(test_json_write_error),
		cmocka_unit_test(test_json_random_names),
		cmocka_unit_test(test_text_golden),
		cmocka_unit_test(test_text_hostile),
		cmocka_unit_test(test_text_long_names),
		cmocka_unit_test(test_text_fits_terminal),
		cmocka_unit_test(test_infinity_and_data_time),
		cmocka_unit_test(test_json_cluster_facts),
		cmocka_unit_test(test_json_pins_and_target),
		cmocka_unit_test(test_json_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
