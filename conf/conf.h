/* The configuration: defaults, then the libconfig file, then the command
 * line. Every error names file:line; unknown keys are errors. The keys,
 * their ranges and defaults are conf/schema.c's; the defaults' values are
 * backend/util/defaults.h's. */
#ifndef CCON_CONF_H
#define CCON_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Colour roles of DESIGN.md "Colour and text". */
enum conf_color_role {
	COLOR_ROLE_ONLINE,
	COLOR_ROLE_OFFLINE,
	COLOR_ROLE_PENDING,
	COLOR_ROLE_FAILED,
	COLOR_ROLE_STALE,
	COLOR_ROLE_PAUSED,
	COLOR_ROLE_COUNT
};

#define CONF_COLOR_DEFAULT (-1)   /* the terminal's own colour */

/* The cluster types a configuration can name, its "driver". */
enum conf_driver {
	CONF_DRIVER_SIM,              /* the built-in simulator */
	CONF_DRIVER_PACEMAKER,        /* Pacemaker/Corosync over SSH */
	CONF_DRIVER_WSFC,             /* Windows failover cluster over SSH */
	CONF_DRIVER_COUNT
};

/* "host_key_check": what to do with a host key that is not in known_hosts
 * yet. A changed key is refused whatever this says. */
enum conf_host_key_check {
	CONF_HOST_KEY_CHECK_STRICT,     /* refuse it */
	CONF_HOST_KEY_CHECK_ASK,        /* ask the operator */
	CONF_HOST_KEY_CHECK_ACCEPT_NEW, /* record it */
	CONF_HOST_KEY_CHECK_COUNT
};

/* What ccon --check makes of a condition it finds (check = { ... }):
 * the monitoring plugin's status for it, numbered as its exit codes. */
enum conf_check_level {
	CONF_CHECK_OK,
	CONF_CHECK_WARNING,
	CONF_CHECK_CRITICAL,
	CONF_CHECK_LEVEL_COUNT
};

struct conf_cluster {
	char *name;
	enum conf_driver driver;      /* its word: conf_driver_word() */
	int readonly;                 /* -1: as the global setting; 0; 1 */
	double refresh_s;             /* 0: as the global setting */
	char **nodes;                 /* "db1", "db2:2222", "admin@db3" */
	size_t n_nodes;
	char *user;                   /* NULL: from ~/.ssh/config */
	int port;                     /* 0: from ~/.ssh/config or 22 */
	char *identity;               /* NULL: from ~/.ssh/config */
	char *ssh_config;             /* NULL: $HOME/.ssh/config */
	char *known_hosts;            /* NULL: as the ssh config says */
	enum conf_host_key_check host_key_check;
	unsigned connect_timeout_ms;
	unsigned command_timeout_ms;
	bool password_auth;           /* keyboard-interactive/password */
	/* sim = { ... } */
	uint64_t sim_seed;
	bool sim_calm;
	int sim_copies;                /* the layout this many times */
	unsigned sim_online_delay_ms;
	unsigned sim_offline_delay_ms;
	char **sim_fail_start;
	size_t n_sim_fail_start;
	int line;                     /* where it was defined, 0 if built in */
};

struct conf {
	char *path;                   /* the file read, or NULL */
	double refresh_s;
	bool readonly;
	unsigned transition_timeout_s;
	char *audit_log;              /* NULL: $XDG_STATE_HOME/ccon/audit.log */
	int colors[COLOR_ROLE_COUNT]; /* 0..255 or CONF_COLOR_DEFAULT */
	bool key_bar;                 /* the keys that apply, above the
				       * status line */
	bool mouse;                   /* clicks select, the wheel scrolls */
	/* check = { ... }: the thresholds of ccon --check. */
	double check_pending_s;       /* pending longer: WARNING */
	enum conf_check_level check_standby;     /* a node standby, paused */
	enum conf_check_level check_pinned;      /* a move or ban holds one */
	enum conf_check_level check_maintenance; /* maintenance, unmanaged */
	struct conf_cluster *clusters;
	size_t n_clusters;
	/* What a file is checked against that only the caller knows, set
	 * after conf_defaults and before conf_load (tui/factory.c's
	 * factory_conf_checks does): */
	bool local;                   /* --local: ccon runs on a node of
				       * the cluster, which needs no nodes */
	char **sim_resources;         /* the simulator's resource ids,
				       * NULL-terminated, for sim.fail_start;
				       * NULL: any (conf_set_sim_resources) */
};

/* The word the configuration file writes for d ("pacemaker") or h
 * ("accept-new"), for messages and JSON; "unknown" for a value that is
 * none of the enum's. */
const char *conf_driver_word(enum conf_driver d);
const char *conf_host_key_check_word(enum conf_host_key_check h);
const char *conf_check_level_word(enum conf_check_level l);

/* Fills c with the built-in defaults and no clusters. */
void conf_defaults(struct conf *c);

/* Reads path over what is already in *c (defaults, an earlier file): the
 * settings it gives replace those, its clusters are appended. Returns 0,
 * or -1 with *err (caller frees) and *c left exactly as it was. errno
 * then says why: the open(2) error when the file could not be opened
 * ("path: cannot open: ..."; ENOENT lets the caller treat a missing
 * default file as an empty one), EPERM when it (or its directory, or a
 * file it @includes) is not the user's or root's or others can write it
 * (conf/perms.h: "path: bad owner or permissions: ...; fix: chmod go-w
 * path"), EINVAL when its content is wrong. *err is then every error of
 * the file, one a line ("\n" between them), each "file:line: message" in
 * the order found; past READER_ERRORS_MAX (20), a last line "path: and N
 * more errors". A syntax error is the only one: libconfig reads no
 * further. */
int conf_load(struct conf *c, const char *path, char **err);

/* $XDG_CONFIG_HOME/ccon/ccon.conf (when that is an absolute path), else
 * $HOME/.config/ccon/ccon.conf; newly allocated, or NULL if neither
 * variable is usable. */
char *conf_default_path(void);

/* Sets c->sim_resources to a copy of the n ids. */
void conf_set_sim_resources(struct conf *c, const char *const *ids,
    size_t n);

/* Appends the demo cluster (name "demo", driver "sim", line 0) with the
 * given simulator settings and the other sim defaults; returns it. If a
 * cluster named "demo" exists already, sets its seed and calm and returns
 * that one. */
struct conf_cluster *conf_add_demo(struct conf *c, uint64_t seed, bool calm);

/* The cluster named name, or NULL. */
struct conf_cluster *conf_find_cluster(struct conf *c, const char *name);

/* The command line's --readonly: the global setting and every cluster
 * loaded so far become read-only, whatever the file said (a cluster's own
 * "readonly = false" must not outvote the operator). */
void conf_force_readonly(struct conf *c);

/* Effective per-cluster settings: the cluster's own value when it has one,
 * else the global one. */
bool conf_cluster_readonly(const struct conf *c, const struct conf_cluster *cl);
double conf_cluster_refresh(const struct conf *c, const struct conf_cluster *cl);

/* Frees everything *c holds and zeroes it; safe to call twice. */
void conf_free(struct conf *c);

#endif
