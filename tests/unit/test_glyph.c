/* The glyph table and the ASCII fallback (backend/util/glyph.h) for a
 * terminal whose locale is not UTF-8; and the flags' markers beside the
 * state word and their legend (backend/core/flags.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "backend/core/flags.h"
#include "backend/core/model.h"
#include "backend/util/glyph.h"
#include "backend/util/termtext.h"

static int
utf8_again(void **state)
{
	(void)state;
	glyph_set_utf8(true);
	return 0;
}

static void
test_every_glyph_has_both_forms(void **state)
{
	unsigned g;
	size_t i;

	(void)state;
	for (g = 0; g < GLYPH_COUNT; g++) {
		const char *u, *a;

		glyph_set_utf8(true);
		u = glyph((enum glyph)g);
		glyph_set_utf8(false);
		a = glyph((enum glyph)g);
		assert_non_null(u);
		assert_non_null(a);
		assert_true(a[0] != '\0');
		/* The stand-in is ASCII, printable. */
		for (i = 0; a[i] != '\0'; i++)
			assert_true(a[i] >= 0x20 && a[i] < 0x7f);
		/* Where a glyph is measured, both forms are as wide: the
		 * arrow lives in running text only. */
		if (g != GLYPH_ARROW)
			assert_int_equal(termtext_width(u), strlen(a));
	}
	glyph_set_utf8(false);
	assert_string_equal(glyph((enum glyph)GLYPH_COUNT), "?");
	glyph_set_utf8(true);
}

static void
test_tree_and_ellipsis(void **state)
{
	char out[64];

	(void)state;
	assert_true(glyph_utf8());
	assert_string_equal(glyph(GLYPH_TREE_MID), "├─ ");
	assert_string_equal(glyph(GLYPH_TREE_LAST), "└─ ");
	termtext_fit(out, sizeof out, "abcdef", 4, 0);
	assert_string_equal(out, "abc…");
	glyph_set_utf8(false);
	assert_false(glyph_utf8());
	assert_string_equal(glyph(GLYPH_TREE_MID), "|- ");
	assert_string_equal(glyph(GLYPH_TREE_LAST), "`- ");
	termtext_fit(out, sizeof out, "abcdef", 4, 0);
	assert_string_equal(out, "abc~");
	termtext_fit(out, sizeof out, "abcdef", 4, 1);
	assert_string_equal(out, "abc~");
}

static void
test_ascii_text(void **state)
{
	char out[64];

	(void)state;
	glyph_set_utf8(false);
	/* Beyond ASCII, one '?' a character: the columns stay true (a
	 * wide character is one column less, and measured as such). */
	termtext_sanitize(out, sizeof out, "dépôt 監視");
	assert_string_equal(out, "d?p?t ?" "?");
	assert_int_equal(termtext_width(out), 8);
	termtext_fit(out, sizeof out, "監視-prometheus", 6, 1);
	assert_string_equal(out, "?" "?-pr~");
	/* Controls are still replaced, then made ASCII. */
	termtext_sanitize(out, sizeof out, "a\x01" "b");
	assert_string_equal(out, "a?b");
	/* An invalid byte too: U+FFFD would be three bytes of garbage
	 * there (found by fuzz_termtext). */
	termtext_sanitize(out, sizeof out, "a\xc3" "b\xff");
	assert_string_equal(out, "a?b?");
	assert_int_equal(termtext_width("a\xc3" "b\xff"), 4);
	glyph_set_utf8(true);
	termtext_sanitize(out, sizeof out, "dépôt");
	assert_string_equal(out, "dépôt");
}

static void
test_marks(void **state)
{
	char buf[64];

	(void)state;
	buf[0] = '\0';
	flags_marks(buf, sizeof buf, res_flag_words, n_res_flag_words,
		    RES_F_DISABLED | RES_F_UNMANAGED | RES_F_BLOCKED);
	/* The alarm first, then the table's order. */
	assert_string_equal(buf, "!blk dis unm");
	buf[0] = '\0';
	flags_marks(buf, sizeof buf, res_flag_words, n_res_flag_words,
		    RES_F_MAINTENANCE | RES_F_PINNED | RES_F_LOCKED |
		    RES_F_CORE | RES_F_ORPHANED);
	assert_string_equal(buf, "mnt orph pin lck core");
	/* Appended after what is there, with a space. */
	strcpy(buf, "FAILED");
	flags_marks(buf, sizeof buf, res_flag_words, n_res_flag_words,
		    RES_F_BLOCKED);
	assert_string_equal(buf, "FAILED !blk");
	/* No flags, no marks; a bit without a mark (own stop) adds none. */
	buf[0] = '\0';
	flags_marks(buf, sizeof buf, res_flag_words, n_res_flag_words,
		    RES_F_OWN_STOPPED);
	assert_string_equal(buf, "");
	/* Nodes: standby has none (PAUSED says it), nor the DC. */
	buf[0] = '\0';
	flags_marks(buf, sizeof buf, node_flag_words, n_node_flag_words,
		    NODE_F_DC | NODE_F_STANDBY | NODE_F_MAINTENANCE |
		    NODE_F_UNCLEAN);
	assert_string_equal(buf, "!unc mnt");
	/* Cut, never overflowing. */
	strcpy(buf, "xx");
	flags_marks(buf, 6, res_flag_words, n_res_flag_words,
		    RES_F_BLOCKED | RES_F_DISABLED);
	assert_string_equal(buf, "xx !b");
}

static void
test_legend(void **state)
{
	char buf[256];
	size_t i;

	(void)state;
	flags_legend(buf, sizeof buf, res_flag_words, n_res_flag_words);
	assert_non_null(strstr(buf, "!blk blocked"));
	assert_non_null(strstr(buf, "dis disabled"));
	assert_non_null(strstr(buf, "mnt maintenance"));
	/* "core" is its own word: said once. */
	assert_non_null(strstr(buf, ", core"));
	assert_null(strstr(buf, "core core"));
	/* Every marker of the table is explained. */
	for (i = 0; i < n_res_flag_words; i++)
		if (res_flag_words[i].mark != NULL)
			assert_non_null(strstr(buf, res_flag_words[i].mark));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_every_glyph_has_both_forms,
					  utf8_again),
		cmocka_unit_test_teardown(test_tree_and_ellipsis, utf8_again),
		cmocka_unit_test_teardown(test_ascii_text, utf8_again),
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_legend),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
