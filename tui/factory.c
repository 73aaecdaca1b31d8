#include "tui/factory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/drivers/pacemaker/pacemaker.h"
#include "backend/drivers/sim/sim.h"
#include "backend/drivers/wsfc/wsfc.h"
#include "backend/drivers/wsfc/wsfc_file.h"
#include "backend/link/local.h"
#include "backend/link/ssh_link.h"
#include "backend/util/clock.h"
#include "backend/util/xalloc.h"

/* Builds the driver of one cluster type; NULL with *why when it cannot. */
typedef struct driver *driver_builder(const struct conf_cluster *cc,
				      const struct factory_env *env,
				      char **why);

static struct driver *
build_sim(const struct conf_cluster *cc, const struct factory_env *env,
	  char **why)
{
	struct sim_options so;

	(void)env;
	(void)why;
	sim_options_default(&so);
	so.seed = cc->sim_seed;
	so.calm = cc->sim_calm;
	so.copies = cc->sim_copies > 0 ? (unsigned)cc->sim_copies : 1;
	so.online_delay_ms = cc->sim_online_delay_ms;
	so.offline_delay_ms = cc->sim_offline_delay_ms;
	so.fail_start = (const char *const *)cc->sim_fail_start;
	so.n_fail_start = cc->n_sim_fail_start;
	return sim_driver_new(cc->name, &so, clock_monotonic_ms());
}

/* The link's policy for each host_key_check of the configuration. */
static const enum host_key_policy host_key_policies[] = {
	[CONF_HOST_KEY_CHECK_STRICT] = HOSTKEY_STRICT,
	[CONF_HOST_KEY_CHECK_ASK] = HOSTKEY_ASK,
	[CONF_HOST_KEY_CHECK_ACCEPT_NEW] = HOSTKEY_ACCEPT_NEW,
};
_Static_assert(sizeof(host_key_policies) / sizeof(host_key_policies[0]) ==
	       CONF_HOST_KEY_CHECK_COUNT, "a host_key_check without a policy");

/* conf gives only its own values; for anything else, a bug, the
 * strictest policy is the safe answer. */
static enum host_key_policy
host_key_policy_of(enum conf_host_key_check check)
{
	if ((unsigned)check >= CONF_HOST_KEY_CHECK_COUNT)
		return HOSTKEY_STRICT;
	return host_key_policies[check];
}

/* The transport a cluster's tools run through: this machine (--local),
 * or SSH to its nodes. NULL with *why when it cannot be set up. */
static struct transport *
build_transport(const struct conf_cluster *cc, const struct factory_env *env,
		const struct remote_shell *shell, char **why)
{
	struct ssh_link_params p = { 0 };

	if (env->local)
		return local_transport_new();
	p.shell = shell;
	p.cluster = cc->name;
	p.nodes = (const char *const *)cc->nodes;
	p.n_nodes = cc->n_nodes;
	p.user = cc->user;
	p.port = cc->port;
	p.identity = cc->identity;
	p.ssh_config = cc->ssh_config;
	p.known_hosts = cc->known_hosts;
	p.host_key_check = host_key_policy_of(cc->host_key_check);
	p.connect_timeout_ms = cc->connect_timeout_ms;
	p.password_auth = cc->password_auth;
	p.prompt = env->prompt;
	/* libssh's warnings are worth keeping where the console keeps
	 * stderr (its log); after --once they would only be noise. */
	p.log_libssh_warnings = env->prompt != NULL;
	return ssh_link_new(&p, why);
}

static struct driver *
build_pacemaker(const struct conf_cluster *cc, const struct factory_env *env,
		char **why)
{
	struct pacemaker_params pp = { 0 };
	struct transport *t = build_transport(cc, env, NULL, why);

	if (t == NULL)
		return NULL;
	pp.cluster = cc->name;
	pp.transport = t;
	pp.command_timeout_ms = cc->command_timeout_ms;
	return pacemaker_driver_new(&pp);
}

/* Windows nodes over SSH, each command a Windows PowerShell script. */
static struct driver *
build_wsfc(const struct conf_cluster *cc, const struct factory_env *env,
	   char **why)
{
	struct wsfc_params wp = { 0 };
	struct transport *t;

	/* The scripts need powershell.exe and the FailoverClusters
	 * module, which this machine does not have. */
	if (env->local) {
		*why = xasprintf("cluster %s: --local runs the cluster's tools "
				 "on this machine, but a wsfc cluster's run "
				 "on its Windows nodes: leave out --local",
				 cc->name);
		return NULL;
	}
	t = build_transport(cc, env, &remote_shell_powershell, why);
	if (t == NULL)
		return NULL;
	wp.cluster = cc->name;
	wp.transport = t;
	wp.command_timeout_ms = cc->command_timeout_ms;
	return wsfc_driver_new(&wp);
}

/* Every cluster type the configuration can name; its word is conf's
 * (conf_driver_word). */
static const struct cluster_type {
	driver_builder *build;
} cluster_types[] = {
	[CONF_DRIVER_SIM] = { build_sim },
	[CONF_DRIVER_PACEMAKER] = { build_pacemaker },
	[CONF_DRIVER_WSFC] = { build_wsfc },
};
_Static_assert(sizeof(cluster_types) / sizeof(cluster_types[0]) ==
	       CONF_DRIVER_COUNT, "a driver without a cluster type");

static void
params_of(const struct conf *conf, struct cluster_params *p)
{
	memset(p, 0, sizeof(*p));
	p->transition_timeout_ms = conf->transition_timeout_s * 1000u;
}

void
factory_conf_checks(struct conf *c, bool local)
{
	size_t n = sim_resource_ids(NULL, 0);
	const char **ids = xcalloc(n, sizeof(*ids));

	sim_resource_ids(ids, n);
	conf_set_sim_resources(c, ids, n);
	free(ids);
	c->local = local;
}

struct cluster *
factory_cluster(const struct conf *conf, const struct conf_cluster *cc,
		const struct factory_env *env)
{
	const char *word = conf_driver_word(cc->driver);
	struct cluster_params p;
	struct driver *d = NULL;
	struct cluster *c;
	char *why = NULL;

	params_of(conf, &p);
	p.name = cc->name;
	p.driver_name = word;
	p.readonly = conf_cluster_readonly(conf, cc);
	p.refresh_ms = (unsigned)(conf_cluster_refresh(conf, cc) * 1000.0);
	p.audit = env->audit;
	if ((unsigned)cc->driver < CONF_DRIVER_COUNT &&
	    cluster_types[cc->driver].build != NULL)
		d = cluster_types[cc->driver].build(cc, env, &why);
	else    /* conf gives only its own words: a bug */
		why = xasprintf("ccon has no %s driver", word);
	c = cluster_new(&p, d, why);
	free(why);
	return c;
}

/* Whether the --input file is a WSFC capture, by its first bytes; one
 * that cannot be read is left to the Pacemaker file driver, which says
 * why (as before there was a second kind). */
static bool
input_is_wsfc(const char *path)
{
	char head[4096];
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (fp == NULL)
		return false;
	n = fread(head, 1, sizeof(head), fp);
	fclose(fp);
	return wsfc_file_looks_like_capture(head, n);
}

struct cluster *
factory_input_cluster(const struct conf *conf, const char *path,
		      const struct factory_env *env)
{
	struct cluster_params p;

	bool wsfc = input_is_wsfc(path);

	params_of(conf, &p);
	p.name = "input";
	p.driver_name = wsfc ? "wsfc" : "pacemaker";
	p.readonly = true;
	p.refresh_ms = (unsigned)(conf->refresh_s * 1000.0);
	p.audit = env->audit;
	return cluster_new(&p, wsfc ? wsfc_file_driver_new("input", path) :
			   pacemaker_file_driver_new("input", path), NULL);
}
