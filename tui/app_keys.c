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
	case MODE_MESSAGE:
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
	if ((arg >= 0 && arg < (int)N_VIEWS) || arg == TAB_OVERVIEW) {
		/* View 0 opens on the cluster it was left for. */
		if (arg == TAB_OVERVIEW && a->view != TAB_OVERVIEW)
			a->overview.rt.ts.sel = a->cur;
		a->view = (size_t)arg;
	}
	return VIEW_REDRAW;
}

static int
key_view_step(struct app *a, int ch, int arg)
{
	(void)ch;
	/* From view 0, Tab goes to the first view, S-Tab to the last. */
	if (a->view == TAB_OVERVIEW)
		a->view = arg > 0 ? 0 : N_VIEWS - 1;
	else
		a->view = arg > 0 ? (a->view + 1) % N_VIEWS :
		    (a->view + N_VIEWS - 1) % N_VIEWS;
	return VIEW_REDRAW;
}

/* Enter in view 0: the selected cluster, in its groups view. */
static int
key_open_cluster(struct app *a, int ch, int arg)
{
	size_t i = overview_selected_cluster(&a->overview);

	(void)ch;
	(void)arg;
	if (a->view != TAB_OVERVIEW || i >= a->n)
		return 0;
	a->cur = i;
	a->view = TAB_GROUPS;
	return VIEW_REDRAW;
}

static int
key_message(struct app *a, int ch, int arg)
{
	(void)ch;
	(void)arg;
	a->mode = MODE_MESSAGE;
	return VIEW_REDRAW;
}

static int
key_cluster_step(struct app *a, int ch, int arg)
{
	(void)ch;
	if (a->n < 2)
		return VIEW_REDRAW;
	a->cur = arg > 0 ? (a->cur + 1) % a->n : (a->cur + a->n - 1) % a->n;
	/* In view 0 the selection is the cluster. */
	if (a->view == TAB_OVERVIEW)
		a->overview.rt.ts.sel = a->cur;
	return VIEW_REDRAW;
}

/* The view moves its own selection: the key goes to it. */
static int
key_select(struct app *a, int ch, int arg)
{
	const struct view *v = app_view(a);
	struct view_env env;

	(void)arg;
	app_sync_view(a, &env);
	return v->key(v, app_view_state(a), &env, ch);
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
	const struct view *v = app_view(a);

	*vs = app_view_state(a);
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
	return app_view(a)->table != NULL &&
	    table_view_typing(app_view_state(a));
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
	[CMD_OPEN_CLUSTER] = key_open_cluster,
	[CMD_MESSAGE] = key_message,
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
	if (ch == KEY_MOUSE) {
		MEVENT ev;

		if (getmouse(&ev) != OK)
			return 0;
		return app_mouse(a, ev.y, ev.x, (unsigned long)ev.bstate);
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

/* ---- the mouse -------------------------------------------------------- */

#define WHEEL_ROWS 3

/* The view's own keys do what the mouse asks, so that its selection
 * stays its own: n steps of key ch. */
static int
view_steps(struct app *a, int ch, size_t n)
{
	const struct view *v = app_view(a);
	struct view_env env;
	int bits = 0;
	size_t i;

	app_sync_view(a, &env);
	for (i = 0; i < n; i++)
		bits |= v->key(v, app_view_state(a), &env, ch);
	return bits;
}

int
app_mouse(struct app *a, int y, int x, unsigned long bstate)
{
	const struct bar_hit *h;
	struct table_state *ts;
	size_t row;
	int by, bx;

	/* Clicks are for the lists: a dialog is answered by keys. */
	if (a->scr.too_small || a->mode != MODE_NORMAL)
		return 0;
	if (bstate & BUTTON4_PRESSED)
		return view_steps(a, KEY_UP, WHEEL_ROWS);
	if (bstate & BUTTON5_PRESSED)
		return view_steps(a, KEY_DOWN, WHEEL_ROWS);
	if (!(bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return 0;
	if (y == 0) {
		if ((h = bar_hit_at(&a->tab_hits, x)) == NULL)
			return 0;
		switch (h->kind) {
		case BAR_HIT_VIEW:
			a->view = h->index;
			break;
		case BAR_HIT_OVERVIEW:
			a->overview.rt.ts.sel = a->cur;
			a->view = TAB_OVERVIEW;
			break;
		case BAR_HIT_CLUSTER:
			if (h->index < a->n)
				a->cur = h->index;
			break;
		}
		return VIEW_REDRAW;
	}
	if (a->scr.body == NULL)
		return 0;
	getbegyx(a->scr.body, by, bx);
	(void)bx;
	/* The body's first line is the table's header. */
	if (y <= by || y >= by + getmaxy(a->scr.body))
		return 0;
	ts = &app_view_state(a)->rt.ts;
	row = ts->top + (size_t)(y - by - 1);
	if (row > ts->sel)
		return view_steps(a, KEY_DOWN, row - ts->sel);
	if (row < ts->sel)
		return view_steps(a, KEY_UP, ts->sel - row);
	return VIEW_HANDLED;
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
