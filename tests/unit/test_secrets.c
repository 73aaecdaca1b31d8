/* Secrets kept where they belong: a process that has asked for a
 * passphrase is not dumpable (backend/util/nodump.h), a host key question
 * leaves it as it was; what is typed into the dialog is zeroed once it is
 * sent or forgotten (tui/widgets/askbox.h); the audit log is created 0600
 * in directories made 0700, whatever the umask. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "backend/core/audit.h"
#include "backend/core/prompt.h"
#include "backend/util/nodump.h"
#include "tui/widgets/askbox.h"

#define LONG_MS 20000
#define WAKE_WAIT_MS 10000
#define SECRET "correct horse"

struct asker {
	pthread_t thread;
	struct prompt *p;
	enum prompt_kind kind;
	char answer[PROMPT_ANSWER_MAX];
	int rc;
};

static void *
ask_thread(void *arg)
{
	struct asker *w = arg;

	w->rc = prompt_ask(w->p, w->kind, "title", "text", w->answer,
	    sizeof(w->answer), LONG_MS);
	return NULL;
}

/* One question from a worker, answered as the console does: woken
 * through the pipe, the question read, the answer given. While it is
 * pending, *undumpable_asked says whether the process was not
 * dumpable. */
static void
ask_and_answer(enum prompt_kind kind, const char *answer,
    bool *undumpable_asked)
{
	struct prompt *p = prompt_new();
	struct prompt_question q;
	struct asker w;
	struct pollfd pfd;
	int wake[2];
	char byte;

	assert_int_equal(pipe(wake), 0);
	prompt_set_wake_fd(p, wake[1]);
	memset(&w, 0, sizeof(w));
	w.p = p;
	w.kind = kind;
	w.rc = 99;
	assert_int_equal(pthread_create(&w.thread, NULL, ask_thread, &w), 0);
	pfd.fd = wake[0];
	pfd.events = POLLIN;
	assert_int_equal(poll(&pfd, 1, WAKE_WAIT_MS), 1);
	assert_int_equal(read(wake[0], &byte, 1), 1);
	assert_true(prompt_pending(p, &q));
	*undumpable_asked = nodump_active();
	prompt_answer(p, q.id, answer);
	assert_int_equal(pthread_join(w.thread, NULL), 0);
	assert_int_equal(w.rc, 0);
	assert_string_equal(w.answer, answer);
	explicit_bzero(w.answer, sizeof(w.answer));
	prompt_free(p);
	close(wake[0]);
	close(wake[1]);
}

static void
test_hostkey_question_leaves_dumpable(void **state)
{
	bool undumpable;

	(void)state;
	assert_int_equal(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
	ask_and_answer(PROMPT_HOSTKEY, PROMPT_HOSTKEY_ONCE, &undumpable);
	assert_false(undumpable);
	ask_and_answer(PROMPT_TEXT, "root", &undumpable);
	assert_false(undumpable);
	assert_false(nodump_active());
}

static void
test_secret_question_makes_undumpable(void **state)
{
	struct rlimit rl;
	bool undumpable;

	(void)state;
	/* A core limit to lower, where the hard limit allows one. */
	assert_int_equal(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0), 0);
	assert_int_equal(getrlimit(RLIMIT_CORE, &rl), 0);
	rl.rlim_cur = rl.rlim_max;
	assert_int_equal(setrlimit(RLIMIT_CORE, &rl), 0);
	assert_false(nodump_active());

	ask_and_answer(PROMPT_SECRET, SECRET, &undumpable);
	/* Already while the operator types ... */
	assert_true(undumpable);
	/* ... and for good, the answer given. */
	assert_true(nodump_active());
	assert_int_equal(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
	assert_int_equal(getrlimit(RLIMIT_CORE, &rl), 0);
	assert_int_equal(rl.rlim_cur, 0);
	/* Again: nothing changes, nothing fails. */
	assert_int_equal(nodump_for_life(), 0);
	assert_true(nodump_active());
}

static bool
all_zero(const char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (buf[i] != '\0')
			return false;
	return true;
}

static void
type(struct askbox *b, const char *s)
{
	const char *answer;

	for (; *s; s++)
		assert_int_equal(askbox_key(b, (unsigned char)*s, &answer),
		    ASKBOX_NONE);
}

static void
test_askbox_forgets(void **state)
{
	struct prompt_question q = { .id = 7, .kind = PROMPT_SECRET };
	struct askbox b;
	const char *answer;

	(void)state;
	memset(&b, 0x55, sizeof(b));
	askbox_init(&b, &q);
	assert_true(all_zero(b.input, sizeof(b.input)));
	type(&b, SECRET "x");
	/* A character taken back is gone from memory, not only cut. */
	assert_int_equal(askbox_key(&b, KEY_BACKSPACE, &answer), ASKBOX_NONE);
	assert_int_equal(b.len, strlen(SECRET));
	assert_true(all_zero(b.input + b.len, sizeof(b.input) - b.len));
	assert_int_equal(askbox_key(&b, '\n', &answer), ASKBOX_ANSWER);
	assert_string_equal(answer, SECRET);
	/* What the console does once the answer is handed over. */
	askbox_wipe(&b);
	assert_int_equal(b.len, 0);
	assert_true(all_zero(b.input, sizeof(b.input)));

	/* Ctrl-U starts again from nothing. */
	type(&b, SECRET);
	assert_int_equal(askbox_key(&b, 21, &answer), ASKBOX_NONE);
	assert_int_equal(b.len, 0);
	assert_true(all_zero(b.input, sizeof(b.input)));

	/* Esc: nothing is sent, and what was typed goes too. */
	type(&b, SECRET);
	assert_int_equal(askbox_key(&b, 27, &answer), ASKBOX_CANCEL);
	assert_null(answer);
	askbox_wipe(&b);
	assert_true(all_zero(b.input, sizeof(b.input)));
}

static char tmp[] = "/tmp/ccon-secrets.XXXXXX";

static void
expect_mode(const char *path, mode_t want)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	if ((st.st_mode & 07777) != want)
		fail_msg("%s: mode %04o, want %04o", path,
		    (unsigned)(st.st_mode & 07777), (unsigned)want);
}

static void
test_audit_log_private(void **state)
{
	char path[512], dir[512], *err = NULL;
	struct audit *a;
	mode_t old;

	(void)state;
	assert_non_null(mkdtemp(tmp));
	old = umask(0);
	/* Named in the config, in directories that do not exist yet. */
	snprintf(path, sizeof(path), "%s/logs/ccon/audit.log", tmp);
	a = audit_open(path, &err);
	assert_non_null(a);
	assert_int_equal(audit_record(a, "lab", "db1", "stop", "web", 0,
	    "done"), 0);
	audit_close(a);
	expect_mode(path, 0600);
	snprintf(dir, sizeof(dir), "%s/logs/ccon", tmp);
	expect_mode(dir, 0700);
	snprintf(dir, sizeof(dir), "%s/logs", tmp);
	expect_mode(dir, 0700);

	/* The default place, $XDG_STATE_HOME/ccon/audit.log. */
	snprintf(dir, sizeof(dir), "%s/state", tmp);
	assert_int_equal(setenv("XDG_STATE_HOME", dir, 1), 0);
	a = audit_open(NULL, &err);
	assert_non_null(a);
	snprintf(path, sizeof(path), "%s/state/ccon/audit.log", tmp);
	assert_string_equal(audit_path(a), path);
	audit_close(a);
	umask(old);
	expect_mode(path, 0600);
	snprintf(dir, sizeof(dir), "%s/state/ccon", tmp);
	expect_mode(dir, 0700);

	/* One the owner made group-readable stays so: the choice is
	 * theirs, and the log holds no secret. */
	assert_int_equal(chmod(path, 0640), 0);
	a = audit_open(NULL, &err);
	assert_non_null(a);
	audit_close(a);
	expect_mode(path, 0640);
	snprintf(path, sizeof(path), "rm -rf '%s'", tmp);
	assert_int_equal(system(path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostkey_question_leaves_dumpable),
		cmocka_unit_test(test_secret_question_makes_undumpable),
		cmocka_unit_test(test_askbox_forgets),
		cmocka_unit_test(test_audit_log_private),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
