/* The SSH link against real OpenSSH servers started by tests/ssh/with-sshd
 * (two of them, A and B, on 127.0.0.1): authentication, host keys,
 * commands, streams that end their command, timeouts, failover,
 * ProxyJump, libssh's log. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "tests/lib/procs.h"

#include "backend/core/prompt.h"
#include "backend/link/ssh_link.h"

static const char *
env(const char *name)
{
	const char *v = getenv(name);

	if (v == NULL) {
		fprintf(stderr, "%s is not set: run under tests/ssh/with-sshd\n",
			name);
		exit(1);
	}
	return v;
}

static char node_a[64], node_b[64];

/* A scratch copy of a file (known_hosts that a test may write to). */
static const char *
scratch_copy(const char *src, const char *name)
{
	static char path[8][512];
	static int next;
	char *p = path[next++ % 8];
	char cmd[1200];

	snprintf(p, 512, "%s/%s", env("CCON_SSH_TMP"), name);
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", src, p);
	assert_int_equal(system(cmd), 0);
	return p;
}

/* A home with an empty .ssh: only what the test names can log in. */
static void
empty_home(void)
{
	static char home[512];

	snprintf(home, sizeof(home), "%s/emptyhome", env("CCON_SSH_TMP"));
	mkdir(home, 0700);
	snprintf(home + strlen(home), sizeof(home) - strlen(home), "/.ssh");
	mkdir(home, 0700);
	home[strlen(home) - 5] = '\0';
	setenv("HOME", home, 1);
}

static void
real_home(void)
{
	setenv("HOME", "/root", 1);
	unsetenv("SSH_AUTH_SOCK");
}

static struct ssh_link_params
params_a(void)
{
	static const char *nodes[1];
	struct ssh_link_params p = { .cluster = "lab" };

	nodes[0] = node_a;
	p.nodes = nodes;
	p.n_nodes = 1;
	p.user = "root";
	p.identity = env("CCON_SSH_KEY");
	p.known_hosts = env("CCON_SSH_KNOWN_HOSTS");
	p.host_key_check = HOSTKEY_STRICT;
	return p;
}

static struct transport *
link_or_fail(const struct ssh_link_params *p)
{
	char *err = NULL;
	struct transport *t = ssh_link_new(p, &err);

	if (t == NULL)
		fail_msg("ssh_link_new: %s", err);
	return t;
}

/* Runs argv; returns the transport's answer, keeps the result. */
static int
run(struct transport *t, struct transport_result *res, char **err,
    unsigned timeout_ms, const char *const *argv, size_t argc)
{
	*err = NULL;
	return t->ops->run(t, argv, argc, timeout_ms, res, err);
}

static void
expect_output(struct transport *t, const char *cmd, const char *want)
{
	const char *argv[] = { "sh", "-c", cmd };
	struct transport_result res;
	char *err = NULL;

	if (run(t, &res, &err, 10000, argv, 3) != 0)
		fail_msg("%s: %s", cmd, err);
	assert_string_equal(res.out, want);
	transport_result_free(&res);
}

static char *
expect_failure(struct transport *t, const char *cmd)
{
	const char *argv[] = { "sh", "-c", cmd };
	struct transport_result res;
	char *err = NULL;

	assert_int_equal(run(t, &res, &err, 10000, argv, 3), -1);
	assert_non_null(err);
	return err;
}

/* Answers prompts from another thread, as the UI would. */
struct answerer {
	struct prompt *prompt;
	int fds[2];
	const char *answer;
	int asked;
	enum prompt_kind kind;
	char text[PROMPT_TEXT_MAX];
	pthread_t thread;
	volatile int stop;
};

static void *
answer_loop(void *arg)
{
	struct answerer *a = arg;
	struct prompt_question q;
	char buf[16];

	while (!a->stop) {
		struct pollfd pfd = { .fd = a->fds[0], .events = POLLIN };

		if (poll(&pfd, 1, 100) > 0)
			while (read(a->fds[0], buf, sizeof(buf)) > 0)
				;
		if (prompt_pending(a->prompt, &q)) {
			a->asked++;
			a->kind = q.kind;
			memcpy(a->text, q.text, sizeof(a->text));
			prompt_answer(a->prompt, q.id, a->answer);
		}
	}
	return NULL;
}

static void
answerer_start(struct answerer *a, const char *answer)
{
	memset(a, 0, sizeof(*a));
	a->prompt = prompt_new();
	a->answer = answer;
	assert_int_equal(pipe(a->fds), 0);
	fcntl(a->fds[0], F_SETFL, O_NONBLOCK);
	fcntl(a->fds[1], F_SETFL, O_NONBLOCK);
	prompt_set_wake_fd(a->prompt, a->fds[1]);
	assert_int_equal(pthread_create(&a->thread, NULL, answer_loop, a), 0);
}

static void
answerer_stop(struct answerer *a)
{
	a->stop = 1;
	pthread_join(a->thread, NULL);
	prompt_free(a->prompt);
	close(a->fds[0]);
	close(a->fds[1]);
}

static void
key_auth_and_command(void **state)
{
	struct ssh_link_params p = params_a();
	struct transport *t;
	const char *argv[] = { "sh", "-c", "echo out; echo err >&2; exit 3" };
	struct transport_result res;
	char *err;

	(void)state;
	real_home();
	t = link_or_fail(&p);
	assert_int_equal(run(t, &res, &err, 10000, argv, 3), 0);
	assert_int_equal(res.exit_status, 3);
	assert_string_equal(res.out, "out\n");
	assert_string_equal(res.err, "err\n");
	transport_result_free(&res);
	assert_string_equal(t->ops->current_node(t), node_a);
	t->ops->destroy(t);
}

/* Arguments arrive as they were, whatever they hold: the command line is
 * built by quoting each one, and the server ran exactly that. */
static void
arguments_are_quoted(void **state)
{
	struct ssh_link_params p = params_a();
	struct transport *t;
	const char *argv[] = { "printf", "%s|", "$(id)", "a b", "it's",
			       "; echo pwned", "`id`", "*", "-n" };
	const char *bad[] = { "echo", "two\nlines" };
	struct transport_result res;
	char *err, log[65536];
	FILE *f;
	size_t n;

	(void)state;
	real_home();
	t = link_or_fail(&p);
	assert_int_equal(run(t, &res, &err, 10000, argv, 9), 0);
	assert_string_equal(res.out, "$(id)|a b|it's|; echo pwned|`id`|*|-n|");
	transport_result_free(&res);
	/* A newline is refused before anything is sent. */
	assert_int_equal(run(t, &res, &err, 10000, bad, 2), -1);
	assert_non_null(strstr(err, "newline"));
	free(err);
	t->ops->destroy(t);
	f = fopen(env("CCON_SSHD_A_LOG"), "r");
	assert_non_null(f);
	n = fread(log, 1, sizeof(log) - 1, f);
	log[n] = '\0';
	fclose(f);
	assert_non_null(strstr(log, "'printf' '%s|' '$(id)' 'a b' 'it'\\''s'"));
	assert_null(strstr(log, "two"));
}

/* The shell named in the parameters builds the command line: a node
 * given PowerShell gets powershell.exe and the encoded script (which this
 * Linux server cannot run: 127), exactly as remote_shell builds it. */
static void
shell_builds_command_line(void **state)
{
	struct ssh_link_params p = params_a();
	const char *argv[] = { "Get-Date" };
	struct transport_result res;
	struct transport *t;
	char *err, log[65536], *want;
	FILE *f;
	size_t n;

	(void)state;
	real_home();
	p.shell = &remote_shell_powershell;
	t = link_or_fail(&p);
	assert_int_equal(run(t, &res, &err, 10000, argv, 1), 0);
	assert_int_equal(res.exit_status, 127);
	transport_result_free(&res);
	t->ops->destroy(t);
	want = remote_shell_command(&remote_shell_powershell, argv, 1, &err);
	assert_non_null(want);
	assert_string_equal(want, "powershell.exe -NoProfile -NonInteractive "
			    "-EncodedCommand RwBlAHQALQBEAGEAdABlAA==");
	f = fopen(env("CCON_SSHD_A_LOG"), "r");
	assert_non_null(f);
	n = fread(log, 1, sizeof(log) - 1, f);
	log[n] = '\0';
	fclose(f);
	assert_non_null(strstr(log, want));
	free(want);
}

/* What libssh says while a link logs in and runs a command, with the ssh
 * config asking for libssh's debug output (LogLevel DEBUG3): stderr is
 * captured in a file. */
static char *
libssh_says(bool warnings)
{
	static char text[65536];
	struct ssh_link_params p = params_a();
	const char *argv[] = { "true" };
	struct transport_result res;
	struct transport *t;
	char path[512], conf[512], *err;
	int fd, saved;
	FILE *f;
	size_t n;

	snprintf(conf, sizeof(conf), "%s/debug3.config", env("CCON_SSH_TMP"));
	f = fopen(conf, "w");
	assert_non_null(f);
	fprintf(f, "Host *\n  LogLevel DEBUG3\n");
	fclose(f);
	p.ssh_config = conf;
	p.log_libssh_warnings = warnings;
	snprintf(path, sizeof(path), "%s/stderr.%d", env("CCON_SSH_TMP"),
		 warnings);
	fflush(stderr);
	saved = dup(2);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	close(fd);
	t = link_or_fail(&p);
	assert_int_equal(run(t, &res, &err, 10000, argv, 1), 0);
	transport_result_free(&res);
	t->ops->destroy(t);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

/* libssh never writes to stderr by itself: nothing at all unless asked
 * for, its warnings (only) as "ccon: libssh:" lines when asked for. */
static void
libssh_log_routed(void **state)
{
	char *text, *line, *next;
	int lines = 0;

	(void)state;
	real_home();
	text = libssh_says(false);
	if (text[0] != '\0')
		fail_msg("stderr was not empty:\n%s", text);
	text = libssh_says(true);
	for (line = text; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		assert_non_null(next);
		*next++ = '\0';
		if (strncmp(line, "ccon: libssh: ", 14) != 0)
			fail_msg("a line not ccon's: %s", line);
		lines++;
	}
	/* Some warnings come with every login; debug lines (libssh's
	 * banner, at SSH_LOG_PROTOCOL) never. */
	assert_true(lines > 0 && lines < 30);
	assert_null(strstr(text, "(c) 2003"));
}

/* ~/.ssh/config is found through $HOME: the alias names host, port and
 * user, and the identity. */
static void
ssh_config_alias(void **state)
{
	const char *nodes[] = { "alpha" };
	struct ssh_link_params p = { .cluster = "lab", .nodes = nodes,
				     .n_nodes = 1,
				     .host_key_check = HOSTKEY_STRICT };
	struct transport *t;

	(void)state;
	real_home();
	t = link_or_fail(&p);
	expect_output(t, "echo via-alias", "via-alias\n");
	t->ops->destroy(t);
}

static void
agent_auth(void **state)
{
	struct ssh_link_params p = params_a();
	struct transport *t;
	char *err;

	(void)state;
	empty_home();
	p.identity = NULL;
	/* Without the agent nothing logs in from an empty home... */
	t = link_or_fail(&p);
	err = expect_failure(t, "true");
	assert_non_null(strstr(err, "permission denied"));
	free(err);
	t->ops->destroy(t);
	/* ...with it, the agent's key does. */
	setenv("SSH_AUTH_SOCK", env("CCON_TEST_AGENT_SOCK"), 1);
	t = link_or_fail(&p);
	expect_output(t, "echo agent", "agent\n");
	t->ops->destroy(t);
	real_home();
}

static void
wrong_key_refused(void **state)
{
	struct ssh_link_params p = params_a();
	struct transport *t;
	char *err;

	(void)state;
	empty_home();
	p.identity = env("CCON_SSH_KEY_WRONG");
	t = link_or_fail(&p);
	err = expect_failure(t, "true");
	assert_non_null(strstr(err, "permission denied for root"));
	assert_non_null(strstr(err, "the server accepts: publickey"));
	assert_non_null(strstr(err, env("CCON_SSH_KEY_WRONG")));
	free(err);
	t->ops->destroy(t);
	real_home();
}

static void
other_key_types(void **state)
{
	struct ssh_link_params p = params_a();
	struct transport *t;

	(void)state;
	empty_home();
	p.identity = env("CCON_SSH_KEY_ECDSA");
	t = link_or_fail(&p);
	expect_output(t, "echo ecdsa", "ecdsa\n");
	t->ops->destroy(t);
	p.identity = env("CCON_SSH_KEY_RSA");
	t = link_or_fail(&p);
	expect_output(t, "echo rsa", "rsa\n");
	t->ops->destroy(t);
	real_home();
}

/* An encrypted key: its passphrase is asked in a ccon dialog, never on a
 * terminal; with nobody to ask (--once) the error says why. */
static void
encrypted_key(void **state)
{
	struct ssh_link_params p = params_a();
	struct answerer a;
	struct transport *t;
	char *err;

	(void)state;
	empty_home();
	p.identity = env("CCON_SSH_KEY_ENCRYPTED");
	t = link_or_fail(&p);
	err = expect_failure(t, "true");
	assert_non_null(strstr(err, "passphrase cannot be asked here"));
	free(err);
	t->ops->destroy(t);

	answerer_start(&a, env("CCON_SSH_KEY_PASSPHRASE"));
	p.prompt = a.prompt;
	t = link_or_fail(&p);
	expect_output(t, "echo unlocked", "unlocked\n");
	t->ops->destroy(t);
	answerer_stop(&a);
	assert_true(a.asked >= 1);
	assert_int_equal(a.kind, PROMPT_SECRET);
	assert_non_null(strstr(a.text, "id_encrypted"));
	real_home();
}

/* Unknown host: refused where nothing can be asked; asked otherwise,
 * with its SHA256 fingerprint, and saved when the operator says so. */
static void
unknown_host(void **state)
{
	struct ssh_link_params p = params_a();
	struct answerer a;
	struct transport *t;
	char *err;

	(void)state;
	real_home();
	p.known_hosts = scratch_copy(env("CCON_SSH_KNOWN_HOSTS_EMPTY"),
				     "kh-unknown");
	p.host_key_check = HOSTKEY_ASK;
	t = link_or_fail(&p);
	err = expect_failure(t, "true");
	assert_non_null(strstr(err, "unknown host key"));
	assert_non_null(strstr(err, env("CCON_SSHD_A_HOSTKEY_FP")));
	assert_non_null(strstr(err, "--once"));
	free(err);
	t->ops->destroy(t);

	/* Reject. */
	answerer_start(&a, PROMPT_HOSTKEY_REJECT);
	p.prompt = a.prompt;
	t = link_or_fail(&p);
	err = expect_failure(t, "true");
	assert_non_null(strstr(err, "rejected"));
	free(err);
	t->ops->destroy(t);
	answerer_stop(&a);
	assert_int_equal(a.kind, PROMPT_HOSTKEY);
	assert_non_null(strstr(a.text, env("CCON_SSHD_A_HOSTKEY_FP")));

	/* Accept and save: then strict checking passes. */
	answerer_start(&a, PROMPT_HOSTKEY_SAVE);
	p.prompt = a.prompt;
	t = link_or_fail(&p);
	expect_output(t, "echo saved", "saved\n");
	t->ops->destroy(t);
	answerer_stop(&a);
	p.prompt = NULL;
	p.host_key_check = HOSTKEY_STRICT;
	t = link_or_fail(&p);
	expect_output(t, "echo known", "known\n");
	t->ops->destroy(t);
}

static void
accept_new_and_strict(void **state)
{
	struct ssh_link_params p = params_a();
	struct transport *t;
	char *err;

	(void)state;
	real_home();
	p.known_hosts = scratch_copy(env("CCON_SSH_KNOWN_HOSTS_EMPTY"),
				     "kh-strict");
	t = link_or_fail(&p);
	err = expect_failure(t, "true");
	assert_non_null(strstr(err, "strict"));
	free(err);
	t->ops->destroy(t);
	p.host_key_check = HOSTKEY_ACCEPT_NEW;
	t = link_or_fail(&p);
	expect_output(t, "echo new", "new\n");
	t->ops->destroy(t);
	p.host_key_check = HOSTKEY_STRICT;
	t = link_or_fail(&p);
	expect_output(t, "echo recorded", "recorded\n");
	t->ops->destroy(t);
}

/* A known_hosts that does not exist yet is created 0600, in directories
 * created 0700, whatever the umask; one that exists keeps its mode. */
static void
known_hosts_created_private(void **state)
{
	struct ssh_link_params p = params_a();
	struct transport *t;
	struct stat st;
	char dir[512], path[600];
	mode_t old;

	(void)state;
	real_home();
	snprintf(dir, sizeof(dir), "%s/kh-new", env("CCON_SSH_TMP"));
	snprintf(path, sizeof(path), "%s/sub/known_hosts", dir);
	p.known_hosts = path;
	p.host_key_check = HOSTKEY_ACCEPT_NEW;
	old = umask(0);
	t = link_or_fail(&p);
	expect_output(t, "echo new", "new\n");
	t->ops->destroy(t);
	umask(old);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_true(st.st_size > 0);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0700);

	p.known_hosts = scratch_copy(env("CCON_SSH_KNOWN_HOSTS_EMPTY"),
				     "kh-shared");
	assert_int_equal(chmod(p.known_hosts, 0644), 0);
	t = link_or_fail(&p);
	expect_output(t, "echo again", "again\n");
	t->ops->destroy(t);
	assert_int_equal(stat(p.known_hosts, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_true(st.st_size > 0);
}

/* A changed key is refused, loudly, whatever the policy. */
static void
changed_host_key(void **state)
{
	struct ssh_link_params p = params_a();
	struct answerer a;
	struct transport *t;
	char *err;
	int policy;

	(void)state;
	real_home();
	for (policy = HOSTKEY_STRICT; policy <= HOSTKEY_ACCEPT_NEW; policy++) {
		answerer_start(&a, PROMPT_HOSTKEY_SAVE);
		p.prompt = a.prompt;
		p.known_hosts = scratch_copy(
		    env("CCON_SSH_KNOWN_HOSTS_CHANGED"), "kh-changed");
		p.host_key_check = (enum host_key_policy)policy;
		t = link_or_fail(&p);
		err = expect_failure(t, "true");
		assert_non_null(strstr(err,
			"REMOTE HOST IDENTIFICATION HAS CHANGED"));
		assert_non_null(strstr(err, env("CCON_SSHD_A_HOSTKEY_FP")));
		assert_non_null(strstr(err, "ssh-keygen -R"));
		free(err);
		t->ops->destroy(t);
		answerer_stop(&a);
		assert_int_equal(a.asked, 0);
	}
}



/* A stream whose command never writes (sleep), on the node of p. */
static struct transport *
open_silent_stream(const struct ssh_link_params *p, char *marker, size_t sz)
{
	static int serial;
	struct transport *t = link_or_fail(p);
	const char *argv[] = { "sleep", marker };
	char *err = NULL;
	uint64_t heard;

	/* sleep takes a fraction: an odd one marks this stream. */
	snprintf(marker, sz, "1000.%ld%d", (long)getpid(), ++serial);
	if (t->ops->stream_open(t, argv, 2, 0, &err) != 0)
		fail_msg("stream_open: %s", err);
	if (!processes_become(marker, true, 5000))
		fail_msg("the stream's command did not start on the server");
	/* Open, silent: the stream is alive and says nothing; it answers
	 * each look's ping (the answer is not the command's output), so
	 * when it was last heard moves on. */
	assert_int_equal(t->ops->stream_poll(t), 0);
	heard = t->ops->stream_heard_ms(t);
	assert_true(heard != 0);
	usleep(20 * 1000);
	assert_int_equal(t->ops->stream_poll(t), 0);
	assert_true(t->ops->stream_heard_ms(t) > heard);
	return t;
}

/* Closing a stream ends its command on the server, although the command
 * never writes again; and so does destroying the link with the stream
 * open (ccon quitting). The TERM signal is sent (A's sshd, whose
 * ForceCommand makes it refuse the signal, says so in its log), but sshd
 * refuses it for root as well, on A and B alike: here it is the stream's
 * wrapper that ends the command, started by dash on A and bash on B. */
static void
stream_close_ends_command(void **state)
{
	struct ssh_link_params p = params_a();
	const char *nodes[1];
	struct transport *t;
	char marker[64], cmd[1200];
	int server;

	(void)state;
	real_home();
	for (server = 0; server < 2; server++) {
		nodes[0] = server == 0 ? node_a : node_b;
		p.nodes = nodes;

		t = open_silent_stream(&p, marker, sizeof(marker));
		t->ops->stream_close(t);
		if (!processes_become(marker, false, 2000))
			fail_msg("%s: stream closed, its command still runs",
				 nodes[0]);
		/* The session lives on for commands. */
		expect_output(t, "echo still-here", "still-here\n");
		t->ops->destroy(t);

		t = open_silent_stream(&p, marker, sizeof(marker));
		t->ops->destroy(t);
		if (!processes_become(marker, false, 2000))
			fail_msg("%s: link destroyed, its stream's command "
				 "still runs", nodes[0]);
	}
	snprintf(cmd, sizeof(cmd), "grep -q 'refusing to send signal TERM to "
		 "forced-command session' '%s'", env("CCON_SSHD_A_SERVER_LOG"));
	assert_int_equal(system(cmd), 0);
}

/* A peek reads what the stream sent without pinging it: cheap enough to
 * read a doorbell several times a second, and it proves nothing of a
 * quiet stream (when it was last heard stays). A ring is read by it. */
static void
stream_peek_reads_without_ping(void **state)
{
	struct ssh_link_params p = params_a();
	const char *argv[] = { "sh", "-c", "sleep 0.3; echo ring; sleep 30" };
	struct transport *t;
	char marker[64], *err = NULL;
	uint64_t heard;
	long got = 0;
	int i;

	(void)state;
	real_home();
	t = open_silent_stream(&p, marker, sizeof(marker));
	heard = t->ops->stream_heard_ms(t);
	usleep(20 * 1000);
	assert_int_equal(t->ops->stream_peek(t), 0);
	assert_true(t->ops->stream_heard_ms(t) == heard);
	t->ops->stream_close(t);

	if (t->ops->stream_open(t, argv, 3, 0, &err) != 0)
		fail_msg("stream_open: %s", err);
	for (i = 0; i < 300 && got == 0; i++) {
		got = t->ops->stream_peek(t);
		usleep(10 * 1000);
	}
	assert_int_equal(got, 5);        /* "ring\n", and no pong in it */
	t->ops->destroy(t);
}

/* A hanging command meets its timeout and does not run on, on the node
 * (sshd refuses the KILL signal to root and to ForceCommand sessions:
 * the command ends with its channel); the session lives on. */
static void
timeout_keeps_session(void **state)
{
	struct ssh_link_params p = params_a();
	char marker[64];
	const char *argv[] = { "sleep", marker };
	struct transport_result res;
	struct transport *t;
	char *err;

	(void)state;
	real_home();
	snprintf(marker, sizeof(marker), "30.%ld7", (long)getpid());
	t = link_or_fail(&p);
	expect_output(t, "echo before", "before\n");
	assert_int_equal(run(t, &res, &err, 400, argv, 2), -1);
	assert_non_null(strstr(err, "did not finish within 0.4s"));
	assert_true(res.timed_out);
	free(err);
	if (!processes_become(marker, false, 2000))
		fail_msg("the timed-out command still runs on the server");
	expect_output(t, "echo after", "after\n");
	assert_int_equal(ssh_link_sessions_opened(t), 1);
	t->ops->destroy(t);
}

/* One session for many commands, never a connection per command. */
static void
warm_session(void **state)
{
	struct ssh_link_params p = params_a();
	struct transport *t;
	int i;

	(void)state;
	real_home();
	t = link_or_fail(&p);
	for (i = 0; i < 20; i++)
		expect_output(t, "echo x", "x\n");
	assert_int_equal(ssh_link_sessions_opened(t), 1);
	t->ops->destroy(t);
}

/* The node in use dies: that call fails over to the next node; the dead
 * one is reported down with its reason and waits out a backoff. With no
 * other node the call fails (the cluster's data then turns stale), and
 * the link comes back when the node does. */
static void
failover_and_reconnect(void **state)
{
	const char *nodes[2];
	struct ssh_link_params p = params_a();
	struct link_status st[2];
	struct transport *t, *lone;
	char *err;
	int i;

	(void)state;
	real_home();
	nodes[0] = node_a;
	nodes[1] = node_b;
	p.nodes = nodes;
	p.n_nodes = 2;
	t = link_or_fail(&p);
	p.n_nodes = 1;
	lone = link_or_fail(&p);
	expect_output(t, "echo on-a", "on-a\n");
	expect_output(lone, "echo on-a", "on-a\n");
	assert_string_equal(t->ops->current_node(t), node_a);

	/* The node dies: its sshd and every session of it. */
	assert_int_equal(system(env("CCON_SSHD_KILL_A")), 0);
	expect_output(t, "echo on-b", "on-b\n");
	assert_string_equal(t->ops->current_node(t), node_b);
	assert_int_equal(t->ops->status(t, st, 2), 2);
	assert_int_equal(st[0].state, LINK_DOWN);
	assert_false(st[0].in_use);
	assert_true(st[0].reason[0] != '\0');
	assert_int_equal(st[1].state, LINK_UP);
	assert_true(st[1].in_use);

	err = expect_failure(lone, "echo nobody");
	assert_non_null(strstr(err, node_a));
	free(err);
	/* In backoff: answered at once, without a connection attempt. */
	err = expect_failure(lone, "echo still-nobody");
	assert_non_null(strstr(err, "waiting to retry"));
	free(err);

	assert_int_equal(system(env("CCON_SSHD_RESTART_A")), 0);
	sleep(2);   /* the first backoff step is 1 s */
	expect_output(lone, "echo back", "back\n");
	/* The link on B goes back to A by itself, once a login to A in the
	 * background (on the worker's ticks) has worked; B serves meanwhile. */
	for (i = 0; i < 100 && strcmp(t->ops->current_node(t), node_a); i++) {
		t->ops->keepalive(t);
		expect_output(t, "echo meanwhile", "meanwhile\n");
		usleep(100 * 1000);
	}
	assert_string_equal(t->ops->current_node(t), node_a);
	expect_output(t, "echo on-a-again", "on-a-again\n");
	assert_int_equal(t->ops->status(t, st, 2), 2);
	assert_int_equal(st[0].state, LINK_UP);
	assert_true(st[0].in_use);
	assert_string_equal(st[0].reason, "");
	t->ops->destroy(t);
	lone->ops->destroy(lone);
}

/* Nodes tried in order: the first one down, the second one used. */
static void
first_node_down(void **state)
{
	const char *nodes[] = { "127.0.0.1:1", NULL };
	struct ssh_link_params p = params_a();
	struct link_status st[2];
	struct transport *t;

	(void)state;
	real_home();
	nodes[1] = node_b;
	p.nodes = nodes;
	p.n_nodes = 2;
	t = link_or_fail(&p);
	expect_output(t, "echo second", "second\n");
	assert_int_equal(t->ops->status(t, st, 2), 2);
	assert_int_equal(st[0].state, LINK_DOWN);
	assert_non_null(strstr(st[0].reason, "cannot connect"));
	t->ops->destroy(t);
}

static void
proxy_jump(void **state)
{
	const char *nodes[] = { "beta-via-alpha" };
	struct ssh_link_params p = { .cluster = "lab", .nodes = nodes,
				     .n_nodes = 1,
				     .host_key_check = HOSTKEY_STRICT };
	struct transport *t;
	char want[64];

	(void)state;
	real_home();
	t = link_or_fail(&p);
	/* sshd B sees the connection come from A's forwarding. */
	snprintf(want, sizeof(want), "%s\n", env("CCON_SSHD_B_PORT"));
	expect_output(t, "echo \"$SSH_CONNECTION\" | cut -d' ' -f4", want);
	t->ops->destroy(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_auth_and_command),
		cmocka_unit_test(arguments_are_quoted),
		cmocka_unit_test(shell_builds_command_line),
		cmocka_unit_test(libssh_log_routed),
		cmocka_unit_test(ssh_config_alias),
		cmocka_unit_test(agent_auth),
		cmocka_unit_test(wrong_key_refused),
		cmocka_unit_test(other_key_types),
		cmocka_unit_test(encrypted_key),
		cmocka_unit_test(unknown_host),
		cmocka_unit_test(accept_new_and_strict),
		cmocka_unit_test(known_hosts_created_private),
		cmocka_unit_test(changed_host_key),
		cmocka_unit_test(timeout_keeps_session),
		cmocka_unit_test(stream_close_ends_command),
		cmocka_unit_test(stream_peek_reads_without_ping),
		cmocka_unit_test(warm_session),
		cmocka_unit_test(first_node_down),
		cmocka_unit_test(proxy_jump),
		cmocka_unit_test(failover_and_reconnect),
	};

	signal(SIGPIPE, SIG_IGN);
	snprintf(node_a, sizeof(node_a), "127.0.0.1:%s",
		 env("CCON_SSHD_A_PORT"));
	snprintf(node_b, sizeof(node_b), "127.0.0.1:%s",
		 env("CCON_SSHD_B_PORT"));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
