#include "pages.h"

#include <string.h>

#include "app.h"
#include "content.h"
#include "errors.h"
#include "render.h"
#include "wizards.h"

void page_today(struct request *req, char out[11])
{
	content_today(req->now, out);
}

/* The document a content URL belongs to: its first path segment
 * ("/handbook/sick-leave" -> "handbook"). */
static const char *document_slug(struct request *req, char *buf, size_t size)
{
	const char *start = req->path + 1;
	size_t len = strcspn(start, "/");

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

	page_today(req, today);
	document_slug(req, slug, sizeof slug);
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

	page_today(req, today);
	document_slug(req, slug, sizeof slug);
	err = content_document(req->app->db, slug, req->hdf, "Document");
	if (err == STATUS_OK)
		err = content_section(req->app->db, slug, req->args[0], today, req->hdf, "Section");
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
	NEOERR *err;

	page_today(req, today);
	err = content_glossary(req->app->db, today, req->hdf, "Glossary");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "Glossary of Terms Relating to Employment");
	if (err == STATUS_OK) {
		req->cacheable = 1;
		err = render_page(req, "glossary.cs");
	}
	return nerr_pass(err);
}
