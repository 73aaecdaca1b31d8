/* Node specs, as the configuration names a cluster's nodes: "host",
 * "host:port", "user@host", "user@host:port", "[v6addr]" or
 * "[v6addr]:port". One parser for the config's checks and the SSH link. */
#ifndef CCON_NODESPEC_H
#define CCON_NODESPEC_H

#include <stdbool.h>
#include <stddef.h>

struct nodespec {
	char *user;       /* NULL when the spec has none */
	char *host;
	int port;         /* 0 when the spec has none */
};

/* Returns 0 and fills *out (free with nodespec_free), or -1 with *why, a
 * constant saying what is wrong ("port must be 1 to 65535"). */
int nodespec_parse(const char *spec, struct nodespec *out, const char **why);
void nodespec_free(struct nodespec *n);

/* A login name that is safe on an ssh command line: letters, digits,
 * '.', '_' and '-', not starting with '-', at most 64 bytes. */
bool nodespec_valid_user(const char *s, size_t len);

#endif
