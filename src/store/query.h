/* query: what the store files share to run one statement with its
 * parameters bound in one call, and to read its rows:
 *
 *   query_exec(db, "UPDATE t SET a = ?2 WHERE id = ?1", DB_INT(id), DB_TEXT(a));
 *   query_rows(db, "SELECT a FROM t WHERE id = ?1", QUERY_VALUES(DB_INT(id)), read_a, &out);
 *
 * Private to src/store/. */
#ifndef HR_STORE_QUERY_H
#define HR_STORE_QUERY_H

#include <ClearSilver.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* The values and their count, as two arguments. */
#define QUERY_VALUES(...)                         \
	(const struct db_value[]){ __VA_ARGS__ }, \
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

/* query_run with the values listed: query_exec(db, sql, DB_INT(id), ...). */
#define query_exec(db, sql, ...) query_run((db), (sql), QUERY_VALUES(__VA_ARGS__))

/* Step through the rows: read(st, ctx) for each, until the first error.
 * What read sees of a row is valid only during the call. */
typedef NEOERR *(*query_read_fn)(struct db_stmt *st, void *ctx);
static inline NEOERR *query_rows(struct db *db, const char *sql, const struct db_value *values, size_t n,
				 query_read_fn read, void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = query_prepare(db, sql, values, n, &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	while (err == STATUS_OK) {
		err = db_step(db, st, &row);
		if (err != STATUS_OK || !row)
			break;
		err = read(st, ctx);
	}
	db_done(st);
	return nerr_pass(err);
}

/* The first column of the first row as a number (*found 0: no row). */
struct query_int64 {
	int64_t value;
	int found;
};

static inline NEOERR *query_read_int64(struct db_stmt *st, void *ctx)
{
	struct query_int64 *q = ctx;

	if (!q->found) {
		q->value = db_int64(st, 0);
		q->found = 1;
	}
	return STATUS_OK;
}

static inline NEOERR *query_int64(struct db *db, const char *sql, const struct db_value *values, size_t n,
				  int64_t *value, int *found)
{
	struct query_int64 q = { 0, 0 };
	NEOERR *err = query_rows(db, sql, values, n, query_read_int64, &q);

	*value = q.value;
	if (found)
		*found = q.found;
	return nerr_pass(err);
}

#endif
