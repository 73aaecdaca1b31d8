/* The cluster layer: the read-only gate in the backend, the audit log,
 * stale data, and the worker thread with its wake pipe. */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <unistd.h>

#include "backend/core/audit.h"
#include "fixture.h"

static char *
read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	static char buf[16384];
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static char *
temp_path(char *buf, size_t sz, const char *name)
{
	snprintf(buf, sz, "/tmp/ccon-test-%ld-%s", (long)getpid(), name);
	return buf;
}

/* Read-only is enforced where actions enter the backend: every kind of
 * request is refused with ACCESS_DENIED, the driver never sees one, the
 * state does not move, and the refusal is audited. */
static void
readonly_refused_in_backend(void **state)
{
	char path[256];
	struct audit *audit;
	struct fixture *f;
	struct action a;
	char *err = NULL, *log;
	static const struct { enum action_kind k; enum target_kind t;
			      const char *target, *node; } reqs[] = {
		{ ACT_OFFLINE, TARGET_GROUP, "web", NULL },
		{ ACT_ONLINE, TARGET_RESOURCE, "license-srv", NULL },
		{ ACT_MOVE, TARGET_GROUP, "web", "bravo" },
		{ ACT_CLEANUP, TARGET_RESOURCE, "web-ip", NULL },
		{ ACT_PAUSE, TARGET_NODE, "alpha", NULL },
		{ ACT_RESUME, TARGET_NODE, "alpha", NULL },
	};
	size_t i;

	(void)state;
	unlink(temp_path(path, sizeof(path), "ro-audit.log"));
	audit = audit_open(path, &err);
	assert_non_null(audit);
	f = fixture_new(true, audit, NULL);
	for (i = 0; i < sizeof(reqs) / sizeof(reqs[0]); i++) {
		assert_int_equal(action_init(&a, reqs[i].k, reqs[i].t,
					     reqs[i].target, reqs[i].node,
					     &err), 0);
		assert_int_equal(cluster_submit(f->c, &a, &err),
				 CCON_ACCESS_DENIED);
		assert_non_null(strstr(err, "read-only mode"));
		free(err);
		err = NULL;
	}
	cluster_run_queued(f->c);
	assert_int_equal(sim_requests_seen(f->sim), 0);
	fixture_advance(f, 10000);
	assert_int_equal(fixture_group(f, "web"), GROUP_ONLINE);
	assert_true(fixture_event_seen(f, "read-only mode"));
	log = read_file(path);
	assert_non_null(strstr(log, "\ttest\t"));
	assert_non_null(strstr(log, "\toffline\tweb\t5 read-only mode\t"
				    "not sent: "));
	assert_non_null(strstr(log, "\tmove\tweb -> bravo\t5 "));
	fixture_free(f);
	audit_close(audit);
	unlink(path);
}

/* Every request is audited: time, local user, cluster, node used,
 * action, target, result; one line each, whatever the text holds. */
static void
audit_records_each_request(void **state)
{
	char path[256];
	struct audit *audit;
	struct fixture *f;
	char *err = NULL, *log, *line;
	int lines = 0;

	(void)state;
	unlink(temp_path(path, sizeof(path), "audit.log"));
	audit = audit_open(path, &err);
	assert_non_null(audit);
	assert_string_equal(audit_path(audit), path);
	f = fixture_new(false, audit, NULL);
	fixture_request(f, ACT_OFFLINE, TARGET_GROUP, "web", NULL);
	fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE, "license-srv", NULL);
	fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE, "nope", NULL);
	assert_int_equal(audit_record(audit, "c", "n", "x", "evil\nline\t",
				      0, "m\x1b[2J"), 0);
	log = read_file(path);
	for (line = log; (line = strchr(line, '\n')) != NULL; line++)
		lines++;
	assert_int_equal(lines, 4);
	assert_non_null(strstr(log, "\ttest\talpha\toffline\tweb\t"
				    "997 pending\tsent: "));
	assert_non_null(strstr(log, "\tlicense-srv\t0 success\t"));
	assert_non_null(strstr(log, "\tnope\t5007 no such resource\t"
				    "not sent: "));
	assert_non_null(strstr(log, "evil\\x0aline\\x09"));
	assert_non_null(strstr(log, "m\\x1b[2J"));
	assert_null(strchr(log, '\x1b'));
	fixture_free(f);
	audit_close(audit);
	unlink(path);
}

static void
audit_open_reports_errors(void **state)
{
	char *err = NULL;

	(void)state;
	assert_null(audit_open("/proc/ccon-no/audit.log", &err));
	assert_non_null(strstr(err, "/proc/ccon-no"));
	free(err);
}

/* A driver that fails after a while: the data turns stale, keeps the
 * last good snapshot, and comes back. */
struct flaky {
	struct driver base;
	struct driver *inner;
	bool down;
};

static int
flaky_fetch(struct driver *d, uint64_t now, struct snapshot **out,
	    char **err)
{
	struct flaky *fl = (struct flaky *)d;

	if (fl->down) {
		*err = strdup("db1: connection refused");
		return -1;
	}
	return fl->inner->ops->fetch(fl->inner, now, out, err);
}

static int
flaky_act(struct driver *d, const struct action *a, uint64_t now, char **err)
{
	struct flaky *fl = (struct flaky *)d;

	return fl->inner->ops->act(fl->inner, a, now, err);
}

static void
flaky_destroy(struct driver *d)
{
	struct flaky *fl = (struct flaky *)d;

	fl->inner->ops->destroy(fl->inner);
	free(fl);
}

static const struct driver_ops flaky_ops = {
	.name = "flaky",
	.fetch = flaky_fetch,
	.act = flaky_act,
	.destroy = flaky_destroy,
};

static void
stale_data_kept_and_marked(void **state)
{
	struct fixture clock = { .now = 5000 };
	struct cluster_params p = { .name = "flaky", .driver_name = "sim",
				    .refresh_ms = 1000,
				    .clock_ms = fixture_clock,
				    .clock_ctx = &clock };
	struct sim_options so;
	struct flaky *fl = calloc(1, sizeof(*fl));
	struct cluster_status st;
	struct snapshot *s1, *s2;
	struct cluster *c;

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	fl->base.ops = &flaky_ops;
	fl->inner = sim_driver_new("flaky", &so, clock.now);
	c = cluster_new(&p, &fl->base, NULL);
	assert_int_equal(cluster_refresh(c), 0);
	s1 = cluster_snapshot(c);
	fl->down = true;
	clock.now += 3000;
	assert_int_equal(cluster_refresh(c), -1);
	cluster_get_status(c, &st);
	assert_true(st.stale);
	assert_true(st.have_data);
	assert_string_equal(st.error, "db1: connection refused");
	assert_int_equal(st.last_ok_ms, 5000);
	s2 = cluster_snapshot(c);
	assert_ptr_equal(s1, s2);            /* last good one stays */
	snapshot_unref(s2);
	fl->down = false;
	clock.now += 1000;
	assert_int_equal(cluster_refresh(c), 0);
	cluster_get_status(c, &st);
	assert_false(st.stale);
	assert_string_equal(st.error, "");
	snapshot_unref(s1);
	cluster_free(c);
}

/* A driver that is not available: requests say why, nothing crashes. */
static void
unavailable_driver(void **state)
{
	struct cluster_params p = { .name = "prod",
				    .driver_name = "pacemaker" };
	struct cluster *c = cluster_new(&p, NULL, "the pacemaker driver is "
					"not available yet");
	struct cluster_status st;
	struct action a;
	char *msg = NULL;

	(void)state;
	assert_int_equal(cluster_refresh(c), -1);
	assert_null(cluster_snapshot(c));
	cluster_get_status(c, &st);
	assert_non_null(strstr(st.error, "not available yet"));
	action_init(&a, ACT_OFFLINE, TARGET_GROUP, "web", NULL, &msg);
	assert_int_equal(cluster_submit(c, &a, &msg), CCON_NOT_SUPPORTED);
	assert_non_null(strstr(msg, "not available yet"));
	free(msg);
	cluster_free(c);
}

/* Waits (in poll, no sleeping) until the worker wakes us and the
 * condition on the snapshot holds; gives up after 10 s. */
static bool
wait_for(struct cluster *c, int fd, const char *res, enum res_state want)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char buf[64];
	int rounds;

	for (rounds = 0; rounds < 1000; rounds++) {
		struct snapshot *s = cluster_snapshot(c);
		bool ok = false;

		if (s != NULL) {
			long i = snapshot_find_resource(s, res);

			ok = i >= 0 && s->resources[i].state == want;
			snapshot_unref(s);
		}
		if (ok)
			return true;
		if (poll(&pfd, 1, 10000) <= 0)
			return false;
		while (read(fd, buf, sizeof(buf)) > 0)
			;
	}
	return false;
}

/* The real thing: a worker thread on the monotonic clock, requests from
 * "the UI thread", wake-ups through the pipe. */
static void
worker_thread(void **state)
{
	struct cluster_params p = { .name = "live", .driver_name = "sim",
				    .refresh_ms = 5000 };
	struct sim_options so;
	struct timespec ts;
	struct action a;
	struct cluster *c;
	char *err = NULL;
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(fcntl(fds[0], F_SETFL, O_NONBLOCK), 0);
	assert_int_equal(fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
	sim_options_default(&so);
	so.calm = true;
	so.online_delay_ms = 30;
	so.offline_delay_ms = 20;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	c = cluster_new(&p, sim_driver_new("live", &so,
		(uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000),
		NULL);
	assert_int_equal(cluster_start(c, fds[1], &err), 0);
	assert_true(wait_for(c, fds[0], "web-ip", RES_ONLINE));
	action_init(&a, ACT_OFFLINE, TARGET_GROUP, "web", NULL, &err);
	assert_int_equal(cluster_submit(c, &a, &err), CCON_OK);
	free(err);
	/* Stops take 20 ms each; the worker wakes for each of them rather
	 * than at the 5 s refresh. */
	assert_true(wait_for(c, fds[0], "web-ip", RES_OFFLINE));
	cluster_stop(c);
	cluster_free(c);
	close(fds[0]);
	close(fds[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(readonly_refused_in_backend),
		cmocka_unit_test(audit_records_each_request),
		cmocka_unit_test(audit_open_reports_errors),
		cmocka_unit_test(stale_data_kept_and_marked),
		cmocka_unit_test(unavailable_driver),
		cmocka_unit_test(worker_thread),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
