/* `ccon --once --what-if ACTION:TARGET[:NODE]`: what a request would do,
 * asked of the cluster as the console's confirm dialog asks it (a dry
 * run: nothing changes; read-only clusters refuse before anything runs),
 * printed as text or as JSON (docs/json-output.md). */
#ifndef CCON_WHATIF_REPORT_H
#define CCON_WHATIF_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "backend/core/action.h"
#include "backend/core/cluster.h"

/* Splits "offline:web", "move:web:bravo", "ban:ping:alpha",
 * "pause:alpha" into what whatif_run needs. Returns 0, or -1 with *err
 * (caller frees) saying what is wrong. */
int whatif_parse(const char *spec, enum action_kind *kind, char **target,
		 char **node, char **err);

/* Asks c (no worker running) and prints the answer. Returns the exit
 * status: 0 a preview was printed, 1 there is none (refused, failed,
 * read-only, no data). */
int whatif_run(struct cluster *c, enum action_kind kind, const char *target,
	       const char *node, bool json, FILE *out);

#endif
