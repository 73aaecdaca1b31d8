/* libFuzzer target: what the Pacemaker detail command prints on a node
 * (crm_mon's history, the CIB's constraints and the object's
 * configuration) is untrusted; the detail parsers must reject what they
 * cannot read, never crash, leak or read out of bounds. The input is
 * read as each part alone and as the whole script's answer, asked about
 * names the fixtures hold (web-ip in group web, db, ping, node1). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "backend/drivers/pacemaker/pcmk_detail.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
ask(struct detail_ask *q, enum target_kind k, const char *id)
{
	q->kind = k;
	q->instance = 0;
	snprintf(q->id, sizeof(q->id), "%s", id);
}

static void
done(int rc, struct detail *d, char *err)
{
	/* Either way the caller frees what was appended. */
	if (rc == 0 && err != NULL)
		abort();
	detail_free(d);
	free(err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const web[] = { "web-ip", "web" };
	static const char *const db[] = { "db" };
	const char *text = (const char *)data;
	struct detail_ask q;
	struct detail d = { 0 };
	char *err = NULL;
	int rc;

	ask(&q, TARGET_RESOURCE, "web-ip");
	rc = pcmk_detail_status(text, size, &q, &d, &err);
	done(rc, &d, err);
	err = NULL;
	ask(&q, TARGET_NODE, "node1");
	rc = pcmk_detail_status(text, size, &q, &d, &err);
	done(rc, &d, err);
	err = NULL;
	rc = pcmk_detail_constraints(text, size, web, 2, &d, &err);
	done(rc, &d, err);
	err = NULL;
	rc = pcmk_detail_config(text, size, "web-ip", &d, &err);
	done(rc, &d, err);
	err = NULL;
	rc = pcmk_detail_config(text, size, "web", &d, &err);
	done(rc, &d, err);
	err = NULL;
	/* The whole answer of the detail script. */
	ask(&q, TARGET_RESOURCE, "web-ip");
	rc = pcmk_detail_output(text, size, &q, web, 2, &d, &err);
	done(rc, &d, err);
	err = NULL;
	ask(&q, TARGET_RESOURCE, "db");
	rc = pcmk_detail_output(text, size, &q, db, 1, &d, &err);
	done(rc, &d, err);
	err = NULL;
	ask(&q, TARGET_NODE, "node1");
	rc = pcmk_detail_output(text, size, &q, NULL, 0, &d, &err);
	done(rc, &d, err);
	(void)pcmk_rc_word(size > 0 ? (int)(int8_t)data[0] : 0);
	return 0;
}
