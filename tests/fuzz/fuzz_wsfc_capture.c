/* libFuzzer target: a WSFC capture from a node is untrusted; the capture
 * and dependency-expression parsers must reject what they cannot read,
 * never crash, leak or read out of bounds. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/drivers/wsfc/wsfc_capture.h"
#include "backend/drivers/wsfc/wsfc_deps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wsfc_capture c;
	struct wsfc_deps d;
	char *err = NULL, *fqid = NULL, *expr;

	/* The whole input as the node's output... */
	if (wsfc_capture_parse((const char *)data, size, NULL, NULL, &c,
			       &fqid, &err) == 0)
		wsfc_capture_free(&c);
	free(err);
	free(fqid);
	err = NULL;
	/* ...and, up to its first NUL, as one dependency expression. */
	expr = malloc(size + 1);
	if (expr == NULL)
		return 0;
	memcpy(expr, data, size);
	expr[size] = '\0';
	if (wsfc_deps_parse(expr, &d, &err) == 0)
		wsfc_deps_free(&d);
	free(err);
	free(expr);
	return 0;
}
