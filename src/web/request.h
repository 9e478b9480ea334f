/* request: one HTTP request as the portal sees it, and its response.
 *
 * ClearSilver's CGI kit parses the request (query string, urlencoded form,
 * cookies, CGI and HTTP variables) into the request's HDF: Query.*, Cookie.*,
 * CGI.*, HTTP.*. Handlers read parameters through request_param(), which
 * only returns well-formed values, fill the HDF for their template, and the
 * dispatcher writes the response. Everything here is freed by request_end():
 * nothing of one request survives into the next. */
#ifndef HR_REQUEST_H
#define HR_REQUEST_H

#include <ClearSilver.h>
#include <stddef.h>
#include <time.h>

#include "core/settings.h"
#include "people/users.h"

#define REQUEST_MAX_ARGS 4
#define REQUEST_MAX_PATH 8192

struct app;

struct request {
	CGI *cgi;
	HDF *hdf; /* owned by cgi */
	const struct settings *settings;
	struct app *app; /* per-process state: database, caches */

	const char *method;                 /* GET, HEAD or POST */
	char path[REQUEST_MAX_PATH];        /* decoded path, always starts with '/' */
	const char *args[REQUEST_MAX_ARGS]; /* "*" segments of the matched route */
	char argbuf[REQUEST_MAX_PATH];      /* storage the args point into */
	const char *remote_user;            /* from Apache authentication, or NULL */
	struct user user;                   /* the portal's user for remote_user (id 0:
	                               none), loaded by auth_check */
	time_t now;                         /* the request's clock (injectable in tests) */

	int status;
	int cacheable;            /* a public page the same for every anonymous reader */
	const char *content_type; /* static string */
	STRING headers;           /* extra header lines, each ending in CRLF */
	STRING body;
};

/* Parse the request from the CGI environment (cgiwrap). Errors are kinds
 * from errors.h (400, 405, 413, 415) and leave a request that can still be
 * answered with an error page. */
NEOERR *request_begin(struct request *req, const struct settings *settings, struct app *app);
void request_end(struct request *req);

/* A query or form parameter: NULL when absent, repeated, not valid UTF-8,
 * or containing control characters other than tab, CR and LF. */
const char *request_param(struct request *req, const char *name);
/* Like request_param, but only a value sent in a POST body: NULL for other
 * methods and when the name also (or only) appears in the query string.
 * For secrets such as the CSRF token, which must not travel in URLs (they
 * end up in logs, history and Referer headers). */
const char *request_body_param(struct request *req, const char *name);
/* Like request_param but "" when absent. */
const char *request_param_or_empty(struct request *req, const char *name);

/* A request header by CGI name (e.g. "HTTP_ORIGIN"); NULL when absent. The
 * value is owned by the request. */
const char *request_env(struct request *req, const char *cgi_name);

/* Add a response header; refuses values with CR or LF (header injection). */
NEOERR *request_add_header(struct request *req, const char *name, const char *value);

/* Answer 303 See Other to a local path (must start with a single '/'). */
NEOERR *request_redirect(struct request *req, const char *local_path);

/* Replace the body with bytes of a given type (JSON, PDF, iCalendar...). */
NEOERR *request_set_body(struct request *req, int status, const char *content_type, const char *data, size_t len);

/* The response's head (status line and headers, ending with the blank line). */
NEOERR *request_head(struct request *req, STRING *head);

/* Write status line, headers and body through cgiwrap. */
NEOERR *request_write(struct request *req);

#endif
