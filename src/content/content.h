/* content: reading the documents from the database into HDF for templates.
 *
 * Every read takes a date ("YYYY-MM-DD"): a section's text is its newest
 * version whose effective date is on or before that date, so the same
 * functions show today's handbook and the handbook as of any past date.
 * Unknown documents, sections and terms raise HR_ERR_NOT_FOUND. */
#ifndef HR_CONTENT_H
#define HR_CONTENT_H

#include <ClearSilver.h>

#include "store/db.h"

/* Documents: Documents.N.{Slug,Title,Description,Status,Revised}. */
NEOERR *content_documents(struct db *db, HDF *hdf, const char *prefix);

/* One document: <prefix>.{Slug,Title,Description,Status,Revised,IntroHtml}. */
NEOERR *content_document(struct db *db, const char *doc_slug, HDF *hdf, const char *prefix);

/* The table of contents as a tree: <prefix>.N.{Slug,Title,Kind,Page,Children.M...}
 * (empty for an unknown document: the caller has looked the document up). */
NEOERR *content_toc(struct db *db, const char *doc_slug, const char *as_of, HDF *hdf, const char *prefix);

/* One section with its version in effect on as_of (or, when version > 0,
 * that version), breadcrumbs, previous/next section, child sections (for
 * parts and groups), citations, and the next version waiting for its
 * effective date, if any:
 * <prefix>.{Slug,Title,Kind,BodyHtml,Version,EffectiveDate,Summary,Parents.N,
 *           Prev,Next,Children.N,Citations.N.{Cite,Anchor},Upcoming.{Date,Version,Summary}} */
NEOERR *content_section(struct db *db, const char *doc_slug, const char *slug, const char *as_of, int version, HDF *hdf,
			const char *prefix);

/* Every published version of a section, newest first:
 * <prefix>.Versions.N.{Version,Title,EffectiveDate,PublishedAt,PublishedBy,Summary,State}
 * where State is "current", "upcoming" or "past" relative to today. */
NEOERR *content_section_history(struct db *db, const char *doc_slug, const char *slug, const char *today, HDF *hdf,
				const char *prefix);

/* Title and rendered HTML of one version (newly allocated, free()). */
NEOERR *content_version_html(struct db *db, const char *doc_slug, const char *slug, int version, char **title,
			     char **html);

/* Call fn for every section of a document in order, with the Markdown of
 * its version in effect on as_of (for the whole-document PDF). */
typedef NEOERR *(*content_section_fn)(void *ctx, const char *kind, int depth, const char *title, const char *body_md);
NEOERR *content_each_section(struct db *db, const char *doc_slug, const char *as_of, content_section_fn fn, void *ctx);

/* True when s is a real calendar date written YYYY-MM-DD, 1900-2199
 * (calendar_parse decides). */
int content_valid_date(const char *s);

/* The glossary, A to Z: <prefix>.Letters.N.{Letter,Terms.M.{Slug,Term,DefinitionHtml}}
 * and <prefix>.Count. With a filter other than "", only the terms whose name
 * or definition contains it (ignoring case); <prefix>.Total counts them all. */
NEOERR *content_glossary(struct db *db, const char *as_of, const char *filter, HDF *hdf, const char *prefix);

/* Today's date in the portal's time zone (America/New_York, where
 * Frankfort is) as YYYY-MM-DD. */
void content_today(time_t now, char out[11]);

/* A section's title as of a date into buf (the slug if the section is
 * unknown). */
NEOERR *content_section_title(struct db *db, const char *doc_slug, const char *slug, const char *as_of, char *buf,
			      size_t len);

#endif
