/* Answers to a stream's pings told from its command's output
 * (backend/link/pong.c), in whatever pieces the bytes arrive. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "backend/link/pong.h"
#include "backend/link/remote_shell.h"

/* Feeds text in pieces of step bytes; returns the output bytes counted. */
static size_t
feed(struct pong_reader *r, const char *text, size_t step,
     unsigned long *seq, bool *answered)
{
	size_t len = strlen(text), i, out = 0;

	for (i = 0; i < len; i += step)
		out += pong_feed(r, text + i, len - i < step ? len - i : step,
				 seq, answered);
	return out;
}

static void
answer_alone_is_no_output(void **state)
{
	size_t step;

	(void)state;
	for (step = 1; step <= 20; step++) {
		struct pong_reader r = { 0 };
		unsigned long seq = 0;
		bool answered = false;

		assert_int_equal(feed(&r, REMOTE_SHELL_PONG "42\n", step, &seq,
				      &answered), 0);
		assert_true(answered);
		assert_int_equal(seq, 42);
	}
}

static void
output_around_answers_counts(void **state)
{
	/* crm_mon's block, an answer in the middle of it (another writer),
	 * and lines that only look like one at first. */
	const char *text = "Cluster Summary:\n"
			   REMOTE_SHELL_PONG "7\n"
			   "  * Stack: corosync\n"
			   "ccon-pong\n"
			   REMOTE_SHELL_PONG "x\n"
			   REMOTE_SHELL_PONG "\n"
			   "c\n";
	size_t expect = strlen(text) - strlen(REMOTE_SHELL_PONG "7\n");
	size_t step;

	(void)state;
	for (step = 1; step <= strlen(text); step++) {
		struct pong_reader r = { 0 };
		unsigned long seq = 0;
		bool answered = false;

		assert_int_equal(feed(&r, text, step, &seq, &answered), expect);
		assert_true(answered);
		assert_int_equal(seq, 7);
	}
}

/* Windows PowerShell's lines end in CRLF: an answer still, and a CR
 * anywhere else is output. */
static void
crlf_answers(void **state)
{
	const char *text = "<<CCON-CHANGED>>\r\n"
			   REMOTE_SHELL_PONG "9\r\n"
			   REMOTE_SHELL_PONG "8\rx\n"
			   REMOTE_SHELL_PONG "\r\n"
			   REMOTE_SHELL_PONG "7\r\r\n";
	size_t expect = strlen(text) - strlen(REMOTE_SHELL_PONG "9\r\n");
	size_t step;

	(void)state;
	for (step = 1; step <= strlen(text); step++) {
		struct pong_reader r = { 0 };
		unsigned long seq = 0;
		bool answered = false;

		assert_int_equal(feed(&r, text, step, &seq, &answered), expect);
		assert_true(answered);
		assert_int_equal(seq, 9);
	}
}

static void
long_digits_are_output(void **state)
{
	struct pong_reader r = { 0 };
	char text[128];
	unsigned long seq = 0;
	bool answered = false;

	(void)state;
	snprintf(text, sizeof(text), "%s%s\n", REMOTE_SHELL_PONG,
		 "123456789012345678901234567890123456789");
	assert_int_equal(feed(&r, text, 3, &seq, &answered), strlen(text));
	assert_false(answered);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(answer_alone_is_no_output),
		cmocka_unit_test(output_around_answers_counts),
		cmocka_unit_test(long_digits_are_output),
		cmocka_unit_test(crlf_answers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
