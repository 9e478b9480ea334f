/* store/import: what the importer writes: documents, sections, their
 * first versions and citations, glossary terms and their first versions,
 * and the search thesaurus.
 *
 * Every function here runs inside the caller's transaction (the importer's
 * own, corpus/import.h), and writes a row only when it differs from what
 * is stored, so that importing the same corpus twice changes nothing. */
#ifndef HR_STORE_IMPORT_H
#define HR_STORE_IMPORT_H

#include <ClearSilver.h>
#include <stddef.h>
#include <stdint.h>

#include "store/content.h"
#include "store/db.h"

struct store_import_document {
	const char *slug, *title, *description, *status, *revised, *source_file, *intro_md, *intro_html;
	int sort;
};
/* Add the document or update it (by slug); *id is its id. */
NEOERR *store_import_document(struct db *db, const struct store_import_document *d, int64_t *id);

struct store_import_section {
	int64_t document_id;
	int64_t parent_id; /* 0: at the top */
	const char *kind, *slug, *toc_title;
	int sort;
	int toc_page; /* 0: none */
};
/* Add the section or update it (by document and slug); *id is its id.
 * Once HR has placed sections in a document (documents.hr_structure), the
 * stored parent and sort stay. */
NEOERR *store_import_section(struct db *db, const struct store_import_section *s, int64_t *id);

/* A first version's text (section or glossary term). */
struct store_import_text {
	const char *title, *body_md, *body_html, *body_text, *effective_date;
	const char *summary; /* written only with a new version */
};
typedef NEOERR *(*store_import_text_fn)(void *ctx, const struct store_import_text *row);
/* Version 1 of section section_id: *version_id is its id (0 and no call
 * when there is none); the row has title, body_md and effective_date. */
NEOERR *store_import_section_v1(struct db *db, int64_t section_id, store_import_text_fn fn, void *ctx,
				int64_t *version_id);
/* Write version 1 of section section_id: update version *version_id, or
 * when it is 0 add it, published on its effective date by 'import', and
 * set *version_id. */
NEOERR *store_import_section_v1_write(struct db *db, int64_t section_id, const struct store_import_text *t,
				      int64_t *version_id);
/* Replace the citations of a version by v[0..n) (ord 1..n). */
NEOERR *store_import_citations(struct db *db, int64_t version_id, const struct store_citation *v, size_t n);

/* Add the glossary term or update its sort (by slug); *id is its id. */
NEOERR *store_import_term(struct db *db, const char *slug, int sort, int64_t *id);
/* Version 1 of term term_id: *version_id (0 when none) and *same, whether
 * it holds this term, definition and effective date. */
NEOERR *store_import_term_v1(struct db *db, int64_t term_id, const char *term, const char *definition_md,
			     const char *effective_date, int64_t *version_id, int *same);
/* Write version 1 of term term_id (title: the term; body: the definition):
 * update version_id, or when it is 0 add it, published on its effective
 * date by 'import'. */
NEOERR *store_import_term_v1_write(struct db *db, int64_t term_id, int64_t version_id,
				   const struct store_import_text *t);

/* One thesaurus entry: everyday words and the handbook's words for them. */
struct store_thesaurus_entry {
	const char *words, *searched;
};
/* Whether the thesaurus holds exactly v[0..n), which is in words order. */
NEOERR *store_import_thesaurus_same(struct db *db, const struct store_thesaurus_entry *v, size_t n, int *same);
/* Replace the thesaurus by v[0..n), and make the readers' search caches,
 * which hold it, reload. */
NEOERR *store_import_thesaurus_replace(struct db *db, const struct store_thesaurus_entry *v, size_t n);

#endif
