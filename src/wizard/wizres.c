#include "wizard/wizres.h"

#include <stdio.h>
#include <string.h>

static const char *const fmla_names[] = {
	"service_months",
	"hours",
	"paid_leave_hours",
	"reason",
	"relation",
	"child_age",
	"child_incapable",
	"lived_with_30_days",
	"legally_responsible",
	"weeks_used",
	"spouse_state_employee",
	NULL,
};
static const char *const recipient_names[] = {
	"employer",
	"active",
	"condition_of",
	"lived_with_30_days",
	"legally_responsible",
	"certified",
	"consecutive_days",
	"paid_leave_exhausted",
	"complied",
	"workers_comp",
	"loss",
	"hours_requested",
	NULL,
};
static const char *const donor_names[] = {
	"employer", "active", "balance", "donate", "week_hours", NULL,
};

static const char *const return_rights_names[] = {
	"event", "had_status", "service_months", "for_cause", "good_standing", NULL,
};

static int is_donor_form(const char *key)
{
	return key != NULL && strstr(key, "donation") != NULL;
}

const char *const *wizres_param_names(const char *wizard, const char *form_key)
{
	if (wizard == NULL)
		return NULL;
	if (strcmp(wizard, "fmla") == 0)
		return fmla_names;
	if (strcmp(wizard, "leave-sharing") == 0)
		return is_donor_form(form_key) ? donor_names : recipient_names;
	if (strcmp(wizard, "return-rights") == 0)
		return return_rights_names;
	return NULL;
}

void wizres_return_rights_outcome(const rules_return_rights_result *r, char *out, size_t size)
{
	const char *have[3];
	int k = 0;

	if (r->reversion)
		have[k++] = "reversion rights";
	if (r->reemployment)
		have[k++] = "reemployment rights";
	if (r->reinstatement)
		have[k++] = "reinstatement privileges";
	if (k == 0)
		snprintf(out, size,
			 "You have no reversion rights, reemployment rights or reinstatement "
			 "privileges after this.");
	else if (k == 1)
		snprintf(out, size, "You have %s.", have[0]);
	else if (k == 2)
		snprintf(out, size, "You have %s and %s.", have[0], have[1]);
	else
		snprintf(out, size, "You have %s, %s and %s.", have[0], have[1], have[2]);
}

struct fixed_ctx {
	rules_param_get get;
	void *ctx;
	const char *role, *program;
};

static const char *fixed_get(void *c, const char *name)
{
	struct fixed_ctx *f = c;

	if (strcmp(name, "role") == 0)
		return f->role;
	if (strcmp(name, "program") == 0)
		return f->program;
	return f->get(f->ctx, name);
}

static void explain_text(const rules_explain *e, struct wizres *out)
{
	size_t n = 0;

	out->reasons[0] = '\0';
	for (size_t i = 0; i < e->n_reasons && n < sizeof out->reasons; i++)
		n += (size_t)snprintf(out->reasons + n, sizeof out->reasons - n, "%s%s", i ? "\n" : "", e->reasons[i]);
	n = 0;
	out->citations[0] = '\0';
	for (size_t i = 0; i < e->n_citations && n < sizeof out->citations; i++) {
		char url[160];

		if (rules_citation_url(e->citations[i], url, sizeof url) < 0)
			url[0] = '\0';
		n += (size_t)snprintf(out->citations + n, sizeof out->citations - n, "%s%s\t%s", i ? "\n" : "",
				      e->citations[i]->cite, url);
	}
}

int wizres_evaluate(const char *wizard, const char *form_key, rules_param_get get, void *ctx, struct wizres *out,
		    json_writer *json, rules_param_error *err)
{
	memset(out, 0, sizeof *out);
	if (wizard == NULL)
		return -1;
	if (strcmp(wizard, "fmla") == 0) {
		rules_fmla_input in;
		rules_fmla_result r;

		if (rules_params_fmla(get, ctx, &in, err) != 0 || rules_fmla_evaluate(&in, &r) != 0)
			return -1;
		out->eligible = r.eligible;
		snprintf(out->outcome, sizeof out->outcome, "%s", r.eligible ? "Eligible" : "Not eligible");
		snprintf(out->figures, sizeof out->figures, "Entitlement %d weeks; remaining %.4g weeks",
			 r.entitlement_weeks, r.remaining_weeks);
		explain_text(&r.explain, out);
		if (json)
			rules_json_fmla(json, &r);
		return 0;
	}
	if (strcmp(wizard, "leave-sharing") == 0) {
		struct fixed_ctx f = { get, ctx, is_donor_form(form_key) ? "donor" : "recipient",
				       strncmp(form_key, "annual", 6) == 0 ? "annual" : "sick" };
		rules_leave_sharing_input in;
		rules_leave_sharing_result r;

		if (rules_params_leave_sharing(fixed_get, &f, &in, err) != 0 ||
		    rules_leave_sharing_evaluate(&in, &r) != 0)
			return -1;
		out->eligible = r.eligible;
		snprintf(out->outcome, sizeof out->outcome, "%s", r.eligible ? "Eligible" : "Not eligible");
		if (r.has_max_donation)
			snprintf(out->figures, sizeof out->figures, "Most you may donate %.4g hours; least %.4g hours",
				 r.max_donation, r.min_donation);
		else if (r.has_max_hours)
			snprintf(out->figures, sizeof out->figures, "Most hours you may receive %.4g", r.max_hours);
		else
			snprintf(out->figures, sizeof out->figures, "No fixed limit on hours received");
		explain_text(&r.explain, out);
		if (json)
			rules_json_leave_sharing(json, &r);
		return 0;
	}
	if (strcmp(wizard, "return-rights") == 0) {
		rules_return_rights_input in;
		rules_return_rights_result r;

		if (rules_params_return_rights(get, ctx, &in, err) != 0 || rules_return_rights_evaluate(&in, &r) != 0)
			return -1;
		out->eligible = r.reversion || r.reemployment || r.reinstatement;
		wizres_return_rights_outcome(&r, out->outcome, sizeof out->outcome);
		snprintf(out->figures, sizeof out->figures,
			 "Reversion rights: %s; reemployment rights: %s; "
			 "reinstatement privileges: %s",
			 r.reversion ? "yes" : "no", r.reemployment ? "yes" : "no", r.reinstatement ? "yes" : "no");
		explain_text(&r.explain, out);
		if (json)
			rules_json_return_rights(json, &r);
		return 0;
	}
	return -1;
}

int wizres_compare(const struct wizres *before, const struct wizres *now, char *out, size_t size)
{
	int n = 0;
	size_t len = 0;

	out[0] = '\0';
	if (before->eligible != now->eligible) {
		len += (size_t)snprintf(out + len, size - len, "%sThe outcome changed: %s then, %s now.", n ? "\n" : "",
					before->eligible ? "eligible" : "not eligible",
					now->eligible ? "eligible" : "not eligible");
		n++;
	}
	if (len < size && strcmp(before->figures, now->figures) != 0) {
		len += (size_t)snprintf(out + len, size - len, "%sThe figures changed: \"%s\" then, \"%s\" now.",
					n ? "\n" : "", before->figures, now->figures);
		n++;
	}
	if (len < size && strcmp(before->reasons, now->reasons) != 0) {
		len += (size_t)snprintf(out + len, size - len, "%sThe reasons the rules give changed.", n ? "\n" : "");
		n++;
	}
	if (len < size && strcmp(before->citations, now->citations) != 0) {
		snprintf(out + len, size - len, "%sThe rules cited changed.", n ? "\n" : "");
		n++;
	}
	return n;
}
