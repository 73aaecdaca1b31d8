/* What the detail pane shows of a WSFC resource, group or node beyond
 * the snapshot (docs/wsfc.md "Detail"): the detail script's answer
 * (wsfc_scripts.h) read into detail sections, or, for a saved capture,
 * what the capture itself holds. The answer is untrusted: anything not
 * as the script prints it is refused with a message naming it, every
 * text is cut to WSFC_DETAIL_TEXT_MAX bytes and every list to
 * WSFC_DETAIL_LIST_MAX entries (the rest counted). */
#ifndef CCON_WSFC_DETAIL_H
#define CCON_WSFC_DETAIL_H

#include <stddef.h>

#include "backend/core/detail.h"
#include "backend/drivers/wsfc/wsfc_capture.h"

#define WSFC_DETAIL_TEXT_MAX 1024
#define WSFC_DETAIL_LIST_MAX 500

/* What the node said when the script failed (its error object). */
struct wsfc_detail_failure {
	char *fqid;                   /* FullyQualifiedErrorId, or NULL */
	char *category;               /* CategoryInfo.Category, or NULL */
};

/* Parses the answer text[0..len) to the detail script of q (framed or
 * bare, as the capture). Returns 0 with sections appended to *out, or
 * -1 with *err (caller frees) and *out untouched: the script's own
 * error when its ok is false (then *fail holds its id and category,
 * wsfc_detail_failure_free frees them), or what made the text
 * unreadable, or an answer about another object than q. */
int wsfc_detail_parse(const char *text, size_t len,
		      const struct detail_ask *q, struct detail *out,
		      struct wsfc_detail_failure *fail, char **err);
void wsfc_detail_failure_free(struct wsfc_detail_failure *f);

/* The detail of q from a parsed capture alone (--input): ids, owner
 * node, priority, dependencies, what the capture holds; and a line
 * saying what only a live node can tell. Returns 0 with sections
 * appended to *out, or -1 with *err when the capture has no such
 * object. */
int wsfc_detail_from_capture(const struct wsfc_capture *c,
			     const struct detail_ask *q, struct detail *out,
			     char **err);

#endif
