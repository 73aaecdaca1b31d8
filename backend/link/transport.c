#include "backend/link/transport.h"

#include <stdlib.h>
#include <string.h>

#include "backend/util/clock.h"
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

enum stream_proof
transport_stream_proof(struct transport *t, uint64_t prev_poll_ms,
		       uint64_t *ago_ms)
{
	uint64_t heard;

	*ago_ms = 0;
	if (t->ops->stream_heard_ms == NULL)
		return STREAM_PROVEN;
	heard = t->ops->stream_heard_ms(t);
	if (heard == 0)
		return STREAM_UNPROVEN;
	if (heard < prev_poll_ms)
		return STREAM_LATE;
	*ago_ms = clock_monotonic_ms() - heard;
	return STREAM_PROVEN;
}
