/* pages_rules_api: the rules' JSON API (routes in routes.c).
 *
 * JSON (application/json; 400 {"error","field","message"} for a missing,
 * invalid or repeated parameter):
 *   /api/wizards/{fmla,leave-sharing,return-rights},
 *   /api/calculators/{annual-leave,sick-leave,holidays},
 *   /api/wizards/citations          every citation the rules can give.
 * Every answer is computed per request (never page-cached). */
#ifndef HR_PAGES_RULES_API_H
#define HR_PAGES_RULES_API_H

#include <ClearSilver.h>

#include "web/request.h"

NEOERR *page_api_fmla(struct request *req);
NEOERR *page_api_leave_sharing(struct request *req);
NEOERR *page_api_return_rights(struct request *req);
NEOERR *page_api_annual_leave(struct request *req);
NEOERR *page_api_sick_leave(struct request *req);
NEOERR *page_api_holidays(struct request *req);
NEOERR *page_api_citations(struct request *req);

#endif
