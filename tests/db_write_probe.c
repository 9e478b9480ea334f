/* db_write_probe: one write to the portal's database the way a handler
 * writes (db_begin, prepared inserts, db_commit; db_rollback on error), for
 * the fault tests until the portal has pages that write. Prints the HTTP
 * status the dispatcher would answer with and the user's message:
 *
 *   db_write_probe DB [--rows N] [--bytes B] [--limit-pages]
 *
 * --limit-pages sets PRAGMA max_page_count to the database's current size,
 * SQLite's own simulation of a full disk (SQLITE_FULL). Exit 0 when the
 * rows were committed, 3 when the write was refused (nothing written). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "errors.h"

static NEOERR *write_rows(struct db *db, int rows, int bytes)
{
	char *name = malloc((size_t)bytes + 1);
	NEOERR *err = db_begin(db);

	if (name == NULL)
		return nerr_raise(NERR_NOMEM, "probe");
	memset(name, 'x', (size_t)bytes);
	name[bytes] = '\0';
	for (int i = 0; i < rows && err == STATUS_OK; i++) {
		sqlite3_stmt *st;
		char login[64], emp[64];

		snprintf(login, sizeof login, "probe-%ld-%d", (long)getpid(), i);
		snprintf(emp, sizeof emp, "P%ld-%d", (long)getpid(), i);
		err = db_stmt(db, "INSERT INTO users (login, employee_id, name, email, agency, role) "
			      "VALUES (?, ?, ?, 'probe@example.invalid', 'Probe', 'employee')", &st);
		if (err == STATUS_OK)
			err = db_bind_text(db, st, 1, login);
		if (err == STATUS_OK)
			err = db_bind_text(db, st, 2, emp);
		if (err == STATUS_OK)
			err = db_bind_text(db, st, 3, name);
		if (err == STATUS_OK)
			err = db_run(db, st);
	}
	if (err == STATUS_OK)
		err = db_commit(db);
	if (err != STATUS_OK)
		db_rollback(db);
	free(name);
	return nerr_pass(err);
}

int main(int argc, char **argv)
{
	struct db *db = NULL;
	int rows = 1, bytes = 100, limit = 0;
	NEOERR *err;

	if (argc < 2) {
		fputs("usage: db_write_probe DB [--rows N] [--bytes B] [--limit-pages]\n", stderr);
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--rows") == 0 && i + 1 < argc)
			rows = atoi(argv[++i]);
		else if (strcmp(argv[i], "--bytes") == 0 && i + 1 < argc)
			bytes = atoi(argv[++i]);
		else if (strcmp(argv[i], "--limit-pages") == 0)
			limit = 1;
		else
			return 2;
	}
	err = errors_init();
	if (err == STATUS_OK)
		err = db_open(argv[1], DB_READ_WRITE, &db);
	if (err == STATUS_OK && limit) {
		sqlite3_stmt *st;
		int row = 0;
		long pages = 0;

		err = db_stmt(db, "PRAGMA page_count", &st);
		if (err == STATUS_OK)
			err = db_step(db, st, &row);
		if (err == STATUS_OK && row)
			pages = (long)sqlite3_column_int64(st, 0);
		if (err == STATUS_OK)
			db_done(st);
		if (err == STATUS_OK) {
			char sql[64];

			snprintf(sql, sizeof sql, "PRAGMA max_page_count=%ld", pages);
			err = db_exec(db, sql);
		}
	}
	if (err == STATUS_OK)
		err = write_rows(db, rows, bytes);
	db_close(&db);
	if (err != STATUS_OK) {
		const char *msg = errors_public_message(err);

		printf("status=%d message=%s\n", errors_http_status(err), msg ? msg : "(internal)");
		nerr_ignore(&err);
		return 3;
	}
	printf("status=200 rows=%d\n", rows);
	return 0;
}
