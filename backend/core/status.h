/* Result codes of cluster requests, numbered as in the Windows failover
 * cluster API (winerror.h) so that every driver answers in one vocabulary. */
#ifndef CCON_STATUS_H
#define CCON_STATUS_H

enum ccon_status {
	CCON_OK = 0,                       /* ERROR_SUCCESS */
	CCON_ACCESS_DENIED = 5,            /* ERROR_ACCESS_DENIED: read-only */
	CCON_INVALID_PARAMETER = 87,       /* ERROR_INVALID_PARAMETER */
	CCON_IO_PENDING = 997,             /* ERROR_IO_PENDING */
	CCON_NOT_SUPPORTED = 50,           /* ERROR_NOT_SUPPORTED */
	CCON_RESOURCE_NOT_FOUND = 5007,    /* ERROR_RESOURCE_NOT_FOUND */
	CCON_GROUP_NOT_FOUND = 5013,       /* ERROR_GROUP_NOT_FOUND */
	CCON_INVALID_STATE = 5023,         /* ERROR_INVALID_STATE */
	CCON_RESOURCE_FAILED = 5038,       /* ERROR_RESOURCE_FAILED: the
					    * outcome of a failed transition,
					    * never the answer to an offline */
	CCON_NODE_NOT_FOUND = 5042,        /* ERROR_CLUSTER_NODE_NOT_FOUND */
	CCON_NODE_DOWN = 5050,             /* ERROR_CLUSTER_NODE_DOWN */
	CCON_TIMEOUT = 1460,               /* ERROR_TIMEOUT */
	CCON_DRIVER_ERROR = 5078,          /* ERROR_CLUSTER_INVALID_REQUEST */
};

/* A short lower-case word for a code ("success", "pending", ...). */
const char *ccon_status_word(int status);

#endif
