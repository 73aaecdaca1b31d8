#include "backend/link/transport.h"

#include <stdlib.h>
#include <string.h>

#include "backend/util/xalloc.h"

void
transport_result_free(struct transport_result *r)
{
	if (r == NULL)
		return;
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof(*r));
	r->exit_status = -1;
}

int
transport_append(char **buf, size_t *len, size_t *cap, const char *data,
		 size_t n)
{
	if (n > TRANSPORT_OUTPUT_MAX - *len)
		return -1;
	if (*buf == NULL || *len + n + 1 > *cap) {
		size_t want = *cap ? *cap : 4096;

		while (want < *len + n + 1)
			want *= 2;
		*buf = xreallocarray(*buf, want, 1);
		*cap = want;
	}
	memcpy(*buf + *len, data, n);
	*len += n;
	(*buf)[*len] = '\0';
	return 0;
}
