/* The tests' data files, under tests/data (CCON_TEST_DATA when ctest
 * runs them): one way to read one whole, and one to write a scratch
 * file. */
#ifndef CCON_TEST_TESTDATA_H
#define CCON_TEST_TESTDATA_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

/* The bytes of tests/data/REL (NUL-terminated, caller frees) and their
 * number in *len (len may be NULL); NULL if there is no such file. */
static inline char *
testdata_try(const char *rel, size_t *len)
{
	const char *data = getenv("CCON_TEST_DATA");
	char path[1024];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", data ? data : "tests/data", rel);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	assert_int_equal(fseek(f, 0, SEEK_SET), 0);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

/* The same, failing the test when the file is not there. */
static inline char *
testdata_read(const char *rel, size_t *len)
{
	char *buf = testdata_try(rel, len);

	if (buf == NULL)
		fail_msg("cannot open tests/data/%s", rel);
	return buf;
}

/* Writes text to a new file /tmp/ccon-test-XXXXXX, whose name goes into
 * path (the caller unlinks it). */
static inline void
testdata_write_temp(const char *text, char *path, size_t pathsz)
{
	size_t len = strlen(text);
	ssize_t n;
	int fd;

	assert_true(pathsz > sizeof "/tmp/ccon-test-XXXXXX");
	strcpy(path, "/tmp/ccon-test-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	n = write(fd, text, len);
	assert_int_equal(n, (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

#endif
