/* store/content: the documents as the pages read them (see content.h). */
#include "store/content.h"

#include <stdio.h>

/* The newest version of section s.id in effect on ?2 (the date). */
#define CURRENT_VERSION_ID                                                                           \
	"(SELECT v.id FROM section_versions v WHERE v.section_id = s.id AND v.effective_date <= ?2 " \
	"ORDER BY v.effective_date DESC, v.version DESC LIMIT 1)"

/* Section s has a version in effect on ?2 (a section HR added with a
 * future effective date is not listed before that date). */
#define IN_EFFECT "EXISTS (SELECT 1 FROM section_versions e WHERE e.section_id = s.id AND e.effective_date <= ?2)"

/* The newest version of glossary term t.id in effect on ?1. */
#define CURRENT_TERM_VERSION                                                                               \
	"JOIN glossary_versions v ON v.id = (SELECT w.id FROM glossary_versions w WHERE w.term_id = t.id " \
	"AND w.effective_date <= ?1 ORDER BY w.effective_date DESC, w.version DESC LIMIT 1) "

static void document_row(struct db_stmt *st, int with_intro, struct store_document *d)
{
	d->slug = db_text(st, 0);
	d->title = db_text(st, 1);
	d->description = db_text(st, 2);
	d->status = db_text(st, 3);
	d->revised = db_text(st, 4);
	d->intro_html = with_intro ? db_text(st, 5) : "";
}

NEOERR *store_content_documents(struct db *db, store_document_fn each, void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT slug, title, description, status, revised FROM documents ORDER BY sort", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	while ((err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_document d;

		document_row(st, 0, &d);
		if ((err = each(ctx, &d)) != STATUS_OK)
			break;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_content_document(struct db *db, const char *slug, store_document_fn fn, void *ctx, int *found)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT slug, title, description, status, revised, intro_html "
			      "FROM documents WHERE slug = ?1",
			      &st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(slug));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		struct store_document d;

		*found = 1;
		document_row(st, 1, &d);
		err = fn(ctx, &d);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_content_toc(struct db *db, const char *doc_slug, const char *as_of, store_toc_fn each, void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT s.id, s.parent_id, s.kind, s.slug, s.toc_page, "
			      "COALESCE((SELECT v.title FROM section_versions v WHERE v.id = " CURRENT_VERSION_ID
			      "), s.toc_title) "
			      "FROM sections s JOIN documents d ON d.id = s.document_id "
			      "WHERE d.slug = ?1 AND s.retired = 0 AND " IN_EFFECT " ORDER BY s.sort",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(doc_slug), DB_TEXT(as_of));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_toc_entry e = {
			.id = db_int64(st, 0),
			.parent_id = db_int64(st, 1),
			.kind = db_text(st, 2),
			.slug = db_text(st, 3),
			.page = db_is_null(st, 4) ? NULL : db_text(st, 4),
			.title = db_text(st, 5),
		};

		err = each(ctx, &e);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_content_section(struct db *db, const char *doc_slug, const char *slug, const char *as_of, int version,
			      store_section_fn fn, void *ctx, int *found)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT s.id, s.document_id, s.parent_id, s.kind, s.slug, s.sort, v.id, v.title, v.body_html, "
		"v.version, v.effective_date, v.published_at, s.toc_title, v.summary "
		"FROM sections s JOIN documents d ON d.id = s.document_id "
		"LEFT JOIN section_versions v ON v.id = CASE WHEN ?4 > 0 THEN "
		"(SELECT w.id FROM section_versions w WHERE w.section_id = s.id AND w.version = ?4) "
		"ELSE " CURRENT_VERSION_ID " END "
		"WHERE d.slug = ?1 AND s.slug = ?3 AND s.retired = 0",
		&st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(doc_slug), DB_TEXT(as_of), DB_TEXT(slug), DB_INT(version));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	/* A section with no version in effect yet is not there either. */
	if (err == STATUS_OK && row && !db_is_null(st, 6)) {
		struct store_section s = {
			.id = db_int64(st, 0),
			.document_id = db_int64(st, 1),
			.parent_id = db_int64(st, 2),
			.kind = db_text(st, 3),
			.slug = db_text(st, 4),
			.sort = db_int(st, 5),
			.version_id = db_int64(st, 6),
			.title = db_text(st, 7),
			.body_html = db_text(st, 8),
			.version = db_int(st, 9),
			.effective_date = db_text(st, 10),
			.published_at = db_text(st, 11),
			.toc_title = db_text(st, 12),
			.summary = db_text(st, 13),
		};

		*found = 1;
		err = fn(ctx, &s);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_content_section_upcoming(struct db *db, int64_t section_id, const char *as_of,
				       store_section_version_fn fn, void *ctx, int *found)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT effective_date, version, summary FROM section_versions "
		"WHERE section_id = ?1 AND effective_date > ?2 ORDER BY effective_date, version DESC LIMIT 1",
		&st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(section_id), DB_TEXT(as_of));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		struct store_section_version v = {
			.effective_date = db_text(st, 0),
			.version = db_int(st, 1),
			.summary = db_text(st, 2),
			.title = "",
			.published_at = "",
			.published_by = "",
			.body_md = "",
			.body_html = "",
		};

		*found = 1;
		err = fn(ctx, &v);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_content_section_history(struct db *db, const char *doc_slug, const char *slug, const char *today,
				      store_section_version_fn each, void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT v.version, v.title, v.effective_date, v.published_at, v.published_by, v.summary, "
		"(SELECT w.version FROM section_versions w WHERE w.section_id = s.id AND w.effective_date <= ?3 "
		" ORDER BY w.effective_date DESC, w.version DESC LIMIT 1) "
		"FROM sections s JOIN documents d ON d.id = s.document_id "
		"JOIN section_versions v ON v.section_id = s.id "
		"WHERE d.slug = ?1 AND s.slug = ?2 ORDER BY v.version DESC",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(doc_slug), DB_TEXT(slug), DB_TEXT(today));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_section_version v = {
			.version = db_int(st, 0),
			.title = db_text(st, 1),
			.effective_date = db_text(st, 2),
			.published_at = db_text(st, 3),
			.published_by = db_text(st, 4),
			.summary = db_text(st, 5),
			.current = db_int(st, 6),
			.body_md = "",
			.body_html = "",
		};

		err = each(ctx, &v);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_content_section_version(struct db *db, const char *doc_slug, const char *slug, int version,
				      store_section_version_fn fn, void *ctx, int *found)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT v.title, v.body_html FROM sections s JOIN documents d ON d.id = s.document_id "
		"JOIN section_versions v ON v.section_id = s.id WHERE d.slug = ?1 AND s.slug = ?2 AND v.version = ?3",
		&st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(doc_slug), DB_TEXT(slug), DB_INT(version));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		struct store_section_version v = {
			.version = version,
			.title = db_text(st, 0),
			.body_html = db_text(st, 1),
			.effective_date = "",
			.published_at = "",
			.published_by = "",
			.summary = "",
			.body_md = "",
		};

		*found = 1;
		err = fn(ctx, &v);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_content_section_parent(struct db *db, int64_t id, struct store_section_parent *out, int *found)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT parent_id, slug, toc_title FROM sections WHERE id = ?1", &st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(id));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		out->parent_id = db_int64(st, 0);
		snprintf(out->slug, sizeof out->slug, "%s", db_text(st, 1));
		snprintf(out->title, sizeof out->title, "%s", db_text(st, 2));
		*found = 1;
	}
	db_done(st);
	return nerr_pass(err);
}

static NEOERR *section_links(struct db *db, struct db_stmt *st, store_section_link_fn each, void *ctx, int *n)
{
	int row = 0;
	NEOERR *err;

	*n = 0;
	while ((err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_section_link l = { db_text(st, 0), db_text(st, 1), db_text(st, 2) };

		(*n)++;
		if ((err = each(ctx, &l)) != STATUS_OK)
			break;
	}
	return nerr_pass(err);
}

NEOERR *store_content_section_neighbour(struct db *db, int64_t document_id, int sort, int direction, const char *as_of,
					store_section_link_fn fn, void *ctx, int *found)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(
		db,
		direction < 0 ? "SELECT slug, toc_title, kind FROM sections s WHERE document_id = ?1 AND sort < ?3 "
				"AND kind = 'section' AND retired = 0 AND " IN_EFFECT " ORDER BY sort DESC LIMIT 1"
			      : "SELECT slug, toc_title, kind FROM sections s WHERE document_id = ?1 AND sort > ?3 "
				"AND kind = 'section' AND retired = 0 AND " IN_EFFECT " ORDER BY sort LIMIT 1",
		&st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(document_id), DB_TEXT(as_of), DB_INT(sort));
	if (err == STATUS_OK)
		err = section_links(db, st, fn, ctx, found);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_content_section_children(struct db *db, int64_t id, const char *as_of, store_section_link_fn each,
				       void *ctx)
{
	struct db_stmt *st;
	int n = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT slug, toc_title, kind FROM sections s WHERE parent_id = ?1 AND retired = 0 "
			      "AND " IN_EFFECT " ORDER BY sort",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(id), DB_TEXT(as_of));
	if (err == STATUS_OK)
		err = section_links(db, st, each, ctx, &n);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_content_section_texts(struct db *db, const char *doc_slug, const char *as_of, store_section_text_fn each,
				    void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT s.kind, CASE WHEN s.parent_id IS NULL THEN 0 WHEN p.parent_id IS NULL THEN 1 ELSE 2 END, "
		"v.title, v.body_md FROM sections s JOIN documents d ON d.id = s.document_id "
		"LEFT JOIN sections p ON p.id = s.parent_id "
		"JOIN section_versions v ON v.id = " CURRENT_VERSION_ID " "
		"WHERE d.slug = ?1 AND s.retired = 0 ORDER BY s.sort",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(doc_slug), DB_TEXT(as_of));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row)
		err = each(ctx, db_text(st, 0), db_int(st, 1), db_text(st, 2), db_text(st, 3));
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_content_section_title(struct db *db, const char *doc_slug, const char *slug, const char *as_of, char *buf,
				    size_t len, int *found)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT COALESCE((SELECT v.title FROM section_versions v WHERE v.section_id = s.id "
			      "AND v.effective_date <= ?2 ORDER BY v.effective_date DESC, v.version DESC LIMIT 1), "
			      "s.toc_title) FROM sections s JOIN documents d ON d.id = s.document_id "
			      "WHERE d.slug = ?3 AND s.slug = ?1",
			      &st);

	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(slug), DB_TEXT(as_of), DB_TEXT(doc_slug));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		snprintf(buf, len, "%s", db_text(st, 0));
		*found = 1;
	}
	db_done(st);
	return nerr_pass(err);
}

static void citation_row(struct db_stmt *st, struct store_citation *c)
{
	c->cite = db_text(st, 0);
	c->code = db_text(st, 1);
	c->title = db_text(st, 2);
	c->chapter = db_text(st, 3);
	c->number = db_text(st, 4);
	c->subsection = db_text(st, 5);
	c->raw = db_text(st, 6);
}

NEOERR *store_content_citations(struct db *db, int64_t version_id, store_citation_fn each, void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT cite, code, title, chapter, number, subsection, raw FROM citations "
			      "WHERE section_version_id = ?1 ORDER BY ord",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(version_id));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_citation c;

		citation_row(st, &c);
		err = each(ctx, &c);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_content_cited(struct db *db, const char *as_of, store_cited_fn each, void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(
		db,
		"SELECT c.cite, c.code, c.title, c.chapter, c.number, c.subsection, c.raw, "
		"'/' || doc.slug || '/' || s.slug, v.title, doc.title, doc.status "
		"FROM citations c JOIN section_versions v ON v.id = c.section_version_id "
		"JOIN sections s ON s.id = v.section_id JOIN documents doc ON doc.id = s.document_id "
		"WHERE s.retired = 0 AND v.id = (SELECT w.id FROM section_versions w WHERE w.section_id = s.id "
		"AND w.effective_date <= ?1 ORDER BY w.effective_date DESC, w.version DESC LIMIT 1) "
		"ORDER BY doc.sort, s.sort, c.ord",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(as_of));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_cited c;

		citation_row(st, &c.citation);
		c.url = db_text(st, 7);
		c.section = db_text(st, 8);
		c.document = db_text(st, 9);
		c.status = db_text(st, 10);
		err = each(ctx, &c);
	}
	db_done(st);
	return nerr_pass(err);
}

static NEOERR *glossary_rows(struct db *db, struct db_stmt *st, int with_match, store_glossary_fn each, void *ctx)
{
	int row = 0;
	NEOERR *err;

	while ((err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_glossary_term t = {
			.slug = db_text(st, 0),
			.term = db_text(st, 1),
			.definition_text = db_text(st, 2),
			.definition_html = db_text(st, 3),
			.matches = with_match ? db_int(st, 4) : 1,
		};

		if ((err = each(ctx, &t)) != STATUS_OK)
			break;
	}
	return nerr_pass(err);
}

NEOERR *store_content_glossary_terms(struct db *db, const char *as_of, const char *slug, store_glossary_fn each,
				     void *ctx)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(
		db,
		"SELECT t.slug, v.term, v.definition_text, v.definition_html FROM glossary_terms t " CURRENT_TERM_VERSION
		"WHERE t.retired = 0 AND (?2 IS NULL OR t.slug = ?2) ORDER BY t.sort, t.id",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(as_of), DB_TEXT(slug));
	if (err == STATUS_OK)
		err = glossary_rows(db, st, 0, each, ctx);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_content_glossary_az(struct db *db, const char *as_of, const char *filter, store_glossary_fn each,
				  void *ctx)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(
		db,
		"SELECT t.slug, v.term, v.definition_text, v.definition_html, ?2 = '' "
		"OR instr(lower(v.term), lower(?2)) > 0 OR instr(lower(v.definition_text), lower(?2)) > 0 "
		"FROM glossary_terms t " CURRENT_TERM_VERSION "WHERE t.retired = 0 ORDER BY v.term COLLATE NOCASE",
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(as_of), DB_TEXT(filter ? filter : ""));
	if (err == STATUS_OK)
		err = glossary_rows(db, st, 1, each, ctx);
	db_done(st);
	return nerr_pass(err);
}
