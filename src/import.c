#include "import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "search.h"

#define MAX_SOURCE_BYTES (8 * 1024 * 1024)

NEOERR *import_read_file(const char *path, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;

	*data = NULL;
	*len = 0;
	if (f == NULL)
		return nerr_raise_errno(NERR_IO, "cannot open %s", path);
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		fclose(f);
		return nerr_raise_errno(NERR_IO, "cannot size %s", path);
	}
	if (size > MAX_SOURCE_BYTES) {
		fclose(f);
		return nerr_raise(NERR_IO, "%s is larger than %d bytes", path, MAX_SOURCE_BYTES);
	}
	buf = malloc((size_t)size + 1);
	if (buf == NULL) {
		fclose(f);
		return nerr_raise(NERR_NOMEM, "reading %s", path);
	}
	if (fread(buf, 1, (size_t)size, f) != (size_t)size) {
		free(buf);
		fclose(f);
		return nerr_raise_errno(NERR_IO, "cannot read %s", path);
	}
	fclose(f);
	buf[size] = '\0';
	*data = buf;
	*len = (size_t)size;
	return STATUS_OK;
}

static const char *kind_name(enum corpus_kind kind)
{
	switch (kind) {
	case CORPUS_PART: return "part";
	case CORPUS_GROUP: return "group";
	default: return "section";
	}
}

static NEOERR *upsert_document(struct db *db, const struct corpus_document *doc, int sort, sqlite3_int64 *id)
{
	sqlite3_stmt *st;
	NEOERR *err;
	char *html = NULL;
	int row;

	err = markdown_render(doc->intro_md, strlen(doc->intro_md), &html, NULL);
	if (err != STATUS_OK)
		return nerr_pass(err);
	/* Update only when something differs, so a re-import writes nothing. */
	err = db_stmt(db,
		"INSERT INTO documents(slug, title, description, status, revised, source_file, intro_md, intro_html, sort) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
		"ON CONFLICT(slug) DO UPDATE SET title = excluded.title, description = excluded.description, "
		"status = excluded.status, revised = excluded.revised, source_file = excluded.source_file, "
		"intro_md = excluded.intro_md, intro_html = excluded.intro_html, sort = excluded.sort "
		"WHERE (title, description, status, revised, source_file, intro_md, intro_html, sort) IS NOT "
		"(excluded.title, excluded.description, excluded.status, excluded.revised, excluded.source_file, "
		"excluded.intro_md, excluded.intro_html, excluded.sort)", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, doc->slug);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, doc->title);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, doc->description ? doc->description : "");
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, doc->status);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, doc->revised ? doc->revised : "");
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, doc->source_file);
	if (err == STATUS_OK) err = db_bind_text(db, st, 7, doc->intro_md);
	if (err == STATUS_OK) err = db_bind_text(db, st, 8, html);
	if (err == STATUS_OK) err = db_bind_int(db, st, 9, sort);
	if (err == STATUS_OK) err = db_run(db, st);
	else db_done(st);
	free(html);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_stmt(db, "SELECT id FROM documents WHERE slug = ?1", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, doc->slug);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK)
		*id = sqlite3_column_int64(st, 0);
	db_done(st);
	return nerr_pass(err);
}

#define HR_PLACED "(SELECT hr_structure FROM documents WHERE id = excluded.document_id)"

static NEOERR *upsert_section(struct db *db, sqlite3_int64 document_id, const struct corpus_section *s,
			      sqlite3_int64 parent_id, int sort, sqlite3_int64 *id)
{
	sqlite3_stmt *st;
	NEOERR *err;
	int row;

	err = db_stmt(db,
		"INSERT INTO sections(document_id, parent_id, kind, slug, sort, toc_title, toc_page) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
		/* Once HR has moved or added sections in a document, its order
		 * and nesting are HR's: only titles and kinds follow the source. */
		"ON CONFLICT(document_id, slug) DO UPDATE SET "
		"parent_id = CASE WHEN " HR_PLACED " THEN parent_id ELSE excluded.parent_id END, kind = excluded.kind, "
		"sort = CASE WHEN " HR_PLACED " THEN sort ELSE excluded.sort END, "
		"toc_title = excluded.toc_title, toc_page = excluded.toc_page "
		"WHERE (kind, toc_title, toc_page) IS NOT (excluded.kind, excluded.toc_title, excluded.toc_page) "
		"OR (NOT " HR_PLACED " AND (parent_id, sort) IS NOT (excluded.parent_id, excluded.sort))", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, document_id);
	if (err == STATUS_OK && parent_id > 0) err = db_bind_int(db, st, 2, parent_id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, kind_name(s->kind));
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, s->slug);
	if (err == STATUS_OK) err = db_bind_int(db, st, 5, sort);
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, s->toc_title);
	if (err == STATUS_OK && s->toc_page > 0) err = db_bind_int(db, st, 7, s->toc_page);
	if (err == STATUS_OK) err = db_run(db, st);
	else db_done(st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_stmt(db, "SELECT id FROM sections WHERE document_id = ?1 AND slug = ?2", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, document_id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, s->slug);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK)
		*id = sqlite3_column_int64(st, 0);
	db_done(st);
	return nerr_pass(err);
}

/* The citations of a stored version, joined, to compare with the parse. */
static NEOERR *stored_citations(struct db *db, sqlite3_int64 version_id, STRING *out)
{
	sqlite3_stmt *st;
	NEOERR *err = db_stmt(db, "SELECT raw, cite FROM citations WHERE section_version_id = ?1 ORDER BY ord", &st);
	int row = 0;

	if (err == STATUS_OK)
		err = db_bind_int(db, st, 1, version_id);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row)
		err = string_appendf(out, "%s\x1f%s\x1e", db_text(st, 0), db_text(st, 1));
	db_done(st);
	return nerr_pass(err);
}

static NEOERR *write_citations(struct db *db, sqlite3_int64 version_id, const struct corpus_section *s)
{
	sqlite3_stmt *st;
	NEOERR *err = db_stmt(db, "DELETE FROM citations WHERE section_version_id = ?1", &st);

	if (err == STATUS_OK) err = db_bind_int(db, st, 1, version_id);
	if (err == STATUS_OK) err = db_run(db, st);
	else db_done(st);
	for (size_t i = 0; i < s->n_citations && err == STATUS_OK; i++) {
		const struct citation *c = &s->citations[i];

		err = db_stmt(db,
			"INSERT INTO citations(section_version_id, ord, cite, code, title, chapter, number, subsection, raw) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, version_id);
		if (err == STATUS_OK) err = db_bind_int(db, st, 2, (sqlite3_int64)i + 1);
		if (err == STATUS_OK) err = db_bind_text(db, st, 3, c->cite);
		if (err == STATUS_OK) err = db_bind_text(db, st, 4, c->code);
		if (err == STATUS_OK) err = db_bind_text(db, st, 5, c->title);
		if (err == STATUS_OK) err = db_bind_text(db, st, 6, c->chapter);
		if (err == STATUS_OK) err = db_bind_text(db, st, 7, c->number);
		if (err == STATUS_OK) err = db_bind_text(db, st, 8, c->subsection);
		if (err == STATUS_OK) err = db_bind_text(db, st, 9, c->raw);
		if (err == STATUS_OK) err = db_run(db, st);
		else db_done(st);
	}
	return nerr_pass(err);
}

/* Version 1 of a section is the imported text; write it when it differs. */
static NEOERR *import_version(struct db *db, const struct corpus_document *doc, sqlite3_int64 section_id,
			      const struct corpus_section *s, int *written)
{
	sqlite3_stmt *st;
	NEOERR *err;
	int row;
	sqlite3_int64 version_id = 0;
	char *html = NULL, *text = NULL;
	STRING have, want;

	*written = 0;
	string_init(&have);
	string_init(&want);
	err = db_stmt(db, "SELECT id, title, body_md, effective_date FROM section_versions "
			  "WHERE section_id = ?1 AND version = 1", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, section_id);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		version_id = sqlite3_column_int64(st, 0);
		err = string_appendf(&have, "%s\x1d%s\x1d%s\x1d", db_text(st, 1), db_text(st, 2), db_text(st, 3));
	}
	db_done(st);
	if (err == STATUS_OK && version_id)
		err = stored_citations(db, version_id, &have);
	if (err == STATUS_OK)
		err = string_appendf(&want, "%s\x1d%s\x1d%s\x1d", s->title, s->body_md, doc->effective_date);
	for (size_t i = 0; i < s->n_citations && err == STATUS_OK; i++)
		err = string_appendf(&want, "%s\x1f%s\x1e", s->citations[i].raw, s->citations[i].cite);
	if (err != STATUS_OK || (version_id && have.len == want.len && memcmp(have.buf, want.buf, (size_t)have.len) == 0))
		goto done;

	err = markdown_render(s->body_md, strlen(s->body_md), &html, &text);
	if (err != STATUS_OK)
		goto done;
	if (version_id) {
		err = db_stmt(db, "UPDATE section_versions SET title = ?2, body_md = ?3, body_html = ?4, body_text = ?5, "
				  "effective_date = ?6 WHERE id = ?1", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, version_id);
	} else {
		err = db_stmt(db, "INSERT INTO section_versions(section_id, version, title, body_md, body_html, body_text, "
				  "effective_date, published_at, published_by, summary) "
				  "VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?6 || 'T00:00:00Z', 'import', ?7)", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, section_id);
		if (err == STATUS_OK) {
			char summary[160];

			snprintf(summary, sizeof summary, "Imported from %s (revised %s).", doc->source_file,
				 doc->revised ? doc->revised : "undated");
			err = db_bind_text(db, st, 7, summary);
		}
	}
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, s->title);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, s->body_md);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, html);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, text);
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, doc->effective_date);
	if (err == STATUS_OK) err = db_run(db, st);
	else db_done(st);
	if (err == STATUS_OK && version_id == 0)
		version_id = sqlite3_last_insert_rowid(db_handle(db));
	if (err == STATUS_OK)
		err = write_citations(db, version_id, s);
	if (err == STATUS_OK)
		*written = 1;
done:
	free(html);
	free(text);
	string_clear(&have);
	string_clear(&want);
	return nerr_pass(err);
}

static NEOERR *import_term(struct db *db, const struct corpus_document *doc, const struct corpus_term *t,
			   int sort, int *written)
{
	sqlite3_stmt *st = NULL;
	NEOERR *err;
	sqlite3_int64 term_id = 0, version_id = 0;
	int row, same = 0;
	char *html = NULL, *text = NULL;

	*written = 0;
	err = db_stmt(db, "INSERT INTO glossary_terms(slug, sort) VALUES (?1, ?2) "
			  "ON CONFLICT(slug) DO UPDATE SET sort = excluded.sort WHERE sort IS NOT excluded.sort", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, t->slug);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, sort);
	if (err == STATUS_OK) err = db_run(db, st);
	else db_done(st);
	if (err == STATUS_OK) err = db_stmt(db, "SELECT id FROM glossary_terms WHERE slug = ?1", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, t->slug);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK)
		term_id = sqlite3_column_int64(st, 0);
	db_done(st);
	if (err == STATUS_OK) err = db_stmt(db, "SELECT id, term = ?2 AND definition_md = ?3 AND effective_date = ?4 "
						"FROM glossary_versions WHERE term_id = ?1 AND version = 1", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, term_id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, t->term);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, t->definition_md);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, doc->effective_date);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		version_id = sqlite3_column_int64(st, 0);
		same = sqlite3_column_int(st, 1);
	}
	db_done(st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (same)
		return nerr_pass(search_reindex_term(db, term_id));
	err = markdown_render(t->definition_md, strlen(t->definition_md), &html, &text);
	if (err == STATUS_OK && version_id) {
		err = db_stmt(db, "UPDATE glossary_versions SET term = ?2, definition_md = ?3, definition_html = ?4, "
				  "definition_text = ?5, effective_date = ?6 WHERE id = ?1", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, version_id);
	} else if (err == STATUS_OK) {
		err = db_stmt(db, "INSERT INTO glossary_versions(term_id, version, term, definition_md, definition_html, "
				  "definition_text, effective_date, published_at, published_by, summary) "
				  "VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?6 || 'T00:00:00Z', 'import', 'Imported from the handbook glossary.')",
			      &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, term_id);
	}
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, t->term);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, t->definition_md);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, html);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, text);
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, doc->effective_date);
	if (err == STATUS_OK) err = db_run(db, st);
	else db_done(st);
	free(html);
	free(text);
	if (err == STATUS_OK)
		*written = 1;
	if (err == STATUS_OK)
		err = search_reindex_term(db, term_id);
	return nerr_pass(err);
}

NEOERR *import_document(struct db *db, const struct corpus_document *doc, int sort, struct import_stats *stats)
{
	sqlite3_int64 document_id = 0;
	sqlite3_int64 *ids;
	NEOERR *err;

	err = upsert_document(db, doc, sort, &document_id);
	if (err != STATUS_OK)
		return nerr_pass(err);
	stats->documents++;
	ids = calloc(doc->n_sections + 1, sizeof *ids);
	if (ids == NULL)
		return nerr_raise(NERR_NOMEM, "import_document");
	for (size_t i = 0; i < doc->n_sections && err == STATUS_OK; i++) {
		const struct corpus_section *s = &doc->sections[i];
		sqlite3_int64 parent = s->parent >= 0 ? ids[s->parent] : 0;
		int written = 0;

		/* Sort keys leave room for sections HR inserts later. */
		err = upsert_section(db, document_id, s, parent, (int)(i + 1) * 10, &ids[i]);
		if (err == STATUS_OK)
			err = import_version(db, doc, ids[i], s, &written);
		/* Keep the search index in step (writes only what differs, so
		 * also picks up a change of the document's status). */
		if (err == STATUS_OK)
			err = search_reindex_section(db, ids[i]);
		stats->sections++;
		stats->sections_written += written;
		stats->citations += (int)s->n_citations;
	}
	for (size_t i = 0; i < doc->n_terms && err == STATUS_OK; i++) {
		int written = 0;

		err = import_term(db, doc, &doc->terms[i], (int)(i + 1) * 10, &written);
		stats->terms++;
		stats->terms_written += written;
	}
	free(ids);
	return nerr_pass(err);
}

static const struct {
	const char *file;
	NEOERR *(*parse)(const char *, size_t, struct corpus_document *);
} sources[] = {
	{ "employee-handbook.txt", corpus_parse_handbook },
	{ "orientation-manual.txt", corpus_parse_orientation },
	{ "hr-training-page.txt", corpus_parse_training },
};

NEOERR *import_corpus_dir(struct db *db, const char *corpus_dir, struct import_stats *stats)
{
	NEOERR *err = db_begin(db);

	memset(stats, 0, sizeof *stats);
	for (size_t i = 0; i < sizeof sources / sizeof sources[0] && err == STATUS_OK; i++) {
		char path[4096];
		char *data = NULL;
		size_t len = 0;
		struct corpus_document doc;

		memset(&doc, 0, sizeof doc);
		snprintf(path, sizeof path, "%s/%s", corpus_dir, sources[i].file);
		err = import_read_file(path, &data, &len);
		if (err == STATUS_OK)
			err = sources[i].parse(data, len, &doc);
		if (err == STATUS_OK)
			err = import_document(db, &doc, (int)i + 1, stats);
		if (err != STATUS_OK)
			err = nerr_pass_ctx(err, "importing %s", sources[i].file);
		corpus_document_free(&doc);
		free(data);
	}
	if (err == STATUS_OK)
		err = search_index_flush(db);
	if (err == STATUS_OK)
		return nerr_pass(db_commit(db));
	db_rollback(db);
	return err;
}
