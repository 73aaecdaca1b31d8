/* ccon when a node fails under it, on the real three-node lab
 * (tests/lab/lab), through the ccon libraries with the worker running as
 * the console runs it (refresh 1 s), connected to node1 (nodes node1,
 * node2, node3 in that order):
 *   (a) node1's cluster stack killed, sshd running;
 *   (b) node1 cut off into a partition without quorum;
 *   (c) node1's sshd killed;
 *   (e) crm_mon hanging on node1 (command timeout 3 s);
 *   (f) a request in flight when node1's stack dies.
 * (d), a slow link, is the console's, in tmux (test_faults_lab.sh).
 * Each case measures first and judges after, so that it always prints how
 * long ccon took to notice (detect) and to serve good data again
 * (recover), and appends them to $FAULT_TIMES; each leaves the lab as it
 * found it (lab heal, resources reset, lab wait). Run by
 * test_faults_lab.sh under tests/lab/with-lab; FAULT_CASES="a c" runs
 * some only. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "backend/core/action.h"
#include "backend/core/audit.h"
#include "backend/core/cluster.h"
#include "backend/core/status.h"
#include "backend/drivers/pacemaker/pacemaker.h"
#include "backend/link/ssh_link.h"

#define REFRESH_MS 1000
/* "Within two refreshes": from the fault to the data marked stale or
 * ccon gone from the node, with half a refresh for the commands. */
#define DETECT_MS (2 * REFRESH_MS + 500)
/* ...to fresh data from another node: also a new session there (about
 * 35 ms) and a full fetch. */
#define MOVE_MS (2 * REFRESH_MS + 1500)
/* From the cut to node1 knowing it is alone without quorum (token 1 s;
 * measured 3.5 to 4 s on the lab). */
#define PARTITION_MS 4500
/* Case (e)'s command timeout. */
#define HANG_TIMEOUT_MS 3000
#define LOOK_MS 50

static char node_spec[3][64];

/* ---- helpers ------------------------------------------------------ */

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

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Epoch ms, to compare with the times the lab's stand-ins log. */
static double
wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void
nap(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* "802 ms", or "never" for -1 (eight at a time in one printf). */
static const char *
ms(long v)
{
	static char buf[8][32];
	static unsigned next;
	char *b = buf[next++ % 8];

	if (v < 0)
		snprintf(b, sizeof(buf[0]), "never");
	else
		snprintf(b, sizeof(buf[0]), "%ld ms", v);
	return b;
}

/* "node2" for node2's spec, else the text itself. */
static const char *
name_of(const char *spec)
{
	static const char *const names[] = { "node1", "node2", "node3" };
	size_t i;

	for (i = 0; i < 3; i++)
		if (strcmp(spec, node_spec[i]) == 0)
			return names[i];
	return spec[0] ? spec : "(none)";
}

/* Whether hay holds needle, ignoring ASCII case. */
static bool
has_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++) {
		size_t i;

		for (i = 0; i < n && hay[i] != '\0'; i++)
			if (tolower((unsigned char)hay[i]) !=
			    tolower((unsigned char)needle[i]))
				break;
		if (i == n)
			return true;
	}
	return n == 0;
}

/* Runs tests/lab/lab with the arguments; returns its exit status. Its
 * own one-line reports go to stderr. */
static int
lab(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
lab(const char *fmt, ...)
{
	char args[900], line[1200];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(line, sizeof(line), "\"$LAB_LAB\" %s", args);
	fflush(stdout);
	rc = system(line);
	return rc == -1 ? -1 : WEXITSTATUS(rc);
}

/* What tests/lab/lab prints on stdout (static; the last call's). */
static const char *
lab_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static const char *
lab_out(const char *fmt, ...)
{
	static char out[1 << 20];
	char args[900], line[1200];
	va_list ap;
	size_t n;
	FILE *p;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(line, sizeof(line), "\"$LAB_LAB\" %s", args);
	p = popen(line, "r");
	assert_non_null(p);
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	pclose(p);
	return out;
}

/* Where web-srv runs as node's own crm_mon says ("" if nowhere). */
static void
web_per_node(const char *node, char *out, size_t len)
{
	const char *xml = lab_out("exec %s crm_mon --output-as=xml 2>/dev/null",
				  node);
	const char *at = strstr(xml, "<resource id=\"web-srv\"");
	const char *end, *n;

	out[0] = '\0';
	if (at == NULL || strstr(at, " role=\"Started\"") == NULL)
		return;
	end = strstr(at, "</resource>");
	n = strstr(at, "<node name=\"");
	if (n == NULL || (end != NULL && n > end))
		return;
	n += 12;
	snprintf(out, len, "%.*s", (int)strcspn(n, "\""), n);
}

/* ---- what a case measured, and its checks ------------------------- */

struct times {
	const char *id, *what;
	long detect_ms, recover_ms, back_ms;   /* -1: never */
	const char *detect_what, *recover_what, *back_what;
};

static struct times cur;
static int soft_failures;

static void
expect(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A check that is counted and printed, and does not end the case: the
 * case measures everything first, then fails if any check did. */
static void
expect(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s - ", ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		soft_failures++;
}

static void
judge(void)
{
	if (soft_failures > 0)
		fail_msg("case (%s): %d check(s) failed (FAIL lines above)",
			 cur.id, soft_failures);
}

static void
times_begin(const char *id, const char *what, const char *recover_what,
	    const char *back_what)
{
	memset(&cur, 0, sizeof(cur));
	cur.id = id;
	cur.what = what;
	cur.detect_what = "from the fault";
	cur.recover_what = recover_what;
	cur.back_what = back_what;
	cur.detect_ms = cur.recover_ms = cur.back_ms = -1;
	soft_failures = 0;
	printf("# case (%s): %s\n", id, what);
}

static void
fmt_s(char *buf, size_t len, long ms)
{
	if (ms < 0)
		snprintf(buf, len, "never");
	else
		snprintf(buf, len, "%.1f s", ms / 1000.0);
}

/* Prints the case's times and appends them to $FAULT_TIMES, one line:
 * id|what|detect|recover|back|detect_what|recover_what|back_what|status. */
static void
times_end(void)
{
	char d[32], r[32], b[32];
	const char *path = getenv("FAULT_TIMES");
	FILE *f;

	if (cur.id == NULL)
		return;
	fmt_s(d, sizeof(d), cur.detect_ms);
	fmt_s(r, sizeof(r), cur.recover_ms);
	fmt_s(b, sizeof(b), cur.back_ms);
	printf("# case (%s) %s: detected after %s (%s); %s after %s; %s "
	       "after %s\n", cur.id, cur.what, d, cur.detect_what,
	       cur.recover_what, r, cur.back_what, b);
	if (path != NULL && (f = fopen(path, "a")) != NULL) {
		fprintf(f, "%s|%s|%s|%s|%s|%s|%s|%s|%s\n", cur.id, cur.what, d,
			r, b, cur.detect_what, cur.recover_what,
			cur.back_what, soft_failures ? "FAIL" : "ok");
		fclose(f);
	}
	cur.id = NULL;
}

/* ---- ccon as the console runs it ---------------------------------- */

#define EVENTS_MAX 512

struct fx {
	struct cluster *c;
	struct audit *audit;
	char audit_path[512];
	int wake[2];
	uint64_t t0;                  /* when the fault was made */
	char events[EVENTS_MAX][320];
	size_t n_events;
};

static struct fx the_fx;

/* A cluster over SSH to the first n lab nodes, node1 first. */
static struct cluster *
lab_cluster(size_t n, unsigned command_timeout_ms, struct audit *audit)
{
	const char *nodes[3];
	struct ssh_link_params sp = { .cluster = "lab" };
	struct pacemaker_params pp = { .cluster = "lab",
				       .command_timeout_ms =
					   command_timeout_ms };
	struct cluster_params cp = { .name = "lab", .driver_name = "pacemaker",
				     .refresh_ms = REFRESH_MS,
				     .transition_timeout_ms = 60000,
				     .audit = audit };
	char *err = NULL;
	size_t i;

	for (i = 0; i < n; i++)
		nodes[i] = node_spec[i];
	sp.nodes = nodes;
	sp.n_nodes = n;
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

/* ccon's worker on the three nodes, refreshing on its own. */
static void
fx_start(struct fx *f, unsigned command_timeout_ms, bool with_audit)
{
	char *err = NULL;
	int i;

	if (with_audit) {
		snprintf(f->audit_path, sizeof(f->audit_path),
			 "%s/audit-%s.log", getenv("FAULT_TMP") ?
			 getenv("FAULT_TMP") : "/tmp", cur.id);
		unlink(f->audit_path);
		f->audit = audit_open(f->audit_path, &err);
		if (f->audit == NULL)
			fail_msg("audit log: %s", err);
	}
	f->c = lab_cluster(3, command_timeout_ms, f->audit);
	assert_int_equal(pipe(f->wake), 0);
	for (i = 0; i < 2; i++)
		fcntl(f->wake[i], F_SETFL, fcntl(f->wake[i], F_GETFL) |
		      O_NONBLOCK);
	if (cluster_start(f->c, f->wake[1], &err) != 0)
		fail_msg("worker: %s", err);
	f->t0 = now_ms();
}

static void
fx_stop(struct fx *f)
{
	if (f->c != NULL) {
		cluster_free(f->c);
		close(f->wake[0]);
		close(f->wake[1]);
	}
	if (f->audit != NULL)
		audit_close(f->audit);
	f->c = NULL;
	f->audit = NULL;
}

static void
keep_events(struct fx *f, struct cluster *c)
{
	struct event ev[64];
	size_t n, i;

	while ((n = cluster_drain_events(c, ev, 64)) > 0)
		for (i = 0; i < n; i++) {
			printf("#   %+.1fs event: %s\n",
			       ((double)now_ms() - (double)f->t0) / 1000.0,
			       ev[i].text);
			snprintf(f->events[f->n_events++ % EVENTS_MAX], 320,
				 "%s", ev[i].text);
		}
}

/* Whether an event kept from the from-th on holds a and b (b may be
 * NULL). */
static bool
event_since(const struct fx *f, size_t from, const char *a, const char *b)
{
	size_t i;

	if (f->n_events > EVENTS_MAX && from < f->n_events - EVENTS_MAX)
		from = f->n_events - EVENTS_MAX;
	for (i = from; i < f->n_events; i++)
		if (has_ci(f->events[i % EVENTS_MAX], a) &&
		    (b == NULL || has_ci(f->events[i % EVENTS_MAX], b)))
			return true;
	return false;
}

static bool
event_has(const struct fx *f, const char *a, const char *b)
{
	return event_since(f, 0, a, b);
}

/* One look at what ccon shows, as the UI would take it. */
struct look {
	struct cluster_status st;
	struct snapshot *s;
	long t;                       /* ms since the fault */
};

static void
look(struct fx *f, struct look *l)
{
	char buf[64];

	while (read(f->wake[0], buf, sizeof(buf)) > 0)
		;
	keep_events(f, f->c);
	cluster_get_status(f->c, &l->st);
	l->s = cluster_snapshot(f->c);
	l->t = (long)(now_ms() - f->t0);
}

static void
unlook(struct look *l)
{
	snapshot_unref(l->s);
	l->s = NULL;
}

static bool
fresh(const struct look *l)
{
	return l->st.have_data && !l->st.stale;
}

static bool
fresh_from(const struct look *l, size_t i)
{
	return fresh(l) && strcmp(l->st.source, node_spec[i]) == 0;
}

/* Fresh data from node2 or node3. */
static bool
fresh_elsewhere(const struct look *l)
{
	return fresh(l) && (strcmp(l->st.source, node_spec[1]) == 0 ||
			    strcmp(l->st.source, node_spec[2]) == 0);
}

/* Where group web runs in the snapshot, all of it online on one node,
 * or NULL. */
static const char *
web_on(const struct snapshot *s)
{
	const struct model_group *g;
	const char *on = NULL;
	long gi;
	size_t i;

	if (s == NULL || (gi = snapshot_find_group(s, "web")) < 0)
		return NULL;
	g = &s->groups[gi];
	if (g->state != GROUP_ONLINE)
		return NULL;
	for (i = 0; i < g->n_members; i++) {
		const struct model_resource *r = &s->resources[g->members[i]];

		if (r->n_nodes != 1 || (on != NULL && strcmp(on, r->nodes[0])))
			return NULL;
		on = r->nodes[0];
	}
	return on;
}

static const struct link_status *
link1(const struct look *l)
{
	return l->st.n_links > 0 ? &l->st.links[0] : NULL;
}

/* Waits until ccon serves fresh data from node1, then a few seconds more
 * (its doorbell running), as a console that has been up for a while. */
static bool
settle_on_node1(struct fx *f)
{
	struct look l;
	int i;

	for (i = 0; i < 400; i++) {
		bool ok;

		look(f, &l);
		ok = fresh_from(&l, 0) && web_on(l.s) != NULL;
		unlook(&l);
		if (ok)
			break;
		nap(LOOK_MS);
	}
	if (i == 400)
		return false;
	nap(4000);
	look(f, &l);
	i = fresh_from(&l, 0);
	unlook(&l);
	return i;
}

/* Whether the status says a node cannot serve: its link down, or its
 * tools found unable to reach the cluster ("treated like a dead link"). */
static bool
cannot_serve(const struct link_status *k)
{
	return k->state == LINK_DOWN || k->verdict == VERDICT_NO_STACK;
}

/* Waits (up to secs) until node1's link no longer says it is down or
 * cannot serve, with no reason left; returns the ms that took, or -1. */
static long
until_link1_back(struct fx *f, uint64_t since, int secs)
{
	struct look l;
	long t = -1;
	int i;

	for (i = 0; i < secs * 1000 / LOOK_MS; i++) {
		const struct link_status *k;

		look(f, &l);
		k = link1(&l);
		if (k != NULL && !cannot_serve(k) &&
		    k->verdict != VERDICT_NO_QUORUM && k->reason[0] == '\0')
			t = (long)(now_ms() - since);
		unlook(&l);
		if (t >= 0)
			return t;
		nap(LOOK_MS);
	}
	return -1;
}

/* A new ccon on node1 alone: it is served fresh data with quorum there. */
static bool
node1_serves(void)
{
	struct cluster *c = lab_cluster(1, 20000, NULL);
	struct cluster_status st;
	struct snapshot *s;
	bool ok;

	ok = cluster_refresh(c) == 0;
	cluster_get_status(c, &st);
	s = cluster_snapshot(c);
	ok = ok && !st.stale && strcmp(st.source, node_spec[0]) == 0 &&
	     s != NULL && s->quorum;
	snapshot_unref(s);
	cluster_free(c);
	return ok;
}

/* Words that say a node's cluster tools cannot reach its cluster (not
 * merely that SSH failed). */
static bool
says_stack_down(const char *why)
{
	static const char *const words[] = {
		"not connected", "not running", "cannot reach", "stack",
		"pacemaker", "corosync", "crm_mon", "cibadmin", "102", "107",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (has_ci(why, words[i]))
			return true;
	return false;
}

/* Words that say a view is a partition's without quorum. */
static bool
says_no_quorum(const char *text)
{
	return has_ci(text, "quorum") || has_ci(text, "minority");
}

/* Whether an event from the from-th on names spec (NULL: any) and says
 * it is without quorum. */
static bool
event_no_quorum(const struct fx *f, size_t from, const char *spec)
{
	return event_since(f, from, "quorum", spec) ||
	       event_since(f, from, "minority", spec);
}

/* ---- setup and teardown: the lab as it was ------------------------ */

static int
setup(void **state)
{
	memset(&the_fx, 0, sizeof(the_fx));
	*state = &the_fx;
	if (lab("wait --timeout 120 >/dev/null") != 0) {
		fprintf(stderr, "the lab has not settled before the case\n");
		lab("status >&2");
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	fx_stop(f);
	times_end();
	lab("heal");
	/* What the cases change on the cluster, undone (missing is fine). */
	lab("exec node2 crm_resource --resource web --meta --delete-parameter "
	    "target-role >/dev/null 2>&1");
	lab("exec node2 crm_attribute --node node3 --name ccon-lab-tick "
	    "--delete --lifetime reboot >/dev/null 2>&1");
	if (lab("wait --timeout 120 >/dev/null") != 0) {
		fprintf(stderr, "the lab did not settle after the case\n");
		lab("faults >&2");
		lab("status >&2");
		return -1;
	}
	return 0;
}

/* ---- the cases ------------------------------------------------------ */

/* What a look shows of ccon leaving node1 after a fault at f->t0: the
 * first look (ms from the fault, -1: none yet) stale or elsewhere
 * (detect), fresh from another node (moved, and which), fresh from
 * node1 as of after the fault (vouched: must never be), and node1
 * marked the way the case expects (marked, and why). */
struct departure {
	long detect, moved, vouched, marked;
	char why[512], moved_to[128];
};

static void
watch_departure(const struct fx *f, const struct look *l,
		bool (*marked_if)(const struct link_status *),
		struct departure *d)
{
	const struct link_status *k = link1(l);

	if (d->detect < 0 && (l->st.stale ||
			      strcmp(l->st.source, node_spec[0]) != 0))
		d->detect = l->t;
	if (d->moved < 0 && fresh_elsewhere(l)) {
		d->moved = l->t;
		snprintf(d->moved_to, sizeof(d->moved_to), "%s", l->st.source);
	}
	if (d->vouched < 0 && fresh_from(l, 0) && l->st.last_ok_ms > f->t0)
		d->vouched = l->t;
	if (d->marked < 0 && k != NULL && marked_if(k) &&
	    k->reason[0] != '\0') {
		d->marked = l->t;
		snprintf(d->why, sizeof(d->why), "%s", k->reason);
	}
}

static bool
link_down(const struct link_status *k)
{
	return k->state == LINK_DOWN;
}

/* (a) node1's corosync and pacemaker die; its sshd answers on. */
static void
stack_killed(void **state)
{
	struct fx *f = *state;
	struct departure d = { .detect = -1, .moved = -1, .vouched = -1,
			       .marked = -1 };
	long view = -1;
	char shown[64] = "", truth[64];
	uint64_t t1;
	struct look l;
	int i;

	times_begin("a", "stack killed on node1",
		    "fresh data from node2/node3",
		    "node1 usable again, from start-stack");
	fx_start(f, 20000, false);
	assert_true(settle_on_node1(f));
	assert_int_equal(lab("kill-stack node1"), 0);
	f->t0 = now_ms();
	for (i = 0; i < 60000 / LOOK_MS; i++) {
		look(f, &l);
		watch_departure(f, &l, cannot_serve, &d);
		if (view < 0 && fresh_elsewhere(&l) && web_on(l.s) != NULL &&
		    strcmp(web_on(l.s), "node1") != 0) {
			view = l.t;
			snprintf(shown, sizeof(shown), "%s", web_on(l.s));
		}
		unlook(&l);
		if (d.detect >= 0 && d.moved >= 0 && d.marked >= 0 &&
		    view >= 0)
			break;
		nap(LOOK_MS);
	}
	web_per_node("node2", truth, sizeof(truth));
	cur.detect_ms = d.detect;
	cur.recover_ms = d.moved;
	printf("#   detect %s, fresh from %s %s, node1 marked %s (%s), web "
	       "shown on %s after %s (node2 says %s)\n", ms(d.detect),
	       name_of(d.moved_to), ms(d.moved), ms(d.marked), d.why,
	       shown[0] ? shown : "-", ms(view), truth[0] ? truth : "-");

	/* Back: the stack starts again; ccon, on another node, tries node1
	 * again by itself. */
	assert_int_equal(lab("start-stack node1"), 0);
	t1 = now_ms();
	if (d.marked >= 0)
		cur.back_ms = until_link1_back(f, t1, 60);

	expect(d.detect >= 0 && d.detect <= DETECT_MS, "the data is marked "
	       "stale or ccon has left node1 within two refreshes (%d ms): %s",
	       DETECT_MS, ms(d.detect));
	expect(d.moved >= 0 && d.moved <= MOVE_MS, "fresh data from node2 or "
	       "node3 within %d ms: %s (%s)", MOVE_MS, ms(d.moved),
	       name_of(d.moved_to));
	expect(d.vouched < 0, "no data from node1 passed as fresh after its "
	       "stack died (first: %s)", ms(d.vouched));
	expect(d.marked >= 0 && says_stack_down(d.why), "the status says "
	       "node1 cannot serve, and why (its cluster stack): \"%s\"",
	       d.why);
	expect(view >= 0 && strcmp(shown, truth) == 0, "ccon shows the "
	       "survivors' view: web on %s, as node2 says (%s)",
	       shown[0] ? shown : "-", truth[0] ? truth : "-");
	expect(cur.back_ms >= 0, "after start-stack ccon finds node1 usable "
	       "again by itself (its link no longer down): %s",
	       ms(cur.back_ms));
	expect(node1_serves(), "and node1 serves fresh data with quorum to "
	       "a new ccon");
	judge();
}

/* (b) node1 alone in a partition without quorum; node2 and node3 keep
 * quorum and take its resources over. */
static void
isolated(void **state)
{
	struct fx *f = *state;
	long detect = -1, moved = -1, said = -1, view = -1, unmarked = -1;
	char shown[64] = "", truth[64], moved_to[128] = "";
	struct cluster_status st;
	struct snapshot *s;
	struct cluster *solo;
	uint64_t t1;
	struct look l;
	bool minority_marked, quorum_shown;
	size_t solo_events;
	int i;

	times_begin("b", "node1 isolated (partition without quorum)",
		    "the quorate partition's view",
		    "all fine, from rejoin");
	fx_start(f, 20000, false);
	assert_true(settle_on_node1(f));
	assert_int_equal(lab("isolate node1"), 0);
	f->t0 = now_ms();
	for (i = 0; i < 60000 / LOOK_MS; i++) {
		const struct link_status *k;
		bool quorum_word;

		look(f, &l);
		k = link1(&l);
		quorum_word = (k != NULL && says_no_quorum(k->reason)) ||
			      says_no_quorum(l.st.error);
		if (detect < 0 && (l.st.stale || quorum_word ||
				   strcmp(l.st.source, node_spec[0]) != 0))
			detect = l.t;
		if (moved < 0 && fresh_elsewhere(&l) && l.s != NULL &&
		    l.s->quorum) {
			moved = l.t;
			snprintf(moved_to, sizeof(moved_to), "%s",
				 l.st.source);
		}
		if (said < 0 && ((k != NULL && says_no_quorum(k->reason)) ||
				 event_no_quorum(f, 0, node_spec[0])))
			said = l.t;
		/* node1's own view, without quorum, shown as the cluster's
		 * and not marked as anything else. */
		if (unmarked < 0 && fresh_from(&l, 0) && l.s != NULL &&
		    !l.s->quorum && !quorum_word)
			unmarked = l.t;
		if (view < 0 && fresh_elsewhere(&l) && l.s != NULL &&
		    l.s->quorum && web_on(l.s) != NULL &&
		    strcmp(web_on(l.s), "node1") != 0) {
			view = l.t;
			snprintf(shown, sizeof(shown), "%s", web_on(l.s));
		}
		unlook(&l);
		if (moved >= 0 && said >= 0 && view >= 0 && detect >= 0)
			break;
		nap(LOOK_MS);
	}
	web_per_node("node2", truth, sizeof(truth));
	cur.detect_ms = detect;
	cur.recover_ms = moved;
	printf("#   detect %s, quorate view from %s %s, said %s, web shown "
	       "on %s after %s (node2 says %s)\n", ms(detect),
	       name_of(moved_to), ms(moved), ms(said), shown[0] ? shown : "-",
	       ms(view), truth[0] ? truth : "-");

	/* With node1 alone configured, no configured node has quorum: ccon
	 * may show node1's view, but as a minority's. */
	for (i = 0; i < 40 && !strstr(lab_out("exec node1 crm_mon "
		 "--output-as=xml 2>/dev/null"), "with_quorum=\"false\""); i++)
		nap(500);
	solo = lab_cluster(1, 20000, NULL);
	solo_events = f->n_events;
	cluster_refresh(solo);
	nap(REFRESH_MS);
	cluster_refresh(solo);
	keep_events(f, solo);
	cluster_get_status(solo, &st);
	s = cluster_snapshot(solo);
	minority_marked = says_no_quorum(st.error) ||
			  (st.n_links > 0 && says_no_quorum(st.links[0].reason)) ||
			  event_no_quorum(f, solo_events, NULL);
	quorum_shown = s != NULL && s->quorum;
	printf("#   node1 alone configured: stale %d, error \"%s\", link "
	       "\"%s\", snapshot quorum %d\n", st.stale, st.error,
	       st.n_links > 0 ? st.links[0].reason : "", s ? s->quorum : -1);
	snapshot_unref(s);
	cluster_free(solo);

	assert_int_equal(lab("rejoin node1"), 0);
	t1 = now_ms();
	for (i = 0; i < 60000 / LOOK_MS && cur.back_ms < 0; i++) {
		const struct link_status *k;

		look(f, &l);
		k = link1(&l);
		if (fresh(&l) && l.s != NULL && l.s->quorum && k != NULL &&
		    k->state != LINK_DOWN && !says_no_quorum(k->reason) &&
		    !says_no_quorum(l.st.error))
			cur.back_ms = (long)(now_ms() - t1);
		unlook(&l);
		nap(LOOK_MS);
	}

	expect(moved >= 0 && moved <= PARTITION_MS + MOVE_MS, "ccon shows a "
	       "node of the quorate partition, with quorum, within %d ms of "
	       "the cut (node1 knows after about 3.5 s, then two refreshes): "
	       "%s (%s)", PARTITION_MS + MOVE_MS, ms(moved),
	       name_of(moved_to));
	expect(unmarked < 0, "node1's view without quorum was never shown "
	       "as the cluster's, unmarked (first: %s)", ms(unmarked));
	expect(said >= 0, "the status says node1 is in a partition without "
	       "quorum (its link, or an event naming it): %s", ms(said));
	expect(view >= 0 && strcmp(shown, truth) == 0, "ccon shows the "
	       "quorate partition's resources: web on %s, as node2 says (%s)",
	       shown[0] ? shown : "-", truth[0] ? truth : "-");
	expect(minority_marked && !quorum_shown, "with only node1 "
	       "configured, its view is marked as a minority's (\"quorum\" or "
	       "\"minority\" in the status) and not shown with quorum");
	expect(cur.back_ms >= 0, "after rejoin all is fine: fresh, quorum, "
	       "node1's link not down and no word of quorum: %s",
	       ms(cur.back_ms));
	judge();
}

/* (c) node1's sshd and its sessions die; its cluster runs on. */
static void
sshd_killed(void **state)
{
	struct fx *f = *state;
	struct departure d = { .detect = -1, .moved = -1, .vouched = -1,
			       .marked = -1 };
	uint64_t t1;
	struct look l;
	int i;

	times_begin("c", "sshd of node1 killed", "fresh data from node2/node3",
		    "node1 usable again, from start-sshd");
	fx_start(f, 20000, false);
	assert_true(settle_on_node1(f));
	assert_int_equal(lab("kill-sshd node1"), 0);
	f->t0 = now_ms();
	for (i = 0; i < 30000 / LOOK_MS; i++) {
		look(f, &l);
		watch_departure(f, &l, link_down, &d);
		unlook(&l);
		if (d.detect >= 0 && d.moved >= 0 && d.marked >= 0)
			break;
		nap(LOOK_MS);
	}
	cur.detect_ms = d.detect;
	cur.recover_ms = d.moved;
	printf("#   detect %s, fresh from %s %s, node1 marked %s (%s)\n",
	       ms(d.detect), name_of(d.moved_to), ms(d.moved), ms(d.marked),
	       d.why);

	assert_int_equal(lab("start-sshd node1"), 0);
	t1 = now_ms();
	if (d.marked >= 0)
		cur.back_ms = until_link1_back(f, t1, 60);

	expect(d.detect >= 0 && d.detect <= DETECT_MS, "stale or gone from "
	       "node1 within two refreshes (%d ms): %s", DETECT_MS,
	       ms(d.detect));
	expect(d.moved >= 0 && d.moved <= MOVE_MS, "the next node serves "
	       "fresh data within %d ms: %s (%s)", MOVE_MS, ms(d.moved),
	       name_of(d.moved_to));
	expect(d.vouched < 0, "no data from node1 passed as fresh once its "
	       "sshd was gone (first: %s)", ms(d.vouched));
	expect(d.marked >= 0, "node1's link is down, and says why: \"%s\"",
	       d.why);
	expect(cur.back_ms >= 0, "after start-sshd ccon finds node1 usable "
	       "again by itself: %s", ms(cur.back_ms));
	expect(node1_serves(), "and node1 serves a new ccon");
	judge();
}

/* The stand-ins of crm_mon on node1 that have run longer than limit_s,
 * but the doorbell's (a long-running stream by design) unless
 * with_doorbell; their lines into out. */
static int
hung_longer(unsigned limit_s, bool with_doorbell, char *out, size_t len)
{
	const char *p = lab_out("hung node1 crm_mon");
	size_t used = 0;
	int n = 0;

	out[0] = '\0';
	while (*p != '\0') {
		size_t k = strcspn(p, "\n");
		char line[600];
		unsigned long pid, secs;

		snprintf(line, sizeof(line), "%.*s", (int)k, p);
		p += k + (p[k] == '\n');
		if (sscanf(line, "%lu %lu", &pid, &secs) != 2)
			continue;
		if (secs <= limit_s || (!with_doorbell &&
					strstr(line, "--interval") != NULL))
			continue;
		n++;
		used += (size_t)snprintf(out + used, used < len ? len - used
					 : 0, "[%s] ", line);
	}
	return n;
}

/* (e) crm_mon hangs on node1, and ccon asks it: the command timeout ends
 * it, nothing of it stays on node1, the next refresh works. */
static void
tool_hangs(void **state)
{
	struct fx *f = *state;
	long detect = -1, again = -1, unhung_at = -1, since_call = -1;
	double detect_wall = 0, first_call;
	int left = 0, n;
	char left_text[2048] = "", text[2048], where[128] = "", calls[4096];
	uint64_t t1;
	struct look l;
	int i;

	times_begin("e", "crm_mon hangs on node1 (command timeout 3 s)",
		    "fresh data again",
		    "no stand-in left, from ccon letting go");
	cur.detect_what = "from the first hanging call";
	fx_start(f, HANG_TIMEOUT_MS, false);
	assert_true(settle_on_node1(f));
	assert_int_equal(lab("hang-tool node1 crm_mon"), 0);
	/* A change, so that the next refresh fetches the state. */
	assert_int_equal(lab("exec node2 crm_attribute --node node3 --name "
			     "ccon-lab-tick --update 1 --lifetime reboot "
			     ">/dev/null"), 0);
	f->t0 = now_ms();
	for (i = 0; i < 30000 / LOOK_MS; i++) {
		look(f, &l);
		if (detect < 0 && (l.st.stale ||
				   strcmp(l.st.source, node_spec[0]) != 0)) {
			detect = l.t;
			detect_wall = wall_ms();
		}
		if (detect >= 0 && again < 0 && fresh(&l) &&
		    l.st.last_ok_ms > f->t0 + (uint64_t)detect) {
			again = l.t;
			snprintf(where, sizeof(where), "%s", l.st.source);
		}
		unlook(&l);
		/* A stand-in still there well after the timeout. */
		if (i % 20 == 10 && (n = hung_longer(HANG_TIMEOUT_MS / 1000 +
						     3, false, text,
						     sizeof(text))) > left) {
			left = n;
			snprintf(left_text, sizeof(left_text), "%s", text);
		}
		if (detect >= 0 && again >= 0 && l.t > detect + 8000)
			break;
		if (detect >= 0 && again < 0 && l.t > detect + 15000)
			break;
		nap(LOOK_MS);
	}
	snprintf(calls, sizeof(calls), "%s",
		 lab_out("exec node1 cat /run/ccon-lab/hang/crm_mon.calls"));
	printf("#   stand-in calls on node1 (time, pid, arguments):\n%s",
	       calls);
	/* The hang began with the first call (the change rang ccon's
	 * doorbell, which crm_mon rings up to a few seconds late). */
	if (detect >= 0 && sscanf(calls, "%lf", &first_call) == 1)
		since_call = (long)(detect_wall - first_call * 1e3);
	if (again < 0) {
		/* Not elsewhere: node1 once it answers again. */
		n = hung_longer(HANG_TIMEOUT_MS / 1000 + 3, false, text,
				sizeof(text));
		if (n > left) {
			left = n;
			snprintf(left_text, sizeof(left_text), "%s", text);
		}
		assert_int_equal(lab("unhang-tool node1 crm_mon"), 0);
		unhung_at = (long)(now_ms() - f->t0);
		for (i = 0; i < 15000 / LOOK_MS && again < 0; i++) {
			look(f, &l);
			if (fresh(&l) && l.st.last_ok_ms > f->t0 +
			    (uint64_t)unhung_at) {
				again = l.t;
				snprintf(where, sizeof(where), "%s",
					 l.st.source);
			}
			unlook(&l);
			nap(LOOK_MS);
		}
	}
	cur.detect_ms = since_call;
	cur.recover_ms = again;
	printf("#   detect %s after the change, %s after the first hanging "
	       "call; fresh again from %s at %s%s\n", ms(detect),
	       ms(since_call), name_of(where), ms(again), unhung_at >= 0 ?
	       " (after unhang-tool)" : "");

	/* ccon lets go of the cluster: every stand-in it started ends. */
	fx_stop(f);
	t1 = now_ms();
	for (i = 0; i < 100; i++) {
		if (lab_out("hung node1 crm_mon")[0] == '\0') {
			cur.back_ms = (long)(now_ms() - t1);
			break;
		}
		nap(LOOK_MS);
	}
	if (cur.back_ms < 0)
		printf("#   still running: %s", lab_out("hung node1 crm_mon"));

	expect(calls[0] != '\0', "ccon did call the hanging crm_mon on node1");
	expect(since_call >= 0 && since_call <= HANG_TIMEOUT_MS + 1000,
	       "the hanging command ends at its timeout: stale or moved "
	       "within %d ms of the first hanging call (3 s + 1 s): %s",
	       HANG_TIMEOUT_MS + 1000, ms(since_call));
	expect(left == 0, "nothing of it is left running on node1 (no "
	       "stand-in but a doorbell older than %d s): %s",
	       HANG_TIMEOUT_MS / 1000 + 3, left_text[0] ? left_text : "none");
	expect(again >= 0, "a later refresh works: fresh from %s at %s%s",
	       name_of(where), ms(again), unhung_at >= 0 ?
	       ", node1 once unhung" : "");
	expect(cur.back_ms >= 0, "no stand-in of crm_mon runs on node1 once "
	       "ccon has let go of it (5 s)");
	judge();
}

/* (f) Offline of group web, in flight on node1, when node1's stack dies:
 * the request ends visibly, and the audit log says how. */
static void
request_in_flight(void **state)
{
	struct fx *f = *state;
	long detect = -1, ended = -1, pending = -1;
	char *msg = NULL, line[2048], outcome[2048] = "";
	const char *how = NULL;
	struct action a;
	struct look l;
	FILE *log;
	int i;

	times_begin("f", "node1's stack killed during offline of group web",
		    "the request ended", "the lab settled, from start-stack");
	fx_start(f, 20000, true);
	assert_true(settle_on_node1(f));
	assert_int_equal(action_init(&a, ACT_OFFLINE, TARGET_GROUP, "web",
				     NULL, &msg), 0);
	assert_int_equal(cluster_submit(f->c, &a, &msg), CCON_OK);
	free(msg);
	/* Under way on node1: its last member is being stopped. */
	f->t0 = now_ms();
	for (i = 0; i < 15000 / LOOK_MS && pending < 0; i++) {
		long r;

		look(f, &l);
		if (l.s != NULL &&
		    (r = snapshot_find_resource(l.s, "web-srv")) >= 0 &&
		    l.s->resources[r].state == RES_OFFLINE_PENDING)
			pending = l.t;
		unlook(&l);
		nap(LOOK_MS);
	}
	assert_true(pending >= 0);
	assert_int_equal(lab("kill-stack node1"), 0);
	f->t0 = now_ms();
	for (i = 0; i < 75000 / LOOK_MS && ended < 0; i++) {
		look(f, &l);
		if (detect < 0 && (l.st.stale ||
				   strcmp(l.st.source, node_spec[0]) != 0))
			detect = l.t;
		unlook(&l);
		if (event_has(f, "offline group web: done", NULL))
			how = "done";
		else if (event_has(f, "offline group web FAILED", NULL))
			how = "failed";
		if (how != NULL)
			ended = (long)(now_ms() - f->t0);
		nap(LOOK_MS);
	}
	cur.detect_ms = detect;
	cur.recover_ms = ended;
	printf("#   detect %s, request %s after %s%s\n", ms(detect),
	       how ? how : "not ended", ms(ended),
	       event_has(f, "offline group web TIMED OUT", NULL) ?
	       " (it TIMED OUT first)" : "");
	fx_stop(f);
	if ((log = fopen(f->audit_path, "r")) != NULL) {
		while (fgets(line, sizeof(line), log) != NULL)
			if (strstr(line, "outcome of request ") != NULL &&
			    strstr(line, "web") != NULL)
				snprintf(outcome, sizeof(outcome), "%s", line);
		fclose(log);
	}
	printf("#   audit: %s", outcome[0] ? outcome : "no outcome line\n");

	/* The lab back: node1's stack, web online again. */
	assert_int_equal(lab("start-stack node1"), 0);
	lab("exec node2 crm_resource --resource web --meta --delete-parameter "
	    "target-role >/dev/null 2>&1");
	{
		uint64_t t1 = now_ms();

		if (lab("wait --timeout 120 >/dev/null") == 0)
			cur.back_ms = (long)(now_ms() - t1);
	}

	expect(detect >= 0 && detect <= DETECT_MS, "stale or gone from node1 "
	       "within two refreshes (%d ms): %s", DETECT_MS, ms(detect));
	expect(how != NULL && !event_has(f, "offline group web TIMED OUT",
					 NULL), "the request ends visibly, "
	       "done (the survivors finished it) or failed, before its "
	       "timeout: %s after %s", how ? how : "not ended", ms(ended));
	expect(how == NULL || strcmp(how, "done") == 0 ||
	       event_has(f, "offline group web FAILED after", ": "),
	       "a failure says why");
	expect(outcome[0] != '\0' && (strstr(outcome, ": done") != NULL ||
				      strstr(outcome, ": failed") != NULL),
	       "the audit log has its outcome line (\"outcome of request N: "
	       "done|failed ...\")");
	judge();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(stack_killed, setup, teardown),
		cmocka_unit_test_setup_teardown(isolated, setup, teardown),
		cmocka_unit_test_setup_teardown(sshd_killed, setup, teardown),
		cmocka_unit_test_setup_teardown(tool_hangs, setup, teardown),
		cmocka_unit_test_setup_teardown(request_in_flight, setup,
						teardown),
	};
	/* The letter of each case above, for FAULT_CASES. */
	static const char letters[] = "abcef";
	const char *cases = getenv("FAULT_CASES");
	struct CMUnitTest chosen[sizeof(tests) / sizeof(tests[0])];
	size_t n = 0, k;
	int i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < 3; i++) {
		char name[32];

		snprintf(name, sizeof(name), "LAB_SSH_PORT_node%d", i + 1);
		snprintf(node_spec[i], sizeof(node_spec[i]), "127.0.0.1:%s",
			 env(name));
	}
	if (cases != NULL && cases[0] != '\0') {
		for (k = 0; k < sizeof(tests) / sizeof(tests[0]); k++)
			if (strchr(cases, letters[k]) != NULL)
				chosen[n++] = tests[k];
		if (n == 0)
			return 0;
		return _cmocka_run_group_tests("faults", chosen, n, NULL, NULL);
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
