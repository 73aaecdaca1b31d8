/* Operator requests (online, offline, move, ban, cleanup, pause, resume)
 * and the rules that decide what each one does. A request says what the
 * operator wants (this should run, this should be stopped), never a guess
 * from the state of the moment: it is sent unless the target already is
 * where it is meant to be and meant to stay there. */
#ifndef CCON_ACTION_H
#define CCON_ACTION_H

#include <stdbool.h>

#include "backend/core/model.h"

enum action_kind {
	ACT_ONLINE,
	ACT_OFFLINE,
	ACT_MOVE,
	ACT_CLEANUP,
	ACT_PAUSE,    /* node standby on */
	ACT_RESUME,   /* node standby off */
	ACT_CLEAR,    /* drop the move/ban constraints a move left behind */
	ACT_BAN,      /* keep a clone (an instance's container) off one node */
	ACT_COUNT
};

/* What a cluster type can be asked to do (its driver declares it): one
 * bit per action kind. A request outside the set is refused with "not
 * supported by this cluster type", and nothing is sent. */
#define ACTION_CAP(kind) (1u << (unsigned)(kind))
#define ACTION_CAPS_ALL ((1u << ACT_COUNT) - 1)

/* Options a request may carry (struct action's opts), in words no
 * cluster type owns. Each is a capability too, above the action bits: a
 * cluster type that does not declare it (ACTION_CAPS_ALL does not) has
 * the request refused, and nothing is sent. */
enum action_opt {
	/* Act on a group or resource that is locked (WSFC: an administrator
	 * or a cluster operation holds it; -IgnoreLocked). Online, offline
	 * and move only. The console sends it only after a second, distinct
	 * confirmation. */
	ACTION_OPT_IGNORE_LOCKED = 1u << 0,
	ACTION_OPT_ALL = (1u << 1) - 1
};

#define ACTION_CAP_OPT(opt) ((unsigned)(opt) << ACT_COUNT)

enum target_kind { TARGET_RESOURCE, TARGET_GROUP, TARGET_NODE };

#define ACTION_ID_MAX 256

struct action {
	enum action_kind kind;
	enum target_kind target_kind;
	char target[ACTION_ID_MAX];
	/* ACT_MOVE's destination ("": the best node, the cluster's choice),
	 * ACT_BAN's node. */
	char node[ACTION_ID_MAX];
	unsigned opts;                /* enum action_opt bits */
};

/* What the screen, the messages and the audit log call a move without a
 * destination. */
#define ACTION_BEST_NODE "the best node"

/* What a request does, decided from the snapshot it is made against. */
enum plan_kind {
	PLAN_REFUSE,      /* nothing is sent; status says why */
	PLAN_NOOP,        /* already there: success, nothing is sent */
	PLAN_IMMEDIATE,   /* sent; success at once (offline of a failed resource) */
	PLAN_PENDING,     /* sent; IO_PENDING, a transition tracks it */
};

struct plan {
	enum plan_kind kind;
	int status;       /* enum ccon_status the caller returns */
	int wanted;       /* state the target should reach */
	/* A move to the best node: the node it leaves, which it must not be
	 * on when done. */
	char away[ACTION_ID_MAX];
	char message[256];
};

/* Fills *a (no options); returns -1 (with a message in *err, caller
 * frees) when the target or node is empty, too long, or holds control
 * characters. A move's node may be NULL or "": the best node. */
int action_init(struct action *a, enum action_kind kind,
		enum target_kind target_kind, const char *target,
		const char *node, char **err);

/* Applies the transitions table of DESIGN.md. Pure: no I/O. */
void action_plan(const struct snapshot *s, const struct action *a,
		 struct plan *out);

/* Where a group or a resource outside any group can be moved: the nodes
 * that are up and do not run it now, in node order (pointers into s).
 * Returns how many, at most max; 0 with *why filled (PLAN_REFUSE and the
 * reason) when it cannot be moved at all. The rule action_plan applies
 * to a move. */
size_t action_move_targets(const struct snapshot *s, enum target_kind tk,
			   const char *target, const char **out, size_t max,
			   struct plan *why);

/* Whether caps (ACTION_CAP bits) allow kind; when not, fills *why with
 * the refusal ("move is not supported by this cluster type (x)"). */
bool action_supported(unsigned caps, enum action_kind kind,
		      const char *driver, struct plan *why);
/* The same for the whole request: its kind, and each of its options
 * (declared by caps, and meant for its kind). */
bool action_request_supported(unsigned caps, const struct action *a,
			      const char *driver, struct plan *why);

/* The words of an option, from one table: its name in the audit log
 * and in JSON ("ignore-locked"), and what it does in a sentence's end
 * ("overriding its lock"). NULL for an unknown bit. */
const char *action_opt_word(enum action_opt opt);
const char *action_opt_doing(enum action_opt opt);
/* opts' names, ", "-separated, into buf ("" for none). */
void action_opts_words(unsigned opts, char *buf, size_t sz);
/* Whether s shows a's target, a group or a resource, locked
 * (RES_F_LOCKED); false for a node or a target s does not have. */
bool action_target_locked(const struct snapshot *s, const struct action *a);

/* Whether the target has reached p->wanted in s (TR_DONE), failed on the
 * way (TR_FAILED, *reason set to a string owned by s), or is still going. */
enum transition_status action_progress(const struct snapshot *s,
				       const struct transition *t,
				       const char **reason);

const char *action_kind_word(enum action_kind k);   /* "offline" */
const char *target_kind_word(enum target_kind k);   /* "group" */
/* How many resource instances the cluster manages still run on node
 * (unmanaged and maintenance ones stay where they are): what a pause
 * waits for, "draining (3 left)". */
size_t action_node_left(const struct snapshot *s, const char *node);
/* The word for one target in a message: a group target's own kind in s
 * ("clone ping-clone", "bundle b"), else target_kind_word. s may be
 * NULL. */
const char *action_target_word(const struct snapshot *s,
			       enum target_kind k, const char *target);

#endif
