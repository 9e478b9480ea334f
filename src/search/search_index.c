/* search_index: keeping the FTS5 index in step with the content (see
 * search.h and db/migrations/003_search.sql).
 *
 * For one owner (a section or a glossary term) the rows it should have in
 * search_docs are computed from its versions, compared with the rows it has,
 * and only the differences are written, each together with the matching
 * 'delete'/insert in both FTS5 tables (external content: FTS5 must be told
 * the old text to forget it). Writing nothing when nothing changed keeps a
 * re-import from touching the database. A change bumps meta
 * 'search.version'; search_index_flush() then rebuilds search_vocabulary
 * from the index's fts5vocab table once for all the changes. */
#include "search/search.h"

#include <stdlib.h>
#include <string.h>

/* The rows an owner should have. Keep these in step with the migration. */
static const char section_rows_sql[] =
	"SELECT v.id, CASE d.status WHEN 'current' THEN 1.0 WHEN 'reference' THEN 0.6 ELSE 0.5 END, "
	"v.effective_date, "
	"COALESCE((SELECT min(w.effective_date) FROM section_versions w WHERE w.section_id = v.section_id "
	"AND (w.effective_date, w.version) > (v.effective_date, v.version)), '9999-12-31'), "
	"replace(replace(v.title, char(1), ' '), char(2), ' '), "
	"replace(replace(v.body_text, char(1), ' '), char(2), ' ') "
	"FROM section_versions v JOIN sections s ON s.id = v.section_id JOIN documents d ON d.id = s.document_id "
	"WHERE v.section_id = ?1 AND s.retired = 0 AND s.kind = 'section' ORDER BY v.id";

static const char term_rows_sql[] =
	"SELECT v.id, 1.0, v.effective_date, "
	"COALESCE((SELECT min(w.effective_date) FROM glossary_versions w WHERE w.term_id = v.term_id "
	"AND (w.effective_date, w.version) > (v.effective_date, v.version)), '9999-12-31'), "
	"replace(replace(v.term, char(1), ' '), char(2), ' '), "
	"replace(replace(v.definition_text, char(1), ' '), char(2), ' ') "
	"FROM glossary_versions v JOIN glossary_terms t ON t.id = v.term_id "
	"WHERE v.term_id = ?1 AND t.retired = 0 ORDER BY v.id";

struct row {
	int64_t id;          /* search_docs.id (existing rows) */
	int64_t version_id;
	double weight;
	char *valid_from, *valid_to, *title, *body;
	int seen;
};

static void rows_free(struct row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].valid_from);
		free(rows[i].valid_to);
		free(rows[i].title);
		free(rows[i].body);
	}
	free(rows);
}

/* Read rows (id?, version_id, weight, valid_from, valid_to, title, body)
 * with the first column the search_docs id when has_id. */
static NEOERR *read_rows(struct db *db, const char *sql, const char *kind, int64_t owner, int has_id,
			 struct row **out, size_t *n)
{
	struct db_stmt *st;
	size_t cap = 0;
	int row = 0;
	NEOERR *err = db_stmt(db, sql, &st);

	*out = NULL;
	*n = 0;
	if (err == STATUS_OK)
		err = db_bind_int(db, st, 1, owner);
	if (err == STATUS_OK && kind)
		err = db_bind_text(db, st, 2, kind);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct row *r;
		int c = has_id ? 1 : 0;

		if (*n == cap) {
			struct row *bigger = realloc(*out, (cap = cap ? cap * 2 : 4) * sizeof **out);

			if (bigger == NULL) {
				err = nerr_raise(NERR_NOMEM, "search index rows");
				break;
			}
			*out = bigger;
		}
		r = &(*out)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = has_id ? db_int64(st, 0) : 0;
		r->version_id = db_int64(st, c);
		r->weight = db_double(st, c + 1);
		r->valid_from = strdup(db_text(st, c + 2));
		r->valid_to = strdup(db_text(st, c + 3));
		r->title = strdup(db_text(st, c + 4));
		r->body = strdup(db_text(st, c + 5));
		if (!r->valid_from || !r->valid_to || !r->title || !r->body)
			err = nerr_raise(NERR_NOMEM, "search index rows");
	}
	db_done(st);
	if (err != STATUS_OK) {
		rows_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return nerr_pass(err);
}

/* Add (or, with del, remove) one row's text in both FTS5 indexes. */
static NEOERR *fts_write(struct db *db, int del, int64_t id, const char *title, const char *body)
{
	static const char *const sql[2][2] = {
		{ "INSERT INTO search_fts(rowid, title, body) VALUES (?1, ?2, ?3)",
		  "INSERT INTO search_words(rowid, title, body) VALUES (?1, ?2, ?3)" },
		{ "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', ?1, ?2, ?3)",
		  "INSERT INTO search_words(search_words, rowid, title, body) VALUES ('delete', ?1, ?2, ?3)" },
	};
	NEOERR *err = STATUS_OK;

	for (int t = 0; t < 2 && err == STATUS_OK; t++) {
		struct db_stmt *st;

		err = db_stmt(db, sql[del][t], &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, id);
		if (err == STATUS_OK) err = db_bind_text(db, st, 2, title);
		if (err == STATUS_OK) err = db_bind_text(db, st, 3, body);
		if (err == STATUS_OK) err = db_run(db, st);
		else db_done(st);
	}
	return nerr_pass(err);
}

static NEOERR *delete_row(struct db *db, const struct row *r)
{
	struct db_stmt *st;
	NEOERR *err = fts_write(db, 1, r->id, r->title, r->body);

	if (err == STATUS_OK) err = db_stmt(db, "DELETE FROM search_docs WHERE id = ?1", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, r->id);
	if (err == STATUS_OK) err = db_run(db, st);
	else db_done(st);
	return nerr_pass(err);
}

static NEOERR *bind_row(struct db *db, struct db_stmt *st, const struct row *r)
{
	NEOERR *err = STATUS_OK;

	if (db_bind_values(db, st, 3, &DB_DOUBLE(r->weight), 1) != STATUS_OK)
		err = nerr_raise(NERR_DB, "bind weight");
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, r->valid_from);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, r->valid_to);
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, r->title);
	if (err == STATUS_OK) err = db_bind_text(db, st, 7, r->body);
	/* The size the ranking normalises by: bytes, as the migration counts. */
	if (err == STATUS_OK) err = db_bind_int(db, st, 9, (int64_t)(strlen(r->title) + strlen(r->body)));
	return nerr_pass(err);
}

static NEOERR *insert_row(struct db *db, const char *kind, int64_t owner, const struct row *r)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "INSERT INTO search_docs(kind, owner_id, weight, valid_from, valid_to, title, body, "
				  "version_id, size) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id", &st);
	int64_t id = 0;

	if (err == STATUS_OK) err = db_bind_text(db, st, 1, kind);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, owner);
	if (err == STATUS_OK) err = bind_row(db, st, r);
	if (err == STATUS_OK) err = db_bind_int(db, st, 8, r->version_id);
	if (err == STATUS_OK) err = db_insert(db, st, &id);
	else db_done(st);
	if (err == STATUS_OK)
		err = fts_write(db, 0, id, r->title, r->body);
	return nerr_pass(err);
}

static NEOERR *update_row(struct db *db, const struct row *have, const struct row *want)
{
	struct db_stmt *st;
	int text_changed = strcmp(have->title, want->title) != 0 || strcmp(have->body, want->body) != 0;
	NEOERR *err = STATUS_OK;

	if (text_changed)
		err = fts_write(db, 1, have->id, have->title, have->body);
	if (err == STATUS_OK)
		err = db_stmt(db, "UPDATE search_docs SET weight = ?3, valid_from = ?4, valid_to = ?5, title = ?6, "
				  "body = ?7, size = ?9 WHERE id = ?1", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, have->id);
	if (err == STATUS_OK) err = bind_row(db, st, want);
	if (err == STATUS_OK) err = db_run(db, st);
	else db_done(st);
	if (err == STATUS_OK && text_changed)
		err = fts_write(db, 0, have->id, want->title, want->body);
	return nerr_pass(err);
}

static int same_row(const struct row *a, const struct row *b)
{
	return a->weight == b->weight && strcmp(a->valid_from, b->valid_from) == 0 &&
	       strcmp(a->valid_to, b->valid_to) == 0 && strcmp(a->title, b->title) == 0 &&
	       strcmp(a->body, b->body) == 0;
}

/* Count a change of the index (readers' caches follow meta 'search.version'). */
static NEOERR *bump_version(struct db *db)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "INSERT INTO meta(key, value) VALUES ('search.version', '1') "
				  "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1", &st);

	if (err == STATUS_OK)
		err = db_run(db, st);
	return nerr_pass(err);
}

static NEOERR *reindex_owner(struct db *db, const char *kind, const char *rows_sql, int64_t owner)
{
	struct row *want = NULL, *have = NULL;
	size_t nwant = 0, nhave = 0;
	int changed = 0;
	NEOERR *err;

	err = read_rows(db, rows_sql, NULL, owner, 0, &want, &nwant);
	if (err == STATUS_OK)
		err = read_rows(db, "SELECT id, version_id, weight, valid_from, valid_to, title, body FROM search_docs "
				    "WHERE owner_id = ?1 AND kind = ?2 ORDER BY version_id", kind, owner, 1, &have, &nhave);
	for (size_t i = 0; i < nwant && err == STATUS_OK; i++) {
		struct row *match = NULL;

		for (size_t k = 0; k < nhave && match == NULL; k++)
			if (have[k].version_id == want[i].version_id)
				match = &have[k];
		if (match == NULL) {
			err = insert_row(db, kind, owner, &want[i]);
			changed = 1;
			continue;
		}
		match->seen = 1;
		if (!same_row(match, &want[i])) {
			err = update_row(db, match, &want[i]);
			changed = 1;
		}
	}
	for (size_t k = 0; k < nhave && err == STATUS_OK; k++)
		if (!have[k].seen) {
			err = delete_row(db, &have[k]);
			changed = 1;
		}
	if (err == STATUS_OK && changed)
		err = bump_version(db);
	rows_free(want, nwant);
	rows_free(have, nhave);
	return nerr_pass_ctx(err, "indexing %s %lld for search", kind, (long long)owner);
}

NEOERR *search_reindex_section(struct db *db, int64_t section_id)
{
	return nerr_pass(reindex_owner(db, "section", section_rows_sql, section_id));
}

NEOERR *search_reindex_term(struct db *db, int64_t term_id)
{
	return nerr_pass(reindex_owner(db, "glossary", term_rows_sql, term_id));
}

/* Ids from a one-column query, into a new array. */
static NEOERR *read_ids(struct db *db, const char *sql, int64_t **ids, size_t *n)
{
	struct db_stmt *st;
	size_t cap = 0;
	int row = 0;
	NEOERR *err = db_stmt(db, sql, &st);

	*ids = NULL;
	*n = 0;
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		if (*n == cap) {
			int64_t *bigger = realloc(*ids, (cap = cap ? cap * 2 : 256) * sizeof **ids);

			if (bigger == NULL) {
				err = nerr_raise(NERR_NOMEM, "search reindex");
				break;
			}
			*ids = bigger;
		}
		(*ids)[(*n)++] = db_int64(st, 0);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *search_reindex(struct db *db)
{
	int64_t *ids = NULL;
	size_t n = 0;
	NEOERR *err;

	/* Rows whose section or term no longer exists. */
	err = read_ids(db, "SELECT d.id FROM search_docs d WHERE "
			   "(d.kind = 'section' AND NOT EXISTS (SELECT 1 FROM sections s WHERE s.id = d.owner_id)) OR "
			   "(d.kind = 'glossary' AND NOT EXISTS (SELECT 1 FROM glossary_terms t WHERE t.id = d.owner_id))",
		       &ids, &n);
	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		struct row *rows = NULL;
		size_t nrows = 0;

		err = read_rows(db, "SELECT id, version_id, weight, valid_from, valid_to, title, body FROM search_docs "
				    "WHERE id = ?1", NULL, ids[i], 1, &rows, &nrows);
		if (err == STATUS_OK && nrows == 1)
			err = delete_row(db, &rows[0]);
		rows_free(rows, nrows);
	}
	free(ids);
	if (err == STATUS_OK)
		err = read_ids(db, "SELECT id FROM sections ORDER BY id", &ids, &n);
	for (size_t i = 0; i < n && err == STATUS_OK; i++)
		err = search_reindex_section(db, ids[i]);
	free(ids);
	ids = NULL;
	if (err == STATUS_OK)
		err = read_ids(db, "SELECT id FROM glossary_terms ORDER BY id", &ids, &n);
	for (size_t i = 0; i < n && err == STATUS_OK; i++)
		err = search_reindex_term(db, ids[i]);
	free(ids);
	if (err == STATUS_OK)
		err = search_index_flush(db);
	return nerr_pass(err);
}

NEOERR *search_index_flush(struct db *db)
{
	struct db_stmt *st;
	int row = 0, stale = 0;
	NEOERR *err = db_stmt(db, "SELECT (SELECT value FROM meta WHERE key = 'search.version') IS NOT "
				  "(SELECT value FROM meta WHERE key = 'search.vocabulary')", &st);

	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		stale = db_int(st, 0);
	db_done(st);
	if (err != STATUS_OK || !stale)
		return nerr_pass(err);
	/* Reading search_vocab reads the whole index: once per batch of changes. */
	err = db_exec(db, "DELETE FROM search_vocabulary; "
			  "INSERT INTO search_vocabulary(term, docs) SELECT term, doc FROM search_vocab; "
			  "INSERT INTO meta(key, value) SELECT 'search.vocabulary', value FROM meta "
			  "WHERE key = 'search.version' ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	return nerr_pass(err);
}
