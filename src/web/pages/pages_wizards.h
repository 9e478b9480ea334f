/* pages_wizards: the eligibility wizards, and the index of wizards and
 * calculators (routes in routes.c; the calculators are in
 * pages_calculators.h, the JSON API in pages_rules_api.h).
 *
 * Web (HTML, GET only, no JavaScript, no server session):
 *   /wizards, /calculators          index of wizards and calculators
 *   /wizards/<w>                    first step of wizard <w>
 *   /wizards/<w>/<step>             a step; "?go=1" submits it (303 to the
 *                                   next step that applies, or the form
 *                                   again with messages, 400)
 *   /wizards/<w>/result             outcome, figures, reasons, citations,
 *                                   "start a request" links; ?print=1
 * Every answer is computed per request (never page-cached). */
#ifndef HR_PAGES_WIZARDS_H
#define HR_PAGES_WIZARDS_H

#include <ClearSilver.h>

#include "web/request.h"

NEOERR *page_wizards_index(struct request *req);
NEOERR *page_wizard_start(struct request *req);
NEOERR *page_wizard_step(struct request *req);

#endif
