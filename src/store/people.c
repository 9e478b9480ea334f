#include "store/people.h"

#include <stdio.h>
#include <string.h>

#include "store/query.h"

#define PERSON_COLUMNS                                                      \
	"u.id, u.login, u.employee_id, u.name, u.email, u.agency, u.role, " \
	"coalesce(u.supervisor_id, 0), u.active"

/* Columns first..first+8 of PERSON_COLUMNS into p. */
static void read_person(struct db_stmt *st, int first, struct store_person *p)
{
	memset(p, 0, sizeof *p);
	p->id = db_int64(st, first);
	snprintf(p->login, sizeof p->login, "%s", db_text(st, first + 1));
	snprintf(p->employee_id, sizeof p->employee_id, "%s", db_text(st, first + 2));
	snprintf(p->name, sizeof p->name, "%s", db_text(st, first + 3));
	snprintf(p->email, sizeof p->email, "%s", db_text(st, first + 4));
	snprintf(p->agency, sizeof p->agency, "%s", db_text(st, first + 5));
	snprintf(p->role, sizeof p->role, "%s", db_text(st, first + 6));
	p->supervisor_id = db_int64(st, first + 7);
	p->active = db_int(st, first + 8);
}

/* A one-row lookup whose only parameter is key. */
static NEOERR *lookup(struct db *db, const char *sql, struct db_value key, struct store_person *out, int *found)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, sql, &st);

	memset(out, 0, sizeof *out);
	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, key);
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		read_person(st, 0, out);
		*found = 1;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_people_by_login(struct db *db, const char *login, struct store_person *out, int *found)
{
	return nerr_pass(lookup(db, "SELECT " PERSON_COLUMNS " FROM users u WHERE u.login = ?1 AND u.active = 1",
				DB_TEXT(login), out, found));
}

NEOERR *store_people_by_id(struct db *db, int64_t id, struct store_person *out, int *found)
{
	return nerr_pass(lookup(db, "SELECT " PERSON_COLUMNS " FROM users u WHERE u.id = ?1 AND u.active = 1",
				DB_INT(id), out, found));
}

NEOERR *store_people_by_employee_id(struct db *db, const char *employee_id, struct store_person *out, int *found)
{
	return nerr_pass(lookup(db, "SELECT " PERSON_COLUMNS " FROM users u WHERE u.employee_id = ?1 AND u.active = 1",
				DB_TEXT(employee_id), out, found));
}

NEOERR *store_people_appointing_authority(struct db *db, const char *agency, struct store_person *out, int *found)
{
	return nerr_pass(lookup(db,
				"SELECT " PERSON_COLUMNS " FROM appointing_authorities a "
				"JOIN users u ON u.id = a.user_id WHERE a.agency = ?1 AND u.active = 1",
				DB_TEXT(agency), out, found));
}

NEOERR *store_people_hr(struct db *db, const char *agency, int max,
			NEOERR *(*each)(void *ctx, const struct store_person *row), void *ctx)
{
	struct db_stmt *st;
	int row = 0, n = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT " PERSON_COLUMNS " FROM users u WHERE u.role = 'hr' AND u.active = 1 "
			      "ORDER BY u.agency <> ?1, u.id",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(agency ? agency : ""));
	while (err == STATUS_OK && n < max && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_person p;

		read_person(st, 0, &p);
		err = each(ctx, &p);
		n++;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_people_is_above(struct db *db, int64_t candidate_id, int64_t user_id, int *above)
{
	struct db_stmt *st;
	int row = 0;
	/* Bounded walk up the chain: a loop in bad data cannot hang us. */
	NEOERR *err = db_stmt(db,
			      "WITH RECURSIVE up(id, depth) AS (SELECT supervisor_id, 1 FROM users WHERE id = ?1 "
			      "UNION ALL SELECT u.supervisor_id, up.depth + 1 FROM users u JOIN up ON u.id = up.id "
			      "WHERE up.depth < 32) SELECT 1 FROM up WHERE id = ?2 LIMIT 1",
			      &st);

	*above = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_INT(user_id), DB_INT(candidate_id));
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	*above = err == STATUS_OK && row;
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_people_save(struct db *db, const struct store_person *p, int64_t *id)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db,
			      "INSERT INTO users(login, employee_id, name, email, agency, role, supervisor_id, active) "
			      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1) ON CONFLICT (login) DO UPDATE SET "
			      "employee_id = excluded.employee_id, name = excluded.name, email = excluded.email, "
			      "agency = excluded.agency, role = excluded.role, supervisor_id = excluded.supervisor_id, "
			      "active = 1 RETURNING id",
			      &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind(db, st, DB_TEXT(p->login), DB_TEXT(p->employee_id), DB_TEXT(p->name), DB_TEXT(p->email),
		      DB_TEXT(p->agency), DB_TEXT(p->role), p->supervisor_id ? DB_INT(p->supervisor_id) : DB_NULL);
	if (err == STATUS_OK)
		return nerr_pass(db_insert(db, st, id));
	db_done(st);
	return nerr_pass(err);
}

NEOERR *store_people_set_appointing_authority(struct db *db, const char *agency, int64_t user_id)
{
	return nerr_pass(query_exec(db,
				    "INSERT INTO appointing_authorities(agency, user_id) VALUES (?1, ?2) "
				    "ON CONFLICT (agency) DO UPDATE SET user_id = excluded.user_id",
				    DB_TEXT(agency), DB_INT(user_id)));
}

NEOERR *store_people_each(struct db *db, NEOERR *(*each)(void *ctx, const struct store_people_entry *row), void *ctx)
{
	struct db_stmt *st = NULL;
	int row = 0;
	NEOERR *err = db_stmt(db,
			      "SELECT " PERSON_COLUMNS ", coalesce(s.login, ''), "
			      "EXISTS (SELECT 1 FROM appointing_authorities a WHERE a.user_id = u.id) "
			      "FROM users u LEFT JOIN users s ON s.id = u.supervisor_id ORDER BY u.login",
			      &st);

	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		struct store_people_entry e;

		read_person(st, 0, &e.person);
		snprintf(e.supervisor_login, sizeof e.supervisor_login, "%s", db_text(st, 9));
		e.appointing_authority = db_int(st, 10);
		err = each(ctx, &e);
	}
	db_done(st);
	return nerr_pass(err);
}
