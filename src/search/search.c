/* search: running searches against the index (see search.h). */
#include "search/search.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/citation.h"
#include "store/search_backend.h"

/* Matching, ranking and stemming are the engine's (store/search_backend.h):
 * this file builds what it matches and ranks, a plan of the query's phrases
 * and how they relate, and shapes what it finds into results. */

#define SNIPPET_TOKENS "28"

/* --- Per-process cache, reloaded when the index changes ------------------ */

struct vocab_word {
	const char *word;
	int docs;
};

static struct cache {
	unsigned long db_serial;   /* the connection it was loaded from */
	struct store_search *engine;  /* the rows' ranking data and the stemmer */
	int64_t version;      /* the index version loaded */
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

static int date_number(const char *d)
{
	int y = 0, m = 0, day = 0;

	if (sscanf(d, "%4d-%2d-%2d", &y, &m, &day) != 3)
		return 0;
	return y * 10000 + m * 100 + day;
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
		struct vocab_word *bigger = realloc(cache.words, (v->cap = v->cap ? v->cap * 2 : 4096) * sizeof *bigger);

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

static NEOERR *load_thesaurus(struct db *db);

/* Make the cache match the index as the current transaction sees it. */
static NEOERR *cache_load(struct db *db)
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

struct collect {
	struct hits *h;
	const int64_t *skip;
	size_t nskip;
};

static NEOERR *collect_hit(void *ctx, int64_t id, double score)
{
	struct collect *c = ctx;

	if (c->nskip && bsearch(&id, c->skip, c->nskip, sizeof *c->skip, id_cmp))
		return STATUS_OK;
	return nerr_pass(hits_add(c->h, id, score, NULL));
}

/* Every row matching expr that is current on as_of, with its score, appended
 * to h unless its id is in skip (sorted, nskip long). */
static NEOERR *collect(struct db *db, const char *expr, const char *groups, int as_of, struct hits *h,
		       const int64_t *skip, size_t nskip)
{
	struct collect c = { h, skip, nskip };

	return nerr_pass(store_search_ranked(db, cache.engine, expr, groups, as_of, collect_hit, &c));
}

/* Rows matching expr that are current, counting at most up to limit. */
static NEOERR *count_matches(struct db *db, const char *expr, int as_of, int limit, int *count)
{
	return nerr_pass(store_search_count_current(db, cache.engine, expr, as_of, limit, count));
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

/* The word as the index stores it (lowercase, stemmed). */
static void stem(const char *word, size_t len, char out[SEARCH_MAX_WORD + 1])
{
	store_search_stem(cache.engine, word, len, out, SEARCH_MAX_WORD + 1);
}

/* The stems of the words of text, one space apart, at most max words:
 * returns how many. */
static int stem_words(const char *text, char *out, size_t size, int max)
{
	return store_search_stem_words(cache.engine, text, out, size, max);
}

static int thesaurus_cmp(const void *a, const void *b)
{
	return strcmp(((const struct thesaurus_entry *)a)->stems, ((const struct thesaurus_entry *)b)->stems);
}

#define THESAURUS_KEY_SIZE (THESAURUS_MAX_WORDS * (SEARCH_MAX_WORD + 1))

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
		struct thesaurus_entry *bigger = realloc(cache.thesaurus, (*cap = *cap ? *cap * 2 : 256) * sizeof *bigger);

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

struct hit_details {
	struct highlight *hl;
	const struct hit *h;
	struct search_result *r;
};

static NEOERR *hit_fill(void *ctx, const struct store_search_doc *d)
{
	struct hit_details *x = ctx;
	struct search_result *r = x->r;
	char url[512];
	NEOERR *err = STATUS_OK;

	r->kind = d->glossary ? SEARCH_KIND_GLOSSARY : SEARCH_KIND_SECTION;
	if (r->kind == SEARCH_KIND_GLOSSARY)
		snprintf(url, sizeof url, "/glossary/%s", d->term_slug);
	else
		snprintf(url, sizeof url, "/%s/%s", d->document_slug, d->section_slug);
	r->title = dup_or_empty(d->title);
	r->url = strdup(url);
	r->document = dup_or_empty(r->kind == SEARCH_KIND_SECTION ? d->document_title : "");
	r->status = dup_or_empty(r->kind == SEARCH_KIND_SECTION ? d->document_status : "");
	r->cites = dup_or_empty(x->h->cites);
	if (!r->title || !r->url || !r->document || !r->status || !r->cites)
		err = nerr_raise(NERR_NOMEM, "search result");
	if (err == STATUS_OK)
		err = snippet_html(d->title, 0, x->hl, &r->title_html);
	if (err == STATUS_OK)
		err = snippet_html(d->body, SNIPPET_WORDS, x->hl, &r->snippet_html);
	return nerr_pass(err);
}

/* Title, URL and a highlighted snippet of one indexed row. */
static NEOERR *hit_details(struct db *db, struct highlight *hl, const struct hit *h, struct search_result *r)
{
	struct hit_details x = { hl, h, r };
	int found = 0;
	NEOERR *err = store_search_doc(db, h->id, hit_fill, &x, &found);

	if (err == STATUS_OK && !found)
		err = nerr_raise(NERR_ASSERT, "search row %lld vanished", (long long)h->id);
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

struct citing {
	struct hits *h;
	const int64_t *ids;   /* found under the citations before, sorted */
	size_t nids;
};

static NEOERR *citing_add(void *ctx, int64_t id, const char *cites)
{
	struct citing *c = ctx;

	/* Cited under two of the citations asked for: listed once. */
	if (c->nids && bsearch(&id, c->ids, c->nids, sizeof *c->ids, id_cmp))
		return STATUS_OK;
	return nerr_pass(hits_add(c->h, id, 0, cites));
}

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
		const struct store_search_cite law = {
			c->code, c->title, c->chapter, c->number, c->subsection[0] ? c->cite : ""
		};
		struct citing citing = { &h, ids, nids };

		err = store_search_citing(db, &law, as_of, citing_add, &citing);
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
#define PLAN_MAX_BIGRAMS STORE_SEARCH_PLAN_PAIRS
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
	NEOERR *err;

	*yes = 0;
	string_init(&all);
	err = plan_expression(pl, PLAN_ALL, NULL, &all, rank);
	if (err == STATUS_OK)
		err = store_search_row_matches(db, all.buf, id, yes);
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

struct run {
	const char *text, *as_of;
	struct search_query *q;
	struct search_results *out;
};

static NEOERR *run_in_tx(struct db *db, void *ctx)
{
	struct run *r = ctx;
	struct citation cits[MAX_CITES];
	size_t ncits;
	int complete = 0;
	NEOERR *err = cache_load(db);

	ncits = citation_parse(r->text, cits, MAX_CITES, &complete);
	if (err == STATUS_OK && complete && ncits > 0)
		err = citation_search(db, cits, ncits, r->as_of, r->out);
	else if (err == STATUS_OK)
		err = text_search(db, r->q, date_number(r->as_of), r->out);
	return nerr_pass(err);
}

NEOERR *search_run(struct db *db, const char *text, const char *as_of, int page, int per_page,
		   struct search_results *out)
{
	struct search_query *q;
	struct run r;
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
	r = (struct run){ text, as_of, q, out };
	err = store_search_read(db, run_in_tx, &r);
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
	return nerr_pass(store_search_sections(db, expression, as_of, fn, ctx));
}
