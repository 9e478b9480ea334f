/* workflow: what happens to a request, and who may make it happen.
 *
 *   submit    the owner signs a complete draft (typing their name); it is
 *             routed by its form's chain: the immediate supervisor; the
 *             supervisor then the agency's appointing authority; the
 *             grievance's review levels (grievance.h); or nobody (filed,
 *             acknowledged)
 *   approve   the person it awaits approves (the next step, or final)
 *   deny      the person it awaits denies, with a reason (a grievance level
 *             that denies leaves the employee 5 workdays to appeal)
 *   withdraw  the owner withdraws a draft or a pending request
 *   appeal    the owner takes a decided grievance to the next level
 *   accept    the owner accepts a grievance decision
 *   return    HR or an approver records that a leave-sharing recipient is
 *             back at work: unused donated hours go back to the donors
 *   catch up  deadlines that have passed move grievances on (the portal
 *             itself acts: on access, and from hrportal-admin escalate)
 *
 * Each operation is one BEGIN IMMEDIATE transaction holding the change,
 * its history row(s) and the outbox rows of the emails it causes; it
 * re-reads the request inside the transaction and checks the actor's right
 * to act there (HR_ERR_FORBIDDEN), and refuses an operation the request's
 * state no longer allows (HR_ERR_CONFLICT). */
#ifndef HR_WORKFLOW_H
#define HR_WORKFLOW_H

#include <stdint.h>
#include <ClearSilver.h>
#include <time.h>

#include "store/db.h"
#include "forms/formcheck.h"
#include "forms/requests.h"
#include "core/settings.h"
#include "people/users.h"

struct workflow_ctx {
	struct db *db;
	const struct settings *settings;
	time_t now;
	const struct user *actor; /* NULL: the portal (deadlines) */
};

/* Actions the user may take on a request (workflow_actions). */
#define WF_EDIT 0x01u
#define WF_SUBMIT 0x02u
#define WF_WITHDRAW 0x04u
#define WF_APPROVE 0x08u
#define WF_DENY 0x10u
#define WF_APPEAL 0x20u
#define WF_ACCEPT 0x40u
#define WF_RETURN 0x80u

NEOERR *workflow_actions(struct db *db, const struct request_row *row, const struct user *u, time_t now,
			 unsigned *actions);

/* What the database adds to a form's check: the donation's recipient and
 * what they still need, whether a grievance can go to a second line. */
NEOERR *workflow_form_context(struct db *db, const char *type, const struct user *owner, const struct form_values *v,
			      time_t now, struct form_context *ctx);

/* Save the answers as the actor's draft of form def, in one transaction:
 * the draft is created the first time its form page's idem_key is seen,
 * then with the wizard's result when wizard answers (the wizard's
 * parameters by name; NULL or none: no wizard) came along, evaluated here
 * and never taken from the browser. *id gets the request; *submitted is 1
 * when it had been submitted already (the same form sent again): nothing
 * changes then. HR_ERR_BAD_REQUEST when the key is another form's. */
NEOERR *workflow_save_draft(const struct workflow_ctx *w, const struct form_def *def, const char *idem_key,
			    const struct form_values *v, const struct form_values *wizard_answers, const char *summary,
			    int64_t *id, int *submitted);

/* Submit a draft signed with typed_name. When the answers no longer pass
 * (result->n_errors > 0) nothing changes. *already is 1 when the request
 * had been submitted before (a second click): nothing changes either. */
NEOERR *workflow_submit(const struct workflow_ctx *w, int64_t id, const char *typed_name, struct form_result *result,
			int *already);
/* hours: for a leave-sharing application's last approval, the hours
 * certified as needed (NULL: as requested; never more). */
NEOERR *workflow_approve(const struct workflow_ctx *w, int64_t id, const char *note, const char *hours);
NEOERR *workflow_deny(const struct workflow_ctx *w, int64_t id, const char *reason);
NEOERR *workflow_withdraw(const struct workflow_ctx *w, int64_t id);
NEOERR *workflow_appeal(const struct workflow_ctx *w, int64_t id);
NEOERR *workflow_accept(const struct workflow_ctx *w, int64_t id);
NEOERR *workflow_return_to_work(const struct workflow_ctx *w, int64_t id, const char *used_hours);

/* Move on every grievance whose deadline has passed (id 0: all of them;
 * otherwise just that request). *changes counts the steps taken. */
NEOERR *workflow_catch_up(const struct workflow_ctx *w, int64_t id, int *changes);

/* The date of now in Eastern time, as the forms count days. */
void workflow_today(time_t now, char out[11]);

#endif
