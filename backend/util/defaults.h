/* The built-in default of every setting an operator can change, in one
 * place: the configuration's schema documents and applies them, and each
 * module falls back on the same value when its caller passes 0. */
#ifndef CCON_DEFAULTS_H
#define CCON_DEFAULTS_H

/* The cluster worker (backend/core/cluster.c). */
#define CCON_DEFAULT_REFRESH_MS 1000u             /* a look for changes */
#define CCON_DEFAULT_TRANSITION_TIMEOUT_S 120u
#define CCON_DEFAULT_READONLY 0
#define CCON_DEFAULT_KEY_BAR 1
#define CCON_DEFAULT_MOUSE 1

/* ccon --check (tui/check.c): a resource pending longer than this is a
 * WARNING; standby nodes, pinned resources and maintenance are too. */
#define CCON_DEFAULT_CHECK_PENDING_S 60
#define CCON_DEFAULT_CHECK_STANDBY "warning"
#define CCON_DEFAULT_CHECK_PINNED "warning"
#define CCON_DEFAULT_CHECK_MAINTENANCE "warning"

/* The colours of the states (tui/widgets/theme.c): curses colour
 * numbers, -1 for the terminal's own. */
#define CCON_DEFAULT_COLOR_ONLINE 2               /* green */
#define CCON_DEFAULT_COLOR_OFFLINE (-1)
#define CCON_DEFAULT_COLOR_PENDING 3              /* yellow */
#define CCON_DEFAULT_COLOR_FAILED 1               /* red */
#define CCON_DEFAULT_COLOR_STALE 5                /* magenta */
#define CCON_DEFAULT_COLOR_PAUSED 6               /* cyan */

/* The SSH link (backend/link/ssh_link.c). */
#define CCON_DEFAULT_CONNECT_TIMEOUT_MS 5000u
#define CCON_DEFAULT_KEEPALIVE_MS 15000u          /* idle time before one */
#define CCON_DEFAULT_HOST_KEY_CHECK "ask"
#define CCON_DEFAULT_PASSWORD_AUTH 1

/* Commands on a node (backend/drivers/pacemaker/pacemaker.c). */
#define CCON_DEFAULT_COMMAND_TIMEOUT_MS 30000u
#define CCON_DEFAULT_FULL_REFRESH_MS 30000u       /* the safety net */
/* WSFC's doorbell reads all that a fetch shows: while it answers its
 * pings, its silence is trusted this long (backend/drivers/wsfc). */
#define CCON_DEFAULT_WSFC_QUIET_REFRESH_MS 600000u

/* The simulator (backend/drivers/sim/sim.c). */
#define CCON_DEFAULT_SIM_SEED 1u
#define CCON_DEFAULT_SIM_CALM 0
#define CCON_DEFAULT_SIM_COPIES 1
#define CCON_DEFAULT_SIM_ONLINE_DELAY_MS 3000u
#define CCON_DEFAULT_SIM_OFFLINE_DELAY_MS 2000u

#endif
