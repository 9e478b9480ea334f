/* The forms: list, blank form, draft, review, submit. */
#include "web/pages/pages_forms.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/app.h"
#include "web/pages/pagekit.h"
#include "web/csrf.h"
#include "core/errors.h"
#include "forms/formcheck.h"
#include "forms/formdef.h"
#include "pdf/pdf.h"
#include "web/render.h"
#include "forms/reqview.h"
#include "forms/requests.h"
#include "store/requests.h"
#include "people/users.h"
#include "forms/workflow.h"
#include "wizard/wizres.h"

#define IDEM_BYTES 16

static const char *type_name(enum field_type t)
{
	switch (t) {
	case FIELD_TEXT:
		return "text";
	case FIELD_TEXTAREA:
		return "textarea";
	case FIELD_DATE:
		return "date";
	case FIELD_HOURS:
		return "hours";
	case FIELD_NUMBER:
		return "number";
	case FIELD_SELECT:
		return "select";
	case FIELD_YESNO:
		return "yesno";
	case FIELD_CHECK:
		return "check";
	case FIELD_EMPLOYEE_ID:
		return "employee_id";
	case FIELD_PHONE:
		return "phone";
	case FIELD_ZIP:
		return "zip";
	case FIELD_STATE:
		return "state";
	}
	return "text";
}

static const struct form_def *def_or_404(const char *key)
{
	return formdef_find(key);
}

static int idem_ok(const char *s)
{
	return s != NULL && strlen(s) == 2 * IDEM_BYTES && strspn(s, "0123456789abcdef") == 2 * IDEM_BYTES;
}

/* Values from the request's parameters, for the fields of def only. */
static void collect(struct request *req, const struct form_def *def, struct form_values *v)
{
	memset(v, 0, sizeof *v);
	for (size_t i = 0; i < def->n_fields; i++) {
		const char *value = request_param(req, def->fields[i].name);

		if (value != NULL && *value != '\0')
			form_set(v, def->fields[i].name, value);
	}
}

/* The wizard's parameters carried by the form as hidden wiz_<name> fields
 * (from the query on the first visit, from the form after that). */
static NEOERR *wizard_hidden(struct request *req, const struct form_def *def, int from_query)
{
	const char *const *names = wizres_param_names(def->wizard, def->key);
	int n = 0;
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; names && names[i] && err == STATUS_OK; i++) {
		char wname[64];
		const char *value;

		snprintf(wname, sizeof wname, "wiz_%s", names[i]);
		value = request_param(req, from_query ? names[i] : wname);
		if (value == NULL || *value == '\0' || strlen(value) > RULES_PARAM_MAX_LEN)
			continue;
		err = reqview_set(req->hdf, wname, "Form.Wizard.Params.%d.Name", n);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, value, "Form.Wizard.Params.%d.Value", n);
		n++;
	}
	if (err == STATUS_OK && n > 0)
		err = hdf_set_value(req->hdf, "Form.Wizard.From", def->wizard);
	return nerr_pass(err);
}

static NEOERR *prefill(struct request *req, const struct form_field *f, char *buf, size_t size, const char **out)
{
	struct user other;
	int found = 0;
	NEOERR *err = STATUS_OK;

	*out = NULL;
	switch (f->prefill) {
	case PREFILL_NONE:
		break;
	case PREFILL_AGENCY:
		*out = req->user.agency;
		break;
	case PREFILL_SUPERVISOR_NAME:
		if (req->user.supervisor_id)
			err = users_by_id(req->app->db, req->user.supervisor_id, &other, &found);
		if (found) {
			snprintf(buf, size, "%s", other.name);
			*out = buf;
		}
		break;
	case PREFILL_AUTHORITY_NAME:
		err = users_appointing_authority(req->app->db, req->user.agency, &other, &found);
		if (found) {
			snprintf(buf, size, "%s", other.name);
			*out = buf;
		}
		break;
	case PREFILL_FIRST_NAME:
	case PREFILL_LAST_NAME: {
		const char *space = strrchr(req->user.name, ' ');

		if (space == NULL)
			snprintf(buf, size, "%s", f->prefill == PREFILL_LAST_NAME ? req->user.name : "");
		else if (f->prefill == PREFILL_LAST_NAME)
			snprintf(buf, size, "%s", space + 1);
		else
			snprintf(buf, size, "%.*s", (int)(space - req->user.name), req->user.name);
		*out = buf;
		break;
	}
	}
	return nerr_pass(err);
}

/* The form page's data: every field with its value and message. */
static NEOERR *form_to_hdf(struct request *req, const struct form_def *def, const struct form_values *v,
			   const struct form_result *r, const char *idem, const char *action)
{
	char token[CSRF_TOKEN_MAX];
	int section = -1;
	NEOERR *err = csrf_token(req, action, token);

	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Form.Key", def->key);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Form.Title", def->title);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Form.Intro", def->intro);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Form.Handbook", def->handbook);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Form.Action", action);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Form.Csrf", token);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Form.Idem", idem);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", def->title);
	for (size_t i = 0; i < def->n_fields && err == STATUS_OK; i++) {
		const struct form_field *f = &def->fields[i];
		const char *value = form_get(v, f->name);
		const char *msg = r ? formcheck_error_for(r, f->name) : NULL;
		char p[48];

		snprintf(p, sizeof p, "Form.Fields.%zu", i);
		if (f->section != NULL || section < 0) {
			section++;
			err = reqview_set(req->hdf, f->section ? f->section : "", "%s.Section", p);
		}
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, f->name, "%s.Name", p);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, f->label, "%s.Label", p);
		if (err == STATUS_OK && f->help)
			err = reqview_set(req->hdf, f->help, "%s.Help", p);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, type_name(f->type), "%s.Type", p);
		if (err == STATUS_OK && (f->flags & FIELD_REQUIRED))
			err = reqview_set(req->hdf, "1", "%s.Required", p);
		if (err == STATUS_OK && (f->type == FIELD_TEXT || f->type == FIELD_TEXTAREA))
			err = hdf_set_valuef(req->hdf, "%s.Max=%d", p, f->max);
		if (err == STATUS_OK && value)
			err = reqview_set(req->hdf, value, "%s.Value", p);
		if (err == STATUS_OK && msg)
			err = reqview_set(req->hdf, msg, "%s.Error", p);
		for (size_t k = 0; f->options && f->options[k].value && err == STATUS_OK; k++) {
			err = reqview_set(req->hdf, f->options[k].value, "%s.Options.%zu.Value", p, k);
			if (err == STATUS_OK)
				err = reqview_set(req->hdf, f->options[k].label, "%s.Options.%zu.Label", p, k);
			if (err == STATUS_OK && value && strcmp(value, f->options[k].value) == 0)
				err = reqview_set(req->hdf, "1", "%s.Options.%zu.Selected", p, k);
		}
	}
	if (r != NULL) {
		size_t shown = 0;

		for (size_t i = 0; i < r->n_errors && err == STATUS_OK; i++) {
			const struct form_field *f = formdef_field(def, r->errors[i].field);

			err = reqview_set(req->hdf, r->errors[i].message, "Form.Errors.%zu.Message", shown);
			if (err == STATUS_OK && f)
				err = reqview_set(req->hdf, f->name, "Form.Errors.%zu.Field", shown);
			if (err == STATUS_OK && f)
				err = reqview_set(req->hdf, f->label, "Form.Errors.%zu.Label", shown);
			shown++;
		}
		for (size_t i = 0; i < r->n_warnings && err == STATUS_OK; i++)
			err = reqview_set(req->hdf, r->warnings[i], "Form.Warnings.%zu", i);
		for (size_t i = 0; r->eligible_checked && i < r->explain.n_reasons && err == STATUS_OK; i++)
			err = reqview_set(req->hdf, r->explain.reasons[i], "Form.Rules.Reasons.%zu", i);
		for (size_t i = 0; r->eligible_checked && i < r->explain.n_citations && err == STATUS_OK; i++) {
			char url[160];

			if (rules_citation_url(r->explain.citations[i], url, sizeof url) < 0)
				url[0] = '\0';
			err = reqview_set(req->hdf, r->explain.citations[i]->cite, "Form.Rules.Citations.%zu.Cite", i);
			if (err == STATUS_OK)
				err = reqview_set(req->hdf, url, "Form.Rules.Citations.%zu.Url", i);
		}
		if (err == STATUS_OK && r->eligible_checked)
			err = hdf_set_value(req->hdf, "Form.Rules.Eligible", r->eligible ? "1" : "0");
	}
	if (err == STATUS_OK)
		err = pagekit_nav(req);
	return nerr_pass(err);
}

/* ---- GET /forms ----------------------------------------------------------------- */

struct drafts {
	struct request *req;
	int n;
};

static NEOERR *draft_row(void *ctx, const struct store_requests_list_row *r)
{
	struct drafts *ds = ctx;
	HDF *hdf = ds->req->hdf;
	const struct form_def *def = formdef_find(r->type);
	char when[32];
	int d = ds->n++;
	NEOERR *err;

	reqview_local_time(r->updated_at, when);
	err = hdf_set_valuef(hdf, "Drafts.%d.Id=%" PRId64, d, (int64_t)r->id);
	if (err == STATUS_OK)
		err = reqview_set(hdf, def ? def->title : r->type, "Drafts.%d.Title", d);
	if (err == STATUS_OK)
		err = reqview_set(hdf, when, "Drafts.%d.Updated", d);
	return nerr_pass(err);
}

NEOERR *page_forms_index(struct request *req)
{
	size_t n = 0;
	const struct form_def *defs = formdef_all(&n);
	struct drafts ds = { req, 0 };
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		err = reqview_set(req->hdf, defs[i].key, "Forms.%zu.Key", i);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, defs[i].title, "Forms.%zu.Title", i);
		if (err == STATUS_OK)
			err = reqview_set(req->hdf, defs[i].summary, "Forms.%zu.Summary", i);
	}
	if (err == STATUS_OK)
		err = store_requests_drafts(req->app->db, req->user.id, draft_row, &ds);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "Forms");
	if (err == STATUS_OK)
		err = pagekit_nav(req);
	if (err == STATUS_OK)
		err = render_page(req, "forms/index.cs");
	return nerr_pass(err);
}

/* ---- GET /forms/<form>/new -------------------------------------------------------- */

NEOERR *page_form_new(struct request *req)
{
	const struct form_def *def = def_or_404(req->args[0]);
	struct form_values v;
	struct form_result *r = NULL;
	char idem[2 * IDEM_BYTES + 1], action[96];
	char bufs[8][USER_NAME_MAX + 1];
	int nbuf = 0, prefilled = 0;
	NEOERR *err;

	if (def == NULL)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no such form.");
	err = csrf_random_hex(idem, IDEM_BYTES);
	if (err != STATUS_OK)
		return nerr_pass(err);
	memset(&v, 0, sizeof v);
	for (size_t i = 0; i < def->n_fields && err == STATUS_OK; i++) {
		const struct form_field *f = &def->fields[i];
		const char *value = request_param(req, f->name); /* a wizard's answer or a link */

		if (value != NULL && *value != '\0') {
			form_set(&v, f->name, value);
			prefilled = 1;
			continue;
		}
		if (f->prefill != PREFILL_NONE && nbuf < 8) {
			err = prefill(req, f, bufs[nbuf], sizeof bufs[nbuf], &value);
			if (value != NULL && *value != '\0') {
				form_set(&v, f->name, value);
				nbuf++;
			}
		}
	}
	/* Values that came in the address are checked at once, so a wizard's
	 * odd answer shows its message next to the field. */
	if (err == STATUS_OK && prefilled) {
		struct form_context ctx;

		r = calloc(1, sizeof *r);
		if (r == NULL)
			return nerr_raise(NERR_NOMEM, "form check");
		memset(&ctx, 0, sizeof ctx);
		ctx.draft = true;
		formcheck_validate(def, &v, &ctx, r);
	}
	snprintf(action, sizeof action, "/forms/%s", def->key);
	if (err == STATUS_OK)
		err = form_to_hdf(req, def, &v, r, idem, action);
	if (err == STATUS_OK)
		err = wizard_hidden(req, def, 1);
	if (err == STATUS_OK)
		err = render_page(req, "forms/form.cs");
	free(r);
	return nerr_pass(err);
}

/* ---- POST /forms/<form> ------------------------------------------------------------ */

/* The wizard's answers that came along as wiz_<name> fields (the draft
 * keeps the wizard's result, evaluated again from them). */
static void collect_wizard(struct request *req, const struct form_def *def, struct form_values *wv)
{
	const char *const *names = wizres_param_names(def->wizard, def->key);

	memset(wv, 0, sizeof *wv);
	for (size_t i = 0; names && names[i]; i++) {
		char wname[64];
		const char *value;

		snprintf(wname, sizeof wname, "wiz_%s", names[i]);
		value = request_param(req, wname);
		if (value != NULL && *value != '\0')
			form_set(wv, names[i], value);
	}
}

static NEOERR *show_form_again(struct request *req, const struct form_def *def, const struct form_values *v,
			       const struct form_result *r, const char *idem)
{
	char action[96];
	NEOERR *err;

	snprintf(action, sizeof action, "/forms/%s", def->key);
	err = form_to_hdf(req, def, v, r, idem, action);
	if (err == STATUS_OK)
		err = wizard_hidden(req, def, 0);
	if (err == STATUS_OK)
		err = render_page(req, "forms/form.cs");
	if (err == STATUS_OK)
		req->status = 422; /* the form again, with its messages */
	return nerr_pass(err);
}

NEOERR *page_form_post(struct request *req)
{
	const struct form_def *def = def_or_404(req->args[0]);
	const char *idem = request_param(req, "idem");
	const char *action = request_param_or_empty(req, "action");
	struct form_values v;
	struct form_context ctx;
	struct form_result *r;
	int64_t id = 0;
	int submitted = 0, save;
	char path[96];
	NEOERR *err;

	if (def == NULL)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no such form.");
	if (!idem_ok(idem))
		return nerr_raise(HR_ERR_BAD_REQUEST,
				  "This form is missing its key. Reload the form and send it again.");
	if (strcmp(action, "save") != 0 && strcmp(action, "review") != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Choose Save draft or Review answers.");
	save = strcmp(action, "save") == 0;
	collect(req, def, &v);
	r = calloc(1, sizeof *r);
	if (r == NULL)
		return nerr_raise(NERR_NOMEM, "form check");
	err = workflow_form_context(req->app->db, def->key, &req->user, &v, req->now, &ctx);
	ctx.draft = save;
	if (err == STATUS_OK && formcheck_validate(def, &v, &ctx, r) > 0) {
		err = show_form_again(req, def, &v, r, idem);
		free(r);
		return nerr_pass(err);
	}
	if (err == STATUS_OK) {
		struct workflow_ctx w = { req->app->db, req->settings, req->now, &req->user };
		struct form_values wv;

		collect_wizard(req, def, &wv);
		err = workflow_save_draft(&w, def, idem, &v, &wv, r->summary, &id, &submitted);
	}
	free(r);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (submitted)
		snprintf(path, sizeof path, "/requests/%" PRId64, id);
	else
		snprintf(path, sizeof path,
			 save ? "/requests/%" PRId64 "/edit?saved=1" : "/requests/%" PRId64 "/review", id);
	return nerr_pass(request_redirect(req, path));
}

/* ---- Drafts: edit, review, submit ------------------------------------------------------ */

static NEOERR *own_draft(struct request *req, struct request_row *row, int *redirected)
{
	char path[64];
	NEOERR *err = pagekit_visible_request(req, row);

	*redirected = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (row->owner_id != req->user.id)
		return nerr_raise(HR_ERR_FORBIDDEN, "Only the person who wrote this request can change it.");
	if (row->status != REQUEST_DRAFT) {
		snprintf(path, sizeof path, "/requests/%" PRId64, row->id);
		*redirected = 1;
		return nerr_pass(request_redirect(req, path));
	}
	return STATUS_OK;
}

NEOERR *page_request_edit(struct request *req)
{
	struct request_row row;
	struct request_answers ans;
	const struct form_def *def;
	char action[96];
	int redirected = 0;
	NEOERR *err = own_draft(req, &row, &redirected);

	if (err != STATUS_OK || redirected)
		return nerr_pass(err);
	def = formdef_find(row.type);
	err = requests_load_answers(req->app->db, row.id, &ans);
	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(action, sizeof action, "/forms/%s", def->key);
	err = form_to_hdf(req, def, &ans.values, NULL, row.idem_key, action);
	if (err == STATUS_OK)
		err = hdf_set_int_value(req->hdf, "Form.DraftId", (int)row.id);
	if (err == STATUS_OK && request_param(req, "saved"))
		err = hdf_set_value(req->hdf, "Form.Saved", "1");
	if (err == STATUS_OK)
		err = render_page(req, "forms/form.cs");
	requests_answers_free(&ans);
	return nerr_pass(err);
}

/* The review screen: every answer; problems, warnings and the rules'
 * answer; the signature line. */
static NEOERR *review_page(struct request *req, const struct request_row *row, const struct form_result *given,
			   const char *signature_error)
{
	const struct form_def *def = formdef_find(row->type);
	struct request_answers ans;
	struct form_context ctx;
	struct form_result *r = NULL;
	char token[CSRF_TOKEN_MAX], path[96];
	NEOERR *err = requests_load_answers(req->app->db, row->id, &ans);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (given == NULL) {
		r = calloc(1, sizeof *r);
		if (r == NULL) {
			requests_answers_free(&ans);
			return nerr_raise(NERR_NOMEM, "form check");
		}
		err = workflow_form_context(req->app->db, row->type, &req->user, &ans.values, req->now, &ctx);
		if (err == STATUS_OK)
			formcheck_validate(def, &ans.values, &ctx, r);
		given = r;
	}
	snprintf(path, sizeof path, "/requests/%" PRId64 "/submit", row->id);
	if (err == STATUS_OK)
		err = csrf_token(req, path, token);
	if (err == STATUS_OK)
		err = reqview_fill(req->app->db, row, req->now, req->hdf, "Request");
	if (err == STATUS_OK)
		err = form_to_hdf(req, def, &ans.values, given, row->idem_key, path);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Review.Csrf", token);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Review.Action", path);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Review.SignAs", req->user.name);
	if (err == STATUS_OK && signature_error)
		err = hdf_set_value(req->hdf, "Review.SignatureError", signature_error);
	if (err == STATUS_OK) {
		char title[200];

		snprintf(title, sizeof title, "Review: %s", def->title);
		err = hdf_set_value(req->hdf, "Page.Title", title);
	}
	if (err == STATUS_OK)
		err = render_page(req, "forms/review.cs");
	requests_answers_free(&ans);
	free(r);
	return nerr_pass(err);
}

NEOERR *page_request_review(struct request *req)
{
	struct request_row row;
	int redirected = 0;
	NEOERR *err = own_draft(req, &row, &redirected);

	if (err != STATUS_OK || redirected)
		return nerr_pass(err);
	return nerr_pass(review_page(req, &row, NULL, NULL));
}

NEOERR *page_request_submit(struct request *req)
{
	struct request_row row;
	struct workflow_ctx w = { req->app->db, req->settings, req->now, &req->user };
	const char *typed = request_param(req, "signature");
	struct form_result *r;
	int already = 0;
	char path[64];
	NEOERR *err = pagekit_visible_request(req, &row);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (row.owner_id != req->user.id)
		return nerr_raise(HR_ERR_FORBIDDEN, "Only the person who wrote this request can submit it.");
	snprintf(path, sizeof path, "/requests/%" PRId64, row.id);
	if (row.status != REQUEST_DRAFT)
		return nerr_pass(request_redirect(req, path)); /* sent twice: it is already in */
	if (!formcheck_signature_matches(typed, req->user.name)) {
		err = review_page(req, &row, NULL,
				  typed == NULL || *typed == '\0'
					  ? "Sign by typing your full name."
					  : "The name you typed does not match the name on your "
					    "account. Type it exactly as shown.");
		if (err == STATUS_OK)
			req->status = 422;
		return nerr_pass(err);
	}
	r = calloc(1, sizeof *r);
	if (r == NULL)
		return nerr_raise(NERR_NOMEM, "form check");
	err = workflow_submit(&w, row.id, typed, r, &already);
	if (err == STATUS_OK && r->n_errors > 0) {
		err = review_page(req, &row, r, NULL);
		if (err == STATUS_OK)
			req->status = 422;
		free(r);
		return nerr_pass(err);
	}
	free(r);
	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(request_redirect(req, path));
}

/* ---- GET /forms/wizard/<wizard>/pdf?<the wizard's parameters> ------------------------ */

static const char *query_get(void *ctx, const char *name)
{
	return request_param(ctx, name);
}

static NEOERR *draw_wizard_pdf(struct request *req, const char *title, const char *wizard, const char *form_key,
			       const struct wizres *res, unsigned char **data, size_t *len)
{
	const char *const *names = wizres_param_names(wizard, form_key);
	char today[11], ref[300], next[300];
	pdf_doc *doc = NULL;
	NEOERR *err;

	workflow_today(req->now, today);
	snprintf(ref, sizeof ref, "Checked %s for %s (employee ID %s)", today, req->user.name, req->user.employee_id);
	err = pdf_form_new(&doc, title, ref);
	if (err == STATUS_OK)
		err = pdf_form_section(doc, "Your answers");
	if (err == STATUS_OK && strcmp(wizard, "leave-sharing") == 0) {
		err = pdf_form_field(doc, "role", request_param_or_empty(req, "role"));
		if (err == STATUS_OK)
			err = pdf_form_field(doc, "program", request_param_or_empty(req, "program"));
	}
	for (size_t i = 0; names && names[i] && err == STATUS_OK; i++) {
		const char *v = request_param(req, names[i]);

		if (v != NULL && *v != '\0')
			err = pdf_form_field(doc, names[i], v);
	}
	if (err == STATUS_OK)
		err = pdf_form_section(doc, "The answer");
	if (err == STATUS_OK)
		err = pdf_form_field(doc, "Outcome", res->outcome);
	if (err == STATUS_OK)
		err = pdf_form_field(doc, "Figures", res->figures);
	if (err == STATUS_OK)
		err = pdf_form_paragraph(doc, res->reasons);
	if (err == STATUS_OK)
		err = pdf_form_section(doc, "Where the rules come from");
	if (err == STATUS_OK) {
		char cites[sizeof res->citations];
		char *p = cites;

		/* "cite<TAB>url" lines as "cite (handbook url)". */
		snprintf(cites, sizeof cites, "%s", res->citations);
		for (; (p = strchr(p, '\t')) != NULL; p++)
			*p = ' ';
		err = pdf_form_paragraph(doc, cites);
	}
	if (form_key != NULL)
		snprintf(next, sizeof next,
			 "To ask for this, file the request at %s/forms/%s/new: the portal checks "
			 "the rules again and your supervisor sees the answer.",
			 req->settings->base_url, form_key);
	else
		snprintf(next, sizeof next,
			 "To use these rights, contact your agency's human resource administrator "
			 "or the Personnel Cabinet (%s/handbook/reversion-reemployment-and-reinstatement).",
			 req->settings->base_url);
	if (err == STATUS_OK)
		err = pdf_form_section(doc, "Next step");
	if (err == STATUS_OK)
		err = pdf_form_paragraph(doc, next);
	if (err == STATUS_OK)
		err = pdf_finish(doc, data, len);
	pdf_free(doc);
	return nerr_pass(err);
}

NEOERR *page_wizard_pdf(struct request *req)
{
	const char *wizard = req->args[0], *form_key = NULL, *title = NULL;
	struct wizres *res;
	rules_param_error perr = { NULL, NULL };
	unsigned char *data = NULL;
	size_t len = 0;
	NEOERR *err;

	if (strcmp(wizard, "fmla") == 0) {
		form_key = "fmla";
		title = "Family and Medical Leave: What the Handbook's Rules Say";
	} else if (strcmp(wizard, "leave-sharing") == 0) {
		const char *role = request_param_or_empty(req, "role"),
			   *program = request_param_or_empty(req, "program");
		int donor = strcmp(role, "donor") == 0, sick = strcmp(program, "sick") == 0;

		if ((!donor && strcmp(role, "recipient") != 0) || (!sick && strcmp(program, "annual") != 0))
			return nerr_raise(HR_ERR_BAD_REQUEST,
					  "Give role (recipient or donor) and program (sick or annual).");
		form_key = sick ? (donor ? "sick-leave-donation" : "sick-leave-sharing")
				: (donor ? "annual-leave-donation" : "annual-leave-sharing");
		title = "Leave Sharing: What the Handbook's Rules Say";
	} else if (strcmp(wizard, "return-rights") == 0) {
		title = "Reversion, Reemployment and Reinstatement: What the Handbook's Rules Say";
	} else {
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no such wizard.");
	}
	res = calloc(1, sizeof *res);
	if (res == NULL)
		return nerr_raise(NERR_NOMEM, "wizard result");
	if (wizres_evaluate(wizard, form_key, query_get, req, res, NULL, &perr) != 0) {
		free(res);
		return nerr_raise(HR_ERR_BAD_REQUEST, "%s: %s", perr.field ? perr.field : "answers",
				  perr.message ? perr.message : "an answer is missing or not valid.");
	}
	err = draw_wizard_pdf(req, title, wizard, form_key, res, &data, &len);
	free(res);
	if (err == STATUS_OK)
		err = request_set_body(req, 200, "application/pdf", (const char *)data, len);
	if (err == STATUS_OK)
		err = request_add_header(req, "Content-Disposition", "inline; filename=\"wizard-result.pdf\"");
	free(data);
	return nerr_pass(err);
}
