/* pagecache: each portal process keeps the public pages it has rendered
 * (handbook sections, tables of contents, glossary) and answers the next
 * anonymous GET for the same path from memory, without parsing the request
 * into HDF or touching the templates.
 *
 * A page is cached only when its handler said it is the same for every
 * anonymous reader (req->cacheable), the answer was 200, and the request
 * had no query string, no signed-in user and no test clock. Entries are
 * keyed by path and the day's date (a future effective date takes effect at
 * midnight), and all are dropped when the database changes: its generation
 * (db_generation) is compared on every lookup. */
#ifndef HR_PAGECACHE_H
#define HR_PAGECACHE_H

#include "web/app.h"
#include "web/request.h"

/* Write the cached answer for the current request; returns 1 when it did. */
int pagecache_answer(struct app *app);

/* Keep a finished response if it may be served to the next reader. */
void pagecache_offer(struct app *app, struct request *req);

/* Drop everything (process exit, tests). */
void pagecache_clear(void);

#endif
