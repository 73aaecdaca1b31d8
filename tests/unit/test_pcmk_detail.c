/* The Pacemaker detail's parsers on saved output (tests/data/pacemaker):
 * crm_mon's failures and operations history, the constraints that touch
 * an object, its configuration with secrets hidden, and the live
 * script's output split into its parts. */
#define _GNU_SOURCE             /* asprintf */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/drivers/pacemaker/pacemaker.h"
#include "backend/drivers/pacemaker/pcmk_detail.h"
#include "testdata.h"

static char *
slurp(const char *rel, size_t *len)
{
	char path[512];

	snprintf(path, sizeof(path), "pacemaker/%s", rel);
	return testdata_read(path, len);
}

static void
ask(struct detail_ask *q, enum target_kind k, const char *id)
{
	memset(q, 0, sizeof(*q));
	q->kind = k;
	snprintf(q->id, sizeof(q->id), "%s", id);
}

/* The values of lines labelled label, in order, joined by '|'. */
static char *
values(const struct detail *d, const char *label)
{
	static char buf[8192];
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < d->n; i++) {
		if (d->lines[i].kind != DETAIL_LINE ||
		    strcmp(d->lines[i].label, label) != 0)
			continue;
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    n > 0 ? "|" : "", d->lines[i].value);
		if (n >= sizeof(buf))
			break;
	}
	return buf;
}

static bool
says(const struct detail *d, const char *needle)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strstr(d->lines[i].value, needle) != NULL ||
		    strstr(d->lines[i].label, needle) != NULL)
			return true;
	return false;
}

static void
rc_words(void **state)
{
	(void)state;
	assert_string_equal(pcmk_rc_word(0), "ok");
	assert_string_equal(pcmk_rc_word(1), "generic error");
	assert_string_equal(pcmk_rc_word(2), "invalid parameter");
	assert_string_equal(pcmk_rc_word(3), "unimplemented");
	assert_string_equal(pcmk_rc_word(4), "insufficient privileges");
	assert_string_equal(pcmk_rc_word(5), "not installed");
	assert_string_equal(pcmk_rc_word(6), "not configured");
	assert_string_equal(pcmk_rc_word(7), "not running");
	assert_string_equal(pcmk_rc_word(8), "running promoted");
	assert_string_equal(pcmk_rc_word(9), "failed promoted");
	assert_string_equal(pcmk_rc_word(10), "unknown");
	assert_string_equal(pcmk_rc_word(-1), "unknown");
}

/* failed.xml: web-srv's monitor found it not running, with a reason. */
static void
status_of_failed_resource(void **state)
{
	struct detail d = { 0 };
	struct detail_ask q;
	char *xml, *err = NULL;
	const char *ops;
	size_t len;

	(void)state;
	xml = slurp("crm_mon/failed.xml", &len);
	ask(&q, TARGET_RESOURCE, "web-srv");
	assert_int_equal(pcmk_detail_status(xml, len, &q, &d, &err), 0);
	assert_string_equal(values(&d, "failed op"),
	    "monitor on node1: rc=7 (not running), complete");
	assert_string_equal(values(&d, "exit reason"),
	    "pid file /run/web-srv.pid is stale");
	assert_string_equal(values(&d, "at"), "2024-03-01 12:12:00 UTC");
	assert_string_equal(values(&d, "node1"),
	    "1, last at 2024-03-01 12:12:00 UTC");
	/* Newest first: call 4 (the failed monitor), then 3, then 2. */
	ops = values(&d, "monitor");
	assert_non_null(strstr(ops, "rc=7 (not running), call 4"));
	assert_true(strstr(ops, "call 4") < strstr(ops, "call 3"));
	assert_non_null(strstr(ops, "every 10000ms on node1"));
	assert_string_equal(values(&d, "start"), "once on node1: rc=0 (ok), "
	    "call 2, at 2024-03-01 12:00:00 UTC, took 0ms");
	/* The failed monitor is bad, the start is not. */
	{
		size_t i;

		for (i = 0; i < d.n; i++)
			if (strstr(d.lines[i].value, "call 4") != NULL)
				assert_int_equal(d.lines[i].tone, DETAIL_BAD);
			else if (strcmp(d.lines[i].label, "start") == 0)
				assert_int_equal(d.lines[i].tone,
				    DETAIL_PLAIN);
	}
	detail_free(&d);

	/* db failed on three nodes, INFINITY times each. */
	ask(&q, TARGET_RESOURCE, "db");
	assert_int_equal(pcmk_detail_status(xml, len, &q, &d, &err), 0);
	assert_string_equal(values(&d, "exit reason"), "none given|"
	    "Binary /usr/sbin/dbd not found|"
	    "Failed to start: /var/lib/db is not writable");
	assert_non_null(strstr(values(&d, "failed op"),
	    "start on node2: rc=5 (not installed), complete"));
	assert_non_null(strstr(values(&d, "failed op"), "Timed Out"));
	assert_non_null(strstr(values(&d, "node3"), "INFINITY"));
	detail_free(&d);

	/* A clone's history is of every instance, each saying its node;
	 * "ping" is not "pingd". */
	ask(&q, TARGET_RESOURCE, "ping");
	assert_int_equal(pcmk_detail_status(xml, len, &q, &d, &err), 0);
	assert_non_null(strstr(values(&d, "start"), "node3"));
	assert_non_null(strstr(values(&d, "start"), "node1"));
	assert_false(says(&d, "exit reason"));
	detail_free(&d);

	/* A node: the failures there, the operations of what ran there. */
	ask(&q, TARGET_NODE, "node2");
	assert_int_equal(pcmk_detail_status(xml, len, &q, &d, &err), 0);
	assert_non_null(strstr(values(&d, "failed"), "solo_monitor_10000"));
	assert_non_null(strstr(values(&d, "start"), "solo once on node2"));
	assert_false(says(&d, "web-srv"));
	detail_free(&d);
	free(xml);

	assert_int_equal(pcmk_detail_status("<x", 2, &q, &d, &err), -1);
	assert_non_null(strstr(err, "not readable"));
	free(err);
	assert_int_equal(d.n, 0);
}

/* Constraints of the saved CIB: the move and ban ones say so, and the
 * key that clears them; others by kind; sets too. */
static void
constraints_that_touch(void **state)
{
	static const char sets[] =
	    "<constraints>"
	    "<rsc_colocation id=\"c1\" rsc=\"web\" with-rsc=\"db\" "
	    "score=\"INFINITY\"/>"
	    "<rsc_order id=\"o1\" first=\"db\" then=\"web\" kind=\"Mandatory\"/>"
	    "<rsc_order id=\"o2\"><resource_set id=\"s1\">"
	    "<resource_ref id=\"a\"/><resource_ref id=\"web\"/></resource_set>"
	    "<resource_set id=\"s2\"><resource_ref id=\"z\"/></resource_set>"
	    "</rsc_order>"
	    "<rsc_ticket id=\"t1\" rsc=\"solo\" ticket=\"site-a\"/>"
	    "</constraints>";
	const char *web[] = { "web" }, *solo_ids[] = { "solo" },
	    *ping[] = { "ping", "ping-clone" }, *none[] = { "db-x" };
	struct detail d = { 0 };
	char *xml, *err = NULL;
	size_t len;

	(void)state;
	xml = slurp("crm_mon/constraints-cib.xml", &len);
	assert_int_equal(pcmk_detail_constraints(xml, len, web, 1, &d, &err),
	    0);
	assert_string_equal(values(&d, "move"), "cli-prefer-web: prefers "
	    "node2 (pinned by a move to node2; `u` clears it)");
	assert_string_equal(values(&d, "location"),
	    "web-prefers-node1: web on node1, score 100");
	assert_string_equal(values(&d, "ban"), "");
	detail_free(&d);
	assert_int_equal(pcmk_detail_constraints(xml, len, solo_ids, 1, &d,
	    &err), 0);
	assert_string_equal(values(&d, "ban"), "cli-ban-solo-on-node2: kept "
	    "off node2 (a ban; `u` clears it)");
	assert_non_null(strstr(values(&d, "location"), "score -5000"));
	detail_free(&d);
	/* A rule's node; a clone instance is touched by its clone's. */
	assert_int_equal(pcmk_detail_constraints(xml, len, ping, 2, &d, &err),
	    0);
	assert_string_equal(values(&d, "ban"), "cli-ban-ping-clone-on-node3: "
	    "kept off node3 (a ban; `u` clears it)");
	detail_free(&d);
	assert_int_equal(pcmk_detail_constraints(xml, len, none, 1, &d, &err),
	    0);
	assert_int_equal(d.n, 2);
	assert_string_equal(d.lines[1].value, "none");
	detail_free(&d);
	free(xml);

	assert_int_equal(pcmk_detail_constraints(sets, strlen(sets), web, 1,
	    &d, &err), 0);
	assert_string_equal(values(&d, "colocation"),
	    "c1: web with db, score INFINITY");
	assert_string_equal(values(&d, "order"), "o1: db then web "
	    "(Mandatory)|o2: (a web) then (z)");
	assert_false(says(&d, "t1"));
	detail_free(&d);
}

static void
configuration(void **state)
{
	static const char secret[] =
	    "<primitive id=\"db\" class=\"ocf\" provider=\"heartbeat\" "
	    "type=\"pgsql\"><instance_attributes id=\"db-ia\">"
	    "<nvpair id=\"p1\" name=\"pgdata\" value=\"/srv/pg\"/>"
	    "<nvpair id=\"p2\" name=\"replication_password\" value=\"hunter2\"/>"
	    "<nvpair id=\"p3\" name=\"token\" value=\"lrm://\"/>"
	    "</instance_attributes></primitive>";
	struct detail d = { 0 };
	char *xml, *err = NULL;
	size_t len;

	(void)state;
	assert_int_equal(pcmk_detail_config(secret, strlen(secret), "db", &d,
	    &err), 0);
	assert_string_equal(values(&d, "agent"), "ocf:heartbeat:pgsql");
	assert_string_equal(values(&d, "pgdata"), "/srv/pg");
	assert_string_equal(values(&d, "replication_password"), "***");
	assert_string_equal(values(&d, "token"), "(in cibsecret)");
	assert_false(says(&d, "hunter2"));
	detail_free(&d);

	/* From a whole CIB: a primitive, a group, a clone. */
	xml = slurp("cib/failed.xml", &len);
	assert_int_equal(pcmk_detail_config(xml, len, "web-ip", &d, &err), 0);
	assert_string_equal(values(&d, "agent"), "ocf:heartbeat:IPaddr2");
	assert_string_equal(values(&d, "ip"), "192.0.2.10");
	assert_string_equal(values(&d, "monitor"), "every 10s");
	detail_free(&d);
	assert_int_equal(pcmk_detail_config(xml, len, "db", &d, &err), 0);
	assert_string_equal(values(&d, "target-role"), "Started");
	detail_free(&d);
	assert_int_equal(pcmk_detail_config(xml, len, "web", &d, &err), 0);
	assert_string_equal(values(&d, "member"), "1. web-ip|2. web-fs|"
	    "3. web-srv");
	detail_free(&d);
	assert_int_equal(pcmk_detail_config(xml, len, "ping-clone", &d, &err),
	    0);
	assert_string_equal(values(&d, "of"), "primitive ping");
	detail_free(&d);
	/* A node's id is no resource. */
	assert_int_equal(pcmk_detail_config(xml, len, "1", &d, &err), 0);
	assert_true(says(&d, "not in the configuration"));
	detail_free(&d);
	free(xml);
}

/* The live script's output: three documents, each ended by its status;
 * a failed part says so and the others still show. */
static void
script_output(void **state)
{
	const char *ids[] = { "web-ip", "web" };
	struct detail d = { 0 };
	struct detail_ask q;
	char *mon, *cib, *text, *err = NULL;
	size_t mlen, clen;

	(void)state;
	mon = slurp("crm_mon/failed.xml", &mlen);
	cib = slurp("crm_mon/constraints-cib.xml", &clen);
	text = NULL;
	assert_true(asprintf(&text, "%s\nccon-detail-end status 0\n%s\n"
	    "ccon-detail-end constraints 0\n<primitive id=\"web-ip\" "
	    "class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\"/>\n"
	    "ccon-detail-end config 0\n", mon, cib) > 0);
	ask(&q, TARGET_RESOURCE, "web-ip");
	assert_int_equal(pcmk_detail_output(text, strlen(text), &q, ids, 2,
	    &d, &err), 0);
	assert_true(says(&d, "call 3"));
	assert_non_null(strstr(values(&d, "move"), "cli-prefer-web"));
	assert_string_equal(values(&d, "agent"), "ocf:heartbeat:IPaddr2");
	detail_free(&d);
	free(text);

	/* crm_mon down, no such configuration. */
	text = NULL;
	assert_true(asprintf(&text, "ccon-detail-end status 102\n%s\n"
	    "ccon-detail-end constraints 0\nccon-detail-end config 105\n",
	    cib) > 0);
	assert_int_equal(pcmk_detail_output(text, strlen(text), &q, ids, 2,
	    &d, &err), 0);
	assert_string_equal(values(&d, "error"), "crm_mon failed (exit 102)");
	assert_non_null(strstr(values(&d, "move"), "cli-prefer-web"));
	assert_true(says(&d, "not in the configuration"));
	detail_free(&d);
	free(text);

	/* A node's: crm_mon's part alone. */
	text = NULL;
	assert_true(asprintf(&text, "%s\nccon-detail-end status 0\n", mon) > 0);
	ask(&q, TARGET_NODE, "node1");
	assert_int_equal(pcmk_detail_output(text, strlen(text), &q, ids, 0,
	    &d, &err), 0);
	assert_true(says(&d, "web-srv_monitor_10000"));
	assert_false(says(&d, "constraints"));
	detail_free(&d);
	free(text);
	ask(&q, TARGET_RESOURCE, "web-ip");

	/* Not the script's output. */
	assert_int_equal(pcmk_detail_output("sh: not found\n", 14, &q, ids, 2,
	    &d, &err), -1);
	assert_non_null(strstr(err, "no answer"));
	free(err);
	free(mon);
	free(cib);
}

/* The script changes nothing: it runs crm_mon and cibadmin --query
 * alone, and reads its id as an argument. */
static void
script_is_read_only(void **state)
{
	const char *p = pcmk_detail_script;
	int tools = 0;

	(void)state;
	for (p = strstr(p, "cibadmin"); p != NULL;
	     p = strstr(p + 1, "cibadmin")) {
		assert_int_equal(strncmp(p, "cibadmin --query ", 17), 0);
		tools++;
	}
	assert_int_equal(tools, 2);
	assert_null(strstr(pcmk_detail_script, "crm_resource"));
	assert_null(strstr(pcmk_detail_script, "crm_attribute"));
	assert_null(strstr(pcmk_detail_script, "--delete"));
	assert_non_null(strstr(pcmk_detail_script, "'$1'"));
	/* Ids that could end the quotes are refused before it runs. */
	assert_false(pacemaker_valid_id("a']|//*[@id='b"));
	assert_false(pacemaker_valid_id("a\"b"));
	assert_true(pacemaker_valid_id("web-ip"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rc_words),
		cmocka_unit_test(status_of_failed_resource),
		cmocka_unit_test(constraints_that_touch),
		cmocka_unit_test(configuration),
		cmocka_unit_test(script_output),
		cmocka_unit_test(script_is_read_only),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
