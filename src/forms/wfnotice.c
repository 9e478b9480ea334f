/* wfnotice: the emails the workflow's transitions cause, as outbox rows
 * in the transition's own transaction (notify.c composes and queues
 * them). Apart from workflow.c because every transition, the ledger's
 * and the deadlines' too, tells someone, and who hears what (the note
 * kept from a private matter, the grievance deadline after a denial) is
 * one decision kept in one place. */
#include "forms/workflow_internal.h"

#include <string.h>

#include "forms/formdef.h"
#include "forms/notify.h"

#define MAX_HR 8

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

NEOERR *wf_notify(const struct workflow_ctx *w, const char *kind, const struct user *to, const struct request_row *row,
		  const struct user *owner, const char *hours)
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
NEOERR *wf_notify_decision(const struct workflow_ctx *w, const char *kind, const struct request_row *row,
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
		rules_date_iso(grievance_filing_deadline(wf_today_date(w->now)), by);
		info.grievance_by = by;
	}
	return nerr_pass(notice_send(w, &info));
}

/* The employee's receipt: what was filed, when, and with whom it is now. */
NEOERR *wf_notify_receipt(const struct workflow_ctx *w, const struct request_row *row, const struct user *owner,
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

NEOERR *wf_notify_hr(const struct workflow_ctx *w, const char *kind, const struct request_row *row,
		     const struct user *owner)
{
	struct user hr[MAX_HR];
	int n = 0;
	NEOERR *err = users_hr(w->db, owner->agency, hr, MAX_HR, &n);

	for (int i = 0; i < n && err == STATUS_OK; i++)
		if (hr[i].id != owner->id)
			err = wf_notify(w, kind, &hr[i], row, owner, NULL);
	return nerr_pass(err);
}
