/* Unit tests of the forms' pure parts: workdays and holidays, grievance
 * deadlines, the leave-sharing ledger, CSRF tokens and origin checks, form
 * validation (leave limits, donations, grievances, appeals, SSNs), typed
 * signatures and wizard results. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/calendar.h"
#include "web/csrf.h"
#include "forms/formcheck.h"
#include "forms/formdef.h"
#include "forms/grievance.h"
#include "forms/ledger.h"
#include "forms/requests.h"
#include "forms/status.h"
#include "wizard/wizres.h"

static rules_date D(const char *s)
{
	rules_date d = { 0, 0, 0 };

	ck_assert_msg(calendar_parse(s, &d) == 0, "bad test date %s", s);
	return d;
}

static void assert_date(rules_date d, const char *want)
{
	char got[11];

	rules_date_iso(d, got);
	ck_assert_str_eq(got, want);
}

/* ---- calendar ---------------------------------------------------------- */

START_TEST(test_calendar_parse)
{
	static const struct {
		const char *s;
		int ok;
	} cases[] = {
		{ "2027-01-05", 1 }, { "2028-02-29", 1 }, { "2027-02-29", 0 }, { "2100-02-29", 0 },
		{ "2000-02-29", 1 }, { "2027-13-01", 0 }, { "2027-00-10", 0 }, { "2027-04-31", 0 },
		{ "27-01-05", 0 },   { "2027-1-05", 0 },  { "2027/01/05", 0 }, { "2027-01-05 ", 0 },
		{ "", 0 },           { "abcd-ef-gh", 0 }, { "1899-12-31", 0 }, { "2199-12-31", 1 },
	};
	rules_date d;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg((calendar_parse(cases[i].s, &d) == 0) == cases[i].ok, "%s", cases[i].s);
	ck_assert_int_eq(calendar_parse(NULL, &d), -1);
	ck_assert_int_eq(calendar_days_between(D("2027-01-01"), D("2027-03-01")), 59);
	ck_assert_int_eq(calendar_days_between(D("2028-01-01"), D("2028-03-01")), 60);
	ck_assert_int_eq(calendar_days_between(D("2027-03-01"), D("2027-01-01")), -59);
}
END_TEST

START_TEST(test_workdays)
{
	/* Weekends */
	ck_assert(calendar_is_workday(D("2027-01-05")));  /* Tuesday */
	ck_assert(!calendar_is_workday(D("2027-01-09"))); /* Saturday */
	ck_assert(!calendar_is_workday(D("2027-01-10"))); /* Sunday */
	/* Holidays (observed days): MLK day 2027-01-18, Memorial Day 2027-05-31,
	 * Independence Day 2027 (Sunday) observed Monday 2027-07-05,
	 * Thanksgiving 2027-11-25 and the day after, Christmas Eve and Day
	 * 2027 (Friday/Saturday) observed Thursday/Friday 23-24 Dec. */
	ck_assert(!calendar_is_workday(D("2027-01-18")));
	ck_assert(!calendar_is_workday(D("2027-05-31")));
	ck_assert(calendar_is_workday(D("2027-07-06")));
	ck_assert(!calendar_is_workday(D("2027-07-05")));
	ck_assert(!calendar_is_workday(D("2027-11-25")));
	ck_assert(!calendar_is_workday(D("2027-11-26")));
	ck_assert(!calendar_is_workday(D("2027-12-24")));
	ck_assert(!calendar_is_workday(D("2027-12-23")));
	/* New Year's Day 2028 is a Saturday: observed Friday 2027-12-31. */
	ck_assert(!calendar_is_workday(D("2027-12-31")));
	/* Good Friday is a half day: offices open. 2027-03-26. */
	ck_assert(calendar_is_workday(D("2027-03-26")));
	/* Presidential election day 2028-11-07 is a holiday; 2027's is not. */
	ck_assert(!calendar_is_workday(D("2028-11-07")));
	ck_assert(calendar_is_workday(D("2027-11-02")));

	/* Adding workdays skips weekends and holidays. */
	assert_date(calendar_add_workdays(D("2027-01-05"), 0), "2027-01-05");
	assert_date(calendar_add_workdays(D("2027-01-05"), 1), "2027-01-06");
	assert_date(calendar_add_workdays(D("2027-01-08"), 1), "2027-01-11");  /* Friday -> Monday */
	assert_date(calendar_add_workdays(D("2027-01-05"), 10), "2027-01-20"); /* crosses MLK day */
	assert_date(calendar_add_workdays(D("2027-01-09"), 5), "2027-01-15");  /* from a Saturday */
	assert_date(calendar_add_workdays(D("2027-11-22"), 5), "2027-12-01");  /* Thanksgiving week */
	assert_date(calendar_add_workdays(D("2027-12-20"), 5), "2027-12-29");  /* Christmas: 23-24 Dec */
	assert_date(calendar_add_workdays(D("2027-12-27"), 5), "2028-01-05");  /* New Year: 30-31 Dec */
	ck_assert_int_eq(calendar_workdays_in(D("2027-01-04"), D("2027-01-08")), 5);
	ck_assert_int_eq(calendar_workdays_in(D("2027-01-04"), D("2027-01-10")), 5);
	ck_assert_int_eq(calendar_workdays_in(D("2027-01-15"), D("2027-01-19")), 2); /* Fri, MLK Mon, Tue */
	ck_assert_int_eq(calendar_workdays_in(D("2027-01-10"), D("2027-01-04")), 0);
	ck_assert_int_eq(calendar_workdays_in(D("2030-01-01"), D("2030-12-31")), 261 - 11);
}
END_TEST

/* ---- grievance ------------------------------------------------------------- */

static struct grievance_clock three_levels(void)
{
	struct grievance_clock g;

	memset(&g, 0, sizeof g);
	g.n_levels = 3;
	g.kinds[0] = GRIEVANCE_LINE;
	g.kinds[1] = GRIEVANCE_LINE;
	g.kinds[2] = GRIEVANCE_AUTHORITY;
	return g;
}

START_TEST(test_grievance_deadlines)
{
	struct grievance_clock g = three_levels(), out;

	ck_assert_int_eq(grievance_file(&g, D("2027-01-05")), 0);
	ck_assert_int_eq(g.level, 1);
	ck_assert_int_eq(grievance_response_days(&g, 1), 10);
	ck_assert_int_eq(grievance_response_days(&g, 2), 5);
	ck_assert_int_eq(grievance_response_days(&g, 3), 20);
	assert_date(g.due_on, "2027-01-20"); /* 10 workdays, MLK day skipped */
	/* On the deadline nothing happens; the day after, level 2 has it. */
	ck_assert_int_eq(grievance_tick(&g, D("2027-01-20"), &out), GRIEVANCE_TICK_NONE);
	ck_assert_int_eq(grievance_tick(&g, D("2027-01-21"), &out), GRIEVANCE_TICK_ADVANCED);
	ck_assert_int_eq(out.level, 2);
	assert_date(out.received_on, "2027-01-21");
	assert_date(out.due_on, "2027-01-28"); /* 5 workdays */
	/* Untouched for months: every level in turn, each from the day after. */
	g = out;
	ck_assert_int_eq(grievance_tick(&g, D("2027-06-01"), &out), GRIEVANCE_TICK_ADVANCED);
	ck_assert_int_eq(out.level, 3);
	assert_date(out.received_on, "2027-01-29");
	assert_date(out.due_on, "2027-02-26"); /* 20 workdays */
	g = out;
	ck_assert_int_eq(grievance_tick(&g, D("2027-06-01"), &out), GRIEVANCE_TICK_OVERDUE);
	ck_assert(!out.has_due);
	g = out;
	ck_assert_int_eq(grievance_tick(&g, D("2027-12-01"), &out), GRIEVANCE_TICK_NONE);
}
END_TEST

START_TEST(test_grievance_decide_appeal)
{
	struct grievance_clock g = three_levels(), out, after;

	grievance_file(&g, D("2027-01-05"));
	ck_assert_int_eq(grievance_decide(&g, D("2027-01-07"), &out), 0);
	ck_assert_int_eq(out.status, GRIEVANCE_AWAITING_EMPLOYEE);
	assert_date(out.due_on, "2027-01-14"); /* the employee's 5 workdays */
	/* Appeal in time: level 2 from today, 5 workdays. */
	ck_assert_int_eq(grievance_appeal(&out, D("2027-01-14"), &after), 0);
	ck_assert_int_eq(after.level, 2);
	ck_assert_int_eq(after.status, GRIEVANCE_AWAITING_RESPONSE);
	assert_date(after.due_on, "2027-01-22"); /* MLK day skipped */
	/* Too late: the decision stands. */
	ck_assert_int_eq(grievance_appeal(&out, D("2027-01-15"), &after), -1);
	ck_assert_int_eq(grievance_tick(&out, D("2027-01-15"), &after), GRIEVANCE_TICK_LAPSED);
	ck_assert_int_eq(after.status, GRIEVANCE_RESOLVED);
	/* The last level's decision is final. */
	g.level = 3;
	ck_assert_int_eq(grievance_decide(&g, D("2027-01-07"), &out), 0);
	ck_assert_int_eq(out.status, GRIEVANCE_RESOLVED);
	ck_assert_int_eq(grievance_appeal(&out, D("2027-01-07"), &after), -1);
	/* Only an awaiting grievance can be decided. */
	ck_assert_int_eq(grievance_decide(&out, D("2027-01-07"), &after), -1);
}
END_TEST

START_TEST(test_grievance_levels_valid)
{
	struct grievance_clock g;

	memset(&g, 0, sizeof g);
	ck_assert_int_eq(grievance_file(&g, D("2027-01-05")), -1); /* no levels */
	g.n_levels = 2;
	g.kinds[0] = GRIEVANCE_AUTHORITY;
	g.kinds[1] = GRIEVANCE_LINE;
	ck_assert_int_eq(grievance_file(&g, D("2027-01-05")), -1); /* authority not last */
	g.n_levels = 1;
	ck_assert_int_eq(grievance_file(&g, D("2027-01-05")), 0); /* the authority alone: 20 days */
	assert_date(g.due_on, "2027-02-03");
	ck_assert(!grievance_filed_late(D("2027-01-05"), D("2027-02-04"))); /* 30 days */
	ck_assert(grievance_filed_late(D("2027-01-05"), D("2027-02-05")));  /* 31 days */
	/* The last day a denial's email names is the last day not late. */
	assert_date(grievance_filing_deadline(D("2027-01-05")), "2027-02-04");
	ck_assert(!grievance_filed_late(D("2027-01-05"), grievance_filing_deadline(D("2027-01-05"))));
	assert_date(grievance_filing_deadline(D("2028-02-10")), "2028-03-11"); /* across Feb 29 */
}
END_TEST

/* ---- ledger ------------------------------------------------------------------ */

START_TEST(test_ledger_transfer_order)
{
	struct ledger_donation d[4] = {
		{ 1, LEDGER_APPROVED, 2000, 0, 0 },
		{ 2, LEDGER_PENDING, 1000, 0, 0 },
		{ 3, LEDGER_APPROVED, 1500, 0, 0 },
		{ 4, LEDGER_DECLINED, 800, 0, 0 },
	};
	struct ledger_move m[4];
	size_t n;

	/* The first goes; the third waits for the second, received before it. */
	n = ledger_plan_transfers(3000, d, 4, m);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(m[0].index, 0);
	ck_assert_int_eq(m[0].hours_ch, 2000);
	d[0].state = LEDGER_TRANSFERRED;
	d[0].transferred_ch = 2000;
	/* The second is approved: both go, the third only up to the need. */
	d[1].state = LEDGER_APPROVED;
	n = ledger_plan_transfers(3000, d, 4, m);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(m[0].index, 1);
	ck_assert_int_eq(m[0].hours_ch, 1000);
	ck_assert_int_eq(m[1].index, 2);
	ck_assert_int_eq(m[1].hours_ch, 0);
	ck_assert_int_eq(ledger_remaining_need(3000, d, 4), 1000);
	/* A denied earlier donation does not hold later ones back. */
	d[1].state = LEDGER_DECLINED;
	n = ledger_plan_transfers(3000, d, 4, m);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(m[0].index, 2);
	ck_assert_int_eq(m[0].hours_ch, 1000);
}
END_TEST

START_TEST(test_ledger_restore_reverse)
{
	struct ledger_donation d[3] = {
		{ 1, LEDGER_TRANSFERRED, 2000, 2000, 0 },
		{ 2, LEDGER_DECLINED, 1000, 0, 0 },
		{ 3, LEDGER_TRANSFERRED, 1500, 1000, 0 },
	};
	struct ledger_move m[3];
	size_t n;

	/* 2,500 unused: the newest (1,000) first, then 1,500 of the oldest. */
	n = ledger_plan_restore(d, 3, 2500, m);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(m[0].index, 2);
	ck_assert_int_eq(m[0].hours_ch, 1000);
	ck_assert_int_eq(m[1].index, 0);
	ck_assert_int_eq(m[1].hours_ch, 1500);
	/* Nothing unused: nothing moves. Already restored hours are not restored twice. */
	ck_assert_int_eq(ledger_plan_restore(d, 3, 0, m), 0);
	d[2].restored_ch = 1000;
	n = ledger_plan_restore(d, 3, 5000, m);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(m[0].index, 0);
	ck_assert_int_eq(m[0].hours_ch, 2000);
	ck_assert_int_eq(ledger_remaining_need(3000, d, 3), 1000);
}
END_TEST

START_TEST(test_ledger_hours_text)
{
	char buf[32];

	ck_assert_int_eq(ledger_parse_hours("7.5", 100000), 750);
	ck_assert_int_eq(ledger_parse_hours("7.25", 100000), 725);
	ck_assert_int_eq(ledger_parse_hours("0", 100000), 0);
	ck_assert_int_eq(ledger_parse_hours("200", 20000), 20000);
	ck_assert_int_eq(ledger_parse_hours("200.01", 20000), -1);
	ck_assert_int_eq(ledger_parse_hours("7.", 100000), -1);
	ck_assert_int_eq(ledger_parse_hours(".5", 100000), -1);
	ck_assert_int_eq(ledger_parse_hours("-1", 100000), -1);
	ck_assert_int_eq(ledger_parse_hours("1e3", 100000), -1);
	ck_assert_int_eq(ledger_parse_hours("7.125", 100000), -1);
	ck_assert_int_eq(ledger_parse_hours("99999999", 100000000000LL), -1);
	ck_assert_int_eq(ledger_parse_hours(NULL, 100), -1);
	ledger_format_hours(750, buf);
	ck_assert_str_eq(buf, "7.5");
	ledger_format_hours(725, buf);
	ck_assert_str_eq(buf, "7.25");
	ledger_format_hours(-2000, buf);
	ck_assert_str_eq(buf, "-20");
}
END_TEST

/* ---- CSRF ----------------------------------------------------------------------- */

static const unsigned char secret[32] = "0123456789abcdef0123456789abcdef";
static const unsigned char other_secret[32] = "fedcba9876543210fedcba9876543210";

START_TEST(test_csrf_tokens)
{
	char tok[CSRF_TOKEN_MAX], bad[CSRF_TOKEN_MAX];
	time_t t = 1800000000;

	csrf_make(secret, 32, "jdoe", "/forms/leave", t, tok);
	ck_assert_int_eq(csrf_verify(secret, 32, "jdoe", "/forms/leave", tok, t), CSRF_OK);
	/* Good for the working day it was made in, not after. */
	ck_assert_int_eq(csrf_verify(secret, 32, "jdoe", "/forms/leave", tok, t + 7 * 3600 - (t % 3600)), CSRF_OK);
	ck_assert_int_eq(csrf_verify(secret, 32, "jdoe", "/forms/leave", tok, t + 8 * 3600), CSRF_EXPIRED);
	ck_assert_int_eq(csrf_verify(secret, 32, "jdoe", "/forms/leave", tok, t - 3600), CSRF_EXPIRED);
	/* Another user, action or key. */
	ck_assert_int_eq(csrf_verify(secret, 32, "msmith", "/forms/leave", tok, t), CSRF_INVALID);
	ck_assert_int_eq(csrf_verify(secret, 32, "jdoe", "/forms/fmla", tok, t), CSRF_INVALID);
	ck_assert_int_eq(csrf_verify(other_secret, 32, "jdoe", "/forms/leave", tok, t), CSRF_INVALID);
	/* "jdoe" + "/x" must not equal "jdoe/" + "x". */
	csrf_make(secret, 32, "jdoe/", "x", t, bad);
	ck_assert_int_eq(csrf_verify(secret, 32, "jdoe", "/x", bad, t), CSRF_INVALID);
	/* Malformed and missing. */
	ck_assert_int_eq(csrf_verify(secret, 32, "jdoe", "/forms/leave", NULL, t), CSRF_MISSING);
	ck_assert_int_eq(csrf_verify(secret, 32, "jdoe", "/forms/leave", "", t), CSRF_MISSING);
	ck_assert_int_eq(csrf_verify(secret, 32, "jdoe", "/forms/leave", "abc", t), CSRF_MALFORMED);
	ck_assert_int_eq(csrf_verify(secret, 32, "jdoe", "/forms/leave", "1.2", t), CSRF_MALFORMED);
	snprintf(bad, sizeof bad, "%s", tok);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
	ck_assert_int_eq(csrf_verify(secret, 32, "jdoe", "/forms/leave", bad, t), CSRF_INVALID);
	snprintf(bad, sizeof bad, "-5%s", strchr(tok, '.'));
	ck_assert_int_eq(csrf_verify(secret, 32, "jdoe", "/forms/leave", bad, t), CSRF_MALFORMED);
}
END_TEST

START_TEST(test_csrf_origin)
{
	const char *base = "http://127.0.0.1:8080";

	ck_assert(csrf_same_origin(NULL, NULL, "127.0.0.1:8080", base));
	ck_assert(csrf_same_origin("http://127.0.0.1:8080", NULL, "127.0.0.1:8080", base));
	ck_assert(csrf_same_origin("https://hr.example.ky.gov", "same-origin", "hr.example.ky.gov", base));
	ck_assert(csrf_same_origin(NULL, "none", "x", base));
	ck_assert(!csrf_same_origin("http://evil.example", NULL, "127.0.0.1:8080", base));
	ck_assert(!csrf_same_origin("null", NULL, "127.0.0.1:8080", base));
	ck_assert(!csrf_same_origin(NULL, "cross-site", "127.0.0.1:8080", base));
	ck_assert(!csrf_same_origin(NULL, "same-site", "127.0.0.1:8080", base));
	ck_assert(!csrf_same_origin("http://127.0.0.1:8080.evil.example", NULL, "127.0.0.1:8080", base));
}
END_TEST

/* ---- Validation ----------------------------------------------------------------------- */

static struct form_values vals(const char *const *kv)
{
	struct form_values v;

	memset(&v, 0, sizeof v);
	for (size_t i = 0; kv[i]; i += 2)
		form_set(&v, kv[i], kv[i + 1]);
	return v;
}

static struct form_context today_ctx(const char *today)
{
	struct form_context c;

	memset(&c, 0, sizeof c);
	c.today = D(today);
	return c;
}

static struct form_result *check(const char *form, const char *const *kv, const struct form_context *c)
{
	static struct form_result r;
	struct form_values v = vals(kv);

	formcheck_validate(formdef_find(form), &v, c, &r);
	return &r;
}

static void expect_error(const struct form_result *r, const char *field, const char *fragment)
{
	const char *m = formcheck_error_for(r, field);

	ck_assert_msg(m != NULL, "expected an error on %s (%zu errors; first: %s)", field, r->n_errors,
		      r->n_errors ? r->errors[0].message : "-");
	if (fragment)
		ck_assert_msg(strstr(m, fragment) != NULL, "error on %s: %s (wanted %s)", field, m, fragment);
}

/* Every problem in one round: the dates' order with a missing answer and
 * a malformed one, each field with one message (the first). */
/* Each field's message, in the order the checks make them: the start,
 * then the hours, then the rules of the kind of leave; warnings too. */
START_TEST(test_leave_message_order)
{
	struct form_context c = today_ctx("2027-01-05");
	struct form_result *r;

	r = check("leave",
		  (const char *[]){ "leave_type", "voting", "start_date", "2027-01-04", "end_date", "2027-01-05",
				    "hours", "5", NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 3);
	ck_assert_str_eq(r->errors[0].field, "start_date");
	ck_assert_str_eq(r->errors[0].message,
			 "Voting leave must be approved in advance: the first day cannot be in the past.");
	ck_assert_str_eq(r->errors[1].field, "end_date");
	ck_assert_str_eq(r->errors[1].message,
			 "Voting leave is taken on one day: the first and last day must be the same.");
	ck_assert_str_eq(r->errors[2].field, "hours");
	ck_assert_str_eq(r->errors[2].message, "Voting leave is at most four (4) hours (101 KAR 2:102, Section 7).");
	r = check("leave",
		  (const char *[]){ "leave_type", "bereavement", "relationship", "other_relative", "start_date",
				    "2027-01-04", "end_date", "2027-01-12", "hours", "10", "extra_days_requested", "1",
				    NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 1);
	ck_assert_str_eq(r->errors[0].field, "reason");
	ck_assert_int_eq(r->n_warnings, 2);
	ck_assert(strstr(r->warnings[0], "More than five days") != NULL);
	ck_assert(strstr(r->warnings[1], "relative of close association") != NULL);
	ck_assert_int_eq(r->hours_ch, 1000);
}
END_TEST

START_TEST(test_all_errors_at_once)
{
	struct form_context c = today_ctx("2027-01-05");
	struct form_result *r;

	r = check("leave",
		  (const char *[]){ "start_date", "2027-01-12", "end_date", "2027-01-11", "hours", "abc", NULL }, &c);
	ck_assert_int_eq(r->n_errors, 3);
	expect_error(r, "leave_type", "Choose an answer");
	expect_error(r, "hours", NULL);
	expect_error(r, "end_date", "cannot be before the first day");
	r = check("fmla", (const char *[]){ "start_date", "2027-03-10", "end_date", "2027-03-01", NULL }, &c);
	expect_error(r, "end_date", "cannot be before the first day");
	expect_error(r, "reason", "Choose an answer");
	r = check("outside-employment", (const char *[]){ "term_from", "2027-03-10", "term_to", "2027-03-01", NULL },
		  &c);
	expect_error(r, "term_to", "cannot be before the start");
	expect_error(r, "employer_name", "required");
	/* A missing required date keeps its own message, not a rule's. */
	r = check("leave", (const char *[]){ "leave_type", "annual", "start_date", "2027-01-11", "hours", "7.5", NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 1);
	expect_error(r, "end_date", "required");
}
END_TEST

START_TEST(test_leave_limits)
{
	struct form_context c = today_ctx("2027-01-05");
	struct form_result *r;

	r = check("leave",
		  (const char *[]){ "leave_type", "annual", "start_date", "2027-01-11", "end_date", "2027-01-12",
				    "hours", "15", NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 0);
	ck_assert_str_eq(r->summary, "2027-01-11 to 2027-01-12, 15 hours");
	/* Voting and blood donation: at most 4 hours, one day. */
	r = check("leave",
		  (const char *[]){ "leave_type", "voting", "start_date", "2027-11-02", "end_date", "2027-11-02",
				    "hours", "4", NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 0);
	r = check("leave",
		  (const char *[]){ "leave_type", "voting", "start_date", "2027-11-02", "end_date", "2027-11-02",
				    "hours", "4.25", NULL },
		  &c);
	expect_error(r, "hours", "four (4) hours");
	r = check("leave",
		  (const char *[]){ "leave_type", "blood_donation", "start_date", "2027-02-02", "end_date",
				    "2027-02-03", "hours", "4", NULL },
		  &c);
	expect_error(r, "end_date", "one day");
	r = check("leave",
		  (const char *[]){ "leave_type", "blood_donation", "start_date", "2027-02-02", "end_date",
				    "2027-02-02", "hours", "5", NULL },
		  &c);
	expect_error(r, "hours", "Section 12");
	/* Bereavement: five workdays unless more are asked for. */
	r = check("leave",
		  (const char *[]){ "leave_type", "bereavement", "relationship", "parent", "start_date", "2027-01-04",
				    "end_date", "2027-01-10", "hours", "37.5", NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 0); /* Mon..Sun = 5 workdays; and may be in the past */
	r = check("leave",
		  (const char *[]){ "leave_type", "bereavement", "relationship", "parent", "start_date", "2027-01-04",
				    "end_date", "2027-01-11", "hours", "45", NULL },
		  &c);
	expect_error(r, "end_date", "five (5) days");
	r = check("leave",
		  (const char *[]){ "leave_type", "bereavement", "relationship", "parent", "start_date", "2027-01-04",
				    "end_date", "2027-01-11", "hours", "45", "extra_days_requested", "1", NULL },
		  &c);
	expect_error(r, "reason", NULL);
	r = check("leave",
		  (const char *[]){ "leave_type", "bereavement", "relationship", "parent", "start_date", "2027-01-04",
				    "end_date", "2027-01-11", "hours", "45", "extra_days_requested", "1", "reason",
				    "Travel abroad", NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 0);
	ck_assert_int_eq(r->n_warnings, 1);
	r = check("leave",
		  (const char *[]){ "leave_type", "bereavement", "start_date", "2027-01-04", "end_date", "2027-01-04",
				    "hours", "7.5", NULL },
		  &c);
	expect_error(r, "relationship", NULL);
	/* Advance approval: no past dates for annual; sick may be past. */
	r = check("leave",
		  (const char *[]){ "leave_type", "annual", "start_date", "2027-01-04", "end_date", "2027-01-04",
				    "hours", "7.5", NULL },
		  &c);
	expect_error(r, "start_date", "in advance");
	r = check("leave",
		  (const char *[]){ "leave_type", "sick", "start_date", "2027-01-04", "end_date", "2027-01-04", "hours",
				    "7.5", NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 0);
	r = check("leave",
		  (const char *[]){ "leave_type", "sick", "start_date", "2026-10-01", "end_date", "2026-10-01", "hours",
				    "7.5", NULL },
		  &c);
	expect_error(r, "start_date", "60 days");
	/* Order, units, size. */
	r = check("leave",
		  (const char *[]){ "leave_type", "annual", "start_date", "2027-01-12", "end_date", "2027-01-11",
				    "hours", "7.5", NULL },
		  &c);
	expect_error(r, "end_date", "before");
	r = check("leave",
		  (const char *[]){ "leave_type", "sick", "start_date", "2027-01-12", "end_date", "2027-01-12", "hours",
				    "7.3", NULL },
		  &c);
	expect_error(r, "hours", "quarter");
	r = check("leave",
		  (const char *[]){ "leave_type", "sick", "start_date", "2027-01-12", "end_date", "2027-01-12", "hours",
				    "25", NULL },
		  &c);
	expect_error(r, "hours", "more hours");
	/* Military: 21 working days; orders required. Spousal: one day. */
	r = check("leave",
		  (const char *[]){ "leave_type", "military", "start_date", "2027-02-01", "end_date", "2027-03-05",
				    "hours", "187.5", "reason", "Orders 27-114", NULL },
		  &c);
	expect_error(r, "end_date", "twenty-one (21)");
	r = check("leave",
		  (const char *[]){ "leave_type", "military", "start_date", "2027-02-01", "end_date", "2027-02-05",
				    "hours", "37.5", NULL },
		  &c);
	expect_error(r, "reason", "orders");
	r = check("leave",
		  (const char *[]){ "leave_type", "military_spousal", "start_date", "2027-02-01", "end_date",
				    "2027-02-02", "hours", "15", NULL },
		  &c);
	expect_error(r, "end_date", "one day");
	/* Adverse weather: made up within 123 days of the absence. */
	r = check("leave",
		  (const char *[]){ "leave_type", "adverse_weather", "absence_date", "2026-12-20", "start_date",
				    "2027-01-09", "end_date", "2027-01-09", "hours", "4", NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 0);
	r = check("leave",
		  (const char *[]){ "leave_type", "adverse_weather", "absence_date", "2026-08-01", "start_date",
				    "2027-01-09", "end_date", "2027-01-09", "hours", "4", NULL },
		  &c);
	expect_error(r, "absence_date", "123 days");
}
END_TEST

START_TEST(test_field_types_and_drafts)
{
	struct form_context c = today_ctx("2027-01-05");
	struct form_result *r;
	char big[9000];

	r = check("leave",
		  (const char *[]){ "hours", "abc", "start_date", "2027-02-30", "leave_type", "holiday", NULL }, &c);
	expect_error(r, "hours", "number");
	expect_error(r, "start_date", "YYYY-MM-DD");
	expect_error(r, "leave_type", "options");
	expect_error(r, "end_date", "required");
	/* A draft may be incomplete, never malformed. */
	c.draft = true;
	r = check("leave", (const char *[]){ "hours", "8", NULL }, &c);
	ck_assert_int_eq(r->n_errors, 0);
	r = check("leave", (const char *[]){ "hours", "8x", NULL }, &c);
	expect_error(r, "hours", NULL);
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	r = check("grievance", (const char *[]){ "statement", big, NULL }, &c);
	expect_error(r, "statement", "at most 8000");
	r = check("grievance", (const char *[]){ "job_classification", "Analyst\nII", NULL }, &c);
	expect_error(r, "job_classification", "one line");
	/* Multi-byte characters count as one. */
	r = check("grievance",
		  (const char *[]){ "job_classification",
				    "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
				    NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 0);
	r = check("board-appeal",
		  (const char *[]){ "home_state", "ky", "home_zip", "4060", "home_phone", "call me", NULL }, &c);
	expect_error(r, "home_state", "two capital");
	expect_error(r, "home_zip", "ZIP");
	expect_error(r, "home_phone", "phone");
	r = check(
		"board-appeal",
		(const char *[]){ "home_state", "KY", "home_zip", "40601-1234", "home_phone", "(502) 564-7830", NULL },
		&c);
	ck_assert_int_eq(r->n_errors, 0);
	r = check("fmla", (const char *[]){ "attorney", "maybe", "child_incapable", "2", NULL }, &c);
	expect_error(r, "child_incapable", "yes or no");
}
END_TEST

START_TEST(test_no_social_security_numbers)
{
	struct form_context c = today_ctx("2027-01-05");
	struct form_result *r;

	ck_assert(formcheck_looks_like_ssn("my number is 123-45-6789."));
	ck_assert(formcheck_looks_like_ssn("123 45 6789"));
	ck_assert(formcheck_looks_like_ssn("SSN:123456789"));
	ck_assert(!formcheck_looks_like_ssn("call (502) 564-7830"));
	ck_assert(!formcheck_looks_like_ssn("1234567890"));
	ck_assert(!formcheck_looks_like_ssn("123-456-789"));
	ck_assert(!formcheck_looks_like_ssn("12345678"));
	ck_assert(!formcheck_looks_like_ssn("40601-1234"));
	c.draft = true;
	r = check("grievance", (const char *[]){ "statement", "My SSN is 123-45-6789", NULL }, &c);
	expect_error(r, "statement", "Social Security");
	r = check("sick-leave-donation", (const char *[]){ "recipient_employee_id", "123456789", NULL }, &c);
	expect_error(r, "recipient_employee_id", "Social Security");
	r = check("sick-leave-donation", (const char *[]){ "recipient_employee_id", "1234", NULL }, &c);
	expect_error(r, "recipient_employee_id", "5 to 8 digits");
	/* No form has a field for one. */
	{
		size_t n;
		const struct form_def *defs = formdef_all(&n);

		ck_assert_int_eq(n, 11);
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < defs[i].n_fields; k++) {
				ck_assert_msg(strstr(defs[i].fields[k].name, "ssn") == NULL, "%s",
					      defs[i].fields[k].name);
				ck_assert_msg(strstr(defs[i].fields[k].label, "Social Security") == NULL, "%s",
					      defs[i].fields[k].label);
				ck_assert_msg(defs[i].n_fields <= FORM_MAX_FIELDS, "%s", defs[i].key);
			}
	}
}
END_TEST

static const char *const donation_ok[] = {
	"recipient_employee_id",
	"100101",
	"donate",
	"20",
	"balance",
	"120",
	"employer",
	"18a",
	"active",
	"1",
	"certify",
	"1",
	NULL,
};

START_TEST(test_donation_rules)
{
	struct form_context c = today_ctx("2027-01-05");
	struct form_result *r;

	c.recipient_found = true;
	c.recipient_week_hours = "37.5";
	c.recipient_need_ch = 3000;
	r = check("sick-leave-donation", donation_ok, &c);
	ck_assert_int_eq(r->n_errors, 0);
	ck_assert(r->eligible_checked && r->eligible);
	ck_assert_str_eq(r->summary, "20 hours");
	/* Never above what the recipient still needs. */
	c.recipient_need_ch = 1000;
	r = check("sick-leave-donation", donation_ok, &c);
	expect_error(r, "donate", "still needs 10 hours");
	c.recipient_need_ch = 0;
	r = check("sick-leave-donation", donation_ok, &c);
	expect_error(r, "donate", "already met");
	c.recipient_need_ch = 3000;
	/* 75-hour rule: more than 75 before, at least 75 after. */
	r = check("sick-leave-donation",
		  (const char *[]){ "recipient_employee_id", "100101", "donate", "8", "balance", "75", "employer",
				    "18a", "active", "1", "certify", "1", NULL },
		  &c);
	expect_error(r, "balance", "more than seventy-five");
	r = check("sick-leave-donation",
		  (const char *[]){ "recipient_employee_id", "100101", "donate", "10", "balance", "82.5", "employer",
				    "18a", "active", "1", "certify", "1", NULL },
		  &c);
	expect_error(r, "donate", "at most 7.5 hours");
	r = check("sick-leave-donation",
		  (const char *[]){ "recipient_employee_id", "100101", "donate", "7.5", "balance", "82.5", "employer",
				    "18a", "active", "1", "certify", "1", NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 0);
	/* 7.5 / 8 hours minimum, by the recipient's week. */
	r = check("sick-leave-donation",
		  (const char *[]){ "recipient_employee_id", "100101", "donate", "7.25", "balance", "120", "employer",
				    "18a", "active", "1", "certify", "1", NULL },
		  &c);
	expect_error(r, "donate", "least you may donate is 7.5");
	c.recipient_week_hours = "40";
	r = check("sick-leave-donation",
		  (const char *[]){ "recipient_employee_id", "100101", "donate", "7.5", "balance", "120", "employer",
				    "18a", "active", "1", "certify", "1", NULL },
		  &c);
	expect_error(r, "donate", "least you may donate is 8");
	/* Not active: the rules module says no. */
	r = check("sick-leave-donation",
		  (const char *[]){ "recipient_employee_id", "100101", "donate", "8", "balance", "120", "employer",
				    "18a", "active", "0", "certify", "1", NULL },
		  &c);
	expect_error(r, "", "cannot donate");
	/* Recipients that cannot be donated to. */
	c.recipient_found = false;
	r = check("sick-leave-donation", donation_ok, &c);
	expect_error(r, "recipient_employee_id", "No approved sick");
	c.recipient_found = true;
	c.recipient_is_self = true;
	r = check("annual-leave-donation", donation_ok, &c);
	expect_error(r, "recipient_employee_id", "yourself");
}
END_TEST

START_TEST(test_sharing_applications)
{
	struct form_context c = today_ctx("2027-01-05");
	struct form_result *r;
	static const char *const sick[] = {
		"employer",
		"18a",
		"active",
		"1",
		"condition_of",
		"self",
		"certified",
		"1",
		"consecutive_days",
		"15",
		"paid_leave_exhausted",
		"1",
		"complied",
		"1",
		"hours_requested",
		"40",
		"week_hours",
		"37.5",
		"start_date",
		"2027-01-04",
		NULL,
	};

	r = check("sick-leave-sharing", sick, &c);
	ck_assert_int_eq(r->n_errors, 0);
	ck_assert(r->eligible);
	ck_assert_str_eq(r->summary, "from 2027-01-04, 40 hours requested");
	r = check("sick-leave-sharing",
		  (const char *[]){ "employer",
				    "18a",
				    "active",
				    "1",
				    "condition_of",
				    "self",
				    "certified",
				    "1",
				    "consecutive_days",
				    "9",
				    "paid_leave_exhausted",
				    "1",
				    "complied",
				    "1",
				    "hours_requested",
				    "40",
				    "week_hours",
				    "37.5",
				    "start_date",
				    "2027-01-04",
				    NULL },
		  &c);
	expect_error(r, "", "cannot receive");
	ck_assert(r->explain.n_reasons > 0);
	r = check("annual-leave-sharing",
		  (const char *[]){ "employer",
				    "18a",
				    "active",
				    "1",
				    "loss",
				    "fire",
				    "event_date",
				    "2027-01-01",
				    "consecutive_days",
				    "12",
				    "paid_leave_exhausted",
				    "1",
				    "complied",
				    "1",
				    "hours_requested",
				    "201",
				    "week_hours",
				    "40",
				    "start_date",
				    "2027-01-04",
				    NULL },
		  &c);
	expect_error(r, "hours_requested", "200");
	r = check("annual-leave-sharing",
		  (const char *[]){ "employer",
				    "aoc",
				    "active",
				    "1",
				    "loss",
				    "fire",
				    "event_date",
				    "2027-01-01",
				    "consecutive_days",
				    "12",
				    "paid_leave_exhausted",
				    "1",
				    "complied",
				    "1",
				    "hours_requested",
				    "100",
				    "week_hours",
				    "40",
				    "start_date",
				    "2027-01-04",
				    NULL },
		  &c);
	expect_error(r, "", "cannot receive donated annual");
}
END_TEST

START_TEST(test_grievance_and_appeal_checks)
{
	struct form_context c = today_ctx("2027-03-01");
	struct form_result *r;
	static const char *const late[] = {
		"job_classification",
		"Analyst",
		"occurred_on",
		"2027-01-15",
		"subject_is_supervisor",
		"0",
		"statement",
		"S",
		"remedy",
		"R",
		NULL,
	};

	r = check("grievance", late, &c);
	ck_assert_int_eq(r->n_errors, 0);
	ck_assert_int_eq(r->n_warnings, 1);
	ck_assert(strstr(r->warnings[0], "thirty (30) days") != NULL);
	r = check("grievance",
		  (const char *[]){ "job_classification", "Analyst", "occurred_on", "2027-02-20",
				    "subject_is_supervisor", "1", "statement", "S", "remedy", "R", NULL },
		  &c);
	expect_error(r, "subject_is_supervisor", "second-line");
	c.has_second_line = true;
	r = check("grievance",
		  (const char *[]){ "job_classification", "Analyst", "occurred_on", "2027-02-20",
				    "subject_is_supervisor", "1", "statement", "S", "remedy", "R", NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 0);
	ck_assert_int_eq(r->n_warnings, 0);
	r = check("grievance",
		  (const char *[]){ "job_classification", "Analyst", "occurred_on", "2027-03-02",
				    "subject_is_supervisor", "0", "statement", "S", "remedy", "R", NULL },
		  &c);
	expect_error(r, "occurred_on", "future");

	r = check("board-appeal",
		  (const char *[]){ "last_name",   "Doe",        "first_name", "Jane",       "home_street",
				    "1 Main",      "home_city",  "Frankfort",  "home_state", "KY",
				    "home_zip",    "40601",      "agency",     "Personnel",  "appellant_status",
				    "classified",  "attorney",   "1",          "statement",  "Facts",
				    "notice_date", "2027-02-20", "disc_age",   "1",          NULL },
		  &c);
	expect_error(r, "action_discrimination", "tick Discrimination");
	expect_error(r, "attorney_details", NULL);
	r = check("board-appeal",
		  (const char *[]){ "last_name", "Doe",       "first_name",       "Jane",       "home_street", "1 Main",
				    "home_city", "Frankfort", "home_state",       "KY",         "home_zip",    "40601",
				    "agency",    "Personnel", "appellant_status", "classified", "attorney",    "0",
				    "statement", "Facts",     "notice_date",      "2027-02-20", NULL },
		  &c);
	expect_error(r, "action_dismissal", "at least one");
	r = check("board-appeal", (const char *[]){ "last_name",   "Doe",        "first_name",        "Jane",
						    "home_street", "1 Main",     "home_city",         "Frankfort",
						    "home_state",  "KY",         "home_zip",          "40601",
						    "agency",      "Personnel",  "appellant_status",  "classified",
						    "attorney",    "0",          "statement",         "Facts",
						    "notice_date", "2027-01-02", "action_suspension", "1",
						    NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 0);
	ck_assert_int_eq(r->n_warnings, 1); /* more than 30 days since the notice */
}
END_TEST

START_TEST(test_fmla_check)
{
	struct form_context c = today_ctx("2027-01-05");
	struct form_result *r;

	r = check("fmla",
		  (const char *[]){ "start_date", "2027-03-01", "end_date", "2027-04-01", "schedule", "continuous",
				    "reason", "own_health", "service_months", "24", "hours", "1300", "paid_leave",
				    "concurrent", NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 0);
	ck_assert(r->eligible_checked && r->eligible);
	ck_assert_int_eq(r->n_warnings, 0);
	r = check("fmla",
		  (const char *[]){ "start_date", "2027-01-10", "end_date", "2027-04-01", "schedule", "continuous",
				    "reason", "own_health", "service_months", "11", "hours", "1300", "paid_leave",
				    "concurrent", NULL },
		  &c);
	ck_assert_int_eq(r->n_errors, 0); /* a warning, not a refusal */
	ck_assert(!r->eligible);
	ck_assert_int_eq(r->n_warnings, 2); /* notice and eligibility */
	r = check("fmla",
		  (const char *[]){ "start_date", "2027-03-01", "end_date", "2027-04-01", "schedule", "continuous",
				    "reason", "family_care", "service_months", "24", "hours", "1300", "paid_leave",
				    "concurrent", NULL },
		  &c);
	expect_error(r, "relation", NULL);
	r = check("fmla",
		  (const char *[]){ "start_date", "2027-03-01", "end_date", "2027-04-01", "schedule", "continuous",
				    "reason", "family_care", "relation", "child", "service_months", "24", "hours",
				    "1300", "paid_leave", "concurrent", NULL },
		  &c);
	expect_error(r, "child_age", NULL); /* the rules module's own check, mapped to the field */
}
END_TEST

START_TEST(test_signatures)
{
	ck_assert(formcheck_signature_matches("Jane Doe", "Jane Doe"));
	ck_assert(formcheck_signature_matches("  jane   doe. ", "Jane Doe"));
	ck_assert(formcheck_signature_matches("Mary-Jo O'Neil", "Mary Jo ONeil"));
	ck_assert(!formcheck_signature_matches("Jane", "Jane Doe"));
	ck_assert(!formcheck_signature_matches("", "Jane Doe"));
	ck_assert(!formcheck_signature_matches("...", "..."));
	ck_assert(!formcheck_signature_matches(NULL, "Jane Doe"));
	ck_assert(formcheck_signature_matches("Zo\xc3\xab Smith", "zo\xc3\xab smith"));
}
END_TEST

static const char *kv_get(void *ctx, const char *name)
{
	const char *const *kv = ctx;

	for (size_t i = 0; kv[i]; i += 2)
		if (strcmp(kv[i], name) == 0)
			return kv[i + 1];
	return NULL;
}

START_TEST(test_wizard_results)
{
	static const char *const before[] = { "service_months", "24", "hours", "1300", "reason", "own_health", NULL };
	static const char *const after[] = { "service_months", "24", "hours", "1000", "reason", "own_health", NULL };
	static const char *const bad[] = { "service_months", "-1", "hours", "1300", "reason", "own_health", NULL };
	struct wizres *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
	rules_param_error e = { NULL, NULL };
	char changes[1024];
	json_writer w;

	json_init(&w);
	ck_assert_int_eq(wizres_evaluate("fmla", "fmla", kv_get, (void *)before, a, &w, &e), 0);
	ck_assert_int_eq(json_finish(&w), 0);
	ck_assert(strstr(json_data(&w), "\"eligible\":true") != NULL);
	ck_assert(a->eligible);
	ck_assert(strstr(a->citations, "101 KAR 2:102") != NULL);
	ck_assert(strstr(a->citations, "/handbook/family-and-medical-leave-act-fmla") != NULL);
	ck_assert_int_eq(wizres_compare(a, a, changes, sizeof changes), 0);
	ck_assert_int_eq(wizres_evaluate("fmla", "fmla", kv_get, (void *)after, b, NULL, &e), 0);
	ck_assert(!b->eligible);
	ck_assert(wizres_compare(a, b, changes, sizeof changes) >= 1);
	ck_assert(strstr(changes, "eligible then, not eligible now") != NULL);
	ck_assert_int_eq(wizres_evaluate("fmla", "fmla", kv_get, (void *)bad, b, NULL, &e), -1);
	ck_assert_str_eq(e.field, "service_months");
	ck_assert(wizres_param_names("leave-sharing", "sick-leave-donation") != NULL);
	ck_assert_ptr_null(wizres_param_names(NULL, "leave"));
	json_free(&w);
	free(a);
	free(b);
}
END_TEST

/* ---- request status ------------------------------------------------------ */

/* Every status has its database word (migration 004's CHECK, in its
 * order) and its label, and each word reads back as its status. */
START_TEST(test_status_names)
{
	static const struct {
		enum request_status s;
		const char *name, *label;
	} want[] = {
		{ REQUEST_DRAFT, "draft", "Draft (not submitted)" },
		{ REQUEST_PENDING, "pending", "Awaiting a decision" },
		{ REQUEST_DECIDED, "decided", "Decided: you may appeal or accept" },
		{ REQUEST_APPROVED, "approved", "Approved" },
		{ REQUEST_DENIED, "denied", "Denied" },
		{ REQUEST_WITHDRAWN, "withdrawn", "Withdrawn" },
		{ REQUEST_CLOSED, "closed", "Closed" },
		{ REQUEST_FILED, "filed", "Filed" },
		{ REQUEST_ACKNOWLEDGED, "acknowledged", "Acknowledged" },
	};

	ck_assert_int_eq(sizeof want / sizeof want[0], REQUEST_STATUS_COUNT - 1);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		ck_assert_int_eq(want[i].s, (int)i + 1); /* HR's status filter lists them in this order */
		ck_assert_str_eq(request_status_name(want[i].s), want[i].name);
		ck_assert_str_eq(request_status_label(want[i].s), want[i].label);
		ck_assert_int_eq(request_status_parse(want[i].name), want[i].s);
		ck_assert_str_eq(requests_status_label(want[i].name), want[i].label);
	}
	for (int s = REQUEST_STATUS_NONE + 1; s < REQUEST_STATUS_COUNT; s++)
		ck_assert_int_eq(request_status_parse(request_status_name(s)), s);
}
END_TEST

/* Words that are not statuses are refused, history actions included. */
START_TEST(test_status_unknown_words)
{
	static const char *const not_statuses[] = { "",         "Pending",   "pending ", " draft",
						    "drafts",   "submitted", "created",  "escalated",
						    "accepted", "Approved",  NULL };

	for (size_t i = 0; not_statuses[i]; i++)
		ck_assert_int_eq(request_status_parse(not_statuses[i]), REQUEST_STATUS_NONE);
	ck_assert_int_eq(request_status_parse(NULL), REQUEST_STATUS_NONE);
	ck_assert_str_eq(request_status_name(REQUEST_STATUS_NONE), "");
	ck_assert_str_eq(request_status_label(REQUEST_STATUS_NONE), "");
	ck_assert_str_eq(request_status_name((enum request_status)REQUEST_STATUS_COUNT), "");
	ck_assert_str_eq(request_status_label((enum request_status) - 1), "");
	/* The label of a word that is not a status is the word. */
	ck_assert_str_eq(requests_status_label("escalated"), "escalated");
	ck_assert_str_eq(requests_status_label(""), "");
}
END_TEST

/* A form recorded at once names its final status; a routed one none. */
START_TEST(test_form_final_status)
{
	size_t n = 0;
	const struct form_def *defs = formdef_all(&n);

	for (size_t i = 0; i < n; i++) {
		enum request_status f = defs[i].final_status;

		if (defs[i].chain == CHAIN_NONE)
			ck_assert(f == REQUEST_FILED || f == REQUEST_ACKNOWLEDGED);
		else
			ck_assert_int_eq(f, REQUEST_STATUS_NONE);
	}
	ck_assert_int_eq(formdef_find("board-appeal")->final_status, REQUEST_FILED);
	ck_assert_int_eq(formdef_find("tobacco-free")->final_status, REQUEST_ACKNOWLEDGED);
}
END_TEST

static Suite *forms_suite(void)
{
	Suite *s = suite_create("forms");
	TCase *t = tcase_create("pure");

	tcase_add_test(t, test_calendar_parse);
	tcase_add_test(t, test_workdays);
	tcase_add_test(t, test_grievance_deadlines);
	tcase_add_test(t, test_grievance_decide_appeal);
	tcase_add_test(t, test_grievance_levels_valid);
	tcase_add_test(t, test_ledger_transfer_order);
	tcase_add_test(t, test_ledger_restore_reverse);
	tcase_add_test(t, test_ledger_hours_text);
	tcase_add_test(t, test_csrf_tokens);
	tcase_add_test(t, test_csrf_origin);
	tcase_add_test(t, test_leave_limits);
	tcase_add_test(t, test_all_errors_at_once);
	tcase_add_test(t, test_leave_message_order);
	tcase_add_test(t, test_field_types_and_drafts);
	tcase_add_test(t, test_no_social_security_numbers);
	tcase_add_test(t, test_donation_rules);
	tcase_add_test(t, test_sharing_applications);
	tcase_add_test(t, test_grievance_and_appeal_checks);
	tcase_add_test(t, test_fmla_check);
	tcase_add_test(t, test_signatures);
	tcase_add_test(t, test_wizard_results);
	tcase_add_test(t, test_status_names);
	tcase_add_test(t, test_status_unknown_words);
	tcase_add_test(t, test_form_final_status);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(forms_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
