/* The WSFC driver: Windows Server Failover Clustering read and driven
 * through Windows PowerShell 5.1 on one of the cluster's nodes, over a
 * transport whose shell is remote_shell_powershell (each command's argv
 * is one script, wsfc_scripts.h). A full fetch runs the fetch script
 * once (one powershell.exe) and parses its capture (wsfc_capture.h); a
 * node whose cluster service cannot serve is judged and the next one
 * read. Once a full fetch has served, the doorbell script runs as the
 * transport's stream: while it is quiet fetch says DRIVER_UNCHANGED. It
 * reads in process all that a fetch shows, so while it also answers its
 * pings its silence holds for quiet_refresh_ms; a doorbell that is late
 * or cannot be pinged, for full_refresh_ms. Actions are sent with -Wait 0 and then
 * followed by fetches. */
#ifndef CCON_WSFC_H
#define CCON_WSFC_H

#include "backend/core/driver.h"
#include "backend/link/transport.h"

struct wsfc_params {
	const char *cluster;
	struct transport *transport;  /* owned by the driver from now on */
	unsigned command_timeout_ms;  /* 0: 30 s */
	/* A full fetch at least this often even when the doorbell is
	 * quiet: a safety net; 0: 30 s. */
	unsigned full_refresh_ms;
	/* The same, while the doorbell answers its pings; 0: 10 min. */
	unsigned quiet_refresh_ms;
};

struct driver *wsfc_driver_new(const struct wsfc_params *p);

/* What WSFC can be asked to do: online, offline, move (a group, to a
 * node or to the best one), pause (drain) and resume, and override a
 * lock (-IgnoreLocked). No cleanup, no clear, no ban. */
#define WSFC_CAPS (ACTION_CAP(ACT_ONLINE) | ACTION_CAP(ACT_OFFLINE) | \
		   ACTION_CAP(ACT_MOVE) | ACTION_CAP(ACT_PAUSE) | \
		   ACTION_CAP(ACT_RESUME) | \
		   ACTION_CAP_OPT(ACTION_OPT_IGNORE_LOCKED))

#endif
