/* ccon against a real three-node Pacemaker cluster (tests/lab/lab), over
 * its SSH link: the first snapshot, group offline and online with their
 * pending states, a failing start, offline of a failed resource, cleanup,
 * move and clear, read-only, previews worked out on a node, offline of a
 * member stopped behind a failed one, and a node that dies under ccon.
 * Real time:
 * Dummy resources take 2 s per start or stop. Run through tests/lab/with-lab. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "backend/core/action.h"
#include "backend/core/cluster.h"
#include "backend/drivers/pacemaker/pacemaker.h"
#include "backend/link/ssh_link.h"
#include "backend/core/status.h"
#include "backend/util/xalloc.h"

static const char *
env(const char *name)
{
	const char *v = getenv(name);

	if (v == NULL) {
		fprintf(stderr, "%s is not set: run under tests/lab/with-lab\n",
			name);
		exit(1);
	}
	return v;
}

static char node_spec[3][64];

static struct cluster *
lab_cluster(bool readonly, size_t first)
{
	const char *nodes[3];
	struct ssh_link_params sp = { .cluster = "lab" };
	struct pacemaker_params pp = { .cluster = "lab",
				       .command_timeout_ms = 20000 };
	struct cluster_params cp = { .name = "lab", .driver_name = "pacemaker",
				     .readonly = readonly, .refresh_ms = 1000,
				     .transition_timeout_ms = 90000 };
	char *err = NULL;
	size_t i;

	for (i = 0; i < 3; i++)
		nodes[i] = node_spec[(first + i) % 3];
	sp.nodes = nodes;
	sp.n_nodes = 3;
	sp.user = "root";
	sp.identity = env("LAB_SSH_KEY");
	sp.known_hosts = env("LAB_KNOWN_HOSTS");
	sp.host_key_check = HOSTKEY_STRICT;
	sp.connect_timeout_ms = 3000;
	pp.transport = ssh_link_new(&sp, &err);
	if (pp.transport == NULL)
		fail_msg("ssh link: %s", err);
	return cluster_new(&cp, pacemaker_driver_new(&pp), NULL);
}

static void
nap(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int
request(struct cluster *c, enum action_kind k, enum target_kind tk,
	const char *target, const char *node)
{
	struct action a;
	struct cluster_status st;
	char *msg = NULL;
	int rc;

	assert_int_equal(action_init(&a, k, tk, target, node, &msg), 0);
	rc = cluster_submit(c, &a, &msg);
	free(msg);
	if (rc != CCON_OK)
		return rc;
	cluster_get_status(c, &st);
	return st.last_status;
}

/* Refreshes until the state of a resource (or group, when is_group) is
 * `want` (on `on`, if given); false after `secs`. */
static bool
wait_state(struct cluster *c, const char *id, bool is_group, int want,
	   const char *on, int secs)
{
	int i;

	for (i = 0; i < secs * 4; i++) {
		struct snapshot *s;
		bool ok = false;

		cluster_refresh(c);
		s = cluster_snapshot(c);
		if (s != NULL && is_group) {
			long g = snapshot_find_group(s, id);

			ok = g >= 0 && (int)s->groups[g].state == want;
			if (ok && on != NULL) {
				const struct model_resource *r =
				    &s->resources[s->groups[g].members[0]];

				ok = r->n_nodes == 1 &&
				     strcmp(r->nodes[0], on) == 0;
			}
		} else if (s != NULL) {
			long r = snapshot_find_resource(s, id);

			ok = r >= 0 && (int)s->resources[r].state == want;
		}
		snapshot_unref(s);
		if (ok)
			return true;
		nap(250);
	}
	return false;
}

static bool
event_seen(struct cluster *c, const char *needle)
{
	static char seen[64][320];
	static size_t n_seen;
	struct event ev[64];
	size_t n, i;

	while ((n = cluster_drain_events(c, ev, 64)) > 0)
		for (i = 0; i < n; i++)
			snprintf(seen[n_seen++ % 64], 320, "%s", ev[i].text);
	for (i = 0; i < 64; i++)
		if (strstr(seen[i], needle) != NULL)
			return true;
	return false;
}

static char *
lab_exec(const char *node, const char *cmd)
{
	char line[1024];
	FILE *p;
	static char out[1 << 20];
	size_t n;

	snprintf(line, sizeof(line), "'%s' exec %s %s", env("LAB_LAB"),
		 node, cmd);
	p = popen(line, "r");
	assert_non_null(p);
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	pclose(p);
	return out;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (hay = strstr(hay, needle); hay; hay = strstr(hay + 1, needle))
		n++;
	return n;
}

/* The first snapshot says what crm_mon on a node says. */
static void
first_snapshot(void **state)
{
	struct cluster *c = lab_cluster(false, 0);
	struct snapshot *s;
	const char *xml;
	size_t i, online = 0;

	(void)state;
	assert_int_equal(cluster_refresh(c), 0);
	s = cluster_snapshot(c);
	assert_non_null(s);
	assert_string_equal(s->driver, "pacemaker");
	assert_int_equal(s->n_nodes, 3);
	for (i = 0; i < s->n_nodes; i++)
		assert_int_equal(s->nodes[i].state, NODE_UP);
	assert_non_null(s->dc);
	xml = lab_exec("node2", "crm_mon --output-as=xml");
	assert_int_equal(s->n_resources, count(xml, "<resource id="));
	for (i = 0; i < s->n_resources; i++)
		online += s->resources[i].state == RES_ONLINE;
	assert_int_equal(online, count(xml, " role=\"Started\"") +
				 count(xml, " role=\"Promoted\"") +
				  count(xml, " role=\"Unpromoted\""));
	assert_true(snapshot_find_group(s, "web") >= 0);
	assert_int_equal(s->groups[snapshot_find_group(s, "web")].state,
			 GROUP_ONLINE);
	snapshot_unref(s);
	cluster_free(c);
}

static void
group_offline_online(void **state)
{
	struct cluster *c = lab_cluster(false, 0);

	(void)state;
	cluster_refresh(c);
	assert_int_equal(request(c, ACT_OFFLINE, TARGET_GROUP, "web", NULL),
			 CCON_IO_PENDING);
	/* Pacemaker stops the last member first. */
	assert_true(wait_state(c, "web-srv", false, RES_OFFLINE_PENDING,
			       NULL, 15));
	assert_true(wait_state(c, "web", true, GROUP_OFFLINE, NULL, 40));
	assert_true(event_seen(c, "offline group web: done"));
	assert_int_equal(request(c, ACT_ONLINE, TARGET_GROUP, "web", NULL),
			 CCON_IO_PENDING);
	assert_true(wait_state(c, "web-ip", false, RES_ONLINE_PENDING, NULL,
			       15));
	assert_true(wait_state(c, "web", true, GROUP_ONLINE, NULL, 40));
	assert_true(event_seen(c, "online group web: done"));
	cluster_free(c);
}

/* flaky's starts fail on node2; it is moved there, started, FAILS with
 * the reason; offline of the failed resource answers success and ends
 * OFFLINE; cleanup clears what is left. */
static void
failing_start(void **state)
{
	struct cluster *c = lab_cluster(false, 0);
	struct snapshot *s;
	long r;

	(void)state;
	cluster_refresh(c);
	/* Placed on node2 by a move constraint, then started there. */
	lab_exec("node1", "crm_resource --move --resource flaky --node node2 "
		 ">/dev/null 2>&1");
	assert_int_equal(request(c, ACT_ONLINE, TARGET_RESOURCE, "flaky",
				 NULL), CCON_IO_PENDING);
	assert_true(wait_state(c, "flaky", false, RES_FAILED, NULL, 40));
	s = cluster_snapshot(c);
	r = snapshot_find_resource(s, "flaky");
	assert_non_null(s->resources[r].failure);
	assert_non_null(strstr(s->resources[r].failure, "start on node2"));
	assert_true(s->resources[r].failcount > 0);
	snapshot_unref(s);
	assert_true(event_seen(c, "online resource flaky FAILED"));

	assert_int_equal(request(c, ACT_OFFLINE, TARGET_RESOURCE, "flaky",
				 NULL), CCON_OK);
	assert_true(wait_state(c, "flaky", false, RES_OFFLINE, NULL, 30));
	assert_int_equal(request(c, ACT_CLEANUP, TARGET_RESOURCE, "flaky",
				 NULL), CCON_OK);
	assert_int_equal(request(c, ACT_CLEAR, TARGET_RESOURCE, "flaky",
				 NULL), CCON_OK);
	cluster_free(c);
}

static void
move_and_clear(void **state)
{
	struct cluster *c = lab_cluster(false, 0);
	struct snapshot *s;
	const char *to;
	long g;

	(void)state;
	cluster_refresh(c);
	s = cluster_snapshot(c);
	g = snapshot_find_group(s, "db");
	to = strcmp(s->resources[s->groups[g].members[0]].nodes[0], "node3")
		== 0 ? "node1" : "node3";
	snapshot_unref(s);
	assert_int_equal(request(c, ACT_MOVE, TARGET_GROUP, "db", to),
			 CCON_IO_PENDING);
	assert_true(wait_state(c, "db", true, GROUP_ONLINE, to, 40));
	assert_true(event_seen(c, "move group db to"));
	s = cluster_snapshot(c);
	assert_true(s->resources[s->groups[snapshot_find_group(s, "db")]
				 .members[0]].flags & RES_F_PINNED);
	snapshot_unref(s);
	assert_int_equal(request(c, ACT_CLEAR, TARGET_GROUP, "db", NULL),
			 CCON_OK);
	assert_true(strstr(lab_exec("node1", "cibadmin -Q -o constraints"),
			   "cli-prefer-db") == NULL);
	cluster_free(c);
}

/* Nothing mutating reaches any node in read-only mode: each node's sshd
 * logs every command it runs. */
static void
readonly_sends_nothing(void **state)
{
	struct cluster *c = lab_cluster(true, 0);
	char path[512], cmd[1200];
	size_t i;

	(void)state;
	for (i = 1; i <= 3; i++) {
		snprintf(path, sizeof(path), "LAB_COMMAND_LOG_node%zu", i);
		snprintf(cmd, sizeof(cmd), ": >'%s'", env(path));
		assert_int_equal(system(cmd), 0);
	}
	cluster_refresh(c);
	assert_int_equal(request(c, ACT_OFFLINE, TARGET_GROUP, "web", NULL),
			 CCON_ACCESS_DENIED);
	assert_int_equal(request(c, ACT_PAUSE, TARGET_NODE, "node2", NULL),
			 CCON_ACCESS_DENIED);
	assert_int_equal(request(c, ACT_CLEANUP, TARGET_RESOURCE, "solo",
				 NULL), CCON_ACCESS_DENIED);
	cluster_refresh(c);
	for (i = 1; i <= 3; i++) {
		snprintf(path, sizeof(path), "LAB_COMMAND_LOG_node%zu", i);
		snprintf(cmd, sizeof(cmd), "grep -Eq 'crm_resource|"
			 "crm_attribute|crm_standby|cibadmin --(replace|"
			 "modify|delete|create)' '%s'", env(path));
		assert_int_not_equal(system(cmd), 0);
	}
	/* ...while reading did reach node1. */
	snprintf(cmd, sizeof(cmd), "grep -q crm_mon '%s'",
		 env("LAB_COMMAND_LOG_node1"));
	assert_int_equal(system(cmd), 0);
	cluster_free(c);
}

/* Waits until the lab has settled (tests/lab/lab wait). */
static void
lab_settled(void)
{
	assert_int_equal(system("\"$LAB_LAB\" wait --timeout 90 "
				">/dev/null 2>&1"), 0);
}

/* The CIB's configuration version on a node: "admin_epoch.epoch". */
static void
cib_epoch(const char *node, char *out, size_t len)
{
	const char *cib = lab_exec(node, "cibadmin --query --xpath /cib "
				   "--no-children");
	const char *a = strstr(cib, " admin_epoch=\""), *e = strstr(cib,
								" epoch=\"");

	assert_non_null(a);
	assert_non_null(e);
	snprintf(out, len, "%.*s.%.*s", (int)strcspn(a + 14, "\""), a + 14,
		 (int)strcspn(e + 8, "\""), e + 8);
}

/* The start tag of resource id in crm_mon's XML on node (static). */
static const char *
mon_resource(const char *node, const char *id)
{
	static char tag[2048];
	char needle[300];
	const char *xml = lab_exec(node, "crm_mon --output-as=xml"), *at;

	snprintf(needle, sizeof(needle), "<resource id=\"%s\"", id);
	at = strstr(xml, needle);
	assert_non_null(at);
	snprintf(tag, sizeof(tag), "%.*s", (int)strcspn(at, ">"), at);
	return tag;
}

static const char *
first_node_of(struct snapshot *s, const char *group)
{
	const struct model_group *g = &s->groups[snapshot_find_group(s, group)];

	assert_true(s->resources[g->members[0]].n_nodes == 1);
	return s->resources[g->members[0]].nodes[0];
}

/* Asks the preview of a request through the cluster layer and takes the
 * answer (no worker runs: it is worked out at once); the time from ask
 * to answer in *ms. */
static void
ask_preview(struct cluster *c, enum action_kind k, enum target_kind tk,
	    const char *target, const char *node, struct preview *out,
	    double *ms)
{
	struct action a;
	struct timespec t0, t1;
	uint64_t ticket;
	char *why = NULL;

	assert_int_equal(action_init(&a, k, tk, target, node, &why), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ticket = cluster_preview_ask(c, &a, &why);
	if (ticket == 0)
		fail_msg("preview refused: %s", why);
	if (cluster_preview_take(c, ticket, out, &why) != 1)
		fail_msg("no answer to the preview");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (why != NULL)
		fail_msg("preview failed: %s", why);
	if (ms != NULL)
		*ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
		      (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The ccon-preview directories in /tmp (which the nodes share with this
 * machine), one a line. */
static void
preview_dirs(char *out, size_t len)
{
	FILE *p = popen("ls -d /tmp/ccon-preview.* 2>/dev/null", "r");
	size_t n;

	assert_non_null(p);
	n = fread(out, 1, len - 1, p);
	out[n] = '\0';
	pclose(p);
}

/* Whether a line of after is not in before (a directory left behind). */
static bool
new_line(const char *before, const char *after)
{
	char line[512];
	const char *p = after;

	while (*p != '\0') {
		size_t n = strcspn(p, "\n");

		snprintf(line, sizeof(line), "%.*s\n", (int)n, p);
		if (strstr(before, line) == NULL)
			return true;
		p += n + (p[n] == '\n');
	}
	return false;
}

/* The preview of a request is worked out on the node from a copy of the
 * CIB: offline of a group lists its members stopping and nothing else,
 * a move names where it goes; no tool that changes a CIB runs but on the
 * copy, the live CIB's version does not move, and nothing is left on the
 * node. Also measures what a preview costs, ask to answer. */
static void
preview_on_the_node(void **state)
{
	struct cluster *c;
	struct preview p;
	struct snapshot *s;
	char path[512], cmd[1500], before[2][64], after[2][64];
	char dirs_before[4096], dirs_after[4096], web_on[64], db_on[64];
	const char *db_to;
	double ms[10];
	size_t i;

	(void)state;
	lab_settled();
	c = lab_cluster(false, 0);
	assert_int_equal(cluster_refresh(c), 0);
	s = cluster_snapshot(c);
	snprintf(web_on, sizeof(web_on), "%s", first_node_of(s, "web"));
	snprintf(db_on, sizeof(db_on), "%s", first_node_of(s, "db"));
	snapshot_unref(s);
	db_to = strcmp(db_on, "node3") == 0 ? "node1" : "node3";
	for (i = 1; i <= 3; i++) {
		snprintf(path, sizeof(path), "LAB_COMMAND_LOG_node%zu", i);
		snprintf(cmd, sizeof(cmd), ": >'%s'", env(path));
		assert_int_equal(system(cmd), 0);
	}
	cib_epoch("node2", before[0], sizeof(before[0]));
	cib_epoch("node1", before[1], sizeof(before[1]));
	preview_dirs(dirs_before, sizeof(dirs_before));

	/* (b) Offline of group web: its three members stop where they run,
	 * and that is all. */
	ask_preview(c, ACT_OFFLINE, TARGET_GROUP, "web", NULL, &p, NULL);
	assert_int_equal(p.n, 3);
	for (i = 0; i < p.n; i++) {
		static const char *const members[] = { "web-ip", "web-fs",
						       "web-srv" };

		assert_int_equal(p.items[i].change, PREVIEW_STOP);
		assert_string_equal(p.items[i].id, members[i]);
		assert_string_equal(p.items[i].from, web_on);
		assert_null(p.items[i].to);
	}
	preview_free(&p);
	/* A move of group db names where it goes, for each member. */
	ask_preview(c, ACT_MOVE, TARGET_GROUP, "db", db_to, &p, NULL);
	assert_int_equal(p.n, 2);
	for (i = 0; i < p.n; i++) {
		assert_int_equal(p.items[i].change, PREVIEW_MOVE);
		assert_string_equal(p.items[i].from, db_on);
		assert_string_equal(p.items[i].to, db_to);
	}
	assert_string_equal(p.items[0].id, "db-ip");
	assert_string_equal(p.items[1].id, "db-data");
	preview_free(&p);

	/* (d) What it costs: ten previews, ask to answer, on state that is
	 * fresh (a refresh first, not counted). */
	for (i = 0; i < 10; i++) {
		assert_int_equal(cluster_refresh(c), 0);
		ask_preview(c, ACT_OFFLINE, TARGET_GROUP, "web", NULL, &p,
			    &ms[i]);
		assert_int_equal(p.n, 3);
		preview_free(&p);
	}
	qsort(ms, 10, sizeof(ms[0]), cmp_double);
	printf("preview cost (offline of group web, cluster_preview_ask to "
	       "take, over SSH to node1): median of 10 %.1f ms (min %.1f, "
	       "max %.1f)\n", (ms[4] + ms[5]) / 2, ms[0], ms[9]);

	/* (c) The live cluster was not touched: its configuration's
	 * version is the same on two nodes... */
	cib_epoch("node2", after[0], sizeof(after[0]));
	cib_epoch("node1", after[1], sizeof(after[1]));
	assert_string_equal(before[0], after[0]);
	assert_string_equal(before[1], after[1]);
	s = cluster_snapshot(c);
	assert_int_equal(s->groups[snapshot_find_group(s, "web")].state,
			 GROUP_ONLINE);
	assert_string_equal(first_node_of(s, "db"), db_on);
	snapshot_unref(s);
	/* ...every crm_resource or crm_attribute the nodes ran was inside
	 * the preview's script (which gives each one CIB_file), and the
	 * previews did run (twelve of them, on node1)... */
	for (i = 1; i <= 3; i++) {
		snprintf(path, sizeof(path), "LAB_COMMAND_LOG_node%zu", i);
		snprintf(cmd, sizeof(cmd), "grep -E 'crm_resource|"
			 "crm_attribute|crm_standby' '%s' | grep -v "
			 "\"'ccon-preview' 'crm_resource' \" | grep -q .",
			 env(path));
		assert_int_not_equal(system(cmd), 0);
	}
	snprintf(cmd, sizeof(cmd), "test $(grep -c \"'ccon-preview' "
		 "'crm_resource' \" '%s') -eq 12",
		 env("LAB_COMMAND_LOG_node1"));
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "grep \"'ccon-preview'\" '%s' | "
		 "grep -q 'CIB_file=\"$t\"'", env("LAB_COMMAND_LOG_node1"));
	assert_int_equal(system(cmd), 0);
	/* ...and no copy is left: not in /tmp (a directory that appears
	 * meanwhile and goes within two seconds is somebody else's run),
	 * not in the CIB's directory (crm_simulate's shadow copies). */
	preview_dirs(dirs_after, sizeof(dirs_after));
	if (new_line(dirs_before, dirs_after)) {
		nap(2000);
		preview_dirs(dirs_after, sizeof(dirs_after));
	}
	if (new_line(dirs_before, dirs_after))
		fail_msg("left on the node:\n%s", dirs_after);
	for (i = 1; i <= 3; i++) {
		char node[8];

		snprintf(node, sizeof(node), "node%zu", i);
		assert_string_equal(lab_exec(node, "ls /var/lib/pacemaker/cib/ "
					     "| grep -c shadow"), "0\n");
	}
	cluster_free(c);
}

/* A member stopped because the member before it failed: offline of it
 * makes it disabled (its own target role Stopped), and it stays stopped
 * when the failed one is cleaned up and runs again. */
static void
offline_member_behind_failed(void **state)
{
	struct cluster *c;
	struct snapshot *s;
	const struct model_resource *r;
	const char *tag;
	int i;

	(void)state;
	lab_settled();
	c = lab_cluster(false, 0);
	cluster_refresh(c);
	/* web-fs cannot start on node1, and web may not leave node1: it
	 * stays FAILED, and web-srv after it stopped. */
	lab_exec("node1", "crm_resource --ban --resource web --node node2 "
		 ">/dev/null 2>&1");
	lab_exec("node1", "crm_resource --ban --resource web --node node3 "
		 ">/dev/null 2>&1");
	lab_exec("node1", "crm_resource --resource web-fs --set-parameter "
		 "fail_start_on --parameter-value node1 >/dev/null 2>&1");
	assert_true(wait_state(c, "web-fs", false, RES_FAILED, NULL, 40));
	assert_true(wait_state(c, "web-srv", false, RES_OFFLINE, NULL, 20));
	s = cluster_snapshot(c);
	r = &s->resources[snapshot_find_resource(s, "web-srv")];
	assert_false(r->flags & (RES_F_DISABLED | RES_F_OWN_STOPPED));
	snapshot_unref(s);

	/* Offline of web-srv: not meant stopped yet, so it is sent. */
	assert_int_equal(request(c, ACT_OFFLINE, TARGET_RESOURCE, "web-srv",
				 NULL), CCON_OK);
	assert_non_null(strstr(mon_resource("node2", "web-srv"),
			       " target_role=\"Stopped\""));
	cluster_refresh(c);
	s = cluster_snapshot(c);
	r = &s->resources[snapshot_find_resource(s, "web-srv")];
	assert_true(r->flags & RES_F_DISABLED);
	assert_true(r->flags & RES_F_OWN_STOPPED);
	assert_int_equal(r->state, RES_OFFLINE);
	snapshot_unref(s);

	/* web-fs mended and cleaned up: it runs again, web-srv does not. */
	lab_exec("node1", "crm_resource --resource web-fs --delete-parameter "
		 "fail_start_on >/dev/null 2>&1");
	assert_int_equal(request(c, ACT_CLEANUP, TARGET_RESOURCE, "web-fs",
				 NULL), CCON_OK);
	assert_true(wait_state(c, "web-fs", false, RES_ONLINE, NULL, 40));
	for (i = 0; i < 10; i++) {
		cluster_refresh(c);
		s = cluster_snapshot(c);
		r = &s->resources[snapshot_find_resource(s, "web-srv")];
		assert_int_equal(r->state, RES_OFFLINE);
		snapshot_unref(s);
		nap(800);
	}
	tag = mon_resource("node3", "web-srv");
	assert_non_null(strstr(tag, " role=\"Stopped\""));
	assert_non_null(strstr(tag, " target_role=\"Stopped\""));

	/* Online of the group: all of it runs, web-srv's own stop gone. */
	assert_int_equal(request(c, ACT_ONLINE, TARGET_GROUP, "web", NULL),
			 CCON_IO_PENDING);
	assert_true(wait_state(c, "web", true, GROUP_ONLINE, NULL, 40));
	assert_null(strstr(mon_resource("node2", "web-srv"),
			   "target_role=\"Stopped\""));
	lab_exec("node1", "crm_resource --clear --resource web >/dev/null "
		 "2>&1");
	cluster_free(c);
}

/* The node ccon talks to dies: the data goes stale, ccon reconnects to
 * another node, sees the dead one DOWN and its resources move. */
static void
node_dies(void **state)
{
	struct cluster *c = lab_cluster(false, 0);
	struct cluster_status st;
	struct snapshot *s;
	int i;
	bool down = false;

	(void)state;
	assert_int_equal(cluster_refresh(c), 0);
	cluster_get_status(c, &st);
	assert_string_equal(st.source, node_spec[0]);
	lab_exec("node1", "true");
	assert_int_equal(system("\"$LAB_LAB\" kill-node node1 "
				">/dev/null 2>&1"), 0);
	for (i = 0; i < 120 && !down; i++) {
		cluster_refresh(c);
		s = cluster_snapshot(c);
		down = s != NULL && snapshot_find_node(s, "node1") >= 0 &&
		       s->nodes[snapshot_find_node(s, "node1")].state ==
		       NODE_DOWN;
		snapshot_unref(s);
		nap(250);
	}
	assert_true(down);
	cluster_get_status(c, &st);
	assert_string_not_equal(st.source, node_spec[0]);
	assert_int_equal(st.links[0].state, LINK_DOWN);
	assert_true(event_seen(c, "unreachable"));
	/* What ran on node1 runs elsewhere. */
	assert_true(wait_state(c, "web", true, GROUP_ONLINE, NULL, 60));
	s = cluster_snapshot(c);
	assert_string_not_equal(s->resources[s->groups[
		snapshot_find_group(s, "web")].members[0]].nodes[0], "node1");
	snapshot_unref(s);
	assert_int_equal(system("\"$LAB_LAB\" restart-node node1 "
				">/dev/null 2>&1"), 0);
	cluster_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_snapshot),
		cmocka_unit_test(group_offline_online),
		cmocka_unit_test(failing_start),
		cmocka_unit_test(move_and_clear),
		cmocka_unit_test(readonly_sends_nothing),
		cmocka_unit_test(preview_on_the_node),
		cmocka_unit_test(offline_member_behind_failed),
		cmocka_unit_test(node_dies),
	};
	int i;

	for (i = 0; i < 3; i++) {
		char name[32];

		snprintf(name, sizeof(name), "LAB_SSH_PORT_node%d", i + 1);
		snprintf(node_spec[i], sizeof(node_spec[i]), "127.0.0.1:%s",
			 env(name));
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
