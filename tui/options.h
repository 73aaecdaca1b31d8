/* ccon's command-line options: one table that parses them, checks which
 * go together, and writes --help (and, from the same rows, the man page
 * and the shell completions). */
#ifndef CCON_OPTIONS_H
#define CCON_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum opt_id {
	OPT_DEMO, OPT_SEED, OPT_CALM, OPT_CLUSTER, OPT_READONLY, OPT_CONFIG,
	OPT_LOCAL, OPT_INPUT, OPT_ONCE, OPT_OUTPUT, OPT_WHAT_IF, OPT_CHECK,
	OPT_WARN_PENDING, OPT_WARN_ON, OPT_HELP, OPT_VERSION,
	OPT_LIST_CLUSTERS,
	OPT_COUNT
};

struct opt_row {
	enum opt_id id;
	const char *name;        /* the long name, without "--" */
	char short_name;         /* 'c', or 0 */
	const char *arg;         /* the argument's name ("FILE"), or NULL */
	const char *help;        /* what it does, one sentence or two */
};

/* A pair of options that must come together, or must not. */
struct opt_rule {
	enum opt_id opt, other;
	bool needs;              /* opt needs other; else refuses it */
	const char *why;         /* said after "ccon: " */
};

extern const struct opt_row opt_table[];
extern const size_t opt_count;
extern const struct opt_rule opt_rules[];
extern const size_t opt_rule_count;

/* What the options asked for. */
struct options {
	bool given[OPT_COUNT];
	bool demo, calm, readonly, once, local;
	const char *input;
	uint64_t seed;
	const char *config;
	const char *cluster;
	const char *output;       /* "text" or "json" */
	const char *what_if;      /* ACTION:TARGET[:NODE], with --once */
	bool check;               /* --check: a monitoring plugin's line */
	double warn_pending;      /* seconds, when given */
	unsigned warn_on;         /* 1u << enum check_cond, when given */
};

/* Parses argv into *o. Returns 0 to go on, or -1 to exit with *code:
 * after --help or --version (0), or a usage error said on stderr in one
 * line with "try ccon --help" (2; 3, UNKNOWN, when --check is among the
 * arguments, as a monitoring plugin's usage error is). */
int options_parse(int argc, char **argv, struct options *o, int *code);

/* What the last usage error of options_parse said (without "ccon: "
 * and the pointer to --help), or "". */
const char *options_error(void);

/* "--name ARG" or "-c, --name ARG" of r, in buf. */
const char *options_names(const struct opt_row *r, char *buf, size_t sz);

/* The usage and options part of --help. Returns 0, or -1 when writing
 * failed. */
int options_usage(FILE *out);

#endif
