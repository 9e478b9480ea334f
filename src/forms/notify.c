#include "forms/notify.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/errors.h"
#include "mail/outbox.h"
#include "web/render.h"

static void subject_for(const struct notify_info *i, char *out, size_t size)
{
	/* A subject shows on lock screens and in shared inboxes: for a health
	 * or grievance matter it does not say which form. */
	const char *title = i->def->private_matter ? "request" : i->def->title;
	const char *who = i->owner->name;
	const char *k = i->kind;

	if (strcmp(k, "request_submitted") == 0)
		snprintf(out, size, "Awaiting your decision: %s%s from %s", i->def->private_matter ? "a " : "", title,
			 who);
	else if (strcmp(k, "grievance_filed") == 0)
		snprintf(out, size, "A grievance was filed with you by %s", who);
	else if (strcmp(k, "grievance_escalated") == 0)
		snprintf(out, size, "A grievance from %s is now at your level", who);
	else if (strcmp(k, "grievance_overdue") == 0)
		snprintf(out, size, "A grievance from %s passed its final deadline", who);
	else if (strcmp(k, "grievance_decided") == 0)
		snprintf(out, size, "A decision was made on your grievance (request %" PRId64 ")", i->req->id);
	else if (strcmp(k, "request_received") == 0)
		snprintf(out, size, "Received: your %s (request %" PRId64 ")", title, i->req->id);
	else if (strcmp(k, "hr_notice") == 0)
		snprintf(out, size, "Filed: %s%s from %s", i->def->private_matter ? "a " : "", title, who);
	else if (strcmp(k, "request_approved") == 0)
		snprintf(out, size, "Approved: your %s (request %" PRId64 ")", title, i->req->id);
	else if (strcmp(k, "request_denied") == 0)
		snprintf(out, size, "Denied: your %s (request %" PRId64 ")", title, i->req->id);
	else if (strcmp(k, "request_withdrawn") == 0)
		snprintf(out, size, "Withdrawn: %s%s from %s", i->def->private_matter ? "a " : "", title, who);
	else if (strcmp(k, "leave_restored") == 0)
		snprintf(out, size, "Donated leave returned to you (request %" PRId64 ")", i->req->id);
	else
		snprintf(out, size, "HR portal: request %" PRId64, i->req->id);
}

static NEOERR *fill(HDF *hdf, const struct notify_ctx *n, const struct notify_info *i)
{
	char link[512];
	NEOERR *err;

	snprintf(link, sizeof link, "%s/requests/%" PRId64, n->settings->base_url, i->req->id);
	err = hdf_set_value(hdf, "hdf.loadpaths.0", n->settings->template_dir);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.Kind", i->kind);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.ToName", i->to->name);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.Who", i->owner->name);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.EmployeeId", i->owner->employee_id);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.What", i->def->title);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.Type", i->def->key);
	if (err == STATUS_OK)
		err = hdf_set_int_value(hdf, "Mail.Id", (int)i->req->id);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.Dates", i->req->summary);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.Due", i->req->due_on);
	if (err == STATUS_OK)
		err = hdf_set_int_value(hdf, "Mail.Level", i->req->step);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.Link", link);
	if (err == STATUS_OK && i->actor_name)
		err = hdf_set_value(hdf, "Mail.Actor", i->actor_name);
	if (err == STATUS_OK && i->hours)
		err = hdf_set_value(hdf, "Mail.Hours", i->hours);
	if (err == STATUS_OK && i->with_name)
		err = hdf_set_value(hdf, "Mail.With", i->with_name);
	if (err == STATUS_OK && i->note && *i->note)
		err = hdf_set_value(hdf, "Mail.Note", i->note);
	if (err == STATUS_OK)
		err = hdf_set_int_value(hdf, "Mail.Private", i->def->private_matter);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.Status", request_status_name(i->req->status));
	if (err == STATUS_OK && i->grievance_by) {
		err = hdf_set_value(hdf, "Mail.GrievanceBy", i->grievance_by);
		if (err == STATUS_OK)
			err = hdf_set_valuef(hdf, "Mail.GrievanceLink=%s/forms/grievance", n->settings->base_url);
	}
	if (err == STATUS_OK && strcmp(i->def->key, "grievance") == 0)
		err = hdf_set_valuef(hdf, "Mail.BoardLink=%s/forms/board-appeal", n->settings->base_url);
	return nerr_pass(err);
}

NEOERR *notify_render(const struct notify_ctx *n, const struct notify_info *info, char *subject, size_t subject_size,
		      STRING *text, STRING *html)
{
	HDF *hdf = NULL;
	NEOERR *err = hdf_init(&hdf);

	string_init(text);
	string_init(html);
	subject_for(info, subject, subject_size);
	if (err == STATUS_OK)
		err = fill(hdf, n, info);
	/* Plain text is not HTML: no escaping there, all of it in the HTML part. */
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.VarEscapeMode", "none");
	if (err == STATUS_OK)
		err = render_template(hdf, "mail/notice.txt.cs", text);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = render_template(hdf, "mail/notice.html.cs", html);
	hdf_destroy(&hdf);
	if (err != STATUS_OK) {
		string_clear(text);
		string_clear(html);
	}
	return nerr_pass(err);
}

NEOERR *notify_send(const struct notify_ctx *n, const struct notify_info *info)
{
	char subject[300];
	STRING text, html;
	struct outbox_message msg;
	NEOERR *err = notify_render(n, info, subject, sizeof subject, &text, &html);

	if (err != STATUS_OK)
		return nerr_pass(err);
	memset(&msg, 0, sizeof msg);
	msg.to_name = info->to->name;
	msg.to_addr = info->to->email;
	msg.subject = subject;
	msg.body_text = text.buf ? text.buf : "";
	msg.body_html = html.buf;
	msg.kind = info->kind;
	msg.request_id = info->req->id;
	err = outbox_enqueue(n->db, &msg, n->now, NULL);
	string_clear(&text);
	string_clear(&html);
	return nerr_pass(err);
}
