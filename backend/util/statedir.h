/* Where ccon keeps what it writes about itself (the audit log, the log
 * of the console's stderr): $XDG_STATE_HOME/ccon/, or
 * ~/.local/state/ccon/ when that is not set. */
#ifndef CCON_STATEDIR_H
#define CCON_STATEDIR_H

/* The path of file in that directory, newly allocated; NULL with *err
 * (caller frees) when neither variable gives an absolute path. what
 * names the file for the message ("the audit log"). */
char *statedir_path(const char *file, const char *what, char **err);

/* Creates the directories above path (mode 0700: nobody else's
 * business). Returns 0, or -1 with *err. */
int statedir_make_parents(const char *path, char **err);

#endif
