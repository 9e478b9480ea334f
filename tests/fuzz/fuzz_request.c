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

#include <ClearSilver.h>

#include "fuzz.h"
#include "fuzz_portal.h"

static const char *const fields[] = {
	"REQUEST_METHOD", "PATH_INFO",           "QUERY_STRING", "CONTENT_TYPE", "CONTENT_LENGTH",       "HTTP_COOKIE",
	"REMOTE_USER",    "HTTP_X_HRPORTAL_NOW", "HTTP_ORIGIN",  "HTTP_REFERER", "HTTP_ACCEPT_LANGUAGE", "HTTP_HOST",
};
#define N_FIELDS (sizeof fields / sizeof fields[0])
#define MAX_ENV (N_FIELDS + 16)

static char *env[MAX_ENV]; /* the request's environment */
static const char *body;
static size_t body_len;
static STRING out; /* what the portal wrote */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_portal_open("fuzz", FUZZ_PORTAL_CORPUS);
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
	if (!fuzz_find_header(out.buf, "Content-Security-Policy", value, sizeof value) ||
	    strstr(value, "frame-ancestors 'none'") == NULL || strstr(value, "unsafe-inline") != NULL)
		fuzz_fail("missing or weak Content-Security-Policy: %.500s", out.buf);
	if (!fuzz_find_header(out.buf, "X-Content-Type-Options", value, sizeof value) ||
	    strcmp(value, "nosniff") != 0 || !fuzz_find_header(out.buf, "Referrer-Policy", value, sizeof value))
		fuzz_fail("missing security headers: %.500s", out.buf);
	if (!fuzz_find_header(out.buf, "Content-Length", value, sizeof value))
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
	const char *method = NULL;
	size_t n;

	if (size > 256 * 1024)
		return 0;
	n = build_env((const char *)data, size);
	for (size_t i = 0; i < n; i++)
		if (strncmp(env[i], "REQUEST_METHOD=", 15) == 0)
			method = env[i] + 15;
	string_init(&out);
	fuzz_portal_serve(env, body, body_len, NULL, NULL, 1, &out);
	check_response(method);
	for (size_t i = 0; i < n; i++) {
		free(env[i]);
		env[i] = NULL;
	}
	string_clear(&out);
	return 0;
}
