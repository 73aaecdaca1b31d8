/* libFuzzer target: the configuration file is the operator's, but it may
 * be shared, generated or damaged; conf_load must refuse what is wrong
 * with file:line and never crash, leak or read out of bounds, and leave
 * the configuration as it was when it refuses. conf_load reads a path:
 * each input is written to a file in a directory of the target's own
 * (beside a part to @include), and an input whose @include could name
 * anything outside it (any '/' after an "@include") is skipped, so that
 * nothing but that directory is ever read (nor, for a bug of libconfig's,
 * the directory itself: names_directory). Nothing is written elsewhere:
 * conf_load opens no other file and no socket. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf/conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], path[96], part[96];

static void
cleanup(void)
{
	if (path[0] != '\0')
		(void)unlink(path);
	if (part[0] != '\0')
		(void)unlink(part);
	if (dir[0] != '\0')
		(void)rmdir(dir);
}

static int
put(const char *file, const void *buf, size_t n)
{
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ssize_t w;

	if (fd < 0)
		return -1;
	w = n > 0 ? write(fd, buf, n) : 0;
	if (close(fd) != 0 || w < 0 || (size_t)w != n)
		return -1;
	return 0;
}

static void
setup(void)
{
	static const char part_text[] = "clusters = (\n"
	    "\t{ name = \"included\"; driver = \"sim\"; }\n);\n";
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";

	snprintf(dir, sizeof(dir), "%s/ccon-fuzz-conf.XXXXXX", base);
	if (mkdtemp(dir) == NULL) {
		perror("fuzz_conf: mkdtemp");
		abort();
	}
	snprintf(path, sizeof(path), "%s/ccon.conf", dir);
	snprintf(part, sizeof(part), "%s/include-part.conf", dir);
	if (put(part, part_text, sizeof(part_text) - 1) != 0) {
		perror("fuzz_conf: include-part.conf");
		abort();
	}
	atexit(cleanup);
}

/* Whether an @include in data could leave the directory. libconfig's
 * include names know no escapes but \\ and \", so a name without '/'
 * stays in the main file's directory. */
static int
may_escape(const uint8_t *data, size_t size)
{
	static const char word[] = "@include";
	size_t i;

	for (i = 0; i + sizeof(word) - 1 <= size; i++)
		if (memcmp(data + i, word, sizeof(word) - 1) == 0)
			return memchr(data + i, '/', size - i) != NULL;
	return 0;
}

static void
use(const struct conf *c)
{
	size_t i;

	for (i = 0; i < c->n_clusters; i++) {
		const struct conf_cluster *cl = &c->clusters[i];

		if (cl->name == NULL)
			abort();
		(void)conf_driver_word(cl->driver);
		(void)conf_host_key_check_word(cl->host_key_check);
		(void)conf_cluster_readonly(c, cl);
		(void)conf_cluster_refresh(c, cl);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf c;
	char *err = NULL;
	size_t n;
	char *was;

	if (dir[0] == '\0')
		setup();
	if (may_escape(data, size))
		return 0;
	if (put(path, data, size) != 0) {
		perror("fuzz_conf: write");
		abort();
	}
	conf_defaults(&c);
	if (conf_load(&c, path, &err) == 0) {
		use(&c);
		/* Read over itself: the settings again, the clusters twice. */
		n = c.n_clusters;
		was = c.path;
		free(err);
		err = NULL;
		if (conf_load(&c, path, &err) == 0) {
			if (c.n_clusters != 2 * n)
				abort();
		} else if (c.n_clusters != n || c.path != was || err == NULL) {
			abort();        /* a refusal changed nothing */
		}
		use(&c);
		conf_force_readonly(&c);
		(void)conf_find_cluster(&c, "included");
	} else if (err == NULL || c.n_clusters != 0 || c.path != NULL) {
		abort();
	}
	free(err);
	conf_free(&c);
	return 0;
}
