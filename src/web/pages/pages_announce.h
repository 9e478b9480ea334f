/* pages_announce: announcements (registered in routes.c).
 *
 *   GET  /admin/templates, POST /admin/templates  HR: templates; check or add one
 *   GET  /admin/announcements/new?template=&section=
 *   POST /admin/announcements                     HR: action=preview|publish
 *   GET  /whats-new, GET /whats-new.atom          public
 *   GET/POST /my/subscriptions                    any signed-in employee
 *
 * Every POST under /admin writes an audit row in its own transaction. */
#ifndef HR_PAGES_ANNOUNCE_H
#define HR_PAGES_ANNOUNCE_H

#include <ClearSilver.h>

#include "web/request.h"

NEOERR *page_admin_templates(struct request *req);
NEOERR *page_admin_template_add(struct request *req);
NEOERR *page_admin_announce_new(struct request *req);
NEOERR *page_admin_announce_post(struct request *req);
NEOERR *page_whats_new(struct request *req);
NEOERR *page_whats_new_feed(struct request *req);
NEOERR *page_my_subscriptions(struct request *req);
NEOERR *page_my_subscriptions_post(struct request *req);

#endif
