/* workflow_internal: what the workflow's files share, and nobody else.
 *
 * The workflow (workflow.h) is one public API kept in several files of one
 * job each: workflow.c the state machine and its transitions, drafts.c
 * saving drafts, sharing.c the leave-sharing ledger, routing.c who a
 * request goes to (people, steps, grievance review levels), wfnotice.c
 * the notices the transitions send. Include this header only from those
 * files: what it declares may change with them. */
#ifndef HR_WORKFLOW_INTERNAL_H
#define HR_WORKFLOW_INTERNAL_H

#include "forms/workflow.h"
#include <stdint.h>

#include "forms/grievance.h"
#include "rules/calendar.h"

/* ---- routing.c: request kinds, people, steps ---- */

rules_date wf_today_date(time_t now);
int64_t wf_actor_id(const struct workflow_ctx *w);
int wf_is_sharing_application(const char *type);
int wf_is_donation(const char *type);

/* The user with id, even one who has left (the request still names them);
 * missing altogether: NERR_ASSERT. */
NEOERR *wf_user(struct db *db, int64_t id, struct user *u);
/* The appointing authority for an owner, or HR when the agency has none
 * (or when the owner is the authority). found 0: nobody at all. */
NEOERR *wf_authority_for(struct db *db, const struct user *owner, struct user *out, int *found);
/* Put a request in someone's hands: assignee, party, step. */
NEOERR *wf_assign(const struct workflow_ctx *w, struct request_row *row, const struct user *to, int step,
		  const char *kind);
/* Close the request with status (in memory; the caller updates the row). */
void wf_finish(const struct workflow_ctx *w, struct request_row *row, enum request_status status);

/* A grievance's review levels, kept with its answers as "_levels". */
struct wf_levels {
	int n;
	int64_t ids[GRIEVANCE_MAX_LEVELS];
	enum grievance_kind kinds[GRIEVANCE_MAX_LEVELS];
};

NEOERR *wf_levels_compute(struct db *db, const struct user *owner, int skip_first, struct wf_levels *lv);
void wf_levels_encode(const struct wf_levels *lv, char *out, size_t size);
NEOERR *wf_levels_load(struct db *db, int64_t id, struct wf_levels *lv);
const char *wf_level_kind_name(const struct wf_levels *lv, int level);
void wf_clock_from_row(const struct request_row *row, const struct wf_levels *lv, struct grievance_clock *g);
void wf_clock_to_row(const struct grievance_clock *g, struct request_row *row);

/* ---- wfnotice.c: the emails a transition causes (outbox rows) ---- */

NEOERR *wf_notify(const struct workflow_ctx *w, const char *kind, const struct user *to, const struct request_row *row,
		  const struct user *owner, const char *hours);
NEOERR *wf_notify_decision(const struct workflow_ctx *w, const char *kind, const struct request_row *row,
			   const struct user *owner, const char *note);
NEOERR *wf_notify_receipt(const struct workflow_ctx *w, const struct request_row *row, const struct user *owner,
			  const struct user *with);
NEOERR *wf_notify_hr(const struct workflow_ctx *w, const char *kind, const struct request_row *row,
		     const struct user *owner);

/* ---- workflow.c: one operation, one transaction ---- */

typedef NEOERR *(*wf_locked_fn)(const struct workflow_ctx *w, struct request_row *row, void *arg);

/* Run fn on request id, re-read and checked visible to the actor, inside
 * one BEGIN IMMEDIATE transaction. */
NEOERR *wf_in_transaction(const struct workflow_ctx *w, int64_t id, wf_locked_fn fn, void *arg);

/* ---- sharing.c: the leave-sharing ledger's side of each transition ---- */

/* A donation was approved, denied or withdrawn: move what can move. */
NEOERR *wf_sharing_after_donation_decided(const struct workflow_ctx *w, const struct request_row *row);
/* A sharing application or a donation was submitted: enter it. */
NEOERR *wf_sharing_on_submit(const struct workflow_ctx *w, const struct request_row *row, const struct form_values *v,
			     const struct user *owner);
/* A sharing application's last approval: certify hours (NULL or empty:
 * as requested; never more). */
NEOERR *wf_sharing_certify(const struct workflow_ctx *w, const struct request_row *row, const char *hours);
/* A request was denied or withdrawn: close its application, or process
 * the application its donation was for. */
NEOERR *wf_sharing_after_decline(const struct workflow_ctx *w, const struct request_row *row);
/* *open: the application id is open (certified, recipient not yet back). */
NEOERR *wf_sharing_is_open(struct db *db, int64_t id, int *open);
/* A donation form's context: the recipient and what they still need. */
NEOERR *wf_sharing_donation_context(struct db *db, const char *type, const struct user *owner,
				    const struct form_values *v, struct form_context *ctx);

#endif
