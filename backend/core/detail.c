/* The detail builder; see detail.h. */
#include "backend/core/detail.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend/util/xalloc.h"

static void
push(struct detail *d, enum detail_kind kind, enum detail_tone tone,
     const char *label, char *value)
{
	struct detail_line *l;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->lines = xreallocarray(d->lines, d->cap, sizeof(*d->lines));
	}
	l = &d->lines[d->n++];
	l->kind = kind;
	l->tone = tone;
	l->label = xstrdup(label != NULL ? label : "");
	l->value = value != NULL ? value : xstrdup("");
}

void
detail_section(struct detail *d, const char *title)
{
	push(d, DETAIL_HEADING, DETAIL_PLAIN, title, NULL);
}

void
detail_add(struct detail *d, enum detail_tone tone, const char *label,
	   const char *fmt, ...)
{
	va_list ap;
	char *value;

	va_start(ap, fmt);
	value = xvasprintf(fmt, ap);
	va_end(ap);
	push(d, DETAIL_LINE, tone, label, value);
}

/* Words that name a secret somewhere in a parameter's name. "key"
 * counts only as a word of its own ("ssh_key", "apikey", "key"): it is
 * also the start of names that hold none ("keyboard" is not a
 * parameter anyone has, "keytab" is a path). */
static const char *const secret_words[] = {
	"pass", "pwd", "secret", "token", "credential", "private",
};

static bool
contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return false;
}

bool
detail_is_secret(const char *name)
{
	size_t i, len;

	if (name == NULL)
		return false;
	for (i = 0; i < sizeof secret_words / sizeof secret_words[0]; i++)
		if (contains_nocase(name, secret_words[i]))
			return true;
	len = strlen(name);
	return len >= 3 && strcasecmp(name + len - 3, "key") == 0;
}

/* Pacemaker's cibsecret leaves this in the CIB where the value was. */
#define CIBSECRET_MARK "lrm://"

void
detail_param(struct detail *d, const char *name, const char *value)
{
	if (value != NULL && strncmp(value, CIBSECRET_MARK,
	    strlen(CIBSECRET_MARK)) == 0)
		detail_add(d, DETAIL_DIM, name, "(in cibsecret)");
	else if (detail_is_secret(name))
		detail_add(d, DETAIL_PLAIN, name, "***");
	else
		detail_add(d, DETAIL_PLAIN, name, "%s",
		    value != NULL ? value : "");
}

void
detail_append(struct detail *d, const struct detail *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		push(d, src->lines[i].kind, src->lines[i].tone,
		    src->lines[i].label, xstrdup(src->lines[i].value));
}

void
detail_free(struct detail *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->lines[i].label);
		free(d->lines[i].value);
	}
	free(d->lines);
	memset(d, 0, sizeof(*d));
}
