/* rules_holidays.c: the state holiday schedule for a year, and iCalendar.
 *
 * Source: handbook section "Holidays" (KRS 18A.190): 11.5 days a year, 12.5
 * in presidential election years; Saturday holidays are observed on Friday,
 * Sunday holidays on Monday; "an extra day is given for Thanksgiving,
 * Christmas, and New Year's". "Voting" adds that state offices close on
 * presidential election days.
 *
 * The handbook does not say which day the extra days are. We read them as:
 *   Thanksgiving: the Friday after Thanksgiving.
 *   Christmas:    Christmas Eve, December 24.
 *   New Year's:   New Year's Eve, December 31 of the same year (the eve of
 *                 the next New Year's Day), so each year counts one New
 *                 Year's Day and one New Year's extra day.
 * An eve is moved like any holiday (Saturday to Friday, Sunday to Monday);
 * if it then lands on the day the main holiday is observed, it moves to the
 * neighbouring working day that keeps the two days together: Thursday when
 * the main holiday (a Saturday) is observed on Friday, Tuesday when the eve
 * was a Sunday and the main holiday is a Monday.
 * A holiday is listed under the year of the day it falls on; its observed
 * day may be in the neighbouring year (New Year's Day 2022, a Saturday, is
 * observed on Friday, December 31, 2021).
 */
#include "rules/rules_int.h"

#include <stdio.h>
#include <string.h>

/* Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static rules_date civil_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	rules_date r;
	r.day = (int)(doy - (153 * mp + 2) / 5 + 1);
	r.month = (int)(mp < 10 ? mp + 3 : mp - 9);
	r.year = (int)(yoe + era * 400 + (r.month <= 2));
	return r;
}

int rules_weekday(rules_date d)
{
	long z = days_from_civil(d.year, d.month, d.day);
	/* 1970-01-01 was a Thursday (4). */
	return (int)(((z % 7) + 7 + 4) % 7);
}

rules_date rules_date_add_days(rules_date d, int days)
{
	return civil_from_days(days_from_civil(d.year, d.month, d.day) + days);
}

/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
rules_date rules_easter(int year)
{
	int a = year % 19, b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	rules_date r = { year, (h + l - 7 * m + 114) / 31, ((h + l - 7 * m + 114) % 31) + 1 };
	return r;
}

void rules_date_iso(rules_date d, char buf[11])
{
	/* Unsigned and reduced so the compiler can see it always fits. */
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d.year % 10000u, (unsigned)d.month % 100u,
		 (unsigned)d.day % 100u);
}

static bool date_eq(rules_date a, rules_date b)
{
	return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* The n-th given weekday of a month (n >= 1), or the last when n == 0. */
static rules_date nth_weekday(int year, int month, int weekday, int n)
{
	rules_date d = { year, month, 1 };
	if (n == 0) {
		d = rules_date_add_days((rules_date){ month == 12 ? year + 1 : year, month % 12 + 1, 1 }, -1);
		return rules_date_add_days(d, -((rules_weekday(d) - weekday + 7) % 7));
	}
	d = rules_date_add_days(d, (weekday - rules_weekday(d) + 7) % 7);
	return rules_date_add_days(d, 7 * (n - 1));
}

/* Saturday is observed on Friday, Sunday on Monday. */
static rules_date observe(rules_date d)
{
	int w = rules_weekday(d);
	return w == 6 ? rules_date_add_days(d, -1) : w == 0 ? rules_date_add_days(d, 1) : d;
}

/* Observed day of an eve, kept apart from its main holiday (see top). */
static rules_date observe_eve(rules_date eve, rules_date main_observed)
{
	rules_date o = observe(eve);
	if (date_eq(o, main_observed))
		o = rules_date_add_days(main_observed, rules_weekday(eve) == 0 ? 1 : -1);
	return o;
}

static void add(rules_holidays_result *r, const char *key, const char *name, rules_date date, rules_date observed,
		double days)
{
	if (r->n >= RULES_MAX_HOLIDAYS) {
		r->explain.overflow = true;
		return;
	}
	rules_holiday *h = &r->holidays[r->n++];
	h->key = key;
	h->name = name;
	h->date = date;
	h->observed = observed;
	h->days = days;
	r->total_days += days;
}

static const char *const weekday_names[] = { "Sunday",   "Monday", "Tuesday", "Wednesday",
					     "Thursday", "Friday", "Saturday" };
static const char *const month_names[] = { "January", "February", "March",     "April",   "May",      "June",
					   "July",    "August",   "September", "October", "November", "December" };

/* "Friday, December 31, 2021" */
static void long_date(rules_date d, char *buf, size_t len)
{
	rx_format(buf, len, "%s, %s %d, %d", weekday_names[rules_weekday(d)], month_names[d.month - 1], d.day, d.year);
}

int rules_holidays_evaluate(int year, rules_holidays_result *out)
{
	memset(out, 0, sizeof *out);
	rx_init(&out->explain);
	rules_explain *e = &out->explain;
	out->year = year;
	rx_cite(e, CITE_HOLIDAYS_18A_190);
	if (year < RULES_YEAR_MIN || year > RULES_YEAR_MAX) {
		rx_reason(e, "The year must be from 1990 to 2100.");
		return -1;
	}
	bool election = year % 4 == 0;

	rules_date nyd = { year, 1, 1 };
	add(out, "new-years-day", "New Year's Day", nyd, observe(nyd), 1);
	rules_date mlk = nth_weekday(year, 1, 1, 3);
	add(out, "martin-luther-king-day", "Martin Luther King Day", mlk, mlk, 1);
	rules_date gf = rules_date_add_days(rules_easter(year), -2);
	add(out, "good-friday", "Good Friday", gf, gf, 0.5);
	rules_date mem = nth_weekday(year, 5, 1, 0);
	add(out, "memorial-day", "Memorial Day", mem, mem, 1);
	rules_date ind = { year, 7, 4 };
	add(out, "independence-day", "Independence Day", ind, observe(ind), 1);
	rules_date lab = nth_weekday(year, 9, 1, 1);
	add(out, "labor-day", "Labor Day", lab, lab, 1);
	rules_date elec = rules_date_add_days(nth_weekday(year, 11, 1, 1), 1);
	if (election)
		add(out, "presidential-election-day", "Presidential Election Day", elec, elec, 1);
	rules_date vet = { year, 11, 11 };
	add(out, "veterans-day", "Veterans Day", vet, observe(vet), 1);
	rules_date thx = nth_weekday(year, 11, 4, 4);
	add(out, "thanksgiving-day", "Thanksgiving Day", thx, thx, 1);
	rules_date thx2 = rules_date_add_days(thx, 1);
	add(out, "day-after-thanksgiving", "Day after Thanksgiving (extra Thanksgiving day)", thx2, thx2, 1);
	rules_date xmas = { year, 12, 25 }, xeve = { year, 12, 24 };
	rules_date xmas_obs = observe(xmas);
	add(out, "christmas-eve", "Christmas Eve (extra Christmas day)", xeve, observe_eve(xeve, xmas_obs), 1);
	add(out, "christmas-day", "Christmas Day", xmas, xmas_obs, 1);
	rules_date nye = { year, 12, 31 }, next_nyd = { year + 1, 1, 1 };
	add(out, "new-years-eve", "New Year's Eve (extra New Year's day)", nye, observe_eve(nye, observe(next_nyd)), 1);

	rx_reason(e,
		  "Kentucky state government observes 11.5 days of paid holidays a year, or 12.5 in "
		  "presidential election years, so %d has %s days.",
		  year, rx_n(out->total_days).s);
	rx_reason(e, "A holiday that falls on a Saturday is observed on the Friday before, and one that "
		     "falls on a Sunday on the Monday after.");
	char buf[64];
	long_date(gf, buf, sizeof buf);
	rx_reason(e, "Good Friday, the Friday before Easter, is a half-day holiday (%s).", buf);
	if (election) {
		long_date(elec, buf, sizeof buf);
		rx_reason(e,
			  "%d is a presidential election year, so state offices also close on Presidential "
			  "Election Day, the Tuesday after the first Monday in November (%s).",
			  year, buf);
		rx_cite(e, CITE_VOTING_18A_190);
	} else {
		rx_reason(e,
			  "%d is not a presidential election year, so there is no Presidential Election "
			  "Day holiday.",
			  year);
	}
	rx_reason(e, "The extra day given for Thanksgiving is taken as the Friday after Thanksgiving.");
	rx_reason(e, "The handbook does not name the extra Christmas and New Year's days, so they are "
		     "taken as Christmas Eve and New Year's Eve, moved off weekends like other holidays "
		     "and, if that lands on the day the main holiday is observed, to the adjacent "
		     "working day so the two days stay together.");
	for (size_t i = 0; i < out->n; i++) {
		const rules_holiday *h = &out->holidays[i];
		if (h->observed.year != year) {
			char on[64], obs[64];
			long_date(h->date, on, sizeof on);
			long_date(h->observed, obs, sizeof obs);
			rx_reason(e, "%s falls on %s and is observed on %s, in the neighbouring year.", h->name, on,
				  obs);
		}
	}
	return 0;
}

/* ---- iCalendar (RFC 5545) ------------------------------------------------ */

/* Appends one content line, folded so no line exceeds 75 octets: each
 * continuation starts with a space. Never splits a UTF-8 sequence. */
static int ical_line(struct buf *b, const char *line)
{
	size_t n = strlen(line), pos = 0, limit = 75;
	while (n - pos > limit) {
		size_t cut = pos + limit;
		while (cut > pos && ((unsigned char)line[cut] & 0xC0) == 0x80)
			cut--;
		buf_append(b, line + pos, cut - pos);
		buf_append(b, "\r\n ", 3);
		pos = cut;
		limit = 74; /* the leading space counts */
	}
	buf_append(b, line + pos, n - pos);
	return buf_append(b, "\r\n", 2);
}

/* TEXT value escaping: backslash, semicolon, comma and newline. */
static void ical_text(char *out, size_t len, const char *s)
{
	size_t o = 0;
	for (; *s && o + 3 < len; s++) {
		if (*s == '\\' || *s == ';' || *s == ',') {
			out[o++] = '\\';
			out[o++] = *s;
		} else if (*s == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else {
			out[o++] = *s;
		}
	}
	out[o] = '\0';
}

int rules_holidays_ical(int year, struct buf *out)
{
	rules_holidays_result r;
	if (rules_holidays_evaluate(year, &r) != 0)
		return -1;

	char line[1024], text[768], desc[512], on[64], obs[64];
	ical_line(out, "BEGIN:VCALENDAR");
	ical_line(out, "VERSION:2.0");
	ical_line(out, "PRODID:-//Kentucky Personnel Cabinet//hrportal state holidays//EN");
	ical_line(out, "CALSCALE:GREGORIAN");
	ical_line(out, "METHOD:PUBLISH");
	rx_format(line, sizeof line, "X-WR-CALNAME:Kentucky state holidays %d", year);
	ical_line(out, line);

	for (size_t i = 0; i < r.n; i++) {
		const rules_holiday *h = &r.holidays[i];
		rules_date end = rules_date_add_days(h->observed, 1);
		long_date(h->date, on, sizeof on);
		long_date(h->observed, obs, sizeof obs);

		ical_line(out, "BEGIN:VEVENT");
		/* Stable: the same holiday of the same year always has this UID,
         * so calendar clients update rather than duplicate. */
		rx_format(line, sizeof line, "UID:%d-%s@hrportal.personnel.ky.gov", year, h->key);
		ical_line(out, line);
		/* DTSTAMP is required; a fixed stamp (the handbook's revision
         * date) keeps the output reproducible. */
		ical_line(out, "DTSTAMP:20160930T000000Z");
		rx_format(line, sizeof line, "DTSTART;VALUE=DATE:%04d%02d%02d", h->observed.year, h->observed.month,
			  h->observed.day);
		ical_line(out, line);
		rx_format(line, sizeof line, "DTEND;VALUE=DATE:%04d%02d%02d", end.year, end.month, end.day);
		ical_line(out, line);
		ical_text(text, sizeof text, h->name);
		rx_format(line, sizeof line, "SUMMARY:%s%s", text, h->days < 1 ? " (half day)" : "");
		ical_line(out, line);
		if (date_eq(h->date, h->observed))
			rx_format(desc, sizeof desc,
				  "%s, %s. %s day of paid leave for state employees "
				  "(Employee Handbook, Holidays, KRS 18A.190).",
				  h->name, on, h->days < 1 ? "One-half" : "One");
		else
			rx_format(desc, sizeof desc,
				  "%s falls on %s and is observed on %s. %s day of paid "
				  "leave for state employees (Employee Handbook, Holidays, "
				  "KRS 18A.190).",
				  h->name, on, obs, h->days < 1 ? "One-half" : "One");
		ical_text(text, sizeof text, desc);
		rx_format(line, sizeof line, "DESCRIPTION:%s", text);
		ical_line(out, line);
		ical_line(out, "CATEGORIES:HOLIDAY");
		ical_line(out, "TRANSP:TRANSPARENT");
		ical_line(out, "END:VEVENT");
	}
	ical_line(out, "END:VCALENDAR");
	return out->failed ? -1 : 0;
}
