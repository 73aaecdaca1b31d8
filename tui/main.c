/* ccon: the command line. Layers the configuration (defaults, file,
 * options), builds one cluster per configured cluster, then either prints
 * one snapshot (--once), judges one as a monitoring plugin (--check) or
 * hands over to the console. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backend/core/audit.h"
#include "backend/core/cluster.h"
#include "backend/core/prompt.h"
#include "tui/report.h"
#include "backend/util/defaults.h"
#include "backend/util/glyph.h"
#include "backend/util/xalloc.h"
#include "conf/conf.h"
#include "tui/app.h"
#include "tui/check.h"
#include "tui/errlog.h"
#include "tui/factory.h"
#include "tui/options.h"
#include "tui/whatif_report.h"
#include "views/keys.h"
#include "backend/util/termtext.h"

#define EXIT_USAGE 2

/* What refused the run, said on stderr and kept: --check says it on
 * stdout too, where a monitoring system reads it. */
static char refusal[512];

static void refuse(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
refuse(const char *fmt, ...)
{
	char msg[sizeof refusal];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "ccon: %s\n", msg);
	if (refusal[0] == '\0')
		memcpy(refusal, msg, sizeof refusal);
}

/* Defaults, then the file (the one named, or the default one if it
 * exists), then the options. */
static int
load_config(const struct options *o, struct conf *conf)
{
	char *path = NULL, *err = NULL, *line, *save = NULL;
	struct stat st;
	int rc = 0;

	conf_defaults(conf);
	factory_conf_checks(conf, o->local);
	if (o->config != NULL)
		path = xstrdup(o->config);
	else if ((path = conf_default_path()) != NULL &&
		 stat(path, &st) != 0) {
		free(path);
		path = NULL;
	}
	if (path != NULL && conf_load(conf, path, &err) != 0) {
		/* Every error of the file, one a line (the first is what
		 * --check says). */
		for (line = strtok_r(err, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save))
			refuse("%s", line);
		free(err);
		rc = -1;
	}
	free(path);
	if (rc == 0 && o->demo)
		conf_add_demo(conf,
			      o->given[OPT_SEED] ? o->seed :
			      CCON_DEFAULT_SIM_SEED,
			      o->calm);
	/* --readonly wins over every cluster's own setting. */
	if (o->readonly)
		conf_force_readonly(conf);
	return rc;
}

/* --list-clusters: the names, one a line, for shell completion. They
 * are the schema's alphabet only ([A-Za-z0-9._-]): safe to print. */
static int
list_clusters(const struct conf *conf)
{
	size_t i;

	for (i = 0; i < conf->n_clusters; i++)
		if (printf("%s\n", conf->clusters[i].name) < 0)
			break;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "ccon: writing the cluster names: %s\n",
			strerror(errno));
		return 1;
	}
	return 0;
}

/* Which configured clusters this run shows. */
static int
select_clusters(const struct options *o, struct conf *conf,
		struct conf_cluster ***out, size_t *n)
{
	struct conf_cluster *one = NULL;
	size_t i;

	*out = NULL;
	*n = 0;
	if (o->demo)
		one = conf_find_cluster(conf, "demo");
	else if (o->cluster != NULL) {
		one = conf_find_cluster(conf, o->cluster);
		if (one == NULL) {
			char names[256] = "";
			size_t len = 0;

			for (i = 0; i < conf->n_clusters &&
			     len < sizeof names; i++)
				len += (size_t)snprintf(names + len,
					sizeof names - len, "%s%s",
					i == 0 ? "; there are: " : ", ",
					conf->clusters[i].name);
			refuse("no cluster named '%s' in the configuration%s",
			       o->cluster, names);
			return -1;
		}
	}
	if (one != NULL) {
		*out = xcalloc(1, sizeof(**out));
		(*out)[(*n)++] = one;
		return 0;
	}
	if (conf->n_clusters == 0) {
		refuse("no clusters configured: write %s (see "
		       "ccon.conf.example), or try ccon --demo",
		       conf->path ? conf->path : "~/.config/ccon/ccon.conf");
		return -1;
	}
	*out = xcalloc(conf->n_clusters, sizeof(**out));
	for (i = 0; i < conf->n_clusters; i++)
		(*out)[(*n)++] = &conf->clusters[i];
	return 0;
}

static int
run_what_if(const struct options *o, struct cluster *c)
{
	enum action_kind kind;
	char *target, *node, *err = NULL;
	int code;

	if (whatif_parse(o->what_if, &kind, &target, &node, &err) != 0) {
		fprintf(stderr, "ccon: %s\n", err);
		free(err);
		return EXIT_USAGE;
	}
	code = whatif_run(c, kind, target, node,
			  strcmp(o->output, "json") == 0, stdout);
	free(target);
	free(node);
	return code;
}

/* How old the data is, by its own time where it has one, as the
 * overview's health line counts it (views/health.c); -1 unknown. */
static int64_t
data_age_ms(const struct cluster_status *st, uint64_t now_ms)
{
	if (st->last_ok_ms == 0 || now_ms < st->last_ok_ms)
		return -1;
	return (int64_t)(now_ms - st->last_ok_ms + st->data_age_ms);
}

static int
run_once(const struct options *o, struct cluster *c)
{
	struct cluster_status st;
	struct snapshot *s;
	bool json = strcmp(o->output, "json") == 0;
	int rc;

	cluster_refresh(c);
	s = cluster_snapshot(c);
	cluster_get_status(c, &st);
	if (s == NULL) {
		char safe[sizeof(st.error)];

		/* The error may quote a remote command's stderr. */
		termtext_sanitize(safe, sizeof(safe),
				  st.error[0] ? st.error : "no data");
		fprintf(stderr, "ccon: %s: %s\n", cluster_name(c), safe);
		/* A script reading stdout gets a document too; a what-if
		 * prints none of its own here. */
		if (json && o->what_if == NULL &&
		    (report_json_error(stdout, cluster_name(c), safe) != 0 ||
		     fflush(stdout) != 0))
			fprintf(stderr, "ccon: writing the report: %s\n",
				strerror(errno));
		return 1;
	}
	if (o->what_if != NULL) {
		snapshot_unref(s);
		return run_what_if(o, c);
	}
	if (json)
		rc = report_json(stdout, s, st.stale,
				 data_age_ms(&st, cluster_now_ms(c)));
	else
		rc = report_text(stdout, s, st.stale);
	snapshot_unref(s);
	if (rc != 0 || fflush(stdout) != 0) {
		fprintf(stderr, "ccon: writing the report: %s\n",
			strerror(errno));
		return 1;
	}
	return 0;
}

/* --check: one look, one line on stdout, the verdict as the exit code.
 * The thresholds are the configuration's, and the options' over them. */
static int
run_check(const struct options *o, const struct conf *conf,
	  struct cluster *c)
{
	struct check_policy p;
	struct check_verdict v;
	struct cluster_status st;
	struct health_input in = { 0 };
	struct snapshot *s;

	check_policy_from_conf(conf, &p);
	if (o->given[OPT_WARN_PENDING])
		p.pending_ms = (uint64_t)(o->warn_pending * 1000.0 + 0.5);
	if (o->given[OPT_WARN_ON])
		check_policy_warn_on(&p, o->warn_on);
	cluster_refresh(c);
	s = cluster_snapshot(c);
	cluster_get_status(c, &st);
	in.name = cluster_name(c);
	in.snap = s;
	in.st = &st;
	in.readonly = cluster_readonly(c);
	in.now_ms = cluster_now_ms(c);
	check_judge(&in, &p, &v);
	snapshot_unref(s);
	if (printf("%s\n", v.line) < 0 || fflush(stdout) != 0) {
		fprintf(stderr, "ccon: writing the check: %s\n",
			strerror(errno));
		return CHECK_UNKNOWN;
	}
	return (int)v.status;
}

/* A --check that cannot look at all says why on stdout too, where the
 * monitoring reads it. */
static int
check_refused(const char *why)
{
	struct check_verdict v;

	check_unknown(why[0] != '\0' ? why : "ccon refused the command line "
		      "or the configuration (the reason is on stderr)", &v);
	printf("%s\n", v.line);
	return CHECK_UNKNOWN;
}

/* Whether the environment names a locale for characters at all (an
 * empty variable counts as unset, as for setlocale). */
static bool
locale_asked(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return true;
	return false;
}

int
main(int argc, char **argv)
{
	struct options o;
	struct conf conf;
	struct conf_cluster **chosen = NULL;
	struct cluster **clusters = NULL;
	struct audit *audit = NULL;
	struct app_options ao = { 0 };
	struct prompt *prompt = NULL;
	struct factory_env env = { 0 };
	struct errlog elog;
	bool diverted = false, checked = false;
	char *err = NULL, *app_err = NULL;
	size_t n = 0, i;
	int code = 0;

	/* Every fetch builds a DOM of hundreds of thousands of small nodes
	 * and frees it: freed into glibc's fastbins, they were merged all at
	 * once by the next large allocation, a third of the CPU of a
	 * 20,000-resource fetch (bench/scale). Merged as they are freed,
	 * they cost less. */
	(void)mallopt(M_MXFAST, 0);
	setlocale(LC_ALL, "");
	/* Sessions over ssh or sudo often arrive with no locale at all, on
	 * terminals that do UTF-8 nonetheless: then C.UTF-8 is the better
	 * guess. A locale that was asked for (LANG=C, an ISO-8859 one) is
	 * obeyed: tree lines and marks fall back to ASCII (glyph.h). */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0 && !locale_asked())
		(void)setlocale(LC_CTYPE, "C.UTF-8");
	glyph_set_utf8(strcmp(nl_langinfo(CODESET), "UTF-8") == 0);
	if (options_parse(argc, argv, &o, &code) != 0)
		return code == CHECK_UNKNOWN ? check_refused(options_error()) :
		    code;
	if (load_config(&o, &conf) != 0) {
		code = EXIT_USAGE;
		goto out;
	}
	if (o.given[OPT_LIST_CLUSTERS]) {
		code = list_clusters(&conf);
		goto out;
	}
	if (o.input != NULL)
		n = 1;          /* the file is the one cluster */
	else if (select_clusters(&o, &conf, &chosen, &n) != 0) {
		code = EXIT_USAGE;
		goto out;
	}
	if ((o.once || o.check) && n > 1) {
		refuse("%s one cluster: pick it with -c NAME",
		       o.check ? "--check looks at" : "--once prints");
		code = EXIT_USAGE;
		goto out;
	}
	if (!o.once && !o.check) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			fprintf(stderr, "ccon: the console needs a terminal; "
				"for scripts use --once\n");
			code = EXIT_USAGE;
			goto out;
		}
		/* Questions from the workers (passphrases, host keys) are
		 * answered in the console; --once has nobody to ask. */
		prompt = prompt_new();
		/* Every request is audited; without a log, no console. */
		audit = audit_open(conf.audit_log, &err);
		if (audit == NULL) {
			fprintf(stderr, "ccon: %s\n", err);
			code = 1;
			goto out;
		}
	}
	env.local = o.local;
	env.prompt = prompt;
	env.audit = audit;
	clusters = xcalloc(n, sizeof(*clusters));
	if (o.input != NULL)
		clusters[0] = factory_input_cluster(&conf, o.input, &env);
	else
		for (i = 0; i < n; i++)
			clusters[i] = factory_cluster(&conf, chosen[i], &env);

	if (o.once) {
		code = run_once(&o, clusters[0]);
		goto out;
	}
	if (o.check) {
		code = run_check(&o, &conf, clusters[0]);
		checked = true;
		goto out;
	}
	ao.colors = conf.colors;
	ao.no_color = getenv("NO_COLOR") != NULL &&
		      getenv("NO_COLOR")[0] != '\0';
	ao.audit_path = audit_path(audit);
	ao.prompt = prompt;
	ao.key_bar = conf.key_bar;
	ao.mouse = conf.mouse;
	/* Only curses draws on the terminal from here on, until the
	 * clusters are gone (their drivers may still talk as they close). */
	if (errlog_divert(&elog, &err) != 0) {
		fprintf(stderr, "ccon: %s\n", err);
		code = 1;
		goto out;
	}
	diverted = true;
	if (app_run(clusters, n, &ao, &app_err) != 0)
		code = 1;
out:
	for (i = 0; clusters != NULL && i < n; i++)
		cluster_free(clusters[i]);
	if (diverted)
		errlog_restore(&elog);
	if (app_err != NULL)
		fprintf(stderr, "ccon: %s\n", app_err);
	free(app_err);
	free(clusters);
	free(chosen);
	free(err);
	audit_close(audit);
	prompt_free(prompt);
	conf_free(&conf);
	/* Refused before it looked: a plugin's usage error is UNKNOWN. */
	if (o.check && !checked && code == EXIT_USAGE)
		return check_refused(refusal);
	return code;
}
