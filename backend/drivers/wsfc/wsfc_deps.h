/* Reads WSFC's DependencyExpression strings, as
 * Get-ClusterResourceDependency prints them:
 *   ([IP Address 10.0.0.5] or [IP Address 2001::5]) and [Cluster Name]
 * into the names of the resources they mention, so that a group's
 * members can be put in dependency order. The input is untrusted. */
#ifndef CCON_WSFC_DEPS_H
#define CCON_WSFC_DEPS_H

#include <stddef.h>

/* Names in the order of their first mention, each once. */
struct wsfc_deps {
	char **names;
	size_t n;
};

/* Parses expr: `[name]` operands joined by `and` or `or` (any case),
 * parentheses, whitespace; the empty (or all-blank) string means no
 * dependency. One level may not mix `and` with `or` (WSFC refuses that
 * too). A name runs from its `[` to the first `]` that is followed by
 * the end, `)`, or `and`/`or` and then a blank, `[` or `(`: names may
 * hold blanks, `:`, `\`, parentheses and brackets (WSFC documents no
 * escape for `]`). Returns 0 with *out filled (wsfc_deps_free frees), or
 * -1 with *err (caller frees) naming the 1-based position of the fault
 * and *out empty. */
int wsfc_deps_parse(const char *expr, struct wsfc_deps *out, char **err);
void wsfc_deps_free(struct wsfc_deps *d);

#endif
