/* pages_rules_api.c: the rules' JSON API (see pages_rules_api.h): the
 * answers of the wizards and calculators, and every citation. */
#include "web/pages/pages_rules_api.h"

#include "core/errors.h"
#include "rules/rules.h"

/* ---- JSON API -------------------------------------------------------------- */

struct api_ctx {
	struct request *req;
	const char *repeated; /* first parameter given more than once */
};

static const char *api_get(void *c, const char *name)
{
	struct api_ctx *x = c;
	const char *v = request_param(x->req, name);

	if (v == NULL && x->repeated == NULL) {
		HDF *q = hdf_get_obj(x->req->hdf, "Query");

		if (q != NULL && hdf_get_obj(q, name) != NULL)
			x->repeated = name;
	}
	return v;
}

/* fn: one of the rules_api_* answers. */
static NEOERR *api_answer(struct request *req, rules_api_status (*fn)(rules_param_get get, void *ctx, json_writer *w))
{
	struct api_ctx ctx = { req, NULL };
	json_writer w;
	rules_api_status st;
	NEOERR *err;

	json_init(&w);
	st = fn(api_get, &ctx, &w);
	/* A repeated parameter reads as absent to the parser (request_param);
	 * say what it is rather than answer from a default. */
	if (ctx.repeated != NULL && st != RULES_API_FAILED) {
		rules_param_error e = { ctx.repeated, "Give this parameter only once." };

		json_free(&w);
		json_init(&w);
		st = rules_json_param_error(&w, &e) == 0 && json_finish(&w) == 0 ? RULES_API_BAD_PARAM
										 : RULES_API_FAILED;
	}
	if (st == RULES_API_FAILED) {
		json_free(&w);
		return nerr_raise(NERR_NOMEM, "rules API answer for %s", req->path);
	}
	err = request_set_body(req, st == RULES_API_OK ? 200 : 400, "application/json; charset=utf-8", json_data(&w),
			       json_len(&w));
	json_free(&w);
	return nerr_pass(err);
}

NEOERR *page_api_fmla(struct request *req)
{
	return nerr_pass(api_answer(req, rules_api_fmla));
}
NEOERR *page_api_leave_sharing(struct request *req)
{
	return nerr_pass(api_answer(req, rules_api_leave_sharing));
}
NEOERR *page_api_return_rights(struct request *req)
{
	return nerr_pass(api_answer(req, rules_api_return_rights));
}
NEOERR *page_api_annual_leave(struct request *req)
{
	return nerr_pass(api_answer(req, rules_api_annual_leave));
}
NEOERR *page_api_sick_leave(struct request *req)
{
	return nerr_pass(api_answer(req, rules_api_sick_leave));
}
NEOERR *page_api_holidays(struct request *req)
{
	return nerr_pass(api_answer(req, rules_api_holidays));
}

/* {"citations": [{"cite", "slug", "url"}]}: every pair the rules can give,
 * so other tools (and the tests) can check them against the handbook. */
NEOERR *page_api_citations(struct request *req)
{
	size_t n;
	const rules_citation *c = rules_all_citations(&n);
	json_writer w;
	char url[160];
	NEOERR *err;

	json_init(&w);
	json_object_begin(&w);
	json_key(&w, "citations");
	json_array_begin(&w);
	for (size_t i = 0; i < n; i++) {
		json_object_begin(&w);
		json_key(&w, "cite");
		json_string(&w, c[i].cite);
		json_key(&w, "slug");
		json_string(&w, c[i].slug);
		json_key(&w, "url");
		json_string(&w, rules_citation_url(&c[i], url, sizeof url) < 0 ? NULL : url);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_object_end(&w);
	if (json_finish(&w) != 0) {
		json_free(&w);
		return nerr_raise(NERR_NOMEM, "citations JSON");
	}
	err = request_set_body(req, 200, "application/json; charset=utf-8", json_data(&w), json_len(&w));
	json_free(&w);
	return nerr_pass(err);
}
