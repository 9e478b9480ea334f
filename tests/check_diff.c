/* Unit tests of the word-level diff. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "core/diff.h"

static char *diff(const char *a, const char *b, struct diff_stats *st)
{
	STRING out;

	string_init(&out);
	ck_assert_ptr_eq(diff_html(a, b, &out, st), STATUS_OK);
	return out.buf ? out.buf : strdup("");
}

static const struct {
	const char *a, *b, *html;
	size_t kept, removed, added;
} cases[] = {
	{ "", "", "", 0, 0, 0 },
	{ "same words here", "same words here", "same words here", 3, 0, 0 },
	{ "twelve weeks of leave", "fourteen weeks of leave", "<del>twelve</del> <ins>fourteen</ins> weeks of leave", 3,
	  1, 1 },
	{ "a b c", "a x b c", "a <ins>x</ins> b c", 3, 0, 1 },
	{ "a b c", "a c", "a <del>b</del> c", 2, 1, 0 },
	{ "", "new text", "<ins>new text</ins>", 0, 0, 2 },
	{ "old text", "", "<del>old text</del>", 0, 2, 0 },
	{ "<b>bold</b> & co", "<b>bold</b> & co.", "&lt;b&gt;bold&lt;/b&gt; &amp; <del>co</del> <ins>co.</ins>", 2, 1,
	  1 },
	{ "first para\n\nsecond para", "first para\n\nsecond para now", "first para<br><br>second para <ins>now</ins>",
	  4, 0, 1 },
};

START_TEST(test_diff_cases)
{
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct diff_stats st;
		char *html = diff(cases[i].a, cases[i].b, &st);

		ck_assert_msg(strcmp(html, cases[i].html) == 0, "case %zu: %s", i, html);
		ck_assert_uint_eq(st.words_kept, cases[i].kept);
		ck_assert_uint_eq(st.words_removed, cases[i].removed);
		ck_assert_uint_eq(st.words_added, cases[i].added);
		free(html);
	}
}
END_TEST

/* Long, very different texts fall back to remove-all/add-all quickly. */
START_TEST(test_diff_large)
{
	size_t n = 20000;
	char *a = malloc(n * 6 + 1), *b = malloc(n * 6 + 1), *html;
	struct diff_stats st;

	for (size_t i = 0; i < n; i++) {
		memcpy(a + i * 6, "aaaaa ", 6);
		memcpy(b + i * 6, "bbbbb ", 6);
	}
	a[n * 6] = b[n * 6] = '\0';
	html = diff(a, b, &st);
	ck_assert_uint_eq(st.words_removed, n);
	ck_assert_uint_eq(st.words_added, n);
	free(html);
	/* A small change in a long text is found exactly. */
	memcpy(b, a, n * 6 + 1);
	memcpy(b + 600, "ccccc", 5);
	html = diff(a, b, &st);
	ck_assert_uint_eq(st.words_removed, 1);
	ck_assert_uint_eq(st.words_added, 1);
	ck_assert_uint_eq(st.words_kept, n - 1);
	free(html);
	free(a);
	free(b);
}
END_TEST

static char *block_diff(const char *a, const char *b, struct diff_stats *st)
{
	STRING out;

	string_init(&out);
	ck_assert_ptr_eq(diff_blocks_html(a, b, &out, st), STATUS_OK);
	return out.buf ? out.buf : strdup("");
}

/* Rendered versions: kept blocks stay as they render, a changed paragraph
 * shows its words, a changed table stays a table (removed, then added). */
START_TEST(test_diff_blocks)
{
	const char *table1 = "<table>\n<tr><td>Annual</td><td>7.5</td></tr>\n</table>";
	const char *table2 = "<table>\n<tr><td>Annual</td><td>9</td></tr>\n</table>";
	char before[300], after[300], *html;
	struct diff_stats st;

	snprintf(before, sizeof before, "<h2>Leave</h2>\n<p>You earn <strong>leave</strong> &amp; more.</p>\n%s\n",
		 table1);
	snprintf(
		after, sizeof after,
		"<h2>Leave</h2>\n<p>You earn <strong>leave</strong> &amp; much more.</p>\n%s\n<ul>\n<li>New</li>\n</ul>\n",
		table2);
	html = block_diff(before, after, &st);
	ck_assert_msg(strstr(html, "<h2>Leave</h2>\n") == html, "%s", html);
	ck_assert_msg(strstr(html, "<p class=\"diff-changed\">You earn leave &amp; <ins>much</ins> more.</p>") != NULL,
		      "%s", html);
	ck_assert_msg(
		strstr(html, "<div class=\"diff-block diff-removed\"><p class=\"diff-label\">Removed:</p>\n<table>") !=
			NULL,
		"%s", html);
	ck_assert_msg(strstr(html, "<td>9</td>") != NULL && strstr(html, "<td>7.5</td>") != NULL, "%s", html);
	ck_assert_msg(
		strstr(html,
		       "<div class=\"diff-block diff-added\"><p class=\"diff-label\">Added:</p>\n<ul>\n<li>New</li>\n</ul>") !=
			NULL,
		"%s", html);
	ck_assert_ptr_null(strstr(html, "**"));
	ck_assert_uint_eq(st.words_added, 1 + 2 + 1); /* "much", the new table, the list */
	ck_assert_uint_eq(st.words_removed, 2);       /* the old table */
	free(html);
	/* Identical versions: no marks at all. */
	html = block_diff(before, before, &st);
	ck_assert_ptr_null(strstr(html, "<ins>"));
	ck_assert_ptr_null(strstr(html, "diff-block"));
	ck_assert_uint_eq(st.words_removed + st.words_added, 0);
	free(html);
	/* Nested lists end at their own close tag; empty input is fine. */
	html = block_diff("<ul>\n<li>a<ul><li>b</li></ul></li>\n</ul>\n<p>x</p>",
			  "<ul>\n<li>a<ul><li>b</li></ul></li>\n</ul>\n<p>y</p>", &st);
	ck_assert_msg(strstr(html, "<p class=\"diff-changed\"><del>x</del> <ins>y</ins></p>") != NULL, "%s", html);
	free(html);
	html = block_diff("", "", &st);
	ck_assert_str_eq(html, "");
	free(html);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("words");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_diff_cases);
	tcase_add_test(tc, test_diff_blocks);
	tcase_add_test(tc, test_diff_large);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
