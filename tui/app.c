/* The console loop: poll() on the keyboard, the clusters' wake pipe and
 * the screen's signal pipe; pick up snapshots, status and events when a
 * worker wakes us; draw once per turn when something changed. The UI
 * thread never waits on a cluster: everything it reads is already in
 * memory. What keys do is in app_keys.c, the requests they make in
 * app_actions.c. */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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
#define SUMMARY_SEGS 10         /* pieces of one form */

void
app_message(struct app_cluster *ac, enum tone tone, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ac->message, sizeof ac->message, fmt, ap);
	va_end(ap);
	ac->message_tone = tone;
	ac->message_ms = cluster_now_ms(ac->c);
}

struct app_cluster *
app_current(struct app *a)
{
	return &a->cl[a->cur];
}

const struct view *
app_view(const struct app *a)
{
	return a->view < N_VIEWS ? view_tabs[a->view] : &overview_view;
}

struct view_state *
app_view_state(struct app *a)
{
	return a->view < N_VIEWS ? &app_current(a)->vs[a->view] :
	    &a->overview;
}

/* ---- picking up what the workers published ---------------------------- */

/* Whether the screen can show a difference between two statuses: when
 * the last good look was is not one (the age is drawn from the clock at
 * its own ticks), all the rest is. */
static bool
status_shows_same(const struct cluster_status *a,
		  const struct cluster_status *b)
{
	return a->have_data == b->have_data && a->stale == b->stale &&
	       a->last_status == b->last_status && a->n_links == b->n_links &&
	       strcmp(a->source, b->source) == 0 &&
	       strcmp(a->error, b->error) == 0 &&
	       strcmp(a->last_message, b->last_message) == 0 &&
	       memcmp(a->links, b->links, a->n_links * sizeof(a->links[0])) == 0;
}

/* Returns whether anything the screen shows may have changed: a worker
 * that only confirmed its data (a quiet doorbell read several times a
 * second) costs no redraw. */
static bool
pull_cluster(struct app_cluster *ac)
{
	struct event ev[DRAIN_BATCH];
	struct cluster_status before = ac->st;
	struct snapshot *s;
	size_t n, i;
	bool changed = false;

	s = cluster_snapshot(ac->c);
	if (s != NULL && s != ac->snap) {
		if (ac->snap != NULL)
			snapshot_unref(ac->snap);
		ac->snap = s;
		ac->snap_gen++;
		changed = true;
	} else if (s != NULL) {
		snapshot_unref(s);
	}
	cluster_get_status(ac->c, &ac->st);
	if (!status_shows_same(&before, &ac->st))
		changed = true;
	do {
		n = cluster_drain_events(ac->c, ev, DRAIN_BATCH);
		if (n > 0)
			changed = true;
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
	return changed;
}

/* Each cluster's line of the overview and mark of the tab line, and
 * what got worse in one while another is shown, said once. */
static void
summarize_health(struct app *a)
{
	struct app_cluster *ac;
	struct health_input in;
	size_t i;

	for (i = 0; i < a->n; i++) {
		ac = &a->cl[i];
		in = (struct health_input){
			.name = cluster_name(ac->c),
			.snap = ac->snap,
			.st = &ac->st,
			.readonly = cluster_readonly(ac->c),
			.now_ms = cluster_now_ms(ac->c),
			.snap_gen = ac->snap_gen,
			.before = &ac->health,
		};
		health_summarize(&in, &ac->health);
		if (a->health != NULL)
			a->health[i] = ac->health;
	}
}

/* Returns whether a cluster's health made news for the status line. */
static bool
pull_health(struct app *a)
{
	struct app_cluster *ac;
	char news[sizeof ac->message];
	size_t i;
	bool said = false;

	summarize_health(a);
	for (i = 0; i < a->n; i++) {
		ac = &a->cl[i];
		if (health_news(&ac->watch, &ac->health, news, sizeof news) &&
		    (i != a->cur || a->view == TAB_OVERVIEW)) {
			app_message(app_current(a), TONE_FAILED, "%s", news);
			said = true;
		}
	}
	return said;
}

void
app_pull(struct app *a)
{
	struct prompt_question q;
	size_t i;
	bool changed = false;

	for (i = 0; i < a->n; i++)
		changed |= pull_cluster(&a->cl[i]);
	changed |= pull_health(a);
	/* A worker that only confirmed its data changes nothing on a plain
	 * view; the dialogs and the detail pane poll on every wake. */
	if (changed || (a->mode != MODE_NORMAL && a->mode != MODE_HELP))
		a->dirty = true;
	if (a->mode == MODE_CONFIRM)
		(void)app_confirm_poll(a, cluster_now_ms(app_current(a)->c));
	app_detail_poll(a);
	if (a->opt->prompt == NULL)
		return;
	/* A worker's question comes first: it is waiting for the answer.
	 * One the worker gave up on closes its dialog. */
	if (prompt_pending(a->opt->prompt, &q)) {
		if (a->mode != MODE_PROMPT) {
			a->before_prompt = a->mode;
			a->mode = MODE_PROMPT;
			askbox_init(&a->ask, &q);
			a->dirty = true;
		} else if (a->ask.q.id != q.id) {
			askbox_init(&a->ask, &q);
		}
	} else if (a->mode == MODE_PROMPT) {
		askbox_wipe(&a->ask);
		a->mode = a->before_prompt;
		a->dirty = true;
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
		.clusters = a->health,
		.n_clusters = a->health != NULL ? a->n : 0,
		.cur_cluster = a->cur,
	};
}

void
app_sync_view(struct app *a, struct view_env *env)
{
	const struct view *v = app_view(a);

	app_env(a, env);
	v->sync(v, app_view_state(a), env);
}

bool
app_selected_row(struct app *a, const struct row **r)
{
	const struct view *v = app_view(a);
	struct view_env env;

	*r = NULL;
	if (app_current(a)->snap == NULL) {
		app_message(app_current(a), TONE_WARN, "no data yet");
		return false;
	}
	app_sync_view(a, &env);
	*r = v->selected(v, app_view_state(a));
	return true;
}

/* ---- drawing ---------------------------------------------------------- */

/* The summary of the tab line, in forms from the longest to the
 * shortest, each in pieces: what holds for the whole cluster comes
 * first, in alert pieces, as does "failed N" when N > 0. Every form,
 * the shortest too, keeps the counts. */
struct summary {
	char text[N_SUMMARY][4][64];
	struct tabbar_seg segs[N_SUMMARY][SUMMARY_SEGS];
	struct tabbar_form forms[N_SUMMARY];
};

static void
summary_add(struct summary *u, size_t f, const char *text, bool alert)
{
	struct tabbar_form *form = &u->forms[f];

	if (form->n < SUMMARY_SEGS) {
		u->segs[f][form->n] = (struct tabbar_seg){ .text = text,
		    .alert = alert };
		form->n++;
	}
}

static size_t
summary_texts(const struct snapshot *s, struct summary *u)
{
	struct rows_summary m;
	size_t f;

	memset(u, 0, sizeof *u);
	if (s == NULL)
		return 0;
	rows_summarize(s, &m);
	/* What holds for the whole cluster comes first: it explains what
	 * every row says (nothing runs with stop-all, nothing is managed in
	 * maintenance, nothing moves without quorum). */
	snprintf(u->text[0][0], 64, "nodes %u/%u up  resources %u/%u online  ",
	    m.nodes_up, m.nodes, m.resources_online, m.resources);
	snprintf(u->text[1][0], 64, "nodes %u/%u  resources %u/%u  ",
	    m.nodes_up, m.nodes, m.resources_online, m.resources);
	snprintf(u->text[2][0], 64, "nodes %u/%u res %u/%u ", m.nodes_up,
	    m.nodes, m.resources_online, m.resources);
	u->text[3][0][0] = '\0';
	for (f = 0; f < N_SUMMARY; f++) {
		bool tight = f + 1 == N_SUMMARY;

		u->forms[f].segs = u->segs[f];
		/* An alert piece ends at its word, the gap is plain. */
		if (s->minority)
			summary_add(u, f, tight ? "MINORITY" : "MINORITY VIEW",
			    true);
		else if (!s->quorum)
			summary_add(u, f, "NO QUORUM", true);
		if (!s->quorum || s->minority)
			summary_add(u, f, tight ? " " : "  ", false);
		if (s->maintenance_mode) {
			summary_add(u, f, tight ? "MAINT" : "MAINTENANCE", true);
			summary_add(u, f, tight ? " " : "  ", false);
		}
		if (s->stop_all) {
			summary_add(u, f, "STOP-ALL", true);
			summary_add(u, f, tight ? " " : "  ", false);
		}
		summary_add(u, f, u->text[f][0], false);
		snprintf(u->text[f][1], 64, "failed %u", m.failed);
		summary_add(u, f, u->text[f][1], m.failed > 0);
		snprintf(u->text[f][2], 64, f < 2 ? "  pending %u " :
		    " pend %u ", m.pending);
		summary_add(u, f, u->text[f][2], false);
	}
	return N_SUMMARY;
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

/* The selected row's last failure, for the status line when there is no
 * newer message: a failure from before ccon started is seen too. */
static bool
row_failure(struct app *a, char *buf, size_t sz)
{
	struct app_cluster *ac = app_current(a);
	const struct view *v = app_view(a);
	const struct model_resource *res = NULL, *m;
	const struct model_group *g;
	const struct row *r;
	char when[32] = "";
	struct tm tm;
	time_t t;
	size_t k;

	if (ac->snap == NULL || (r = v->selected(v, app_view_state(a))) ==
	    NULL || !rows_valid(ac->snap, r))
		return false;
	if (r->kind == ROW_RESOURCE) {
		res = &ac->snap->resources[r->index];
	} else if (r->kind == ROW_GROUP) {
		/* A group's: its first member that failed. */
		g = &ac->snap->groups[r->index];
		for (k = 0; k < g->n_members && res == NULL; k++) {
			if (g->members[k] >= ac->snap->n_resources)
				continue;
			m = &ac->snap->resources[g->members[k]];
			if (m->failure != NULL)
				res = m;
		}
	}
	if (res == NULL || res->failure == NULL || res->id == NULL)
		return false;
	t = (time_t)res->failure_time;
	if (res->failure_time > 0 && localtime_r(&t, &tm) != NULL)
		(void)strftime(when, sizeof when, " at %Y-%m-%d %H:%M:%S", &tm);
	snprintf(buf, sz, "%s last failed%s: %s", res->id, when, res->failure);
	return true;
}

static void
draw_tabbar(struct app *a)
{
	struct app_cluster *ac = app_current(a);
	struct tabbar_cluster cl[BAR_HITS_MAX];
	const char *tabs[N_VIEWS];
	struct summary sum;
	size_t i, n_cl = a->n < BAR_HITS_MAX / 2 ? a->n : BAR_HITS_MAX / 2;
	bool overview = a->view == TAB_OVERVIEW;
	struct tabbar tb = {
		.tabs = tabs,
		.n_tabs = N_VIEWS,
		.current = overview ? N_VIEWS : a->view,
		.overview = a->n > 1 || overview ? overview_view.name : NULL,
		.overview_current = overview,
		.clusters = cl,
		.n_clusters = a->n > 1 ? n_cl : 0,
		.cur_cluster = a->cur < n_cl ? a->cur : 0,
		.summary = sum.forms,
	};

	for (i = 0; i < N_VIEWS; i++)
		tabs[i] = view_tabs[i]->name;
	for (i = 0; i < n_cl; i++)
		cl[i] = (struct tabbar_cluster){
			.name = cluster_name(a->cl[i].c),
			.mark = health_mark(a->cl[i].health.health),
			.tone = health_tone(a->cl[i].health.health),
			.bad = a->cl[i].health.health == HEALTH_BAD,
		};
	/* View 0 has a line for each cluster: no summary of one. */
	tb.n_summary = summary_texts(overview ? NULL : ac->snap, &sum);
	tabbar_draw(a->scr.top, &a->theme, &tb, &a->tab_hits);
}

static void
draw_keybar(struct app *a)
{
	struct app_cluster *ac = app_current(a);
	const struct view *v = app_view(a);
	struct keys_bar_item items[KEYS_BAR_MAX];
	struct keybar_item shown[KEYS_BAR_MAX];
	size_t n, k, i;
	bool has_row, keep_last;

	if (a->scr.keys == NULL)
		return;
	has_row = v->selected(v, app_view_state(a)) != NULL;
	n = keys_bar((enum view_tab)a->view, has_row, cluster_caps(ac->c),
	    cluster_type(ac->c), items, KEYS_BAR_MAX);
	k = keys_bar_fit(items, n, a->scr.cols, &keep_last);
	for (i = 0; i < k; i++) {
		const struct keys_bar_item *it = keep_last && i + 1 == k ?
		    &items[n - 1] : &items[i];

		shown[i] = (struct keybar_item){ .key = it->key,
		    .word = it->word };
	}
	keybar_draw(a->scr.keys, &a->theme, shown, k);
}

static void
draw_bars(struct app *a, uint64_t now)
{
	struct app_cluster *ac = app_current(a);
	char age[48], failure[sizeof ac->message + ACTION_ID_MAX];
	const char *source, *down_name = "", *down_word = "", *msg;
	char via[300];
	struct statusbar sb;
	struct health_summary hs;
	size_t i, down;
	enum tone msg_tone;

	draw_tabbar(a);
	draw_keybar(a);
	/* Old data is "stale" here, with why beside it; the overview tells
	 * stale from unreachable. */
	hs = ac->health;
	if (hs.reach == REACH_UNREACHABLE)
		hs.reach = REACH_STALE;
	health_reach_text(&hs, age, sizeof age);
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
		snprintf(via, sizeof via, "%s%s(%s %s)", source,
		    source[0] != '\0' ? " " : "", down_name, down_word);
	else if (down > 1)
		snprintf(via, sizeof via, "%s%s(%zu nodes cannot serve)", source,
		    source[0] != '\0' ? " " : "", down);
	else
		snprintf(via, sizeof via, "%s", source);
	source = via;
	/* The last message for a while, then the selected row's last
	 * failure: M shows the message whole at any time. */
	msg = ac->st.last_message;
	msg_tone = TONE_NORMAL;
	if (ac->message[0] != '\0') {
		msg = "";
		if (now >= ac->message_ms && now - ac->message_ms <
		    MESSAGE_SHOW_MS) {
			msg = ac->message;
			msg_tone = ac->message_tone;
		}
	}
	if (msg[0] == '\0' && row_failure(a, failure, sizeof failure)) {
		msg = failure;
		msg_tone = TONE_FAILED;
	}
	sb = (struct statusbar){
		.cluster = cluster_name(ac->c),
		.source = source,
		.age = age,
		.stale = ac->health.reach != REACH_FRESH &&
		    ac->health.reach != REACH_CONNECTING,
		.error = ac->st.error,
		.readonly = cluster_readonly(ac->c),
		.message = msg,
		.message_tone = msg_tone,
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

/* M: the last message whole, wrapped in a box; any key closes it. */
static void
draw_message(struct app *a)
{
	struct app_cluster *ac = app_current(a);
	char lines[CONFIRM_LINES][WIDGET_WRAP_LINE];
	const char *msg = ac->message[0] != '\0' ? ac->message :
	    ac->st.last_message;
	int iy, ix, ih, iw, cols = a->scr.cols - 8;
	size_t n, i;

	if (msg[0] == '\0')
		msg = "no message yet";
	n = widget_wrap(msg, cols > 20 ? cols : 20, lines, CONFIRM_LINES);
	widget_box(a->scr.body, &a->theme, (int)n + 3, a->scr.cols - 4,
	    cluster_name(ac->c), &iy, &ix, &ih, &iw);
	for (i = 0; i < n && (int)i < ih - 1; i++)
		widget_text(a->scr.body, iy + (int)i, ix, iw, lines[i],
		    theme_tone(&a->theme, ac->message[0] != '\0' ?
		    ac->message_tone : TONE_NORMAL), false);
	widget_text(a->scr.body, iy + ih - 1, ix, iw, "any key closes this",
	    theme_part(&a->theme, PART_DIM), false);
}

static void
draw(struct app *a)
{
	struct view_env env;
	const struct view *v = app_view(a);

	a->dirty = false;
	if (a->scr.too_small) {
		draw_too_small(a);
		doupdate();
		return;
	}
	/* The ages move with the clock, not only with the data. */
	summarize_health(a);
	app_sync_view(a, &env);
	draw_bars(a, env.now_ms);
	v->draw(v, a->scr.body, app_view_state(a), &env);
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
	case MODE_DETAIL:
		detail_pane_draw(a->scr.body, &a->theme, &a->detail);
		break;
	case MODE_MESSAGE:
		draw_message(a);
		break;
	default:
		break;
	}
	wnoutrefresh(a->scr.top);
	wnoutrefresh(a->scr.body);
	if (a->scr.keys != NULL)
		wnoutrefresh(a->scr.keys);
	wnoutrefresh(a->scr.bar);
	doupdate();
}

/* How long poll may sleep: a spinner frame while something is pending,
 * else until the data's age ticks over to the next second. */
static bool
shows_pending(struct app_cluster *ac)
{
	if (ac->pending_gen != ac->snap_gen) {
		ac->pending = rows_any_pending(ac->snap);
		ac->pending_gen = ac->snap_gen;
	}
	return ac->pending;
}

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
	if (shows_pending(ac))
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
	detail_pane_free(&a->detail);
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
	rowtable_free(&a->overview.rt);
	free(a->health);
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
			*err = xasprintf("poll failed: %s", strerror(errno));
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
	a->health = calloc(n, sizeof *a->health);
	if (a->cl == NULL || a->health == NULL)
		goto oom;
	a->n = n;
	/* With several clusters, first the line of each. */
	a->view = n > 1 ? TAB_OVERVIEW : TAB_GROUPS;
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
	if (screen_set_key_bar(&a.scr, o->key_bar) != 0) {
		*err = xstrdup("out of memory");
		goto out;
	}
	/* Without mouse reports, everything still works by keys. */
	if (o->mouse)
		(void)screen_set_mouse(&a.scr, true);
	if (o->prompt != NULL)
		prompt_set_wake_fd(o->prompt, a.wake_w);
	start_workers(&a);
	app_pull(&a);
	rc = loop(&a, err);
out:
	app_free(&a);
	return rc;
}
