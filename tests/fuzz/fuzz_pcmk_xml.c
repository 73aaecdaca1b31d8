/* libFuzzer target: crm_mon XML (and constraints XML) from a node is
 * untrusted; the parser must reject what it cannot read, never crash,
 * leak or read out of bounds. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/drivers/pacemaker/pcmk_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct snapshot *s = NULL;
	char *err = NULL;
	size_t half = size / 2;

	/* The whole input as crm_mon's output... */
	if (pcmk_parse((const char *)data, size, NULL, 0, "fuzz", "node",
		       &s, &err) == 0)
		snapshot_unref(s);
	free(err);
	err = NULL;
	/* ...and split in two, the second half as the constraints. */
	if (pcmk_parse((const char *)data, half, (const char *)data + half,
		       size - half, "fuzz", "node", &s, &err) == 0)
		snapshot_unref(s);
	free(err);
	return 0;
}
