/* The --input driver: a saved `crm_mon --output-as=xml` shown as a
 * cluster. Every fetch looks at the file (one stat); it is read again
 * only when its identity, size or times moved, and parsed again only when
 * what it holds changed: an unchanged file costs nothing, as an unchanged
 * cluster does. A file that cannot be read or parsed keeps its error
 * until it changes again, and the last good state stays on screen. */
#include "backend/drivers/pacemaker/pacemaker.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backend/drivers/pacemaker/pcmk_xml.h"
#include "backend/link/transport.h"
#include "backend/util/xalloc.h"

struct pcmk_file {
	struct driver base;
	char *cluster, *path;
	struct stat seen;             /* the file as last read */
	bool have_seen;
	char *content;                /* what the last good parse read */
	size_t len;
	bool reported;                /* a snapshot of content went out */
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
	if (buf == NULL && transport_append(&buf, len, &cap, "", 0) != 0)
		goto out;
	*out = buf;
	buf = NULL;
	rc = 0;
out:
	fclose(fp);
	free(buf);
	return rc;
}

static void
remember_error(struct pcmk_file *f, char **err)
{
	free(f->error);
	f->error = xstrdup(*err);
}

static int
file_fetch(struct driver *d, uint64_t now_ms, struct snapshot **out,
	   char **err)
{
	struct pcmk_file *f = (struct pcmk_file *)d;
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
	if (read_all(f->path, &buf, &len, err) != 0) {
		remember_error(f, err);
		return -1;
	}
	if (f->reported && f->error == NULL && len == f->len &&
	    memcmp(buf, f->content, len) == 0) {
		free(buf);
		return DRIVER_UNCHANGED;
	}
	if (pcmk_parse(buf, len, NULL, 0, f->cluster, f->path, out, err) != 0) {
		free(buf);
		remember_error(f, err);
		return -1;
	}
	free(f->error);
	f->error = NULL;
	free(f->content);
	f->content = buf;
	f->len = len;
	f->reported = true;
	return 0;
}

static int
file_act(struct driver *d, const struct action *a, uint64_t now_ms,
	 char **err)
{
	struct pcmk_file *f = (struct pcmk_file *)d;

	(void)a;
	(void)now_ms;
	*err = xasprintf("%s is a saved crm_mon file: there is no cluster "
			 "to act on", f->path);
	return -1;
}

static void
file_destroy(struct driver *d)
{
	struct pcmk_file *f = (struct pcmk_file *)d;

	free(f->cluster);
	free(f->path);
	free(f->content);
	free(f->error);
	free(f);
}

static const struct driver_ops pcmk_file_ops = {
	.name = "pacemaker-file",
	.caps = 0,          /* a file: there is nothing to act on */
	.fetch = file_fetch,
	.act = file_act,
	.destroy = file_destroy,
};

struct driver *
pacemaker_file_driver_new(const char *cluster, const char *path)
{
	struct pcmk_file *f = xcalloc(1, sizeof(*f));

	f->base.ops = &pcmk_file_ops;
	f->cluster = xstrdup(cluster);
	f->path = xstrdup(path);
	return &f->base;
}
