/* `ccon --once`: one snapshot as JSON for scripts, or as a short text
 * summary for people. Both are written to a FILE that is often a
 * terminal, so neither lets a cluster string steer it: the text goes
 * through termtext, and the JSON escapes every control character (and
 * the C1 and bidi controls, which JSON allows raw) as \uXXXX, which
 * decodes to the same string. */
#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "backend/core/flags.h"
#include "tui/report.h"
#include "backend/util/termtext.h"

/* Writers keep the errno of their first failed write and skip the rest,
 * so that each call need not be checked; the report functions look once
 * at the end. */
struct out {
	FILE *f;
	int err;
};

static void
out_bytes(struct out *o, const char *p, size_t n)
{
	if (o->err != 0 || n == 0)
		return;
	errno = 0;
	if (fwrite(p, 1, n, o->f) != n)
		o->err = errno != 0 ? errno : EIO;
}

static void
out_str(struct out *o, const char *s)
{
	out_bytes(o, s, strlen(s));
}

static void
out_fmt(struct out *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
out_fmt(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (o->err != 0)
		return;
	errno = 0;
	va_start(ap, fmt);
	r = vfprintf(o->f, fmt, ap);
	va_end(ap);
	if (r < 0)
		o->err = errno != 0 ? errno : EIO;
}

/* Flushes; returns 0, or -1 with errno set to the first failure's. */
static int
out_finish(struct out *o)
{
	errno = 0;
	if (o->err == 0 && fflush(o->f) == EOF)
		o->err = errno != 0 ? errno : EIO;
	if (o->err == 0 && ferror(o->f))
		o->err = EIO;
	if (o->err != 0) {
		errno = o->err;
		return -1;
	}
	return 0;
}

/* Valid in JSON as they are, but a terminal showing the output could act
 * on them: the same characters termtext never draws (C0 is escaped by
 * JSON itself). */
static bool
json_must_escape(uint32_t c)
{
	return c >= 0x20 && termtext_forbidden(c);
}

static void
json_string(struct out *o, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	const unsigned char *run;
	char esc[8];
	uint32_t c;
	size_t n;

	if (str == NULL) {
		out_str(o, "null");
		return;
	}
	out_str(o, "\"");
	/* Copy runs of plain text in one write; stop at what needs care. */
	for (run = s; *s != '\0'; ) {
		if (*s >= 0x20 && *s < 0x7f && *s != '"' && *s != '\\') {
			s++;
			continue;
		}
		if (*s >= 0x80 && (n = termtext_decode(s, &c)) != 0 &&
		    !json_must_escape(c)) {
			s += n;
			continue;
		}
		out_bytes(o, (const char *)run, (size_t)(s - run));
		if (*s == '"' || *s == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*s;
			out_bytes(o, esc, 2);
			s++;
		} else if (*s < 0x80) {
			snprintf(esc, sizeof(esc), "\\u%04x", *s);
			out_str(o, esc);
			s++;
		} else if ((n = termtext_decode(s, &c)) != 0) {
			snprintf(esc, sizeof(esc), "\\u%04x", (unsigned)c);
			out_str(o, esc);
			s += n;
		} else {
			out_str(o, "\\ufffd");      /* one per invalid byte */
			s++;
		}
		run = s;
	}
	out_bytes(o, (const char *)run, (size_t)(s - run));
	out_str(o, "\"");
}

/* Pretty printing as Python's json.dumps(indent=2): each member and
 * element on its own line, empty containers as [] and {}. */
#define JSON_MAX_DEPTH 8

struct json {
	struct out o;
	int depth;
	bool empty[JSON_MAX_DEPTH];   /* nothing written yet at this depth */
};

/* Starts a member (key != NULL) or an element at the current depth. */
static void
json_item(struct json *j, const char *key)
{
	int i;

	if (j->depth > 0) {
		out_str(&j->o, j->empty[j->depth] ? "\n" : ",\n");
		j->empty[j->depth] = false;
		for (i = 0; i < j->depth; i++)
			out_str(&j->o, "  ");
	}
	if (key != NULL) {
		json_string(&j->o, key);
		out_str(&j->o, ": ");
	}
}

static void
json_open(struct json *j, const char *key, char bracket)
{
	json_item(j, key);
	out_bytes(&j->o, &bracket, 1);
	/* The schema is 4 deep; deeper would be a bug in this file. */
	assert(j->depth + 1 < JSON_MAX_DEPTH);
	j->depth++;
	j->empty[j->depth] = true;
}

static void
json_close(struct json *j, char bracket)
{
	int i;

	if (!j->empty[j->depth]) {
		out_str(&j->o, "\n");
		for (i = 1; i < j->depth; i++)
			out_str(&j->o, "  ");
	}
	assert(j->depth > 0);
	j->depth--;
	out_bytes(&j->o, &bracket, 1);
}

static void
json_str(struct json *j, const char *key, const char *value)
{
	json_item(j, key);
	json_string(&j->o, value);
}

static void
json_bool(struct json *j, const char *key, bool value)
{
	json_item(j, key);
	out_str(&j->o, value ? "true" : "false");
}

static void
json_node(struct json *j, const struct model_node *n)
{
	json_open(j, NULL, '{');
	json_str(j, "name", n->name);
	json_str(j, "state", node_state_word(n->state));
	json_bool(j, "dc", n->flags & NODE_F_DC);
	/* A driver may give standby as the flag, the PAUSED state, or both:
	 * DESIGN.md maps Pacemaker's standby to PAUSED. */
	json_bool(j, "standby",
	    (n->flags & NODE_F_STANDBY) || n->state == NODE_PAUSED);
	json_bool(j, "maintenance", n->flags & NODE_F_MAINTENANCE);
	json_bool(j, "unclean", n->flags & NODE_F_UNCLEAN);
	json_close(j, '}');
}

static void
json_group(struct json *j, const struct snapshot *s,
	   const struct model_group *g)
{
	size_t i, k;

	json_open(j, NULL, '{');
	json_str(j, "id", g->id);
	json_str(j, "kind", group_kind_word(g->kind));
	json_str(j, "state", group_state_word(g->state));
	json_open(j, "resources", '[');
	/* Each member id once: a clone's instances share their id, and
	 * "resources" says what the group holds, not how many copies run
	 * (those are the entries of the top-level "resources"). */
	for (i = 0; i < g->n_members; i++) {
		const char *id = s->resources[g->members[i]].id;

		for (k = 0; k < i; k++)
			if (strcmp(s->resources[g->members[k]].id, id) == 0)
				break;
		if (k == i)
			json_str(j, NULL, id);
	}
	json_close(j, ']');
	json_close(j, '}');
}

static void
json_resource(struct json *j, const struct model_resource *r)
{
	size_t i;

	json_open(j, NULL, '{');
	json_str(j, "id", r->id);
	json_str(j, "group", r->group);
	json_str(j, "agent", r->agent);
	json_str(j, "state", res_state_word(r->state));
	json_open(j, "nodes", '[');
	for (i = 0; i < r->n_nodes; i++)
		json_str(j, NULL, r->nodes[i]);
	json_close(j, ']');
	json_str(j, "role", r->role);
	json_bool(j, "disabled", r->flags & RES_F_DISABLED);
	json_bool(j, "managed", !(r->flags & RES_F_UNMANAGED));
	json_bool(j, "blocked", r->flags & RES_F_BLOCKED);
	json_bool(j, "maintenance", r->flags & RES_F_MAINTENANCE);
	json_item(j, "failcount");
	out_fmt(&j->o, "%u", r->failcount);
	/* Beyond DESIGN.md's example: a check that sees failcount > 0
	 * wants to say why and when without a second tool. */
	if (r->failure == NULL && r->failure_time == 0) {
		json_item(j, "failure");
		out_str(&j->o, "null");
	} else {
		json_open(j, "failure", '{');
		json_str(j, "reason", r->failure);
		json_item(j, "time");
		if (r->failure_time != 0)
			out_fmt(&j->o, "%" PRId64, r->failure_time);
		else
			out_str(&j->o, "null");
		json_close(j, '}');
	}
	json_close(j, '}');
}

int
report_json(FILE *out, const struct snapshot *s, bool stale)
{
	struct json j = { .o = { .f = out } };
	size_t i;

	json_open(&j, NULL, '{');
	json_str(&j, "cluster", s->cluster);
	json_str(&j, "driver", s->driver);
	json_str(&j, "source", s->source);
	json_bool(&j, "stale", stale);
	json_open(&j, "nodes", '[');
	for (i = 0; i < s->n_nodes; i++)
		json_node(&j, &s->nodes[i]);
	json_close(&j, ']');
	json_open(&j, "groups", '[');
	for (i = 0; i < s->n_groups; i++)
		json_group(&j, s, &s->groups[i]);
	json_close(&j, ']');
	json_open(&j, "resources", '[');
	for (i = 0; i < s->n_resources; i++)
		json_resource(&j, &s->resources[i]);
	json_close(&j, ']');
	json_close(&j, '}');
	out_str(&j.o, "\n");
	return out_finish(&j.o);
}

/* The text summary: tables whose columns fit their widest cell, up to a
 * cap, every cell sanitized and cut to its column by termtext. */
#define TEXT_COLS 5
#define TEXT_CELL 512
#define TEXT_GAP "  "

static const size_t text_cap[TEXT_COLS] = { 40, 15, 30, 40, 60 };

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
row_emit(struct out *o, const struct text_row *row, size_t *widths,
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
			out_str(o, TEXT_GAP);
		termtext_fit(fitted, sizeof(fitted), row->cell[i], widths[i],
		    i < last);
		out_str(o, fitted);
	}
	out_str(o, "\n");
}

static void
node_row(struct text_row *row, const struct model_node *n)
{
	char count[32];

	row_clear(row);
	cell_add(row->cell[0], NULL, n->name);
	cell_add(row->cell[1], NULL, node_state_label(n->state));
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
		snprintf(count, sizeof(count), "failcount=%u", r->failcount);
		cell_add(row->cell[3], ",", count);
	}
	cell_add(row->cell[4], NULL, r->agent);
}

/* The last failure, on its own line below the resource. */
static void
failure_line(struct out *o, const struct model_resource *r, bool member)
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
	out_fmt(o, "%s    last failure: %s%s\n", member ? "  " : "",
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
text_nodes(struct out *o, const struct snapshot *s)
{
	static const char *const titles[TEXT_COLS] =
	    { "NODE", "STATE", "RES", "FLAGS", "" };
	size_t widths[TEXT_COLS] = { 0 }, i;
	struct text_row row;
	int pass;

	if (s->n_nodes == 0) {
		out_str(o, "No nodes.\n");
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
text_resources(struct out *o, const struct snapshot *s)
{
	static const char *const titles[TEXT_COLS] =
	    { "GROUP / RESOURCE", "STATE", "NODES", "FLAGS", "AGENT" };
	size_t widths[TEXT_COLS] = { 0 }, i, k;
	struct text_row row;
	int pass;

	if (s->n_groups == 0 && s->n_resources == 0) {
		out_str(o, "No resources.\n");
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

int
report_text(FILE *out, const struct snapshot *s, bool stale)
{
	struct out o = { .f = out };
	struct text_row line;

	/* The cluster line, every part sanitized. */
	row_clear(&line);
	cell_add(line.cell[0], NULL, s->cluster);
	cell_add(line.cell[1], NULL, s->driver);
	cell_add(line.cell[2], NULL, s->source);
	cell_add(line.cell[3], NULL, s->dc);
	out_fmt(&o, "Cluster %s (%s)", line.cell[0], line.cell[1]);
	if (line.cell[2][0] != '\0')
		out_fmt(&o, " from %s", line.cell[2]);
	if (line.cell[3][0] != '\0')
		out_fmt(&o, ", DC %s", line.cell[3]);
	if (!s->quorum)
		out_str(&o, ", NO QUORUM");
	if (s->maintenance_mode)
		out_str(&o, ", maintenance mode");
	if (s->stop_all)
		out_str(&o, ", stop-all-resources");
	out_str(&o, "\n");
	if (stale)
		out_str(&o, "STALE: the cluster did not answer; this is the "
		    "last state it reported.\n");
	out_str(&o, "\n");

	text_nodes(&o, s);
	out_str(&o, "\n");
	text_resources(&o, s);
	return out_finish(&o);
}
