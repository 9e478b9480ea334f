/* pages_calculators.c: the leave calculators and the holiday calendar
 * (see pages_calculators.h). Each is one GET form whose answer shows on
 * the same page, read from the query and computed by the rules. */
#include "web/pages/pages_calculators.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"
#include "core/errors.h"
#include "web/render.h"
#include "rules/rules.h"
#include "wizard/wizard.h"
#include "wizard/wizards.h"
#include "web/pages/wizkit.h"

static const char *const weekday_names[] = { "Sunday",   "Monday", "Tuesday", "Wednesday",
					     "Thursday", "Friday", "Saturday" };
static const char *const month_names[] = { "January", "February", "March",     "April",   "May",      "June",
					   "July",    "August",   "September", "October", "November", "December" };

/* "Monday, January 1, 2024". */
static const char *long_date(rules_date d, char *buf, size_t len)
{
	snprintf(buf, len, "%s, %s %d, %d", weekday_names[rules_weekday(d)], month_names[(d.month - 1) % 12], d.day,
		 d.year);
	return buf;
}

/* The calculator's form from the query: 1 when every field was given and
 * accepted, 0 when none was given, -1 when one is missing or refused (the
 * messages are next to the fields). */
static int calc_form(struct request *req, const struct wz_field *fields, NEOERR **errp)
{
	int given = 0, failed = 0, n = 0;

	*errp = STATUS_OK;
	for (const struct wz_field *f = fields; f->name; f++) {
		int bad;
		const char *v = wizkit_query_get(req, f->name, &bad);

		if (bad || (v && *v))
			given = 1;
	}
	for (const struct wz_field *f = fields; f->name && *errp == STATUS_OK; f++, n++) {
		int bad;
		const char *v = wizkit_query_get(req, f->name, &bad);
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

static NEOERR *calc_render(struct request *req, const struct wz_field *fields, int form, const char *title,
			   const char *intro, const char *action, const char *tmpl)
{
	NEOERR *err = hdf_set_value(req->hdf, "Calc.Title", title);

	if (form < 0)
		req->status = 400;
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Calc.Intro", intro);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Calc.Action", action);
	if (err == STATUS_OK && form < 0)
		err = hdf_set_value(req->hdf, "Calc.Notice", "Please correct the answer marked below.");
	if (err == STATUS_OK && form > 0 && wizkit_want_print(req))
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

/* An annual leave answer's outcome and figures. */
static NEOERR *annual_figures_hdf(struct request *req, const rules_leave_calc_input *in,
				  const rules_annual_leave_result *r)
{
	char b1[64], b2[64], text[160];
	int nf = 0;
	double day = rules_week_day_hours(in->week);
	NEOERR *err = hdf_set_valuef(req->hdf, "Result.Outcome=You earn %d days of annual leave a year.",
				     r->days_per_year);

	snprintf(text, sizeof text, "%s (%s)", wizkit_fmt_qty(r->days_per_month, "day", "days", b1, sizeof b1),
		 wizkit_fmt_qty(r->hours_per_month, "hour", "hours", b2, sizeof b2));
	if (err == STATUS_OK)
		err = wizkit_figure(req, &nf, "Earned each month", text);
	snprintf(text, sizeof text, "%s (%s)", wizkit_fmt_qty(r->days_per_year, "day", "days", b1, sizeof b1),
		 wizkit_fmt_qty(r->days_per_year * day, "hour", "hours", b2, sizeof b2));
	if (err == STATUS_OK)
		err = wizkit_figure(req, &nf, "Earned each year", text);
	snprintf(text, sizeof text, "%s (%s)",
		 wizkit_fmt_qty(r->max_carry_forward_days, "working day", "working days", b1, sizeof b1),
		 wizkit_fmt_qty(r->max_carry_forward_hours, "hour", "hours", b2, sizeof b2));
	if (err == STATUS_OK)
		err = wizkit_figure(req, &nf, "Most you can carry into next year", text);
	return nerr_pass(err);
}

/* The accrual table for a workweek, the row that earns days_per_year
 * marked as the reader's. */
static NEOERR *annual_table_hdf(struct request *req, rules_week week, int days_per_year)
{
	size_t nrows;
	const rules_annual_row *rows = rules_annual_table(&nrows);
	char b1[64], text[160];
	NEOERR *err = STATUS_OK;

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
					     wizkit_fmt_num(rows[i].days_per_month, b1, sizeof b1));
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Result.Table.%zu.CarryDays=%d", i, rows[i].carry_days);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Result.Table.%zu.CarryHours=%s", i,
					     wizkit_fmt_num(week == RULES_WEEK_40 ? rows[i].carry_hours_40
										  : rows[i].carry_hours_37_5,
							    b1, sizeof b1));
		if (err == STATUS_OK && rows[i].days_per_year == days_per_year)
			err = hdf_set_valuef(req->hdf, "Result.Table.%zu.Yours=1", i);
	}
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Result.TableWeek", week == RULES_WEEK_40 ? "40" : "37.5");
	return nerr_pass(err);
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
		int nl = 0;

		if (rules_params_leave_calc(req_get, req, &in, &pe) != 0)
			return nerr_pass(calc_params_failed(&pe));
		if (rules_annual_leave_evaluate(&in, &r) != 0)
			return nerr_raise(HR_ERR_BAD_REQUEST, "These answers could not be evaluated.");
		err = annual_figures_hdf(req, &in, &r);
		if (err == STATUS_OK)
			err = annual_table_hdf(req, in.week, r.days_per_year);
		if (err == STATUS_OK)
			err = wizkit_explain(req, &r.explain);
		if (err == STATUS_OK)
			err = wizkit_handbook_link(req, &nl, "annual-leave",
						   "Requesting annual leave, and what "
						   "happens to it when you leave state service.");
	}
	if (err == STATUS_OK)
		err = calc_render(req, wizards_leave_calc_fields, form, title,
				  "How much annual (vacation) leave you earn, and the most "
				  "you can carry into the next calendar year.",
				  "/calculators/annual-leave", "calculator.cs");
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
				     wizkit_fmt_qty(r.hours_per_year, "hour", "hours", b1, sizeof b1),
				     r.bonus_days == 20   ? ", and you have earned both bonuses"
				     : r.bonus_days == 10 ? ", and you have earned the first bonus"
							  : "");
		snprintf(text, sizeof text, "1 day (%s)",
			 wizkit_fmt_qty(r.hours_per_month, "hour", "hours", b1, sizeof b1));
		if (err == STATUS_OK)
			err = wizkit_figure(req, &nf, "Earned each month", text);
		if (err == STATUS_OK)
			err = wizkit_figure(req, &nf, "Earned each year",
					    wizkit_fmt_qty(r.hours_per_year, "hour", "hours", b1, sizeof b1));
		snprintf(text, sizeof text, "%s (%s)", wizkit_fmt_qty(r.bonus_days, "day", "days", b1, sizeof b1),
			 wizkit_fmt_qty(r.bonus_hours, "hour", "hours", b2, sizeof b2));
		if (err == STATUS_OK)
			err = wizkit_figure(req, &nf, "Bonus sick leave earned so far", text);
		if (r.next_bonus_months)
			snprintf(text, sizeof text, "10 more days after %d months of service", r.next_bonus_months);
		else
			snprintf(text, sizeof text, "None: both bonuses are earned");
		if (err == STATUS_OK)
			err = wizkit_figure(req, &nf, "Next bonus", text);
		if (err == STATUS_OK)
			err = wizkit_explain(req, &r.explain);
		nf = 0;
		if (err == STATUS_OK)
			err = wizkit_handbook_link(req, &nf, "sick-leave",
						   "When you may use sick leave, and "
						   "sick leave without pay.");
		if (err == STATUS_OK)
			err = wizkit_link(req, &nf, "/wizards/leave-sharing", "Leave sharing wizard",
					  "Receive donated sick leave, or give some of yours.");
	}
	if (err == STATUS_OK)
		err = calc_render(req, wizards_leave_calc_fields, form, title,
				  "How much sick leave you earn, and the bonus sick leave "
				  "credited after 120 and 240 months of service.",
				  "/calculators/sick-leave", "calculator.cs");
	return nerr_pass(err);
}

static NEOERR *holidays_ics(struct request *req, int year)
{
	struct buf b;
	char name[96];
	NEOERR *err;

	buf_init(&b);
	if (rules_holidays_ical(year, &b) != 0) {
		buf_free(&b);
		return nerr_raise(NERR_NOMEM, "iCalendar for %d", year);
	}
	snprintf(name, sizeof name, "attachment; filename=\"kentucky-state-holidays-%d.ics\"", year);
	err = request_set_body(req, 200, "text/calendar; charset=utf-8", b.data, b.len);
	if (err == STATUS_OK)
		err = request_add_header(req, "Content-Disposition", name);
	buf_free(&b);
	return nerr_pass(err);
}

/* The holidays form: *form as calc_form's, with this year (in Frankfort's
 * time) when none is asked; *year the year to show when *form > 0. */
static NEOERR *holidays_read(struct request *req, const char *format, int *form, int *year)
{
	NEOERR *err;

	*form = calc_form(req, wizards_holiday_fields, &err);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (format != NULL && strcmp(format, "ics") != 0 && strcmp(format, "html") != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The format must be html or ics.");
	if (*form == 0) {
		char today[11], p[32];

		content_today(req->now, today);
		*year = atoi(today);
		snprintf(p, sizeof p, "%d", *year);
		*form = 1;
		return nerr_pass(wz_field_hdf(&wizards_holiday_fields[0], NULL, p, NULL, req->hdf, "Calc.Fields.0"));
	}
	if (*form > 0) {
		rules_param_error pe;

		if (rules_params_holidays(req_get, req, year, &pe) != 0)
			return nerr_pass(calc_params_failed(&pe));
	}
	return STATUS_OK;
}

/* Result.Holidays.<i>: one holiday, with the day offices close for it. */
static NEOERR *holiday_hdf(struct request *req, size_t i, const rules_holiday *h)
{
	char d[64], iso[11];
	bool moved = h->date.year != h->observed.year || h->date.month != h->observed.month ||
		     h->date.day != h->observed.day;
	NEOERR *err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.Name=%s", i, h->name);

	rules_date_iso(h->date, iso);
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.Date=%s", i, iso);
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.DateLong=%s", i, long_date(h->date, d, sizeof d));
	rules_date_iso(h->observed, iso);
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.Observed=%s", i, iso);
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.ObservedLong=%s", i,
				     long_date(h->observed, d, sizeof d));
	if (err == STATUS_OK && moved)
		err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.Moved=1", i);
	if (err == STATUS_OK && strstr(h->name, "(extra"))
		err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.Extra=1", i);
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.Holidays.%zu.Days=%s", i, h->days < 1 ? "Half day" : "1 day");
	return nerr_pass(err);
}

static NEOERR *holidays_hdf(struct request *req, int year, const rules_holidays_result *r)
{
	char b1[64];
	int nl = 0;
	NEOERR *err = hdf_set_valuef(req->hdf, "Result.Outcome=%d has %s of paid state holidays.", year,
				     wizkit_fmt_qty(r->total_days, "day", "days", b1, sizeof b1));

	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.Year=%d", year);
	if (err == STATUS_OK)
		err = hdf_set_value(req->hdf, "Result.TotalDays", wizkit_fmt_num(r->total_days, b1, sizeof b1));
	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.IcsUrl=/calculators/holidays/%d.ics", year);
	for (size_t i = 0; i < r->n && err == STATUS_OK; i++)
		err = holiday_hdf(req, i, &r->holidays[i]);
	if (err == STATUS_OK)
		err = wizkit_explain(req, &r->explain);
	if (err == STATUS_OK)
		err = wizkit_handbook_link(req, &nl, "holidays",
					   "The holiday schedule and how weekends "
					   "are handled.");
	/* Election years (every fourth) get the voting leave section too. */
	if (err == STATUS_OK && year % 4 == 0)
		err = wizkit_handbook_link(req, &nl, "voting-leave", "Voting leave and Election Day.");
	return nerr_pass(err);
}

NEOERR *page_calc_holidays(struct request *req)
{
	static const char title[] = "State holidays";
	const char *format = request_param(req, "format");
	int form = 0, year = 0;
	NEOERR *err = holidays_read(req, format, &form, &year);

	if (err == STATUS_OK && form > 0 && format && strcmp(format, "ics") == 0)
		return nerr_pass(holidays_ics(req, year));
	if (err == STATUS_OK && form > 0) {
		rules_holidays_result r;

		if (rules_holidays_evaluate(year, &r) != 0)
			return nerr_raise(HR_ERR_BAD_REQUEST, "Enter a year from 1990 to 2100.");
		err = holidays_hdf(req, year, &r);
	}
	if (err == STATUS_OK)
		err = calc_render(req, wizards_holiday_fields, form, title,
				  "The paid holidays of Kentucky state government for any "
				  "year from 1990 to 2100, with the day offices close when a holiday falls on "
				  "a weekend.",
				  "/calculators/holidays", "calculator.cs");
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
