#include "web/pages/pages.h"

#include <stdio.h>
#include <string.h>

#include "web/app.h"
#include "content/content.h"
#include "core/errors.h"
#include "content/glossary.h"
#include "publish/impact.h"
#include "web/render.h"
#include "wizard/wizards.h"

void page_today(struct request *req, char out[11])
{
	content_today(req->now, out);
}

NEOERR *page_as_of(struct request *req, char out[11])
{
	const char *as_of = request_param(req, "as_of");

	page_today(req, out);
	if (hdf_get_obj(req->hdf, "Query.as_of") == NULL)
		return STATUS_OK;
	if (as_of == NULL || !content_valid_date(as_of))
		return nerr_raise(HR_ERR_BAD_REQUEST,
				  "The date to read the handbook as of must be written YYYY-MM-DD.");
	memcpy(out, as_of, 11);
	if (strcmp(as_of, out) != 0)
		return STATUS_OK;
	{
		char query[32];
		NEOERR *err;

		snprintf(query, sizeof query, "?as_of=%s", as_of);
		err = hdf_set_value(req->hdf, "Page.AsOf", as_of);
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Page.AsOfQuery", query);
		return nerr_pass(err);
	}
}

const char *page_document_slug(struct request *req, char *buf, size_t size)
{
	const char *start = req->path + 1;
	size_t len = strcspn(start, "/");

	if (len > 4 && strncmp(start + len - 4, ".pdf", 4) == 0)
		len -= 4; /* "/handbook.pdf" */
	if (len == 0 || len >= size)
		return "";
	memcpy(buf, start, len);
	buf[len] = '\0';
	return buf;
}

NEOERR *page_home(struct request *req)
{
	char today[11];
	NEOERR *err;

	page_today(req, today);
	err = content_documents(req->app->db, req->hdf, "Documents");
	if (err == STATUS_OK)
		err = content_toc(req->app->db, "handbook", today, req->hdf, "Toc");
	if (err == STATUS_OK)
		err = wizards_home_tools(req->hdf);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "Home");
	if (err == STATUS_OK) {
		req->cacheable = 1;
		err = render_page(req, "home.cs");
	}
	return nerr_pass(err);
}

NEOERR *page_documents(struct request *req)
{
	NEOERR *err = content_documents(req->app->db, req->hdf, "Documents");

	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "Documents");
	if (err == STATUS_OK) {
		req->cacheable = 1;
		err = render_page(req, "documents.cs");
	}
	return nerr_pass(err);
}

NEOERR *page_document(struct request *req)
{
	char slug[64], today[11];
	NEOERR *err;

	err = page_as_of(req, today);
	if (err != STATUS_OK)
		return nerr_pass(err);
	page_document_slug(req, slug, sizeof slug);
	err = content_document(req->app->db, slug, req->hdf, "Document");
	if (err == STATUS_OK)
		err = content_toc(req->app->db, slug, today, req->hdf, "Toc");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", hdf_get_value(req->hdf, "Document.Title", ""));
	if (err == STATUS_OK) {
		req->cacheable = 1;
		err = render_page(req, "document.cs");
	}
	return nerr_pass(err);
}

static NEOERR *section(struct request *req, int print)
{
	char slug[64], today[11];
	NEOERR *err;

	err = page_as_of(req, today);
	if (err != STATUS_OK)
		return nerr_pass(err);
	page_document_slug(req, slug, sizeof slug);
	err = content_document(req->app->db, slug, req->hdf, "Document");
	if (err == STATUS_OK)
		err = content_section(req->app->db, slug, req->args[0], today, 0, req->hdf, "Section");
	/* At render time, so a term or section HR edits later is linked as it
	 * now reads (the page cache drops pages when the database changes). */
	if (err == STATUS_OK)
		err = glossary_link_section(req->app->db, today, slug, req->hdf, "Section");
	/* The wizards, calculators and forms that answer this section's rules. */
	if (err == STATUS_OK && strcmp(slug, "handbook") == 0) {
		const struct impact_tool *tools[8];
		size_t n = impact_tools(req->args[0], tools, sizeof tools / sizeof tools[0]);

		for (size_t i = 0; i < n && err == STATUS_OK; i++) {
			err = hdf_set_valuef(req->hdf, "Section.Tools.%zu.Name=%s", i, tools[i]->name);
			if (err == STATUS_OK)
				err = hdf_set_valuef(req->hdf, "Section.Tools.%zu.Url=%s", i, tools[i]->url);
		}
	}
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", hdf_get_value(req->hdf, "Section.Title", ""));
	if (err == STATUS_OK && print)
		err = hdf_set_value(req->hdf, "Page.Print", "1");
	if (err == STATUS_OK) {
		req->cacheable = 1;
		err = render_page(req, "section.cs");
	}
	return nerr_pass(err);
}

NEOERR *page_section(struct request *req)
{
	return nerr_pass(section(req, 0));
}

NEOERR *page_section_print(struct request *req)
{
	return nerr_pass(section(req, 1));
}

NEOERR *page_glossary(struct request *req)
{
	char today[11];
	/* The filter box (a GET form): terms whose name or definition has q. */
	const char *filter = request_param_or_empty(req, "q");
	NEOERR *err;

	page_today(req, today);
	if (strlen(filter) > 200)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The filter is too long: use at most 200 characters.");
	err = content_glossary(req->app->db, today, filter, req->hdf, "Glossary");
	if (err == STATUS_OK && *filter)
		err = hdf_set_value(req->hdf, "Glossary.Filter", filter);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "Glossary of Terms Relating to Employment");
	if (err == STATUS_OK) {
		req->cacheable = 1;
		err = render_page(req, "glossary.cs");
	}
	return nerr_pass(err);
}

/* GET /signin?return=PATH: Apache asked for credentials before this ran
 * (and browsers then send them for every path under "/", so every page
 * knows who is signed in). Back to where the person was, if that is a
 * local path; anywhere else would be an open redirect. */
NEOERR *page_signin(struct request *req)
{
	const char *back = request_param_or_empty(req, "return");
	int local = back[0] == '/' && back[1] != '/' && back[1] != '\\';

	for (const char *p = back; local && *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			local = 0;
	return nerr_pass(request_redirect(req, local ? back : "/"));
}
