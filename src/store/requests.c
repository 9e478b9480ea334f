#include "store/requests.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "store/query.h"

static void copy_col(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src);
}

/* Text that is empty is stored as NULL (the optional columns). */
static struct db_value opt_text(const char *s)
{
	return s && *s ? DB_TEXT(s) : DB_NULL;
}

static struct db_value opt_id(int64_t id)
{
	return id ? DB_INT(id) : DB_NULL;
}

/* ---- The request row ---- */

#define ROW_COLUMNS                                                                                          \
	"id, type, owner_id, idem_key, status, agency, summary, coalesce(assignee_id, 0), step, "            \
	"coalesce(step_kind, ''), coalesce(received_on, ''), coalesce(due_on, ''), created_at, updated_at, " \
	"coalesce(submitted_at, ''), coalesce(closed_at, '')"

struct row_each {
	store_requests_row_fn each;
	void *ctx;
};

static NEOERR *read_row(struct db_stmt *st, void *ctx)
{
	const struct row_each *e = ctx;
	struct store_requests_row r = {
		.id = db_int64(st, 0),
		.type = db_text(st, 1),
		.owner_id = db_int64(st, 2),
		.idem_key = db_text(st, 3),
		.status = db_text(st, 4),
		.agency = db_text(st, 5),
		.summary = db_text(st, 6),
		.assignee_id = db_int64(st, 7),
		.step = db_int(st, 8),
		.step_kind = db_text(st, 9),
		.received_on = db_text(st, 10),
		.due_on = db_text(st, 11),
		.created_at = db_text(st, 12),
		.updated_at = db_text(st, 13),
		.submitted_at = db_text(st, 14),
		.closed_at = db_text(st, 15),
	};

	return nerr_pass(e->each(e->ctx, &r));
}

NEOERR *store_requests_load(struct db *db, int64_t id, store_requests_row_fn each, void *ctx)
{
	struct row_each e = { each, ctx };

	return nerr_pass(query_rows(db, "SELECT " ROW_COLUMNS " FROM requests WHERE id = ?1", QUERY_VALUES(DB_INT(id)),
				    read_row, &e));
}

NEOERR *store_requests_by_idem(struct db *db, int64_t owner_id, const char *idem_key, store_requests_row_fn each,
			       void *ctx)
{
	struct row_each e = { each, ctx };

	return nerr_pass(query_rows(db, "SELECT " ROW_COLUMNS " FROM requests WHERE owner_id = ?1 AND idem_key = ?2",
				    QUERY_VALUES(DB_INT(owner_id), DB_TEXT(idem_key)), read_row, &e));
}

NEOERR *store_requests_insert(struct db *db, const char *type, int64_t owner_id, const char *idem_key,
			      const char *agency, const char *created_at, int64_t *id)
{
	struct db_stmt *st;
	NEOERR *err = query_prepare(
		db,
		"INSERT INTO requests(type, owner_id, idem_key, status, agency, created_at, "
		"updated_at) VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?5) RETURNING id",
		QUERY_VALUES(DB_TEXT(type), DB_INT(owner_id), DB_TEXT(idem_key), DB_TEXT(agency), DB_TEXT(created_at)),
		&st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	return nerr_pass(db_insert(db, st, id));
}

NEOERR *store_requests_update(struct db *db, const struct store_requests_row *row, const char *updated_at)
{
	return nerr_pass(
		query_run(db,
			  "UPDATE requests SET status = ?2, summary = ?3, assignee_id = ?4, step = ?5, "
			  "step_kind = ?6, received_on = ?7, due_on = ?8, submitted_at = ?9, closed_at = ?10, "
			  "updated_at = ?11 WHERE id = ?1",
			  QUERY_VALUES(DB_INT(row->id), DB_TEXT(row->status), DB_TEXT(row->summary),
				       opt_id(row->assignee_id), DB_INT(row->step), opt_text(row->step_kind),
				       opt_text(row->received_on), opt_text(row->due_on), opt_text(row->submitted_at),
				       opt_text(row->closed_at), DB_TEXT(updated_at))));
}

/* ---- Fields ---- */

NEOERR *store_requests_set_field(struct db *db, int64_t id, const char *name, const char *value)
{
	return nerr_pass(query_run(db,
				   "INSERT INTO request_fields(request_id, name, value) VALUES (?1, ?2, ?3) "
				   "ON CONFLICT (request_id, name) DO UPDATE SET value = excluded.value",
				   QUERY_VALUES(DB_INT(id), DB_TEXT(name), DB_TEXT(value))));
}

NEOERR *store_requests_clear_answers(struct db *db, int64_t id)
{
	return nerr_pass(query_run(db, "DELETE FROM request_fields WHERE request_id = ?1 AND substr(name, 1, 1) <> '_'",
				   QUERY_VALUES(DB_INT(id))));
}

struct fields_each {
	NEOERR *(*each)(void *ctx, const char *name, const char *value);
	void *ctx;
};

static NEOERR *read_field(struct db_stmt *st, void *ctx)
{
	const struct fields_each *e = ctx;

	return nerr_pass(e->each(e->ctx, db_text(st, 0), db_text(st, 1)));
}

NEOERR *store_requests_fields(struct db *db, int64_t id,
			      NEOERR *(*each)(void *ctx, const char *name, const char *value), void *ctx)
{
	struct fields_each e = { each, ctx };

	return nerr_pass(query_rows(db, "SELECT name, value FROM request_fields WHERE request_id = ?1 ORDER BY name",
				    QUERY_VALUES(DB_INT(id)), read_field, &e));
}

/* ---- History, parties, signatures ---- */

NEOERR *store_requests_add_event(struct db *db, int64_t id, const char *at, int64_t actor_id, const char *action,
				 int step, const char *note)
{
	return nerr_pass(query_run(db,
				   "INSERT INTO request_events(request_id, at, actor_id, action, step, note) "
				   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
				   QUERY_VALUES(DB_INT(id), DB_TEXT(at), opt_id(actor_id), DB_TEXT(action),
						DB_INT(step), DB_TEXT(note ? note : ""))));
}

struct events_each {
	NEOERR *(*each)(void *ctx, const struct store_requests_event_row *row);
	void *ctx;
};

static NEOERR *read_event(struct db_stmt *st, void *ctx)
{
	const struct events_each *e = ctx;
	struct store_requests_event_row r = {
		.at = db_text(st, 0),
		.who = db_text(st, 1),
		.action = db_text(st, 2),
		.step = db_int(st, 3),
		.note = db_text(st, 4),
	};

	return nerr_pass(e->each(e->ctx, &r));
}

NEOERR *store_requests_events(struct db *db, int64_t id,
			      NEOERR *(*each)(void *ctx, const struct store_requests_event_row *row), void *ctx)
{
	struct events_each e = { each, ctx };

	return nerr_pass(query_rows(db,
				    "SELECT e.at, coalesce(u.name, 'HR portal (deadline)'), e.action, e.step, "
				    "e.note FROM request_events e LEFT JOIN users u ON u.id = e.actor_id "
				    "WHERE e.request_id = ?1 ORDER BY e.id",
				    QUERY_VALUES(DB_INT(id)), read_event, &e));
}

struct decision_out {
	struct request_decision *d;
	int *found;
};

static NEOERR *read_decision(struct db_stmt *st, void *ctx)
{
	const struct decision_out *o = ctx;

	copy_col(o->d->action, sizeof o->d->action, db_text(st, 0));
	o->d->actor_id = db_int64(st, 1);
	copy_col(o->d->who, sizeof o->d->who, db_text(st, 2));
	copy_col(o->d->at, sizeof o->d->at, db_text(st, 3));
	*o->found = 1;
	return STATUS_OK;
}

NEOERR *store_requests_last_decision(struct db *db, int64_t id, int64_t actor_id, struct request_decision *out,
				     int *found)
{
	struct decision_out o = { out, found };

	memset(out, 0, sizeof *out);
	*found = 0;
	return nerr_pass(query_rows(db,
				    "SELECT e.action, coalesce(e.actor_id, 0), coalesce(u.name, ''), e.at "
				    "FROM request_events e LEFT JOIN users u ON u.id = e.actor_id "
				    "WHERE e.request_id = ?1 AND (?2 = 0 OR e.actor_id = ?2) AND e.action IN "
				    "('approved', 'denied', 'decided', 'withdrawn', 'accepted', 'closed') "
				    "ORDER BY e.id DESC LIMIT 1",
				    QUERY_VALUES(DB_INT(id), DB_INT(actor_id)), read_decision, &o));
}

NEOERR *store_requests_add_party(struct db *db, int64_t id, int64_t user_id)
{
	return nerr_pass(query_run(db,
				   "INSERT INTO request_parties(request_id, user_id) VALUES (?1, ?2) "
				   "ON CONFLICT (request_id, user_id) DO NOTHING",
				   QUERY_VALUES(DB_INT(id), DB_INT(user_id))));
}

NEOERR *store_requests_is_party(struct db *db, int64_t id, int64_t user_id, int *is_party)
{
	int64_t one = 0;

	return nerr_pass(query_int64(db, "SELECT 1 FROM request_parties WHERE request_id = ?1 AND user_id = ?2",
				     QUERY_VALUES(DB_INT(id), DB_INT(user_id)), &one, is_party));
}

NEOERR *store_requests_add_signature(struct db *db, int64_t id, int64_t user_id, const char *role,
				     const char *typed_name, const char *signed_at)
{
	return nerr_pass(query_run(
		db,
		"INSERT INTO signatures(request_id, user_id, role, typed_name, signed_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5)",
		QUERY_VALUES(DB_INT(id), DB_INT(user_id), DB_TEXT(role), DB_TEXT(typed_name), DB_TEXT(signed_at))));
}

struct signatures_each {
	NEOERR *(*each)(void *ctx, const struct store_requests_signature_row *row);
	void *ctx;
};

static NEOERR *read_signature(struct db_stmt *st, void *ctx)
{
	const struct signatures_each *e = ctx;
	struct store_requests_signature_row r = {
		.role = db_text(st, 0),
		.typed_name = db_text(st, 1),
		.signed_at = db_text(st, 2),
		.name = db_text(st, 3),
	};

	return nerr_pass(e->each(e->ctx, &r));
}

NEOERR *store_requests_signatures(struct db *db, int64_t id,
				  NEOERR *(*each)(void *ctx, const struct store_requests_signature_row *row), void *ctx)
{
	struct signatures_each e = { each, ctx };

	return nerr_pass(query_rows(db,
				    "SELECT s.role, s.typed_name, s.signed_at, u.name FROM signatures s "
				    "JOIN users u ON u.id = s.user_id WHERE s.request_id = ?1 ORDER BY s.id",
				    QUERY_VALUES(DB_INT(id)), read_signature, &e));
}

struct person_out {
	struct store_requests_person *p;
	int *found;
};

static NEOERR *read_person(struct db_stmt *st, void *ctx)
{
	const struct person_out *o = ctx;
	struct store_requests_person *p = o->p;

	copy_col(p->login, sizeof p->login, db_text(st, 0));
	copy_col(p->employee_id, sizeof p->employee_id, db_text(st, 1));
	copy_col(p->name, sizeof p->name, db_text(st, 2));
	copy_col(p->email, sizeof p->email, db_text(st, 3));
	copy_col(p->agency, sizeof p->agency, db_text(st, 4));
	*o->found = 1;
	return STATUS_OK;
}

NEOERR *store_requests_person(struct db *db, int64_t id, struct store_requests_person *out, int *found)
{
	struct person_out o = { out, found };
	NEOERR *err;

	memset(out, 0, sizeof *out);
	*found = 0;
	err = query_rows(db, "SELECT login, employee_id, name, email, agency FROM users WHERE id = ?1",
			 QUERY_VALUES(DB_INT(id)), read_person, &o);
	if (*found)
		out->id = id;
	return nerr_pass(err);
}

/* ---- The wizard result ---- */

NEOERR *store_requests_set_wizard(struct db *db, int64_t id, const struct store_requests_wizard_row *w)
{
	return nerr_pass(
		query_run(db,
			  "INSERT INTO wizard_results(request_id, wizard, evaluated_on, answers, result, "
			  "eligible, figures, reasons, citations) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
			  "ON CONFLICT (request_id) DO UPDATE SET wizard = excluded.wizard, "
			  "evaluated_on = excluded.evaluated_on, answers = excluded.answers, "
			  "result = excluded.result, eligible = excluded.eligible, figures = excluded.figures, "
			  "reasons = excluded.reasons, citations = excluded.citations",
			  QUERY_VALUES(DB_INT(id), DB_TEXT(w->wizard), DB_TEXT(w->evaluated_on), DB_TEXT(w->answers),
				       DB_TEXT(w->result), DB_INT(w->eligible), DB_TEXT(w->figures),
				       DB_TEXT(w->reasons), DB_TEXT(w->citations))));
}

struct wizard_each {
	NEOERR *(*each)(void *ctx, const struct store_requests_wizard_row *row);
	void *ctx;
};

static NEOERR *read_wizard(struct db_stmt *st, void *ctx)
{
	const struct wizard_each *e = ctx;
	struct store_requests_wizard_row r = {
		.wizard = db_text(st, 0),
		.evaluated_on = db_text(st, 1),
		.answers = db_text(st, 2),
		.result = db_text(st, 3),
		.eligible = db_int(st, 4) != 0,
		.figures = db_text(st, 5),
		.reasons = db_text(st, 6),
		.citations = db_text(st, 7),
	};

	return nerr_pass(e->each(e->ctx, &r));
}

NEOERR *store_requests_wizard(struct db *db, int64_t id,
			      NEOERR *(*each)(void *ctx, const struct store_requests_wizard_row *row), void *ctx)
{
	struct wizard_each e = { each, ctx };

	return nerr_pass(query_rows(db,
				    "SELECT wizard, evaluated_on, answers, result, eligible, figures, reasons, "
				    "citations FROM wizard_results WHERE request_id = ?1",
				    QUERY_VALUES(DB_INT(id)), read_wizard, &e));
}

/* ---- Lists ---- */

#define LIST_COLUMNS                                                                         \
	"r.id, r.type, r.status, r.summary, r.updated_at, o.name, o.employee_id, r.agency, " \
	"coalesce(a.name, ''), coalesce(r.due_on, ''), coalesce(r.submitted_at, '')"
#define LIST_FROM " FROM requests r JOIN users o ON o.id = r.owner_id LEFT JOIN users a ON a.id = r.assignee_id "

struct list_each {
	store_requests_list_fn each;
	void *ctx;
};

static NEOERR *read_list_row(struct db_stmt *st, void *ctx)
{
	const struct list_each *e = ctx;
	struct store_requests_list_row r = {
		.id = db_int64(st, 0),
		.type = db_text(st, 1),
		.status = db_text(st, 2),
		.summary = db_text(st, 3),
		.updated_at = db_text(st, 4),
		.owner_name = db_text(st, 5),
		.owner_employee_id = db_text(st, 6),
		.agency = db_text(st, 7),
		.assignee_name = db_text(st, 8),
		.due_on = db_text(st, 9),
		.submitted_at = db_text(st, 10),
	};

	return nerr_pass(e->each(e->ctx, &r));
}

NEOERR *store_requests_drafts(struct db *db, int64_t owner_id, store_requests_list_fn each, void *ctx)
{
	struct list_each e = { each, ctx };

	/* Only the request's own columns: the drafts page names nobody. */
	return nerr_pass(query_rows(db,
				    "SELECT r.id, r.type, r.status, r.summary, r.updated_at, '', '', r.agency, "
				    "'', coalesce(r.due_on, ''), coalesce(r.submitted_at, '') FROM requests r "
				    "WHERE r.owner_id = ?1 AND r.status = 'draft' ORDER BY r.updated_at DESC LIMIT 50",
				    QUERY_VALUES(DB_INT(owner_id)), read_list_row, &e));
}

NEOERR *store_requests_by_owner(struct db *db, int64_t owner_id, store_requests_list_fn each, void *ctx)
{
	struct list_each e = { each, ctx };

	return nerr_pass(query_rows(db,
				    "SELECT " LIST_COLUMNS LIST_FROM "WHERE r.owner_id = ?1 ORDER BY r.id DESC "
				    "LIMIT 500",
				    QUERY_VALUES(DB_INT(owner_id)), read_list_row, &e));
}

NEOERR *store_requests_awaiting(struct db *db, int64_t user_id, store_requests_list_fn each, void *ctx)
{
	struct list_each e = { each, ctx };

	return nerr_pass(
		query_rows(db,
			   "SELECT " LIST_COLUMNS LIST_FROM "WHERE r.assignee_id = ?1 "
			   "AND r.status = 'pending' ORDER BY coalesce(r.due_on, '9999-12-31'), r.id LIMIT 500",
			   QUERY_VALUES(DB_INT(user_id)), read_list_row, &e));
}

NEOERR *store_requests_decided_by(struct db *db, int64_t user_id, store_requests_list_fn each, void *ctx)
{
	struct list_each e = { each, ctx };

	return nerr_pass(
		query_rows(db,
			   /* The user's latest 50 decisions, newest first by the
			    * request_events_actor index: the walk stops at 50, however
			    * many years of decisions lie behind them. */
			   "SELECT " LIST_COLUMNS LIST_FROM "WHERE r.id IN (SELECT request_id FROM "
			   "request_events WHERE actor_id = ?1 AND action IN ('approved', 'denied', 'decided') "
			   "ORDER BY id DESC LIMIT 50) "
			   "ORDER BY r.updated_at DESC",
			   QUERY_VALUES(DB_INT(user_id)), read_list_row, &e));
}

/* HR's filters. "(?1 = '' OR r.agency = ?1)" in one statement would hide
 * every index from the planner, so each filter given adds its own term, and
 * the statement for each combination walks an index (requests_agency_recent,
 * requests_type_recent, requests_status_recent, requests_filter) newest
 * first. The terms are fixed text, the values bound: still one prepared,
 * cached statement per combination. */
static void filter_terms(const struct store_requests_filter *f, char *sql, size_t len, struct db_value *values,
			 size_t *n)
{
	size_t used = strlen(sql);

	if (*f->agency) {
		used += (size_t)snprintf(sql + used, len - used, " AND r.agency = ?");
		values[(*n)++] = DB_TEXT(f->agency);
	}
	if (*f->type) {
		used += (size_t)snprintf(sql + used, len - used, " AND r.type = ?");
		values[(*n)++] = DB_TEXT(f->type);
	}
	if (*f->status) {
		snprintf(sql + used, len - used, " AND r.status = ?");
		values[(*n)++] = DB_TEXT(f->status);
	}
}

#define FILTER_SQL_MAX 1024
#define LIST_FILTERED_HEAD "SELECT " LIST_COLUMNS LIST_FROM "WHERE r.status <> 'draft' AND r.id < ?"
/* The head, the three terms and the tail fit. */
_Static_assert(sizeof LIST_FILTERED_HEAD + 3 * 24 + 64 < FILTER_SQL_MAX, "FILTER_SQL_MAX too small");

NEOERR *store_requests_filtered(struct db *db, const struct store_requests_filter *f, int64_t before,
				store_requests_list_fn each, void *ctx)
{
	struct list_each e = { each, ctx };
	char sql[FILTER_SQL_MAX] = LIST_FILTERED_HEAD;
	struct db_value values[4] = { DB_INT(before > 0 ? before : INT64_MAX) };
	size_t n = 1;

	filter_terms(f, sql, sizeof sql - 64, values, &n);
	strcat(sql, " ORDER BY r.id DESC LIMIT " STORE_REQUESTS_PAGE_SQL);
	return nerr_pass(query_rows(db, sql, values, n, read_list_row, &e));
}

NEOERR *store_requests_filtered_count(struct db *db, const struct store_requests_filter *f, int64_t *count)
{
	char sql[FILTER_SQL_MAX] = "SELECT count(*) FROM (SELECT 1 FROM requests r WHERE r.status <> 'draft'";
	struct db_value values[3];
	size_t n = 0;

	filter_terms(f, sql, sizeof sql - 64, values, &n);
	strcat(sql, " LIMIT " STORE_REQUESTS_COUNT_CAP_SQL ")");
	return nerr_pass(query_int64(db, sql, values, n, count, NULL));
}

struct agencies_each {
	NEOERR *(*each)(void *ctx, const char *agency);
	void *ctx;
};

static NEOERR *read_agency(struct db_stmt *st, void *ctx)
{
	const struct agencies_each *e = ctx;

	return nerr_pass(e->each(e->ctx, db_text(st, 0)));
}

NEOERR *store_requests_agencies(struct db *db, NEOERR *(*each)(void *ctx, const char *agency), void *ctx)
{
	struct agencies_each e = { each, ctx };

	return nerr_pass(query_rows(db,
				    /* A skip scan of requests_filter: one seek per agency,
				     * not a read of every request. */
				    "WITH RECURSIVE a(agency) AS (SELECT (SELECT min(agency) FROM requests "
				    "WHERE status <> 'draft') UNION ALL SELECT (SELECT min(agency) FROM requests "
				    "WHERE agency > a.agency AND status <> 'draft') FROM a WHERE a.agency IS NOT NULL) "
				    "SELECT agency FROM a WHERE agency IS NOT NULL LIMIT 200",
				    NULL, 0, read_agency, &e));
}

struct ids_out {
	int64_t *ids;
	size_t max, *n;
};

static NEOERR *read_id(struct db_stmt *st, void *ctx)
{
	const struct ids_out *o = ctx;

	if (*o->n < o->max)
		o->ids[(*o->n)++] = db_int64(st, 0);
	return STATUS_OK;
}

NEOERR *store_requests_due_grievances(struct db *db, const char *today, int64_t id, int64_t *ids, size_t max, size_t *n)
{
	struct ids_out o = { ids, max, n };

	*n = 0;
	return nerr_pass(
		query_rows(db,
			   "SELECT id FROM requests WHERE status IN ('pending', 'decided') "
			   "AND due_on < ?1 AND type = 'grievance' AND (?2 = 0 OR id = ?2) ORDER BY id LIMIT ?3",
			   QUERY_VALUES(DB_TEXT(today), DB_INT(id), DB_INT((int64_t)max)), read_id, &o));
}
