/* requests: filed forms in the database — the request row, its answers,
 * history, parties and signatures — and who may see one.
 *
 * A request starts as a draft owned by its author (found again by the
 * idempotency key its form page carried, so sending a form twice never
 * makes two), becomes pending when submitted, and ends approved, denied,
 * withdrawn, closed, filed or acknowledged (workflow.h moves it). Everyone
 * ever asked to act on it is a party and keeps seeing it.
 *
 * Who may see a request (requests_may_view): its owner; HR staff (except
 * drafts, which are the owner's alone); and its parties (the supervisors
 * and authorities it was routed to). Nobody else. The rows are
 * store/requests.h's; write calls belong inside the caller's transaction. */
#ifndef HR_REQUESTS_H
#define HR_REQUESTS_H

#include <stdint.h>
#include <ClearSilver.h>
#include <time.h>

#include "store/db.h"
#include "store/requests.h"
#include "forms/formcheck.h"
#include "forms/status.h"
#include "people/users.h"

/* One request, owned by the caller. The ids stay int64_t: every caller
 * prints them with %lld. The store reads and writes the row as text
 * (store_requests_row); requests_load, requests_find_idem and
 * requests_update convert the status, so no one else compares its word. */
struct request_row {
	int64_t id;
	char type[32]; /* a form's key (formdef.h) */
	int64_t owner_id;
	char idem_key[65];
	enum request_status status;
	char agency[STORE_REQUESTS_AGENCY_MAX + 1];
	char summary[160];
	int64_t assignee_id; /* 0: nobody must act */
	int step;
	char step_kind[32];
	char received_on[11]; /* "" when not set */
	char due_on[11];
	char created_at[21];
	char updated_at[21];
	char submitted_at[21];
	char closed_at[21];
};

/* The stored answers of a request (owned copies). */
struct request_answers {
	struct form_values values; /* points into the strings below */
	char *storage[FORM_MAX_FIELDS * 2];
	size_t n_storage;
};

NEOERR *requests_load(struct db *db, int64_t id, struct request_row *out, int *found);
NEOERR *requests_find_idem(struct db *db, int64_t owner_id, const char *idem_key, struct request_row *out, int *found);

/* Parse a path segment as a request id (1..2^53); 0 when it is not one. */
int64_t requests_parse_id(const char *s);

/* New draft; returns its id. */
NEOERR *requests_create(struct db *db, const char *type, const struct user *owner, const char *idem_key, time_t now,
			int64_t *id);

/* Replace the form's answers (fields named by def; names starting with '_'
 * are the portal's own and are kept). Empty values are not stored. */
NEOERR *requests_save_answers(struct db *db, int64_t id, const struct form_def *def, const struct form_values *v);
/* Set one of the portal's own values ("_levels", "_review_on", ...). */
NEOERR *requests_set_value(struct db *db, int64_t id, const char *name, const char *value);
NEOERR *requests_load_answers(struct db *db, int64_t id, struct request_answers *out);
void requests_answers_free(struct request_answers *a);

/* Write the row's state columns (status, assignee, step, dates, summary)
 * and updated_at = now. */
NEOERR *requests_update(struct db *db, const struct request_row *row, time_t now);

/* History, parties, signatures. actor_id 0 is the portal itself. */
NEOERR *requests_event(struct db *db, int64_t id, time_t now, int64_t actor_id, const char *action, int step,
		       const char *note);
NEOERR *requests_add_party(struct db *db, int64_t id, int64_t user_id);

/* The latest decision on a request (struct request_decision): who made
 * it and when, to tell someone who acts a second time what already
 * happened. actor_id 0: anyone's. */
NEOERR *requests_last_decision(struct db *db, int64_t id, int64_t actor_id, struct request_decision *out, int *found);
NEOERR *requests_sign(struct db *db, int64_t id, int64_t user_id, const char *role, const char *typed_name, time_t now);

/* May this user see this request? */
NEOERR *requests_may_view(struct db *db, const struct request_row *row, const struct user *u, int *may);

/* Human words for a status given as the database's word ("Awaiting a
 * decision"); the word itself when it is not a status. For callers that
 * read the word straight from a query (publish/impact.c); a row's status
 * is an enum and takes request_status_label (forms/status.h). */
const char *requests_status_label(const char *word);

#endif
