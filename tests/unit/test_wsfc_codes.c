/* The WSFC code and error-id tables: well-formed, looked up by number and
 * id only, HRESULTs unwrapped, unknown numbers never guessed, and the
 * faults that make a node a dead link. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "backend/drivers/wsfc/clixml.h"
#include "backend/drivers/wsfc/wsfc_codes.h"

static void
tables(void **state)
{
	size_t i, j;

	(void)state;
	assert_true(n_wsfc_codes > 40);
	for (i = 0; i < n_wsfc_codes; i++) {
		const struct wsfc_code *c = &wsfc_codes[i];
		size_t n = strlen(c->meaning);

		if (i > 0)
			assert_true(wsfc_codes[i - 1].code < c->code);
		assert_true(strlen(c->name) > 4);
		assert_true(strncmp(c->name, "ERROR_", 6) == 0 ||
			    strncmp(c->name, "RPC_S_", 6) == 0 ||
			    strncmp(c->name, "EPT_S_", 6) == 0);
		assert_true(n > 0 && c->meaning[n - 1] == '.');
		assert_ptr_equal(wsfc_code_find(c->code), c);
	}
	/* Every fault has exactly one entry, and its words. */
	for (i = 0; i <= WSFC_FAULT_SCRIPT; i++) {
		size_t seen = 0;

		for (j = 0; j < n_wsfc_faults; j++)
			seen += wsfc_faults[j].fault == (enum wsfc_fault)i;
		assert_int_equal(seen, 1);
		assert_int_equal(wsfc_fault_info((enum wsfc_fault)i)->fault, i);
		assert_true(strlen(wsfc_fault_info((enum wsfc_fault)i)->word) >
			    0);
	}
	for (i = 0; i < n_wsfc_errids; i++) {
		assert_null(strchr(wsfc_errids[i].id, ','));
		assert_ptr_equal(wsfc_errid_find(wsfc_errids[i].id),
				 &wsfc_errids[i]);
	}
}

static void
codes(void **state)
{
	const struct wsfc_code *c;

	(void)state;
	c = wsfc_code_find(0);
	assert_non_null(c);
	assert_string_equal(c->name, "ERROR_SUCCESS");
	assert_int_equal(c->fault, WSFC_FAULT_NONE);
	c = wsfc_code_find(5007);
	assert_string_equal(c->name, "ERROR_RESOURCE_NOT_FOUND");
	assert_string_equal(c->meaning, "The cluster resource could not be "
			    "found.");
	assert_int_equal(c->fault, WSFC_FAULT_NOT_FOUND);
	assert_string_equal(wsfc_code_find(5013)->name, "ERROR_GROUP_NOT_FOUND");
	assert_string_equal(wsfc_code_find(5004)->name,
			    "ERROR_RESOURCE_NOT_ONLINE");
	assert_int_equal(wsfc_code_find(5960)->fault, WSFC_FAULT_LOCKED);
	assert_int_equal(wsfc_code_find(5925)->fault, WSFC_FAULT_NO_QUORUM);
	assert_int_equal(wsfc_code_find(1753)->fault, WSFC_FAULT_SERVICE_DOWN);
	assert_int_equal(wsfc_code_find(1722)->fault, WSFC_FAULT_UNREACHABLE);
	assert_int_equal(wsfc_code_find(5)->fault, WSFC_FAULT_ACCESS_DENIED);
	assert_null(wsfc_code_find(4242));
	assert_null(wsfc_code_find(5055));
	assert_null(wsfc_code_find(UINT64_C(1) << 40));
}

/* HRESULT_FROM_WIN32 as an unsigned 32-bit, sign-extended 64-bit, or a
 * negative Int32 (the OM's -2147023143) read into 64 bits. */
static void
hresults(void **state)
{
	(void)state;
	assert_string_equal(wsfc_code_find(0x800706D9u)->name,
			    "EPT_S_NOT_REGISTERED");
	assert_string_equal(wsfc_code_find(UINT64_C(0xFFFFFFFF800706D9))->name,
			    "EPT_S_NOT_REGISTERED");
	assert_string_equal(wsfc_code_find((uint64_t)(int64_t)-2147023174)->name,
			    "RPC_S_SERVER_UNAVAILABLE");
	assert_string_equal(wsfc_code_find(0x8007138Fu)->name,
			    "ERROR_RESOURCE_NOT_FOUND");
	/* Another facility is not a Win32 code. */
	assert_null(wsfc_code_find(0x800406D9u));
	assert_null(wsfc_code_find(UINT64_C(0x00000001800706D9)));
}

static void
describe(void **state)
{
	char b[256];

	(void)state;
	assert_string_equal(wsfc_code_describe(b, sizeof(b), 5007),
			    "5007 ERROR_RESOURCE_NOT_FOUND: The cluster resource "
			    "could not be found.");
	assert_string_equal(wsfc_code_describe(b, sizeof(b), 0),
			    "0 ERROR_SUCCESS: The operation completed "
			    "successfully.");
	assert_string_equal(wsfc_code_describe(b, sizeof(b), 0x800706D9u),
			    "0x800706D9 = 1753 EPT_S_NOT_REGISTERED: There are "
			    "no more endpoints available from the endpoint "
			    "mapper.");
	assert_string_equal(wsfc_code_describe(b, sizeof(b), 4242),
			    "code 4242 (unknown)");
	assert_string_equal(wsfc_code_describe(b, sizeof(b), UINT64_MAX),
			    "code 18446744073709551615 (unknown)");
	assert_string_equal(wsfc_code_describe(b, 10, 5007), "5007 ERRO");
}

static void
errids(void **state)
{
	const struct wsfc_errid *e;

	(void)state;
	e = wsfc_errid_find("ClusterEndpointNotRegistered,Microsoft."
			    "FailoverClusters.PowerShell.GetNodeCommand");
	assert_non_null(e);
	assert_int_equal(e->fault, WSFC_FAULT_SERVICE_DOWN);
	e = wsfc_errid_find("ClusterRpcConnection,Microsoft.FailoverClusters."
			    "PowerShell.GetResourceCommand");
	assert_int_equal(e->fault, WSFC_FAULT_UNREACHABLE);
	assert_int_equal(wsfc_errid_find("ClusterNodeNotReachable,Microsoft."
		"FailoverClusters.PowerShell.NewClusterCommand")->fault,
		WSFC_FAULT_OTHER_NODE);
	assert_int_equal(wsfc_errid_find("NamedParameterNotFound,Microsoft."
		"FailoverClusters.PowerShell.GetClusterOwnerNodeCommand")->fault,
		WSFC_FAULT_SCRIPT);
	assert_non_null(wsfc_errid_find("clusterendpointnotregistered"));
	assert_null(wsfc_errid_find("ClusterEndpointNotRegisteredX,A.B"));
	assert_null(wsfc_errid_find("ClusterEndpoint"));
	assert_null(wsfc_errid_find("Move-ClusterGroup,Microsoft."
		"FailoverClusters.PowerShell.MoveClusterGroupCommand"));
	assert_null(wsfc_errid_find(""));
	assert_null(wsfc_errid_find(NULL));
}

static void
dead_links(void **state)
{
	(void)state;
	assert_true(wsfc_fault_info(WSFC_FAULT_SERVICE_DOWN)->dead_link);
	assert_true(wsfc_fault_info(WSFC_FAULT_UNREACHABLE)->dead_link);
	assert_true(wsfc_fault_info(WSFC_FAULT_NO_QUORUM)->dead_link);
	assert_true(wsfc_fault_info(WSFC_FAULT_SHUTTING_DOWN)->dead_link);
	assert_true(wsfc_fault_info(WSFC_FAULT_NOT_CLUSTERED)->dead_link);
	assert_false(wsfc_fault_info(WSFC_FAULT_NONE)->dead_link);
	assert_false(wsfc_fault_info(WSFC_FAULT_OTHER)->dead_link);
	assert_false(wsfc_fault_info(WSFC_FAULT_LOCKED)->dead_link);
	assert_false(wsfc_fault_info(WSFC_FAULT_BUSY)->dead_link);
	assert_false(wsfc_fault_info(WSFC_FAULT_OTHER_NODE)->dead_link);
	assert_false(wsfc_fault_info(WSFC_FAULT_SCRIPT)->dead_link);
	assert_string_equal(wsfc_fault_info(WSFC_FAULT_SERVICE_DOWN)->word,
			    "service-down");
	/* Out of range falls back to a plain failure. */
	assert_int_equal(wsfc_fault_info((enum wsfc_fault)999)->fault,
			 WSFC_FAULT_OTHER);
}

static void
classify(void **state)
{
	(void)state;
	/* The id wins over the code. */
	assert_int_equal(wsfc_classify("ClusterRpcConnection,X", true, 5960),
			 WSFC_FAULT_UNREACHABLE);
	assert_int_equal(wsfc_classify("Move-ClusterGroup,X", true, 5960),
			 WSFC_FAULT_LOCKED);
	assert_int_equal(wsfc_classify(NULL, true, 0x800706D9u),
			 WSFC_FAULT_SERVICE_DOWN);
	assert_int_equal(wsfc_classify(NULL, true, 4242), WSFC_FAULT_OTHER);
	assert_int_equal(wsfc_classify("Unknown,X", false, 0), WSFC_FAULT_OTHER);
	assert_int_equal(wsfc_classify(NULL, false, 1753), WSFC_FAULT_OTHER);
}

/* From stderr to "this node is a dead link", by id alone: the message is
 * localized, here in German, and plays no part. */
static void
from_stderr(void **state)
{
	static const char de[] =
		"#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas."
		"microsoft.com/powershell/2004/04\"><S S=\"Error\">Get-ClusterNode"
		" : Der Clusterdienst wird nicht ausgef\xc3\xbchrt._x000D__x000A_"
		"</S><S S=\"Error\">In Zeile:1 Zeichen:1_x000D__x000A_</S>"
		"<S S=\"Error\">+ Get-ClusterNode_x000D__x000A_</S>"
		"<S S=\"Error\">+ ~~~~~~~~~~~~~~~_x000D__x000A_</S>"
		"<S S=\"Error\">    + CategoryInfo          : ConnectionError: (:) "
		"[Get-ClusterNode], ClusterCmdletException_x000D__x000A_</S>"
		"<S S=\"Error\">    + FullyQualifiedErrorId : "
		"ClusterEndpointNotRegistered,Microsoft.FailoverClusters."
		"PowerShell.GetNodeCommand_x000D__x000A_</S>"
		"<S S=\"Error\"> _x000D__x000A_</S></Objs>";
	struct clixml_result r;
	char *err = NULL, word[32];
	enum wsfc_fault f;

	(void)state;
	assert_int_equal(clixml_decode(de, strlen(de), &r, &err), 0);
	f = wsfc_classify(clixml_first_fqid(&r), false, 0);
	assert_int_equal(f, WSFC_FAULT_SERVICE_DOWN);
	assert_true(wsfc_fault_info(f)->dead_link);
	assert_string_equal(clixml_category_word(word, sizeof(word),
			    r.records[0].category), "ConnectionError");
	/* The translated position line is not part of the message. */
	assert_string_equal(r.message, "Get-ClusterNode : Der Clusterdienst "
			    "wird nicht ausgef\xc3\xbchrt.");
	clixml_result_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tables),
		cmocka_unit_test(codes),
		cmocka_unit_test(hresults),
		cmocka_unit_test(describe),
		cmocka_unit_test(errids),
		cmocka_unit_test(dead_links),
		cmocka_unit_test(classify),
		cmocka_unit_test(from_stderr),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
