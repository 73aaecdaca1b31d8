/* The local transport: runs a cluster's tools on this machine, for when
 * ccon runs on a cluster node (--local). fork/exec of an argv: no shell. */
#ifndef CCON_LOCAL_H
#define CCON_LOCAL_H

#include "backend/link/transport.h"

struct transport *local_transport_new(void);

#endif
