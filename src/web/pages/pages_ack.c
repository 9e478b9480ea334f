/* Acknowledgement campaigns: HR's list, new campaign, completion and
 * reminders; the employee's pending acknowledgements and the signing. See
 * pages_ack.h for the addresses. */
#include "web/pages/pages_ack.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "publish/ackcamp.h"
#include "publish/announce.h"
#include "web/app.h"
#include "web/audit.h"
#include "content/content.h"
#include "web/csrf.h"
#include "core/errors.h"
#include "forms/formcheck.h"
#include "web/pages/pages.h"
#include "web/pages/pagekit.h"
#include "web/render.h"
#include "forms/reqview.h"

static int64_t parse_id(const char *s)
{
	char *end;
	int64_t v;

	if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 15)
		return 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' ? v : 0;
}

/* ---- HR: campaigns ------------------------------------------------------------------ */

static NEOERR *campaigns_page(struct request *req, int status)
{
	char today[11];
	NEOERR *err;

	page_today(req, today);
	err = ackcamp_list(req->app->db, today, req->hdf, "Campaigns");
	if (err == STATUS_OK)
		err = announce_section_choices(req->app->db, today, req->hdf, "Sections");
	if (err == STATUS_OK)
		err = announce_agencies(req->app->db, req->hdf, "Agencies");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Create.Action", "/admin/acknowledgements");
	if (err == STATUS_OK)
		err = pagekit_form_token(req, "/admin/acknowledgements", "Create.Csrf");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "Acknowledgement campaigns");
	if (err == STATUS_OK)
		err = pagekit_admin_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "admin/campaigns.cs");
	if (err == STATUS_OK && status)
		req->status = status;
	return nerr_pass(err);
}

NEOERR *page_admin_campaigns(struct request *req)
{
	return nerr_pass(campaigns_page(req, 0));
}

/* The campaign's audit entry, written in its transaction. */
struct create_then {
	struct request *req;
	const char *target, *detail;
};

static NEOERR *create_then(struct db *db, void *ctx)
{
	struct create_then *c = ctx;

	(void)db;
	return nerr_pass(audit_record(c->req, "campaign.create", c->target, c->detail));
}

NEOERR *page_admin_campaign_create(struct request *req)
{
	struct db *db = req->app->db;
	const char *section = request_param_or_empty(req, "section");
	const char *title = request_param_or_empty(req, "title");
	const char *due = request_param_or_empty(req, "due_on");
	const char *scope = request_param_or_empty(req, "scope");
	const char *agencies[ACKCAMP_MAX_AGENCIES];
	size_t n = 0;
	int64_t section_id = 0;
	int errors = 0, all = strcmp(scope, "all") == 0;
	char today[11];
	NEOERR *err = STATUS_OK, *rerr;

	page_today(req, today);
	rerr = announce_find_section(db, section, &section_id);
	if ((rerr != STATUS_OK && nerr_handle(&rerr, HR_ERR_BAD_REQUEST)) || (rerr == STATUS_OK && section_id == 0)) {
		err = hdf_set_value(req->hdf, "Create.Errors.Section",
				    "Choose the section employees must acknowledge.");
		errors++;
	} else if (rerr != STATUS_OK) {
		return nerr_pass(rerr);
	}
	if (err == STATUS_OK && (*title == '\0' || strlen(title) > 200 || strchr(title, '\n'))) {
		err = hdf_set_value(req->hdf, "Create.Errors.Title",
				    "Name the campaign (one line, at most 200 characters).");
		errors++;
	}
	if (err == STATUS_OK && (!content_valid_date(due) || strcmp(due, today) < 0)) {
		err = hdf_set_value(req->hdf, "Create.Errors.Due", "Choose a due date, today or later, as YYYY-MM-DD.");
		errors++;
	}
	if (err == STATUS_OK && !all) {
		if (strcmp(scope, "agencies") != 0 ||
		    pagekit_param_list(req, "agency", agencies, ACKCAMP_MAX_AGENCIES, &n) != 0 || n == 0) {
			err = hdf_set_value(req->hdf, "Create.Errors.Scope",
					    "Choose all agencies, or one or more agencies.");
			errors++;
		}
	}
	if (err == STATUS_OK && errors == 0) {
		char target[300], detail[400];
		struct create_then c = { req, target, detail };
		int64_t id = 0;

		snprintf(target, sizeof target, "/%s", section);
		snprintf(detail, sizeof detail, "%s, due %s, %s", title, due, all ? "all agencies" : "chosen agencies");
		err = ackcamp_create(db, section_id, title, due, all, agencies, n, req->remote_user, req->now, &id,
				     create_then, &c);
		if (err != STATUS_OK)
			return nerr_pass(err);
		snprintf(target, sizeof target, "/admin/acknowledgements/%" PRId64, (int64_t)id);
		return nerr_pass(request_redirect(req, target));
	}
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Create.Section", section);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Create.Title", title);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Create.Due", due);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Create.Scope", scope);
	if (err == STATUS_OK)
		err = campaigns_page(req, 422);
	return nerr_pass(err);
}

NEOERR *page_admin_campaign(struct request *req)
{
	int64_t id = parse_id(req->args[0]);
	char today[11], action[96];
	NEOERR *err;

	if (id == 0)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no such acknowledgement campaign.");
	page_today(req, today);
	err = ackcamp_detail(req->app->db, id, today, req->hdf, "Campaign");
	snprintf(action, sizeof action, "/admin/acknowledgements/%" PRId64 "/remind", id);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Remind.Action", action);
	if (err == STATUS_OK)
		err = pagekit_form_token(req, action, "Remind.Csrf");
	if (err == STATUS_OK && request_param(req, "reminded"))
		err = hdf_set_value(req->hdf, "Remind.Sent", request_param(req, "reminded"));
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Page.Title=Acknowledgements: %s",
				     hdf_get_value(req->hdf, "Campaign.Title", ""));
	if (err == STATUS_OK)
		err = pagekit_admin_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "admin/campaign.cs");
	return nerr_pass(err);
}

/* The reminders' audit entry, written in their transaction: it counts
 * them. */
struct remind_then {
	struct request *req;
	const char *target;
	int sent;
};

static NEOERR *remind_then(struct db *db, void *ctx)
{
	struct remind_then *r = ctx;
	char detail[64];

	(void)db;
	snprintf(detail, sizeof detail, "%d reminders", r->sent);
	return nerr_pass(audit_record(r->req, "campaign.remind", r->target, detail));
}

NEOERR *page_admin_campaign_remind(struct request *req)
{
	int64_t id = parse_id(req->args[0]);
	char target[96], path[128];
	struct remind_then r = { req, target, 0 };
	NEOERR *err;

	if (id == 0)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no such acknowledgement campaign.");
	snprintf(target, sizeof target, "/admin/acknowledgements/%" PRId64, id);
	err = ackcamp_remind(req->app->db, req->settings, id, req->now, &r.sent, remind_then, &r);
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(path, sizeof path, "%s?reminded=%d", target, r.sent);
	return nerr_pass(request_redirect(req, path));
}

/* ---- Employees: what to acknowledge --------------------------------------------------- */

static NEOERR *my_acks_page(struct request *req, int64_t error_id, const char *error, int status)
{
	char today[11];
	NEOERR *err;

	page_today(req, today);
	err = ackcamp_for_user(req->app->db, &req->user, today, req->hdf, "Acks");
	/* Each pending one has its own form (and token). */
	for (HDF *p = hdf_get_child(req->hdf, "Acks.Pending"); p != NULL && err == STATUS_OK; p = hdf_obj_next(p)) {
		char action[96], token[CSRF_TOKEN_MAX];
		int64_t id = parse_id(hdf_get_value(p, "Id", ""));

		snprintf(action, sizeof action, "/my/acknowledgements/%" PRId64, id);
		err = hdf_set_value(p, "Action", action);
		if (err == STATUS_OK)
			err = csrf_token(req, action, token);
		if (err == STATUS_OK)
			err = hdf_set_value(p, "Csrf", token);
		if (err == STATUS_OK && id == error_id)
			err = hdf_set_value(p, "Error", error);
	}
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Acks.SignAs", req->user.name);
	if (err == STATUS_OK && request_param(req, "done"))
		err = hdf_set_value(req->hdf, "Acks.JustDone", "1");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "Policies to acknowledge");
	if (err == STATUS_OK)
		err = pagekit_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "my/acknowledgements.cs");
	if (err == STATUS_OK && status)
		req->status = status;
	return nerr_pass(err);
}

NEOERR *page_my_acks(struct request *req)
{
	return nerr_pass(my_acks_page(req, 0, NULL, 0));
}

NEOERR *page_my_ack_post(struct request *req)
{
	int64_t id = parse_id(req->args[0]);
	const char *typed = request_param(req, "signature");
	int already = 0; /* a second signature changes nothing: same page */
	NEOERR *err;

	if (id == 0)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no acknowledgement asked of you at this address.");
	if (!formcheck_signature_matches(typed, req->user.name))
		return nerr_pass(my_acks_page(
			req, id,
			typed == NULL || *typed == '\0'
				? "Sign by typing your full name."
				: "The name you typed does not match the name on your account. Type it exactly as shown.",
			422));
	err = ackcamp_acknowledge(req->app->db, id, &req->user, typed, req->now, &already);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(request_redirect(req, "/my/acknowledgements?done=1"));
}
