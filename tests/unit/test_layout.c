/* The table's column layout (tui/widgets/layout.h): which columns a
 * narrow screen drops, and how the room left is shared out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "backend/util/glyph.h"
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

/* The resources view's columns (views/resources.c): the agent goes
 * before the flags, the flags before the fail count; id and state stay. */
static const struct table_col resources[] = {
	{ .id = 0, .title = "RESOURCE", .min = 12 },
	{ .id = 1, .title = "GROUP", .min = 8, .drop = 2 },
	{ .id = 2, .title = "STATE" },
	{ .id = 3, .title = "NODE", .min = 7, .drop = 1 },
	{ .id = 4, .title = "AGENT", .min = 10, .drop = 5, .cut_left = true },
	{ .id = 5, .title = "FAIL", .right = true, .drop = 3 },
	{ .id = 6, .title = "FLAGS", .min = 8, .drop = 4 },
};

static void
test_flags_outlive_agent(void **state)
{
	static const int want[] = { 12, 10, 19, 7, 21, 8, 26 };
	/* Narrowest forms: 12 8 19 7 10 8 8 and six gaps = 78; the room
	 * left goes to the most important first (the group). */
	static const int at79[] = { 12, 9, 19, 7, 10, 8, 8 };
	/* One column short: the agent goes, the flags stay and grow. */
	static const int at77[] = { 12, 10, 19, 7, 0, 8, 16 };
	/* Narrower: then the flags, then the fail count. */
	static const int at60[] = { 12, 10, 19, 7, 0, 8, 0 };
	static const int at50[] = { 12, 9, 19, 7, 0, 0, 0 };

	(void)state;
	expect_widths(resources, N(resources), want, 79, at79);
	expect_widths(resources, N(resources), want, 77, at77);
	expect_widths(resources, N(resources), want, 60, at60);
	expect_widths(resources, N(resources), want, 50, at50);
}

static void
expect_cut(const char *src, int cols, const char *want)
{
	char buf[64];

	memset(buf, 'X', sizeof buf);
	layout_cut_left(buf, sizeof buf, src, cols);
	if (strcmp(buf, want) != 0)
		print_error("\"%s\" in %d: \"%s\", not \"%s\"\n", src,
			    cols, buf, want);
	assert_string_equal(buf, want);
}

static void
test_cut_left(void **state)
{
	(void)state;
	/* What fits is left alone. */
	expect_cut("ocf:heartbeat:IPaddr2", 21, "ocf:heartbeat:IPaddr2");
	expect_cut("ocf:heartbeat:IPaddr2", 40, "ocf:heartbeat:IPaddr2");
	/* Else the longest end from a ':' that fits beside the "…". */
	expect_cut("ocf:heartbeat:IPaddr2", 20, "…:heartbeat:IPaddr2");
	expect_cut("ocf:heartbeat:IPaddr2", 19, "…:heartbeat:IPaddr2");
	expect_cut("ocf:heartbeat:IPaddr2", 18, "…:IPaddr2");
	expect_cut("ocf:heartbeat:IPaddr2", 9, "…:IPaddr2");
	/* Not even ":type": the type alone, cut at its end if need be. */
	expect_cut("ocf:heartbeat:IPaddr2", 8, "IPaddr2");
	expect_cut("ocf:heartbeat:IPaddr2", 6, "IPadd…");
	expect_cut("ocf:heartbeat:IPaddr2", 1, "…");
	expect_cut("ocf:heartbeat:IPaddr2", 0, "");
	/* No ':' at all: cut at the end as any text. */
	expect_cut("systemd-something-long", 10, "systemd-s…");
	/* Wide characters are measured in columns. */
	expect_cut("ocf:監視:監視", 6, "…:監視");
	expect_cut(NULL, 5, "");
}

static void
test_cut_left_ascii(void **state)
{
	(void)state;
	/* A terminal that is not UTF-8 gets the ASCII stand-in. */
	glyph_set_utf8(false);
	expect_cut("ocf:heartbeat:IPaddr2", 9, "~:IPaddr2");
	expect_cut("ocf:heartbeat:IPaddr2", 6, "IPadd~");
	glyph_set_utf8(true);
	expect_cut("ocf:heartbeat:IPaddr2", 9, "…:IPaddr2");
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
		cmocka_unit_test(test_flags_outlive_agent),
		cmocka_unit_test(test_cut_left),
		cmocka_unit_test(test_cut_left_ascii),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
