/* The configuration's rules across keys, and a file with many errors:
 * a pacemaker or wsfc cluster needs nodes (unless --local), a key is for
 * the drivers the schema says (SSH settings, 'sim'), sim.fail_start names
 * the simulator's resources (with "did you mean"), and every error of a
 * file is told in one run, by line, up to READER_ERRORS_MAX. Config text
 * is written one line per string literal, so the line numbers asserted
 * are the ones you count. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/drivers/sim/sim.h"
#include "testdata.h"
#include "conf/conf.h"
#include "conf/reader.h"
#include "conf/schema.h"
#include "tui/factory.h"

/* Loads text into c (readied by the caller); must succeed. */
static void
load_good(struct conf *c, const char *text)
{
	char path[64], *err = NULL;
	int rc;

	testdata_write_temp(text, path, sizeof path);
	rc = conf_load(c, path, &err);
	if (rc != 0)
		print_error("unexpected error: %s\n", err);
	assert_int_equal(rc, 0);
	assert_null(err);
	assert_int_equal(unlink(path), 0);
}

/* Loads text into c (readied by the caller, no clusters yet); must fail
 * with exactly the errors of want, NULL-terminated, each "LINE: message"
 * a prefix of an error after "TMPFILE:" (or "and N more errors" for the
 * count), in that order, and leave c as it was. */
static void
expect_errors(struct conf *c, const char *text, const char *const *want)
{
	char path[64], exp[1024], *err = NULL, *line, *save = NULL;
	size_t i = 0;
	int rc;

	testdata_write_temp(text, path, sizeof path);
	rc = conf_load(c, path, &err);
	assert_int_equal(rc, -1);
	assert_int_equal(errno, EINVAL);
	assert_non_null(err);
	for (line = strtok_r(err, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save), i++) {
		if (want[i] == NULL) {
			print_error("one error too many: %s\n", line);
			fail();
		}
		snprintf(exp, sizeof exp, "%s:%s", path, want[i]);
		if (strncmp(line, exp, strlen(exp)) != 0) {
			print_error("error %zu:\nwant: %s...\ngot:  %s\n", i + 1,
			    exp, line);
			fail();
		}
	}
	if (want[i] != NULL) {
		print_error("missing error: %s\n", want[i]);
		fail();
	}
	assert_int_equal(c->n_clusters, 0);
	assert_null(c->path);
	free(err);
	assert_int_equal(unlink(path), 0);
}

/* A pacemaker or wsfc cluster without nodes, or with an empty list, is
 * told at its group's line; a sim cluster needs none. */
static void
test_nodes_required(void **state)
{
	static const char text[] =
	    "clusters = (\n"					/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\"; },\n"	/* 2 */
	    "  { name = \"w\"; driver = \"wsfc\";\n"		/* 3 */
	    "    nodes = [ ]; },\n"				/* 4 */
	    "  { name = \"s\"; driver = \"sim\"; }\n"		/* 5 */
	    ");\n";
	static const char *const want[] = {
		"2: cluster 'p' has no 'nodes', which clusters reached over "
		    "SSH need: nodes = [ \"db1\", ",
		"3: cluster 'w' has no 'nodes', which clusters reached over "
		    "SSH need: nodes = [",
		NULL
	};
	struct conf c;

	(void)state;
	conf_defaults(&c);
	expect_errors(&c, text, want);
	conf_free(&c);

	/* With --local, ccon runs on a node of the cluster: no nodes
	 * needed (a wsfc cluster is refused then when it starts, with the
	 * reason: it runs its tools on Windows). */
	conf_defaults(&c);
	factory_conf_checks(&c, true);
	assert_true(c.local);
	load_good(&c, text);
	assert_int_equal(c.n_clusters, 3);
	assert_int_equal(c.clusters[0].n_nodes, 0);
	assert_int_equal(c.clusters[1].n_nodes, 0);
	conf_free(&c);

	/* factory_conf_checks without --local asks for them. */
	conf_defaults(&c);
	factory_conf_checks(&c, false);
	assert_false(c.local);
	expect_errors(&c, text, want);
	conf_free(&c);
}

/* One rule, the schema's .drivers, for both ways round: every key the
 * table says is for SSH clusters is an error on a sim cluster, and every
 * key for the simulator is one on a pacemaker or wsfc cluster. The value
 * does not matter: the key is refused before it is read. */
static void
test_keys_for_drivers(void **state)
{
	const struct schema_key *k;
	struct conf c;
	char text[512], msg[512];
	const char *want[2] = { msg, NULL };
	size_t i;
	int d, n_ssh = 0, n_sim = 0;

	(void)state;
	for (i = 0; i < schema_cluster.n_keys; i++) {
		k = &schema_cluster.keys[i];
		for (d = 0; d < CONF_DRIVER_COUNT; d++) {
			if (schema_for_driver(k, (enum conf_driver)d))
				continue;
			snprintf(text, sizeof text,
			    "clusters = (\n"			/* 1 */
			    "  { name = \"c\"; driver = \"%s\";%s\n" /* 2 */
			    "    %s = 1; }\n"			/* 3 */
			    ");\n", conf_driver_word((enum conf_driver)d),
			    d == CONF_DRIVER_SIM ? "" :
			    " nodes = [ \"db1\" ];", k->key);
			snprintf(msg, sizeof msg, "3: '%s' is only for %s, and "
			    "cluster 'c' uses driver \"%s\"", k->key,
			    k->drivers->who,
			    conf_driver_word((enum conf_driver)d));
			conf_defaults(&c);
			expect_errors(&c, text, want);
			conf_free(&c);
			if (k->drivers == &schema_for_ssh)
				n_ssh++;
			else if (k->drivers == &schema_for_sim)
				n_sim++;
		}
	}
	/* The SSH settings and 'sim' are in the table as such. */
	assert_ptr_equal(schema_find(&schema_cluster, "identity")->drivers,
	    &schema_for_ssh);
	assert_ptr_equal(schema_find(&schema_cluster, "nodes")->drivers,
	    &schema_for_ssh);
	assert_ptr_equal(schema_find(&schema_cluster, "sim")->drivers,
	    &schema_for_sim);
	assert_null(schema_find(&schema_cluster, "readonly")->drivers);
	assert_true(n_ssh >= 10);	/* nodes .. password_auth */
	assert_int_equal(n_sim, 2);	/* 'sim' on pacemaker and wsfc */
}

/* Together in one file, in order of their lines; an unknown driver is
 * told once, not again through its keys. */
static void
test_keys_for_drivers_at_once(void **state)
{
	static const char *const want[] = {
		"3: 'identity' is only for clusters reached over SSH, and "
		    "cluster 'demo2' uses driver \"sim\"",
		"4: 'user' is only for clusters reached over SSH",
		"4: 'port' is only for clusters reached over SSH",
		"5: 'nodes' is only for clusters reached over SSH",
		"6: 'sim' is only for the simulator, and cluster 'p' uses "
		    "driver \"pacemaker\"",
		"8: 'identity' is only for clusters reached over SSH, and "
		    "this cluster uses driver \"sim\"",
		"8: a cluster needs a 'name'",
		"9: driver 'bogus' is not one of",
		NULL
	};
	struct conf c;

	(void)state;
	conf_defaults(&c);
	expect_errors(&c,
	    "clusters = (\n"					/* 1 */
	    "  { name = \"demo2\"; driver = \"sim\";\n"	/* 2 */
	    "    identity = \"~/.ssh/id\";\n"		/* 3 */
	    "    user = \"root\"; port = 22;\n"		/* 4 */
	    "    nodes = [ \"db1\" ]; },\n"			/* 5 */
	    "  { name = \"p\"; sim = { seed = 3; };\n"	/* 6 */
	    "    driver = \"pacemaker\"; nodes = [ \"db1\" ]; },\n" /* 7 */
	    "  { identity = \"/k\"; driver = \"sim\"; },\n"	/* 8 */
	    "  { name = \"x\"; driver = \"bogus\"; identity = \"/k\"; }\n" /* 9 */
	    ");\n", want);
	conf_free(&c);
}

/* sim.fail_start: the simulator's resources, a typo told the one it is
 * closest to, a name like none of them told them all. */
static void
test_fail_start_names(void **state)
{
	static const char *const ids[] = { "web-ip", "web-server",
	    "db-pgsql" };
	static const char text[] =
	    "clusters = ( { name = \"l\"; driver = \"sim\";\n"	/* 1 */
	    "  sim = { fail_start = [ \"web-server\",\n"	/* 2 */
	    "    \"web-sever\", \"nothing-like-it\",\n"		/* 3 */
	    "    \"db-pgsql\" ]; }; } );\n";			/* 4 */
	static const char *const want[] = {
		"3: resource 'web-sever' in 'fail_start' is not one of the "
		    "simulator's (did you mean 'web-server'?)",
		"3: resource 'nothing-like-it' in 'fail_start' is not one of "
		    "the simulator's: web-ip, web-server, db-pgsql",
		NULL
	};
	struct conf c;

	(void)state;
	conf_defaults(&c);
	conf_set_sim_resources(&c, ids, 3);
	expect_errors(&c, text, want);
	conf_free(&c);

	/* Not checked when the caller gave no names. */
	conf_defaults(&c);
	load_good(&c, text);
	assert_int_equal(c.clusters[0].n_sim_fail_start, 4);
	conf_free(&c);
}

/* The names are the simulator's own, through the factory. */
static void
test_fail_start_through_factory(void **state)
{
	static const char *const want[] = {
		"2: resource 'db-pgsq' in 'fail_start' is not one of the "
		    "simulator's (did you mean 'db-pgsql'?)",
		NULL
	};
	const char *ids[64];
	struct conf c;
	size_t n, i, j;

	(void)state;
	n = sim_resource_ids(ids, 64);
	assert_true(n > 10 && n <= 64);
	assert_int_equal(sim_resource_ids(NULL, 0), n);
	/* A clone's resource once; each id once. */
	for (i = 0; i < n; i++)
		for (j = 0; j < i; j++)
			assert_string_not_equal(ids[i], ids[j]);

	conf_defaults(&c);
	factory_conf_checks(&c, false);
	for (i = 0; i < n; i++)
		assert_string_equal(c.sim_resources[i], ids[i]);
	assert_null(c.sim_resources[n]);
	expect_errors(&c,
	    "clusters = ( { name = \"l\"; driver = \"sim\";\n"	/* 1 */
	    "  sim = { fail_start = [ \"db-pgsq\" ]; }; } );\n",	/* 2 */
	    want);
	/* Every id the simulator has is accepted, UTF-8 ones too. */
	load_good(&c,
	    "clusters = ( { name = \"l\"; driver = \"sim\";\n"
	    "  sim = { fail_start = [ \"web-server\", \"ping\","
	    " \"監視-grafana\" ]; }; } );\n");
	conf_free(&c);
}

/* A file that says everything wrong at once: each error with its line,
 * in the order of the lines, whatever order they were found in. */
static void
test_every_error_at_once(void **state)
{
	static const char *const want[] = {
		"1: unknown key 'refesh' (did you mean 'refresh'?)",
		"2: 'readonly' must be true or false",
		"3: colour 'orange' for 'failed' is not one of",
		"5: cluster 'p' has no 'nodes'",
		"7: 'identity' is only for clusters reached over SSH, and "
		    "cluster 'demo' uses driver \"sim\"",
		"8: resource 'web-sever' in 'fail_start' is not one of the "
		    "simulator's (did you mean 'web-server'?)",
		"9: node 'db1:0' in 'nodes': port must be 1 to 65535",
		"9: node 'fe80::1' in 'nodes': an IPv6 address needs brackets",
		"9: cluster name 'p' is already used on line 5",
		"10: 'port' must be 1 to 65535, not 0",
		"12: 'transition_timeout' must be 1 to 86400 seconds",
		NULL
	};
	struct conf c;

	(void)state;
	conf_defaults(&c);
	factory_conf_checks(&c, false);
	expect_errors(&c,
	    "refesh = 2;\n"					/* 1 */
	    "readonly = 1;\n"					/* 2 */
	    "colors = { failed = \"orange\"; };\n"		/* 3 */
	    "clusters = (\n"					/* 4 */
	    "  { name = \"p\"; driver = \"pacemaker\"; },\n"	/* 5 */
	    "  { name = \"demo\"; driver = \"sim\";\n"		/* 6 */
	    "    identity = \"~/.ssh/id\";\n"			/* 7 */
	    "    sim = { fail_start = [ \"web-sever\" ]; }; },\n" /* 8 */
	    "  { name = \"p\"; driver = \"wsfc\"; nodes = [ \"db1:0\", \"fe80::1\" ];\n" /* 9 */
	    "    port = 0; }\n"					/* 10 */
	    ");\n"						/* 11 */
	    "transition_timeout = 0;\n",			/* 12 */
	    want);
	conf_free(&c);
}

/* Past READER_ERRORS_MAX, the rest are counted. */
static void
test_error_cap(void **state)
{
	char text[2048], msgs[READER_ERRORS_MAX + 2][64];
	const char *want[READER_ERRORS_MAX + 2];
	struct conf c;
	size_t len = 0, i, total;

	(void)state;
	for (total = READER_ERRORS_MAX + 1; total <= READER_ERRORS_MAX + 5;
	    total += 4) {
		len = 0;
		for (i = 0; i < total; i++)
			len += (size_t)snprintf(text + len, sizeof text - len,
			    "bogus%zu = 1;\n", i);
		for (i = 0; i < READER_ERRORS_MAX; i++) {
			snprintf(msgs[i], sizeof msgs[i],
			    "%zu: unknown key 'bogus%zu'", i + 1, i);
			want[i] = msgs[i];
		}
		/* "TMPFILE: and 1 more error", "... and 5 more errors". */
		snprintf(msgs[i], sizeof msgs[i], " and %zu more error%s",
		    total - READER_ERRORS_MAX,
		    total - READER_ERRORS_MAX == 1 ? "" : "s");
		want[i] = msgs[i];
		want[i + 1] = NULL;
		conf_defaults(&c);
		expect_errors(&c, text, want);
		conf_free(&c);
	}
}

/* libconfig stops at a syntax error: that one is all there is. */
static void
test_syntax_error_alone(void **state)
{
	static const char *const want[] = { "3: syntax error", NULL };
	struct conf c;

	(void)state;
	conf_defaults(&c);
	expect_errors(&c,
	    "refesh = 2;\n"					/* 1 */
	    "clusters = ( { name = \"p\"; driver = \"pacemaker\"; } );\n"
	    "readonly = ;\n", want);				/* 3 */
	conf_free(&c);
}

/* The shipped example loads with every check on, with and without
 * --local. */
static void
test_example_loads_checked(void **state)
{
	struct conf c;
	char path[4096], *err = NULL;
	const char *slash = strrchr(__FILE__, '/');
	int local;

	(void)state;
	assert_non_null(slash);
	snprintf(path, sizeof path, "%.*s/../../conf/ccon.conf.example",
	    (int)(slash - __FILE__), __FILE__);
	for (local = 0; local <= 1; local++) {
		conf_defaults(&c);
		factory_conf_checks(&c, local != 0);
		if (conf_load(&c, path, &err) != 0) {
			print_error("%s\n", err);
			fail();
		}
		assert_int_equal(c.n_clusters, 3);
		conf_free(&c);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nodes_required),
		cmocka_unit_test(test_keys_for_drivers),
		cmocka_unit_test(test_keys_for_drivers_at_once),
		cmocka_unit_test(test_fail_start_names),
		cmocka_unit_test(test_fail_start_through_factory),
		cmocka_unit_test(test_every_error_at_once),
		cmocka_unit_test(test_error_cap),
		cmocka_unit_test(test_syntax_error_alone),
		cmocka_unit_test(test_example_loads_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
