/* The node-choice rule (backend/link/nodechoice.c): which node to read a
 * cluster through, given what is known of each. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "backend/link/nodechoice.h"

#define NOW 100000

static void
first_good_in_order(void **state)
{
	struct node_choice n[3] = { 0 };

	(void)state;
	/* Nothing known: the first, in the configured order. */
	assert_int_equal(nodechoice_pick(n, 3, -1, NOW), 0);
	n[0].link = LINK_UP;
	n[0].verdict = VERDICT_GOOD;
	assert_int_equal(nodechoice_pick(n, 3, 0, NOW), 0);
}

static void
stack_down_moves_on_and_back(void **state)
{
	struct node_choice n[3] = { 0 };

	(void)state;
	n[0] = (struct node_choice){ LINK_UP, VERDICT_NO_STACK, NOW + 2000 };
	/* In use, and cannot serve: the next one. */
	assert_int_equal(nodechoice_pick(n, 3, 0, NOW), 1);
	n[1] = (struct node_choice){ LINK_UP, VERDICT_GOOD, 0 };
	assert_int_equal(nodechoice_pick(n, 3, 1, NOW + 1000), 1);
	assert_int_equal(nodechoice_probe(n, 3, 1, NOW + 1000), -1);
	/* Its time to be tried again: not in the way of node2, which
	 * serves, but logged in to in the background, to go back to the
	 * first (judged anew there) once that worked. */
	assert_int_equal(nodechoice_pick(n, 3, 1, NOW + 2000), 1);
	assert_int_equal(nodechoice_probe(n, 3, 1, NOW + 2000), 0);
	/* The node in use fails meanwhile: the first is tried at once. */
	n[1] = (struct node_choice){ LINK_DOWN, VERDICT_GOOD, NOW + 9000 };
	n[2] = (struct node_choice){ LINK_DOWN, VERDICT_UNKNOWN, NOW + 9000 };
	assert_int_equal(nodechoice_pick(n, 3, 1, NOW + 2000), 0);
	assert_int_equal(nodechoice_probe(n, 3, 1, NOW + 2000), -1);
}

static void
probe_only_what_is_better(void **state)
{
	struct node_choice n[3] = { 0 };

	(void)state;
	/* node1 in use and good: node3's return would not be preferred
	 * (node1 comes first), node2's would. */
	n[0] = (struct node_choice){ LINK_UP, VERDICT_GOOD, 0 };
	n[2] = (struct node_choice){ LINK_DOWN, VERDICT_UNKNOWN, NOW - 1 };
	assert_int_equal(nodechoice_probe(n, 3, 0, NOW), -1);
	/* node1 slow: any node that may be good again is worth a try. */
	n[0] = (struct node_choice){ LINK_UP, VERDICT_SLOW, NOW + 30000 };
	n[1] = (struct node_choice){ LINK_UP, VERDICT_NO_QUORUM, NOW + 30000 };
	assert_int_equal(nodechoice_probe(n, 3, 0, NOW), 2);
	/* No node in use: nothing in the background, pick tries. */
	assert_int_equal(nodechoice_probe(n, 3, -1, NOW), -1);
	assert_int_equal(nodechoice_pick(n, 3, -1, NOW), 0);
}

static void
quorum_before_minority(void **state)
{
	struct node_choice n[3] = { 0 };

	(void)state;
	n[0] = (struct node_choice){ LINK_UP, VERDICT_NO_QUORUM, NOW + 5000 };
	/* node2 untried: it may be of the quorate partition. */
	assert_int_equal(nodechoice_pick(n, 3, 0, NOW), 1);
	n[1] = (struct node_choice){ LINK_UP, VERDICT_NO_QUORUM, NOW + 5000 };
	assert_int_equal(nodechoice_pick(n, 3, 1, NOW), 2);
	/* Every node a minority's: the best view there is, not none, and
	 * the one in use keeps it (no round of the nodes each refresh). */
	n[2] = (struct node_choice){ LINK_UP, VERDICT_NO_QUORUM, NOW + 5000 };
	assert_int_equal(nodechoice_pick(n, 3, 2, NOW), 2);
	assert_int_equal(nodechoice_pick(n, 3, -1, NOW), 0);
}

static void
slow_after_good(void **state)
{
	struct node_choice n[2] = { 0 };

	(void)state;
	n[0] = (struct node_choice){ LINK_UP, VERDICT_SLOW, NOW + 8000 };
	assert_int_equal(nodechoice_pick(n, 2, 0, NOW), 1);
	/* A slow node beats one without quorum and one that cannot serve. */
	n[1] = (struct node_choice){ LINK_UP, VERDICT_NO_QUORUM, NOW + 8000 };
	assert_int_equal(nodechoice_pick(n, 2, 1, NOW), 0);
	n[1] = (struct node_choice){ LINK_UP, VERDICT_NO_STACK, NOW + 8000 };
	assert_int_equal(nodechoice_pick(n, 2, 1, NOW), 0);
}

static void
down_nodes_wait(void **state)
{
	struct node_choice n[3] = { 0 };

	(void)state;
	n[0] = (struct node_choice){ LINK_DOWN, VERDICT_UNKNOWN, NOW + 4000 };
	n[1] = (struct node_choice){ LINK_UP, VERDICT_GOOD, 0 };
	assert_int_equal(nodechoice_pick(n, 3, 1, NOW), 1);
	/* Its backoff over, a node that could not be logged in to is not
	 * tried in the way of the one in use, which serves: in the
	 * background... */
	assert_int_equal(nodechoice_pick(n, 3, 1, NOW + 5000), 1);
	assert_int_equal(nodechoice_probe(n, 3, 1, NOW + 5000), 0);
	/* ...and with no session, a node known to serve comes first. */
	assert_int_equal(nodechoice_pick(n, 3, -1, NOW + 5000), 1);
	n[1] = (struct node_choice){ LINK_DOWN, VERDICT_GOOD, NOW + 9000 };
	assert_int_equal(nodechoice_pick(n, 3, -1, NOW + 5000), 2);
	n[2] = (struct node_choice){ LINK_DOWN, VERDICT_GOOD, NOW + 9000 };
	assert_int_equal(nodechoice_pick(n, 3, -1, NOW + 5000), 0);
	/* All down and waiting: none. */
	n[1] = (struct node_choice){ LINK_DOWN, VERDICT_UNKNOWN, NOW + 4000 };
	n[2] = (struct node_choice){ LINK_DOWN, VERDICT_UNKNOWN, NOW + 4000 };
	assert_int_equal(nodechoice_pick(n, 3, -1, NOW), -1);
	/* A lone node that cannot serve: none either, until its time. */
	n[0] = (struct node_choice){ LINK_UP, VERDICT_NO_STACK, NOW + 4000 };
	assert_int_equal(nodechoice_pick(n, 1, 0, NOW), -1);
	assert_int_equal(nodechoice_pick(n, 1, 0, NOW + 4000), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_good_in_order),
		cmocka_unit_test(stack_down_moves_on_and_back),
		cmocka_unit_test(probe_only_what_is_better),
		cmocka_unit_test(quorum_before_minority),
		cmocka_unit_test(slow_after_good),
		cmocka_unit_test(down_nodes_wait),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
