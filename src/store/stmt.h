/* stmt: the statement shapes the store's files repeat, for src/store/ only
 * (callers outside it call the store's functions, never SQL). */
#ifndef HR_STORE_STMT_H
#define HR_STORE_STMT_H

#include <ClearSilver.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* Run a statement that returns no rows with the values bound to ?1..?n. */
NEOERR *store_run_values(struct db *db, const char *sql, const struct db_value *values, size_t n);
#define store_run(db, sql, ...) \
	store_run_values((db), (sql), (const struct db_value[]){ __VA_ARGS__ }, \
			 sizeof((const struct db_value[]){ __VA_ARGS__ }) / sizeof(struct db_value))

/* The one integer a parameterless query returns (0 when no row). */
NEOERR *store_int64(struct db *db, const char *sql, int64_t *value);

#endif
