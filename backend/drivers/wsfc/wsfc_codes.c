/* The tables. Codes, names and meanings are those of Microsoft's System
 * Error Codes pages (learn.microsoft.com, "System Error Codes (1700-3999)"
 * and "(4000-5999)", MicrosoftDocs/win32 desktop-src/Debug), cut to the
 * ones a resource or a cluster cmdlet is documented or likely to report;
 * the error ids are those WSFC-NOTES §4 records. Which fault each one is
 * is ccon's reading, said where it is an inference. */
#include "backend/drivers/wsfc/wsfc_codes.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

const struct wsfc_fault_info wsfc_faults[] = {
	{ WSFC_FAULT_NONE, "none", "success", false },
	{ WSFC_FAULT_OTHER, "failed", "the operation failed", false },
	{ WSFC_FAULT_SERVICE_DOWN, "service-down",
	  "the cluster service is not running on this node", true },
	{ WSFC_FAULT_UNREACHABLE, "unreachable",
	  "the cluster cannot be reached from this node", true },
	{ WSFC_FAULT_NO_QUORUM, "no-quorum",
	  "this node is not part of a cluster with quorum", true },
	{ WSFC_FAULT_SHUTTING_DOWN, "shutting-down",
	  "the cluster service is shutting down on this node", true },
	{ WSFC_FAULT_NOT_CLUSTERED, "not-clustered",
	  "Failover Clustering is not installed on this node", true },
	{ WSFC_FAULT_OTHER_NODE, "other-node",
	  "a node the command names cannot be contacted", false },
	{ WSFC_FAULT_LOCKED, "locked",
	  "a resource or group is locked", false },
	{ WSFC_FAULT_BUSY, "busy",
	  "the group is busy (moving, queued or draining); try again",
	  false },
	{ WSFC_FAULT_NOT_FOUND, "not-found",
	  "the cluster object was not found", false },
	{ WSFC_FAULT_ACCESS_DENIED, "access-denied", "access is denied",
	  false },
	{ WSFC_FAULT_SCRIPT, "script",
	  "ccon's PowerShell does not fit this node's Windows version",
	  false },
};
const size_t n_wsfc_faults = sizeof(wsfc_faults) / sizeof(wsfc_faults[0]);

const struct wsfc_fault_info *
wsfc_fault_info(enum wsfc_fault f)
{
	size_t i;

	for (i = 0; i < n_wsfc_faults; i++)
		if (wsfc_faults[i].fault == f)
			return &wsfc_faults[i];
	return &wsfc_faults[1];
}

#define C(n, name, meaning, fault) { n, #name, meaning, WSFC_FAULT_##fault }

const struct wsfc_code wsfc_codes[] = {
	C(0, ERROR_SUCCESS, "The operation completed successfully.", NONE),
	C(2, ERROR_FILE_NOT_FOUND,
	  "The system cannot find the file specified.", OTHER),
	C(5, ERROR_ACCESS_DENIED, "Access is denied.", ACCESS_DENIED),
	C(87, ERROR_INVALID_PARAMETER, "The parameter is incorrect.", OTHER),
	C(997, ERROR_IO_PENDING, "Overlapped I/O operation is in progress.",
	  OTHER),
	C(1460, ERROR_TIMEOUT,
	  "This operation returned because the timeout period expired.",
	  OTHER),
	/* The inner errors of ClusterRpcConnection and
	 * ClusterEndpointNotRegistered (WSFC-NOTES §4 quotes their text). */
	C(1722, RPC_S_SERVER_UNAVAILABLE, "The RPC server is unavailable.",
	  UNREACHABLE),
	/* Failed calls to the cluster service: taken as unreachable
	 * (inference). */
	C(1726, RPC_S_CALL_FAILED, "The remote procedure call failed.",
	  UNREACHABLE),
	C(1727, RPC_S_CALL_FAILED_DNE,
	  "The remote procedure call failed and did not execute.",
	  UNREACHABLE),
	C(1753, EPT_S_NOT_REGISTERED,
	  "There are no more endpoints available from the endpoint mapper.",
	  SERVICE_DOWN),
	C(5001, ERROR_DEPENDENT_RESOURCE_EXISTS,
	  "The operation cannot be completed because other resources are "
	  "dependent on this resource.", OTHER),
	C(5002, ERROR_DEPENDENCY_NOT_FOUND,
	  "The cluster resource dependency cannot be found.", NOT_FOUND),
	C(5003, ERROR_DEPENDENCY_ALREADY_EXISTS,
	  "The cluster resource cannot be made dependent on the specified "
	  "resource because it is already dependent.", OTHER),
	C(5004, ERROR_RESOURCE_NOT_ONLINE, "The cluster resource is not "
	  "online.", OTHER),
	C(5005, ERROR_HOST_NODE_NOT_AVAILABLE,
	  "A cluster node is not available for this operation.", OTHER),
	C(5006, ERROR_RESOURCE_NOT_AVAILABLE,
	  "The cluster resource is not available.", OTHER),
	C(5007, ERROR_RESOURCE_NOT_FOUND,
	  "The cluster resource could not be found.", NOT_FOUND),
	C(5008, ERROR_SHUTDOWN_CLUSTER, "The cluster is being shut down.",
	  SHUTTING_DOWN),
	C(5009, ERROR_CANT_EVICT_ACTIVE_NODE,
	  "A cluster node cannot be evicted from the cluster unless the node "
	  "is down or it is the last node.", OTHER),
	C(5010, ERROR_OBJECT_ALREADY_EXISTS, "The object already exists.",
	  OTHER),
	C(5012, ERROR_GROUP_NOT_AVAILABLE,
	  "The cluster group is not available for any new requests.", BUSY),
	C(5013, ERROR_GROUP_NOT_FOUND, "The cluster group could not be "
	  "found.", NOT_FOUND),
	C(5014, ERROR_GROUP_NOT_ONLINE,
	  "The operation could not be completed because the cluster group "
	  "is not online.", OTHER),
	C(5015, ERROR_HOST_NODE_NOT_RESOURCE_OWNER,
	  "The operation failed because either the specified cluster node is "
	  "not the owner of the resource, or the node is not a possible "
	  "owner of the resource.", OTHER),
	C(5016, ERROR_HOST_NODE_NOT_GROUP_OWNER,
	  "The operation failed because either the specified cluster node is "
	  "not the owner of the group, or the node is not a possible owner "
	  "of the group.", OTHER),
	C(5017, ERROR_RESMON_CREATE_FAILED,
	  "The cluster resource could not be created in the specified "
	  "resource monitor.", OTHER),
	C(5018, ERROR_RESMON_ONLINE_FAILED,
	  "The cluster resource could not be brought online by the resource "
	  "monitor.", OTHER),
	C(5019, ERROR_RESOURCE_ONLINE,
	  "The operation could not be completed because the cluster resource "
	  "is online.", OTHER),
	C(5020, ERROR_QUORUM_RESOURCE,
	  "The cluster resource could not be deleted or brought offline "
	  "because it is the quorum resource.", OTHER),
	C(5022, ERROR_CLUSTER_SHUTTING_DOWN,
	  "The cluster software is shutting down.", SHUTTING_DOWN),
	C(5023, ERROR_INVALID_STATE,
	  "The group or resource is not in the correct state to perform the "
	  "requested operation.", OTHER),
	C(5026, ERROR_CORE_RESOURCE,
	  "The cluster resource could not be deleted since it is a core "
	  "resource.", OTHER),
	C(5027, ERROR_QUORUM_RESOURCE_ONLINE_FAILED,
	  "The quorum resource failed to come online.", OTHER),
	C(5034, ERROR_QUORUM_OWNER_ALIVE,
	  "The cluster node failed to take control of the quorum resource "
	  "because the resource is owned by another active node.", OTHER),
	C(5035, ERROR_NETWORK_NOT_AVAILABLE,
	  "A cluster network is not available for this operation.", OTHER),
	C(5036, ERROR_NODE_NOT_AVAILABLE,
	  "A cluster node is not available for this operation.", OTHER),
	C(5037, ERROR_ALL_NODES_NOT_AVAILABLE,
	  "All cluster nodes must be running to perform this operation.",
	  OTHER),
	C(5038, ERROR_RESOURCE_FAILED, "A cluster resource failed.", OTHER),
	C(5039, ERROR_CLUSTER_INVALID_NODE, "The cluster node is not valid.",
	  OTHER),
	C(5041, ERROR_CLUSTER_JOIN_IN_PROGRESS,
	  "A node is in the process of joining the cluster.", OTHER),
	C(5042, ERROR_CLUSTER_NODE_NOT_FOUND, "The cluster node was not "
	  "found.", NOT_FOUND),
	C(5045, ERROR_CLUSTER_NETWORK_NOT_FOUND,
	  "The cluster network was not found.", NOT_FOUND),
	C(5047, ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
	  "The cluster network interface was not found.", NOT_FOUND),
	C(5048, ERROR_CLUSTER_INVALID_REQUEST,
	  "The cluster request is not valid for this object.", OTHER),
	/* May name another node than the one asked: not a dead link. */
	C(5050, ERROR_CLUSTER_NODE_DOWN, "The cluster node is down.", OTHER),
	C(5051, ERROR_CLUSTER_NODE_UNREACHABLE,
	  "The cluster node is not reachable.", OTHER_NODE),
	C(5052, ERROR_CLUSTER_NODE_NOT_MEMBER,
	  "The cluster node is not a member of the cluster.", OTHER),
	C(5056, ERROR_CLUSTER_NODE_UP, "The cluster node is up.", OTHER),
	C(5058, ERROR_CLUSTER_NODE_NOT_PAUSED, "The cluster node is not "
	  "paused.", OTHER),
	C(5061, ERROR_CLUSTER_NODE_ALREADY_UP, "The cluster node is already "
	  "up.", OTHER),
	C(5062, ERROR_CLUSTER_NODE_ALREADY_DOWN,
	  "The cluster node is already down.", OTHER),
	C(5068, ERROR_INVALID_OPERATION_ON_QUORUM,
	  "This operation cannot be performed on the cluster resource as it "
	  "the quorum resource.", OTHER),
	C(5070, ERROR_CLUSTER_NODE_PAUSED, "The cluster node is paused.",
	  OTHER),
	C(5071, ERROR_NODE_CANT_HOST_RESOURCE,
	  "The cluster resource cannot be brought online. The owner node "
	  "cannot run this resource.", OTHER),
	C(5072, ERROR_CLUSTER_NODE_NOT_READY,
	  "The cluster node is not ready to perform the requested "
	  "operation.", OTHER),
	C(5073, ERROR_CLUSTER_NODE_SHUTTING_DOWN,
	  "The cluster node is shutting down.", SHUTTING_DOWN),
	C(5078, ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND,
	  "The specified resource type was not found.", NOT_FOUND),
	C(5082, ERROR_CLUSTER_OWNER_NOT_IN_PREFLIST,
	  "You cannot bring the group online because the owner of the group "
	  "is not in the preferred list for the group.", OTHER),
	C(5084, ERROR_RESMON_INVALID_STATE,
	  "The resource monitor will not allow the fail operation to be "
	  "performed while the resource is in its current state.", OTHER),
	C(5890, ERROR_CLUSTER_MEMBERSHIP_INVALID_STATE,
	  "An operation was attempted that is incompatible with the current "
	  "membership state of the node.", OTHER),
	C(5892, ERROR_CLUSTER_MEMBERSHIP_HALT,
	  "The membership engine requested shutdown of the cluster service "
	  "on this node.", SHUTTING_DOWN),
	C(5908, ERROR_CLUSTER_GROUP_MOVING,
	  "The group is unable to accept the request since it is moving to "
	  "another node.", BUSY),
	C(5910, ERROR_RESOURCE_CALL_TIMED_OUT,
	  "The call to the cluster resource DLL timed out.", OTHER),
	C(5925, ERROR_CLUSTER_NO_QUORUM,
	  "A quorum of cluster nodes was not present to form a cluster.",
	  NO_QUORUM),
	C(5932, ERROR_CLUSTER_NOT_INSTALLED,
	  "The Failover Clustering feature is not installed on this node.",
	  NOT_CLUSTERED),
	C(5942, ERROR_CLUSTER_RESOURCE_PROVIDER_FAILED,
	  "The resource failed to come online due to the failure of one or "
	  "more provider resources.", OTHER),
	C(5943, ERROR_CLUSTER_RESOURCE_CONFIGURATION_ERROR,
	  "The resource has indicated that it cannot come online on any "
	  "node.", OTHER),
	C(5944, ERROR_CLUSTER_GROUP_BUSY,
	  "The current operation cannot be performed on this group at this "
	  "time.", BUSY),
	C(5959, ERROR_CLUSTER_GROUP_QUEUED,
	  "The requested operation can not be completed because the group is "
	  "queued for an operation.", BUSY),
	C(5960, ERROR_CLUSTER_RESOURCE_LOCKED_STATUS,
	  "The requested operation can not be completed because a resource "
	  "has locked status.", LOCKED),
	C(5962, ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS,
	  "A node drain is already in progress.", BUSY),
};
const size_t n_wsfc_codes = sizeof(wsfc_codes) / sizeof(wsfc_codes[0]);

#undef C

const struct wsfc_errid wsfc_errids[] = {
	{ "ClusterEndpointNotRegistered", WSFC_FAULT_SERVICE_DOWN,
	  "the cluster service is not running on the node asked" },
	{ "ClusterRpcConnection", WSFC_FAULT_UNREACHABLE,
	  "the cluster could not be reached (RPC server unavailable)" },
	{ "ClusterNodeNotReachable", WSFC_FAULT_OTHER_NODE,
	  "a node named by the command cannot be contacted" },
	{ "NamedParameterNotFound", WSFC_FAULT_SCRIPT,
	  "a parameter the script uses does not exist on this node" },
};
const size_t n_wsfc_errids = sizeof(wsfc_errids) / sizeof(wsfc_errids[0]);

/* The Win32 code a node's number stands for; 0 with *ok false when it is
 * none. */
static uint32_t
win32_of(uint64_t code, bool *hresult, bool *ok)
{
	uint32_t c;

	*ok = true;
	*hresult = false;
	if (code <= UINT32_MAX)
		c = (uint32_t)code;
	else if ((code >> 32) == UINT32_MAX)
		c = (uint32_t)(code & UINT32_MAX);
	else {
		*ok = false;
		return 0;
	}
	if ((c & 0xffff0000u) == 0x80070000u) {
		*hresult = true;
		c &= 0xffffu;
	}
	return c;
}

static int
code_cmp(const void *key, const void *elem)
{
	uint32_t k = *(const uint32_t *)key;
	const struct wsfc_code *e = elem;

	return k < e->code ? -1 : k > e->code;
}

const struct wsfc_code *
wsfc_code_find(uint64_t code)
{
	bool hresult, ok;
	uint32_t c = win32_of(code, &hresult, &ok);

	if (!ok)
		return NULL;
	return bsearch(&c, wsfc_codes, n_wsfc_codes, sizeof(wsfc_codes[0]),
		       code_cmp);
}

char *
wsfc_code_describe(char *buf, size_t sz, uint64_t code)
{
	const struct wsfc_code *e = wsfc_code_find(code);
	bool hresult, ok;

	(void)win32_of(code, &hresult, &ok);
	if (e == NULL)
		snprintf(buf, sz, "code %llu (unknown)",
			 (unsigned long long)code);
	else if (hresult)
		snprintf(buf, sz, "0x%08llX = %u %s: %s",
			 (unsigned long long)(code & UINT32_MAX), e->code,
			 e->name, e->meaning);
	else
		snprintf(buf, sz, "%u %s: %s", e->code, e->name, e->meaning);
	return buf;
}

const struct wsfc_errid *
wsfc_errid_find(const char *fqid)
{
	size_t i, n;

	if (fqid == NULL)
		return NULL;
	n = strcspn(fqid, ",");
	for (i = 0; i < n_wsfc_errids; i++)
		if (strlen(wsfc_errids[i].id) == n &&
		    strncasecmp(fqid, wsfc_errids[i].id, n) == 0)
			return &wsfc_errids[i];
	return NULL;
}

enum wsfc_fault
wsfc_classify(const char *fqid, bool has_code, uint64_t code)
{
	const struct wsfc_errid *id = wsfc_errid_find(fqid);
	const struct wsfc_code *c;

	if (id != NULL)
		return id->fault;
	if (has_code && (c = wsfc_code_find(code)) != NULL)
		return c->fault;
	return WSFC_FAULT_OTHER;
}
