/* The Pacemaker driver's part of the detail pane (core/detail.h), read
 * from what the node's read-only tools print: crm_mon's operations
 * history, failures and node attributes, the constraints section of the
 * CIB filtered to those that touch the object, and the object's own
 * configuration (agent, parameters through detail_param, so that
 * secrets are hidden). All of it is untrusted: malformed XML is an
 * error, never a crash. */
#ifndef CCON_PCMK_DETAIL_H
#define CCON_PCMK_DETAIL_H

#include <stddef.h>

#include "backend/core/detail.h"

/* The words of an OCF exit code ("not running" for 7); "unknown" for a
 * code outside 0..9 (the agents' own are theirs). */
const char *pcmk_rc_word(int rc);

/* From `crm_mon --output-as=xml` with node_history (operations,
 * failcounts), failures and node attributes where it has them: for a
 * resource its fail counts per node, its failures (operation, node, rc
 * and its meaning, exit reason, time) and its operations newest first;
 * for a node its attributes and the failures there. Appends to *out;
 * returns 0, or -1 with *err (caller frees) when xml is unreadable. */
int pcmk_detail_status(const char *xml, size_t len, const struct detail_ask *q,
		       struct detail *out, char **err);

/* From the CIB's constraints (`cibadmin --query --scope constraints`, or
 * a whole CIB): those that name one of ids[0..n) (the object, and the
 * group or clone it is in), resource sets included. Move and ban
 * constraints (cli-prefer-*, cli-ban-*) say so and which key clears
 * them. Appends a "constraints" section; returns 0, or -1 with *err. */
int pcmk_detail_constraints(const char *xml, size_t len,
			    const char *const *ids, size_t n,
			    struct detail *out, char **err);

/* From the object's configuration (cibadmin's XPath query of the
 * element with that id, or a whole CIB): a primitive's agent, parameters,
 * meta attributes and configured operations; a group's members in
 * order and a clone's child, with their meta attributes. Appends a
 * "configuration" section; returns 0, or -1 with *err. */
int pcmk_detail_config(const char *xml, size_t len, const char *id,
		       struct detail *out, char **err);

/* The output of the live detail script (pcmk_detail_script): crm_mon's
 * document, the constraints and the configuration (a node's: crm_mon's
 * alone), each followed by a line "ccon-detail-end NAME STATUS"; ids as
 * for constraints. A part
 * that failed says why in its section, the others still show. Returns
 * 0, or -1 with *err when the output is not the script's. */
int pcmk_detail_output(const char *text, size_t len,
		       const struct detail_ask *q, const char *const *ids,
		       size_t n, struct detail *out, char **err);

/* The one remote command of a detail: sh -c SCRIPT ccon-detail ID KIND,
 * ID a checked Pacemaker id, KIND target_kind_word's ("node": crm_mon
 * alone). Read-only tools only. */
extern const char pcmk_detail_script[];

#endif
