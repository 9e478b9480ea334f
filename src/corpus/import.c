#include "corpus/import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/markdown.h"
#include "search/search.h"
#include "store/content.h"
#include "store/import.h"

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
	case CORPUS_PART:
		return "part";
	case CORPUS_GROUP:
		return "group";
	default:
		return "section";
	}
}

static NEOERR *upsert_document(struct db *db, const struct corpus_document *doc, int sort, int64_t *id)
{
	char *html = NULL;
	NEOERR *err = markdown_render(doc->intro_md, strlen(doc->intro_md), &html, NULL);
	struct store_import_document d = {
		.slug = doc->slug,
		.title = doc->title,
		.description = doc->description ? doc->description : "",
		.status = doc->status,
		.revised = doc->revised ? doc->revised : "",
		.source_file = doc->source_file,
		.intro_md = doc->intro_md,
		.intro_html = html,
		.sort = sort,
	};

	if (err == STATUS_OK)
		err = store_import_document(db, &d, id);
	free(html);
	return nerr_pass(err);
}

/* A version and its citations as one string, to compare what is stored
 * with the parse: fields and citations in order, with separators no text
 * holds. */
static NEOERR *append_text(void *ctx, const struct store_import_text *t)
{
	return nerr_pass(string_appendf(ctx, "%s\x1d%s\x1d%s\x1d", t->title, t->body_md, t->effective_date));
}

static NEOERR *append_citation(void *ctx, const struct store_citation *c)
{
	return nerr_pass(string_appendf(ctx, "%s\x1f%s\x1e", c->raw, c->cite));
}

static NEOERR *write_citations(struct db *db, int64_t version_id, const struct corpus_section *s)
{
	struct store_citation *v = calloc(s->n_citations + 1, sizeof *v);
	NEOERR *err;

	if (v == NULL)
		return nerr_raise(NERR_NOMEM, "citations");
	for (size_t i = 0; i < s->n_citations; i++) {
		const struct citation *c = &s->citations[i];

		v[i] = (struct store_citation){ .cite = c->cite,
						.code = c->code,
						.title = c->title,
						.chapter = c->chapter,
						.number = c->number,
						.subsection = c->subsection,
						.raw = c->raw };
	}
	err = store_import_citations(db, version_id, v, s->n_citations);
	free(v);
	return nerr_pass(err);
}

/* Version 1 of a section is the imported text; write it when it differs. */
static NEOERR *import_version(struct db *db, const struct corpus_document *doc, int64_t section_id,
			      const struct corpus_section *s, int *written)
{
	NEOERR *err;
	int64_t version_id = 0;
	char *html = NULL, *text = NULL;
	char summary[160];
	STRING have, want;

	*written = 0;
	string_init(&have);
	string_init(&want);
	err = store_import_section_v1(db, section_id, append_text, &have, &version_id);
	if (err == STATUS_OK && version_id)
		err = store_content_citations(db, version_id, append_citation, &have);
	if (err == STATUS_OK)
		err = string_appendf(&want, "%s\x1d%s\x1d%s\x1d", s->title, s->body_md, doc->effective_date);
	for (size_t i = 0; i < s->n_citations && err == STATUS_OK; i++)
		err = string_appendf(&want, "%s\x1f%s\x1e", s->citations[i].raw, s->citations[i].cite);
	if (err != STATUS_OK ||
	    (version_id && have.len == want.len && memcmp(have.buf, want.buf, (size_t)have.len) == 0))
		goto done;

	err = markdown_render(s->body_md, strlen(s->body_md), &html, &text);
	if (err != STATUS_OK)
		goto done;
	snprintf(summary, sizeof summary, "Imported from %s (revised %s).", doc->source_file,
		 doc->revised ? doc->revised : "undated");
	{
		struct store_import_text t = {
			.title = s->title,
			.body_md = s->body_md,
			.body_html = html,
			.body_text = text,
			.effective_date = doc->effective_date,
			.summary = summary,
		};

		err = store_import_section_v1_write(db, section_id, &t, &version_id);
	}
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

static NEOERR *import_term(struct db *db, const struct corpus_document *doc, const struct corpus_term *t, int sort,
			   int *written)
{
	NEOERR *err;
	int64_t term_id = 0, version_id = 0;
	int same = 0;
	char *html = NULL, *text = NULL;

	*written = 0;
	err = store_import_term(db, t->slug, sort, &term_id);
	if (err == STATUS_OK)
		err = store_import_term_v1(db, term_id, t->term, t->definition_md, doc->effective_date, &version_id,
					   &same);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (same)
		return nerr_pass(search_reindex_term(db, term_id));
	err = markdown_render(t->definition_md, strlen(t->definition_md), &html, &text);
	if (err == STATUS_OK) {
		struct store_import_text v = {
			.title = t->term,
			.body_md = t->definition_md,
			.body_html = html,
			.body_text = text,
			.effective_date = doc->effective_date,
		};

		err = store_import_term_v1_write(db, term_id, version_id, &v);
	}
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
		{
			struct store_import_section row = {
				.document_id = document_id,
				.parent_id = parent,
				.kind = kind_name(s->kind),
				.slug = s->slug,
				.toc_title = s->toc_title,
				.sort = (int)(i + 1) * 10,
				.toc_page = s->toc_page,
			};

			err = store_import_section(db, &row, &ids[i]);
		}
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

struct corpus_import {
	const char *dir;
	struct import_stats *stats;
};

static NEOERR *import_corpus_in_tx(struct db *db, void *ctx)
{
	const struct corpus_import *c = ctx;
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < sizeof sources / sizeof sources[0] && err == STATUS_OK; i++) {
		char path[4096];
		char *data = NULL;
		size_t len = 0;
		struct corpus_document doc;

		memset(&doc, 0, sizeof doc);
		snprintf(path, sizeof path, "%s/%s", c->dir, sources[i].file);
		err = import_read_file(path, &data, &len);
		if (err == STATUS_OK)
			err = sources[i].parse(data, len, &doc);
		if (err == STATUS_OK)
			err = import_document(db, &doc, (int)i + 1, c->stats);
		if (err != STATUS_OK)
			err = nerr_pass_ctx(err, "importing %s", sources[i].file);
		corpus_document_free(&doc);
		free(data);
	}
	if (err == STATUS_OK)
		err = search_index_flush_bulk(db);
	return nerr_pass(err);
}

NEOERR *import_corpus_dir(struct db *db, const char *corpus_dir, struct import_stats *stats)
{
	struct corpus_import c = { corpus_dir, stats };

	memset(stats, 0, sizeof *stats);
	return nerr_pass(db_tx(db, import_corpus_in_tx, &c));
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
			err = nerr_raise(NERR_PARSE, "%s:%d: expected \"everyday words<TAB>handbook words\"", path,
					 line);
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
			err = nerr_raise(NERR_PARSE, "%s:%d: an entry needs everyday words and handbook words", path,
					 line);
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

struct thesaurus_import {
	const struct thesaurus_line *v;
	size_t n;
};

static NEOERR *thesaurus_in_tx(struct db *db, void *ctx)
{
	const struct thesaurus_import *t = ctx;
	struct store_thesaurus_entry *e = calloc(t->n + 1, sizeof *e);
	int same = 0;
	NEOERR *err;

	if (e == NULL)
		return nerr_raise(NERR_NOMEM, "thesaurus");
	for (size_t i = 0; i < t->n; i++)
		e[i] = (struct store_thesaurus_entry){ .words = t->v[i].words, .searched = t->v[i].searched };
	/* An unchanged file writes nothing. */
	err = store_import_thesaurus_same(db, e, t->n, &same);
	if (err == STATUS_OK && !same)
		err = store_import_thesaurus_replace(db, e, t->n);
	free(e);
	return nerr_pass(err);
}

NEOERR *import_thesaurus_file(struct db *db, const char *path, int *entries)
{
	struct thesaurus_line *v = NULL;
	size_t n = 0, len = 0;
	char *data = NULL;
	NEOERR *err = import_read_file(path, &data, &len);

	*entries = 0;
	if (err == STATUS_OK)
		err = thesaurus_parse(path, data, &v, &n);
	free(data);
	if (err != STATUS_OK)
		return nerr_pass(err);
	{
		struct thesaurus_import t = { v, n };

		err = db_tx(db, thesaurus_in_tx, &t);
	}
	thesaurus_lines_free(v, n);
	if (err == STATUS_OK)
		*entries = (int)n;
	return nerr_pass(err);
}
