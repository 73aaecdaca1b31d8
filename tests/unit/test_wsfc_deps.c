/* WSFC dependency expressions (backend/drivers/wsfc/wsfc_deps.h): the
 * forms clusters and scripts write, names with blanks, colons,
 * backslashes, parentheses and brackets, and malformed expressions
 * refused with their position. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/drivers/wsfc/wsfc_deps.h"

/* Parses expr, which must give the NULL-ended names. */
static void
names_are(const char *expr, ...)
{
	struct wsfc_deps d;
	char *err = NULL;
	const char *want;
	size_t i = 0;
	va_list ap;

	if (wsfc_deps_parse(expr, &d, &err) != 0)
		fail_msg("\"%s\" refused: %s", expr, err);
	va_start(ap, expr);
	while ((want = va_arg(ap, const char *)) != NULL) {
		if (i >= d.n)
			fail_msg("\"%s\": only %zu names", expr, d.n);
		assert_string_equal(d.names[i], want);
		i++;
	}
	va_end(ap);
	assert_int_equal(d.n, i);
	wsfc_deps_free(&d);
	assert_null(d.names);
}

#define NAMES(expr, ...) names_are(expr, __VA_ARGS__, (const char *)NULL)

/* expr must be refused with a message holding `what` and "position N". */
static void
refused(const char *expr, const char *what, unsigned pos)
{
	struct wsfc_deps d;
	char *err = NULL, at[32];

	if (wsfc_deps_parse(expr, &d, &err) == 0)
		fail_msg("\"%s\" accepted", expr);
	assert_non_null(err);
	assert_int_equal(d.n, 0);
	assert_null(d.names);
	snprintf(at, sizeof(at), "position %u", pos);
	if (strstr(err, what) == NULL || strstr(err, at) == NULL)
		fail_msg("\"%s\": message \"%s\" lacks \"%s\" or \"%s\"",
			 expr, err, what, at);
	free(err);
}

static void
recorded_forms(void **state)
{
	struct wsfc_deps d;

	(void)state;
	/* No dependency. */
	assert_int_equal(wsfc_deps_parse("", &d, NULL), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(wsfc_deps_parse(" \t\r\n", &d, NULL), 0);
	assert_int_equal(d.n, 0);
	NAMES("[Cluster IP Address]", "Cluster IP Address");
	NAMES("[IP Address 172.24.11.0] or [IP Address 172.24.12.0]",
	      "IP Address 172.24.11.0", "IP Address 172.24.12.0");
	NAMES("[Cluster IP Address] or "
	      "[Cluster IP Address 2001:4898:9:100d::]",
	      "Cluster IP Address", "Cluster IP Address 2001:4898:9:100d::");
	NAMES("([IP Address 10.0.0.5] or [IP Address 2001::5]) and "
	      "[Cluster Name]",
	      "IP Address 10.0.0.5", "IP Address 2001::5", "Cluster Name");
	NAMES("([a] or [b])", "a", "b");
	NAMES("[FS1] and [Cluster Disk 2] and [Cluster Disk 3]",
	      "FS1", "Cluster Disk 2", "Cluster Disk 3");
}

static void
layout_and_case(void **state)
{
	(void)state;
	NAMES("  ( [a]   OR\t[b] )\r\n AND [c]  ", "a", "b", "c");
	NAMES("[a]or[b]", "a", "b");
	NAMES("([a])and([b])", "a", "b");
	NAMES("[a] And [b]", "a", "b");
	/* Each name once, in the order of first mention. */
	NAMES("([a] or [b]) and ([b] or [a])", "a", "b");
	/* Nesting WSFC does not write, but which is not ambiguous. */
	NAMES("(([a] and [b]) or [c])", "a", "b", "c");
}

static void
names_with_odd_characters(void **state)
{
	(void)state;
	NAMES("[FileServer-(FS1)(Cluster Disk 2)]",
	      "FileServer-(FS1)(Cluster Disk 2)");
	NAMES("[SQL Server (MSSQLSERVER)] and [SQL Network Name (SQL1)]",
	      "SQL Server (MSSQLSERVER)", "SQL Network Name (SQL1)");
	NAMES("[\\\\fs1\\share] or [C:\\data]", "\\\\fs1\\share",
	      "C:\\data");
	/* Brackets inside a name: a `]` ends it only where an operand
	 * may end. */
	NAMES("[Disk [1]]", "Disk [1]");
	NAMES("[Disk [1]] and [x]", "Disk [1]", "x");
	NAMES("([a]b] or [[c])", "a]b", "[c");
	NAMES("[a ] or [ b]", "a ", " b");
	/* Without an operator between them, two operands read as one
	 * name: WSFC never writes that, and a name may hold "] [". */
	NAMES("[a] [b]", "a] [b");
	/* Operator words inside names. */
	NAMES("[Land or Sea] and [Order]", "Land or Sea", "Order");
	NAMES("[candor] or [andor]", "candor", "andor");
	/* UTF-8 passes through as bytes. */
	NAMES("[Caf\xc3\xa9]", "Caf\xc3\xa9");
}

static void
malformed(void **state)
{
	(void)state;
	refused("[a", "not closed", 1);
	refused("[a] and [b", "not closed", 9);
	refused("[]", "empty name", 1);
	refused("a", "expected '[' or '('", 1);
	refused("[a] b", "expected 'and' or 'or'", 5);
	refused("[a] or", "expected 'and' or 'or'", 5);
	refused("[a] or ", "the expression ends", 8);
	refused("[a] and [b] or", "expected 'and' or 'or'", 13);
	refused("([a]) [b]", "expected 'and', 'or'", 7);
	refused("([a]) xor [b]", "expected 'and', 'or'", 7);
	refused("[a] or (", "the expression ends", 9);
	refused("[a] and [b] or [c]", "mixed", 13);
	refused("([a] and [b]", "missing ')'", 13);
	refused("[a])", "unmatched ')'", 4);
	refused("()", "expected '[' or '('", 2);
	refused("([a] or [b]) [c]", "expected 'and', 'or'", 14);
	refused("[a] and and [b]", "expected '[' or '('", 9);
}

static void
err_may_be_null(void **state)
{
	struct wsfc_deps d;

	(void)state;
	assert_int_equal(wsfc_deps_parse("([a] or [b]) and", &d, NULL), -1);
	assert_int_equal(d.n, 0);
	assert_null(d.names);
	wsfc_deps_free(&d);
}

static void
deep_nesting(void **state)
{
	char expr[256];
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < 40; i++)
		expr[n++] = '(';
	memcpy(expr + n, "[a]", 3);
	n += 3;
	for (i = 0; i < 40; i++)
		expr[n++] = ')';
	expr[n] = '\0';
	refused(expr, "nested too deep", 33);
	/* 32 levels are fine. */
	n = 0;
	for (i = 0; i < 32; i++)
		expr[n++] = '(';
	memcpy(expr + n, "[a]", 3);
	n += 3;
	for (i = 0; i < 32; i++)
		expr[n++] = ')';
	expr[n] = '\0';
	NAMES(expr, "a");
}

/* Many names, each twice: all kept once, in order. */
static void
long_expression(void **state)
{
	enum { N = 5000 };
	size_t cap = 2 * N * 16 + 1, n = 0, i;
	char *expr = malloc(cap), want[16];
	struct wsfc_deps d;
	char *err = NULL;

	(void)state;
	assert_non_null(expr);
	for (i = 0; i < 2 * N; i++)
		n += (size_t)snprintf(expr + n, cap - n, "%s[r%zu]",
				      i ? " or " : "", i % N);
	if (wsfc_deps_parse(expr, &d, &err) != 0)
		fail_msg("refused: %s", err);
	assert_int_equal(d.n, N);
	for (i = 0; i < N; i += 997) {
		snprintf(want, sizeof(want), "r%zu", i);
		assert_string_equal(d.names[i], want);
	}
	wsfc_deps_free(&d);
	free(expr);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recorded_forms),
		cmocka_unit_test(layout_and_case),
		cmocka_unit_test(names_with_odd_characters),
		cmocka_unit_test(malformed),
		cmocka_unit_test(err_may_be_null),
		cmocka_unit_test(deep_nesting),
		cmocka_unit_test(long_expression),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
