/* notify: the emails the workflow sends, written to the outbox.
 *
 * Each message is rendered from templates/mail/notice.txt.cs (plain text,
 * no escaping) and templates/mail/notice.html.cs (HTML, every value
 * escaped) and queued with outbox_enqueue() inside the caller's
 * transaction, so it exists exactly when the change does. A message
 * carries the minimum: who, what kind of request, its dates, and the link
 * to the request in the portal (HRPORTAL_BASE_URL/requests/<id>); never a
 * grievance's text, a reason for leave or anything medical. A decision's
 * note or reason travels only for forms that are not a private matter
 * (formdef.h), and the decision form says so to whoever writes it. */
#ifndef HR_NOTIFY_H
#define HR_NOTIFY_H

#include <ClearSilver.h>
#include <time.h>

#include "store/db.h"
#include "forms/formdef.h"
#include "forms/requests.h"
#include "core/settings.h"
#include "people/users.h"

struct notify_ctx {
	struct db *db;
	const struct settings *settings;
	time_t now;
};

struct notify_info {
	const char *kind; /* see notify.c: request_submitted, request_approved, ... */
	const struct user *to;
	const struct request_row *req;
	const struct form_def *def;
	const struct user *owner;
	const char *actor_name;   /* who acted (may be NULL) */
	const char *hours;        /* leave_restored: hours given back */
	const char *with_name;    /* request_received: whom it went to (NULL: nobody) */
	const char *note;         /* approved/denied: the decision's note, or NULL */
	const char *grievance_by; /* request_denied: last day to file a grievance */
};

NEOERR *notify_send(const struct notify_ctx *n, const struct notify_info *info);

/* Render one notice (text and HTML) without queueing it: for tests and
 * the benchmark. Callers free both strings with string_clear(). */
NEOERR *notify_render(const struct notify_ctx *n, const struct notify_info *info, char *subject, size_t subject_size,
		      STRING *text, STRING *html);

#endif
