/* outbox_driver: queue messages with outbox_enqueue, as the portal does, for
 * the mailer's integration tests (tests/test_mailer.py). Not installed.
 *
 *   outbox_driver --db PATH [--count N] --to ADDR [--to-name NAME]
 *       [--subject TEXT] [--text TEXT] [--html HTML] [--kind KIND]
 *       [--request-id N] [--now YYYY-MM-DDTHH:MM:SSZ]
 *
 * Creates/migrates the database, enqueues N messages in one transaction
 * (subject and text get " #i" appended when N > 1) and prints each new row's
 * id and Message-ID, one per line. Exit 0, or 1 with the reason on stderr. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db.h"
#include "core/errors.h"
#include "core/log.h"
#include "mail/outbox.h"
#include "core/isotime.h"
#include "store/outbox.h"

int main(int argc, char **argv)
{
	const char *db_path = NULL, *now_text = NULL;
	struct outbox_message msg = { .subject = "Test message", .body_text = "Hello.\n", .kind = "test" };
	int count = 1;
	time_t now = time(NULL);
	struct db *db = NULL;
	NEOERR *err;

	log_set_program("outbox_driver");
	/* Options come in pairs: name, value. */
	for (int i = 1; i < argc; i += 2) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (v == NULL) {
			fprintf(stderr, "outbox_driver: %s needs a value\n", argv[i]);
			return 64;
		}
		if (strcmp(argv[i], "--db") == 0)
			db_path = v;
		else if (strcmp(argv[i], "--count") == 0)
			count = atoi(v);
		else if (strcmp(argv[i], "--to") == 0)
			msg.to_addr = v;
		else if (strcmp(argv[i], "--to-name") == 0)
			msg.to_name = v;
		else if (strcmp(argv[i], "--subject") == 0)
			msg.subject = v;
		else if (strcmp(argv[i], "--text") == 0)
			msg.body_text = v;
		else if (strcmp(argv[i], "--html") == 0)
			msg.body_html = v;
		else if (strcmp(argv[i], "--kind") == 0)
			msg.kind = v;
		else if (strcmp(argv[i], "--request-id") == 0)
			msg.request_id = atoll(v);
		else if (strcmp(argv[i], "--now") == 0)
			now_text = v;
		else {
			fprintf(stderr, "outbox_driver: unknown option %s\n", argv[i]);
			return 64;
		}
	}
	if (db_path == NULL || count < 1) {
		fputs("usage: outbox_driver --db PATH --to ADDR [--count N] [...]\n", stderr);
		return 64;
	}
	if (now_text != NULL && (now = iso_time_parse(now_text)) == (time_t)-1) {
		fprintf(stderr, "outbox_driver: bad --now %s\n", now_text);
		return 64;
	}
	err = errors_init();
	if (err == STATUS_OK)
		err = db_open(db_path, DB_CREATE_MIGRATE, &db);
	if (err == STATUS_OK)
		err = db_begin(db);
	for (int i = 1; i <= count && err == STATUS_OK; i++) {
		struct outbox_message m = msg;
		char subject[512], text[4096];
		int64_t id;

		if (count > 1) {
			snprintf(subject, sizeof subject, "%s #%d", msg.subject, i);
			snprintf(text, sizeof text, "%s #%d\n", msg.body_text, i);
			m.subject = subject;
			m.body_text = text;
		}
		err = outbox_enqueue(db, &m, now, &id);
		if (err == STATUS_OK) {
			struct store_outbox_row row;
			int found = 0;

			err = store_outbox_get(db, id, &row, &found);
			if (err == STATUS_OK && found)
				printf("%" PRId64 " %s\n", id, row.message_id);
			store_outbox_row_clear(&row);
		}
	}
	if (err == STATUS_OK)
		err = db_commit(db);
	else if (db != NULL)
		db_rollback(db);
	db_close(&db);
	if (err != STATUS_OK) {
		log_neoerr(&err, "enqueue failed");
		return 1;
	}
	return 0;
}
