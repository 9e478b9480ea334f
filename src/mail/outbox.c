#include "mail/outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "mail/mail.h"
#include "core/isotime.h"

NEOERR *outbox_enqueue(struct db *db, const struct outbox_message *msg, time_t now, long long *id)
{
	char message_id[MAIL_MESSAGE_ID_MAX], when[21];
	struct db_stmt *st;
	int64_t new_id = 0;
	NEOERR *err;

	if (msg->to_addr == NULL || !mail_check_address(msg->to_addr))
		return nerr_raise(HR_ERR_BAD_REQUEST, "The email address on file cannot receive mail.");
	err = mail_make_message_id(OUTBOX_MESSAGE_ID_DOMAIN, message_id, sizeof message_id);
	if (err != STATUS_OK)
		return nerr_pass(err);
	iso_time_format(now, when);
	err = db_stmt(db, "INSERT INTO outbox(message_id, created_at, to_name, to_addr, subject, body_text, body_html, "
			  "kind, request_id, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?2) RETURNING id", &st);
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
		err = db_insert(db, st, &new_id);
	else
		db_done(st);
	if (err == STATUS_OK && id != NULL)
		*id = new_id;
	return nerr_pass(err);
}

/* ---- mailer side ---- */

void outbox_item_clear(struct outbox_item *item)
{
	free(item->message_id);
	free(item->to_name);
	free(item->to_addr);
	free(item->subject);
	free(item->body_text);
	free(item->body_html);
	free(item->kind);
	memset(item, 0, sizeof *item);
}

static NEOERR *dup_column(struct db_stmt *st, int col, int nullable, char **out)
{
	*out = NULL;
	if (nullable && db_is_null(st, col))
		return STATUS_OK;
	*out = strdup(db_text(st, col));
	return *out ? STATUS_OK : nerr_raise(NERR_NOMEM, "outbox: copying column %d", col);
}

/* Fill item from a claim row. A row whose times are not the outbox's format
 * (written by hand, not by outbox_enqueue) cannot be sent as stored: *bad
 * then says why, and the caller dead-letters it rather than let it block
 * the queue. */
static NEOERR *read_item(struct db_stmt *st, struct outbox_item *item, char *bad, size_t bad_size)
{
	NEOERR *err;

	item->id = db_int64(st, 0);
	item->created_at = iso_time_parse(db_text(st, 2));
	item->next_attempt_at = iso_time_parse(db_text(st, 11));
	if (item->created_at == (time_t)-1 || item->next_attempt_at == (time_t)-1) {
		snprintf(bad, bad_size, "unsendable row: created_at '%.24s' or next_attempt_at '%.24s' is not "
			 "YYYY-MM-DDTHH:MM:SSZ", db_text(st, 2), db_text(st, 11));
		return STATUS_OK;
	}
	err = dup_column(st, 1, 0, &item->message_id);
	if (err == STATUS_OK) err = dup_column(st, 3, 0, &item->to_name);
	if (err == STATUS_OK) err = dup_column(st, 4, 0, &item->to_addr);
	if (err == STATUS_OK) err = dup_column(st, 5, 0, &item->subject);
	if (err == STATUS_OK) err = dup_column(st, 6, 0, &item->body_text);
	if (err == STATUS_OK) err = dup_column(st, 7, 1, &item->body_html);
	if (err == STATUS_OK) err = dup_column(st, 8, 0, &item->kind);
	item->request_id = db_int64(st, 9);
	item->attempts = db_int(st, 10) + 1;
	return nerr_pass(err);
}

static NEOERR *insert_attempt(struct db *db, long long id, const char *when, enum outbox_outcome outcome,
			      long smtp_code, const char *error);

NEOERR *outbox_claim(struct db *db, time_t now, struct outbox_item *item, int *found)
{
	char when[21], bad[160];
	struct db_stmt *st;
	int row = 0;
	NEOERR *err;

	memset(item, 0, sizeof *item);
	*found = 0;
	iso_time_format(now, when);
	err = db_begin(db);
	if (err != STATUS_OK)
		return nerr_pass(err);
	do {
		memset(item, 0, sizeof *item);
		bad[0] = '\0';
		/* outbox_due (state, next_attempt_at) serves both the filter and
		 * the order; id breaks ties so equal times go first-queued first. */
		err = db_stmt(db, "SELECT id, message_id, created_at, to_name, to_addr, subject, body_text, body_html, "
				  "kind, request_id, attempts, next_attempt_at FROM outbox WHERE state = 'pending' "
				  "AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT 1", &st);
		if (err == STATUS_OK)
			err = db_bind_text(db, st, 1, when);
		if (err == STATUS_OK)
			err = db_step(db, st, &row);
		if (err == STATUS_OK && row)
			err = read_item(st, item, bad, sizeof bad);
		db_done(st);
		if (err == STATUS_OK && row) {
			err = db_stmt(db, bad[0] ? "UPDATE outbox SET attempts = attempts + 1, state = 'failed', "
						   "last_error = ?2 WHERE id = ?1"
						 : "UPDATE outbox SET attempts = attempts + 1 WHERE id = ?1 AND state = 'pending'",
				      &st);
			if (err == STATUS_OK) err = db_bind_int(db, st, 1, item->id);
			if (err == STATUS_OK && bad[0]) err = db_bind_text(db, st, 2, bad);
			if (err == STATUS_OK)
				err = db_run(db, st);
			else
				db_done(st);
		}
		if (err == STATUS_OK && row && bad[0])
			err = insert_attempt(db, item->id, when, OUTBOX_OUTCOME_PERMANENT, 0, bad);
	} while (err == STATUS_OK && row && bad[0]);
	if (err == STATUS_OK)
		err = db_commit(db);
	if (err != STATUS_OK) {
		db_rollback(db);
		outbox_item_clear(item);
		return nerr_pass(err);
	}
	*found = row;
	return STATUS_OK;
}

static const char *outcome_name(enum outbox_outcome o)
{
	switch (o) {
	case OUTBOX_OUTCOME_SENT: return "sent";
	case OUTBOX_OUTCOME_TEMPORARY: return "temporary";
	case OUTBOX_OUTCOME_PERMANENT: return "permanent";
	}
	return "temporary";
}

static NEOERR *insert_attempt(struct db *db, long long id, const char *when, enum outbox_outcome outcome,
			      long smtp_code, const char *error)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "INSERT INTO outbox_attempts(outbox_id, attempted_at, outcome, smtp_code, error) "
			      "VALUES (?1, ?2, ?3, ?4, ?5)", &st);

	if (err == STATUS_OK) err = db_bind_int(db, st, 1, id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, when);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, outcome_name(outcome));
	if (err == STATUS_OK && smtp_code > 0) err = db_bind_int(db, st, 4, smtp_code);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, error && *error ? error : NULL);
	if (err == STATUS_OK)
		return nerr_pass(db_run(db, st));
	db_done(st);
	return nerr_pass(err);
}

/* One attempt's record plus the row's new state, in one transaction. The
 * row must still be pending: anything else means two mailers or a bug, and
 * nothing is written. */
static NEOERR *finish(struct db *db, long long id, time_t now, enum outbox_outcome outcome, long smtp_code,
		      const char *error, const char *state, time_t next_attempt_at)
{
	char when[21], next[21];
	struct db_stmt *st;
	NEOERR *err;

	iso_time_format(now, when);
	iso_time_format(next_attempt_at, next);
	err = db_begin(db);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = insert_attempt(db, id, when, outcome, smtp_code, error);
	if (err == STATUS_OK)
		err = db_stmt(db, "UPDATE outbox SET state = ?2, next_attempt_at = ?3, "
				  "sent_at = CASE WHEN ?2 = 'sent' THEN ?4 END, last_error = ?5 "
				  "WHERE id = ?1 AND state = 'pending'", &st);
	if (err == STATUS_OK) {
		err = db_bind_int(db, st, 1, id);
		if (err == STATUS_OK) err = db_bind_text(db, st, 2, state);
		if (err == STATUS_OK) err = db_bind_text(db, st, 3, next);
		if (err == STATUS_OK) err = db_bind_text(db, st, 4, when);
		if (err == STATUS_OK) err = db_bind_text(db, st, 5, error && *error ? error : NULL);
		if (err == STATUS_OK)
			err = db_run(db, st);
		else
			db_done(st);
	}
	if (err == STATUS_OK && db_changes(db) != 1)
		err = nerr_raise(NERR_ASSERT, "outbox %lld is no longer pending (another mailer?)", id);
	if (err == STATUS_OK)
		err = db_commit(db);
	if (err != STATUS_OK)
		db_rollback(db);
	return nerr_pass(err);
}

NEOERR *outbox_mark_sent(struct db *db, long long id, time_t now, long smtp_code)
{
	return nerr_pass(finish(db, id, now, OUTBOX_OUTCOME_SENT, smtp_code, NULL, "sent", now));
}

NEOERR *outbox_mark_retry(struct db *db, long long id, time_t now, enum outbox_outcome outcome,
			  long smtp_code, const char *error, time_t next_attempt_at)
{
	return nerr_pass(finish(db, id, now, outcome, smtp_code, error, "pending", next_attempt_at));
}

NEOERR *outbox_mark_failed(struct db *db, long long id, time_t now, enum outbox_outcome outcome,
			   long smtp_code, const char *error)
{
	return nerr_pass(finish(db, id, now, outcome, smtp_code, error, "failed", now));
}

NEOERR *outbox_recover(struct db *db, time_t now, int *count,
		       void (*log_each)(const char *message_id, void *ctx), void *ctx)
{
	char when[21];
	struct db_stmt *st, *ins;
	int row = 0;
	NEOERR *err;

	*count = 0;
	iso_time_format(now, when);
	err = db_begin(db);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_stmt(db, "SELECT o.id, o.message_id, o.attempts - (SELECT count(*) FROM outbox_attempts a "
			  "WHERE a.outbox_id = o.id) FROM outbox o WHERE o.state = 'pending' AND o.attempts > 0 "
			  "AND o.attempts > (SELECT count(*) FROM outbox_attempts a WHERE a.outbox_id = o.id) "
			  "ORDER BY o.id", &st);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		long long id = db_int64(st, 0);
		int open = db_int(st, 2);

		for (int i = 0; i < open && err == STATUS_OK; i++)
			err = insert_attempt(db, id, when, OUTBOX_OUTCOME_TEMPORARY, 0, OUTBOX_INTERRUPTED_ERROR);
		if (err == STATUS_OK) {
			err = db_stmt(db, "UPDATE outbox SET last_error = ?2 WHERE id = ?1", &ins);
			if (err == STATUS_OK) err = db_bind_int(db, ins, 1, id);
			if (err == STATUS_OK) err = db_bind_text(db, ins, 2, OUTBOX_INTERRUPTED_ERROR);
			if (err == STATUS_OK)
				err = db_run(db, ins);
			else
				db_done(ins);
		}
		if (err == STATUS_OK) {
			(*count)++;
			if (log_each != NULL)
				log_each(db_text(st, 1), ctx);
		}
	}
	db_done(st);
	if (err == STATUS_OK)
		err = db_commit(db);
	if (err != STATUS_OK) {
		db_rollback(db);
		*count = 0;
	}
	return nerr_pass(err);
}

NEOERR *outbox_pending_count(struct db *db, long long *count)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT count(*) FROM outbox WHERE state = 'pending'", &st);

	*count = 0;
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row)
		*count = db_int64(st, 0);
	db_done(st);
	return nerr_pass(err);
}

NEOERR *outbox_collect_recipients(struct db *db, struct db_stmt *st, struct outbox_recipient **people, size_t *count)
{
	struct outbox_recipient *list = NULL;
	size_t n = 0, cap = 0;
	int row = 0;
	NEOERR *err;

	while ((err = db_step(db, st, &row)) == STATUS_OK && row) {
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct outbox_recipient *grown = realloc(list, ncap * sizeof *list);

			if (grown == NULL) {
				err = nerr_raise(NERR_NOMEM, "collecting mail recipients");
				break;
			}
			list = grown;
			cap = ncap;
		}
		snprintf(list[n].name, sizeof list[n].name, "%s", db_text(st, 0));
		snprintf(list[n].email, sizeof list[n].email, "%s", db_text(st, 1));
		n++;
	}
	db_done(st);
	if (err != STATUS_OK) {
		free(list);
		list = NULL;
		n = 0;
	}
	*people = list;
	*count = n;
	return nerr_pass(err);
}
