#include "forms/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/calendar.h"
#include "content/content.h"
#include "core/errors.h"
#include "forms/formdef.h"
#include "forms/grievance.h"
#include "forms/ledger.h"
#include "forms/notify.h"
#include "forms/reqview.h"
#include "core/isotime.h"
#include "store/ledger.h"
#include "wizard/wizres.h"
#include "core/json.h"
#include "store/requests.h"

#define MAX_DONATIONS 256
#define MAX_HR 8

void workflow_today(time_t now, char out[11])
{
	content_today(now, out);
}

static rules_date today_date(time_t now)
{
	char s[11];
	rules_date d = { 1970, 1, 1 };

	workflow_today(now, s);
	calendar_parse(s, &d);
	return d;
}

static long long actor_id(const struct workflow_ctx *w)
{
	return w->actor ? w->actor->id : 0;
}

static int is_sharing_application(const char *type)
{
	return strcmp(type, "sick-leave-sharing") == 0 || strcmp(type, "annual-leave-sharing") == 0;
}

static int is_donation(const char *type)
{
	return strcmp(type, "sick-leave-donation") == 0 || strcmp(type, "annual-leave-donation") == 0;
}

static const char *program_of(const char *type)
{
	return strncmp(type, "annual", 6) == 0 ? "annual" : "sick";
}

/* ---- Small queries ------------------------------------------------------- */

static NEOERR *user_or_die(struct db *db, long long id, struct user *u)
{
	int found = 0;
	NEOERR *err = users_by_id(db, id, u, &found);

	if (err == STATUS_OK && !found) {
		/* Someone in the chain has left: the portal must still say who
		 * the request was for. Read the row even if inactive. */
		struct store_requests_person p;

		err = store_requests_person(db, id, &p, &found);
		if (err == STATUS_OK && found) {
			memset(u, 0, sizeof *u);
			u->id = id;
			snprintf(u->login, sizeof u->login, "%s", p.login);
			snprintf(u->employee_id, sizeof u->employee_id, "%s", p.employee_id);
			snprintf(u->name, sizeof u->name, "%s", p.name);
			snprintf(u->email, sizeof u->email, "%s", p.email);
			snprintf(u->agency, sizeof u->agency, "%s", p.agency);
		} else if (err == STATUS_OK) {
			err = nerr_raise(NERR_ASSERT, "user %lld is missing", id);
		}
	}
	return nerr_pass(err);
}

/* The appointing authority for an owner, or HR when the agency has none
 * (or when the owner is the authority). found 0: nobody at all. */
static NEOERR *authority_for(struct db *db, const struct user *owner, struct user *out, int *found)
{
	NEOERR *err = users_appointing_authority(db, owner->agency, out, found);
	int n = 0;

	if (err != STATUS_OK || (*found && out->id != owner->id))
		return nerr_pass(err);
	err = users_hr(db, owner->agency, out, 1, &n);
	*found = n > 0 && out->id != owner->id;
	return nerr_pass(err);
}

static NEOERR *notice_init(const struct workflow_ctx *w, struct notify_info *info, const char *kind,
			   const struct user *to, const struct request_row *row, const struct user *owner)
{
	memset(info, 0, sizeof *info);
	info->kind = kind;
	info->to = to;
	info->req = row;
	info->def = formdef_find(row->type);
	info->owner = owner;
	info->actor_name = w->actor ? w->actor->name : NULL;
	if (info->def == NULL)
		return nerr_raise(NERR_ASSERT, "unknown request type %s", row->type);
	return STATUS_OK;
}

static NEOERR *notice_send(const struct workflow_ctx *w, const struct notify_info *info)
{
	struct notify_ctx n = { w->db, w->settings, w->now };

	return nerr_pass(notify_send(&n, info));
}

static NEOERR *notify(const struct workflow_ctx *w, const char *kind, const struct user *to,
		      const struct request_row *row, const struct user *owner, const char *hours)
{
	struct notify_info info;
	NEOERR *err = notice_init(w, &info, kind, to, row, owner);

	info.hours = hours;
	if (err == STATUS_OK)
		err = notice_send(w, &info);
	return nerr_pass(err);
}

/* The employee's copy of a decision: the note or reason when the form is
 * not a private matter, and after a denial the next step and its last
 * day (a grievance within 30 days, 101 KAR 1:375; after a grievance's
 * final level, the Personnel Board). */
static NEOERR *notify_decision(const struct workflow_ctx *w, const char *kind, const struct request_row *row,
			       const struct user *owner, const char *note)
{
	struct notify_info info;
	char by[11];
	NEOERR *err = notice_init(w, &info, kind, owner, row, owner);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (!info.def->private_matter)
		info.note = note;
	if (strcmp(kind, "request_denied") == 0 && info.def->chain != CHAIN_GRIEVANCE) {
		rules_date_iso(grievance_filing_deadline(today_date(w->now)), by);
		info.grievance_by = by;
	}
	return nerr_pass(notice_send(w, &info));
}

/* The employee's receipt: what was filed, when, and with whom it is now. */
static NEOERR *notify_receipt(const struct workflow_ctx *w, const struct request_row *row, const struct user *owner,
			      const struct user *with)
{
	struct notify_info info;
	NEOERR *err = notice_init(w, &info, "request_received", owner, row, owner);

	info.with_name = with ? with->name : NULL;
	info.actor_name = NULL;
	if (err == STATUS_OK)
		err = notice_send(w, &info);
	return nerr_pass(err);
}

static NEOERR *notify_hr(const struct workflow_ctx *w, const char *kind, const struct request_row *row,
			 const struct user *owner)
{
	struct user hr[MAX_HR];
	int n = 0;
	NEOERR *err = users_hr(w->db, owner->agency, hr, MAX_HR, &n);

	for (int i = 0; i < n && err == STATUS_OK; i++)
		if (hr[i].id != owner->id)
			err = notify(w, kind, &hr[i], row, owner, NULL);
	return nerr_pass(err);
}

/* Put a request in someone's hands: assignee, party, step. */
static NEOERR *assign(const struct workflow_ctx *w, struct request_row *row, const struct user *to,
		      int step, const char *kind)
{
	row->assignee_id = to->id;
	row->step = step;
	snprintf(row->step_kind, sizeof row->step_kind, "%s", kind);
	return nerr_pass(requests_add_party(w->db, row->id, to->id));
}

static void finish(const struct workflow_ctx *w, struct request_row *row, enum request_status status)
{
	row->status = status;
	row->assignee_id = 0;
	row->due_on[0] = '\0';
	iso_time_format(w->now, row->closed_at);
}

/* ---- Grievance levels ----------------------------------------------------------- */

struct levels {
	int n;
	long long ids[GRIEVANCE_MAX_LEVELS];
	enum grievance_kind kinds[GRIEVANCE_MAX_LEVELS];
};

/* Up the reporting line from the immediate supervisor (or the second line
 * when the first-line supervisor is the subject) to the appointing
 * authority, who is always the last level. */
static NEOERR *levels_compute(struct db *db, const struct user *owner, int skip_first, struct levels *lv)
{
	struct user cur, aa;
	int found = 0, have_aa = 0;
	long long next = owner->supervisor_id;
	NEOERR *err = users_appointing_authority(db, owner->agency, &aa, &have_aa);

	memset(lv, 0, sizeof *lv);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (have_aa && aa.id == owner->id)
		have_aa = 0;
	if (skip_first && next) {
		err = users_by_id(db, next, &cur, &found);
		if (err != STATUS_OK)
			return nerr_pass(err);
		next = found ? cur.supervisor_id : 0;
		/* The subject may not hear the grievance, even as the authority. */
		if (have_aa && aa.id == owner->supervisor_id)
			have_aa = 0;
	}
	while (next && lv->n < GRIEVANCE_MAX_LEVELS - 1) {
		err = users_by_id(db, next, &cur, &found);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (!found || cur.id == owner->id || (have_aa && cur.id == aa.id))
			break;
		lv->ids[lv->n] = cur.id;
		lv->kinds[lv->n] = GRIEVANCE_LINE;
		lv->n++;
		next = cur.supervisor_id;
	}
	if (!have_aa) {
		int n = 0;

		/* No authority named for the agency: HR hears it last. */
		err = users_hr(db, owner->agency, &aa, 1, &n);
		if (err != STATUS_OK)
			return nerr_pass(err);
		have_aa = n > 0 && aa.id != owner->id;
	}
	if (have_aa) {
		lv->ids[lv->n] = aa.id;
		lv->kinds[lv->n] = GRIEVANCE_AUTHORITY;
		lv->n++;
	}
	return STATUS_OK;
}

static void levels_encode(const struct levels *lv, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (int i = 0; i < lv->n && n < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%lld:%c", i ? "," : "", lv->ids[i],
				      lv->kinds[i] == GRIEVANCE_AUTHORITY ? 'A' : 'L');
}

static int levels_decode(const char *s, struct levels *lv)
{
	memset(lv, 0, sizeof *lv);
	while (s && *s && lv->n < GRIEVANCE_MAX_LEVELS) {
		char *end;
		long long id = strtoll(s, &end, 10);

		if (id <= 0 || end[0] != ':' || (end[1] != 'A' && end[1] != 'L'))
			return -1;
		lv->ids[lv->n] = id;
		lv->kinds[lv->n] = end[1] == 'A' ? GRIEVANCE_AUTHORITY : GRIEVANCE_LINE;
		lv->n++;
		s = end + 2;
		if (*s == ',')
			s++;
	}
	return lv->n > 0 ? 0 : -1;
}

static NEOERR *levels_load(struct db *db, long long id, struct levels *lv)
{
	struct request_answers a;
	NEOERR *err = requests_load_answers(db, id, &a);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (levels_decode(form_get(&a.values, "_levels"), lv) != 0)
		err = nerr_raise(NERR_ASSERT, "grievance %lld has no review levels", id);
	requests_answers_free(&a);
	return nerr_pass(err);
}

static const char *level_kind_name(const struct levels *lv, int level)
{
	if (level < 1 || level > lv->n)
		return "";
	return lv->kinds[level - 1] == GRIEVANCE_AUTHORITY ? "appointing_authority" : "line";
}

static void clock_from_row(const struct request_row *row, const struct levels *lv, struct grievance_clock *g)
{
	memset(g, 0, sizeof *g);
	g->status = row->status == REQUEST_PENDING ? GRIEVANCE_AWAITING_RESPONSE
		: row->status == REQUEST_DECIDED ? GRIEVANCE_AWAITING_EMPLOYEE : GRIEVANCE_RESOLVED;
	g->level = row->step;
	g->n_levels = lv->n;
	for (int i = 0; i < lv->n; i++)
		g->kinds[i] = lv->kinds[i];
	calendar_parse(row->received_on, &g->received_on);
	g->has_due = calendar_parse(row->due_on, &g->due_on) == 0;
}

static void clock_to_row(const struct grievance_clock *g, struct request_row *row)
{
	rules_date_iso(g->received_on, row->received_on);
	if (g->has_due)
		rules_date_iso(g->due_on, row->due_on);
	else
		row->due_on[0] = '\0';
}

/* ---- Leave sharing ---------------------------------------------------------------- */

struct sharing {
	int found;
	long long id;
	char program[8];
	long long recipient_id;
	char week_hours[8];
	long long requested_ch;
	long long certified_ch;      /* -1 until approved */
	char state[8];
};

static NEOERR *sharing_load(struct db *db, long long id, struct sharing *s)
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
	long long *donors;
	size_t n;
};

static NEOERR *donation_seen(void *ctx, const struct store_donation_row *r)
{
	struct donations *ds = ctx;
	struct ledger_donation *d;
	enum request_status status = request_status_parse(r->status);   /* the ledger's row carries the word */

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

static NEOERR *donations_load(struct db *db, long long app_id, struct ledger_donation *d, long long *donors,
			      size_t *n)
{
	struct donations ds = { d, donors, 0 };
	NEOERR *err = store_ledger_donations(db, app_id, donation_seen, &ds);

	*n = ds.n;
	return nerr_pass(err);
}

static NEOERR *ledger_row(struct db *db, long long app_id, long long donation_id, long long user_id,
			  const char *program, const char *entry, long long hours_ch, time_t now, long long actor)
{
	char when[21];

	iso_time_format(now, when);
	return nerr_pass(store_ledger_entry(db, app_id, donation_id, user_id, program, entry, hours_ch, when, actor));
}

/* A later donation may have been waiting for this one: process its
 * application. */
static NEOERR *sharing_process(const struct workflow_ctx *w, long long app_id);

static NEOERR *after_donation_decided(const struct workflow_ctx *w, const struct request_row *row)
{
	int64_t app = 0;
	NEOERR *err = store_ledger_donation_application(w->db, row->id, &app);

	if (err == STATUS_OK && app)
		err = sharing_process(w, app);
	return nerr_pass(err);
}

/* Transfer what can be transferred now, in order of receipt, up to the
 * certified need; after the recipient is back, approved donations get
 * nothing. */
static NEOERR *sharing_process(const struct workflow_ctx *w, long long app_id)
{
	struct sharing s;
	struct ledger_donation d[MAX_DONATIONS];
	long long donors[MAX_DONATIONS];
	struct ledger_move moves[MAX_DONATIONS];
	size_t n = 0, m = 0;
	struct user recipient;
	NEOERR *err = sharing_load(w->db, app_id, &s);

	if (err != STATUS_OK || !s.found || strcmp(s.state, "applied") == 0)
		return nerr_pass(err);
	err = donations_load(w->db, app_id, d, donors, &n);
	if (err == STATUS_OK)
		err = user_or_die(w->db, s.recipient_id, &recipient);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (strcmp(s.state, "closed") == 0) {
		for (size_t i = 0; i < n && err == STATUS_OK; i++) {
			if (d[i].state != LEDGER_APPROVED)
				continue;
			err = store_ledger_set_transferred(w->db, d[i].id, 0);
			if (err == STATUS_OK)
				err = requests_event(w->db, d[i].id, w->now, actor_id(w), "transferred", 0,
						     "Nothing transferred: the recipient is back at work.");
		}
		return nerr_pass(err);
	}
	m = ledger_plan_transfers(s.certified_ch, d, n, moves);
	for (size_t k = 0; k < m && err == STATUS_OK; k++) {
		const struct ledger_donation *dn = &d[moves[k].index];
		long long h = moves[k].hours_ch;
		struct user donor;
		char hs[32], note[300];

		ledger_format_hours(h, hs);
		err = user_or_die(w->db, donors[moves[k].index], &donor);
		if (err == STATUS_OK && h > 0) {
			err = ledger_row(w->db, app_id, dn->id, donor.id, s.program, "transfer", -h, w->now, actor_id(w));
			if (err == STATUS_OK)
				err = ledger_row(w->db, app_id, dn->id, recipient.id, s.program, "transfer", h, w->now,
						 actor_id(w));
		}
		if (err == STATUS_OK)
			err = store_ledger_set_transferred(w->db, dn->id, h);
		if (err == STATUS_OK) {
			if (h > 0)
				snprintf(note, sizeof note, "%s hours transferred to %s (employee ID %s).", hs,
					 recipient.name, recipient.employee_id);
			else
				snprintf(note, sizeof note, "Nothing transferred: the recipient's certified need was "
					 "already met.");
			err = requests_event(w->db, dn->id, w->now, actor_id(w), "transferred", 0, note);
		}
		if (err == STATUS_OK && h > 0) {
			snprintf(note, sizeof note, "%s hours received from %s (employee ID %s).", hs, donor.name,
				 donor.employee_id);
			err = requests_event(w->db, app_id, w->now, actor_id(w), "transferred", 0, note);
		}
	}
	return nerr_pass(err);
}

/* What a recipient still needs: certified (or requested) minus what was
 * transferred and minus offers already in line. */
static NEOERR *sharing_need(struct db *db, const struct sharing *s, long long *need)
{
	struct ledger_donation d[MAX_DONATIONS];
	long long donors[MAX_DONATIONS];
	size_t n = 0;
	long long base = s->certified_ch >= 0 ? s->certified_ch : s->requested_ch;
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

static NEOERR *open_application(struct db *db, long long recipient_id, const char *program, struct sharing *s)
{
	int64_t id = 0;
	NEOERR *err = store_ledger_open_application(db, recipient_id, program, &id);

	memset(s, 0, sizeof *s);
	if (err == STATUS_OK && id)
		err = sharing_load(db, id, s);
	return nerr_pass(err);
}

/* ---- Form context ------------------------------------------------------------------ */

NEOERR *workflow_form_context(struct db *db, const char *type, const struct user *owner,
			      const struct form_values *v, time_t now, struct form_context *ctx)
{
	NEOERR *err = STATUS_OK;

	memset(ctx, 0, sizeof *ctx);
	ctx->today = today_date(now);
	if (is_donation(type)) {
		const char *eid = form_get(v, "recipient_employee_id");
		struct user r;
		struct sharing s;
		int found = 0;

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
		err = sharing_need(db, &s, &ctx->recipient_need_ch);
	} else if (strcmp(type, "grievance") == 0) {
		struct levels lv;

		err = levels_compute(db, owner, 1, &lv);
		ctx->has_second_line = err == STATUS_OK && lv.n > 0;
	}
	return nerr_pass(err);
}

/* ---- Actions available ------------------------------------------------------------------- */

NEOERR *workflow_actions(struct db *db, const struct request_row *row, const struct user *u, time_t now,
			 unsigned *actions)
{
	NEOERR *err = STATUS_OK;

	*actions = 0;
	if (row->owner_id == u->id) {
		if (row->status == REQUEST_DRAFT)
			*actions |= WF_EDIT | WF_SUBMIT | WF_WITHDRAW;
		else if (row->status == REQUEST_PENDING)
			*actions |= WF_WITHDRAW;
		else if (row->status == REQUEST_DECIDED) {
			struct levels lv;
			rules_date due;

			*actions |= WF_ACCEPT;
			err = levels_load(db, row->id, &lv);
			if (err == STATUS_OK && row->step < lv.n &&
			    (calendar_parse(row->due_on, &due) != 0 || calendar_cmp(today_date(now), due) <= 0))
				*actions |= WF_APPEAL;
		}
	}
	if (row->status == REQUEST_PENDING && row->assignee_id == u->id && row->owner_id != u->id)
		*actions |= WF_APPROVE | WF_DENY;
	if (err == STATUS_OK && is_sharing_application(row->type) && row->status == REQUEST_APPROVED &&
	    row->owner_id != u->id) {
		struct sharing s;
		int may = u->role == USER_HR;

		err = sharing_load(db, row->id, &s);
		if (err == STATUS_OK && !may)
			err = requests_may_view(db, row, u, &may);
		if (err == STATUS_OK && may && s.found && strcmp(s.state, "open") == 0)
			*actions |= WF_RETURN;
	}
	return nerr_pass(err);
}

/* ---- Transactions --------------------------------------------------------------------- */

typedef NEOERR *(*locked_fn)(const struct workflow_ctx *w, struct request_row *row, void *arg);

struct locked {
	const struct workflow_ctx *w;
	long long id;
	locked_fn fn;
	void *arg;
};

static NEOERR *locked_in_tx(struct db *db, void *ctx)
{
	const struct locked *l = ctx;
	struct request_row row;
	int found = 0;
	NEOERR *err = requests_load(db, l->id, &row, &found);

	if (err == STATUS_OK && !found)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no request number %lld.", l->id);
	if (err == STATUS_OK && l->w->actor != NULL) {
		int may = 0;

		err = requests_may_view(db, &row, l->w->actor, &may);
		if (err == STATUS_OK && !may)
			err = nerr_raise(HR_ERR_FORBIDDEN, "This request is not yours to see or act on.");
	}
	if (err == STATUS_OK)
		err = l->fn(l->w, &row, l->arg);
	return nerr_pass(err);
}

/* Run fn on the request inside one BEGIN IMMEDIATE transaction. */
static NEOERR *in_transaction(const struct workflow_ctx *w, long long id, locked_fn fn, void *arg)
{
	struct locked l = { w, id, fn, arg };

	return nerr_pass(db_tx(w->db, locked_in_tx, &l));
}

/* ---- Drafts ----------------------------------------------------------------------------- */

/* Keep the wizard's result with a new draft. Not a complete wizard
 * answer: nothing to keep. */
static NEOERR *keep_wizard(const struct workflow_ctx *w, const struct form_def *def, long long id,
			   const struct form_values *wv)
{
	struct form_rules_ctx rc;
	struct wizres *res;
	rules_param_error perr = { NULL, NULL };
	json_writer answers, result;
	char today[11];
	NEOERR *err = STATUS_OK;

	if (wv == NULL || wv->n == 0)
		return STATUS_OK;
	res = calloc(1, sizeof *res);
	if (res == NULL)
		return nerr_raise(NERR_NOMEM, "wizard result");
	memset(&rc, 0, sizeof rc);
	rc.values = wv;
	json_init(&result);
	json_init(&answers);
	if (wizres_evaluate(def->wizard, def->key, formcheck_rules_param, &rc, res, &result, &perr) != 0) {
		json_free(&result);
		json_free(&answers);
		free(res);
		return STATUS_OK;
	}
	json_object_begin(&answers);
	for (size_t i = 0; i < wv->n; i++) {
		json_key(&answers, wv->names[i]);
		json_string(&answers, wv->values[i]);
	}
	json_object_end(&answers);
	workflow_today(w->now, today);
	if (json_finish(&answers) != 0 || json_finish(&result) != 0)
		err = nerr_raise(NERR_NOMEM, "wizard JSON");
	if (err == STATUS_OK) {
		struct store_requests_wizard_row row = {
			def->wizard, today, json_data(&answers), json_data(&result), res->eligible,
			res->figures, res->reasons, res->citations,
		};

		err = store_requests_set_wizard(w->db, id, &row);
	}
	json_free(&result);
	json_free(&answers);
	free(res);
	return nerr_pass(err);
}

struct draft_args {
	const struct workflow_ctx *w;
	const struct form_def *def;
	const char *idem_key, *summary;
	const struct form_values *v, *wizard_answers;
	long long *id;
	int *submitted;
};

static NEOERR *save_draft_in_tx(struct db *db, void *ctx)
{
	const struct draft_args *a = ctx;
	const struct user *owner = a->w->actor;
	struct request_row row;
	int found = 0;
	NEOERR *err = requests_find_idem(db, owner->id, a->idem_key, &row, &found);

	if (err == STATUS_OK && found && strcmp(row.type, a->def->key) != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "This form's key belongs to another form. Reload the form.");
	if (err == STATUS_OK && found && row.status != REQUEST_DRAFT) {
		*a->id = row.id;
		*a->submitted = 1;
		return STATUS_OK;
	}
	if (err == STATUS_OK && !found) {
		err = requests_create(db, a->def->key, owner, a->idem_key, a->w->now, a->id);
		if (err == STATUS_OK && a->def->wizard)
			err = keep_wizard(a->w, a->def, *a->id, a->wizard_answers);
		if (err == STATUS_OK)
			err = requests_load(db, *a->id, &row, &found);
	}
	if (err == STATUS_OK) {
		*a->id = row.id;
		snprintf(row.summary, sizeof row.summary, "%s", a->summary);
		err = requests_save_answers(db, row.id, a->def, a->v);
	}
	if (err == STATUS_OK)
		err = requests_update(db, &row, a->w->now);
	return nerr_pass(err);
}

NEOERR *workflow_save_draft(const struct workflow_ctx *w, const struct form_def *def, const char *idem_key,
			    const struct form_values *v, const struct form_values *wizard_answers,
			    const char *summary, long long *id, int *submitted)
{
	struct draft_args a = { w, def, idem_key, summary, v, wizard_answers, id, submitted };

	*submitted = 0;
	if (w->actor == NULL)
		return nerr_raise(NERR_ASSERT, "a draft needs an owner");
	return nerr_pass(db_tx(w->db, save_draft_in_tx, &a));
}

/* ---- Submit ------------------------------------------------------------------------------ */

struct submit_args {
	const char *typed_name;
	struct form_result *result;
	int *already;
};

static NEOERR *route_first(const struct workflow_ctx *w, const struct form_def *def, struct request_row *row,
			   const struct user *owner, const struct form_values *v, int *notified_kind_grievance)
{
	struct user sup, aa;
	int found = 0;
	NEOERR *err = STATUS_OK;

	*notified_kind_grievance = 0;
	switch (def->chain) {
	case CHAIN_NONE:
		finish(w, row, def->final_status);
		return STATUS_OK;
	case CHAIN_SUPERVISOR:
	case CHAIN_SUPERVISOR_AUTHORITY:
		row->status = REQUEST_PENDING;
		if (owner->supervisor_id) {
			err = users_by_id(w->db, owner->supervisor_id, &sup, &found);
			if (err != STATUS_OK)
				return nerr_pass(err);
		}
		if (found)
			return nerr_pass(assign(w, row, &sup, 1, "supervisor"));
		err = authority_for(w->db, owner, &aa, &found);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (!found)
			return nerr_raise(HR_ERR_CONFLICT, "Nobody in the portal can approve this request for you "
					  "(no supervisor, appointing authority or HR staff). Ask your HR office.");
		return nerr_pass(assign(w, row, &aa, 2, "appointing_authority"));
	case CHAIN_GRIEVANCE: {
		struct levels lv;
		struct grievance_clock g;
		char enc[GRIEVANCE_MAX_LEVELS * 24];
		const char *subj = form_get(v, "subject_is_supervisor");
		int second = subj != NULL && strcmp(subj, "1") == 0;
		struct user first;

		err = levels_compute(w->db, owner, second, &lv);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (lv.n == 0)
			return nerr_raise(HR_ERR_CONFLICT, "Nobody in the portal can hear this grievance for you. "
					  "Ask your HR office.");
		memset(&g, 0, sizeof g);
		g.n_levels = lv.n;
		for (int i = 0; i < lv.n; i++)
			g.kinds[i] = lv.kinds[i];
		if (grievance_file(&g, today_date(w->now)) != 0)
			return nerr_raise(NERR_ASSERT, "grievance levels unusable");
		levels_encode(&lv, enc, sizeof enc);
		err = requests_set_value(w->db, row->id, "_levels", enc);
		if (err == STATUS_OK)
			err = user_or_die(w->db, lv.ids[0], &first);
		if (err != STATUS_OK)
			return nerr_pass(err);
		row->status = REQUEST_PENDING;
		clock_to_row(&g, row);
		*notified_kind_grievance = 1;
		return nerr_pass(assign(w, row, &first, 1,
					second && lv.kinds[0] == GRIEVANCE_LINE ? "second_line" : level_kind_name(&lv, 1)));
	}
	}
	return STATUS_OK;
}

static NEOERR *sharing_on_submit(const struct workflow_ctx *w, const struct request_row *row,
				 const struct form_values *v, const struct user *owner)
{
	NEOERR *err;

	if (is_sharing_application(row->type)) {
		long long req = ledger_parse_hours(form_get(v, "hours_requested"), 10000000);

		return nerr_pass(store_ledger_apply(w->db, row->id, program_of(row->type), owner->id,
						    form_get(v, "week_hours"), req));
	}
	if (is_donation(row->type)) {
		struct user r;
		struct sharing s;
		int found = 0;
		char when[21];
		long long hours = ledger_parse_hours(form_get(v, "donate"), 10000000);

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

/* The history's action for a form recorded at once. Actions are their own
 * vocabulary (request_events.action); these two are spelt as the statuses. */
static const char *recorded_action(enum request_status final_status)
{
	return final_status == REQUEST_FILED ? "filed" : "acknowledged";
}

static NEOERR *submit_locked(const struct workflow_ctx *w, struct request_row *row, void *arg)
{
	struct submit_args *a = arg;
	const struct form_def *def = formdef_find(row->type);
	struct request_answers ans;
	struct form_context fctx;
	struct user owner, assignee;
	int grievance = 0;
	char note[300];
	NEOERR *err;

	if (row->owner_id != w->actor->id)
		return nerr_raise(HR_ERR_FORBIDDEN, "Only the person who wrote this request can submit it.");
	if (row->status != REQUEST_DRAFT) {
		*a->already = 1;
		return STATUS_OK;
	}
	if (def == NULL)
		return nerr_raise(NERR_ASSERT, "unknown form %s", row->type);
	if (!formcheck_signature_matches(a->typed_name, w->actor->name))
		return nerr_raise(HR_ERR_BAD_REQUEST, "Sign by typing your name exactly as the portal knows it.");
	owner = *w->actor;
	err = requests_load_answers(w->db, row->id, &ans);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = workflow_form_context(w->db, row->type, &owner, &ans.values, w->now, &fctx);
	if (err == STATUS_OK && formcheck_validate(def, &ans.values, &fctx, a->result) > 0) {
		requests_answers_free(&ans);
		return STATUS_OK;    /* the caller shows what changed; nothing is written */
	}
	snprintf(row->summary, sizeof row->summary, "%s", a->result->summary);
	iso_time_format(w->now, row->submitted_at);
	if (err == STATUS_OK)
		err = route_first(w, def, row, &owner, &ans.values, &grievance);
	if (err == STATUS_OK)
		err = sharing_on_submit(w, row, &ans.values, &owner);
	requests_answers_free(&ans);
	if (err == STATUS_OK)
		err = requests_update(w->db, row, w->now);
	if (err == STATUS_OK)
		err = requests_sign(w->db, row->id, owner.id, "employee", a->typed_name, w->now);
	snprintf(note, sizeof note, "Signed by typing \"%.200s\".", a->typed_name);
	if (err == STATUS_OK)
		err = requests_event(w->db, row->id, w->now, owner.id, "submitted", row->step, note);
	if (err == STATUS_OK && def->chain == CHAIN_NONE)
		err = requests_event(w->db, row->id, w->now, owner.id, recorded_action(def->final_status), 0, "");
	if (err == STATUS_OK && row->assignee_id) {
		err = user_or_die(w->db, row->assignee_id, &assignee);
		if (err == STATUS_OK)
			err = notify(w, grievance ? "grievance_filed" : "request_submitted", &assignee, row, &owner, NULL);
	}
	/* Signing an acknowledgement shows its confirmation; only what goes
	 * on to someone (or is filed with HR) gets a receipt by email. */
	if (err == STATUS_OK && row->status != REQUEST_ACKNOWLEDGED)
		err = notify_receipt(w, row, &owner, row->assignee_id ? &assignee : NULL);
	if (err == STATUS_OK && def->notify_hr)
		err = notify_hr(w, "hr_notice", row, &owner);
	return nerr_pass(err);
}

NEOERR *workflow_submit(const struct workflow_ctx *w, long long id, const char *typed_name,
			struct form_result *result, int *already)
{
	struct submit_args a = { typed_name, result, already };

	*already = 0;
	memset(result, 0, sizeof *result);
	if (w->actor == NULL)
		return nerr_raise(NERR_ASSERT, "submit needs an actor");
	return nerr_pass(in_transaction(w, id, submit_locked, &a));
}

/* ---- Approve and deny -------------------------------------------------------------------- */

struct decide_args {
	const char *text;
	const char *hours;
};

/* action is the history's word (request_events.action), not a status. */
static const char *decision_verb(const char *action)
{
	if (strcmp(action, "withdrawn") == 0)
		return "withdrew";
	return action;    /* approved, denied, decided, accepted, closed */
}

/* A second click, or a decision someone else made first: say what
 * happened, by whom and when, instead of a bare "not awaiting". */
static NEOERR *already_decided(const struct workflow_ctx *w, const struct request_row *row,
			       const struct request_decision *d)
{
	char when[32];

	reqview_local_time(d->at, when);
	if (d->actor_id == w->actor->id && row->status == REQUEST_PENDING)
		return nerr_raise(HR_ERR_CONFLICT, "You already %s this request on %s; it now awaits the next "
				  "approver.", decision_verb(d->action), when);
	if (d->actor_id == w->actor->id)
		return nerr_raise(HR_ERR_CONFLICT, "You already %s this request on %s.",
				  decision_verb(d->action), when);
	if (d->actor_id == 0)
		return nerr_raise(HR_ERR_CONFLICT, "The portal %s this request on %s.",
				  decision_verb(d->action), when);
	return nerr_raise(HR_ERR_CONFLICT, "%s already %s this request on %s.", d->who,
			  decision_verb(d->action), when);
}

static NEOERR *must_await_actor(const struct workflow_ctx *w, const struct request_row *row)
{
	struct request_decision d;
	int found = 0;
	NEOERR *err;

	if (w->actor == NULL)
		return nerr_raise(NERR_ASSERT, "decision needs an actor");
	if (row->status == REQUEST_PENDING && row->assignee_id == w->actor->id && row->owner_id != w->actor->id)
		return STATUS_OK;
	if (row->owner_id == w->actor->id)
		return nerr_raise(HR_ERR_FORBIDDEN, "Nobody may decide their own request.");
	/* Pending with someone else: did this actor decide an earlier step? */
	err = requests_last_decision(w->db, row->id, row->status == REQUEST_PENDING ? w->actor->id : 0, &d, &found);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (found)
		return nerr_pass(already_decided(w, row, &d));
	if (row->status != REQUEST_PENDING)
		return nerr_raise(HR_ERR_CONFLICT, "This request is no longer awaiting a decision (it is %s).",
				  request_status_label(row->status));
	return nerr_raise(HR_ERR_FORBIDDEN, "This request is not awaiting your decision.");
}

static NEOERR *approve_final(const struct workflow_ctx *w, struct request_row *row, const struct user *owner,
			     const char *hours, const char *note)
{
	NEOERR *err = STATUS_OK;

	finish(w, row, REQUEST_APPROVED);
	if (is_sharing_application(row->type)) {
		struct sharing s;
		long long cert;

		err = sharing_load(w->db, row->id, &s);
		if (err != STATUS_OK)
			return nerr_pass(err);
		cert = s.requested_ch;
		if (hours != NULL && *hours != '\0') {
			cert = ledger_parse_hours(hours, s.requested_ch);
			if (cert <= 0)
				return nerr_raise(HR_ERR_BAD_REQUEST, "The hours certified must be a number above zero "
						  "and not more than the hours requested.");
		}
		err = store_ledger_certify(w->db, row->id, cert);
	} else if (strcmp(row->type, "outside-employment") == 0) {
		/* Approval is reviewed every year. */
		rules_date t = today_date(w->now);
		char review[11];

		t.year += 1;
		if (t.month == 2 && t.day == 29)
			t.day = 28;
		rules_date_iso(t, review);
		err = requests_set_value(w->db, row->id, "_review_on", review);
	}
	if (err == STATUS_OK)
		err = requests_update(w->db, row, w->now);
	if (err == STATUS_OK && is_donation(row->type))
		err = after_donation_decided(w, row);
	if (err == STATUS_OK)
		err = notify_decision(w, "request_approved", row, owner, note);
	return nerr_pass(err);
}

static NEOERR *approve_locked(const struct workflow_ctx *w, struct request_row *row, void *arg)
{
	struct decide_args *a = arg;
	const struct form_def *def = formdef_find(row->type);
	struct user owner, next;
	int found = 0, step = row->step;
	NEOERR *err = must_await_actor(w, row);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (def->chain == CHAIN_GRIEVANCE && (a->text == NULL || *a->text == '\0'))
		return nerr_raise(HR_ERR_BAD_REQUEST, "Write your findings and decision before granting the grievance.");
	err = user_or_die(w->db, row->owner_id, &owner);
	if (err == STATUS_OK)
		err = requests_sign(w->db, row->id, w->actor->id, "approver", w->actor->name, w->now);
	if (err == STATUS_OK)
		err = requests_event(w->db, row->id, w->now, w->actor->id, "approved", step, a->text);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (def->chain == CHAIN_SUPERVISOR_AUTHORITY && row->step == 1) {
		err = authority_for(w->db, &owner, &next, &found);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (found && next.id != w->actor->id) {
			err = assign(w, row, &next, 2, "appointing_authority");
			if (err == STATUS_OK)
				err = requests_update(w->db, row, w->now);
			if (err == STATUS_OK)
				err = notify(w, "request_submitted", &next, row, &owner, NULL);
			return nerr_pass(err);
		}
	}
	return nerr_pass(approve_final(w, row, &owner, a->hours, a->text));
}

static NEOERR *after_decline(const struct workflow_ctx *w, const struct request_row *row)
{
	if (is_sharing_application(row->type))
		return nerr_pass(store_ledger_close_applied(w->db, row->id));
	if (is_donation(row->type))
		return nerr_pass(after_donation_decided(w, row));
	return STATUS_OK;
}

static NEOERR *deny_locked(const struct workflow_ctx *w, struct request_row *row, void *arg)
{
	struct decide_args *a = arg;
	const struct form_def *def = formdef_find(row->type);
	struct user owner;
	int step = row->step;
	NEOERR *err = must_await_actor(w, row);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (a->text == NULL || *a->text == '\0')
		return nerr_raise(HR_ERR_BAD_REQUEST, def->chain == CHAIN_GRIEVANCE
				  ? "Write your findings and decision." : "Give the reason for denying the request.");
	err = user_or_die(w->db, row->owner_id, &owner);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (def->chain == CHAIN_GRIEVANCE) {
		struct levels lv;
		struct grievance_clock g, out;

		err = levels_load(w->db, row->id, &lv);
		if (err != STATUS_OK)
			return nerr_pass(err);
		clock_from_row(row, &lv, &g);
		if (grievance_decide(&g, today_date(w->now), &out) != 0)
			return nerr_raise(HR_ERR_CONFLICT, "This grievance is not awaiting a decision.");
		if (out.status == GRIEVANCE_AWAITING_EMPLOYEE) {
			row->status = REQUEST_DECIDED;
			row->assignee_id = 0;
			clock_to_row(&out, row);
			err = requests_update(w->db, row, w->now);
			if (err == STATUS_OK)
				err = requests_event(w->db, row->id, w->now, w->actor->id, "decided", step, a->text);
			if (err == STATUS_OK)
				err = notify(w, "grievance_decided", &owner, row, &owner, NULL);
			return nerr_pass(err);
		}
	}
	finish(w, row, REQUEST_DENIED);
	err = requests_update(w->db, row, w->now);
	if (err == STATUS_OK)
		err = requests_event(w->db, row->id, w->now, w->actor->id, "denied", step, a->text);
	if (err == STATUS_OK)
		err = after_decline(w, row);
	if (err == STATUS_OK)
		err = notify_decision(w, "request_denied", row, &owner, a->text);
	return nerr_pass(err);
}

NEOERR *workflow_approve(const struct workflow_ctx *w, long long id, const char *note, const char *hours)
{
	struct decide_args a = { note, hours };

	return nerr_pass(in_transaction(w, id, approve_locked, &a));
}

NEOERR *workflow_deny(const struct workflow_ctx *w, long long id, const char *reason)
{
	struct decide_args a = { reason, NULL };

	return nerr_pass(in_transaction(w, id, deny_locked, &a));
}

/* ---- The owner's actions --------------------------------------------------------------- */

static NEOERR *withdraw_locked(const struct workflow_ctx *w, struct request_row *row, void *arg)
{
	struct user owner, assignee;
	long long was = row->assignee_id;
	int pending = row->status == REQUEST_PENDING;
	NEOERR *err;

	(void)arg;
	if (w->actor == NULL || row->owner_id != w->actor->id)
		return nerr_raise(HR_ERR_FORBIDDEN, "Only the person who filed this request can withdraw it.");
	if (!pending && row->status != REQUEST_DRAFT)
		return nerr_raise(HR_ERR_CONFLICT, "This request can no longer be withdrawn (it is %s).",
				  request_status_label(row->status));
	owner = *w->actor;
	finish(w, row, REQUEST_WITHDRAWN);
	err = requests_update(w->db, row, w->now);
	if (err == STATUS_OK)
		err = requests_event(w->db, row->id, w->now, owner.id, "withdrawn", row->step, "");
	if (err == STATUS_OK)
		err = after_decline(w, row);
	if (err == STATUS_OK && pending && was) {
		err = user_or_die(w->db, was, &assignee);
		if (err == STATUS_OK)
			err = notify(w, "request_withdrawn", &assignee, row, &owner, NULL);
	}
	return nerr_pass(err);
}

NEOERR *workflow_withdraw(const struct workflow_ctx *w, long long id)
{
	return nerr_pass(in_transaction(w, id, withdraw_locked, NULL));
}

static NEOERR *to_level(const struct workflow_ctx *w, struct request_row *row, const struct levels *lv,
			const struct grievance_clock *g, const struct user *owner, const char *note)
{
	struct user next;
	NEOERR *err = user_or_die(w->db, lv->ids[g->level - 1], &next);

	if (err != STATUS_OK)
		return nerr_pass(err);
	row->status = REQUEST_PENDING;
	clock_to_row(g, row);
	err = assign(w, row, &next, g->level, level_kind_name(lv, g->level));
	if (err == STATUS_OK)
		err = requests_update(w->db, row, w->now);
	if (err == STATUS_OK)
		err = requests_event(w->db, row->id, w->now, actor_id(w), "escalated", g->level, note);
	if (err == STATUS_OK)
		err = notify(w, "grievance_escalated", &next, row, owner, NULL);
	return nerr_pass(err);
}

static NEOERR *appeal_locked(const struct workflow_ctx *w, struct request_row *row, void *arg)
{
	struct levels lv;
	struct grievance_clock g, out;
	char note[200];
	NEOERR *err;

	(void)arg;
	if (w->actor == NULL || row->owner_id != w->actor->id)
		return nerr_raise(HR_ERR_FORBIDDEN, "Only the employee who filed the grievance can appeal it.");
	if (strcmp(row->type, "grievance") != 0 || row->status != REQUEST_DECIDED)
		return nerr_raise(HR_ERR_CONFLICT, "This request has no decision to appeal.");
	err = levels_load(w->db, row->id, &lv);
	if (err != STATUS_OK)
		return nerr_pass(err);
	clock_from_row(row, &lv, &g);
	if (grievance_appeal(&g, today_date(w->now), &out) != 0)
		return nerr_raise(HR_ERR_CONFLICT, "The time to appeal this decision has passed, or there is no "
				  "further level.");
	snprintf(note, sizeof note, "The employee took the grievance to review level %d.", out.level);
	return nerr_pass(to_level(w, row, &lv, &out, w->actor, note));
}

NEOERR *workflow_appeal(const struct workflow_ctx *w, long long id)
{
	return nerr_pass(in_transaction(w, id, appeal_locked, NULL));
}

static NEOERR *accept_locked(const struct workflow_ctx *w, struct request_row *row, void *arg)
{
	NEOERR *err;

	(void)arg;
	if (w->actor == NULL || row->owner_id != w->actor->id)
		return nerr_raise(HR_ERR_FORBIDDEN, "Only the employee who filed the grievance can accept a decision.");
	if (row->status != REQUEST_DECIDED)
		return nerr_raise(HR_ERR_CONFLICT, "This request has no decision to accept.");
	finish(w, row, REQUEST_CLOSED);
	err = requests_update(w->db, row, w->now);
	if (err == STATUS_OK)
		err = requests_event(w->db, row->id, w->now, w->actor->id, "accepted", row->step,
				     "The employee accepted the decision.");
	return nerr_pass(err);
}

NEOERR *workflow_accept(const struct workflow_ctx *w, long long id)
{
	return nerr_pass(in_transaction(w, id, accept_locked, NULL));
}

/* ---- Back at work: restore unused donated leave ------------------------------------------ */

static NEOERR *return_locked(const struct workflow_ctx *w, struct request_row *row, void *arg)
{
	const char *used_text = arg;
	struct sharing s;
	struct ledger_donation d[MAX_DONATIONS];
	long long donors[MAX_DONATIONS], held = 0, used, unused;
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
	if (is_sharing_application(row->type) && row->status != REQUEST_APPROVED)
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
		err = user_or_die(w->db, s.recipient_id, &recipient);
	if (err != STATUS_OK)
		return nerr_pass(err);
	for (size_t i = 0; i < n; i++)
		if (d[i].state == LEDGER_TRANSFERRED)
			held += d[i].transferred_ch - d[i].restored_ch;
	used = ledger_parse_hours(used_text, held);
	if (used < 0) {
		ledger_format_hours(held, hs);
		return nerr_raise(HR_ERR_BAD_REQUEST, "Enter the donated hours the recipient used: a number from 0 to %s.", hs);
	}
	unused = held - used;
	m = ledger_plan_restore(d, n, unused, moves);
	for (size_t k = 0; k < m && err == STATUS_OK; k++) {
		const struct ledger_donation *dn = &d[moves[k].index];
		long long h = moves[k].hours_ch;
		struct user donor;
		struct request_row drow;
		int found = 0;

		ledger_format_hours(h, hs);
		err = user_or_die(w->db, donors[moves[k].index], &donor);
		if (err == STATUS_OK)
			err = ledger_row(w->db, row->id, dn->id, recipient.id, s.program, "restore", -h, w->now, w->actor->id);
		if (err == STATUS_OK)
			err = ledger_row(w->db, row->id, dn->id, donor.id, s.program, "restore", h, w->now, w->actor->id);
		if (err == STATUS_OK)
			err = store_ledger_add_restored(w->db, dn->id, h);
		snprintf(note, sizeof note, "%s hours returned to the donor: the recipient is back at work.", hs);
		if (err == STATUS_OK)
			err = requests_event(w->db, dn->id, w->now, w->actor->id, "restored", 0, note);
		if (err == STATUS_OK)
			err = requests_load(w->db, dn->id, &drow, &found);
		if (err == STATUS_OK && found)
			err = notify(w, "leave_restored", &donor, &drow, &donor, hs);
	}
	if (err != STATUS_OK)
		return nerr_pass(err);
	workflow_today(w->now, today);
	err = store_ledger_close_returned(w->db, row->id, used, today);
	finish(w, row, REQUEST_CLOSED);
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

NEOERR *workflow_return_to_work(const struct workflow_ctx *w, long long id, const char *used_hours)
{
	return nerr_pass(in_transaction(w, id, return_locked, (void *)used_hours));
}

/* ---- Deadlines -------------------------------------------------------------------------- */

static NEOERR *tick_locked(const struct workflow_ctx *w, struct request_row *row, void *arg)
{
	int *changes = arg;
	struct levels lv;
	struct user owner;
	NEOERR *err;

	if (strcmp(row->type, "grievance") != 0 || (row->status != REQUEST_PENDING && row->status != REQUEST_DECIDED))
		return STATUS_OK;
	err = levels_load(w->db, row->id, &lv);
	if (err == STATUS_OK)
		err = user_or_die(w->db, row->owner_id, &owner);
	/* Catch up one deadline after another: weeks of silence pass every
	 * level in order, each from the day after the one before. */
	for (int guard = 0; err == STATUS_OK && guard < 2 * GRIEVANCE_MAX_LEVELS; guard++) {
		struct grievance_clock g, out;
		enum grievance_tick t;
		char note[300], due[11];

		clock_from_row(row, &lv, &g);
		t = grievance_tick(&g, today_date(w->now), &out);
		if (t == GRIEVANCE_TICK_NONE)
			break;
		snprintf(due, sizeof due, "%s", row->due_on);
		(*changes)++;
		if (t == GRIEVANCE_TICK_ADVANCED) {
			snprintf(note, sizeof note, "No findings and decision by the deadline of %s: advanced "
				 "automatically to review level %d (101 KAR 1:375).", due, out.level);
			err = to_level(w, row, &lv, &out, &owner, note);
		} else if (t == GRIEVANCE_TICK_OVERDUE) {
			clock_to_row(&out, row);
			err = requests_update(w->db, row, w->now);
			snprintf(note, sizeof note, "The appointing authority's deadline of %s passed without a final "
				 "determination; HR has been told.", due);
			if (err == STATUS_OK)
				err = requests_event(w->db, row->id, w->now, 0, "escalated", row->step, note);
			if (err == STATUS_OK)
				err = notify_hr(w, "grievance_overdue", row, &owner);
		} else {
			finish(w, row, REQUEST_CLOSED);
			err = requests_update(w->db, row, w->now);
			snprintf(note, sizeof note, "The time to appeal (until %s) passed: the decision stands.", due);
			if (err == STATUS_OK)
				err = requests_event(w->db, row->id, w->now, 0, "closed", row->step, note);
		}
	}
	return nerr_pass(err);
}

NEOERR *workflow_catch_up(const struct workflow_ctx *w, long long id, int *changes)
{
	int64_t ids[256];
	size_t n = 0;
	char today[11];
	NEOERR *err;
	struct workflow_ctx clock = *w;

	*changes = 0;
	clock.actor = NULL;      /* deadlines act as the portal itself */
	workflow_today(w->now, today);
	/* Cheap when nothing is due: one indexed query. */
	err = store_requests_due_grievances(w->db, today, id, ids, sizeof ids / sizeof ids[0], &n);
	for (size_t i = 0; i < n && err == STATUS_OK; i++)
		err = in_transaction(&clock, ids[i], tick_locked, changes);
	return nerr_pass(err);
}
