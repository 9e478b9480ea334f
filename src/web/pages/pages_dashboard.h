/* pages_dashboard: the publishing pages around the editors (HR only,
 * registered in routes.c with ACCESS_HR).
 *
 *   GET  /admin                                   dashboard: documents, drafts, campaigns
 *   GET  /admin/documents/<doc>                   its sections (with retired and unpublished
 *                                                 ones); the new-section form
 *   POST /admin/documents/<doc>/sections          create a section (hidden until published)
 *   GET  /admin/glossary, POST /admin/glossary    the terms; create one
 *   GET  /admin/audit?page=N                      the audit log
 *
 * A refused new section or term shows its list again with the message
 * (422); a created one goes to its editor (pages_editor.h). */
#ifndef HR_PAGES_DASHBOARD_H
#define HR_PAGES_DASHBOARD_H

#include <ClearSilver.h>

#include "web/request.h"

NEOERR *page_admin_home(struct request *req);
NEOERR *page_admin_document(struct request *req);
NEOERR *page_admin_section_create(struct request *req);
NEOERR *page_admin_glossary(struct request *req);
NEOERR *page_admin_term_create(struct request *req);
NEOERR *page_admin_audit(struct request *req);

#endif
