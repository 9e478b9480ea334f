/* workflow: the approval state machine (workflow.h). Each transition,
 * submit, approve, deny, withdraw, appeal, accept and the deadlines'
 * catch-up, checks the actor's right and the request's state inside one
 * transaction, moves the request and records its history; with them the
 * actions a state allows and the context a form's check needs. Who a
 * request goes to is routing.c, the emails wfnotice.c, the leave-sharing
 * ledger sharing.c, drafts drafts.c: this file keeps the states. */
#include "forms/workflow_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/errors.h"
#include "core/isotime.h"
#include "forms/formdef.h"
#include "forms/reqview.h"
#include "store/requests.h"

/* ---- Form context ------------------------------------------------------------------ */

NEOERR *workflow_form_context(struct db *db, const char *type, const struct user *owner, const struct form_values *v,
			      time_t now, struct form_context *ctx)
{
	NEOERR *err = STATUS_OK;

	memset(ctx, 0, sizeof *ctx);
	ctx->today = wf_today_date(now);
	if (wf_is_donation(type))
		return nerr_pass(wf_sharing_donation_context(db, type, owner, v, ctx));
	if (strcmp(type, "grievance") == 0) {
		struct wf_levels lv;

		err = wf_levels_compute(db, owner, 1, &lv);
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
			struct wf_levels lv;
			rules_date due;

			*actions |= WF_ACCEPT;
			err = wf_levels_load(db, row->id, &lv);
			if (err == STATUS_OK && row->step < lv.n &&
			    (calendar_parse(row->due_on, &due) != 0 || calendar_cmp(wf_today_date(now), due) <= 0))
				*actions |= WF_APPEAL;
		}
	}
	if (row->status == REQUEST_PENDING && row->assignee_id == u->id && row->owner_id != u->id)
		*actions |= WF_APPROVE | WF_DENY;
	if (err == STATUS_OK && wf_is_sharing_application(row->type) && row->status == REQUEST_APPROVED &&
	    row->owner_id != u->id) {
		int open = 0, may = u->role == USER_HR;

		err = wf_sharing_is_open(db, row->id, &open);
		if (err == STATUS_OK && !may)
			err = requests_may_view(db, row, u, &may);
		if (err == STATUS_OK && may && open)
			*actions |= WF_RETURN;
	}
	return nerr_pass(err);
}

/* ---- Transactions --------------------------------------------------------------------- */

struct locked {
	const struct workflow_ctx *w;
	int64_t id;
	wf_locked_fn fn;
	void *arg;
};

static NEOERR *locked_in_tx(struct db *db, void *ctx)
{
	const struct locked *l = ctx;
	struct request_row row;
	int found = 0;
	NEOERR *err = requests_load(db, l->id, &row, &found);

	if (err == STATUS_OK && !found)
		err = nerr_raise(HR_ERR_NOT_FOUND, "There is no request number %" PRId64 ".", l->id);
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

NEOERR *wf_in_transaction(const struct workflow_ctx *w, int64_t id, wf_locked_fn fn, void *arg)
{
	struct locked l = { w, id, fn, arg };

	return nerr_pass(db_tx(w->db, locked_in_tx, &l));
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
		wf_finish(w, row, def->final_status);
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
			return nerr_pass(wf_assign(w, row, &sup, 1, "supervisor"));
		err = wf_authority_for(w->db, owner, &aa, &found);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (!found)
			return nerr_raise(HR_ERR_CONFLICT,
					  "Nobody in the portal can approve this request for you "
					  "(no supervisor, appointing authority or HR staff). Ask your HR office.");
		return nerr_pass(wf_assign(w, row, &aa, 2, "appointing_authority"));
	case CHAIN_GRIEVANCE: {
		struct wf_levels lv;
		struct grievance_clock g;
		char enc[GRIEVANCE_MAX_LEVELS * 24];
		const char *subj = form_get(v, "subject_is_supervisor");
		int second = subj != NULL && strcmp(subj, "1") == 0;
		struct user first;

		err = wf_levels_compute(w->db, owner, second, &lv);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (lv.n == 0)
			return nerr_raise(HR_ERR_CONFLICT, "Nobody in the portal can hear this grievance for you. "
							   "Ask your HR office.");
		memset(&g, 0, sizeof g);
		g.n_levels = lv.n;
		for (int i = 0; i < lv.n; i++)
			g.kinds[i] = lv.kinds[i];
		if (grievance_file(&g, wf_today_date(w->now)) != 0)
			return nerr_raise(NERR_ASSERT, "grievance levels unusable");
		wf_levels_encode(&lv, enc, sizeof enc);
		err = requests_set_value(w->db, row->id, "_levels", enc);
		if (err == STATUS_OK)
			err = wf_user(w->db, lv.ids[0], &first);
		if (err != STATUS_OK)
			return nerr_pass(err);
		row->status = REQUEST_PENDING;
		wf_clock_to_row(&g, row);
		*notified_kind_grievance = 1;
		return nerr_pass(wf_assign(w, row, &first, 1,
					   second && lv.kinds[0] == GRIEVANCE_LINE ? "second_line"
										   : wf_level_kind_name(&lv, 1)));
	}
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
		return STATUS_OK; /* the caller shows what changed; nothing is written */
	}
	snprintf(row->summary, sizeof row->summary, "%s", a->result->summary);
	iso_time_format(w->now, row->submitted_at);
	if (err == STATUS_OK)
		err = route_first(w, def, row, &owner, &ans.values, &grievance);
	if (err == STATUS_OK)
		err = wf_sharing_on_submit(w, row, &ans.values, &owner);
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
		err = wf_user(w->db, row->assignee_id, &assignee);
		if (err == STATUS_OK)
			err = wf_notify(w, grievance ? "grievance_filed" : "request_submitted", &assignee, row, &owner,
					NULL);
	}
	/* Signing an acknowledgement shows its confirmation; only what goes
	 * on to someone (or is filed with HR) gets a receipt by email. */
	if (err == STATUS_OK && row->status != REQUEST_ACKNOWLEDGED)
		err = wf_notify_receipt(w, row, &owner, row->assignee_id ? &assignee : NULL);
	if (err == STATUS_OK && def->notify_hr)
		err = wf_notify_hr(w, "hr_notice", row, &owner);
	return nerr_pass(err);
}

NEOERR *workflow_submit(const struct workflow_ctx *w, int64_t id, const char *typed_name, struct form_result *result,
			int *already)
{
	struct submit_args a = { typed_name, result, already };

	*already = 0;
	memset(result, 0, sizeof *result);
	if (w->actor == NULL)
		return nerr_raise(NERR_ASSERT, "submit needs an actor");
	return nerr_pass(wf_in_transaction(w, id, submit_locked, &a));
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
	return action; /* approved, denied, decided, accepted, closed */
}

/* A second click, or a decision someone else made first: say what
 * happened, by whom and when, instead of a bare "not awaiting". */
static NEOERR *already_decided(const struct workflow_ctx *w, const struct request_row *row,
			       const struct request_decision *d)
{
	char when[32];

	reqview_local_time(d->at, when);
	if (d->actor_id == w->actor->id && row->status == REQUEST_PENDING)
		return nerr_raise(HR_ERR_CONFLICT,
				  "You already %s this request on %s; it now awaits the next "
				  "approver.",
				  decision_verb(d->action), when);
	if (d->actor_id == w->actor->id)
		return nerr_raise(HR_ERR_CONFLICT, "You already %s this request on %s.", decision_verb(d->action),
				  when);
	if (d->actor_id == 0)
		return nerr_raise(HR_ERR_CONFLICT, "The portal %s this request on %s.", decision_verb(d->action), when);
	return nerr_raise(HR_ERR_CONFLICT, "%s already %s this request on %s.", d->who, decision_verb(d->action), when);
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

	wf_finish(w, row, REQUEST_APPROVED);
	if (wf_is_sharing_application(row->type)) {
		err = wf_sharing_certify(w, row, hours);
	} else if (strcmp(row->type, "outside-employment") == 0) {
		/* Approval is reviewed every year. */
		rules_date t = wf_today_date(w->now);
		char review[11];

		t.year += 1;
		if (t.month == 2 && t.day == 29)
			t.day = 28;
		rules_date_iso(t, review);
		err = requests_set_value(w->db, row->id, "_review_on", review);
	}
	if (err == STATUS_OK)
		err = requests_update(w->db, row, w->now);
	if (err == STATUS_OK && wf_is_donation(row->type))
		err = wf_sharing_after_donation_decided(w, row);
	if (err == STATUS_OK)
		err = wf_notify_decision(w, "request_approved", row, owner, note);
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
		return nerr_raise(HR_ERR_BAD_REQUEST,
				  "Write your findings and decision before granting the grievance.");
	err = wf_user(w->db, row->owner_id, &owner);
	if (err == STATUS_OK)
		err = requests_sign(w->db, row->id, w->actor->id, "approver", w->actor->name, w->now);
	if (err == STATUS_OK)
		err = requests_event(w->db, row->id, w->now, w->actor->id, "approved", step, a->text);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (def->chain == CHAIN_SUPERVISOR_AUTHORITY && row->step == 1) {
		err = wf_authority_for(w->db, &owner, &next, &found);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (found && next.id != w->actor->id) {
			err = wf_assign(w, row, &next, 2, "appointing_authority");
			if (err == STATUS_OK)
				err = requests_update(w->db, row, w->now);
			if (err == STATUS_OK)
				err = wf_notify(w, "request_submitted", &next, row, &owner, NULL);
			return nerr_pass(err);
		}
	}
	return nerr_pass(approve_final(w, row, &owner, a->hours, a->text));
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
							      ? "Write your findings and decision."
							      : "Give the reason for denying the request.");
	err = wf_user(w->db, row->owner_id, &owner);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (def->chain == CHAIN_GRIEVANCE) {
		struct wf_levels lv;
		struct grievance_clock g, out;

		err = wf_levels_load(w->db, row->id, &lv);
		if (err != STATUS_OK)
			return nerr_pass(err);
		wf_clock_from_row(row, &lv, &g);
		if (grievance_decide(&g, wf_today_date(w->now), &out) != 0)
			return nerr_raise(HR_ERR_CONFLICT, "This grievance is not awaiting a decision.");
		if (out.status == GRIEVANCE_AWAITING_EMPLOYEE) {
			row->status = REQUEST_DECIDED;
			row->assignee_id = 0;
			wf_clock_to_row(&out, row);
			err = requests_update(w->db, row, w->now);
			if (err == STATUS_OK)
				err = requests_event(w->db, row->id, w->now, w->actor->id, "decided", step, a->text);
			if (err == STATUS_OK)
				err = wf_notify(w, "grievance_decided", &owner, row, &owner, NULL);
			return nerr_pass(err);
		}
	}
	wf_finish(w, row, REQUEST_DENIED);
	err = requests_update(w->db, row, w->now);
	if (err == STATUS_OK)
		err = requests_event(w->db, row->id, w->now, w->actor->id, "denied", step, a->text);
	if (err == STATUS_OK)
		err = wf_sharing_after_decline(w, row);
	if (err == STATUS_OK)
		err = wf_notify_decision(w, "request_denied", row, &owner, a->text);
	return nerr_pass(err);
}

NEOERR *workflow_approve(const struct workflow_ctx *w, int64_t id, const char *note, const char *hours)
{
	struct decide_args a = { note, hours };

	return nerr_pass(wf_in_transaction(w, id, approve_locked, &a));
}

NEOERR *workflow_deny(const struct workflow_ctx *w, int64_t id, const char *reason)
{
	struct decide_args a = { reason, NULL };

	return nerr_pass(wf_in_transaction(w, id, deny_locked, &a));
}

/* ---- The owner's actions --------------------------------------------------------------- */

static NEOERR *withdraw_locked(const struct workflow_ctx *w, struct request_row *row, void *arg)
{
	struct user owner, assignee;
	int64_t was = row->assignee_id;
	int pending = row->status == REQUEST_PENDING;
	NEOERR *err;

	(void)arg;
	if (w->actor == NULL || row->owner_id != w->actor->id)
		return nerr_raise(HR_ERR_FORBIDDEN, "Only the person who filed this request can withdraw it.");
	if (!pending && row->status != REQUEST_DRAFT)
		return nerr_raise(HR_ERR_CONFLICT, "This request can no longer be withdrawn (it is %s).",
				  request_status_label(row->status));
	owner = *w->actor;
	wf_finish(w, row, REQUEST_WITHDRAWN);
	err = requests_update(w->db, row, w->now);
	if (err == STATUS_OK)
		err = requests_event(w->db, row->id, w->now, owner.id, "withdrawn", row->step, "");
	if (err == STATUS_OK)
		err = wf_sharing_after_decline(w, row);
	if (err == STATUS_OK && pending && was) {
		err = wf_user(w->db, was, &assignee);
		if (err == STATUS_OK)
			err = wf_notify(w, "request_withdrawn", &assignee, row, &owner, NULL);
	}
	return nerr_pass(err);
}

NEOERR *workflow_withdraw(const struct workflow_ctx *w, int64_t id)
{
	return nerr_pass(wf_in_transaction(w, id, withdraw_locked, NULL));
}

static NEOERR *to_level(const struct workflow_ctx *w, struct request_row *row, const struct wf_levels *lv,
			const struct grievance_clock *g, const struct user *owner, const char *note)
{
	struct user next;
	NEOERR *err = wf_user(w->db, lv->ids[g->level - 1], &next);

	if (err != STATUS_OK)
		return nerr_pass(err);
	row->status = REQUEST_PENDING;
	wf_clock_to_row(g, row);
	err = wf_assign(w, row, &next, g->level, wf_level_kind_name(lv, g->level));
	if (err == STATUS_OK)
		err = requests_update(w->db, row, w->now);
	if (err == STATUS_OK)
		err = requests_event(w->db, row->id, w->now, wf_actor_id(w), "escalated", g->level, note);
	if (err == STATUS_OK)
		err = wf_notify(w, "grievance_escalated", &next, row, owner, NULL);
	return nerr_pass(err);
}

static NEOERR *appeal_locked(const struct workflow_ctx *w, struct request_row *row, void *arg)
{
	struct wf_levels lv;
	struct grievance_clock g, out;
	char note[200];
	NEOERR *err;

	(void)arg;
	if (w->actor == NULL || row->owner_id != w->actor->id)
		return nerr_raise(HR_ERR_FORBIDDEN, "Only the employee who filed the grievance can appeal it.");
	if (strcmp(row->type, "grievance") != 0 || row->status != REQUEST_DECIDED)
		return nerr_raise(HR_ERR_CONFLICT, "This request has no decision to appeal.");
	err = wf_levels_load(w->db, row->id, &lv);
	if (err != STATUS_OK)
		return nerr_pass(err);
	wf_clock_from_row(row, &lv, &g);
	if (grievance_appeal(&g, wf_today_date(w->now), &out) != 0)
		return nerr_raise(HR_ERR_CONFLICT, "The time to appeal this decision has passed, or there is no "
						   "further level.");
	snprintf(note, sizeof note, "The employee took the grievance to review level %d.", out.level);
	return nerr_pass(to_level(w, row, &lv, &out, w->actor, note));
}

NEOERR *workflow_appeal(const struct workflow_ctx *w, int64_t id)
{
	return nerr_pass(wf_in_transaction(w, id, appeal_locked, NULL));
}

static NEOERR *accept_locked(const struct workflow_ctx *w, struct request_row *row, void *arg)
{
	NEOERR *err;

	(void)arg;
	if (w->actor == NULL || row->owner_id != w->actor->id)
		return nerr_raise(HR_ERR_FORBIDDEN, "Only the employee who filed the grievance can accept a decision.");
	if (row->status != REQUEST_DECIDED)
		return nerr_raise(HR_ERR_CONFLICT, "This request has no decision to accept.");
	wf_finish(w, row, REQUEST_CLOSED);
	err = requests_update(w->db, row, w->now);
	if (err == STATUS_OK)
		err = requests_event(w->db, row->id, w->now, w->actor->id, "accepted", row->step,
				     "The employee accepted the decision.");
	return nerr_pass(err);
}

NEOERR *workflow_accept(const struct workflow_ctx *w, int64_t id)
{
	return nerr_pass(wf_in_transaction(w, id, accept_locked, NULL));
}

/* ---- Deadlines -------------------------------------------------------------------------- */

static NEOERR *tick_locked(const struct workflow_ctx *w, struct request_row *row, void *arg)
{
	int *changes = arg;
	struct wf_levels lv;
	struct user owner;
	NEOERR *err;

	if (strcmp(row->type, "grievance") != 0 || (row->status != REQUEST_PENDING && row->status != REQUEST_DECIDED))
		return STATUS_OK;
	err = wf_levels_load(w->db, row->id, &lv);
	if (err == STATUS_OK)
		err = wf_user(w->db, row->owner_id, &owner);
	/* Catch up one deadline after another: weeks of silence pass every
	 * level in order, each from the day after the one before. */
	for (int guard = 0; err == STATUS_OK && guard < 2 * GRIEVANCE_MAX_LEVELS; guard++) {
		struct grievance_clock g, out;
		enum grievance_tick t;
		char note[300], due[11];

		wf_clock_from_row(row, &lv, &g);
		t = grievance_tick(&g, wf_today_date(w->now), &out);
		if (t == GRIEVANCE_TICK_NONE)
			break;
		snprintf(due, sizeof due, "%s", row->due_on);
		(*changes)++;
		if (t == GRIEVANCE_TICK_ADVANCED) {
			snprintf(note, sizeof note,
				 "No findings and decision by the deadline of %s: advanced "
				 "automatically to review level %d (101 KAR 1:375).",
				 due, out.level);
			err = to_level(w, row, &lv, &out, &owner, note);
		} else if (t == GRIEVANCE_TICK_OVERDUE) {
			wf_clock_to_row(&out, row);
			err = requests_update(w->db, row, w->now);
			snprintf(note, sizeof note,
				 "The appointing authority's deadline of %s passed without a final "
				 "determination; HR has been told.",
				 due);
			if (err == STATUS_OK)
				err = requests_event(w->db, row->id, w->now, 0, "escalated", row->step, note);
			if (err == STATUS_OK)
				err = wf_notify_hr(w, "grievance_overdue", row, &owner);
		} else {
			wf_finish(w, row, REQUEST_CLOSED);
			err = requests_update(w->db, row, w->now);
			snprintf(note, sizeof note, "The time to appeal (until %s) passed: the decision stands.", due);
			if (err == STATUS_OK)
				err = requests_event(w->db, row->id, w->now, 0, "closed", row->step, note);
		}
	}
	return nerr_pass(err);
}

NEOERR *workflow_catch_up(const struct workflow_ctx *w, int64_t id, int *changes)
{
	int64_t ids[256];
	size_t n = 0;
	char today[11];
	NEOERR *err;
	struct workflow_ctx clock = *w;

	*changes = 0;
	clock.actor = NULL; /* deadlines act as the portal itself */
	workflow_today(w->now, today);
	/* Cheap when nothing is due: one indexed query. */
	err = store_requests_due_grievances(w->db, today, id, ids, sizeof ids / sizeof ids[0], &n);
	for (size_t i = 0; i < n && err == STATUS_OK; i++)
		err = wf_in_transaction(&clock, ids[i], tick_locked, changes);
	return nerr_pass(err);
}
