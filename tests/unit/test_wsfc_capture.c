/* The WSFC capture parser (backend/drivers/wsfc/wsfc_capture.h) on the
 * hand-written captures of tests/data/wsfc (see its README) and on
 * inputs made here: every documented state number, unknown numbers,
 * framing, BOM, CRLF, unrolled arrays, missing and mistyped properties,
 * the script's error object, and text that must be refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/drivers/wsfc/wsfc_capture.h"
#include "testdata.h"

static char *
slurp(const char *name, size_t *len)
{
	char rel[512];

	snprintf(rel, sizeof(rel), "wsfc/%s", name);
	return testdata_read(rel, len);
}

/* Parses text that must be accepted. */
static void
ok_parse(const char *text, size_t len, struct wsfc_capture *c)
{
	char *err = NULL;

	if (wsfc_capture_parse(text, len, NULL, NULL, c, NULL, &err) != 0)
		fail_msg("refused: %s", err);
	assert_null(err);
	assert_non_null(c->snap);
}

static void
ok_str(const char *text, struct wsfc_capture *c)
{
	ok_parse(text, strlen(text), c);
}

/* Parses text that must be refused; returns the message (caller
 * frees), after checking it holds each of the NULL-ended words. */
static char *
bad_parse(const char *text, size_t len, ...)
{
	struct wsfc_capture c = { 0 };
	char *err = NULL;
	const char *w;
	va_list ap;

	if (wsfc_capture_parse(text, len, NULL, NULL, &c, NULL, &err) == 0)
		fail_msg("accepted: %.200s", text);
	assert_null(c.snap);
	assert_non_null(err);
	va_start(ap, len);
	while ((w = va_arg(ap, const char *)) != NULL)
		if (strstr(err, w) == NULL)
			fail_msg("message \"%s\" lacks \"%s\"", err, w);
	va_end(ap);
	return err;
}

#define BAD(text, ...) free(bad_parse(text, strlen(text), __VA_ARGS__, \
	(const char *)NULL))

static const struct wsfc_resource_info *
res_info(const struct wsfc_capture *c, const char *name, size_t *ix)
{
	long r = snapshot_find_resource(c->snap, name);

	if (r < 0)
		fail_msg("no resource %s", name);
	if (ix)
		*ix = (size_t)r;
	return &c->resources[r];
}

static void
fileserver_cluster(void **state)
{
	struct wsfc_capture c;
	const struct snapshot *s;
	const struct wsfc_resource_info *ri;
	const struct model_resource *r;
	const struct model_group *g;
	size_t len, ix;
	char *text = slurp("fileserver.txt", &len);
	long gi;

	(void)state;
	ok_parse(text, len, &c);
	s = c.snap;
	assert_string_equal(s->driver, "wsfc");
	assert_string_equal(s->cluster, "FSCLU");
	assert_string_equal(s->source, "NODE1");
	assert_string_equal(c.cluster, "FSCLU");
	assert_string_equal(c.node, "NODE1");
	assert_string_equal(c.ps, "5.1.17763.6189");

	assert_int_equal(s->n_nodes, 2);
	assert_string_equal(s->nodes[0].name, "NODE1");
	assert_int_equal(s->nodes[0].state, NODE_UP);
	assert_int_equal(s->nodes[1].state, NODE_PAUSED);
	assert_int_equal(s->nodes[0].drain, NODE_DRAIN_NONE);
	assert_int_equal(s->nodes[1].drain, NODE_DRAIN_IN_PROGRESS);
	assert_string_equal(c.nodes[1].id, "2");
	assert_int_equal(c.nodes[1].drain_status, WSFC_DRAIN_IN_PROGRESS);
	assert_int_equal(c.nodes[1].status_information,
			 WSFC_NODE_DRAIN_IN_PROGRESS);
	assert_int_equal(c.nodes[1].dynamic_weight, 0);
	/* NODE1 runs the eight resources that are not offline. */
	assert_int_equal(s->nodes[0].resource_count, 8);
	assert_int_equal(s->nodes[1].resource_count, 0);

	assert_int_equal(s->n_groups, 3);
	gi = snapshot_find_group(s, "Cluster Group");
	assert_int_equal(gi, 0);
	assert_true(c.groups[0].core);
	assert_int_equal(c.groups[0].group_type, WSFC_GROUP_TYPE_CLUSTER);
	assert_string_equal(c.groups[0].owner_node, "NODE1");
	assert_int_equal(s->groups[0].state, GROUP_ONLINE);
	assert_int_equal(s->groups[0].n_members, 3);
	assert_true(c.groups[1].core);
	assert_int_equal(c.groups[1].group_type,
			 WSFC_GROUP_TYPE_AVAILABLE_STORAGE);
	assert_int_equal(s->groups[1].state, GROUP_OFFLINE);
	g = &s->groups[2];
	assert_string_equal(g->id, "FS1");
	assert_false(c.groups[2].core);
	assert_int_equal(c.groups[2].priority, 2000);
	assert_int_equal(c.groups[2].status_information, WSFC_STATUS_LOCKED);
	assert_int_equal(g->state, GROUP_FAILED);
	assert_int_equal(g->n_members, 5);
	assert_string_equal(s->resources[g->members[0]].id,
			    "IP Address 10.0.0.50");

	/* The disk in Available Storage: offline (so on no node), in
	 * maintenance. */
	ri = res_info(&c, "Cluster Disk 3", &ix);
	r = &s->resources[ix];
	assert_int_equal(r->state, RES_OFFLINE);
	assert_int_equal(r->n_nodes, 0);
	assert_string_equal(ri->owner_node, "NODE2");
	assert_true(r->flags & RES_F_MAINTENANCE);
	assert_string_equal(r->group, "Available Storage");
	assert_string_equal(r->agent, "Physical Disk");

	ri = res_info(&c, "Cluster Disk 2", &ix);
	assert_int_equal(s->resources[ix].state, RES_ONLINE_PENDING);
	assert_int_equal(ri->deps.n, 0);
	assert_false(s->resources[ix].flags & RES_F_MAINTENANCE);
	assert_false(s->resources[ix].flags & RES_F_CORE);
	(void)res_info(&c, "Cluster Name", &ix);
	assert_true(s->resources[ix].flags & RES_F_CORE);

	ri = res_info(&c, "FileServer-(FS1)(Cluster Disk 2)", &ix);
	r = &s->resources[ix];
	assert_int_equal(r->state, RES_FAILED);
	assert_int_equal(r->n_nodes, 1);
	assert_string_equal(r->nodes[0], "NODE1");
	assert_int_equal(ri->last_operation_status, 1460);
	assert_non_null(r->failure);
	assert_non_null(strstr(r->failure, "1460"));
	/* In words, from the table of codes. */
	assert_non_null(strstr(r->failure, "ERROR_TIMEOUT"));
	assert_int_equal(ri->deps.n, 2);
	assert_string_equal(ri->deps.names[0], "FS1");
	assert_string_equal(ri->deps.names[1], "Cluster Disk 2");

	ri = res_info(&c, "FS1", NULL);
	assert_int_equal(ri->deps.n, 2);
	assert_string_equal(ri->deps.names[0], "IP Address 10.0.0.50");
	assert_string_equal(ri->deps.names[1], "IP Address 2001:db8::50");
	ri = res_info(&c, "Cluster Name", &ix);
	assert_true(ri->is_core_resource);
	assert_string_equal(ri->id, "a2");
	assert_int_equal(ri->deps.n, 1);
	assert_null(s->resources[ix].failure);
	wsfc_capture_free(&c);
	free(text);
}

/* The caller's names win over the capture's. */
/* err and fqid may be NULL; freeing a capture that was never filled, or
 * twice, is harmless. */
static void
optional_outputs(void **state)
{
	struct wsfc_capture c = { 0 };

	(void)state;
	assert_int_equal(wsfc_capture_parse("x", 1, NULL, NULL, &c, NULL,
					    NULL), -1);
	assert_int_equal(wsfc_capture_parse("{\"ok\":false}", 12, NULL, NULL,
					    &c, NULL, NULL), -1);
	assert_null(c.snap);
	wsfc_capture_free(&c);
	wsfc_capture_free(NULL);
	ok_str("{\"ok\":true,\"nodes\":{\"Name\":\"n\",\"State\":0}}", &c);
	wsfc_capture_free(&c);
	assert_null(c.snap);
	wsfc_capture_free(&c);
}

static void
names_from_the_caller(void **state)
{
	struct wsfc_capture c;
	char *err = NULL;
	size_t len;
	char *text = slurp("fileserver.txt", &len);

	(void)state;
	assert_int_equal(wsfc_capture_parse(text, len, "prod", "10.0.0.1",
					    &c, NULL, &err), 0);
	assert_string_equal(c.snap->cluster, "prod");
	assert_string_equal(c.snap->source, "10.0.0.1");
	assert_string_equal(c.cluster, "FSCLU");
	wsfc_capture_free(&c);
	free(text);
}

static void
unrolled_arrays_bom_crlf(void **state)
{
	struct wsfc_capture c;
	size_t len;
	char *text = slurp("single.txt", &len);

	(void)state;
	assert_memory_equal(text, "\xef\xbb\xbf", 3);
	assert_non_null(strstr(text, "\r\n"));
	ok_parse(text, len, &c);
	assert_int_equal(c.snap->n_nodes, 1);
	assert_string_equal(c.snap->nodes[0].name, "ONLY1");
	assert_int_equal(c.snap->n_groups, 1);
	assert_true(c.groups[0].core);
	assert_int_equal(c.snap->n_resources, 1);
	assert_string_equal(c.snap->resources[0].group, "Cluster Group");
	assert_int_equal(c.resources[0].deps.n, 0);
	/* Properties this capture leaves out. */
	assert_int_equal(c.nodes[0].drain_status, WSFC_ABSENT);
	assert_int_equal(c.groups[0].priority, WSFC_ABSENT);
	assert_false(c.groups[0].is_core_group);
	assert_null(c.resources[0].id);
	assert_int_equal(c.resources[0].last_operation_status, WSFC_ABSENT);
	wsfc_capture_free(&c);
	free(text);
}

static void
script_error(void **state)
{
	struct wsfc_capture c = { 0 };
	char *err = NULL, *fqid = NULL;
	size_t len;
	char *text = slurp("error.txt", &len);

	(void)state;
	assert_int_equal(wsfc_capture_parse(text, len, NULL, NULL, &c, &fqid,
					    &err), -1);
	assert_null(c.snap);
	assert_non_null(strstr(err, "The cluster service is not running."));
	assert_non_null(strstr(err, "ClusterEndpointNotRegistered,"));
	assert_non_null(strstr(err, "ConnectionError"));
	assert_string_equal(fqid, "ClusterEndpointNotRegistered,"
			    "Microsoft.FailoverClusters.PowerShell."
			    "GetNodeCommand");
	free(err);
	free(fqid);
	free(text);

	/* Without an error object, or parts of it. */
	BAD("{\"ok\":false}", "failed without a message");
	BAD("{\"ok\":false,\"error\":{\"message\":\"boom\"}}", "boom");
	BAD("{\"ok\":false,\"error\":{\"message\":\"x\",\"category\":\"C\"}}",
	    "category C");
	err = NULL;
	fqid = (char *)"untouched";
	assert_int_equal(wsfc_capture_parse("{\"ok\":false}", 12, NULL, NULL,
					    &c, &fqid, &err), -1);
	assert_null(fqid);
	free(err);
}

#define CAPTURE(nodes, groups, resources) \
	"{\"ok\":true,\"nodes\":[" nodes "],\"groups\":[" groups "]," \
	"\"resources\":[" resources "]}"

/* A capture of one resource in state st (a number's text). */
static void
res_state_of(const char *st, enum res_state want)
{
	struct wsfc_capture c;
	char text[512];

	snprintf(text, sizeof(text), CAPTURE("", "{\"Name\":\"g\",\"State\":0}",
		 "{\"Name\":\"r\",\"State\":%s,\"OwnerGroup\":\"g\"}"), st);
	ok_str(text, &c);
	assert_int_equal(c.snap->resources[0].state, want);
	/* The group's state is WSFC's, whatever the member says. */
	assert_int_equal(c.snap->groups[0].state, GROUP_ONLINE);
	wsfc_capture_free(&c);
}

static void
resource_states(void **state)
{
	(void)state;
	res_state_of("-1", RES_UNKNOWN);
	res_state_of("0", RES_INHERITED);
	res_state_of("1", RES_INITIALIZING);
	res_state_of("2", RES_ONLINE);
	res_state_of("3", RES_OFFLINE);
	res_state_of("4", RES_FAILED);
	res_state_of("128", RES_PENDING);
	res_state_of("129", RES_ONLINE_PENDING);
	res_state_of("130", RES_OFFLINE_PENDING);
	/* Numbers WSFC does not document are unknown, not a neighbour. */
	res_state_of("5", RES_UNKNOWN);
	res_state_of("127", RES_UNKNOWN);
	res_state_of("131", RES_UNKNOWN);
	res_state_of("4294967295", RES_UNKNOWN);
	res_state_of("-2", RES_UNKNOWN);
	assert_int_equal(wsfc_res_state(INT64_MAX), RES_UNKNOWN);
}

static void
group_state_of(const char *st, enum group_state want)
{
	struct wsfc_capture c;
	char text[512];

	/* Its one member is online: the group's state must still be the
	 * reported one. */
	snprintf(text, sizeof(text), CAPTURE("", "{\"Name\":\"g\",\"State\":%s}",
		 "{\"Name\":\"r\",\"State\":2,\"OwnerGroup\":\"g\"}"), st);
	ok_str(text, &c);
	assert_int_equal(c.snap->groups[0].state, want);
	assert_int_equal(c.groups[0].state, strtoll(st, NULL, 10));
	wsfc_capture_free(&c);
}

static void
group_states(void **state)
{
	(void)state;
	group_state_of("-1", GROUP_UNKNOWN);
	group_state_of("0", GROUP_ONLINE);
	group_state_of("1", GROUP_OFFLINE);
	group_state_of("2", GROUP_FAILED);
	group_state_of("3", GROUP_PARTIAL_ONLINE);
	group_state_of("4", GROUP_PENDING);
	group_state_of("5", GROUP_UNKNOWN);
	/* clusapi.h's documented "ClusterGroupOnline = 206" is an error. */
	group_state_of("206", GROUP_UNKNOWN);
	group_state_of("4294967295", GROUP_UNKNOWN);
}

static void
empty_group_keeps_its_state(void **state)
{
	struct wsfc_capture c;

	(void)state;
	/* Derived, an empty group would be offline. */
	ok_str(CAPTURE("", "{\"Name\":\"g\",\"State\":2}", ""), &c);
	assert_int_equal(c.snap->groups[0].state, GROUP_FAILED);
	assert_int_equal(c.snap->groups[0].n_members, 0);
	wsfc_capture_free(&c);
}

/* A capture of one node "n" with these properties besides its Name. */
static void
one_node(const char *props, struct wsfc_capture *c)
{
	char text[512];

	snprintf(text, sizeof(text),
		 CAPTURE("{\"Name\":\"n\",%s}", "", ""), props);
	ok_str(text, c);
}

static void
node_state_of(const char *st, enum node_state want)
{
	struct wsfc_capture c;
	char props[64];

	snprintf(props, sizeof(props), "\"State\":%s", st);
	one_node(props, &c);
	assert_int_equal(c.snap->nodes[0].state, want);
	wsfc_capture_free(&c);
}

static void
drain_of(const char *props, enum node_drain want)
{
	struct wsfc_capture c;

	one_node(props, &c);
	assert_int_equal(c.snap->nodes[0].drain, want);
	wsfc_capture_free(&c);
}

static void
node_states(void **state)
{
	struct wsfc_capture c;
	int d;

	(void)state;
	node_state_of("-1", NODE_UNKNOWN);
	node_state_of("0", NODE_UP);
	node_state_of("1", NODE_DOWN);
	node_state_of("2", NODE_PAUSED);
	node_state_of("3", NODE_JOINING);
	node_state_of("4", NODE_UNKNOWN);
	node_state_of("4294967295", NODE_UNKNOWN);
	for (d = 0; d <= 3; d++) {
		char text[256];

		snprintf(text, sizeof(text), CAPTURE("{\"Name\":\"n\","
			 "\"State\":2,\"DrainStatus\":%d,"
			 "\"StatusInformation\":%d}", "", ""), d, 4 << d);
		ok_str(text, &c);
		assert_int_equal(c.nodes[0].drain_status, d);
		assert_int_equal(c.nodes[0].status_information, 4 << d);
		wsfc_capture_free(&c);
	}
	drain_of("\"State\":2,\"DrainStatus\":0", NODE_DRAIN_NONE);
	drain_of("\"State\":2,\"DrainStatus\":1", NODE_DRAIN_IN_PROGRESS);
	drain_of("\"State\":2,\"DrainStatus\":2", NODE_DRAIN_DONE);
	drain_of("\"State\":2,\"DrainStatus\":3", NODE_DRAIN_FAILED);
	/* DrainStatus outlives a resume: an up node has no drain. */
	drain_of("\"State\":0,\"DrainStatus\":2", NODE_DRAIN_NONE);
	drain_of("\"State\":0,\"StatusInformation\":16", NODE_DRAIN_NONE);
	/* Without DrainStatus (or with one WSFC does not document), the
	 * bits; a failure first, in progress before completed. */
	drain_of("\"State\":2,\"StatusInformation\":8", NODE_DRAIN_DONE);
	drain_of("\"State\":2,\"StatusInformation\":4",
		 NODE_DRAIN_IN_PROGRESS);
	drain_of("\"State\":2,\"StatusInformation\":28",
		 NODE_DRAIN_FAILED);
	drain_of("\"State\":2,\"StatusInformation\":12",
		 NODE_DRAIN_IN_PROGRESS);
	drain_of("\"State\":2,\"DrainStatus\":9,\"StatusInformation\":8",
		 NODE_DRAIN_DONE);
	drain_of("\"State\":2,\"DrainStatus\":null,"
		 "\"StatusInformation\":1", NODE_DRAIN_NONE);
	drain_of("\"State\":2", NODE_DRAIN_NONE);
	/* The bits do not overrule a DrainStatus that says. */
	drain_of("\"State\":2,\"DrainStatus\":2,\"StatusInformation\":16",
		 NODE_DRAIN_DONE);
}

static void
core_groups_by_type_not_name(void **state)
{
	struct wsfc_capture c;

	(void)state;
	ok_str(CAPTURE("",
		"{\"Name\":\"Clustergruppe\",\"State\":0,\"GroupType\":1},"
		"{\"Name\":\"Verf\\u00fcgbarer Speicher\",\"State\":1,"
		" \"GroupType\":2},"
		"{\"Name\":\"Cluster Group\",\"State\":0,\"GroupType\":100,"
		" \"IsCoreGroup\":false},"
		"{\"Name\":\"x\",\"State\":0,\"GroupType\":9999,"
		" \"IsCoreGroup\":true},"
		"{\"Name\":\"Available Storage\",\"State\":0}", ""), &c);
	assert_true(c.groups[0].core);
	assert_true(c.groups[1].core);
	assert_string_equal(c.snap->groups[1].id,
			    "Verf\xc3\xbc" "gbarer Speicher");
	assert_false(c.groups[2].core);
	assert_true(c.groups[3].core);
	assert_true(c.groups[3].is_core_group);
	assert_false(c.groups[4].core);
	assert_int_equal(c.groups[4].group_type, WSFC_ABSENT);
	/* The model says so too, for the screen and the JSON. */
	assert_true(c.snap->groups[0].flags & RES_F_CORE);
	assert_true(c.snap->groups[3].flags & RES_F_CORE);
	assert_false(c.snap->groups[2].flags & RES_F_CORE);
	assert_false(c.snap->groups[4].flags & RES_F_CORE);
	wsfc_capture_free(&c);
}

static void
framing(void **state)
{
	struct wsfc_capture c;
	const char *obj = CAPTURE("{\"Name\":\"n\",\"State\":0}", "", "");
	char text[1024];

	(void)state;
	/* Bare, with blanks around. */
	snprintf(text, sizeof(text), "\r\n  %s\r\n", obj);
	ok_str(text, &c);
	assert_int_equal(c.snap->n_nodes, 1);
	wsfc_capture_free(&c);
	/* Bare, after a BOM. */
	snprintf(text, sizeof(text), "\xef\xbb\xbf%s", obj);
	ok_str(text, &c);
	wsfc_capture_free(&c);
	/* Framed, CRLF, stray lines (with bytes that are not UTF-8 and a
	 * brace) around, no newline after the end marker. */
	snprintf(text, sizeof(text), "\xef\xbb\xbfWARNING: caf\xe9 {\r\n"
		 "<<CCON-BEGIN>>\r\n%s\r\n<<CCON-END>>", obj);
	ok_str(text, &c);
	wsfc_capture_free(&c);
	/* Marker lines with blanks around them; a BOM inside. */
	snprintf(text, sizeof(text), "x\n  <<CCON-BEGIN>> \t\r\n"
		 "\xef\xbb\xbf%s\n\t<<CCON-END>>  \r\nPS C:\\>", obj);
	ok_str(text, &c);
	wsfc_capture_free(&c);
	/* The text as a whole need not end in NUL: only len counts. */
	snprintf(text, sizeof(text), "<<CCON-BEGIN>>\n%s\n<<CCON-END>>\nX",
		 obj);
	ok_parse(text, strlen(text) - 1, &c);
	wsfc_capture_free(&c);

	BAD("", "printed nothing");
	BAD(" \r\n", "printed nothing");
	BAD("The term 'Get-ClusterNode' is not recognized",
	    "no capture", "The term 'Get-ClusterNode'");
	BAD("<<CCON-BEGIN>>\r\n{\"ok\":true}\r\n", "no <<CCON-END>>",
	    "cut short");
	BAD("<<CCON-BEGIN>>", "no <<CCON-END>>");
	BAD("x\r\n<<CCON-END>>\r\n", "no <<CCON-BEGIN>>", "line 2");
	/* A marker must be the whole line. */
	BAD("say <<CCON-BEGIN>>\n{}\n<<CCON-END>>\n", "<<CCON-END>>");
	/* Trailing text after a bare object, or inside the frame. */
	BAD("{\"ok\":true} PS C:\\>", "not valid JSON");
	BAD("<<CCON-BEGIN>>\n{\"ok\":true}\nWARNING: x\n<<CCON-END>>\n",
	    "not valid JSON", "line 3");
	BAD("<<CCON-BEGIN>>\n<<CCON-END>>\n", "not valid JSON");
}

static void
malformed_json(void **state)
{
	(void)state;
	/* The line is the output's, not the frame's. */
	BAD("a\nb\n<<CCON-BEGIN>>\n{\"ok\":true,\n\"nodes\":[}\n"
	    "<<CCON-END>>\n", "not valid JSON", "line 5", "column 10");
	BAD("{\"ok\":true,\"nodes\":[", "not valid JSON");
	BAD("{\"ok\":tru}", "not valid JSON");
	BAD("{\"ok\":true,\"ok\":false}", "not valid JSON", "duplicate");
	BAD("{\"ok\":true,\"nodes\":[{\"Name\":\"n\",\"State\":0,"
	    "\"State\":1}]}", "duplicate");
	BAD("[{\"ok\":true}]", "no capture");
	BAD("{}", "no \"ok\"");
	BAD("{\"ok\":1}", "\"ok\" is not true or false");
	BAD("{\"ok\":\"true\"}", "\"ok\" is not true or false");
	/* \u0000 would cut a name short in C. */
	BAD(CAPTURE("{\"Name\":\"a\\u0000b\",\"State\":0}", "", ""),
	    "not valid JSON", "a string holds \\u0000");
	/* A lone surrogate is not a character. */
	BAD(CAPTURE("{\"Name\":\"a\\ud800\",\"State\":0}", "", ""),
	    "not valid JSON");
	/* Past 64 bits. */
	BAD(CAPTURE("{\"Name\":\"n\",\"State\":0,"
		    "\"NodeWeight\":18446744073709551616}", "", ""),
	    "not valid JSON");
}

static void
invalid_utf8(void **state)
{
	(void)state;
	/* A name in code page 1252 (é = E9). */
	BAD(CAPTURE("{\"Name\":\"caf\xe9\",\"State\":0}", "", ""),
	    "not UTF-8", "0xE9", "line 1");
	BAD("<<CCON-BEGIN>>\r\n{\"ok\":true,\r\n\"cluster\":\"\xc3\x28\"}\r\n"
	    "<<CCON-END>>", "not UTF-8", "0xC3", "line 3", "byte 12");
	/* Overlong, surrogate, past U+10FFFF, truncated. */
	BAD("{\"ok\":true,\"x\":\"\xc0\xaf\"}", "not UTF-8");
	BAD("{\"ok\":true,\"x\":\"\xed\xa0\x80\"}", "not UTF-8");
	BAD("{\"ok\":true,\"x\":\"\xf4\x90\x80\x80\"}", "not UTF-8");
	BAD("{\"ok\":true,\"x\":\"\xe2\x82", "not UTF-8");
}

static void
nul_bytes(void **state)
{
	static const char after[] = "{\"ok\":true}\0garbage";
	static const char inside[] = "<<CCON-BEGIN>>\n{\"ok\":true,\n"
				     "\"cluster\":\"a\0b\"}\n<<CCON-END>>\n";

	(void)state;
	free(bad_parse(after, sizeof(after) - 1, "NUL byte", "line 1",
		       "byte 12", (const char *)NULL));
	free(bad_parse(inside, sizeof(inside) - 1, "NUL byte", "line 3",
		       "byte 13", (const char *)NULL));
}

static void
escapes_and_raw_utf8(void **state)
{
	struct wsfc_capture c;

	(void)state;
	/* 5.1 escapes ' < > & as \u00XX and may write other characters
	 * raw or (the script asks for it) as \uXXXX, pairs included. */
	ok_str(CAPTURE("{\"Name\":\"Bob\\u0027s \\u003cnode\\u003e \\u0026 "
		       "\\\"q\\\"\",\"State\":0}",
		       "{\"Name\":\"Caf\\u00e9 \\ud83d\\ude00 \xe2\x82\xac "
		       "a\\/b\\\\c\\r\\n\",\"State\":0}", ""), &c);
	assert_string_equal(c.snap->nodes[0].name,
			    "Bob's <node> & \"q\"");
	assert_string_equal(c.snap->groups[0].id,
			    "Caf\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x82\xac "
			    "a/b\\c\r\n");
	wsfc_capture_free(&c);
}

static void
names_with_spaces_and_brackets(void **state)
{
	struct wsfc_capture c;
	const struct wsfc_resource_info *ri;

	(void)state;
	ok_str("{\"ok\":true,\"groups\":{\"Name\":\"SQL Server (MSSQL)\","
	       "\"State\":0},\"resources\":["
	       "{\"Name\":\"Disk [1]\",\"State\":2,"
	       " \"OwnerGroup\":\"SQL Server (MSSQL)\"},"
	       "{\"Name\":\"SQL IP Address 1 (sqlclu)\",\"State\":2,"
	       " \"OwnerGroup\":\"SQL Server (MSSQL)\"},"
	       "{\"Name\":\"SQL Server\",\"State\":2,"
	       " \"OwnerGroup\":\"SQL Server (MSSQL)\"}],"
	       "\"dependencies\":[{\"Resource\":\"SQL Server\","
	       "\"DependencyExpression\":\"[Disk [1]] and "
	       "[SQL IP Address 1 (sqlclu)]\"},"
	       "{\"Resource\":\"Disk [1]\",\"DependencyExpression\":null}]}",
	       &c);
	ri = res_info(&c, "SQL Server", NULL);
	assert_int_equal(ri->deps.n, 2);
	assert_string_equal(ri->deps.names[0], "Disk [1]");
	assert_string_equal(ri->deps.names[1], "SQL IP Address 1 (sqlclu)");
	assert_int_equal(res_info(&c, "Disk [1]", NULL)->deps.n, 0);
	assert_int_equal(c.snap->groups[0].n_members, 3);
	wsfc_capture_free(&c);
}

static void
big_numbers(void **state)
{
	struct wsfc_capture c;

	(void)state;
	ok_str(CAPTURE("{\"Name\":\"n\",\"State\":0,"
		       "\"NodeWeight\":4294967295,"
		       "\"DynamicWeight\":9223372036854775807}", "",
		       "{\"Name\":\"r\",\"State\":4,"
		       " \"LastOperationStatusCode\":5000000000,"
		       " \"StatusInformation\":-9223372036854775807}"), &c);
	assert_int_equal(c.nodes[0].node_weight, 4294967295LL);
	assert_true(c.nodes[0].dynamic_weight == INT64_MAX);
	assert_true(c.resources[0].last_operation_status == 5000000000LL);
	assert_true(c.resources[0].status_information ==
		    -9223372036854775807LL);
	assert_non_null(strstr(c.snap->resources[0].failure, "5000000000"));
	assert_non_null(strstr(c.snap->resources[0].failure, "unknown"));
	/* A resource outside any group, on no node. */
	assert_null(c.snap->resources[0].group);
	assert_int_equal(c.snap->resources[0].n_nodes, 0);
	wsfc_capture_free(&c);
}

static void
missing_and_mistyped(void **state)
{
	struct wsfc_capture c;

	(void)state;
	/* Optional properties missing or null; top-level lists too. */
	ok_str("{\"ok\":true,\"cluster\":null,\"nodes\":null,"
	       "\"resources\":[{\"Name\":\"r\",\"State\":2,"
	       "\"OwnerNode\":null,\"MaintenanceMode\":null,"
	       "\"ResourceType\":null}]}", &c);
	assert_int_equal(c.snap->n_nodes, 0);
	assert_int_equal(c.snap->n_groups, 0);
	assert_null(c.cluster);
	assert_string_equal(c.snap->cluster, "");
	assert_string_equal(c.snap->resources[0].agent, "");
	assert_int_equal(c.snap->resources[0].n_nodes, 0);
	wsfc_capture_free(&c);
	ok_str("{\"ok\":true}", &c);
	assert_int_equal(c.snap->n_resources, 0);
	wsfc_capture_free(&c);

	/* Name and State are needed; messages name element and property. */
	BAD(CAPTURE("{\"State\":0}", "", ""), "nodes[0] has no Name");
	BAD(CAPTURE("{\"Name\":\"n\",\"State\":0},{\"Name\":null}", "", ""),
	    "nodes[1] has no Name");
	BAD(CAPTURE("{\"Name\":\"NODE9\"}", "", ""),
	    "node 'NODE9' has no State");
	BAD(CAPTURE("", "{\"Name\":\"g\",\"State\":null}", ""),
	    "group 'g' has no State");
	BAD(CAPTURE("", "", "{\"Name\":\"r\"}"), "resource 'r' has no State");
	BAD(CAPTURE("", "", "{\"State\":2}"), "resources[0] has no Name");
	BAD("{\"ok\":true,\"dependencies\":[{\"DependencyExpression\":\"\"}]}",
	    "dependencies[0] has no Resource");
	/* Wrong types. */
	BAD(CAPTURE("{\"Name\":\"n\",\"State\":\"Up\"}", "", ""),
	    "node 'n': State is the string \"Up\", expected a number");
	BAD(CAPTURE("{\"Name\":\"n\",\"State\":0.5}", "", ""),
	    "State is a fraction");
	BAD(CAPTURE("{\"Name\":7,\"State\":0}", "", ""),
	    "nodes[0]: Name is an integer");
	BAD(CAPTURE("", "{\"Name\":\"g\",\"State\":0,\"IsCoreGroup\":1}", ""),
	    "group 'g': IsCoreGroup is an integer, expected true or false");
	BAD(CAPTURE("", "", "{\"Name\":\"r\",\"State\":2,"
		    "\"OwnerNode\":{\"Name\":\"n\"}}"),
	    "resource 'r': OwnerNode is an object, expected a string");
	BAD(CAPTURE("", "", "{\"Name\":\"r\",\"State\":2,"
		    "\"StatusInformation\":\"Locked\"}"),
	    "StatusInformation is the string \"Locked\"");
	BAD(CAPTURE("", "", "{\"Name\":\"r\",\"State\":2,\"Id\":[]}"),
	    "Id is an array");
	BAD("{\"ok\":true,\"nodes\":\"NODE1 NODE2\"}",
	    "nodes is the string \"NODE1 NODE2\", expected an array");
	BAD("{\"ok\":true,\"nodes\":[1]}", "nodes[0] is an integer");
	BAD("{\"ok\":true,\"cluster\":5}", "cluster is an integer");
	/* References and duplicates. */
	BAD(CAPTURE("", "", "{\"Name\":\"r\",\"State\":2,"
		    "\"OwnerGroup\":\"ghost\"}"), "'r'", "'ghost'");
	BAD(CAPTURE("{\"Name\":\"n\",\"State\":0},{\"Name\":\"n\",\"State\":1}",
		    "", ""), "node 'n' twice");
	BAD(CAPTURE("", "{\"Name\":\"g\",\"State\":0},{\"Name\":\"g\","
		    "\"State\":0}", ""), "group 'g' twice");
	BAD(CAPTURE("", "", "{\"Name\":\"r\",\"State\":0},{\"Name\":\"r\","
		    "\"State\":0}"), "resource 'r' twice");
}

static void
dependencies(void **state)
{
	struct wsfc_capture c;

	(void)state;
	/* One entry, unrolled; one for a resource deleted meanwhile. */
	ok_str("{\"ok\":true,\"resources\":[{\"Name\":\"a\",\"State\":2},"
	       "{\"Name\":\"b\",\"State\":2}],\"dependencies\":"
	       "[{\"Resource\":\"b\",\"DependencyExpression\":\"[a]\"},"
	       "{\"Resource\":\"gone\",\"DependencyExpression\":\"[a]\"}]}",
	       &c);
	assert_int_equal(c.resources[1].deps.n, 1);
	assert_string_equal(c.resources[1].deps.names[0], "a");
	wsfc_capture_free(&c);
	ok_str("{\"ok\":true,\"resources\":{\"Name\":\"a\",\"State\":2},"
	       "\"dependencies\":{\"Resource\":\"a\","
	       "\"DependencyExpression\":\"[x] or [y]\"}}", &c);
	assert_int_equal(c.resources[0].deps.n, 2);
	wsfc_capture_free(&c);
	BAD("{\"ok\":true,\"resources\":{\"Name\":\"a\",\"State\":2},"
	    "\"dependencies\":{\"Resource\":\"a\","
	    "\"DependencyExpression\":\"[x] or\"}}",
	    "resource 'a'", "position");
	BAD("{\"ok\":true,\"resources\":{\"Name\":\"a\",\"State\":2},"
	    "\"dependencies\":[{\"Resource\":\"a\","
	    "\"DependencyExpression\":\"[x]\"},{\"Resource\":\"a\","
	    "\"DependencyExpression\":\"[y]\"}]}", "twice");
	BAD("{\"ok\":true,\"resources\":{\"Name\":\"a\",\"State\":2},"
	    "\"dependencies\":[{\"Resource\":\"a\","
	    "\"DependencyExpression\":\"\"},{\"Resource\":\"a\","
	    "\"DependencyExpression\":\"[y]\"}]}",
	    "the dependencies of 'a' twice");
	BAD("{\"ok\":true,\"resources\":{\"Name\":\"a\",\"State\":2},"
	    "\"dependencies\":{\"Resource\":\"a\","
	    "\"DependencyExpression\":5}}", "DependencyExpression is an "
	    "integer");
}

/* The names of group g's members, in order, joined by spaces. */
static const char *
member_names(const struct snapshot *s, const char *group)
{
	static char buf[256];
	long g = snapshot_find_group(s, group);
	size_t i;

	assert_true(g >= 0);
	buf[0] = '\0';
	for (i = 0; i < s->groups[g].n_members; i++) {
		if (i > 0)
			strncat(buf, " ", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, s->resources[s->groups[g].members[i]].id,
			sizeof(buf) - strlen(buf) - 1);
	}
	return buf;
}

#define RES(name, group) "{\"Name\":\"" name "\",\"State\":2," \
	"\"OwnerGroup\":\"" group "\"}"
#define DEP(name, expr) "{\"Resource\":\"" name "\"," \
	"\"DependencyExpression\":\"" expr "\"}"

/* A group lists its members in the order they come online, each after
 * what it depends on in the group; the capture's order among equals;
 * what lies outside the group does not count; a cycle is cut, not
 * followed forever. */
static void
members_in_dependency_order(void **state)
{
	struct wsfc_capture c;

	(void)state;
	ok_str("{\"ok\":true,\"groups\":[{\"Name\":\"G\",\"State\":0},"
	       "{\"Name\":\"H\",\"State\":0}],\"resources\":["
	       RES("share", "G") "," RES("name", "G") "," RES("disk", "G") ","
	       RES("ip", "G") "," RES("other", "H") "," RES("x", "H") ","
	       RES("y", "H") "],\"dependencies\":["
	       DEP("share", "[name] and [disk]") "," DEP("name", "[ip]") ","
	       DEP("ip", "[other]") "," DEP("x", "[y]") "," DEP("y", "[x]")
	       "]}", &c);
	assert_string_equal(member_names(c.snap, "G"),
			    "disk ip name share");
	/* x and y depend on each other: the cycle is cut where it closes
	 * (at x, met first), so y counts as depending on nothing. */
	assert_string_equal(member_names(c.snap, "H"), "other y x");
	/* The resources themselves keep the capture's order. */
	assert_string_equal(c.snap->resources[0].id, "share");
	wsfc_capture_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fileserver_cluster),
		cmocka_unit_test(members_in_dependency_order),
		cmocka_unit_test(names_from_the_caller),
		cmocka_unit_test(optional_outputs),
		cmocka_unit_test(unrolled_arrays_bom_crlf),
		cmocka_unit_test(script_error),
		cmocka_unit_test(resource_states),
		cmocka_unit_test(group_states),
		cmocka_unit_test(empty_group_keeps_its_state),
		cmocka_unit_test(node_states),
		cmocka_unit_test(core_groups_by_type_not_name),
		cmocka_unit_test(framing),
		cmocka_unit_test(malformed_json),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(nul_bytes),
		cmocka_unit_test(escapes_and_raw_utf8),
		cmocka_unit_test(names_with_spaces_and_brackets),
		cmocka_unit_test(big_numbers),
		cmocka_unit_test(missing_and_mistyped),
		cmocka_unit_test(dependencies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
