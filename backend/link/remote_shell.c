/* Command lines per remote shell.
 *
 * PowerShell: Win32-OpenSSH runs an exec request as cmd.exe /c "<line>"
 * unless its DefaultShell says otherwise, and both cmd.exe and PowerShell
 * have quoting rules of their own. -EncodedCommand takes the script as
 * base64 of its UTF-16LE text, and base64 (A-Z a-z 0-9 + / =) means
 * nothing to either, so the line is the same whichever shell reads it.
 * It must not be quoted: cmd.exe passes quotes on, and powershell.exe
 * then rejects the value as invalid base64. Arguments go inside the
 * script as single-quoted literals, where nothing but a quote character
 * is special. */
#include "backend/link/remote_shell.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/link/shellquote.h"
#include "backend/util/termtext.h"
#include "backend/util/xalloc.h"

static const char ps_prefix[] =
	"powershell.exe -NoProfile -NonInteractive -EncodedCommand ";

/* A stream's command, run as sh -c SCRIPT ccon-stream ARGV...: the
 * command starts in the background with stdin from /dev/null, a watcher
 * reads the script's stdin (the channel) and kills the command when that
 * reaches its end (ccon closed the stream, or the connection is gone),
 * and the script ends when the command does, watcher and all. Without
 * it a command that writes only when something happens (crm_mon as the
 * doorbell) learns that its channel is gone at its next write, which on
 * an idle cluster never comes. The watcher answers each line ccon sends
 * (a ping: its number) with REMOTE_SHELL_PONG and that line, on the
 * stdout the command writes to: an answer proves the link and the
 * stream alive, and whatever the command wrote before it came first.
 * One line: shellquote refuses newlines. */
static const char stream_script[] =
	"exec 3<&0 </dev/null; "
	"\"$@\" 3<&- & c=$!; "
	"{ while read -r p; do printf '" REMOTE_SHELL_PONG "%s\\n' \"$p\"; "
	"done; kill -TERM \"$c\"; } <&3 3<&- "
	"2>/dev/null & w=$!; "
	"exec 3<&-; "
	"wait \"$c\" 2>/dev/null; s=$?; kill -TERM \"$w\" 2>/dev/null; exit \"$s\"";


/* Whether text (len bytes) is valid UTF-8; if not, *bad is the offset of
 * the first byte that is not. A NUL is valid here: callers look for it
 * first. */
static bool
valid_utf8(const char *text, size_t len, size_t *bad)
{
	char *copy = xmalloc(len + 1);
	size_t i = 0, n;
	uint32_t cp;

	/* termtext_decode stops at a NUL, never past: give it one. */
	memcpy(copy, text, len);
	copy[len] = '\0';
	while (i < len) {
		n = termtext_decode((const unsigned char *)copy + i, &cp);
		if (n == 0 || i + n > len)
			break;
		i += n;
	}
	free(copy);
	*bad = i;
	return i == len;
}

/* UTF-8 (valid, len bytes) to UTF-16LE, newly allocated; *outlen bytes.
 * Characters beyond U+FFFF become surrogate pairs. */
static unsigned char *
utf16le(const char *text, size_t len, size_t *outlen)
{
	/* Each byte gives at most two: ASCII doubles, a 4-byte sequence
	 * becomes a pair. */
	unsigned char *out = xmalloc(len * 2 + 1), *p = out;
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < len) {
		uint32_t c;
		unsigned n;

		if (s[i] < 0x80) {
			c = s[i];
			n = 1;
		} else if (s[i] < 0xe0) {
			c = s[i] & 0x1f;
			n = 2;
		} else if (s[i] < 0xf0) {
			c = s[i] & 0x0f;
			n = 3;
		} else {
			c = s[i] & 0x07;
			n = 4;
		}
		for (unsigned k = 1; k < n; k++)
			c = (c << 6) | (s[i + k] & 0x3f);
		i += n;
		if (c >= 0x10000) {
			uint32_t v = c - 0x10000;
			uint32_t hi = 0xd800 | (v >> 10), lo = 0xdc00 | (v & 0x3ff);

			*p++ = (unsigned char)(hi & 0xff);
			*p++ = (unsigned char)(hi >> 8);
			*p++ = (unsigned char)(lo & 0xff);
			*p++ = (unsigned char)(lo >> 8);
		} else {
			*p++ = (unsigned char)(c & 0xff);
			*p++ = (unsigned char)(c >> 8);
		}
	}
	*outlen = (size_t)(p - out);
	return out;
}

/* Base64 (RFC 4648, with padding) of n bytes, newly allocated. */
static char *
base64(const unsigned char *in, size_t n)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *out = xmalloc((n + 2) / 3 * 4 + 1), *p = out;
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 |
			     in[i + 2];

		*p++ = alphabet[v >> 18];
		*p++ = alphabet[(v >> 12) & 0x3f];
		*p++ = alphabet[(v >> 6) & 0x3f];
		*p++ = alphabet[v & 0x3f];
	}
	if (i < n) {
		uint32_t v = (uint32_t)in[i] << 16;

		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		*p++ = alphabet[v >> 18];
		*p++ = alphabet[(v >> 12) & 0x3f];
		*p++ = i + 1 < n ? alphabet[(v >> 6) & 0x3f] : '=';
		*p++ = '=';
	}
	*p = '\0';
	return out;
}

/* Whether s (at least 3 bytes left) starts with U+2018..U+201B, the
 * curly single quotes PowerShell takes for ' (E2 80 98..9B). */
static bool
curly_quote(const unsigned char *s, size_t left)
{
	return left >= 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0x98 &&
	       s[2] <= 0x9b;
}

char *
remote_shell_psquote(const char *arg, size_t len, char **err)
{
	const unsigned char *s = (const unsigned char *)arg;
	char shown[4 * TERMTEXT_PREVIEW];
	size_t i, bad, n = 2;
	char *out, *p;

	if (arg == NULL) {
		*err = xstrdup("cannot quote a missing (NULL) argument");
		return NULL;
	}
	if (memchr(arg, '\0', len) != NULL) {
		termtext_preview(shown, sizeof(shown), arg, strlen(arg));
		*err = xasprintf("argument \"%s\" holds a NUL byte, which "
		    "cannot be sent to PowerShell", shown);
		return NULL;
	}
	if (!valid_utf8(arg, len, &bad)) {
		termtext_preview(shown, sizeof(shown), arg, bad);
		*err = xasprintf("argument \"%s\" is not valid UTF-8 (byte %zu "
		    "of it), which cannot be sent to PowerShell", shown,
		    bad + 1);
		return NULL;
	}
	/* Each quote character is written twice: one more byte for ', three
	 * more for a curly one. Nothing overflows: len is an object's. */
	for (i = 0; i < len; i++)
		n += 1 + (s[i] == '\'' ? 1 : curly_quote(s + i, len - i) ? 3 : 0);
	out = xmalloc(n + 1);
	p = out;
	*p++ = '\'';
	for (i = 0; i < len; i++) {
		if (s[i] == '\'') {
			*p++ = '\'';
		} else if (curly_quote(s + i, len - i)) {
			memcpy(p, s + i, 3);
			p += 3;
			memcpy(p, s + i, 3);
			p += 3;
			i += 2;
			continue;
		}
		*p++ = (char)s[i];
	}
	*p++ = '\'';
	*p = '\0';
	return out;
}

/* ---- POSIX sh ------------------------------------------------------- */

static char *
posix_command(const char *const *argv, size_t argc, char **err)
{
	return shellquote_argv(argv, argc, NULL, err);
}

static char *
posix_stream(const char *const *argv, size_t argc, char **err)
{
	const char **wrapped;
	char *line;

	if (argc == 0) {
		*err = xstrdup("no command to send to the remote shell");
		return NULL;
	}
	/* The command's argv becomes the script's positional parameters:
	 * quoted like any other argument, never part of the script. */
	wrapped = xcalloc(argc + 4, sizeof(*wrapped));
	wrapped[0] = "sh";
	wrapped[1] = "-c";
	wrapped[2] = stream_script;
	wrapped[3] = "ccon-stream";
	memcpy(wrapped + 4, argv, argc * sizeof(*argv));
	line = shellquote_argv(wrapped, argc + 4, NULL, err);
	free(wrapped);
	return line;
}

const struct remote_shell remote_shell_posix = {
	.name = "sh",
	.command = posix_command,
	.stream = posix_stream,
};

/* ---- PowerShell ----------------------------------------------------- */

/* The script with its arguments: argv[0] alone, or & { argv[0] } and the
 * rest as literals. The braces go on lines of their own, so that a
 * script ending in a # comment does not swallow the closing one. */
static char *
ps_script(const char *const *argv, size_t argc, char **err)
{
	char *script, *q;
	size_t i, len, cap;

	if (argc == 1)
		return xstrdup(argv[0]);
	len = 0;
	cap = strlen(argv[0]) + 16;
	script = xmalloc(cap);
	len = (size_t)snprintf(script, cap, "& {\n%s\n}", argv[0]);
	for (i = 1; i < argc; i++) {
		char *why = NULL;

		if (argv[i] == NULL) {
			*err = xasprintf("argument %zu of the command is "
			    "missing (NULL)", i);
			free(script);
			return NULL;
		}
		if ((q = remote_shell_psquote(argv[i], strlen(argv[i]),
					      &why)) == NULL) {
			*err = xasprintf("argument %zu of the command: %s", i,
					 why);
			free(why);
			free(script);
			return NULL;
		}
		if (len + 1 + strlen(q) + 1 > cap) {
			cap = len + 1 + strlen(q) + 1;
			script = xreallocarray(script, cap, 1);
		}
		script[len++] = ' ';
		memcpy(script + len, q, strlen(q) + 1);
		len += strlen(q);
		free(q);
	}
	return script;
}

static char *
ps_command(const char *const *argv, size_t argc, char **err)
{
	char *script = NULL, *b64 = NULL, *line = NULL;
	unsigned char *wide = NULL;
	char shown[4 * TERMTEXT_PREVIEW];
	size_t len, wide_len, bad, need;

	if (argc == 0 || argv[0] == NULL || argv[0][0] == '\0') {
		/* powershell.exe without a command would wait for one. */
		*err = xstrdup("no PowerShell script to send");
		return NULL;
	}
	if ((script = ps_script(argv, argc, err)) == NULL)
		return NULL;
	len = strlen(script);
	if (!valid_utf8(script, len, &bad)) {
		termtext_preview(shown, sizeof(shown), script, bad);
		*err = xasprintf("the PowerShell script is not valid UTF-8 "
		    "(byte %zu, after \"%s\")", bad + 1, shown);
		goto out;
	}
	wide = utf16le(script, len, &wide_len);
	need = sizeof(ps_prefix) - 1 + (wide_len + 2) / 3 * 4;
	if (need > REMOTE_SHELL_CMD_MAX) {
		*err = xasprintf("the PowerShell command line would be %zu "
		    "characters, over the %d that cmd.exe takes (the script "
		    "and its arguments are %zu bytes); nothing was sent",
		    need, REMOTE_SHELL_CMD_MAX, len);
		goto out;
	}
	b64 = base64(wide, wide_len);
	line = xasprintf("%s%s", ps_prefix, b64);
out:
	free(b64);
	free(wide);
	free(script);
	return line;
}

const struct remote_shell remote_shell_powershell = {
	.name = "powershell",
	.command = ps_command,
	/* The same encoded line: no wrapper is needed, as the scripts
	 * that stream (the wsfc doorbell) answer pings themselves and end
	 * when their stdin does. A short script cut short by its timeout
	 * runs on to its end on the node, though: no wrapper makes it end
	 * with the channel. */
	.stream = ps_command,
};

char *
remote_shell_command(const struct remote_shell *sh, const char *const *argv,
		     size_t argc, char **err)
{
	if (sh == NULL)
		sh = &remote_shell_posix;
	return sh->command(argv, argc, err);
}

char *
remote_shell_stream(const struct remote_shell *sh, const char *const *argv,
		    size_t argc, char **err)
{
	if (sh == NULL)
		sh = &remote_shell_posix;
	return sh->stream != NULL ? sh->stream(argv, argc, err)
				  : sh->command(argv, argc, err);
}
