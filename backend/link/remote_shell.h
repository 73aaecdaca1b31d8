/* The shell at the far end of an SSH exec channel, which carries one
 * command line rather than an argv: one const table per kind of shell
 * turns an argv into that line. POSIX sh (Linux nodes) gets every
 * argument single-quoted (shellquote.h). PowerShell (Windows nodes,
 * whose OpenSSH hands the line to cmd.exe unless told otherwise) gets
 * powershell.exe -EncodedCommand and base64, which no shell on the way
 * interprets. */
#ifndef CCON_REMOTE_SHELL_H
#define CCON_REMOTE_SHELL_H

#include <stddef.h>

/* cmd.exe's longest command line, in characters; a PowerShell command
 * line longer than this is refused before anything is sent. */
#define REMOTE_SHELL_CMD_MAX 8191

/* What a stream's answer to a ping starts with. */
#define REMOTE_SHELL_PONG "ccon-pong "

struct remote_shell {
	const char *name;             /* "sh", "powershell" */
	/* The line that runs argv[0..argc), newly allocated (caller
	 * frees), or NULL with *err (caller frees) naming what cannot be
	 * carried. */
	char *(*command)(const char *const *argv, size_t argc, char **err);
	/* The same for a command that must also end when its channel goes,
	 * even if it never writes again: a long-running stream
	 * (transport.h), and over SSH every command, since one cut short by
	 * its timeout must not run on. NULL: as command. */
	char *(*stream)(const char *const *argv, size_t argc, char **err);
};

/* POSIX sh: argv[0] is the program, as for exec. A stream runs under
 * sh -c SCRIPT ccon-stream ARGV..., a fixed script that ends the command
 * when the channel's stdin does, and ends itself with the command. Each
 * line written to the stream's stdin comes back on its stdout after
 * REMOTE_SHELL_PONG, as a line of its own. */
extern const struct remote_shell remote_shell_posix;

/* Windows PowerShell 5.1 (powershell.exe): argv[0] is a script, any
 * further arguments reach it as literal strings ($args). Sent as it is
 * with no arguments, else as & { script } 'arg1' 'arg2'. A stream is
 * the same line: its script must itself answer each line of stdin with
 * REMOTE_SHELL_PONG and the line, and end at the end of stdin. */
extern const struct remote_shell remote_shell_powershell;

/* sh's (or, when sh is NULL, POSIX sh's) command and stream lines. */
char *remote_shell_command(const struct remote_shell *sh,
			   const char *const *argv, size_t argc, char **err);
char *remote_shell_stream(const struct remote_shell *sh,
			  const char *const *argv, size_t argc, char **err);

/* PowerShell's single-quoted literal of arg (len bytes of UTF-8), newly
 * allocated: every quote character PowerShell knows (' and U+2018 to
 * U+201B) doubled, nothing else touched. NULL with *err (caller frees)
 * if arg holds a NUL byte or is not valid UTF-8. */
char *remote_shell_psquote(const char *arg, size_t len, char **err);

#endif
