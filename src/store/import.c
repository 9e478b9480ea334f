/* store/import: what the importer writes (see import.h). */
#include "store/import.h"

#include <string.h>

/* Run a statement already bound, or give it back when binding failed. */
static NEOERR *run_bound(struct db *db, struct db_stmt *st, NEOERR *bound)
{
	if (bound != STATUS_OK) {
		db_done(st);
		return nerr_pass(bound);
	}
	return nerr_pass(db_run(db, st));
}

/* The id a SELECT of one id column bound with one text (and maybe an
 * integer before it) finds. The upserts below may write nothing (DO UPDATE
 * ... WHERE false returns no row), so their ids are read back. */
static NEOERR *read_id(struct db *db, struct db_stmt *st, NEOERR *bound, int64_t *id)
{
	int row = 0;
	NEOERR *err = bound;

	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && !row)
		err = nerr_raise(NERR_DB, "an upserted row is missing");
	if (err == STATUS_OK)
		*id = db_int64(st, 0);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_import_document(struct db *db, const struct store_import_document *d, int64_t *id)
{
	struct db_stmt *st;
	/* Update only when something differs, so a re-import writes nothing. */
	NEOERR *err = db_stmt(
		db,
		"INSERT INTO documents(slug, title, description, status, revised, source_file, intro_md, intro_html, sort) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
		"ON CONFLICT(slug) DO UPDATE SET title = excluded.title, description = excluded.description, "
		"status = excluded.status, revised = excluded.revised, source_file = excluded.source_file, "
		"intro_md = excluded.intro_md, intro_html = excluded.intro_html, sort = excluded.sort "
		"WHERE (title, description, status, revised, source_file, intro_md, intro_html, sort) IS NOT "
		"(excluded.title, excluded.description, excluded.status, excluded.revised, excluded.source_file, "
		"excluded.intro_md, excluded.intro_html, excluded.sort)",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = run_bound(db, st,
			db_bind(db, st, DB_TEXT(d->slug), DB_TEXT(d->title), DB_TEXT(d->description),
				DB_TEXT(d->status), DB_TEXT(d->revised), DB_TEXT(d->source_file), DB_TEXT(d->intro_md),
				DB_TEXT(d->intro_html), DB_INT(d->sort)));
	if (err == STATUS_OK)
		err = db_stmt(db, "SELECT id FROM documents WHERE slug = ?1", &st);
	if (err == STATUS_OK)
		err = read_id(db, st, db_bind(db, st, DB_TEXT(d->slug)), id);
	return nerr_pass(err);
}

#define HR_PLACED "(SELECT hr_structure FROM documents WHERE id = excluded.document_id)"

NEOERR *store_import_section(struct db *db, const struct store_import_section *s, int64_t *id)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(
		db,
		"INSERT INTO sections(document_id, parent_id, kind, slug, sort, toc_title, toc_page) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
		/* Once HR has moved or added sections in a document, its order
		 * and nesting are HR's: only titles and kinds follow the source. */
		"ON CONFLICT(document_id, slug) DO UPDATE SET "
		"parent_id = CASE WHEN " HR_PLACED " THEN parent_id ELSE excluded.parent_id END, kind = excluded.kind, "
		"sort = CASE WHEN " HR_PLACED " THEN sort ELSE excluded.sort END, "
		"toc_title = excluded.toc_title, toc_page = excluded.toc_page "
		"WHERE (kind, toc_title, toc_page) IS NOT (excluded.kind, excluded.toc_title, excluded.toc_page) "
		"OR (NOT " HR_PLACED " AND (parent_id, sort) IS NOT (excluded.parent_id, excluded.sort))",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = run_bound(db, st,
			db_bind(db, st, DB_INT(s->document_id), s->parent_id > 0 ? DB_INT(s->parent_id) : DB_NULL,
				DB_TEXT(s->kind), DB_TEXT(s->slug), DB_INT(s->sort), DB_TEXT(s->toc_title),
				s->toc_page > 0 ? DB_INT(s->toc_page) : DB_NULL));
	if (err == STATUS_OK)
		err = db_stmt(db, "SELECT id FROM sections WHERE document_id = ?1 AND slug = ?2", &st);
	if (err == STATUS_OK)
		err = read_id(db, st, db_bind(db, st, DB_INT(s->document_id), DB_TEXT(s->slug)), id);
	return nerr_pass(err);
}

NEOERR *store_import_section_v1(struct db *db, int64_t section_id, store_import_text_fn fn, void *ctx,
				int64_t *version_id)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT id, title, body_md, effective_date FROM section_versions "
			      "WHERE section_id = ?1 AND version = 1",
			      &st);

	*version_id = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(section_id));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		struct store_import_text t = {
			.title = db_text(st, 1),
			.body_md = db_text(st, 2),
			.effective_date = db_text(st, 3),
			.body_html = "",
			.body_text = "",
			.summary = "",
		};

		*version_id = db_int64(st, 0);
		err = fn(ctx, &t);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_import_section_v1_write(struct db *db, int64_t section_id, const struct store_import_text *t,
				      int64_t *version_id)
{
	struct db_stmt *st;
	NEOERR *err;

	if (*version_id) {
		err = db_stmt(db,
			      "UPDATE section_versions SET title = ?2, body_md = ?3, body_html = ?4, body_text = ?5, "
			      "effective_date = ?6 WHERE id = ?1",
			      &st);
		if (err == STATUS_OK)
			err = run_bound(db, st,
					db_bind(db, st, DB_INT(*version_id), DB_TEXT(t->title), DB_TEXT(t->body_md),
						DB_TEXT(t->body_html), DB_TEXT(t->body_text),
						DB_TEXT(t->effective_date)));
		return nerr_pass(err);
	}
	err = db_stmt(db,
		      "INSERT INTO section_versions(section_id, version, title, body_md, body_html, body_text, "
		      "effective_date, published_at, published_by, summary) "
		      "VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?6 || 'T00:00:00Z', 'import', ?7) RETURNING id",
		      &st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(section_id), DB_TEXT(t->title), DB_TEXT(t->body_md), DB_TEXT(t->body_html),
		      DB_TEXT(t->body_text), DB_TEXT(t->effective_date), DB_TEXT(t->summary));
	if (err != STATUS_OK) {
		db_done(st);
		return nerr_pass(err);
	}
	return nerr_pass(db_insert(db, st, version_id));
}

NEOERR *store_import_citations(struct db *db, int64_t version_id, const struct store_citation *v, size_t n)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "DELETE FROM citations WHERE section_version_id = ?1", &st);

	if (err == STATUS_OK)
		err = run_bound(db, st, db_bind(db, st, DB_INT(version_id)));
	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		const struct store_citation *c = &v[i];

		err = db_stmt(
			db,
			"INSERT INTO citations(section_version_id, ord, cite, code, title, chapter, number, subsection, raw) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
			&st);
		if (err == STATUS_OK)
			err = run_bound(db, st,
					db_bind(db, st, DB_INT(version_id), DB_INT((int64_t)i + 1), DB_TEXT(c->cite),
						DB_TEXT(c->code), DB_TEXT(c->title), DB_TEXT(c->chapter),
						DB_TEXT(c->number), DB_TEXT(c->subsection), DB_TEXT(c->raw)));
	}
	return nerr_pass(err);
}

NEOERR *store_import_term(struct db *db, const char *slug, int sort, int64_t *id)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db,
			      "INSERT INTO glossary_terms(slug, sort) VALUES (?1, ?2) "
			      "ON CONFLICT(slug) DO UPDATE SET sort = excluded.sort WHERE sort IS NOT excluded.sort",
			      &st);

	if (err == STATUS_OK)
		err = run_bound(db, st, db_bind(db, st, DB_TEXT(slug), DB_INT(sort)));
	if (err == STATUS_OK)
		err = db_stmt(db, "SELECT id FROM glossary_terms WHERE slug = ?1", &st);
	if (err == STATUS_OK)
		err = read_id(db, st, db_bind(db, st, DB_TEXT(slug)), id);
	return nerr_pass(err);
}

NEOERR *store_import_term_v1(struct db *db, int64_t term_id, const char *term, const char *definition_md,
			     const char *effective_date, int64_t *version_id, int *same)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT id, term = ?2 AND definition_md = ?3 AND effective_date = ?4 "
			      "FROM glossary_versions WHERE term_id = ?1 AND version = 1",
			      &st);

	*version_id = 0;
	*same = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(term_id), DB_TEXT(term), DB_TEXT(definition_md), DB_TEXT(effective_date));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		*version_id = db_int64(st, 0);
		*same = db_int(st, 1);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_import_term_v1_write(struct db *db, int64_t term_id, int64_t version_id,
				   const struct store_import_text *t)
{
	struct db_stmt *st;
	NEOERR *err;

	if (version_id)
		err = db_stmt(db,
			      "UPDATE glossary_versions SET term = ?2, definition_md = ?3, definition_html = ?4, "
			      "definition_text = ?5, effective_date = ?6 WHERE id = ?1",
			      &st);
	else
		err = db_stmt(db,
			      "INSERT INTO glossary_versions(term_id, version, term, definition_md, definition_html, "
			      "definition_text, effective_date, published_at, published_by, summary) "
			      "VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?6 || 'T00:00:00Z', 'import', "
			      "'Imported from the handbook glossary.')",
			      &st);
	if (err == STATUS_OK)
		err = run_bound(db, st,
				db_bind(db, st, DB_INT(version_id ? version_id : term_id), DB_TEXT(t->title),
					DB_TEXT(t->body_md), DB_TEXT(t->body_html), DB_TEXT(t->body_text),
					DB_TEXT(t->effective_date)));
	return nerr_pass(err);
}

NEOERR *store_import_thesaurus_same(struct db *db, const struct store_thesaurus_entry *v, size_t n, int *same)
{
	struct db_stmt *st;
	size_t i = 0;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT words, searched FROM search_thesaurus ORDER BY words", &st);

	*same = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	*same = 1;
	while ((err = db_step(db, st, &row)) == STATUS_OK && row) {
		if (i >= n || strcmp(db_text(st, 0), v[i].words) != 0 || strcmp(db_text(st, 1), v[i].searched) != 0) {
			*same = 0;
			break;
		}
		i++;
	}
	db_done(st);
	if (i != n)
		*same = 0;
	return nerr_pass(err);
}

NEOERR *store_import_thesaurus_replace(struct db *db, const struct store_thesaurus_entry *v, size_t n)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "DELETE FROM search_thesaurus", &st);

	if (err == STATUS_OK)
		err = db_run(db, st);
	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		err = db_stmt(db, "INSERT INTO search_thesaurus(words, searched) VALUES (?1, ?2)", &st);
		if (err == STATUS_OK)
			err = run_bound(db, st, db_bind(db, st, DB_TEXT(v[i].words), DB_TEXT(v[i].searched)));
	}
	if (err == STATUS_OK)
		err = db_stmt(db,
			      "UPDATE meta SET value = CAST(value AS INTEGER) + 1 "
			      "WHERE key IN ('search.version', 'search.vocabulary')",
			      &st);
	if (err == STATUS_OK)
		err = db_run(db, st);
	return nerr_pass(err);
}
