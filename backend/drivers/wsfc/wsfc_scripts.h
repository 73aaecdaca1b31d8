/* The PowerShell scripts the wsfc driver sends to a Windows node: the
 * fetch of the capture object, the actions, and the doorbell. Each is
 * built as text here; remote_shell_powershell turns it into the
 * powershell.exe -EncodedCommand line. Every name that comes from a
 * cluster or an operator enters a script only as a single-quoted
 * literal made by remote_shell_psquote(), so no name can be code.
 *
 * Every script sets UTF-8 output, silences progress, warnings and
 * verbose output, stops on the first error, catches it, and prints one
 * JSON object with ok (and on failure error = message, fqid, category),
 * every non-ASCII character escaped as \uXXXX, framed by a line
 * WSFC_SCRIPT_BEGIN and a line WSFC_SCRIPT_END. */
#ifndef CCON_WSFC_SCRIPTS_H
#define CCON_WSFC_SCRIPTS_H

#include <stdbool.h>

#include "backend/core/action.h"

#define WSFC_SCRIPT_BEGIN "<<CCON-BEGIN>>"
#define WSFC_SCRIPT_END "<<CCON-END>>"

enum wsfc_action {
	WSFC_RESOURCE_OFFLINE,  /* Stop-ClusterResource -Wait 0 */
	WSFC_RESOURCE_ONLINE,   /* Start-ClusterResource -Wait 0 */
	WSFC_GROUP_OFFLINE,     /* Stop-ClusterGroup -Wait 0 */
	WSFC_GROUP_ONLINE,      /* Start-ClusterGroup -Wait 0 */
	WSFC_GROUP_MOVE,        /* Move-ClusterGroup [-Node] -Wait 0 */
	WSFC_NODE_PAUSE,        /* Suspend-ClusterNode -Drain -Confirm:$false */
	WSFC_NODE_RESUME,       /* Resume-ClusterNode */
	WSFC_ACTION_COUNT
};

/* The fetch script: its object is the capture format's (ok, cluster,
 * node, ps, nodes, groups, resources, dependencies), arrays even when
 * empty or of one. Newly allocated; never NULL. */
char *wsfc_script_fetch(void);

/* The script for action on the object called name (a resource, group
 * or node as the action says). target: for WSFC_GROUP_MOVE the node to
 * move to, NULL for the cluster's choice; must be NULL for the others.
 * ignore_locked adds -IgnoreLocked (start, stop, move only). On success
 * the object is ok, name and state (the number the cmdlet's output
 * object gives). Newly allocated, or NULL with *err (caller frees) if
 * a name cannot be quoted or the combination does not exist. */
char *wsfc_script_action(enum wsfc_action action, const char *name,
			 const char *target, bool ignore_locked, char **err);

/* The one cmdlet action runs ("Stop-ClusterResource"...), or NULL. */
const char *wsfc_action_cmdlet(enum wsfc_action action);

/* The detail script of the resource, group or node called name
 * (kind): one powershell.exe that reads it, and nothing else, with Get-
 * cmdlets only (docs/wsfc.md "Detail"). Its object is ok, kind
 * ("resource", "group", "node") and, by kind:
 *   resource: resource (its properties, flattened as the fetch does),
 *             dependency (its DependencyExpression), owners (its
 *             possible owners' names), parameters (Get-ClusterParameter:
 *             Name, Value as a string or null, Secret: whether the node
 *             withheld the value because the name looks like a secret's)
 *   group:    group, owners (preferred owners, in order), resources
 *             (Name, State, ResourceType, OwnerNode of each member),
 *             dependencies (Resource, DependencyExpression of each)
 *   node:     node, groups (Name, State, IsCoreGroup of those it owns)
 * Newly allocated, or NULL with *err (caller frees) if the name cannot
 * be quoted. */
char *wsfc_script_detail(enum target_kind kind, const char *name,
			 char **err);

/* The doorbell: one long-running script that reads, once a second, what
 * the fetch reads of every node, group and resource (the dependencies
 * every WSFC_DOORBELL_DEPENDENCY_POLLS polls) and prints a line
 * WSFC_DOORBELL_LINE when that differs from the last time (and once at
 * the start); it ends when its stdin reaches its end (ccon closed the
 * channel), or with a framed ok:false object if the cluster cannot be
 * read. Newly allocated; never NULL. */
#define WSFC_DOORBELL_LINE "<<CCON-CHANGED>>"
#define WSFC_DOORBELL_DEPENDENCY_POLLS 30
#define WSFC_DOORBELL_DEPENDENCY_POLLS_TEXT "30"
char *wsfc_script_doorbell(void);

#endif
