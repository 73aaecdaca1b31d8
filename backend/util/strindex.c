/* Open addressing with linear probing over slots of (hash, key, first and
 * last position), grown at half load; a per-position "next" array chains
 * the positions that share a key. The hash is seeded per process, so
 * that names chosen by a cluster cannot be made to collide on purpose. */
#include "backend/util/strindex.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backend/util/xalloc.h"

#define NONE SIZE_MAX

struct slot {
	uint64_t hash;
	const char *key;          /* NULL: empty */
	size_t first, last;
};

struct strindex {
	struct slot *slots;
	size_t cap, used;         /* cap is a power of two */
	size_t *next;             /* next[pos]: the following pos, or NONE */
	size_t next_cap;
};

static uint64_t
seed(void)
{
	static uint64_t s;

	if (s == 0) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		s = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^
		    ((uint64_t)getpid() << 40) ^ 0x9e3779b97f4a7c15ull;
		s |= 1;
	}
	return s;
}

/* FNV-1a over the bytes, started from the seed, then mixed. */
static uint64_t
hash_of(const char *key)
{
	const unsigned char *p = (const unsigned char *)key;
	uint64_t h = 0xcbf29ce484222325ull ^ seed();

	for (; *p; p++) {
		h ^= *p;
		h *= 0x100000001b3ull;
	}
	h ^= h >> 31;
	h *= 0x7fb5d329728ea185ull;
	h ^= h >> 27;
	return h;
}

struct strindex *
strindex_new(void)
{
	struct strindex *x = xcalloc(1, sizeof(*x));

	x->cap = 16;
	x->slots = xcalloc(x->cap, sizeof(*x->slots));
	return x;
}

void
strindex_free(struct strindex *x)
{
	if (x == NULL)
		return;
	free(x->slots);
	free(x->next);
	free(x);
}

static struct slot *
probe(const struct strindex *x, const char *key, uint64_t h)
{
	size_t mask = x->cap - 1, i = (size_t)h & mask;

	while (x->slots[i].key != NULL &&
	       (x->slots[i].hash != h || strcmp(x->slots[i].key, key) != 0))
		i = (i + 1) & mask;
	return &x->slots[i];
}

static void
grow(struct strindex *x)
{
	struct slot *old = x->slots;
	size_t old_cap = x->cap, i;

	x->cap *= 2;
	x->slots = xcalloc(x->cap, sizeof(*x->slots));
	for (i = 0; i < old_cap; i++)
		if (old[i].key != NULL)
			*probe(x, old[i].key, old[i].hash) = old[i];
	free(old);
}

void
strindex_add(struct strindex *x, const char *key, size_t pos)
{
	uint64_t h = hash_of(key);
	struct slot *s;

	if (pos >= x->next_cap) {
		size_t cap = x->next_cap ? x->next_cap : 16;

		while (cap <= pos)
			cap *= 2;
		x->next = xreallocarray(x->next, cap, sizeof(*x->next));
		while (x->next_cap < cap)
			x->next[x->next_cap++] = NONE;
	}
	x->next[pos] = NONE;
	if (2 * (x->used + 1) > x->cap)
		grow(x);
	s = probe(x, key, h);
	if (s->key == NULL) {
		s->hash = h;
		s->key = key;
		s->first = s->last = pos;
		x->used++;
		return;
	}
	x->next[s->last] = pos;
	s->last = pos;
}

long
strindex_find(const struct strindex *x, const char *key)
{
	const struct slot *s = probe(x, key, hash_of(key));

	return s->key != NULL ? (long)s->first : -1;
}

long
strindex_next(const struct strindex *x, size_t pos)
{
	if (pos >= x->next_cap || x->next[pos] == NONE)
		return -1;
	return (long)x->next[pos];
}
