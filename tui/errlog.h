/* While the console runs, stderr goes to a log file and not to the
 * terminal, so that only ncurses draws there: whatever a library or a
 * helper process prints by itself (libssh, the ssh of a ProxyJump, a
 * sanitizer's report) lands in $XDG_STATE_HOME/ccon/ccon.log instead of
 * over the screen. */
#ifndef CCON_ERRLOG_H
#define CCON_ERRLOG_H

struct errlog {
	int saved_fd;             /* the terminal's stderr, or -1 */
	char *path;               /* the log, or NULL (/dev/null) */
	char *trouble;            /* why the log could not be used, or NULL */
};

/* Points stderr at the log (appended, mode 0600), after a line saying
 * when this console started. When the log cannot be opened, stderr goes
 * to /dev/null and l->trouble says why (for after the console). Returns
 * 0, or -1 with *err when stderr could not be moved at all. */
int errlog_divert(struct errlog *l, char **err);

/* Gives stderr back to the terminal; safe to call twice. */
void errlog_restore(struct errlog *l);

#endif
