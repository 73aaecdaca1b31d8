/* Display rows: a snapshot or the event history turned into the rows and
 * cell texts the views show. Pure (no curses, no I/O, no clock of its own)
 * so that it can be tested alone. Cell texts are raw cluster text: the
 * table widget sanitizes and fits every cell before it reaches the screen.
 * Building and identity are in rows.c, texts and tones in rows_cells.c;
 * what they ask of the model is in rows_query.h. */
#ifndef CCON_ROWS_H
#define CCON_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "backend/core/cluster.h"
#include "backend/core/model.h"
#include "tui/widgets/tone.h"
#include "views/evhist.h"

enum row_kind { ROW_HEADING, ROW_GROUP, ROW_RESOURCE, ROW_NODE, ROW_EVENT };

/* What a column shows; views pick theirs. */
enum col_id {
	COL_ROW = -1,       /* the row as a whole: gutter and gaps */
	COL_TREE,           /* name with the tree prefix (groups view) */
	COL_NAME,
	COL_GROUP,
	COL_STATE,
	COL_NODES,
	COL_AGENT,          /* agent, or the kind of a group row */
	COL_FAILS,
	COL_FLAGS,
	COL_DC,
	COL_NODE_FLAGS,
	COL_RESCOUNT,
	COL_TIME,
	COL_SEVERITY,
	COL_EVKIND,
	COL_TEXT,
	COL_COUNT
};

struct row {
	enum row_kind kind;
	size_t index;       /* into the snapshot's resources, groups or nodes,
			     * or the event history (0 = newest) */
	unsigned instance;  /* n-th resource with this id: clone instances */
	unsigned depth;     /* 1: drawn under its group */
	bool last;          /* last member of its group: └ rather than ├ */
	/* Set by the shaping of views/rows_find.h, not by the builders: a
	 * group (or heading) row of the tree whose members are folded away,
	 * and how many of them would show. */
	bool folded;
	unsigned n_folded;
};

struct row_list {
	struct row *v;
	size_t n, cap;
};

/* A row's identity, kept across snapshots so the selection follows the
 * object and not the index. */
#define ROW_KEY_MAX 256
struct row_key {
	bool valid;
	enum row_kind kind;
	unsigned instance;
	uint64_t seq;       /* events */
	char id[ROW_KEY_MAX];
};

/* What cell texts are computed from. */
struct rows_ctx {
	const struct snapshot *snap;        /* may be NULL */
	const struct event_hist *events;    /* may be NULL */
	const struct row_list *rows;
	uint64_t now_ms;                    /* the cluster's monotonic clock */
};

/* The i-th row of c->rows, or NULL. */
const struct row *rows_at(const struct rows_ctx *c, size_t i);

/* Rebuild *out from s (which may be NULL: no rows). Return 0, or -1 when
 * out of memory (the list is then empty). */
int rows_groups(struct row_list *out, const struct snapshot *s);
int rows_resources(struct row_list *out, const struct snapshot *s);
int rows_nodes(struct row_list *out, const struct snapshot *s);
int rows_events(struct row_list *out, const struct event_hist *h);
void rows_free(struct row_list *l);

/* The width of a state cell while its row is pending ("OFFLINE PENDING
 * / 12s"): its clock grows between two builds of the rows, so the cell
 * is padded to this and the column does not move. */
#define ROWS_STATE_PENDING_COLS 21

/* The raw text of one cell (possibly empty), always NUL-terminated. */
void rows_text(const struct rows_ctx *c, size_t i, enum col_id col,
	       char *buf, size_t sz);
enum tone rows_tone(const struct rows_ctx *c, size_t i, enum col_id col);

void rows_key(const struct rows_ctx *c, size_t i, struct row_key *out);
/* The index of the row with this key, or -1. */
long rows_find(const struct rows_ctx *c, const struct row_key *k);

/* The mark before a folded group's name in the tree ("▸ web +3"); an
 * open group has none (its members' tree lines show it). One function,
 * so that the glyph has one place. */
const char *rows_fold_glyph(void);

/* The tone an event of this severity is shown in. */
enum tone rows_severity_tone(enum event_severity sev);

/* "3s", "4m", "2h": an elapsed time in a few columns. */
void rows_elapsed(uint64_t ms, char *buf, size_t sz);

#endif
