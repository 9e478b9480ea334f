/* db: the one SQLite connection of a process, and how it is used.
 *
 * - Opening sets the pragmas every connection needs: WAL, foreign keys,
 *   durable commits (a committed request survives power loss: the WAL is
 *   synced after each commit, outside the write lock), a busy wait, and
 *   refuses a database whose schema is older than the code.
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
#include <stddef.h>
#include <stdint.h>

struct db;
/* A prepared statement of one connection. Opaque: no caller sees which
 * engine runs it. */
struct db_stmt;

enum db_open_mode {
	DB_READ_WRITE,     /* the portal: the schema must be current */
	DB_CREATE_MIGRATE, /* tools: create the file and migrate it */
};

/* Open the database a setting names: "sqlite:/path/to/file.db" or a plain
 * path is the embedded SQLite database; any other "scheme:" is refused
 * with a message naming the engines this build has. */
NEOERR *db_open(const char *url, enum db_open_mode mode, struct db **out);
void db_close(struct db **db);
/* A number no other connection of this process had: what a per-process
 * cache of one database's content is keyed by (a closed connection's
 * address may come back for another database). */
unsigned long db_serial(const struct db *db);

/* Apply pending migrations; returns the schema version reached. */
NEOERR *db_migrate(struct db *db, int *version);
/* Number of the newest migration this program knows. */
int db_schema_version(void);

/* A cached, reset statement for this SQL text (prepared on first use). */
NEOERR *db_stmt(struct db *db, const char *sql, struct db_stmt **stmt);
/* Reset and clear a statement obtained from db_stmt. */
void db_done(struct db_stmt *stmt);

/* Step a statement; *row is 1 when a row is available, 0 when done. */
NEOERR *db_step(struct db *db, struct db_stmt *stmt, int *row);
/* Run a statement that returns no rows to completion and reset it. */
NEOERR *db_run(struct db *db, struct db_stmt *stmt);
/* Run an INSERT ... RETURNING id to completion and reset it; *id is the new
 * row's id (RETURNING rather than a last-insert-id call, which engines do
 * not share). */
NEOERR *db_insert(struct db *db, struct db_stmt *stmt, int64_t *id);
/* Rows the last INSERT, UPDATE or DELETE of this connection changed. */
int64_t db_changes(struct db *db);
/* Whether a transaction is open on this connection. */
int db_in_transaction(struct db *db);
/* Execute literal SQL (no parameters: schema, pragmas, transactions). */
NEOERR *db_exec(struct db *db, const char *sql);

NEOERR *db_begin(struct db *db); /* BEGIN IMMEDIATE */
NEOERR *db_commit(struct db *db);
void db_rollback(struct db *db); /* safe when no transaction is open */

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

/* Typed column getters (columns count from 0). NULL reads as 0, 0.0 or
 * ""; db_is_null tells NULL apart. */
int64_t db_int64(struct db_stmt *stmt, int col);
int db_int(struct db_stmt *stmt, int col);
double db_double(struct db_stmt *stmt, int col);
const char *db_text(struct db_stmt *stmt, int col);
const void *db_blob(struct db_stmt *stmt, int col, size_t *size);
int db_is_null(struct db_stmt *stmt, int col);

/* Binding. db_bind(db, st, DB_INT(id), DB_TEXT(name), ...) binds the values
 * to parameters 1, 2, ... in one call. Each value is built by a macro that
 * converts its argument as an assignment would, so a wrong type is a
 * compile error rather than the silent garbage a "%d"-style type string
 * gives through varargs. Text is copied; DB_TEXT(NULL) binds NULL. */
struct db_value {
	enum { DB_V_NULL, DB_V_INT, DB_V_DOUBLE, DB_V_TEXT, DB_V_BLOB } type;
	int64_t i;
	double d;
	const char *text;
	const void *blob;
	size_t size;
};
#define DB_NULL ((struct db_value){ .type = DB_V_NULL })
#define DB_INT(v) ((struct db_value){ .type = DB_V_INT, .i = (v) })
#define DB_DOUBLE(v) ((struct db_value){ .type = DB_V_DOUBLE, .d = (v) })
#define DB_TEXT(s) ((struct db_value){ .type = DB_V_TEXT, .text = (s) })
#define DB_BLOB(p, n) ((struct db_value){ .type = DB_V_BLOB, .blob = (p), .size = (n) })
NEOERR *db_bind_values(struct db *db, struct db_stmt *stmt, int first, const struct db_value *values, size_t n);
#define db_bind(db, stmt, ...)                                                    \
	db_bind_values((db), (stmt), 1, (const struct db_value[]){ __VA_ARGS__ }, \
		       sizeof((const struct db_value[]){ __VA_ARGS__ }) / sizeof(struct db_value))
/* Bind one parameter by number (for statements whose parameters are built
 * in a loop). */
NEOERR *db_bind_text(struct db *db, struct db_stmt *stmt, int idx, const char *text);
NEOERR *db_bind_int(struct db *db, struct db_stmt *stmt, int idx, int64_t v);

#endif
