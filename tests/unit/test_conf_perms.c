/* A configuration that someone else could have written is refused, as ssh
 * refuses such a ~/.ssh/config (conf/perms.h): the file, its directory
 * and what it @includes must be the user's or root's and writable by
 * nobody else; the message names the file and the fix. The suite runs as
 * root, and root's files are the rule's "or root": a file of another
 * user is made with chown, where the test may. Group write is refused
 * for a group others are in (the files are given gid 65534, nogroup,
 * where the test may chown) and allowed in the owner's private group, as
 * Debian's ssh allows it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "conf/conf.h"

static char dir[64], path[600], inc[600];

static int
setup(void **state)
{
	FILE *f;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ccon-perms.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/ccon.conf", dir);
	snprintf(inc, sizeof(inc), "%s/more.conf", dir);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fprintf(f, "refresh = 3.0;\n@include \"more.conf\"\n");
	if (fclose(f) != 0 || (f = fopen(inc, "w")) == NULL)
		return -1;
	fprintf(f, "readonly = true;\n");
	if (fclose(f) != 0)
		return -1;
	if (chmod(path, 0644) != 0 || chmod(inc, 0644) != 0 ||
	    chmod(dir, 0755) != 0)
		return -1;
	/* Not the owner's own group: group write there is others' write. */
	if (getuid() == 0 && (chown(path, (uid_t)-1, 65534) != 0 ||
	    chown(inc, (uid_t)-1, 65534) != 0 ||
	    chown(dir, (uid_t)-1, 65534) != 0))
		return -1;
	return 0;
}

/* Whether group write is judged here: the files' group is shared. */
static bool
group_is_shared(void)
{
	if (getuid() != 0) {
		print_message("not root: the group rule is not tried\n");
		return false;
	}
	return true;
}

static int
teardown(void **state)
{
	(void)state;
	chmod(dir, 0700);
	unlink(path);
	unlink(inc);
	return rmdir(dir);
}

/* Loads path: 0 with its settings applied, or -1 with errno EPERM, the
 * settings as they were and the message in *err. */
static int
load(char **err)
{
	struct conf c;
	int rc;

	conf_defaults(&c);
	*err = NULL;
	rc = conf_load(&c, path, err);
	if (rc == 0) {
		assert_true(c.refresh_s == 3.0);
		assert_true(c.readonly);
		assert_null(*err);
	} else {
		assert_int_equal(errno, EPERM);
		assert_false(c.readonly);
		assert_null(c.path);
		assert_non_null(*err);
	}
	conf_free(&c);
	return rc;
}

static void
expect_refused(const char *words, const char *fix)
{
	char *err, want[1400];

	assert_int_equal(load(&err), -1);
	snprintf(want, sizeof(want), "%s: bad owner or permissions: ", path);
	if (strncmp(err, want, strlen(want)) != 0 ||
	    strstr(err, words) == NULL)
		fail_msg("message: %s\nwanted: %s... %s", err, want, words);
	snprintf(want, sizeof(want), "; fix: %s", fix);
	if (strlen(err) < strlen(want) ||
	    strcmp(err + strlen(err) - strlen(want), want) != 0)
		fail_msg("message: %s\nwanted it to end: %s", err, want);
	free(err);
}

static void
test_own_file_read(void **state)
{
	char *err;

	(void)state;
	assert_int_equal(load(&err), 0);
	/* Read-only is as good. */
	assert_int_equal(chmod(path, 0400), 0);
	assert_int_equal(load(&err), 0);
}

static void
test_writable_file_refused(void **state)
{
	char fix[700];

	(void)state;
	snprintf(fix, sizeof(fix), "chmod go-w %s", path);
	assert_int_equal(chmod(path, 0666), 0);
	expect_refused("writable by group and others (mode 0666)", fix);
	if (group_is_shared()) {
		assert_int_equal(chmod(path, 0664), 0);
		expect_refused("writable by group (mode 0664)", fix);
	}
	assert_int_equal(chmod(path, 0646), 0);
	expect_refused("writable by others (mode 0646)", fix);
}

static void
test_writable_dir_refused(void **state)
{
	char *err, fix[1400];

	(void)state;
	snprintf(fix, sizeof(fix), "chmod go-w %s", dir);
	assert_int_equal(chmod(dir, 0777), 0);
	expect_refused("its directory", fix);
	if (group_is_shared()) {
		assert_int_equal(chmod(dir, 0775), 0);
		expect_refused("its directory", fix);
		snprintf(fix, sizeof(fix), "chmod go-w %s %s", path, dir);
		assert_int_equal(chmod(path, 0664), 0);
		expect_refused("writable by group (mode 0664), and its "
		    "directory", fix);
	}
	/* A sticky one, as /tmp: nobody else can replace the file. */
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(chmod(dir, 01777), 0);
	assert_int_equal(load(&err), 0);
}

/* umask 002 and user-private groups (Debian's default for users): 0664
 * in a group nobody else is in is the owner's alone. */
static void
test_private_group_accepted(void **state)
{
	struct passwd *pw = getpwuid(getuid());
	struct group *gr;
	char *err;

	(void)state;
	if (pw == NULL || (gr = getgrgid(pw->pw_gid)) == NULL ||
	    (gr->gr_mem[0] != NULL && (strcmp(gr->gr_mem[0], pw->pw_name) != 0 ||
	    gr->gr_mem[1] != NULL))) {
		print_message("the user's group is not private: not tried\n");
		return;
	}
	assert_int_equal(chown(path, (uid_t)-1, pw->pw_gid), 0);
	assert_int_equal(chown(inc, (uid_t)-1, pw->pw_gid), 0);
	assert_int_equal(chown(dir, (uid_t)-1, pw->pw_gid), 0);
	assert_int_equal(chmod(path, 0664), 0);
	assert_int_equal(chmod(inc, 0664), 0);
	assert_int_equal(chmod(dir, 0775), 0);
	if (load(&err) != 0)
		fail_msg("refused: %s", err);
}

static void
test_writable_include_refused(void **state)
{
	char *err, want[700];

	(void)state;
	assert_int_equal(chmod(inc, 0666), 0);
	assert_int_equal(load(&err), -1);
	snprintf(want, sizeof(want), "%s: bad owner or permissions: "
	    "writable by group and others (mode 0666)", inc);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("message: %s\nwanted: %s", err, want);
	free(err);
}

static void
test_other_owner_refused(void **state)
{
	struct passwd *pw = getpwuid(getuid());
	char *err, fix[700];

	(void)state;
	if (getuid() != 0 || pw == NULL)
		skip();
	/* Another user's file, mode 0644: they could change it. */
	assert_int_equal(chown(path, 65534, (gid_t)-1), 0);
	snprintf(fix, sizeof(fix), "sudo chown %s %s", pw->pw_name, path);
	expect_refused("owned by ", fix);
	assert_int_equal(chown(path, 0, (gid_t)-1), 0);
	/* Root's is good for every user (as for ssh). */
	assert_int_equal(load(&err), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_own_file_read, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_writable_file_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_writable_dir_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_private_group_accepted,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_writable_include_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_owner_refused,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
