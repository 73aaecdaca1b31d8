/* The fault fixtures (tests/data/pacemaker/crm_mon/stack-down*,
 * isolated-*, captured on the live lab by gen-faults.sh) hold the cases
 * they are named for, as the parser reads them: a node whose stack is
 * down answers "Not connected" (exit 102) to every tool; a node in a
 * partition without quorum answers, with a view of its own (quorum false,
 * the others down, nothing running); the quorate partition at the same
 * moment sees that node down and its resources elsewhere. Node-choice
 * tests build on these, so they must not drift. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/drivers/pacemaker/pcmk_xml.h"
#include "testdata.h"

/* The file's bytes (NUL-terminated), or NULL if there is no such file. */
static char *
fixture(const char *name, size_t *len)
{
	char rel[512];

	snprintf(rel, sizeof(rel), "pacemaker/crm_mon/%s", name);
	return testdata_try(rel, len);
}

static char *
must(const char *name, size_t *len)
{
	char *b = fixture(name, len);

	if (b == NULL)
		fail_msg("no fixture %s (tests/data/pacemaker/gen-faults.sh)",
			 name);
	return b;
}

/* The exit status that NAME.exitcode records. */
static int
exit_code(const char *name)
{
	char file[256], *b;
	int rc;

	snprintf(file, sizeof(file), "%s.exitcode", name);
	b = must(file, NULL);
	rc = atoi(b);
	free(b);
	return rc;
}

static struct snapshot *
parse(const char *name, const char *source)
{
	struct snapshot *s = NULL;
	char *xml, *err = NULL;
	size_t len;

	xml = must(name, &len);
	if (pcmk_parse(xml, len, NULL, 0, "lab", source, &s, &err) != 0)
		fail_msg("%s: %s", name, err);
	free(xml);
	return s;
}

static enum node_state
node_state(const struct snapshot *s, const char *name)
{
	long i = snapshot_find_node(s, name);

	assert_true(i >= 0);
	return s->nodes[i].state;
}

/* Where the group's members run: all on one node, which is returned. */
static const char *
group_node(const struct snapshot *s, const char *id)
{
	long g = snapshot_find_group(s, id);
	const char *on = NULL;
	size_t i;

	assert_true(g >= 0);
	assert_int_equal(s->groups[g].state, GROUP_ONLINE);
	for (i = 0; i < s->groups[g].n_members; i++) {
		const struct model_resource *r =
		    &s->resources[s->groups[g].members[i]];

		assert_int_equal(r->n_nodes, 1);
		if (on == NULL)
			on = r->nodes[0];
		assert_string_equal(r->nodes[0], on);
	}
	return on;
}

/* node1's stack killed: every tool there says Not connected, 102. */
static void
stack_down(void **state)
{
	struct snapshot *s = NULL;
	char *xml, *err = NULL, *text;
	size_t len;

	(void)state;
	assert_int_equal(exit_code("stack-down"), 102);
	xml = must("stack-down.xml", &len);
	assert_int_equal(pcmk_parse(xml, len, NULL, 0, "lab", "node1", &s,
				    &err), -1);
	assert_null(s);
	assert_non_null(strstr(err, "Not connected (code 102)"));
	free(err);
	free(xml);
	/* The cibadmin queries and a request: nothing on stdout. */
	assert_int_equal(exit_code("stack-down-version"), 102);
	assert_int_equal(exit_code("stack-down-config"), 102);
	assert_int_equal(exit_code("stack-down-request"), 102);
	assert_null(fixture("stack-down-version.xml", NULL));
	text = must("stack-down-version.stderr", NULL);
	assert_non_null(strstr(text, "Transport endpoint is not connected"));
	free(text);
	text = must("stack-down-request.stderr", NULL);
	assert_non_null(strstr(text, "Not connected"));
	free(text);
}

/* node2 meanwhile: node1 down, web moved, quorum. */
static void
stack_down_survivor(void **state)
{
	struct snapshot *s = parse("stack-down-survivor.xml", "node2");

	(void)state;
	assert_int_equal(exit_code("stack-down-survivor"), 0);
	assert_true(s->quorum);
	assert_int_equal(node_state(s, "node1"), NODE_DOWN);
	assert_int_equal(node_state(s, "node2"), NODE_UP);
	assert_int_equal(node_state(s, "node3"), NODE_UP);
	assert_string_not_equal(group_node(s, "web"), "node1");
	assert_string_not_equal(s->dc, "node1");
	snapshot_unref(s);
}

/* node1 isolated: it answers, alone, without quorum, running nothing. */
static void
isolated_minority(void **state)
{
	struct snapshot *s = parse("isolated-minority.xml", "node1");
	char *cib;
	size_t i;

	(void)state;
	assert_int_equal(exit_code("isolated-minority"), 0);
	assert_false(s->quorum);
	assert_string_equal(s->dc, "node1");
	assert_int_equal(node_state(s, "node1"), NODE_UP);
	assert_int_equal(node_state(s, "node2"), NODE_DOWN);
	assert_int_equal(node_state(s, "node3"), NODE_DOWN);
	for (i = 0; i < s->n_resources; i++)
		assert_int_equal(s->resources[i].n_nodes, 0);
	snapshot_unref(s);
	/* The version query says so too, and cheaply. */
	assert_int_equal(exit_code("isolated-minority-version"), 0);
	cib = must("isolated-minority-version.xml", NULL);
	assert_non_null(strstr(cib, " have-quorum=\"0\""));
	free(cib);
	/* A request there is taken (into that partition's CIB alone). */
	assert_int_equal(exit_code("isolated-minority-request"), 0);
}

/* node2 at that moment: the quorate partition's view. */
static void
isolated_quorate(void **state)
{
	struct snapshot *s = parse("isolated-quorate.xml", "node2");
	char *cib;

	(void)state;
	assert_int_equal(exit_code("isolated-quorate"), 0);
	assert_true(s->quorum);
	assert_int_equal(node_state(s, "node1"), NODE_DOWN);
	assert_int_equal(node_state(s, "node2"), NODE_UP);
	assert_int_equal(node_state(s, "node3"), NODE_UP);
	assert_string_not_equal(group_node(s, "web"), "node1");
	assert_string_not_equal(group_node(s, "db"), "node1");
	snapshot_unref(s);
	cib = must("isolated-quorate-version.xml", NULL);
	assert_non_null(strstr(cib, " have-quorum=\"1\""));
	free(cib);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stack_down),
		cmocka_unit_test(stack_down_survivor),
		cmocka_unit_test(isolated_minority),
		cmocka_unit_test(isolated_quorate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
