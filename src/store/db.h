/* db: the one SQLite connection of a process, and how it is used.
 *
 * - Opening sets the pragmas every connection needs: WAL, foreign keys,
 *   synchronous=FULL (a committed request survives power loss), a busy
 *   timeout, and refuses a database whose schema is older than the code.
 * - The schema is the numbered migrations under db/migrations/, compiled into
 *   the program; db_migrate() applies those not yet applied, in order.
 * - Statements are prepared once per connection and cached by their SQL text
 *   (db_stmt); callers bind, step, and give them back with db_done().
 * - Writes run in BEGIN IMMEDIATE transactions (db_begin/db_commit/
 *   db_rollback) so a busy database shows up at BEGIN, not mid-transaction.
 * - SQLite errors become NEOERRs: SQLITE_BUSY/LOCKED/FULL/IOERR become
 *   HR_ERR_UNAVAILABLE (503, "try again"), anything else NERR_DB (500). */
#ifndef HR_DB_H
#define HR_DB_H

#include <ClearSilver.h>
#include <sqlite3.h>
#include <stdint.h>

struct db;

enum db_open_mode {
	DB_READ_WRITE,        /* the portal: the schema must be current */
	DB_CREATE_MIGRATE,    /* tools: create the file and migrate it */
};

NEOERR *db_open(const char *path, enum db_open_mode mode, struct db **out);
void db_close(struct db **db);
sqlite3 *db_handle(struct db *db);
/* A number no other connection of this process had: what a per-process
 * cache of one database's content is keyed by (a closed connection's
 * address may come back for another database). */
unsigned long db_serial(const struct db *db);

/* Apply pending migrations; returns the schema version reached. */
NEOERR *db_migrate(struct db *db, int *version);
/* Number of the newest migration this program knows. */
int db_schema_version(void);

/* A cached, reset statement for this SQL text (prepared on first use). */
NEOERR *db_stmt(struct db *db, const char *sql, sqlite3_stmt **stmt);
/* Reset and clear a statement obtained from db_stmt. */
void db_done(sqlite3_stmt *stmt);

/* Step a statement; *row is 1 when a row is available, 0 when done. */
NEOERR *db_step(struct db *db, sqlite3_stmt *stmt, int *row);
/* Run a statement that returns no rows to completion and reset it. */
NEOERR *db_run(struct db *db, sqlite3_stmt *stmt);
/* Execute literal SQL (no parameters: schema, pragmas, transactions). */
NEOERR *db_exec(struct db *db, const char *sql);

NEOERR *db_begin(struct db *db);      /* BEGIN IMMEDIATE */
NEOERR *db_commit(struct db *db);
void db_rollback(struct db *db);      /* safe when no transaction is open */

/* Run fn(db, ctx) in one BEGIN IMMEDIATE transaction: commit when it
 * returns STATUS_OK, roll back when it fails or the commit does, and
 * return its error. A caller cannot forget the rollback. (SQLite's busy
 * handler has already waited at BEGIN; an engine whose transactions can
 * fail to serialize retries here.) */
typedef NEOERR *(*db_tx_fn)(struct db *db, void *ctx);
NEOERR *db_tx(struct db *db, db_tx_fn fn, void *ctx);

/* A number that changes whenever the database changes, by this process or
 * any other (PRAGMA data_version plus this connection's own commits):
 * caches of what was read from the database compare it. */
NEOERR *db_generation(struct db *db, int64_t *generation);

/* Turn an SQLite result code into a NEOERR with context. */
NEOERR *db_error(struct db *db, int rc, const char *context);

/* Column text as a C string ("" for NULL). */
const char *db_text(sqlite3_stmt *stmt, int col);

/* Bind helpers: text is copied (SQLITE_TRANSIENT); NULL binds SQL NULL. */
NEOERR *db_bind_text(struct db *db, sqlite3_stmt *stmt, int idx, const char *text);
NEOERR *db_bind_int(struct db *db, sqlite3_stmt *stmt, int idx, sqlite3_int64 v);

#endif
