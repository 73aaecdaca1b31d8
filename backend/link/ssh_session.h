/* One authenticated SSH session to one node, opened the way OpenSSH users
 * expect: ~/.ssh/config (found through $HOME) and /etc/ssh/ssh_config,
 * then ccon's own settings, which win; the host key checked against
 * known_hosts, the operator asked about an unknown one where the policy
 * says so; then ssh-agent, key files (a passphrase is asked in a ccon
 * dialog, never on the terminal), keyboard-interactive and password where
 * allowed. Node lists, failover and channels are ssh_link's. (Names are
 * sshsession_*: libssh has ssh_session_* of its own.) */
#ifndef CCON_SSH_SESSION_H
#define CCON_SSH_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include <libssh/libssh.h>

#include "backend/core/prompt.h"

enum host_key_policy {
	HOSTKEY_STRICT,       /* only hosts already in known_hosts */
	HOSTKEY_ASK,          /* ask the operator about unknown ones */
	HOSTKEY_ACCEPT_NEW,   /* record unknown ones; refuse changed ones */
};

/* What every session of a cluster shares. */
struct sshsession_config {
	const char *cluster;          /* for messages */
	const char *user;             /* NULL: from ssh config, or local user */
	int port;                     /* 0: from ssh config, or 22 */
	const char *identity;         /* a key file tried first, or NULL */
	const char *ssh_config;       /* NULL: home/.ssh/config */
	const char *known_hosts;      /* NULL: as ssh config says, or
				       * home/.ssh/known_hosts */
	const char *home;             /* whose .ssh is read */
	enum host_key_policy host_key_check;
	unsigned connect_timeout_ms;  /* also libssh's timeout for a reply */
	bool password_auth;           /* keyboard-interactive and password */
	struct prompt *prompt;        /* NULL: nothing is ever asked (--once) */
	bool log_warnings;            /* libssh's warnings on stderr */
};

/* The node to log in to: its spec as configured (messages start with
 * it), and what nodespec_parse made of it. */
struct sshsession_node {
	const char *spec;
	const char *user;             /* NULL: the config's */
	const char *host;
	int port;                     /* 0: the config's */
};

struct sshsession;

/* Connects, checks the host key and logs in; may ask the operator (and
 * wait for the answer). Returns the session, or NULL with *err (caller
 * frees), which names the node. */
struct sshsession *sshsession_open(const struct sshsession_config *c,
				   const struct sshsession_node *n,
				   char **err);

/* libssh's session, for channels; it stays the sshsession's. */
ssh_session sshsession_libssh(struct sshsession *ss);

/* Disconnects and frees; NULL is ignored. Free the session's channels
 * first: libssh would free them with it. */
void sshsession_close(struct sshsession *ss);

/* Sends libssh's log to stderr, one line per message prefixed "ccon:
 * libssh:", never in libssh's own format: its warnings when `warnings`,
 * else nothing (a LogLevel in the ssh config changes neither). libssh
 * keeps its log callback and level per thread: every thread that calls
 * libssh calls this first (sshsession_open and sshsession_close do). */
void sshsession_route_log(bool warnings);

/* $HOME, as git and OpenSSH users expect; the passwd entry only when
 * HOME is not set. */
void sshsession_find_home(char *buf, size_t sz);

#endif
