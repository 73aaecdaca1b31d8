/* The wsfc driver's PowerShell scripts: names arrive only as literals,
 * every script has the frame (preferences, UTF-8, try/catch, markers),
 * each action runs exactly its one cmdlet with its switches, and every
 * script fits the -EncodedCommand line cmd.exe takes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "backend/drivers/wsfc/wsfc_scripts.h"
#include "backend/link/remote_shell.h"

static const char *const all_cmdlets[] = {
	"Stop-ClusterResource", "Start-ClusterResource", "Stop-ClusterGroup",
	"Start-ClusterGroup", "Move-ClusterGroup", "Suspend-ClusterNode",
	"Resume-ClusterNode", "Remove-Cluster", "Stop-ClusterNode",
	"Start-ClusterNode", "Set-Cluster", "Invoke-Expression", "iex",
};

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

static bool
has_line(const char *script, const char *line)
{
	size_t len = strlen(line);

	for (const char *p = script; (p = strstr(p, line)) != NULL; p++)
		if ((p == script || p[-1] == '\n') && p[len] == '\n')
			return true;
	return false;
}

/* The frame every script must have. */
static void
check_frame(const char *script)
{
	assert_true(has_line(script, "$ErrorActionPreference = 'Stop'"));
	assert_true(has_line(script,
	    "$ProgressPreference = 'SilentlyContinue'"));
	assert_true(has_line(script,
	    "$WarningPreference = 'SilentlyContinue'"));
	assert_true(has_line(script,
	    "$VerbosePreference = 'SilentlyContinue'"));
	assert_non_null(strstr(script, "[Console]::OutputEncoding = New-Object "
	    "System.Text.UTF8Encoding $false"));
	assert_true(has_line(script, "'" WSFC_SCRIPT_BEGIN "'"));
	assert_true(has_line(script, "'" WSFC_SCRIPT_END "'"));
	assert_true(has_line(script, "try {"));
	assert_non_null(strstr(script, "\n} catch { $r = [ordered]@{ ok = "
	    "$false; error = [ordered]@{ message = "));
	assert_non_null(strstr(script,
	    "fqid = [string]$_.FullyQualifiedErrorId"));
	assert_non_null(strstr(script,
	    "category = [string]$_.CategoryInfo.Category"));
	/* Non-ASCII escaped by the script itself, not left to 5.1. */
	assert_non_null(strstr(script, "'[^\\x00-\\x7f]'"));
	assert_non_null(strstr(script, "'\\u{0:x4}'"));
	/* The preferences come before any work. */
	assert_true(strstr(script, "$ErrorActionPreference") <
		    strstr(script, "try {"));
}

/* The command line of script, which must be built and fit. */
static void
check_fits(const char *script)
{
	const char *argv[] = { script };
	char *err = NULL, *line = remote_shell_command(&remote_shell_powershell,
	    argv, 1, &err);

	if (line == NULL)
		fail_msg("no command line: %s", err);
	assert_true(strlen(line) <= REMOTE_SHELL_CMD_MAX);
	assert_int_equal(strncmp(line, "powershell.exe -NoProfile "
	    "-NonInteractive -EncodedCommand ", 58), 0);
	free(line);
}

static void
test_fetch(void **state)
{
	char *s = wsfc_script_fetch();

	(void)state;
	check_frame(s);
	check_fits(s);
	/* Read-only: no action cmdlet at all. */
	for (size_t i = 0; i < sizeof(all_cmdlets) / sizeof(*all_cmdlets); i++)
		assert_int_equal(count(s, all_cmdlets[i]), 0);
	assert_int_equal(count(s, "Get-ClusterNode"), 1);
	assert_int_equal(count(s, "Get-ClusterGroup"), 1);
	assert_int_equal(count(s, "Get-ClusterResource)"), 1);
	assert_int_equal(count(s, "Get-ClusterResourceDependency"), 1);
	/* Every capture property asked for by name. */
	static const char *const props[] = {
		"'DrainStatus'", "'NodeWeight'", "'DynamicWeight'",
		"'OwnerNode'", "'GroupType'", "'IsCoreGroup'", "'Priority'",
		"'PersistentState'", "'OwnerGroup'", "'ResourceType'",
		"'IsCoreResource'", "'MaintenanceMode'",
		"'LastOperationStatusCode'", "'DependencyExpression'",
		"'StatusInformation'", "'Resource'",
	};
	for (size_t i = 0; i < sizeof(props) / sizeof(*props); i++)
		assert_non_null(strstr(s, props[i]));
	/* Arrays forced: -InputObject, and @() round every list. */
	assert_non_null(strstr(s, "ConvertTo-Json -InputObject $o"));
	assert_non_null(strstr(s, "$n = @(Get-ClusterNode"));
	assert_non_null(strstr(s, "$g = @(Get-ClusterGroup"));
	free(s);
}

static void
test_doorbell(void **state)
{
	char *s = wsfc_script_doorbell();

	(void)state;
	check_frame(s);
	check_fits(s);
	assert_non_null(strstr(s, "'" WSFC_DOORBELL_LINE "'"));
	/* Ends with its stdin. */
	assert_non_null(strstr(s, "$in = [Console]::OpenStandardInput()"));
	assert_non_null(strstr(s, "if ($t.Result -le 0) { exit 0 }"));
	assert_non_null(strstr(s, "'" REMOTE_SHELL_PONG "' + "));
	for (size_t i = 0; i < sizeof(all_cmdlets) / sizeof(*all_cmdlets); i++)
		assert_int_equal(count(s, all_cmdlets[i]), 0);
	free(s);
}

/* action on name builds, has the frame, fits, holds the line want,
 * and (unless the name itself spells one) runs its cmdlet once and no
 * other action cmdlet. */
static void
check_action(enum wsfc_action a, const char *name, const char *target,
	     bool locked, const char *want)
{
	char *err = NULL;
	char *s = wsfc_script_action(a, name, target, locked, &err);
	const char *cmdlet = wsfc_action_cmdlet(a);

	if (s == NULL)
		fail_msg("refused: %s", err);
	check_frame(s);
	check_fits(s);
	/* A hostile name may spell a cmdlet: inside its literal. */
	if (strstr(name, "Cluster") != NULL)
		goto line;
	assert_int_equal(count(s, cmdlet), 1);
	for (size_t i = 0; i < sizeof(all_cmdlets) / sizeof(*all_cmdlets); i++)
		if (strcmp(all_cmdlets[i], cmdlet) != 0 &&
		    strstr(cmdlet, all_cmdlets[i]) == NULL)
			assert_int_equal(count(s, all_cmdlets[i]), 0);
line:
	if (!has_line(s, want))
		fail_msg("no line \"%s\" in:\n%s", want, s);
	assert_int_equal(count(s, "-IgnoreLocked"), locked ? 1 : 0);
	free(s);
}

static void
test_actions(void **state)
{
	(void)state;
	check_action(WSFC_RESOURCE_OFFLINE, "Cluster Disk 1", NULL, false,
	    "$o = Stop-ClusterResource -Name 'Cluster Disk 1' -Wait 0");
	check_action(WSFC_RESOURCE_ONLINE, "IP Address 10.0.0.5", NULL, true,
	    "$o = Start-ClusterResource -Name 'IP Address 10.0.0.5' "
	    "-IgnoreLocked -Wait 0");
	check_action(WSFC_GROUP_OFFLINE, "FS1", NULL, false,
	    "$o = Stop-ClusterGroup -Name 'FS1' -Wait 0");
	check_action(WSFC_GROUP_ONLINE, "FS1", NULL, true,
	    "$o = Start-ClusterGroup -Name 'FS1' -IgnoreLocked -Wait 0");
	check_action(WSFC_GROUP_MOVE, "FS1", "node2", false,
	    "$o = Move-ClusterGroup -Name 'FS1' -Node 'node2' -Wait 0");
	check_action(WSFC_GROUP_MOVE, "FS1", NULL, false,
	    "$o = Move-ClusterGroup -Name 'FS1' -Wait 0");
	check_action(WSFC_GROUP_MOVE, "FS1", "n2", true,
	    "$o = Move-ClusterGroup -Name 'FS1' -Node 'n2' -IgnoreLocked "
	    "-Wait 0");
	check_action(WSFC_NODE_PAUSE, "node1", NULL, false,
	    "$o = Suspend-ClusterNode -Name 'node1' -Drain "
	    "-Confirm:$false");
	check_action(WSFC_NODE_RESUME, "node1", NULL, false,
	    "$o = Resume-ClusterNode -Name 'node1'");
}

/* A hostile name is one literal: its quote doubled, nothing after it
 * but the switches. */
static void
test_hostile_names(void **state)
{
	(void)state;
	check_action(WSFC_GROUP_OFFLINE, "a'; Remove-ClusterGroup x; '", NULL,
	    false, "$o = Stop-ClusterGroup -Name 'a''; Remove-ClusterGroup x; "
	    "''' -Wait 0");
	check_action(WSFC_GROUP_MOVE, "g", "n' -Node 'evil", false,
	    "$o = Move-ClusterGroup -Name 'g' -Node 'n'' -Node ''evil' "
	    "-Wait 0");
	/* A curly quote is a quote to PowerShell: doubled too. */
	check_action(WSFC_RESOURCE_OFFLINE, "r\xe2\x80\x99x", NULL, false,
	    "$o = Stop-ClusterResource -Name 'r\xe2\x80\x99\xe2\x80\x99x' "
	    "-Wait 0");
	/* Newlines and $ stay inside the literal. */
	check_action(WSFC_RESOURCE_ONLINE, "$(Remove-Cluster)", NULL, false,
	    "$o = Start-ClusterResource -Name '$(Remove-Cluster)' -Wait 0");
}

static void
expect_refused(enum wsfc_action a, const char *name, const char *target,
	       bool locked, const char *word)
{
	char *err = NULL;
	char *s = wsfc_script_action(a, name, target, locked, &err);

	if (s != NULL)
		fail_msg("accepted:\n%s", s);
	assert_non_null(err);
	if (strstr(err, word) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", err, word);
	free(err);
}

static void
test_refused(void **state)
{
	(void)state;
	expect_refused(WSFC_GROUP_OFFLINE, "bad\xff", NULL, false, "UTF-8");
	expect_refused(WSFC_GROUP_MOVE, "g", "n\xc3", false, "target node");
	expect_refused(WSFC_GROUP_OFFLINE, "", NULL, false, "no group name");
	expect_refused(WSFC_RESOURCE_OFFLINE, NULL, NULL, false, "resource");
	expect_refused(WSFC_GROUP_ONLINE, "g", "n", false, "no target");
	expect_refused(WSFC_NODE_PAUSE, "n", NULL, true, "-IgnoreLocked");
	expect_refused(WSFC_ACTION_COUNT, "n", NULL, false, "unknown");
	assert_null(wsfc_action_cmdlet(WSFC_ACTION_COUNT));
}

/* The longest name that still fits is accepted by the builder; one
 * that does not is refused there, before anything is sent. */
static void
test_long_names(void **state)
{
	char name[4000], *err = NULL, *s, *line;
	const char *argv[1];

	(void)state;
	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	s = wsfc_script_action(WSFC_GROUP_OFFLINE, name, NULL, false, &err);
	assert_non_null(s);
	argv[0] = s;
	line = remote_shell_command(&remote_shell_powershell, argv, 1, &err);
	assert_null(line);
	assert_non_null(strstr(err, "8191"));
	free(err);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fetch),
		cmocka_unit_test(test_doorbell),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_hostile_names),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_long_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
