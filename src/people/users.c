#include "people/users.h"

#include <stdint.h>
#include <ctype.h>
#include <string.h>

#include "core/errors.h"
#include "mail/mail.h"
#include "store/people.h"

/* A user's fields and the store's rows have the same sizes. */
_Static_assert(USER_LOGIN_MAX + 1 == STORE_PEOPLE_LOGIN_SIZE, "login size");
_Static_assert(USER_EMPLOYEE_ID_MAX + 1 == STORE_PEOPLE_EMPLOYEE_ID_SIZE, "employee ID size");
_Static_assert(USER_NAME_MAX + 1 == STORE_PEOPLE_NAME_SIZE, "name size");
_Static_assert(USER_EMAIL_MAX + 1 == STORE_PEOPLE_EMAIL_SIZE, "email size");
_Static_assert(USER_AGENCY_MAX + 1 == STORE_PEOPLE_AGENCY_SIZE, "agency size");

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
	case USER_EMPLOYEE:
		return "employee";
	case USER_SUPERVISOR:
		return "supervisor";
	case USER_HR:
		return "hr";
	default:
		return NULL;
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

static void from_store(const struct store_person *p, struct user *u)
{
	memset(u, 0, sizeof *u);
	u->id = p->id;
	copy_col(u->login, sizeof u->login, p->login);
	copy_col(u->employee_id, sizeof u->employee_id, p->employee_id);
	copy_col(u->name, sizeof u->name, p->name);
	copy_col(u->email, sizeof u->email, p->email);
	copy_col(u->agency, sizeof u->agency, p->agency);
	u->role = users_role_parse(p->role);
	u->supervisor_id = p->supervisor_id;
	u->active = p->active;
}

/* A store lookup's answer as a user (zeroed when not found). */
static NEOERR *found_user(NEOERR *err, const struct store_person *p, struct user *out)
{
	from_store(p, out);
	return nerr_pass(err);
}

NEOERR *users_by_login(struct db *db, const char *login, struct user *out, int *found)
{
	struct store_person p;

	return found_user(store_people_by_login(db, login, &p, found), &p, out);
}

NEOERR *users_by_id(struct db *db, int64_t id, struct user *out, int *found)
{
	struct store_person p;

	return found_user(store_people_by_id(db, id, &p, found), &p, out);
}

NEOERR *users_by_employee_id(struct db *db, const char *employee_id, struct user *out, int *found)
{
	struct store_person p;

	return found_user(store_people_by_employee_id(db, employee_id, &p, found), &p, out);
}

NEOERR *users_appointing_authority(struct db *db, const char *agency, struct user *out, int *found)
{
	struct store_person p;

	return found_user(store_people_appointing_authority(db, agency, &p, found), &p, out);
}

struct hr_list {
	struct user *out;
	int *count;
};

static NEOERR *add_hr(void *ctx, const struct store_person *p)
{
	struct hr_list *l = ctx;

	from_store(p, &l->out[(*l->count)++]);
	return STATUS_OK;
}

NEOERR *users_hr(struct db *db, const char *agency, struct user *out, int max, int *count)
{
	struct hr_list l = { out, count };

	*count = 0;
	return nerr_pass(store_people_hr(db, agency, max, add_hr, &l));
}

NEOERR *users_is_above(struct db *db, int64_t candidate_id, int64_t user_id, int *above)
{
	return nerr_pass(store_people_is_above(db, candidate_id, user_id, above));
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

NEOERR *users_save(struct db *db, const struct user *u, const char *supervisor_login, int64_t *id)
{
	struct user sup;
	struct store_person p;
	int found = 0;
	int64_t new_id = 0;
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
	/* users_check has bounded every field to the store's sizes. */
	memset(&p, 0, sizeof p);
	copy_col(p.login, sizeof p.login, u->login);
	copy_col(p.employee_id, sizeof p.employee_id, u->employee_id);
	copy_col(p.name, sizeof p.name, u->name);
	copy_col(p.email, sizeof p.email, u->email);
	copy_col(p.agency, sizeof p.agency, u->agency);
	copy_col(p.role, sizeof p.role, users_role_name(u->role));
	p.supervisor_id = sup.id;
	err = store_people_save(db, &p, &new_id);
	if (err != STATUS_OK && nerr_match(err, NERR_DB)) {
		/* Most likely another login already has this employee ID. */
		nerr_ignore(&err);
		return nerr_raise(HR_ERR_CONFLICT, "Employee ID %s already belongs to another login.", u->employee_id);
	}
	if (err == STATUS_OK && id != NULL)
		*id = new_id;
	return nerr_pass(err);
}

NEOERR *users_set_appointing_authority(struct db *db, const char *agency, int64_t user_id)
{
	return nerr_pass(store_people_set_appointing_authority(db, agency, user_id));
}
