/* `ccon --once`: one snapshot as JSON for scripts, or as a short text
 * summary for people. Both are written to a FILE that is often a
 * terminal, so neither lets a cluster string steer it: the text goes
 * through termtext, and the JSON escapes every control character (and
 * the C1 and bidi controls, which JSON allows raw) as \uXXXX, which
 * decodes to the same string. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "tui/report.h"

#include "backend/core/flags.h"
#include "backend/util/fout.h"
#include "backend/util/jsonw.h"
#include "backend/util/termtext.h"
#include "views/rows_query.h"
#include "backend/util/xalloc.h"
#include "tui/widgets/layout.h"

static void
json_node(struct jsonw *j, const struct model_node *n)
{
	jsonw_object(j, NULL);
	jsonw_string(j, "name", n->name);
	jsonw_string(j, "state", node_state_word(n->state));
	jsonw_string(j, "drain", node_drain_word(n->drain));
	jsonw_bool(j, "dc", n->flags & NODE_F_DC);
	/* A driver may give standby as the flag, the PAUSED state, or both:
	 * DESIGN.md maps Pacemaker's standby to PAUSED. */
	jsonw_bool(j, "standby",
	    (n->flags & NODE_F_STANDBY) || n->state == NODE_PAUSED);
	jsonw_bool(j, "maintenance", n->flags & NODE_F_MAINTENANCE);
	jsonw_bool(j, "unclean", n->flags & NODE_F_UNCLEAN);
	jsonw_end(j);
}

static void
json_group(struct jsonw *j, const struct snapshot *s,
	   const struct model_group *g)
{
	size_t i, k;

	jsonw_object(j, NULL);
	jsonw_string(j, "id", g->id);
	jsonw_string(j, "kind", group_kind_word(g->kind));
	jsonw_string(j, "state", group_state_word(g->state));
	jsonw_bool(j, "locked", g->flags & RES_F_LOCKED);
	jsonw_bool(j, "core", g->flags & RES_F_CORE);
	jsonw_array(j, "resources");
	/* Each member id once: a clone's instances share their id, and
	 * "resources" says what the group holds, not how many copies run
	 * (those are the entries of the top-level "resources"). */
	for (i = 0; i < g->n_members; i++) {
		const char *id = s->resources[g->members[i]].id;

		for (k = 0; k < i; k++)
			if (strcmp(s->resources[g->members[k]].id, id) == 0)
				break;
		if (k == i)
			jsonw_string(j, NULL, id);
	}
	jsonw_end(j);
	jsonw_end(j);
}

/* What the resource is meant to be: stopped by a target role (its own,
 * or its group's or clone's), else started; as the detail's "meant to
 * be" (backend/core/detail.c) says it. */
static const char *
res_target_word(const struct model_resource *r)
{
	return r->flags & (RES_F_DISABLED | RES_F_OWN_STOPPED) ? "stopped" :
	    "started";
}

static void
json_resource(struct jsonw *j, const struct model_resource *r)
{
	size_t i;

	jsonw_object(j, NULL);
	jsonw_string(j, "id", r->id);
	jsonw_string(j, "group", r->group);
	jsonw_string(j, "agent", r->agent);
	jsonw_string(j, "state", res_state_word(r->state));
	jsonw_array(j, "nodes");
	for (i = 0; i < r->n_nodes; i++)
		jsonw_string(j, NULL, r->nodes[i]);
	jsonw_end(j);
	jsonw_string(j, "role", r->role);
	jsonw_bool(j, "disabled", r->flags & RES_F_DISABLED);
	jsonw_bool(j, "managed", !(r->flags & RES_F_UNMANAGED));
	jsonw_bool(j, "blocked", r->flags & RES_F_BLOCKED);
	jsonw_bool(j, "maintenance", r->flags & RES_F_MAINTENANCE);
	jsonw_bool(j, "locked", r->flags & RES_F_LOCKED);
	jsonw_bool(j, "core", r->flags & RES_F_CORE);
	jsonw_uint(j, "failcount", r->failcount);
	/* Beyond DESIGN.md's example: a check that sees failcount > 0
	 * wants to say why and when without a second tool. */
	if (r->failure == NULL && r->failure_time == 0) {
		jsonw_null(j, "failure");
	} else {
		jsonw_object(j, "failure");
		jsonw_string(j, "reason", r->failure);
		if (r->failure_time != 0)
			jsonw_int(j, "time", r->failure_time);
		else
			jsonw_null(j, "time");
		jsonw_end(j);
	}
	/* Beyond DESIGN.md too: what a check needs to tell a resource off
	 * on purpose from one that is down, and one held by a move. */
	jsonw_bool(j, "pinned", r->flags & RES_F_PINNED);
	jsonw_array(j, "pinned_by");
	for (i = 0; i < r->n_pinned_by; i++)
		jsonw_string(j, NULL, r->pinned_by[i]);
	jsonw_end(j);
	jsonw_string(j, "target", res_target_word(r));
	jsonw_end(j);
}

int
report_json(FILE *out, const struct snapshot *s, bool stale, int64_t age_ms)
{
	struct rows_summary sum;
	struct jsonw j;
	size_t i;

	/* The node counts of the overview's line. */
	rows_summarize(s, &sum);
	jsonw_init(&j, out);
	jsonw_object(&j, NULL);
	jsonw_string(&j, "cluster", s->cluster);
	jsonw_string(&j, "driver", s->driver);
	jsonw_string(&j, "source", s->source);
	jsonw_bool(&j, "stale", stale);
	if (s->data_wall > 0)
		jsonw_int(&j, "data_time", s->data_wall);
	else
		jsonw_null(&j, "data_time");
	/* Whole seconds: a check compares it with minutes. */
	if (age_ms >= 0)
		jsonw_int(&j, "data_age_s", age_ms / 1000);
	else
		jsonw_null(&j, "data_age_s");
	jsonw_bool(&j, "quorum", s->quorum);
	jsonw_bool(&j, "maintenance_mode", s->maintenance_mode);
	jsonw_bool(&j, "stop_all", s->stop_all);
	jsonw_string(&j, "dc", s->dc);
	jsonw_uint(&j, "nodes_total", sum.nodes);
	jsonw_uint(&j, "nodes_online", sum.nodes_up);
	jsonw_array(&j, "nodes");
	for (i = 0; i < s->n_nodes; i++)
		json_node(&j, &s->nodes[i]);
	jsonw_end(&j);
	jsonw_array(&j, "groups");
	for (i = 0; i < s->n_groups; i++)
		json_group(&j, s, &s->groups[i]);
	jsonw_end(&j);
	jsonw_array(&j, "resources");
	for (i = 0; i < s->n_resources; i++)
		json_resource(&j, &s->resources[i]);
	jsonw_end(&j);
	jsonw_end(&j);
	return jsonw_finish(&j);
}

int
report_json_error(FILE *out, const char *cluster, const char *message)
{
	struct jsonw j;

	jsonw_init(&j, out);
	jsonw_object(&j, NULL);
	jsonw_string(&j, "cluster", cluster);
	jsonw_string(&j, "error", message);
	jsonw_end(&j);
	return jsonw_finish(&j);
}

/* The text summary: tables whose columns are as wide as their widest
 * cell, every cell sanitized by termtext. Through a pipe or into a file
 * nothing is cut: a script or a ticket gets every id and flag whole. On
 * a terminal the lines fit its width: the AGENT column gives first (from
 * the left, as the console cuts it), then the widest of the others, none
 * below a floor; a cut cell ends in "…". The state words are never cut. */
#define TEXT_COLS 5
#define TEXT_GAP "  "
#define TEXT_GAP_COLS 2
/* What a column keeps at the least when the terminal is narrow; the
 * agent enough for "…:IPaddr2", its type. */
#define TEXT_FLOOR 8
#define TEXT_FLOOR_AGENT 10
#define COL_AGENT 4

struct text_row {
	char *cell[TEXT_COLS];
	size_t cap[TEXT_COLS];
};

/* Room for at least need more bytes in cell i. */
static void
cell_room(struct text_row *row, size_t i, size_t need)
{
	size_t len = row->cell[i] != NULL ? strlen(row->cell[i]) : 0;

	if (row->cell[i] != NULL && len + need < row->cap[i])
		return;
	row->cap[i] = len + need + 64;
	row->cell[i] = xreallocarray(row->cell[i], row->cap[i], 1);
	row->cell[i][len] = '\0';
}

/* Appends sanitized src to cell i, after sep when the cell is not empty:
 * all of it (sanitizing at most triples a byte: U+FFFD for one). */
static void
cell_add(struct text_row *row, size_t i, const char *sep, const char *src)
{
	size_t len;

	if (src == NULL || *src == '\0')
		return;
	cell_room(row, i, strlen(src) * 3 + (sep ? strlen(sep) : 0) + 1);
	len = strlen(row->cell[i]);
	if (len > 0 && sep != NULL) {
		strcpy(row->cell[i] + len, sep);
		len += strlen(sep);
	}
	termtext_sanitize(row->cell[i] + len, row->cap[i] - len, src);
}

/* The words of a flag table (ours: trusted, short) appended to cell i. */
static void
cell_flags(struct text_row *row, size_t i, const struct flag_word *table,
	   size_t n, unsigned flags)
{
	char words[512] = "";

	flags_words(words, sizeof(words), table, n, flags, FLAGS_ALARM_UPPER,
		    ",");
	cell_add(row, i, ",", words);
}

static void
row_clear(struct text_row *row)
{
	size_t i;

	for (i = 0; i < TEXT_COLS; i++) {
		cell_room(row, i, 1);
		row->cell[i][0] = '\0';
	}
}

static void
row_free(struct text_row *row)
{
	size_t i;

	for (i = 0; i < TEXT_COLS; i++)
		free(row->cell[i]);
	memset(row, 0, sizeof(*row));
}

/* A table: measured from every row first (widths), fitted to cols
 * (0: no limit), then printed. */
struct text_table {
	size_t widths[TEXT_COLS];
	size_t floor[TEXT_COLS];
	unsigned cols;
	bool print;
};

/* Either measures the row into the table's widths or prints it. The last
 * non-empty cell is cut but not padded, so that no line ends in spaces. */
static void
row_emit(struct fout *o, struct text_table *t, const struct text_row *row)
{
	size_t i, last = 0, w;

	for (i = 0; i < TEXT_COLS; i++) {
		if (row->cell[i][0] != '\0')
			last = i;
		if (!t->print) {
			w = termtext_width(row->cell[i]);
			if (w > t->widths[i])
				t->widths[i] = w;
		}
	}
	if (!t->print)
		return;
	for (i = 0; i <= last; i++) {
		size_t sz = strlen(row->cell[i]) + t->widths[i] + 8;
		char *fitted = xmalloc(sz);

		if (i > 0)
			fout_str(o, TEXT_GAP);
		if (i == COL_AGENT)
			layout_cut_left(fitted, sz, row->cell[i],
			    (int)t->widths[i]);
		else
			termtext_fit(fitted, sz, row->cell[i], t->widths[i],
			    i < last);
		fout_str(o, fitted);
		free(fitted);
	}
	fout_str(o, "\n");
}

static size_t
table_width(const struct text_table *t)
{
	size_t i, sum = 0, used = 0;

	for (i = 0; i < TEXT_COLS; i++)
		if (t->widths[i] > 0) {
			sum += t->widths[i];
			used = i + 1;
		}
	/* A gap before every column printed after the first, empty or not. */
	return used > 1 ? sum + (used - 1) * TEXT_GAP_COLS : sum;
}

/* The widest column above its floor, or TEXT_COLS when none is. */
static size_t
widest_above_floor(const struct text_table *t)
{
	size_t i, best = TEXT_COLS;

	for (i = 0; i < TEXT_COLS; i++)
		if (t->widths[i] > t->floor[i] &&
		    (best == TEXT_COLS || t->widths[i] > t->widths[best]))
			best = i;
	return best;
}

/* Narrows the measured widths until a line fits t->cols, or every
 * column is at its floor (a terminal too narrow for that). */
static void
table_fit(struct text_table *t)
{
	size_t i;

	if (t->cols == 0)
		return;
	for (i = 0; i < TEXT_COLS; i++)
		if (t->floor[i] > t->widths[i])
			t->floor[i] = t->widths[i];
	while (table_width(t) > t->cols && t->widths[COL_AGENT] >
	       t->floor[COL_AGENT])
		t->widths[COL_AGENT]--;
	while (table_width(t) > t->cols &&
	       (i = widest_above_floor(t)) < TEXT_COLS)
		t->widths[i]--;
}

static void
node_row(struct text_row *row, const struct model_node *n)
{
	char count[32], state[48];

	row_clear(row);
	cell_add(row, 0, NULL, n->name);
	cell_add(row, 1, NULL, node_label(n, state, sizeof(state)));
	snprintf(count, sizeof(count), "%u", n->resource_count);
	cell_add(row, 2, NULL, count);
	cell_flags(row, 3, node_flag_words, n_node_flag_words, n->flags);
}

static void
group_row(struct text_row *row, const struct model_group *g)
{
	row_clear(row);
	cell_add(row, 0, NULL, g->id);
	cell_add(row, 1, NULL, group_state_label(g->state));
	cell_add(row, 3, NULL, group_kind_word(g->kind));
	cell_flags(row, 3, res_flag_words, n_res_flag_words, g->flags);
}

static void
resource_row(struct text_row *row, const struct model_resource *r,
	     bool member)
{
	char count[48];
	size_t i;

	row_clear(row);
	if (member)
		cell_add(row, 0, NULL, "  ");
	cell_add(row, 0, NULL, r->id);
	cell_add(row, 1, NULL, res_state_label(r->state));
	for (i = 0; i < r->n_nodes; i++)
		cell_add(row, 2, ",", r->nodes[i]);
	/* Started and Stopped say no more than the state does. */
	if (r->role != NULL && strcmp(r->role, "Started") != 0 &&
	    strcmp(r->role, "Stopped") != 0)
		cell_add(row, 3, ",", r->role);
	cell_flags(row, 3, res_flag_words, n_res_flag_words, r->flags);
	if (r->failcount > 0) {
		char n[16];

		snprintf(count, sizeof(count), "failcount=%s",
			 failcount_text(r->failcount, n, sizeof n));
		cell_add(row, 3, ",", count);
	}
	cell_add(row, 4, NULL, r->agent);
}

/* The last failure, on its own line below the resource: whole, or on a
 * terminal cut to what is left of its width. */
static void
failure_line(struct fout *o, const struct model_resource *r, bool member,
	     unsigned cols)
{
	const char *why = r->failure != NULL ? r->failure : "unknown reason";
	const char *lead = member ? "      last failure: " : "    last failure: ";
	char when[32] = "", *reason, *fitted;
	size_t sz = strlen(why) * 3 + 1, room;
	time_t t = (time_t)r->failure_time;
	struct tm tm;

	if (r->failure == NULL && r->failure_time == 0)
		return;
	/* UTC: the same answer on every machine that reads the report. */
	if (r->failure_time != 0 && gmtime_r(&t, &tm) != NULL &&
	    strftime(when, sizeof(when), " at %Y-%m-%d %H:%M:%SZ", &tm) == 0)
		when[0] = '\0';
	reason = xmalloc(sz);
	termtext_sanitize(reason, sz, why);
	if (cols > 0) {
		room = strlen(lead) + strlen(when) + TEXT_FLOOR;
		room = cols > room ? cols - strlen(lead) - strlen(when)
				   : TEXT_FLOOR;
		fitted = xmalloc(sz + 8);
		termtext_fit(fitted, sz + 8, reason, room, 0);
		free(reason);
		reason = fitted;
	}
	fout_fmt(o, "%s%s%s\n", lead, reason, when);
	free(reason);
}

static void
title_row(struct text_row *row, const char *const *titles)
{
	size_t i;

	row_clear(row);
	for (i = 0; i < TEXT_COLS; i++)
		cell_add(row, i, NULL, titles[i]);
}

/* The floors of a table: its titles, at least TEXT_FLOOR, and the state
 * column's whole words (column 1). */
static void
table_init(struct text_table *t, const char *const *titles, unsigned cols)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	t->cols = cols;
	for (i = 0; i < TEXT_COLS; i++) {
		t->floor[i] = termtext_width(titles[i]);
		if (t->floor[i] < TEXT_FLOOR)
			t->floor[i] = TEXT_FLOOR;
	}
	if (t->floor[COL_AGENT] < TEXT_FLOOR_AGENT)
		t->floor[COL_AGENT] = TEXT_FLOOR_AGENT;
	t->floor[1] = (size_t)-1;
}

/* After the measuring pass: the state column keeps its words. */
static void
table_measured(struct text_table *t)
{
	t->floor[1] = t->widths[1];
	table_fit(t);
	t->print = true;
}

static void
text_nodes(struct fout *o, const struct snapshot *s, unsigned cols)
{
	static const char *const titles[TEXT_COLS] =
	    { "NODE", "STATE", "RES", "FLAGS", "" };
	struct text_table t;
	struct text_row row = { { NULL }, { 0 } };
	size_t i;

	if (s->n_nodes == 0)
		fout_str(o, "No nodes.\n");
	table_init(&t, titles, cols);
	/* Measure every row, then print them: one width per column. */
	while (s->n_nodes > 0) {
		title_row(&row, titles);
		row_emit(o, &t, &row);
		for (i = 0; i < s->n_nodes; i++) {
			node_row(&row, &s->nodes[i]);
			row_emit(o, &t, &row);
		}
		if (t.print)
			break;
		table_measured(&t);
	}
	row_free(&row);
	/* The source listed fewer than the cluster has (crm_mon --node,
	 * --exclude=nodes): the table is not all of it. */
	if (s->nodes_configured > s->n_nodes)
		fout_fmt(o, "(%u nodes configured, %zu shown: the source "
		    "listed only some.)\n", s->nodes_configured, s->n_nodes);
}

static void
text_resources(struct fout *o, const struct snapshot *s, unsigned cols)
{
	static const char *const titles[TEXT_COLS] =
	    { "GROUP / RESOURCE", "STATE", "NODES", "FLAGS", "AGENT" };
	struct text_table t;
	struct text_row row = { { NULL }, { 0 } };
	size_t i, k;

	if (s->n_groups == 0 && s->n_resources == 0) {
		fout_str(o, "No resources.\n");
		return;
	}
	table_init(&t, titles, cols);
	for (;;) {
		title_row(&row, titles);
		row_emit(o, &t, &row);
		for (i = 0; i < s->n_groups; i++) {
			const struct model_group *g = &s->groups[i];

			group_row(&row, g);
			row_emit(o, &t, &row);
			for (k = 0; k < g->n_members; k++) {
				const struct model_resource *r =
				    &s->resources[g->members[k]];

				resource_row(&row, r, true);
				row_emit(o, &t, &row);
				if (t.print)
					failure_line(o, r, true, cols);
			}
		}
		for (i = 0; i < s->n_resources; i++) {
			const struct model_resource *r = &s->resources[i];

			if (r->group != NULL)
				continue;
			resource_row(&row, r, false);
			row_emit(o, &t, &row);
			if (t.print)
				failure_line(o, r, false, cols);
		}
		if (t.print)
			break;
		table_measured(&t);
	}
	row_free(&row);
}

/* A saved state says when it was taken: a file is not fresh for being
 * read now. Local time, as crm_mon wrote it. */
static void
data_time_line(struct fout *o, const struct snapshot *s)
{
	time_t t = (time_t)s->data_wall;
	struct tm tm;
	char when[32];

	if (s->data_wall <= 0 || localtime_r(&t, &tm) == NULL ||
	    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		return;
	fout_fmt(o, "Data as of %s (its own time stamp).\n", when);
}

/* The first line: the cluster, its driver, where from, the DC and the
 * cluster-wide flags; cut to the terminal's width only. */
static void
cluster_line(struct fout *o, const struct snapshot *s, unsigned cols)
{
	struct text_row line = { { NULL }, { 0 } };
	char *text, *fitted;
	size_t sz;

	row_clear(&line);
	cell_add(&line, 0, NULL, s->cluster);
	cell_add(&line, 1, NULL, s->driver);
	cell_add(&line, 2, NULL, s->source);
	cell_add(&line, 3, NULL, s->dc);
	text = xasprintf("Cluster %s (%s)%s%s%s%s%s%s%s", line.cell[0],
	    line.cell[1], line.cell[2][0] ? " from " : "", line.cell[2],
	    line.cell[3][0] ? ", DC " : "", line.cell[3],
	    !s->quorum ? ", NO QUORUM" : "",
	    s->maintenance_mode ? ", maintenance mode" : "",
	    s->stop_all ? ", stop-all-resources" : "");
	row_free(&line);
	if (cols > 0) {
		sz = strlen(text) + 8;
		fitted = xmalloc(sz);
		termtext_fit(fitted, sz, text, cols, 0);
		free(text);
		text = fitted;
	}
	fout_str(o, text);
	fout_str(o, "\n");
	free(text);
}

int
report_text_width(FILE *out, const struct snapshot *s, bool stale,
		  unsigned cols)
{
	struct fout o = { .f = out };

	cluster_line(&o, s, cols);
	if (stale)
		fout_str(&o, "STALE: the cluster did not answer; this is the "
		    "last state it reported.\n");
	data_time_line(&o, s);
	fout_str(&o, "\n");

	text_nodes(&o, s, cols);
	fout_str(&o, "\n");
	text_resources(&o, s, cols);
	return fout_finish(&o);
}

/* A terminal's width: what the terminal says, else $COLUMNS, else 80. */
static unsigned
terminal_cols(int fd)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	char *end;
	unsigned long n;

	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (env != NULL && *env >= '1' && *env <= '9') {
		errno = 0;
		n = strtoul(env, &end, 10);
		if (errno == 0 && *end == '\0' && n <= 10000)
			return (unsigned)n;
	}
	return 80;
}

int
report_text(FILE *out, const struct snapshot *s, bool stale)
{
	int fd = fileno(out);

	return report_text_width(out, s, stale,
	    fd >= 0 && isatty(fd) ? terminal_cols(fd) : 0);
}
