#include "backend/link/ssh_link.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>   /* ssh_send_keepalive, which clients use too */

#include "backend/util/clock.h"
#include "backend/util/defaults.h"
#include "backend/util/nodespec.h"
#include "backend/link/remote_shell.h"
#include "backend/util/str.h"
#include "backend/util/xalloc.h"

#define BACKOFF_MIN_MS 1000
#define BACKOFF_MAX_MS 30000
/* How long the operator has to answer a dialog. */
#define PROMPT_TIMEOUT_MS (5 * 60 * 1000)
/* How often a running command's two streams are looked at. */
#define READ_SLICE_MS 100

struct link_node {
	char *spec;
	char *user;
	char *host;
	int port;
	enum link_state state;
	unsigned failures;
	uint64_t retry_ms;
	char reason[1024];            /* host key warnings are long */
};

struct ssh_link {
	struct transport base;
	char *cluster;
	char *user, *identity, *ssh_config, *known_hosts;
	int port;
	enum host_key_policy policy;
	unsigned connect_timeout_ms, keepalive_ms;
	bool password_auth;
	struct prompt *prompt;
	const struct remote_shell *shell;
	char home[PATH_MAX];

	struct link_node *nodes;
	size_t n_nodes;
	ssh_session session;
	long current;                 /* node index of session, or -1 */
	ssh_channel bell;             /* the stream, on session, or NULL */
	unsigned long sessions_opened;
	uint64_t last_used_ms;

	struct ssh_callbacks_struct callbacks;
	const char *asking_node;      /* for the passphrase dialog */
	bool passphrase_refused;
};

int
ssh_link_policy_from_word(const char *word)
{
	if (strcmp(word, "strict") == 0)
		return HOSTKEY_STRICT;
	if (strcmp(word, "ask") == 0)
		return HOSTKEY_ASK;
	if (strcmp(word, "accept-new") == 0)
		return HOSTKEY_ACCEPT_NEW;
	return -1;
}

int
ssh_link_parse_node(const char *spec, char **user, char **host, int *port,
		    char **err)
{
	struct nodespec n;
	const char *why;

	if (nodespec_parse(spec, &n, &why) != 0) {
		*user = *host = NULL;
		*port = 0;
		*err = xasprintf("node '%s': %s", spec, why);
		return -1;
	}
	*user = n.user;
	*host = n.host;
	*port = n.port;
	return 0;
}

/* $HOME, as git and OpenSSH users expect; the passwd entry only when
 * HOME is not set. */
static void
find_home(char *buf, size_t sz)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home == NULL || home[0] != '/') {
		pw = getpwuid(getuid());
		home = pw && pw->pw_dir ? pw->pw_dir : "/";
	}
	str_copy(buf, sz, home);
}

static bool
file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* libssh asks here for a key file's passphrase. The operator answers in
 * a ccon dialog; in --once nobody can, and the key is skipped with a
 * note for the final message. */
static int
passphrase_cb(const char *prompt, char *buf, size_t len, int echo,
	      int verify, void *userdata)
{
	struct ssh_link *l = userdata;
	char *identity = NULL;
	char text[PROMPT_TEXT_MAX];
	int rc;

	(void)echo;
	(void)verify;
	if (l->prompt == NULL) {
		l->passphrase_refused = true;
		return -1;
	}
	if (l->session != NULL)
		ssh_userauth_publickey_auto_get_current_identity(l->session,
								  &identity);
	snprintf(text, sizeof(text), "%s\nkey %s, to log in to %s (cluster %s)",
		 prompt && *prompt ? prompt : "Passphrase:",
		 identity ? identity : "?", l->asking_node, l->cluster);
	ssh_string_free_char(identity);
	rc = prompt_ask(l->prompt, PROMPT_SECRET, "SSH key passphrase", text,
			buf, len, PROMPT_TIMEOUT_MS);
	if (rc != 0)
		l->passphrase_refused = true;
	return rc;
}

static void
mark_down(struct ssh_link *l, size_t i, const char *why)
{
	struct link_node *n = &l->nodes[i];
	unsigned shift = n->failures < 5 ? n->failures : 5;
	uint64_t backoff = (uint64_t)BACKOFF_MIN_MS << shift;

	n->state = LINK_DOWN;
	n->failures++;
	n->retry_ms = clock_monotonic_ms() + (backoff < BACKOFF_MAX_MS ? backoff
							  : BACKOFF_MAX_MS);
	str_copy(n->reason, sizeof(n->reason), why);
}

static void
disconnect(struct ssh_link *l)
{
	if (l->session == NULL)
		return;
	/* The stream's channel dies with its session; libssh would free
	 * it with the session, so it is let go of first. */
	if (l->bell != NULL) {
		ssh_channel_free(l->bell);
		l->bell = NULL;
	}
	ssh_disconnect(l->session);
	ssh_free(l->session);
	l->session = NULL;
	l->current = -1;
}

/* "[127.0.0.1]:2222" or "db1": how known_hosts names the host. */
static void
known_hosts_name(const struct link_node *n, int port, char *buf, size_t sz)
{
	if (port != 0 && port != 22)
		snprintf(buf, sz, "[%s]:%d", n->host, port);
	else
		snprintf(buf, sz, "%s", n->host);
}

static int
verify_host_key(struct ssh_link *l, ssh_session s, const struct link_node *n,
		char **err)
{
	ssh_key key = NULL;
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *fp = NULL, *kh_path = NULL;
	char name[300], text[PROMPT_TEXT_MAX], answer[16];
	const char *type;
	unsigned int port = 22;
	enum ssh_known_hosts_e known;
	int rc = -1;

	if (ssh_get_server_publickey(s, &key) != SSH_OK ||
	    ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
				   &hlen) != 0) {
		*err = xasprintf("%s: cannot read the host key: %s", n->spec,
				 ssh_get_error(s));
		goto out;
	}
	fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	type = ssh_key_type_to_char(ssh_key_type(key));
	ssh_options_get_port(s, &port);
	known_hosts_name(n, (int)port, name, sizeof(name));
	if (ssh_options_get(s, SSH_OPTIONS_KNOWNHOSTS, &kh_path) != SSH_OK)
		kh_path = NULL;

	known = ssh_session_is_known_server(s);
	switch (known) {
	case SSH_KNOWN_HOSTS_OK:
		rc = 0;
		goto out;
	case SSH_KNOWN_HOSTS_CHANGED:
	case SSH_KNOWN_HOSTS_OTHER:
		*err = xasprintf(
		    "WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED for %s! "
		    "It now offers %s key %s, which %s does not hold for it%s. "
		    "Someone may be intercepting the connection "
		    "(man-in-the-middle), or the host key was replaced. ccon "
		    "refuses to connect. If the change is expected, remove "
		    "the old key: ssh-keygen -R '%s' -f %s",
		    name, type, fp, kh_path ? kh_path : "known_hosts",
		    known == SSH_KNOWN_HOSTS_OTHER
		    ? " (it knows a key of another type)" : "",
		    name, kh_path ? kh_path : "~/.ssh/known_hosts");
		goto out;
	case SSH_KNOWN_HOSTS_NOT_FOUND:
	case SSH_KNOWN_HOSTS_UNKNOWN:
		break;
	case SSH_KNOWN_HOSTS_ERROR:
	default:
		*err = xasprintf("%s: cannot check the host key against %s: "
				 "%s", n->spec, kh_path ? kh_path
							: "known_hosts",
				 ssh_get_error(s));
		goto out;
	}

	/* An unknown host. */
	if (l->policy == HOSTKEY_STRICT) {
		*err = xasprintf("%s: host key %s %s is not in %s and "
				 "host_key_check is strict: add it first "
				 "(ssh to it once, or ssh-keyscan)", name,
				 type, fp, kh_path ? kh_path : "known_hosts");
		goto out;
	}
	if (l->policy == HOSTKEY_ASK) {
		if (l->prompt == NULL) {
			*err = xasprintf("%s: unknown host key %s %s; nothing "
					 "can be asked here (--once): connect "
					 "once interactively, or add it to %s",
					 name, type, fp, kh_path ? kh_path
							  : "known_hosts");
			goto out;
		}
		snprintf(text, sizeof(text),
			 "The authenticity of host %s (node %s of cluster %s) "
			 "can't be established.\n%s key fingerprint is\n%s\n"
			 "Compare it with the node's own: ssh-keygen -lf "
			 "/etc/ssh/ssh_host_%s_key.pub",
			 name, n->spec, l->cluster, type, fp,
			 strcmp(type, "ssh-ed25519") == 0 ? "ed25519"
			 : strncmp(type, "ecdsa", 5) == 0 ? "ecdsa" : "rsa");
		if (prompt_ask(l->prompt, PROMPT_HOSTKEY, "Unknown host key",
			       text, answer, sizeof(answer),
			       PROMPT_TIMEOUT_MS) != 0 ||
		    strcmp(answer, PROMPT_HOSTKEY_REJECT) == 0) {
			*err = xasprintf("%s: host key %s rejected", name, fp);
			goto out;
		}
		if (strcmp(answer, PROMPT_HOSTKEY_ONCE) == 0) {
			rc = 0;
			goto out;
		}
	}
	/* accept-new, or "accept and save" */
	if (ssh_session_update_known_hosts(s) != SSH_OK) {
		*err = xasprintf("%s: cannot record the host key in %s: %s",
				 name, kh_path ? kh_path : "known_hosts",
				 ssh_get_error(s));
		goto out;
	}
	rc = 0;
out:
	ssh_string_free_char(kh_path);
	ssh_string_free_char(fp);
	ssh_clean_pubkey_hash(&hash);
	ssh_key_free(key);
	return rc;
}

static int
auth_kbdint(struct ssh_link *l, ssh_session s, const struct link_node *n)
{
	char answer[PROMPT_ANSWER_MAX], text[PROMPT_TEXT_MAX];
	int rc, i, count;

	while ((rc = ssh_userauth_kbdint(s, NULL, NULL)) == SSH_AUTH_INFO) {
		count = ssh_userauth_kbdint_getnprompts(s);
		for (i = 0; i < count; i++) {
			char echo = 0;
			const char *q = ssh_userauth_kbdint_getprompt(s,
				(unsigned)i, &echo);

			snprintf(text, sizeof(text), "%s%s%s\n(%s, cluster %s)",
				 ssh_userauth_kbdint_getinstruction(s),
				 *ssh_userauth_kbdint_getinstruction(s)
				 ? "\n" : "", q, n->spec, l->cluster);
			if (prompt_ask(l->prompt, echo ? PROMPT_TEXT
						       : PROMPT_SECRET,
				       "SSH login", text, answer,
				       sizeof(answer), PROMPT_TIMEOUT_MS) != 0)
				return SSH_AUTH_DENIED;
			rc = ssh_userauth_kbdint_setanswer(s, (unsigned)i,
							   answer);
			explicit_bzero(answer, sizeof(answer));
			if (rc < 0)
				return SSH_AUTH_ERROR;
		}
	}
	return rc;
}

static int
auth_password(struct ssh_link *l, ssh_session s, const struct link_node *n,
	      const char *user)
{
	char answer[PROMPT_ANSWER_MAX], text[PROMPT_TEXT_MAX];
	int rc;

	snprintf(text, sizeof(text), "Password for %s@%s (cluster %s):",
		 user ? user : "?", n->host, l->cluster);
	if (prompt_ask(l->prompt, PROMPT_SECRET, "SSH login", text, answer,
		       sizeof(answer), PROMPT_TIMEOUT_MS) != 0)
		return SSH_AUTH_DENIED;
	rc = ssh_userauth_password(s, NULL, answer);
	explicit_bzero(answer, sizeof(answer));
	return rc;
}

static void
methods_words(int methods, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s%s%s%s",
		 methods & SSH_AUTH_METHOD_PUBLICKEY ? " publickey" : "",
		 methods & SSH_AUTH_METHOD_INTERACTIVE
		 ? " keyboard-interactive" : "",
		 methods & SSH_AUTH_METHOD_PASSWORD ? " password" : "",
		 methods & SSH_AUTH_METHOD_GSSAPI_MIC ? " gssapi" : "");
	if (buf[0] == '\0')
		str_copy(buf, sz, " none");
}

/* ssh-agent, then key files (ccon's identity first, then those of the ssh
 * config and the defaults), then keyboard-interactive and password where
 * allowed and someone can answer. */
static int
authenticate(struct ssh_link *l, ssh_session s, const struct link_node *n,
	     char **err)
{
	char *user = NULL, words[96];
	int rc, methods;

	rc = ssh_userauth_none(s, NULL);
	if (rc == SSH_AUTH_SUCCESS)
		return 0;
	if (rc == SSH_AUTH_ERROR)
		goto error;
	methods = ssh_userauth_list(s, NULL);
	l->passphrase_refused = false;
	if (methods & SSH_AUTH_METHOD_PUBLICKEY) {
		rc = ssh_userauth_publickey_auto(s, NULL, NULL);
		if (rc == SSH_AUTH_SUCCESS)
			return 0;
		if (rc == SSH_AUTH_ERROR)
			goto error;
	}
	ssh_options_get(s, SSH_OPTIONS_USER, &user);
	if (l->password_auth && l->prompt != NULL) {
		if (methods & SSH_AUTH_METHOD_INTERACTIVE) {
			rc = auth_kbdint(l, s, n);
			if (rc == SSH_AUTH_SUCCESS)
				goto ok;
		}
		if (rc != SSH_AUTH_ERROR &&
		    (methods & SSH_AUTH_METHOD_PASSWORD)) {
			rc = auth_password(l, s, n, user);
			if (rc == SSH_AUTH_SUCCESS)
				goto ok;
		}
		if (rc == SSH_AUTH_ERROR)
			goto error;
	}
	methods_words(methods, words, sizeof(words));
	*err = xasprintf("%s: permission denied for %s (the server accepts:%s)"
			 "; tried %s%skey files%s%s%s", n->spec,
			 user ? user : "?", words,
			 getenv("SSH_AUTH_SOCK") ? "ssh-agent, " : "",
			 l->identity ? "" : "the default ",
			 l->identity ? " " : "",
			 l->identity ? l->identity : "",
			 l->passphrase_refused
			 ? "; an encrypted key was skipped: its passphrase "
			   "cannot be asked here (use ssh-agent)"
			 : "");
	ssh_string_free_char(user);
	return -1;
ok:
	ssh_string_free_char(user);
	return 0;
error:
	*err = xasprintf("%s: authentication failed: %s", n->spec,
			 ssh_get_error(s));
	ssh_string_free_char(user);
	return -1;
}

/* A new authenticated session to node i, or NULL with *err. */
static ssh_session
connect_node(struct ssh_link *l, size_t i, char **err)
{
	struct link_node *n = &l->nodes[i];
	ssh_session s = ssh_new();
	char path[PATH_MAX + 32];
	const char *user = n->user ? n->user : l->user;
	int port = n->port ? n->port : l->port;
	long timeout_s = (long)(l->connect_timeout_ms / 1000);
	long timeout_us = (long)(l->connect_timeout_ms % 1000) * 1000;
	int on = 1, off = 0, auth = l->password_auth;

	if (s == NULL) {
		*err = xasprintf("%s: cannot start an SSH session", n->spec);
		return NULL;
	}
	/* The host first: the ssh config is matched against it. Then the
	 * config, found through $HOME; then ccon's own settings, which win
	 * (libssh 0.10 lets the config overwrite what was set before it). */
	snprintf(path, sizeof(path), "%s/.ssh", l->home);
	if (ssh_options_set(s, SSH_OPTIONS_HOST, n->host) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_SSH_DIR, path) != SSH_OK)
		goto option_error;
	if (l->ssh_config != NULL)
		str_copy(path, sizeof(path), l->ssh_config);
	else
		snprintf(path, sizeof(path), "%s/.ssh/config", l->home);
	if (file_exists(path) && ssh_options_parse_config(s, path) != SSH_OK) {
		*err = xasprintf("%s: cannot read the ssh config %s: %s",
				 n->spec, path, ssh_get_error(s));
		goto fail;
	}
	if (file_exists("/etc/ssh/ssh_config") &&
	    ssh_options_parse_config(s, "/etc/ssh/ssh_config") != SSH_OK) {
		*err = xasprintf("%s: cannot read /etc/ssh/ssh_config: %s",
				 n->spec, ssh_get_error(s));
		goto fail;
	}
	if (ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &off) != SSH_OK ||
	    (user && ssh_options_set(s, SSH_OPTIONS_USER, user) != SSH_OK) ||
	    (port && ssh_options_set(s, SSH_OPTIONS_PORT, &port) != SSH_OK) ||
	    (l->identity &&
	     ssh_options_set(s, SSH_OPTIONS_ADD_IDENTITY, l->identity)
	     != SSH_OK) ||
	    (l->known_hosts &&
	     ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, l->known_hosts)
	     != SSH_OK) ||
	    ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout_s) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_TIMEOUT_USEC, &timeout_us)
	    != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_NODELAY, &on) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_PASSWORD_AUTH, &auth) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_KBDINT_AUTH, &auth) != SSH_OK)
		goto option_error;
	l->callbacks.userdata = l;
	l->callbacks.auth_function = passphrase_cb;
	ssh_callbacks_init(&l->callbacks);
	ssh_set_callbacks(s, &l->callbacks);
	l->asking_node = n->spec;

	if (ssh_connect(s) != SSH_OK) {
		*err = xasprintf("%s: cannot connect: %s", n->spec,
				 ssh_get_error(s));
		goto fail;
	}
	/* The passphrase callback reads the session's current identity. */
	l->session = s;
	if (verify_host_key(l, s, n, err) != 0 ||
	    authenticate(l, s, n, err) != 0) {
		l->session = NULL;
		ssh_disconnect(s);
		goto fail;
	}
	l->session = NULL;
	return s;
option_error:
	*err = xasprintf("%s: bad SSH option: %s", n->spec, ssh_get_error(s));
fail:
	ssh_free(s);
	return NULL;
}

/* The session to use: the warm one, or a new one to the first node (in
 * the configured order) that is not waiting out its backoff. */
static int
ensure_session(struct ssh_link *l, char **err)
{
	uint64_t now = clock_monotonic_ms();
	char summary[4096] = "";
	size_t i, used = 0;
	bool tried = false;

	if (l->session != NULL)
		return 0;
	for (i = 0; i < l->n_nodes; i++) {
		struct link_node *n = &l->nodes[i];
		char *why = NULL;
		ssh_session s;

		if (n->state == LINK_DOWN && n->retry_ms > now)
			continue;
		tried = true;
		s = connect_node(l, i, &why);
		if (s != NULL) {
			l->session = s;
			l->current = (long)i;
			l->sessions_opened++;
			n->state = LINK_UP;
			n->failures = 0;
			n->reason[0] = '\0';
			return 0;
		}
		mark_down(l, i, why);
		free(why);
	}
	if (l->n_nodes == 1) {
		*err = xasprintf("%s%s", tried ? "" : "waiting to retry: ",
				 l->nodes[0].reason);
		return -1;
	}
	/* Every reason starts with its node's name. */
	for (i = 0; i < l->n_nodes && used < sizeof(summary); i++)
		used += (size_t)snprintf(summary + used, sizeof(summary) - used,
			"%s%s%s", i ? "; " : "",
			l->nodes[i].reason[0] ? "" : l->nodes[i].spec,
			l->nodes[i].reason[0] ? l->nodes[i].reason
					      : ": not tried");
	*err = xasprintf("%s %s: %s", tried ? "no node of" : "waiting to "
			 "retry the nodes of", l->cluster, summary);
	return -1;
}

enum exec_result { EXEC_OK, EXEC_TIMEOUT, EXEC_TOO_BIG, EXEC_DEAD };

static enum exec_result
exec_command(struct ssh_link *l, const char *cmd, unsigned timeout_ms,
	     struct transport_result *res, char **why)
{
	ssh_channel ch = ssh_channel_new(l->session);
	uint64_t deadline = clock_monotonic_ms() + timeout_ms;
	size_t out_cap = 0, err_cap = 0;
	enum exec_result r = EXEC_DEAD;
	char buf[32768];
	int n, stream;

	if (ch == NULL || ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_exec(ch, cmd) != SSH_OK) {
		*why = xstrdup(ssh_get_error(l->session));
		goto out;
	}
	for (;;) {
		uint64_t now = clock_monotonic_ms();
		int slice;

		if (now >= deadline) {
			r = EXEC_TIMEOUT;
			goto out;
		}
		slice = (int)(deadline - now < READ_SLICE_MS ? deadline - now
							     : READ_SLICE_MS);
		n = ssh_channel_read_timeout(ch, buf, sizeof(buf), 0, slice);
		if (n == SSH_ERROR) {
			*why = xstrdup(ssh_get_error(l->session));
			goto out;
		}
		if (n > 0 && transport_append(&res->out, &res->out_len,
					      &out_cap, buf, (size_t)n) != 0) {
			r = EXEC_TOO_BIG;
			goto out;
		}
		while ((n = ssh_channel_read_nonblocking(ch, buf, sizeof(buf),
							 1)) > 0) {
			if (transport_append(&res->err, &res->err_len,
					     &err_cap, buf, (size_t)n) != 0) {
				r = EXEC_TOO_BIG;
				goto out;
			}
		}
		if (n == SSH_ERROR) {
			*why = xstrdup(ssh_get_error(l->session));
			goto out;
		}
		if (ssh_channel_is_eof(ch))
			break;
	}
	/* What came with the end of the stream. */
	for (stream = 0; stream < 2; stream++) {
		while ((n = ssh_channel_read_nonblocking(ch, buf, sizeof(buf),
							 stream)) > 0) {
			if (transport_append(stream ? &res->err : &res->out,
					     stream ? &res->err_len
						    : &res->out_len,
					     stream ? &err_cap : &out_cap, buf,
					     (size_t)n) != 0) {
				r = EXEC_TOO_BIG;
				goto out;
			}
		}
	}
	res->exit_status = ssh_channel_get_exit_status(ch);
	if (res->out == NULL)
		transport_append(&res->out, &res->out_len, &out_cap, "", 0);
	if (res->err == NULL)
		transport_append(&res->err, &res->err_len, &err_cap, "", 0);
	r = EXEC_OK;
out:
	if (ch != NULL) {
		/* A command cut short is told to stop; the session stays. */
		if (r == EXEC_TIMEOUT || r == EXEC_TOO_BIG)
			ssh_channel_request_send_signal(ch, "KILL");
		if (r != EXEC_DEAD)
			ssh_channel_close(ch);
		ssh_channel_free(ch);
	}
	return r;
}

static int
link_run(struct transport *t, const char *const *argv, size_t argc,
	 unsigned timeout_ms, struct transport_result *res, char **err)
{
	struct ssh_link *l = (struct ssh_link *)t;
	char *cmd, *why = NULL;
	size_t attempts;

	memset(res, 0, sizeof(*res));
	res->exit_status = -1;
	cmd = remote_shell_command(l->shell, argv, argc, err);
	if (cmd == NULL)
		return -1;
	/* Each node at most once per call: a dead session moves on to the
	 * next node, a command that merely fails does not. */
	for (attempts = 0; attempts <= l->n_nodes; attempts++) {
		enum exec_result r;
		long node;

		if (ensure_session(l, err) != 0)
			break;
		node = l->current;
		r = exec_command(l, cmd, timeout_ms, res, &why);
		l->last_used_ms = clock_monotonic_ms();
		if (r == EXEC_OK) {
			free(cmd);
			return 0;
		}
		transport_result_free(res);
		if (r == EXEC_TIMEOUT) {
			*err = xasprintf("%s on %s did not finish within %.1fs; "
					 "stopped it", argv[0],
					 l->nodes[node].spec,
					 timeout_ms / 1000.0);
			break;
		}
		if (r == EXEC_TOO_BIG) {
			*err = xasprintf("%s on %s wrote more than %u MiB; "
					 "stopped it", argv[0],
					 l->nodes[node].spec,
					 TRANSPORT_OUTPUT_MAX >> 20);
			break;
		}
		/* The session is gone: that node is down for now. */
		{
			char reason[600];

			snprintf(reason, sizeof(reason), "%s: stopped answering: "
				 "%s", l->nodes[node].spec,
				 why ? why : "connection lost");
			disconnect(l);
			mark_down(l, (size_t)node, reason);
		}
		free(why);
		why = NULL;
	}
	free(why);
	free(cmd);
	return -1;
}

unsigned long
ssh_link_sessions_opened(const struct transport *t)
{
	return ((const struct ssh_link *)t)->sessions_opened;
}

static void
link_stream_close(struct transport *t)
{
	struct ssh_link *l = (struct ssh_link *)t;

	if (l->bell == NULL)
		return;
	if (ssh_channel_is_open(l->bell))
		ssh_channel_close(l->bell);
	ssh_channel_free(l->bell);
	l->bell = NULL;
}

static int
link_stream_open(struct transport *t, const char *const *argv, size_t argc,
		 char **err)
{
	struct ssh_link *l = (struct ssh_link *)t;
	char *cmd;

	link_stream_close(t);
	cmd = remote_shell_stream(l->shell, argv, argc, err);
	if (cmd == NULL)
		return -1;
	if (ensure_session(l, err) != 0) {
		free(cmd);
		return -1;
	}
	l->bell = ssh_channel_new(l->session);
	if (l->bell == NULL || ssh_channel_open_session(l->bell) != SSH_OK ||
	    ssh_channel_request_exec(l->bell, cmd) != SSH_OK) {
		*err = xasprintf("%s: cannot start %s: %s",
				 l->nodes[l->current].spec, argv[0],
				 ssh_get_error(l->session));
		if (l->bell != NULL)
			ssh_channel_free(l->bell);
		l->bell = NULL;
		free(cmd);
		return -1;
	}
	free(cmd);
	return 0;
}

static long
link_stream_poll(struct transport *t)
{
	struct ssh_link *l = (struct ssh_link *)t;
	char buf[16384];
	long total = 0;
	int stream, n;

	if (l->bell == NULL)
		return -1;
	for (stream = 0; stream < 2; stream++) {
		while ((n = ssh_channel_read_nonblocking(l->bell, buf,
							 sizeof(buf),
							 stream)) > 0)
			total += n;
		if (n == SSH_ERROR) {
			link_stream_close(t);
			return total > 0 ? total : -1;
		}
	}
	if (total == 0 && (ssh_channel_is_eof(l->bell) ||
			   ssh_channel_is_closed(l->bell))) {
		link_stream_close(t);
		return -1;
	}
	return total;
}

static const char *
link_current_node(struct transport *t)
{
	struct ssh_link *l = (struct ssh_link *)t;

	return l->current >= 0 ? l->nodes[l->current].spec : NULL;
}

static size_t
link_status(struct transport *t, struct link_status *out, size_t max)
{
	struct ssh_link *l = (struct ssh_link *)t;
	size_t i;

	for (i = 0; i < l->n_nodes && i < max; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		str_copy(out[i].node, sizeof(out[i].node), l->nodes[i].spec);
		out[i].state = l->nodes[i].state;
		out[i].in_use = (long)i == l->current;
		str_copy(out[i].reason, sizeof(out[i].reason),
			 l->nodes[i].reason);
		out[i].retry_ms = l->nodes[i].retry_ms;
	}
	return i;
}

static void
link_keepalive(struct transport *t)
{
	struct ssh_link *l = (struct ssh_link *)t;
	uint64_t now = clock_monotonic_ms();

	if (l->session == NULL || now - l->last_used_ms < l->keepalive_ms)
		return;
	l->last_used_ms = now;
	if (ssh_send_keepalive(l->session) != SSH_OK ||
	    !ssh_is_connected(l->session)) {
		char reason[600];
		long node = l->current;

		snprintf(reason, sizeof(reason), "%s: keepalive failed: %s",
			 l->nodes[node].spec, ssh_get_error(l->session));
		disconnect(l);
		mark_down(l, (size_t)node, reason);
	}
}

static void
link_destroy(struct transport *t)
{
	struct ssh_link *l = (struct ssh_link *)t;
	size_t i;

	disconnect(l);
	for (i = 0; i < l->n_nodes; i++) {
		free(l->nodes[i].spec);
		free(l->nodes[i].user);
		free(l->nodes[i].host);
	}
	free(l->nodes);
	free(l->cluster);
	free(l->user);
	free(l->identity);
	free(l->ssh_config);
	free(l->known_hosts);
	free(l);
}

static const struct transport_ops ssh_link_ops = {
	.name = "ssh",
	.run = link_run,
	.current_node = link_current_node,
	.status = link_status,
	.keepalive = link_keepalive,
	.stream_open = link_stream_open,
	.stream_poll = link_stream_poll,
	.stream_close = link_stream_close,
	.destroy = link_destroy,
};

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct transport *
ssh_link_new(const struct ssh_link_params *p, char **err)
{
	struct ssh_link *l;
	size_t i;

	if (p->n_nodes == 0) {
		*err = xasprintf("cluster %s lists no nodes to connect to",
				 p->cluster);
		return NULL;
	}
	l = xcalloc(1, sizeof(*l));
	l->base.ops = &ssh_link_ops;
	l->current = -1;
	l->cluster = xstrdup(p->cluster);
	l->user = dup_or_null(p->user);
	l->identity = dup_or_null(p->identity);
	l->ssh_config = dup_or_null(p->ssh_config);
	l->known_hosts = dup_or_null(p->known_hosts);
	l->port = p->port;
	l->policy = p->host_key_check;
	l->connect_timeout_ms = p->connect_timeout_ms
		? p->connect_timeout_ms : CCON_DEFAULT_CONNECT_TIMEOUT_MS;
	l->keepalive_ms = p->keepalive_ms ? p->keepalive_ms
					  : CCON_DEFAULT_KEEPALIVE_MS;
	l->password_auth = p->password_auth;
	l->prompt = p->prompt;
	l->shell = p->shell != NULL ? p->shell : &remote_shell_posix;
	find_home(l->home, sizeof(l->home));
	l->nodes = xcalloc(p->n_nodes, sizeof(*l->nodes));
	l->n_nodes = p->n_nodes;
	for (i = 0; i < p->n_nodes; i++) {
		struct link_node *n = &l->nodes[i];

		n->spec = xstrdup(p->nodes[i]);
		if (ssh_link_parse_node(p->nodes[i], &n->user, &n->host,
					&n->port, err) != 0) {
			link_destroy(&l->base);
			return NULL;
		}
	}
	return &l->base;
}
