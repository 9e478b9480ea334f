/* Unit tests of publishing's pure parts: the announcement templates' allow-list
 * and escaping, the editor's checks (sizes, dates, citations, hostile
 * Markdown), slugs, document order after a move, template fields, and the
 * change-impact table against the rules module's citations. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "publish/announce.h"
#include "core/errors.h"
#include "publish/impact.h"
#include "content/markdown.h"
#include "publish/publish.h"
#include "rules/rules.h"
#include "publish/usertmpl.h"
#include "store/db_sqlite.h"

/* ---- usertmpl ------------------------------------------------------------------ */

START_TEST(test_allowed_templates)
{
	static const char *const ok[] = {
		"Plain text, no commands.",
		"<?cs var:Field.what ?>",
		"<?cs if:Section.Title ?>**<?cs var:Section.Title ?>**<?cs elif:Field.x ?>x<?cs else ?>none<?cs /if ?>",
		"<?cs each:f = Field ?><?cs var:f ?> <?cs /each ?>",
		"<?cs with:s = Section ?><?cs var:s.Title ?><?cs /with ?>",
		"<?cs # a comment with include: in it ?>text",
	};

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		char msg[300];

		ck_assert_msg(usertmpl_check(ok[i], msg, sizeof msg) == NULL, "template %zu refused: %s", i, msg);
	}
}
END_TEST

START_TEST(test_hostile_templates_refused)
{
	static const char *const bad[] = {
		"<?cs include:\"/etc/passwd\" ?>",
		"<?cs linclude:\"layout.cs\" ?>",
		"<?cs evar:Field.x ?>",
		"<?cs lvar:Field.x ?>",
		"<?cs uvar:Field.x ?>",
		"<?cs escape:\"none\" ?><?cs var:Field.x ?><?cs /escape ?>",
		"<?cs set:Config.VarEscapeMode = \"none\" ?>",
		"<?cs set:hdf.loadpaths.0 = \"/\" ?>",
		"<?cs def:m() ?>x<?cs /def ?><?cs call:m() ?>",
		"<?cs loop:i = 1, 100000000 ?>x<?cs /loop ?>",
		"<?CS INCLUDE:\"x\" ?>",
		"<?CS VAR:Field.x ?>",   /* ClearSilver ignores case; the allow-list does not */
		"<?cs\tinclude:\"x\" ?>",
		"<?csinclude:\"x\" ?>",
		"<?cs\n  linclude:\"x\" ?>",
		"<?cs var!Field.x ?>",
		"<?cs var:Field.x",
		"<?cs elseif:Field.x ?>",
		/* ClearSilver 0.10.5 prints alt: values and name: names unescaped. */
		"<?cs alt:Field.x ?>none<?cs /alt ?>",
		"<?cs each:f = Field ?><?cs name:f ?><?cs /each ?>",
		"",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char msg[300];

		ck_assert_msg(usertmpl_check(bad[i], msg, sizeof msg) != NULL, "template %zu allowed: %s", i, bad[i]);
		ck_assert(strlen(msg) > 10);
	}
	/* Too long. */
	{
		char *big = malloc(USERTMPL_MAX_SOURCE + 2), msg[300];

		memset(big, 'a', USERTMPL_MAX_SOURCE + 1);
		big[USERTMPL_MAX_SOURCE + 1] = '\0';
		ck_assert(usertmpl_check(big, msg, sizeof msg) != NULL);
		ck_assert(strstr(msg, "too long") != NULL);
		free(big);
	}
}
END_TEST

static char *render(const char *src, const char *field_value, NEOERR **errp)
{
	HDF *hdf = NULL;
	STRING out;
	NEOERR *err;

	string_init(&out);
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(hdf_set_value(hdf, "Field.x", field_value), STATUS_OK);
	err = usertmpl_render(src, hdf, &out);
	hdf_destroy(&hdf);
	*errp = err;
	if (err != STATUS_OK) {
		string_clear(&out);
		return NULL;
	}
	return out.buf ? out.buf : strdup("");
}

START_TEST(test_render_escapes_every_value)
{
	static const char *const srcs[] = {
		"<?cs var:Field.x ?>",
		"<?cs each:f = Field ?><?cs var:f ?><?cs /each ?>",
		"<?cs with:f = Field.x ?><?cs var:f ?><?cs /with ?>",
		"<?cs if:Field.x ?><?cs var:Field.x ?><?cs /if ?>",
	};
	NEOERR *err;

	for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
		char *out = render(srcs[i], "<script>alert('x')</script> & \"q\"", &err);

		ck_assert_msg(err == STATUS_OK, "template %zu failed", i);
		ck_assert_msg(strstr(out, "<script>") == NULL, "template %zu: %s", i, out);
		ck_assert_msg(strstr(out, "&lt;script&gt;") != NULL, "template %zu: %s", i, out);
		free(out);
	}
	/* The output is read as Markdown in safe mode: raw HTML in the
	 * template itself never reaches the page. */
	{
		char *out = render("<script>x()</script>\n\n[a](javascript:alert(1)) <?cs var:Field.x ?>", "<b>", &err), *html = NULL;

		ck_assert_ptr_eq(err, STATUS_OK);
		ck_assert_ptr_eq(markdown_render(out, strlen(out), &html, NULL), STATUS_OK);
		ck_assert_msg(strstr(html, "<script") == NULL && strstr(html, "javascript:") == NULL && strstr(html, "<b>") == NULL,
			      "%s", html);
		free(out);
		free(html);
	}
}
END_TEST

START_TEST(test_render_refuses_and_reports)
{
	NEOERR *err;
	char *out = render("<?cs include:\"/etc/passwd\" ?>", "x", &err);

	ck_assert_ptr_eq(out, NULL);
	ck_assert(nerr_match(err, HR_ERR_BAD_REQUEST));
	ck_assert(strstr(errors_public_message(err), "include") != NULL);
	nerr_ignore(&err);
	/* Blocks must nest; other syntax errors come with ClearSilver's
	 * explanation. */
	out = render("<?cs if:Field.x ?>never closed", "x", &err);
	ck_assert_ptr_eq(out, NULL);
	ck_assert(nerr_match(err, HR_ERR_BAD_REQUEST));
	ck_assert_str_eq(errors_public_message(err), "The if opened on line 1 is never closed with /if.");
	nerr_ignore(&err);
	out = render("<?cs each:f = Field ?>\n<?cs /if ?>", "x", &err);
	ck_assert_ptr_eq(out, NULL);
	ck_assert_str_eq(errors_public_message(err), "The /if on line 2 does not close the block before it.");
	nerr_ignore(&err);
	out = render("<?cs else ?>", "x", &err);
	ck_assert_ptr_eq(out, NULL);
	ck_assert(strstr(errors_public_message(err), "not inside an if") != NULL);
	nerr_ignore(&err);
	out = render("<?cs var:Field.x + ?>", "x", &err);
	ck_assert_ptr_eq(out, NULL);
	ck_assert(nerr_match(err, HR_ERR_BAD_REQUEST));
	ck_assert(strstr(errors_public_message(err), "does not parse") != NULL);
	nerr_ignore(&err);
	/* Output is capped (each over a field repeated by the template). */
	{
		char src[2048];
		char *value = malloc(5000);

		memset(value, 'v', 4999);
		value[4999] = '\0';
		src[0] = '\0';
		for (int i = 0; i < 20; i++)
			strcat(src, "<?cs var:Field.x ?>");
		out = render(src, value, &err);
		ck_assert_ptr_eq(out, NULL);
		ck_assert(nerr_match(err, HR_ERR_BAD_REQUEST));
		ck_assert(strstr(errors_public_message(err), "too long") != NULL);
		nerr_ignore(&err);
		free(value);
	}
}
END_TEST

/* ---- publish_check ----------------------------------------------------------- */

static struct publish_form form(const char *title, const char *body, const char *cites, const char *summary,
				const char *date)
{
	struct publish_form f;

	memset(&f, 0, sizeof f);
	f.title = title;
	f.body = body;
	f.citations = cites;
	f.summary = summary;
	f.effective_date = date;
	return f;
}

START_TEST(test_check_publish)
{
	struct publish_errors e;
	struct publish_text t;
	struct publish_form f = form("Sick Leave", "Employees earn **sick leave**.\n\n- one\n- two\n",
				     "KRS 18A.095\n101 KAR 2:102, Section 2\n\n29 U.S.C. § 2601", "Clarify accrual", "2027-02-01");

	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_PUBLISH, "2027-01-05", "2016-09-30", &e, &t), 0);
	ck_assert(strstr(t.html, "<strong>sick leave</strong>") != NULL);
	ck_assert(strstr(t.text, "sick leave") != NULL);
	ck_assert_uint_eq(t.n_citations, 3);
	ck_assert_str_eq(t.citations[1].cite, "101 KAR 2:102, Section 2");
	publish_text_free(&t);

	/* Summary and date are needed to publish, not to save a draft. */
	f = form("Sick Leave", "text", "", "", "");
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_DRAFT, "2027-01-05", "", &e, &t), 0);
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_PUBLISH, "2027-01-05", "", &e, &t), 2);
	ck_assert(e.summary != NULL && e.effective_date != NULL);

	/* Dates: real, not in the past, not before the newest version's. */
	f = form("T", "x", "", "why", "2027-02-30");
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_PUBLISH, "2027-01-05", "", &e, &t), 1);
	ck_assert(strstr(e.effective_date, "YYYY-MM-DD") != NULL);
	f = form("T", "x", "", "why", "2027-01-04");
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_PUBLISH, "2027-01-05", "", &e, &t), 1);
	ck_assert(strstr(e.effective_date, "past") != NULL);
	f = form("T", "x", "", "why", "2027-06-01");
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_PUBLISH, "2027-01-05", "2030-01-01", &e, &t), 1);
	ck_assert(strstr(e.effective_date, "2030-01-01") != NULL);
	f = form("T", "x", "", "why", "2030-01-01");
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_PUBLISH, "2027-01-05", "2030-01-01", &e, &t), 0);
	publish_text_free(&t);

	/* Titles and summaries are one line. */
	f = form("", "x", "", "two\nlines", "2027-01-05");
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_PUBLISH, "2027-01-05", "", &e, &t), 2);
	ck_assert(e.title != NULL && e.summary != NULL);
}
END_TEST

START_TEST(test_citations_structured)
{
	struct citation c[PUBLISH_MAX_CITATIONS];
	size_t n = 0;
	char msg[300];

	ck_assert_int_eq(publish_parse_citations("KRS 18A.195\n  KRS Chapter 156  \nEO 2014-747\nKRS 18A.195\n",
						 c, PUBLISH_MAX_CITATIONS, &n, msg, sizeof msg), 0);
	ck_assert_uint_eq(n, 3);   /* the repeated one once */
	ck_assert_str_eq(c[0].code, "KRS");
	ck_assert_str_eq(c[2].code, "EO");
	ck_assert_int_eq(publish_parse_citations("KRS 18A.195\nthe tobacco policy\n", c, PUBLISH_MAX_CITATIONS, &n,
						 msg, sizeof msg), -1);
	ck_assert(strstr(msg, "Line 2") != NULL && strstr(msg, "the tobacco policy") != NULL);
	ck_assert_int_eq(publish_parse_citations("", c, PUBLISH_MAX_CITATIONS, &n, msg, sizeof msg), 0);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(test_hostile_markdown)
{
	struct publish_errors e;
	struct publish_text t;
	struct publish_form f;
	char *deep, *big;
	size_t k = 0;

	/* Raw HTML and javascript: links are rendered harmless. */
	f = form("T", "<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n", "", "why",
		 "2027-01-05");
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_PUBLISH, "2027-01-05", "", &e, &t), 0);
	ck_assert_msg(strstr(t.html, "<script") == NULL && strstr(t.html, "javascript:") == NULL &&
		      strstr(t.html, "onerror") == NULL && strstr(t.html, "<img") == NULL, "%s", t.html);
	ck_assert(strstr(t.html, "click") != NULL);
	publish_text_free(&t);

	/* Lists nested 100 deep: refused with a message, saved as a draft. */
	deep = malloc(100 * 210 + 1);
	for (int d = 0; d < 100; d++) {
		for (int s = 0; s < d * 2; s++)
			deep[k++] = ' ';
		deep[k++] = '-';
		deep[k++] = ' ';
		deep[k++] = 'x';
		deep[k++] = '\n';
	}
	deep[k] = '\0';
	f = form("T", deep, "", "why", "2027-01-05");
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_PREVIEW, "2027-01-05", "", &e, &t), 1);
	ck_assert_msg(strstr(e.body, "levels deep") != NULL, "%s", e.body);
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_DRAFT, "2027-01-05", "", &e, &t), 0);
	free(deep);

	/* A megabyte of text: refused, even as a draft. */
	big = malloc(1024 * 1024 + 1);
	memset(big, 'w', 1024 * 1024);
	big[1024 * 1024] = '\0';
	f = form("T", big, "", "why", "2027-01-05");
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_DRAFT, "2027-01-05", "", &e, &t), 1);
	ck_assert(strstr(e.body, "too long") != NULL);
	free(big);
}
END_TEST

START_TEST(test_slugs)
{
	char s[128];

	publish_slugify("Paid Parental Leave", s, sizeof s);
	ck_assert_str_eq(s, "paid-parental-leave");
	publish_slugify("  Family & Medical Leave (FMLA)  ", s, sizeof s);
	ck_assert_str_eq(s, "family-medical-leave-fmla");
	publish_slugify("Employee's Rights", s, sizeof s);
	ck_assert_str_eq(s, "employees-rights");
	publish_slugify("<script>", s, sizeof s);
	ck_assert_str_eq(s, "script");
	publish_slugify("---", s, sizeof s);
	ck_assert_str_eq(s, "");
	ck_assert(publish_slug_ok("sick-leave"));
	ck_assert(!publish_slug_ok("Sick-Leave"));
	ck_assert(!publish_slug_ok("sick--leave"));
	ck_assert(!publish_slug_ok("-sick"));
	ck_assert(!publish_slug_ok("../etc"));
	ck_assert(!publish_slug_ok(""));
}
END_TEST

/* ---- publish_reorder ----------------------------------------------------------- */

START_TEST(test_reorder)
{
	/* part 1 { sec 2, sec 3 }, part 4 { group 5 { sec 6 } }, sec 7 */
	struct publish_node nodes[] = { { 1, 0 }, { 2, 1 }, { 3, 1 }, { 4, 0 }, { 5, 4 }, { 6, 5 }, { 7, 0 } };
	size_t order[7];
	int64_t ids[7];

	/* Section 2 after section 6 inside group 5. */
	ck_assert_int_eq(publish_reorder(nodes, 7, 2, 5, 6, order), 0);
	for (int i = 0; i < 7; i++)
		ids[i] = nodes[order[i]].id;
	{
		int64_t want[] = { 1, 3, 4, 5, 6, 2, 7 };

		ck_assert_mem_eq(ids, want, sizeof want);
	}
	/* Part 4 (with everything under it) to the start. */
	ck_assert_int_eq(publish_reorder(nodes, 7, 4, 0, 0, order), 0);
	for (int i = 0; i < 7; i++)
		ids[i] = nodes[order[i]].id;
	{
		int64_t want[] = { 4, 5, 6, 1, 2, 3, 7 };

		ck_assert_mem_eq(ids, want, sizeof want);
	}
	/* Not into its own subtree, not after a node of another parent. */
	ck_assert_int_eq(publish_reorder(nodes, 7, 4, 6, 0, order), -1);
	ck_assert_int_eq(publish_reorder(nodes, 7, 4, 4, 0, order), -1);
	ck_assert_int_eq(publish_reorder(nodes, 7, 3, 1, 6, order), -1);
	ck_assert_int_eq(publish_reorder(nodes, 7, 99, 0, 0, order), -1);
	ck_assert_int_eq(publish_reorder(nodes, 7, 3, 1, 3, order), -1);
}
END_TEST

/* ---- Template fields, impact --------------------------------------------------- */

START_TEST(test_fields)
{
	struct announce_field f[ANNOUNCE_MAX_FIELDS];
	size_t n = 0;
	char msg[200];

	ck_assert_int_eq(announce_parse_fields("what|What changed|textarea\n\n deadline | By when | text \nx|X", f,
					       ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(f[1].name, "deadline");
	ck_assert_str_eq(f[1].label, "By when");
	ck_assert(f[0].textarea && !f[1].textarea && !f[2].textarea);
	ck_assert_int_eq(announce_parse_fields("Bad Name|x", f, ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
	ck_assert_int_eq(announce_parse_fields("a|A\na|B", f, ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
	ck_assert_int_eq(announce_parse_fields("a|A|select", f, ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
	ck_assert_int_eq(announce_parse_fields("a", f, ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
	ck_assert_int_eq(announce_parse_fields("a|", f, ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg), -1);
}
END_TEST

START_TEST(test_impact_covers_every_rule_citation)
{
	size_t n = 0;
	const rules_citation *c = rules_all_citations(&n);
	const struct impact_tool *found[8];

	ck_assert(n > 0);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(impact_tools(c[i].slug, found, 8) > 0, "no tool listed for %s (%s)", c[i].slug, c[i].cite);
	ck_assert_uint_eq(impact_tools("family-and-medical-leave-act-fmla", found, 8), 1);
	ck_assert_str_eq(found[0]->url, "/wizards/fmla");
	/* Sick leave: the FMLA wizard, its calculator and the leave form. */
	ck_assert_uint_eq(impact_tools("sick-leave", found, 8), 3);
	ck_assert_str_eq(found[1]->url, "/calculators/sick-leave");
	ck_assert_str_eq(found[2]->url, "/forms/leave/new");
	ck_assert_uint_eq(impact_tools("grievances", found, 8), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("publishing");
	TCase *tc = tcase_create("pure");
	SRunner *sr;
	int failed;

	errors_init();
	tcase_add_test(tc, test_allowed_templates);
	tcase_add_test(tc, test_hostile_templates_refused);
	tcase_add_test(tc, test_render_escapes_every_value);
	tcase_add_test(tc, test_render_refuses_and_reports);
	tcase_add_test(tc, test_check_publish);
	tcase_add_test(tc, test_citations_structured);
	tcase_add_test(tc, test_hostile_markdown);
	tcase_add_test(tc, test_slugs);
	tcase_add_test(tc, test_reorder);
	tcase_add_test(tc, test_fields);
	tcase_add_test(tc, test_impact_covers_every_rule_citation);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
