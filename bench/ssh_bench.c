/* SSH link figures, against a real sshd on loopback (run it through
 * bench/run-ssh-bench, which starts one): N commands over one warm
 * session versus a new connection for each, and the time to the first
 * command's output from nothing. Prints figures; asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend/link/ssh_link.h"

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static struct transport *
new_link(const char *node)
{
	const char *nodes[1] = { node };
	struct ssh_link_params p = {
		.cluster = "bench", .nodes = nodes, .n_nodes = 1,
		.user = "root", .identity = getenv("CCON_SSH_KEY"),
		.known_hosts = getenv("CCON_SSH_KNOWN_HOSTS"),
		.host_key_check = HOSTKEY_STRICT,
	};
	char *err = NULL;
	struct transport *t = ssh_link_new(&p, &err);

	if (t == NULL) {
		fprintf(stderr, "ssh_bench: %s\n", err);
		exit(1);
	}
	return t;
}

static void
run_or_die(struct transport *t, const char *const *argv, size_t argc)
{
	struct transport_result res;
	char *err = NULL;

	if (t->ops->run(t, argv, argc, 10000, &res, &err) != 0 ||
	    res.exit_status != 0) {
		fprintf(stderr, "ssh_bench: %s\n", err ? err : res.err);
		exit(1);
	}
	transport_result_free(&res);
}

int
main(int argc, char **argv)
{
	const char *cmd[] = { "true" };
	int n = argc > 1 ? atoi(argv[1]) : 100, i;
	char node[64];
	double t0, warm, cold, first[21];
	struct transport *t;

	if (getenv("CCON_SSHD_A_PORT") == NULL || n <= 0) {
		fprintf(stderr, "usage: bench/run-ssh-bench [N]\n");
		return 2;
	}
	snprintf(node, sizeof(node), "127.0.0.1:%s", getenv("CCON_SSHD_A_PORT"));

	/* Time to first output: connect, key exchange, host key check,
	 * authentication, one command. The median of 21. */
	for (i = 0; i < 21; i++) {
		t0 = now_s();
		t = new_link(node);
		run_or_die(t, cmd, 1);
		first[i] = now_s() - t0;
		t->ops->destroy(t);
	}
	qsort(first, 21, sizeof(first[0]), cmp_double);

	t = new_link(node);
	run_or_die(t, cmd, 1);          /* connected before the clock */
	t0 = now_s();
	for (i = 0; i < n; i++)
		run_or_die(t, cmd, 1);
	warm = now_s() - t0;
	t->ops->destroy(t);

	t0 = now_s();
	for (i = 0; i < n; i++) {
		t = new_link(node);
		run_or_die(t, cmd, 1);
		t->ops->destroy(t);
	}
	cold = now_s() - t0;

	printf("ssh link, %d commands (`true`) on 127.0.0.1:\n", n);
	printf("  one warm session:        %8.1f ms total, %6.2f ms per command\n",
	       warm * 1e3, warm * 1e3 / n);
	printf("  a new connection each:   %8.1f ms total, %6.2f ms per command\n",
	       cold * 1e3, cold * 1e3 / n);
	printf("  ratio (new / warm):      %8.1fx\n", cold / warm);
	printf("  time to first output:    %8.1f ms median (min %.1f, max %.1f; "
	       "21 runs)\n", first[10] * 1e3, first[0] * 1e3, first[20] * 1e3);
	return 0;
}
