#include "people/users.h"

#include <ctype.h>
#include <string.h>

#include "core/errors.h"
#include "mail/mail.h"

enum user_role users_role_parse(const char *name)
{
	if (name == NULL)
		return USER_NONE;
	if (strcmp(name, "employee") == 0)
		return USER_EMPLOYEE;
	if (strcmp(name, "supervisor") == 0)
		return USER_SUPERVISOR;
	if (strcmp(name, "hr") == 0)
		return USER_HR;
	return USER_NONE;
}

const char *users_role_name(enum user_role role)
{
	switch (role) {
	case USER_EMPLOYEE: return "employee";
	case USER_SUPERVISOR: return "supervisor";
	case USER_HR: return "hr";
	default: return NULL;
	}
}

static void copy_col(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

#define USER_COLUMNS "id, login, employee_id, name, email, agency, role, coalesce(supervisor_id, 0), active"

static void read_row(struct db_stmt *st, struct user *u)
{
	memset(u, 0, sizeof *u);
	u->id = db_int64(st, 0);
	copy_col(u->login, sizeof u->login, db_text(st, 1));
	copy_col(u->employee_id, sizeof u->employee_id, db_text(st, 2));
	copy_col(u->name, sizeof u->name, db_text(st, 3));
	copy_col(u->email, sizeof u->email, db_text(st, 4));
	copy_col(u->agency, sizeof u->agency, db_text(st, 5));
	u->role = users_role_parse(db_text(st, 6));
	u->supervisor_id = db_int64(st, 7);
	u->active = db_int(st, 8);
}

/* Run a one-row lookup whose first parameter is text or an id. */
static NEOERR *lookup(struct db *db, const char *sql, const char *text, long long id,
		      struct user *out, int *found)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, sql, &st);

	memset(out, 0, sizeof *out);
	*found = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = text ? db_bind_text(db, st, 1, text) : db_bind_int(db, st, 1, id);
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row) {
		read_row(st, out);
		*found = 1;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *users_by_login(struct db *db, const char *login, struct user *out, int *found)
{
	return nerr_pass(lookup(db, "SELECT " USER_COLUMNS " FROM users WHERE login = ?1 AND active = 1",
				login, 0, out, found));
}

NEOERR *users_by_id(struct db *db, long long id, struct user *out, int *found)
{
	return nerr_pass(lookup(db, "SELECT " USER_COLUMNS " FROM users WHERE id = ?1 AND active = 1",
				NULL, id, out, found));
}

NEOERR *users_by_employee_id(struct db *db, const char *employee_id, struct user *out, int *found)
{
	return nerr_pass(lookup(db, "SELECT " USER_COLUMNS " FROM users WHERE employee_id = ?1 AND active = 1",
				employee_id, 0, out, found));
}

NEOERR *users_appointing_authority(struct db *db, const char *agency, struct user *out, int *found)
{
	return nerr_pass(lookup(db, "SELECT u.id, u.login, u.employee_id, u.name, u.email, u.agency, u.role, "
				"coalesce(u.supervisor_id, 0), u.active FROM appointing_authorities a "
				"JOIN users u ON u.id = a.user_id WHERE a.agency = ?1 AND u.active = 1",
				agency, 0, out, found));
}

NEOERR *users_hr(struct db *db, const char *agency, struct user *out, int max, int *count)
{
	struct db_stmt *st;
	int row = 0;
	NEOERR *err = db_stmt(db, "SELECT " USER_COLUMNS " FROM users WHERE role = 'hr' AND active = 1 "
			      "ORDER BY agency <> ?1, id", &st);

	*count = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_text(db, st, 1, agency ? agency : "");
	while (err == STATUS_OK && *count < max) {
		err = db_step(db, st, &row);
		if (err != STATUS_OK || !row)
			break;
		read_row(st, &out[(*count)++]);
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *users_is_above(struct db *db, long long candidate_id, long long user_id, int *above)
{
	struct db_stmt *st;
	int row = 0;
	/* Bounded walk up the chain: a loop in bad data cannot hang us. */
	NEOERR *err = db_stmt(db, "WITH RECURSIVE up(id, depth) AS (SELECT supervisor_id, 1 FROM users WHERE id = ?1 "
			      "UNION ALL SELECT u.supervisor_id, up.depth + 1 FROM users u JOIN up ON u.id = up.id "
			      "WHERE up.depth < 32) SELECT 1 FROM up WHERE id = ?2 LIMIT 1", &st);

	*above = 0;
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_int(db, st, 1, user_id);
	if (err == STATUS_OK)
		err = db_bind_int(db, st, 2, candidate_id);
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	*above = row;
	db_done(st);
	return nerr_pass(err);
}

static int printable(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n > max)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

const char *users_check(const struct user *u)
{
	size_t n;

	if (!printable(u->login, USER_LOGIN_MAX))
		return "The login must be 1 to 64 printable characters.";
	for (const char *p = u->login; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_' && *p != '-' && *p != '@')
			return "The login may only contain letters, digits, '.', '_', '-' and '@'.";
	n = strlen(u->employee_id);
	/* Employee IDs are 5 to 8 digits; a 9-digit number would be a Social
	 * Security number, which the portal never stores. */
	if (n < 5 || n > 8 || strspn(u->employee_id, "0123456789") != n)
		return "The employee ID must be 5 to 8 digits (never a Social Security number).";
	if (!printable(u->name, USER_NAME_MAX))
		return "The name must be 1 to 128 printable characters.";
	if (!printable(u->email, USER_EMAIL_MAX) || !mail_check_address(u->email))
		return "The email address is not valid.";
	if (!printable(u->agency, USER_AGENCY_MAX))
		return "The agency must be 1 to 128 printable characters.";
	if (users_role_name(u->role) == NULL)
		return "The role must be employee, supervisor or hr.";
	return NULL;
}

NEOERR *users_save(struct db *db, const struct user *u, const char *supervisor_login, long long *id)
{
	struct user sup;
	int found = 0, row = 0;
	struct db_stmt *st;
	const char *problem = users_check(u);
	NEOERR *err;

	if (problem != NULL)
		return nerr_raise(HR_ERR_BAD_REQUEST, "%s", problem);
	memset(&sup, 0, sizeof sup);
	if (supervisor_login != NULL && *supervisor_login != '\0') {
		err = users_by_login(db, supervisor_login, &sup, &found);
		if (err != STATUS_OK)
			return nerr_pass(err);
		if (!found)
			return nerr_raise(HR_ERR_BAD_REQUEST, "There is no active user %s to be the supervisor.",
					  supervisor_login);
		if (strcmp(sup.login, u->login) == 0)
			return nerr_raise(HR_ERR_BAD_REQUEST, "A user cannot be their own supervisor.");
	}
	err = db_stmt(db, "INSERT INTO users(login, employee_id, name, email, agency, role, supervisor_id, active) "
		      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1) ON CONFLICT(login) DO UPDATE SET "
		      "employee_id = excluded.employee_id, name = excluded.name, email = excluded.email, "
		      "agency = excluded.agency, role = excluded.role, supervisor_id = excluded.supervisor_id, "
		      "active = 1 RETURNING id", &st);
	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_text(db, st, 1, u->login);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, u->employee_id);
	if (err == STATUS_OK) err = db_bind_text(db, st, 3, u->name);
	if (err == STATUS_OK) err = db_bind_text(db, st, 4, u->email);
	if (err == STATUS_OK) err = db_bind_text(db, st, 5, u->agency);
	if (err == STATUS_OK) err = db_bind_text(db, st, 6, users_role_name(u->role));
	if (err == STATUS_OK && sup.id)
		err = db_bind_int(db, st, 7, sup.id);
	if (err == STATUS_OK)
		err = db_step(db, st, &row);
	if (err == STATUS_OK && row && id != NULL)
		*id = db_int64(st, 0);
	db_done(st);
	if (err != STATUS_OK && nerr_match(err, NERR_DB)) {
		/* Most likely another login already has this employee ID. */
		nerr_ignore(&err);
		return nerr_raise(HR_ERR_CONFLICT, "Employee ID %s already belongs to another login.", u->employee_id);
	}
	return nerr_pass(err);
}

NEOERR *users_set_appointing_authority(struct db *db, const char *agency, long long user_id)
{
	struct db_stmt *st;
	NEOERR *err = db_stmt(db, "INSERT INTO appointing_authorities(agency, user_id) VALUES (?1, ?2) "
			      "ON CONFLICT(agency) DO UPDATE SET user_id = excluded.user_id", &st);

	if (err != STATUS_OK)
		return nerr_pass(err);
	err = db_bind_text(db, st, 1, agency);
	if (err == STATUS_OK)
		err = db_bind_int(db, st, 2, user_id);
	if (err == STATUS_OK)
		err = db_run(db, st);
	else
		db_done(st);
	return nerr_pass(err);
}
