/* One snapshot printed for scripts and checks: JSON in the schema that
 * docs/json-output.md describes, or plain text for people. */
#ifndef CCON_REPORT_H
#define CCON_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "backend/core/model.h"

/* Returns 0, or -1 if writing failed (errno set). */
int report_json(FILE *out, const struct snapshot *s, bool stale);
/* Text: on a terminal its lines fit the terminal's width (TIOCGWINSZ,
 * else $COLUMNS, else 80); into a pipe or a file nothing is cut. */
int report_text(FILE *out, const struct snapshot *s, bool stale);
/* The text at a width of cols columns (0: no limit, nothing cut). */
int report_text_width(FILE *out, const struct snapshot *s, bool stale,
		      unsigned cols);

#endif
