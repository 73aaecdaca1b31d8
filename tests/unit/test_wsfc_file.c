/* The --input driver of a saved WSFC capture (wsfc_file.c): read and
 * parsed when the file changes only, errors kept until it changes, no
 * actions; and which files are taken for captures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "backend/core/action.h"
#include "backend/drivers/wsfc/wsfc_file.h"

#define CAPTURE(state) \
	"WARNING: a profile's line\r\n<<CCON-BEGIN>>\r\n" \
	"{\"ok\":true,\"cluster\":\"C\",\"node\":\"N1\",\"ps\":\"5.1\"," \
	"\"nodes\":[{\"Name\":\"N1\",\"Id\":\"1\",\"State\":0}]," \
	"\"groups\":[{\"Name\":\"G\",\"State\":0,\"OwnerNode\":\"N1\"," \
	"\"GroupType\":100}]," \
	"\"resources\":[{\"Name\":\"R\",\"State\":" state "," \
	"\"OwnerGroup\":\"G\",\"OwnerNode\":\"N1\"," \
	"\"ResourceType\":\"Generic Service\"}]," \
	"\"dependencies\":[]}\r\n<<CCON-END>>\r\n"

static char path[] = "/tmp/ccon-wsfc-file.XXXXXX";

static void
put(const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static int
fetch(struct driver *d, struct snapshot **s, char **err)
{
	*s = NULL;
	*err = NULL;
	return d->ops->fetch(d, 0, s, err);
}

static void
test_reads_on_change_only(void **state)
{
	struct driver *d = wsfc_file_driver_new("saved", path);
	struct snapshot *s;
	struct action a;
	char *err;
	long r;

	(void)state;
	put(CAPTURE("2"));
	assert_int_equal(fetch(d, &s, &err), 0);
	assert_string_equal(s->driver, "wsfc");
	assert_string_equal(s->cluster, "saved");
	r = snapshot_find_resource(s, "R");
	assert_int_equal(s->resources[r].state, RES_ONLINE);
	snapshot_unref(s);
	assert_int_equal(fetch(d, &s, &err), DRIVER_UNCHANGED);
	assert_null(s);
	/* The same bytes written again: looked at, not parsed. */
	put(CAPTURE("2"));
	assert_int_equal(fetch(d, &s, &err), DRIVER_UNCHANGED);
	/* A new state. */
	put(CAPTURE("4"));
	assert_int_equal(fetch(d, &s, &err), 0);
	r = snapshot_find_resource(s, "R");
	assert_int_equal(s->resources[r].state, RES_FAILED);
	snapshot_unref(s);
	/* Cut short: the error names the file, and stays until it
	 * changes. */
	put("<<CCON-BEGIN>>\r\n{\"ok\":true,");
	assert_int_equal(fetch(d, &s, &err), -1);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "cut short"));
	free(err);
	assert_int_equal(fetch(d, &s, &err), -1);
	assert_non_null(strstr(err, "cut short"));
	free(err);
	put(CAPTURE("3"));
	assert_int_equal(fetch(d, &s, &err), 0);
	snapshot_unref(s);
	/* Nothing to act on. */
	assert_int_equal(d->ops->caps, 0);
	assert_int_equal(action_init(&a, ACT_OFFLINE, TARGET_GROUP, "G", NULL,
				     &err), 0);
	assert_int_equal(d->ops->act(d, &a, 0, &err), -1);
	assert_non_null(strstr(err, "saved WSFC capture"));
	free(err);
	unlink(path);
	assert_int_equal(fetch(d, &s, &err), -1);
	assert_non_null(strstr(err, "No such file"));
	free(err);
	d->ops->destroy(d);
}

static void
test_looks_like_capture(void **state)
{
	static const char *const yes[] = {
		CAPTURE("2"),
		"\xef\xbb\xbf<<CCON-BEGIN>>\n{}",
		"  \r\n{\"ok\":false}",
		"junk\n\xef\xbb\xbf<<CCON-BEGIN>>\r\n",
	};
	static const char *const no[] = {
		"<?xml version=\"1.0\"?>\n<pacemaker-result>",
		"<pacemaker-result api-version=\"2.3\">",
		"",
		"x<<CCON-BEGIN>>\n",
		"<<CCON-BEG",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(yes) / sizeof(*yes); i++)
		if (!wsfc_file_looks_like_capture(yes[i], strlen(yes[i])))
			fail_msg("not taken for a capture: %s", yes[i]);
	for (i = 0; i < sizeof(no) / sizeof(*no); i++)
		if (wsfc_file_looks_like_capture(no[i], strlen(no[i])))
			fail_msg("taken for a capture: %s", no[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_on_change_only),
		cmocka_unit_test(test_looks_like_capture),
	};
	int fd = mkstemp(path);

	if (fd < 0)
		return 1;
	close(fd);
	fd = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(path);
	return fd;
}
