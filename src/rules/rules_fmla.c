/* rules_fmla.c: family and medical leave eligibility and entitlement.
 *
 * Source: handbook section "Family and Medical (FMLA)", including its
 * SUMMARY OF LEAVE ENHANCEMENTS (where the Personnel Cabinet regulations
 * beat the federal FMLA), and "Sick" for the fallbacks when an employee
 * does not qualify.
 */
#include "rules/rules_int.h"

#include <string.h>

#define FMLA_MIN_MONTHS 12
#define FMLA_MIN_HOURS 1250.0
#define FMLA_WEEKS 12
#define FMLA_SERVICEMEMBER_WEEKS 26

typedef enum { COV_NO, COV_BOTH, COV_STATE_ONLY } coverage;

static const char *relation_noun(rules_relation r)
{
	switch (r) {
	case RULES_REL_SPOUSE:
		return "your spouse";
	case RULES_REL_CHILD:
		return "your son or daughter";
	case RULES_REL_PARENT:
		return "your parent";
	case RULES_REL_GRANDPARENT:
		return "your grandparent";
	case RULES_REL_PARENT_IN_LAW:
		return "your parent-in-law";
	case RULES_REL_SIBLING:
		return "your brother or sister";
	case RULES_REL_NEXT_OF_KIN:
		return "a person for whom you are next of kin";
	case RULES_REL_OTHER:
		return "another person";
	default:
		return "the person";
	}
}

/* State part (b) of "immediate family member": a person of similarly close
 * relationship who lived with the employee 30 days before applying or for
 * whom the employee is legally responsible. Returns the clause that made
 * it true, or NULL. */
static const char *close_relationship(const rules_fmla_input *in)
{
	if (in->lived_with_30_days)
		return "who lived with you for at least 30 days before you applied";
	if (in->legally_responsible)
		return "for whom you are legally responsible";
	return NULL;
}

/* The handbook's list of qualifying reasons. Reasons about the employee or
 * the new child qualify under both rule sets on their own (sentence);
 * reasons about a family member depend on the relation, and "what" is the
 * phrase that goes before it. */
static const struct fmla_reason_rule {
	rules_fmla_reason reason;
	const char *sentence;
	const char *what;
} fmla_reason_rules[] = {
	{ RULES_FMLA_BIRTH,
	  "The birth of a son or daughter and care for the newborn child is a qualifying "
	  "reason under both the state rules and the federal FMLA.",
	  NULL },
	{ RULES_FMLA_PLACEMENT,
	  "Placement of a son or daughter with you for adoption or foster care is a "
	  "qualifying reason under both the state rules and the federal FMLA.",
	  NULL },
	{ RULES_FMLA_OWN_HEALTH,
	  "A serious health condition that makes you unable to perform the functions of "
	  "your job is a qualifying reason under both the state rules and the federal FMLA.",
	  NULL },
	{ RULES_FMLA_FAMILY_CARE, NULL, "Caring for" },
	{ RULES_FMLA_MILITARY_EXIGENCY, NULL,
	  "A qualifying exigency arising from the active duty in support of a contingency "
	  "operation of" },
	{ RULES_FMLA_SERVICEMEMBER_CARE, NULL,
	  "Caring for a covered service member with a serious injury or illness who is" },
};

/* Family care for a son or daughter: the federal FMLA covers one under 18
 * or incapable of self-care; the state rules also cover an adult child as
 * a person of similarly close relationship. */
static coverage child_care_coverage(const rules_fmla_input *in, rules_explain *e)
{
	const char *clause = close_relationship(in);

	if (in->child_age >= 0 && in->child_age < 18) {
		rx_reason(e, "Caring for your son or daughter under age 18 with a serious health "
			     "condition is covered by both the state rules and the federal FMLA.");
		return COV_BOTH;
	}
	if (in->child_incapable) {
		rx_reason(e, "Caring for your son or daughter aged 18 or older who is incapable of "
			     "self-care because of a mental or physical disability is covered by both "
			     "the state rules and the federal FMLA.");
		return COV_BOTH;
	}
	if (clause) {
		rx_reason(e,
			  "A son or daughter aged 18 or older who is capable of self-care is not a "
			  "\"son or daughter\" for family and medical leave, but the state rules "
			  "cover a person of similarly close relationship %s, which the federal "
			  "FMLA does not.",
			  clause);
		return COV_STATE_ONLY;
	}
	rx_reason(e, "A son or daughter aged 18 or older is covered only if incapable of "
		     "self-care because of a mental or physical disability, or under the state "
		     "rules if he or she lived with you for at least 30 days before you applied "
		     "or you are legally responsible for him or her.");
	return COV_NO;
}

/* Relations the federal FMLA covers for a family reason (family care of a
 * child is decided by child_care_coverage first): spouse, son or daughter
 * (a service member on active duty at any age), parent, and next of kin
 * of a covered service member. */
static bool federal_relation(const rules_fmla_input *in)
{
	switch (in->relation) {
	case RULES_REL_SPOUSE:
	case RULES_REL_PARENT:
	case RULES_REL_CHILD:
		return true;
	case RULES_REL_NEXT_OF_KIN:
		return in->reason == RULES_FMLA_SERVICEMEMBER_CARE;
	default:
		return false;
	}
}

/* Relations the federal FMLA does not cover: the state rules cover them
 * only as a person of similarly close relationship (part (b)). */
static coverage close_relationship_coverage(const rules_fmla_input *in, rules_explain *e)
{
	const char *clause = close_relationship(in);
	const char *noun = relation_noun(in->relation);
	bool in_law = in->relation == RULES_REL_PARENT_IN_LAW;

	if (clause) {
		rx_reason(e,
			  "%sthe state rules cover %s as a person of similarly close relationship %s, "
			  "which the federal FMLA does not.",
			  in_law ? "A parent-in-law is not a \"parent\" for family and medical leave, but " : "", noun,
			  clause);
		if (!in_law) /* sentence starts with "the state rules" */
			e->reasons[e->n_reasons - 1][0] = 'T';
		return COV_STATE_ONLY;
	}
	if (in_law)
		rx_reason(e, "A parent-in-law is not a \"parent\" for family and medical leave, and is "
			     "covered only by the state rules as a person of similarly close relationship "
			     "who lived with you for at least 30 days before you applied or for whom you "
			     "are legally responsible.");
	else
		rx_reason(e,
			  "%s is covered only by the state rules, and only as a person of similarly "
			  "close relationship who lived with you for at least 30 days before you applied "
			  "or for whom you are legally responsible.",
			  in->relation == RULES_REL_SIBLING       ? "Your brother or sister"
			  : in->relation == RULES_REL_NEXT_OF_KIN ? "A person for whom you are next of kin"
								  : "Another person");
	return COV_NO;
}

/* A reason about a family member: decided by who the person is. */
static coverage family_member_coverage(const rules_fmla_input *in, const char *what, rules_explain *e)
{
	if (in->relation == RULES_REL_NONE || in->relation == RULES_REL_SELF) {
		rx_reason(e, "This reason concerns a family member, and no family member was given.");
		return COV_NO;
	}
	if (in->relation == RULES_REL_CHILD && in->reason == RULES_FMLA_FAMILY_CARE)
		return child_care_coverage(in, e);
	if (federal_relation(in)) {
		if (in->reason == RULES_FMLA_SERVICEMEMBER_CARE && in->relation == RULES_REL_NEXT_OF_KIN)
			rx_reason(e, "Caring for a covered service member with a serious injury or illness for "
				     "whom you are the next of kin is covered by both the state rules and the "
				     "federal FMLA.");
		else
			rx_reason(e, "%s %s is covered by both the state rules and the federal FMLA.", what,
				  relation_noun(in->relation));
		return COV_BOTH;
	}
	/* State "immediate family member" part (a) includes grandparents. */
	if (in->relation == RULES_REL_GRANDPARENT) {
		rx_reason(e,
			  "%s your grandparent is covered because the state rules include grandparents "
			  "as immediate family members, although the federal FMLA covers only a spouse, "
			  "son, daughter or parent.",
			  what);
		return COV_STATE_ONLY;
	}
	return close_relationship_coverage(in, e);
}

/* Decides whether the reason/relation qualifies, under state rules and
 * under the federal FMLA, and explains why in one sentence. */
static coverage fmla_coverage(const rules_fmla_input *in, rules_explain *e)
{
	if (in->reason == RULES_FMLA_REASON_NOT_ASKED) {
		rx_reason(e, "The reason for leave did not need to be asked: without both 12 months of "
			     "service and 1,250 hours, no reason qualifies under the state rules or under the "
			     "federal FMLA.");
		return COV_NO;
	}
	for (size_t i = 0; i < sizeof fmla_reason_rules / sizeof fmla_reason_rules[0]; i++) {
		const struct fmla_reason_rule *r = &fmla_reason_rules[i];
		if (r->reason != in->reason)
			continue;
		if (r->sentence) {
			rx_reason(e, "%s", r->sentence);
			return COV_BOTH;
		}
		return family_member_coverage(in, r->what, e);
	}
	return COV_NO;
}

bool rules_fmla_service_met(int service_months, double hours)
{
	return service_months >= FMLA_MIN_MONTHS && hours >= FMLA_MIN_HOURS;
}

static bool valid_input(const rules_fmla_input *in)
{
	bool reason_ok = in->reason == RULES_FMLA_REASON_NOT_ASKED
				 ? !rules_fmla_service_met(in->service_months, in->hours)
				 : in->reason >= RULES_FMLA_BIRTH && in->reason <= RULES_FMLA_SERVICEMEMBER_CARE;

	return reason_ok && in->relation >= RULES_REL_NONE && in->relation <= RULES_REL_OTHER &&
	       in->service_months >= 0 && in->hours >= 0 && in->paid_leave_hours >= 0 &&
	       in->paid_leave_hours <= in->hours && in->weeks_used >= 0 && in->child_age >= -1;
}

static void add_difference(rules_fmla_federal *f, const char *text)
{
	if (f->n_differences < RULES_MAX_DIFFERENCES) {
		size_t n = strlen(text);
		if (n >= RULES_REASON_LEN)
			n = RULES_REASON_LEN - 1;
		memcpy(f->differences[f->n_differences], text, n);
		f->differences[f->n_differences][n] = '\0';
		f->n_differences++;
	}
}

static const char *intermittent_case(rules_fmla_reason r)
{
	switch (r) {
	case RULES_FMLA_OWN_HEALTH:
		return "for your own serious health condition";
	case RULES_FMLA_FAMILY_CARE:
		return "to care for a family member with a serious health condition";
	case RULES_FMLA_SERVICEMEMBER_CARE:
		return "to care for a covered service member";
	case RULES_FMLA_MILITARY_EXIGENCY:
		return "because of a qualifying military exigency";
	default:
		return NULL;
	}
}

static int fmla_weeks(rules_fmla_reason r)
{
	return r == RULES_FMLA_SERVICEMEMBER_CARE ? FMLA_SERVICEMEMBER_WEEKS : FMLA_WEEKS;
}

static bool birth_or_placement(const rules_fmla_input *in)
{
	return in->reason == RULES_FMLA_BIRTH || in->reason == RULES_FMLA_PLACEMENT;
}

static void cite_sick(rules_explain *e)
{
	rx_cite(e, CITE_SICK_2_102_S2);
	rx_cite(e, CITE_SICK_3_015_S2);
}

/* The employee's part: 12 months of service and 1,250 hours worked or on
 * paid leave (the state rules count paid leave). */
static bool service_requirement_met(const rules_fmla_input *in, rules_explain *e)
{
	bool months_ok = in->service_months >= FMLA_MIN_MONTHS;
	bool hours_ok = in->hours >= FMLA_MIN_HOURS;

	if (months_ok)
		rx_reason(e,
			  "You have %d month%s of state service, which meets the requirement of at "
			  "least 12 months.",
			  in->service_months, rx_s(in->service_months));
	else
		rx_reason(e,
			  "You have %d month%s of state service, but family and medical leave requires "
			  "at least 12 months.",
			  in->service_months, rx_s(in->service_months));
	if (hours_ok)
		rx_reason(e,
			  "You worked or were on paid leave for %s hours in the 12 months before the "
			  "leave, which meets the 1,250-hour requirement because the state rules count "
			  "paid leave as well as hours worked.",
			  rx_n(in->hours).s);
	else
		rx_reason(e,
			  "You worked or were on paid leave for %s hours in the 12 months before the "
			  "leave, fewer than the 1,250 hours required.",
			  rx_n(in->hours).s);
	return months_ok && hours_ok;
}

/* Entitlement: 12 weeks per calendar year, 26 workweeks in a single
 * 12-month period for servicemember care; or why there is none. */
static void leave_entitlement(const rules_fmla_input *in, rules_fmla_result *out, rules_explain *e)
{
	int weeks = fmla_weeks(in->reason);

	if (!out->eligible) {
		rx_reason(e, "You are not entitled to family and medical leave for this request because %s.",
			  !out->employee_eligible && in->reason == RULES_FMLA_REASON_NOT_ASKED
				  ? "the service requirements are not met"
			  : !out->employee_eligible && !out->reason_covered
				  ? "neither the service requirements nor the reason requirements are met"
			  : !out->employee_eligible ? "the service requirements are not met"
						    : "the leave reason or the family relationship does not qualify");
		return;
	}
	out->entitlement_weeks = weeks;
	out->remaining_weeks = weeks > in->weeks_used ? weeks - in->weeks_used : 0;
	if (in->reason == RULES_FMLA_SERVICEMEMBER_CARE)
		rx_reason(e,
			  "You are entitled to up to 26 workweeks of leave to care for the service "
			  "member in a single 12-month period; with %s week%s already used, %s "
			  "week%s remain%s.",
			  rx_n(in->weeks_used).s, rx_s(in->weeks_used), rx_n(out->remaining_weeks).s,
			  rx_s(out->remaining_weeks), out->remaining_weeks == 1 ? "s" : "");
	else
		rx_reason(e,
			  "You are entitled to 12 weeks of unpaid, job-protected family and medical "
			  "leave in the calendar year; with %s week%s already used, %s week%s "
			  "remain%s.",
			  rx_n(in->weeks_used).s, rx_s(in->weeks_used), rx_n(out->remaining_weeks).s,
			  rx_s(out->remaining_weeks), out->remaining_weeks == 1 ? "s" : "");
}

/* Birth and placement: 12 weeks for each spouse, sick leave for bonding,
 * and prenatal leave for an expectant mother. */
static void birth_and_placement_rules(const rules_fmla_input *in, const rules_fmla_result *out, rules_explain *e)
{
	if (!birth_or_placement(in))
		return;
	if (out->eligible && in->spouse_state_employee)
		rx_reason(e, "Because you and your spouse are both employed by the Executive Branch, each of "
			     "you is entitled to 12 weeks of leave for bonding time after the birth or "
			     "placement, whereas the federal FMLA would give the two of you a combined 12 "
			     "weeks.");
	rx_reason(e, "You may also use earned sick leave for bonding time after the birth or "
		     "placement of a child.");
	cite_sick(e);
	if (out->eligible && in->reason == RULES_FMLA_BIRTH)
		rx_reason(e, "An expectant mother may take family and medical leave before the birth for "
			     "prenatal care or when her condition makes her unable to work, even without "
			     "treatment and even for less than three days.");
}

/* Once eligible: concurrent or consecutive paid leave, intermittent
 * leave, notice, certification and return. */
static void eligible_employee_choices(const rules_fmla_input *in, rules_fmla_result *out, rules_explain *e)
{
	rx_reason(e, "You may choose to run family and medical leave concurrently with your accrued "
		     "paid leave or consecutively after it, because the state rules let the "
		     "employee choose while the federal FMLA lets the employer require concurrent "
		     "use.");
	rx_reason(e, "Federal FMLA protections apply while you are on paid leave only if you elect "
		     "to use family and medical leave concurrently with that paid leave.");
	rx_reason(e, "If you do not run them concurrently, you must exhaust your accrued sick, annual "
		     "and compensatory leave before unpaid family and medical leave starts, except "
		     "that on written request you may reserve up to 10 days of accumulated sick "
		     "leave (annual and compensatory leave cannot be reserved).");
	const char *ic = intermittent_case(in->reason);
	out->intermittent_required = ic != NULL;
	if (ic)
		rx_reason(e,
			  "Intermittent or reduced-schedule leave must be granted when medically "
			  "necessary %s.",
			  ic);
	else
		rx_reason(e, "Birth or placement is not among the reasons for which intermittent or "
			     "reduced-schedule leave must be granted, so you may take it that way only "
			     "if your agency permits it.");
	rx_reason(e, "Give at least 30 days' advance notice when the need for leave is foreseeable, "
		     "or notice as soon as possible when it is not, because a request may be "
		     "delayed or denied if notice requirements are not met.");
	if (in->reason == RULES_FMLA_OWN_HEALTH)
		rx_reason(e, "Your agency may require medical certification of your serious health "
			     "condition, second or third opinions at its own expense, and a "
			     "fitness-for-duty report before you return to work.");
	else if (in->reason == RULES_FMLA_FAMILY_CARE || in->reason == RULES_FMLA_SERVICEMEMBER_CARE)
		rx_reason(e, "Your agency may require medical certification of the serious health "
			     "condition or injury, and second or third opinions at its own expense.");
	rx_reason(e, "When you return you are entitled to the same or an equivalent position, and the "
		     "state keeps paying its share of health and life insurance while you are on "
		     "unpaid family and medical leave.");
}

/* Fallbacks from the Sick section for those without the service: sick
 * leave without pay. */
static void sick_leave_fallback(const rules_fmla_input *in, const rules_fmla_result *out, rules_explain *e)
{
	if (in->reason == RULES_FMLA_FAMILY_CARE && out->reason_covered)
		rx_reason(e, "Because you do not qualify for family and medical leave for lack of "
			     "service, you may take up to 30 working days of sick leave without pay to "
			     "care for an immediate family member once you have exhausted all paid "
			     "annual, sick and compensatory leave.");
	else if (in->reason == RULES_FMLA_REASON_NOT_ASKED)
		rx_reason(e, "You may still take sick leave without pay once your paid leave is used: up "
			     "to 30 continuous working days for your own illness or injury, or up to 30 "
			     "working days to care for an immediate family member.");
	else if (in->reason == RULES_FMLA_OWN_HEALTH)
		rx_reason(e, "You may still take sick leave without pay for your own illness or injury, "
			     "for up to 30 continuous working days, once you have exhausted all paid "
			     "leave other than up to 10 days of sick leave you ask to keep.");
	else
		return;
	cite_sick(e);
}

/* The federal FMLA alone (it counts only hours actually worked and covers
 * fewer relations), and what the state rules add here. */
static void federal_fmla_comparison(const rules_fmla_input *in, coverage cov, rules_fmla_federal *f)
{
	bool months_ok = in->service_months >= FMLA_MIN_MONTHS;
	bool hours_ok = in->hours >= FMLA_MIN_HOURS;
	double worked = in->hours - in->paid_leave_hours;
	int weeks = fmla_weeks(in->reason);

	f->hours_counted = worked;
	f->reason_covered = cov == COV_BOTH;
	f->eligible = months_ok && worked >= FMLA_MIN_HOURS && f->reason_covered;
	f->shared_with_spouse = birth_or_placement(in) && in->spouse_state_employee;
	if (f->eligible) {
		f->entitlement_weeks = weeks;
		f->remaining_weeks = weeks > in->weeks_used ? weeks - in->weeks_used : 0;
	}

	char buf[RULES_REASON_LEN];
	if (months_ok && hours_ok && worked < FMLA_MIN_HOURS)
		rx_format(buf, sizeof buf,
			  "The federal FMLA counts only the %s hours you actually worked, "
			  "short of 1,250, while the state rules also count your %s hours "
			  "of paid leave.",
			  rx_n(worked).s, rx_n(in->paid_leave_hours).s);
	else
		rx_format(buf, sizeof buf,
			  "The federal FMLA counts only hours actually worked toward the "
			  "1,250 hours, while the state rules also count time on paid "
			  "leave.");
	add_difference(f, buf);
	add_difference(f, "The federal FMLA lets the employer require that family and medical leave run "
			  "concurrently with accrued paid leave, while the state rules let the employee "
			  "choose concurrent or consecutive.");
	if (cov == COV_STATE_ONLY)
		add_difference(f, "The federal FMLA covers only a spouse, son, daughter or parent (or next "
				  "of kin of a service member), while the state rules also cover other "
				  "immediate family members.");
	if (f->shared_with_spouse)
		add_difference(f, "The federal FMLA gives spouses who work for the same employer a combined "
				  "12 weeks for bonding after a birth or placement, while the state rules "
				  "give each spouse 12 weeks.");
}

int rules_fmla_evaluate(const rules_fmla_input *in, rules_fmla_result *out)
{
	memset(out, 0, sizeof *out);
	rx_init(&out->explain);
	rules_explain *e = &out->explain;

	rx_cite(e, CITE_FMLA_2_102_S3);
	rx_cite(e, CITE_FMLA_3_015_S3);
	if (!valid_input(in)) {
		rx_reason(e, "The request could not be evaluated because an input is out of range.");
		return -1;
	}

	out->employee_eligible = service_requirement_met(in, e);
	coverage cov = fmla_coverage(in, e);
	out->reason_covered = cov != COV_NO;
	out->state_only = cov == COV_STATE_ONLY;
	out->eligible = out->employee_eligible && out->reason_covered;

	leave_entitlement(in, out, e);
	birth_and_placement_rules(in, out, e);
	if (out->eligible)
		eligible_employee_choices(in, out, e);
	else if (!out->employee_eligible)
		sick_leave_fallback(in, out, e);
	federal_fmla_comparison(in, cov, &out->federal);
	return 0;
}
