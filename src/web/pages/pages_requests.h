/* pages_requests: a submitted request and the lists of them (registered
 * in routes.c).
 *
 *   GET  /requests/<id>              the request, its history and actions
 *   GET  /requests/<id>/print        print view
 *   GET  /requests/<id>/pdf          the document
 *   POST /requests/<id>/{approve,deny,withdraw,appeal,accept,return-to-work}
 *   GET  /my/requests                one's own requests
 *   GET  /inbox                      what awaits the signed-in supervisor
 *   GET  /requests?agency=&type=&status=   HR: every request, filtered */
#ifndef HR_PAGES_REQUESTS_H
#define HR_PAGES_REQUESTS_H

#include <ClearSilver.h>

#include "web/request.h"

NEOERR *page_request_view(struct request *req);
NEOERR *page_request_print(struct request *req);
NEOERR *page_request_pdf(struct request *req);
NEOERR *page_request_approve(struct request *req);
NEOERR *page_request_deny(struct request *req);
NEOERR *page_request_withdraw(struct request *req);
NEOERR *page_request_appeal(struct request *req);
NEOERR *page_request_accept(struct request *req);
NEOERR *page_request_return(struct request *req);
NEOERR *page_my_requests(struct request *req);
NEOERR *page_inbox(struct request *req);
NEOERR *page_requests_list(struct request *req);

#endif
