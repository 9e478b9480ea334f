/* pages_wizards: the eligibility wizards, the leave calculators and their
 * JSON API (routes in routes.c).
 *
 * Web (HTML, GET only, no JavaScript, no server session):
 *   /wizards, /calculators          index of wizards and calculators
 *   /wizards/<w>                    first step of wizard <w>
 *   /wizards/<w>/<step>             a step; "?go=1" submits it (303 to the
 *                                   next step that applies, or the form
 *                                   again with messages, 400)
 *   /wizards/<w>/result             outcome, figures, reasons, citations,
 *                                   "start a request" links; ?print=1
 *   /calculators/annual-leave, /calculators/sick-leave,
 *   /calculators/holidays           form and result on one page; ?print=1
 *   /calculators/holidays/<year>.ics, /calculators/holidays?year=&format=ics
 *                                   the year's holidays as iCalendar
 * JSON (application/json; 400 {"error","field","message"} for a missing,
 * invalid or repeated parameter):
 *   /api/wizards/{fmla,leave-sharing,return-rights},
 *   /api/calculators/{annual-leave,sick-leave,holidays},
 *   /api/wizards/citations          every citation the rules can give.
 * Every answer is computed per request (never page-cached). */
#ifndef HR_PAGES_WIZARDS_H
#define HR_PAGES_WIZARDS_H

#include <ClearSilver.h>

#include "web/request.h"

NEOERR *page_wizards_index(struct request *req);
NEOERR *page_wizard_start(struct request *req);
NEOERR *page_wizard_step(struct request *req);

NEOERR *page_calc_annual_leave(struct request *req);
NEOERR *page_calc_sick_leave(struct request *req);
NEOERR *page_calc_holidays(struct request *req);
NEOERR *page_calc_holidays_ics(struct request *req);

NEOERR *page_api_fmla(struct request *req);
NEOERR *page_api_leave_sharing(struct request *req);
NEOERR *page_api_return_rights(struct request *req);
NEOERR *page_api_annual_leave(struct request *req);
NEOERR *page_api_sick_leave(struct request *req);
NEOERR *page_api_holidays(struct request *req);
NEOERR *page_api_citations(struct request *req);

#endif
