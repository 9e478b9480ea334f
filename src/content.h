/* content: reading the documents from the database into HDF for templates.
 *
 * Every read takes a date ("YYYY-MM-DD"): a section's text is its newest
 * version whose effective date is on or before that date, so the same
 * functions show today's handbook and the handbook as of any past date.
 * Unknown documents, sections and terms raise HR_ERR_NOT_FOUND. */
#ifndef HR_CONTENT_H
#define HR_CONTENT_H

#include <ClearSilver.h>

#include "db.h"

/* Documents: Documents.N.{Slug,Title,Description,Status,Revised}. */
NEOERR *content_documents(struct db *db, HDF *hdf, const char *prefix);

/* One document: <prefix>.{Slug,Title,Description,Status,Revised,IntroHtml}. */
NEOERR *content_document(struct db *db, const char *doc_slug, HDF *hdf, const char *prefix);

/* The table of contents as a tree: <prefix>.N.{Slug,Title,Kind,Page,Children.M...}. */
NEOERR *content_toc(struct db *db, const char *doc_slug, const char *as_of, HDF *hdf, const char *prefix);

/* One section with its current version, breadcrumbs, previous/next section,
 * child sections (for parts and groups) and citations:
 * <prefix>.{Slug,Title,Kind,BodyHtml,Version,EffectiveDate,Parents.N,Prev,Next,
 *           Children.N,Citations.N.{Cite,Anchor}} */
NEOERR *content_section(struct db *db, const char *doc_slug, const char *slug, const char *as_of,
			HDF *hdf, const char *prefix);

/* The glossary, A to Z: <prefix>.Letters.N.{Letter,Terms.M.{Slug,Term,DefinitionHtml}}
 * and <prefix>.Count. With a filter other than "", only the terms whose name
 * or definition contains it (ignoring case); <prefix>.Total counts them all. */
NEOERR *content_glossary(struct db *db, const char *as_of, const char *filter, HDF *hdf, const char *prefix);

/* Today's date in the portal's time zone (America/New_York, where
 * Frankfort is) as YYYY-MM-DD. */
void content_today(time_t now, char out[11]);

#endif
