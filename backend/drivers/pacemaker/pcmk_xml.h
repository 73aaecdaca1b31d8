/* Parses Pacemaker's `crm_mon --output-as=xml` (2.0 through 3.x) into a
 * snapshot of the model, mapping roles and flags as DESIGN.md says. The
 * input is untrusted: malformed or truncated XML is an error, never a
 * crash, and nothing from it is trusted to be small or well-formed. */
#ifndef CCON_PCMK_XML_H
#define CCON_PCMK_XML_H

#include <stddef.h>

#include "backend/core/model.h"

/* Parses one crm_mon XML document. constraints may hold the output of
 * `cibadmin -Q -o constraints` (or be NULL): it marks resources held by
 * move constraints (cli-prefer-*), which crm_mon does not list. Returns 0
 * with a finished snapshot in *out, or -1 with *err (caller frees): a
 * parse error with its line, or crm_mon's own error ("Not connected"). */
int pcmk_parse(const char *xml, size_t len, const char *constraints,
	       size_t constraints_len, const char *cluster, const char *source,
	       struct snapshot **out, char **err);

/* Epoch seconds of a Pacemaker time stamp: digits, "2026-11-24 21:50:55
 * +01:00" (ISO 8601, optional zone), or "Tue Nov 24 21:50:55 2026"
 * (taken as UTC); 0 if none of them. */
long long pcmk_parse_time(const char *s);

#endif
