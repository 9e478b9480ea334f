/* search_internal: what the files that run a search share (search.c and
 * the files split from it, one job each). Private to src/search/: nothing
 * outside it includes this header; search.h is the module's interface.
 *
 * - search_cache.c: the process cache of the index state (vocabulary,
 *   thesaurus, phrase counts, the engine's ranking data) and lookups in it.
 * - search_hits.c: the rows a search finds, collected from the engine, and
 *   putting the best first.
 * - search_highlight.c: which words of a result are the query's, and the
 *   highlighted HTML of a title or snippet.
 * - search_suggest.c: completions and other forms of the words typed, and
 *   "Did you mean" corrections.
 * - search_plan.c: a question's plan (its phrases in groups, the thesaurus's
 *   additions, neighbouring words) and the tiers that rank what it finds.
 * - search.c: search_run() (citation or text search) and the page of results.
 */
#ifndef HR_SEARCH_INTERNAL_H
#define HR_SEARCH_INTERNAL_H

#include <ClearSilver.h>
#include <stddef.h>
#include <stdint.h>

#include "search/search.h"
#include "store/db.h"
#include "store/search_backend.h"

/* --- The process cache (search_cache.c) -------------------------------- */

#define THESAURUS_MAX_WORDS 4    /* words of an everyday phrase matched */
#define THESAURUS_MAX_SEARCHED 6 /* handbook phrases one entry adds */
#define THESAURUS_KEY_SIZE (THESAURUS_MAX_WORDS * (SEARCH_MAX_WORD + 1))

struct thesaurus_entry {
	char *stems; /* the stems of its words, one space apart */
	char *searched[THESAURUS_MAX_SEARCHED];
	int nsearched;
};

/* Make the cache match the index as the current transaction sees it. */
NEOERR *cache_load(struct db *db);
/* The rows' ranking data and the stemmer of the loaded index. */
struct store_search *cache_engine(void);

/* The word as the index stores it (lowercase, stemmed). */
void stem_word(const char *word, size_t len, char out[SEARCH_MAX_WORD + 1]);

int vocab_known(const char *word);
/* The most used words that start with prefix (longer than it), at most max. */
int vocab_complete(const char *prefix, const char **out, int max);
/* How many rows have word (0 when the vocabulary lacks it). */
int vocab_docs(const char *word);
/* Up to max (at most MAX_CANDIDATES) known words close to word, best first
 * (distance, then use); only those at the smallest distance found. */
#define MAX_CANDIDATES 4
int vocab_candidates(const char *word, const char **out, int max);
/* Other forms of a known word that its stem does not reach, at most max
 * ("disciplin" -> disciplinary, "suspend" -> suspension). */
int vocab_derived_forms(const char *word, const char **out, int max);

/* The entry whose everyday words stem to stems (one space apart), or NULL. */
const struct thesaurus_entry *thesaurus_find(const char *stems);

/* How many rows of the index the FTS5 phrase text matches, as BM25 counts
 * them (kept until the index changes). */
NEOERR *phrase_docs(struct db *db, const char *text, int64_t *docs);

/* --- Hits (search_hits.c) ---------------------------------------------- */

struct hit {
	int64_t id;
	double score;
	char *cites;
};

struct hits {
	struct hit *v;
	size_t n, cap;
};

void hits_free(struct hits *h);
NEOERR *hits_add(struct hits *h, int64_t id, double score, const char *cites);
/* Put the k best hits first, in order (the rest in no order). */
void best_first(struct hit *v, size_t n, size_t k);
/* The index of the best hit (h not empty). */
size_t best_hit(const struct hits *h);
/* For qsort and bsearch of row ids. */
int id_cmp(const void *a, const void *b);

/* Every row matching expr that is current on as_of, with its score (groups:
 * search_rank's plan, or NULL), appended to h unless its id is in skip
 * (sorted, nskip long). */
NEOERR *hits_collect(struct db *db, const char *expr, const char *groups, int as_of, struct hits *h,
		     const int64_t *skip, size_t nskip);
/* Rows matching expr that are current, counting at most up to limit. */
NEOERR *count_matches(struct db *db, const char *expr, int as_of, int limit, int *count);

/* --- Highlighting (search_highlight.c) --------------------------------- */

#define MAX_PATTERNS 64

struct highlight {
	struct {
		char text[SEARCH_MAX_WORD + 1]; /* a stem, or a prefix as typed */
		size_t len;
		int prefix;
	} p[MAX_PATTERNS];
	int n;
	unsigned char first[256]; /* the first bytes of the patterns */
};

/* A word (len bytes) to highlight: its stem, or as typed for a prefix. */
void highlight_add(struct highlight *h, const char *word, size_t len, int prefix);
/* Each word of text (split at anything but letters and digits). */
void highlight_add_words(struct highlight *h, const char *text);
/* A snippet of text of at most words words (all of it when 0) as HTML,
 * the highlighted words in <mark>. */
NEOERR *highlight_html(const char *text, int words, struct highlight *hl, char **out);

/* --- Completions and corrections (search_suggest.c) -------------------- */

/* Fill each clause's alts: completions of prefixes and of words the index
 * does not know, other forms of the words it knows. */
void suggest_completions(struct search_query *q);
/* "Did you mean": the corrected query text, or NULL (covered: the clauses
 * the thesaurus knows, never corrected). */
NEOERR *suggest_correction(struct db *db, const struct search_query *q, const int *covered, int as_of,
			   char **suggestion);

/* --- The plan of a question (search_plan.c) ---------------------------- */

#define PLAN_MAX_PHRASES 160
#define PLAN_MAX_BIGRAMS STORE_SEARCH_PLAN_PAIRS

struct plan_phrase {
	const char *text;
	int prefix;
	int group;
	int thesaurus; /* added by the thesaurus, not typed */
};

struct plan {
	struct plan_phrase p[PLAN_MAX_PHRASES];
	int n, ngroups;
	struct {
		int first, second; /* phrases: neighbouring words as typed */
	} bigram[PLAN_MAX_BIGRAMS];
	int nbigrams;
	const char *also[SEARCH_MAX_ALSO];
	int nalso;
	int covered[SEARCH_MAX_CLAUSES]; /* the clause is an everyday word the thesaurus knows */
};

/* The plan of q, its alts filled (suggest_completions). */
void plan_build(const struct search_query *q, struct plan *pl);
/* The rows the plan finds, ranked, into h; *any: the best row lacks a
 * group; *typed: what the thesaurus adds was not needed. */
NEOERR *plan_search(struct db *db, const struct plan *pl, int as_of, struct hits *h, int *any, int *typed);

/* --- Query text (search_query.c) --------------------------------------- */

/* Lowercase words of text as one FTS5 phrase: "KRS 18A.095" -> "krs 18a 095". */
NEOERR *append_phrase(STRING *out, const char *text);
/* Words joined by spaces into out, word `at` replaced by `with` (unless NULL);
 * words that do not fit are left out. */
void join_words(char *out, size_t outsz, char words[][SEARCH_MAX_WORD + 1], int nw, int at, const char *with);

#endif
