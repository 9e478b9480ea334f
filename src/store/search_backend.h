/* search_backend: what the search engine (src/search/) needs from the
 * database engine that holds its index. Query parsing, the query's plan,
 * suggestions, snippets and result shaping stay in src/search/; the text
 * index, its ranking function and the stemmer are the engine's, and the
 * SQLite one is FTS5 (db/migrations/003_search.sql): search_fts5.c, its
 * ranking function in search_fts5_rank.c.
 *
 * The language between the two:
 * - An expression is what search_expression() writes: double-quoted
 *   strings (inner quotes doubled), each optionally followed by '*' (a
 *   prefix), joined by AND / OR, grouped by parentheses.
 * - A plan tells the ranking how the expression's phrases relate: one
 *   character per phrase, 'a' + its group (none: each phrase its own
 *   group); then optionally '|' and the neighbouring pairs as "first:second"
 *   phrase numbers, comma-separated; then optionally '|' and how many rows
 *   each phrase matches, comma-separated (unknown: counted by the engine).
 *   At most 64 groups and STORE_SEARCH_PLAN_PAIRS pairs count.
 * - Dates are YYYY-MM-DD text, or the number YYYYMMDD ("as_of") where rows
 *   are compared in memory.
 * - A score is lower for a better row. */
#ifndef HR_SEARCH_BACKEND_H
#define HR_SEARCH_BACKEND_H

#include <ClearSilver.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

#define STORE_SEARCH_PLAN_PAIRS 8

/* --- Reading --------------------------------------------------------------- */

/* The engine's state for reading one version of the index on one
 * connection: every row's weight, dates and size (what ranking needs, in
 * memory because looking them up per row cost more than ranking itself),
 * the ranking function and the index's stemmer. Opened once per version of
 * the index (store_search_version), inside the read transaction. */
struct store_search;

/* The index's version (meta 'search.version': it changes with every write)
 * and whether the stored vocabulary was built at that version. */
NEOERR *store_search_version(struct db *db, int64_t *version, int *vocabulary_current);
/* Run fn(db, ctx) in one read transaction, so that everything it reads
 * sees one state of the index; inside a caller's transaction, just fn. */
NEOERR *store_search_read(struct db *db, db_tx_fn fn, void *ctx);

NEOERR *store_search_open(struct db *db, struct store_search **out);
void store_search_close(struct store_search **s);
/* Whether row id of the index exists and is current on as_of (YYYYMMDD). */
int store_search_current(const struct store_search *s, int64_t id, int as_of);
/* The first word of word (len bytes) as the index stores it (lowercase,
 * stemmed) into out; "" when s is NULL or the stem is longer than 48 bytes
 * or does not fit in size. */
void store_search_stem(const struct store_search *s, const char *word, size_t len, char *out, size_t size);
/* The stems of the words of text, one space apart, at most max words into
 * out: returns how many. */
int store_search_stem_words(const struct store_search *s, const char *text, char *out, size_t size, int max);
/* For tests: how many times the ranking function was registered on a
 * connection in this process (once per connection). */
unsigned long store_search_rank_registrations(void);

/* The vocabulary: each word of the index with how many rows have it, from
 * the stored copy when it is current, else from the index itself. */
NEOERR *store_search_vocabulary(struct db *db, int stored, NEOERR *(*each)(void *ctx, const char *word, int docs),
				void *ctx);
/* The thesaurus: everyday words, and the handbook's phrases they stand for
 * (';'-separated). */
NEOERR *store_search_thesaurus(struct db *db, NEOERR *(*each)(void *ctx, const char *words, const char *searched),
			       void *ctx);

/* Every row matching expr that is current on as_of, with its score (ranked
 * with s's rows by plan; NULL plan: each phrase its own group), in no
 * particular order. */
NEOERR *store_search_ranked(struct db *db, struct store_search *s, const char *expr, const char *plan, int as_of,
			    NEOERR *(*each)(void *ctx, int64_t id, double score), void *ctx);
/* Rows of the whole index matching expr (what a phrase's rarity counts). */
NEOERR *store_search_count(struct db *db, const char *expr, int64_t *count);
/* Rows matching expr that are current on as_of, counting at most limit. */
NEOERR *store_search_count_current(struct db *db, const struct store_search *s, const char *expr, int as_of, int limit,
				   int *count);
/* Whether row id matches expr. */
NEOERR *store_search_row_matches(struct db *db, const char *expr, int64_t id, int *yes);

/* One row of the index with what a result shows of it. The strings are
 * valid during the callback. */
struct store_search_doc {
	int glossary; /* a glossary term; else a section */
	const char *title, *body;
	const char *document_slug, *section_slug, *document_title, *document_status; /* sections */
	const char *term_slug;                                                       /* glossary terms */
};
/* Row id through fn; *found = 0 when there is no such row. */
NEOERR *store_search_doc(struct db *db, int64_t id, NEOERR *(*fn)(void *ctx, const struct store_search_doc *d),
			 void *ctx, int *found);

/* A law asked for (see content/citation.h): code, title, chapter, number
 * ("" any) and the whole citation of a subsection ("" any section). */
struct store_search_cite {
	const char *code, *title, *chapter, *number, *subsection_cite;
};
/* The section rows current on as_of (YYYY-MM-DD) whose version cites it,
 * in document order, each with what it cites that matched ("; "-separated). */
NEOERR *store_search_citing(struct db *db, const struct store_search_cite *c, const char *as_of,
			    NEOERR *(*each)(void *ctx, int64_t id, const char *cites), void *ctx);

/* Sections current on as_of (YYYY-MM-DD) matching expr, in document order:
 * fn gets the URL, title, document title and status; nonzero stops. */
typedef int (*store_search_section_fn)(void *ctx, const char *url, const char *title, const char *document,
				       const char *status);
NEOERR *store_search_sections(struct db *db, const char *expr, const char *as_of, store_search_section_fn fn,
			      void *ctx);

/* --- Writing (inside the content writer's transaction) ------------------- */

enum store_search_kind { STORE_SEARCH_SECTION, STORE_SEARCH_GLOSSARY };

/* One indexed version of a section or term. */
struct store_search_row {
	int64_t id; /* the index row (rows read from the index) */
	int64_t version_id;
	double weight;
	char *valid_from, *valid_to, *title, *body;
	int seen; /* for the caller's comparison */
};
void store_search_rows_free(struct store_search_row *rows, size_t n);

/* The rows an owner should have (from its versions; none when it is
 * retired or gone), ordered by version id. */
NEOERR *store_search_rows_wanted(struct db *db, enum store_search_kind kind, int64_t owner,
				 struct store_search_row **rows, size_t *n);
/* The rows the index has for an owner, ordered by version id. */
NEOERR *store_search_rows_indexed(struct db *db, enum store_search_kind kind, int64_t owner,
				  struct store_search_row **rows, size_t *n);
/* The index rows whose section or term no longer exists. */
NEOERR *store_search_rows_orphaned(struct db *db, struct store_search_row **rows, size_t *n);
/* Every section's or term's id, in order. */
NEOERR *store_search_owners(struct db *db, enum store_search_kind kind, int64_t **ids, size_t *n);

NEOERR *store_search_row_insert(struct db *db, enum store_search_kind kind, int64_t owner,
				const struct store_search_row *r);
/* have (read from the index) becomes want. */
NEOERR *store_search_row_update(struct db *db, const struct store_search_row *have,
				const struct store_search_row *want);
NEOERR *store_search_row_delete(struct db *db, const struct store_search_row *r);
/* Count a change of the index (readers' caches follow the version). */
NEOERR *store_search_changed(struct db *db);
/* Rebuild the stored vocabulary if the index changed since it was built;
 * with merge, then also merge the index into one piece (a bulk load: the
 * pieces its statements left each cost every query a read). */
NEOERR *store_search_flush(struct db *db, int merge);

#endif
