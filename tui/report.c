/* `ccon --once`: one snapshot as JSON for scripts, or as a short text
 * summary for people. Both are written to a FILE that is often a
 * terminal, so neither lets a cluster string steer it: the text goes
 * through termtext, and the JSON escapes every control character (and
 * the C1 and bidi controls, which JSON allows raw) as \uXXXX, which
 * decodes to the same string. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tui/report.h"

#include "backend/core/flags.h"
#include "backend/util/fout.h"
#include "backend/util/jsonw.h"
#include "backend/util/termtext.h"
#include "views/rows_query.h"

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

/* The text summary: tables whose columns fit their widest cell, up to a
 * cap, every cell sanitized and cut to its column by termtext. */
#define TEXT_COLS 5
#define TEXT_CELL 512
#define TEXT_GAP "  "

/* STATE holds "PAUSED drain failed", the longest state with its drain. */
static const size_t text_cap[TEXT_COLS] = { 40, 19, 30, 40, 60 };

struct text_row {
	char cell[TEXT_COLS][TEXT_CELL];
};

/* Appends sanitized src to the cell, after sep when the cell is not
 * empty; stops at the cell's end without cutting a character. */
static void
cell_add(char *cell, const char *sep, const char *src)
{
	size_t len = strlen(cell);

	if (src == NULL || *src == '\0')
		return;
	if (len > 0 && sep != NULL) {
		if (TEXT_CELL - len <= strlen(sep))
			return;
		strcpy(cell + len, sep);
		len += strlen(sep);
	}
	termtext_sanitize(cell + len, TEXT_CELL - len, src);
}

static void
row_clear(struct text_row *row)
{
	size_t i;

	for (i = 0; i < TEXT_COLS; i++)
		row->cell[i][0] = '\0';
}

/* Either measures the row into widths[] or prints it. The last non-empty
 * cell is cut but not padded, so that no line ends in spaces. */
static void
row_emit(struct fout *o, const struct text_row *row, size_t *widths,
	 bool print)
{
	char fitted[TEXT_CELL];
	size_t i, last = 0, w;

	for (i = 0; i < TEXT_COLS; i++) {
		if (row->cell[i][0] != '\0')
			last = i;
		if (!print) {
			w = termtext_width(row->cell[i]);
			if (w > text_cap[i])
				w = text_cap[i];
			if (w > widths[i])
				widths[i] = w;
		}
	}
	if (!print)
		return;
	for (i = 0; i <= last; i++) {
		if (i > 0)
			fout_str(o, TEXT_GAP);
		termtext_fit(fitted, sizeof(fitted), row->cell[i], widths[i],
		    i < last);
		fout_str(o, fitted);
	}
	fout_str(o, "\n");
}

static void
node_row(struct text_row *row, const struct model_node *n)
{
	char count[32], state[48];

	row_clear(row);
	cell_add(row->cell[0], NULL, n->name);
	cell_add(row->cell[1], NULL, node_label(n, state, sizeof(state)));
	snprintf(count, sizeof(count), "%u", n->resource_count);
	cell_add(row->cell[2], NULL, count);
	flags_words(row->cell[3], TEXT_CELL, node_flag_words,
		    n_node_flag_words, n->flags, FLAGS_ALARM_UPPER, ",");
}

static void
res_flags(char *cell, unsigned flags)
{
	flags_words(cell, TEXT_CELL, res_flag_words, n_res_flag_words, flags,
		    FLAGS_ALARM_UPPER, ",");
}

static void
group_row(struct text_row *row, const struct model_group *g)
{
	row_clear(row);
	cell_add(row->cell[0], NULL, g->id);
	cell_add(row->cell[1], NULL, group_state_label(g->state));
	cell_add(row->cell[3], NULL, group_kind_word(g->kind));
	res_flags(row->cell[3], g->flags);
}

static void
resource_row(struct text_row *row, const struct model_resource *r,
	     bool member)
{
	char count[32];
	size_t i;

	row_clear(row);
	if (member)
		strcpy(row->cell[0], "  ");
	cell_add(row->cell[0], NULL, r->id);
	cell_add(row->cell[1], NULL, res_state_label(r->state));
	for (i = 0; i < r->n_nodes; i++)
		cell_add(row->cell[2], ",", r->nodes[i]);
	/* Started and Stopped say no more than the state does. */
	if (r->role != NULL && strcmp(r->role, "Started") != 0 &&
	    strcmp(r->role, "Stopped") != 0)
		cell_add(row->cell[3], ",", r->role);
	res_flags(row->cell[3], r->flags);
	if (r->failcount > 0) {
		char n[16];

		snprintf(count, sizeof(count), "failcount=%s",
			 failcount_text(r->failcount, n, sizeof n));
		cell_add(row->cell[3], ",", count);
	}
	cell_add(row->cell[4], NULL, r->agent);
}

/* The last failure, on its own line below the resource. */
static void
failure_line(struct fout *o, const struct model_resource *r, bool member)
{
	char reason[TEXT_CELL], fitted[TEXT_CELL], when[32] = "";
	time_t t = (time_t)r->failure_time;
	struct tm tm;

	if (r->failure == NULL && r->failure_time == 0)
		return;
	termtext_sanitize(reason, sizeof(reason),
	    r->failure != NULL ? r->failure : "unknown reason");
	termtext_fit(fitted, sizeof(fitted), reason, 100, 0);
	/* UTC: the same answer on every machine that reads the report. */
	if (r->failure_time != 0 && gmtime_r(&t, &tm) != NULL &&
	    strftime(when, sizeof(when), " at %Y-%m-%d %H:%M:%SZ", &tm) == 0)
		when[0] = '\0';
	fout_fmt(o, "%s    last failure: %s%s\n", member ? "  " : "",
	    fitted, when);
}

static void
title_row(struct text_row *row, const char *const *titles)
{
	size_t i;

	row_clear(row);
	for (i = 0; i < TEXT_COLS; i++)
		cell_add(row->cell[i], NULL, titles[i]);
}

static void
text_nodes(struct fout *o, const struct snapshot *s)
{
	static const char *const titles[TEXT_COLS] =
	    { "NODE", "STATE", "RES", "FLAGS", "" };
	size_t widths[TEXT_COLS] = { 0 }, i;
	struct text_row row;
	int pass;

	if (s->n_nodes == 0) {
		fout_str(o, "No nodes.\n");
		return;
	}
	/* Measure every row, then print them: one width per column. */
	for (pass = 0; pass < 2; pass++) {
		title_row(&row, titles);
		row_emit(o, &row, widths, pass == 1);
		for (i = 0; i < s->n_nodes; i++) {
			node_row(&row, &s->nodes[i]);
			row_emit(o, &row, widths, pass == 1);
		}
	}
}

static void
text_resources(struct fout *o, const struct snapshot *s)
{
	static const char *const titles[TEXT_COLS] =
	    { "GROUP / RESOURCE", "STATE", "NODES", "FLAGS", "AGENT" };
	size_t widths[TEXT_COLS] = { 0 }, i, k;
	struct text_row row;
	int pass;

	if (s->n_groups == 0 && s->n_resources == 0) {
		fout_str(o, "No resources.\n");
		return;
	}
	for (pass = 0; pass < 2; pass++) {
		bool print = pass == 1;

		title_row(&row, titles);
		row_emit(o, &row, widths, print);
		for (i = 0; i < s->n_groups; i++) {
			const struct model_group *g = &s->groups[i];

			group_row(&row, g);
			row_emit(o, &row, widths, print);
			for (k = 0; k < g->n_members; k++) {
				const struct model_resource *r =
				    &s->resources[g->members[k]];

				resource_row(&row, r, true);
				row_emit(o, &row, widths, print);
				if (print)
					failure_line(o, r, true);
			}
		}
		for (i = 0; i < s->n_resources; i++) {
			const struct model_resource *r = &s->resources[i];

			if (r->group != NULL)
				continue;
			resource_row(&row, r, false);
			row_emit(o, &row, widths, print);
			if (print)
				failure_line(o, r, false);
		}
	}
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

int
report_text(FILE *out, const struct snapshot *s, bool stale)
{
	struct fout o = { .f = out };
	struct text_row line;

	/* The cluster line, every part sanitized. */
	row_clear(&line);
	cell_add(line.cell[0], NULL, s->cluster);
	cell_add(line.cell[1], NULL, s->driver);
	cell_add(line.cell[2], NULL, s->source);
	cell_add(line.cell[3], NULL, s->dc);
	fout_fmt(&o, "Cluster %s (%s)", line.cell[0], line.cell[1]);
	if (line.cell[2][0] != '\0')
		fout_fmt(&o, " from %s", line.cell[2]);
	if (line.cell[3][0] != '\0')
		fout_fmt(&o, ", DC %s", line.cell[3]);
	if (!s->quorum)
		fout_str(&o, ", NO QUORUM");
	if (s->maintenance_mode)
		fout_str(&o, ", maintenance mode");
	if (s->stop_all)
		fout_str(&o, ", stop-all-resources");
	fout_str(&o, "\n");
	if (stale)
		fout_str(&o, "STALE: the cluster did not answer; this is the "
		    "last state it reported.\n");
	data_time_line(&o, s);
	fout_str(&o, "\n");

	text_nodes(&o, s);
	fout_str(&o, "\n");
	text_resources(&o, s);
	return fout_finish(&o);
}
