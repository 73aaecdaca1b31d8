/* The SSH transport: one authenticated libssh session per cluster, kept
 * warm, a new channel per command; the cluster's nodes tried in order,
 * with backoff, when the one in use stops answering. Each session is
 * opened as OpenSSH would open it (ssh_session.h): ~/.ssh/config (found
 * through $HOME), known_hosts, ssh-agent, key files. */
#ifndef CCON_SSH_LINK_H
#define CCON_SSH_LINK_H

#include <stdbool.h>
#include <stddef.h>

#include "backend/core/prompt.h"
#include "backend/link/remote_shell.h"
#include "backend/link/ssh_session.h"
#include "backend/link/transport.h"

struct ssh_link_params {
	const char *cluster;          /* for messages */
	const char *const *nodes;     /* "db1", "db2:2222", "admin@db3" */
	size_t n_nodes;
	const char *user;             /* NULL: from ssh config, or local user */
	int port;                     /* 0: from ssh config, or 22 */
	const char *identity;         /* a key file tried first, or NULL */
	const char *ssh_config;       /* NULL: $HOME/.ssh/config */
	const char *known_hosts;      /* NULL: as ssh config says, or
				       * $HOME/.ssh/known_hosts */
	enum host_key_policy host_key_check;
	unsigned connect_timeout_ms;  /* 0: 5000 */
	unsigned keepalive_ms;        /* idle time before a keepalive; 0: 15000 */
	bool password_auth;           /* keyboard-interactive and password */
	struct prompt *prompt;        /* NULL: nothing is ever asked (--once) */
	const struct remote_shell *shell; /* how the nodes read a command
				       * line; NULL: POSIX sh */
	bool log_libssh_warnings;     /* libssh's warnings on stderr, one
				       * line each (about seven for a
				       * normal login: for a log file, not
				       * a terminal); false: none. Either
				       * way libssh never writes there in
				       * its own format. */
};

/* A new link; it connects on first use. Returns NULL with *err (caller
 * frees) when a node spec is malformed or there is none. */
struct transport *ssh_link_new(const struct ssh_link_params *p, char **err);

/* Splits "user@host:port", "host", "[v6addr]:port". *user is NULL and
 * *port 0 where the spec has none. Returns 0, or -1 with *err. */
int ssh_link_parse_node(const char *spec, char **user, char **host,
			int *port, char **err);

/* How many sessions the link has opened so far: a warm link opens one
 * (for tests and benchmarks). */
unsigned long ssh_link_sessions_opened(const struct transport *t);

#endif
