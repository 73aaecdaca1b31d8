/* The one implementation behind every table view (groups, resources,
 * nodes, events): rows rebuilt once per new generation, selection kept by
 * row identity, drawing and keys through the rowtable widget. */
#include "views/view.h"

static void
table_ctx(struct rows_ctx *c, const struct view_env *env)
{
	*c = (struct rows_ctx){ .snap = env->snap, .events = env->events,
	    .now_ms = env->now_ms };
}

/* Changes whenever the view's rows need rebuilding. */
static uint64_t
generation(const struct table_spec *t, const struct view_env *env)
{
	if (!t->is_log)
		return env->snap_gen;
	return env->events != NULL ? env->events->gen : 0;
}

void
table_view_sync(const struct view *v, struct view_state *vs,
		const struct view_env *env)
{
	const struct table_spec *t = v->table;
	uint64_t gen = generation(t, env);
	struct rows_ctx c;

	if (vs->rt.built && vs->rt.gen == gen)
		return;
	table_ctx(&c, env);
	/* At the top of a log, follow the newest entry; elsewhere keep the
	 * one the operator is reading. */
	if (t->is_log && vs->rt.ts.sel == 0)
		vs->rt.sel.valid = false;
	/* Out of memory leaves the list empty: the screen says so. */
	(void)t->build(&vs->rt.rows, env);
	rowtable_rebuilt(&vs->rt, &c, t->cols, t->n_cols);
	vs->rt.gen = gen;
	vs->rt.built = true;
}

void
table_view_draw(const struct view *v, WINDOW *w, struct view_state *vs,
		const struct view_env *env)
{
	const struct table_spec *t = v->table;
	struct rows_ctx c;

	table_ctx(&c, env);
	rowtable_draw(w, env->theme, &vs->rt, &c, t->cols, t->n_cols,
	    env->snap == NULL && !t->is_log ? env->empty : t->nothing);
}

int
table_view_key(const struct view *v, struct view_state *vs,
	       const struct view_env *env, int ch)
{
	struct rows_ctx c;

	(void)v;
	table_ctx(&c, env);
	return rowtable_key(&vs->rt, &c, ch);
}

const struct row *
table_view_selected(const struct view *v, const struct view_state *vs)
{
	return v->table->is_log ? NULL : rowtable_selected(&vs->rt);
}
