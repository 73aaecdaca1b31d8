/* A libconfig file read against a schema: typed getters whose messages
 * name the key and say what it wants, every error as "file:line: message"
 * (an @include'd setting's file is its own), "did you mean" for a misspelt
 * key or word, and "~/" in paths. It knows no key of ccon's; conf/schema.c
 * does. Every error is kept (the first READER_ERRORS_MAX of them, and a
 * count of the rest), so that one run tells all that is wrong with a
 * file: a getter that fails returns -1 with its error recorded, and the
 * caller goes on with the next setting. */
#ifndef CCON_CONF_READER_H
#define CCON_CONF_READER_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>

#define READER_COLOR_DEFAULT (-1)	/* the terminal's own colour */
#define READER_ERRORS_MAX 20		/* kept; the rest are counted */

struct reader {
	const char *path;		/* as the caller named it */
	char *include_dir;		/* path's directory, or NULL (cwd) */
	config_t cfg;
	struct reader_error {
		char *text;		/* "file:line: message" */
		const char *file;	/* libconfig's name of it, or NULL */
		unsigned line;
	} errs[READER_ERRORS_MAX];	/* by line in each file */
	size_t n_errs;			/* in errs */
	size_t n_dropped;		/* found after errs was full */
};

/* NULL if value is good, else why not ("must be 1 to 64 letters"). */
typedef const char *reader_check(const char *value);

/* Reads path, @include'd files found beside it. Returns 0 (then call
 * reader_close), or -1 with *err (caller frees) and errno: the open(2)
 * error with "path: cannot open: ...", EINVAL with "file:line: ..." when
 * the file is not libconfig syntax. */
int reader_open(struct reader *rd, const char *path, char **err);
void reader_close(struct reader *rd);
const config_setting_t *reader_root(const struct reader *rd);

/* How many errors were found, those kept and those dropped. */
size_t reader_errors(const struct reader *rd);

/* The errors recorded, one a line ("\n" between them) in the order of
 * their lines in each file (a group's own, such as a missing key, comes
 * before those of its keys), the last line
 * "file: and N more errors" when some were dropped; NULL if there are
 * none. Handed to the caller (who frees it); rd then holds none. */
char *reader_take_error(struct reader *rd);

/* Records "file:line: message" about s (NULL: the file itself); returns
 * -1. */
int reader_fail(struct reader *rd, const config_setting_t *s,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The line s was read from; a setting libconfig gives none (the root)
 * takes its parent's. 0 if none at all. */
unsigned reader_line(const config_setting_t *s);

/* s made safe to echo in a message into buf: control characters become
 * '?', a long value is cut with "...". Returns buf. */
const char *reader_show(const char *s, char *buf, size_t bufsz);

/* The NULL-terminated words as "a, b or c" into buf: each in quote, ", "
 * between them and last before the last one. Returns buf. */
const char *reader_join(const char *const *words, const char *quote,
    const char *last, char *buf, size_t bufsz);

/* The word of known closest to word if it is near enough to be a typo,
 * else NULL. */
const char *reader_closest(const char *word, const char *const *known);

/* "unknown key 'x'<where> (did you mean 'y'?)", or the known keys when
 * none is close. Returns -1. */
int reader_unknown_key(struct reader *rd, const config_setting_t *s,
    const char *const *known, const char *where);

/* Typed getters. Each returns 0 with *out set, or -1 (error recorded). */
int reader_bool(struct reader *rd, const config_setting_t *s, bool *out);
/* A number of seconds, integer or not, in [min, max]. */
int reader_seconds(struct reader *rd, const config_setting_t *s, double min,
    double max, double *out);
/* A whole number in [min, max] (max LLONG_MAX: no upper bound); unit, as
 * " seconds" or "", is for the messages. */
int reader_int(struct reader *rd, const config_setting_t *s, long long min,
    long long max, const char *unit, long long *out);
/* A non-empty string, what saying what kind ("a login name"). With check,
 * a value it refuses is "noun 'value' why". *out points into the file's
 * tree: good until reader_close. */
int reader_string(struct reader *rd, const config_setting_t *s,
    const char *what, const char *noun, reader_check *check,
    const char **out);
/* A path as reader_string, with a leading "~/" made $HOME: ccon is not
 * started by a shell that would have done it. *out is replaced by a newly
 * allocated copy (the old one freed). */
int reader_path(struct reader *rd, const config_setting_t *s,
    const char *what, char **out);
/* A list of strings (libconfig array or list) each passing check, which
 * may be NULL; example shows one in the messages, noun names an entry.
 * Every bad entry is an error of its own. *out and *n_out are replaced by
 * copies (the old ones freed) when all are good. */
int reader_strings(struct reader *rd, const config_setting_t *s,
    const char *example, const char *noun, reader_check *check,
    char ***out, size_t *n_out);
/* One of the NULL-terminated words: *out is its index. A misspelt one is
 * told the word it is closest to. */
int reader_word(struct reader *rd, const config_setting_t *s,
    const char *const *words, int *out);
/* A colour: a name (any case), "default" (READER_COLOR_DEFAULT), or a
 * number 0 to 255. */
int reader_color(struct reader *rd, const config_setting_t *s, int *out);
/* The same for a word alone; 0, or -1 if it is none. */
int reader_color_word(const char *word, int *out);
/* The word of a colour ("green", "default"), or NULL for a number that
 * has none. */
const char *reader_color_name(int color);
/* A group, "key = { ... }"; example shows one. */
int reader_group(struct reader *rd, const config_setting_t *s,
    const char *example);
/* A list of groups, "key = ( { ... }, ... )", where "[ ]" is an empty one;
 * entry shows one group. *n is the number of entries. */
int reader_groups(struct reader *rd, const config_setting_t *s,
    const char *entry, unsigned *n);
/* Entry i of such a list, or NULL (error recorded) if it is no group. */
const config_setting_t *reader_group_at(struct reader *rd,
    const config_setting_t *list, unsigned i, const char *entry);

void reader_strv_free(char **v, size_t n);

#endif
