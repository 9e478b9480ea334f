/* audit: the log of every admin action (who, what, when, from where).
 *
 * An action is appended inside the caller's transaction, so it is logged
 * exactly when it happened. The table is append-only: the portal has no
 * statement that changes or removes a row, and triggers
 * (db/migrations/005_publishing.sql) refuse UPDATE and DELETE from anyone.
 * The rows themselves are store/audit's. */
#ifndef HR_AUDIT_H
#define HR_AUDIT_H

#include <stdint.h>
#include <ClearSilver.h>
#include <time.h>

#include "store/db.h"
#include "web/request.h"

#define AUDIT_PAGE_SIZE 50

/* Who acted: the user (id 0 when the portal does not know them), the login
 * they came in as, and the address they came from. */
struct audit_actor {
	int64_t user_id;
	const char *login;
	const char *remote_addr;
};

/* Record that who did action at the time at, inside the caller's
 * transaction. action is a short verb phrase ("section.publish"), target
 * what it was done to ("/handbook/sick-leave"), detail a sentence (may be
 * "" or NULL). */
NEOERR *audit_log_action(struct db *db, const struct audit_actor *who, time_t at, const char *action,
			 const char *target, const char *detail);

/* audit_log_action for the request's user (login, REMOTE_ADDR, the
 * request's clock): what the page handlers call. */
NEOERR *audit_record(struct request *req, const char *action, const char *target, const char *detail);

/* The log, newest first, one page (from 1):
 * <prefix>.Rows.N.{Id,At,Login,Name,RemoteAddr,Action,Target,Detail},
 * <prefix>.{Total,Page,Pages}. */
NEOERR *audit_list(struct db *db, int page, HDF *hdf, const char *prefix);

#endif
