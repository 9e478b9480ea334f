/* Unit tests of search: the query builder (hostile text is only ever words),
 * edit distance and suggestions, escaped snippets, the glossary in running
 * HTML (links, headings, tables, word boundaries, first use only), and the
 * index against the real corpus: ranking of real questions, citations,
 * updates (new versions, future dates, retired sections), idempotence and
 * the migration building the same index as the code. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content/citeindex.h"
#include "store/db.h"
#include "core/errors.h"
#include "content/glossary_link.h"
#include "search/answerbox.h"
#include "corpus/import.h"
#include "store/migrations.h"
#include "search/search.h"
#include "store/db_sqlite.h"
#include "store/search_backend.h"

/* --- the query builder ---------------------------------------------------- */

static char *expression(const char *text, int any)
{
	static char buf[8192];
	struct search_query q;
	STRING s;

	search_parse(text, &q);
	string_init(&s);
	ck_assert_ptr_eq(search_expression(&q, any, &s), STATUS_OK);
	snprintf(buf, sizeof buf, "%s", s.buf ? s.buf : "");
	string_clear(&s);
	return buf;
}

START_TEST(test_parse_words_phrases_prefixes)
{
	struct search_query q;

	search_parse("  Sick   LEAVE ", &q);
	ck_assert_int_eq(q.n, 2);
	ck_assert_int_eq(q.clauses[0].kind, SEARCH_WORD);
	ck_assert_str_eq(q.clauses[0].text, "sick");
	ck_assert_str_eq(q.clauses[1].text, "leave");

	search_parse("\"sick leave\" donate", &q);
	ck_assert_int_eq(q.n, 2);
	ck_assert_int_eq(q.clauses[0].kind, SEARCH_PHRASE);
	ck_assert_str_eq(q.clauses[0].text, "sick leave");
	ck_assert_int_eq(q.clauses[0].nwords, 2);

	search_parse("reinstat*", &q);
	ck_assert_int_eq(q.n, 1);
	ck_assert_int_eq(q.clauses[0].kind, SEARCH_PREFIX);
	ck_assert_str_eq(q.clauses[0].text, "reinstat");

	/* Punctuation inside a run makes a phrase of its words. */
	search_parse("KRS 18A.095", &q);
	ck_assert_int_eq(q.n, 2);
	ck_assert_int_eq(q.clauses[1].kind, SEARCH_PHRASE);
	ck_assert_str_eq(q.clauses[1].text, "18a 095");

	ck_assert_str_eq(expression("sick leave", 0), "\"sick\" AND \"leave\"");
	ck_assert_str_eq(expression("sick leave", 1), "\"sick\" OR \"leave\"");
	ck_assert_str_eq(expression("\"sick leave\"", 0), "\"sick leave\"");
	ck_assert_str_eq(expression("reinstat*", 0), "\"reinstat\"*");
	ck_assert_str_eq(expression("re*", 0), "\"re\""); /* too short to expand on its own */
	/* Common words are dropped, unless they are all there is. */
	ck_assert_str_eq(expression("how do I donate sick leave", 0), "\"donate\" AND \"sick\" AND \"leave\"");
	ck_assert_str_eq(expression("AND", 0), "\"and\"");
	ck_assert_str_eq(expression("the and or", 0), "\"the\" AND \"and\" AND \"or\"");
	/* Repeated clauses once. */
	ck_assert_str_eq(expression("leave Leave LEAVE", 0), "\"leave\"");
}
END_TEST

START_TEST(test_fts_syntax_is_text)
{
	static const char *const hostile[] = {
		"\"",
		"*",
		"AND",
		"OR",
		"NOT",
		"NEAR(",
		"NEAR(a b",
		"a AND",
		"OR b",
		"(",
		")",
		"a:b",
		"title:leave",
		"^leave",
		"-leave",
		"+leave",
		"\"a",
		"a\"b\"c",
		"\"\"",
		"* * *",
		"{title}: x",
		"leave*)",
		"a NEAR/2 b",
		"\"unclosed phrase",
		"sick\" OR \"1\"=\"1",
		"'; DROP TABLE search_docs; --",
		"\\\"",
		"%",
		"_",
		"\xc3\xa9t\xc3\xa9",
		"\xe2\x80\x9csick leave\xe2\x80\x9d",
		"",
		"   ",
		"\t\n",
	};
	sqlite3 *mem;

	ck_assert_int_eq(sqlite3_open(":memory:", &mem), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(mem,
				      "CREATE VIRTUAL TABLE t USING fts5(title, body, "
				      "tokenize = 'porter unicode61 remove_diacritics 2');"
				      "INSERT INTO t VALUES ('Sick Leave', 'and or not near leave title');",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		const char *e = expression(hostile[i], 0);
		sqlite3_stmt *st;
		int rc;

		if (*e == '\0')
			continue; /* nothing to search for */
		ck_assert_int_eq(sqlite3_prepare_v2(mem, "SELECT count(*) FROM t WHERE t MATCH ?1", -1, &st, NULL),
				 SQLITE_OK);
		sqlite3_bind_text(st, 1, e, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		ck_assert_msg(rc == SQLITE_ROW, "%s -> %s: %s", hostile[i], e, sqlite3_errmsg(mem));
		sqlite3_finalize(st);
	}
	ck_assert_str_eq(expression("\"", 0), "");
	ck_assert_str_eq(expression("*", 0), "");
	ck_assert_str_eq(expression("NEAR(", 0), "\"near\"");
	ck_assert_str_eq(expression("title:leave", 0), "\"title leave\"");
	sqlite3_close(mem);
}
END_TEST

START_TEST(test_long_queries_are_cut)
{
	char text[2100], word[100];
	struct search_query q;
	STRING s;

	text[0] = '\0';
	for (int i = 0; strlen(text) < 2000; i++) {
		snprintf(word, sizeof word, "word%d ", i);
		strcat(text, word);
	}
	search_parse(text, &q);
	ck_assert_int_eq(q.n, SEARCH_MAX_CLAUSES);
	ck_assert_int_eq(q.truncated, 1);

	/* One 2 KB word: cut to SEARCH_MAX_WORD bytes, never inside a UTF-8 character. */
	memset(text, 0, sizeof text);
	for (int i = 0; i < 2000; i += 2)
		memcpy(text + i, "\xc3\xa9", 2);
	search_parse(text, &q);
	ck_assert_int_eq(q.n, 1);
	ck_assert_uint_le(strlen(q.clauses[0].text), SEARCH_MAX_WORD);
	ck_assert_int_eq(strlen(q.clauses[0].text) % 2, 0);

	search_parse("sik \"leave of absence\" reinstat*", &q);
	string_init(&s);
	{
		const char *replace[SEARCH_MAX_CLAUSES] = { "sick" };

		ck_assert_ptr_eq(search_query_text(&q, replace, &s), STATUS_OK);
	}
	ck_assert_str_eq(s.buf, "sick \"leave of absence\" reinstat*");
	string_clear(&s);
}
END_TEST

START_TEST(test_edit_distance)
{
	ck_assert_int_eq(search_edit_distance("reinstatment", "reinstatement", 2), 1);
	ck_assert_int_eq(search_edit_distance("sik", "sick", 1), 1);
	ck_assert_int_eq(search_edit_distance("teh", "the", 1), 1); /* transposition */
	ck_assert_int_eq(search_edit_distance("leave", "leave", 2), 0);
	ck_assert_int_eq(search_edit_distance("leave", "lever", 2), 2);
	ck_assert_int_eq(search_edit_distance("abc", "xyz", 2), 3); /* max + 1 */
	ck_assert_int_eq(search_edit_distance("a", "abcdef", 2), 3);
	ck_assert_int_eq(search_edit_distance("", "ab", 2), 2);
}
END_TEST

static char *marked(const char *in)
{
	static char buf[1024];
	STRING s;

	string_init(&s);
	ck_assert_ptr_eq(search_marked_html(in, &s), STATUS_OK);
	snprintf(buf, sizeof buf, "%s", s.buf ? s.buf : "");
	string_clear(&s);
	return buf;
}

START_TEST(test_snippets_are_escaped)
{
	ck_assert_str_eq(marked("<script>\x01"
				"alert\x02(1)</script>"),
			 "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;");
	ck_assert_str_eq(marked("a & \"b\" 'c'"), "a &amp; &quot;b&quot; &#39;c&#39;");
	ck_assert_str_eq(marked("\x02"
				"x\x01"
				"y"),
			 "x<mark>y</mark>"); /* always balanced */
	ck_assert_str_eq(marked("\x01\x01"
				"a\x02\x02"),
			 "<mark>a</mark>");
	ck_assert_str_eq(marked("a\x03\x1b"
				"b\nc"),
			 "ab c");
	ck_assert_str_eq(marked("| Going From | Going To |\n| --- | --- |\n| PVA | Y |"),
			 "Going From \xc2\xb7 Going To \xc2\xb7 PVA \xc2\xb7 Y \xc2\xb7 ");
	ck_assert_str_eq(marked("full-time - part-time"), "full-time - part-time");
}
END_TEST

/* A matcher for snippets: "sick" is word 1, "leave"/"leaves" word 2. */
static int match_words(void *ctx, const char *w, size_t n)
{
	(void)ctx;
	if (n == 4 && strncasecmp(w, "sick", 4) == 0)
		return 1;
	if ((n == 5 && strncasecmp(w, "leave", 5) == 0) || (n == 6 && strncasecmp(w, "leaves", 6) == 0))
		return 2;
	return 0;
}

static char *snippet(const char *text, int words)
{
	static char buf[4096];
	STRING marked, html;

	string_init(&marked);
	string_init(&html);
	ck_assert_ptr_eq(search_snippet(text, words, match_words, NULL, &marked), STATUS_OK);
	ck_assert_ptr_eq(search_marked_html(marked.buf ? marked.buf : "", &html), STATUS_OK);
	snprintf(buf, sizeof buf, "%s", html.buf ? html.buf : "");
	string_clear(&marked);
	string_clear(&html);
	return buf;
}

START_TEST(test_snippet_windows)
{
	/* Whole text: everything kept, neighbours share a mark. */
	ck_assert_str_eq(snippet("(Paid) sick leave, and   annual\nleave.", 0),
			 "(Paid) <mark>sick leave</mark>, and annual <mark>leave</mark>.");
	/* A window around the best place: both words, cut with ellipses. */
	ck_assert_str_eq(snippet("one two three four five six seven eight nine ten leave eleven twelve sick leave "
				 "thirteen fourteen fifteen sixteen seventeen",
				 6),
			 "\xe2\x80\xa6<mark>leave</mark> eleven twelve <mark>sick leave</mark> thirteen\xe2\x80\xa6");
	/* No match (a title-only hit): the beginning. */
	ck_assert_str_eq(snippet("alpha beta gamma delta epsilon", 3), "alpha beta gamma\xe2\x80\xa6");
	/* Text is escaped after marking. */
	ck_assert_str_eq(snippet("<script>sick</script> & leave", 0),
			 "&lt;script&gt;<mark>sick</mark>&lt;/script&gt; &amp; <mark>leave</mark>");
	ck_assert_str_eq(snippet("", 10), "");
	ck_assert_str_eq(snippet("  ...  ", 10), "... ");
	/* Words are never cut, even in UTF-8. */
	ck_assert_str_eq(snippet("caf\xc3\xa9 \xe2\x80\x9c"
				 "leave\xe2\x80\x9d",
				 0),
			 "caf\xc3\xa9 \xe2\x80\x9c"
			 "<mark>leave</mark>\xe2\x80\x9d");
}
END_TEST

/* --- the glossary in running text ------------------------------------------ */

static const struct glossary_term terms[] = {
	{ "appointing-authority", "APPOINTING AUTHORITY", "The agency head." },
	{ "reinstatement", "REINSTATEMENT", "Restoration \"of\" <an> employee." },
	{ "class", "CLASS", "See definition for Job, which has replaced this term." },
	{ "class-specification", "CLASS SPECIFICATION", "See definition for Job Class Specification." },
	{ "job", "JOB", "(Replaced Class) A group of positions." },
	{ "job-class-specification", "JOB CLASS SPECIFICATION", "(Replaced Class Specification) The standard." },
	{ "pd-position-description", "PD (POSITION DESCRIPTION)", "The official document." },
	{ "exempt-position", "EXEMPT POSITION", "Not covered by overtime." },
	{ "non-exempt-position", "NON-EXEMPT POSITION (and employee occupying)", "Covered by overtime." },
	{ "krs-18a", "KRS 18A", "The statutes." },
	{ "khris", "KHRIS (KENTUCKY HUMAN RESOURCE INFORMATION SYSTEM)", "The HR system." },
	{ "khris-portal", "KHRIS PORTAL", "The HR staff's access point." },
	{ "personnel-cabinet", "PERSONNEL CABINET", "The central agency." },
};
#define NTERMS (sizeof terms / sizeof terms[0])

static char *mark(const char *html, size_t *nused)
{
	static char buf[16384];
	struct glossary_matcher *m;
	size_t order[NTERMS], n = 0;
	STRING s;

	ck_assert_ptr_eq(glossary_matcher_new(terms, NTERMS, &m), STATUS_OK);
	string_init(&s);
	ck_assert_ptr_eq(glossary_mark_html(m, html, &s, order, &n), STATUS_OK);
	snprintf(buf, sizeof buf, "%s", s.buf ? s.buf : "");
	string_clear(&s);
	glossary_matcher_free(&m);
	if (nused)
		*nused = n;
	return buf;
}

/* The marked HTML with the term links taken out again. */
static char *unmark(const char *html)
{
	static char buf[16384];
	size_t o = 0;

	while (*html && o + 1 < sizeof buf) {
		if (strncmp(html, "<a class=\"term\"", 15) == 0) {
			const char *close = strchr(html, '>');
			const char *end = strstr(close, "</a>");

			memcpy(buf + o, close + 1, (size_t)(end - close - 1));
			o += (size_t)(end - close - 1);
			html = end + 4;
			continue;
		}
		buf[o++] = *html++;
	}
	buf[o] = '\0';
	return buf;
}

#define LINK(slug) "<a class=\"term\" href=\"/glossary/" slug "\""

START_TEST(test_mark_first_use_whole_words)
{
	const char *in = "<p>The Appointing Authority decides. The appointing authority may delegate.</p>";
	const char *out;
	size_t n;

	out = mark(in, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(
		out,
		LINK("appointing-authority") " title=\"The agency head.\" "
					     "aria-describedby=\"term-appointing-authority\">Appointing Authority</a> decides"));
	ck_assert_ptr_null(strstr(out, ">appointing authority</a>")); /* first use only */
	ck_assert_str_eq(unmark(out), in);

	/* Whole words only; plurals and possessives belong to the word. */
	out = mark("<p>nonreinstatement reinstatements-based preinstatement</p>", &n);
	ck_assert_uint_eq(n, 0);
	out = mark("<p>Two reinstatements.</p>", &n);
	ck_assert_ptr_nonnull(strstr(out, ">reinstatements</a>."));
	out = mark("<p>the appointing authorities and the appointing authority's office</p>", &n);
	ck_assert_ptr_nonnull(strstr(out, ">appointing authorities</a> and"));
	out = mark("<p>the Personnel Cabinet's website</p>", &n);
	ck_assert_ptr_nonnull(strstr(out, ">Personnel Cabinet's</a> website"));
	/* Across a line break. */
	out = mark("<p>the appointing\nauthority</p>", &n);
	ck_assert_ptr_nonnull(strstr(out, ">appointing\nauthority</a>"));
	/* Not across inline markup that joins a word. */
	out = mark("<p>non<em>reinstatement</em> and re<strong>instatement</strong></p>", &n);
	ck_assert_uint_eq(n, 0);
	/* The title attribute is escaped. */
	out = mark("<p>reinstatement</p>", &n);
	ck_assert_ptr_nonnull(strstr(out, "title=\"Restoration &quot;of&quot; &lt;an&gt; employee.\""));
}
END_TEST

START_TEST(test_mark_never_inside_links_headings_tables)
{
	const char *in =
		"<h2>Reinstatement Privileges</h2>\n"
		"<p>See <a href=\"/x\">reinstatement rules</a> and <a href=\"/y\"><em>appointing authority</em></a>.</p>\n"
		"<table>\n<thead><tr><th>Reinstatement</th></tr></thead>\n<tbody><tr><td>appointing authority</td></tr></tbody>\n</table>\n"
		"<pre><code>reinstatement</code></pre>\n"
		"<!-- reinstatement -->\n"
		"<p title=\"reinstatement appointing authority\">Then reinstatement, by the appointing authority.</p>\n";
	const char *out;
	size_t n;

	out = mark(in, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_ptr_nonnull(strstr(out, "<h2>Reinstatement Privileges</h2>"));
	ck_assert_ptr_nonnull(strstr(out, "<a href=\"/x\">reinstatement rules</a>"));
	ck_assert_ptr_nonnull(strstr(out, "<a href=\"/y\"><em>appointing authority</em></a>"));
	ck_assert_ptr_nonnull(strstr(out, "<th>Reinstatement</th>"));
	ck_assert_ptr_nonnull(strstr(out, "<td>appointing authority</td>"));
	ck_assert_ptr_nonnull(strstr(out, "<code>reinstatement</code>"));
	ck_assert_ptr_nonnull(strstr(out, "<!-- reinstatement -->"));
	ck_assert_ptr_nonnull(
		strstr(out, "<p title=\"reinstatement appointing authority\">Then " LINK("reinstatement")));
	ck_assert_ptr_nonnull(strstr(out, ">appointing authority</a>.</p>"));
	ck_assert_str_eq(unmark(out), in);

	/* Unclosed or odd markup never lets a link into the skipped element. */
	out = mark("<h3>reinstatement <p>reinstatement", &n);
	ck_assert_uint_eq(n, 0);
	out = mark("<p>3 &lt; 4 &amp; reinstatement&quot; &amp;reinstatement</p>", &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(out, "&amp; " LINK("reinstatement")));
	ck_assert_ptr_nonnull(strstr(out, ">reinstatement</a>&quot; &amp;reinstatement</p>"));
	out = mark("<p>a < b reinstatement</p>", &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(unmark(out), "<p>a < b reinstatement</p>");
}
END_TEST

START_TEST(test_mark_longest_forms_acronyms_and_everyday_words)
{
	const char *out;
	size_t n;

	out = mark("<p>the job class specification for the class</p>", &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(out, LINK("job-class-specification")));
	ck_assert_ptr_null(strstr(out, LINK("class-specification")));
	ck_assert_ptr_null(strstr(out, LINK("class\""))); /* an everyday word: never linked */

	out = mark("<p>A non-exempt position, unlike an exempt position.</p>", &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_ptr_nonnull(strstr(
		out,
		LINK("non-exempt-position") " title=\"Covered by overtime.\" "
					    "aria-describedby=\"term-non-exempt-position\">non-exempt position</a>"));
	ck_assert_ptr_nonnull(strstr(out, "an " LINK("exempt-position")));

	/* Acronyms only in capitals; the long form too. */
	out = mark("<p>Update the pd. Then the PD.</p>", &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(out, "the pd. Then the " LINK("pd-position-description")));
	out = mark("<p>the Position Description</p>", &n);
	ck_assert_ptr_nonnull(strstr(out, ">Position Description</a>"));
	out = mark("<p>KHRIS Portal first, then KHRIS.</p>", &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_ptr_nonnull(strstr(out, LINK("khris-portal")));
	ck_assert_ptr_nonnull(strstr(out, "then " LINK("khris") " "));

	/* Citations are not words to link: "KRS 18A.095" is not "KRS 18A". */
	out = mark("<p>See KRS 18A.095 and KRS 18A.</p>", &n);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(test_glossary_refs_and_forms)
{
	/* The definitions as the glossary words them. */
	static const char *const defs[NTERMS] = {
		[2] = "See definition for Job, which has replaced this term.",
		[3] = "See definition for Job Class Specification, which has replaced this term.",
		[4] = "(Replaced Class) A group of positions sufficiently similar as to duties performed.",
		[5] = "(Replaced Class Specification) The standard developed by the Personnel Cabinet.",
		[1] = "The privilege of an employee at the option of the appointing authority, in the same class.",
	};
	struct glossary_matcher *m;
	size_t refs[NTERMS], n;
	char forms[4][GLOSSARY_FORM_MAX];
	int exact[4];
	char shortdef[256];

	ck_assert_ptr_eq(glossary_matcher_new(terms, NTERMS, &m), STATUS_OK);
	n = glossary_refs(m, defs[2], 2, refs, NTERMS); /* CLASS -> JOB */
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(terms[refs[0]].slug, "job");
	n = glossary_refs(m, defs[3], 3, refs, NTERMS); /* CLASS SPECIFICATION -> JOB CLASS SPECIFICATION */
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(terms[refs[0]].slug, "job-class-specification");
	n = glossary_refs(m, defs[4], 4, refs, NTERMS); /* JOB -> CLASS (named explicitly) */
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(terms[refs[0]].slug, "class");
	n = glossary_refs(m, defs[5], 5, refs, NTERMS);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(terms[refs[0]].slug, "class-specification");
	ck_assert_str_eq(terms[refs[1]].slug, "personnel-cabinet");
	/* An everyday word in passing ("the same class") is no reference. */
	n = glossary_refs(m, defs[1], 1, refs, NTERMS);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(terms[refs[0]].slug, "appointing-authority");
	glossary_matcher_free(&m);

	n = glossary_term_forms("PD (POSITION DESCRIPTION)", forms, exact, 4);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(forms[0], "PD");
	ck_assert_int_eq(exact[0], 1);
	ck_assert_str_eq(forms[1], "position description");
	ck_assert_int_eq(exact[1], 0);
	n = glossary_term_forms("NON-EXEMPT POSITION (and employee occupying)", forms, exact, 4);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(forms[0], "non-exempt position");
	n = glossary_term_forms("KHRIS EMPLOYEE SELF-SERVICE (ESS)", forms, exact, 4);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(forms[0], "khris employee self-service");
	ck_assert_str_eq(forms[1], "ESS");
	ck_assert_int_eq(glossary_term_linkable("Position"), 0);
	ck_assert_int_eq(glossary_term_linkable("REINSTATEMENT"), 1);

	glossary_short_definition("The central agency created by law. It also advises.", shortdef, sizeof shortdef);
	ck_assert_str_eq(shortdef, "The central agency created by law.");
	glossary_short_definition("Refers to KRS 18A.010 to 18A.200. And more.", shortdef, sizeof shortdef);
	ck_assert_str_eq(shortdef, "Refers to KRS 18A.010 to 18A.200.");
	{
		char longdef[600];

		memset(longdef, 0, sizeof longdef);
		for (int i = 0; i < 90; i++)
			strcat(longdef, "word ");
		glossary_short_definition(longdef, shortdef, sizeof shortdef);
		ck_assert_uint_le(strlen(shortdef), 204);
		ck_assert_ptr_nonnull(strstr(shortdef, "word\xe2\x80\xa6"));
	}
}
END_TEST

/* The tool a question is about, from its words and the thesaurus's. */
START_TEST(test_answerbox)
{
	struct answerbox_tool t;
	const char *vacation[] = { "annual leave" };

	ck_assert_int_eq(answerbox_match("Am I eligible for FMLA?", NULL, 0, &t), 1);
	ck_assert_int_eq(t.kind, ANSWER_WIZARD);
	ck_assert_str_eq(t.url, "/wizards/fmla");
	ck_assert_str_eq(t.section, "family-and-medical-leave-act-fmla");
	ck_assert_ptr_nonnull(t.question);
	ck_assert_int_eq(answerbox_match("how do I request FMLA", NULL, 0, &t), 1);
	ck_assert_str_eq(t.url, "/forms/fmla/new");
	ck_assert_int_eq(answerbox_match("how much vacation will I earn", vacation, 1, &t), 1);
	ck_assert_str_eq(t.url, "/calculators/annual-leave");
	ck_assert_int_eq(answerbox_match("how much vacation will I earn", NULL, 0, &t), 0);
	ck_assert_int_eq(answerbox_match("can I use annual leave for an appointment", NULL, 0, &t), 0);
	ck_assert_int_eq(answerbox_match("sick leave bonus days at 20 years", NULL, 0, &t), 1);
	ck_assert_str_eq(t.url, "/calculators/sick-leave");
	ck_assert_int_eq(answerbox_match("Is Monday a state holiday?", NULL, 0, &t), 1);
	ck_assert_str_eq(t.url, "/calculators/holidays");
	ck_assert_int_eq(answerbox_match("may I moonlight as a DJ", NULL, 0, &t), 1);
	ck_assert_str_eq(t.url, "/forms/outside-employment/new");
	ck_assert_int_eq(t.kind, ANSWER_FORM);
	ck_assert_int_eq(answerbox_match("grievances about my schedule", NULL, 0, &t), 1);
	ck_assert_str_eq(t.url, "/forms/grievance/new");
	ck_assert_int_eq(answerbox_match("who can donate leave to me", NULL, 0, &t), 1);
	ck_assert_str_eq(t.url, "/wizards/leave-sharing");
	ck_assert_int_eq(answerbox_match("can I be rehired after I resign", NULL, 0, &t), 1);
	ck_assert_str_eq(t.url, "/wizards/return-rights");
	ck_assert_int_eq(answerbox_match("dress code", NULL, 0, &t), 0);
	ck_assert_int_eq(answerbox_match("", NULL, 0, &t), 0);
	ck_assert_int_eq(answerbox_match("\"'<>&|| * | ", NULL, 0, &t), 0);

	ck_assert_int_eq(answerbox_asks_definition("what does demotion mean", "DEMOTION"), 1);
	ck_assert_int_eq(answerbox_asks_definition("What is an appointing authority?", "APPOINTING AUTHORITY"), 1);
	ck_assert_int_eq(answerbox_asks_definition("define demotions", "DEMOTION"), 1);
	ck_assert_int_eq(answerbox_asks_definition("demotion appeal deadline", "DEMOTION"), 0);
	ck_assert_int_eq(answerbox_asks_definition("what is authority", "APPOINTING AUTHORITY"), 0);
	ck_assert_int_eq(answerbox_asks_definition("what is", "DEMOTION"), 0);
}
END_TEST

/* --- the index on the real corpus ------------------------------------------ */

static char dbdir[64];
static char dbpath[128];

static void build_database(void)
{
	char corpus[4096];
	const char *src = getenv("HR_SRCDIR");
	struct db *db = NULL;
	struct import_stats stats;
	NEOERR *err = errors_init();

	snprintf(dbdir, sizeof dbdir, "/tmp/hrportal-search-XXXXXX");
	if (mkdtemp(dbdir) == NULL)
		abort();
	snprintf(dbpath, sizeof dbpath, "%s/t.db", dbdir);
	snprintf(corpus, sizeof corpus, "%s/db/corpus", src ? src : ".");
	if (err == STATUS_OK)
		err = db_open(dbpath, DB_CREATE_MIGRATE, &db);
	if (err == STATUS_OK)
		err = import_corpus_dir(db, corpus, &stats);
	if (err == STATUS_OK) {
		int entries = 0;

		snprintf(corpus, sizeof corpus, "%s/db/search-thesaurus.tsv", src ? src : ".");
		err = import_thesaurus_file(db, corpus, &entries);
	}
	db_close(&db);
	if (err != STATUS_OK) {
		nerr_log_error(err);
		abort();
	}
}

static void remove_database(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dbdir);
	if (system(cmd) != 0)
		abort();
}

/* A private copy of the database for tests that change it. */
static struct db *open_copy(void)
{
	char path[160];
	sqlite3 *from, *to;
	sqlite3_backup *b;
	struct db *db = NULL;

	snprintf(path, sizeof path, "%s/copy-%d.db", dbdir, (int)getpid());
	ck_assert_int_eq(sqlite3_open(dbpath, &from), SQLITE_OK);
	ck_assert_int_eq(sqlite3_open(path, &to), SQLITE_OK);
	b = sqlite3_backup_init(to, "main", from, "main");
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(sqlite3_backup_step(b, -1), SQLITE_DONE);
	sqlite3_backup_finish(b);
	sqlite3_close(from);
	sqlite3_close(to);
	ck_assert_ptr_eq(db_open(path, DB_READ_WRITE, &db), STATUS_OK);
	return db;
}

static struct db *open_shared(void)
{
	struct db *db = NULL;

	ck_assert_ptr_eq(db_open(dbpath, DB_READ_WRITE, &db), STATUS_OK);
	return db;
}

static void run(struct db *db, const char *text, const char *as_of, int page, struct search_results *r)
{
	NEOERR *err = search_run(db, text, as_of, page, 10, r);

	if (err != STATUS_OK)
		nerr_log_error(err);
	ck_assert_msg(err == STATUS_OK, "search for %s failed", text);
}

static int position_of(const struct search_results *r, const char *url)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->items[i].url, url) == 0)
			return (int)i + 1;
	return 0;
}

#define TODAY "2026-06-01"

/* The first result for text today is url. */
static void expect_first(struct db *db, const char *text, const char *url)
{
	struct search_results r;

	run(db, text, TODAY, 1, &r);
	ck_assert_msg(r.n > 0 && strcmp(r.items[0].url, url) == 0, "%s: first %s, not %s", text,
		      r.n ? r.items[0].url : "nothing", url);
	search_results_free(&r);
}

START_TEST(test_real_questions)
{
	struct db *db = open_shared();
	struct search_results r;

	run(db, "fmla eligibility", TODAY, 1, &r);
	ck_assert_int_gt(r.total, 0);
	ck_assert_str_eq(r.items[0].url, "/handbook/family-and-medical-leave-act-fmla");
	ck_assert_ptr_nonnull(strstr(r.items[0].title_html, "<mark>FMLA</mark>"));
	ck_assert_ptr_null(r.suggestion);
	search_results_free(&r);

	run(db, "bereavement", TODAY, 1, &r);
	ck_assert_str_eq(r.items[0].url, "/handbook/funeral-and-bereavement-leave");
	ck_assert_ptr_nonnull(strstr(r.items[0].snippet_html, "<mark>bereavement</mark>"));
	search_results_free(&r);

	run(db, "donate sick leave", TODAY, 1, &r);
	ck_assert_int_eq(position_of(&r, "/handbook/leave-sharing-programs"), 1);
	ck_assert_int_eq(r.any, 0);
	search_results_free(&r);

	run(db, "reinstatement", TODAY, 1, &r);
	ck_assert_int_ge(position_of(&r, "/glossary/reinstatement"), 1);
	ck_assert_int_le(position_of(&r, "/glossary/reinstatement"), 2);
	ck_assert_int_ge(position_of(&r, "/handbook/reversion-reemployment-and-reinstatement"), 1);
	ck_assert_int_le(position_of(&r, "/handbook/reversion-reemployment-and-reinstatement"), 2);
	ck_assert_int_eq(r.items[position_of(&r, "/glossary/reinstatement") - 1].kind, SEARCH_KIND_GLOSSARY);
	search_results_free(&r);

	/* A title match outranks a body match. */
	expect_first(db, "sick leave", "/handbook/sick-leave");
	db_close(&db);
}
END_TEST

static int also_searched(const struct search_results *r, const char *words)
{
	for (int i = 0; i < r->nalso; i++)
		if (strcmp(r->also_searched[i], words) == 0)
			return 1;
	return 0;
}

/* Questions as employees type them: word forms meet, question words do not
 * rank, everyday words search the handbook's too, and "did you mean" only
 * corrects misspellings. */
START_TEST(test_everyday_words)
{
	struct db *db = open_shared();
	struct search_results r;
	int forms;

	/* Word forms meet: the same rows for each form. */
	run(db, "discipline", TODAY, 1, &r);
	forms = r.total;
	ck_assert_int_ge(forms, 15);
	ck_assert_ptr_null(r.suggestion);
	search_results_free(&r);
	run(db, "disciplined", TODAY, 1, &r);
	ck_assert_int_eq(r.total, forms);
	ck_assert_ptr_null(r.suggestion);
	search_results_free(&r);

	/* Another form of an indexed word, or a different indexed word: no "did you mean". */
	run(db, "harassed", TODAY, 1, &r);
	ck_assert_int_gt(r.total, 0);
	ck_assert_ptr_null(r.suggestion);
	ck_assert_int_gt(position_of(&r, "/handbook/equal-employment-opportunity-eeo"), 0);
	search_results_free(&r);
	run(db, "resigning", TODAY, 1, &r);
	ck_assert_int_gt(r.total, 0);
	ck_assert_ptr_null(r.suggestion);
	search_results_free(&r);

	/* An everyday word the handbook lacks: its words, said, never a "correction". */
	run(db, "telework", TODAY, 1, &r);
	ck_assert_ptr_null(r.suggestion);
	ck_assert_int_eq(also_searched(&r, "work schedules"), 1);
	ck_assert_str_eq(r.items[0].url, "/handbook/work-schedules");
	search_results_free(&r);
	run(db, "how much vacation do i get", TODAY, 1, &r);
	ck_assert_str_eq(r.items[0].url, "/handbook/annual-leave");
	ck_assert_int_eq(also_searched(&r, "annual leave"), 1);
	ck_assert_int_eq(r.any, 0);
	search_results_free(&r);
	run(db, "Vacations", TODAY, 1, &r);
	ck_assert_int_eq(also_searched(&r, "annual leave"), 1);
	search_results_free(&r);

	/* Question words weigh nothing: the one word that matters ranks; a
	 * date says when, not what about. */
	expect_first(db, "how much time do i need to see my bereavement", "/handbook/funeral-and-bereavement-leave");
	expect_first(db, "how much annual leave will I have in March", "/handbook/annual-leave");
	expect_first(db, "is Monday a state holiday", "/handbook/holidays");

	/* No word is required: a key word the handbook lacks still leaves the rest. */
	run(db, "zzyzx sick leave", TODAY, 1, &r);
	ck_assert_int_eq(position_of(&r, "/handbook/sick-leave"), 1);
	ck_assert_int_eq(r.any, 1);
	search_results_free(&r);

	/* Citations and numbers stay exact. */
	run(db, "KRS 18A.095", TODAY, 1, &r);
	ck_assert_int_gt(r.total, 0);
	ck_assert_int_eq(r.nalso, 0);
	search_results_free(&r);
	db_close(&db);
}
END_TEST

START_TEST(test_phrase_prefix_and_typos)
{
	struct db *db = open_shared();
	struct search_results r;
	int words;

	run(db, "\"sick leave\"", TODAY, 1, &r);
	ck_assert_str_eq(r.items[0].url, "/handbook/sick-leave");
	ck_assert_ptr_nonnull(strstr(r.items[0].snippet_html, "<mark>sick leave</mark>"));
	words = r.total;
	search_results_free(&r);
	run(db, "sick leave", TODAY, 1, &r);
	ck_assert_int_ge(r.total, words); /* the phrase is narrower */
	search_results_free(&r);

	/* A prefix, with and without the star. */
	run(db, "reinstat*", TODAY, 1, &r);
	ck_assert_int_gt(position_of(&r, "/handbook/reversion-reemployment-and-reinstatement"), 0);
	search_results_free(&r);
	run(db, "reinstat", TODAY, 1, &r);
	ck_assert_int_gt(position_of(&r, "/glossary/reinstatement"), 0);
	ck_assert_ptr_null(r.suggestion);
	search_results_free(&r);

	run(db, "reinstatment", TODAY, 1, &r);
	ck_assert_ptr_nonnull(r.suggestion);
	ck_assert_str_eq(r.suggestion, "reinstatement");
	search_results_free(&r);
	run(db, "sik leave", TODAY, 1, &r);
	ck_assert_ptr_nonnull(r.suggestion);
	ck_assert_str_eq(r.suggestion, "sick leave");
	search_results_free(&r);
	run(db, "\"bereavment leave\"", TODAY, 1, &r);
	ck_assert_ptr_nonnull(r.suggestion);
	ck_assert_str_eq(r.suggestion, "\"bereavement leave\"");
	search_results_free(&r);
	/* Known words get no suggestion. */
	run(db, "annual leave", TODAY, 1, &r);
	ck_assert_ptr_null(r.suggestion);
	search_results_free(&r);
	/* No hit with all words: the ones with some of them. */
	run(db, "bereavement zzyzx", TODAY, 1, &r);
	ck_assert_int_eq(r.any, 1);
	ck_assert_str_eq(r.items[0].url, "/handbook/funeral-and-bereavement-leave");
	search_results_free(&r);
	db_close(&db);
}
END_TEST

START_TEST(test_hostile_empty_and_long_queries)
{
	static const char *const texts[] = {
		"\"",
		"*",
		"AND",
		"NEAR(",
		"OR OR",
		"\"sick",
		"leave*)",
		"<script>alert(1)</script>",
		"title:leave",
		"NOT leave",
		"'; DROP TABLE search_docs; --",
		"\xe2\x80\x9c",
		"18A.",
		"KRS",
		"101 KAR",
	};
	struct db *db = open_shared();
	struct search_results r;
	char big[2100];

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		run(db, texts[i], TODAY, 1, &r);
		for (size_t k = 0; k < r.n; k++)
			ck_assert_ptr_null(strstr(r.items[k].snippet_html, "<script"));
		search_results_free(&r);
	}
	run(db, "", TODAY, 1, &r);
	ck_assert_int_eq(r.empty, 1);
	ck_assert_int_eq(r.total, 0);
	search_results_free(&r);
	run(db, "\"", TODAY, 1, &r);
	ck_assert_int_eq(r.empty, 1);
	search_results_free(&r);
	run(db, "AND", TODAY, 1, &r);
	ck_assert_int_gt(r.total, 0); /* searched as the word "and" */
	search_results_free(&r);

	memset(big, 0, sizeof big);
	while (strlen(big) < 2040)
		strcat(big, "sick leave donate ");
	run(db, big, TODAY, 1, &r);
	ck_assert_int_gt(r.total, 0);
	search_results_free(&r);
	memset(big, 'x', 2048);
	big[2048] = '\0';
	run(db, big, TODAY, 1, &r);
	ck_assert_int_eq(r.total, 0);
	search_results_free(&r);

	/* Paging past the end is empty, not an error. */
	run(db, "leave", TODAY, 999, &r);
	ck_assert_int_gt(r.total, 10);
	ck_assert_uint_eq(r.n, 0);
	search_results_free(&r);
	run(db, "leave", TODAY, 2, &r);
	ck_assert_uint_eq(r.n, 10);
	search_results_free(&r);
	db_close(&db);
}
END_TEST

START_TEST(test_citation_queries)
{
	struct db *db = open_shared();
	struct search_results r;
	sqlite3_stmt *st;
	int citing = 0;

	ck_assert_int_eq(
		sqlite3_prepare_v2(
			db_sqlite_handle(db),
			"SELECT '/' || d.slug || '/' || s.slug FROM citations c JOIN section_versions v ON v.id = c.section_version_id "
			"JOIN sections s ON s.id = v.section_id JOIN documents d ON d.id = s.document_id "
			"WHERE c.code = 'KRS' AND c.chapter = '18A' AND c.number = '095' GROUP BY s.id",
			-1, &st, NULL),
		SQLITE_OK);
	run(db, "KRS 18A.095", TODAY, 1, &r);
	ck_assert_int_eq(r.citation, 1);
	ck_assert_str_eq(r.cite, "KRS 18A.095");
	ck_assert_str_eq(r.cite_anchor, "krs-18a-095");
	while (sqlite3_step(st) == SQLITE_ROW) {
		int at = position_of(&r, (const char *)sqlite3_column_text(st, 0));

		ck_assert_msg(at > 0, "%s cites KRS 18A.095 but is not found", sqlite3_column_text(st, 0));
		ck_assert_ptr_nonnull(strstr(r.items[at - 1].cites, "KRS 18A.095"));
		citing++;
	}
	sqlite3_finalize(st);
	ck_assert_int_gt(citing, 0);
	ck_assert_int_ge(r.total, citing);
	/* The sections citing it come first. */
	for (int i = 0; i < citing; i++)
		ck_assert_str_ne(r.items[i].cites, "");
	search_results_free(&r);

	run(db, "101 KAR 2:102", TODAY, 1, &r);
	ck_assert_int_eq(r.citation, 1);
	ck_assert_int_gt(position_of(&r, "/handbook/annual-leave"), 0);
	ck_assert_int_gt(position_of(&r, "/handbook/family-and-medical-leave-act-fmla"), 0);
	search_results_free(&r);
	db_close(&db);
}
END_TEST

START_TEST(test_citations_page_order)
{
	struct db *db = open_shared();
	HDF *hdf;
	int n = 0;

	ck_assert_int_lt(citeindex_natural_cmp("18A.095", "18A.110"), 0);
	ck_assert_int_lt(citeindex_natural_cmp("Section 2", "Section 10"), 0);
	ck_assert_int_eq(citeindex_natural_cmp("095", "95"), 0);
	ck_assert_int_gt(citeindex_natural_cmp("b", "A"), 0);
	ck_assert_ptr_eq(hdf_init(&hdf), STATUS_OK);
	ck_assert_ptr_eq(citeindex_list(db, TODAY, hdf, "C"), STATUS_OK);
	ck_assert_str_eq(hdf_get_value(hdf, "C.Groups.0.Code", ""), "KRS");
	ck_assert_int_gt(hdf_get_int_value(hdf, "C.Count", 0), 50);
	for (HDF *law = hdf_get_child(hdf, "C.Groups.0.Laws"); law; law = hdf_obj_next(law)) {
		if (strcmp(hdf_get_value(law, "Cite", ""), "KRS 18A.095") == 0) {
			ck_assert_str_eq(hdf_get_value(law, "Anchor", ""), "krs-18a-095");
			n = hdf_get_int_value(law, "Sections.0.Url", 0) == 0 ? 1 : 0;
			ck_assert_str_ne(hdf_get_value(law, "Sections.0.Url", ""), "");
		}
	}
	ck_assert_int_eq(n, 1);
	hdf_destroy(&hdf);
	db_close(&db);
}
END_TEST

/* --- keeping the index in step --------------------------------------------- */

static int count(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	int n;

	ck_assert_int_eq(sqlite3_prepare_v2(db_sqlite_handle(db), sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db_sqlite_handle(db), sql, NULL, NULL, &msg);

	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
}

static void integrity(struct db *db)
{
	exec(db, "INSERT INTO search_fts(search_fts) VALUES ('integrity-check')");
	exec(db, "INSERT INTO search_words(search_words) VALUES ('integrity-check')");
}

START_TEST(test_reindex_writes_nothing_when_nothing_changed)
{
	struct db *db = open_copy();
	struct import_stats stats;
	char corpus[4096];
	const char *src = getenv("HR_SRCDIR");
	int before;

	integrity(db);
	before = sqlite3_total_changes(db_sqlite_handle(db));
	ck_assert_int_eq(count(db, "SELECT count(*) FROM search_docs WHERE kind = 'glossary'"), 62);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM search_docs WHERE kind = 'section'"),
			 count(db, "SELECT count(*) FROM section_versions v JOIN sections s ON s.id = v.section_id "
				   "WHERE s.kind = 'section'"));
	ck_assert_ptr_eq(db_begin(db), STATUS_OK);
	ck_assert_ptr_eq(search_reindex(db), STATUS_OK);
	ck_assert_ptr_eq(db_commit(db), STATUS_OK);
	ck_assert_int_eq(sqlite3_total_changes(db_sqlite_handle(db)), before);
	snprintf(corpus, sizeof corpus, "%s/db/corpus", src ? src : ".");
	ck_assert_ptr_eq(import_corpus_dir(db, corpus, &stats), STATUS_OK);
	ck_assert_int_eq(sqlite3_total_changes(db_sqlite_handle(db)), before);
	db_close(&db);
}
END_TEST

/* FTS5 writes a new index segment whenever a statement in the transaction
 * opens a savepoint (an INSERT ... RETURNING does); a query reads every
 * segment. The import writes its rows in one transaction, so merging the
 * index afterwards ('optimize') must find nothing to merge. */
START_TEST(test_import_writes_one_index_segment)
{
	struct db *db = open_copy();
	int fts = count(db, "SELECT count(*) FROM search_fts_data");
	int words = count(db, "SELECT count(*) FROM search_words_data");
	int structure = count(db, "SELECT length(block) FROM search_fts_data WHERE id = 10");

	exec(db, "INSERT INTO search_fts(search_fts) VALUES ('optimize')");
	exec(db, "INSERT INTO search_words(search_words) VALUES ('optimize')");
	ck_assert_int_eq(count(db, "SELECT count(*) FROM search_fts_data"), fts);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM search_words_data"), words);
	ck_assert_int_eq(count(db, "SELECT length(block) FROM search_fts_data WHERE id = 10"), structure);
	db_close(&db);
}
END_TEST

/* --- the engine behind search (store/search_backend.h) --------------------- */

static int first_section(void *ctx, const char *url, const char *title, const char *document, const char *status)
{
	char *out = ctx;

	(void)title;
	(void)document;
	ck_assert_str_eq(status, "current");
	snprintf(out, 256, "%s", url);
	return 1; /* stop: the first is enough */
}

static NEOERR *in_tx(struct db *db, void *ctx)
{
	*(int *)ctx = db_in_transaction(db);
	return STATUS_OK;
}

START_TEST(test_backend)
{
	struct db *db = open_copy();
	struct store_search *s = NULL;
	struct store_search_row *rows = NULL, row = { 0 };
	size_t n = 0;
	int64_t version = 0, docs = 0, before;
	int current = 0, yes = 0, inside = 0, id;
	char out[256];

	/* The index's version, and a vocabulary built at it (the migration's). */
	ck_assert_ptr_eq(store_search_version(db, &version, &current), STATUS_OK);
	ck_assert_int_gt(version, 0);
	ck_assert_int_eq(current, 1);
	/* A read runs in a transaction of its own, or in the caller's. */
	ck_assert_ptr_eq(store_search_read(db, in_tx, &inside), STATUS_OK);
	ck_assert_int_eq(inside, 1);
	ck_assert_int_eq(db_in_transaction(db), 0);

	ck_assert_ptr_eq(store_search_open(db, &s), STATUS_OK);
	store_search_stem(s, "Disciplined today", 11, out, sizeof out);
	ck_assert_str_eq(out, "disciplin");
	ck_assert_int_eq(store_search_stem_words(s, "sick leave days", out, sizeof out, 2), 2);
	ck_assert_str_eq(out, "sick leav");
	store_search_stem(NULL, "word", 4, out, sizeof out);
	ck_assert_str_eq(out, "");

	/* A row: current today, not before the handbook, and what matches it. */
	id = count(db, "SELECT d.id FROM search_docs d JOIN sections s ON s.id = d.owner_id AND d.kind = 'section' "
		       "WHERE s.slug = 'funeral-and-bereavement-leave'");
	ck_assert_int_eq(store_search_current(s, id, 20260601), 1);
	ck_assert_int_eq(store_search_current(s, id, 19000101), 0);
	ck_assert_int_eq(store_search_current(s, 1 << 30, 20260601), 0);
	ck_assert_ptr_eq(store_search_count(db, "\"bereavement\"", &docs), STATUS_OK);
	ck_assert_int_gt(docs, 0);
	ck_assert_ptr_eq(store_search_row_matches(db, "\"bereavement\"", id, &yes), STATUS_OK);
	ck_assert_int_eq(yes, 1);
	ck_assert_ptr_eq(store_search_row_matches(db, "\"quokka\"", id, &yes), STATUS_OK);
	ck_assert_int_eq(yes, 0);
	ck_assert_ptr_eq(store_search_sections(db, "\"bereavement\" AND \"funeral\"", TODAY, first_section, out),
			 STATUS_OK);
	ck_assert_str_eq(out, "/handbook/funeral-and-bereavement-leave");
	store_search_close(&s);
	ck_assert_ptr_null(s);

	/* A row whose term is gone is an orphan, and a reindex removes it. */
	row.version_id = 1 << 30; /* (kind, version) is unique */
	row.weight = 1.0;
	row.valid_from = "2000-01-01";
	row.valid_to = "9999-12-31";
	row.title = "Quokka";
	row.body = "A marsupial.";
	before = count(db, "SELECT count(*) FROM search_docs");
	ck_assert_ptr_eq(db_begin(db), STATUS_OK);
	ck_assert_ptr_eq(store_search_row_insert(db, STORE_SEARCH_GLOSSARY, 1 << 30, &row), STATUS_OK);
	ck_assert_ptr_eq(store_search_changed(db), STATUS_OK);
	ck_assert_ptr_eq(store_search_read(db, in_tx, &inside), STATUS_OK);
	ck_assert_ptr_eq(store_search_rows_orphaned(db, &rows, &n), STATUS_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(rows[0].title, "Quokka");
	ck_assert_str_eq(rows[0].valid_from, "2000-01-01");
	store_search_rows_free(rows, n);
	ck_assert_ptr_eq(store_search_count(db, "\"quokka\"", &docs), STATUS_OK);
	ck_assert_int_eq(docs, 1);
	ck_assert_ptr_eq(search_reindex(db), STATUS_OK);
	ck_assert_ptr_eq(db_commit(db), STATUS_OK);
	ck_assert_int_eq(count(db, "SELECT count(*) FROM search_docs"), before);
	ck_assert_ptr_eq(store_search_count(db, "\"quokka\"", &docs), STATUS_OK);
	ck_assert_int_eq(docs, 0);
	ck_assert_ptr_eq(store_search_version(db, &version, &current), STATUS_OK);
	ck_assert_int_eq(current, 1); /* the reindex flushed the vocabulary */
	integrity(db);
	db_close(&db);
}
END_TEST

/* The rows of search_docs, to compare two ways of building them. */
static char *index_digest(struct db *db)
{
	sqlite3_stmt *st;
	STRING out;

	string_init(&out);
	ck_assert_int_eq(
		sqlite3_prepare_v2(
			db_sqlite_handle(db),
			"SELECT kind, owner_id, version_id, weight, valid_from, valid_to, title, body FROM search_docs "
			"ORDER BY kind, version_id",
			-1, &st, NULL),
		SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int c = 0; c < 8; c++)
			string_appendf(&out, "%s|", (const char *)sqlite3_column_text(st, c));
	sqlite3_finalize(st);
	return out.buf;
}

START_TEST(test_migration_builds_the_same_index)
{
	struct db *db = open_copy();
	char *built, *migrated;
	int version = 0;
	struct search_results r;

	/* A second version, future-dated, so valid_to is exercised too. */
	exec(db,
	     "INSERT INTO section_versions(section_id, version, title, body_md, body_html, body_text, effective_date, "
	     "published_at, published_by, summary) SELECT section_id, 2, title, body_md, body_html, "
	     "body_text || ' zyzzyva', '2030-01-01', '2026-01-01T00:00:00Z', 'hr', 'test' FROM section_versions "
	     "WHERE section_id = (SELECT id FROM sections WHERE slug = 'sick-leave')");
	ck_assert_ptr_eq(db_begin(db), STATUS_OK);
	ck_assert_ptr_eq(search_reindex(db), STATUS_OK);
	ck_assert_ptr_eq(db_commit(db), STATUS_OK);
	built = index_digest(db);
	/* As on a database that had content before the migration: run it. */
	exec(db, "DROP TABLE search_vocab; DROP TABLE search_words; DROP TABLE search_fts; DROP TABLE search_docs; "
		 "DROP TABLE search_vocabulary; DELETE FROM meta WHERE key LIKE 'search.%'");
	for (int i = 0; i < migrations_count; i++)
		if (strcmp(migrations[i].name, "003_search") == 0) {
			ck_assert_ptr_eq(db_begin(db), STATUS_OK);
			ck_assert_ptr_eq(db_exec(db, migrations[i].sql), STATUS_OK);
			ck_assert_ptr_eq(db_commit(db), STATUS_OK);
			version = i + 1;
		}
	ck_assert_int_eq(version, 3);
	migrated = index_digest(db);
	ck_assert_str_eq(built, migrated);
	integrity(db);
	run(db, "zyzzyva", "2030-01-02", 1, &r);
	ck_assert_int_eq(r.total, 1);
	search_results_free(&r);
	free(built);
	free(migrated);
	db_close(&db);
}
END_TEST

START_TEST(test_new_versions_future_dates_and_retirement)
{
	struct db *db = open_copy();
	struct search_results r;
	int section_id = 0;
	char sql[512];

	section_id = count(db, "SELECT id FROM sections WHERE slug = 'funeral-and-bereavement-leave'");
	/* HR publishes version 2 effective in 2030: a word only it has. */
	snprintf(
		sql, sizeof sql,
		"INSERT INTO section_versions(section_id, version, title, body_md, body_html, body_text, effective_date, "
		"published_at, published_by, summary) VALUES (%d, 2, 'Funeral and Bereavement Leave', 'x', '<p>x</p>', "
		"'Mourning leave for a quokka.', '2030-01-01', '2026-01-01T00:00:00Z', 'hr', 'test')",
		section_id);
	exec(db, sql);
	ck_assert_ptr_eq(db_begin(db), STATUS_OK);
	ck_assert_ptr_eq(search_reindex_section(db, section_id), STATUS_OK);
	ck_assert_ptr_eq(db_commit(db), STATUS_OK);
	integrity(db);

	run(db, "quokka", TODAY, 1, &r);
	ck_assert_int_eq(r.total, 0); /* not in effect yet */
	search_results_free(&r);
	run(db, "bereavement", TODAY, 1, &r);
	ck_assert_str_eq(r.items[0].url, "/handbook/funeral-and-bereavement-leave");
	search_results_free(&r);
	run(db, "quokka", "2030-01-01", 1, &r);
	ck_assert_int_eq(r.total, 1);
	ck_assert_str_eq(r.items[0].url, "/handbook/funeral-and-bereavement-leave");
	ck_assert_ptr_null(r.suggestion); /* the vocabulary followed the change */
	search_results_free(&r);
	run(db, "immediate family member funeral", "2030-01-01", 1, &r);
	ck_assert_int_eq(position_of(&r, "/handbook/funeral-and-bereavement-leave"), 0); /* the old text is gone */
	search_results_free(&r);

	/* A glossary term edited in place. */
	exec(db, "UPDATE glossary_versions SET definition_text = 'A wombat.' "
		 "WHERE term_id = (SELECT id FROM glossary_terms WHERE slug = 'seniority')");
	ck_assert_ptr_eq(db_begin(db), STATUS_OK);
	ck_assert_ptr_eq(search_reindex_term(db, count(db, "SELECT id FROM glossary_terms WHERE slug = 'seniority'")),
			 STATUS_OK);
	ck_assert_ptr_eq(db_commit(db), STATUS_OK);
	run(db, "wombat", TODAY, 1, &r);
	ck_assert_int_eq(r.total, 1);
	ck_assert_str_eq(r.items[0].url, "/glossary/seniority");
	ck_assert_int_eq(r.items[0].kind, SEARCH_KIND_GLOSSARY);
	search_results_free(&r);

	/* A retired section leaves the index. */
	snprintf(sql, sizeof sql, "UPDATE sections SET retired = 1 WHERE id = %d", section_id);
	exec(db, sql);
	ck_assert_ptr_eq(db_begin(db), STATUS_OK);
	ck_assert_ptr_eq(search_reindex_section(db, section_id), STATUS_OK);
	ck_assert_ptr_eq(db_commit(db), STATUS_OK);
	integrity(db);
	run(db, "bereavement", TODAY, 1, &r);
	ck_assert_int_eq(position_of(&r, "/handbook/funeral-and-bereavement-leave"), 0);
	search_results_free(&r);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM search_docs WHERE kind = 'section' AND owner_id = %d",
		 section_id);
	ck_assert_int_eq(count(db, sql), 0);
	db_close(&db);
}
END_TEST

/* Every change of the index reopens the readers' search state, which
 * registers the ranking function with FTS5; FTS5 keeps every registration
 * until the connection closes, so it must happen once per connection. */
START_TEST(test_ranking_registered_once_per_connection)
{
	static const char *const words[] = { "quokka", "numbat", "wombat" };
	struct db *db = open_copy();
	struct search_results r;
	unsigned long before = store_search_rank_registrations();
	int section_id = count(db, "SELECT id FROM sections WHERE slug = 'funeral-and-bereavement-leave'");
	char sql[512];

	run(db, "bereavement", TODAY, 1, &r);
	ck_assert_str_eq(r.items[0].url, "/handbook/funeral-and-bereavement-leave");
	search_results_free(&r);
	ck_assert_uint_eq(store_search_rank_registrations(), before + 1);
	for (int i = 0; i < 3; i++) {
		/* A new version is a new index row, ranked only by a reopened state. */
		snprintf(sql, sizeof sql,
			 "INSERT INTO section_versions(section_id, version, title, body_md, body_html, body_text, "
			 "effective_date, published_at, published_by, summary) VALUES (%d, %d, "
			 "'Funeral and Bereavement Leave', 'x', '<p>x</p>', 'Leave for a %s.', '2026-01-0%d', "
			 "'2026-01-01T00:00:00Z', 'hr', 'test')",
			 section_id, i + 2, words[i], i + 1);
		exec(db, sql);
		ck_assert_ptr_eq(db_begin(db), STATUS_OK);
		ck_assert_ptr_eq(search_reindex_section(db, section_id), STATUS_OK);
		ck_assert_ptr_eq(db_commit(db), STATUS_OK);
		run(db, words[i], TODAY, 1, &r);
		ck_assert_int_eq(r.total, 1);
		ck_assert_str_eq(r.items[0].url, "/handbook/funeral-and-bereavement-leave");
		search_results_free(&r);
	}
	ck_assert_uint_eq(store_search_rank_registrations(), before + 1);
	db_close(&db);

	/* A new connection registers it again. */
	db = open_shared();
	run(db, "bereavement", TODAY, 1, &r);
	ck_assert_str_eq(r.items[0].url, "/handbook/funeral-and-bereavement-leave");
	search_results_free(&r);
	ck_assert_uint_eq(store_search_rank_registrations(), before + 2);
	db_close(&db);
}
END_TEST

/* Add n handbook sections titled title with body text, in one go. */
static void add_sections(struct db *db, int from, int n, const char *title, const char *body)
{
	char sql[1024];

	snprintf(
		sql, sizeof sql,
		"WITH RECURSIVE k(i) AS (SELECT %d UNION ALL SELECT i + 1 FROM k WHERE i < %d) "
		"INSERT INTO sections(document_id, kind, slug, sort, toc_title) "
		"SELECT (SELECT id FROM documents WHERE slug = 'handbook'), 'section', 'bulk-' || i, 100000 + i, '%s' FROM k",
		from, from + n - 1, title);
	exec(db, sql);
	snprintf(
		sql, sizeof sql,
		"INSERT INTO section_versions(section_id, version, title, body_md, body_html, body_text, effective_date, "
		"published_at, published_by, summary) SELECT id, 1, '%s', 'x', '<p>x</p>', '%s', '2020-01-01', "
		"'2020-01-01T00:00:00Z', 'hr', 'test' FROM sections WHERE slug LIKE 'bulk-%%' "
		"AND CAST(substr(slug, 6) AS INTEGER) BETWEEN %d AND %d",
		title, body, from, from + n - 1);
	exec(db, sql);
}

/* A thesaurus entry ("'words', 'searched'"), seen by the readers' caches. */
static void add_thesaurus_entry(struct db *db, const char *values)
{
	char sql[256];

	snprintf(sql, sizeof sql, "INSERT INTO search_thesaurus(words, searched) VALUES (%s)", values);
	exec(db, sql);
	exec(db,
	     "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key IN ('search.version', 'search.vocabulary')");
}

/* Position of the first result among the added sections from..to. */
static int bulk_position(const struct search_results *r, int from, int to)
{
	for (size_t i = 0; i < r->n; i++) {
		int k = 0;

		if (sscanf(r->items[i].url, "/handbook/bulk-%d", &k) == 1 && k >= from && k <= to)
			return (int)i + 1;
	}
	return 0;
}

/* On a large index, sections with every word come first and are the results
 * when there are enough of them (those with some of the words are not even
 * ranked); with only a few, the others join in, ranked with them. The same
 * for what the thesaurus adds: not needed when the typed words are enough. */
START_TEST(test_large_index_tiers)
{
	struct db *db = open_copy();
	struct search_results r;

#define NOTES 1, 1000     /* quokka wombat habitat */
#define QUOKKA 1001, 1010 /* quokka, in the title too */
#define SURVEY 1011, 2010 /* wombat burrow survey */
#define BOTH 2011, 2015   /* quokka burrow */
	add_sections(db, 1, 1000, "Bulk notes", "Quokka wombat habitat notes.");
	add_sections(db, 1001, 10, "Quokka", "Quokka quokka quokka.");
	add_sections(db, 1011, 1000, "Bulk survey", "Wombat burrow survey.");
	add_sections(db, 2011, 5, "Bulk both", "The quokka burrow.");
	exec(db, "INSERT INTO search_thesaurus(words, searched) VALUES ('marsupial', 'quokka')");
	ck_assert_ptr_eq(db_begin(db), STATUS_OK);
	ck_assert_ptr_eq(search_reindex(db), STATUS_OK);
	ck_assert_ptr_eq(db_commit(db), STATUS_OK);
	integrity(db);

	/* 1,000 sections have both words: they are all there is. */
	run(db, "quokka wombat", TODAY, 1, &r);
	ck_assert_int_eq(r.total, 1000);
	ck_assert_int_eq(r.any, 0);
	ck_assert_int_eq(bulk_position(&r, NOTES), 1);
	ck_assert_int_eq(bulk_position(&r, QUOKKA), 0);
	search_results_free(&r);

	/* Only five have both: every section with either word is ranked, those five first. */
	run(db, "quokka burrow", TODAY, 1, &r);
	ck_assert_int_eq(r.total, 1000 + 10 + 1000 + 5);
	ck_assert_int_eq(r.any, 0);
	ck_assert_int_eq(bulk_position(&r, BOTH), 1);
	ck_assert_int_gt(bulk_position(&r, QUOKKA), 0);
	search_results_free(&r);

	/* The thesaurus: "marsupial" searches "quokka" (1,015 sections), with
	 * "wombat" typed: the typed words alone find none, so the thesaurus
	 * tier answers and says what it searched. */
	run(db, "marsupial wombat", TODAY, 1, &r);
	ck_assert_int_eq(r.total, 1000);
	ck_assert_int_eq(r.also_unused, 0);
	ck_assert_int_eq(also_searched(&r, "quokka"), 1);
	ck_assert_int_eq(bulk_position(&r, NOTES), 1);
	search_results_free(&r);
	/* Typed words that 1,000 sections have: the thesaurus is not needed. */
	add_thesaurus_entry(db, "'habitat', 'burrow'");
	run(db, "wombat habitat", TODAY, 1, &r);
	ck_assert_int_eq(r.total, 1000);
	ck_assert_int_eq(r.also_unused, 1);
	ck_assert_int_eq(bulk_position(&r, NOTES), 1);
	ck_assert_int_eq(bulk_position(&r, SURVEY), 0);
	search_results_free(&r);
	/* An everyday phrase of two words stands for each of them: a section
	 * with only one of the words does not have the whole question. */
	add_thesaurus_entry(db, "'wombat survey', 'quokka'");
	run(db, "wombat survey", TODAY, 1, &r);
	ck_assert_int_eq(r.total, 1000);
	ck_assert_int_eq(bulk_position(&r, SURVEY), 1);
	ck_assert_int_eq(r.any, 0);
	search_results_free(&r);
	/* With a word nothing has, every section with some of them is ranked:
	 * those with the handbook's word for the phrase (in the title) first,
	 * as if they had both words. */
	run(db, "wombat survey zzyzx", TODAY, 1, &r);
	ck_assert_int_ge(r.total, 1000 + 10 + 1000 + 5); /* and the handbook's own surveys */
	ck_assert_int_eq(r.any, 1);
	ck_assert_int_eq(bulk_position(&r, QUOKKA), 1);
	search_results_free(&r);
	db_close(&db);
}
END_TEST

static Suite *search_suite(void)
{
	Suite *s = suite_create("search");
	TCase *tc = tcase_create("query");

	tcase_add_test(tc, test_parse_words_phrases_prefixes);
	tcase_add_test(tc, test_fts_syntax_is_text);
	tcase_add_test(tc, test_long_queries_are_cut);
	tcase_add_test(tc, test_edit_distance);
	tcase_add_test(tc, test_answerbox);
	tcase_add_test(tc, test_snippets_are_escaped);
	tcase_add_test(tc, test_snippet_windows);
	suite_add_tcase(s, tc);

	tc = tcase_create("glossary");
	tcase_add_test(tc, test_mark_first_use_whole_words);
	tcase_add_test(tc, test_mark_never_inside_links_headings_tables);
	tcase_add_test(tc, test_mark_longest_forms_acronyms_and_everyday_words);
	tcase_add_test(tc, test_glossary_refs_and_forms);
	suite_add_tcase(s, tc);

	tc = tcase_create("index");
	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, build_database, remove_database);
	tcase_add_test(tc, test_real_questions);
	tcase_add_test(tc, test_phrase_prefix_and_typos);
	tcase_add_test(tc, test_everyday_words);
	tcase_add_test(tc, test_hostile_empty_and_long_queries);
	tcase_add_test(tc, test_citation_queries);
	tcase_add_test(tc, test_citations_page_order);
	tcase_add_test(tc, test_reindex_writes_nothing_when_nothing_changed);
	tcase_add_test(tc, test_import_writes_one_index_segment);
	tcase_add_test(tc, test_migration_builds_the_same_index);
	tcase_add_test(tc, test_new_versions_future_dates_and_retirement);
	tcase_add_test(tc, test_ranking_registered_once_per_connection);
	tcase_add_test(tc, test_large_index_tiers);
	tcase_add_test(tc, test_backend);
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
	sr = srunner_create(search_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	search_cache_clear();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
