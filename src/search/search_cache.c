/* search_cache: the per-process cache of the index state, reloaded when the
 * index changes (the engine's ranking data and stemmer, the vocabulary, the
 * thesaurus, how many rows each phrase matches), and the lookups in it:
 * known words, completions, close words, other forms of a word. Apart
 * because everything else reads it and only this file decides when it is
 * stale (see search_internal.h). */
#include "search/search_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct vocab_word {
	const char *word;
	int docs;
};

static struct cache {
	unsigned long db_serial;     /* the connection it was loaded from */
	struct store_search *engine; /* the rows' ranking data and the stemmer */
	int64_t version;             /* the index version loaded */
	int loaded;
	/* The vocabulary, sorted. */
	char *pool;
	struct vocab_word *words;
	size_t nwords;
	/* The thesaurus (search_thesaurus), sorted by the stems of its words. */
	struct thesaurus_entry *thesaurus;
	size_t nthesaurus;
	/* How many rows each phrase searched so far matches (for its idf), by
	 * its FTS5 text: an open-addressing table, filled as queries come. */
	struct phrase_docs {
		char *text;
		int64_t docs;
	} * phrases;
	size_t nphrases;
} cache;

/* Phrases remembered per index version; beyond that, counted each time. */
#define PHRASE_CACHE_SLOTS 8192
#define PHRASE_CACHE_MAX (PHRASE_CACHE_SLOTS / 2)

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
	store_search_close(&cache.engine);
	free(cache.pool);
	free(cache.words);
	thesaurus_free();
	if (cache.phrases != NULL)
		for (size_t i = 0; i < PHRASE_CACHE_SLOTS; i++)
			free(cache.phrases[i].text);
	free(cache.phrases);
	memset(&cache, 0, sizeof cache);
}

struct store_search *cache_engine(void)
{
	return cache.engine;
}

void stem_word(const char *word, size_t len, char out[SEARCH_MAX_WORD + 1])
{
	store_search_stem(cache.engine, word, len, out, SEARCH_MAX_WORD + 1);
}

/* The stems of the words of text, one space apart, at most max words:
 * returns how many. */
static int stem_words(const char *text, char *out, size_t size, int max)
{
	return store_search_stem_words(cache.engine, text, out, size, max);
}

static int vocab_cmp(const void *a, const void *b)
{
	return strcmp(((const struct vocab_word *)a)->word, ((const struct vocab_word *)b)->word);
}

struct vocab_load {
	size_t cap, pool_len, pool_cap;
};

static NEOERR *vocab_add(void *ctx, const char *term, int docs)
{
	struct vocab_load *v = ctx;
	size_t len = strlen(term);

	if (len == 0 || len > SEARCH_MAX_WORD)
		return STATUS_OK;
	if (cache.nwords == v->cap) {
		struct vocab_word *bigger = realloc(cache.words,
						    (v->cap = v->cap ? v->cap * 2 : 4096) * sizeof *bigger);

		if (bigger == NULL)
			return nerr_raise(NERR_NOMEM, "search vocabulary");
		cache.words = bigger;
	}
	if (v->pool_len + len + 1 > v->pool_cap) {
		char *bigger = realloc(cache.pool, v->pool_cap = (v->pool_cap ? v->pool_cap * 2 : 65536) + len + 1);

		if (bigger == NULL)
			return nerr_raise(NERR_NOMEM, "search vocabulary");
		cache.pool = bigger;
	}
	memcpy(cache.pool + v->pool_len, term, len + 1);
	/* Offsets for now: the pool may still move. */
	cache.words[cache.nwords].word = (const char *)(uintptr_t)v->pool_len;
	cache.words[cache.nwords].docs = docs;
	cache.nwords++;
	v->pool_len += len + 1;
	return STATUS_OK;
}

static NEOERR *load_vocabulary(struct db *db, int stored)
{
	struct vocab_load v = { 0, 0, 0 };
	NEOERR *err = store_search_vocabulary(db, stored, vocab_add, &v);

	if (err != STATUS_OK)
		return nerr_pass(err);
	for (size_t i = 0; i < cache.nwords; i++)
		cache.words[i].word = cache.pool + (uintptr_t)cache.words[i].word;
	if (cache.nwords > 1)
		qsort(cache.words, cache.nwords, sizeof *cache.words, vocab_cmp);
	return STATUS_OK;
}

static int thesaurus_cmp(const void *a, const void *b)
{
	return strcmp(((const struct thesaurus_entry *)a)->stems, ((const struct thesaurus_entry *)b)->stems);
}

/* One entry of the thesaurus with its everyday words stemmed as queries
 * will be. */
static NEOERR *thesaurus_add(void *ctx, const char *words, const char *p)
{
	size_t *cap = ctx;
	char key[THESAURUS_KEY_SIZE];
	struct thesaurus_entry *e;
	NEOERR *err = STATUS_OK;

	if (stem_words(words, key, sizeof key, THESAURUS_MAX_WORDS + 1) > THESAURUS_MAX_WORDS || key[0] == '\0')
		return STATUS_OK;
	if (cache.nthesaurus == *cap) {
		struct thesaurus_entry *bigger = realloc(cache.thesaurus,
							 (*cap = *cap ? *cap * 2 : 256) * sizeof *bigger);

		if (bigger == NULL)
			return nerr_raise(NERR_NOMEM, "search thesaurus");
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
	return nerr_pass(err);
}

static NEOERR *load_thesaurus(struct db *db)
{
	size_t cap = 0;
	NEOERR *err = store_search_thesaurus(db, thesaurus_add, &cap);

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

const struct thesaurus_entry *thesaurus_find(const char *stems)
{
	struct thesaurus_entry key = { .stems = (char *)stems };

	if (cache.nthesaurus == 0)
		return NULL;
	return bsearch(&key, cache.thesaurus, cache.nthesaurus, sizeof key, thesaurus_cmp);
}

NEOERR *cache_load(struct db *db)
{
	int64_t version = 0;
	int stored = 0;
	NEOERR *err = store_search_version(db, &version, &stored);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (cache.loaded && cache.db_serial == db_serial(db) && cache.version == version)
		return STATUS_OK;
	search_cache_clear();
	err = load_vocabulary(db, stored);
	if (err == STATUS_OK)
		err = store_search_open(db, &cache.engine);
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

int vocab_known(const char *word)
{
	size_t i = vocab_lower_bound(word);

	return i < cache.nwords && strcmp(cache.words[i].word, word) == 0;
}

/* Word w, at distance d, into out (n long so far, at most max), nearest
 * first, then the most used: returns the new length. */
static int vocab_rank(const char **out, int *dist, int *docs, int n, int max, const struct vocab_word *w, int d)
{
	int at;

	for (at = n; at > 0 && (dist[at - 1] > d || (dist[at - 1] == d && docs[at - 1] < w->docs)); at--)
		;
	if (at >= max)
		return n;
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
	return n;
}

int vocab_complete(const char *prefix, const char **out, int max)
{
	size_t len = strlen(prefix);
	int docs[SEARCH_MAX_ALTS], dist[SEARCH_MAX_ALTS];
	int n = 0;

	if (max > SEARCH_MAX_ALTS)
		max = SEARCH_MAX_ALTS;
	for (size_t i = vocab_lower_bound(prefix); i < cache.nwords; i++) {
		const struct vocab_word *w = &cache.words[i];

		if (strncmp(w->word, prefix, len) != 0)
			break;
		if (w->word[len] == '\0')
			continue;
		/* All at distance 0: sorted by use, most used first. */
		n = vocab_rank(out, dist, docs, n, max, w, 0);
	}
	return n;
}

int vocab_docs(const char *word)
{
	size_t i = vocab_lower_bound(word);

	return i < cache.nwords && strcmp(cache.words[i].word, word) == 0 ? cache.words[i].docs : 0;
}

static int has_digit(const char *s)
{
	for (; *s; s++)
		if (*s >= '0' && *s <= '9')
			return 1;
	return 0;
}

int vocab_candidates(const char *word, const char **out, int max)
{
	size_t len = strlen(word);
	int bound = len <= 4 ? 1 : 2, n = 0;
	int dist[MAX_CANDIDATES], docs[MAX_CANDIDATES];

	if (len < 3 || has_digit(word))
		return 0;
	for (size_t i = 0; i < cache.nwords; i++) {
		const struct vocab_word *w = &cache.words[i];
		size_t wl = strlen(w->word);
		int d;

		if ((wl > len ? wl - len : len - wl) > (size_t)bound || has_digit(w->word))
			continue;
		d = search_edit_distance(word, w->word, bound);
		if (d > bound || d == 0)
			continue;
		n = vocab_rank(out, dist, docs, n, max, w, d);
	}
	for (int k = 1; k < n; k++)
		if (dist[k] > dist[0])
			return k;
	return n;
}

/* The words of the vocabulary that begin with its stem and go on for a few
 * letters. */
int vocab_derived_forms(const char *word, const char **out, int max)
{
	char st[SEARCH_MAX_WORD + 1], other[SEARCH_MAX_WORD + 1];
	const char *cand[SEARCH_MAX_ALTS];
	size_t len;
	int nc, n = 0;

	stem_word(word, strlen(word), st);
	len = strlen(st);
	if (len < 5 || has_digit(st))
		return 0;
	nc = vocab_complete(st, cand, SEARCH_MAX_ALTS);
	for (int k = 0; k < nc && n < max; k++) {
		if (strlen(cand[k]) > len + 5)
			continue;
		stem_word(cand[k], strlen(cand[k]), other);
		if (strcmp(other, st) != 0)
			out[n++] = cand[k];
	}
	return n;
}

static size_t phrase_slot(const char *text)
{
	uint32_t hash = 2166136261u;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		hash = (hash ^ *p) * 16777619u;
	return hash & (PHRASE_CACHE_SLOTS - 1);
}

/* Counting reads the phrase's whole doclist, so the answer is kept until the
 * index changes (a common word's count was a tenth of a query). */
NEOERR *phrase_docs(struct db *db, const char *text, int64_t *docs)
{
	size_t slot = phrase_slot(text);
	NEOERR *err;

	if (cache.phrases == NULL && (cache.phrases = calloc(PHRASE_CACHE_SLOTS, sizeof *cache.phrases)) == NULL)
		return nerr_raise(NERR_NOMEM, "search phrases");
	for (; cache.phrases[slot].text != NULL; slot = (slot + 1) & (PHRASE_CACHE_SLOTS - 1))
		if (strcmp(cache.phrases[slot].text, text) == 0) {
			*docs = cache.phrases[slot].docs;
			return STATUS_OK;
		}
	err = store_search_count(db, text, docs);
	/* At most half full, so that a free slot always ends a probe. */
	if (err == STATUS_OK && cache.nphrases < PHRASE_CACHE_MAX &&
	    (cache.phrases[slot].text = strdup(text)) != NULL) {
		cache.phrases[slot].docs = *docs;
		cache.nphrases++;
	}
	return nerr_pass(err);
}
