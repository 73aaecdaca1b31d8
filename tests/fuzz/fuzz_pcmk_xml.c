/* libFuzzer target: crm_mon XML (and the configuration's, and
 * crm_simulate's) from a node is untrusted; the parsers must reject what
 * they cannot read, never crash, leak or read out of bounds. */
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
	struct preview p = { 0 };
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
	err = NULL;
	/* ...and as crm_simulate's answer to a preview. */
	(void)pcmk_parse_simulate((const char *)data, size, &p, &err);
	preview_free(&p);
	free(err);
	return 0;
}
