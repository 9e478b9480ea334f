/* pages_editor: the section and glossary term editors (HR only,
 * registered in routes.c with ACCESS_HR).
 *
 *   GET  /admin/sections/<doc>/<slug>             the editor: text, legal references,
 *                                                 change impact, versions, move, retire
 *   POST /admin/sections/<doc>/<slug>             action=save|autosave|preview|publish
 *   GET  /admin/sections/<doc>/<slug>/preview     the draft in the real page layout
 *   POST /admin/sections/<doc>/<slug>/rollback    a new version copying an old one
 *   POST /admin/sections/<doc>/<slug>/move        place=<parent id>:<after id>
 *   POST /admin/sections/<doc>/<slug>/retire      action=retire|restore
 *   GET/POST /admin/glossary/<slug>, GET .../preview, POST .../rollback, POST .../retire
 *
 * Every POST writes an audit row in its action's transaction. A refused
 * save because someone else changed the item first answers 409 with the
 * word differences and the editor's text, so nothing is lost. */
#ifndef HR_PAGES_EDITOR_H
#define HR_PAGES_EDITOR_H

#include <ClearSilver.h>

#include "web/request.h"

NEOERR *page_admin_section_edit(struct request *req);
NEOERR *page_admin_section_post(struct request *req);
NEOERR *page_admin_section_preview(struct request *req);
NEOERR *page_admin_section_rollback(struct request *req);
NEOERR *page_admin_section_move(struct request *req);
NEOERR *page_admin_section_retire(struct request *req);
NEOERR *page_admin_term_edit(struct request *req);
NEOERR *page_admin_term_post(struct request *req);
NEOERR *page_admin_term_preview(struct request *req);
NEOERR *page_admin_term_rollback(struct request *req);
NEOERR *page_admin_term_retire(struct request *req);

#endif
