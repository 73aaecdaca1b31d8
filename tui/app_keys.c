/* The console's keys: a dialog's keys while one is open, else the key
 * table's (views/keys.h) command for the current view, each command one
 * handler below. Handlers change state and return VIEW_* bits; they
 * never draw. */
#include "backend/core/action.h"
#include "backend/core/cluster.h"
#include "tui/app_priv.h"

static int
key_modal(struct app *a, int ch)
{
	struct view_env env;

	switch (a->mode) {
	case MODE_PROMPT: {
		const char *answer;

		switch (askbox_key(&a->ask, ch, &answer)) {
		case ASKBOX_ANSWER:
		case ASKBOX_CANCEL:
			prompt_answer(a->opt->prompt, a->ask.q.id, answer);
			askbox_wipe(&a->ask);
			a->mode = a->before_prompt;
			break;
		default:
			break;
		}
		return VIEW_REDRAW;
	}
	case MODE_HELP:
		app_env(a, &env);
		if (help_view.key(&help_view, &a->help_state, &env, ch) &
		    VIEW_CLOSE)
			a->mode = MODE_NORMAL;
		return VIEW_REDRAW;
	case MODE_CONFIRM:
		return app_confirm_key(a, ch);
	case MODE_CHOOSE:
		return app_choose_key(a, ch);
	case MODE_DETAIL:
		return app_detail_key(a, ch);
	default:
		return 0;
	}
}

/* ---- the commands ----------------------------------------------------- */

static int
key_view(struct app *a, int ch, int arg)
{
	(void)ch;
	if (arg >= 0 && arg < (int)N_VIEWS)
		a->view = (size_t)arg;
	return VIEW_REDRAW;
}

static int
key_view_step(struct app *a, int ch, int arg)
{
	(void)ch;
	a->view = arg > 0 ? (a->view + 1) % N_VIEWS :
	    (a->view + N_VIEWS - 1) % N_VIEWS;
	return VIEW_REDRAW;
}

static int
key_cluster_step(struct app *a, int ch, int arg)
{
	(void)ch;
	if (a->n < 2)
		return VIEW_REDRAW;
	a->cur = arg > 0 ? (a->cur + 1) % a->n : (a->cur + a->n - 1) % a->n;
	return VIEW_REDRAW;
}

/* The view moves its own selection: the key goes to it. */
static int
key_select(struct app *a, int ch, int arg)
{
	struct app_cluster *ac = app_current(a);
	const struct view *v = view_tabs[a->view];
	struct view_env env;

	(void)arg;
	app_env(a, &env);
	v->sync(v, &ac->vs[a->view], &env);
	return v->key(v, &ac->vs[a->view], &env, ch);
}

static int
key_online(struct app *a, int ch, int arg)
{
	(void)ch;
	(void)arg;
	return app_request(a, ACT_ONLINE);
}

static int
key_offline(struct app *a, int ch, int arg)
{
	(void)ch;
	(void)arg;
	return app_request(a, ACT_OFFLINE);
}

static int
key_move(struct app *a, int ch, int arg)
{
	(void)ch;
	(void)arg;
	return app_request(a, ACT_MOVE);
}

static int
key_cleanup(struct app *a, int ch, int arg)
{
	(void)ch;
	(void)arg;
	return app_request(a, ACT_CLEANUP);
}

static int
key_clear(struct app *a, int ch, int arg)
{
	(void)ch;
	(void)arg;
	return app_request(a, ACT_CLEAR);
}

static int
key_ban(struct app *a, int ch, int arg)
{
	(void)ch;
	(void)arg;
	return app_request(a, ACT_BAN);
}

static int
key_detail(struct app *a, int ch, int arg)
{
	(void)ch;
	(void)arg;
	return app_detail_open(a);
}

static int
key_dismiss(struct app *a, int ch, int arg)
{
	(void)ch;
	(void)arg;
	return app_dismiss(a);
}

static int
key_pause(struct app *a, int ch, int arg)
{
	(void)ch;
	(void)arg;
	return app_request(a, ACT_PAUSE);
}

/* ---- finding among the rows (views/rows_find.h) ------------------------- */

/* The current view when it is a table (every view of the tabs is). */
static const struct view *
find_view(struct app *a, struct view_state **vs, struct view_env *env)
{
	const struct view *v = view_tabs[a->view];

	*vs = &app_current(a)->vs[a->view];
	app_env(a, env);
	return v->table != NULL ? v : NULL;
}

/* What a find command said, in the status line. */
static int
find_said(struct app *a, int bits, const char *msg)
{
	if (msg[0] != '\0') {
		app_message(app_current(a), TONE_NORMAL, "%s", msg);
		bits |= VIEW_REDRAW;
	}
	return bits;
}

static int
key_filter(struct app *a, int ch, int arg)
{
	struct view_state *vs;
	struct view_env env;
	const struct view *v = find_view(a, &vs, &env);

	(void)ch;
	if (v == NULL)
		return 0;
	if (arg < 0)
		return table_view_filter_clear(v, vs, &env);
	return table_view_filter_open(v, vs, &env);
}

static int
key_next_marked(struct app *a, int ch, int arg)
{
	struct view_state *vs;
	struct view_env env;
	const struct view *v = find_view(a, &vs, &env);
	char msg[128];

	(void)ch;
	if (v == NULL)
		return 0;
	return find_said(a, table_view_next(v, vs, &env, arg, msg,
	    sizeof msg), msg);
}

static int
key_sort(struct app *a, int ch, int arg)
{
	struct view_state *vs;
	struct view_env env;
	const struct view *v = find_view(a, &vs, &env);
	char msg[128];

	(void)ch;
	(void)arg;
	if (v == NULL)
		return 0;
	return find_said(a, table_view_sort(v, vs, &env, msg, sizeof msg),
	    msg);
}

static int
key_hide_healthy(struct app *a, int ch, int arg)
{
	struct view_state *vs;
	struct view_env env;
	const struct view *v = find_view(a, &vs, &env);
	char msg[128];

	(void)ch;
	(void)arg;
	if (v == NULL)
		return 0;
	return find_said(a, table_view_hide_healthy(v, vs, &env, msg,
	    sizeof msg), msg);
}

static int
key_fold(struct app *a, int ch, int arg)
{
	struct view_state *vs;
	struct view_env env;
	const struct view *v = find_view(a, &vs, &env);
	char msg[128];

	(void)ch;
	/* Only the tree has groups to fold. */
	if (v == NULL || a->view != TAB_GROUPS)
		return 0;
	return find_said(a, table_view_fold(v, vs, &env, arg, msg,
	    sizeof msg), msg);
}

/* While the filter line of the current view is open, keys are its text. */
static bool
typing(struct app *a)
{
	return view_tabs[a->view]->table != NULL &&
	    table_view_typing(&app_current(a)->vs[a->view]);
}

static int
key_typed(struct app *a, int ch)
{
	struct view_state *vs;
	struct view_env env;
	const struct view *v = find_view(a, &vs, &env);

	return table_view_filter_key(v, vs, &env, ch);
}

static int
key_help(struct app *a, int ch, int arg)
{
	(void)ch;
	(void)arg;
	a->mode = MODE_HELP;
	return VIEW_REDRAW;
}

static int
key_repaint(struct app *a, int ch, int arg)
{
	(void)a;
	(void)ch;
	(void)arg;
	/* ERR only before the terminal is set up: nothing to repaint. */
	(void)clearok(curscr, TRUE);
	return VIEW_REDRAW;
}

static int
key_quit(struct app *a, int ch, int arg)
{
	(void)ch;
	(void)arg;
	a->quit = true;
	return 0;
}

/* A command left out here is NULL: tests/unit/test_keys.c fails on it. */
app_key_fn *const app_key_handlers[CMD_COUNT] = {
	[CMD_VIEW] = key_view,
	[CMD_VIEW_STEP] = key_view_step,
	[CMD_CLUSTER_STEP] = key_cluster_step,
	[CMD_SELECT] = key_select,
	[CMD_ONLINE] = key_online,
	[CMD_OFFLINE] = key_offline,
	[CMD_MOVE] = key_move,
	[CMD_CLEANUP] = key_cleanup,
	[CMD_CLEAR] = key_clear,
	[CMD_BAN] = key_ban,
	[CMD_DETAIL] = key_detail,
	[CMD_DISMISS] = key_dismiss,
	[CMD_PAUSE] = key_pause,
	[CMD_FILTER] = key_filter,
	[CMD_NEXT_MARKED] = key_next_marked,
	[CMD_SORT] = key_sort,
	[CMD_HIDE_HEALTHY] = key_hide_healthy,
	[CMD_FOLD] = key_fold,
	[CMD_HELP] = key_help,
	[CMD_REPAINT] = key_repaint,
	[CMD_QUIT] = key_quit,
};

/* ---- dispatch --------------------------------------------------------- */

int
app_key_dispatch(struct app *a, int ch, app_key_fn *const *handlers)
{
	struct app_cluster *ac = app_current(a);
	const struct key_binding *b;
	struct plan why;
	int arg;

	if (ch == KEY_RESIZE) {
		if (screen_resize(&a->scr) != 0)
			a->quit = true;
		return VIEW_REDRAW;
	}
	b = keys_lookup(ch, (enum view_tab)a->view, &arg);
	/* A repaint is for a garbled terminal, whatever is open on it. */
	if (b != NULL && b->cmd == CMD_REPAINT)
		return handlers[CMD_REPAINT](a, ch, arg);
	/* Nothing is answered unseen: while the screen is too small for
	 * the dialogs, only quitting works, and not while a worker waits
	 * for an answer. */
	if (a->scr.too_small) {
		if (b != NULL && b->cmd == CMD_QUIT && a->mode != MODE_PROMPT)
			return handlers[CMD_QUIT](a, ch, arg);
		return 0;
	}
	if (a->mode != MODE_NORMAL)
		return key_modal(a, ch);
	if (typing(a))
		return key_typed(a, ch);
	if (b == NULL)
		return 0;
	/* What the cluster type cannot do is not sent, nor asked about. */
	if (!keys_supported(b, cluster_caps(ac->c), cluster_type(ac->c),
	    &why)) {
		app_message(ac, TONE_WARN, "%s", why.message);
		return VIEW_REDRAW;
	}
	return handlers[b->cmd](a, ch, arg);
}

int
app_key(struct app *a, int ch)
{
	return app_key_dispatch(a, ch, app_key_handlers);
}

void
app_read_keys(struct app *a)
{
	int ch;

	while (!a->quit && (ch = wgetch(stdscr)) != ERR)
		if (app_key(a, ch) & VIEW_REDRAW)
			a->dirty = true;
}
