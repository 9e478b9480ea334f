#include "render.h"

#include <string.h>

static NEOERR *append_output(void *ctx, char *text)
{
	return nerr_pass(string_append((STRING *)ctx, text));
}

NEOERR *render_template(HDF *hdf, const char *name, STRING *out)
{
	CSPARSE *cs = NULL;
	NEOERR *err = cs_init(&cs, hdf);

	if (err == STATUS_OK)
		err = cgi_register_strfuncs(cs);
	if (err == STATUS_OK)
		err = cs_parse_file(cs, name);
	if (err == STATUS_OK)
		err = cs_render(cs, out, append_output);
	cs_destroy(&cs);
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
