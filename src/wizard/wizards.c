/* wizards.c: the wizards' questions, in the order the rules parsers read
 * them, each explained in plain words (sources: the handbook sections
 * "Family and Medical (FMLA)", "Leave Sharing Programs", "Reversion,
 * Reemployment, and Reinstatement" and "Career Status"). */
#include "wizard/wizards.h"

#include <stdlib.h>
#include <string.h>

/* ---- Shared pieces --------------------------------------------------- */

static const char msg_months[] = "Enter your months of service as a whole number from 0 to 1200, such as 14.";

static bool is_any(const struct wz_answers *a, const char *name, const char *const *values)
{
	for (; *values; values++)
		if (wz_is(a, name, *values))
			return true;
	return false;
}

/* ---- Family and medical leave ------------------------------------------ */

static const struct wz_field fmla_service_fields[] = {
	{ .name = "service_months",
	  .kind = WZ_WHOLE,
	  .required = true,
	  .min = 0,
	  .max = 1200,
	  .unit = "months",
	  .label = "How many months of state service do you have?",
	  .help = "Count every month you have worked for Kentucky state government, in any agency; "
		  "the months do not have to be in a row. Family and medical leave needs at least "
		  "12 months (one year).",
	  .invalid = msg_months },
	{ .name = "hours",
	  .kind = WZ_NUMBER,
	  .required = true,
	  .min = 0,
	  .max = 8784,
	  .unit = "hours",
	  .label = "How many hours did you work or spend on paid leave in the 12 months before your "
		   "leave starts?",
	  .help = "Add the hours you worked and the hours you were on paid annual, sick or "
		  "compensatory leave. You need at least 1,250 hours, about 24 hours a week. Your "
		  "timesheets or your agency's HR office can tell you the total.",
	  .invalid = "Enter hours as a number from 0 to 8784 with at most two decimals, such as 1250 "
		     "or 1249.5." },
	{ .name = "paid_leave_hours",
	  .kind = WZ_NUMBER,
	  .required = false,
	  .min = 0,
	  .max = 8784,
	  .unit = "hours",
	  .label = "Of those hours, how many were paid leave? (optional)",
	  .help = "Only used to show what federal law alone would give you: the federal FMLA counts "
		  "only hours actually worked, while the state also counts paid leave. Leave it blank "
		  "if you are not sure.",
	  .invalid = "Enter paid leave hours as a number from 0 to 8784 with at most two decimals, or "
		     "leave it blank." },
	{ .name = NULL },
};

static const struct wz_option fmla_reasons[] = {
	{ "birth", "The birth of my child, and caring for the newborn",
	  "Bonding time after a birth. An expectant mother may also take this leave before the birth, "
	  "for prenatal care or when her condition keeps her from working." },
	{ "placement", "A child placed with me for adoption or foster care",
	  "Bonding time after the placement, and time needed before it, such as court appearances or "
	  "travel to complete an adoption." },
	{ "family_care", "Caring for a family member with a serious health condition", NULL },
	{ "own_health", "My own serious health condition",
	  "A condition that keeps you from doing the functions of your job." },
	{ "military_exigency", "A family member's call to active military duty",
	  "A qualifying exigency (for example arranging child care or attending official ceremonies) "
	  "because a family member is on, or has been called to, active duty in support of a "
	  "contingency operation." },
	{ "servicemember_care", "Caring for a service member with a serious injury or illness",
	  "A covered service member injured or taken ill in the line of duty. This leave can be up to "
	  "26 workweeks." },
	{ NULL, NULL, NULL },
};

static const struct wz_field fmla_reason_fields[] = {
	{ .name = "reason",
	  .kind = WZ_CHOICE,
	  .required = true,
	  .options = fmla_reasons,
	  .label = "Why do you need leave?",
	  .help = "Family and medical leave is only for these reasons. Choose the one that fits best; "
		  "for more than one reason, run the wizard once for each." },
	{ .name = NULL },
};

static const struct wz_option fmla_relations[] = {
	{ "spouse", "My spouse", "A husband or wife, including lawful same-sex and common-law marriages." },
	{ "child", "My son or daughter",
	  "A biological, adopted, foster or step child, a legal ward, or a child to whom you stand in "
	  "place of a parent." },
	{ "parent", "My parent",
	  "A biological, adoptive, step or foster parent, or someone who stood in place of a parent "
	  "to you when you were a child. A parent-in-law is a separate answer." },
	{ "grandparent", "My grandparent", NULL },
	{ "parent_in_law", "My parent-in-law", NULL },
	{ "sibling", "My brother or sister", NULL },
	{ "next_of_kin", "Someone for whom I am the next of kin",
	  "The nearest blood relative of a service member, when none of the answers above fits." },
	{ "other", "Someone else close to me", NULL },
	{ NULL, NULL, NULL },
};

/* Stop as soon as the outcome is known on both sides: without 12 months
 * and 1,250 hours no later answer matters (the rules module says so). */
static bool fmla_service_met(const struct wz_answers *a)
{
	const char *hours = wz_value(a, "hours");

	return rules_fmla_service_met(wz_int(a, "service_months", 0), hours ? atof(hours) : 0);
}

static bool fmla_reason_needed(const struct wz_answers *a)
{
	return fmla_service_met(a);
}

/* The last step (weeks used, a spouse at the state) changes how much
 * leave, never whether: asked only when the answers so far make the
 * employee eligible. */
static bool fmla_still_eligible(const struct wz_answers *a)
{
	rules_fmla_input in;
	rules_fmla_result *r;
	rules_param_error pe;
	bool eligible = true;

	if (!fmla_service_met(a))
		return false;
	if (rules_params_fmla(wz_rules_get, (void *)a, &in, &pe) != 0)
		return true;   /* an earlier answer is not usable yet: keep asking */
	r = malloc(sizeof *r); /* about 15 KB: off the FastCGI stack */
	if (r != NULL && rules_fmla_evaluate(&in, r) == 0)
		eligible = r->eligible;
	free(r);
	return eligible;
}

static bool fmla_family(const struct wz_answers *a)
{
	static const char *const family[] = { "family_care", "military_exigency", "servicemember_care", NULL };

	return fmla_service_met(a) && is_any(a, "reason", family);
}

static const char *fmla_relation_label(const struct wz_answers *a)
{
	if (wz_is(a, "reason", "military_exigency"))
		return "Who is the family member on active duty?";
	if (wz_is(a, "reason", "servicemember_care"))
		return "What is the service member to you?";
	return "Who needs your care?";
}

static const struct wz_field fmla_family_fields[] = {
	{ .name = "relation",
	  .kind = WZ_CHOICE,
	  .required = true,
	  .options = fmla_relations,
	  .label = "Who needs your care?",
	  .label_for = fmla_relation_label,
	  .help = "Federal law covers a spouse, son or daughter, or parent (and next of kin of a "
		  "service member). The state's rules also cover other immediate family members: "
		  "grandparents, and people close to you who live with you or for whom you are "
		  "legally responsible." },
	{ .name = NULL },
};

static bool fmla_child_care(const struct wz_answers *a)
{
	return fmla_service_met(a) && wz_is(a, "reason", "family_care") && wz_is(a, "relation", "child");
}

static const struct wz_field fmla_child_fields[] = {
	{ .name = "child_age",
	  .kind = WZ_WHOLE,
	  .required = true,
	  .min = 0,
	  .max = 150,
	  .unit = "years",
	  .label = "How old is your son or daughter?",
	  .help = "A son or daughter counts if under 18, or if 18 or older and unable to care for "
		  "themselves because of a mental or physical disability when the leave starts.",
	  .invalid = "Enter the age in whole years from 0 to 150." },
	{ .name = NULL },
};

static bool fmla_adult_child(const struct wz_answers *a)
{
	return fmla_child_care(a) && wz_int(a, "child_age", 0) >= 18;
}

static const struct wz_field fmla_child_care_fields[] = {
	{ .name = "child_incapable",
	  .kind = WZ_YESNO,
	  .required = true,
	  .label = "Is your son or daughter unable to care for themselves because of a mental or "
		   "physical disability?",
	  .help = "That is, needing active help or supervision with daily activities such as "
		  "bathing, dressing or eating when the leave starts." },
	{ .name = NULL },
};

/* The state's "person of similarly close relationship": asked only where
 * it decides the answer. */
static bool fmla_close_needed(const struct wz_answers *a)
{
	static const char *const others[] = { "parent_in_law", "sibling", "other", NULL };

	if (!fmla_family(a))
		return false;
	if (is_any(a, "relation", others))
		return true;
	if (wz_is(a, "relation", "next_of_kin"))
		return !wz_is(a, "reason", "servicemember_care");
	return fmla_adult_child(a) && wz_is(a, "child_incapable", "0");
}

static const struct wz_field close_fields[] = {
	{ .name = "lived_with_30_days",
	  .kind = WZ_YESNO,
	  .required = true,
	  .label = "Has this person lived with you for at least 30 days before you apply?",
	  .help = "The state's rules treat a person with a close relationship to you as immediate "
		  "family if they have lived with you for at least 30 days before you apply, or if you "
		  "are legally responsible for them." },
	{ .name = "legally_responsible",
	  .kind = WZ_YESNO,
	  .required = true,
	  .label = "Are you legally responsible for this person?",
	  .help = "For example as their guardian under a court order." },
	{ .name = NULL },
};

static bool fmla_bonding(const struct wz_answers *a)
{
	return wz_is(a, "reason", "birth") || wz_is(a, "reason", "placement");
}

static const char *fmla_weeks_label(const struct wz_answers *a)
{
	if (wz_is(a, "reason", "servicemember_care"))
		return "How many weeks of family and medical leave have you already used in this 12-month "
		       "period? (optional)";
	return "How many weeks of family and medical leave have you already used this calendar year? "
	       "(optional)";
}

static const struct wz_field fmla_usage_fields[] = {
	{ .name = "weeks_used",
	  .kind = WZ_NUMBER,
	  .required = false,
	  .min = 0,
	  .max = 52,
	  .unit = "weeks",
	  .label_for = fmla_weeks_label,
	  .label = "How many weeks of family and medical leave have you already used? (optional)",
	  .help = "Leave it blank or enter 0 if none. The entitlement is 12 weeks a calendar year, or "
		  "26 workweeks in a single 12-month period to care for a service member; we subtract "
		  "what you have used.",
	  .invalid = "Enter weeks as a number from 0 to 52 with at most two decimals, such as 3 or "
		     "2.5." },
	{ .name = "spouse_state_employee",
	  .kind = WZ_YESNO,
	  .required = true,
	  .applies = fmla_bonding,
	  .label = "Does your spouse also work for the Executive Branch of Kentucky state government?",
	  .help = "If so, each of you gets 12 weeks of bonding leave, where federal law alone would give "
		  "the two of you 12 weeks together. Answer no if you have no spouse." },
	{ .name = NULL },
};

static const struct wz_step fmla_steps[] = {
	{ "service", "Your service",
	  "Family and medical leave depends first on how long and how much "
	  "you have worked for the state.",
	  fmla_service_fields, NULL },
	{ "reason", "The reason for leave", NULL, fmla_reason_fields, fmla_reason_needed },
	{ "family", "Who the leave is for", NULL, fmla_family_fields, fmla_family },
	{ "child", "Your son or daughter", NULL, fmla_child_fields, fmla_child_care },
	{ "child-care", "Care your son or daughter needs", NULL, fmla_child_care_fields, fmla_adult_child },
	{ "household", "Your relationship",
	  "The state's rules go further than federal law for people "
	  "close to you. Two questions decide whether this person counts.",
	  close_fields, fmla_close_needed },
	{ "usage", "Leave already used", NULL, fmla_usage_fields, fmla_still_eligible },
	{ NULL, NULL, NULL, NULL, NULL },
};

static int parse_fmla(rules_param_get get, void *ctx, rules_param_error *err)
{
	rules_fmla_input in;

	return rules_params_fmla(get, ctx, &in, err);
}

const struct wizard_def wizard_fmla = {
	.slug = "fmla",
	.title = "Family and medical leave (FMLA)",
	.summary = "Are you eligible for family and medical leave, for how many weeks, and how the "
		   "state's rules compare with the federal FMLA.",
	.intro = "Answer a few questions, one step at a time, to find out whether you can take family "
		 "and medical leave, how many weeks you have left, and what choices you have. Nothing "
		 "is saved or sent: your answers stay in this page's address.",
	.api_path = "/api/wizards/fmla",
	.steps = fmla_steps,
	.parse = parse_fmla,
};

/* ---- Leave sharing ---------------------------------------------------- */

static const struct wz_option ls_roles[] = {
	{ "recipient", "I need donated leave",
	  "You have used up your own leave and want to receive leave that co-workers give." },
	{ "donor", "I want to give some of my leave",
	  "You want to donate some of your own leave to a co-worker who needs it." },
	{ NULL, NULL, NULL },
};

static const struct wz_option ls_programs[] = {
	{ "sick", "Sick leave", "For a medical condition of the employee or of an immediate family member." },
	{ "annual", "Annual (vacation) leave",
	  "For a catastrophic loss of personal property in a natural disaster or fire. Only for KRS "
	  "18A employees." },
	{ NULL, NULL, NULL },
};

static const struct wz_field ls_role_fields[] = {
	{ .name = "role",
	  .kind = WZ_CHOICE,
	  .required = true,
	  .options = ls_roles,
	  .label = "Do you want to receive or give leave?",
	  .help = "Leave sharing lets employees give some of their leave to a co-worker who has none "
		  "left. Both sides have rules." },
	{ .name = "program",
	  .kind = WZ_CHOICE,
	  .required = true,
	  .options = ls_programs,
	  .label = "Which kind of leave?",
	  .help = "There are two programs with different rules: sick leave sharing and annual leave "
		  "sharing." },
	{ .name = NULL },
};

static const struct wz_option ls_employers[] = {
	{ "18a", "An Executive Branch agency under KRS Chapter 18A (the merit system)",
	  "Full-time, part-time and interim employees alike." },
	{ "aoc", "The Administrative Office of the Courts", NULL },
	{ "lrc", "The Legislative Research Commission", NULL },
	{ "ksp_sworn", "The Kentucky State Police, as sworn personnel", NULL },
	{ "kentucky_retirement_systems", "Kentucky Retirement Systems", NULL },
	{ "ktrs", "The Kentucky Teachers' Retirement System", NULL },
	{ "other", "Another employer", NULL },
	{ NULL, NULL, NULL },
};

static const struct wz_field ls_employer_fields[] = {
	{ .name = "employer",
	  .kind = WZ_CHOICE,
	  .required = true,
	  .options = ls_employers,
	  .label = "Who employs you?",
	  .help = "Sick leave sharing is open to KRS 18A employees and to employees of a few other "
		  "state employers; annual leave sharing only to KRS 18A employees." },
	{ .name = "active",
	  .kind = WZ_YESNO,
	  .required = true,
	  .label = "Are you in active, paid status now?",
	  .help = "That is, working or on paid leave. Donors and recipients must be in active, paid "
		  "status when they donate or apply; someone on leave without pay is not." },
	{ .name = NULL },
};

static bool ls_donor(const struct wz_answers *a)
{
	return wz_is(a, "role", "donor");
}

static bool ls_recipient(const struct wz_answers *a)
{
	return wz_is(a, "role", "recipient");
}

static bool ls_sick_recipient(const struct wz_answers *a)
{
	return ls_recipient(a) && wz_is(a, "program", "sick");
}

static bool ls_annual_recipient(const struct wz_answers *a)
{
	return ls_recipient(a) && wz_is(a, "program", "annual");
}

static bool ls_sick(const struct wz_answers *a)
{
	return wz_is(a, "program", "sick");
}

static const char *ls_balance_label(const struct wz_answers *a)
{
	return wz_is(a, "program", "annual") ? "What is your annual leave balance, in hours?"
					     : "What is your sick leave balance, in hours?";
}

static const struct wz_option ls_weeks[] = {
	{ "37.5", "37.5 hours a week (7.5-hour days)", NULL },
	{ "40", "40 hours a week (8-hour days)", NULL },
	{ NULL, NULL, NULL },
};

static const struct wz_field ls_donor_fields[] = {
	{ .name = "balance",
	  .kind = WZ_NUMBER,
	  .required = true,
	  .min = 0,
	  .max = 100000,
	  .unit = "hours",
	  .label = "What is your leave balance, in hours?",
	  .label_for = ls_balance_label,
	  .help = "Your balance of the kind of leave you want to give. A donor must have more than 75 "
		  "hours and keep at least 75 hours after donating.",
	  .invalid = "Enter your balance in hours as a number from 0 to 100000 with at most two "
		     "decimals, such as 120 or 75.5." },
	{ .name = "week_hours",
	  .kind = WZ_CHOICE,
	  .required = true,
	  .options = ls_weeks,
	  .label = "What is the regular workweek of the employee who will receive your leave?",
	  .help = "Each donation must be at least one of their working days: 7.5 hours for someone on "
		  "a 37.5-hour week, 8 hours for someone on a 40-hour week. Ask them or their HR "
		  "office if you are not sure." },
	{ .name = "donate",
	  .kind = WZ_NUMBER,
	  .required = false,
	  .min = 0,
	  .max = 100000,
	  .unit = "hours",
	  .label = "How many hours would you like to give? (optional)",
	  .help = "Leave it blank to see the most you can give.",
	  .invalid = "Enter hours as a number from 0 to 100000 with at most two decimals, or leave it "
		     "blank." },
	{ .name = NULL },
};

static const struct wz_option ls_conditions[] = {
	{ "self", "Mine", NULL },
	{ "spouse", "My spouse's", NULL },
	{ "child", "My son's or daughter's", "Of any age." },
	{ "parent", "My parent's", NULL },
	{ "grandparent", "My grandparent's", NULL },
	{ "parent_in_law", "My parent-in-law's", NULL },
	{ "sibling", "My brother's or sister's", NULL },
	{ "other", "Someone else's, who is close to me", NULL },
	{ NULL, NULL, NULL },
};

static const struct wz_field ls_condition_fields[] = {
	{ .name = "condition_of",
	  .kind = WZ_CHOICE,
	  .required = true,
	  .options = ls_conditions,
	  .label = "Whose medical condition is it?",
	  .help = "Donated sick leave covers a medically certified illness, injury, impairment, or "
		  "physical or mental condition of yours or of an immediate family member: spouse, "
		  "parent, grandparent, son or daughter, or someone close who lives with you or for "
		  "whom you are legally responsible." },
	{ .name = NULL },
};

static bool ls_close_needed(const struct wz_answers *a)
{
	static const char *const others[] = { "parent_in_law", "sibling", "next_of_kin", "other", NULL };

	return ls_sick_recipient(a) && is_any(a, "condition_of", others);
}

static const struct wz_option ls_losses[] = {
	{ "natural_disaster", "A natural disaster", "Such as a flood, tornado or storm." },
	{ "fire", "A fire", NULL },
	{ "other", "Something else", NULL },
	{ NULL, NULL, NULL },
};

static const struct wz_field ls_loss_fields[] = {
	{ .name = "loss",
	  .kind = WZ_CHOICE,
	  .required = true,
	  .options = ls_losses,
	  .label = "What caused the loss of your personal property?",
	  .help = "Annual leave sharing is for a catastrophic loss to your personal property caused by "
		  "a natural disaster or a fire." },
	{ .name = NULL },
};

static const char *ls_days_label(const struct wz_answers *a)
{
	return ls_sick(a) ? "How many working days in a row has the condition kept you, or will it "
			    "likely keep you, from work?"
			  : "How many working days in a row has the loss kept you, or will it likely "
			    "keep you, from work?";
}

static const char *ls_exhausted_label(const struct wz_answers *a)
{
	return ls_sick(a) ? "Have you used up all of your paid leave (sick, annual and compensatory)?"
			  : "Have you used up your annual and compensatory leave?";
}

static const char *ls_complied_label(const struct wz_answers *a)
{
	return ls_sick(a) ? "Have you followed the rules for using sick leave?"
			  : "Have you followed the rules for using annual leave?";
}

static const struct wz_field ls_leave_fields[] = {
	{ .name = "certified",
	  .kind = WZ_YESNO,
	  .required = true,
	  .applies = ls_sick,
	  .label = "Has a licensed physician or Advanced Practice Registered Nurse (APRN) certified "
		   "the need for your absence?",
	  .help = "You file the medical certificates with your application." },
	{ .name = "consecutive_days",
	  .kind = WZ_WHOLE,
	  .required = true,
	  .min = 0,
	  .max = 366,
	  .unit = "working days",
	  .label = "How many working days in a row will you be away?",
	  .label_for = ls_days_label,
	  .help = "Count working days of leave, with or without pay. You need at least 10 in a row.",
	  .invalid = "Enter working days as a whole number from 0 to 366, such as 12." },
	{ .name = "paid_leave_exhausted",
	  .kind = WZ_YESNO,
	  .required = true,
	  .label = "Have you used up your own leave?",
	  .label_for = ls_exhausted_label,
	  .help = "Donated leave is only for employees who have used up their own." },
	{ .name = "complied",
	  .kind = WZ_YESNO,
	  .required = true,
	  .label = "Have you followed the rules for using your leave?",
	  .label_for = ls_complied_label,
	  .help = "For example requesting leave properly and in time, and giving any certificates "
		  "asked for." },
	{ .name = "workers_comp",
	  .kind = WZ_YESNO,
	  .required = true,
	  .applies = ls_sick,
	  .label = "Are you receiving workers' compensation benefits for this condition?",
	  .help = "This does not stop you from receiving donated sick leave, which can keep your pay at "
		  "its regular level." },
	{ .name = "hours_requested",
	  .kind = WZ_NUMBER,
	  .required = false,
	  .min = 0,
	  .max = 100000,
	  .unit = "hours",
	  .label = "How many hours of donated leave will you ask for? (optional)",
	  .help = "Annual leave sharing gives at most 200 work hours for each event. Sick leave sharing "
		  "has no fixed maximum: the appointing authority decides, never more than you ask for.",
	  .invalid = "Enter hours as a number from 0 to 100000 with at most two decimals, or leave it "
		     "blank." },
	{ .name = NULL },
};

static const struct wz_step ls_steps[] = {
	{ "role", "What you want to do", NULL, ls_role_fields, NULL },
	{ "employer", "Your employer and status", NULL, ls_employer_fields, NULL },
	{ "donor", "Your leave balance", NULL, ls_donor_fields, ls_donor },
	{ "condition", "The medical condition", NULL, ls_condition_fields, ls_sick_recipient },
	{ "household", "Your relationship",
	  "Someone who is not your spouse, parent, grandparent, son or "
	  "daughter counts as immediate family if one of these is true.",
	  close_fields, ls_close_needed },
	{ "loss", "Your loss", NULL, ls_loss_fields, ls_annual_recipient },
	{ "leave", "Your leave", NULL, ls_leave_fields, ls_recipient },
	{ NULL, NULL, NULL, NULL, NULL },
};

static int parse_leave_sharing(rules_param_get get, void *ctx, rules_param_error *err)
{
	rules_leave_sharing_input in;

	return rules_params_leave_sharing(get, ctx, &in, err);
}

const struct wizard_def wizard_leave_sharing = {
	.slug = "leave-sharing",
	.title = "Leave sharing",
	.summary = "Can you receive donated sick or annual leave, or give some of yours, and how much.",
	.intro = "Find out whether you can receive donated sick leave or annual leave, or how much of "
		 "your own leave you can give. Nothing is saved or sent: your answers stay in this "
		 "page's address.",
	.api_path = "/api/wizards/leave-sharing",
	.steps = ls_steps,
	.parse = parse_leave_sharing,
};

const char *wizards_leave_sharing_form(const char *role, const char *program)
{
	bool donor, sick;

	if (role == NULL || program == NULL)
		return NULL;
	donor = strcmp(role, "donor") == 0;
	sick = strcmp(program, "sick") == 0;
	if (!donor && strcmp(role, "recipient") != 0)
		return NULL;
	if (!sick && strcmp(program, "annual") != 0)
		return NULL;
	return sick ? (donor ? "sick-leave-donation" : "sick-leave-sharing")
		    : (donor ? "annual-leave-donation" : "annual-leave-sharing");
}

/* ---- Return rights ---------------------------------------------------- */

static const struct wz_option rr_events[] = {
	{ "failed_promotional_probation", "I did not complete probation after a promotion",
	  "You were promoted and did not complete the probationary period in the new position." },
	{ "detail_ended", "My detail to special duty ended",
	  "You were temporarily assigned (detailed) to special duty, and it is over." },
	{ "separated_unclassified", "I was separated from an unclassified position",
	  "You left or were removed from a non-merit (unclassified) position." },
	{ "laid_off", "I was laid off", NULL },
	{ "resigned", "I resigned", NULL },
	{ "retired", "I retired", NULL },
	{ "dismissed_for_cause", "I was dismissed for cause", NULL },
	{ NULL, NULL, NULL },
};

static const struct wz_field rr_event_fields[] = {
	{ .name = "event",
	  .kind = WZ_CHOICE,
	  .required = true,
	  .options = rr_events,
	  .label = "What happened?",
	  .help = "Which rights you keep depends first on how you left your position." },
	{ .name = NULL },
};

static bool rr_status_matters(const struct wz_answers *a)
{
	return !wz_is(a, "event", "retired") && !wz_is(a, "event", "dismissed_for_cause");
}

static const char *rr_status_label(const struct wz_answers *a)
{
	if (wz_is(a, "event", "failed_promotional_probation"))
		return "Did you have status in the classified position you were promoted from?";
	if (wz_is(a, "event", "detail_ended"))
		return "Did you have status in the classified position you were detailed from?";
	if (wz_is(a, "event", "separated_unclassified"))
		return "Did you have status in a classified position before your unclassified position?";
	if (wz_is(a, "event", "laid_off"))
		return "Did you have status in the classified position you were laid off from?";
	return "Did you have status in the classified position you resigned from?";
}

static const struct wz_field rr_status_fields[] = {
	{ .name = "had_status",
	  .kind = WZ_YESNO,
	  .required = true,
	  .skipped = "0",
	  .label = "Did you have status in a classified position?",
	  .label_for = rr_status_label,
	  .help = "You attain status in a classified (merit) position by completing its probationary "
		  "period." },
	{ .name = NULL },
};

static bool rr_unclassified(const struct wz_answers *a)
{
	return wz_is(a, "event", "separated_unclassified");
}

static const struct wz_field rr_career_fields[] = {
	{ .name = "service_months",
	  .kind = WZ_WHOLE,
	  .required = true,
	  .min = 0,
	  .max = 1200,
	  .unit = "months",
	  .label = "How many months of full-time KRS 18A service do you have?",
	  .help = "A career employee has 16 years (192 months) of full-time service under KRS Chapter "
		  "18A, or its part-time equivalent. Count part-time months at their full-time "
		  "equivalent.",
	  .invalid = msg_months },
	{ .name = "for_cause",
	  .kind = WZ_YESNO,
	  .required = true,
	  .label = "Were you separated for cause?",
	  .help = "For cause means as a disciplinary action, for example for misconduct or poor "
		  "performance." },
	{ .name = NULL },
};

static bool rr_resigned(const struct wz_answers *a)
{
	return wz_is(a, "event", "resigned");
}

static const struct wz_field rr_standing_fields[] = {
	{ .name = "good_standing",
	  .kind = WZ_YESNO,
	  .required = true,
	  .label = "Did you resign in good standing?",
	  .help = "For example with proper notice, and not while facing disciplinary action." },
	{ .name = NULL },
};

static const struct wz_step rr_steps[] = {
	{ "event", "What happened", NULL, rr_event_fields, NULL },
	{ "status", "Your status", NULL, rr_status_fields, rr_status_matters },
	{ "career", "Your service", NULL, rr_career_fields, rr_unclassified },
	{ "standing", "Your resignation", NULL, rr_standing_fields, rr_resigned },
	{ NULL, NULL, NULL, NULL, NULL },
};

static int parse_return_rights(rules_param_get get, void *ctx, rules_param_error *err)
{
	rules_return_rights_input in;

	return rules_params_return_rights(get, ctx, &in, err);
}

const struct wizard_def wizard_return_rights = {
	.slug = "return-rights",
	.title = "Return rights: reversion, reemployment, reinstatement",
	.summary = "After a failed probation, a detail, a layoff, a resignation or another separation: "
		   "which rights to return to state service you have.",
	.intro = "Find out which of reversion rights, reemployment rights and reinstatement privileges "
		 "apply to you, and what each means. Nothing is saved or sent: your answers stay in this "
		 "page's address.",
	.api_path = "/api/wizards/return-rights",
	.steps = rr_steps,
	.parse = parse_return_rights,
};

/* ---- All wizards, calculators, home page and navigation --------------- */

static const struct wizard_def *const all[] = {
	&wizard_fmla,
	&wizard_leave_sharing,
	&wizard_return_rights,
};

const struct wizard_def *const *wizards_all(size_t *count)
{
	*count = sizeof all / sizeof all[0];
	return all;
}

const struct wizard_def *wizards_find(const char *slug)
{
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(all[i]->slug, slug) == 0)
			return all[i];
	return NULL;
}

const struct wz_field wizards_leave_calc_fields[] = {
	{ .name = "service_months",
	  .kind = WZ_WHOLE,
	  .required = true,
	  .min = 0,
	  .max = 1200,
	  .unit = "months",
	  .label = "How many months of service do you have?",
	  .help = "Count every month of state service in which you earned leave, in any agency.",
	  .invalid = msg_months },
	{ .name = "week_hours",
	  .kind = WZ_CHOICE,
	  .required = true,
	  .options = ls_weeks,
	  .label = "What is your regular workweek?",
	  .help = "Most state employees work 37.5 hours a week (7.5-hour days); some work 40 (8-hour "
		  "days). Leave is earned in working days, so this sets the hours." },
	{ .name = NULL },
};

const struct wz_field wizards_holiday_fields[] = {
	{ .name = "year",
	  .kind = WZ_WHOLE,
	  .required = true,
	  .min = RULES_YEAR_MIN,
	  .max = RULES_YEAR_MAX,
	  .label = "Which year?",
	  .help = "Any year from 1990 to 2100.",
	  .invalid = "Enter a year from 1990 to 2100, such as 2025." },
	{ .name = NULL },
};

static const struct wizards_tool tools[] = {
	{ "wz_fmla", "/wizards/fmla", "Family and medical leave (FMLA)",
	  "Are you eligible, for how many weeks, and how the state's rules beat federal law.", NULL },
	{ "wz_leave_sharing", "/wizards/leave-sharing", "Leave sharing",
	  "Receive donated sick or annual leave, or give some of yours.", NULL },
	{ "wz_return_rights", "/wizards/return-rights", "Return rights",
	  "Reversion, reemployment and reinstatement after leaving a position.", NULL },
	{ "wz_annual", "/calculators/annual-leave", "Annual leave calculator",
	  "What you earn each month and the most you can carry into next year.", wizards_leave_calc_fields },
	{ "wz_sick", "/calculators/sick-leave", "Sick leave calculator",
	  "What you earn, and the bonus days at 10 and 20 years.", wizards_leave_calc_fields },
	{ "wz_holidays", "/calculators/holidays", "State holidays",
	  "Any year's holidays with observed dates, as a list or a calendar file.", wizards_holiday_fields },
};

const struct wizards_tool *wizards_tool_find(const char *url)
{
	for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++)
		if (strcmp(tools[i].url, url) == 0)
			return &tools[i];
	return NULL;
}

NEOERR *wizards_home_tools(HDF *hdf)
{
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < sizeof tools / sizeof tools[0] && err == STATUS_OK; i++) {
		err = hdf_set_valuef(hdf, "Tools.%s.Url=%s", tools[i].key, tools[i].url);
		if (err == STATUS_OK)
			err = hdf_set_valuef(hdf, "Tools.%s.Title=%s", tools[i].key, tools[i].title);
		if (err == STATUS_OK)
			err = hdf_set_valuef(hdf, "Tools.%s.Description=%s", tools[i].key, tools[i].description);
	}
	return nerr_pass(err);
}

NEOERR *wizards_nav(HDF *hdf)
{
	NEOERR *err = hdf_set_value(hdf, "Nav.wizards.Url", "/wizards");

	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Nav.wizards.Title", "Wizards and calculators");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Nav.wizards.Section", "wizards");
	return nerr_pass(err);
}
