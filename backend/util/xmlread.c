/* Untrusted XML into a libxml2 document; see xmlread.h. */
#include "backend/util/xmlread.h"

#include <limits.h>
#include <stdbool.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

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

/* Untrusted input: no network, libxml2's messages to our handler only.
 * XML_PARSE_COMPACT: the documents are only read, so short texts may
 * share their node's memory. */
#define READ_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | \
		      XML_PARSE_NOWARNING | XML_PARSE_COMPACT)

/* "<what> is not readable: line N: <libxml2's error>" (caller frees). */
static char *
unreadable(const char *what, const struct xmlread_error *e)
{
	return xasprintf("%s is not readable: line %d: %s", what, e->line,
			 e->message);
}

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
			    READ_OPTIONS | more_options);
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
		*err = unreadable(what, &e);
	return doc;
}

bool
xmlread_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

/* One element the reader is on, built with all under it, to w. */
static int
walk_element(xmlTextReaderPtr r, const struct xmlread_walk *w,
	     const char *section)
{
	xmlNode *n = xmlTextReaderExpand(r);

	if (n == NULL)
		return -1;
	return w->element(w->ctx, section, n) != 0 ? 1 : 0;
}

int
xmlread_walk(const char *xml, size_t len, const char *what,
	     const struct xmlread_walk *w, char **err)
{
	struct xmlread_error e = { .line = 0 };
	struct complaint c = { .any = false, .e = &e };
	xmlTextReaderPtr r;
	char section[128] = "";
	bool each = false;
	int ret, rc = 0;

	str_copy(e.message, sizeof(e.message), "error");
	if (len > INT_MAX) {
		*err = xasprintf("%s is not readable: larger than 2 GiB", what);
		return -1;
	}
	/* The reader's own handler gets the parse errors; some (encoding
	 * errors) go to the thread's handler whatever the reader says. */
	xmlSetStructuredErrorFunc(&c, on_xml_error);
	xmlSetGenericErrorFunc(NULL, on_xml_generic);
	r = xmlReaderForMemory(xml, (int)len, what, NULL,
	    READ_OPTIONS | XML_PARSE_NOBLANKS);
	if (r == NULL) {
		xmlSetStructuredErrorFunc(NULL, on_xml_error);
		*err = xasprintf("%s is not readable: out of memory", what);
		return -1;
	}
	xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, &c);
	ret = xmlTextReaderRead(r);
	while (ret == 1 && rc == 0) {
		int type = xmlTextReaderNodeType(r);
		int depth = xmlTextReaderDepth(r);
		const char *name = (const char *)xmlTextReaderConstName(r);

		if (type == XML_READER_TYPE_ELEMENT && depth == 0) {
			if (w->root(w->ctx, name) != 0)
				rc = 1;
		} else if (type == XML_READER_TYPE_ELEMENT && depth == 1) {
			switch (w->take(w->ctx, name)) {
			case XMLREAD_WHOLE:
				rc = walk_element(r, w, NULL);
				ret = rc == 0 ? xmlTextReaderNext(r) : ret;
				continue;
			case XMLREAD_EACH:
				each = !xmlTextReaderIsEmptyElement(r);
				str_copy(section, sizeof(section), name);
				break;
			case XMLREAD_SKIP:
				ret = xmlTextReaderNext(r);
				continue;
			}
		} else if (type == XML_READER_TYPE_ELEMENT && depth == 2 &&
			   each) {
			rc = walk_element(r, w, section);
			ret = rc == 0 ? xmlTextReaderNext(r) : ret;
			continue;
		} else if (type == XML_READER_TYPE_END_ELEMENT && depth == 1) {
			each = false;
		}
		ret = xmlTextReaderRead(r);
	}
	if (rc < 0 || ret < 0) {
		/* The first line known; the reader's own when it has none. */
		if (e.line <= 0)
			e.line = xmlTextReaderGetParserLineNumber(r);
		*err = unreadable(what, &e);
		rc = -1;
	}
	xmlFreeTextReader(r);
	xmlSetStructuredErrorFunc(NULL, on_xml_error);
	return rc;
}
