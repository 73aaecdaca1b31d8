#include "backend/link/pong.h"

#include <string.h>

#include "backend/link/remote_shell.h"

#define PREFIX REMOTE_SHELL_PONG
#define PREFIX_LEN (sizeof(PREFIX) - 1)

/* Whether the line so far, with c after it, can still be an answer. */
static bool
may_be_answer(const struct pong_reader *r, char c)
{
	if (r->len < PREFIX_LEN)
		return c == PREFIX[r->len];
	return c >= '0' && c <= '9' && r->len + 1 < sizeof(r->line);
}

static bool
is_answer(const struct pong_reader *r, unsigned long *seq)
{
	unsigned long v = 0;
	size_t i;

	if (r->len <= PREFIX_LEN)
		return false;
	for (i = PREFIX_LEN; i < r->len; i++)
		v = v * 10 + (unsigned long)(r->line[i] - '0');
	*seq = v;
	return true;
}

size_t
pong_feed(struct pong_reader *r, const char *buf, size_t n,
	  unsigned long *seq, bool *answered)
{
	size_t out = 0, i;

	for (i = 0; i < n; i++) {
		char c = buf[i];

		if (r->other) {
			out++;
			if (c == '\n')
				r->other = false;
			continue;
		}
		if (c == '\n') {
			if (is_answer(r, seq))
				*answered = true;
			else
				out += r->len + r->cr + 1;
			r->len = 0;
			r->cr = false;
			continue;
		}
		/* Windows PowerShell ends its lines in CRLF. */
		if (!r->cr && c == '\r' && r->len > PREFIX_LEN) {
			r->cr = true;
			continue;
		}
		if (!r->cr && may_be_answer(r, c)) {
			r->line[r->len++] = c;
			continue;
		}
		/* The command's line after all: what was held back counts. */
		out += r->len + r->cr + 1;
		r->len = 0;
		r->cr = false;
		r->other = true;
	}
	return out;
}
