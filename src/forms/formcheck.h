/* formcheck: is a form's set of answers acceptable, and what does it say?
 *
 * Every field is checked for its type and size (a draft only gets these
 * checks: it may be incomplete but never malformed); a complete form is
 * also checked for required fields and the handbook's rules for that form:
 * leave limits (voting and blood donation at most 4 hours on one day,
 * bereavement 5 days unless more are asked for, military 21 working days,
 * dates not in the past where the leave must be approved in advance...),
 * FMLA and leave-sharing eligibility through the rules module, the donor's
 * 75-hour and 7.5/8-hour rules and the recipient's remaining need, the
 * grievance's 30-day window (a warning) and second-line filing. Text that
 * looks like a Social Security number is refused everywhere.
 *
 * Pure: the caller supplies the answers, today's date and what the
 * database knows (the recipient of a donation). Messages are written for
 * the person filling the form and name the field they belong to; all of
 * them come in one round (the form's rules run even when a field has an
 * error), one message per field. */
#ifndef HR_FORMCHECK_H
#define HR_FORMCHECK_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>

#include "forms/formdef.h"
#include "rules/rules.h"

#define FORM_MAX_FIELDS 64
#define FORM_MAX_PROBLEMS 32
#define FORM_MAX_WARNINGS 8
#define FORM_MESSAGE_LEN 480

/* The answers: names and values point into the caller's storage. */
struct form_values {
	size_t n;
	const char *names[FORM_MAX_FIELDS];
	const char *values[FORM_MAX_FIELDS];
};

/* The value of a field, or NULL when absent or empty. */
const char *form_get(const struct form_values *v, const char *name);
/* Set (or replace) a value; -1 when full. */
int form_set(struct form_values *v, const char *name, const char *value);

struct form_context {
	rules_date today;
	bool draft; /* type and size checks only */
	/* Donations: what the database knows about the recipient. */
	bool recipient_found; /* an open (approved) application */
	bool recipient_is_self;
	const char *recipient_week_hours; /* "37.5" or "40" */
	int64_t recipient_need_ch;        /* hours still needed, centihours */
	/* Grievances: the filer has a second-line supervisor. */
	bool has_second_line;
};

struct form_problem {
	const char *field; /* a field name, or "" for the form as a whole */
	char message[FORM_MESSAGE_LEN];
};

struct form_result {
	size_t n_errors;
	struct form_problem errors[FORM_MAX_PROBLEMS];
	size_t n_warnings;
	char warnings[FORM_MAX_WARNINGS][FORM_MESSAGE_LEN];
	/* What the answers amount to (complete forms without errors): */
	char summary[160];     /* dates and hours in a few words (lists, mail) */
	int64_t hours_ch;      /* leave hours, hours requested or donated */
	bool eligible_checked; /* a rules module answer was computed */
	bool eligible;
	rules_explain explain; /* its reasons and citations */
};

/* Check the answers. Returns the number of errors (0: acceptable). */
size_t formcheck_validate(const struct form_def *def, const struct form_values *v, const struct form_context *ctx,
			  struct form_result *out);

/* The first error message for a field, or NULL. */
const char *formcheck_error_for(const struct form_result *r, const char *field);

/* True when text contains something shaped like a Social Security number
 * (three, two and four digits, separated by '-' or spaces, or nine digits
 * in a row). */
bool formcheck_looks_like_ssn(const char *text);

/* Typed signatures: the name typed must be the signer's name (case,
 * spacing and punctuation ignored). */
bool formcheck_signature_matches(const char *typed, const char *name);

/* The rules module's parameters, read from form answers (plus fixed
 * values such as role and program): a rules_param_get. ctx is a
 * struct form_rules_ctx. */
struct form_rules_ctx {
	const struct form_values *values;
	const char *role;       /* "recipient" or "donor" (leave sharing) */
	const char *program;    /* "sick" or "annual" */
	const char *week_hours; /* donor: the recipient's week */
};
const char *formcheck_rules_param(void *ctx, const char *name);

#endif
