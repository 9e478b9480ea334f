#include "store/audit.h"

#include "store/query.h"

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

NEOERR *store_audit_append(struct db *db, const struct store_audit_entry *e)
{
	return nerr_pass(query_exec(db,
				    "INSERT INTO audit_log(at, user_id, login, remote_addr, action, target, detail) "
				    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
				    DB_TEXT(e->at), e->user_id ? DB_INT(e->user_id) : DB_NULL,
				    DB_TEXT(or_empty(e->login)), DB_TEXT(or_empty(e->remote_addr)), DB_TEXT(e->action),
				    DB_TEXT(e->target), DB_TEXT(or_empty(e->detail))));
}

NEOERR *store_audit_count(struct db *db, int64_t *count)
{
	return nerr_pass(query_int64(db, "SELECT count(*) FROM audit_log", NULL, 0, count, NULL));
}

NEOERR *store_audit_page(struct db *db, int64_t limit, int64_t offset,
			 NEOERR *(*each)(void *ctx, const struct store_audit_row *row), void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT a.id, a.at, a.login, coalesce(u.name, ''), a.remote_addr, a.action, a.target, "
			      "a.detail FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
			      "ORDER BY a.id DESC LIMIT ?1 OFFSET ?2",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(limit), DB_INT(offset));
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_audit_row r = {
			.id = db_int64(st, 0),
			.at = db_text(st, 1),
			.login = db_text(st, 2),
			.name = db_text(st, 3),
			.remote_addr = db_text(st, 4),
			.action = db_text(st, 5),
			.target = db_text(st, 6),
			.detail = db_text(st, 7),
		};

		err = each(ctx, &r);
	}
	db_done(st);
	return nerr_pass(err);
}
