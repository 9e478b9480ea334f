/* pages_search: search, citations and glossary term pages (see pages_search.h). */
#include "web/pages/pages_search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search/answerbox.h"
#include "web/app.h"
#include "content/content.h"
#include "content/citeindex.h"
#include "core/errors.h"
#include "content/glossary.h"
#include "core/json.h"
#include "web/pages/pages.h"
#include "web/render.h"
#include "rules/rules.h"
#include "search/search.h"

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

	if (err == STATUS_OK)
		err = set_int(hdf, "Search.Total", r->total);
	if (err == STATUS_OK)
		err = set_int(hdf, "Search.Page", r->page);
	if (err == STATUS_OK)
		err = set_int(hdf, "Search.Pages", pages);
	if (err == STATUS_OK && r->n > 0) {
		err = set_int(hdf, "Search.First", (r->page - 1) * r->per_page + 1);
		if (err == STATUS_OK)
			err = set_int(hdf, "Search.Last", (r->page - 1) * r->per_page + (int)r->n);
	}
	if (err == STATUS_OK && r->page > 1 && r->page <= pages)
		err = set_int(hdf, "Search.PrevPage", r->page - 1);
	if (err == STATUS_OK && r->page < pages)
		err = set_int(hdf, "Search.NextPage", r->page + 1);
	if (err == STATUS_OK && r->total > 0 && r->page > pages)
		err = set_int(hdf, "Search.PastEnd", 1);
	if (err == STATUS_OK && r->any)
		err = set_int(hdf, "Search.Any", 1);
	if (err == STATUS_OK && r->truncated)
		err = set_int(hdf, "Search.Truncated", SEARCH_MAX_CLAUSES);
	if (err == STATUS_OK && r->empty)
		err = set_int(hdf, "Search.Empty", 1);
	if (err == STATUS_OK && r->citation) {
		err = hdf_set_value(hdf, "Search.Cite", r->cite);
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Search.CiteAnchor", r->cite_anchor);
	}
	if (err == STATUS_OK && r->suggestion)
		err = hdf_set_value(hdf, "Search.Suggestion", r->suggestion);
	for (size_t i = 0; i < r->n && err == STATUS_OK; i++) {
		const struct search_result *x = &r->items[i];
		char key[64];

#define SET(name, value)                                                             \
	do {                                                                         \
		if (err == STATUS_OK) {                                              \
			snprintf(key, sizeof key, "Search.Results.%zu.%s", i, name); \
			err = hdf_set_value(hdf, key, value);                        \
		}                                                                    \
	} while (0)
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

/* The answer above the results: a wizard, calculator or form the question
 * is about, else the glossary term it asks the meaning of (the first
 * glossary result whose term it names). As Answer.{Kind,Title,Url,Question,
 * Summary,SectionTitle,SectionUrl,Citations.N} or, for a term,
 * Answer.{Kind=glossary,Title,Url,DefinitionHtml,Short,SectionTitle,SectionUrl}
 * under prefix; *found says whether there is one. */
static NEOERR *answer_to_hdf(struct request *req, const char *q, const struct search_results *r, const char *today,
			     HDF *hdf, int *found)
{
	struct answerbox_tool tool;
	NEOERR *err = STATUS_OK;

	*found = 0;
	if (r->empty || r->citation)
		return STATUS_OK;
	for (size_t i = 0; i < r->n && i < 3; i++) {
		const struct search_result *x = &r->items[i];

		if (x->kind != SEARCH_KIND_GLOSSARY || !answerbox_asks_definition(q, x->title) ||
		    strncmp(x->url, "/glossary/", 10) != 0)
			continue;
		err = glossary_definition(req->app->db, today, x->url + 10, hdf, "Term");
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Kind", "glossary");
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Title", hdf_get_value(hdf, "Term.Term", x->title));
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Url", x->url);
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "DefinitionHtml", hdf_get_value(hdf, "Term.DefinitionHtml", ""));
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Short", hdf_get_value(hdf, "Term.Short", ""));
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "SectionTitle", "Glossary");
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "SectionUrl", "/handbook/" GLOSSARY_SECTION_SLUG);
		if (err == STATUS_OK)
			hdf_remove_tree(hdf, "Term");
		*found = err == STATUS_OK;
		return nerr_pass(err);
	}
	if (answerbox_match(q, (const char *const *)r->also_searched, r->nalso, &tool)) {
		char title[256], url[160];
		size_t ncites = 0;
		const rules_citation *cites = rules_all_citations(&ncites);
		int n = 0;

		*found = 1;
		err = hdf_set_value(hdf, "Kind", answerbox_kind_name(tool.kind));
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Title", tool.title);
		if (err == STATUS_OK)
			err = hdf_set_value(hdf, "Url", tool.url);
		if (err == STATUS_OK && tool.question)
			err = hdf_set_value(hdf, "Question", tool.question);
		if (err == STATUS_OK && tool.summary)
			err = hdf_set_value(hdf, "Summary", tool.summary);
		if (err == STATUS_OK && tool.section) {
			err = content_section_title(req->app->db, "handbook", tool.section, today, title, sizeof title);
			snprintf(url, sizeof url, "/handbook/%s", tool.section);
			if (err == STATUS_OK)
				err = hdf_set_value(hdf, "SectionTitle", title);
			if (err == STATUS_OK)
				err = hdf_set_value(hdf, "SectionUrl", url);
		}
		for (size_t i = 0; i < ncites && err == STATUS_OK && tool.section; i++)
			if (strcmp(cites[i].slug, tool.section) == 0)
				err = hdf_set_valuef(hdf, "Citations.%d=%s", n++, cites[i].cite);
	}
	return nerr_pass(err);
}

static NEOERR *also_to_hdf(HDF *hdf, const struct search_results *r)
{
	NEOERR *err = STATUS_OK;

	for (int i = 0; i < r->nalso && !r->also_unused && err == STATUS_OK; i++)
		err = hdf_set_valuef(hdf, "Search.Also.%d=%s", i, r->also_searched[i]);
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
	if (err == STATUS_OK)
		err = also_to_hdf(req->hdf, &r);
	if (err == STATUS_OK && page == 1) {
		HDF *answer;
		int found = 0;

		err = hdf_get_node(req->hdf, "Search.Answer", &answer);
		if (err == STATUS_OK)
			err = answer_to_hdf(req, q, &r, today, answer, &found);
		if (err == STATUS_OK && !found)
			hdf_remove_tree(req->hdf, "Search.Answer");
	}
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
	int limit = 10, found = 0;
	char today[11];
	struct search_results r;
	HDF *answer;
	json_writer w;
	NEOERR *err;

	if (q == NULL || q[strspn(q, " \t\r\n")] == '\0')
		return nerr_raise(HR_ERR_BAD_REQUEST, "Give the text to search for as the parameter q (once).");
	if ((limit_text != NULL || hdf_get_obj(req->hdf, "Query.limit") != NULL) &&
	    (limit = parse_count(limit_text, SEARCH_API_MAX_LIMIT)) == 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "limit must be a whole number from 1 to %d.",
				  SEARCH_API_MAX_LIMIT);
	page_today(req, today);
	err = search_run(req->app->db, q, today, 1, limit, &r);
	if (err != STATUS_OK)
		return nerr_pass(err);
	answer = NULL;
	err = hdf_init(&answer);
	if (err == STATUS_OK)
		err = answer_to_hdf(req, q, &r, today, answer, &found);
	if (err != STATUS_OK) {
		hdf_destroy(&answer);
		search_results_free(&r);
		return nerr_pass(err);
	}
	json_init(&w);
	json_object_begin(&w);
	json_key(&w, "query");
	json_string(&w, q);
	json_key(&w, "total");
	json_int(&w, r.total);
	json_key(&w, "suggestion");
	json_string(&w, r.suggestion); /* NULL is null */
	json_key(&w, "also_searched");
	json_array_begin(&w);
	for (int i = 0; i < r.nalso && !r.also_unused; i++)
		json_string(&w, r.also_searched[i]);
	json_array_end(&w);
	json_key(&w, "answer");
	if (!found) {
		json_string(&w, NULL); /* null */
	} else {
		static const char *const fields[][2] = {
			{ "kind", "Kind" },
			{ "title", "Title" },
			{ "url", "Url" },
			{ "question", "Question" },
			{ "summary", "Summary" },
			{ "definition", "DefinitionHtml" },
			{ "section_title", "SectionTitle" },
			{ "section_url", "SectionUrl" },
		};
		HDF *c;

		json_object_begin(&w);
		for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
			if (hdf_get_value(answer, fields[i][1], NULL)) {
				json_key(&w, fields[i][0]);
				json_string(&w, hdf_get_value(answer, fields[i][1], NULL));
			}
		json_key(&w, "citations");
		json_array_begin(&w);
		for (c = hdf_get_child(answer, "Citations"); c; c = hdf_obj_next(c))
			json_string(&w, hdf_obj_value(c));
		json_array_end(&w);
		json_object_end(&w);
	}
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
	hdf_destroy(&answer);
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
