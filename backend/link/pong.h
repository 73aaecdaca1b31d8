/* Tells a stream's answers to pings (remote_shell.h: REMOTE_SHELL_PONG
 * and the ping's number, a line of their own, ended by LF or CRLF) from
 * what its command wrote, as the bytes arrive in whatever pieces the
 * channel gives. */
#ifndef CCON_PONG_H
#define CCON_PONG_H

#include <stdbool.h>
#include <stddef.h>

struct pong_reader {
	char line[40];            /* the start of a line that may be one */
	size_t len;
	bool other;               /* the line is the command's */
	bool cr;                  /* a CR after the digits: the answer's
				   * line may end in CRLF (PowerShell's) */
};

/* Reads n bytes. Returns how many of them are the command's output
 * (a line that might still turn out to be an answer is counted once it
 * is known not to be); each answer sets *seq to its number and *answered. */
size_t pong_feed(struct pong_reader *r, const char *buf, size_t n,
		 unsigned long *seq, bool *answered);

#endif
