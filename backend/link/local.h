/* The local transport: runs a cluster's tools on this machine, for when
 * ccon runs on a cluster node (--local). An argv is spawned as it is: no
 * shell. Each command runs in a process group of its own, with a clean
 * signal state, and is stopped (group and all) at its deadline. */
#ifndef CCON_LOCAL_H
#define CCON_LOCAL_H

#include "backend/link/transport.h"

struct transport *local_transport_new(void);

#endif
