/* ccon_mangen, the build's generator of the manual pages (ccon.1,
 * ccon.conf.5) and the shell completions (bash, zsh) from the tables
 * that drive the program: the options (tui/options.c), the keys
 * (views/keys.c) and the configuration's schema (conf/schema.c). A row
 * added there is documented and completed without more work. */
#ifndef CCON_MANGEN_H
#define CCON_MANGEN_H

#include <stdio.h>

#include "tui/roff.h"

/* The row of an option, or NULL. */
const struct opt_row *mangen_row(enum opt_id id);

void mangen_ccon1(FILE *out);
void mangen_conf5(FILE *out);
void mangen_bash(FILE *out);
void mangen_zsh(FILE *out);

#endif
