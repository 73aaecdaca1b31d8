/* Builds remote command lines: every argument single-quoted for a POSIX
 * shell. The one place where text reaches a remote shell. */
#ifndef CCON_SHELLQUOTE_H
#define CCON_SHELLQUOTE_H

#include <stddef.h>

/* The quoted form of arg ('it'\''s'), newly allocated (caller frees).
 * Returns NULL with *err set (caller frees) if arg holds a newline or a
 * carriage return. */
char *shellquote_arg(const char *arg, char **err);

/* Joins argv[0..argc) quoted, separated by single spaces, newly allocated.
 * lens[i] is argument i's length in bytes (lens may be NULL: strlen), so
 * that an embedded NUL is seen and refused. Returns NULL with *err
 * (caller frees) naming the argument if one holds a NUL, newline or CR. */
char *shellquote_argv(const char *const *argv, size_t argc,
		      const size_t *lens, char **err);

#endif
