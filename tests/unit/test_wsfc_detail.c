/* The WSFC detail: the detail script's answer read into sections
 * (wsfc_detail.c) from saved answers and hostile ones, a saved
 * capture's detail (--input), and the driver's detail op against the
 * fake Windows node (tests/wsfc/fake-node): what a live node says of a
 * resource, a role and a node, a name that does not exist, a hostile
 * name, and that a detail changes nothing and sends no mutating cmdlet.
 * Needs python3 (scripts/install-deps). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <regex.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "backend/core/detail.h"
#include "backend/drivers/wsfc/wsfc.h"
#include "backend/drivers/wsfc/wsfc_capture.h"
#include "backend/drivers/wsfc/wsfc_detail.h"
#include "backend/drivers/wsfc/wsfc_file.h"
#include "backend/drivers/wsfc/wsfc_scripts.h"
#include "backend/link/remote_shell.h"
#include "backend/link/transport.h"
#include "backend/util/clock.h"
#include "fake_wsfc.h"
#include "testdata.h"

static struct fake_node fake;

/* ---- reading details ------------------------------------------------- */

static struct detail_ask
ask(enum target_kind k, const char *id)
{
	struct detail_ask q = { .kind = k };

	snprintf(q.id, sizeof(q.id), "%s", id);
	return q;
}

/* The value of the first line labelled label in section (any section
 * if NULL), or NULL. */
static const struct detail_line *
line_in(const struct detail *d, const char *section, const char *label)
{
	bool in = section == NULL;
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct detail_line *l = &d->lines[i];

		if (l->kind == DETAIL_HEADING) {
			in = section == NULL || strcmp(l->label, section) == 0;
			continue;
		}
		if (in && strcmp(l->label, label) == 0)
			return l;
	}
	return NULL;
}

static const char *
value_of(const struct detail *d, const char *section, const char *label)
{
	const struct detail_line *l = line_in(d, section, label);

	if (l == NULL) {
		for (size_t i = 0; i < d->n; i++)
			print_message("  [%s] %s: %s\n",
				      d->lines[i].kind == DETAIL_HEADING ?
				      "H" : "-", d->lines[i].label,
				      d->lines[i].value);
		fail_msg("no line '%s' in section '%s'", label,
			 section ? section : "(any)");
	}
	return l->value;
}

/* Whether any line's label or value holds s. */
static bool
detail_holds(const struct detail *d, const char *s)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->lines[i].label, s) != NULL ||
		    strstr(d->lines[i].value, s) != NULL)
			return true;
	return false;
}

static void
parse_file(const char *rel, const struct detail_ask *q, struct detail *d)
{
	struct wsfc_detail_failure fail;
	size_t len;
	char *text = testdata_try(rel, &len), *err = NULL;

	assert_non_null(text);
	if (wsfc_detail_parse(text, len, q, d, &fail, &err) != 0)
		fail_msg("%s: %s", rel, err);
	assert_null(fail.fqid);
	free(text);
}

/* A saved answer for a failed resource: its type, role, state and last
 * code in words, the dependency expression and what it names, the
 * possible owners, the failure policy, and the parameters with both
 * secrets hidden: the one the node withheld and the one it sent. */
static void
test_resource(void **state)
{
	struct detail d = { 0 };
	struct detail_ask q = ask(TARGET_RESOURCE, "fs1");
	const struct detail_line *l;

	(void)state;
	parse_file("wsfc/detail/resource.txt", &q, &d);
	assert_string_equal(value_of(&d, "WSFC resource", "type"),
			    "Network Name");
	assert_string_equal(value_of(&d, "WSFC resource", "owner node"),
			    "NODE1");
	l = line_in(&d, "WSFC resource", "state");
	assert_non_null(l);
	assert_string_equal(l->value, "failed");
	assert_int_equal(l->tone, DETAIL_BAD);
	assert_string_equal(value_of(&d, NULL, "status"),
			    "locked, embedded failure");
	assert_non_null(strstr(value_of(&d, NULL, "last operation"),
			       "1460 ERROR_TIMEOUT"));
	assert_string_equal(value_of(&d, NULL, "description"),
			    "the file server's name");
	assert_string_equal(value_of(&d, "Dependencies", "expression"),
			    "([IP Address 10.0.0.50] or [IP Address "
			    "2001:db8::50])");
	assert_string_equal(value_of(&d, "Dependencies", "depends on"),
			    "IP Address 10.0.0.50, IP Address 2001:db8::50");
	assert_string_equal(value_of(&d, "Dependencies", "possible owners"),
			    "NODE1, NODE2");
	assert_string_equal(value_of(&d, "Failure policy", "restart"),
			    "restart, then fail the role over (2)");
	assert_string_equal(value_of(&d, "Failure policy", "restarts"),
			    "at most 1 in 15 min");
	assert_string_equal(value_of(&d, "Failure policy", "pending timeout"),
			    "3 min");
	assert_string_equal(value_of(&d, "Failure policy", "IsAlive poll"),
			    "the resource type's");
	assert_string_equal(value_of(&d, "Private parameters", "DnsName"),
			    "FS1");
	assert_string_equal(value_of(&d, "Private parameters",
				     "ServicePassword"), "***");
	assert_string_equal(value_of(&d, "Private parameters", "ApiKey"),
			    "***");
	assert_string_equal(value_of(&d, "Private parameters", "Aliases"),
			    "(no value)");
	assert_false(detail_holds(&d, "hunter2"));
	assert_non_null(strstr(value_of(&d, "Failures", "history"),
			       "cluster log"));
	detail_free(&d);
}

/* A role whose members come in reverse: shown each after what it
 * depends on, with states; preferred owners in their order. */
static void
test_group(void **state)
{
	struct detail d = { 0 };
	struct detail_ask q = ask(TARGET_GROUP, "FS1");
	const char *order[4];
	size_t i, n = 0;
	bool in = false;

	(void)state;
	parse_file("wsfc/detail/group.txt", &q, &d);
	assert_string_equal(value_of(&d, "WSFC role", "type"),
			    "File Server (100)");
	assert_string_equal(value_of(&d, "WSFC role", "priority"),
			    "medium (2000)");
	assert_string_equal(value_of(&d, "WSFC role", "state"),
			    "partial_online");
	assert_string_equal(value_of(&d, "WSFC role", "status"), "locked");
	assert_string_equal(value_of(&d, "Failover", "preferred owners"),
			    "NODE2, NODE1");
	assert_string_equal(value_of(&d, "Failover", "failovers"),
			    "not set: the cluster's default");
	assert_string_equal(value_of(&d, "Failover", "failover period"),
			    "6 h");
	assert_string_equal(value_of(&d, "Failover", "failback"),
			    "allow failback (1)");
	assert_string_equal(value_of(&d, "Failover", "failback window"),
			    "22:00 to 05:00");
	for (i = 0; i < d.n; i++) {
		if (d.lines[i].kind == DETAIL_HEADING) {
			in = strcmp(d.lines[i].label,
				    "Resources, in dependency order") == 0;
			continue;
		}
		if (in) {
			assert_true(n < 4);
			order[n++] = d.lines[i].label;
		}
	}
	assert_int_equal(n, 4);
	assert_string_equal(order[0], "Cluster Disk 2");
	assert_string_equal(order[1], "IP Address 10.0.0.50");
	assert_string_equal(order[2], "FS1");
	assert_string_equal(order[3], "File Server (\\\\FS1)");
	assert_string_equal(value_of(&d, NULL, "File Server (\\\\FS1)"),
			    "failed  File Server  after FS1, Cluster Disk 2");
	assert_int_equal(line_in(&d, NULL, "Cluster Disk 2")->tone,
			 DETAIL_WARN);
	detail_free(&d);
}

static void
test_node(void **state)
{
	struct detail d = { 0 };
	struct detail_ask q = ask(TARGET_NODE, "NODE2");

	(void)state;
	parse_file("wsfc/detail/node.txt", &q, &d);
	assert_string_equal(value_of(&d, "WSFC node", "id"), "2");
	assert_string_equal(value_of(&d, "WSFC node", "state"), "paused");
	assert_string_equal(value_of(&d, "WSFC node", "drain"),
			    "failed (3)");
	assert_non_null(strstr(value_of(&d, "WSFC node", "drain error"),
			       "5908 ERROR_CLUSTER_GROUP_MOVING"));
	assert_string_equal(value_of(&d, "WSFC node", "status"),
			    "drain failed, avoid placement");
	assert_string_equal(value_of(&d, "WSFC node", "dynamic vote"), "0");
	assert_string_equal(value_of(&d, "WSFC node", "Windows"),
			    "10.0 build 17763");
	assert_string_equal(value_of(&d, "Roles owned", "Available Storage"),
			    "offline  core");
	assert_null(line_in(&d, NULL, "description"));
	detail_free(&d);
}

/* The node's error: its message, id and category apart; nothing added. */
static void
test_node_error(void **state)
{
	struct detail d = { 0 };
	struct detail_ask q = ask(TARGET_RESOURCE, "NOPE");
	struct wsfc_detail_failure fail;
	size_t len;
	char *text = testdata_try("wsfc/detail/notfound.txt", &len);
	char *err = NULL;

	(void)state;
	assert_non_null(text);
	assert_int_equal(wsfc_detail_parse(text, len, &q, &d, &fail, &err),
			 -1);
	assert_int_equal(d.n, 0);
	assert_string_equal(fail.category, "ObjectNotFound");
	assert_non_null(strstr(fail.fqid, "GetResourceCommand"));
	assert_non_null(strstr(err, "could not be found 'NOPE'"));
	free(err);
	wsfc_detail_failure_free(&fail);
	free(text);
}

/* Refused with a message, nothing added, never a crash. */
static void
expect_refused(const char *text, enum target_kind k, const char *id,
	       const char *why)
{
	struct detail d = { 0 };
	struct detail_ask q = ask(k, id);
	struct wsfc_detail_failure fail;
	char *err = NULL;

	if (wsfc_detail_parse(text, strlen(text), &q, &d, &fail, &err) == 0)
		fail_msg("taken: %.200s", text);
	assert_int_equal(d.n, 0);
	if (strstr(err, why) == NULL)
		fail_msg("'%s' does not say '%s'", err, why);
	free(err);
	wsfc_detail_failure_free(&fail);
}

#define RES(body) "{\"ok\":true,\"kind\":\"resource\",\"resource\":" body "}"

static void
test_hostile(void **state)
{
	(void)state;
	expect_refused("", TARGET_RESOURCE, "R", "printed nothing");
	expect_refused("<html>", TARGET_RESOURCE, "R", "no capture");
	expect_refused("[1,2]", TARGET_RESOURCE, "R", "no capture");
	expect_refused("{\"ok\":true,\"ok\":false}", TARGET_RESOURCE, "R",
		       "duplicate");
	expect_refused("{\"ok\":\"yes\"}", TARGET_RESOURCE, "R", "\"ok\"");
	expect_refused("{\"ok\":true,\"kind\":\"group\"}", TARGET_RESOURCE,
		       "R", "of a group, not of a resource");
	expect_refused(RES("{\"Name\":\"S\"}"), TARGET_RESOURCE, "R",
		       "answered for resource 'S', not 'R'");
	expect_refused(RES("[{\"Name\":\"R\"}]"), TARGET_RESOURCE, "R",
		       "no resource object");
	expect_refused(RES("{\"Name\":[\"R\",\"R2\"]}"), TARGET_RESOURCE,
		       "R", "Name is not a string");
	expect_refused(RES("{\"Name\":\"R\",\"State\":\"Online\"}"),
		       TARGET_RESOURCE, "R", "State is not a number");
	expect_refused(RES("{\"Name\":\"R\",\"State\":2.5}"),
		       TARGET_RESOURCE, "R", "State is not a number");
	expect_refused(RES("{\"Name\":\"R\",\"RestartPeriod\":"
			   "99999999999999999999}"), TARGET_RESOURCE, "R",
		       "not valid JSON");
	expect_refused("{\"ok\":true,\"kind\":\"resource\",\"resource\":"
		       "{\"Name\":\"R\"},\"parameters\":7}", TARGET_RESOURCE,
		       "R", "parameters is not a list");
	expect_refused("{\"ok\":true,\"kind\":\"resource\",\"resource\":"
		       "{\"Name\":\"R\"},\"parameters\":[{\"Value\":\"x\"}]}",
		       TARGET_RESOURCE, "R", "parameters[0] has no Name");
	expect_refused("{\"ok\":true,\"kind\":\"resource\",\"resource\":"
		       "{\"Name\":\"R\"},\"owners\":[{\"Name\":\"N\"}]}",
		       TARGET_RESOURCE, "R", "owners[0] is not a node's name");
	expect_refused("{\"ok\":true,\"kind\":\"resource\",\"resource\":"
		       "{\"Name\":\"R\\u0000\"}}", TARGET_RESOURCE, "R",
		       "\\u0000");
	expect_refused("{\"ok\":true,\"kind\":\"resource\",\"resource\":"
		       "{\"Name\":\"R\xff\"}}", TARGET_RESOURCE, "R",
		       "not UTF-8");
	expect_refused("<<CCON-BEGIN>>\n{\"ok\":true", TARGET_RESOURCE, "R",
		       "cut short");
	expect_refused("{\"ok\":true,\"kind\":\"group\",\"group\":"
		       "{\"Name\":\"G\"},\"resources\":[7]}", TARGET_GROUP,
		       "G", "resources[0] is not an object");
	expect_refused("{\"ok\":true,\"kind\":\"node\",\"node\":"
		       "{\"Name\":\"N\"},\"groups\":[{\"State\":0}]}",
		       TARGET_NODE, "N", "groups[0] has no Name");
	expect_refused("{\"ok\":false}", TARGET_NODE, "N",
		       "failed without a message");
}

/* Oversized and odd but well-formed: every text cut, every list cut
 * with a count, a dependency cycle shown once each, an unreadable
 * expression said so. */
static void
test_bounds(void **state)
{
	size_t big = 200000, n_params = 3000, i;
	char *text, *p, *err = NULL;
	struct detail d = { 0 };
	struct detail_ask q = ask(TARGET_RESOURCE, "R");
	struct wsfc_detail_failure fail;
	const char *v;

	(void)state;
	text = malloc(big + n_params * 64 + 2000 * 40 + 512);
	assert_non_null(text);
	p = text + sprintf(text, "{\"ok\":true,\"kind\":\"resource\","
			   "\"resource\":{\"Name\":\"R\",\"StatusInformation\":"
			   "1152921504606846977,\"Description\":\"");
	for (i = 0; i < big; i++)
		*p++ = i % 3 == 2 ? 'a' : "\xc3\xa9"[i % 3];
	p += sprintf(p, "\"},\"dependency\":\"[a] and or [b]\","
		     "\"owners\":[");
	for (i = 0; i < 2000; i++)
		p += sprintf(p, "%s\"NODE-%04zu-with-a-long-name\"", i ? "," : "",
			     i);
	p += sprintf(p, "],\"parameters\":[");
	for (i = 0; i < n_params; i++)
		p += sprintf(p, "%s{\"Name\":\"P%zu\",\"Value\":\"v\"}",
			     i ? "," : "", i);
	strcpy(p, "]}");
	assert_int_equal(wsfc_detail_parse(text, strlen(text), &q, &d, &fail,
					   &err), 0);
	v = value_of(&d, NULL, "description");
	assert_true(strlen(v) <= WSFC_DETAIL_TEXT_MAX + 3);
	assert_non_null(strstr(v, "..."));
	/* Cut on a character's start: the bytes before "..." are UTF-8. */
	assert_true((unsigned char)v[strlen(v) - 4] != 0xc3);
	assert_string_equal(value_of(&d, NULL, "status"),
			    "locked, bits 0x1000000000000000");
	assert_non_null(strstr(value_of(&d, "Dependencies", "depends on"),
			       "unreadable"));
	v = value_of(&d, "Dependencies", "possible owners");
	assert_true(strlen(v) <= WSFC_DETAIL_TEXT_MAX + 3);
	assert_int_equal(strncmp(v, "NODE-0000-with-a-long-name, NODE-0001", 37),
			 0);
	assert_non_null(line_in(&d, NULL, "P499"));
	assert_null(line_in(&d, NULL, "P500"));
	assert_non_null(line_in(&d, NULL, ""));
	assert_true(detail_holds(&d, "2500 more not shown"));
	detail_free(&d);
	free(text);

	/* A cycle: each member once. */
	q = ask(TARGET_GROUP, "G");
	text = strdup("{\"ok\":true,\"kind\":\"group\",\"group\":{\"Name\":"
		      "\"G\"},\"resources\":[{\"Name\":\"A\",\"State\":2},"
		      "{\"Name\":\"B\",\"State\":2}],\"dependencies\":["
		      "{\"Resource\":\"A\",\"DependencyExpression\":\"[B]\"},"
		      "{\"Resource\":\"B\",\"DependencyExpression\":\"[A]\"}]}");
	assert_int_equal(wsfc_detail_parse(text, strlen(text), &q, &d, &fail,
					   &err), 0);
	assert_string_equal(value_of(&d, NULL, "A"), "online  after B");
	assert_string_equal(value_of(&d, NULL, "B"), "online  after A");
	detail_free(&d);
	free(text);
}

/* The names whose values the node withholds are the ones ccon masks:
 * the script's pattern (as PowerShell's -match reads it: case ignored)
 * agrees with detail_is_secret on every name here. */
static void
test_secret_pattern(void **state)
{
	static const char *const names[] = {
		"Password", "ServicePassword", "passwd", "PWD", "SecretKey",
		"token", "AccessToken", "Credential", "PrivateKey", "ApiKey",
		"ssh_key", "key", "monkey", "Keytab", "KeyboardLayout",
		"DnsName", "Address", "SubnetMask", "SharePath", "Name",
	};
	char *err = NULL, *s = wsfc_script_detail(TARGET_RESOURCE, "R", &err);
	const char *b, *e;
	char pattern[256];
	regex_t re;
	size_t i;

	(void)state;
	assert_non_null(s);
	b = strstr(s, "-match '");
	assert_non_null(b);
	b += strlen("-match '");
	e = strchr(b, '\'');
	assert_non_null(e);
	snprintf(pattern, sizeof(pattern), "%.*s", (int)(e - b), b);
	assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_ICASE |
				 REG_NOSUB), 0);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		bool node = regexec(&re, names[i], 0, NULL, 0) == 0;

		if (node != detail_is_secret(names[i]))
			fail_msg("%s: the node %s it, ccon %s", names[i],
				 node ? "withholds" : "sends",
				 detail_is_secret(names[i]) ? "masks" :
				 "shows");
	}
	regfree(&re);
	free(s);
}

/* --input: the capture's own detail, and what it cannot say. */
static void
test_from_capture(void **state)
{
	struct wsfc_capture c;
	struct detail d = { 0 };
	struct detail_ask q = ask(TARGET_RESOURCE, "FS1");
	size_t len;
	char *text = testdata_try("wsfc/fileserver.txt", &len), *err = NULL;

	(void)state;
	assert_non_null(text);
	assert_int_equal(wsfc_capture_parse(text, len, NULL, NULL, &c, NULL,
					    &err), 0);
	assert_int_equal(wsfc_detail_from_capture(&c, &q, &d, &err), 0);
	assert_string_equal(value_of(&d, NULL, "id"), "b3");
	assert_string_equal(value_of(&d, "Dependencies", "expression"),
			    "([IP Address 10.0.0.50] or [IP Address "
			    "2001:db8::50])");
	assert_non_null(strstr(value_of(&d, "Not in a capture", ""),
			       "possible and preferred owners"));
	detail_free(&d);

	q = ask(TARGET_GROUP, "FS1");
	assert_int_equal(wsfc_detail_from_capture(&c, &q, &d, &err), 0);
	assert_string_equal(value_of(&d, NULL, "priority"), "medium (2000)");
	assert_string_equal(value_of(&d, NULL, "owner node"), "NODE1");
	assert_string_equal(value_of(&d, NULL, "status"), "locked");
	assert_string_equal(value_of(&d, NULL, "id"),
			    "7d0e4c55-3b2a-4e8f-9c61-5a4d3e2f1b03");
	/* Members ranked: FS1 after both addresses, the file server
	 * after FS1. */
	{
		size_t i, fs = 0, ip = 0, srv = 0;

		for (i = 0; i < d.n; i++) {
			if (strcmp(d.lines[i].label, "FS1") == 0)
				fs = i;
			if (strcmp(d.lines[i].label,
				   "IP Address 2001:db8::50") == 0)
				ip = i;
			if (strcmp(d.lines[i].label,
				   "FileServer-(FS1)(Cluster Disk 2)") == 0)
				srv = i;
		}
		assert_true(ip > 0 && ip < fs && fs < srv);
	}
	detail_free(&d);

	q = ask(TARGET_NODE, "NODE2");
	assert_int_equal(wsfc_detail_from_capture(&c, &q, &d, &err), 0);
	assert_string_equal(value_of(&d, NULL, "drain"), "in progress (1)");
	assert_string_equal(value_of(&d, "Roles owned", "Available Storage"),
			    "offline  core");
	detail_free(&d);

	q = ask(TARGET_RESOURCE, "NOPE");
	assert_int_equal(wsfc_detail_from_capture(&c, &q, &d, &err), -1);
	assert_string_equal(err, "no such resource 'NOPE' in the capture");
	free(err);
	assert_int_equal(d.n, 0);
	wsfc_capture_free(&c);

	/* Through the --input driver. */
	{
		char path[] = "/tmp/ccon-wsfc-detail.XXXXXX";
		int fd = mkstemp(path);
		struct driver *drv;
		struct snapshot *s = NULL;

		assert_true(fd >= 0);
		assert_int_equal(write(fd, text, len), (ssize_t)len);
		close(fd);
		drv = wsfc_file_driver_new("saved", path);
		assert_non_null(drv->ops->detail);
		q = ask(TARGET_GROUP, "FS1");
		assert_int_equal(drv->ops->detail(drv, &q, 0, &d, &err), -1);
		assert_non_null(strstr(err, "not been read"));
		free(err);
		assert_int_equal(drv->ops->fetch(drv, 0, &s, &err), 0);
		snapshot_unref(s);
		assert_int_equal(drv->ops->detail(drv, &q, 0, &d, &err), 0);
		assert_string_equal(value_of(&d, NULL, "owner node"), "NODE1");
		detail_free(&d);
		drv->ops->destroy(drv);
		unlink(path);
	}
	free(text);
}

/* ---- against the fake node -------------------------------------------- */

/* A transport that runs each command as the fake's powershell.exe, as
 * test_wsfc_driver's does, and keeps what came back. */
struct fake_link {
	struct transport base;
	const char *node;
	char *last_out, *last_err;
	size_t runs;
};

static int
fl_run(struct transport *t, const char *const *argv, size_t argc,
       unsigned timeout_ms, struct transport_result *res, char **err)
{
	struct fake_link *fl = (struct fake_link *)t;
	char *line = remote_shell_command(&remote_shell_powershell, argv, argc,
					  err);
	char *words[16], *save = NULL, *w, exe[4200];
	struct fake_run r;
	size_t n = 0;

	(void)timeout_ms;
	memset(res, 0, sizeof(*res));
	if (line == NULL)
		return -1;
	fl->runs++;
	for (w = strtok_r(line, " ", &save); w != NULL && n < 15;
	     w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	words[n] = NULL;
	assert_string_equal(words[0], "powershell.exe");
	snprintf(exe, sizeof(exe), "%s/powershell.exe", fake.dir);
	words[0] = exe;
	r = fake_run_argv(words, fl->node);
	free(fl->last_out);
	free(fl->last_err);
	fl->last_out = strdup(r.out);
	fl->last_err = strdup(r.err);
	res->out = r.out;
	res->out_len = r.out_len;
	res->err = r.err;
	res->err_len = r.err_len;
	res->exit_status = r.status;
	free(line);
	return 0;
}

static const char *
fl_current(struct transport *t)
{
	return ((struct fake_link *)t)->node;
}

static size_t
fl_status(struct transport *t, struct link_status *out, size_t max)
{
	(void)t;
	(void)out;
	(void)max;
	return 0;
}

static void
fl_destroy(struct transport *t)
{
	struct fake_link *fl = (struct fake_link *)t;

	free(fl->last_out);
	free(fl->last_err);
	free(fl);
}

static const struct transport_ops fake_link_ops = {
	.name = "fake-windows",
	.run = fl_run,
	.current_node = fl_current,
	.status = fl_status,
	.destroy = fl_destroy,
};

struct fix {
	struct fake_link *fl;
	struct driver *d;
};

static void
tool(const char *a, const char *b, const char *c, const char *e)
{
	char exe[4200];
	char *argv[] = { exe, (char *)a, (char *)b, (char *)c, (char *)e,
			 NULL };
	struct fake_run r;

	snprintf(exe, sizeof(exe), "%s/fake-wsfc", fake.dir);
	r = fake_run_argv(argv, NULL);
	if (r.status != 0)
		fail_msg("fake-wsfc %s: %d: %s", a, r.status, r.err);
	fake_run_free(&r);
}

/* The fake's state as its tool shows it (settled). */
static char *
shown_state(void)
{
	char exe[4200];
	char show[] = "show", *argv[] = { exe, show, NULL };
	struct fake_run r;
	char *s;

	snprintf(exe, sizeof(exe), "%s/fake-wsfc", fake.dir);
	r = fake_run_argv(argv, NULL);
	assert_int_equal(r.status, 0);
	s = strdup(r.out);
	fake_run_free(&r);
	return s;
}

static char *
read_log(void)
{
	FILE *f = fopen(fake.log, "r");
	char *buf = calloc(1, 1 << 20);
	size_t n;

	assert_non_null(f);
	assert_non_null(buf);
	n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int
setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));
	struct wsfc_params p = { .cluster = "lab",
				 .command_timeout_ms = 20000 };

	tool("init", NULL, NULL, NULL);
	unlink(fake.log);
	f->fl = calloc(1, sizeof(*f->fl));
	f->fl->base.ops = &fake_link_ops;
	f->fl->node = "NODE1";
	p.transport = &f->fl->base;
	f->d = wsfc_driver_new(&p);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	f->d->ops->destroy(f->d);
	free(f);
	return 0;
}

static void
detail_ok(struct fix *f, enum target_kind k, const char *id,
	  struct detail *d)
{
	struct detail_ask q = ask(k, id);
	char *err = NULL;

	assert_non_null(f->d->ops->detail);
	if (f->d->ops->detail(f->d, &q, clock_monotonic_ms(), d, &err) != 0)
		fail_msg("detail of %s: %s", id, err);
}

/* The detail of resource FS1 from the node: its dependency expression,
 * its possible owners, its parameters with a password shown as ***
 * whose value never left the node; one powershell.exe; the cluster as
 * it was; no mutating cmdlet in what was sent. */
static void
test_driver_resource(void **state)
{
	static const char *const mutating[] = {
		"Stop-Cluster", "Start-Cluster", "Move-Cluster",
		"Suspend-Cluster", "Resume-Cluster", "Remove-", "Set-",
		"Add-Cluster", "New-Cluster", "Clear-", "Invoke-",
	};
	struct fix *f = *state;
	struct detail d = { 0 };
	char *before, *after, *log;

	tool("set-param", "FS1", "ServicePassword", "hunter2");
	tool("owners", "resources", "FS1", "NODE2");
	tool("settle", NULL, NULL, NULL);
	before = shown_state();
	detail_ok(f, TARGET_RESOURCE, "FS1", &d);
	assert_int_equal(f->fl->runs, 1);
	assert_string_equal(value_of(&d, "Dependencies", "expression"),
			    "[IP Address 10.0.0.50]");
	assert_string_equal(value_of(&d, "Dependencies", "possible owners"),
			    "NODE2");
	assert_string_equal(value_of(&d, "Private parameters", "DnsName"),
			    "FS1");
	assert_string_equal(value_of(&d, "Private parameters",
				     "ServicePassword"), "***");
	assert_string_equal(value_of(&d, "WSFC resource", "type"),
			    "Network Name");
	assert_string_equal(value_of(&d, "WSFC resource", "state"), "online");
	assert_string_equal(value_of(&d, "WSFC resource", "id"),
			    "cc00006a-0000-4000-8000-00000000006a");
	assert_false(detail_holds(&d, "hunter2"));
	/* Withheld on the node: not in what came over the link. */
	assert_null(strstr(f->fl->last_out, "hunter2"));
	assert_non_null(strstr(f->fl->last_out, "\"ServicePassword\""));
	detail_free(&d);
	after = shown_state();
	assert_string_equal(before, after);
	log = read_log();
	assert_non_null(strstr(log, "$o = Get-ClusterResource -Name 'FS1'\n"));
	assert_null(strstr(log, "REFUSED"));
	for (size_t i = 0; i < sizeof(mutating) / sizeof(*mutating); i++)
		if (strstr(log, mutating[i]) != NULL)
			fail_msg("a detail sent %s", mutating[i]);
	free(log);
	free(before);
	free(after);
}

static void
test_driver_group(void **state)
{
	struct fix *f = *state;
	struct detail d = { 0 };
	size_t i, ip = 0, nn = 0, srv = 0;

	detail_ok(f, TARGET_GROUP, "FS1", &d);
	assert_string_equal(value_of(&d, "Failover", "preferred owners"),
			    "NODE1, NODE2");
	assert_string_equal(value_of(&d, "WSFC role", "priority"),
			    "medium (2000)");
	assert_string_equal(value_of(&d, "WSFC role", "owner node"), "NODE1");
	assert_string_equal(value_of(&d, "WSFC role", "id"),
			    "cc0000cb-0000-4000-8000-0000000000cb");
	for (i = 0; i < d.n; i++) {
		if (strcmp(d.lines[i].label, "IP Address 10.0.0.50") == 0)
			ip = i;
		if (strcmp(d.lines[i].label, "FS1") == 0)
			nn = i;
		if (strcmp(d.lines[i].label, "File Server (\\\\FS1)") == 0)
			srv = i;
	}
	assert_true(ip > 0 && ip < nn && nn < srv);
	assert_string_equal(d.lines[srv].value, "online  File Server  after "
			    "FS1, Cluster Disk 2");
	detail_free(&d);
}

static void
test_driver_node(void **state)
{
	struct fix *f = *state;
	struct detail d = { 0 };

	tool("add-group", "Web", "NODE2", NULL);
	detail_ok(f, TARGET_NODE, "NODE2", &d);
	assert_string_equal(value_of(&d, "WSFC node", "id"), "2");
	assert_string_equal(value_of(&d, "WSFC node", "state"), "up");
	assert_string_equal(value_of(&d, "Roles owned", "Web"), "offline");
	assert_null(line_in(&d, "Roles owned", "FS1"));
	detail_free(&d);
}

/* A name the cluster does not have: said as such, nothing added. */
static void
test_driver_not_found(void **state)
{
	struct fix *f = *state;
	struct detail d = { 0 };
	struct detail_ask q = ask(TARGET_GROUP, "NOPE");
	char *err = NULL;

	assert_int_equal(f->d->ops->detail(f->d, &q, 0, &d, &err), -1);
	assert_int_equal(d.n, 0);
	print_message("not found: %s\n", err);
#define NOT_FOUND "no such group 'NOPE' on lab: "
	assert_int_equal(strncmp(err, NOT_FOUND, strlen(NOT_FOUND)), 0);
	free(err);

	/* The cluster service down: not a missing object. */
	tool("service-down", NULL, NULL, NULL);
	q = ask(TARGET_RESOURCE, "FS1");
	assert_int_equal(f->d->ops->detail(f->d, &q, 0, &d, &err), -1);
	assert_non_null(strstr(err, "The cluster service is not running"));
	assert_null(strstr(err, "no such"));
	free(err);
}

#define HOSTILE "b'; Stop-Computer; '"

/* A hostile name reaches the node as one literal, and is read. */
static void
test_driver_hostile_name(void **state)
{
	struct fix *f = *state;
	struct detail d = { 0 };
	char *log;

	tool("add-resource", HOSTILE, "FS1", NULL);
	detail_ok(f, TARGET_RESOURCE, HOSTILE, &d);
	assert_string_equal(value_of(&d, "WSFC resource", "role"), "FS1");
	detail_free(&d);
	/* A curly quote is a quote to PowerShell: doubled too. */
	tool("add-group", "Bob\xe2\x80\x99s role", NULL, NULL);
	detail_ok(f, TARGET_GROUP, "Bob\xe2\x80\x99s role", &d);
	assert_string_equal(value_of(&d, "WSFC role", "owner node"), "NODE1");
	detail_free(&d);
	log = read_log();
	assert_non_null(strstr(log, "$o = Get-ClusterResource -Name "
			       "'b''; Stop-Computer; '''\n"));
	assert_non_null(strstr(log, "$o = Get-ClusterGroup -Name "
			       "'Bob\xe2\x80\x99\xe2\x80\x99s role'\n"));
	assert_null(strstr(log, "REFUSED"));
	free(log);
	{
		char *err = NULL;

		assert_null(wsfc_script_detail(TARGET_NODE, "", &err));
		assert_string_equal(err, "no node name for the PowerShell "
				    "script");
		free(err);
	}
}

/* The fake refuses a detail that would change something, and one
 * without the watchdog, as the fetch's. */
static void
test_fake_refuses(void **state)
{
	struct fix *f = *state;
	char *err = NULL, *s, *at, *log;
	struct transport_result res;
	const char *argv[1];

	s = wsfc_script_detail(TARGET_RESOURCE, "FS1", &err);
	assert_non_null(s);
	at = strstr(s, "Get-ClusterParameter");
	assert_non_null(at);
	memcpy(at, "Set", 3);
	argv[0] = s;
	assert_int_equal(f->fl->base.ops->run(&f->fl->base, argv, 1, 0, &res,
					      &err), 0);
	assert_int_equal(res.exit_status, 1);
	assert_non_null(strstr(res.err, "CconFakeMutatingDetail"));
	transport_result_free(&res);
	free(s);
	log = read_log();
	assert_non_null(strstr(log, "REFUSED: mutating cmdlet in a detail"));
	free(log);

	s = wsfc_script_detail(TARGET_NODE, "NODE1", &err);
	at = strstr(s, "$cconWatch = ");
	assert_non_null(at);
	memmove(at, strchr(at, '\n') + 1, strlen(strchr(at, '\n') + 1) + 1);
	argv[0] = s;
	assert_int_equal(f->fl->base.ops->run(&f->fl->base, argv, 1, 0, &res,
					      &err), 0);
	assert_int_equal(res.exit_status, 1);
	assert_non_null(strstr(res.err, "watchdog"));
	transport_result_free(&res);
	free(s);
}

static int
group_setup(void **state)
{
	(void)state;
	return fake_node_begin(&fake, "wsfc-detail");
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
		cmocka_unit_test(test_resource),
		cmocka_unit_test(test_group),
		cmocka_unit_test(test_node),
		cmocka_unit_test(test_node_error),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_secret_pattern),
		cmocka_unit_test(test_from_capture),
		cmocka_unit_test_setup_teardown(test_driver_resource, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_driver_group, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_driver_node, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_driver_not_found, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_driver_hostile_name,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_fake_refuses, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
