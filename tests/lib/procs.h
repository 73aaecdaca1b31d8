/* Processes by their command line, for the tests that prove ccon leaves
 * nothing running: the test servers (tests/ssh) and the local transport
 * share this machine's /proc. Include after cmocka.h. */
#ifndef CCON_TEST_PROCS_H
#define CCON_TEST_PROCS_H

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* How many live processes have needle in their command line (a zombie's
 * is empty: it is gone but for its exit status). */
static inline int
count_processes(const char *needle)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		char path[300], buf[8192];
		size_t got, i;
		FILE *f;

		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/cmdline", e->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		got = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		for (i = 0; i < got; i++)
			if (buf[i] == '\0')
				buf[i] = ' ';
		buf[got] = '\0';
		if (strstr(buf, needle) != NULL)
			n++;
	}
	closedir(d);
	return n;
}

/* Waits up to ms for the count of needle to be above zero (want_some)
 * or zero; returns whether it came to be. */
static inline bool
processes_become(const char *needle, bool want_some, int ms)
{
	int i;

	for (i = 0; i < ms / 20; i++) {
		if ((count_processes(needle) > 0) == want_some)
			return true;
		usleep(20000);
	}
	return (count_processes(needle) > 0) == want_some;
}

#endif
