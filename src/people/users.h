/* users: the people who use the portal, their role and reporting line.
 *
 * Identity is Apache's REMOTE_USER, matched to users.login; a login the
 * portal does not know (or an inactive one) is nobody here. Each user has
 * an employee ID (never a Social Security number), a name and email for
 * mail, an agency, a role (employee, supervisor, hr) and a supervisor. The
 * agency's appointing authority is a user named in appointing_authorities.
 *
 * The struct is fixed-size so a request can carry its user without
 * allocating; values are checked for length when written (users_save). */
#ifndef HR_USERS_H
#define HR_USERS_H

#include <stdint.h>
#include <ClearSilver.h>

#include "store/db.h"

enum user_role {
	USER_NONE = 0,
	USER_EMPLOYEE,
	USER_SUPERVISOR,
	USER_HR,
};

#define USER_LOGIN_MAX 64
#define USER_EMPLOYEE_ID_MAX 16
#define USER_NAME_MAX 128
#define USER_EMAIL_MAX 254
#define USER_AGENCY_MAX 128

struct user {
	int64_t id; /* 0: nobody */
	char login[USER_LOGIN_MAX + 1];
	char employee_id[USER_EMPLOYEE_ID_MAX + 1];
	char name[USER_NAME_MAX + 1];
	char email[USER_EMAIL_MAX + 1];
	char agency[USER_AGENCY_MAX + 1];
	enum user_role role;
	int64_t supervisor_id; /* 0 when none */
	int active;
};

/* "employee", "supervisor", "hr" <-> enum; USER_NONE / NULL when unknown. */
enum user_role users_role_parse(const char *name);
const char *users_role_name(enum user_role role);

/* Look a user up; *found is 0 (and *out zeroed) when there is no such
 * active user. */
NEOERR *users_by_login(struct db *db, const char *login, struct user *out, int *found);
NEOERR *users_by_id(struct db *db, int64_t id, struct user *out, int *found);
NEOERR *users_by_employee_id(struct db *db, const char *employee_id, struct user *out, int *found);

/* The appointing authority of an agency (*found 0 when none is named). */
NEOERR *users_appointing_authority(struct db *db, const char *agency, struct user *out, int *found);

/* The active HR staff, at most max of them, HR of the given agency first. */
NEOERR *users_hr(struct db *db, const char *agency, struct user *out, int max, int *count);

/* Is candidate somewhere above user in the reporting line? */
NEOERR *users_is_above(struct db *db, int64_t candidate_id, int64_t user_id, int *above);

/* Checks a user's fields for users_save: returns NULL when fine, else a
 * sentence naming the first problem. Pure. */
const char *users_check(const struct user *u);

/* Insert or update (by login) a user; supervisor_login may be NULL or ""
 * for none. Returns the row id in *id. Call inside a transaction. */
NEOERR *users_save(struct db *db, const struct user *u, const char *supervisor_login, int64_t *id);

/* Name a user as the appointing authority of an agency (replaces). */
NEOERR *users_set_appointing_authority(struct db *db, const char *agency, int64_t user_id);

#endif
