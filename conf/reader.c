/* The libconfig reader; see reader.h.
 *
 * libconfig 1.5 quirk worth knowing: an integer written without the L
 * suffix is kept in an int and silently wraps when it is larger than
 * 2147483647. The range checks catch most such values (they wrap to
 * negative numbers); the example file says to write big numbers with L. */
#include "conf/reader.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "backend/util/xalloc.h"

/* Indexed by the curses colour number (COLOR_BLACK is 0, ...). */
static const char *const reader_color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	NULL
};

const char *
reader_show(const char *s, char *buf, size_t bufsz)
{
	size_t i, max = bufsz - 4;	/* room for "..." and NUL */

	for (i = 0; s[i] != '\0' && i < max; i++) {
		unsigned char ch = (unsigned char)s[i];

		buf[i] = (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
	}
	buf[i] = '\0';
	if (s[i] != '\0')
		memcpy(buf + i, "...", 4);
	return buf;
}

unsigned
reader_line(const config_setting_t *s)
{
	while (s != NULL && config_setting_source_line(s) == 0)
		s = config_setting_parent(s);
	return s != NULL ? config_setting_source_line(s) : 0;
}

/* The file a setting or an error came from, named so that the user can
 * open it: libconfig keeps an @include'd file's name as written, relative
 * to the include directory (the main file's). Newly allocated. */
static char *
reader_file_name(const struct reader *rd, const char *file)
{
	if (file == NULL || strcmp(file, rd->path) == 0)
		return xstrdup(rd->path);
	if (file[0] != '/' && rd->include_dir != NULL)
		return xasprintf("%s/%s", rd->include_dir, file);
	return xstrdup(file);
}

/* Whether two errors' files are one (libconfig's names, NULL for the
 * file itself). */
static bool
reader_same_file(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int
reader_fail(struct reader *rd, const config_setting_t *s, const char *fmt,
    ...)
{
	struct reader_error e;
	va_list ap;
	char *msg, *file;
	size_t at;

	if (rd->n_errs == READER_ERRORS_MAX) {
		rd->n_dropped++;
		return -1;
	}
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	e.line = reader_line(s);
	e.file = s != NULL ? config_setting_source_file(s) : NULL;
	file = reader_file_name(rd, e.file);
	if (e.line > 0)
		e.text = xasprintf("%s:%u: %s", file, e.line, msg);
	else
		e.text = xasprintf("%s: %s", file, msg);
	free(file);
	free(msg);
	/* Found after the keys of its group, told before them. */
	for (at = rd->n_errs; at > 0 && e.line > 0 &&
	    reader_same_file(rd->errs[at - 1].file, e.file) &&
	    rd->errs[at - 1].line > e.line; at--)
		;
	memmove(&rd->errs[at + 1], &rd->errs[at],
	    (rd->n_errs - at) * sizeof rd->errs[0]);
	rd->errs[at] = e;
	rd->n_errs++;
	return -1;
}

size_t
reader_errors(const struct reader *rd)
{
	return rd->n_errs + rd->n_dropped;
}

char *
reader_take_error(struct reader *rd)
{
	char *all = NULL, *next;
	size_t i;

	for (i = 0; i < rd->n_errs; i++) {
		if (all == NULL)
			next = xstrdup(rd->errs[i].text);
		else
			next = xasprintf("%s\n%s", all, rd->errs[i].text);
		free(all);
		free(rd->errs[i].text);
		rd->errs[i].text = NULL;
		all = next;
	}
	if (rd->n_dropped > 0) {
		next = xasprintf("%s\n%s: and %zu more error%s", all, rd->path,
		    rd->n_dropped, rd->n_dropped == 1 ? "" : "s");
		free(all);
		all = next;
	}
	rd->n_errs = 0;
	rd->n_dropped = 0;
	return all;
}

/* Optimal string alignment distance (Levenshtein plus adjacent
 * transpositions, so "prot" is one step from "port"). Keys are short;
 * longer strings are simply "far". */
static size_t
reader_distance(const char *a, const char *b)
{
	enum { MAXLEN = 32 };
	size_t d[MAXLEN + 1][MAXLEN + 1];
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la > MAXLEN || lb > MAXLEN)
		return SIZE_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

/* At most two edits, and no more than half the word: "theme" is not a
 * typo of "name". */
const char *
reader_closest(const char *word, const char *const *known)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX, d, i;

	for (i = 0; known[i] != NULL; i++) {
		d = reader_distance(word, known[i]);
		if (d < best_d) {
			best_d = d;
			best = known[i];
		}
	}
	if (best_d <= 2 && best_d <= strlen(word) / 2)
		return best;
	return NULL;
}

const char *
reader_join(const char *const *words, const char *quote, const char *last,
    char *buf, size_t bufsz)
{
	size_t len = 0, i;
	int n;

	buf[0] = '\0';
	for (i = 0; words[i] != NULL; i++) {
		n = snprintf(buf + len, bufsz - len, "%s%s%s%s",
		    i == 0 ? "" : words[i + 1] == NULL ? last : ", ",
		    quote, words[i], quote);
		if (n < 0 || (size_t)n >= bufsz - len)
			break;
		len += (size_t)n;
	}
	return buf;
}

int
reader_unknown_key(struct reader *rd, const config_setting_t *s,
    const char *const *known, const char *where)
{
	const char *name = config_setting_name(s);
	const char *guess;
	char list[512];

	if (name == NULL)
		name = "";
	guess = reader_closest(name, known);
	if (guess != NULL)
		return reader_fail(rd, s,
		    "unknown key '%s'%s (did you mean '%s'?)", name, where,
		    guess);
	return reader_fail(rd, s, "unknown key '%s'%s; known keys: %s", name,
	    where, reader_join(known, "", ", ", list, sizeof list));
}

/* Each getter clears *out first: the compiler cannot see that
 * reader_fail() never returns 0. */

int
reader_bool(struct reader *rd, const config_setting_t *s, bool *out)
{
	*out = false;
	if (config_setting_type(s) != CONFIG_TYPE_BOOL)
		return reader_fail(rd, s, "'%s' must be true or false",
		    config_setting_name(s));
	*out = config_setting_get_bool(s) != 0;
	return 0;
}

int
reader_seconds(struct reader *rd, const config_setting_t *s, double min,
    double max, double *out)
{
	const char *name = config_setting_name(s);
	double v;

	*out = 0;
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		v = (double)config_setting_get_int64(s);
		break;
	case CONFIG_TYPE_FLOAT:
		v = config_setting_get_float(s);
		break;
	default:
		return reader_fail(rd, s, "'%s' must be a number of seconds",
		    name);
	}
	/* Written this way round so that a NaN fails too. */
	if (!(v >= min && v <= max))
		return reader_fail(rd, s,
		    "'%s' must be %g to %g seconds, not %g", name, min, max, v);
	*out = v;
	return 0;
}

int
reader_int(struct reader *rd, const config_setting_t *s, long long min,
    long long max, const char *unit, long long *out)
{
	const char *name = config_setting_name(s);
	long long v;

	*out = 0;
	if (config_setting_type(s) != CONFIG_TYPE_INT &&
	    config_setting_type(s) != CONFIG_TYPE_INT64)
		return reader_fail(rd, s, "'%s' must be a whole number%s%s",
		    name, *unit != '\0' ? " of" : "", unit);
	v = config_setting_get_int64(s);
	if (v < min || v > max) {
		if (max == LLONG_MAX)
			return reader_fail(rd, s,
			    "'%s' must be %lld or more, not %lld", name, min,
			    v);
		return reader_fail(rd, s,
		    "'%s' must be %lld to %lld%s, not %lld", name, min, max,
		    unit, v);
	}
	*out = v;
	return 0;
}

int
reader_string(struct reader *rd, const config_setting_t *s,
    const char *what, const char *noun, reader_check *check,
    const char **out)
{
	const char *v, *why;
	char show[80];

	*out = "";
	if (config_setting_type(s) != CONFIG_TYPE_STRING)
		return reader_fail(rd, s, "'%s' must be a string (%s)",
		    config_setting_name(s), what);
	v = config_setting_get_string(s);
	if (v == NULL || *v == '\0')
		return reader_fail(rd, s, "'%s' must not be empty (%s)",
		    config_setting_name(s), what);
	if (check != NULL && (why = check(v)) != NULL)
		return reader_fail(rd, s, "%s '%s' %s", noun,
		    reader_show(v, show, sizeof show), why);
	*out = v;
	return 0;
}

int
reader_path(struct reader *rd, const config_setting_t *s, const char *what,
    char **out)
{
	const char *v, *home = getenv("HOME");

	if (reader_string(rd, s, what, NULL, NULL, &v) != 0)
		return -1;
	free(*out);
	if (v[0] == '~' && v[1] == '/' && home != NULL && *home != '\0')
		*out = xasprintf("%s%s", home, v + 1);
	else
		*out = xstrdup(v);
	return 0;
}

void
reader_strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
reader_strings(struct reader *rd, const config_setting_t *s,
    const char *example, const char *noun, reader_check *check,
    char ***out, size_t *n_out)
{
	const config_setting_t *e;
	const char *v, *why;
	char show[80];
	char **strv;
	size_t n, i;
	int rc = 0;

	if (config_setting_type(s) != CONFIG_TYPE_ARRAY &&
	    config_setting_type(s) != CONFIG_TYPE_LIST)
		return reader_fail(rd, s, "'%s' must be a list of strings: %s",
		    config_setting_name(s), example);
	n = (size_t)config_setting_length(s);
	/* Every entry is looked at, so that each bad one is told. */
	for (i = 0; i < n; i++) {
		e = config_setting_get_elem(s, (unsigned)i);
		if (e == NULL || config_setting_type(e) != CONFIG_TYPE_STRING) {
			rc = reader_fail(rd, e != NULL ? e : s,
			    "each entry of '%s' must be a string: %s",
			    config_setting_name(s), example);
			continue;
		}
		v = config_setting_get_string(e);
		if (check != NULL && (why = check(v)) != NULL)
			rc = reader_fail(rd, e, "%s '%s' in '%s': %s", noun,
			    reader_show(v, show, sizeof show),
			    config_setting_name(s), why);
	}
	if (rc != 0)
		return -1;
	/* Copied only now, so that a failure above has nothing to undo. */
	strv = xcalloc(n, sizeof *strv);
	for (i = 0; i < n; i++)
		strv[i] = xstrdup(config_setting_get_string(
		    config_setting_get_elem(s, (unsigned)i)));
	reader_strv_free(*out, *n_out);
	*out = strv;
	*n_out = n;
	return 0;
}

int
reader_word(struct reader *rd, const config_setting_t *s,
    const char *const *words, int *out)
{
	const char *v, *guess;
	char show[80], what[256], list[256];
	int i;

	*out = 0;
	reader_join(words, "\"", " or ", what, sizeof what);
	if (reader_string(rd, s, what, NULL, NULL, &v) != 0)
		return -1;
	for (i = 0; words[i] != NULL; i++) {
		if (strcmp(v, words[i]) == 0) {
			*out = i;
			return 0;
		}
	}
	reader_show(v, show, sizeof show);
	reader_join(words, "\"", ", ", list, sizeof list);
	if ((guess = reader_closest(v, words)) != NULL)
		return reader_fail(rd, s, "%s '%s' is not one of %s (did you "
		    "mean \"%s\"?)", config_setting_name(s), show, list, guess);
	return reader_fail(rd, s, "%s '%s' is not one of %s",
	    config_setting_name(s), show, list);
}

int
reader_color_word(const char *word, int *out)
{
	int i;

	if (strcasecmp(word, "default") == 0) {
		*out = READER_COLOR_DEFAULT;
		return 0;
	}
	for (i = 0; reader_color_names[i] != NULL; i++) {
		if (strcasecmp(word, reader_color_names[i]) == 0) {
			*out = i;
			return 0;
		}
	}
	return -1;
}

const char *
reader_color_name(int color)
{
	if (color == READER_COLOR_DEFAULT)
		return "default";
	if (color >= 0 && (size_t)color < sizeof reader_color_names /
	    sizeof reader_color_names[0] - 1)
		return reader_color_names[color];
	return NULL;
}

int
reader_color(struct reader *rd, const config_setting_t *s, int *out)
{
	const char *key = config_setting_name(s), *v;
	char show[80], names[128];
	long long num;

	*out = READER_COLOR_DEFAULT;
	reader_join(reader_color_names, "", ", ", names, sizeof names);
	switch (config_setting_type(s)) {
	case CONFIG_TYPE_STRING:
		v = config_setting_get_string(s);
		if (reader_color_word(v, out) == 0)
			return 0;
		return reader_fail(rd, s, "colour '%s' for '%s' is not one of "
		    "%s, default, or a number 0 to 255",
		    reader_show(v, show, sizeof show), key, names);
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		num = config_setting_get_int64(s);
		if (num < 0 || num > 255)
			return reader_fail(rd, s, "colour %lld for '%s' is "
			    "not a number 0 to 255", num, key);
		*out = (int)num;
		return 0;
	default:
		return reader_fail(rd, s, "'%s' must be a colour name (%s, "
		    "default) or a number 0 to 255", key, names);
	}
}

int
reader_group(struct reader *rd, const config_setting_t *s,
    const char *example)
{
	if (!config_setting_is_group(s))
		return reader_fail(rd, s, "'%s' must be a group: %s",
		    config_setting_name(s), example);
	return 0;
}

int
reader_groups(struct reader *rd, const config_setting_t *s,
    const char *entry, unsigned *n)
{
	*n = 0;
	/* An empty "[ ]" is an empty array to libconfig; let it mean none. */
	if (config_setting_type(s) == CONFIG_TYPE_ARRAY &&
	    config_setting_length(s) == 0)
		return 0;
	if (config_setting_type(s) != CONFIG_TYPE_LIST)
		return reader_fail(rd, s, "'%s' must be a list of groups: "
		    "%s = ( %s );", config_setting_name(s),
		    config_setting_name(s), entry);
	*n = (unsigned)config_setting_length(s);
	return 0;
}

const config_setting_t *
reader_group_at(struct reader *rd, const config_setting_t *list, unsigned i,
    const char *entry)
{
	const config_setting_t *g = config_setting_get_elem(list, i);

	if (g == NULL || !config_setting_is_group(g)) {
		reader_fail(rd, g != NULL ? g : list,
		    "each entry of '%s' must be a group: %s",
		    config_setting_name(list), entry);
		return NULL;
	}
	return g;
}

/* The directory of path, newly allocated, or NULL for the current one. */
static char *
reader_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL)
		return NULL;
	if (slash == path)
		return xstrdup("/");
	dir = xcalloc(1, (size_t)(slash - path) + 1);
	memcpy(dir, path, (size_t)(slash - path));
	return dir;
}

/* libconfig says only "file I/O error"; find out why ourselves, so that
 * the user reads "No such file or directory" or "Permission denied".
 * Returns 0, or the errno value with *err set. */
static int
reader_check_readable(const char *path, char **err)
{
	struct stat st;
	FILE *f;
	int rc = 0;

	f = fopen(path, "r");
	if (f == NULL) {
		rc = errno;
		goto out;
	}
	if (fstat(fileno(f), &st) != 0) {
		rc = errno;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = EISDIR;
		goto out;
	}
out:
	/* Opened for reading only: a failing fclose() loses nothing. */
	if (f != NULL)
		(void)fclose(f);
	if (rc != 0)
		*err = xasprintf("%s: cannot open: %s", path, strerror(rc));
	return rc;
}

/* libconfig's deepest @include. */
#define INCLUDE_DEPTH_MAX 10

/* The files includes_ok has looked at, by device and inode: a file that
 * includes itself, or is included from many places, is read once (its
 * includes are the same each time), not once per path to it, which is
 * exponential in the depth. */
struct seen_files {
	struct { dev_t dev; ino_t ino; } *v;
	size_t n, cap;
};

/* Whether st's file was seen already; if not, it is from now on. */
static bool
seen_before(struct seen_files *seen, const struct stat *st)
{
	size_t i;

	for (i = 0; i < seen->n; i++)
		if (seen->v[i].dev == st->st_dev && seen->v[i].ino == st->st_ino)
			return true;
	if (seen->n == seen->cap) {
		seen->cap = seen->cap ? 2 * seen->cap : 8;
		seen->v = xreallocarray(seen->v, seen->cap, sizeof(*seen->v));
	}
	seen->v[seen->n].dev = st->st_dev;
	seen->v[seen->n].ino = st->st_ino;
	seen->n++;
	return false;
}

/* Whether file (and what it includes) is text whose every @include
 * names a regular file: libconfig 1.5 exits the whole process ("input
 * in flex scanner failed") on an @include of a directory, "" or ".", and
 * a NUL byte makes it read a name other than the one written (the name
 * ends there for it). Returns 0, or -1 with *err "file:line: ...". A file
 * that cannot be read is left to libconfig, which says so. */
static int
includes_ok(const struct reader *rd, const char *file, int depth,
	    struct seen_files *seen, char **err)
{
	FILE *f = fopen(file, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int n = 0, rc = 0;

	if (f == NULL)
		return 0;
	while (rc == 0 && (len = getline(&line, &cap, f)) > 0) {
		const char *p = line, *q;
		char *name, *full;
		struct stat st;
		size_t k;

		n++;
		if (memchr(line, '\0', (size_t)len) != NULL) {
			*err = xasprintf("%s:%d: a NUL byte: a configuration "
			    "is text", file, n);
			rc = -1;
			break;
		}
		p += strspn(p, " \t");
		if (strncmp(p, "@include", 8) != 0)
			continue;
		p += 8;
		p += strspn(p, " \t");
		if (*p != '"')
			continue;
		/* The name as libconfig 1.5 reads it: \\ and \" are escapes,
		 * and any other backslash is dropped (its scanner echoes it
		 * to stdout). */
		name = xstrdup(p + 1);
		for (q = p + 1, k = 0; *q != '\0' && *q != '"'; q++)
			name[k++] = *q == '\\' && q[1] != '\0' ? *++q : *q;
		name[k] = '\0';
		if (*q != '"') {
			free(name);
			continue;
		}
		full = reader_file_name(rd, name);
		if (stat(full, &st) != 0) {
			/* Missing: libconfig says so, with its line. */
		} else if (!S_ISREG(st.st_mode)) {
			*err = xasprintf("%s:%d: @include \"%s\" is not a file "
			    "(%s)", file, n, name, S_ISDIR(st.st_mode) ?
			    "a directory" : "not a regular file");
			rc = -1;
		} else if (depth < INCLUDE_DEPTH_MAX &&
			   !seen_before(seen, &st)) {
			rc = includes_ok(rd, full, depth + 1, seen, err);
		}
		free(full);
		free(name);
	}
	free(line);
	fclose(f);
	return rc;
}

int
reader_open(struct reader *rd, const char *path, char **err)
{
	struct seen_files seen = { 0 };
	char *file;
	int open_errno, seen_ok;

	*err = NULL;
	memset(rd, 0, sizeof *rd);
	open_errno = reader_check_readable(path, err);
	if (open_errno != 0) {
		/* Kept for the caller: a missing default file (ENOENT) is
		 * no error, a missing --config file is. */
		errno = open_errno;
		return -1;
	}
	rd->path = path;
	config_init(&rd->cfg);
	/* @include "x.conf" is found beside the file, not in the cwd. */
	rd->include_dir = reader_dirname(path);
	if (rd->include_dir != NULL)
		config_set_include_dir(&rd->cfg, rd->include_dir);
	seen_ok = includes_ok(rd, path, 0, &seen, err);
	free(seen.v);
	if (seen_ok != 0) {
		reader_close(rd);
		errno = EINVAL;
		return -1;
	}
	if (config_read_file(&rd->cfg, path) == CONFIG_TRUE)
		return 0;

	file = reader_file_name(rd, config_error_file(&rd->cfg));
	if (config_error_type(&rd->cfg) == CONFIG_ERR_FILE_IO)
		*err = xasprintf("%s: cannot read: %s", file,
		    config_error_text(&rd->cfg));
	else
		*err = xasprintf("%s:%d: %s", file,
		    config_error_line(&rd->cfg), config_error_text(&rd->cfg));
	free(file);
	reader_close(rd);
	errno = EINVAL;
	return -1;
}

const config_setting_t *
reader_root(const struct reader *rd)
{
	return config_root_setting(&rd->cfg);
}

void
reader_close(struct reader *rd)
{
	size_t i;

	config_destroy(&rd->cfg);
	free(rd->include_dir);
	for (i = 0; i < rd->n_errs; i++)
		free(rd->errs[i].text);
	memset(rd, 0, sizeof *rd);
}
