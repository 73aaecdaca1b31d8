/* Questions from a worker to the operator (backend/core/prompt.h): a
 * worker thread asks, the test plays the UI, woken through a pipe as the
 * console is, and answers, cancels, lets the question time out or closes
 * the prompt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "backend/core/prompt.h"

/* Long enough never to run out on a loaded machine in the tests that
 * answer; a test that waits for a timeout uses SHORT_MS. */
#define LONG_MS 20000
#define SHORT_MS 150
#define WAKE_WAIT_MS 10000

struct asker {
	pthread_t thread;
	struct prompt *p;
	enum prompt_kind kind;
	const char *title, *text;
	unsigned timeout_ms;
	size_t answer_sz;          /* 0: all of answer */
	char answer[PROMPT_ANSWER_MAX];
	int rc;
	uint64_t took_ms;
};

struct fix {
	struct prompt *p;
	int wake[2];
};

static uint64_t
now_ms(void)
{
	struct timespec ts;

	assert_int_equal(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void *
ask_thread(void *arg)
{
	struct asker *w = arg;
	uint64_t t0 = now_ms();

	w->rc = prompt_ask(w->p, w->kind, w->title, w->text, w->answer,
	    w->answer_sz ? w->answer_sz : sizeof(w->answer), w->timeout_ms);
	w->took_ms = now_ms() - t0;
	return NULL;
}

#define PASSPHRASE "Passphrase for /root/.ssh/id_ed25519:"

/* Starts a worker that asks; everything it reads is set before. */
static void
ask_async(struct asker *w, struct prompt *p, const char *title,
	  const char *text, size_t answer_sz, unsigned timeout_ms)
{
	memset(w, 0, sizeof(*w));
	w->p = p;
	w->kind = PROMPT_SECRET;
	w->title = title;
	w->text = text;
	w->answer_sz = answer_sz;
	w->timeout_ms = timeout_ms;
	w->rc = 99;
	assert_int_equal(pthread_create(&w->thread, NULL, ask_thread, w), 0);
}

static void
join(struct asker *w)
{
	assert_int_equal(pthread_join(w->thread, NULL), 0);
}

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	if (f == NULL || pipe(f->wake) != 0)
		return -1;
	/* As the console's: a full pipe must not block the worker. */
	if (fcntl(f->wake[1], F_SETFL, O_NONBLOCK) == -1)
		return -1;
	f->p = prompt_new();
	prompt_set_wake_fd(f->p, f->wake[1]);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	prompt_free(f->p);
	close(f->wake[0]);
	close(f->wake[1]);
	free(f);
	return 0;
}

/* The UI's side: woken through the pipe ... */
static void
wait_wake(struct fix *f)
{
	struct pollfd pfd = { .fd = f->wake[0], .events = POLLIN };
	char byte;

	assert_int_equal(poll(&pfd, 1, WAKE_WAIT_MS), 1);
	assert_int_equal(read(f->wake[0], &byte, 1), 1);
}

/* ... the question is there. */
static void
wait_question(struct fix *f, struct prompt_question *q)
{
	wait_wake(f);
	assert_true(prompt_pending(f->p, q));
}

static void
test_answer(void **state)
{
	struct fix *f = *state;
	struct prompt_question q, again;
	struct asker w;

	assert_false(prompt_pending(f->p, &q));
	ask_async(&w, f->p, "id_ed25519", PASSPHRASE, 0, LONG_MS);
	wait_question(f, &q);
	assert_int_equal(q.kind, PROMPT_SECRET);
	assert_string_equal(q.title, "id_ed25519");
	assert_string_equal(q.text, "Passphrase for /root/.ssh/id_ed25519:");
	assert_true(q.id != 0);
	/* Asked again, the same question: the UI may look twice. */
	assert_true(prompt_pending(f->p, &again));
	assert_int_equal(again.id, q.id);
	/* An answer to another question is not this one's. */
	prompt_answer(f->p, q.id + 1, "wrong");
	assert_true(prompt_pending(f->p, &again));
	prompt_answer(f->p, q.id, "correct horse");
	join(&w);
	assert_int_equal(w.rc, 0);
	assert_string_equal(w.answer, "correct horse");
	assert_false(prompt_pending(f->p, &q));
	/* Answering it once more changes nothing. */
	prompt_answer(f->p, q.id, "late");
	assert_false(prompt_pending(f->p, &q));
}

static void
test_answer_cut_to_size(void **state)
{
	struct fix *f = *state;
	struct prompt_question q;
	struct asker w;

	ask_async(&w, f->p, "small", PASSPHRASE, 4, LONG_MS);
	wait_question(f, &q);
	prompt_answer(f->p, q.id, "abcdef");
	join(&w);
	assert_int_equal(w.rc, 0);
	assert_string_equal(w.answer, "abc");
}

static void
test_cancel(void **state)
{
	struct fix *f = *state;
	struct prompt_question q;
	struct asker w;

	ask_async(&w, f->p, "host key", PASSPHRASE, 0, LONG_MS);
	wait_question(f, &q);
	prompt_answer(f->p, q.id, NULL);
	join(&w);
	assert_int_equal(w.rc, -1);
	assert_string_equal(w.answer, "");
	assert_false(prompt_pending(f->p, &q));
	/* The next question gets a new id. */
	ask_async(&w, f->p, "again", PASSPHRASE, 0, LONG_MS);
	{
		struct prompt_question q2;

		wait_question(f, &q2);
		assert_true(q2.id > q.id);
		prompt_answer(f->p, q2.id, PROMPT_HOSTKEY_ONCE);
	}
	join(&w);
	assert_int_equal(w.rc, 0);
	assert_string_equal(w.answer, "once");
}

static void
test_timeout(void **state)
{
	struct fix *f = *state;
	struct prompt_question q;
	struct asker w;

	ask_async(&w, f->p, "nobody there", PASSPHRASE, 0, SHORT_MS);
	/* Asked (it may have given up already on a slow machine). */
	wait_wake(f);
	join(&w);
	assert_int_equal(w.rc, -1);
	assert_true(w.took_ms >= SHORT_MS - 10);
	/* The worker gave up: the question is gone, and an answer now
	 * reaches nobody. */
	assert_false(prompt_pending(f->p, &q));
	prompt_answer(f->p, 1, "too late");
	assert_false(prompt_pending(f->p, &q));
}

static void
test_close(void **state)
{
	struct fix *f = *state;
	struct prompt_question q;
	struct asker w;
	char answer[16] = "untouched";
	uint64_t t0;

	ask_async(&w, f->p, "quitting", PASSPHRASE, 0, LONG_MS);
	wait_question(f, &q);
	/* The UI goes away: the waiting worker is let go at once. */
	prompt_close(f->p);
	join(&w);
	assert_int_equal(w.rc, -1);
	assert_true(w.took_ms < LONG_MS / 2);
	assert_false(prompt_pending(f->p, &q));
	/* Closed, nothing more is asked: refused without waiting. */
	t0 = now_ms();
	assert_int_equal(prompt_ask(f->p, PROMPT_TEXT, "t", "x", answer,
	    sizeof(answer), LONG_MS), -1);
	assert_true(now_ms() - t0 < LONG_MS / 2);
	assert_string_equal(answer, "untouched");
	/* A new wake fd opens it again. */
	prompt_set_wake_fd(f->p, f->wake[1]);
	ask_async(&w, f->p, "reopened", PASSPHRASE, 0, LONG_MS);
	wait_question(f, &q);
	prompt_answer(f->p, q.id, "yes");
	join(&w);
	assert_int_equal(w.rc, 0);
	assert_string_equal(w.answer, "yes");
}

static void
test_nobody_to_ask(void **state)
{
	struct prompt *p = prompt_new();
	struct prompt_question q;
	char answer[16] = "untouched";
	uint64_t t0 = now_ms();

	(void)state;
	/* No wake fd (--once): refused at once, nothing pending. */
	assert_int_equal(prompt_ask(p, PROMPT_SECRET, "t", "x", answer,
	    sizeof(answer), LONG_MS), -1);
	assert_true(now_ms() - t0 < LONG_MS / 2);
	assert_false(prompt_pending(p, &q));
	assert_string_equal(answer, "untouched");
	/* Nor after the fd was withdrawn. */
	prompt_set_wake_fd(p, -1);
	assert_int_equal(prompt_ask(p, PROMPT_SECRET, "t", "x", answer,
	    sizeof(answer), LONG_MS), -1);
	prompt_free(p);
	prompt_free(NULL);
}

static void
test_one_at_a_time(void **state)
{
	struct fix *f = *state;
	struct prompt_question q;
	struct asker a, b;
	char want[160];
	int round;

	ask_async(&a, f->p, "first", PASSPHRASE, 0, LONG_MS);
	ask_async(&b, f->p, "second", PASSPHRASE, 0, LONG_MS);
	/* Whichever asked first is shown; the other waits its turn and is
	 * posted once the first is answered. Each gets its own answer. */
	for (round = 0; round < 2; round++) {
		wait_question(f, &q);
		snprintf(want, sizeof(want), "for %s", q.title);
		prompt_answer(f->p, q.id, want);
	}
	join(&a);
	join(&b);
	assert_int_equal(a.rc, 0);
	assert_int_equal(b.rc, 0);
	assert_string_equal(a.answer, "for first");
	assert_string_equal(b.answer, "for second");
	assert_false(prompt_pending(f->p, &q));
}

static void
test_long_question_cut(void **state)
{
	struct fix *f = *state;
	struct prompt_question q;
	static char text[PROMPT_TEXT_MAX * 2];
	struct asker w;

	memset(text, 'a', sizeof(text) - 1);
	ask_async(&w, f->p, "long", text, 0, LONG_MS);
	wait_question(f, &q);
	/* Cut to what a question holds, still terminated. */
	assert_int_equal(strlen(q.text), sizeof(q.text) - 1);
	assert_int_equal(q.text[0], 'a');
	prompt_answer(f->p, q.id, "ok");
	join(&w);
	assert_int_equal(w.rc, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answer_cut_to_size, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_cancel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close, setup, teardown),
		cmocka_unit_test(test_nobody_to_ask),
		cmocka_unit_test_setup_teardown(test_one_at_a_time, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_long_question_cut, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
