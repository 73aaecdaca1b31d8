/* The table's column layout (tui/widgets/layout.h): which columns a
 * narrow screen drops, and how the room left is shared out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tui/widgets/layout.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The groups view's columns: tree and state never go, node before type. */
static const struct table_col groups[] = {
	{ .id = 0, .title = "GROUP / RESOURCE", .min = 12 },
	{ .id = 1, .title = "STATE", .min = 21 },
	{ .id = 2, .title = "NODE", .min = 6, .drop = 1 },
	{ .id = 3, .title = "TYPE", .min = 8, .drop = 2 },
};
static const int groups_want[] = { 20, 10, 5, 30 };

static void
expect_widths(const struct table_col *cols, size_t n, const int *want,
	      int avail, const int *expect)
{
	int width[TABLE_COLS_MAX];
	size_t c;

	memset(width, 0x55, sizeof(width));
	table_layout(cols, n, want, avail, width);
	for (c = 0; c < n; c++) {
		if (width[c] != expect[c])
			print_error("avail %d: column %zu is %d wide, not %d\n",
				    avail, c, width[c], expect[c]);
		assert_int_equal(width[c], expect[c]);
	}
}

static void
test_everything_fits(void **state)
{
	/* Each column reaches its content, but never narrower than its
	 * min: STATE keeps 21 for content of 10, NODE 6 for 5. */
	static const int expect[] = { 20, 21, 6, 30 };

	(void)state;
	expect_widths(groups, N(groups), groups_want, 100, expect);
	/* Exactly enough: 20 + 21 + 6 + 30 and three gaps. */
	expect_widths(groups, N(groups), groups_want, 80, expect);
}

static void
test_drop_order(void **state)
{
	/* The narrowest forms and gaps take 50: at 45 TYPE (drop 2) goes
	 * first, and the room left goes to the first column. */
	static const int at45[] = { 16, 21, 6, 0 };
	/* At 40 NODE (drop 1) goes too. */
	static const int at40[] = { 18, 21, 0, 0 };
	/* At 50 everything stays, at its narrowest. */
	static const int at50[] = { 12, 21, 6, 8 };

	(void)state;
	expect_widths(groups, N(groups), groups_want, 45, at45);
	expect_widths(groups, N(groups), groups_want, 40, at40);
	expect_widths(groups, N(groups), groups_want, 50, at50);
}

static void
test_smaller_than_everything(void **state)
{
	/* What is never dropped stays at its narrowest, even past the
	 * edge: the table cuts there. */
	static const int expect[] = { 12, 21, 0, 0 };

	(void)state;
	expect_widths(groups, N(groups), groups_want, 30, expect);
	expect_widths(groups, N(groups), groups_want, 1, expect);
	expect_widths(groups, N(groups), groups_want, 0, expect);
	expect_widths(groups, N(groups), groups_want, -5, expect);
}

static void
test_min_and_max(void **state)
{
	static const struct table_col cols[] = {
		{ .id = 0, .title = "capped", .max = 10 },
		{ .id = 1, .title = "content" },
		{ .id = 2, .title = "floor", .min = 8 },
		{ .id = 3, .title = "both", .min = 4, .max = 6, .drop = 1 },
	};
	static const int want[] = { 25, 7, 2, 50 };
	/* max caps the content; min 0 means the content is the narrowest
	 * form; min is a floor above short content. */
	static const int roomy[] = { 10, 7, 8, 6 };
	/* Squeezed: "both" goes, the others cannot shrink below their
	 * narrowest form (10 + 7 + 8 and two gaps is 27). */
	static const int squeezed[] = { 10, 7, 8, 0 };
	/* One column more than the narrowest: "both" stays at its min. */
	static const int tight[] = { 10, 7, 8, 4 };

	(void)state;
	expect_widths(cols, N(cols), want, 100, roomy);
	expect_widths(cols, N(cols), want, 20, squeezed);
	expect_widths(cols, N(cols), want, 32, tight);
}

static void
test_growth_by_rank(void **state)
{
	/* The room left goes to the most important columns first (drop 0,
	 * then 1, ...), whatever their place on screen. */
	static const struct table_col cols[] = {
		{ .id = 0, .title = "x", .min = 4, .drop = 2 },
		{ .id = 1, .title = "y", .min = 4 },
		{ .id = 2, .title = "z", .min = 4, .drop = 1 },
	};
	static const int want[] = { 10, 10, 10 };
	/* The narrowest forms take 14. */
	static const int at20[] = { 4, 10, 4 };
	static const int at24[] = { 4, 10, 8 };
	static const int at30[] = { 8, 10, 10 };
	static const int at99[] = { 10, 10, 10 };

	(void)state;
	expect_widths(cols, N(cols), want, 20, at20);
	expect_widths(cols, N(cols), want, 24, at24);
	expect_widths(cols, N(cols), want, 30, at30);
	expect_widths(cols, N(cols), want, 99, at99);
}

static void
test_ties(void **state)
{
	/* Two columns with the same drop: the one further left goes first,
	 * and of the two left, the room goes to the first of a rank. */
	static const struct table_col cols[] = {
		{ .id = 0, .title = "p", .min = 5, .drop = 1 },
		{ .id = 1, .title = "q", .min = 5, .drop = 1 },
		{ .id = 2, .title = "r", .min = 5 },
	};
	static const int want[] = { 9, 9, 5 };
	static const int at12[] = { 0, 6, 5 };
	static const int at20[] = { 8, 5, 5 };

	(void)state;
	expect_widths(cols, N(cols), want, 12, at12);
	expect_widths(cols, N(cols), want, 20, at20);
}

static void
test_too_many_columns(void **state)
{
	struct table_col cols[TABLE_COLS_MAX + 4];
	int want[TABLE_COLS_MAX + 4], width[TABLE_COLS_MAX + 4];
	size_t c;

	(void)state;
	for (c = 0; c < N(cols); c++) {
		cols[c] = (struct table_col){ .id = (int)c, .title = "c",
		    .min = 1 };
		want[c] = 3;
		width[c] = -7;
	}
	table_layout(cols, N(cols), want, 1000, width);
	for (c = 0; c < TABLE_COLS_MAX; c++)
		assert_int_equal(width[c], 3);
	/* Past the limit nothing is laid out, nor written. */
	for (; c < N(cols); c++)
		assert_int_equal(width[c], -7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_everything_fits),
		cmocka_unit_test(test_drop_order),
		cmocka_unit_test(test_smaller_than_everything),
		cmocka_unit_test(test_min_and_max),
		cmocka_unit_test(test_growth_by_rank),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_too_many_columns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
