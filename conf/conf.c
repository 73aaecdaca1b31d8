/* The configuration: built-in defaults, then libconfig files.
 *
 * Every key is the schema's (conf/schema.c), so a misspelt key is an error
 * that names file:line and the key it was probably meant to be, never a
 * setting that silently does nothing. A file is applied to the caller's
 * struct conf only once all of it has passed: a bad file leaves *c
 * exactly as it was (and freeable). */
#include "conf/conf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backend/util/xalloc.h"
#include "conf/perms.h"
#include "conf/reader.h"
#include "conf/schema.h"

static void
conf_free_sim_resources(struct conf *c)
{
	size_t i;

	for (i = 0; c->sim_resources != NULL && c->sim_resources[i] != NULL;
	    i++)
		free(c->sim_resources[i]);
	free(c->sim_resources);
	c->sim_resources = NULL;
}

void
conf_defaults(struct conf *c)
{
	memset(c, 0, sizeof *c);
	schema_defaults(&schema_top, c);
}

int
conf_load(struct conf *c, const char *path, char **err)
{
	struct reader rd;
	struct conf stage;
	int rc = -1;

	if (reader_open(&rd, path, err) != 0)
		return -1;	/* errno says why */
	/* Before anything in it is looked at: nothing of a file someone
	 * else could have written is used, whatever it says. */
	if (perms_check_reader(&rd, err) != 0) {
		reader_close(&rd);
		errno = EPERM;
		return -1;
	}

	/* The file is read into a stage that starts from *c's values but
	 * shares no memory with it: what the file does not give stays
	 * NULL there, and its clusters are its own. */
	memset(&stage, 0, sizeof stage);
	schema_copy_values(&schema_top, &stage, c);
	if (schema_read(&rd, c, &stage) != 0) {
		*err = reader_take_error(&rd);
		if (*err == NULL)	/* every failure records why: a bug */
			*err = xasprintf("%s: not read, for no reason told",
			    path);
		goto out;
	}

	/* The whole file is good: apply it. */
	schema_take(&schema_top, c, &stage);
	if (stage.n_clusters > 0) {
		c->clusters = xreallocarray(c->clusters,
		    c->n_clusters + stage.n_clusters, sizeof *c->clusters);
		memcpy(c->clusters + c->n_clusters, stage.clusters,
		    stage.n_clusters * sizeof *stage.clusters);
		c->n_clusters += stage.n_clusters;
		stage.n_clusters = 0;	/* now owned by c */
	}
	free(c->path);
	c->path = xstrdup(path);
	rc = 0;
out:
	conf_free(&stage);
	reader_close(&rd);
	if (rc != 0)
		errno = EINVAL;
	return rc;
}

char *
conf_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	/* The XDG spec says a relative $XDG_CONFIG_HOME is invalid and is to
	 * be ignored. */
	if (xdg != NULL && xdg[0] == '/')
		return xasprintf("%s/ccon/ccon.conf", xdg);
	if (home != NULL && home[0] != '\0')
		return xasprintf("%s/.config/ccon/ccon.conf", home);
	return NULL;
}

void
conf_set_sim_resources(struct conf *c, const char *const *ids, size_t n)
{
	char **v;
	size_t i;

	v = xcalloc(n + 1, sizeof *v);
	for (i = 0; i < n; i++)
		v[i] = xstrdup(ids[i]);
	conf_free_sim_resources(c);
	c->sim_resources = v;
}

struct conf_cluster *
conf_add_demo(struct conf *c, uint64_t seed, bool calm)
{
	struct conf_cluster *cl;

	cl = conf_find_cluster(c, "demo");
	if (cl == NULL) {
		c->clusters = xreallocarray(c->clusters,
		    c->n_clusters + 1, sizeof *c->clusters);
		cl = &c->clusters[c->n_clusters++];
		schema_cluster_init(cl);
		cl->name = xstrdup("demo");
		cl->driver = CONF_DRIVER_SIM;
		cl->line = 0;
	}
	cl->sim_seed = seed;
	cl->sim_calm = calm;
	return cl;
}

struct conf_cluster *
conf_find_cluster(struct conf *c, const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < c->n_clusters; i++) {
		if (c->clusters[i].name != NULL &&
		    strcmp(c->clusters[i].name, name) == 0)
			return &c->clusters[i];
	}
	return NULL;
}

void
conf_force_readonly(struct conf *c)
{
	size_t i;

	c->readonly = true;
	for (i = 0; i < c->n_clusters; i++)
		c->clusters[i].readonly = 1;
}

bool
conf_cluster_readonly(const struct conf *c, const struct conf_cluster *cl)
{
	if (cl->readonly >= 0)
		return cl->readonly != 0;
	return c->readonly;
}

double
conf_cluster_refresh(const struct conf *c, const struct conf_cluster *cl)
{
	if (cl->refresh_s > 0)
		return cl->refresh_s;
	return c->refresh_s;
}

void
conf_free(struct conf *c)
{
	size_t i;

	for (i = 0; i < c->n_clusters; i++)
		schema_free(&schema_cluster, &c->clusters[i]);
	free(c->clusters);
	schema_free(&schema_top, c);
	free(c->path);
	conf_free_sim_resources(c);
	memset(c, 0, sizeof *c);
}
