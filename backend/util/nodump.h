/* Keeping secrets out of core dumps: once a passphrase or password is in
 * this process's memory, the process is marked not dumpable and its core
 * size limit is lowered to 0, for the rest of its life. */
#ifndef CCON_NODUMP_H
#define CCON_NODUMP_H

#include <stdbool.h>

/* prctl(PR_SET_DUMPABLE, 0): no core dump for a user to read, no ptrace
 * or /proc/PID/mem by other processes of the same user; and the soft
 * RLIMIT_CORE 0 (the hard limit is left, so a child may raise it again).
 * Never undone: copies of a secret may remain in freed memory, libssh's
 * and OpenSSL's included, that ccon cannot wipe. Idempotent; returns 0,
 * or -1 with errno (neither call can fail with these arguments on
 * Linux). */
int nodump_for_life(void);

/* Whether the process is not dumpable now (PR_GET_DUMPABLE). */
bool nodump_active(void);

#endif
