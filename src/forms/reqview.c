#include "forms/reqview.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms/formcheck.h"
#include "forms/formdef.h"
#include "forms/ledger.h"
#include "store/ledger.h"
#include "store/requests.h"
#include "wizard/wizres.h"
#include "core/isotime.h"

NEOERR *reqview_set(HDF *hdf, const char *value, const char *name_fmt, ...)
{
	char name[256];
	va_list ap;

	va_start(ap, name_fmt);
	vsnprintf(name, sizeof name, name_fmt, ap);
	va_end(ap);
	return nerr_pass(hdf_set_value(hdf, name, value ? value : ""));
}

/* US Eastern offset for a UTC instant (the same rule as content_today). */
static int eastern_offset_hours(time_t t)
{
	struct tm tm;
	int year;

	gmtime_r(&t, &tm);
	year = tm.tm_year + 1900;
	{
		struct tm m = { .tm_year = year - 1900, .tm_mon = 2, .tm_mday = 1, .tm_hour = 7 };
		struct tm n = { .tm_year = year - 1900, .tm_mon = 10, .tm_mday = 1, .tm_hour = 6 };
		time_t start = timegm(&m), end = timegm(&n);

		gmtime_r(&start, &m);
		start += (time_t)(((7 - m.tm_wday) % 7) + 7) * 86400;
		gmtime_r(&end, &n);
		end += (time_t)((7 - n.tm_wday) % 7) * 86400;
		return t >= start && t < end ? -4 : -5;
	}
}

void reqview_local_time(const char *iso, char out[32])
{
	struct tm tm;
	time_t t = iso_time_parse(iso);

	if (t == -1) {
		snprintf(out, 32, "%s", iso ? iso : "");
		return;
	}
	t += (time_t)eastern_offset_hours(t) * 3600;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M ET", &tm);
}

static const char *step_kind_label(const char *kind)
{
	if (strcmp(kind, "supervisor") == 0)
		return "Supervisor";
	if (strcmp(kind, "second_line") == 0)
		return "Second-line supervisor";
	if (strcmp(kind, "line") == 0)
		return "Line supervisor";
	if (strcmp(kind, "appointing_authority") == 0)
		return "Appointing authority";
	return kind;
}

/* The history's actions are their own vocabulary (request_events.action),
 * not statuses: some share a status's word, most do not, so they stay text. */
static const char *action_label(const char *action)
{
	static const struct {
		const char *action, *label;
	} labels[] = {
		{ "created", "Started (draft)" },
		{ "submitted", "Submitted and signed" },
		{ "approved", "Approved" },
		{ "denied", "Denied" },
		{ "decided", "Findings and decision" },
		{ "withdrawn", "Withdrawn" },
		{ "escalated", "Escalated" },
		{ "accepted", "Decision accepted" },
		{ "closed", "Closed" },
		{ "filed", "Filed" },
		{ "acknowledged", "Acknowledged" },
		{ "returned_to_work", "Back at work" },
		{ "transferred", "Leave transferred" },
		{ "restored", "Leave restored" },
	};

	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].action, action) == 0)
			return labels[i].label;
	return action;
}

static NEOERR *user_name(struct db *db, int64_t id, const char *prefix_fmt, HDF *hdf, const char *prefix)
{
	struct store_requests_person p;
	int found = 0;
	NEOERR *err;

	if (id == 0)
		return STATUS_OK;
	err = store_requests_person(db, id, &p, &found);
	if (err == STATUS_OK && found) {
		err = reqview_set(hdf, p.name, "%s.%s.Name", prefix, prefix_fmt);
		if (err == STATUS_OK)
			err = reqview_set(hdf, p.employee_id, "%s.%s.EmployeeId", prefix, prefix_fmt);
		if (err == STATUS_OK)
			err = reqview_set(hdf, p.agency, "%s.%s.Agency", prefix, prefix_fmt);
		if (err == STATUS_OK)
			err = reqview_set(hdf, p.login, "%s.%s.Login", prefix, prefix_fmt);
	}
	return nerr_pass(err);
}

static NEOERR *fill_fields(const struct form_def *def, const struct form_values *v, HDF *hdf, const char *prefix)
{
	int section = -1, field = 0;
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < def->n_fields && err == STATUS_OK; i++) {
		const struct form_field *f = &def->fields[i];

		if (section < 0 || f->section != NULL) {
			section++;
			field = 0;
			err = reqview_set(hdf, f->section ? f->section : def->title, "%s.Sections.%d.Heading", prefix,
					  section);
		}
		if (err == STATUS_OK)
			err = reqview_set(hdf, f->name, "%s.Sections.%d.Fields.%d.Name", prefix, section, field);
		if (err == STATUS_OK)
			err = reqview_set(hdf, f->label, "%s.Sections.%d.Fields.%d.Label", prefix, section, field);
		if (err == STATUS_OK)
			err = reqview_set(hdf, formdef_display(f, form_get(v, f->name)),
					  "%s.Sections.%d.Fields.%d.Value", prefix, section, field);
		field++;
	}
	return nerr_pass(err);
}

/* Where the rows of a list go: n counts them. */
struct hdf_list {
	HDF *hdf;
	const char *prefix;
	int n;
};

static NEOERR *history_row(void *ctx, const struct store_requests_event_row *e)
{
	struct hdf_list *l = ctx;
	char when[32], step[16];
	int n = l->n++;
	NEOERR *err;

	reqview_local_time(e->at, when);
	snprintf(step, sizeof step, "%d", e->step);
	err = reqview_set(l->hdf, when, "%s.History.%d.At", l->prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, e->who, "%s.History.%d.Who", l->prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, action_label(e->action), "%s.History.%d.Action", l->prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, e->action, "%s.History.%d.Kind", l->prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, step, "%s.History.%d.Step", l->prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, e->note, "%s.History.%d.Note", l->prefix, n);
	return nerr_pass(err);
}

static NEOERR *fill_history(struct db *db, int64_t id, HDF *hdf, const char *prefix)
{
	struct hdf_list l = { hdf, prefix, 0 };

	return nerr_pass(store_requests_events(db, id, history_row, &l));
}

static NEOERR *signature_row(void *ctx, const struct store_requests_signature_row *s)
{
	struct hdf_list *l = ctx;
	char when[32];
	int n = l->n++;
	NEOERR *err;

	reqview_local_time(s->signed_at, when);
	err = reqview_set(l->hdf, s->role, "%s.Signatures.%d.Role", l->prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, s->typed_name, "%s.Signatures.%d.TypedName", l->prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, when, "%s.Signatures.%d.SignedAt", l->prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, s->name, "%s.Signatures.%d.Name", l->prefix, n);
	return nerr_pass(err);
}

static NEOERR *fill_signatures(struct db *db, int64_t id, HDF *hdf, const char *prefix)
{
	struct hdf_list l = { hdf, prefix, 0 };

	return nerr_pass(store_requests_signatures(db, id, signature_row, &l));
}

static NEOERR *fill_lines(HDF *hdf, const char *text, const char *fmt_prefix, const char *prefix, int citations)
{
	char *copy = strdup(text ? text : ""), *save = NULL;
	int n = 0;
	NEOERR *err = STATUS_OK;

	if (copy == NULL)
		return nerr_raise(NERR_NOMEM, "lines");
	for (char *line = strtok_r(copy, "\n", &save); line && err == STATUS_OK; line = strtok_r(NULL, "\n", &save)) {
		if (citations) {
			char *tab = strchr(line, '\t');

			if (tab)
				*tab = '\0';
			err = reqview_set(hdf, line, "%s.%s.%d.Cite", prefix, fmt_prefix, n);
			if (err == STATUS_OK && tab && tab[1])
				err = reqview_set(hdf, tab + 1, "%s.%s.%d.Url", prefix, fmt_prefix, n);
		} else {
			err = reqview_set(hdf, line, "%s.%s.%d", prefix, fmt_prefix, n);
		}
		n++;
	}
	free(copy);
	return nerr_pass(err);
}

static NEOERR *fill_wizres(HDF *hdf, const char *prefix, const char *node, const struct wizres *r)
{
	char p[64];
	NEOERR *err;

	snprintf(p, sizeof p, "%s.%s", prefix, node);
	err = reqview_set(hdf, r->eligible ? "1" : "0", "%s.Eligible", p);
	if (err == STATUS_OK)
		err = reqview_set(hdf, r->figures, "%s.Figures", p);
	if (err == STATUS_OK)
		err = fill_lines(hdf, r->reasons, "Reasons", p, 0);
	if (err == STATUS_OK)
		err = fill_lines(hdf, r->citations, "Citations", p, 1);
	return nerr_pass(err);
}

/* The result stored with the request, as it was. */
struct wizard_seen {
	HDF *hdf;
	const char *prefix;
	struct wizres *before;
	int found;
};

static NEOERR *wizard_row(void *ctx, const struct store_requests_wizard_row *w)
{
	struct wizard_seen *s = ctx;
	NEOERR *err;

	s->found = 1;
	s->before->eligible = w->eligible != 0;
	snprintf(s->before->figures, sizeof s->before->figures, "%s", w->figures);
	snprintf(s->before->reasons, sizeof s->before->reasons, "%s", w->reasons);
	snprintf(s->before->citations, sizeof s->before->citations, "%s", w->citations);
	err = reqview_set(s->hdf, w->evaluated_on, "%s.Wizard.EvaluatedOn", s->prefix);
	if (err == STATUS_OK)
		err = reqview_set(s->hdf, w->answers, "%s.Wizard.AnswersJson", s->prefix);
	return nerr_pass(err);
}

static NEOERR *fill_wizard(struct db *db, const struct form_def *def, const struct request_row *row,
			   const struct form_values *v, HDF *hdf, const char *prefix)
{
	struct wizard_seen seen = { hdf, prefix, NULL, 0 };
	int found = 0;
	struct wizres *before = NULL, *now = NULL;
	struct form_rules_ctx rc = { v, NULL, NULL, NULL };
	rules_param_error perr = { NULL, NULL };
	NEOERR *err;

	if (def->wizard == NULL)
		return STATUS_OK;
	before = calloc(1, sizeof *before);
	now = calloc(1, sizeof *now);
	if (before == NULL || now == NULL) {
		free(before);
		free(now);
		return nerr_raise(NERR_NOMEM, "wizard result");
	}
	seen.before = before;
	err = store_requests_wizard(db, row->id, wizard_row, &seen);
	found = seen.found;
	if (err == STATUS_OK && found)
		err = fill_wizres(hdf, prefix, "Wizard", before);
	/* The rules again, on the request's own answers. */
	if (err == STATUS_OK && row->status != REQUEST_DRAFT) {
		if (wizres_evaluate(def->wizard, def->key, formcheck_rules_param, &rc, now, NULL, &perr) == 0) {
			err = fill_wizres(hdf, prefix, "Check", now);
			if (err == STATUS_OK && found) {
				char changes[2048];
				int n = wizres_compare(before, now, changes, sizeof changes);

				err = reqview_set(hdf, n ? "1" : "0", "%s.Check.Changed", prefix);
				if (err == STATUS_OK)
					err = fill_lines(hdf, changes, "Check.Changes", prefix, 0);
			}
		}
	}
	free(before);
	free(now);
	return nerr_pass(err);
}

static NEOERR *donation_row(void *ctx, const struct store_donation_row *d)
{
	struct hdf_list *l = ctx;
	char h[32], when[32];
	int n = l->n++;
	NEOERR *err = hdf_set_valuef(l->hdf, "%s.Sharing.Donations.%d.Id=%" PRId64, l->prefix, n,
				     (int64_t)d->request_id);

	if (err == STATUS_OK)
		err = reqview_set(l->hdf, d->donor_name, "%s.Sharing.Donations.%d.Donor", l->prefix, n);
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, d->donor_employee_id, "%s.Sharing.Donations.%d.EmployeeId", l->prefix, n);
	ledger_format_hours(d->hours_ch, h);
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, h, "%s.Sharing.Donations.%d.Offered", l->prefix, n);
	if (d->transferred_ch >= 0)
		ledger_format_hours(d->transferred_ch, h);
	else
		snprintf(h, sizeof h, "%s", "not yet");
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, h, "%s.Sharing.Donations.%d.Transferred", l->prefix, n);
	ledger_format_hours(d->restored_ch, h);
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, h, "%s.Sharing.Donations.%d.Restored", l->prefix, n);
	/* The ledger's row carries the status word. */
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, requests_status_label(d->status), "%s.Sharing.Donations.%d.Status", l->prefix,
				  n);
	reqview_local_time(d->received_at, when);
	if (err == STATUS_OK)
		err = reqview_set(l->hdf, when, "%s.Sharing.Donations.%d.ReceivedAt", l->prefix, n);
	return nerr_pass(err);
}

static NEOERR *fill_sharing(struct db *db, const struct request_row *row, HDF *hdf, const char *prefix)
{
	struct store_sharing_row s;
	struct hdf_list l = { hdf, prefix, 0 };
	int found = 0;
	int64_t received = 0, returned = 0;
	char h[32];
	NEOERR *err = store_ledger_sharing(db, row->id, &s, &found);

	if (err != STATUS_OK || !found)
		return nerr_pass(err);
	err = reqview_set(hdf, s.program, "%s.Sharing.Program", prefix);
	if (err == STATUS_OK)
		err = reqview_set(hdf, s.state, "%s.Sharing.State", prefix);
	if (err == STATUS_OK)
		err = reqview_set(hdf, s.returned_on, "%s.Sharing.ReturnedOn", prefix);
	/* Balances are sums of ledger rows, never stored. */
	if (err == STATUS_OK)
		err = store_ledger_balance(db, row->id, row->owner_id, &received, &returned);
	ledger_format_hours(s.requested_ch, h);
	if (err == STATUS_OK)
		err = reqview_set(hdf, h, "%s.Sharing.Requested", prefix);
	if (err == STATUS_OK && s.certified_ch >= 0) {
		int64_t remaining = s.certified_ch - (received - returned);

		ledger_format_hours(s.certified_ch, h);
		err = reqview_set(hdf, h, "%s.Sharing.Certified", prefix);
		ledger_format_hours(remaining > 0 ? remaining : 0, h);
		if (err == STATUS_OK)
			err = reqview_set(hdf, h, "%s.Sharing.Remaining", prefix);
	}
	ledger_format_hours(received, h);
	if (err == STATUS_OK)
		err = reqview_set(hdf, h, "%s.Sharing.Received", prefix);
	ledger_format_hours(returned, h);
	if (err == STATUS_OK)
		err = reqview_set(hdf, h, "%s.Sharing.Returned", prefix);
	if (err == STATUS_OK && s.used_ch >= 0) {
		ledger_format_hours(s.used_ch, h);
		err = reqview_set(hdf, h, "%s.Sharing.Used", prefix);
	}
	if (err == STATUS_OK)
		err = store_ledger_donations(db, row->id, donation_row, &l);
	return nerr_pass(err);
}

static NEOERR *fill_donation(struct db *db, const struct request_row *row, HDF *hdf, const char *prefix)
{
	struct store_donation_view d;
	int found = 0;
	char h[32];
	NEOERR *err = store_ledger_donation_view(db, row->id, &d, &found);

	if (err != STATUS_OK || !found)
		return nerr_pass(err);
	err = reqview_set(hdf, d.recipient_name, "%s.Donation.Recipient", prefix);
	if (err == STATUS_OK)
		err = reqview_set(hdf, d.recipient_employee_id, "%s.Donation.RecipientId", prefix);
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Donation.Application=%" PRId64, prefix, (int64_t)d.application_id);
	if (d.transferred_ch >= 0) {
		ledger_format_hours(d.transferred_ch, h);
		if (err == STATUS_OK)
			err = reqview_set(hdf, h, "%s.Donation.Transferred", prefix);
	}
	ledger_format_hours(d.restored_ch, h);
	if (err == STATUS_OK)
		err = reqview_set(hdf, h, "%s.Donation.Restored", prefix);
	return nerr_pass(err);
}

static NEOERR *fill_levels(struct db *db, const struct request_row *row, const struct form_values *v, HDF *hdf,
			   const char *prefix)
{
	const char *s = form_get(v, "_levels");
	int n = 0;
	NEOERR *err = STATUS_OK;

	while (s && *s && err == STATUS_OK && n < 16) {
		char *end;
		int64_t id = strtoll(s, &end, 10);
		char p[64];

		if (id <= 0 || end[0] != ':')
			break;
		snprintf(p, sizeof p, "Levels.%d", n);
		err = user_name(db, id, p, hdf, prefix);
		if (err == STATUS_OK)
			err = reqview_set(hdf,
					  end[1] == 'A' ? "Appointing authority"
					  : n == 0      ? "First response"
							: "Next line supervisor",
					  "%s.Levels.%d.Kind", prefix, n);
		if (err == STATUS_OK)
			err = hdf_set_valuef(hdf, "%s.Levels.%d.Level=%d", prefix, n, n + 1);
		if (err == STATUS_OK && n + 1 == row->step && row->status == REQUEST_PENDING)
			err = reqview_set(hdf, "1", "%s.Levels.%d.Current", prefix, n);
		n++;
		s = end + 2;
		if (*s == ',')
			s++;
	}
	return nerr_pass(err);
}

NEOERR *reqview_fill(struct db *db, const struct request_row *row, time_t now, HDF *hdf, const char *prefix)
{
	const struct form_def *def = formdef_find(row->type);
	struct request_answers ans;
	char when[32];
	NEOERR *err;

	(void)now;
	if (def == NULL)
		return nerr_raise(NERR_ASSERT, "unknown request type %s", row->type);
	err = requests_load_answers(db, row->id, &ans);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = hdf_set_valuef(hdf, "%s.Id=%" PRId64, prefix, row->id);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->type, "%s.Type", prefix);
	if (err == STATUS_OK)
		err = reqview_set(hdf, def->title, "%s.Title", prefix);
	if (err == STATUS_OK && def->private_matter)
		err = hdf_set_valuef(hdf, "%s.PrivateMatter=1", prefix);
	if (err == STATUS_OK) {
		/* "Leave request 12", "Grievance, request 12": the word once. */
		size_t tl = strlen(def->title);
		int ends_in_request = tl >= 7 && strcasecmp(def->title + tl - 7, "request") == 0;

		err = hdf_set_valuef(hdf,
				     ends_in_request ? "%s.Heading=%s %" PRId64 : "%s.Heading=%s, request %" PRId64,
				     prefix, def->title, row->id);
	}
	if (err == STATUS_OK)
		err = reqview_set(hdf, def->official, "%s.Official", prefix);
	if (err == STATUS_OK)
		err = reqview_set(hdf, def->declaration, "%s.Declaration", prefix);
	if (err == STATUS_OK)
		err = reqview_set(hdf, def->intro, "%s.Intro", prefix);
	if (err == STATUS_OK)
		err = reqview_set(hdf, def->handbook, "%s.Handbook", prefix);
	if (err == STATUS_OK)
		err = reqview_set(hdf, request_status_name(row->status), "%s.Status", prefix);
	if (err == STATUS_OK)
		err = reqview_set(hdf, request_status_label(row->status), "%s.StatusLabel", prefix);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->summary, "%s.Summary", prefix);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->due_on, "%s.DueOn", prefix);
	if (err == STATUS_OK)
		err = reqview_set(hdf, row->received_on, "%s.ReceivedOn", prefix);
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Step=%d", prefix, row->step);
	if (err == STATUS_OK && row->step_kind[0])
		err = reqview_set(hdf, step_kind_label(row->step_kind), "%s.StepKindLabel", prefix);
	reqview_local_time(row->submitted_at, when);
	if (err == STATUS_OK && row->submitted_at[0])
		err = reqview_set(hdf, when, "%s.SubmittedAt", prefix);
	reqview_local_time(row->created_at, when);
	if (err == STATUS_OK)
		err = reqview_set(hdf, when, "%s.CreatedAt", prefix);
	reqview_local_time(row->closed_at, when);
	if (err == STATUS_OK && row->closed_at[0])
		err = reqview_set(hdf, when, "%s.ClosedAt", prefix);
	if (err == STATUS_OK && form_get(&ans.values, "_review_on"))
		err = reqview_set(hdf, form_get(&ans.values, "_review_on"), "%s.ReviewOn", prefix);
	if (err == STATUS_OK && strcmp(row->step_kind, "second_line") == 0)
		err = reqview_set(hdf, "1", "%s.FiledWithSecondLine", prefix);
	if (err == STATUS_OK)
		err = user_name(db, row->owner_id, "Owner", hdf, prefix);
	if (err == STATUS_OK)
		err = user_name(db, row->assignee_id, "Assignee", hdf, prefix);
	if (err == STATUS_OK)
		err = fill_fields(def, &ans.values, hdf, prefix);
	if (err == STATUS_OK)
		err = fill_history(db, row->id, hdf, prefix);
	if (err == STATUS_OK)
		err = fill_signatures(db, row->id, hdf, prefix);
	if (err == STATUS_OK)
		err = fill_wizard(db, def, row, &ans.values, hdf, prefix);
	if (err == STATUS_OK && strstr(row->type, "sharing") != NULL)
		err = fill_sharing(db, row, hdf, prefix);
	if (err == STATUS_OK && strstr(row->type, "donation") != NULL)
		err = fill_donation(db, row, hdf, prefix);
	if (err == STATUS_OK && strcmp(row->type, "grievance") == 0)
		err = fill_levels(db, row, &ans.values, hdf, prefix);
	requests_answers_free(&ans);
	return nerr_pass(err);
}
