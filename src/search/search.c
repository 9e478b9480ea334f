/* search: running searches against the index (see search.h). */
#include "search/search.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/citation.h"
#include "store/db_sqlite.h"

/* Ranking: BM25 (k1 1.2, b 0.75) over both columns, a match in a title or
 * a glossary term counting 8 times a match in the text, normalised by the
 * row's size against the average, times the row's weight (historical and
 * reference documents count for less). It is computed by our own FTS5
 * auxiliary function (search_rank) because FTS5's bm25() looks up each
 * row's size in the index's docsize table, which costs more than the rest
 * of ranking together; the sizes, weights and dates of all rows are small
 * and kept in memory instead (struct rowinfo). */
#define RANK_K1 1.2
#define RANK_B 0.75
#define RANK_TITLE 8.0
#define RANK_BONUS 0.5     /* neighbouring query words found as a phrase */
#ifndef BIGRAM_IDF
#define BIGRAM_IDF(a, b) ((a) > (b) ? (a) : (b))
#endif

#define SNIPPET_TOKENS "28"

/* --- Per-process cache, reloaded when the index changes ------------------ */

struct vocab_word {
	const char *word;
	int docs;
};

struct rowinfo {
	float weight;
	int from, to;         /* YYYYMMDD: current from, until before */
	int size;             /* < 0: no such row */
};

static struct cache {
	unsigned long db_serial;   /* the connection it was loaded from */
	sqlite3 *registered;  /* connection search_rank was registered on */
	fts5_tokenizer stemmer_api;   /* the index's tokenizer, for highlighting */
	Fts5Tokenizer *stemmer;
	long long version;    /* meta 'search.version' loaded */
	int loaded;
	/* The vocabulary, sorted. */
	char *pool;
	struct vocab_word *words;
	size_t nwords;
	/* Rows by id - base. */
	struct rowinfo *rows;
	int64_t base;
	size_t nrows;
	double avgsize;
	/* The thesaurus (search_thesaurus), sorted by the stems of its words. */
	struct thesaurus_entry *thesaurus;
	size_t nthesaurus;
	/* How many rows each phrase searched so far matches (for its idf), by
	 * its FTS5 text: an open-addressing table, filled as queries come. */
	struct phrase_docs {
		char *text;
		int64_t docs;
	} *phrases;
	size_t nphrases;
} cache;

/* Phrases remembered per index version; beyond that, counted each time. */
#define PHRASE_CACHE_SLOTS 8192
#define PHRASE_CACHE_MAX (PHRASE_CACHE_SLOTS / 2)

#define THESAURUS_MAX_WORDS 4     /* words of an everyday phrase matched */
#define THESAURUS_MAX_SEARCHED 6  /* handbook phrases one entry adds */

struct thesaurus_entry {
	char *stems;          /* the stems of its words, one space apart */
	char *searched[THESAURUS_MAX_SEARCHED];
	int nsearched;
};

static void thesaurus_free(void)
{
	for (size_t i = 0; i < cache.nthesaurus; i++) {
		free(cache.thesaurus[i].stems);
		for (int k = 0; k < cache.thesaurus[i].nsearched; k++)
			free(cache.thesaurus[i].searched[k]);
	}
	free(cache.thesaurus);
}

void search_cache_clear(void)
{
	if (cache.stemmer != NULL)
		cache.stemmer_api.xDelete(cache.stemmer);
	free(cache.pool);
	free(cache.words);
	free(cache.rows);
	thesaurus_free();
	if (cache.phrases != NULL)
		for (size_t i = 0; i < PHRASE_CACHE_SLOTS; i++)
			free(cache.phrases[i].text);
	free(cache.phrases);
	memset(&cache, 0, sizeof cache);
}

static int date_number(const char *d)
{
	int y = 0, m = 0, day = 0;

	if (sscanf(d, "%4d-%2d-%2d", &y, &m, &day) != 3)
		return 0;
	return y * 10000 + m * 100 + day;
}

static const struct rowinfo *row_info(int64_t id)
{
	if (id < cache.base || (size_t)(id - cache.base) >= cache.nrows || cache.rows[id - cache.base].size < 0)
		return NULL;
	return &cache.rows[id - cache.base];
}

static int row_current(int64_t id, int as_of)
{
	const struct rowinfo *r = row_info(id);

	return r != NULL && r->from <= as_of && as_of < r->to;
}

static int vocab_cmp(const void *a, const void *b)
{
	return strcmp(((const struct vocab_word *)a)->word, ((const struct vocab_word *)b)->word);
}

static NEOERR *load_vocabulary(struct db *db, int stored)
{
	struct db_stmt *st;
	size_t cap = 0, pool_len = 0, pool_cap = 0;
	int row = 0;
	/* The stored copy, unless a writer has not refreshed it yet. */
	NEOERR *err = db_stmt(db, stored ? "SELECT term, docs FROM search_vocabulary"
					 : "SELECT term, doc FROM search_vocab", &st);

	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		const char *term = db_text(st, 0);
		size_t len = strlen(term);

		if (len == 0 || len > SEARCH_MAX_WORD)
			continue;
		if (cache.nwords == cap) {
			struct vocab_word *bigger = realloc(cache.words, (cap = cap ? cap * 2 : 4096) * sizeof *bigger);

			if (bigger == NULL) {
				err = nerr_raise(NERR_NOMEM, "search vocabulary");
				break;
			}
			cache.words = bigger;
		}
		if (pool_len + len + 1 > pool_cap) {
			char *bigger = realloc(cache.pool, pool_cap = (pool_cap ? pool_cap * 2 : 65536) + len + 1);

			if (bigger == NULL) {
				err = nerr_raise(NERR_NOMEM, "search vocabulary");
				break;
			}
			cache.pool = bigger;
		}
		memcpy(cache.pool + pool_len, term, len + 1);
		/* Offsets for now: the pool may still move. */
		cache.words[cache.nwords].word = (const char *)(uintptr_t)pool_len;
		cache.words[cache.nwords].docs = db_int(st, 1);
		cache.nwords++;
		pool_len += len + 1;
	}
	db_done(st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (size_t i = 0; i < cache.nwords; i++)
		cache.words[i].word = cache.pool + (uintptr_t)cache.words[i].word;
	if (cache.nwords > 1)
		qsort(cache.words, cache.nwords, sizeof *cache.words, vocab_cmp);
	return STATUS_OK;
}

static NEOERR *load_rows(struct db *db)
{
	struct db_stmt *st;
	int64_t lo = 0, hi = -1;
	double total = 0;
	size_t n = 0;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT min(id), max(id) FROM search_docs", &st);

	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row && !db_is_null(st, 0)) {
		lo = db_int64(st, 0);
		hi = db_int64(st, 1);
	}
	db_done(st);
	if (err != STATUS_OK || hi < lo)
		return nerr_pass(err);
	cache.base = lo;
	cache.nrows = (size_t)(hi - lo + 1);
	cache.rows = malloc(cache.nrows * sizeof *cache.rows);
	if (cache.rows == NULL)
		return nerr_raise(NERR_NOMEM, "search rows");
	for (size_t i = 0; i < cache.nrows; i++)
		cache.rows[i].size = -1;
	/* Read from the covering index search_docs_rank, not the text. */
	err = db_stmt(db, "SELECT id, weight, valid_from, valid_to, size FROM search_docs INDEXED BY search_docs_rank",
		      &st);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		int64_t id = db_int64(st, 0);
		struct rowinfo *r;

		if (id < lo || id > hi)
			continue;
		r = &cache.rows[id - lo];
		r->weight = (float)db_double(st, 1);
		r->from = date_number(db_text(st, 2));
		r->to = date_number(db_text(st, 3));
		r->size = db_int(st, 4);
		total += r->size;
		n++;
	}
	db_done(st);
	cache.avgsize = n ? total / (double)n : 1;
	if (cache.avgsize <= 0)
		cache.avgsize = 1;
	return nerr_pass(err);
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *count)
{
	(void)api;
	(void)fts;
	(*(int64_t *)count)++;
	return SQLITE_OK;
}

#define RANK_MAX_BIGRAMS 8

/* What search_rank computes once per query: how rare each phrase is, which
 * group of the query each phrase belongs to, and which pairs of phrases are
 * neighbouring words of the query as typed. */
struct rank_query {
	int nphrase, ngroups, nbigrams;
	double *idf;
	int64_t *docs;  /* per phrase: the rows it matches, or -1: count them */
	double gidf[64];      /* per group: its rarest phrase's idf */
	double idf_total;     /* their sum */
	signed char *group;   /* per phrase: its group */
	struct {
		int first, second;   /* phrases */
	} bigram[RANK_MAX_BIGRAMS];
};

static void rank_query_free(void *p)
{
	struct rank_query *rq = p;

	if (rq == NULL)
		return;
	sqlite3_free(rq->idf);
	sqlite3_free(rq->docs);
	sqlite3_free(rq->group);
	sqlite3_free(rq);
}

/* plan: one character per phrase of the expression, 'a' + its group (none:
 * each phrase its own group); then optionally '|' and the neighbouring
 * pairs as "first:second" phrase numbers, comma-separated; then optionally
 * '|' and how many rows each phrase matches, comma-separated. */
static void rank_query_parse(struct rank_query *rq, const char *plan)
{
	size_t ngroup_chars = plan ? strcspn(plan, "|") : 0;
	const char *pairs = plan && plan[ngroup_chars] == '|' ? plan + ngroup_chars + 1 : "";
	const char *docs = strchr(pairs, '|');
	char *end;

	for (int p = 0; p < rq->nphrase; p++) {
		char g = (size_t)p < ngroup_chars ? plan[p] : (char)('a' + p % 64);

		rq->group[p] = (signed char)((g - 'a') & 63);
		if (rq->group[p] >= rq->ngroups)
			rq->ngroups = rq->group[p] + 1;
		rq->docs[p] = -1;
	}
	while (*pairs && *pairs != '|' && rq->nbigrams < RANK_MAX_BIGRAMS) {
		long first = strtol(pairs, &end, 10), second;

		if (*end != ':')
			break;
		second = strtol(end + 1, &end, 10);
		if (first >= 0 && second >= 0 && first < rq->nphrase && second < rq->nphrase) {
			rq->bigram[rq->nbigrams].first = (int)first;
			rq->bigram[rq->nbigrams].second = (int)second;
			rq->nbigrams++;
		}
		if (*end != ',')
			break;
		pairs = end + 1;
	}
	for (int p = 0; docs != NULL && p < rq->nphrase; p++) {
		long long n = strtoll(docs + 1, &end, 10);

		if (end == docs + 1 || n < 0)
			break;
		rq->docs[p] = n;
		if (*end != ',')
			break;
		docs = end;
	}
}

static struct rank_query *rank_query_new(const Fts5ExtensionApi *api, Fts5Context *fts, const char *plan, int *rc)
{
	struct rank_query *rq = sqlite3_malloc64(sizeof *rq);
	int nphrase = api->xPhraseCount(fts);
	sqlite3_int64 nrow = 0;

	if (rq == NULL) {
		*rc = SQLITE_NOMEM;
		return NULL;
	}
	memset(rq, 0, sizeof *rq);
	rq->nphrase = nphrase;
	rq->idf = sqlite3_malloc64(sizeof *rq->idf * (size_t)(nphrase + 1));
	rq->docs = sqlite3_malloc64(sizeof *rq->docs * (size_t)(nphrase + 1));
	rq->group = sqlite3_malloc64((size_t)(nphrase + 1));
	if (rq->idf == NULL || rq->docs == NULL || rq->group == NULL) {
		rank_query_free(rq);
		*rc = SQLITE_NOMEM;
		return NULL;
	}
	rank_query_parse(rq, plan);
	*rc = api->xRowCount(fts, &nrow);
	for (int p = 0; p < nphrase && *rc == SQLITE_OK; p++) {
		int64_t hits = rq->docs[p];

		if (hits < 0) {
			hits = 0;
			*rc = api->xQueryPhrase(fts, p, &hits, count_row);
		}
		rq->idf[p] = log(((double)nrow - (double)hits + 0.5) / ((double)hits + 0.5));
		if (rq->idf[p] <= 0)
			rq->idf[p] = 1e-6;
	}
	if (*rc != SQLITE_OK) {
		rank_query_free(rq);
		return NULL;
	}
	for (int p = 0; p < nphrase; p++)
		if (rq->idf[p] > rq->gidf[rq->group[p]])
			rq->gidf[rq->group[p]] = rq->idf[p];
	for (int g = 0; g < rq->ngroups; g++)
		rq->idf_total += rq->gidf[g];
	if (rq->idf_total <= 0)
		rq->idf_total = 1;
	return rq;
}

/* How often phrase second follows phrase first in the row (title words
 * counting RANK_TITLE times): both position lists in order, side by side,
 * so that neighbouring words cost no phrase query over the whole index. */
static double bigram_count(const Fts5ExtensionApi *api, Fts5Context *fts, int first, int second)
{
	Fts5PhraseIter a, b;
	int ca = -1, oa = 0, cb = -1, ob = 0;
	double tf = 0;

	if (api->xPhraseFirst(fts, first, &a, &ca, &oa) != SQLITE_OK ||
	    api->xPhraseFirst(fts, second, &b, &cb, &ob) != SQLITE_OK)
		return 0;
	while (ca >= 0 && cb >= 0) {
		if (ca == cb && oa + 1 == ob) {
			tf += ca == 0 ? RANK_TITLE : 1.0;
			api->xPhraseNext(fts, &a, &ca, &oa);
			api->xPhraseNext(fts, &b, &cb, &ob);
		} else if (ca < cb || (ca == cb && oa + 1 < ob)) {
			api->xPhraseNext(fts, &a, &ca, &oa);
		} else {
			api->xPhraseNext(fts, &b, &cb, &ob);
		}
	}
	return tf;
}

/* search_rank(search_fts, as_of [, plan]): the row's score (lower is
 * better), or NULL when the row is not current on as_of (YYYYMMDD). plan:
 * see rank_query_parse.
 *
 * Each group of the query (a word with its other forms and the handbook's
 * words the thesaurus adds for it) scores as its best phrase does, so
 * synonyms do not add up; the groups' scores add up, and the sum is scaled by
 * the square of the share of the query the row matches, each group counting
 * as much as it is rare: a section with every meaningful word comes before
 * one with some of them, and missing a rare word costs more than missing a
 * common one. Neighbouring words of the query found side by side in the row
 * add a bonus, as rare as the rarer of the two, without counting as a
 * group. */
static void search_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
			sqlite3_value **val)
{
	const struct cache *c = api->xUserData(fts);
	struct rank_query *rq = api->xGetAuxdata(fts, 0);
	double best[64] = { 0 }, matched = 0;
	int rc = SQLITE_OK;
	const struct rowinfo *r;
	double score = 0, bonus = 0, norm, share;

	r = row_info(api->xRowid(fts));
	if (r == NULL || nval < 1 || !(r->from <= sqlite3_value_int(val[0]) && sqlite3_value_int(val[0]) < r->to)) {
		sqlite3_result_null(ctx);
		return;
	}
	if (rq == NULL) {
		rq = rank_query_new(api, fts, nval > 1 ? (const char *)sqlite3_value_text(val[1]) : NULL, &rc);
		if (rq != NULL)
			rc = api->xSetAuxdata(fts, rq, rank_query_free);
		if (rc != SQLITE_OK) {
			sqlite3_result_error_code(ctx, rc);
			return;
		}
	}
	norm = RANK_K1 * (1 - RANK_B + RANK_B * (double)r->size / c->avgsize);
	for (int p = 0; p < rq->nphrase; p++) {
		Fts5PhraseIter it;
		int col = -1, off = 0;
		double tf = 0, part;

		rc = api->xPhraseFirst(fts, p, &it, &col, &off);
		for (; rc == SQLITE_OK && col >= 0; api->xPhraseNext(fts, &it, &col, &off))
			tf += col == 0 ? RANK_TITLE : 1.0;
		if (tf <= 0)
			continue;
		part = rq->idf[p] * tf * (RANK_K1 + 1) / (tf + norm);
		if (part > best[rq->group[p]])
			best[rq->group[p]] = part;
	}
	for (int k = 0; k < rq->nbigrams; k++) {
		int first = rq->bigram[k].first, second = rq->bigram[k].second;
		double tf;

		if (best[rq->group[first]] <= 0 || best[rq->group[second]] <= 0)
			continue;
		tf = bigram_count(api, fts, first, second);
		if (tf > 0)
			bonus += BIGRAM_IDF(rq->idf[first], rq->idf[second]) * tf * (RANK_K1 + 1) / (tf + norm);
	}
	for (int g = 0; g < rq->ngroups; g++) {
		score += best[g];
		if (best[g] > 0)
			matched += rq->gidf[g];
	}
	share = rq->ngroups ? matched / rq->idf_total : 1;
	score = (score + RANK_BONUS * bonus) * share * share;
	sqlite3_result_double(ctx, -score * r->weight);
}

static NEOERR *register_rank(struct db *db)
{
	sqlite3_stmt *st;
	fts5_api *api = NULL;
	int rc = sqlite3_prepare_v2(db_sqlite_handle(db), "SELECT fts5(?1)", -1, &st, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (api == NULL || api->iVersion < 2)
		return nerr_raise(NERR_DB, "FTS5 is not available");
	rc = api->xCreateFunction(api, "search_rank", &cache, search_rank, NULL);
	if (rc != SQLITE_OK)
		return db_error(db, rc, "registering search_rank");
	cache.registered = db_sqlite_handle(db);
	{
		/* The same tokenizer as search_fts, to stem words for highlighting. */
		static const char *const args[] = { "remove_diacritics", "2" };
		void *user = NULL;

		rc = api->xFindTokenizer(api, "hrstem", &user, &cache.stemmer_api);
		if (rc == SQLITE_OK)
			rc = cache.stemmer_api.xCreate(user, (const char **)args, 2, &cache.stemmer);
		if (rc != SQLITE_OK)
			return db_error(db, rc, "creating the hrstem tokenizer");
	}
	return STATUS_OK;
}

static NEOERR *load_thesaurus(struct db *db);

/* Make the cache match the index as the current transaction sees it. */
static NEOERR *cache_load(struct db *db)
{
	struct db_stmt *st;
	long long version = 0;
	int row = 0, stored = 0;
	NEOERR *err = db_stmt(db, "SELECT CAST(value AS INTEGER), value IS (SELECT value FROM meta WHERE "
				  "key = 'search.vocabulary') FROM meta WHERE key = 'search.version'", &st);

	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		version = db_int64(st, 0);
		stored = db_int(st, 1);
	}
	db_done(st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (cache.loaded && cache.db_serial == db_serial(db) && cache.version == version)
		return STATUS_OK;
	search_cache_clear();
	err = load_vocabulary(db, stored);
	if (err == STATUS_OK)
		err = load_rows(db);
	if (err == STATUS_OK)
		err = register_rank(db);
	if (err == STATUS_OK)
		err = load_thesaurus(db);
	if (err != STATUS_OK) {
		search_cache_clear();
		return nerr_pass(err);
	}
	cache.db_serial = db_serial(db);
	cache.version = version;
	cache.loaded = 1;
	return STATUS_OK;
}

/* First word >= key. */
static size_t vocab_lower_bound(const char *key)
{
	size_t lo = 0, hi = cache.nwords;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(cache.words[mid].word, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int vocab_known(const char *word)
{
	size_t i = vocab_lower_bound(word);

	return i < cache.nwords && strcmp(cache.words[i].word, word) == 0;
}

/* The most used words that start with prefix (longer than it), at most max. */
static int vocab_complete(const char *prefix, const char **out, int max)
{
	size_t len = strlen(prefix);
	int docs[SEARCH_MAX_ALTS];
	int n = 0;

	if (max > SEARCH_MAX_ALTS)
		max = SEARCH_MAX_ALTS;
	for (size_t i = vocab_lower_bound(prefix); i < cache.nwords; i++) {
		const struct vocab_word *w = &cache.words[i];
		int at;

		if (strncmp(w->word, prefix, len) != 0)
			break;
		if (w->word[len] == '\0')
			continue;
		/* Keep the list sorted by use, most used first. */
		for (at = n; at > 0 && docs[at - 1] < w->docs; at--)
			;
		if (at >= max)
			continue;
		if (n < max)
			n++;
		for (int k = n - 1; k > at; k--) {
			out[k] = out[k - 1];
			docs[k] = docs[k - 1];
		}
		out[at] = w->word;
		docs[at] = w->docs;
	}
	return n;
}

static int has_digit(const char *s)
{
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			return 1;
	return 0;
}

/* Up to max known words close to word, best first (distance, then use);
 * only those at the smallest distance found. */
#define MAX_CANDIDATES 4
static int vocab_candidates(const char *word, const char **out, int max)
{
	size_t len = strlen(word);
	int bound = len <= 4 ? 1 : 2, n = 0;
	int dist[MAX_CANDIDATES], docs[MAX_CANDIDATES];

	if (len < 3 || has_digit(word))
		return 0;
	for (size_t i = 0; i < cache.nwords; i++) {
		const struct vocab_word *w = &cache.words[i];
		size_t wl = strlen(w->word);
		int d, at;

		if ((wl > len ? wl - len : len - wl) > (size_t)bound || has_digit(w->word))
			continue;
		d = search_edit_distance(word, w->word, bound);
		if (d > bound || d == 0)
			continue;
		for (at = n; at > 0 && (dist[at - 1] > d || (dist[at - 1] == d && docs[at - 1] < w->docs)); at--)
			;
		if (at >= max)
			continue;
		if (n < max)
			n++;
		for (int k = n - 1; k > at; k--) {
			out[k] = out[k - 1];
			dist[k] = dist[k - 1];
			docs[k] = docs[k - 1];
		}
		out[at] = w->word;
		dist[at] = d;
		docs[at] = w->docs;
	}
	for (int k = 1; k < n; k++)
		if (dist[k] > dist[0])
			return k;
	return n;
}

static int vocab_docs(const char *word)
{
	size_t i = vocab_lower_bound(word);

	return i < cache.nwords && strcmp(cache.words[i].word, word) == 0 ? cache.words[i].docs : 0;
}

/* --- Running queries ----------------------------------------------------- */

struct hit {
	int64_t id;
	double score;
	char *cites;
};

struct hits {
	struct hit *v;
	size_t n, cap;
};

static void hits_free(struct hits *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i].cites);
	free(h->v);
	memset(h, 0, sizeof *h);
}

static NEOERR *hits_add(struct hits *h, int64_t id, double score, const char *cites)
{
	if (h->n == h->cap) {
		struct hit *bigger = realloc(h->v, (h->cap = h->cap ? h->cap * 2 : 64) * sizeof *bigger);

		if (bigger == NULL)
			return nerr_raise(NERR_NOMEM, "search hits");
		h->v = bigger;
	}
	h->v[h->n].id = id;
	h->v[h->n].score = score;
	h->v[h->n].cites = cites ? strdup(cites) : NULL;
	h->n++;
	return STATUS_OK;
}

static int hit_cmp(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	if (x->score != y->score)
		return x->score < y->score ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void sift_down(struct hit *v, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, big = i;
		struct hit t;

		if (l < n && hit_cmp(&v[l], &v[big]) > 0)
			big = l;
		if (r < n && hit_cmp(&v[r], &v[big]) > 0)
			big = r;
		if (big == i)
			return;
		t = v[i];
		v[i] = v[big];
		v[big] = t;
		i = big;
	}
}

/* Put the k best hits first, in order (the rest in no order): a page of
 * results needs the first few of thousands, and sorting them all was the
 * largest cost of a common word on a big index. */
static void best_first(struct hit *v, size_t n, size_t k)
{
	if (k >= n) {
		if (n > 1)
			qsort(v, n, sizeof *v, hit_cmp);
		return;
	}
	if (k == 0)
		return;
	/* A max-heap of the k best so far: the worst of them on top. */
	for (size_t i = k / 2; i-- > 0;)
		sift_down(v, k, i);
	for (size_t i = k; i < n; i++) {
		if (hit_cmp(&v[i], &v[0]) < 0) {
			struct hit t = v[0];

			v[0] = v[i];
			v[i] = t;
			sift_down(v, k, 0);
		}
	}
	if (k > 1)
		qsort(v, k, sizeof *v, hit_cmp);
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static size_t phrase_slot(const char *text)
{
	uint32_t hash = 2166136261u;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		hash = (hash ^ *p) * 16777619u;
	return hash & (PHRASE_CACHE_SLOTS - 1);
}

/* How many rows of the index the FTS5 phrase text matches, as BM25 counts
 * them: counting reads the phrase's whole doclist, so the answer is kept
 * until the index changes (a common word's count was a tenth of a query). */
static NEOERR *phrase_docs(struct db *db, const char *text, int64_t *docs)
{
	size_t slot = phrase_slot(text);
	struct db_stmt *st;
	int row = 0;
	NEOERR *err;

	if (cache.phrases == NULL && (cache.phrases = calloc(PHRASE_CACHE_SLOTS, sizeof *cache.phrases)) == NULL)
		return nerr_raise(NERR_NOMEM, "search phrases");
	for (; cache.phrases[slot].text != NULL; slot = (slot + 1) & (PHRASE_CACHE_SLOTS - 1))
		if (strcmp(cache.phrases[slot].text, text) == 0) {
			*docs = cache.phrases[slot].docs;
			return STATUS_OK;
		}
	*docs = 0;
	err = db_stmt(db, "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?1", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, text);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		*docs = db_int64(st, 0);
	db_done(st);
	/* At most half full, so that a free slot always ends a probe. */
	if (err == STATUS_OK && cache.nphrases < PHRASE_CACHE_MAX &&
	    (cache.phrases[slot].text = strdup(text)) != NULL) {
		cache.phrases[slot].docs = *docs;
		cache.nphrases++;
	}
	return nerr_pass(err);
}

/* Every row matching expr that is current on as_of, with its score, appended
 * to h unless its id is in skip (sorted, nskip long). */
static NEOERR *collect(struct db *db, const char *expr, const char *groups, int as_of, struct hits *h,
		       const int64_t *skip, size_t nskip)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT rowid, search_rank(search_fts, ?2, ?3) FROM search_fts "
				  "WHERE search_fts MATCH ?1", &st);

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, expr);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, as_of);
	if (err == STATUS_OK && groups != NULL) err = db_bind_text(db, st, 3, groups);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		int64_t id = db_int64(st, 0);

		if (db_is_null(st, 1))
			continue;       /* not current on that date */
		if (nskip && bsearch(&id, skip, nskip, sizeof *skip, id_cmp))
			continue;
		err = hits_add(h, id, db_double(st, 1), NULL);
	}
	db_done(st);
	return nerr_pass(err);
}

/* Rows matching expr that are current, counting at most up to limit. */
static NEOERR *count_matches(struct db *db, const char *expr, int as_of, int limit, int *count)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1", &st);

	*count = 0;
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, expr);
	while (err == STATUS_OK && *count < limit && (err = db_step(db, st, &row)) == STATUS_OK && row)
		*count += row_current(db_int64(st, 0), as_of);
	db_done(st);
	return nerr_pass(err);
}

/* --- Highlighting: which words of a result are the query's -------------- */

#define MAX_PATTERNS 64

struct highlight {
	struct {
		char text[SEARCH_MAX_WORD + 1];   /* a stem, or a prefix as typed */
		size_t len;
		int prefix;
	} p[MAX_PATTERNS];
	int n;
	unsigned char first[256];   /* the first bytes of the patterns */
};

static int stem_token(void *ctx, int flags, const char *token, int n, int start, int end)
{
	char *out = ctx;

	(void)flags;
	(void)start;
	(void)end;
	if (out[0] == '\0' && n > 0 && n <= SEARCH_MAX_WORD) {
		memcpy(out, token, (size_t)n);
		out[n] = '\0';
	}
	return SQLITE_OK;
}

/* The word as the index stores it (lowercase, porter stem). */
static void stem(const char *word, size_t len, char out[SEARCH_MAX_WORD + 1])
{
	out[0] = '\0';
	if (cache.stemmer != NULL)
		cache.stemmer_api.xTokenize(cache.stemmer, out, FTS5_TOKENIZE_DOCUMENT, word, (int)len, stem_token);
}

struct stems {
	char *out;
	size_t size, len;
	int n, max;
};

static int stems_token(void *ctx, int flags, const char *token, int n, int start, int end)
{
	struct stems *s = ctx;

	(void)flags;
	(void)start;
	(void)end;
	if (s->n >= s->max || n <= 0 || s->len + (size_t)n + 2 > s->size)
		return SQLITE_OK;
	if (s->n++)
		s->out[s->len++] = ' ';
	memcpy(s->out + s->len, token, (size_t)n);
	s->len += (size_t)n;
	s->out[s->len] = '\0';
	return SQLITE_OK;
}

/* The stems of the words of text, one space apart, at most max words:
 * returns how many. */
static int stem_words(const char *text, char *out, size_t size, int max)
{
	struct stems s = { out, size, 0, 0, max };

	out[0] = '\0';
	if (cache.stemmer != NULL)
		cache.stemmer_api.xTokenize(cache.stemmer, &s, FTS5_TOKENIZE_DOCUMENT, text, (int)strlen(text),
					    stems_token);
	return s.n;
}

static int thesaurus_cmp(const void *a, const void *b)
{
	return strcmp(((const struct thesaurus_entry *)a)->stems, ((const struct thesaurus_entry *)b)->stems);
}

#define THESAURUS_KEY_SIZE (THESAURUS_MAX_WORDS * (SEARCH_MAX_WORD + 1))

/* The thesaurus with its everyday words stemmed as queries will be. */
static NEOERR *load_thesaurus(struct db *db)
{
	struct db_stmt *st;
	size_t cap = 0;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT words, searched FROM search_thesaurus", &st);

	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		char key[THESAURUS_KEY_SIZE];
		struct thesaurus_entry *e;
		const char *p = db_text(st, 1);

		if (stem_words(db_text(st, 0), key, sizeof key, THESAURUS_MAX_WORDS + 1) > THESAURUS_MAX_WORDS ||
		    key[0] == '\0')
			continue;
		if (cache.nthesaurus == cap) {
			struct thesaurus_entry *bigger = realloc(cache.thesaurus, (cap = cap ? cap * 2 : 256) * sizeof *bigger);

			if (bigger == NULL) {
				err = nerr_raise(NERR_NOMEM, "search thesaurus");
				break;
			}
			cache.thesaurus = bigger;
		}
		e = &cache.thesaurus[cache.nthesaurus++];
		memset(e, 0, sizeof *e);
		e->stems = strdup(key);
		while (*p && e->nsearched < THESAURUS_MAX_SEARCHED) {
			size_t len = strcspn(p, ";");
			const char *end = p + len;

			while (p < end && *p == ' ')
				p++;
			while (end > p && end[-1] == ' ')
				end--;
			if (end > p)
				e->searched[e->nsearched++] = strndup(p, (size_t)(end - p));
			p += len;
			if (*p == ';')
				p++;
		}
		if (e->stems == NULL)
			err = nerr_raise(NERR_NOMEM, "search thesaurus");
		for (int k = 0; k < e->nsearched && err == STATUS_OK; k++)
			if (e->searched[k] == NULL)
				err = nerr_raise(NERR_NOMEM, "search thesaurus");
	}
	db_done(st);
	if (err == STATUS_OK && cache.nthesaurus > 1) {
		size_t kept = 1;

		qsort(cache.thesaurus, cache.nthesaurus, sizeof *cache.thesaurus, thesaurus_cmp);
		/* Forms of one word ("adopt", "adopting") are one entry. */
		for (size_t i = 1; i < cache.nthesaurus; i++) {
			struct thesaurus_entry *into = &cache.thesaurus[kept - 1], *e = &cache.thesaurus[i];

			if (strcmp(into->stems, e->stems) != 0) {
				cache.thesaurus[kept++] = *e;
				continue;
			}
			for (int k = 0; k < e->nsearched; k++) {
				int seen = 0;

				for (int j = 0; j < into->nsearched; j++)
					seen |= strcmp(into->searched[j], e->searched[k]) == 0;
				if (!seen && into->nsearched < THESAURUS_MAX_SEARCHED)
					into->searched[into->nsearched++] = e->searched[k];
				else
					free(e->searched[k]);
			}
			free(e->stems);
		}
		cache.nthesaurus = kept;
	}
	return nerr_pass(err);
}

static const struct thesaurus_entry *thesaurus_find(const char *stems)
{
	struct thesaurus_entry key = { .stems = (char *)stems };

	if (cache.nthesaurus == 0)
		return NULL;
	return bsearch(&key, cache.thesaurus, cache.nthesaurus, sizeof key, thesaurus_cmp);
}

static void highlight_add(struct highlight *h, const char *word, size_t len, int prefix)
{
	char st[SEARCH_MAX_WORD + 1];

	if (h->n == MAX_PATTERNS || len == 0 || len > SEARCH_MAX_WORD)
		return;
	if (prefix) {
		memcpy(st, word, len);
		st[len] = '\0';
	} else {
		stem(word, len, st);
	}
	if (st[0] == '\0')
		return;
	for (int i = 0; i < h->n; i++)
		if (h->p[i].prefix == prefix && strcmp(h->p[i].text, st) == 0)
			return;
	memcpy(h->p[h->n].text, st, strlen(st) + 1);
	h->first[(unsigned char)st[0]] = 1;
	h->p[h->n].len = strlen(st);
	h->p[h->n].prefix = prefix;
	h->n++;
}

/* Each word of text (split at anything but letters and digits). */
static void highlight_add_words(struct highlight *h, const char *text)
{
	while (*text) {
		size_t n = strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

		if (n)
			highlight_add(h, text, n, 0);
		text += n ? n : 1;
	}
}

static int highlight_match(void *ctx, const char *word, size_t len)
{
	const struct highlight *h = ctx;
	char lower[SEARCH_MAX_WORD + 1], st[SEARCH_MAX_WORD + 1];
	int stemmed = 0;

	if (len > SEARCH_MAX_WORD || len == 0 || !h->first[(unsigned char)(word[0] | (word[0] >= 'A' && word[0] <= 'Z' ? 0x20 : 0))])
		return 0;
	for (size_t i = 0; i < len; i++)
		lower[i] = (char)(word[i] >= 'A' && word[i] <= 'Z' ? word[i] - 'A' + 'a' : word[i]);
	lower[len] = '\0';
	for (int i = 0; i < h->n; i++) {
		/* A cheap look at the beginning first: stemming is the cost. The
		 * stem may end differently from the word ("happy", "happi"). */
		size_t look = h->p[i].prefix ? h->p[i].len : h->p[i].len > 2 ? h->p[i].len - 1 : h->p[i].len;

		if (len < look || lower[0] != h->p[i].text[0] || memcmp(lower, h->p[i].text, look) != 0)
			continue;
		if (h->p[i].prefix)
			return i + 1;
		if (!stemmed) {
			stem(lower, len, st);
			stemmed = 1;
		}
		if (strcmp(st, h->p[i].text) == 0)
			return i + 1;
	}
	return 0;
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

/* A snippet of text as HTML, query words in <mark>. */
static NEOERR *snippet_html(const char *text, int words, struct highlight *hl, char **out)
{
	STRING marked, html;
	NEOERR *err;

	string_init(&marked);
	string_init(&html);
	err = search_snippet(text, words, highlight_match, hl, &marked);
	if (err == STATUS_OK)
		err = search_marked_html(marked.buf ? marked.buf : "", &html);
	if (err == STATUS_OK)
		*out = html.buf ? html.buf : strdup("");
	else
		string_clear(&html);
	string_clear(&marked);
	if (err == STATUS_OK && *out == NULL)
		err = nerr_raise(NERR_NOMEM, "snippet");
	return nerr_pass(err);
}

#define SNIPPET_WORDS 30

/* Title, URL and a highlighted snippet of one indexed row. */
static NEOERR *hit_details(struct db *db, struct highlight *hl, const struct hit *h, struct search_result *r)
{
	struct db_stmt *st;
	int row = 0;
	char url[512];
	NEOERR *err = db_stmt(db,
		"SELECT d.kind, d.title, doc.slug, s.slug, doc.title, doc.status, t.slug, d.body FROM search_docs d "
		"LEFT JOIN sections s ON d.kind = 'section' AND s.id = d.owner_id "
		"LEFT JOIN documents doc ON doc.id = s.document_id "
		"LEFT JOIN glossary_terms t ON d.kind = 'glossary' AND t.id = d.owner_id WHERE d.id = ?1", &st);

	if (err == STATUS_OK) err = db_bind_int(db, st, 1, h->id);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && !row)
		err = nerr_raise(NERR_ASSERT, "search row %lld vanished", (long long)h->id);
	if (err == STATUS_OK) {
		r->kind = strcmp(db_text(st, 0), "glossary") == 0 ? SEARCH_KIND_GLOSSARY : SEARCH_KIND_SECTION;
		if (r->kind == SEARCH_KIND_GLOSSARY)
			snprintf(url, sizeof url, "/glossary/%s", db_text(st, 6));
		else
			snprintf(url, sizeof url, "/%s/%s", db_text(st, 2), db_text(st, 3));
		r->title = dup_or_empty(db_text(st, 1));
		r->url = strdup(url);
		r->document = dup_or_empty(r->kind == SEARCH_KIND_SECTION ? db_text(st, 4) : "");
		r->status = dup_or_empty(r->kind == SEARCH_KIND_SECTION ? db_text(st, 5) : "");
		r->cites = dup_or_empty(h->cites);
		if (!r->title || !r->url || !r->document || !r->status || !r->cites)
			err = nerr_raise(NERR_NOMEM, "search result");
	}
	if (err == STATUS_OK)
		err = snippet_html(db_text(st, 1), 0, hl, &r->title_html);
	if (err == STATUS_OK)
		err = snippet_html(db_text(st, 7), SNIPPET_WORDS, hl, &r->snippet_html);
	db_done(st);
	return nerr_pass(err);
}

static NEOERR *fill_page(struct db *db, struct highlight *hl, struct hits *h, struct search_results *out)
{
	size_t first = (size_t)(out->page - 1) * (size_t)out->per_page;
	NEOERR *err = STATUS_OK;

	out->total = (int)h->n;
	if (first >= h->n)
		return STATUS_OK;
	out->n = h->n - first < (size_t)out->per_page ? h->n - first : (size_t)out->per_page;
	out->items = calloc(out->n, sizeof *out->items);
	if (out->items == NULL) {
		out->n = 0;
		return nerr_raise(NERR_NOMEM, "search results");
	}
	for (size_t i = 0; i < out->n && err == STATUS_OK; i++)
		err = hit_details(db, hl, &h->v[first + i], &out->items[i]);
	return nerr_pass(err);
}

/* Lowercase words of text as one FTS5 phrase: "KRS 18A.095" -> "krs 18a 095". */
static NEOERR *append_phrase(STRING *out, const char *text)
{
	NEOERR *err = string_append_char(out, '"');
	int in_word = 0, words = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p && err == STATUS_OK; p++) {
		int w = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');

		if (w && !in_word && words++)
			err = string_append_char(out, ' ');
		if (w && err == STATUS_OK)
			err = string_append_char(out, (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
		in_word = w;
	}
	if (err == STATUS_OK)
		err = string_append_char(out, '"');
	return nerr_pass(err);
}

#define MAX_CITES 8

/* "KRS 18A.095", "101 KAR 2:102": the sections whose current version cites
 * the law (any subsection, unless one was asked for), in document order,
 * then the other rows that mention it in their text, by rank. */
static NEOERR *citation_search(struct db *db, const struct citation *cits, size_t ncits, const char *as_of,
			       struct search_results *out)
{
	struct hits h = { 0 }, text = { 0 };
	int64_t *ids = NULL;
	size_t nids = 0;
	STRING expr;
	NEOERR *err = STATUS_OK;

	string_init(&expr);
	out->citation = 1;
	snprintf(out->cite, sizeof out->cite, "%s", cits[0].cite);
	citation_anchor(cits[0].cite, out->cite_anchor, sizeof out->cite_anchor);
	for (size_t i = 0; i < ncits && err == STATUS_OK; i++) {
		const struct citation *c = &cits[i];
		struct db_stmt *st;
		int row = 0;

		err = db_stmt(db,
			"SELECT d.id, group_concat(c.cite, '; ') FROM citations c "
			"JOIN search_docs d ON d.kind = 'section' AND d.version_id = c.section_version_id "
			"JOIN sections s ON s.id = d.owner_id JOIN documents doc ON doc.id = s.document_id "
			"WHERE d.valid_from <= ?1 AND ?1 < d.valid_to AND c.code = ?2 AND c.title = ?3 AND c.chapter = ?4 "
			"AND (?5 = '' OR c.number = ?5) AND (?6 = '' OR c.cite = ?6) "
			"GROUP BY d.id ORDER BY doc.sort, s.sort", &st);
		if (err == STATUS_OK) err = db_bind_text(db, st, 1, as_of);
		if (err == STATUS_OK) err = db_bind_text(db, st, 2, c->code);
		if (err == STATUS_OK) err = db_bind_text(db, st, 3, c->title);
		if (err == STATUS_OK) err = db_bind_text(db, st, 4, c->chapter);
		if (err == STATUS_OK) err = db_bind_text(db, st, 5, c->number);
		if (err == STATUS_OK) err = db_bind_text(db, st, 6, c->subsection[0] ? c->cite : "");
		while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
			int64_t id = db_int64(st, 0);

			/* Cited under two of the citations asked for: listed once. */
			if (nids && bsearch(&id, ids, nids, sizeof *ids, id_cmp))
				continue;
			err = hits_add(&h, id, 0, db_text(st, 1));
		}
		db_done(st);
		/* The ids found so far, sorted, to skip further on. */
		if (err == STATUS_OK && h.n > nids) {
			int64_t *bigger = realloc(ids, h.n * sizeof *ids);

			if (bigger == NULL) {
				err = nerr_raise(NERR_NOMEM, "citation search");
			} else {
				ids = bigger;
				for (size_t k = 0; k < h.n; k++)
					ids[k] = h.v[k].id;
				nids = h.n;
				qsort(ids, nids, sizeof *ids, id_cmp);
			}
		}
		if (err == STATUS_OK && i > 0)
			err = string_append(&expr, " OR ");
		if (err == STATUS_OK)
			err = append_phrase(&expr, c->raw);
	}
	if (err == STATUS_OK)
		err = collect(db, expr.buf, NULL, date_number(as_of), &text, ids, nids);
	if (err == STATUS_OK) {
		/* Only what the page can reach after the citing sections. */
		size_t need = (size_t)out->page * (size_t)out->per_page;

		best_first(text.v, text.n, need > h.n ? need - h.n : 0);
		for (size_t i = 0; i < text.n && err == STATUS_OK; i++)
			err = hits_add(&h, text.v[i].id, text.v[i].score, NULL);
	}
	if (err == STATUS_OK) {
		struct highlight hl = { .n = 0 };

		for (size_t i = 0; i < ncits; i++)
			highlight_add_words(&hl, cits[i].raw);
		err = fill_page(db, &hl, &h, out);
	}
	hits_free(&h);
	hits_free(&text);
	free(ids);
	string_clear(&expr);
	return nerr_pass(err);
}

/* Words joined by spaces into out, word `at` replaced by `with` (unless NULL);
 * words that do not fit are left out. */
static void join_words(char *out, size_t outsz, char words[][SEARCH_MAX_WORD + 1], int nw, int at,
		       const char *with)
{
	size_t o = 0;

	out[0] = '\0';
	for (int x = 0; x < nw; x++) {
		const char *w = x == at && with ? with : words[x];
		size_t len = strlen(w);

		if (o + len + 2 > outsz)
			break;
		if (x)
			out[o++] = ' ';
		memcpy(out + o, w, len + 1);
		o += len;
	}
}

/* The words of clause c, split (phrases have several). */
static int clause_words(const struct search_clause *c, char words[][SEARCH_MAX_WORD + 1], int max)
{
	int n = 0;
	const char *p = c->text;

	while (*p && n < max) {
		size_t len = strcspn(p, " ");

		snprintf(words[n++], SEARCH_MAX_WORD + 1, "%.*s", (int)len, p);
		p += len;
		while (*p == ' ')
			p++;
	}
	return n;
}

/* Counting stops here: enough to tell a real pair of words from a chance one. */
#define SUGGEST_COUNT_CAP 200

/* How well a corrected query does: rows with its words as one phrase (real
 * word pairs win), then rows with all of them (each count capped). */
static NEOERR *suggestion_score(struct db *db, const struct search_query *q, const char *const *replace,
				int as_of, int cap, long *score)
{
	struct search_query *fixed = malloc(sizeof *fixed);
	STRING expr;
	NEOERR *err = STATUS_OK;
	int phrase = 0, all = 0, words = 0;

	if (fixed == NULL)
		return nerr_raise(NERR_NOMEM, "search suggestion");
	*fixed = *q;
	string_init(&expr);
	for (int i = 0; i < fixed->n; i++) {
		if (replace[i])
			snprintf(fixed->clauses[i].text, sizeof fixed->clauses[i].text, "%s", replace[i]);
		fixed->clauses[i].nalts = 0;
		words += !fixed->clauses[i].stop;
	}
	if (words > 1) {
		STRING text;

		string_init(&text);
		for (int i = 0; i < fixed->n && err == STATUS_OK; i++)
			if (!fixed->clauses[i].stop)
				err = string_appendf(&text, "%s ", fixed->clauses[i].text);
		if (err == STATUS_OK && text.buf)
			err = append_phrase(&expr, text.buf);
		string_clear(&text);
		if (err == STATUS_OK)
			err = count_matches(db, expr.buf, as_of, cap, &phrase);
		string_clear(&expr);
	}
	if (err == STATUS_OK)
		err = search_expression(fixed, 0, &expr);
	if (err == STATUS_OK && expr.buf)
		err = count_matches(db, expr.buf, as_of, cap, &all);
	string_clear(&expr);
	free(fixed);
	*score = (long)phrase * 100000L + all;
	return nerr_pass(err);
}

/* Whether word alone (as the index stems it) matches a current row. */
static NEOERR *words_match(struct db *db, const char *word, int as_of, int *count)
{
	STRING expr;
	NEOERR *err;

	string_init(&expr);
	err = search_quote(&expr, word);
	if (err == STATUS_OK)
		err = count_matches(db, expr.buf, as_of, 1, count);
	string_clear(&expr);
	return nerr_pass(err);
}


/* "Did you mean": each word the index does not know (and that does not
 * start a word it knows) replaced by the closest known word; where several
 * are equally close, the one giving the best query. Only offered when the
 * corrected query finds something. */
static NEOERR *suggest(struct db *db, const struct search_query *q, const int *covered, int as_of,
		       char **suggestion)
{
	char fixed[SEARCH_MAX_CLAUSES][sizeof q->clauses[0].text];
	const char *replace[SEARCH_MAX_CLAUSES] = { 0 };
	int changed = 0;
	NEOERR *err = STATUS_OK;

	*suggestion = NULL;
	for (int i = 0; i < q->n && err == STATUS_OK; i++) {
		const struct search_clause *c = &q->clauses[i];
		char words[SEARCH_MAX_PHRASE_WORDS][SEARCH_MAX_WORD + 1];
		int nw, clause_changed = 0;

		if (c->kind == SEARCH_PREFIX || c->stop || covered[i])
			continue;
		nw = clause_words(c, words, SEARCH_MAX_PHRASE_WORDS);
		for (int w = 0; w < nw && err == STATUS_OK; w++) {
			const char *cand[MAX_CANDIDATES];
			const char *alts[1];
			int nc;
			long best_score = -1;
			int best = -1;

			int found = 0;

			if (vocab_known(words[w]) || vocab_complete(words[w], alts, 1) > 0)
				continue;
			err = words_match(db, words[w], as_of, &found);
			if (err != STATUS_OK)
				continue;
			nc = vocab_candidates(words[w], cand, MAX_CANDIDATES);
			if (found) {
				/* Its stem is indexed, so the query already finds what the
				 * spelling fix would; offer only a misspelling of that same
				 * word ("reinstatment"), never another form of it
				 * ("harassed") or another word ("resigning": "assigning"). */
				char ws[SEARCH_MAX_WORD + 1], cs[SEARCH_MAX_WORD + 1];
				int kept = 0;

				stem(words[w], strlen(words[w]), ws);
				for (int k = 0; k < nc; k++) {
					stem(cand[k], strlen(cand[k]), cs);
					if (strcmp(ws, cs) == 0 && !search_same_word_forms(words[w], cand[k]))
						cand[kept++] = cand[k];
				}
				nc = kept;
			}
			for (int k = 0; k < nc && err == STATUS_OK; k++) {
				char trial[sizeof fixed[0]];
				const char *rep[SEARCH_MAX_CLAUSES];
				long score = 0;

				/* The clause with this word replaced. */
				join_words(trial, sizeof trial, words, nw, w, cand[k]);
				memcpy(rep, replace, sizeof rep);
				rep[i] = trial;
				/* One word: the more used; several: the better query. */
				if (nc > 1 && q->n == 1 && q->clauses[0].nwords == 1)
					score = vocab_docs(cand[k]);
				else if (nc > 1)
					err = suggestion_score(db, q, rep, as_of, SUGGEST_COUNT_CAP, &score);
				if (err == STATUS_OK && score > best_score) {
					best_score = score;
					best = k;
				}
			}
			if (best >= 0) {
				snprintf(words[w], sizeof words[w], "%s", cand[best]);
				clause_changed = 1;
			}
		}
		if (clause_changed) {
			join_words(fixed[i], sizeof fixed[i], words, nw, -1, NULL);
			replace[i] = fixed[i];
			changed = 1;
		}
	}
	if (err == STATUS_OK && changed) {
		long score = 0;

		err = suggestion_score(db, q, replace, as_of, 1, &score);
		if (err == STATUS_OK && score > 0) {
			STRING s;

			string_init(&s);
			err = search_query_text(q, replace, &s);
			if (err == STATUS_OK)
				*suggestion = s.buf;
			else
				string_clear(&s);
		}
	}
	return nerr_pass(err);
}

/* --- A query's plan: its phrases, grouped ------------------------------ */

#define PLAN_MAX_PHRASES 160
#define PLAN_MAX_BIGRAMS RANK_MAX_BIGRAMS
/* search_rank's plan: a group per phrase, then the pairs "|999:999,..." */
/* search_rank's plan: a group per phrase, the pairs "|999:999,...", the
 * counts "|99999999999,..." */
#define PLAN_RANK_SIZE (PLAN_MAX_PHRASES * 22 + PLAN_MAX_BIGRAMS * 8 + 4)
#define PLAN_MAX_WORDS 64
#define MAX_DERIVED 4
/* Enough sections with every word of a question that those with only some
 * of them need not be ranked (two pages of results). */
#define FULL_MATCHES_ENOUGH 20
/* At most this many rows to visit (the phrases' counts added up): rank
 * them all at once, without tiers (see rank_matches). */
#define RANK_ALL_ROWS 2000

struct plan_phrase {
	const char *text;
	int prefix;
	int group;
	int thesaurus;        /* added by the thesaurus, not typed */
};

struct plan {
	struct plan_phrase p[PLAN_MAX_PHRASES];
	int n, ngroups;
	struct {
		int first, second;            /* phrases: neighbouring words as typed */
	} bigram[PLAN_MAX_BIGRAMS];
	int nbigrams;
	const char *also[SEARCH_MAX_ALSO];
	int nalso;
	int covered[SEARCH_MAX_CLAUSES];     /* the clause is an everyday word the thesaurus knows */
};

static int plan_find(const struct plan *pl, const char *text, int prefix, int group)
{
	for (int i = 0; i < pl->n; i++)
		if (pl->p[i].prefix == prefix && pl->p[i].group == group && strcmp(pl->p[i].text, text) == 0)
			return i;
	return -1;
}

static void plan_add(struct plan *pl, const char *text, int prefix, int group, int thesaurus)
{
	if (plan_find(pl, text, prefix, group) >= 0 || pl->n == PLAN_MAX_PHRASES || text[0] == '\0')
		return;
	pl->p[pl->n].text = text;
	pl->p[pl->n].prefix = prefix;
	pl->p[pl->n].group = group;
	pl->p[pl->n].thesaurus = thesaurus;
	pl->n++;
}

/* Group the query: each meaningful clause is a group with its other forms
 * (alts); an everyday phrase the thesaurus knows merges the clauses it spans
 * into one group and adds the handbook's words to it; neighbouring words are
 * also searched as a phrase, as a bonus. Quoted phrases are searched as
 * they are. */
static void plan_build(const struct search_query *q, struct plan *pl)
{
	char wstem[PLAN_MAX_WORDS][SEARCH_MAX_WORD + 1];
	int wclause[PLAN_MAX_WORDS], nw = 0, only_stop = 1;
	/* Labels: clauses 0..n-1, then thesaurus matches. */
	int label[SEARCH_MAX_CLAUSES + PLAN_MAX_WORDS], nlabel = q->n;
	const struct thesaurus_entry *match[PLAN_MAX_WORDS];
	int match_at[PLAN_MAX_WORDS], match_len[PLAN_MAX_WORDS];
	int nmatch = 0, compact[SEARCH_MAX_CLAUSES + PLAN_MAX_WORDS];

	memset(pl, 0, sizeof *pl);
	for (int i = 0; i < q->n; i++)
		only_stop &= q->clauses[i].stop;
	for (int i = 0; i < q->n; i++) {
		const struct search_clause *c = &q->clauses[i];

		label[i] = c->stop && !only_stop ? -1 : i;
		if (c->quoted || c->kind == SEARCH_PREFIX)
			continue;
		for (const char *p = c->text; *p && nw < PLAN_MAX_WORDS;) {
			size_t len = strcspn(p, " ");

			stem(p, len, wstem[nw]);
			if (wstem[nw][0] != '\0')
				wclause[nw++] = i;
			p += len;
			while (*p == ' ')
				p++;
		}
	}
	/* The longest everyday phrase at each word, left to right. */
	for (int k = 0; k < nw;) {
		int used = 1;

		for (int len = nw - k < THESAURUS_MAX_WORDS ? nw - k : THESAURUS_MAX_WORDS; len >= 1; len--) {
			char key[THESAURUS_KEY_SIZE];
			const struct thesaurus_entry *e;
			int target = -1;

			join_words(key, sizeof key, wstem + k, len, -1, NULL);
			if ((e = thesaurus_find(key)) == NULL)
				continue;
			for (int x = k; x < k + len && target < 0; x++)
				target = label[wclause[x]];
			for (int x = k; x < k + len; x++)
				pl->covered[wclause[x]] = 1;
			/* Only common words: a group of its own. */
			label[nlabel] = target < 0 ? nlabel : -1;
			nlabel++;
			match_at[nmatch] = k;
			match_len[nmatch] = len;
			match[nmatch++] = e;
			used = len;
			break;
		}
		k += used;
	}
	/* Labels to groups 0, 1, ... in order of first use. */
	for (int i = 0; i < nlabel; i++)
		compact[i] = -1;
	for (int i = 0; i < nlabel; i++)
		if (label[i] >= 0 && compact[label[i]] < 0)
			compact[label[i]] = pl->ngroups++;
	for (int i = 0; i < q->n; i++) {
		const struct search_clause *c = &q->clauses[i];
		int g;

		if (label[i] < 0)
			continue;
		g = compact[label[i]];
		/* Short prefixes would scan most of the index: they only
		 * match through their completions. */
		plan_add(pl, c->text, c->kind == SEARCH_PREFIX && strlen(c->text) >= 3, g, 0);
		for (int k = 0; k < c->nalts; k++)
			plan_add(pl, c->alts[k], 0, g, 0);
	}
	for (int m = 0; m < nmatch; m++) {
		/* The handbook's words stand for each word of the everyday phrase,
		 * in that word's group: a section needs the phrase or all its
		 * words to match them all. */
		int spanned[THESAURUS_MAX_WORDS], nspanned = 0;

		if (label[q->n + m] >= 0)
			spanned[nspanned++] = compact[label[q->n + m]];
		for (int x = match_at[m]; x < match_at[m] + match_len[m]; x++) {
			int g = label[wclause[x]] >= 0 ? compact[label[wclause[x]]] : -1, dup = g < 0;

			for (int y = 0; y < nspanned; y++)
				dup |= spanned[y] == g;
			if (!dup && nspanned < THESAURUS_MAX_WORDS)
				spanned[nspanned++] = g;
		}
		for (int k = 0; k < match[m]->nsearched; k++) {
			int seen = 0;

			for (int y = 0; y < nspanned; y++)
				plan_add(pl, match[m]->searched[k], 0, spanned[y], 1);
			for (int a = 0; a < pl->nalso; a++)
				seen |= strcmp(pl->also[a], match[m]->searched[k]) == 0;
			for (int i = 0; i < q->n; i++)
				seen |= strcmp(q->clauses[i].text, match[m]->searched[k]) == 0;
			if (!seen && pl->nalso < SEARCH_MAX_ALSO)
				pl->also[pl->nalso++] = match[m]->searched[k];
		}
	}
	/* Neighbouring meaningful words as typed: a bonus when they are side
	 * by side in a section. */
	for (int i = 0; i + 1 < q->n && pl->nbigrams < PLAN_MAX_BIGRAMS; i++) {
		const struct search_clause *a = &q->clauses[i], *b = &q->clauses[i + 1];
		int first, second;

		if (a->kind != SEARCH_WORD || b->kind != SEARCH_WORD || a->stop || b->stop || a->quoted || b->quoted ||
		    label[i] < 0 || label[i + 1] < 0)
			continue;
		first = plan_find(pl, a->text, 0, compact[label[i]]);
		second = plan_find(pl, b->text, 0, compact[label[i + 1]]);
		if (first < 0 || second < 0)
			continue;
		pl->bigram[pl->nbigrams].first = first;
		pl->bigram[pl->nbigrams].second = second;
		pl->nbigrams++;
	}
}

static NEOERR *plan_phrase_text(const struct plan_phrase *p, STRING *out)
{
	NEOERR *err = search_quote(out, p->text);

	if (err == STATUS_OK && p->prefix)
		err = string_append_char(out, '*');
	return nerr_pass(err);
}

/* What a plan's expression asks for. */
enum plan_match {
	PLAN_ANY,             /* any phrase */
	PLAN_ALL,             /* a phrase of every group */
	PLAN_ALL_TYPED        /* a typed phrase of every group that has one */
};

/* The FTS5 expression of the plan, and rank: search_rank's plan argument
 * for it as written (see rank_query_parse). */
static NEOERR *plan_expression(const struct plan *pl, enum plan_match match, const int64_t *docs, STRING *out,
			       char rank[PLAN_RANK_SIZE])
{
	NEOERR *err = STATUS_OK;
	int written = 0, at[PLAN_MAX_PHRASES], all = match != PLAN_ANY, nwritten_groups = 0;
	size_t len;

	for (int i = 0; i < pl->n; i++)
		at[i] = -1;
	for (int g = 0; g < (all ? pl->ngroups : 1) && err == STATUS_OK; g++) {
		int in_group = 0;

		for (int i = 0; i < pl->n && err == STATUS_OK; i++) {
			if (all && pl->p[i].group != g)
				continue;
			if (match == PLAN_ALL_TYPED && pl->p[i].thesaurus)
				continue;
			if (all && in_group == 0)
				err = string_append(out, nwritten_groups++ ? " AND (" : "(");
			if (err == STATUS_OK && in_group++)
				err = string_append(out, " OR ");
			if (err == STATUS_OK)
				err = plan_phrase_text(&pl->p[i], out);
			at[i] = written;
			rank[written++] = (char)('a' + pl->p[i].group % 64);
		}
		if (err == STATUS_OK && all && in_group)
			err = string_append_char(out, ')');
	}
	rank[written] = '\0';
	len = (size_t)written;
	for (int k = 0, npairs = 0; k < pl->nbigrams; k++)
		if (at[pl->bigram[k].first] >= 0 && at[pl->bigram[k].second] >= 0)
			len += (size_t)snprintf(rank + len, PLAN_RANK_SIZE - len, "%c%d:%d", npairs++ ? ',' : '|',
						at[pl->bigram[k].first], at[pl->bigram[k].second]);
	if (docs != NULL) {
		int by_written[PLAN_MAX_PHRASES];

		for (int i = 0; i < pl->n; i++)
			if (at[i] >= 0)
				by_written[at[i]] = i;
		if (strchr(rank, '|') == NULL)
			rank[len++] = '|';
		for (int w = 0; w < written; w++)
			len += (size_t)snprintf(rank + len, PLAN_RANK_SIZE - len, "%c%lld", w ? ',' : '|',
						(long long)docs[by_written[w]]);
	}
	rank[len] = '\0';
	return nerr_pass(err);
}

/* How many rows each phrase of the plan matches (for its idf). */
static NEOERR *plan_counts(struct db *db, const struct plan *pl, int64_t docs[PLAN_MAX_PHRASES])
{
	STRING text;
	NEOERR *err = STATUS_OK;

	string_init(&text);
	for (int i = 0; i < pl->n && err == STATUS_OK; i++) {
		string_clear(&text);
		err = plan_phrase_text(&pl->p[i], &text);
		if (err == STATUS_OK)
			err = phrase_docs(db, text.buf, &docs[i]);
	}
	string_clear(&text);
	return nerr_pass(err);
}

/* The rows of the plan's expression for match, ranked, appended to h. */
static NEOERR *collect_plan(struct db *db, const struct plan *pl, enum plan_match match, const int64_t *docs,
			    int as_of, struct hits *h)
{
	STRING expr;
	char rank[PLAN_RANK_SIZE];
	NEOERR *err;

	string_init(&expr);
	err = plan_expression(pl, match, docs, &expr, rank);
	if (err == STATUS_OK)
		err = collect(db, expr.buf, rank, as_of, h, NULL, 0);
	string_clear(&expr);
	return nerr_pass(err);
}

static size_t best_hit(const struct hits *h)
{
	size_t best = 0;

	for (size_t i = 1; i < h->n; i++)
		if (hit_cmp(&h->v[i], &h->v[best]) < 0)
			best = i;
	return best;
}

/* Whether row id has a phrase of every group of the plan. */
static NEOERR *row_has_all(struct db *db, const struct plan *pl, int64_t id, int *yes)
{
	STRING all;
	char rank[PLAN_RANK_SIZE];
	struct db_stmt *st;
	NEOERR *err;

	*yes = 0;
	string_init(&all);
	err = plan_expression(pl, PLAN_ALL, NULL, &all, rank);
	if (err == STATUS_OK)
		err = db_stmt(db, "SELECT 1 FROM search_fts WHERE search_fts MATCH ?1 AND rowid = ?2", &st);
	if (err == STATUS_OK) {
		err = db_bind_text(db, st, 1, all.buf);
		if (err == STATUS_OK) err = db_bind_int(db, st, 2, id);
		if (err == STATUS_OK) err = db_step(db, st, yes);
		db_done(st);
	}
	string_clear(&all);
	return nerr_pass(err);
}

/* The rows the plan finds, ranked, into h. On the handbook's few hundred
 * sections the rows to rank are few (at most RANK_ALL_ROWS, counted from
 * docs, each phrase's count) and all of them are ranked at once (expr, the
 * OR of every phrase; groups, its plan for search_rank). A large index has
 * many sections with all of a question's words, and ranking every row with
 * any of them would cost a lot for nothing, so there the rows are found in
 * tiers, each ranked only when the one before has fewer than
 * FULL_MATCHES_ENOUGH rows: sections with every word as typed (or another
 * form of it); then with every group (a word or what the thesaurus adds
 * for it); then, ranked together with those, sections with some of the
 * words, so that a section lacking a common word can still come first.
 * *any: the best row lacks a group (nothing has them all); *typed: the rows
 * have every typed word, and what the thesaurus adds was not needed. */
static NEOERR *rank_matches(struct db *db, const struct plan *pl, const int64_t *docs, const char *expr,
			    const char *groups, int as_of, struct hits *h, int *any, int *typed)
{
	int thesaurus = 0, has_all = 0;
	int64_t visits = 0, *full = NULL;
	size_t nfull;
	NEOERR *err = STATUS_OK;

	*any = *typed = 0;
	for (int i = 0; i < pl->n; i++) {
		thesaurus |= pl->p[i].thesaurus;
		visits += docs[i];
	}
	if (visits <= RANK_ALL_ROWS || (pl->ngroups < 2 && !thesaurus)) {
		err = collect(db, expr, groups, as_of, h, NULL, 0);
		if (err == STATUS_OK && h->n > 0 && pl->ngroups > 1) {
			err = row_has_all(db, pl, h->v[best_hit(h)].id, &has_all);
			*any = !has_all;
		}
		return nerr_pass(err);
	}
	if (thesaurus) {
		err = collect_plan(db, pl, PLAN_ALL_TYPED, docs, as_of, h);
		if (err != STATUS_OK || h->n >= FULL_MATCHES_ENOUGH) {
			*typed = err == STATUS_OK;
			return nerr_pass(err);
		}
		hits_free(h);
	}
	err = collect_plan(db, pl, PLAN_ALL, docs, as_of, h);
	nfull = h->n;
	if (err != STATUS_OK || nfull >= FULL_MATCHES_ENOUGH || pl->ngroups < 2)
		return nerr_pass(err);
	if (nfull > 0 && (full = malloc(nfull * sizeof *full)) == NULL)
		return nerr_raise(NERR_NOMEM, "search hits");
	for (size_t i = 0; i < nfull; i++)
		full[i] = h->v[i].id;
	if (nfull > 1)
		qsort(full, nfull, sizeof *full, id_cmp);
	err = collect(db, expr, groups, as_of, h, full, nfull);
	if (err == STATUS_OK && h->n > 0)
		*any = nfull == 0 || bsearch(&h->v[best_hit(h)].id, full, nfull, sizeof *full, id_cmp) == NULL;
	free(full);
	return nerr_pass(err);
}

/* Other forms of a known word that its stem does not reach: the words of
 * the vocabulary that begin with its stem and go on for a few letters
 * ("disciplin" -> disciplinary, "suspend" -> suspension). */
static int derived_forms(const char *word, const char **out, int max)
{
	char st[SEARCH_MAX_WORD + 1], other[SEARCH_MAX_WORD + 1];
	const char *cand[SEARCH_MAX_ALTS];
	size_t len;
	int nc, n = 0;

	stem(word, strlen(word), st);
	len = strlen(st);
	if (len < 5 || has_digit(st))
		return 0;
	nc = vocab_complete(st, cand, SEARCH_MAX_ALTS);
	for (int k = 0; k < nc && n < max; k++) {
		if (strlen(cand[k]) > len + 5)
			continue;
		stem(cand[k], strlen(cand[k]), other);
		if (strcmp(other, st) != 0)
			out[n++] = cand[k];
	}
	return n;
}

static NEOERR *text_search(struct db *db, struct search_query *q, int as_of, struct search_results *out)
{
	struct hits h = { 0 };
	struct plan *pl = malloc(sizeof *pl);
	STRING expr;
	NEOERR *err = STATUS_OK;
	int nonstop = 0;
	char groups[PLAN_RANK_SIZE];
	int64_t docs[PLAN_MAX_PHRASES];

	if (pl == NULL)
		return nerr_raise(NERR_NOMEM, "search plan");
	/* Words the index does not have, and prefixes: also match the known
	 * words they begin ("reinstat" -> reinstatement, reinstated). Known
	 * words: also their other forms. */
	for (int i = 0; i < q->n; i++) {
		struct search_clause *c = &q->clauses[i];

		nonstop += !c->stop;
		if (c->kind == SEARCH_PREFIX || (c->kind == SEARCH_WORD && !c->stop && strlen(c->text) >= 3 &&
						 !vocab_known(c->text)))
			c->nalts = vocab_complete(c->text, c->alts, SEARCH_MAX_ALTS);
		else if (c->kind == SEARCH_WORD && !c->stop && !c->quoted)
			c->nalts = derived_forms(c->text, c->alts, MAX_DERIVED);
	}
	plan_build(q, pl);
	string_init(&expr);
	err = plan_counts(db, pl, docs);
	if (err == STATUS_OK)
		err = plan_expression(pl, PLAN_ANY, docs, &expr, groups);
	if (err == STATUS_OK)
		err = rank_matches(db, pl, docs, expr.buf, groups, as_of, &h, &out->any, &out->also_unused);
	if (err == STATUS_OK)
		best_first(h.v, h.n, (size_t)out->page * (size_t)out->per_page);
	if (err == STATUS_OK) {
		struct highlight hl = { .n = 0 };
		int only_stop = nonstop == 0;

		/* Highlight what was searched for: the words (not the common
		 * ones, unless they are all there is), prefixes, completions
		 * and what the thesaurus added. */
		for (int i = 0; i < q->n; i++) {
			const struct search_clause *c = &q->clauses[i];

			if (c->stop && !only_stop)
				continue;
			if (c->kind == SEARCH_PREFIX)
				highlight_add(&hl, c->text, strlen(c->text), 1);
			else
				highlight_add_words(&hl, c->text);
			for (int k = 0; k < c->nalts; k++)
				highlight_add(&hl, c->alts[k], strlen(c->alts[k]), 0);
		}
		for (int a = 0; a < pl->nalso && !out->also_unused; a++)
			highlight_add_words(&hl, pl->also[a]);
		err = fill_page(db, &hl, &h, out);
	}
	for (int a = 0; a < pl->nalso && err == STATUS_OK; a++) {
		if ((out->also_searched[a] = strdup(pl->also[a])) == NULL)
			err = nerr_raise(NERR_NOMEM, "search");
		else
			out->nalso = a + 1;
	}
	/* "Did you mean": suggest() looks only at words the index lacks. */
	if (err == STATUS_OK)
		err = suggest(db, q, pl->covered, as_of, &out->suggestion);
	hits_free(&h);
	string_clear(&expr);
	free(pl);
	return nerr_pass(err);
}

NEOERR *search_run(struct db *db, const char *text, const char *as_of, int page, int per_page,
		   struct search_results *out)
{
	struct search_query *q;
	struct citation cits[MAX_CITES];
	size_t ncits;
	int complete = 0, own;
	NEOERR *err;

	memset(out, 0, sizeof *out);
	out->page = page < 1 ? 1 : page;
	out->per_page = per_page < 1 ? 10 : per_page;
	q = calloc(1, sizeof *q);
	if (q == NULL)
		return nerr_raise(NERR_NOMEM, "search query");
	search_parse(text, q);
	out->truncated = q->truncated;
	if (q->n == 0) {
		out->empty = 1;
		free(q);
		return STATUS_OK;
	}
	/* One read transaction: the cache, the matches and the details all
	 * see the same state of the index. */
	own = !db_in_transaction(db);
	err = own ? db_exec(db, "BEGIN") : STATUS_OK;
	if (err == STATUS_OK)
		err = cache_load(db);
	ncits = citation_parse(text, cits, MAX_CITES, &complete);
	if (err == STATUS_OK && complete && ncits > 0)
		err = citation_search(db, cits, ncits, as_of, out);
	else if (err == STATUS_OK)
		err = text_search(db, q, date_number(as_of), out);
	if (own && err == STATUS_OK)
		err = db_exec(db, "COMMIT");
	if (own && err != STATUS_OK)
		db_rollback(db);
	free(q);
	if (err != STATUS_OK)
		search_results_free(out);
	return nerr_pass(err);
}

void search_results_free(struct search_results *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct search_result *x = &r->items[i];

		free(x->title);
		free(x->title_html);
		free(x->url);
		free(x->document);
		free(x->status);
		free(x->snippet_html);
		free(x->cites);
	}
	free(r->items);
	free(r->suggestion);
	for (int a = 0; a < r->nalso; a++)
		free(r->also_searched[a]);
	r->nalso = 0;
	r->items = NULL;
	r->suggestion = NULL;
	r->n = 0;
}

NEOERR *search_sections_matching(struct db *db, const char *expression, const char *as_of,
				 search_section_fn fn, void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
		"SELECT '/' || doc.slug || '/' || s.slug, d.title, doc.title, doc.status "
		"FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid "
		"JOIN sections s ON s.id = d.owner_id JOIN documents doc ON doc.id = s.document_id "
		"WHERE search_fts MATCH ?1 AND d.kind = 'section' AND d.valid_from <= ?2 AND ?2 < d.valid_to "
		"ORDER BY doc.sort, s.sort", &st);

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, expression);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, as_of);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row)
		if (fn(ctx, db_text(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3)))
			break;
	db_done(st);
	return nerr_pass(err);
}
