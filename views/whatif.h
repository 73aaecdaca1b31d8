/* A preview (backend/core/preview.h) in lines for people: under the
 * question of the confirm dialog, and for `ccon --once --what-if`. What
 * the request itself names comes first ("stops: web-ip, web-fs on
 * alpha"), then what it pulls in by order, colocation or membership
 * ("also stops: ..."). Pure: no curses, no I/O. */
#ifndef CCON_WHATIF_H
#define CCON_WHATIF_H

#include <stddef.h>

#include "backend/core/action.h"
#include "backend/core/model.h"
#include "backend/core/preview.h"

#define WHATIF_LINE 256

/* Fills up to max lines of out; returns how many. s is the state the
 * request was made on (for what the target holds); it may be NULL. A
 * preview without a change gives "nothing changes". A line too long for
 * WHATIF_LINE ends "and N more". */
size_t whatif_lines(const struct preview *p, const struct snapshot *s,
		    const struct action *a, char (*out)[WHATIF_LINE],
		    size_t max);

#endif
