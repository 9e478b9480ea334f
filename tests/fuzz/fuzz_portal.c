/* A portal process in memory for the request-serving harnesses (see
 * fuzz_portal.h). */
#include "fuzz_portal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/db.h"
#include "core/errors.h"
#include "fuzz.h"
#include "corpus/import.h"
#include "web/pagecache.h"
#include "web/render.h"
#include "web/router.h"
#include "search/search.h"
#include "people/users.h"

extern char **environ;

static struct app app;
static char tmpdir[512];
static const char *body;
static size_t body_len, body_pos;
static STRING *out; /* where the portal writes */

static int read_cb(void *data, char *buf, int len)
{
	size_t n = body_len - body_pos;

	(void)data;
	if (len < 0)
		return -1;
	if (n > (size_t)len)
		n = (size_t)len;
	memcpy(buf, body + body_pos, n);
	body_pos += n;
	return (int)n;
}

static int writef_cb(void *data, const char *fmt, va_list ap)
{
	(void)data;
	return string_appendvf(out, fmt, ap) == STATUS_OK ? 0 : -1;
}

static int write_cb(void *data, const char *buf, int len)
{
	NEOERR *err = string_appendn(out, buf, len);

	(void)data;
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return -1;
	}
	return len;
}

static char *getenv_cb(void *data, const char *name)
{
	const char *v = getenv(name);

	(void)data;
	return v ? strdup(v) : NULL;
}

static int putenv_cb(void *data, const char *name, const char *value)
{
	(void)data;
	(void)name;
	(void)value;
	return 1;
}

static int iterenv_cb(void *data, int n, char **key, char **value)
{
	const char *eq;

	(void)data;
	*key = *value = NULL;
	for (int i = 0; i <= n; i++)
		if (environ[i] == NULL)
			return 0;
	eq = strchr(environ[n], '=');
	if (eq == NULL)
		return 0;
	*key = strndup(environ[n], (size_t)(eq - environ[n]));
	*value = strdup(eq + 1);
	return 0;
}

/* Remove the database and its directory when the fuzzer exits. */
static void cleanup(void)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	char path[sizeof tmpdir + 32];

	pagecache_clear();
	render_cache_clear();
	search_cache_clear();
	app_close(&app);
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/hrportal.db%s", tmpdir, suffixes[i]);
		unlink(path);
	}
	rmdir(tmpdir);
}

void fuzz_die(NEOERR *err, const char *what)
{
	STRING s;

	string_init(&s);
	nerr_error_traceback(err, &s);
	fprintf(stderr, "fuzz: %s: %s\n", what, s.buf ? s.buf : "");
	exit(1);
}

/* The demo people, so signed-in pages (forms, requests, inbox) are reached
 * as an employee, a supervisor and HR. */
static NEOERR *seed_users(struct db *db)
{
	static const struct {
		const char *login, *eid, *supervisor;
		enum user_role role;
	} people[] = {
		{ "msmith", "100101", NULL, USER_SUPERVISOR },
		{ "jdoe", "100234", "msmith", USER_EMPLOYEE },
		{ "hradmin", "100500", NULL, USER_HR },
	};
	int64_t id = 0, authority = 0;
	NEOERR *err = db_begin(db);

	for (size_t i = 0; i < sizeof people / sizeof people[0] && err == STATUS_OK; i++) {
		struct user u;

		memset(&u, 0, sizeof u);
		snprintf(u.login, sizeof u.login, "%s", people[i].login);
		snprintf(u.employee_id, sizeof u.employee_id, "%s", people[i].eid);
		snprintf(u.name, sizeof u.name, "Demo %s", people[i].login);
		snprintf(u.email, sizeof u.email, "%s@example.invalid", people[i].login);
		snprintf(u.agency, sizeof u.agency, "Personnel Cabinet");
		u.role = people[i].role;
		u.active = 1;
		err = users_save(db, &u, people[i].supervisor, &id);
		if (i == 0)
			authority = id;
	}
	if (err == STATUS_OK)
		err = users_set_appointing_authority(db, "Personnel Cabinet", authority);
	if (err == STATUS_OK)
		err = db_commit(db);
	if (err != STATUS_OK)
		db_rollback(db);
	return nerr_pass(err);
}

struct app *fuzz_portal_open(const char *name, enum fuzz_portal_content content)
{
	const char *base = getenv("TMPDIR");
	char dir[sizeof tmpdir], path[4096], corpus[4096], templates[4096];
	struct db *db = NULL;
	struct import_stats stats;
	NEOERR *err;

	if (base == NULL || *base == '\0')
		base = P_tmpdir;
	if ((size_t)snprintf(dir, sizeof dir, "%s/hrportal-%s-XXXXXX", base, name) >= sizeof dir ||
	    mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(path, sizeof path, "%s/hrportal.db", dir);
	snprintf(corpus, sizeof corpus, "%s/db/corpus", fuzz_srcdir());
	snprintf(templates, sizeof templates, "%s/templates", fuzz_srcdir());
	err = errors_init();
	if (err == STATUS_OK)
		err = db_open(path, DB_CREATE_MIGRATE, &db);
	if (err == STATUS_OK && content == FUZZ_PORTAL_CORPUS)
		err = import_corpus_dir(db, corpus, &stats);
	if (err == STATUS_OK && content == FUZZ_PORTAL_CORPUS)
		err = seed_users(db);
	if (err != STATUS_OK)
		fuzz_die(err, "making the database");
	db_close(&db);
	setenv("HRPORTAL_DB", path, 1);
	setenv("HRPORTAL_TEMPLATES", templates, 1);
	setenv("HRPORTAL_TEST_CLOCK", "1", 1);
	err = app_open(&app);
	if (err != STATUS_OK)
		fuzz_die(err, "opening the portal");
	memcpy(tmpdir, dir, sizeof dir);
	atexit(cleanup);
	cgiwrap_init_emu(NULL, read_cb, writef_cb, write_cb, getenv_cb, putenv_cb, iterenv_cb);
	return &app;
}

void fuzz_portal_serve(char **env, const char *data, size_t len, server_handler handler, void *ctx, int cache,
		       STRING *response)
{
	char **saved = environ;

	body = data;
	body_len = len;
	body_pos = 0;
	out = response;
	environ = env;
	server_serve_one(&app.settings, &app, handler ? handler : router_handle, ctx,
			 cache ? &(struct server_cache){ pagecache_answer, pagecache_offer } : NULL);
	environ = saved;
	out = NULL;
}

int fuzz_find_header(const char *head, const char *name, char *value, size_t valuesz)
{
	size_t n = strlen(name);

	for (const char *p = head; p && *p && strncmp(p, "\r\n", 2) != 0; p = strstr(p, "\r\n"), p = p ? p + 2 : NULL)
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char *v = p + n + 1, *end = strstr(v, "\r\n");

			while (*v == ' ')
				v++;
			snprintf(value, valuesz, "%.*s", end ? (int)(end - v) : 0, v);
			return 1;
		}
	return 0;
}
