/* Requests: one request (page, print view, PDF), the actions on it, and
 * the lists (mine, my inbox, HR's). */
#include "web/pages/pages_forms.h"

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
#include "forms/workflow.h"

#define NOTE_MAX 2000

static struct workflow_ctx wctx(struct request *req)
{
	struct workflow_ctx w = { req->app->db, req->settings, req->now, &req->user };

	return w;
}

/* Deadlines are checked whenever a grievance is looked at. */
static NEOERR *catch_up(struct request *req, long long id)
{
	struct workflow_ctx w = wctx(req);
	int changes = 0;

	return nerr_pass(workflow_catch_up(&w, id, &changes));
}

static const struct {
	unsigned flag;
	const char *name;     /* HDF name under Actions */
	const char *path;     /* after /requests/<id>/ */
} action_paths[] = {
	{ WF_APPROVE, "Approve", "approve" },
	{ WF_DENY, "Deny", "deny" },
	{ WF_WITHDRAW, "Withdraw", "withdraw" },
	{ WF_APPEAL, "Appeal", "appeal" },
	{ WF_ACCEPT, "Accept", "accept" },
	{ WF_RETURN, "Return", "return-to-work" },
};

static NEOERR *fill_actions(struct request *req, const struct request_row *row)
{
	unsigned actions = 0;
	NEOERR *err = workflow_actions(req->app->db, row, &req->user, req->now, &actions);

	for (size_t i = 0; i < sizeof action_paths / sizeof action_paths[0] && err == STATUS_OK; i++) {
		char path[96], token[CSRF_TOKEN_MAX];

		if (!(actions & action_paths[i].flag))
			continue;
		snprintf(path, sizeof path, "/requests/%lld/%s", row->id, action_paths[i].path);
		err = csrf_token(req, path, token);
		if (err == STATUS_OK) err = reqview_set(req->hdf, path, "Actions.%s.Path", action_paths[i].name);
		if (err == STATUS_OK) err = reqview_set(req->hdf, token, "Actions.%s.Csrf", action_paths[i].name);
	}
	if (err == STATUS_OK && (actions & WF_EDIT)) {
		err = hdf_set_valuef(req->hdf, "Actions.Edit.Path=/requests/%lld/edit", row->id);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Actions.Review.Path=/requests/%lld/review", row->id);
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
	if (err == STATUS_OK) err = reqview_fill(req->app->db, row, req->now, req->hdf, "Request");
	if (err == STATUS_OK && !print) err = fill_actions(req, row);
	if (err == STATUS_OK && row->owner_id == req->user.id) err = hdf_set_value(req->hdf, "Request.Mine", "1");
	snprintf(title, sizeof title, "%s", hdf_get_value(req->hdf, "Request.Heading", "Request"));
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Page.Title", title);
	if (err == STATUS_OK && print) err = hdf_set_value(req->hdf, "Page.Print", "1");
	if (err == STATUS_OK) err = pagekit_nav(req);
	if (err == STATUS_OK) err = render_page(req, "requests/view.cs");
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
	if (err == STATUS_OK) err = reqview_fill(req->app->db, &row, req->now, req->hdf, "Request");
	if (err == STATUS_OK) err = formpdf_render(hdf_get_obj(req->hdf, "Request"), &data, &len);
	if (err == STATUS_OK) err = request_set_body(req, 200, "application/pdf", (const char *)data, len);
	snprintf(disposition, sizeof disposition, "inline; filename=\"request-%lld.pdf\"", row.id);
	if (err == STATUS_OK) err = request_add_header(req, "Content-Disposition", disposition);
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
	snprintf(path, sizeof path, "/requests/%lld", row.id);
	return nerr_pass(request_redirect(req, path));
}

NEOERR *page_request_approve(struct request *req) { return nerr_pass(act(req, ACT_APPROVE)); }
NEOERR *page_request_deny(struct request *req) { return nerr_pass(act(req, ACT_DENY)); }
NEOERR *page_request_withdraw(struct request *req) { return nerr_pass(act(req, ACT_WITHDRAW)); }
NEOERR *page_request_appeal(struct request *req) { return nerr_pass(act(req, ACT_APPEAL)); }
NEOERR *page_request_accept(struct request *req) { return nerr_pass(act(req, ACT_ACCEPT)); }
NEOERR *page_request_return(struct request *req) { return nerr_pass(act(req, ACT_RETURN)); }

/* ---- Lists ---------------------------------------------------------------------------- */

#define LIST_COLUMNS "r.id, r.type, r.status, r.summary, r.updated_at, o.name, o.employee_id, r.agency, " \
	"coalesce(a.name, ''), coalesce(r.due_on, ''), coalesce(r.submitted_at, '')"
#define LIST_FROM " FROM requests r JOIN users o ON o.id = r.owner_id LEFT JOIN users a ON a.id = r.assignee_id "

static NEOERR *list_rows(struct request *req, struct db_stmt *st, const char *prefix, int *count)
{
	char today[11];
	int row = 0, n = 0;
	NEOERR *err = STATUS_OK;

	workflow_today(req->now, today);
	while (err == STATUS_OK) {
		const struct form_def *def;
		char when[32];

		err = db_step(req->app->db, st, &row);
		if (err != STATUS_OK || !row)
			break;
		def = formdef_find(db_text(st, 1));
		reqview_local_time(db_text(st, 4), when);
		err = reqview_set(req->hdf, db_text(st, 0), "%s.%d.Id", prefix, n);
		if (err == STATUS_OK) err = reqview_set(req->hdf, def ? def->title : db_text(st, 1), "%s.%d.Title", prefix, n);
		if (err == STATUS_OK) err = reqview_set(req->hdf, db_text(st, 2), "%s.%d.Status", prefix, n);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, requests_status_label(db_text(st, 2)), "%s.%d.StatusLabel", prefix, n);
		if (err == STATUS_OK) err = reqview_set(req->hdf, db_text(st, 3), "%s.%d.Summary", prefix, n);
		if (err == STATUS_OK) err = reqview_set(req->hdf, when, "%s.%d.Updated", prefix, n);
		if (err == STATUS_OK) err = reqview_set(req->hdf, db_text(st, 5), "%s.%d.Owner", prefix, n);
		if (err == STATUS_OK) err = reqview_set(req->hdf, db_text(st, 6), "%s.%d.OwnerId", prefix, n);
		if (err == STATUS_OK) err = reqview_set(req->hdf, db_text(st, 7), "%s.%d.Agency", prefix, n);
		if (err == STATUS_OK) err = reqview_set(req->hdf, db_text(st, 8), "%s.%d.Assignee", prefix, n);
		if (err == STATUS_OK) err = reqview_set(req->hdf, db_text(st, 9), "%s.%d.DueOn", prefix, n);
		if (err == STATUS_OK && *db_text(st, 9) && strcmp(db_text(st, 9), today) < 0)
			err = reqview_set(req->hdf, "1", "%s.%d.Overdue", prefix, n);
		n++;
	}
	db_done(st);
	if (count)
		*count = n;
	return nerr_pass(err);
}

static NEOERR *render_list(struct request *req, const char *mode, const char *title)
{
	NEOERR *err = hdf_set_value(req->hdf, "List.Mode", mode);

	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Page.Title", title);
	if (err == STATUS_OK) err = pagekit_nav(req);
	if (err == STATUS_OK) err = render_page(req, "requests/list.cs");
	return nerr_pass(err);
}

NEOERR *page_my_requests(struct request *req)
{
	struct db_stmt *st;
	NEOERR *err = catch_up(req, 0);

	if (err == STATUS_OK)
		err = db_stmt(req->app->db, "SELECT " LIST_COLUMNS LIST_FROM "WHERE r.owner_id = ?1 ORDER BY r.id DESC LIMIT 500", &st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_int(req->app->db, st, 1, req->user.id);
	if (err == STATUS_OK)
		err = list_rows(req, st, "Requests", NULL);
	else
		db_done(st);
	if (err == STATUS_OK)
		err = render_list(req, "mine", "My requests");
	return nerr_pass(err);
}

NEOERR *page_inbox(struct request *req)
{
	struct db_stmt *st;
	NEOERR *err = catch_up(req, 0);

	if (err == STATUS_OK)
		err = db_stmt(req->app->db, "SELECT " LIST_COLUMNS LIST_FROM "WHERE r.assignee_id = ?1 AND r.status = 'pending' "
			      "ORDER BY coalesce(r.due_on, '9999-12-31'), r.id LIMIT 500", &st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_int(req->app->db, st, 1, req->user.id);
	if (err == STATUS_OK)
		err = list_rows(req, st, "Requests", NULL);
	else
		db_done(st);
	if (err == STATUS_OK)
		err = db_stmt(req->app->db, "SELECT " LIST_COLUMNS LIST_FROM "WHERE r.id IN (SELECT request_id FROM "
			      "request_events WHERE actor_id = ?1 AND action IN ('approved', 'denied', 'decided')) "
			      "ORDER BY r.updated_at DESC LIMIT 50", &st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_int(req->app->db, st, 1, req->user.id);
	if (err == STATUS_OK)
		err = list_rows(req, st, "Decided", NULL);
	else
		db_done(st);
	if (err == STATUS_OK)
		err = render_list(req, "inbox", "Inbox: requests awaiting you");
	return nerr_pass(err);
}

static const char *const statuses[] = { "pending", "decided", "approved", "denied", "withdrawn", "closed", "filed",
					"acknowledged", NULL };

NEOERR *page_requests_list(struct request *req)
{
	const char *agency = request_param_or_empty(req, "agency");
	const char *type = request_param_or_empty(req, "type");
	const char *status = request_param_or_empty(req, "status");
	const char *page_s = request_param_or_empty(req, "page");
	long long page = 1;
	int ok = 0, n = 0, total = 0, row = 0;
	size_t nforms = 0;
	const struct form_def *defs = formdef_all(&nforms);
	struct db_stmt *st;
	NEOERR *err;

	if (*type && formdef_find(type) == NULL)
		return nerr_raise(HR_ERR_BAD_REQUEST, "There is no request type \"%.40s\".", type);
	for (int i = 0; statuses[i]; i++)
		ok |= strcmp(statuses[i], status) == 0;
	if (*status && !ok)
		return nerr_raise(HR_ERR_BAD_REQUEST, "There is no status \"%.40s\".", status);
	if (strlen(agency) > USER_AGENCY_MAX || strpbrk(agency, "\r\n\t") != NULL)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The agency filter is not valid.");
	if (*page_s) {
		page = requests_parse_id(page_s);
		if (page < 1 || page > 100000)
			return nerr_raise(HR_ERR_BAD_REQUEST, "The page number is not valid.");
	}
	err = catch_up(req, 0);
	if (err == STATUS_OK)
		err = db_stmt(req->app->db, "SELECT " LIST_COLUMNS LIST_FROM "WHERE r.status <> 'draft' AND (?1 = '' OR r.agency = ?1) "
			      "AND (?2 = '' OR r.type = ?2) AND (?3 = '' OR r.status = ?3) ORDER BY r.id DESC "
			      "LIMIT 100 OFFSET ?4", &st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_text(req->app->db, st, 1, agency);
	if (err == STATUS_OK) err = db_bind_text(req->app->db, st, 2, type);
	if (err == STATUS_OK) err = db_bind_text(req->app->db, st, 3, status);
	if (err == STATUS_OK) err = db_bind_int(req->app->db, st, 4, (page - 1) * 100);
	if (err == STATUS_OK)
		err = list_rows(req, st, "Requests", &n);
	else
		db_done(st);
	if (err == STATUS_OK)
		err = db_stmt(req->app->db, "SELECT count(*) FROM requests r WHERE r.status <> 'draft' AND (?1 = '' OR "
			      "r.agency = ?1) AND (?2 = '' OR r.type = ?2) AND (?3 = '' OR r.status = ?3)", &st);
	if (err == STATUS_OK) {
		err = db_bind_text(req->app->db, st, 1, agency);
		if (err == STATUS_OK) err = db_bind_text(req->app->db, st, 2, type);
		if (err == STATUS_OK) err = db_bind_text(req->app->db, st, 3, status);
		if (err == STATUS_OK) err = db_step(req->app->db, st, &row);
		if (err == STATUS_OK && row) total = db_int(st, 0);
		db_done(st);
	}
	if (err == STATUS_OK) err = hdf_set_int_value(req->hdf, "List.Total", total);
	if (err == STATUS_OK) err = hdf_set_int_value(req->hdf, "List.Page", (int)page);
	if (err == STATUS_OK && (page - 1) * 100 + n < total)
		err = hdf_set_int_value(req->hdf, "List.NextPage", (int)page + 1);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Filter.Agency", agency);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Filter.Type", type);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Filter.Status", status);
	for (size_t i = 0; i < nforms && err == STATUS_OK; i++) {
		err = reqview_set(req->hdf, defs[i].key, "Filter.Types.%zu.Value", i);
		if (err == STATUS_OK) err = reqview_set(req->hdf, defs[i].title, "Filter.Types.%zu.Label", i);
	}
	for (int i = 0; statuses[i] && err == STATUS_OK; i++) {
		err = reqview_set(req->hdf, statuses[i], "Filter.Statuses.%d.Value", i);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, requests_status_label(statuses[i]), "Filter.Statuses.%d.Label", i);
	}
	if (err == STATUS_OK)
		err = db_stmt(req->app->db, "SELECT DISTINCT agency FROM requests WHERE status <> 'draft' ORDER BY agency LIMIT 200", &st);
	if (err == STATUS_OK) {
		int k = 0;

		while (err == STATUS_OK) {
			err = db_step(req->app->db, st, &row);
			if (err != STATUS_OK || !row)
				break;
			err = reqview_set(req->hdf, db_text(st, 0), "Filter.Agencies.%d", k++);
		}
		db_done(st);
	}
	if (err == STATUS_OK)
		err = render_list(req, "hr", "All requests");
	return nerr_pass(err);
}
