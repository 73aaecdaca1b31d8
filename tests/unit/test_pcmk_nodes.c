/* Which node the Pacemaker driver reads the cluster through, over a
 * stand-in transport of three nodes whose tools answer as the test says:
 * a node whose stack is down (its tools exit 102, "not connected") is
 * left for the next within the same refresh; a node without quorum is
 * left for one of the quorate partition; when no node has quorum, the
 * best minority view is shown, marked. The transport follows the one
 * node-choice rule (backend/link/nodechoice.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/drivers/pacemaker/pacemaker.h"
#include "backend/link/nodechoice.h"
#include "backend/util/xalloc.h"
#include "testdata.h"

#define N 3

struct fake_node {
	const char *name;
	bool stack_down;
	bool no_quorum;
	unsigned runs;
};

struct fake {
	struct transport base;
	struct fake_node nodes[N];
	struct node_choice choice[N];
	long current;
	uint64_t now;
	char *xml_quorum, *xml_minority;
};

static char *
slurp(const char *name)
{
	char rel[512];

	snprintf(rel, sizeof(rel), "pacemaker/crm_mon/%s", name);
	return testdata_read(rel, NULL);
}

/* The same state as seen from a partition without quorum. */
static char *
without_quorum(const char *xml)
{
	const char *at = strstr(xml, "with_quorum=\"true\"");
	char *out;

	assert_non_null(at);
	out = xasprintf("%.*swith_quorum=\"false\"%s", (int)(at - xml), xml,
			at + strlen("with_quorum=\"true\""));
	return out;
}

static int
fake_run(struct transport *t, const char *const *argv, size_t argc,
	 unsigned timeout_ms, struct transport_result *res, char **err)
{
	struct fake *f = (struct fake *)t;
	struct fake_node *n;
	const char *out = "";
	int status = 0;

	(void)argc;
	(void)timeout_ms;
	(void)err;
	if (f->current < 0 || nodechoice_pick(f->choice, N, f->current,
					      f->now) != f->current)
		f->current = nodechoice_pick(f->choice, N, -1, f->now);
	assert_true(f->current >= 0);
	n = &f->nodes[f->current];
	n->runs++;
	memset(res, 0, sizeof(*res));
	if (n->stack_down) {
		status = 102;
		out = strcmp(argv[0], "crm_mon") == 0
		      ? "<pacemaker-result api-version=\"2.25\" request=\"crm_mon\">"
			"<status code=\"102\" message=\"Not connected\"/>"
			"</pacemaker-result>"
		      : "";
		res->err = xstrdup("Could not connect to the CIB: Transport "
				   "endpoint is not connected\n");
	} else if (strcmp(argv[0], "crm_mon") == 0) {
		out = n->no_quorum ? f->xml_minority : f->xml_quorum;
	} else if (argc > 3 && strcmp(argv[3], "/cib") == 0) {
		out = "<cib admin_epoch=\"0\" epoch=\"10\" num_updates=\"4\"/>";
	} else {
		status = 105;       /* the configuration query: nothing */
	}
	res->exit_status = status;
	res->out = xstrdup(out);
	res->out_len = strlen(out);
	if (res->err == NULL)
		res->err = xstrdup("");
	res->err_len = strlen(res->err);
	return 0;
}

static const char *
fake_current(struct transport *t)
{
	struct fake *f = (struct fake *)t;

	return f->current >= 0 ? f->nodes[f->current].name : NULL;
}

static size_t
fake_status(struct transport *t, struct link_status *out, size_t max)
{
	(void)t;
	(void)out;
	(void)max;
	return 0;
}

static void
fake_keepalive(struct transport *t)
{
	(void)t;
}

static bool
fake_judge(struct transport *t, enum node_verdict v, const char *why)
{
	struct fake *f = (struct fake *)t;
	struct node_choice *c = &f->choice[f->current];
	long next;

	(void)why;
	c->verdict = v;
	c->retry_ms = v == VERDICT_GOOD ? 0 : f->now + 10000;
	next = nodechoice_pick(f->choice, N, f->current, f->now);
	return next >= 0 && next != f->current;
}

static void
fake_destroy(struct transport *t)
{
	struct fake *f = (struct fake *)t;

	free(f->xml_quorum);
	free(f->xml_minority);
	free(f);
}

static const struct transport_ops fake_ops = {
	.name = "fake",
	.run = fake_run,
	.current_node = fake_current,
	.status = fake_status,
	.keepalive = fake_keepalive,
	.judge = fake_judge,
	.destroy = fake_destroy,
};

static struct driver *
driver(struct fake **out)
{
	struct fake *f = xcalloc(1, sizeof(*f));
	struct pacemaker_params p = { .cluster = "lab", .command_timeout_ms = 1000 };
	static const char *const names[N] = { "node1", "node2", "node3" };
	size_t i;

	f->base.ops = &fake_ops;
	f->current = -1;
	f->now = 100000;
	for (i = 0; i < N; i++)
		f->nodes[i].name = names[i];
	f->xml_quorum = slurp("basic-3node.xml");
	f->xml_minority = without_quorum(f->xml_quorum);
	p.transport = &f->base;
	*out = f;
	return pacemaker_driver_new(&p);
}

static struct snapshot *
fetch(struct driver *d, uint64_t now, int want_rc, char **err)
{
	struct snapshot *s = NULL;

	assert_int_equal(d->ops->fetch(d, now, &s, err), want_rc);
	return s;
}

static void
stack_down_reads_the_next_node(void **state)
{
	struct fake *f;
	struct driver *d = driver(&f);
	struct snapshot *s;
	char *err = NULL;

	(void)state;
	f->nodes[0].stack_down = true;
	s = fetch(d, 1000, 0, &err);
	assert_non_null(s);
	assert_string_equal(s->source, "node2");
	assert_false(s->minority);
	assert_int_equal(f->choice[0].verdict, VERDICT_NO_STACK);
	assert_int_equal(f->choice[1].verdict, VERDICT_GOOD);
	snapshot_unref(s);
	/* Every node down: an error that says so. */
	f->nodes[1].stack_down = f->nodes[2].stack_down = true;
	f->choice[0].retry_ms = f->choice[1].retry_ms = 0;
	f->now += 20000;
	s = fetch(d, 40000, -1, &err);
	assert_null(s);
	assert_non_null(strstr(err, "no node of lab can serve"));
	free(err);
	d->ops->destroy(d);
}

static void
quorate_view_preferred(void **state)
{
	struct fake *f;
	struct driver *d = driver(&f);
	struct snapshot *s;
	char *err = NULL;

	(void)state;
	f->nodes[0].no_quorum = true;
	s = fetch(d, 1000, 0, &err);
	assert_string_equal(s->source, "node2");
	assert_true(s->quorum);
	assert_false(s->minority);
	assert_int_equal(f->choice[0].verdict, VERDICT_NO_QUORUM);
	snapshot_unref(s);
	d->ops->destroy(d);
}

static void
minority_view_marked(void **state)
{
	struct fake *f;
	struct driver *d = driver(&f);
	struct snapshot *s;
	char *err = NULL;

	(void)state;
	f->nodes[0].no_quorum = f->nodes[1].no_quorum = true;
	f->nodes[2].stack_down = true;
	s = fetch(d, 1000, 0, &err);
	assert_non_null(s);
	assert_false(s->quorum);
	assert_true(s->minority);
	snapshot_unref(s);
	/* Each node was asked once, no more, in one refresh. */
	assert_true(f->nodes[0].runs > 0 && f->nodes[1].runs > 0);
	d->ops->destroy(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stack_down_reads_the_next_node),
		cmocka_unit_test(quorate_view_preferred),
		cmocka_unit_test(minority_view_marked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
