/* rules_params.c: request parameters to rules input structs.
 *
 * Shared by the JSON API and the HTML wizards so both accept and reject
 * exactly the same things. Everything is strict: booleans are "0"/"1",
 * numbers are plain unsigned decimals within bounds, enumerations match
 * exactly, and values over RULES_PARAM_MAX_LEN bytes are refused before
 * they are looked at. An empty value counts as absent (an empty form
 * field), so optional fields take their default.
 */
#include "rules/rules_int.h"

#include <stdint.h>
#include <string.h>

static const char msg_required[] = "This field is required.";
static const char msg_too_long[] = "The value is too long.";
static const char msg_bool[] = "Use 0 for no or 1 for yes.";

static int fail(rules_param_error *err, const char *field, const char *message)
{
	if (err) {
		err->field = field;
		err->message = message;
	}
	return -1;
}

/* The value, or NULL when absent/empty; -1 through *rc when too long. */
static const char *value(rules_param_get get, void *ctx, const char *name, int *rc, rules_param_error *err)
{
	const char *v = get(ctx, name);
	*rc = 0;
	if (!v || !*v)
		return NULL;
	/* strnlen stops early, so a huge value costs nothing to refuse. */
	if (strnlen(v, RULES_PARAM_MAX_LEN + 1) > RULES_PARAM_MAX_LEN) {
		*rc = fail(err, name, msg_too_long);
		return NULL;
	}
	return v;
}

static int p_bool(rules_param_get get, void *ctx, const char *name, bool required, bool dflt, bool *out,
		  rules_param_error *err)
{
	int rc;
	const char *v = value(get, ctx, name, &rc, err);
	if (rc)
		return rc;
	if (!v) {
		if (required)
			return fail(err, name, msg_required);
		*out = dflt;
		return 0;
	}
	if (strcmp(v, "0") == 0)
		*out = false;
	else if (strcmp(v, "1") == 0)
		*out = true;
	else
		return fail(err, name, msg_bool);
	return 0;
}

/* Plain decimal: digits, optionally '.' and one or two digits. Nothing
 * else: no sign, spaces, exponent or hex, so "-1", "1e3" and " 5" fail. */
bool rules_param_decimal(const char *s, bool allow_fraction, double *out)
{
	int64_t ip = 0, frac = 0;
	int idigits = 0, fdigits = 0;
	const char *p = s;
	while (p[0] == '0' && p[1] >= '0' && p[1] <= '9')
		p++; /* leading zeros carry no magnitude */
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++idigits > 12)
			return false;
		ip = ip * 10 + (*p - '0');
	}
	if (idigits == 0)
		return false;
	if (*p == '.' && allow_fraction) {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++fdigits > 2)
				return false;
			frac = frac * 10 + (*p - '0');
		}
		if (fdigits == 0)
			return false;
		if (fdigits == 1)
			frac *= 10;
	}
	if (*p != '\0')
		return false;
	*out = (double)(ip * 100 + frac) / 100.0;
	return true;
}

/* A number within [min, max]; when absent, dflt (which may lie outside the
 * range, e.g. -1 for "not given"). */
static int p_range(rules_param_get get, void *ctx, const char *name, bool required, double dflt, double min, double max,
		   bool allow_fraction, const char *msg, double *out, rules_param_error *err)
{
	int rc;
	const char *v = value(get, ctx, name, &rc, err);
	if (rc)
		return rc;
	if (!v) {
		if (required)
			return fail(err, name, msg_required);
		*out = dflt;
		return 0;
	}
	double d;
	if (!rules_param_decimal(v, allow_fraction, &d) || d < min || d > max)
		return fail(err, name, msg);
	*out = d;
	return 0;
}

static int p_num(rules_param_get get, void *ctx, const char *name, bool required, double dflt, double max,
		 bool allow_fraction, const char *msg, double *out, rules_param_error *err)
{
	return p_range(get, ctx, name, required, dflt, 0, max, allow_fraction, msg, out, err);
}

static int p_int(rules_param_get get, void *ctx, const char *name, bool required, int dflt, int min, int max,
		 const char *msg, int *out, rules_param_error *err)
{
	double d;
	if (p_range(get, ctx, name, required, dflt, min, max, false, msg, &d, err))
		return -1;
	*out = (int)d;
	return 0;
}

typedef struct enum_opt {
	const char *name;
	int value;
} enum_opt;

static int p_enum(rules_param_get get, void *ctx, const char *name, bool required, int dflt, const enum_opt *opts,
		  const char *msg, int *out, rules_param_error *err)
{
	int rc;
	const char *v = value(get, ctx, name, &rc, err);
	if (rc)
		return rc;
	if (!v) {
		if (required)
			return fail(err, name, msg_required);
		*out = dflt;
		return 0;
	}
	for (; opts->name; opts++) {
		if (strcmp(v, opts->name) == 0) {
			*out = opts->value;
			return 0;
		}
	}
	return fail(err, name, msg);
}

/* C enums are ints in practice, but go through an int to stay portable. */
#define P_ENUM(name, req, dflt, opts, msg, field)                           \
	do {                                                                \
		int v_;                                                     \
		if (p_enum(get, ctx, name, req, dflt, opts, msg, &v_, err)) \
			return -1;                                          \
		field = v_;                                                 \
	} while (0)

static const enum_opt fmla_reasons[] = {
	{ "birth", RULES_FMLA_BIRTH },
	{ "placement", RULES_FMLA_PLACEMENT },
	{ "family_care", RULES_FMLA_FAMILY_CARE },
	{ "own_health", RULES_FMLA_OWN_HEALTH },
	{ "military_exigency", RULES_FMLA_MILITARY_EXIGENCY },
	{ "servicemember_care", RULES_FMLA_SERVICEMEMBER_CARE },
	{ NULL, 0 },
};

#define RELATIONS                                                                                       \
	{ "spouse", RULES_REL_SPOUSE }, { "child", RULES_REL_CHILD }, { "parent", RULES_REL_PARENT },   \
		{ "grandparent", RULES_REL_GRANDPARENT }, { "parent_in_law", RULES_REL_PARENT_IN_LAW }, \
		{ "sibling", RULES_REL_SIBLING }, { "next_of_kin", RULES_REL_NEXT_OF_KIN },             \
	{                                                                                               \
		"other", RULES_REL_OTHER                                                                \
	}

static const enum_opt relations[] = { RELATIONS, { NULL, 0 } };
static const enum_opt conditions[] = { { "self", RULES_REL_SELF }, RELATIONS, { NULL, 0 } };

static const enum_opt weeks[] = { { "37.5", RULES_WEEK_37_5 }, { "40", RULES_WEEK_40 }, { NULL, 0 } };

static const char msg_months[] = "Enter months of service as a whole number from 0 to 1200.";
static const char msg_week[] = "Choose a regular workweek of 37.5 or 40 hours.";
static const char msg_relation[] =
	"Choose spouse, child, parent, grandparent, parent_in_law, sibling, next_of_kin or other.";

int rules_params_fmla(rules_param_get get, void *ctx, rules_fmla_input *in, rules_param_error *err)
{
	memset(in, 0, sizeof *in);
	if (p_int(get, ctx, "service_months", true, 0, 0, 1200, msg_months, &in->service_months, err))
		return -1;
	if (p_num(get, ctx, "hours", true, 0, 8784, true,
		  "Enter hours as a number from 0 to 8784, with at most two decimal places.", &in->hours, err))
		return -1;
	if (p_num(get, ctx, "paid_leave_hours", false, 0, 8784, true,
		  "Enter paid leave hours as a number from 0 to 8784, with at most two decimal places.",
		  &in->paid_leave_hours, err))
		return -1;
	if (in->paid_leave_hours > in->hours)
		return fail(err, "paid_leave_hours", "Paid leave hours cannot be more than the total hours.");
	/* Without the service requirements no reason qualifies: not needed then. */
	P_ENUM("reason", rules_fmla_service_met(in->service_months, in->hours), RULES_FMLA_REASON_NOT_ASKED,
	       fmla_reasons,
	       "Choose birth, placement, family_care, own_health, military_exigency or "
	       "servicemember_care.",
	       in->reason);
	bool family = in->reason == RULES_FMLA_FAMILY_CARE || in->reason == RULES_FMLA_MILITARY_EXIGENCY ||
		      in->reason == RULES_FMLA_SERVICEMEMBER_CARE;
	P_ENUM("relation", family, RULES_REL_NONE, relations, msg_relation, in->relation);
	if (p_bool(get, ctx, "child_incapable", false, false, &in->child_incapable, err))
		return -1;
	/* The age decides family care for a son or daughter, unless the child
     * is already known to be incapable of self-care. */
	bool need_age = in->reason == RULES_FMLA_FAMILY_CARE && in->relation == RULES_REL_CHILD && !in->child_incapable;
	if (p_int(get, ctx, "child_age", need_age, -1, 0, 150, "Enter the child's age in whole years from 0 to 150.",
		  &in->child_age, err))
		return -1;
	if (p_bool(get, ctx, "lived_with_30_days", false, false, &in->lived_with_30_days, err) ||
	    p_bool(get, ctx, "legally_responsible", false, false, &in->legally_responsible, err))
		return -1;
	if (p_num(get, ctx, "weeks_used", false, 0, 52, true,
		  "Enter weeks used as a number from 0 to 52, with at most two decimal places.", &in->weeks_used, err))
		return -1;
	if (p_bool(get, ctx, "spouse_state_employee", false, false, &in->spouse_state_employee, err))
		return -1;
	return 0;
}

static const enum_opt roles[] = { { "recipient", RULES_LS_RECIPIENT }, { "donor", RULES_LS_DONOR }, { NULL, 0 } };
static const enum_opt programs[] = { { "sick", RULES_LS_SICK }, { "annual", RULES_LS_ANNUAL }, { NULL, 0 } };
static const enum_opt employers[] = {
	{ "18a", RULES_EMP_18A },
	{ "aoc", RULES_EMP_AOC },
	{ "lrc", RULES_EMP_LRC },
	{ "ksp_sworn", RULES_EMP_KSP_SWORN },
	{ "kentucky_retirement_systems", RULES_EMP_KRS_SYSTEMS },
	{ "ktrs", RULES_EMP_KTRS },
	{ "other", RULES_EMP_OTHER },
	{ NULL, 0 },
};
static const enum_opt losses[] = { { "natural_disaster", RULES_LOSS_NATURAL_DISASTER },
				   { "fire", RULES_LOSS_FIRE },
				   { "other", RULES_LOSS_OTHER },
				   { NULL, 0 } };

int rules_params_leave_sharing(rules_param_get get, void *ctx, rules_leave_sharing_input *in, rules_param_error *err)
{
	memset(in, 0, sizeof *in);
	in->hours_requested = -1;
	in->donate = -1;
	P_ENUM("role", true, 0, roles, "Choose recipient or donor.", in->role);
	P_ENUM("program", true, 0, programs, "Choose sick or annual.", in->program);
	P_ENUM("employer", true, 0, employers,
	       "Choose 18a, aoc, lrc, ksp_sworn, kentucky_retirement_systems, ktrs or other.", in->employer);
	if (p_bool(get, ctx, "active", true, false, &in->active, err))
		return -1;

	if (in->role == RULES_LS_DONOR) {
		if (p_num(get, ctx, "balance", true, 0, 100000, true,
			  "Enter your leave balance in hours as a number from 0 to 100000, with at most two "
			  "decimal places.",
			  &in->balance, err) ||
		    p_num(get, ctx, "donate", false, -1, 100000, true,
			  "Enter the hours to donate as a number from 0 to 100000, with at most two decimal "
			  "places.",
			  &in->donate, err))
			return -1;
		P_ENUM("week_hours", true, 0, weeks, msg_week, in->week);
		return 0;
	}

	bool sick = in->program == RULES_LS_SICK;
	if (sick) {
		P_ENUM("condition_of", true, 0, conditions,
		       "Choose self, spouse, child, parent, grandparent, parent_in_law, sibling, "
		       "next_of_kin or other.",
		       in->condition_of);
		if (p_bool(get, ctx, "lived_with_30_days", false, false, &in->lived_with_30_days, err) ||
		    p_bool(get, ctx, "legally_responsible", false, false, &in->legally_responsible, err) ||
		    p_bool(get, ctx, "certified", true, false, &in->certified, err))
			return -1;
	} else {
		P_ENUM("loss", true, 0, losses, "Choose natural_disaster, fire or other.", in->loss);
	}
	if (p_int(get, ctx, "consecutive_days", true, 0, 0, 366,
		  "Enter consecutive working days as a whole number from 0 to 366.", &in->consecutive_days, err) ||
	    p_bool(get, ctx, "paid_leave_exhausted", true, false, &in->paid_leave_exhausted, err) ||
	    p_bool(get, ctx, "complied", true, false, &in->complied, err))
		return -1;
	if (sick && p_bool(get, ctx, "workers_comp", false, false, &in->workers_comp, err))
		return -1;
	if (p_num(get, ctx, "hours_requested", false, -1, 100000, true,
		  "Enter the hours requested as a number from 0 to 100000, with at most two decimal "
		  "places.",
		  &in->hours_requested, err))
		return -1;
	return 0;
}

static const enum_opt events[] = {
	{ "failed_promotional_probation", RULES_RR_FAILED_PROMOTIONAL_PROBATION },
	{ "detail_ended", RULES_RR_DETAIL_ENDED },
	{ "separated_unclassified", RULES_RR_SEPARATED_UNCLASSIFIED },
	{ "laid_off", RULES_RR_LAID_OFF },
	{ "resigned", RULES_RR_RESIGNED },
	{ "retired", RULES_RR_RETIRED },
	{ "dismissed_for_cause", RULES_RR_DISMISSED_FOR_CAUSE },
	{ NULL, 0 },
};

int rules_params_return_rights(rules_param_get get, void *ctx, rules_return_rights_input *in, rules_param_error *err)
{
	memset(in, 0, sizeof *in);
	P_ENUM("event", true, 0, events,
	       "Choose failed_promotional_probation, detail_ended, separated_unclassified, laid_off, "
	       "resigned, retired or dismissed_for_cause.",
	       in->event);
	if (p_bool(get, ctx, "had_status", true, false, &in->had_status, err))
		return -1;
	/* Career status and cause matter only after an unclassified separation;
     * good standing only after a resignation. Those must be stated. */
	bool unclassified = in->event == RULES_RR_SEPARATED_UNCLASSIFIED;
	if (p_int(get, ctx, "service_months", unclassified, 0, 0, 1200, msg_months, &in->service_months, err) ||
	    p_bool(get, ctx, "for_cause", unclassified, false, &in->for_cause, err) ||
	    p_bool(get, ctx, "good_standing", in->event == RULES_RR_RESIGNED, false, &in->good_standing, err))
		return -1;
	return 0;
}

int rules_params_leave_calc(rules_param_get get, void *ctx, rules_leave_calc_input *in, rules_param_error *err)
{
	memset(in, 0, sizeof *in);
	if (p_int(get, ctx, "service_months", true, 0, 0, 1200, msg_months, &in->service_months, err))
		return -1;
	P_ENUM("week_hours", true, 0, weeks, msg_week, in->week);
	return 0;
}

int rules_params_holidays(rules_param_get get, void *ctx, int *year, rules_param_error *err)
{
	return p_int(get, ctx, "year", true, 0, RULES_YEAR_MIN, RULES_YEAR_MAX, "Enter a year from 1990 to 2100.", year,
		     err);
}
