/* Refusing a configuration that someone else could have written, as ssh
 * refuses such a ~/.ssh/config ("Bad owner or permissions"): the file
 * names the commands ccon runs on clusters, the hosts it logs in to and
 * the keys it uses. */
#ifndef CCON_CONF_PERMS_H
#define CCON_CONF_PERMS_H

#include "conf/reader.h"

/* Whether path is safe to read: it, and the directory that holds it,
 * owned by the user (the real uid) or root, and writable by nobody else
 * (no group or other write bit, but for group write in the owner's
 * private group, as Debian's ssh allows; a sticky directory, as /tmp, may be
 * world-writable: nobody else can replace the file in it). Returns 0, or
 * -1 with *err (caller frees) naming the file and the fix, as "chmod
 * go-w FILE". A file that cannot be stat'ed is left to the reader. */
int perms_check_path(const char *path, char **err);

/* The same for the file rd read and every file an @include brought
 * settings from. */
int perms_check_reader(const struct reader *rd, char **err);

#endif
