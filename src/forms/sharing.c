/* sharing: the leave-sharing ledger's side of the workflow. Applications
 * and donations are entered when submitted, a certified need is set at
 * the application's last approval, approved donations are transferred in
 * order of receipt up to it, and a return to work gives unused hours back
 * to the donors. Apart from workflow.c because this is bookkeeping of
 * hours (ledger.c plans the moves, store/ledger.c keeps them), not the
 * approval chain: the state machine only calls in at its transitions. */
#include "forms/workflow_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/errors.h"
#include "core/isotime.h"
#include "forms/ledger.h"
#include "store/ledger.h"

#define MAX_DONATIONS 256

static const char *program_of(const char *type)
{
	return strncmp(type, "annual", 6) == 0 ? "annual" : "sick";
}

struct sharing {
	int found;
	int64_t id;
	char program[8];
	int64_t recipient_id;
	char week_hours[8];
	int64_t requested_ch;
	int64_t certified_ch; /* -1 until approved */
	char state[8];
};

static NEOERR *sharing_load(struct db *db, int64_t id, struct sharing *s)
{
	struct store_sharing_row r;
	int found = 0;
	NEOERR *err = store_ledger_sharing(db, id, &r, &found);

	memset(s, 0, sizeof *s);
	if (err != STATUS_OK || !found)
		return nerr_pass(err);
	s->found = 1;
	s->id = id;
	snprintf(s->program, sizeof s->program, "%s", r.program);
	s->recipient_id = r.recipient_id;
	snprintf(s->week_hours, sizeof s->week_hours, "%s", r.week_hours);
	s->requested_ch = r.requested_ch;
	s->certified_ch = r.certified_ch;
	snprintf(s->state, sizeof s->state, "%s", r.state);
	return STATUS_OK;
}

/* The donations to an application in order of receipt, as the ledger
 * module sees them (owned by the caller's arrays, at most MAX_DONATIONS). */
struct donations {
	struct ledger_donation *d;
	int64_t *donors;
	size_t n;
};

static NEOERR *donation_seen(void *ctx, const struct store_donation_row *r)
{
	struct donations *ds = ctx;
	struct ledger_donation *d;
	enum request_status status = request_status_parse(r->status); /* the ledger's row carries the word */

	if (ds->n == MAX_DONATIONS)
		return STATUS_OK;
	d = &ds->d[ds->n];
	d->id = r->request_id;
	ds->donors[ds->n] = r->donor_id;
	d->offered_ch = r->hours_ch;
	d->transferred_ch = r->transferred_ch >= 0 ? r->transferred_ch : 0;
	d->restored_ch = r->restored_ch;
	if (r->transferred_ch >= 0)
		d->state = LEDGER_TRANSFERRED;
	else if (status == REQUEST_APPROVED)
		d->state = LEDGER_APPROVED;
	else if (status == REQUEST_PENDING)
		d->state = LEDGER_PENDING;
	else
		d->state = LEDGER_DECLINED;
	ds->n++;
	return STATUS_OK;
}

static NEOERR *donations_load(struct db *db, int64_t app_id, struct ledger_donation *d, int64_t *donors, size_t *n)
{
	struct donations ds = { d, donors, 0 };
	NEOERR *err = store_ledger_donations(db, app_id, donation_seen, &ds);

	*n = ds.n;
	return nerr_pass(err);
}

static NEOERR *ledger_row(struct db *db, int64_t app_id, int64_t donation_id, int64_t user_id, const char *program,
			  const char *entry, int64_t hours_ch, time_t now, int64_t actor)
{
	char when[21];

	iso_time_format(now, when);
	return nerr_pass(store_ledger_entry(db, app_id, donation_id, user_id, program, entry, hours_ch, when, actor));
}

/* Transfer what can be transferred now, in order of receipt, up to the
 * certified need; after the recipient is back, approved donations get
 * nothing. */
static NEOERR *sharing_process(const struct workflow_ctx *w, int64_t app_id)
{
	struct sharing s;
	struct ledger_donation d[MAX_DONATIONS];
	int64_t donors[MAX_DONATIONS];
	struct ledger_move moves[MAX_DONATIONS];
	size_t n = 0, m = 0;
	struct user recipient;
	NEOERR *err = sharing_load(w->db, app_id, &s);

	if (err != STATUS_OK || !s.found || strcmp(s.state, "applied") == 0)
		return nerr_pass(err);
	err = donations_load(w->db, app_id, d, donors, &n);
	if (err == STATUS_OK)
		err = wf_user(w->db, s.recipient_id, &recipient);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (strcmp(s.state, "closed") == 0) {
		for (size_t i = 0; i < n && err == STATUS_OK; i++) {
			if (d[i].state != LEDGER_APPROVED)
				continue;
			err = store_ledger_set_transferred(w->db, d[i].id, 0);
			if (err == STATUS_OK)
				err = requests_event(w->db, d[i].id, w->now, wf_actor_id(w), "transferred", 0,
						     "Nothing transferred: the recipient is back at work.");
		}
		return nerr_pass(err);
	}
	m = ledger_plan_transfers(s.certified_ch, d, n, moves);
	for (size_t k = 0; k < m && err == STATUS_OK; k++) {
		const struct ledger_donation *dn = &d[moves[k].index];
		int64_t h = moves[k].hours_ch;
		struct user donor;
		char hs[32], note[300];

		ledger_format_hours(h, hs);
		err = wf_user(w->db, donors[moves[k].index], &donor);
		if (err == STATUS_OK && h > 0) {
			err = ledger_row(w->db, app_id, dn->id, donor.id, s.program, "transfer", -h, w->now,
					 wf_actor_id(w));
			if (err == STATUS_OK)
				err = ledger_row(w->db, app_id, dn->id, recipient.id, s.program, "transfer", h, w->now,
						 wf_actor_id(w));
		}
		if (err == STATUS_OK)
			err = store_ledger_set_transferred(w->db, dn->id, h);
		if (err == STATUS_OK) {
			if (h > 0)
				snprintf(note, sizeof note, "%s hours transferred to %s (employee ID %s).", hs,
					 recipient.name, recipient.employee_id);
			else
				snprintf(note, sizeof note,
					 "Nothing transferred: the recipient's certified need was "
					 "already met.");
			err = requests_event(w->db, dn->id, w->now, wf_actor_id(w), "transferred", 0, note);
		}
		if (err == STATUS_OK && h > 0) {
			snprintf(note, sizeof note, "%s hours received from %s (employee ID %s).", hs, donor.name,
				 donor.employee_id);
			err = requests_event(w->db, app_id, w->now, wf_actor_id(w), "transferred", 0, note);
		}
	}
	return nerr_pass(err);
}

/* A later donation may have been waiting for this one: process its
 * application. */
NEOERR *wf_sharing_after_donation_decided(const struct workflow_ctx *w, const struct request_row *row)
{
	int64_t app = 0;
	NEOERR *err = store_ledger_donation_application(w->db, row->id, &app);

	if (err == STATUS_OK && app)
		err = sharing_process(w, app);
	return nerr_pass(err);
}

/* What a recipient still needs: certified (or requested) minus what was
 * transferred and minus offers already in line. */
static NEOERR *sharing_need(struct db *db, const struct sharing *s, int64_t *need)
{
	struct ledger_donation d[MAX_DONATIONS];
	int64_t donors[MAX_DONATIONS];
	size_t n = 0;
	int64_t base = s->certified_ch >= 0 ? s->certified_ch : s->requested_ch;
	NEOERR *err = donations_load(db, s->id, d, donors, &n);

	if (err != STATUS_OK)
		return nerr_pass(err);
	*need = ledger_remaining_need(base, d, n);
	for (size_t i = 0; i < n; i++)
		if (d[i].state == LEDGER_PENDING || d[i].state == LEDGER_APPROVED)
			*need -= d[i].offered_ch;
	if (*need < 0)
		*need = 0;
	return STATUS_OK;
}

static NEOERR *open_application(struct db *db, int64_t recipient_id, const char *program, struct sharing *s)
{
	int64_t id = 0;
	NEOERR *err = store_ledger_open_application(db, recipient_id, program, &id);

	memset(s, 0, sizeof *s);
	if (err == STATUS_OK && id)
		err = sharing_load(db, id, s);
	return nerr_pass(err);
}

NEOERR *wf_sharing_is_open(struct db *db, int64_t id, int *open)
{
	struct sharing s;
	NEOERR *err = sharing_load(db, id, &s);

	*open = err == STATUS_OK && s.found && strcmp(s.state, "open") == 0;
	return nerr_pass(err);
}

NEOERR *wf_sharing_donation_context(struct db *db, const char *type, const struct user *owner,
				    const struct form_values *v, struct form_context *ctx)
{
	const char *eid = form_get(v, "recipient_employee_id");
	struct user r;
	struct sharing s;
	int found = 0;
	NEOERR *err;

	if (eid == NULL)
		return STATUS_OK;
	err = users_by_employee_id(db, eid, &r, &found);
	if (err != STATUS_OK || !found)
		return nerr_pass(err);
	if (r.id == owner->id) {
		ctx->recipient_is_self = true;
		ctx->recipient_found = true;
		return STATUS_OK;
	}
	err = open_application(db, r.id, program_of(type), &s);
	if (err != STATUS_OK || !s.found)
		return nerr_pass(err);
	ctx->recipient_found = true;
	ctx->recipient_week_hours = strcmp(s.week_hours, "40") == 0 ? "40" : "37.5";
	return nerr_pass(sharing_need(db, &s, &ctx->recipient_need_ch));
}

/* ---- Transitions ------------------------------------------------------------------- */

NEOERR *wf_sharing_on_submit(const struct workflow_ctx *w, const struct request_row *row, const struct form_values *v,
			     const struct user *owner)
{
	NEOERR *err;

	if (wf_is_sharing_application(row->type)) {
		int64_t req = ledger_parse_hours(form_get(v, "hours_requested"), 10000000);

		return nerr_pass(store_ledger_apply(w->db, row->id, program_of(row->type), owner->id,
						    form_get(v, "week_hours"), req));
	}
	if (wf_is_donation(row->type)) {
		struct user r;
		struct sharing s;
		int found = 0;
		char when[21];
		int64_t hours = ledger_parse_hours(form_get(v, "donate"), 10000000);

		err = users_by_employee_id(w->db, form_get(v, "recipient_employee_id"), &r, &found);
		if (err == STATUS_OK && found)
			err = open_application(w->db, r.id, program_of(row->type), &s);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (!found || !s.found)
			return nerr_raise(HR_ERR_CONFLICT, "The recipient's application is no longer open.");
		iso_time_format(w->now, when);
		return nerr_pass(store_ledger_add_donation(w->db, row->id, s.id, owner->id, hours, when));
	}
	return STATUS_OK;
}

NEOERR *wf_sharing_certify(const struct workflow_ctx *w, const struct request_row *row, const char *hours)
{
	struct sharing s;
	int64_t cert;
	NEOERR *err = sharing_load(w->db, row->id, &s);

	if (err != STATUS_OK)
		return nerr_pass(err);
	cert = s.requested_ch;
	if (hours != NULL && *hours != '\0') {
		cert = ledger_parse_hours(hours, s.requested_ch);
		if (cert <= 0)
			return nerr_raise(HR_ERR_BAD_REQUEST, "The hours certified must be a number above zero "
							      "and not more than the hours requested.");
	}
	return nerr_pass(store_ledger_certify(w->db, row->id, cert));
}

NEOERR *wf_sharing_after_decline(const struct workflow_ctx *w, const struct request_row *row)
{
	if (wf_is_sharing_application(row->type))
		return nerr_pass(store_ledger_close_applied(w->db, row->id));
	if (wf_is_donation(row->type))
		return nerr_pass(wf_sharing_after_donation_decided(w, row));
	return STATUS_OK;
}

/* ---- Back at work: restore unused donated leave ------------------------------------------ */

static NEOERR *return_locked(const struct workflow_ctx *w, struct request_row *row, void *arg)
{
	const char *used_text = arg;
	struct sharing s;
	struct ledger_donation d[MAX_DONATIONS];
	int64_t donors[MAX_DONATIONS], held = 0, used, unused;
	struct ledger_move moves[MAX_DONATIONS];
	size_t n = 0, m;
	struct user recipient;
	unsigned actions = 0;
	char note[300], hs[32], us[32], today[11];
	NEOERR *err;

	if (w->actor == NULL)
		return nerr_raise(NERR_ASSERT, "return to work needs an actor");
	/* The state first: a second click after the return is a conflict,
	 * as for every other operation (workflow.h), not a refusal. */
	if (wf_is_sharing_application(row->type) && row->status != REQUEST_APPROVED)
		return nerr_raise(HR_ERR_CONFLICT, "This leave sharing application is not open: a return to work "
						   "can only be recorded once, on an approved application.");
	err = workflow_actions(w->db, row, w->actor, w->now, &actions);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!(actions & WF_RETURN))
		return nerr_raise(HR_ERR_FORBIDDEN, "Only HR or the recipient's approvers record a return to work "
						    "on an open leave sharing application.");
	err = sharing_load(w->db, row->id, &s);
	if (err == STATUS_OK)
		err = donations_load(w->db, row->id, d, donors, &n);
	if (err == STATUS_OK)
		err = wf_user(w->db, s.recipient_id, &recipient);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (size_t i = 0; i < n; i++)
		if (d[i].state == LEDGER_TRANSFERRED)
			held += d[i].transferred_ch - d[i].restored_ch;
	used = ledger_parse_hours(used_text, held);
	if (used < 0) {
		ledger_format_hours(held, hs);
		return nerr_raise(HR_ERR_BAD_REQUEST,
				  "Enter the donated hours the recipient used: a number from 0 to %s.", hs);
	}
	unused = held - used;
	m = ledger_plan_restore(d, n, unused, moves);
	for (size_t k = 0; k < m && err == STATUS_OK; k++) {
		const struct ledger_donation *dn = &d[moves[k].index];
		int64_t h = moves[k].hours_ch;
		struct user donor;
		struct request_row drow;
		int found = 0;

		ledger_format_hours(h, hs);
		err = wf_user(w->db, donors[moves[k].index], &donor);
		if (err == STATUS_OK)
			err = ledger_row(w->db, row->id, dn->id, recipient.id, s.program, "restore", -h, w->now,
					 w->actor->id);
		if (err == STATUS_OK)
			err = ledger_row(w->db, row->id, dn->id, donor.id, s.program, "restore", h, w->now,
					 w->actor->id);
		if (err == STATUS_OK)
			err = store_ledger_add_restored(w->db, dn->id, h);
		snprintf(note, sizeof note, "%s hours returned to the donor: the recipient is back at work.", hs);
		if (err == STATUS_OK)
			err = requests_event(w->db, dn->id, w->now, w->actor->id, "restored", 0, note);
		if (err == STATUS_OK)
			err = requests_load(w->db, dn->id, &drow, &found);
		if (err == STATUS_OK && found)
			err = wf_notify(w, "leave_restored", &donor, &drow, &donor, hs);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	workflow_today(w->now, today);
	err = store_ledger_close_returned(w->db, row->id, used, today);
	wf_finish(w, row, REQUEST_CLOSED);
	if (err == STATUS_OK)
		err = requests_update(w->db, row, w->now);
	ledger_format_hours(used, us);
	ledger_format_hours(unused, hs);
	snprintf(note, sizeof note, "Back at work: %s donated hours used, %s returned to the donors.", us, hs);
	if (err == STATUS_OK)
		err = requests_event(w->db, row->id, w->now, w->actor->id, "returned_to_work", 0, note);
	/* Approved donations still waiting get nothing now. */
	if (err == STATUS_OK)
		err = sharing_process(w, row->id);
	return nerr_pass(err);
}

NEOERR *workflow_return_to_work(const struct workflow_ctx *w, int64_t id, const char *used_hours)
{
	return nerr_pass(wf_in_transaction(w, id, return_locked, (void *)used_hours));
}
