/* reqview: one request as people see it — its answers with their labels in
 * the form's sections, the people involved, the history, signatures, the
 * wizard result and a fresh check of the rules, the leave-sharing ledger
 * and the grievance's review levels — written into HDF under a prefix.
 * The request page, its print view and its PDF document (formpdf) are all
 * drawn from this one model, so they always agree.
 *
 *   <prefix>.Id, Type, Title, Official, Status, StatusLabel, Summary,
 *     SubmittedAt, ClosedAt, DueOn, ReceivedOn, Step, StepKindLabel,
 *     Declaration, Handbook, ReviewOn, FiledWithSecondLine
 *   <prefix>.Owner.{Name, EmployeeId, Agency, Login}   .Assignee.Name
 *   <prefix>.Sections.N.{Heading, Fields.M.{Name, Label, Value}}
 *   <prefix>.History.N.{At, Who, Action, Step, Note}
 *   <prefix>.Signatures.N.{Role, TypedName, SignedAt, Name}
 *   <prefix>.Wizard.{EvaluatedOn, Eligible, Figures, Reasons.N, Citations.N.{Cite, Url},
 *     Answers.N.{Name, Value}}  and  <prefix>.Check.{Eligible, Figures, Reasons.N,
 *     Citations.N, Changes.N, Changed}  (the rules run again now)
 *   <prefix>.Sharing.{Program, State, Requested, Certified, Received, Returned,
 *     Remaining, Used, Donations.N.{Id, Donor, EmployeeId, Offered, Transferred,
 *     Restored, Status, ReceivedAt}}
 *   <prefix>.Donation.{Recipient, RecipientId, Application, Transferred, Restored}
 *   <prefix>.Levels.N.{Level, Name, Kind, Current}
 */
#ifndef HR_REQVIEW_H
#define HR_REQVIEW_H

#include <ClearSilver.h>
#include <time.h>

#include "store/db.h"
#include "forms/requests.h"
#include "people/users.h"

NEOERR *reqview_fill(struct db *db, const struct request_row *row, time_t now, HDF *hdf, const char *prefix);

/* Set prefix-relative HDF value with a printf-style name. */
NEOERR *reqview_set(HDF *hdf, const char *value, const char *name_fmt, ...) __attribute__((format(printf, 3, 4)));

/* "2027-01-05T14:03:00Z" as "2027-01-05 09:03" Eastern time. */
void reqview_local_time(const char *iso, char out[32]);

#endif
