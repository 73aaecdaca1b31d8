/* The detail pane ("why did it fail"): a scrollable box over the body,
 * like the help, showing what the snapshot says of one object
 * (detail_from_snapshot, rebuilt from every new snapshot) followed by
 * what its driver says (the answer of cluster_detail_ask, asked again by
 * the loop when the snapshot moves). The pane holds both parts and the
 * scroll position; it never asks anything itself, so that it can be
 * tested without a cluster and the loop keeps the worker calls. */
#ifndef CCON_VIEWS_DETAIL_H
#define CCON_VIEWS_DETAIL_H

#include <stdbool.h>
#include <stdint.h>

#include <curses.h>

#include "backend/core/detail.h"
#include "backend/core/model.h"
#include "tui/widgets/theme.h"
#include "tui/widgets/tone.h"
#include "views/rows.h"

struct detail_pane {
	struct detail_ask ask;
	char title[ACTION_ID_MAX + 32];  /* "resource web-ip" */
	struct detail snap_part;        /* from the snapshot */
	uint64_t snap_gen;              /* the snapshot it was built from */
	bool gone;                      /* the object left the snapshot */
	struct detail drv_part;         /* the driver's answer, kept while a
					 * newer one is asked */
	bool have_drv;                  /* an answer came */
	bool loading;                   /* an ask is out */
	char drv_error[320];            /* why the driver said nothing */
	uint64_t ticket;                /* of the ask out, 0: none */
	int top;                        /* first screen line shown */
	int page;                       /* screen lines shown, at last draw */
	int total;                      /* screen lines in all, at last draw */
};

/* The ask for a display row of s (a group, a resource instance or a
 * node); false for a row that is no cluster object. */
bool detail_pane_ask_for(const struct snapshot *s, const struct row *r,
			 struct detail_ask *out);
/* Empties p and opens it on q (scrolled to the top). */
void detail_pane_open(struct detail_pane *p, const struct detail_ask *q);
/* Rebuilds the snapshot part when gen is not the one it was built from;
 * returns whether it did (the loop then asks the driver again). */
bool detail_pane_sync(struct detail_pane *p, const struct snapshot *s,
		      uint64_t gen);
/* The driver's answer: *drv (taken over, emptied) or err (copied). */
void detail_pane_answer(struct detail_pane *p, struct detail *drv,
			const char *err);
/* Scrolls (Up, Down, PgUp, PgDn, Home, End, j, k, g, G) or closes (Esc,
 * q: VIEW_CLOSE). Returns VIEW_* bits. */
int detail_pane_key(struct detail_pane *p, int ch);
/* Draws the pane over w. */
void detail_pane_draw(WINDOW *w, const struct theme *th,
		      struct detail_pane *p);
/* The tone a detail line is shown in. */
enum tone detail_pane_tone(enum detail_tone t);
void detail_pane_free(struct detail_pane *p);

#endif
