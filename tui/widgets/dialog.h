/* Boxes over the body: the frame every dialog is drawn in, the one-line
 * confirm dialog, and the chooser (a list to pick one entry from). */
#ifndef CCON_WIDGETS_DIALOG_H
#define CCON_WIDGETS_DIALOG_H

#include <stddef.h>

#include <curses.h>

#include "backend/core/action.h"
#include "tui/widgets/text.h"
#include "tui/widgets/theme.h"

/* A centred box of at least h x wd (clipped to w) with a title; returns
 * the inner area's origin and size. */
void widget_box(WINDOW *w, const struct theme *th, int h, int wd,
		const char *title, int *iy, int *ix, int *ih, int *iw);

/* A centred box with one question ("Take group web offline? [y/N]"). */
void dialog_draw(WINDOW *w, const struct theme *th, const char *text);

/* A centred box with a question, lines under it (untrusted text, each
 * cut to the box; as many as fit), and a hint on the last line. */
void dialog_draw_lines(WINDOW *w, const struct theme *th,
		       const char *question, const char *const *lines,
		       size_t n, const char *hint);

#define CHOOSER_MAX 64

/* A list to pick one entry from (the node chooser). Copies its entries,
 * so it outlives the snapshot they came from. */
struct chooser {
	char title[ACTION_ID_MAX + 64];
	char items[CHOOSER_MAX][ACTION_ID_MAX];
	size_t n, sel, top;
};

enum chooser_result { CHOOSER_NONE, CHOOSER_PICK, CHOOSER_CANCEL };

void chooser_init(struct chooser *c, const char *title,
		  const char *const *items, size_t n);
/* Arrows and j/k move, Enter picks, Esc or q cancels. *bits gets
 * WIDGET_* bits. */
enum chooser_result chooser_key(struct chooser *c, int ch, int *bits);
void chooser_draw(WINDOW *w, const struct theme *th, struct chooser *c);

#endif
