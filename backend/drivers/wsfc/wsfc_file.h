/* The --input driver for a saved WSFC capture (the fetch script's
 * output, docs/wsfc.md "The capture format"): no cluster, no actions.
 * The file is looked at on every fetch (one stat) and read and parsed
 * again only when it changed. */
#ifndef CCON_WSFC_FILE_H
#define CCON_WSFC_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "backend/core/driver.h"

struct driver *wsfc_file_driver_new(const char *cluster, const char *path);

/* Whether text (the start of a file, n bytes) is a WSFC capture rather
 * than anything else (crm_mon's XML): after a UTF-8 BOM and blanks, a
 * JSON object, or a line that begins <<CCON-BEGIN>> anywhere in text. A
 * guess from the content only; the parser has the last word. */
bool wsfc_file_looks_like_capture(const char *text, size_t n);

#endif
