/* One snapshot printed for scripts and checks: JSON in the schema that
 * docs/json-output.md describes, or plain text for people. */
#ifndef CCON_REPORT_H
#define CCON_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "backend/core/model.h"

/* Each returns 0, or -1 if writing failed (errno set). age_ms is how
 * old the data is, by its own time where it has one (views/health.c's
 * age: now - last_ok_ms + data_age_ms of cluster_status); negative when
 * not known (JSON null). */
int report_json(FILE *out, const struct snapshot *s, bool stale,
		int64_t age_ms);
/* Text: on a terminal its lines fit the terminal's width (TIOCGWINSZ,
 * else $COLUMNS, else 80); into a pipe or a file nothing is cut. */
int report_text(FILE *out, const struct snapshot *s, bool stale);
/* The text at a width of cols columns (0: no limit, nothing cut). */
int report_text_width(FILE *out, const struct snapshot *s, bool stale,
		      unsigned cols);
/* When no snapshot could be had: the cluster and why, as the JSON
 * object docs/json-output.md gives for it. The message is written as
 * given: the caller sanitizes it as for its stderr. */
int report_json_error(FILE *out, const char *cluster, const char *message);

#endif
