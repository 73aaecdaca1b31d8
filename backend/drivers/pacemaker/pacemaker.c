#include "backend/drivers/pacemaker/pacemaker.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backend/drivers/pacemaker/pcmk_detail.h"
#include "backend/drivers/pacemaker/pcmk_xml.h"
#include "backend/core/status.h"
#include "backend/util/clock.h"
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

/* How long after a change or a request the version is polled too, and
 * how often then: crm_mon holds back a rendering that follows another
 * within its interval by 2 s, so the doorbell cannot tell the phases of
 * a transition apart, and a pending phase of a second must be seen. */
#define HOT_MS 30000
#define HOT_POLL_MS 500
/* How often a live doorbell is read between the looks that ping it:
 * reading is local (what the link has received already), so a ring is
 * acted on this soon, not a refresh interval later. */
#define BELL_PEEK_MS 200
/* How often it is pinged, to prove that its silence means something. */
#define BELL_PING_MS 1000

/* crm_mon's text mode, and a watcher of the node's CIB daemon beside
 * it. --interval=1: crm_mon renders a change at once only when its last
 * rendering is older than its interval (and 2 s later otherwise), so
 * with 600 every ring but the first came 2 s late; the interval is also
 * how often it reconnects to a CIB daemon it lost, which the watcher
 * makes moot. When the cluster stack dies, crm_mon lives on and says
 * nothing (it would try again at its next interval), so a quiet
 * doorbell could not be told from an idle cluster. The watcher (GNU
 * tail --pid, which looks at the pid every WATCH_MS and costs nothing
 * else) rings instead, and ends the doorbell. Where there is no such
 * daemon or tail, crm_mon rings alone, and the safety net's version
 * check notices a dead stack. The trap takes the watcher along when the
 * doorbell is ended. */
#define WATCH_MS 500
/* What the watcher may take beyond WATCH_MS to ring on a busy node (its
 * wake-up, the ring's way out): the silence vouches for that much less. */
#define WATCH_SLACK_MS 250
static const char doorbell_script[] =
	"p=$(pgrep -x pacemaker-based 2>/dev/null || pgrep -x cib "
	"2>/dev/null); p=${p%%[!0-9]*}; w=; "
	"crm_mon --output-as=text --interval=1 </dev/null & m=$!; "
	"if [ -n \"$p\" ] && tail --pid=\"$p\" --version >/dev/null 2>&1; then "
	"(tail -s 0.5 --pid=\"$p\" -f /dev/null; "
	"echo \"ccon-doorbell: the cluster stack stopped\"; kill \"$m\") & w=$!; "
	"fi; "
	"stop() { kill \"$m\" 2>/dev/null; [ -n \"$w\" ] && "
	"{ pkill -P \"$w\"; kill \"$w\"; } 2>/dev/null; }; "
	"trap 'stop; exit 143' TERM HUP INT; "
	"wait \"$m\"; s=$?; stop; exit \"$s\"";

static const char *const doorbell_argv[] = {
	"sh", "-c", doorbell_script, "ccon-doorbell",
};

struct pacemaker {
	struct driver base;
	char *cluster;
	struct transport *t;
	unsigned timeout_ms, full_ms;
	char *xml, *constraints;      /* the last good outputs */
	size_t xml_len, constraints_len;
	struct cib_version version;   /* of the last full fetch */
	/* When the version was last asked (a full fetch asks it first):
	 * the doorbell's silence is trusted for full_ms after it, and the
	 * hot polls are paced from it. */
	uint64_t version_asked_ms;
	enum { BELL_NONE, BELL_STARTING, BELL_LIVE } bell;
	uint64_t bell_retry_ms;       /* when to try a dead doorbell again */
	uint64_t hot_until_ms;        /* poll the version until then */
	struct snapshot *last;        /* the last parsed state, for act() */
	/* The nodes the cached state and the doorbell are of: either is
	 * void once the transport reads another node. */
	char xml_node[128], bell_node[128];
	bool no_stack;                /* the last failure: the node's tools
				       * cannot reach the cluster */
	/* The transport's clock when the doorbell was last polled (with a
	 * ping), the worker's then, and what the last DRIVER_UNCHANGED
	 * vouched for, as of when (the worker's clock). */
	uint64_t bell_polled_ms, bell_pinged_ms;
	uint64_t unchanged_as_of_ms;
};

/* Exit codes of Pacemaker's tools (crm_exit_t) that mean "this node's
 * tools cannot reach the cluster": not connected, and the connection
 * to a daemon lost. */
#define CRM_EX_NOT_CONNECTED 102
#define CRM_EX_DISCONNECT 105
#define CRM_EX_UNSAFE_OR_DOWN 107

/* Whether a tool's failure says the cluster stack is not there. */
static bool
stack_unreachable(const struct transport_result *res)
{
	const char *words[] = { "Transport endpoint is not connected",
				"Not connected", "Could not connect to",
				"Connection to cluster failed" };
	size_t i;

	if (res->exit_status == CRM_EX_NOT_CONNECTED ||
	    res->exit_status == CRM_EX_UNSAFE_OR_DOWN)
		return true;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if ((res->err != NULL && strstr(res->err, words[i]) != NULL) ||
		    (res->out != NULL && strstr(res->out, words[i]) != NULL))
			return true;
	return false;
}

static const char *
node_in_use(struct pacemaker *pm)
{
	const char *n = pm->t->ops->current_node(pm->t);

	return n != NULL ? n : "";
}

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
	int rc = pm->t->ops->run(pm->t, argv, argc, pm->timeout_ms, res, err);

	/* A tool that hangs on a node (a wedged daemon) makes the node one
	 * that cannot serve, as one whose tools cannot connect. */
	if (rc != 0 && res->timed_out)
		pm->no_stack = true;
	return rc;
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
		pm->no_stack = stack_unreachable(&res);
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
	uint64_t polled, ago;
	long rang;

	if (t->ops->stream_open == NULL)
		return BELL_UNSURE;
	/* The transport reads another node: that one's doorbell, from now. */
	if (pm->bell != BELL_NONE &&
	    strcmp(pm->bell_node, node_in_use(pm)) != 0) {
		doorbell_stop(pm);
		pm->bell_retry_ms = 0;
	}
	if (pm->bell == BELL_NONE) {
		/* Not before there is a state of this node to guard, after
		 * a good full fetch there: --once, which fetches once, never
		 * starts it; a node tried again that cannot serve neither. */
		if (pm->xml == NULL || now_ms < pm->bell_retry_ms ||
		    strcmp(pm->xml_node, node_in_use(pm)) != 0)
			return BELL_UNSURE;
		/* The shell wrapper answers pings itself, at once. */
		if (t->ops->stream_open(t, doorbell_argv,
					ARRAY_LEN(doorbell_argv), 0,
					&err) != 0) {
			free(err);
			pm->bell_retry_ms = now_ms + BELL_RETRY_MS;
			return BELL_UNSURE;
		}
		pm->bell = BELL_STARTING;
		str_copy(pm->bell_node, sizeof(pm->bell_node), node_in_use(pm));
		return BELL_UNSURE;
	}
	/* Between the looks that ping it, only what has arrived: a ring
	 * is seen at once, and the last proof of a quiet one stands. */
	if (pm->bell == BELL_LIVE && t->ops->stream_peek != NULL &&
	    now_ms >= pm->bell_pinged_ms &&
	    now_ms - pm->bell_pinged_ms < BELL_PING_MS) {
		rang = t->ops->stream_peek(t);
		if (rang < 0) {
			pm->bell = BELL_NONE;
			pm->bell_retry_ms = now_ms + BELL_RETRY_MS;
			return BELL_UNSURE;
		}
		return rang > 0 ? BELL_RANG : BELL_QUIET;
	}
	polled = pm->bell_polled_ms;
	pm->bell_polled_ms = clock_monotonic_ms();
	pm->bell_pinged_ms = now_ms;
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
	if (pm->bell != BELL_LIVE)
		return BELL_UNSURE;
	/* Quiet, but is it there? Only a stream that answered since the
	 * last look vouches (a cut link is quiet too), and for the time
	 * its answer left, less the watcher's: a stack that had died by
	 * then would have rung before it. A local stream is there. */
	if (transport_stream_proof(t, polled, &ago) != STREAM_PROVEN)
		return BELL_UNSURE;
	ago += WATCH_MS + WATCH_SLACK_MS;
	pm->unchanged_as_of_ms = now_ms > ago ? now_ms - ago : 0;
	return BELL_QUIET;
}

static int
fetch_once(struct pacemaker *pm, uint64_t now_ms, struct snapshot **out,
	   char **err)
{
	struct transport_result mon, cons;
	struct cib_version version;
	enum bell_news news;
	bool cached_ok;
	struct snapshot *s;

	/* Did anything change? A quiet doorbell says not, for free. But
	 * crm_mon rings at once only for the first change in a while (it
	 * holds back a refresh that would follow another within seconds),
	 * so for HOT_MS after any change or request the CIB version is
	 * asked for every HOT_POLL_MS while the doorbell rests: a change
	 * reaches the screen within that either way. An unchanged cluster
	 * costs nothing here either: the answer is DRIVER_UNCHANGED, with nothing
	 * parsed. The version is asked every full_refresh_ms regardless, as
	 * a safety net and to notice a node that died without a word; the
	 * full fetch comes only when it moved. */
	if (now_ms < pm->hot_until_ms) {
		/* Polling anyway: the doorbell's renderings would only cost
		 * the node CPU. It comes back when things calm down. */
		doorbell_stop(pm);
		news = BELL_UNSURE;
	} else {
		news = doorbell(pm, now_ms);
	}
	/* What was read from another node says nothing of this one's
	 * (a partition's view may differ). */
	cached_ok = pm->xml != NULL &&
		    strcmp(pm->xml_node, node_in_use(pm)) == 0;
	if (news == BELL_QUIET && cached_ok &&
	    now_ms - pm->version_asked_ms < pm->full_ms)
		return DRIVER_UNCHANGED;      /* as of unchanged_as_of_ms */
	/* The version first: the state fetched next is at least that new. */
	if (cib_version(pm, &version, err) != 0)
		return -1;
	pm->unchanged_as_of_ms = now_ms;
	pm->version_asked_ms = now_ms;
	/* That command may have gone to another node (the transport moves
	 * when it runs one): what is cached is of the node it was read on. */
	cached_ok = cached_ok && strcmp(pm->xml_node, node_in_use(pm)) == 0;
	if (same_version(&version, &pm->version) && cached_ok)
		return DRIVER_UNCHANGED;
	/* A change (not the first look, nor the safety net's turn): stay
	 * alert. */
	if (pm->version.known && !same_version(&version, &pm->version))
		pm->hot_until_ms = now_ms + HOT_MS;
	if (run(pm, crm_mon_argv, ARRAY_LEN(crm_mon_argv), &mon, err) != 0)
		return -1;
	/* crm_mon explains its failures in its XML (<status code=...>),
	 * which the parser turns into the message. */
	if (mon.out_len == 0) {
		pm->no_stack = stack_unreachable(&mon);
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
		/* crm_mon's own verdict, in its XML: <status code="102">. */
		pm->no_stack = stack_unreachable(&mon) ||
			       strstr(*err, "(code 102)") != NULL ||
			       strstr(*err, "(code 107)") != NULL;
		transport_result_free(&mon);
		transport_result_free(&cons);
		return -1;
	}
	/* A live cluster's data is as old as the fetch: the node's clock
	 * in <last_update> is only another machine's (--input keeps it). */
	s->data_wall = 0;
	str_copy(pm->xml_node, sizeof(pm->xml_node), node_in_use(pm));
	free(pm->xml);
	free(pm->constraints);
	pm->xml = mon.out;
	pm->xml_len = mon.out_len;
	pm->constraints = cons.out;
	pm->constraints_len = cons.out_len;
	free(mon.err);
	free(cons.err);
	pm->version = version;
	snapshot_unref(pm->last);
	pm->last = snapshot_ref(s);
	*out = s;
	return 0;
}

/* The transport's nodes, at most; each is tried once per fetch. */
#define NODES_MAX 8

/* Reads the cluster through a node that can serve: one whose tools reach
 * the cluster (else it is judged VERDICT_NO_STACK and the next is read),
 * and of the quorate partition (a node without quorum is judged
 * VERDICT_NO_QUORUM and the next is read; when none has quorum, the best
 * minority view is kept and marked as such). The transport's rule
 * (nodechoice.h) picks which node the next command goes to. */
static int
pm_fetch(struct driver *d, uint64_t now_ms, struct snapshot **out,
	 char **err)
{
	struct pacemaker *pm = (struct pacemaker *)d;
	struct transport *t = pm->t;
	struct snapshot *s = NULL, *minority = NULL;
	char why[512], node[128];
	size_t tries;
	int rc = -1;

	for (tries = 0; tries < NODES_MAX; tries++) {
		pm->no_stack = false;
		s = NULL;
		rc = fetch_once(pm, now_ms, &s, err);
		str_copy(node, sizeof(node), node_in_use(pm));
		if (rc < 0) {
			if (!pm->no_stack || t->ops->judge == NULL)
				break;
			snprintf(why, sizeof(why), "%s: its cluster stack "
				 "does not answer: %s", node, *err);
			if (!t->ops->judge(t, VERDICT_NO_STACK, why))
				break;
			free(*err);
			*err = NULL;
			continue;
		}
		if (rc == 0 && !s->quorum && t->ops->judge != NULL) {
			snprintf(why, sizeof(why), "%s is in a partition "
				 "without quorum", node);
			if (t->ops->judge(t, VERDICT_NO_QUORUM, why)) {
				/* Kept in case no node has quorum. */
				snapshot_unref(minority);
				minority = s;
				s = NULL;
				continue;
			}
			/* No node has quorum: this is the best there is. */
			snapshot_set_minority(s, true);
			break;
		}
		if (rc == DRIVER_UNCHANGED && pm->last != NULL &&
		    !pm->last->quorum)
			break;      /* still the minority's view it was */
		if (t->ops->judge != NULL)
			t->ops->judge(t, VERDICT_GOOD, NULL);
		break;
	}
	if (rc < 0 && minority != NULL) {
		/* The quorate node that was looked for failed: the minority's
		 * view it had is better than none. */
		free(*err);
		*err = NULL;
		snapshot_set_minority(minority, true);
		*out = minority;
		return 0;
	}
	if (rc < 0 && pm->no_stack && tries > 0 && *err != NULL) {
		/* Every node tried: say so, not only the last one's words. */
		char *all = xasprintf("no node of %s can serve: %s", pm->cluster,
				      *err);

		free(*err);
		*err = all;
	}
	snapshot_unref(minority);
	if (rc == 0)
		*out = s;
	return rc;
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

/* ---- what a request becomes ------------------------------------------- */

/* The commands a request becomes, in the order they run: what pm_act
 * sends, and what pm_preview applies to a scratch copy of the CIB. They
 * are all built before any runs, so that an id that is not a Pacemaker
 * id anywhere in them means nothing is sent. */
#define CMD_ARGV_MAX 10

struct cmd {
	const char *argv[CMD_ARGV_MAX];
	size_t argc;
	/* crm_resource --cleanup, which asks the controller and has no
	 * CIB_file form (2.1.5 skips it, then crashes): a preview deletes
	 * the failure records from the copy instead. */
	bool cleanup;
};

struct cmds {
	struct cmd *v;
	size_t n, cap;
	char **owned;                 /* strings the arguments point to */
	size_t n_owned;
};

static void
cmds_free(struct cmds *c)
{
	size_t i;

	for (i = 0; i < c->n_owned; i++)
		free(c->owned[i]);
	free(c->owned);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

static const char *
cmds_own(struct cmds *c, char *text)
{
	c->owned = xreallocarray(c->owned, c->n_owned + 1, sizeof(*c->owned));
	c->owned[c->n_owned++] = text;
	return text;
}

/* Appends argv[0..argc) (at most CMD_ARGV_MAX) as one command. */
static void
cmds_add(struct cmds *c, const char *const *argv, size_t argc, bool cleanup)
{
	struct cmd *k;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	k = &c->v[c->n++];
	memset(k, 0, sizeof(*k));
	memcpy(k->argv, argv, argc * sizeof(*argv));
	k->argc = argc;
	k->cleanup = cleanup;
}

/* Quoting keeps the shell out; this keeps a tool from taking an id (one
 * the operator typed, or one a node reported) for an option. */
static int
check_id(const char *id, char **err)
{
	if (pacemaker_valid_id(id))
		return 0;
	*err = xasprintf("'%s' is not a Pacemaker id; nothing was sent", id);
	return -1;
}

/* id's target role. Without only_it crm_resource also sets the members of
 * a group that have a target role of their own (2.1.5: what an offline of
 * the group means), and for a clone whose resource has one, that instead
 * of the clone's; --force sets the container's own alone. */
static int
cmd_role(struct cmds *c, const char *id, const char *role, bool only_it,
	 char **err)
{
	const char *argv[] = {
		"crm_resource", "--resource", id, "--meta", "--set-parameter",
		"target-role", "--parameter-value", role, "--force",
	};

	if (check_id(id, err) != 0)
		return -1;
	cmds_add(c, argv, ARRAY_LEN(argv) - !only_it, false);
	return 0;
}

static int
cmd_cleanup(struct cmds *c, const char *id, char **err)
{
	const char *argv[] = { "crm_resource", "--cleanup", "--resource", id };

	if (check_id(id, err) != 0)
		return -1;
	cmds_add(c, argv, ARRAY_LEN(argv), true);
	return 0;
}

static const struct model_group *
group_of(const struct snapshot *s, const struct model_resource *r)
{
	long g;

	if (r->group == NULL || (g = snapshot_find_group(s, r->group)) < 0)
		return NULL;
	return &s->groups[g];
}

/* Online of a container: it should run, all of it. Its members stopped
 * by their own role are asked to run first, then the container: a group
 * as crm_resource does it, which also sets the members that have a role
 * of their own (so those the configuration query missed as well); a
 * clone by its own role alone, since crm_resource would set its
 * resource's instead when that has one. */
static int
online_container(struct cmds *c, const struct snapshot *s,
		 const struct model_group *g, char **err)
{
	const char *last = NULL;
	size_t i;

	for (i = 0; i < g->n_members; i++) {
		const struct model_resource *m = &s->resources[g->members[i]];

		/* A clone's instances share their id: once is enough. */
		if (!(m->flags & RES_F_OWN_STOPPED) ||
		    (last != NULL && strcmp(last, m->id) == 0))
			continue;
		if (cmd_role(c, m->id, "Started", false, err) != 0)
			return -1;
		last = m->id;
	}
	return cmd_role(c, g->id, "Started", g->kind != GROUP_KIND_GROUP, err);
}

/* Online of one member of a stopped group: what it needs runs, what
 * needs it does not (the simulator's rule, "Actions and transitions"):
 * the members after it are asked to stay stopped, it and the members
 * before it (its providers) to run, and then the group, by its own role
 * alone (crm_resource would set the members after it to Started too). In
 * that order, so that no moment of the change asks for the whole group. */
static int
online_member_of_stopped(struct cmds *c, const struct snapshot *s,
			 const struct model_group *g, size_t at, char **err)
{
	size_t i;

	for (i = g->n_members; i-- > at + 1;)
		if (cmd_role(c, s->resources[g->members[i]].id, "Stopped",
			     false, err) != 0)
			return -1;
	for (i = 0; i <= at; i++)
		if (cmd_role(c, s->resources[g->members[i]].id, "Started",
			     false, err) != 0)
			return -1;
	return cmd_role(c, g->id, "Started", true, err);
}

/* Online means "this should run". */
static int
online_commands(struct pacemaker *pm, const struct action *a, const char *id,
		struct cmds *c, char **err)
{
	const struct snapshot *s = pm->last;
	const struct model_group *g;
	long gi, r;
	size_t at;

	if (s == NULL)
		return cmd_role(c, id, "Started", false, err);
	if (a->target_kind == TARGET_GROUP &&
	    (gi = snapshot_find_group(s, a->target)) >= 0)
		return online_container(c, s, &s->groups[gi], err);
	if (a->target_kind != TARGET_RESOURCE ||
	    (r = snapshot_find_resource(s, a->target)) < 0 ||
	    (g = group_of(s, &s->resources[r])) == NULL)
		return cmd_role(c, id, "Started", false, err);
	/* An instance is asked through its clone, all of which should run. */
	if (g->kind != GROUP_KIND_GROUP)
		return online_container(c, s, g, err);
	if (!(g->flags & RES_F_DISABLED))
		return cmd_role(c, id, "Started", false, err);
	for (at = 0; at < g->n_members && g->members[at] != (size_t)r; at++)
		;
	if (at == g->n_members)
		return cmd_role(c, id, "Started", false, err);
	return online_member_of_stopped(c, s, g, at, err);
}

/* The commands of request a, in order. Returns 0, or -1 with *err (and
 * nothing in *c worth running) when an id is not a Pacemaker id. */
static int
pm_commands(struct pacemaker *pm, const struct action *a, struct cmds *c,
	    char **err)
{
	const char *id = resource_target(pm, a);
	bool failed = target_failed(pm, a);

	memset(c, 0, sizeof(*c));
	if (check_id(id, err) != 0 ||
	    (((a->kind == ACT_MOVE && a->node[0]) || a->kind == ACT_BAN) &&
	     check_id(a->node, err) != 0))
		return -1;
	switch (a->kind) {
	case ACT_OFFLINE:
		/* "Should be stopped", whatever it does now; a failed one is
		 * cleaned up after, so that it ends OFFLINE, not FAILED. */
		if (cmd_role(c, id, "Stopped", false, err) != 0 ||
		    (failed && cmd_cleanup(c, id, err) != 0))
			return -1;
		return 0;
	case ACT_ONLINE:
		/* A failed resource starts again only once its failure is
		 * cleared. */
		if (failed && cmd_cleanup(c, id, err) != 0)
			return -1;
		return online_commands(pm, a, id, c, err);
	case ACT_MOVE: {
		/* Without --node, crm_resource bans the node it runs on (a
		 * cli-ban-* constraint, cleared by --clear as a move's is)
		 * and Pacemaker places it on the best node left: the move to
		 * the best node, in Pacemaker's own terms. */
		const char *argv[] = { "crm_resource", "--move", "--resource",
				       id, "--node", a->node };

		cmds_add(c, argv, a->node[0] ? ARRAY_LEN(argv)
					     : ARRAY_LEN(argv) - 2, false);
		return 0;
	}
	case ACT_CLEAR: {
		const char *argv[] = { "crm_resource", "--clear", "--resource",
				       id };

		cmds_add(c, argv, ARRAY_LEN(argv), false);
		return 0;
	}
	case ACT_BAN: {
		/* crm_resource's own: a cli-ban-* constraint, cleared by
		 * --clear (u) like a move's. */
		const char *argv[] = { "crm_resource", "--ban", "--resource",
				       id, "--node", a->node };

		cmds_add(c, argv, ARRAY_LEN(argv), false);
		return 0;
	}
	case ACT_CLEANUP:
		return cmd_cleanup(c, a->target, err);
	case ACT_PAUSE:
	case ACT_RESUME: {
		const char *argv[] = { "crm_attribute", "--node", a->target,
				       "--name", "standby", "--update",
				       a->kind == ACT_PAUSE ? "on" : "off" };

		cmds_add(c, argv, ARRAY_LEN(argv), false);
		return 0;
	}
	case ACT_COUNT:
		break;
	}
	*err = xstrdup("not a request");
	return -1;
}

static int
pm_act(struct driver *d, const struct action *a, uint64_t now_ms, char **err)
{
	struct pacemaker *pm = (struct pacemaker *)d;
	struct cmds c;
	size_t i;
	int rc = 0;

	/* What was asked for will change the cluster soon. */
	pm->hot_until_ms = now_ms + HOT_MS;
	if (pm_commands(pm, a, &c, err) != 0) {
		cmds_free(&c);
		return -1;
	}
	for (i = 0; i < c.n && rc == 0; i++)
		rc = run_tool(pm, c.v[i].argv, c.v[i].argc, err);
	cmds_free(&c);
	return rc;
}

/* ---- preview ------------------------------------------------------------ */

/* The preview runs on the node as one command: sh -c PREVIEW_SCRIPT
 * ccon-preview CMD1... + CMD2... + ..., a constant script whose
 * positional parameters are the commands of the request (the transport
 * quotes each one; nothing is ever put into the script). It copies the
 * live CIB (cibadmin --query, a read) into a directory of its own that
 * mktemp makes, asks crm_simulate what the cluster would do with the copy
 * as it is, applies the commands to the copy alone (CIB_file on each;
 * only the tools that edit a CIB are run), asks crm_simulate again, and
 * removes the directory whatever happens (trap; crm_simulate's own shadow
 * copy goes there too, through CIB_shadow_dir, not into the CIB's
 * directory). stdout: the two crm_simulate documents, before and after.
 * Any failure: a non-zero exit, and on stderr first a line that says
 * which step, then what the tool said (kept until then, so that the
 * message is not cut before it says what failed). One line: the quoting
 * refuses newlines. */
#define PREVIEW_SEP "+"

static const char preview_script[] =
	"unset CIB_file CIB_shadow; "
	"d=$(mktemp -d \"${TMPDIR:-/tmp}/ccon-preview.XXXXXX\") || exit 70; "
	"trap 'rm -rf \"$d\"' EXIT; trap 'exit 143' HUP INT TERM PIPE; "
	"t=$d/cib.xml; CIB_shadow_dir=$d; export CIB_shadow_dir; "
	"cibadmin --query >\"$t\" 2>\"$d/err\" || { s=$?; echo \"ccon-preview: "
	"cibadmin --query failed (exit $s): no copy of the CIB\" >&2; "
	"cat \"$d/err\" >&2; exit 71; }; "
	"simulate() { crm_simulate --run --xml-file \"$t\" --output-as=xml "
	"2>\"$d/err\" || { s=$?; echo \"ccon-preview: crm_simulate failed "
	"(exit $s):\" >&2; cat \"$d/err\" >&2; exit 72; }; }; "
	"apply() { case $1 in crm_resource|crm_attribute|cibadmin) ;; *) "
	"echo \"ccon-preview: $1 is not a tool that edits a CIB\" >&2; "
	"exit 73;; esac; "
	"e=$(CIB_file=\"$t\" \"$@\" 2>&1 >/dev/null) || { s=$?; "
	"printf '%s\\n' \"ccon-preview: $1 failed on the copy (exit $s): $e\" "
	">&2; exit 74; }; }; "
	"simulate; "
	"n=0; for a in \"$@\"; do "
	"if [ $n = 0 ]; then set --; n=1; fi; "
	"if [ \"$a\" = " PREVIEW_SEP " ]; then apply \"$@\"; set --; "
	"else set -- \"$@\" \"$a\"; fi; done; "
	"if [ $# -gt 0 ]; then apply \"$@\"; fi; "
	"simulate";

/* What a cleanup of id does to the copy: its failed resources' history
 * and fail counts go (what the controller would delete), so that the
 * scheduler sees them as never tried. An instance's records are under
 * its resource's id, or with ":N" for a unique clone. The ids are a
 * node's: each is checked to be a Pacemaker id (an NCName), so that no
 * quote ends the XPath's literals. Returns 0, or -1 with *err. */
static int
preview_cleanup(struct pacemaker *pm, const char *id, struct cmds *c,
		char **err)
{
	const struct snapshot *s = pm->last;
	const char *last = NULL;
	size_t i;

	for (i = 0; s != NULL && i < s->n_resources; i++) {
		const struct model_resource *r = &s->resources[i];
		const char *argv[6] = { "cibadmin", "--delete", "--force",
					"--delete-all", "--xpath", NULL };

		if (strcmp(r->id, id) != 0 &&
		    (r->group == NULL || strcmp(r->group, id) != 0))
			continue;
		if (r->state != RES_FAILED && r->failcount == 0 &&
		    !(r->flags & RES_F_BLOCKED))
			continue;
		if (last != NULL && strcmp(last, r->id) == 0)
			continue;
		if (check_id(r->id, err) != 0)
			return -1;
		last = r->id;
		argv[5] = cmds_own(c, xasprintf(
		    "/cib/status//lrm_resource[@id='%s' or "
		    "starts-with(@id,'%s:')] | /cib/status//transient_attributes"
		    "//nvpair[starts-with(@name,'fail-count-%s#') or "
		    "starts-with(@name,'last-failure-%s#') or "
		    "starts-with(@name,'fail-count-%s:') or "
		    "starts-with(@name,'last-failure-%s:')]",
		    r->id, r->id, r->id, r->id, r->id, r->id));
		cmds_add(c, argv, ARRAY_LEN(argv), false);
	}
	return 0;
}

/* Items of after that are not in before (each of before matches once):
 * what the request changes, not what the cluster was about to do anyway
 * (a recovery under way, say). What the request would call off is not
 * listed: a preview names changes, and that one leaves things as they
 * are. */
static void
preview_subtract(const struct preview *after, const struct preview *before,
		 struct preview *out)
{
	bool *used = xcalloc(before->n + 1, sizeof(*used));
	size_t i, j;

	for (i = 0; i < after->n; i++) {
		const struct preview_item *a = &after->items[i];

		for (j = 0; j < before->n; j++) {
			const struct preview_item *b = &before->items[j];

			if (!used[j] && a->change == b->change &&
			    strcmp(a->id, b->id) == 0 &&
			    (a->from == NULL) == (b->from == NULL) &&
			    (a->from == NULL || strcmp(a->from, b->from) == 0) &&
			    (a->to == NULL) == (b->to == NULL) &&
			    (a->to == NULL || strcmp(a->to, b->to) == 0))
				break;
		}
		if (j < before->n)
			used[j] = true;
		else
			preview_add(out, a->change, a->id, a->from, a->to);
	}
	free(used);
}

/* The script's stdout: crm_simulate's document before the change, then
 * after it. The first ends at its closing tag, which no attribute or
 * text of it can hold (XML escapes '<'). */
static int
parse_preview(const char *out, size_t len, struct preview *p, char **err)
{
	static const char end[] = "</pacemaker-result>";
	struct preview before = { 0 }, after = { 0 };
	const char *cut = out != NULL ? strstr(out, end) : NULL;
	size_t first;
	int rc = -1;

	if (cut == NULL) {
		*err = xstrdup("the preview printed no crm_simulate XML (is "
			       "this Pacemaker 2.1 or later?)");
		return -1;
	}
	first = (size_t)(cut - out) + sizeof(end) - 1;
	if (pcmk_parse_simulate(out, first, &before, err) != 0 ||
	    pcmk_parse_simulate(out + first, len - first, &after, err) != 0)
		goto done;
	preview_subtract(&after, &before, p);
	rc = 0;
done:
	preview_free(&before);
	preview_free(&after);
	return rc;
}

static int
pm_preview(struct driver *d, const struct action *a, uint64_t now_ms,
	   struct preview *out, char **err)
{
	struct pacemaker *pm = (struct pacemaker *)d;
	struct transport_result res;
	struct cmds c, scratch = { 0 };
	const char **argv = NULL;
	size_t i, j, argc = 0, cap;
	int rc = -1;

	(void)now_ms;
	memset(out, 0, sizeof(*out));
	if (pm_commands(pm, a, &c, err) != 0)
		goto done;
	/* The same commands, cleanups as what they delete. */
	for (i = 0; i < c.n; i++) {
		if (!c.v[i].cleanup)
			cmds_add(&scratch, c.v[i].argv, c.v[i].argc, false);
		else if (preview_cleanup(pm, c.v[i].argv[3], &scratch,
					 err) != 0)
			goto done;
	}
	cap = 4;
	for (i = 0; i < scratch.n; i++)
		cap += scratch.v[i].argc + 1;
	argv = xcalloc(cap, sizeof(*argv));
	argv[argc++] = "sh";
	argv[argc++] = "-c";
	argv[argc++] = preview_script;
	argv[argc++] = "ccon-preview";
	for (i = 0; i < scratch.n; i++) {
		if (i > 0)
			argv[argc++] = PREVIEW_SEP;
		for (j = 0; j < scratch.v[i].argc; j++) {
			/* No argument is the separator (ids cannot be). */
			if (strcmp(scratch.v[i].argv[j], PREVIEW_SEP) == 0) {
				*err = xstrdup("a command of the preview holds "
					       "its separator; nothing was sent");
				goto done;
			}
			argv[argc++] = scratch.v[i].argv[j];
		}
	}
	if (run(pm, argv, argc, &res, err) != 0)
		goto done;
	if (res.exit_status != 0)
		*err = tool_error("the preview", &res);
	else
		rc = parse_preview(res.out, res.out_len, out, err);
	transport_result_free(&res);
done:
	if (rc != 0)
		preview_free(out);
	free(argv);
	/* scratch's arguments point into c's, and its own strings. */
	cmds_free(&scratch);
	cmds_free(&c);
	return rc;
}

/* ---- detail ------------------------------------------------------------- */

/* One command, read-only tools only (pcmk_detail_script), whose one
 * argument is the object's checked id. Read-only mode asks it too. */
static int
pm_detail(struct driver *d, const struct detail_ask *q, uint64_t now_ms,
	  struct detail *out, char **err)
{
	struct pacemaker *pm = (struct pacemaker *)d;
	const char *argv[] = { "sh", "-c", pcmk_detail_script, "ccon-detail",
			       q->id, target_kind_word(q->kind) };
	struct transport_result res;
	char group[256] = "";
	const char *ids[2];
	size_t n = 0;
	long r;
	int rc;

	(void)now_ms;
	if (!pacemaker_valid_id(q->id)) {
		*err = xasprintf("%s is not a Pacemaker id; nothing was sent",
				 q->id);
		return -1;
	}
	ids[n++] = q->id;
	/* A group's or clone's constraints hold its members too: a move
	 * of web pins web-ip. */
	if (q->kind == TARGET_RESOURCE && pm->last != NULL &&
	    (r = snapshot_find_resource(pm->last, q->id)) >= 0 &&
	    pm->last->resources[r].group != NULL) {
		str_copy(group, sizeof(group), pm->last->resources[r].group);
		ids[n++] = group;
	}
	if (run(pm, argv, sizeof(argv) / sizeof(argv[0]), &res, err) != 0)
		return -1;
	rc = pcmk_detail_output(res.out, res.out_len, q, ids, n, out, err);
	if (rc != 0 && res.err_len > 0) {
		free(*err);
		*err = tool_error("the detail command", &res);
	}
	transport_result_free(&res);
	return rc;
}

static size_t
pm_links(struct driver *d, struct link_status *out, size_t max)
{
	struct pacemaker *pm = (struct pacemaker *)d;

	return pm->t->ops->status(pm->t, out, max);
}

static uint64_t
pm_unchanged_as_of(struct driver *d)
{
	return ((struct pacemaker *)d)->unchanged_as_of_ms;
}

/* When to look again before the refresh interval: soon after the last
 * version poll while hot, and a peek at a running doorbell (nothing
 * reaches the node) several times a second otherwise. */
static uint64_t
pm_next_look(struct driver *d, uint64_t now_ms)
{
	struct pacemaker *pm = (struct pacemaker *)d;

	if (now_ms < pm->hot_until_ms)
		return pm->version_asked_ms + HOT_POLL_MS;
	if (pm->bell != BELL_NONE)
		return now_ms + BELL_PEEK_MS;
	return UINT64_MAX;
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
	.preview = pm_preview,
	.detail = pm_detail,
	.links = pm_links,
	.unchanged_as_of_ms = pm_unchanged_as_of,
	.next_change_ms = pm_next_look,
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

