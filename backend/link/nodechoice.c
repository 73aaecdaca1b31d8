#include "backend/link/nodechoice.h"

#include <stdbool.h>

/* Whether a node that was down or judged may be tried again. */
static bool
returning(const struct node_choice *c, uint64_t now_ms)
{
	return c->retry_ms != 0 && c->retry_ms <= now_ms;
}

/* Lower is better; -1: not to be used now. */
static int
rank(const struct node_choice *c, uint64_t now_ms)
{
	/* Its time has come: tried again as if nothing were known. */
	if (returning(c, now_ms))
		return 0;
	if (c->link == LINK_DOWN || c->verdict == VERDICT_NO_STACK)
		return -1;
	switch (c->verdict) {
	case VERDICT_SLOW:
		return 1;
	case VERDICT_NO_QUORUM:
		return 2;
	default:
		return 0;
	}
}

/* The best node but current (-1: none), given that best may be taken
 * among the returning ones or not. */
static long
best_other(const struct node_choice *nodes, size_t n, long current,
	   int cur_rank, bool take_returning, uint64_t now_ms)
{
	long best = cur_rank >= 0 ? current : -1;
	int best_rank = cur_rank;
	size_t i;

	for (i = 0; i < n; i++) {
		int r = rank(&nodes[i], now_ms);

		if (r < 0 || (long)i == current ||
		    returning(&nodes[i], now_ms) != take_returning)
			continue;
		/* Among good ones the configured order decides (back to
		 * the first once it serves); among lesser ones the one in
		 * use stays, rather than a round of the nodes each time. */
		if (best < 0 || r < best_rank ||
		    (r == best_rank && r == 0 && (long)i < best)) {
			best = (long)i;
			best_rank = r;
		}
	}
	return best;
}

static int
current_rank(const struct node_choice *nodes, size_t n, long current,
	     uint64_t now_ms)
{
	return current >= 0 && (size_t)current < n
		? rank(&nodes[current], now_ms) : -1;
}

long
nodechoice_pick(const struct node_choice *nodes, size_t n, long current,
		 uint64_t now_ms)
{
	int cur_rank = current_rank(nodes, n, current, now_ms);
	long best;

	/* While the node in use serves, returning nodes are the
	 * background's (nodechoice_probe): trying one here could cost a
	 * connect timeout, or a slow login, with each of its turns. */
	best = best_other(nodes, n, current, cur_rank, false, now_ms);
	if (cur_rank >= 0 || best >= 0)
		return best;
	return best_other(nodes, n, current, cur_rank, true, now_ms);
}

long
nodechoice_probe(const struct node_choice *nodes, size_t n, long current,
		  uint64_t now_ms)
{
	int cur_rank = current_rank(nodes, n, current, now_ms);
	long best;

	if (cur_rank < 0)
		return -1;
	best = best_other(nodes, n, current, cur_rank, true, now_ms);
	return best == current ? -1 : best;
}
