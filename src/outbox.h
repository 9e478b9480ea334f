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

#include <ClearSilver.h>
#include <time.h>

#include "db.h"

struct outbox_message {
	const char *to_name;
	const char *to_addr;
	const char *subject;
	const char *body_text;
	const char *body_html;     /* may be NULL */
	const char *kind;          /* what happened: "request_submitted", ... */
	long long request_id;      /* 0 when not about a request */
};

/* Queue a message (call inside db_begin/db_commit). The address is checked
 * (HR_ERR_BAD_REQUEST when it could not be sent to); the new row's id is
 * returned in *id when id is not NULL. */
NEOERR *outbox_enqueue(struct db *db, const struct outbox_message *msg, time_t now, long long *id);

/* Domain used on the right of generated Message-IDs. */
#define OUTBOX_MESSAGE_ID_DOMAIN "hrportal.personnel.ky.gov"

#endif
