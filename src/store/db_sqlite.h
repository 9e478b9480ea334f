/* db_sqlite: what only the SQLite side of the store sees. The FTS5 search
 * index, the backup tool and tests that inspect the file itself use it;
 * nothing above src/store/ (the layer check enforces it, tests aside). */
#ifndef HR_DB_SQLITE_H
#define HR_DB_SQLITE_H

#include <sqlite3.h>

#include "store/db.h"

sqlite3 *db_sqlite_handle(struct db *db);
/* The file a database URL names ("sqlite:/path" or a plain path), or NULL
 * for another engine's URL. */
const char *db_sqlite_path(const char *url);
sqlite3_stmt *db_sqlite_stmt(struct db_stmt *stmt);

/* Turn an SQLite result code into a NEOERR with context: BUSY, LOCKED,
 * FULL, IOERR and READONLY are HR_ERR_UNAVAILABLE (503), the rest NERR_DB. */
NEOERR *db_error(struct db *db, int rc, const char *context);

#endif
