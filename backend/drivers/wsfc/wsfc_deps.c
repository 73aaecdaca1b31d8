#include "backend/drivers/wsfc/wsfc_deps.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend/util/strindex.h"
#include "backend/util/xalloc.h"

/* Deeper than any expression a cluster writes (WSFC itself refuses
 * nested parentheses); the limit keeps the recursion bounded. */
#define DEPS_MAX_DEPTH 32

enum deps_op { OP_NONE, OP_AND, OP_OR };

struct deps_parser {
	const char *s;
	size_t pos;
	struct wsfc_deps *out;
	size_t cap;                   /* of out->names */
	/* The names so far: a long expression stays linear. */
	struct strindex *seen;
	char *err;
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static void
skip_blanks(struct deps_parser *p)
{
	while (is_blank(p->s[p->pos]))
		p->pos++;
}

static int
fail(struct deps_parser *p, size_t pos, const char *what)
{
	p->err = xasprintf("dependency expression: %s at position %zu",
			   what, pos + 1);
	return -1;
}

/* The operator word at s (`and`/`or`, any case) and its length, if one
 * stands there followed by a blank, `[` or `(`. */
static enum deps_op
op_at(const char *s, size_t *len)
{
	enum deps_op op;
	size_t n;

	if (strncasecmp(s, "and", 3) == 0) {
		op = OP_AND;
		n = 3;
	} else if (strncasecmp(s, "or", 2) == 0) {
		op = OP_OR;
		n = 2;
	} else {
		return OP_NONE;
	}
	if (!is_blank(s[n]) && s[n] != '[' && s[n] != '(')
		return OP_NONE;
	if (len)
		*len = n;
	return op;
}

/* Whether the `]` at s[i] ends a name: what follows it must be able to
 * follow an operand. */
static bool
closes_name(const char *s, size_t i)
{
	i++;
	while (is_blank(s[i]))
		i++;
	return s[i] == '\0' || s[i] == ')' || op_at(s + i, NULL) != OP_NONE;
}

/* Adds the name s[0..len) unless it is there already. */
static void
add_name(struct deps_parser *p, const char *name, size_t len)
{
	struct wsfc_deps *d = p->out;
	char *copy = xmalloc(len + 1);

	memcpy(copy, name, len);
	copy[len] = '\0';
	if (strindex_find(p->seen, copy) >= 0) {
		free(copy);
		return;
	}
	if (d->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 4;
		d->names = xreallocarray(d->names, p->cap, sizeof(*d->names));
	}
	d->names[d->n] = copy;
	strindex_add(p->seen, copy, d->n);
	d->n++;
}

static int parse_list(struct deps_parser *p, unsigned depth);

/* One operand: `[name]` or a parenthesised list. */
static int
parse_term(struct deps_parser *p, unsigned depth)
{
	size_t start = p->pos, i, last = 0;

	if (p->s[p->pos] == '(') {
		if (depth >= DEPS_MAX_DEPTH)
			return fail(p, p->pos, "parentheses nested too deep");
		p->pos++;
		skip_blanks(p);
		if (parse_list(p, depth + 1) != 0)
			return -1;
		skip_blanks(p);
		if (p->s[p->pos] != ')')
			return fail(p, p->pos, p->s[p->pos] == '\0' ?
				    "missing ')' (the expression ends)" :
				    "expected ')'");
		p->pos++;
		return 0;
	}
	if (p->s[p->pos] != '[')
		return fail(p, p->pos, p->s[p->pos] == '\0' ?
			    "expected '[' or '(' (the expression ends)" :
			    "expected '[' or '('");
	for (i = start + 1; p->s[i] != '\0'; i++) {
		if (p->s[i] != ']')
			continue;
		if (closes_name(p->s, i))
			break;
		last = i;
	}
	if (p->s[i] == '\0' && last == 0)
		return fail(p, start, "name not closed by ']'");
	if (p->s[i] == '\0') {
		/* Blame what follows the last `]`, the likelier fault. */
		for (i = last + 1; is_blank(p->s[i]); i++)
			;
		return fail(p, i, "expected 'and' or 'or' with an operand, "
			    "')' or the end after ']'");
	}
	if (i == start + 1)
		return fail(p, start, "empty name '[]'");
	add_name(p, p->s + start + 1, i - start - 1);
	p->pos = i + 1;
	return 0;
}

/* Operands joined by one operator, up to `)` or the end. */
static int
parse_list(struct deps_parser *p, unsigned depth)
{
	enum deps_op seen = OP_NONE, op;
	size_t len;

	if (parse_term(p, depth) != 0)
		return -1;
	for (;;) {
		skip_blanks(p);
		if (p->s[p->pos] == '\0' || p->s[p->pos] == ')')
			return 0;
		op = op_at(p->s + p->pos, &len);
		if (op == OP_NONE)
			return fail(p, p->pos, "expected 'and', 'or', ')' "
				    "or the end");
		if (seen != OP_NONE && op != seen)
			return fail(p, p->pos, "'and' mixed with 'or' "
				    "without parentheses");
		seen = op;
		p->pos += len;
		skip_blanks(p);
		if (parse_term(p, depth) != 0)
			return -1;
	}
}

int
wsfc_deps_parse(const char *expr, struct wsfc_deps *out, char **err)
{
	struct deps_parser p = { .s = expr, .out = out };
	int rc = -1;

	out->names = NULL;
	out->n = 0;
	skip_blanks(&p);
	if (p.s[p.pos] == '\0')
		return 0;
	p.seen = strindex_new();
	if (parse_list(&p, 0) == 0) {
		skip_blanks(&p);
		if (p.s[p.pos] == '\0')
			rc = 0;
		else
			fail(&p, p.pos, "unmatched ')'");
	}
	strindex_free(p.seen);
	if (rc == 0)
		return 0;
	wsfc_deps_free(out);
	if (err)
		*err = p.err;
	else
		free(p.err);
	return -1;
}

void
wsfc_deps_free(struct wsfc_deps *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->names[i]);
	free(d->names);
	d->names = NULL;
	d->n = 0;
}
