/* Allocation that fails fast: out of memory is not an error ccon can
 * recover from, so these abort with a message instead of returning NULL. */
#ifndef CCON_XALLOC_H
#define CCON_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xreallocarray(void *p, size_t count, size_t size);
char *xstrdup(const char *s);
/* A new formatted string; for error messages handed to callers. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

#endif
