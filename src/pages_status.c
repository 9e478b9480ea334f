/* pages_status: the page Apache shows when it could not get an answer from
 * a portal process (the process died or could not be reached: mod_fcgid
 * then fails the request with a bare 500). Apache's "ErrorDocument 500
 * /error/unavailable" sends such requests here, on a live process, and the
 * reader gets the portal's "busy or unavailable" page with 503 and
 * Retry-After: a clean "try again" instead of an internal error. Visited
 * directly (no REDIRECT_STATUS from Apache) the address does not exist.
 * Apache answers a failed POST here too (as a GET, REDIRECT_REQUEST_METHOD
 * says it was a POST): the process may have died after saving it. */
#include "pages.h"

#include <string.h>

#include "errors.h"

NEOERR *page_error_unavailable(struct request *req)
{
	const char *method = request_env(req, "REDIRECT_REQUEST_METHOD");

	if (request_env(req, "REDIRECT_STATUS") == NULL)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no page at this address.");
	/* A process that died after its commit leaves a saved form behind
	 * with no answer: "nothing was changed" would then be false. */
	if (method != NULL && strcmp(method, "POST") == 0)
		return nerr_raise(HR_ERR_UNAVAILABLE,
			"The portal could not finish answering this request, so what you sent may or may not "
			"have been saved. Check before sending it again (My requests lists your requests); "
			"a request form sent again is not filed twice.");
	return nerr_raise(HR_ERR_UNAVAILABLE,
		"The portal could not finish answering this request. Nothing was changed. "
		"Please try again in a moment.");
}
