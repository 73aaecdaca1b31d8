/* Questions from a cluster worker to the operator (a key's passphrase, an
 * unknown host key), answered in a ccon dialog: the worker blocks on the
 * question, the UI thread never does. Without a UI (--once) nothing can
 * be asked and every question is refused at once. */
#ifndef CCON_PROMPT_H
#define CCON_PROMPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum prompt_kind {
	PROMPT_SECRET,    /* typed text, not echoed (passphrase, password) */
	PROMPT_TEXT,      /* typed text, echoed (a keyboard-interactive name) */
	PROMPT_HOSTKEY,   /* one of the words below */
};

/* Answers to PROMPT_HOSTKEY. */
#define PROMPT_HOSTKEY_ONCE "once"
#define PROMPT_HOSTKEY_SAVE "save"
#define PROMPT_HOSTKEY_REJECT "reject"

#define PROMPT_TEXT_MAX 1024
#define PROMPT_ANSWER_MAX 512

struct prompt_question {
	uint64_t id;
	enum prompt_kind kind;
	char title[128];
	char text[PROMPT_TEXT_MAX];   /* may hold newlines; unsanitized */
};

struct prompt;

struct prompt *prompt_new(void);
void prompt_free(struct prompt *p);

/* Where to write a byte when a question is posted (the UI's wake pipe);
 * -1 to stop. */
void prompt_set_wake_fd(struct prompt *p, int fd);

/* Worker side: posts a question and waits up to timeout_ms for the
 * answer. Returns 0 with the answer in answer[sz], or -1 when refused,
 * cancelled, timed out, or when nobody can answer (no wake fd set). One
 * question at a time: a second asker waits its turn. Asking for a
 * PROMPT_SECRET makes the process undumpable for good
 * (backend/util/nodump.h). */
int prompt_ask(struct prompt *p, enum prompt_kind kind, const char *title,
	       const char *text, char *answer, size_t sz,
	       unsigned timeout_ms);

/* UI side: the question waiting for an answer, if any. */
bool prompt_pending(struct prompt *p, struct prompt_question *out);
/* Answers question id (NULL: cancel). Secrets are wiped after use. */
void prompt_answer(struct prompt *p, uint64_t id, const char *answer);
/* Cancels whatever is asked, now and later (the UI is going away). */
void prompt_close(struct prompt *p);

#endif
