/* The Pacemaker driver over the local transport, with stand-ins for the
 * cluster tools on PATH that log their arguments and serve saved crm_mon
 * output: which commands each request becomes, when the state is fetched
 * again, and how tool failures read. (The real tools against a real
 * cluster are tests/lab's business.) */
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fixture.h"

#include "backend/link/local.h"
#include "backend/drivers/pacemaker/pacemaker.h"
#include "backend/util/str.h"
#include "backend/util/xalloc.h"

static char dir[256], logpath[300];

static void
write_file(const char *name, const char *text, int mode)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(path, (mode_t)mode);
}

/* The stand-ins: crm_mon prints $dir/mon.xml (exit $dir/mon.rc);
 * cibadmin prints the CIB version from $dir/epoch or no constraints;
 * crm_resource and crm_attribute log and exit $dir/rc, with $dir/stderr
 * on stderr. Every call is logged, one line each. */
static int
setup(void **state)
{
	char cmd[1200], *path;
	const char *data = getenv("CCON_TEST_DATA");

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/ccon-test-pcmk-%ld", (long)getpid());
	mkdir(dir, 0700);
	snprintf(logpath, sizeof(logpath), "%s/calls.log", dir);
	/* In text mode crm_mon is the doorbell: a block at once, then one
	 * each time the test touches $D/ring, until killed; with $D/nobell
	 * it ends at once, as where the doorbell cannot run. */
	write_file("crm_mon", "#!/bin/sh\necho \"crm_mon $*\" >>\"$D/calls.log\"\n"
		   "case \"$*\" in *text*)\n"
		   "  [ -e \"$D/nobell\" ] && exit 1\n"
		   "  echo 'Cluster Summary:'; touch \"$D/first\"\n"
		   "  while :; do if [ -e \"$D/ring\" ]; then rm -f \"$D/ring\";"
		   " echo 'Cluster Summary:'; fi; sleep 0.02; done;;\n"
		   "esac\n"
		   "cat \"$D/mon.xml\"\nexit $(cat \"$D/mon.rc\" 2>/dev/null "
		   "|| echo 0)\n", 0755);
	write_file("cibadmin", "#!/bin/sh\n"
		   "if [ -n \"$CIB_file\" ]; then\n"
		   "  echo \"cibadmin $* CIB_file=$CIB_file\" >>\"$D/calls.log\"\n"
		   "  echo edited >>\"$CIB_file\"; exit 0; fi\n"
		   "echo \"cibadmin $*\" >>\"$D/calls.log\"\n"
		   "case \"$*\" in *constraints*)\n"
		   "  [ -e \"$D/config\" ] && exec cat \"$D/config\"\n"
		   "  echo 'Call failed: No such device or address' >&2; exit 105;;\n"
		   "*) [ -e \"$D/cib\" ] && exec cat \"$D/cib\"\n"
		   "   echo \"<cib epoch=\\\"$(cat \"$D/epoch\")\\\" "
		   "num_updates=\\\"$(cat \"$D/nu\" 2>/dev/null || echo 4)\\\" "
		   "admin_epoch=\\\"0\\\"/>\";; esac\n", 0755);
	write_file("crm_resource", "#!/bin/sh\n"
		   "if [ -n \"$CIB_file\" ]; then\n"
		   "  echo \"crm_resource $* CIB_file=$CIB_file\" >>\"$D/calls.log\"\n"
		   "  echo edited >>\"$CIB_file\"\n"
		   "else echo \"crm_resource $*\" >>\"$D/calls.log\"; fi\n"
		   "cat \"$D/stderr\" >&2 2>/dev/null\n"
		   "exit $(cat \"$D/rc\")\n", 0755);
	/* crm_simulate prints $D/sim.before for a copy of the CIB nobody
	 * edited, $D/sim.after for one a tool did (through CIB_file), and
	 * fails with $D/sim.rc. */
	write_file("crm_simulate", "#!/bin/sh\n"
		   "echo \"crm_simulate $* CIB_shadow_dir=$CIB_shadow_dir "
		   "CIB_file=$CIB_file\" >>\"$D/calls.log\"\n"
		   "f=; prev=; for a in \"$@\"; do\n"
		   "  [ \"$prev\" = --xml-file ] && f=$a; prev=$a; done\n"
		   "if [ -e \"$D/sim.rc\" ]; then\n"
		   "  echo 'crm_simulate: the stand-in fails' >&2\n"
		   "  exit $(cat \"$D/sim.rc\"); fi\n"
		   "[ -s \"$f\" ] || { echo \"crm_simulate: no CIB in $f\" >&2; "
		   "exit 66; }\n"
		   "if grep -q edited \"$f\"; then cat \"$D/sim.after\"\n"
		   "else cat \"$D/sim.before\"; fi\n", 0755);
	write_file("crm_attribute", "#!/bin/sh\necho \"crm_attribute $*\" >>"
		   "\"$D/calls.log\"\nexit $(cat \"$D/rc\")\n", 0755);
	write_file("epoch", "10\n", 0644);
	write_file("rc", "0\n", 0644);
	write_file("stderr", "", 0644);
	snprintf(cmd, sizeof(cmd), "cp '%s/pacemaker/crm_mon/failed.xml' "
		 "'%s/mon.xml'", data ? data : "tests/data", dir);
	assert_int_equal(system(cmd), 0);
	path = xasprintf("%s:%s", dir, getenv("PATH"));
	setenv("PATH", path, 1);
	free(path);
	setenv("D", dir, 1);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[300];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *
calls(void)
{
	static char buf[8192];
	FILE *f = fopen(logpath, "r");
	size_t n = 0;

	buf[0] = '\0';
	if (f != NULL) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		buf[n] = '\0';
		fclose(f);
	}
	unlink(logpath);
	return buf;
}

/* The calls logged until one holds what (2 s at most), all of them. */
static char *
calls_until(const char *what)
{
	static char all[16384];
	struct timespec ts = { 0, 20 * 1000000L };
	int i;

	all[0] = '\0';
	for (i = 0; i < 100; i++) {
		strncat(all, calls(), sizeof(all) - strlen(all) - 1);
		if (strstr(all, what) != NULL)
			break;
		nanosleep(&ts, NULL);
	}
	return all;
}

static struct driver *
driver(void)
{
	struct pacemaker_params p = { .cluster = "lab",
				      .transport = local_transport_new(),
				      .command_timeout_ms = 10000 };

	return pacemaker_driver_new(&p);
}

/* A fetch that must work; NULL when the driver says "unchanged". */
static struct snapshot *
fetch(struct driver *d, uint64_t now)
{
	struct snapshot *s = NULL;
	char *err = NULL;
	int rc = d->ops->fetch(d, now, &s, &err);

	if (rc < 0)
		fail_msg("fetch: %s", err);
	assert_true(rc == 0 || rc == DRIVER_UNCHANGED);
	if (rc == DRIVER_UNCHANGED)
		assert_null(s);
	return s;
}

static int
act(struct driver *d, enum action_kind k, enum target_kind tk,
    const char *target, const char *node, char **err)
{
	struct action a;

	assert_int_equal(action_init(&a, k, tk, target, node, err), 0);
	return d->ops->act(d, &a, 0, err);
}

static void
nap(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static const char *
in_dir(const char *name)
{
	static char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

/* Waits (a few seconds at most) until the stand-in crm_mon has made
 * the file name, then a moment for the driver's pipe to hold what it
 * printed before. */
static void
wait_for_file(const char *name)
{
	struct stat st;
	int i;

	for (i = 0; i < 250 && stat(in_dir(name), &st) != 0; i++)
		nap(20);
	assert_int_equal(stat(in_dir(name), &st), 0);
	nap(60);
}

/* Rings the doorbell (the stand-in crm_mon notices $D/ring and prints a
 * block), waits until it has (a few seconds at most), then fetches. */
static char *
calls_after_ring(struct driver *d, uint64_t now)
{
	struct stat st;
	int i;

	write_file("ring", "", 0644);
	for (i = 0; i < 200 && stat(in_dir("ring"), &st) == 0; i++)
		nap(20);
	nap(60);
	snapshot_unref(fetch(d, now));
	return calls();
}

static struct driver *
driver_full_every(unsigned full_ms)
{
	struct pacemaker_params p = { .cluster = "lab",
				      .transport = local_transport_new(),
				      .command_timeout_ms = 10000,
				      .full_refresh_ms = full_ms };

	return pacemaker_driver_new(&p);
}

/* With the doorbell, an unchanged cluster costs its node nothing: no
 * command at all until it rings. After a change the CIB version is asked
 * for on every refresh instead, for 30 s (crm_mon holds back the rings
 * that follow a first one), and the doorbell rests meanwhile. */
static void
doorbell(void **state)
{
	struct driver *d = driver_full_every(100000);
	struct snapshot *s;
	char *log;

	(void)state;
	unlink(in_dir("nobell"));
	calls();
	s = fetch(d, 1000);
	assert_int_equal(snapshot_find_group(s, "web") >= 0, 1);
	snapshot_unref(s);
	log = calls();
	assert_non_null(strstr(log, "crm_mon --output-as=xml"));
	assert_non_null(strstr(log, "cibadmin --query --no-children --xpath "
				 "/cib/configuration/constraints"));
	/* Nothing to guard before that first state: no doorbell yet (--once
	 * fetches once and leaves). The next fetch starts it, and asks the
	 * version until it has rung once. */
	assert_null(strstr(log, "--output-as=text"));
	snapshot_unref(fetch(d, 1200));
	/* The doorbell starts under its watcher's shell: a moment later. */
	log = calls_until("crm_mon --output-as=text --interval=1");
	assert_non_null(strstr(log, "crm_mon --output-as=text --interval=1"));
	assert_non_null(strstr(log, "cibadmin --query --xpath /cib"));
	assert_null(strstr(log, "crm_mon --output-as=xml"));

	/* Its first block rings: the version says nothing changed. A loaded
	 * machine (CI under ASan) may take long to start the stand-in, so
	 * the test waits for the block rather than for a fixed time. */
	wait_for_file("first");
	snapshot_unref(fetch(d, 1500));
	log = calls();
	assert_non_null(strstr(log, "cibadmin --query --xpath /cib"));
	assert_null(strstr(log, "crm_mon --output-as=xml"));
	/* Quiet: nothing at all runs on the node. */
	snapshot_unref(fetch(d, 2000));
	snapshot_unref(fetch(d, 2500));
	assert_string_equal(calls(), "");
	/* A live doorbell is read several times a second: a ring is seen
	 * at once, not at the next refresh. */
	assert_int_equal(d->ops->next_change_ms(d, 2500), 2500 + 200);

	/* A change rings: fetched. */
	write_file("epoch", "12\n", 0644);
	log = calls_after_ring(d, 3000);
	assert_non_null(strstr(log, "crm_mon --output-as=xml"));
	assert_null(strstr(log, "--interval"));     /* the same doorbell */
	/* Then the version is polled, twice a second, the doorbell rests. */
	snapshot_unref(fetch(d, 4000));
	log = calls();
	assert_non_null(strstr(log, "cibadmin --query --xpath /cib"));
	assert_null(strstr(log, "crm_mon --output-as=xml"));
	assert_int_equal(d->ops->next_change_ms(d, 4100), 4000 + 500);
	/* 30 s on, the doorbell is back and, once it has rung, alone. */
	unlink(in_dir("first"));
	snapshot_unref(fetch(d, 33500));
	assert_non_null(strstr(calls_until("--interval=1"),
			       "--interval=1"));
	wait_for_file("first");
	snapshot_unref(fetch(d, 34500));
	calls();
	snapshot_unref(fetch(d, 35000));
	assert_string_equal(calls(), "");

	/* A request makes it alert at once. */
	{
		struct action a;
		char *err = NULL;

		action_init(&a, ACT_CLEANUP, TARGET_RESOURCE, "solo", NULL,
			    &err);
		assert_int_equal(d->ops->act(d, &a, 35500, &err), 0);
	}
	calls();
	snapshot_unref(fetch(d, 36000));
	assert_non_null(strstr(calls(), "cibadmin --query --xpath /cib"));
	/* And the safety net asks the version whatever anybody says, and
	 * fetches nothing more when it has not moved. */
	snapshot_unref(fetch(d, 36000 + 100001));
	log = calls();
	assert_non_null(strstr(log, "cibadmin --query --xpath /cib"));
	assert_null(strstr(log, "crm_mon --output-as=xml"));
	d->ops->destroy(d);
}

/* Without a doorbell, crm_mon runs when the CIB version moved, or after
 * the safety interval, not on every refresh. */
static void
fetch_only_on_change(void **state)
{
	struct driver *d;
	struct snapshot *s;
	char *log;

	(void)state;
	write_file("nobell", "", 0644);
	d = driver();
	calls();
	s = fetch(d, 1000);
	assert_int_equal(snapshot_find_group(s, "web") >= 0, 1);
	snapshot_unref(s);
	nap(100);
	snapshot_unref(fetch(d, 1500));   /* learns the doorbell is gone */
	log = calls();
	assert_non_null(strstr(log, "cibadmin --query --xpath /cib --no-children"));
	assert_non_null(strstr(log, "crm_mon --output-as=xml"));

	s = fetch(d, 2000);
	snapshot_unref(s);
	log = calls();
	assert_non_null(strstr(log, "cibadmin --query --xpath /cib"));
	assert_null(strstr(log, "crm_mon --output-as=xml"));

	write_file("epoch", "11\n", 0644);
	s = fetch(d, 3000);
	snapshot_unref(s);
	log = calls();
	assert_non_null(strstr(log, "crm_mon --output-as=xml"));
	assert_non_null(strstr(log, "--xpath /cib/configuration/constraints"));
	/* A status update (num_updates alone): constraints cannot have
	 * changed, they are not asked for again. */
	write_file("nu", "5\n", 0644);
	s = fetch(d, 3500);
	snapshot_unref(s);
	log = calls();
	assert_non_null(strstr(log, "crm_mon --output-as=xml"));
	assert_null(strstr(log, "--xpath /cib/configuration/constraints"));

	/* The safety net is the version too: nothing more while it stays. */
	s = fetch(d, 3000 + 31000);
	snapshot_unref(s);
	log = calls();
	assert_non_null(strstr(log, "cibadmin --query --xpath /cib"));
	assert_null(strstr(log, "crm_mon --output-as=xml"));
	d->ops->destroy(d);
	unlink(in_dir("nu"));
	unlink(in_dir("nobell"));
}

/* The CIB's version is three whole numbers compared as numbers: an
 * unchanged one means nothing is parsed; one that is not three numbers
 * (too long to be one, or missing) is an error, never "unchanged". */
static void
cib_versions(void **state)
{
	struct driver *d;
	struct snapshot *s = NULL;
	char *err = NULL;
	char big[256];

	(void)state;
	write_file("nobell", "", 0644);
	write_file("epoch", "10\n", 0644);
	d = driver();
	s = fetch(d, 1000);
	assert_non_null(s);
	snapshot_unref(s);
	s = NULL;
	assert_int_equal(d->ops->fetch(d, 2000, &s, &err), DRIVER_UNCHANGED);
	assert_null(s);
	/* The attributes in another order, admin_epoch first. */
	write_file("cib", "<cib admin_epoch=\"0\" epoch=\"10\" "
		   "num_updates=\"4\" crm_feature_set=\"3.16.2\"/>\n", 0644);
	assert_int_equal(d->ops->fetch(d, 2500, &s, &err), DRIVER_UNCHANGED);
	/* A version too long to be a number is refused... */
	memset(big, '9', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	{
		char *cib = xasprintf("<cib admin_epoch=\"0\" epoch=\"%s\" "
				      "num_updates=\"4\"/>\n", big);

		write_file("cib", cib, 0644);
		free(cib);
	}
	assert_int_equal(d->ops->fetch(d, 3000, &s, &err), -1);
	assert_non_null(strstr(err, "no CIB version"));
	free(err);
	err = NULL;
	/* ...and so is one without num_updates. */
	write_file("cib", "<cib admin_epoch=\"0\" epoch=\"10\"/>\n", 0644);
	assert_int_equal(d->ops->fetch(d, 3500, &s, &err), -1);
	free(err);
	err = NULL;
	/* 10.40 is not 10.4: a change, fetched in full. */
	write_file("cib", "<cib admin_epoch=\"0\" epoch=\"10\" "
		   "num_updates=\"40\"/>\n", 0644);
	calls();
	s = fetch(d, 4000);
	assert_non_null(s);
	snapshot_unref(s);
	assert_non_null(strstr(calls(), "crm_mon --output-as=xml"));
	unlink(in_dir("cib"));
	unlink(in_dir("nobell"));
	d->ops->destroy(d);
}

static void
requests_become_commands(void **state)
{
	struct driver *d = driver();
	char *err = NULL, *log;

	(void)state;
	snapshot_unref(fetch(d, 1000));
	calls();
	assert_int_equal(act(d, ACT_OFFLINE, TARGET_GROUP, "web", NULL, &err),
			 0);
	assert_non_null(strstr(calls(), "crm_resource --resource web --meta "
				 "--set-parameter target-role "
				 "--parameter-value Stopped\n"));
	assert_int_equal(act(d, ACT_ONLINE, TARGET_RESOURCE, "solo", NULL,
			     &err), 0);
	assert_non_null(strstr(calls(), "--resource solo --meta "
				 "--set-parameter target-role "
				 "--parameter-value Started\n"));
	/* A clone's instance is set through the clone. */
	assert_int_equal(act(d, ACT_OFFLINE, TARGET_RESOURCE, "ping", NULL,
			     &err), 0);
	assert_non_null(strstr(calls(), "--resource ping-clone --meta"));
	assert_int_equal(act(d, ACT_MOVE, TARGET_GROUP, "web", "node2", &err),
			 0);
	assert_non_null(strstr(calls(), "crm_resource --move --resource web "
				 "--node node2\n"));
	/* To the best node: no --node, crm_resource bans where it runs. */
	assert_int_equal(act(d, ACT_MOVE, TARGET_GROUP, "web", NULL, &err), 0);
	assert_non_null(strstr(calls(), "crm_resource --move --resource "
				 "web\n"));
	assert_int_equal(act(d, ACT_CLEAR, TARGET_GROUP, "web", NULL, &err), 0);
	assert_non_null(strstr(calls(), "crm_resource --clear --resource "
				 "web\n"));
	assert_int_equal(act(d, ACT_CLEANUP, TARGET_RESOURCE, "solo", NULL,
			     &err), 0);
	assert_non_null(strstr(calls(), "crm_resource --cleanup --resource "
				 "solo\n"));
	assert_int_equal(act(d, ACT_PAUSE, TARGET_NODE, "node2", NULL, &err),
			 0);
	assert_non_null(strstr(calls(), "crm_attribute --node node2 --name "
				 "standby --update on\n"));
	assert_int_equal(act(d, ACT_RESUME, TARGET_NODE, "node2", NULL, &err),
			 0);
	log = calls();
	assert_non_null(strstr(log, "--update off\n"));
	d->ops->destroy(d);
}

/* A failed resource taken offline is also cleaned up, so that it ends
 * OFFLINE rather than staying FAILED; brought online, it is cleaned up
 * first, or Pacemaker would not start it again. */
static void
failed_resource_semantics(void **state)
{
	struct driver *d = driver();
	char *err = NULL, *log, *stop, *clean;

	(void)state;
	snapshot_unref(fetch(d, 1000));
	calls();
	assert_int_equal(act(d, ACT_OFFLINE, TARGET_RESOURCE, "db", NULL,
			     &err), 0);
	log = calls();
	stop = strstr(log, "--resource db --meta --set-parameter target-role "
		      "--parameter-value Stopped");
	clean = strstr(log, "crm_resource --cleanup --resource db");
	assert_non_null(stop);
	assert_non_null(clean);
	assert_true(stop < clean);
	assert_int_equal(act(d, ACT_ONLINE, TARGET_RESOURCE, "db", NULL, &err),
			 0);
	log = calls();
	clean = strstr(log, "crm_resource --cleanup --resource db");
	stop = strstr(log, "--parameter-value Started");
	assert_non_null(clean);
	assert_non_null(stop);
	assert_true(clean < stop);
	d->ops->destroy(d);
}

/* The cluster as crm_mon (tests/data/pacemaker/crm_mon/MON) and the
 * configuration query (CONFIG there, or NULL: none matched) say it is,
 * for a new driver's first fetch. */
static void
cluster_is(const char *mon, const char *config)
{
	const char *data = getenv("CCON_TEST_DATA");
	char cmd[1200];

	snprintf(cmd, sizeof(cmd), "cp '%s/pacemaker/crm_mon/%s' '%s/mon.xml'",
		 data ? data : "tests/data", mon, dir);
	assert_int_equal(system(cmd), 0);
	unlink(in_dir("config"));
	if (config != NULL) {
		snprintf(cmd, sizeof(cmd), "cp '%s/pacemaker/crm_mon/%s' "
			 "'%s/config'", data ? data : "tests/data", config, dir);
		assert_int_equal(system(cmd), 0);
	}
}

/* The commands in log, one a line, must be want[0..n) in that order and
 * nothing else that changes the cluster. */
static void
commands_are(const char *log, const char *const *want, size_t n)
{
	const char *at = log;
	size_t i, sent = 0;
	const char *p;

	for (i = 0; i < n; i++) {
		const char *hit = strstr(at, want[i]);

		if (hit == NULL)
			fail_msg("no \"%s\" (in order) in:\n%s", want[i], log);
		at = hit + strlen(want[i]);
	}
	for (p = log; (p = strstr(p, "crm_resource ")) != NULL; p++)
		sent++;
	for (p = log; (p = strstr(p, "crm_attribute ")) != NULL; p++)
		sent++;
	if (sent != n)
		fail_msg("%zu commands sent, %zu expected:\n%s", sent, n, log);
}

#define ROLE(id, role) "crm_resource --resource " id " --meta " \
	"--set-parameter target-role --parameter-value " role

/* Offline means "should be stopped", online "should run", and the
 * commands say just that, whatever the target does at the moment. */
static void
intent_becomes_commands(void **state)
{
	struct driver *d;
	char *err = NULL;

	(void)state;
	/* web-fs is stopped by its own role in the running web, web-srv
	 * only because it comes after it; app is stopped, app-srv also by
	 * its own role (the configuration says so), app-ip runs by its own
	 * Started. */
	cluster_is("member-stopped.xml", "member-stopped-config.xml");
	d = driver();
	snapshot_unref(fetch(d, 1000));
	calls();

	/* Offline of a member stopped behind another: it is set to stay
	 * stopped, and nothing else. */
	assert_int_equal(act(d, ACT_OFFLINE, TARGET_RESOURCE, "web-srv", NULL,
			     &err), 0);
	{
		const char *const want[] = { ROLE("web-srv", "Stopped") "\n" };

		commands_are(calls(), want, 1);
	}
	/* Online of a running group with a member stopped by its own role:
	 * all of it should run, that member first, then the group (which
	 * crm_resource also sets on members that have a role of their own,
	 * those the configuration query might have missed). */
	assert_int_equal(act(d, ACT_ONLINE, TARGET_GROUP, "web", NULL, &err),
			 0);
	{
		const char *const want[] = {
			ROLE("web-fs", "Started") "\n",
			ROLE("web", "Started") "\n",
		};

		commands_are(calls(), want, 2);
	}
	/* Online of the stopped group app: app-srv's own stop (known from
	 * the configuration alone) goes too; app-data is stopped with its
	 * group and needs nothing of its own. */
	assert_int_equal(act(d, ACT_ONLINE, TARGET_GROUP, "app", NULL, &err),
			 0);
	{
		const char *const want[] = {
			ROLE("app-srv", "Started") "\n",
			ROLE("app", "Started") "\n",
		};

		commands_are(calls(), want, 2);
	}
	/* Online of one member of the stopped group: its providers run with
	 * it, its dependents stay stopped, the group last and alone. */
	assert_int_equal(act(d, ACT_ONLINE, TARGET_RESOURCE, "app-data", NULL,
			     &err), 0);
	{
		const char *const want[] = {
			ROLE("app-srv", "Stopped") "\n",
			ROLE("app-ip", "Started") "\n",
			ROLE("app-data", "Started") "\n",
			ROLE("app", "Started") " --force\n",
		};

		commands_are(calls(), want, 4);
	}
	/* Offline of a group: its own role, which crm_resource also sets on
	 * the members that have one of their own (app-ip's Started would
	 * keep it running). */
	assert_int_equal(act(d, ACT_OFFLINE, TARGET_GROUP, "app", NULL, &err),
			 0);
	{
		const char *const want[] = { ROLE("app", "Stopped") "\n" };

		commands_are(calls(), want, 1);
	}
	/* A clone instance: through its clone, for all its instances, by
	 * the clone's own role (crm_resource would set its resource's
	 * instead, when that has one). */
	assert_int_equal(act(d, ACT_ONLINE, TARGET_RESOURCE, "ping", NULL,
			     &err), 0);
	{
		const char *const want[] = {
			ROLE("ping-clone", "Started") " --force\n",
		};

		commands_are(calls(), want, 1);
	}
	assert_int_equal(act(d, ACT_OFFLINE, TARGET_RESOURCE, "ping", NULL,
			     &err), 0);
	{
		const char *const want[] = {
			ROLE("ping-clone", "Stopped") "\n",
		};

		commands_are(calls(), want, 1);
	}
	/* Ban: the instance's container off a node, and u clears it. */
	assert_int_equal(act(d, ACT_BAN, TARGET_RESOURCE, "ping", "node2",
			     &err), 0);
	{
		const char *const want[] = {
			"crm_resource --ban --resource ping-clone --node node2\n",
		};

		commands_are(calls(), want, 1);
	}
	assert_int_equal(act(d, ACT_CLEAR, TARGET_RESOURCE, "ping", NULL,
			     &err), 0);
	{
		const char *const want[] = {
			"crm_resource --clear --resource ping-clone\n",
		};

		commands_are(calls(), want, 1);
	}
	d->ops->destroy(d);
	cluster_is("failed.xml", NULL);
}

/* An id a node reported goes to a tool only if it is a Pacemaker id,
 * and then all the commands of the request are checked before the first
 * is sent. */
static void
reported_ids_checked(void **state)
{
	struct driver *d;
	char *err = NULL, cmd[1200];

	(void)state;
	cluster_is("member-stopped.xml", NULL);
	snprintf(cmd, sizeof(cmd), "sed -i 's/\"web-fs\"/\"web;fs\"/' "
		 "'%s/mon.xml'", dir);
	assert_int_equal(system(cmd), 0);
	d = driver();
	snapshot_unref(fetch(d, 1000));
	calls();
	assert_int_equal(act(d, ACT_ONLINE, TARGET_GROUP, "web", NULL, &err),
			 -1);
	assert_non_null(strstr(err, "'web;fs' is not a Pacemaker id; nothing "
			       "was sent"));
	free(err);
	assert_string_equal(calls(), "");
	d->ops->destroy(d);
	cluster_is("failed.xml", NULL);
}

/* ---- preview ---------------------------------------------------------- */

/* crm_simulate's answers, before and after the change (NAME.before.xml
 * and NAME.after.xml of tests/data/pacemaker/crm_simulate). */
static void
simulate_prints(const char *name)
{
	const char *data = getenv("CCON_TEST_DATA");
	char cmd[1500];

	snprintf(cmd, sizeof(cmd), "cp '%1$s/pacemaker/crm_simulate/%2$s."
		 "before.xml' '%3$s/sim.before' && cp '%1$s/pacemaker/"
		 "crm_simulate/%2$s.after.xml' '%3$s/sim.after'",
		 data ? data : "tests/data", name, dir);
	assert_int_equal(system(cmd), 0);
}

static int
preview(struct driver *d, enum action_kind k, enum target_kind tk,
	const char *target, const char *node, struct preview *p, char **err)
{
	struct action a;

	memset(p, 0, sizeof(*p));
	*err = NULL;
	assert_int_equal(action_init(&a, k, tk, target, node, err), 0);
	return d->ops->preview(d, &a, 0, p, err);
}

static void
item_is(const struct preview *p, size_t i, enum preview_change change,
	const char *id, const char *from, const char *to)
{
	assert_true(i < p->n);
	assert_int_equal(p->items[i].change, change);
	assert_string_equal(p->items[i].id, id);
	if (from == NULL)
		assert_null(p->items[i].from);
	else
		assert_string_equal(p->items[i].from, from);
	if (to == NULL)
		assert_null(p->items[i].to);
	else
		assert_string_equal(p->items[i].to, to);
}

/* What a preview did on the "node", from the calls it logged: the copy
 * of the CIB the tools were given (in *copy), which must be the one
 * crm_simulate read, in a directory of the preview's own that is gone
 * now, crm_simulate's shadow copy going there too; and no tool that edits
 * a CIB ran on the live one. Returns the log. */
static char *
preview_calls(char *copy, size_t len)
{
	char *log = calls(), *line, *save = NULL, *at, dirname[512];
	static char kept[8192];
	size_t sims = 0;
	struct stat st;

	str_copy(kept, sizeof(kept), log);
	copy[0] = '\0';
	for (line = strtok_r(log, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "crm_simulate ", 13) == 0) {
			at = strstr(line, "--xml-file ");
			assert_non_null(at);
			at += 11;
			if (copy[0] == '\0')
				snprintf(copy, len, "%.*s",
					 (int)strcspn(at, " "), at);
			assert_int_equal(strncmp(at, copy, strlen(copy)), 0);
			sims++;
			continue;
		}
		if (strncmp(line, "crm_resource ", 13) == 0 ||
		    strncmp(line, "crm_attribute ", 14) == 0 ||
		    (strncmp(line, "cibadmin ", 9) == 0 &&
		     strcmp(line, "cibadmin --query") != 0)) {
			at = strstr(line, " CIB_file=");
			if (at == NULL)
				fail_msg("on the live CIB: %s", line);
			assert_string_equal(at + 10, copy);
		}
	}
	assert_int_equal(sims, 2);
	snprintf(dirname, sizeof(dirname), "%s", copy);
	assert_non_null(strrchr(dirname, '/'));
	*strrchr(dirname, '/') = '\0';
	{
		char shadow[600];

		snprintf(shadow, sizeof(shadow), " CIB_shadow_dir=%s CIB_file="
			 "\n", dirname);
		at = strstr(kept, shadow);
		assert_non_null(at);
		assert_non_null(strstr(at + 1, shadow));
	}
	assert_int_equal(strncmp(dirname, "/tmp/ccon-preview.", 18), 0);
	assert_int_not_equal(stat(dirname, &st), 0);
	/* The live CIB was read, never written. */
	assert_non_null(strstr(kept, "cibadmin --query\n"));
	return kept;
}

/* The preview of offline of a group: its members stop, worked out on a
 * copy of the CIB the node makes and removes, the live CIB untouched. */
static void
preview_offline_group(void **state)
{
	struct driver *d;
	struct preview p;
	char *err, copy[512], *log;

	(void)state;
	cluster_is("basic-3node.xml", NULL);
	simulate_prints("offline-web");
	d = driver();
	snapshot_unref(fetch(d, 1000));
	calls();
	assert_int_equal(preview(d, ACT_OFFLINE, TARGET_GROUP, "web", NULL, &p,
				 &err), 0);
	assert_int_equal(p.n, 3);
	item_is(&p, 0, PREVIEW_STOP, "web-ip", "node1", NULL);
	item_is(&p, 1, PREVIEW_STOP, "web-fs", "node1", NULL);
	item_is(&p, 2, PREVIEW_STOP, "web-srv", "node1", NULL);
	preview_free(&p);
	log = preview_calls(copy, sizeof(copy));
	/* The command an offline sends, on the copy. */
	assert_non_null(strstr(log, ROLE("web", "Stopped") " CIB_file="));
	assert_non_null(strstr(log, "crm_simulate --run --xml-file "));
	assert_non_null(strstr(log, " --output-as=xml "));
	d->ops->destroy(d);
}

/* Clone instances by their id; a move from one node to another. */
static void
preview_instances_and_moves(void **state)
{
	struct driver *d;
	struct preview p;
	char *err, copy[512], *log;

	(void)state;
	cluster_is("basic-3node.xml", NULL);
	d = driver();
	snapshot_unref(fetch(d, 1000));
	calls();
	simulate_prints("offline-ping");
	assert_int_equal(preview(d, ACT_OFFLINE, TARGET_RESOURCE, "ping", NULL,
				 &p, &err), 0);
	assert_int_equal(p.n, 3);
	item_is(&p, 0, PREVIEW_STOP, "ping", "node1", NULL);
	item_is(&p, 1, PREVIEW_STOP, "ping", "node2", NULL);
	item_is(&p, 2, PREVIEW_STOP, "ping", "node3", NULL);
	preview_free(&p);
	log = preview_calls(copy, sizeof(copy));
	assert_non_null(strstr(log, ROLE("ping-clone", "Stopped")));
	simulate_prints("move-web");
	assert_int_equal(preview(d, ACT_MOVE, TARGET_GROUP, "web", "node2", &p,
				 &err), 0);
	assert_int_equal(p.n, 3);
	item_is(&p, 0, PREVIEW_MOVE, "web-ip", "node1", "node2");
	item_is(&p, 2, PREVIEW_MOVE, "web-srv", "node1", "node2");
	preview_free(&p);
	log = preview_calls(copy, sizeof(copy));
	assert_non_null(strstr(log, "crm_resource --move --resource web "
			       "--node node2 CIB_file="));
	d->ops->destroy(d);
}

/* Online of a failed resource: its cleanup, which asks the controller,
 * becomes the deletion of its failure records from the copy; and what the
 * cluster was doing anyway (web-srv's recovery) is not the request's. */
static void
preview_failed_online(void **state)
{
	struct driver *d;
	struct preview p;
	char *err, copy[512], *log, *del, *start;

	(void)state;
	cluster_is("failed.xml", NULL);
	simulate_prints("online-db");
	d = driver();
	snapshot_unref(fetch(d, 1000));
	calls();
	assert_int_equal(preview(d, ACT_ONLINE, TARGET_RESOURCE, "db", NULL,
				 &p, &err), 0);
	assert_int_equal(p.n, 1);
	item_is(&p, 0, PREVIEW_START, "db", NULL, "node3");
	preview_free(&p);
	log = preview_calls(copy, sizeof(copy));
	assert_null(strstr(log, "--cleanup"));
	del = strstr(log, "cibadmin --delete --force --delete-all --xpath "
		     "/cib/status//lrm_resource[@id='db' or "
		     "starts-with(@id,'db:')] | ");
	start = strstr(log, ROLE("db", "Started") " CIB_file=");
	assert_non_null(del);
	assert_non_null(strstr(del, "starts-with(@name,'fail-count-db#')"));
	assert_non_null(start);
	assert_true(del < start);
	d->ops->destroy(d);
}

/* A preview that cannot be made says why, and leaves nothing behind on
 * the node; an id that is not a Pacemaker id is refused before anything
 * runs. */
static void
preview_errors(void **state)
{
	struct driver *d;
	struct preview p;
	char *err, copy[512];

	(void)state;
	cluster_is("basic-3node.xml", NULL);
	simulate_prints("offline-web");
	d = driver();
	snapshot_unref(fetch(d, 1000));
	calls();

	write_file("sim.rc", "3\n", 0644);
	assert_int_equal(preview(d, ACT_OFFLINE, TARGET_GROUP, "web", NULL, &p,
				 &err), -1);
	assert_int_equal(p.n, 0);
	assert_non_null(strstr(err, "the preview failed (exit 72): "
			       "ccon-preview: crm_simulate failed (exit 3):\n"
			       "crm_simulate: the stand-in fails"));
	free(err);
	unlink(in_dir("sim.rc"));
	{
		/* Only the first simulation ran: the copy was never
		 * edited. Its directory is gone all the same. */
		char *log = calls(), *at = strstr(log, "--xml-file ");
		struct stat st;

		assert_non_null(at);
		snprintf(copy, sizeof(copy), "%.*s",
			 (int)strcspn(at + 11, " "), at + 11);
		assert_non_null(strrchr(copy, '/'));
		*strrchr(copy, '/') = '\0';
		assert_int_not_equal(stat(copy, &st), 0);
	}

	/* A tool that fails on the copy: its own words. */
	write_file("rc", "6\n", 0644);
	write_file("stderr", "crm_resource: Resource 'web' not found\n", 0644);
	assert_int_equal(preview(d, ACT_OFFLINE, TARGET_GROUP, "web", NULL, &p,
				 &err), -1);
	assert_non_null(strstr(err, "ccon-preview: crm_resource failed on the "
			       "copy (exit 6): crm_resource: Resource 'web' "
			       "not found"));
	free(err);
	write_file("rc", "0\n", 0644);
	write_file("stderr", "", 0644);
	calls();

	/* crm_simulate's answer unreadable. */
	write_file("sim.after", "<pacemaker-result><actions>", 0644);
	assert_int_equal(preview(d, ACT_OFFLINE, TARGET_GROUP, "web", NULL, &p,
				 &err), -1);
	assert_non_null(strstr(err, "crm_simulate's XML is not readable"));
	free(err);
	calls();

	/* Not a Pacemaker id: nothing runs, not even the shell. */
	assert_int_equal(preview(d, ACT_OFFLINE, TARGET_GROUP, "-web", NULL,
				 &p, &err), -1);
	assert_non_null(strstr(err, "'-web' is not a Pacemaker id"));
	free(err);
	assert_int_equal(preview(d, ACT_MOVE, TARGET_GROUP, "web", "node2;id",
				 &p, &err), -1);
	assert_non_null(strstr(err, "'node2;id' is not a Pacemaker id"));
	free(err);
	assert_string_equal(calls(), "");
	d->ops->destroy(d);

	/* A failed member whose id (a node's) is no Pacemaker id: the
	 * preview's cleanup would name it in an XPath. Refused, nothing
	 * runs. */
	cluster_is("failed.xml", NULL);
	snprintf(copy, sizeof(copy), "sed -i 's/\"web-srv\"/\"web'\"'\"'srv\"/' "
		 "'%s/mon.xml'", dir);
	assert_int_equal(system(copy), 0);
	d = driver();
	snapshot_unref(fetch(d, 1000));
	calls();
	assert_int_equal(preview(d, ACT_ONLINE, TARGET_GROUP, "web", NULL, &p,
				 &err), -1);
	assert_non_null(strstr(err, "'web'srv' is not a Pacemaker id"));
	free(err);
	assert_string_equal(calls(), "");
	d->ops->destroy(d);
	cluster_is("failed.xml", NULL);
}

/* The tool's own words reach the operator; ids that are not Pacemaker
 * ids never reach a tool. */
static void
errors(void **state)
{
	struct driver *d = driver();
	struct snapshot *s = NULL;
	char *err = NULL;

	(void)state;
	snapshot_unref(fetch(d, 1000));
	calls();
	write_file("rc", "6\n", 0644);
	write_file("stderr", "crm_resource: Resource 'web' not found\n"
		   "Error performing operation: No such device or address\n",
		   0644);
	assert_int_equal(act(d, ACT_OFFLINE, TARGET_GROUP, "web", NULL, &err),
			 -1);
	assert_non_null(strstr(err, "crm_resource failed (exit 6): "
				"crm_resource: Resource 'web' not found"));
	free(err);
	err = NULL;
	write_file("rc", "0\n", 0644);
	write_file("stderr", "", 0644);
	calls();
	assert_int_equal(act(d, ACT_OFFLINE, TARGET_GROUP, "-web", NULL, &err),
			 -1);
	assert_non_null(strstr(err, "not a Pacemaker id"));
	free(err);
	err = NULL;
	assert_int_equal(act(d, ACT_MOVE, TARGET_GROUP, "web", "node 2", &err),
			 -1);
	free(err);
	err = NULL;
	assert_string_equal(calls(), "");

	/* The cluster is down on that node: crm_mon says so in XML. */
	write_file("epoch", "12\n", 0644);
	write_file("mon.rc", "102\n", 0644);
	{
		char cmd[700];

		snprintf(cmd, sizeof(cmd), "cp '%s/pacemaker/crm_mon/"
			 "error-not-connected.xml' '%s/mon.xml'",
			 getenv("CCON_TEST_DATA") ? getenv("CCON_TEST_DATA")
						  : "tests/data", dir);
		assert_int_equal(system(cmd), 0);
	}
	assert_int_equal(d->ops->fetch(d, 5000, &s, &err), -1);
	assert_non_null(strstr(err, "Not connected"));
	free(err);
	d->ops->destroy(d);
}

/* --input: the file is read and parsed again only when it changed; the
 * same bytes written again are no change; a broken file is an error
 * until it is mended, without a re-read while it stays as it is. */
static void
input_file_changes(void **state)
{
	const char *path = in_dir("saved.xml");
	struct driver *d = pacemaker_file_driver_new("input", path);
	struct snapshot *s = NULL;
	struct timespec later[2];
	char *err = NULL, cmd[1200];
	const char *data = getenv("CCON_TEST_DATA");

	(void)state;
	assert_int_equal(d->ops->caps, 0);
	snprintf(cmd, sizeof(cmd), "cp '%s/pacemaker/crm_mon/basic-3node.xml' "
		 "'%s'", data ? data : "tests/data", path);
	assert_int_equal(system(cmd), 0);
	s = fetch(d, 1000);
	assert_non_null(s);
	assert_true(snapshot_find_node(s, "node3") >= 0);
	snapshot_unref(s);
	assert_null(fetch(d, 2000));                  /* unchanged */
	/* Touched, same bytes: still unchanged. */
	clock_gettime(CLOCK_REALTIME, &later[0]);
	later[0].tv_sec += 5;
	later[1] = later[0];
	assert_int_equal(utimensat(AT_FDCWD, path, later, 0), 0);
	assert_null(fetch(d, 3000));
	/* New content: a new snapshot. */
	snprintf(cmd, sizeof(cmd), "cp '%s/pacemaker/crm_mon/failed.xml' '%s'",
		 data ? data : "tests/data", path);
	assert_int_equal(system(cmd), 0);
	s = fetch(d, 4000);
	assert_non_null(s);
	assert_true(snapshot_find_group(s, "web") >= 0);
	snapshot_unref(s);
	s = NULL;
	/* Broken: an error, and the same error while it stays broken. */
	write_file("saved.xml", "<pacemaker-result><summary>", 0644);
	assert_int_equal(d->ops->fetch(d, 5000, &s, &err), -1);
	assert_non_null(strstr(err, "not readable"));
	free(err);
	err = NULL;
	assert_int_equal(d->ops->fetch(d, 6000, &s, &err), -1);
	assert_non_null(strstr(err, "not readable"));
	free(err);
	err = NULL;
	/* Gone: said so. */
	unlink(path);
	assert_int_equal(d->ops->fetch(d, 7000, &s, &err), -1);
	assert_non_null(strstr(err, "No such file"));
	free(err);
	assert_null(s);
	d->ops->destroy(d);
}

/* The detail: one command, of read-only tools alone, its id an
 * argument; what it prints becomes the failures, the operations, the
 * constraints of the resource and of its group, its configuration. An
 * id that is not one is refused before anything runs. */
static void
detail_one_command(void **state)
{
	struct driver *d = driver();
	struct detail out = { 0 };
	struct detail_ask q = { .kind = TARGET_RESOURCE, .id = "web-srv" };
	const char *data = getenv("CCON_TEST_DATA");
	char cmd[1200], *log, *err = NULL, *p;
	size_t i;
	int lines = 0;
	bool reason = false, cons = false, agent = false;

	(void)state;
	/* What the tests before may have left. */
	snprintf(cmd, sizeof(cmd), "cp '%s/pacemaker/crm_mon/failed.xml' "
		 "'%s/mon.xml'", data ? data : "tests/data", dir);
	assert_int_equal(system(cmd), 0);
	unlink(in_dir("mon.rc"));
	unlink(in_dir("config"));
	unlink(in_dir("cib"));
	snapshot_unref(fetch(d, 0));
	(void)calls();
	snprintf(cmd, sizeof(cmd), "cp '%s/pacemaker/crm_mon/constraints-cib.xml'"
		 " '%s/config' && cp '%s/pacemaker/cib/failed.xml' '%s/cib'",
		 data ? data : "tests/data", dir, data ? data : "tests/data",
		 dir);
	assert_int_equal(system(cmd), 0);
	if (d->ops->detail(d, &q, 0, &out, &err) != 0)
		fail_msg("detail: %s", err);
	log = calls();
	/* Every line but the doorbell's (its start may come late). */
	for (p = log; *p != '\0'; p = strchr(p, '\n') + 1) {
		if (strncmp(p, "crm_mon --output-as=text", 24) != 0)
			lines++;
		if (strchr(p, '\n') == NULL)
			break;
	}
	assert_int_equal(lines, 3);
	assert_non_null(strstr(log, "crm_mon --output-as=xml --include=none,"
	    "nodes,resources,failcounts,failures,operations,attributes\n"));
	assert_non_null(strstr(log, "cibadmin --query --scope constraints\n"));
	assert_non_null(strstr(log, "cibadmin --query --xpath "
	    "//*[@id='web-srv']\n"));
	assert_null(strstr(log, "crm_resource"));
	assert_null(strstr(log, "crm_attribute"));
	for (i = 0; i < out.n; i++) {
		if (strcmp(out.lines[i].value,
		    "pid file /run/web-srv.pid is stale") == 0)
			reason = true;
		/* web-srv is in web: web's constraints hold it. */
		if (strstr(out.lines[i].value, "web-prefers-node1") != NULL)
			cons = true;
		if (strcmp(out.lines[i].label, "agent") == 0 &&
		    strcmp(out.lines[i].value, "ocf:pacemaker:Dummy") == 0)
			agent = true;
	}
	assert_true(reason);
	assert_true(cons);
	assert_true(agent);
	detail_free(&out);

	/* A node's: crm_mon alone. */
	q.kind = TARGET_NODE;
	snprintf(q.id, sizeof(q.id), "node2");
	if (d->ops->detail(d, &q, 0, &out, &err) != 0)
		fail_msg("detail: %s", err);
	log = calls();
	assert_null(strstr(log, "cibadmin"));
	assert_non_null(strstr(log, "crm_mon --output-as=xml"));
	assert_true(out.n > 0);
	detail_free(&out);

	q.kind = TARGET_RESOURCE;
	snprintf(q.id, sizeof(q.id), "web'; crm_resource --cleanup; '");
	assert_int_equal(d->ops->detail(d, &q, 0, &out, &err), -1);
	assert_non_null(strstr(err, "is not a Pacemaker id; nothing was sent"));
	free(err);
	assert_string_equal(calls(), "");
	assert_int_equal(out.n, 0);
	unlink(in_dir("config"));
	unlink(in_dir("cib"));
	d->ops->destroy(d);
}

static void
valid_ids(void **state)
{
	(void)state;
	assert_true(pacemaker_valid_id("web"));
	assert_true(pacemaker_valid_id("ping:0"));
	assert_true(pacemaker_valid_id("_x.y-z"));
	assert_true(pacemaker_valid_id("監視-ip"));
	assert_false(pacemaker_valid_id(""));
	assert_false(pacemaker_valid_id("-x"));
	assert_false(pacemaker_valid_id("1web"));
	assert_false(pacemaker_valid_id("a b"));
	assert_false(pacemaker_valid_id("a;b"));
	assert_false(pacemaker_valid_id("a'b"));
	assert_false(pacemaker_valid_id("a$b"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(doorbell),
		cmocka_unit_test(fetch_only_on_change),
		cmocka_unit_test(cib_versions),
		cmocka_unit_test(requests_become_commands),
		cmocka_unit_test(failed_resource_semantics),
		cmocka_unit_test(intent_becomes_commands),
		cmocka_unit_test(reported_ids_checked),
		cmocka_unit_test(preview_offline_group),
		cmocka_unit_test(preview_instances_and_moves),
		cmocka_unit_test(preview_failed_online),
		cmocka_unit_test(preview_errors),
		cmocka_unit_test(errors),
		cmocka_unit_test(input_file_changes),
		cmocka_unit_test(valid_ids),
		cmocka_unit_test(detail_one_command),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
