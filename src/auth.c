/* auth: who may use a route. Identity is Apache's REMOTE_USER; roles come
 * with the users table (forms and workflow). Until a user is known to the
 * portal, signed-in pages answer 401 and role pages 403. */
#include "router.h"

#include "errors.h"

NEOERR *auth_check(struct request *req, enum route_access access)
{
	if (access == ACCESS_PUBLIC)
		return STATUS_OK;
	if (req->remote_user == NULL)
		return nerr_raise(HR_ERR_UNAUTHORIZED, "Please sign in to use this page.");
	if (access == ACCESS_EMPLOYEE)
		return STATUS_OK;
	return nerr_raise(HR_ERR_FORBIDDEN, "This page is for supervisors and HR staff.");
}
