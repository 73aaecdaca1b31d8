/* The WSFC driver: Windows Server Failover Clustering read and driven
 * through Windows PowerShell 5.1 on one of the cluster's nodes, over a
 * transport whose shell is remote_shell_powershell (each command's argv
 * is one script, wsfc_scripts.h). Every fetch runs the fetch script
 * once (one powershell.exe) and parses its capture (wsfc_capture.h); a
 * node whose cluster service cannot serve is judged and the next one
 * read. Actions are sent with -Wait 0 and then followed by fetches. */
#ifndef CCON_WSFC_H
#define CCON_WSFC_H

#include "backend/core/driver.h"
#include "backend/link/transport.h"

struct wsfc_params {
	const char *cluster;
	struct transport *transport;  /* owned by the driver from now on */
	unsigned command_timeout_ms;  /* 0: 30 s */
};

struct driver *wsfc_driver_new(const struct wsfc_params *p);

/* What WSFC can be asked to do: online, offline, move (a group, to a
 * node), pause (drain) and resume. No cleanup, no clear, no ban. */
#define WSFC_CAPS (ACTION_CAP(ACT_ONLINE) | ACTION_CAP(ACT_OFFLINE) | \
		   ACTION_CAP(ACT_MOVE) | ACTION_CAP(ACT_PAUSE) | \
		   ACTION_CAP(ACT_RESUME))

#endif
