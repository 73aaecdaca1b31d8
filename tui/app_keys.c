/* The console's keys: a dialog's keys while one is open, else what each
 * key does in the current view. Key handlers change state and return
 * VIEW_* bits; they never draw. */
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
	default:
		return 0;
	}
}

static void
switch_cluster(struct app *a, int step)
{
	if (a->n < 2)
		return;
	a->cur = step > 0 ? (a->cur + 1) % a->n : (a->cur + a->n - 1) % a->n;
}

int
app_key(struct app *a, int ch)
{
	struct app_cluster *ac;
	const struct view *v;
	struct view_env env;

	if (ch == KEY_RESIZE) {
		if (screen_resize(&a->scr) != 0)
			a->quit = true;
		return VIEW_REDRAW;
	}
	if (ch == 12) {         /* Ctrl-L: repaint the whole terminal */
		clearok(curscr, TRUE);
		return VIEW_REDRAW;
	}
	/* Nothing is answered unseen: while the screen is too small for
	 * the dialogs, only q works. */
	if (a->scr.too_small) {
		if (ch == 'q' && a->mode != MODE_PROMPT)
			a->quit = true;
		return 0;
	}
	if (a->mode != MODE_NORMAL)
		return key_modal(a, ch);
	if (ch == 'q') {
		a->quit = true;
		return 0;
	}
	switch (ch) {
	case '1':
	case '2':
	case '3':
	case '4':
		a->view = (size_t)(ch - '1');
		return VIEW_REDRAW;
	case '\t':
		a->view = (a->view + 1) % N_VIEWS;
		return VIEW_REDRAW;
	case KEY_BTAB:
		a->view = (a->view + N_VIEWS - 1) % N_VIEWS;
		return VIEW_REDRAW;
	case '[':
		switch_cluster(a, -1);
		return VIEW_REDRAW;
	case ']':
		switch_cluster(a, 1);
		return VIEW_REDRAW;
	case '?':
		a->mode = MODE_HELP;
		return VIEW_REDRAW;
	case 'o':
	case 'x':
	case 'm':
	case 'c':
	case 'p':
	case 'u':
		app_env(a, &env);
		ac = app_current(a);
		app_views[a->view]->sync(app_views[a->view], &ac->vs[a->view],
		    &env);
		app_action_key(a, ch);
		return VIEW_REDRAW;
	default:
		break;
	}
	ac = app_current(a);
	v = app_views[a->view];
	app_env(a, &env);
	v->sync(v, &ac->vs[a->view], &env);
	return v->key(v, &ac->vs[a->view], &env, ch);
}

void
app_read_keys(struct app *a)
{
	int ch;

	while (!a->quit && (ch = wgetch(stdscr)) != ERR)
		if (app_key(a, ch) & VIEW_REDRAW)
			a->dirty = true;
}
