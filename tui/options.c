/* The command line's table; see options.h. */
#include "tui/options.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tui/commit.h"
#include "tui/check.h"
#include "views/keys.h"

#define EXIT_USAGE 2
#define EXIT_CHECK_USAGE CHECK_UNKNOWN
/* Where --help starts an option's words, and where it wraps them. */
#define HELP_COL 21
#define HELP_WIDTH 78

const struct opt_row opt_table[] = {
	{ OPT_DEMO, "demo", 0, NULL,
	  "run on the embedded cluster simulator" },
	{ OPT_SEED, "seed", 0, "N",
	  "simulator seed, for a reproducible run (with --demo)" },
	{ OPT_CALM, "calm", 0, NULL,
	  "no spontaneous failures or pauses in the simulator" },
	{ OPT_CLUSTER, "cluster", 'c', "NAME",
	  "only this cluster from the configuration" },
	{ OPT_READONLY, "readonly", 0, NULL,
	  "monitoring only: no action reaches any cluster" },
	{ OPT_CONFIG, "config", 0, "FILE",
	  "configuration file (default: $XDG_CONFIG_HOME/ccon/ccon.conf)" },
	{ OPT_LOCAL, "local", 0, NULL,
	  "run the cluster tools on this machine (on a cluster node), not "
	  "over SSH" },
	{ OPT_INPUT, "input", 0, "FILE",
	  "show a saved crm_mon --output-as=xml file or WSFC capture "
	  "(read-only)" },
	{ OPT_ONCE, "once", 0, NULL, "print one snapshot and exit" },
	{ OPT_OUTPUT, "output", 0, "FORMAT",
	  "with --once: text (default) or json" },
	{ OPT_WHAT_IF, "what-if", 0, "ACTION:TARGET[:NODE]",
	  "with --once: what a request would do, changing nothing "
	  "(offline:web, move:web:bravo, move:web to the best node, "
	  "pause:alpha)" },
	{ OPT_CHECK, "check", 0, NULL,
	  "look at one cluster as a monitoring plugin does (Nagios, "
	  "Icinga): one line of status, text and performance data; exit 0 "
	  "OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also for a usage error)" },
	{ OPT_WARN_PENDING, "warn-pending", 0, "SECONDS",
	  "with --check: WARNING when a resource has been pending longer "
	  "than this; 0 warns at any pending state (default: the "
	  "configuration's check.pending, 60)" },
	{ OPT_WARN_ON, "warn-on", 0, "LIST",
	  "with --check: which of standby, pinned and maintenance are a "
	  "WARNING, comma-separated, or none; the others are OK (default: "
	  "the configuration's check group, all three)" },
	{ OPT_LIST_CLUSTERS, "list-clusters", 0, NULL,
	  "print the configured clusters' names, one a line, and exit (for "
	  "shell completion)" },
	{ OPT_HELP, "help", 'h', NULL, "this help" },
	{ OPT_VERSION, "version", 'V', NULL,
	  "the version and the commit it was built from" },
};
const size_t opt_count = sizeof opt_table / sizeof opt_table[0];

const struct opt_rule opt_rules[] = {
	{ OPT_SEED, OPT_DEMO, true, "--seed goes with --demo" },
	{ OPT_CALM, OPT_DEMO, true, "--calm goes with --demo" },
	{ OPT_WARN_PENDING, OPT_CHECK, true, "--warn-pending goes with --check" },
	{ OPT_WARN_ON, OPT_CHECK, true, "--warn-on goes with --check" },
	{ OPT_CHECK, OPT_ONCE, false,
	  "--check prints its own line; it does not go with --once" },
	{ OPT_CHECK, OPT_OUTPUT, false,
	  "--check prints its own line; it does not go with --output" },
	{ OPT_CHECK, OPT_WHAT_IF, false,
	  "--check only looks; it does not go with --what-if" },
	{ OPT_WHAT_IF, OPT_ONCE, true, "--what-if goes with --once" },
	{ OPT_OUTPUT, OPT_ONCE, true, "--output goes with --once" },
	{ OPT_DEMO, OPT_CLUSTER, false,
	  "--demo runs the simulator; it does not go with -c, which picks "
	  "a configured cluster" },
	{ OPT_DEMO, OPT_LOCAL, false,
	  "--demo runs the simulator; it does not go with --local, which "
	  "runs a cluster's own tools" },
	{ OPT_INPUT, OPT_DEMO, false,
	  "--input shows a file; it does not go with --demo" },
	{ OPT_INPUT, OPT_CLUSTER, false,
	  "--input shows a file; it does not go with -c" },
	{ OPT_INPUT, OPT_LOCAL, false,
	  "--input shows a file; it does not go with --local" },
};
const size_t opt_rule_count = sizeof opt_rules / sizeof opt_rules[0];

const char *
options_names(const struct opt_row *r, char *buf, size_t sz)
{
	char shortname[8] = "";

	if (r->short_name != 0)
		snprintf(shortname, sizeof shortname, "-%c, ", r->short_name);
	snprintf(buf, sz, "%s--%s%s%s", shortname, r->name,
		 r->arg != NULL ? " " : "", r->arg != NULL ? r->arg : "");
	return buf;
}

/* The words of one option from HELP_COL, wrapped at HELP_WIDTH. */
static int
usage_row(FILE *out, const struct opt_row *r)
{
	char names[64];
	const char *p = r->help;
	int col;

	options_names(r, names, sizeof names);
	col = fprintf(out, "  %s", names);
	if (col < 0)
		return -1;
	if (col >= HELP_COL - 1) {
		if (fputc('\n', out) == EOF)
			return -1;
		col = 0;
	}
	while (*p != '\0') {
		size_t room = HELP_WIDTH - HELP_COL, n = strlen(p);

		if (n > room) {
			n = room;
			while (n > 0 && p[n] != ' ')
				n--;
			if (n == 0)
				n = room;
		}
		if (fprintf(out, "%*s%.*s\n", HELP_COL - col, "", (int)n, p) < 0)
			return -1;
		col = 0;
		p += n;
		while (*p == ' ')
			p++;
	}
	return 0;
}

int
options_usage(FILE *out)
{
	size_t i;

	if (fputs("usage: ccon [options]\n"
		  "A console for high-availability clusters (Pacemaker, "
		  "Windows failover).\n\n", out) == EOF)
		return -1;
	for (i = 0; i < opt_count; i++)
		if (usage_row(out, &opt_table[i]) != 0)
			return -1;
	return fputc('\n', out) == EOF ? -1 : 0;
}

static const struct opt_row *
row_of(enum opt_id id)
{
	size_t i;

	for (i = 0; i < opt_count; i++)
		if (opt_table[i].id == id)
			return &opt_table[i];
	return NULL;
}

static int usage_error(int *code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The last usage error, for options_error. */
static char last_error[256];

/* One line on stderr, and where to read more. */
static int
usage_error(int *code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof last_error, fmt, ap);
	va_end(ap);
	fprintf(stderr, "ccon: %s; try ccon --help\n", last_error);
	*code = EXIT_USAGE;
	return -1;
}

const char *
options_error(void)
{
	return last_error;
}

static int
parse_seed(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-')
		return -1;
	*out = v;
	return 0;
}

/* Seconds as the configuration writes them: whole or not, 0 to 86400. */
static int
parse_seconds(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(v >= 0 && v <= 86400))
		return -1;
	*out = v;
	return 0;
}

/* The option's value into *o: 0, or -1 for a bad value. */
static int
take(struct options *o, enum opt_id id, const char *arg, int *code)
{
	const char *bad;
	size_t bad_len;

	switch (id) {
	case OPT_DEMO: o->demo = true; break;
	case OPT_CALM: o->calm = true; break;
	case OPT_READONLY: o->readonly = true; break;
	case OPT_ONCE: o->once = true; break;
	case OPT_LOCAL: o->local = true; break;
	case OPT_INPUT: o->input = arg; break;
	case OPT_CONFIG: o->config = arg; break;
	case OPT_CLUSTER: o->cluster = arg; break;
	case OPT_WHAT_IF: o->what_if = arg; break;
	case OPT_CHECK: o->check = true; break;
	case OPT_WARN_PENDING:
		if (parse_seconds(arg, &o->warn_pending) != 0)
			return usage_error(code, "--warn-pending wants seconds, "
			    "0 to 86400, not '%s'", arg);
		break;
	case OPT_WARN_ON:
		if (check_parse_warn_on(arg, &o->warn_on, &bad, &bad_len) != 0)
			return usage_error(code, "--warn-on takes standby, "
			    "pinned, maintenance or none, not '%.*s'",
			    (int)bad_len, bad);
		break;
	case OPT_SEED:
		if (parse_seed(arg, &o->seed) != 0)
			return usage_error(code, "--seed wants a whole number "
			    ">= 0, not '%s'", arg);
		break;
	case OPT_OUTPUT:
		if (strcmp(arg, "text") != 0 && strcmp(arg, "json") != 0)
			return usage_error(code, "--output is text or json, "
			    "not '%s'", arg);
		o->output = arg;
		break;
	case OPT_HELP:
		/* The keys from the same table as the console's help. */
		*code = options_usage(stdout) == 0 && keys_usage(stdout) == 0 ?
		    0 : 1;
		return -1;
	case OPT_VERSION:
		printf("ccon %s (%s)\n", CCON_VERSION, ccon_git_commit);
		*code = 0;
		return -1;
	case OPT_LIST_CLUSTERS: /* main prints them, once it has read the file */
	case OPT_COUNT:
		break;
	}
	return 0;
}

/* The option getopt did not take: a short one by its letter (it may
 * be one of several after one dash), a long one by its row or as typed. */
static const char *
offending(char **argv, int ind, int opt, char *buf, size_t sz)
{
	const struct opt_row *r;

	if (opt >= 256 && (r = row_of((enum opt_id)(opt - 256))) != NULL) {
		snprintf(buf, sz, "--%s", r->name);
		return buf;
	}
	if (opt > 0 && opt < 256) {
		snprintf(buf, sz, "-%c", opt);
		return buf;
	}
	return argv[ind - 1];
}

static int
parse(int argc, char **argv, struct options *o, int *code)
{
	struct option longopts[OPT_COUNT + 1];
	char shorts[2 * OPT_COUNT + 2], bad[64];
	size_t i, k = 0, n_short = 0;
	int ch;

	memset(o, 0, sizeof(*o));
	memset(longopts, 0, sizeof longopts);
	o->output = "text";
	/* ':' first: a missing argument is told from an unknown option. */
	shorts[n_short++] = ':';
	for (i = 0; i < opt_count; i++) {
		const struct opt_row *r = &opt_table[i];

		longopts[k++] = (struct option){ r->name, r->arg != NULL ?
		    required_argument : no_argument, NULL, 256 + (int)r->id };
		if (r->short_name != 0) {
			shorts[n_short++] = r->short_name;
			if (r->arg != NULL)
				shorts[n_short++] = ':';
		}
	}
	shorts[n_short] = '\0';
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shorts, longopts, NULL)) != -1) {
		const struct opt_row *r = NULL;

		if (ch == '?')
			return usage_error(code, "unknown option '%s'",
			    offending(argv, optind, optopt, bad, sizeof bad));
		if (ch == ':')
			return usage_error(code, "%s wants a value",
			    offending(argv, optind, optopt, bad, sizeof bad));
		if (ch >= 256)
			r = row_of((enum opt_id)(ch - 256));
		else
			for (i = 0; i < opt_count && r == NULL; i++)
				if (opt_table[i].short_name == ch)
					r = &opt_table[i];
		if (r == NULL)
			return usage_error(code, "unknown option '%s'",
			    argv[optind - 1]);
		o->given[r->id] = true;
		if (take(o, r->id, optarg, code) != 0)
			return -1;
	}
	if (optind < argc)
		return usage_error(code, "unexpected argument '%s'",
		    argv[optind]);
	for (i = 0; i < opt_rule_count; i++) {
		const struct opt_rule *u = &opt_rules[i];

		if (o->given[u->opt] && o->given[u->other] != u->needs)
			return usage_error(code, "%s", u->why);
	}
	return 0;
}

/* Whether arg is --check as getopt_long takes it: whole, or cut to a
 * prefix no other option shares. */
static bool
is_check(const char *arg)
{
	size_t len, i, n = 0;

	if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
		return false;
	arg += 2;
	len = strcspn(arg, "=");
	if (strncmp(arg, "check", len) != 0 || len > strlen("check"))
		return false;
	for (i = 0; i < opt_count; i++)
		if (strncmp(opt_table[i].name, arg, len) == 0)
			n++;
	return n == 1 || len == strlen("check");
}

int
options_parse(int argc, char **argv, struct options *o, int *code)
{
	int i;

	if (parse(argc, argv, o, code) == 0)
		return 0;
	/* A monitoring plugin's usage error is UNKNOWN: with --check
	 * anywhere before "--", a wrong command line says 3, not 2, so
	 * that the monitoring shows it as what it is. */
	for (i = 1; *code == EXIT_USAGE && i < argc &&
	    strcmp(argv[i], "--") != 0; i++)
		if (is_check(argv[i]))
			*code = EXIT_CHECK_USAGE;
	return -1;
}
