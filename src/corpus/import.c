#include "corpus/import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/markdown.h"
#include "search/search.h"

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

static NEOERR *upsert_document(struct db *db, const struct corpus_document *doc, int sort, int64_t *id)
{
	struct db_stmt *st;
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
		*id = db_int64(st, 0);
	db_done(st);
	return nerr_pass(err);
}

#define HR_PLACED "(SELECT hr_structure FROM documents WHERE id = excluded.document_id)"

static NEOERR *upsert_section(struct db *db, int64_t document_id, const struct corpus_section *s,
			      int64_t parent_id, int sort, int64_t *id)
{
	struct db_stmt *st;
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
		*id = db_int64(st, 0);
	db_done(st);
	return nerr_pass(err);
}

/* The citations of a stored version, joined, to compare with the parse. */
static NEOERR *stored_citations(struct db *db, int64_t version_id, STRING *out)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "SELECT raw, cite FROM citations WHERE section_version_id = ?1 ORDER BY ord", &st);
	int row = 0;

	if (err == STATUS_OK)
		err = db_bind_int(db, st, 1, version_id);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row)
		err = string_appendf(out, "%s\x1f%s\x1e", db_text(st, 0), db_text(st, 1));
	db_done(st);
	return nerr_pass(err);
}

static NEOERR *write_citations(struct db *db, int64_t version_id, const struct corpus_section *s)
{
	struct db_stmt *st;
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
		if (err == STATUS_OK) err = db_bind_int(db, st, 2, (int64_t)i + 1);
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
static NEOERR *import_version(struct db *db, const struct corpus_document *doc, int64_t section_id,
			      const struct corpus_section *s, int *written)
{
	struct db_stmt *st;
	NEOERR *err;
	int row;
	int64_t version_id = 0;
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
		version_id = db_int64(st, 0);
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
				  "VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?6 || 'T00:00:00Z', 'import', ?7) RETURNING id", &st);
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
	if (err == STATUS_OK) err = version_id ? db_run(db, st) : db_insert(db, st, &version_id);
	else db_done(st);
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
	struct db_stmt *st = NULL;
	NEOERR *err;
	int64_t term_id = 0, version_id = 0;
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
		term_id = db_int64(st, 0);
	db_done(st);
	if (err == STATUS_OK) err = db_stmt(db, "SELECT id, term = ?2 AND definition_md = ?3 AND effective_date = ?4 "
						"FROM glossary_versions WHERE term_id = ?1 AND version = 1", &st);
	if (err == STATUS_OK) err = db_bind_int(db, st, 1, term_id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, t->term);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, t->definition_md);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, doc->effective_date);
	if (err == STATUS_OK) err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		version_id = db_int64(st, 0);
		same = db_int(st, 1);
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
	int64_t document_id = 0;
	int64_t *ids;
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
		int64_t parent = s->parent >= 0 ? ids[s->parent] : 0;
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

/* --- The search thesaurus ------------------------------------------------ */

struct thesaurus_line {
	char *words, *searched;
	int line;
};

static int thesaurus_line_cmp(const void *a, const void *b)
{
	return strcmp(((const struct thesaurus_line *)a)->words, ((const struct thesaurus_line *)b)->words);
}

/* Lowercase words of s[0..len) one space apart (anything but a letter or
 * digit separates words; other UTF-8 bytes are kept). */
static char *thesaurus_words(const char *s, size_t len)
{
	char *out = malloc(len + 1);
	size_t o = 0;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;

		if (!word) {
			if (o > 0 && out[o - 1] != ' ')
				out[o++] = ' ';
			continue;
		}
		out[o++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return out;
}

/* The handbook's phrases of a line, normalised, "; " between them. */
static char *thesaurus_searched(const char *s, size_t len)
{
	char *out = malloc(len * 2 + 1);
	size_t o = 0;

	if (out == NULL)
		return NULL;
	while (len > 0) {
		const char *semi = memchr(s, ';', len);
		size_t part = semi ? (size_t)(semi - s) : len;
		char *words = thesaurus_words(s, part);

		if (words == NULL) {
			free(out);
			return NULL;
		}
		if (words[0] != '\0')
			o += (size_t)sprintf(out + o, "%s%s", o ? "; " : "", words);
		free(words);
		s += part;
		len -= part;
		if (len > 0) {
			s++;
			len--;
		}
	}
	out[o] = '\0';
	return out;
}

static void thesaurus_lines_free(struct thesaurus_line *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].words);
		free(v[i].searched);
	}
	free(v);
}

static NEOERR *thesaurus_parse(const char *path, const char *data, struct thesaurus_line **out, size_t *nout)
{
	struct thesaurus_line *v = NULL;
	size_t n = 0, cap = 0;
	int line = 0;
	NEOERR *err = STATUS_OK;

	for (const char *p = data; *p && err == STATUS_OK;) {
		size_t len = strcspn(p, "\n");
		const char *tab = memchr(p, '\t', len);
		const char *q = p, *end = p + len;

		line++;
		p += len + (p[len] == '\n');
		while (q < p && (*q == ' ' || *q == '\r' || *q == '\n'))
			q++;
		if (q == p || *q == '#')
			continue;
		if (tab == NULL) {
			err = nerr_raise(NERR_PARSE, "%s:%d: expected \"everyday words<TAB>handbook words\"", path, line);
			break;
		}
		if (n == cap) {
			struct thesaurus_line *bigger = realloc(v, (cap = cap ? cap * 2 : 256) * sizeof *v);

			if (bigger == NULL) {
				err = nerr_raise(NERR_NOMEM, "thesaurus");
				break;
			}
			v = bigger;
		}
		v[n].line = line;
		v[n].words = thesaurus_words(q, (size_t)(tab - q));
		v[n].searched = thesaurus_searched(tab + 1, (size_t)(end - (tab + 1)));
		n++;
		if (v[n - 1].words == NULL || v[n - 1].searched == NULL)
			err = nerr_raise(NERR_NOMEM, "thesaurus");
		else if (v[n - 1].words[0] == '\0' || v[n - 1].searched[0] == '\0')
			err = nerr_raise(NERR_PARSE, "%s:%d: an entry needs everyday words and handbook words", path, line);
	}
	if (err == STATUS_OK && n > 1) {
		qsort(v, n, sizeof *v, thesaurus_line_cmp);
		for (size_t i = 1; i < n && err == STATUS_OK; i++)
			if (strcmp(v[i - 1].words, v[i].words) == 0)
				err = nerr_raise(NERR_PARSE, "%s:%d: \"%s\" is already on line %d", path,
						 v[i].line > v[i - 1].line ? v[i].line : v[i - 1].line, v[i].words,
						 v[i].line > v[i - 1].line ? v[i - 1].line : v[i].line);
	}
	if (err != STATUS_OK) {
		thesaurus_lines_free(v, n);
		return err;
	}
	*out = v;
	*nout = n;
	return STATUS_OK;
}

/* Whether the table holds exactly these entries. */
static NEOERR *thesaurus_same(struct db *db, const struct thesaurus_line *v, size_t n, int *same)
{
	struct db_stmt *st;
	size_t i = 0;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT words, searched FROM search_thesaurus ORDER BY words", &st);

	*same = 1;
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
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

NEOERR *import_thesaurus_file(struct db *db, const char *path, int *entries)
{
	struct thesaurus_line *v = NULL;
	size_t n = 0, len = 0;
	char *data = NULL;
	int same = 0;
	NEOERR *err = import_read_file(path, &data, &len);

	*entries = 0;
	if (err == STATUS_OK)
		err = thesaurus_parse(path, data, &v, &n);
	free(data);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_begin(db);
	if (err == STATUS_OK)
		err = thesaurus_same(db, v, n, &same);
	if (err == STATUS_OK && !same)
		err = db_exec(db, "DELETE FROM search_thesaurus");
	for (size_t i = 0; i < n && err == STATUS_OK && !same; i++) {
		struct db_stmt *st;
		int row = 0;

		err = db_stmt(db, "INSERT INTO search_thesaurus(words, searched) VALUES (?1, ?2)", &st);
		if (err == STATUS_OK) err = db_bind_text(db, st, 1, v[i].words);
		if (err == STATUS_OK) err = db_bind_text(db, st, 2, v[i].searched);
		if (err == STATUS_OK) err = db_step(db, st, &row);
		db_done(st);
	}
	/* Readers' search caches hold the thesaurus: make them reload. */
	if (err == STATUS_OK && !same)
		err = db_exec(db, "UPDATE meta SET value = CAST(value AS INTEGER) + 1 "
				  "WHERE key IN ('search.version', 'search.vocabulary')");
	if (err == STATUS_OK)
		err = db_commit(db);
	else
		db_rollback(db);
	thesaurus_lines_free(v, n);
	if (err == STATUS_OK)
		*entries = (int)n;
	return nerr_pass(err);
}
