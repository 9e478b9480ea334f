#include "rules/calendar.h"

#include <string.h>

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

int calendar_parse(const char *s, rules_date *out)
{
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = two(s) * 100 + two(s + 2);
	m = two(s + 5);
	d = two(s + 8);
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	out->year = y;
	out->month = m;
	out->day = d;
	return 0;
}

int calendar_cmp(rules_date a, rules_date b)
{
	if (a.year != b.year)
		return a.year < b.year ? -1 : 1;
	if (a.month != b.month)
		return a.month < b.month ? -1 : 1;
	if (a.day != b.day)
		return a.day < b.day ? -1 : 1;
	return 0;
}

/* Days since 1970-01-01 (proleptic Gregorian). */
static long day_number(rules_date d)
{
	int y = d.year - (d.month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;

	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

long calendar_days_between(rules_date a, rules_date b)
{
	return day_number(b) - day_number(a);
}

static bool observed_holiday(rules_date d)
{
	/* An observed day can fall in the year before or after the holiday's. */
	for (int y = d.year - 1; y <= d.year + 1; y++) {
		rules_holidays_result r;

		if (y < RULES_YEAR_MIN || y > RULES_YEAR_MAX || rules_holidays_evaluate(y, &r) != 0)
			continue;
		for (size_t i = 0; i < r.n; i++)
			if (r.holidays[i].days >= 1.0 && calendar_cmp(r.holidays[i].observed, d) == 0)
				return true;
	}
	return false;
}

bool calendar_is_workday(rules_date d)
{
	int w = rules_weekday(d);

	if (w == 0 || w == 6)
		return false;
	return !observed_holiday(d);
}

rules_date calendar_add_workdays(rules_date d, int n)
{
	while (n > 0) {
		d = rules_date_add_days(d, 1);
		if (calendar_is_workday(d))
			n--;
	}
	return d;
}

int calendar_workdays_in(rules_date a, rules_date b)
{
	int n = 0;

	/* Bounded: forms never ask about more than a few years. */
	for (int i = 0; calendar_cmp(a, b) <= 0 && i < 3700; i++) {
		if (calendar_is_workday(a))
			n++;
		a = rules_date_add_days(a, 1);
	}
	return n;
}
