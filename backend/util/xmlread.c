/* Untrusted XML into a libxml2 document; see xmlread.h. */
#include "backend/util/xmlread.h"

#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include <libxml/parser.h>

#include "backend/util/str.h"
#include "backend/util/xalloc.h"

struct complaint {
	bool any;
	struct xmlread_error *e;
};

/* libxml2 calls this for every error and warning, with our complaint as
 * ctx while a document is read, and NULL otherwise. The first error is
 * the one that explains the others; the first line known says where. */
static void
on_xml_error(void *ctx, xmlErrorPtr x)
{
	struct complaint *c = ctx;
	size_t n;

	if (c == NULL || x == NULL || x->level < XML_ERR_ERROR)
		return;
	/* An encoding error has no line; the parse error after it does. */
	if (c->e->line <= 0)
		c->e->line = x->line;
	if (c->any)
		return;
	c->any = true;
	str_copy(c->e->message, sizeof(c->e->message),
		 x->message != NULL ? x->message : "error");
	/* libxml2 ends its messages with a newline. */
	n = strlen(c->e->message);
	while (n > 0 && (c->e->message[n - 1] == '\n' ||
			 c->e->message[n - 1] == ' '))
		c->e->message[--n] = '\0';
}

/* The unstructured channel, which a few of libxml2's paths still use:
 * nothing of it is wanted. */
static void
on_xml_generic(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

/* XML_PARSE_COMPACT: the documents are only read, so their short texts
 * may share the node's memory. */
static xmlDoc *
read_doc(const char *xml, size_t len, const char *name, const char *encoding,
	 int more_options, struct xmlread_error *e)
{
	struct complaint c = { .any = false, .e = e };
	xmlDoc *doc;

	e->line = 0;
	str_copy(e->message, sizeof(e->message), "error");
	/* libxml2 takes an int length; a longer input is not cut silently. */
	if (len > INT_MAX) {
		str_copy(e->message, sizeof(e->message), "larger than 2 GiB");
		return NULL;
	}
	xmlSetStructuredErrorFunc(&c, on_xml_error);
	xmlSetGenericErrorFunc(NULL, on_xml_generic);
	doc = xmlReadMemory(xml, (int)len, name, encoding,
			    XML_PARSE_NONET | XML_PARSE_NOERROR |
			    XML_PARSE_NOWARNING | XML_PARSE_COMPACT |
			    more_options);
	xmlSetStructuredErrorFunc(NULL, on_xml_error);
	return doc;
}

xmlDoc *
xmlread_doc(const char *xml, size_t len, const char *name,
	    const char *encoding, struct xmlread_error *e)
{
	return read_doc(xml, len, name, encoding, 0, e);
}

xmlDoc *
xmlread_doc_or_error(const char *xml, size_t len, const char *what,
		     char **err)
{
	struct xmlread_error e;
	/* Their blank text is layout: a DOM without it is a third smaller
	 * and quicker to build and to free. */
	xmlDoc *doc = read_doc(xml, len, what, NULL, XML_PARSE_NOBLANKS, &e);

	if (doc == NULL)
		*err = xasprintf("%s is not readable: line %d: %s", what,
				 e.line, e.message);
	return doc;
}

bool
xmlread_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}
