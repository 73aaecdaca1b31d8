/* A JSON writer for what ccon prints for scripts: pretty-printed as
 * Python's json.dumps(indent=2) does, one member or element a line.
 * Strings are untrusted and the output is often a terminal: every
 * control character, and the C1 and bidi controls JSON would allow raw,
 * is written as \uXXXX (which decodes to the same string), and an invalid
 * UTF-8 byte as \ufffd. Write errors are kept (fout.h): jsonw_finish
 * reports the first. */
#ifndef CCON_JSONW_H
#define CCON_JSONW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "backend/util/fout.h"

#define JSONW_MAX_DEPTH 16

struct jsonw {
	struct fout o;
	int depth;
	bool empty[JSONW_MAX_DEPTH];  /* nothing written yet at this depth */
	const char *closer[JSONW_MAX_DEPTH];  /* "}" or "]" */
};

void jsonw_init(struct jsonw *j, FILE *f);

/* Each takes the member's key inside an object, NULL inside an array or
 * for the top-level value. */
void jsonw_object(struct jsonw *j, const char *key);   /* { */
void jsonw_array(struct jsonw *j, const char *key);    /* [ */
void jsonw_end(struct jsonw *j);                       /* } or ] */
void jsonw_string(struct jsonw *j, const char *key, const char *value);
void jsonw_bool(struct jsonw *j, const char *key, bool value);
void jsonw_int(struct jsonw *j, const char *key, int64_t value);
void jsonw_uint(struct jsonw *j, const char *key, uint64_t value);
void jsonw_null(struct jsonw *j, const char *key);

/* Ends the document with a newline and flushes. Returns 0, or -1 with
 * errno set to the first failure's. */
int jsonw_finish(struct jsonw *j);

#endif
