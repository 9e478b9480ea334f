/* Announcements: templates, writing and publishing an announcement, the
 * What's new page and its Atom feed, employees' subscriptions. See
 * pages_announce.h for the addresses. */
#include "web/pages/pages_announce.h"

#include <inttypes.h>
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

	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Add.Action", "/admin/templates");
	if (err == STATUS_OK)
		err = pagekit_form_token(req, "/admin/templates", "Add.Csrf");
	if (err == STATUS_OK && request_param(req, "added"))
		err = hdf_set_value(req->hdf, "Add.Added", request_param(req, "added"));
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "Announcement templates");
	if (err == STATUS_OK)
		err = pagekit_admin_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "admin/templates.cs");
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

/* Fill in a template; one that cannot be filled in is the writer's
 * mistake, shown at hdf_name, not a failure of the page. */
static NEOERR *render_or_report(struct request *req, const struct announce_input *in, char **md, char **html,
				char **text, const char *hdf_name, int *errors)
{
	NEOERR *rerr = announce_render(req->app->db, req->settings, in, md, html, text);
	NEOERR *err;
	const char *m;

	if (rerr == STATUS_OK || !nerr_match(rerr, HR_ERR_BAD_REQUEST))
		return nerr_pass(rerr);
	m = errors_public_message(rerr);
	err = hdf_set_value(req->hdf, hdf_name, m ? m : "The template cannot be filled in.");
	nerr_ignore(&rerr);
	(*errors)++;
	return nerr_pass(err);
}

/* A new template as the form sent it. */
struct template_form {
	const char *action, *name, *slug_in, *description, *fields, *body;
	char slug[PUBLISH_MAX_SLUG + 1]; /* slug_in, or made from the name */
	struct announce_template t;      /* its parsed fields */
	int errors;
};

static NEOERR *template_form_read(struct request *req, struct template_form *f)
{
	memset(f, 0, sizeof *f);
	f->action = request_param_or_empty(req, "action");
	if (strcmp(f->action, "check") != 0 && strcmp(f->action, "save") != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose Check and preview or Add template.");
	lf_only(req, "fields");
	lf_only(req, "body");
	f->name = request_param_or_empty(req, "name");
	f->slug_in = request_param_or_empty(req, "slug");
	f->description = request_param_or_empty(req, "description");
	f->fields = request_param_or_empty(req, "fields");
	f->body = request_param(req, "body");
	if (f->body == NULL)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The template is missing or is not plain text.");
	if (*f->slug_in)
		snprintf(f->slug, sizeof f->slug, "%.80s", f->slug_in);
	else
		publish_slugify(f->name, f->slug, sizeof f->slug);
	return STATUS_OK;
}

/* Each field's message goes next to it in Add.Errors. */
static NEOERR *template_form_check(struct request *req, struct template_form *f)
{
	char msg[300];
	NEOERR *err = STATUS_OK;

	if (*f->name == '\0' || strlen(f->name) > 120 || strchr(f->name, '\n')) {
		err = hdf_set_value(req->hdf, "Add.Errors.Name",
				    "Name the template (one line, at most 120 characters).");
		f->errors++;
	} else if (strlen(f->slug_in) > PUBLISH_MAX_SLUG || !publish_slug_ok(f->slug)) {
		err = hdf_set_value(req->hdf, "Add.Errors.Slug",
				    "The address may use lower-case letters, digits and "
				    "single hyphens.");
		f->errors++;
	}
	if (err == STATUS_OK && (strlen(f->description) > 300 || strchr(f->description, '\n'))) {
		err = hdf_set_value(req->hdf, "Add.Errors.Description",
				    "Describe it in one line (at most 300 characters).");
		f->errors++;
	}
	if (err == STATUS_OK &&
	    announce_parse_fields(f->fields, f->t.fields, ANNOUNCE_MAX_FIELDS, &f->t.n_fields, msg, sizeof msg) != 0) {
		err = hdf_set_value(req->hdf, "Add.Errors.Fields", msg);
		f->errors++;
	}
	if (err == STATUS_OK && usertmpl_check(f->body, msg, sizeof msg) != NULL) {
		err = hdf_set_value(req->hdf, "Add.Errors.Body", msg);
		f->errors++;
	}
	return nerr_pass(err);
}

/* Fill it in once with examples: a template that fails is refused now,
 * not when HR publishes with it. */
static NEOERR *template_try_example(struct request *req, struct template_form *f)
{
	char *md = NULL, *html = NULL, *text = NULL;
	char values[ANNOUNCE_MAX_FIELDS][140];
	struct announce_input in;
	NEOERR *err;

	memset(&in, 0, sizeof in);
	f->t.body_cs = (char *)f->body;
	in.tmpl = &f->t;
	in.title = f->name;
	in.audience = "none";
	for (size_t i = 0; i < f->t.n_fields; i++) {
		snprintf(values[i], sizeof values[i], "(%s)", f->t.fields[i].label);
		in.values[i] = values[i];
	}
	err = announce_find_section(req->app->db, "handbook/sick-leave", &in.section_id);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		in.section_id = 0;
	}
	err = render_or_report(req, &in, &md, &html, &text, "Add.Errors.Body", &f->errors);
	if (err == STATUS_OK && f->errors == 0)
		err = hdf_set_value(req->hdf, "Add.PreviewHtml", html);
	free(md);
	free(html);
	free(text);
	f->t.body_cs = NULL;
	return nerr_pass(err);
}

/* Add it, then *done when the answer is the redirect; a taken address is
 * the writer's to change, not a failure. */
static NEOERR *template_save(struct request *req, struct template_form *f, int *done)
{
	char target[128], path[160];
	struct template_then audit = { req, target, f->name };
	NEOERR *err;

	snprintf(target, sizeof target, "template %s", f->slug);
	err = announce_template_add(req->app->db, f->slug, f->name, f->description, f->fields, f->body,
				    req->remote_user, req->now, template_then, &audit);
	if (err == STATUS_OK) {
		*done = 1;
		snprintf(path, sizeof path, "/admin/templates?added=%s", f->slug);
		return nerr_pass(request_redirect(req, path));
	}
	if (!nerr_handle(&err, HR_ERR_CONFLICT))
		return nerr_pass(err);
	f->errors++;
	return nerr_pass(hdf_set_value(req->hdf, "Add.Errors.Slug",
				       "There is already a template at that address: choose another name."));
}

/* The templates page with the form open on what was sent. */
static NEOERR *template_form_again(struct request *req, const struct template_form *f)
{
	NEOERR *err = hdf_set_value(req->hdf, "Add.Name", f->name);

	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Add.Slug", f->slug_in);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Add.Description", f->description);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Add.Fields", f->fields);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Add.Body", f->body);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Add.Open", "1");
	if (err == STATUS_OK)
		err = templates_page(req, f->errors ? 422 : 0);
	return nerr_pass(err);
}

NEOERR *page_admin_template_add(struct request *req)
{
	struct template_form f;
	int done = 0;
	NEOERR *err = template_form_read(req, &f);

	if (err == STATUS_OK)
		err = template_form_check(req, &f);
	if (err == STATUS_OK && f.errors == 0)
		err = template_try_example(req, &f);
	if (err == STATUS_OK && f.errors == 0 && strcmp(f.action, "save") == 0)
		err = template_save(req, &f, &done);
	if (err != STATUS_OK || done)
		return nerr_pass(err);
	return nerr_pass(template_form_again(req, &f));
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
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Announce.TemplateName", t->name);
	for (size_t i = 0; i < t->n_fields && err == STATUS_OK; i++) {
		err = reqview_set(req->hdf, t->fields[i].name, "Announce.Fields.%zu.Name", i);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, t->fields[i].label, "Announce.Fields.%zu.Label", i);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, t->fields[i].textarea ? "textarea" : "text",
					  "Announce.Fields.%zu.Kind", i);
		if (err == STATUS_OK && values && values[i])
			err = reqview_set(req->hdf, values[i], "Announce.Fields.%zu.Value", i);
	}
	if (err == STATUS_OK)
		err = announce_templates(req->app->db, req->hdf, "Templates");
	if (err == STATUS_OK)
		err = announce_section_choices(req->app->db, today, req->hdf, "Sections");
	if (err == STATUS_OK)
		err = announce_agencies(req->app->db, req->hdf, "Agencies");
	/* The agencies already ticked. */
	for (HDF *a = hdf_get_child(req->hdf, "Agencies"); a != NULL && err == STATUS_OK; a = hdf_obj_next(a))
		for (size_t i = 0; i < n_chosen && err == STATUS_OK; i++)
			if (strcmp(hdf_obj_value(a) ? hdf_obj_value(a) : "", chosen[i]) == 0)
				err = hdf_set_value(a, "Chosen", "1");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Announce.Action", "/admin/announcements");
	if (err == STATUS_OK)
		err = pagekit_form_token(req, "/admin/announcements", "Announce.Csrf");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "New announcement");
	if (err == STATUS_OK)
		err = pagekit_admin_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "admin/announce.cs");
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
	if (err == STATUS_OK && section && strlen(section) < 200)
		err = hdf_set_value(req->hdf, "Announce.Section", section);
	if (err == STATUS_OK)
		err = announce_form(req, &t, NULL, NULL, 0, 0);
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
	snprintf(p->target, sizeof p->target, "/whats-new#announcement-%" PRId64, (int64_t)p->id);
	snprintf(detail, sizeof detail, "%s (%s, %d recipients)", p->in->title, p->in->audience, p->recipients);
	return nerr_pass(audit_record(p->req, "announcement.publish", p->target, detail));
}

/* An announcement as the form sent it, with the template it fills in and,
 * once filled in, its three renderings. */
struct announce_draft {
	const char *action, *section;
	struct announce_template t;
	struct announce_input in; /* in.tmpl points at t */
	char *md, *html, *text;
	int errors;
};

/* On success the draft holds the template: announce_draft_free(). */
static NEOERR *announce_draft_read(struct request *req, struct announce_draft *d)
{
	NEOERR *err;

	memset(d, 0, sizeof *d);
	d->action = request_param_or_empty(req, "action");
	d->section = request_param_or_empty(req, "section");
	if (strcmp(d->action, "preview") != 0 && strcmp(d->action, "publish") != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose Preview or Publish.");
	err = announce_template_load(req->app->db, request_param(req, "template"), &d->t);
	if (err != STATUS_OK)
		return nerr_pass(err);
	d->in.tmpl = &d->t;
	d->in.title = request_param_or_empty(req, "title");
	d->in.audience = request_param_or_empty(req, "audience");
	return STATUS_OK;
}

static void announce_draft_free(struct announce_draft *d)
{
	free(d->md);
	free(d->html);
	free(d->text);
	announce_template_free(&d->t);
}

/* The title and the template's fields (f_NAME), each message next to its
 * field. */
static NEOERR *announce_check_text(struct request *req, struct announce_draft *d)
{
	NEOERR *err = STATUS_OK;

	if (*d->in.title == '\0' || strlen(d->in.title) > ANNOUNCE_MAX_TITLE || strchr(d->in.title, '\n')) {
		err = hdf_set_value(req->hdf, "Announce.Errors.Title",
				    "Give it a title (one line, at most 200 characters).");
		d->errors++;
	}
	for (size_t i = 0; i < d->t.n_fields && err == STATUS_OK; i++) {
		char name[48];
		const char *v;

		snprintf(name, sizeof name, "f_%s", d->t.fields[i].name);
		lf_only(req, name);
		v = request_param(req, name);
		d->in.values[i] = v ? v : "";
		if (hdf_get_obj(hdf_get_obj(req->hdf, "Query"), name) != NULL && v == NULL) {
			err = reqview_set(req->hdf, "Write plain text.", "Announce.Fields.%zu.Error", i);
			d->errors++;
		} else if (strlen(d->in.values[i]) > ANNOUNCE_MAX_VALUE) {
			err = reqview_set(req->hdf, "This is too long (at most 4,000 characters).",
					  "Announce.Fields.%zu.Error", i);
			d->errors++;
		} else if (!d->t.fields[i].textarea && strchr(d->in.values[i], '\n')) {
			err = reqview_set(req->hdf, "Write one line.", "Announce.Fields.%zu.Error", i);
			d->errors++;
		}
	}
	return nerr_pass(err);
}

static NEOERR *announce_check_section(struct request *req, struct announce_draft *d)
{
	NEOERR *err = announce_find_section(req->app->db, d->section, &d->in.section_id);

	if (err != STATUS_OK && nerr_handle(&err, HR_ERR_BAD_REQUEST)) {
		d->errors++;
		return nerr_pass(hdf_set_value(req->hdf, "Announce.Errors.Section", "Choose a section from the list."));
	}
	return nerr_pass(err);
}

/* Agencies must be ticked from the list, and still be known. */
static NEOERR *announce_check_agencies(struct request *req, struct announce_draft *d)
{
	NEOERR *err = STATUS_OK;

	if (pagekit_param_list(req, "agency", d->in.agencies, ANNOUNCE_MAX_AGENCIES, &d->in.n_agencies) != 0 ||
	    d->in.n_agencies == 0) {
		err = hdf_set_value(req->hdf, "Announce.Errors.Audience", "Choose one or more agencies from the list.");
		d->errors++;
	}
	for (size_t i = 0; i < d->in.n_agencies && err == STATUS_OK && d->errors == 0; i++) {
		int known = 0;

		err = announce_agency_known(req->app->db, d->in.agencies[i], &known);
		if (err == STATUS_OK && !known) {
			err = hdf_set_value(req->hdf, "Announce.Errors.Audience", "Choose agencies from the list.");
			d->errors++;
		}
	}
	return nerr_pass(err);
}

static NEOERR *announce_check_audience(struct request *req, struct announce_draft *d)
{
	const char *audience = d->in.audience;

	if (strcmp(audience, "subscribers") == 0) {
		if (d->in.section_id != 0)
			return STATUS_OK;
		d->errors++;
		return nerr_pass(hdf_set_value(req->hdf, "Announce.Errors.Audience",
					       "To reach the employees who follow "
					       "a part of the handbook, choose the section it is about."));
	}
	if (strcmp(audience, "agencies") == 0)
		return nerr_pass(announce_check_agencies(req, d));
	if (strcmp(audience, "none") == 0)
		return STATUS_OK;
	d->errors++;
	return nerr_pass(hdf_set_value(req->hdf, "Announce.Errors.Audience", "Choose who receives it by email."));
}

/* Publish it; the audit entry names where it now stands. */
static NEOERR *announce_draft_publish(struct request *req, struct announce_draft *d)
{
	struct publish_then p = { req, &d->in, 0, 0, "" };
	NEOERR *err = announce_post(req->app->db, req->settings, &d->in, d->md, d->html, d->text, req->remote_user,
				    req->now, &p.id, &p.recipients, publish_then, &p);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(request_redirect(req, p.target));
}

/* The form again: with the preview, or with the messages. */
static NEOERR *announce_form_again(struct request *req, const struct announce_draft *d)
{
	NEOERR *err = STATUS_OK;

	if (d->html)
		err = hdf_set_value(req->hdf, "Preview.BodyHtml", d->html);
	if (err == STATUS_OK && d->html)
		err = hdf_set_value(req->hdf, "Preview.Title", d->in.title);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Announce.Title", d->in.title);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Announce.Section", d->section);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Announce.Audience", d->in.audience);
	if (err == STATUS_OK)
		err = announce_form(req, &d->t, d->in.values, d->in.agencies, d->in.n_agencies, d->errors ? 422 : 0);
	return nerr_pass(err);
}

NEOERR *page_admin_announce_post(struct request *req)
{
	struct announce_draft d;
	NEOERR *err = announce_draft_read(req, &d);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = announce_check_text(req, &d);
	if (err == STATUS_OK)
		err = announce_check_section(req, &d);
	if (err == STATUS_OK)
		err = announce_check_audience(req, &d);
	if (err == STATUS_OK && d.errors == 0)
		err = render_or_report(req, &d.in, &d.md, &d.html, &d.text, "Announce.Errors.Template", &d.errors);
	if (err == STATUS_OK && d.errors == 0 && strcmp(d.action, "publish") == 0)
		err = announce_draft_publish(req, &d);
	else if (err == STATUS_OK)
		err = announce_form_again(req, &d);
	announce_draft_free(&d);
	return nerr_pass(err);
}

/* ---- What's new ------------------------------------------------------------------ */

NEOERR *page_whats_new(struct request *req)
{
	NEOERR *err = announce_list(req->app->db, 50, req->hdf, "Announcements");

	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "What's new");
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
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Feed.Self", self);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Feed.Alternate", alt);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Feed.Base", req->settings->base_url);
	/* The feed changed when its newest entry was published. */
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Feed.Updated",
				    hdf_get_value(req->hdf, "Entries.0.Published", "2027-01-01T00:00:00Z"));
	string_init(&out);
	if (err == STATUS_OK)
		err = render_template(req->hdf, "whats_new.atom.cs", &out);
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

	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Subs.Action", "/my/subscriptions");
	if (err == STATUS_OK)
		err = pagekit_form_token(req, "/my/subscriptions", "Subs.Csrf");
	if (err == STATUS_OK && request_param(req, "saved"))
		err = hdf_set_value(req->hdf, "Subs.Saved", "1");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "What I follow");
	if (err == STATUS_OK)
		err = pagekit_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "my/subscriptions.cs");
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
		int64_t v = strtoll(values[i], &end, 10);

		if (*values[i] == '\0' || *end != '\0' || v <= 0)
			return nerr_raise(HR_ERR_BAD_REQUEST, "Choose parts of the handbook from the list.");
		ids[i] = v;
	}
	err = announce_subscribe(req->app->db, req->user.id, ids, n, req->now);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(request_redirect(req, "/my/subscriptions?saved=1"));
}
