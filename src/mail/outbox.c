#include "mail/outbox.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "mail/mail.h"
#include "core/isotime.h"
#include "store/outbox.h"

NEOERR *outbox_enqueue(struct db *db, const struct outbox_message *msg, time_t now, int64_t *id)
{
	char message_id[MAIL_MESSAGE_ID_MAX], when[ISO_TIME_SIZE];
	int64_t new_id = 0;
	NEOERR *err;

	if (msg->to_addr == NULL || !mail_check_address(msg->to_addr))
		return nerr_raise(HR_ERR_BAD_REQUEST, "The email address on file cannot receive mail.");
	err = mail_make_message_id(OUTBOX_MESSAGE_ID_DOMAIN, message_id, sizeof message_id);
	if (err != STATUS_OK)
		return nerr_pass(err);
	iso_time_format(now, when);
	{
		struct store_outbox_new m = {
			.message_id = message_id,
			.created_at = when,
			.to_name = msg->to_name,
			.to_addr = msg->to_addr,
			.subject = msg->subject,
			.body_text = msg->body_text,
			.body_html = msg->body_html,
			.kind = msg->kind,
			.request_id = msg->request_id,
		};

		err = store_outbox_add(db, &m, &new_id);
	}
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

/* Move a claimed row into item (the row keeps what item does not take). A
 * row whose times are not the outbox's format (written by hand, not by
 * outbox_enqueue) cannot be sent as stored: *bad then says why, and the
 * caller dead-letters it rather than let it block the queue. */
static void take_item(struct store_outbox_row *row, struct outbox_item *item, char *bad, size_t bad_size)
{
	item->id = row->id;
	item->created_at = iso_time_parse(row->created_at);
	item->next_attempt_at = iso_time_parse(row->next_attempt_at);
	if (item->created_at == (time_t)-1 || item->next_attempt_at == (time_t)-1) {
		snprintf(bad, bad_size,
			 "unsendable row: created_at '%.24s' or next_attempt_at '%.24s' is not "
			 "YYYY-MM-DDTHH:MM:SSZ",
			 row->created_at, row->next_attempt_at);
		return;
	}
	item->message_id = row->message_id;
	item->to_name = row->to_name;
	item->to_addr = row->to_addr;
	item->subject = row->subject;
	item->body_text = row->body_text;
	item->body_html = row->body_html;
	item->kind = row->kind;
	row->message_id = row->to_name = row->to_addr = row->subject = NULL;
	row->body_text = row->body_html = row->kind = NULL;
	item->request_id = row->request_id;
	item->attempts = row->attempts + 1;
}

static const char *outcome_name(enum outbox_outcome o)
{
	switch (o) {
	case OUTBOX_OUTCOME_SENT:
		return "sent";
	case OUTBOX_OUTCOME_TEMPORARY:
		return "temporary";
	case OUTBOX_OUTCOME_PERMANENT:
		return "permanent";
	}
	return "temporary";
}

struct claim {
	const char *when;
	struct outbox_item *item;
	int found;
};

static NEOERR *claim_in_tx(struct db *db, void *ctx)
{
	struct claim *c = ctx;
	char bad[160];
	NEOERR *err;

	do {
		struct store_outbox_row row;

		outbox_item_clear(c->item);
		bad[0] = '\0';
		err = store_outbox_due_first(db, c->when, &row, &c->found);
		if (err != STATUS_OK || !c->found)
			break;
		take_item(&row, c->item, bad, sizeof bad);
		store_outbox_row_clear(&row);
		if (bad[0]) {
			err = store_outbox_count_and_fail(db, c->item->id, bad);
			if (err == STATUS_OK)
				err = store_outbox_add_attempt(db, c->item->id, c->when,
							       outcome_name(OUTBOX_OUTCOME_PERMANENT), 0, bad);
		} else {
			err = store_outbox_count_attempt(db, c->item->id);
		}
	} while (err == STATUS_OK && bad[0]);
	return nerr_pass(err);
}

NEOERR *outbox_claim(struct db *db, time_t now, struct outbox_item *item, int *found)
{
	char when[ISO_TIME_SIZE];
	struct claim c = { when, item, 0 };
	NEOERR *err;

	memset(item, 0, sizeof *item);
	*found = 0;
	iso_time_format(now, when);
	err = db_tx(db, claim_in_tx, &c);
	if (err != STATUS_OK) {
		outbox_item_clear(item);
		return nerr_pass(err);
	}
	*found = c.found;
	return STATUS_OK;
}

struct finish {
	int64_t id;
	const char *when, *next, *state, *error;
	enum outbox_outcome outcome;
	long smtp_code;
};

static NEOERR *finish_in_tx(struct db *db, void *ctx)
{
	const struct finish *f = ctx;
	int changed = 0;
	NEOERR *err = store_outbox_add_attempt(db, f->id, f->when, outcome_name(f->outcome), f->smtp_code, f->error);

	if (err == STATUS_OK)
		err = store_outbox_set_state(db, f->id, f->state, f->next, f->when, f->error, &changed);
	if (err == STATUS_OK && !changed)
		err = nerr_raise(NERR_ASSERT, "outbox %" PRId64 " is no longer pending (another mailer?)", f->id);
	return nerr_pass(err);
}

/* One attempt's record plus the row's new state, in one transaction. The
 * row must still be pending: anything else means two mailers or a bug, and
 * nothing is written. */
static NEOERR *finish(struct db *db, int64_t id, time_t now, enum outbox_outcome outcome, long smtp_code,
		      const char *error, const char *state, time_t next_attempt_at)
{
	char when[ISO_TIME_SIZE], next[ISO_TIME_SIZE];
	struct finish f = { id, when, next, state, error, outcome, smtp_code };

	iso_time_format(now, when);
	iso_time_format(next_attempt_at, next);
	return nerr_pass(db_tx(db, finish_in_tx, &f));
}

NEOERR *outbox_mark_sent(struct db *db, int64_t id, time_t now, long smtp_code)
{
	return nerr_pass(finish(db, id, now, OUTBOX_OUTCOME_SENT, smtp_code, NULL, "sent", now));
}

NEOERR *outbox_mark_retry(struct db *db, int64_t id, time_t now, enum outbox_outcome outcome, long smtp_code,
			  const char *error, time_t next_attempt_at)
{
	return nerr_pass(finish(db, id, now, outcome, smtp_code, error, "pending", next_attempt_at));
}

NEOERR *outbox_mark_failed(struct db *db, int64_t id, time_t now, enum outbox_outcome outcome, long smtp_code,
			   const char *error)
{
	return nerr_pass(finish(db, id, now, outcome, smtp_code, error, "failed", now));
}

struct recover {
	struct db *db;
	const char *when;
	int count;
	void (*log_each)(const char *message_id, void *ctx);
	void *ctx;
};

static NEOERR *recover_one(void *ctx, const struct store_outbox_interrupted *row)
{
	struct recover *r = ctx;
	NEOERR *err = STATUS_OK;

	for (int i = 0; i < row->open && err == STATUS_OK; i++)
		err = store_outbox_add_attempt(r->db, row->id, r->when, outcome_name(OUTBOX_OUTCOME_TEMPORARY), 0,
					       OUTBOX_INTERRUPTED_ERROR);
	if (err == STATUS_OK)
		err = store_outbox_set_error(r->db, row->id, OUTBOX_INTERRUPTED_ERROR);
	if (err == STATUS_OK) {
		r->count++;
		if (r->log_each != NULL)
			r->log_each(row->message_id, r->ctx);
	}
	return nerr_pass(err);
}

static NEOERR *recover_in_tx(struct db *db, void *ctx)
{
	return nerr_pass(store_outbox_each_interrupted(db, recover_one, ctx));
}

NEOERR *outbox_recover(struct db *db, time_t now, int *count, void (*log_each)(const char *message_id, void *ctx),
		       void *ctx)
{
	char when[ISO_TIME_SIZE];
	struct recover r = { db, when, 0, log_each, ctx };
	NEOERR *err;

	iso_time_format(now, when);
	err = db_tx(db, recover_in_tx, &r);
	*count = err == STATUS_OK ? r.count : 0;
	return nerr_pass(err);
}

NEOERR *outbox_pending_count(struct db *db, int64_t *count)
{
	int64_t n = 0;
	NEOERR *err = store_outbox_pending_count(db, &n);

	*count = n;
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
