/* hrportal-admin: the operator's tool for people and deadlines.
 *
 *   hrportal-admin [--db PATH] [--templates DIR] COMMAND ...
 *
 *   seed-demo      create (or refresh) the demo accounts used by the
 *                  development and test servers: jdoe (employee), msmith
 *                  (her supervisor), dlee (his supervisor), kbrown (their
 *                  appointing authority) and hradmin (HR). Idempotent.
 *   add-user --login L --employee-id N --name NAME --email ADDR --agency A
 *            --role employee|supervisor|hr [--supervisor LOGIN]
 *            [--appointing-authority]
 *                  add or update a user (by login); with
 *                  --appointing-authority the user becomes the appointing
 *                  authority of the agency.
 *   list-users     one line per user.
 *   escalate [--now 2027-01-05T09:00:00Z]
 *                  move every grievance whose deadline has passed to its
 *                  next level (and send the emails); run it from cron each
 *                  morning. --now replaces the clock (tests).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db.h"
#include "store/people.h"
#include "core/errors.h"
#include "core/log.h"
#include "web/render.h"
#include "core/settings.h"
#include "people/users.h"
#include "forms/workflow.h"

static void usage(void)
{
	fputs("usage: hrportal-admin [--db PATH] [--templates DIR] seed-demo\n"
	      "       hrportal-admin [--db PATH] add-user --login L --employee-id N --name NAME --email ADDR\n"
	      "                      --agency A --role employee|supervisor|hr [--supervisor LOGIN] [--appointing-authority]\n"
	      "       hrportal-admin [--db PATH] list-users\n"
	      "       hrportal-admin [--db PATH] [--templates DIR] escalate [--now YYYY-MM-DDTHH:MM:SSZ]\n",
	      stderr);
}

static void fill(struct user *u, const char *login, const char *eid, const char *name, const char *email,
		 const char *agency, enum user_role role)
{
	memset(u, 0, sizeof *u);
	snprintf(u->login, sizeof u->login, "%s", login);
	snprintf(u->employee_id, sizeof u->employee_id, "%s", eid);
	snprintf(u->name, sizeof u->name, "%s", name);
	snprintf(u->email, sizeof u->email, "%s", email);
	snprintf(u->agency, sizeof u->agency, "%s", agency);
	u->role = role;
}

static NEOERR *seed_demo_in_tx(struct db *db, void *ctx)
{
	static const char agency[] = "Personnel Cabinet";
	static const struct {
		const char *login, *eid, *name, *email, *supervisor;
		enum user_role role;
	} people[] = {
		/* Supervisors before the people who report to them. */
		{ "kbrown", "100010", "Karen Brown", "kbrown@example.ky.gov", NULL, USER_SUPERVISOR },
		{ "dlee", "100020", "David Lee", "dlee@example.ky.gov", "kbrown", USER_SUPERVISOR },
		{ "msmith", "100101", "Mark Smith", "msmith@example.ky.gov", "dlee", USER_SUPERVISOR },
		{ "jdoe", "100234", "Jane Doe", "jdoe@example.ky.gov", "msmith", USER_EMPLOYEE },
		{ "hradmin", "100500", "Pat Rivera", "hradmin@example.ky.gov", NULL, USER_HR },
	};
	int64_t id = 0, authority = 0;
	NEOERR *err = STATUS_OK;

	(void)ctx;
	for (size_t i = 0; i < sizeof people / sizeof people[0] && err == STATUS_OK; i++) {
		struct user u;

		fill(&u, people[i].login, people[i].eid, people[i].name, people[i].email, agency, people[i].role);
		err = users_save(db, &u, people[i].supervisor, &id);
		if (i == 0)
			authority = id;
	}
	if (err == STATUS_OK)
		err = users_set_appointing_authority(db, agency, authority);
	return nerr_pass(err);
}

static const char *arg_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

struct add_user {
	struct user user;
	const char *supervisor;
	int authority;
	int64_t id;
};

static NEOERR *add_user_in_tx(struct db *db, void *ctx)
{
	struct add_user *a = ctx;
	NEOERR *err = users_save(db, &a->user, a->supervisor, &a->id);

	if (err == STATUS_OK && a->authority)
		err = users_set_appointing_authority(db, a->user.agency, a->id);
	return nerr_pass(err);
}

static NEOERR *add_user(struct db *db, int argc, char **argv, int first)
{
	const char *login = NULL, *eid = NULL, *name = NULL, *email = NULL, *agency = NULL, *role = NULL,
		   *supervisor = NULL;
	int authority = 0;
	struct add_user a = { .id = 0 };
	NEOERR *err;

	for (int i = first; i < argc; i++) {
		const char **slot = NULL;

		if (strcmp(argv[i], "--login") == 0)
			slot = &login;
		else if (strcmp(argv[i], "--employee-id") == 0)
			slot = &eid;
		else if (strcmp(argv[i], "--name") == 0)
			slot = &name;
		else if (strcmp(argv[i], "--email") == 0)
			slot = &email;
		else if (strcmp(argv[i], "--agency") == 0)
			slot = &agency;
		else if (strcmp(argv[i], "--role") == 0)
			slot = &role;
		else if (strcmp(argv[i], "--supervisor") == 0)
			slot = &supervisor;
		else if (strcmp(argv[i], "--appointing-authority") == 0) {
			authority = 1;
			continue;
		}
		if (slot == NULL || (*slot = arg_value(argc, argv, &i)) == NULL)
			return nerr_raise(HR_ERR_BAD_REQUEST, "unexpected argument %s", argv[i]);
	}
	if (!login || !eid || !name || !email || !agency || !role)
		return nerr_raise(HR_ERR_BAD_REQUEST,
				  "add-user needs --login, --employee-id, --name, --email, --agency and --role");
	if (strlen(login) > USER_LOGIN_MAX || strlen(eid) > USER_EMPLOYEE_ID_MAX || strlen(name) > USER_NAME_MAX ||
	    strlen(email) > USER_EMAIL_MAX || strlen(agency) > USER_AGENCY_MAX)
		return nerr_raise(HR_ERR_BAD_REQUEST, "a value is too long");
	fill(&a.user, login, eid, name, email, agency, users_role_parse(role));
	a.supervisor = supervisor;
	a.authority = authority;
	err = db_tx(db, add_user_in_tx, &a);
	if (err == STATUS_OK)
		printf("user %s saved (id %" PRId64 ")\n", login, a.id);
	return nerr_pass(err);
}

static NEOERR *print_user(void *ctx, const struct store_people_entry *e)
{
	const struct store_person *p = &e->person;

	(void)ctx;
	printf("%s\t%s\t%s\t%s\t%s\t%s\tsupervisor=%s%s%s\n", p->login, p->employee_id, p->name, p->email, p->agency,
	       p->role, e->supervisor_login, p->active ? "" : "\tinactive",
	       e->appointing_authority ? "\tappointing-authority" : "");
	return STATUS_OK;
}

static NEOERR *list_users(struct db *db)
{
	return nerr_pass(store_people_each(db, print_user, NULL));
}

static NEOERR *escalate(struct db *db, const struct settings *settings, int argc, char **argv, int first)
{
	time_t now = time(NULL);
	struct workflow_ctx w;
	int total = 0;
	NEOERR *err = STATUS_OK;

	for (int i = first; i < argc; i++) {
		if (strcmp(argv[i], "--now") == 0 && i + 1 < argc) {
			struct tm tm;
			char *end;

			memset(&tm, 0, sizeof tm);
			end = strptime(argv[++i], "%Y-%m-%dT%H:%M:%SZ", &tm);
			if (end == NULL || *end != '\0')
				return nerr_raise(HR_ERR_BAD_REQUEST, "--now wants YYYY-MM-DDTHH:MM:SSZ");
			now = timegm(&tm);
		} else {
			return nerr_raise(HR_ERR_BAD_REQUEST, "unexpected argument %s", argv[i]);
		}
	}
	w.db = db;
	w.settings = settings;
	w.now = now;
	w.actor = NULL;
	/* Each pass handles a bounded batch; repeat until nothing is due. */
	for (int pass = 0; pass < 1000 && err == STATUS_OK; pass++) {
		int changes = 0;

		err = workflow_catch_up(&w, 0, &changes);
		total += changes;
		if (changes == 0)
			break;
	}
	if (err == STATUS_OK)
		printf("escalate: %d deadline step(s) taken\n", total);
	return nerr_pass(err);
}

int main(int argc, char **argv)
{
	struct settings settings;
	struct db *db = NULL;
	const char *db_path, *command = NULL;
	int i;
	NEOERR *err;

	settings_private_files();
	log_set_program("hrportal-admin");
	settings_load(&settings);
	db_path = settings.db_path;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db_path = argv[++i];
		else if (strcmp(argv[i], "--templates") == 0 && i + 1 < argc)
			settings.template_dir = argv[++i];
		else
			break;
	}
	if (i >= argc) {
		usage();
		return 2;
	}
	command = argv[i++];
	err = errors_init();
	if (err == STATUS_OK)
		err = db_open(db_path, DB_CREATE_MIGRATE, &db);
	if (err == STATUS_OK) {
		if (strcmp(command, "seed-demo") == 0 && i == argc)
			err = db_tx(db, seed_demo_in_tx, NULL);
		else if (strcmp(command, "add-user") == 0)
			err = add_user(db, argc, argv, i);
		else if (strcmp(command, "list-users") == 0 && i == argc)
			err = list_users(db);
		else if (strcmp(command, "escalate") == 0)
			err = escalate(db, &settings, argc, argv, i);
		else {
			db_close(&db);
			usage();
			return 2;
		}
	}
	db_close(&db);
	render_cache_clear();
	if (err != STATUS_OK) {
		const char *msg = errors_public_message(err);

		if (msg != NULL) {
			fprintf(stderr, "hrportal-admin: %s\n", msg);
			nerr_ignore(&err);
		} else {
			log_neoerr(&err, command);
		}
		return 1;
	}
	return 0;
}
