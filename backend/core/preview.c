#include "backend/core/preview.h"

#include <stdlib.h>
#include <string.h>

#include "backend/util/xalloc.h"

void
preview_add(struct preview *p, enum preview_change change, const char *id,
	    const char *from, const char *to)
{
	struct preview_item *it;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->items = xreallocarray(p->items, p->cap, sizeof(*p->items));
	}
	it = &p->items[p->n++];
	it->change = change;
	it->id = xstrdup(id);
	it->from = from != NULL ? xstrdup(from) : NULL;
	it->to = to != NULL ? xstrdup(to) : NULL;
}

void
preview_free(struct preview *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->items[i].id);
		free(p->items[i].from);
		free(p->items[i].to);
	}
	free(p->items);
	memset(p, 0, sizeof(*p));
}

const char *
preview_change_word(enum preview_change c)
{
	switch (c) {
	case PREVIEW_STOP: return "stop";
	case PREVIEW_START: return "start";
	case PREVIEW_MOVE: return "move";
	case PREVIEW_RESTART: return "restart";
	case PREVIEW_PROMOTE: return "promote";
	case PREVIEW_DEMOTE: return "demote";
	case PREVIEW_COUNT: break;
	}
	return "change";
}

int
preview_touches(const struct preview *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->items[i].id, id) == 0)
			return 1;
	return 0;
}
