/* The console's keys in one table: which keys (curses codes), the
 * command they run, what the help says about them, in which views they
 * apply and what the cluster type must be able to do for them. The
 * dispatch (tui/app_keys.c), the ? overlay (views/help.c) and
 * ccon --help all read it, so none of them can forget a key. */
#ifndef CCON_KEYS_H
#define CCON_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "backend/core/action.h"
#include "views/view.h"

enum key_cmd {
	CMD_VIEW,           /* show the view of tab arg */
	CMD_VIEW_STEP,      /* the next (arg 1) or previous (-1) view */
	CMD_CLUSTER_STEP,   /* the next (arg 1) or previous (-1) cluster */
	CMD_SELECT,         /* the view moves its selection with the key */
	CMD_ONLINE,
	CMD_OFFLINE,
	CMD_MOVE,
	CMD_CLEANUP,
	CMD_CLEAR,
	CMD_BAN,            /* keep the selected clone instance's clone off
			     * the instance's node */
	CMD_DETAIL,         /* open the detail pane of the selected row */
	CMD_DISMISS,        /* clear the mark a failed or timed-out request
			     * left on the selected row */
	CMD_PAUSE,          /* pause the selected node, or resume it */
	CMD_FILTER,         /* open the filter line (arg 0), clear it (-1) */
	CMD_NEXT_MARKED,    /* the next (arg 1) or previous (-1) failed or
			     * pending row */
	CMD_SORT,           /* the next sort of the view */
	CMD_HIDE_HEALTHY,   /* show only what is not as meant, or all */
	CMD_FOLD,           /* fold (arg -1), open (1) or toggle (0) a group */
	CMD_OPEN_CLUSTER,   /* view 0: open the selected cluster */
	CMD_MESSAGE,        /* the last status message in full */
	CMD_HELP,
	CMD_REPAINT,
	CMD_QUIT,
	CMD_COUNT
};

#define KEYS_PER_BINDING 4

struct key_press {
	int ch;             /* a curses key code; 0 ends the list */
	int arg;            /* handed to the command with this key */
};

/* Where a binding applies: one bit per view (enum view_tab), the
 * clusters overview included. */
#define KEYS_IN(tab) (1u << (tab))
#define KEYS_EVERYWHERE ((1u << (TAB_OVERVIEW + 1)) - 1)

struct key_binding {
	struct key_press keys[KEYS_PER_BINDING];
	enum key_cmd cmd;
	const char *help;   /* what the help says it does */
	unsigned scope;     /* KEYS_IN bits */
	unsigned caps;      /* ACTION_CAP bits its command needs, 0: none */
	const char *bar;    /* its word in the key bar ("online"), or NULL
			     * when it is not shown there */
};

extern const struct key_binding keys_table[];
extern const size_t keys_count;

/* The binding of ch in view tab, with the key's arg in *arg; NULL when
 * ch is not bound. A key bound only for other views is found too, so
 * that its command can say where it applies. */
const struct key_binding *keys_lookup(int ch, enum view_tab tab, int *arg);

/* A key's name as the help shows it: "q", "Tab", "PgUp", "Ctrl-L". */
void keys_key_name(int ch, char *buf, size_t sz);
/* The names of a binding's keys: "Up Down j k". */
void keys_names(const struct key_binding *b, char *buf, size_t sz);
/* What a binding does, with where it applies unless that is every view:
 * "pause (asks) / resume a node, in view 3". */
void keys_help(const struct key_binding *b, char *buf, size_t sz);

/* Whether a cluster type that can do caps (ACTION_CAP bits) runs b; when
 * not, *why holds the refusal of the first action it lacks ("move is not
 * supported by this cluster type (sim)"). driver may be NULL. */
bool keys_supported(const struct key_binding *b, unsigned caps,
		    const char *driver, struct plan *why);

/* One entry of the key bar: a key's name and its word. */
struct keys_bar_item {
	char key[16];
	const char *word;
};

#define KEYS_BAR_MAX 24

/* The key bar of view tab (htop style): the bindings with a word that
 * apply there and that the cluster type runs, the first key of each;
 * those acting on a row only when there is one (has_row). "?" comes
 * last, so that a bar cut to the width keeps it (keys_bar_fit). Returns
 * how many (at most max). */
size_t keys_bar(enum view_tab tab, bool has_row, unsigned caps,
		const char *driver, struct keys_bar_item *out, size_t max);
/* What of the n items fits in cols columns as "k word  k word": returns
 * how many to draw. All n when they fit; else, with *keep_last, the
 * first (returned - 1) items and then the last one (the help, kept
 * whenever it fits alone); 0 when not even that fits. */
size_t keys_bar_fit(const struct keys_bar_item *items, size_t n, int cols,
		    bool *keep_last);

/* The keys part of ccon --help: a heading, then one line per binding.
 * Returns 0, or -1 when writing failed. */
int keys_usage(FILE *out);

#endif
