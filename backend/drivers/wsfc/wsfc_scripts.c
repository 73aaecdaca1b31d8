/* The wsfc driver's PowerShell scripts, as text.
 *
 * Every script is the same frame around a body: preferences first (so
 * that not even a warning reaches stdout as text: in text mode 5.1
 * writes WARNING: lines to stdout, wrapped at the console width), UTF-8
 * output when the host lets us set it (the setter throws without a
 * console: that is not an error), a try whose catch turns any error
 * into the error object, and the framed JSON. ConvertTo-Json in 5.1
 * writes non-ASCII raw, in whatever the output encoding is; the
 * frame's converter escapes it itself, one UTF-16 unit at a time, so a
 * character past U+FFFF becomes its surrogate pair as JSON wants.
 * -InputObject keeps arrays arrays (a pipeline would unroll one of one).
 * The exit code is 1 when ok is false, so that exit code and envelope
 * agree. Lines are LF: PowerShell takes either. */
#include "backend/drivers/wsfc/wsfc_scripts.h"

#include <stdlib.h>
#include <string.h>

#include "backend/link/remote_shell.h"
#include "backend/util/xalloc.h"

static const char frame_head[] =
	"$ErrorActionPreference = 'Stop'\n"
	"$ProgressPreference = 'SilentlyContinue'\n"
	"$WarningPreference = 'SilentlyContinue'\n"
	"$VerbosePreference = 'SilentlyContinue'\n"
	"try { [Console]::OutputEncoding = New-Object "
	    "System.Text.UTF8Encoding $false } catch { }\n"
	"function ConvertTo-CconJson($o) { "
	    "[regex]::Replace((ConvertTo-Json -InputObject $o -Depth 4 "
	    "-Compress), '[^\\x00-\\x7f]', { param($m) '\\u{0:x4}' -f "
	    "[int][char]$m.Value }) }\n"
	"try {\n";

#define FRAME_TAIL_ANSWER \
	"} catch { $r = [ordered]@{ ok = $false; error = [ordered]@{ " \
	    "message = [string]$_.Exception.Message; fqid = " \
	    "[string]$_.FullyQualifiedErrorId; category = " \
	    "[string]$_.CategoryInfo.Category } } }\n" \
	"'" WSFC_SCRIPT_BEGIN "'\n" \
	"ConvertTo-CconJson $r\n" \
	"'" WSFC_SCRIPT_END "'\n"

static const char frame_tail[] =
	FRAME_TAIL_ANSWER
	"if (-not $r.ok) { exit 1 }\n";

/* A watched script ends its process itself: the watchdog's runspace
 * thread is not a background one (PowerShell's pipeline threads are
 * plain Threads), so returning from the script could leave
 * powershell.exe waiting for it, and so for the end of stdin, which ccon
 * sends only once the command has ended. Console.Out flushes each write,
 * so what the script printed is out. */
static const char frame_tail_watched[] =
	FRAME_TAIL_ANSWER
	"[Environment]::Exit([int](-not $r.ok))\n";

/* Flattening: each listed property as a plain value. Enums become their
 * numbers (ConvertTo-Json would write a UInt64 enum as its name), object
 * references (OwnerNode, OwnerGroup, ResourceType, Resource) their .Name,
 * a property this Windows lacks null. The fetch and the doorbell read
 * the same properties, so that whatever a fetch would show differently
 * rings the doorbell. */
#define FLAT_FUNCTION \
	"function ConvertTo-CconFlat($o, $p) { $h = [ordered]@{}; " \
	    "foreach ($k in $p) { $v = $o.$k; if ($v -is [enum]) { $v = " \
	    "[int64]$v } elseif ($null -ne $v -and $v -isnot [string] " \
	    "-and $v -isnot [ValueType]) { $v = [string]$v.Name }; $h[$k] " \
	    "= $v }; $h }\n"
#define NODE_PROPS \
	"@('Name', 'Id', 'State', 'DrainStatus', 'StatusInformation', " \
	    "'NodeWeight', 'DynamicWeight')"
#define GROUP_PROPS \
	"@('Name', 'Id', 'State', 'OwnerNode', 'GroupType', 'IsCoreGroup', " \
	    "'Priority', 'StatusInformation', 'PersistentState')"
#define RESOURCE_PROPS \
	"@('Name', 'Id', 'State', 'OwnerGroup', 'OwnerNode', " \
	    "'ResourceType', 'IsCoreResource', 'MaintenanceMode', " \
	    "'StatusInformation', 'LastOperationStatusCode')"
#define DEPENDENCY_PROPS "@('Resource', 'DependencyExpression')"
#define FLAT(list, props) \
	"@(" list " | ForEach-Object { ConvertTo-CconFlat $_ " props " })"

static const char fetch_body[] =
	FLAT_FUNCTION
	"$c = Get-Cluster\n"
	"$n = " FLAT("Get-ClusterNode", NODE_PROPS) "\n"
	"$g = " FLAT("Get-ClusterGroup", GROUP_PROPS) "\n"
	"$a = @(Get-ClusterResource)\n"
	"$s = " FLAT("$a", RESOURCE_PROPS) "\n"
	"$d = " FLAT("$a | Get-ClusterResourceDependency", DEPENDENCY_PROPS)
	    "\n"
	"$r = [ordered]@{ ok = $true; cluster = [string]$c.Name; node "
	    "= [string]$env:COMPUTERNAME; ps = "
	    "[string]$PSVersionTable.PSVersion; nodes = $n; groups = $g; "
	    "resources = $s; dependencies = $d }\n";

/* The doorbell's digest is what the fetch reads, in process, once a
 * second: nodes, groups and resources at every poll, the dependencies
 * (one query per resource, and rarely edited) at every 30th. A quiet
 * doorbell so vouches for everything a fetch would show, and the
 * driver need not start a powershell.exe to make sure.
 * stdin is read through a Task on the raw stream, so that the loop sees
 * its end (0 bytes) without blocking on it: .NET Framework's Console.In
 * answers ReadLineAsync synchronously (inference from its reference
 * source, SyncTextReader), which would hold the loop until a line came.
 * Each line read (a ping) is answered with REMOTE_SHELL_PONG and the
 * line, as the POSIX stream wrapper does, but only after a look that
 * began once the ping was there: the answer says that what the cluster
 * held when the ping left has been compared. The wait between looks
 * ends when stdin has something, so a ping is answered one look after
 * it arrives rather than up to a second later, which the link would
 * take for a slow node. exit is not an error, so the catch never sees
 * the end. */
static const char doorbell_body[] =
	FLAT_FUNCTION
	"$in = [Console]::OpenStandardInput()\n"
	"$buf = New-Object byte[] 4096\n"
	"$t = $in.ReadAsync($buf, 0, $buf.Length)\n"
	"$p = ''\n"
	"$last = $null\n"
	"$j = 0\n"
	"$d = $null\n"
	"while ($true) {\n"
	"$a = @(Get-ClusterResource)\n"
	"if ($j % " WSFC_DOORBELL_DEPENDENCY_POLLS_TEXT " -eq 0) { $d = "
	    FLAT("$a | Get-ClusterResourceDependency", DEPENDENCY_PROPS)
	    " }\n"
	"$j++\n"
	"$k = ConvertTo-Json -Compress -Depth 4 -InputObject @("
	    FLAT("Get-ClusterNode", NODE_PROPS) ", "
	    FLAT("Get-ClusterGroup", GROUP_PROPS) ", "
	    FLAT("$a", RESOURCE_PROPS) ", $d)\n"
	"if ($k -ne $last) { '" WSFC_DOORBELL_LINE "'; $last = $k }\n"
	"while ($t.IsCompleted) { if ($t.Result -le 0) { exit 0 }; $p "
	    "+= [Text.Encoding]::UTF8.GetString($buf, 0, $t.Result); $t = "
	    "$in.ReadAsync($buf, 0, $buf.Length) }\n"
	"while ($p.Contains(\"`n\")) { $i = $p.IndexOf(\"`n\"); "
	    "'" REMOTE_SHELL_PONG "' + $p.Substring(0, $i).TrimEnd(\"`r\"); "
	    "$p = $p.Substring($i + 1) }\n"
	"[void]$t.Wait(1000)\n"
	"}\n";

/* The detail scripts: one object read with Get- cmdlets only (a detail
 * is a query, asked in read-only mode too), more of its properties than
 * the fetch reads, and what the fetch has no place for: possible and
 * preferred owners (Get-ClusterOwnerNode, whose OwnerNodes are node
 * objects), private parameters (Get-ClusterParameter), a group's
 * members and their dependencies, a node's groups. foreach over a null
 * runs no turn where a pipeline would pass the null on. */
#define RESOURCE_DETAIL_PROPS \
	"@('Name', 'Id', 'State', 'OwnerGroup', 'OwnerNode', " \
	    "'ResourceType', 'IsCoreResource', 'MaintenanceMode', " \
	    "'StatusInformation', 'LastOperationStatusCode', " \
	    "'PersistentState', 'RestartAction', 'RestartThreshold', " \
	    "'RestartPeriod', 'RestartDelay', 'RetryPeriodOnFailure', " \
	    "'PendingTimeout', 'DeadlockTimeout', 'IsAlivePollInterval', " \
	    "'LooksAlivePollInterval', 'SeparateMonitor', 'Description')"
#define GROUP_DETAIL_PROPS \
	"@('Name', 'Id', 'State', 'OwnerNode', 'GroupType', 'IsCoreGroup', " \
	    "'Priority', 'StatusInformation', 'PersistentState', " \
	    "'FailoverThreshold', 'FailoverPeriod', 'AutoFailbackType', " \
	    "'FailbackWindowStart', 'FailbackWindowEnd', 'Description')"
#define NODE_DETAIL_PROPS \
	"@('Name', 'Id', 'State', 'DrainStatus', 'StatusInformation', " \
	    "'NodeWeight', 'DynamicWeight', 'DrainTarget', 'DrainErrorCode', " \
	    "'FailbackStatus', 'MajorVersion', 'MinorVersion', " \
	    "'BuildNumber', 'CSDVersion', 'NodeHighestVersion', " \
	    "'NodeLowestVersion', 'Manufacturer', 'Model', 'Description')"
#define OWNERS \
	"@(foreach ($x in ($o | Get-ClusterOwnerNode).OwnerNodes) { " \
	    "[string]$x.Name })"

/* A private parameter as a name and a string (a list joined, bytes
 * counted, null kept). The value of one whose name looks like a
 * secret's never leaves the node: the words are detail.c's
 * (detail_is_secret), which masks them again on ccon's side. */
#define PARAM_FUNCTION \
	"function ConvertTo-CconParam($p) { $n = [string]$p.Name; $v = " \
	    "$p.Value; $s = $n -match " \
	    "'pass|pwd|secret|token|credential|private|key$'; if ($s -or " \
	    "$null -eq $v) { $v = $null } elseif ($v -is [byte[]]) { $v = " \
	    "'(' + $v.Length + ' bytes)' } elseif ($v -is [string]) { } " \
	    "elseif ($v -is [Collections.IEnumerable]) { $v = @(foreach " \
	    "($x in $v) { [string]$x }) -join ', ' } else { $v = " \
	    "[string]$v }; [ordered]@{ Name = $n; Value = $v; Secret = $s " \
	    "} }\n"

static const char detail_resource_tail[] =
	"$r = [ordered]@{ ok = $true; kind = 'resource'; resource = "
	    "ConvertTo-CconFlat $o " RESOURCE_DETAIL_PROPS "; dependency = "
	    "[string]($o | Get-ClusterResourceDependency)."
	    "DependencyExpression; owners = " OWNERS "; parameters = "
	    "@($o | Get-ClusterParameter | ForEach-Object { "
	    "ConvertTo-CconParam $_ }) }\n";

static const char detail_group_tail[] =
	"$m = @($o | Get-ClusterResource)\n"
	"$r = [ordered]@{ ok = $true; kind = 'group'; group = "
	    "ConvertTo-CconFlat $o " GROUP_DETAIL_PROPS "; owners = " OWNERS
	    "; resources = " FLAT("$m", "@('Name', 'State', 'ResourceType', "
	    "'OwnerNode')") "; dependencies = "
	    FLAT("$m | Get-ClusterResourceDependency", DEPENDENCY_PROPS)
	    " }\n";

static const char detail_node_tail[] =
	"$r = [ordered]@{ ok = $true; kind = 'node'; node = "
	    "ConvertTo-CconFlat $o " NODE_DETAIL_PROPS "; groups = "
	    FLAT("$o | Get-ClusterGroup", "@('Name', 'State', "
	    "'IsCoreGroup')") " }\n";

static const char *const cmdlets[WSFC_ACTION_COUNT] = {
	[WSFC_RESOURCE_OFFLINE] = "Stop-ClusterResource",
	[WSFC_RESOURCE_ONLINE] = "Start-ClusterResource",
	[WSFC_GROUP_OFFLINE] = "Stop-ClusterGroup",
	[WSFC_GROUP_ONLINE] = "Start-ClusterGroup",
	[WSFC_GROUP_MOVE] = "Move-ClusterGroup",
	[WSFC_NODE_PAUSE] = "Suspend-ClusterNode",
	[WSFC_NODE_RESUME] = "Resume-ClusterNode",
};

/* A fetch or an action cut short by ccon's timeout (a cmdlet stuck in
 * an RPC to a hung cluster service) must not run on after its channel
 * is gone: nothing is to be left running on a node, and Win32-OpenSSH is
 * not known to end a session's processes when its channel closes. So a
 * second runspace of the same process waits for the end of stdin (ccon
 * holds the channel's stdin open while the command runs, and sends
 * nothing) and then ends the whole process, whatever the script is
 * doing. The doorbell reads its stdin itself, for pings, and leaves at
 * its end between two looks: it is not watched twice. */
static const char watchdog[] =
	"$cconWatch = [PowerShell]::Create().AddScript({ $s = "
	    "[Console]::OpenStandardInput(); $b = New-Object byte[] 1; "
	    "while ($s.Read($b, 0, 1) -gt 0) { }; [Environment]::Exit(1) }); "
	    "$null = $cconWatch.BeginInvoke()\n";

static char *
framed(const char *body)
{
	return xasprintf("%s%s%s", frame_head, body, frame_tail);
}

/* framed, with the watchdog first in the try: its failure (a host that
 * cannot make a runspace) is the script's error, told as any other. */
static char *
framed_watched(const char *body)
{
	return xasprintf("%s%s%s%s", frame_head, watchdog, body,
			 frame_tail_watched);
}

const char *
wsfc_action_cmdlet(enum wsfc_action action)
{
	if ((unsigned)action >= WSFC_ACTION_COUNT)
		return NULL;
	return cmdlets[action];
}

char *
wsfc_script_fetch(void)
{
	return framed_watched(fetch_body);
}

char *
wsfc_script_doorbell(void)
{
	return framed(doorbell_body);
}

/* The literal of name, or NULL with *err saying which name it was. */
static char *
literal(const char *what, const char *name, char **err)
{
	char *why = NULL, *q;

	if (name == NULL || name[0] == '\0') {
		*err = xasprintf("no %s name for the PowerShell script", what);
		return NULL;
	}
	if ((q = remote_shell_psquote(name, strlen(name), &why)) == NULL) {
		*err = xasprintf("%s name: %s", what, why);
		free(why);
	}
	return q;
}

char *
wsfc_script_detail(enum target_kind kind, const char *name, char **err)
{
	const char *cmdlet, *tail;
	char *qname, *body, *script;

	switch (kind) {
	case TARGET_RESOURCE:
		cmdlet = "Get-ClusterResource";
		tail = detail_resource_tail;
		break;
	case TARGET_GROUP:
		cmdlet = "Get-ClusterGroup";
		tail = detail_group_tail;
		break;
	case TARGET_NODE:
		cmdlet = "Get-ClusterNode";
		tail = detail_node_tail;
		break;
	default:
		*err = xasprintf("no WSFC detail of a target of kind %d",
				 (int)kind);
		return NULL;
	}
	if ((qname = literal(target_kind_word(kind), name, err)) == NULL)
		return NULL;
	body = xasprintf(FLAT_FUNCTION PARAM_FUNCTION "$o = %s -Name %s\n%s",
			 cmdlet, qname, tail);
	script = framed_watched(body);
	free(body);
	free(qname);
	return script;
}

char *
wsfc_script_action(enum wsfc_action action, const char *name,
		   const char *target, bool ignore_locked, char **err)
{
	const char *cmdlet = wsfc_action_cmdlet(action), *what, *extra;
	char *qname = NULL, *qtarget = NULL, *node = NULL, *body, *script;

	if (cmdlet == NULL) {
		*err = xasprintf("unknown WSFC action %d", (int)action);
		return NULL;
	}
	if (target != NULL && action != WSFC_GROUP_MOVE) {
		*err = xasprintf("%s takes no target node", cmdlet);
		return NULL;
	}
	if (ignore_locked &&
	    (action == WSFC_NODE_PAUSE || action == WSFC_NODE_RESUME)) {
		*err = xasprintf("%s has no -IgnoreLocked", cmdlet);
		return NULL;
	}
	switch (action) {
	case WSFC_RESOURCE_OFFLINE:
	case WSFC_RESOURCE_ONLINE:
		what = "resource";
		break;
	case WSFC_NODE_PAUSE:
	case WSFC_NODE_RESUME:
		what = "node";
		break;
	default:
		what = "group";
		break;
	}
	if ((qname = literal(what, name, err)) == NULL)
		return NULL;
	if (target != NULL) {
		if ((qtarget = literal("target node", target, err)) == NULL) {
			free(qname);
			return NULL;
		}
		node = xasprintf(" -Node %s", qtarget);
	}
	/* -Wait 0: start the change and return (the cmdlet reference:
	 * "the call is initiated and the cmdlet returns"); ccon polls.
	 * Suspend-ClusterNode's -Wait is a switch, and without it the call
	 * returns at once already. It also takes -Confirm: whatever its
	 * ConfirmImpact (not recorded), a prompt under -NonInteractive
	 * would be an error, so none is asked for. */
	if (action == WSFC_NODE_PAUSE)
		extra = " -Drain -Confirm:$false";
	else if (action == WSFC_NODE_RESUME)
		extra = "";
	else
		extra = " -Wait 0";
	body = xasprintf("$o = %s -Name %s%s%s%s\n"
	    "$r = [ordered]@{ ok = $true; name = [string]$o.Name; "
	    "state = [int]$o.State }\n", cmdlet, qname, node ? node : "",
	    ignore_locked ? " -IgnoreLocked" : "", extra);
	script = framed_watched(body);
	free(body);
	free(node);
	free(qtarget);
	free(qname);
	return script;
}
