/* The decoder of Windows PowerShell's stderr on hand-written samples of
 * the shapes WSFC-NOTES §3 documents (tests/data/wsfc/clixml, see its
 * README), and on inputs that must be survived: escapes, non-ASCII,
 * plain text, truncated and broken CLIXML, garbage. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/drivers/wsfc/clixml.h"
#include "backend/util/termtext.h"
#include "testdata.h"

#define HDR "#< CLIXML\r\n"
#define OBJS "<Objs Version=\"1.1.0.1\" " \
	"xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
#define END "</Objs>"

static const char endpoint_msg[] =
	"Get-ClusterNode : The cluster service is not running.  Make sure "
	"that the service is running on all nodes in the cluster.\n"
	"There are no more endpoints available from the endpoint mapper";
static const char endpoint_id[] =
	"ClusterEndpointNotRegistered,"
	"Microsoft.FailoverClusters.PowerShell.GetNodeCommand";
static const char endpoint_cat[] =
	"ConnectionError: (:) [Get-ClusterNode], ClusterCmdletException";

static char *
slurp(const char *name, size_t *len)
{
	char rel[512];

	snprintf(rel, sizeof(rel), "wsfc/clixml/%s", name);
	return testdata_read(rel, len);
}

static void
valid_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		uint32_t cp;
		size_t k = termtext_decode(p, &cp);

		assert_true(k > 0);
		assert_true(cp >= 0x20 || cp == '\n' || cp == '\t');
		assert_true(cp != 0x7f);
		p += k;
	}
	if (p != (const unsigned char *)s)
		assert_true(p[-1] != '\n');
}

static void
check(const struct clixml_result *r)
{
	size_t i;

	assert_non_null(r->message);
	assert_non_null(r->text);
	valid_text(r->message);
	valid_text(r->text);
	for (i = 0; i < r->n_records; i++) {
		assert_non_null(r->records[i].message);
		valid_text(r->records[i].message);
		if (r->records[i].fqid)
			valid_text(r->records[i].fqid);
		if (r->records[i].category)
			valid_text(r->records[i].category);
	}
}

static void
decode_n(const char *s, size_t n, struct clixml_result *r)
{
	char *err = NULL;

	if (clixml_decode(s, n, r, &err) != 0)
		fail_msg("clixml_decode: %s", err);
	check(r);
}

static void
decode(const char *s, struct clixml_result *r)
{
	decode_n(s, strlen(s), r);
}

static void
decode_file(const char *name, struct clixml_result *r)
{
	size_t len;
	char *s = slurp(name, &len);

	decode_n(s, len, r);
	free(s);
}

static void
is_endpoint(const struct clixml_record *rec)
{
	assert_string_equal(rec->message, endpoint_msg);
	assert_non_null(rec->fqid);
	assert_string_equal(rec->fqid, endpoint_id);
	assert_non_null(rec->category);
	assert_string_equal(rec->category, endpoint_cat);
	assert_false(rec->has_hresult);
}

static void
one_error(void **state)
{
	struct clixml_result r;

	(void)state;
	decode_file("endpoint_120.clixml", &r);
	assert_true(r.clixml);
	assert_false(r.truncated);
	assert_null(r.problem);
	assert_int_equal(r.n_records, 1);
	is_endpoint(&r.records[0]);
	assert_string_equal(r.message, endpoint_msg);
	assert_string_equal(clixml_first_fqid(&r), endpoint_id);
	/* The whole view is kept as text, position and labels too. */
	assert_non_null(strstr(r.text, "At line:1 char:1\n+ Get-ClusterNode"));
	assert_non_null(strstr(r.text, "    There are no more endpoints"));
	clixml_result_free(&r);
}

/* At 80 columns the message is word-wrapped (the blank kept at the cut)
 * and the labels are cut by the view and by the host inside words. */
static void
wrapped_at_80(void **state)
{
	struct clixml_result r;

	(void)state;
	decode_file("endpoint_80.clixml", &r);
	assert_int_equal(r.n_records, 1);
	is_endpoint(&r.records[0]);
	assert_null(r.problem);
	clixml_result_free(&r);
}

static void
several_errors(void **state)
{
	struct clixml_result r;

	(void)state;
	decode_file("several_errors.clixml", &r);
	assert_int_equal(r.n_records, 2);
	is_endpoint(&r.records[0]);
	assert_string_equal(r.records[1].fqid, "ClusterRpcConnection,"
			    "Microsoft.FailoverClusters.PowerShell."
			    "GetResourceCommand");
	assert_string_equal(r.records[1].category, "ConnectionError: (:) "
			    "[Get-ClusterResource], ClusterCmdletException");
	assert_non_null(strstr(r.records[1].message,
			       "administrator.\nThe RPC server is unavailable"));
	/* One message line per line of each error, in order. */
	assert_memory_equal(r.message, endpoint_msg, strlen(endpoint_msg));
	assert_non_null(strstr(r.message, "\nGet-ClusterResource : Check "));
	clixml_result_free(&r);
}

static void
progress_then_error(void **state)
{
	struct clixml_result r;

	(void)state;
	decode_file("progress_then_error.clixml", &r);
	assert_int_equal(r.n_records, 1);
	assert_string_equal(clixml_first_fqid(&r), "ClusterRpcConnection,"
			    "Microsoft.FailoverClusters.PowerShell."
			    "GetResourceCommand");
	assert_null(strstr(r.text, "Preparing modules"));
	assert_null(strstr(r.message, "Completed"));
	clixml_result_free(&r);
}

/* A successful run may leave progress alone: nothing to say. */
static void
progress_only(void **state)
{
	struct clixml_result r;

	(void)state;
	decode_file("progress_only.clixml", &r);
	assert_true(r.clixml);
	assert_int_equal(r.n_records, 0);
	assert_string_equal(r.message, "");
	assert_string_equal(r.text, "");
	assert_null(r.problem);
	assert_null(clixml_first_fqid(&r));
	clixml_result_free(&r);
}

/* A doubled header, a progress document, then the error's document;
 * the id was cut one letter before its end. */
static void
two_documents(void **state)
{
	struct clixml_result r;

	(void)state;
	decode_file("two_documents.clixml", &r);
	assert_int_equal(r.n_records, 1);
	assert_string_equal(r.records[0].fqid, "ClusterEndpointNotRegistered,"
			    "Microsoft.FailoverClusters.PowerShell."
			    "GetClusterGroupCommand");
	assert_non_null(strstr(r.message, "Get-ClusterGroup : The cluster"));
	clixml_result_free(&r);
}

static void
truncated(void **state)
{
	struct clixml_result r;

	(void)state;
	decode_file("truncated.clixml", &r);
	assert_true(r.truncated);
	assert_non_null(strstr(r.message,
			       "The cluster service is not running."));
	clixml_result_free(&r);
	/* Cut inside an element's text and inside an escape. */
	decode(HDR OBJS "<S S=\"Error\">It broke_x000D__x00", &r);
	assert_true(r.truncated);
	assert_string_equal(r.message, "It broke_x00");
	clixml_result_free(&r);
	decode(HDR OBJS "<S S=\"Err", &r);
	assert_true(r.truncated);
	assert_string_equal(r.message, "");
	clixml_result_free(&r);
	decode(HDR "<Objs", &r);
	assert_true(r.clixml);
	clixml_result_free(&r);
}

static void
non_ascii(void **state)
{
	struct clixml_result r;

	(void)state;
	decode_file("non_ascii.clixml", &r);
	assert_int_equal(r.n_records, 1);
	assert_non_null(strstr(r.records[0].message,
			       "role 'Caf\xc3\xa9 r\xc3\xb4le \xe2\x80\x93 "
			       "\xc3\xbc" "ber'.\nThe operation failed"));
	assert_string_equal(r.records[0].category,
			    "NotSpecified: (:) [Move-ClusterGroup], "
			    "ClusterCmdletException");
	clixml_result_free(&r);
	/* Bytes of an OEM code page are no UTF-8: replaced, not dropped. */
	decode(HDR OBJS "<S S=\"Error\">Caf\x82 ist weg_x000D__x000A_</S>" END,
	       &r);
	assert_string_equal(r.message, "Caf\xef\xbf\xbd ist weg");
	assert_null(r.problem);
	clixml_result_free(&r);
}

static void
escapes(void **state)
{
	struct clixml_result r;
	char *u;

	(void)state;
	u = clixml_unescape("a_x000D__x000A_b_x0009_c");
	assert_string_equal(u, "a\r\nb\tc");
	free(u);
	/* _x005F_ is an underscore; what follows it is text. */
	u = clixml_unescape("_x005F_x0041_ and x_x005F_y");
	assert_string_equal(u, "_x0041_ and x_y");
	free(u);
	u = clixml_unescape("smile _xD83D__xDE00_ lone _xD800_ low _xDC00_ "
			    "nul _x0000_ lower _x00e9_ short _x12_ end_x");
	assert_string_equal(u, "smile \xf0\x9f\x98\x80 lone \xef\xbf\xbd low "
			    "\xef\xbf\xbd nul \xef\xbf\xbd lower \xc3\xa9 "
			    "short _x12_ end_x");
	free(u);
	decode(HDR OBJS "<S S=\"Error\">line _x005F_x000A_ one_x000D__x000A_"
	       "</S><S S=\"Error\">esc _x001B_[31mred_x000D__x000A_</S>"
	       "<S S=\"Error\">amp &amp; lt &lt;_x000D__x000A_</S>" END, &r);
	assert_string_equal(r.message, "line _x000A_ one\nesc \xef\xbf\xbd"
			    "[31mred\namp & lt <");
	clixml_result_free(&r);
}

static void
plain_text(void **state)
{
	struct clixml_result r;

	(void)state;
	decode_file("plain_endpoint.txt", &r);
	assert_false(r.clixml);
	assert_int_equal(r.n_records, 1);
	is_endpoint(&r.records[0]);
	clixml_result_free(&r);
	/* Text that is no error view passes through, CRLF and trailing
	 * newlines gone, short lines never joined. */
	decode("The command line is too long.\r\nsecond line\r\n\r\n", &r);
	assert_false(r.clixml);
	assert_int_equal(r.n_records, 0);
	assert_string_equal(r.message, "The command line is too long.\n"
			    "second line");
	assert_string_equal(r.text, r.message);
	clixml_result_free(&r);
	decode("", &r);
	assert_string_equal(r.message, "");
	assert_null(r.problem);
	clixml_result_free(&r);
	decode_n(NULL, 0, &r);
	assert_string_equal(r.message, "");
	clixml_result_free(&r);
	/* Text before the header, and a BOM. */
	decode("\xef\xbb\xbfsshd: hello\r\n" HDR OBJS "<S S=\"Error\">boom"
	       "_x000D__x000A_</S>" END, &r);
	assert_true(r.clixml);
	assert_string_equal(r.message, "sshd: hello\nboom");
	clixml_result_free(&r);
}

/* An error record as an object (-OutputFormat xml, or a deserialized
 * one): message from ErrorDetails, else the exception. */
static void
serialized_record(void **state)
{
	static const char rec[] =
		HDR OBJS "<Obj S=\"error\" RefId=\"0\"><TN RefId=\"0\">"
		"<T>System.Management.Automation.ErrorRecord</T>"
		"<T>System.Object</T></TN><ToString>The cluster service is not "
		"running.</ToString><MS><Obj N=\"Exception\" RefId=\"1\">"
		"<TN RefId=\"1\"><T>Microsoft.FailoverClusters.PowerShell."
		"ClusterCmdletException</T><T>System.Exception</T></TN><Props>"
		"<S N=\"Message\">The cluster service is not running._x000D__x000A_"
		"    There are no more endpoints available from the endpoint "
		"mapper</S><I32 N=\"HResult\">-2147023143</I32></Props></Obj>"
		"<Nil N=\"TargetObject\" /><S N=\"FullyQualifiedErrorId\">"
		"ClusterEndpointNotRegistered,Microsoft.FailoverClusters."
		"PowerShell.GetNodeCommand</S><I32 N=\"ErrorCategory_Category\">"
		"27</I32><S N=\"ErrorCategory_Message\">ConnectionError: (:) "
		"[Get-ClusterNode], ClusterCmdletException</S>"
		"<B N=\"SerializeExtendedInfo\">false</B></MS></Obj>"
		"<Obj S=\"error\" RefId=\"2\"><TNRef RefId=\"0\" /><MS>"
		"<S N=\"FullyQualifiedErrorId\">Other</S>"
		"<S N=\"ErrorDetails_Message\">Details win</S>"
		"<Obj N=\"CategoryInfo\" RefId=\"3\"><ToString>InvalidOperation: "
		"(:) [], RuntimeException</ToString></Obj></MS></Obj>" END;
	struct clixml_result r;

	(void)state;
	decode(rec, &r);
	assert_int_equal(r.n_records, 2);
	assert_string_equal(r.records[0].message, "The cluster service is not "
			    "running.\n    There are no more endpoints "
			    "available from the endpoint mapper");
	assert_string_equal(r.records[0].fqid, endpoint_id);
	assert_string_equal(r.records[0].category, endpoint_cat);
	assert_true(r.records[0].has_hresult);
	assert_int_equal(r.records[0].hresult, -2147023143);
	assert_string_equal(r.records[1].message, "Details win");
	assert_string_equal(r.records[1].fqid, "Other");
	assert_string_equal(r.records[1].category,
			    "InvalidOperation: (:) [], RuntimeException");
	assert_false(r.records[1].has_hresult);
	clixml_result_free(&r);
}

/* Broken documents: the error strings are picked out lexically and the
 * problem is said; a DTD is refused, its entities never expanded. */
static void
broken(void **state)
{
	struct clixml_result r;

	(void)state;
	decode(HDR OBJS "<S S=\"Error\">oops &amp; _x000A_more<S>" END, &r);
	assert_non_null(r.problem);
	assert_non_null(strstr(r.problem, "not readable"));
	assert_string_equal(r.message, "oops &\nmore");
	clixml_result_free(&r);
	decode(HDR "<Objs><!DOCTYPE o [<!ENTITY a \"AAAA\">]>"
	       "<S S=\"Error\">&a;&#65;&#x42;&#0;&#xD800;</S>" END, &r);
	assert_non_null(r.problem);
	assert_non_null(strstr(r.problem, "DTD"));
	assert_string_equal(r.message, "&a;AB\xef\xbf\xbd\xef\xbf\xbd");
	clixml_result_free(&r);
	decode(HDR "<Objs><<<>>>" END, &r);
	assert_non_null(r.problem);
	assert_non_null(strstr(r.problem, "holds no error text"));
	assert_string_equal(r.message, "");
	clixml_result_free(&r);
	/* Elements PowerShell does not write are passed over. */
	decode(HDR "<Objs><Other/><S S=\"warning\">w</S><S>s</S>"
	       "<Obj S=\"information\"/>" END, &r);
	assert_null(r.problem);
	assert_string_equal(r.message, "");
	clixml_result_free(&r);
	decode(HDR "<Objsy/>text\r\n", &r);
	assert_string_equal(r.message, "<Objsy/>text");
	clixml_result_free(&r);
}

static void
garbage(void **state)
{
	unsigned char buf[4096];
	unsigned seed = 12345;
	struct clixml_result r;
	size_t i, round;

	(void)state;
	for (round = 0; round < 200; round++) {
		for (i = 0; i < sizeof(buf); i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (unsigned char)(seed >> 16);
			/* Now and then the pieces of CLIXML. */
			if ((seed >> 8) % 97 == 0 && i + 16 < sizeof(buf)) {
				static const char *const bits[] = {
					"#< CLIXML\r\n", "<Objs>", "</Objs>",
					"<S S=\"Error\">", "</S>", "_x000A_",
					"+ CategoryInfo : ", "\r\n",
				};
				const char *b = bits[(seed >> 4) % 8];

				memcpy(buf + i, b, strlen(b));
				i += strlen(b) - 1;
			}
		}
		decode_n((const char *)buf, sizeof(buf), &r);
		clixml_result_free(&r);
	}
}

static void
too_large(void **state)
{
	struct clixml_result r;
	char *err = NULL;

	(void)state;
	assert_int_equal(clixml_decode("x", (size_t)CLIXML_MAX + 1, &r, &err),
			 -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "MiB"));
	free(err);
	clixml_result_free(&r);
}

static void
category_word(void **state)
{
	char b[32];

	(void)state;
	assert_string_equal(clixml_category_word(b, sizeof(b), endpoint_cat),
			    "ConnectionError");
	assert_string_equal(clixml_category_word(b, sizeof(b),
			    "NotSpecified: (:) [], X"), "NotSpecified");
	assert_string_equal(clixml_category_word(b, sizeof(b), "no colon"), "");
	assert_string_equal(clixml_category_word(b, sizeof(b), ": x"), "");
	assert_string_equal(clixml_category_word(b, sizeof(b), NULL), "");
	assert_string_equal(clixml_category_word(b, 4, "LongWord: x"), "");
}

/* Lines that only look wrapped: the longest line followed by a position
 * line, an indented line, or a label is never joined to it. */
static void
not_wrapped(void **state)
{
	struct clixml_result r;

	(void)state;
	decode("Cmd : A message that is the longest line of them all, "
	       "longer than sixty columns.\r\nAt line:1 char:1\r\n"
	       "+ Cmd\r\n+ ~~~\r\n    + CategoryInfo          : NotSpecified: "
	       "(:) [], E\r\n    + FullyQualifiedErrorId : Id\r\n \r\n", &r);
	assert_int_equal(r.n_records, 1);
	assert_string_equal(r.records[0].message, "Cmd : A message that is "
			    "the longest line of them all, longer than sixty "
			    "columns.");
	assert_string_equal(r.records[0].fqid, "Id");
	clixml_result_free(&r);
	/* A record without a position (no InvocationInfo). */
	decode("Just words\r\n    + CategoryInfo          : ReadError: (:) "
	       "[], X\r\n    + FullyQualifiedErrorId : Y\r\n \r\nnext one\r\n"
	       "    + FullyQualifiedErrorId : Z\r\n", &r);
	assert_int_equal(r.n_records, 2);
	assert_string_equal(r.records[0].message, "Just words");
	assert_string_equal(r.records[0].category, "ReadError: (:) [], X");
	assert_string_equal(r.records[1].message, "next one");
	assert_null(r.records[1].category);
	assert_string_equal(r.records[1].fqid, "Z");
	assert_string_equal(r.message, "Just words\nnext one");
	clixml_result_free(&r);
	/* A line cut at a blank that was dropped gets its blank back; a
	 * short line is a line of its own. */
	decode("Cmd : the first line of this message was cut where a blank "
	       "was dropped\r\ncontinuation follows here\r\na second "
	       "paragraph that is the longest line of the error at "
	       "seventy-five\r\n    + FullyQualifiedErrorId : Id\r\n", &r);
	assert_int_equal(r.n_records, 1);
	assert_string_equal(r.records[0].message, "Cmd : the first line of "
			    "this message was cut where a blank was dropped "
			    "continuation follows here\na second paragraph "
			    "that is the longest line of the error at "
			    "seventy-five");
	clixml_result_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(one_error),
		cmocka_unit_test(wrapped_at_80),
		cmocka_unit_test(several_errors),
		cmocka_unit_test(progress_then_error),
		cmocka_unit_test(progress_only),
		cmocka_unit_test(two_documents),
		cmocka_unit_test(truncated),
		cmocka_unit_test(non_ascii),
		cmocka_unit_test(escapes),
		cmocka_unit_test(plain_text),
		cmocka_unit_test(serialized_record),
		cmocka_unit_test(broken),
		cmocka_unit_test(garbage),
		cmocka_unit_test(too_large),
		cmocka_unit_test(category_word),
		cmocka_unit_test(not_wrapped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
