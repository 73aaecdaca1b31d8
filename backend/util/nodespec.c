#include "backend/util/nodespec.h"

#include <stdlib.h>
#include <string.h>

#include "backend/util/xalloc.h"

#define USER_MAX 64
#define HOST_MAX 253

/* [A-Za-z0-9._-], spelt out rather than isalnum(), which follows the
 * locale. */
static bool
name_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
}

/* It ends up on an ssh command line or in an option: no option
 * look-alikes (leading '-') and nothing a shell or ssh would interpret. */
bool
nodespec_valid_user(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > USER_MAX || s[0] == '-')
		return false;
	for (i = 0; i < len; i++)
		if (!name_char(s[i]))
			return false;
	return true;
}

/* Host name or IPv4 address characters; with v6 (inside brackets) also ':'. */
static bool
valid_host(const char *s, size_t len, bool v6)
{
	size_t i;

	if (len == 0 || len > HOST_MAX || s[0] == '-')
		return false;
	for (i = 0; i < len; i++)
		if (!name_char(s[i]) && !(v6 && s[i] == ':'))
			return false;
	return true;
}

int
nodespec_parse(const char *spec, struct nodespec *out, const char **why)
{
	const char *host = spec, *at, *end, *colon, *port = NULL, *p;
	bool v6 = false;
	size_t hostlen;
	long value;

	memset(out, 0, sizeof(*out));
	at = strchr(spec, '@');
	if (at != NULL) {
		if (!nodespec_valid_user(spec, (size_t)(at - spec))) {
			*why = "the user before '@' may only hold letters, "
			       "digits, '.', '_' and '-', and may not start "
			       "with '-'";
			return -1;
		}
		host = at + 1;
		if (strchr(host, '@') != NULL) {
			*why = "has more than one '@'";
			return -1;
		}
	}
	if (*host == '[') {
		end = strchr(host, ']');
		if (end == NULL) {
			*why = "has '[' without ']'";
			return -1;
		}
		host++;
		hostlen = (size_t)(end - host);
		if (memchr(host, ':', hostlen) == NULL) {
			*why = "brackets are for IPv6 addresses: "
			       "\"[fe80::1]:22\"";
			return -1;
		}
		v6 = true;
		if (end[1] == ':') {
			port = end + 2;
		} else if (end[1] != '\0') {
			*why = "has something other than ':port' after ']'";
			return -1;
		}
	} else {
		colon = strchr(host, ':');
		if (colon != NULL && strchr(colon + 1, ':') != NULL) {
			*why = "an IPv6 address needs brackets: "
			       "\"[fe80::1]\" or \"[fe80::1]:22\"";
			return -1;
		}
		hostlen = colon != NULL ? (size_t)(colon - host) : strlen(host);
		port = colon != NULL ? colon + 1 : NULL;
	}
	if (hostlen == 0) {
		*why = "has no host name";
		return -1;
	}
	if (!valid_host(host, hostlen, v6)) {
		*why = "the host may only hold letters, digits, '.', '_' and "
		       "'-' (and ':' for IPv6 inside brackets), and may not "
		       "start with '-'";
		return -1;
	}
	if (port != NULL) {
		if (*port == '\0') {
			*why = "has ':' but no port after it";
			return -1;
		}
		value = 0;
		for (p = port; *p != '\0'; p++) {
			if (*p < '0' || *p > '9' || p - port >= 5) {
				*why = "port must be 1 to 65535";
				return -1;
			}
			value = value * 10 + (*p - '0');
		}
		if (value < 1 || value > 65535) {
			*why = "port must be 1 to 65535";
			return -1;
		}
		out->port = (int)value;
	}
	out->user = at != NULL ? xasprintf("%.*s", (int)(at - spec), spec)
			       : NULL;
	out->host = xasprintf("%.*s", (int)hostlen, host);
	return 0;
}

void
nodespec_free(struct nodespec *n)
{
	free(n->user);
	free(n->host);
	memset(n, 0, sizeof(*n));
}
