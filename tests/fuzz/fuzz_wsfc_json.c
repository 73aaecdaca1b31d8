/* libFuzzer target: every script's answer from a Windows node is JSON
 * (framed or bare) and untrusted; the one decoder that finds and checks
 * it (wsfc_capture_load: the frame, UTF-8 without NUL, no duplicate
 * keys, an object) and the action answer's reader must reject what they
 * cannot read, never crash, leak or read out of bounds. (The capture's
 * own fields are fuzz_wsfc_capture's, the detail's fuzz_wsfc_detail's.) */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <jansson.h>

#include "backend/drivers/wsfc/wsfc_capture.h"
#include "backend/drivers/wsfc/wsfc_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	json_t *top = NULL;
	char *err = NULL, *fqid = NULL;
	int64_t state = 0;

	if (wsfc_capture_load(text, size, "the fuzz input", &top, &err) == 0) {
		/* What it hands on is an object, and the caller's. */
		if (top == NULL || !json_is_object(top) || err != NULL)
			abort();
		json_decref(top);
	} else if (err == NULL) {
		abort();        /* a refusal always says why */
	}
	free(err);
	err = NULL;
	if (wsfc_capture_result(text, size, &state, &fqid, &err) == 0) {
		if (err != NULL)
			abort();
	} else if (err == NULL) {
		abort();
	}
	free(err);
	free(fqid);
	(void)wsfc_file_looks_like_capture(text, size);
	return 0;
}
