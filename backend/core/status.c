#include "backend/core/status.h"

const char *
ccon_status_word(int status)
{
	switch (status) {
	case CCON_OK: return "success";
	case CCON_ACCESS_DENIED: return "read-only mode";
	case CCON_INVALID_PARAMETER: return "invalid request";
	case CCON_IO_PENDING: return "pending";
	case CCON_NOT_SUPPORTED: return "not supported";
	case CCON_RESOURCE_NOT_FOUND: return "no such resource";
	case CCON_GROUP_NOT_FOUND: return "no such group";
	case CCON_INVALID_STATE: return "invalid state";
	case CCON_RESOURCE_FAILED: return "failed";
	case CCON_NODE_NOT_FOUND: return "no such node";
	case CCON_NODE_DOWN: return "node is down";
	case CCON_TIMEOUT: return "timed out";
	case CCON_DRIVER_ERROR: return "cluster command failed";
	}
	return "error";
}
