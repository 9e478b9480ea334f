/* backup: copies of the portal's database made while it serves, and
 * putting one back.
 *
 * backup_copy uses SQLite's online backup API from a connection of its own:
 * it copies a few pages per step and pauses between steps, so the portal's
 * readers and writers keep working (in WAL mode neither blocks the other;
 * a write by another connection makes SQLite restart the copy, which it does
 * by itself; when writes keep overtaking it, the rest is copied in one step,
 * which in WAL mode holds only a read snapshot). The copy goes to a temporary file next to the destination,
 * is checked with PRAGMA integrity_check, synced, and only then renamed over
 * the destination: a reader of the destination sees the old backup or the
 * new one, never half of one.
 *
 * backup_restore writes a checked backup into the database through the
 * same API (so SQLite's locking and WAL stay consistent and every open
 * connection sees the restored content); see docs/OPERATIONS.md for the
 * stop, restore, start procedure. */
#ifndef HR_BACKUP_H
#define HR_BACKUP_H

#include <ClearSilver.h>

struct backup_stats {
	int pages;          /* pages in the copy */
	int steps;          /* backup steps taken */
	int restarts;       /* times the copy started over after a write */
	int schema_version; /* PRAGMA user_version of the copy */
	double seconds;
};

/* Copy the database at src_path to dest_path (pages_per_step > 0, e.g.
 * 256). Fails without touching dest_path when the copy cannot be made or
 * does not pass integrity_check. */
NEOERR *backup_copy(const char *src_path, const char *dest_path, int pages_per_step, struct backup_stats *stats);

/* Check a database file: integrity_check must say "ok"; *schema_version
 * gets its PRAGMA user_version. */
NEOERR *backup_check(const char *path, int *schema_version);

/* Replace the content of the database at db_path (created if missing) with
 * the backup at backup_path, after checking the backup. Refuses a backup
 * made by a newer schema than this program knows. */
NEOERR *backup_restore(const char *backup_path, const char *db_path, struct backup_stats *stats);

#endif
