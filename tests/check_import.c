/* Unit tests of the content import: text cleaning, Markdown, citations, the
 * handbook parser against the real corpus, and the importer's database
 * writes (idempotence). */
#include <inttypes.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content/citation.h"
#include "corpus/corpus.h"
#include "store/db.h"
#include "core/errors.h"
#include "corpus/import.h"
#include "content/markdown.h"
#include "core/textclean.h"
#include "store/content.h"
#include "store/db_sqlite.h"

static char *corpus_path(const char *file)
{
	static char path[4096];
	const char *src = getenv("HR_SRCDIR");

	snprintf(path, sizeof path, "%s/db/corpus/%s", src ? src : ".", file);
	return path;
}

static struct corpus_document handbook;
static char *handbook_text;
static size_t handbook_len;

static void load_handbook(void)
{
	NEOERR *err = errors_init();

	if (err == STATUS_OK)
		err = import_read_file(corpus_path("employee-handbook.txt"), &handbook_text, &handbook_len);
	memset(&handbook, 0, sizeof handbook);
	if (err == STATUS_OK)
		err = corpus_parse_handbook(handbook_text, handbook_len, &handbook);
	if (err != STATUS_OK) {
		nerr_log_error(err);
		abort();
	}
}

static void free_handbook(void)
{
	corpus_document_free(&handbook);
	free(handbook_text);
}

static const struct corpus_section *find_section(const char *slug)
{
	for (size_t i = 0; i < handbook.n_sections; i++)
		if (strcmp(handbook.sections[i].slug, slug) == 0)
			return &handbook.sections[i];
	return NULL;
}

static char *render(const char *md)
{
	char *html = NULL, *text = NULL;
	NEOERR *err = markdown_render(md, strlen(md), &html, &text);

	ck_assert_ptr_eq(err, STATUS_OK);
	free(text);
	return html;
}

/* --- textclean ----------------------------------------------------------- */

static const struct {
	const char *in, *out;
} clean_cases[] = {
	{ "pay received on the 15^{th} is", "pay received on the 15th is" },
	{ "from the 16^{th} through the $30^{th}/31^{st}$ of", "from the 16th through the 30th/31st of" },
	{ "up to \\$5,000.00 per family", "up to $5,000.00 per family" },
	{ "utilize <u>direct deposit</u> for", "utilize direct deposit for" },
	{ "- **b.** Leave shall **forty (40)** hours", "- b. Leave shall forty (40) hours" },
	{ "PVA**\tExecutive Branch", "PVA**\tExecutive Branch" },
	{ "KCTCS ****\tExecutive", "KCTCS ****\tExecutive" },
	{ "Health Insurance\t\xd1\x85\t*", "Health Insurance\tx\t*" },
	{ "Retirement (KERS)\t\xd0\xa5\t-", "Retirement (KERS)\tX\t-" },
	{ "Teachers' Retirement\t\xce\xa5\t\xce\x9d", "Teachers' Retirement\tY\tN" },
	{ "^{*}An extra day", "*An extra day" },
	{ "trailing spaces   ", "trailing spaces" },
	{ "", "" },
};

START_TEST(test_textclean_line)
{
	for (size_t i = 0; i < sizeof clean_cases / sizeof clean_cases[0]; i++) {
		char *out = textclean_line(clean_cases[i].in, strlen(clean_cases[i].in));

		ck_assert_str_eq(out, clean_cases[i].out);
		free(out);
	}
}
END_TEST

START_TEST(test_textclean_split_words_and_slugs)
{
	char *s = textclean_join_split_words("Gener\tal Information\t");
	ck_assert_str_eq(s, "General Information\t");
	free(s);
	s = textclean_join_split_words("Benefi\tits of Employment");
	ck_assert_str_eq(s, "Benefits of Employment");
	free(s);
	s = textclean_join_split_words("Emplo\toyment/Position Information");
	ck_assert_str_eq(s, "Employment/Position Information");
	free(s);
	s = text_slugify("Family and Medical Leave Act (FMLA)");
	ck_assert_str_eq(s, "family-and-medical-leave-act-fmla");
	free(s);
	s = text_slugify("Workers' Compensation");
	ck_assert_str_eq(s, "workers-compensation");
	free(s);
	s = text_slugify("<script>");
	ck_assert_str_eq(s, "script");
	free(s);
}
END_TEST

/* --- Markdown ------------------------------------------------------------ */

START_TEST(test_markdown_escapes_source_text)
{
	STRING md;
	char *html;

	string_init(&md);
	ck_assert_ptr_eq(md_paragraph(&md, "<script>alert(1)</script> & *stars* [x](javascript:y) | 1. no list"),
			 STATUS_OK);
	ck_assert_ptr_eq(md_paragraph(&md, "1. Not a list item; # not a heading"), STATUS_OK);
	ck_assert_ptr_eq(md_paragraph(&md, "- not a bullet"), STATUS_OK);
	html = render(md.buf);
	ck_assert_ptr_nonnull(
		strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *stars* [x](javascript:y) | 1. no list"));
	ck_assert_ptr_nonnull(strstr(html, "<p>1. Not a list item; # not a heading</p>"));
	ck_assert_ptr_nonnull(strstr(html, "<p>- not a bullet</p>"));
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "<ol"));
	free(html);
	string_clear(&md);
}
END_TEST

START_TEST(test_markdown_is_safe)
{
	const char *hostile = "<script>alert(1)</script>\n\n[click](javascript:alert(1)) "
			      "[ok](https://personnel.ky.gov/) <img src=x onerror=alert(1)>\n";
	char *html = render(hostile);

	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "javascript:"));
	ck_assert_ptr_null(strstr(html, "onerror"));
	ck_assert_ptr_nonnull(strstr(html, "<a href=\"https://personnel.ky.gov/\">ok</a>"));
	free(html);
}
END_TEST

START_TEST(test_markdown_limits)
{
	STRING deep;
	char *html = NULL, *text = NULL;
	NEOERR *err;
	char *big = malloc(MARKDOWN_MAX_SOURCE + 2);

	string_init(&deep);
	for (int i = 0; i < 40; i++) {
		for (int k = 0; k < i; k++)
			string_append(&deep, "  ");
		string_append(&deep, "- x\n");
	}
	err = markdown_render(deep.buf, (size_t)deep.len, &html, &text);
	ck_assert_int_eq(errors_http_status(err), 400);
	nerr_ignore(&err);
	string_clear(&deep);

	memset(big, 'a', MARKDOWN_MAX_SOURCE + 1);
	big[MARKDOWN_MAX_SOURCE + 1] = '\0';
	err = markdown_render(big, MARKDOWN_MAX_SOURCE + 1, &html, &text);
	ck_assert_int_eq(errors_http_status(err), 400);
	nerr_ignore(&err);
	free(big);
}
END_TEST

START_TEST(test_markdown_table)
{
	STRING md;
	const char *cells[] = { "Months", "Days", "0-59 | months", "12" };
	char *html;

	string_init(&md);
	ck_assert_ptr_eq(md_table(&md, cells, 2, 2), STATUS_OK);
	html = render(md.buf);
	ck_assert_ptr_nonnull(strstr(html, "<th>Months</th>"));
	ck_assert_ptr_nonnull(strstr(html, "<td>0-59 | months</td>"));
	free(html);
	string_clear(&md);
}
END_TEST

/* A '|' inside a web address must not split the cell (found by fuzz_markdown). */
START_TEST(test_markdown_table_web_address_with_pipe)
{
	STRING md;
	const char *cells[] = { "see http://example.org/a|b", "x" };
	char *html;

	string_init(&md);
	ck_assert_ptr_eq(md_table(&md, cells, 2, 1), STATUS_OK);
	html = render(md.buf);
	ck_assert_ptr_nonnull(strstr(html, "<table>"));
	ck_assert_ptr_nonnull(strstr(html, "|b</th>"));
	ck_assert_ptr_nonnull(strstr(html, "<td>x</td>"));
	free(html);
	string_clear(&md);
}
END_TEST

/* --- citations ----------------------------------------------------------- */

static const struct {
	const char *text;
	const char *cites[6];
	int complete;
} cite_cases[] = {
	{ "KRS 18A.115 KRS 18A.155 KRS Chapter 156 KRS Chapter 16 780 KAR 3 502 KAR",
	  { "KRS 18A.115", "KRS 18A.155", "KRS Chapter 156", "KRS Chapter 16", "780 KAR 3", "502 KAR" },
	  1 },
	{ "101 KAR 2:102, Section 3 101 KAR 3:015, Section 3",
	  { "101 KAR 2:102, Section 3", "101 KAR 3:015, Section 3" },
	  1 },
	{ "KRS 18A.020 KRS Chapter 61.870 KRS Chapter 61.874, Section 3",
	  { "KRS 18A.020", "KRS 61.870", "KRS 61.874, Section 3" },
	  1 },
	{ "KRS 18A.230-275", { "KRS 18A.230-275" }, 1 },
	{ "KRS 18A.030 (5)", { "KRS 18A.030(5)" }, 1 },
	{ "KRS 18A.043 41 U.S.C. \xc2\xa7 8103", { "KRS 18A.043", "41 U.S.C. \xc2\xa7 8103" }, 1 },
	{ "EO 2014-747", { "EO 2014-747" }, 1 },
	{ "KRS 18A", { "KRS Chapter 18A" }, 1 },
	{ "Tobacco-Free Website", { NULL }, 0 },
	{ "see KRS 18A.095 for appeals", { "KRS 18A.095" }, 0 },
};

START_TEST(test_citation_parse)
{
	for (size_t i = 0; i < sizeof cite_cases / sizeof cite_cases[0]; i++) {
		struct citation out[8];
		int complete;
		size_t want = 0, n = citation_parse(cite_cases[i].text, out, 8, &complete);

		while (want < 6 && cite_cases[i].cites[want])
			want++;
		ck_assert_msg(n == want, "%s: %zu citations, want %zu", cite_cases[i].text, n, want);
		for (size_t k = 0; k < n; k++)
			ck_assert_str_eq(out[k].cite, cite_cases[i].cites[k]);
		ck_assert_int_eq(complete, cite_cases[i].complete);
	}
}
END_TEST

START_TEST(test_citation_fields_and_anchor)
{
	struct citation c;
	int complete;
	char anchor[64];

	ck_assert_uint_eq(citation_parse("101 KAR 2:102, Section 3", &c, 1, &complete), 1);
	ck_assert_str_eq(c.code, "KAR");
	ck_assert_str_eq(c.title, "101");
	ck_assert_str_eq(c.chapter, "2");
	ck_assert_str_eq(c.number, "102");
	ck_assert_str_eq(c.subsection, "Section 3");
	citation_anchor(c.cite, anchor, sizeof anchor);
	ck_assert_str_eq(anchor, "101-kar-2-102-section-3");
	ck_assert_uint_eq(citation_parse("KRS 18A.095", &c, 1, &complete), 1);
	ck_assert_str_eq(c.code, "KRS");
	ck_assert_str_eq(c.chapter, "18A");
	ck_assert_str_eq(c.number, "095");
}
END_TEST

/* --- the handbook -------------------------------------------------------- */

/* Count the table of contents independently of the parser: entries are
 * lines with a trailing page number (the one entry printed over two lines,
 * "(KHRIS)-" / "Employee Self-Service ... 84", has its number once). */
static size_t toc_entries_in_source(void)
{
	const char *start = strstr(handbook_text, "TABLE OF CONTENTS");
	const char *end = strstr(handbook_text, "This handbook is not a contract");
	size_t n = 0;

	for (const char *p = start; p && p < end;) {
		const char *nl = strchr(p, '\n');
		const char *last = nl ? nl - 1 : p;

		while (last > p && (*last == ' ' || *last == '\t' || *last == '\r'))
			last--;
		if (last > p && *last >= '0' && *last <= '9' && memchr(p, '\t', (size_t)(last - p)))
			n++;
		p = nl ? nl + 1 : NULL;
	}
	return n;
}

START_TEST(test_handbook_sections_match_table_of_contents)
{
	size_t sections = 0, parts = 0, groups = 0;

	for (size_t i = 0; i < handbook.n_sections; i++) {
		const struct corpus_section *s = &handbook.sections[i];

		sections += s->kind == CORPUS_SECTION;
		parts += s->kind == CORPUS_PART;
		groups += s->kind == CORPUS_GROUP;
		for (size_t k = i + 1; k < handbook.n_sections; k++) {
			ck_assert_str_ne(s->slug, handbook.sections[k].slug);
			ck_assert_str_ne(s->toc_title, handbook.sections[k].toc_title);
		}
		if (s->kind == CORPUS_SECTION)
			ck_assert_msg(strlen(s->body_md) > 20 || strcmp(s->slug, "optional") == 0, "%s has no text",
				      s->slug);
	}
	ck_assert_uint_eq(sections, toc_entries_in_source());
	ck_assert_uint_eq(sections, 68);
	ck_assert_uint_eq(parts, 7);
	ck_assert_uint_eq(groups, 2);
	ck_assert_str_eq(handbook.sections[0].toc_title, "General Information");
	ck_assert_str_eq(handbook.sections[1].slug, "about-state-government");
	ck_assert_str_eq(handbook.sections[handbook.n_sections - 1].slug, "violence-in-the-workplace");
	ck_assert_ptr_nonnull(find_section(
		"kentucky-human-resource-information-system-khris-employee-self-service-ess-and-manager-self-service-mss"));
	ck_assert_str_eq(handbook.revised, "September 30, 2016");
	ck_assert_str_eq(handbook.effective_date, "2016-09-30");
}
END_TEST

START_TEST(test_handbook_hierarchy)
{
	const struct corpus_section *sick = find_section("sick-leave");
	const struct corpus_section *cobra = find_section(
		"consolidated-omnibus-budget-reconciliation-act-of-1985-cobra");
	const struct corpus_section *retirement = find_section("retirement");

	ck_assert_ptr_nonnull(sick);
	ck_assert_str_eq(handbook.sections[sick->parent].slug, "leave");
	ck_assert_str_eq(handbook.sections[handbook.sections[sick->parent].parent].slug, "benefits-of-employment");
	ck_assert_str_eq(handbook.sections[cobra->parent].slug, "insurance");
	ck_assert_str_eq(handbook.sections[retirement->parent].slug, "benefits-of-employment");
}
END_TEST

static int count_glossary_lines(void)
{
	const char *start = strstr(handbook_text, "Glossary of Terms Relating to Employment");
	const char *end = strstr(start, "LEGAL REFERENCES:");
	int n = 0;

	for (const char *p = strchr(start, '\n'); p && p < end; p = strchr(p + 1, '\n')) {
		const char *line = p + 1, *colon = strstr(line, ": ");
		const char *nl = strchr(line, '\n');

		if (colon && (!nl || colon < nl) && line[0] >= 'A' && line[0] <= 'Z' && line[1] >= 'A' &&
		    line[1] <= 'Z')
			n++;
	}
	return n;
}

START_TEST(test_glossary_terms)
{
	const struct corpus_section *glossary = find_section("glossary");

	ck_assert_int_eq((int)handbook.n_terms, count_glossary_lines());
	ck_assert_uint_eq(handbook.n_terms, 62);
	ck_assert_str_eq(handbook.terms[0].term, "AGENCY");
	ck_assert_str_eq(handbook.terms[1].term, "APPOINTING AUTHORITY");
	ck_assert_str_eq(handbook.terms[handbook.n_terms - 1].term, "UNCLASSIFIED POSITION");
	for (size_t i = 0; i < handbook.n_terms; i++) {
		if (strcmp(handbook.terms[i].term, "FULL-TIME POSITION") == 0) {
			char *html = render(handbook.terms[i].definition_md);

			ck_assert_ptr_nonnull(strstr(html, "<li>a) Position in the state parks"));
			free(html);
		}
		if (strcmp(handbook.terms[i].slug, "pan-personnel-action-notification") == 0)
			ck_assert_str_eq(handbook.terms[i].term, "PAN (Personnel Action Notification)");
	}
	ck_assert_uint_eq(glossary->n_citations, 17);
	ck_assert_str_eq(glossary->citations[14].cite, "KRS 48.130");
	ck_assert_str_eq(glossary->citations[15].cite, "KRS Chapter 16");
}
END_TEST

START_TEST(test_tables_are_tables)
{
	static const struct {
		const char *slug, *needle;
	} tables[] = {
		{ "benefits-schedule-overview", "<th>Part-Time (Less Than 100 Hours Per Mo)</th>" },
		{ "benefits-schedule-overview", "<td>Health Insurance</td>" },
		{ "annual-leave", "<td>60-119 months</td>\n<td>15 days per year; 1 1/4 days per month</td>" },
		{ "annual-leave",
		  "<td>240 months and over</td>\n<td>60 working days</td>\n<td>450 hrs.</td>\n<td>480 hrs.</td>" },
		{ "holidays", "<th>Holiday</th>\n<th>Date</th>" },
		{ "holidays", "<td>Good Friday</td>" },
		{ "transferring-months-of-service-leave-balances",
		  "<td>Legislative Research Commission***</td>\n<td>Executive Branch</td>\n<td>N</td>\n"
		  "<td>Y (will accept up to 200 hrs Comp time)</td>" },
		{ "transferring-months-of-service-leave-balances", "<th>Going From</th>" },
	};
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		const struct corpus_section *s = find_section(tables[i].slug);
		char *html = render(s->body_md);

		ck_assert_msg(strstr(html, "<table>") != NULL, "%s has no table", tables[i].slug);
		ck_assert_msg(strstr(html, tables[i].needle) != NULL, "%s lacks %s", tables[i].slug, tables[i].needle);
		free(html);
	}
}
END_TEST

START_TEST(test_lists_and_headings)
{
	char *html = render(find_section("family-and-medical-leave-act-fmla")->body_md);

	ck_assert_ptr_nonnull(
		strstr(html, "<ol>\n<li>Completed at least twelve (12) months of state service; and</li>"));
	ck_assert_ptr_nonnull(strstr(html, "<h2>SUMMARY OF LEAVE ENHANCEMENTS</h2>"));
	ck_assert_ptr_nonnull(
		strstr(html, "<li>For the birth of a son or daughter, and to care for the newborn child;</li>"));
	free(html);
	html = render(find_section("leave-sharing-programs")->body_md);
	/* A list item broken by a page ends up whole. */
	ck_assert_ptr_nonnull(strstr(html, "coerce any other employee for the purpose of interfering with"));
	ck_assert_ptr_nonnull(strstr(html, "donations. Intimidate, threaten, or coerce means"));
	free(html);
}
END_TEST

START_TEST(test_citations_of_sections)
{
	static const struct {
		const char *slug;
		const char *cite;
	} expect[] = {
		{ "family-and-medical-leave-act-fmla", "101 KAR 2:102, Section 3" },
		{ "family-and-medical-leave-act-fmla", "101 KAR 3:015, Section 3" },
		{ "appeals-to-the-personnel-board", "KRS 18A.095" },
		{ "appeals-to-the-personnel-board", "101 KAR 1:365" },
		{ "grievances", "101 KAR 1:375" },
		{ "records-and-files", "KRS 61.874, Section 3" },
		{ "drug-free-workplace", "41 U.S.C. \xc2\xa7 8103" },
		{ "tobacco-free-policy", "EO 2014-747" },
		{ "leave-sharing-programs", "KRS 18A.203" },
		{ "reversion-reemployment-and-reinstatement", "101 KAR 2:076, Section 2" },
		{ "hiv-and-aids-in-the-workplace", "KRS 18A.030(5)" },
		{ "employee-performance-evaluation-system", "101 KAR 2:180" },
	};
	for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
		const struct corpus_section *s = find_section(expect[i].slug);
		int found = 0;

		for (size_t k = 0; k < s->n_citations; k++)
			found |= strcmp(s->citations[k].cite, expect[i].cite) == 0;
		ck_assert_msg(found, "%s does not cite %s", expect[i].slug, expect[i].cite);
	}
}
END_TEST

static void assert_no_artifacts(const char *where, const char *text)
{
	static const char *artifacts[] = {
		"\\$",      "^{",       "<u>", "</u>",     "**b.",       "\xd0\xa5",         "\xd1\x85",
		"\xce\xa5", "\xce\x9d", "\t",  "Gener al", "Benefi its", "LEGAL REFERENCES",
	};
	for (size_t i = 0; i < sizeof artifacts / sizeof artifacts[0]; i++)
		ck_assert_msg(strstr(text, artifacts[i]) == NULL, "%s contains artifact \"%s\"", where, artifacts[i]);
}

START_TEST(test_no_artifact_survives)
{
	for (size_t i = 0; i < handbook.n_sections; i++) {
		const struct corpus_section *s = &handbook.sections[i];
		char *html = NULL, *text = NULL;

		ck_assert_ptr_eq(markdown_render(s->body_md, strlen(s->body_md), &html, &text), STATUS_OK);
		assert_no_artifacts(s->slug, html);
		assert_no_artifacts(s->slug, s->title);
		free(html);
		free(text);
	}
	for (size_t i = 0; i < handbook.n_terms; i++) {
		char *html = render(handbook.terms[i].definition_md);

		assert_no_artifacts(handbook.terms[i].term, html);
		free(html);
	}
	{
		char *html = render(find_section("adoption-benefit-program")->body_md);

		ck_assert_ptr_nonnull(strstr(html, "up to $5,000.00 per family"));
		free(html);
		html = render(find_section("pay-understanding-state-payroll-and-your-pay")->body_md);
		ck_assert_ptr_nonnull(strstr(html, "16th through the 30th/31st"));
		free(html);
	}
}
END_TEST

START_TEST(test_parser_survives_junk)
{
	static const char *inputs[] = {
		"",
		"TABLE OF CONTENTS",
		"TABLE OF CONTENTS\n\tA\t1\nThis handbook is not a contract\n",
		"\xff\xfe\x00garbage",
		"TABLE OF CONTENTS\nGener\tal\t\n",
	};
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		struct corpus_document doc;
		NEOERR *err;

		memset(&doc, 0, sizeof doc);
		err = corpus_parse_handbook(inputs[i], strlen(inputs[i]), &doc);
		nerr_ignore(&err);
		corpus_document_free(&doc);
	}
}
END_TEST

/* A hostile title survives parsing as text; templates escape it. */
START_TEST(test_hostile_heading_is_text)
{
	const char *text = "*Revised: January 1, 2020\n\nTABLE OF CONTENTS\n\nGeneral Information\t\n"
			   "\tDress <script>alert(1)</script> Code\t5\n\nThis handbook is not a contract.\n\n"
			   "GENERAL INFORMATION\n\nDress <script>alert(1)</script> Code\t5\n\n"
			   "Dress <script>alert(1)</script> Code\n\nNo <b>flip-flops</b>.\n";
	struct corpus_document doc;
	NEOERR *err;
	char *html;

	memset(&doc, 0, sizeof doc);
	err = corpus_parse_handbook(text, strlen(text), &doc);
	ck_assert_ptr_eq(err, STATUS_OK);
	ck_assert_uint_eq(doc.n_sections, 2);
	ck_assert_str_eq(doc.sections[1].title, "Dress <script>alert(1)</script> Code");
	html = render(doc.sections[1].body_md);
	ck_assert_str_eq(html, "<p>No &lt;b&gt;flip-flops&lt;/b&gt;.</p>\n");
	free(html);
	corpus_document_free(&doc);
}
END_TEST

/* --- the importer -------------------------------------------------------- */

static char *table_digest(struct db *db)
{
	static const char *tables[] = { "documents",      "sections",          "section_versions", "citations",
					"glossary_terms", "glossary_versions", "search_thesaurus", "meta" };
	STRING out;

	string_init(&out);
	for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
		char sql[128];
		sqlite3_stmt *st;

		snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1", tables[t]);
		ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite_handle(db), sql, -1, &st, NULL), SQLITE_OK);
		while (sqlite3_step(st) == SQLITE_ROW)
			for (int c = 0; c < sqlite3_column_count(st); c++)
				string_appendf(&out, "%s|",
					       sqlite3_column_text(st, c) ? (const char *)sqlite3_column_text(st, c)
									  : "NULL");
		sqlite3_finalize(st);
	}
	return out.buf;
}

/* Group commit (store/db.c): each commit, in a transaction or a single
 * statement, syncs the WAL before it returns, and does so after it let go
 * of the write lock (another connection can begin writing during the sync).
 * The WAL file's methods are swapped for a copy whose xSync counts and
 * tries the lock. */
static const sqlite3_io_methods *real_wal_methods;
static sqlite3_io_methods counting_wal_methods;
static int wal_syncs, lock_free_at_sync;
static char second_path[256];

static int counting_wal_sync(sqlite3_file *file, int flags)
{
	sqlite3 *other = NULL;

	if (sqlite3_open(second_path, &other) == SQLITE_OK &&
	    sqlite3_exec(other, "BEGIN IMMEDIATE; ROLLBACK", NULL, NULL, NULL) == SQLITE_OK)
		lock_free_at_sync++;
	sqlite3_close(other);
	wal_syncs++;
	return real_wal_methods->xSync(file, flags);
}

START_TEST(test_commit_syncs_wal_outside_lock)
{
	char dir[] = "/tmp/hrportal-sync-XXXXXX";
	struct db *db = NULL;
	sqlite3_file *wal = NULL;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(second_path, sizeof second_path, "%s/t.db", dir);
	ck_assert_ptr_eq(db_open(second_path, DB_CREATE_MIGRATE, &db), STATUS_OK);
	ck_assert_ptr_eq(db_exec(db, "CREATE TABLE t(x)"), STATUS_OK);
	ck_assert_int_eq(sqlite3_file_control(db_sqlite_handle(db), "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal),
			 SQLITE_OK);
	ck_assert_ptr_nonnull(wal);
	ck_assert_ptr_nonnull(wal->pMethods);
	real_wal_methods = wal->pMethods;
	counting_wal_methods = *real_wal_methods;
	counting_wal_methods.xSync = counting_wal_sync;
	wal->pMethods = &counting_wal_methods;
	wal_syncs = lock_free_at_sync = 0;

	ck_assert_ptr_eq(db_begin(db), STATUS_OK);
	ck_assert_ptr_eq(db_exec(db, "INSERT INTO t VALUES (1)"), STATUS_OK);
	ck_assert_int_eq(wal_syncs, 0); /* nothing synced before the commit */
	ck_assert_ptr_eq(db_commit(db), STATUS_OK);
	ck_assert_int_eq(wal_syncs, 1);
	ck_assert_ptr_eq(db_exec(db, "INSERT INTO t VALUES (2)"), STATUS_OK); /* a single statement */
	ck_assert_int_eq(wal_syncs, 2);
	ck_assert_int_eq(lock_free_at_sync, 2);

	wal->pMethods = real_wal_methods;
	db_close(&db);
	{
		char cmd[300];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		ck_assert_int_eq(system(cmd), 0);
	}
}
END_TEST

START_TEST(test_import_is_idempotent)
{
	char dir[] = "/tmp/hrportal-import-XXXXXX", path[256], corpus[4096];
	struct db *db = NULL;
	struct import_stats stats;
	char *first, *second;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	snprintf(corpus, sizeof corpus, "%s", corpus_path(""));
	ck_assert_ptr_eq(db_open(path, DB_CREATE_MIGRATE, &db), STATUS_OK);
	ck_assert_ptr_eq(import_corpus_dir(db, corpus, &stats), STATUS_OK);
	ck_assert_int_eq(stats.documents, 3);
	ck_assert_int_eq(stats.terms, 62);
	ck_assert_int_eq(stats.terms_written, 62);
	first = table_digest(db);
	ck_assert_ptr_eq(import_corpus_dir(db, corpus, &stats), STATUS_OK);
	ck_assert_int_eq(stats.sections_written, 0);
	ck_assert_int_eq(stats.terms_written, 0);
	second = table_digest(db);
	ck_assert_str_eq(first, second);
	{
		sqlite3_stmt *st;

		ck_assert_int_eq(
			sqlite3_prepare_v2(
				db_sqlite_handle(db),
				"SELECT count(*) FROM citations c JOIN section_versions v ON v.id = c.section_version_id "
				"JOIN sections s ON s.id = v.section_id JOIN documents d ON d.id = s.document_id "
				"WHERE d.slug = 'handbook' AND s.slug = 'family-and-medical-leave-act-fmla'",
				-1, &st, NULL),
			SQLITE_OK);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		ck_assert_int_eq(sqlite3_column_int(st, 0), 2);
		sqlite3_finalize(st);
	}
	free(first);
	free(second);
	db_close(&db);
	snprintf(corpus, sizeof corpus, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(corpus), 0);
}
END_TEST

/* What the store's content reads hand their callbacks, kept for the test. */
struct seen {
	int n, version, current, matches;
	int64_t id;
	char text[256];
};

static NEOERR *see_document(void *ctx, const struct store_document *d)
{
	struct seen *s = ctx;

	if (s->n++ == 0)
		snprintf(s->text, sizeof s->text, "%s", d->slug);
	return STATUS_OK;
}

static NEOERR *see_section(void *ctx, const struct store_section *row)
{
	struct seen *s = ctx;

	s->n++;
	s->version = row->version;
	s->id = row->version_id;
	snprintf(s->text, sizeof s->text, "%s", row->title);
	return STATUS_OK;
}

static NEOERR *see_version(void *ctx, const struct store_section_version *v)
{
	struct seen *s = ctx;

	if (s->n++ == 0) {
		s->version = v->version;
		s->current = v->current;
		snprintf(s->text, sizeof s->text, "%s", v->summary);
	}
	return STATUS_OK;
}

static NEOERR *see_citation(void *ctx, const struct store_citation *c)
{
	struct seen *s = ctx;

	s->n++;
	ck_assert_str_ne(c->raw, "");
	ck_assert_str_ne(c->cite, "");
	return STATUS_OK;
}

static NEOERR *see_cited(void *ctx, const struct store_cited *c)
{
	struct seen *s = ctx;

	s->n++;
	s->matches += strcmp(c->url, "/handbook/family-and-medical-leave-act-fmla") == 0;
	return STATUS_OK;
}

static NEOERR *see_term(void *ctx, const struct store_glossary_term *t)
{
	struct seen *s = ctx;

	s->n++;
	s->matches += t->matches;
	snprintf(s->text, sizeof s->text, "%s", t->slug);
	return STATUS_OK;
}

static NEOERR *see_link(void *ctx, const struct store_section_link *l)
{
	struct seen *s = ctx;

	s->n++;
	snprintf(s->text, sizeof s->text, "%s", l->slug);
	return STATUS_OK;
}

START_TEST(test_store_content_reads)
{
	char dir[] = "/tmp/hrportal-content-XXXXXX", path[256], corpus[4096], title[256];
	const char *fmla = "family-and-medical-leave-act-fmla", *later = "2100-01-01";
	struct db *db = NULL;
	struct import_stats stats;
	struct seen s;
	int found = -1;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	snprintf(corpus, sizeof corpus, "%s", corpus_path(""));
	ck_assert_ptr_eq(db_open(path, DB_CREATE_MIGRATE, &db), STATUS_OK);
	ck_assert_ptr_eq(import_corpus_dir(db, corpus, &stats), STATUS_OK);

	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_documents(db, see_document, &s), STATUS_OK);
	ck_assert_int_eq(s.n, 3);
	ck_assert_str_eq(s.text, "handbook");
	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_document(db, "no-such-document", see_document, &s, &found), STATUS_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_int_eq(s.n, 0);

	/* Version 1 is the import; a version 2 taking effect later is upcoming
	 * until its date, and can be asked for by number. */
	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_section(db, "handbook", fmla, later, 0, see_section, &s, &found), STATUS_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_int_eq(s.version, 1);
	{
		char sql[512];

		snprintf(
			sql, sizeof sql,
			"INSERT INTO section_versions(section_id, version, title, body_md, body_html, "
			"body_text, effective_date, published_at, published_by, summary) SELECT section_id, 2, 'Later', "
			"'', '', '', '2200-01-01', '2100-01-01T00:00:00Z', 'test', 'Changes later.' "
			"FROM section_versions WHERE id = %" PRId64,
			(int64_t)s.id);
		ck_assert_int_eq(sqlite3_exec(db_sqlite_handle(db), sql, NULL, NULL, NULL), SQLITE_OK);
	}
	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_section(db, "handbook", fmla, later, 0, see_section, &s, &found), STATUS_OK);
	ck_assert_int_eq(s.version, 1);
	{
		int64_t v1 = s.id;

		memset(&s, 0, sizeof s);
		ck_assert_ptr_eq(store_content_citations(db, v1, see_citation, &s), STATUS_OK);
		ck_assert_int_eq(s.n, 2);
	}
	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_section(db, "handbook", fmla, later, 2, see_section, &s, &found), STATUS_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_str_eq(s.text, "Later");
	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_section(db, "handbook", fmla, later, 3, see_section, &s, &found), STATUS_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_int_eq(s.n, 0);
	{
		int64_t section_id = 0;
		sqlite3_stmt *st;

		ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite_handle(db),
						    "SELECT s.id FROM sections s JOIN documents d "
						    "ON d.id = s.document_id WHERE d.slug = 'handbook' AND s.slug = ?1",
						    -1, &st, NULL),
				 SQLITE_OK);
		sqlite3_bind_text(st, 1, fmla, -1, SQLITE_STATIC);
		ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
		section_id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		memset(&s, 0, sizeof s);
		ck_assert_ptr_eq(store_content_section_upcoming(db, section_id, later, see_version, &s, &found),
				 STATUS_OK);
		ck_assert_int_eq(found, 1);
		ck_assert_int_eq(s.version, 2);
		ck_assert_str_eq(s.text, "Changes later.");
		memset(&s, 0, sizeof s);
		ck_assert_ptr_eq(store_content_section_upcoming(db, section_id, "2300-01-01", see_version, &s, &found),
				 STATUS_OK);
		ck_assert_int_eq(found, 0);
	}
	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_section_history(db, "handbook", fmla, later, see_version, &s), STATUS_OK);
	ck_assert_int_eq(s.n, 2);
	ck_assert_int_eq(s.version, 2); /* newest first */
	ck_assert_int_eq(s.current, 1);
	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_section_version(db, "handbook", fmla, 3, see_version, &s, &found), STATUS_OK);
	ck_assert_int_eq(found, 0);

	ck_assert_ptr_eq(store_content_section_title(db, "handbook", fmla, "2300-01-01", title, sizeof title, &found),
			 STATUS_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_str_eq(title, "Later");
	ck_assert_ptr_eq(
		store_content_section_title(db, "handbook", "no-such-section", later, title, sizeof title, &found),
		STATUS_OK);
	ck_assert_int_eq(found, 0);

	/* The first section has nothing before it, something after. */
	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_section_neighbour(db, 1, 0, -1, later, see_link, &s, &found), STATUS_OK);
	ck_assert_int_eq(found, 0);
	ck_assert_ptr_eq(store_content_section_neighbour(db, 1, 0, 1, later, see_link, &s, &found), STATUS_OK);
	ck_assert_int_eq(found, 1);
	ck_assert_str_ne(s.text, "");

	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_cited(db, later, see_cited, &s), STATUS_OK);
	ck_assert_int_gt(s.n, 10);
	ck_assert_int_eq(s.matches, 2);

	/* The glossary: all of it, one term, and a filter nothing contains. */
	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_glossary_terms(db, later, NULL, see_term, &s), STATUS_OK);
	ck_assert_int_eq(s.n, 62);
	{
		char slug[256];

		snprintf(slug, sizeof slug, "%s", s.text); /* the last term */
		memset(&s, 0, sizeof s);
		ck_assert_ptr_eq(store_content_glossary_terms(db, later, slug, see_term, &s), STATUS_OK);
		ck_assert_int_eq(s.n, 1);
		ck_assert_str_eq(s.text, slug);
	}
	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_glossary_az(db, later, "", see_term, &s), STATUS_OK);
	ck_assert_int_eq(s.matches, 62);
	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_glossary_az(db, later, "no term says this", see_term, &s), STATUS_OK);
	ck_assert_int_eq(s.n, 62);
	ck_assert_int_eq(s.matches, 0);
	memset(&s, 0, sizeof s);
	ck_assert_ptr_eq(store_content_glossary_az(db, "1900-01-01", "", see_term, &s), STATUS_OK);
	ck_assert_int_eq(s.n, 0);

	db_close(&db);
	snprintf(corpus, sizeof corpus, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(corpus), 0);
}
END_TEST

/* Writes text to dir/name; returns the path (static). */
static const char *write_file(const char *dir, const char *name, const char *text)
{
	static char path[320];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	fclose(f);
	return path;
}

static int thesaurus_rows(struct db *db, const char *words, char *searched, size_t size)
{
	sqlite3_stmt *st;
	int n = 0;

	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite_handle(db),
					    "SELECT searched FROM search_thesaurus WHERE words = ?1 "
					    "UNION ALL SELECT count(*) FROM search_thesaurus",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, words, -1, SQLITE_STATIC);
	searched[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_type(st, 0) == SQLITE_TEXT)
			snprintf(searched, size, "%s", (const char *)sqlite3_column_text(st, 0));
		else
			n = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	return n;
}

START_TEST(test_thesaurus_file)
{
	char dir[] = "/tmp/hrportal-thesaurus-XXXXXX", path[256], searched[256], cmd[300];
	struct db *db = NULL;
	int entries = -1;
	NEOERR *err;
	char *before;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/t.db", dir);
	ck_assert_ptr_eq(db_open(path, DB_CREATE_MIGRATE, &db), STATUS_OK);

	/* Comments and blank lines skipped; words normalised; phrases kept apart. */
	ck_assert_ptr_eq(
		import_thesaurus_file(db,
				      write_file(dir, "good.tsv",
						 "# everyday words, then the handbook's\n\n"
						 "Vacation\tannual leave\n"
						 "Doctor's Note\tmedical certification;  statement from a physician\n"),
				      &entries),
		STATUS_OK);
	ck_assert_int_eq(entries, 2);
	ck_assert_int_eq(thesaurus_rows(db, "vacation", searched, sizeof searched), 2);
	ck_assert_str_eq(searched, "annual leave");
	thesaurus_rows(db, "doctor s note", searched, sizeof searched);
	ck_assert_str_eq(searched, "medical certification; statement from a physician");

	/* A bad file names its line and changes nothing. */
	before = table_digest(db);
	err = import_thesaurus_file(db, write_file(dir, "tab.tsv", "vacation\tannual leave\nfired dismissal\n"),
				    &entries);
	ck_assert_ptr_ne(err, STATUS_OK);
	{
		STRING s;

		string_init(&s);
		nerr_error_string(err, &s);
		ck_assert_msg(s.buf && strstr(s.buf, "tab.tsv:2:"), "got %s", s.buf ? s.buf : "");
		string_clear(&s);
	}
	nerr_ignore(&err);
	err = import_thesaurus_file(db, write_file(dir, "dup.tsv", "vacation\tannual leave\nVACATION\tleave\n"),
				    &entries);
	ck_assert_ptr_ne(err, STATUS_OK);
	nerr_ignore(&err);
	err = import_thesaurus_file(db, write_file(dir, "empty.tsv", "vacation\t  \n"), &entries);
	ck_assert_ptr_ne(err, STATUS_OK);
	nerr_ignore(&err);
	{
		char *after = table_digest(db);

		ck_assert_str_eq(before, after);
		free(after);
	}
	free(before);

	/* The same file again writes nothing; a new one replaces the rows. */
	ck_assert_ptr_eq(
		import_thesaurus_file(db, write_file(dir, "good2.tsv", "fired\tdismissal; appeals\n"), &entries),
		STATUS_OK);
	ck_assert_int_eq(thesaurus_rows(db, "fired", searched, sizeof searched), 1);
	ck_assert_str_eq(searched, "dismissal; appeals");
	before = table_digest(db);
	ck_assert_ptr_eq(
		import_thesaurus_file(db, write_file(dir, "good2.tsv", "fired\tdismissal; appeals\n"), &entries),
		STATUS_OK);
	ck_assert_int_eq(entries, 1);
	{
		char *after = table_digest(db);

		ck_assert_str_eq(before, after); /* meta's search.version included */
		free(after);
	}
	free(before);
	db_close(&db);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static Suite *import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("clean");

	tcase_add_test(tc, test_textclean_line);
	tcase_add_test(tc, test_textclean_split_words_and_slugs);
	tcase_add_test(tc, test_markdown_escapes_source_text);
	tcase_add_test(tc, test_markdown_is_safe);
	tcase_add_test(tc, test_markdown_limits);
	tcase_add_test(tc, test_markdown_table);
	tcase_add_test(tc, test_markdown_table_web_address_with_pipe);
	tcase_add_test(tc, test_citation_parse);
	tcase_add_test(tc, test_citation_fields_and_anchor);
	suite_add_tcase(s, tc);

	tc = tcase_create("handbook");
	tcase_add_unchecked_fixture(tc, load_handbook, free_handbook);
	tcase_add_test(tc, test_handbook_sections_match_table_of_contents);
	tcase_add_test(tc, test_handbook_hierarchy);
	tcase_add_test(tc, test_glossary_terms);
	tcase_add_test(tc, test_tables_are_tables);
	tcase_add_test(tc, test_lists_and_headings);
	tcase_add_test(tc, test_citations_of_sections);
	tcase_add_test(tc, test_no_artifact_survives);
	tcase_add_test(tc, test_parser_survives_junk);
	tcase_add_test(tc, test_hostile_heading_is_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("importer");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_import_is_idempotent);
	tcase_add_test(tc, test_commit_syncs_wal_outside_lock);
	tcase_add_test(tc, test_thesaurus_file);
	tcase_add_test(tc, test_store_content_reads);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;
	NEOERR *err = errors_init();

	if (err != STATUS_OK) {
		nerr_log_error(err);
		return EXIT_FAILURE;
	}
	sr = srunner_create(import_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
