/* The configuration loader: built-in defaults, then a libconfig file.
 *
 * Every setting is checked against a table of the keys its level knows, so
 * a misspelt key is an error that names file:line and the key it was
 * probably meant to be, never a setting that silently does nothing. A file
 * is applied to the caller's struct conf only once all of it has passed:
 * a bad file leaves *c exactly as it was (and freeable). Strings are copied
 * out of libconfig's tree, which config_destroy() frees.
 *
 * libconfig 1.5 quirk worth knowing: an integer written without the L
 * suffix is kept in an int and silently wraps when it is larger than
 * 2147483647. The range checks catch most such values (they wrap to
 * negative numbers); the example file says to write big seeds with L. */
#include "conf/conf.h"

#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "backend/util/nodespec.h"
#include "backend/util/xalloc.h"

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

/* Indexed by the curses colour number (COLOR_BLACK is 0, ...). */
static const char *const conf_color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	NULL
};

static const char *const conf_drivers[] = { "sim", "pacemaker", "wsfc", NULL };
static const char *const conf_host_key_checks[] = { "strict", "ask",
	"accept-new", NULL };

/* One file being read. Nothing in it reaches the caller's struct conf
 * until the whole file has passed. */
struct loader {
	const char *path;		/* as the caller named it */
	const char *include_dir;	/* path's directory, or NULL (cwd) */
	const struct conf *base;	/* what is loaded already */
	double refresh_s;
	bool readonly;
	unsigned transition_timeout_s;
	int colors[COLOR_ROLE_COUNT];
	char *audit_log;		/* owned; NULL: keep the base's */
	struct conf_cluster *added;	/* owned; this file's clusters */
	size_t n_added;
	char *err;			/* the first error, "file:line: ..." */
};


/* A config value made safe to echo in a message: control characters become
 * '?' (the user's terminal is not the place for them) and long values are
 * cut. Returns buf. */
static const char *
conf_show(const char *s, char *buf, size_t bufsz)
{
	size_t i, max = bufsz - 4;	/* room for "..." and NUL */

	for (i = 0; s[i] != '\0' && i < max; i++) {
		unsigned char ch = (unsigned char)s[i];

		buf[i] = (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
	}
	buf[i] = '\0';
	if (s[i] != '\0')
		memcpy(buf + i, "...", 4);
	return buf;
}

/* The line a setting was read from. libconfig gives the root none, so a
 * setting without one takes its parent's. */
static unsigned
conf_line(const config_setting_t *s)
{
	while (s != NULL && config_setting_source_line(s) == 0)
		s = config_setting_parent(s);
	return s != NULL ? config_setting_source_line(s) : 0;
}

/* The file a setting or an error came from, named so that the user can
 * open it: libconfig keeps an @include'd file's name as written, relative
 * to the include directory (the main file's). Newly allocated. */
static char *
conf_file_name(const struct loader *ld, const char *file)
{
	if (file == NULL || strcmp(file, ld->path) == 0)
		return xstrdup(ld->path);
	if (file[0] != '/' && ld->include_dir != NULL)
		return xasprintf("%s/%s", ld->include_dir, file);
	return xstrdup(file);
}

/* Records the first error as "file:line: message" (the file of an
 * @include'd setting is its own) and returns -1 for the caller to pass up. */
static int conf_fail(struct loader *ld, const config_setting_t *s,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int
conf_fail(struct loader *ld, const config_setting_t *s, const char *fmt, ...)
{
	unsigned line;
	va_list ap;
	char *msg, *file;

	if (ld->err != NULL)
		return -1;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	line = conf_line(s);
	file = conf_file_name(ld, s != NULL ?
	    config_setting_source_file(s) : NULL);
	if (line > 0)
		ld->err = xasprintf("%s:%u: %s", file, line, msg);
	else
		ld->err = xasprintf("%s: %s", file, msg);
	free(file);
	free(msg);
	return -1;
}

/* Optimal string alignment distance (Levenshtein plus adjacent
 * transpositions, so "prot" is one step from "port"). Keys are short;
 * longer strings are simply "far". */
static size_t
conf_distance(const char *a, const char *b)
{
	enum { MAXLEN = 32 };
	size_t d[MAXLEN + 1][MAXLEN + 1];
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la > MAXLEN || lb > MAXLEN)
		return SIZE_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

/* The known word closest to word, if it is close enough to be a typo:
 * at most two edits, and no more than half the word. */
static const char *
conf_closest(const char *word, const char *const *known)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX, d, i;

	for (i = 0; known[i] != NULL; i++) {
		d = conf_distance(word, known[i]);
		if (d < best_d) {
			best_d = d;
			best = known[i];
		}
	}
	if (best_d <= 2 && best_d <= strlen(word) / 2)
		return best;
	return NULL;
}

/* "a, b, c" into buf. */
static const char *
conf_join(const char *const *words, const char *quote, char *buf,
    size_t bufsz)
{
	size_t len = 0, i;
	int n;

	buf[0] = '\0';
	for (i = 0; words[i] != NULL; i++) {
		n = snprintf(buf + len, bufsz - len, "%s%s%s%s",
		    i > 0 ? ", " : "", quote, words[i], quote);
		if (n < 0 || (size_t)n >= bufsz - len)
			break;
		len += (size_t)n;
	}
	return buf;
}

static int
conf_unknown_key(struct loader *ld, const config_setting_t *s,
    const char *const *known, const char *where)
{
	const char *name = config_setting_name(s);
	const char *guess;
	char list[256];

	if (name == NULL)
		name = "";
	guess = conf_closest(name, known);
	if (guess != NULL)
		return conf_fail(ld, s,
		    "unknown key '%s'%s (did you mean '%s'?)", name, where,
		    guess);
	return conf_fail(ld, s, "unknown key '%s'%s; known keys: %s", name,
	    where, conf_join(known, "", list, sizeof list));
}

static int
conf_word_index(const char *word, const char *const *words)
{
	int i;

	for (i = 0; words[i] != NULL; i++) {
		if (strcmp(word, words[i]) == 0)
			return i;
	}
	return -1;
}

/* Typed readers. Each names the key in its message so that the user sees
 * what was expected, not only that something was wrong. Each clears *out
 * first: the compiler cannot see that conf_fail() never returns 0. */

static int
conf_get_bool(struct loader *ld, const config_setting_t *s, bool *out)
{
	*out = false;
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		return conf_fail(ld, s, "'%s' must be true or false",
		    config_setting_name(s));
	*out = config_setting_get_bool(s) != 0;
	return 0;
}

/* A number of seconds, integer or not, in [min, max]. */
static int
conf_get_seconds(struct loader *ld, const config_setting_t *s, double min,
    double max, double *out)
{
	const char *name = config_setting_name(s);
	double v;

	*out = 0;
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		v = (double)config_setting_get_int64(s);
		break;
	case CONFIG_TYPE_FLOAT:
		v = config_setting_get_float(s);
		break;
	default:
		return conf_fail(ld, s, "'%s' must be a number of seconds",
		    name);
	}
	/* Written this way round so that a NaN fails too. */
	if (!(v >= min && v <= max))
		return conf_fail(ld, s, "'%s' must be %g to %g seconds, not %g",
		    name, min, max, v);
	*out = v;
	return 0;
}

/* A whole number in [min, max]; unit (" seconds" or "") is for messages. */
static int
conf_get_int(struct loader *ld, const config_setting_t *s, long long min,
    long long max, const char *unit, long long *out)
{
	const char *name = config_setting_name(s);
	long long v;

	*out = 0;
	if (config_setting_type(s) != CONFIG_TYPE_INT &&
	    config_setting_type(s) != CONFIG_TYPE_INT64)
		return conf_fail(ld, s, "'%s' must be a whole number%s%s", name,
		    *unit != '\0' ? " of" : "", unit);
	v = config_setting_get_int64(s);
	if (v < min || v > max) {
		if (max == LLONG_MAX)
			return conf_fail(ld, s,
			    "'%s' must be %lld or more, not %lld", name, min,
			    v);
		return conf_fail(ld, s, "'%s' must be %lld to %lld%s, not %lld",
		    name, min, max, unit, v);
	}
	*out = v;
	return 0;
}

/* A non-empty string; what says what kind ("a file path"). */
static int
conf_get_string(struct loader *ld, const config_setting_t *s,
    const char *what, const char **out)
{
	const char *v;

	*out = "";
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return conf_fail(ld, s, "'%s' must be a string (%s)",
		    config_setting_name(s), what);
	v = config_setting_get_string(s);
	if (v == NULL || *v == '\0')
		return conf_fail(ld, s, "'%s' must not be empty (%s)",
		    config_setting_name(s), what);
	*out = v;
	return 0;
}

/* A path with a leading "~/" made absolute with $HOME, newly allocated;
 * ccon is not started by a shell that would have done it. */
static char *
conf_expand_path(const char *path)
{
	const char *home = getenv("HOME");

	if (path[0] == '~' && path[1] == '/' && home != NULL && *home != '\0')
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

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
	cl->host_key_check = xstrdup("ask");
	cl->connect_timeout_ms = CONF_CONNECT_TIMEOUT_MS;
	cl->command_timeout_ms = CONF_COMMAND_TIMEOUT_MS;
	cl->password_auth = true;
}

static void
conf_strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
conf_cluster_free(struct conf_cluster *cl)
{
	free(cl->name);
	free(cl->driver);
	conf_strv_free(cl->nodes, cl->n_nodes);
	free(cl->user);
	free(cl->identity);
	free(cl->ssh_config);
	free(cl->known_hosts);
	free(cl->host_key_check);
	conf_strv_free(cl->sim_fail_start, cl->n_sim_fail_start);
	memset(cl, 0, sizeof *cl);
}

/* A list of strings (libconfig array or list) each passing check, which
 * returns NULL or why the entry is wrong. On success *out holds copies. */
static int
conf_get_strings(struct loader *ld, const config_setting_t *s,
    const char *example, const char *entry_word,
    const char *(*check)(const char *), char ***out, size_t *n_out)
{
	const config_setting_t *e;
	const char *v, *why;
	char show[80];
	char **strv = NULL;
	size_t n, i;
	int rc = -1;

	if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST) {
		conf_fail(ld, s, "'%s' must be a list of strings: %s",
		    config_setting_name(s), example);
		goto out;
	}
	n = (size_t)config_setting_length(s);
	strv = xcalloc(n, sizeof *strv);
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, (unsigned)i);
		if (e == NULL || config_setting_type(e) != CONFIG_TYPE_STRING) {
			conf_fail(ld, e != NULL ? e : s,
			    "each entry of '%s' must be a string: %s",
			    config_setting_name(s), example);
			goto out;
		}
		v = config_setting_get_string(e);
		why = check(v);
		if (why != NULL) {
			conf_fail(ld, e, "%s '%s' in '%s': %s", entry_word,
			    conf_show(v, show, sizeof show),
			    config_setting_name(s), why);
			goto out;
		}
	}
	/* Copied only now, so that a failure above has nothing to undo. */
	for (i = 0; i < n; i++)
		strv[i] = xstrdup(config_setting_get_string(
		    config_setting_get_elem(s, (unsigned)i)));
	conf_strv_free(*out, *n_out);
	*out = strv;
	*n_out = n;
	strv = NULL;
	rc = 0;
out:
	free(strv);	/* holds no strings when we get here with it */
	return rc;
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

	if (!config_setting_is_group(g))
		return conf_fail(ld, g, "'sim' must be a group: "
		    "sim = { seed = 7; calm = true; };");
	n = config_setting_length(g);
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(g, (unsigned)i);
		key = config_setting_name(s);
		if (strcmp(key, "seed") == 0) {
			if (conf_get_int(ld, s, 0, LLONG_MAX, "", &v) != 0)
				return -1;
			cl->sim_seed = (uint64_t)v;
		} else if (strcmp(key, "calm") == 0) {
			if (conf_get_bool(ld, s, &cl->sim_calm) != 0)
				return -1;
		} else if (strcmp(key, "online_delay") == 0 ||
		    strcmp(key, "offline_delay") == 0) {
			if (conf_get_seconds(ld, s, 0, CONF_SIM_DELAY_MAX_S,
			    &seconds) != 0)
				return -1;
			/* 600 s is 600000 ms: no overflow. */
			ms = (unsigned)(seconds * 1000.0 + 0.5);
			if (strcmp(key, "online_delay") == 0)
				cl->sim_online_delay_ms = ms;
			else
				cl->sim_offline_delay_ms = ms;
		} else if (strcmp(key, "fail_start") == 0) {
			if (conf_get_strings(ld, s,
			    "fail_start = [ \"web-server\" ];", "resource",
			    conf_check_resource_id, &cl->sim_fail_start,
			    &cl->n_sim_fail_start) != 0)
				return -1;
		} else
			return conf_unknown_key(ld, s, conf_sim_keys, where);
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
    const config_setting_t **sim)
{
	const char *key = config_setting_name(s), *v;
	char show[80], list[64];
	long long num;
	double seconds;
	bool ro;
	int line;

	if (strcmp(key, "name") == 0) {
		if (conf_get_string(ld, s, "the cluster's name", &v) != 0)
			return -1;
		if (!conf_valid_name(v))
			return conf_fail(ld, s, "cluster name '%s' must be 1 "
			    "to %d letters, digits, '.', '_' or '-'",
			    conf_show(v, show, sizeof show), CONF_NAME_MAX);
		if (conf_name_taken(ld, v, &line)) {
			if (line > 0)
				return conf_fail(ld, s, "cluster name '%s' is "
				    "already used on line %d", v, line);
			return conf_fail(ld, s, "cluster name '%s' is "
			    "already used", v);
		}
		cl->name = xstrdup(v);
	} else if (strcmp(key, "driver") == 0) {
		if (conf_get_string(ld, s, "\"sim\", \"pacemaker\" or "
		    "\"wsfc\"", &v) != 0)
			return -1;
		if (conf_word_index(v, conf_drivers) < 0)
			return conf_fail(ld, s, "driver '%s' is not one of %s",
			    conf_show(v, show, sizeof show),
			    conf_join(conf_drivers, "\"", list, sizeof list));
		cl->driver = xstrdup(v);
	} else if (strcmp(key, "readonly") == 0) {
		if (conf_get_bool(ld, s, &ro) != 0)
			return -1;
		cl->readonly = ro ? 1 : 0;
	} else if (strcmp(key, "refresh") == 0) {
		if (conf_get_seconds(ld, s, CONF_REFRESH_MIN_S,
		    CONF_REFRESH_MAX_S, &seconds) != 0)
			return -1;
		cl->refresh_s = seconds;
	} else if (strcmp(key, "nodes") == 0) {
		return conf_get_strings(ld, s, "nodes = [ \"db1\", "
		    "\"admin@db2:2222\", \"[fe80::1]:22\" ];", "node",
		    conf_check_node, &cl->nodes, &cl->n_nodes);
	} else if (strcmp(key, "user") == 0) {
		if (conf_get_string(ld, s, "a login name", &v) != 0)
			return -1;
		if (!nodespec_valid_user(v, strlen(v)))
			return conf_fail(ld, s, "user '%s' may only hold "
			    "letters, digits, '.', '_' and '-', and may not "
			    "start with '-'", conf_show(v, show, sizeof show));
		cl->user = xstrdup(v);
	} else if (strcmp(key, "port") == 0) {
		if (conf_get_int(ld, s, 1, 65535, "", &num) != 0)
			return -1;
		cl->port = (int)num;
	} else if (strcmp(key, "identity") == 0) {
		if (conf_get_string(ld, s, "the path of an SSH private key",
		    &v) != 0)
			return -1;
		cl->identity = conf_expand_path(v);
	} else if (strcmp(key, "ssh_config") == 0 ||
	    strcmp(key, "known_hosts") == 0) {
		char **dst = key[0] == 's' ? &cl->ssh_config : &cl->known_hosts;

		if (conf_get_string(ld, s, "a file path", &v) != 0)
			return -1;
		free(*dst);
		*dst = conf_expand_path(v);
	} else if (strcmp(key, "host_key_check") == 0) {
		if (conf_get_string(ld, s, "\"strict\", \"ask\" or "
		    "\"accept-new\"", &v) != 0)
			return -1;
		if (conf_word_index(v, conf_host_key_checks) < 0)
			return conf_fail(ld, s, "host_key_check '%s' is not one "
			    "of %s", conf_show(v, show, sizeof show),
			    conf_join(conf_host_key_checks, "\"", list,
			    sizeof list));
		free(cl->host_key_check);
		cl->host_key_check = xstrdup(v);
	} else if (strcmp(key, "connect_timeout") == 0) {
		if (conf_get_seconds(ld, s, 0.1, 120, &seconds) != 0)
			return -1;
		cl->connect_timeout_ms = (unsigned)(seconds * 1000.0 + 0.5);
	} else if (strcmp(key, "command_timeout") == 0) {
		if (conf_get_seconds(ld, s, 1, 3600, &seconds) != 0)
			return -1;
		cl->command_timeout_ms = (unsigned)(seconds * 1000.0 + 0.5);
	} else if (strcmp(key, "password_auth") == 0) {
		if (conf_get_bool(ld, s, &ro) != 0)
			return -1;
		cl->password_auth = ro;
	} else if (strcmp(key, "sim") == 0) {
		*sim = s;
		return conf_parse_sim(ld, s, cl, sim_where);
	} else
		return conf_unknown_key(ld, s, conf_cluster_keys, where);
	return 0;
}

static int
conf_parse_cluster(struct loader *ld, const config_setting_t *g,
    struct conf_cluster *cl)
{
	const config_setting_t *sim = NULL, *name_s;
	char where[CONF_NAME_MAX + 32], sim_where[CONF_NAME_MAX + 48];
	char list[64];
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
		    (unsigned)i), cl, where, sim_where, &sim) != 0)
			return -1;
	}

	if (cl->name == NULL)
		return conf_fail(ld, g, "a cluster needs a 'name': "
		    "{ name = \"prod\"; driver = \"pacemaker\"; ... }");
	if (cl->driver == NULL)
		return conf_fail(ld, g, "cluster '%s' needs a 'driver': "
		    "one of %s", cl->name,
		    conf_join(conf_drivers, "\"", list, sizeof list));
	if (sim != NULL && strcmp(cl->driver, "sim") != 0)
		return conf_fail(ld, sim, "'sim' settings are only for driver "
		    "\"sim\", and cluster '%s' uses \"%s\"", cl->name,
		    cl->driver);
	return 0;
}

static int
conf_parse_clusters(struct loader *ld, const config_setting_t *list)
{
	const config_setting_t *g;
	struct conf_cluster *cl;
	unsigned i, n;

	/* An empty "[ ]" is an empty array to libconfig; let it mean none. */
	if (config_setting_type(list) == CONFIG_TYPE_ARRAY &&
	    config_setting_length(list) == 0)
		return 0;
	if (config_setting_type(list) != CONFIG_TYPE_LIST)
		return conf_fail(ld, list, "'clusters' must be a list of "
		    "groups: clusters = ( { name = \"lab\"; driver = "
		    "\"sim\"; } );");
	n = (unsigned)config_setting_length(list);
	for (i = 0; i < n; i++) {
		g = config_setting_get_elem(list, i);
		if (g == NULL || !config_setting_is_group(g))
			return conf_fail(ld, g != NULL ? g : list,
			    "each entry of 'clusters' must be a group: "
			    "{ name = \"lab\"; driver = \"sim\"; }");
		/* Added before it is parsed, so that whatever a failure
		 * leaves half-built is freed with the rest. */
		ld->added = xreallocarray(ld->added, ld->n_added + 1,
		    sizeof *ld->added);
		cl = &ld->added[ld->n_added++];
		conf_cluster_init(cl);
		cl->line = (int)conf_line(g);
		if (conf_parse_cluster(ld, g, cl) != 0)
			return -1;
	}
	return 0;
}

/* One colour: a name (any case), "default", or a number 0..255. */
static int
conf_get_color(struct loader *ld, const config_setting_t *s, int *out)
{
	const char *key = config_setting_name(s), *v;
	char show[80], names[128];
	long long num;
	int i;

	*out = CONF_COLOR_DEFAULT;
	conf_join(conf_color_names, "", names, sizeof names);
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_STRING:
		v = config_setting_get_string(s);
		if (strcasecmp(v, "default") == 0) {
			*out = CONF_COLOR_DEFAULT;
			return 0;
		}
		for (i = 0; conf_color_names[i] != NULL; i++) {
			if (strcasecmp(v, conf_color_names[i]) == 0) {
				*out = i;
				return 0;
			}
		}
		return conf_fail(ld, s, "colour '%s' for '%s' is not one of "
		    "%s, default, or a number 0 to 255",
		    conf_show(v, show, sizeof show), key, names);
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		num = config_setting_get_int64(s);
		if (num < 0 || num > 255)
			return conf_fail(ld, s, "colour %lld for '%s' is not "
			    "a number 0 to 255", num, key);
		*out = (int)num;
		return 0;
	default:
		return conf_fail(ld, s, "'%s' must be a colour name (%s, "
		    "default) or a number 0 to 255", key, names);
	}
}

static int
conf_parse_colors(struct loader *ld, const config_setting_t *g)
{
	const config_setting_t *s;
	int i, n, role;

	if (!config_setting_is_group(g))
		return conf_fail(ld, g, "'colors' must be a group: "
		    "colors = { failed = \"red\"; pending = 214; };");
	n = config_setting_length(g);
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(g, (unsigned)i);
		role = conf_word_index(config_setting_name(s), conf_color_keys);
		if (role < 0)
			return conf_unknown_key(ld, s, conf_color_keys,
			    " in 'colors'");
		if (conf_get_color(ld, s, &ld->colors[role]) != 0)
			return -1;
	}
	return 0;
}

static int
conf_parse_root(struct loader *ld, const config_setting_t *root)
{
	const config_setting_t *s;
	const char *key, *v;
	long long num;
	int i, n;

	n = config_setting_length(root);
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(root, (unsigned)i);
		key = config_setting_name(s);
		if (strcmp(key, "refresh") == 0) {
			if (conf_get_seconds(ld, s, CONF_REFRESH_MIN_S,
			    CONF_REFRESH_MAX_S, &ld->refresh_s) != 0)
				return -1;
		} else if (strcmp(key, "readonly") == 0) {
			if (conf_get_bool(ld, s, &ld->readonly) != 0)
				return -1;
		} else if (strcmp(key, "transition_timeout") == 0) {
			if (conf_get_int(ld, s, 1, CONF_TIMEOUT_MAX_S,
			    " seconds", &num) != 0)
				return -1;
			ld->transition_timeout_s = (unsigned)num;
		} else if (strcmp(key, "audit_log") == 0) {
			if (conf_get_string(ld, s, "a file path", &v) != 0)
				return -1;
			free(ld->audit_log);
			ld->audit_log = conf_expand_path(v);
		} else if (strcmp(key, "colors") == 0) {
			if (conf_parse_colors(ld, s) != 0)
				return -1;
		} else if (strcmp(key, "clusters") == 0) {
			if (conf_parse_clusters(ld, s) != 0)
				return -1;
		} else
			return conf_unknown_key(ld, s, conf_top_keys, "");
	}
	return 0;
}

/* The directory of path, newly allocated, or NULL for the current one. */
static char *
conf_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL)
		return NULL;
	if (slash == path)
		return xstrdup("/");
	dir = xcalloc(1, (size_t)(slash - path) + 1);
	memcpy(dir, path, (size_t)(slash - path));
	return dir;
}

/* libconfig says only "file I/O error"; find out why ourselves, so that
 * the user reads "No such file or directory" or "Permission denied".
 * Returns 0, or the errno value with *err set. */
static int
conf_check_readable(const char *path, char **err)
{
	struct stat st;
	FILE *f;
	int rc = 0;

	f = fopen(path, "r");
	if (f == NULL) {
		rc = errno;
		goto out;
	}
	if (fstat(fileno(f), &st) != 0) {
		rc = errno;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = EISDIR;
		goto out;
	}
out:
	/* Opened for reading only: a failing fclose() loses nothing. */
	if (f != NULL)
		(void)fclose(f);
	if (rc != 0)
		*err = xasprintf("%s: cannot open: %s", path,
		    strerror(rc));
	return rc;
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
	config_t cfg;
	char *dir = NULL, *file;
	size_t i;
	int rc = -1, open_errno;

	*err = NULL;
	open_errno = conf_check_readable(path, err);
	if (open_errno != 0) {
		/* Kept for the caller: a missing default file (ENOENT) is
		 * no error, a missing --config file is. */
		errno = open_errno;
		return -1;
	}

	memset(&ld, 0, sizeof ld);
	ld.path = path;
	ld.base = c;
	ld.refresh_s = c->refresh_s;
	ld.readonly = c->readonly;
	ld.transition_timeout_s = c->transition_timeout_s;
	memcpy(ld.colors, c->colors, sizeof ld.colors);

	config_init(&cfg);
	/* @include "x.conf" is found beside the file, not in the cwd. */
	dir = conf_dirname(path);
	ld.include_dir = dir;
	if (dir != NULL)
		config_set_include_dir(&cfg, dir);
	if (config_read_file(&cfg, path) != CONFIG_TRUE) {
		file = conf_file_name(&ld, config_error_file(&cfg));
		if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO)
			ld.err = xasprintf("%s: cannot read: %s", file,
			    config_error_text(&cfg));
		else
			ld.err = xasprintf("%s:%d: %s", file,
			    config_error_line(&cfg), config_error_text(&cfg));
		free(file);
		goto out;
	}
	if (conf_parse_root(&ld, config_root_setting(&cfg)) != 0)
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
	config_destroy(&cfg);
	free(dir);
	if (rc != 0) {
		*err = ld.err;
		errno = EINVAL;
	} else
		free(ld.err);
	return rc;
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
		cl->driver = xstrdup("sim");
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
