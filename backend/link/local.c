#include "backend/link/local.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend/util/clock.h"
#include "backend/util/str.h"
#include "backend/util/xalloc.h"

/* How long a child killed with SIGKILL gets to be reaped. */
#define KILL_GRACE_MS 1000
/* Killed children not reaped within that (stuck in the kernel), tried
 * again later so that they do not stay zombies for ever. */
#define UNREAPED_MAX 8

extern char **environ;

struct local {
	struct transport base;
	char hostname[128];
	pid_t bell_pid;               /* the stream's process, or -1 */
	int bell_fd;                  /* its output (non-blocking), or -1 */
	pid_t unreaped[UNREAPED_MAX];
	size_t n_unreaped;
};

/* Starts argv in a process group of its own (so that a timeout kills
 * whatever it started too), stdin from /dev/null, stdout and stderr on
 * out_fd and err_fd, with no signal blocked and every one at its default:
 * the worker thread that runs this blocks them all, ccon ignores SIGPIPE,
 * and both would pass through exec. posix_spawn rather than fork: the
 * child of a threaded process may only make async-signal-safe calls
 * until it execs, and glibc's posix_spawn reports a failed exec to the
 * caller. Returns 0 or an errno value. */
static int
spawn(const char *const *argv, int out_fd, int err_fd, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, all;
	int rc;

	if ((rc = posix_spawn_file_actions_init(&fa)) != 0)
		return rc;
	if ((rc = posix_spawnattr_init(&at)) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return rc;
	}
	sigemptyset(&none);
	sigfillset(&all);
	if ((rc = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null",
						   O_RDONLY, 0)) == 0 &&
	    (rc = posix_spawn_file_actions_adddup2(&fa, out_fd, 1)) == 0 &&
	    (rc = posix_spawn_file_actions_adddup2(&fa, err_fd, 2)) == 0 &&
	    (rc = posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK |
		POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP)) == 0 &&
	    (rc = posix_spawnattr_setsigmask(&at, &none)) == 0 &&
	    (rc = posix_spawnattr_setsigdefault(&at, &all)) == 0 &&
	    (rc = posix_spawnattr_setpgroup(&at, 0)) == 0)
		rc = posix_spawnp(pid, argv[0], &fa, &at, (char *const *)argv,
				  environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	return rc;
}

/* The exit status a shell gives a program it cannot start (127: not
 * found, 126: found but not runnable), or -1 when the failure is not the
 * program's (no memory, no processes left). */
static int
exec_failure_status(int e)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR:
	case ELOOP:
	case ENAMETOOLONG:
		return 127;
	case EACCES:
	case EPERM:
	case ENOEXEC:
	case ETXTBSY:
		return 126;
	default:
		return -1;
	}
}

/* Waits for pid until deadline_ms: 0 once reaped (*status set, if not
 * NULL), 1 if it still runs then, -1 on error (errno). Never blocks past
 * the deadline: a child that has closed its outputs may still linger. */
static int
reap(pid_t pid, uint64_t deadline_ms, int *status)
{
	long nap_ms = 1;
	int st;

	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);
		uint64_t now;
		struct timespec ts;

		if (r == pid) {
			if (status != NULL)
				*status = st;
			return 0;
		}
		if (r < 0 && errno != EINTR)
			return -1;
		now = clock_monotonic_ms();
		if (now >= deadline_ms)
			return 1;
		/* Most children are gone within a millisecond of closing
		 * their outputs; the naps grow for those that are not. */
		if ((uint64_t)nap_ms > deadline_ms - now)
			nap_ms = (long)(deadline_ms - now);
		ts.tv_sec = 0;
		ts.tv_nsec = nap_ms * 1000000L;
		nanosleep(&ts, NULL);
		if (nap_ms < 50)
			nap_ms *= 2;
	}
}

/* Kills pid's process group and reaps pid, waiting KILL_GRACE_MS at most;
 * one that is not gone by then is reaped later. */
static void
kill_and_reap(struct local *l, pid_t pid, int *status)
{
	kill(-pid, SIGKILL);
	if (reap(pid, clock_monotonic_ms() + KILL_GRACE_MS, status) == 1 &&
	    l->n_unreaped < UNREAPED_MAX)
		l->unreaped[l->n_unreaped++] = pid;
}

static void
reap_leftovers(struct local *l, unsigned wait_ms)
{
	uint64_t deadline = clock_monotonic_ms() + wait_ms;
	size_t i = 0;

	while (i < l->n_unreaped) {
		if (reap(l->unreaped[i], deadline, NULL) == 1) {
			i++;
			continue;
		}
		l->unreaped[i] = l->unreaped[--l->n_unreaped];
	}
}

/* A pipe whose ends are close-on-exec and above 2, so that neither can
 * be one of the child's standard descriptors before they are set up. */
static int
cloexec_pipe(int fds[2])
{
	int i;

	if (pipe(fds) != 0)
		return -1;
	for (i = 0; i < 2; i++) {
		if (fds[i] <= 2) {
			int moved = fcntl(fds[i], F_DUPFD_CLOEXEC, 3);

			if (moved < 0)
				goto fail;
			close(fds[i]);
			fds[i] = moved;
		} else if (fcntl(fds[i], F_SETFD, FD_CLOEXEC) != 0)
			goto fail;
	}
	return 0;
fail:
	close(fds[0]);
	close(fds[1]);
	fds[0] = fds[1] = -1;
	return -1;
}

static int
local_run(struct transport *t, const char *const *argv, size_t argc,
	  unsigned timeout_ms, struct transport_result *res, char **err)
{
	struct local *l = (struct local *)t;
	const char **args = NULL;
	int out_pipe[2] = { -1, -1 }, err_pipe[2] = { -1, -1 };
	size_t out_cap = 0, err_cap = 0;
	uint64_t deadline = clock_monotonic_ms() + timeout_ms;
	bool too_big = false, timed_out = false;
	int status = 0, rc = -1, e;
	pid_t pid = -1;

	memset(res, 0, sizeof(*res));
	res->exit_status = -1;
	if (argc == 0) {
		*err = xstrdup("no command to run");
		return -1;
	}
	reap_leftovers(l, 0);
	args = xcalloc(argc + 1, sizeof(*args));
	memcpy(args, argv, argc * sizeof(*args));
	if (cloexec_pipe(out_pipe) != 0 || cloexec_pipe(err_pipe) != 0) {
		*err = xasprintf("cannot run %s: %s", argv[0], strerror(errno));
		goto out;
	}
	if ((e = spawn(args, out_pipe[1], err_pipe[1], &pid)) != 0) {
		char *msg;

		if ((res->exit_status = exec_failure_status(e)) < 0) {
			*err = xasprintf("cannot run %s: %s", argv[0],
					 strerror(e));
			goto out;
		}
		/* What a shell would have said; the caller reads it as the
		 * program's own failure. */
		msg = xasprintf("%s: %s\n", argv[0], strerror(e));
		transport_append(&res->err, &res->err_len, &err_cap, msg,
				 strlen(msg));
		free(msg);
		transport_append(&res->out, &res->out_len, &out_cap, "", 0);
		rc = 0;
		goto out;
	}
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
	/* Its outputs are closed, but it may linger (or have left them to
	 * a child of its own): the same deadline holds. */
	if (!timed_out && !too_big) {
		switch (reap(pid, deadline, &status)) {
		case 0:
			break;
		case 1:
			timed_out = true;
			break;
		default:
			*err = xasprintf("cannot learn how %s ended: %s",
					 argv[0], strerror(errno));
			goto out;
		}
	}
	if (timed_out || too_big)
		kill_and_reap(l, pid, &status);
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
	if (rc != 0) {
		transport_result_free(res);
		res->timed_out = timed_out;
	}
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
	/* posix_spawn has made its group before it returned. */
	if (l->bell_pid > 0)
		kill_and_reap(l, l->bell_pid, NULL);
	l->bell_fd = -1;
	l->bell_pid = -1;
}

static int
local_stream_open(struct transport *t, const char *const *argv, size_t argc,
		  unsigned answer_ms, char **err)
{
	struct local *l = (struct local *)t;
	const char **args;
	int fds[2], e;

	(void)answer_ms;  /* no pings here: a local stream is alive while it runs */
	local_stream_close(t);
	reap_leftovers(l, 0);
	if (argc == 0) {
		*err = xstrdup("cannot start a stream: no command");
		return -1;
	}
	if (cloexec_pipe(fds) != 0) {
		*err = xasprintf("cannot start %s: %s", argv[0],
				 strerror(errno));
		return -1;
	}
	args = xcalloc(argc + 1, sizeof(*args));
	memcpy(args, argv, argc * sizeof(*args));
	e = spawn(args, fds[1], fds[1], &l->bell_pid);
	free(args);
	close(fds[1]);
	if (e != 0) {
		close(fds[0]);
		l->bell_pid = -1;
		*err = xasprintf("cannot start %s: %s", argv[0], strerror(e));
		return -1;
	}
	l->bell_fd = fds[0];
	if (fcntl(fds[0], F_SETFL, O_NONBLOCK) != 0) {
		e = errno;
		local_stream_close(t);
		*err = xasprintf("cannot read %s: %s", argv[0], strerror(e));
		return -1;
	}
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
	reap_leftovers((struct local *)t, KILL_GRACE_MS);
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
