/* The configuration loader: built-in defaults, then a libconfig file.
 *
 * Every setting is checked against a table of the keys its level knows, so
 * a misspelt key is an error that names file:line and the key it was
 * probably meant to be, never a setting that silently does nothing. A file
 * is applied to the caller's struct conf only once all of it has passed:
 * a bad file leaves *c exactly as it was (and freeable). Strings are copied
 * out of libconfig's tree, which reader_close() frees. */
#include "conf/conf.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/util/nodespec.h"
#include "backend/util/xalloc.h"
#include "conf/reader.h"

#define CONF_REFRESH_MIN_S	0.1
#define CONF_REFRESH_MAX_S	3600.0
#define CONF_TIMEOUT_MAX_S	86400
#define CONF_SIM_DELAY_MAX_S	600.0
#define CONF_NAME_MAX		64
#define CONF_RESOURCE_ID_MAX	255	/* ACTION_ID_MAX - 1 */

/* The simulator's own defaults (sim_options_default()), repeated so that
 * the loader does not depend on the simulator. */
#define CONF_SIM_SEED			1
#define CONF_SIM_ONLINE_DELAY_MS	3000
#define CONF_SIM_OFFLINE_DELAY_MS	2000
/* SSH link defaults. */
#define CONF_CONNECT_TIMEOUT_MS		5000
#define CONF_COMMAND_TIMEOUT_MS		30000

static const char *const conf_top_keys[] = {
	"refresh", "readonly", "transition_timeout", "audit_log", "colors",
	"clusters", NULL
};

static const char *const conf_cluster_keys[] = {
	"name", "driver", "readonly", "refresh", "nodes", "user", "port",
	"identity", "ssh_config", "known_hosts", "host_key_check",
	"connect_timeout", "command_timeout", "password_auth", "sim", NULL
};

static const char *const conf_sim_keys[] = {
	"seed", "calm", "online_delay", "offline_delay", "fail_start", NULL
};

/* Indexed by enum conf_color_role. */
static const char *const conf_color_keys[COLOR_ROLE_COUNT + 1] = {
	[COLOR_ROLE_ONLINE] = "online",
	[COLOR_ROLE_OFFLINE] = "offline",
	[COLOR_ROLE_PENDING] = "pending",
	[COLOR_ROLE_FAILED] = "failed",
	[COLOR_ROLE_STALE] = "stale",
	[COLOR_ROLE_PAUSED] = "paused",
	[COLOR_ROLE_COUNT] = NULL
};

/* The configuration's words for its vocabularies, each indexed by its
 * enum (conf.h): the parser, its messages and conf_*_word() all read
 * these, so a word is spelt in one place. */
static const char *const conf_driver_words[CONF_DRIVER_COUNT + 1] = {
	[CONF_DRIVER_SIM] = "sim",
	[CONF_DRIVER_PACEMAKER] = "pacemaker",
	[CONF_DRIVER_WSFC] = "wsfc",
	[CONF_DRIVER_COUNT] = NULL
};

static const char *const
    conf_host_key_check_words[CONF_HOST_KEY_CHECK_COUNT + 1] = {
	[CONF_HOST_KEY_CHECK_STRICT] = "strict",
	[CONF_HOST_KEY_CHECK_ASK] = "ask",
	[CONF_HOST_KEY_CHECK_ACCEPT_NEW] = "accept-new",
	[CONF_HOST_KEY_CHECK_COUNT] = NULL
};

/* One file being read. Nothing in it reaches the caller's struct conf
 * until the whole file has passed. */
struct loader {
	struct reader *rd;
	const struct conf *base;	/* what is loaded already */
	double refresh_s;
	bool readonly;
	unsigned transition_timeout_s;
	int colors[COLOR_ROLE_COUNT];
	char *audit_log;		/* owned; NULL: keep the base's */
	struct conf_cluster *added;	/* owned; this file's clusters */
	size_t n_added;
};

/* [A-Za-z0-9._-], spelt out rather than isalnum(), which follows the
 * locale. */
static bool
conf_name_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
}

/* Cluster names appear on screen, in JSON and on the command line: keep
 * them to a small, unambiguous alphabet. */
static bool
conf_valid_name(const char *s)
{
	size_t len = strlen(s), i;

	if (len == 0 || len > CONF_NAME_MAX)
		return false;
	for (i = 0; i < len; i++) {
		if (!conf_name_char(s[i]))
			return false;
	}
	return true;
}

static const char *
conf_check_node(const char *spec)
{
	struct nodespec n;
	const char *why;

	if (nodespec_parse(spec, &n, &why) != 0)
		return why;
	nodespec_free(&n);
	return NULL;
}

/* A resource id for sim.fail_start: what action_init() would accept. */
static bool
conf_valid_resource_id(const char *s)
{
	size_t len = strlen(s), i;

	if (len == 0 || len > CONF_RESOURCE_ID_MAX)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch <= 0x20 || ch == 0x7f)
			return false;
	}
	return true;
}

/* The values of a cluster that its file does not give. */
static void
conf_cluster_init(struct conf_cluster *cl)
{
	memset(cl, 0, sizeof *cl);
	cl->readonly = -1;
	cl->refresh_s = 0;
	cl->sim_seed = CONF_SIM_SEED;
	cl->sim_calm = false;
	cl->sim_online_delay_ms = CONF_SIM_ONLINE_DELAY_MS;
	cl->sim_offline_delay_ms = CONF_SIM_OFFLINE_DELAY_MS;
	cl->host_key_check = CONF_HOST_KEY_CHECK_ASK;
	cl->connect_timeout_ms = CONF_CONNECT_TIMEOUT_MS;
	cl->command_timeout_ms = CONF_COMMAND_TIMEOUT_MS;
	cl->password_auth = true;
}

static void
conf_cluster_free(struct conf_cluster *cl)
{
	free(cl->name);
	reader_strv_free(cl->nodes, cl->n_nodes);
	free(cl->user);
	free(cl->identity);
	free(cl->ssh_config);
	free(cl->known_hosts);
	reader_strv_free(cl->sim_fail_start, cl->n_sim_fail_start);
	memset(cl, 0, sizeof *cl);
}

static const char *
conf_check_resource_id(const char *id)
{
	if (!conf_valid_resource_id(id))
		return "a resource id is 1 to 255 characters, with no spaces "
		    "or control characters";
	return NULL;
}

static int
conf_parse_sim(struct loader *ld, const config_setting_t *g,
    struct conf_cluster *cl, const char *where)
{
	const config_setting_t *s;
	const char *key;
	double seconds;
	long long v;
	unsigned ms;
	int i, n;

	if (reader_group(ld->rd, g, "sim = { seed = 7; calm = true; };") != 0)
		return -1;
	n = config_setting_length(g);
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(g, (unsigned)i);
		key = config_setting_name(s);
		if (strcmp(key, "seed") == 0) {
			if (reader_int(ld->rd, s, 0, LLONG_MAX, "", &v) != 0)
				return -1;
			cl->sim_seed = (uint64_t)v;
		} else if (strcmp(key, "calm") == 0) {
			if (reader_bool(ld->rd, s, &cl->sim_calm) != 0)
				return -1;
		} else if (strcmp(key, "online_delay") == 0 ||
		    strcmp(key, "offline_delay") == 0) {
			if (reader_seconds(ld->rd, s, 0, CONF_SIM_DELAY_MAX_S,
			    &seconds) != 0)
				return -1;
			/* 600 s is 600000 ms: no overflow. */
			ms = (unsigned)(seconds * 1000.0 + 0.5);
			if (strcmp(key, "online_delay") == 0)
				cl->sim_online_delay_ms = ms;
			else
				cl->sim_offline_delay_ms = ms;
		} else if (strcmp(key, "fail_start") == 0) {
			if (reader_strings(ld->rd, s,
			    "fail_start = [ \"web-server\" ];", "resource",
			    conf_check_resource_id, &cl->sim_fail_start,
			    &cl->n_sim_fail_start) != 0)
				return -1;
		} else
			return reader_unknown_key(ld->rd, s, conf_sim_keys,
			    where);
	}
	return 0;
}

/* Whether name is taken by a cluster loaded before or earlier in this
 * file; *line is where (0 if not in this file). */
static bool
conf_name_taken(const struct loader *ld, const char *name, int *line)
{
	size_t i;

	for (i = 0; i < ld->n_added; i++) {
		if (ld->added[i].name != NULL &&
		    strcmp(ld->added[i].name, name) == 0) {
			*line = ld->added[i].line;
			return true;
		}
	}
	for (i = 0; i < ld->base->n_clusters; i++) {
		if (ld->base->clusters[i].name != NULL &&
		    strcmp(ld->base->clusters[i].name, name) == 0) {
			*line = 0;
			return true;
		}
	}
	return false;
}

/* One key of a cluster group. *sim is set when the key is the sim group,
 * which is checked against the driver once all keys are read. */
static int
conf_cluster_key(struct loader *ld, const config_setting_t *s,
    struct conf_cluster *cl, const char *where, const char *sim_where,
    const config_setting_t **sim, bool *has_driver)
{
	const char *key = config_setting_name(s), *v;
	char show[80];
	long long num;
	double seconds;
	bool ro;
	int line, word;

	if (strcmp(key, "name") == 0) {
		if (reader_string(ld->rd, s, "the cluster's name", NULL, NULL,
		    &v) != 0)
			return -1;
		if (!conf_valid_name(v))
			return reader_fail(ld->rd, s, "cluster name '%s' must "
			    "be 1 to %d letters, digits, '.', '_' or '-'",
			    reader_show(v, show, sizeof show), CONF_NAME_MAX);
		if (conf_name_taken(ld, v, &line)) {
			if (line > 0)
				return reader_fail(ld->rd, s, "cluster name "
				    "'%s' is already used on line %d", v, line);
			return reader_fail(ld->rd, s, "cluster name '%s' is "
			    "already used", v);
		}
		cl->name = xstrdup(v);
	} else if (strcmp(key, "driver") == 0) {
		if (reader_word(ld->rd, s, conf_driver_words, &word) != 0)
			return -1;
		cl->driver = (enum conf_driver)word;
		*has_driver = true;
	} else if (strcmp(key, "readonly") == 0) {
		if (reader_bool(ld->rd, s, &ro) != 0)
			return -1;
		cl->readonly = ro ? 1 : 0;
	} else if (strcmp(key, "refresh") == 0) {
		if (reader_seconds(ld->rd, s, CONF_REFRESH_MIN_S,
		    CONF_REFRESH_MAX_S, &seconds) != 0)
			return -1;
		cl->refresh_s = seconds;
	} else if (strcmp(key, "nodes") == 0) {
		return reader_strings(ld->rd, s, "nodes = [ \"db1\", "
		    "\"admin@db2:2222\", \"[fe80::1]:22\" ];", "node",
		    conf_check_node, &cl->nodes, &cl->n_nodes);
	} else if (strcmp(key, "user") == 0) {
		if (reader_string(ld->rd, s, "a login name", NULL, NULL,
		    &v) != 0)
			return -1;
		if (!nodespec_valid_user(v, strlen(v)))
			return reader_fail(ld->rd, s, "user '%s' may only hold "
			    "letters, digits, '.', '_' and '-', and may not "
			    "start with '-'",
			    reader_show(v, show, sizeof show));
		cl->user = xstrdup(v);
	} else if (strcmp(key, "port") == 0) {
		if (reader_int(ld->rd, s, 1, 65535, "", &num) != 0)
			return -1;
		cl->port = (int)num;
	} else if (strcmp(key, "identity") == 0) {
		if (reader_path(ld->rd, s, "the path of an SSH private key",
		    &cl->identity) != 0)
			return -1;
	} else if (strcmp(key, "ssh_config") == 0 ||
	    strcmp(key, "known_hosts") == 0) {
		char **dst = key[0] == 's' ? &cl->ssh_config : &cl->known_hosts;

		if (reader_path(ld->rd, s, "a file path", dst) != 0)
			return -1;
	} else if (strcmp(key, "host_key_check") == 0) {
		if (reader_word(ld->rd, s, conf_host_key_check_words,
		    &word) != 0)
			return -1;
		cl->host_key_check = (enum conf_host_key_check)word;
	} else if (strcmp(key, "connect_timeout") == 0) {
		if (reader_seconds(ld->rd, s, 0.1, 120, &seconds) != 0)
			return -1;
		cl->connect_timeout_ms = (unsigned)(seconds * 1000.0 + 0.5);
	} else if (strcmp(key, "command_timeout") == 0) {
		if (reader_seconds(ld->rd, s, 1, 3600, &seconds) != 0)
			return -1;
		cl->command_timeout_ms = (unsigned)(seconds * 1000.0 + 0.5);
	} else if (strcmp(key, "password_auth") == 0) {
		if (reader_bool(ld->rd, s, &ro) != 0)
			return -1;
		cl->password_auth = ro;
	} else if (strcmp(key, "sim") == 0) {
		*sim = s;
		return conf_parse_sim(ld, s, cl, sim_where);
	} else
		return reader_unknown_key(ld->rd, s, conf_cluster_keys, where);
	return 0;
}

static int
conf_parse_cluster(struct loader *ld, const config_setting_t *g,
    struct conf_cluster *cl)
{
	const config_setting_t *sim = NULL, *name_s;
	char where[CONF_NAME_MAX + 32], sim_where[CONF_NAME_MAX + 48];
	char list[64];
	bool has_driver = false;
	int i, n;

	/* The name, if it is good, makes messages about the other keys
	 * clearer whatever order they come in. */
	snprintf(where, sizeof where, " in a cluster");
	name_s = config_setting_get_member(g, "name");
	if (name_s != NULL &&
	    config_setting_type(name_s) == CONFIG_TYPE_STRING &&
	    conf_valid_name(config_setting_get_string(name_s)))
		snprintf(where, sizeof where, " in cluster '%s'",
		    config_setting_get_string(name_s));
	/* where + 4: "a cluster" or "cluster 'x'", without its " in ". */
	snprintf(sim_where, sizeof sim_where, " in 'sim' of %s", where + 4);

	n = config_setting_length(g);
	for (i = 0; i < n; i++) {
		if (conf_cluster_key(ld, config_setting_get_elem(g,
		    (unsigned)i), cl, where, sim_where, &sim,
		    &has_driver) != 0)
			return -1;
	}

	if (cl->name == NULL)
		return reader_fail(ld->rd, g, "a cluster needs a 'name': "
		    "{ name = \"prod\"; driver = \"pacemaker\"; ... }");
	if (!has_driver)
		return reader_fail(ld->rd, g, "cluster '%s' needs a 'driver': "
		    "one of %s", cl->name, reader_join(conf_driver_words, "\"",
		    ", ", list, sizeof list));
	if (sim != NULL && cl->driver != CONF_DRIVER_SIM)
		return reader_fail(ld->rd, sim, "'sim' settings are only for "
		    "driver \"sim\", and cluster '%s' uses \"%s\"", cl->name,
		    conf_driver_word(cl->driver));
	return 0;
}

static int
conf_parse_clusters(struct loader *ld, const config_setting_t *list)
{
	static const char entry[] = "{ name = \"lab\"; driver = \"sim\"; }";
	const config_setting_t *g;
	struct conf_cluster *cl;
	unsigned i, n;

	if (reader_groups(ld->rd, list, entry, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if ((g = reader_group_at(ld->rd, list, i, entry)) == NULL)
			return -1;
		/* Added before it is parsed, so that whatever a failure
		 * leaves half-built is freed with the rest. */
		ld->added = xreallocarray(ld->added, ld->n_added + 1,
		    sizeof *ld->added);
		cl = &ld->added[ld->n_added++];
		conf_cluster_init(cl);
		cl->line = (int)reader_line(g);
		if (conf_parse_cluster(ld, g, cl) != 0)
			return -1;
	}
	return 0;
}

static int
conf_parse_colors(struct loader *ld, const config_setting_t *g)
{
	const config_setting_t *s;
	int i, n, role;

	if (reader_group(ld->rd, g,
	    "colors = { failed = \"red\"; pending = 214; };") != 0)
		return -1;
	n = config_setting_length(g);
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(g, (unsigned)i);
		for (role = 0; role < COLOR_ROLE_COUNT; role++) {
			if (strcmp(config_setting_name(s),
			    conf_color_keys[role]) == 0)
				break;
		}
		if (role == COLOR_ROLE_COUNT)
			return reader_unknown_key(ld->rd, s, conf_color_keys,
			    " in 'colors'");
		if (reader_color(ld->rd, s, &ld->colors[role]) != 0)
			return -1;
	}
	return 0;
}

static int
conf_parse_root(struct loader *ld, const config_setting_t *root)
{
	const config_setting_t *s;
	const char *key;
	long long num;
	int i, n;

	n = config_setting_length(root);
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(root, (unsigned)i);
		key = config_setting_name(s);
		if (strcmp(key, "refresh") == 0) {
			if (reader_seconds(ld->rd, s, CONF_REFRESH_MIN_S,
			    CONF_REFRESH_MAX_S, &ld->refresh_s) != 0)
				return -1;
		} else if (strcmp(key, "readonly") == 0) {
			if (reader_bool(ld->rd, s, &ld->readonly) != 0)
				return -1;
		} else if (strcmp(key, "transition_timeout") == 0) {
			if (reader_int(ld->rd, s, 1, CONF_TIMEOUT_MAX_S,
			    " seconds", &num) != 0)
				return -1;
			ld->transition_timeout_s = (unsigned)num;
		} else if (strcmp(key, "audit_log") == 0) {
			if (reader_path(ld->rd, s, "a file path",
			    &ld->audit_log) != 0)
				return -1;
		} else if (strcmp(key, "colors") == 0) {
			if (conf_parse_colors(ld, s) != 0)
				return -1;
		} else if (strcmp(key, "clusters") == 0) {
			if (conf_parse_clusters(ld, s) != 0)
				return -1;
		} else
			return reader_unknown_key(ld->rd, s, conf_top_keys, "");
	}
	return 0;
}

void
conf_defaults(struct conf *c)
{
	memset(c, 0, sizeof *c);
	c->path = NULL;
	c->refresh_s = 1.0;
	c->readonly = false;
	c->transition_timeout_s = 120;
	c->audit_log = NULL;
	c->colors[COLOR_ROLE_ONLINE] = 2;		/* green */
	c->colors[COLOR_ROLE_OFFLINE] = CONF_COLOR_DEFAULT;
	c->colors[COLOR_ROLE_PENDING] = 3;		/* yellow */
	c->colors[COLOR_ROLE_FAILED] = 1;		/* red */
	c->colors[COLOR_ROLE_STALE] = 5;		/* magenta */
	c->colors[COLOR_ROLE_PAUSED] = 6;		/* cyan */
	c->clusters = NULL;
	c->n_clusters = 0;
}

int
conf_load(struct conf *c, const char *path, char **err)
{
	struct loader ld;
	struct reader rd;
	size_t i;
	int rc = -1;

	if (reader_open(&rd, path, err) != 0)
		return -1;	/* errno says why */

	memset(&ld, 0, sizeof ld);
	ld.rd = &rd;
	ld.base = c;
	ld.refresh_s = c->refresh_s;
	ld.readonly = c->readonly;
	ld.transition_timeout_s = c->transition_timeout_s;
	memcpy(ld.colors, c->colors, sizeof ld.colors);
	if (conf_parse_root(&ld, reader_root(&rd)) != 0)
		goto out;

	/* The whole file is good: apply it. */
	c->refresh_s = ld.refresh_s;
	c->readonly = ld.readonly;
	c->transition_timeout_s = ld.transition_timeout_s;
	memcpy(c->colors, ld.colors, sizeof c->colors);
	if (ld.audit_log != NULL) {
		free(c->audit_log);
		c->audit_log = ld.audit_log;
		ld.audit_log = NULL;
	}
	if (ld.n_added > 0) {
		c->clusters = xreallocarray(c->clusters,
		    c->n_clusters + ld.n_added, sizeof *c->clusters);
		memcpy(c->clusters + c->n_clusters, ld.added,
		    ld.n_added * sizeof *ld.added);
		c->n_clusters += ld.n_added;
		ld.n_added = 0;		/* now owned by c */
	}
	free(c->path);
	c->path = xstrdup(path);
	rc = 0;
out:
	for (i = 0; i < ld.n_added; i++)
		conf_cluster_free(&ld.added[i]);
	free(ld.added);
	free(ld.audit_log);
	if (rc != 0)
		*err = reader_take_error(&rd);
	reader_close(&rd);
	if (rc != 0)
		errno = EINVAL;
	return rc;
}

const char *
conf_driver_word(enum conf_driver d)
{
	if ((unsigned)d >= CONF_DRIVER_COUNT)
		return "unknown";
	return conf_driver_words[d];
}

const char *
conf_host_key_check_word(enum conf_host_key_check h)
{
	if ((unsigned)h >= CONF_HOST_KEY_CHECK_COUNT)
		return "unknown";
	return conf_host_key_check_words[h];
}

char *
conf_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	/* The XDG spec says a relative $XDG_CONFIG_HOME is invalid and is to
	 * be ignored. */
	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/ccon/ccon.conf", xdg);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.config/ccon/ccon.conf", home);
	return NULL;
}

struct conf_cluster *
conf_add_demo(struct conf *c, uint64_t seed, bool calm)
{
	struct conf_cluster *cl;

	cl = conf_find_cluster(c, "demo");
	if (cl == NULL) {
		c->clusters = xreallocarray(c->clusters,
		    c->n_clusters + 1, sizeof *c->clusters);
		cl = &c->clusters[c->n_clusters++];
		conf_cluster_init(cl);
		cl->name = xstrdup("demo");
		cl->driver = CONF_DRIVER_SIM;
		cl->line = 0;
	}
	cl->sim_seed = seed;
	cl->sim_calm = calm;
	return cl;
}

struct conf_cluster *
conf_find_cluster(struct conf *c, const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < c->n_clusters; i++) {
		if (c->clusters[i].name != NULL &&
		    strcmp(c->clusters[i].name, name) == 0)
			return &c->clusters[i];
	}
	return NULL;
}

void
conf_force_readonly(struct conf *c)
{
	size_t i;

	c->readonly = true;
	for (i = 0; i < c->n_clusters; i++)
		c->clusters[i].readonly = 1;
}

bool
conf_cluster_readonly(const struct conf *c, const struct conf_cluster *cl)
{
	if (cl->readonly >= 0)
		return cl->readonly != 0;
	return c->readonly;
}

double
conf_cluster_refresh(const struct conf *c, const struct conf_cluster *cl)
{
	if (cl->refresh_s > 0)
		return cl->refresh_s;
	return c->refresh_s;
}

void
conf_free(struct conf *c)
{
	size_t i;

	for (i = 0; i < c->n_clusters; i++)
		conf_cluster_free(&c->clusters[i]);
	free(c->clusters);
	free(c->audit_log);
	free(c->path);
	memset(c, 0, sizeof *c);
}
