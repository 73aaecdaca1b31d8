/* From a configured cluster to a running one: the driver its
 * configuration names, over the transport it needs (SSH to its nodes, or
 * this machine with --local), behind the cluster worker. One table of
 * cluster types (factory.c) is the only place that knows them all. */
#ifndef CCON_FACTORY_H
#define CCON_FACTORY_H

#include <stdbool.h>

#include "backend/core/audit.h"
#include "backend/core/cluster.h"
#include "backend/core/prompt.h"
#include "conf/conf.h"

/* What every cluster of this run shares. */
struct factory_env {
	bool local;               /* --local: the tools run here, no SSH */
	struct prompt *prompt;    /* NULL with --once: nothing is asked */
	struct audit *audit;      /* NULL with --once */
};

/* Readies c, after conf_defaults, for conf_load to check a file against
 * what only the drivers and the command line know: the simulator's
 * resources (sim.fail_start names them) and --local (a cluster needs no
 * nodes when ccon runs on one of them). */
void factory_conf_checks(struct conf *c, bool local);

/* A cluster for cc. Never NULL: a cluster whose driver cannot be set up
 * (a wsfc cluster with --local, a node list SSH cannot use) is returned
 * without one, and says why as its error. */
struct cluster *factory_cluster(const struct conf *conf,
				const struct conf_cluster *cc,
				const struct factory_env *env);

/* A saved crm_mon file (--input), read-only: there is nothing to act on. */
struct cluster *factory_input_cluster(const struct conf *conf,
				      const char *path,
				      const struct factory_env *env);

#endif
