#include "backend/link/nodechoice.h"

/* Lower is better; -1: not to be used now. */
static int
rank(const struct node_choice *c, uint64_t now_ms)
{
	/* Its time has come: tried again as if nothing were known. */
	if (c->retry_ms != 0 && c->retry_ms <= now_ms)
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

long
nodechoice_pick(const struct node_choice *nodes, size_t n, long current,
		 uint64_t now_ms)
{
	int cur_rank = current >= 0 && (size_t)current < n
		? rank(&nodes[current], now_ms) : -1;
	long best = cur_rank >= 0 ? current : -1;
	int best_rank = cur_rank;
	size_t i;

	for (i = 0; i < n; i++) {
		int r = rank(&nodes[i], now_ms);

		if (r < 0 || (long)i == current)
			continue;
		/* Not while the node in use serves: a connect timeout
		 * each time its backoff ends. */
		if (cur_rank >= 0 && nodes[i].link == LINK_DOWN)
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
