/* pages_search: search, citations and glossary term pages (see pages_search.h). */
#include "pages_search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "citeindex.h"
#include "errors.h"
#include "glossary.h"
#include "json.h"
#include "pages.h"
#include "render.h"
#include "search.h"

/* A whole number from 1 to max, or 0. */
static int parse_count(const char *s, int max)
{
	long v = 0;

	if (s == NULL || *s == '\0' || strlen(s) > 6)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (*p - '0');
	}
	return v >= 1 && v <= max ? (int)v : 0;
}

static NEOERR *set_int(HDF *hdf, const char *key, int v)
{
	return nerr_pass(hdf_set_int_value(hdf, key, v));
}

static NEOERR *results_to_hdf(HDF *hdf, const struct search_results *r)
{
	NEOERR *err = STATUS_OK;
	int pages = (r->total + r->per_page - 1) / r->per_page;

	if (err == STATUS_OK) err = set_int(hdf, "Search.Total", r->total);
	if (err == STATUS_OK) err = set_int(hdf, "Search.Page", r->page);
	if (err == STATUS_OK) err = set_int(hdf, "Search.Pages", pages);
	if (err == STATUS_OK && r->n > 0) {
		err = set_int(hdf, "Search.First", (r->page - 1) * r->per_page + 1);
		if (err == STATUS_OK) err = set_int(hdf, "Search.Last", (r->page - 1) * r->per_page + (int)r->n);
	}
	if (err == STATUS_OK && r->page > 1 && r->page <= pages)
		err = set_int(hdf, "Search.PrevPage", r->page - 1);
	if (err == STATUS_OK && r->page < pages)
		err = set_int(hdf, "Search.NextPage", r->page + 1);
	if (err == STATUS_OK && r->total > 0 && r->page > pages)
		err = set_int(hdf, "Search.PastEnd", 1);
	if (err == STATUS_OK && r->any) err = set_int(hdf, "Search.Any", 1);
	if (err == STATUS_OK && r->truncated) err = set_int(hdf, "Search.Truncated", SEARCH_MAX_CLAUSES);
	if (err == STATUS_OK && r->empty) err = set_int(hdf, "Search.Empty", 1);
	if (err == STATUS_OK && r->citation) {
		err = hdf_set_value(hdf, "Search.Cite", r->cite);
		if (err == STATUS_OK) err = hdf_set_value(hdf, "Search.CiteAnchor", r->cite_anchor);
	}
	if (err == STATUS_OK && r->suggestion)
		err = hdf_set_value(hdf, "Search.Suggestion", r->suggestion);
	for (size_t i = 0; i < r->n && err == STATUS_OK; i++) {
		const struct search_result *x = &r->items[i];
		char key[64];

#define SET(name, value) \
	do { if (err == STATUS_OK) { snprintf(key, sizeof key, "Search.Results.%zu.%s", i, name); \
	     err = hdf_set_value(hdf, key, value); } } while (0)
		SET("Kind", x->kind == SEARCH_KIND_GLOSSARY ? "glossary" : "section");
		SET("Title", x->title);
		SET("TitleHtml", x->title_html);
		SET("Url", x->url);
		SET("Document", x->document);
		SET("Status", x->status);
		SET("SnippetHtml", x->snippet_html);
		SET("Cites", x->cites);
#undef SET
	}
	return nerr_pass(err);
}

NEOERR *page_search(struct request *req)
{
	const char *q = request_param_or_empty(req, "q");
	const char *page_text = request_param(req, "page");
	int page = 1;
	char today[11];
	struct search_results r;
	NEOERR *err;

	/* Present but unreadable (repeated, not a number, out of range): 400. */
	if ((page_text != NULL || hdf_get_obj(req->hdf, "Query.page") != NULL) &&
	    (page = parse_count(page_text, SEARCH_MAX_PAGE)) == 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The page number must be a whole number from 1 to %d.",
				  SEARCH_MAX_PAGE);
	page_today(req, today);
	err = search_run(req->app->db, q, today, page, SEARCH_PAGE_SIZE, &r);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = hdf_set_value(req->hdf, "Search.Query", q);
	if (err == STATUS_OK)
		err = results_to_hdf(req->hdf, &r);
	search_results_free(&r);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", *q ? "Search results" : "Search");
	if (err == STATUS_OK)
		err = render_page(req, "search.cs");
	return nerr_pass(err);
}

NEOERR *page_api_search(struct request *req)
{
	const char *q = request_param(req, "q");
	const char *limit_text = request_param(req, "limit");
	int limit = 10;
	char today[11];
	struct search_results r;
	json_writer w;
	NEOERR *err;

	if (q == NULL || q[strspn(q, " \t\r\n")] == '\0')
		return nerr_raise(HR_ERR_BAD_REQUEST, "Give the text to search for as the parameter q (once).");
	if ((limit_text != NULL || hdf_get_obj(req->hdf, "Query.limit") != NULL) &&
	    (limit = parse_count(limit_text, SEARCH_API_MAX_LIMIT)) == 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "limit must be a whole number from 1 to %d.", SEARCH_API_MAX_LIMIT);
	page_today(req, today);
	err = search_run(req->app->db, q, today, 1, limit, &r);
	if (err != STATUS_OK)
		return nerr_pass(err);
	json_init(&w);
	json_object_begin(&w);
	json_key(&w, "query");
	json_string(&w, q);
	json_key(&w, "total");
	json_int(&w, r.total);
	json_key(&w, "suggestion");
	json_string(&w, r.suggestion);     /* NULL is null */
	json_key(&w, "results");
	json_array_begin(&w);
	for (size_t i = 0; i < r.n; i++) {
		const struct search_result *x = &r.items[i];

		json_object_begin(&w);
		json_key(&w, "kind");
		json_string(&w, x->kind == SEARCH_KIND_GLOSSARY ? "glossary" : "section");
		json_key(&w, "title");
		json_string(&w, x->title);
		json_key(&w, "url");
		json_string(&w, x->url);
		json_key(&w, "snippet");
		json_string(&w, x->snippet_html);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_object_end(&w);
	if (json_finish(&w) != 0)
		err = nerr_raise(NERR_NOMEM, "search JSON");
	else
		err = request_set_body(req, 200, "application/json", json_data(&w), json_len(&w));
	json_free(&w);
	search_results_free(&r);
	return nerr_pass(err);
}

NEOERR *page_citations(struct request *req)
{
	char today[11];
	NEOERR *err;

	page_today(req, today);
	err = citeindex_list(req->app->db, today, req->hdf, "Citations");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "Laws and regulations cited");
	if (err == STATUS_OK) {
		req->cacheable = 1;
		err = render_page(req, "citations.cs");
	}
	return nerr_pass(err);
}

NEOERR *page_glossary_term(struct request *req)
{
	char today[11];
	NEOERR *err;

	page_today(req, today);
	err = glossary_term_page(req->app->db, today, req->args[0], req->hdf, "Term");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", hdf_get_value(req->hdf, "Term.Term", "Glossary"));
	if (err == STATUS_OK) {
		req->cacheable = 1;
		err = render_page(req, "glossary_term.cs");
	}
	return nerr_pass(err);
}
