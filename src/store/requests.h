/* store/requests: what the database keeps of a filed form — the request
 * row (found again by its owner's idempotency key), its fields, its
 * history, parties and signatures, the wizard result it was started from —
 * and the lists the request pages read. Rules (who may see or act, what a
 * status means) live in forms/; these functions only read and write rows.
 * Writes run inside the caller's transaction. */
#ifndef HR_STORE_REQUESTS_H
#define HR_STORE_REQUESTS_H

#include <ClearSilver.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* Column sizes (forms/requests.c checks people/users.h agrees). */
#define STORE_REQUESTS_NAME_MAX 128
#define STORE_REQUESTS_AGENCY_MAX 128

/* One request's row as the database holds it: the status is the
 * database's word (forms/status.h turns it into an enum at the one place
 * rows are read, forms/requests.c). The strings point into the statement
 * and are valid only during the call of each. */
struct store_requests_row {
	int64_t id;
	const char *type;
	int64_t owner_id;
	const char *idem_key, *status, *agency, *summary;
	int64_t assignee_id; /* 0: nobody must act */
	int step;
	const char *step_kind;            /* "" when not set */
	const char *received_on, *due_on; /* "" when not set */
	const char *created_at, *updated_at;
	const char *submitted_at, *closed_at; /* "" when not set */
};
typedef NEOERR *(*store_requests_row_fn)(void *ctx, const struct store_requests_row *row);

/* The latest decision on a request (approved, denied, decided, withdrawn,
 * accepted, closed): who made it and when. */
struct request_decision {
	char action[16];
	int64_t actor_id; /* 0: the portal itself */
	char who[STORE_REQUESTS_NAME_MAX + 1];
	char at[21]; /* ISO 8601 UTC */
};

/* Someone a request names (owner, assignee, donor, review level), read
 * even when they are no longer active: a request must still say who. */
struct store_requests_person {
	int64_t id;
	char login[65];
	char employee_id[17];
	char name[STORE_REQUESTS_NAME_MAX + 1];
	char email[255];
	char agency[STORE_REQUESTS_AGENCY_MAX + 1];
};

/* ---- The request row ---- */

/* each is called once when there is such a row, not at all otherwise. */
NEOERR *store_requests_load(struct db *db, int64_t id, store_requests_row_fn each, void *ctx);
NEOERR *store_requests_by_idem(struct db *db, int64_t owner_id, const char *idem_key, store_requests_row_fn each,
			       void *ctx);
/* A new draft; created_at is ISO 8601 UTC (also its updated_at). */
NEOERR *store_requests_insert(struct db *db, const char *type, int64_t owner_id, const char *idem_key,
			      const char *agency, const char *created_at, int64_t *id);
/* Write the state columns (status, summary, assignee, step, step kind,
 * dates) of the row with row->id; "" and 0 are stored as NULL. The other
 * columns of row are not read. */
NEOERR *store_requests_update(struct db *db, const struct store_requests_row *row, const char *updated_at);

/* ---- Fields (answers, and the portal's own values named "_...") ---- */

NEOERR *store_requests_set_field(struct db *db, int64_t id, const char *name, const char *value);
/* Remove the answers, keeping the portal's own "_..." values. */
NEOERR *store_requests_clear_answers(struct db *db, int64_t id);
/* Every field, by name. */
NEOERR *store_requests_fields(struct db *db, int64_t id,
			      NEOERR *(*each)(void *ctx, const char *name, const char *value), void *ctx);

/* ---- History, parties, signatures ---- */

/* actor_id 0 is the portal itself (stored as NULL). */
NEOERR *store_requests_add_event(struct db *db, int64_t id, const char *at, int64_t actor_id, const char *action,
				 int step, const char *note);
struct store_requests_event_row {
	const char *at;  /* ISO 8601 UTC */
	const char *who; /* the actor's name; "HR portal (deadline)" for the portal */
	const char *action;
	int step;
	const char *note;
};
/* The history, oldest first. */
NEOERR *store_requests_events(struct db *db, int64_t id,
			      NEOERR *(*each)(void *ctx, const struct store_requests_event_row *row), void *ctx);
/* The latest decision; actor_id 0: anyone's (the portal's included). */
NEOERR *store_requests_last_decision(struct db *db, int64_t id, int64_t actor_id, struct request_decision *out,
				     int *found);

/* Asking someone again to act is no change. */
NEOERR *store_requests_add_party(struct db *db, int64_t id, int64_t user_id);
NEOERR *store_requests_is_party(struct db *db, int64_t id, int64_t user_id, int *is_party);

NEOERR *store_requests_add_signature(struct db *db, int64_t id, int64_t user_id, const char *role,
				     const char *typed_name, const char *signed_at);
struct store_requests_signature_row {
	const char *role, *typed_name, *signed_at, *name;
};
/* The signatures in the order they were made. */
NEOERR *store_requests_signatures(struct db *db, int64_t id,
				  NEOERR *(*each)(void *ctx, const struct store_requests_signature_row *row),
				  void *ctx);

/* The person with this id, active or not; *found 0 when there is none. */
NEOERR *store_requests_person(struct db *db, int64_t id, struct store_requests_person *out, int *found);

/* ---- The wizard result a request was started from ---- */

struct store_requests_wizard_row {
	const char *wizard;
	const char *evaluated_on; /* YYYY-MM-DD */
	const char *answers;      /* JSON object of the parameters */
	const char *result;       /* JSON answer of the rules module */
	int eligible;
	const char *figures, *reasons, *citations;
};
/* Store (or replace) the request's wizard result. */
NEOERR *store_requests_set_wizard(struct db *db, int64_t id, const struct store_requests_wizard_row *w);
/* Read it; the strings point into the statement and are only valid during
 * the call of each, which is not called when there is none. */
NEOERR *store_requests_wizard(struct db *db, int64_t id,
			      NEOERR *(*each)(void *ctx, const struct store_requests_wizard_row *row), void *ctx);

/* ---- Lists ---- */

/* A request as the lists show it. */
struct store_requests_list_row {
	int64_t id;
	const char *type, *status, *summary, *updated_at;
	const char *owner_name, *owner_employee_id, *agency;
	const char *assignee_name; /* "" when nobody must act */
	const char *due_on;        /* "" when no deadline */
	const char *submitted_at;  /* "" for a draft */
};
typedef NEOERR *(*store_requests_list_fn)(void *ctx, const struct store_requests_list_row *row);

/* An owner's drafts, most recently changed first (at most 50). */
NEOERR *store_requests_drafts(struct db *db, int64_t owner_id, store_requests_list_fn each, void *ctx);
/* An owner's requests, newest first (at most 500). */
NEOERR *store_requests_by_owner(struct db *db, int64_t owner_id, store_requests_list_fn each, void *ctx);
/* Pending requests awaiting this user, soonest deadline first (at most 500). */
NEOERR *store_requests_awaiting(struct db *db, int64_t user_id, store_requests_list_fn each, void *ctx);
/* The requests of this user's latest 50 approvals, denials and decisions,
 * latest change first. */
NEOERR *store_requests_decided_by(struct db *db, int64_t user_id, store_requests_list_fn each, void *ctx);

/* HR's list: every submitted request; "" in a filter matches anything. */
struct store_requests_filter {
	const char *agency, *type, *status;
};
#define STORE_REQUESTS_PAGE 100
#define STORE_REQUESTS_PAGE_SQL "100"
/* One page: the STORE_REQUESTS_PAGE newest requests with an id below before
 * (0: the newest of all). Pages are keyed by id, not counted by offset, so
 * that the thousandth page costs what the first does. */
NEOERR *store_requests_filtered(struct db *db, const struct store_requests_filter *f, int64_t before,
				store_requests_list_fn each, void *ctx);
/* How many match, counted up to STORE_REQUESTS_COUNT_CAP + 1 (a count of a
 * million rows would cost more than the page): more than the cap means
 * "more than 10,000". */
#define STORE_REQUESTS_COUNT_CAP 10000
#define STORE_REQUESTS_COUNT_CAP_SQL "10001"
NEOERR *store_requests_filtered_count(struct db *db, const struct store_requests_filter *f, int64_t *count);
/* The agencies of submitted requests, in order (at most 200). */
NEOERR *store_requests_agencies(struct db *db, NEOERR *(*each)(void *ctx, const char *agency), void *ctx);

/* Grievances pending or decided whose deadline is before today (only the
 * request id when id is not 0), at most max of them, by id. */
NEOERR *store_requests_due_grievances(struct db *db, const char *today, int64_t id, int64_t *ids, size_t max,
				      size_t *n);

#endif
