/* pages_status: the page Apache shows when it could not get an answer from
 * a portal process (the process died or could not be reached: mod_fcgid
 * then fails the request with a bare 500). Apache's "ErrorDocument 500
 * /error/unavailable" sends such requests here, on a live process, and the
 * reader gets the portal's "busy or unavailable" page with 503 and
 * Retry-After: a clean "try again" instead of an internal error. Visited
 * directly (no REDIRECT_STATUS from Apache) the address does not exist. */
#include "pages.h"

#include "errors.h"

NEOERR *page_error_unavailable(struct request *req)
{
	if (request_env(req, "REDIRECT_STATUS") == NULL)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no page at this address.");
	return nerr_raise(HR_ERR_UNAVAILABLE,
		"The portal could not finish answering this request. Nothing was changed. "
		"Please try again in a moment.");
}
