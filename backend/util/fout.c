#include "backend/util/fout.h"

#include <errno.h>
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

void
fout_bytes(struct fout *o, const char *p, size_t n)
{
	if (o->err != 0 || n == 0)
		return;
	errno = 0;
	/* One writer per report, in many small pieces: the stream's lock
	 * for each was a tenth of a large --once. */
	if (fwrite_unlocked(p, 1, n, o->f) != n)
		o->err = errno != 0 ? errno : EIO;
}

void
fout_str(struct fout *o, const char *s)
{
	fout_bytes(o, s, strlen(s));
}

void
fout_fmt(struct fout *o, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (o->err != 0)
		return;
	errno = 0;
	va_start(ap, fmt);
	r = vfprintf(o->f, fmt, ap);
	va_end(ap);
	if (r < 0)
		o->err = errno != 0 ? errno : EIO;
}

int
fout_finish(struct fout *o)
{
	errno = 0;
	if (o->err == 0 && fflush(o->f) == EOF)
		o->err = errno != 0 ? errno : EIO;
	if (o->err == 0 && ferror(o->f))
		o->err = EIO;
	if (o->err != 0) {
		errno = o->err;
		return -1;
	}
	return 0;
}

