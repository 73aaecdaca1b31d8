/* Parses the WSFC capture: the JSON object the wsfc driver's fetch script
 * prints on a cluster node (docs/wsfc.md, "The capture format"), framed
 * by the lines <<CCON-BEGIN>> and <<CCON-END>>, into a snapshot of the
 * model, plus what WSFC says that the model has no place for. The input
 * is untrusted: anything unexpected is refused with a message naming the
 * element and the property, never guessed at. */
#ifndef CCON_WSFC_CAPTURE_H
#define CCON_WSFC_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backend/core/model.h"
#include "backend/drivers/wsfc/wsfc_deps.h"

/* An integer property the capture did not give (or gave as null). */
#define WSFC_ABSENT INT64_MIN

/* GroupType numbers of the two core groups (clusapi's; names are
 * localized, these are not). */
enum {
	WSFC_GROUP_TYPE_CLUSTER = 1,          /* "Cluster Group" */
	WSFC_GROUP_TYPE_AVAILABLE_STORAGE = 2,
};

/* Bits of a node's StatusInformation. */
enum {
	WSFC_NODE_ISOLATED = 1,
	WSFC_NODE_QUARANTINED = 2,
	WSFC_NODE_DRAIN_IN_PROGRESS = 4,
	WSFC_NODE_DRAIN_COMPLETED = 8,
	WSFC_NODE_DRAIN_FAILED = 16,
};

/* Bit of a group's and a resource's StatusInformation: what
 * -IgnoreLocked is for. */
#define WSFC_STATUS_LOCKED 1

/* ClusterNodeDrainStatus. */
enum wsfc_drain {
	WSFC_DRAIN_NOT_INITIATED = 0,
	WSFC_DRAIN_IN_PROGRESS = 1,
	WSFC_DRAIN_COMPLETED = 2,
	WSFC_DRAIN_FAILED = 3,
};

/* Integers are WSFC_ABSENT when not given; strings NULL. `state` is the
 * number as given (the snapshot holds its mapping, unknown when the
 * number is not documented). */
struct wsfc_node_info {
	char *id;
	int64_t state;
	int64_t drain_status;         /* enum wsfc_drain */
	int64_t status_information;   /* WSFC_NODE_* bits */
	int64_t node_weight, dynamic_weight;
};

struct wsfc_group_info {
	char *id;
	char *owner_node;
	int64_t state;
	int64_t group_type;
	bool is_core_group;           /* IsCoreGroup as given (false if not) */
	/* A core group, by GroupType 1 or 2 or IsCoreGroup: never by name. */
	bool core;
	int64_t priority;
	int64_t status_information;   /* WSFC_STATUS_LOCKED, ... */
	int64_t persistent_state;
};

struct wsfc_resource_info {
	char *id;
	char *owner_node;
	int64_t state;
	bool is_core_resource;
	int64_t status_information;
	int64_t last_operation_status;
	/* What its DependencyExpression names (empty without one), and
	 * the expression as given (NULL without one). */
	struct wsfc_deps deps;
	char *dependency_expression;
};

/* One parsed capture. The arrays run parallel to the snapshot's:
 * nodes[i] describes snap->nodes[i], and so on. */
struct wsfc_capture {
	struct snapshot *snap;        /* finished; one reference, ours */
	char *cluster;                /* the cluster's name, as it says */
	char *node;                   /* where the script ran */
	char *ps;                     /* PowerShell's version */
	struct wsfc_node_info *nodes;
	struct wsfc_group_info *groups;
	struct wsfc_resource_info *resources;
};

/* Parses text[0..len): the framed object with anything around it (text
 * before <<CCON-BEGIN>> and after <<CCON-END>> is ignored), or the bare
 * object alone; a UTF-8 BOM and CRLF line ends are fine. The snapshot
 * (driver "wsfc") is named cluster (or, if NULL, the capture's cluster)
 * and comes from source (or, if NULL, the capture's node). Each group's
 * state is the one WSFC reports; a resource runs (model nodes) on its
 * OwnerNode unless it is offline; MaintenanceMode sets
 * RES_F_MAINTENANCE; a failed resource's failure is its
 * LastOperationStatusCode.
 * Returns 0 with *out filled (wsfc_capture_free frees it), or -1 with
 * *err (caller frees) and *out untouched: the capture's own error when
 * its `ok` is false (then *fqid, if fqid is not NULL, gets the error's
 * FullyQualifiedErrorId or NULL, caller frees), or what made the text
 * unreadable: not found, not UTF-8, not JSON (with its line and column),
 * or a property missing or of the wrong type (naming the element). */
int wsfc_capture_parse(const char *text, size_t len, const char *cluster,
		       const char *source, struct wsfc_capture *out,
		       char **fqid, char **err);
void wsfc_capture_free(struct wsfc_capture *c);

/* Parses an action script's answer (wsfc_scripts.h): the framed object
 * {"ok":true,"name":...,"state":N}. Returns 0 with *state the number
 * the cmdlet's output gave (WSFC_ABSENT if none), or -1 with *err
 * (caller frees): the script's own error when ok is false (then *fqid,
 * if fqid is not NULL, gets its FullyQualifiedErrorId or NULL, caller
 * frees), or what made the text unreadable. */
int wsfc_capture_result(const char *text, size_t len, int64_t *state,
			char **fqid, char **err);

/* The JSON object of a script's answer (the capture, an action's or a
 * detail's), found and checked as wsfc_capture_parse does: the frame or
 * the bare object, UTF-8 without NUL, JSON without duplicate keys, an
 * object. what names it in messages ("the detail"). Returns 0 with *out
 * (one reference, caller's: json_decref), or -1 with *err. */
struct json_t;
int wsfc_capture_load(const char *text, size_t len, const char *what,
		      struct json_t **out, char **err);

/* Model states of WSFC's numbers: ClusterResourceState,
 * ClusterGroupState and ClusterNodeState. A number WSFC does not
 * document maps to the unknown state. */
enum res_state wsfc_res_state(int64_t n);
enum group_state wsfc_group_state(int64_t n);
enum node_state wsfc_node_state(int64_t n);
/* The model's drain of a node: NONE unless it is paused (DrainStatus
 * outlives a resume); then its DrainStatus, or where that is absent or
 * undocumented, its StatusInformation's drain bits (failed first). */
enum node_drain wsfc_node_drain(const struct wsfc_node_info *ni);

#endif
