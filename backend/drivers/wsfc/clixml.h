/* Decodes what Windows PowerShell 5.1 writes on stderr (WSFC-NOTES §3):
 * either plain text, or, when stderr is redirected and the script came
 * with -EncodedCommand, a "#< CLIXML" line and one or more <Objs>
 * documents. From the documents it keeps the <S S="Error"> strings (the
 * formatted error view, one displayed line each, _xHHHH_ escaped) and
 * serialized ErrorRecord objects; progress, warning, verbose, debug and
 * information records are ignored. Text outside the documents passes
 * through as plain text.
 *
 * The error view's lines are split back into error records: each one's
 * message (the lines before its position, "At line:1 char:1" and the
 * "+ ..." lines), its "+ CategoryInfo" and its "+ FullyQualifiedErrorId".
 * Lines PowerShell wrapped at the host's width are joined again as well as
 * the text allows: the width is taken to be the longest line's, and a
 * line is joined to the next when the next one's first word would not
 * have fitted after it (WSFC-NOTES §3; the 5.1 error view also cuts long
 * CategoryInfo/FullyQualifiedErrorId values into width-6 pieces glued with
 * four spaces, which are taken out again). Nothing here matches localized
 * words: the labels "+ CategoryInfo" and "+ FullyQualifiedErrorId" are
 * PowerShell's own and not translated.
 *
 * The input is untrusted. A document libxml2 cannot read (no network, no
 * entities, no DTD: a document holding "<!" is refused outright, since
 * PowerShell writes none) or one cut short (a killed process leaves no
 * </Objs>) is not fatal: its <S S="Error"> strings are then picked out
 * lexically, and `problem` or `truncated` says what happened. If nothing
 * readable is left, the message is empty and `problem` quotes the start of
 * the text; callers show `problem` then. Output text is always valid UTF-8
 * (bad bytes, e.g. from an OEM code page, become U+FFFD) with no control
 * characters but newline and tab, and no trailing newline. */
#ifndef CCON_WSFC_CLIXML_H
#define CCON_WSFC_CLIXML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Inputs larger than this are refused: no error stream is that long. */
#define CLIXML_MAX (16u * 1024 * 1024)

/* One error PowerShell reported. */
struct clixml_record {
	char *message;      /* never NULL; lines joined with "\n" */
	char *fqid;         /* "ClusterEndpointNotRegistered,Microsoft...", or NULL */
	char *category;     /* "ConnectionError: (:) [Get-ClusterNode], ...", or NULL */
	bool has_hresult;   /* a serialized record gave its exception's HResult */
	int32_t hresult;
};

struct clixml_result {
	bool clixml;        /* a "#< CLIXML" header was seen */
	bool truncated;     /* a document had no end (killed process) */
	char *problem;      /* NULL, or what could not be read, for the user */
	char *message;      /* never NULL: the records' messages, one per
			     * line, or the whole text if it holds no record */
	char *text;         /* never NULL: the error stream as PowerShell
			     * displayed it, for a log: message lines
			     * re-joined, label lines as they came, no CR,
			     * no trailing blanks */
	struct clixml_record *records;
	size_t n_records;
};

/* Decodes len bytes of stderr (need not be NUL-terminated) into *out,
 * which the caller releases with clixml_result_free(). Returns 0, or -1
 * with *err (caller frees) when the input is larger than CLIXML_MAX; *out
 * is then empty but valid to free. */
int clixml_decode(const char *buf, size_t len, struct clixml_result *out,
		  char **err);

void clixml_result_free(struct clixml_result *r);

/* The FullyQualifiedErrorId of the first record that has one, or NULL. */
const char *clixml_first_fqid(const struct clixml_result *r);

/* The error category's name of a CategoryInfo text, the word before its
 * first ':' ("ConnectionError"), copied into buf (size sz > 0): an enum
 * name, not translated. Empty when there is none. Returns buf. */
char *clixml_category_word(char *buf, size_t sz, const char *category);

/* Decodes PowerShell's _xHHHH_ escapes (UTF-16 code units, surrogate
 * pairs joined; a lone surrogate or NUL becomes U+FFFD) in s. Returns a
 * new string (caller frees). */
char *clixml_unescape(const char *s);

#endif
