/* Colour pairs and attributes; see theme.h. */
#include <string.h>

#include "backend/util/defaults.h"
#include "conf/conf.h"
#include "tui/widgets/theme.h"

/* DESIGN.md "Colour and text", used when the configuration gives none. */
static const short builtin_fg[COLOR_ROLE_COUNT] = {
	[COLOR_ROLE_ONLINE] = CCON_DEFAULT_COLOR_ONLINE,
	[COLOR_ROLE_OFFLINE] = CCON_DEFAULT_COLOR_OFFLINE,
	[COLOR_ROLE_PENDING] = CCON_DEFAULT_COLOR_PENDING,
	[COLOR_ROLE_FAILED] = CCON_DEFAULT_COLOR_FAILED,
	[COLOR_ROLE_STALE] = CCON_DEFAULT_COLOR_STALE,
	[COLOR_ROLE_PAUSED] = CCON_DEFAULT_COLOR_PAUSED,
};

/* The defaults are curses' colour numbers. */
_Static_assert(CCON_DEFAULT_COLOR_ONLINE == COLOR_GREEN &&
    CCON_DEFAULT_COLOR_PENDING == COLOR_YELLOW &&
    CCON_DEFAULT_COLOR_FAILED == COLOR_RED &&
    CCON_DEFAULT_COLOR_STALE == COLOR_MAGENTA &&
    CCON_DEFAULT_COLOR_PAUSED == COLOR_CYAN, "colour numbers");

/* Without colour, each tone still differs from its neighbours. */
static const attr_t mono_tone[TONE_COUNT] = {
	[TONE_NORMAL] = A_NORMAL,
	[TONE_ONLINE] = A_NORMAL,
	[TONE_OFFLINE] = A_DIM,
	[TONE_PENDING] = A_BOLD,
	[TONE_WARN] = A_UNDERLINE,
	[TONE_FAILED] = A_BOLD | A_UNDERLINE,
	/* Not reverse: that is the selection bar's look. The row's state
	 * says TIMED OUT or FAILED in words. */
	[TONE_TR_FAILED] = A_BOLD | A_UNDERLINE,
	[TONE_UNKNOWN] = A_UNDERLINE,
	[TONE_PAUSED] = A_UNDERLINE,
	[TONE_HEADING] = A_BOLD,
};

/* With colour, the attributes that go with the tone's colour. */
static const attr_t color_extra[TONE_COUNT] = {
	[TONE_OFFLINE] = A_DIM,
	[TONE_PENDING] = A_BOLD,
	[TONE_FAILED] = A_BOLD,
	[TONE_TR_FAILED] = A_BOLD | A_REVERSE,
	[TONE_HEADING] = A_BOLD,
};

/* The colour role behind each tone, or -1 for tones without a colour. */
static const int tone_role[TONE_COUNT] = {
	[TONE_NORMAL] = -1,
	[TONE_ONLINE] = COLOR_ROLE_ONLINE,
	[TONE_OFFLINE] = COLOR_ROLE_OFFLINE,
	[TONE_PENDING] = COLOR_ROLE_PENDING,
	[TONE_WARN] = COLOR_ROLE_PENDING,
	[TONE_FAILED] = COLOR_ROLE_FAILED,
	[TONE_TR_FAILED] = COLOR_ROLE_FAILED,
	[TONE_UNKNOWN] = COLOR_ROLE_STALE,
	[TONE_PAUSED] = COLOR_ROLE_PAUSED,
	[TONE_HEADING] = -1,
};

#define TR_FAILED_PAIR (COLOR_ROLE_COUNT + 1)

static const attr_t parts[PART_COUNT] = {
	[PART_TAB] = A_NORMAL,
	[PART_TAB_ACTIVE] = A_BOLD | A_REVERSE,
	[PART_TITLE] = A_BOLD,
	[PART_HEADER] = A_BOLD | A_UNDERLINE,
	[PART_SELECT] = A_REVERSE,
	[PART_DIALOG] = A_BOLD,
	[PART_READONLY] = A_BOLD | A_REVERSE,
	[PART_DIM] = A_DIM,
};

/* A configured colour the terminal can show, else the built-in one, else
 * -1 (no colour: the tone keeps its monochrome attributes). */
static short
role_fg(const int *colors, int role)
{
	int c = colors != NULL ? colors[role] : builtin_fg[role];

	if (c >= 0 && c < COLORS)
		return (short)c;
	if (c >= COLORS && builtin_fg[role] >= 0 && builtin_fg[role] < COLORS)
		return builtin_fg[role];
	return -1;
}

static void
mono(struct theme *t)
{
	memcpy(t->tone, mono_tone, sizeof t->tone);
	t->color = false;
}

int
theme_init(struct theme *t, const int *colors, bool no_color)
{
	short fg[COLOR_ROLE_COUNT], bg = -1;
	int role, i;

	memcpy(t->part, parts, sizeof t->part);
	mono(t);
	if (no_color || !has_colors())
		return 0;
	if (start_color() == ERR)
		return -1;
	/* Keep the terminal's own background; without the extension, fall
	 * back to white on black so that pairs stay readable. */
	if (use_default_colors() == ERR)
		bg = COLOR_BLACK;
	for (role = 0; role < COLOR_ROLE_COUNT; role++) {
		fg[role] = role_fg(colors, role);
		if (fg[role] < 0)
			continue;
		if (init_pair((short)(role + 1), fg[role], bg) == ERR)
			fg[role] = -1;
	}
	for (i = 0; i < TONE_COUNT; i++) {
		role = tone_role[i];
		if (role < 0 || fg[role] < 0)
			continue;
		t->tone[i] = COLOR_PAIR(role + 1) | color_extra[i];
	}
	/* A failed transition: white on the failure colour, as an explicit
	 * pair rather than reverse video over the terminal's default
	 * background, which some terminals and converters get wrong. */
	if (fg[COLOR_ROLE_FAILED] >= 0 &&
	    init_pair(TR_FAILED_PAIR, COLOR_WHITE, fg[COLOR_ROLE_FAILED]) != ERR)
		t->tone[TONE_TR_FAILED] = COLOR_PAIR(TR_FAILED_PAIR) | A_BOLD;
	t->color = true;
	return 0;
}

attr_t
theme_tone(const struct theme *t, enum tone tone)
{
	if ((int)tone < 0 || tone >= TONE_COUNT)
		return A_NORMAL;
	return t->tone[tone];
}

attr_t
theme_part(const struct theme *t, enum theme_part part)
{
	if ((int)part < 0 || part >= PART_COUNT)
		return A_NORMAL;
	return t->part[part];
}
