/* The terminal: curses set-up and tear-down, the windows (tab line,
 * body, key bar when it is on, status line) laid out for the current size, and the signals that
 * concern the screen (SIGWINCH; SIGINT, SIGTERM and SIGHUP mean quit),
 * which reach the poll loop through a self-pipe. */
#ifndef CCON_SCREEN_H
#define CCON_SCREEN_H

#include <signal.h>
#include <stdbool.h>

#include <curses.h>

/* Below this the screen only says that it is too small. */
#define SCREEN_MIN_COLS 40
#define SCREEN_MIN_LINES 10

/* What screen_signals reports. */
enum {
	SCREEN_SIG_RESIZE = 1 << 0,
	SCREEN_SIG_QUIT = 1 << 1,
};

struct screen {
	int lines, cols;
	WINDOW *top;        /* tabs and summary */
	WINDOW *body;       /* the view, and dialogs over it */
	WINDOW *keys;       /* key bar above the status line, or NULL */
	WINDOW *bar;        /* status line */
	bool key_bar;       /* whether there is a key bar (it takes a line
			     * of the body) */
	bool mouse;         /* whether clicks and the wheel are reported */
	bool too_small;     /* the windows are NULL then */
	int sig_fd;         /* read end of the signal pipe: poll it */

	/* Private to screen.c. */
	SCREEN *term;
	int sig_wfd;
	struct sigaction old_act[4];
	bool handlers_set;
};

/* Takes the terminal (stdin/stdout). Returns 0, or -1 with *err (caller
 * frees); on failure the terminal is left as it was. */
int screen_open(struct screen *s, char **err);
/* Gives the terminal back and restores the signal handlers. */
void screen_close(struct screen *s);

/* Drains the signal pipe; returns SCREEN_SIG_* bits. */
int screen_signals(struct screen *s);

/* Turns the key bar on or off (the body grows or shrinks by a line).
 * Returns 0, or -1 when out of memory. */
int screen_set_key_bar(struct screen *s, bool on);
/* Asks the terminal for clicks and the wheel (KEY_MOUSE), or stops.
 * Returns whether the terminal reports them. */
bool screen_set_mouse(struct screen *s, bool on);

/* Reads the terminal's size and lays the windows out again. Returns 0, or
 * -1 when out of memory. */
int screen_resize(struct screen *s);

#endif
