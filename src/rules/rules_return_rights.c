/* rules_return_rights.c: reversion, reemployment and reinstatement.
 *
 * Source: handbook sections "Reversion, Reemployment, and Reinstatement",
 * "Career Status" and the Glossary (CAREER EMPLOYEE, DISMISSAL,
 * REEMPLOYMENT, REINSTATEMENT, REVERSION, STATUS).
 */
#include "rules/rules_int.h"

#include <string.h>

static const char no_reversion[] =
	"Reversion applies only after failing promotional probation or "
	"ending a detail to special duty from a classified position with status, or when a career "
	"employee with earlier classified status is separated from an unclassified position other than "
	"for cause.";
static const char no_reemployment[] =
	"Reemployment rights belong only to classified employees laid "
	"off from a position in which they had status and to career employees separated from an "
	"unclassified position other than for cause.";
static const char no_reinstatement[] = "Reinstatement privileges come only from resigning in good "
				       "standing from a classified position in which you had status.";

static void career_reason(const rules_return_rights_input *in, bool career, rules_explain *e)
{
	if (career)
		rx_reason(e,
			  "With %d months of full-time KRS 18A service you are a career employee, because "
			  "career status takes 16 years (192 months), subject to the Personnel Cabinet "
			  "verifying the qualifying service.",
			  in->service_months);
	else
		rx_reason(e,
			  "With %d month%s of full-time KRS 18A service you are not yet a career employee, "
			  "which takes 16 years (192 months) of full-time service or its part-time "
			  "equivalent.",
			  in->service_months, rx_s(in->service_months));
	rx_cite(e, CITE_CAREER_18A_005_S4);
	rx_cite(e, CITE_GLOSSARY_18A_005);
}

/* Failed promotional probation: reversion needs status in the position
 * the employee was promoted from. */
static void revert_after_probation(const rules_return_rights_input *in, rules_return_rights_result *out,
				   rules_explain *e)
{
	if (in->had_status) {
		out->reversion = true;
		rx_reason(e, "Because you were promoted from a classified position in which you had "
			     "status and did not complete promotional probation, you revert to your "
			     "former classified position.");
	} else {
		rx_reason(e, "Reversion after a failed promotional probation applies only to an employee "
			     "promoted from a classified position in which he or she had status.");
	}
}

/* End of a detail to special duty: reversion needs status in the
 * position the employee was detailed from. */
static void revert_after_detail(const rules_return_rights_input *in, rules_return_rights_result *out, rules_explain *e)
{
	if (in->had_status) {
		out->reversion = true;
		rx_reason(e, "Because you were detailed to special duty from a classified position in "
			     "which you had status, you revert to your former classified position when "
			     "the detail ends.");
		rx_cite(e, CITE_RR_2_076_S2);
	} else {
		rx_reason(e, "Reversion at the end of a detail to special duty applies only to an "
			     "employee detailed from a classified position in which he or she had "
			     "status.");
	}
}

/* Separation from an unclassified position: a career employee not
 * separated for cause has reemployment rights, and reversion as well with
 * earlier classified status. */
static void unclassified_separation_rights(const rules_return_rights_input *in, rules_return_rights_result *out,
					   rules_explain *e)
{
	career_reason(in, out->career_employee, e);
	if (in->for_cause) {
		rx_reason(e, "Because the separation from the unclassified position was for cause, "
			     "neither reversion nor reemployment rights arise.");
		return;
	}
	if (!out->career_employee) {
		rx_reason(e, "Reversion and reemployment after separation from an unclassified position "
			     "belong only to career employees.");
		return;
	}
	out->reemployment = true;
	rx_reason(e, "As a career employee separated from an unclassified position other than "
		     "for cause, you have reemployment rights.");
	rx_cite(e, CITE_RR_18A_135);
	if (in->had_status) {
		out->reversion = true;
		rx_reason(e, "Because you previously attained status in a classified position, you "
			     "revert to a position in that class in the separating agency, if one "
			     "is vacant.");
		rx_cite(e, CITE_RR_18A_130);
		rx_cite(e, CITE_RR_18A_115);
	} else {
		rx_reason(e, "Reversion also needs status previously attained in a classified "
			     "position, which you did not have.");
	}
}

/* Layoff: reemployment needs status in the position laid off from. */
static void reemploy_after_layoff(const rules_return_rights_input *in, rules_return_rights_result *out,
				  rules_explain *e)
{
	if (in->had_status) {
		out->reemployment = true;
		rx_reason(e, "As a classified employee laid off from a position in which you had status, "
			     "you have reemployment rights.");
		rx_cite(e, CITE_RR_18A_113);
	} else {
		rx_reason(e, "Reemployment rights after a layoff belong only to classified employees laid "
			     "off from a position in which they had status.");
	}
}

/* Resignation: reinstatement needs status and good standing. */
static void reinstate_after_resignation(const rules_return_rights_input *in, rules_return_rights_result *out,
					rules_explain *e)
{
	if (in->had_status && in->good_standing) {
		out->reinstatement = true;
		rx_reason(e, "Because you resigned in good standing from a classified position in which "
			     "you had status, you have reinstatement privileges.");
	} else if (!in->had_status) {
		rx_reason(e, "Reinstatement privileges need status in the classified position you "
			     "resigned from.");
	} else {
		rx_reason(e, "Reinstatement privileges need a resignation in good standing.");
	}
}

static void no_rights_after_retirement(const rules_return_rights_input *in, rules_return_rights_result *out,
				       rules_explain *e)
{
	(void)in;
	(void)out;
	rx_reason(e, "Retirement ends these rights: career status rights do not apply on retirement, "
		     "and a returning retiree has no reinstatement privileges.");
	rx_cite(e, CITE_CAREER_18A_005_S4);
}

static void no_rights_after_dismissal(const rules_return_rights_input *in, rules_return_rights_result *out,
				      rules_explain *e)
{
	(void)in;
	(void)out;
	rx_reason(e, "A dismissal for cause gives no reversion, reemployment or reinstatement rights, "
		     "but you may appeal the dismissal to the Personnel Board.");
	rx_cite(e, CITE_GLOSSARY_18A_095);
}

/* One row per event: the rule that decides its rights, and which absent
 * rights that rule's own reason already explains (the others get the
 * general sentence saying where that right comes from). */
static const struct rr_event_rule {
	void (*decide)(const rules_return_rights_input *in, rules_return_rights_result *out, rules_explain *e);
	bool explains_reversion;
	bool explains_reemployment;
	bool explains_reinstatement;
} rr_event_rules[] = {
	[RULES_RR_FAILED_PROMOTIONAL_PROBATION] = { revert_after_probation, true, false, false },
	[RULES_RR_DETAIL_ENDED] = { revert_after_detail, true, false, false },
	[RULES_RR_SEPARATED_UNCLASSIFIED] = { unclassified_separation_rights, true, true, false },
	[RULES_RR_LAID_OFF] = { reemploy_after_layoff, false, true, false },
	[RULES_RR_RESIGNED] = { reinstate_after_resignation, false, false, true },
	[RULES_RR_RETIRED] = { no_rights_after_retirement, true, true, true },
	[RULES_RR_DISMISSED_FOR_CAUSE] = { no_rights_after_dismissal, true, true, true },
};

static void explain_absent_rights(const struct rr_event_rule *rule, const rules_return_rights_result *out,
				  rules_explain *e)
{
	if (!out->reversion && !rule->explains_reversion)
		rx_reason(e, "%s", no_reversion);
	if (!out->reemployment && !rule->explains_reemployment)
		rx_reason(e, "%s", no_reemployment);
	if (!out->reinstatement && !rule->explains_reinstatement)
		rx_reason(e, "%s", no_reinstatement);
}

static void explain_right_meanings(rules_explain *e)
{
	rx_reason(e, "Reversion means returning to your last classified position if it is vacant, or to a "
		     "vacant position in the same or a similar job classification.");
	rx_reason(e, "Reemployment means being a reemployment candidate for any open KRS 18A classified "
		     "position you qualify for, and no vacancy may be filled from a competitive register "
		     "until the reemployment candidates on it have been reemployed, interviewed or "
		     "properly considered.");
	rx_reason(e, "Reinstatement is a privilege, not a right: at the appointing authority's option you "
		     "may be placed in your former classification or a position of like status and pay, "
		     "up to the highest pay grade in which you achieved status, if you meet the current "
		     "minimum requirements.");
}

int rules_return_rights_evaluate(const rules_return_rights_input *in, rules_return_rights_result *out)
{
	memset(out, 0, sizeof *out);
	rx_init(&out->explain);
	rules_explain *e = &out->explain;

	rx_cite(e, CITE_RR_18A_005);
	if (in->event < RULES_RR_FAILED_PROMOTIONAL_PROBATION || in->event > RULES_RR_DISMISSED_FOR_CAUSE ||
	    in->service_months < 0) {
		rx_reason(e, "The request could not be evaluated because an input is out of range.");
		return -1;
	}
	out->career_employee = in->service_months >= RULES_CAREER_MONTHS;

	const struct rr_event_rule *rule = &rr_event_rules[in->event];
	rule->decide(in, out, e);
	explain_absent_rights(rule, out, e);
	explain_right_meanings(e);
	return 0;
}
