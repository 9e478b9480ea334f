#include "store/db.h"
#include "store/db_sqlite.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/errors.h"
#include "store/migrations.h"
#include "store/stem_tokenizer.h"

/* Every distinct statement the portal runs (with publishing, about 200). */
#define STMT_CACHE_SLOTS 512
#define BUSY_TIMEOUT_MS 5000

struct cached_stmt {
	const char *sql; /* static SQL text: the key, compared by content */
	sqlite3_stmt *stmt;
};

struct db {
	sqlite3 *handle;
	struct timespec busy_since; /* when the current wait for a lock began */
	unsigned long serial;       /* this connection's number in the process */
	sqlite3_int64 own_commits;  /* data_version ignores our own changes */
	struct cached_stmt cache[STMT_CACHE_SLOTS];
};

/* Waiting for another process's write lock. SQLite's own busy timeout
 * sleeps 1, 2, 5, ... 50, 100 ms between tries: with eight processes
 * filing at once, a writer slept up to 100 ms after the lock had long
 * been free, and filing latency had a p95 six times its median. A write
 * transaction here lasts well under a millisecond, so look again after
 * 50 us, then every 0.5 ms, for at most BUSY_TIMEOUT_MS in all. */
static int busy_wait(void *ctx, int attempt)
{
	struct db *db = ctx;
	struct timespec now;
	const struct timespec pause = { 0, attempt < 4 ? 50000L : 500000L };

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (attempt == 0)
		db->busy_since = now;
	else if ((now.tv_sec - db->busy_since.tv_sec) * 1000 + (now.tv_nsec - db->busy_since.tv_nsec) / 1000000 >=
		 BUSY_TIMEOUT_MS)
		return 0; /* SQLITE_BUSY: the caller answers 503 */
	nanosleep(&pause, NULL);
	return 1;
}

/* Group commit, with every answer after its own data is on disk. With
 * synchronous=FULL, SQLite syncs the WAL while it holds the one write
 * lock, so writers queued behind every fsync: eight processes filing at
 * once spent 2.7 ms per commit and the database took 440 commits a second
 * from a disk that syncs 2,600 a second for one writer. Instead
 * (synchronous=NORMAL), a commit writes its WAL frames and lets go of the
 * lock, and then this hook, which SQLite runs after every commit (explicit
 * transactions and single statements alike) and before the statement
 * returns, syncs the WAL: the commit is on disk before the caller can
 * answer, and one sync often covers the frames of several processes'
 * commits. A failed sync fails the statement (503): the row may be there
 * or not, and the form's idempotency key makes sending it again safe.
 * Installing a WAL hook replaces SQLite's automatic checkpoint, so the
 * hook does that too, at SQLite's default of 1000 frames. */
#define CHECKPOINT_FRAMES 1000

static int wal_committed(void *ctx, sqlite3 *handle, const char *schema, int frames)
{
	sqlite3_file *wal = NULL;
	int rc = sqlite3_file_control(handle, schema, SQLITE_FCNTL_JOURNAL_POINTER, &wal);

	(void)ctx;
	if (rc == SQLITE_OK && (wal == NULL || wal->pMethods == NULL))
		rc = SQLITE_IOERR_FSYNC;
	if (rc == SQLITE_OK)
		rc = wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL);
	if (rc == SQLITE_OK && frames >= CHECKPOINT_FRAMES)
		sqlite3_wal_checkpoint_v2(handle, schema, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return rc;
}

/* Connections opened by this process so far (a program is single-threaded). */
static unsigned long opened;

unsigned long db_serial(const struct db *db)
{
	return db->serial;
}

NEOERR *db_error(struct db *db, int rc, const char *context)
{
	const char *msg = db && db->handle ? sqlite3_errmsg(db->handle) : sqlite3_errstr(rc);
	int primary = rc & 0xff;

	if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		return nerr_raise(HR_ERR_UNAVAILABLE, "The portal is busy right now. Please try again in a moment.");
	if (primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_READONLY)
		return nerr_raise(
			HR_ERR_UNAVAILABLE,
			"The portal cannot save right now (storage problem). Nothing was changed; please try again later.");
	return nerr_raise(NERR_DB, "%s: %s (%d)", context, msg, rc);
}

sqlite3 *db_sqlite_handle(struct db *db)
{
	return db->handle;
}

/* struct db_stmt is never defined: it is the SQLite statement under a name
 * that does not tell. */
sqlite3_stmt *db_sqlite_stmt(struct db_stmt *stmt)
{
	return (sqlite3_stmt *)(void *)stmt;
}

static struct db_stmt *wrap(sqlite3_stmt *stmt)
{
	return (struct db_stmt *)(void *)stmt;
}

int db_schema_version(void)
{
	return migrations_count;
}

NEOERR *db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->handle, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		NEOERR *err;
		int primary = rc & 0xff;

		if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED || primary == SQLITE_FULL ||
		    primary == SQLITE_IOERR)
			err = db_error(db, rc, sql);
		else
			err = nerr_raise(NERR_DB, "%.80s: %s", sql, msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return err;
	}
	return STATUS_OK;
}

static NEOERR *user_version(struct db *db, int *version)
{
	sqlite3_stmt *stmt;
	int rc = sqlite3_prepare_v2(db->handle, "PRAGMA user_version", -1, &stmt, NULL);

	if (rc != SQLITE_OK)
		return db_error(db, rc, "PRAGMA user_version");
	rc = sqlite3_step(stmt);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	if (rc != SQLITE_ROW)
		return db_error(db, rc, "PRAGMA user_version");
	return STATUS_OK;
}

const char *db_sqlite_path(const char *url)
{
	const char *colon;

	if (strncmp(url, "sqlite:", 7) == 0)
		return url + 7;
	colon = strchr(url, ':');
	/* A plain path may hold a colon, but not before its first slash. */
	if (colon != NULL && (strchr(url, '/') == NULL || colon < strchr(url, '/')))
		return NULL;
	return url;
}

NEOERR *db_open(const char *url, enum db_open_mode mode, struct db **out)
{
	const char *path = db_sqlite_path(url);
	struct db *db;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int rc, version;
	NEOERR *err;

	*out = NULL;
	if (path == NULL || *path == '\0')
		return nerr_raise(NERR_DB,
				  "cannot open database %.40s: this build knows only SQLite "
				  "(\"sqlite:/path/to/file.db\" or a plain path)",
				  url);
	if (mode == DB_CREATE_MIGRATE)
		flags |= SQLITE_OPEN_CREATE;
	db = calloc(1, sizeof *db);
	if (db == NULL)
		return nerr_raise(NERR_NOMEM, "db_open");
	db->serial = ++opened;
	rc = sqlite3_open_v2(path, &db->handle, flags, NULL);
	if (rc != SQLITE_OK) {
		err = nerr_raise(NERR_DB, "cannot open database %s: %s", path,
				 db->handle ? sqlite3_errmsg(db->handle) : sqlite3_errstr(rc));
		db_close(&db);
		return err;
	}
	sqlite3_extended_result_codes(db->handle, 1);
	sqlite3_busy_handler(db->handle, busy_wait, db);
	/* The search index's tokenizer, before anything touches the index. */
	rc = stem_tokenizer_register(db->handle);
	if (rc != SQLITE_OK) {
		err = nerr_raise(NERR_DB, "cannot register the search tokenizer: %s", sqlite3_errstr(rc));
		db_close(&db);
		return err;
	}
	err = db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
			  "PRAGMA synchronous=NORMAL; PRAGMA trusted_schema=OFF;");
	if (err == STATUS_OK)
		sqlite3_wal_hook(db->handle, wal_committed, NULL);
	if (err == STATUS_OK && mode == DB_CREATE_MIGRATE)
		err = db_migrate(db, &version);
	if (err == STATUS_OK && mode == DB_READ_WRITE) {
		err = user_version(db, &version);
		if (err == STATUS_OK && version != migrations_count)
			err = nerr_raise(
				NERR_DB,
				"database %s has schema version %d, this program needs %d: run hrportal-import", path,
				version, migrations_count);
	}
	if (err != STATUS_OK) {
		db_close(&db);
		return nerr_pass(err);
	}
	*out = db;
	return STATUS_OK;
}

void db_close(struct db **dbp)
{
	struct db *db = *dbp;

	if (db == NULL)
		return;
	for (int i = 0; i < STMT_CACHE_SLOTS; i++)
		sqlite3_finalize(db->cache[i].stmt);
	sqlite3_close(db->handle);
	free(db);
	*dbp = NULL;
}

NEOERR *db_migrate(struct db *db, int *version)
{
	NEOERR *err = user_version(db, version);

	if (err != STATUS_OK)
		return nerr_pass(err);
	while (*version < migrations_count) {
		char pragma[48];

		err = db_begin(db);
		if (err == STATUS_OK)
			err = db_exec(db, migrations[*version].sql);
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", *version + 1);
		if (err == STATUS_OK)
			err = db_exec(db, pragma);
		if (err == STATUS_OK)
			err = db_commit(db);
		if (err != STATUS_OK) {
			db_rollback(db);
			return nerr_pass_ctx(err, "migration %s", migrations[*version].name);
		}
		(*version)++;
	}
	return STATUS_OK;
}

static unsigned hash_sql(const char *sql)
{
	unsigned h = 2166136261u;

	for (; *sql; sql++)
		h = (h ^ (unsigned char)*sql) * 16777619u;
	return h;
}

NEOERR *db_stmt(struct db *db, const char *sql, struct db_stmt **stmt)
{
	unsigned slot = hash_sql(sql) % STMT_CACHE_SLOTS;
	int rc;

	/* Open addressing: the cache holds the handful of statements a program
	 * uses; a full table just means the statement is not cached. */
	for (int probe = 0; probe < STMT_CACHE_SLOTS; probe++) {
		struct cached_stmt *c = &db->cache[(slot + probe) % STMT_CACHE_SLOTS];

		if (c->stmt == NULL) {
			rc = sqlite3_prepare_v3(db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &c->stmt, NULL);
			if (rc != SQLITE_OK) {
				c->stmt = NULL;
				return db_error(db, rc, sql);
			}
			c->sql = sqlite3_sql(c->stmt);
			*stmt = wrap(c->stmt);
			return STATUS_OK;
		}
		if (strcmp(c->sql, sql) == 0) {
			*stmt = wrap(c->stmt);
			return STATUS_OK;
		}
	}
	return nerr_raise(NERR_DB, "statement cache full");
}

void db_done(struct db_stmt *stmt)
{
	if (stmt != NULL) {
		sqlite3_reset(db_sqlite_stmt(stmt));
		sqlite3_clear_bindings(db_sqlite_stmt(stmt));
	}
}

NEOERR *db_step(struct db *db, struct db_stmt *stmt, int *row)
{
	int rc = sqlite3_step(db_sqlite_stmt(stmt));

	if (rc == SQLITE_ROW) {
		*row = 1;
		return STATUS_OK;
	}
	*row = 0;
	if (rc == SQLITE_DONE)
		return STATUS_OK;
	return db_error(db, rc, sqlite3_sql(db_sqlite_stmt(stmt)));
}

NEOERR *db_insert(struct db *db, struct db_stmt *stmt, int64_t *id)
{
	int row = 0;
	NEOERR *err = db_step(db, stmt, &row);

	if (err == STATUS_OK && !row)
		err = nerr_raise(NERR_DB, "insert returned no id: %s", sqlite3_sql(db_sqlite_stmt(stmt)));
	if (err == STATUS_OK)
		*id = db_int64(stmt, 0);
	/* Step past the row so the insert is complete before the reset. */
	if (err == STATUS_OK)
		err = db_step(db, stmt, &row);
	db_done(stmt);
	return nerr_pass(err);
}

int64_t db_changes(struct db *db)
{
	return sqlite3_changes64(db->handle);
}

int db_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(db->handle);
}

NEOERR *db_run(struct db *db, struct db_stmt *stmt)
{
	int row;
	NEOERR *err = db_step(db, stmt, &row);

	db_done(stmt);
	return nerr_pass(err);
}

NEOERR *db_begin(struct db *db)
{
	return nerr_pass(db_exec(db, "BEGIN IMMEDIATE"));
}

NEOERR *db_commit(struct db *db)
{
	NEOERR *err = db_exec(db, "COMMIT");

	if (err == STATUS_OK)
		db->own_commits++;
	return nerr_pass(err);
}

NEOERR *db_tx(struct db *db, db_tx_fn fn, void *ctx)
{
	NEOERR *err = db_begin(db);

	if (err == STATUS_OK)
		err = fn(db, ctx);
	if (err == STATUS_OK)
		err = db_commit(db);
	if (err != STATUS_OK)
		db_rollback(db);
	return nerr_pass(err);
}

NEOERR *db_generation(struct db *db, int64_t *generation)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "PRAGMA data_version", &st);

	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK)
		*generation = (int64_t)(((uint64_t)db_int64(st, 0) << 32) + (uint64_t)db->own_commits);
	db_done(st);
	return nerr_pass(err);
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->handle))
		sqlite3_exec(db->handle, "ROLLBACK", NULL, NULL, NULL);
}

int64_t db_int64(struct db_stmt *stmt, int col)
{
	return sqlite3_column_int64(db_sqlite_stmt(stmt), col);
}

int db_int(struct db_stmt *stmt, int col)
{
	return sqlite3_column_int(db_sqlite_stmt(stmt), col);
}

double db_double(struct db_stmt *stmt, int col)
{
	return sqlite3_column_double(db_sqlite_stmt(stmt), col);
}

const char *db_text(struct db_stmt *stmt, int col)
{
	const unsigned char *t = sqlite3_column_text(db_sqlite_stmt(stmt), col);

	return t ? (const char *)t : "";
}

const void *db_blob(struct db_stmt *stmt, int col, size_t *size)
{
	/* Blob before bytes: that order gives the size of the blob as stored. */
	const void *p = sqlite3_column_blob(db_sqlite_stmt(stmt), col);

	*size = (size_t)sqlite3_column_bytes(db_sqlite_stmt(stmt), col);
	return p;
}

int db_is_null(struct db_stmt *stmt, int col)
{
	return sqlite3_column_type(db_sqlite_stmt(stmt), col) == SQLITE_NULL;
}

static int bind_value(sqlite3_stmt *st, int idx, const struct db_value *v)
{
	switch (v->type) {
	case DB_V_INT:
		return sqlite3_bind_int64(st, idx, v->i);
	case DB_V_DOUBLE:
		return sqlite3_bind_double(st, idx, v->d);
	case DB_V_TEXT:
		return v->text ? sqlite3_bind_text(st, idx, v->text, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, idx);
	case DB_V_BLOB:
		return v->blob ? sqlite3_bind_blob64(st, idx, v->blob, v->size, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(st, idx);
	case DB_V_NULL:
	default:
		return sqlite3_bind_null(st, idx);
	}
}

NEOERR *db_bind_values(struct db *db, struct db_stmt *stmt, int first, const struct db_value *values, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		int rc = bind_value(db_sqlite_stmt(stmt), first + (int)k, &values[k]);

		if (rc != SQLITE_OK)
			return db_error(db, rc, "bind");
	}
	return STATUS_OK;
}

NEOERR *db_bind_text(struct db *db, struct db_stmt *stmt, int idx, const char *text)
{
	return nerr_pass(db_bind_values(db, stmt, idx, &DB_TEXT(text), 1));
}

NEOERR *db_bind_int(struct db *db, struct db_stmt *stmt, int idx, int64_t v)
{
	return nerr_pass(db_bind_values(db, stmt, idx, &DB_INT(v), 1));
}
