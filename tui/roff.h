/* Text for man(7) pages in roff, as ccon_mangen (tui/mangen.h) writes
 * them from the tables: escaped so that a table's words never read as
 * requests or escapes. */
#ifndef CCON_ROFF_H
#define CCON_ROFF_H

#include <stdbool.h>
#include <stdio.h>

#include "tui/options.h"

/* s as roff text: '\\' as \e, '-' as \-, '"' as \(dq, and a '.' or
 * '\'' that would start a line (a request) guarded by \&. line_start
 * says whether s begins a line. */
void roff_text(FILE *out, const char *s, bool line_start);
/* A sentence of a table's help ("run the simulator"): capitalized, with
 * a full stop, and the end of the line. */
void roff_sentence(FILE *out, const char *s);
/* "\fB\-c\fR, \fB\-\-cluster\fR \fINAME\fR" of r. */
void roff_option(FILE *out, const struct opt_row *r);

#endif
