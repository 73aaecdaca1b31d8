/* The detail pane in the loop: what it is opened on, the worker's
 * answer picked up when it comes, the snapshot part rebuilt and the
 * driver asked again when a new snapshot arrives. The UI never waits:
 * until the answer comes the pane says "loading…". */
#include <stdio.h>
#include <stdlib.h>

#include "backend/core/cluster.h"
#include "tui/app_priv.h"

/* Asks the driver's part of the pane's object; an ask the cluster
 * cannot take is said in the pane. */
static void
detail_ask(struct app *a)
{
	struct app_cluster *ac = app_current(a);
	char *why = NULL;

	a->detail.ticket = cluster_detail_ask(ac->c, &a->detail.ask, &why);
	if (a->detail.ticket == 0) {
		a->detail.loading = false;
		snprintf(a->detail.drv_error, sizeof a->detail.drv_error,
		    "%s", why != NULL ? why : "no detail from the cluster");
		free(why);
		return;
	}
	a->detail.loading = true;
	/* With no worker running the answer is there already. */
	app_detail_poll(a);
}

int
app_detail_open(struct app *a)
{
	struct app_cluster *ac = app_current(a);
	struct detail_ask q;
	const struct row *r;

	if (!app_selected_row(a, &r))
		return VIEW_REDRAW;
	if (!detail_pane_ask_for(ac->snap, r, &q)) {
		app_message(ac, TONE_WARN, "select a group, resource or node (view 1, 2 or 3)");
		return VIEW_REDRAW;
	}
	detail_pane_open(&a->detail, &q);
	(void)detail_pane_sync(&a->detail, ac->snap, ac->snap_gen);
	a->mode = MODE_DETAIL;
	detail_ask(a);
	return VIEW_REDRAW;
}

void
app_detail_poll(struct app *a)
{
	struct app_cluster *ac = app_current(a);
	struct detail d;
	char *err = NULL;

	/* Not while a worker's question has interrupted the pane: it is
	 * polled again once the pane is back. */
	if (a->mode != MODE_DETAIL)
		return;
	if (a->detail.ticket != 0 &&
	    cluster_detail_take(ac->c, a->detail.ticket, &d, &err) == 1) {
		detail_pane_answer(&a->detail, &d, err);
		free(err);
	}
	/* A new snapshot: what it says at once, and the driver asked
	 * again (a newer ask replaces one not yet answered). */
	if (detail_pane_sync(&a->detail, ac->snap, ac->snap_gen))
		detail_ask(a);
}

int
app_detail_key(struct app *a, int ch)
{
	int r = detail_pane_key(&a->detail, ch);

	if (r & VIEW_CLOSE) {
		/* An answer still to come is left to the cluster, which
		 * drops it with the next ask. */
		detail_pane_free(&a->detail);
		a->mode = MODE_NORMAL;
	}
	return VIEW_REDRAW;
}
