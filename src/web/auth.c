/* auth: who may use a route. Identity is Apache's REMOTE_USER, which must
 * name an active row of users; the role comes from that row:
 *   ACCESS_PUBLIC      anyone (the user is not looked up)
 *   ACCESS_EMPLOYEE    any user the portal knows
 *   ACCESS_SUPERVISOR  supervisors and HR
 *   ACCESS_HR          HR only
 * Signed in but unknown to the portal: 403 with a page that says so. What a
 * user may do with one record (a request) is decided where the record is
 * loaded (workflow_may_view and friends), never here alone. */
#include "web/router.h"

#include "web/app.h"
#include "core/errors.h"
#include "people/users.h"

NEOERR *auth_check(struct request *req, enum route_access access)
{
	int found = 0;
	NEOERR *err;

	if (access == ACCESS_PUBLIC)
		return STATUS_OK;
	if (req->remote_user == NULL)
		return nerr_raise(HR_ERR_UNAUTHORIZED, "Please sign in to use this page.");
	err = users_by_login(req->app->db, req->remote_user, &req->user, &found);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HR_ERR_FORBIDDEN,
				  "You are signed in, but your account is not registered with the HR portal. "
				  "Ask your agency's human resource administrator to add you.");
	hdf_set_value(req->hdf, "User.Name", req->user.name);
	hdf_set_value(req->hdf, "User.Role", users_role_name(req->user.role));
	if (access == ACCESS_EMPLOYEE)
		return STATUS_OK;
	if (access == ACCESS_SUPERVISOR && (req->user.role == USER_SUPERVISOR || req->user.role == USER_HR))
		return STATUS_OK;
	if (access == ACCESS_HR && req->user.role == USER_HR)
		return STATUS_OK;
	return nerr_raise(HR_ERR_FORBIDDEN, access == ACCESS_HR ? "This page is for HR staff."
								: "This page is for supervisors and HR staff.");
}
