/* store/people: the users table (who uses the portal, their role and
 * supervisor) and the appointing authority each agency names.
 *
 * Rows come back as plain structs of fixed-size text, truncated to the
 * sizes below (the people module checks lengths before writing, so a
 * stored value always fits). Lookups see active users only. */
#ifndef HR_STORE_PEOPLE_H
#define HR_STORE_PEOPLE_H

#include <ClearSilver.h>
#include <stdint.h>

#include "store/db.h"

/* Sizes including the NUL (the people module's limits plus one). */
#define STORE_PEOPLE_LOGIN_SIZE 65
#define STORE_PEOPLE_EMPLOYEE_ID_SIZE 17
#define STORE_PEOPLE_NAME_SIZE 129
#define STORE_PEOPLE_EMAIL_SIZE 255
#define STORE_PEOPLE_AGENCY_SIZE 129
#define STORE_PEOPLE_ROLE_SIZE 16

struct store_person {
	int64_t id;
	char login[STORE_PEOPLE_LOGIN_SIZE];
	char employee_id[STORE_PEOPLE_EMPLOYEE_ID_SIZE];
	char name[STORE_PEOPLE_NAME_SIZE];
	char email[STORE_PEOPLE_EMAIL_SIZE];
	char agency[STORE_PEOPLE_AGENCY_SIZE];
	char role[STORE_PEOPLE_ROLE_SIZE]; /* "employee", "supervisor", "hr" */
	int64_t supervisor_id;             /* 0 when none */
	int active;
};

/* One active user by login, id or employee ID; *found is 0 (and *out
 * zeroed) when there is none. */
NEOERR *store_people_by_login(struct db *db, const char *login, struct store_person *out, int *found);
NEOERR *store_people_by_id(struct db *db, int64_t id, struct store_person *out, int *found);
NEOERR *store_people_by_employee_id(struct db *db, const char *employee_id, struct store_person *out, int *found);

/* The active user named as the agency's appointing authority. */
NEOERR *store_people_appointing_authority(struct db *db, const char *agency, struct store_person *out, int *found);

/* The active HR staff, those of agency first, then by id; each is called
 * for at most max of them. */
NEOERR *store_people_hr(struct db *db, const char *agency, int max,
			NEOERR *(*each)(void *ctx, const struct store_person *row), void *ctx);

/* Is candidate_id among the (at most 32) supervisors above user_id? */
NEOERR *store_people_is_above(struct db *db, int64_t candidate_id, int64_t user_id, int *above);

/* Insert or update by login the user p describes (p->id is ignored;
 * supervisor_id 0 is none) and make them active; *id is the row's id.
 * Another login with the same employee ID is NERR_DB. Runs inside the
 * caller's transaction. */
NEOERR *store_people_save(struct db *db, const struct store_person *p, int64_t *id);

/* Name user_id the appointing authority of agency (replacing any other).
 * Runs inside the caller's transaction. */
NEOERR *store_people_set_appointing_authority(struct db *db, const char *agency, int64_t user_id);

/* Every user, active or not, by login, for the operator. */
struct store_people_entry {
	struct store_person person;
	char supervisor_login[STORE_PEOPLE_LOGIN_SIZE]; /* "" when none */
	int appointing_authority;                       /* of some agency */
};
NEOERR *store_people_each(struct db *db, NEOERR *(*each)(void *ctx, const struct store_people_entry *row), void *ctx);

#endif
