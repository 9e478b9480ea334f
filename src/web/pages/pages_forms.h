/* pages_forms: the forms pages (registered in routes.c); a request once
 * submitted is pages_requests.h's.
 *
 *   GET  /forms                      the forms, and one's drafts
 *   GET  /forms/<form>/new           a blank form (query parameters prefill
 *                                    it: a wizard's answers, e.g.
 *                                    /forms/fmla/new?service_months=24&...)
 *   POST /forms/<form>               save a draft or go on to the review
 *   GET  /requests/<id>/edit         change a draft
 *   GET  /requests/<id>/review       every answer, then sign and submit
 *   POST /requests/<id>/submit
 *   GET  /forms/wizard/<fmla|leave-sharing>/pdf?<the wizard's parameters>
 *                                    a wizard's result as a document
 *
 * A form shown again with messages next to its fields answers 422. */
#ifndef HR_PAGES_FORMS_H
#define HR_PAGES_FORMS_H

#include <ClearSilver.h>

#include "web/request.h"

NEOERR *page_forms_index(struct request *req);
NEOERR *page_form_new(struct request *req);
NEOERR *page_form_post(struct request *req);
NEOERR *page_request_edit(struct request *req);
NEOERR *page_request_review(struct request *req);
NEOERR *page_request_submit(struct request *req);
NEOERR *page_wizard_pdf(struct request *req);

#endif
