#include "tui/widgets/askbox.h"

#include <string.h>

#include "backend/util/str.h"
#include "backend/util/termtext.h"
#include "tui/widgets/dialog.h"
#include "tui/widgets/text.h"

#define ASKBOX_COLS 74
#define ESC_KEY 27

void
askbox_init(struct askbox *b, const struct prompt_question *q)
{
	askbox_wipe(b);
	b->q = *q;
}

void
askbox_wipe(struct askbox *b)
{
	explicit_bzero(b->input, sizeof(b->input));
	b->len = 0;
}

enum askbox_result
askbox_key(struct askbox *b, int ch, const char **answer)
{
	*answer = NULL;
	if (ch == ESC_KEY)
		return ASKBOX_CANCEL;
	if (b->q.kind == PROMPT_HOSTKEY) {
		switch (ch) {
		case 'o':
		case 'O':
			*answer = PROMPT_HOSTKEY_ONCE;
			return ASKBOX_ANSWER;
		case 's':
		case 'S':
			*answer = PROMPT_HOSTKEY_SAVE;
			return ASKBOX_ANSWER;
		case 'r':
		case 'R':
			*answer = PROMPT_HOSTKEY_REJECT;
			return ASKBOX_ANSWER;
		default:
			return ASKBOX_NONE;
		}
	}
	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		*answer = b->input;
		return ASKBOX_ANSWER;
	}
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		/* One character back: a UTF-8 sequence as a whole. */
		while (b->len > 0 &&
		       ((unsigned char)b->input[b->len - 1] & 0xc0) == 0x80)
			b->input[--b->len] = '\0';
		if (b->len > 0)
			b->input[--b->len] = '\0';
		return ASKBOX_NONE;
	}
	if (ch == 21) {         /* Ctrl-U: start again */
		askbox_wipe(b);
		return ASKBOX_NONE;
	}
	/* Bytes of typed text (wgetch hands UTF-8 over byte by byte). */
	if (ch >= 0x20 && ch <= 0xff && ch != 0x7f &&
	    b->len + 1 < sizeof(b->input)) {
		b->input[b->len++] = (char)ch;
		b->input[b->len] = '\0';
	}
	return ASKBOX_NONE;
}

/* Draws text from y on, wrapped at word boundaries to iw columns;
 * returns the next free line. Newlines in the text start new lines. */
static int
draw_wrapped(WINDOW *w, int y, int x, int iw, int last_y, const char *text,
	     attr_t attr)
{
	char para[PROMPT_TEXT_MAX], line[PROMPT_TEXT_MAX];
	char *p, *nl, *word;
	size_t used;

	str_copy(para, sizeof(para), text);
	for (p = para; p != NULL && y <= last_y; p = nl) {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl++ = '\0';
		line[0] = '\0';
		used = 0;
		for (word = strtok(p, " "); word != NULL && y <= last_y;
		     word = strtok(NULL, " ")) {
			size_t ww = termtext_width(word);

			if (used > 0 && used + 1 + ww > (size_t)iw) {
				widget_text(w, y++, x, iw, line, attr, false);
				line[0] = '\0';
				used = 0;
			}
			if (used > 0) {
				strcat(line, " ");
				used++;
			}
			strncat(line, word, sizeof(line) - strlen(line) - 1);
			used += ww;
		}
		if (y <= last_y)
			widget_text(w, y++, x, iw, line, attr, false);
	}
	return y;
}

void
askbox_draw(WINDOW *w, const struct theme *th, const struct askbox *b)
{
	int H, W, iy, ix, ih, iw, y, last;
	char shown[PROMPT_ANSWER_MAX + 4];
	size_t i, n = 0;

	getmaxyx(w, H, W);
	(void)W;
	widget_box(w, th, H - 2 > 16 ? 16 : H - 2, ASKBOX_COLS, b->q.title,
		   &iy, &ix, &ih, &iw);
	last = iy + ih - 3;
	y = draw_wrapped(w, iy, ix, iw, last, b->q.text, A_NORMAL);
	y = y + 1 <= last + 1 ? y + 1 : last + 1;
	if (b->q.kind == PROMPT_HOSTKEY) {
		widget_text(w, y, ix, iw, "o accept once   s accept and save   "
			    "r reject", theme_part(th, PART_TITLE), false);
		widget_text(w, iy + ih - 1, ix, iw, "a changed key is never "
			    "offered here: it is refused",
			    theme_part(th, PART_DIM), false);
		return;
	}
	/* A secret shows one star per character typed, not per byte. */
	shown[n++] = '>';
	shown[n++] = ' ';
	for (i = 0; i < b->len && n + 2 < sizeof(shown); i++) {
		if (b->q.kind == PROMPT_SECRET) {
			if (((unsigned char)b->input[i] & 0xc0) != 0x80)
				shown[n++] = '*';
		} else {
			shown[n++] = b->input[i];
		}
	}
	shown[n++] = '_';
	shown[n] = '\0';
	widget_text(w, y, ix, iw, shown, theme_part(th, PART_TITLE), false);
	widget_text(w, iy + ih - 1, ix, iw, "Enter sends, Esc cancels; "
		    "nothing typed here is stored", theme_part(th, PART_DIM),
		    false);
}
