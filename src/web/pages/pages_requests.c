/* Requests: one request (page, print view, PDF), the actions on it, and
 * the lists (mine, my inbox, HR's). */
#include "web/pages/pages_requests.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/app.h"
#include "web/pages/pagekit.h"
#include "web/csrf.h"
#include "core/errors.h"
#include "forms/formcheck.h"
#include "forms/formdef.h"
#include "pdf/formpdf.h"
#include "web/render.h"
#include "forms/reqview.h"
#include "forms/requests.h"
#include "store/requests.h"
#include "forms/workflow.h"

#define NOTE_MAX 2000

static struct workflow_ctx wctx(struct request *req)
{
	struct workflow_ctx w = { req->app->db, req->settings, req->now, &req->user };

	return w;
}

/* Deadlines are checked whenever a grievance is looked at. */
static NEOERR *catch_up(struct request *req, int64_t id)
{
	struct workflow_ctx w = wctx(req);
	int changes = 0;

	return nerr_pass(workflow_catch_up(&w, id, &changes));
}

static const struct {
	unsigned flag;
	const char *name; /* HDF name under Actions */
	const char *path; /* after /requests/<id>/ */
} action_paths[] = {
	{ WF_APPROVE, "Approve", "approve" },    { WF_DENY, "Deny", "deny" },
	{ WF_WITHDRAW, "Withdraw", "withdraw" }, { WF_APPEAL, "Appeal", "appeal" },
	{ WF_ACCEPT, "Accept", "accept" },       { WF_RETURN, "Return", "return-to-work" },
};

static NEOERR *fill_actions(struct request *req, const struct request_row *row)
{
	unsigned actions = 0;
	NEOERR *err = workflow_actions(req->app->db, row, &req->user, req->now, &actions);

	for (size_t i = 0; i < sizeof action_paths / sizeof action_paths[0] && err == STATUS_OK; i++) {
		char path[96], token[CSRF_TOKEN_MAX];

		if (!(actions & action_paths[i].flag))
			continue;
		snprintf(path, sizeof path, "/requests/%" PRId64 "/%s", row->id, action_paths[i].path);
		err = csrf_token(req, path, token);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, path, "Actions.%s.Path", action_paths[i].name);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, token, "Actions.%s.Csrf", action_paths[i].name);
	}
	if (err == STATUS_OK && (actions & WF_EDIT)) {
		err = hdf_set_valuef(req->hdf, "Actions.Edit.Path=/requests/%" PRId64 "/edit", row->id);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Actions.Review.Path=/requests/%" PRId64 "/review", row->id);
	}
	return nerr_pass(err);
}

static NEOERR *view(struct request *req, struct request_row *row, int print)
{
	char title[200];
	NEOERR *err = STATUS_OK;

	if (strcmp(row->type, "grievance") == 0) {
		int found = 0;

		err = catch_up(req, row->id);
		if (err == STATUS_OK)
			err = requests_load(req->app->db, row->id, row, &found);
	}
	if (err == STATUS_OK)
		err = reqview_fill(req->app->db, row, req->now, req->hdf, "Request");
	if (err == STATUS_OK && !print)
		err = fill_actions(req, row);
	if (err == STATUS_OK && row->owner_id == req->user.id)
		err = hdf_set_value(req->hdf, "Request.Mine", "1");
	snprintf(title, sizeof title, "%s", hdf_get_value(req->hdf, "Request.Heading", "Request"));
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", title);
	if (err == STATUS_OK && print)
		err = hdf_set_value(req->hdf, "Page.Print", "1");
	if (err == STATUS_OK)
		err = pagekit_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "requests/view.cs");
	return nerr_pass(err);
}

NEOERR *page_request_view(struct request *req)
{
	struct request_row row;
	NEOERR *err = pagekit_visible_request(req, &row);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(view(req, &row, 0));
}

NEOERR *page_request_print(struct request *req)
{
	struct request_row row;
	NEOERR *err = pagekit_visible_request(req, &row);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(view(req, &row, 1));
}

NEOERR *page_request_pdf(struct request *req)
{
	struct request_row row;
	unsigned char *data = NULL;
	size_t len = 0;
	char disposition[96];
	NEOERR *err = pagekit_visible_request(req, &row);

	if (err == STATUS_OK && strcmp(row.type, "grievance") == 0) {
		int found = 0;

		err = catch_up(req, row.id);
		if (err == STATUS_OK)
			err = requests_load(req->app->db, row.id, &row, &found);
	}
	if (err == STATUS_OK)
		err = reqview_fill(req->app->db, &row, req->now, req->hdf, "Request");
	if (err == STATUS_OK)
		err = formpdf_render(hdf_get_obj(req->hdf, "Request"), &data, &len);
	if (err == STATUS_OK)
		err = request_set_body(req, 200, "application/pdf", (const char *)data, len);
	snprintf(disposition, sizeof disposition, "inline; filename=\"request-%" PRId64 ".pdf\"", row.id);
	if (err == STATUS_OK)
		err = request_add_header(req, "Content-Disposition", disposition);
	free(data);
	return nerr_pass(err);
}

/* ---- Actions ------------------------------------------------------------------------ */

enum act { ACT_APPROVE, ACT_DENY, ACT_WITHDRAW, ACT_APPEAL, ACT_ACCEPT, ACT_RETURN };

/* The request page again with the message next to the action's field. */
static NEOERR *view_with_error(struct request *req, struct request_row *row, const char *action_name,
			       const char *message)
{
	NEOERR *err = reqview_set(req->hdf, message, "Actions.%s.Error", action_name);
	int found = 0;

	if (err == STATUS_OK)
		err = requests_load(req->app->db, row->id, row, &found);
	if (err == STATUS_OK)
		err = view(req, row, 0);
	if (err == STATUS_OK)
		req->status = 422;
	return nerr_pass(err);
}

static const char *check_note(const char *text)
{
	size_t chars = 0;

	if (text == NULL)
		return NULL;
	for (const char *p = text; *p; p++)
		chars += ((unsigned char)*p & 0xc0) != 0x80;
	if (chars > NOTE_MAX)
		return "Write at most 2000 characters.";
	if (formcheck_looks_like_ssn(text))
		return "This looks like a Social Security number. The portal never asks for one: please remove it.";
	return NULL;
}

static NEOERR *act(struct request *req, enum act which)
{
	static const char *const names[] = { "Approve", "Deny", "Withdraw", "Appeal", "Accept", "Return" };
	struct workflow_ctx w = wctx(req);
	struct request_row row;
	const char *note = NULL, *problem;
	char path[64];
	NEOERR *err = pagekit_visible_request(req, &row);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (which == ACT_APPROVE || which == ACT_DENY) {
		note = request_param(req, "note");
		problem = check_note(note);
		if (problem != NULL)
			return nerr_pass(view_with_error(req, &row, names[which], problem));
	}
	switch (which) {
	case ACT_APPROVE:
		err = workflow_approve(&w, row.id, note ? note : "", request_param(req, "hours"));
		break;
	case ACT_DENY:
		err = workflow_deny(&w, row.id, note);
		break;
	case ACT_WITHDRAW:
		err = workflow_withdraw(&w, row.id);
		break;
	case ACT_APPEAL:
		err = workflow_appeal(&w, row.id);
		break;
	case ACT_ACCEPT:
		err = workflow_accept(&w, row.id);
		break;
	case ACT_RETURN:
		err = workflow_return_to_work(&w, row.id, request_param(req, "used_hours"));
		break;
	}
	if (err != STATUS_OK && nerr_match(err, HR_ERR_BAD_REQUEST)) {
		char message[512];

		snprintf(message, sizeof message, "%s", errors_public_message(err));
		nerr_ignore(&err);
		return nerr_pass(view_with_error(req, &row, names[which], message));
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(path, sizeof path, "/requests/%" PRId64, row.id);
	return nerr_pass(request_redirect(req, path));
}

NEOERR *page_request_approve(struct request *req)
{
	return nerr_pass(act(req, ACT_APPROVE));
}
NEOERR *page_request_deny(struct request *req)
{
	return nerr_pass(act(req, ACT_DENY));
}
NEOERR *page_request_withdraw(struct request *req)
{
	return nerr_pass(act(req, ACT_WITHDRAW));
}
NEOERR *page_request_appeal(struct request *req)
{
	return nerr_pass(act(req, ACT_APPEAL));
}
NEOERR *page_request_accept(struct request *req)
{
	return nerr_pass(act(req, ACT_ACCEPT));
}
NEOERR *page_request_return(struct request *req)
{
	return nerr_pass(act(req, ACT_RETURN));
}

/* ---- Lists ---------------------------------------------------------------------------- */

/* Where the rows of a list go. */
struct list_out {
	struct request *req;
	const char *prefix;
	char today[11];
	int n;
	int64_t last_id; /* the last row's: the next page starts below it */
};

static void list_init(struct list_out *l, struct request *req, const char *prefix)
{
	l->req = req;
	l->prefix = prefix;
	l->n = 0;
	l->last_id = 0;
	workflow_today(req->now, l->today);
}

static NEOERR *list_row(void *ctx, const struct store_requests_list_row *r)
{
	struct list_out *l = ctx;
	HDF *hdf = l->req->hdf;
	const char *prefix = l->prefix;
	const struct form_def *def = formdef_find(r->type);
	char when[32];
	int n = l->n++;
	NEOERR *err;

	l->last_id = r->id;
	reqview_local_time(r->updated_at, when);
	err = hdf_set_valuef(hdf, "%s.%d.Id=%" PRId64, prefix, n, (int64_t)r->id);
	if (err == STATUS_OK)
		err = reqview_set(hdf, def ? def->title : r->type, "%s.%d.Title", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, r->status, "%s.%d.Status", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, requests_status_label(r->status), "%s.%d.StatusLabel", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, r->summary, "%s.%d.Summary", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, when, "%s.%d.Updated", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, r->owner_name, "%s.%d.Owner", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, r->owner_employee_id, "%s.%d.OwnerId", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, r->agency, "%s.%d.Agency", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, r->assignee_name, "%s.%d.Assignee", prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, r->due_on, "%s.%d.DueOn", prefix, n);
	if (err == STATUS_OK && *r->due_on && strcmp(r->due_on, l->today) < 0)
		err = reqview_set(hdf, "1", "%s.%d.Overdue", prefix, n);
	return nerr_pass(err);
}

static NEOERR *render_list(struct request *req, const char *mode, const char *title)
{
	NEOERR *err = hdf_set_value(req->hdf, "List.Mode", mode);

	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", title);
	if (err == STATUS_OK)
		err = pagekit_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "requests/list.cs");
	return nerr_pass(err);
}

NEOERR *page_my_requests(struct request *req)
{
	struct list_out l;
	NEOERR *err = catch_up(req, 0);

	list_init(&l, req, "Requests");
	if (err == STATUS_OK)
		err = store_requests_by_owner(req->app->db, req->user.id, list_row, &l);
	if (err == STATUS_OK)
		err = render_list(req, "mine", "My requests");
	return nerr_pass(err);
}

NEOERR *page_inbox(struct request *req)
{
	struct list_out l;
	NEOERR *err = catch_up(req, 0);

	list_init(&l, req, "Requests");
	if (err == STATUS_OK)
		err = store_requests_awaiting(req->app->db, req->user.id, list_row, &l);
	list_init(&l, req, "Decided");
	if (err == STATUS_OK)
		err = store_requests_decided_by(req->app->db, req->user.id, list_row, &l);
	if (err == STATUS_OK)
		err = render_list(req, "inbox", "Inbox: requests awaiting you");
	return nerr_pass(err);
}

/* HR's list offers every status but draft (it shows submitted requests),
 * in the enum's order: draft is its first. */
#define FIRST_LISTED REQUEST_PENDING

static NEOERR *agency_row(void *ctx, const char *agency)
{
	struct list_out *l = ctx;

	return nerr_pass(reqview_set(l->req->hdf, agency, "Filter.Agencies.%d", l->n++));
}

NEOERR *page_requests_list(struct request *req)
{
	const char *agency = request_param_or_empty(req, "agency");
	const char *type = request_param_or_empty(req, "type");
	const char *status = request_param_or_empty(req, "status");
	const char *before_s = request_param_or_empty(req, "before");
	int64_t before = 0;
	struct store_requests_filter f = { agency, type, status };
	struct list_out l;
	enum request_status wanted = request_status_parse(status);
	int64_t total = 0;
	size_t nforms = 0;
	const struct form_def *defs = formdef_all(&nforms);
	NEOERR *err;

	if (*type && formdef_find(type) == NULL)
		return nerr_raise(HR_ERR_BAD_REQUEST, "There is no request type \"%.40s\".", type);
	if (*status && wanted < FIRST_LISTED)
		return nerr_raise(HR_ERR_BAD_REQUEST, "There is no status \"%.40s\".", status);
	if (strlen(agency) > USER_AGENCY_MAX || strpbrk(agency, "\r\n\t") != NULL)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The agency filter is not valid.");
	if (*before_s) {
		before = requests_parse_id(before_s);
		if (before < 1)
			return nerr_raise(HR_ERR_BAD_REQUEST, "The page is not valid.");
	}
	err = catch_up(req, 0);
	list_init(&l, req, "Requests");
	if (err == STATUS_OK)
		err = store_requests_filtered(req->app->db, &f, before, list_row, &l);
	if (err == STATUS_OK)
		err = store_requests_filtered_count(req->app->db, &f, &total);
	if (err == STATUS_OK && total > STORE_REQUESTS_COUNT_CAP)
		err = hdf_set_int_value(req->hdf, "List.More", STORE_REQUESTS_COUNT_CAP);
	else if (err == STATUS_OK)
		err = hdf_set_int_value(req->hdf, "List.Total", (int)total);
	/* A full page may have more below it; the next page says if not. */
	if (err == STATUS_OK && l.n == STORE_REQUESTS_PAGE)
		err = hdf_set_valuef(req->hdf, "List.Before=%" PRId64, l.last_id);
	if (err == STATUS_OK && before > 0)
		err = hdf_set_value(req->hdf, "List.Later", "1");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Filter.Agency", agency);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Filter.Type", type);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Filter.Status", status);
	for (size_t i = 0; i < nforms && err == STATUS_OK; i++) {
		err = reqview_set(req->hdf, defs[i].key, "Filter.Types.%zu.Value", i);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, defs[i].title, "Filter.Types.%zu.Label", i);
	}
	for (int s = FIRST_LISTED; s < REQUEST_STATUS_COUNT && err == STATUS_OK; s++) {
		int i = s - FIRST_LISTED;

		err = reqview_set(req->hdf, request_status_name(s), "Filter.Statuses.%d.Value", i);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, request_status_label(s), "Filter.Statuses.%d.Label", i);
	}
	list_init(&l, req, "Filter.Agencies");
	if (err == STATUS_OK)
		err = store_requests_agencies(req->app->db, agency_row, &l);
	if (err == STATUS_OK)
		err = render_list(req, "hr", "All requests");
	return nerr_pass(err);
}
