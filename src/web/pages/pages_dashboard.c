/* The publishing pages around the editors: the dashboard, a document's
 * structure and the new-section form, the glossary list and the new-term
 * form, the audit log. See pages_dashboard.h for the addresses. */
#include "web/pages/pages_dashboard.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "publish/ackcamp.h"
#include "publish/announce.h"
#include "web/app.h"
#include "web/audit.h"
#include "content/content.h"
#include "core/errors.h"
#include "web/pages/pages.h"
#include "web/pages/pagekit.h"
#include "publish/publish.h"
#include "store/publishing.h"
#include "web/render.h"
#include "forms/reqview.h"

/* ---- GET /admin ---------------------------------------------------------------- */

NEOERR *page_admin_home(struct request *req)
{
	char today[11];
	NEOERR *err;

	page_today(req, today);
	err = content_documents(req->app->db, req->hdf, "Documents");
	if (err == STATUS_OK)
		err = publish_all_drafts(req->app->db, req->hdf, "Drafts");
	if (err == STATUS_OK)
		err = ackcamp_list(req->app->db, today, req->hdf, "Campaigns");
	if (err == STATUS_OK)
		err = announce_list(req->app->db, 5, req->hdf, "Announcements");
	if (err == STATUS_OK)
		err = publish_upcoming(req->app->db, today, req->hdf, "Upcoming");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "Publishing");
	if (err == STATUS_OK)
		err = pagekit_admin_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "admin/index.cs");
	return nerr_pass(err);
}

/* ---- Documents ------------------------------------------------------------------ */

static NEOERR *document_page(struct request *req, const char *doc, int status)
{
	struct pagekit_toc_row *rows = NULL;
	size_t n = 0;
	int64_t document_id = 0;
	int found = 0;
	char action[128];
	NEOERR *err = content_document(req->app->db, doc, req->hdf, "Document");

	if (err == STATUS_OK)
		err = store_publishing_document_id(req->app->db, doc, &document_id, &found);
	if (err == STATUS_OK)
		err = pagekit_load_structure(req->app->db, document_id, &rows, &n);
	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		char url[300];

		snprintf(url, sizeof url, "/admin/sections/%s/%s", doc, rows[i].slug);
		err = reqview_set(req->hdf, rows[i].title, "Rows.%zu.Title", i);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, rows[i].kind, "Rows.%zu.Kind", i);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, url, "Rows.%zu.EditUrl", i);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Rows.%zu.Depth=%d", i, rows[i].depth);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Rows.%zu.Latest=%d", i, rows[i].latest);
		if (err == STATUS_OK && rows[i].retired)
			err = reqview_set(req->hdf, rows[i].latest ? "retired" : "not yet published", "Rows.%zu.State",
					  i);
	}
	if (err == STATUS_OK)
		err = pagekit_place_options(req, rows, n, 0, NULL, "Places");
	snprintf(action, sizeof action, "/admin/documents/%s/sections", doc);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Create.Action", action);
	if (err == STATUS_OK)
		err = pagekit_form_token(req, action, "Create.Csrf");
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Page.Title=Edit: %s", hdf_get_value(req->hdf, "Document.Title", ""));
	if (err == STATUS_OK)
		err = pagekit_admin_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "admin/document.cs");
	if (err == STATUS_OK && status)
		req->status = status;
	free(rows);
	return nerr_pass(err);
}

NEOERR *page_admin_document(struct request *req)
{
	return nerr_pass(document_page(req, req->args[0], 0));
}

NEOERR *page_admin_section_create(struct request *req)
{
	const char *doc = req->args[0];
	const char *title = request_param_or_empty(req, "title");
	const char *slug_in = request_param_or_empty(req, "slug");
	const char *place = request_param(req, "place");
	char slug[PUBLISH_MAX_SLUG + 1], path[256];
	int64_t parent = 0, after = 0, id = 0, document_id = 0;
	struct db *db = req->app->db;
	int found = 0;
	const char *problem = NULL, *field = NULL;
	NEOERR *err;

	err = store_publishing_document_id(db, doc, &document_id, &found);
	if (err == STATUS_OK && !found)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no such document.");
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (*slug_in)
		snprintf(slug, sizeof slug, "%.80s", slug_in);
	else
		publish_slugify(title, slug, sizeof slug);
	if (*title == '\0' || strlen(title) > PUBLISH_MAX_TITLE || strchr(title, '\n')) {
		problem = "Give the new section a title (one line, at most 200 characters).";
		field = "Title";
	} else if (strlen(slug_in) > PUBLISH_MAX_SLUG || !publish_slug_ok(slug)) {
		problem = "The address may use lower-case letters, digits and single hyphens (at most 80).";
		field = "Slug";
	} else if (pagekit_parse_place(place, &parent, &after) != 0) {
		problem = "Choose where the section goes.";
		field = "Place";
	}
	if (problem == NULL) {
		struct pagekit_audit a = { req, "section.create", path, title };

		snprintf(path, sizeof path, "/%s/%s", doc, slug);
		err = publish_create_section(db, document_id, parent, after, slug, title, pagekit_audit_then, &a, &id);
		if (err != STATUS_OK) {
			if (nerr_handle(&err, HR_ERR_CONFLICT)) {
				problem = "This document already has a section at that address: choose another.";
				field = "Slug";
			} else if (nerr_handle(&err, HR_ERR_BAD_REQUEST)) {
				problem = "A section cannot be placed there: choose another place.";
				field = "Place";
			} else {
				return nerr_pass(err);
			}
		}
	}
	if (problem != NULL) {
		char key[64];

		snprintf(key, sizeof key, "Create.Errors.%s", field);
		err = hdf_set_value(req->hdf, key, problem);
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Create.Title", title);
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Create.Slug", slug_in);
		if (err == STATUS_OK)
			err = document_page(req, doc, 422);
		return nerr_pass(err);
	}
	snprintf(path, sizeof path, "/admin/sections/%s/%s?created=1", doc, slug);
	return nerr_pass(request_redirect(req, path));
}

/* ---- Glossary ------------------------------------------------------------------------ */

struct term_list {
	struct request *req;
	int n;
};

static NEOERR *term_to_hdf(void *ctx, const struct store_publishing_term_row *r)
{
	struct term_list *l = ctx;
	HDF *hdf = l->req->hdf;
	char url[200], latest[16];
	NEOERR *err;

	snprintf(url, sizeof url, "/admin/glossary/%s", r->slug);
	snprintf(latest, sizeof latest, "%d", r->latest);
	err = reqview_set(hdf, r->term, "Terms.%d.Term", l->n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, url, "Terms.%d.EditUrl", l->n);
	if (err == STATUS_OK)
		err = reqview_set(hdf, latest, "Terms.%d.Latest", l->n);
	if (err == STATUS_OK && r->retired)
		err = reqview_set(hdf, r->latest ? "retired" : "not yet published", "Terms.%d.State", l->n);
	l->n++;
	return nerr_pass(err);
}

static NEOERR *glossary_page(struct request *req, int status)
{
	struct term_list l = { req, 0 };
	NEOERR *err = store_publishing_terms(req->app->db, term_to_hdf, &l);

	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Create.Action", "/admin/glossary");
	if (err == STATUS_OK)
		err = pagekit_form_token(req, "/admin/glossary", "Create.Csrf");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "Edit the glossary");
	if (err == STATUS_OK)
		err = pagekit_admin_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "admin/glossary.cs");
	if (err == STATUS_OK && status)
		req->status = status;
	return nerr_pass(err);
}

NEOERR *page_admin_glossary(struct request *req)
{
	return nerr_pass(glossary_page(req, 0));
}

NEOERR *page_admin_term_create(struct request *req)
{
	const char *term = request_param_or_empty(req, "term");
	char slug[PUBLISH_MAX_SLUG + 1], path[200];
	int64_t id = 0;
	const char *problem = NULL;
	struct db *db = req->app->db;
	NEOERR *err = STATUS_OK;

	publish_slugify(term, slug, sizeof slug);
	if (*term == '\0' || strlen(term) > PUBLISH_MAX_TITLE || strchr(term, '\n'))
		problem = "Write the term (one line, at most 200 characters).";
	else if (!publish_slug_ok(slug))
		problem = "The term needs at least one letter or digit.";
	if (problem == NULL) {
		struct pagekit_audit a = { req, "term.create", path, term };

		snprintf(path, sizeof path, "/glossary/%s", slug);
		err = publish_create_term(db, slug, term, req->user.id, req->now, pagekit_audit_then, &a, &id);
		if (err != STATUS_OK) {
			if (!nerr_handle(&err, HR_ERR_CONFLICT))
				return nerr_pass(err);
			problem = "The glossary already has this term: edit it instead.";
		}
	}
	if (problem != NULL) {
		err = hdf_set_value(req->hdf, "Create.Errors.Term", problem);
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Create.Term", term);
		if (err == STATUS_OK)
			err = glossary_page(req, 422);
		return nerr_pass(err);
	}
	snprintf(path, sizeof path, "/admin/glossary/%s?created=1", slug);
	return nerr_pass(request_redirect(req, path));
}

/* ---- Audit ------------------------------------------------------------------------ */

NEOERR *page_admin_audit(struct request *req)
{
	int64_t page = 1;
	const char *p = request_param(req, "page");
	NEOERR *err;

	if (hdf_get_obj(req->hdf, "Query.page") != NULL && pagekit_parse_int(p, 1000000, &page) != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The page number must be a whole number.");
	err = audit_list(req->app->db, (int)page, req->hdf, "Audit");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "Audit log");
	if (err == STATUS_OK)
		err = pagekit_admin_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "admin/audit.cs");
	return nerr_pass(err);
}
