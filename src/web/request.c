#include "web/request.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/errors.h"
#include "core/utf8.h"

/* Apache hands PATH_INFO over already decoded (a second decoding would turn
 * "%2525" into "%"): copy it, refusing paths longer than the buffer. */
static int copy_path(const char *in, char *out, size_t outsz)
{
	size_t len = strlen(in);

	if (len >= outsz)
		return 0;
	memcpy(out, in, len + 1);
	return 1;
}

static int params_are_clean(HDF *node)
{
	for (HDF *child = node ? hdf_obj_child(node) : NULL; child; child = hdf_obj_next(child)) {
		const char *v = hdf_obj_value(child);

		if (v != NULL && !utf8_is_clean(v, strlen(v), 1))
			return 0;
		if (!params_are_clean(child))
			return 0;
	}
	return 1;
}

/* The defaults any request starts from, so that even one refused below can
 * be answered with an error page. */
static void request_reset(struct request *req, const struct settings *settings, struct app *app)
{
	memset(req, 0, sizeof *req);
	req->settings = settings;
	req->app = app;
	req->status = 200;
	req->content_type = "text/html; charset=utf-8";
	req->now = time(NULL);
	req->method = "GET";
	strcpy(req->path, "/");
	string_init(&req->headers);
	string_init(&req->body);
}

/* The HDF and ClearSilver's CGI state for this request. */
static NEOERR *request_start_cgi(struct request *req, const char *template_dir)
{
	NEOERR *err;
	HDF *hdf;

	err = hdf_init(&hdf);
	if (err != STATUS_OK)
		return nerr_pass(err);
	/* Escape every template variable for HTML unless a template says
	 * otherwise; never enable ClearSilver's debug dump. */
	err = hdf_set_value(hdf, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.TimeFooter", "0");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.WhiteSpaceStrip", "0");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Config.Upload.TmpDir", "/nonexistent");
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "hdf.loadpaths.0", template_dir);
	if (err != STATUS_OK) {
		hdf_destroy(&hdf);
		return nerr_pass(err);
	}
	/* cgi_init reads the environment (CGI.*, HTTP.*, cookies, query string)
	 * and takes ownership of hdf, even when it fails. */
	err = cgi_init(&req->cgi, hdf);
	if (err != STATUS_OK) {
		if (req->cgi == NULL)
			hdf_destroy(&hdf);
		return nerr_pass(err);
	}
	req->hdf = req->cgi->hdf;
	return STATUS_OK;
}

/* Method, path, user and query string: what arrives before any body. */
static NEOERR *request_check_line(struct request *req)
{
	const char *method, *path_info, *qs;

	method = hdf_get_value(req->hdf, "CGI.RequestMethod", "GET");
	if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0 || strcmp(method, "POST") == 0)
		req->method = method;
	else
		return nerr_raise(HR_ERR_METHOD, "The method %.16s is not supported here.", method);

	path_info = hdf_get_value(req->hdf, "CGI.PathInfo", "/");
	if (*path_info == '\0')
		path_info = "/";
	if (!copy_path(path_info, req->path, sizeof req->path) || req->path[0] != '/' ||
	    !utf8_is_clean(req->path, strlen(req->path), 0)) {
		strcpy(req->path, "/");
		return nerr_raise(HR_ERR_BAD_REQUEST, "The address of this request is malformed.");
	}
	req->remote_user = hdf_get_value(req->hdf, "CGI.RemoteUser", NULL);
	if (req->remote_user != NULL &&
	    (*req->remote_user == '\0' || !utf8_is_clean(req->remote_user, strlen(req->remote_user), 0)))
		req->remote_user = NULL;

	qs = hdf_get_value(req->hdf, "CGI.QueryString", "");
	/* An encoded NUL would silently cut a value short. */
	if (!utf8_is_clean(qs, strlen(qs), 0) || strcasestr(qs, "%00") != NULL)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The query string of this request is malformed.");
	return STATUS_OK;
}

/* A POST body's length and type, checked before ClearSilver reads it. */
static NEOERR *request_check_body(struct request *req)
{
	const char *ctype, *clen;
	long len;
	char *end;

	ctype = hdf_get_value(req->hdf, "CGI.ContentType", "");
	clen = hdf_get_value(req->hdf, "CGI.ContentLength", "0");
	len = strtol(clen, &end, 10);
	if (*end != '\0' || len < 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The request body length is malformed.");
	if ((size_t)len > req->settings->max_body)
		return nerr_raise(HR_ERR_TOO_LARGE, "This request is larger than the portal accepts (%zu KB).",
				  req->settings->max_body / 1024);
	/* Only urlencoded forms: multipart would make ClearSilver spool
	 * uploads to disk, and nothing here accepts files. */
	if (len > 0 && strncasecmp(ctype, "application/x-www-form-urlencoded", 33) != 0)
		return nerr_raise(HR_ERR_MEDIA_TYPE, "Forms must be sent as application/x-www-form-urlencoded.");
	/* ClearSilver compares the content type exactly; drop parameters
	 * such as "; charset=UTF-8" so the body is parsed. */
	if (len > 0 && ctype[33] != '\0')
		return nerr_pass(hdf_set_value(req->hdf, "CGI.ContentType", "application/x-www-form-urlencoded"));
	return STATUS_OK;
}

/* The query string and form body into Query.*. */
static NEOERR *request_parse_params(struct request *req)
{
	NEOERR *err = cgi_parse(req->cgi);

	if (err != STATUS_OK) {
		if (nerr_match(err, NERR_IO)) {
			nerr_ignore(&err);
			return nerr_raise(HR_ERR_BAD_REQUEST, "The request body was cut short.");
		}
		return nerr_pass(err);
	}
	/* Every parameter must be text: refuse the request as a whole rather
	 * than let a handler meet a broken value. */
	if (!params_are_clean(hdf_get_obj(req->hdf, "Query")))
		return nerr_raise(HR_ERR_BAD_REQUEST, "A value in this request is not valid text.");
	return STATUS_OK;
}

NEOERR *request_begin(struct request *req, const struct settings *settings, struct app *app)
{
	NEOERR *err;

	request_reset(req, settings, app);
	err = request_start_cgi(req, settings->template_dir);
	if (err == STATUS_OK)
		err = request_check_line(req);
	if (err == STATUS_OK && strcmp(req->method, "POST") == 0)
		err = request_check_body(req);
	if (err == STATUS_OK)
		err = request_parse_params(req);
	return nerr_pass(err);
}

void request_end(struct request *req)
{
	cgi_destroy(&req->cgi);
	req->hdf = NULL;
	string_clear(&req->headers);
	string_clear(&req->body);
	memset(req->args, 0, sizeof req->args);
}

const char *request_param(struct request *req, const char *name)
{
	HDF *node;
	const char *v;

	if (req->hdf == NULL)
		return NULL;
	node = hdf_get_obj(req->hdf, "Query");
	node = node ? hdf_get_obj(node, name) : NULL;
	if (node == NULL || hdf_obj_child(node) != NULL)
		return NULL; /* absent, or repeated (Query.name.0, .1 ...) */
	v = hdf_obj_value(node);
	if (v == NULL || !utf8_is_clean(v, strlen(v), 1))
		return NULL;
	return v;
}

/* True when the query string has a parameter called name (ClearSilver
 * merges it with the body's into Query.*). Decoded as ClearSilver does:
 * pairs split on '&', the name unescaped. */
static int query_has_name(struct request *req, const char *name)
{
	const char *qs = hdf_get_value(req->hdf, "CGI.QueryString", "");
	char *copy, *pair, *save = NULL;
	int found = 0;

	if (*qs == '\0')
		return 0;
	copy = strdup(qs);
	if (copy == NULL)
		return 1; /* cannot tell: treat as present, i.e. refuse */
	for (pair = strtok_r(copy, "&", &save); pair != NULL && !found; pair = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(pair, '=');

		if (eq != NULL)
			*eq = '\0';
		found = strcmp(cgi_url_unescape(pair), name) == 0;
	}
	free(copy);
	return found;
}

const char *request_body_param(struct request *req, const char *name)
{
	if (req->hdf == NULL || strcmp(req->method, "POST") != 0 || query_has_name(req, name))
		return NULL;
	return request_param(req, name);
}

const char *request_param_or_empty(struct request *req, const char *name)
{
	const char *v = request_param(req, name);

	return v ? v : "";
}

const char *request_env(struct request *req, const char *cgi_name)
{
	char *v = NULL;
	char key[96];
	NEOERR *err;

	if (req->hdf == NULL)
		return NULL;
	snprintf(key, sizeof key, "Env.%s", cgi_name);
	if (hdf_get_obj(req->hdf, key) != NULL)
		return hdf_get_value(req->hdf, key, NULL);
	err = cgiwrap_getenv(cgi_name, &v);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return NULL;
	}
	if (v == NULL)
		return NULL;
	/* hdf_set_buf takes ownership of v. */
	err = hdf_set_buf(req->hdf, key, v);
	if (err != STATUS_OK) {
		free(v);
		nerr_ignore(&err);
		return NULL;
	}
	return hdf_get_value(req->hdf, key, NULL);
}

NEOERR *request_add_header(struct request *req, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n:") != NULL || strpbrk(value, "\r\n") != NULL)
		return nerr_raise(NERR_ASSERT, "header %s carries CR or LF", name);
	return nerr_pass(string_appendf(&req->headers, "%s: %s\r\n", name, value));
}

NEOERR *request_redirect(struct request *req, const char *local_path)
{
	NEOERR *err;

	/* Only local targets: "//host" or a scheme would be an open redirect. */
	if (local_path[0] != '/' || local_path[1] == '/' || local_path[1] == '\\')
		return nerr_raise(NERR_ASSERT, "redirect target is not a local path");
	err = request_add_header(req, "Location", local_path);
	if (err != STATUS_OK)
		return nerr_pass(err);
	req->status = 303;
	req->content_type = "text/plain; charset=utf-8";
	string_clear(&req->body);
	return nerr_pass(string_append(&req->body, "See Other\n"));
}

NEOERR *request_set_body(struct request *req, int status, const char *content_type, const char *data, size_t len)
{
	req->status = status;
	req->content_type = content_type;
	string_clear(&req->body);
	return nerr_pass(string_appendn(&req->body, data, (int)len));
}

NEOERR *request_head(struct request *req, STRING *head)
{
	return nerr_pass(string_appendf(head, "Status: %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n%s\r\n",
					req->status, errors_reason_phrase(req->status), req->content_type,
					req->body.len, req->headers.buf ? req->headers.buf : ""));
}

NEOERR *request_write(struct request *req)
{
	STRING head;
	NEOERR *err;

	string_init(&head);
	err = request_head(req, &head);
	if (err == STATUS_OK)
		err = cgiwrap_write(head.buf, head.len);
	if (err == STATUS_OK && req->body.len > 0 && strcmp(req->method, "HEAD") != 0)
		err = cgiwrap_write(req->body.buf, req->body.len);
	string_clear(&head);
	return nerr_pass(err);
}
