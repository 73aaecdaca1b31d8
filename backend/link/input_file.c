/* The --input driver; see input_file.h. */
#include "backend/link/input_file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backend/link/transport.h"
#include "backend/util/xalloc.h"

struct input_file {
	struct driver base;
	struct driver_ops ops;        /* the kind's name, this file's ops */
	const struct input_file_kind *kind;
	char *cluster, *path;
	struct stat seen;             /* the file as last read */
	bool have_seen;
	char *content;                /* what the last good parse read */
	size_t len;
	char *error;                  /* why the file as seen is no good */
};

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

/* The whole file, NUL-terminated, in *out; -1 with *err. */
static int
read_all(const char *path, char **out, size_t *len, char **err)
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
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (transport_append(&buf, len, &cap, chunk, n) != 0) {
			*err = xasprintf("%s is larger than %u MiB", path,
					 TRANSPORT_OUTPUT_MAX >> 20);
			goto out;
		}
	}
	if (ferror(fp)) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	if (buf == NULL && transport_append(&buf, len, &cap, "", 0) != 0) {
		*err = xasprintf("%s: cannot hold it", path);
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
keep_error(struct input_file *f, char **err)
{
	free(f->error);
	f->error = xstrdup(*err);
	return -1;
}

static int
file_fetch(struct driver *d, uint64_t now_ms, struct snapshot **out,
	   char **err)
{
	struct input_file *f = (struct input_file *)d;
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
	/* Seen before reading: a write while it is read shows as a change
	 * at the next look. */
	f->seen = st;
	f->have_seen = true;
	if (read_all(f->path, &buf, &len, err) != 0)
		return keep_error(f, err);
	if (f->content != NULL && f->error == NULL && len == f->len &&
	    memcmp(buf, f->content, len) == 0) {
		free(buf);
		return DRIVER_UNCHANGED;
	}
	if (f->kind->parse(buf, len, f->cluster, f->path, out, err) != 0) {
		free(buf);
		return keep_error(f, err);
	}
	free(f->error);
	f->error = NULL;
	free(f->content);
	f->content = buf;
	f->len = len;
	return 0;
}

static int
file_act(struct driver *d, const struct action *a, uint64_t now_ms,
	 char **err)
{
	struct input_file *f = (struct input_file *)d;

	(void)a;
	(void)now_ms;
	*err = xasprintf("%s is %s: there is no cluster to act on", f->path,
			 f->kind->what);
	return -1;
}

static int
file_detail(struct driver *d, const struct detail_ask *q, uint64_t now_ms,
	    struct detail *out, char **err)
{
	struct input_file *f = (struct input_file *)d;

	(void)now_ms;
	/* What is on screen is the last good read: the detail is of it. */
	if (f->content == NULL) {
		*err = xasprintf("%s has not been read yet", f->path);
		return -1;
	}
	return f->kind->detail(f->content, f->len, q, out, err);
}

static void
file_destroy(struct driver *d)
{
	struct input_file *f = (struct input_file *)d;

	free(f->cluster);
	free(f->path);
	free(f->content);
	free(f->error);
	free(f);
}

struct driver *
input_file_driver_new(const struct input_file_kind *kind, const char *cluster,
		      const char *path)
{
	struct input_file *f = xcalloc(1, sizeof(*f));

	f->ops = (struct driver_ops){
		.name = kind->driver_name,
		.caps = 0,
		.fetch = file_fetch,
		.act = file_act,
		.detail = kind->detail != NULL ? file_detail : NULL,
		.destroy = file_destroy,
	};
	f->base.ops = &f->ops;
	f->kind = kind;
	f->cluster = xstrdup(cluster);
	f->path = xstrdup(path);
	return &f->base;
}
