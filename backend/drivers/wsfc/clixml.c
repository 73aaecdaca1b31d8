/* The stream is read in one pass: plain text and the <Objs> documents in
 * their order. Error-view text (strings and plain lines alike) is gathered
 * in one buffer and cut into records when a serialized record or the end
 * comes, so that records keep the order PowerShell wrote them in. */
#include "backend/drivers/wsfc/clixml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "backend/util/str.h"
#include "backend/util/termtext.h"
#include "backend/util/xalloc.h"
#include "backend/util/xmlread.h"

/* A console narrower than this does not wrap PowerShell's lines: below
 * it, lines are never joined (short plain text stays as it is). */
#define CLIXML_MIN_WIDTH 60
/* Where the 5.1 error view glues the pieces of a long label value. */
#define CLIXML_GLUE 4

struct buf {
	char *p;
	size_t len, cap;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->p = xreallocarray(b->p, cap, 1);
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

/* The text (never NULL); the buffer is empty afterwards. */
static char *
buf_take(struct buf *b)
{
	char *p = b->p ? b->p : xstrdup("");

	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}

static void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

static void
put_utf8(struct buf *b, uint32_t cp)
{
	char u[4];

	if (cp < 0x80) {
		u[0] = (char)cp;
		buf_add(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		buf_add(b, u, 4);
	}
}

#define REPLACEMENT 0xfffd

/* A NUL-terminated copy of n bytes as valid UTF-8: every byte that does
 * not start a valid character (a NUL, or a byte of an OEM code page)
 * becomes U+FFFD. Controls are kept; clean() deals with them. */
static char *
utf8_fix(const char *s, size_t n)
{
	char *raw = xmalloc(n + 1);
	struct buf b = { 0 };
	size_t i = 0;

	memcpy(raw, s, n);
	raw[n] = '\0';
	while (i < n) {
		uint32_t cp;
		size_t k = raw[i] != '\0'
			   ? termtext_decode((const unsigned char *)raw + i, &cp)
			   : 0;

		if (k == 0) {
			put_utf8(&b, REPLACEMENT);
			i++;
		} else {
			buf_add(&b, raw + i, k);
			i += k;
		}
	}
	free(raw);
	return buf_take(&b);
}

/* s (valid UTF-8) without CR, with every other control but newline and
 * tab replaced by U+FFFD, and without trailing newlines and blanks. */
static char *
clean(const char *s)
{
	struct buf b = { 0 };
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p == '\r')
			continue;
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			put_utf8(&b, REPLACEMENT);
		else
			buf_addc(&b, (char)*p);
	}
	while (b.len > 0 && strchr("\n \t", b.p[b.len - 1]) != NULL)
		b.p[--b.len] = '\0';
	return buf_take(&b);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* An escape _xHHHH_ at s: sets *u and returns 1. Reads no further than a
 * NUL, which is no hex digit. */
static int
escape_at(const char *s, unsigned *u)
{
	int i, h;

	if (s[0] != '_' || s[1] != 'x')
		return 0;
	*u = 0;
	for (i = 2; i < 6; i++) {
		if ((h = hexval(s[i])) < 0)
			return 0;
		*u = *u << 4 | (unsigned)h;
	}
	return s[6] == '_';
}

char *
clixml_unescape(const char *s)
{
	struct buf b = { 0 };
	unsigned u, lo;

	while (*s != '\0') {
		if (!escape_at(s, &u)) {
			buf_addc(&b, *s++);
			continue;
		}
		s += 7;
		if (u >= 0xd800 && u <= 0xdbff) {
			if (escape_at(s, &lo) && lo >= 0xdc00 && lo <= 0xdfff) {
				s += 7;
				put_utf8(&b, 0x10000 + ((u - 0xd800) << 10) +
					 (lo - 0xdc00));
			} else {
				put_utf8(&b, REPLACEMENT);
			}
		} else if ((u >= 0xdc00 && u <= 0xdfff) || u == 0) {
			put_utf8(&b, REPLACEMENT);
		} else {
			put_utf8(&b, u);
		}
	}
	return buf_take(&b);
}

char *
clixml_category_word(char *buf, size_t sz, const char *category)
{
	size_t n = 0;

	buf[0] = '\0';
	if (category == NULL)
		return buf;
	while (category[n] != '\0' &&
	       ((category[n] >= 'A' && category[n] <= 'Z') ||
		(category[n] >= 'a' && category[n] <= 'z')))
		n++;
	if (n == 0 || category[n] != ':' || n >= sz)
		return buf;
	memcpy(buf, category, n);
	buf[n] = '\0';
	return buf;
}

/* ---- the decoder ------------------------------------------------------ */

struct decoder {
	struct clixml_result *r;
	size_t cap_records;
	struct buf stream;     /* error-view text not yet cut into records */
	struct buf text;       /* the displayed text so far */
	struct buf problem;
};

static void
add_problem(struct decoder *d, const char *what)
{
	if (d->problem.len > 0)
		buf_adds(&d->problem, "; ");
	buf_adds(&d->problem, what);
}

static struct clixml_record *
new_record(struct decoder *d)
{
	struct clixml_result *r = d->r;
	struct clixml_record *rec;

	if (r->n_records == d->cap_records) {
		d->cap_records = d->cap_records ? d->cap_records * 2 : 4;
		r->records = xreallocarray(r->records, d->cap_records,
					   sizeof(*r->records));
	}
	rec = &r->records[r->n_records++];
	memset(rec, 0, sizeof(*rec));
	return rec;
}

static void
add_text(struct decoder *d, const char *s)
{
	if (*s == '\0')
		return;
	if (d->text.len > 0)
		buf_addc(&d->text, '\n');
	buf_adds(&d->text, s);
}

/* ---- the error view --------------------------------------------------- */

struct lines {
	char **v;
	size_t n, cap;
};

static void
lines_add(struct lines *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
	}
	l->v[l->n++] = s;
}

static void
lines_free(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static const char *
skip_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The length of s without its trailing blanks. */
static size_t
trimmed_len(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

/* "+ Name   :" (the error view's labels): returns what follows the colon
 * and its blank, or NULL. name NULL takes any word. */
static const char *
label_value(const char *line, const char *name)
{
	const char *t = skip_blank(line), *w;
	size_t n;

	if (t[0] != '+' || t[1] != ' ')
		return NULL;
	w = t + 2;
	if (name != NULL) {
		n = strlen(name);
		if (strncmp(w, name, n) != 0)
			return NULL;
		w += n;
	} else {
		while ((*w >= 'A' && *w <= 'Z') || (*w >= 'a' && *w <= 'z'))
			w++;
		if (w == t + 2)
			return NULL;
	}
	w = skip_blank(w);
	if (*w != ':')
		return NULL;
	return skip_blank(w + 1);
}

/* The first line of a position message, by its shape alone (it is
 * translated: "At line:1 char:1", "In Zeile:1 Zeichen:1", "At
 * C:\x.ps1:12 char:5"): it ends with a digit and has a colon before a
 * digit. */
static int
position_shaped(const char *line)
{
	const char *t = skip_blank(line);
	size_t n = strlen(t);
	const char *c;

	if (n == 0 || t[n - 1] < '0' || t[n - 1] > '9')
		return 0;
	for (c = t; (c = strchr(c, ':')) != NULL; c++)
		if (c[1] >= '0' && c[1] <= '9')
			return 1;
	return 0;
}

/* Columns of the first n bytes of s. */
static size_t
width_of(const char *s, size_t n)
{
	char *t = xmalloc(n + 1);
	size_t w;

	memcpy(t, s, n);
	t[n] = '\0';
	w = termtext_width(t);
	free(t);
	return w;
}

/* Columns of a line without its trailing blanks: a word-wrapped line may
 * keep the blank it was cut at, past the width. */
static size_t
line_width(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return width_of(s, n);
}

/* Whether next continues prev, which PowerShell wrapped at width: the
 * blank and next's first word did not fit after prev. Label and position
 * lines are never wrapped into (labels take their own continuations, see
 * parse_view); a line that starts with a blank is indented on purpose. */
static int
wrapped(const char *prev, const char *next, size_t width)
{
	if (width < CLIXML_MIN_WIDTH || next[0] == '\0' || next[0] == ' ' ||
	    next[0] == '\t' || (next[0] == '+' && next[1] == ' ') ||
	    label_value(prev, NULL) != NULL || position_shaped(next))
		return 0;
	return line_width(prev) + 1 + width_of(next, strcspn(next, " \t")) >
	       width;
}

/* The physical lines of s joined into the lines PowerShell meant. */
static void
unwrap(const char *s, struct lines *out)
{
	struct lines phys = { 0 };
	size_t i, width = 0;
	const char *p = s;

	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xmalloc(n + 1);
		size_t w;

		memcpy(line, p, n);
		line[n] = '\0';
		lines_add(&phys, line);
		if ((w = line_width(line)) > width)
			width = w;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	for (i = 0; i < phys.n; i++) {
		struct buf b = { 0 };

		buf_adds(&b, phys.v[i]);
		while (i + 1 < phys.n && wrapped(phys.v[i], phys.v[i + 1],
						 width)) {
			/* A word-wrapped line keeps its blank; a line cut
			 * inside a word is as wide as the console; else
			 * the blank was dropped at the cut. */
			if (b.len > 0 && b.p[b.len - 1] != ' ' &&
			    line_width(phys.v[i]) < width)
				buf_addc(&b, ' ');
			buf_adds(&b, phys.v[i + 1]);
			i++;
		}
		lines_add(out, buf_take(&b));
	}
	lines_free(&phys);
}

/* A label's value as the 5.1 view wrote it, glue taken out: of every run
 * of CLIXML_GLUE or more spaces, CLIXML_GLUE go (the original text had at
 * most the rest); runs left are kept as they are. all_blanks drops every
 * blank, for ids, which have none. NULL when empty. */
static char *
label_text(const char *v, int all_blanks)
{
	struct buf b = { 0 };
	const char *p;
	char *t;

	if (v == NULL)
		return NULL;
	p = skip_blank(v);

	while (*p != '\0') {
		size_t run = strspn(p, " \t");

		if (run == 0) {
			buf_addc(&b, *p++);
			continue;
		}
		if (!all_blanks) {
			size_t keep = run >= CLIXML_GLUE ? run - CLIXML_GLUE
							 : run;

			while (keep-- > 0)
				buf_addc(&b, ' ');
		}
		p += run;
	}
	t = clean(b.p ? b.p : "");
	buf_free(&b);
	if (*t == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

struct view_rec {
	struct buf msg;
	size_t last_line;      /* where the message's last line starts */
	struct buf cat, fqid;
	int has_cat, has_fqid;
};

static void
view_close(struct decoder *d, struct view_rec *v)
{
	char *msg = clean(v->msg.p ? v->msg.p : "");

	if (*msg != '\0' || v->has_cat || v->has_fqid) {
		struct clixml_record *rec = new_record(d);

		rec->message = msg;
		rec->category = v->has_cat ? label_text(v->cat.p, 0) : NULL;
		rec->fqid = v->has_fqid ? label_text(v->fqid.p, 1) : NULL;
	} else {
		free(msg);
	}
	buf_free(&v->msg);
	buf_free(&v->cat);
	buf_free(&v->fqid);
	memset(v, 0, sizeof(*v));
}

enum view_mode { V_MSG, V_POS, V_CAT, V_FQID, V_LABEL };

/* Cuts logical lines into records (see the header). Returns how many of
 * the records made have a label: none means the text was no error view. */
static size_t
parse_view(struct decoder *d, const struct lines *l)
{
	struct view_rec v = { 0 };
	enum view_mode mode = V_MSG;
	size_t i, labelled = 0, first = d->r->n_records;
	const char *val;

	for (i = 0; i < l->n; i++) {
		const char *line = l->v[i], *t = skip_blank(line);

		if (*t == '\0') {
			if (v.has_fqid)
				view_close(d, &v);
			if (mode != V_MSG && mode != V_POS)
				mode = V_MSG;
			continue;
		}
		if ((val = label_value(t, "CategoryInfo")) != NULL) {
			if (v.has_cat || v.has_fqid)
				view_close(d, &v);
			buf_adds(&v.cat, val);
			v.has_cat = 1;
			mode = V_CAT;
		} else if ((val = label_value(t, "FullyQualifiedErrorId")) !=
			   NULL) {
			if (v.has_fqid)
				view_close(d, &v);
			buf_adds(&v.fqid, val);
			v.has_fqid = 1;
			mode = V_FQID;
		} else if ((v.has_cat || v.has_fqid) &&
			   label_value(t, NULL) != NULL) {
			mode = V_LABEL;            /* PSComputerName and such */
		} else if (mode == V_CAT || mode == V_FQID || mode == V_LABEL) {
			/* The rest of a long value, cut by the view or the
			 * host: taken whole, glue and all. */
			if (mode == V_CAT)
				buf_adds(&v.cat, line);
			else if (mode == V_FQID)
				buf_adds(&v.fqid, line);
		} else if (t[0] == '+' && t[1] == ' ') {
			if (mode == V_MSG && v.msg.len > 0 &&
			    position_shaped(v.msg.p + v.last_line)) {
				v.msg.len = v.last_line > 0 ? v.last_line - 1
							    : 0;
				v.msg.p[v.msg.len] = '\0';
			}
			mode = V_POS;
		} else if (mode == V_POS) {
			continue;          /* more of the position */
		} else {
			if (v.msg.len > 0)
				buf_addc(&v.msg, '\n');
			v.last_line = v.msg.len;
			buf_add(&v.msg, t, trimmed_len(t));
		}
	}
	view_close(d, &v);
	for (i = first; i < d->r->n_records; i++)
		if (d->r->records[i].fqid || d->r->records[i].category)
			labelled++;
	return labelled;
}

/* Cuts the gathered error-view text into records. Text that holds no
 * labelled record stays text only: it was no error view. */
static void
flush_stream(struct decoder *d)
{
	struct lines logical = { 0 };
	struct buf joined = { 0 };
	char *s;
	size_t i, first = d->r->n_records;

	if (d->stream.len == 0) {
		buf_free(&d->stream);     /* an empty string may have left it */
		return;
	}
	s = clean(d->stream.p);
	buf_free(&d->stream);
	if (*s != '\0') {
		unwrap(s, &logical);
		for (i = 0; i < logical.n; i++) {
			const char *t = logical.v[i];

			if (*skip_blank(t) == '\0')
				t = "";
			if (joined.len > 0 || *t != '\0') {
				if (i > 0 && joined.len > 0)
					buf_addc(&joined, '\n');
				buf_add(&joined, t, trimmed_len(t));
			}
		}
		if (joined.p != NULL) {
			char *c = clean(joined.p);

			add_text(d, c);
			free(c);
		}
		if (parse_view(d, &logical) == 0) {
			for (i = first; i < d->r->n_records; i++) {
				free(d->r->records[i].message);
				free(d->r->records[i].category);
				free(d->r->records[i].fqid);
			}
			d->r->n_records = first;
		}
	}
	buf_free(&joined);
	lines_free(&logical);
	free(s);
}

/* ---- serialized objects ---------------------------------------------- */

static int
attr_is_ci(const xmlNode *n, const char *name, const char *want)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	int same = v != NULL && strcasecmp((const char *)v, want) == 0;

	xmlFree(v);
	return same;
}

/* The child element of n called elem with N="name" (name NULL: any). */
static const xmlNode *
member(const xmlNode *n, const char *elem, const char *name)
{
	const xmlNode *c;

	if (n == NULL)
		return NULL;
	for (c = n->children; c != NULL; c = c->next) {
		xmlChar *v;
		int same;

		if (!xmlread_is(c, elem))
			continue;
		if (name == NULL)
			return c;
		v = xmlGetProp(c, (const xmlChar *)"N");
		same = v != NULL && strcmp((const char *)v, name) == 0;
		xmlFree(v);
		if (same)
			return c;
	}
	return NULL;
}

/* A member of an object's adapted (<Props>) or extended (<MS>) set. */
static const xmlNode *
property(const xmlNode *obj, const char *elem, const char *name)
{
	const xmlNode *m = member(member(obj, "MS", NULL), elem, name);

	return m ? m : member(member(obj, "Props", NULL), elem, name);
}

/* The unescaped, cleaned text of an element, NULL when absent or empty. */
static char *
content(const xmlNode *n)
{
	xmlChar *raw;
	char *u, *c;

	if (n == NULL || (raw = xmlNodeGetContent(n)) == NULL)
		return NULL;
	u = clixml_unescape((const char *)raw);
	xmlFree(raw);
	c = clean(u);
	free(u);
	if (*c == '\0') {
		free(c);
		return NULL;
	}
	return c;
}

/* The record of a serialized ErrorRecord: it has a FullyQualifiedErrorId
 * member. Returns 0 when obj is no error record. */
static int
serialized_record(struct decoder *d, const xmlNode *obj)
{
	const xmlNode *id = property(obj, "S", "FullyQualifiedErrorId");
	const xmlNode *ex, *hr;
	struct clixml_record *rec;
	char *msg;

	if (id == NULL)
		return 0;
	ex = property(obj, "Obj", "Exception");
	msg = content(property(obj, "S", "ErrorDetails_Message"));
	if (msg == NULL)
		msg = content(property(ex, "S", "Message"));
	if (msg == NULL)
		msg = content(member(obj, "ToString", NULL));
	flush_stream(d);
	rec = new_record(d);
	rec->message = msg ? msg : xstrdup("");
	rec->fqid = content(id);
	rec->category = content(property(obj, "S", "ErrorCategory_Message"));
	if (rec->category == NULL)
		rec->category = content(member(property(obj, "Obj",
			"CategoryInfo"), "ToString", NULL));
	if ((hr = property(ex, "I32", "HResult")) != NULL) {
		char *v = content(hr), *end;
		long long x;

		if (v != NULL) {
			x = strtoll(v, &end, 10);
			if (*end == '\0' && end != v && x >= INT32_MIN &&
			    x <= INT32_MAX) {
				rec->has_hresult = true;
				rec->hresult = (int32_t)x;
			}
			free(v);
		}
	}
	add_text(d, rec->message);
	return 1;
}

/* The first n2 bytes lit in the n bytes at s, or NULL. */
static const char *
find(const char *s, size_t n, const char *lit, size_t n2)
{
	const char *p = s, *end = s + n;

	while ((size_t)(end - p) >= n2) {
		p = memchr(p, lit[0], (size_t)(end - p) - n2 + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, lit, n2) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* ---- documents -------------------------------------------------------- */

/* Picks the <S S="Error"> strings out of a document libxml2 could not
 * read, or one cut short (then the last string may be cut too). Entities
 * are decoded by hand: the five of XML and numeric references. */
static size_t
lex_errors(struct decoder *d, const char *s, size_t n)
{
	static const char open[] = "<S S=\"Error\">";
	const char *end = s + n, *p = s;
	size_t found = 0;

	while ((size_t)(end - p) >= sizeof(open) - 1) {
		const char *q = NULL, *e, *c;
		struct buf b = { 0 };
		char *u;

		for (c = p; (size_t)(end - c) >= sizeof(open) - 1; c++)
			if (strncasecmp(c, open, sizeof(open) - 1) == 0) {
				q = c + sizeof(open) - 1;
				break;
			}
		if (q == NULL)
			break;
		for (e = q; e < end && *e != '<'; e++)
			;
		for (c = q; c < e; c++) {
			static const struct { const char *name; char c; }
			ent[] = { { "lt;", '<' }, { "gt;", '>' },
				  { "amp;", '&' }, { "quot;", '"' },
				  { "apos;", '\'' } };
			size_t k, left = (size_t)(e - c) - 1;

			if (*c != '&') {
				buf_addc(&b, *c);
				continue;
			}
			for (k = 0; k < sizeof(ent) / sizeof(ent[0]); k++)
				if (left >= strlen(ent[k].name) &&
				    strncmp(c + 1, ent[k].name,
					    strlen(ent[k].name)) == 0)
					break;
			if (k < sizeof(ent) / sizeof(ent[0])) {
				buf_addc(&b, ent[k].c);
				c += strlen(ent[k].name);
			} else if (left >= 2 && c[1] == '#') {
				const char *x = c + 2;
				int hex = x < e && (*x == 'x' || *x == 'X');
				uint32_t cp = 0;
				int digits = 0, h;

				x += hex;
				for (; x < e && digits < 8; x++, digits++) {
					h = hexval(*x);
					if (h < 0 || (!hex && h > 9))
						break;
					cp = cp * (hex ? 16 : 10) + (uint32_t)h;
				}
				if (digits == 0 || x >= e || *x != ';') {
					buf_addc(&b, *c);
					continue;
				}
				if (cp == 0 || cp > 0x10ffff ||
				    (cp >= 0xd800 && cp <= 0xdfff))
					cp = REPLACEMENT;
				put_utf8(&b, cp);
				c = x;
			} else {
				buf_addc(&b, *c);
			}
		}
		u = clixml_unescape(b.p ? b.p : "");
		buf_adds(&d->stream, u);
		free(u);
		buf_free(&b);
		found++;
		p = e;
	}
	return found;
}

/* One <Objs> document, n bytes at s (valid UTF-8, not NUL-terminated at
 * n). complete says whether its </Objs> was there. */
static void
read_objs(struct decoder *d, const char *s, size_t n, int complete)
{
	struct xmlread_error xe;
	const xmlNode *root, *k;
	xmlDoc *doc = NULL;
	char why[256], preview[4 * TERMTEXT_PREVIEW];

	if (!complete) {
		d->r->truncated = true;
		(void)lex_errors(d, s, n);
		return;
	}
	if (find(s, n, "<!", 2) != NULL) {
		snprintf(why, sizeof(why), "a CLIXML document holds a DTD, "
			 "comment or CDATA, which PowerShell never writes; "
			 "refused");
		goto damaged;
	}
	doc = xmlread_doc(s, n, "clixml", "UTF-8", &xe);
	if (doc == NULL) {
		snprintf(why, sizeof(why), "a CLIXML document is not "
			 "readable: line %d: %.159s", xe.line, xe.message);
		goto damaged;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !xmlread_is(root, "Objs")) {
		snprintf(why, sizeof(why), "a CLIXML document's root is "
			 "not <Objs>");
		xmlFreeDoc(doc);
		goto damaged;
	}
	for (k = root->children; k != NULL; k = k->next) {
		if (xmlread_is(k, "S") && attr_is_ci(k, "S", "Error")) {
			xmlChar *raw = xmlNodeGetContent(k);
			char *u;

			if (raw == NULL)
				continue;
			u = clixml_unescape((const char *)raw);
			xmlFree(raw);
			buf_adds(&d->stream, u);
			free(u);
		} else if (xmlread_is(k, "Obj") &&
			   !attr_is_ci(k, "S", "progress") &&
			   !attr_is_ci(k, "S", "information") &&
			   !attr_is_ci(k, "S", "warning") &&
			   !attr_is_ci(k, "S", "verbose") &&
			   !attr_is_ci(k, "S", "debug")) {
			(void)serialized_record(d, k);
		}
	}
	xmlFreeDoc(doc);
	return;
damaged:
	if (lex_errors(d, s, n) == 0) {
		termtext_preview(preview, sizeof(preview), s, n);
		snprintf(why + strlen(why), sizeof(why) - strlen(why),
			 ", and holds no error text (it starts \"%s\")",
			 preview);
	}
	add_problem(d, why);
}

static int
starts(const char *s, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(end - s) >= n && memcmp(s, lit, n) == 0;
}

static int
objs_at(const char *s, const char *end)
{
	return starts(s, end, "<Objs") && (size_t)(end - s) > 5 &&
	       (s[5] == ' ' || s[5] == '>' || s[5] == '/' || s[5] == '\t' ||
		s[5] == '\r' || s[5] == '\n');
}

static void
decode(struct decoder *d, const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	if (starts(p, end, "\xef\xbb\xbf"))
		p += 3;
	while (p < end) {
		const char *eol, *o;

		if (starts(p, end, "#< CLIXML")) {
			d->r->clixml = true;
			eol = memchr(p, '\n', (size_t)(end - p));
			p = eol ? eol + 1 : end;
			continue;
		}
		if (d->r->clixml && objs_at(p, end)) {
			const char *close = find(p, (size_t)(end - p),
						 "</Objs>", 7);
			const char *stop = close ? close + 7 : end;

			read_objs(d, p, (size_t)(stop - p), close != NULL);
			p = stop;
			continue;
		}
		/* Plain text, to the end of the line or to a document that
		 * follows on it. */
		eol = memchr(p, '\n', (size_t)(end - p));
		eol = eol ? eol + 1 : end;
		if (d->r->clixml) {
			for (o = p + 1; o < eol; o++)
				if (*o == '<' && objs_at(o, end))
					break;
			if (o < eol)
				eol = o;
		}
		buf_add(&d->stream, p, (size_t)(eol - p));
		p = eol;
	}
	flush_stream(d);
}

int
clixml_decode(const char *buf, size_t len, struct clixml_result *out,
	      char **err)
{
	struct decoder d = { 0 };
	struct buf msg = { 0 };
	char *fixed;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (len > CLIXML_MAX) {
		out->message = xstrdup("");
		out->text = xstrdup("");
		*err = xasprintf("PowerShell's error output is %zu bytes, more "
				 "than the %u MiB ccon reads", len,
				 CLIXML_MAX >> 20);
		return -1;
	}
	d.r = out;
	fixed = utf8_fix(buf ? buf : "", buf ? len : 0);
	decode(&d, fixed, strlen(fixed));
	free(fixed);
	out->text = buf_take(&d.text);
	for (i = 0; i < out->n_records; i++) {
		if (out->records[i].message[0] == '\0')
			continue;
		if (msg.len > 0)
			buf_addc(&msg, '\n');
		buf_adds(&msg, out->records[i].message);
	}
	out->message = out->n_records > 0 ? buf_take(&msg)
					  : xstrdup(out->text);
	buf_free(&msg);
	out->problem = d.problem.len > 0 ? buf_take(&d.problem) : NULL;
	buf_free(&d.problem);
	return 0;
}

const char *
clixml_first_fqid(const struct clixml_result *r)
{
	size_t i;

	for (i = 0; i < r->n_records; i++)
		if (r->records[i].fqid != NULL)
			return r->records[i].fqid;
	return NULL;
}

void
clixml_result_free(struct clixml_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n_records; i++) {
		free(r->records[i].message);
		free(r->records[i].fqid);
		free(r->records[i].category);
	}
	free(r->records);
	free(r->message);
	free(r->text);
	free(r->problem);
	memset(r, 0, sizeof(*r));
}
