/* ccon --check (tui/check.h): the verdict of a snapshot and its status
 * under a policy, and the line a monitoring system reads, which nothing
 * of the cluster may break (no '|' but the perfdata's, no line break). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "backend/core/model.h"
#include "backend/util/termtext.h"
#include "conf/conf.h"
#include "conf/schema.h"
#include "tui/check.h"

#define NOW 10000000

static struct check_policy
policy_default(void)
{
	struct conf c;
	struct check_policy p;

	conf_defaults(&c);
	check_policy_from_conf(&c, &p);
	conf_free(&c);
	return p;
}

static void
judge(struct snapshot *s, const struct cluster_status *st,
      const struct check_policy *p, struct check_verdict *v)
{
	struct health_input in = { .name = "lab", .snap = s, .st = st,
	    .now_ms = NOW };

	check_judge(&in, p, v);
}

static void
finish(struct snapshot *s)
{
	char *err = NULL;

	assert_int_equal(snapshot_finish(s, &err), 0);
}

/* The line is one line, and its only '|' starts the perfdata. */
static void
assert_one_line(const char *line)
{
	const char *bar = strchr(line, '|');

	assert_null(strchr(line, '\n'));
	assert_null(strchr(line, '\r'));
	if (bar != NULL)
		assert_null(strchr(bar + 1, '|'));
	assert_true(strlen(line) < CHECK_LINE_MAX);
}

static struct snapshot *
snap_healthy(void)
{
	struct snapshot *s = snapshot_new("lab", "sim", "alpha");

	snapshot_add_node(s, "alpha", NODE_UP, NODE_F_DC);
	snapshot_add_node(s, "beta", NODE_UP, 0);
	snapshot_add_resource(s, "web", NULL, "ocf:heartbeat:IPaddr2",
	    RES_ONLINE, 0);
	snapshot_add_resource(s, "old", NULL, "ocf:heartbeat:Dummy",
	    RES_OFFLINE, RES_F_DISABLED);
	s->quorum = true;
	finish(s);
	return s;
}

static void
test_ok(void **state)
{
	struct check_policy p = policy_default();
	struct snapshot *s = snap_healthy();
	struct check_verdict v;

	(void)state;
	judge(s, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_OK);
	assert_string_equal(v.line, "CCON OK - lab: 2/2 nodes up, 1/2 "
	    "resources online | nodes_up=2;;;0;2 nodes_down=0;;0;0 "
	    "resources_online=1;;;0;2 failed=0;;0;0 pending=0;;;0 "
	    "pending_longest=0s;60;;0 standby=0;0;;0 pinned=0;0;;0 "
	    "unmanaged=0;0;;0");
	snapshot_unref(s);
}

static void
test_critical(void **state)
{
	struct check_policy p = policy_default();
	struct snapshot *s = snapshot_new("lab", "sim", "alpha");
	struct check_verdict v;

	(void)state;
	snapshot_add_node(s, "alpha", NODE_UP, 0);
	snapshot_add_node(s, "gamma", NODE_DOWN, NODE_F_UNCLEAN);
	snapshot_add_node(s, "beta", NODE_PAUSED, NODE_F_STANDBY);
	snapshot_add_resource(s, "db", NULL, "ocf:heartbeat:pgsql",
	    RES_FAILED, 0);
	snapshot_add_resource(s, "web", NULL, "ocf:heartbeat:IPaddr2",
	    RES_ONLINE, RES_F_BLOCKED);
	s->quorum = false;
	finish(s);
	judge(s, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_CRITICAL);
	/* Worst first; the warning (standby) after what is critical. */
	assert_non_null(strstr(v.line, "CCON CRITICAL - lab: 2 failed (db, "
	    "web), no quorum, 1 node down (gamma), 1 node unclean (gamma), "
	    "1 node standby (beta) | "));
	assert_non_null(strstr(v.line, " failed=2;;0;0 "));
	assert_non_null(strstr(v.line, " nodes_down=1;;0;0 "));
	assert_non_null(strstr(v.line, " standby=1;0;;0 "));
	snapshot_unref(s);
}

/* What the policy weighs: standby, pinned, maintenance. */
static void
test_policy(void **state)
{
	struct check_policy p = policy_default();
	struct snapshot *s = snapshot_new("lab", "sim", "alpha");
	struct check_verdict v;

	(void)state;
	snapshot_add_node(s, "alpha", NODE_UP, 0);
	snapshot_add_node(s, "beta", NODE_PAUSED, NODE_F_STANDBY);
	snapshot_add_resource(s, "web", NULL, "ocf:heartbeat:IPaddr2",
	    RES_ONLINE, RES_F_PINNED);
	s->quorum = true;
	finish(s);
	judge(s, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_WARNING);
	assert_non_null(strstr(v.line, "CCON WARNING - lab: 1 node standby "
	    "(beta), 1 pinned (web) | "));

	/* --warn-on pinned: standby is fine, and still said. */
	check_policy_warn_on(&p, 1u << CHECK_COND_PINNED);
	judge(s, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_WARNING);
	assert_non_null(strstr(v.line, "CCON WARNING - lab: 1 pinned (web), "
	    "1 node standby (beta) | "));
	assert_non_null(strstr(v.line, " standby=1;;;0 pinned=1;0;;0 "));

	check_policy_warn_on(&p, 0);
	judge(s, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_OK);
	assert_non_null(strstr(v.line, "CCON OK - lab: 1/2 nodes up, 1/1 "
	    "resources online, 1 node standby (beta), 1 pinned (web) | "));

	p.level[CHECK_COND_STANDBY] = CHECK_CRITICAL;
	judge(s, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_CRITICAL);
	assert_non_null(strstr(v.line, " standby=1;;0;0 "));
	snapshot_unref(s);
}

static void
test_maintenance(void **state)
{
	struct check_policy p = policy_default();
	struct snapshot *s = snap_healthy(), *m;
	struct check_verdict v;

	(void)state;
	snapshot_unref(s);
	s = snapshot_new("lab", "sim", "alpha");
	snapshot_add_node(s, "alpha", NODE_UP, NODE_F_MAINTENANCE);
	snapshot_add_resource(s, "web", NULL, "ocf:heartbeat:IPaddr2",
	    RES_ONLINE, RES_F_UNMANAGED);
	s->quorum = true;
	finish(s);
	judge(s, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_WARNING);
	assert_non_null(strstr(v.line, "lab: 1 node in maintenance (alpha), "
	    "1 unmanaged (web) | "));

	/* Maintenance mode says it once, not each resource it holds. */
	m = snapshot_new("lab", "sim", "alpha");
	snapshot_add_node(m, "alpha", NODE_UP, 0);
	snapshot_add_resource(m, "web", NULL, "ocf:heartbeat:IPaddr2",
	    RES_ONLINE, RES_F_UNMANAGED);
	m->quorum = true;
	m->maintenance_mode = true;
	finish(m);
	judge(m, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_WARNING);
	assert_non_null(strstr(v.line, "lab: maintenance mode | "));
	snapshot_unref(m);
	snapshot_unref(s);
}

/* Pending longer than the threshold warns; how long, from the time the
 * cluster layer saw the state begin. */
static void
test_pending(void **state)
{
	struct check_policy p = policy_default();
	struct snapshot *s = snapshot_new("lab", "sim", "alpha");
	struct check_verdict v;

	(void)state;
	snapshot_add_node(s, "alpha", NODE_UP, 0);
	snapshot_add_resource(s, "web", NULL, "ocf:heartbeat:IPaddr2",
	    RES_ONLINE_PENDING, 0);
	snapshot_add_resource(s, "db", NULL, "ocf:heartbeat:pgsql",
	    RES_OFFLINE_PENDING, 0);
	s->quorum = true;
	finish(s);
	snapshot_set_state_since(s, 0, NOW - 90000);
	snapshot_set_state_since(s, 1, NOW - 5000);
	judge(s, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_WARNING);
	assert_non_null(strstr(v.line, "CCON WARNING - lab: 2 pending (web, "
	    "db) for 90s | "));
	assert_non_null(strstr(v.line, " pending=2;;;0 "
	    "pending_longest=90s;60;;0 "));

	p.pending_ms = 120000;
	judge(s, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_OK);
	assert_non_null(strstr(v.line, "CCON OK - lab: 1/1 nodes up, 0/2 "
	    "resources online, 2 pending (web, db) for 90s | "));

	/* 0: any pending state, even one just seen. */
	snapshot_set_state_since(s, 0, NOW);
	snapshot_set_state_since(s, 1, NOW);
	p.pending_ms = 0;
	judge(s, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_WARNING);
	snapshot_unref(s);
}

/* No data: UNKNOWN, with why, sanitized, in one line. */
static void
test_unknown(void **state)
{
	struct check_policy p = policy_default();
	struct cluster_status st;
	struct check_verdict v;
	struct snapshot *empty;

	(void)state;
	memset(&st, 0, sizeof st);
	snprintf(st.error, sizeof st.error, "ssh: node1: connection refused "
	    "| x=1\nCCON OK - forged\x1b[2J");
	judge(NULL, &st, &p, &v);
	assert_int_equal(v.status, CHECK_UNKNOWN);
	assert_one_line(v.line);
	assert_null(strchr(v.line, '|'));
	assert_null(strchr(v.line, '\x1b'));
	assert_non_null(strstr(v.line, "CCON UNKNOWN - lab: ssh: node1: "
	    "connection refused "));

	memset(&st, 0, sizeof st);
	judge(NULL, &st, &p, &v);
	assert_string_equal(v.line, "CCON UNKNOWN - lab: no data yet");

	empty = snapshot_new("lab", "sim", "alpha");
	finish(empty);
	judge(empty, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_UNKNOWN);
	assert_string_equal(v.line, "CCON UNKNOWN - lab: no nodes in the data");
	snapshot_unref(empty);

	check_unknown("bad | option\n", &v);
	assert_int_equal(v.status, CHECK_UNKNOWN);
	assert_one_line(v.line);
	assert_null(strchr(v.line, '|'));
}

/* Hostile names: '|' and line breaks from the cluster never reach the
 * line as themselves; long ones are cut; a clone's instances are named
 * once; many are cut politely with "+N more". */
static void
test_hostile(void **state)
{
	struct check_policy p = policy_default();
	struct snapshot *s = snapshot_new("lab", "sim", "alpha");
	struct check_verdict v;
	char id[64], longid[600];
	const char *bar;
	int i;

	(void)state;
	snapshot_add_node(s, "alpha", NODE_UP, 0);
	snapshot_add_node(s, "evil|node\nCCON OK", NODE_DOWN, 0);
	snapshot_add_group(s, "ping-clone", GROUP_KIND_CLONE, 0);
	snapshot_add_resource(s, "ping", "ping-clone", "ocf:pacemaker:ping",
	    RES_FAILED, 0);
	snapshot_add_resource(s, "ping", "ping-clone", "ocf:pacemaker:ping",
	    RES_FAILED, 0);
	snapshot_add_resource(s, "a|b\r\nc=1;2", NULL, "x", RES_FAILED, 0);
	memset(longid, 'z', sizeof longid - 1);
	longid[sizeof longid - 1] = '\0';
	snapshot_add_resource(s, longid, NULL, "x", RES_FAILED, 0);
	for (i = 0; i < 5; i++) {
		snprintf(id, sizeof id, "r%d", i);
		snapshot_add_resource(s, id, NULL, "x", RES_FAILED, 0);
	}
	s->quorum = true;
	finish(s);
	judge(s, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_CRITICAL);
	assert_one_line(v.line);
	bar = strchr(v.line, '|');
	assert_non_null(bar);
	assert_int_equal(strncmp(bar, "| nodes_up=1;;;0;2 ", 19), 0);
	/* 9 instances, named: ping, the hostile one, the long one cut;
	 * 5 more. */
	assert_non_null(strstr(v.line, "9 failed (ping, a\xef\xbf\xbd" "b"));
	assert_non_null(strstr(v.line, "zzz\xe2\x80\xa6 +5 more)"));
	assert_null(strstr(v.line, "ping, ping"));
	assert_non_null(strstr(v.line, "1 node down (evil\xef\xbf\xbd" "node"));
	snapshot_unref(s);
}

/* A cluster with trouble everywhere: the text is cut whole, the perfdata
 * stays, the line is valid UTF-8 of one line. */
static void
test_long_line(void **state)
{
	struct check_policy p = policy_default();
	struct snapshot *s = snapshot_new("lab", "sim", "alpha");
	struct check_verdict v;
	char id[300], clean[CHECK_LINE_MAX * 2];
	int i, k;
	static const unsigned flags[] = { RES_F_PINNED, RES_F_UNMANAGED,
	    RES_F_BLOCKED, 0 };

	(void)state;
	for (i = 0; i < 40; i++) {
		snprintf(id, sizeof id, "%d-%s", i, "\xe6\x95\xb0\xe6\x8d\xae"
		    "\xe5\xba\x93\xe6\x95\xb0\xe6\x8d\xae\xe5\xba\x93\xe6\x95"
		    "\xb0\xe6\x8d\xae\xe5\xba\x93\xe6\x95\xb0\xe6\x8d\xae\xe5"
		    "\xba\x93\xe6\x95\xb0\xe6\x8d\xae\xe5\xba\x93");
		snapshot_add_node(s, id, i % 2 ? NODE_DOWN : NODE_PAUSED,
		    NODE_F_UNCLEAN | NODE_F_MAINTENANCE);
		for (k = 0; k < 4; k++) {
			snprintf(id, sizeof id, "%d-%d-%0200d", i, k, 7);
			snapshot_add_resource(s, id, NULL, "x",
			    k == 3 ? RES_UNKNOWN : RES_ONLINE, flags[k]);
		}
	}
	s->stop_all = true;
	finish(s);
	judge(s, NULL, &p, &v);
	assert_int_equal(v.status, CHECK_CRITICAL);
	assert_one_line(v.line);
	assert_non_null(strstr(v.line, " | nodes_up=0;;;0;40 "));
	assert_non_null(strstr(v.line, " unmanaged=40;0;;0"));
	/* Valid UTF-8: the sanitizer changes nothing. */
	termtext_sanitize(clean, sizeof clean, v.line);
	assert_string_equal(clean, v.line);
	snapshot_unref(s);
}

static void
test_warn_on(void **state)
{
	unsigned bits = 99;
	const char *bad = NULL;
	size_t len = 0;

	(void)state;
	assert_int_equal(check_parse_warn_on("standby,maintenance", &bits,
	    &bad, &len), 0);
	assert_int_equal(bits, (1u << CHECK_COND_STANDBY) |
	    (1u << CHECK_COND_MAINTENANCE));
	assert_int_equal(check_parse_warn_on("none", &bits, &bad, &len), 0);
	assert_int_equal(bits, 0);
	assert_int_equal(check_parse_warn_on("pinned,standbyx", &bits, &bad,
	    &len), -1);
	assert_int_equal(len, 8);
	assert_int_equal(strncmp(bad, "standbyx", len), 0);
	assert_int_equal(check_parse_warn_on("pinned,", &bits, &bad, &len),
	    -1);
	assert_int_equal(len, 0);
	assert_int_equal(check_parse_warn_on("", &bits, &bad, &len), -1);
}

/* The configuration's check group is the policy; its keys are the
 * conditions' words. */
static void
test_conf(void **state)
{
	const struct schema_key *k = schema_find(&schema_top, "check");
	char path[] = "/tmp/ccon-test-check-XXXXXX", *err = NULL;
	struct check_policy p;
	struct conf c;
	FILE *f;
	int fd, i;

	(void)state;
	assert_non_null(k);
	assert_int_equal(k->type, SCHEMA_GROUP);
	for (i = 0; i < CHECK_COND_COUNT; i++)
		assert_non_null(schema_find(k->section,
		    check_cond_word((enum check_cond)i)));

	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("check = { pending = 2.5; standby = \"critical\"; "
	    "pinned = \"ok\"; };\n", f);
	assert_int_equal(fclose(f), 0);
	conf_defaults(&c);
	assert_int_equal(conf_load(&c, path, &err), 0);
	unlink(path);
	check_policy_from_conf(&c, &p);
	assert_int_equal(p.pending_ms, 2500);
	assert_int_equal(p.level[CHECK_COND_STANDBY], CHECK_CRITICAL);
	assert_int_equal(p.level[CHECK_COND_PINNED], CHECK_OK);
	assert_int_equal(p.level[CHECK_COND_MAINTENANCE], CHECK_WARNING);
	conf_free(&c);

	assert_string_equal(conf_check_level_word(CONF_CHECK_OK), "ok");
	assert_string_equal(conf_check_level_word(CONF_CHECK_WARNING),
	    "warning");
	assert_string_equal(conf_check_level_word(CONF_CHECK_CRITICAL),
	    "critical");
	assert_string_equal(conf_check_level_word(CONF_CHECK_LEVEL_COUNT),
	    "unknown");

	p = policy_default();
	assert_int_equal(p.pending_ms, 60000);
	for (i = 0; i < CHECK_COND_COUNT; i++)
		assert_int_equal(p.level[i], CHECK_WARNING);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ok),
		cmocka_unit_test(test_critical),
		cmocka_unit_test(test_policy),
		cmocka_unit_test(test_maintenance),
		cmocka_unit_test(test_pending),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_warn_on),
		cmocka_unit_test(test_conf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
