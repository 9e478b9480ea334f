/* fuzz_wizard: every wizard's and calculator's parameter handling, on
 * arbitrary key=value sets.
 *
 * Input: the first line is a path: one of the wizard pages (/wizards/<w>,
 * each step, /wizards/<w>/result), the calculators (/calculators/...) or
 * the JSON API (/api/wizards/..., /api/calculators/...); any other line
 * picks one of them by its bytes. The rest (up to a NUL) is the query
 * string. The request is served as a FastCGI process serves it
 * (server_serve_one with the real router, over an empty migrated
 * database), and while it is being served the parsed parameters are also
 * run, in process, through every parameter path:
 *
 *   - each rules_api_X (FMLA, leave sharing, return rights, annual and
 *     sick leave, holidays): never a failure, always one valid JSON
 *     object; 400's error object iff rules_params_X refuses;
 *   - the step engine of each wizard (wz_load, wz_walk, wz_check_rules,
 *     the step and answer HDF): when the walk accepts every answer the
 *     rules accept them too; the rules never refuse a question the wizard
 *     does not ask; the API query the wizard builds (WZ_RULES) reads back
 *     to the same JSON answer; the carried answers (WZ_CARRY) read back to
 *     the same walk;
 *   - the calculators' form check (wz_field_check) and the rules parser
 *     agree, both ways;
 *   - wizres_evaluate for each form a wizard starts: 0 with valid JSON, or
 *     -1 naming a field.
 *
 * Properties of the response: never a 5xx; the API answers 200 or 400
 * with one valid JSON object; Content-Length is the body's length. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "fuzz.h"
#include "fuzz_portal.h"
#include "core/json.h"
#include "web/request.h"
#include "web/router.h"
#include "rules/rules.h"
#include "wizard/wizard.h"
#include "wizard/wizards.h"
#include "wizard/wizres.h"

/* ---- Endpoints ------------------------------------------------------------ */

#define MAX_PATHS 96
static char *paths[MAX_PATHS];
static size_t n_paths;

static void add_path(const char *fmt, const char *a, const char *b)
{
	if (n_paths == MAX_PATHS)
		abort();
	if (asprintf(&paths[n_paths++], fmt, a, b) < 0)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	size_t n;
	const struct wizard_def *const *all = wizards_all(&n);
	static const char *const fixed[] = {
		"/calculators/annual-leave",
		"/calculators/sick-leave",
		"/calculators/holidays",
		"/api/wizards/fmla",
		"/api/wizards/leave-sharing",
		"/api/wizards/return-rights",
		"/api/calculators/annual-leave",
		"/api/calculators/sick-leave",
		"/api/calculators/holidays",
		"/wizards",
		"/calculators",
	};

	(void)argc;
	(void)argv;
	fuzz_portal_open("fuzz-wizard", FUZZ_PORTAL_EMPTY);
	for (size_t w = 0; w < n; w++) {
		add_path("/wizards/%s%s", all[w]->slug, "");
		for (size_t s = 0; all[w]->steps[s].slug; s++)
			add_path("/wizards/%s/%s", all[w]->slug, all[w]->steps[s].slug);
		add_path("/wizards/%s/%s", all[w]->slug, "result");
	}
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		add_path("%s%s", fixed[i], "");
	return 0;
}

/* ---- A strict JSON reader (RFC 8259), for the property checks ---------------- */

static const char *json_value(const char *p, const char *end, int depth);

static const char *json_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static const char *json_str(const char *p, const char *end)
{
	if (p >= end || *p != '"')
		return NULL;
	for (p++; p < end; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '"')
			return p + 1;
		if (c < 0x20)
			return NULL;
		if (c == '\\') {
			if (++p >= end)
				return NULL;
			if (*p == 'u') {
				for (int i = 0; i < 4; i++)
					if (++p >= end || strchr("0123456789abcdefABCDEF", *p) == NULL || *p == '\0')
						return NULL;
			} else if (strchr("\"\\/bfnrt", *p) == NULL || *p == '\0') {
				return NULL;
			}
		}
	}
	return NULL;
}

static const char *json_num(const char *p, const char *end)
{
	const char *start;

	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if (p < end && *p >= '1' && *p <= '9')
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	else
		return NULL;
	if (p < end && *p == '.') {
		start = ++p;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p == start)
			return NULL;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		start = p;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p == start)
			return NULL;
	}
	return p;
}

static const char *json_members(const char *p, const char *end, int depth, char close, int keys)
{
	p = json_ws(p + 1, end);
	if (p < end && *p == close)
		return p + 1;
	for (;;) {
		if (keys) {
			p = json_str(p, end);
			if (p == NULL)
				return NULL;
			p = json_ws(p, end);
			if (p >= end || *p != ':')
				return NULL;
			p = json_ws(p + 1, end);
		}
		p = json_value(p, end, depth + 1);
		if (p == NULL)
			return NULL;
		p = json_ws(p, end);
		if (p < end && *p == ',') {
			p = json_ws(p + 1, end);
			continue;
		}
		return p < end && *p == close ? p + 1 : NULL;
	}
}

static const char *json_value(const char *p, const char *end, int depth)
{
	if (depth > 64 || p >= end)
		return NULL;
	switch (*p) {
	case '{':
		return json_members(p, end, depth, '}', 1);
	case '[':
		return json_members(p, end, depth, ']', 0);
	case '"':
		return json_str(p, end);
	case 't':
		return end - p >= 4 && memcmp(p, "true", 4) == 0 ? p + 4 : NULL;
	case 'f':
		return end - p >= 5 && memcmp(p, "false", 5) == 0 ? p + 5 : NULL;
	case 'n':
		return end - p >= 4 && memcmp(p, "null", 4) == 0 ? p + 4 : NULL;
	default:
		return json_num(p, end);
	}
}

/* One JSON object and nothing else. */
static void check_json_object(const char *what, const char *s, size_t len)
{
	const char *end = s + len, *p;

	if (len == 0 || s[0] != '{')
		fuzz_fail("%s: not a JSON object: %.300s", what, s);
	p = json_value(s, end, 0);
	if (p == NULL || json_ws(p, end) != end)
		fuzz_fail("%s: invalid JSON: %.2000s", what, s);
}

/* ---- Parameters --------------------------------------------------------------- */

/* The request's parameters as the handlers read them. */
static const char *req_get(void *ctx, const char *name)
{
	return request_param(ctx, name);
}

static const char *req_wz_get(void *ctx, const char *name, int *bad)
{
	struct request *req = ctx;
	const char *v = request_param(req, name);
	HDF *q = hdf_get_obj(req->hdf, "Query");

	*bad = v == NULL && q != NULL && hdf_get_obj(q, name) != NULL;
	return v;
}

/* A query string the portal built (unreserved bytes and %XX), read back. */
#define MAX_KV 48
struct kv {
	size_t n;
	char *name[MAX_KV], *value[MAX_KV];
};

static int hexval(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
				      : -1;
}

static char *decode(const char *s, size_t len)
{
	char *out = malloc(len + 1), *o = out;

	if (out == NULL)
		abort();
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			*o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else if (s[i] == '%' || s[i] == '+' || s[i] == '&' || s[i] == '=') {
			fuzz_fail("the portal built a query with a raw '%c': %s", s[i], s);
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

static void kv_parse(struct kv *kv, const char *q)
{
	kv->n = 0;
	while (q && *q) {
		size_t len = strcspn(q, "&"), nlen = strcspn(q, "=");

		if (nlen >= len)
			fuzz_fail("a parameter without '=' in a built query: %s", q);
		if (kv->n == MAX_KV)
			fuzz_fail("too many parameters in a built query: %s", q);
		kv->name[kv->n] = decode(q, nlen);
		kv->value[kv->n] = decode(q + nlen + 1, len - nlen - 1);
		for (size_t i = 0; i < kv->n; i++)
			if (strcmp(kv->name[i], kv->name[kv->n]) == 0)
				fuzz_fail("parameter %s twice in a built query", kv->name[i]);
		kv->n++;
		q += len + (q[len] == '&');
	}
}

static void kv_free(struct kv *kv)
{
	for (size_t i = 0; i < kv->n; i++) {
		free(kv->name[i]);
		free(kv->value[i]);
	}
	kv->n = 0;
}

static const char *kv_get(void *ctx, const char *name)
{
	const struct kv *kv = ctx;

	for (size_t i = 0; i < kv->n; i++)
		if (strcmp(kv->name[i], name) == 0)
			return kv->value[i];
	return NULL;
}

static const char *kv_wz_get(void *ctx, const char *name, int *bad)
{
	*bad = 0;
	return kv_get(ctx, name);
}

/* ---- The rules families ------------------------------------------------------ */

typedef rules_api_status (*api_fn)(rules_param_get get, void *ctx, json_writer *w);

static int parse_leave_calc(rules_param_get get, void *ctx, rules_param_error *err)
{
	rules_leave_calc_input in;

	return rules_params_leave_calc(get, ctx, &in, err);
}

static int parse_holidays(rules_param_get get, void *ctx, rules_param_error *err)
{
	int year;

	return rules_params_holidays(get, ctx, &year, err);
}

static const struct family {
	const char *name;
	const struct wizard_def *def;  /* NULL for calculators */
	const struct wz_field *fields; /* the calculator's form */
	api_fn api;
	wz_parse parse;
} families[] = {
	{ "fmla", &wizard_fmla, NULL, rules_api_fmla, NULL },
	{ "leave-sharing", &wizard_leave_sharing, NULL, rules_api_leave_sharing, NULL },
	{ "return-rights", &wizard_return_rights, NULL, rules_api_return_rights, NULL },
	{ "annual-leave", NULL, wizards_leave_calc_fields, rules_api_annual_leave, parse_leave_calc },
	{ "sick-leave", NULL, wizards_leave_calc_fields, rules_api_sick_leave, parse_leave_calc },
	{ "holidays", NULL, wizards_holiday_fields, rules_api_holidays, parse_holidays },
};

/* The JSON answer of api on get/ctx (checked), into *out (free()). */
static rules_api_status api_json(const struct family *f, rules_param_get get, void *ctx, char **out)
{
	json_writer w;
	rules_api_status st;
	char what[96];

	json_init(&w);
	st = f->api(get, ctx, &w);
	snprintf(what, sizeof what, "rules API %s", f->name);
	if (st == RULES_API_FAILED)
		fuzz_fail("%s failed (a bug: the parser accepted what the rules cannot evaluate)", what);
	if (json_finish(&w) != 0)
		fuzz_fail("%s: unfinished JSON: %.300s", what, json_data(&w));
	check_json_object(what, json_data(&w), json_len(&w));
	if ((st == RULES_API_BAD_PARAM) != (strncmp(json_data(&w), "{\"error\":\"invalid_parameter\"", 28) == 0))
		fuzz_fail("%s: status %d with %.300s", what, (int)st, json_data(&w));
	*out = strdup(json_data(&w));
	json_free(&w);
	return st;
}

static void check_api(const struct family *f, struct request *req)
{
	rules_param_error pe = { NULL, NULL };
	char *json = NULL;
	int parsed = (f->def ? f->def->parse : f->parse)(req_get, req, &pe);
	rules_api_status st = api_json(f, req_get, req, &json);

	if ((parsed == 0) != (st == RULES_API_OK))
		fuzz_fail("%s: the parser says %d but the API answers %s", f->name, parsed, json);
	if (parsed != 0 && (pe.field == NULL || pe.message == NULL || strstr(json, pe.field) == NULL))
		fuzz_fail("%s: a refusal without its field: %s", f->name, json);
	free(json);
}

static void check_hdf(const struct wz_answers *a)
{
	HDF *hdf;
	STRING url;
	NEOERR *err = hdf_init(&hdf);

	for (size_t s = 0; s < a->n_steps && err == STATUS_OK; s++)
		err = wz_step_hdf(a, s, hdf, "Step");
	if (err == STATUS_OK)
		err = wz_answers_hdf(a, a->n_steps, hdf, "Done");
	string_init(&url);
	if (err == STATUS_OK)
		err = wz_step_url(a, a->n_steps, &url);
	string_clear(&url);
	if (err != STATUS_OK)
		fuzz_die(err, "wizard HDF");
	hdf_destroy(&hdf);
}

static void check_wizard(const struct family *f, struct request *req)
{
	const struct wizard_def *def = f->def;
	struct wz_answers *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	rules_param_error pe = { NULL, NULL };
	int walked, checked, carried = 1;
	STRING q;
	struct kv kv;
	NEOERR *err;

	if (a == NULL || b == NULL || wz_load(a, def, req_wz_get, req) != 0)
		abort();
	walked = wz_walk(a, a->n_steps);
	if (walked < -1 || walked >= (int)a->n_steps)
		fuzz_fail("%s: wz_walk returned %d of %zu steps", f->name, walked, a->n_steps);
	checked = walked < 0 ? wz_check_rules(a, &pe) : walked;
	if (checked == -2)
		fuzz_fail("%s: the rules refuse %s (\"%s\"), which the wizard never asks", f->name, pe.field,
			  pe.message);
	if (checked < -1 || checked >= (int)a->n_steps)
		fuzz_fail("%s: wz_check_rules returned %d", f->name, checked);
	check_hdf(a);

	/* Every answer the walk accepted: the rules agree, and the API
	 * address the result page links to gives the same answer. */
	if (checked == -1) {
		char *direct = NULL, *linked = NULL;

		if (def->parse(wz_rules_get, a, &pe) != 0)
			fuzz_fail("%s: the walk accepts but the rules refuse %s", f->name, pe.field);
		if (api_json(f, wz_rules_get, a, &direct) != RULES_API_OK)
			fuzz_fail("%s: the wizard's answers give %s", f->name, direct);
		string_init(&q);
		err = wz_query(a, WZ_RULES, &q);
		if (err != STATUS_OK)
			fuzz_die(err, "wz_query");
		kv_parse(&kv, q.buf);
		if (api_json(f, kv_get, &kv, &linked) != RULES_API_OK || strcmp(direct, linked) != 0)
			fuzz_fail("%s: the API address %s answers\n%s\nbut the wizard's answers give\n%s", f->name,
				  q.buf, linked, direct);
		kv_free(&kv);
		string_clear(&q);
		free(direct);
		free(linked);
	}

	/* The answers carried from step to step read back to the same walk
	 * (unless some were not carriable: repeated or too long). */
	for (size_t i = 0; i < a->n_fields; i++)
		if (a->bad[i] || (a->raw[i] && strlen(a->raw[i]) > RULES_PARAM_MAX_LEN))
			carried = 0;
	if (carried) {
		string_init(&q);
		err = wz_query(a, WZ_CARRY, &q);
		if (err != STATUS_OK)
			fuzz_die(err, "wz_query");
		kv_parse(&kv, q.buf);
		if (wz_load(b, def, kv_wz_get, &kv) != 0)
			abort();
		if (wz_walk(b, b->n_steps) != walked)
			fuzz_fail("%s: the carried answers %s walk differently", f->name, q.buf);
		/* The rules' cross-field refusal (paid leave hours above the
		 * hours, say) clears the refused value in a; the carried
		 * answers must be refused the same way. */
		if (walked < 0 && wz_check_rules(b, &pe) != checked)
			fuzz_fail("%s: the rules judge the carried answers %s differently", f->name, q.buf);
		for (size_t i = 0; i < a->n_fields; i++)
			if ((a->value[i] == NULL) != (b->value[i] == NULL) ||
			    (a->value[i] && strcmp(a->value[i], b->value[i]) != 0))
				fuzz_fail("%s: %s differs after carrying: %s", f->name, a->field[i]->name, q.buf);
		kv_free(&kv);
		string_clear(&q);
	}
	free(a);
	free(b);
}

/* The calculator's form and the rules parser accept the same answers. */
static void check_calculator(const struct family *f, struct request *req)
{
	rules_param_error pe;
	int form_ok = 1, parsed;

	for (const struct wz_field *field = f->fields; field->name; field++) {
		int bad;
		const char *v = req_wz_get(req, field->name, &bad);

		if (wz_field_check(field, v, bad) != NULL)
			form_ok = 0;
	}
	parsed = f->parse(req_get, req, &pe);
	if (form_ok != (parsed == 0))
		fuzz_fail("%s: the form %s the answers but the rules %s them%s%s", f->name,
			  form_ok ? "accepts" : "refuses", parsed == 0 ? "accept" : "refuse", parsed == 0 ? "" : ": ",
			  parsed == 0 ? "" : pe.field);
}

static void check_wizres(struct request *req)
{
	static const struct {
		const char *wizard, *form;
	} forms[] = {
		{ "fmla", "fmla" },
		{ "leave-sharing", "sick-leave-sharing" },
		{ "leave-sharing", "sick-leave-donation" },
		{ "leave-sharing", "annual-leave-sharing" },
		{ "leave-sharing", "annual-leave-donation" },
	};
	struct wizres *res = malloc(sizeof *res);

	if (res == NULL)
		abort();
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		rules_param_error pe = { NULL, NULL };
		json_writer w;

		json_init(&w);
		if (wizres_param_names(forms[i].wizard, forms[i].form) == NULL)
			fuzz_fail("no parameter names for %s", forms[i].form);
		if (wizres_evaluate(forms[i].wizard, forms[i].form, req_get, req, res, &w, &pe) == 0) {
			if (json_finish(&w) != 0)
				fuzz_fail("wizres %s: unfinished JSON", forms[i].form);
			check_json_object("wizres", json_data(&w), json_len(&w));
			if (memchr(res->reasons, '\0', sizeof res->reasons) == NULL ||
			    memchr(res->figures, '\0', sizeof res->figures) == NULL ||
			    memchr(res->citations, '\0', sizeof res->citations) == NULL)
				fuzz_fail("wizres %s: an unterminated field", forms[i].form);
		} else if (pe.field == NULL || pe.message == NULL) {
			fuzz_fail("wizres %s refuses without naming a field", forms[i].form);
		}
		json_free(&w);
	}
	free(res);
}

/* Runs inside server_serve_one: the request is parsed, its parameters are
 * exactly what the handlers will read. */
static void handler(struct request *req, NEOERR *begin_err, void *ctx)
{
	if (begin_err == STATUS_OK) {
		for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
			check_api(&families[i], req);
			if (families[i].def)
				check_wizard(&families[i], req);
			else
				check_calculator(&families[i], req);
		}
		check_wizres(req);
	}
	router_handle(req, begin_err, ctx);
}

/* ---- The response ------------------------------------------------------------ */

static void check_response(const char *path, const STRING *out)
{
	const char *end, *body;
	char value[256];
	int status;
	size_t body_len;

	if (out->buf == NULL || sscanf(out->buf, "Status: %d ", &status) != 1)
		fuzz_fail("no status line in response: %.200s", out->buf ? out->buf : "(nothing)");
	end = strstr(out->buf, "\r\n\r\n");
	if (end == NULL)
		fuzz_fail("response head does not end: %.300s", out->buf);
	body = end + 4;
	body_len = (size_t)out->len - (size_t)(body - out->buf);
	if (status >= 500 || status < 200)
		fuzz_fail("status %d for %s: %.3000s", status, path, out->buf);
	if (!fuzz_find_header(out->buf, "Content-Length", value, sizeof value) || strtoul(value, NULL, 10) != body_len)
		fuzz_fail("Content-Length %s but %zu bytes written", value, body_len);
	if (strncmp(path, "/api/", 5) == 0) {
		if (status != 200 && status != 400)
			fuzz_fail("API status %d for %s: %.1000s", status, path, out->buf);
		if (!fuzz_find_header(out->buf, "Content-Type", value, sizeof value) ||
		    strncmp(value, "application/json", 16) != 0)
			fuzz_fail("API answer of type %s", value);
		check_json_object(path, body, body_len);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nl = memchr(text, '\n', size);
	size_t line = nl ? (size_t)(nl - text) : size, qlen;
	const char *path = NULL, *query = nl ? nl + 1 : "";
	char *env[12];
	size_t n = 0;
	STRING out;

	if (size > 16 * 1024)
		return 0;
	for (size_t i = 0; i < n_paths && path == NULL; i++)
		if (strlen(paths[i]) == line && memcmp(paths[i], text, line) == 0)
			path = paths[i];
	if (path == NULL) {
		unsigned sum = 0;

		for (size_t i = 0; i < line; i++)
			sum = sum * 31 + (unsigned char)text[i];
		path = paths[sum % n_paths];
	}
	qlen = nl ? strnlen(query, size - line - 1) : 0;
	if (asprintf(&env[n++], "QUERY_STRING=%.*s", (int)qlen, query) < 0 ||
	    asprintf(&env[n++], "PATH_INFO=%s", path) < 0 ||
	    asprintf(&env[n++], "REQUEST_URI=%s?%.*s", path, (int)qlen, query) < 0)
		abort();
	env[n++] = strdup("REQUEST_METHOD=GET");
	env[n++] = strdup("GATEWAY_INTERFACE=CGI/1.1");
	env[n++] = strdup("SERVER_PROTOCOL=HTTP/1.1");
	env[n++] = strdup("SERVER_NAME=127.0.0.1");
	env[n++] = strdup("SERVER_PORT=80");
	env[n++] = strdup("REMOTE_ADDR=127.0.0.1");
	env[n++] = strdup("SCRIPT_NAME=");
	env[n++] = strdup("HTTP_X_HRPORTAL_NOW=2027-01-05T15:00:00Z");
	env[n] = NULL;
	string_init(&out);
	fuzz_portal_serve(env, "", 0, handler, NULL, 0, &out);
	check_response(path, &out);
	string_clear(&out);
	for (size_t i = 0; i < n; i++)
		free(env[i]);
	return 0;
}
