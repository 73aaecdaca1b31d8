#include "backend/core/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backend/core/status.h"
#include "backend/util/statedir.h"
#include "backend/util/xalloc.h"

/* time, user, cluster, node, action, target, result, message */
#define AUDIT_FIELDS 8

/* The most each field may take of a record, escapes included: enough for
 * any real value (a target is two ids and " -> "); the message gets what
 * is left of the line. */
static const size_t field_max[AUDIT_FIELDS] = {
	40, 64, 128, 256, 32, 640, 64, 2048,
};

struct audit {
	int fd;
	char *path;
	char user[64];
	pthread_mutex_t lock;
};

static void
local_user(char *buf, size_t sz)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw != NULL && pw->pw_name != NULL)
		snprintf(buf, sz, "%s", pw->pw_name);
	else
		snprintf(buf, sz, "uid%ld", (long)getuid());
}

struct audit *
audit_open(const char *path, char **err)
{
	struct audit *a;
	char *p = path ? xstrdup(path)
		       : statedir_path("audit.log", "the audit log", err);
	int fd;

	if (p == NULL) {
		char *why = *err;

		*err = xasprintf("%s, or audit_log in the config", why);
		free(why);
		return NULL;
	}
	if (statedir_make_parents(p, err) != 0) {
		free(p);
		return NULL;
	}
	fd = open(p, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		*err = xasprintf("cannot open the audit log %s: %s", p,
				 strerror(errno));
		free(p);
		return NULL;
	}
	a = xcalloc(1, sizeof(*a));
	a->fd = fd;
	a->path = p;
	local_user(a->user, sizeof(a->user));
	pthread_mutex_init(&a->lock, NULL);
	return a;
}

void
audit_close(struct audit *a)
{
	if (a == NULL)
		return;
	close(a->fd);
	pthread_mutex_destroy(&a->lock);
	free(a->path);
	free(a);
}

const char *
audit_path(const struct audit *a)
{
	return a->path;
}

/* Appends s at buf[at] with tabs, newlines and other controls escaped,
 * so that a record is one line of tab-separated fields whatever a
 * cluster sends; writes nothing at or past buf[end], and cuts between
 * characters, not inside one. Returns the new end of the text. */
static size_t
put_field(char *buf, size_t at, size_t end, const char *s)
{
	while (s != NULL && *s) {
		unsigned char ch = (unsigned char)*s;
		size_t n = 1;

		if (ch < 0x20 || ch == 0x7f || ch == '\\') {
			if (at + 4 > end)
				break;
			snprintf(buf + at, 5, "\\x%02x", ch);
			at += 4;
			s++;
			continue;
		}
		/* The rest of a UTF-8 sequence goes with its first byte. */
		if (ch >= 0xc0)
			while (n < 4 && ((unsigned char)s[n] & 0xc0) == 0x80)
				n++;
		if (at + n > end)
			break;
		memcpy(buf + at, s, n);
		at += n;
		s += n;
	}
	return at;
}

int
audit_record(struct audit *a, const char *cluster, const char *node,
	     const char *action, const char *target, int status,
	     const char *message)
{
	char line[2048], stamp[40], code[48];
	const char *fields[AUDIT_FIELDS];
	struct timespec ts;
	struct tm tm;
	size_t at = 0, i;
	ssize_t n;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(stamp + strlen(stamp), sizeof(stamp) - strlen(stamp),
		 ".%03ldZ", ts.tv_nsec / 1000000);
	snprintf(code, sizeof(code), "%d %s", status, ccon_status_word(status));
	fields[0] = stamp;
	fields[1] = a->user;
	fields[2] = cluster;
	fields[3] = node;
	fields[4] = action;
	fields[5] = target;
	fields[6] = code;
	fields[7] = message;
	/* Each field is cut at its own limit, and leaves room for the
	 * separators after it and the newline: a long field is cut, the
	 * record never, and no field can crowd out the others. */
	for (i = 0; i < AUDIT_FIELDS; i++) {
		size_t end = sizeof(line) - (AUDIT_FIELDS - i);

		if (at + field_max[i] < end)
			end = at + field_max[i];
		at = put_field(line, at, end, fields[i]);
		line[at++] = i + 1 < AUDIT_FIELDS ? '\t' : '\n';
	}

	/* One write per record on an O_APPEND descriptor: records from
	 * several ccon processes never interleave. */
	pthread_mutex_lock(&a->lock);
	do
		n = write(a->fd, line, at);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)at) {
		if (n >= 0)
			errno = EIO;    /* a short write sets no errno */
		rc = -1;
	}
	pthread_mutex_unlock(&a->lock);
	return rc;
}
