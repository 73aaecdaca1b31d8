/* The fake Windows node (tests/wsfc/fake-node) and the wsfc scripts
 * through it, with no sshd: each script is built by wsfc_scripts,
 * turned into its command line by remote_shell_powershell, and that
 * line run as the fake powershell.exe's argv. What the fake must do:
 * answer the fetch in the capture format, take the cluster through its
 * pending states over calls, end an offline of a failed resource
 * Offline, take a hostile name as one literal when quoted and refuse it
 * when not, refuse a line cmd.exe would refuse, fail every cmdlet with
 * the documented error when the cluster service is down, and log what
 * it ran; the doorbell's changes, pongs and ends. Needs python3
 * (scripts/install-deps). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "backend/drivers/wsfc/wsfc_capture.h"
#include "backend/drivers/wsfc/wsfc_scripts.h"
#include "backend/link/remote_shell.h"
#include "fake_wsfc.h"

/* Pending states long enough that a loaded machine still sees them
 * on the next call; most tests then settle them with the fault tool,
 * test_group_offline_over_calls waits for them. */
#define PENDING_MS 3000

static struct fake_node fake;

/* The fake run with line's words as its argv, as a shell splits it. */
static struct fake_run
run_line(const char *line)
{
	char *copy = strdup(line), *argv[64], *save = NULL, *w;
	char exe[4200];
	size_t n = 0;
	struct fake_run r;

	assert_non_null(copy);
	for (w = strtok_r(copy, " ", &save); w != NULL && n < 63;
	     w = strtok_r(NULL, " ", &save))
		argv[n++] = w;
	argv[n] = NULL;
	assert_string_equal(argv[0], "powershell.exe");
	snprintf(exe, sizeof(exe), "%s/powershell.exe", fake.dir);
	argv[0] = exe;
	r = fake_run_argv(argv, NULL);
	free(copy);
	return r;
}

/* script through the PowerShell builder and the fake. */
static struct fake_run
run_script(const char *script)
{
	const char *argv[] = { script };
	char *err = NULL, *line = remote_shell_command(&remote_shell_powershell,
	    argv, 1, &err);
	struct fake_run r;

	if (line == NULL)
		fail_msg("no command line: %s", err);
	r = run_line(line);
	free(line);
	return r;
}

static struct fake_run
run_fetch(void)
{
	char *s = wsfc_script_fetch();
	struct fake_run r = run_script(s);

	free(s);
	return r;
}

static struct fake_run
run_action(enum wsfc_action a, const char *name, const char *target,
	   bool locked)
{
	char *err = NULL;
	char *s = wsfc_script_action(a, name, target, locked, &err);
	struct fake_run r;

	if (s == NULL)
		fail_msg("no script: %s", err);
	r = run_script(s);
	free(s);
	return r;
}

/* The fault tool with up to three arguments; it must succeed. */
static void
tool(const char *a, const char *b, const char *c)
{
	char exe[4200];
	char *argv[] = { exe, (char *)a, (char *)b, (char *)c, NULL };
	struct fake_run r;

	snprintf(exe, sizeof(exe), "%s/fake-wsfc", fake.dir);
	r = fake_run_argv(argv, NULL);
	if (r.status != 0)
		fail_msg("fake-wsfc %s: %d: %s", a, r.status, r.err);
	fake_run_free(&r);
}

/* The JSON between the frame's lines, which must be there, CRLF-ended,
 * all ASCII; newly allocated. */
static char *
framed_json(const char *out)
{
	const char *b = strstr(out, WSFC_SCRIPT_BEGIN "\r\n"), *e;
	char *json;

	if (b == NULL)
		fail_msg("no begin marker in:\n%s", out);
	b += strlen(WSFC_SCRIPT_BEGIN "\r\n");
	e = strstr(b, "\r\n" WSFC_SCRIPT_END "\r\n");
	if (e == NULL)
		fail_msg("no end marker in:\n%s", out);
	json = strndup(b, (size_t)(e - b));
	for (const char *p = json; *p; p++)
		assert_true((unsigned char)*p < 0x80 && *p != '\n');
	return json;
}

/* The integer after "field": in the object of section (e.g. "groups")
 * whose Name is name; -999 if there is none. A simple reading that
 * knows the fake's one-line, key-ordered output. */
static long
field_of(const char *json, const char *section, const char *name,
	 const char *field)
{
	char key[512], fkey[128];
	const char *s, *end, *o, *f;

	snprintf(key, sizeof(key), "\"%s\":[", section);
	if ((s = strstr(json, key)) == NULL)
		return -999;
	end = strstr(s, "]");
	snprintf(key, sizeof(key), "{\"Name\":\"%s\",", name);
	if ((o = strstr(s, key)) == NULL || (end != NULL && o > end))
		return -999;
	snprintf(fkey, sizeof(fkey), "\"%s\":", field);
	if ((f = strstr(o, fkey)) == NULL || f > strchr(o, '}'))
		return -999;
	return strtol(f + strlen(fkey), NULL, 10);
}

static long
fetched(const char *section, const char *name, const char *field)
{
	struct fake_run r = run_fetch();
	char *json;
	long v;

	assert_int_equal(r.status, 0);
	json = framed_json(r.out);
	v = field_of(json, section, name, field);
	free(json);
	fake_run_free(&r);
	return v;
}

/* Whether the fetch says group is on node. */
static bool
owner_is(const char *group, const char *node)
{
	struct fake_run r = run_fetch();
	char *json = framed_json(r.out), key[512], want[512];
	const char *o, *end;
	bool yes;

	snprintf(key, sizeof(key), "{\"Name\":\"%s\",\"Id\":", group);
	snprintf(want, sizeof(want), "\"OwnerNode\":\"%s\"", node);
	o = strstr(strstr(json, "\"groups\":["), key);
	assert_non_null(o);
	end = strchr(o, '}');
	yes = strstr(o, want) != NULL && strstr(o, want) < end;
	free(json);
	fake_run_free(&r);
	return yes;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* An action that must succeed with the object's state want. */
static void
expect_action(enum wsfc_action a, const char *name, const char *target,
	      bool locked, const char *want_json)
{
	struct fake_run r = run_action(a, name, target, locked);
	char *json;

	if (r.status != 0)
		fail_msg("action on %s: exit %d\n%s%s", name, r.status, r.out,
			 r.err);
	json = framed_json(r.out);
	if (strcmp(json, want_json) != 0)
		fail_msg("got %s, want %s", json, want_json);
	free(json);
	fake_run_free(&r);
}

/* An action that must fail inside the script: ok false, fqid want. */
static void
expect_action_error(enum wsfc_action a, const char *name,
		    const char *target, bool locked, const char *fqid)
{
	struct fake_run r = run_action(a, name, target, locked);
	char *json = framed_json(r.out);

	assert_int_equal(r.status, 1);
	assert_int_equal(strncmp(json, "{\"ok\":false,\"error\":{\"message\":",
				 31), 0);
	if (strstr(json, fqid) == NULL)
		fail_msg("no %s in %s", fqid, json);
	free(json);
	fake_run_free(&r);
}

static int
setup(void **state)
{
	(void)state;
	tool("init", NULL, NULL);
	unlink(fake.log);
	return 0;
}

static void
test_fetch_capture_format(void **state)
{
	static const char *const keys[] = {
		"{\"ok\":true,\"cluster\":\"FAKECLU\",\"node\":\"NODE1\","
		"\"ps\":\"5.1.",
		"\"nodes\":[{\"Name\":\"NODE1\",\"Id\":\"1\",\"State\":0,"
		"\"DrainStatus\":0,\"StatusInformation\":0,\"NodeWeight\":1,"
		"\"DynamicWeight\":1}",
		"\"groups\":[{\"Name\":\"Cluster Group\",\"Id\":\"",
		"\"State\":0,\"OwnerNode\":\"NODE1\",\"GroupType\":1,"
		"\"IsCoreGroup\":true,\"Priority\":3000,"
		"\"StatusInformation\":0,"
		"\"PersistentState\":1}",
		"\"resources\":[{\"Name\":\"Cluster IP Address\",",
		"\"OwnerGroup\":\"Cluster Group\",\"OwnerNode\":\"NODE1\","
		"\"ResourceType\":\"IP Address\",\"IsCoreResource\":true,"
		"\"MaintenanceMode\":false,\"StatusInformation\":0,"
		"\"LastOperationStatusCode\":0}",
		"\"dependencies\":[{\"Resource\":\"Cluster IP Address\","
		"\"DependencyExpression\":\"\"}",
		"{\"Resource\":\"File Server (\\\\\\\\FS1)\","
		"\"DependencyExpression\":"
		"\"[FS1] and [Cluster Disk 2]\"}]}",
	};
	struct fake_run r = run_fetch();
	char *json;

	(void)state;
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	json = framed_json(r.out);
	for (size_t i = 0; i < sizeof(keys) / sizeof(*keys); i++)
		if (strstr(json, keys[i]) == NULL)
			fail_msg("no %s in %s", keys[i], json);
	free(json);
	fake_run_free(&r);
}

/* The two halves of the capture format agree: what the fetch script
 * prints on the fake node is what the capture parser reads, states and
 * all, and a node whose cluster service is down is refused with the id
 * the driver goes by. */
static void
test_fetch_parses(void **state)
{
	struct wsfc_capture c;
	struct fake_run r;
	char *fqid = NULL, *err = NULL;
	long g, res;

	(void)state;
	tool("fail-resource", "Cluster Disk 2", NULL);
	r = run_fetch();
	assert_int_equal(r.status, 0);
	if (wsfc_capture_parse(r.out, strlen(r.out), "lab", "NODE1", &c, &fqid,
			       &err) != 0)
		fail_msg("the fetch's output did not parse: %s", err);
	assert_string_equal(c.cluster, "FAKECLU");
	assert_string_equal(c.node, "NODE1");
	assert_int_equal(c.snap->n_nodes, 2);
	assert_int_equal(c.snap->nodes[snapshot_find_node(c.snap, "NODE2")]
			 .state, NODE_UP);
	res = snapshot_find_resource(c.snap, "Cluster Disk 2");
	assert_true(res >= 0);
	assert_int_equal(c.snap->resources[res].state, RES_FAILED);
	g = snapshot_find_group(c.snap, "FS1");
	assert_true(g >= 0);
	/* As the cluster reports it, not derived from the members. */
	assert_int_equal(c.snap->groups[g].state, GROUP_FAILED);
	assert_true(c.groups[snapshot_find_group(c.snap, "Cluster Group")]
		    .core);
	assert_false(c.groups[g].core);
	wsfc_capture_free(&c);
	fake_run_free(&r);

	tool("service-down", NULL, NULL);
	r = run_fetch();
	assert_int_equal(wsfc_capture_parse(r.out, strlen(r.out), "lab",
					    "NODE1", &c, &fqid, &err), -1);
	assert_non_null(fqid);
	assert_true(strncmp(fqid, "ClusterEndpointNotRegistered,", 29) == 0);
	assert_non_null(strstr(err, "The cluster service is not running"));
	free(fqid);
	free(err);
	fake_run_free(&r);
}

/* A group's offline: Pending at once and on the next calls, Offline
 * once the pending time is over; its resources OfflinePending then
 * Offline. */
static void
test_group_offline_over_calls(void **state)
{
	(void)state;
	assert_int_equal(fetched("groups", "FS1", "State"), 0);
	expect_action(WSFC_GROUP_OFFLINE, "FS1", NULL, false,
	    "{\"ok\":true,\"name\":\"FS1\",\"state\":4}");
	assert_int_equal(fetched("groups", "FS1", "State"), 4);
	assert_int_equal(fetched("resources", "Cluster Disk 2", "State"), 130);
	sleep_ms(PENDING_MS + 200);
	assert_int_equal(fetched("groups", "FS1", "State"), 1);
	assert_int_equal(fetched("resources", "Cluster Disk 2", "State"), 3);
	/* And back: Start goes through OnlinePending to Online. */
	expect_action(WSFC_GROUP_ONLINE, "FS1", NULL, false,
	    "{\"ok\":true,\"name\":\"FS1\",\"state\":4}");
	assert_int_equal(fetched("resources", "FS1", "State"), 129);
	sleep_ms(PENDING_MS + 200);
	assert_int_equal(fetched("groups", "FS1", "State"), 0);
}

static void
test_failed_resource_offline(void **state)
{
	(void)state;
	tool("fail-resource", "Cluster Disk 2", NULL);
	assert_int_equal(fetched("resources", "Cluster Disk 2", "State"), 4);
	assert_int_equal(fetched("resources", "Cluster Disk 2",
				 "LastOperationStatusCode"), 1460);
	assert_int_equal(fetched("groups", "FS1", "State"), 2);
	expect_action(WSFC_RESOURCE_OFFLINE, "Cluster Disk 2", NULL, false,
	    "{\"ok\":true,\"name\":\"Cluster Disk 2\",\"state\":3}");
	tool("settle", NULL, NULL);
	assert_int_equal(fetched("resources", "Cluster Disk 2", "State"), 3);
	/* What depends on it went down first. */
	assert_int_equal(fetched("resources", "File Server (\\\\\\\\FS1)",
				 "State"), 3);
	tool("settle", NULL, NULL);
	assert_int_equal(fetched("resources", "Cluster Disk 2", "State"), 3);
}

#define HOSTILE "a'; Remove-ClusterGroup x; '"

static const char clixml_head[] = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" "
	"xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
	"<S S=\"Error\">";

static void
test_hostile_name(void **state)
{
	char *err = NULL, *s, *q, *at, *raw;
	struct fake_run r;
	FILE *f;
	char logbuf[65536];
	size_t n;

	(void)state;
	tool("add-group", HOSTILE, NULL);
	/* Quoted: one literal, the group of that very name. */
	expect_action(WSFC_GROUP_OFFLINE, HOSTILE, NULL, false,
	    "{\"ok\":true,\"name\":\"a\\u0027; Remove-ClusterGroup x; "
	    "\\u0027\",\"state\":1}");
	/* A curly quote (doubled by psquote), non-ASCII and a character
	 * past U+FFFF: one literal, and escaped to ASCII in the answer. */
	tool("add-group", "it\xe2\x80\x99s D\xc3\xadsk \xf0\x9f\x98\x80",
	    NULL);
	expect_action(WSFC_GROUP_ONLINE,
	    "it\xe2\x80\x99s D\xc3\xadsk \xf0\x9f\x98\x80", NULL, false,
	    "{\"ok\":true,\"name\":\"it\\u2019s D\\u00edsk "
	    "\\ud83d\\ude00\",\"state\":1}");
	/* Not quoted: the same script with the bare name is refused. */
	s = wsfc_script_action(WSFC_GROUP_OFFLINE, HOSTILE, NULL, false, &err);
	q = remote_shell_psquote(HOSTILE, strlen(HOSTILE), &err);
	assert_non_null(s);
	assert_non_null(q);
	at = strstr(s, q);
	assert_non_null(at);
	raw = malloc(strlen(s) + 1);
	memcpy(raw, s, (size_t)(at - s));
	strcpy(raw + (at - s), HOSTILE);
	strcat(raw, at + strlen(q));
	r = run_script(raw);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_int_equal(strncmp(r.err, clixml_head, sizeof(clixml_head) - 1),
			 0);
	assert_non_null(strstr(r.err, "CconFakeUnknownStatement"));
	assert_non_null(strstr(r.err, "_x000D__x000A_</S></Objs>"));
	fake_run_free(&r);
	/* A bare word is no literal either. */
	strcpy(raw, s);
	at = strstr(raw, q);
	strcpy(at, "FS1 -Wait 0\n");
	strcat(raw, strstr(s, "$r = [ordered]@{ ok = $true"));
	r = run_script(raw);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "single-quoted literal"));
	fake_run_free(&r);
	assert_int_equal(fetched("groups", "FS1", "State"), 0);
	/* The log holds the scripts as they were decoded. */
	f = fopen(fake.log, "r");
	assert_non_null(f);
	n = fread(logbuf, 1, sizeof(logbuf) - 1, f);
	logbuf[n] = '\0';
	fclose(f);
	assert_non_null(strstr(logbuf, "$o = Stop-ClusterGroup -Name 'a''; "
	    "Remove-ClusterGroup x; ''' -Wait 0\n"));
	assert_non_null(strstr(logbuf, "$o = Stop-ClusterGroup -Name FS1 "
	    "-Wait 0\n"));
	free(raw);
	free(q);
	free(s);
}

static void
test_command_line_refused(void **state)
{
	char *line = malloc(9000);
	struct fake_run r;

	(void)state;
	/* Over cmd.exe's limit: refused before any PowerShell. */
	strcpy(line, "powershell.exe -NoProfile -NonInteractive "
	       "-EncodedCommand ");
	memset(line + strlen(line), 'A', 8200);
	line[8200 + 58] = '\0';
	r = run_line(line);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "The command line is too long."));
	fake_run_free(&r);
	/* Base64 in quotes, or not base64 of UTF-16LE: PowerShell's own
	 * refusal. */
	r = run_line("powershell.exe -NoProfile -NonInteractive "
		     "-EncodedCommand 'JAB4AA=='");
	assert_int_equal(r.status, 64);
	assert_non_null(strstr(r.err, "not properly encoded"));
	fake_run_free(&r);
	r = run_line("powershell.exe -NoProfile -NonInteractive "
		     "-EncodedCommand JAB4");
	assert_int_equal(r.status, 64);
	fake_run_free(&r);
	/* Characters cmd.exe interprets, and other switches. */
	r = run_line("powershell.exe -NoProfile -NonInteractive -Command "
		     "Get-ClusterNode|Stop-ClusterNode");
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "cmd.exe"));
	fake_run_free(&r);
	r = run_line("powershell.exe -NoProfile -Command Get-ClusterNode");
	assert_int_equal(r.status, 64);
	fake_run_free(&r);
	/* A script that is none of ccon's, however harmless. */
	r = run_script("Get-ClusterNode");
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "#< CLIXML"));
	fake_run_free(&r);
	free(line);
}

static void
test_service_down(void **state)
{
	struct fake_run r;
	char *json;

	(void)state;
	tool("service-down", NULL, NULL);
	r = run_fetch();
	assert_int_equal(r.status, 1);
	json = framed_json(r.out);
	assert_non_null(strstr(json, "{\"ok\":false,\"error\":{\"message\":"
	    "\"The cluster service is not running."));
	assert_non_null(strstr(json, "\"fqid\":\"ClusterEndpointNotRegistered,"
	    "Microsoft.FailoverClusters.PowerShell.GetClusterCommand\""));
	assert_non_null(strstr(json, "\"category\":\"ConnectionError\"}}"));
	free(json);
	fake_run_free(&r);
	expect_action_error(WSFC_GROUP_MOVE, "FS1", "NODE2", false,
	    "ClusterEndpointNotRegistered,");
	tool("service-up", NULL, NULL);
	assert_int_equal(fetched("nodes", "NODE1", "State"), 0);
	/* Its roles failed over meanwhile. */
	assert_true(owner_is("FS1", "NODE2"));
	/* The other node's service down: it reads Down, its roles fail
	 * over here. */
	tool("settle", NULL, NULL);
	tool("service-down", "NODE2", NULL);
	assert_int_equal(fetched("groups", "FS1", "State"), 4);
	assert_true(owner_is("FS1", "NODE1"));
	assert_int_equal(fetched("nodes", "NODE2", "State"), 1);
	tool("settle", NULL, NULL);
	assert_int_equal(fetched("groups", "FS1", "State"), 0);
}

static void
test_move_drain_locks(void **state)
{
	(void)state;
	expect_action(WSFC_GROUP_MOVE, "FS1", NULL, false,
	    "{\"ok\":true,\"name\":\"FS1\",\"state\":4}");
	tool("settle", NULL, NULL);
	expect_action(WSFC_NODE_PAUSE, "NODE2", NULL, false,
	    "{\"ok\":true,\"name\":\"NODE2\",\"state\":2}");
	assert_int_equal(fetched("nodes", "NODE2", "DrainStatus"), 1);
	assert_int_equal(fetched("nodes", "NODE2", "StatusInformation"), 4);
	/* No role moves to a paused node. */
	expect_action_error(WSFC_GROUP_MOVE, "Cluster Group", "NODE2", false,
	    "Move-ClusterGroup,Microsoft.FailoverClusters.PowerShell."
	    "MoveClusterGroupCommand");
	tool("settle", NULL, NULL);
	assert_int_equal(fetched("nodes", "NODE2", "DrainStatus"), 2);
	assert_int_equal(fetched("nodes", "NODE2", "StatusInformation"), 8);
	/* Its role moved, and came up there. */
	assert_true(owner_is("FS1", "NODE1"));
	assert_int_equal(fetched("groups", "FS1", "State"), 0);
	expect_action(WSFC_NODE_RESUME, "NODE2", NULL, false,
	    "{\"ok\":true,\"name\":\"NODE2\",\"state\":0}");
	/* A drain that fails. */
	tool("fail-drain", "NODE1", NULL);
	expect_action(WSFC_NODE_PAUSE, "NODE1", NULL, false,
	    "{\"ok\":true,\"name\":\"NODE1\",\"state\":2}");
	tool("settle", NULL, NULL);
	assert_int_equal(fetched("nodes", "NODE1", "DrainStatus"), 3);
	assert_int_equal(fetched("nodes", "NODE1", "StatusInformation"), 16);
	expect_action(WSFC_NODE_RESUME, "NODE1", NULL, false,
	    "{\"ok\":true,\"name\":\"NODE1\",\"state\":0}");
	/* Locked: refused unless -IgnoreLocked. */
	tool("lock-group", "FS1", NULL);
	expect_action_error(WSFC_GROUP_OFFLINE, "FS1", NULL, false,
	    "Stop-ClusterGroup,Microsoft.FailoverClusters.PowerShell.");
	expect_action(WSFC_GROUP_OFFLINE, "FS1", NULL, true,
	    "{\"ok\":true,\"name\":\"FS1\",\"state\":4}");
	expect_action_error(WSFC_RESOURCE_ONLINE, "No Such Disk", NULL,
	    false, "Start-ClusterResource,");
}

/* cmd.exe -c LINE, the fake login shell: line as sshd would pass it. */
static struct fake_run
run_cmd(const char *line)
{
	char exe[4200];
	char *argv[] = { exe, (char *)"-c", (char *)line, NULL };

	snprintf(exe, sizeof(exe), "%s/cmd.exe", fake.dir);
	return fake_run_argv(argv, NULL);
}

static void
test_through_cmd(void **state)
{
	char *s = wsfc_script_fetch(), *err = NULL, *line, *quoted, *b64;
	const char *argv[1] = { s };
	struct fake_run r;

	(void)state;
	line = remote_shell_command(&remote_shell_powershell, argv, 1, &err);
	assert_non_null(line);
	r = run_cmd(line);
	assert_int_equal(r.status, 0);
	free(framed_json(r.out));
	fake_run_free(&r);
	/* The base64 in single quotes: cmd.exe passes them on, and
	 * powershell.exe refuses the value. */
	b64 = strrchr(line, ' ') + 1;
	quoted = malloc(strlen(line) + 3);
	sprintf(quoted, "%.*s'%s'", (int)(b64 - line), line, b64);
	r = run_cmd(quoted);
	assert_int_equal(r.status, 64);
	assert_non_null(strstr(r.err, "not properly encoded"));
	fake_run_free(&r);
	/* In double quotes it is one argument without them, as the C
	 * runtime splits it. */
	sprintf(quoted, "%.*s\"%s\"", (int)(b64 - line), line, b64);
	r = run_cmd(quoted);
	assert_int_equal(r.status, 0);
	fake_run_free(&r);
	r = run_cmd("powershell.exe -NoProfile & del x");
	assert_int_equal(r.status, 1);
	fake_run_free(&r);
	r = run_cmd("pwsh -NoProfile -NonInteractive -EncodedCommand JAB4AA==");
	assert_int_equal(r.status, 127);
	assert_non_null(strstr(r.err, "is not recognized"));
	fake_run_free(&r);
	free(quoted);
	free(line);
	free(s);
}

/* 5.1 unrolls a pipeline's single result: the fetch forces its arrays,
 * the same statement without @( ) gets one object. And a property this
 * Windows lacks is null. */
static void
test_one_element_unrolled(void **state)
{
	static const char forced[] = "$n = @(Get-ClusterNode | "
	    "ForEach-Object { ConvertTo-CconFlat $_ @('Name', 'Id', "
	    "'State', 'DrainStatus', 'StatusInformation', 'NodeWeight', "
	    "'DynamicWeight') })\n";
	char *s = wsfc_script_fetch(), *at, *json, *bare;
	struct fake_run r;
	size_t len;

	(void)state;
	tool("delete", "nodes", "NODE2");
	tool("missing", "resources", "LastOperationStatusCode");
	r = run_script(s);
	json = framed_json(r.out);
	assert_non_null(strstr(json, "\"nodes\":[{\"Name\":\"NODE1\","));
	assert_non_null(strstr(json, "\"LastOperationStatusCode\":null}"));
	free(json);
	fake_run_free(&r);
	at = strstr(s, forced);
	assert_non_null(at);
	bare = malloc(strlen(s) + 1);
	memcpy(bare, s, (size_t)(at - s));
	/* "$n = @(" ... ")\n" without "@(" and ")". */
	len = (size_t)(at - s);
	memcpy(bare + len, "$n = ", 5);
	len += 5;
	memcpy(bare + len, forced + 7, sizeof(forced) - 1 - 7 - 2);
	len += sizeof(forced) - 1 - 7 - 2;
	bare[len++] = '\n';
	strcpy(bare + len, at + strlen(forced));
	r = run_script(bare);
	assert_int_equal(r.status, 0);
	json = framed_json(r.out);
	assert_non_null(strstr(json, "\"nodes\":{\"Name\":\"NODE1\","));
	free(json);
	fake_run_free(&r);
	free(bare);
	free(s);
}

/* Only the fetch ran: nothing mutating reached the node. */
static void
test_log_read_only(void **state)
{
	static const char *const mutating[] = {
		"Stop-Cluster", "Start-Cluster", "Move-Cluster",
		"Suspend-Cluster", "Resume-Cluster", "Remove-", "Set-",
	};
	char buf[65536];
	struct fake_run r = run_fetch();
	FILE *f;
	size_t n;

	(void)state;
	fake_run_free(&r);
	r = run_fetch();
	fake_run_free(&r);
	f = fopen(fake.log, "r");
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_non_null(strstr(buf, "$n = @(Get-ClusterNode"));
	for (size_t i = 0; i < sizeof(mutating) / sizeof(*mutating); i++)
		assert_null(strstr(buf, mutating[i]));
}

/* Reads from fd until want arrives or 5 s pass. */
static void
expect_read(int fd, const char *want)
{
	char buf[4096];
	size_t len = 0;

	for (int i = 0; i < 250; i++) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;

		if (poll(&p, 1, 20) <= 0)
			continue;
		n = read(fd, buf + len, sizeof(buf) - 1 - len);
		assert_true(n > 0);
		len += (size_t)n;
		buf[len] = '\0';
		if (strstr(buf, want) != NULL)
			return;
	}
	buf[len] = '\0';
	fail_msg("no \"%s\" from the doorbell, got \"%s\"", want, buf);
}

/* Reads and drops what fd says until it has said nothing for quiet_ms
 * (at most 10 s). */
static void
expect_quiet(int fd, int quiet_ms)
{
	char buf[4096];

	for (int i = 0; i < 10000 / quiet_ms + 1; i++) {
		struct pollfd p = { fd, POLLIN, 0 };

		if (poll(&p, 1, quiet_ms) == 0)
			return;
		assert_true(read(fd, buf, sizeof(buf)) > 0);
	}
	fail_msg("the doorbell never went quiet");
}

/* script started through the builder (and freed); *to writes its
 * stdin, *from reads its stdout. */
static pid_t
start_script(char *s, int *to, int *from)
{
	char *err = NULL, *line, exe[4200];
	const char *argv1[] = { s };
	char *argv[8], *save = NULL;
	int in[2], out[2], n = 0;
	pid_t pid;

	line = remote_shell_command(&remote_shell_powershell, argv1, 1, &err);
	assert_non_null(line);
	snprintf(exe, sizeof(exe), "%s/powershell.exe", fake.dir);
	for (char *w = strtok_r(line, " ", &save); w && n < 7;
	     w = strtok_r(NULL, " ", &save))
		argv[n++] = w;
	argv[n] = NULL;
	argv[0] = exe;
	assert_int_equal(pipe(in), 0);
	assert_int_equal(pipe(out), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[0]);
		close(in[1]);
		close(out[0]);
		close(out[1]);
		execv(exe, argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	free(line);
	free(s);
	*to = in[1];
	*from = out[0];
	return pid;
}

static pid_t
start_doorbell(int *to, int *from)
{
	return start_script(wsfc_script_doorbell(), to, from);
}

/* pid's exit code once it ends by itself within 5 s (else killed and
 * failed). */
static int
exit_of(pid_t pid, const char *what)
{
	int st;

	for (int i = 0; i < 250 && waitpid(pid, &st, WNOHANG) == 0; i++)
		sleep_ms(20);
	if (waitpid(pid, &st, WNOHANG) == 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		fail_msg("the script outlived %s", what);
	}
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void
test_doorbell(void **state)
{
	int to, from;
	pid_t pid;

	(void)state;
	pid = start_doorbell(&to, &from);
	expect_read(from, WSFC_DOORBELL_LINE "\r\n");
	assert_int_equal(write(to, "17\n", 3), 3);
	expect_read(from, REMOTE_SHELL_PONG "17\r\n");
	expect_action(WSFC_RESOURCE_OFFLINE, "Cluster Disk 1", NULL, false,
	    "{\"ok\":true,\"name\":\"Cluster Disk 1\",\"state\":130}");
	expect_read(from, WSFC_DOORBELL_LINE "\r\n");
	/* What only a fetch showed before rings too: a lock (a status
	 * bit, no state or owner changes), once what the stop rings for
	 * has rung. */
	tool("settle", NULL, NULL);
	expect_quiet(from, 2500);
	tool("lock-group", "FS1", NULL);
	expect_read(from, WSFC_DOORBELL_LINE "\r\n");
	/* Its stdin closed: it ends by itself, with 0. */
	close(to);
	assert_int_equal(exit_of(pid, "its stdin"), 0);
	close(from);
}

/* A fetch stuck on the node (a cmdlet in an RPC to a hung cluster
 * service) runs on while its stdin is open, and ends, 1, once it is
 * closed, as when ccon's timeout closes the channel: the watchdog. A
 * fetch without the watchdog is not ccon's, and refused. */
static void
test_watchdog(void **state)
{
	char *s = wsfc_script_fetch(), *w;
	struct fake_run r;
	int to, from, st;
	pid_t pid;

	(void)state;
	w = strstr(s, "$cconWatch = ");
	assert_non_null(w);
	memmove(w, strchr(w, '\n') + 1, strlen(strchr(w, '\n') + 1) + 1);
	r = run_script(s);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "watchdog"));
	fake_run_free(&r);
	free(s);

	tool("hang-fetch", NULL, NULL);
	pid = start_script(wsfc_script_fetch(), &to, &from);
	sleep_ms(500);
	assert_int_equal(waitpid(pid, &st, WNOHANG), 0);
	close(to);
	assert_int_equal(exit_of(pid, "the end of its stdin"), 1);
	close(from);
	tool("hang-fetch", "off", NULL);
}

/* The cluster service stops under it: the framed error, exit 1. */
static void
test_doorbell_service_down(void **state)
{
	int to, from;
	pid_t pid;

	(void)state;
	pid = start_doorbell(&to, &from);
	expect_read(from, WSFC_DOORBELL_LINE "\r\n");
	tool("service-down", NULL, NULL);
	expect_read(from, "\"fqid\":\"ClusterEndpointNotRegistered,"
	    "Microsoft.FailoverClusters.PowerShell.GetResourceCommand\"");
	assert_int_equal(exit_of(pid, "the cluster service"), 1);
	close(to);
	close(from);
}

static int
group_setup(void **state)
{
	(void)state;
	if (fake_node_begin(&fake, "wsfc-fake") != 0)
		return -1;
	{
		char ms[16];

		snprintf(ms, sizeof(ms), "%d", PENDING_MS);
		setenv("CCON_FAKE_WSFC_PENDING_MS", ms, 1);
	}
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	fake_node_end(&fake);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_fetch_capture_format, setup),
		cmocka_unit_test_setup(test_fetch_parses, setup),
		cmocka_unit_test_setup(test_group_offline_over_calls, setup),
		cmocka_unit_test_setup(test_failed_resource_offline, setup),
		cmocka_unit_test_setup(test_hostile_name, setup),
		cmocka_unit_test_setup(test_command_line_refused, setup),
		cmocka_unit_test_setup(test_service_down, setup),
		cmocka_unit_test_setup(test_move_drain_locks, setup),
		cmocka_unit_test_setup(test_through_cmd, setup),
		cmocka_unit_test_setup(test_one_element_unrolled, setup),
		cmocka_unit_test_setup(test_log_read_only, setup),
		cmocka_unit_test_setup(test_doorbell, setup),
		cmocka_unit_test_setup(test_watchdog, setup),
		cmocka_unit_test_setup(test_doorbell_service_down, setup),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
