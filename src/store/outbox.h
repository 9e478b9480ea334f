/* store/outbox: the mail queue's rows (outbox) and the record of every
 * attempt to send one (outbox_attempts).
 *
 * Times are ISO 8601 UTC text, as the mail module formats them. A row is
 * 'pending' (due at next_attempt_at), 'sent' or 'failed'. What the states
 * mean and when each statement runs is mail/outbox.h's business; every
 * function here runs inside the caller's transaction. */
#ifndef HR_STORE_OUTBOX_H
#define HR_STORE_OUTBOX_H

#include <ClearSilver.h>
#include <stdint.h>

#include "store/db.h"

/* A message to queue. NULL body_html is none; request_id 0 is none. */
struct store_outbox_new {
	const char *message_id;
	const char *created_at; /* also its first next_attempt_at */
	const char *to_name;
	const char *to_addr;
	const char *subject;
	const char *body_text;
	const char *body_html;
	const char *kind;
	int64_t request_id;
};

/* Queue a message, pending and due at created_at; *id is its row id. */
NEOERR *store_outbox_add(struct db *db, const struct store_outbox_new *m, int64_t *id);

/* A queued message as stored. Strings are owned (store_outbox_row_clear
 * frees them); body_html is NULL when the row has none. */
struct store_outbox_row {
	int64_t id;
	char *message_id;
	char *created_at;
	char *to_name;
	char *to_addr;
	char *subject;
	char *body_text;
	char *body_html;
	char *kind;
	int64_t request_id; /* 0 when none */
	char *state;
	int attempts;
	char *next_attempt_at;
};
void store_outbox_row_clear(struct store_outbox_row *row);

/* The pending message due first at now (earliest next_attempt_at, then
 * lowest id); *found is 0 (row zeroed) when none is due. */
NEOERR *store_outbox_due_first(struct db *db, const char *now, struct store_outbox_row *row, int *found);
/* The message of row id, whatever its state. */
NEOERR *store_outbox_get(struct db *db, int64_t id, struct store_outbox_row *row, int *found);

/* Count an attempt of a pending message (attempts + 1). */
NEOERR *store_outbox_count_attempt(struct db *db, int64_t id);
/* Count an attempt and dead-letter the message at once: state 'failed',
 * last_error error (a row that cannot be sent as stored). */
NEOERR *store_outbox_count_and_fail(struct db *db, int64_t id, const char *error);

/* Record one attempt: outcome is "sent", "temporary" or "permanent";
 * smtp_code 0 and error NULL or "" are none. */
NEOERR *store_outbox_add_attempt(struct db *db, int64_t id, const char *at, const char *outcome, long smtp_code,
				 const char *error);

/* Give a pending message its new state ("pending", "sent" or "failed"),
 * next_attempt_at and last_error (NULL or "" is none); sent_at becomes at
 * for 'sent', else NULL. *changed is 0 when the row was not pending (and
 * nothing changed). */
NEOERR *store_outbox_set_state(struct db *db, int64_t id, const char *state, const char *next_attempt_at,
			       const char *at, const char *error, int *changed);

/* Set a message's last_error. */
NEOERR *store_outbox_set_error(struct db *db, int64_t id, const char *error);

/* A pending message counted as attempted more often than it has attempt
 * records (a mailer stopped mid-attempt): open attempts are unrecorded.
 * message_id lasts for the callback only. */
struct store_outbox_interrupted {
	int64_t id;
	const char *message_id;
	int open;
};
/* Each such message, by id. each may write through the same connection. */
NEOERR *store_outbox_each_interrupted(struct db *db,
				      NEOERR *(*each)(void *ctx, const struct store_outbox_interrupted *row),
				      void *ctx);

/* Pending messages, due or not. */
NEOERR *store_outbox_pending_count(struct db *db, int64_t *count);

#endif
