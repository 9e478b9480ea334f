/* store/content: the documents as the pages read them: documents,
 * sections, the section and glossary versions in effect on a date, their
 * citations and the citation index.
 *
 * Reads "as of" a date (YYYY-MM-DD) pick a section's or term's newest
 * version whose effective date is on or before it (the latest version
 * number among those of one date). Rows come to a callback; their text is
 * the statement's and lives only during the call (copy what you keep), and
 * the callback may not use the database. Text columns read as "" for NULL
 * unless a field says otherwise. */
#ifndef HR_STORE_CONTENT_H
#define HR_STORE_CONTENT_H

#include <ClearSilver.h>
#include <stdint.h>

#include "store/db.h"

struct store_document {
	const char *slug, *title, *description, *status, *revised;
	const char *intro_html; /* "" in the list of documents */
};
typedef NEOERR *(*store_document_fn)(void *ctx, const struct store_document *row);

/* Every document, in document order. */
NEOERR *store_content_documents(struct db *db, store_document_fn each, void *ctx);
/* The document called slug; *found = 0 (and no call) when there is none. */
NEOERR *store_content_document(struct db *db, const char *slug, store_document_fn fn, void *ctx, int *found);

/* A table of contents entry: a section not retired that has a version in
 * effect, with that version's title (the table's title when none). */
struct store_toc_entry {
	int64_t id, parent_id; /* parent_id 0 at the top */
	const char *kind, *slug, *title;
	const char *page; /* printed page, NULL when none */
};
typedef NEOERR *(*store_toc_fn)(void *ctx, const struct store_toc_entry *row);
/* A document's table of contents in document order (parents first). */
NEOERR *store_content_toc(struct db *db, const char *doc_slug, const char *as_of, store_toc_fn each, void *ctx);

/* One section (not retired) with one of its versions. */
struct store_section {
	int64_t id, document_id, parent_id, version_id;
	int sort, version;
	const char *kind, *slug, *toc_title;
	const char *title, *body_html, *effective_date, *published_at, *summary;
};
typedef NEOERR *(*store_section_fn)(void *ctx, const struct store_section *row);
/* Section slug of document doc_slug with its version number version, or
 * when version <= 0 the version in effect on as_of. *found = 0 (and no
 * call) when there is no such section or no such version. */
NEOERR *store_content_section(struct db *db, const char *doc_slug, const char *slug, const char *as_of, int version,
			      store_section_fn fn, void *ctx, int *found);

/* A version of a section as its history lists it. */
struct store_section_version {
	int version;
	const char *title, *effective_date, *published_at, *published_by, *summary;
	const char *body_md, *body_html; /* "" where a read does not say */
	int current;                     /* the version in effect on the date, 0 for none */
};
typedef NEOERR *(*store_section_version_fn)(void *ctx, const struct store_section_version *row);
/* The version of section section_id that takes effect first after as_of
 * (effective_date, version, summary set); *found = 0 when none. */
NEOERR *store_content_section_upcoming(struct db *db, int64_t section_id, const char *as_of,
				       store_section_version_fn fn, void *ctx, int *found);
/* Every version of a section, newest first, with current the version in
 * effect on today (body_md and body_html are ""). No call for an unknown
 * section. */
NEOERR *store_content_section_history(struct db *db, const char *doc_slug, const char *slug, const char *today,
				      store_section_version_fn each, void *ctx);
/* Version version of a section (title and body_html set); *found = 0 when
 * there is none. */
NEOERR *store_content_section_version(struct db *db, const char *doc_slug, const char *slug, int version,
				      store_section_version_fn fn, void *ctx, int *found);

/* The section enclosing section id (its table of contents title). */
struct store_section_parent {
	int64_t parent_id; /* the next one out, 0 at the top */
	char slug[128];
	char title[256];
};
/* *found = 0 when section id does not exist. */
NEOERR *store_content_section_parent(struct db *db, int64_t id, struct store_section_parent *out, int *found);

/* A section linked from another: its slug, table of contents title, kind. */
struct store_section_link {
	const char *slug, *title, *kind;
};
typedef NEOERR *(*store_section_link_fn)(void *ctx, const struct store_section_link *row);
/* The section of kind 'section' (not retired, with a version in effect on
 * as_of) just before (direction < 0) or just after (direction > 0) sort in
 * document document_id; *found = 0 when none. */
NEOERR *store_content_section_neighbour(struct db *db, int64_t document_id, int sort, int direction, const char *as_of,
					store_section_link_fn fn, void *ctx, int *found);
/* The children of section id (not retired, with a version in effect on
 * as_of), in document order. */
NEOERR *store_content_section_children(struct db *db, int64_t id, const char *as_of, store_section_link_fn each,
				       void *ctx);

/* Every section of a document (not retired) with its version in effect on
 * as_of, in document order, with depth 0 for the top, 1 and 2 below. */
typedef NEOERR *(*store_section_text_fn)(void *ctx, const char *kind, int depth, const char *title,
					 const char *body_md);
NEOERR *store_content_section_texts(struct db *db, const char *doc_slug, const char *as_of, store_section_text_fn each,
				    void *ctx);

/* Section slug's title in effect on as_of (its table of contents title when
 * no version is) into buf; *found = 0 when the section is unknown. */
NEOERR *store_content_section_title(struct db *db, const char *doc_slug, const char *slug, const char *as_of, char *buf,
				    size_t len, int *found);

/* A citation as stored (one of a version's legal references). */
struct store_citation {
	const char *cite, *code, *title, *chapter, *number, *subsection, *raw;
};
typedef NEOERR *(*store_citation_fn)(void *ctx, const struct store_citation *row);
/* The citations of one section version, in their order. */
NEOERR *store_content_citations(struct db *db, int64_t version_id, store_citation_fn each, void *ctx);

/* A citation of a section's version in effect, and the section citing it. */
struct store_cited {
	struct store_citation citation;
	const char *url;                         /* "/<document>/<section>" */
	const char *section, *document, *status; /* titles, document status */
};
typedef NEOERR *(*store_cited_fn)(void *ctx, const struct store_cited *row);
/* Every citation of the versions in effect on as_of of sections not
 * retired, in document order, then the citations' order. */
NEOERR *store_content_cited(struct db *db, const char *as_of, store_cited_fn each, void *ctx);

/* A glossary term (not retired) with its version in effect. */
struct store_glossary_term {
	const char *slug, *term, *definition_text, *definition_html;
	int matches; /* store_content_glossary_az: contains the filter */
};
typedef NEOERR *(*store_glossary_fn)(void *ctx, const struct store_glossary_term *row);
/* The glossary as of as_of in glossary order (only term slug when slug is
 * not NULL). */
NEOERR *store_content_glossary_terms(struct db *db, const char *as_of, const char *slug, store_glossary_fn each,
				     void *ctx);
/* The glossary as of as_of by term, A to Z ignoring case, each with
 * matches set when filter is "" or the term or its definition text
 * contains filter (ignoring case). */
NEOERR *store_content_glossary_az(struct db *db, const char *as_of, const char *filter, store_glossary_fn each,
				  void *ctx);

#endif
