#include "forms/formcheck.h"

#include <stdint.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "rules/calendar.h"
#include "forms/grievance.h"
#include "forms/ledger.h"
#include "core/utf8.h"

const char *form_get(const struct form_values *v, const char *name)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->names[i], name) == 0)
			return v->values[i] && *v->values[i] ? v->values[i] : NULL;
	return NULL;
}

int form_set(struct form_values *v, const char *name, const char *value)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->names[i], name) == 0) {
			v->values[i] = value;
			return 0;
		}
	if (v->n == FORM_MAX_FIELDS)
		return -1;
	v->names[v->n] = name;
	v->values[v->n] = value;
	v->n++;
	return 0;
}

static void add_error(struct form_result *r, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void add_error(struct form_result *r, const char *field, const char *fmt, ...)
{
	va_list ap;

	/* One message per field: the first (its type, or that it is
	 * required) says what to fix first. */
	if (r->n_errors == FORM_MAX_PROBLEMS || (*field && formcheck_error_for(r, field) != NULL))
		return;
	r->errors[r->n_errors].field = field;
	va_start(ap, fmt);
	vsnprintf(r->errors[r->n_errors].message, FORM_MESSAGE_LEN, fmt, ap);
	va_end(ap);
	r->n_errors++;
}

static void add_warning(struct form_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_warning(struct form_result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->n_warnings == FORM_MAX_WARNINGS)
		return;
	va_start(ap, fmt);
	vsnprintf(r->warnings[r->n_warnings], FORM_MESSAGE_LEN, fmt, ap);
	va_end(ap);
	r->n_warnings++;
}

const char *formcheck_error_for(const struct form_result *r, const char *field)
{
	for (size_t i = 0; i < r->n_errors; i++)
		if (strcmp(r->errors[i].field, field) == 0)
			return r->errors[i].message;
	return NULL;
}

static bool has_error(const struct form_result *r, const char *field)
{
	return formcheck_error_for(r, field) != NULL;
}

/* ---- Field types ------------------------------------------------------- */

static bool all_digits(const char *s, size_t min, size_t max)
{
	size_t n = strlen(s);

	return n >= min && n <= max && strspn(s, "0123456789") == n;
}

bool formcheck_looks_like_ssn(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;

	for (size_t i = 0; p[i]; i++) {
		size_t run = 0;

		if (!isdigit(p[i]) || (i > 0 && isdigit(p[i - 1])))
			continue;
		while (isdigit(p[i + run]))
			run++;
		if (run == 9)
			return true;
		/* 123-45-6789 or 123 45 6789 */
		if (run == 3 && (p[i + 3] == '-' || p[i + 3] == ' ') && isdigit(p[i + 4]) && isdigit(p[i + 5]) &&
		    p[i + 6] == p[i + 3] && isdigit(p[i + 7]) && isdigit(p[i + 8]) && isdigit(p[i + 9]) &&
		    isdigit(p[i + 10]) && !isdigit(p[i + 11]) && !isdigit(p[i + 6]))
			return true;
	}
	return false;
}

static const char ssn_message[] =
	"This looks like a Social Security number. The portal never asks for one: please remove it.";

static void check_type(const struct form_field *f, const char *v, struct form_result *r)
{
	rules_date d;

	switch (f->type) {
	case FIELD_TEXT:
		if (strpbrk(v, "\r\n\t") != NULL)
			add_error(r, f->name, "Write this on one line.");
		else if (utf8_chars(v) > (size_t)f->max)
			add_error(r, f->name, "Write at most %d characters (this has %zu).", f->max, utf8_chars(v));
		else if (formcheck_looks_like_ssn(v))
			add_error(r, f->name, "%s", ssn_message);
		break;
	case FIELD_TEXTAREA:
		if (utf8_chars(v) > (size_t)f->max)
			add_error(r, f->name, "Write at most %d characters (this has %zu).", f->max, utf8_chars(v));
		else if (formcheck_looks_like_ssn(v))
			add_error(r, f->name, "%s", ssn_message);
		break;
	case FIELD_DATE:
		if (calendar_parse(v, &d) != 0)
			add_error(r, f->name, "Enter a date as YYYY-MM-DD, for example 2027-03-15.");
		break;
	case FIELD_HOURS:
		if (ledger_parse_hours(v, (int64_t)f->max * 100) < 0)
			add_error(r, f->name,
				  "Enter a number from 0 to %d with at most two decimal places, "
				  "for example 7.5.",
				  f->max);
		break;
	case FIELD_NUMBER:
		if (!all_digits(v, 1, 6) || atoi(v) > f->max)
			add_error(r, f->name, "Enter a whole number from 0 to %d.", f->max);
		break;
	case FIELD_SELECT:
		if (formdef_option_label(f, v) == NULL)
			add_error(r, f->name, "Choose one of the options.");
		break;
	case FIELD_YESNO:
		if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
			add_error(r, f->name, "Answer yes or no.");
		break;
	case FIELD_CHECK:
		if (strcmp(v, "1") != 0)
			add_error(r, f->name, "Tick the box or leave it empty.");
		break;
	case FIELD_EMPLOYEE_ID:
		if (formcheck_looks_like_ssn(v) || all_digits(v, 9, 9))
			add_error(r, f->name, "%s Enter the employee ID (5 to 8 digits).", ssn_message);
		else if (!all_digits(v, 5, 8))
			add_error(r, f->name, "An employee ID is 5 to 8 digits.");
		break;
	case FIELD_PHONE: {
		size_t n = strlen(v), digits = 0;

		for (const char *p = v; *p; p++)
			digits += isdigit((unsigned char)*p) != 0;
		if (n > 25 || strspn(v, "0123456789 ()-+.x") != n || digits < 7)
			add_error(r, f->name, "Enter a phone number, for example (502) 564-7430.");
		break;
	}
	case FIELD_ZIP:
		if (!(all_digits(v, 5, 5) ||
		      (strlen(v) == 10 && v[5] == '-' && strspn(v, "0123456789") == 5 && all_digits(v + 6, 4, 4))))
			add_error(r, f->name, "Enter a ZIP code such as 40601 or 40601-1234.");
		break;
	case FIELD_STATE:
		if (strlen(v) != 2 || !isupper((unsigned char)v[0]) || !isupper((unsigned char)v[1]))
			add_error(r, f->name, "Enter the state's two capital letters, for example KY.");
		break;
	}
}

/* ---- Helpers for the per-form rules -------------------------------------- */

static bool get_date(const struct form_values *v, const char *name, rules_date *d)
{
	const char *s = form_get(v, name);

	return s != NULL && calendar_parse(s, d) == 0;
}

static bool yes(const struct form_values *v, const char *name)
{
	const char *s = form_get(v, name);

	return s != NULL && strcmp(s, "1") == 0;
}

static bool is(const struct form_values *v, const char *name, const char *value)
{
	const char *s = form_get(v, name);

	return s != NULL && strcmp(s, value) == 0;
}

static void require(const struct form_values *v, struct form_result *r, const char *name, const char *why)
{
	if (form_get(v, name) == NULL && !has_error(r, name))
		add_error(r, name, "%s", why);
}

static void date_range_summary(struct form_result *r, const char *a, const char *b, int64_t hours_ch)
{
	char h[32];

	ledger_format_hours(hours_ch, h);
	if (b == NULL || strcmp(a, b) == 0)
		snprintf(r->summary, sizeof r->summary, "%s", a);
	else
		snprintf(r->summary, sizeof r->summary, "%s to %s", a, b);
	if (hours_ch > 0) {
		size_t n = strlen(r->summary);

		snprintf(r->summary + n, sizeof r->summary - n, ", %s hours", h);
	}
}

/* Copy the rules' reasons into one sentence list for a message. */
static void reasons_text(const rules_explain *e, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (size_t i = 0; i < e->n_reasons && n + 1 < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%s", i ? " " : "", e->reasons[i]);
}

const char *formcheck_rules_param(void *ctx, const char *name)
{
	const struct form_rules_ctx *c = ctx;

	if (strcmp(name, "role") == 0 && c->role)
		return c->role;
	if (strcmp(name, "program") == 0 && c->program)
		return c->program;
	if (strcmp(name, "week_hours") == 0 && c->week_hours)
		return c->week_hours;
	return form_get(c->values, name);
}

/* ---- Leave request ----------------------------------------------------------- */

static const char *leave_name(const char *type)
{
	static const struct {
		const char *key, *name;
	} names[] = {
		{ "annual", "Annual leave" },
		{ "sick", "Sick leave" },
		{ "compensatory", "Compensatory leave" },
		{ "court", "Court leave" },
		{ "military", "Military leave" },
		{ "military_spousal", "Military spousal leave" },
		{ "voting", "Voting leave" },
		{ "blood_donation", "Blood donation leave" },
		{ "bereavement", "Funeral and bereavement leave" },
		{ "adverse_weather", "Adverse weather make-up time" },
		{ "lwop", "Leave without pay" },
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i].key, type) == 0)
			return names[i].name;
	return "Leave";
}

/* The dates read, in order and within a year; false stops the checks. */
static bool leave_dates(const struct form_values *v, struct form_result *r, rules_date *start, rules_date *end,
			long *span)
{
	if (!get_date(v, "start_date", start) || !get_date(v, "end_date", end))
		return false;
	/* The dates' order is checked even while other answers are missing,
	 * so that every error shows in one round. */
	if (calendar_cmp(*end, *start) < 0) {
		add_error(r, "end_date", "The last day cannot be before the first day.");
		return false;
	}
	*span = calendar_days_between(*start, *end) + 1;
	if (*span > 366) {
		add_error(r, "end_date", "One request covers at most a year; file separate requests.");
		return false;
	}
	return true;
}

static void check_leave_start(const char *type, rules_date start, const struct form_context *ctx, struct form_result *r)
{
	bool advance;

	if (calendar_days_between(ctx->today, start) > 2 * 366)
		add_error(r, "start_date", "Requests are made at most two years ahead.");
	/* Leave that must be approved in advance cannot start in the past;
	 * sick, bereavement and unpaid leave can be reported afterwards. */
	advance = strcmp(type, "sick") != 0 && strcmp(type, "bereavement") != 0 && strcmp(type, "lwop") != 0;
	if (advance && calendar_cmp(start, ctx->today) < 0)
		add_error(r, "start_date", "%s must be approved in advance: the first day cannot be in the past.",
			  leave_name(type));
	else if (!advance && calendar_days_between(start, ctx->today) > 60)
		add_error(r, "start_date",
			  "The first day is more than 60 days ago: ask your human resource "
			  "office to record this leave.");
}

static void check_leave_hours(int64_t hours, long span, struct form_result *r)
{
	if (hours == 0)
		add_error(r, "hours", "Enter the number of hours (more than zero).");
	else if (hours % 25 != 0)
		add_error(r, "hours", "Use quarter hours: whole hours or .25, .5 and .75.");
	else if (hours > span * 2400)
		add_error(r, "hours", "That is more hours than there are in those days.");
}

/* Voting and blood donation leave: one day, at most four hours. */
static void check_one_day_leave(const char *type, long span, int64_t hours, struct form_result *r)
{
	const char *cite = strcmp(type, "voting") == 0 ? "101 KAR 2:102, Section 7" : "101 KAR 2:102, Section 12";

	if (span != 1)
		add_error(r, "end_date", "%s is taken on one day: the first and last day must be the same.",
			  leave_name(type));
	if (hours > 400)
		add_error(r, "hours", "%s is at most four (4) hours (%s).", leave_name(type), cite);
}

static void check_bereavement(const struct form_values *v, rules_date start, rules_date end, struct form_result *r)
{
	int days = calendar_workdays_in(start, end);

	require(v, r, "relationship", "Say who died: funeral and bereavement leave is for immediate family.");
	if (days > 5 && !yes(v, "extra_days_requested"))
		add_error(r, "end_date",
			  "Funeral and bereavement leave is five (5) days (101 KAR 2:102, "
			  "Section 8); these dates cover %d workdays. Shorten them, or tick \"I ask the appointing "
			  "authority to approve more than five days\" and give the reason.",
			  days);
	if (days > 5 && yes(v, "extra_days_requested")) {
		require(v, r, "reason", "Say why you need more than five days.");
		add_warning(r, "More than five days of funeral and bereavement leave needs the appointing "
			       "authority's approval.");
	}
	if (is(v, "relationship", "other_relative"))
		add_warning(r, "Leave for a relative of close association other than immediate family needs "
			       "the appointing authority's approval.");
}

static void check_military(const struct form_values *v, rules_date start, rules_date end, struct form_result *r)
{
	int days = calendar_workdays_in(start, end);

	if (days > 21)
		add_error(r, "end_date",
			  "Military leave is twenty-one (21) working days per federal fiscal "
			  "year; these dates cover %d. Request the rest as annual or compensatory leave or "
			  "leave without pay.",
			  days);
	require(v, r, "reason", "Say what your orders are (give your appointing authority a copy).");
}

static void check_military_spousal(long span, int64_t hours, struct form_result *r)
{
	if (span != 1)
		add_error(r, "end_date",
			  "Military spousal leave is one day before deployment and one day on "
			  "return (KRS 18A.190): file one request for each day.");
	if (hours > 800)
		add_error(r, "hours", "Military spousal leave is one day: at most 8 hours.");
}

static void check_adverse_weather(const struct form_values *v, rules_date end, const struct form_context *ctx,
				  struct form_result *r)
{
	rules_date absence;

	if (!get_date(v, "absence_date", &absence)) {
		require(v, r, "absence_date", "Give the date of the weather absence you are making up.");
	} else if (calendar_cmp(absence, ctx->today) > 0) {
		add_error(r, "absence_date", "The weather absence must already have happened.");
	} else if (calendar_days_between(absence, ctx->today) > 123 || calendar_days_between(absence, end) > 123) {
		add_error(r, "absence_date",
			  "Time lost to adverse weather must be made up within 123 days "
			  "(101 KAR 2:102, Section 11); after that it is charged to compensatory or annual leave.");
	}
}

/* The rules of each kind of leave beyond the common ones. */
static void check_leave_kind(const struct form_values *v, const char *type, rules_date start, rules_date end, long span,
			     int64_t hours, const struct form_context *ctx, struct form_result *r)
{
	if (strcmp(type, "voting") == 0 || strcmp(type, "blood_donation") == 0)
		check_one_day_leave(type, span, hours, r);
	else if (strcmp(type, "bereavement") == 0)
		check_bereavement(v, start, end, r);
	else if (strcmp(type, "military") == 0)
		check_military(v, start, end, r);
	else if (strcmp(type, "military_spousal") == 0)
		check_military_spousal(span, hours, r);
	else if (strcmp(type, "court") == 0)
		require(v, r, "reason", "Say what the summons or subpoena is for (show it to your supervisor).");
	else if (strcmp(type, "lwop") == 0)
		require(v, r, "reason", "Say why you ask for leave without pay.");
	else if (strcmp(type, "adverse_weather") == 0)
		check_adverse_weather(v, end, ctx, r);
}

static void check_leave(const struct form_values *v, const struct form_context *ctx, struct form_result *r)
{
	const char *type = form_get(v, "leave_type");
	rules_date start, end;
	int64_t hours = ledger_parse_hours(form_get(v, "hours"), 200000);
	long span;

	if (!leave_dates(v, r, &start, &end, &span))
		return;
	if (type == NULL || hours < 0)
		return;
	r->hours_ch = hours;
	check_leave_start(type, start, ctx, r);
	check_leave_hours(hours, span, r);
	check_leave_kind(v, type, start, end, span, hours, ctx, r);
	date_range_summary(r, form_get(v, "start_date"), form_get(v, "end_date"), hours);
}

/* ---- FMLA ---------------------------------------------------------------------- */

static void check_fmla(const struct form_values *v, const struct form_context *ctx, struct form_result *r)
{
	rules_date start, end;
	struct form_rules_ctx rc = { v, NULL, NULL, NULL };
	rules_fmla_input in;
	rules_fmla_result res;
	rules_param_error perr = { NULL, NULL };

	if (!get_date(v, "start_date", &start) || !get_date(v, "end_date", &end))
		return;
	if (calendar_cmp(end, start) < 0)
		add_error(r, "end_date", "The last day cannot be before the first day.");
	else if (calendar_days_between(start, end) > 366)
		add_error(r, "end_date", "One request covers at most a year.");
	if (calendar_days_between(start, ctx->today) > 30)
		add_error(r, "start_date",
			  "The first day is more than 30 days ago: ask your human resource office "
			  "to designate past leave.");
	else if (calendar_days_between(ctx->today, start) < 30)
		add_warning(r, "Leave that is foreseeable needs 30 days' notice. If it was not foreseeable, tell "
			       "your supervisor as soon as you can.");
	if (is(v, "reason", "family_care") || is(v, "reason", "military_exigency") ||
	    is(v, "reason", "servicemember_care"))
		require(v, r, "relation", "Say who the leave is for.");
	if (r->n_errors > 0)
		return;
	if (rules_params_fmla(formcheck_rules_param, &rc, &in, &perr) != 0) {
		add_error(r, perr.field ? perr.field : "", "%s", perr.message ? perr.message : "Check this answer.");
		return;
	}
	if (rules_fmla_evaluate(&in, &res) != 0) {
		add_error(r, "", "These answers cannot be checked against the handbook's rules.");
		return;
	}
	r->eligible_checked = true;
	r->eligible = res.eligible;
	r->explain = res.explain;
	if (!res.eligible) {
		char why[FORM_MESSAGE_LEN];

		reasons_text(&res.explain, why, sizeof why);
		add_warning(r,
			    "By the handbook's rules this leave does not qualify as family and medical leave. "
			    "You may still submit it; your supervisor sees the rules' answer. %s",
			    why);
	}
	date_range_summary(r, form_get(v, "start_date"), form_get(v, "end_date"), 0);
}

/* ---- Leave sharing ------------------------------------------------------------------ */

static void check_sharing(const struct form_def *def, const struct form_values *v, const struct form_context *ctx,
			  struct form_result *r)
{
	bool annual = strncmp(def->key, "annual", 6) == 0;
	struct form_rules_ctx rc = { v, "recipient", annual ? "annual" : "sick", NULL };
	rules_leave_sharing_input in;
	rules_leave_sharing_result res;
	rules_param_error perr = { NULL, NULL };
	rules_date start, ret, event;
	int64_t hours = ledger_parse_hours(form_get(v, "hours_requested"), 10000000);

	if (get_date(v, "start_date", &start)) {
		if (calendar_days_between(start, ctx->today) > 366)
			add_error(r, "start_date",
				  "The leave began more than a year ago: ask your human resource office.");
		if (get_date(v, "expected_return", &ret) && calendar_cmp(ret, start) < 0)
			add_error(r, "expected_return", "The return to work cannot be before the first day of leave.");
	}
	if (annual && get_date(v, "event_date", &event) && calendar_cmp(event, ctx->today) > 0)
		add_error(r, "event_date", "The loss must already have happened.");
	if (hours == 0)
		add_error(r, "hours_requested", "Enter the hours you ask for (more than zero).");
	if (r->n_errors > 0)
		return;
	if (rules_params_leave_sharing(formcheck_rules_param, &rc, &in, &perr) != 0) {
		add_error(r, perr.field ? perr.field : "", "%s", perr.message ? perr.message : "Check this answer.");
		return;
	}
	if (rules_leave_sharing_evaluate(&in, &res) != 0) {
		add_error(r, "", "These answers cannot be checked against the handbook's rules.");
		return;
	}
	r->eligible_checked = true;
	r->eligible = res.eligible;
	r->explain = res.explain;
	r->hours_ch = hours;
	if (!res.eligible)
		add_error(r, "",
			  "By the handbook's rules you cannot receive donated %s leave with these answers: "
			  "see what the rules say below.",
			  annual ? "annual" : "sick");
	else if (res.has_max_hours && (double)hours > res.max_hours * 100.0 + 0.5)
		add_error(r, "hours_requested", "You may receive at most %.0f hours for each qualifying event.",
			  res.max_hours);
	{
		char h[32];

		ledger_format_hours(hours, h);
		snprintf(r->summary, sizeof r->summary, "from %s, %s hours requested", form_get(v, "start_date"), h);
	}
}

static void check_donation(const struct form_def *def, const struct form_values *v, const struct form_context *ctx,
			   struct form_result *r)
{
	bool annual = strncmp(def->key, "annual", 6) == 0;
	struct form_rules_ctx rc = { v, "donor", annual ? "annual" : "sick", ctx->recipient_week_hours };
	rules_leave_sharing_input in;
	rules_leave_sharing_result res;
	rules_param_error perr = { NULL, NULL };
	int64_t balance = ledger_parse_hours(form_get(v, "balance"), 10000000);
	int64_t donate = ledger_parse_hours(form_get(v, "donate"), 10000000);
	int64_t min = ctx->recipient_week_hours && strcmp(ctx->recipient_week_hours, "40") == 0 ? 800 : 750;
	char h[32];

	if (ctx->recipient_is_self) {
		add_error(r, "recipient_employee_id", "You cannot donate leave to yourself.");
		return;
	}
	if (!ctx->recipient_found) {
		add_error(r, "recipient_employee_id",
			  "No approved %s leave sharing application is open for this "
			  "employee ID. Check the number with the recipient.",
			  annual ? "annual" : "sick");
		return;
	}
	if (balance < 0 || donate < 0)
		return;
	r->hours_ch = donate;
	if (balance <= 7500)
		add_error(r, "balance", "Donors must have more than seventy-five (75) hours of %s leave.",
			  annual ? "annual" : "sick");
	else if (balance - donate < 7500) {
		ledger_format_hours(balance - 7500, h);
		add_error(r, "donate", "You must keep at least 75 hours after donating: you can give at most %s hours.",
			  h);
	}
	if (donate < min) {
		ledger_format_hours(min, h);
		add_error(r, "donate", "The recipient works %s hours a week, so the least you may donate is %s hours.",
			  min == 800 ? "40" : "37.5", h);
	}
	if (ctx->recipient_need_ch <= 0) {
		add_error(r, "donate", "The recipient's certified need is already met: no more leave can be donated.");
	} else if (donate > ctx->recipient_need_ch) {
		ledger_format_hours(ctx->recipient_need_ch, h);
		add_error(r, "donate", "The recipient still needs %s hours: donate at most that.", h);
	}
	if (r->n_errors > 0)
		return;
	if (rules_params_leave_sharing(formcheck_rules_param, &rc, &in, &perr) != 0) {
		add_error(r, perr.field ? perr.field : "", "%s", perr.message ? perr.message : "Check this answer.");
		return;
	}
	if (rules_leave_sharing_evaluate(&in, &res) != 0) {
		add_error(r, "", "These answers cannot be checked against the handbook's rules.");
		return;
	}
	r->eligible_checked = true;
	r->eligible = res.eligible;
	r->explain = res.explain;
	if (!res.eligible)
		add_error(r, "",
			  "By the handbook's rules you cannot donate %s leave with these answers: see what "
			  "the rules say below.",
			  annual ? "annual" : "sick");
	ledger_format_hours(donate, h);
	snprintf(r->summary, sizeof r->summary, "%s hours", h);
}

/* ---- Grievance, outside employment, appeal ------------------------------------------------ */

static void check_grievance(const struct form_values *v, const struct form_context *ctx, struct form_result *r)
{
	rules_date occurred;

	if (!get_date(v, "occurred_on", &occurred))
		return;
	if (calendar_cmp(occurred, ctx->today) > 0) {
		add_error(r, "occurred_on", "The date cannot be in the future.");
		return;
	}
	if (grievance_filed_late(occurred, ctx->today))
		add_warning(r,
			    "More than thirty (30) days have passed since %s: a grievance must be filed within 30 "
			    "days of the event or of when you became aware of it (101 KAR 1:375). You may still "
			    "file it; say in your statement when you became aware of it.",
			    form_get(v, "occurred_on"));
	if (yes(v, "subject_is_supervisor") && !ctx->has_second_line)
		add_error(r, "subject_is_supervisor",
			  "Your second-line supervisor is not in the portal: ask your "
			  "human resource office where to file this grievance.");
	if (yes(v, "discrimination"))
		add_warning(r, "The person who receives a grievance alleging discrimination must notify the agency's "
			       "EEO coordinator at once.");
	snprintf(r->summary, sizeof r->summary, "about %s", form_get(v, "occurred_on"));
}

static void check_outside(const struct form_values *v, const struct form_context *ctx, struct form_result *r)
{
	rules_date from, to;

	if (!get_date(v, "term_from", &from))
		return;
	if (get_date(v, "term_to", &to) && calendar_cmp(to, from) < 0)
		add_error(r, "term_to", "The end cannot be before the start.");
	if (calendar_cmp(from, ctx->today) < 0)
		add_warning(r, "Outside employment should be approved before it starts.");
	if (get_date(v, "term_to", &to))
		snprintf(r->summary, sizeof r->summary, "%s to %s", form_get(v, "term_from"), form_get(v, "term_to"));
	else
		snprintf(r->summary, sizeof r->summary, "from %s", form_get(v, "term_from"));
}

static void check_appeal(const struct form_def *def, const struct form_values *v, const struct form_context *ctx,
			 struct form_result *r)
{
	rules_date notice;
	bool any = form_get(v, "other_penalization") != NULL, grounds = false;

	for (size_t i = 0; i < def->n_fields; i++) {
		const char *name = def->fields[i].name;

		if (strncmp(name, "action_", 7) == 0 && yes(v, name))
			any = true;
		if (strncmp(name, "disc_", 5) == 0 && yes(v, name))
			grounds = true;
	}
	if (!any)
		add_error(r, "action_dismissal",
			  "Tick at least one action you are appealing, or describe it under "
			  "Other penalization.");
	if (yes(v, "action_discrimination") && !grounds)
		add_error(r, "action_discrimination", "Tick the grounds of the discrimination you allege.");
	if (grounds && !yes(v, "action_discrimination"))
		add_error(r, "action_discrimination", "You ticked grounds of discrimination: tick Discrimination too.");
	if (yes(v, "attorney"))
		require(v, r, "attorney_details", "Give your attorney's name, address and phone.");
	if (get_date(v, "notice_date", &notice)) {
		if (calendar_cmp(notice, ctx->today) > 0)
			add_error(r, "notice_date", "The date cannot be in the future.");
		else if (calendar_days_between(notice, ctx->today) > 30)
			add_warning(r, "Time limits for appeals to the Personnel Board vary from 30 days to one year "
				       "depending on the action (KRS 18A.095): check the limit for yours.");
		snprintf(r->summary, sizeof r->summary, "notice received %s", form_get(v, "notice_date"));
	}
}

size_t formcheck_validate(const struct form_def *def, const struct form_values *v, const struct form_context *ctx,
			  struct form_result *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < def->n_fields; i++) {
		const struct form_field *f = &def->fields[i];
		const char *value = form_get(v, f->name);

		if (value != NULL)
			check_type(f, value, out);
		else if (!ctx->draft && (f->flags & FIELD_REQUIRED))
			add_error(out, f->name,
				  f->type == FIELD_CHECK                              ? "Tick this box to continue."
				  : f->type == FIELD_SELECT || f->type == FIELD_YESNO ? "Choose an answer."
										      : "This field is required.");
	}
	/* The form's own rules run even when fields have errors: every
	 * problem shows in one round (a rule that needs an answer that is
	 * missing or wrong skips itself). */
	if (ctx->draft)
		return out->n_errors;
	if (strcmp(def->key, "leave") == 0)
		check_leave(v, ctx, out);
	else if (strcmp(def->key, "fmla") == 0)
		check_fmla(v, ctx, out);
	else if (strcmp(def->key, "sick-leave-sharing") == 0 || strcmp(def->key, "annual-leave-sharing") == 0)
		check_sharing(def, v, ctx, out);
	else if (strcmp(def->key, "sick-leave-donation") == 0 || strcmp(def->key, "annual-leave-donation") == 0)
		check_donation(def, v, ctx, out);
	else if (strcmp(def->key, "grievance") == 0)
		check_grievance(v, ctx, out);
	else if (strcmp(def->key, "outside-employment") == 0)
		check_outside(v, ctx, out);
	else if (strcmp(def->key, "board-appeal") == 0)
		check_appeal(def, v, ctx, out);
	return out->n_errors;
}

/* Letters and digits only, lower-cased: "Jane  Doe", "jane doe" and
 * "Jane Doe." are the same signature. Non-ASCII bytes are kept as they are. */
static void normalise_name(const char *in, char *out, size_t size)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)in; *p && n + 1 < size; p++) {
		if (*p >= 0x80)
			out[n++] = (char)*p;
		else if (isalnum(*p))
			out[n++] = (char)tolower(*p);
	}
	out[n] = '\0';
}

bool formcheck_signature_matches(const char *typed, const char *name)
{
	char a[256], b[256];

	if (typed == NULL || name == NULL || strlen(typed) > 200)
		return false;
	normalise_name(typed, a, sizeof a);
	normalise_name(name, b, sizeof b);
	return a[0] != '\0' && strcmp(a, b) == 0;
}
