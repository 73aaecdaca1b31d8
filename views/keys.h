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

/* Where a binding applies: one bit per view (enum view_tab). */
#define KEYS_IN(tab) (1u << (tab))
#define KEYS_EVERYWHERE ((1u << TAB_COUNT) - 1)

struct key_binding {
	struct key_press keys[KEYS_PER_BINDING];
	enum key_cmd cmd;
	const char *help;   /* what the help says it does */
	unsigned scope;     /* KEYS_IN bits */
	unsigned caps;      /* ACTION_CAP bits its command needs, 0: none */
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

/* The keys part of ccon --help: a heading, then one line per binding.
 * Returns 0, or -1 when writing failed. */
int keys_usage(FILE *out);

#endif
