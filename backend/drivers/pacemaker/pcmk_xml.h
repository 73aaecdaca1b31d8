/* Parses Pacemaker's `crm_mon --output-as=xml` (2.0 through 3.x) into a
 * snapshot of the model, mapping roles and flags as DESIGN.md says. The
 * input is untrusted: malformed or truncated XML is an error, never a
 * crash, and nothing from it is trusted to be small or well-formed. */
#ifndef CCON_PCMK_XML_H
#define CCON_PCMK_XML_H

#include <stddef.h>

#include "backend/core/model.h"
#include "backend/core/preview.h"

/* Parses one crm_mon XML document. constraints may hold what cibadmin
 * says of the configuration (or be NULL): the cli-prefer-* and cli-ban-*
 * location constraints, which mark resources held by a move or ban
 * (crm_mon lists no moves), and the primitives whose own target role is
 * Stopped (RES_F_OWN_STOPPED: crm_mon prints a stopped group's role for
 * every member alike); either the whole <constraints> section, or the
 * matches of an XPath query (<xpath-query>, or the one match). Returns 0
 * with a finished snapshot in *out, or -1 with *err (caller frees): a
 * parse error with its line, or crm_mon's own error ("Not connected"). */
int pcmk_parse(const char *xml, size_t len, const char *constraints,
	       size_t constraints_len, const char *cluster, const char *source,
	       struct snapshot **out, char **err);

/* Parses one document of `crm_simulate --run --output-as=xml` (2.1 and
 * later) and appends the changes of its <actions> to *out, in its order:
 * the resource by its id (a clone's instance "ping:2" as "ping", the id
 * crm_mon gives every instance), from = the node it is on now (NULL when
 * it does not run), to = the node it will be on (NULL when it stops).
 * Restart, recover, re-promote and reload are restarts; migrate is a
 * move. An action crm_simulate marks blocked will not happen and is left
 * out. Returns 0, or -1 with *err (caller frees): unreadable, not
 * crm_simulate's, its own error (status code), or an action word ccon
 * does not know. *out keeps what was appended before an error. */
int pcmk_parse_simulate(const char *xml, size_t len, struct preview *out,
			char **err);

/* Epoch seconds of a Pacemaker time stamp: digits, "2026-11-24 21:50:55
 * +01:00" (ISO 8601, optional zone), or "Tue Nov 24 21:50:55 2026"
 * (taken as UTC); 0 if none of them. */
long long pcmk_parse_time(const char *s);

#endif
