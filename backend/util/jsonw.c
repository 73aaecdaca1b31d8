#include "backend/util/jsonw.h"

#include <assert.h>
#include <inttypes.h>
#include <string.h>

#include "backend/util/termtext.h"

/* Valid in JSON as they are, but a terminal showing the output could act
 * on them: the characters termtext never draws (C0 is escaped by JSON
 * itself). */
static bool
must_escape(uint32_t c)
{
	return c >= 0x20 && termtext_forbidden(c);
}

static void
put_escape(struct fout *o, uint32_t c)
{
	char esc[16];

	if (c > 0xffff) {           /* as a surrogate pair */
		c -= 0x10000;
		snprintf(esc, sizeof(esc), "\\u%04x\\u%04x",
			 (unsigned)(0xd800 + (c >> 10)),
			 (unsigned)(0xdc00 + (c & 0x3ff)));
	} else {
		snprintf(esc, sizeof(esc), "\\u%04x", (unsigned)c);
	}
	fout_str(o, esc);
}

static void
put_string(struct fout *o, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	const unsigned char *run;
	char esc[2];
	uint32_t c;
	size_t n;

	if (str == NULL) {
		fout_str(o, "null");
		return;
	}
	fout_str(o, "\"");
	/* Runs of plain text go out in one write; stop at what needs care. */
	for (run = s; *s != '\0'; ) {
		if (*s >= 0x20 && *s < 0x7f && *s != '"' && *s != '\\') {
			s++;
			continue;
		}
		if (*s >= 0x80 && (n = termtext_decode(s, &c)) != 0 &&
		    !must_escape(c)) {
			s += n;
			continue;
		}
		fout_bytes(o, (const char *)run, (size_t)(s - run));
		if (*s == '"' || *s == '\\') {
			esc[0] = '\\';
			esc[1] = (char)*s;
			fout_bytes(o, esc, 2);
			s++;
		} else if (*s < 0x80) {
			put_escape(o, *s);
			s++;
		} else if ((n = termtext_decode(s, &c)) != 0) {
			put_escape(o, c);
			s += n;
		} else {
			fout_str(o, "\\ufffd");      /* one per invalid byte */
			s++;
		}
		run = s;
	}
	fout_bytes(o, (const char *)run, (size_t)(s - run));
	fout_str(o, "\"");
}

void
jsonw_init(struct jsonw *j, FILE *f)
{
	memset(j, 0, sizeof(*j));
	j->o.f = f;
}

/* Starts a member (key != NULL) or an element at the current depth. */
static void
item(struct jsonw *j, const char *key)
{
	int i;

	if (j->depth > 0) {
		fout_str(&j->o, j->empty[j->depth] ? "\n" : ",\n");
		j->empty[j->depth] = false;
		for (i = 0; i < j->depth; i++)
			fout_str(&j->o, "  ");
	}
	if (key != NULL) {
		put_string(&j->o, key);
		fout_str(&j->o, ": ");
	}
}

static void
open_container(struct jsonw *j, const char *key, const char *bracket,
	       const char *closer)
{
	item(j, key);
	fout_str(&j->o, bracket);
	/* Deeper than any document of ccon's: a bug in the caller. */
	assert(j->depth + 1 < JSONW_MAX_DEPTH);
	j->depth++;
	j->empty[j->depth] = true;
	j->closer[j->depth] = closer;
}

void
jsonw_object(struct jsonw *j, const char *key)
{
	open_container(j, key, "{", "}");
}

void
jsonw_array(struct jsonw *j, const char *key)
{
	open_container(j, key, "[", "]");
}

/* The closing bracket is remembered by what the depth opened with: the
 * caller only says "end". */
void
jsonw_end(struct jsonw *j)
{
	int i;

	assert(j->depth > 0);
	if (!j->empty[j->depth]) {
		fout_str(&j->o, "\n");
		for (i = 1; i < j->depth; i++)
			fout_str(&j->o, "  ");
	}
	fout_str(&j->o, j->closer[j->depth]);
	j->depth--;
}

void
jsonw_string(struct jsonw *j, const char *key, const char *value)
{
	item(j, key);
	put_string(&j->o, value);
}

void
jsonw_bool(struct jsonw *j, const char *key, bool value)
{
	item(j, key);
	fout_str(&j->o, value ? "true" : "false");
}

void
jsonw_int(struct jsonw *j, const char *key, int64_t value)
{
	item(j, key);
	fout_fmt(&j->o, "%" PRId64, value);
}

void
jsonw_uint(struct jsonw *j, const char *key, uint64_t value)
{
	item(j, key);
	fout_fmt(&j->o, "%" PRIu64, value);
}

void
jsonw_null(struct jsonw *j, const char *key)
{
	item(j, key);
	fout_str(&j->o, "null");
}

int
jsonw_finish(struct jsonw *j)
{
	assert(j->depth == 0);
	fout_str(&j->o, "\n");
	return fout_finish(&j->o);
}
