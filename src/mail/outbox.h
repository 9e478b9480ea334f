/* outbox: email leaves the portal through a table, never from a request.
 *
 * outbox_enqueue() adds a message inside the caller's transaction, so a
 * message exists exactly when the change that causes it was committed (a
 * request submitted, approved, escalated...). The mailer program
 * (tools/hrportal-mailer) sends what is due, with retries; each message has
 * a Message-ID fixed here, so a resend after a crash is recognisably the
 * same message. Bodies arrive rendered (text, and optionally HTML). */
#ifndef HR_OUTBOX_H
#define HR_OUTBOX_H

#include <stdint.h>
#include <ClearSilver.h>
#include <time.h>

#include "store/db.h"

struct outbox_message {
	const char *to_name;
	const char *to_addr;
	const char *subject;
	const char *body_text;
	const char *body_html; /* may be NULL */
	const char *kind;      /* what happened: "request_submitted", ... */
	int64_t request_id;    /* 0 when not about a request */
};

/* Queue a message, inside the caller's transaction. The address is checked
 * (HR_ERR_BAD_REQUEST when it could not be sent to); the new row's id is
 * returned in *id when id is not NULL. */
NEOERR *outbox_enqueue(struct db *db, const struct outbox_message *msg, time_t now, int64_t *id);

/* One person a message goes to. */
struct outbox_recipient {
	char name[129];
	char email[255];
};

/* Reads every (name, email) row of a prepared, bound statement into a
 * newly allocated array (free() it) and finishes the statement. Callers
 * copy the list before enqueueing because outbox_enqueue uses the same
 * connection. */
NEOERR *outbox_collect_recipients(struct db *db, struct db_stmt *st, struct outbox_recipient **people, size_t *count);

/* Domain used on the right of generated Message-IDs. */
#define OUTBOX_MESSAGE_ID_DOMAIN "hrportal.personnel.ky.gov"

/* ---- The mailer's side: claim a due message, then record how it went. ----
 *
 * A message's life: 'pending' (due at next_attempt_at) -> 'sent', or
 * -> 'failed' (dead letter, last_error says why, kept for HR). Every attempt
 * is one outbox_attempts row.
 *
 * outbox_claim() counts the attempt (attempts + 1) and commits BEFORE the
 * mailer talks to the relay; outbox_mark_*() records the outcome and the new
 * state in one transaction right after. A pending row whose attempts exceed
 * its outbox_attempts rows was therefore interrupted mid-attempt (the mailer
 * crashed or was killed); outbox_recover() records those attempts so the
 * history stays complete, and the message is simply sent again, with the
 * same Message-ID, Date and bytes. If the crash fell between the relay's
 * 250 and the commit, that resend is a duplicate, recognisable by its
 * Message-ID: the one window no SMTP client can close.
 *
 * These functions assume a single mailer per database (the mailer holds a
 * lock file); each runs its own transaction (call them outside one). */

/* One claimed message. Strings are owned (outbox_item_clear frees them). */
struct outbox_item {
	int64_t id;
	char *message_id;
	time_t created_at;
	char *to_name;
	char *to_addr;
	char *subject;
	char *body_text;
	char *body_html; /* NULL when the row has none */
	char *kind;
	int64_t request_id;     /* 0 when none */
	int attempts;           /* including the one just claimed */
	time_t next_attempt_at; /* when it was due */
};

void outbox_item_clear(struct outbox_item *item);

/* The due pending message with the earliest next_attempt_at (then the
 * lowest id), counted as being attempted now. *found is 0 (and item left
 * zeroed) when nothing is due at now. A row that cannot be sent as stored
 * (its times not in the format above: written by hand, not by
 * outbox_enqueue) is marked 'failed' on the way, so it never blocks the
 * queue. */
NEOERR *outbox_claim(struct db *db, time_t now, struct outbox_item *item, int *found);

/* How an attempt ended, as stored in outbox_attempts.outcome. */
enum outbox_outcome {
	OUTBOX_OUTCOME_SENT,
	OUTBOX_OUTCOME_TEMPORARY,
	OUTBOX_OUTCOME_PERMANENT,
};

/* The relay accepted the message: state 'sent', sent_at = now. */
NEOERR *outbox_mark_sent(struct db *db, int64_t id, time_t now, long smtp_code);

/* The attempt failed and the message stays pending until next_attempt_at
 * (which may be now or earlier: due again at once). error is recorded on
 * the attempt and as the row's last_error. */
NEOERR *outbox_mark_retry(struct db *db, int64_t id, time_t now, enum outbox_outcome outcome, long smtp_code,
			  const char *error, time_t next_attempt_at);

/* The message will not be sent: state 'failed' with error as last_error. */
NEOERR *outbox_mark_failed(struct db *db, int64_t id, time_t now, enum outbox_outcome outcome, long smtp_code,
			   const char *error);

/* Record the attempts left open by a crash (see above) as 'temporary' with
 * an "interrupted" error; *count is the number of messages concerned. Those
 * stay due: the next claim sends them again. Call once at start-up, holding
 * the mailer lock. When log_each is not NULL it is called with each
 * message's Message-ID (for the operator's log). */
NEOERR *outbox_recover(struct db *db, time_t now, int *count, void (*log_each)(const char *message_id, void *ctx),
		       void *ctx);

/* Pending messages (due or not), for the operator's log. */
NEOERR *outbox_pending_count(struct db *db, int64_t *count);

#define OUTBOX_INTERRUPTED_ERROR                                                                \
	"interrupted: the mailer stopped during this attempt; the relay may have accepted it, " \
	"so the resend (same Message-ID) may arrive twice"

#endif
