/* A FILE writer that keeps the errno of its first failed write and skips
 * the rest, so that a report's many small writes need not each be
 * checked: fout_finish says once, at the end. */
#ifndef CCON_FOUT_H
#define CCON_FOUT_H

#include <stddef.h>
#include <stdio.h>

struct fout {
	FILE *f;
	int err;              /* the first failure's errno, or 0 */
};

void fout_bytes(struct fout *o, const char *p, size_t n);
void fout_str(struct fout *o, const char *s);
void fout_fmt(struct fout *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Flushes; returns 0, or -1 with errno set to the first failure's. */
int fout_finish(struct fout *o);

#endif
