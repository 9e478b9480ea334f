/* pages_wizards.c: the wizard pages and the index of wizards and
 * calculators (see pages_wizards.h).
 *
 * A wizard step is a GET form whose action is its own URL with go=1; a
 * valid answer redirects (303) to the next step that applies, carrying
 * every answer in the query, so reloading or going back never resubmits
 * anything and no state lives on the server. A step URL reached without
 * the answers it depends on shows the first step that lacks them, with
 * the message next to the field (400). */
#include "web/pages/pages_wizards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "web/render.h"
#include "rules/rules.h"
#include "wizard/wizard.h"
#include "wizard/wizards.h"
#include "wizard/wizres.h"
#include "web/pages/wizkit.h"

/* ---- Helpers ------------------------------------------------------------- */

static NEOERR *add_compare(struct request *req, int *n, const char *label, const char *state, const char *federal)
{
	NEOERR *err = hdf_set_valuef(req->hdf, "Result.Compare.Rows.%d.Label=%s", *n, label);

	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.Compare.Rows.%d.State=%s", *n, state);
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.Compare.Rows.%d.Federal=%s", *n, federal);
	if (err == STATUS_OK && strcmp(state, federal) != 0)
		err = hdf_set_valuef(req->hdf, "Result.Compare.Rows.%d.Differs=1", *n);
	(*n)++;
	return nerr_pass(err);
}

static const char *yes_no(bool b)
{
	return b ? "Yes" : "No";
}

/* ---- Index ------------------------------------------------------------- */

static const struct {
	const char *url, *title, *summary;
} calculators[] = {
	{ "/calculators/annual-leave", "Annual leave calculator",
	  "How many days of annual (vacation) leave you earn a year and each month, and the most you "
	  "can carry into the next year, by months of service and workweek." },
	{ "/calculators/sick-leave", "Sick leave calculator",
	  "How much sick leave you earn, and the 10-day bonuses after 120 and 240 months of service." },
	{ "/calculators/holidays", "State holidays",
	  "The state holidays of any year from 1990 to 2100, with the days offices close when a "
	  "holiday falls on a weekend, as a list or a calendar file." },
};

NEOERR *page_wizards_index(struct request *req)
{
	size_t n;
	const struct wizard_def *const *all = wizards_all(&n);
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		err = hdf_set_valuef(req->hdf, "Wizards.%zu.Url=/wizards/%s", i, all[i]->slug);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Wizards.%zu.Title=%s", i, all[i]->title);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Wizards.%zu.Summary=%s", i, all[i]->summary);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Wizards.%zu.Api=%s", i, all[i]->api_path);
	}
	for (size_t i = 0; i < sizeof calculators / sizeof calculators[0] && err == STATUS_OK; i++) {
		err = hdf_set_valuef(req->hdf, "Calculators.%zu.Url=%s", i, calculators[i].url);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Calculators.%zu.Title=%s", i, calculators[i].title);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Calculators.%zu.Summary=%s", i, calculators[i].summary);
	}
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Page.Title", "Wizards and calculators");
	if (err == STATUS_OK)
		err = render_page(req, "wizards.cs");
	return nerr_pass(err);
}

/* ---- Wizard results ---------------------------------------------------- */

/* The answers read (params: the rules_params_* verdict, pe its message)
 * and room for their result (some are 15 KB: kept off the FastCGI stack). */
static NEOERR *result_alloc(int params, const rules_param_error *pe, size_t size, const char *what, void **out)
{
	if (params != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "%s", pe->message);
	*out = malloc(size);
	if (*out == NULL)
		return nerr_raise(NERR_NOMEM, "%s", what);
	return STATUS_OK;
}

/* evaluated: the rules_*_evaluate verdict; a failed one frees *r. */
static NEOERR *result_evaluated(int evaluated, void **r)
{
	if (evaluated == 0)
		return STATUS_OK;
	free(*r);
	*r = NULL;
	return nerr_raise(HR_ERR_BAD_REQUEST, "These answers could not be evaluated.");
}

/* The answers, checked and evaluated; on success *out is the caller's to
 * free. */
static NEOERR *fmla_evaluate(struct wz_answers *a, rules_fmla_input *in, rules_fmla_result **out)
{
	rules_param_error pe;
	void *r = NULL;
	NEOERR *err = result_alloc(rules_params_fmla(wz_rules_get, a, in, &pe), &pe, sizeof **out, "FMLA result", &r);

	if (err == STATUS_OK)
		err = result_evaluated(rules_fmla_evaluate(in, r), &r);
	*out = r;
	return nerr_pass(err);
}

/* The answer and the figures behind it. */
static NEOERR *fmla_outcome_hdf(struct request *req, const rules_fmla_input *in, const rules_fmla_result *r)
{
	char b1[64];
	int nf = 0;
	NEOERR *err = hdf_set_value(req->hdf, "Result.Eligible", r->eligible ? "1" : "0");

	if (err == STATUS_OK)
		err = hdf_set_value(
			req->hdf, "Result.Outcome",
			r->eligible ? "Yes: you are eligible for family and medical leave for this reason."
				    : "No: you are not eligible for family and medical leave for this request.");
	/* The wizard skips what cannot change a "no" (wizards.c): say so. */
	if (err == STATUS_OK && !r->eligible)
		err = hdf_set_value(req->hdf, "Result.Decided",
				    "Your answers already decide this under both the "
				    "state rules and the federal FMLA, so the wizard asked nothing more. The reasons "
				    "are below.");
	if (err == STATUS_OK)
		err = wizkit_figure(req, &nf, "Leave you are entitled to",
				    !r->eligible                 ? "None"
				    : r->entitlement_weeks == 26 ? "26 workweeks in a single 12-month period"
								 : "12 weeks in the calendar year");
	if (err == STATUS_OK && r->eligible)
		err = wizkit_figure(req, &nf, "Weeks remaining",
				    wizkit_fmt_qty(r->remaining_weeks, "week", "weeks", b1, sizeof b1));
	if (err == STATUS_OK && in->reason != RULES_FMLA_REASON_NOT_ASKED)
		err = wizkit_figure(req, &nf, "Who covers this reason",
				    !r->reason_covered ? "Neither the state rules nor the federal FMLA"
				    : r->state_only    ? "The state rules only (the federal FMLA alone would not)"
						       : "The state rules and the federal FMLA");
	if (err == STATUS_OK)
		err = wizkit_figure(req, &nf, "Months of state service (12 needed)",
				    wizkit_fmt_qty(in->service_months, "month", "months", b1, sizeof b1));
	if (err == STATUS_OK)
		err = wizkit_figure(req, &nf, "Hours worked or on paid leave (1,250 needed)",
				    wizkit_fmt_qty(in->hours, "hour", "hours", b1, sizeof b1));
	if (err == STATUS_OK && r->eligible)
		err = wizkit_figure(req, &nf, "Intermittent or reduced-schedule leave",
				    r->intermittent_required ? "Must be granted when medically necessary"
							     : "Only if your agency permits it");
	return nerr_pass(err);
}

/* The state rules beside the federal FMLA alone. */
static NEOERR *fmla_compare_hdf(struct request *req, const rules_fmla_input *in, const rules_fmla_result *r)
{
	const rules_fmla_federal *f = &r->federal;
	const char *not_asked = "Not asked: the service decides";
	int asked = in->reason != RULES_FMLA_REASON_NOT_ASKED;
	char b1[64], b2[64];
	int nc = 0;
	NEOERR *err = add_compare(req, &nc, "Eligible for this leave", yes_no(r->eligible), yes_no(f->eligible));

	if (err == STATUS_OK)
		err = add_compare(req, &nc, "Hours counted toward the 1,250",
				  wizkit_fmt_qty(in->hours, "hour", "hours", b1, sizeof b1),
				  wizkit_fmt_qty(f->hours_counted, "hour", "hours", b2, sizeof b2));
	if (err == STATUS_OK)
		err = add_compare(req, &nc, "Reason and family member covered",
				  asked ? yes_no(r->reason_covered) : not_asked,
				  asked ? yes_no(f->reason_covered) : not_asked);
	if (err == STATUS_OK)
		err = add_compare(req, &nc, "Weeks of leave",
				  wizkit_fmt_qty(r->entitlement_weeks, "week", "weeks", b1, sizeof b1),
				  wizkit_fmt_qty(f->entitlement_weeks, "week", "weeks", b2, sizeof b2));
	if (err == STATUS_OK)
		err = add_compare(req, &nc, "Weeks remaining",
				  wizkit_fmt_qty(r->remaining_weeks, "week", "weeks", b1, sizeof b1),
				  wizkit_fmt_qty(f->remaining_weeks, "week", "weeks", b2, sizeof b2));
	if (err == STATUS_OK && f->shared_with_spouse)
		err = add_compare(req, &nc, "Bonding leave when both spouses work for the state", "12 weeks each",
				  "12 weeks for the two of you together");
	if (err == STATUS_OK)
		err = add_compare(req, &nc, "Running it alongside your paid leave",
				  "Your choice: at the same time or after",
				  "Your employer may require at the same time");
	for (size_t i = 0; i < f->n_differences && err == STATUS_OK; i++)
		err = hdf_set_valuef(req->hdf, "Result.Compare.Differences.%zu=%s", i, f->differences[i]);
	return nerr_pass(err);
}

/* What to do next: the request form and the PDF start from these
 * answers (api_query), then the handbook. */
static NEOERR *fmla_links_hdf(struct request *req, const rules_fmla_input *in, const rules_fmla_result *r,
			      const char *api_query)
{
	char url[2048];
	int nl = 0;
	NEOERR *err;

	snprintf(url, sizeof url, "/forms/fmla/new?%s", api_query);
	err = wizkit_link(req, &nl, url, "Start a family and medical leave request",
			  r->eligible ? "The request form starts from these answers."
				      : "You can still ask; HR reviews every request. The form starts from "
					"these answers.");
	snprintf(url, sizeof url, "/forms/wizard/fmla/pdf?%s", api_query);
	if (err == STATUS_OK)
		err = wizkit_link(req, &nl, url, "Keep this answer as a PDF document",
				  "Dated and with its citations, to print or attach (you sign in first).");
	if (err == STATUS_OK)
		err = wizkit_handbook_link(req, &nl, "family-and-medical-leave-act-fmla",
					   "The full rules, notice and medical certification.");
	if (err == STATUS_OK &&
	    (in->reason == RULES_FMLA_BIRTH || in->reason == RULES_FMLA_PLACEMENT || !r->employee_eligible))
		err = wizkit_handbook_link(req, &nl, "sick-leave",
					   "Using sick leave for bonding or when "
					   "family and medical leave does not apply.");
	return nerr_pass(err);
}

static NEOERR *fmla_result(struct request *req, struct wz_answers *a, const char *api_query)
{
	rules_fmla_input in;
	rules_fmla_result *r = NULL;
	NEOERR *err = fmla_evaluate(a, &in, &r);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = fmla_outcome_hdf(req, &in, r);
	if (err == STATUS_OK)
		err = fmla_compare_hdf(req, &in, r);
	if (err == STATUS_OK)
		err = wizkit_explain(req, &r->explain);
	if (err == STATUS_OK)
		err = fmla_links_hdf(req, &in, r, api_query);
	free(r);
	return nerr_pass(err);
}

static NEOERR *leave_sharing_evaluate(struct wz_answers *a, rules_leave_sharing_input *in,
				      rules_leave_sharing_result **out)
{
	rules_param_error pe;
	void *r = NULL;
	NEOERR *err = result_alloc(rules_params_leave_sharing(wz_rules_get, a, in, &pe), &pe, sizeof **out,
				   "leave sharing result", &r);

	if (err == STATUS_OK)
		err = result_evaluated(rules_leave_sharing_evaluate(in, r), &r);
	*out = r;
	return nerr_pass(err);
}

/* The answer and the figures behind it, for a donor or a recipient. */
static NEOERR *leave_sharing_outcome_hdf(struct request *req, const rules_leave_sharing_input *in,
					 const rules_leave_sharing_result *r)
{
	bool donor = in->role == RULES_LS_DONOR, sick = in->program == RULES_LS_SICK;
	char b1[64], b2[128];
	int nf = 0;
	NEOERR *err;

	snprintf(b2, sizeof b2,
		 donor ? (r->eligible ? "Yes: you can give %s leave." : "No: you cannot give %s leave now.")
		       : (r->eligible ? "Yes: you can apply to receive donated %s leave."
				      : "No: you cannot receive donated %s leave now."),
		 sick ? "sick" : "annual");
	err = hdf_set_value(req->hdf, "Result.Eligible", r->eligible ? "1" : "0");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Result.Outcome", b2);
	if (err == STATUS_OK && donor) {
		err = wizkit_figure(req, &nf, "Most you can give",
				    r->max_donation >= r->min_donation
					    ? wizkit_fmt_qty(r->max_donation, "hour", "hours", b1, sizeof b1)
					    : "None now");
		if (err == STATUS_OK)
			err = wizkit_figure(req, &nf, "Least you can give at a time",
					    wizkit_fmt_qty(r->min_donation, "hour", "hours", b1, sizeof b1));
		if (err == STATUS_OK)
			err = wizkit_figure(req, &nf, "Balance you must keep", "75 hours");
	} else if (err == STATUS_OK && r->eligible) {
		/* What the rule allows, not what was typed: the annual program's
		 * cap, or the sick program's absence of one. */
		err = wizkit_figure(
			req, &nf, "Most you can receive",
			sick ? "No fixed maximum: the appointing authority, with the Secretary of the Personnel "
			       "Cabinet's approval, decides, never more than you ask for (101 KAR 2:105)"
			     : "200 hours for each qualifying event (101 KAR 2:106)");
		if (err == STATUS_OK && in->hours_requested >= 0)
			err = wizkit_figure(req, &nf, "You asked for",
					    wizkit_fmt_qty(in->hours_requested, "hour", "hours", b1, sizeof b1));
		if (err == STATUS_OK && r->has_max_hours && in->hours_requested > r->max_hours)
			err = wizkit_figure(req, &nf, "So at most, for this request",
					    wizkit_fmt_qty(r->max_hours, "hour", "hours", b1, sizeof b1));
	}
	if (err == STATUS_OK && !donor)
		err = wizkit_figure(req, &nf, "Working days in a row (10 needed)",
				    wizkit_fmt_qty(in->consecutive_days, "day", "days", b1, sizeof b1));
	return nerr_pass(err);
}

/* What to do next: the program's form and the PDF start from these
 * answers (api_query), then the handbook. */
static NEOERR *leave_sharing_links_hdf(struct request *req, struct wz_answers *a, const rules_leave_sharing_input *in,
				       const char *api_query)
{
	bool donor = in->role == RULES_LS_DONOR, sick = in->program == RULES_LS_SICK;
	const char *form = wizards_leave_sharing_form(wz_value(a, "role"), wz_value(a, "program"));
	char url[2048];
	int nl = 0;
	NEOERR *err = STATUS_OK;

	if (form) {
		snprintf(url, sizeof url, "/forms/%s/new?%s", form, api_query);
		err = wizkit_link(req, &nl, url,
				  donor ? (sick ? "Start a sick leave donation" : "Start an annual leave donation")
					: (sick ? "Start a sick leave sharing application"
						: "Start an annual leave sharing application"),
				  "The form starts from these answers; your supervisor and HR act on it.");
	}
	snprintf(url, sizeof url, "/forms/wizard/leave-sharing/pdf?%s", api_query);
	if (err == STATUS_OK)
		err = wizkit_link(req, &nl, url, "Keep this answer as a PDF document",
				  "Dated and with its citations, to print or attach (you sign in first).");
	if (err == STATUS_OK)
		err = wizkit_handbook_link(req, &nl, "leave-sharing-programs", "The full rules of both programs.");
	return nerr_pass(err);
}

static NEOERR *leave_sharing_result(struct request *req, struct wz_answers *a, const char *api_query)
{
	rules_leave_sharing_input in;
	rules_leave_sharing_result *r = NULL;
	NEOERR *err = leave_sharing_evaluate(a, &in, &r);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = leave_sharing_outcome_hdf(req, &in, r);
	if (err == STATUS_OK)
		err = wizkit_explain(req, &r->explain);
	if (err == STATUS_OK)
		err = leave_sharing_links_hdf(req, a, &in, api_query);
	free(r);
	return nerr_pass(err);
}

static NEOERR *return_rights_evaluate(struct wz_answers *a, rules_return_rights_input *in,
				      rules_return_rights_result **out)
{
	rules_param_error pe;
	void *r = NULL;
	NEOERR *err = result_alloc(rules_params_return_rights(wz_rules_get, a, in, &pe), &pe, sizeof **out,
				   "return rights result", &r);

	if (err == STATUS_OK)
		err = result_evaluated(rules_return_rights_evaluate(in, r), &r);
	*out = r;
	return nerr_pass(err);
}

static NEOERR *return_rights_result(struct request *req, struct wz_answers *a, const char *api_query)
{
	rules_return_rights_input in;
	rules_return_rights_result *r = NULL;
	char outcome[256], url[2048];
	int nf = 0, nl = 0;
	NEOERR *err = return_rights_evaluate(a, &in, &r);

	if (err != STATUS_OK)
		return nerr_pass(err);
	wizres_return_rights_outcome(r, outcome, sizeof outcome);
	err = hdf_set_value(req->hdf, "Result.Eligible",
			    r->reversion || r->reemployment || r->reinstatement ? "1" : "0");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Result.Outcome", outcome);
	if (err == STATUS_OK)
		err = wizkit_figure(req, &nf, "Reversion rights", yes_no(r->reversion));
	if (err == STATUS_OK)
		err = wizkit_figure(req, &nf, "Reemployment rights", yes_no(r->reemployment));
	if (err == STATUS_OK)
		err = wizkit_figure(req, &nf, "Reinstatement privileges", yes_no(r->reinstatement));
	if (err == STATUS_OK && in.event == RULES_RR_SEPARATED_UNCLASSIFIED)
		err = wizkit_figure(req, &nf, "Career employee (192 months needed)", yes_no(r->career_employee));
	if (err == STATUS_OK)
		err = wizkit_explain(req, &r->explain);
	if (err == STATUS_OK)
		err = wizkit_handbook_link(req, &nl, "reversion-reemployment-and-reinstatement",
					   "To use these rights, contact your agency's human resource "
					   "administrator or the Personnel Cabinet.");
	if (err == STATUS_OK && in.event == RULES_RR_SEPARATED_UNCLASSIFIED)
		err = wizkit_handbook_link(req, &nl, "career-status", "What career status is and how it is earned.");
	snprintf(url, sizeof url, "/forms/wizard/return-rights/pdf?%s", api_query);
	if (err == STATUS_OK)
		err = wizkit_link(req, &nl, url, "Keep this answer as a PDF document",
				  "Dated and with its citations, to print or attach (you sign in first).");
	free(r);
	return nerr_pass(err);
}

/* ---- Wizard steps -------------------------------------------------------- */

static NEOERR *render_step(struct request *req, struct wz_answers *a, size_t step, const char *notice)
{
	const struct wizard_def *def = a->def;
	int prev = wz_prev_step(a, step);
	NEOERR *err;

	err = wz_step_hdf(a, step, req->hdf, "Step");
	if (err == STATUS_OK)
		err = wz_answers_hdf(a, step, req->hdf, "Wizard.Done");
	if (err == STATUS_OK && prev >= 0) {
		STRING url;

		string_init(&url);
		err = wz_step_url(a, (size_t)prev, &url);
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Step.BackUrl", url.buf);
		string_clear(&url);
	}
	if (err == STATUS_OK && notice)
		err = hdf_set_value(req->hdf, "Step.Notice", notice);
	if (err == STATUS_OK && step == 0)
		err = hdf_set_value(req->hdf, "Wizard.Intro", def->intro);
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Page.Title=%s%s: %s", notice ? "Check your answers: " : "", def->title,
				     def->steps[step].title);
	if (err == STATUS_OK)
		err = render_page(req, "wizard_step.cs");
	return nerr_pass(err);
}

static NEOERR *render_result(struct request *req, struct wz_answers *a)
{
	const struct wizard_def *def = a->def;
	STRING api, carry, url;
	NEOERR *err;

	string_init(&api);
	string_init(&carry);
	string_init(&url);
	err = wz_query(a, WZ_RULES, &api);
	if (err == STATUS_OK)
		err = wz_query(a, WZ_CARRY, &carry);
	if (err == STATUS_OK) {
		if (def == &wizard_fmla)
			err = fmla_result(req, a, api.buf ? api.buf : "");
		else if (def == &wizard_leave_sharing)
			err = leave_sharing_result(req, a, api.buf ? api.buf : "");
		else
			err = return_rights_result(req, a, api.buf ? api.buf : "");
	}
	if (err == STATUS_OK)
		err = wz_answers_hdf(a, a->n_steps, req->hdf, "Wizard.Done");
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.ApiUrl=%s?%s", def->api_path, api.buf ? api.buf : "");
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.PrintUrl=/wizards/%s/result?%s%sprint=1", def->slug,
				     carry.buf ? carry.buf : "", carry.len ? "&" : "");
	if (err == STATUS_OK) {
		int prev = wz_prev_step(a, a->n_steps);

		if (prev >= 0) {
			err = wz_step_url(a, (size_t)prev, &url);
			if (err == STATUS_OK)
				err = hdf_set_value(req->hdf, "Result.BackUrl", url.buf);
		}
	}
	if (err == STATUS_OK && wizkit_want_print(req))
		err = hdf_set_value(req->hdf, "Page.Print", "1");
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Page.Title=%s: your answer", def->title);
	if (err == STATUS_OK)
		err = render_page(req, "wizard_result.cs");
	string_clear(&api);
	string_clear(&carry);
	string_clear(&url);
	return nerr_pass(err);
}

static NEOERR *redirect_to_step(struct request *req, struct wz_answers *a, size_t step)
{
	STRING url;
	NEOERR *err;

	string_init(&url);
	err = wz_step_url(a, step, &url);
	if (err == STATUS_OK)
		err = request_redirect(req, url.buf);
	string_clear(&url);
	return nerr_pass(err);
}

/* target: the step the address names, or n_steps for the result. */
static NEOERR *wizard_page(struct request *req, const struct wizard_def *def, size_t target)
{
	struct wz_answers a;
	rules_param_error pe;
	int go = request_param(req, "go") != NULL;
	int bad;
	size_t upto;

	if (wz_load(&a, def, wizkit_query_get, req) != 0)
		return nerr_raise(NERR_ASSERT, "wizard %s has too many questions", def->slug);
	if (hdf_set_value(req->hdf, "Wizard.Title", def->title) != STATUS_OK ||
	    hdf_set_value(req->hdf, "Wizard.Slug", def->slug) != STATUS_OK)
		return nerr_raise(NERR_NOMEM, "wizard data");
	if (target > a.n_steps)
		target = a.n_steps;
	upto = target == a.n_steps ? target : target + (go ? 1 : 0);
	bad = wz_walk(&a, upto);
	if (bad < 0)
		bad = wz_check_rules(&a, &pe);
	if (bad == -2)
		return nerr_raise(HR_ERR_BAD_REQUEST, "%s", pe.message);
	if (bad >= 0) {
		req->status = 400;
		return nerr_pass(render_step(
			req, &a, (size_t)bad,
			(size_t)bad < target
				? "An earlier answer is missing or needs correcting. Please answer this question "
				  "first; your other answers are kept."
				: "Please correct the answer marked below."));
	}
	if (target == a.n_steps)
		return nerr_pass(render_result(req, &a));
	if (go || !wz_step_applies(&a, target))
		return nerr_pass(redirect_to_step(req, &a, wz_next_step(&a, target)));
	wz_open_step(&a, target);
	return nerr_pass(render_step(req, &a, target, NULL));
}

NEOERR *page_wizard_start(struct request *req)
{
	const struct wizard_def *def = wizards_find(req->args[0]);

	if (def == NULL)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no such wizard.");
	return nerr_pass(wizard_page(req, def, 0));
}

NEOERR *page_wizard_step(struct request *req)
{
	const struct wizard_def *def = wizards_find(req->args[0]);
	int step;

	if (def == NULL)
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no such wizard.");
	if (strcmp(req->args[1], "result") == 0) {
		size_t n = 0;

		while (def->steps[n].slug)
			n++;
		return nerr_pass(wizard_page(req, def, n));
	}
	step = wz_step_index(def, req->args[1]);
	if (step < 0)
		return nerr_raise(HR_ERR_NOT_FOUND, "This wizard has no such step.");
	return nerr_pass(wizard_page(req, def, (size_t)step));
}
