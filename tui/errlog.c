#include "tui/errlog.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backend/util/statedir.h"
#include "backend/util/xalloc.h"

static int
open_log(struct errlog *l)
{
	char *err = NULL;
	int fd;

	l->path = statedir_path("ccon.log", "the console's log", &err);
	if (l->path == NULL || statedir_make_parents(l->path, &err) != 0)
		goto trouble;
	fd = open(l->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	err = xasprintf("cannot open %s: %s", l->path, strerror(errno));
trouble:
	l->trouble = err;
	free(l->path);
	l->path = NULL;
	return open("/dev/null", O_WRONLY | O_CLOEXEC);
}

int
errlog_divert(struct errlog *l, char **err)
{
	char stamp[64];
	time_t now = time(NULL);
	struct tm tm;
	int fd;

	memset(l, 0, sizeof(*l));
	l->saved_fd = -1;
	fflush(stderr);
	fd = open_log(l);
	if (fd < 0) {
		*err = xasprintf("cannot keep stderr off the terminal: %s",
				 strerror(errno));
		return -1;
	}
	l->saved_fd = fcntl(2, F_DUPFD_CLOEXEC, 3);
	if (l->saved_fd < 0 || dup2(fd, 2) < 0) {
		*err = xasprintf("cannot keep stderr off the terminal: %s",
				 strerror(errno));
		if (l->saved_fd >= 0)
			close(l->saved_fd);
		l->saved_fd = -1;
		close(fd);
		return -1;
	}
	close(fd);
	if (gmtime_r(&now, &tm) != NULL &&
	    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm) > 0)
		fprintf(stderr, "ccon: console started %s (pid %ld)\n", stamp,
			(long)getpid());
	fflush(stderr);
	return 0;
}

void
errlog_restore(struct errlog *l)
{
	if (l->saved_fd < 0)
		return;
	fflush(stderr);
	/* If this fails there is nowhere left to say so. */
	(void)dup2(l->saved_fd, 2);
	close(l->saved_fd);
	l->saved_fd = -1;
	if (l->trouble != NULL)
		fprintf(stderr, "ccon: messages of the libraries were "
			"discarded: %s\n", l->trouble);
	free(l->trouble);
	free(l->path);
	l->trouble = NULL;
	l->path = NULL;
}
