/* The event ring; see evhist.h. */
#include <stdlib.h>
#include <string.h>

#include "views/evhist.h"

int
evhist_init(struct event_hist *h, size_t cap)
{
	memset(h, 0, sizeof *h);
	if (cap == 0)
		cap = 1;
	h->v = calloc(cap, sizeof *h->v);
	if (h->v == NULL)
		return -1;
	h->cap = cap;
	return 0;
}

void
evhist_free(struct event_hist *h)
{
	free(h->v);
	memset(h, 0, sizeof *h);
}

void
evhist_push(struct event_hist *h, const struct event *e)
{
	if (h->cap == 0)
		return;
	if (h->n < h->cap) {
		h->v[(h->start + h->n) % h->cap] = *e;
		h->n++;
	} else {
		h->v[h->start] = *e;
		h->start = (h->start + 1) % h->cap;
	}
	h->gen++;
}

const struct event *
evhist_get(const struct event_hist *h, size_t i)
{
	if (h == NULL || i >= h->n)
		return NULL;
	return &h->v[(h->start + h->n - 1 - i) % h->cap];
}
