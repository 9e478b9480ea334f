#include "publish/impact.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "forms/formdef.h"
#include "content/glossary.h"
#include "forms/requests.h"
#include "rules/rules.h"
#include "store/publishing.h"

/* Which tool gives the answers of which sections' rules (the rules module
 * cites these sections: rules_fmla.c cites FMLA and sick leave,
 * rules_leave_sharing.c leave sharing, rules_return_rights.c reversion,
 * career status and the glossary, rules_leave_calc.c annual and sick
 * leave, rules_holidays.c holidays and voting leave, and the fixed leaves
 * checked on the leave form funeral, voting and blood donation leave). */
static const struct impact_tool tools[] = {
	{ "Family and medical leave (FMLA) wizard",
	  "/wizards/fmla",
	  { "family-and-medical-leave-act-fmla", "sick-leave", NULL } },
	{ "Leave sharing wizard", "/wizards/leave-sharing", { "leave-sharing-programs", NULL } },
	{ "Return rights wizard (reversion, reemployment, reinstatement)",
	  "/wizards/return-rights",
	  { "reversion-reemployment-and-reinstatement", "career-status", "glossary", NULL } },
	{ "Annual leave calculator", "/calculators/annual-leave", { "annual-leave", NULL } },
	{ "Sick leave calculator", "/calculators/sick-leave", { "sick-leave", NULL } },
	{ "Holiday calculator", "/calculators/holidays", { "holidays", "voting-leave", NULL } },
	{ "Leave request form (checks funeral, voting and blood donation leave)",
	  "/forms/leave/new",
	  { "funeral-and-bereavement-leave", "voting-leave", "blood-donation-leave", "sick-leave", "annual-leave",
	    NULL } },
};

const struct impact_tool *impact_all_tools(size_t *count)
{
	*count = sizeof tools / sizeof tools[0];
	return tools;
}

size_t impact_tools(const char *slug, const struct impact_tool **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < sizeof tools / sizeof tools[0] && n < max; i++)
		for (size_t k = 0; k < IMPACT_TOOL_SLUGS && tools[i].slugs[k]; k++)
			if (strcmp(tools[i].slugs[k], slug) == 0) {
				out[n++] = &tools[i];
				break;
			}
	return n;
}

static NEOERR *set(HDF *hdf, const char *value, const char *fmt, const char *prefix, const char *list, int n,
		   const char *name)
{
	char key[192];

	snprintf(key, sizeof key, fmt, prefix, list, n, name);
	return nerr_pass(hdf_set_value(hdf, key, value ? value : ""));
}

#define SETF(list, n, name, value) set(hdf, (value), "%s.%s.%d.%s", prefix, (list), (n), (name))

struct to_hdf {
	HDF *hdf;
	const char *prefix;
	const char *form_title;
	const char *needle;
	int n;
};

/* <prefix>.<list>.N.{Id,Title}, the start of a request's or a campaign's row. */
static NEOERR *set_id_title(const struct to_hdf *h, const char *list, int64_t id, const char *title)
{
	HDF *hdf = h->hdf;
	const char *prefix = h->prefix;
	char v[24];
	NEOERR *err;

	snprintf(v, sizeof v, "%" PRId64, (int64_t)id);
	err = SETF(list, h->n, "Id", v);
	if (err == STATUS_OK)
		err = SETF(list, h->n, "Title", title);
	return nerr_pass(err);
}

static NEOERR *request_to_hdf(void *ctx, const struct store_publishing_request_row *r)
{
	struct to_hdf *h = ctx;
	HDF *hdf = h->hdf;
	const char *prefix = h->prefix;
	NEOERR *err = set_id_title(h, "Requests.Items", r->id, h->form_title);

	if (err == STATUS_OK)
		err = SETF("Requests.Items", h->n, "Status", requests_status_label(r->status));
	if (err == STATUS_OK)
		err = SETF("Requests.Items", h->n, "Owner", r->owner);
	h->n++;
	return nerr_pass(err);
}

static NEOERR *open_requests(struct db *db, const char *slug, HDF *hdf, const char *prefix)
{
	size_t nforms = 0;
	const struct form_def *forms = formdef_all(&nforms);
	struct to_hdf h = { hdf, prefix, NULL, NULL, 0 };
	int total = 0, nf = 0;
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < nforms && err == STATUS_OK; i++) {
		char url[96];
		int count = 0;

		if (strcmp(forms[i].handbook, slug) != 0)
			continue;
		snprintf(url, sizeof url, "/forms/%s/new", forms[i].key);
		err = SETF("Forms", nf, "Key", forms[i].key);
		if (err == STATUS_OK)
			err = SETF("Forms", nf, "Title", forms[i].title);
		if (err == STATUS_OK)
			err = SETF("Forms", nf, "Url", url);
		nf++;
		h.form_title = forms[i].title;
		if (err == STATUS_OK)
			err = store_publishing_open_requests(db, forms[i].key, 20, &count, request_to_hdf, &h);
		total += count;
	}
	if (err == STATUS_OK)
		err = hdf_set_valuef(hdf, "%s.Requests.Count=%d", prefix, total);
	return nerr_pass(err);
}

/* The glossary terms the page would link in this text (glossary.h). */
static NEOERR *terms_used(struct db *db, const char *doc_slug, const char *slug, const char *body_html,
			  const char *as_of, HDF *hdf, const char *prefix)
{
	HDF *scratch = NULL, *terms;
	int n = 0;
	/* Linked in a scratch HDF: the page's own stays as it is. */
	NEOERR *err = hdf_init(&scratch);

	if (err == STATUS_OK)
		err = hdf_set_value(scratch, "Probe.Slug", slug);
	if (err == STATUS_OK)
		err = hdf_set_value(scratch, "Probe.BodyHtml", body_html ? body_html : "");
	if (err == STATUS_OK)
		err = glossary_link_section(db, as_of, doc_slug, scratch, "Probe");
	terms = err == STATUS_OK ? hdf_get_obj(scratch, "Probe.Terms") : NULL;
	for (HDF *t = terms ? hdf_obj_child(terms) : NULL; t != NULL && err == STATUS_OK; t = hdf_obj_next(t)) {
		err = SETF("Terms", n, "Slug", hdf_get_value(t, "Slug", ""));
		if (err == STATUS_OK)
			err = SETF("Terms", n, "Term", hdf_get_value(t, "Term", ""));
		n++;
	}
	hdf_destroy(&scratch);
	return nerr_pass(err);
}

static NEOERR *link_to_hdf(void *ctx, const struct store_publishing_link_row *r)
{
	struct to_hdf *h = ctx;
	HDF *hdf = h->hdf;
	const char *prefix = h->prefix, *p = r->body_md;
	size_t len = strlen(h->needle);
	int real = 0;
	char url[300];
	NEOERR *err;

	/* "/handbook/leave" is not a link to "/handbook/leave-sharing-programs". */
	while (!real && (p = strstr(p, h->needle)) != NULL) {
		char next = p[len];

		real = !((next >= 'a' && next <= 'z') || (next >= '0' && next <= '9') || next == '-');
		p += len;
	}
	if (!real)
		return STATUS_OK;
	snprintf(url, sizeof url, "/%s/%s", r->doc_slug, r->slug);
	err = SETF("Links", h->n, "Url", url);
	if (err == STATUS_OK)
		err = SETF("Links", h->n, "Title", r->title);
	h->n++;
	return nerr_pass(err);
}

/* Current sections of any document whose Markdown links to this one. */
static NEOERR *links_here(struct db *db, const char *doc_slug, const char *slug, int64_t section_id, const char *as_of,
			  HDF *hdf, const char *prefix)
{
	char needle[256];
	struct to_hdf h = { hdf, prefix, NULL, needle, 0 };

	snprintf(needle, sizeof needle, "/%s/%s", doc_slug, slug);
	return nerr_pass(store_publishing_linking(db, needle, as_of, section_id, link_to_hdf, &h));
}

static NEOERR *campaign_to_hdf(void *ctx, const struct store_publishing_campaign_row *r)
{
	struct to_hdf *h = ctx;
	HDF *hdf = h->hdf;
	const char *prefix = h->prefix;
	NEOERR *err = set_id_title(h, "Campaigns", r->id, r->title);

	if (err == STATUS_OK)
		err = SETF("Campaigns", h->n, "Due", r->due_on);
	h->n++;
	return nerr_pass(err);
}

NEOERR *impact_section(struct db *db, const char *doc_slug, const char *slug, int64_t section_id, const char *body_html,
		       const char *as_of, HDF *hdf, const char *prefix)
{
	NEOERR *err = STATUS_OK;
	int handbook = strcmp(doc_slug, "handbook") == 0;

	if (handbook) {
		const struct impact_tool *found[8];
		size_t n = impact_tools(slug, found, 8), ncites = 0;
		const rules_citation *c = rules_all_citations(&ncites);
		int k = 0;

		for (size_t i = 0; i < n && err == STATUS_OK; i++) {
			err = SETF("Tools", (int)i, "Name", found[i]->name);
			if (err == STATUS_OK)
				err = SETF("Tools", (int)i, "Url", found[i]->url);
		}
		for (size_t i = 0; i < ncites && err == STATUS_OK; i++) {
			char key[160];

			if (strcmp(c[i].slug, slug) != 0)
				continue;
			snprintf(key, sizeof key, "%s.Cites.%d", prefix, k++);
			err = hdf_set_value(hdf, key, c[i].cite);
		}
		if (err == STATUS_OK)
			err = open_requests(db, slug, hdf, prefix);
	}
	if (err == STATUS_OK)
		err = terms_used(db, doc_slug, slug, body_html, as_of, hdf, prefix);
	if (err == STATUS_OK)
		err = links_here(db, doc_slug, slug, section_id, as_of, hdf, prefix);
	if (err == STATUS_OK) {
		struct to_hdf h = { hdf, prefix, NULL, NULL, 0 };

		err = store_publishing_campaigns_on(db, section_id, campaign_to_hdf, &h);
	}
	return nerr_pass(err);
}
