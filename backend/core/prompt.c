#include "backend/core/prompt.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backend/util/clock.h"
#include "backend/util/nodump.h"
#include "backend/util/str.h"
#include "backend/util/xalloc.h"

enum slot_state { SLOT_EMPTY, SLOT_ASKED, SLOT_ANSWERED, SLOT_CANCELLED };

struct prompt {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int wake_fd;
	bool closed;
	uint64_t next_id;
	enum slot_state state;
	struct prompt_question q;
	char answer[PROMPT_ANSWER_MAX];
};

struct prompt *
prompt_new(void)
{
	struct prompt *p = xcalloc(1, sizeof(*p));
	pthread_condattr_t attr;

	pthread_mutex_init(&p->lock, NULL);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&p->cond, &attr);
	pthread_condattr_destroy(&attr);
	p->wake_fd = -1;
	return p;
}

void
prompt_free(struct prompt *p)
{
	if (p == NULL)
		return;
	explicit_bzero(p->answer, sizeof(p->answer));
	pthread_cond_destroy(&p->cond);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

void
prompt_set_wake_fd(struct prompt *p, int fd)
{
	pthread_mutex_lock(&p->lock);
	p->wake_fd = fd;
	p->closed = false;
	pthread_mutex_unlock(&p->lock);
}

int
prompt_ask(struct prompt *p, enum prompt_kind kind, const char *title,
	   const char *text, char *answer, size_t sz, unsigned timeout_ms)
{
	struct timespec until;
	uint64_t id;
	int rc = -1, wait_rc = 0;
	ssize_t n;

	clock_monotonic_after(&until, timeout_ms);
	pthread_mutex_lock(&p->lock);
	/* Another worker's question first: the UI shows one at a time. */
	while (!p->closed && p->wake_fd >= 0 && p->state != SLOT_EMPTY &&
	       wait_rc != ETIMEDOUT)
		wait_rc = pthread_cond_timedwait(&p->cond, &p->lock, &until);
	if (p->closed || p->wake_fd < 0 || p->state != SLOT_EMPTY)
		goto out;
	/* The secret will be typed into the UI's memory, then copied to
	 * the asker's and libssh's: from now on no core dump may hold it.
	 * A process that cannot be kept out of dumps asks for none. */
	if (kind == PROMPT_SECRET && nodump_for_life() != 0)
		goto out;
	id = ++p->next_id;
	memset(&p->q, 0, sizeof(p->q));
	p->q.id = id;
	p->q.kind = kind;
	str_copy(p->q.title, sizeof(p->q.title), title);
	str_copy(p->q.text, sizeof(p->q.text), text);
	p->state = SLOT_ASKED;
	do
		n = write(p->wake_fd, "?", 1);
	while (n < 0 && errno == EINTR);
	while (p->state == SLOT_ASKED && !p->closed && wait_rc != ETIMEDOUT)
		wait_rc = pthread_cond_timedwait(&p->cond, &p->lock, &until);
	if (p->state == SLOT_ANSWERED) {
		str_copy(answer, sz, p->answer);
		rc = 0;
	}
	explicit_bzero(p->answer, sizeof(p->answer));
	p->state = SLOT_EMPTY;
	pthread_cond_broadcast(&p->cond);
out:
	pthread_mutex_unlock(&p->lock);
	return rc;
}

bool
prompt_pending(struct prompt *p, struct prompt_question *out)
{
	bool asked;

	pthread_mutex_lock(&p->lock);
	asked = p->state == SLOT_ASKED;
	if (asked)
		*out = p->q;
	pthread_mutex_unlock(&p->lock);
	return asked;
}

void
prompt_answer(struct prompt *p, uint64_t id, const char *answer)
{
	pthread_mutex_lock(&p->lock);
	if (p->state == SLOT_ASKED && p->q.id == id) {
		if (answer != NULL) {
			str_copy(p->answer, sizeof(p->answer), answer);
			p->state = SLOT_ANSWERED;
		} else {
			p->state = SLOT_CANCELLED;
		}
		pthread_cond_broadcast(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
}

void
prompt_close(struct prompt *p)
{
	pthread_mutex_lock(&p->lock);
	p->closed = true;
	p->wake_fd = -1;
	if (p->state == SLOT_ASKED)
		p->state = SLOT_CANCELLED;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
}
