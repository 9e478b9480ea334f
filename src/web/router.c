#include "web/router.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "web/app.h"
#include "web/csrf.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/log.h"
#include "web/render.h"
#include "wizard/wizards.h"
#include "core/isotime.h"

#define MAX_SEGMENTS 16

int router_match(const char *pattern, char *path, const char **args, int max_args)
{
	char *segs[MAX_SEGMENTS];
	int nseg = 0, i = 0, n = 0;
	const char *pp;

	if (path[0] != '/' || pattern[0] != '/')
		return 0;
	/* Split the (copied) path into its segments in place. */
	for (char *p = path[1] ? path + 1 : NULL; p != NULL;) {
		char *slash = strchr(p, '/');

		if (nseg == MAX_SEGMENTS)
			return 0;
		segs[nseg++] = p;
		if (slash)
			*slash = '\0';
		p = slash ? slash + 1 : NULL;
	}
	if (pattern[1] == '\0')
		return nseg == 0;
	for (pp = pattern + 1; pp != NULL; i++) {
		const char *slash = strchr(pp, '/');
		size_t len = slash ? (size_t)(slash - pp) : strlen(pp);

		if (i >= nseg)
			return 0;
		if (len == 1 && *pp == '*') {
			if (*segs[i] == '\0' || n >= max_args)
				return 0;
			args[n++] = segs[i];
		} else if (strlen(segs[i]) != len || strncmp(segs[i], pp, len) != 0) {
			return 0;
		}
		pp = slash ? slash + 1 : NULL;
	}
	return i == nseg;
}

static void set_common_data(struct request *req)
{
	HDF *hdf = req->hdf;

	hdf_set_value(hdf, "Site.Name", "Kentucky Employee HR Portal");
	hdf_set_value(hdf, "Site.Version", req->settings->static_version);
	hdf_set_value(hdf, "Request.Path", req->path);
	hdf_set_value(hdf, "Request.Method", req->method);
	/* Every page advertises the What's new feed. */
	hdf_set_value(hdf, "Page.FeedUrl", "/whats-new.atom");
	if (req->remote_user)
		hdf_set_value(hdf, "User.Login", req->remote_user);
	/* Main navigation entries beyond the layout's fixed ones. */
	wizards_nav(hdf);
}

static void set_security_headers(struct request *req)
{
	NEOERR *err;

	/* No inline script or style anywhere: the policy can forbid both. */
	err = request_add_header(req, "Content-Security-Policy",
				 "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
				 "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
	if (err == STATUS_OK)
		err = request_add_header(req, "X-Content-Type-Options", "nosniff");
	if (err == STATUS_OK)
		err = request_add_header(req, "X-Frame-Options", "DENY");
	if (err == STATUS_OK)
		err = request_add_header(req, "Referrer-Policy", "same-origin");
	if (err == STATUS_OK)
		err = request_add_header(req, "Cache-Control", req->remote_user ? "no-store" : "no-cache");
	if (err != STATUS_OK)
		log_neoerr(&err, "security headers");
}

static const char *error_title(int status)
{
	switch (status) {
	case 400:
		return "This request could not be understood";
	case 401:
		return "Please sign in";
	case 403:
		return "You do not have access to this page";
	case 404:
		return "Page not found";
	case 405:
		return "This page does not accept that kind of request";
	case 409:
		return "Nothing was changed";
	case 413:
		return "The request is too large";
	case 415:
		return "This kind of request body is not accepted";
	case 503:
		return "The portal is busy or unavailable";
	default:
		return "Something went wrong on our side";
	}
}

/* Errors of the JSON API (/api/...) are JSON: {"error": {"status": 400,
 * "message": "..."}}. */
static void json_error(struct request *req, int status, const char *message)
{
	json_writer w;
	NEOERR *err;

	json_init(&w);
	json_object_begin(&w);
	json_key(&w, "error");
	json_object_begin(&w);
	json_key(&w, "status");
	json_int(&w, status);
	json_key(&w, "message");
	json_string(&w, message);
	json_object_end(&w);
	json_object_end(&w);
	if (json_finish(&w) == 0)
		err = request_set_body(req, status, "application/json; charset=utf-8", json_data(&w), json_len(&w));
	else
		err = nerr_raise(NERR_NOMEM, "JSON error answer");
	json_free(&w);
	if (err != STATUS_OK) {
		log_neoerr(&err, "JSON error answer");
		request_set_body(req, status, "text/plain; charset=utf-8", "error\n", 6);
	}
}

void router_error_page(struct request *req, NEOERR *err)
{
	int status = errors_http_status(err);
	const char *message = errors_public_message(err);
	NEOERR *rerr;

	if (status >= 500 && status != 503)
		log_neoerr(&err, req->path);
	if (strncmp(req->path, "/api/", 5) == 0) {
		if (status == 401)
			request_add_header(req, "WWW-Authenticate", "Basic realm=\"hrportal\"");
		if (status == 503)
			request_add_header(req, "Retry-After", "5");
		json_error(req, status, message ? message : error_title(status));
		nerr_ignore(&err);
		return;
	}
	if (req->hdf == NULL) {
		/* Parsing never got far enough to have data: plain text. */
		char text[256];
		int n = snprintf(text, sizeof text, "%d %s\n", status, error_title(status));

		nerr_ignore(&err);
		request_set_body(req, status, "text/plain; charset=utf-8", text, (size_t)n);
		return;
	}
	req->status = status;
	hdf_set_int_value(req->hdf, "Error.Status", status);
	hdf_set_value(req->hdf, "Error.Title", error_title(status));
	hdf_set_value(req->hdf, "Error.Message",
		      message ? message : "The problem has been logged. Please try again later.");
	hdf_set_value(req->hdf, "Page.Title", error_title(status));
	nerr_ignore(&err);
	if (status == 401)
		request_add_header(req, "WWW-Authenticate", "Basic realm=\"hrportal\"");
	if (status == 503)
		request_add_header(req, "Retry-After", "5");
	rerr = render_page(req, "error.cs");
	if (rerr != STATUS_OK) {
		char text[256];
		int n = snprintf(text, sizeof text, "%d %s\n", status, error_title(status));

		log_neoerr(&rerr, "rendering error page");
		request_set_body(req, status, "text/plain; charset=utf-8", text, (size_t)n);
	}
}

static NEOERR *dispatch(struct request *req)
{
	const struct route *found = NULL;
	int path_matched = 0;
	const char *method = strcmp(req->method, "HEAD") == 0 ? "GET" : req->method;
	size_t len = strlen(req->path);

	/* "/handbook/" is "/handbook". */
	if (len > 1 && req->path[len - 1] == '/')
		req->path[len - 1] = '\0';
	for (size_t i = 0; i < portal_routes_count && found == NULL; i++) {
		const struct route *r = &portal_routes[i];
		const char *args[REQUEST_MAX_ARGS] = { 0 };

		snprintf(req->argbuf, sizeof req->argbuf, "%s", req->path);
		if (!router_match(r->pattern, req->argbuf, args, REQUEST_MAX_ARGS))
			continue;
		path_matched = 1;
		if (strcmp(r->method, method) != 0)
			continue;
		found = r;
		memcpy(req->args, args, sizeof args);
	}
	if (found == NULL) {
		if (path_matched) {
			request_add_header(req, "Allow", "GET, HEAD, POST");
			return nerr_raise(HR_ERR_METHOD, "This address does not accept %s requests.", req->method);
		}
		return nerr_raise(HR_ERR_NOT_FOUND, "There is no page at this address.");
	}
	{
		NEOERR *err = auth_check(req, found->access);

		/* Every POST changes something: it must carry its CSRF token. */
		if (err == STATUS_OK && strcmp(found->method, "POST") == 0)
			err = csrf_check(req);
		if (err != STATUS_OK)
			return nerr_pass(err);
		/* Signed-in pages say when policies await acknowledgement. */
		if (found->access != ACCESS_PUBLIC && portal_before_signed_in != NULL)
			portal_before_signed_in(req);
	}
	return nerr_pass(found->handler(req));
}

/* Tests move the clock with "X-Hrportal-Now: 2027-01-05T09:00:00Z" when the
 * settings allow it (never in production). */
static void apply_test_clock(struct request *req)
{
	const char *now;
	time_t t;

	if (!req->settings->allow_clock_header || req->hdf == NULL)
		return;
	now = request_env(req, "HTTP_X_HRPORTAL_NOW");
	if (now == NULL)
		return;
	t = iso_time_parse(now);
	if (t != -1)
		req->now = t;
}

void router_handle(struct request *req, NEOERR *begin_err, void *ctx)
{
	NEOERR *err;

	(void)ctx;
	apply_test_clock(req);
	set_security_headers(req);
	if (req->hdf != NULL)
		set_common_data(req);
	if (begin_err != STATUS_OK) {
		router_error_page(req, begin_err);
		return;
	}
	err = dispatch(req);
	if (err != STATUS_OK)
		router_error_page(req, err);
}
