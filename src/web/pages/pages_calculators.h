/* pages_calculators: the leave calculators and the holiday calendar
 * (routes in routes.c; their JSON twins are in pages_rules_api.h).
 *
 * Web (HTML, GET only, form and result on one page; ?print=1):
 *   /calculators/annual-leave, /calculators/sick-leave,
 *   /calculators/holidays
 *   /calculators/holidays/<year>.ics, /calculators/holidays?year=&format=ics
 *                                   the year's holidays as iCalendar
 * Every answer is computed per request (never page-cached). */
#ifndef HR_PAGES_CALCULATORS_H
#define HR_PAGES_CALCULATORS_H

#include <ClearSilver.h>

#include "web/request.h"

NEOERR *page_calc_annual_leave(struct request *req);
NEOERR *page_calc_sick_leave(struct request *req);
NEOERR *page_calc_holidays(struct request *req);
NEOERR *page_calc_holidays_ics(struct request *req);

#endif
