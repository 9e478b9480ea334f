/* rules.h: the Employee Handbook's leave and eligibility rules as pure C.
 *
 * What it offers (every rule comes from the Kentucky Executive Branch
 * Employee Handbook, revised September 30, 2016):
 *
 *   Wizards (decisions)
 *     rules_fmla_evaluate            family and medical leave, with the
 *                                    federal FMLA answer beside the state one
 *     rules_leave_sharing_evaluate   sick / annual leave sharing, recipient
 *                                    or donor
 *     rules_return_rights_evaluate   reversion, reemployment, reinstatement
 *   Calculators
 *     rules_annual_leave_evaluate    accrual and carry-forward (two tables)
 *     rules_sick_leave_evaluate      accrual and 120/240-month bonus days
 *     rules_holidays_evaluate        the year's holidays with observed dates
 *     rules_holidays_ical            the same as an RFC 5545 calendar
 *   Fixed leaves (funeral, voting, blood donation): rules_fixed_leaves
 *
 *   For each wizard and calculator:
 *     rules_params_X   fill the input struct from request parameters
 *                      (shared by the JSON API and the HTML wizard)
 *     rules_json_X     write the answer as one JSON object
 *     rules_api_X      both, plus the evaluation, in one call
 *
 * Every answer carries reasons (plain-English sentences, each saying why)
 * and citations: the statute or regulation exactly as the handbook prints
 * it in the LEGAL REFERENCES block of a section, plus that section's slug
 * (its page is /handbook/<slug>). rules_all_citations() lists every pair
 * the module can emit, so an integration test can check them against the
 * imported handbook.
 *
 * The decision functions do no I/O, keep no state and do not allocate:
 * results are fixed-size structs the caller owns (about 12 KB at most; fine
 * on the stack). Only the JSON and iCalendar writers allocate, through the
 * caller's json_writer / struct buf.
 *
 * From a web handler (here the query lives in ClearSilver's HDF):
 *
 *   static const char *query_get(void *ctx, const char *name)
 *   {
 *       return hdf_get_valuef((HDF *)ctx, "Query.%s", name);
 *   }
 *
 *   // JSON API: one call; map the status to 200 / 400 / 500.
 *   json_writer w;
 *   json_init(&w);
 *   rules_api_status st = rules_api_fmla(query_get, cgi->hdf, &w);
 *   send(st == RULES_API_OK ? 200 : st == RULES_API_BAD_PARAM ? 400 : 500,
 *        json_data(&w), json_len(&w));
 *   json_free(&w);
 *
 *   // HTML wizard: same parser, then fill HDF from the result struct.
 *   rules_fmla_input in;
 *   rules_param_error err;
 *   rules_fmla_result r;
 *   if (rules_params_fmla(query_get, cgi->hdf, &in, &err) != 0)
 *       show the form again with err.message beside field err.field;
 *   else if (rules_fmla_evaluate(&in, &r) == 0)
 *       copy r.eligible, r.explain.reasons[i], r.explain.citations[i]->cite
 *       and rules_citation_url(...) into HDF and render.
 */
#ifndef HR_RULES_H
#define HR_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/json.h"

/* ---- Citations ---------------------------------------------------------- */

typedef struct rules_citation {
	const char *cite; /* as printed, e.g. "101 KAR 2:102, Section 3" */
	const char *slug; /* handbook section, e.g. "family-and-medical-leave-act-fmla" */
} rules_citation;

/* Every (cite, slug) pair any rules function can emit; *count gets the size. */
const rules_citation *rules_all_citations(size_t *count);

/* Writes "/handbook/<slug>" into buf; returns its length, or -1 if it does
 * not fit. */
int rules_citation_url(const rules_citation *c, char *buf, size_t len);

/* ---- Reasons and citations of one answer ------------------------------- */

#define RULES_MAX_REASONS 24
#define RULES_REASON_LEN 400
#define RULES_MAX_CITATIONS 12

typedef struct rules_explain {
	size_t n_reasons;
	char reasons[RULES_MAX_REASONS][RULES_REASON_LEN];
	size_t n_citations;
	const rules_citation *citations[RULES_MAX_CITATIONS];
	bool overflow; /* a reason or citation did not fit (a bug; tests check it) */
} rules_explain;

/* ---- Shared enumerations ----------------------------------------------- */

/* Who a leave is for. RULES_REL_SELF is only meaningful for leave sharing. */
typedef enum rules_relation {
	RULES_REL_NONE = 0,
	RULES_REL_SELF,
	RULES_REL_SPOUSE,
	RULES_REL_CHILD,
	RULES_REL_PARENT,
	RULES_REL_GRANDPARENT,
	RULES_REL_PARENT_IN_LAW,
	RULES_REL_SIBLING,
	RULES_REL_NEXT_OF_KIN,
	RULES_REL_OTHER
} rules_relation;

/* Regular workweek: decides hours per working day (7.5 or 8). */
typedef enum rules_week { RULES_WEEK_37_5 = 1, RULES_WEEK_40 } rules_week;

/* Hours in one working day for a workweek (7.5 or 8). */
double rules_week_day_hours(rules_week week);

/* ---- Family and medical leave ----------------------------------------- */

typedef enum rules_fmla_reason {
	RULES_FMLA_REASON_NOT_ASKED = 0, /* only when the service requirements already fail */
	RULES_FMLA_BIRTH = 1,
	RULES_FMLA_PLACEMENT,
	RULES_FMLA_FAMILY_CARE,
	RULES_FMLA_OWN_HEALTH,
	RULES_FMLA_MILITARY_EXIGENCY,
	RULES_FMLA_SERVICEMEMBER_CARE
} rules_fmla_reason;

typedef struct rules_fmla_input {
	int service_months;      /* months of state service */
	double hours;            /* hours worked or on paid leave, 12 months before the leave */
	double paid_leave_hours; /* of those, hours on paid leave (federal law counts only work) */
	rules_fmla_reason reason;
	rules_relation relation;    /* for family care, exigency, servicemember care */
	int child_age;              /* -1 when not given */
	bool child_incapable;       /* 18+ and incapable of self-care (disability) */
	bool lived_with_30_days;    /* resided with the employee 30 days before applying */
	bool legally_responsible;   /* the employee is legally responsible for the person */
	bool spouse_state_employee; /* spouse also employed by the Executive Branch */
	double weeks_used;          /* weeks already used in the period */
} rules_fmla_input;

#define RULES_MAX_DIFFERENCES 6

/* The same question under the federal FMLA alone, and where the state
 * rules do better for this case. */
typedef struct rules_fmla_federal {
	bool eligible;
	double hours_counted; /* hours worked only */
	bool reason_covered;
	int entitlement_weeks;
	double remaining_weeks;
	bool shared_with_spouse; /* federal: spouses at one employer share 12 weeks */
	size_t n_differences;
	char differences[RULES_MAX_DIFFERENCES][RULES_REASON_LEN];
} rules_fmla_federal;

typedef struct rules_fmla_result {
	bool eligible;              /* employee eligible and the reason covered */
	bool employee_eligible;     /* 12 months and 1,250 hours met */
	bool reason_covered;        /* the reason/relation qualifies */
	bool state_only;            /* covered only thanks to state rules */
	bool intermittent_required; /* intermittent leave must be granted when medically necessary */
	int entitlement_weeks;      /* 0 when not eligible; 12, or 26 for servicemember care */
	double remaining_weeks;     /* entitlement - weeks_used, never negative */
	rules_fmla_federal federal;
	rules_explain explain;
} rules_fmla_result;

/* 12 months of service and 1,250 hours worked or on paid leave: the
 * employee's part of eligibility. When it fails, no reason for leave can
 * make the employee eligible under the state rules or the federal FMLA
 * (which counts fewer hours), so the reason need not be asked. */
bool rules_fmla_service_met(int service_months, double hours);

/* Returns 0, or -1 if the input is out of range (out then says why). */
int rules_fmla_evaluate(const rules_fmla_input *in, rules_fmla_result *out);

/* ---- Leave sharing ------------------------------------------------------ */

typedef enum rules_ls_role { RULES_LS_RECIPIENT = 1, RULES_LS_DONOR } rules_ls_role;
typedef enum rules_ls_program { RULES_LS_SICK = 1, RULES_LS_ANNUAL } rules_ls_program;

typedef enum rules_employer {
	RULES_EMP_18A = 1,
	RULES_EMP_AOC,
	RULES_EMP_LRC,
	RULES_EMP_KSP_SWORN,
	RULES_EMP_KRS_SYSTEMS, /* Kentucky Retirement Systems */
	RULES_EMP_KTRS,        /* Kentucky Teachers' Retirement System */
	RULES_EMP_OTHER
} rules_employer;

typedef enum rules_loss {
	RULES_LOSS_NONE = 0,
	RULES_LOSS_NATURAL_DISASTER,
	RULES_LOSS_FIRE,
	RULES_LOSS_OTHER
} rules_loss;

typedef struct rules_leave_sharing_input {
	rules_ls_role role;
	rules_ls_program program;
	rules_employer employer;
	bool active; /* in active/paid status */
	/* recipient */
	rules_relation condition_of; /* RULES_REL_SELF or a family relation (sick) */
	bool lived_with_30_days;
	bool legally_responsible;
	bool certified;            /* by a licensed physician or APRN (sick) */
	int consecutive_days;      /* working days of leave caused or likely */
	bool paid_leave_exhausted; /* sick: all paid leave; annual: annual + compensatory */
	bool complied;             /* with the regulations on using that leave */
	bool workers_comp;         /* receiving workers' compensation benefits */
	rules_loss loss;           /* annual program */
	double hours_requested;    /* -1 when not given */
	/* donor */
	double balance;  /* hours of the program's leave type */
	double donate;   /* -1 when not given */
	rules_week week; /* regular workweek of the employee who receives */
} rules_leave_sharing_input;

typedef struct rules_leave_sharing_result {
	bool eligible;
	bool has_max_hours; /* recipients: false means no fixed cap (null) */
	double max_hours;
	bool has_max_donation; /* donors only */
	double max_donation;   /* balance - 75, never negative */
	double min_donation;   /* 7.5 or 8 for donors, else 0 */
	rules_explain explain;
} rules_leave_sharing_result;

int rules_leave_sharing_evaluate(const rules_leave_sharing_input *in, rules_leave_sharing_result *out);

/* ---- Reversion, reemployment, reinstatement ---------------------------- */

typedef enum rules_rr_event {
	RULES_RR_FAILED_PROMOTIONAL_PROBATION = 1,
	RULES_RR_DETAIL_ENDED,
	RULES_RR_SEPARATED_UNCLASSIFIED,
	RULES_RR_LAID_OFF,
	RULES_RR_RESIGNED,
	RULES_RR_RETIRED,
	RULES_RR_DISMISSED_FOR_CAUSE
} rules_rr_event;

/* Career employee: 16 years (192 months) of full-time KRS 18A service. */
#define RULES_CAREER_MONTHS 192

typedef struct rules_return_rights_input {
	rules_rr_event event;
	bool had_status;    /* had attained status in a classified position */
	int service_months; /* full-time KRS 18A service (or part-time equivalent) */
	bool for_cause;     /* separation was for cause */
	bool good_standing; /* resigned in good standing */
} rules_return_rights_input;

typedef struct rules_return_rights_result {
	bool reversion;
	bool reemployment;
	bool reinstatement;
	bool career_employee;
	rules_explain explain;
} rules_return_rights_result;

int rules_return_rights_evaluate(const rules_return_rights_input *in, rules_return_rights_result *out);

/* ---- Annual and sick leave calculators -------------------------------- */

typedef struct rules_leave_calc_input {
	int service_months;
	rules_week week;
} rules_leave_calc_input;

/* One row of the handbook's two annual leave tables, merged. */
typedef struct rules_annual_row {
	int min_months; /* row applies from this many months of service */
	int days_per_year;
	double days_per_month;
	int carry_days;          /* maximum working days carried forward */
	double carry_hours_37_5; /* as printed for a 37.5-hour week */
	double carry_hours_40;   /* as printed for a 40-hour week */
} rules_annual_row;

const rules_annual_row *rules_annual_table(size_t *count);

typedef struct rules_annual_leave_result {
	int days_per_year;
	double days_per_month;
	double hours_per_month;
	int max_carry_forward_days;
	double max_carry_forward_hours;
	rules_explain explain;
} rules_annual_leave_result;

int rules_annual_leave_evaluate(const rules_leave_calc_input *in, rules_annual_leave_result *out);

typedef struct rules_sick_leave_result {
	int days_per_month;     /* 1 */
	double hours_per_month; /* 7.5 or 8 */
	double hours_per_year;
	int bonus_days; /* 0, 10 or 20 earned so far */
	double bonus_hours;
	int next_bonus_months; /* 120 or 240, or 0 when both are earned */
	rules_explain explain;
} rules_sick_leave_result;

int rules_sick_leave_evaluate(const rules_leave_calc_input *in, rules_sick_leave_result *out);

/* ---- Holidays ----------------------------------------------------------- */

typedef struct rules_date {
	int year, month, day;
} rules_date;

#define RULES_YEAR_MIN 1990
#define RULES_YEAR_MAX 2100
#define RULES_MAX_HOLIDAYS 16

typedef struct rules_holiday {
	const char *key; /* stable id, e.g. "christmas-day" (used in UIDs) */
	const char *name;
	rules_date date;     /* the day the holiday falls on */
	rules_date observed; /* the day offices close (may cross a year end) */
	double days;         /* 1, or 0.5 for Good Friday */
} rules_holiday;

typedef struct rules_holidays_result {
	int year;
	size_t n;
	rules_holiday holidays[RULES_MAX_HOLIDAYS];
	double total_days; /* 11.5, or 12.5 in presidential election years */
	rules_explain explain;
} rules_holidays_result;

int rules_holidays_evaluate(int year, rules_holidays_result *out);

/* Appends an RFC 5545 VCALENDAR (CRLF lines, folded at 75 octets, one
 * all-day VEVENT per holiday on its observed date). Returns 0 or -1. */
int rules_holidays_ical(int year, struct buf *out);

/* Date helpers (proleptic Gregorian). */
int rules_weekday(rules_date d); /* 0 = Sunday ... 6 = Saturday */
rules_date rules_date_add_days(rules_date d, int days);
rules_date rules_easter(int year); /* Easter Sunday */
/* "YYYY-MM-DD" into buf (at least 11 bytes). */
void rules_date_iso(rules_date d, char buf[11]);

/* ---- Fixed-amount leaves ------------------------------------------------ */

#define RULES_FIXED_MAX_CITES 3

typedef struct rules_fixed_leave {
	const char *key; /* "funeral", "voting", "blood-donation" */
	const char *name;
	double amount;
	const char *unit;    /* "days" or "hours" */
	const char *summary; /* one sentence */
	size_t n_citations;
	const rules_citation *citations[RULES_FIXED_MAX_CITES];
} rules_fixed_leave;

const rules_fixed_leave *rules_fixed_leaves(size_t *count);

/* ---- Request parameters ------------------------------------------------- */

/* Returns the raw value of a parameter, or NULL when it is absent. */
typedef const char *(*rules_param_get)(void *ctx, const char *name);

typedef struct rules_param_error {
	const char *field;   /* parameter name (static string) */
	const char *message; /* one sentence for the user (static string) */
} rules_param_error;

/* Values longer than this many bytes are rejected. */
#define RULES_PARAM_MAX_LEN 64

/* The parameters' number format: digits (leading zeros carry no
 * magnitude; at most 12 others), then, when allow_fraction, optionally '.'
 * and one or two digits; nothing else (no sign, space or exponent).
 * Returns true and sets *out, or false. The HTML wizards and calculators
 * check numbers with it too, so they accept exactly what the API does. */
bool rules_param_decimal(const char *s, bool allow_fraction, double *out);

/* Each returns 0 and fills *in, or -1 and fills *err (first problem found).
 * Booleans are "0" or "1"; numbers are plain decimals ("12", "1249.5"),
 * never signed, never empty, and bounded; enumerations match exactly. */
int rules_params_fmla(rules_param_get get, void *ctx, rules_fmla_input *in, rules_param_error *err);
int rules_params_leave_sharing(rules_param_get get, void *ctx, rules_leave_sharing_input *in, rules_param_error *err);
int rules_params_return_rights(rules_param_get get, void *ctx, rules_return_rights_input *in, rules_param_error *err);
/* Annual and sick calculators: service_months, week_hours. */
int rules_params_leave_calc(rules_param_get get, void *ctx, rules_leave_calc_input *in, rules_param_error *err);
int rules_params_holidays(rules_param_get get, void *ctx, int *year, rules_param_error *err);

/* ---- JSON answers -------------------------------------------------------- */

/* Each writes one complete JSON object; returns json_finish()-style 0/-1
 * (the writer must be fresh or positioned where a value may go). */
int rules_json_fmla(json_writer *w, const rules_fmla_result *r);
int rules_json_leave_sharing(json_writer *w, const rules_leave_sharing_result *r);
int rules_json_return_rights(json_writer *w, const rules_return_rights_result *r);
int rules_json_annual_leave(json_writer *w, const rules_annual_leave_result *r);
int rules_json_sick_leave(json_writer *w, const rules_sick_leave_result *r);
int rules_json_holidays(json_writer *w, const rules_holidays_result *r);
int rules_json_fixed_leaves(json_writer *w);
/* {"error":"invalid_parameter","field":"...","message":"..."} */
int rules_json_param_error(json_writer *w, const rules_param_error *e);
/* Just the "citations" array: [{"cite": "...", "url": "/handbook/..."}]. */
void rules_json_citations(json_writer *w, const rules_explain *e);

/* ---- One call per API endpoint ----------------------------------------- */

/* Parse, evaluate and write the JSON answer into a fresh writer.
 * Returns RULES_API_OK (200), RULES_API_BAD_PARAM (the error object was
 * written; answer 400) or RULES_API_FAILED (out of memory; answer 500). */
typedef enum rules_api_status { RULES_API_OK = 0, RULES_API_BAD_PARAM = 1, RULES_API_FAILED = -1 } rules_api_status;

rules_api_status rules_api_fmla(rules_param_get get, void *ctx, json_writer *w);
rules_api_status rules_api_leave_sharing(rules_param_get get, void *ctx, json_writer *w);
rules_api_status rules_api_return_rights(rules_param_get get, void *ctx, json_writer *w);
rules_api_status rules_api_annual_leave(rules_param_get get, void *ctx, json_writer *w);
rules_api_status rules_api_sick_leave(rules_param_get get, void *ctx, json_writer *w);
rules_api_status rules_api_holidays(rules_param_get get, void *ctx, json_writer *w);

#endif
