/* audit: the log of every admin action (who, what, when, from where).
 *
 * audit_record() appends a row inside the caller's transaction, so an
 * action is logged exactly when it happened. The table is append-only: the
 * portal has no statement that changes or removes a row, and triggers
 * (db/migrations/005_publishing.sql) refuse UPDATE and DELETE from anyone. */
#ifndef HR_AUDIT_H
#define HR_AUDIT_H

#include <ClearSilver.h>

#include "store/db.h"
#include "web/request.h"

#define AUDIT_PAGE_SIZE 50

/* Record an action of the request's user (login, REMOTE_ADDR, the request's
 * clock). action is a short verb phrase ("section.publish"), target what it
 * was done to ("/handbook/sick-leave"), detail a sentence (may be ""). */
NEOERR *audit_record(struct request *req, const char *action, const char *target, const char *detail);

/* The log, newest first, one page (from 1):
 * <prefix>.Rows.N.{Id,At,Login,Name,RemoteAddr,Action,Target,Detail},
 * <prefix>.{Total,Page,Pages}. */
NEOERR *audit_list(struct db *db, int page, HDF *hdf, const char *prefix);

#endif
