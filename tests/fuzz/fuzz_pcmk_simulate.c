/* libFuzzer target: crm_simulate's XML from a node is untrusted, and
 * what it says reaches the confirmation dialog; the preview parser must
 * reject what it cannot read, never crash, leak or read out of bounds,
 * and every change it keeps names a resource. (fuzz_pcmk_xml reads the
 * same input as crm_mon's too; this one spends its time here alone.) */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "backend/drivers/pacemaker/pcmk_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct preview p = { 0 };
	char *err = NULL;
	size_t i;

	if (pcmk_parse_simulate((const char *)data, size, &p, &err) == 0 &&
	    err != NULL)
		abort();        /* success says nothing */
	for (i = 0; i < p.n; i++) {
		if (p.items[i].id == NULL || (unsigned)p.items[i].change >=
		    PREVIEW_COUNT)
			abort();
		(void)preview_change_word(p.items[i].change);
		(void)preview_touches(&p, p.items[i].id);
	}
	preview_free(&p);
	free(err);
	return 0;
}
