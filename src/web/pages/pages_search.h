/* pages_search: the handlers for finding things, registered in routes.c.
 *
 *   GET /search?q=&page=         results page (templates/search.cs)
 *   GET /api/search?q=&limit=N   the same as JSON for other intranet tools:
 *       {"query": q, "total": N, "suggestion": "..." or null,
 *        "results": [{"kind": "section"|"glossary", "title": ..., "url": ...,
 *                     "snippet": ...}]}
 *       url is a path on the portal; snippet is HTML (text escaped, the
 *       matched words in <mark>). Errors are JSON too (router.c):
 *       {"error": {"status": 400, "message": ...}}.
 *   GET /citations               every law cited, with the sections citing it
 *   GET /glossary/<slug>         one glossary term
 */
#ifndef HR_PAGES_SEARCH_H
#define HR_PAGES_SEARCH_H

#include <ClearSilver.h>

#include "web/request.h"

#define SEARCH_PAGE_SIZE 10
#define SEARCH_MAX_PAGE 1000
#define SEARCH_API_MAX_LIMIT 50

NEOERR *page_search(struct request *req);
NEOERR *page_api_search(struct request *req);
NEOERR *page_citations(struct request *req);
NEOERR *page_glossary_term(struct request *req);

#endif
