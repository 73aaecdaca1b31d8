/* The keys of ccon.conf, one table per section, and the reader that walks
 * a file with them; see schema.h. A key is added here, once, with its
 * default in backend/util/defaults.h and its documentation in
 * conf/ccon.conf.example (test_conf.c checks that it is there). */
#include "conf/schema.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/util/defaults.h"
#include "backend/util/nodespec.h"
#include "backend/util/xalloc.h"

#define SCHEMA_NAME_MAX		64	/* of a cluster */
#define SCHEMA_RESOURCE_ID_MAX	255	/* ACTION_ID_MAX - 1 */
#define SCHEMA_KEYS_MAX		32	/* in one section: bits of "seen" */
#define SCHEMA_WHERE_MAX	(SCHEMA_NAME_MAX + 64)

#define SCHEMA_STR(x)		SCHEMA_STR_(x)
#define SCHEMA_STR_(x)		#x
#define SCHEMA_COUNT(a)		(sizeof(a) / sizeof((a)[0]))

/* A word key stores its index through an int. */
_Static_assert(sizeof(enum conf_driver) == sizeof(int) &&
    sizeof(enum conf_host_key_check) == sizeof(int) &&
    sizeof(enum conf_check_level) == sizeof(int),
    "a word key's enum is not int-sized");
_Static_assert(CONF_COLOR_DEFAULT == READER_COLOR_DEFAULT,
    "two values for the terminal's own colour");

struct schema_ctx {
	struct reader *rd;
	const struct conf *base;	/* loaded before this file */
	struct conf *stage;		/* this file's settings and clusters */
	int driver;			/* the cluster being read's, or -1 */
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

static const char *const conf_check_level_words[CONF_CHECK_LEVEL_COUNT + 1] = {
	[CONF_CHECK_OK] = "ok",
	[CONF_CHECK_WARNING] = "warning",
	[CONF_CHECK_CRITICAL] = "critical",
	[CONF_CHECK_LEVEL_COUNT] = NULL
};

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

const char *
conf_check_level_word(enum conf_check_level l)
{
	if ((unsigned)l >= CONF_CHECK_LEVEL_COUNT)
		return "unknown";
	return conf_check_level_words[l];
}

const struct schema_drivers schema_for_ssh = {
	.mask = SCHEMA_DRIVER(CONF_DRIVER_PACEMAKER) |
	    SCHEMA_DRIVER(CONF_DRIVER_WSFC),
	.who = "clusters reached over SSH",
};

const struct schema_drivers schema_for_sim = {
	.mask = SCHEMA_DRIVER(CONF_DRIVER_SIM),
	.who = "the simulator",
};

bool
schema_for_driver(const struct schema_key *k, enum conf_driver d)
{
	return k->drivers == NULL ||
	    ((unsigned)d < CONF_DRIVER_COUNT &&
	    (k->drivers->mask & SCHEMA_DRIVER(d)) != 0);
}

/* Checks of string values; each returns NULL or why the value is wrong. */

/* Cluster names appear on screen, in JSON and on the command line: keep
 * them to a small, unambiguous alphabet, [A-Za-z0-9._-] spelt out rather
 * than isalnum(), which follows the locale. */
static const char *
schema_check_name(const char *s)
{
	size_t len = strlen(s), i;
	char ch;

	for (i = 0; i < len; i++) {
		ch = s[i];
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
		    ch == '-'))
			break;
	}
	if (len == 0 || len > SCHEMA_NAME_MAX || i < len)
		return "must be 1 to " SCHEMA_STR(SCHEMA_NAME_MAX) " letters, "
		    "digits, '.', '_' or '-'";
	return NULL;
}

static const char *
schema_check_user(const char *s)
{
	if (!nodespec_valid_user(s, strlen(s)))
		return "may only hold letters, digits, '.', '_' and '-', and "
		    "may not start with '-'";
	return NULL;
}

static const char *
schema_check_node(const char *spec)
{
	struct nodespec n;
	const char *why;

	if (nodespec_parse(spec, &n, &why) != 0)
		return why;
	nodespec_free(&n);
	return NULL;
}

/* A resource id for sim.fail_start: what action_init() would accept. */
static const char *
schema_check_resource_id(const char *s)
{
	size_t len = strlen(s), i;

	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] == 0x7f)
			break;
	}
	if (len == 0 || len > SCHEMA_RESOURCE_ID_MAX || i < len)
		return "a resource id is 1 to "
		    SCHEMA_STR(SCHEMA_RESOURCE_ID_MAX) " characters, with no "
		    "spaces or control characters";
	return NULL;
}

static int schema_read_clusters(struct schema_ctx *, const config_setting_t *,
    const struct schema_key *, void *);
static int schema_cluster_finish(struct schema_ctx *,
    const config_setting_t *, void *, uint32_t);
static int schema_sim_finish(struct schema_ctx *, const config_setting_t *,
    void *, uint32_t);

#define CL(field)	offsetof(struct conf_cluster, field)
#define TOP(field)	offsetof(struct conf, field)
#define COLOR(role)	(offsetof(struct conf, colors) + (role) * sizeof(int))

static const struct schema_key schema_colors_keys[] = {
	{ .key = "online", .type = SCHEMA_COLOR, .offset =
	    COLOR(COLOR_ROLE_ONLINE), .def = CCON_DEFAULT_COLOR_ONLINE,
	  .help = "online resources, nodes up" },
	{ .key = "offline", .type = SCHEMA_COLOR, .offset =
	    COLOR(COLOR_ROLE_OFFLINE), .def = CCON_DEFAULT_COLOR_OFFLINE,
	  .help = "offline resources, nodes down (drawn dim)" },
	{ .key = "pending", .type = SCHEMA_COLOR, .offset =
	    COLOR(COLOR_ROLE_PENDING), .def = CCON_DEFAULT_COLOR_PENDING,
	  .help = "transitions under way" },
	{ .key = "failed", .type = SCHEMA_COLOR, .offset =
	    COLOR(COLOR_ROLE_FAILED), .def = CCON_DEFAULT_COLOR_FAILED,
	  .help = "failed, blocked, unclean" },
	{ .key = "stale", .type = SCHEMA_COLOR, .offset =
	    COLOR(COLOR_ROLE_STALE), .def = CCON_DEFAULT_COLOR_STALE,
	  .help = "unknown states, data that is out of date" },
	{ .key = "paused", .type = SCHEMA_COLOR, .offset =
	    COLOR(COLOR_ROLE_PAUSED), .def = CCON_DEFAULT_COLOR_PAUSED,
	  .help = "paused or standby nodes, maintenance, unmanaged" },
};

static const struct schema_section schema_colors = {
	.name = "colors",
	.keys = schema_colors_keys,
	.n_keys = SCHEMA_COUNT(schema_colors_keys),
};

static const struct schema_key schema_sim_keys[] = {
	{ .key = "seed", .type = SCHEMA_U64, .offset = CL(sim_seed),
	  .min = 0, .max = INFINITY, .def = CCON_DEFAULT_SIM_SEED,
	  .help = "the random seed: the same seed gives the same run" },
	{ .key = "calm", .type = SCHEMA_BOOL, .offset = CL(sim_calm),
	  .def = CCON_DEFAULT_SIM_CALM,
	  .help = "no spontaneous failures or paused nodes" },
	{ .key = "copies", .type = SCHEMA_INT, .offset = CL(sim_copies),
	  .min = 1, .max = 2000, .def = CCON_DEFAULT_SIM_COPIES,
	  .help = "the cluster's groups and resources this many times over, "
	  "the copies' ids ending in .2, .3, ...: a large cluster to try" },
	{ .key = "online_delay", .type = SCHEMA_SECONDS_MS,
	  .offset = CL(sim_online_delay_ms), .min = 0, .max = 600,
	  .def = CCON_DEFAULT_SIM_ONLINE_DELAY_MS / 1000.0,
	  .help = "seconds a start takes" },
	{ .key = "offline_delay", .type = SCHEMA_SECONDS_MS,
	  .offset = CL(sim_offline_delay_ms), .min = 0, .max = 600,
	  .def = CCON_DEFAULT_SIM_OFFLINE_DELAY_MS / 1000.0,
	  .help = "seconds a stop takes" },
	{ .key = "fail_start", .type = SCHEMA_STRINGS,
	  .offset = CL(sim_fail_start), .count_offset = CL(n_sim_fail_start),
	  .what = "fail_start = [ \"web-server\" ];", .noun = "resource",
	  .check = schema_check_resource_id,
	  .help = "resources whose every start fails; none by default" },
};

static const struct schema_section schema_sim = {
	.name = "sim",
	.keys = schema_sim_keys,
	.n_keys = SCHEMA_COUNT(schema_sim_keys),
	.finish = schema_sim_finish,
};

static const struct schema_key schema_cluster_keys[] = {
	{ .key = "name", .type = SCHEMA_STRING, .flags = SCHEMA_REQUIRED,
	  .offset = CL(name), .what = "the cluster's name",
	  .noun = "cluster name", .check = schema_check_name,
	  .help = "unique; on screen, in the audit log and for -c NAME" },
	{ .key = "driver", .type = SCHEMA_WORD, .flags = SCHEMA_REQUIRED,
	  .offset = CL(driver), .words = conf_driver_words,
	  .help = "the cluster type" },
	{ .key = "readonly", .type = SCHEMA_BOOL_INHERIT,
	  .offset = CL(readonly),
	  .help = "this cluster's own readonly; else the global one" },
	{ .key = "refresh", .type = SCHEMA_SECONDS, .flags = SCHEMA_NO_DEFAULT,
	  .offset = CL(refresh_s), .min = 0.1, .max = 3600,
	  .help = "this cluster's own refresh; else the global one" },
	{ .key = "nodes", .type = SCHEMA_STRINGS,
	  .flags = SCHEMA_REQUIRED_REMOTE, .offset = CL(nodes),
	  .count_offset = CL(n_nodes), .noun = "node",
	  .what = "nodes = [ \"db1\", \"admin@db2:2222\", \"[fe80::1]:22\" ];",
	  .check = schema_check_node,
	  .drivers = &schema_for_ssh,
	  .help = "the nodes, tried in order until one answers" },
	{ .key = "user", .type = SCHEMA_STRING, .offset = CL(user),
	  .what = "a login name", .noun = "user", .check = schema_check_user,
	  .drivers = &schema_for_ssh,
	  .help = "the SSH login for nodes that give none; else ssh's" },
	{ .key = "port", .type = SCHEMA_INT, .flags = SCHEMA_NO_DEFAULT,
	  .offset = CL(port), .min = 1, .max = 65535,
	  .drivers = &schema_for_ssh,
	  .help = "the SSH port for nodes that give none; else ssh's or 22" },
	{ .key = "identity", .type = SCHEMA_PATH, .offset = CL(identity),
	  .what = "the path of an SSH private key",
	  .drivers = &schema_for_ssh,
	  .help = "the SSH key tried first; else ssh's, the agent's" },
	{ .key = "ssh_config", .type = SCHEMA_PATH, .offset = CL(ssh_config),
	  .what = "a file path",
	  .drivers = &schema_for_ssh,
	  .help = "the OpenSSH client configuration; else ~/.ssh/config" },
	{ .key = "known_hosts", .type = SCHEMA_PATH,
	  .offset = CL(known_hosts), .what = "a file path",
	  .drivers = &schema_for_ssh,
	  .help = "the known host keys; else ssh_config's or ours" },
	{ .key = "host_key_check", .type = SCHEMA_WORD,
	  .offset = CL(host_key_check), .words = conf_host_key_check_words,
	  .def_word = CCON_DEFAULT_HOST_KEY_CHECK,
	  .drivers = &schema_for_ssh,
	  .help = "what to do with a host key not in known_hosts yet" },
	{ .key = "connect_timeout", .type = SCHEMA_SECONDS_MS,
	  .offset = CL(connect_timeout_ms), .min = 0.1, .max = 120,
	  .def = CCON_DEFAULT_CONNECT_TIMEOUT_MS / 1000.0,
	  .drivers = &schema_for_ssh,
	  .help = "seconds to wait for a node before trying the next" },
	{ .key = "command_timeout", .type = SCHEMA_SECONDS_MS,
	  .offset = CL(command_timeout_ms), .min = 1, .max = 3600,
	  .def = CCON_DEFAULT_COMMAND_TIMEOUT_MS / 1000.0,
	  .drivers = &schema_for_ssh,
	  .help = "seconds one cluster command may take" },
	{ .key = "password_auth", .type = SCHEMA_BOOL,
	  .offset = CL(password_auth), .def = CCON_DEFAULT_PASSWORD_AUTH,
	  .drivers = &schema_for_ssh,
	  .help = "whether password logins may be asked for" },
	{ .key = "sim", .type = SCHEMA_GROUP, .section = &schema_sim,
	  .what = "sim = { seed = 7; calm = true; };",
	  .drivers = &schema_for_sim,
	  .help = "the simulator's settings" },
};

const struct schema_section schema_cluster = {
	.name = "cluster",
	.keys = schema_cluster_keys,
	.n_keys = SCHEMA_COUNT(schema_cluster_keys),
	.example = "{ name = \"prod\"; driver = \"pacemaker\"; ... }",
	.finish = schema_cluster_finish,
};

static const struct schema_key schema_check_keys[] = {
	{ .key = "pending", .type = SCHEMA_SECONDS,
	  .offset = TOP(check_pending_s), .min = 0, .max = 86400,
	  .def = CCON_DEFAULT_CHECK_PENDING_S,
	  .help = "seconds a resource may be pending before --check warns" },
	{ .key = "standby", .type = SCHEMA_WORD, .offset = TOP(check_standby),
	  .words = conf_check_level_words,
	  .def_word = CCON_DEFAULT_CHECK_STANDBY,
	  .help = "what --check makes of a node in standby or paused" },
	{ .key = "pinned", .type = SCHEMA_WORD, .offset = TOP(check_pinned),
	  .words = conf_check_level_words,
	  .def_word = CCON_DEFAULT_CHECK_PINNED,
	  .help = "what --check makes of a resource a move or ban holds" },
	{ .key = "maintenance", .type = SCHEMA_WORD,
	  .offset = TOP(check_maintenance), .words = conf_check_level_words,
	  .def_word = CCON_DEFAULT_CHECK_MAINTENANCE,
	  .help = "what --check makes of maintenance, unmanaged, stop-all" },
};

static const struct schema_section schema_check = {
	.name = "check",
	.keys = schema_check_keys,
	.n_keys = SCHEMA_COUNT(schema_check_keys),
};

static const struct schema_key schema_top_keys[] = {
	{ .key = "refresh", .type = SCHEMA_SECONDS, .offset = TOP(refresh_s),
	  .min = 0.1, .max = 3600, .def = CCON_DEFAULT_REFRESH_MS / 1000.0,
	  .help = "seconds between looks at each cluster for changes" },
	{ .key = "readonly", .type = SCHEMA_BOOL, .offset = TOP(readonly),
	  .def = CCON_DEFAULT_READONLY,
	  .help = "monitoring only: every action is refused" },
	{ .key = "transition_timeout", .type = SCHEMA_WHOLE_SECONDS,
	  .offset = TOP(transition_timeout_s), .min = 1, .max = 86400,
	  .def = CCON_DEFAULT_TRANSITION_TIMEOUT_S,
	  .help = "seconds before an action's transition counts as failed" },
	{ .key = "audit_log", .type = SCHEMA_PATH, .offset = TOP(audit_log),
	  .what = "a file path",
	  .help = "the record of every action; else in $XDG_STATE_HOME" },
	{ .key = "colors", .type = SCHEMA_GROUP, .section = &schema_colors,
	  .what = "colors = { failed = \"red\"; pending = 214; };",
	  .help = "the colours of the states" },
	{ .key = "clusters", .type = SCHEMA_LIST, .section = &schema_cluster,
	  .what = "{ name = \"lab\"; driver = \"sim\"; }",
	  .read = schema_read_clusters,
	  .help = "the clusters, one group each, in the order shown" },
	/* Last: the message of an unknown key names the older ones first. */
	{ .key = "key_bar", .type = SCHEMA_BOOL, .offset = TOP(key_bar),
	  .def = CCON_DEFAULT_KEY_BAR,
	  .help = "a line of the keys that apply, above the status line" },
	{ .key = "mouse", .type = SCHEMA_BOOL, .offset = TOP(mouse),
	  .def = CCON_DEFAULT_MOUSE,
	  .help = "a click selects a row or a tab, the wheel scrolls" },
	{ .key = "check", .type = SCHEMA_GROUP, .section = &schema_check,
	  .what = "check = { pending = 60; standby = \"warning\"; };",
	  .help = "what ccon --check, the monitoring plugin, reports" },
};

const struct schema_section schema_top = {
	.name = "top level",
	.keys = schema_top_keys,
	.n_keys = SCHEMA_COUNT(schema_top_keys),
};

#undef CL
#undef TOP
#undef COLOR

_Static_assert(SCHEMA_COUNT(schema_top_keys) <= SCHEMA_KEYS_MAX &&
    SCHEMA_COUNT(schema_colors_keys) <= SCHEMA_KEYS_MAX &&
    SCHEMA_COUNT(schema_cluster_keys) <= SCHEMA_KEYS_MAX &&
    SCHEMA_COUNT(schema_sim_keys) <= SCHEMA_KEYS_MAX &&
    SCHEMA_COUNT(schema_check_keys) <= SCHEMA_KEYS_MAX,
    "a section with more keys than its bits of 'seen'");

const struct schema_key *
schema_find(const struct schema_section *sec, const char *key)
{
	size_t i;

	if (key == NULL)
		return NULL;
	for (i = 0; i < sec->n_keys; i++) {
		if (strcmp(sec->keys[i].key, key) == 0)
			return &sec->keys[i];
	}
	return NULL;
}

bool
schema_has_default(const struct schema_key *k)
{
	if (k->flags & (SCHEMA_REQUIRED | SCHEMA_NO_DEFAULT))
		return false;
	switch (k->type) {
	case SCHEMA_BOOL:
	case SCHEMA_SECONDS:
	case SCHEMA_SECONDS_MS:
	case SCHEMA_WHOLE_SECONDS:
	case SCHEMA_INT:
	case SCHEMA_U64:
	case SCHEMA_WORD:
	case SCHEMA_COLOR:
		return true;
	default:
		return false;
	}
}

/* The size of a value that is copied as it is (0: strings, groups and
 * lists, which are not). */
static size_t
schema_value_size(enum schema_type type)
{
	switch (type) {
	case SCHEMA_BOOL:
		return sizeof(bool);
	case SCHEMA_SECONDS:
		return sizeof(double);
	case SCHEMA_SECONDS_MS:
	case SCHEMA_WHOLE_SECONDS:
		return sizeof(unsigned);
	case SCHEMA_U64:
		return sizeof(uint64_t);
	case SCHEMA_BOOL_INHERIT:
	case SCHEMA_INT:
	case SCHEMA_WORD:
	case SCHEMA_COLOR:
		return sizeof(int);
	default:
		return 0;
	}
}

static int
schema_word_index(const char *const *words, const char *word)
{
	int i;

	for (i = 0; words[i] != NULL; i++) {
		if (strcmp(words[i], word) == 0)
			return i;
	}
	return -1;
}

void
schema_defaults(const struct schema_section *sec, void *obj)
{
	const struct schema_key *k;
	char *at;
	size_t i;
	int word;

	for (i = 0; i < sec->n_keys; i++) {
		k = &sec->keys[i];
		at = (char *)obj + k->offset;
		if (k->type == SCHEMA_GROUP) {
			schema_defaults(k->section, obj);
			continue;
		}
		if (k->type == SCHEMA_BOOL_INHERIT) {
			*(int *)at = -1;
			continue;
		}
		if (!schema_has_default(k))
			continue;	/* 0 or NULL, as the caller left it */
		switch (k->type) {
		case SCHEMA_BOOL:
			*(bool *)at = k->def != 0;
			break;
		case SCHEMA_SECONDS:
			*(double *)at = k->def;
			break;
		case SCHEMA_SECONDS_MS:
			*(unsigned *)at = (unsigned)(k->def * 1000.0 + 0.5);
			break;
		case SCHEMA_WHOLE_SECONDS:
			*(unsigned *)at = (unsigned)k->def;
			break;
		case SCHEMA_U64:
			*(uint64_t *)at = (uint64_t)k->def;
			break;
		case SCHEMA_INT:
		case SCHEMA_COLOR:
			*(int *)at = (int)k->def;
			break;
		case SCHEMA_WORD:
			/* A default that is not one of the words would be
			 * a bug of defaults.h; test_conf.c checks each, and
			 * the first word is the value it would get. */
			word = schema_word_index(k->words, k->def_word);
			*(int *)at = word >= 0 ? word : 0;
			break;
		default:
			break;
		}
	}
}

void
schema_cluster_init(struct conf_cluster *cl)
{
	memset(cl, 0, sizeof *cl);
	schema_defaults(&schema_cluster, cl);
}

void
schema_copy_values(const struct schema_section *sec, void *dst,
    const void *src)
{
	const struct schema_key *k;
	size_t i, size;

	for (i = 0; i < sec->n_keys; i++) {
		k = &sec->keys[i];
		if (k->type == SCHEMA_GROUP)
			schema_copy_values(k->section, dst, src);
		else if ((size = schema_value_size(k->type)) > 0)
			memcpy((char *)dst + k->offset,
			    (const char *)src + k->offset, size);
	}
}

/* dst takes each string src holds, its groups' too. */
static void
schema_take_strings(const struct schema_section *sec, void *dst, void *src)
{
	const struct schema_key *k;
	char **d, **s, ***dv, ***sv;
	size_t i, *dn, *sn;

	for (i = 0; i < sec->n_keys; i++) {
		k = &sec->keys[i];
		switch (k->type) {
		case SCHEMA_STRING:
		case SCHEMA_PATH:
			d = (char **)((char *)dst + k->offset);
			s = (char **)((char *)src + k->offset);
			if (*s != NULL) {
				free(*d);
				*d = *s;
				*s = NULL;
			}
			break;
		case SCHEMA_STRINGS:
			dv = (char ***)((char *)dst + k->offset);
			sv = (char ***)((char *)src + k->offset);
			dn = (size_t *)((char *)dst + k->count_offset);
			sn = (size_t *)((char *)src + k->count_offset);
			if (*sv != NULL) {
				reader_strv_free(*dv, *dn);
				*dv = *sv;
				*dn = *sn;
				*sv = NULL;
				*sn = 0;
			}
			break;
		case SCHEMA_GROUP:
			schema_take_strings(k->section, dst, src);
			break;
		default:
			break;
		}
	}
}

void
schema_take(const struct schema_section *sec, void *dst, void *src)
{
	schema_copy_values(sec, dst, src);
	schema_take_strings(sec, dst, src);
}

void
schema_free(const struct schema_section *sec, void *obj)
{
	const struct schema_key *k;
	char **s, ***sv;
	size_t i, *sn;

	for (i = 0; i < sec->n_keys; i++) {
		k = &sec->keys[i];
		switch (k->type) {
		case SCHEMA_STRING:
		case SCHEMA_PATH:
			s = (char **)((char *)obj + k->offset);
			free(*s);
			*s = NULL;
			break;
		case SCHEMA_STRINGS:
			sv = (char ***)((char *)obj + k->offset);
			sn = (size_t *)((char *)obj + k->count_offset);
			reader_strv_free(*sv, *sn);
			*sv = NULL;
			*sn = 0;
			break;
		case SCHEMA_GROUP:
			schema_free(k->section, obj);
			break;
		default:
			break;
		}
	}
}

/* Where-phrases name the group a message is about: "" at the top level,
 * " in 'colors'", " in cluster 'prod'", " in 'sim' of cluster 'prod'". */

/* The group itself, as a subject: "a cluster", "cluster 'prod'". */
static const char *
schema_subject(const char *where)
{
	return where[0] != '\0' ? where + strlen(" in ") : "the file";
}

static void
schema_where_of(char *buf, size_t bufsz, const char *parent,
    const char *key)
{
	if (parent[0] == '\0')
		snprintf(buf, bufsz, " in '%s'", key);
	else
		snprintf(buf, bufsz, " in '%s' of %s", key,
		    schema_subject(parent));
}

static int schema_read_group(struct schema_ctx *, const config_setting_t *,
    const struct schema_section *, void *, const char *);

static int
schema_read_key(struct schema_ctx *x, const config_setting_t *s,
    const struct schema_key *k, void *obj, const char *where)
{
	char *at = (char *)obj + k->offset, sub[SCHEMA_WHERE_MAX];
	const char *v;
	long long num, max;
	double seconds;
	bool b;
	int word;

	max = isinf(k->max) ? LLONG_MAX : (long long)k->max;
	switch (k->type) {
	case SCHEMA_BOOL:
		return reader_bool(x->rd, s, (bool *)at);
	case SCHEMA_BOOL_INHERIT:
		if (reader_bool(x->rd, s, &b) != 0)
			return -1;
		*(int *)at = b ? 1 : 0;
		return 0;
	case SCHEMA_SECONDS:
		return reader_seconds(x->rd, s, k->min, k->max, (double *)at);
	case SCHEMA_SECONDS_MS:
		if (reader_seconds(x->rd, s, k->min, k->max, &seconds) != 0)
			return -1;
		/* The ranges are minutes, far from UINT_MAX ms. */
		*(unsigned *)at = (unsigned)(seconds * 1000.0 + 0.5);
		return 0;
	case SCHEMA_WHOLE_SECONDS:
		if (reader_int(x->rd, s, (long long)k->min, max, " seconds",
		    &num) != 0)
			return -1;
		*(unsigned *)at = (unsigned)num;
		return 0;
	case SCHEMA_INT:
		if (reader_int(x->rd, s, (long long)k->min, max, "",
		    &num) != 0)
			return -1;
		*(int *)at = (int)num;
		return 0;
	case SCHEMA_U64:
		if (reader_int(x->rd, s, (long long)k->min, max, "",
		    &num) != 0)
			return -1;
		*(uint64_t *)at = (uint64_t)num;
		return 0;
	case SCHEMA_STRING:
		if (reader_string(x->rd, s, k->what, k->noun, k->check,
		    &v) != 0)
			return -1;
		free(*(char **)at);
		*(char **)at = xstrdup(v);
		return 0;
	case SCHEMA_PATH:
		return reader_path(x->rd, s, k->what, (char **)at);
	case SCHEMA_STRINGS:
		return reader_strings(x->rd, s, k->what, k->noun, k->check,
		    (char ***)at, (size_t *)((char *)obj + k->count_offset));
	case SCHEMA_WORD:
		if (reader_word(x->rd, s, k->words, &word) != 0)
			return -1;
		*(int *)at = word;
		return 0;
	case SCHEMA_COLOR:
		return reader_color(x->rd, s, (int *)at);
	case SCHEMA_GROUP:
		if (reader_group(x->rd, s, k->what) != 0)
			return -1;
		schema_where_of(sub, sizeof sub, where, k->key);
		return schema_read_group(x, s, k->section, obj, sub);
	case SCHEMA_LIST:
		return k->read(x, s, k, obj);
	}
	return reader_fail(x->rd, s, "'%s' has a type ccon does not know",
	    k->key);
}

/* Whether k must be given in this group: a required key, or the nodes
 * of a cluster that is not this machine's, for the drivers k is for (a
 * cluster whose driver is unknown is told nothing about them). */
static bool
schema_is_required(const struct schema_ctx *x, const struct schema_key *k)
{
	if (!(k->flags & (SCHEMA_REQUIRED | SCHEMA_REQUIRED_REMOTE)))
		return false;
	if ((k->flags & SCHEMA_REQUIRED_REMOTE) && x->base->local)
		return false;
	if (k->drivers != NULL && (x->driver < 0 ||
	    !schema_for_driver(k, (enum conf_driver)x->driver)))
		return false;
	return true;
}

/* Whether a list key that was read holds nothing: none, as required. */
static bool
schema_is_empty(const struct schema_key *k, const void *obj)
{
	return k->type == SCHEMA_STRINGS &&
	    *(const size_t *)((const char *)obj + k->count_offset) == 0;
}

/* A required key that is not there: "a cluster needs a 'name': ...". */
static int
schema_missing(struct schema_ctx *x, const config_setting_t *g,
    const struct schema_section *sec, const struct schema_key *k,
    const char *where)
{
	char list[256];

	if (k->flags & SCHEMA_REQUIRED_REMOTE)
		return reader_fail(x->rd, g, "%s has no '%s', which %s need: "
		    "%s", schema_subject(where), k->key, k->drivers != NULL ?
		    k->drivers->who : "clusters", k->what);
	if (k->words != NULL)
		return reader_fail(x->rd, g, "%s needs a '%s': one of %s",
		    schema_subject(where), k->key, reader_join(k->words, "\"",
		    ", ", list, sizeof list));
	return reader_fail(x->rd, g, "%s needs a '%s': %s",
	    schema_subject(where), k->key, sec->example);
}

/* A key given to a cluster whose driver it is not for. */
static int
schema_not_for_driver(struct schema_ctx *x, const config_setting_t *s,
    const struct schema_key *k, const char *where)
{
	const char *subject = schema_subject(where);

	if (strncmp(subject, "cluster '", strlen("cluster '")) != 0)
		subject = "this cluster";
	return reader_fail(x->rd, s, "'%s' is only for %s, and %s uses "
	    "driver \"%s\"", k->key, k->drivers->who, subject,
	    conf_driver_word((enum conf_driver)x->driver));
}

/* The bit of sec's key named key in a group's masks. */
static uint32_t
schema_bit(const struct schema_section *sec, const char *key)
{
	const struct schema_key *k = schema_find(sec, key);

	return k != NULL ? UINT32_C(1) << (k - sec->keys) : 0;
}

/* Reads every key of g, each error recorded and the next key read all
 * the same; -1 if there was any. */
static int
schema_read_group(struct schema_ctx *x, const config_setting_t *g,
    const struct schema_section *sec, void *obj, const char *where)
{
	const char *known[SCHEMA_KEYS_MAX + 1];
	const config_setting_t *s;
	const struct schema_key *k;
	uint32_t seen = 0, bad = 0, bit;
	const char *guess;
	size_t i;
	int e, n, rc = 0;

	for (i = 0; i < sec->n_keys; i++)
		known[i] = sec->keys[i].key;
	known[i] = NULL;
	n = config_setting_length(g);
	for (e = 0; e < n; e++) {
		s = config_setting_get_elem(g, (unsigned)e);
		k = schema_find(sec, config_setting_name(s));
		if (k == NULL) {
			rc = reader_unknown_key(x->rd, s, known, where);
			/* "nodez": told that it means 'nodes', not also that
			 * 'nodes' is missing. */
			if (config_setting_name(s) != NULL &&
			    (guess = reader_closest(config_setting_name(s),
			    known)) != NULL)
				bad |= schema_bit(sec, guess);
			continue;
		}
		bit = UINT32_C(1) << (k - sec->keys);
		seen |= bit;
		/* Not read at all: its value would not matter. */
		if (x->driver >= 0 &&
		    !schema_for_driver(k, (enum conf_driver)x->driver)) {
			bad |= bit;
			rc = schema_not_for_driver(x, s, k, where);
			continue;
		}
		if (schema_read_key(x, s, k, obj, where) != 0) {
			bad |= bit;
			rc = -1;
		}
	}
	for (i = 0; i < sec->n_keys; i++) {
		k = &sec->keys[i];
		bit = UINT32_C(1) << i;
		if (!schema_is_required(x, k) || (bad & bit))
			continue;
		if (!(seen & bit) || schema_is_empty(k, obj))
			rc = schema_missing(x, g, sec, k, where);
	}
	if (sec->finish != NULL && sec->finish(x, g, obj, seen & ~bad) != 0)
		rc = -1;
	return rc;
}

/* Whether cl's name is taken by a cluster loaded before, or by one
 * earlier in this file (*line is then where; 0 for one before). */
static bool
schema_name_taken(const struct schema_ctx *x, const struct conf_cluster *cl,
    int *line)
{
	const struct conf *c;
	size_t i;

	c = x->stage;
	for (i = 0; i < c->n_clusters && &c->clusters[i] != cl; i++) {
		if (c->clusters[i].name != NULL &&
		    strcmp(c->clusters[i].name, cl->name) == 0) {
			*line = c->clusters[i].line;
			return true;
		}
	}
	c = x->base;
	for (i = 0; i < c->n_clusters; i++) {
		if (c->clusters[i].name != NULL &&
		    strcmp(c->clusters[i].name, cl->name) == 0) {
			*line = 0;
			return true;
		}
	}
	return false;
}

static int
schema_cluster_finish(struct schema_ctx *x, const config_setting_t *g,
    void *obj, uint32_t good)
{
	const struct conf_cluster *cl = obj;
	const config_setting_t *s;
	int line;

	if (!(good & schema_bit(&schema_cluster, "name")))
		return 0;	/* no name, or a bad one: told already */
	if (schema_name_taken(x, cl, &line)) {
		s = config_setting_get_member(g, "name");
		if (line > 0)
			return reader_fail(x->rd, s, "cluster name '%s' is "
			    "already used on line %d", cl->name, line);
		return reader_fail(x->rd, s, "cluster name '%s' is already "
		    "used", cl->name);
	}
	return 0;
}

/* sim.fail_start names resources the simulator has: one it has not would
 * fail nothing, silently. Checked when the caller gave their names. */
static int
schema_sim_finish(struct schema_ctx *x, const config_setting_t *g, void *obj,
    uint32_t good)
{
	const char *const *known = (const char *const *)x->base->sim_resources;
	const config_setting_t *list, *e;
	const char *v, *guess;
	char show[80], names[1024];
	size_t i, j;
	int rc = 0;

	(void)obj;
	if (known == NULL || !(good & schema_bit(&schema_sim, "fail_start")))
		return 0;
	list = config_setting_get_member(g, "fail_start");
	for (i = 0; list != NULL &&
	    (e = config_setting_get_elem(list, (unsigned)i)) != NULL; i++) {
		v = config_setting_get_string(e);
		for (j = 0; known[j] != NULL && strcmp(known[j], v) != 0; j++)
			;
		if (known[j] != NULL)
			continue;
		reader_show(v, show, sizeof show);
		if ((guess = reader_closest(v, known)) != NULL)
			rc = reader_fail(x->rd, e, "resource '%s' in "
			    "'fail_start' is not one of the simulator's (did "
			    "you mean '%s'?)", show, guess);
		else
			rc = reader_fail(x->rd, e, "resource '%s' in "
			    "'fail_start' is not one of the simulator's: %s",
			    show, reader_join(known, "", ", ", names,
			    sizeof names));
	}
	return rc;
}

static int
schema_read_clusters(struct schema_ctx *x, const config_setting_t *list,
    const struct schema_key *k, void *obj)
{
	struct conf *c = obj;
	struct conf_cluster *cl;
	const config_setting_t *g, *name, *driver;
	char where[SCHEMA_WHERE_MAX];
	unsigned i, n;
	int rc = 0, d;

	if (reader_groups(x->rd, list, k->what, &n) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if ((g = reader_group_at(x->rd, list, i, k->what)) == NULL) {
			rc = -1;
			continue;
		}
		/* Added before it is read, so that whatever a failure
		 * leaves half-built is freed with the rest. */
		c->clusters = xreallocarray(c->clusters, c->n_clusters + 1,
		    sizeof *c->clusters);
		cl = &c->clusters[c->n_clusters++];
		schema_cluster_init(cl);
		cl->line = (int)reader_line(g);
		/* The name, if it is good, makes messages about the other
		 * keys clearer whatever order they come in. */
		name = config_setting_get_member(g, "name");
		if (name != NULL &&
		    config_setting_type(name) == CONFIG_TYPE_STRING &&
		    schema_check_name(config_setting_get_string(name)) == NULL)
			snprintf(where, sizeof where, " in cluster '%s'",
			    config_setting_get_string(name));
		else
			snprintf(where, sizeof where, " in a cluster");
		/* So does the driver, for the keys that are its own: one
		 * that is not good is told when its key is read. */
		driver = config_setting_get_member(g, "driver");
		d = -1;
		if (driver != NULL &&
		    config_setting_type(driver) == CONFIG_TYPE_STRING)
			d = schema_word_index(conf_driver_words,
			    config_setting_get_string(driver));
		x->driver = d;
		if (schema_read_group(x, g, k->section, cl, where) != 0)
			rc = -1;
		x->driver = -1;
	}
	return rc;
}

int
schema_read(struct reader *rd, const struct conf *base, struct conf *stage)
{
	struct schema_ctx x;

	x.rd = rd;
	x.base = base;
	x.stage = stage;
	x.driver = -1;
	if (schema_read_group(&x, reader_root(rd), &schema_top, stage,
	    "") != 0 || reader_errors(rd) > 0)
		return -1;
	return 0;
}
