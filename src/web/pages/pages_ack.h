/* pages_ack: acknowledgement campaigns (registered in routes.c).
 *
 *   GET  /admin/acknowledgements, POST /admin/acknowledgements
 *   GET  /admin/acknowledgements/<id>, POST /admin/acknowledgements/<id>/remind
 *                                                 HR: campaigns, completion, reminders
 *   GET  /my/acknowledgements, POST /my/acknowledgements/<id>
 *                                                 the employee's pending ones; signing
 *
 * Every POST under /admin writes an audit row in its own transaction. */
#ifndef HR_PAGES_ACK_H
#define HR_PAGES_ACK_H

#include <ClearSilver.h>

#include "web/request.h"

NEOERR *page_admin_campaigns(struct request *req);
NEOERR *page_admin_campaign_create(struct request *req);
NEOERR *page_admin_campaign(struct request *req);
NEOERR *page_admin_campaign_remind(struct request *req);
NEOERR *page_my_acks(struct request *req);
NEOERR *page_my_ack_post(struct request *req);

#endif
