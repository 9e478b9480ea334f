/* pages_admin: publishing pages (HR only, registered in routes.c with
 * ACCESS_HR) and the employee pages that go with them.
 *
 * pages_admin.c: content
 *   GET  /admin                                   dashboard: documents, drafts, campaigns
 *   GET  /admin/documents/<doc>                   its sections (with retired and unpublished
 *                                                 ones); the new-section form
 *   POST /admin/documents/<doc>/sections          create a section (hidden until published)
 *   GET  /admin/sections/<doc>/<slug>             the editor: text, legal references,
 *                                                 change impact, versions, move, retire
 *   POST /admin/sections/<doc>/<slug>             action=save|autosave|preview|publish
 *   GET  /admin/sections/<doc>/<slug>/preview     the draft in the real page layout
 *   POST /admin/sections/<doc>/<slug>/rollback    a new version copying an old one
 *   POST /admin/sections/<doc>/<slug>/move        place=<parent id>:<after id>
 *   POST /admin/sections/<doc>/<slug>/retire      action=retire|restore
 *   GET  /admin/glossary, POST /admin/glossary    the terms; create one
 *   GET/POST /admin/glossary/<slug>, GET .../preview, POST .../rollback, POST .../retire
 *   GET  /admin/audit?page=N                      the audit log
 * pages_announce.c: announcements
 *   GET  /admin/templates, POST /admin/templates  templates; check or add one
 *   GET  /admin/announcements/new?template=&section=
 *   POST /admin/announcements                     action=preview|publish
 *   GET  /whats-new, GET /whats-new.atom          public
 *   GET/POST /my/subscriptions                    any signed-in employee
 * pages_ack.c: acknowledgement campaigns
 *   GET  /admin/acknowledgements, POST /admin/acknowledgements
 *   GET  /admin/acknowledgements/<id>, POST /admin/acknowledgements/<id>/remind
 *   GET  /my/acknowledgements, POST /my/acknowledgements/<id>
 *
 * Every POST under /admin writes an audit row in its own transaction. A
 * refused save because someone else changed the item first answers 409 with
 * the word differences and the editor's text, so nothing is lost. */
#ifndef HR_PAGES_ADMIN_H
#define HR_PAGES_ADMIN_H

#include <ClearSilver.h>

#include "web/request.h"

NEOERR *page_admin_home(struct request *req);
NEOERR *page_admin_document(struct request *req);
NEOERR *page_admin_section_create(struct request *req);
NEOERR *page_admin_section_edit(struct request *req);
NEOERR *page_admin_section_post(struct request *req);
NEOERR *page_admin_section_preview(struct request *req);
NEOERR *page_admin_section_rollback(struct request *req);
NEOERR *page_admin_section_move(struct request *req);
NEOERR *page_admin_section_retire(struct request *req);
NEOERR *page_admin_glossary(struct request *req);
NEOERR *page_admin_term_create(struct request *req);
NEOERR *page_admin_term_edit(struct request *req);
NEOERR *page_admin_term_post(struct request *req);
NEOERR *page_admin_term_preview(struct request *req);
NEOERR *page_admin_term_rollback(struct request *req);
NEOERR *page_admin_term_retire(struct request *req);
NEOERR *page_admin_audit(struct request *req);

NEOERR *page_admin_templates(struct request *req);
NEOERR *page_admin_template_add(struct request *req);
NEOERR *page_admin_announce_new(struct request *req);
NEOERR *page_admin_announce_post(struct request *req);
NEOERR *page_whats_new(struct request *req);
NEOERR *page_whats_new_feed(struct request *req);
NEOERR *page_my_subscriptions(struct request *req);
NEOERR *page_my_subscriptions_post(struct request *req);

NEOERR *page_admin_campaigns(struct request *req);
NEOERR *page_admin_campaign_create(struct request *req);
NEOERR *page_admin_campaign(struct request *req);
NEOERR *page_admin_campaign_remind(struct request *req);
NEOERR *page_my_acks(struct request *req);
NEOERR *page_my_ack_post(struct request *req);


#endif
