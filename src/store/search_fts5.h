/* search_fts5: what search_fts5.c (the index's SQL) and search_fts5_rank.c
 * (its ranking function) share; included only by them. */
#ifndef HR_SEARCH_FTS5_H
#define HR_SEARCH_FTS5_H

#include <stddef.h>
#include <stdint.h>

#include "store/db_sqlite.h"
#include "store/search_backend.h"

struct rowinfo {
	float weight;
	int from, to; /* YYYYMMDD: current from, until before */
	int size;     /* < 0: no such row */
};

struct store_search {
	/* Rows by id - base. */
	struct rowinfo *rows;
	int64_t base;
	size_t nrows;
	double avgsize;
	fts5_tokenizer stemmer_api; /* the index's tokenizer, for highlighting */
	Fts5Tokenizer *stemmer;
};

static inline const struct rowinfo *row_info(const struct store_search *s, int64_t id)
{
	if (s == NULL || id < s->base || (size_t)(id - s->base) >= s->nrows || s->rows[id - s->base].size < 0)
		return NULL;
	return &s->rows[id - s->base];
}

/* Register search_rank on db's connection, once per connection. */
NEOERR *search_rank_register(struct db *db, fts5_api *api);
/* The state search_rank ranks with from now on. */
void search_rank_use(struct store_search *s);
/* s is going away: search_rank must not rank with it any more. */
void search_rank_release(const struct store_search *s);

#endif
