/* The detail pane's content: what the snapshot says (detail_from_snapshot),
 * secrets hidden by a parameter's name, the cluster's ask and take on
 * the worker, and the simulator's part (operations, constraints). */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

#include "backend/core/detail.h"
#include "fixture.h"
#include "views/detail.h"
#include "views/view.h"

/* The value of the first line labelled label after the heading section
 * (NULL: anywhere), or NULL. */
static const char *
value_of(const struct detail *d, const char *section, const char *label)
{
	bool in = section == NULL;
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (d->lines[i].kind == DETAIL_HEADING) {
			in = section == NULL ||
			    strcmp(d->lines[i].label, section) == 0;
			continue;
		}
		if (in && strcmp(d->lines[i].label, label) == 0)
			return d->lines[i].value;
	}
	return NULL;
}

static const struct detail_line *
line_of(const struct detail *d, const char *label)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->lines[i].kind == DETAIL_LINE &&
		    strcmp(d->lines[i].label, label) == 0)
			return &d->lines[i];
	return NULL;
}

/* Whether any line's value holds needle. */
static bool
has_text(const struct detail *d, const char *needle)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strstr(d->lines[i].value, needle) != NULL ||
		    strstr(d->lines[i].label, needle) != NULL)
			return true;
	return false;
}

static bool
has_heading(const struct detail *d, const char *title)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->lines[i].kind == DETAIL_HEADING &&
		    strcmp(d->lines[i].label, title) == 0)
			return true;
	return false;
}

static void
ask_init(struct detail_ask *q, enum target_kind k, const char *id,
	 unsigned instance)
{
	memset(q, 0, sizeof(*q));
	q->kind = k;
	snprintf(q->id, sizeof(q->id), "%s", id);
	q->instance = instance;
}

static void
secrets_by_name(void **state)
{
	struct detail d = { 0 };

	(void)state;
	assert_true(detail_is_secret("password"));
	assert_true(detail_is_secret("replication_PASSWD"));
	assert_true(detail_is_secret("api_token"));
	assert_true(detail_is_secret("ssh_key"));
	assert_true(detail_is_secret("apikey"));
	assert_true(detail_is_secret("client_secret"));
	assert_true(detail_is_secret("credentials"));
	assert_false(detail_is_secret("ip"));
	assert_false(detail_is_secret("keytab"));
	assert_false(detail_is_secret("cidr_netmask"));
	assert_false(detail_is_secret(NULL));

	detail_section(&d, "parameters");
	detail_param(&d, "ip", "192.0.2.1");
	detail_param(&d, "password", "hunter2");
	detail_param(&d, "ip2", "lrm://");
	detail_param(&d, "pass_from_cibsecret", "lrm://");
	detail_param(&d, "empty", NULL);
	assert_int_equal(d.n, 6);
	assert_int_equal(d.lines[0].kind, DETAIL_HEADING);
	assert_string_equal(value_of(&d, "parameters", "ip"), "192.0.2.1");
	assert_string_equal(value_of(&d, NULL, "password"), "***");
	assert_false(has_text(&d, "hunter2"));
	assert_string_equal(value_of(&d, NULL, "ip2"), "(in cibsecret)");
	assert_string_equal(value_of(&d, NULL, "pass_from_cibsecret"),
			    "(in cibsecret)");
	assert_string_equal(value_of(&d, NULL, "empty"), "");
	detail_free(&d);
	assert_int_equal(d.n, 0);
	assert_null(d.lines);
}

static void
words(void **state)
{
	char buf[64];
	struct detail a = { 0 }, b = { 0 };

	(void)state;
	assert_string_equal(detail_time(0, buf, sizeof(buf)),
			    "1970-01-01 00:00:00 UTC");
	assert_string_equal(detail_time(1700000000, buf, sizeof(buf)),
			    "2023-11-14 22:13:20 UTC");
	detail_add(&a, DETAIL_BAD, "x", "%d", 42);
	detail_section(&b, "s");
	detail_append(&b, &a);
	detail_append(&b, &a);
	assert_int_equal(b.n, 3);
	assert_string_equal(b.lines[2].value, "42");
	assert_int_equal(b.lines[2].tone, DETAIL_BAD);
	detail_free(&a);
	detail_free(&b);
}

/* A small cluster: a group of two (the second failed on bravo with an
 * infinite fail count), a stopped lone resource, a clone, nodes. */
static struct snapshot *
small_snapshot(void)
{
	struct snapshot *s = snapshot_new("t", "test", "alpha");
	size_t r;
	char *err = NULL;

	snapshot_add_node(s, "alpha", NODE_UP, NODE_F_DC);
	snapshot_add_node(s, "bravo", NODE_UP, NODE_F_STANDBY |
			  NODE_F_UNCLEAN);
	snapshot_add_group(s, "grp", GROUP_KIND_GROUP, 0);
	snapshot_add_group(s, "cl", GROUP_KIND_CLONE, 0);
	r = snapshot_add_resource(s, "a1", "grp", "ocf:heartbeat:IPaddr2",
				  RES_ONLINE, RES_F_PINNED);
	snapshot_resource_add_node(s, r, "alpha");
	snapshot_resource_set_role(s, r, "Started");
	r = snapshot_add_resource(s, "a2", "grp", "ocf:heartbeat:Dummy",
				  RES_FAILED, RES_F_BLOCKED);
	snapshot_resource_add_node(s, r, "bravo");
	snapshot_resource_set_failure(s, r, 1000000,
				      "start on bravo: not installed (5)",
				      1700000000);
	snapshot_add_resource(s, "lone", NULL, "systemd:x", RES_OFFLINE,
			      RES_F_DISABLED | RES_F_OWN_STOPPED);
	r = snapshot_add_resource(s, "c", "cl", "ocf:pacemaker:ping",
				  RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "alpha");
	r = snapshot_add_resource(s, "c", "cl", "ocf:pacemaker:ping",
				  RES_ONLINE, 0);
	snapshot_resource_add_node(s, r, "bravo");
	assert_int_equal(snapshot_finish(s, &err), 0);
	return s;
}

static void
from_snapshot_resource(void **state)
{
	struct snapshot *s = small_snapshot();
	struct detail d = { 0 };
	struct detail_ask q;
	struct transition t = { .id = 1, .action = ACT_CLEANUP,
				.target_kind = TARGET_RESOURCE,
				.target = "a2", .status = TR_FAILED,
				.reason = "timed out" };
	char *err = NULL;

	(void)state;
	snapshot_set_transitions(s, &t, 1);
	ask_init(&q, TARGET_RESOURCE, "a2", 0);
	assert_int_equal(detail_from_snapshot(s, &q, &d, &err), 0);
	assert_true(has_heading(&d, "resource"));
	assert_string_equal(value_of(&d, "resource", "state"), "FAILED");
	assert_int_equal(line_of(&d, "state")->tone, DETAIL_BAD);
	assert_string_equal(value_of(&d, NULL, "meant to be"),
			    "running (it is not)");
	assert_string_equal(value_of(&d, NULL, "runs on"), "bravo");
	assert_string_equal(value_of(&d, NULL, "flags"), "blocked");
	assert_int_equal(line_of(&d, "flags")->tone, DETAIL_BAD);
	assert_string_equal(value_of(&d, NULL, "member of"), "group grp");
	assert_string_equal(value_of(&d, NULL, "agent"),
			    "ocf:heartbeat:Dummy");
	assert_string_equal(value_of(&d, "failures", "fail count"),
			    "INFINITY");
	assert_string_equal(value_of(&d, "failures", "last failure"),
			    "start on bravo: not installed (5)");
	assert_string_equal(value_of(&d, "failures", "failed at"),
			    "2023-11-14 22:13:20 UTC");
	assert_non_null(value_of(&d, NULL, "request"));
	assert_non_null(strstr(value_of(&d, NULL, "request"), "failed"));
	assert_non_null(strstr(value_of(&d, NULL, "request"), "timed out"));
	detail_free(&d);

	/* Stopped on purpose: meant to be stopped, and it is. */
	ask_init(&q, TARGET_RESOURCE, "lone", 0);
	assert_int_equal(detail_from_snapshot(s, &q, &d, &err), 0);
	assert_string_equal(value_of(&d, NULL, "meant to be"), "stopped");
	assert_string_equal(value_of(&d, NULL, "runs on"), "nowhere");
	assert_string_equal(value_of(&d, NULL, "flags"), "disabled");
	assert_string_equal(value_of(&d, NULL, "fail count"), "0");
	assert_string_equal(value_of(&d, NULL, "last failure"), "none");
	assert_null(value_of(&d, NULL, "member of"));
	assert_null(value_of(&d, NULL, "request"));
	detail_free(&d);

	/* The second instance of a clone. */
	ask_init(&q, TARGET_RESOURCE, "c", 1);
	assert_int_equal(detail_from_snapshot(s, &q, &d, &err), 0);
	assert_string_equal(value_of(&d, NULL, "runs on"), "bravo");
	assert_string_equal(value_of(&d, NULL, "member of"), "clone cl");
	assert_string_equal(value_of(&d, NULL, "flags"), "none");
	detail_free(&d);

	/* Gone: an error that says so, nothing added. */
	ask_init(&q, TARGET_RESOURCE, "c", 2);
	assert_int_equal(detail_from_snapshot(s, &q, &d, &err), -1);
	assert_non_null(strstr(err, "no longer"));
	assert_int_equal(d.n, 0);
	free(err);
	snapshot_unref(s);
}

static void
from_snapshot_group_and_node(void **state)
{
	struct snapshot *s = small_snapshot();
	struct detail d = { 0 };
	struct detail_ask q;
	char *err = NULL;
	size_t i;
	long a1 = -1, a2 = -1;

	(void)state;
	ask_init(&q, TARGET_GROUP, "grp", 0);
	assert_int_equal(detail_from_snapshot(s, &q, &d, &err), 0);
	assert_string_equal(value_of(&d, NULL, "kind"), "group");
	assert_string_equal(value_of(&d, NULL, "state"), "FAILED");
	assert_string_equal(value_of(&d, NULL, "runs on"), "alpha, bravo");
	assert_string_equal(value_of(&d, "members, in order", "a1"),
			    "ONLINE on alpha");
	assert_string_equal(value_of(&d, "members, in order", "a2"),
			    "FAILED on bravo");
	for (i = 0; i < d.n; i++) {
		if (strcmp(d.lines[i].label, "a1") == 0)
			a1 = (long)i;
		if (strcmp(d.lines[i].label, "a2") == 0)
			a2 = (long)i;
	}
	assert_true(a1 >= 0 && a1 < a2);
	detail_free(&d);

	ask_init(&q, TARGET_GROUP, "cl", 0);
	assert_int_equal(detail_from_snapshot(s, &q, &d, &err), 0);
	assert_string_equal(value_of(&d, NULL, "kind"), "clone");
	assert_true(has_heading(&d, "instances"));
	assert_string_equal(value_of(&d, NULL, "runs on"), "alpha, bravo");
	detail_free(&d);

	ask_init(&q, TARGET_NODE, "bravo", 0);
	assert_int_equal(detail_from_snapshot(s, &q, &d, &err), 0);
	assert_string_equal(value_of(&d, "node", "state"), "UP");
	assert_string_equal(value_of(&d, NULL, "flags"),
			    "standby, unclean");
	assert_int_equal(line_of(&d, "flags")->tone, DETAIL_BAD);
	assert_string_equal(value_of(&d, "runs here", "a2"), "FAILED in grp");
	assert_string_equal(value_of(&d, "runs here", "c"), "ONLINE in cl");
	assert_null(value_of(&d, "runs here", "a1"));
	detail_free(&d);

	ask_init(&q, TARGET_NODE, "alpha", 0);
	assert_int_equal(detail_from_snapshot(s, &q, &d, &err), 0);
	assert_string_equal(value_of(&d, NULL, "flags"), "dc");
	detail_free(&d);

	ask_init(&q, TARGET_NODE, "zulu", 0);
	assert_int_equal(detail_from_snapshot(s, &q, &d, &err), -1);
	free(err);
	snapshot_unref(s);
}

/* Asks and takes with no worker: answered at once. */
static void
take_now(struct fixture *f, enum target_kind k, const char *id,
	 unsigned instance, struct detail *d)
{
	struct detail_ask q;
	char *err = NULL;
	uint64_t t;

	ask_init(&q, k, id, instance);
	t = cluster_detail_ask(f->c, &q, &err);
	assert_null(err);
	assert_true(t != 0);
	assert_int_equal(cluster_detail_take(f->c, t, d, &err), 1);
	assert_null(err);
	/* Once. */
	{
		struct detail again;

		assert_int_equal(cluster_detail_take(f->c, t, &again, &err),
				 0);
		assert_int_equal(again.n, 0);
	}
}

static void
sim_detail_resource(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct detail d;

	(void)state;
	take_now(f, TARGET_RESOURCE, "db-pgsql", 0, &d);
	assert_true(has_heading(&d, "operations, newest first"));
	assert_non_null(value_of(&d, "operations, newest first", "start"));
	assert_non_null(strstr(value_of(&d, NULL, "start"), "rc=0 (ok)"));
	assert_string_equal(value_of(&d, "parameters", "password"),
			    "***");
	assert_false(has_text(&d, "s3cret"));
	assert_string_equal(value_of(&d, NULL, "pgdba"), "postgres");
	assert_string_equal(value_of(&d, "constraints", "order"),
			    "starts after db-fs (group db)");
	detail_free(&d);

	/* A move pins the group: its constraint and the key that clears it. */
	assert_int_equal(fixture_request(f, ACT_MOVE, TARGET_GROUP, "web",
					 "charlie"), CCON_IO_PENDING);
	take_now(f, TARGET_RESOURCE, "web-ip", 0, &d);
	assert_non_null(value_of(&d, "constraints", "move"));
	assert_non_null(strstr(value_of(&d, NULL, "move"),
			       "cli-prefer-web"));
	assert_non_null(strstr(value_of(&d, NULL, "move"), "charlie"));
	assert_non_null(strstr(value_of(&d, NULL, "move"), "`u` clears"));
	detail_free(&d);
	/* A group stops in reverse order: its last member's stop is under
	 * way. */
	take_now(f, TARGET_RESOURCE, "web-server", 0, &d);
	assert_non_null(strstr(value_of(&d, NULL, "stop"), "under way"));
	detail_free(&d);
	take_now(f, TARGET_GROUP, "web", 0, &d);
	assert_non_null(value_of(&d, "constraints", "move"));
	detail_free(&d);

	/* The node: its attributes. */
	take_now(f, TARGET_NODE, "bravo", 0, &d);
	assert_string_equal(value_of(&d, "attributes", "standby"), "off");
	detail_free(&d);
	fixture_free(f);
}

/* A start that fails shows as a start with rc 1 above the stop before
 * it, and a monitor that finds it gone as rc 7. */
static void
sim_detail_failures(void **state)
{
	struct fixture *f = fixture_new(false, NULL, "license-srv");
	struct detail d;
	const struct detail_line *l;
	int i;

	(void)state;
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_IO_PENDING);
	for (i = 0; i < 20; i++)
		fixture_advance(f, 1000);
	take_now(f, TARGET_RESOURCE, "license-srv", 0, &d);
	l = line_of(&d, "start");
	assert_non_null(l);
	assert_int_equal(l->tone, DETAIL_BAD);
	assert_non_null(strstr(l->value, "rc=1 (generic error)"));
	assert_string_equal(value_of(&d, NULL, "vendor_key"), "***");
	detail_free(&d);

	fixture_fail(f, "admin-ip");
	take_now(f, TARGET_RESOURCE, "admin-ip", 0, &d);
	l = line_of(&d, "monitor");
	assert_non_null(l);
	assert_non_null(strstr(l->value, "rc=7 (not running)"));
	/* Newest first: the monitor comes before the start. */
	assert_true(l < line_of(&d, "start"));
	detail_free(&d);
	fixture_free(f);
}

/* A query, not an action: read-only mode asks it, and the simulation
 * sees no request. */
static void
readonly_asks(void **state)
{
	struct fixture *f = fixture_new(true, NULL, NULL);
	struct detail d;

	(void)state;
	take_now(f, TARGET_RESOURCE, "web-ip", 0, &d);
	assert_true(d.n > 0);
	assert_int_equal(sim_requests_seen(f->sim), 0);
	detail_free(&d);
	fixture_free(f);
}

static void
unknown_and_replaced(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct detail_ask q;
	struct detail d;
	char *err = NULL;
	uint64_t t1, t2;

	(void)state;
	ask_init(&q, TARGET_RESOURCE, "no-such", 0);
	t1 = cluster_detail_ask(f->c, &q, &err);
	assert_true(t1 != 0);
	assert_int_equal(cluster_detail_take(f->c, t1, &d, &err), 1);
	assert_non_null(err);
	assert_non_null(strstr(err, "no-such"));
	assert_int_equal(d.n, 0);
	free(err);
	err = NULL;
	/* An older ticket is not the answer to a newer ask. */
	ask_init(&q, TARGET_NODE, "alpha", 0);
	t1 = cluster_detail_ask(f->c, &q, &err);
	t2 = cluster_detail_ask(f->c, &q, &err);
	assert_true(t2 > t1);
	assert_int_equal(cluster_detail_take(f->c, t1, &d, &err), 0);
	assert_int_equal(cluster_detail_take(f->c, t2, &d, &err), 1);
	assert_null(err);
	detail_free(&d);
	fixture_free(f);
}

/* A driver without a detail op: the answer is empty. */
static int
bare_fetch(struct driver *d, uint64_t now_ms, struct snapshot **out,
	   char **err)
{
	char *e = NULL;

	(void)d;
	(void)err;
	*out = snapshot_new("bare", "bare", "n1");
	snapshot_add_node(*out, "n1", NODE_UP, 0);
	(*out)->taken_ms = now_ms;
	assert_int_equal(snapshot_finish(*out, &e), 0);
	return 0;
}

static int
bare_act(struct driver *d, const struct action *a, uint64_t now_ms,
	 char **err)
{
	(void)d;
	(void)a;
	(void)now_ms;
	*err = strdup("no");
	return -1;
}

static void
bare_destroy(struct driver *d)
{
	free(d);
}

static const struct driver_ops bare_ops = {
	.name = "bare", .caps = 0, .fetch = bare_fetch, .act = bare_act,
	.destroy = bare_destroy,
};

static void
driver_without_detail(void **state)
{
	struct cluster_params p = { .name = "bare", .driver_name = "bare" };
	struct driver *drv = calloc(1, sizeof(*drv));
	struct cluster *c;
	struct detail_ask q;
	struct detail d;
	char *err = NULL;
	uint64_t t;

	(void)state;
	drv->ops = &bare_ops;
	c = cluster_new(&p, drv, NULL);
	ask_init(&q, TARGET_NODE, "n1", 0);
	t = cluster_detail_ask(c, &q, &err);
	assert_true(t != 0);
	assert_int_equal(cluster_detail_take(c, t, &d, &err), 1);
	assert_null(err);
	assert_int_equal(d.n, 0);
	cluster_free(c);

	/* No driver at all: no ticket, and why. */
	c = cluster_new(&p, NULL, "pacemaker is not built in");
	t = cluster_detail_ask(c, &q, &err);
	assert_int_equal(t, 0);
	assert_string_equal(err, "pacemaker is not built in");
	free(err);
	cluster_free(c);
}

/* With the worker running, the answer comes on its loop and the UI is
 * woken through the pipe. */
static void
worker_answers(void **state)
{
	struct cluster_params p = { .name = "live", .driver_name = "sim",
				    .refresh_ms = 60000 };
	struct sim_options so;
	struct pollfd pfd;
	struct cluster *c;
	struct detail_ask q;
	struct detail d = { 0 };
	char *err = NULL, buf[64];
	uint64_t t;
	int fds[2], rounds, got = 0;

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	c = cluster_new(&p, sim_driver_new("live", &so, 0), NULL);
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
	assert_int_equal(fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
	assert_int_equal(cluster_start(c, fds[1], &err), 0);
	ask_init(&q, TARGET_RESOURCE, "db-pgsql", 0);
	t = cluster_detail_ask(c, &q, &err);
	assert_true(t != 0);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	for (rounds = 0; rounds < 100 && !got; rounds++) {
		got = cluster_detail_take(c, t, &d, &err);
		if (got)
			break;
		assert_true(poll(&pfd, 1, 10000) > 0);
		while (read(fds[0], buf, sizeof(buf)) > 0)
			;
	}
	assert_int_equal(got, 1);
	assert_null(err);
	assert_string_equal(value_of(&d, NULL, "password"), "***");
	detail_free(&d);
	cluster_free(c);
	close(fds[0]);
	close(fds[1]);
}

/* The pane's state without a screen: what a row asks for, the
 * snapshot part rebuilt only when the generation moves, the driver's
 * answer kept over an error, scrolling held to the lines there are. */
static void
pane_state(void **state)
{
	struct snapshot *s = small_snapshot();
	struct detail_pane p = { 0 };
	struct detail_ask q;
	struct detail drv = { 0 };
	struct row r = { .kind = ROW_RESOURCE, .index = 4, .instance = 1 };

	(void)state;
	assert_true(detail_pane_ask_for(s, &r, &q));
	assert_int_equal(q.kind, TARGET_RESOURCE);
	assert_string_equal(q.id, "c");
	assert_int_equal(q.instance, 1);
	r = (struct row){ .kind = ROW_GROUP, .index = 1 };
	assert_true(detail_pane_ask_for(s, &r, &q));
	assert_string_equal(q.id, "cl");
	r = (struct row){ .kind = ROW_HEADING };
	assert_false(detail_pane_ask_for(s, &r, &q));
	r = (struct row){ .kind = ROW_NODE, .index = 9 };
	assert_false(detail_pane_ask_for(s, &r, &q));
	assert_false(detail_pane_ask_for(s, NULL, &q));

	ask_init(&q, TARGET_GROUP, "cl", 0);
	detail_pane_open(&p, &q);
	assert_true(detail_pane_sync(&p, s, 1));
	/* A clone is not called a group. */
	assert_string_equal(p.title, "clone cl");
	assert_false(detail_pane_sync(&p, s, 1));
	assert_true(detail_pane_sync(&p, s, 2));
	assert_string_equal(value_of(&p.snap_part, NULL, "kind"), "clone");

	detail_add(&drv, DETAIL_PLAIN, "x", "from the driver");
	p.loading = true;
	detail_pane_answer(&p, &drv, NULL);
	assert_false(p.loading);
	assert_true(p.have_drv);
	assert_int_equal(drv.n, 0);
	assert_string_equal(value_of(&p.drv_part, NULL, "x"),
			    "from the driver");
	/* An error keeps what the driver said before. */
	detail_pane_answer(&p, &drv, "ssh: connection refused");
	assert_string_equal(p.drv_error, "ssh: connection refused");
	assert_non_null(value_of(&p.drv_part, NULL, "x"));

	/* Scrolling stops at the ends: 30 lines, 10 on screen. */
	p.total = 30;
	p.page = 10;
	assert_int_equal(detail_pane_key(&p, KEY_UP), VIEW_HANDLED |
			 VIEW_REDRAW);
	assert_int_equal(p.top, 0);
	detail_pane_key(&p, KEY_NPAGE);
	assert_int_equal(p.top, 9);
	detail_pane_key(&p, KEY_NPAGE);
	detail_pane_key(&p, KEY_NPAGE);
	assert_int_equal(p.top, 20);
	detail_pane_key(&p, KEY_DOWN);
	assert_int_equal(p.top, 20);
	detail_pane_key(&p, KEY_HOME);
	assert_int_equal(p.top, 0);
	detail_pane_key(&p, KEY_END);
	assert_int_equal(p.top, 20);
	detail_pane_key(&p, KEY_PPAGE);
	assert_int_equal(p.top, 11);
	assert_int_equal(detail_pane_key(&p, 'x'), 0);
	assert_true(detail_pane_key(&p, 27) & VIEW_CLOSE);
	assert_true(detail_pane_key(&p, 'q') & VIEW_CLOSE);

	/* The object leaves the cluster: the pane says so. */
	ask_init(&q, TARGET_NODE, "zulu", 0);
	detail_pane_open(&p, &q);
	assert_int_equal(p.drv_part.n, 0);
	assert_true(detail_pane_sync(&p, s, 3));
	assert_true(p.gone);
	assert_false(detail_pane_sync(&p, s, 3));
	assert_non_null(strstr(p.snap_part.lines[0].value, "no longer"));
	detail_pane_free(&p);
	snapshot_unref(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(secrets_by_name),
		cmocka_unit_test(words),
		cmocka_unit_test(from_snapshot_resource),
		cmocka_unit_test(from_snapshot_group_and_node),
		cmocka_unit_test(sim_detail_resource),
		cmocka_unit_test(sim_detail_failures),
		cmocka_unit_test(readonly_asks),
		cmocka_unit_test(unknown_and_replaced),
		cmocka_unit_test(driver_without_detail),
		cmocka_unit_test(worker_answers),
		cmocka_unit_test(pane_state),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
