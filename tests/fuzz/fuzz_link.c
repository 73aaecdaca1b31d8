/* libFuzzer target: what ccon's link layer reads or builds from untrusted
 * bytes. Host keys and known_hosts are libssh's, not ccon's; ccon's own
 * parsers here are the node specs (the configuration's and the command
 * line's, nodespec_parse, ssh_link_parse_node), the reader that tells
 * pings' answers from a stream's output (pong_feed, fed what a node
 * sends), and the quoting through which cluster names reach a remote
 * shell (shellquote_argv, remote_shell_psquote). Checked: a node spec
 * accepted holds only what may go on an ssh command line and reads back
 * the same once written out; the pong reader counts the same bytes
 * however the stream is cut up; quoting, undone as sh and PowerShell do,
 * gives back exactly the argument. Any broken promise aborts. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/link/pong.h"
#include "backend/link/remote_shell.h"
#include "backend/link/shellquote.h"
#include "backend/link/ssh_link.h"
#include "backend/util/nodespec.h"
#include "backend/util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
safe_char(char ch, bool v6)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
	       ch == '-' || (v6 && ch == ':');
}

static void
check_spec(const char *spec)
{
	struct nodespec n, m;
	const char *why = NULL;
	char *user, *host, *err = NULL, *back;
	int port;
	bool v6;
	size_t i;

	if (nodespec_parse(spec, &n, &why) != 0) {
		if (why == NULL || n.user != NULL || n.host != NULL)
			abort();
		if (ssh_link_parse_node(spec, &user, &host, &port, &err) == 0)
			abort();        /* the two disagree */
		free(err);
		return;
	}
	if (n.host == NULL || n.host[0] == '\0' || n.host[0] == '-' ||
	    n.port < 0 || n.port > 65535)
		abort();
	v6 = strchr(n.host, ':') != NULL;
	for (i = 0; n.host[i] != '\0'; i++)
		if (!safe_char(n.host[i], true))
			abort();
	if (n.user != NULL && !nodespec_valid_user(n.user, strlen(n.user)))
		abort();
	/* Written out again, it reads back the same. */
	back = xasprintf("%s%s%s%s%s", n.user ? n.user : "",
			 n.user ? "@" : "", v6 ? "[" : "", n.host,
			 v6 ? "]" : "");
	if (n.port != 0) {
		char *p = xasprintf("%s:%d", back, n.port);

		free(back);
		back = p;
	}
	if (nodespec_parse(back, &m, &why) != 0 ||
	    strcmp(m.host, n.host) != 0 || m.port != n.port ||
	    (m.user == NULL) != (n.user == NULL) ||
	    (m.user != NULL && strcmp(m.user, n.user) != 0))
		abort();
	nodespec_free(&m);
	free(back);
	if (ssh_link_parse_node(spec, &user, &host, &port, &err) != 0 ||
	    strcmp(host, n.host) != 0 || port != n.port)
		abort();
	free(user);
	free(host);
	nodespec_free(&n);
}

/* The stream in one piece and cut at every `step` bytes: the same count
 * of the command's bytes, the same last answer. */
static void
check_pong(const char *buf, size_t n, size_t step)
{
	struct pong_reader a = { 0 }, b = { 0 };
	unsigned long seq_a = 0, seq_b = 0;
	bool ans_a = false, ans_b = false, once;
	size_t out_a, out_b = 0, i, k;

	out_a = pong_feed(&a, buf, n, &seq_a, &ans_a);
	for (i = 0; i < n; i += k) {
		k = n - i < step ? n - i : step;
		once = false;
		out_b += pong_feed(&b, buf + i, k, &seq_b, &once);
		ans_b |= once;
	}
	if (out_a > n || out_a != out_b || ans_a != ans_b ||
	    (ans_a && seq_a != seq_b))
		abort();
	if (a.len > sizeof(a.line))
		abort();
}

/* sh's reading of a quoted argv: words between single spaces, each a run
 * of '...' and \'. NULL if it is not that shape. */
static char **
sh_unquote(const char *line, size_t *argc)
{
	char **v = NULL, *w;
	size_t n = 0, len;
	const char *p = line;

	while (*p != '\0') {
		w = malloc(strlen(p) + 1);
		if (w == NULL)
			abort();
		len = 0;
		while (*p != '\0' && *p != ' ') {
			if (*p == '\'') {
				for (p++; *p != '\'' && *p != '\0'; p++)
					w[len++] = *p;
				if (*p++ != '\'')
					abort();        /* unterminated */
			} else if (p[0] == '\\' && p[1] == '\'') {
				w[len++] = '\'';
				p += 2;
			} else {
				abort();        /* a byte the shell reads */
			}
		}
		w[len] = '\0';
		v = realloc(v, (n + 1) * sizeof(*v));
		if (v == NULL)
			abort();
		v[n++] = w;
		if (*p == ' ')
			p++;
	}
	*argc = n;
	return v;
}

static size_t
quote_char(const char *s, size_t n)
{
	if (n >= 1 && s[0] == '\'')
		return 1;
	if (n >= 3 && (unsigned char)s[0] == 0xe2 &&
	    (unsigned char)s[1] == 0x80 && (unsigned char)s[2] >= 0x98 &&
	    (unsigned char)s[2] <= 0x9b)
		return 3;
	return 0;
}

/* PowerShell's reading of a single-quoted literal: every quote character
 * inside comes in pairs, and stands for the first of the pair. */
static void
check_psquote(const char *arg, size_t len)
{
	char *err = NULL, *q = remote_shell_psquote(arg, len, &err), *back;
	size_t n, i, k, m, blen = 0;

	if (q == NULL) {
		if (err == NULL)
			abort();
		free(err);
		return;
	}
	n = strlen(q);
	if (n < 2 || q[0] != '\'' || q[n - 1] != '\'')
		abort();
	back = malloc(n);
	if (back == NULL)
		abort();
	for (i = 1; i < n - 1; i += k) {
		k = quote_char(q + i, n - 1 - i);
		if (k == 0) {
			back[blen++] = q[i];
			k = 1;
			continue;
		}
		m = quote_char(q + i + k, n - 1 - i - k);
		if (m == 0)
			abort();        /* a lone quote ends the literal */
		memcpy(back + blen, q + i, k);
		blen += k;
		k += m;
	}
	if (blen != len || memcmp(back, arg, len) != 0)
		abort();
	free(back);
	free(q);
}

static void
check_shellquote(const uint8_t *data, size_t size)
{
	const char *argv[16];
	size_t lens[16], argc = 0, i, got;
	char *copy, *line, *err = NULL, **back, *p, *end;
	bool bad = false;

	/* Arguments separated by NUL, as many as fit in argv. */
	copy = malloc(size + 1);
	if (copy == NULL)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (p = copy, end = copy + size; argc < 16; p += lens[argc++] + 1) {
		argv[argc] = p;
		lens[argc] = strlen(p);
		if (strpbrk(p, "\n\r") != NULL)
			bad = true;
		if (p + lens[argc] >= end) {
			argc++;
			break;
		}
	}
	line = shellquote_argv(argv, argc, lens, &err);
	if (line == NULL) {
		if (!bad || err == NULL)
			abort();        /* refused what it can carry */
		free(err);
	} else {
		if (bad)
			abort();        /* carried a line break */
		back = sh_unquote(line, &got);
		if (got != argc)
			abort();
		for (i = 0; i < argc; i++) {
			if (strcmp(back[i], argv[i]) != 0)
				abort();
			free(back[i]);
		}
		free(back);
		free(line);
	}
	/* The whole input as one argument: a NUL in it is refused. */
	err = NULL;
	lens[0] = size;
	argv[0] = copy;
	line = shellquote_argv(argv, 1, lens, &err);
	if ((line != NULL) == (memchr(data, '\0', size) != NULL ||
			       memchr(data, '\n', size) != NULL ||
			       memchr(data, '\r', size) != NULL))
		abort();
	free(line);
	free(err);
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	text = malloc(size + 1);
	if (text == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	check_spec(text);
	check_pong((const char *)data, size, 1);
	check_pong((const char *)data, size, size > 0 ? 1 + data[0] % 13 : 1);
	check_shellquote(data, size);
	check_psquote((const char *)data, size);
	free(text);
	return 0;
}
