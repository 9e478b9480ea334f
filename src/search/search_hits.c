/* search_hits: the rows a search finds (id, score, what a citation search
 * matched), collected from the engine with the cache's ranking data, and
 * the few best put first. Apart from the plan because citation searches,
 * text searches and the "Did you mean" counts all use it (see
 * search_internal.h). */
#include "search/search_internal.h"

#include <stdlib.h>
#include <string.h>

void hits_free(struct hits *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i].cites);
	free(h->v);
	memset(h, 0, sizeof *h);
}

NEOERR *hits_add(struct hits *h, int64_t id, double score, const char *cites)
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

/* A page of results needs the first few of thousands, and sorting them all
 * was the largest cost of a common word on a big index. */
void best_first(struct hit *v, size_t n, size_t k)
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

int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

size_t best_hit(const struct hits *h)
{
	size_t best = 0;

	for (size_t i = 1; i < h->n; i++)
		if (hit_cmp(&h->v[i], &h->v[best]) < 0)
			best = i;
	return best;
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

NEOERR *hits_collect(struct db *db, const char *expr, const char *groups, int as_of, struct hits *h,
		     const int64_t *skip, size_t nskip)
{
	struct collect c = { h, skip, nskip };

	return nerr_pass(store_search_ranked(db, cache_engine(), expr, groups, as_of, collect_hit, &c));
}

NEOERR *count_matches(struct db *db, const char *expr, int as_of, int limit, int *count)
{
	return nerr_pass(store_search_count_current(db, cache_engine(), expr, as_of, limit, count));
}
