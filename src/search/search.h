/* search: finding things in the handbook, the other documents and the
 * glossary with one text index, held by the database engine behind
 * store/search_backend.h (SQLite FTS5: db/migrations/003_search.sql).
 *
 * What it offers:
 * - Index maintenance (search_index.c): search_reindex_section() and
 *   search_reindex_term() bring the index in step with one section or
 *   glossary term (all of its versions; a retired one leaves the index) and
 *   write only what differs; search_reindex() does every one. Whoever writes
 *   content (the importer, HR publishing) calls them in its transaction and
 *   then search_index_flush() once, before committing (the importer:
 *   search_index_flush_bulk()).
 * - Queries (search_query.c, pure): any text a user types is turned into
 *   clauses (words, "quoted phrases", prefix*) and then into an FTS5
 *   expression in which every clause is a quoted string, so FTS5 syntax in
 *   the input ("AND", "NEAR(", '"', '*') is only ever searched as words.
 *   Also the edit distance used for "Did you mean" and the conversion of
 *   FTS5 highlight markers into escaped HTML.
 * - Searching (search.c and the files search_internal.h lists): search_run()
 *   answers a query as of a date with a ranked page of results (bm25; a
 *   title or term match weighs 8 times a body match; historical and
 *   reference documents count for less), the total, a spelling suggestion
 *   built from the index's own vocabulary, and citation queries
 *   ("KRS 18A.095", "101 KAR 2:102") answered from the citations the
 *   sections make.
 */
#ifndef HR_SEARCH_H
#define HR_SEARCH_H

#include <ClearSilver.h>
#include <stddef.h>

#include "store/db.h"

/* --- Index maintenance (search_index.c) -------------------------------- */

NEOERR *search_reindex_section(struct db *db, int64_t section_id);
NEOERR *search_reindex_term(struct db *db, int64_t term_id);
/* Every section and term, drop rows whose owner is gone, and flush (bulk). */
NEOERR *search_reindex(struct db *db);
/* After reindexing: rebuild the stored vocabulary (the words of the index
 * with their counts, for completions and "Did you mean") if the index
 * changed. Reads the whole index, so call it once per transaction. Until it
 * runs, searches still work but read the vocabulary from the index itself. */
NEOERR *search_index_flush(struct db *db);
/* The same after a bulk load (the importer, search_reindex): if the index
 * changed, also merge it into one piece so that queries read it once. */
NEOERR *search_index_flush_bulk(struct db *db);

/* --- Queries (search_query.c, no I/O) ---------------------------------- */

#define SEARCH_MAX_CLAUSES 16 /* words and phrases searched; the rest is ignored */
#define SEARCH_MAX_WORD 48    /* bytes of one word kept */
#define SEARCH_MAX_PHRASE_WORDS 8
#define SEARCH_MAX_ALTS 16 /* completions of a prefix or an unknown word */
#define SEARCH_MAX_ALSO 8  /* thesaurus phrases reported as "also searched" */

enum search_clause_kind {
	SEARCH_WORD,   /* one word */
	SEARCH_PREFIX, /* a word typed with a trailing '*' */
	SEARCH_PHRASE, /* several words in order: "sick leave", or "18A.095" */
};

struct search_clause {
	enum search_clause_kind kind;
	char text[SEARCH_MAX_PHRASE_WORDS * (SEARCH_MAX_WORD + 1)]; /* lowercase words, one space apart */
	int nwords;
	int stop;   /* a lone common word ("the", "and", "how", "much") */
	int quoted; /* typed in double quotes: searched exactly as it is */
	/* Filled by the searcher from the vocabulary: other words this clause
	 * also matches (completions of a prefix or of an unknown word). */
	const char *alts[SEARCH_MAX_ALTS];
	int nalts;
};

struct search_query {
	struct search_clause clauses[SEARCH_MAX_CLAUSES];
	int n;
	int truncated; /* the text had more than SEARCH_MAX_CLAUSES clauses */
};

/* Split user text into clauses. Text between a pair of double quotes is a
 * phrase; an unpaired quote is ignored. Elsewhere, each run of non-space
 * characters is a word, or a phrase when punctuation splits it into several
 * words ("18A.095", "sick-leave"), or a prefix when it ends in '*'. Runs
 * without a letter or digit are dropped. Never fails. */
void search_parse(const char *text, struct search_query *q);

/* The FTS5 MATCH expression for q: clauses joined by AND (by OR when any is
 * set); lone common words are left out unless nothing else remains. Every
 * word and phrase is a double-quoted FTS5 string. Empty when q has no
 * clause. */
NEOERR *search_expression(const struct search_query *q, int any, STRING *out);

/* s as one FTS5 string ("..." with inner quotes doubled), appended to out. */
NEOERR *search_quote(STRING *out, const char *s);

/* The query as text again, with clause i replaced by replace[i] when that is
 * not NULL (a spelling suggestion); phrases are quoted, prefixes keep '*'. */
NEOERR *search_query_text(const struct search_query *q, const char *const *replace, STRING *out);

/* Optimal string alignment distance (insertions, deletions, substitutions,
 * transpositions of neighbours) between a and b in bytes; any value above
 * max is reported as max + 1 (the computation stops early). */
int search_edit_distance(const char *a, const char *b, int max);
/* Whether a and b are two forms of one word by its regular endings
 * ("suspend", "suspended"; "state", "stating"): not the same word, and not
 * a misspelling. Lowercase ASCII words. */
int search_same_word_forms(const char *a, const char *b);

/* Text with FTS5 markers (\x01 opens a match, \x02 closes it) as HTML: all
 * text escaped, matches in <mark>...</mark> (always balanced), other control
 * characters dropped, and the rules of tables in the plain text ("| a | b |",
 * "| --- |") shown as a middle dot between cells. Appends to out. */
NEOERR *search_marked_html(const char *marked, STRING *out);

/* --- Snippets (search_snippet.c, no I/O) -------------------------------- */

/* Whether a word of a text is one of the query's: 0, or 1 + the index of
 * the query word it matches (so different query words can be told apart). */
typedef int (*search_match_fn)(void *ctx, const char *word, size_t len);

/* The part of text of at most max_words words (all of it when 0) with the
 * most different query words, then the most matches, starting a few words
 * before its first match; matched words between \x01 and \x02 (neighbours
 * share one mark), "…" where the text was cut, white space runs as one
 * space. Turn it into HTML with search_marked_html(). */
NEOERR *search_snippet(const char *text, int max_words, search_match_fn match, void *ctx, STRING *out);

/* --- Searching (search.c) ---------------------------------------------- */

enum search_kind { SEARCH_KIND_SECTION, SEARCH_KIND_GLOSSARY };

struct search_result {
	enum search_kind kind;
	char *title;        /* plain text */
	char *title_html;   /* escaped, query words in <mark> */
	char *url;          /* local path */
	char *document;     /* document title ("" for glossary terms) */
	char *status;       /* document status: current, historical, reference ("" for terms) */
	char *snippet_html; /* escaped, query words in <mark> */
	char *cites;        /* citation searches: what this section cites that matched ("" otherwise) */
};

struct search_results {
	int total; /* results in all pages */
	int page, per_page;
	int any;                              /* no result had every word; these have some of them */
	int truncated;                        /* only the first SEARCH_MAX_CLAUSES clauses were searched */
	int empty;                            /* the query had nothing to search for */
	int citation;                         /* answered as a search for a citation */
	char cite[96];                        /* the (first) citation searched for, normalized */
	char cite_anchor[96];                 /* its anchor on /citations */
	char *suggestion;                     /* "Did you mean": the corrected query text, or NULL */
	char *also_searched[SEARCH_MAX_ALSO]; /* the handbook's words the thesaurus added ("annual leave") */
	int nalso;
	int also_unused; /* enough sections have every word as typed (a large
				 index): they are the results, and also_searched
				 was not needed (still what the question means) */
	struct search_result *items;
	size_t n;
};

/* Search text as of a date (YYYY-MM-DD): page (from 1) of per_page results.
 * Never fails because of what the text contains. */
NEOERR *search_run(struct db *db, const char *text, const char *as_of, int page, int per_page,
		   struct search_results *out);
void search_results_free(struct search_results *r);

/* Sections (current as of the date) whose text matches an FTS5 expression
 * (quoted strings only, as search_expression() writes), in document order:
 * calls fn for each with its URL, title, document title and document status;
 * stops early when fn returns nonzero. */
typedef int (*search_section_fn)(void *ctx, const char *url, const char *title, const char *document,
				 const char *status);
NEOERR *search_sections_matching(struct db *db, const char *expression, const char *as_of, search_section_fn fn,
				 void *ctx);

/* Free the per-process vocabulary cache (search_cache.c; at exit, for leak
 * checkers). */
void search_cache_clear(void);

#endif
