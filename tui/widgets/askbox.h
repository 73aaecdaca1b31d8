/* The dialog in which the operator answers a cluster worker's question:
 * a passphrase or password (never echoed), a text, or what to do with an
 * unknown host key. Keys only change its state; drawing is separate. */
#ifndef CCON_ASKBOX_H
#define CCON_ASKBOX_H

#include <curses.h>

#include "backend/core/prompt.h"
#include "tui/widgets/theme.h"

struct askbox {
	struct prompt_question q;
	char input[PROMPT_ANSWER_MAX];
	size_t len;
};

enum askbox_result { ASKBOX_NONE, ASKBOX_ANSWER, ASKBOX_CANCEL };

void askbox_init(struct askbox *b, const struct prompt_question *q);
/* Enter answers with the input; for a host key, o / s / r answer with
 * PROMPT_HOSTKEY_ONCE / _SAVE / _REJECT. Esc cancels. *answer points
 * into b (or at a constant) until the next call. */
enum askbox_result askbox_key(struct askbox *b, int ch, const char **answer);
void askbox_draw(WINDOW *w, const struct theme *th, const struct askbox *b);
/* Forgets what was typed. */
void askbox_wipe(struct askbox *b);

#endif
