/* The local transport (--local): argv straight to exec, no shell; exit
 * status, both streams, timeouts that stop the whole process group. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

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
	free(err);
	t->ops->destroy(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(status_and_streams),
		cmocka_unit_test(no_shell),
		cmocka_unit_test(missing_program),
		cmocka_unit_test(timeout_kills_group),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
