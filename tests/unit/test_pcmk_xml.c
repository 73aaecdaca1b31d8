/* The crm_mon XML parser on saved output (tests/data/pacemaker, see its
 * README for how each fixture was made and what it holds): every row of
 * DESIGN.md's Pacemaker -> model table, schema versions 2.0 to 3.x, and
 * inputs that must be refused without a crash. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/drivers/pacemaker/pcmk_xml.h"
#include "testdata.h"

static char *
slurp_from(const char *dir, const char *name, size_t *len)
{
	char rel[512];

	snprintf(rel, sizeof(rel), "pacemaker/%s/%s", dir, name);
	return testdata_read(rel, len);
}

static char *
slurp(const char *name, size_t *len)
{
	return slurp_from("crm_mon", name, len);
}

static struct snapshot *
parse_with(const char *name, const char *constraints_name)
{
	struct snapshot *s = NULL;
	char *xml, *cons = NULL, *err = NULL;
	size_t len, clen = 0;

	xml = slurp(name, &len);
	if (constraints_name)
		cons = slurp(constraints_name, &clen);
	if (pcmk_parse(xml, len, cons, clen, "lab", "node1", &s, &err) != 0)
		fail_msg("%s: %s", name, err);
	free(xml);
	free(cons);
	return s;
}

static struct snapshot *
parse(const char *name)
{
	return parse_with(name, NULL);
}

static char *
parse_error(const char *name)
{
	struct snapshot *s = NULL;
	char *xml, *err = NULL;
	size_t len;

	xml = slurp(name, &len);
	assert_int_equal(pcmk_parse(xml, len, NULL, 0, "lab", "node1", &s,
				    &err), -1);
	assert_null(s);
	assert_non_null(err);
	free(xml);
	return err;
}

/* The nth instance (0-based) of a resource id. */
static const struct model_resource *
res(const struct snapshot *s, const char *id, int nth)
{
	size_t i;

	for (i = 0; i < s->n_resources; i++)
		if (strcmp(s->resources[i].id, id) == 0 && nth-- == 0)
			return &s->resources[i];
	fail_msg("no resource %s", id);
	return NULL;
}

static const struct model_node *
node(const struct snapshot *s, const char *name)
{
	long i = snapshot_find_node(s, name);

	assert_true(i >= 0);
	return &s->nodes[i];
}

static const struct model_group *
group(const struct snapshot *s, const char *id)
{
	long i = snapshot_find_group(s, id);

	assert_true(i >= 0);
	return &s->groups[i];
}

static void
basic(void **state)
{
	struct snapshot *s = parse("basic-3node.xml");
	const struct model_group *g;

	(void)state;
	assert_int_equal(s->n_nodes, 3);
	assert_int_equal(node(s, "node1")->state, NODE_UP);
	assert_true(node(s, "node1")->flags & NODE_F_DC);
	assert_string_equal(s->dc, "node1");
	assert_true(s->quorum);
	assert_false(s->maintenance_mode);
	g = group(s, "web");
	assert_int_equal(g->kind, GROUP_KIND_GROUP);
	assert_int_equal(g->state, GROUP_ONLINE);
	assert_int_equal(g->n_members, 3);
	assert_string_equal(s->resources[g->members[0]].id, "web-ip");
	assert_string_equal(s->resources[g->members[2]].id, "web-srv");
	assert_string_equal(res(s, "web-ip", 0)->agent, "ocf:heartbeat:IPaddr2");
	assert_string_equal(res(s, "web-ip", 0)->nodes[0], "node1");
	assert_int_equal(res(s, "solo", 0)->state, RES_ONLINE);
	assert_null(res(s, "solo", 0)->group);
	assert_string_equal(res(s, "solo", 0)->role, "Started");
	g = group(s, "ping-clone");
	assert_int_equal(g->kind, GROUP_KIND_CLONE);
	assert_int_equal(g->n_members, 3);
	assert_string_equal(res(s, "ping", 2)->nodes[0], "node3");
	assert_int_equal(res(s, "ping", 0)->failcount, 0);
	snapshot_unref(s);
}

static void
pending(void **state)
{
	struct snapshot *s = parse("pending.xml");

	(void)state;
	assert_int_equal(res(s, "web-srv", 0)->state, RES_OFFLINE_PENDING);
	assert_int_equal(res(s, "solo", 0)->state, RES_ONLINE_PENDING);
	assert_string_equal(res(s, "solo", 0)->nodes[0], "node2");
	/* The first monitor after a start is not a transition. */
	assert_int_equal(res(s, "web-ip", 0)->state, RES_ONLINE);
	assert_int_equal(res(s, "stateful", 0)->state, RES_OFFLINE_PENDING);
	assert_int_equal(res(s, "stateful", 1)->state, RES_ONLINE);
	assert_string_equal(res(s, "stateful", 1)->role, "Promoted");
	assert_int_equal(res(s, "stateful", 2)->state, RES_ONLINE_PENDING);
	assert_int_equal(res(s, "mig", 0)->state, RES_PENDING);
	assert_int_equal(group(s, "web")->state, GROUP_PENDING);
	snapshot_unref(s);
}

static void
failed(void **state)
{
	struct snapshot *s = parse("failed.xml");
	const struct model_resource *r;

	(void)state;
	/* A start that failed everywhere: stopped, failure on record. */
	r = res(s, "db", 0);
	assert_int_equal(r->state, RES_FAILED);
	assert_int_equal(r->failcount, 1000000);
	assert_non_null(strstr(r->failure, "start on node3: error (1): "
				"Failed to start: /var/lib/db is not writable"));
	assert_int_equal(r->failure_time, 1709295040);  /* 12:10:40Z */
	/* A monitor that just failed, not yet recovered. */
	r = res(s, "web-srv", 0);
	assert_int_equal(r->state, RES_FAILED);
	assert_int_equal(r->failcount, 1);
	assert_non_null(strstr(r->failure, "pid file /run/web-srv.pid is "
				"stale"));
	assert_int_equal(group(s, "web")->state, GROUP_FAILED);
	/* Recovered in place: online, with its history. */
	r = res(s, "solo", 0);
	assert_int_equal(r->state, RES_ONLINE);
	assert_int_equal(r->failcount, 1);
	assert_non_null(strstr(r->failure, "Process 4242 not found"));
	/* on-fail=ignore */
	assert_int_equal(res(s, "logger", 0)->state, RES_ONLINE);
	snapshot_unref(s);
}

static void
standby_maintenance(void **state)
{
	struct snapshot *s = parse("standby-maintenance.xml");
	const struct model_resource *r;

	(void)state;
	assert_int_equal(node(s, "node2")->state, NODE_PAUSED);
	assert_true(node(s, "node2")->flags & NODE_F_STANDBY);
	assert_int_equal(node(s, "node2")->resource_count, 0);
	assert_int_equal(node(s, "node3")->state, NODE_UP);
	assert_true(node(s, "node3")->flags & NODE_F_MAINTENANCE);
	/* The instance on the maintenance node: unmanaged, maintenance. */
	r = res(s, "ping", 1);
	assert_string_equal(r->nodes[0], "node3");
	assert_true(r->flags & RES_F_UNMANAGED);
	assert_true(r->flags & RES_F_MAINTENANCE);
	assert_true(res(s, "legacy", 0)->flags & RES_F_UNMANAGED);
	assert_int_equal(res(s, "legacy", 0)->state, RES_ONLINE);
	/* A failed stop without fencing: blocked. */
	r = res(s, "stuck", 0);
	assert_int_equal(r->state, RES_FAILED);
	assert_true(r->flags & RES_F_BLOCKED);
	assert_true(r->flags & RES_F_DISABLED);
	assert_true(r->flags & RES_F_UNMANAGED);
	assert_non_null(strstr(r->failure, "Timed Out"));
	snapshot_unref(s);
}

static void
cluster_flags(void **state)
{
	struct snapshot *s = parse("cluster-maintenance.xml");

	(void)state;
	assert_true(s->maintenance_mode);
	assert_true(res(s, "web-ip", 0)->flags & RES_F_MAINTENANCE);
	assert_true(res(s, "web-ip", 0)->flags & RES_F_UNMANAGED);
	assert_int_equal(res(s, "web-ip", 0)->state, RES_ONLINE);
	snapshot_unref(s);
	s = parse("stop-all.xml");
	assert_true(s->stop_all);
	assert_int_equal(res(s, "solo", 0)->state, RES_OFFLINE);
	assert_false(res(s, "solo", 0)->flags & RES_F_DISABLED);
	assert_int_equal(group(s, "web")->state, GROUP_OFFLINE);
	snapshot_unref(s);
}

/* Clones with an instance online and one stopped are up in part: a
 * failure on a node where an instance runs again is that instance's
 * (recovered), not its stopped sibling's; a stopped instance that
 * failed elsewhere is FAILED itself, and its clone still partial. */
static void
clone_partial(void **state)
{
	struct snapshot *s = parse("clone-partial.xml");

	(void)state;
	assert_int_equal(group(s, "ping-clone")->state, GROUP_PARTIAL_ONLINE);
	assert_int_equal(res(s, "ping", 0)->state, RES_ONLINE);
	assert_int_equal(res(s, "ping", 0)->failcount, 1);
	assert_string_equal(res(s, "ping", 0)->failure, "monitor on node1: "
	    "not running (7): ping lost its peer");
	assert_int_equal(res(s, "ping", 2)->state, RES_OFFLINE);
	assert_null(res(s, "ping", 2)->failure);
	assert_int_equal(group(s, "mon-clone")->state, GROUP_PARTIAL_ONLINE);
	assert_int_equal(res(s, "mon", 0)->state, RES_ONLINE);
	assert_int_equal(res(s, "mon", 1)->state, RES_FAILED);
	snapshot_unref(s);
}

/* The time crm_mon ran, for the age of a saved file: ctime's form in
 * local time (as crm_mon writes it), whatever the zone here. */
static void
last_update(void **state)
{
	struct tm tm = { .tm_year = 2026 - 1900, .tm_mon = 10, .tm_mday = 24,
	    .tm_hour = 22, .tm_min = 4, .tm_isdst = -1 };
	struct snapshot *s = parse("basic-3node.xml");

	(void)state;
	assert_int_equal(s->data_wall, (int64_t)mktime(&tm));
	snapshot_unref(s);
	/* "Fri Mar  1 12:20:00 2024": the day padded with a space. */
	s = parse("v2.0-basic.xml");
	tm = (struct tm){ .tm_year = 2024 - 1900, .tm_mon = 2, .tm_mday = 1,
	    .tm_hour = 12, .tm_min = 20, .tm_isdst = -1 };
	assert_int_equal(s->data_wall, (int64_t)mktime(&tm));
	snapshot_unref(s);
}

static void
nodes_down(void **state)
{
	struct snapshot *s = parse("node-down.xml");

	(void)state;
	assert_int_equal(node(s, "node4")->state, NODE_DOWN);
	assert_int_equal(node(s, "node5")->state, NODE_DOWN);
	assert_false(node(s, "node5")->flags & NODE_F_UNCLEAN);
	assert_int_equal(node(s, "node6")->state, NODE_DOWN);
	assert_true(node(s, "node6")->flags & NODE_F_UNCLEAN);
	assert_string_equal(res(s, "solo", 0)->nodes[0], "node2");
	assert_int_equal(res(s, "ping", 3)->state, RES_OFFLINE);
	snapshot_unref(s);

	s = parse("node-unclean.xml");
	assert_int_equal(node(s, "node2")->state, NODE_UP);
	assert_false(node(s, "node2")->flags & NODE_F_UNCLEAN);
	assert_int_equal(node(s, "node3")->state, NODE_DOWN);
	assert_true(node(s, "node3")->flags & NODE_F_UNCLEAN);
	/* Pending wins over standby for a node that is joining. */
	assert_int_equal(node(s, "node4")->state, NODE_JOINING);
	/* Last known on an unclean node: nobody knows. */
	assert_int_equal(res(s, "fence-all", 0)->state, RES_UNKNOWN);
	assert_string_equal(res(s, "fence-all", 0)->nodes[0], "node3");
	snapshot_unref(s);
}

/* "UNCLEAN (online)": node2 asked to be fenced while it runs is up and
 * unclean, not down; node3, lost, stays down and unclean. What runs on
 * node2 is still known to run there. */
static void
unclean_online(void **state)
{
	struct snapshot *s = parse("node-unclean-online.xml");

	(void)state;
	assert_int_equal(node(s, "node2")->state, NODE_UP);
	assert_true(node(s, "node2")->flags & NODE_F_UNCLEAN);
	assert_int_equal(node(s, "node3")->state, NODE_DOWN);
	assert_true(node(s, "node3")->flags & NODE_F_UNCLEAN);
	assert_int_equal(node(s, "node1")->state, NODE_UP);
	assert_false(node(s, "node1")->flags & NODE_F_UNCLEAN);
	assert_int_equal(res(s, "solo", 0)->state, RES_ONLINE);
	assert_string_equal(res(s, "solo", 0)->nodes[0], "node2");
	assert_int_equal(node(s, "node2")->resource_count, 2);
	snapshot_unref(s);
	/* Unclean and offline with pending: still down, not joining. */
	{
		const char *xml = "<pacemaker-result><summary/><nodes>"
			"<node name=\"a\" online=\"false\" unclean=\"true\" "
			"pending=\"true\"/><node name=\"b\" online=\"true\" "
			"unclean=\"true\" standby=\"true\"/></nodes>"
			"</pacemaker-result>";
		char *err = NULL;

		assert_int_equal(pcmk_parse(xml, strlen(xml), NULL, 0, "lab",
					    "a", &s, &err), 0);
		assert_int_equal(node(s, "a")->state, NODE_DOWN);
		assert_int_equal(node(s, "b")->state, NODE_PAUSED);
		assert_true(node(s, "b")->flags & NODE_F_UNCLEAN);
		snapshot_unref(s);
	}
}

/* crm_mon asked for fewer nodes still shows the cluster: the nodes its
 * resources run on, in a state it did not say, the DC up, and how many
 * there are in all. */
static void
fewer_nodes(void **state)
{
	struct snapshot *s = parse("exclude-nodes.xml");

	(void)state;
	assert_int_equal(s->nodes_configured, 3);
	assert_int_equal(s->n_nodes, 3);
	/* The DC is the cluster's controller: up. */
	assert_int_equal(node(s, "node1")->state, NODE_UP);
	assert_true(node(s, "node1")->flags & NODE_F_DC);
	assert_string_equal(s->dc, "node1");
	assert_int_equal(node(s, "node2")->state, NODE_UNKNOWN);
	assert_int_equal(node(s, "node3")->state, NODE_UNKNOWN);
	assert_int_equal(node(s, "node2")->resource_count, 2);
	assert_int_equal(res(s, "web-ip", 0)->state, RES_ONLINE);
	assert_int_equal(res(s, "ping", 2)->state, RES_ONLINE);
	assert_int_equal(group(s, "web")->state, GROUP_ONLINE);
	snapshot_unref(s);

	s = parse("node-only.xml");
	assert_int_equal(s->nodes_configured, 3);
	/* node2 as listed, node1 the DC; node3 is named nowhere. */
	assert_int_equal(s->n_nodes, 2);
	assert_int_equal(s->nodes[0].state, NODE_UP);
	assert_string_equal(s->nodes[0].name, "node2");
	assert_false(node(s, "node2")->flags & NODE_F_DC);
	assert_true(node(s, "node1")->flags & NODE_F_DC);
	assert_true(snapshot_find_node(s, "node3") < 0);
	assert_int_equal(res(s, "solo", 0)->state, RES_ONLINE);
	snapshot_unref(s);

	/* Every node listed: as many as configured, none added. */
	s = parse("basic-3node.xml");
	assert_int_equal(s->nodes_configured, 3);
	assert_int_equal(s->n_nodes, 3);
	snapshot_unref(s);

	/* No node listed, named or configured: not a cluster's view. */
	{
		const char *xml = "<pacemaker-result><summary>"
			"<current_dc present=\"false\"/><nodes_configured "
			"number=\"0\"/></summary><nodes/><status code=\"0\" "
			"message=\"OK\"/></pacemaker-result>";
		char *err = NULL;

		assert_int_equal(pcmk_parse(xml, strlen(xml), NULL, 0, "lab",
					    "a", &s, &err), -1);
		assert_non_null(strstr(err, "listed no nodes"));
		free(err);
	}
}

/* crm_mon's own errors are what it says, not "not crm_mon output". */
static void
crm_mon_errors(void **state)
{
	static const struct {
		const char *name, *want;
	} cases[] = {
		/* Real (gen.sh), code 0 and nothing else. */
		{ "error-cib-invalid.xml", "crm_mon: Could not connect to the "
		  "CIB: Update does not conform to the configured schema" },
		{ "error-no-cib.xml", "crm_mon: Could not connect to the CIB: "
		  "No such device or address" },
		/* Hand-made in the documented shape; crm_mon's own prefix is
		 * not said twice. */
		{ "error-not-available.xml", "crm_mon: Not connected (code "
		  "102): Could not connect to the CIB: Transport endpoint is "
		  "not connected; Error: cluster is not available on this "
		  "node" },
		{ "error-not-connected.xml", "crm_mon: Not connected (code "
		  "102): error: Could not connect to launcher: Connection "
		  "refused; Connection to cluster failed: Connection refused" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *err = parse_error(cases[i].name);

		if (strcmp(err, cases[i].want) != 0)
			fail_msg("%s: %s", cases[i].name, err);
		free(err);
	}
}

/* An error's text is the node's: on one line, no control character, a
 * bounded length, whatever it holds. */
static void
crm_mon_errors_hostile(void **state)
{
	char xml[8192], *err = NULL, big[3000];
	struct snapshot *s = NULL;
	const unsigned char *u;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	snprintf(xml, sizeof(xml), "<pacemaker-result><status code=\"1\" "
		 "message=\"Error &#x9b;2J\"><errors><error>  crm_mon: "
		 "line one\n\tline two &#x9b;2J &#x202e;rtl </error>"
		 "<error/><error>%s</error></errors></status>"
		 "</pacemaker-result>", big);
	assert_int_equal(pcmk_parse(xml, strlen(xml), NULL, 0, "lab", "a", &s,
				    &err), -1);
	assert_null(s);
	assert_non_null(strstr(err, "line one line two"));
	assert_non_null(strstr(err, "(code 1): line one"));
	assert_true(strlen(err) < 256);
	for (u = (const unsigned char *)err; *u; u++) {
		assert_true(*u >= 0x20 && *u != 0x7f);
		/* no C1 (U+0080..U+009F: C2 80..C2 9F) nor U+202E */
		if (*u == 0xc2)
			assert_true(u[1] < 0x80 || u[1] > 0x9f);
		if (*u == 0xe2 && u[1] == 0x80)
			assert_true(u[2] != 0xae);
	}
	free(err);
	/* Code 0 with errors beside a status: the status is read. */
	{
		const char *ok = "<pacemaker-result><summary/><nodes><node "
			"name=\"a\" online=\"true\"/></nodes><status "
			"code=\"0\" message=\"OK\"><errors><error>a warning"
			"</error></errors></status></pacemaker-result>";

		assert_int_equal(pcmk_parse(ok, strlen(ok), NULL, 0, "lab",
					    "a", &s, &err), 0);
		assert_int_equal(s->n_nodes, 1);
		snapshot_unref(s);
	}
	/* The legacy root: its errors are not in the document. */
	{
		const char *legacy = "<crm_mon version=\"2.0.3\"/>";

		assert_int_equal(pcmk_parse(legacy, strlen(legacy), NULL, 0,
					    "lab", "a", &s, &err), -1);
		assert_non_null(strstr(err, "no status"));
		free(err);
	}
}

static void
constraints(void **state)
{
	struct snapshot *s = parse("constraints.xml");

	(void)state;
	/* crm_mon shows bans, not moves. */
	assert_true(res(s, "solo", 0)->flags & RES_F_PINNED);
	assert_true(res(s, "ping", 0)->flags & RES_F_PINNED);
	assert_false(res(s, "web-ip", 0)->flags & RES_F_PINNED);
	snapshot_unref(s);
	/* The constraints from cibadmin add the move of web: the whole
	 * section, or the driver's query (several matches, in
	 * <xpath-query>). */
	s = parse_with("constraints.xml", "constraints-cib.xml");
	assert_true(res(s, "web-ip", 0)->flags & RES_F_PINNED);
	assert_true(res(s, "web-srv", 0)->flags & RES_F_PINNED);
	assert_string_equal(res(s, "web-ip", 0)->nodes[0], "node2");
	snapshot_unref(s);
	s = parse_with("constraints.xml", "constraints-config.xml");
	assert_true(res(s, "web-ip", 0)->flags & RES_F_PINNED);
	assert_true(res(s, "solo", 0)->flags & RES_F_PINNED);
	assert_true(res(s, "ping", 0)->flags & RES_F_PINNED);
	assert_false(res(s, "web-ip", 0)->flags & RES_F_OWN_STOPPED);
	snapshot_unref(s);
}

/* Whether r is pinned by exactly the constraints ids[0..n), in that
 * order. */
static void
assert_pins(const struct model_resource *r, const char *const *ids, size_t n)
{
	size_t i;

	assert_true(r->flags & RES_F_PINNED);
	assert_int_equal(r->n_pinned_by, n);
	for (i = 0; i < n; i++)
		assert_string_equal(r->pinned_by[i], ids[i]);
}

/* What pins a resource, by the constraints' ids: a ban crm_mon lists
 * and cibadmin's match are one constraint, named once; a ban of the
 * operator's (cli-*) pins, another location constraint does not; a
 * clone's or group's pin is each member's. */
static void
constraint_ids(void **state)
{
	static const char *const solo[] = { "cli-ban-solo-on-node2" };
	static const char *const ping_mon[] = {
		"cli-ban-ping-clone-on-node3-rule",
	};
	static const char *const ping_all[] = {
		"cli-ban-ping-clone-on-node3-rule",
		"cli-ban-ping-clone-on-node3",
	};
	static const char *const web[] = { "cli-prefer-web" };
	struct snapshot *s = parse("constraints.xml");
	unsigned nth;

	(void)state;
	assert_pins(res(s, "solo", 0), solo, 1);
	for (nth = 0; nth < 3; nth++)
		assert_pins(res(s, "ping", (int)nth), ping_mon, 1);
	assert_int_equal(res(s, "web-ip", 0)->n_pinned_by, 0);
	snapshot_unref(s);
	s = parse_with("constraints.xml", "constraints-config.xml");
	assert_pins(res(s, "solo", 0), solo, 1);
	assert_pins(res(s, "ping", 0), ping_all, 2);
	assert_pins(res(s, "web-ip", 0), web, 1);
	assert_pins(res(s, "web-srv", 0), web, 1);
	snapshot_unref(s);
	/* Nothing pinned, nothing named. */
	s = parse("basic-3node.xml");
	for (nth = 0; nth < s->n_resources; nth++) {
		assert_false(s->resources[nth].flags & RES_F_PINNED);
		assert_int_equal(s->resources[nth].n_pinned_by, 0);
	}
	snapshot_unref(s);
}

static void
promotable_and_bundle(void **state)
{
	struct snapshot *s = parse("promotable.xml");

	(void)state;
	assert_int_equal(group(s, "stateful-clone")->n_members, 2);
	assert_string_equal(res(s, "stateful", 0)->role, "Promoted");
	assert_string_equal(res(s, "stateful", 1)->role, "Unpromoted");
	assert_int_equal(group(s, "stateful-clone")->state, GROUP_ONLINE);
	snapshot_unref(s);
	s = parse("bundle.xml");
	assert_int_equal(group(s, "httpd-bundle")->kind, GROUP_KIND_BUNDLE);
	assert_int_equal(group(s, "httpd-bundle")->n_members, 8);
	assert_int_equal(group(s, "httpd-bundle")->state, GROUP_ONLINE);
	assert_string_equal(res(s, "httpd", 1)->nodes[0], "httpd-bundle-1");
	snapshot_unref(s);
}

static void
orphaned_and_disabled(void **state)
{
	struct snapshot *s = parse("orphaned.xml");

	(void)state;
	assert_true(res(s, "solo", 0)->flags & RES_F_ORPHANED);
	assert_int_equal(res(s, "solo", 0)->state, RES_ONLINE);
	snapshot_unref(s);
	s = parse("disabled.xml");
	assert_true(group(s, "web")->flags & RES_F_DISABLED);
	assert_true(res(s, "web-fs", 0)->flags & RES_F_DISABLED);
	assert_true(res(s, "solo", 0)->flags & RES_F_DISABLED);
	assert_int_equal(res(s, "solo", 0)->state, RES_OFFLINE);
	assert_int_equal(group(s, "web")->state, GROUP_OFFLINE);
	/* The group's own role, not its members': they are stopped with
	 * it. solo, in no container, can only be stopped by its own. */
	assert_false(res(s, "web-fs", 0)->flags & RES_F_OWN_STOPPED);
	assert_true(res(s, "solo", 0)->flags & RES_F_OWN_STOPPED);
	assert_false(res(s, "ping", 0)->flags &
		     (RES_F_DISABLED | RES_F_OWN_STOPPED));
	snapshot_unref(s);
	/* The configuration's one match (cibadmin prints it alone) says the
	 * same of solo, and nothing of the others. */
	s = parse_with("disabled.xml", "disabled-config.xml");
	assert_true(res(s, "solo", 0)->flags & RES_F_OWN_STOPPED);
	assert_false(res(s, "web-ip", 0)->flags & RES_F_OWN_STOPPED);
	assert_true(res(s, "web-ip", 0)->flags & RES_F_DISABLED);
	snapshot_unref(s);
}

/* Whose stop it is: a member's own target role, or its group's. crm_mon
 * prints the role in force, so inside a stopped group only the
 * configuration (member-stopped-config.xml) tells them apart. */
static void
own_stopped(void **state)
{
	struct snapshot *s = parse("member-stopped.xml");

	(void)state;
	/* web runs; its member web-fs is stopped by its own role, web-srv
	 * only because it comes after it. */
	assert_false(group(s, "web")->flags & RES_F_DISABLED);
	assert_int_equal(res(s, "web-ip", 0)->state, RES_ONLINE);
	assert_int_equal(res(s, "web-fs", 0)->state, RES_OFFLINE);
	assert_true(res(s, "web-fs", 0)->flags & RES_F_DISABLED);
	assert_true(res(s, "web-fs", 0)->flags & RES_F_OWN_STOPPED);
	assert_int_equal(res(s, "web-srv", 0)->state, RES_OFFLINE);
	assert_false(res(s, "web-srv", 0)->flags &
		     (RES_F_DISABLED | RES_F_OWN_STOPPED));
	/* app is stopped; app-ip's own Started outweighs that (it runs),
	 * app-data and app-srv look alike in crm_mon's XML. */
	assert_true(group(s, "app")->flags & RES_F_DISABLED);
	assert_int_equal(res(s, "app-ip", 0)->state, RES_ONLINE);
	assert_false(res(s, "app-ip", 0)->flags & RES_F_DISABLED);
	assert_true(res(s, "app-data", 0)->flags & RES_F_DISABLED);
	assert_true(res(s, "app-srv", 0)->flags & RES_F_DISABLED);
	assert_false(res(s, "app-data", 0)->flags & RES_F_OWN_STOPPED);
	assert_false(res(s, "app-srv", 0)->flags & RES_F_OWN_STOPPED);
	snapshot_unref(s);

	s = parse_with("member-stopped.xml", "member-stopped-config.xml");
	assert_true(res(s, "app-srv", 0)->flags & RES_F_OWN_STOPPED);
	assert_false(res(s, "app-data", 0)->flags & RES_F_OWN_STOPPED);
	assert_true(res(s, "web-fs", 0)->flags & RES_F_OWN_STOPPED);
	assert_false(res(s, "web-srv", 0)->flags & RES_F_OWN_STOPPED);
	assert_false(res(s, "app-ip", 0)->flags & RES_F_OWN_STOPPED);
	/* Not shown: the group's flags are its own. */
	assert_false(group(s, "app")->flags & RES_F_OWN_STOPPED);
	snapshot_unref(s);
}

/* Ids of any script, and text a terminal could act on: decoded as it
 * is; the console's sanitizer takes care of drawing it. */
static void
utf8_and_hostile(void **state)
{
	struct snapshot *s = parse("utf8-and-hostile.xml");
	const struct model_resource *r;

	(void)state;
	assert_int_equal(group(s, "веб-группа")->state, GROUP_FAILED);
	r = res(s, "数据库", 0);
	assert_int_equal(r->state, RES_FAILED);
	assert_non_null(strstr(r->failure, "Ошибка: <b>\"bold\"</b> & 'q'"));
	assert_non_null(strstr(r->failure, "\xc2\x9b"));   /* C1 CSI, kept */
	assert_int_equal(group(s, "クローン")->n_members, 3);
	assert_non_null(strstr(res(s, "esc-text", 0)->failure,
			       "\\033[2J"));
	assert_null(strchr(res(s, "esc-raw", 0)->failure, '\x1b'));
	snapshot_unref(s);
}

static void
schema_versions(void **state)
{
	struct snapshot *s = parse("v2.0-basic.xml");

	(void)state;
	/* 2.0: Master/Slave, told in the words of today. */
	assert_string_equal(res(s, "stateful", 0)->role, "Promoted");
	assert_int_equal(res(s, "stateful", 0)->state, RES_ONLINE);
	assert_string_equal(res(s, "stateful", 1)->role, "Unpromoted");
	assert_true(res(s, "old-rsc", 0)->flags & RES_F_ORPHANED);
	assert_int_equal(res(s, "solo", 0)->failcount, 2);
	snapshot_unref(s);
	/* 3.x: removed, maintenance on resources, pending="Monitoring". */
	s = parse("v3-basic.xml");
	assert_int_equal(res(s, "web-ip", 0)->state, RES_ONLINE);
	assert_int_equal(res(s, "web-srv", 0)->state, RES_ONLINE_PENDING);
	assert_true(res(s, "old-rsc", 0)->flags & RES_F_ORPHANED);
	assert_true(res(s, "old-rsc", 0)->flags & RES_F_MAINTENANCE);
	assert_true(res(s, "old-rsc", 0)->flags & RES_F_UNMANAGED);
	snapshot_unref(s);
}

static void
large(void **state)
{
	struct snapshot *s = parse("large-500.xml");

	(void)state;
	assert_int_equal(s->n_nodes, 16);
	assert_int_equal(s->n_resources, 500);
	assert_int_equal(group(s, "grp60")->n_members, 5);
	assert_int_equal(group(s, "cl12-clone")->n_members, 16);
	snapshot_unref(s);
}

/* What must be refused, with a reason, never a crash or a snapshot. */
static void
refused(void **state)
{
	char *err;

	(void)state;
	err = parse_error("error-not-connected.xml");
	assert_non_null(strstr(err, "Not connected (code 102)"));
	free(err);
	err = parse_error("v3-not-connected.xml");
	assert_non_null(strstr(err, "Not connected"));
	free(err);
	err = parse_error("truncated.xml");
	assert_non_null(strstr(err, "not readable: line"));
	free(err);
	err = parse_error("empty.xml");
	assert_non_null(strstr(err, "printed nothing"));
	free(err);
	err = parse_error("not-crm-mon.xml");
	assert_non_null(strstr(err, "not crm_mon output"));
	free(err);
	err = parse_error("hostile-bytes.xml");
	assert_non_null(strstr(err, "not readable"));
	free(err);
	err = parse_error("xxe-entities.xml");
	assert_null(strstr(err, "root:"));   /* no file came in */
	free(err);
}

/* libxml2 prints encoding errors to stderr whatever the parser options
 * say; under the console that would write over the screen. They must
 * come back in the error instead, and stderr stay untouched. */
static void
library_messages_not_on_stderr(void **state)
{
	char path[] = "/tmp/ccon-test-stderr-XXXXXX", *err;
	struct stat st;
	int fd, saved;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(stderr);
	saved = dup(2);
	assert_true(saved >= 0);
	assert_int_equal(dup2(fd, 2), 2);
	err = parse_error("bad-encoding.xml");
	fflush(stderr);
	assert_int_equal(dup2(saved, 2), 2);
	close(saved);
	assert_int_equal(fstat(fd, &st), 0);
	close(fd);
	unlink(path);
	assert_int_equal(st.st_size, 0);
	assert_non_null(strstr(err, "line 13: input conversion failed"));
	free(err);
}

static void
times(void **state)
{
	(void)state;
	assert_int_equal(pcmk_parse_time("1709295040"), 1709295040);
	assert_int_equal(pcmk_parse_time("2024-03-01 12:10:40Z"), 1709295040);
	assert_int_equal(pcmk_parse_time("2024-03-01 13:10:40 +01:00"),
			 1709295040);
	assert_int_equal(pcmk_parse_time("2024-03-01T07:10:40-05:00"),
			 1709295040);
	assert_int_equal(pcmk_parse_time("Fri Mar  1 12:10:40 2024"),
			 1709295040);
	assert_int_equal(pcmk_parse_time("'Fri Mar  1 12:10:40 2024'"),
			 1709295040);
	assert_int_equal(pcmk_parse_time("yesterday"), 0);
	/* Crafted fields are refused, not overflowed (UBSan watches). */
	assert_int_equal(pcmk_parse_time("Tue Nov 24 999999:00:00 2026"), 0);
	assert_int_equal(pcmk_parse_time("Tue Nov 24 21:50:55 99999999"), 0);
	assert_int_equal(pcmk_parse_time("Tue Nov 99 21:50:55 2026"), 0);
	assert_int_equal(pcmk_parse_time("2026-11-24 99:50:55"), 0);
	assert_int_equal(pcmk_parse_time("2026-11-24 21:50:55 +99:00"), 0);
	assert_int_equal(pcmk_parse_time("99999999999999999999999"), 0);
	assert_int_equal(pcmk_parse_time("Tue Nov 24 21:50:55 2026"),
			 1795557055);
	assert_int_equal(pcmk_parse_time(NULL), 0);
}

/* crm_simulate's changes (tests/data/pacemaker/crm_simulate, made by
 * gen-simulate.sh) as previews; -1 with *err when it is refused. */
static int
simulate(const char *name, struct preview *p, char **err)
{
	char *xml;
	size_t len;
	int rc;

	memset(p, 0, sizeof(*p));
	*err = NULL;
	xml = slurp_from("crm_simulate", name, &len);
	rc = pcmk_parse_simulate(xml, len, p, err);
	free(xml);
	return rc;
}

static void
item_is(const struct preview *p, size_t i, enum preview_change change,
	const char *id, const char *from, const char *to)
{
	assert_true(i < p->n);
	assert_int_equal(p->items[i].change, change);
	assert_string_equal(p->items[i].id, id);
	if (from == NULL)
		assert_null(p->items[i].from);
	else
		assert_string_equal(p->items[i].from, from);
	if (to == NULL)
		assert_null(p->items[i].to);
	else
		assert_string_equal(p->items[i].to, to);
}

/* Every kind of change, with from = where it is and to = where it will
 * be; a clone's instances by the id crm_mon gives them all. */
static void
simulate_changes(void **state)
{
	struct preview p;
	char *err;

	(void)state;
	assert_int_equal(simulate("offline-web.before.xml", &p, &err), 0);
	assert_int_equal(p.n, 0);
	preview_free(&p);
	assert_int_equal(simulate("offline-web.after.xml", &p, &err), 0);
	assert_int_equal(p.n, 3);
	item_is(&p, 0, PREVIEW_STOP, "web-ip", "node1", NULL);
	item_is(&p, 2, PREVIEW_STOP, "web-srv", "node1", NULL);
	preview_free(&p);
	assert_int_equal(simulate("offline-ping.after.xml", &p, &err), 0);
	assert_int_equal(p.n, 3);
	item_is(&p, 0, PREVIEW_STOP, "ping", "node1", NULL);
	item_is(&p, 1, PREVIEW_STOP, "ping", "node2", NULL);
	item_is(&p, 2, PREVIEW_STOP, "ping", "node3", NULL);
	preview_free(&p);
	assert_int_equal(simulate("move-web.after.xml", &p, &err), 0);
	assert_int_equal(p.n, 3);
	item_is(&p, 1, PREVIEW_MOVE, "web-fs", "node1", "node2");
	preview_free(&p);
	assert_int_equal(simulate("online-db.after.xml", &p, &err), 0);
	assert_int_equal(p.n, 2);
	item_is(&p, 0, PREVIEW_RESTART, "web-srv", "node1", "node1");
	item_is(&p, 1, PREVIEW_START, "db", NULL, "node3");
	preview_free(&p);
	assert_int_equal(simulate("promoted-move.after.xml", &p, &err), 0);
	assert_int_equal(p.n, 2);
	item_is(&p, 0, PREVIEW_DEMOTE, "stateful", "node1", "node1");
	item_is(&p, 1, PREVIEW_PROMOTE, "stateful", "node2", "node2");
	preview_free(&p);
	/* A bundle's parts have ids of their own. */
	assert_int_equal(simulate("ban-bundle.after.xml", &p, &err), 0);
	assert_int_equal(p.n, 3);
	item_is(&p, 1, PREVIEW_MOVE, "httpd-bundle-podman-0", "node2",
		"node1");
	preview_free(&p);
}

/* What is not crm_simulate's answer, or not one ccon can read, is
 * refused with a reason, never a partial preview taken for a whole. */
static void
simulate_refused(void **state)
{
	static const struct {
		const char *xml, *why;
	} bad[] = {
		{ "", "printed nothing" },
		{ "<pacemaker-result><actions>", "not readable" },
		{ "<crm_mon/>", "not crm_simulate output" },
		{ "<pacemaker-result><status code=\"0\"/></pacemaker-result>",
		  "no <actions>" },
		/* crm_simulate's own verdict (-x of a file that is not
		 * there) */
		{ "<pacemaker-result><status code=\"70\" message=\"Internal "
		  "software bug\"/></pacemaker-result>",
		  "crm_simulate: Internal software bug (code 70)" },
		{ "<pacemaker-result><actions><rsc_action action=\"teleport\" "
		  "resource=\"web\" node=\"n1\"/></actions>"
		  "</pacemaker-result>", "teleport web, a change ccon does "
		  "not know" },
		{ "<pacemaker-result><actions><rsc_action action=\"stop\"/>"
		  "</actions></pacemaker-result>", "without a resource" },
	};
	struct preview p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *err = NULL;

		memset(&p, 0, sizeof(p));
		assert_int_equal(pcmk_parse_simulate(bad[i].xml,
			strlen(bad[i].xml), &p, &err), -1);
		assert_non_null(err);
		if (strstr(err, bad[i].why) == NULL)
			fail_msg("%s: %s", bad[i].xml, err);
		free(err);
		preview_free(&p);
	}
	/* A blocked action will not happen: not listed. */
	{
		const char *xml = "<pacemaker-result><actions><rsc_action "
			"action=\"start\" resource=\"db\" node=\"node1\" "
			"blocked=\"true\"/><rsc_action action=\"stop\" "
			"resource=\"x:12\" node=\"node2\"/></actions>"
			"<status code=\"0\" message=\"OK\"/></pacemaker-result>";
		char *err = NULL;

		memset(&p, 0, sizeof(p));
		assert_int_equal(pcmk_parse_simulate(xml, strlen(xml), &p,
						     &err), 0);
		assert_int_equal(p.n, 1);
		item_is(&p, 0, PREVIEW_STOP, "x", "node2", NULL);
		preview_free(&p);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(basic),
		cmocka_unit_test(pending),
		cmocka_unit_test(failed),
		cmocka_unit_test(clone_partial),
		cmocka_unit_test(last_update),
		cmocka_unit_test(standby_maintenance),
		cmocka_unit_test(cluster_flags),
		cmocka_unit_test(nodes_down),
		cmocka_unit_test(unclean_online),
		cmocka_unit_test(fewer_nodes),
		cmocka_unit_test(crm_mon_errors),
		cmocka_unit_test(crm_mon_errors_hostile),
		cmocka_unit_test(constraints),
		cmocka_unit_test(constraint_ids),
		cmocka_unit_test(promotable_and_bundle),
		cmocka_unit_test(orphaned_and_disabled),
		cmocka_unit_test(own_stopped),
		cmocka_unit_test(simulate_changes),
		cmocka_unit_test(simulate_refused),
		cmocka_unit_test(utf8_and_hostile),
		cmocka_unit_test(schema_versions),
		cmocka_unit_test(large),
		cmocka_unit_test(refused),
		cmocka_unit_test(library_messages_not_on_stderr),
		cmocka_unit_test(times),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
