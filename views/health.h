/* A cluster in one line: how it is (healthy, pending, bad, not known
 * yet), its figures, whether its data is fresh, and what changed for
 * the worse since it was last looked at. The clusters overview (view 0),
 * the tab bar's marks and the "turns bad" note of the status line all
 * read this one summary, so they cannot disagree. Pure: no curses, no
 * clock of its own. */
#ifndef CCON_HEALTH_H
#define CCON_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backend/core/cluster.h"
#include "backend/core/model.h"
#include "tui/widgets/tone.h"
#include "views/rows_query.h"

/* Worst last: a cluster's health is the worst that holds for it. */
enum health { HEALTH_OK, HEALTH_UNKNOWN, HEALTH_PENDING, HEALTH_BAD };

/* How fresh the data is. */
enum health_reach {
	REACH_FRESH,        /* the last look succeeded */
	REACH_CONNECTING,   /* no data yet, no error yet */
	REACH_STALE,        /* old data, the looks are late */
	REACH_UNREACHABLE,  /* old data, the looks fail */
	REACH_NEVER,        /* no data ever came, the looks fail */
};

/* Why a cluster is bad (HEALTH_BAD): bits, so that what is new can be
 * told from what was already known. */
enum {
	HEALTH_WHY_FAILED = 1u << 0,
	HEALTH_WHY_QUORUM = 1u << 1,    /* no quorum, or a minority view */
	HEALTH_WHY_UNREACHABLE = 1u << 2,
	HEALTH_WHY_UNCLEAN = 1u << 3,   /* a node to be fenced */
};

#define HEALTH_NAME_MAX 65
#define HEALTH_ID_MAX 64

struct health_summary {
	char name[HEALTH_NAME_MAX];
	enum health health;
	unsigned why;                   /* HEALTH_WHY_* */
	struct rows_summary m;
	unsigned not_meant;             /* resources not as they are meant
					 * to be (online, or off and meant
					 * to be off) */
	bool have_snap;
	bool no_quorum, minority, maintenance, stop_all;
	enum health_reach reach;
	uint64_t age_ms;                /* since the last good look; 0 when
					 * none was */
	bool readonly;
	char node[128];                 /* the node in use, or "" */
	char first_failed[HEALTH_ID_MAX]; /* a failed resource's id, or "" */
	char first_unclean[HEALTH_ID_MAX]; /* an unclean node's name, or "" */
	/* Which snapshot the snapshot's part was read from (health_input's
	 * snap_gen; 0: none): a summary of the same one is not counted
	 * again (health_input.before). */
	uint64_t from_gen;
};

/* What the loop knows of one cluster. snap and st may be NULL (no data,
 * no status yet); now_ms is the cluster's clock. */
struct health_input {
	const char *name;
	const struct snapshot *snap;
	const struct cluster_status *st;
	bool readonly;
	uint64_t now_ms;
	/* Which snapshot snap is, counted by the caller (1, 2, ...; 0: not
	 * counted, always summarized anew). */
	uint64_t snap_gen;
	/* The last summary of this cluster, or NULL: when it was of the
	 * same snapshot (snapshots do not change), its counts are kept and
	 * only the clock's and the status's part is new, so that an idle
	 * console redrawing its ages does not count every resource of
	 * every cluster each second. May be the out of the same call. */
	const struct health_summary *before;
};

void health_summarize(const struct health_input *in,
		      struct health_summary *out);

/* The mark of a health: "●" "?" "~" "✖" (glyph.h: "+" "?" "~" "!"
 * without UTF-8).
 * Every health has its own glyph: colour is never the only carrier. */
const char *health_mark(enum health h);
/* The tone the mark and the overview's line are drawn in. */
enum tone health_tone(enum health h);

/* How fresh the data is, in words: "2s", "stale 12s", "unreachable 2m",
 * "never reached", "connecting". */
void health_reach_text(const struct health_summary *s, char *buf,
		       size_t sz);
/* The quorum in words: "ok", "NO QUORUM", "minority view", or "" before
 * any data. */
const char *health_quorum_text(const struct health_summary *s);

/* What the loop remembers of a cluster between looks, for news. */
struct health_watch {
	bool seen;                      /* a summary was looked at before */
	unsigned why;
	unsigned failed;
};

/* Whether s is worse than what w remembers: a new reason to be bad, or
 * more failed resources. Then msg says it once ("staging: 1 failed (db)",
 * "staging: no quorum", "staging: unreachable", "staging: node3
 * unclean") and true is returned.
 * w is updated either way, so the same trouble is not said again on the
 * next look; trouble that went away and came back is news again. */
bool health_news(struct health_watch *w, const struct health_summary *s,
		 char *msg, size_t sz);

#endif
