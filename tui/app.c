/* The console loop: poll() on the keyboard, the clusters' wake pipe and
 * the screen's signal pipe; pick up snapshots, status and events when a
 * worker wakes us; draw once per turn when something changed. The UI
 * thread never waits on a cluster: everything it reads is already in
 * memory. What keys do is in app_keys.c, the requests they make in
 * app_actions.c. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/core/cluster.h"
#include "backend/util/xalloc.h"
#include "tui/app.h"
#include "tui/app_priv.h"
#include "views/rows_query.h"

#define EVENT_HISTORY 1000      /* events kept per cluster */
#define DRAIN_BATCH 64
#define SPIN_MS 250             /* spinner frame while something is pending */
#define CLOCK_MS 1000           /* the data's age ticks in seconds */
#define N_SUMMARY 4             /* forms of the summary, longest first */

void
app_message(struct app_cluster *ac, enum tone tone, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ac->message, sizeof ac->message, fmt, ap);
	va_end(ap);
	ac->message_tone = tone;
}

struct app_cluster *
app_current(struct app *a)
{
	return &a->cl[a->cur];
}

/* ---- picking up what the workers published ---------------------------- */

static void
pull_cluster(struct app_cluster *ac)
{
	struct event ev[DRAIN_BATCH];
	struct snapshot *s;
	size_t n, i;

	s = cluster_snapshot(ac->c);
	if (s != NULL && s != ac->snap) {
		if (ac->snap != NULL)
			snapshot_unref(ac->snap);
		ac->snap = s;
		ac->snap_gen++;
	} else if (s != NULL) {
		snapshot_unref(s);
	}
	cluster_get_status(ac->c, &ac->st);
	do {
		n = cluster_drain_events(ac->c, ev, DRAIN_BATCH);
		for (i = 0; i < n; i++) {
			evhist_push(&ac->events, &ev[i]);
			/* The answer to a request and how its transition
			 * ended belong in the status line too. */
			if (ev[i].kind == EV_ACTION ||
			    ev[i].kind == EV_TRANSITION_DONE ||
			    ev[i].kind == EV_TRANSITION_FAILED)
				app_message(ac, rows_severity_tone(ev[i].severity),
				    "%.*s", (int)sizeof ev[i].text, ev[i].text);
		}
	} while (n == DRAIN_BATCH);
}

void
app_pull(struct app *a)
{
	struct prompt_question q;
	size_t i;

	for (i = 0; i < a->n; i++)
		pull_cluster(&a->cl[i]);
	a->dirty = true;
	if (a->mode == MODE_CONFIRM)
		(void)app_confirm_poll(a, cluster_now_ms(app_current(a)->c));
	if (a->opt->prompt == NULL)
		return;
	/* A worker's question comes first: it is waiting for the answer.
	 * One the worker gave up on closes its dialog. */
	if (prompt_pending(a->opt->prompt, &q)) {
		if (a->mode != MODE_PROMPT) {
			a->before_prompt = a->mode;
			a->mode = MODE_PROMPT;
			askbox_init(&a->ask, &q);
		} else if (a->ask.q.id != q.id) {
			askbox_init(&a->ask, &q);
		}
	} else if (a->mode == MODE_PROMPT) {
		askbox_wipe(&a->ask);
		a->mode = a->before_prompt;
	}
}

static void
drain_fd(int fd)
{
	char buf[256];
	ssize_t n;

	do
		n = read(fd, buf, sizeof buf);
	while (n > 0 || (n == -1 && errno == EINTR));
}

void
app_env(struct app *a, struct view_env *env)
{
	struct app_cluster *ac = app_current(a);

	if (ac->st.error[0] != '\0')
		snprintf(ac->empty, sizeof ac->empty, "no data from %s: %s",
		    cluster_name(ac->c), ac->st.error);
	else
		snprintf(ac->empty, sizeof ac->empty, "connecting to %s ...",
		    cluster_name(ac->c));
	*env = (struct view_env){
		.snap = ac->snap,
		.snap_gen = ac->snap_gen,
		.events = &ac->events,
		.now_ms = cluster_now_ms(ac->c),
		.theme = &a->theme,
		.audit_path = a->opt->audit_path,
		.empty = ac->empty,
		.caps = cluster_caps(ac->c),
		.driver = cluster_type(ac->c),
	};
}

/* ---- drawing ---------------------------------------------------------- */

static void
summary_texts(const struct snapshot *s, char v[N_SUMMARY][128])
{
	struct rows_summary m;

	char flags[64];

	rows_summarize(s, &m);
	if (s == NULL) {
		v[0][0] = v[1][0] = v[2][0] = v[3][0] = '\0';
		return;
	}
	/* What holds for the whole cluster comes first: it explains what
	 * every row says (nothing runs with stop-all, nothing is managed in
	 * maintenance, nothing moves without quorum). */
	snprintf(flags, sizeof flags, "%s%s%s", s->minority ?
	    "MINORITY VIEW  " : s->quorum ? "" : "NO QUORUM  ",
	    s->maintenance_mode ? "MAINTENANCE  " : "",
	    s->stop_all ? "STOP-ALL  " : "");
	snprintf(v[0], sizeof v[0], "%snodes %u/%u up  resources %u/%u online"
	    "  failed %u  pending %u ", flags, m.nodes_up, m.nodes,
	    m.resources_online, m.resources, m.failed, m.pending);
	snprintf(v[1], sizeof v[1], "%snodes %u/%u  resources %u/%u  failed %u"
	    "  pending %u ", flags, m.nodes_up, m.nodes, m.resources_online,
	    m.resources, m.failed, m.pending);
	snprintf(v[2], sizeof v[2], "%snodes %u/%u res %u/%u failed %u pend %u ",
	    flags, m.nodes_up, m.nodes, m.resources_online, m.resources,
	    m.failed, m.pending);
	snprintf(v[3], sizeof v[3], "%sfailed %u pend %u ", flags, m.failed,
	    m.pending);
}

/* Why a node does not serve, in a word or two; NULL when it does. A
 * slow node in use is said too: its data comes late. */
static const char *
link_trouble(const struct link_status *ls)
{
	if (ls->state == LINK_DOWN)
		return "down";
	switch (ls->verdict) {
	case VERDICT_NO_STACK:
		return "stack down";
	case VERDICT_NO_QUORUM:
		return "no quorum";
	case VERDICT_SLOW:
		return "slow";
	default:
		return NULL;
	}
}

static void
draw_bars(struct app *a, uint64_t now)
{
	struct app_cluster *ac = app_current(a);
	char sum[N_SUMMARY][128], age[48], el[16];
	const char *tabs[N_VIEWS];
	const char *const sums[N_SUMMARY] = { sum[0], sum[1], sum[2], sum[3] };
	const char *source, *down_name = "", *down_word = "";
	char via[300];
	struct statusbar sb;
	size_t i, down;
	struct tabbar tb = {
		.tabs = tabs,
		.n_tabs = N_VIEWS,
		.current = a->view,
		.cluster = a->n > 1 ? cluster_name(ac->c) : NULL,
		.summary = sums,
		.n_summary = N_SUMMARY,
	};

	for (i = 0; i < N_VIEWS; i++)
		tabs[i] = view_tabs[i]->name;
	summary_texts(ac->snap, sum);
	tabbar_draw(a->scr.top, &a->theme, &tb);

	/* The data's age, by its own time where it has one (--input). */
	if (ac->st.last_ok_ms != 0 && now >= ac->st.last_ok_ms)
		rows_elapsed(now - ac->st.last_ok_ms + ac->st.data_age_ms, el,
		    sizeof el);
	else
		snprintf(el, sizeof el, "?");
	if (!ac->st.have_data)
		snprintf(age, sizeof age, "%s", ac->st.error[0] != '\0' ?
		    "no data" : "connecting");
	else if (ac->st.stale)
		snprintf(age, sizeof age, "stale %s", el);
	else
		snprintf(age, sizeof age, "%s", el);
	source = ac->st.source;
	if (source[0] == '\0' && ac->snap != NULL && ac->snap->source != NULL)
		source = ac->snap->source;
	/* Which nodes do not serve, and in a word why: the events view
	 * says more. */
	for (i = 0, down = 0; i < ac->st.n_links; i++) {
		const struct link_status *ls = &ac->st.links[i];
		const char *w = link_trouble(ls);

		if (w != NULL) {
			down_name = ls->node;
			down_word = w;
			down++;
		}
	}
	if (down == 1)
		snprintf(via, sizeof via, "%s (%s %s)", source, down_name,
		    down_word);
	else if (down > 1)
		snprintf(via, sizeof via, "%s (%zu nodes cannot serve)", source,
		    down);
	else
		snprintf(via, sizeof via, "%s", source);
	source = via;
	sb = (struct statusbar){
		.cluster = cluster_name(ac->c),
		.source = source,
		.age = age,
		.stale = ac->st.stale || (!ac->st.have_data &&
		    ac->st.error[0] != '\0'),
		.error = ac->st.error,
		.readonly = cluster_readonly(ac->c),
		.message = ac->message[0] != '\0' ? ac->message :
		    ac->st.last_message,
		.message_tone = ac->message[0] != '\0' ? ac->message_tone :
		    TONE_NORMAL,
	};
	statusbar_draw(a->scr.bar, &a->theme, &sb);
}

static void
draw_too_small(struct app *a)
{
	char need[32];
	int y = a->scr.lines / 2 - 1;

	snprintf(need, sizeof need, "(need %dx%d)", SCREEN_MIN_COLS,
	    SCREEN_MIN_LINES);
	werase(stdscr);
	widget_text(stdscr, y > 0 ? y : 0, 0, a->scr.cols, "terminal too small",
	    A_BOLD, false);
	widget_text(stdscr, y + 1, 0, a->scr.cols, need, A_NORMAL, false);
	wnoutrefresh(stdscr);
}

static void
draw_confirm(struct app *a)
{
	const char *lines[CONFIRM_LINES];
	size_t i;

	for (i = 0; i < a->confirm.n_lines; i++)
		lines[i] = a->confirm.lines[i];
	dialog_draw_lines(a->scr.body, &a->theme, a->confirm.question, lines,
	    a->confirm.n_lines, app_confirm_hint(a));
}

static void
draw(struct app *a)
{
	struct app_cluster *ac = app_current(a);
	struct view_env env;
	const struct view *v = view_tabs[a->view];

	a->dirty = false;
	if (a->scr.too_small) {
		draw_too_small(a);
		doupdate();
		return;
	}
	app_env(a, &env);
	v->sync(v, &ac->vs[a->view], &env);
	draw_bars(a, env.now_ms);
	v->draw(v, a->scr.body, &ac->vs[a->view], &env);
	switch (a->mode) {
	case MODE_HELP:
		help_view.draw(&help_view, a->scr.body, &a->help_state, &env);
		break;
	case MODE_CONFIRM:
		draw_confirm(a);
		break;
	case MODE_CHOOSE:
		chooser_draw(a->scr.body, &a->theme, &a->chooser);
		break;
	case MODE_PROMPT:
		askbox_draw(a->scr.body, &a->theme, &a->ask);
		break;
	default:
		break;
	}
	wnoutrefresh(a->scr.top);
	wnoutrefresh(a->scr.body);
	wnoutrefresh(a->scr.bar);
	doupdate();
}

/* How long poll may sleep: a spinner frame while something is pending,
 * else until the data's age ticks over to the next second. */
static int
next_timeout(struct app *a)
{
	struct app_cluster *ac = app_current(a);
	uint64_t now = cluster_now_ms(ac->c);

	int wait;

	if (a->scr.too_small)
		return -1;
	/* A dialog waiting for its preview says when it is slow. */
	if (a->mode == MODE_CONFIRM &&
	    (wait = app_confirm_timeout(a, now)) >= 0 && wait < CLOCK_MS)
		return wait;
	if (rows_any_pending(ac->snap))
		return (int)(SPIN_MS - now % SPIN_MS);
	if (ac->st.last_ok_ms != 0 && now >= ac->st.last_ok_ms)
		return (int)(CLOCK_MS - (now - ac->st.last_ok_ms) % CLOCK_MS);
	return CLOCK_MS;
}

/* ---- set-up and the loop ---------------------------------------------- */

static int
wake_pipe(struct app *a)
{
	int fds[2], i, fl;

	if (pipe(fds) == -1)
		return -1;
	for (i = 0; i < 2; i++) {
		fl = fcntl(fds[i], F_GETFL);
		if (fl == -1 || fcntl(fds[i], F_SETFL, fl | O_NONBLOCK) == -1 ||
		    fcntl(fds[i], F_SETFD, FD_CLOEXEC) == -1) {
			close(fds[0]);
			close(fds[1]);
			return -1;
		}
	}
	a->wake_r = fds[0];
	a->wake_w = fds[1];
	return 0;
}

void
app_free(struct app *a)
{
	struct app_cluster *ac;
	size_t i, v;

	/* A worker waiting on a question would never be joined. */
	if (a->opt != NULL && a->opt->prompt != NULL)
		prompt_close(a->opt->prompt);
	askbox_wipe(&a->ask);
	for (i = 0; i < a->n && a->cl != NULL; i++) {
		ac = &a->cl[i];
		/* Stop every worker before anything it writes to goes. */
		if (ac->started)
			cluster_stop(ac->c);
	}
	if (a->screen_open)
		screen_close(&a->scr);
	for (i = 0; i < a->n && a->cl != NULL; i++) {
		ac = &a->cl[i];
		if (ac->snap != NULL)
			snapshot_unref(ac->snap);
		evhist_free(&ac->events);
		for (v = 0; v < N_VIEWS; v++)
			rowtable_free(&ac->vs[v].rt);
	}
	free(a->cl);
	if (a->wake_r >= 0)
		close(a->wake_r);
	if (a->wake_w >= 0)
		close(a->wake_w);
}

static void
start_workers(struct app *a)
{
	struct app_cluster *ac;
	char *err = NULL;
	size_t i;

	for (i = 0; i < a->n; i++) {
		ac = &a->cl[i];
		if (cluster_start(ac->c, a->wake_w, &err) == 0) {
			ac->started = true;
			continue;
		}
		app_message(ac, TONE_FAILED, "cannot start: %s",
		    err != NULL ? err : "unknown error");
		free(err);
		err = NULL;
	}
}

static int
loop(struct app *a, char **err)
{
	struct pollfd pfd[3];
	int n, sig;

	while (!a->quit) {
		if (a->dirty)
			draw(a);
		pfd[0] = (struct pollfd){ .fd = STDIN_FILENO, .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = a->wake_r, .events = POLLIN };
		pfd[2] = (struct pollfd){ .fd = a->scr.sig_fd, .events = POLLIN };
		n = poll(pfd, 3, next_timeout(a));
		if (n == -1) {
			if (errno == EINTR)
				continue;
			*err = xstrdup("poll failed");
			return -1;
		}
		if (n == 0) {
			a->dirty = true;        /* the clock moved */
			continue;
		}
		if (pfd[2].revents & POLLIN) {
			sig = screen_signals(&a->scr);
			if (sig & SCREEN_SIG_QUIT)
				a->quit = true;
			if (sig & SCREEN_SIG_RESIZE) {
				if (screen_resize(&a->scr) != 0) {
					*err = xstrdup("out of memory");
					return -1;
				}
				a->dirty = true;
			}
		}
		if (pfd[1].revents & POLLIN) {
			drain_fd(a->wake_r);
			app_pull(a);
		}
		if (pfd[0].revents & (POLLHUP | POLLERR))
			a->quit = true;         /* the terminal went away */
		else if (pfd[0].revents & POLLIN)
			app_read_keys(a);
	}
	return 0;
}

int
app_init(struct app *a, struct cluster *const *clusters, size_t n,
	 const struct app_options *o, char **err)
{
	size_t i;

	*err = NULL;
	memset(a, 0, sizeof *a);
	a->wake_r = a->wake_w = -1;
	a->opt = o;
	if (n == 0) {
		*err = xstrdup("no clusters to show");
		return -1;
	}
	a->cl = calloc(n, sizeof *a->cl);
	if (a->cl == NULL)
		goto oom;
	a->n = n;
	for (i = 0; i < n; i++) {
		a->cl[i].c = clusters[i];
		a->cl[i].st.last_status = -1;
		if (evhist_init(&a->cl[i].events, EVENT_HISTORY) != 0)
			goto oom;
	}
	if (wake_pipe(a) != 0) {
		*err = xstrdup("cannot create the wake pipe");
		return -1;
	}
	return 0;

oom:
	*err = xstrdup("out of memory");
	return -1;
}

int
app_run(struct cluster *const *clusters, size_t n,
	const struct app_options *o, char **err)
{
	struct app a;
	int rc = -1;

	if (app_init(&a, clusters, n, o, err) != 0)
		goto out;
	if (screen_open(&a.scr, err) != 0)
		goto out;
	a.screen_open = true;
	/* Attributes still work if the colours could not be set up. */
	(void)theme_init(&a.theme, o->colors, o->no_color);
	if (o->prompt != NULL)
		prompt_set_wake_fd(o->prompt, a.wake_w);
	start_workers(&a);
	app_pull(&a);
	rc = loop(&a, err);
out:
	app_free(&a);
	return rc;
}
