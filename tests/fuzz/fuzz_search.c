/* fuzz_search: what people type into the search box, from the query
 * builder to the index.
 *
 * Input: the search text (up to a NUL; at most 4 KB, as a request line
 * allows). Against a small index built at start from the import seeds
 * (tests/fuzz/corpus/import: handbook, orientation and training extracts,
 * with their glossary terms and citations):
 *
 *   - search_parse: at most SEARCH_MAX_CLAUSES clauses, each of 1 to
 *     SEARCH_MAX_PHRASE_WORDS lowercase words of word bytes only, one space
 *     apart, none longer than SEARCH_MAX_WORD; distinct;
 *   - search_expression (all words, any word): outside its quoted strings
 *     only AND, OR, parentheses, spaces and a prefix '*' after a quote;
 *     SQLite runs it as an FTS5 MATCH without an error (every query is
 *     treated as text);
 *   - search_query_text (the "Did you mean" text) parses back into the
 *     same clauses;
 *   - search_run never fails, pages are consistent, titles and snippets
 *     are escaped HTML whose only tags are balanced <mark> pairs;
 *   - search_marked_html of the raw text is escaped the same way;
 *   - search_edit_distance is symmetric, zero on equal words, capped;
 *   - the answer box (answerbox_match over the text and what the thesaurus
 *     added) names a whole tool with a URL the portal serves, or none;
 *     answerbox_asks_definition is true only when the text has every
 *     word of the term (checked for the results' titles). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ClearSilver.h>
#include <sqlite3.h>

#include "corpus/corpus.h"
#include "store/db.h"
#include "core/errors.h"
#include "fuzz.h"
#include "fuzz_portal.h"
#include "corpus/import.h"
#include "search/answerbox.h"
#include "search/search.h"
#include "store/db_sqlite.h"

static struct db *db;
static char tmpdir[512];

static void cleanup(void)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	char path[sizeof tmpdir + 32];

	search_cache_clear();
	db_close(&db);
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/hrportal.db%s", tmpdir, suffixes[i]);
		unlink(path);
	}
	rmdir(tmpdir);
}

static NEOERR *import_seed(const char *name, NEOERR *(*parse)(const char *, size_t, struct corpus_document *), int sort,
			   struct import_stats *stats)
{
	char path[4096], *data = NULL;
	size_t len = 0;
	struct corpus_document doc;
	NEOERR *err;

	memset(&doc, 0, sizeof doc);
	snprintf(path, sizeof path, "%s/tests/fuzz/corpus/import/%s", fuzz_srcdir(), name);
	err = import_read_file(path, &data, &len);
	if (err == STATUS_OK)
		err = parse(data, len, &doc);
	if (err == STATUS_OK)
		err = import_document(db, &doc, sort, stats);
	corpus_document_free(&doc);
	free(data);
	return nerr_pass_ctx(err, "importing %s", name);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *base = getenv("TMPDIR");
	char path[sizeof tmpdir + 32];
	struct import_stats stats;
	NEOERR *err;

	(void)argc;
	(void)argv;
	if (base == NULL || *base == '\0')
		base = P_tmpdir;
	if ((size_t)snprintf(tmpdir, sizeof tmpdir, "%s/hrportal-fuzz-search-XXXXXX", base) >= sizeof tmpdir ||
	    mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(path, sizeof path, "%s/hrportal.db", tmpdir);
	atexit(cleanup);
	memset(&stats, 0, sizeof stats);
	err = errors_init();
	if (err == STATUS_OK)
		err = db_open(path, DB_CREATE_MIGRATE, &db);
	if (err == STATUS_OK)
		err = db_begin(db);
	if (err == STATUS_OK)
		err = import_seed("handbook-general", corpus_parse_handbook, 1, &stats);
	if (err == STATUS_OK)
		err = import_seed("orientation-start", corpus_parse_orientation, 2, &stats);
	if (err == STATUS_OK)
		err = import_seed("training-page", corpus_parse_training, 3, &stats);
	if (err == STATUS_OK)
		err = search_index_flush(db);
	if (err == STATUS_OK)
		err = db_commit(db);
	if (err != STATUS_OK)
		fuzz_die(err, "building the search index");
	if (stats.sections < 3)
		fuzz_die(nerr_raise(NERR_ASSERT, "only %d sections", stats.sections), "building the search index");
	return 0;
}

static int word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

static void check_parse(const struct search_query *q)
{
	if (q->n < 0 || q->n > SEARCH_MAX_CLAUSES)
		fuzz_fail("%d clauses", q->n);
	for (int i = 0; i < q->n; i++) {
		const struct search_clause *c = &q->clauses[i];
		int words = 1;
		size_t wlen = 0;

		if (memchr(c->text, '\0', sizeof c->text) == NULL || c->text[0] == '\0')
			fuzz_fail("clause %d: empty or unterminated", i);
		for (const char *p = c->text; *p; p++) {
			if (*p == ' ') {
				if (p[1] == ' ' || p[1] == '\0' || p == c->text)
					fuzz_fail("clause %d: stray space in \"%s\"", i, c->text);
				words++;
				wlen = 0;
			} else if (!word_byte((unsigned char)*p)) {
				fuzz_fail("clause %d: byte 0x%02x in \"%s\"", i, (unsigned char)*p, c->text);
			} else if (++wlen > SEARCH_MAX_WORD) {
				fuzz_fail("clause %d: a word longer than %d bytes", i, SEARCH_MAX_WORD);
			}
		}
		if (words != c->nwords || words > SEARCH_MAX_PHRASE_WORDS)
			fuzz_fail("clause %d: %d words counted as %d: \"%s\"", i, words, c->nwords, c->text);
		if ((c->kind == SEARCH_PHRASE) != (words > 1))
			fuzz_fail("clause %d: kind %d for %d words", i, (int)c->kind, words);
		if (c->nalts != 0)
			fuzz_fail("clause %d: alternatives from the parser", i);
		for (int k = 0; k < i; k++)
			if (q->clauses[k].kind == c->kind && strcmp(q->clauses[k].text, c->text) == 0)
				fuzz_fail("clause %d repeats clause %d: \"%s\"", i, k, c->text);
	}
}

/* Outside its quoted strings an expression has only the operators. */
static void check_expression_shape(const char *e)
{
	const char *p = e;

	while (*p) {
		if (*p == '"') {
			for (p++;; p++) {
				if (*p == '\0')
					fuzz_fail("unterminated string in %s", e);
				if (*p == '"' && p[1] == '"')
					p++;
				else if (*p == '"')
					break;
			}
			p++;
			if (*p == '*')
				p++;
		} else if (strncmp(p, " AND ", 5) == 0) {
			p += 5;
		} else if (strncmp(p, " OR ", 4) == 0) {
			p += 4;
		} else if (*p == '(' || *p == ')') {
			p++;
		} else {
			fuzz_fail("'%c' outside a string in %s", *p, e);
		}
	}
}

/* SQLite takes the expression as an FTS5 query without an error. */
static void check_match(const char *e)
{
	sqlite3 *h = db_sqlite_handle(db);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(h, "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?1", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, e, -1, SQLITE_TRANSIENT);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		fuzz_fail("MATCH %s: %s", e, sqlite3_errmsg(h));
	sqlite3_finalize(st);
}

static void check_expressions(const struct search_query *q)
{
	for (int any = 0; any <= 1; any++) {
		STRING e;
		NEOERR *err;

		string_init(&e);
		err = search_expression(q, any, &e);
		if (err != STATUS_OK)
			fuzz_die(err, "search_expression");
		if ((q->n > 0) != (e.len > 0))
			fuzz_fail("%d clauses give the expression \"%s\"", q->n, e.buf ? e.buf : "");
		if (e.len > 0) {
			check_expression_shape(e.buf);
			check_match(e.buf);
		}
		string_clear(&e);
	}
}

static void check_text_round_trip(const struct search_query *q)
{
	struct search_query *again = malloc(sizeof *again);
	STRING t;
	NEOERR *err;

	if (again == NULL)
		abort();
	string_init(&t);
	err = search_query_text(q, NULL, &t);
	if (err != STATUS_OK)
		fuzz_die(err, "search_query_text");
	search_parse(t.buf ? t.buf : "", again);
	if (again->n != q->n)
		fuzz_fail("\"%s\" parses into %d clauses, not %d", t.buf, again->n, q->n);
	for (int i = 0; i < q->n; i++)
		if (again->clauses[i].kind != q->clauses[i].kind ||
		    strcmp(again->clauses[i].text, q->clauses[i].text) != 0)
			fuzz_fail("clause %d of \"%s\" reads back as %d \"%s\", not %d \"%s\"", i, t.buf,
				  (int)again->clauses[i].kind, again->clauses[i].text, (int)q->clauses[i].kind,
				  q->clauses[i].text);
	string_clear(&t);
	free(again);
}

/* Escaped text whose only tags are balanced <mark> ... </mark>. */
static void check_html(const char *what, const char *html)
{
	int open = 0;

	if (html == NULL)
		fuzz_fail("%s: NULL", what);
	for (const char *p = html; *p; p++) {
		if (*p == '<') {
			if (strncmp(p, "<mark>", 6) == 0 && !open)
				open = 1;
			else if (strncmp(p, "</mark>", 7) == 0 && open)
				open = 0;
			else
				fuzz_fail("%s: a stray tag in %.500s", what, html);
		} else if (*p == '>' && !(p >= html + 5 && (strncmp(p - 5, "<mark>", 6) == 0 ||
							    (p >= html + 6 && strncmp(p - 6, "</mark>", 7) == 0)))) {
			fuzz_fail("%s: an unescaped '>' in %.500s", what, html);
		} else if (*p == '"' || *p == '\'') {
			fuzz_fail("%s: an unescaped quote in %.500s", what, html);
		} else if ((unsigned char)*p < 0x20) {
			fuzz_fail("%s: control byte 0x%02x in %.500s", what, (unsigned char)*p, html);
		}
	}
	if (open)
		fuzz_fail("%s: an unclosed <mark> in %.500s", what, html);
}

static void check_answer(const char *text, const struct search_results *r)
{
	struct answerbox_tool tool;

	if (answerbox_match(text, (const char *const *)r->also_searched, r->nalso, &tool)) {
		if (tool.title == NULL || tool.title[0] == '\0' || answerbox_kind_name(tool.kind) == NULL)
			fuzz_fail("answer for \"%.300s\" has no title or kind", text);
		if (strncmp(tool.url, "/wizards/", 9) != 0 && strncmp(tool.url, "/calculators/", 13) != 0 &&
		    !(strncmp(tool.url, "/forms/", 7) == 0 && strstr(tool.url, "/new") != NULL))
			fuzz_fail("answer for \"%.300s\" starts at %s", text, tool.url);
		if (tool.kind != ANSWER_FORM && (tool.question == NULL || tool.question[0] == '\0'))
			fuzz_fail("answer %s has no first question", tool.url);
	}
	for (size_t i = 0; i < r->n; i++)
		if (answerbox_asks_definition(text, r->items[i].title) && r->items[i].title[0] == '\0')
			fuzz_fail("\"%.300s\" asks what an empty term means", text);
	if (answerbox_asks_definition("", "leave") || answerbox_match("", NULL, 0, &tool))
		fuzz_fail("empty text has an answer");
}

static void check_run(const char *text, const char *as_of, int page)
{
	struct search_results r;
	NEOERR *err = search_run(db, text, as_of, page, 5, &r);

	if (err != STATUS_OK) {
		STRING s;

		string_init(&s);
		nerr_error_traceback(err, &s);
		fuzz_fail("search_run failed on \"%.300s\": %s", text, s.buf ? s.buf : "");
	}
	if (r.total < 0 || r.n > 5 || (size_t)r.total < r.n + (size_t)(r.page - 1) * 5 * (r.n > 0))
		fuzz_fail("page %d: %zu results of %d", r.page, r.n, r.total);
	for (size_t i = 0; i < r.n; i++) {
		const struct search_result *x = &r.items[i];

		if (x->url == NULL || x->url[0] != '/' || x->title == NULL || x->document == NULL ||
		    x->status == NULL || x->cites == NULL)
			fuzz_fail("result %zu incomplete", i);
		check_html("title", x->title_html);
		check_html("snippet", x->snippet_html);
	}
	if (r.suggestion != NULL) {
		struct search_query *q = malloc(sizeof *q);

		if (q == NULL)
			abort();
		search_parse(r.suggestion, q);
		if (q->n == 0)
			fuzz_fail("suggestion \"%s\" searches for nothing", r.suggestion);
		free(q);
	}
	check_answer(text, &r);
	search_results_free(&r);
}

static void check_distance(const struct search_query *q)
{
	const char *a = q->n > 0 ? q->clauses[0].text : "";
	const char *b = q->n > 1 ? q->clauses[1].text : "leave";

	for (int max = 0; max <= 3; max++) {
		int ab = search_edit_distance(a, b, max), ba = search_edit_distance(b, a, max);

		if (ab != ba || ab < 0 || ab > max + 1)
			fuzz_fail("edit distance \"%s\" \"%s\" max %d: %d and %d", a, b, max, ab, ba);
		if (search_edit_distance(a, a, max) != (strlen(a) > SEARCH_MAX_WORD ? max + 1 : 0))
			fuzz_fail("edit distance of \"%s\" to itself", a);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct search_query *q;
	char *text;
	STRING html;
	NEOERR *err;

	if (size > 4096)
		return 0;
	text = fuzz_cstring(data, size);
	q = malloc(sizeof *q);
	if (q == NULL)
		abort();
	search_parse(text, q);
	check_parse(q);
	check_expressions(q);
	check_text_round_trip(q);
	check_distance(q);
	string_init(&html);
	err = search_marked_html(text, &html);
	if (err != STATUS_OK)
		fuzz_die(err, "search_marked_html");
	check_html("marked", html.buf ? html.buf : "");
	string_clear(&html);
	/* One search a run (it is most of the time): today's index or an
	 * old date, first or a later page. */
	check_run(text, size % 2 ? "2010-06-01" : "2027-01-05", 1 + (int)(size % 3));
	free(q);
	free(text);
	return 0;
}
