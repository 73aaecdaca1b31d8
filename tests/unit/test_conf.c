/* The configuration loader: defaults, good files (every key, the shipped
 * example, @include), every kind of bad file with its exact file:line,
 * layering, and the helpers around it. Config text is written one line per
 * string literal, so the line numbers asserted are the ones you count. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/util/defaults.h"
#include "testdata.h"
#include "conf/conf.h"
#include "conf/schema.h"

/* The tests' data directory: $CCON_TEST_DATA as ctest sets it, else the
 * one beside this source file, so that the binary also runs by hand. */
static const char *
data_dir(void)
{
	static char buf[4096];
	const char *env = getenv("CCON_TEST_DATA");
	const char *slash;

	if (env != NULL && *env != '\0')
		return env;
	slash = strrchr(__FILE__, '/');
	if (slash == NULL)
		return "../data";
	snprintf(buf, sizeof buf, "%.*s/../data", (int)(slash - __FILE__),
	    __FILE__);
	return buf;
}

static void
data_path(char *buf, size_t bufsz, const char *rel)
{
	int n = snprintf(buf, bufsz, "%s/%s", data_dir(), rel);

	assert_true(n > 0 && (size_t)n < bufsz);
}

/* Loads text over the defaults; must succeed. The caller frees *c. */
static void
load_good(struct conf *c, const char *text)
{
	char path[64], *err = NULL;
	int rc;

	testdata_write_temp(text, path, sizeof path);
	conf_defaults(c);
	rc = conf_load(c, path, &err);
	if (rc != 0)
		print_error("unexpected error: %s\n", err);
	assert_int_equal(rc, 0);
	assert_null(err);
	assert_string_equal(c->path, path);
	assert_int_equal(unlink(path), 0);
}

/* Loads text; must fail with n errors, the first "TMPFILE:line: msg..."
 * (msg is a prefix of the message after the position), and leave the
 * conf as it was. */
static void
expect_errors(const char *text, int n, int line, const char *msg)
{
	struct conf c;
	char path[64], want[512], *err = NULL, *nl;
	int rc, saved_errno, lines;

	testdata_write_temp(text, path, sizeof path);
	conf_defaults(&c);
	conf_add_demo(&c, 9, true);
	rc = conf_load(&c, path, &err);
	saved_errno = errno;
	assert_int_equal(rc, -1);
	assert_int_equal(saved_errno, EINVAL);
	assert_non_null(err);
	snprintf(want, sizeof want, "%s:%d: %s", path, line, msg);
	/* Those errors and no other: a test that meant one thing wrong
	 * must not pass on another. */
	for (nl = err, lines = 1; (nl = strchr(nl, '\n')) != NULL; nl++)
		lines++;
	if (strncmp(err, want, strlen(want)) != 0 || lines != n) {
		print_error("want: %s...\ngot:  %s\n", want, err);
		fail();
	}
	/* Nothing of the bad file was applied. */
	assert_null(c.path);
	assert_int_equal(c.n_clusters, 1);
	assert_string_equal(c.clusters[0].name, "demo");
	assert_true(c.refresh_s == 1.0);
	assert_false(c.readonly);
	assert_null(c.audit_log);
	free(err);
	conf_free(&c);
	assert_int_equal(unlink(path), 0);
}

/* The same with that one error only. */
static void
expect_error(const char *text, int line, const char *msg)
{
	expect_errors(text, 1, line, msg);
}

static void
test_defaults(void **state)
{
	struct conf c;

	(void)state;
	conf_defaults(&c);
	assert_null(c.path);
	assert_true(c.refresh_s == 1.0);
	assert_false(c.readonly);
	assert_int_equal(c.transition_timeout_s, 120);
	assert_null(c.audit_log);
	assert_int_equal(c.colors[COLOR_ROLE_ONLINE], 2);
	assert_int_equal(c.colors[COLOR_ROLE_OFFLINE], CONF_COLOR_DEFAULT);
	assert_int_equal(c.colors[COLOR_ROLE_PENDING], 3);
	assert_int_equal(c.colors[COLOR_ROLE_FAILED], 1);
	assert_int_equal(c.colors[COLOR_ROLE_STALE], 5);
	assert_int_equal(c.colors[COLOR_ROLE_PAUSED], 6);
	assert_null(c.clusters);
	assert_int_equal(c.n_clusters, 0);
	conf_free(&c);
	conf_free(&c);	/* twice is harmless */
}

/* The defaults are defaults.h's, through the schema's units (seconds in
 * the file, milliseconds in the struct) and words. */
static void
test_defaults_from_one_place(void **state)
{
	struct conf c;
	const struct conf_cluster *cl;

	(void)state;
	conf_defaults(&c);
	assert_true(c.refresh_s * 1000.0 == CCON_DEFAULT_REFRESH_MS);
	assert_int_equal(c.readonly, CCON_DEFAULT_READONLY);
	assert_int_equal(c.transition_timeout_s,
	    CCON_DEFAULT_TRANSITION_TIMEOUT_S);
	assert_int_equal(c.colors[COLOR_ROLE_ONLINE],
	    CCON_DEFAULT_COLOR_ONLINE);
	assert_int_equal(c.colors[COLOR_ROLE_OFFLINE],
	    CCON_DEFAULT_COLOR_OFFLINE);
	assert_int_equal(c.colors[COLOR_ROLE_PENDING],
	    CCON_DEFAULT_COLOR_PENDING);
	assert_int_equal(c.colors[COLOR_ROLE_FAILED],
	    CCON_DEFAULT_COLOR_FAILED);
	assert_int_equal(c.colors[COLOR_ROLE_STALE],
	    CCON_DEFAULT_COLOR_STALE);
	assert_int_equal(c.colors[COLOR_ROLE_PAUSED],
	    CCON_DEFAULT_COLOR_PAUSED);

	cl = conf_add_demo(&c, CCON_DEFAULT_SIM_SEED, CCON_DEFAULT_SIM_CALM);
	assert_string_equal(conf_host_key_check_word(cl->host_key_check),
	    CCON_DEFAULT_HOST_KEY_CHECK);
	assert_int_equal(cl->connect_timeout_ms,
	    CCON_DEFAULT_CONNECT_TIMEOUT_MS);
	assert_int_equal(cl->command_timeout_ms,
	    CCON_DEFAULT_COMMAND_TIMEOUT_MS);
	assert_int_equal(cl->password_auth, CCON_DEFAULT_PASSWORD_AUTH);
	assert_int_equal(cl->sim_online_delay_ms,
	    CCON_DEFAULT_SIM_ONLINE_DELAY_MS);
	assert_int_equal(cl->sim_offline_delay_ms,
	    CCON_DEFAULT_SIM_OFFLINE_DELAY_MS);
	conf_free(&c);

	/* A file's cluster gets the same as the built-in one. */
	load_good(&c, "clusters = ( { name = \"x\"; driver = \"sim\"; } );\n");
	cl = &c.clusters[0];
	assert_true(cl->sim_seed == CCON_DEFAULT_SIM_SEED);
	assert_int_equal(cl->sim_calm, CCON_DEFAULT_SIM_CALM);
	assert_int_equal(cl->connect_timeout_ms,
	    CCON_DEFAULT_CONNECT_TIMEOUT_MS);
	assert_string_equal(conf_host_key_check_word(cl->host_key_check),
	    CCON_DEFAULT_HOST_KEY_CHECK);
	conf_free(&c);
}

/* Every table of the schema is well formed: what the parser, the
 * defaults and the documentation test rely on. */
static void
check_section(const struct schema_section *sec, int depth)
{
	const struct schema_key *k;
	size_t i, j, w;

	assert_true(depth < 4);		/* no section holds itself */
	assert_non_null(sec->name);
	assert_true(sec->n_keys > 0);
	for (i = 0; i < sec->n_keys; i++) {
		k = &sec->keys[i];
		for (j = 0; j < i; j++)
			assert_string_not_equal(k->key, sec->keys[j].key);
		assert_ptr_equal(schema_find(sec, k->key), k);
		if (k->help == NULL || k->help[0] == '\0' ||
		    strchr(k->help, '\n') != NULL) {
			print_error("%s: '%s' needs one line of help\n",
			    sec->name, k->key);
			fail();
		}
		if (k->flags & SCHEMA_REQUIRED)
			assert_non_null(k->words != NULL ? k->words[0] :
			    sec->example);
		if (k->check != NULL)
			assert_non_null(k->noun);	/* "noun 'x' why" */
		/* "'x' is only for WHO", for some drivers, not none or
		 * all of them. */
		if (k->drivers != NULL) {
			assert_non_null(k->drivers->who);
			assert_true(k->drivers->mask != 0 &&
			    k->drivers->mask <
			    SCHEMA_DRIVER(CONF_DRIVER_COUNT) - 1);
		}
		/* "has no 'nodes', which ... need: EXAMPLE" */
		if (k->flags & SCHEMA_REQUIRED_REMOTE)
			assert_non_null(k->what);
		switch (k->type) {
		case SCHEMA_SECONDS:
		case SCHEMA_SECONDS_MS:
		case SCHEMA_WHOLE_SECONDS:
		case SCHEMA_INT:
		case SCHEMA_U64:
			assert_true(k->min < k->max);
			if (schema_has_default(k))
				assert_true(k->def >= k->min &&
				    k->def <= k->max);
			break;
		case SCHEMA_WORD:
			assert_non_null(k->words);
			if (!schema_has_default(k))
				break;
			for (w = 0; k->words[w] != NULL; w++) {
				if (strcmp(k->words[w], k->def_word) == 0)
					break;
			}
			assert_non_null(k->words[w]);
			break;
		case SCHEMA_COLOR:
			assert_true(k->def >= CONF_COLOR_DEFAULT &&
			    k->def <= 255);
			break;
		case SCHEMA_STRING:
		case SCHEMA_PATH:
			assert_non_null(k->what);
			break;
		case SCHEMA_STRINGS:
			assert_non_null(k->what);
			assert_non_null(k->noun);
			assert_true(k->count_offset != k->offset);
			break;
		case SCHEMA_GROUP:
			assert_non_null(k->what);
			check_section(k->section, depth + 1);
			break;
		case SCHEMA_LIST:
			assert_non_null(k->what);
			assert_non_null(k->read);
			check_section(k->section, depth + 1);
			break;
		default:
			break;
		}
	}
}

static void
test_schema_tables(void **state)
{
	(void)state;
	check_section(&schema_top, 0);
	assert_ptr_equal(schema_find(&schema_top, "clusters")->section,
	    &schema_cluster);
	assert_null(schema_find(&schema_top, "nosuch"));
}

static void
test_full_file(void **state)
{
	struct conf c;
	struct conf_cluster *cl;
	char path[4096], *err = NULL;

	(void)state;
	data_path(path, sizeof path, "conf/full.conf");
	conf_defaults(&c);
	if (conf_load(&c, path, &err) != 0) {
		print_error("%s\n", err);
		fail();
	}
	assert_string_equal(c.path, path);
	assert_true(c.refresh_s == 0.5);
	assert_true(c.readonly);
	assert_int_equal(c.transition_timeout_s, 300);
	assert_string_equal(c.audit_log, "/var/log/ccon/audit.log");
	assert_int_equal(c.colors[COLOR_ROLE_ONLINE], 4);
	assert_int_equal(c.colors[COLOR_ROLE_OFFLINE], 8);
	assert_int_equal(c.colors[COLOR_ROLE_PENDING], 5);
	assert_int_equal(c.colors[COLOR_ROLE_FAILED], 196);
	assert_int_equal(c.colors[COLOR_ROLE_STALE], 7);
	assert_int_equal(c.colors[COLOR_ROLE_PAUSED], CONF_COLOR_DEFAULT);
	assert_int_equal(c.n_clusters, 3);

	cl = &c.clusters[0];
	assert_string_equal(cl->name, "prod-1");
	assert_int_equal(cl->driver, CONF_DRIVER_PACEMAKER);
	assert_int_equal(cl->readonly, 0);
	assert_true(cl->refresh_s == 10.0);
	assert_int_equal(cl->n_nodes, 6);
	assert_string_equal(cl->nodes[0], "db1");
	assert_string_equal(cl->nodes[1], "db2:2222");
	assert_string_equal(cl->nodes[2], "admin@db3");
	assert_string_equal(cl->nodes[3], "admin@db4.example.com:22");
	assert_string_equal(cl->nodes[4], "[fe80::1]:2200");
	assert_string_equal(cl->nodes[5], "root@[2001:db8::5]");
	assert_string_equal(cl->user, "hacluster");
	assert_int_equal(cl->port, 2022);
	assert_string_equal(cl->identity, "/etc/ccon/id_ed25519");
	assert_string_equal(cl->ssh_config, "/etc/ccon/ssh_config");
	assert_string_equal(cl->known_hosts, "/etc/ccon/known_hosts");
	assert_int_equal(cl->host_key_check, CONF_HOST_KEY_CHECK_ACCEPT_NEW);
	assert_int_equal(cl->connect_timeout_ms, 2500);
	assert_int_equal(cl->command_timeout_ms, 60000);
	assert_false(cl->password_auth);
	assert_int_equal(cl->line, 15);
	assert_false(conf_cluster_readonly(&c, cl));
	assert_true(conf_cluster_refresh(&c, cl) == 10.0);

	cl = &c.clusters[1];
	assert_string_equal(cl->name, "win_2");
	assert_int_equal(cl->driver, CONF_DRIVER_WSFC);
	assert_int_equal(cl->readonly, -1);
	assert_true(cl->refresh_s == 0);
	assert_int_equal(cl->n_nodes, 2);
	assert_string_equal(cl->nodes[1], "win-node2.corp.example:5985");
	assert_null(cl->user);
	assert_int_equal(cl->port, 0);
	assert_null(cl->identity);
	assert_null(cl->ssh_config);
	assert_null(cl->known_hosts);
	assert_int_equal(cl->host_key_check, CONF_HOST_KEY_CHECK_ASK);
	assert_int_equal(cl->connect_timeout_ms, 5000);
	assert_int_equal(cl->command_timeout_ms, 30000);
	assert_true(cl->password_auth);
	assert_true(conf_cluster_readonly(&c, cl));
	assert_true(conf_cluster_refresh(&c, cl) == 0.5);

	cl = &c.clusters[2];
	assert_string_equal(cl->name, "lab.sim");
	assert_int_equal(cl->driver, CONF_DRIVER_SIM);
	assert_int_equal(cl->n_nodes, 0);
	assert_null(cl->nodes);
	assert_true(cl->sim_seed == 4294967296ULL);
	assert_true(cl->sim_calm);
	assert_int_equal(cl->sim_online_delay_ms, 250);
	assert_int_equal(cl->sim_offline_delay_ms, 0);
	assert_int_equal(cl->n_sim_fail_start, 2);
	assert_string_equal(cl->sim_fail_start[0], "web-server");
	assert_string_equal(cl->sim_fail_start[1], "db-pgsql");

	assert_ptr_equal(conf_find_cluster(&c, "win_2"), &c.clusters[1]);
	assert_null(conf_find_cluster(&c, "win"));
	assert_null(conf_find_cluster(&c, NULL));
	conf_free(&c);
}

static void
test_example_loads(void **state)
{
	struct conf c;
	char path[4096], *err = NULL;

	(void)state;
	data_path(path, sizeof path, "../../conf/ccon.conf.example");
	conf_defaults(&c);
	if (conf_load(&c, path, &err) != 0) {
		print_error("%s\n", err);
		fail();
	}
	/* Three clusters, one of each kind the example promises. */
	assert_int_equal(c.n_clusters, 3);
	assert_int_equal(c.clusters[0].driver, CONF_DRIVER_PACEMAKER);
	assert_true(c.clusters[0].n_nodes > 0);
	assert_int_equal(c.clusters[1].driver, CONF_DRIVER_WSFC);
	assert_true(c.clusters[1].n_nodes > 0);
	assert_int_equal(c.clusters[2].driver, CONF_DRIVER_SIM);
	assert_non_null(c.audit_log);
	conf_free(&c);
}

/* The documentation test: conf/ccon.conf.example must show every key of
 * every section of the schema with a comment, each key that has a
 * default must state it as "Default: VALUE" with the schema's value, and
 * a required key must say "Required". A key's comment is the block of
 * comment lines right above it and any comment after it on its line. */

#define DOC_SECTIONS_MAX 8
#define DOC_KEYS_MAX 32

/* What the example shows of each key of one section. */
struct doc_section {
	const struct schema_section *sec;
	bool documented[DOC_KEYS_MAX];
	bool default_stated[DOC_KEYS_MAX];
	bool required_stated[DOC_KEYS_MAX];
};

struct doc {
	char **lines;                   /* lines[1] is the first */
	size_t n_lines;
	struct doc_section sections[DOC_SECTIONS_MAX];
	size_t n_sections;
	char report[8192];              /* one problem a line */
	int problems;
};

static void doc_problem(struct doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
doc_problem(struct doc *d, const char *fmt, ...)
{
	size_t len = strlen(d->report);
	va_list ap;

	d->problems++;
	if (len + 2 >= sizeof d->report)
		return;
	va_start(ap, fmt);
	vsnprintf(d->report + len, sizeof d->report - len - 1, fmt, ap);
	va_end(ap);
	len = strlen(d->report);
	d->report[len] = '\n';
	d->report[len + 1] = '\0';
}

static struct doc_section *
doc_section(struct doc *d, const struct schema_section *sec)
{
	size_t i;

	for (i = 0; i < d->n_sections; i++) {
		if (d->sections[i].sec == sec)
			return &d->sections[i];
	}
	assert_true(d->n_sections < DOC_SECTIONS_MAX);
	assert_true(sec->n_keys <= DOC_KEYS_MAX);
	d->sections[d->n_sections].sec = sec;
	return &d->sections[d->n_sections++];
}

/* Every section the schema reaches, so that one the example never opens
 * is still checked. */
static void
doc_add_sections(struct doc *d, const struct schema_section *sec)
{
	size_t i;

	doc_section(d, sec);
	for (i = 0; i < sec->n_keys; i++) {
		if (sec->keys[i].type == SCHEMA_GROUP ||
		    sec->keys[i].type == SCHEMA_LIST)
			doc_add_sections(d, sec->keys[i].section);
	}
}

static void
doc_read_lines(struct doc *d, const char *path)
{
	char buf[1024];
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	d->lines = calloc(1, sizeof *d->lines);
	assert_non_null(d->lines);
	while (fgets(buf, sizeof buf, f) != NULL) {
		buf[strcspn(buf, "\n")] = '\0';
		d->lines = realloc(d->lines, (d->n_lines + 2) *
		    sizeof *d->lines);
		assert_non_null(d->lines);
		d->lines[++d->n_lines] = strdup(buf);
		assert_non_null(d->lines[d->n_lines]);
	}
	assert_int_equal(fclose(f), 0);
}

static void
doc_free(struct doc *d)
{
	size_t i;

	for (i = 1; i <= d->n_lines; i++)
		free(d->lines[i]);
	free(d->lines);
}

/* The comment of a line that is nothing but one, else NULL. */
static const char *
doc_comment_line(const char *line)
{
	line += strspn(line, " \t");
	if (line[0] == '#')
		return line + 1;
	if (line[0] == '/' && line[1] == '/')
		return line + 2;
	return NULL;
}

/* The comment after the setting on a line, else NULL. */
static const char *
doc_trailing(const char *line)
{
	bool quoted = false;

	for (; *line != '\0'; line++) {
		if (quoted && line[0] == '\\' && line[1] != '\0')
			line++;
		else if (*line == '"')
			quoted = !quoted;
		else if (!quoted && *line == '#')
			return line + 1;
		else if (!quoted && line[0] == '/' && line[1] == '/')
			return line + 2;
	}
	return NULL;
}

/* The comment of the setting on line into buf, its lines joined by
 * spaces; "" when it has none. */
static void
doc_of(const struct doc *d, size_t line, char *buf, size_t bufsz)
{
	const char *c;
	size_t first = line, i;

	buf[0] = '\0';
	while (first > 1 && doc_comment_line(d->lines[first - 1]) != NULL)
		first--;
	for (i = first; i < line; i++) {
		c = doc_comment_line(d->lines[i]);
		strncat(buf, c, bufsz - strlen(buf) - 2);
		strcat(buf, " ");
	}
	if ((c = doc_trailing(d->lines[line])) != NULL)
		strncat(buf, c, bufsz - strlen(buf) - 1);
}

/* The value after "Default: " in text into buf: a quoted string with its
 * quotes, or the word up to a space, ',', ';', ')' or a full stop. NULL
 * if text states no default. */
static const char *
doc_stated_default(const char *text, char *buf, size_t bufsz)
{
	const char *v = strstr(text, "Default: "), *end;

	if (v == NULL)
		return NULL;
	v += strlen("Default: ");
	if (*v == '"') {
		end = strchr(v + 1, '"');
		end = end != NULL ? end + 1 : v + strlen(v);
	} else {
		for (end = v; *end != '\0'; end++) {
			if (strchr(" \t,;)", *end) != NULL)
				break;
			if (*end == '.' && (end[1] == '\0' ||
			    strchr(" \t)", end[1]) != NULL))
				break;
		}
	}
	snprintf(buf, bufsz, "%.*s", (int)(end - v), v);
	return buf;
}

/* The schema's default of k as the example would write it. */
static const char *
doc_schema_default(const struct schema_key *k, char *buf, size_t bufsz)
{
	if (!schema_has_default(k))
		snprintf(buf, bufsz, "none");
	else if (k->type == SCHEMA_BOOL)
		snprintf(buf, bufsz, "%s", k->def != 0 ? "true" : "false");
	else if (k->type == SCHEMA_WORD)
		snprintf(buf, bufsz, "\"%s\"", k->def_word);
	else if (k->type == SCHEMA_COLOR &&
	    reader_color_name((int)k->def) != NULL)
		snprintf(buf, bufsz, "\"%s\"", reader_color_name((int)k->def));
	else
		snprintf(buf, bufsz, "%g", k->def);
	return buf;
}

/* Whether stated, as the example writes it, is k's default: 1 yes, 0 no,
 * -1 when stated is no value but words ("from ~/.ssh/config"). */
static int
doc_default_matches(const struct schema_key *k, const char *stated)
{
	char word[64], *end;
	double v;
	int color;

	if (strcmp(stated, "true") == 0 || strcmp(stated, "false") == 0)
		return schema_has_default(k) && k->type == SCHEMA_BOOL &&
		    (k->def != 0) == (stated[0] == 't');
	if (stated[0] == '"') {
		snprintf(word, sizeof word, "%.*s", (int)strlen(stated) - 2,
		    stated + 1);
		if (!schema_has_default(k))
			return 0;
		if (k->type == SCHEMA_WORD)
			return strcmp(word, k->def_word) == 0;
		if (k->type == SCHEMA_COLOR)
			return reader_color_word(word, &color) == 0 &&
			    color == (int)k->def;
		return 0;
	}
	v = strtod(stated, &end);
	if (end == stated || *end != '\0')
		return -1;
	return schema_has_default(k) && k->type != SCHEMA_BOOL &&
	    k->type != SCHEMA_WORD && v == k->def;
}

static void
doc_key(struct doc *d, const config_setting_t *s,
    const struct schema_section *sec)
{
	const char *name = config_setting_name(s);
	const struct schema_key *k = schema_find(sec, name);
	struct doc_section *ds = doc_section(d, sec);
	char text[2048], stated[128], want[64];
	const char *line;
	unsigned n = config_setting_source_line(s);
	size_t i;
	int m;

	if (k == NULL) {
		doc_problem(d, "%s: '%s' is not a key of the schema",
		    sec->name, name);
		return;
	}
	i = (size_t)(k - sec->keys);
	line = n >= 1 && n <= d->n_lines ? d->lines[n] : "";
	line += strspn(line, " \t");
	if (strncmp(line, name, strlen(name)) != 0) {
		doc_problem(d, "line %u: '%s' is not where libconfig says",
		    n, name);
		return;
	}
	doc_of(d, n, text, sizeof text);
	if (text[strspn(text, " \t")] == '\0')
		return;		/* another place may document it */
	ds->documented[i] = true;
	if ((k->flags & SCHEMA_REQUIRED) && strstr(text, "Required"))
		ds->required_stated[i] = true;
	if (doc_stated_default(text, stated, sizeof stated) == NULL)
		return;
	doc_schema_default(k, want, sizeof want);
	m = doc_default_matches(k, stated);
	if (m == 1)
		ds->default_stated[i] = true;
	else if (m == 0 || schema_has_default(k))
		doc_problem(d, "line %u: %s: '%s' says Default: %s; the "
		    "schema's is %s", n, sec->name, name, stated, want);
}

static void
doc_walk(struct doc *d, const config_setting_t *g,
    const struct schema_section *sec)
{
	const config_setting_t *s, *e;
	const struct schema_key *k;
	int i, j, n;

	n = config_setting_length(g);
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(g, (unsigned)i);
		doc_key(d, s, sec);
		if ((k = schema_find(sec, config_setting_name(s))) == NULL)
			continue;
		if (k->type == SCHEMA_GROUP && config_setting_is_group(s))
			doc_walk(d, s, k->section);
		if (k->type != SCHEMA_LIST)
			continue;
		for (j = 0; j < config_setting_length(s); j++) {
			e = config_setting_get_elem(s, (unsigned)j);
			if (config_setting_is_group(e))
				doc_walk(d, e, k->section);
		}
	}
}

/* Checks the example at path; the problems are in d->report. */
static void
doc_check(struct doc *d, const char *path)
{
	const struct schema_section *sec;
	const struct schema_key *k;
	struct doc_section *ds;
	config_t cfg;
	char want[64];
	size_t i, j;

	memset(d, 0, sizeof *d);
	doc_add_sections(d, &schema_top);
	doc_read_lines(d, path);
	config_init(&cfg);
	if (config_read_file(&cfg, path) != CONFIG_TRUE) {
		doc_problem(d, "%s:%d: %s", path, config_error_line(&cfg),
		    config_error_text(&cfg));
		config_destroy(&cfg);
		return;
	}
	doc_walk(d, config_root_setting(&cfg), &schema_top);
	config_destroy(&cfg);

	for (i = 0; i < d->n_sections; i++) {
		ds = &d->sections[i];
		sec = ds->sec;
		for (j = 0; j < sec->n_keys; j++) {
			k = &sec->keys[j];
			if (!ds->documented[j])
				doc_problem(d, "%s: '%s' is not shown with a "
				    "comment", sec->name, k->key);
			else if (schema_has_default(k) &&
			    !ds->default_stated[j])
				doc_problem(d, "%s: '%s' does not say "
				    "Default: %s", sec->name, k->key,
				    doc_schema_default(k, want, sizeof want));
			if ((k->flags & SCHEMA_REQUIRED) &&
			    !ds->required_stated[j])
				doc_problem(d, "%s: '%s' does not say it is "
				    "Required", sec->name, k->key);
		}
	}
}

static void
test_example_documents_every_key(void **state)
{
	struct doc *d = calloc(1, sizeof *d);
	char path[4096];

	(void)state;
	assert_non_null(d);
	data_path(path, sizeof path, "../../conf/ccon.conf.example");
	doc_check(d, path);
	if (d->problems > 0)
		print_error("%s: %d problem(s):\n%s", path, d->problems,
		    d->report);
	assert_int_equal(d->problems, 0);
	doc_free(d);
	free(d);
}

/* The documentation test finds what it is there to find. */
static void
test_example_check_catches(void **state)
{
	static const char *const want[] = {
		"line 2: top level: 'refresh' says Default: 2; the schema's "
		    "is 1\n",
		"top level: 'readonly' is not shown with a comment\n",
		"line 6: top level: 'audit_log' says Default: \"/x.log\"; the "
		    "schema's is none\n",
		"colors: 'failed' says Default: \"green\"; the schema's is "
		    "\"red\"\n",
		"top level: 'transition_timeout' does not say Default: 120\n",
		"cluster: 'name' does not say it is Required\n",
		"sim: 'seed' is not shown with a comment\n",
		"cluster: 'port' is not shown with a comment\n",
	};
	struct doc *d = calloc(1, sizeof *d);
	char path[64];
	size_t i;

	(void)state;
	assert_non_null(d);
	testdata_write_temp("# Seconds. Default: 2.\n"			/* 1 */
	    "refresh = 1.0;\n"					/* 2 */
	    "readonly = false;\n"				/* 3 */
	    "transition_timeout = 120;  # seconds\n"		/* 4 */
	    "# Where actions go. Default: \"/x.log\".\n"	/* 5 */
	    "audit_log = \"/x.log\";\n"				/* 6 */
	    "colors = {\n"
	    "  failed = \"red\";  # Default: \"green\".\n"
	    "};\n"
	    "clusters = ( {\n"
	    "  # The name.\n"
	    "  name = \"lab\";\n"
	    "  driver = \"sim\";  # Required.\n"
	    "} );\n", path, sizeof path);
	doc_check(d, path);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		if (strstr(d->report, want[i]) == NULL) {
			print_error("missing: %sin:\n%s", want[i], d->report);
			fail();
		}
	}
	doc_free(d);
	free(d);
	assert_int_equal(unlink(path), 0);
}

static void
test_sim_defaults(void **state)
{
	struct conf c;
	const struct conf_cluster *cl;

	(void)state;
	load_good(&c,
	    "clusters = ( { name = \"lab\"; driver = \"sim\"; } );\n");
	assert_int_equal(c.n_clusters, 1);
	cl = &c.clusters[0];
	assert_int_equal(cl->line, 1);
	assert_true(cl->sim_seed == 1);
	assert_false(cl->sim_calm);
	assert_int_equal(cl->sim_online_delay_ms, 3000);
	assert_int_equal(cl->sim_offline_delay_ms, 2000);
	assert_null(cl->sim_fail_start);
	assert_int_equal(cl->n_sim_fail_start, 0);
	assert_int_equal(cl->readonly, -1);
	assert_true(cl->refresh_s == 0);
	conf_free(&c);
}

static void
test_empty_file(void **state)
{
	struct conf c;

	(void)state;
	load_good(&c, "# nothing but a comment\n");
	assert_true(c.refresh_s == 1.0);
	assert_int_equal(c.n_clusters, 0);
	conf_free(&c);

	load_good(&c, "clusters = [ ];\nrefresh = 7;\n");
	assert_true(c.refresh_s == 7.0);
	assert_int_equal(c.n_clusters, 0);
	conf_free(&c);
}

static void
test_syntax_error(void **state)
{
	(void)state;
	expect_error(
	    "refresh = 2.0;\n"			/* 1 */
	    "readonly = ;\n",			/* 2 */
	    2, "syntax error");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"a\"; driver = \"sim\"; }\n"	/* 2 */
	    "  { name = \"b\"; driver = \"sim\"; }\n"	/* 3: no ',' */
	    ");\n",
	    3, "syntax error");
	/* libconfig's own check, reported the same way. */
	expect_error(
	    "refresh = 1;\n"			/* 1 */
	    "refresh = 2;\n",			/* 2 */
	    2, "duplicate setting name");
}

static void
test_unknown_top_key(void **state)
{
	(void)state;
	expect_error(
	    "refresh = 2.0;\n"			/* 1 */
	    "\n"				/* 2 */
	    "refesh = 3;\n",			/* 3 */
	    3, "unknown key 'refesh' (did you mean 'refresh'?)");
	expect_error(
	    "read_only = true;\n",		/* 1 */
	    1, "unknown key 'read_only' (did you mean 'readonly'?)");
	expect_error(
	    "colours = { };\n",			/* 1 */
	    1, "unknown key 'colours' (did you mean 'colors'?)");
	/* Nothing close: the known keys are listed instead. */
	expect_error(
	    "# a comment\n"			/* 1 */
	    "theme = \"dark\";\n",		/* 2 */
	    2, "unknown key 'theme'; known keys: refresh, readonly, "
	    "transition_timeout, audit_log, colors, clusters");
}

static void
test_unknown_cluster_key(void **state)
{
	(void)state;
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  {\n"				/* 2 */
	    "    name = \"prod\";\n"		/* 3 */
	    "    driver = \"pacemaker\";\n"	/* 4 */
	    "    nodez = [ \"db1\" ];\n"	/* 5 */
	    "  }\n"				/* 6 */
	    ");\n",
	    5, "unknown key 'nodez' in cluster 'prod' "
	    "(did you mean 'nodes'?)");
	/* Before its name is known (or when it is bad), and the name is
	 * missing too. */
	expect_errors(
	    "clusters = (\n"			/* 1 */
	    "  { prot = 22;\n"			/* 2 */
	    "    driver = \"sim\"; }\n"		/* 3 */
	    ");\n",
	    2, 2, "unknown key 'prot' in a cluster (did you mean 'port'?)");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"lab\"; driver = \"sim\";\n"	/* 2 */
	    "    sim = {\n"			/* 3 */
	    "      sed = 3;\n"			/* 4 */
	    "    };\n"				/* 5 */
	    "  }\n"				/* 6 */
	    ");\n",
	    4, "unknown key 'sed' in 'sim' of cluster 'lab' "
	    "(did you mean 'seed'?)");
}

static void
test_unknown_colors_key(void **state)
{
	(void)state;
	expect_error(
	    "colors = {\n"			/* 1 */
	    "  online = \"green\";\n"		/* 2 */
	    "  faild = \"red\";\n"		/* 3 */
	    "};\n",
	    3, "unknown key 'faild' in 'colors' (did you mean 'failed'?)");
	expect_error(
	    "colors = {\n"			/* 1 */
	    "  background = \"black\";\n"	/* 2 */
	    "};\n",
	    2, "unknown key 'background' in 'colors'; known keys: online, "
	    "offline, pending, failed, stale, paused");
}

static void
test_wrong_types(void **state)
{
	(void)state;
	expect_error(
	    "readonly = true;\n"		/* 1 */
	    "refresh = \"2s\";\n",		/* 2 */
	    2, "'refresh' must be a number of seconds");
	expect_error(
	    "readonly = 1;\n",			/* 1 */
	    1, "'readonly' must be true or false");
	expect_error(
	    "transition_timeout = 1.5;\n",	/* 1 */
	    1, "'transition_timeout' must be a whole number of seconds");
	expect_error(
	    "audit_log = 42;\n",		/* 1 */
	    1, "'audit_log' must be a string (a file path)");
	expect_error(
	    "audit_log = \"\";\n",		/* 1 */
	    1, "'audit_log' must not be empty");
	expect_error(
	    "colors = \"dark\";\n",		/* 1 */
	    1, "'colors' must be a group");
	expect_error(
	    "clusters = { name = \"x\"; };\n",	/* 1 */
	    1, "'clusters' must be a list of groups");
	/* libconfig dates a list's scalar entry by the token after it, so
	 * the ')' stays on the same line here. */
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  \"prod\" );\n",			/* 2 */
	    2, "each entry of 'clusters' must be a group");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = 7; driver = \"sim\"; }\n"	/* 2 */
	    ");\n",
	    2, "'name' must be a string");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\";\n"	/* 2 */
	    "    nodes = \"db1\"; }\n"		/* 3 */
	    ");\n",
	    3, "'nodes' must be a list of strings");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\";\n"	/* 2 */
	    "    nodes = ( \"db1\",\n"		/* 3 */
	    "              22 ); }\n"		/* 4 */
	    ");\n",
	    4, "each entry of 'nodes' must be a string");
	/* In an array, libconfig itself refuses the mix. */
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\";\n"	/* 2 */
	    "    nodes = [ \"db1\",\n"		/* 3 */
	    "              22 ]; }\n"		/* 4 */
	    ");\n",
	    4, "mismatched element type in array");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\"; nodes = [ \"db1\" ];\n"	/* 2 */
	    "    port = \"22\"; }\n"		/* 3 */
	    ");\n",
	    3, "'port' must be a whole number");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\"; nodes = [ \"db1\" ];\n"	/* 2 */
	    "    readonly = \"yes\"; }\n"	/* 3 */
	    ");\n",
	    3, "'readonly' must be true or false");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"l\"; driver = \"sim\";\n"	/* 2 */
	    "    sim = ( ); }\n"		/* 3 */
	    ");\n",
	    3, "'sim' must be a group");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"l\"; driver = \"sim\";\n"	/* 2 */
	    "    sim = { calm = 0; }; }\n"	/* 3 */
	    ");\n",
	    3, "'calm' must be true or false");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"l\"; driver = \"sim\";\n"	/* 2 */
	    "    sim = { seed = 1.5; }; }\n"	/* 3 */
	    ");\n",
	    3, "'seed' must be a whole number");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"l\"; driver = \"sim\"; sim = {\n"	/* 2 */
	    "    fail_start = \"web-ip\"; }; }\n"	/* 3 */
	    ");\n",
	    3, "'fail_start' must be a list of strings");
}

static void
test_out_of_range(void **state)
{
	(void)state;
	expect_error(
	    "refresh = 0.05;\n",		/* 1 */
	    1, "'refresh' must be 0.1 to 3600 seconds, not 0.05");
	expect_error(
	    "\n"				/* 1 */
	    "refresh = 3601;\n",		/* 2 */
	    2, "'refresh' must be 0.1 to 3600 seconds, not 3601");
	expect_error(
	    "refresh = -1;\n",			/* 1 */
	    1, "'refresh' must be 0.1 to 3600 seconds");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"l\"; driver = \"sim\";\n"	/* 2 */
	    "    refresh = 0; }\n"		/* 3 */
	    ");\n",
	    3, "'refresh' must be 0.1 to 3600 seconds, not 0");
	expect_error(
	    "transition_timeout = 0;\n",	/* 1 */
	    1, "'transition_timeout' must be 1 to 86400 seconds, not 0");
	expect_error(
	    "transition_timeout = 86401;\n",	/* 1 */
	    1, "'transition_timeout' must be 1 to 86400 seconds");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"l\"; driver = \"sim\"; sim = {\n"	/* 2 */
	    "    online_delay = 601; }; }\n"	/* 3 */
	    ");\n",
	    3, "'online_delay' must be 0 to 600 seconds, not 601");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"l\"; driver = \"sim\"; sim = {\n"	/* 2 */
	    "    offline_delay = -0.5; }; }\n"	/* 3 */
	    ");\n",
	    3, "'offline_delay' must be 0 to 600 seconds");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"l\"; driver = \"sim\"; sim = {\n"	/* 2 */
	    "    seed = -1; }; }\n"		/* 3 */
	    ");\n",
	    3, "'seed' must be 0 or more, not -1");
}

static void
test_bad_driver(void **state)
{
	(void)state;
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  {\n"				/* 2 */
	    "    name = \"prod\";\n"		/* 3 */
	    "    driver = \"corosync\";\n"	/* 4 */
	    "  }\n"				/* 5 */
	    ");\n",
	    4, "driver 'corosync' is not one of \"sim\", \"pacemaker\", "
	    "\"wsfc\"");
	/* The message never echoes control characters to the terminal. */
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"prod\"; driver = \"x\\x1b[2J\"; }\n"	/* 2 */
	    ");\n",
	    2, "driver 'x?[2J' is not one of");
	/* A typo is told the word it is closest to. */
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"prod\"; driver = \"pacemakr\"; }\n"	/* 2 */
	    ");\n",
	    2, "driver 'pacemakr' is not one of \"sim\", \"pacemaker\", "
	    "\"wsfc\" (did you mean \"pacemaker\"?)");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\"; nodes = [ \"db1\" ];\n"	/* 2 */
	    "    host_key_check = \"acept-new\"; }\n"	/* 3 */
	    ");\n",
	    3, "host_key_check 'acept-new' is not one of \"strict\", "
	    "\"ask\", \"accept-new\" (did you mean \"accept-new\"?)");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  {\n"				/* 2 */
	    "    name = \"prod\";\n"		/* 3 */
	    "  }\n"				/* 4 */
	    ");\n",
	    2, "cluster 'prod' needs a 'driver': one of \"sim\", "
	    "\"pacemaker\", \"wsfc\"");
}

/* Each vocabulary's words: the ones the example documents, one per enum
 * value, and the parser reads each back as its value. */
static void
test_words(void **state)
{
	static const char *const drivers[CONF_DRIVER_COUNT] = {
		[CONF_DRIVER_SIM] = "sim",
		[CONF_DRIVER_PACEMAKER] = "pacemaker",
		[CONF_DRIVER_WSFC] = "wsfc",
	};
	static const char *const checks[CONF_HOST_KEY_CHECK_COUNT] = {
		[CONF_HOST_KEY_CHECK_STRICT] = "strict",
		[CONF_HOST_KEY_CHECK_ASK] = "ask",
		[CONF_HOST_KEY_CHECK_ACCEPT_NEW] = "accept-new",
	};
	struct conf c;
	char text[256];
	int i;

	(void)state;
	for (i = 0; i < CONF_DRIVER_COUNT; i++) {
		assert_string_equal(conf_driver_word((enum conf_driver)i),
		    drivers[i]);
		snprintf(text, sizeof text, "clusters = ( { name = \"x\"; "
		    "driver = \"%s\";%s } );\n", drivers[i],
		    i == CONF_DRIVER_SIM ? "" : " nodes = [ \"n1\" ];");
		load_good(&c, text);
		assert_int_equal(c.clusters[0].driver, i);
		conf_free(&c);
	}
	for (i = 0; i < CONF_HOST_KEY_CHECK_COUNT; i++) {
		assert_string_equal(conf_host_key_check_word(
		    (enum conf_host_key_check)i), checks[i]);
		snprintf(text, sizeof text, "clusters = ( { name = \"x\"; "
		    "driver = \"pacemaker\"; nodes = [ \"db1\" ]; host_key_check = \"%s\"; } );\n",
		    checks[i]);
		load_good(&c, text);
		assert_int_equal(c.clusters[0].host_key_check, i);
		conf_free(&c);
	}
	assert_string_equal(conf_driver_word(CONF_DRIVER_COUNT), "unknown");
	assert_string_equal(conf_host_key_check_word(
	    CONF_HOST_KEY_CHECK_COUNT), "unknown");
}

static void
test_duplicate_name(void **state)
{
	struct conf c;
	char path[64], *err = NULL;

	(void)state;
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"prod\"; driver = \"sim\"; },\n"	/* 2 */
	    "  { name = \"lab\"; driver = \"sim\"; },\n"	/* 3 */
	    "  { name = \"prod\"; driver = \"pacemaker\"; nodes = [ \"db1\" ]; }\n"	/* 4 */
	    ");\n",
	    4, "cluster name 'prod' is already used on line 2");

	/* Against a cluster that was there before this file. */
	testdata_write_temp("clusters = (\n"
	    "  { name = \"demo\"; driver = \"sim\"; }\n"	/* 2 */
	    ");\n", path, sizeof path);
	conf_defaults(&c);
	conf_add_demo(&c, 1, false);
	assert_int_equal(conf_load(&c, path, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, ":2: cluster name 'demo' is already used"));
	assert_int_equal(c.n_clusters, 1);
	free(err);
	conf_free(&c);
	assert_int_equal(unlink(path), 0);
}

static void
test_missing_name(void **state)
{
	(void)state;
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"ok\"; driver = \"sim\"; },\n"	/* 2 */
	    "  {\n"				/* 3 */
	    "    driver = \"sim\";\n"		/* 4 */
	    "  }\n"				/* 5 */
	    ");\n",
	    3, "a cluster needs a 'name'");
}

static void
test_bad_name(void **state)
{
	(void)state;
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"my prod\"; driver = \"sim\"; }\n"	/* 2 */
	    ");\n",
	    2, "cluster name 'my prod' must be 1 to 64 letters, digits, "
	    "'.', '_' or '-'");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"\"; driver = \"sim\"; }\n"	/* 2 */
	    ");\n",
	    2, "'name' must not be empty");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { driver = \"sim\";\n"		/* 2 */
	    "    name = \"a23456789012345678901234567890123456789012345678"
	    "901234567890123456\"; }\n"		/* 3: 66 characters */
	    ");\n",
	    3, "cluster name 'a2345");
}

/* One node spec in a cluster of its own; NULL msg: it must be accepted. */
static void
check_node(const char *spec, const char *msg)
{
	char text[512], want[256];
	struct conf c;

	snprintf(text, sizeof text,
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\";\n"	/* 2 */
	    "    nodes = [ \"db0\",\n"		/* 3 */
	    "              \"%s\" ]; }\n"	/* 4 */
	    ");\n", spec);
	if (msg == NULL) {
		load_good(&c, text);
		assert_int_equal(c.clusters[0].n_nodes, 2);
		assert_string_equal(c.clusters[0].nodes[1], spec);
		conf_free(&c);
		return;
	}
	snprintf(want, sizeof want, "node '%s' in 'nodes': %s", spec, msg);
	expect_error(text, 4, want);
}

static void
test_node_specs(void **state)
{
	(void)state;
	check_node("db1", NULL);
	check_node("db1.example.com:22", NULL);
	check_node("hacluster@db1", NULL);
	check_node("ha_admin.2@db-1:65535", NULL);
	check_node("[fe80::1]", NULL);
	check_node("[2001:db8::1]:2222", NULL);
	check_node("admin@[::1]:1", NULL);
	check_node("192.0.2.7:22", NULL);

	check_node("db1:0", "port must be 1 to 65535");
	check_node("db1:65536", "port must be 1 to 65535");
	check_node("db1:22x", "port must be 1 to 65535");
	check_node("db1:000022", "port must be 1 to 65535");
	check_node("db1:", "has ':' but no port after it");
	check_node("fe80::1", "an IPv6 address needs brackets");
	check_node("[fe80::1", "has '[' without ']'");
	check_node("[fe80::1]22", "has something other than ':port'");
	check_node("[db1]:22", "brackets are for IPv6 addresses");
	check_node("a@b@db1", "has more than one '@'");
	check_node("-oProxyCommand=x", "the host may only hold");
	check_node("db 1", "the host may only hold");
	check_node("db1;reboot", "the host may only hold");
	check_node("@db1", "the user before '@' may only hold");
	check_node("-l@db1", "the user before '@' may only hold");
	check_node("root@", "has no host name");
	check_node(":22", "has no host name");
	check_node("", "has no host name");
}

static void
test_bad_ssh_settings(void **state)
{
	(void)state;
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\"; nodes = [ \"db1\" ];\n"	/* 2 */
	    "    host_key_check = \"no\"; }\n"	/* 3 */
	    ");\n",
	    3, "host_key_check 'no' is not one of \"strict\", \"ask\"");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\"; nodes = [ \"db1\" ];\n"	/* 2 */
	    "    connect_timeout = 0; }\n"	/* 3 */
	    ");\n",
	    3, "'connect_timeout'");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\"; nodes = [ \"db1\" ];\n"	/* 2 */
	    "    password_auth = \"yes\"; }\n"	/* 3 */
	    ");\n",
	    3, "'password_auth'");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\"; nodes = [ \"db1\" ];\n"	/* 2 */
	    "    known_host = \"/x\"; }\n"	/* 3 */
	    ");\n",
	    3, "unknown key 'known_host' in cluster 'p' (did you mean "
	    "'known_hosts'?)");
}

static void
test_bad_user_and_port(void **state)
{
	(void)state;
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\"; nodes = [ \"db1\" ];\n"	/* 2 */
	    "    port = 70000; }\n"		/* 3 */
	    ");\n",
	    3, "'port' must be 1 to 65535, not 70000");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\"; nodes = [ \"db1\" ];\n"	/* 2 */
	    "    port = 0; }\n"			/* 3 */
	    ");\n",
	    3, "'port' must be 1 to 65535, not 0");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\"; nodes = [ \"db1\" ];\n"	/* 2 */
	    "    user = \"-oProxyCommand=sh\"; }\n"	/* 3 */
	    ");\n",
	    3, "user '-oProxyCommand=sh' may only hold letters");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"p\"; driver = \"pacemaker\"; nodes = [ \"db1\" ];\n"	/* 2 */
	    "    user = \"root admin\"; }\n"	/* 3 */
	    ");\n",
	    3, "user 'root admin' may only hold letters");
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"l\"; driver = \"sim\"; sim = {\n"	/* 2 */
	    "    fail_start = [ \"web-ip\", \"has space\" ]; }; }\n"	/* 3 */
	    ");\n",
	    3, "resource 'has space' in 'fail_start'");
}

static void
test_bad_colour(void **state)
{
	(void)state;
	expect_error(
	    "colors = {\n"			/* 1 */
	    "  online = \"green\";\n"		/* 2 */
	    "  failed = \"orange\";\n"		/* 3 */
	    "};\n",
	    3, "colour 'orange' for 'failed' is not one of black, red, "
	    "green, yellow, blue, magenta, cyan, white, default, or a number "
	    "0 to 255");
	expect_error(
	    "colors = {\n"			/* 1 */
	    "  pending = 256;\n"		/* 2 */
	    "};\n",
	    2, "colour 256 for 'pending' is not a number 0 to 255");
	expect_error(
	    "colors = {\n"			/* 1 */
	    "  pending = -2;\n"			/* 2 */
	    "};\n",
	    2, "colour -2 for 'pending' is not a number 0 to 255");
	expect_error(
	    "colors = {\n"			/* 1 */
	    "  stale = true;\n"			/* 2 */
	    "};\n",
	    2, "'stale' must be a colour name");
}

static void
test_sim_on_pacemaker(void **state)
{
	(void)state;
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  {\n"				/* 2 */
	    "    name = \"prod\";\n"		/* 3 */
	    "    sim = { seed = 3; };\n"	/* 4 */
	    "    driver = \"pacemaker\"; nodes = [ \"db1\" ];\n"	/* 5 */
	    "  }\n"				/* 6 */
	    ");\n",
	    4, "'sim' is only for the simulator, and cluster 'prod' uses "
	    "driver \"pacemaker\"");
}

static void
test_missing_file(void **state)
{
	struct conf c;
	char want[512], *err = NULL;
	const char *path = "/nonexistent/ccon-test/ccon.conf";

	(void)state;
	conf_defaults(&c);
	errno = 0;
	assert_int_equal(conf_load(&c, path, &err), -1);
	assert_int_equal(errno, ENOENT);
	snprintf(want, sizeof want, "%s: cannot open: %s", path,
	    strerror(ENOENT));
	assert_string_equal(err, want);
	free(err);
	err = NULL;

	/* A directory is not a config file either. */
	assert_int_equal(conf_load(&c, "/tmp", &err), -1);
	snprintf(want, sizeof want, "/tmp: cannot open: %s", strerror(EISDIR));
	assert_string_equal(err, want);
	free(err);
	assert_null(c.path);
	conf_free(&c);
}

static void
test_include(void **state)
{
	struct conf c;
	char path[4096], part[4096], want[4200], *err = NULL;

	(void)state;
	data_path(path, sizeof path, "conf/include-main.conf");
	conf_defaults(&c);
	if (conf_load(&c, path, &err) != 0) {
		print_error("%s\n", err);
		fail();
	}
	assert_true(c.refresh_s == 3.0);
	assert_int_equal(c.n_clusters, 1);
	assert_string_equal(c.clusters[0].name, "included");
	conf_free(&c);

	/* An error in an included file names that file and its line. */
	data_path(path, sizeof path, "conf/include-bad.conf");
	data_path(part, sizeof part, "conf/include-bad-part.conf");
	conf_defaults(&c);
	assert_int_equal(conf_load(&c, path, &err), -1);
	snprintf(want, sizeof want, "%s:3: unknown key 'colours' "
	    "(did you mean 'colors'?)", part);
	assert_string_equal(err, want);
	assert_false(c.readonly);
	free(err);
	err = NULL;

	/* So does a syntax error in one, and a missing one. */
	data_path(path, sizeof path, "conf/include-syntax.conf");
	data_path(part, sizeof part, "conf/include-syntax-part.conf");
	assert_int_equal(conf_load(&c, path, &err), -1);
	snprintf(want, sizeof want, "%s:2: syntax error", part);
	assert_string_equal(err, want);
	free(err);
	err = NULL;
	data_path(path, sizeof path, "conf/include-missing.conf");
	assert_int_equal(conf_load(&c, path, &err), -1);
	snprintf(want, sizeof want, "%s:2: cannot open include file", path);
	assert_string_equal(err, want);
	free(err);
	conf_free(&c);
}

/* An @include of a directory ("", ".", an escaped "\.") is an error
 * with its line: libconfig 1.5 would exit the process on it. */
static void
test_include_directory(void **state)
{
	static const char *const bodies[] = {
		"refresh = 2.0;\n@include \"\"\n",
		"refresh = 2.0;\n  @include \".\"\n",
		"refresh = 2.0;\n@include \"\\.\"\n",
	};
	char path[64], want[128], *err;
	struct conf c;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		testdata_write_temp(bodies[i], path, sizeof path);
		err = NULL;
		conf_defaults(&c);
		assert_int_equal(conf_load(&c, path, &err), -1);
		snprintf(want, sizeof want, "%s:2: @include \"", path);
		if (err == NULL || strncmp(err, want, strlen(want)) != 0 ||
		    strstr(err, "is not a file (a directory)") == NULL)
			fail_msg("%s: %s", bodies[i], err ? err : "(none)");
		assert_true(c.refresh_s != 2.0);
		free(err);
		conf_free(&c);
		unlink(path);
	}
}

/* Writes n bytes (NULs too) to a new temporary file, its name in path. */
static void
write_temp_bytes(const char *bytes, size_t n, char *path, size_t sz)
{
	int fd;

	snprintf(path, sz, "/tmp/ccon-test-conf-bytes-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, bytes, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

/* A NUL byte is refused with its line: in an @include's name libconfig
 * would read a shorter name (the directory, and exit the process), and
 * nowhere is it text. Found by fuzzing. */
static void
test_nul_byte(void **state)
{
	static const char body[] = "refresh = 2.0;\n@include \"\0x.conf\";\n";
	char path[64], want[128], *err = NULL;
	struct conf c;

	(void)state;
	write_temp_bytes(body, sizeof body - 1, path, sizeof path);
	conf_defaults(&c);
	assert_int_equal(conf_load(&c, path, &err), -1);
	snprintf(want, sizeof want, "%s:2: a NUL byte: a configuration is "
	    "text", path);
	assert_string_equal(err, want);
	assert_true(c.refresh_s != 2.0);
	free(err);
	conf_free(&c);
	unlink(path);
}

/* A file that includes itself many times is looked at once per file,
 * not once per path through the includes (6 to the 10th here, minutes
 * of stat calls): libconfig then says how deep it went. Found by
 * fuzzing. */
static void
test_include_self_many(void **state)
{
	char path[64], *err = NULL;
	struct conf c;
	FILE *f;
	int i;

	(void)state;
	write_temp_bytes("", 0, path, sizeof path);
	f = fopen(path, "w");
	assert_non_null(f);
	for (i = 0; i < 6; i++)
		fprintf(f, "@include \"%s\"\n", strrchr(path, '/') + 1);
	assert_int_equal(fclose(f), 0);
	conf_defaults(&c);
	assert_int_equal(conf_load(&c, path, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "include file nesting too deep"));
	free(err);
	conf_free(&c);
	unlink(path);
}

static void
test_layering(void **state)
{
	struct conf c;
	char path1[64], path2[64], *err = NULL;

	(void)state;
	testdata_write_temp("refresh = 5;\n"
	    "audit_log = \"/a.log\";\n"
	    "colors = { failed = 9; };\n"
	    "clusters = ( { name = \"one\"; driver = \"sim\"; } );\n",
	    path1, sizeof path1);
	testdata_write_temp("readonly = true;\n"
	    "colors = { online = \"white\"; };\n"
	    "clusters = ( { name = \"two\"; driver = \"wsfc\"; nodes = [ \"w1\" ]; } );\n",
	    path2, sizeof path2);
	conf_defaults(&c);
	assert_int_equal(conf_load(&c, path1, &err), 0);
	assert_int_equal(conf_load(&c, path2, &err), 0);
	assert_null(err);
	/* The second file changes only what it gives. */
	assert_string_equal(c.path, path2);
	assert_true(c.refresh_s == 5.0);
	assert_true(c.readonly);
	assert_string_equal(c.audit_log, "/a.log");
	assert_int_equal(c.colors[COLOR_ROLE_FAILED], 9);
	assert_int_equal(c.colors[COLOR_ROLE_ONLINE], 7);
	assert_int_equal(c.colors[COLOR_ROLE_PENDING], 3);
	assert_int_equal(c.n_clusters, 2);
	assert_string_equal(c.clusters[0].name, "one");
	assert_string_equal(c.clusters[1].name, "two");

	/* Loading the first again fails (its cluster name is taken) and
	 * changes nothing, its good settings included. */
	assert_int_equal(conf_load(&c, path1, &err), -1);
	assert_non_null(strstr(err, ":4: cluster name 'one' is already used"));
	assert_string_equal(c.path, path2);
	assert_int_equal(c.n_clusters, 2);
	free(err);
	conf_free(&c);
	assert_int_equal(unlink(path1), 0);
	assert_int_equal(unlink(path2), 0);
}

static void
test_error_after_clusters_frees_them(void **state)
{
	(void)state;
	/* Half-built clusters with every kind of string are freed (the
	 * sanitizer and valgrind runs check this). */
	expect_error(
	    "clusters = (\n"			/* 1 */
	    "  { name = \"a\"; driver = \"pacemaker\"; user = \"u\";\n"	/* 2 */
	    "    identity = \"/k\"; nodes = [ \"db1\", \"db2\" ]; },\n"	/* 3 */
	    "  { name = \"b\"; driver = \"sim\"; sim = {\n"	/* 4 */
	    "    fail_start = [ \"x\" ]; }; bogus = 1; }\n"	/* 5 */
	    ");\n"				/* 6 */
	    "audit_log = \"/x\";\n",		/* 7 */
	    5, "unknown key 'bogus' in cluster 'b'");
	expect_error(
	    "audit_log = \"/x\";\n"		/* 1 */
	    "clusters = ( { name = \"a\"; driver = \"sim\"; } );\n"	/* 2 */
	    "refresh = 0;\n",			/* 3 */
	    3, "'refresh' must be 0.1 to 3600 seconds");
}

static void
test_readonly_override(void **state)
{
	struct conf c;

	(void)state;
	load_good(&c,
	    "readonly = true;\n"
	    "refresh = 4;\n"
	    "clusters = (\n"
	    "  { name = \"rw\"; driver = \"sim\"; readonly = false;"
	    " refresh = 0.5; },\n"
	    "  { name = \"ro\"; driver = \"sim\"; readonly = true; },\n"
	    "  { name = \"inherit\"; driver = \"sim\"; }\n"
	    ");\n");
	assert_false(conf_cluster_readonly(&c, &c.clusters[0]));
	assert_true(conf_cluster_readonly(&c, &c.clusters[1]));
	assert_true(conf_cluster_readonly(&c, &c.clusters[2]));
	assert_true(conf_cluster_refresh(&c, &c.clusters[0]) == 0.5);
	assert_true(conf_cluster_refresh(&c, &c.clusters[1]) == 4.0);

	c.readonly = false;
	assert_false(conf_cluster_readonly(&c, &c.clusters[0]));
	assert_true(conf_cluster_readonly(&c, &c.clusters[1]));
	assert_false(conf_cluster_readonly(&c, &c.clusters[2]));

	/* --readonly beats a cluster's own "readonly = false". */
	conf_force_readonly(&c);
	assert_true(c.readonly);
	assert_true(conf_cluster_readonly(&c, &c.clusters[0]));
	assert_true(conf_cluster_readonly(&c, &c.clusters[2]));
	conf_free(&c);
}

static void
test_tilde_paths(void **state)
{
	struct conf c;
	char *home = NULL;
	const char *old = getenv("HOME");

	(void)state;
	if (old != NULL)
		home = strdup(old);
	assert_int_equal(setenv("HOME", "/home/tester", 1), 0);
	load_good(&c,
	    "audit_log = \"~/logs/audit.log\";\n"
	    "clusters = ( { name = \"p\"; driver = \"pacemaker\"; nodes = [ \"db1\" ];"
	    " identity = \"~/.ssh/id_ed25519\"; } );\n");
	assert_string_equal(c.audit_log, "/home/tester/logs/audit.log");
	assert_string_equal(c.clusters[0].identity,
	    "/home/tester/.ssh/id_ed25519");
	conf_free(&c);
	if (home != NULL) {
		assert_int_equal(setenv("HOME", home, 1), 0);
		free(home);
	} else
		assert_int_equal(unsetenv("HOME"), 0);
}

/* Saves and restores the two variables conf_default_path reads. */
struct env_save {
	char *xdg, *home;
};

static int
env_setup(void **state)
{
	struct env_save *e = calloc(1, sizeof *e);
	const char *v;

	if (e == NULL)
		return -1;
	if ((v = getenv("XDG_CONFIG_HOME")) != NULL)
		e->xdg = strdup(v);
	if ((v = getenv("HOME")) != NULL)
		e->home = strdup(v);
	*state = e;
	return 0;
}

static int
env_teardown(void **state)
{
	struct env_save *e = *state;
	int rc = 0;

	if (e->xdg != NULL ? setenv("XDG_CONFIG_HOME", e->xdg, 1) :
	    unsetenv("XDG_CONFIG_HOME"))
		rc = -1;
	if (e->home != NULL ? setenv("HOME", e->home, 1) : unsetenv("HOME"))
		rc = -1;
	free(e->xdg);
	free(e->home);
	free(e);
	return rc;
}

static void
test_default_path_xdg(void **state)
{
	char *p;

	(void)state;
	assert_int_equal(setenv("XDG_CONFIG_HOME", "/xdg/conf", 1), 0);
	assert_int_equal(setenv("HOME", "/home/u", 1), 0);
	p = conf_default_path();
	assert_string_equal(p, "/xdg/conf/ccon/ccon.conf");
	free(p);
}

static void
test_default_path_home(void **state)
{
	char *p;

	(void)state;
	assert_int_equal(unsetenv("XDG_CONFIG_HOME"), 0);
	assert_int_equal(setenv("HOME", "/home/u", 1), 0);
	p = conf_default_path();
	assert_string_equal(p, "/home/u/.config/ccon/ccon.conf");
	free(p);

	/* A relative XDG_CONFIG_HOME is invalid (XDG spec): ignored. */
	assert_int_equal(setenv("XDG_CONFIG_HOME", "relative/conf", 1), 0);
	p = conf_default_path();
	assert_string_equal(p, "/home/u/.config/ccon/ccon.conf");
	free(p);

	assert_int_equal(unsetenv("XDG_CONFIG_HOME"), 0);
	assert_int_equal(unsetenv("HOME"), 0);
	assert_null(conf_default_path());
}

static void
test_add_demo(void **state)
{
	struct conf c;
	struct conf_cluster *cl, *again;

	(void)state;
	conf_defaults(&c);
	cl = conf_add_demo(&c, 77, true);
	assert_non_null(cl);
	assert_int_equal(c.n_clusters, 1);
	assert_ptr_equal(cl, &c.clusters[0]);
	assert_string_equal(cl->name, "demo");
	assert_int_equal(cl->driver, CONF_DRIVER_SIM);
	assert_int_equal(cl->line, 0);
	assert_true(cl->sim_seed == 77);
	assert_true(cl->sim_calm);
	assert_int_equal(cl->sim_online_delay_ms, 3000);
	assert_int_equal(cl->sim_offline_delay_ms, 2000);
	assert_int_equal(cl->n_sim_fail_start, 0);
	assert_int_equal(cl->readonly, -1);
	assert_int_equal(cl->n_nodes, 0);

	/* A second call finds the same cluster and sets its settings. */
	again = conf_add_demo(&c, 5, false);
	assert_ptr_equal(again, &c.clusters[0]);
	assert_int_equal(c.n_clusters, 1);
	assert_true(again->sim_seed == 5);
	assert_false(again->sim_calm);
	conf_free(&c);

	/* A "demo" from a file keeps its other settings. */
	load_good(&c,
	    "clusters = (\n"
	    "  { name = \"lab\"; driver = \"sim\"; },\n"
	    "  { name = \"demo\"; driver = \"sim\"; sim = { seed = 3;"
	    " online_delay = 1; }; }\n"
	    ");\n");
	cl = conf_add_demo(&c, 8, true);
	assert_int_equal(c.n_clusters, 2);
	assert_ptr_equal(cl, &c.clusters[1]);
	assert_true(cl->sim_seed == 8);
	assert_true(cl->sim_calm);
	assert_int_equal(cl->sim_online_delay_ms, 1000);
	assert_int_equal(cl->line, 3);
	conf_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_defaults_from_one_place),
		cmocka_unit_test(test_schema_tables),
		cmocka_unit_test(test_full_file),
		cmocka_unit_test(test_example_loads),
		cmocka_unit_test(test_example_documents_every_key),
		cmocka_unit_test(test_example_check_catches),
		cmocka_unit_test(test_sim_defaults),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_unknown_top_key),
		cmocka_unit_test(test_unknown_cluster_key),
		cmocka_unit_test(test_unknown_colors_key),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_out_of_range),
		cmocka_unit_test(test_bad_driver),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_duplicate_name),
		cmocka_unit_test(test_missing_name),
		cmocka_unit_test(test_bad_name),
		cmocka_unit_test(test_node_specs),
		cmocka_unit_test(test_bad_user_and_port),
		cmocka_unit_test(test_bad_ssh_settings),
		cmocka_unit_test(test_bad_colour),
		cmocka_unit_test(test_sim_on_pacemaker),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_include),
		cmocka_unit_test(test_include_directory),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_include_self_many),
		cmocka_unit_test(test_layering),
		cmocka_unit_test(test_error_after_clusters_frees_them),
		cmocka_unit_test(test_readonly_override),
		cmocka_unit_test(test_tilde_paths),
		cmocka_unit_test_setup_teardown(test_default_path_xdg,
		    env_setup, env_teardown),
		cmocka_unit_test_setup_teardown(test_default_path_home,
		    env_setup, env_teardown),
		cmocka_unit_test(test_add_demo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
