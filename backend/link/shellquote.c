/* POSIX single quoting: inside '...' a shell gives every byte its literal
 * meaning except ' itself, which we write as '\'' (close, escaped quote,
 * reopen). That makes $(...), backticks, globs, ; and \ inert in any
 * POSIX sh, dash, bash or ksh on the far side.
 *
 * Newline and CR are refused although quoting would carry them: ssh and
 * the remote login shell may log, split or echo the command line, and no
 * resource id, node name or parameter ccon sends has a reason to hold one.
 * NUL cannot be carried at all: the command line is a C string. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "backend/link/shellquote.h"
#include "backend/util/termtext.h"
#include "backend/util/xalloc.h"

/* Why arg (len bytes) cannot be quoted, or NULL if it can. */
static const char *
sq_refusal(const char *arg, size_t len)
{
	if (memchr(arg, '\0', len) != NULL)
		return "a NUL byte";
	if (memchr(arg, '\n', len) != NULL)
		return "a newline";
	if (memchr(arg, '\r', len) != NULL)
		return "a carriage return";
	return NULL;
}


/* Bytes the quoted form of arg takes, without the NUL, or 0 if that
 * would not fit a size_t (each byte takes at most 4, plus the quotes). */
static size_t
sq_quoted_len(const char *arg, size_t len)
{
	size_t i, n = 2;

	if (len > (SIZE_MAX - 3) / 4)
		return 0;

	for (i = 0; i < len; i++)
		n += arg[i] == '\'' ? 4 : 1;
	return n;
}

/* Writes the quoted form of arg at out; returns the bytes written. */
static size_t
sq_write(char *out, const char *arg, size_t len)
{
	char *p = out;
	size_t i;

	*p++ = '\'';
	for (i = 0; i < len; i++) {
		if (arg[i] == '\'') {
			memcpy(p, "'\\''", 4);
			p += 4;
		} else
			*p++ = arg[i];
	}
	*p++ = '\'';
	return (size_t)(p - out);
}

char *
shellquote_arg(const char *arg, char **err)
{
	const char *why;
	size_t len, n;
	char *out;

	if (arg == NULL) {
		*err = xstrdup("cannot quote a missing (NULL) argument");
		return NULL;
	}
	len = strlen(arg);
	if ((why = sq_refusal(arg, len)) != NULL) {
		char shown[4 * TERMTEXT_PREVIEW];

		termtext_preview(shown, sizeof(shown), arg, len);
		*err = xasprintf("argument \"%s\" holds %s, which cannot be "
		    "sent to a remote shell", shown, why);
		return NULL;
	}
	if ((n = sq_quoted_len(arg, len)) == 0) {
		*err = xstrdup("argument too long to quote");
		return NULL;
	}
	out = xmalloc(n + 1);
	out[sq_write(out, arg, len)] = '\0';
	return out;
}

char *
shellquote_argv(const char *const *argv, size_t argc, const size_t *lens,
		char **err)
{
	size_t i, len, total = 0;
	const char *why;
	char *out, *p;

	if (argc == 0) {
		/* An empty command line would start an interactive shell. */
		*err = xstrdup("no command to send to the remote shell");
		return NULL;
	}
	for (i = 0; i < argc; i++) {
		if (argv[i] == NULL) {
			*err = xasprintf("argument %zu of the command is "
			    "missing (NULL)", i);
			return NULL;
		}
		len = lens ? lens[i] : strlen(argv[i]);
		if ((why = sq_refusal(argv[i], len)) != NULL) {
			char shown[4 * TERMTEXT_PREVIEW];

			termtext_preview(shown, sizeof(shown), argv[i], len);
			*err = xasprintf("argument %zu of the command (\"%s\") "
			    "holds %s, which cannot be sent to a remote shell",
			    i, shown, why);
			return NULL;
		}
		/* Separator or NUL, then the quoted form. */
		len = sq_quoted_len(argv[i], len);
		if (len == 0 || len > SIZE_MAX - 1 - total) {
			*err = xasprintf("argument %zu of the command is too "
			    "long to quote", i);
			return NULL;
		}
		total += len + 1;
	}

	out = xmalloc(total);
	p = out;
	for (i = 0; i < argc; i++) {
		if (i > 0)
			*p++ = ' ';
		p += sq_write(p, argv[i], lens ? lens[i] : strlen(argv[i]));
	}
	*p = '\0';
	return out;
}
