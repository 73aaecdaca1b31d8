#include "backend/util/statedir.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backend/util/xalloc.h"

char *
statedir_path(const char *file, const char *what, char **err)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	/* The XDG spec says a relative $XDG_STATE_HOME is to be ignored. */
	if (state != NULL && state[0] == '/')
		return xasprintf("%s/ccon/%s", state, file);
	if (home != NULL && home[0] == '/')
		return xasprintf("%s/.local/state/ccon/%s", home, file);
	*err = xasprintf("cannot place %s: set XDG_STATE_HOME or HOME", what);
	return NULL;
}

int
statedir_make_parents(const char *path, char **err)
{
	char *dir = xstrdup(path);
	char *p;
	int rc = 0;

	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			*err = xasprintf("cannot create %s: %s", dir,
					 strerror(errno));
			rc = -1;
			break;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}
