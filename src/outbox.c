#include "outbox.h"

#include <stdio.h>

#include "errors.h"
#include "mail.h"

static void iso_utc(time_t t, char out[21])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

NEOERR *outbox_enqueue(struct db *db, const struct outbox_message *msg, time_t now, long long *id)
{
	char message_id[MAIL_MESSAGE_ID_MAX], when[21];
	sqlite3_stmt *st;
	NEOERR *err;

	if (msg->to_addr == NULL || !mail_check_address(msg->to_addr))
		return nerr_raise(HR_ERR_BAD_REQUEST, "The email address on file cannot receive mail.");
	err = mail_make_message_id(OUTBOX_MESSAGE_ID_DOMAIN, message_id, sizeof message_id);
	if (err != STATUS_OK)
		return nerr_pass(err);
	iso_utc(now, when);
	err = db_stmt(db, "INSERT INTO outbox(message_id, created_at, to_name, to_addr, subject, body_text, body_html, "
			  "kind, request_id, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?2)", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, message_id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, when);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, msg->to_name ? msg->to_name : "");
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, msg->to_addr);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, msg->subject);
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, msg->body_text);
	if (err == STATUS_OK) err = db_bind_text(db, st, 7, msg->body_html);
	if (err == STATUS_OK) err = db_bind_text(db, st, 8, msg->kind);
	if (err == STATUS_OK && msg->request_id > 0) err = db_bind_int(db, st, 9, msg->request_id);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	if (err == STATUS_OK && id != NULL)
		*id = sqlite3_last_insert_rowid(db_handle(db));
	return nerr_pass(err);
}
