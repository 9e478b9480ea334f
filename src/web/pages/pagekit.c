/* pagekit: what several page handlers share (see pagekit.h). */
#include "web/pages/pagekit.h"

#include <string.h>

#include "core/errors.h"
#include "core/log.h"
#include "core/utf8.h"
#include "forms/requests.h"
#include "people/users.h"
#include "publish/ackcamp.h"
#include "web/app.h"
#include "web/csrf.h"

NEOERR *pagekit_nav(struct request *req)
{
	NEOERR *err = hdf_set_value(req->hdf, "Nav.0.Url", "/forms");

	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Nav.0.Title", "Forms");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Nav.1.Url", "/my/requests");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Nav.1.Title", "My requests");
	if (err == STATUS_OK && (req->user.role == USER_SUPERVISOR || req->user.role == USER_HR)) {
		err = hdf_set_value(req->hdf, "Nav.2.Url", "/inbox");
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Nav.2.Title", "Inbox");
	}
	if (err == STATUS_OK && req->user.role == USER_HR) {
		err = hdf_set_value(req->hdf, "Nav.3.Url", "/requests");
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Nav.3.Title", "All requests");
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Nav.4.Url", "/admin");
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Nav.4.Title", "Publishing");
	}
	return nerr_pass(err);
}

NEOERR *pagekit_visible_request(struct request *req, struct request_row *row)
{
	long long id = requests_parse_id(req->args[0]);
	int found = 0, may = 0;
	NEOERR *err;

	if (id == 0)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no request at this address.");
	err = requests_load(req->app->db, id, row, &found);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!found)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no request number %lld.", id);
	err = requests_may_view(req->app->db, row, &req->user, &may);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!may)
		return nerr_raise(HR_ERR_FORBIDDEN, "This request belongs to someone else, and you are not among "
				  "the people it was sent to.");
	return STATUS_OK;
}

NEOERR *pagekit_admin_nav(struct request *req)
{
	NEOERR *err = pagekit_nav(req);

	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Page.Admin", "1");
	return nerr_pass(err);
}

NEOERR *pagekit_form_token(struct request *req, const char *action, const char *name)
{
	char token[CSRF_TOKEN_MAX];
	NEOERR *err = csrf_token(req, action, token);

	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, name, token);
	return nerr_pass(err);
}

int pagekit_param_list(struct request *req, const char *name, const char **out, size_t max, size_t *n)
{
	HDF *node = hdf_get_obj(req->hdf, "Query");
	HDF *child;

	*n = 0;
	node = node ? hdf_get_obj(node, name) : NULL;
	if (node == NULL)
		return 0;
	child = hdf_obj_child(node);
	if (child == NULL) {
		const char *v = hdf_obj_value(node);

		if (v == NULL || !utf8_is_clean(v, strlen(v), 0) || max == 0)
			return -1;
		out[(*n)++] = v;
		return 0;
	}
	/* ClearSilver keeps a repeated parameter as name.0, name.1, ... */
	for (; child != NULL; child = hdf_obj_next(child)) {
		const char *v = hdf_obj_value(child);

		if (v == NULL || !utf8_is_clean(v, strlen(v), 0) || *n == max)
			return -1;
		out[(*n)++] = v;
	}
	return 0;
}

void pagekit_signed_in_notice(struct request *req)
{
	int pending = 0;
	NEOERR *err;

	if (req->user.id == 0)
		return;
	err = ackcamp_pending_count(req->app->db, &req->user, &pending);
	if (err == STATUS_OK && pending > 0)
		err = hdf_set_int_value(req->hdf, "Notice.Acknowledgements", pending);
	if (err != STATUS_OK)
		log_neoerr(&err, "acknowledgement notice");
}
