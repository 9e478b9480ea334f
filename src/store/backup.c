#include "store/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store/db_sqlite.h"

#include "store/db.h"
#include "core/errors.h"

#define BUSY_TIMEOUT_MS 5000
/* Give up when the database stays locked or keeps changing this long. */
#define GIVE_UP_SECONDS 600
/* After this many fresh starts (the database kept changing between steps)
 * copy the rest in one step: in WAL mode that holds a read snapshot only,
 * so writers carry on, and the copy cannot be overtaken again. */
#define MAX_RESTARTS 8

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static NEOERR *open_db(const char *url, int flags, sqlite3 **out)
{
	const char *path = db_sqlite_path(url);
	int rc;

	*out = NULL;
	if (path == NULL || *path == '\0')
		return nerr_raise(NERR_ASSERT, "%.60s: backups are of SQLite databases (a path or sqlite:/path)", url);
	rc = sqlite3_open_v2(path, out, flags, NULL);

	if (rc != SQLITE_OK) {
		NEOERR *err = nerr_raise(NERR_DB, "cannot open %s: %s", path,
					 *out ? sqlite3_errmsg(*out) : sqlite3_errstr(rc));

		sqlite3_close(*out);
		*out = NULL;
		return err;
	}
	sqlite3_extended_result_codes(*out, 1);
	sqlite3_busy_timeout(*out, BUSY_TIMEOUT_MS);
	return STATUS_OK;
}

static NEOERR *check_open(sqlite3 *db, const char *path, int *schema_version)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL);
	NEOERR *err = STATUS_OK;

	if (rc != SQLITE_OK)
		return nerr_raise(NERR_DB, "%s: integrity_check: %s", path, sqlite3_errmsg(db));
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		err = nerr_raise(NERR_DB, "%s: integrity_check: %s", path, sqlite3_errmsg(db));
	else if (strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
		err = nerr_raise(NERR_DB, "%s fails integrity_check: %s", path,
				 (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (err != STATUS_OK || schema_version == NULL)
		return err;
	rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		*schema_version = sqlite3_column_int(st, 0);
	else
		err = nerr_raise(NERR_DB, "%s: user_version: %s", path, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return err;
}

NEOERR *backup_check(const char *path, int *schema_version)
{
	sqlite3 *db = NULL;
	NEOERR *err = open_db(path, SQLITE_OPEN_READONLY, &db);

	if (err == STATUS_OK)
		err = check_open(db, path, schema_version);
	sqlite3_close(db);
	return nerr_pass(err);
}

/* Run a backup from src to dest to completion, pages_per_step at a time
 * (-1: all at once), sleeping pause_ms between steps. */
static NEOERR *run_backup(sqlite3 *dest, sqlite3 *src, int pages_per_step, int pause_ms, struct backup_stats *stats)
{
	sqlite3_backup *b = sqlite3_backup_init(dest, "main", src, "main");
	double deadline = now_seconds() + GIVE_UP_SECONDS;
	int rc, last_remaining = -1;

	if (b == NULL)
		return nerr_raise(NERR_DB, "backup: %s", sqlite3_errmsg(dest));
	for (;;) {
		rc = sqlite3_backup_step(b, pages_per_step);
		stats->steps++;
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		/* The copy starts over when another connection wrote: the
		 * remaining count jumps back up. */
		if (last_remaining >= 0 && sqlite3_backup_remaining(b) > last_remaining &&
		    ++stats->restarts >= MAX_RESTARTS)
			pages_per_step = -1;
		last_remaining = sqlite3_backup_remaining(b);
		if (now_seconds() > deadline) {
			rc = SQLITE_BUSY;
			break;
		}
		sqlite3_sleep(rc == SQLITE_OK ? pause_ms : 20);
	}
	stats->pages = sqlite3_backup_pagecount(b);
	if (sqlite3_backup_finish(b) != SQLITE_OK && rc == SQLITE_DONE)
		rc = sqlite3_errcode(dest);
	if (rc != SQLITE_DONE)
		return nerr_raise(rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? HR_ERR_UNAVAILABLE : NERR_DB,
				  "backup did not complete: %s", sqlite3_errstr(rc));
	return STATUS_OK;
}

/* fsync the directory holding path, so a rename in it is durable. */
static void sync_parent(const char *path)
{
	char *copy = strdup(path);
	int fd;

	if (copy == NULL)
		return;
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

static void remove_db_files(const char *path)
{
	char aux[4096];

	unlink(path);
	snprintf(aux, sizeof aux, "%s-wal", path);
	unlink(aux);
	snprintf(aux, sizeof aux, "%s-shm", path);
	unlink(aux);
	snprintf(aux, sizeof aux, "%s-journal", path);
	unlink(aux);
}

NEOERR *backup_copy(const char *src_url, const char *dest_url, int pages_per_step, struct backup_stats *stats)
{
	const char *src_path = db_sqlite_path(src_url), *dest_path = db_sqlite_path(dest_url);
	sqlite3 *src = NULL, *dest = NULL;
	char tmp[4096];
	double t0 = now_seconds();
	NEOERR *err;
	int fd;

	memset(stats, 0, sizeof *stats);
	if (src_path == NULL || dest_path == NULL)
		return nerr_raise(NERR_ASSERT, "backups copy SQLite databases (a path or sqlite:/path)");
	if (pages_per_step <= 0)
		pages_per_step = 256;
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp-%ld", dest_path, (long)getpid()) >= sizeof tmp)
		return nerr_raise(NERR_ASSERT, "backup path too long");
	remove_db_files(tmp);
	/* Read-write so the source's WAL index can be used like the portal
	 * uses it; nothing is written to it. */
	err = open_db(src_path, SQLITE_OPEN_READWRITE, &src);
	if (err == STATUS_OK)
		err = open_db(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &dest);
	if (err == STATUS_OK)
		err = run_backup(dest, src, pages_per_step, 2, stats);
	sqlite3_close(src);
	/* A standalone file: fold the copy's WAL (if any) into it. */
	if (err == STATUS_OK && sqlite3_exec(dest, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK)
		err = nerr_raise(NERR_DB, "backup: %s", sqlite3_errmsg(dest));
	if (err == STATUS_OK)
		err = check_open(dest, tmp, &stats->schema_version);
	sqlite3_close(dest);
	if (err == STATUS_OK) {
		fd = open(tmp, O_RDONLY);
		if (fd < 0 || fsync(fd) != 0)
			err = nerr_raise_errno(NERR_IO, "sync %s", tmp);
		if (fd >= 0)
			close(fd);
	}
	if (err == STATUS_OK && rename(tmp, dest_path) != 0)
		err = nerr_raise_errno(NERR_IO, "rename %s to %s", tmp, dest_path);
	if (err != STATUS_OK) {
		remove_db_files(tmp);
		return nerr_pass(err);
	}
	sync_parent(dest_path);
	stats->seconds = now_seconds() - t0;
	return STATUS_OK;
}

NEOERR *backup_restore(const char *backup_path, const char *db_url, struct backup_stats *stats)
{
	const char *db_path = db_sqlite_path(db_url);
	sqlite3 *src = NULL, *dest = NULL;
	double t0 = now_seconds();
	NEOERR *err;

	memset(stats, 0, sizeof *stats);
	if (db_path == NULL)
		return nerr_raise(NERR_ASSERT, "backups restore SQLite databases (a path or sqlite:/path)");
	err = backup_check(backup_path, &stats->schema_version);
	if (err != STATUS_OK)
		return nerr_pass(err);
	if (stats->schema_version > db_schema_version())
		return nerr_raise(
			NERR_ASSERT,
			"%s has schema version %d but this program knows only %d: restore it with the hrportal that made it",
			backup_path, stats->schema_version, db_schema_version());
	err = open_db(backup_path, SQLITE_OPEN_READONLY, &src);
	if (err == STATUS_OK)
		err = open_db(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &dest);
	/* All at once: the database is locked for the copy either way. */
	if (err == STATUS_OK)
		err = run_backup(dest, src, -1, 0, stats);
	sqlite3_close(src);
	if (err == STATUS_OK)
		err = check_open(dest, db_path, NULL);
	sqlite3_close(dest);
	stats->seconds = now_seconds() - t0;
	return nerr_pass(err);
}
