#include "backend/link/local.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend/util/clock.h"
#include "backend/util/str.h"
#include "backend/util/xalloc.h"

struct local {
	struct transport base;
	char hostname[128];
	pid_t bell_pid;               /* the stream's process, or -1 */
	int bell_fd;                  /* its output (non-blocking), or -1 */
};

/* The child: its own process group (so that a timeout kills whatever it
 * started too), stdin from /dev/null, then exec; 127 if exec fails, as a
 * shell would say. */
static void
child(const char *const *argv, int out_fd, int err_fd)
{
	int null = open("/dev/null", O_RDONLY);

	setpgid(0, 0);
	if (null < 0 || dup2(null, 0) < 0 || dup2(out_fd, 1) < 0 ||
	    dup2(err_fd, 2) < 0)
		_exit(127);
	signal(SIGPIPE, SIG_DFL);
	execvp(argv[0], (char *const *)argv);
	dprintf(2, "%s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static int
cloexec_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	if (fcntl(fds[0], F_SETFD, FD_CLOEXEC) != 0 ||
	    fcntl(fds[1], F_SETFD, FD_CLOEXEC) != 0) {
		close(fds[0]);
		close(fds[1]);
		fds[0] = fds[1] = -1;
		return -1;
	}
	return 0;
}

static int
local_run(struct transport *t, const char *const *argv, size_t argc,
	  unsigned timeout_ms, struct transport_result *res, char **err)
{
	const char **args = NULL;
	int out_pipe[2] = { -1, -1 }, err_pipe[2] = { -1, -1 };
	size_t out_cap = 0, err_cap = 0;
	uint64_t deadline = clock_monotonic_ms() + timeout_ms;
	bool too_big = false, timed_out = false;
	int status = 0, rc = -1;
	pid_t pid = -1;

	(void)t;
	memset(res, 0, sizeof(*res));
	res->exit_status = -1;
	if (argc == 0) {
		*err = xstrdup("no command to run");
		return -1;
	}
	args = xcalloc(argc + 1, sizeof(*args));
	memcpy(args, argv, argc * sizeof(*args));
	if (cloexec_pipe(out_pipe) != 0 || cloexec_pipe(err_pipe) != 0) {
		*err = xasprintf("cannot run %s: %s", argv[0], strerror(errno));
		goto out;
	}
	pid = fork();
	if (pid < 0) {
		*err = xasprintf("cannot run %s: %s", argv[0], strerror(errno));
		goto out;
	}
	if (pid == 0)
		child(args, out_pipe[1], err_pipe[1]);
	close(out_pipe[1]);
	close(err_pipe[1]);
	out_pipe[1] = err_pipe[1] = -1;

	while (out_pipe[0] >= 0 || err_pipe[0] >= 0) {
		struct pollfd pfd[2] = { { .fd = out_pipe[0], .events = POLLIN },
					 { .fd = err_pipe[0], .events = POLLIN } };
		uint64_t now = clock_monotonic_ms();
		char buf[65536];
		int i, n;

		if (now >= deadline) {
			timed_out = true;
			break;
		}
		n = poll(pfd, 2, (int)(deadline - now));
		if (n < 0 && errno != EINTR)
			break;
		for (i = 0; i < 2 && n > 0; i++) {
			int *fd = i == 0 ? &out_pipe[0] : &err_pipe[0];
			ssize_t got;

			if (*fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP |
							   POLLERR)))
				continue;
			got = read(*fd, buf, sizeof(buf));
			if (got < 0 && (errno == EINTR || errno == EAGAIN))
				continue;
			if (got <= 0) {
				close(*fd);
				*fd = -1;
				continue;
			}
			if ((i == 0 ? transport_append(&res->out, &res->out_len,
						       &out_cap, buf, (size_t)got)
				    : transport_append(&res->err, &res->err_len,
						       &err_cap, buf,
						       (size_t)got)) != 0) {
				too_big = true;
				break;
			}
		}
		if (too_big)
			break;
	}
	if (timed_out || too_big)
		kill(-pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (timed_out) {
		*err = xasprintf("%s did not finish within %.1fs; stopped it",
				 argv[0], timeout_ms / 1000.0);
		goto out;
	}
	if (too_big) {
		*err = xasprintf("%s wrote more than %u MiB; stopped it",
				 argv[0], TRANSPORT_OUTPUT_MAX >> 20);
		goto out;
	}
	res->exit_status = WIFEXITED(status) ? WEXITSTATUS(status)
		: 128 + WTERMSIG(status);
	if (res->out == NULL)
		transport_append(&res->out, &res->out_len, &out_cap, "", 0);
	if (res->err == NULL)
		transport_append(&res->err, &res->err_len, &err_cap, "", 0);
	rc = 0;
out:
	if (rc != 0)
		transport_result_free(res);
	for (int i = 0; i < 2; i++) {
		if (out_pipe[i] >= 0)
			close(out_pipe[i]);
		if (err_pipe[i] >= 0)
			close(err_pipe[i]);
	}
	free(args);
	return rc;
}

static const char *
local_current_node(struct transport *t)
{
	return ((struct local *)t)->hostname;
}

static size_t
local_status(struct transport *t, struct link_status *out, size_t max)
{
	if (max == 0)
		return 0;
	memset(out, 0, sizeof(*out));
	str_copy(out->node, sizeof(out->node), ((struct local *)t)->hostname);
	out->state = LINK_UP;
	out->in_use = true;
	return 1;
}

static void
local_keepalive(struct transport *t)
{
	(void)t;
}

static void
local_stream_close(struct transport *t)
{
	struct local *l = (struct local *)t;

	if (l->bell_fd >= 0)
		close(l->bell_fd);
	if (l->bell_pid > 0) {
		/* The group, and the process itself in case it has not yet
		 * made its group. */
		kill(-l->bell_pid, SIGKILL);
		kill(l->bell_pid, SIGKILL);
		while (waitpid(l->bell_pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	l->bell_fd = -1;
	l->bell_pid = -1;
}

static int
local_stream_open(struct transport *t, const char *const *argv, size_t argc,
		  char **err)
{
	struct local *l = (struct local *)t;
	const char **args;
	int fds[2];

	local_stream_close(t);
	if (argc == 0 || cloexec_pipe(fds) != 0) {
		*err = xasprintf("cannot start a stream: %s", strerror(errno));
		return -1;
	}
	args = xcalloc(argc + 1, sizeof(*args));
	memcpy(args, argv, argc * sizeof(*args));
	l->bell_pid = fork();
	if (l->bell_pid == 0)
		child(args, fds[1], fds[1]);
	free(args);
	close(fds[1]);
	if (l->bell_pid < 0) {
		close(fds[0]);
		*err = xasprintf("cannot start %s: %s", argv[0],
				 strerror(errno));
		return -1;
	}
	if (fcntl(fds[0], F_SETFL, O_NONBLOCK) != 0) {
		l->bell_fd = fds[0];
		local_stream_close(t);
		*err = xasprintf("cannot read %s: %s", argv[0],
				 strerror(errno));
		return -1;
	}
	l->bell_fd = fds[0];
	return 0;
}

static long
local_stream_poll(struct transport *t)
{
	struct local *l = (struct local *)t;
	char buf[16384];
	long total = 0;
	ssize_t n;

	if (l->bell_fd < 0)
		return -1;
	while ((n = read(l->bell_fd, buf, sizeof(buf))) > 0)
		total += n;
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		local_stream_close(t);
		return total > 0 ? total : -1;
	}
	return total;
}

static void
local_destroy(struct transport *t)
{
	local_stream_close(t);
	free(t);
}

static const struct transport_ops local_ops = {
	.name = "local",
	.run = local_run,
	.current_node = local_current_node,
	.status = local_status,
	.keepalive = local_keepalive,
	.stream_open = local_stream_open,
	.stream_poll = local_stream_poll,
	.stream_close = local_stream_close,
	.destroy = local_destroy,
};

struct transport *
local_transport_new(void)
{
	struct local *l = xcalloc(1, sizeof(*l));

	l->base.ops = &local_ops;
	l->bell_pid = -1;
	l->bell_fd = -1;
	if (gethostname(l->hostname, sizeof(l->hostname) - 1) != 0)
		str_copy(l->hostname, sizeof(l->hostname), "localhost");
	return &l->base;
}
