/* One login to one node in a thread of its own: how ssh_link tries a
 * node again (one that was down, slow or could not serve) without
 * holding up the worker, which reads the cluster through another node
 * meanwhile. The probe copies what it needs, never asks the operator
 * anything (no prompt), and can be let go of while it runs: it then
 * closes what it got and frees itself. */
#ifndef CCON_SSH_PROBE_H
#define CCON_SSH_PROBE_H

#include <stdbool.h>
#include <stdint.h>

#include "backend/link/ssh_session.h"

struct sshprobe;

/* Starts logging in to n with c. NULL with *err (caller frees) if no
 * thread could be started. */
struct sshprobe *sshprobe_start(const struct sshsession_config *c,
				const struct sshsession_node *n, char **err);

/* Whether the login has ended, either way. */
bool sshprobe_done(struct sshprobe *p);

/* Once done: the session (the caller's now), or NULL with *err (caller
 * frees); *took_ms is how long the login took. Frees p. */
struct sshsession *sshprobe_take(struct sshprobe *p, uint64_t *took_ms,
				 char **err);

/* Lets go of p, done or not; NULL is ignored. */
void sshprobe_abandon(struct sshprobe *p);

#endif
