/* query: what the store files share to run one statement with its
 * parameters bound in one call:
 *
 *   query_run(db, "UPDATE t SET a = ?2 WHERE id = ?1", QUERY_VALUES(DB_INT(id), DB_TEXT(a)));
 *
 * Private to src/store/. */
#ifndef HR_STORE_QUERY_H
#define HR_STORE_QUERY_H

#include <ClearSilver.h>
#include <stddef.h>

#include "store/db.h"

/* The values and their count, as two arguments. */
#define QUERY_VALUES(...) (const struct db_value[]){ __VA_ARGS__ }, \
	sizeof((const struct db_value[]){ __VA_ARGS__ }) / sizeof(struct db_value)

/* A statement with its parameters bound; on an error it has been given
 * back. */
static inline NEOERR *query_prepare(struct db *db, const char *sql, const struct db_value *values, size_t n,
				    struct db_stmt **st)
{
	NEOERR *err = db_stmt(db, sql, st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (n > 0)
		err = db_bind_values(db, *st, 1, values, n);
	if (err != STATUS_OK)
		db_done(*st);
	return nerr_pass(err);
}

/* Run a statement that returns no rows. */
static inline NEOERR *query_run(struct db *db, const char *sql, const struct db_value *values, size_t n)
{
	struct db_stmt *st;
	NEOERR *err = query_prepare(db, sql, values, n, &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(db_run(db, st));
}

#endif
