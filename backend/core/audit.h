/* The audit log: one line per operator request (time, local user, cluster,
 * node used, action, target, result), appended and flushed at once. */
#ifndef CCON_AUDIT_H
#define CCON_AUDIT_H

struct audit;

/* Opens (creating the directories) the log at path, or at
 * $XDG_STATE_HOME/ccon/audit.log (~/.local/state/...) when path is NULL.
 * Returns NULL with *err set (caller frees). */
struct audit *audit_open(const char *path, char **err);
void audit_close(struct audit *a);
const char *audit_path(const struct audit *a);

/* Appends one record; thread-safe. Fields are escaped so one record is
 * always one line. Returns 0, or -1 if the write failed. */
int audit_record(struct audit *a, const char *cluster, const char *node,
		 const char *action, const char *target, int status,
		 const char *message);

#endif
