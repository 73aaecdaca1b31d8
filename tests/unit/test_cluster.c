/* The cluster layer: the read-only gate in the backend, the audit log,
 * stale data, and the worker thread with its wake pipe. */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
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

/* Fields too long for a record are cut, each leaving room for the
 * separators after it: the record stays one line of eight fields. */
static void
audit_long_fields_cut(void **state)
{
	char path[256], big[3000], esc[1500], *err = NULL, *log, *nl;
	struct audit *audit;
	size_t tabs = 0, i;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	memset(esc, '\t', sizeof(esc) - 1);     /* each one becomes 4 bytes */
	esc[sizeof(esc) - 1] = '\0';
	unlink(temp_path(path, sizeof(path), "long-audit.log"));
	audit = audit_open(path, &err);
	assert_non_null(audit);
	assert_int_equal(audit_record(audit, big, esc, "offline", big, 0,
				      esc), 0);
	log = read_file(path);
	nl = strchr(log, '\n');
	assert_non_null(nl);
	assert_int_equal(nl[1], '\0');           /* one line */
	for (i = 0; log + i < nl; i++)
		tabs += log[i] == '\t';
	assert_int_equal(tabs, 7);
	assert_true(nl - log < 2048);
	assert_non_null(strstr(log, "\toffline\t"));
	audit_close(audit);
	unlink(path);
}

/* The log says what became of each request, not only what it was
 * answered at once: a line per outcome, with the request's number and
 * the time it took (done, timed out, done late, failed). */
static void
audit_outcomes(void **state)
{
	char path[256];
	struct audit *audit;
	struct sim_options so;
	const char *fails[1] = { "web-server" };
	struct fixture *f;
	char *err = NULL, *log;

	(void)state;
	unlink(temp_path(path, sizeof(path), "outcome-audit.log"));
	audit = audit_open(path, &err);
	assert_non_null(audit);
	sim_options_default(&so);
	so.calm = true;
	so.seed = 7;
	so.online_delay_ms = 90000;      /* longer than the 60 s deadline */
	so.fail_start = fails;
	so.n_fail_start = 1;
	f = fixture_new_with(false, audit, &so);
	/* 1: done. */
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "admin-ip", NULL), CCON_IO_PENDING);
	fixture_advance(f, 3000);
	/* 2: timed out, then done late. */
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_IO_PENDING);
	fixture_advance(f, 61000);
	fixture_advance(f, 60000);
	/* 3: failed (web-server's start fails, after 90 s). */
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_GROUP, "web",
					 NULL), CCON_IO_PENDING);
	fixture_advance(f, 10000);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_GROUP, "web",
					 NULL), CCON_IO_PENDING);
	for (int i = 0; i < 6; i++)
		fixture_advance(f, 59000);
	log = read_file(path);
	assert_non_null(strstr(log, "\toffline\tadmin-ip\t997 pending\tsent: "
				    "offline resource admin-ip: pending (taking "
				    "admin-ip offline); request 1\n"));
	assert_non_null(strstr(log, "\toffline\tadmin-ip\t0 success\t"
				    "outcome of request 1: done after 3.0 s\n"));
	assert_non_null(strstr(log, "\tonline\tlicense-srv\t1460 timed out\t"
				    "outcome of request 2: timed out after 61.0 "
				    "s\n"));
	assert_non_null(strstr(log, "\tonline\tlicense-srv\t0 success\t"
				    "outcome of request 2: done late, after "));
	assert_non_null(strstr(log, "\tonline\tweb\t5038 failed\toutcome of "
				    "request 4: failed after "));
	fixture_free(f);
	audit_close(audit);
	unlink(path);
}

/* A request still under way when ccon quits gets its outcome line too:
 * no request in the log is left without one. */
static void
audit_outcome_at_quit(void **state)
{
	char path[256];
	struct audit *audit;
	struct sim_options so;
	struct fixture *f;
	char *err = NULL, *log;

	(void)state;
	unlink(temp_path(path, sizeof(path), "quit-audit.log"));
	audit = audit_open(path, &err);
	assert_non_null(audit);
	sim_options_default(&so);
	so.calm = true;
	so.offline_delay_ms = 90000;
	f = fixture_new_with(false, audit, &so);
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_RESOURCE,
					 "admin-ip", NULL), CCON_IO_PENDING);
	fixture_advance(f, 2500);
	fixture_free(f);
	log = read_file(path);
	assert_non_null(strstr(log, "\toffline\tadmin-ip\t997 pending\t"
				    "outcome of request 1: still pending after "
				    "2.5 s, when ccon quit\n"));
	audit_close(audit);
	unlink(path);
}

/* A refusal reads as a refusal, in the screen's words, never as
 * "pending (...)", and sends nothing. */
static void
refusal_reads_as_one(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct cluster_status st;
	unsigned long before;

	(void)state;
	assert_int_equal(fixture_request(f, ACT_OFFLINE, TARGET_GROUP, "web",
					 NULL), CCON_IO_PENDING);
	before = sim_requests_seen(f->sim);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_GROUP, "web",
					 NULL), CCON_IO_PENDING);
	cluster_get_status(f->c, &st);
	assert_string_equal(st.last_message, "online group web: refused: web "
			    "is still going offline; try again when it "
			    "settles");
	assert_int_equal(sim_requests_seen(f->sim), before);
	assert_null(strstr(st.last_message, "_pending"));
	fixture_free(f);
}

/* The operator can dismiss the mark of a request that timed out; one
 * under way is not dismissed. */
static void
dismiss_clears_marks(void **state)
{
	struct sim_options so;
	struct fixture *f;
	struct snapshot *s;
	const struct transition *t;

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	so.online_delay_ms = 90000;
	f = fixture_new_with(false, NULL, &so);
	assert_int_equal(fixture_request(f, ACT_ONLINE, TARGET_RESOURCE,
					 "license-srv", NULL), CCON_IO_PENDING);
	cluster_dismiss(f->c, TARGET_RESOURCE, "license-srv");
	s = cluster_snapshot(f->c);
	t = snapshot_transition_for(s, TARGET_RESOURCE, "license-srv");
	assert_non_null(t);
	assert_int_equal(t->status, TR_PENDING);
	snapshot_unref(s);
	fixture_advance(f, 61000);
	s = cluster_snapshot(f->c);
	t = snapshot_transition_for(s, TARGET_RESOURCE, "license-srv");
	assert_non_null(t);
	assert_int_equal(t->status, TR_TIMED_OUT);
	snapshot_unref(s);
	cluster_dismiss(f->c, TARGET_RESOURCE, "license-srv");
	s = cluster_snapshot(f->c);
	assert_null(snapshot_transition_for(s, TARGET_RESOURCE,
					    "license-srv"));
	snapshot_unref(s);
	fixture_free(f);
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

/* A saved state with its own time stamp: the first fetch gives it, the
 * next ones say unchanged (as --input's file driver does). */
struct dated {
	struct driver base;
	int64_t data_wall;
	bool given;
};

static int
dated_fetch(struct driver *d, uint64_t now, struct snapshot **out,
	    char **err)
{
	struct dated *dt = (struct dated *)d;
	struct snapshot *s;

	(void)now;
	if (dt->given)
		return DRIVER_UNCHANGED;
	s = snapshot_new("dated", "file", "saved.xml");
	snapshot_add_node(s, "n1", NODE_UP, 0);
	if (snapshot_finish(s, err) != 0)
		return -1;
	s->data_wall = dt->data_wall;
	dt->given = true;
	*out = s;
	return 0;
}

static int
dated_act(struct driver *d, const struct action *a, uint64_t now, char **err)
{
	(void)d;
	(void)a;
	(void)now;
	*err = strdup("no cluster");
	return -1;
}

static void
dated_destroy(struct driver *d)
{
	free(d);
}

static const struct driver_ops dated_ops = {
	.name = "dated",
	.fetch = dated_fetch,
	.act = dated_act,
	.destroy = dated_destroy,
};

/* The age of data that says when it was taken (data_wall), in the
 * status after the first fetch and after every unchanged look. */
static uint64_t
age_of(int64_t data_wall, int looks)
{
	struct fixture clock = { .now = 5000 };
	struct cluster_params p = { .name = "dated", .driver_name = "file",
				    .refresh_ms = 1000,
				    .clock_ms = fixture_clock,
				    .clock_ctx = &clock };
	struct dated *dt = calloc(1, sizeof(*dt));
	struct cluster_status st;
	struct cluster *c;
	int i;

	assert_non_null(dt);
	dt->base.ops = &dated_ops;
	dt->data_wall = data_wall;
	c = cluster_new(&p, &dt->base, NULL);
	for (i = 0; i < looks; i++) {
		assert_int_equal(cluster_refresh(c), 0);
		clock.now += 1000;
	}
	cluster_get_status(c, &st);
	assert_true(st.have_data);
	cluster_free(c);
	return st.data_age_ms;
}

static void
data_age_from_its_own_time(void **state)
{
	int64_t now = (int64_t)time(NULL);
	uint64_t age;

	(void)state;
	/* An hour old at the first look, and still at the later ones
	 * (the same data, looked at again: not fresh for that). */
	age = age_of(now - 3600, 1);
	assert_true(age >= 3600 * 1000 && age < 3660 * 1000);
	age = age_of(now - 3600, 3);
	assert_true(age >= 3600 * 1000 && age < 3660 * 1000);
	/* No time stamp (a live cluster), or one ahead of this clock: as
	 * old as the fetch. */
	assert_int_equal(age_of(0, 1), 0);
	assert_int_equal(age_of(now + 600, 2), 0);
}

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


/* A cluster that stands still unless told otherwise: one resource, r1,
 * offline on two nodes; fetch answers "unchanged" after the first time
 * until `changed` is set; act only counts. It can be made to hold fetch
 * (hold) until released, to race a request with cluster_stop. */
struct still {
	struct driver base;
	unsigned long fetches, snapshots, acts;
	bool changed;
	bool hold;
	bool holding;
	/* n2 as it reads, and its drain: a pause makes it paused, draining
	 * when `drains` (as WSFC does) or with no drain (as Pacemaker). */
	enum node_state n2;
	enum node_drain n2_drain;
	bool drains;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

static int
still_fetch(struct driver *d, uint64_t now, struct snapshot **out,
	    char **err)
{
	struct still *st = (struct still *)d;
	struct snapshot *s;

	(void)now;
	pthread_mutex_lock(&st->lock);
	st->fetches++;
	while (st->hold) {
		st->holding = true;
		pthread_cond_broadcast(&st->cond);
		pthread_cond_wait(&st->cond, &st->lock);
	}
	st->holding = false;
	if (st->snapshots > 0 && !st->changed) {
		pthread_mutex_unlock(&st->lock);
		return DRIVER_UNCHANGED;
	}
	st->changed = false;
	st->snapshots++;
	pthread_mutex_unlock(&st->lock);
	s = snapshot_new("still", "still", "n1");
	snapshot_add_node(s, "n1", NODE_UP, NODE_F_DC);
	pthread_mutex_lock(&st->lock);
	snapshot_node_set_drain(s, snapshot_add_node(s, "n2", st->n2, 0),
				st->n2_drain);
	pthread_mutex_unlock(&st->lock);
	snapshot_add_resource(s, "r1", NULL, "ocf:pacemaker:Dummy",
			      RES_OFFLINE, 0);
	assert_int_equal(snapshot_finish(s, err), 0);
	*out = s;
	return 0;
}

static int
still_act(struct driver *d, const struct action *a, uint64_t now, char **err)
{
	struct still *st = (struct still *)d;

	(void)now;
	(void)err;
	pthread_mutex_lock(&st->lock);
	st->acts++;
	if (a->kind == ACT_PAUSE && strcmp(a->target, "n2") == 0) {
		st->n2 = NODE_PAUSED;
		st->n2_drain = st->drains ? NODE_DRAIN_IN_PROGRESS
					  : NODE_DRAIN_NONE;
		st->changed = true;
	}
	if (a->kind == ACT_RESUME && strcmp(a->target, "n2") == 0) {
		st->n2 = NODE_UP;
		st->n2_drain = NODE_DRAIN_NONE;
		st->changed = true;
	}
	pthread_mutex_unlock(&st->lock);
	return 0;
}

static void
still_destroy(struct driver *d)
{
	struct still *st = (struct still *)d;

	pthread_cond_destroy(&st->cond);
	pthread_mutex_destroy(&st->lock);
	free(st);
}

/* Everything but move. */
static const struct driver_ops still_ops = {
	.name = "still",
	.caps = ACTION_CAPS_ALL & ~ACTION_CAP(ACT_MOVE),
	.fetch = still_fetch,
	.act = still_act,
	.destroy = still_destroy,
};

static struct still *
still_new(void)
{
	struct still *st = calloc(1, sizeof(*st));

	st->base.ops = &still_ops;
	pthread_mutex_init(&st->lock, NULL);
	pthread_cond_init(&st->cond, NULL);
	return st;
}

static struct cluster *
still_cluster(struct still *st, struct fixture *clock, struct audit *audit)
{
	struct cluster_params p = { .name = "still", .driver_name = "still",
				    .refresh_ms = 1000,
				    .transition_timeout_ms = 10000,
				    .audit = audit };

	if (clock != NULL) {
		p.clock_ms = fixture_clock;
		p.clock_ctx = clock;
	}
	return cluster_new(&p, &st->base, NULL);
}

/* Work that changes nothing costs nothing: while the driver says
 * "unchanged", no new snapshot is made (the UI has nothing to rebuild),
 * yet the data counts as confirmed now, not as old. */
static void
unchanged_publishes_nothing(void **state)
{
	struct fixture clock = { .now = 10000 };
	struct still *st = still_new();
	struct cluster *c = still_cluster(st, &clock, NULL);
	struct cluster_status cs;
	struct snapshot *s1, *s2;
	int i;

	(void)state;
	assert_int_equal(cluster_refresh(c), 0);
	s1 = cluster_snapshot(c);
	for (i = 0; i < 5; i++) {
		clock.now += 1000;
		assert_int_equal(cluster_refresh(c), 0);
	}
	s2 = cluster_snapshot(c);
	assert_ptr_equal(s1, s2);
	snapshot_unref(s2);
	cluster_get_status(c, &cs);
	assert_int_equal(cs.last_ok_ms, clock.now);
	assert_false(cs.stale);
	assert_int_equal(st->snapshots, 1);
	assert_int_equal(st->fetches, 6);
	/* A change comes through as a new snapshot. */
	st->changed = true;
	clock.now += 1000;
	assert_int_equal(cluster_refresh(c), 0);
	s2 = cluster_snapshot(c);
	assert_ptr_not_equal(s1, s2);
	snapshot_unref(s2);
	snapshot_unref(s1);
	cluster_free(c);
}

/* While nothing changes, transitions still end: a request is shown as
 * pending at once, and its deadline fails it, each time in a snapshot
 * that shares the unchanged data instead of copying it. */
static void
unchanged_transitions_still_move(void **state)
{
	struct fixture clock = { .now = 10000 };
	struct still *st = still_new();
	struct cluster *c = still_cluster(st, &clock, NULL);
	const struct transition *t;
	struct snapshot *s1, *s2, *s3;
	struct action a;
	char *msg = NULL;

	(void)state;
	assert_int_equal(cluster_refresh(c), 0);
	s1 = cluster_snapshot(c);
	assert_int_equal(action_init(&a, ACT_ONLINE, TARGET_RESOURCE, "r1",
				     NULL, &msg), 0);
	assert_int_equal(cluster_submit(c, &a, &msg), CCON_OK);
	free(msg);
	assert_int_equal(st->acts, 1);
	s2 = cluster_snapshot(c);
	assert_ptr_not_equal(s1, s2);
	assert_ptr_equal(s1->resources, s2->resources);   /* shared */
	t = snapshot_transition_for(s2, TARGET_RESOURCE, "r1");
	assert_non_null(t);
	assert_int_equal(t->status, TR_PENDING);
	clock.now += 5000;
	assert_int_equal(cluster_refresh(c), 0);
	s3 = cluster_snapshot(c);
	assert_ptr_equal(s2, s3);          /* nothing moved: nothing new */
	snapshot_unref(s3);
	clock.now += 6000;
	assert_int_equal(cluster_refresh(c), 0);
	s3 = cluster_snapshot(c);
	assert_ptr_not_equal(s2, s3);
	assert_ptr_equal(s1->resources, s3->resources);
	t = snapshot_transition_for(s3, TARGET_RESOURCE, "r1");
	assert_non_null(t);
	assert_int_equal(t->status, TR_TIMED_OUT);
	assert_string_equal(t->reason, "timed out");
	assert_true(fixture_event_seen(&(struct fixture){ .c = c },
				       "online resource r1 TIMED OUT after"));
	snapshot_unref(s3);
	snapshot_unref(s2);
	snapshot_unref(s1);
	cluster_free(c);
}

/* n2's drain moves on to d, as the cluster would show it a second
 * later; returns the pause's status then. */
static int
drain_to(struct fixture *clock, struct still *st, enum node_drain d)
{
	pthread_mutex_lock(&st->lock);
	st->n2_drain = d;
	st->changed = true;
	pthread_mutex_unlock(&st->lock);
	clock->now += 1000;
	assert_int_equal(cluster_refresh(clock->c), 0);
	return fixture_transition(clock, TARGET_NODE, "n2");
}

/* A cluster over a new still in clock->c (*st its driver, whose drains
 * as asked), with n2 paused through it; returns the pause's status at
 * the next refresh. */
static int
paused_n2(struct fixture *clock, bool drains, struct still **st)
{
	struct action a;
	char *msg = NULL;

	*st = still_new();
	(*st)->drains = drains;
	clock->c = still_cluster(*st, clock, NULL);
	assert_int_equal(cluster_refresh(clock->c), 0);
	assert_int_equal(action_init(&a, ACT_PAUSE, TARGET_NODE, "n2", NULL,
				     &msg), 0);
	assert_int_equal(cluster_submit(clock->c, &a, &msg), CCON_OK);
	free(msg);
	clock->now += 100;
	assert_int_equal(cluster_refresh(clock->c), 0);
	return fixture_transition(clock, TARGET_NODE, "n2");
}

/* A pause is done once the node reads paused, where the cluster gives
 * no drain (Pacemaker's standby): as before drains were known. */
static void
pause_without_drain_done_when_paused(void **state)
{
	struct fixture clock = { .now = 10000 };
	struct still *st;

	(void)state;
	/* Done: no longer shown (-1), and said. */
	assert_int_equal(paused_n2(&clock, false, &st), -1);
	assert_true(fixture_event_seen(&clock, "pause node n2: done in"));
	cluster_free(clock.c);
}

/* A draining node is pending while it drains, done when drained. */
static void
pause_done_when_drained(void **state)
{
	struct fixture clock = { .now = 10000 };
	struct still *st;

	(void)state;
	assert_int_equal(paused_n2(&clock, true, &st), TR_PENDING);
	assert_int_equal(drain_to(&clock, st, NODE_DRAIN_IN_PROGRESS),
			 TR_PENDING);
	assert_false(fixture_event_seen(&clock, "done"));
	assert_int_equal(drain_to(&clock, st, NODE_DRAIN_DONE), -1);
	assert_true(fixture_event_seen(&clock, "pause node n2: done in"));
	cluster_free(clock.c);
}

/* A drain that fails fails the pause, saying what to do. */
static void
pause_failed_when_drain_failed(void **state)
{
	struct fixture clock = { .now = 10000 };
	struct still *st;
	struct snapshot *s;
	const struct transition *t;

	(void)state;
	assert_int_equal(paused_n2(&clock, true, &st), TR_PENDING);
	assert_int_equal(drain_to(&clock, st, NODE_DRAIN_FAILED), TR_FAILED);
	s = cluster_snapshot(clock.c);
	t = snapshot_transition_for(s, TARGET_NODE, "n2");
	assert_non_null(strstr(t->reason, "its drain failed"));
	snapshot_unref(s);
	assert_true(fixture_event_seen(&clock, "pause node n2 FAILED after"));
	cluster_free(clock.c);
}

/* A resume during the drain replaces the pause: it does not wait on
 * to time out. */
static void
resume_replaces_pause(void **state)
{
	struct fixture clock = { .now = 10000 };
	struct still *st;
	struct action a;
	char *msg = NULL;

	(void)state;
	assert_int_equal(paused_n2(&clock, true, &st), TR_PENDING);
	assert_int_equal(action_init(&a, ACT_RESUME, TARGET_NODE, "n2", NULL,
				     &msg), 0);
	assert_int_equal(cluster_submit(clock.c, &a, &msg), CCON_OK);
	free(msg);
	assert_int_equal(fixture_transition(&clock, TARGET_NODE, "n2"), -1);
	clock.now += 20000;
	assert_int_equal(cluster_refresh(clock.c), 0);
	assert_int_equal(fixture_transition(&clock, TARGET_NODE, "n2"), -1);
	assert_false(fixture_event_seen(&clock, "TIMED OUT"));
	cluster_free(clock.c);
}

/* A cluster type that cannot move says so, and sends nothing; the
 * refusal is audited as not sent. */
static void
unsupported_action_refused(void **state)
{
	char path[256];
	struct audit *audit;
	struct still *st = still_new();
	struct cluster *c;
	struct snapshot *s;
	struct action a;
	struct plan plan;
	char *msg = NULL, *log;

	(void)state;
	unlink(temp_path(path, sizeof(path), "caps-audit.log"));
	audit = audit_open(path, &msg);
	assert_non_null(audit);
	c = still_cluster(st, NULL, audit);
	assert_int_equal(cluster_refresh(c), 0);
	assert_int_equal(cluster_caps(c), still_ops.caps);
	assert_int_equal(action_init(&a, ACT_MOVE, TARGET_RESOURCE, "r1", "n2",
				     &msg), 0);
	assert_int_equal(cluster_submit(c, &a, &msg), CCON_NOT_SUPPORTED);
	assert_non_null(strstr(msg, "move is not supported by this cluster "
				    "type (still)"));
	free(msg);
	cluster_run_queued(c);
	assert_int_equal(st->acts, 0);
	/* action_plan answers the same from the snapshot alone. */
	s = cluster_snapshot(c);
	assert_int_equal(s->caps, still_ops.caps);
	action_plan(s, &a, &plan);
	assert_int_equal(plan.kind, PLAN_REFUSE);
	assert_int_equal(plan.status, CCON_NOT_SUPPORTED);
	assert_non_null(strstr(plan.message, "not supported by this cluster "
					     "type"));
	snapshot_unref(s);
	log = read_file(path);
	assert_non_null(strstr(log, "\tmove\tr1 -> n2\t50 not supported\t"
				    "not sent: "));
	cluster_free(c);
	audit_close(audit);
	unlink(path);
}

struct stopper {
	struct cluster *c;
};

static void *
stop_thread(void *arg)
{
	cluster_stop(((struct stopper *)arg)->c);
	return NULL;
}

/* A request that arrives while the worker is being stopped is carried
 * out, not dropped after "requested". */
static void
request_during_stop_not_dropped(void **state)
{
	struct still *st = still_new();
	struct cluster *c = still_cluster(st, NULL, NULL);
	struct stopper sp = { c };
	struct action a;
	pthread_t thr;
	char *msg = NULL;
	int fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(fcntl(fds[1], F_SETFL, O_NONBLOCK), 0);
	assert_int_equal(cluster_start(c, fds[1], &msg), 0);
	/* Hold the worker inside a fetch, then ask it to stop. */
	pthread_mutex_lock(&st->lock);
	st->hold = true;
	st->changed = true;
	pthread_mutex_unlock(&st->lock);
	assert_int_equal(action_init(&a, ACT_CLEANUP, TARGET_RESOURCE, "r1",
				     NULL, &msg), 0);
	/* A first request wakes the worker into its fetch. */
	assert_int_equal(cluster_submit(c, &a, &msg), CCON_OK);
	free(msg);
	pthread_mutex_lock(&st->lock);
	while (!st->holding)
		pthread_cond_wait(&st->cond, &st->lock);
	pthread_mutex_unlock(&st->lock);
	assert_int_equal(pthread_create(&thr, NULL, stop_thread, &sp), 0);
	/* The stop has been asked for; this one comes between its steps. */
	usleep(50000);
	assert_int_equal(action_init(&a, ACT_ONLINE, TARGET_RESOURCE, "r1",
				     NULL, &msg), 0);
	assert_int_equal(cluster_submit(c, &a, &msg), CCON_OK);
	free(msg);
	pthread_mutex_lock(&st->lock);
	st->hold = false;
	pthread_cond_broadcast(&st->cond);
	pthread_mutex_unlock(&st->lock);
	assert_int_equal(pthread_join(thr, NULL), 0);
	/* Both requests reached the driver: the first (cleanup of a resource
	 * without failures is a no-op, so only online acts). */
	assert_int_equal(st->acts, 1);
	cluster_free(c);
	close(fds[0]);
	close(fds[1]);
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
		cmocka_unit_test(audit_long_fields_cut),
		cmocka_unit_test(audit_outcomes),
		cmocka_unit_test(audit_outcome_at_quit),
		cmocka_unit_test(refusal_reads_as_one),
		cmocka_unit_test(dismiss_clears_marks),
		cmocka_unit_test(stale_data_kept_and_marked),
		cmocka_unit_test(data_age_from_its_own_time),
		cmocka_unit_test(unavailable_driver),
		cmocka_unit_test(worker_thread),
		cmocka_unit_test(unchanged_publishes_nothing),
		cmocka_unit_test(unchanged_transitions_still_move),
		cmocka_unit_test(unsupported_action_refused),
		cmocka_unit_test(pause_without_drain_done_when_paused),
		cmocka_unit_test(pause_done_when_drained),
		cmocka_unit_test(pause_failed_when_drain_failed),
		cmocka_unit_test(resume_replaces_pause),
		cmocka_unit_test(request_during_stop_not_dropped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
