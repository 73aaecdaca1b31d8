/* The interactive console: owns the terminal (ncurses), starts the cluster
 * workers, and runs the poll loop until the operator quits. */
#ifndef CCON_APP_H
#define CCON_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "backend/core/cluster.h"
#include "backend/core/prompt.h"
#include "conf/conf.h"

struct app_options {
	const int *colors;        /* COLOR_ROLE_COUNT entries (conf.h) */
	bool no_color;            /* NO_COLOR set: bold/underline/reverse only */
	const char *audit_path;   /* shown in the help screen, may be NULL */
	struct prompt *prompt;    /* the workers' questions; may be NULL */
	bool key_bar;             /* the key bar above the status line */
	bool mouse;               /* clicks and the wheel */
};

/* Runs until `q`. The clusters stay owned by the caller; app_run starts
 * their workers and stops them before returning. Returns 0, or -1 with
 * *err (caller frees) when the terminal could not be set up. */
int app_run(struct cluster *const *clusters, size_t n,
	    const struct app_options *o, char **err);

#endif
