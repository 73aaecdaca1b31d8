/* The configuration: defaults, then the libconfig file, then the command
 * line. Every error names file:line; unknown keys are errors. */
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

struct conf_cluster {
	char *name;
	char *driver;                 /* "sim", "pacemaker", "wsfc" */
	int readonly;                 /* -1: as the global setting; 0; 1 */
	double refresh_s;             /* 0: as the global setting */
	char **nodes;                 /* "db1", "db2:2222", "admin@db3" */
	size_t n_nodes;
	char *user;                   /* NULL: from ~/.ssh/config */
	int port;                     /* 0: from ~/.ssh/config or 22 */
	char *identity;               /* NULL: from ~/.ssh/config */
	/* sim = { ... } */
	uint64_t sim_seed;
	bool sim_calm;
	unsigned sim_online_delay_ms;
	unsigned sim_offline_delay_ms;
	char **sim_fail_start;
	size_t n_sim_fail_start;
	int line;                     /* where it was defined, 0 if built in */
};

struct conf {
	char *path;                   /* the file read, or NULL */
	double refresh_s;             /* default 2.0 */
	bool readonly;                /* default false */
	unsigned transition_timeout_s;/* default 120 */
	char *audit_log;              /* NULL: $XDG_STATE_HOME/ccon/audit.log */
	int colors[COLOR_ROLE_COUNT]; /* 0..255 or CONF_COLOR_DEFAULT */
	struct conf_cluster *clusters;
	size_t n_clusters;
};

/* Fills c with the built-in defaults and no clusters. */
void conf_defaults(struct conf *c);

/* Reads path over the defaults already in *c. Returns 0, or -1 with *err
 * (caller frees) as "path:line: message". */
int conf_load(struct conf *c, const char *path, char **err);

/* $XDG_CONFIG_HOME/ccon/ccon.conf, else $HOME/.config/ccon/ccon.conf;
 * newly allocated, or NULL if neither variable is set. */
char *conf_default_path(void);

/* Appends the demo cluster (driver "sim") with the given simulator
 * settings; returns it. */
struct conf_cluster *conf_add_demo(struct conf *c, uint64_t seed, bool calm);

/* The cluster named name, or NULL. */
struct conf_cluster *conf_find_cluster(struct conf *c, const char *name);

/* Effective per-cluster settings. */
bool conf_cluster_readonly(const struct conf *c, const struct conf_cluster *cl);
double conf_cluster_refresh(const struct conf *c, const struct conf_cluster *cl);

void conf_free(struct conf *c);

#endif
