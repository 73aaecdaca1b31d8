/* What the console's three files share, and nothing else should see:
 * the loop's state (struct app) and the calls between the loop and
 * drawing (app.c), the actions (app_actions.c) and the keys
 * (app_keys.c). The unit tests of the keys include it too. */
#ifndef CCON_APP_PRIV_H
#define CCON_APP_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backend/core/action.h"
#include "backend/core/cluster.h"
#include "tui/app.h"
#include "tui/widgets/askbox.h"
#include "tui/widgets/screen.h"
#include "tui/widgets/theme.h"
#include "tui/widgets/tone.h"
#include "tui/widgets/widgets.h"
#include "views/detail.h"
#include "views/keys.h"
#include "views/view.h"
#include "views/whatif.h"

/* The views 1 to 4 (view_tabs), in the order of their keys and tabs. */
#define N_VIEWS TAB_COUNT

enum app_mode { MODE_NORMAL, MODE_HELP, MODE_CONFIRM, MODE_CHOOSE,
		MODE_PROMPT, MODE_DETAIL, MODE_MESSAGE };

/* How long the status line says the last message before it gives way to
 * the default line (M shows it whole meanwhile and after). */
#define MESSAGE_SHOW_MS 10000

/* How long the confirm dialog waits for its preview before it says so
 * (the operator may decide meanwhile, and the preview may still come). */
#define CONFIRM_PREVIEW_SLOW_MS 4000
#define CONFIRM_LINES 12

/* The confirm dialog: the question, and what the cluster would do (the
 * preview, asked of the worker when the dialog opens and filled in when
 * it arrives: the UI never waits for it). */
struct confirm {
	char question[ACTION_ID_MAX * 2 + 160];
	uint64_t ticket;                /* of the preview asked, 0: none */
	uint64_t asked_ms;              /* the cluster's clock */
	bool waiting;                   /* asked, not answered yet */
	char lines[CONFIRM_LINES][WHATIF_LINE];
	size_t n_lines;
	/* The second question, after y: the target is locked, and only
	 * CONFIRM_LOCK_KEY overrides the lock. */
	bool lock;
};

struct app_cluster {
	struct cluster *c;
	bool started;
	struct snapshot *snap;          /* one ref, or NULL */
	uint64_t snap_gen;
	/* Whether snap shows anything pending (the spinner's clock), as of
	 * pending_gen: looked at once per snapshot, not at every wake. */
	bool pending;
	uint64_t pending_gen;
	struct cluster_status st;
	struct event_hist events;
	struct view_state vs[N_VIEWS];
	char message[320];              /* the last answer shown for it */
	enum tone message_tone;
	uint64_t message_ms;            /* when it was said (the cluster's
					 * clock) */
	struct health_summary health;   /* of the last look (app_pull) */
	struct health_watch watch;      /* what was said of its health */
	char empty[320];                /* what an empty view says */
};

struct app {
	struct app_cluster *cl;
	size_t n, cur, view;
	enum app_mode mode;
	struct action pending;          /* what the dialog or chooser is for */
	struct confirm confirm;
	struct chooser chooser;
	struct askbox ask;              /* a worker's question (MODE_PROMPT) */
	enum app_mode before_prompt;    /* what the question interrupted */
	struct view_state help_state;
	struct detail_pane detail;      /* MODE_DETAIL, of the current cluster */
	struct view_state overview;     /* view 0, over every cluster */
	struct health_summary *health;  /* n, for view_env.clusters */
	struct bar_hits tab_hits;       /* the tab line's, for clicks */
	struct screen scr;
	bool screen_open;
	struct theme theme;
	const struct app_options *opt;
	int wake_r, wake_w;
	bool dirty, quit;
};

/* ---- app.c: state, set-up, what the workers published ----------------- */

/* Sets up *a for the clusters, without the terminal and without starting
 * a worker (app_run does both; tests do neither). Returns 0, or -1 with
 * *err (caller frees); app_free is due either way. */
int app_init(struct app *a, struct cluster *const *clusters, size_t n,
	     const struct app_options *o, char **err);
/* Stops the workers, gives the terminal back, frees what *a holds. */
void app_free(struct app *a);
/* Picks up snapshots, status, events and questions from the workers. */
void app_pull(struct app *a);

struct app_cluster *app_current(struct app *a);
/* The view shown (a->view: one of view_tabs, or the overview) and its
 * state (the current cluster's, or the overview's own). */
const struct view *app_view(const struct app *a);
struct view_state *app_view_state(struct app *a);
/* What the current view is drawn from, and what its keys act on. */
void app_env(struct app *a, struct view_env *env);
/* app_env, and the current view's state synced to it: what a key acts on
 * is the newest snapshot the operator sees, not the last frame drawn. */
void app_sync_view(struct app *a, struct view_env *env);
/* The current view's selected row after app_sync_view (*r NULL when
 * nothing is selected); false, with "no data yet" said in the status
 * line, while the current cluster has no snapshot. */
bool app_selected_row(struct app *a, const struct row **r);
/* What the status line says for ac (shown while ac is the current
 * cluster): the answer to its last request or refusal. */
void app_message(struct app_cluster *ac, enum tone tone, const char *fmt,
		 ...) __attribute__((format(printf, 3, 4)));

/* ---- app_actions.c: requests, confirmation, the move chooser ---------- */

/* What an action key asks for (online, offline, move, cleanup, clear on
 * the selected group or resource; ACT_PAUSE pauses the selected node or
 * resumes it): asked first where it cannot be taken back, else sent.
 * Refusals are said in the status line. Returns VIEW_* bits. */
int app_request(struct app *a, enum action_kind kind);
/* Clears the mark a failed or timed-out request left on the selected
 * row (a). Returns VIEW_* bits. */
int app_dismiss(struct app *a);
/* The answer to the confirm dialog (MODE_CONFIRM). */
int app_confirm_key(struct app *a, int ch);
/* What the confirm dialog says under its lines: which key does what. */
const char *app_confirm_hint(const struct app *a);
/* Picks up the confirm dialog's preview when it has come (app_pull), or
 * says that it is slow; returns whether the dialog changed. */
bool app_confirm_poll(struct app *a, uint64_t now_ms);
/* Milliseconds until the dialog should say its preview is slow, or -1. */
int app_confirm_timeout(const struct app *a, uint64_t now_ms);
/* A key in the move chooser (MODE_CHOOSE). */
int app_choose_key(struct app *a, int ch);

/* ---- app_detail.c: the detail pane ------------------------------------- */

/* Opens the detail pane (MODE_DETAIL) on the selected group, resource or
 * node and asks the worker for the driver's part. Returns VIEW_* bits. */
int app_detail_open(struct app *a);
/* Brings the open pane up to date (app_pull): the snapshot part from a
 * new snapshot, and then the driver's part asked again; picks up the
 * driver's answer when it has come. Nothing is asked while the snapshot
 * stands still. */
void app_detail_poll(struct app *a);
/* A key while the pane is open. */
int app_detail_key(struct app *a, int ch);

/* ---- app_keys.c: what a key does --------------------------------------- */

/* What a command of the key table does (views/keys.h): ch is the key
 * pressed, arg the table's for it. Returns VIEW_* bits. */
typedef int app_key_fn(struct app *a, int ch, int arg);

/* The handler of every command, indexed by enum key_cmd. */
extern app_key_fn *const app_key_handlers[CMD_COUNT];

/* One key, run by the handlers given (app_key_handlers but in tests):
 * the open dialog's, or the table's for the current view, refused in
 * the status line when the cluster type cannot do what it asks. Returns
 * VIEW_* bits (VIEW_REDRAW when the screen changed). */
int app_key_dispatch(struct app *a, int ch, app_key_fn *const *handlers);
/* app_key_dispatch with app_key_handlers. */
int app_key(struct app *a, int ch);
/* A mouse event (KEY_MOUSE): y, x on the screen; bstate its buttons.
 * A click on the tab line picks a view or a cluster, one in the body
 * selects that row, the wheel moves the selection. Returns VIEW_* bits. */
int app_mouse(struct app *a, int y, int x, unsigned long bstate);
/* Every key waiting on the terminal. */
void app_read_keys(struct app *a);

#endif
