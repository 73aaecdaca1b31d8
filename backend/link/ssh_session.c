/* Opening one authenticated SSH session, as OpenSSH would: the ssh
 * config first, then ccon's overrides; the host key against known_hosts,
 * with the operator asked where the policy says so; then ssh-agent, key
 * files (a passphrase asked in a ccon dialog), keyboard-interactive and
 * password. */
#include "backend/link/ssh_session.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libssh/callbacks.h>

#include "backend/util/statedir.h"
#include "backend/util/str.h"
#include "backend/util/termtext.h"
#include "backend/util/xalloc.h"

/* How long the operator has to answer a dialog. */
#define PROMPT_TIMEOUT_MS (5 * 60 * 1000)
/* libssh's log level: its warnings (every error it records, and some
 * chatter: about seven lines for a normal login), or nothing. */
#define LOG_LEVEL(warnings) ((warnings) ? SSH_LOG_WARNING : SSH_LOG_NOLOG)

struct sshsession {
	ssh_session libssh;
	bool log_warnings;
	/* libssh keeps a pointer to these for the session's life. */
	struct ssh_callbacks_struct callbacks;
	/* While sshsession_open runs, for the passphrase dialog. */
	const struct sshsession_config *c;
	const struct sshsession_node *n;
	bool passphrase_refused;
};

/* One line on stderr per message: libssh's own output would go to the
 * terminal, with its own format, whatever curses has drawn there. The
 * text may quote the server (a banner, a disconnect message): made safe
 * to print, line breaks turned to spaces. The level is checked here as
 * well, since a LogLevel in the ssh config raises libssh's own while the
 * config is read, before ccon's setting wins. */
static void
log_warning(int priority, const char *function, const char *text, void *data)
{
	char flat[2048], safe[4 * sizeof(flat)];
	size_t n;

	(void)function;         /* libssh has put it before the text */
	(void)data;
	if (priority > SSH_LOG_WARNING)
		return;
	str_copy(flat, sizeof(flat), text ? text : "");
	for (n = 0; flat[n] != '\0'; n++)
		if (flat[n] == '\n' || flat[n] == '\r' || flat[n] == '\t')
			flat[n] = ' ';
	while (n > 0 && flat[n - 1] == ' ')
		flat[--n] = '\0';
	termtext_sanitize(safe, sizeof(safe), flat);
	fprintf(stderr, "ccon: libssh: %s\n", safe);
}

static void
log_nothing(int priority, const char *function, const char *text, void *data)
{
	(void)priority;
	(void)function;
	(void)text;
	(void)data;
}

void
sshsession_route_log(bool warnings)
{
	ssh_set_log_callback(warnings ? log_warning : log_nothing);
	ssh_set_log_level(LOG_LEVEL(warnings));
}

void
sshsession_find_home(char *buf, size_t sz)
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
	struct sshsession *ss = userdata;
	char *identity = NULL;
	char text[PROMPT_TEXT_MAX];
	int rc;

	(void)echo;
	(void)verify;
	/* Only while sshsession_open authenticates: libssh keeps the
	 * callbacks for the session's life. */
	if (ss->c == NULL || ss->c->prompt == NULL) {
		ss->passphrase_refused = true;
		return -1;
	}
	ssh_userauth_publickey_auto_get_current_identity(ss->libssh, &identity);
	snprintf(text, sizeof(text), "%s\nkey %s, to log in to %s (cluster %s)",
		 prompt && *prompt ? prompt : "Passphrase:",
		 identity ? identity : "?", ss->n->spec, ss->c->cluster);
	ssh_string_free_char(identity);
	rc = prompt_ask(ss->c->prompt, PROMPT_SECRET, "SSH key passphrase", text,
			buf, len, PROMPT_TIMEOUT_MS);
	if (rc != 0)
		ss->passphrase_refused = true;
	return rc;
}

/* "[127.0.0.1]:2222" or "db1": how known_hosts names the host. */
static void
known_hosts_name(const struct sshsession_node *n, int port, char *buf,
		 size_t sz)
{
	if (port != 0 && port != 22)
		snprintf(buf, sz, "[%s]:%d", n->host, port);
	else
		snprintf(buf, sz, "%s", n->host);
}

/* libssh creates a missing known_hosts with fopen(3), as the umask says
 * (0644 mostly): ccon creates it first, 0600 in directories made 0700,
 * as it does its own files. Which hosts an operator reaches is nobody
 * else's business. An existing file is left as it is (ssh may share it,
 * and its mode is its owner's choice). Returns 0, or -1 with *err. */
static int
known_hosts_create(const char *path, char **err)
{
	struct stat st;
	char *why = NULL;
	int fd;

	if (stat(path, &st) == 0)
		return 0;
	if (statedir_make_parents(path, &why) != 0) {
		*err = why;
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC,
		  0600);
	if (fd < 0 && errno != EEXIST) {
		*err = xasprintf("cannot create %s: %s", path,
				 strerror(errno));
		return -1;
	}
	if (fd >= 0)
		close(fd);
	return 0;
}

static int
verify_host_key(const struct sshsession_config *c, ssh_session s,
		const struct sshsession_node *n, char **err)
{
	ssh_key key = NULL;
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *fp = NULL, *kh_path = NULL, *why = NULL;
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
	if (c->host_key_check == HOSTKEY_STRICT) {
		*err = xasprintf("%s: host key %s %s is not in %s and "
				 "host_key_check is strict: add it first "
				 "(ssh to it once, or ssh-keyscan)", name,
				 type, fp, kh_path ? kh_path : "known_hosts");
		goto out;
	}
	if (c->host_key_check == HOSTKEY_ASK) {
		if (c->prompt == NULL) {
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
			 name, n->spec, c->cluster, type, fp,
			 strcmp(type, "ssh-ed25519") == 0 ? "ed25519"
			 : strncmp(type, "ecdsa", 5) == 0 ? "ecdsa" : "rsa");
		if (prompt_ask(c->prompt, PROMPT_HOSTKEY, "Unknown host key",
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
	if (kh_path != NULL && known_hosts_create(kh_path, &why) != 0) {
		*err = xasprintf("%s: cannot record the host key: %s", name,
				 why);
		free(why);
		goto out;
	}
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
auth_kbdint(const struct sshsession_config *c, ssh_session s,
	    const struct sshsession_node *n)
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
				 ? "\n" : "", q, n->spec, c->cluster);
			if (prompt_ask(c->prompt, echo ? PROMPT_TEXT
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
auth_password(const struct sshsession_config *c, ssh_session s,
	      const struct sshsession_node *n, const char *user)
{
	char answer[PROMPT_ANSWER_MAX], text[PROMPT_TEXT_MAX];
	int rc;

	snprintf(text, sizeof(text), "Password for %s@%s (cluster %s):",
		 user ? user : "?", n->host, c->cluster);
	if (prompt_ask(c->prompt, PROMPT_SECRET, "SSH login", text, answer,
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
authenticate(struct sshsession *ss, const struct sshsession_node *n,
	     char **err)
{
	const struct sshsession_config *c = ss->c;
	ssh_session s = ss->libssh;
	char *user = NULL, words[96];
	int rc, methods;

	rc = ssh_userauth_none(s, NULL);
	if (rc == SSH_AUTH_SUCCESS)
		return 0;
	if (rc == SSH_AUTH_ERROR)
		goto error;
	methods = ssh_userauth_list(s, NULL);
	ss->passphrase_refused = false;
	if (methods & SSH_AUTH_METHOD_PUBLICKEY) {
		rc = ssh_userauth_publickey_auto(s, NULL, NULL);
		if (rc == SSH_AUTH_SUCCESS)
			return 0;
		if (rc == SSH_AUTH_ERROR)
			goto error;
	}
	ssh_options_get(s, SSH_OPTIONS_USER, &user);
	if (c->password_auth && c->prompt != NULL) {
		if (methods & SSH_AUTH_METHOD_INTERACTIVE) {
			rc = auth_kbdint(c, s, n);
			if (rc == SSH_AUTH_SUCCESS)
				goto ok;
		}
		if (rc != SSH_AUTH_ERROR &&
		    (methods & SSH_AUTH_METHOD_PASSWORD)) {
			rc = auth_password(c, s, n, user);
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
			 c->identity ? "" : "the default ",
			 c->identity ? " " : "",
			 c->identity ? c->identity : "",
			 ss->passphrase_refused
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

struct sshsession *
sshsession_open(const struct sshsession_config *c,
		const struct sshsession_node *n, char **err)
{
	struct sshsession *ss;
	ssh_session s;
	char path[PATH_MAX + 32];
	const char *user = n->user ? n->user : c->user;
	int port = n->port ? n->port : c->port;
	long timeout_s = (long)(c->connect_timeout_ms / 1000);
	long timeout_us = (long)(c->connect_timeout_ms % 1000) * 1000;
	int on = 1, off = 0, auth = c->password_auth;
	int log_level = LOG_LEVEL(c->log_warnings);

	sshsession_route_log(c->log_warnings);
	if ((s = ssh_new()) == NULL) {
		*err = xasprintf("%s: cannot start an SSH session", n->spec);
		return NULL;
	}
	ss = xcalloc(1, sizeof(*ss));
	ss->libssh = s;
	ss->log_warnings = c->log_warnings;
	/* The host first: the ssh config is matched against it. Then the
	 * config, found through the home; then ccon's own settings, which
	 * win (libssh 0.10 lets the config overwrite what was set before
	 * it). */
	snprintf(path, sizeof(path), "%s/.ssh", c->home);
	if (ssh_options_set(s, SSH_OPTIONS_HOST, n->host) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_SSH_DIR, path) != SSH_OK)
		goto option_error;
	if (c->ssh_config != NULL)
		str_copy(path, sizeof(path), c->ssh_config);
	else
		snprintf(path, sizeof(path), "%s/.ssh/config", c->home);
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
	    (c->identity &&
	     ssh_options_set(s, SSH_OPTIONS_ADD_IDENTITY, c->identity)
	     != SSH_OK) ||
	    (c->known_hosts &&
	     ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, c->known_hosts)
	     != SSH_OK) ||
	    ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout_s) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_TIMEOUT_USEC, &timeout_us)
	    != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_NODELAY, &on) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_PASSWORD_AUTH, &auth) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_KBDINT_AUTH, &auth) != SSH_OK ||
	    ssh_options_set(s, SSH_OPTIONS_LOG_VERBOSITY, &log_level)
	    != SSH_OK)
		goto option_error;
	ss->callbacks.userdata = ss;
	ss->callbacks.auth_function = passphrase_cb;
	ssh_callbacks_init(&ss->callbacks);
	if (ssh_set_callbacks(s, &ss->callbacks) != SSH_OK)
		goto option_error;
	ss->c = c;
	ss->n = n;

	if (ssh_connect(s) != SSH_OK) {
		*err = xasprintf("%s: cannot connect: %s", n->spec,
				 ssh_get_error(s));
		goto fail;
	}
	if (verify_host_key(c, s, n, err) != 0 ||
	    authenticate(ss, n, err) != 0) {
		ssh_disconnect(s);
		goto fail;
	}
	ss->c = NULL;
	ss->n = NULL;
	return ss;
option_error:
	*err = xasprintf("%s: bad SSH option: %s", n->spec, ssh_get_error(s));
fail:
	ssh_free(s);
	free(ss);
	return NULL;
}

ssh_session
sshsession_libssh(struct sshsession *ss)
{
	return ss->libssh;
}

void
sshsession_close(struct sshsession *ss)
{
	if (ss == NULL)
		return;
	sshsession_route_log(ss->log_warnings);
	ssh_disconnect(ss->libssh);
	ssh_free(ss->libssh);
	free(ss);
}
