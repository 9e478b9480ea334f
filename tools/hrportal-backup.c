/* hrportal-backup: copy the portal's database while it serves, or put a
 * copy back (see src/store/backup.h and docs/OPERATIONS.md).
 *
 *   hrportal-backup [--db PATH] [--pages N] DEST       make DEST a checked copy
 *   hrportal-backup [--db PATH] --restore BACKUP       replace the database
 *   hrportal-backup --check FILE                       integrity_check a copy
 *
 * Run it as the user the portal runs as (the database's owner). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/backup.h"
#include "core/errors.h"
#include "core/log.h"
#include "core/settings.h"

static void usage(void)
{
	fputs("usage: hrportal-backup [--db PATH] [--pages N] DEST\n"
	      "       hrportal-backup [--db PATH] --restore BACKUP\n"
	      "       hrportal-backup --check FILE\n",
	      stderr);
}

int main(int argc, char **argv)
{
	struct settings settings;
	struct backup_stats stats;
	const char *db_path, *dest = NULL, *restore = NULL, *check = NULL;
	int pages = 256, version = 0;
	NEOERR *err;

	settings_private_files();
	log_set_program("hrportal-backup");
	settings_load(&settings);
	db_path = settings.db_path;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			db_path = argv[++i];
		} else if (strcmp(argv[i], "--pages") == 0 && i + 1 < argc) {
			pages = atoi(argv[++i]);
			if (pages <= 0) {
				usage();
				return 2;
			}
		} else if (strcmp(argv[i], "--restore") == 0 && i + 1 < argc) {
			restore = argv[++i];
		} else if (strcmp(argv[i], "--check") == 0 && i + 1 < argc) {
			check = argv[++i];
		} else if (argv[i][0] != '-' && dest == NULL) {
			dest = argv[i];
		} else {
			usage();
			return 2;
		}
	}
	if ((dest != NULL) + (restore != NULL) + (check != NULL) != 1) {
		usage();
		return 2;
	}
	err = errors_init();
	if (err == STATUS_OK && check != NULL) {
		err = backup_check(check, &version);
		if (err == STATUS_OK)
			printf("%s: integrity ok, schema version %d\n", check, version);
	} else if (err == STATUS_OK && restore != NULL) {
		err = backup_restore(restore, db_path, &stats);
		if (err == STATUS_OK)
			printf("restored %s into %s: %d pages, schema version %d, integrity ok, %.2f s\n", restore,
			       db_path, stats.pages, stats.schema_version, stats.seconds);
	} else if (err == STATUS_OK) {
		err = backup_copy(db_path, dest, pages, &stats);
		if (err == STATUS_OK)
			printf("backed up %s to %s: %d pages in %d steps (%d restarts), schema version %d, "
			       "integrity ok, %.2f s\n",
			       db_path, dest, stats.pages, stats.steps, stats.restarts, stats.schema_version,
			       stats.seconds);
	}
	if (err != STATUS_OK) {
		log_neoerr(&err, "hrportal-backup failed");
		return 1;
	}
	return 0;
}
