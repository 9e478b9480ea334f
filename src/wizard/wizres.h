/* wizres: a wizard's result as a request keeps it.
 *
 * A request started from a wizard (the FMLA or leave-sharing wizard links
 * to /forms/<form>/new with the wizard's parameters) stores what the rules
 * module answered then: every answer, the outcome, the figures, the
 * reasons and the citations, and the date. When someone opens the request
 * the rules are run again on the request's own answers, and
 * wizres_compare() says what differs. The return-rights wizard has no
 * form; its result is evaluated here for its PDF document. Pure (rules
 * module + JSON writer). */
#ifndef HR_WIZRES_H
#define HR_WIZRES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/json.h"
#include "rules/rules.h"

#define WIZRES_TEXT 12000

struct wizres {
	bool eligible;
	char outcome[256];         /* in words: "Eligible", "You have reemployment rights." */
	char figures[256];         /* "Entitlement 12 weeks; remaining 12 weeks" */
	char reasons[WIZRES_TEXT]; /* one per line */
	char citations[2048];      /* "cite\turl" per line */
};

/* The wizard a form accepts parameters from (its def->wizard) and the
 * names of those parameters, NULL-terminated. */
const char *const *wizres_param_names(const char *wizard, const char *form_key);

/* Evaluate the rules for a form's wizard with parameters from get/ctx.
 * role/program are implied by the form (leave sharing). Returns 0, or -1
 * with *err filled when a parameter is missing or invalid. When json is
 * not NULL the rules module's JSON answer is written into it. */
int wizres_evaluate(const char *wizard, const char *form_key, rules_param_get get, void *ctx, struct wizres *out,
		    json_writer *json, rules_param_error *err);

/* The return-rights answer in one sentence ("You have reversion rights
 * and reemployment rights."). */
void wizres_return_rights_outcome(const rules_return_rights_result *r, char *out, size_t size);

/* Differences between a stored result and a fresh one, as sentences into
 * out (one per line); returns how many. */
int wizres_compare(const struct wizres *before, const struct wizres *now, char *out, size_t size);

#endif
