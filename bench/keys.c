/* What a key costs at 5,000 resources: the find keys (filter as you
 * type, sorts, n, folds, hide healthy) and paging, through the path the
 * console takes for them (the table view's key function, its sync and
 * its draw into an 80x24 curses screen on /dev/null, then doupdate), and
 * what a new snapshot costs the view (rebuild: facts, measure, shape,
 * draw). Prints the median and the worst per key; passes or fails on
 * nothing. See bench/README.md.
 *
 *   keys [CRM_MON_XML]
 *
 * With a file (crm_mon --output-as=xml, e.g. of bench/gen-large-cib's
 * CIB) it reads that; without, it builds the same shape with the
 * snapshot API: 16 nodes, 600 groups of 5, 120 clones on every node, 80
 * lone resources. Either way, every 97th resource is made failed and
 * every 89th stopped though meant to run, so that n and hide healthy
 * have something to find. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curses.h>

#include "backend/core/model.h"
#include "backend/drivers/pacemaker/pcmk_xml.h"
#include "backend/util/clock.h"
#include "tui/widgets/theme.h"
#include "views/view.h"

#define NODES 16
#define SAMPLES 200

static struct snapshot *
build(void)
{
	struct snapshot *s = snapshot_new("bench", "sim", "node1");
	char name[64], node[32], grp[32];
	size_t g, m, c, n, r;
	char *err = NULL;

	for (n = 1; n <= NODES; n++) {
		snprintf(node, sizeof node, "node%zu", n);
		snapshot_add_node(s, node, NODE_UP, n == 1 ? NODE_F_DC : 0);
	}
	for (g = 1; g <= 600; g++) {
		snprintf(grp, sizeof grp, "grp%04zu", g);
		snapshot_add_group(s, grp, GROUP_KIND_GROUP, 0);
	}
	for (c = 1; c <= 120; c++) {
		snprintf(grp, sizeof grp, "cl%04zu-clone", c);
		snapshot_add_group(s, grp, GROUP_KIND_CLONE, 0);
	}
	for (g = 1; g <= 600; g++) {
		snprintf(grp, sizeof grp, "grp%04zu", g);
		snprintf(node, sizeof node, "node%zu", (g - 1) % NODES + 1);
		for (m = 1; m <= 5; m++) {
			snprintf(name, sizeof name, "%s-r%zu", grp, m);
			r = snapshot_add_resource(s, name, grp,
			    "ocf:pacemaker:Dummy", RES_ONLINE, 0);
			snapshot_resource_add_node(s, r, node);
		}
	}
	for (c = 1; c <= 120; c++) {
		snprintf(grp, sizeof grp, "cl%04zu-clone", c);
		snprintf(name, sizeof name, "cl%04zu", c);
		for (n = 1; n <= NODES; n++) {
			snprintf(node, sizeof node, "node%zu", n);
			r = snapshot_add_resource(s, name, grp,
			    "ocf:pacemaker:Dummy", RES_ONLINE, 0);
			snapshot_resource_add_node(s, r, node);
		}
	}
	for (g = 1; g <= 80; g++) {
		snprintf(name, sizeof name, "solo%04zu", g);
		snprintf(node, sizeof node, "node%zu", (g - 1) % NODES + 1);
		r = snapshot_add_resource(s, name, NULL, "ocf:pacemaker:Dummy",
		    RES_ONLINE, 0);
		snapshot_resource_add_node(s, r, node);
	}
	if (snapshot_finish(s, &err) != 0) {
		fprintf(stderr, "keys: %s\n", err != NULL ? err : "?");
		exit(1);
	}
	return s;
}

static struct snapshot *
load(const char *path)
{
	struct snapshot *s = NULL;
	char *buf = NULL, *err = NULL;
	size_t len = 0, cap = 0, n;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		perror(path);
		exit(1);
	}
	do {
		if (len + 65536 > cap) {
			cap = cap ? cap * 2 : 1 << 20;
			buf = realloc(buf, cap);
			if (buf == NULL) {
				fprintf(stderr, "keys: out of memory\n");
				exit(1);
			}
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f) || pcmk_parse(buf, len, NULL, 0, "bench", "file", &s,
	    &err) != 0) {
		fprintf(stderr, "keys: %s: %s\n", path,
		    err != NULL ? err : "cannot read");
		exit(1);
	}
	fclose(f);
	free(buf);
	return s;
}

/* Some failed, some stopped though meant to run. */
static void
trouble(struct snapshot *s)
{
	char *err = NULL;
	size_t r;

	for (r = 0; r < s->n_resources; r++) {
		if (r % 97 == 42)
			snapshot_resource_set_state(s, r, RES_FAILED);
		else if (r % 89 == 17)
			snapshot_resource_set_state(s, r, RES_OFFLINE);
	}
	if (snapshot_finish(s, &err) != 0) {
		fprintf(stderr, "keys: %s\n", err != NULL ? err : "?");
		exit(1);
	}
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

struct run {
	const struct view *v;
	struct view_state *vs;
	struct view_env *env;
	WINDOW *w;
	double t[SAMPLES];
	size_t n;
};

/* The console's turn after a key: sync, draw, one doupdate. */
static void
turn(struct run *r)
{
	r->v->sync(r->v, r->vs, r->env);
	r->v->draw(r->v, r->w, r->vs, r->env);
	wnoutrefresh(r->w);
	doupdate();
}

enum op { OP_TYPE, OP_CLEAR, OP_SORT, OP_NEXT, OP_FOLD, OP_HIDE, OP_NAV };

static void
key(struct run *r, enum op op, int arg)
{
	char msg[160];
	double t0 = now_ms();

	switch (op) {
	case OP_TYPE:
		if (!table_view_typing(r->vs))
			(void)table_view_filter_open(r->v, r->vs, r->env);
		(void)table_view_filter_key(r->v, r->vs, r->env, arg);
		break;
	case OP_CLEAR:
		(void)table_view_filter_clear(r->v, r->vs, r->env);
		break;
	case OP_SORT:
		(void)table_view_sort(r->v, r->vs, r->env, msg, sizeof msg);
		break;
	case OP_NEXT:
		(void)table_view_next(r->v, r->vs, r->env, arg, msg,
		    sizeof msg);
		break;
	case OP_FOLD:
		(void)table_view_fold(r->v, r->vs, r->env, arg, msg,
		    sizeof msg);
		break;
	case OP_HIDE:
		(void)table_view_hide_healthy(r->v, r->vs, r->env, msg,
		    sizeof msg);
		break;
	case OP_NAV:
		(void)r->v->key(r->v, r->vs, r->env, arg);
		break;
	}
	turn(r);
	if (r->n < SAMPLES)
		r->t[r->n++] = now_ms() - t0;
}

static void
report(const char *view, const char *what, struct run *r)
{
	qsort(r->t, r->n, sizeof r->t[0], cmp_double);
	printf("  %-10s %-34s %3zu keys  median %7.3f ms  max %7.3f ms\n",
	    view, what, r->n, r->n ? r->t[r->n / 2] : 0.0,
	    r->n ? r->t[r->n - 1] : 0.0);
	r->n = 0;
}

static void
bench_view(const struct view *v, struct view_env *env, WINDOW *w)
{
	struct view_state vs;
	struct run r = { .v = v, .vs = &vs, .env = env, .w = w };
	const char *filter = "cl01";
	size_t i;
	double t0;

	memset(&vs, 0, sizeof vs);
	t0 = now_ms();
	turn(&r);
	printf("  %-10s %-34s %zu rows: %.1f ms\n", v->name,
	    "first build and draw", vs.rt.all.n, now_ms() - t0);
	for (i = 0; filter[i] != '\0'; i++)
		key(&r, OP_TYPE, filter[i]);
	report(v->name, "typing a 4-letter filter", &r);
	printf("  %-10s %-34s %zu of %zu rows shown\n", "", "", vs.rt.rows.n,
	    vs.rt.all.n);
	key(&r, OP_TYPE, '\n');
	key(&r, OP_CLEAR, 0);
	report(v->name, "Enter, then Esc (clear)", &r);
	for (i = 0; i < ROWS_SORT_COUNT; i++)
		key(&r, OP_SORT, 0);
	report(v->name, "s through every sort and back", &r);
	for (i = 0; i < 10; i++)
		key(&r, OP_NEXT, 1);
	for (i = 0; i < 10; i++)
		key(&r, OP_NEXT, -1);
	report(v->name, "n x10, N x10", &r);
	if (v == &groups_view) {
		for (i = 0; i < 10; i++) {
			key(&r, OP_FOLD, -1);
			key(&r, OP_FOLD, 1);
			key(&r, OP_NAV, KEY_NPAGE);
		}
		report(v->name, "Left, Right (and PgDn) x10", &r);
	}
	for (i = 0; i < 5; i++) {
		key(&r, OP_HIDE, 0);
		key(&r, OP_HIDE, 0);
	}
	report(v->name, "f on, off x5", &r);
	key(&r, OP_NAV, KEY_HOME);
	for (i = 0; i < 20; i++)
		key(&r, OP_NAV, KEY_NPAGE);
	report(v->name, "PgDn x20", &r);
	/* A new snapshot: the rows are built, measured and shaped anew,
	 * with a filter and a sort in force. */
	(void)table_view_filter_open(v, &vs, env);
	(void)table_view_filter_key(v, &vs, env, 'r');
	(void)table_view_filter_key(v, &vs, env, '\n');
	(void)table_view_sort(v, &vs, env, (char[160]){ 0 }, 160);
	for (i = 0; i < 10; i++) {
		t0 = now_ms();
		env->snap_gen++;
		turn(&r);
		r.t[r.n++] = now_ms() - t0;
	}
	report(v->name, "new snapshot: rebuild and draw", &r);
	rowtable_free(&vs.rt);
}

int
main(int argc, char **argv)
{
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	struct snapshot *s;
	struct view_env env;
	struct theme th;
	SCREEN *scr;
	WINDOW *w;
	double t0;

	if (out == NULL || in == NULL) {
		perror("/dev/null");
		return 1;
	}
	t0 = now_ms();
	s = argc > 1 ? load(argv[1]) : build();
	trouble(s);
	printf("keys: %zu resources, %zu groups, %zu nodes (%s, %.0f ms)\n",
	    s->n_resources, s->n_groups, s->n_nodes,
	    argc > 1 ? argv[1] : "built with the snapshot API",
	    now_ms() - t0);
	/* The console's screen: 80x24, the body 22 lines under a tab bar. */
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	scr = newterm("xterm-256color", out, in);
	if (scr == NULL) {
		fprintf(stderr, "keys: no terminal description for "
		    "xterm-256color\n");
		return 1;
	}
	(void)start_color();
	w = newwin(22, 80, 1, 0);
	if (w == NULL || theme_init(&th, NULL, false) != 0)
		memset(&th, 0, sizeof th);
	env = (struct view_env){ .snap = s, .snap_gen = 1, .theme = &th,
	    .now_ms = clock_monotonic_ms(), .empty = "", .driver = "sim" };
	bench_view(&groups_view, &env, w);
	bench_view(&resources_view, &env, w);
	delwin(w);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	snapshot_unref(s);
	return 0;
}
