/* Colours and attributes: one attribute per tone (tone.h) and per part of
 * the screen. Colours come from the configuration; NO_COLOR and terminals
 * without colours fall back to bold, underline, dim and reverse, and every
 * state keeps its word on screen, so nothing is carried by colour alone. */
#ifndef CCON_THEME_H
#define CCON_THEME_H

#include <stdbool.h>

#include <curses.h>

#include "tui/widgets/tone.h"

/* Parts of the screen that are not cluster state. */
enum theme_part {
	PART_TAB,           /* an inactive tab */
	PART_TAB_ACTIVE,
	PART_TITLE,         /* cluster name in the bars */
	PART_HEADER,        /* table column titles */
	PART_SELECT,        /* the selected row */
	PART_DIALOG,        /* dialog frame and text */
	PART_READONLY,      /* the READ-ONLY marker */
	PART_DIM,           /* secondary text in the bars */
	PART_COUNT
};

struct theme {
	attr_t tone[TONE_COUNT];
	attr_t part[PART_COUNT];
	bool color;         /* colour pairs are in use */
};

/* Call after the terminal is set up. colors holds COLOR_ROLE_COUNT entries
 * (conf.h; 0..255, or -1 for the terminal's default colour) or is NULL for
 * the built-in ones. Returns 0; -1 only if start_color failed, in which case
 * *t is still usable (attributes only). */
int theme_init(struct theme *t, const int *colors, bool no_color);

attr_t theme_tone(const struct theme *t, enum tone tone);
attr_t theme_part(const struct theme *t, enum theme_part part);

#endif
