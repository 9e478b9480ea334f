#include "store/outbox.h"

#include <stdlib.h>
#include <string.h>

#include "store/query.h"

NEOERR *store_outbox_add(struct db *db, const struct store_outbox_new *m, int64_t *id)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db,
			      "INSERT INTO outbox(message_id, created_at, to_name, to_addr, subject, body_text, "
			      "body_html, kind, request_id, next_attempt_at) "
			      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?2) RETURNING id",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(m->message_id), DB_TEXT(m->created_at), DB_TEXT(m->to_name ? m->to_name : ""),
		      DB_TEXT(m->to_addr), DB_TEXT(m->subject), DB_TEXT(m->body_text), DB_TEXT(m->body_html),
		      DB_TEXT(m->kind), m->request_id > 0 ? DB_INT(m->request_id) : DB_NULL);
	if (err == STATUS_OK)
		return nerr_pass(db_insert(db, st, id));
	db_done(st);
	return nerr_pass(err);
}

void store_outbox_row_clear(struct store_outbox_row *row)
{
	free(row->message_id);
	free(row->created_at);
	free(row->to_name);
	free(row->to_addr);
	free(row->subject);
	free(row->body_text);
	free(row->body_html);
	free(row->kind);
	free(row->state);
	free(row->next_attempt_at);
	memset(row, 0, sizeof *row);
}

#define ROW_COLUMNS                                                                           \
	"id, message_id, created_at, to_name, to_addr, subject, body_text, body_html, kind, " \
	"coalesce(request_id, 0), state, attempts, next_attempt_at"

static NEOERR *dup_column(struct db_stmt *st, int col, int nullable, char **out)
{
	*out = NULL;
	if (nullable && db_is_null(st, col))
		return STATUS_OK;
	*out = strdup(db_text(st, col));
	return *out ? STATUS_OK : nerr_raise(NERR_NOMEM, "outbox: copying column %d", col);
}

static NEOERR *read_row(struct db_stmt *st, struct store_outbox_row *row)
{
	NEOERR *err;

	row->id = db_int64(st, 0);
	err = dup_column(st, 1, 0, &row->message_id);
	if (err == STATUS_OK)
		err = dup_column(st, 2, 0, &row->created_at);
	if (err == STATUS_OK)
		err = dup_column(st, 3, 0, &row->to_name);
	if (err == STATUS_OK)
		err = dup_column(st, 4, 0, &row->to_addr);
	if (err == STATUS_OK)
		err = dup_column(st, 5, 0, &row->subject);
	if (err == STATUS_OK)
		err = dup_column(st, 6, 0, &row->body_text);
	if (err == STATUS_OK)
		err = dup_column(st, 7, 1, &row->body_html);
	if (err == STATUS_OK)
		err = dup_column(st, 8, 0, &row->kind);
	row->request_id = db_int64(st, 9);
	if (err == STATUS_OK)
		err = dup_column(st, 10, 0, &row->state);
	row->attempts = db_int(st, 11);
	if (err == STATUS_OK)
		err = dup_column(st, 12, 0, &row->next_attempt_at);
	return nerr_pass(err);
}

/* One row of a statement taking one parameter. */
static NEOERR *read_one(struct db *db, const char *sql, struct db_value key, struct store_outbox_row *row, int *found)
{
	struct db_stmt *st;
	int got = 0;
	NEOERR *err = db_stmt(db, sql, &st);

	memset(row, 0, sizeof *row);
	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, key);
	if (err == STATUS_OK)
		err = db_step(db, st, &got);
	if (err == STATUS_OK && got)
		err = read_row(st, row);
	db_done(st);
	if (err != STATUS_OK)
		store_outbox_row_clear(row);
	else
		*found = got;
	return nerr_pass(err);
}

NEOERR *store_outbox_due_first(struct db *db, const char *now, struct store_outbox_row *row, int *found)
{
	/* outbox_due (state, next_attempt_at) serves both the filter and the
	 * order; id breaks ties so equal times go first-queued first. */
	return nerr_pass(read_one(db,
				  "SELECT " ROW_COLUMNS " FROM outbox WHERE state = 'pending' "
				  "AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT 1",
				  DB_TEXT(now), row, found));
}

NEOERR *store_outbox_get(struct db *db, int64_t id, struct store_outbox_row *row, int *found)
{
	return nerr_pass(read_one(db, "SELECT " ROW_COLUMNS " FROM outbox WHERE id = ?1", DB_INT(id), row, found));
}

/* s as text, or NULL when there is none. */
static struct db_value text_or_null(const char *s)
{
	return s && *s ? DB_TEXT(s) : DB_NULL;
}

NEOERR *store_outbox_count_attempt(struct db *db, int64_t id)
{
	return nerr_pass(query_exec(db, "UPDATE outbox SET attempts = attempts + 1 WHERE id = ?1 AND state = 'pending'",
				    DB_INT(id)));
}

NEOERR *store_outbox_count_and_fail(struct db *db, int64_t id, const char *error)
{
	return nerr_pass(query_exec(db,
				    "UPDATE outbox SET attempts = attempts + 1, state = 'failed', last_error = ?2 "
				    "WHERE id = ?1",
				    DB_INT(id), DB_TEXT(error)));
}

NEOERR *store_outbox_add_attempt(struct db *db, int64_t id, const char *at, const char *outcome, long smtp_code,
				 const char *error)
{
	return nerr_pass(query_exec(db,
				    "INSERT INTO outbox_attempts(outbox_id, attempted_at, outcome, smtp_code, error) "
				    "VALUES (?1, ?2, ?3, ?4, ?5)",
				    DB_INT(id), DB_TEXT(at), DB_TEXT(outcome),
				    smtp_code > 0 ? DB_INT(smtp_code) : DB_NULL, text_or_null(error)));
}

NEOERR *store_outbox_set_state(struct db *db, int64_t id, const char *state, const char *next_attempt_at,
			       const char *at, const char *error, int *changed)
{
	NEOERR *err = query_exec(db,
				 "UPDATE outbox SET state = ?2, next_attempt_at = ?3, "
				 "sent_at = CASE WHEN ?2 = 'sent' THEN ?4 END, last_error = ?5 "
				 "WHERE id = ?1 AND state = 'pending'",
				 DB_INT(id), DB_TEXT(state), DB_TEXT(next_attempt_at), DB_TEXT(at),
				 text_or_null(error));

	*changed = err == STATUS_OK && db_changes(db) == 1;
	return nerr_pass(err);
}

NEOERR *store_outbox_set_error(struct db *db, int64_t id, const char *error)
{
	return nerr_pass(query_exec(db, "UPDATE outbox SET last_error = ?2 WHERE id = ?1", DB_INT(id), DB_TEXT(error)));
}

NEOERR *store_outbox_each_interrupted(struct db *db,
				      NEOERR *(*each)(void *ctx, const struct store_outbox_interrupted *row), void *ctx)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT o.id, o.message_id, o.attempts - (SELECT count(*) FROM outbox_attempts a "
			      "WHERE a.outbox_id = o.id) FROM outbox o WHERE o.state = 'pending' AND o.attempts > 0 "
			      "AND o.attempts > (SELECT count(*) FROM outbox_attempts a WHERE a.outbox_id = o.id) "
			      "ORDER BY o.id",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	while ((err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_outbox_interrupted r = { db_int64(st, 0), db_text(st, 1), db_int(st, 2) };

		err = each(ctx, &r);
		if (err != STATUS_OK)
			break;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_outbox_pending_count(struct db *db, int64_t *count)
{
	return nerr_pass(query_int64(db, "SELECT count(*) FROM outbox WHERE state = 'pending'", NULL, 0, count, NULL));
}
