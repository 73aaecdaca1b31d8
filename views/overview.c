/* View 0, the clusters overview: one line per cluster, from the
 * summaries the loop hands over in view_env (views/health.h), so that a
 * failure in one cluster is seen while another is open. Its selection
 * is the cluster that Enter opens; the loop does the opening. */
#include <stdio.h>

#include "views/view.h"

enum {
	OV_NAME, OV_HEALTH, OV_NODES, OV_FAILED, OV_PENDING, OV_NOT_MEANT,
	OV_QUORUM, OV_DATA, OV_MODE, OV_FLAGS, OV_VIA
};

/* The counts never go; what is cluster-wide and the node in use go
 * first. Widths follow the content: the lines are few. */
static const struct table_col overview_cols[] = {
	{ .id = OV_NAME, .title = "CLUSTER", .min = 7 },
	/* As wide as "~ pending" and "? unknown": the columns after it do
	 * not move when a cluster's health changes. */
	{ .id = OV_HEALTH, .title = "HEALTH", .min = 9 },
	{ .id = OV_NODES, .title = "NODES", .right = true },
	{ .id = OV_FAILED, .title = "FAILED", .right = true },
	{ .id = OV_PENDING, .title = "PENDING", .right = true },
	{ .id = OV_NOT_MEANT, .title = "NOT MEANT", .right = true },
	{ .id = OV_QUORUM, .title = "QUORUM" },
	{ .id = OV_DATA, .title = "DATA" },
	{ .id = OV_MODE, .title = "MODE" },
	{ .id = OV_VIA, .title = "VIA", .drop = 1 },
	{ .id = OV_FLAGS, .title = "FLAGS", .drop = 2 },
};
#define N_COLS (sizeof overview_cols / sizeof overview_cols[0])

struct ov_ctx {
	const struct view_env *env;
};

static const char *
health_word(enum health h)
{
	switch (h) {
	case HEALTH_OK:
		return "ok";
	case HEALTH_PENDING:
		return "pending";
	case HEALTH_BAD:
		return "BAD";
	default:
		return "unknown";
	}
}

static void
ov_text(const void *ctx, size_t row, int col, char *buf, size_t sz)
{
	const struct view_env *env = ((const struct ov_ctx *)ctx)->env;
	const struct health_summary *s = &env->clusters[row];

	switch (col) {
	case OV_NAME:
		snprintf(buf, sz, "%s", s->name);
		break;
	case OV_HEALTH:
		snprintf(buf, sz, "%s %s", health_mark(s->health),
		    health_word(s->health));
		break;
	case OV_NODES:
		if (s->have_snap)
			snprintf(buf, sz, "%u/%u", s->m.nodes_up, s->m.nodes);
		break;
	case OV_FAILED:
		if (s->have_snap)
			snprintf(buf, sz, "%u", s->m.failed);
		break;
	case OV_PENDING:
		if (s->have_snap)
			snprintf(buf, sz, "%u", s->m.pending);
		break;
	case OV_NOT_MEANT:
		if (s->have_snap)
			snprintf(buf, sz, "%u", s->not_meant);
		break;
	case OV_QUORUM:
		snprintf(buf, sz, "%s", health_quorum_text(s));
		break;
	case OV_DATA:
		health_reach_text(s, buf, sz);
		break;
	case OV_MODE:
		snprintf(buf, sz, "%s", s->readonly ? "READ-ONLY" : "rw");
		break;
	case OV_FLAGS:
		snprintf(buf, sz, "%s%s%s", s->maintenance ? "MAINTENANCE" : "",
		    s->maintenance && s->stop_all ? " " : "",
		    s->stop_all ? "STOP-ALL" : "");
		break;
	case OV_VIA:
		snprintf(buf, sz, "%s", s->node);
		break;
	default:
		break;
	}
}

static attr_t
ov_attr(const void *ctx, size_t row, int col)
{
	const struct view_env *env = ((const struct ov_ctx *)ctx)->env;
	const struct health_summary *s = &env->clusters[row];
	const struct theme *th = env->theme;

	switch (col) {
	case -1:
		return A_NORMAL;
	case OV_NAME:
		return row == env->cur_cluster ? theme_part(th, PART_TITLE) :
		    A_NORMAL;
	case OV_HEALTH:
		return theme_tone(th, health_tone(s->health));
	case OV_FAILED:
		return s->m.failed > 0 ? theme_tone(th, TONE_FAILED) : A_NORMAL;
	case OV_PENDING:
		return s->m.pending > 0 ? theme_tone(th, TONE_PENDING) :
		    A_NORMAL;
	case OV_NOT_MEANT:
		return s->not_meant > 0 ? theme_tone(th, TONE_WARN) : A_NORMAL;
	case OV_QUORUM:
		return s->no_quorum || s->minority ?
		    theme_tone(th, TONE_FAILED) : A_NORMAL;
	case OV_DATA:
		return s->reach == REACH_FRESH ? A_NORMAL :
		    theme_tone(th, s->why & HEALTH_WHY_UNREACHABLE ?
		    TONE_FAILED : TONE_UNKNOWN);
	case OV_MODE:
		return s->readonly ? theme_part(th, PART_READONLY) :
		    theme_part(th, PART_DIM);
	case OV_FLAGS:
		return theme_tone(th, TONE_PAUSED);
	default:
		return A_NORMAL;
	}
}

static void
ov_table(struct table *t, const struct ov_ctx *x, const struct view_env *env)
{
	*t = (struct table){
		.cols = overview_cols,
		.n_cols = N_COLS,
		.n_rows = env->clusters != NULL ? env->n_clusters : 0,
		.text = ov_text,
		.attr = ov_attr,
		.ctx = x,
		.empty = "no clusters",
	};
}

static void
overview_sync(const struct view *v, struct view_state *vs,
	      const struct view_env *env)
{
	(void)v;
	table_clamp(&vs->rt.ts, env->clusters != NULL ? env->n_clusters : 0);
}

static void
overview_draw(const struct view *v, WINDOW *w, struct view_state *vs,
	      const struct view_env *env)
{
	struct ov_ctx x = { .env = env };
	int want[N_COLS];
	struct table t;

	(void)v;
	ov_table(&t, &x, env);
	/* A handful of lines: measured every frame, the ages change. */
	table_measure(&t, want);
	t.want = want;
	table_draw(w, env->theme, &t, &vs->rt.ts);
}

static int
overview_key(const struct view *v, struct view_state *vs,
	     const struct view_env *env, int ch)
{
	(void)v;
	return table_nav(&vs->rt.ts, env->clusters != NULL ?
	    env->n_clusters : 0, ch);
}

/* Its rows are clusters, not cluster objects: no action applies. */
static const struct row *
overview_selected(const struct view *v, const struct view_state *vs)
{
	(void)v;
	(void)vs;
	return NULL;
}

size_t
overview_selected_cluster(const struct view_state *vs)
{
	return vs->rt.ts.sel;
}

const struct view overview_view = {
	.name = "clusters",
	.sync = overview_sync,
	.draw = overview_draw,
	.key = overview_key,
	.selected = overview_selected,
};
