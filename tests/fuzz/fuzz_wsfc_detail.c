/* libFuzzer target: a detail script's answer from a node is untrusted;
 * the detail parser must reject what it cannot read, never crash, leak
 * or read out of bounds. The input is read as the answer for each kind
 * of object, all called FS1 (the name of the fixtures' objects), and
 * with a name it does not hold. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "backend/drivers/wsfc/wsfc_detail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "FS1", "NODE2", "" };
	struct wsfc_detail_failure fail;
	struct detail_ask q;
	struct detail d = { 0 };
	char *err;
	int k;
	size_t i;

	for (k = TARGET_RESOURCE; k <= TARGET_NODE; k++)
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			q.kind = (enum target_kind)k;
			q.instance = 0;
			snprintf(q.id, sizeof(q.id), "%s", names[i]);
			err = NULL;
			if (wsfc_detail_parse((const char *)data, size, &q,
					      &d, &fail, &err) == 0)
				detail_free(&d);
			else
				wsfc_detail_failure_free(&fail);
			free(err);
		}
	return 0;
}
