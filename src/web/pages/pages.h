/* pages: the handlers of the portal's pages, one per page, registered in
 * routes.c. A handler reads its parameters, fills the request's HDF and
 * renders its template; it raises errors.h kinds for the dispatcher. */
#ifndef HR_PAGES_H
#define HR_PAGES_H

#include <ClearSilver.h>

#include "web/request.h"

/* Content (pages_content.c) */
NEOERR *page_home(struct request *req);
NEOERR *page_signin(struct request *req);
NEOERR *page_documents(struct request *req);
NEOERR *page_document(struct request *req);
NEOERR *page_section(struct request *req);
NEOERR *page_section_print(struct request *req);
NEOERR *page_glossary(struct request *req);

/* Content versions (pages_versions.c) */
NEOERR *page_section_history(struct request *req);
NEOERR *page_section_version(struct request *req);
NEOERR *page_section_diff(struct request *req);
NEOERR *page_document_pdf(struct request *req);

/* Today's date for the request (Eastern time). */
void page_today(struct request *req, char out[11]);
/* The date the request reads content as of: today, or a valid ?as_of=
 * (400 for a malformed one); sets Page.AsOf/AsOfQuery when given. */
NEOERR *page_as_of(struct request *req, char out[11]);
/* The document of a content URL: its first path segment, without ".pdf". */
const char *page_document_slug(struct request *req, char *buf, size_t size);

#endif
