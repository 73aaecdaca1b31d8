/* The wsfc driver over a stand-in transport that runs each command as
 * the fake Windows node's powershell.exe (tests/wsfc/fake-node), with
 * the line remote_shell_powershell makes of it, as an SSH link to a
 * Windows node would: fetches, actions and their pending states, a node
 * whose cluster service is down judged and the next one read, a hostile
 * name, and one request through the cluster worker to its end. Needs
 * python3 (scripts/install-deps). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "backend/core/action.h"
#include "backend/core/audit.h"
#include "backend/core/cluster.h"
#include "backend/core/status.h"
#include "backend/drivers/wsfc/wsfc.h"
#include "backend/link/pong.h"
#include "backend/link/remote_shell.h"
#include "backend/link/transport.h"
#include "backend/util/clock.h"
#include "fake_wsfc.h"

/* Long enough that a loaded machine still sees the pending states on
 * the next fetch. */
#define PENDING_MS 3000

static struct fake_node fake;

static void sleep_ms(long ms);

/* ---- the stand-in transport ------------------------------------------- */

#define NODES 2

struct judged {
	enum node_verdict v;
	char node[32];
	char why[512];
};

struct fake_link {
	struct transport base;
	size_t n_nodes, cur;
	const char *nodes[NODES];
	bool bad[NODES];
	struct judged judged[32];
	size_t n_judged;
	size_t runs;
	int force_exit;               /* non-zero: the exit status told */
	/* The stream (doorbell): the fake's process and its pipes. */
	pid_t bell_pid;
	int bell_in, bell_out, bell_err;
	size_t bell_opens;
	char bell_seen[8192];         /* what it printed, for messages */
	size_t bell_seen_len;
	/* Pings, as the SSH link sends them: one line per poll, the
	 * doorbell's answers told from its output by pong_feed. */
	struct pong_reader pong;
	unsigned long ping_seq;
	uint64_t ping_sent_ms, heard_ms;
	bool ping_out;
	size_t pongs;
};

/* The line's words as the fake powershell.exe's argv (cmd.exe would
 * split it the same way: it holds no quotes), run on the node in use. */
static int
fl_run(struct transport *t, const char *const *argv, size_t argc,
       unsigned timeout_ms, struct transport_result *res, char **err)
{
	struct fake_link *fl = (struct fake_link *)t;
	char *line = remote_shell_command(&remote_shell_powershell, argv, argc,
					  err);
	char *words[16], *save = NULL, *w, exe[4200];
	struct fake_run r;
	size_t n = 0;

	(void)timeout_ms;
	memset(res, 0, sizeof(*res));
	if (line == NULL)
		return -1;
	fl->runs++;
	for (w = strtok_r(line, " ", &save); w != NULL && n < 15;
	     w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	words[n] = NULL;
	assert_string_equal(words[0], "powershell.exe");
	snprintf(exe, sizeof(exe), "%s/powershell.exe", fake.dir);
	words[0] = exe;
	r = fake_run_argv(words, fl->nodes[fl->cur]);
	res->out = r.out;
	res->out_len = r.out_len;
	res->err = r.err;
	res->err_len = r.err_len;
	res->exit_status = r.status;
	if (fl->force_exit != 0)
		res->exit_status = fl->force_exit;
	free(line);
	return 0;
}

static const char *
fl_current(struct transport *t)
{
	struct fake_link *fl = (struct fake_link *)t;

	return fl->nodes[fl->cur];
}

static size_t
fl_status(struct transport *t, struct link_status *out, size_t max)
{
	struct fake_link *fl = (struct fake_link *)t;
	size_t i;

	for (i = 0; i < fl->n_nodes && i < max; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		snprintf(out[i].node, sizeof(out[i].node), "%s", fl->nodes[i]);
		out[i].in_use = i == fl->cur;
		out[i].verdict = fl->bad[i] ? VERDICT_NO_STACK : VERDICT_GOOD;
	}
	return i;
}

/* Records the verdict; a node that cannot serve hands over to the next
 * one not judged so, as nodechoice does. */
static bool
fl_judge(struct transport *t, enum node_verdict v, const char *why)
{
	struct fake_link *fl = (struct fake_link *)t;
	size_t i;

	/* The first ones are what the tests look at. */
	if (fl->n_judged < sizeof(fl->judged) / sizeof(fl->judged[0])) {
		struct judged *j = &fl->judged[fl->n_judged];

		j->v = v;
		snprintf(j->node, sizeof(j->node), "%s", fl->nodes[fl->cur]);
		snprintf(j->why, sizeof(j->why), "%s", why != NULL ? why : "");
	}
	fl->n_judged++;
	fl->bad[fl->cur] = v != VERDICT_GOOD;
	if (v == VERDICT_GOOD)
		return false;
	for (i = 0; i < fl->n_nodes; i++)
		if (!fl->bad[i]) {
			fl->cur = i;
			return true;
		}
	return false;
}

static void
fl_keepalive(struct transport *t)
{
	(void)t;
}

static void
fl_destroy(struct transport *t)
{
	free(t);
}

/* The stream's line run as the fake, stdin a pipe ccon writes (and
 * closes), stdout and stderr read without waiting. */
static int
fl_stream_open(struct transport *t, const char *const *argv, size_t argc,
	       unsigned answer_ms, char **err)
{
	struct fake_link *fl = (struct fake_link *)t;
	char *line = remote_shell_stream(&remote_shell_powershell, argv, argc,
					 err);
	char *words[16], *save = NULL, *w, exe[4200];
	int out[2], errp[2], in[2];
	size_t n = 0;

	(void)answer_ms;

	if (line == NULL)
		return -1;
	assert_int_equal(fl->bell_pid, 0);
	fl->bell_opens++;
	for (w = strtok_r(line, " ", &save); w != NULL && n < 15;
	     w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	words[n] = NULL;
	snprintf(exe, sizeof(exe), "%s/powershell.exe", fake.dir);
	words[0] = exe;
	assert_int_equal(pipe(out), 0);
	assert_int_equal(pipe(errp), 0);
	assert_int_equal(pipe(in), 0);
	fl->bell_pid = fork();
	assert_true(fl->bell_pid >= 0);
	if (fl->bell_pid == 0) {
		setenv("CCON_FAKE_WSFC_NODE", fl->nodes[fl->cur], 1);
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(errp[1], 2);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		close(errp[0]);
		close(errp[1]);
		execv(words[0], words);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	close(errp[1]);
	fl->bell_in = in[1];
	fl->bell_out = out[0];
	fl->bell_err = errp[0];
	memset(&fl->pong, 0, sizeof(fl->pong));
	fl->ping_out = false;
	fl->heard_ms = 0;
	assert_int_equal(fcntl(fl->bell_out, F_SETFL, O_NONBLOCK), 0);
	assert_int_equal(fcntl(fl->bell_err, F_SETFL, O_NONBLOCK), 0);
	free(line);
	return 0;
}

static long
fl_stream_poll(struct transport *t)
{
	struct fake_link *fl = (struct fake_link *)t;
	int fds[2] = { fl->bell_out, fl->bell_err };
	long total = 0;
	bool ended = false;
	char buf[4096];

	if (fl->bell_pid == 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		ssize_t n;

		while ((n = read(fds[i], buf, sizeof(buf))) > 0) {
			size_t room = sizeof(fl->bell_seen) - 1 -
				      fl->bell_seen_len;
			size_t k = (size_t)n < room ? (size_t)n : room;

			memcpy(fl->bell_seen + fl->bell_seen_len, buf, k);
			fl->bell_seen_len += k;
			fl->bell_seen[fl->bell_seen_len] = '\0';
			if (i == 0) {
				unsigned long seq = 0;
				bool answered = false;

				total += (long)pong_feed(&fl->pong, buf,
							 (size_t)n, &seq,
							 &answered);
				if (answered && fl->ping_out &&
				    seq == fl->ping_seq) {
					fl->ping_out = false;
					fl->heard_ms = fl->ping_sent_ms;
					fl->pongs++;
				}
			} else {
				total += n;
			}
		}
		if (n == 0 && i == 0)
			ended = true;
	}
	if (total == 0 && ended)
		return -1;
	if (!fl->ping_out) {
		char line[32];
		int len = snprintf(line, sizeof(line), "%lu\n",
				   ++fl->ping_seq);

		/* A doorbell that already ended: its pipe is gone. */
		if (write(fl->bell_in, line, (size_t)len) == len) {
			fl->ping_out = true;
			fl->ping_sent_ms = clock_monotonic_ms();
		}
	}
	return total;
}

static uint64_t
fl_stream_heard(struct transport *t)
{
	return ((struct fake_link *)t)->heard_ms;
}

static void
fl_stream_close(struct transport *t)
{
	struct fake_link *fl = (struct fake_link *)t;
	int st, i;

	if (fl->bell_pid == 0)
		return;
	/* The end of its stdin ends it. */
	close(fl->bell_in);
	for (i = 0; i < 100 && waitpid(fl->bell_pid, &st, WNOHANG) == 0; i++)
		sleep_ms(50);
	if (i == 100) {
		kill(fl->bell_pid, SIGKILL);
		waitpid(fl->bell_pid, &st, 0);
		fail_msg("the doorbell did not end at the end of its stdin");
	}
	close(fl->bell_out);
	close(fl->bell_err);
	fl->bell_pid = 0;
}

static void
fl_destroy_streaming(struct transport *t)
{
	fl_stream_close(t);
	free(t);
}

static const struct transport_ops fake_link_stream_ops = {
	.name = "fake-windows",
	.run = fl_run,
	.current_node = fl_current,
	.status = fl_status,
	.judge = fl_judge,
	.keepalive = fl_keepalive,
	.stream_open = fl_stream_open,
	.stream_poll = fl_stream_poll,
	.stream_heard_ms = fl_stream_heard,
	.stream_close = fl_stream_close,
	.destroy = fl_destroy_streaming,
};

static const struct transport_ops fake_link_ops = {
	.name = "fake-windows",
	.run = fl_run,
	.current_node = fl_current,
	.status = fl_status,
	.judge = fl_judge,
	.keepalive = fl_keepalive,
	.destroy = fl_destroy,
};

static struct fake_link *
fake_link_new(size_t n_nodes)
{
	struct fake_link *fl = calloc(1, sizeof(*fl));

	assert_non_null(fl);
	fl->base.ops = &fake_link_ops;
	fl->n_nodes = n_nodes;
	fl->nodes[0] = "NODE1";
	fl->nodes[1] = "NODE2";
	return fl;
}

/* ---- helpers ------------------------------------------------------------ */

/* The fault tool with up to three arguments; it must succeed. */
static void
tool(const char *a, const char *b, const char *c)
{
	char exe[4200];
	char *argv[] = { exe, (char *)a, (char *)b, (char *)c, NULL };
	int st;
	pid_t pid;

	snprintf(exe, sizeof(exe), "%s/fake-wsfc", fake.dir);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		execv(exe, argv);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		fail_msg("fake-wsfc %s failed", a);
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

struct fix {
	struct fake_link *fl;
	struct driver *d;
};

static struct driver *
driver_over(struct fake_link *fl)
{
	struct wsfc_params p = { .cluster = "lab", .transport = &fl->base,
				 .command_timeout_ms = 20000 };

	return wsfc_driver_new(&p);
}

static struct snapshot *
fetch_ok(struct driver *d)
{
	struct snapshot *s = NULL;
	char *err = NULL;
	int rc = d->ops->fetch(d, clock_monotonic_ms(), &s, &err);

	if (rc != 0)
		fail_msg("fetch: %d: %s", rc, err != NULL ? err : "(none)");
	assert_non_null(s);
	return s;
}

static enum group_state
group_state_of(struct driver *d, const char *g)
{
	struct snapshot *s = fetch_ok(d);
	long i = snapshot_find_group(s, g);
	enum group_state st;

	assert_true(i >= 0);
	st = s->groups[i].state;
	snapshot_unref(s);
	return st;
}

static enum res_state
res_state_of(struct driver *d, const char *r)
{
	struct snapshot *s = fetch_ok(d);
	long i = snapshot_find_resource(s, r);
	enum res_state st;

	if (i < 0)
		fail_msg("no resource %s", r);
	st = s->resources[i].state;
	snapshot_unref(s);
	return st;
}

/* Where the first resource of group g runs, or "" if nowhere. */
static void
group_node(struct driver *d, const char *g, char *buf, size_t sz)
{
	struct snapshot *s = fetch_ok(d);
	long i = snapshot_find_group(s, g);
	const struct model_resource *r;

	assert_true(i >= 0);
	assert_true(s->groups[i].n_members > 0);
	r = &s->resources[s->groups[i].members[0]];
	snprintf(buf, sz, "%s", r->n_nodes > 0 ? r->nodes[0] : "");
	snapshot_unref(s);
}

static void
act_ok(struct driver *d, enum action_kind k, enum target_kind tk,
       const char *target, const char *node)
{
	struct action a;
	char *err = NULL;

	assert_int_equal(action_init(&a, k, tk, target, node, &err), 0);
	if (d->ops->act(d, &a, 0, &err) != 0)
		fail_msg("%s %s: %s", action_kind_word(k), target, err);
}

/* The plan the cluster layer makes of a request against d's state. */
static enum plan_kind
plan_of(struct driver *d, enum action_kind k, enum target_kind tk,
	const char *target)
{
	struct snapshot *s = fetch_ok(d);
	struct action a;
	struct plan p;
	char *err = NULL;

	assert_int_equal(action_init(&a, k, tk, target, NULL, &err), 0);
	action_plan(s, &a, &p);
	snapshot_unref(s);
	return p.kind;
}

/* A whole text file (the fake's log, an audit log); caller frees. */
static char *
read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = calloc(1, 1 << 20);
	size_t n;

	assert_non_null(f);
	assert_non_null(buf);
	n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static char *
read_log(void)
{
	return read_text(fake.log);
}

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	tool("init", NULL, NULL);
	{
		char ms[16];

		snprintf(ms, sizeof(ms), "%d", PENDING_MS);
		tool("pending-ms", ms, NULL);
	}
	unlink(fake.log);
	f->fl = fake_link_new(1);
	f->d = driver_over(f->fl);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	f->d->ops->destroy(f->d);
	free(f);
	return 0;
}

/* ---- tests -------------------------------------------------------------- */

static void
test_fetch(void **state)
{
	struct fix *f = *state;
	struct snapshot *s = fetch_ok(f->d);
	long g, r;

	assert_string_equal(s->driver, "wsfc");
	assert_string_equal(s->cluster, "lab");
	assert_string_equal(s->source, "NODE1");
	assert_int_equal(s->n_nodes, 2);
	assert_int_equal(s->nodes[snapshot_find_node(s, "NODE2")].state,
			 NODE_UP);
	g = snapshot_find_group(s, "FS1");
	assert_true(g >= 0);
	assert_int_equal(s->groups[g].state, GROUP_ONLINE);
	assert_int_equal(s->groups[g].n_members, 4);
	assert_true(snapshot_find_group(s, "Cluster Group") >= 0);
	r = snapshot_find_resource(s, "Cluster Disk 3");
	assert_true(r >= 0);
	assert_int_equal(s->resources[r].state, RES_OFFLINE);
	r = snapshot_find_resource(s, "File Server (\\\\FS1)");
	assert_true(r >= 0);
	assert_int_equal(s->resources[r].state, RES_ONLINE);
	assert_int_equal(s->resources[r].n_nodes, 1);
	assert_string_equal(s->resources[r].nodes[0], "NODE1");
	snapshot_unref(s);
	/* One powershell.exe per fetch, and the node said it served. */
	assert_int_equal(f->fl->runs, 1);
	assert_int_equal(f->fl->n_judged, 1);
	assert_int_equal(f->fl->judged[0].v, VERDICT_GOOD);
}

/* Only what WSFC has: the others are refused before the driver. */
static void
test_caps(void **state)
{
	struct fix *f = *state;
	unsigned caps = f->d->ops->caps;
	struct plan p;
	struct action a;
	char *err = NULL;

	assert_string_equal(f->d->ops->name, "wsfc");
	assert_true(action_supported(caps, ACT_ONLINE, "wsfc", &p));
	assert_true(action_supported(caps, ACT_OFFLINE, "wsfc", &p));
	assert_true(action_supported(caps, ACT_MOVE, "wsfc", &p));
	assert_true(action_supported(caps, ACT_PAUSE, "wsfc", &p));
	assert_true(action_supported(caps, ACT_RESUME, "wsfc", &p));
	assert_false(action_supported(caps, ACT_CLEANUP, "wsfc", &p));
	assert_non_null(strstr(p.message,
			       "not supported by this cluster type"));
	assert_false(action_supported(caps, ACT_CLEAR, "wsfc", &p));
	assert_false(action_supported(caps, ACT_BAN, "wsfc", &p));
	/* A resource moves with its group: refused, nothing sent. */
	assert_int_equal(action_init(&a, ACT_MOVE, TARGET_RESOURCE,
				     "Cluster Disk 2", "NODE2", &err), 0);
	assert_int_equal(f->d->ops->act(f->d, &a, 0, &err), -1);
	assert_non_null(strstr(err, "move the group"));
	free(err);
	assert_int_equal(f->fl->runs, 0);
}

static void
test_group_offline_pending(void **state)
{
	struct fix *f = *state;

	assert_int_equal(plan_of(f->d, ACT_OFFLINE, TARGET_GROUP, "FS1"),
			 PLAN_PENDING);
	act_ok(f->d, ACT_OFFLINE, TARGET_GROUP, "FS1", NULL);
	assert_int_equal(group_state_of(f->d, "FS1"), GROUP_PENDING);
	assert_int_equal(res_state_of(f->d, "Cluster Disk 2"),
			 RES_OFFLINE_PENDING);
	sleep_ms(PENDING_MS + 300);
	assert_int_equal(group_state_of(f->d, "FS1"), GROUP_OFFLINE);
	assert_int_equal(res_state_of(f->d, "Cluster Disk 2"), RES_OFFLINE);
	/* And back online. */
	act_ok(f->d, ACT_ONLINE, TARGET_GROUP, "FS1", NULL);
	assert_int_equal(res_state_of(f->d, "FS1"), RES_ONLINE_PENDING);
	tool("settle", NULL, NULL);
	assert_int_equal(group_state_of(f->d, "FS1"), GROUP_ONLINE);
}

/* A plain Stop, and it ends Offline, not Failed. */
static void
test_failed_resource_offline(void **state)
{
	struct fix *f = *state;
	char *log;

	tool("fail-resource", "Cluster Disk 2", NULL);
	assert_int_equal(res_state_of(f->d, "Cluster Disk 2"), RES_FAILED);
	assert_int_equal(plan_of(f->d, ACT_OFFLINE, TARGET_RESOURCE,
				 "Cluster Disk 2"), PLAN_IMMEDIATE);
	act_ok(f->d, ACT_OFFLINE, TARGET_RESOURCE, "Cluster Disk 2", NULL);
	assert_int_equal(res_state_of(f->d, "Cluster Disk 2"), RES_OFFLINE);
	tool("settle", NULL, NULL);
	assert_int_equal(res_state_of(f->d, "Cluster Disk 2"), RES_OFFLINE);
	log = read_log();
	assert_non_null(strstr(log, "$o = Stop-ClusterResource -Name "
			       "'Cluster Disk 2' -Wait 0\n"));
	free(log);
}

static void
test_move(void **state)
{
	struct fix *f = *state;
	char node[64];

	group_node(f->d, "FS1", node, sizeof(node));
	assert_string_equal(node, "NODE1");
	act_ok(f->d, ACT_MOVE, TARGET_GROUP, "FS1", "NODE2");
	tool("settle", NULL, NULL);
	group_node(f->d, "FS1", node, sizeof(node));
	assert_string_equal(node, "NODE2");
	assert_int_equal(group_state_of(f->d, "FS1"), GROUP_ONLINE);
}

static void
test_drain(void **state)
{
	struct fix *f = *state;
	struct snapshot *s;
	char node[64];

	act_ok(f->d, ACT_PAUSE, TARGET_NODE, "NODE1", NULL);
	s = fetch_ok(f->d);
	assert_int_equal(s->nodes[snapshot_find_node(s, "NODE1")].state,
			 NODE_PAUSED);
	snapshot_unref(s);
	tool("settle", NULL, NULL);
	/* Drained: its role went to the other node. */
	group_node(f->d, "FS1", node, sizeof(node));
	assert_string_equal(node, "NODE2");
	act_ok(f->d, ACT_RESUME, TARGET_NODE, "NODE1", NULL);
	s = fetch_ok(f->d);
	assert_int_equal(s->nodes[snapshot_find_node(s, "NODE1")].state,
			 NODE_UP);
	snapshot_unref(s);
}

/* The one node there is cannot serve: judged, and the fetch fails
 * saying why. */
static void
test_service_down(void **state)
{
	struct fix *f = *state;
	struct snapshot *s = NULL;
	char *err = NULL;

	tool("service-down", "NODE1", NULL);
	assert_int_equal(f->d->ops->fetch(f->d, 0, &s, &err), -1);
	assert_null(s);
	assert_non_null(err);
	print_message("service down: %s\n", err);
	assert_non_null(strstr(err, "the cluster service is not running on "
			       "NODE1"));
	assert_int_equal(f->fl->n_judged, 1);
	assert_int_equal(f->fl->judged[0].v, VERDICT_NO_STACK);
	assert_string_equal(f->fl->judged[0].node, "NODE1");
	assert_string_equal(f->fl->judged[0].why,
			    "the cluster service is not running on NODE1");
	free(err);
}

/* A good capture from a script that did not exit 0 is not trusted. */
static void
test_capture_but_exit_status(void **state)
{
	struct fix *f = *state;
	struct snapshot *s = NULL;
	char *err = NULL;

	f->fl->force_exit = 3;
	assert_int_equal(f->d->ops->fetch(f->d, 0, &s, &err), -1);
	assert_null(s);
	assert_non_null(strstr(err, "printed its capture but exited 3"));
	free(err);
	assert_int_equal(f->fl->n_judged, 0);
	f->fl->force_exit = 0;
	snapshot_unref(fetch_ok(f->d));
}

/* Two nodes: the first judged, the second read in the same fetch. */
static void
test_service_down_next_node(void **state)
{
	struct fake_link *fl = fake_link_new(2);
	struct driver *d = driver_over(fl);
	struct snapshot *s;

	(void)state;
	tool("service-down", "NODE1", NULL);
	s = fetch_ok(d);
	assert_string_equal(s->source, "NODE2");
	/* Seen from NODE2, NODE1 is down. */
	assert_int_equal(s->nodes[snapshot_find_node(s, "NODE1")].state,
			 NODE_DOWN);
	snapshot_unref(s);
	assert_int_equal(fl->runs, 2);
	assert_int_equal(fl->n_judged, 2);
	assert_int_equal(fl->judged[0].v, VERDICT_NO_STACK);
	assert_string_equal(fl->judged[0].node, "NODE1");
	assert_string_equal(fl->judged[1].node, "NODE2");
	assert_int_equal(fl->judged[1].v, VERDICT_GOOD);
	d->ops->destroy(d);
}

#define HOSTILE "b'; Stop-Computer; '"

/* A name from the cluster reaches the script as one literal. */
static void
test_hostile_name(void **state)
{
	struct fix *f = *state;
	char *log;

	tool("add-resource", HOSTILE, "FS1");
	assert_int_equal(res_state_of(f->d, HOSTILE), RES_ONLINE);
	act_ok(f->d, ACT_OFFLINE, TARGET_RESOURCE, HOSTILE, NULL);
	tool("settle", NULL, NULL);
	assert_int_equal(res_state_of(f->d, HOSTILE), RES_OFFLINE);
	/* The rest of FS1 is untouched. */
	assert_int_equal(res_state_of(f->d, "Cluster Disk 2"), RES_ONLINE);
	log = read_log();
	assert_non_null(strstr(log, "$o = Stop-ClusterResource -Name "
			       "'b''; Stop-Computer; ''' -Wait 0\n"));
	free(log);
}

/* A locked group: shown locked; refused without the override, in words
 * that say it is locked and what overrides it; taken with it
 * (-IgnoreLocked, and only then). */
static void
test_locked(void **state)
{
	struct fix *f = *state;
	struct snapshot *s;
	struct action a;
	char *err = NULL, *log;

	tool("lock-group", "FS1", NULL);
	s = fetch_ok(f->d);
	assert_true(snapshot_find_group(s, "FS1") >= 0 &&
		    snapshot_find_group(s, "Cluster Group") >= 0);
	assert_true(s->groups[snapshot_find_group(s, "FS1")].flags &
		    RES_F_LOCKED);
	assert_false(s->groups[snapshot_find_group(s, "Cluster Group")].flags &
		     RES_F_LOCKED);
	snapshot_unref(s);
	assert_int_equal(group_state_of(f->d, "FS1"), GROUP_ONLINE);
	assert_int_equal(action_init(&a, ACT_OFFLINE, TARGET_GROUP, "FS1",
				     NULL, &err), 0);
	assert_int_equal(f->d->ops->act(f->d, &a, 0, &err), -1);
	assert_non_null(err);
	print_message("locked: %s\n", err);
	assert_non_null(strstr(err, "group FS1 is locked (an administrator "
			       "or a cluster operation holds it): "
			       "Stop-ClusterGroup refused it: "));
	assert_non_null(strstr(err, ". -IgnoreLocked overrides the lock: ask "
			       "again and confirm the override"));
	free(err);
	err = NULL;
	assert_int_equal(group_state_of(f->d, "FS1"), GROUP_ONLINE);
	log = read_log();
	assert_null(strstr(log, "-IgnoreLocked"));
	free(log);
	a.opts = ACTION_OPT_IGNORE_LOCKED;
	if (f->d->ops->act(f->d, &a, 0, &err) != 0)
		fail_msg("override refused: %s", err);
	log = read_log();
	assert_non_null(strstr(log, "$o = Stop-ClusterGroup -Name 'FS1' "
			       "-IgnoreLocked -Wait 0\n"));
	free(log);
	tool("settle", NULL, NULL);
	assert_int_equal(group_state_of(f->d, "FS1"), GROUP_OFFLINE);
}

/* Through the cluster layer with an audit log: the override is sent and
 * recorded by name; in read-only mode it is refused there, recorded too,
 * and nothing reaches the node. */
static void
test_locked_audited(void **state)
{
	char path[128];
	struct audit *audit;
	struct fake_link *fl = fake_link_new(1);
	struct cluster_params p = { .name = "lab", .driver_name = "wsfc",
				    .refresh_ms = 1000,
				    .transition_timeout_ms = 60000 };
	struct cluster *c;
	struct action a;
	char *msg = NULL, *log, *buf;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/ccon-wsfc-audit-%ld.log",
		 (long)getpid());
	unlink(path);
	audit = audit_open(path, &msg);
	assert_non_null(audit);
	p.audit = audit;
	tool("lock-group", "FS1", NULL);
	p.readonly = true;
	c = cluster_new(&p, driver_over(fl), NULL);
	assert_int_equal(cluster_refresh(c), 0);
	assert_int_equal(action_init(&a, ACT_OFFLINE, TARGET_GROUP, "FS1",
				     NULL, &msg), 0);
	a.opts = ACTION_OPT_IGNORE_LOCKED;
	assert_int_equal(cluster_submit(c, &a, &msg), CCON_ACCESS_DENIED);
	free(msg);
	cluster_free(c);
	log = read_log();
	assert_null(strstr(log, "Stop-ClusterGroup"));
	free(log);
	p.readonly = false;
	c = cluster_new(&p, driver_over(fake_link_new(1)), NULL);
	assert_int_equal(cluster_refresh(c), 0);
	assert_int_equal(cluster_submit(c, &a, &msg), CCON_OK);
	free(msg);
	cluster_free(c);
	audit_close(audit);
	buf = read_text(path);
	unlink(path);
	print_message("%s", buf);
	assert_non_null(strstr(buf, "\toffline\tFS1\t5 read-only mode\t"
			       "not sent with ignore-locked: read-only mode: "
			       "offline group FS1 (overriding its lock) was "
			       "not sent\n"));
	assert_non_null(strstr(buf, "\toffline\tFS1\t997 pending\tsent with "
			       "ignore-locked: offline group FS1 (overriding "
			       "its lock): pending (taking FS1 offline)"));
	free(buf);
	log = read_log();
	assert_non_null(strstr(log, "-IgnoreLocked"));
	free(log);
}

/* A move to the best node: no -Node, and the cluster puts it on the
 * other node. */
static void
test_move_best(void **state)
{
	struct fix *f = *state;
	char node[64], *log;

	group_node(f->d, "FS1", node, sizeof(node));
	assert_string_equal(node, "NODE1");
	act_ok(f->d, ACT_MOVE, TARGET_GROUP, "FS1", NULL);
	log = read_log();
	assert_non_null(strstr(log, "$o = Move-ClusterGroup -Name 'FS1' "
			       "-Wait 0\n"));
	free(log);
	tool("settle", NULL, NULL);
	group_node(f->d, "FS1", node, sizeof(node));
	assert_string_equal(node, "NODE2");
	assert_int_equal(group_state_of(f->d, "FS1"), GROUP_ONLINE);
}

/* An unknown name: the node's error, nothing judged. */
static void
test_not_found(void **state)
{
	struct fix *f = *state;
	struct action a;
	char *err = NULL;

	assert_int_equal(action_init(&a, ACT_ONLINE, TARGET_GROUP, "NOPE",
				     NULL, &err), 0);
	assert_int_equal(f->d->ops->act(f->d, &a, 0, &err), -1);
	print_message("not found: %s\n", err);
	assert_non_null(strstr(err, "Start-ClusterGroup NOPE: "));
	free(err);
	assert_int_equal(f->fl->n_judged, 0);
}

/* Through the cluster worker's synchronous core: the request is sent,
 * a transition tracks it, and later refreshes end it. */
static void
test_cluster_transition(void **state)
{
	struct fake_link *fl = fake_link_new(1);
	struct cluster_params p = { .name = "lab", .driver_name = "wsfc",
				    .refresh_ms = 1000,
				    .transition_timeout_ms = 60000 };
	struct cluster *c = cluster_new(&p, driver_over(fl), NULL);
	const struct transition *t;
	struct snapshot *s;
	struct action a;
	struct event ev[64];
	char *msg = NULL;
	size_t n;
	int i;

	(void)state;
	assert_int_equal(cluster_refresh(c), 0);
	assert_int_equal(action_init(&a, ACT_OFFLINE, TARGET_GROUP, "FS1",
				     NULL, &msg), 0);
	assert_int_equal(cluster_submit(c, &a, &msg), CCON_OK);
	free(msg);
	s = cluster_snapshot(c);
	t = snapshot_transition_for(s, TARGET_GROUP, "FS1");
	assert_non_null(t);
	assert_int_equal(t->status, TR_PENDING);
	snapshot_unref(s);
	/* A done transition is dropped from the overlay, with an event. */
	for (i = 0; i < 40 && t != NULL; i++) {
		sleep_ms(200);
		assert_int_equal(cluster_refresh(c), 0);
		s = cluster_snapshot(c);
		t = snapshot_transition_for(s, TARGET_GROUP, "FS1");
		if (t != NULL)
			assert_int_equal(t->status, TR_PENDING);
		if (t == NULL)
			assert_int_equal(
			    s->groups[snapshot_find_group(s, "FS1")].state,
			    GROUP_OFFLINE);
		snapshot_unref(s);
	}
	assert_null(t);
	n = cluster_drain_events(c, ev, sizeof(ev) / sizeof(ev[0]));
	for (i = 0; i < (int)n && ev[i].kind != EV_TRANSITION_DONE; i++)
		;
	if (i == (int)n)
		fail_msg("no transition-done event among %zu", n);
	assert_non_null(strstr(ev[i].text, "FS1"));
	cluster_free(c);
}

/* Whether an undelivered event of c holds needle; drains them. */
static bool
event_said(struct cluster *c, const char *needle)
{
	struct event ev[64];
	bool said = false;
	size_t n, i;

	while ((n = cluster_drain_events(c, ev, 64)) > 0)
		for (i = 0; i < n; i++)
			said |= strstr(ev[i].text, needle) != NULL;
	return said;
}

/* Pauses node through a cluster over the fake: the request is watched
 * while the node drains (the drain in the model), and after the fake
 * settles, later refreshes end it. Returns the cluster, its transition
 * ended (dropped when done, kept when failed). */
static struct cluster *
pause_settled(const char *node)
{
	struct cluster_params p = { .name = "lab", .driver_name = "wsfc",
				    .refresh_ms = 1000,
				    .transition_timeout_ms = 60000 };
	struct cluster *c = cluster_new(&p, driver_over(fake_link_new(1)),
					NULL);
	const struct transition *t;
	struct snapshot *s;
	struct action a;
	char *msg = NULL;
	int i;

	assert_int_equal(cluster_refresh(c), 0);
	assert_int_equal(action_init(&a, ACT_PAUSE, TARGET_NODE, node, NULL,
				     &msg), 0);
	assert_int_equal(cluster_submit(c, &a, &msg), CCON_OK);
	free(msg);
	s = cluster_snapshot(c);
	assert_int_equal(s->nodes[snapshot_find_node(s, node)].state,
			 NODE_PAUSED);
	assert_int_equal(s->nodes[snapshot_find_node(s, node)].drain,
			 NODE_DRAIN_IN_PROGRESS);
	t = snapshot_transition_for(s, TARGET_NODE, node);
	assert_non_null(t);
	assert_int_equal(t->status, TR_PENDING);
	snapshot_unref(s);
	tool("settle", NULL, NULL);
	for (i = 0; i < 40; i++) {
		assert_int_equal(cluster_refresh(c), 0);
		s = cluster_snapshot(c);
		t = snapshot_transition_for(s, TARGET_NODE, node);
		snapshot_unref(s);
		if (t == NULL || t->status != TR_PENDING)
			return c;
		sleep_ms(200);
	}
	fail_msg("the pause of %s did not end", node);
	return c;
}

/* A pause is done only once the drain completed: the role moved. */
static void
test_cluster_pause_drained(void **state)
{
	const struct model_resource *disk;
	struct cluster *c;
	struct snapshot *s;

	(void)state;
	c = pause_settled("NODE1");
	s = cluster_snapshot(c);
	assert_null(snapshot_transition_for(s, TARGET_NODE, "NODE1"));
	assert_int_equal(s->nodes[snapshot_find_node(s, "NODE1")].drain,
			 NODE_DRAIN_DONE);
	/* Its role went to the other node. */
	disk = &s->resources[snapshot_find_resource(s, "Cluster Disk 2")];
	assert_int_equal(disk->n_nodes, 1);
	assert_string_equal(disk->nodes[0], "NODE2");
	snapshot_unref(s);
	assert_true(event_said(c, "pause node NODE1: done in"));
	cluster_free(c);
}

/* fake-wsfc fail-drain: the pause ends failed, saying why and what to
 * do, and the node reads PAUSED drain failed. */
static void
test_cluster_pause_drain_failed(void **state)
{
	const struct transition *t;
	struct cluster *c;
	struct snapshot *s;

	(void)state;
	tool("fail-drain", "NODE2", NULL);
	c = pause_settled("NODE2");
	s = cluster_snapshot(c);
	t = snapshot_transition_for(s, TARGET_NODE, "NODE2");
	assert_non_null(t);
	assert_int_equal(t->status, TR_FAILED);
	assert_non_null(strstr(t->reason, "its drain failed"));
	assert_int_equal(s->nodes[snapshot_find_node(s, "NODE2")].drain,
			 NODE_DRAIN_FAILED);
	snapshot_unref(s);
	assert_true(event_said(c, "pause node NODE2 FAILED after"));
	cluster_free(c);
}

/* Fetches until one answers rc (each fetch 100 ms apart), at most 8 s;
 * returns the snapshot of a 0. */
static struct snapshot *
fetch_until(struct driver *d, int want)
{
	for (int i = 0; i < 80; i++) {
		struct snapshot *s = NULL;
		char *err = NULL;
		int rc = d->ops->fetch(d, clock_monotonic_ms(), &s, &err);

		free(err);
		if (rc == want)
			return s;
		if (s != NULL)
			snapshot_unref(s);
		sleep_ms(100);
	}
	fail_msg("no fetch answered %d", want);
	return NULL;
}

/* The doorbell: quiet means unchanged, with nothing run on the node; a
 * change rings and is read; a request is read at once; the safety net
 * fetches in full; the service going down ends the bell and the node
 * is judged. */
static void
test_doorbell(void **state)
{
	struct fake_link *fl = fake_link_new(1);
	struct wsfc_params p = { .cluster = "lab", .transport = &fl->base,
				 .command_timeout_ms = 20000,
				 .full_refresh_ms = 2500,
				 .quiet_refresh_ms = 8000 };
	struct driver *d;
	struct snapshot *s;
	size_t runs;
	uint64_t now;
	long r;

	(void)state;
	fl->base.ops = &fake_link_stream_ops;
	d = wsfc_driver_new(&p);
	snapshot_unref(fetch_ok(d));
	assert_int_equal(fl->bell_opens, 0);  /* not before a state */
	assert_null(fetch_until(d, DRIVER_UNCHANGED));
	assert_int_equal(fl->bell_opens, 1);
	assert_non_null(strstr(fl->bell_seen, "<<CCON-CHANGED>>"));
	now = clock_monotonic_ms();
	assert_true(d->ops->unchanged_as_of_ms(d) <= now);
	/* Quiet: no powershell.exe is started. */
	runs = fl->runs;
	for (int i = 0; i < 5; i++) {
		struct snapshot *none = NULL;
		char *err = NULL;

		sleep_ms(150);
		assert_int_equal(d->ops->fetch(d, clock_monotonic_ms(), &none,
					       &err), DRIVER_UNCHANGED);
		assert_null(none);
	}
	/* Its answers to pings (CRLF-ended) are no rings, and vouch; a
	 * late one (a loaded machine) starts nothing either. */
	for (int i = 0; i < 60 && fl->pongs < 3; i++) {
		struct snapshot *none = NULL;
		char *err = NULL;

		sleep_ms(50);
		assert_int_equal(d->ops->fetch(d, clock_monotonic_ms(), &none,
					       &err), DRIVER_UNCHANGED);
	}
	assert_int_equal(fl->runs, runs);
	assert_true(fl->pongs >= 3);
	assert_non_null(strstr(fl->bell_seen, REMOTE_SHELL_PONG "2\r\n"));
	/* A change outside ccon rings. */
	tool("fail-resource", "Cluster Disk 2", NULL);
	s = fetch_until(d, 0);
	r = snapshot_find_resource(s, "Cluster Disk 2");
	assert_int_equal(s->resources[r].state, RES_FAILED);
	snapshot_unref(s);
	assert_null(fetch_until(d, DRIVER_UNCHANGED));
	/* A request: the next fetch reads the cluster. */
	act_ok(d, ACT_OFFLINE, TARGET_GROUP, "FS1", NULL);
	s = fetch_ok(d);
	assert_int_equal(s->groups[snapshot_find_group(s, "FS1")].state,
			 GROUP_PENDING);
	snapshot_unref(s);
	tool("settle", NULL, NULL);
	assert_null(fetch_until(d, DRIVER_UNCHANGED));
	/* A doorbell that answers its pings reads all a fetch would show:
	 * past full_refresh_ms it is still trusted (two safety fetches
	 * would have run by 6 s; one may, if the machine is so loaded that
	 * the fake missed its answers for seconds), and after
	 * quiet_refresh_ms the safety net fetches in full. */
	runs = fl->runs;
	for (int i = 0; i < 60; i++) {
		struct snapshot *any = NULL;
		char *err = NULL;

		sleep_ms(100);
		if (d->ops->fetch(d, clock_monotonic_ms(), &any, &err) == 0)
			snapshot_unref(any);
		free(err);
	}
	assert_true(fl->runs <= runs + 1);
	sleep_ms(2100);
	snapshot_unref(fetch_until(d, 0));
	assert_true(fl->runs >= runs + 1);
	/* The service stops: the doorbell's framed error rings, it ends,
	 * and the fetch judges the node. */
	assert_null(fetch_until(d, DRIVER_UNCHANGED));
	tool("service-down", "NODE1", NULL);
	assert_null(fetch_until(d, -1));
	assert_int_equal(fl->judged[fl->n_judged - 1].v, VERDICT_NO_STACK);
	assert_string_equal(fl->judged[fl->n_judged - 1].why,
			    "the cluster service is not running on NODE1");
	d->ops->destroy(d);
}

static int
group_setup(void **state)
{
	(void)state;
	if (fake_node_begin(&fake, "wsfc-driver") != 0)
		return -1;
	/* A ping to a doorbell that has just ended fails, not kills. */
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	fake_node_end(&fake);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fetch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_caps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_offline_pending,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_resource_offline,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_move, setup, teardown),
		cmocka_unit_test_setup_teardown(test_move_best, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_locked_audited, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_drain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_service_down, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_capture_but_exit_status,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_service_down_next_node,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_name, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_locked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_found, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_cluster_transition, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_doorbell, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_cluster_pause_drained,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_cluster_pause_drain_failed,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
