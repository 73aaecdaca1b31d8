/* Bounded string copying for fixed-size message buffers, where cutting a
 * long message short is the intended behaviour. */
#ifndef CCON_STR_H
#define CCON_STR_H

#include <stddef.h>
#include <string.h>

/* Copies src into dst (size sz > 0), cut short if needed and always
 * NUL-terminated, never splitting a UTF-8 character. Returns dst. */
static inline char *
str_copy(char *dst, size_t sz, const char *src)
{
	size_t n = strlen(src);

	if (n >= sz) {
		n = sz - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
	return dst;
}

#endif
