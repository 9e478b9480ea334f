/* rules_json.c: JSON answers of the rules API, and one-call endpoints.
 * Field names are fixed by the published API; add, never rename. */
#include "rules/rules_int.h"

static void write_reasons(json_writer *w, const rules_explain *e)
{
	json_key(w, "reasons");
	json_array_begin(w);
	for (size_t i = 0; i < e->n_reasons; i++)
		json_string(w, e->reasons[i]);
	json_array_end(w);
}

static void write_citation_list(json_writer *w, const rules_citation *const *c, size_t n)
{
	char url[128];
	json_array_begin(w);
	for (size_t i = 0; i < n; i++) {
		json_object_begin(w);
		json_key(w, "cite");
		json_string(w, c[i]->cite);
		json_key(w, "url");
		json_string(w, rules_citation_url(c[i], url, sizeof url) < 0 ? NULL : url);
		json_object_end(w);
	}
	json_array_end(w);
}

void rules_json_citations(json_writer *w, const rules_explain *e)
{
	write_citation_list(w, e->citations, e->n_citations);
}

static void write_explain(json_writer *w, const rules_explain *e)
{
	write_reasons(w, e);
	json_key(w, "citations");
	rules_json_citations(w, e);
}

static int done(json_writer *w)
{
	return w->error || w->buf.failed ? -1 : 0;
}

int rules_json_fmla(json_writer *w, const rules_fmla_result *r)
{
	const rules_fmla_federal *f = &r->federal;
	json_object_begin(w);
	json_key(w, "eligible");
	json_bool(w, r->eligible);
	json_key(w, "entitlement_weeks");
	json_int(w, r->entitlement_weeks);
	json_key(w, "remaining_weeks");
	json_number(w, r->remaining_weeks);
	write_explain(w, &r->explain);
	json_key(w, "federal");
	json_object_begin(w);
	json_key(w, "eligible");
	json_bool(w, f->eligible);
	json_key(w, "hours_counted");
	json_number(w, f->hours_counted);
	json_key(w, "reason_covered");
	json_bool(w, f->reason_covered);
	json_key(w, "entitlement_weeks");
	json_int(w, f->entitlement_weeks);
	json_key(w, "remaining_weeks");
	json_number(w, f->remaining_weeks);
	json_key(w, "shared_with_spouse");
	json_bool(w, f->shared_with_spouse);
	json_key(w, "differences");
	json_array_begin(w);
	for (size_t i = 0; i < f->n_differences; i++)
		json_string(w, f->differences[i]);
	json_array_end(w);
	json_object_end(w);
	json_object_end(w);
	return done(w);
}

int rules_json_leave_sharing(json_writer *w, const rules_leave_sharing_result *r)
{
	json_object_begin(w);
	json_key(w, "eligible");
	json_bool(w, r->eligible);
	json_key(w, "max_hours");
	if (r->has_max_hours)
		json_number(w, r->max_hours);
	else
		json_null(w);
	json_key(w, "max_donation");
	if (r->has_max_donation)
		json_number(w, r->max_donation);
	else
		json_null(w);
	write_explain(w, &r->explain);
	json_object_end(w);
	return done(w);
}

int rules_json_return_rights(json_writer *w, const rules_return_rights_result *r)
{
	json_object_begin(w);
	json_key(w, "reversion");
	json_bool(w, r->reversion);
	json_key(w, "reemployment");
	json_bool(w, r->reemployment);
	json_key(w, "reinstatement");
	json_bool(w, r->reinstatement);
	write_explain(w, &r->explain);
	json_object_end(w);
	return done(w);
}

int rules_json_annual_leave(json_writer *w, const rules_annual_leave_result *r)
{
	json_object_begin(w);
	json_key(w, "days_per_year");
	json_int(w, r->days_per_year);
	json_key(w, "hours_per_month");
	json_number(w, r->hours_per_month);
	json_key(w, "max_carry_forward_days");
	json_int(w, r->max_carry_forward_days);
	json_key(w, "max_carry_forward_hours");
	json_number(w, r->max_carry_forward_hours);
	write_explain(w, &r->explain);
	json_object_end(w);
	return done(w);
}

int rules_json_sick_leave(json_writer *w, const rules_sick_leave_result *r)
{
	json_object_begin(w);
	json_key(w, "days_per_month");
	json_int(w, r->days_per_month);
	json_key(w, "hours_per_month");
	json_number(w, r->hours_per_month);
	json_key(w, "hours_per_year");
	json_number(w, r->hours_per_year);
	json_key(w, "bonus_days");
	json_int(w, r->bonus_days);
	json_key(w, "bonus_hours");
	json_number(w, r->bonus_hours);
	json_key(w, "next_bonus_months");
	if (r->next_bonus_months)
		json_int(w, r->next_bonus_months);
	else
		json_null(w);
	write_explain(w, &r->explain);
	json_object_end(w);
	return done(w);
}

int rules_json_holidays(json_writer *w, const rules_holidays_result *r)
{
	char iso[11];
	json_object_begin(w);
	json_key(w, "year");
	json_int(w, r->year);
	json_key(w, "total_days");
	json_number(w, r->total_days);
	json_key(w, "holidays");
	json_array_begin(w);
	for (size_t i = 0; i < r->n; i++) {
		const rules_holiday *h = &r->holidays[i];
		json_object_begin(w);
		json_key(w, "name");
		json_string(w, h->name);
		json_key(w, "date");
		rules_date_iso(h->date, iso);
		json_string(w, iso);
		json_key(w, "observed");
		rules_date_iso(h->observed, iso);
		json_string(w, iso);
		json_key(w, "days");
		json_number(w, h->days);
		json_object_end(w);
	}
	json_array_end(w);
	write_explain(w, &r->explain);
	json_object_end(w);
	return done(w);
}

int rules_json_fixed_leaves(json_writer *w)
{
	size_t n;
	const rules_fixed_leave *l = rules_fixed_leaves(&n);
	json_object_begin(w);
	json_key(w, "leaves");
	json_array_begin(w);
	for (size_t i = 0; i < n; i++) {
		json_object_begin(w);
		json_key(w, "key");
		json_string(w, l[i].key);
		json_key(w, "name");
		json_string(w, l[i].name);
		json_key(w, "amount");
		json_number(w, l[i].amount);
		json_key(w, "unit");
		json_string(w, l[i].unit);
		json_key(w, "summary");
		json_string(w, l[i].summary);
		json_key(w, "citations");
		write_citation_list(w, l[i].citations, l[i].n_citations);
		json_object_end(w);
	}
	json_array_end(w);
	json_object_end(w);
	return done(w);
}

int rules_json_param_error(json_writer *w, const rules_param_error *e)
{
	json_object_begin(w);
	json_key(w, "error");
	json_string(w, "invalid_parameter");
	json_key(w, "field");
	json_string(w, e->field);
	json_key(w, "message");
	json_string(w, e->message);
	json_object_end(w);
	return done(w);
}

static rules_api_status finish(json_writer *w, rules_api_status ok)
{
	return json_finish(w) == 0 ? ok : RULES_API_FAILED;
}

static rules_api_status bad_param(json_writer *w, const rules_param_error *e)
{
	rules_json_param_error(w, e);
	return finish(w, RULES_API_BAD_PARAM);
}

/* The parsers only produce valid inputs, so evaluation cannot fail there;
 * a failure would be a bug and is reported as such (500). */
rules_api_status rules_api_fmla(rules_param_get get, void *ctx, json_writer *w)
{
	rules_fmla_input in;
	rules_fmla_result r;
	rules_param_error e;
	if (rules_params_fmla(get, ctx, &in, &e))
		return bad_param(w, &e);
	if (rules_fmla_evaluate(&in, &r))
		return RULES_API_FAILED;
	rules_json_fmla(w, &r);
	return finish(w, RULES_API_OK);
}

rules_api_status rules_api_leave_sharing(rules_param_get get, void *ctx, json_writer *w)
{
	rules_leave_sharing_input in;
	rules_leave_sharing_result r;
	rules_param_error e;
	if (rules_params_leave_sharing(get, ctx, &in, &e))
		return bad_param(w, &e);
	if (rules_leave_sharing_evaluate(&in, &r))
		return RULES_API_FAILED;
	rules_json_leave_sharing(w, &r);
	return finish(w, RULES_API_OK);
}

rules_api_status rules_api_return_rights(rules_param_get get, void *ctx, json_writer *w)
{
	rules_return_rights_input in;
	rules_return_rights_result r;
	rules_param_error e;
	if (rules_params_return_rights(get, ctx, &in, &e))
		return bad_param(w, &e);
	if (rules_return_rights_evaluate(&in, &r))
		return RULES_API_FAILED;
	rules_json_return_rights(w, &r);
	return finish(w, RULES_API_OK);
}

rules_api_status rules_api_annual_leave(rules_param_get get, void *ctx, json_writer *w)
{
	rules_leave_calc_input in;
	rules_annual_leave_result r;
	rules_param_error e;
	if (rules_params_leave_calc(get, ctx, &in, &e))
		return bad_param(w, &e);
	if (rules_annual_leave_evaluate(&in, &r))
		return RULES_API_FAILED;
	rules_json_annual_leave(w, &r);
	return finish(w, RULES_API_OK);
}

rules_api_status rules_api_sick_leave(rules_param_get get, void *ctx, json_writer *w)
{
	rules_leave_calc_input in;
	rules_sick_leave_result r;
	rules_param_error e;
	if (rules_params_leave_calc(get, ctx, &in, &e))
		return bad_param(w, &e);
	if (rules_sick_leave_evaluate(&in, &r))
		return RULES_API_FAILED;
	rules_json_sick_leave(w, &r);
	return finish(w, RULES_API_OK);
}

rules_api_status rules_api_holidays(rules_param_get get, void *ctx, json_writer *w)
{
	int year;
	rules_holidays_result r;
	rules_param_error e;
	if (rules_params_holidays(get, ctx, &year, &e))
		return bad_param(w, &e);
	if (rules_holidays_evaluate(year, &r))
		return RULES_API_FAILED;
	rules_json_holidays(w, &r);
	return finish(w, RULES_API_OK);
}
