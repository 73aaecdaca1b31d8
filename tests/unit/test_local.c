/* The local transport (--local): argv straight to exec, no shell; exit
 * status, both streams, timeouts that stop the whole process group; the
 * children start clean although the worker thread blocks every signal. */
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/lib/procs.h"

#include "backend/link/local.h"

static int
run(struct transport *t, const char *const *argv, size_t argc,
    unsigned timeout_ms, struct transport_result *res, char **err)
{
	return t->ops->run(t, argv, argc, timeout_ms, res, err);
}

static void
status_and_streams(void **state)
{
	struct transport *t = local_transport_new();
	const char *argv[] = { "sh", "-c", "echo out; echo err >&2; exit 3" };
	struct transport_result res;
	char *err = NULL;

	(void)state;
	assert_int_equal(run(t, argv, 3, 5000, &res, &err), 0);
	assert_int_equal(res.exit_status, 3);
	assert_string_equal(res.out, "out\n");
	assert_string_equal(res.err, "err\n");
	transport_result_free(&res);
	assert_non_null(t->ops->current_node(t));
	t->ops->destroy(t);
}

/* Arguments reach the program as they are: no shell reads them. */
static void
no_shell(void **state)
{
	struct transport *t = local_transport_new();
	const char *argv[] = { "printf", "%s|", "$(id)", "a b", "';'", "*" };
	struct transport_result res;
	char *err = NULL;

	(void)state;
	assert_int_equal(run(t, argv, 6, 5000, &res, &err), 0);
	assert_string_equal(res.out, "$(id)|a b|';'|*|");
	transport_result_free(&res);
	t->ops->destroy(t);
}

static void
missing_program(void **state)
{
	struct transport *t = local_transport_new();
	const char *argv[] = { "/nonexistent/crm_mon" };
	struct transport_result res;
	char *err = NULL;

	(void)state;
	assert_int_equal(run(t, argv, 1, 5000, &res, &err), 0);
	assert_int_equal(res.exit_status, 127);
	assert_non_null(strstr(res.err, "/nonexistent/crm_mon"));
	transport_result_free(&res);
	t->ops->destroy(t);
}

/* A command that hangs is stopped at its deadline, with what it started
 * (the shell's child sleep holds the pipe open: killing only the shell
 * would leave us waiting). */
static void
timeout_kills_group(void **state)
{
	struct transport *t = local_transport_new();
	const char *argv[] = { "sh", "-c", "sleep 30; echo late" };
	struct transport_result res;
	struct timespec a, b;
	char *err = NULL;
	double took;

	(void)state;
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_int_equal(run(t, argv, 3, 300, &res, &err), -1);
	clock_gettime(CLOCK_MONOTONIC, &b);
	took = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	assert_true(took < 5.0);
	assert_non_null(strstr(err, "did not finish within 0.3s"));
	assert_null(res.out);
	assert_true(res.timed_out);     /* told apart from other failures */
	free(err);
	t->ops->destroy(t);
}


/* A command that closes its outputs and lingers is held to the same
 * deadline, and stopped with all it started. */
static void
lingering_child(void **state)
{
	struct transport *t = local_transport_new();
	char script[128], marker[32];
	const char *argv[] = { "sh", "-c", script };
	struct transport_result res;
	struct timespec a, b;
	char *err = NULL;
	double took;
	int i;

	(void)state;
	/* sleep takes a fraction: the odd one marks our process. */
	snprintf(marker, sizeof(marker), "30.%ld", (long)getpid());
	snprintf(script, sizeof(script),
		 "exec >/dev/null 2>&1; sleep %s; true", marker);
	clock_gettime(CLOCK_MONOTONIC, &a);
	assert_int_equal(run(t, argv, 3, 300, &res, &err), -1);
	clock_gettime(CLOCK_MONOTONIC, &b);
	took = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
	assert_true(took < 2.0);
	assert_non_null(strstr(err, "did not finish within 0.3s"));
	free(err);
	for (i = 0; i < 100 && count_processes(marker) > 0; i++)
		nanosleep(&(struct timespec){ .tv_nsec = 20000000L }, NULL);
	assert_int_equal(count_processes(marker), 0);
	t->ops->destroy(t);
}

/* What a child says about its signals, run from a thread that blocks
 * them all (as cluster_start makes the worker) in a process that ignores
 * some (ccon ignores SIGPIPE). */
struct sig_report {
	struct transport *t;
	const char *const *argv;
	size_t argc;
	int rc;
	struct transport_result res;
	char *err;
};

static void *
report_signals(void *arg)
{
	struct sig_report *r = arg;

	r->rc = r->t->ops->run(r->t, r->argv, r->argc, 5000, &r->res, &r->err);
	return NULL;
}

static void
expect_clean_signals(const char *const *argv, size_t argc)
{
	struct sig_report r = { .argv = argv, .argc = argc };
	unsigned long long blocked, ignored;
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_pipe, old_usr2;
	sigset_t all, old_mask;
	pthread_t th;

	r.t = local_transport_new();
	sigemptyset(&ign.sa_mask);
	assert_int_equal(sigaction(SIGPIPE, &ign, &old_pipe), 0);
	assert_int_equal(sigaction(SIGUSR2, &ign, &old_usr2), 0);
	sigfillset(&all);
	assert_int_equal(pthread_sigmask(SIG_SETMASK, &all, &old_mask), 0);
	assert_int_equal(pthread_create(&th, NULL, report_signals, &r), 0);
	assert_int_equal(pthread_sigmask(SIG_SETMASK, &old_mask, NULL), 0);
	assert_int_equal(pthread_join(th, NULL), 0);
	sigaction(SIGPIPE, &old_pipe, NULL);
	sigaction(SIGUSR2, &old_usr2, NULL);
	if (r.rc != 0)
		fail_msg("run: %s", r.err);
	assert_int_equal(r.res.exit_status, 0);
	if (sscanf(r.res.out, "SigBlk:\t%llx\nSigIgn:\t%llx", &blocked,
		   &ignored) != 2)
		fail_msg("unexpected output: %s", r.res.out);
	/* glibc up to 2.38 (no clone3) has posix_spawn's child ignore
	 * glibc's own two signals, 32 and 33 (spawni.c): no program can
	 * use them as signals (sigaction refuses them), and glibc takes
	 * them back when a program starts a thread. Every other bit must
	 * be clear. */
	ignored &= ~((1ULL << (32 - 1)) | (1ULL << (33 - 1)));
	if (blocked != 0 || ignored != 0)
		fail_msg("the child inherited signal state:\n%s", r.res.out);
	transport_result_free(&r.res);
	r.t->ops->destroy(r.t);
}

/* Through a shell, and straight (dash clears its signal mask when it
 * starts, so only a program exec'd directly shows what it inherited). */
static void
children_start_clean(void **state)
{
	const char *via_sh[] = { "sh", "-c",
				 "grep -E '^Sig(Blk|Ign)' /proc/self/status" };
	const char *direct[] = { "grep", "-E", "^Sig(Blk|Ign)",
				 "/proc/self/status" };

	(void)state;
	expect_clean_signals(direct, 4);
	expect_clean_signals(via_sh, 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_and_streams),
		cmocka_unit_test(no_shell),
		cmocka_unit_test(missing_program),
		cmocka_unit_test(timeout_kills_group),
		cmocka_unit_test(lingering_child),
		cmocka_unit_test(children_start_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
