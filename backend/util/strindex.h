/* An index from strings to positions in an array its caller owns (the
 * resources of a snapshot, say): built by adding each position once, in
 * increasing order, then read. Lookups take constant time, so matching
 * two snapshots' thousands of resources stays linear. Keys are not
 * copied: they must outlive the index. Several positions may share a key
 * (the instances of a clone); they are kept in order. */
#ifndef CCON_STRINDEX_H
#define CCON_STRINDEX_H

#include <stddef.h>

struct strindex;

struct strindex *strindex_new(void);
void strindex_free(struct strindex *x);

/* Records that key is at pos; pos is larger than every pos added before. */
void strindex_add(struct strindex *x, const char *key, size_t pos);

/* The first position with key, or -1. */
long strindex_find(const struct strindex *x, const char *key);
/* The next position after pos with the same key as pos, or -1. */
long strindex_next(const struct strindex *x, size_t pos);

#endif
