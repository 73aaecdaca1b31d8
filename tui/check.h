/* ccon --check: one cluster as a monitoring plugin sees it, in the
 * convention of Nagios, Icinga and the Monitoring Plugins: one line
 * "CCON STATUS - text | perfdata" and the exit code 0 OK, 1 WARNING,
 * 2 CRITICAL, 3 UNKNOWN. The verdict starts from views/health.c's
 * summary (failed, quorum, reach, pending), the one notion of a
 * cluster's health, and adds what a plugin is asked about beside it:
 * nodes down or unclean (CRITICAL), standby, pinned, maintenance
 * (as the policy says), joining nodes and resources stopped without
 * being meant to (WARNING). Pure: no clock, no I/O. */
#ifndef CCON_CHECK_H
#define CCON_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "conf/conf.h"
#include "views/health.h"

enum check_status {
	CHECK_OK = 0,
	CHECK_WARNING = 1,
	CHECK_CRITICAL = 2,
	CHECK_UNKNOWN = 3,
};

/* The conditions an operator weighs (--warn-on, check = { ... }). */
enum check_cond {
	CHECK_COND_STANDBY,
	CHECK_COND_PINNED,
	CHECK_COND_MAINTENANCE,
	CHECK_COND_COUNT
};

struct check_policy {
	uint64_t pending_ms;          /* pending longer: WARNING; 0: any */
	enum check_status level[CHECK_COND_COUNT];      /* OK..CRITICAL */
};

/* The word of a condition, as --warn-on and the configuration's check
 * group spell it: "standby", "pinned", "maintenance". */
const char *check_cond_word(enum check_cond c);

/* The policy of the configuration (check = { ... }). */
void check_policy_from_conf(const struct conf *c, struct check_policy *p);

/* --warn-on LIST: the conditions named (comma-separated words of
 * check_cond_word, or "none") as bits 1u << cond into *bits. Returns 0,
 * or -1 with *bad pointing at the word that is none (not
 * NUL-terminated: its length is *bad_len). */
int check_parse_warn_on(const char *list, unsigned *bits, const char **bad,
			size_t *bad_len);
/* What --warn-on asks: the conditions in bits WARNING, the others OK. */
void check_policy_warn_on(struct check_policy *p, unsigned bits);

/* The whole first line of the plugin's output without its newline:
 * status, text (at most a few names of each kind, "+N more"), perfdata.
 * Nothing of the cluster reaches it unsanitized, nor a '|' or a line
 * break. */
#define CHECK_LINE_MAX 2048

struct check_verdict {
	enum check_status status;
	char line[CHECK_LINE_MAX];
};

/* The verdict on what the loop knows of one cluster (health.h's input:
 * snap and st may be NULL, now_ms is the cluster's clock). */
void check_judge(const struct health_input *in, const struct check_policy *p,
		 struct check_verdict *out);

/* The line of a check that could not look at all (a usage or
 * configuration error): UNKNOWN with why, sanitized. */
void check_unknown(const char *why, struct check_verdict *out);

/* "OK", "WARNING", "CRITICAL", "UNKNOWN". */
const char *check_status_word(enum check_status s);

#endif
