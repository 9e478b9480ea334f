/* search_fts5_rank: search_rank, the FTS5 auxiliary function that ranks
 * the index's rows (see search_fts5.c for the index and its SQL). */
#include "store/search_fts5.h"

#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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
#define RANK_BONUS 0.5 /* neighbouring query words found as a phrase */
#ifndef BIGRAM_IDF
#define BIGRAM_IDF(a, b) ((a) > (b) ? (a) : (b))
#endif

/* The state search_rank ranks with: set by the query that runs it. The
 * function's data is this variable's address, not a state's, because a
 * cached statement keeps the data it was prepared with. */
static struct store_search *ranking;

void search_rank_use(struct store_search *s)
{
	ranking = s;
}

void search_rank_release(const struct store_search *s)
{
	if (ranking == s)
		ranking = NULL;
}

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *count)
{
	(void)api;
	(void)fts;
	(*(int64_t *)count)++;
	return SQLITE_OK;
}

#define RANK_MAX_BIGRAMS STORE_SEARCH_PLAN_PAIRS

/* What search_rank computes once per query: how rare each phrase is, which
 * group of the query each phrase belongs to, and which pairs of phrases are
 * neighbouring words of the query as typed. */
struct rank_query {
	int nphrase, ngroups, nbigrams;
	double *idf;
	int64_t *docs;      /* per phrase: the rows it matches, or -1: count them */
	double gidf[64];    /* per group: its rarest phrase's idf */
	double idf_total;   /* their sum */
	signed char *group; /* per phrase: its group */
	struct {
		int first, second; /* phrases */
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
		int64_t n = strtoll(docs + 1, &end, 10);

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
	const struct store_search *s = *(struct store_search *const *)api->xUserData(fts);
	struct rank_query *rq = api->xGetAuxdata(fts, 0);
	double best[64] = { 0 }, matched = 0;
	int rc = SQLITE_OK;
	const struct rowinfo *r;
	double score = 0, bonus = 0, norm, share;

	r = row_info(s, api->xRowid(fts));
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
	norm = RANK_K1 * (1 - RANK_B + RANK_B * (double)r->size / s->avgsize);
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

/* FTS5 adds a function to its list at every xCreateFunction, without
 * looking for one of the same name, until the connection closes: register
 * once per connection. The connection that has it, by db_serial() (an
 * address may come back for another connection); a switch between
 * connections registers again, which only adds one more entry. */
static unsigned long registered_serial; /* 0: none (serials start at 1) */
static unsigned long registrations;

NEOERR *search_rank_register(struct db *db, fts5_api *api)
{
	int rc;

	if (registered_serial == db_serial(db))
		return STATUS_OK;
	rc = api->xCreateFunction(api, "search_rank", &ranking, search_rank, NULL);
	if (rc != SQLITE_OK)
		return db_error(db, rc, "registering search_rank");
	registered_serial = db_serial(db);
	registrations++;
	return STATUS_OK;
}

unsigned long store_search_rank_registrations(void)
{
	return registrations;
}
