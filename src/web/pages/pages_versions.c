/* Pages about a section's versions: its history, any one version, a
 * word-level comparison of two, and a whole document as one PDF (current
 * or as of a date). */
#include "web/pages/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/app.h"
#include "content/content.h"
#include "core/diff.h"
#include "core/errors.h"
#include "pdf/pdf.h"
#include "web/render.h"

/* A version number from the URL or a parameter: 1..99999, else 404/400. */
static int version_number(const char *s)
{
	char *end;
	long v;

	if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 5)
		return 0;
	v = strtol(s, &end, 10);
	return *end == '\0' ? (int)v : 0;
}

NEOERR *page_section_history(struct request *req)
{
	char doc[64], today[11];
	NEOERR *err;

	page_today(req, today);
	page_document_slug(req, doc, sizeof doc);
	err = content_document(req->app->db, doc, req->hdf, "Document");
	if (err == STATUS_OK)
		err = content_section(req->app->db, doc, req->args[0], today, 0, req->hdf, "Section");
	if (err == STATUS_OK)
		err = content_section_history(req->app->db, doc, req->args[0], today, req->hdf, "History");
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Page.Title=History of %s",
				     hdf_get_value(req->hdf, "Section.Title", ""));
	if (err == STATUS_OK)
		err = render_page(req, "section_history.cs");
	return nerr_pass(err);
}

NEOERR *page_section_version(struct request *req)
{
	char doc[64], today[11];
	int version = version_number(req->args[1]);
	NEOERR *err;

	if (version == 0)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no such version of this section.");
	page_today(req, today);
	page_document_slug(req, doc, sizeof doc);
	err = content_document(req->app->db, doc, req->hdf, "Document");
	if (err == STATUS_OK)
		err = content_section(req->app->db, doc, req->args[0], today, 0, req->hdf, "Current");
	if (err == STATUS_OK)
		err = content_section(req->app->db, doc, req->args[0], today, version, req->hdf, "Section");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.VersionView", "1");
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Page.Title=%s (version %d)",
				     hdf_get_value(req->hdf, "Section.Title", ""), version);
	if (err == STATUS_OK)
		err = render_page(req, "section.cs");
	return nerr_pass(err);
}

NEOERR *page_section_diff(struct request *req)
{
	char doc[64], today[11];
	int from = version_number(request_param(req, "from"));
	int to = version_number(request_param(req, "to"));
	char *from_title = NULL, *from_text = NULL, *to_title = NULL, *to_text = NULL;
	STRING html;
	struct diff_stats stats;
	NEOERR *err;

	if (from == 0 || to == 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose two versions to compare (from and to).");
	page_today(req, today);
	page_document_slug(req, doc, sizeof doc);
	string_init(&html);
	err = content_document(req->app->db, doc, req->hdf, "Document");
	if (err == STATUS_OK)
		err = content_section(req->app->db, doc, req->args[0], today, 0, req->hdf, "Section");
	if (err == STATUS_OK)
		err = content_section_history(req->app->db, doc, req->args[0], today, req->hdf, "History");
	if (err == STATUS_OK)
		err = content_version_html(req->app->db, doc, req->args[0], from, &from_title, &from_text);
	if (err == STATUS_OK)
		err = content_version_html(req->app->db, doc, req->args[0], to, &to_title, &to_text);
	if (err == STATUS_OK)
		err = diff_blocks_html(from_text, to_text, &html, &stats);
	if (err == STATUS_OK && strcmp(from_title, to_title) != 0) {
		STRING titles;

		string_init(&titles);
		err = diff_html(from_title, to_title, &titles, NULL);
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Diff.TitleHtml", titles.buf ? titles.buf : "");
		string_clear(&titles);
	}
	if (err == STATUS_OK)
		err = hdf_set_int_value(req->hdf, "Diff.From", from);
	if (err == STATUS_OK)
		err = hdf_set_int_value(req->hdf, "Diff.To", to);
	if (err == STATUS_OK)
		err = hdf_set_int_value(req->hdf, "Diff.Removed", (int)stats.words_removed);
	if (err == STATUS_OK)
		err = hdf_set_int_value(req->hdf, "Diff.Added", (int)stats.words_added);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Diff.BodyHtml", html.buf ? html.buf : "");
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Page.Title=Changes to %s, version %d to %d",
				     hdf_get_value(req->hdf, "Section.Title", ""), from, to);
	if (err == STATUS_OK)
		err = render_page(req, "section_diff.cs");
	free(from_title);
	free(from_text);
	free(to_title);
	free(to_text);
	string_clear(&html);
	return nerr_pass(err);
}

static NEOERR *add_chapter(void *ctx, const char *kind, int depth, const char *title, const char *body_md)
{
	pdf_doc *doc = ctx;
	enum pdf_level level = strcmp(kind, "part") == 0 ? PDF_PART : depth >= 2 ? PDF_SUBSECTION : PDF_SECTION;

	return nerr_pass(pdf_book_chapter(doc, level, title, body_md));
}

NEOERR *page_document_pdf(struct request *req)
{
	char slug[64], as_of[11], subtitle[96], filename[128];
	pdf_doc *doc = NULL;
	unsigned char *bytes = NULL;
	size_t len = 0;
	NEOERR *err = page_as_of(req, as_of);

	page_document_slug(req, slug, sizeof slug);
	if (err == STATUS_OK)
		err = content_document(req->app->db, slug, req->hdf, "Document");
	snprintf(subtitle, sizeof subtitle, "%s as of %s",
		 hdf_get_value(req->hdf, "Page.AsOf", NULL) ? "Text" : "Current", as_of);
	if (err == STATUS_OK)
		err = pdf_book_new(&doc, hdf_get_value(req->hdf, "Document.Title", ""), subtitle);
	if (err == STATUS_OK)
		err = content_each_section(req->app->db, slug, as_of, add_chapter, doc);
	if (err == STATUS_OK)
		err = pdf_finish(doc, &bytes, &len);
	pdf_free(doc);
	if (err == STATUS_OK)
		err = request_set_body(req, 200, "application/pdf", (const char *)bytes, len);
	snprintf(filename, sizeof filename, "inline; filename=\"%s-%s.pdf\"", slug, as_of);
	if (err == STATUS_OK)
		err = request_add_header(req, "Content-Disposition", filename);
	free(bytes);
	return nerr_pass(err);
}
