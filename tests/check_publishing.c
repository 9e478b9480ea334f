/* Unit tests of publishing's pure parts: the announcement templates' allow-list
 * and escaping, the editor's checks (sizes, dates, citations, hostile
 * Markdown), slugs, document order after a move, template fields, and the
 * change-impact table against the rules module's citations; then, on a
 * temporary database, what store/publishing reads and writes and the
 * publish actions' transactions. */
#include <inttypes.h>
#include <check.h>
#include <stdarg.h>
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
#include "store/db.h"
#include "store/publishing.h"
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
		"<?CS VAR:Field.x ?>", /* ClearSilver ignores case; the allow-list does not */
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
		char *out = render("<script>x()</script>\n\n[a](javascript:alert(1)) <?cs var:Field.x ?>", "<b>", &err),
		     *html = NULL;

		ck_assert_ptr_eq(err, STATUS_OK);
		ck_assert_ptr_eq(markdown_render(out, strlen(out), &html, NULL), STATUS_OK);
		ck_assert_msg(strstr(html, "<script") == NULL && strstr(html, "javascript:") == NULL &&
				      strstr(html, "<b>") == NULL,
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
				     "KRS 18A.095\n101 KAR 2:102, Section 2\n\n29 U.S.C. § 2601", "Clarify accrual",
				     "2027-02-01");

	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_PUBLISH, "2027-01-05", "2016-09-30", &e, &t),
			 0);
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
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_PUBLISH, "2027-01-05", "2030-01-01", &e, &t),
			 1);
	ck_assert(strstr(e.effective_date, "2030-01-01") != NULL);
	f = form("T", "x", "", "why", "2030-01-01");
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_PUBLISH, "2027-01-05", "2030-01-01", &e, &t),
			 0);
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

	ck_assert_int_eq(publish_parse_citations("KRS 18A.195\n  KRS Chapter 156  \nEO 2014-747\nKRS 18A.195\n", c,
						 PUBLISH_MAX_CITATIONS, &n, msg, sizeof msg),
			 0);
	ck_assert_uint_eq(n, 3); /* the repeated one once */
	ck_assert_str_eq(c[0].code, "KRS");
	ck_assert_str_eq(c[2].code, "EO");
	ck_assert_int_eq(publish_parse_citations("KRS 18A.195\nthe tobacco policy\n", c, PUBLISH_MAX_CITATIONS, &n, msg,
						 sizeof msg),
			 -1);
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
	f = form("T", "<script>alert(1)</script>\n\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n", "",
		 "why", "2027-01-05");
	ck_assert_int_eq(publish_check(&f, PUBLISH_SECTION, PUBLISH_CHECK_PUBLISH, "2027-01-05", "", &e, &t), 0);
	ck_assert_msg(strstr(t.html, "<script") == NULL && strstr(t.html, "javascript:") == NULL &&
			      strstr(t.html, "onerror") == NULL && strstr(t.html, "<img") == NULL,
		      "%s", t.html);
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
					       ANNOUNCE_MAX_FIELDS, &n, msg, sizeof msg),
			 0);
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
		ck_assert_msg(impact_tools(c[i].slug, found, 8) > 0, "no tool listed for %s (%s)", c[i].slug,
			      c[i].cite);
	ck_assert_uint_eq(impact_tools("family-and-medical-leave-act-fmla", found, 8), 1);
	ck_assert_str_eq(found[0]->url, "/wizards/fmla");
	/* Sick leave: the FMLA wizard, its calculator and the leave form. */
	ck_assert_uint_eq(impact_tools("sick-leave", found, 8), 3);
	ck_assert_str_eq(found[1]->url, "/calculators/sick-leave");
	ck_assert_str_eq(found[2]->url, "/forms/leave/new");
	ck_assert_uint_eq(impact_tools("grievances", found, 8), 0);
}
END_TEST

/* ---- store/publishing, on a temporary database --------------------------------- */

static char dir[256];
static struct db *db;

/* One handbook: part "leave" (1) holding "sick-leave" (2, two versions, the
 * second later) and "vacation" (3), and "holidays" (4) at the top; Alice
 * and Bob edit. */
static const char fixture_sql[] =
	"INSERT INTO documents(id, slug, title, description, status, revised, source_file, intro_md, intro_html, sort) "
	"VALUES (1, 'handbook', 'Employee Handbook', 'The handbook.', 'current', 'January 2026', 'handbook.md', '', '', 1);"
	"INSERT INTO sections(id, document_id, parent_id, kind, slug, sort, toc_title, toc_page) VALUES "
	"(1, 1, NULL, 'part', 'leave', 1, 'Leave', 10),"
	"(2, 1, 1, 'section', 'sick-leave', 2, 'Sick Leave', 11),"
	"(3, 1, 1, 'section', 'vacation', 3, 'Vacation', 12),"
	"(4, 1, NULL, 'section', 'holidays', 4, 'Holidays', 20);"
	"INSERT INTO section_versions(section_id, version, title, body_md, body_html, body_text, effective_date, "
	"published_at, published_by, summary) VALUES "
	"(1, 1, 'Leave', 'Leave.', '<p>Leave.</p>', 'Leave.', '2026-01-01', '2026-01-01T00:00:00Z', 'importer', 'Imported'),"
	"(2, 1, 'Sick Leave', 'Old. See [vacation](/handbook/vacation).', '', '', '2026-01-01', '2026-01-01T00:00:00Z', "
	"'importer', 'Imported'),"
	"(2, 2, 'Sick Leave and Wellness', 'New. See /handbook/vacation-days.', '', '', '2027-03-01', "
	"'2026-12-20T15:00:00Z', 'hradmin', 'Accrual clarified'),"
	"(3, 1, 'Vacation', 'Vacation.', '', '', '2026-01-01', '2026-01-01T00:00:00Z', 'importer', 'Imported'),"
	"(4, 1, 'Holidays', 'Like [vacation](/handbook/vacation).', '', '', '2026-01-01', '2026-01-01T00:00:00Z', "
	"'importer', 'Imported');"
	"INSERT INTO users(id, login, employee_id, name, email, agency, role, active) VALUES "
	"(1, 'alice', 'E1', 'Alice Adams', 'alice@example.gov', 'Agency A', 'hr', 1),"
	"(2, 'bob', 'E2', 'Bob Brown', 'bob@example.gov', 'Agency A', 'hr', 1);";

static void db_setup(void)
{
	char path[512];

	snprintf(dir, sizeof dir, "%s/hrportal-publishing-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : P_tmpdir);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	ck_assert_ptr_eq(db_open(path, DB_CREATE_MIGRATE, &db), STATUS_OK);
	ck_assert_ptr_eq(db_exec(db, fixture_sql), STATUS_OK);
}

static void db_teardown(void)
{
	char cmd[512];

	db_close(&db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static int64_t count(const char *sql)
{
	sqlite3_stmt *st;
	int64_t n;

	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Rows a list gave, as "a|b|c;" per row. */
static char seen[1024];

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
	va_list ap;
	size_t len = strlen(seen);

	va_start(ap, fmt);
	vsnprintf(seen + len, sizeof seen - len, fmt, ap);
	va_end(ap);
}

static NEOERR *note_version(void *ctx, const struct store_publishing_version_row *r)
{
	(void)ctx;
	note("%s/%s %d %s %s;", r->doc_slug, r->slug, r->version, r->title, r->effective_date);
	return STATUS_OK;
}

static NEOERR *note_cite(void *ctx, const struct store_citation *c)
{
	(void)ctx;
	note("%s;", c->cite);
	return STATUS_OK;
}

static NEOERR *note_draft(void *ctx, const struct store_publishing_draft_row *r)
{
	(void)ctx;
	note("%s %s/%s %s %s %d;", r->kind == STORE_ITEM_SECTION ? "section" : "term", r->doc_slug, r->slug, r->title,
	     r->login, r->base_version);
	return STATUS_OK;
}

static NEOERR *note_my_draft(void *ctx, const struct store_publishing_draft *d)
{
	(void)ctx;
	note("%d %s %s %s %s %s %d %" PRId64 " %s;", d->base_version, d->title, d->body_md, d->citations, d->summary,
	     d->effective_date, d->material, (int64_t)d->seq, d->updated_at);
	return STATUS_OK;
}

static NEOERR *note_section(void *ctx, const struct store_publishing_section_row *r)
{
	(void)ctx;
	note("%" PRId64 "<%" PRId64 " %s %s %d %d %d;", (int64_t)r->id, (int64_t)r->parent, r->slug, r->title, r->sort,
	     r->retired, r->latest);
	return STATUS_OK;
}

static NEOERR *note_term(void *ctx, const struct store_publishing_term_row *r)
{
	(void)ctx;
	note("%s %s %d %d;", r->slug, r->term, r->retired, r->latest);
	return STATUS_OK;
}

static NEOERR *note_request(void *ctx, const struct store_publishing_request_row *r)
{
	(void)ctx;
	note("%" PRId64 " %s %s;", (int64_t)r->id, r->status, r->owner);
	return STATUS_OK;
}

static NEOERR *note_link(void *ctx, const struct store_publishing_link_row *r)
{
	(void)ctx;
	note("%s/%s %s;", r->doc_slug, r->slug, r->title);
	return STATUS_OK;
}

static NEOERR *note_campaign(void *ctx, const struct store_publishing_campaign_row *r)
{
	(void)ctx;
	note("%" PRId64 " %s %s;", (int64_t)r->id, r->title, r->due_on);
	return STATUS_OK;
}

START_TEST(test_store_items_and_versions)
{
	struct store_publishing_item it;
	struct store_publishing_text t;
	struct store_citation cites[] = {
		{ "KRS 18A.095", "KRS", "", "18A", ".095", "", "KRS 18A.095" },
		{ "101 KAR 2:102", "KAR", "101", "2", ":102", "", "101 KAR 2:102" },
	};
	struct store_publishing_new_version v = {
		3,       "Sick Leave", "Newer.", "<p>Newer.</p>", "Newer.", "2027-04-01", "2027-01-02T10:00:00Z",
		"alice", "Clarified"
	};
	int64_t id = 0, doc = 0;
	int found = 0, latest = 0;
	char date[11];

	ck_assert_ptr_eq(store_publishing_section_find(db, "handbook", "sick-leave", &it, &found), STATUS_OK);
	ck_assert(found);
	ck_assert_int_eq(it.id, 2);
	ck_assert_int_eq(it.document_id, 1);
	ck_assert_str_eq(it.section_kind, "section");
	ck_assert_str_eq(it.title, "Sick Leave and Wellness");
	ck_assert_int_eq(it.latest, 2);
	ck_assert_str_eq(it.latest_date, "2027-03-01");
	ck_assert_ptr_eq(store_publishing_section_find(db, "handbook", "nothing", &it, &found), STATUS_OK);
	ck_assert(!found);
	ck_assert_ptr_eq(store_publishing_document_id(db, "handbook", &doc, &found), STATUS_OK);
	ck_assert(found && doc == 1);
	ck_assert_ptr_eq(store_publishing_document_id(db, "manual", &doc, &found), STATUS_OK);
	ck_assert(!found && doc == 0);

	/* A new version with its citations, then a copy of it. */
	ck_assert_ptr_eq(store_publishing_version_add(db, STORE_ITEM_SECTION, 2, &v, &id), STATUS_OK);
	ck_assert_ptr_eq(store_publishing_citations_add(db, id, cites, 2), STATUS_OK);
	ck_assert_ptr_eq(store_publishing_latest(db, STORE_ITEM_SECTION, 2, &latest, date), STATUS_OK);
	ck_assert_int_eq(latest, 3);
	ck_assert_str_eq(date, "2027-04-01");
	ck_assert_ptr_eq(store_publishing_version_copy(db, STORE_ITEM_SECTION, 2, 3, 4, "2027-05-01",
						       "2027-01-03T10:00:00Z", "bob", "Back to 3"),
			 STATUS_OK);
	ck_assert_ptr_eq(store_publishing_version_get(db, STORE_ITEM_SECTION, 2, 4, &t, &found), STATUS_OK);
	ck_assert(found);
	ck_assert_str_eq(t.title, "Sick Leave");
	ck_assert_str_eq(t.body, "Newer.");
	ck_assert_str_eq(t.who, "bob");
	ck_assert_str_eq(t.when, "2027-01-03T10:00:00Z");
	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_citations(db, t.id, note_cite, NULL), STATUS_OK);
	ck_assert_str_eq(seen, "KRS 18A.095;101 KAR 2:102;");
	store_publishing_text_free(&t);
	ck_assert_ptr_eq(store_publishing_version_get(db, STORE_ITEM_SECTION, 2, 9, &t, &found), STATUS_OK);
	ck_assert(!found && t.title == NULL);

	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_versions(db, STORE_ITEM_SECTION, 2, note_version, NULL), STATUS_OK);
	ck_assert_str_eq(seen, "/ 4 Sick Leave 2027-05-01;/ 3 Sick Leave 2027-04-01;"
			       "/ 2 Sick Leave and Wellness 2027-03-01;/ 1 Sick Leave 2026-01-01;");
	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_upcoming(db, "2027-03-01", note_version, NULL), STATUS_OK);
	ck_assert_str_eq(seen,
			 "handbook/sick-leave 3 Sick Leave 2027-04-01;handbook/sick-leave 4 Sick Leave 2027-05-01;");

	/* A new term is hidden and sorts last; it appears once published. */
	ck_assert_ptr_eq(store_publishing_term_exists(db, "grievance", &found), STATUS_OK);
	ck_assert(!found);
	ck_assert_ptr_eq(store_publishing_term_add(db, "grievance", &id), STATUS_OK);
	ck_assert_ptr_eq(store_publishing_term_add(db, "appeal", &id), STATUS_OK);
	ck_assert_int_eq(count("SELECT sort FROM glossary_terms WHERE slug = 'appeal'"), 20);
	ck_assert_ptr_eq(store_publishing_term_exists(db, "grievance", &found), STATUS_OK);
	ck_assert(found);
	ck_assert_ptr_eq(store_publishing_term_find(db, "appeal", &it, &found), STATUS_OK);
	ck_assert(found && it.id == id && it.retired && it.latest == 0 && it.title[0] == '\0');
	ck_assert_ptr_eq(store_publishing_unhide(db, STORE_ITEM_TERM, id, NULL), STATUS_OK);
	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_terms(db, note_term, NULL), STATUS_OK);
	ck_assert_str_eq(seen, "appeal appeal 0 0;grievance grievance 1 0;");
}
END_TEST

START_TEST(test_store_drafts)
{
	struct store_publishing_draft d = {
		2, "Sick Leave", "Draft text.", "KRS 18A.095", "Why", "2027-04-01", 1, 0, "2027-01-02T10:00:00Z"
	};
	struct store_publishing_text t;
	int64_t seq = -1;
	int found = 0;

	ck_assert_ptr_eq(store_publishing_draft_seq(db, &seq), STATUS_OK);
	ck_assert_int_eq(seq, 0);
	ck_assert_ptr_eq(store_publishing_draft_seq_next(db, &seq), STATUS_OK);
	ck_assert_int_eq(seq, 1);
	d.seq = seq;
	ck_assert_ptr_eq(store_publishing_draft_put(db, STORE_ITEM_SECTION, 2, 1, &d), STATUS_OK);
	/* Saving again replaces the draft. */
	d.title = "Sick Leave (draft)";
	ck_assert_ptr_eq(store_publishing_draft_seq_next(db, &seq), STATUS_OK);
	d.seq = seq;
	ck_assert_ptr_eq(store_publishing_draft_put(db, STORE_ITEM_SECTION, 2, 1, &d), STATUS_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM drafts"), 1);
	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_draft_get(db, STORE_ITEM_SECTION, 2, 1, note_my_draft, NULL), STATUS_OK);
	ck_assert_str_eq(seen, "2 Sick Leave (draft) Draft text. KRS 18A.095 Why 2027-04-01 1 2 2027-01-02T10:00:00Z;");
	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_draft_get(db, STORE_ITEM_SECTION, 2, 2, note_my_draft, NULL), STATUS_OK);
	ck_assert_str_eq(seen, "");

	/* Bob has seen save 1, not Alice's save 2. */
	ck_assert_ptr_eq(store_publishing_draft_newer(db, STORE_ITEM_SECTION, 2, 2, 1, &t, &found), STATUS_OK);
	ck_assert(found);
	ck_assert_str_eq(t.title, "Sick Leave (draft)");
	ck_assert_str_eq(t.who, "Alice Adams");
	store_publishing_text_free(&t);
	ck_assert_ptr_eq(store_publishing_draft_newer(db, STORE_ITEM_SECTION, 2, 2, 2, &t, &found), STATUS_OK);
	ck_assert(!found);
	ck_assert_ptr_eq(store_publishing_draft_newer(db, STORE_ITEM_SECTION, 2, 1, 0, &t, &found), STATUS_OK);
	ck_assert(!found);

	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_drafts_of_others(db, STORE_ITEM_SECTION, 2, 2, note_draft, NULL), STATUS_OK);
	ck_assert_str_eq(seen, "section / Sick Leave (draft) alice 2;");
	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_drafts_all(db, note_draft, NULL), STATUS_OK);
	ck_assert_str_eq(seen, "section handbook/sick-leave Sick Leave (draft) alice 2;");
	ck_assert_ptr_eq(store_publishing_draft_delete(db, STORE_ITEM_SECTION, 2, 1), STATUS_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM drafts"), 0);
}
END_TEST

START_TEST(test_store_structure)
{
	char kind[16];
	int64_t id = 0;
	int found = 0, n = -1;

	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_sections(db, 1, note_section, NULL), STATUS_OK);
	ck_assert_str_eq(seen, "1<0 leave Leave 1 0 1;2<1 sick-leave Sick Leave and Wellness 2 0 2;"
			       "3<1 vacation Vacation 3 0 1;4<0 holidays Holidays 4 0 1;");
	ck_assert_ptr_eq(store_publishing_section_kind(db, 1, 1, kind, &found), STATUS_OK);
	ck_assert(found);
	ck_assert_str_eq(kind, "part");
	ck_assert_ptr_eq(store_publishing_section_kind(db, 2, 1, kind, &found), STATUS_OK);
	ck_assert(!found);
	ck_assert_ptr_eq(store_publishing_section_exists(db, 1, "vacation", &found), STATUS_OK);
	ck_assert(found);

	/* A new section is hidden, sorted first until renumbered. */
	ck_assert_ptr_eq(store_publishing_section_add(db, 1, 1, "remote-work", "Remote Work", &id), STATUS_OK);
	ck_assert_int_eq(id, 5);
	ck_assert_int_eq(count("SELECT retired + sort FROM sections WHERE id = 5"), 1);
	/* Moved to the top level: its parent becomes NULL; a sort alone keeps it. */
	ck_assert_ptr_eq(store_publishing_section_sort(db, 5, 50, 1, 0), STATUS_OK);
	ck_assert_ptr_eq(store_publishing_section_sort(db, 3, 30, 0, 0), STATUS_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM sections WHERE id = 5 AND parent_id IS NULL AND sort = 50"), 1);
	ck_assert_int_eq(count("SELECT count(*) FROM sections WHERE id = 3 AND parent_id = 1 AND sort = 30"), 1);
	ck_assert_ptr_eq(store_publishing_document_hr_structure(db, 1), STATUS_OK);
	ck_assert_int_eq(count("SELECT hr_structure FROM documents WHERE id = 1"), 1);

	ck_assert_ptr_eq(store_publishing_visible_children(db, 1, &n), STATUS_OK);
	ck_assert_int_eq(n, 2);
	ck_assert_ptr_eq(store_publishing_set_retired(db, STORE_ITEM_SECTION, 3, 1), STATUS_OK);
	ck_assert_ptr_eq(store_publishing_visible_children(db, 1, &n), STATUS_OK);
	ck_assert_int_eq(n, 1);
	ck_assert_ptr_eq(store_publishing_unhide(db, STORE_ITEM_SECTION, 5, "Working Remotely"), STATUS_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM sections WHERE id = 5 AND retired = 0 "
			       "AND toc_title = 'Working Remotely'"),
			 1);

	/* Campaigns re-open only when they asked for an older version. */
	ck_assert_ptr_eq(db_exec(db, "INSERT INTO ack_campaigns(id, section_id, version, title, due_on, all_agencies, "
				     "created_at, created_by) VALUES (1, 2, 2, 'Read it', '2027-02-01', 1, "
				     "'2027-01-01T00:00:00Z', 'alice'), (2, 4, 1, 'Holidays', '2027-03-01', 1, "
				     "'2027-01-01T00:00:00Z', 'alice')"),
			 STATUS_OK);
	ck_assert_ptr_eq(store_publishing_campaigns_reopen(db, 2, 3, "2027-01-05T00:00:00Z"), STATUS_OK);
	ck_assert_ptr_eq(store_publishing_campaigns_reopen(db, 2, 2, "2027-01-06T00:00:00Z"), STATUS_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM ack_campaigns WHERE id = 1 AND version = 3 "
			       "AND reopened_at = '2027-01-05T00:00:00Z'"),
			 1);
	ck_assert_int_eq(
		count("SELECT count(*) FROM ack_campaigns WHERE id = 2 AND version = 1 AND reopened_at IS NULL"), 1);
	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_campaigns_on(db, 2, note_campaign, NULL), STATUS_OK);
	ck_assert_str_eq(seen, "1 Read it 2027-02-01;");
}
END_TEST

START_TEST(test_store_impact_reads)
{
	int total = -1;

	ck_assert_ptr_eq(db_exec(db, "INSERT INTO requests(id, type, owner_id, idem_key, status, agency, created_at, "
				     "updated_at) VALUES "
				     "(1, 'leave', 1, 'aaaaaaaaaaaaaaa1', 'pending', 'A', 'x', 'x'),"
				     "(2, 'leave', 2, 'aaaaaaaaaaaaaaa2', 'approved', 'A', 'x', 'x'),"
				     "(3, 'leave', 2, 'aaaaaaaaaaaaaaa3', 'decided', 'A', 'x', 'x'),"
				     "(4, 'fmla', 1, 'aaaaaaaaaaaaaaa4', 'pending', 'A', 'x', 'x'),"
				     "(5, 'leave', 1, 'aaaaaaaaaaaaaaa5', 'pending', 'A', 'x', 'x')"),
			 STATUS_OK);
	/* At most limit listed, all of them counted. */
	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_open_requests(db, "leave", 2, &total, note_request, NULL), STATUS_OK);
	ck_assert_str_eq(seen, "1 pending Alice Adams;3 decided Bob Brown;");
	ck_assert_int_eq(total, 3);

	/* The version in effect decides: sick leave's link is gone from
	 * 2027-03-01 (and "vacation-days" is found here, for the caller to
	 * tell apart). */
	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_linking(db, "/handbook/vacation", "2027-01-05", 3, note_link, NULL),
			 STATUS_OK);
	ck_assert_str_eq(seen, "handbook/sick-leave Sick Leave;handbook/holidays Holidays;");
	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_linking(db, "/handbook/vacation", "2027-03-01", 3, note_link, NULL),
			 STATUS_OK);
	ck_assert_str_eq(seen, "handbook/sick-leave Sick Leave and Wellness;handbook/holidays Holidays;");
	ck_assert_ptr_eq(db_exec(db, "UPDATE sections SET retired = 1 WHERE id = 4"), STATUS_OK);
	seen[0] = '\0';
	ck_assert_ptr_eq(store_publishing_linking(db, "/handbook/vacation", "2026-06-01", 3, note_link, NULL),
			 STATUS_OK);
	ck_assert_str_eq(seen, "handbook/sick-leave Sick Leave;");
}
END_TEST

/* ---- publish actions: one transaction each ---- */

static int then_calls;

static NEOERR *then_fails(struct db *d, void *ctx)
{
	(void)d;
	(void)ctx;
	then_calls++;
	return nerr_raise(HR_ERR_CONFLICT, "refused by the caller");
}

static NEOERR *then_counts(struct db *d, void *ctx)
{
	ck_assert(db_in_transaction(d));
	(void)ctx;
	then_calls++;
	return STATUS_OK;
}

START_TEST(test_actions_own_their_transaction)
{
	struct publish_item it;
	struct publish_form f;
	struct publish_conflict c;
	int version = -1;
	int64_t seq = -1;
	int64_t id = 0;
	NEOERR *err;

	ck_assert_ptr_eq(publish_find_section(db, "handbook", "vacation", &it), STATUS_OK);
	memset(&f, 0, sizeof f);
	f.title = "Vacation";
	f.body = "Draft.";
	f.base = 1;

	/* The caller's error undoes the draft and the counter. */
	then_calls = 0;
	err = publish_save(db, &it, 1, "alice", &f, NULL, 1798794000, then_fails, NULL, &c, &version, &seq);
	ck_assert(nerr_match(err, HR_ERR_CONFLICT));
	nerr_ignore(&err);
	publish_conflict_free(&c);
	ck_assert_int_eq(then_calls, 1);
	ck_assert(!db_in_transaction(db));
	ck_assert_int_eq(count("SELECT count(*) FROM drafts"), 0);
	ck_assert_int_eq(count("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'publishing.draft_seq'"), 0);

	ck_assert_ptr_eq(publish_save(db, &it, 1, "alice", &f, NULL, 1798794000, then_counts, NULL, &c, &version, &seq),
			 STATUS_OK);
	ck_assert_int_eq(c.kind, CONFLICT_NONE);
	ck_assert_int_eq(seq, 1);
	ck_assert_int_eq(then_calls, 2);

	/* Bob has not seen Alice's draft: refused, nothing written, no callback. */
	f.seen = 0;
	f.title = "Bob's vacation";
	ck_assert_ptr_eq(publish_save(db, &it, 2, "bob", &f, NULL, 1798794000, then_counts, NULL, &c, &version, &seq),
			 STATUS_OK);
	ck_assert_int_eq(c.kind, CONFLICT_DRAFT);
	ck_assert_str_eq(c.who, "Alice Adams");
	ck_assert_str_eq(c.other_title, "Vacation");
	publish_conflict_free(&c);
	ck_assert_int_eq(then_calls, 2);
	ck_assert_int_eq(count("SELECT count(*) FROM drafts"), 1);

	/* A rollback from a stale page is a conflict. */
	err = publish_rollback(db, &it, 1, "alice", 1, 0, "Back", "2027-02-01", 1798794000, then_counts, NULL,
			       &version);
	ck_assert(nerr_match(err, HR_ERR_CONFLICT));
	nerr_ignore(&err);

	/* A new term comes with its first draft; the callback's error undoes both. */
	err = publish_create_term(db, "appeal", "Appeal", 1, 1798794000, then_fails, NULL, &id);
	ck_assert(nerr_match(err, HR_ERR_CONFLICT));
	nerr_ignore(&err);
	ck_assert_int_eq(count("SELECT count(*) FROM glossary_terms"), 0);
	ck_assert_ptr_eq(publish_create_term(db, "appeal", "Appeal", 1, 1798794000, NULL, NULL, &id), STATUS_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM drafts WHERE kind = 'term' AND title = 'Appeal' AND user_id = 1"),
			 1);
	err = publish_create_term(db, "appeal", "Appeal", 1, 1798794000, NULL, NULL, &id);
	ck_assert(nerr_match(err, HR_ERR_CONFLICT));
	nerr_ignore(&err);

	/* A move into a section is refused before anything is written. */
	ck_assert_ptr_eq(publish_find_section(db, "handbook", "holidays", &it), STATUS_OK);
	err = publish_move(db, &it, 2, 0, then_counts, NULL);
	ck_assert(nerr_match(err, HR_ERR_BAD_REQUEST));
	nerr_ignore(&err);
	ck_assert_ptr_eq(publish_move(db, &it, 1, 2, then_counts, NULL), STATUS_OK);
	ck_assert_int_eq(count("SELECT count(*) FROM sections WHERE id = 4 AND parent_id = 1 AND sort = 30"), 1);
	ck_assert_int_eq(count("SELECT sort FROM sections WHERE id = 3"), 40);
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
	tc = tcase_create("store");
	tcase_add_checked_fixture(tc, db_setup, db_teardown);
	tcase_add_test(tc, test_store_items_and_versions);
	tcase_add_test(tc, test_store_drafts);
	tcase_add_test(tc, test_store_structure);
	tcase_add_test(tc, test_store_impact_reads);
	tcase_add_test(tc, test_actions_own_their_transaction);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
