#include "store/publishing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/query.h"

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

static NEOERR *dup_column(struct db_stmt *st, int col, char **out)
{
	*out = strdup(db_text(st, col));
	return *out ? STATUS_OK : nerr_raise(NERR_NOMEM, "copying a column");
}

/* ---- Finding items ---- */

static NEOERR *item_row(struct db *db, struct db_stmt *st, int section, struct store_publishing_item *out, int *found)
{
	int row = 0;
	NEOERR *err = db_step(db, st, &row);

	memset(out, 0, sizeof *out);
	*found = err == STATUS_OK && row;
	if (*found && section) {
		out->id = db_int64(st, 0);
		out->document_id = db_int64(st, 1);
		copy(out->doc_slug, sizeof out->doc_slug, db_text(st, 2));
		copy(out->slug, sizeof out->slug, db_text(st, 3));
		copy(out->section_kind, sizeof out->section_kind, db_text(st, 4));
		out->retired = db_int(st, 5);
		copy(out->title, sizeof out->title, db_text(st, 6));
		out->latest = db_int(st, 7);
		copy(out->latest_date, sizeof out->latest_date, db_text(st, 8));
	} else if (*found) {
		out->id = db_int64(st, 0);
		copy(out->slug, sizeof out->slug, db_text(st, 1));
		out->retired = db_int(st, 2);
		copy(out->title, sizeof out->title, db_text(st, 3));
		out->latest = db_int(st, 4);
		copy(out->latest_date, sizeof out->latest_date, db_text(st, 5));
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_publishing_section_find(struct db *db, const char *doc_slug, const char *slug,
				      struct store_publishing_item *out, int *found)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(
		db,
		"SELECT s.id, s.document_id, d.slug, s.slug, s.kind, s.retired, "
		"COALESCE((SELECT v.title FROM section_versions v WHERE v.section_id = s.id ORDER BY v.version DESC LIMIT 1), "
		"s.toc_title), "
		"COALESCE((SELECT max(v.version) FROM section_versions v WHERE v.section_id = s.id), 0), "
		"COALESCE((SELECT max(v.effective_date) FROM section_versions v WHERE v.section_id = s.id), '') "
		"FROM sections s JOIN documents d ON d.id = s.document_id WHERE d.slug = ?1 AND s.slug = ?2",
		&st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(doc_slug), DB_TEXT(slug));
	if (err != STATUS_OK) {
		db_done(st);
		return nerr_pass(err);
	}
	return nerr_pass(item_row(db, st, 1, out, found));
}

NEOERR *store_publishing_term_find(struct db *db, const char *slug, struct store_publishing_item *out, int *found)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(
		db,
		"SELECT t.id, t.slug, t.retired, "
		"COALESCE((SELECT v.term FROM glossary_versions v WHERE v.term_id = t.id ORDER BY v.version DESC LIMIT 1), ''), "
		"COALESCE((SELECT max(v.version) FROM glossary_versions v WHERE v.term_id = t.id), 0), "
		"COALESCE((SELECT max(v.effective_date) FROM glossary_versions v WHERE v.term_id = t.id), '') "
		"FROM glossary_terms t WHERE t.slug = ?1",
		&st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(slug));
	if (err != STATUS_OK) {
		db_done(st);
		return nerr_pass(err);
	}
	return nerr_pass(item_row(db, st, 0, out, found));
}

NEOERR *store_publishing_document_id(struct db *db, const char *slug, int64_t *id, int *found)
{
	return nerr_pass(
		query_int64(db, "SELECT id FROM documents WHERE slug = ?1", QUERY_VALUES(DB_TEXT(slug)), id, found));
}

/* ---- Versions ---- */

NEOERR *store_publishing_latest(struct db *db, enum store_item kind, int64_t item_id, int *latest, char date[11])
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		kind == STORE_ITEM_SECTION
			? "SELECT COALESCE(max(version), 0), COALESCE(max(effective_date), '') FROM section_versions WHERE section_id = ?1"
			: "SELECT COALESCE(max(version), 0), COALESCE(max(effective_date), '') FROM glossary_versions WHERE term_id = ?1",
		&st);

	*latest = 0;
	if (date)
		date[0] = '\0';
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(item_id));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		*latest = db_int(st, 0);
		if (date)
			copy(date, 11, db_text(st, 1));
	}
	db_done(st);
	return nerr_pass(err);
}

void store_publishing_text_free(struct store_publishing_text *t)
{
	free(t->title);
	free(t->body);
	t->title = t->body = NULL;
}

/* A text from columns title, body, who, when (and id when id_col >= 0). */
static NEOERR *text_row(struct db *db, struct db_stmt *st, NEOERR *err, int id_col, struct store_publishing_text *out,
			int *found)
{
	int row = 0;

	memset(out, 0, sizeof *out);
	*found = 0;
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		*found = 1;
		err = dup_column(st, 0, &out->title);
		if (err == STATUS_OK)
			err = dup_column(st, 1, &out->body);
		copy(out->who, sizeof out->who, db_text(st, 2));
		copy(out->when, sizeof out->when, db_text(st, 3));
		if (id_col >= 0)
			out->id = db_int64(st, id_col);
	}
	db_done(st);
	if (err != STATUS_OK)
		store_publishing_text_free(out);
	return nerr_pass(err);
}

NEOERR *store_publishing_version_get(struct db *db, enum store_item kind, int64_t item_id, int version,
				     struct store_publishing_text *out, int *found)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(
		db,
		kind == STORE_ITEM_SECTION
			? "SELECT title, body_md, published_by, published_at, id FROM section_versions "
			  "WHERE section_id = ?1 AND version = ?2"
			: "SELECT term, definition_md, published_by, published_at, id FROM glossary_versions "
			  "WHERE term_id = ?1 AND version = ?2",
		&st);

	memset(out, 0, sizeof *out);
	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(text_row(db, st, db_bind(db, st, DB_INT(item_id), DB_INT(version)), 4, out, found));
}

static NEOERR *version_rows(struct db *db, struct db_stmt *st, NEOERR *err, int with_place,
			    store_publishing_version_fn each, void *ctx)
{
	int row = 0;

	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		int c = with_place ? 2 : 0;
		struct store_publishing_version_row r = {
			.doc_slug = with_place ? db_text(st, 0) : "",
			.slug = with_place ? db_text(st, 1) : "",
			.version = db_int(st, c),
			.title = db_text(st, c + 1),
			.effective_date = db_text(st, c + 2),
			.published_at = db_text(st, c + 3),
			.published_by = db_text(st, c + 4),
			.summary = db_text(st, c + 5),
		};

		err = each(ctx, &r);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_publishing_versions(struct db *db, enum store_item kind, int64_t item_id,
				  store_publishing_version_fn each, void *ctx)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(
		db,
		kind == STORE_ITEM_SECTION
			? "SELECT version, title, effective_date, published_at, published_by, summary FROM section_versions "
			  "WHERE section_id = ?1 ORDER BY version DESC"
			: "SELECT version, term, effective_date, published_at, published_by, summary FROM glossary_versions "
			  "WHERE term_id = ?1 ORDER BY version DESC",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(version_rows(db, st, db_bind(db, st, DB_INT(item_id)), 0, each, ctx));
}

NEOERR *store_publishing_upcoming(struct db *db, const char *today, store_publishing_version_fn each, void *ctx)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(
		db,
		"SELECT d.slug, s.slug, v.version, v.title, v.effective_date, v.published_at, v.published_by, v.summary "
		"FROM section_versions v JOIN sections s ON s.id = v.section_id JOIN documents d ON d.id = s.document_id "
		"WHERE v.effective_date > ?1 ORDER BY v.effective_date, d.slug, s.slug LIMIT 100",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(version_rows(db, st, db_bind(db, st, DB_TEXT(today)), 1, each, ctx));
}

NEOERR *store_publishing_version_add(struct db *db, enum store_item kind, int64_t item_id,
				     const struct store_publishing_new_version *v, int64_t *id)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(
		db,
		kind == STORE_ITEM_SECTION
			? "INSERT INTO section_versions(section_id, version, title, body_md, body_html, body_text, effective_date, "
			  "published_at, published_by, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id"
			: "INSERT INTO glossary_versions(term_id, version, term, definition_md, definition_html, definition_text, "
			  "effective_date, published_at, published_by, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
			  "RETURNING id",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(item_id), DB_INT(v->version), DB_TEXT(v->title), DB_TEXT(v->body_md),
		      DB_TEXT(v->html), DB_TEXT(v->text), DB_TEXT(v->effective_date), DB_TEXT(v->published_at),
		      DB_TEXT(v->published_by), DB_TEXT(v->summary));
	if (err == STATUS_OK)
		return nerr_pass(db_insert(db, st, id));
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_publishing_version_copy(struct db *db, enum store_item kind, int64_t item_id, int from, int to,
				      const char *effective_date, const char *published_at, const char *published_by,
				      const char *summary)
{
	struct db_stmt *st;
	int64_t old_id = 0, new_id = 0;
	NEOERR *err = query_int64(db,
				  kind == STORE_ITEM_SECTION
					  ? "SELECT id FROM section_versions WHERE section_id = ?1 AND version = ?2"
					  : "SELECT id FROM glossary_versions WHERE term_id = ?1 AND version = ?2",
				  QUERY_VALUES(DB_INT(item_id), DB_INT(from)), &old_id, NULL);

	if (err == STATUS_OK)
		err = query_prepare(
			db,
			kind == STORE_ITEM_SECTION
				? "INSERT INTO section_versions(section_id, version, title, body_md, body_html, body_text, "
				  "effective_date, published_at, published_by, summary) SELECT section_id, ?2, title, body_md, "
				  "body_html, body_text, ?3, ?4, ?5, ?6 FROM section_versions WHERE id = ?1 RETURNING id"
				: "INSERT INTO glossary_versions(term_id, version, term, definition_md, definition_html, "
				  "definition_text, effective_date, published_at, published_by, summary) SELECT term_id, ?2, term, "
				  "definition_md, definition_html, definition_text, ?3, ?4, ?5, ?6 FROM glossary_versions "
				  "WHERE id = ?1 RETURNING id",
			QUERY_VALUES(DB_INT(old_id), DB_INT(to), DB_TEXT(effective_date), DB_TEXT(published_at),
				     DB_TEXT(published_by), DB_TEXT(summary)),
			&st);
	if (err == STATUS_OK)
		err = db_insert(db, st, &new_id);
	if (err == STATUS_OK && kind == STORE_ITEM_SECTION)
		err = query_run(db,
				"INSERT INTO citations(section_version_id, ord, cite, code, title, chapter, number, "
				"subsection, raw) SELECT ?2, ord, cite, code, title, chapter, number, subsection, raw "
				"FROM citations WHERE section_version_id = ?1",
				QUERY_VALUES(DB_INT(old_id), DB_INT(new_id)));
	return nerr_pass(err);
}

NEOERR *store_publishing_citations_add(struct db *db, int64_t version_id, const struct store_citation *c, size_t n)
{
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < n && err == STATUS_OK; i++)
		err = query_run(db,
				"INSERT INTO citations(section_version_id, ord, cite, code, title, chapter, number, "
				"subsection, raw) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
				QUERY_VALUES(DB_INT(version_id), DB_INT((int64_t)i + 1), DB_TEXT(c[i].cite),
					     DB_TEXT(c[i].code), DB_TEXT(c[i].title), DB_TEXT(c[i].chapter),
					     DB_TEXT(c[i].number), DB_TEXT(c[i].subsection), DB_TEXT(c[i].raw)));
	return nerr_pass(err);
}

NEOERR *store_publishing_citations(struct db *db, int64_t version_id,
				   NEOERR *(*each)(void *ctx, const struct store_citation *c), void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT cite FROM citations WHERE section_version_id = ?1 ORDER BY ord", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(version_id));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_citation c = { .cite = db_text(st, 0) };

		err = each(ctx, &c);
	}
	db_done(st);
	return nerr_pass(err);
}

/* ---- Drafts ---- */

NEOERR *store_publishing_draft_seq(struct db *db, int64_t *seq)
{
	return nerr_pass(query_int64(db, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'publishing.draft_seq'",
				     NULL, 0, seq, NULL));
}

NEOERR *store_publishing_draft_seq_next(struct db *db, int64_t *seq)
{
	NEOERR *err = query_run(db,
				"UPDATE meta SET value = CAST(value AS INTEGER) + 1 "
				"WHERE key = 'publishing.draft_seq'",
				NULL, 0);

	*seq = 0;
	if (err == STATUS_OK)
		err = store_publishing_draft_seq(db, seq);
	return nerr_pass(err);
}

static const char *kind_name(enum store_item kind)
{
	return kind == STORE_ITEM_SECTION ? "section" : "term";
}

NEOERR *store_publishing_draft_put(struct db *db, enum store_item kind, int64_t item_id, int64_t user_id,
				   const struct store_publishing_draft *d)
{
	return nerr_pass(query_run(
		db,
		"INSERT INTO drafts(kind, owner_id, user_id, base_version, title, body_md, citations, summary, effective_date, "
		"material, seq, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
		"ON CONFLICT(kind, owner_id, user_id) DO UPDATE SET base_version = excluded.base_version, "
		"title = excluded.title, body_md = excluded.body_md, citations = excluded.citations, "
		"summary = excluded.summary, effective_date = excluded.effective_date, material = excluded.material, "
		"seq = excluded.seq, updated_at = excluded.updated_at",
		QUERY_VALUES(DB_TEXT(kind_name(kind)), DB_INT(item_id), DB_INT(user_id), DB_INT(d->base_version),
			     DB_TEXT(d->title), DB_TEXT(d->body_md), DB_TEXT(d->citations), DB_TEXT(d->summary),
			     DB_TEXT(d->effective_date), DB_INT(d->material ? 1 : 0), DB_INT(d->seq),
			     DB_TEXT(d->updated_at))));
}

NEOERR *store_publishing_draft_get(struct db *db, enum store_item kind, int64_t item_id, int64_t user_id,
				   NEOERR *(*each)(void *ctx, const struct store_publishing_draft *d), void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT base_version, title, body_md, citations, summary, effective_date, material, "
			      "updated_at, seq FROM drafts WHERE kind = ?1 AND owner_id = ?2 AND user_id = ?3",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(kind_name(kind)), DB_INT(item_id), DB_INT(user_id));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		struct store_publishing_draft d = {
			.base_version = db_int(st, 0),
			.title = db_text(st, 1),
			.body_md = db_text(st, 2),
			.citations = db_text(st, 3),
			.summary = db_text(st, 4),
			.effective_date = db_text(st, 5),
			.material = db_int(st, 6),
			.updated_at = db_text(st, 7),
			.seq = db_int64(st, 8),
		};

		err = each(ctx, &d);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_publishing_draft_delete(struct db *db, enum store_item kind, int64_t item_id, int64_t user_id)
{
	return nerr_pass(query_run(db, "DELETE FROM drafts WHERE kind = ?1 AND owner_id = ?2 AND user_id = ?3",
				   QUERY_VALUES(DB_TEXT(kind_name(kind)), DB_INT(item_id), DB_INT(user_id))));
}

NEOERR *store_publishing_draft_newer(struct db *db, enum store_item kind, int64_t item_id, int64_t user_id, int64_t seq,
				     struct store_publishing_text *out, int *found)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db,
			      "SELECT d.title, d.body_md, u.name, d.updated_at FROM drafts d "
			      "JOIN users u ON u.id = d.user_id WHERE d.kind = ?1 AND d.owner_id = ?2 "
			      "AND d.user_id <> ?3 AND d.seq > ?4 ORDER BY d.seq DESC LIMIT 1",
			      &st);

	memset(out, 0, sizeof *out);
	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(text_row(
		db, st, db_bind(db, st, DB_TEXT(kind_name(kind)), DB_INT(item_id), DB_INT(user_id), DB_INT(seq)), -1,
		out, found));
}

NEOERR *store_publishing_drafts_of_others(struct db *db, enum store_item kind, int64_t item_id, int64_t user_id,
					  store_publishing_draft_fn each, void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT d.title, u.name, u.login, d.updated_at, d.base_version FROM drafts d "
		"JOIN users u ON u.id = d.user_id WHERE d.kind = ?1 AND d.owner_id = ?2 AND d.user_id <> ?3 "
		"ORDER BY d.seq DESC",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(kind_name(kind)), DB_INT(item_id), DB_INT(user_id));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_publishing_draft_row r = {
			.kind = kind,
			.doc_slug = "",
			.slug = "",
			.title = db_text(st, 0),
			.name = db_text(st, 1),
			.login = db_text(st, 2),
			.updated_at = db_text(st, 3),
			.base_version = db_int(st, 4),
		};

		err = each(ctx, &r);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_publishing_drafts_all(struct db *db, store_publishing_draft_fn each, void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT d.kind, COALESCE(doc.slug, ''), COALESCE(s.slug, t.slug), d.title, u.name, u.login, d.updated_at, "
		"d.base_version FROM drafts d JOIN users u ON u.id = d.user_id "
		"LEFT JOIN sections s ON d.kind = 'section' AND s.id = d.owner_id "
		"LEFT JOIN documents doc ON doc.id = s.document_id "
		"LEFT JOIN glossary_terms t ON d.kind = 'term' AND t.id = d.owner_id "
		"ORDER BY d.updated_at DESC LIMIT 100",
		&st);

	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_publishing_draft_row r = {
			.kind = strcmp(db_text(st, 0), "section") == 0 ? STORE_ITEM_SECTION : STORE_ITEM_TERM,
			.doc_slug = db_text(st, 1),
			.slug = db_text(st, 2),
			.title = db_text(st, 3),
			.name = db_text(st, 4),
			.login = db_text(st, 5),
			.updated_at = db_text(st, 6),
			.base_version = db_int(st, 7),
		};

		err = each(ctx, &r);
	}
	db_done(st);
	return nerr_pass(err);
}

/* ---- Structure ---- */

NEOERR *store_publishing_sections(struct db *db, int64_t document_id,
				  NEOERR *(*each)(void *ctx, const struct store_publishing_section_row *row), void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT s.id, COALESCE(s.parent_id, 0), s.kind, s.slug, "
		"COALESCE((SELECT v.title FROM section_versions v WHERE v.section_id = s.id ORDER BY v.version DESC LIMIT 1), "
		"s.toc_title), s.sort, s.retired, "
		"COALESCE((SELECT max(version) FROM section_versions v WHERE v.section_id = s.id), 0) "
		"FROM sections s WHERE s.document_id = ?1 ORDER BY s.sort, s.id",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(document_id));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_publishing_section_row r = {
			.id = db_int64(st, 0),
			.parent = db_int64(st, 1),
			.kind = db_text(st, 2),
			.slug = db_text(st, 3),
			.title = db_text(st, 4),
			.sort = db_int(st, 5),
			.retired = db_int(st, 6),
			.latest = db_int(st, 7),
		};

		err = each(ctx, &r);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_publishing_section_sort(struct db *db, int64_t id, int sort, int place, int64_t parent)
{
	if (place)
		return nerr_pass(query_run(db, "UPDATE sections SET sort = ?2, parent_id = ?3 WHERE id = ?1",
					   QUERY_VALUES(DB_INT(id), DB_INT(sort), parent ? DB_INT(parent) : DB_NULL)));
	return nerr_pass(
		query_run(db, "UPDATE sections SET sort = ?2 WHERE id = ?1", QUERY_VALUES(DB_INT(id), DB_INT(sort))));
}

NEOERR *store_publishing_document_hr_structure(struct db *db, int64_t document_id)
{
	return nerr_pass(query_run(db, "UPDATE documents SET hr_structure = 1 WHERE id = ?1 AND hr_structure = 0",
				   QUERY_VALUES(DB_INT(document_id))));
}

NEOERR *store_publishing_section_kind(struct db *db, int64_t document_id, int64_t id, char kind[16], int *found)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT kind FROM sections WHERE id = ?1 AND document_id = ?2", &st);

	kind[0] = '\0';
	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(id), DB_INT(document_id));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		*found = 1;
		copy(kind, 16, db_text(st, 0));
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_publishing_section_exists(struct db *db, int64_t document_id, const char *slug, int *found)
{
	int64_t one = 0;

	return nerr_pass(query_int64(db, "SELECT 1 FROM sections WHERE document_id = ?1 AND slug = ?2",
				     QUERY_VALUES(DB_INT(document_id), DB_TEXT(slug)), &one, found));
}

NEOERR *store_publishing_section_add(struct db *db, int64_t document_id, int64_t parent, const char *slug,
				     const char *title, int64_t *id)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db,
			      "INSERT INTO sections(document_id, parent_id, kind, slug, sort, toc_title, retired) "
			      "VALUES (?1, ?2, 'section', ?3, 0, ?4, 1) RETURNING id",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(document_id), parent ? DB_INT(parent) : DB_NULL, DB_TEXT(slug), DB_TEXT(title));
	if (err == STATUS_OK)
		return nerr_pass(db_insert(db, st, id));
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_publishing_visible_children(struct db *db, int64_t id, int *count)
{
	int64_t n = 0;
	NEOERR *err = query_int64(db, "SELECT count(*) FROM sections WHERE parent_id = ?1 AND retired = 0",
				  QUERY_VALUES(DB_INT(id)), &n, NULL);

	*count = (int)n;
	return nerr_pass(err);
}

NEOERR *store_publishing_term_exists(struct db *db, const char *slug, int *found)
{
	int64_t one = 0;

	return nerr_pass(query_int64(db, "SELECT 1 FROM glossary_terms WHERE slug = ?1", QUERY_VALUES(DB_TEXT(slug)),
				     &one, found));
}

NEOERR *store_publishing_term_add(struct db *db, const char *slug, int64_t *id)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db,
			      "INSERT INTO glossary_terms(slug, sort, retired) "
			      "VALUES (?1, (SELECT COALESCE(max(sort), 0) + 10 FROM glossary_terms), 1) RETURNING id",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(slug));
	if (err == STATUS_OK)
		return nerr_pass(db_insert(db, st, id));
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_publishing_set_retired(struct db *db, enum store_item kind, int64_t id, int retired)
{
	return nerr_pass(query_run(db,
				   kind == STORE_ITEM_SECTION ? "UPDATE sections SET retired = ?2 WHERE id = ?1"
							      : "UPDATE glossary_terms SET retired = ?2 WHERE id = ?1",
				   QUERY_VALUES(DB_INT(id), DB_INT(retired ? 1 : 0))));
}

NEOERR *store_publishing_unhide(struct db *db, enum store_item kind, int64_t id, const char *title)
{
	if (kind == STORE_ITEM_SECTION)
		return nerr_pass(query_run(db, "UPDATE sections SET retired = 0, toc_title = ?2 WHERE id = ?1",
					   QUERY_VALUES(DB_INT(id), DB_TEXT(title))));
	return nerr_pass(
		query_run(db, "UPDATE glossary_terms SET retired = 0 WHERE id = ?1", QUERY_VALUES(DB_INT(id))));
}

NEOERR *store_publishing_campaigns_reopen(struct db *db, int64_t section_id, int version, const char *at)
{
	return nerr_pass(query_run(db,
				   "UPDATE ack_campaigns SET version = ?2, reopened_at = ?3 WHERE section_id = ?1 "
				   "AND version < ?2",
				   QUERY_VALUES(DB_INT(section_id), DB_INT(version), DB_TEXT(at))));
}

NEOERR *store_publishing_terms(struct db *db, NEOERR *(*each)(void *ctx, const struct store_publishing_term_row *row),
			       void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT t.slug, COALESCE((SELECT v.term FROM glossary_versions v WHERE v.term_id = t.id "
			      "ORDER BY v.version DESC LIMIT 1), t.slug), t.retired, "
			      "COALESCE((SELECT max(version) FROM glossary_versions v WHERE v.term_id = t.id), 0) "
			      "FROM glossary_terms t ORDER BY 2 COLLATE NOCASE",
			      &st);

	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_publishing_term_row r = {
			.slug = db_text(st, 0),
			.term = db_text(st, 1),
			.retired = db_int(st, 2),
			.latest = db_int(st, 3),
		};

		err = each(ctx, &r);
	}
	db_done(st);
	return nerr_pass(err);
}

/* ---- What the impact report reads ---- */

NEOERR *store_publishing_open_requests(struct db *db, const char *type, int limit, int *total,
				       NEOERR *(*each)(void *ctx, const struct store_publishing_request_row *row),
				       void *ctx)
{
	struct db_stmt *st;
	int64_t n = 0;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT r.id, r.status, u.name FROM requests r JOIN users u ON u.id = r.owner_id "
			      "WHERE r.type = ?1 AND r.status IN ('pending', 'decided') ORDER BY r.id LIMIT ?2",
			      &st);

	*total = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(type), DB_INT(limit));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_publishing_request_row r = { db_int64(st, 0), db_text(st, 1), db_text(st, 2) };

		err = each(ctx, &r);
	}
	db_done(st);
	/* The count, whether or not every one of them is listed. */
	if (err == STATUS_OK)
		err = query_int64(db,
				  "SELECT count(*) FROM requests WHERE type = ?1 AND status IN ('pending', 'decided')",
				  QUERY_VALUES(DB_TEXT(type)), &n, NULL);
	*total = (int)n;
	return nerr_pass(err);
}

NEOERR *store_publishing_linking(struct db *db, const char *needle, const char *as_of, int64_t section_id,
				 NEOERR *(*each)(void *ctx, const struct store_publishing_link_row *row), void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	/* instr() is SQLite's; strpos() would be PostgreSQL's. */
	NEOERR *err = db_stmt(
		db,
		"SELECT d.slug, s.slug, v.title, v.body_md FROM sections s JOIN documents d ON d.id = s.document_id "
		"JOIN section_versions v ON v.id = (SELECT w.id FROM section_versions w WHERE w.section_id = s.id "
		"AND w.effective_date <= ?2 ORDER BY w.effective_date DESC, w.version DESC LIMIT 1) "
		"WHERE s.retired = 0 AND s.id <> ?3 AND instr(v.body_md, ?1) > 0 ORDER BY d.sort, s.sort LIMIT 50",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(needle), DB_TEXT(as_of), DB_INT(section_id));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_publishing_link_row r = { db_text(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3) };

		err = each(ctx, &r);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_publishing_campaigns_on(struct db *db, int64_t section_id,
				      NEOERR *(*each)(void *ctx, const struct store_publishing_campaign_row *row),
				      void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT id, title, due_on FROM ack_campaigns WHERE section_id = ?1 ORDER BY id", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(section_id));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_publishing_campaign_row r = { db_int64(st, 0), db_text(st, 1), db_text(st, 2) };

		err = each(ctx, &r);
	}
	db_done(st);
	return nerr_pass(err);
}
