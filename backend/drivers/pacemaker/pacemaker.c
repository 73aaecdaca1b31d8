#include "backend/drivers/pacemaker/pacemaker.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backend/drivers/pacemaker/pcmk_xml.h"
#include "backend/core/status.h"
#include "backend/util/defaults.h"
#include "backend/util/str.h"
#include "backend/util/xalloc.h"

/* Enough of a tool's stderr to say what went wrong. */
#define STDERR_SHOWN 600

/* What crm_mon is asked for: the sections the parser reads, and not the
 * operation history, which is half the document. (Section names as
 * Pacemaker 2.1 through 3.x know them.) */
static const char *const crm_mon_argv[] = {
	"crm_mon", "--output-as=xml",
	("--include=none,summary,options,dc,nodes,resources,failcounts,"
	 "failures,bans"),
};

/* The <cib> element alone: admin_epoch, epoch and num_updates move on
 * every change of configuration or status. About 10 ms on a node. */
static const char *const cib_version_argv[] = {
	"cibadmin", "--query", "--xpath", "/cib", "--no-children",
};

/* What of the configuration crm_mon does not say: the move and ban
 * constraints (crm_mon lists bans, not moves), and the primitives whose
 * own target role is Stopped, which crm_mon cannot tell from those of a
 * stopped group (it prints the role in force). The elements alone, not
 * their children: ids are all it takes. */
#define CONFIG_QUERY_XPATH \
	"/cib/configuration/constraints/rsc_location[starts-with(@id,'cli-')]" \
	" | /cib/configuration/resources//primitive[meta_attributes/nvpair" \
	"[@name='target-role'][translate(@value,'STOPED','stoped')=" \
	"'stopped']]"

static const char *const constraints_argv[] = {
	"cibadmin", "--query", "--no-children", "--xpath", CONFIG_QUERY_XPATH,
};

/* cibadmin's exit status when an XPath query matches nothing (ENXIO). */
#define CIBADMIN_NO_MATCH 105

/* The doorbell: in text mode crm_mon prints a block on every change of
 * the CIB and nothing while the cluster is idle (measured: no node CPU
 * at all, against about 1.2 s a minute for polling the CIB version every
 * second; bench/pcmk-change-detection). */
/* The version of the CIB: admin_epoch and epoch move with every change
 * of the configuration, num_updates with every change of the status. */
struct cib_version {
	unsigned long long admin_epoch, epoch, num_updates;
	bool known;
};

/* How long after a change or a request the version is polled too. */
#define HOT_MS 30000

static const char *const doorbell_argv[] = {
	"crm_mon", "--output-as=text", "--interval=600",
};

struct pacemaker {
	struct driver base;
	char *cluster;
	struct transport *t;
	unsigned timeout_ms, full_ms;
	char *xml, *constraints;      /* the last good outputs */
	size_t xml_len, constraints_len;
	struct cib_version version;   /* of the last full fetch */
	uint64_t last_full_ms;
	enum { BELL_NONE, BELL_STARTING, BELL_LIVE } bell;
	uint64_t bell_retry_ms;       /* when to try a dead doorbell again */
	uint64_t hot_until_ms;        /* poll the version until then */
	struct snapshot *last;        /* the last parsed state, for act() */
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static bool
ascii_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool
pacemaker_valid_id(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	if (n == 0 || n > 255)
		return false;
	/* NCName: a letter or '_' first (any non-ASCII byte belongs to a
	 * letter of some script as far as we can tell), then also digits,
	 * '.', '-' and, for clone instances, ':'. */
	if (!(p[0] >= 0x80 || p[0] == '_' || ascii_letter(p[0])))
		return false;
	for (; *p; p++) {
		if (*p >= 0x80 || *p == '_' || *p == '.' || *p == '-' ||
		    *p == ':' || ascii_letter(*p) || (*p >= '0' && *p <= '9'))
			continue;
		return false;
	}
	return true;
}

/* A tool's complaint, cut to a readable size. */
static char *
tool_error(const char *tool, const struct transport_result *res)
{
	char shown[STDERR_SHOWN];
	const char *text = res->err_len ? res->err : res->out;
	size_t n;

	str_copy(shown, sizeof(shown), text ? text : "");
	n = strlen(shown);
	while (n > 0 && (shown[n - 1] == '\n' || shown[n - 1] == ' '))
		shown[--n] = '\0';
	return xasprintf("%s failed (exit %d)%s%s", tool, res->exit_status,
			 n ? ": " : "", shown);
}

static int
run(struct pacemaker *pm, const char *const *argv, size_t argc,
    struct transport_result *res, char **err)
{
	return pm->t->ops->run(pm->t, argv, argc, pm->timeout_ms, res, err);
}

/* The value of attribute name="digits" in the <cib> element cibadmin
 * printed: a whole word (" epoch=" is not "admin_epoch="), at most 19
 * digits so that it fits. Returns 0, or -1. */
static int
version_field(const char *xml, const char *name, unsigned long long *v)
{
	size_t len = strlen(name);
	const char *p;

	for (p = strstr(xml, name); p != NULL; p = strstr(p + 1, name)) {
		const char *q = p + len;
		size_t digits;

		if (p > xml && p[-1] != ' ' && p[-1] != '\t' && p[-1] != '\n')
			continue;
		if (strncmp(q, "=\"", 2) != 0)
			continue;
		q += 2;
		digits = strspn(q, "0123456789");
		if (digits == 0 || digits > 19 || q[digits] != '"')
			return -1;
		*v = strtoull(q, NULL, 10);
		return 0;
	}
	return -1;
}

/* The CIB's version, from its <cib> element. Returns 0, or -1 with *err. */
static int
cib_version(struct pacemaker *pm, struct cib_version *out, char **err)
{
	struct transport_result res;

	if (run(pm, cib_version_argv, ARRAY_LEN(cib_version_argv), &res,
		err) != 0)
		return -1;
	if (res.exit_status != 0) {
		*err = tool_error("cibadmin", &res);
		transport_result_free(&res);
		return -1;
	}
	memset(out, 0, sizeof(*out));
	if (version_field(res.out, "admin_epoch", &out->admin_epoch) != 0 ||
	    version_field(res.out, "epoch", &out->epoch) != 0 ||
	    version_field(res.out, "num_updates", &out->num_updates) != 0) {
		*err = xstrdup("cibadmin printed no CIB version (admin_epoch, "
			       "epoch and num_updates as whole numbers)");
		transport_result_free(&res);
		return -1;
	}
	out->known = true;
	transport_result_free(&res);
	return 0;
}

static bool
same_version(const struct cib_version *a, const struct cib_version *b)
{
	return a->known && b->known && a->admin_epoch == b->admin_epoch &&
	       a->epoch == b->epoch && a->num_updates == b->num_updates;
}

/* Whether two versions differ in the status alone (num_updates): the
 * configuration, constraints included, is the same. */
static bool
same_configuration(const struct cib_version *a, const struct cib_version *b)
{
	return a->known && b->known && a->admin_epoch == b->admin_epoch &&
	       a->epoch == b->epoch;
}

/* The cluster is as the last full fetch saw it: nothing to parse. Only
 * when the transport has since moved to another node is the saved output
 * parsed again, so that the snapshot names the node it now comes from. */
static int
unchanged(struct pacemaker *pm, struct snapshot **out, char **err)
{
	const char *source = pm->t->ops->current_node(pm->t);
	struct snapshot *s;

	if (pm->last != NULL && source != NULL &&
	    strcmp(pm->last->source, source) == 0)
		return DRIVER_UNCHANGED;
	if (pcmk_parse(pm->xml, pm->xml_len, pm->constraints,
		       pm->constraints_len, pm->cluster, source ? source : "",
		       &s, err) != 0)
		return -1;
	snapshot_unref(pm->last);
	pm->last = snapshot_ref(s);
	*out = s;
	return 0;
}

/* What the doorbell says. It is started when it does not run, once a
 * full fetch has given a state; until its first block arrives, and for a
 * minute after it stops (a node without it, a crm_mon that exits), it has
 * nothing to say. */
#define BELL_RETRY_MS 60000

enum bell_news { BELL_QUIET, BELL_RANG, BELL_UNSURE };

static void
doorbell_stop(struct pacemaker *pm)
{
	if (pm->bell != BELL_NONE && pm->t->ops->stream_close != NULL)
		pm->t->ops->stream_close(pm->t);
	pm->bell = BELL_NONE;
}

static enum bell_news
doorbell(struct pacemaker *pm, uint64_t now_ms)
{
	struct transport *t = pm->t;
	char *err = NULL;
	long rang;

	if (t->ops->stream_open == NULL)
		return BELL_UNSURE;
	if (pm->bell == BELL_NONE) {
		/* Not before there is a state to guard, after the first good
		 * full fetch: --once, which fetches once, never starts it. */
		if (pm->xml == NULL || now_ms < pm->bell_retry_ms)
			return BELL_UNSURE;
		if (t->ops->stream_open(t, doorbell_argv,
					ARRAY_LEN(doorbell_argv), &err) != 0) {
			free(err);
			pm->bell_retry_ms = now_ms + BELL_RETRY_MS;
			return BELL_UNSURE;
		}
		pm->bell = BELL_STARTING;
		return BELL_UNSURE;
	}
	rang = t->ops->stream_poll(t);
	if (rang < 0) {
		pm->bell = BELL_NONE;
		pm->bell_retry_ms = now_ms + BELL_RETRY_MS;
		return BELL_UNSURE;
	}
	if (rang > 0) {
		pm->bell = BELL_LIVE;
		return BELL_RANG;
	}
	return pm->bell == BELL_LIVE ? BELL_QUIET : BELL_UNSURE;
}

static int
pm_fetch(struct driver *d, uint64_t now_ms, struct snapshot **out,
	 char **err)
{
	struct pacemaker *pm = (struct pacemaker *)d;
	struct transport_result mon, cons;
	struct cib_version version;
	enum bell_news news;
	bool cached_ok;
	struct snapshot *s;

	/* Did anything change? A quiet doorbell says not, for free. But
	 * crm_mon rings at once only for the first change in a while (it
	 * holds back a refresh that would follow another within seconds),
	 * so for HOT_MS after any change or request the CIB version is
	 * asked for on every refresh as well: a change reaches the screen
	 * within a refresh interval either way. An unchanged cluster costs
	 * nothing here either: the answer is DRIVER_UNCHANGED, with nothing
	 * parsed. The full fetch comes every full_refresh_ms regardless, as
	 * a safety net and to notice a node that died without a word. */
	if (now_ms < pm->hot_until_ms) {
		/* Polling anyway: the doorbell's renderings would only cost
		 * the node CPU. It comes back when things calm down. */
		doorbell_stop(pm);
		news = BELL_UNSURE;
	} else {
		news = doorbell(pm, now_ms);
	}
	cached_ok = pm->xml != NULL && now_ms - pm->last_full_ms < pm->full_ms;
	if (news == BELL_QUIET && cached_ok)
		return unchanged(pm, out, err);
	/* The version first: the state fetched next is at least that new. */
	if (cib_version(pm, &version, err) != 0)
		return -1;
	if (same_version(&version, &pm->version) && cached_ok)
		return unchanged(pm, out, err);
	/* A change (not the first look, nor the safety net's turn): stay
	 * alert. */
	if (pm->version.known && !same_version(&version, &pm->version))
		pm->hot_until_ms = now_ms + HOT_MS;
	if (run(pm, crm_mon_argv, ARRAY_LEN(crm_mon_argv), &mon, err) != 0)
		return -1;
	/* crm_mon explains its failures in its XML (<status code=...>),
	 * which the parser turns into the message. */
	if (mon.out_len == 0) {
		*err = tool_error("crm_mon", &mon);
		transport_result_free(&mon);
		return -1;
	}
	/* Constraints are configuration: only a new admin_epoch.epoch (not
	 * a status update, which moves num_updates alone) can change them. */
	memset(&cons, 0, sizeof(cons));
	if (pm->constraints != NULL &&
	    same_configuration(&version, &pm->version)) {
		cons.out = pm->constraints;
		cons.out_len = pm->constraints_len;
		pm->constraints = NULL;
	} else if (run(pm, constraints_argv, ARRAY_LEN(constraints_argv),
		       &cons, err) != 0) {
		/* Without it only move pins and whose stop it is are
		 * unknown: go on. */
		free(*err);
		*err = NULL;
		transport_result_free(&cons);
	} else if (cons.exit_status == CIBADMIN_NO_MATCH &&
		   cons.out_len == 0) {
		/* Nothing matched: known to be none, and kept as such. */
		free(cons.out);
		cons.out = xstrdup("");
	} else if (cons.exit_status != 0) {
		transport_result_free(&cons);
	}
	if (pcmk_parse(mon.out, mon.out_len, cons.out, cons.out_len,
		       pm->cluster, pm->t->ops->current_node(pm->t), &s,
		       err) != 0) {
		transport_result_free(&mon);
		transport_result_free(&cons);
		return -1;
	}
	free(pm->xml);
	free(pm->constraints);
	pm->xml = mon.out;
	pm->xml_len = mon.out_len;
	pm->constraints = cons.out;
	pm->constraints_len = cons.out_len;
	free(mon.err);
	free(cons.err);
	pm->version = version;
	pm->last_full_ms = now_ms;
	snapshot_unref(pm->last);
	pm->last = snapshot_ref(s);
	*out = s;
	return 0;
}

/* What crm_resource is told to act on: a clone's or bundle's instances
 * are set through their container. */
static const char *
resource_target(struct pacemaker *pm, const struct action *a)
{
	long r, g;

	if (a->target_kind != TARGET_RESOURCE || pm->last == NULL)
		return a->target;
	r = snapshot_find_resource(pm->last, a->target);
	if (r < 0 || pm->last->resources[r].group == NULL)
		return a->target;
	g = snapshot_find_group(pm->last, pm->last->resources[r].group);
	if (g >= 0 && pm->last->groups[g].kind != GROUP_KIND_GROUP)
		return pm->last->groups[g].id;
	return a->target;
}

/* Whether the target, or a member of it, is FAILED in the last state. */
static bool
target_failed(struct pacemaker *pm, const struct action *a)
{
	const struct snapshot *s = pm->last;
	size_t i;

	if (s == NULL)
		return false;
	for (i = 0; i < s->n_resources; i++) {
		const struct model_resource *r = &s->resources[i];

		if (r->state != RES_FAILED)
			continue;
		if (strcmp(r->id, a->target) == 0 ||
		    (r->group != NULL && strcmp(r->group, a->target) == 0))
			return true;
	}
	return false;
}

static int
run_tool(struct pacemaker *pm, const char *const *argv, size_t argc,
	 char **err)
{
	struct transport_result res;

	if (run(pm, argv, argc, &res, err) != 0)
		return -1;
	if (res.exit_status != 0) {
		*err = tool_error(argv[0], &res);
		transport_result_free(&res);
		return -1;
	}
	transport_result_free(&res);
	return 0;
}

static int
cleanup(struct pacemaker *pm, const char *id, char **err)
{
	const char *argv[] = { "crm_resource", "--cleanup", "--resource", id };

	return run_tool(pm, argv, ARRAY_LEN(argv), err);
}

static int
pm_act(struct driver *d, const struct action *a, uint64_t now_ms, char **err)
{
	struct pacemaker *pm = (struct pacemaker *)d;
	const char *id = resource_target(pm, a);
	const char *argv[8];
	size_t argc = 0;
	bool failed = target_failed(pm, a);

	/* What was asked for will change the cluster soon. */
	pm->hot_until_ms = now_ms + HOT_MS;
	/* Quoting keeps the shell out; this keeps crm_resource from taking
	 * an id for an option. */
	if (!pacemaker_valid_id(id) ||
	    ((a->kind == ACT_MOVE || a->kind == ACT_BAN) &&
	     !pacemaker_valid_id(a->node))) {
		*err = xasprintf("'%s' is not a Pacemaker id; nothing was sent",
				 pacemaker_valid_id(id) ? a->node : id);
		return -1;
	}
	switch (a->kind) {
	case ACT_ONLINE:
	case ACT_OFFLINE:
		/* A failed resource starts again only once its failure is
		 * cleared; taken offline, it must not stay FAILED either. */
		if (a->kind == ACT_ONLINE && failed &&
		    cleanup(pm, id, err) != 0)
			return -1;
		argv[argc++] = "crm_resource";
		argv[argc++] = "--resource";
		argv[argc++] = id;
		argv[argc++] = "--meta";
		argv[argc++] = "--set-parameter";
		argv[argc++] = "target-role";
		argv[argc++] = "--parameter-value";
		argv[argc++] = a->kind == ACT_ONLINE ? "Started" : "Stopped";
		if (run_tool(pm, argv, argc, err) != 0)
			return -1;
		if (a->kind == ACT_OFFLINE && failed)
			return cleanup(pm, id, err);
		return 0;
	case ACT_MOVE:
		argv[argc++] = "crm_resource";
		argv[argc++] = "--move";
		argv[argc++] = "--resource";
		argv[argc++] = id;
		argv[argc++] = "--node";
		argv[argc++] = a->node;
		break;
	case ACT_CLEAR:
		argv[argc++] = "crm_resource";
		argv[argc++] = "--clear";
		argv[argc++] = "--resource";
		argv[argc++] = id;
		break;
	case ACT_BAN:
		/* crm_resource's own: a cli-ban-* constraint, cleared by
		 * --clear (u) like a move's. */
		argv[argc++] = "crm_resource";
		argv[argc++] = "--ban";
		argv[argc++] = "--resource";
		argv[argc++] = id;
		argv[argc++] = "--node";
		argv[argc++] = a->node;
		break;
	case ACT_CLEANUP:
		return cleanup(pm, a->target, err);
	case ACT_PAUSE:
	case ACT_RESUME:
		argv[argc++] = "crm_attribute";
		argv[argc++] = "--node";
		argv[argc++] = a->target;
		argv[argc++] = "--name";
		argv[argc++] = "standby";
		argv[argc++] = "--update";
		argv[argc++] = a->kind == ACT_PAUSE ? "on" : "off";
		break;
	case ACT_COUNT:
		*err = xstrdup("not a request");
		return -1;
	}
	return run_tool(pm, argv, argc, err);
}

static size_t
pm_links(struct driver *d, struct link_status *out, size_t max)
{
	struct pacemaker *pm = (struct pacemaker *)d;

	return pm->t->ops->status(pm->t, out, max);
}

static void
pm_tick(struct driver *d)
{
	struct pacemaker *pm = (struct pacemaker *)d;

	pm->t->ops->keepalive(pm->t);
}

static void
pm_destroy(struct driver *d)
{
	struct pacemaker *pm = (struct pacemaker *)d;

	doorbell_stop(pm);
	pm->t->ops->destroy(pm->t);
	snapshot_unref(pm->last);
	free(pm->xml);
	free(pm->constraints);
	free(pm->cluster);
	free(pm);
}

static const struct driver_ops pacemaker_ops = {
	.name = "pacemaker",
	.caps = ACTION_CAPS_ALL,
	.fetch = pm_fetch,
	.act = pm_act,
	.links = pm_links,
	.tick = pm_tick,
	.destroy = pm_destroy,
};

struct driver *
pacemaker_driver_new(const struct pacemaker_params *p)
{
	struct pacemaker *pm = xcalloc(1, sizeof(*pm));

	pm->base.ops = &pacemaker_ops;
	pm->cluster = xstrdup(p->cluster);
	pm->t = p->transport;
	pm->timeout_ms = p->command_timeout_ms ? p->command_timeout_ms
					       : CCON_DEFAULT_COMMAND_TIMEOUT_MS;
	pm->full_ms = p->full_refresh_ms ? p->full_refresh_ms
					 : CCON_DEFAULT_FULL_REFRESH_MS;
	return &pm->base;
}

