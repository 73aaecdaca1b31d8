/* The simulator: its demo layout, determinism for a seed whatever the
 * time steps, spontaneous events, calm mode and failure injection. */
#include <stdio.h>

#include "fixture.h"

/* A one-line digest of everything observable in a snapshot. */
static void
digest(const struct snapshot *s, char *buf, size_t sz)
{
	size_t i, at = 0;

	buf[0] = '\0';
	for (i = 0; i < s->n_nodes && at < sz; i++)
		at += (size_t)snprintf(buf + at, sz - at, "%s=%d ",
				       s->nodes[i].name, s->nodes[i].state);
	for (i = 0; i < s->n_resources && at < sz; i++)
		at += (size_t)snprintf(buf + at, sz - at, "%s=%d@%s/%u ",
				       s->resources[i].id,
				       s->resources[i].state,
				       s->resources[i].n_nodes
				       ? s->resources[i].nodes[0] : "-",
				       s->resources[i].failcount);
	assert_true(at < sz);
}

static void
sim_digest(struct sim *sim, char *buf, size_t sz)
{
	struct snapshot *s = sim_snapshot(sim);

	digest(s, buf, sz);
	snapshot_unref(s);
}

static void
demo_layout(void **state)
{
	struct sim_options so;
	struct sim *sim;
	struct snapshot *s;
	size_t i, groups = 0, clones = 0, lone = 0;

	(void)state;
	sim_options_default(&so);
	sim = sim_new("demo", &so, 0);
	s = sim_snapshot(sim);
	assert_int_equal(s->n_nodes, 3);
	for (i = 0; i < s->n_groups; i++) {
		if (s->groups[i].kind == GROUP_KIND_GROUP) {
			groups++;
			assert_true(s->groups[i].n_members >= 2);
			assert_true(s->groups[i].n_members <= 4);
		} else if (s->groups[i].kind == GROUP_KIND_CLONE) {
			clones++;
			assert_int_equal(s->groups[i].n_members, 3);
		}
	}
	for (i = 0; i < s->n_resources; i++)
		lone += s->resources[i].group == NULL;
	assert_int_equal(groups, 6);
	assert_int_equal(clones, 1);
	assert_true(lone >= 2);
	assert_string_equal(s->dc, "alpha");
	assert_int_equal(snapshot_find_group(s, "dépôt") >= 0, 1);
	/* Settled: every group is online, the disabled resource offline. */
	for (i = 0; i < s->n_groups; i++)
		assert_int_equal(s->groups[i].state, GROUP_ONLINE);
	assert_int_equal(s->resources[snapshot_find_resource(s, "license-srv")]
			 .state, RES_OFFLINE);
	snapshot_unref(s);
	sim_free(sim);
}

/* Ten simulated minutes with events on: the same for a seed whether time
 * moves in 100 ms or 7 s steps; something does happen; another seed
 * tells another story. */
static void
deterministic_for_a_seed(void **state)
{
	struct sim_options so;
	struct sim *fine, *coarse, *other;
	static char a[8192], b[8192], c[8192];
	uint64_t t, step;
	bool happened = false, differs = false;

	(void)state;
	sim_options_default(&so);
	so.seed = 42;
	fine = sim_new("demo", &so, 0);
	coarse = sim_new("demo", &so, 0);
	so.seed = 43;
	other = sim_new("demo", &so, 0);
	for (t = 7000; t <= 600000; t += 7000) {
		for (step = t - 7000 + 100; step <= t; step += 100)
			sim_advance(fine, step);
		sim_advance(coarse, t);
		sim_advance(other, t);
		sim_digest(fine, a, sizeof(a));
		sim_digest(coarse, b, sizeof(b));
		sim_digest(other, c, sizeof(c));
		assert_string_equal(a, b);
		if (strcmp(a, c) != 0)
			differs = true;
		if (strstr(a, "=4@") || strstr(a, "=2 ") || strstr(a, "/1 "))
			happened = true;   /* a failure, or a paused node */
	}
	assert_true(happened);
	assert_true(differs);
	sim_free(fine);
	sim_free(coarse);
	sim_free(other);
}

static void
calm_means_nothing_happens(void **state)
{
	struct sim_options so;
	struct sim *sim;
	static char a[8192], b[8192];

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	sim = sim_new("demo", &so, 0);
	sim_digest(sim, a, sizeof(a));
	assert_int_equal(sim_next_change(sim), UINT64_MAX);
	sim_advance(sim, 3600 * 1000);
	sim_digest(sim, b, sizeof(b));
	assert_string_equal(a, b);
	sim_free(sim);
}

/* Requests made straight to the simulator answer with clusapi codes. */
static void
direct_requests(void **state)
{
	struct sim_options so;
	struct sim *sim;
	struct action a;
	char *err = NULL;
	int status = -1;

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	sim = sim_new("demo", &so, 0);
	action_init(&a, ACT_OFFLINE, TARGET_RESOURCE, "admin-ip", NULL, &err);
	assert_int_equal(sim_request(sim, &a, 0, &status, &err), 0);
	assert_int_equal(status, CCON_IO_PENDING);
	assert_null(err);
	assert_true(sim_next_change(sim) >= 1600);
	assert_true(sim_next_change(sim) <= 2400);
	/* pending: 997 again, refused with a reason, nothing done */
	assert_int_equal(sim_request(sim, &a, 10, &status, &err), -1);
	assert_int_equal(status, CCON_IO_PENDING);
	assert_non_null(strstr(err, "still going offline"));
	free(err);
	err = NULL;
	action_init(&a, ACT_OFFLINE, TARGET_RESOURCE, "nope", NULL, &err);
	assert_int_equal(sim_request(sim, &a, 20, &status, &err), -1);
	assert_int_equal(status, CCON_RESOURCE_NOT_FOUND);
	assert_non_null(err);
	free(err);
	assert_int_equal(sim_requests_seen(sim), 3);
	sim_free(sim);
}

/* An injected monitor failure hits the instance where it is asked to,
 * and the members after a failed one stop for the moment. */
static void
injected_monitor_failure(void **state)
{
	struct sim_options so;
	struct sim *sim;
	struct snapshot *s;
	long i;
	unsigned n;

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	sim = sim_new("demo", &so, 0);
	assert_int_equal(sim_inject_monitor_failure(sim, "nope", NULL, 10),
			 -1);
	assert_int_equal(sim_inject_monitor_failure(sim, "ping", "zulu", 10),
			 -1);
	assert_int_equal(sim_inject_monitor_failure(sim, "license-srv", NULL,
						    10), -1);
	assert_int_equal(sim_inject_monitor_failure(sim, "ping", "bravo", 10),
			 0);
	assert_int_equal(sim_inject_monitor_failure(sim, "ping", "bravo", 20),
			 -1);
	assert_int_equal(sim_inject_monitor_failure(sim, "web-fs", NULL, 20),
			 0);
	sim_advance(sim, 60000);
	s = sim_snapshot(sim);
	for (n = 0; (i = snapshot_find_instance(s, "ping", n)) >= 0; n++)
		assert_int_equal(s->resources[i].state,
				 strcmp(s->resources[i].nodes[0], "bravo") == 0
				 ? RES_FAILED : RES_ONLINE);
	assert_int_equal(n, 3);
	i = snapshot_find_resource(s, "web-fs");
	assert_int_equal(s->resources[i].state, RES_FAILED);
	assert_string_equal(s->resources[i].failure,
			    "monitor: not running (7) on alpha");
	assert_int_equal(s->resources[snapshot_find_resource(s, "web-server")]
			 .state, RES_OFFLINE);
	assert_int_equal(s->resources[snapshot_find_resource(s, "web-ip")]
			 .state, RES_ONLINE);
	snapshot_unref(s);
	sim_free(sim);
}

/* The flags of a resource in a snapshot of sim (its first instance). */
static unsigned
res_flags(struct sim *sim, const char *id)
{
	struct snapshot *s = sim_snapshot(sim);
	long i = snapshot_find_resource(s, id);
	unsigned flags;

	assert_true(i >= 0);
	flags = s->resources[i].flags;
	snapshot_unref(s);
	return flags;
}

static void
request(struct sim *sim, enum action_kind kind, enum target_kind tk,
	const char *target, const char *node, uint64_t now)
{
	struct action a;
	char *err = NULL;
	int status;

	assert_int_equal(action_init(&a, kind, tk, target, node, &err), 0);
	if (sim_request(sim, &a, now, &status, &err) != 0)
		fail_msg("%s %s: %s", action_kind_word(kind), target, err);
}

/* Own-stopped says who asked: the resource itself (or a lone resource's
 * one role), not its container. Disabled says either. */
static void
own_stopped_flag(void **state)
{
	struct sim_options so;
	struct sim *sim;
	unsigned f;

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	sim = sim_new("demo", &so, 0);
	/* A lone resource created stopped, and one stopped by request. */
	f = res_flags(sim, "license-srv");
	assert_true(f & RES_F_DISABLED);
	assert_true(f & RES_F_OWN_STOPPED);
	assert_false(res_flags(sim, "admin-ip") & (RES_F_DISABLED |
						    RES_F_OWN_STOPPED));
	request(sim, ACT_OFFLINE, TARGET_RESOURCE, "admin-ip", NULL, 0);
	f = res_flags(sim, "admin-ip");
	assert_true(f & RES_F_DISABLED);
	assert_true(f & RES_F_OWN_STOPPED);
	/* A member by its own request; the members after it are only
	 * stopped, with their roles as they were. */
	request(sim, ACT_OFFLINE, TARGET_RESOURCE, "web-fs", NULL, 0);
	f = res_flags(sim, "web-fs");
	assert_true(f & RES_F_DISABLED);
	assert_true(f & RES_F_OWN_STOPPED);
	assert_false(res_flags(sim, "web-server") & (RES_F_DISABLED |
						      RES_F_OWN_STOPPED));
	/* A whole group stopped: its members are disabled by it alone. */
	request(sim, ACT_OFFLINE, TARGET_GROUP, "db", NULL, 0);
	f = res_flags(sim, "db-pgsql");
	assert_true(f & RES_F_DISABLED);
	assert_false(f & RES_F_OWN_STOPPED);
	/* A clone likewise, its instances by their own role. */
	request(sim, ACT_OFFLINE, TARGET_GROUP, "ping-clone", NULL, 0);
	f = res_flags(sim, "ping");
	assert_true(f & RES_F_DISABLED);
	assert_false(f & RES_F_OWN_STOPPED);
	sim_advance(sim, 60000);
	request(sim, ACT_ONLINE, TARGET_GROUP, "ping-clone", NULL, 60000);
	sim_advance(sim, 90000);
	request(sim, ACT_OFFLINE, TARGET_RESOURCE, "ping", NULL, 90000);
	f = res_flags(sim, "ping");
	assert_true(f & RES_F_DISABLED);
	assert_true(f & RES_F_OWN_STOPPED);
	/* Online gives the resource its role back. */
	sim_advance(sim, 120000);
	request(sim, ACT_ONLINE, TARGET_RESOURCE, "admin-ip", NULL, 120000);
	assert_false(res_flags(sim, "admin-ip") & (RES_F_DISABLED |
						    RES_F_OWN_STOPPED));
	sim_free(sim);
}

/* An injected count of failures: that many starts fail, then it works. */
static void
injected_failures_count(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	int i;

	(void)state;
	assert_int_equal(sim_inject_start_failure(f->sim, "nope", 1), -1);
	assert_int_equal(sim_inject_start_failure(f->sim, "license-srv", 2),
			 0);
	for (i = 0; i < 2; i++) {
		fixture_request(f, ACT_ONLINE, TARGET_RESOURCE, "license-srv",
				NULL);
		fixture_advance(f, 4000);
		assert_int_equal(fixture_res(f, "license-srv"), RES_FAILED);
	}
	fixture_request(f, ACT_ONLINE, TARGET_RESOURCE, "license-srv", NULL);
	fixture_advance(f, 4000);
	assert_int_equal(fixture_res(f, "license-srv"), RES_ONLINE);
	fixture_free(f);
}

/* What the live simulation shows of itself: a preview must not move it. */
struct live {
	uint64_t gen, next;
	unsigned long requests;
	char digest[8192];
};

static void
live_get(struct sim *sim, struct live *l)
{
	l->gen = sim_generation(sim);
	l->next = sim_next_change(sim);
	l->requests = sim_requests_seen(sim);
	sim_digest(sim, l->digest, sizeof(l->digest));
}

static void
live_unchanged(struct sim *sim, const struct live *before)
{
	static struct live now;

	live_get(sim, &now);
	assert_int_equal(now.gen, before->gen);
	assert_int_equal(now.next, before->next);
	assert_int_equal(now.requests, before->requests);
	assert_string_equal(now.digest, before->digest);
}

static int
try_preview(struct sim *sim, enum action_kind kind, enum target_kind tk,
	    const char *target, const char *node, uint64_t now,
	    struct preview *p, char **err)
{
	struct action a;

	assert_int_equal(action_init(&a, kind, tk, target, node, err), 0);
	return sim_preview(sim, &a, now, p, err);
}

/* A preview that is answered, with the live simulation left as it was. */
static void
preview(struct sim *sim, enum action_kind kind, enum target_kind tk,
	const char *target, const char *node, uint64_t now, struct preview *p)
{
	static struct live before;
	char *err = NULL;

	live_get(sim, &before);
	if (try_preview(sim, kind, tk, target, node, now, p, &err) != 0)
		fail_msg("preview of %s %s: %s", action_kind_word(kind),
			 target, err);
	assert_null(err);
	live_unchanged(sim, &before);
}

/* How many items of p say this (from, to: NULL for none). */
static size_t
items(const struct preview *p, enum preview_change c, const char *id,
      const char *from, const char *to)
{
	size_t i, n = 0;

	for (i = 0; i < p->n; i++) {
		const struct preview_item *it = &p->items[i];

		if (it->change != c || strcmp(it->id, id) != 0)
			continue;
		if ((from == NULL) != (it->from == NULL) ||
		    (from != NULL && strcmp(from, it->from) != 0))
			continue;
		if ((to == NULL) != (it->to == NULL) ||
		    (to != NULL && strcmp(to, it->to) != 0))
			continue;
		n++;
	}
	return n;
}

/* Where each resource instance runs ("" when it does not), in order. */
static void
placements(struct sim *sim, char (*out)[16], size_t max)
{
	struct snapshot *s = sim_snapshot(sim);
	size_t i;

	assert_true(s->n_resources <= max);
	for (i = 0; i < s->n_resources; i++)
		snprintf(out[i], sizeof(out[i]), "%s",
			 s->resources[i].state == RES_ONLINE
			 ? s->resources[i].nodes[0] : "");
	snapshot_unref(s);
}

/* A calm simulation does what its preview said: the request is made, the
 * cluster settles, and every instance placed otherwise is one item of the
 * preview, with its nodes; nothing else moved. */
static void
preview_comes_true(struct sim *sim, enum action_kind kind,
		   enum target_kind tk, const char *target, const char *node,
		   uint64_t now, const struct preview *p)
{
	static char before[64][16], after[64][16];
	struct snapshot *s;
	size_t i, changed = 0;

	placements(sim, before, 64);
	request(sim, kind, tk, target, node, now);
	sim_advance(sim, now + 600000);
	placements(sim, after, 64);
	s = sim_snapshot(sim);
	for (i = 0; i < s->n_resources; i++) {
		const char *b = before[i][0] ? before[i] : NULL;
		const char *a = after[i][0] ? after[i] : NULL;
		const char *id = s->resources[i].id;

		if (b == NULL && a == NULL)
			continue;
		if (b != NULL && a != NULL && strcmp(b, a) == 0)
			continue;
		changed++;
		assert_int_equal(items(p, a == NULL ? PREVIEW_STOP :
				       b == NULL ? PREVIEW_START :
				       PREVIEW_MOVE, id, b, a), 1);
	}
	snapshot_unref(s);
	assert_int_equal(changed, p->n);
}

static struct sim *
calm_sim(void)
{
	struct sim_options so;

	sim_options_default(&so);
	so.calm = true;
	return sim_new("demo", &so, 0);
}

/* A move and a ban pin every member of the unit by the constraint ids
 * the detail names (Pacemaker's cli-prefer-*, cli-ban-*-on-*); a clear
 * takes them away. */
static void
pins_named(void **state)
{
	struct sim *sim = calm_sim();
	struct snapshot *s;
	const struct model_resource *r;
	long i;

	(void)state;
	request(sim, ACT_MOVE, TARGET_GROUP, "web", "bravo", 0);
	request(sim, ACT_BAN, TARGET_GROUP, "ping-clone", "charlie", 0);
	s = sim_snapshot(sim);
	i = snapshot_find_resource(s, "web-fs");
	assert_true(i >= 0);
	r = &s->resources[i];
	assert_true(r->flags & RES_F_PINNED);
	assert_int_equal(r->n_pinned_by, 1);
	assert_string_equal(r->pinned_by[0], "cli-prefer-web");
	i = snapshot_find_instance(s, "ping", 2);
	assert_true(i >= 0);
	r = &s->resources[i];
	assert_int_equal(r->n_pinned_by, 1);
	assert_string_equal(r->pinned_by[0], "cli-ban-ping-clone-on-charlie");
	i = snapshot_find_resource(s, "admin-ip");
	assert_false(s->resources[i].flags & RES_F_PINNED);
	assert_int_equal(s->resources[i].n_pinned_by, 0);
	snapshot_unref(s);
	sim_advance(sim, 60000);
	request(sim, ACT_CLEAR, TARGET_GROUP, "web", NULL, 60000);
	s = sim_snapshot(sim);
	i = snapshot_find_resource(s, "web-fs");
	assert_false(s->resources[i].flags & RES_F_PINNED);
	assert_int_equal(s->resources[i].n_pinned_by, 0);
	snapshot_unref(s);
	sim_free(sim);
}

/* Offline of a group: its three members stop where they run, and
 * nothing else is touched. */
static void
preview_offline_group(void **state)
{
	struct sim *sim = calm_sim();
	struct preview p;

	(void)state;
	preview(sim, ACT_OFFLINE, TARGET_GROUP, "web", NULL, 1000, &p);
	assert_int_equal(p.n, 3);
	assert_int_equal(items(&p, PREVIEW_STOP, "web-ip", "alpha", NULL), 1);
	assert_int_equal(items(&p, PREVIEW_STOP, "web-fs", "alpha", NULL), 1);
	assert_int_equal(items(&p, PREVIEW_STOP, "web-server", "alpha", NULL),
			 1);
	preview_comes_true(sim, ACT_OFFLINE, TARGET_GROUP, "web", NULL, 1000,
			   &p);
	preview_free(&p);
	sim_free(sim);
}

/* A move: each member from where it runs to the chosen node, and there it
 * runs once the move is made. */
static void
preview_move_group(void **state)
{
	struct sim *sim = calm_sim();
	struct snapshot *s;
	struct preview p;

	(void)state;
	preview(sim, ACT_MOVE, TARGET_GROUP, "web", "bravo", 1000, &p);
	assert_int_equal(p.n, 3);
	assert_int_equal(items(&p, PREVIEW_MOVE, "web-ip", "alpha", "bravo"),
			 1);
	assert_int_equal(items(&p, PREVIEW_MOVE, "web-fs", "alpha", "bravo"),
			 1);
	assert_int_equal(items(&p, PREVIEW_MOVE, "web-server", "alpha",
			       "bravo"), 1);
	preview_comes_true(sim, ACT_MOVE, TARGET_GROUP, "web", "bravo", 1000,
			   &p);
	s = sim_snapshot(sim);
	assert_string_equal(s->resources[snapshot_find_resource(s,
			    "web-server")].nodes[0], "bravo");
	snapshot_unref(s);
	preview_free(&p);
	sim_free(sim);
}

/* Offline of a member stops the members after it too (group order), and
 * not the ones before. */
static void
preview_offline_member(void **state)
{
	struct sim *sim = calm_sim();
	struct preview p;

	(void)state;
	preview(sim, ACT_OFFLINE, TARGET_RESOURCE, "web-ip", NULL, 1000, &p);
	assert_int_equal(p.n, 3);
	assert_int_equal(items(&p, PREVIEW_STOP, "web-ip", "alpha", NULL), 1);
	assert_int_equal(items(&p, PREVIEW_STOP, "web-fs", "alpha", NULL), 1);
	assert_int_equal(items(&p, PREVIEW_STOP, "web-server", "alpha", NULL),
			 1);
	preview_free(&p);
	preview(sim, ACT_OFFLINE, TARGET_RESOURCE, "db-pgsql", NULL, 1000, &p);
	assert_int_equal(p.n, 2);
	assert_int_equal(items(&p, PREVIEW_STOP, "db-pgsql", "bravo", NULL),
			 1);
	assert_int_equal(items(&p, PREVIEW_STOP, "db-backup", "bravo", NULL),
			 1);
	preview_comes_true(sim, ACT_OFFLINE, TARGET_RESOURCE, "db-pgsql", NULL,
			   1000, &p);
	preview_free(&p);
	sim_free(sim);
}

/* Pausing a node: what runs there moves away, the clone's instance there
 * stops; nothing else. */
static void
preview_pause_node(void **state)
{
	static const char *const moved[] = { "web-ip", "web-fs", "web-server",
		"nfs-ip", "nfs-fs", "nfs-server", "admin-ip" };
	struct sim *sim = calm_sim();
	struct preview p;
	size_t i, j;

	(void)state;
	preview(sim, ACT_PAUSE, TARGET_NODE, "alpha", NULL, 1000, &p);
	assert_int_equal(p.n, 8);
	assert_int_equal(items(&p, PREVIEW_STOP, "ping", "alpha", NULL), 1);
	for (i = 0; i < sizeof(moved) / sizeof(moved[0]); i++) {
		for (j = 0; j < p.n; j++)
			if (strcmp(p.items[j].id, moved[i]) == 0)
				break;
		assert_true(j < p.n);
		assert_int_equal(p.items[j].change, PREVIEW_MOVE);
		assert_string_equal(p.items[j].from, "alpha");
		assert_string_not_equal(p.items[j].to, "alpha");
	}
	preview_comes_true(sim, ACT_PAUSE, TARGET_NODE, "alpha", NULL, 1000,
			   &p);
	preview_free(&p);
	/* Resuming it: the clone comes back; the groups stay where they
	 * went. */
	preview(sim, ACT_RESUME, TARGET_NODE, "alpha", NULL, 700000, &p);
	assert_int_equal(p.n, 1);
	assert_int_equal(items(&p, PREVIEW_START, "ping", NULL, "alpha"), 1);
	preview_free(&p);
	sim_free(sim);
}

/* Online of a failed member: it starts, and so does the member after it
 * that stopped for the moment. */
static void
preview_online_failed_member(void **state)
{
	struct sim *sim = calm_sim();
	struct preview p;

	(void)state;
	assert_int_equal(sim_inject_monitor_failure(sim, "web-fs", NULL, 1000),
			 0);
	sim_advance(sim, 10000);
	preview(sim, ACT_ONLINE, TARGET_RESOURCE, "web-fs", NULL, 10000, &p);
	assert_int_equal(p.n, 2);
	assert_int_equal(items(&p, PREVIEW_START, "web-fs", NULL, "alpha"), 1);
	assert_int_equal(items(&p, PREVIEW_START, "web-server", NULL, "alpha"),
			 1);
	preview_comes_true(sim, ACT_ONLINE, TARGET_RESOURCE, "web-fs", NULL,
			   10000, &p);
	preview_free(&p);
	sim_free(sim);
}

/* Online of a group: every member, one stopped by its own request too;
 * a ban stops the instance on its node, and clear brings it back. */
static void
preview_membership_and_bans(void **state)
{
	struct sim *sim = calm_sim();
	struct preview p;

	(void)state;
	request(sim, ACT_OFFLINE, TARGET_RESOURCE, "mail-postfix", NULL, 0);
	sim_advance(sim, 5000);
	request(sim, ACT_OFFLINE, TARGET_GROUP, "mail", NULL, 5000);
	sim_advance(sim, 60000);
	preview(sim, ACT_ONLINE, TARGET_GROUP, "mail", NULL, 60000, &p);
	assert_int_equal(p.n, 2);
	assert_int_equal(items(&p, PREVIEW_START, "mail-ip", NULL, "charlie"),
			 1);
	assert_int_equal(items(&p, PREVIEW_START, "mail-postfix", NULL,
			       "charlie"), 1);
	preview_comes_true(sim, ACT_ONLINE, TARGET_GROUP, "mail", NULL, 60000,
			   &p);
	preview_free(&p);
	preview(sim, ACT_BAN, TARGET_RESOURCE, "ping", "bravo", 700000, &p);
	assert_int_equal(p.n, 1);
	assert_int_equal(items(&p, PREVIEW_STOP, "ping", "bravo", NULL), 1);
	preview_comes_true(sim, ACT_BAN, TARGET_RESOURCE, "ping", "bravo",
			   700000, &p);
	preview_free(&p);
	preview(sim, ACT_CLEAR, TARGET_GROUP, "ping-clone", NULL, 1400000, &p);
	assert_int_equal(p.n, 1);
	assert_int_equal(items(&p, PREVIEW_START, "ping", NULL, "bravo"), 1);
	preview_free(&p);
	sim_free(sim);
}

/* What the plan refuses is refused with its reason; what has nothing to
 * do previews as nothing; a start that will fail is still planned. */
static void
preview_refused_or_empty(void **state)
{
	struct sim_options so;
	const char *fails[1] = { "license-srv" };
	struct sim *sim;
	struct preview p;
	char *err = NULL;

	(void)state;
	sim_options_default(&so);
	so.calm = true;
	so.fail_start = fails;
	so.n_fail_start = 1;
	sim = sim_new("demo", &so, 0);
	preview(sim, ACT_OFFLINE, TARGET_RESOURCE, "license-srv", NULL, 1000,
		&p);
	assert_int_equal(p.n, 0);
	preview_free(&p);
	preview(sim, ACT_ONLINE, TARGET_RESOURCE, "license-srv", NULL, 1000,
		&p);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.items[0].change, PREVIEW_START);
	preview_free(&p);
	assert_int_equal(try_preview(sim, ACT_MOVE, TARGET_GROUP, "ping-clone",
				     "alpha", 1000, &p, &err), -1);
	assert_non_null(strstr(err, "cannot be moved"));
	assert_int_equal(p.n, 0);
	free(err);
	err = NULL;
	request(sim, ACT_OFFLINE, TARGET_GROUP, "web", NULL, 1000);
	assert_int_equal(try_preview(sim, ACT_ONLINE, TARGET_GROUP, "web",
				     NULL, 1000, &p, &err), -1);
	assert_non_null(strstr(err, "still going offline"));
	free(err);
	sim_free(sim);
}

/* What is under way is not the request's doing: a group stopping already
 * is not in the preview of another request. */
static void
preview_leaves_out_what_is_under_way(void **state)
{
	struct sim *sim = calm_sim();
	struct preview p;

	(void)state;
	request(sim, ACT_OFFLINE, TARGET_GROUP, "db", NULL, 1000);
	sim_advance(sim, 2000);
	preview(sim, ACT_OFFLINE, TARGET_GROUP, "web", NULL, 2000, &p);
	assert_int_equal(p.n, 3);
	assert_int_equal(preview_touches(&p, "db-ip"), 0);
	assert_int_equal(preview_touches(&p, "web-ip"), 1);
	preview_free(&p);
	sim_free(sim);
}

/* The live simulation goes on as if no preview was made: a twin of the
 * same seed with spontaneous events, never previewed, tells the same
 * story step by step (the same generator draws, the same next events). */
static void
preview_leaves_live_alone(void **state)
{
	static const struct { enum action_kind k; enum target_kind tk;
		const char *target, *node; } asks[] = {
		{ ACT_OFFLINE, TARGET_GROUP, "web", NULL },
		{ ACT_MOVE, TARGET_GROUP, "db", "charlie" },
		{ ACT_PAUSE, TARGET_NODE, "bravo", NULL },
		{ ACT_BAN, TARGET_GROUP, "ping-clone", "alpha" },
		{ ACT_CLEANUP, TARGET_GROUP, "files", NULL },
		{ ACT_ONLINE, TARGET_RESOURCE, "license-srv", NULL },
	};
	struct sim_options so;
	struct sim *looked, *twin;
	static char a[8192], b[8192];
	struct preview p;
	char *err;
	uint64_t t;
	size_t i, answered = 0;

	(void)state;
	sim_options_default(&so);
	so.seed = 42;
	looked = sim_new("demo", &so, 0);
	twin = sim_new("demo", &so, 0);
	for (t = 3500; t <= 600000; t += 3500) {
		for (i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
			struct action act;

			err = NULL;
			assert_int_equal(action_init(&act, asks[i].k,
						     asks[i].tk,
						     asks[i].target,
						     asks[i].node, &err), 0);
			if (sim_preview(looked, &act, t, &p, &err) == 0)
				answered++;
			preview_free(&p);
			free(err);
		}
		sim_advance(looked, t);
		sim_advance(twin, t);
		sim_digest(looked, a, sizeof(a));
		sim_digest(twin, b, sizeof(b));
		assert_string_equal(a, b);
		assert_int_equal(sim_generation(looked), sim_generation(twin));
		assert_int_equal(sim_next_change(looked),
				 sim_next_change(twin));
	}
	assert_true(answered > 0);
	sim_free(looked);
	sim_free(twin);
}

/* Through the cluster layer: asked, answered at once with no worker, and
 * refused in read-only mode before anything runs. */
static void
preview_through_the_cluster(void **state)
{
	struct fixture *f = fixture_new(false, NULL, NULL);
	struct action a;
	struct preview p;
	char *err = NULL;
	uint64_t ticket, gen = sim_generation(f->sim);

	(void)state;
	assert_int_equal(action_init(&a, ACT_OFFLINE, TARGET_GROUP, "web",
				     NULL, &err), 0);
	ticket = cluster_preview_ask(f->c, &a, &err);
	assert_true(ticket != 0);
	assert_int_equal(cluster_preview_take(f->c, ticket, &p, &err), 1);
	assert_null(err);
	assert_int_equal(p.n, 3);
	assert_int_equal(items(&p, PREVIEW_STOP, "web-server", "alpha", NULL),
			 1);
	preview_free(&p);
	assert_int_equal(sim_generation(f->sim), gen);
	assert_int_equal(fixture_group(f, "web"), GROUP_ONLINE);
	fixture_free(f);

	f = fixture_new(true, NULL, NULL);
	assert_int_equal(cluster_preview_ask(f->c, &a, &err), 0);
	assert_non_null(strstr(err, "read-only"));
	free(err);
	fixture_free(f);
}

/* sim.copies: the layout n times, the copies' ids ending ".2", ".3". */
static void
copies_of_the_layout(void **state)
{
	struct sim_options so;
	struct sim *one, *three;
	struct snapshot *a, *b;

	(void)state;
	sim_options_default(&so);
	one = sim_new("demo", &so, 0);
	so.copies = 3;
	three = sim_new("demo", &so, 0);
	a = sim_snapshot(one);
	b = sim_snapshot(three);
	assert_int_equal(b->n_resources, 3 * a->n_resources);
	assert_int_equal(b->n_groups, 3 * a->n_groups);
	assert_int_equal(b->n_nodes, a->n_nodes);
	assert_true(snapshot_find_resource(b, "web-ip") >= 0);
	assert_true(snapshot_find_resource(b, "web-ip.2") >= 0);
	assert_true(snapshot_find_resource(b, "web-ip.3") >= 0);
	assert_true(snapshot_find_resource(b, "web-ip.4") < 0);
	assert_true(snapshot_find_group(b, "web.3") >= 0);
	assert_int_equal(b->resources[snapshot_find_resource(b, "web-ip.3")]
	    .state, RES_ONLINE);
	snapshot_unref(a);
	snapshot_unref(b);
	sim_free(one);
	sim_free(three);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(demo_layout),
		cmocka_unit_test(copies_of_the_layout),
		cmocka_unit_test(deterministic_for_a_seed),
		cmocka_unit_test(calm_means_nothing_happens),
		cmocka_unit_test(direct_requests),
		cmocka_unit_test(injected_failures_count),
		cmocka_unit_test(own_stopped_flag),
		cmocka_unit_test(injected_monitor_failure),
		cmocka_unit_test(preview_offline_group),
		cmocka_unit_test(preview_move_group),
		cmocka_unit_test(preview_offline_member),
		cmocka_unit_test(preview_pause_node),
		cmocka_unit_test(preview_online_failed_member),
		cmocka_unit_test(preview_membership_and_bans),
		cmocka_unit_test(preview_refused_or_empty),
		cmocka_unit_test(preview_leaves_out_what_is_under_way),
		cmocka_unit_test(preview_leaves_live_alone),
		cmocka_unit_test(preview_through_the_cluster),
		cmocka_unit_test(pins_named),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
