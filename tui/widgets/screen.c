/* Terminal set-up, layout and screen signals; see screen.h. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tui/widgets/screen.h"

/* The signals handled here, in the order of screen.old_act. */
static const int handled_signals[4] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP };

/* A signal handler can only reach the loop through a file descriptor it
 * knows without arguments: this is the one piece of state it needs. */
static volatile sig_atomic_t signal_wfd = -1;

static void
on_signal(int sig)
{
	int saved = errno;
	char b = sig == SIGWINCH ? 'W' : 'Q';
	ssize_t r;

	if (signal_wfd >= 0) {
		/* A full pipe already holds a wake-up: losing this byte is
		 * harmless. */
		r = write(signal_wfd, &b, 1);
		(void)r;
	}
	errno = saved;
}

static int
set_flags(int fd)
{
	int fl;

	fl = fcntl(fd, F_GETFL);
	if (fl == -1 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1)
		return -1;
	fl = fcntl(fd, F_GETFD);
	if (fl == -1 || fcntl(fd, F_SETFD, fl | FD_CLOEXEC) == -1)
		return -1;
	return 0;
}

static char *
errf(const char *what)
{
	char *m;
	const char *why = strerror(errno);

	m = malloc(strlen(what) + strlen(why) + 3);
	if (m != NULL)
		sprintf(m, "%s: %s", what, why);
	return m;
}

static char *
dupmsg(const char *msg)
{
	char *m = malloc(strlen(msg) + 1);

	if (m != NULL)
		strcpy(m, msg);
	return m;
}

static void
drop_windows(struct screen *s)
{
	if (s->top != NULL)
		delwin(s->top);
	if (s->body != NULL)
		delwin(s->body);
	if (s->keys != NULL)
		delwin(s->keys);
	if (s->bar != NULL)
		delwin(s->bar);
	s->top = s->body = s->keys = s->bar = NULL;
}

static int
layout(struct screen *s)
{
	int kb;

	drop_windows(s);
	s->lines = LINES;
	s->cols = COLS;
	/* The terminal may have reflowed what was on it: repaint it all. */
	werase(stdscr);
	wnoutrefresh(stdscr);
	clearok(curscr, TRUE);
	s->too_small = s->lines < SCREEN_MIN_LINES || s->cols < SCREEN_MIN_COLS;
	if (s->too_small)
		return 0;
	kb = s->key_bar ? 1 : 0;
	s->top = newwin(1, s->cols, 0, 0);
	s->body = newwin(s->lines - 2 - kb, s->cols, 1, 0);
	if (kb)
		s->keys = newwin(1, s->cols, s->lines - 2, 0);
	s->bar = newwin(1, s->cols, s->lines - 1, 0);
	if (s->top == NULL || s->body == NULL || s->bar == NULL ||
	    (kb && s->keys == NULL)) {
		drop_windows(s);
		s->too_small = true;
		return -1;
	}
	return 0;
}

static void
restore_handlers(struct screen *s)
{
	size_t i;

	if (!s->handlers_set)
		return;
	for (i = 0; i < 4; i++)
		sigaction(handled_signals[i], &s->old_act[i], NULL);
	s->handlers_set = false;
	signal_wfd = -1;
}

static int
set_handlers(struct screen *s)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* poll() is interrupted anyway; reads inside curses just go on. */
	sa.sa_flags = SA_RESTART;
	signal_wfd = s->sig_wfd;
	for (i = 0; i < 4; i++) {
		if (sigaction(handled_signals[i], &sa, &s->old_act[i]) == -1) {
			while (i-- > 0)
				sigaction(handled_signals[i], &s->old_act[i],
				    NULL);
			signal_wfd = -1;
			return -1;
		}
	}
	s->handlers_set = true;
	return 0;
}

/* A terminal type that has a terminfo entry but cannot address the
 * cursor (dumb, and emacs' old shell buffers) would get a garbled
 * screen from curses rather than an error: refused like an unknown one,
 * before curses writes anything. Returns the message, or NULL. */
static char *
term_refused(void)
{
	const char *term = getenv("TERM");
	char *msg;

	if (term != NULL && *term != '\0' && strcmp(term, "dumb") != 0 &&
	    strncmp(term, "dumb-", 5) != 0)
		return NULL;
	if (term == NULL || *term == '\0')
		term = "(unset)";
	msg = malloc(strlen(term) + 96);
	if (msg != NULL)
		sprintf(msg, "cannot use terminal type '%s': it cannot move "
		    "the cursor (set TERM, or use --once)", term);
	return msg != NULL ? msg : dupmsg("out of memory");
}

int
screen_open(struct screen *s, char **err)
{
	int fds[2];
	const char *term;

	memset(s, 0, sizeof *s);
	s->sig_fd = s->sig_wfd = -1;
	*err = NULL;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*err = dupmsg("not a terminal (use --once for scripts)");
		return -1;
	}
	if ((*err = term_refused()) != NULL)
		return -1;
	if (pipe(fds) == -1) {
		*err = errf("pipe");
		return -1;
	}
	s->sig_fd = fds[0];
	s->sig_wfd = fds[1];
	if (set_flags(fds[0]) == -1 || set_flags(fds[1]) == -1) {
		*err = errf("fcntl");
		goto failed;
	}
	/* newterm, unlike initscr, returns instead of exiting on error. */
	s->term = newterm(NULL, stdout, stdin);
	if (s->term == NULL) {
		term = getenv("TERM");
		if (term == NULL)
			term = "(unset)";
		*err = malloc(strlen(term) + 40);
		if (*err != NULL)
			sprintf(*err, "cannot use terminal type '%s'", term);
		goto failed;
	}
	set_term(s->term);
	if (cbreak() == ERR || noecho() == ERR ||
	    keypad(stdscr, TRUE) == ERR || nodelay(stdscr, TRUE) == ERR) {
		*err = dupmsg("cannot set the terminal mode");
		goto failed_curses;
	}
	/* Cosmetic: some terminals cannot hide the cursor. */
	(void)curs_set(0);
	/* Esc must cancel a dialog at once, not after a second. */
	(void)set_escdelay(25);
	if (set_handlers(s) == -1) {
		*err = errf("sigaction");
		goto failed_curses;
	}
	if (layout(s) == -1) {
		*err = dupmsg("out of memory");
		goto failed_curses;
	}
	return 0;

failed_curses:
	restore_handlers(s);
	endwin();
	delscreen(s->term);
	s->term = NULL;
failed:
	close(fds[0]);
	close(fds[1]);
	s->sig_fd = s->sig_wfd = -1;
	if (*err == NULL)
		*err = dupmsg("cannot set up the terminal");
	return -1;
}

void
screen_close(struct screen *s)
{
	if (s->term == NULL)
		return;
	drop_windows(s);
	restore_handlers(s);
	if (s->mouse)
		(void)mousemask(0, NULL);
	(void)curs_set(1);
	endwin();
	delscreen(s->term);
	s->term = NULL;
	close(s->sig_fd);
	close(s->sig_wfd);
	s->sig_fd = s->sig_wfd = -1;
}

int
screen_signals(struct screen *s)
{
	char buf[64];
	ssize_t n, i;
	int bits = 0;

	for (;;) {
		n = read(s->sig_fd, buf, sizeof buf);
		if (n > 0) {
			for (i = 0; i < n; i++)
				bits |= buf[i] == 'W' ? SCREEN_SIG_RESIZE :
				    SCREEN_SIG_QUIT;
			continue;
		}
		if (n == -1 && errno == EINTR)
			continue;
		break;  /* EAGAIN: drained */
	}
	return bits;
}

int
screen_set_key_bar(struct screen *s, bool on)
{
	if (s->key_bar == on)
		return 0;
	s->key_bar = on;
	if (s->term == NULL)
		return 0;
	return layout(s);
}

bool
screen_set_mouse(struct screen *s, bool on)
{
	mmask_t want = on ? BUTTON1_PRESSED | BUTTON1_RELEASED |
	    BUTTON4_PRESSED | BUTTON5_PRESSED : 0;

	if (s->term == NULL)
		return false;
	/* Reported at once: a click is not waited on to tell it from a
	 * double click. */
	(void)mouseinterval(0);
	s->mouse = mousemask(want, NULL) != 0;
	return s->mouse;
}

int
screen_resize(struct screen *s)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && is_term_resized(ws.ws_row, ws.ws_col)) {
		if (resizeterm(ws.ws_row, ws.ws_col) == ERR)
			return -1;
	}
	return layout(s);
}
