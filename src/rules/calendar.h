/* calendar: dates as the forms see them, and state workdays.
 *
 * Dates are "YYYY-MM-DD" strings at the edges and rules_date inside. A
 * workday is Monday to Friday except the state holidays' observed days
 * (rules_holidays_evaluate: KRS 18A.190, including the extra days given for
 * Thanksgiving, Christmas and New Year's). Good Friday is a half-day
 * holiday: offices are open, so it counts as a workday. Years outside the
 * holiday rules' range count weekends only. Pure: no I/O, no state. */
#ifndef HR_CALENDAR_H
#define HR_CALENDAR_H

#include <stdbool.h>

#include "rules/rules.h"

/* Strict "YYYY-MM-DD" with a real date (years 1900-2199); 0 on success. */
int calendar_parse(const char *s, rules_date *out);

/* <0, 0, >0 like strcmp. */
int calendar_cmp(rules_date a, rules_date b);

/* b - a in calendar days. */
long calendar_days_between(rules_date a, rules_date b);

bool calendar_is_workday(rules_date d);

/* The n-th workday after d (d itself does not count); n >= 0. A grievance
 * received on d with 10 workdays to answer is due on add_workdays(d, 10). */
rules_date calendar_add_workdays(rules_date d, int n);

/* Workdays from a to b inclusive (0 when b is before a). */
int calendar_workdays_in(rules_date a, rules_date b);

#endif
