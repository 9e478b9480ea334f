/* check_rules.c: table-driven unit tests of the handbook rules module.
 *
 * Inputs are written as query strings ("service_months=12&hours=1250&...")
 * and go through the same parameter parser the web handlers use, so each
 * case tests parsing and the decision together.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "rules/rules.h"

#define N_ELEMS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- A query-string parameter source ------------------------------------ */

#define QS_MAX 32
typedef struct qs {
	char names[QS_MAX][64];
	char values[QS_MAX][128];
	int n;
	const char *big_name; /* optional parameter with a huge value */
	const char *big_value;
} qs;

static void qs_parse(qs *q, const char *s)
{
	memset(q, 0, sizeof *q);
	while (s && *s) {
		const char *amp = strchr(s, '&');
		size_t len = amp ? (size_t)(amp - s) : strlen(s);
		const char *eq = memchr(s, '=', len);
		ck_assert_msg(eq != NULL && q->n < QS_MAX, "bad test query near %s", s);
		snprintf(q->names[q->n], sizeof q->names[0], "%.*s", (int)(eq - s), s);
		snprintf(q->values[q->n], sizeof q->values[0], "%.*s", (int)(len - (size_t)(eq - s) - 1), eq + 1);
		q->n++;
		s = amp ? amp + 1 : NULL;
	}
}

static const char *qs_get(void *ctx, const char *name)
{
	const qs *q = ctx;
	if (q->big_name && strcmp(name, q->big_name) == 0)
		return q->big_value;
	for (int i = 0; i < q->n; i++)
		if (strcmp(q->names[i], name) == 0)
			return q->values[i];
	return NULL;
}

/* ---- Checks every answer must pass --------------------------------------- */

static bool citation_known(const rules_citation *c)
{
	size_t n;
	const rules_citation *all = rules_all_citations(&n);
	for (size_t i = 0; i < n; i++)
		if (&all[i] == c)
			return true;
	return false;
}

/* Reasons are sentences; citations come from the published list. */
static void check_explain(const rules_explain *e)
{
	ck_assert_msg(!e->overflow, "reasons or citations overflowed");
	ck_assert_uint_gt(e->n_reasons, 0);
	ck_assert_uint_gt(e->n_citations, 0);
	for (size_t i = 0; i < e->n_reasons; i++) {
		const char *r = e->reasons[i];
		size_t len = strlen(r);
		ck_assert_msg(len > 10, "short reason: %s", r);
		ck_assert_msg((r[0] >= 'A' && r[0] <= 'Z') || (r[0] >= '0' && r[0] <= '9'),
			      "reason must start a sentence: %s", r);
		ck_assert_msg(r[len - 1] == '.', "reason must end with a period: %s", r);
		ck_assert_msg(strstr(r, "  ") == NULL, "double space: %s", r);
		ck_assert_msg(strchr(r, '?') == NULL, "unformatted number: %s", r);
	}
	for (size_t i = 0; i < e->n_citations; i++)
		ck_assert_msg(citation_known(e->citations[i]), "unlisted citation %s", e->citations[i]->cite);
}

static bool has_reason(const rules_explain *e, const char *needle)
{
	for (size_t i = 0; i < e->n_reasons; i++)
		if (strstr(e->reasons[i], needle))
			return true;
	return false;
}

static bool has_cite(const rules_explain *e, const char *cite, const char *slug)
{
	for (size_t i = 0; i < e->n_citations; i++)
		if (strcmp(e->citations[i]->cite, cite) == 0 && strcmp(e->citations[i]->slug, slug) == 0)
			return true;
	return false;
}

/* ======================================================================== */
/* FMLA                                                                     */
/* ======================================================================== */

typedef struct {
	const char *q;
	bool eligible;
	int weeks; /* entitlement */
	double remaining;
	bool fed_eligible;
	int fed_weeks;
	bool state_only;
	bool shared; /* federal: combined with spouse */
} fmla_case;

#define OWN "reason=own_health"
#define FC "reason=family_care&relation="
#define MX "reason=military_exigency&relation="
#define SM "reason=servicemember_care&relation="
#define OK12 "service_months=12&hours=1250&"

static const fmla_case fmla_cases[] = {
	/* Service: 11 vs 12 months. */
	{ "service_months=11&hours=2000&" OWN, false, 0, 0, false, 0, false, false },
	{ "service_months=12&hours=2000&" OWN, true, 12, 12, true, 12, false, false },
	{ "service_months=0&hours=0&" OWN, false, 0, 0, false, 0, false, false },
	{ "service_months=400&hours=2080&" OWN, true, 12, 12, true, 12, false, false },
	/* Hours: 1,249.5 vs 1,250, and paid leave (state counts it, federal not). */
	{ "service_months=24&hours=1249.5&" OWN, false, 0, 0, false, 0, false, false },
	{ "service_months=24&hours=1249.99&" OWN, false, 0, 0, false, 0, false, false },
	{ "service_months=24&hours=1250&" OWN, true, 12, 12, true, 12, false, false },
	{ "service_months=24&hours=1250&paid_leave_hours=0.5&" OWN, true, 12, 12, false, 0, false, false },
	{ "service_months=24&hours=1300&paid_leave_hours=100&" OWN, true, 12, 12, false, 0, false, false },
	{ "service_months=24&hours=1300&paid_leave_hours=50&" OWN, true, 12, 12, true, 12, false, false },
	{ "service_months=11&hours=1300&paid_leave_hours=100&" OWN, false, 0, 0, false, 0, false, false },
	/* Weeks used: remaining never negative. */
	{ OK12 OWN "&weeks_used=5", true, 12, 7, true, 12, false, false },
	{ OK12 OWN "&weeks_used=2.5", true, 12, 9.5, true, 12, false, false },
	{ OK12 OWN "&weeks_used=11.75", true, 12, 0.25, true, 12, false, false },
	{ OK12 OWN "&weeks_used=12", true, 12, 0, true, 12, false, false },
	{ OK12 OWN "&weeks_used=13", true, 12, 0, true, 12, false, false },
	{ OK12 OWN "&weeks_used=52", true, 12, 0, true, 12, false, false },
	/* Birth and placement; spouses both in the Executive Branch. */
	{ OK12 "reason=birth", true, 12, 12, true, 12, false, false },
	{ OK12 "reason=birth&spouse_state_employee=1", true, 12, 12, true, 12, false, true },
	{ OK12 "reason=placement&spouse_state_employee=1&weeks_used=4", true, 12, 8, true, 12, false, true },
	{ OK12 "reason=placement&spouse_state_employee=0", true, 12, 12, true, 12, false, false },
	{ "service_months=11&hours=1250&reason=birth&spouse_state_employee=1", false, 0, 0, false, 0, false, true },
	/* Family care: spouse, son/daughter (age and incapacity), parent. */
	{ OK12 FC "spouse", true, 12, 12, true, 12, false, false },
	{ OK12 FC "child&child_age=0", true, 12, 12, true, 12, false, false },
	{ OK12 FC "child&child_age=17", true, 12, 12, true, 12, false, false },
	{ OK12 FC "child&child_age=18", false, 0, 0, false, 0, false, false },
	{ OK12 FC "child&child_age=18&child_incapable=1", true, 12, 12, true, 12, false, false },
	{ OK12 FC "child&child_incapable=1", true, 12, 12, true, 12, false, false },
	{ OK12 FC "child&child_age=25&lived_with_30_days=1", true, 12, 12, false, 0, true, false },
	{ OK12 FC "child&child_age=30&legally_responsible=1", true, 12, 12, false, 0, true, false },
	{ OK12 FC "parent", true, 12, 12, true, 12, false, false },
	/* Not a parent: parent-in-law, unless state part (b) applies. */
	{ OK12 FC "parent_in_law", false, 0, 0, false, 0, false, false },
	{ OK12 FC "parent_in_law&lived_with_30_days=1", true, 12, 12, false, 0, true, false },
	{ OK12 FC "parent_in_law&legally_responsible=1", true, 12, 12, false, 0, true, false },
	/* State-only immediate family. */
	{ OK12 FC "grandparent", true, 12, 12, false, 0, true, false },
	{ OK12 FC "grandparent&weeks_used=3", true, 12, 9, false, 0, true, false },
	{ OK12 FC "sibling", false, 0, 0, false, 0, false, false },
	{ OK12 FC "sibling&lived_with_30_days=1", true, 12, 12, false, 0, true, false },
	{ OK12 FC "other", false, 0, 0, false, 0, false, false },
	{ OK12 FC "other&legally_responsible=1", true, 12, 12, false, 0, true, false },
	{ OK12 FC "next_of_kin", false, 0, 0, false, 0, false, false },
	{ "service_months=11&hours=1250&" FC "grandparent", false, 0, 0, false, 0, true, false },
	/* Military exigency. */
	{ OK12 MX "spouse", true, 12, 12, true, 12, false, false },
	{ OK12 MX "child&child_age=30", true, 12, 12, true, 12, false, false },
	{ OK12 MX "parent", true, 12, 12, true, 12, false, false },
	{ OK12 MX "grandparent", true, 12, 12, false, 0, true, false },
	{ OK12 MX "sibling", false, 0, 0, false, 0, false, false },
	{ OK12 MX "sibling&lived_with_30_days=1", true, 12, 12, false, 0, true, false },
	{ OK12 MX "next_of_kin", false, 0, 0, false, 0, false, false },
	/* Servicemember care: 26 workweeks. */
	{ OK12 SM "spouse", true, 26, 26, true, 26, false, false },
	{ OK12 SM "child", true, 26, 26, true, 26, false, false },
	{ OK12 SM "parent", true, 26, 26, true, 26, false, false },
	{ OK12 SM "next_of_kin", true, 26, 26, true, 26, false, false },
	{ OK12 SM "grandparent", true, 26, 26, false, 0, true, false },
	{ OK12 SM "other", false, 0, 0, false, 0, false, false },
	{ OK12 SM "other&lived_with_30_days=1", true, 26, 26, false, 0, true, false },
	{ OK12 SM "spouse&weeks_used=20", true, 26, 6, true, 26, false, false },
	{ OK12 SM "spouse&weeks_used=12.5", true, 26, 13.5, true, 26, false, false },
	{ OK12 SM "spouse&weeks_used=30", true, 26, 0, true, 26, false, false },
	{ "service_months=11&hours=1250&" SM "spouse", false, 0, 0, false, 0, false, false },
	{ "service_months=12&hours=1249.5&" SM "spouse", false, 0, 0, false, 0, false, false },
};

static void fmla_run(const char *query, rules_fmla_result *r)
{
	qs q;
	rules_fmla_input in;
	rules_param_error err = { 0 };
	qs_parse(&q, query);
	int rc = rules_params_fmla(qs_get, &q, &in, &err);
	ck_assert_msg(rc == 0, "%s: parse failed on %s: %s", query, err.field, err.message);
	ck_assert_int_eq(rules_fmla_evaluate(&in, r), 0);
	check_explain(&r->explain);
	ck_assert(has_cite(&r->explain, "101 KAR 2:102, Section 3", "family-and-medical-leave-act-fmla"));
	ck_assert(has_cite(&r->explain, "101 KAR 3:015, Section 3", "family-and-medical-leave-act-fmla"));
}

START_TEST(test_fmla_table)
{
	const fmla_case *c = &fmla_cases[_i];
	rules_fmla_result r;
	fmla_run(c->q, &r);
	ck_assert_msg(r.eligible == c->eligible, "%s: eligible", c->q);
	ck_assert_msg(r.entitlement_weeks == c->weeks, "%s: weeks %d", c->q, r.entitlement_weeks);
	ck_assert_msg(r.remaining_weeks == c->remaining, "%s: remaining %g", c->q, r.remaining_weeks);
	ck_assert_msg(r.federal.eligible == c->fed_eligible, "%s: federal eligible", c->q);
	ck_assert_msg(r.federal.entitlement_weeks == c->fed_weeks, "%s: federal weeks", c->q);
	ck_assert_msg(r.state_only == c->state_only, "%s: state_only", c->q);
	ck_assert_msg(r.federal.shared_with_spouse == c->shared, "%s: shared", c->q);
	/* Every answer names the hours difference and the paid-leave choice. */
	ck_assert_uint_ge(r.federal.n_differences, 2);
}
END_TEST

/* Phrases that must appear, so the answer says why (and where the state
 * rules beat federal law). */
typedef struct {
	const char *q;
	const char *needle;
	bool in_differences; /* look in federal.differences instead of reasons */
} fmla_text_case;

static const fmla_text_case fmla_text_cases[] = {
	{ "service_months=11&hours=2000&" OWN, "11 months of state service, but", false },
	/* Without 12 months and 1,250 hours the reason is not needed, and the answer says why. */
	{ "service_months=11&hours=2000", "The reason for leave did not need to be asked", false },
	{ "service_months=11&hours=2000", "because the service requirements are not met", false },
	{ "service_months=24&hours=600", "up to 30 continuous working days for your own illness", false },
	{ "service_months=1&hours=2000&" OWN, "1 month of state service, but", false },
	{ "service_months=24&hours=1249.5&" OWN, "1,249.5 hours", false },
	{ "service_months=24&hours=1249.5&" OWN, "fewer than the 1,250 hours", false },
	{ "service_months=24&hours=1250&" OWN, "count paid leave as well as hours worked", false },
	{ "service_months=24&hours=1300&paid_leave_hours=100&" OWN, "counts only the 1,200 hours you actually worked",
	  true },
	{ OK12 OWN, "concurrently with your accrued paid leave or consecutively", false },
	{ OK12 OWN, "lets the employer require", true },
	{ OK12 OWN, "reserve up to 10 days of accumulated sick leave", false },
	{ OK12 OWN, "must be granted when medically necessary for your own serious health", false },
	{ OK12 OWN, "30 days' advance notice", false },
	{ OK12 OWN, "medical certification", false },
	{ OK12 "reason=birth", "only if your agency permits it", false },
	{ OK12 "reason=birth", "earned sick leave for bonding", false },
	{ OK12 "reason=birth&spouse_state_employee=1", "each of you is entitled to 12 weeks", false },
	{ OK12 "reason=birth&spouse_state_employee=1", "combined 12 weeks", true },
	{ OK12 FC "grandparent", "include grandparents as immediate family members", false },
	{ OK12 FC "grandparent", "also cover other immediate family members", true },
	{ OK12 FC "parent_in_law", "not a \"parent\"", false },
	{ OK12 FC "child&child_age=18", "aged 18 or older is covered only if incapable", false },
	{ OK12 FC "sibling", "Your brother or sister is covered only by the state rules", false },
	{ OK12 FC "sibling&lived_with_30_days=1", "lived with you for at least 30 days", false },
	{ OK12 SM "spouse&weeks_used=20", "26 workweeks", false },
	{ OK12 SM "spouse&weeks_used=20", "6 weeks remain", false },
	{ OK12 OWN "&weeks_used=11", "with 11 weeks already used, 1 week remains.", false },
	{ OK12 OWN "&weeks_used=1", "with 1 week already used, 11 weeks remain.", false },
	{ "service_months=6&hours=600&" FC "parent", "sick leave without pay to care", false },
	{ "service_months=6&hours=600&" OWN, "sick leave without pay for your own illness", false },
};

START_TEST(test_fmla_text)
{
	const fmla_text_case *c = &fmla_text_cases[_i];
	rules_fmla_result r;
	fmla_run(c->q, &r);
	bool found = false;
	if (c->in_differences) {
		for (size_t i = 0; i < r.federal.n_differences; i++)
			found = found || strstr(r.federal.differences[i], c->needle) != NULL;
	} else {
		found = has_reason(&r.explain, c->needle);
	}
	ck_assert_msg(found, "%s: missing \"%s\"", c->q, c->needle);
}
END_TEST

START_TEST(test_fmla_sick_citation_when_ineligible)
{
	rules_fmla_result r;
	fmla_run("service_months=6&hours=600&" FC "spouse", &r);
	ck_assert(has_cite(&r.explain, "101 KAR 2:102, Section 2", "sick-leave"));
}
END_TEST

/* The state rules are never worse than the federal FMLA, for any input. */
START_TEST(test_fmla_state_never_worse)
{
	const int months[] = { 0, 11, 12, 200 };
	const double hours[] = { 0, 1249.5, 1250, 2000 };
	const double paid[] = { 0, 0.5, 800 };
	const int ages[] = { -1, 0, 17, 18, 40 };
	const double used[] = { 0, 6, 12, 26, 27 };
	int n = 0;
	for (int reason = RULES_FMLA_BIRTH; reason <= RULES_FMLA_SERVICEMEMBER_CARE; reason++)
		for (int rel = RULES_REL_NONE; rel <= RULES_REL_OTHER; rel++)
			for (int flags = 0; flags < 16; flags++)
				for (int m = 0; m < N_ELEMS(months); m++)
					for (int h = 0; h < N_ELEMS(hours); h++)
						for (int p = 0; p < N_ELEMS(paid); p++)
							for (int a = 0; a < N_ELEMS(ages); a += (flags & 1) ? 1 : 2)
								for (int u = 0; u < N_ELEMS(used); u += 2) {
									if (paid[p] > hours[h])
										continue;
									rules_fmla_input in = {
										.service_months = months[m],
										.hours = hours[h],
										.paid_leave_hours = paid[p],
										.reason = reason,
										.relation = rel,
										.child_age = ages[a],
										.child_incapable = flags & 1,
										.lived_with_30_days = flags & 2,
										.legally_responsible = flags & 4,
										.spouse_state_employee = flags & 8,
										.weeks_used = used[u],
									};
									rules_fmla_result r;
									ck_assert_int_eq(rules_fmla_evaluate(&in, &r),
											 0);
									ck_assert(!r.explain.overflow);
									ck_assert(!r.federal.eligible || r.eligible);
									ck_assert_int_le(r.federal.entitlement_weeks,
											 r.entitlement_weeks);
									ck_assert(r.eligible == (r.employee_eligible &&
												 r.reason_covered));
									ck_assert(r.remaining_weeks >= 0 &&
										  r.remaining_weeks <=
											  r.entitlement_weeks);
									ck_assert(r.federal.remaining_weeks <=
										  r.remaining_weeks);
									ck_assert(!r.federal.reason_covered ||
										  r.reason_covered);
									ck_assert(r.state_only ==
										  (r.reason_covered &&
										   !r.federal.reason_covered));
									n++;
								}
	ck_assert_int_gt(n, 10000);
}
END_TEST

START_TEST(test_fmla_invalid_struct)
{
	rules_fmla_input in = { .service_months = 12, .hours = 1250, .reason = 99 };
	rules_fmla_result r;
	ck_assert_int_eq(rules_fmla_evaluate(&in, &r), -1);
	ck_assert(!r.eligible);
	in.reason = RULES_FMLA_OWN_HEALTH;
	in.service_months = -1;
	ck_assert_int_eq(rules_fmla_evaluate(&in, &r), -1);
	in.service_months = 12;
	in.paid_leave_hours = 2000; /* more than hours */
	ck_assert_int_eq(rules_fmla_evaluate(&in, &r), -1);
	/* No reason: only when the service requirements already decide. */
	in.paid_leave_hours = 0;
	in.reason = RULES_FMLA_REASON_NOT_ASKED;
	ck_assert_int_eq(rules_fmla_evaluate(&in, &r), -1);
	in.service_months = 11;
	ck_assert_int_eq(rules_fmla_evaluate(&in, &r), 0);
	ck_assert(!r.eligible && !r.federal.eligible && !r.reason_covered);
	ck_assert(!rules_fmla_service_met(11, 1250) && !rules_fmla_service_met(12, 1249.5));
	ck_assert(rules_fmla_service_met(12, 1250));
}
END_TEST

/* ======================================================================== */
/* Parameter validation                                                     */
/* ======================================================================== */

typedef enum { W_FMLA, W_SHARING, W_RIGHTS, W_CALC, W_HOLIDAYS } wizard;

typedef struct {
	wizard w;
	const char *q;
	const char *field; /* NULL: must parse */
} param_case;

static int parse_any(wizard w, qs *q, rules_param_error *err)
{
	union {
		rules_fmla_input f;
		rules_leave_sharing_input s;
		rules_return_rights_input r;
		rules_leave_calc_input c;
		int year;
	} in;
	switch (w) {
	case W_FMLA:
		return rules_params_fmla(qs_get, q, &in.f, err);
	case W_SHARING:
		return rules_params_leave_sharing(qs_get, q, &in.s, err);
	case W_RIGHTS:
		return rules_params_return_rights(qs_get, q, &in.r, err);
	case W_CALC:
		return rules_params_leave_calc(qs_get, q, &in.c, err);
	case W_HOLIDAYS:
		return rules_params_holidays(qs_get, q, &in.year, err);
	}
	return 0;
}

#define DONOR "role=donor&program=sick&employer=18a&active=1&"
#define SICKR                                                                              \
	"role=recipient&program=sick&employer=18a&active=1&condition_of=self&certified=1&" \
	"consecutive_days=10&paid_leave_exhausted=1&complied=1"
#define ANNR                                                                                 \
	"role=recipient&program=annual&employer=18a&active=1&loss=fire&consecutive_days=10&" \
	"paid_leave_exhausted=1&complied=1"

static const param_case param_cases[] = {
	/* FMLA: required, numbers, enums, booleans, dependencies. */
	{ W_FMLA, "", "service_months" },
	{ W_FMLA, "service_months=&hours=1250&reason=birth", "service_months" },
	{ W_FMLA, "service_months=-1&hours=1250&reason=birth", "service_months" },
	{ W_FMLA, "service_months=abc&hours=1250&reason=birth", "service_months" },
	{ W_FMLA, "service_months=12.5&hours=1250&reason=birth", "service_months" },
	{ W_FMLA, "service_months=1201&hours=1250&reason=birth", "service_months" },
	{ W_FMLA, "service_months=1200&hours=1250&reason=birth", NULL },
	{ W_FMLA, "service_months=0012&hours=1250&reason=birth", NULL },
	{ W_FMLA, "service_months=12&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=abc&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=-5&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=+5&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=1e3&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=0x10&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours= 5&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=5 &reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=.5&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=5.&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=1,250&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=1249.555&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=8785&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=8784&reason=birth", NULL },
	{ W_FMLA, "service_months=12&hours=1249.5&reason=birth", NULL },
	{ W_FMLA, "service_months=12&hours=nan&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=inf&reason=birth", "hours" },
	{ W_FMLA, "service_months=12&hours=1250", "reason" },
	{ W_FMLA, "service_months=11&hours=1250", NULL }, /* decided without a reason */
	{ W_FMLA, "service_months=12&hours=1249.5", NULL },
	{ W_FMLA, "service_months=11&hours=1250&reason=vacation", "reason" },
	{ W_FMLA, "service_months=12&hours=1250&reason=vacation", "reason" },
	{ W_FMLA, "service_months=12&hours=1250&reason=Birth", "reason" },
	{ W_FMLA, "service_months=12&hours=1250&reason=birth ", "reason" },
	{ W_FMLA, "service_months=12&hours=1250&reason=family_care", "relation" },
	{ W_FMLA, "service_months=12&hours=1250&reason=military_exigency", "relation" },
	{ W_FMLA, "service_months=12&hours=1250&reason=servicemember_care", "relation" },
	{ W_FMLA, "service_months=12&hours=1250&reason=own_health", NULL },
	{ W_FMLA, "service_months=12&hours=1250&reason=own_health&relation=cousin", "relation" },
	{ W_FMLA, "service_months=12&hours=1250&reason=family_care&relation=self", "relation" },
	{ W_FMLA, "service_months=12&hours=1250&reason=family_care&relation=cousin", "relation" },
	{ W_FMLA, "service_months=12&hours=1250&reason=family_care&relation=child", "child_age" },
	{ W_FMLA, "service_months=12&hours=1250&reason=family_care&relation=child&child_age=abc", "child_age" },
	{ W_FMLA, "service_months=12&hours=1250&reason=family_care&relation=child&child_age=151", "child_age" },
	{ W_FMLA, "service_months=12&hours=1250&reason=family_care&relation=child&child_incapable=1", NULL },
	{ W_FMLA, "service_months=12&hours=1250&reason=military_exigency&relation=child", NULL },
	{ W_FMLA, "service_months=12&hours=1250&reason=birth&child_incapable=2", "child_incapable" },
	{ W_FMLA, "service_months=12&hours=1250&reason=birth&child_incapable=yes", "child_incapable" },
	{ W_FMLA, "service_months=12&hours=1250&reason=birth&child_incapable=true", "child_incapable" },
	{ W_FMLA, "service_months=12&hours=1250&reason=birth&lived_with_30_days=01", "lived_with_30_days" },
	{ W_FMLA, "service_months=12&hours=1250&reason=birth&legally_responsible=-1", "legally_responsible" },
	{ W_FMLA, "service_months=12&hours=1250&reason=birth&spouse_state_employee=on", "spouse_state_employee" },
	{ W_FMLA, "service_months=12&hours=1250&reason=birth&weeks_used=53", "weeks_used" },
	{ W_FMLA, "service_months=12&hours=1250&reason=birth&weeks_used=-1", "weeks_used" },
	{ W_FMLA, "service_months=12&hours=1250&reason=birth&weeks_used=52", NULL },
	{ W_FMLA, "service_months=12&hours=1250&reason=birth&paid_leave_hours=1250.5", "paid_leave_hours" },
	{ W_FMLA, "service_months=12&hours=1250&reason=birth&paid_leave_hours=x", "paid_leave_hours" },
	{ W_FMLA, "service_months=12&hours=1250&reason=birth&paid_leave_hours=1250", NULL },
	/* 64 bytes pass, 65 are refused before parsing. */
	{ W_FMLA,
	  "service_months=0000000000000000000000000000000000000000000000000000000000000012"
	  "&hours=1250&reason=birth",
	  NULL },
	{ W_FMLA,
	  "service_months=00000000000000000000000000000000000000000000000000000000000000012"
	  "&hours=1250&reason=birth",
	  "service_months" },
	/* Leave sharing. */
	{ W_SHARING, "", "role" },
	{ W_SHARING, "role=giver&program=sick&employer=18a&active=1", "role" },
	{ W_SHARING, "role=donor&program=vacation&employer=18a&active=1", "program" },
	{ W_SHARING, "role=donor&program=sick&employer=18A&active=1", "employer" },
	{ W_SHARING, "role=donor&program=sick&employer=18a", "active" },
	{ W_SHARING, "role=donor&program=sick&employer=18a&active=2", "active" },
	{ W_SHARING, DONOR "week_hours=37.5", "balance" },
	{ W_SHARING, DONOR "balance=-80&week_hours=37.5", "balance" },
	{ W_SHARING, DONOR "balance=80&week_hours=38", "week_hours" },
	{ W_SHARING, DONOR "balance=80&week_hours=37.50", "week_hours" },
	{ W_SHARING, DONOR "balance=80", "week_hours" },
	{ W_SHARING, DONOR "balance=80&donate=abc&week_hours=40", "donate" },
	{ W_SHARING, DONOR "balance=80&week_hours=40", NULL },
	{ W_SHARING, DONOR "balance=80&donate=7.5&week_hours=37.5", NULL },
	{ W_SHARING, SICKR, NULL },
	{ W_SHARING, "role=recipient&program=sick&employer=18a&active=1", "condition_of" },
	{ W_SHARING, "role=recipient&program=sick&employer=18a&active=1&condition_of=neighbour", "condition_of" },
	{ W_SHARING, "role=recipient&program=sick&employer=18a&active=1&condition_of=self", "certified" },
	{ W_SHARING, "role=recipient&program=sick&employer=18a&active=1&condition_of=self&certified=1",
	  "consecutive_days" },
	{ W_SHARING,
	  "role=recipient&program=sick&employer=18a&active=1&condition_of=self&certified=1&"
	  "consecutive_days=-1",
	  "consecutive_days" },
	{ W_SHARING,
	  "role=recipient&program=sick&employer=18a&active=1&condition_of=self&certified=1&"
	  "consecutive_days=10",
	  "paid_leave_exhausted" },
	{ W_SHARING,
	  "role=recipient&program=sick&employer=18a&active=1&condition_of=self&certified=1&"
	  "consecutive_days=10&paid_leave_exhausted=1",
	  "complied" },
	{ W_SHARING, SICKR "&workers_comp=maybe", "workers_comp" },
	{ W_SHARING, SICKR "&hours_requested=abc", "hours_requested" },
	{ W_SHARING, ANNR, NULL },
	{ W_SHARING,
	  "role=recipient&program=annual&employer=18a&active=1&consecutive_days=10&"
	  "paid_leave_exhausted=1&complied=1",
	  "loss" },
	{ W_SHARING,
	  "role=recipient&program=annual&employer=18a&active=1&loss=flood&consecutive_days=10&"
	  "paid_leave_exhausted=1&complied=1",
	  "loss" },
	/* Return rights. */
	{ W_RIGHTS, "", "event" },
	{ W_RIGHTS, "event=quit&had_status=1", "event" },
	{ W_RIGHTS, "event=laid_off", "had_status" },
	{ W_RIGHTS, "event=laid_off&had_status=1", NULL },
	{ W_RIGHTS, "event=separated_unclassified&had_status=1&for_cause=0", "service_months" },
	{ W_RIGHTS, "event=separated_unclassified&had_status=1&service_months=192", "for_cause" },
	{ W_RIGHTS, "event=separated_unclassified&had_status=1&service_months=192&for_cause=0", NULL },
	{ W_RIGHTS, "event=separated_unclassified&had_status=1&service_months=-192&for_cause=0", "service_months" },
	{ W_RIGHTS, "event=resigned&had_status=1", "good_standing" },
	{ W_RIGHTS, "event=resigned&had_status=1&good_standing=1", NULL },
	/* Calculators. */
	{ W_CALC, "", "service_months" },
	{ W_CALC, "service_months=60", "week_hours" },
	{ W_CALC, "service_months=60&week_hours=35", "week_hours" },
	{ W_CALC, "service_months=-60&week_hours=40", "service_months" },
	{ W_CALC, "service_months=60&week_hours=40", NULL },
	{ W_HOLIDAYS, "", "year" },
	{ W_HOLIDAYS, "year=1989", "year" },
	{ W_HOLIDAYS, "year=1990", NULL },
	{ W_HOLIDAYS, "year=2100", NULL },
	{ W_HOLIDAYS, "year=2101", "year" },
	{ W_HOLIDAYS, "year=20x4", "year" },
	{ W_HOLIDAYS, "year=2024.0", "year" },
	{ W_HOLIDAYS, "year=99999999999999999999", "year" },
};

START_TEST(test_params)
{
	const param_case *c = &param_cases[_i];
	qs q;
	rules_param_error err = { NULL, NULL };
	qs_parse(&q, c->q);
	int rc = parse_any(c->w, &q, &err);
	if (!c->field) {
		ck_assert_msg(rc == 0, "%s: unexpected error on %s", c->q, err.field);
		return;
	}
	ck_assert_msg(rc == -1, "%s: accepted, expected an error on %s", c->q, c->field);
	ck_assert_ptr_nonnull(err.field);
	ck_assert_ptr_nonnull(err.message);
	ck_assert_msg(strcmp(err.field, c->field) == 0, "%s: error on %s, expected %s", c->q, err.field, c->field);
	size_t len = strlen(err.message);
	ck_assert(len > 5 && err.message[len - 1] == '.');
}
END_TEST

/* A 10 KB value for each numeric/enum field is refused as too long. */
START_TEST(test_params_huge_value)
{
	static const struct {
		wizard w;
		const char *q;
		const char *big;
	} cases[] = {
		{ W_FMLA, "service_months=12&reason=birth", "hours" },
		{ W_FMLA, "hours=1250&reason=birth", "service_months" },
		{ W_FMLA, "service_months=12&hours=1250", "reason" },
		{ W_SHARING, "program=sick&employer=18a&active=1", "role" },
		{ W_RIGHTS, "had_status=1", "event" },
		{ W_HOLIDAYS, "", "year" },
	};
	char *big = malloc(10241);
	ck_assert_ptr_nonnull(big);
	memset(big, '1', 10240);
	big[10240] = '\0';
	for (int i = 0; i < N_ELEMS(cases); i++) {
		qs q;
		rules_param_error err = { 0 };
		qs_parse(&q, cases[i].q);
		q.big_name = cases[i].big;
		q.big_value = big;
		ck_assert_int_eq(parse_any(cases[i].w, &q, &err), -1);
		ck_assert_str_eq(err.field, cases[i].big);
		ck_assert_str_eq(err.message, "The value is too long.");
	}
	free(big);
}
END_TEST

START_TEST(test_params_values)
{
	qs q;
	rules_param_error err;
	rules_fmla_input f;
	qs_parse(&q, "service_months=0012&hours=1249.5&reason=family_care&relation=child&child_age=7&"
		     "weeks_used=2.25&spouse_state_employee=1&paid_leave_hours=10.05");
	ck_assert_int_eq(rules_params_fmla(qs_get, &q, &f, &err), 0);
	ck_assert_int_eq(f.service_months, 12);
	ck_assert(f.hours == 1249.5);
	ck_assert(f.paid_leave_hours == 10.05);
	ck_assert_int_eq(f.reason, RULES_FMLA_FAMILY_CARE);
	ck_assert_int_eq(f.relation, RULES_REL_CHILD);
	ck_assert_int_eq(f.child_age, 7);
	ck_assert(f.weeks_used == 2.25);
	ck_assert(f.spouse_state_employee);
	ck_assert(!f.child_incapable && !f.lived_with_30_days && !f.legally_responsible);

	/* Defaults for optional fields. */
	qs_parse(&q, "service_months=12&hours=1250&reason=own_health");
	ck_assert_int_eq(rules_params_fmla(qs_get, &q, &f, &err), 0);
	ck_assert_int_eq(f.child_age, -1);
	ck_assert(f.weeks_used == 0 && f.paid_leave_hours == 0);
	ck_assert_int_eq(f.relation, RULES_REL_NONE);

	rules_leave_sharing_input s;
	qs_parse(&q, DONOR "balance=100&week_hours=40");
	ck_assert_int_eq(rules_params_leave_sharing(qs_get, &q, &s, &err), 0);
	ck_assert(s.donate == -1 && s.balance == 100 && s.week == RULES_WEEK_40);
	qs_parse(&q, SICKR);
	ck_assert_int_eq(rules_params_leave_sharing(qs_get, &q, &s, &err), 0);
	ck_assert(s.hours_requested == -1 && s.condition_of == RULES_REL_SELF);
}
END_TEST

/* ======================================================================== */
/* Leave sharing                                                            */
/* ======================================================================== */

typedef struct {
	const char *q;
	bool eligible;
	double max_hours;    /* -1: null */
	double max_donation; /* -1: null */
} ls_case;

#define D37 "role=donor&program=sick&employer=18a&active=1&week_hours=37.5&"
#define D40 "role=donor&program=sick&employer=18a&active=1&week_hours=40&"

static const ls_case ls_cases[] = {
	/* Donor balance: more than 75, and never below 75 after donating. */
	{ D37 "balance=0", false, -1, 0 },
	{ D37 "balance=75", false, -1, 0 },
	{ D37 "balance=75.5", false, -1, 0.5 },
	{ D37 "balance=82", false, -1, 7 },
	{ D37 "balance=82.5", true, -1, 7.5 },
	{ D37 "balance=300", true, -1, 225 },
	{ D37 "balance=75&donate=7.5", false, -1, 0 },
	{ D37 "balance=75.5&donate=0.5", false, -1, 0.5 },
	/* Minimum donation: 7 vs 7.5 on 37.5 hours, 7.5 vs 8 on 40 hours. */
	{ D37 "balance=100&donate=7", false, -1, 25 },
	{ D37 "balance=100&donate=7.25", false, -1, 25 },
	{ D37 "balance=100&donate=7.5", true, -1, 25 },
	{ D37 "balance=100&donate=25", true, -1, 25 },
	{ D37 "balance=100&donate=25.5", false, -1, 25 },
	{ D37 "balance=100&donate=100", false, -1, 25 },
	{ D40 "balance=100&donate=7.5", false, -1, 25 },
	{ D40 "balance=100&donate=8", true, -1, 25 },
	{ D40 "balance=82.5", false, -1, 7.5 },
	{ D40 "balance=83", true, -1, 8 },
	/* Donor employer and status. */
	{ "role=donor&program=sick&employer=other&active=1&week_hours=37.5&balance=200", false, -1, 0 },
	{ "role=donor&program=sick&employer=18a&active=0&week_hours=37.5&balance=200", false, -1, 0 },
	{ "role=donor&program=sick&employer=aoc&active=1&week_hours=37.5&balance=200", true, -1, 125 },
	{ "role=donor&program=sick&employer=lrc&active=1&week_hours=37.5&balance=200", true, -1, 125 },
	{ "role=donor&program=sick&employer=ksp_sworn&active=1&week_hours=40&balance=200", true, -1, 125 },
	{ "role=donor&program=sick&employer=kentucky_retirement_systems&active=1&week_hours=37.5&balance=200", true, -1,
	  125 },
	{ "role=donor&program=sick&employer=ktrs&active=1&week_hours=37.5&balance=200", true, -1, 125 },
	{ "role=donor&program=annual&employer=18a&active=1&week_hours=37.5&balance=200", true, -1, 125 },
	{ "role=donor&program=annual&employer=aoc&active=1&week_hours=37.5&balance=200", false, -1, 0 },
	{ "role=donor&program=annual&employer=ktrs&active=1&week_hours=37.5&balance=200", false, -1, 0 },
	/* Sick recipient. */
	{ SICKR, true, -1, -1 },
	{ SICKR "&hours_requested=300", true, 300, -1 },
	{ SICKR "&workers_comp=1", true, -1, -1 },
	{ "role=recipient&program=sick&employer=18a&active=1&condition_of=self&certified=1&"
	  "consecutive_days=9&paid_leave_exhausted=1&complied=1",
	  false, -1, -1 },
	{ "role=recipient&program=sick&employer=18a&active=1&condition_of=self&certified=0&"
	  "consecutive_days=10&paid_leave_exhausted=1&complied=1",
	  false, -1, -1 },
	{ "role=recipient&program=sick&employer=18a&active=1&condition_of=self&certified=1&"
	  "consecutive_days=10&paid_leave_exhausted=0&complied=1",
	  false, -1, -1 },
	{ "role=recipient&program=sick&employer=18a&active=1&condition_of=self&certified=1&"
	  "consecutive_days=10&paid_leave_exhausted=1&complied=0",
	  false, -1, -1 },
	{ "role=recipient&program=sick&employer=18a&active=0&condition_of=self&certified=1&"
	  "consecutive_days=10&paid_leave_exhausted=1&complied=1",
	  false, -1, -1 },
#define SICKF(rel)                                                       \
	"role=recipient&program=sick&employer=18a&active=1&certified=1&" \
	"consecutive_days=12&paid_leave_exhausted=1&complied=1&condition_of=" rel
	{ SICKF("spouse"), true, -1, -1 },
	{ SICKF("child"), true, -1, -1 },
	{ SICKF("parent"), true, -1, -1 },
	{ SICKF("grandparent"), true, -1, -1 },
	{ SICKF("sibling"), false, -1, -1 },
	{ SICKF("sibling&lived_with_30_days=1"), true, -1, -1 },
	{ SICKF("parent_in_law"), false, -1, -1 },
	{ SICKF("parent_in_law&legally_responsible=1"), true, -1, -1 },
	{ SICKF("next_of_kin"), false, -1, -1 },
	{ SICKF("other"), false, -1, -1 },
	{ SICKF("other&lived_with_30_days=1"), true, -1, -1 },
#define SICKE(emp)                                                            \
	"role=recipient&program=sick&active=1&condition_of=self&certified=1&" \
	"consecutive_days=10&paid_leave_exhausted=1&complied=1&employer=" emp
	{ SICKE("aoc"), true, -1, -1 },
	{ SICKE("lrc"), true, -1, -1 },
	{ SICKE("ksp_sworn"), true, -1, -1 },
	{ SICKE("kentucky_retirement_systems"), true, -1, -1 },
	{ SICKE("ktrs"), true, -1, -1 },
	{ SICKE("other"), false, -1, -1 },
	/* Annual recipient: 200 hours per event. */
	{ ANNR, true, 200, -1 },
	{ ANNR "&hours_requested=199.5", true, 199.5, -1 },
	{ ANNR "&hours_requested=200", true, 200, -1 },
	{ ANNR "&hours_requested=200.5", true, 200, -1 },
	{ ANNR "&hours_requested=1000", true, 200, -1 },
	{ ANNR "&hours_requested=0", true, 0, -1 },
#define ANNX(x) "role=recipient&program=annual&active=1&" x
	{ ANNX("employer=18a&loss=natural_disaster&consecutive_days=10&paid_leave_exhausted=1&complied=1"), true, 200,
	  -1 },
	{ ANNX("employer=18a&loss=other&consecutive_days=10&paid_leave_exhausted=1&complied=1"), false, -1, -1 },
	{ ANNX("employer=18a&loss=fire&consecutive_days=9&paid_leave_exhausted=1&complied=1"), false, -1, -1 },
	{ ANNX("employer=18a&loss=fire&consecutive_days=10&paid_leave_exhausted=0&complied=1"), false, -1, -1 },
	{ ANNX("employer=18a&loss=fire&consecutive_days=10&paid_leave_exhausted=1&complied=0"), false, -1, -1 },
	{ ANNX("employer=aoc&loss=fire&consecutive_days=10&paid_leave_exhausted=1&complied=1"), false, -1, -1 },
	{ ANNX("employer=lrc&loss=fire&consecutive_days=10&paid_leave_exhausted=1&complied=1"), false, -1, -1 },
	{ ANNX("employer=ksp_sworn&loss=fire&consecutive_days=10&paid_leave_exhausted=1&complied=1"), false, -1, -1 },
	{ ANNX("employer=ktrs&loss=fire&consecutive_days=10&paid_leave_exhausted=1&complied=1"), false, -1, -1 },
	{ ANNX("employer=kentucky_retirement_systems&loss=fire&consecutive_days=10&paid_leave_exhausted=1&complied=1"),
	  false, -1, -1 },
	{ ANNX("employer=other&loss=fire&consecutive_days=10&paid_leave_exhausted=1&complied=1"), false, -1, -1 },
};

static void ls_run(const char *query, rules_leave_sharing_result *r)
{
	qs q;
	rules_leave_sharing_input in;
	rules_param_error err = { 0 };
	qs_parse(&q, query);
	int rc = rules_params_leave_sharing(qs_get, &q, &in, &err);
	ck_assert_msg(rc == 0, "%s: parse failed on %s", query, err.field);
	ck_assert_int_eq(rules_leave_sharing_evaluate(&in, r), 0);
	check_explain(&r->explain);
}

START_TEST(test_leave_sharing_table)
{
	const ls_case *c = &ls_cases[_i];
	rules_leave_sharing_result r;
	ls_run(c->q, &r);
	ck_assert_msg(r.eligible == c->eligible, "%s: eligible", c->q);
	if (c->max_hours < 0)
		ck_assert_msg(!r.has_max_hours, "%s: max_hours should be null", c->q);
	else
		ck_assert_msg(r.has_max_hours && r.max_hours == c->max_hours, "%s: max_hours %g", c->q, r.max_hours);
	if (c->max_donation < 0)
		ck_assert_msg(!r.has_max_donation, "%s: max_donation should be null", c->q);
	else
		ck_assert_msg(r.has_max_donation && r.max_donation == c->max_donation, "%s: max_donation %g", c->q,
			      r.max_donation);
	bool sick = strstr(c->q, "program=sick") != NULL;
	const char *slug = "leave-sharing-programs";
	ck_assert(has_cite(&r.explain, sick ? "101 KAR 2:105" : "101 KAR 2:106", slug));
	ck_assert(has_cite(&r.explain, sick ? "KRS 18A.196" : "KRS 18A.203", slug));
}
END_TEST

static const struct {
	const char *q;
	const char *needle;
} ls_text_cases[] = {
	{ D37 "balance=75", "not more than 75 hours" },
	{ D37 "balance=100&donate=7", "less than the 7.5-hour minimum" },
	{ D37 "balance=100&donate=25.5", "would leave you 74.5 hours" },
	{ D37 "balance=100&donate=25", "leaves you 75 hours" },
	{ D37 "balance=300", "at most 225 hours" },
	{ D40 "balance=100", "at least 8 hours" },
	{ SICKR "&workers_comp=1", "maintain a regular level of pay" },
	{ SICKF("grandparent"), "immediate family member" },
	{ SICKF("sibling"), "lived with you for at least 30 days" },
	{ SICKE("ktrs"), "Kentucky Teachers' Retirement System may take part" },
	{ ANNR "&hours_requested=200.5", "limited to 200 work hours" },
	{ ANNR "&hours_requested=199.5", "199.5 hours you requested" },
	{ ANNX("employer=aoc&loss=fire&consecutive_days=10&paid_leave_exhausted=1&complied=1"),
	  "Only KRS 18A employees may take part in annual leave sharing" },
	{ ANNR, "part-time and interim employees do not" },
	{ SICKR, "Secretary of the Personnel Cabinet" },
};

START_TEST(test_leave_sharing_text)
{
	rules_leave_sharing_result r;
	ls_run(ls_text_cases[_i].q, &r);
	ck_assert_msg(has_reason(&r.explain, ls_text_cases[_i].needle), "%s: missing \"%s\"", ls_text_cases[_i].q,
		      ls_text_cases[_i].needle);
}
END_TEST

/* An eligible donation never leaves less than 75 hours or is under the
 * minimum, whatever the numbers. */
START_TEST(test_leave_sharing_donor_sweep)
{
	for (int wk = RULES_WEEK_37_5; wk <= RULES_WEEK_40; wk++)
		for (double bal = 0; bal <= 120; bal += 0.25)
			for (double don = -1; don <= 60; don += (don < 0 ? 1 : 0.25)) {
				rules_leave_sharing_input in = {
					.role = RULES_LS_DONOR,
					.program = RULES_LS_SICK,
					.employer = RULES_EMP_18A,
					.active = true,
					.balance = bal,
					.donate = don,
					.week = wk,
				};
				rules_leave_sharing_result r;
				ck_assert_int_eq(rules_leave_sharing_evaluate(&in, &r), 0);
				ck_assert(!r.explain.overflow);
				double min = wk == RULES_WEEK_40 ? 8 : 7.5;
				ck_assert(r.min_donation == min);
				bool expect = bal > 75 && (don < 0 ? bal - 75 >= min : (don >= min && bal - don >= 75));
				ck_assert_msg(r.eligible == expect, "balance %g donate %g week %d", bal, don, wk);
				ck_assert(r.max_donation == (bal > 75 ? bal - 75 : 0));
			}
}
END_TEST

/* ======================================================================== */
/* Reversion, reemployment, reinstatement                                   */
/* ======================================================================== */

typedef struct {
	const char *q;
	bool reversion, reemployment, reinstatement;
} rr_case;

#define UNC "event=separated_unclassified&"
static const rr_case rr_cases[] = {
	{ "event=failed_promotional_probation&had_status=1", true, false, false },
	{ "event=failed_promotional_probation&had_status=0", false, false, false },
	{ "event=detail_ended&had_status=1", true, false, false },
	{ "event=detail_ended&had_status=0", false, false, false },
	/* Career employee: 191 vs 192 months. */
	{ UNC "had_status=1&service_months=191&for_cause=0", false, false, false },
	{ UNC "had_status=1&service_months=192&for_cause=0", true, true, false },
	{ UNC "had_status=1&service_months=300&for_cause=0", true, true, false },
	{ UNC "had_status=0&service_months=192&for_cause=0", false, true, false },
	{ UNC "had_status=0&service_months=191&for_cause=0", false, false, false },
	{ UNC "had_status=1&service_months=192&for_cause=1", false, false, false },
	{ UNC "had_status=1&service_months=0&for_cause=0", false, false, false },
	{ "event=laid_off&had_status=1", false, true, false },
	{ "event=laid_off&had_status=0", false, false, false },
	{ "event=laid_off&had_status=1&service_months=250", false, true, false },
	{ "event=resigned&had_status=1&good_standing=1", false, false, true },
	{ "event=resigned&had_status=1&good_standing=0", false, false, false },
	{ "event=resigned&had_status=0&good_standing=1", false, false, false },
	{ "event=retired&had_status=1&service_months=300", false, false, false },
	{ "event=retired&had_status=1&good_standing=1", false, false, false },
	{ "event=dismissed_for_cause&had_status=1&service_months=300", false, false, false },
};

static void rr_run(const char *query, rules_return_rights_result *r)
{
	qs q;
	rules_return_rights_input in;
	rules_param_error err = { 0 };
	qs_parse(&q, query);
	ck_assert_msg(rules_params_return_rights(qs_get, &q, &in, &err) == 0, "%s: %s", query, err.field);
	ck_assert_int_eq(rules_return_rights_evaluate(&in, r), 0);
	check_explain(&r->explain);
}

START_TEST(test_return_rights_table)
{
	const rr_case *c = &rr_cases[_i];
	rules_return_rights_result r;
	rr_run(c->q, &r);
	ck_assert_msg(r.reversion == c->reversion, "%s: reversion", c->q);
	ck_assert_msg(r.reemployment == c->reemployment, "%s: reemployment", c->q);
	ck_assert_msg(r.reinstatement == c->reinstatement, "%s: reinstatement", c->q);
	/* Each answer explains all three rights. */
	ck_assert(has_reason(&r.explain, "Reversion means"));
	ck_assert(has_reason(&r.explain, "Reemployment means"));
	ck_assert(has_reason(&r.explain, "Reinstatement is a privilege, not a right"));
	ck_assert(has_cite(&r.explain, "KRS 18A.005", "reversion-reemployment-and-reinstatement"));
}
END_TEST

static const struct {
	const char *q;
	const char *needle;
	const char *cite;
	const char *slug;
} rr_text_cases[] = {
	{ UNC "had_status=1&service_months=191&for_cause=0", "not yet a career employee", "KRS 18A.005, Section 4",
	  "career-status" },
	{ UNC "had_status=1&service_months=192&for_cause=0", "you are a career employee", "KRS 18A.005", "glossary" },
	{ UNC "had_status=1&service_months=192&for_cause=0", "if one is vacant", "KRS 18A.130",
	  "reversion-reemployment-and-reinstatement" },
	{ UNC "had_status=1&service_months=192&for_cause=0", "reemployment rights", "KRS 18A.135",
	  "reversion-reemployment-and-reinstatement" },
	{ "event=laid_off&had_status=1", "laid off from a position in which you had status", "KRS 18A.113",
	  "reversion-reemployment-and-reinstatement" },
	{ "event=detail_ended&had_status=1", "detailed to special duty", "101 KAR 2:076, Section 2",
	  "reversion-reemployment-and-reinstatement" },
	{ "event=retired&had_status=1", "returning retiree has no reinstatement", "KRS 18A.005, Section 4",
	  "career-status" },
	{ "event=dismissed_for_cause&had_status=1", "appeal the dismissal to the Personnel Board", "KRS 18A.095",
	  "glossary" },
	{ "event=resigned&had_status=1&good_standing=0", "resignation in good standing", "KRS 18A.005",
	  "reversion-reemployment-and-reinstatement" },
};

START_TEST(test_return_rights_text)
{
	rules_return_rights_result r;
	rr_run(rr_text_cases[_i].q, &r);
	ck_assert_msg(has_reason(&r.explain, rr_text_cases[_i].needle), "%s: missing %s", rr_text_cases[_i].q,
		      rr_text_cases[_i].needle);
	ck_assert_msg(has_cite(&r.explain, rr_text_cases[_i].cite, rr_text_cases[_i].slug), "%s: missing cite %s",
		      rr_text_cases[_i].q, rr_text_cases[_i].cite);
}
END_TEST

START_TEST(test_return_rights_career_boundary)
{
	for (int m = 0; m <= 400; m++) {
		rules_return_rights_input in = { .event = RULES_RR_SEPARATED_UNCLASSIFIED,
						 .had_status = true,
						 .service_months = m };
		rules_return_rights_result r;
		ck_assert_int_eq(rules_return_rights_evaluate(&in, &r), 0);
		ck_assert(r.career_employee == (m >= 192));
		ck_assert(r.reversion == (m >= 192));
		ck_assert(r.reemployment == (m >= 192));
		ck_assert(!r.reinstatement);
	}
}
END_TEST

/* With no rights at all, an event whose own reason does not speak to a
 * right gets the general sentence saying where that right comes from;
 * retirement and dismissal speak to all three. */
static const struct {
	rules_rr_event event;
	bool no_reversion, no_reemployment, no_reinstatement;
} rr_absent_cases[] = {
	{ RULES_RR_FAILED_PROMOTIONAL_PROBATION, false, true, true },
	{ RULES_RR_DETAIL_ENDED, false, true, true },
	{ RULES_RR_SEPARATED_UNCLASSIFIED, false, false, true },
	{ RULES_RR_LAID_OFF, true, false, true },
	{ RULES_RR_RESIGNED, true, true, false },
	{ RULES_RR_RETIRED, false, false, false },
	{ RULES_RR_DISMISSED_FOR_CAUSE, false, false, false },
};

START_TEST(test_return_rights_absent_reasons)
{
	rules_return_rights_input in = { .event = rr_absent_cases[_i].event };
	rules_return_rights_result r;
	ck_assert_int_eq(rules_return_rights_evaluate(&in, &r), 0);
	check_explain(&r.explain);
	ck_assert(!r.reversion && !r.reemployment && !r.reinstatement);
	ck_assert_msg(has_reason(&r.explain, "Reversion applies only after") == rr_absent_cases[_i].no_reversion,
		      "event %d: reversion", in.event);
	ck_assert_msg(has_reason(&r.explain, "Reemployment rights belong only") == rr_absent_cases[_i].no_reemployment,
		      "event %d: reemployment", in.event);
	ck_assert_msg(has_reason(&r.explain, "Reinstatement privileges come only") ==
			      rr_absent_cases[_i].no_reinstatement,
		      "event %d: reinstatement", in.event);
}
END_TEST

/* Events just outside the enumeration are rejected before any rule runs. */
START_TEST(test_return_rights_event_range)
{
	const int events[] = { 0, RULES_RR_DISMISSED_FOR_CAUSE + 1, -1 };
	for (int i = 0; i < N_ELEMS(events); i++) {
		rules_return_rights_input in = { .event = (rules_rr_event)events[i], .had_status = true };
		rules_return_rights_result r;
		ck_assert_int_eq(rules_return_rights_evaluate(&in, &r), -1);
		ck_assert_uint_eq(r.explain.n_reasons, 1);
		ck_assert(has_reason(&r.explain, "out of range"));
		ck_assert(!r.reversion && !r.reemployment && !r.reinstatement);
	}
}
END_TEST

/* ======================================================================== */
/* Annual and sick leave calculators                                        */
/* ======================================================================== */

typedef struct {
	int months;
	const char *week;
	int days_per_year;
	double hours_per_month;
	int carry_days;
	double carry_hours;
} annual_case;

static const annual_case annual_cases[] = {
	{ 0, "37.5", 12, 7.5, 30, 225 },       { 0, "40", 12, 8, 30, 240 },
	{ 59, "37.5", 12, 7.5, 30, 225 },      { 59, "40", 12, 8, 30, 240 },
	{ 60, "37.5", 15, 9.375, 37, 277.5 },  { 60, "40", 15, 10, 37, 296 },
	{ 119, "37.5", 15, 9.375, 37, 277.5 }, { 119, "40", 15, 10, 37, 296 },
	{ 120, "37.5", 18, 11.25, 45, 337.5 }, { 120, "40", 18, 12, 45, 360 },
	{ 179, "37.5", 18, 11.25, 45, 337.5 }, { 179, "40", 18, 12, 45, 360 },
	{ 180, "37.5", 21, 13.125, 52, 390 },  { 180, "40", 21, 14, 52, 416 },
	{ 239, "37.5", 21, 13.125, 52, 390 },  { 239, "40", 21, 14, 52, 416 },
	{ 240, "37.5", 24, 15, 60, 450 },      { 240, "40", 24, 16, 60, 480 },
	{ 1200, "37.5", 24, 15, 60, 450 },     { 1200, "40", 24, 16, 60, 480 },
};

START_TEST(test_annual_table)
{
	const annual_case *c = &annual_cases[_i];
	char query[96];
	snprintf(query, sizeof query, "service_months=%d&week_hours=%s", c->months, c->week);
	qs q;
	rules_leave_calc_input in;
	rules_param_error err;
	qs_parse(&q, query);
	ck_assert_int_eq(rules_params_leave_calc(qs_get, &q, &in, &err), 0);
	rules_annual_leave_result r;
	ck_assert_int_eq(rules_annual_leave_evaluate(&in, &r), 0);
	check_explain(&r.explain);
	ck_assert_int_eq(r.days_per_year, c->days_per_year);
	ck_assert_msg(r.hours_per_month == c->hours_per_month, "%s: %g", query, r.hours_per_month);
	ck_assert_int_eq(r.max_carry_forward_days, c->carry_days);
	ck_assert(r.max_carry_forward_hours == c->carry_hours);
	ck_assert(has_cite(&r.explain, "101 KAR 2:102, Section 1", "annual-leave"));
}
END_TEST

/* The printed carry-forward hours agree with days x hours per day, and the
 * monthly rate with the yearly one. */
START_TEST(test_annual_table_consistent)
{
	size_t n;
	const rules_annual_row *t = rules_annual_table(&n);
	ck_assert_uint_eq(n, 5);
	ck_assert_int_eq(t[0].min_months, 0);
	for (size_t i = 0; i < n; i++) {
		ck_assert(t[i].carry_hours_37_5 == t[i].carry_days * 7.5);
		ck_assert(t[i].carry_hours_40 == t[i].carry_days * 8);
		ck_assert(t[i].days_per_month * 12 == t[i].days_per_year);
		if (i > 0) {
			ck_assert_int_eq(t[i].min_months, t[i - 1].min_months + 60);
			ck_assert_int_eq(t[i].days_per_year, t[i - 1].days_per_year + 3);
		}
	}
}
END_TEST

typedef struct {
	int months;
	rules_week week;
	double hours_per_month, hours_per_year;
	int bonus_days;
	double bonus_hours;
	int next;
} sick_case;

static const sick_case sick_cases[] = {
	{ 0, RULES_WEEK_37_5, 7.5, 90, 0, 0, 120 },     { 0, RULES_WEEK_40, 8, 96, 0, 0, 120 },
	{ 119, RULES_WEEK_37_5, 7.5, 90, 0, 0, 120 },   { 119, RULES_WEEK_40, 8, 96, 0, 0, 120 },
	{ 120, RULES_WEEK_37_5, 7.5, 90, 10, 75, 240 }, { 120, RULES_WEEK_40, 8, 96, 10, 80, 240 },
	{ 239, RULES_WEEK_37_5, 7.5, 90, 10, 75, 240 }, { 239, RULES_WEEK_40, 8, 96, 10, 80, 240 },
	{ 240, RULES_WEEK_37_5, 7.5, 90, 20, 150, 0 },  { 240, RULES_WEEK_40, 8, 96, 20, 160, 0 },
	{ 1200, RULES_WEEK_40, 8, 96, 20, 160, 0 },
};

START_TEST(test_sick_table)
{
	const sick_case *c = &sick_cases[_i];
	rules_leave_calc_input in = { c->months, c->week };
	rules_sick_leave_result r;
	ck_assert_int_eq(rules_sick_leave_evaluate(&in, &r), 0);
	check_explain(&r.explain);
	ck_assert_int_eq(r.days_per_month, 1);
	ck_assert(r.hours_per_month == c->hours_per_month);
	ck_assert(r.hours_per_year == c->hours_per_year);
	ck_assert_int_eq(r.bonus_days, c->bonus_days);
	ck_assert(r.bonus_hours == c->bonus_hours);
	ck_assert_int_eq(r.next_bonus_months, c->next);
	ck_assert(has_cite(&r.explain, "101 KAR 2:102, Section 2", "sick-leave"));
}
END_TEST

START_TEST(test_calc_invalid_struct)
{
	rules_leave_calc_input in = { -1, RULES_WEEK_40 };
	rules_annual_leave_result a;
	rules_sick_leave_result s;
	ck_assert_int_eq(rules_annual_leave_evaluate(&in, &a), -1);
	ck_assert_int_eq(rules_sick_leave_evaluate(&in, &s), -1);
	in.service_months = 10;
	in.week = 0;
	ck_assert_int_eq(rules_annual_leave_evaluate(&in, &a), -1);
	ck_assert_int_eq(rules_sick_leave_evaluate(&in, &s), -1);
}
END_TEST

/* ======================================================================== */
/* Holidays                                                                 */
/* ======================================================================== */

static long day_number(rules_date d)
{
	/* Days since an epoch, counted independently of the module. */
	int y = d.year, m = d.month;
	if (m <= 2) {
		y--;
		m += 12;
	}
	return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d.day;
}

START_TEST(test_holiday_totals)
{
	for (int y = RULES_YEAR_MIN; y <= RULES_YEAR_MAX; y++) {
		rules_holidays_result r;
		ck_assert_int_eq(rules_holidays_evaluate(y, &r), 0);
		check_explain(&r.explain);
		bool election = y % 4 == 0;
		ck_assert_msg(r.total_days == (election ? 12.5 : 11.5), "%d: %g days", y, r.total_days);
		ck_assert_uint_eq(r.n, election ? 13 : 12);
		double sum = 0;
		for (size_t i = 0; i < r.n; i++) {
			const rules_holiday *h = &r.holidays[i];
			sum += h->days;
			/* Offices close on weekdays only. */
			int wd = rules_weekday(h->observed);
			ck_assert_msg(wd >= 1 && wd <= 5, "%d %s observed on weekday %d", y, h->key, wd);
			/* Listed under the year it falls in, observed within two days. */
			ck_assert_int_eq(h->date.year, y);
			long shift = day_number(h->observed) - day_number(h->date);
			ck_assert_msg(shift >= -2 && shift <= 2, "%d %s moved %ld days", y, h->key, shift);
			/* No two holidays close the same day. */
			for (size_t j = 0; j < i; j++)
				ck_assert_msg(day_number(r.holidays[j].observed) != day_number(h->observed),
					      "%d: %s and %s on one day", y, r.holidays[j].key, h->key);
			if (i > 0)
				ck_assert(day_number(r.holidays[i - 1].date) < day_number(h->date));
		}
		ck_assert(sum == r.total_days);
	}
}
END_TEST

/* Across a year end, New Year's Eve of one year and New Year's Day of the
 * next (and their eves) never collide. */
START_TEST(test_holiday_year_boundaries)
{
	for (int y = RULES_YEAR_MIN; y < RULES_YEAR_MAX; y++) {
		rules_holidays_result a, b;
		ck_assert_int_eq(rules_holidays_evaluate(y, &a), 0);
		ck_assert_int_eq(rules_holidays_evaluate(y + 1, &b), 0);
		for (size_t i = 0; i < a.n; i++)
			for (size_t j = 0; j < b.n; j++)
				ck_assert_msg(day_number(a.holidays[i].observed) != day_number(b.holidays[j].observed),
					      "%d %s collides with %d %s", y, a.holidays[i].key, y + 1,
					      b.holidays[j].key);
	}
}
END_TEST

typedef struct {
	int year;
	const char *key;
	const char *date;
	const char *observed;
} holiday_case;

static const holiday_case holiday_cases[] = {
	{ 2024, "good-friday", "2024-03-29", "2024-03-29" },
	{ 2024, "presidential-election-day", "2024-11-05", "2024-11-05" },
	{ 2020, "presidential-election-day", "2020-11-03", "2020-11-03" },
	{ 2016, "presidential-election-day", "2016-11-08", "2016-11-08" },
	{ 2000, "presidential-election-day", "2000-11-07", "2000-11-07" },
	{ 2100, "presidential-election-day", "2100-11-02", "2100-11-02" },
	{ 2024, "martin-luther-king-day", "2024-01-15", "2024-01-15" },
	{ 2024, "memorial-day", "2024-05-27", "2024-05-27" },
	{ 2024, "labor-day", "2024-09-02", "2024-09-02" },
	{ 2024, "thanksgiving-day", "2024-11-28", "2024-11-28" },
	{ 2024, "day-after-thanksgiving", "2024-11-29", "2024-11-29" },
	{ 2024, "christmas-eve", "2024-12-24", "2024-12-24" },
	{ 2024, "christmas-day", "2024-12-25", "2024-12-25" },
	{ 2024, "new-years-eve", "2024-12-31", "2024-12-31" },
	/* Sunday to Monday, Saturday to Friday. */
	{ 2022, "christmas-day", "2022-12-25", "2022-12-26" },
	{ 2022, "christmas-eve", "2022-12-24", "2022-12-23" },
	{ 2021, "independence-day", "2021-07-04", "2021-07-05" },
	{ 2020, "independence-day", "2020-07-04", "2020-07-03" },
	{ 2023, "veterans-day", "2023-11-11", "2023-11-10" },
	{ 2018, "veterans-day", "2018-11-11", "2018-11-12" },
	/* Christmas on Saturday: observed Friday, the eve moves to Thursday. */
	{ 2021, "christmas-day", "2021-12-25", "2021-12-24" },
	{ 2021, "christmas-eve", "2021-12-24", "2021-12-23" },
	/* Christmas Eve on Sunday: it would land on Christmas (Monday); Tuesday. */
	{ 2023, "christmas-day", "2023-12-25", "2023-12-25" },
	{ 2023, "christmas-eve", "2023-12-24", "2023-12-26" },
	/* New Year's across the year end. */
	{ 2022, "new-years-day", "2022-01-01", "2021-12-31" },
	{ 2021, "new-years-eve", "2021-12-31", "2021-12-30" },
	{ 2023, "new-years-day", "2023-01-01", "2023-01-02" },
	{ 2022, "new-years-eve", "2022-12-31", "2022-12-30" },
	{ 2023, "new-years-eve", "2023-12-31", "2024-01-02" },
	{ 2024, "new-years-day", "2024-01-01", "2024-01-01" },
	{ 2017, "new-years-eve", "2017-12-31", "2018-01-02" },
	{ 2017, "christmas-eve", "2017-12-24", "2017-12-26" },
	{ 1990, "good-friday", "1990-04-13", "1990-04-13" },
	{ 2100, "good-friday", "2100-03-26", "2100-03-26" },
};

START_TEST(test_holiday_dates)
{
	const holiday_case *c = &holiday_cases[_i];
	rules_holidays_result r;
	ck_assert_int_eq(rules_holidays_evaluate(c->year, &r), 0);
	const rules_holiday *h = NULL;
	for (size_t i = 0; i < r.n; i++)
		if (strcmp(r.holidays[i].key, c->key) == 0)
			h = &r.holidays[i];
	ck_assert_msg(h != NULL, "%d has no %s", c->year, c->key);
	char iso[11];
	rules_date_iso(h->date, iso);
	ck_assert_str_eq(iso, c->date);
	rules_date_iso(h->observed, iso);
	ck_assert_str_eq(iso, c->observed);
	ck_assert(h->days == (strcmp(c->key, "good-friday") == 0 ? 0.5 : 1));
}
END_TEST

START_TEST(test_holiday_no_election_day)
{
	const int years[] = { 1990, 2021, 2022, 2023, 2025, 2099 };
	for (int i = 0; i < N_ELEMS(years); i++) {
		rules_holidays_result r;
		ck_assert_int_eq(rules_holidays_evaluate(years[i], &r), 0);
		for (size_t j = 0; j < r.n; j++)
			ck_assert_str_ne(r.holidays[j].key, "presidential-election-day");
		ck_assert(has_reason(&r.explain, "not a presidential election year"));
	}
	rules_holidays_result r;
	ck_assert_int_eq(rules_holidays_evaluate(2024, &r), 0);
	ck_assert(has_cite(&r.explain, "KRS 18A.190", "voting-leave"));
	ck_assert(has_cite(&r.explain, "KRS 18A.190", "holidays"));
	ck_assert(has_reason(&r.explain, "Christmas Eve and New Year's Eve"));
}
END_TEST

/* Easter Sunday 1990..2100 as MMDD, computed independently (Gauss). */
static const short easter_mmdd[] = {
	415, 331, 419, 411, 403, 416, 407, 330, 412, 404, 423, 415, 331, 420, 411, 327, 416, 408, 323,
	412, 404, 424, 408, 331, 420, 405, 327, 416, 401, 421, 412, 404, 417, 409, 331, 420, 405, 328,
	416, 401, 421, 413, 328, 417, 409, 325, 413, 405, 425, 410, 401, 421, 406, 329, 417, 409, 325,
	414, 405, 418, 410, 402, 421, 406, 329, 418, 402, 422, 414, 330, 418, 410, 326, 415, 406, 329,
	411, 403, 422, 414, 330, 419, 410, 326, 415, 407, 419, 411, 403, 423, 407, 330, 419, 404, 326,
	415, 331, 420, 411, 403, 416, 408, 330, 412, 404, 424, 415, 331, 420, 412, 328,
};

START_TEST(test_easter)
{
	ck_assert_int_eq(N_ELEMS(easter_mmdd), RULES_YEAR_MAX - RULES_YEAR_MIN + 1);
	for (int y = RULES_YEAR_MIN; y <= RULES_YEAR_MAX; y++) {
		rules_date e = rules_easter(y);
		ck_assert_int_eq(e.year, y);
		ck_assert_msg(e.month * 100 + e.day == easter_mmdd[y - RULES_YEAR_MIN], "Easter %d", y);
		ck_assert_int_eq(rules_weekday(e), 0);
	}
}
END_TEST

START_TEST(test_dates)
{
	ck_assert_int_eq(rules_weekday((rules_date){ 2022, 12, 25 }), 0);
	ck_assert_int_eq(rules_weekday((rules_date){ 2024, 11, 5 }), 2);
	ck_assert_int_eq(rules_weekday((rules_date){ 1970, 1, 1 }), 4);
	ck_assert_int_eq(rules_weekday((rules_date){ 2000, 2, 29 }), 2);
	ck_assert_int_eq(rules_weekday((rules_date){ 1900, 3, 1 }), 4);
	rules_date d = rules_date_add_days((rules_date){ 2024, 2, 28 }, 1);
	ck_assert(d.year == 2024 && d.month == 2 && d.day == 29);
	d = rules_date_add_days((rules_date){ 2023, 2, 28 }, 1);
	ck_assert(d.year == 2023 && d.month == 3 && d.day == 1);
	d = rules_date_add_days((rules_date){ 2022, 1, 1 }, -1);
	ck_assert(d.year == 2021 && d.month == 12 && d.day == 31);
	d = rules_date_add_days((rules_date){ 2100, 2, 28 }, 1);
	ck_assert(d.year == 2100 && d.month == 3 && d.day == 1);
	char iso[11];
	rules_date_iso((rules_date){ 2024, 3, 9 }, iso);
	ck_assert_str_eq(iso, "2024-03-09");
}
END_TEST

START_TEST(test_holiday_invalid_year)
{
	rules_holidays_result r;
	ck_assert_int_eq(rules_holidays_evaluate(1989, &r), -1);
	ck_assert_int_eq(rules_holidays_evaluate(2101, &r), -1);
	struct buf b;
	buf_init(&b);
	ck_assert_int_eq(rules_holidays_ical(1989, &b), -1);
	buf_free(&b);
}
END_TEST

/* ---- iCalendar ------------------------------------------------------------ */

/* Checks RFC 5545 framing: CRLF only, physical lines of at most 75 octets.
 * Returns the unfolded text with "\n" line ends (caller frees). */
static char *ical_unfold_checked(const char *s, size_t len)
{
	char *out = malloc(len + 1);
	ck_assert_ptr_nonnull(out);
	size_t o = 0, line_start = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			ck_abort_msg("bare LF at %zu", i);
		if (s[i] == '\r') {
			ck_assert_msg(i + 1 < len && s[i + 1] == '\n', "bare CR at %zu", i);
			ck_assert_msg(i - line_start <= 75, "line of %zu octets", i - line_start);
			line_start = i + 2;
			if (i + 2 < len && s[i + 2] == ' ') { /* folded: join */
				i += 2;
				line_start = i;
				continue;
			}
			out[o++] = '\n';
			i++;
			continue;
		}
		out[o++] = s[i];
	}
	ck_assert_msg(line_start == len, "text must end with CRLF");
	out[o] = '\0';
	return out;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

START_TEST(test_ical_2024)
{
	struct buf b;
	buf_init(&b);
	ck_assert_int_eq(rules_holidays_ical(2024, &b), 0);
	ck_assert(strncmp(b.data, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 37) == 0);
	ck_assert(b.len > 17 && strcmp(b.data + b.len - 15, "END:VCALENDAR\r\n") == 0);
	ck_assert(count(b.data, "\r\n ") > 0); /* long DESCRIPTIONs are folded */
	char *u = ical_unfold_checked(b.data, b.len);
	ck_assert_int_eq(count(u, "BEGIN:VEVENT\n"), 13);
	ck_assert_int_eq(count(u, "END:VEVENT\n"), 13);
	ck_assert_int_eq(count(u, "DTSTAMP:"), 13);
	ck_assert_int_eq(count(u, "DTSTART;VALUE=DATE:"), 13);
	ck_assert_ptr_nonnull(strstr(u, "UID:2024-christmas-day@hrportal.personnel.ky.gov\n"
					"DTSTAMP:20160930T000000Z\n"
					"DTSTART;VALUE=DATE:20241225\n"
					"DTEND;VALUE=DATE:20241226\n"
					"SUMMARY:Christmas Day\n"));
	ck_assert_ptr_nonnull(strstr(u, "DTSTART;VALUE=DATE:20240329\n"
					"DTEND;VALUE=DATE:20240330\n"
					"SUMMARY:Good Friday (half day)\n"));
	ck_assert_ptr_nonnull(strstr(u, "UID:2024-presidential-election-day@"));
	ck_assert_ptr_nonnull(strstr(u, "DESCRIPTION:Christmas Day\\, Wednesday\\, December 25\\, "
					"2024. One day of paid leave for state employees (Employee "
					"Handbook\\, Holidays\\, KRS 18A.190).\n"));
	/* Unfolding restores lines longer than 75 octets. */
	size_t longest = 0;
	for (char *line = u, *nl; (nl = strchr(line, '\n')); line = nl + 1)
		if ((size_t)(nl - line) > longest)
			longest = (size_t)(nl - line);
	ck_assert_uint_gt(longest, 75);
	free(u);

	/* Stable: the same year gives the same bytes. */
	struct buf b2;
	buf_init(&b2);
	ck_assert_int_eq(rules_holidays_ical(2024, &b2), 0);
	ck_assert_uint_eq(b.len, b2.len);
	ck_assert(memcmp(b.data, b2.data, b.len) == 0);
	buf_free(&b2);
	buf_free(&b);
}
END_TEST

START_TEST(test_ical_observed)
{
	struct buf b;
	buf_init(&b);
	ck_assert_int_eq(rules_holidays_ical(2022, &b), 0);
	char *u = ical_unfold_checked(b.data, b.len);
	ck_assert_int_eq(count(u, "BEGIN:VEVENT\n"), 12);
	ck_assert_ptr_nonnull(strstr(u, "UID:2022-christmas-day@hrportal.personnel.ky.gov\n"
					"DTSTAMP:20160930T000000Z\n"
					"DTSTART;VALUE=DATE:20221226\n"
					"DTEND;VALUE=DATE:20221227\n"));
	ck_assert_ptr_nonnull(strstr(u, "DESCRIPTION:Christmas Day falls on Sunday\\, December 25\\, "
					"2022 and is observed on Monday\\, December 26\\, 2022."));
	/* New Year's Day 2022 is observed in 2021. */
	ck_assert_ptr_nonnull(strstr(u, "UID:2022-new-years-day@hrportal.personnel.ky.gov\n"
					"DTSTAMP:20160930T000000Z\n"
					"DTSTART;VALUE=DATE:20211231\n"));
	free(u);
	buf_free(&b);
}
END_TEST

START_TEST(test_ical_all_years)
{
	struct buf b;
	buf_init(&b);
	for (int y = RULES_YEAR_MIN; y <= RULES_YEAR_MAX; y++) {
		buf_reset(&b);
		ck_assert_int_eq(rules_holidays_ical(y, &b), 0);
		char *u = ical_unfold_checked(b.data, b.len);
		ck_assert_int_eq(count(u, "BEGIN:VEVENT\n"), y % 4 == 0 ? 13 : 12);
		free(u);
	}
	buf_free(&b);
}
END_TEST

/* ======================================================================== */
/* Citations against the handbook                                           */
/* ======================================================================== */

static const char *const known_slugs[] = {
	"family-and-medical-leave-act-fmla",
	"sick-leave",
	"leave-sharing-programs",
	"reversion-reemployment-and-reinstatement",
	"annual-leave",
	"holidays",
	"career-status",
	"glossary",
	"funeral-and-bereavement-leave",
	"voting-leave",
	"blood-donation-leave",
	"transferring-months-of-service-leave-balances",
};

/* Body heading of each section, as a whole line in the handbook text. */
static const struct {
	const char *slug;
	const char *heading;
} headings[] = {
	{ "family-and-medical-leave-act-fmla", "Family and Medical (FMLA)" },
	{ "sick-leave", "Sick" },
	{ "leave-sharing-programs", "Leave Sharing Programs" },
	{ "reversion-reemployment-and-reinstatement", "Reversion, Reemployment, and Reinstatement" },
	{ "annual-leave", "Annual (Vacation) Leave" },
	{ "holidays", "Holidays" },
	{ "career-status", "Career Status:" },
	{ "glossary", "Glossary of Terms Relating to Employment" },
	{ "funeral-and-bereavement-leave", "Funeral and Bereavement" },
	{ "voting-leave", "Voting" },
	{ "blood-donation-leave", "Blood Donation" },
};

static char *read_handbook(void)
{
	const char *dir = getenv("HR_SRCDIR");
	char path[4096];
	const char *tries[] = { dir, ".", "..", NULL };
	for (int i = 0; i < 3; i++) {
		if (!tries[i])
			continue;
		snprintf(path, sizeof path, "%s/db/corpus/employee-handbook.txt", tries[i]);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		fseek(f, 0, SEEK_END);
		long n = ftell(f);
		fseek(f, 0, SEEK_SET);
		char *s = malloc((size_t)n + 1);
		ck_assert_ptr_nonnull(s);
		ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
		s[n] = '\0';
		fclose(f);
		return s;
	}
	ck_abort_msg("db/corpus/employee-handbook.txt not found (set HR_SRCDIR)");
	return NULL;
}

/* The LEGAL REFERENCES text of the section whose heading line is given:
 * from the marker to the next blank line after some text. */
static void legal_refs(const char *text, const char *heading, char *out, size_t outlen)
{
	char needle[256];
	snprintf(needle, sizeof needle, "\n%s\n", heading);
	const char *p = strstr(text, needle);
	ck_assert_msg(p != NULL, "heading \"%s\" not in handbook", heading);
	p = strstr(p, "LEGAL REFERENCES:");
	ck_assert_ptr_nonnull(p);
	p += strlen("LEGAL REFERENCES:");
	size_t o = 0;
	bool seen_text = false;
	for (; *p && o + 1 < outlen; p++) {
		if (*p == '\n') {
			if (seen_text && p[1] == '\n')
				break;
			out[o++] = ' ';
			continue;
		}
		if (*p != ' ' && *p != '\t')
			seen_text = true;
		out[o++] = *p;
	}
	out[o] = '\0';
}

/* cite appears in refs as a whole item (not a prefix of a longer cite). */
static bool refs_contain(const char *refs, const char *cite)
{
	size_t n = strlen(cite);
	for (const char *p = refs; (p = strstr(p, cite)) != NULL; p++) {
		bool start_ok = p == refs || p[-1] == ' ' || p[-1] == '*';
		bool end_ok = p[n] == '\0' || p[n] == ' ' || p[n] == '*';
		if (start_ok && end_ok)
			return true;
	}
	return false;
}

START_TEST(test_citations_in_handbook)
{
	char *text = read_handbook();
	size_t n;
	const rules_citation *all = rules_all_citations(&n);
	ck_assert_uint_gt(n, 20);
	for (size_t i = 0; i < n; i++) {
		const char *heading = NULL;
		for (int h = 0; h < N_ELEMS(headings); h++)
			if (strcmp(headings[h].slug, all[i].slug) == 0)
				heading = headings[h].heading;
		ck_assert_msg(heading != NULL, "no heading known for slug %s", all[i].slug);
		char refs[1024];
		legal_refs(text, heading, refs, sizeof refs);
		ck_assert_msg(refs_contain(refs, all[i].cite),
			      "\"%s\" is not in the LEGAL REFERENCES of "
			      "%s: %s",
			      all[i].cite, all[i].slug, refs);
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(strcmp(all[i].cite, all[j].cite) || strcmp(all[i].slug, all[j].slug),
				      "duplicate citation %s", all[i].cite);
	}
	/* The matcher itself: a section prefix must not count. */
	ck_assert(!refs_contain("101 KAR 2:102, Section 12", "101 KAR 2:102, Section 1"));
	ck_assert(!refs_contain("KRS 18A.005, Section 4", "KRS 18A.005"));
	ck_assert(refs_contain("KRS 18A.005 KRS 18A.113", "KRS 18A.005"));
	free(text);
}
END_TEST

START_TEST(test_citation_slugs_and_urls)
{
	size_t n;
	const rules_citation *all = rules_all_citations(&n);
	for (size_t i = 0; i < n; i++) {
		bool known = false;
		for (int s = 0; s < N_ELEMS(known_slugs); s++)
			known = known || strcmp(known_slugs[s], all[i].slug) == 0;
		ck_assert_msg(known, "unknown slug %s", all[i].slug);
		char url[128];
		ck_assert_int_gt(rules_citation_url(&all[i], url, sizeof url), 0);
		ck_assert(strncmp(url, "/handbook/", 10) == 0);
		ck_assert_str_eq(url + 10, all[i].slug);
	}
	char tiny[8];
	ck_assert_int_eq(rules_citation_url(&all[0], tiny, sizeof tiny), -1);
}
END_TEST

START_TEST(test_fixed_leaves)
{
	size_t n;
	const rules_fixed_leave *l = rules_fixed_leaves(&n);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(l[0].key, "funeral");
	ck_assert(l[0].amount == 5 && strcmp(l[0].unit, "days") == 0);
	ck_assert(l[1].amount == 4 && strcmp(l[1].unit, "hours") == 0);
	ck_assert(l[2].amount == 4 && strcmp(l[2].unit, "hours") == 0);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_gt(l[i].n_citations, 0);
		for (size_t j = 0; j < l[i].n_citations; j++)
			ck_assert(citation_known(l[i].citations[j]));
	}
	json_writer w;
	json_init(&w);
	ck_assert_int_eq(rules_json_fixed_leaves(&w), 0);
	ck_assert_int_eq(json_finish(&w), 0);
	ck_assert_ptr_nonnull(strstr(json_data(&w), "{\"cite\":\"101 KAR 2:102, Section 8\","
						    "\"url\":\"/handbook/funeral-and-bereavement-leave\"}"));
	json_free(&w);
}
END_TEST

/* ======================================================================== */
/* JSON answers                                                             */
/* ======================================================================== */

#define ck_assert_prefix(s, prefix) \
	ck_assert_msg(strncmp((s), (prefix), strlen(prefix)) == 0, "%s\n  does not start with\n%s", (s), (prefix))

typedef rules_api_status (*api_fn)(rules_param_get, void *, json_writer *);

static char *api_call(api_fn fn, const char *query, rules_api_status expect)
{
	qs q;
	qs_parse(&q, query);
	json_writer w;
	json_init(&w);
	rules_api_status st = fn(qs_get, &q, &w);
	ck_assert_msg(st == expect, "%s: status %d", query, st);
	ck_assert_int_eq(json_finish(&w), 0);
	char *s = strdup(json_data(&w));
	json_free(&w);
	return s;
}

static const struct {
	api_fn fn;
	const char *q;
	const char *json;
} json_cases[] = {
	{ rules_api_annual_leave, "service_months=60&week_hours=37.5",
	  "{\"days_per_year\":15,\"hours_per_month\":9.375,\"max_carry_forward_days\":37,"
	  "\"max_carry_forward_hours\":277.5,\"reasons\":["
	  "\"With 60 months of service you are in the \\\"60-119 months\\\" row of the annual leave "
	  "table, so you earn 15 days a year (1.25 days a month).\","
	  "\"On a 37.5-hour week a working day is 7.5 hours, so you earn 9.375 hours a month.\","
	  "\"You may carry at most 37 working days (277.5 hours on a 37.5-hour week) into the next "
	  "calendar year, and leave above that is converted to sick leave at the end of the year or "
	  "on retirement.\","
	  "\"At 120 months of service you move to the next row and earn 18 days a year.\","
	  "\"Annual leave accrues only to full-time employees, and only in months in which they work "
	  "or are on paid leave other than educational leave with pay for 100 or more regular hours; "
	  "part-time and interim employees do not earn it.\"],"
	  "\"citations\":[{\"cite\":\"101 KAR 2:102, Section 1\",\"url\":\"/handbook/annual-leave\"},"
	  "{\"cite\":\"101 KAR 3:015, Section 1\",\"url\":\"/handbook/annual-leave\"}]}" },
	{ rules_api_leave_sharing, "role=donor&program=sick&employer=18a&active=1&balance=100&donate=7&week_hours=37.5",
	  "{\"eligible\":false,\"max_hours\":null,\"max_donation\":25,\"reasons\":["
	  "\"KRS 18A employees, whether full-time, part-time or interim, may take part in sick leave "
	  "sharing.\","
	  "\"You are in active, paid status, as both donors and recipients must be when they apply or "
	  "donate.\","
	  "\"Your sick leave balance of 100 hours is more than the 75 hours a donor must have.\","
	  "\"Each donation to an employee regularly scheduled for a 37.5-hour week must be at least "
	  "7.5 hours.\","
	  "\"Donating 7 hours is less than the 7.5-hour minimum.\","
	  "\"Participation is voluntary and every transfer needs the approval of the appointing "
	  "authority and the Secretary of the Personnel Cabinet.\"],"
	  "\"citations\":[{\"cite\":\"101 KAR 2:105\",\"url\":\"/handbook/leave-sharing-programs\"},"
	  "{\"cite\":\"KRS 18A.196\",\"url\":\"/handbook/leave-sharing-programs\"},"
	  "{\"cite\":\"KRS 18A.197\",\"url\":\"/handbook/leave-sharing-programs\"}]}" },
	{ rules_api_return_rights, "event=laid_off&had_status=1",
	  "{\"reversion\":false,\"reemployment\":true,\"reinstatement\":false,\"reasons\":["
	  "\"As a classified employee laid off from a position in which you had status, you have "
	  "reemployment rights.\","
	  "\"Reversion applies only after failing promotional probation or ending a detail to special "
	  "duty from a classified position with status, or when a career employee with earlier "
	  "classified status is separated from an unclassified position other than for cause.\","
	  "\"Reinstatement privileges come only from resigning in good standing from a classified "
	  "position in which you had status.\","
	  "\"Reversion means returning to your last classified position if it is vacant, or to a "
	  "vacant position in the same or a similar job classification.\","
	  "\"Reemployment means being a reemployment candidate for any open KRS 18A classified "
	  "position you qualify for, and no vacancy may be filled from a competitive register until "
	  "the reemployment candidates on it have been reemployed, interviewed or properly "
	  "considered.\","
	  "\"Reinstatement is a privilege, not a right: at the appointing authority's option you may "
	  "be placed in your former classification or a position of like status and pay, up to the "
	  "highest pay grade in which you achieved status, if you meet the current minimum "
	  "requirements.\"],"
	  "\"citations\":[{\"cite\":\"KRS 18A.005\","
	  "\"url\":\"/handbook/reversion-reemployment-and-reinstatement\"},"
	  "{\"cite\":\"KRS 18A.113\",\"url\":\"/handbook/reversion-reemployment-and-reinstatement\"}]}" },
	{ rules_api_fmla, "service_months=12&hours=abc&reason=birth",
	  "{\"error\":\"invalid_parameter\",\"field\":\"hours\",\"message\":\"Enter hours as a number "
	  "from 0 to 8784, with at most two decimal places.\"}" },
	{ rules_api_holidays, "year=1989",
	  "{\"error\":\"invalid_parameter\",\"field\":\"year\","
	  "\"message\":\"Enter a year from 1990 to 2100.\"}" },
};

START_TEST(test_json_exact)
{
	bool error = strstr(json_cases[_i].json, "\"error\"") != NULL;
	char *s = api_call(json_cases[_i].fn, json_cases[_i].q, error ? RULES_API_BAD_PARAM : RULES_API_OK);
	ck_assert_str_eq(s, json_cases[_i].json);
	free(s);
}
END_TEST

START_TEST(test_json_fmla_shape)
{
	char *s = api_call(rules_api_fmla, OK12 FC "grandparent&weeks_used=2.5", RULES_API_OK);
	ck_assert_prefix(s, "{\"eligible\":true,\"entitlement_weeks\":12,\"remaining_weeks\":9.5,"
			    "\"reasons\":[\"You have 12 months of state service");
	ck_assert_ptr_nonnull(strstr(s, "\"citations\":[{\"cite\":\"101 KAR 2:102, Section 3\","
					"\"url\":\"/handbook/family-and-medical-leave-act-fmla\"},"
					"{\"cite\":\"101 KAR 3:015, Section 3\","
					"\"url\":\"/handbook/family-and-medical-leave-act-fmla\"}]"));
	ck_assert_ptr_nonnull(strstr(s, ",\"federal\":{\"eligible\":false,\"hours_counted\":1250,"
					"\"reason_covered\":false,\"entitlement_weeks\":0,"
					"\"remaining_weeks\":0,\"shared_with_spouse\":false,"
					"\"differences\":[\"The federal FMLA counts only hours"));
	ck_assert_str_eq(s + strlen(s) - 3, "]}}");
	free(s);

	s = api_call(rules_api_fmla, "service_months=11&hours=1250&reason=own_health", RULES_API_OK);
	ck_assert_prefix(s, "{\"eligible\":false,\"entitlement_weeks\":0,\"remaining_weeks\":0,");
	free(s);
}
END_TEST

START_TEST(test_json_other_shapes)
{
	char *s = api_call(rules_api_sick_leave, "service_months=240&week_hours=40", RULES_API_OK);
	ck_assert_prefix(s, "{\"days_per_month\":1,\"hours_per_month\":8,\"hours_per_year\":96,"
			    "\"bonus_days\":20,\"bonus_hours\":160,\"next_bonus_months\":null,"
			    "\"reasons\":[");
	free(s);
	s = api_call(rules_api_sick_leave, "service_months=12&week_hours=37.5", RULES_API_OK);
	ck_assert_ptr_nonnull(strstr(s, "\"bonus_days\":0,\"bonus_hours\":0,\"next_bonus_months\":120,"));
	free(s);
	s = api_call(rules_api_holidays, "year=2022", RULES_API_OK);
	ck_assert_prefix(s, "{\"year\":2022,\"total_days\":11.5,\"holidays\":[{\"name\":\"New Year's "
			    "Day\",\"date\":\"2022-01-01\",\"observed\":\"2021-12-31\",\"days\":1},");
	ck_assert_ptr_nonnull(strstr(s, "{\"name\":\"Good Friday\",\"date\":\"2022-04-15\","
					"\"observed\":\"2022-04-15\",\"days\":0.5}"));
	ck_assert_ptr_nonnull(strstr(s, "{\"name\":\"Christmas Day\",\"date\":\"2022-12-25\","
					"\"observed\":\"2022-12-26\",\"days\":1}"));
	ck_assert_ptr_nonnull(strstr(s, "\"citations\":[{\"cite\":\"KRS 18A.190\","
					"\"url\":\"/handbook/holidays\"}]}"));
	free(s);
	s = api_call(rules_api_holidays, "year=2024", RULES_API_OK);
	ck_assert_prefix(s, "{\"year\":2024,\"total_days\":12.5,");
	free(s);
	s = api_call(rules_api_leave_sharing, ANNR "&hours_requested=200.5", RULES_API_OK);
	ck_assert_prefix(s, "{\"eligible\":true,\"max_hours\":200,\"max_donation\":null,");
	free(s);
	s = api_call(rules_api_return_rights, "event=resigned&had_status=1&good_standing=1", RULES_API_OK);
	ck_assert_prefix(s, "{\"reversion\":false,\"reemployment\":false,\"reinstatement\":true,");
	free(s);
	s = api_call(rules_api_leave_sharing, "role=donor", RULES_API_BAD_PARAM);
	ck_assert_str_eq(s, "{\"error\":\"invalid_parameter\",\"field\":\"program\","
			    "\"message\":\"This field is required.\"}");
	free(s);
	s = api_call(rules_api_annual_leave, "service_months=1e2&week_hours=40", RULES_API_BAD_PARAM);
	ck_assert_ptr_nonnull(strstr(s, "\"field\":\"service_months\""));
	free(s);
	s = api_call(rules_api_sick_leave, "service_months=12", RULES_API_BAD_PARAM);
	ck_assert_ptr_nonnull(strstr(s, "\"field\":\"week_hours\""));
	free(s);
	s = api_call(rules_api_return_rights, "event=fired&had_status=1", RULES_API_BAD_PARAM);
	ck_assert_ptr_nonnull(strstr(s, "\"field\":\"event\""));
	free(s);
}
END_TEST

/* ======================================================================== */

static Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");

	TCase *tc = tcase_create("fmla");
	/* The never-worse sweep evaluates ten thousand inputs: minutes under valgrind or ASan. */
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, test_fmla_table, 0, N_ELEMS(fmla_cases));
	tcase_add_loop_test(tc, test_fmla_text, 0, N_ELEMS(fmla_text_cases));
	tcase_add_test(tc, test_fmla_sick_citation_when_ineligible);
	tcase_add_test(tc, test_fmla_state_never_worse);
	tcase_add_test(tc, test_fmla_invalid_struct);
	suite_add_tcase(s, tc);

	tc = tcase_create("params");
	tcase_add_loop_test(tc, test_params, 0, N_ELEMS(param_cases));
	tcase_add_test(tc, test_params_huge_value);
	tcase_add_test(tc, test_params_values);
	suite_add_tcase(s, tc);

	tc = tcase_create("leave_sharing");
	tcase_add_loop_test(tc, test_leave_sharing_table, 0, N_ELEMS(ls_cases));
	tcase_add_loop_test(tc, test_leave_sharing_text, 0, N_ELEMS(ls_text_cases));
	tcase_add_test(tc, test_leave_sharing_donor_sweep);
	suite_add_tcase(s, tc);

	tc = tcase_create("return_rights");
	tcase_add_loop_test(tc, test_return_rights_table, 0, N_ELEMS(rr_cases));
	tcase_add_loop_test(tc, test_return_rights_text, 0, N_ELEMS(rr_text_cases));
	tcase_add_test(tc, test_return_rights_career_boundary);
	tcase_add_loop_test(tc, test_return_rights_absent_reasons, 0, N_ELEMS(rr_absent_cases));
	tcase_add_test(tc, test_return_rights_event_range);
	suite_add_tcase(s, tc);

	tc = tcase_create("leave_calc");
	tcase_add_loop_test(tc, test_annual_table, 0, N_ELEMS(annual_cases));
	tcase_add_test(tc, test_annual_table_consistent);
	tcase_add_loop_test(tc, test_sick_table, 0, N_ELEMS(sick_cases));
	tcase_add_test(tc, test_calc_invalid_struct);
	suite_add_tcase(s, tc);

	tc = tcase_create("holidays");
	tcase_add_test(tc, test_holiday_totals);
	tcase_add_test(tc, test_holiday_year_boundaries);
	tcase_add_loop_test(tc, test_holiday_dates, 0, N_ELEMS(holiday_cases));
	tcase_add_test(tc, test_holiday_no_election_day);
	tcase_add_test(tc, test_easter);
	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_holiday_invalid_year);
	tcase_add_test(tc, test_ical_2024);
	tcase_add_test(tc, test_ical_observed);
	tcase_add_test(tc, test_ical_all_years);
	suite_add_tcase(s, tc);

	tc = tcase_create("citations");
	tcase_add_test(tc, test_citations_in_handbook);
	tcase_add_test(tc, test_citation_slugs_and_urls);
	tcase_add_test(tc, test_fixed_leaves);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_loop_test(tc, test_json_exact, 0, N_ELEMS(json_cases));
	tcase_add_test(tc, test_json_fmla_shape);
	tcase_add_test(tc, test_json_other_shapes);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(rules_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
