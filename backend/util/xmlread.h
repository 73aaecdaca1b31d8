/* Untrusted XML read with libxml2, the one way the drivers do it: no
 * network, no entity expansion, no DTD; libxml2's messages come back to
 * the caller, never to stderr, where they would write over the console
 * (encoding errors, for one, are printed whatever the parser options
 * say). */
#ifndef CCON_XMLREAD_H
#define CCON_XMLREAD_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

struct xmlread_error {
	int line;                     /* the first line libxml2 knew, or 0 */
	char message[256];            /* its first error ("error" if none) */
};

/* The document of xml[0..len) (encoding NULL: as it declares; name for
 * libxml2's own use), or NULL with *e filled. libxml2's error handlers
 * are per-thread globals: this holds for the calling thread, and they
 * are left quiet afterwards, not restored to printing. */
xmlDoc *xmlread_doc(const char *xml, size_t len, const char *name,
		    const char *encoding, struct xmlread_error *e);

/* xmlread_doc as it declares itself, for documents whose whitespace-only
 * text is layout (crm_mon's, cibadmin's: it is dropped), or NULL with
 * *err (caller frees) saying "<what> is not readable: line N: <libxml2's
 * error>". */
xmlDoc *xmlread_doc_or_error(const char *xml, size_t len, const char *what,
			     char **err);

/* How xmlread_walk takes a child of the root element. */
enum xmlread_take {
	XMLREAD_SKIP,           /* not read into memory at all */
	XMLREAD_WHOLE,          /* one subtree: it and all under it */
	XMLREAD_EACH,           /* one subtree per child element of it */
};

struct xmlread_walk {
	/* The root element's name: 0 to go on, -1 to stop (the reason
	 * kept in ctx). */
	int (*root)(void *ctx, const char *name);
	/* How to take the root's child called name. */
	enum xmlread_take (*take)(void *ctx, const char *name);
	/* One subtree (valid only during the call): a child of the root
	 * taken whole (section NULL), or one child of the root's child
	 * called section. 0 to go on, -1 to stop. */
	int (*element)(void *ctx, const char *section, const xmlNode *n);
	void *ctx;
};

/* Reads a document as xmlread_doc_or_error does, but never all of it
 * at once: libxml2's reader builds one subtree at a time and frees it
 * before the next, so a crm_mon document of 20,000 resources costs what
 * its largest element costs, not ten times its size. Returns 0, 1 when a
 * callback stopped it, or -1 with *err (caller frees) as
 * xmlread_doc_or_error says it. */
int xmlread_walk(const char *xml, size_t len, const char *what,
		 const struct xmlread_walk *w, char **err);

/* Whether n is an element called name. */
bool xmlread_is(const xmlNode *n, const char *name);

#endif
