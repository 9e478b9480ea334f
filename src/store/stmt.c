#include "store/stmt.h"

NEOERR *store_run_values(struct db *db, const char *sql, const struct db_value *values, size_t n)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, sql, &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_values(db, st, 1, values, n);
	if (err == STATUS_OK)
		return nerr_pass(db_run(db, st));
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_int64(struct db *db, const char *sql, int64_t *value)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, sql, &st);

	*value = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		*value = db_int64(st, 0);
	db_done(st);
	return nerr_pass(err);
}
