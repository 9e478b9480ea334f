/* rules_leave_sharing.c: sick and annual leave sharing, recipient or donor.
 *
 * Source: handbook section "Leave Sharing Programs" (101 KAR 2:105,
 * 101 KAR 2:106, KRS 18A.196, 18A.197, 18A.203). Which outside systems take
 * part in sick leave sharing is listed there and in the last column of the
 * table in "Transferring Months of Service/Leave Balances".
 */
#include "rules/rules_int.h"

#include <string.h>

#define LS_DONOR_FLOOR 75.0 /* donors keep more than this, never less */
#define LS_MIN_DAYS 10      /* consecutive working days of leave */
#define LS_ANNUAL_CAP 200.0 /* hours per qualifying event */

static const char *employer_name(rules_employer e)
{
	switch (e) {
	case RULES_EMP_18A:
		return "a KRS 18A agency";
	case RULES_EMP_AOC:
		return "the Administrative Office of the Courts";
	case RULES_EMP_LRC:
		return "the Legislative Research Commission";
	case RULES_EMP_KSP_SWORN:
		return "the State Police as sworn personnel under KRS Chapter 16";
	case RULES_EMP_KRS_SYSTEMS:
		return "Kentucky Retirement Systems";
	case RULES_EMP_KTRS:
		return "the Kentucky Teachers' Retirement System";
	default:
		return "an employer outside the programs";
	}
}

static bool valid_input(const rules_leave_sharing_input *in)
{
	if (in->role < RULES_LS_RECIPIENT || in->role > RULES_LS_DONOR || in->program < RULES_LS_SICK ||
	    in->program > RULES_LS_ANNUAL || in->employer < RULES_EMP_18A || in->employer > RULES_EMP_OTHER)
		return false;
	if (in->role == RULES_LS_RECIPIENT)
		return in->condition_of >= RULES_REL_NONE && in->condition_of <= RULES_REL_OTHER &&
		       in->loss >= RULES_LOSS_NONE && in->loss <= RULES_LOSS_OTHER && in->consecutive_days >= 0 &&
		       (in->hours_requested >= 0 || in->hours_requested == -1);
	return in->balance >= 0 && (in->donate >= 0 || in->donate == -1) &&
	       (in->week == RULES_WEEK_37_5 || in->week == RULES_WEEK_40);
}

/* Both programs: who may take part at all. */
static bool check_participant(const rules_leave_sharing_input *in, rules_explain *e)
{
	bool ok = true;
	const char *prog = in->program == RULES_LS_SICK ? "sick leave sharing" : "annual leave sharing";

	if (in->employer == RULES_EMP_18A) {
		rx_reason(e,
			  "KRS 18A employees, whether full-time, part-time or interim, may take part in "
			  "%s.",
			  prog);
	} else if (in->program == RULES_LS_SICK && in->employer != RULES_EMP_OTHER) {
		rx_reason(e,
			  "Employees of %s may take part in sick leave sharing as well as KRS 18A "
			  "employees.",
			  employer_name(in->employer));
	} else if (in->program == RULES_LS_ANNUAL && in->employer != RULES_EMP_OTHER) {
		rx_reason(e,
			  "Only KRS 18A employees may take part in annual leave sharing; employees of %s "
			  "may take part in sick leave sharing only.",
			  employer_name(in->employer));
		ok = false;
	} else {
		rx_reason(e, "Only KRS 18A employees%s may take part in %s.",
			  in->program == RULES_LS_SICK
				  ? " and employees of the Administrative Office of the Courts, the Legislative "
				    "Research Commission, sworn State Police, Kentucky Retirement Systems and "
				    "the Kentucky Teachers' Retirement System"
				  : "",
			  prog);
		ok = false;
	}
	if (in->active)
		rx_reason(e, "You are in active, paid status, as both donors and recipients must be when they "
			     "apply or donate.");
	else {
		rx_reason(e, "You must be in active, paid status at the time of the %s.",
			  in->role == RULES_LS_DONOR ? "donation" : "application");
		ok = false;
	}
	return ok;
}

static bool immediate_family(rules_relation r)
{
	/* Part (a) of the leave-sharing definition: spouse, mother, father,
     * grandparent, son or daughter (no age limit here). */
	return r == RULES_REL_SPOUSE || r == RULES_REL_PARENT || r == RULES_REL_GRANDPARENT || r == RULES_REL_CHILD;
}

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
	default:
		return "another person";
	}
}

static bool sick_recipient(const rules_leave_sharing_input *in, rules_explain *e)
{
	bool ok = true;

	if (in->condition_of == RULES_REL_SELF) {
		rx_reason(e, "A medically certified illness, injury, impairment, or physical or mental "
			     "condition of your own qualifies for donated sick leave.");
	} else if (immediate_family(in->condition_of)) {
		rx_reason(e, "The condition of %s qualifies because %s is an immediate family member.",
			  relation_noun(in->condition_of),
			  in->condition_of == RULES_REL_CHILD    ? "a son or daughter"
			  : in->condition_of == RULES_REL_SPOUSE ? "a spouse"
			  : in->condition_of == RULES_REL_PARENT ? "a parent"
								 : "a grandparent");
	} else if (in->condition_of == RULES_REL_NONE) {
		rx_reason(e, "Donated sick leave requires a medically certified condition of you or an "
			     "immediate family member, and none was given.");
		ok = false;
	} else if (in->lived_with_30_days || in->legally_responsible) {
		rx_reason(e,
			  "The condition of %s qualifies because a person of similarly close relationship "
			  "%s counts as immediate family.",
			  relation_noun(in->condition_of),
			  in->lived_with_30_days ? "who has lived with you for at least 30 days before the application"
						 : "for whom you are legally responsible");
	} else {
		rx_reason(e,
			  "The condition of %s qualifies only if that person lived with you for at least "
			  "30 days before the application or you are legally responsible for him or her, "
			  "because only then is a person of similarly close relationship immediate "
			  "family.",
			  relation_noun(in->condition_of));
		ok = false;
	}

	if (in->certified)
		rx_reason(e, "The need for absence is certified by a licensed practicing physician or "
			     "Advanced Practice Registered Nurse, as required.");
	else {
		rx_reason(e, "The need for absence must be certified by a licensed practicing physician or "
			     "Advanced Practice Registered Nurse, and you must file the medical "
			     "certificates.");
		ok = false;
	}
	if (in->consecutive_days >= LS_MIN_DAYS)
		rx_reason(e,
			  "The condition has caused or is likely to cause %d consecutive working days of "
			  "leave, meeting the minimum of 10.",
			  in->consecutive_days);
	else {
		rx_reason(e,
			  "The condition must cause, or be likely to cause, at least 10 consecutive "
			  "working days of leave, and %d day%s do%s not meet that.",
			  in->consecutive_days, rx_s(in->consecutive_days), in->consecutive_days == 1 ? "es" : "");
		ok = false;
	}
	if (in->paid_leave_exhausted)
		rx_reason(e, "You have exhausted all of your available paid leave, as required.");
	else {
		rx_reason(e, "You must first exhaust all of your available paid leave.");
		ok = false;
	}
	if (in->complied)
		rx_reason(e, "You have complied with the regulations governing the use of sick leave.");
	else {
		rx_reason(e, "You must have complied with the regulations governing the use of sick leave.");
		ok = false;
	}
	if (in->workers_comp)
		rx_reason(e, "Receiving workers' compensation benefits does not bar you: you may receive "
			     "donated sick leave to maintain a regular level of pay.");
	return ok;
}

static bool annual_recipient(const rules_leave_sharing_input *in, rules_explain *e)
{
	bool ok = true;

	if (in->loss == RULES_LOSS_NATURAL_DISASTER || in->loss == RULES_LOSS_FIRE)
		rx_reason(e,
			  "A catastrophic loss to your personal property due to %s qualifies for donated "
			  "annual leave.",
			  in->loss == RULES_LOSS_FIRE ? "fire" : "a natural disaster");
	else {
		rx_reason(e, "Annual leave sharing requires a catastrophic loss to your personal property due "
			     "to a natural disaster or fire.");
		ok = false;
	}
	if (in->consecutive_days >= LS_MIN_DAYS)
		rx_reason(e,
			  "The loss has caused or is likely to cause %d consecutive working days of leave "
			  "(with or without pay), meeting the minimum of 10.",
			  in->consecutive_days);
	else {
		rx_reason(e,
			  "The loss must cause, or be likely to cause, at least 10 consecutive working "
			  "days of leave with or without pay, and %d day%s do%s not meet that.",
			  in->consecutive_days, rx_s(in->consecutive_days), in->consecutive_days == 1 ? "es" : "");
		ok = false;
	}
	if (in->paid_leave_exhausted)
		rx_reason(e, "You have exhausted your annual and compensatory leave balances, as required.");
	else {
		rx_reason(e, "You must first exhaust your accumulated annual and compensatory leave.");
		ok = false;
	}
	if (in->complied)
		rx_reason(e, "You have complied with the regulations governing the use of annual leave.");
	else {
		rx_reason(e, "You must have complied with the regulations governing the use of annual "
			     "leave.");
		ok = false;
	}
	rx_reason(e, "Donated annual leave goes to employees who accrue annual leave, which part-time "
		     "and interim employees do not.");
	return ok;
}

static void recipient_cap(const rules_leave_sharing_input *in, rules_leave_sharing_result *out)
{
	rules_explain *e = &out->explain;
	bool requested = in->hours_requested >= 0;

	if (in->program == RULES_LS_ANNUAL) {
		out->has_max_hours = true;
		if (requested && in->hours_requested <= LS_ANNUAL_CAP) {
			out->max_hours = in->hours_requested;
			rx_reason(e,
				  "You may receive up to the %s hours you requested, which is within the "
				  "limit of 200 work hours per qualifying event.",
				  rx_n(in->hours_requested).s);
		} else {
			out->max_hours = LS_ANNUAL_CAP;
			if (requested)
				rx_reason(e,
					  "You requested %s hours, but donated annual leave is limited to 200 "
					  "work hours per qualifying event.",
					  rx_n(in->hours_requested).s);
			else
				rx_reason(e, "Donated annual leave is limited to 200 work hours per qualifying "
					     "event.");
		}
	} else if (requested) {
		out->has_max_hours = true;
		out->max_hours = in->hours_requested;
		rx_reason(e,
			  "Transfers cannot exceed the %s hours you requested; within that, the appointing "
			  "authority with the Secretary's approval decides how much you receive.",
			  rx_n(in->hours_requested).s);
	} else {
		rx_reason(e, "The sick leave program sets no fixed maximum: the appointing authority, with the "
			     "approval of the Secretary of the Personnel Cabinet, decides how much you may "
			     "receive, never more than you request.");
	}
}

static bool donor(const rules_leave_sharing_input *in, rules_leave_sharing_result *out, bool ok)
{
	rules_explain *e = &out->explain;
	const char *kind = in->program == RULES_LS_SICK ? "sick" : "annual";
	double min = rules_week_day_hours(in->week);

	out->has_max_donation = true;
	out->min_donation = min;
	out->max_donation = ok && in->balance > LS_DONOR_FLOOR ? in->balance - LS_DONOR_FLOOR : 0;

	if (in->balance > LS_DONOR_FLOOR)
		rx_reason(e,
			  "Your %s leave balance of %s hours is more than the 75 hours a donor must "
			  "have.",
			  kind, rx_n(in->balance).s);
	else {
		rx_reason(e,
			  "Your %s leave balance of %s hours is not more than 75 hours, and donors must "
			  "have more than 75 hours.",
			  kind, rx_n(in->balance).s);
		ok = false;
	}
	rx_reason(e,
		  "Each donation to an employee regularly scheduled for a %s-hour week must be at "
		  "least %s hours.",
		  in->week == RULES_WEEK_40 ? "40" : "37.5", rx_n(min).s);

	if (in->donate >= 0) {
		if (in->donate < min) {
			rx_reason(e, "Donating %s hours is less than the %s-hour minimum.", rx_n(in->donate).s,
				  rx_n(min).s);
			ok = false;
		} else if (in->balance - in->donate < LS_DONOR_FLOOR) {
			rx_reason(e,
				  "Donating %s hours would leave you %s hours, below the 75 hours you must "
				  "keep.",
				  rx_n(in->donate).s, rx_n(in->balance > in->donate ? in->balance - in->donate : 0).s);
			ok = false;
		} else {
			rx_reason(e, "Donating %s hours leaves you %s hours, at least the 75 hours you must keep.",
				  rx_n(in->donate).s, rx_n(in->balance - in->donate).s);
		}
	} else if (in->balance > LS_DONOR_FLOOR && in->balance - LS_DONOR_FLOOR < min) {
		rx_reason(e,
			  "Even the minimum donation of %s hours would take your balance below 75 "
			  "hours.",
			  rx_n(min).s);
		ok = false;
	}
	if (ok)
		rx_reason(e, "You can donate at most %s hours, which keeps your balance at 75 hours.",
			  rx_n(out->max_donation).s);
	return ok;
}

int rules_leave_sharing_evaluate(const rules_leave_sharing_input *in, rules_leave_sharing_result *out)
{
	memset(out, 0, sizeof *out);
	rx_init(&out->explain);
	rules_explain *e = &out->explain;

	if (!valid_input(in)) {
		rx_cite(e, CITE_LS_2_105);
		rx_reason(e, "The request could not be evaluated because an input is out of range.");
		return -1;
	}
	if (in->program == RULES_LS_SICK) {
		rx_cite(e, CITE_LS_2_105);
		rx_cite(e, CITE_LS_18A_196);
		rx_cite(e, CITE_LS_18A_197);
	} else {
		rx_cite(e, CITE_LS_2_106);
		rx_cite(e, CITE_LS_18A_203);
	}

	bool ok = check_participant(in, e);
	if (in->role == RULES_LS_DONOR) {
		ok = donor(in, out, ok);
	} else {
		bool met = in->program == RULES_LS_SICK ? sick_recipient(in, e) : annual_recipient(in, e);
		ok = ok && met;
		if (ok)
			recipient_cap(in, out);
	}
	out->eligible = ok;

	rx_reason(e, "Participation is voluntary and every transfer needs the approval of the appointing "
		     "authority and the Secretary of the Personnel Cabinet.");
	if (ok && in->role == RULES_LS_RECIPIENT)
		rx_reason(e,
			  "When you return to work, unused donated leave goes back to the donors in "
			  "reverse order of donation unless you show the %s continues.",
			  in->program == RULES_LS_SICK ? "need for periodic treatment of the original condition"
						       : "original condition");
	return 0;
}
