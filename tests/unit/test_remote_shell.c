/* Command lines per remote shell: POSIX sh as shellquote makes them, and
 * its stream wrapper run by a real /bin/sh; PowerShell's -EncodedCommand
 * against vectors made with iconv and base64, its literals, what it
 * refuses, and cmd.exe's length limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "tests/lib/procs.h"

#include "backend/link/remote_shell.h"
#include "backend/link/shellquote.h"

#define PS_PREFIX "powershell.exe -NoProfile -NonInteractive -EncodedCommand "

static char *
line_of(const struct remote_shell *sh, const char *const *argv, size_t argc)
{
	char *err = NULL, *line = remote_shell_command(sh, argv, argc, &err);

	if (line == NULL)
		fail_msg("refused: %s", err);
	return line;
}

/* Refused, with a message holding both words. */
static void
expect_refused(const struct remote_shell *sh, const char *const *argv,
	       size_t argc, const char *word1, const char *word2)
{
	char *err = NULL, *line = remote_shell_command(sh, argv, argc, &err);

	if (line != NULL)
		fail_msg("accepted: %s", line);
	assert_non_null(err);
	if (strstr(err, word1) == NULL || strstr(err, word2) == NULL)
		fail_msg("message \"%s\" lacks \"%s\" or \"%s\"", err, word1,
			 word2);
	free(err);
}

static void
expect_psquote(const char *arg, const char *want)
{
	char *err = NULL, *q = remote_shell_psquote(arg, strlen(arg), &err);

	if (q == NULL)
		fail_msg("psquote refused \"%s\": %s", arg, err);
	assert_string_equal(q, want);
	free(q);
}

static void
expect_psquote_refused(const char *arg, size_t len, const char *word)
{
	char *err = NULL, *q = remote_shell_psquote(arg, len, &err);

	if (q != NULL)
		fail_msg("psquote accepted: %s", q);
	if (strstr(err, word) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", err, word);
	free(err);
}

/* ---- POSIX sh ---- */

static void
posix_is_shellquote(void **state)
{
	const char *argv[] = { "printf", "%s|", "it's", "$(id)" };
	char *err = NULL, *want, *line;

	(void)state;
	want = shellquote_argv(argv, 4, NULL, &err);
	assert_non_null(want);
	line = line_of(&remote_shell_posix, argv, 4);
	assert_string_equal(line, want);
	free(line);
	line = line_of(NULL, argv, 4);          /* NULL is POSIX sh */
	assert_string_equal(line, want);
	free(line);
	free(want);
	expect_refused(NULL, argv, 0, "no command", "shell");
}


static void
nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* A stream line run as sshd runs a command (the login shell's -c), with
 * stdin a pipe the test holds, as the channel would be. */
struct stream_run {
	pid_t pid;
	int in_fd;        /* write end of its stdin */
	int out_fd;       /* read end of its stdout */
};

static void
stream_start(struct stream_run *r, const char *const *argv, size_t argc)
{
	char *err = NULL, *line;
	int in[2], out[2];

	line = remote_shell_stream(NULL, argv, argc, &err);
	if (line == NULL)
		fail_msg("refused: %s", err);
	assert_int_equal(pipe(in), 0);
	assert_int_equal(pipe(out), 0);
	r->pid = fork();
	assert_true(r->pid >= 0);
	if (r->pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execl("/bin/sh", "sh", "-c", line, (char *)NULL);
		_exit(127);
	}
	free(line);
	close(in[0]);
	close(out[1]);
	r->in_fd = in[1];
	r->out_fd = out[0];
}

/* Its exit status, waiting up to ms; -1 if it still runs. */
static int
stream_wait(struct stream_run *r, long ms)
{
	int status, i;

	for (i = 0; i < ms / 10; i++) {
		if (waitpid(r->pid, &status, WNOHANG) == r->pid)
			return WIFEXITED(status) ? WEXITSTATUS(status)
						 : 128 + WTERMSIG(status);
		nap_ms(10);
	}
	return -1;
}

/* The channel goes (its stdin reaches EOF): the command is killed, and
 * nothing of the stream is left. */
static void
posix_stream_ends_with_channel(void **state)
{
	char marker[32];
	const char *argv[] = { "sleep", marker };
	struct stream_run r;
	int i;

	(void)state;
	snprintf(marker, sizeof(marker), "31.%ld", (long)getpid());
	stream_start(&r, argv, 2);
	for (i = 0; i < 200 && count_processes(marker) < 2; i++)
		nap_ms(10);
	/* The script (with its watcher) and the command itself. */
	assert_true(count_processes(marker) >= 2);
	assert_int_equal(stream_wait(&r, 300), -1);  /* it runs on */
	close(r.in_fd);
	assert_int_equal(stream_wait(&r, 2000), 128 + SIGTERM);
	for (i = 0; i < 100 && count_processes(marker) > 0; i++)
		nap_ms(20);
	assert_int_equal(count_processes(marker), 0);
	close(r.out_fd);
}

/* The command ends by itself while the channel is still there: the
 * script ends with its status and takes the watcher along; the output
 * passes through, and the command read nothing of the channel, whose
 * line (a ping) was answered instead. */
static void
posix_stream_ends_with_command(void **state)
{
	char marker[40];
	const char *argv[] = { "sh", "-c",
			       "read -r x; sleep 0.5; echo \"got [$x]\"; exit 3",
			       marker };
	struct stream_run r;
	char buf[256];
	size_t used;
	ssize_t n = 0;
	int i;

	(void)state;
	snprintf(marker, sizeof(marker), "ccon-test-%ld", (long)getpid());
	stream_start(&r, argv, 4);
	assert_int_equal(write(r.in_fd, "secret\n", 7), 7);
	assert_int_equal(stream_wait(&r, 2000), 3);
	/* Both lines (the command waits for the answer to have gone), in
	 * whichever order the two writers came. */
	for (used = 0; used < sizeof(buf) - 1; used += (size_t)n) {
		n = read(r.out_fd, buf + used, sizeof(buf) - 1 - used);
		if (n <= 0)
			break;
	}
	buf[used] = '\0';
	assert_true(strcmp(buf, "got []\n" REMOTE_SHELL_PONG "secret\n") == 0 ||
		    strcmp(buf, REMOTE_SHELL_PONG "secret\ngot []\n") == 0);
	for (i = 0; i < 100 && count_processes(marker) > 0; i++)
		nap_ms(20);
	assert_int_equal(count_processes(marker), 0);
	close(r.in_fd);
	close(r.out_fd);
}

/* ---- PowerShell ---- */

/* Vectors: printf %s SCRIPT | iconv -t UTF-16LE | base64 -w0 */
static void
powershell_vectors(void **state)
{
	const char *date[] = { "Get-Date" };
	const char *accent[] = { "Write-Output \"h\xc3\xa9llo\"" };
	const char *astral[] = { "Write-Output \xf0\x9f\x98\x80" };  /* U+1F600 */
	const char *args[] = { "$args[0]", "it's" };
	char *line;

	(void)state;
	line = line_of(&remote_shell_powershell, date, 1);
	assert_string_equal(line, PS_PREFIX "RwBlAHQALQBEAGEAdABlAA==");
	free(line);
	line = line_of(&remote_shell_powershell, accent, 1);
	assert_string_equal(line, PS_PREFIX "VwByAGkAdABlAC0ATwB1AHQAcAB1AHQA"
			    "IAAiAGgA6QBsAGwAbwAiAA==");
	free(line);
	/* A surrogate pair, D83D DE00. */
	line = line_of(&remote_shell_powershell, astral, 1);
	assert_string_equal(line, PS_PREFIX "VwByAGkAdABlAC0ATwB1AHQAcAB1AHQA"
			    "IAA92ADe");
	free(line);
	/* "& {\n$args[0]\n} 'it''s'" */
	line = line_of(&remote_shell_powershell, args, 2);
	assert_string_equal(line, PS_PREFIX "JgAgAHsACgAkAGEAcgBnAHMAWwAwAF0A"
			    "CgB9ACAAJwBpAHQAJwAnAHMAJwA=");
	free(line);
	/* A stream is sent as a command, by its own builder (the script
	 * answers pings itself). */
	assert_non_null(remote_shell_powershell.stream);
	{
		char *err = NULL;

		line = remote_shell_stream(&remote_shell_powershell, date, 1,
					   &err);
		assert_non_null(line);
		assert_string_equal(line, PS_PREFIX "RwBlAHQALQBEAGEAdABlAA==");
		free(line);
	}
}

/* The base64 alphabet only, never quoted, whatever the script holds. */
static void
powershell_line_is_inert(void **state)
{
	const char *argv[] = { "Write-Output \"$env:X\" `n; & | < > ^ % ! ()",
			       "a \"b\" 'c' %PATH% ^& |" };
	char *line;
	size_t i;

	(void)state;
	line = line_of(&remote_shell_powershell, argv, 2);
	assert_true(strncmp(line, PS_PREFIX, strlen(PS_PREFIX)) == 0);
	for (i = strlen(PS_PREFIX); line[i] != '\0'; i++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			   "0123456789+/=", line[i]) == NULL)
			fail_msg("'%c' in %s", line[i], line);
	free(line);
}

/* What the far end decodes is the script, byte for byte (checked with
 * base64 and iconv, as powershell.exe would decode it). */
static void
powershell_round_trip(void **state)
{
	const char *argv[] = { "# a comment line\nWrite-Output $args",
			       "\xe2\x80\x98quoted\xe2\x80\x99",
			       "caf\xc3\xa9 \xe4\xb8\xad \xf0\x9d\x84\x9e",
			       "" };
	const char *want = "& {\n# a comment line\nWrite-Output $args\n} "
			   "'\xe2\x80\x98\xe2\x80\x98quoted\xe2\x80\x99\xe2\x80\x99' "
			   "'caf\xc3\xa9 \xe4\xb8\xad \xf0\x9d\x84\x9e' ''";
	char cmd[4096], got[1024], *line;
	size_t n;
	FILE *p;

	(void)state;
	line = line_of(&remote_shell_powershell, argv, 4);
	snprintf(cmd, sizeof(cmd), "printf %%s '%s' | base64 -d | "
		 "iconv -f UTF-16LE -t UTF-8", line + strlen(PS_PREFIX));
	p = popen(cmd, "r");
	assert_non_null(p);
	n = fread(got, 1, sizeof(got) - 1, p);
	got[n] = '\0';
	assert_int_equal(pclose(p), 0);
	assert_string_equal(got, want);
	free(line);
}

static void
psquote_forms(void **state)
{
	(void)state;
	expect_psquote("abc", "'abc'");
	expect_psquote("", "''");
	expect_psquote("it's", "'it''s'");
	expect_psquote("'", "''''");
	/* Every quote character PowerShell knows, each doubled. */
	expect_psquote("a'b\xe2\x80\x98" "c\xe2\x80\x99" "d\xe2\x80\x9a"
		       "e\xe2\x80\x9b" "f",
		       "'a''b\xe2\x80\x98\xe2\x80\x98" "c\xe2\x80\x99\xe2\x80\x99"
		       "d\xe2\x80\x9a\xe2\x80\x9a" "e\xe2\x80\x9b\xe2\x80\x9b" "f'");
	/* Neighbours that are not quotes stay single: U+2017, U+201C. */
	expect_psquote("\xe2\x80\x97\xe2\x80\x9c", "'\xe2\x80\x97\xe2\x80\x9c'");
	/* Nothing else is special between single quotes. */
	expect_psquote("$(x) `n \"y\" ; & | # @{}",
		       "'$(x) `n \"y\" ; & | # @{}'");
	expect_psquote("two\nlines\r\n", "'two\nlines\r\n'");
	expect_psquote("\xf0\x9f\x98\x80", "'\xf0\x9f\x98\x80'");
}

static void
psquote_refusals(void **state)
{
	(void)state;
	expect_psquote_refused("a\0b", 3, "NUL");
	expect_psquote_refused("\xff", 1, "UTF-8");
	expect_psquote_refused("ok\xc0\xaf", 4, "byte 3");      /* overlong */
	expect_psquote_refused("\xed\xa0\x80", 3, "UTF-8");     /* surrogate */
	expect_psquote_refused("\xf4\x90\x80\x80", 4, "UTF-8"); /* > U+10FFFF */
	expect_psquote_refused("\xe2\x80", 2, "UTF-8");         /* cut short */
	/* A sequence cut by len, although the bytes after it would end it. */
	expect_psquote_refused("\xe2\x80\x98", 2, "UTF-8");
}

static void
powershell_refusals(void **state)
{
	const char *bad_script[] = { "Write-Output \xc3" };
	const char *bad_arg[] = { "$args", "ok", "\xfe" };
	const char *none[] = { "" };

	(void)state;
	expect_refused(&remote_shell_powershell, bad_script, 1, "script",
		       "UTF-8");
	expect_refused(&remote_shell_powershell, bad_arg, 3, "argument 2",
		       "UTF-8");
	expect_refused(&remote_shell_powershell, none, 1, "no PowerShell",
		       "script");
	expect_refused(&remote_shell_powershell, none, 0, "no PowerShell",
		       "script");
}

/* cmd.exe takes 8191 characters: a line of that many is sent, one a
 * character longer is not. */
static void
powershell_length_limit(void **state)
{
	size_t n, prefix = strlen(PS_PREFIX), accepted = 0, refused = 0;
	char *script = malloc(4000);

	(void)state;
	assert_non_null(script);
	for (n = 3000; n < 3100; n++) {
		const char *argv[1] = { script };
		/* Two bytes a character, four base64 characters per three. */
		size_t want = prefix + (2 * n + 2) / 3 * 4;
		char *err = NULL, *line;

		memset(script, 'x', n);
		script[n] = '\0';
		line = remote_shell_command(&remote_shell_powershell, argv, 1,
					    &err);
		if (want <= REMOTE_SHELL_CMD_MAX) {
			if (line == NULL)
				fail_msg("%zu characters refused: %s", want,
					 err);
			assert_int_equal(strlen(line), want);
			accepted++;
		} else {
			assert_null(line);
			assert_non_null(strstr(err, "8191"));
			assert_non_null(strstr(err, "cmd.exe"));
			free(err);
			refused++;
		}
		free(line);
	}
	/* The boundary was crossed inside the range. */
	assert_true(accepted > 0 && refused > 0);
	free(script);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(posix_is_shellquote),
		cmocka_unit_test(posix_stream_ends_with_channel),
		cmocka_unit_test(posix_stream_ends_with_command),
		cmocka_unit_test(powershell_vectors),
		cmocka_unit_test(powershell_line_is_inert),
		cmocka_unit_test(powershell_round_trip),
		cmocka_unit_test(psquote_forms),
		cmocka_unit_test(psquote_refusals),
		cmocka_unit_test(powershell_refusals),
		cmocka_unit_test(powershell_length_limit),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
