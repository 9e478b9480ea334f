/* fuzz_request: the portal's request handling as a FastCGI process runs it
 * (server_serve_one: page cache, request_begin, router_handle with the real
 * route table, request_write), on a fuzzed CGI environment and body, against
 * a database imported from the real corpus, with three demo users.
 *
 * Input: newline-separated values, in this order (a missing or empty line
 * leaves the variable unset), then the body:
 *   REQUEST_METHOD, PATH_INFO, QUERY_STRING, CONTENT_TYPE, CONTENT_LENGTH
 *   (empty: the body's length), HTTP_COOKIE, REMOTE_USER,
 *   HTTP_X_HRPORTAL_NOW, HTTP_ORIGIN, HTTP_REFERER, HTTP_ACCEPT_LANGUAGE,
 *   HTTP_HOST
 *
 * Properties: every response is complete (a status line, the security
 * headers, a Content-Length equal to the body written, no body for HEAD),
 * and bad input is a 4xx, never a 500. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ClearSilver.h>

#include "app.h"
#include "db.h"
#include "errors.h"
#include "fuzz.h"
#include "import.h"
#include "pagecache.h"
#include "render.h"
#include "router.h"
#include "server.h"
#include "users.h"

extern char **environ;

static const char *const fields[] = {
	"REQUEST_METHOD", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE", "CONTENT_LENGTH",
	"HTTP_COOKIE", "REMOTE_USER", "HTTP_X_HRPORTAL_NOW", "HTTP_ORIGIN", "HTTP_REFERER",
	"HTTP_ACCEPT_LANGUAGE", "HTTP_HOST",
};
#define N_FIELDS (sizeof fields / sizeof fields[0])
#define MAX_ENV (N_FIELDS + 16)

static struct app app;
static char *env[MAX_ENV];     /* the request's environment (environ while it runs) */
static const char *body;
static size_t body_len, body_pos;
static STRING out;             /* what the portal wrote */

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
	return string_appendvf(&out, fmt, ap) == STATUS_OK ? 0 : -1;
}

static int write_cb(void *data, const char *buf, int len)
{
	NEOERR *err = string_appendn(&out, buf, len);

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
	(void)data; (void)name; (void)value;
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

static char tmpdir[512];

/* Remove the database and its directory when the fuzzer exits. */
static void cleanup(void)
{
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	char path[sizeof tmpdir + 32];

	pagecache_clear();
	render_cache_clear();
	app_close(&app);
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/hrportal.db%s", tmpdir, suffixes[i]);
		unlink(path);
	}
	rmdir(tmpdir);
}

static void die(NEOERR *err, const char *what)
{
	STRING s;

	string_init(&s);
	nerr_error_traceback(err, &s);
	fprintf(stderr, "fuzz_request: %s: %s\n", what, s.buf ? s.buf : "");
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
	long long id = 0, authority = 0;
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

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *base = getenv("TMPDIR");
	char dir[sizeof tmpdir], path[4096], corpus[4096], templates[4096];
	struct db *db = NULL;
	struct import_stats stats;
	NEOERR *err;

	(void)argc; (void)argv;
	if (base == NULL || *base == '\0')
		base = P_tmpdir;
	if ((size_t)snprintf(dir, sizeof dir, "%s/hrportal-fuzz-XXXXXX", base) >= sizeof dir || mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
	snprintf(path, sizeof path, "%s/hrportal.db", dir);
	snprintf(corpus, sizeof corpus, "%s/db/corpus", fuzz_srcdir());
	snprintf(templates, sizeof templates, "%s/templates", fuzz_srcdir());
	err = errors_init();
	if (err == STATUS_OK)
		err = db_open(path, DB_CREATE_MIGRATE, &db);
	if (err == STATUS_OK)
		err = import_corpus_dir(db, corpus, &stats);
	if (err == STATUS_OK)
		err = seed_users(db);
	if (err != STATUS_OK)
		die(err, "importing the corpus");
	db_close(&db);
	setenv("HRPORTAL_DB", path, 1);
	setenv("HRPORTAL_TEMPLATES", templates, 1);
	setenv("HRPORTAL_TEST_CLOCK", "1", 1);
	err = app_open(&app);
	if (err != STATUS_OK)
		die(err, "opening the portal");
	memcpy(tmpdir, dir, sizeof dir);
	atexit(cleanup);
	cgiwrap_init_emu(NULL, read_cb, writef_cb, write_cb, getenv_cb, putenv_cb, iterenv_cb);
	return 0;
}

/* Split the input into the environment and the body; returns the number
 * of env entries. Strings are allocated in env[]. */
static size_t build_env(const char *text, size_t len)
{
	size_t n = 0, pos = 0;
	char *content_length = NULL, uri[256];
	const char *path = NULL, *query = NULL;

	for (size_t f = 0; f < N_FIELDS; f++) {
		const char *line = text + pos, *nl;
		size_t l;

		if (pos >= len) {
			pos = len;
			break;
		}
		nl = memchr(line, '\n', len - pos);
		l = nl ? (size_t)(nl - line) : len - pos;
		pos += l + (nl ? 1 : 0);
		/* A NUL ends an environment value, as in C. */
		l = strnlen(line, l);
		if (l == 0)
			continue;
		if (asprintf(&env[n], "%s=%.*s", fields[f], (int)l, line) < 0)
			abort();
		if (f == 1)
			path = env[n] + strlen("PATH_INFO=");
		if (f == 2)
			query = env[n] + strlen("QUERY_STRING=");
		if (f == 4)
			content_length = env[n];
		n++;
	}
	body = text + pos;
	body_len = len - pos;
	body_pos = 0;
	if (content_length == NULL && asprintf(&env[n++], "CONTENT_LENGTH=%zu", body_len) < 0)
		abort();
	snprintf(uri, sizeof uri, "%.120s%s%.120s", path ? path : "/", query ? "?" : "", query ? query : "");
	if (asprintf(&env[n++], "REQUEST_URI=%s", uri) < 0)
		abort();
	env[n++] = strdup("GATEWAY_INTERFACE=CGI/1.1");
	env[n++] = strdup("SERVER_PROTOCOL=HTTP/1.1");
	env[n++] = strdup("SERVER_NAME=127.0.0.1");
	env[n++] = strdup("SERVER_PORT=80");
	env[n++] = strdup("REMOTE_ADDR=127.0.0.1");
	env[n++] = strdup("SCRIPT_NAME=");
	env[n] = NULL;
	return n;
}

/* The value of a response header (up to its CRLF) in value, or 0. */
static int find_header(const char *head, const char *name, char *value, size_t valuesz)
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

static void check_response(const char *method)
{
	const char *end;
	char value[1024];
	int status;
	long length;
	size_t head_len, written;

	if (out.buf == NULL || sscanf(out.buf, "Status: %d ", &status) != 1)
		fuzz_fail("no status line in response: %.200s", out.buf ? out.buf : "(nothing)");
	end = strstr(out.buf, "\r\n\r\n");
	if (end == NULL)
		fuzz_fail("response head does not end: %.300s", out.buf);
	head_len = (size_t)(end - out.buf) + 4;
	written = (size_t)out.len - head_len;
	if (status >= 500)
		fuzz_fail("status %d for a request: %.2000s", status, out.buf);
	if (status < 200 || status > 499)
		fuzz_fail("unexpected status %d", status);
	if (!find_header(out.buf, "Content-Security-Policy", value, sizeof value) ||
	    strstr(value, "frame-ancestors 'none'") == NULL || strstr(value, "unsafe-inline") != NULL)
		fuzz_fail("missing or weak Content-Security-Policy: %.500s", out.buf);
	if (!find_header(out.buf, "X-Content-Type-Options", value, sizeof value) ||
	    strcmp(value, "nosniff") != 0 || !find_header(out.buf, "Referrer-Policy", value, sizeof value))
		fuzz_fail("missing security headers: %.500s", out.buf);
	if (!find_header(out.buf, "Content-Length", value, sizeof value))
		fuzz_fail("no Content-Length: %.300s", out.buf);
	length = strtol(value, NULL, 10);
	if (method != NULL && strcmp(method, "HEAD") == 0) {
		if (written != 0)
			fuzz_fail("HEAD response carries %zu bytes of body", written);
	} else if ((size_t)length != written) {
		fuzz_fail("Content-Length %ld but %zu bytes written", length, written);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char **saved = environ;
	const char *method;
	size_t n;

	if (size > 256 * 1024)
		return 0;
	n = build_env((const char *)data, size);
	string_init(&out);
	environ = env;
	method = getenv("REQUEST_METHOD");
	server_serve_one(&app.settings, &app, router_handle, NULL,
			 &(struct server_cache){ pagecache_answer, pagecache_offer });
	check_response(method);
	environ = saved;
	for (size_t i = 0; i < n; i++) {
		free(env[i]);
		env[i] = NULL;
	}
	string_clear(&out);
	return 0;
}
