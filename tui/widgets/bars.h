/* The bars around the body: the tab line (the current cluster, the
 * views, the other clusters with their health marks, a summary at the
 * right), the key bar (the keys that apply, htop style) and the status
 * line (cluster, source, age, mode, the last message). */
#ifndef CCON_WIDGETS_BARS_H
#define CCON_WIDGETS_BARS_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

#include "tui/widgets/theme.h"
#include "tui/widgets/tone.h"

/* A cluster in the tab line: its name and health mark, drawn in tone
 * (the mark differs by health too: colour is never alone). */
struct tabbar_cluster {
	const char *name;
	const char *mark;
	enum tone tone;
	bool bad;                       /* kept by name when room is short */
};

/* A piece of the summary; alert ones (NO QUORUM, failed 3) are drawn
 * red and bold, or in reverse without colour. */
struct tabbar_seg {
	const char *text;
	bool alert;
};

struct tabbar_form {
	const struct tabbar_seg *segs;
	size_t n;
};

struct tabbar {
	const char *const *tabs;
	size_t n_tabs;
	size_t current;                 /* n_tabs: none (view 0 is shown) */
	const char *overview;           /* tab 0's label, or NULL: no tab 0 */
	bool overview_current;
	/* Every cluster, when there are several (else n_clusters 0). */
	const struct tabbar_cluster *clusters;
	size_t n_clusters, cur_cluster;
	const struct tabbar_form *summary; /* longest first; the first that
					    * fits is drawn at the right */
	size_t n_summary;
};

/* Where the mouse can click in the tab line. */
enum bar_hit_kind { BAR_HIT_VIEW, BAR_HIT_OVERVIEW, BAR_HIT_CLUSTER };

struct bar_hit {
	int x0, x1;                     /* columns [x0, x1) */
	enum bar_hit_kind kind;
	size_t index;                   /* of the tab or the cluster */
};

#define BAR_HITS_MAX 32

struct bar_hits {
	struct bar_hit v[BAR_HITS_MAX];
	size_t n;
};

/* Draws the tab line; hits (may be NULL) gets where each tab and
 * cluster went. */
void tabbar_draw(WINDOW *w, const struct theme *th, const struct tabbar *t,
		 struct bar_hits *hits);
/* The hit at column x, or NULL. */
const struct bar_hit *bar_hit_at(const struct bar_hits *h, int x);

struct keybar_item {
	const char *key;                /* "o", "Enter" */
	const char *word;               /* "online" */
};

/* The key bar: the items as "o online  x offline", the keys in reverse
 * video (the caller fits the list to the width). */
void keybar_draw(WINDOW *w, const struct theme *th,
		 const struct keybar_item *items, size_t n);

struct statusbar {
	const char *cluster;
	const char *source;             /* "" before any data */
	const char *age;                /* "2s", "stale 12s", "never reached" */
	bool stale;
	const char *error;              /* why stale, or "" */
	bool readonly;
	const char *message;            /* the last action's answer, or "" */
	enum tone message_tone;
};

/* The columns each field of the status line gets, at a width. The mode
 * (READ-ONLY or rw) is reserved first: whatever else is long, it is
 * never the field that is cut. */
struct statusbar_fit {
	int cluster, source, age, mode, message; /* 0: not drawn */
	bool message_cut;               /* M shows the whole of it */
};

#define STATUSBAR_SEP 3                 /* " │ " */

/* Pure: no curses. */
void statusbar_layout(const struct statusbar *s, int cols,
		      struct statusbar_fit *f);
void statusbar_draw(WINDOW *w, const struct theme *th,
		    const struct statusbar *s);

#endif
