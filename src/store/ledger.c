#include "store/ledger.h"

#include <stdio.h>
#include <string.h>

#include "store/query.h"

/* ---- Applications ---- */

struct sharing_out {
	struct store_sharing_row *s;
	int *found;
};

static NEOERR *read_sharing(struct db_stmt *st, void *ctx)
{
	const struct sharing_out *o = ctx;
	struct store_sharing_row *s = o->s;

	snprintf(s->program, sizeof s->program, "%s", db_text(st, 0));
	s->recipient_id = db_int64(st, 1);
	snprintf(s->week_hours, sizeof s->week_hours, "%s", db_text(st, 2));
	s->requested_ch = db_int64(st, 3);
	s->certified_ch = db_int64(st, 4);
	snprintf(s->state, sizeof s->state, "%s", db_text(st, 5));
	s->used_ch = db_int64(st, 6);
	snprintf(s->returned_on, sizeof s->returned_on, "%s", db_text(st, 7));
	*o->found = 1;
	return STATUS_OK;
}

NEOERR *store_ledger_sharing(struct db *db, int64_t request_id, struct store_sharing_row *out, int *found)
{
	struct sharing_out o = { out, found };

	memset(out, 0, sizeof *out);
	out->request_id = request_id;
	*found = 0;
	return nerr_pass(
		query_rows(db,
			   "SELECT program, recipient_id, week_hours, requested_ch, "
			   "coalesce(certified_ch, -1), state, coalesce(used_ch, -1), coalesce(returned_on, '') "
			   "FROM leave_sharing WHERE request_id = ?1",
			   QUERY_VALUES(DB_INT(request_id)), read_sharing, &o));
}

NEOERR *store_ledger_open_application(struct db *db, int64_t recipient_id, const char *program, int64_t *id)
{
	return nerr_pass(query_int64(db,
				     "SELECT request_id FROM leave_sharing WHERE recipient_id = ?1 "
				     "AND program = ?2 AND state = 'open' ORDER BY request_id DESC LIMIT 1",
				     QUERY_VALUES(DB_INT(recipient_id), DB_TEXT(program)), id, NULL));
}

NEOERR *store_ledger_apply(struct db *db, int64_t request_id, const char *program, int64_t recipient_id,
			   const char *week_hours, int64_t requested_ch)
{
	/* A replaced application starts over, as a new row would. */
	return nerr_pass(
		query_run(db,
			  "INSERT INTO leave_sharing(request_id, program, recipient_id, week_hours, requested_ch, "
			  "state) VALUES (?1, ?2, ?3, ?4, ?5, 'applied') ON CONFLICT (request_id) DO UPDATE SET "
			  "program = excluded.program, recipient_id = excluded.recipient_id, "
			  "week_hours = excluded.week_hours, requested_ch = excluded.requested_ch, state = 'applied', "
			  "certified_ch = NULL, used_ch = NULL, returned_on = NULL",
			  QUERY_VALUES(DB_INT(request_id), DB_TEXT(program), DB_INT(recipient_id), DB_TEXT(week_hours),
				       DB_INT(requested_ch))));
}

NEOERR *store_ledger_certify(struct db *db, int64_t request_id, int64_t certified_ch)
{
	return nerr_pass(query_run(db,
				   "UPDATE leave_sharing SET certified_ch = ?2, state = 'open' WHERE request_id = ?1",
				   QUERY_VALUES(DB_INT(request_id), DB_INT(certified_ch))));
}

NEOERR *store_ledger_close_applied(struct db *db, int64_t request_id)
{
	return nerr_pass(
		query_run(db, "UPDATE leave_sharing SET state = 'closed' WHERE request_id = ?1 AND state = 'applied'",
			  QUERY_VALUES(DB_INT(request_id))));
}

NEOERR *store_ledger_close_returned(struct db *db, int64_t request_id, int64_t used_ch, const char *returned_on)
{
	return nerr_pass(query_run(db,
				   "UPDATE leave_sharing SET state = 'closed', used_ch = ?2, returned_on = ?3 "
				   "WHERE request_id = ?1",
				   QUERY_VALUES(DB_INT(request_id), DB_INT(used_ch), DB_TEXT(returned_on))));
}

/* ---- Donations ---- */

struct donations_each {
	NEOERR *(*each)(void *ctx, const struct store_donation_row *row);
	void *ctx;
};

static NEOERR *read_donation(struct db_stmt *st, void *ctx)
{
	const struct donations_each *e = ctx;
	struct store_donation_row r = {
		.request_id = db_int64(st, 0),
		.donor_id = db_int64(st, 1),
		.donor_name = db_text(st, 2),
		.donor_employee_id = db_text(st, 3),
		.hours_ch = db_int64(st, 4),
		.transferred_ch = db_int64(st, 5),
		.restored_ch = db_int64(st, 6),
		.status = db_text(st, 7),
		.received_at = db_text(st, 8),
	};

	return nerr_pass(e->each(e->ctx, &r));
}

NEOERR *store_ledger_donations(struct db *db, int64_t application_id,
			       NEOERR *(*each)(void *ctx, const struct store_donation_row *row), void *ctx)
{
	struct donations_each e = { each, ctx };

	return nerr_pass(
		query_rows(db,
			   "SELECT d.request_id, d.donor_id, u.name, u.employee_id, d.hours_ch, "
			   "coalesce(d.transferred_ch, -1), d.restored_ch, r.status, coalesce(d.received_at, '') "
			   "FROM leave_donations d JOIN users u ON u.id = d.donor_id "
			   "JOIN requests r ON r.id = d.request_id WHERE d.application_id = ?1 "
			   "AND d.received_seq IS NOT NULL ORDER BY d.received_seq",
			   QUERY_VALUES(DB_INT(application_id)), read_donation, &e));
}

NEOERR *store_ledger_add_donation(struct db *db, int64_t request_id, int64_t application_id, int64_t donor_id,
				  int64_t hours_ch, const char *received_at)
{
	/* The next in order of receipt; a replaced donation starts over. */
	return nerr_pass(query_run(
		db,
		"INSERT INTO leave_donations(request_id, application_id, donor_id, hours_ch, "
		"received_seq, received_at) VALUES (?1, ?2, ?3, ?4, (SELECT coalesce(max(received_seq), 0) + 1 "
		"FROM leave_donations WHERE application_id = ?2), ?5) ON CONFLICT (request_id) DO UPDATE SET "
		"application_id = excluded.application_id, donor_id = excluded.donor_id, "
		"hours_ch = excluded.hours_ch, received_seq = excluded.received_seq, "
		"received_at = excluded.received_at, transferred_ch = NULL, restored_ch = 0",
		QUERY_VALUES(DB_INT(request_id), DB_INT(application_id), DB_INT(donor_id), DB_INT(hours_ch),
			     DB_TEXT(received_at))));
}

NEOERR *store_ledger_donation_application(struct db *db, int64_t request_id, int64_t *application_id)
{
	return nerr_pass(query_int64(db, "SELECT application_id FROM leave_donations WHERE request_id = ?1",
				     QUERY_VALUES(DB_INT(request_id)), application_id, NULL));
}

NEOERR *store_ledger_set_transferred(struct db *db, int64_t request_id, int64_t transferred_ch)
{
	return nerr_pass(query_run(db, "UPDATE leave_donations SET transferred_ch = ?2 WHERE request_id = ?1",
				   QUERY_VALUES(DB_INT(request_id), DB_INT(transferred_ch))));
}

NEOERR *store_ledger_add_restored(struct db *db, int64_t request_id, int64_t restored_ch)
{
	return nerr_pass(query_run(db,
				   "UPDATE leave_donations SET restored_ch = restored_ch + ?2 WHERE request_id = ?1",
				   QUERY_VALUES(DB_INT(request_id), DB_INT(restored_ch))));
}

struct view_out {
	struct store_donation_view *v;
	int *found;
};

static NEOERR *read_view(struct db_stmt *st, void *ctx)
{
	const struct view_out *o = ctx;
	struct store_donation_view *v = o->v;

	snprintf(v->recipient_name, sizeof v->recipient_name, "%s", db_text(st, 0));
	snprintf(v->recipient_employee_id, sizeof v->recipient_employee_id, "%s", db_text(st, 1));
	v->application_id = db_int64(st, 2);
	v->transferred_ch = db_int64(st, 3);
	v->restored_ch = db_int64(st, 4);
	*o->found = 1;
	return STATUS_OK;
}

NEOERR *store_ledger_donation_view(struct db *db, int64_t request_id, struct store_donation_view *out, int *found)
{
	struct view_out o = { out, found };

	memset(out, 0, sizeof *out);
	*found = 0;
	return nerr_pass(query_rows(db,
				    "SELECT u.name, u.employee_id, d.application_id, coalesce(d.transferred_ch, -1), "
				    "d.restored_ch FROM leave_donations d JOIN leave_sharing s "
				    "ON s.request_id = d.application_id JOIN users u ON u.id = s.recipient_id "
				    "WHERE d.request_id = ?1",
				    QUERY_VALUES(DB_INT(request_id)), read_view, &o));
}

/* ---- The ledger ---- */

NEOERR *store_ledger_entry(struct db *db, int64_t application_id, int64_t donation_id, int64_t user_id,
			   const char *program, const char *entry, int64_t hours_ch, const char *at, int64_t actor_id)
{
	return nerr_pass(query_run(db,
				   "INSERT INTO leave_ledger(application_id, donation_id, user_id, program, entry, "
				   "hours_ch, at, actor_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
				   QUERY_VALUES(DB_INT(application_id), DB_INT(donation_id), DB_INT(user_id),
						DB_TEXT(program), DB_TEXT(entry), DB_INT(hours_ch), DB_TEXT(at),
						actor_id ? DB_INT(actor_id) : DB_NULL)));
}

struct balance_out {
	int64_t *received, *returned;
};

static NEOERR *read_balance(struct db_stmt *st, void *ctx)
{
	const struct balance_out *o = ctx;

	*o->received = db_int64(st, 0);
	*o->returned = db_int64(st, 1);
	return STATUS_OK;
}

NEOERR *store_ledger_balance(struct db *db, int64_t application_id, int64_t user_id, int64_t *received,
			     int64_t *returned)
{
	struct balance_out o = { received, returned };

	*received = *returned = 0;
	return nerr_pass(
		query_rows(db,
			   "SELECT coalesce(sum(CASE WHEN entry = 'transfer' THEN hours_ch END), 0), "
			   "coalesce(-sum(CASE WHEN entry = 'restore' THEN hours_ch END), 0) FROM leave_ledger "
			   "WHERE application_id = ?1 AND user_id = ?2",
			   QUERY_VALUES(DB_INT(application_id), DB_INT(user_id)), read_balance, &o));
}
