/* ackcamp: acknowledgement campaigns. HR requires the employees of all
 * agencies, or of some, to acknowledge a section (at a version) by a date;
 * each employee acknowledges by typing their name (timestamped, like the
 * forms' signatures); HR sees completion per agency and sends reminders
 * through the outbox.
 *
 * Who must acknowledge is worked out when asked (active users in the
 * campaign's agencies), so people who join later are included. An
 * acknowledgement counts when its version is at least the campaign's; a
 * material change (publish.c) raises the campaign's version, which
 * re-opens everyone's. */
#ifndef HR_ACKCAMP_H
#define HR_ACKCAMP_H

#include <ClearSilver.h>
#include <stddef.h>
#include <time.h>

#include "store/db.h"
#include "core/settings.h"
#include "people/users.h"

#define ACKCAMP_MAX_AGENCIES 32

/* The actions (create, acknowledge, remind) run in their own transaction.
 * Those that take then(db, then_ctx) run it in that transaction, when not
 * NULL, once the action has succeeded (the caller's audit entry): the
 * action's out-parameters are already set, and its failure undoes the
 * action. */

/* Create a campaign on the newest version of a section; HR_ERR_BAD_REQUEST
 * for a section without one. */
NEOERR *ackcamp_create(struct db *db, int64_t section_id, const char *title, const char *due_on, int all_agencies,
		       const char *const *agencies, size_t n_agencies, const char *by, time_t now, int64_t *id,
		       db_tx_fn then, void *then_ctx);

/* Every campaign with its totals: <prefix>.N.{Id,Title,SectionUrl,SectionTitle,Version,Due,Overdue,
 * Required,Done,Pending,Agencies}. */
NEOERR *ackcamp_list(struct db *db, const char *today, HDF *hdf, const char *prefix);

/* One campaign: <prefix>.{Id,Title,SectionUrl,SectionTitle,Version,VersionUrl,Due,Overdue,Required,Done,
 * Pending,ReopenedAt,Agencies (comma-separated),ByAgency.N.{Agency,Required,Done,Pending,Percent},
 * People.N.{Name,Agency},Signed.N.{Name,Agency,Version,TypedName,SignedAt}}
 * (People: those still pending, at most 200). 404 for an unknown id. */
NEOERR *ackcamp_detail(struct db *db, int64_t id, const char *today, HDF *hdf, const char *prefix);

/* What a user still has to acknowledge and what they did:
 * <prefix>.Pending.N.{Id,Title,SectionTitle,SectionUrl,VersionUrl,Version,Due,Overdue},
 * <prefix>.Done.N.{Title,Version,TypedName,SignedAt}. */
NEOERR *ackcamp_for_user(struct db *db, const struct user *u, const char *today, HDF *hdf, const char *prefix);

/* How many campaigns a user still has to acknowledge. */
NEOERR *ackcamp_pending_count(struct db *db, const struct user *u, int *count);

/* Record u's acknowledgement of a campaign (its own transaction).
 * HR_ERR_NOT_FOUND for a campaign that is not theirs; *already = 1 when it
 * was already acknowledged at the campaign's version (nothing written). */
NEOERR *ackcamp_acknowledge(struct db *db, int64_t id, const struct user *u, const char *typed, time_t now,
			    int *already);

/* Queue a reminder to everyone still pending; *sent of them. */
NEOERR *ackcamp_remind(struct db *db, const struct settings *settings, int64_t id, time_t now, int *sent, db_tx_fn then,
		       void *then_ctx);

#endif
