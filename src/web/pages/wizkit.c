/* wizkit.c: the result helpers of the wizard and calculator pages (see
 * wizkit.h). */
#include "web/pages/wizkit.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "content/content.h"
#include "web/app.h"

const char *wizkit_query_get(void *ctx, const char *name, int *bad)
{
	struct request *req = ctx;
	const char *v = request_param(req, name);
	HDF *q;

	*bad = 0;
	if (v == NULL) {
		q = hdf_get_obj(req->hdf, "Query");
		*bad = q != NULL && hdf_get_obj(q, name) != NULL;
	}
	return v;
}

const char *wizkit_fmt_num(double v, char *buf, size_t len)
{
	char raw[40], *o = buf;
	const char *p = raw;
	size_t int_len;
	double r = (double)(int64_t)(v * 100 + (v < 0 ? -0.5 : 0.5)) / 100;

	if (json_format_number(r, raw, sizeof raw) < 0 || len < 48) {
		snprintf(buf, len, "?");
		return buf;
	}
	if (*p == '-')
		*o++ = *p++;
	int_len = strspn(p, "0123456789");
	for (size_t i = 0; i < int_len; i++) {
		if (i > 0 && (int_len - i) % 3 == 0)
			*o++ = ',';
		*o++ = p[i];
	}
	strcpy(o, p + int_len);
	return buf;
}

const char *wizkit_fmt_qty(double v, const char *unit, const char *units, char *buf, size_t len)
{
	char n[48];

	snprintf(buf, len, "%s %s", wizkit_fmt_num(v, n, sizeof n), v == 1 ? unit : units);
	return buf;
}

/* The handbook section's current title, or the slug if it is unknown. */
static NEOERR *section_title(struct request *req, const char *slug, char *buf, size_t len)
{
	char today[11];

	content_today(req->now, today);
	return nerr_pass(content_section_title(req->app->db, "handbook", slug, today, buf, len));
}

NEOERR *wizkit_explain(struct request *req, const rules_explain *e)
{
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < e->n_reasons && err == STATUS_OK; i++)
		err = hdf_set_valuef(req->hdf, "Result.Reasons.%zu=%s", i, e->reasons[i]);
	for (size_t i = 0; i < e->n_citations && err == STATUS_OK; i++) {
		char url[160], title[256];

		if (rules_citation_url(e->citations[i], url, sizeof url) < 0)
			continue;
		err = section_title(req, e->citations[i]->slug, title, sizeof title);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Result.Citations.%zu.Cite=%s", i, e->citations[i]->cite);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Result.Citations.%zu.Url=%s", i, url);
		if (err == STATUS_OK)
			err = hdf_set_valuef(req->hdf, "Result.Citations.%zu.Section=%s", i, title);
	}
	return nerr_pass(err);
}

NEOERR *wizkit_figure(struct request *req, int *n, const char *label, const char *value)
{
	NEOERR *err = hdf_set_valuef(req->hdf, "Result.Figures.%d.Label=%s", *n, label);

	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.Figures.%d.Value=%s", *n, value);
	(*n)++;
	return nerr_pass(err);
}

NEOERR *wizkit_link(struct request *req, int *n, const char *url, const char *title, const char *description)
{
	NEOERR *err = hdf_set_valuef(req->hdf, "Result.Requests.%d.Url=%s", *n, url);

	if (err == STATUS_OK)
		err = hdf_set_valuef(req->hdf, "Result.Requests.%d.Title=%s", *n, title);
	if (err == STATUS_OK && description)
		err = hdf_set_valuef(req->hdf, "Result.Requests.%d.Description=%s", *n, description);
	(*n)++;
	return nerr_pass(err);
}

NEOERR *wizkit_handbook_link(struct request *req, int *n, const char *slug, const char *why)
{
	char title[256], url[160], text[320];
	NEOERR *err = section_title(req, slug, title, sizeof title);

	if (err != STATUS_OK)
		return nerr_pass(err);
	snprintf(url, sizeof url, "/handbook/%s", slug);
	snprintf(text, sizeof text, "Read the handbook: %s", title);
	return nerr_pass(wizkit_link(req, n, url, text, why));
}

int wizkit_want_print(struct request *req)
{
	const char *p = request_param(req, "print");

	return p != NULL && strcmp(p, "1") == 0;
}
