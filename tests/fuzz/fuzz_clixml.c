/* libFuzzer target: what a Windows node writes on stderr is untrusted;
 * the CLIXML decoder must read what it can and never crash, leak or read
 * out of bounds, and what it gives must go through the code tables. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/drivers/wsfc/clixml.h"
#include "backend/drivers/wsfc/wsfc_codes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct clixml_result r;
	char *err = NULL, *copy, *u, word[64], desc[256];
	size_t i;

	if (clixml_decode((const char *)data, size, &r, &err) == 0) {
		for (i = 0; i < r.n_records; i++) {
			(void)wsfc_classify(r.records[i].fqid,
					    r.records[i].has_hresult,
					    (uint64_t)(int64_t)r.records[i].hresult);
			(void)clixml_category_word(word, sizeof(word),
						   r.records[i].category);
		}
	}
	clixml_result_free(&r);
	free(err);
	/* The escapes on their own, and the first bytes as a code. */
	copy = malloc(size + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	u = clixml_unescape(copy);
	free(u);
	free(copy);
	if (size >= 8) {
		uint64_t code;

		memcpy(&code, data, sizeof(code));
		(void)wsfc_code_describe(desc, sizeof(desc), code);
	}
	return 0;
}
