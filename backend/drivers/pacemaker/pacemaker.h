/* The Pacemaker driver: cluster state from `crm_mon --output-as=xml`,
 * fetched again only when the CIB changed (its admin_epoch, epoch and
 * num_updates; "unchanged" otherwise, with nothing parsed),
 * and actions through crm_resource and crm_attribute, all run by a
 * transport (SSH to a node, or local). */
#ifndef CCON_PACEMAKER_H
#define CCON_PACEMAKER_H

#include <stdbool.h>

#include "backend/core/driver.h"
#include "backend/link/transport.h"

struct pacemaker_params {
	const char *cluster;
	struct transport *transport;  /* owned by the driver from now on */
	unsigned command_timeout_ms;  /* 0: 30 s */
	/* A full fetch at least this often even when the CIB looks
	 * unchanged: a safety net; 0: 30 s. */
	unsigned full_refresh_ms;
};

struct driver *pacemaker_driver_new(const struct pacemaker_params *p);

/* A driver over a saved crm_mon XML file (--input): no cluster, no
 * actions (its capability set is empty). The file is looked at on every
 * fetch and read and parsed again only when it changed
 * (link/input_file.h). */
struct driver *pacemaker_file_driver_new(const char *cluster,
					 const char *path);

/* Whether s can be a Pacemaker id that is safe to hand to crm_resource:
 * an XML NCName of at most 255 bytes (letters of any script, digits,
 * '.', '-', '_', ':' after the first), never starting with '-'. */
bool pacemaker_valid_id(const char *s);

#endif
