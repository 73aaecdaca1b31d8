/* A saved cluster state shown as a cluster (--input): the one driver
 * behind every kind of saved file, each kind bringing only its parser.
 * Work that changes nothing costs nothing, as with a live cluster:
 * every fetch looks at the file (one stat); it is read again only when
 * its identity, size or times moved, and parsed again only when what it
 * holds changed. A file that cannot be read or parsed keeps its error
 * until it changes again, and the last good state stays on screen. There
 * is no cluster behind it: its capability set is empty. */
#ifndef CCON_INPUT_FILE_H
#define CCON_INPUT_FILE_H

#include <stddef.h>

#include "backend/core/driver.h"

struct input_file_kind {
	const char *driver_name;      /* "pacemaker-file" */
	const char *what;             /* "a saved crm_mon file" */
	/* text[0..len) (NUL-terminated) into a finished snapshot, or -1
	 * with *err (caller frees); path names the file in messages. */
	int (*parse)(const char *text, size_t len, const char *cluster,
		     const char *path, struct snapshot **out, char **err);
	/* Optional: the driver's detail (driver.h) from the text of the
	 * last good read; NULL: the kind has none. */
	int (*detail)(const char *text, size_t len,
		      const struct detail_ask *q, struct detail *out,
		      char **err);
};

/* kind must outlive the driver (a static table). */
struct driver *input_file_driver_new(const struct input_file_kind *kind,
				     const char *cluster, const char *path);

#endif
