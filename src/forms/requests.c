#include "forms/requests.h"

#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "core/isotime.h"

static void copy_col(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

#define ROW_COLUMNS "id, type, owner_id, idem_key, status, agency, summary, coalesce(assignee_id, 0), step, " \
	"coalesce(step_kind, ''), coalesce(received_on, ''), coalesce(due_on, ''), created_at, updated_at, " \
	"coalesce(submitted_at, ''), coalesce(closed_at, '')"

static void read_row(struct db_stmt *st, struct request_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = db_int64(st, 0);
	copy_col(r->type, sizeof r->type, db_text(st, 1));
	r->owner_id = db_int64(st, 2);
	copy_col(r->idem_key, sizeof r->idem_key, db_text(st, 3));
	copy_col(r->status, sizeof r->status, db_text(st, 4));
	copy_col(r->agency, sizeof r->agency, db_text(st, 5));
	copy_col(r->summary, sizeof r->summary, db_text(st, 6));
	r->assignee_id = db_int64(st, 7);
	r->step = db_int(st, 8);
	copy_col(r->step_kind, sizeof r->step_kind, db_text(st, 9));
	copy_col(r->received_on, sizeof r->received_on, db_text(st, 10));
	copy_col(r->due_on, sizeof r->due_on, db_text(st, 11));
	copy_col(r->created_at, sizeof r->created_at, db_text(st, 12));
	copy_col(r->updated_at, sizeof r->updated_at, db_text(st, 13));
	copy_col(r->submitted_at, sizeof r->submitted_at, db_text(st, 14));
	copy_col(r->closed_at, sizeof r->closed_at, db_text(st, 15));
}

NEOERR *requests_load(struct db *db, long long id, struct request_row *out, int *found)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT " ROW_COLUMNS " FROM requests WHERE id = ?1", &st);

	*found = 0;
	memset(out, 0, sizeof *out);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_int(db, st, 1, id);
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		read_row(st, out);
		*found = 1;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *requests_find_idem(struct db *db, long long owner_id, const char *idem_key,
			   struct request_row *out, int *found)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT " ROW_COLUMNS " FROM requests WHERE owner_id = ?1 AND idem_key = ?2", &st);

	*found = 0;
	memset(out, 0, sizeof *out);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_int(db, st, 1, owner_id);
	if (err == STATUS_OK)
		err = db_bind_text(db, st, 2, idem_key);
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		read_row(st, out);
		*found = 1;
	}
	db_done(st);
	return nerr_pass(err);
}

long long requests_parse_id(const char *s)
{
	long long v = 0;

	if (s == NULL || *s == '\0' || *s == '0' || strlen(s) > 15)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

NEOERR *requests_create(struct db *db, const char *type, const struct user *owner, const char *idem_key,
			time_t now, long long *id)
{
	char when[21];
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "INSERT INTO requests(type, owner_id, idem_key, status, agency, created_at, updated_at) "
			      "VALUES (?1, ?2, ?3, 'draft', ?4, ?5, ?5) RETURNING id", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	iso_time_format(now, when);
	err = db_bind_text(db, st, 1, type);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, owner->id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, idem_key);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, owner->agency);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, when);
	int64_t new_id = 0;
	if (err == STATUS_OK)
		err = db_insert(db, st, &new_id);
	else
		db_done(st);
	if (err == STATUS_OK)
		*id = new_id;
	if (err == STATUS_OK)
		err = requests_event(db, *id, now, owner->id, "created", 0, "");
	return nerr_pass(err);
}

NEOERR *requests_set_value(struct db *db, long long id, const char *name, const char *value)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "INSERT INTO request_fields(request_id, name, value) VALUES (?1, ?2, ?3) "
			      "ON CONFLICT(request_id, name) DO UPDATE SET value = excluded.value", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_int(db, st, 1, id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, name);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, value);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	return nerr_pass(err);
}

NEOERR *requests_save_answers(struct db *db, long long id, const struct form_def *def,
			      const struct form_values *v)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "DELETE FROM request_fields WHERE request_id = ?1 AND substr(name, 1, 1) <> '_'", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_int(db, st, 1, id);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	for (size_t i = 0; i < def->n_fields && err == STATUS_OK; i++) {
		const char *value = form_get(v, def->fields[i].name);

		if (value != NULL)
			err = requests_set_value(db, id, def->fields[i].name, value);
	}
	return nerr_pass(err);
}

NEOERR *requests_load_answers(struct db *db, long long id, struct request_answers *out)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT name, value FROM request_fields WHERE request_id = ?1 ORDER BY name", &st);

	memset(out, 0, sizeof *out);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_int(db, st, 1, id);
	while (err == STATUS_OK) {
		char *name, *value;

		err = db_step(db, st, &row);
		if (err != STATUS_OK || !row)
			break;
		if (out->values.n == FORM_MAX_FIELDS)
			break;   /* more than any form has: ignore the rest */
		name = strdup(db_text(st, 0));
		value = strdup(db_text(st, 1));
		if (name == NULL || value == NULL) {
			free(name);
			free(value);
			err = nerr_raise(NERR_NOMEM, "request answers");
			break;
		}
		out->storage[out->n_storage++] = name;
		out->storage[out->n_storage++] = value;
		form_set(&out->values, name, value);
	}
	db_done(st);
	if (err != STATUS_OK)
		requests_answers_free(out);
	return nerr_pass(err);
}

void requests_answers_free(struct request_answers *a)
{
	for (size_t i = 0; i < a->n_storage; i++)
		free(a->storage[i]);
	memset(a, 0, sizeof *a);
}

static NEOERR *bind_opt_text(struct db *db, struct db_stmt *st, int idx, const char *s)
{
	return nerr_pass(db_bind_text(db, st, idx, s && *s ? s : NULL));
}

NEOERR *requests_update(struct db *db, const struct request_row *row, time_t now)
{
	char when[21];
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "UPDATE requests SET status = ?2, summary = ?3, assignee_id = ?4, step = ?5, "
			      "step_kind = ?6, received_on = ?7, due_on = ?8, submitted_at = ?9, closed_at = ?10, "
			      "updated_at = ?11 WHERE id = ?1", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	iso_time_format(now, when);
	err = db_bind_int(db, st, 1, row->id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, row->status);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, row->summary);
	if (err == STATUS_OK && row->assignee_id) err = db_bind_int(db, st, 4, row->assignee_id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 5, row->step);
	if (err == STATUS_OK) err = bind_opt_text(db, st, 6, row->step_kind);
	if (err == STATUS_OK) err = bind_opt_text(db, st, 7, row->received_on);
	if (err == STATUS_OK) err = bind_opt_text(db, st, 8, row->due_on);
	if (err == STATUS_OK) err = bind_opt_text(db, st, 9, row->submitted_at);
	if (err == STATUS_OK) err = bind_opt_text(db, st, 10, row->closed_at);
	if (err == STATUS_OK) err = db_bind_text(db, st, 11, when);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	return nerr_pass(err);
}

NEOERR *requests_event(struct db *db, long long id, time_t now, long long actor_id, const char *action,
		       int step, const char *note)
{
	char when[21];
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "INSERT INTO request_events(request_id, at, actor_id, action, step, note) "
			      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	iso_time_format(now, when);
	err = db_bind_int(db, st, 1, id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, when);
	if (err == STATUS_OK && actor_id) err = db_bind_int(db, st, 3, actor_id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, action);
	if (err == STATUS_OK) err = db_bind_int(db, st, 5, step);
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, note ? note : "");
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	return nerr_pass(err);
}

NEOERR *requests_last_decision(struct db *db, long long id, long long actor_id, struct request_decision *out,
			       int *found)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "SELECT e.action, COALESCE(e.actor_id, 0), COALESCE(u.name, ''), e.at "
			      "FROM request_events e LEFT JOIN users u ON u.id = e.actor_id "
			      "WHERE e.request_id = ?1 AND (?2 = 0 OR e.actor_id = ?2) AND e.action IN "
			      "('approved', 'denied', 'decided', 'withdrawn', 'accepted', 'closed') "
			      "ORDER BY e.id DESC LIMIT 1", &st);

	memset(out, 0, sizeof *out);
	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_int(db, st, 1, id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, actor_id);
	if (err == STATUS_OK) err = db_step(db, st, found);
	if (err == STATUS_OK && *found) {
		snprintf(out->action, sizeof out->action, "%s", db_text(st, 0));
		out->actor_id = db_int64(st, 1);
		snprintf(out->who, sizeof out->who, "%s", db_text(st, 2));
		snprintf(out->at, sizeof out->at, "%s", db_text(st, 3));
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *requests_add_party(struct db *db, long long id, long long user_id)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "INSERT OR IGNORE INTO request_parties(request_id, user_id) VALUES (?1, ?2)", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_int(db, st, 1, id);
	if (err == STATUS_OK)
		err = db_bind_int(db, st, 2, user_id);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	return nerr_pass(err);
}

NEOERR *requests_sign(struct db *db, long long id, long long user_id, const char *role,
		      const char *typed_name, time_t now)
{
	char when[21];
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "INSERT INTO signatures(request_id, user_id, role, typed_name, signed_at) "
			      "VALUES (?1, ?2, ?3, ?4, ?5)", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	iso_time_format(now, when);
	err = db_bind_int(db, st, 1, id);
	if (err == STATUS_OK) err = db_bind_int(db, st, 2, user_id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, role);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, typed_name);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, when);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	return nerr_pass(err);
}

NEOERR *requests_may_view(struct db *db, const struct request_row *row, const struct user *u, int *may)
{
	struct db_stmt *st;
	int found = 0;
	NEOERR *err;

	*may = 0;
	if (u->id == 0)
		return STATUS_OK;
	if (row->owner_id == u->id) {
		*may = 1;
		return STATUS_OK;
	}
	/* A draft is its author's work in progress, not yet a request. */
	if (strcmp(row->status, "draft") == 0)
		return STATUS_OK;
	if (u->role == USER_HR || row->assignee_id == u->id) {
		*may = 1;
		return STATUS_OK;
	}
	err = db_stmt(db, "SELECT 1 FROM request_parties WHERE request_id = ?1 AND user_id = ?2", &st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_int(db, st, 1, row->id);
	if (err == STATUS_OK)
		err = db_bind_int(db, st, 2, u->id);
	if (err == STATUS_OK)
		err = db_step(db, st, &found);
	db_done(st);
	*may = found;
	return nerr_pass(err);
}

const char *requests_status_label(const char *status)
{
	static const struct { const char *status, *label; } labels[] = {
		{ "draft", "Draft (not submitted)" },
		{ "pending", "Awaiting a decision" },
		{ "decided", "Decided: you may appeal or accept" },
		{ "approved", "Approved" },
		{ "denied", "Denied" },
		{ "withdrawn", "Withdrawn" },
		{ "closed", "Closed" },
		{ "filed", "Filed" },
		{ "acknowledged", "Acknowledged" },
	};

	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].status, status) == 0)
			return labels[i].label;
	return status;
}
