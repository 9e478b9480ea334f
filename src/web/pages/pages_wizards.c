/* pages_wizards.c: the wizard and calculator pages (see pages_wizards.h).
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

#include "web/app.h"
#include "content/content.h"
#include "store/db.h"
#include "core/errors.h"
#include "web/render.h"
#include "rules/rules.h"
#include "wizard/wizard.h"
#include "wizard/wizards.h"
#include "wizard/wizres.h"

/* ---- Helpers ------------------------------------------------------------- */

/* A query parameter for the step engine: *bad when given twice. */
static const char *query_get(void *ctx, const char *name, int *bad)
{
	struct request *req = ctx;
	const char *v = request_param(req, name);
	HDF *q;

	*bad = 0;
	if (v == NULL) {
		q = hdf_get_obj(req->hdf, "Query");
		*bad = q != NULL && hdf_get_obj(q, name) != NULL;
	}
	return v;
}

/* "1,249.5", "75", "9.38" (at most two decimals, grouped thousands). */
static const char *fmt_num(double v, char *buf, size_t len)
{
	char raw[40], *o = buf;
	const char *p = raw;
	size_t int_len;
	double r = (double)(long long)(v * 100 + (v < 0 ? -0.5 : 0.5)) / 100;

	if (json_format_number(r, raw, sizeof raw) < 0 || len < 48) {
		snprintf(buf, len, "?");
		return buf;
	}
	if (*p == '-')
		*o++ = *p++;
	int_len = strspn(p, "0123456789");
	for (size_t i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			*o++ = ',';
		*o++ = p[i];
	}
	strcpy(o, p + int_len);
	return buf;
}

/* "12 weeks", "1 week". */
static const char *fmt_qty(double v, const char *unit, const char *units, char *buf, size_t len)
{
	char n[48];

	snprintf(buf, len, "%s %s", fmt_num(v, n, sizeof n), v == 1 ? unit : units);
	return buf;
}

static const char *const weekday_names[] = { "Sunday", "Monday", "Tuesday", "Wednesday",
					     "Thursday", "Friday", "Saturday" };
static const char *const month_names[] = { "January", "February", "March", "April", "May", "June",
					   "July", "August", "September", "October", "November",
					   "December" };

static const char *long_date(rules_date d, char *buf, size_t len)
{
	snprintf(buf, len, "%s, %s %d, %d", weekday_names[rules_weekday(d)],
		 month_names[(d.month - 1) % 12], d.day, d.year);
	return buf;
}

/* The handbook section's current title, or the slug if it is unknown. */
static NEOERR *section_title(struct request *req, const char *slug, char *buf, size_t len)
{
	char today[11];

	content_today(req->now, today);
	return nerr_pass(content_section_title(req->app->db, "handbook", slug, today, buf, len));
}

static NEOERR *set_explain(struct request *req, const rules_explain *e)
{
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < e->n_reasons && err == STATUS_OK; i++)
		err = hdf_set_valuef(req->hdf, "Result.Reasons.%zu=%s", i, e->reasons[i]);
	for (size_t i = 0; i < e->n_citations && err == STATUS_OK; i++) {
		char url[160], title[256];

		if (rules_citation_url(e->citations[i], url, sizeof url) < 0)
			continue;
		err = section_title(req, e->citations[i]->slug, title, sizeof title);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Result.Citations.%zu.Cite=%s", i, e->citations[i]->cite);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Result.Citations.%zu.Url=%s", i, url);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Result.Citations.%zu.Section=%s", i, title);
	}
	return nerr_pass(err);
}

static NEOERR *add_figure(struct request *req, int *n, const char *label, const char *value)
{
	NEOERR *err = hdf_set_valuef(req->hdf, "Result.Figures.%d.Label=%s", *n, label);

	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.Figures.%d.Value=%s", *n, value);
	(*n)++;
	return nerr_pass(err);
}

static NEOERR *add_link(struct request *req, int *n, const char *url, const char *title,
			const char *description)
{
	NEOERR *err = hdf_set_valuef(req->hdf, "Result.Requests.%d.Url=%s", *n, url);

	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.Requests.%d.Title=%s", *n, title);
	if (err == STATUS_OK && description)
		err = hdf_set_valuef(req->hdf, "Result.Requests.%d.Description=%s", *n, description);
	(*n)++;
	return nerr_pass(err);
}

static NEOERR *add_handbook_link(struct request *req, int *n, const char *slug, const char *why)
{
	char title[256], url[160], text[320];
	NEOERR *err = section_title(req, slug, title, sizeof title);

	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(url, sizeof url, "/handbook/%s", slug);
	snprintf(text, sizeof text, "Read the handbook: %s", title);
	return nerr_pass(add_link(req, n, url, text, why));
}

static NEOERR *add_compare(struct request *req, int *n, const char *label, const char *state,
			   const char *federal)
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

static int want_print(struct request *req)
{
	const char *p = request_param(req, "print");

	return p != NULL && strcmp(p, "1") == 0;
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
		err = hdf_set_value(req->hdf, "Result.Outcome", r->eligible
			? "Yes: you are eligible for family and medical leave for this reason."
			: "No: you are not eligible for family and medical leave for this request.");
	/* The wizard skips what cannot change a "no" (wizards.c): say so. */
	if (err == STATUS_OK && !r->eligible)
		err = hdf_set_value(req->hdf, "Result.Decided", "Your answers already decide this under both the "
				    "state rules and the federal FMLA, so the wizard asked nothing more. The reasons "
				    "are below.");
	if (err == STATUS_OK)
		err = add_figure(req, &nf, "Leave you are entitled to", !r->eligible ? "None"
			: r->entitlement_weeks == 26 ? "26 workweeks in a single 12-month period"
			: "12 weeks in the calendar year");
	if (err == STATUS_OK && r->eligible)
		err = add_figure(req, &nf, "Weeks remaining",
				 fmt_qty(r->remaining_weeks, "week", "weeks", b1, sizeof b1));
	if (err == STATUS_OK && in->reason != RULES_FMLA_REASON_NOT_ASKED)
		err = add_figure(req, &nf, "Who covers this reason", !r->reason_covered ? "Neither the state rules nor the federal FMLA"
			: r->state_only ? "The state rules only (the federal FMLA alone would not)"
			: "The state rules and the federal FMLA");
	if (err == STATUS_OK)
		err = add_figure(req, &nf, "Months of state service (12 needed)",
				 fmt_qty(in->service_months, "month", "months", b1, sizeof b1));
	if (err == STATUS_OK)
		err = add_figure(req, &nf, "Hours worked or on paid leave (1,250 needed)",
				 fmt_qty(in->hours, "hour", "hours", b1, sizeof b1));
	if (err == STATUS_OK && r->eligible)
		err = add_figure(req, &nf, "Intermittent or reduced-schedule leave", r->intermittent_required
			? "Must be granted when medically necessary" : "Only if your agency permits it");
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
				  fmt_qty(in->hours, "hour", "hours", b1, sizeof b1),
				  fmt_qty(f->hours_counted, "hour", "hours", b2, sizeof b2));
	if (err == STATUS_OK)
		err = add_compare(req, &nc, "Reason and family member covered",
				  asked ? yes_no(r->reason_covered) : not_asked,
				  asked ? yes_no(f->reason_covered) : not_asked);
	if (err == STATUS_OK)
		err = add_compare(req, &nc, "Weeks of leave",
				  fmt_qty(r->entitlement_weeks, "week", "weeks", b1, sizeof b1),
				  fmt_qty(f->entitlement_weeks, "week", "weeks", b2, sizeof b2));
	if (err == STATUS_OK)
		err = add_compare(req, &nc, "Weeks remaining",
				  fmt_qty(r->remaining_weeks, "week", "weeks", b1, sizeof b1),
				  fmt_qty(f->remaining_weeks, "week", "weeks", b2, sizeof b2));
	if (err == STATUS_OK && f->shared_with_spouse)
		err = add_compare(req, &nc, "Bonding leave when both spouses work for the state",
				  "12 weeks each", "12 weeks for the two of you together");
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
	err = add_link(req, &nl, url, "Start a family and medical leave request",
		       r->eligible ? "The request form starts from these answers."
		       : "You can still ask; HR reviews every request. The form starts from "
			 "these answers.");
	snprintf(url, sizeof url, "/forms/wizard/fmla/pdf?%s", api_query);
	if (err == STATUS_OK)
		err = add_link(req, &nl, url, "Keep this answer as a PDF document",
			       "Dated and with its citations, to print or attach (you sign in first).");
	if (err == STATUS_OK)
		err = add_handbook_link(req, &nl, "family-and-medical-leave-act-fmla",
					"The full rules, notice and medical certification.");
	if (err == STATUS_OK && (in->reason == RULES_FMLA_BIRTH || in->reason == RULES_FMLA_PLACEMENT ||
				 !r->employee_eligible))
		err = add_handbook_link(req, &nl, "sick-leave", "Using sick leave for bonding or when "
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
		err = set_explain(req, &r->explain);
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

	snprintf(b2, sizeof b2, donor ? (r->eligible ? "Yes: you can give %s leave."
						     : "No: you cannot give %s leave now.")
				       : (r->eligible ? "Yes: you can apply to receive donated %s leave."
						      : "No: you cannot receive donated %s leave now."),
		 sick ? "sick" : "annual");
	err = hdf_set_value(req->hdf, "Result.Eligible", r->eligible ? "1" : "0");
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Result.Outcome", b2);
	if (err == STATUS_OK && donor) {
		err = add_figure(req, &nf, "Most you can give", r->max_donation >= r->min_donation
				 ? fmt_qty(r->max_donation, "hour", "hours", b1, sizeof b1)
				 : "None now");
		if (err == STATUS_OK)
			err = add_figure(req, &nf, "Least you can give at a time",
					 fmt_qty(r->min_donation, "hour", "hours", b1, sizeof b1));
		if (err == STATUS_OK)
			err = add_figure(req, &nf, "Balance you must keep", "75 hours");
	} else if (err == STATUS_OK && r->eligible) {
		/* What the rule allows, not what was typed: the annual program's
		 * cap, or the sick program's absence of one. */
		err = add_figure(req, &nf, "Most you can receive", sick
			? "No fixed maximum: the appointing authority, with the Secretary of the Personnel "
			  "Cabinet's approval, decides, never more than you ask for (101 KAR 2:105)"
			: "200 hours for each qualifying event (101 KAR 2:106)");
		if (err == STATUS_OK && in->hours_requested >= 0)
			err = add_figure(req, &nf, "You asked for",
					 fmt_qty(in->hours_requested, "hour", "hours", b1, sizeof b1));
		if (err == STATUS_OK && r->has_max_hours && in->hours_requested > r->max_hours)
			err = add_figure(req, &nf, "So at most, for this request",
					 fmt_qty(r->max_hours, "hour", "hours", b1, sizeof b1));
	}
	if (err == STATUS_OK && !donor)
		err = add_figure(req, &nf, "Working days in a row (10 needed)",
				 fmt_qty(in->consecutive_days, "day", "days", b1, sizeof b1));
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
		err = add_link(req, &nl, url, donor ? (sick ? "Start a sick leave donation"
							     : "Start an annual leave donation")
						    : (sick ? "Start a sick leave sharing application"
							    : "Start an annual leave sharing application"),
			       "The form starts from these answers; your supervisor and HR act on it.");
	}
	snprintf(url, sizeof url, "/forms/wizard/leave-sharing/pdf?%s", api_query);
	if (err == STATUS_OK)
		err = add_link(req, &nl, url, "Keep this answer as a PDF document",
			       "Dated and with its citations, to print or attach (you sign in first).");
	if (err == STATUS_OK)
		err = add_handbook_link(req, &nl, "leave-sharing-programs", "The full rules of both programs.");
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
		err = set_explain(req, &r->explain);
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
	err = hdf_set_value(req->hdf, "Result.Eligible", r->reversion || r->reemployment || r->reinstatement
			    ? "1" : "0");
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Result.Outcome", outcome);
	if (err == STATUS_OK) err = add_figure(req, &nf, "Reversion rights", yes_no(r->reversion));
	if (err == STATUS_OK) err = add_figure(req, &nf, "Reemployment rights", yes_no(r->reemployment));
	if (err == STATUS_OK) err = add_figure(req, &nf, "Reinstatement privileges", yes_no(r->reinstatement));
	if (err == STATUS_OK && in.event == RULES_RR_SEPARATED_UNCLASSIFIED)
		err = add_figure(req, &nf, "Career employee (192 months needed)", yes_no(r->career_employee));
	if (err == STATUS_OK)
		err = set_explain(req, &r->explain);
	if (err == STATUS_OK)
		err = add_handbook_link(req, &nl, "reversion-reemployment-and-reinstatement",
					"To use these rights, contact your agency's human resource "
					"administrator or the Personnel Cabinet.");
	if (err == STATUS_OK && in.event == RULES_RR_SEPARATED_UNCLASSIFIED)
		err = add_handbook_link(req, &nl, "career-status", "What career status is and how it is earned.");
	snprintf(url, sizeof url, "/forms/wizard/return-rights/pdf?%s", api_query);
	if (err == STATUS_OK)
		err = add_link(req, &nl, url, "Keep this answer as a PDF document",
			       "Dated and with its citations, to print or attach (you sign in first).");
	free(r);
	return nerr_pass(err);
}

/* ---- Wizard steps -------------------------------------------------------- */

static NEOERR *render_step(struct request *req, struct wz_answers *a, size_t step,
			   const char *notice)
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
		err = hdf_set_valuef(req->hdf, "Page.Title=%s%s: %s", notice ? "Check your answers: " : "",
				     def->title, def->steps[step].title);
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
	if (err == STATUS_OK && want_print(req))
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

	if (wz_load(&a, def, query_get, req) != 0)
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
		return nerr_pass(render_step(req, &a, (size_t)bad, (size_t)bad < target
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

/* ---- Calculators --------------------------------------------------------- */

/* The calculator's form from the query: 1 when every field was given and
 * accepted, 0 when none was given, -1 when one is missing or refused (the
 * messages are next to the fields). */
static int calc_form(struct request *req, const struct wz_field *fields, NEOERR **errp)
{
	int given = 0, failed = 0, n = 0;

	*errp = STATUS_OK;
	for (const struct wz_field *f = fields; f->name; f++) {
		int bad;
		const char *v = query_get(req, f->name, &bad);

		if (bad || (v && *v))
			given = 1;
	}
	for (const struct wz_field *f = fields; f->name && *errp == STATUS_OK; f++, n++) {
		int bad;
		const char *v = query_get(req, f->name, &bad);
		const char *msg = given ? wz_field_check(f, v, bad) : NULL;
		char p[32];

		if (msg)
			failed = 1;
		snprintf(p, sizeof p, "Calc.Fields.%d", n);
		*errp = wz_field_hdf(f, NULL, bad ? NULL : v, msg, req->hdf, p);
	}
	return !given ? 0 : failed ? -1 : 1;
}

static const char *req_get(void *ctx, const char *name)
{
	return request_param(ctx, name);
}

static NEOERR *calc_render(struct request *req, const struct wz_field *fields, int form,
			   const char *title, const char *intro, const char *action, const char *tmpl)
{
	NEOERR *err = hdf_set_value(req->hdf, "Calc.Title", title);

	if (form < 0)
		req->status = 400;
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Calc.Intro", intro);
	if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Calc.Action", action);
	if (err == STATUS_OK && form < 0)
		err = hdf_set_value(req->hdf, "Calc.Notice", "Please correct the answer marked below.");
	if (err == STATUS_OK && form > 0 && want_print(req))
		err = hdf_set_value(req->hdf, "Page.Print", "1");
	if (err == STATUS_OK && form > 0) {
		/* The answers as the form shows them (a default year included). */
		STRING q;

		string_init(&q);
		for (int i = 0; fields[i].name && err == STATUS_OK; i++) {
			const char *v = hdf_get_valuef(req->hdf, "Calc.Fields.%d.Value", i);

			if (v != NULL)
				err = wz_query_add(&q, fields[i].name, v);
		}
		if (err == STATUS_OK)
			err = wz_query_add(&q, "print", "1");
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Result.PrintUrl=%s?%s", action, q.buf);
		string_clear(&q);
	}
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Page.Title=%s%s", form < 0 ? "Check your answers: " : "", title);
	if (err == STATUS_OK)
		err = render_page(req, tmpl);
	return nerr_pass(err);
}

/* A calculator's answer: the rules parser must agree with the form. */
static NEOERR *calc_params_failed(const rules_param_error *pe)
{
	return nerr_raise(HR_ERR_BAD_REQUEST, "%s", pe->message);
}

NEOERR *page_calc_annual_leave(struct request *req)
{
	static const char title[] = "Annual leave calculator";
	NEOERR *err;
	int form = calc_form(req, wizards_leave_calc_fields, &err);

	if (err == STATUS_OK && form > 0) {
		rules_leave_calc_input in;
		rules_param_error pe;
		rules_annual_leave_result r;
		size_t nrows;
		const rules_annual_row *rows = rules_annual_table(&nrows);
		char b1[64], b2[64], text[160];
		int nf = 0;
		double day;

		if (rules_params_leave_calc(req_get, req, &in, &pe) != 0)
			return nerr_pass(calc_params_failed(&pe));
		if (rules_annual_leave_evaluate(&in, &r) != 0)
			return nerr_raise(HR_ERR_BAD_REQUEST, "These answers could not be evaluated.");
		day = rules_week_day_hours(in.week);
		err = hdf_set_valuef(req->hdf, "Result.Outcome=You earn %d days of annual leave a year.",
				     r.days_per_year);
		snprintf(text, sizeof text, "%s (%s)", fmt_qty(r.days_per_month, "day", "days", b1, sizeof b1),
			 fmt_qty(r.hours_per_month, "hour", "hours", b2, sizeof b2));
		if (err == STATUS_OK) err = add_figure(req, &nf, "Earned each month", text);
		snprintf(text, sizeof text, "%s (%s)", fmt_qty(r.days_per_year, "day", "days", b1, sizeof b1),
			 fmt_qty(r.days_per_year * day, "hour", "hours", b2, sizeof b2));
		if (err == STATUS_OK) err = add_figure(req, &nf, "Earned each year", text);
		snprintf(text, sizeof text, "%s (%s)",
			 fmt_qty(r.max_carry_forward_days, "working day", "working days", b1, sizeof b1),
			 fmt_qty(r.max_carry_forward_hours, "hour", "hours", b2, sizeof b2));
		if (err == STATUS_OK) err = add_figure(req, &nf, "Most you can carry into next year", text);
		for (size_t i = 0; i < nrows && err == STATUS_OK; i++) {
			if (i + 1 < nrows)
				snprintf(text, sizeof text, "%d to %d", rows[i].min_months, rows[i + 1].min_months - 1);
			else
				snprintf(text, sizeof text, "%d and over", rows[i].min_months);
			err = hdf_set_valuef(req->hdf, "Result.Table.%zu.Months=%s", i, text);
			if (err == STATUS_OK)
				err = hdf_set_valuef(req->hdf, "Result.Table.%zu.Days=%d", i, rows[i].days_per_year);
			if (err == STATUS_OK)
				err = hdf_set_valuef(req->hdf, "Result.Table.%zu.Monthly=%s", i,
						     fmt_num(rows[i].days_per_month, b1, sizeof b1));
			if (err == STATUS_OK)
				err = hdf_set_valuef(req->hdf, "Result.Table.%zu.CarryDays=%d", i, rows[i].carry_days);
			if (err == STATUS_OK)
				err = hdf_set_valuef(req->hdf, "Result.Table.%zu.CarryHours=%s", i,
						     fmt_num(in.week == RULES_WEEK_40 ? rows[i].carry_hours_40
										 : rows[i].carry_hours_37_5, b1, sizeof b1));
			if (err == STATUS_OK && rows[i].days_per_year == r.days_per_year)
				err = hdf_set_valuef(req->hdf, "Result.Table.%zu.Yours=1", i);
		}
		if (err == STATUS_OK)
			err = hdf_set_value(req->hdf, "Result.TableWeek", in.week == RULES_WEEK_40 ? "40" : "37.5");
		if (err == STATUS_OK) err = set_explain(req, &r.explain);
		nf = 0;
		if (err == STATUS_OK)
			err = add_handbook_link(req, &nf, "annual-leave", "Requesting annual leave, and what "
						"happens to it when you leave state service.");
	}
	if (err == STATUS_OK)
		err = calc_render(req, wizards_leave_calc_fields, form, title, "How much annual (vacation) leave you earn, and the most "
				  "you can carry into the next calendar year.", "/calculators/annual-leave",
				  "calculator.cs");
	return nerr_pass(err);
}

NEOERR *page_calc_sick_leave(struct request *req)
{
	static const char title[] = "Sick leave calculator";
	NEOERR *err;
	int form = calc_form(req, wizards_leave_calc_fields, &err);

	if (err == STATUS_OK && form > 0) {
		rules_leave_calc_input in;
		rules_param_error pe;
		rules_sick_leave_result r;
		char b1[64], b2[64], text[160];
		int nf = 0;

		if (rules_params_leave_calc(req_get, req, &in, &pe) != 0)
			return nerr_pass(calc_params_failed(&pe));
		if (rules_sick_leave_evaluate(&in, &r) != 0)
			return nerr_raise(HR_ERR_BAD_REQUEST, "These answers could not be evaluated.");
		err = hdf_set_valuef(req->hdf, "Result.Outcome=You earn %s of sick leave a year%s.",
				     fmt_qty(r.hours_per_year, "hour", "hours", b1, sizeof b1),
				     r.bonus_days == 20 ? ", and you have earned both bonuses"
				     : r.bonus_days == 10 ? ", and you have earned the first bonus" : "");
		snprintf(text, sizeof text, "1 day (%s)", fmt_qty(r.hours_per_month, "hour", "hours", b1, sizeof b1));
		if (err == STATUS_OK) err = add_figure(req, &nf, "Earned each month", text);
		if (err == STATUS_OK)
			err = add_figure(req, &nf, "Earned each year",
					 fmt_qty(r.hours_per_year, "hour", "hours", b1, sizeof b1));
		snprintf(text, sizeof text, "%s (%s)", fmt_qty(r.bonus_days, "day", "days", b1, sizeof b1),
			 fmt_qty(r.bonus_hours, "hour", "hours", b2, sizeof b2));
		if (err == STATUS_OK) err = add_figure(req, &nf, "Bonus sick leave earned so far", text);
		if (r.next_bonus_months)
			snprintf(text, sizeof text, "10 more days after %d months of service", r.next_bonus_months);
		else
			snprintf(text, sizeof text, "None: both bonuses are earned");
		if (err == STATUS_OK) err = add_figure(req, &nf, "Next bonus", text);
		if (err == STATUS_OK) err = set_explain(req, &r.explain);
		nf = 0;
		if (err == STATUS_OK)
			err = add_handbook_link(req, &nf, "sick-leave", "When you may use sick leave, and "
						"sick leave without pay.");
		if (err == STATUS_OK)
			err = add_link(req, &nf, "/wizards/leave-sharing", "Leave sharing wizard",
				       "Receive donated sick leave, or give some of yours.");
	}
	if (err == STATUS_OK)
		err = calc_render(req, wizards_leave_calc_fields, form, title, "How much sick leave you earn, and the bonus sick leave "
				  "credited after 120 and 240 months of service.", "/calculators/sick-leave",
				  "calculator.cs");
	return nerr_pass(err);
}

static NEOERR *holidays_ics(struct request *req, int year)
{
	json_buf b;
	char name[96];
	NEOERR *err;

	json_buf_init(&b);
	if (rules_holidays_ical(year, &b) != 0) {
		json_buf_free(&b);
		return nerr_raise(NERR_NOMEM, "iCalendar for %d", year);
	}
	snprintf(name, sizeof name, "attachment; filename=\"kentucky-state-holidays-%d.ics\"", year);
	err = request_set_body(req, 200, "text/calendar; charset=utf-8", b.data, b.len);
	if (err == STATUS_OK)
		err = request_add_header(req, "Content-Disposition", name);
	json_buf_free(&b);
	return nerr_pass(err);
}

NEOERR *page_calc_holidays(struct request *req)
{
	static const char title[] = "State holidays";
	const char *format = request_param(req, "format");
	NEOERR *err;
	int form = calc_form(req, wizards_holiday_fields, &err);
	int year = 0;

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (format != NULL && strcmp(format, "ics") != 0 && strcmp(format, "html") != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The format must be html or ics.");
	if (form == 0) {
		/* No year asked: this year's calendar, in Frankfort's time. */
		char today[11], p[32];

		content_today(req->now, today);
		year = atoi(today);
		snprintf(p, sizeof p, "%d", year);
		err = wz_field_hdf(&wizards_holiday_fields[0], NULL, p, NULL, req->hdf, "Calc.Fields.0");
		form = 1;
	} else if (form > 0) {
		rules_param_error pe;

		if (rules_params_holidays(req_get, req, &year, &pe) != 0)
			return nerr_pass(calc_params_failed(&pe));
	}
	if (err == STATUS_OK && form > 0 && format && strcmp(format, "ics") == 0)
		return nerr_pass(holidays_ics(req, year));
	if (err == STATUS_OK && form > 0) {
		rules_holidays_result r;
		char b1[64], d[64], iso[11];
		int nf = 0;

		if (rules_holidays_evaluate(year, &r) != 0)
			return nerr_raise(HR_ERR_BAD_REQUEST, "Enter a year from 1990 to 2100.");
		err = hdf_set_valuef(req->hdf, "Result.Outcome=%d has %s of paid state holidays.", year,
				     fmt_qty(r.total_days, "day", "days", b1, sizeof b1));
		if (err == STATUS_OK) err = hdf_set_valuef(req->hdf, "Result.Year=%d", year);
		if (err == STATUS_OK) err = hdf_set_value(req->hdf, "Result.TotalDays", fmt_num(r.total_days, b1, sizeof b1));
		if (err == STATUS_OK) err = hdf_set_valuef(req->hdf, "Result.IcsUrl=/calculators/holidays/%d.ics", year);
		for (size_t i = 0; i < r.n && err == STATUS_OK; i++) {
			const rules_holiday *h = &r.holidays[i];
			bool moved = h->date.year != h->observed.year || h->date.month != h->observed.month ||
				     h->date.day != h->observed.day;

			err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.Name=%s", i, h->name);
			rules_date_iso(h->date, iso);
			if (err == STATUS_OK) err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.Date=%s", i, iso);
			if (err == STATUS_OK)
				err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.DateLong=%s", i,
						     long_date(h->date, d, sizeof d));
			rules_date_iso(h->observed, iso);
			if (err == STATUS_OK) err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.Observed=%s", i, iso);
			if (err == STATUS_OK)
				err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.ObservedLong=%s", i,
						     long_date(h->observed, d, sizeof d));
			if (err == STATUS_OK && moved) err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.Moved=1", i);
			if (err == STATUS_OK && strstr(h->name, "(extra"))
				err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.Extra=1", i);
			if (err == STATUS_OK)
				err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.Days=%s", i,
						     h->days < 1 ? "Half day" : "1 day");
		}
		if (err == STATUS_OK) err = set_explain(req, &r.explain);
		if (err == STATUS_OK)
			err = add_handbook_link(req, &nf, "holidays", "The holiday schedule and how weekends "
						"are handled.");
		if (err == STATUS_OK && year % 4 == 0)
			err = add_handbook_link(req, &nf, "voting-leave", "Voting leave and Election Day.");
	}
	if (err == STATUS_OK)
		err = calc_render(req, wizards_holiday_fields, form, title, "The paid holidays of Kentucky state government for any "
				  "year from 1990 to 2100, with the day offices close when a holiday falls on "
				  "a weekend.", "/calculators/holidays", "calculator.cs");
	return nerr_pass(err);
}

/* /calculators/holidays/<year>.ics */
NEOERR *page_calc_holidays_ics(struct request *req)
{
	const char *a = req->args[0];
	size_t len = strlen(a);
	int year = 0;

	if (len != 8 || strcmp(a + 4, ".ics") != 0 || strspn(a, "0123456789") != 4)
		return nerr_raise(HR_ERR_NOT_FOUND, "Holiday calendars are at /calculators/holidays/<year>.ics.");
	year = atoi(a);
	if (year < RULES_YEAR_MIN || year > RULES_YEAR_MAX)
		return nerr_raise(HR_ERR_NOT_FOUND, "Holiday calendars cover the years 1990 to 2100.");
	return nerr_pass(holidays_ics(req, year));
}

/* ---- JSON API -------------------------------------------------------------- */

struct api_ctx {
	struct request *req;
	const char *repeated;   /* first parameter given more than once */
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

typedef rules_api_status (*api_fn)(rules_param_get get, void *ctx, json_writer *w);

static NEOERR *api_answer(struct request *req, api_fn fn)
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
	err = request_set_body(req, st == RULES_API_OK ? 200 : 400, "application/json; charset=utf-8",
			       json_data(&w), json_len(&w));
	json_free(&w);
	return nerr_pass(err);
}

NEOERR *page_api_fmla(struct request *req) { return nerr_pass(api_answer(req, rules_api_fmla)); }
NEOERR *page_api_leave_sharing(struct request *req) { return nerr_pass(api_answer(req, rules_api_leave_sharing)); }
NEOERR *page_api_return_rights(struct request *req) { return nerr_pass(api_answer(req, rules_api_return_rights)); }
NEOERR *page_api_annual_leave(struct request *req) { return nerr_pass(api_answer(req, rules_api_annual_leave)); }
NEOERR *page_api_sick_leave(struct request *req) { return nerr_pass(api_answer(req, rules_api_sick_leave)); }
NEOERR *page_api_holidays(struct request *req) { return nerr_pass(api_answer(req, rules_api_holidays)); }

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
