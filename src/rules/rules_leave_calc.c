/* rules_leave_calc.c: annual and sick leave calculators.
 *
 * Source: handbook sections "Annual (Vacation) Leave" (the accrual table and
 * the carry-forward table) and "Sick" (items a-j).
 */
#include "rules/rules_int.h"

#include <string.h>

#define CALC_MAX_MONTHS 1200

/* The two annual leave tables merged by their shared "Months of Service"
 * column. Carry-forward hours are copied as printed; a test checks they equal
 * carry_days x 7.5 and x 8. */
static const rules_annual_row annual_table[] = {
	{ 0, 12, 1.0, 30, 225.0, 240.0 },    { 60, 15, 1.25, 37, 277.5, 296.0 }, { 120, 18, 1.5, 45, 337.5, 360.0 },
	{ 180, 21, 1.75, 52, 390.0, 416.0 }, { 240, 24, 2.0, 60, 450.0, 480.0 },
};
#define ANNUAL_ROWS (sizeof annual_table / sizeof annual_table[0])

const rules_annual_row *rules_annual_table(size_t *count)
{
	if (count)
		*count = ANNUAL_ROWS;
	return annual_table;
}

static bool valid_input(const rules_leave_calc_input *in)
{
	return in->service_months >= 0 && in->service_months <= CALC_MAX_MONTHS &&
	       (in->week == RULES_WEEK_37_5 || in->week == RULES_WEEK_40);
}

static const char *week_name(rules_week w)
{
	return w == RULES_WEEK_40 ? "40" : "37.5";
}

int rules_annual_leave_evaluate(const rules_leave_calc_input *in, rules_annual_leave_result *out)
{
	memset(out, 0, sizeof *out);
	rx_init(&out->explain);
	rules_explain *e = &out->explain;
	rx_cite(e, CITE_ANNUAL_2_102_S1);
	rx_cite(e, CITE_ANNUAL_3_015_S1);
	if (!valid_input(in)) {
		rx_reason(e, "The request could not be evaluated because an input is out of range.");
		return -1;
	}

	size_t i = ANNUAL_ROWS - 1;
	while (i > 0 && in->service_months < annual_table[i].min_months)
		i--;
	const rules_annual_row *row = &annual_table[i];
	double day = rules_week_day_hours(in->week);

	out->days_per_year = row->days_per_year;
	out->days_per_month = row->days_per_month;
	out->hours_per_month = row->days_per_month * day;
	out->max_carry_forward_days = row->carry_days;
	out->max_carry_forward_hours = in->week == RULES_WEEK_40 ? row->carry_hours_40 : row->carry_hours_37_5;

	char band[32];
	if (i + 1 < ANNUAL_ROWS)
		rx_format(band, sizeof band, "%d-%d months", row->min_months, annual_table[i + 1].min_months - 1);
	else
		rx_format(band, sizeof band, "%d months and over", row->min_months);

	rx_reason(e,
		  "With %d month%s of service you are in the \"%s\" row of the annual leave table, so "
		  "you earn %d days a year (%s day%s a month).",
		  in->service_months, rx_s(in->service_months), band, row->days_per_year, rx_n(row->days_per_month).s,
		  rx_s(row->days_per_month));
	rx_reason(e, "On a %s-hour week a working day is %s hours, so you earn %s hours a month.", week_name(in->week),
		  rx_n(day).s, rx_n(out->hours_per_month).s);
	rx_reason(e,
		  "You may carry at most %d working days (%s hours on a %s-hour week) into the next "
		  "calendar year, and leave above that is converted to sick leave at the end of the "
		  "year or on retirement.",
		  row->carry_days, rx_n(out->max_carry_forward_hours).s, week_name(in->week));
	if (i + 1 < ANNUAL_ROWS)
		rx_reason(e, "At %d months of service you move to the next row and earn %d days a year.",
			  annual_table[i + 1].min_months, annual_table[i + 1].days_per_year);
	rx_reason(e, "Annual leave accrues only to full-time employees, and only in months in which they "
		     "work or are on paid leave other than educational leave with pay for 100 or more "
		     "regular hours; part-time and interim employees do not earn it.");
	return 0;
}

#define SICK_BONUS_DAYS 10
#define SICK_FIRST_BONUS_MONTHS 120
#define SICK_SECOND_BONUS_MONTHS 240

int rules_sick_leave_evaluate(const rules_leave_calc_input *in, rules_sick_leave_result *out)
{
	memset(out, 0, sizeof *out);
	rx_init(&out->explain);
	rules_explain *e = &out->explain;
	rx_cite(e, CITE_SICK_2_102_S2);
	rx_cite(e, CITE_SICK_3_015_S2);
	if (!valid_input(in)) {
		rx_reason(e, "The request could not be evaluated because an input is out of range.");
		return -1;
	}
	double day = rules_week_day_hours(in->week);

	out->days_per_month = 1;
	out->hours_per_month = day;
	out->hours_per_year = 12 * day;
	if (in->service_months >= SICK_SECOND_BONUS_MONTHS)
		out->bonus_days = 2 * SICK_BONUS_DAYS;
	else if (in->service_months >= SICK_FIRST_BONUS_MONTHS)
		out->bonus_days = SICK_BONUS_DAYS;
	out->bonus_hours = out->bonus_days * day;
	out->next_bonus_months = in->service_months < SICK_FIRST_BONUS_MONTHS    ? SICK_FIRST_BONUS_MONTHS
				 : in->service_months < SICK_SECOND_BONUS_MONTHS ? SICK_SECOND_BONUS_MONTHS
										 : 0;

	rx_reason(e,
		  "You earn one working day of sick leave a month, which on a %s-hour week is %s hours "
		  "a month and %s hours a year, credited on the first day of the following month.",
		  week_name(in->week), rx_n(day).s, rx_n(out->hours_per_year).s);
	if (out->bonus_days == 20)
		rx_reason(e,
			  "With %d months of total service you have earned both bonus credits, 10 days "
			  "after 120 months and another 10 after 240 months, for 20 days (%s hours) in "
			  "all.",
			  in->service_months, rx_n(out->bonus_hours).s);
	else if (out->bonus_days == 10)
		rx_reason(e,
			  "With %d months of total service you have earned the 10-day (%s-hour) bonus for "
			  "completing 120 months, and another 10 days come after 240 months.",
			  in->service_months, rx_n(out->bonus_hours).s);
	else
		rx_reason(e,
			  "With %d month%s of total service you have no bonus yet, because 10 additional "
			  "days are credited only after 120 months and another 10 after 240 months.",
			  in->service_months, rx_s(in->service_months));
	rx_reason(e, "Each bonus is credited on the first day of the month after the month in which the "
		     "service is completed, and only months in which you earned sick leave count.");
	rx_reason(e, "Sick leave accrues only in months in which you work or are on paid leave other than "
		     "educational leave for 100 or more regular hours, and part-time employees do not "
		     "accumulate it.");
	rx_reason(e, "Sick leave accumulates with no maximum and may be used in 15-minute units.");
	return 0;
}
