#include "tui/whatif_report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "backend/core/preview.h"
#include "backend/util/jsonw.h"
#include "backend/util/termtext.h"
#include "backend/util/xalloc.h"
#include "views/whatif.h"

/* The actions a preview can be asked for, by the words of --what-if. */
static const enum action_kind whatif_kinds[] = {
	ACT_ONLINE, ACT_OFFLINE, ACT_MOVE, ACT_BAN, ACT_PAUSE, ACT_RESUME,
	ACT_CLEANUP, ACT_CLEAR,
};
#define N_KINDS (sizeof(whatif_kinds) / sizeof(whatif_kinds[0]))

static bool
wants_node(enum action_kind k)
{
	return k == ACT_MOVE || k == ACT_BAN;
}

/* A move may leave the node out: to the best node, the cluster's
 * choice, as the console's chooser offers first. A ban may not. */
static bool
needs_node(enum action_kind k)
{
	return k == ACT_BAN;
}

int
whatif_parse(const char *spec, enum action_kind *kind, char **target,
	     char **node, char **err)
{
	const char *c1 = strchr(spec, ':'), *c2;
	size_t i;

	*target = *node = NULL;
	if (c1 == NULL || c1[1] == '\0') {
		*err = xasprintf("--what-if wants ACTION:TARGET (offline:web, "
				 "move:web:bravo, pause:alpha), not '%s'", spec);
		return -1;
	}
	for (i = 0; i < N_KINDS; i++) {
		const char *w = action_kind_word(whatif_kinds[i]);

		if (strlen(w) == (size_t)(c1 - spec) &&
		    strncmp(spec, w, strlen(w)) == 0)
			break;
	}
	if (i == N_KINDS) {
		*err = xasprintf("--what-if: '%.*s' is not one of online, "
				 "offline, move, ban, pause, resume, cleanup, "
				 "clear", (int)(c1 - spec), spec);
		return -1;
	}
	*kind = whatif_kinds[i];
	c2 = strchr(c1 + 1, ':');
	if ((c2 != NULL && !wants_node(*kind)) ||
	    (c2 == NULL && needs_node(*kind)) ||
	    (c2 != NULL && c2[1] == '\0') || c2 == c1 + 1) {
		*err = xasprintf("--what-if: %s wants %s", action_kind_word(*kind),
				 needs_node(*kind) ? "a target and a node "
				 "(ban:web:bravo)" : wants_node(*kind) ?
				 "a target, and a node unless the best one "
				 "(move:web:bravo, move:web)" : "a target alone "
				 "(offline:web)");
		return -1;
	}
	*target = c2 != NULL ? xasprintf("%.*s", (int)(c2 - c1 - 1), c1 + 1)
			     : xstrdup(c1 + 1);
	*node = c2 != NULL ? xstrdup(c2 + 1) : NULL;
	return 0;
}

/* A node for pause and resume; else a group when one has the name, a
 * resource otherwise. */
static enum target_kind
kind_of(const struct snapshot *s, enum action_kind k, const char *target)
{
	if (k == ACT_PAUSE || k == ACT_RESUME)
		return TARGET_NODE;
	return snapshot_find_group(s, target) >= 0 ? TARGET_GROUP
						    : TARGET_RESOURCE;
}

static int
print_json(FILE *out, const struct cluster *c, const struct action *a,
	   const char *error, const struct preview *p)
{
	struct jsonw j;
	size_t i;

	jsonw_init(&j, out);
	jsonw_object(&j, NULL);
	jsonw_string(&j, "cluster", cluster_name(c));
	jsonw_object(&j, "request");
	jsonw_string(&j, "action", action_kind_word(a->kind));
	jsonw_string(&j, "target", a->target);
	jsonw_string(&j, "target_kind", target_kind_word(a->target_kind));
	jsonw_string(&j, "node", a->node[0] ? a->node : NULL);
	jsonw_end(&j);
	jsonw_string(&j, "error", error);
	jsonw_array(&j, "changes");
	for (i = 0; p != NULL && i < p->n; i++) {
		jsonw_object(&j, NULL);
		jsonw_string(&j, "change",
			     preview_change_word(p->items[i].change));
		jsonw_string(&j, "resource", p->items[i].id);
		jsonw_string(&j, "from", p->items[i].from);
		jsonw_string(&j, "to", p->items[i].to);
		jsonw_end(&j);
	}
	jsonw_end(&j);
	jsonw_end(&j);
	return jsonw_finish(&j);
}

static int
print_text(FILE *out, const struct snapshot *s, const struct cluster *c,
	   const struct action *a, const char *error,
	   const struct preview *p)
{
	char (*lines)[WHATIF_LINE] = xcalloc(64, sizeof(*lines));
	char safe[2 * WHATIF_LINE];
	size_t n, i;
	int rc;

	termtext_sanitize(safe, sizeof(safe), a->target);
	fprintf(out, "What if: %s %s %s%s%s (cluster %s)\n",
		action_kind_word(a->kind),
		action_target_word(s, a->target_kind, a->target), safe, a->node[0] ? (a->kind == ACT_MOVE ? " to " : " off ")
				 : "", a->node, cluster_name(c));
	if (error != NULL) {
		termtext_sanitize(safe, sizeof(safe), error);
		fprintf(out, "  no preview: %s\n", safe);
	} else {
		n = whatif_lines(p, s, a, lines, 64);
		for (i = 0; i < n; i++) {
			termtext_sanitize(safe, sizeof(safe), lines[i]);
			fprintf(out, "  %s\n", safe);
		}
	}
	free(lines);
	rc = fflush(out) == 0 && !ferror(out) ? 0 : -1;
	return rc;
}

int
whatif_run(struct cluster *c, enum action_kind kind, const char *target,
	   const char *node, bool json, FILE *out)
{
	struct preview p = { 0 };
	struct snapshot *s;
	struct action a;
	char *err = NULL, *why = NULL;
	uint64_t ticket;
	int status = 1, wrc;

	cluster_refresh(c);
	s = cluster_snapshot(c);
	if (s == NULL) {
		fprintf(stderr, "ccon: %s: no data: nothing to preview\n",
			cluster_name(c));
		return 1;
	}
	if (action_init(&a, kind, kind_of(s, kind, target), target, node,
			&err) != 0) {
		fprintf(stderr, "ccon: --what-if: %s\n", err);
		free(err);
		snapshot_unref(s);
		return 1;
	}
	ticket = cluster_preview_ask(c, &a, &why);
	if (ticket != 0 && cluster_preview_take(c, ticket, &p, &why) == 0)
		why = xstrdup("the preview did not come");
	if (ticket != 0 && why == NULL)
		status = 0;
	wrc = json ? print_json(out, c, &a, why, &p)
		   : print_text(out, s, c, &a, why, &p);
	if (wrc != 0) {
		fprintf(stderr, "ccon: writing the preview: %s\n",
			strerror(errno));
		status = 1;
	}
	preview_free(&p);
	free(why);
	snapshot_unref(s);
	return status;
}
