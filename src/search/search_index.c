/* search_index: keeping the search index in step with the content (see
 * search.h; the index itself is the engine's, store/search_backend.h).
 *
 * For one owner (a section or a glossary term) the rows it should have in
 * the index are computed from its versions, compared with the rows it has,
 * and only the differences are written. Writing nothing when nothing
 * changed keeps a re-import from touching the database. A change bumps the
 * index's version; search_index_flush() then rebuilds the stored
 * vocabulary once for all the changes. */
#include "search/search.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "store/search_backend.h"

static int same_row(const struct store_search_row *a, const struct store_search_row *b)
{
	return a->weight == b->weight && strcmp(a->valid_from, b->valid_from) == 0 &&
	       strcmp(a->valid_to, b->valid_to) == 0 && strcmp(a->title, b->title) == 0 &&
	       strcmp(a->body, b->body) == 0;
}

static NEOERR *reindex_owner(struct db *db, enum store_search_kind kind, int64_t owner)
{
	struct store_search_row *want = NULL, *have = NULL;
	size_t nwant = 0, nhave = 0;
	int changed = 0;
	NEOERR *err;

	err = store_search_rows_wanted(db, kind, owner, &want, &nwant);
	if (err == STATUS_OK)
		err = store_search_rows_indexed(db, kind, owner, &have, &nhave);
	for (size_t i = 0; i < nwant && err == STATUS_OK; i++) {
		struct store_search_row *match = NULL;

		for (size_t k = 0; k < nhave && match == NULL; k++)
			if (have[k].version_id == want[i].version_id)
				match = &have[k];
		if (match == NULL) {
			err = store_search_row_insert(db, kind, owner, &want[i]);
			changed = 1;
			continue;
		}
		match->seen = 1;
		if (!same_row(match, &want[i])) {
			err = store_search_row_update(db, match, &want[i]);
			changed = 1;
		}
	}
	for (size_t k = 0; k < nhave && err == STATUS_OK; k++)
		if (!have[k].seen) {
			err = store_search_row_delete(db, &have[k]);
			changed = 1;
		}
	if (err == STATUS_OK && changed)
		err = store_search_changed(db);
	store_search_rows_free(want, nwant);
	store_search_rows_free(have, nhave);
	return nerr_pass_ctx(err, "indexing %s %" PRId64 " for search",
			     kind == STORE_SEARCH_GLOSSARY ? "glossary" : "section", (int64_t)owner);
}

NEOERR *search_reindex_section(struct db *db, int64_t section_id)
{
	return nerr_pass(reindex_owner(db, STORE_SEARCH_SECTION, section_id));
}

NEOERR *search_reindex_term(struct db *db, int64_t term_id)
{
	return nerr_pass(reindex_owner(db, STORE_SEARCH_GLOSSARY, term_id));
}

NEOERR *search_reindex(struct db *db)
{
	struct store_search_row *orphans = NULL;
	int64_t *ids = NULL;
	size_t n = 0;
	NEOERR *err;

	/* Rows whose section or term no longer exists. */
	err = store_search_rows_orphaned(db, &orphans, &n);
	for (size_t i = 0; i < n && err == STATUS_OK; i++)
		err = store_search_row_delete(db, &orphans[i]);
	store_search_rows_free(orphans, n);
	if (err == STATUS_OK)
		err = store_search_owners(db, STORE_SEARCH_SECTION, &ids, &n);
	for (size_t i = 0; i < n && err == STATUS_OK; i++)
		err = search_reindex_section(db, ids[i]);
	free(ids);
	ids = NULL;
	if (err == STATUS_OK)
		err = store_search_owners(db, STORE_SEARCH_GLOSSARY, &ids, &n);
	for (size_t i = 0; i < n && err == STATUS_OK; i++)
		err = search_reindex_term(db, ids[i]);
	free(ids);
	if (err == STATUS_OK)
		err = search_index_flush_bulk(db);
	return nerr_pass(err);
}

NEOERR *search_index_flush(struct db *db)
{
	return nerr_pass(store_search_flush(db, 0));
}

NEOERR *search_index_flush_bulk(struct db *db)
{
	return nerr_pass(store_search_flush(db, 1));
}
