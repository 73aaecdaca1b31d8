/* Filter, sort, hide healthy, folds and the next marked row; see
 * rows_find.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "views/rows_find.h"
#include "views/rows_query.h"

#define WORDS_MAX 1024

const char *
rows_sort_word(enum rows_sort s)
{
	switch (s) {
	case ROWS_SORT_NAME: return "name";
	case ROWS_SORT_STATE: return "state";
	case ROWS_SORT_NODE: return "node";
	case ROWS_SORT_FAILS: return "fail count";
	default: return "listed";
	}
}

/* ---- facts, once per rebuild ------------------------------------------ */

static int
grow(void **v, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *nv;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 64;
	while (ncap < need)
		ncap *= 2;
	nv = realloc(*v, ncap * elem);
	if (nv == NULL)
		return -1;
	*v = nv;
	*cap = ncap;
	return 0;
}

static unsigned char
rank_of(const struct rows_ctx *c, size_t i, const struct row *r)
{
	enum tone t;

	if (r->kind == ROW_HEADING)
		return ROWS_RANK_AS_MEANT;
	if (r->kind == ROW_EVENT) {
		if (rows_tone(c, i, COL_EVKIND) == TONE_TR_FAILED ||
		    rows_tone(c, i, COL_TEXT) == TONE_FAILED)
			return ROWS_RANK_FAILED;
		return rows_tone(c, i, COL_TEXT) == TONE_WARN ?
		    ROWS_RANK_NOT_AS_MEANT : ROWS_RANK_AS_MEANT;
	}
	/* The colours the screen shows: red and yellow are what n finds. */
	t = rows_tone(c, i, COL_STATE);
	if (t == TONE_FAILED || t == TONE_TR_FAILED)
		return ROWS_RANK_FAILED;
	if (t == TONE_PENDING)
		return ROWS_RANK_PENDING;
	return rows_as_meant(c->snap, r) ? ROWS_RANK_AS_MEANT :
	    ROWS_RANK_NOT_AS_MEANT;
}

static void
fact_of(const struct rows_ctx *c, const struct row *r, struct rows_fact *f)
{
	const struct snapshot *s = c->snap;
	const struct model_group *g;
	const char *owner = NULL;
	size_t m;

	f->name = "";
	f->node = NULL;
	f->fails = 0;
	if (r->kind == ROW_HEADING) {
		f->name = "(no group)";
		return;
	}
	if (r->kind == ROW_EVENT || !rows_valid(s, r))
		return;
	switch (r->kind) {
	case ROW_RESOURCE:
		f->name = s->resources[r->index].id;
		f->node = s->resources[r->index].n_nodes > 0 ?
		    s->resources[r->index].nodes[0] : NULL;
		f->fails = s->resources[r->index].failcount;
		break;
	case ROW_GROUP:
		g = &s->groups[r->index];
		f->name = g->id;
		if (rows_owners(s, r, &owner, 1) == 1)
			f->node = owner;
		for (m = 0; m < g->n_members; m++)
			if (g->members[m] < s->n_resources)
				f->fails += s->resources[g->members[m]]
				    .failcount;
		break;
	case ROW_NODE:
		f->name = s->nodes[r->index].name;
		f->node = f->name;
		break;
	default:
		break;
	}
	if (f->name == NULL)
		f->name = "";
}

int
rows_facts_build(struct rows_facts *f, const struct rows_ctx *c)
{
	char words[WORDS_MAX];
	size_t i, n = c->rows != NULL ? c->rows->n : 0, wl;

	f->n = 0;
	f->len = 0;
	if (grow((void **)&f->v, &f->cap, n ? n : 1, sizeof *f->v) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		const struct row *r = &c->rows->v[i];

		rows_words(c, i, words, sizeof words);
		wl = strlen(words) + 1;
		if (grow((void **)&f->text, &f->text_cap, f->len + wl, 1) != 0) {
			f->n = 0;
			return -1;
		}
		memcpy(f->text + f->len, words, wl);
		f->v[i].words = f->len;
		f->len += wl;
		fact_of(c, r, &f->v[i]);
		f->v[i].rank = rank_of(c, i, r);
	}
	f->n = n;
	return 0;
}

void
rows_facts_free(struct rows_facts *f)
{
	free(f->v);
	free(f->text);
	memset(f, 0, sizeof *f);
}

/* ---- folds ------------------------------------------------------------ */

/* Kind and id in one key: a heading and a group may share a name. */
static int
fold_cmp(const char *key, enum row_kind kind, const char *id)
{
	if ((unsigned char)key[0] != (unsigned char)('A' + kind))
		return (unsigned char)key[0] < (unsigned char)('A' + kind) ?
		    -1 : 1;
	return strcmp(key + 1, id);
}

/* The place of (kind, id) in fs->keys: found, or where it would go. */
static size_t
fold_find(const struct rows_folds *fs, enum row_kind kind, const char *id,
	  bool *found)
{
	size_t lo = 0, hi = fs->n, mid;
	int c;

	*found = false;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = fold_cmp(fs->keys[mid], kind, id);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool
rows_folds_has(const struct rows_folds *fs, enum row_kind kind, const char *id)
{
	bool found;

	if (fs->n == 0 || id == NULL)
		return false;
	(void)fold_find(fs, kind, id, &found);
	return found;
}

int
rows_folds_set(struct rows_folds *fs, enum row_kind kind, const char *id,
	       bool folded)
{
	size_t at, len;
	bool found;
	char *key;

	if (id == NULL)
		return 0;
	at = fold_find(fs, kind, id, &found);
	if (found == folded)
		return 0;
	if (!folded) {
		free(fs->keys[at]);
		memmove(&fs->keys[at], &fs->keys[at + 1],
		    (fs->n - at - 1) * sizeof *fs->keys);
		fs->n--;
		return 0;
	}
	if (grow((void **)&fs->keys, &fs->cap, fs->n + 1, sizeof *fs->keys) != 0)
		return -1;
	len = strlen(id);
	key = malloc(len + 2);
	if (key == NULL)
		return -1;
	key[0] = (char)('A' + kind);
	memcpy(key + 1, id, len + 1);
	memmove(&fs->keys[at + 1], &fs->keys[at],
	    (fs->n - at) * sizeof *fs->keys);
	fs->keys[at] = key;
	fs->n++;
	return 0;
}

void
rows_folds_free(struct rows_folds *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		free(fs->keys[i]);
	free(fs->keys);
	memset(fs, 0, sizeof *fs);
}

/* ---- shaping ---------------------------------------------------------- */

/* A block: a row of depth 0 and the members under it that show. */
struct block {
	size_t head;            /* index in all */
	size_t first, count;    /* members: keep[first .. first+count) */
	bool shown;
};

/* What a sort compares: one block, or one loose member. */
struct sortkey {
	const struct rows_fact *f;
	size_t order;           /* where the cluster lists it */
	size_t what;            /* the block or member it stands for */
};

static int
by_order(const struct sortkey *a, const struct sortkey *b)
{
	return a->order < b->order ? -1 : a->order > b->order;
}

static int
by_name(const void *pa, const void *pb)
{
	const struct sortkey *a = pa, *b = pb;
	int c = strcasecmp(a->f->name, b->f->name);

	if (c == 0)
		c = strcmp(a->f->name, b->f->name);
	return c != 0 ? c : by_order(a, b);
}

static int
by_state(const void *pa, const void *pb)
{
	const struct sortkey *a = pa, *b = pb;

	if (a->f->rank != b->f->rank)
		return a->f->rank < b->f->rank ? -1 : 1;
	return by_order(a, b);
}

/* What runs nowhere comes last. */
static int
by_node(const void *pa, const void *pb)
{
	const struct sortkey *a = pa, *b = pb;
	int c;

	if ((a->f->node == NULL) != (b->f->node == NULL))
		return a->f->node == NULL ? 1 : -1;
	if (a->f->node != NULL && (c = strcmp(a->f->node, b->f->node)) != 0)
		return c;
	return by_name(pa, pb);
}

static int
by_fails(const void *pa, const void *pb)
{
	const struct sortkey *a = pa, *b = pb;

	if (a->f->fails != b->f->fails)
		return a->f->fails > b->f->fails ? -1 : 1;
	return by_order(a, b);
}

static void
sort_keys(struct sortkey *k, size_t n, enum rows_sort how)
{
	int (*cmp)(const void *, const void *);

	switch (how) {
	case ROWS_SORT_NAME: cmp = by_name; break;
	case ROWS_SORT_STATE: cmp = by_state; break;
	case ROWS_SORT_NODE: cmp = by_node; break;
	case ROWS_SORT_FAILS: cmp = by_fails; break;
	default: return;
	}
	if (n > 1)
		qsort(k, n, sizeof *k, cmp);
}

static bool
passes(const struct rows_facts *f, size_t i, const char *needle, bool hide)
{
	if (hide && f->v[i].rank == ROWS_RANK_AS_MEANT)
		return false;
	return needle[0] == '\0' || strstr(f->text + f->v[i].words, needle)
	    != NULL;
}

/* out has room for every row of all (rows_shape_apply). */
static void
push(struct row_list *out, size_t *src, const struct row *r, size_t from)
{
	src[out->n] = from;
	out->v[out->n++] = *r;
}

int
rows_shape_apply(const struct row_list *all, const struct rows_facts *f,
		 const struct rows_shape *sh, struct row_list *out,
		 size_t *src)
{
	char needle[ROWS_FILTER_MAX];
	struct block *blocks = NULL;
	struct sortkey *keys = NULL;
	size_t *keep = NULL, nb = 0, nk = 0, i, j, b, n = all->n, nkeys;
	size_t loose = SIZE_MAX;
	int rc = -1;

	out->n = 0;
	if (f->n != n)
		return n == 0 ? 0 : -1;
	if (n == 0)
		return 0;
	for (i = 0; i < sizeof needle - 1 && sh->filter[i] != '\0'; i++)
		needle[i] = (sh->filter[i] >= 'A' && sh->filter[i] <= 'Z') ?
		    (char)(sh->filter[i] - 'A' + 'a') : sh->filter[i];
	needle[i] = '\0';
	if (grow((void **)&out->v, &out->cap, n, sizeof *out->v) != 0)
		goto out;
	blocks = malloc(n * sizeof *blocks);
	keep = malloc(n * sizeof *keep);
	keys = malloc(n * sizeof *keys);
	if (blocks == NULL || keep == NULL || keys == NULL)
		goto out;
	/* Every row of depth 0 heads a block: in a flat list each row is
	 * one, in the tree a group with its members. */
	for (i = 0; i < n; i = j) {
		struct block *bl = &blocks[nb++];

		bl->head = i;
		bl->first = nk;
		bl->count = 0;
		for (j = i + 1; j < n && all->v[j].depth > 0; j++)
			if (passes(f, j, needle, sh->hide_healthy))
				keep[nk++] = j;
		bl->count = nk - bl->first;
		bl->shown = bl->count > 0 || (all->v[i].kind != ROW_HEADING &&
		    passes(f, i, needle, sh->hide_healthy));
		if (all->v[i].kind == ROW_HEADING)
			loose = nb - 1;
	}
	/* Blocks in the sort's order; the heading of loose resources stays
	 * last, and only its members (which have no order of their own)
	 * are sorted. */
	for (b = 0, nkeys = 0; b < nb; b++)
		if (b != loose)
			keys[nkeys++] = (struct sortkey){
			    .f = &f->v[blocks[b].head], .order = b, .what = b };
	sort_keys(keys, nkeys, sh->sort);
	if (loose != SIZE_MAX)
		keys[nkeys++] = (struct sortkey){ .order = loose, .what = loose };
	for (b = 0; b < nkeys; b++) {
		const struct block *bl = &blocks[keys[b].what];
		struct row r = all->v[bl->head];
		bool folded;

		if (!bl->shown)
			continue;
		folded = (r.kind == ROW_GROUP || r.kind == ROW_HEADING) &&
		    bl->head + 1 < n && all->v[bl->head + 1].depth > 0 &&
		    rows_folds_has(&sh->folds, r.kind, f->v[bl->head].name);
		r.folded = folded;
		r.n_folded = folded ? (unsigned)bl->count : 0;
		push(out, src, &r, bl->head);
		if (folded)
			continue;
		if (keys[b].what == loose && sh->sort != ROWS_SORT_LISTED) {
			struct sortkey *mk = keys + nkeys;
			size_t m;

			/* keys has n entries and at most nb + count are used. */
			for (m = 0; m < bl->count; m++)
				mk[m] = (struct sortkey){
				    .f = &f->v[keep[bl->first + m]],
				    .order = m, .what = keep[bl->first + m] };
			sort_keys(mk, bl->count, sh->sort);
			for (m = 0; m < bl->count; m++)
				keep[bl->first + m] = mk[m].what;
		}
		for (j = 0; j < bl->count; j++) {
			r = all->v[keep[bl->first + j]];
			r.last = j + 1 == bl->count;
			r.folded = false;
			r.n_folded = 0;
			push(out, src, &r, keep[bl->first + j]);
		}
	}
	rc = 0;
out:
	if (rc != 0)
		out->n = 0;
	free(blocks);
	free(keep);
	free(keys);
	return rc;
}

/* ---- n and N ---------------------------------------------------------- */

bool
rows_marked(const struct rows_facts *f, const size_t *src, size_t i)
{
	return src[i] < f->n && f->v[src[i]].rank <= ROWS_RANK_PENDING;
}

long
rows_next_marked(const struct rows_facts *f, const size_t *src, size_t n,
		 size_t from, int dir, bool *wrapped)
{
	size_t k, j;

	*wrapped = false;
	if (n == 0)
		return -1;
	if (from >= n)
		from = n - 1;
	for (k = 1; k <= n; k++) {
		if (dir > 0) {
			j = (from + k) % n;
			if (j <= from)
				*wrapped = true;
		} else {
			j = (from + n - k) % n;
			if (j >= from)
				*wrapped = true;
		}
		if (rows_marked(f, src, j))
			return (long)j;
	}
	*wrapped = false;
	return -1;
}

size_t
rows_count_marked(const struct rows_facts *f, const size_t *src, size_t n,
		  size_t at, size_t *nth)
{
	size_t i, count = 0;

	if (nth != NULL)
		*nth = 0;
	for (i = 0; i < n; i++) {
		if (!rows_marked(f, src, i))
			continue;
		count++;
		if (i == at && nth != NULL)
			*nth = count;
	}
	return count;
}
