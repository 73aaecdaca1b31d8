/* A saved capture shown as a cluster. As with a live cluster, work that
 * changes nothing costs nothing: the file's identity, size and times
 * decide whether it is read at all, and its bytes whether it is parsed.
 * A file that cannot be read or parsed keeps its error until it changes,
 * and the last good state stays on screen. */
#include "backend/drivers/wsfc/wsfc_file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backend/drivers/wsfc/wsfc_capture.h"
#include "backend/drivers/wsfc/wsfc_scripts.h"
#include "backend/link/transport.h"
#include "backend/util/xalloc.h"

struct wsfc_file {
	struct driver base;
	char *cluster, *path;
	struct stat seen;             /* the file when it was last read */
	bool have_seen;
	char *content;                /* the bytes of the last good parse */
	size_t len;
	char *error;                  /* why the file as seen is no good */
};

bool
wsfc_file_looks_like_capture(const char *text, size_t n)
{
	size_t i = 0, m = strlen(WSFC_SCRIPT_BEGIN), b;

	if (n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && strchr(" \t\r\n", text[i]) != NULL && text[i] != '\0')
		i++;
	if (i < n && text[i] == '{')
		return true;
	/* The frame may come after stray lines (a profile's). */
	for (b = i; b < n; b++) {
		if (b > i && text[b - 1] != '\n')
			continue;
		if (n - b >= 3 && memcmp(text + b, "\xef\xbb\xbf", 3) == 0)
			b += 3;
		if (n - b >= m && memcmp(text + b, WSFC_SCRIPT_BEGIN, m) == 0)
			return true;
	}
	return false;
}

static bool
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	       a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	       a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	       a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* The whole file in *out (NUL-terminated), or -1 with *err. */
static int
slurp(const char *path, char **out, size_t *len, char **err)
{
	FILE *fp = fopen(path, "rb");
	char chunk[65536], *buf = NULL;
	size_t cap = 0, n;
	int rc = -1;

	*len = 0;
	if (fp == NULL) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		if (transport_append(&buf, len, &cap, chunk, n) != 0) {
			*err = xasprintf("%s is larger than %u MiB", path,
					 TRANSPORT_OUTPUT_MAX >> 20);
			goto out;
		}
	if (ferror(fp)) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (buf == NULL && transport_append(&buf, len, &cap, "", 0) != 0) {
		*err = xstrdup("out of memory");
		goto out;
	}
	*out = buf;
	buf = NULL;
	rc = 0;
out:
	fclose(fp);
	free(buf);
	return rc;
}

static int
keep_error(struct wsfc_file *f, char **err)
{
	free(f->error);
	f->error = xstrdup(*err);
	return -1;
}

static int
wf_fetch(struct driver *d, uint64_t now_ms, struct snapshot **out,
	 char **err)
{
	struct wsfc_file *f = (struct wsfc_file *)d;
	struct wsfc_capture c;
	struct stat st;
	char *buf = NULL;
	size_t len;

	(void)now_ms;
	if (stat(f->path, &st) != 0) {
		*err = xasprintf("%s: %s", f->path, strerror(errno));
		f->have_seen = false;
		return -1;
	}
	if (f->have_seen && same_file(&st, &f->seen)) {
		if (f->error != NULL) {
			*err = xstrdup(f->error);
			return -1;
		}
		return DRIVER_UNCHANGED;
	}
	/* Noted before it is read: a write meanwhile is a change at the
	 * next look. */
	f->seen = st;
	f->have_seen = true;
	if (slurp(f->path, &buf, &len, err) != 0)
		return keep_error(f, err);
	if (f->content != NULL && f->error == NULL && len == f->len &&
	    memcmp(buf, f->content, len) == 0) {
		free(buf);
		return DRIVER_UNCHANGED;
	}
	if (wsfc_capture_parse(buf, len, f->cluster, f->path, &c, NULL,
			       err) != 0) {
		char *e = xasprintf("%s: %s", f->path, *err);

		free(buf);
		free(*err);
		*err = e;
		return keep_error(f, err);
	}
	*out = snapshot_ref(c.snap);
	wsfc_capture_free(&c);
	free(f->error);
	f->error = NULL;
	free(f->content);
	f->content = buf;
	f->len = len;
	return 0;
}

static int
wf_act(struct driver *d, const struct action *a, uint64_t now_ms,
       char **err)
{
	(void)a;
	(void)now_ms;
	*err = xasprintf("%s is a saved WSFC capture: there is no cluster "
			 "to act on", ((struct wsfc_file *)d)->path);
	return -1;
}

static void
wf_destroy(struct driver *d)
{
	struct wsfc_file *f = (struct wsfc_file *)d;

	free(f->cluster);
	free(f->path);
	free(f->content);
	free(f->error);
	free(f);
}

static const struct driver_ops wsfc_file_ops = {
	.name = "wsfc-file",
	.caps = 0,          /* a file: nothing to act on */
	.fetch = wf_fetch,
	.act = wf_act,
	.destroy = wf_destroy,
};

struct driver *
wsfc_file_driver_new(const char *cluster, const char *path)
{
	struct wsfc_file *f = xcalloc(1, sizeof(*f));

	f->base.ops = &wsfc_file_ops;
	f->cluster = xstrdup(cluster);
	f->path = xstrdup(path);
	return &f->base;
}
