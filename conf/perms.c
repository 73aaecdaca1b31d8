/* The rule is OpenSSH's readconf.c for ~/.ssh/config (and what it
 * includes): owner the user or root, mode & 022 == 0, group write
 * allowed in a user-private group as Debian's OpenSSH allows it (so a
 * checkout made under umask 002 still loads). ccon checks the
 * directory as well: the check and libconfig's read open the file by its
 * name twice, and whoever can write the directory could put another file
 * there in between. */
#include "conf/perms.h"

#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend/util/xalloc.h"

/* Whether st's group is its owner's own (Debian's user-private groups,
 * where umask 002 makes every new file 0664): the owner's primary group,
 * with nobody else in it. Debian's OpenSSH accepts group write there. */
static bool
private_group(const struct stat *st)
{
	struct passwd *pw = getpwuid(st->st_uid);
	struct group *gr;
	char **m;

	if (pw == NULL || pw->pw_gid != st->st_gid ||
	    (gr = getgrgid(st->st_gid)) == NULL)
		return false;
	for (m = gr->gr_mem; *m != NULL; m++)
		if (strcmp(*m, pw->pw_name) != 0)
			return false;
	return true;
}

/* What is wrong with st ("writable by group (mode 0664)"), or NULL. */
static char *
trouble(const struct stat *st, bool dir)
{
	mode_t wr = st->st_mode & 022;
	uid_t uid = getuid();

	if (st->st_uid != 0 && st->st_uid != uid) {
		struct passwd *pw = getpwuid(st->st_uid);

		return xasprintf("owned by %s%s%ld%s, not by you or root",
		    pw ? pw->pw_name : "", pw ? " (uid " : "uid ",
		    (long)st->st_uid, pw ? ")" : "");
	}
	if (wr == 020 && private_group(st))
		wr = 0;
	if (wr == 0 || (dir && (st->st_mode & S_ISVTX)))
		return NULL;
	return xasprintf("writable by %s (mode %04o)",
	    wr == 022 ? "group and others" : wr == 020 ? "group" : "others",
	    (unsigned)(st->st_mode & 07777));
}

static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	dir = xstrdup(path);
	dir[slash - path] = '\0';
	return dir;
}

static const char *
user_name(void)
{
	struct passwd *pw = getpwuid(getuid());

	return pw != NULL && pw->pw_name != NULL ? pw->pw_name : "$USER";
}

/* How to mend what trouble() found about path. */
static char *
fix_for(const char *bad, const char *path)
{
	if (strncmp(bad, "owned", 5) == 0)
		return xasprintf("sudo chown %s %s", user_name(), path);
	return xasprintf("chmod go-w %s", path);
}

int
perms_check_path(const char *path, char **err)
{
	struct stat st, dst;
	char *dir, *file_bad, *dir_bad = NULL, *file_fix = NULL;
	char *dir_fix = NULL, *fix;

	if (stat(path, &st) != 0)
		return 0;
	dir = dir_of(path);
	file_bad = trouble(&st, false);
	if (stat(dir, &dst) == 0)
		dir_bad = trouble(&dst, true);
	if (file_bad == NULL && dir_bad == NULL) {
		free(dir);
		return 0;
	}
	if (file_bad != NULL)
		file_fix = fix_for(file_bad, path);
	if (dir_bad != NULL)
		dir_fix = fix_for(dir_bad, dir);
	if (file_fix != NULL && dir_fix != NULL &&
	    strncmp(file_fix, "chmod", 5) == 0 &&
	    strncmp(dir_fix, "chmod", 5) == 0)
		fix = xasprintf("chmod go-w %s %s", path, dir);
	else if (file_fix != NULL && dir_fix != NULL)
		fix = xasprintf("%s; %s", file_fix, dir_fix);
	else
		fix = xstrdup(file_fix != NULL ? file_fix : dir_fix);
	*err = xasprintf("%s: bad owner or permissions: %s%s%s%s%s%s; others "
	    "could change what ccon runs on your clusters; fix: %s", path,
	    file_bad ? file_bad : "", file_bad && dir_bad ? ", and " : "",
	    dir_bad ? "its directory " : "", dir_bad ? dir : "",
	    dir_bad ? " is " : "", dir_bad ? dir_bad : "", fix);
	free(fix);
	free(file_fix);
	free(dir_fix);
	free(file_bad);
	free(dir_bad);
	free(dir);
	return -1;
}

/* Adds the file s came from to names[*n] (up to max) unless there. */
static void
note_source(const struct reader *rd, const config_setting_t *s,
    char **names, size_t *n, size_t max)
{
	const char *file = config_setting_source_file(s);
	char *full;
	size_t i;

	if (file == NULL || strcmp(file, rd->path) == 0)
		return;
	if (file[0] != '/' && rd->include_dir != NULL)
		full = xasprintf("%s/%s", rd->include_dir, file);
	else
		full = xstrdup(file);
	for (i = 0; i < *n; i++)
		if (strcmp(names[i], full) == 0)
			break;
	if (i < *n || *n == max)
		free(full);
	else
		names[(*n)++] = full;
}

static void
walk(const struct reader *rd, const config_setting_t *s, char **names,
    size_t *n, size_t max)
{
	int i, len;

	note_source(rd, s, names, n, max);
	if (!config_setting_is_aggregate(s))
		return;
	len = config_setting_length(s);
	for (i = 0; i < len; i++)
		walk(rd, config_setting_get_elem(s, (unsigned)i), names, n,
		    max);
}

/* libconfig allows 10 levels of @include; a file may include several. */
#define MAX_INCLUDED 64

int
perms_check_reader(const struct reader *rd, char **err)
{
	char *names[MAX_INCLUDED];
	size_t n = 0, i;
	int rc;

	rc = perms_check_path(rd->path, err);
	walk(rd, reader_root(rd), names, &n, MAX_INCLUDED);
	for (i = 0; i < n; i++) {
		if (rc == 0)
			rc = perms_check_path(names[i], err);
		free(names[i]);
	}
	return rc;
}
