#include "web/render.h"

#include <stdlib.h>
#include <string.h>

#include "core/log.h"

/* Parsed templates, kept for the life of the process. Parsing a page and
 * freeing its tree cost several times more than rendering it, and a
 * FastCGI process renders the same few templates thousands of times.
 * ClearSilver binds a parse tree to the HDF given to cs_init; the tree
 * itself holds no request data, so each render points the cached parse at
 * the request's HDF (cs->hdf) for the duration of cs_render. Templates are
 * installed files: a new version means restarting the processes. */
#define TEMPLATE_CACHE_SLOTS 64

struct cached_template {
	char *name;
	CSPARSE *cs;
	HDF *parse_hdf; /* escaping mode and load path used while parsing */
};

static struct cached_template cache[TEMPLATE_CACHE_SLOTS];
static int cache_disabled = -1;

static NEOERR *append_output(void *ctx, char *text)
{
	return nerr_pass(string_append((STRING *)ctx, text));
}

/* Parse a template with an HDF carrying only the settings that parsing
 * reads (escape mode, load path) copied from the caller's HDF. */
static NEOERR *parse_template(HDF *hdf, const char *name, CSPARSE **out, HDF **parse_hdf)
{
	HDF *ph = NULL;
	CSPARSE *cs = NULL;
	NEOERR *err = hdf_init(&ph);

	*out = NULL;
	*parse_hdf = NULL;
	if (err == STATUS_OK)
		err = hdf_set_value(ph, "Config.VarEscapeMode", hdf_get_value(hdf, "Config.VarEscapeMode", "html"));
	if (err == STATUS_OK)
		err = hdf_set_value(ph, "hdf.loadpaths.0", hdf_get_value(hdf, "hdf.loadpaths.0", "."));
	if (err == STATUS_OK)
		err = cs_init(&cs, ph);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(cs);
	if (err == STATUS_OK)
		err = cs_parse_file(cs, name);
	if (err != STATUS_OK) {
		cs_destroy(&cs);
		hdf_destroy(&ph);
		return nerr_pass(err);
	}
	*out = cs;
	*parse_hdf = ph;
	return STATUS_OK;
}

static NEOERR *cached_parse(HDF *hdf, const char *name, CSPARSE **out)
{
	int free_slot = -1;

	for (int i = 0; i < TEMPLATE_CACHE_SLOTS; i++) {
		if (cache[i].name == NULL) {
			if (free_slot < 0)
				free_slot = i;
		} else if (strcmp(cache[i].name, name) == 0) {
			*out = cache[i].cs;
			return STATUS_OK;
		}
	}
	if (free_slot < 0)
		return nerr_raise(NERR_ASSERT, "template cache full (%d templates)", TEMPLATE_CACHE_SLOTS);
	{
		NEOERR *err = parse_template(hdf, name, &cache[free_slot].cs, &cache[free_slot].parse_hdf);

		if (err != STATUS_OK)
			return nerr_pass(err);
		cache[free_slot].name = strdup(name);
		if (cache[free_slot].name == NULL) {
			cs_destroy(&cache[free_slot].cs);
			hdf_destroy(&cache[free_slot].parse_hdf);
			return nerr_raise(NERR_NOMEM, "template cache");
		}
		*out = cache[free_slot].cs;
	}
	return STATUS_OK;
}

void render_cache_clear(void)
{
	for (int i = 0; i < TEMPLATE_CACHE_SLOTS; i++) {
		free(cache[i].name);
		cs_destroy(&cache[i].cs);
		hdf_destroy(&cache[i].parse_hdf);
		cache[i].name = NULL;
	}
}

NEOERR *render_template(HDF *hdf, const char *name, STRING *out)
{
	CSPARSE *cs = NULL;
	NEOERR *err;

	if (cache_disabled < 0) {
		const char *v = getenv("HRPORTAL_TEMPLATE_CACHE");

		cache_disabled = v != NULL && strcmp(v, "0") == 0;
	}
	if (cache_disabled) {
		HDF *ph = NULL;

		err = parse_template(hdf, name, &cs, &ph);
		if (err == STATUS_OK) {
			cs->hdf = hdf;
			err = cs_render(cs, out, append_output);
			cs->hdf = ph;
		}
		cs_destroy(&cs);
		hdf_destroy(&ph);
		return nerr_pass(err);
	}
	err = cached_parse(hdf, name, &cs);
	if (err == STATUS_OK) {
		HDF *parse_hdf = cs->hdf;

		cs->hdf = hdf;
		err = cs_render(cs, out, append_output);
		cs->hdf = parse_hdf;
	}
	return nerr_pass(err);
}

NEOERR *render_page(struct request *req, const char *name)
{
	STRING page;
	NEOERR *err;

	/* Render aside first: a template error must not leave half a page. */
	string_init(&page);
	err = render_template(req->hdf, name, &page);
	if (err == STATUS_OK) {
		int lead = 0;

		/* Template definitions leave blank lines before the doctype. */
		while (lead < page.len && (page.buf[lead] == '\n' || page.buf[lead] == ' '))
			lead++;
		if (lead > 0) {
			memmove(page.buf, page.buf + lead, (size_t)(page.len - lead) + 1);
			page.len -= lead;
		}
		string_clear(&req->body);
		req->body = page;
		req->content_type = "text/html; charset=utf-8";
		return STATUS_OK;
	}
	string_clear(&page);
	return nerr_pass(err);
}
