/* store/audit: the audit log's rows (audit_log). The table is append-only:
 * this file has no statement that changes or removes a row, and the
 * schema's triggers refuse UPDATE and DELETE. */
#ifndef HR_STORE_AUDIT_H
#define HR_STORE_AUDIT_H

#include <ClearSilver.h>
#include <stdint.h>

#include "store/db.h"

/* One action. at is ISO 8601 UTC; user_id 0 is none (NULL); NULL text is
 * stored as "". */
struct store_audit_entry {
	const char *at;
	int64_t user_id;
	const char *login;
	const char *remote_addr;
	const char *action;
	const char *target;
	const char *detail;
};

/* Append an entry. Runs inside the caller's transaction, so an action is
 * logged exactly when it is committed. */
NEOERR *store_audit_append(struct db *db, const struct store_audit_entry *e);

/* How many entries the log holds. */
NEOERR *store_audit_count(struct db *db, int64_t *count);

/* A logged entry as read back, with the name of its user ("" when the
 * user is unknown). The strings last for the callback only. */
struct store_audit_row {
	int64_t id;
	const char *at;
	const char *login;
	const char *name;
	const char *remote_addr;
	const char *action;
	const char *target;
	const char *detail;
};

/* At most limit entries, newest first, skipping the offset newest. */
NEOERR *store_audit_page(struct db *db, int64_t limit, int64_t offset,
			 NEOERR *(*each)(void *ctx, const struct store_audit_row *row), void *ctx);

#endif
