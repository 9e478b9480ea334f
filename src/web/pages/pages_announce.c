/* Announcements: templates, writing and publishing an announcement, the
 * What's new page and its Atom feed, employees' subscriptions. See
 * pages_admin.h for the addresses. */
#include "web/pages/pages_admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "publish/announce.h"
#include "web/app.h"
#include "web/audit.h"
#include "core/errors.h"
#include "web/pages/pages.h"
#include "web/pages/pagekit.h"
#include "publish/publish.h"
#include "web/render.h"
#include "forms/reqview.h"
#include "publish/usertmpl.h"

/* ---- Templates -------------------------------------------------------------------- */

static NEOERR *templates_page(struct request *req, int status)
{
	NEOERR *err = announce_templates(req->app->db, req->hdf, "Templates");

	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Add.Action", "/admin/templates");
	if (err == STATUS_OK) err = pagekit_form_token(req, "/admin/templates", "Add.Csrf");
	if (err == STATUS_OK && request_param(req, "added")) err = hdf_set_value(req->hdf, "Add.Added", request_param(req, "added"));
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Page.Title", "Announcement templates");
	if (err == STATUS_OK) err = pagekit_admin_nav(req);
	if (err == STATUS_OK) err = render_page(req, "admin/templates.cs");
	if (err == STATUS_OK && status)
		req->status = status;
	return nerr_pass(err);
}

NEOERR *page_admin_templates(struct request *req)
{
	return nerr_pass(templates_page(req, 0));
}

/* CRLF from textareas to LF, in the request's own data. */
static void lf_only(struct request *req, const char *name)
{
	const char *v = request_param(req, name);
	char key[96], *copy, *w;

	if (v == NULL || strchr(v, '\r') == NULL || (copy = malloc(strlen(v) + 1)) == NULL)
		return;
	w = copy;
	for (const char *p = v; *p; p++)
		if (*p != '\r')
			*w++ = *p;
	*w = '\0';
	snprintf(key, sizeof key, "Query.%s", name);
	if (hdf_set_buf(req->hdf, key, copy) != STATUS_OK)
		free(copy);
}

/* The template's audit entry, written in its transaction. */
struct template_then {
	struct request *req;
	const char *target, *name;
};

static NEOERR *template_then(struct db *db, void *ctx)
{
	struct template_then *t = ctx;

	(void)db;
	return nerr_pass(audit_record(t->req, "template.add", t->target, t->name));
}

NEOERR *page_admin_template_add(struct request *req)
{
	struct db *db = req->app->db;
	const char *action = request_param_or_empty(req, "action");
	const char *name, *slug_in, *description, *fields, *body;
	char slug[PUBLISH_MAX_SLUG + 1], msg[300];
	struct announce_template t;
	struct announce_input in;
	int errors = 0;
	NEOERR *err = STATUS_OK;

	if (strcmp(action, "check") != 0 && strcmp(action, "save") != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose Check and preview or Add template.");
	lf_only(req, "fields");
	lf_only(req, "body");
	name = request_param_or_empty(req, "name");
	slug_in = request_param_or_empty(req, "slug");
	description = request_param_or_empty(req, "description");
	fields = request_param_or_empty(req, "fields");
	body = request_param(req, "body");
	if (body == NULL)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The template is missing or is not plain text.");
	if (*slug_in)
		snprintf(slug, sizeof slug, "%.80s", slug_in);
	else
		publish_slugify(name, slug, sizeof slug);
	memset(&t, 0, sizeof t);
	if (*name == '\0' || strlen(name) > 120 || strchr(name, '\n')) {
		err = hdf_set_value(req->hdf, "Add.Errors.Name", "Name the template (one line, at most 120 characters).");
		errors++;
	} else if (strlen(slug_in) > PUBLISH_MAX_SLUG || !publish_slug_ok(slug)) {
		err = hdf_set_value(req->hdf, "Add.Errors.Slug", "The address may use lower-case letters, digits and "
				    "single hyphens.");
		errors++;
	}
	if (err == STATUS_OK && (strlen(description) > 300 || strchr(description, '\n'))) {
		err = hdf_set_value(req->hdf, "Add.Errors.Description", "Describe it in one line (at most 300 characters).");
		errors++;
	}
	if (err == STATUS_OK &&
	    announce_parse_fields(fields, t.fields, ANNOUNCE_MAX_FIELDS, &t.n_fields, msg, sizeof msg) != 0) {
		err = hdf_set_value(req->hdf, "Add.Errors.Fields", msg);
		errors++;
	}
	if (err == STATUS_OK && usertmpl_check(body, msg, sizeof msg) != NULL) {
		err = hdf_set_value(req->hdf, "Add.Errors.Body", msg);
		errors++;
	}
	/* Fill it in once with examples: a template that fails is refused
	 * now, not when HR publishes with it. */
	if (err == STATUS_OK && errors == 0) {
		char *md = NULL, *html = NULL, *text = NULL;
		char values[ANNOUNCE_MAX_FIELDS][140];
		NEOERR *rerr;

		memset(&in, 0, sizeof in);
		t.body_cs = (char *)body;
		in.tmpl = &t;
		in.title = name;
		in.audience = "none";
		for (size_t i = 0; i < t.n_fields; i++) {
			snprintf(values[i], sizeof values[i], "(%s)", t.fields[i].label);
			in.values[i] = values[i];
		}
		rerr = announce_find_section(db, "handbook/sick-leave", &in.section_id);
		if (rerr != STATUS_OK) {
			nerr_ignore(&rerr);
			in.section_id = 0;
		}
		rerr = announce_render(db, req->settings, &in, &md, &html, &text);
		if (rerr != STATUS_OK && nerr_match(rerr, HR_ERR_BAD_REQUEST)) {
			const char *m = errors_public_message(rerr);

			err = hdf_set_value(req->hdf, "Add.Errors.Body", m ? m : "The template cannot be filled in.");
			nerr_ignore(&rerr);
			errors++;
		} else if (rerr != STATUS_OK) {
			err = rerr;
		} else {
			err = hdf_set_value(req->hdf, "Add.PreviewHtml", html);
		}
		free(md);
		free(html);
		free(text);
		t.body_cs = NULL;
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (errors == 0 && strcmp(action, "save") == 0) {
		char target[128];
		struct template_then audit = { req, target, name };

		snprintf(target, sizeof target, "template %s", slug);
		err = announce_template_add(db, slug, name, description, fields, body, req->remote_user, req->now,
					    template_then, &audit);
		if (err == STATUS_OK) {
			char path[160];

			snprintf(path, sizeof path, "/admin/templates?added=%s", slug);
			return nerr_pass(request_redirect(req, path));
		}
		if (!nerr_handle(&err, HR_ERR_CONFLICT))
			return nerr_pass(err);
		err = hdf_set_value(req->hdf, "Add.Errors.Slug", "There is already a template at that address: choose another name.");
		errors++;
	}
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Add.Name", name);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Add.Slug", slug_in);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Add.Description", description);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Add.Fields", fields);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Add.Body", body);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Add.Open", "1");
	if (err == STATUS_OK) err = templates_page(req, errors ? 422 : 0);
	return nerr_pass(err);
}

/* ---- Writing an announcement ---------------------------------------------------------- */

/* The form: the template's fields with values, the choices around them. */
static NEOERR *announce_form(struct request *req, const struct announce_template *t, const char *const *values,
			     const char *const *chosen, size_t n_chosen, int status)
{
	char today[11];
	NEOERR *err;

	page_today(req, today);
	err = hdf_set_value(req->hdf, "Announce.Template", t->slug);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Announce.TemplateName", t->name);
	for (size_t i = 0; i < t->n_fields && err == STATUS_OK; i++) {
		err = reqview_set(req->hdf, t->fields[i].name, "Announce.Fields.%zu.Name", i);
		if (err == STATUS_OK) err = reqview_set(req->hdf, t->fields[i].label, "Announce.Fields.%zu.Label", i);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, t->fields[i].textarea ? "textarea" : "text", "Announce.Fields.%zu.Kind", i);
		if (err == STATUS_OK && values && values[i])
			err = reqview_set(req->hdf, values[i], "Announce.Fields.%zu.Value", i);
	}
	if (err == STATUS_OK) err = announce_templates(req->app->db, req->hdf, "Templates");
	if (err == STATUS_OK) err = announce_section_choices(req->app->db, today, req->hdf, "Sections");
	if (err == STATUS_OK) err = announce_agencies(req->app->db, req->hdf, "Agencies");
	/* The agencies already ticked. */
	for (HDF *a = hdf_get_child(req->hdf, "Agencies"); a != NULL && err == STATUS_OK; a = hdf_obj_next(a))
		for (size_t i = 0; i < n_chosen && err == STATUS_OK; i++)
			if (strcmp(hdf_obj_value(a) ? hdf_obj_value(a) : "", chosen[i]) == 0)
				err = hdf_set_value(a, "Chosen", "1");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Announce.Action", "/admin/announcements");
	if (err == STATUS_OK) err = pagekit_form_token(req, "/admin/announcements", "Announce.Csrf");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Page.Title", "New announcement");
	if (err == STATUS_OK) err = pagekit_admin_nav(req);
	if (err == STATUS_OK) err = render_page(req, "admin/announce.cs");
	if (err == STATUS_OK && status)
		req->status = status;
	return nerr_pass(err);
}

NEOERR *page_admin_announce_new(struct request *req)
{
	struct announce_template t;
	const char *slug = request_param(req, "template");
	const char *section = request_param(req, "section");
	NEOERR *err = announce_template_load(req->app->db, slug ? slug : "policy-change", &t);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = hdf_set_value(req->hdf, "Announce.Audience", "subscribers");
	if (err == STATUS_OK && section && strlen(section) < 200) err = hdf_set_value(req->hdf, "Announce.Section", section);
	if (err == STATUS_OK) err = announce_form(req, &t, NULL, NULL, 0, 0);
	announce_template_free(&t);
	return nerr_pass(err);
}

/* The announcement's audit entry, written in its transaction: it names
 * the new id and the recipients, known only then. */
struct publish_then {
	struct request *req;
	const struct announce_input *in;
	int64_t id;
	int recipients;
	char target[80];
};

static NEOERR *publish_then(struct db *db, void *ctx)
{
	struct publish_then *p = ctx;
	char detail[400];

	(void)db;
	snprintf(p->target, sizeof p->target, "/whats-new#announcement-%lld", (long long)p->id);
	snprintf(detail, sizeof detail, "%s (%s, %d recipients)", p->in->title, p->in->audience, p->recipients);
	return nerr_pass(audit_record(p->req, "announcement.publish", p->target, detail));
}

NEOERR *page_admin_announce_post(struct request *req)
{
	struct db *db = req->app->db;
	const char *action = request_param_or_empty(req, "action");
	const char *section = request_param_or_empty(req, "section");
	struct announce_template t;
	struct announce_input in;
	char *md = NULL, *html = NULL, *text = NULL;
	int errors = 0;
	NEOERR *err, *rerr;

	if (strcmp(action, "preview") != 0 && strcmp(action, "publish") != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose Preview or Publish.");
	err = announce_template_load(db, request_param(req, "template"), &t);
	if (err != STATUS_OK)
		return nerr_pass(err);
	memset(&in, 0, sizeof in);
	in.tmpl = &t;
	in.title = request_param_or_empty(req, "title");
	in.audience = request_param_or_empty(req, "audience");
	if (*in.title == '\0' || strlen(in.title) > ANNOUNCE_MAX_TITLE || strchr(in.title, '\n')) {
		err = hdf_set_value(req->hdf, "Announce.Errors.Title", "Give it a title (one line, at most 200 characters).");
		errors++;
	}
	for (size_t i = 0; i < t.n_fields && err == STATUS_OK; i++) {
		char name[48];
		const char *v;

		snprintf(name, sizeof name, "f_%s", t.fields[i].name);
		lf_only(req, name);
		v = request_param(req, name);
		in.values[i] = v ? v : "";
		if (hdf_get_obj(hdf_get_obj(req->hdf, "Query"), name) != NULL && v == NULL) {
			err = reqview_set(req->hdf, "Write plain text.", "Announce.Fields.%zu.Error", i);
			errors++;
		} else if (strlen(in.values[i]) > ANNOUNCE_MAX_VALUE) {
			err = reqview_set(req->hdf, "This is too long (at most 4,000 characters).", "Announce.Fields.%zu.Error", i);
			errors++;
		} else if (!t.fields[i].textarea && strchr(in.values[i], '\n')) {
			err = reqview_set(req->hdf, "Write one line.", "Announce.Fields.%zu.Error", i);
			errors++;
		}
	}
	if (err == STATUS_OK) {
		rerr = announce_find_section(db, section, &in.section_id);
		if (rerr != STATUS_OK && nerr_handle(&rerr, HR_ERR_BAD_REQUEST)) {
			err = hdf_set_value(req->hdf, "Announce.Errors.Section", "Choose a section from the list.");
			errors++;
		} else {
			err = rerr;
		}
	}
	if (err == STATUS_OK) {
		if (strcmp(in.audience, "subscribers") == 0) {
			if (in.section_id == 0) {
				err = hdf_set_value(req->hdf, "Announce.Errors.Audience", "To reach the employees who follow a part "
						    "of the handbook, choose the section it is about.");
				errors++;
			}
		} else if (strcmp(in.audience, "agencies") == 0) {
			if (pagekit_param_list(req, "agency", in.agencies, ANNOUNCE_MAX_AGENCIES, &in.n_agencies) != 0 ||
			    in.n_agencies == 0) {
				err = hdf_set_value(req->hdf, "Announce.Errors.Audience", "Choose one or more agencies from the list.");
				errors++;
			}
			for (size_t i = 0; i < in.n_agencies && err == STATUS_OK && errors == 0; i++) {
				int known = 0;

				err = announce_agency_known(db, in.agencies[i], &known);
				if (err == STATUS_OK && !known) {
					err = hdf_set_value(req->hdf, "Announce.Errors.Audience", "Choose agencies from the list.");
					errors++;
				}
			}
		} else if (strcmp(in.audience, "none") != 0) {
			err = hdf_set_value(req->hdf, "Announce.Errors.Audience", "Choose who receives it by email.");
			errors++;
		}
	}
	if (err == STATUS_OK && errors == 0) {
		rerr = announce_render(db, req->settings, &in, &md, &html, &text);
		if (rerr != STATUS_OK && nerr_match(rerr, HR_ERR_BAD_REQUEST)) {
			const char *m = errors_public_message(rerr);

			err = hdf_set_value(req->hdf, "Announce.Errors.Template", m ? m : "The template cannot be filled in.");
			nerr_ignore(&rerr);
			errors++;
		} else {
			err = rerr;
		}
	}
	if (err == STATUS_OK && errors == 0 && strcmp(action, "publish") == 0) {
		struct publish_then p = { req, &in, 0, 0, "" };

		err = announce_post(db, req->settings, &in, md, html, text, req->remote_user, req->now, &p.id,
				    &p.recipients, publish_then, &p);
		free(md);
		free(html);
		free(text);
		announce_template_free(&t);
		if (err != STATUS_OK)
			return nerr_pass(err);
		return nerr_pass(request_redirect(req, p.target));
	}
	/* The form again: with the preview, or with the messages. */
	if (err == STATUS_OK && html) err = hdf_set_value(req->hdf, "Preview.BodyHtml", html);
	if (err == STATUS_OK && html) err = hdf_set_value(req->hdf, "Preview.Title", in.title);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Announce.Title", in.title);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Announce.Section", section);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Announce.Audience", in.audience);
	if (err == STATUS_OK)
		err = announce_form(req, &t, in.values, in.agencies, in.n_agencies, errors ? 422 : 0);
	free(md);
	free(html);
	free(text);
	announce_template_free(&t);
	return nerr_pass(err);
}

/* ---- What's new ------------------------------------------------------------------ */

NEOERR *page_whats_new(struct request *req)
{
	NEOERR *err = announce_list(req->app->db, 50, req->hdf, "Announcements");

	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Page.Title", "What's new");
	if (err == STATUS_OK) {
		req->cacheable = 1;
		err = render_page(req, "whats_new.cs");
	}
	return nerr_pass(err);
}

NEOERR *page_whats_new_feed(struct request *req)
{
	STRING out;
	char self[400], alt[400];
	NEOERR *err = announce_list(req->app->db, ANNOUNCE_FEED_ENTRIES, req->hdf, "Entries");

	snprintf(self, sizeof self, "%s/whats-new.atom", req->settings->base_url);
	snprintf(alt, sizeof alt, "%s/whats-new", req->settings->base_url);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Feed.Self", self);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Feed.Alternate", alt);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Feed.Base", req->settings->base_url);
	/* The feed changed when its newest entry was published. */
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Feed.Updated", hdf_get_value(req->hdf, "Entries.0.Published", "2027-01-01T00:00:00Z"));
	string_init(&out);
	if (err == STATUS_OK) err = render_template(req->hdf, "whats_new.atom.cs", &out);
	if (err == STATUS_OK) {
		const char *start = out.buf ? out.buf : "";

		while (*start == '\n' || *start == ' ')
			start++;
		req->cacheable = 1;
		err = request_set_body(req, 200, "application/atom+xml; charset=utf-8", start, strlen(start));
	}
	string_clear(&out);
	return nerr_pass(err);
}

/* ---- Subscriptions --------------------------------------------------------------- */

NEOERR *page_my_subscriptions(struct request *req)
{
	NEOERR *err = announce_subscriptions(req->app->db, req->user.id, req->hdf, "Parts");

	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Subs.Action", "/my/subscriptions");
	if (err == STATUS_OK) err = pagekit_form_token(req, "/my/subscriptions", "Subs.Csrf");
	if (err == STATUS_OK && request_param(req, "saved")) err = hdf_set_value(req->hdf, "Subs.Saved", "1");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Page.Title", "What I follow");
	if (err == STATUS_OK) err = pagekit_nav(req);
	if (err == STATUS_OK) err = render_page(req, "my/subscriptions.cs");
	return nerr_pass(err);
}

NEOERR *page_my_subscriptions_post(struct request *req)
{
	const char *values[64];
	int64_t ids[64];
	size_t n = 0;
	NEOERR *err;

	if (pagekit_param_list(req, "part", values, 64, &n) != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose parts of the handbook from the list.");
	for (size_t i = 0; i < n; i++) {
		char *end;
		long long v = strtoll(values[i], &end, 10);

		if (*values[i] == '\0' || *end != '\0' || v <= 0)
			return nerr_raise(HR_ERR_BAD_REQUEST, "Choose parts of the handbook from the list.");
		ids[i] = v;
	}
	err = announce_subscribe(req->app->db, req->user.id, ids, n, req->now);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(request_redirect(req, "/my/subscriptions?saved=1"));
}
