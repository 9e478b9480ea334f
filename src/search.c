/* search: running searches against the index (see search.h). */
#include "search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "citation.h"

/* bm25 weights of the columns: a match in a title or a glossary term counts
 * 8 times a match in the text. */
#define MATCH_SQL(cols) \
	"SELECT " cols " FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid " \
	"WHERE search_fts MATCH ?1 AND d.valid_from <= ?2 AND ?2 < d.valid_to"

#define SNIPPET_TOKENS "28"

/* --- The vocabulary (words as written in the index), cached per process -- */

struct vocab_word {
	const char *word;
	int docs;
};

static struct {
	struct db *db;
	sqlite3_int64 generation;
	int loaded;
	char *pool;
	struct vocab_word *words;
	size_t n;
} vocab;

void search_cache_clear(void)
{
	free(vocab.pool);
	free(vocab.words);
	memset(&vocab, 0, sizeof vocab);
}

static int vocab_cmp(const void *a, const void *b)
{
	return strcmp(((const struct vocab_word *)a)->word, ((const struct vocab_word *)b)->word);
}

static NEOERR *vocab_load(struct db *db)
{
	sqlite3_stmt *st;
	sqlite3_int64 generation = 0;
	size_t cap = 0, pool_len = 0, pool_cap = 0;
	int row = 0;
	NEOERR *err = db_generation(db, &generation);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (vocab.loaded && vocab.db == db && vocab.generation == generation)
		return STATUS_OK;
	search_cache_clear();
	err = db_stmt(db, "SELECT term, doc FROM search_vocab", &st);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		const char *term = db_text(st, 0);
		size_t len = strlen(term);

		if (len == 0 || len > SEARCH_MAX_WORD)
			continue;
		if (vocab.n == cap) {
			struct vocab_word *bigger = realloc(vocab.words, (cap = cap ? cap * 2 : 4096) * sizeof *bigger);

			if (bigger == NULL) {
				err = nerr_raise(NERR_NOMEM, "search vocabulary");
				break;
			}
			vocab.words = bigger;
		}
		if (pool_len + len + 1 > pool_cap) {
			char *bigger = realloc(vocab.pool, pool_cap = (pool_cap ? pool_cap * 2 : 65536) + len + 1);

			if (bigger == NULL) {
				err = nerr_raise(NERR_NOMEM, "search vocabulary");
				break;
			}
			vocab.pool = bigger;
		}
		memcpy(vocab.pool + pool_len, term, len + 1);
		/* Offsets for now: the pool may still move. */
		vocab.words[vocab.n].word = (const char *)(uintptr_t)pool_len;
		vocab.words[vocab.n].docs = sqlite3_column_int(st, 1);
		vocab.n++;
		pool_len += len + 1;
	}
	db_done(st);
	if (err != STATUS_OK) {
		search_cache_clear();
		return nerr_pass(err);
	}
	for (size_t i = 0; i < vocab.n; i++)
		vocab.words[i].word = vocab.pool + (uintptr_t)vocab.words[i].word;
	qsort(vocab.words, vocab.n, sizeof *vocab.words, vocab_cmp);
	vocab.db = db;
	vocab.generation = generation;
	vocab.loaded = 1;
	return STATUS_OK;
}

/* First word >= key. */
static size_t vocab_lower_bound(const char *key)
{
	size_t lo = 0, hi = vocab.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(vocab.words[mid].word, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int vocab_known(const char *word)
{
	size_t i = vocab_lower_bound(word);

	return i < vocab.n && strcmp(vocab.words[i].word, word) == 0;
}

/* The most used words that start with prefix (longer than it), at most max. */
static int vocab_complete(const char *prefix, const char **out, int max)
{
	size_t len = strlen(prefix);
	int docs[SEARCH_MAX_ALTS];
	int n = 0;

	if (max > SEARCH_MAX_ALTS)
		max = SEARCH_MAX_ALTS;
	for (size_t i = vocab_lower_bound(prefix); i < vocab.n; i++) {
		const struct vocab_word *w = &vocab.words[i];
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

/* Up to max known words close to word, best first (distance, then use). */
#define MAX_CANDIDATES 4
static int vocab_candidates(const char *word, const char **out, int max)
{
	size_t len = strlen(word);
	int bound = len <= 4 ? 1 : 2, n = 0;
	int dist[MAX_CANDIDATES], docs[MAX_CANDIDATES];

	if (len < 3 || has_digit(word))
		return 0;
	for (size_t i = 0; i < vocab.n; i++) {
		const struct vocab_word *w = &vocab.words[i];
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
	/* Only the closest ones: a distance-2 word is no rival to a distance-1 word. */
	for (int k = 1; k < n; k++)
		if (dist[k] > dist[0])
			return k;
	return n;
}

/* --- Running queries ----------------------------------------------------- */

struct hit {
	sqlite3_int64 id;
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

static int hits_has(const struct hits *h, sqlite3_int64 id)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].id == id)
			return 1;
	return 0;
}

static NEOERR *hits_add(struct hits *h, sqlite3_int64 id, double score, const char *cites)
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

/* Every row matching expr as of the date, with its score (lower is better),
 * appended to h unless already there (or, with skip, in skip). */
static NEOERR *collect(struct db *db, const char *expr, const char *as_of, struct hits *h, const struct hits *skip)
{
	sqlite3_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, MATCH_SQL("d.id, bm25(search_fts, 8.0, 1.0) * d.weight"), &st);

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, expr);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, as_of);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);

		if (skip && hits_has(skip, id))
			continue;
		err = hits_add(h, id, sqlite3_column_double(st, 1), NULL);
	}
	db_done(st);
	return nerr_pass(err);
}

static NEOERR *count_matches(struct db *db, const char *expr, const char *as_of, int *count)
{
	sqlite3_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, MATCH_SQL("count(*)"), &st);

	*count = 0;
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, expr);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, as_of);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		*count = sqlite3_column_int(st, 0);
	db_done(st);
	return nerr_pass(err);
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

static NEOERR *marked_to_html(const char *marked, char **out)
{
	STRING s;
	NEOERR *err;

	string_init(&s);
	err = search_marked_html(marked, &s);
	if (err == STATUS_OK)
		*out = s.buf ? s.buf : strdup("");
	else
		string_clear(&s);
	return nerr_pass(err);
}

#define DETAIL_COLS \
	"d.kind, d.title, doc.slug, s.slug, doc.title, doc.status, t.slug"
#define DETAIL_JOINS \
	"LEFT JOIN sections s ON d.kind = 'section' AND s.id = d.owner_id " \
	"LEFT JOIN documents doc ON doc.id = s.document_id " \
	"LEFT JOIN glossary_terms t ON d.kind = 'glossary' AND t.id = d.owner_id "

static NEOERR *fill_result(sqlite3_stmt *st, const char *title_marked, const char *snippet_marked,
			   struct search_result *r)
{
	const char *kind = db_text(st, 0);
	NEOERR *err;
	char url[512];

	r->kind = strcmp(kind, "glossary") == 0 ? SEARCH_KIND_GLOSSARY : SEARCH_KIND_SECTION;
	if (r->kind == SEARCH_KIND_GLOSSARY)
		snprintf(url, sizeof url, "/glossary/%s", db_text(st, 6));
	else
		snprintf(url, sizeof url, "/%s/%s", db_text(st, 2), db_text(st, 3));
	r->title = dup_or_empty(db_text(st, 1));
	r->url = strdup(url);
	r->document = dup_or_empty(r->kind == SEARCH_KIND_SECTION ? db_text(st, 4) : "");
	r->status = dup_or_empty(r->kind == SEARCH_KIND_SECTION ? db_text(st, 5) : "");
	if (!r->title || !r->url || !r->document || !r->status)
		return nerr_raise(NERR_NOMEM, "search result");
	err = marked_to_html(title_marked, &r->title_html);
	if (err == STATUS_OK)
		err = marked_to_html(snippet_marked, &r->snippet_html);
	return nerr_pass(err);
}

/* Title, URL and a highlighted snippet of one indexed row. */
static NEOERR *hit_details(struct db *db, const char *expr, const struct hit *h, struct search_result *r)
{
	sqlite3_stmt *st;
	int row = 0;
	NEOERR *err = STATUS_OK;

	if (expr && *expr) {
		err = db_stmt(db, "SELECT " DETAIL_COLS ", highlight(search_fts, 0, char(1), char(2)), "
				  "snippet(search_fts, 1, char(1), char(2), '\xe2\x80\xa6', " SNIPPET_TOKENS ") "
				  "FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid " DETAIL_JOINS
				  "WHERE search_fts MATCH ?1 AND search_fts.rowid = ?2", &st);
		if (err == STATUS_OK) err = db_bind_text(db, st, 1, expr);
		if (err == STATUS_OK) err = db_bind_int(db, st, 2, h->id);
		if (err == STATUS_OK) err = db_step(db, st, &row);
		if (err == STATUS_OK && row)
			err = fill_result(st, db_text(st, 7), db_text(st, 8), r);
		db_done(st);
	}
	if (err == STATUS_OK && !row) {
		/* A section found through its legal references that does not
		 * mention the citation in its text: the start of its text. */
		err = db_stmt(db, "SELECT " DETAIL_COLS ", d.title, "
				  "substr(d.body, 1, 200) || CASE WHEN length(d.body) > 200 THEN '\xe2\x80\xa6' ELSE '' END "
				  "FROM search_docs d " DETAIL_JOINS "WHERE d.id = ?1", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, h->id);
		if (err == STATUS_OK) err = db_step(db, st, &row);
		if (err == STATUS_OK && row)
			err = fill_result(st, db_text(st, 7), db_text(st, 8), r);
		db_done(st);
	}
	if (err == STATUS_OK && !row)
		err = nerr_raise(NERR_ASSERT, "search row %lld vanished", (long long)h->id);
	if (err == STATUS_OK)
		r->cites = dup_or_empty(h->cites);
	return nerr_pass(err);
}

static NEOERR *fill_page(struct db *db, const char *expr, struct hits *h, struct search_results *out)
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
		err = hit_details(db, expr, &h->v[first + i], &out->items[i]);
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
	STRING expr;
	NEOERR *err = STATUS_OK;

	string_init(&expr);
	out->citation = 1;
	snprintf(out->cite, sizeof out->cite, "%s", cits[0].cite);
	citation_anchor(cits[0].cite, out->cite_anchor, sizeof out->cite_anchor);
	for (size_t i = 0; i < ncits && err == STATUS_OK; i++) {
		const struct citation *c = &cits[i];
		sqlite3_stmt *st;
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
			sqlite3_int64 id = sqlite3_column_int64(st, 0);

			if (!hits_has(&h, id))
				err = hits_add(&h, id, 0, db_text(st, 1));
		}
		db_done(st);
		if (err == STATUS_OK && i > 0)
			err = string_append(&expr, " OR ");
		if (err == STATUS_OK)
			err = append_phrase(&expr, c->raw);
	}
	if (err == STATUS_OK)
		err = collect(db, expr.buf, as_of, &text, &h);
	if (err == STATUS_OK) {
		qsort(text.v, text.n, sizeof *text.v, hit_cmp);
		for (size_t i = 0; i < text.n && err == STATUS_OK; i++)
			err = hits_add(&h, text.v[i].id, text.v[i].score, NULL);
	}
	if (err == STATUS_OK)
		err = fill_page(db, expr.buf, &h, out);
	hits_free(&h);
	hits_free(&text);
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

/* How well a corrected query does: hits of its words as one phrase (real
 * word pairs win), then hits of all its words. */
static NEOERR *suggestion_score(struct db *db, const struct search_query *q, const char *const *replace,
				const char *as_of, long *score)
{
	struct search_query fixed = *q;
	STRING expr;
	NEOERR *err = STATUS_OK;
	int phrase = 0, all = 0;

	string_init(&expr);
	for (int i = 0; i < fixed.n; i++) {
		if (replace[i])
			snprintf(fixed.clauses[i].text, sizeof fixed.clauses[i].text, "%s", replace[i]);
		fixed.clauses[i].nalts = 0;
	}
	if (fixed.n > 1) {
		STRING words;

		string_init(&words);
		for (int i = 0; i < fixed.n && err == STATUS_OK; i++)
			if (!fixed.clauses[i].stop)
				err = string_appendf(&words, "%s ", fixed.clauses[i].text);
		if (err == STATUS_OK && words.buf)
			err = append_phrase(&expr, words.buf);
		string_clear(&words);
		if (err == STATUS_OK)
			err = count_matches(db, expr.buf, as_of, &phrase);
		string_clear(&expr);
	}
	if (err == STATUS_OK)
		err = search_expression(&fixed, 0, &expr);
	if (err == STATUS_OK && expr.buf)
		err = count_matches(db, expr.buf, as_of, &all);
	string_clear(&expr);
	*score = (long)phrase * 100000L + all;
	return nerr_pass(err);
}

/* "Did you mean": each word the index does not know (and that does not
 * start a word it knows) replaced by the closest known word; where several
 * are equally close, the one giving the best query. Only offered when the
 * corrected query finds something. */
static NEOERR *suggest(struct db *db, const struct search_query *q, const char *as_of, char **suggestion)
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

		if (c->kind == SEARCH_PREFIX || c->stop)
			continue;
		nw = clause_words(c, words, SEARCH_MAX_PHRASE_WORDS);
		for (int w = 0; w < nw && err == STATUS_OK; w++) {
			const char *cand[MAX_CANDIDATES];
			const char *alts[1];
			int nc;
			long best_score = -1;
			int best = -1;

			if (vocab_known(words[w]) || vocab_complete(words[w], alts, 1) > 0)
				continue;
			nc = vocab_candidates(words[w], cand, MAX_CANDIDATES);
			for (int k = 0; k < nc && err == STATUS_OK; k++) {
				char trial[sizeof fixed[0]];
				const char *rep[SEARCH_MAX_CLAUSES];
				long score = 0;

				/* The clause with this word replaced. */
				join_words(trial, sizeof trial, words, nw, w, cand[k]);
				memcpy(rep, replace, sizeof rep);
				rep[i] = trial;
				if (nc > 1)
					err = suggestion_score(db, q, rep, as_of, &score);
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

		err = suggestion_score(db, q, replace, as_of, &score);
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

static NEOERR *text_search(struct db *db, struct search_query *q, const char *as_of, struct search_results *out)
{
	struct hits h = { 0 };
	STRING expr;
	NEOERR *err;
	int nonstop = 0;

	err = vocab_load(db);
	/* Words the index does not have, and prefixes: also match the known
	 * words they begin ("reinstat" -> reinstatement, reinstated). */
	for (int i = 0; i < q->n && err == STATUS_OK; i++) {
		struct search_clause *c = &q->clauses[i];

		nonstop += !c->stop;
		if (c->kind == SEARCH_PREFIX || (c->kind == SEARCH_WORD && !c->stop && strlen(c->text) >= 3 &&
						 !vocab_known(c->text)))
			c->nalts = vocab_complete(c->text, c->alts, SEARCH_MAX_ALTS);
	}
	string_init(&expr);
	if (err == STATUS_OK)
		err = search_expression(q, 0, &expr);
	if (err == STATUS_OK)
		err = collect(db, expr.buf, as_of, &h, NULL);
	if (err == STATUS_OK && h.n == 0 && nonstop > 1) {
		/* Nothing has every word: show what has some of them. */
		string_clear(&expr);
		err = search_expression(q, 1, &expr);
		if (err == STATUS_OK)
			err = collect(db, expr.buf, as_of, &h, NULL);
		out->any = h.n > 0;
	}
	if (err == STATUS_OK) {
		qsort(h.v, h.n, sizeof *h.v, hit_cmp);
		err = fill_page(db, expr.buf, &h, out);
	}
	if (err == STATUS_OK)
		err = suggest(db, q, as_of, &out->suggestion);
	hits_free(&h);
	string_clear(&expr);
	return nerr_pass(err);
}

NEOERR *search_run(struct db *db, const char *text, const char *as_of, int page, int per_page,
		   struct search_results *out)
{
	struct search_query *q;
	struct citation cits[MAX_CITES];
	size_t ncits;
	int complete = 0;
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
	ncits = citation_parse(text, cits, MAX_CITES, &complete);
	if (complete && ncits > 0)
		err = citation_search(db, cits, ncits, as_of, out);
	else
		err = text_search(db, q, as_of, out);
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
	r->items = NULL;
	r->suggestion = NULL;
	r->n = 0;
}

NEOERR *search_sections_matching(struct db *db, const char *expression, const char *as_of,
				 search_section_fn fn, void *ctx)
{
	sqlite3_stmt *st;
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
