/* The cluster model: states numbered as in clusapi.h, and the immutable,
 * refcounted snapshot that drivers build and the UI reads. */
#ifndef CCON_MODEL_H
#define CCON_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum res_state {
	RES_UNKNOWN = -1,
	RES_INHERITED = 0,
	RES_INITIALIZING = 1,
	RES_ONLINE = 2,
	RES_OFFLINE = 3,
	RES_FAILED = 4,
	RES_PENDING = 128,
	RES_ONLINE_PENDING = 129,
	RES_OFFLINE_PENDING = 130,
};

enum group_state {
	GROUP_UNKNOWN = -1,
	GROUP_ONLINE = 0,
	GROUP_OFFLINE = 1,
	GROUP_FAILED = 2,
	GROUP_PARTIAL_ONLINE = 3,
	GROUP_PENDING = 4,
};

enum node_state {
	NODE_UNKNOWN = -1,
	NODE_UP = 0,
	NODE_DOWN = 1,
	NODE_PAUSED = 2,
	NODE_JOINING = 3,
};

/* How far a paused node's drain has got, where the cluster says
 * (WSFC's DrainStatus); NONE where it does not (Pacemaker's standby has
 * no drain of its own) or no drain was asked for. NONE is 0, so a node
 * that nobody sets is NONE. */
enum node_drain {
	NODE_DRAIN_NONE = 0,
	NODE_DRAIN_IN_PROGRESS,
	NODE_DRAIN_DONE,
	NODE_DRAIN_FAILED,
};

enum group_kind { GROUP_KIND_GROUP, GROUP_KIND_CLONE, GROUP_KIND_BUNDLE };

/* Flags beside a resource's state. */
enum {
	RES_F_DISABLED = 1u << 0,    /* target role is stopped */
	RES_F_UNMANAGED = 1u << 1,
	RES_F_MAINTENANCE = 1u << 2,
	RES_F_BLOCKED = 1u << 3,
	RES_F_ORPHANED = 1u << 4,
	RES_F_PINNED = 1u << 5,      /* held by a move/ban constraint */
	/* Its own target role is stopped; DISABLED alone may come from its
	 * container (a stopped group). Not shown: it says who asked. */
	RES_F_OWN_STOPPED = 1u << 6,
	/* Held by an administrator or a cluster operation (WSFC's Locked
	 * status bit): start, stop and move are refused unless the request
	 * overrides it (ACTION_OPT_IGNORE_LOCKED). */
	RES_F_LOCKED = 1u << 7,
	/* The cluster's own, not a role's: WSFC's core groups (the
	 * cluster's name and address, Available Storage) and their
	 * resources. Taking one offline can cut off the cluster's
	 * management name. */
	RES_F_CORE = 1u << 8,
};

/* Flags beside a node's state. */
enum {
	NODE_F_DC = 1u << 0,
	NODE_F_STANDBY = 1u << 1,
	NODE_F_MAINTENANCE = 1u << 2,
	NODE_F_UNCLEAN = 1u << 3,
};

struct model_node {
	const char *name;
	enum node_state state;
	unsigned flags;
	enum node_drain drain;
	unsigned resource_count;      /* derived: resource instances active here */
};

struct model_resource {
	const char *id;
	const char *group;            /* NULL outside any group */
	const char *agent;            /* "ocf:heartbeat:IPaddr2" */
	const char *role;             /* "Started", "Promoted", ... or NULL */
	enum res_state state;
	unsigned flags;
	unsigned failcount;           /* MODEL_FAILCOUNT_INFINITY at most */
	const char *const *nodes;     /* where it is active; n_nodes entries */
	size_t n_nodes;
	const char *failure;          /* last failure's reason, or NULL */
	int64_t failure_time;         /* epoch seconds, 0 if none */
	/* Set by the cluster layer: monotonic ms since which `state` holds;
	 * 0 when unknown (a snapshot that no cluster layer has seen). */
	uint64_t state_since_ms;
	/* The constraints that pin it (RES_F_PINNED), by their ids
	 * ("cli-prefer-web", "cli-ban-db-on-alpha"), each once, where the
	 * driver knows them; n_pinned_by entries (0 where it does not). */
	const char *const *pinned_by;
	size_t n_pinned_by;
};

struct model_group {
	const char *id;
	enum group_kind kind;
	/* Derived from the members, unless the driver gave the cluster's
	 * own (snapshot_group_set_state). */
	enum group_state state;
	const size_t *members;        /* indexes into snapshot.resources, in order */
	size_t n_members;
	unsigned flags;               /* RES_F_* of the group itself */
};

/* TR_TIMED_OUT: the deadline passed first; the transition is still
 * watched, and ends "done late" if the target gets there after all. */
enum transition_status { TR_PENDING, TR_DONE, TR_FAILED, TR_TIMED_OUT };

/* The wanted outcome of one request; see backend/action.h. */
struct transition {
	uint64_t id;
	int action;                   /* enum action_kind */
	int target_kind;              /* enum target_kind */
	const char *target;
	const char *node;             /* move destination, or NULL */
	/* A move to the best node: the node it leaves, or NULL. */
	const char *away;
	int wanted;                   /* res_state, group_state or node_state */
	enum transition_status status;
	uint64_t start_ms, deadline_ms, end_ms;   /* monotonic */
	const char *reason;           /* why it failed, or NULL */
};

struct snapshot {
	const char *cluster;
	const char *driver;
	const char *source;           /* node the data came from */
	const char *dc;               /* designated controller, or NULL */
	bool quorum;
	bool maintenance_mode;        /* cluster-wide */
	bool stop_all;                /* cluster-wide stop-all-resources */
	/* The view of a partition without quorum, no node of a quorate one
	 * having answered: what the others run may differ. */
	bool minority;
	/* What this cluster type can be asked to do (ACTION_CAP bits of
	 * action.h); every action until the cluster layer says otherwise. */
	unsigned caps;
	uint64_t taken_ms;            /* monotonic time of the fetch */
	int64_t taken_wall;           /* epoch seconds of the fetch */
	/* Epoch seconds the data describes, when the source says and it
	 * may be older than the fetch: a saved file's own time (crm_mon's
	 * <last_update>); 0: as fetched. */
	int64_t data_wall;

	const struct model_node *nodes;
	size_t n_nodes;
	const struct model_group *groups;
	size_t n_groups;
	const struct model_resource *resources;
	size_t n_resources;
	/* Set by the cluster layer: pending and recently failed transitions. */
	const struct transition *transitions;
	size_t n_transitions;

	struct snapshot_priv *priv;   /* builder storage; not for readers */
	/* How many nodes the cluster has, where the source says (crm_mon's
	 * <nodes_configured>); 0 when it does not. More than n_nodes when
	 * the source was asked for fewer (crm_mon --node, --exclude=nodes). */
	unsigned nodes_configured;
};

/* Building. Drivers call snapshot_new, add nodes, groups (before their
 * members) and resources, then snapshot_finish, which derives the group
 * states and node counts. Strings are copied. Returns -1 only if a
 * resource names a group that was not added. */
struct snapshot *snapshot_new(const char *cluster, const char *driver,
			      const char *source);
size_t snapshot_add_node(struct snapshot *s, const char *name,
			 enum node_state state, unsigned flags);
size_t snapshot_add_group(struct snapshot *s, const char *id,
			  enum group_kind kind, unsigned flags);
size_t snapshot_add_resource(struct snapshot *s, const char *id,
			     const char *group, const char *agent,
			     enum res_state state, unsigned flags);
void snapshot_resource_set_role(struct snapshot *s, size_t r, const char *role);
/* Where resource r comes among its group's members: lower ranks first,
 * then in the order added; 0 unless set. WSFC ranks a resource after
 * what it depends on, so a group reads in the order it comes online. */
void snapshot_resource_set_rank(struct snapshot *s, size_t r, unsigned rank);
void snapshot_resource_add_node(struct snapshot *s, size_t r, const char *node);
void snapshot_resource_set_failure(struct snapshot *s, size_t r,
				   unsigned failcount, const char *reason,
				   int64_t when);
void snapshot_set_dc(struct snapshot *s, const char *node);
void snapshot_node_set_drain(struct snapshot *s, size_t n,
			     enum node_drain drain);
/* Group g's state as the cluster reports it (WSFC computes its own):
 * snapshot_finish keeps it rather than deriving one from the members.
 * Groups without it are derived as before. */
void snapshot_group_set_state(struct snapshot *s, size_t g,
			      enum group_state st);
int snapshot_finish(struct snapshot *s, char **err);
/* A driver that learns more after snapshot_finish (a parser folding in
 * failures) changes a resource, then calls snapshot_finish again so that
 * the group states are derived anew. */
void snapshot_resource_set_state(struct snapshot *s, size_t r,
				 enum res_state st);
void snapshot_resource_add_flags(struct snapshot *s, size_t r,
				 unsigned flags);
/* Resource r is pinned (RES_F_PINNED) by the constraint of that id,
 * kept once however often it is added; before or after snapshot_finish. */
void snapshot_resource_add_pin(struct snapshot *s, size_t r,
			       const char *constraint);

/* Cluster-layer overlay, before the snapshot is published. */
void snapshot_set_transitions(struct snapshot *s, const struct transition *t,
			      size_t n);
void snapshot_set_state_since(struct snapshot *s, size_t r, uint64_t ms);
void snapshot_set_caps(struct snapshot *s, unsigned caps);
void snapshot_set_minority(struct snapshot *s, bool minority);

/* Sharing. A published snapshot is immutable; each holder keeps a ref. */
struct snapshot *snapshot_ref(struct snapshot *s);
void snapshot_unref(struct snapshot *s);

/* A new snapshot (one ref) with the state of s and transitions t[0..n):
 * what the cluster layer publishes when only the transitions changed. It
 * shares s's data rather than copying it, so it costs O(n), not the
 * size of the cluster. */
struct snapshot *snapshot_with_transitions(struct snapshot *s,
					   const struct transition *t,
					   size_t n);

/* Lookups, in constant time; return the index or -1. A clone's instances
 * share their id: find_resource gives the first, find_instance the nth
 * (0 = the first). */
long snapshot_find_resource(const struct snapshot *s, const char *id);
long snapshot_find_instance(const struct snapshot *s, const char *id,
			    unsigned nth);
long snapshot_find_group(const struct snapshot *s, const char *id);
long snapshot_find_node(const struct snapshot *s, const char *name);
/* The active or most recent transition for a target (target_kind is an
 * enum target_kind: a node and a group may share a name), or NULL. */
const struct transition *snapshot_transition_for(const struct snapshot *s,
						 int target_kind,
						 const char *target);

/* Group state from member states (DESIGN.md rule). */
enum group_state group_state_derive(const enum res_state *members, size_t n);

bool res_state_is_pending(enum res_state s);

/* Pacemaker's INFINITY: a fail count this high (or higher, summed) is
 * the ban it stands for, shown as the word. */
#define MODEL_FAILCOUNT_INFINITY 1000000u
/* "3", or "INFINITY" from MODEL_FAILCOUNT_INFINITY up, in buf; returns
 * buf. */
const char *failcount_text(unsigned n, char *buf, size_t sz);

/* Words used on screen and in JSON. */
const char *res_state_word(enum res_state s);    /* "online_pending" */
const char *group_state_word(enum group_state s);
const char *node_state_word(enum node_state s);
const char *group_kind_word(enum group_kind k);
/* "none", "draining", "drained", "drain_failed" (JSON). */
const char *node_drain_word(enum node_drain d);
/* "draining", "drained", "drain failed"; "" for NODE_DRAIN_NONE. */
const char *node_drain_label(enum node_drain d);
/* A node's state for the screen with its drain where it has one
 * ("PAUSED drain failed"), in buf; returns buf. */
const char *node_label(const struct model_node *n, char *buf, size_t sz);
/* Upper-case words for the screen ("ONLINE PENDING"). */
const char *res_state_label(enum res_state s);
const char *group_state_label(enum group_state s);
const char *node_state_label(enum node_state s);

#endif
