/* Running the fake Windows node's powershell.exe (tests/wsfc/fake-node)
 * from a test as a node's sshd would: an argv, stdin open and silent
 * until both outputs have ended (ccon holds an SSH channel's so; at its
 * end the scripts' watchdog ends the process), both outputs collected. Shared by the tests that talk to the fake. */
#ifndef CCON_TEST_FAKE_WSFC_H
#define CCON_TEST_FAKE_WSFC_H

#include <errno.h>
#include <stdio.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

struct fake_run {
	int status;     /* exit code, or -1 if killed */
	char *out;      /* stdout, NUL-terminated */
	size_t out_len;
	char *err;      /* stderr, NUL-terminated */
	size_t err_len;
};

static inline void
fake_run_free(struct fake_run *r)
{
	free(r->out);
	free(r->err);
}

/* Appends what fd has to *buf (len *len); returns 0 at its end. */
static inline int
fake_drain(int fd, char **buf, size_t *len)
{
	char chunk[4096];
	ssize_t n = read(fd, chunk, sizeof(chunk));

	if (n < 0 && errno == EINTR)
		return 1;
	if (n <= 0)
		return 0;
	*buf = realloc(*buf, *len + (size_t)n + 1);
	assert_non_null(*buf);
	memcpy(*buf + *len, chunk, (size_t)n);
	*len += (size_t)n;
	(*buf)[*len] = '\0';
	return 1;
}

/* Runs argv (argv[0] a path); node, when not NULL, is the node the fake
 * plays (CCON_FAKE_WSFC_NODE in the child). */
static inline struct fake_run
fake_run_argv(char *const *argv, const char *node)
{
	int out[2], err[2], in[2], st;
	struct fake_run r = { .status = -1 };
	bool oopen = true, eopen = true;
	pid_t pid;

	assert_int_equal(pipe(out), 0);
	assert_int_equal(pipe(err), 0);
	assert_int_equal(pipe(in), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (node != NULL)
			setenv("CCON_FAKE_WSFC_NODE", node, 1);
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(err[1], 2);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		close(err[0]);
		close(err[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	close(err[1]);
	r.out = calloc(1, 1);
	r.err = calloc(1, 1);
	assert_true(r.out != NULL && r.err != NULL);
	while (oopen || eopen) {
		struct pollfd p[2] = { { oopen ? out[0] : -1, POLLIN, 0 },
				       { eopen ? err[0] : -1, POLLIN, 0 } };

		assert_true(poll(p, 2, 20000) > 0);
		if (oopen && p[0].revents)
			oopen = fake_drain(out[0], &r.out, &r.out_len);
		if (eopen && p[1].revents)
			eopen = fake_drain(err[0], &r.err, &r.err_len);
	}
	close(out[0]);
	close(err[0]);
	close(in[1]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	if (WIFEXITED(st))
		r.status = WEXITSTATUS(st);
	return r;
}

/* Where the fake lives and keeps its cluster for one test program: a
 * temporary directory with its state and its log of scripts. */
struct fake_node {
	char dir[4096];               /* tests/wsfc/fake-node */
	char tmp[64];
	char state[4200], log[4200];
};

/* Finds the fake (through CCON_TEST_DATA), makes the directory and
 * points the fake at it (its pending states, when it plays which node
 * and how fast its doorbell looks are the test's to set); -1 if not. */
static inline int
fake_node_begin(struct fake_node *n, const char *name)
{
	const char *data = getenv("CCON_TEST_DATA");

	if (data == NULL) {
		fprintf(stderr, "CCON_TEST_DATA is not set\n");
		return -1;
	}
	snprintf(n->dir, sizeof(n->dir), "%s/../wsfc/fake-node", data);
	snprintf(n->tmp, sizeof(n->tmp), "/tmp/ccon-%s.XXXXXX", name);
	if (mkdtemp(n->tmp) == NULL)
		return -1;
	snprintf(n->state, sizeof(n->state), "%s/state.json", n->tmp);
	snprintf(n->log, sizeof(n->log), "%s/scripts.log", n->tmp);
	setenv("CCON_FAKE_WSFC_STATE", n->state, 1);
	setenv("CCON_FAKE_WSFC_LOG", n->log, 1);
	setenv("CCON_FAKE_WSFC_POLL_MS", "100", 1);
	setenv("PYTHONDONTWRITEBYTECODE", "1", 1);
	unsetenv("CCON_FAKE_WSFC_PENDING_MS");
	unsetenv("CCON_FAKE_WSFC_NODE");
	return 0;
}

/* Removes what fake_node_begin made and what the fake left there. */
static inline void
fake_node_end(struct fake_node *n)
{
	static const char *const leftovers[] = { ".lock", ".tmp" };
	char path[4300];
	size_t i;

	for (i = 0; i < sizeof(leftovers) / sizeof(leftovers[0]); i++) {
		snprintf(path, sizeof(path), "%s%s", n->state, leftovers[i]);
		unlink(path);
	}
	unlink(n->state);
	unlink(n->log);
	rmdir(n->tmp);
}

#endif
