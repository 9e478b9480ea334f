#include "publish/impact.h"

#include <stdio.h>
#include <string.h>

#include "forms/formdef.h"
#include "content/glossary.h"
#include "forms/requests.h"
#include "rules/rules.h"

/* Which tool gives the answers of which sections' rules (the rules module
 * cites these sections: rules_fmla.c cites FMLA and sick leave,
 * rules_leave_sharing.c leave sharing, rules_return_rights.c reversion,
 * career status and the glossary, rules_leave_calc.c annual and sick
 * leave, rules_holidays.c holidays and voting leave, and the fixed leaves
 * checked on the leave form funeral, voting and blood donation leave). */
static const struct impact_tool tools[] = {
	{ "Family and medical leave (FMLA) wizard", "/wizards/fmla",
	  { "family-and-medical-leave-act-fmla", "sick-leave", NULL } },
	{ "Leave sharing wizard", "/wizards/leave-sharing", { "leave-sharing-programs", NULL } },
	{ "Return rights wizard (reversion, reemployment, reinstatement)", "/wizards/return-rights",
	  { "reversion-reemployment-and-reinstatement", "career-status", "glossary", NULL } },
	{ "Annual leave calculator", "/calculators/annual-leave", { "annual-leave", NULL } },
	{ "Sick leave calculator", "/calculators/sick-leave", { "sick-leave", NULL } },
	{ "Holiday calculator", "/calculators/holidays", { "holidays", "voting-leave", NULL } },
	{ "Leave request form (checks funeral, voting and blood donation leave)", "/forms/leave/new",
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

static NEOERR *open_requests(struct db *db, const char *slug, HDF *hdf, const char *prefix)
{
	size_t nforms = 0;
	const struct form_def *forms = formdef_all(&nforms);
	int shown = 0, total = 0, nf = 0;
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < nforms && err == STATUS_OK; i++) {
		struct db_stmt *st = NULL;
		int row = 0;
		char url[96];

		if (strcmp(forms[i].handbook, slug) != 0)
			continue;
		snprintf(url, sizeof url, "/forms/%s/new", forms[i].key);
		err = SETF("Forms", nf, "Key", forms[i].key);
		if (err == STATUS_OK) err = SETF("Forms", nf, "Title", forms[i].title);
		if (err == STATUS_OK) err = SETF("Forms", nf, "Url", url);
		nf++;
		if (err == STATUS_OK)
			err = db_stmt(db, "SELECT r.id, r.status, u.name FROM requests r JOIN users u ON u.id = r.owner_id "
				      "WHERE r.type = ?1 AND r.status IN ('pending', 'decided') ORDER BY r.id LIMIT 20", &st);
		if (err == STATUS_OK) err = db_bind_text(db, st, 1, forms[i].key);
		while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
			err = SETF("Requests.Items", shown, "Id", db_text(st, 0));
			if (err == STATUS_OK) err = SETF("Requests.Items", shown, "Title", forms[i].title);
			if (err == STATUS_OK) err = SETF("Requests.Items", shown, "Status", requests_status_label(db_text(st, 1)));
			if (err == STATUS_OK) err = SETF("Requests.Items", shown, "Owner", db_text(st, 2));
			shown++;
		}
		db_done(st);
		/* The count, whether or not every one of them is listed. */
		if (err == STATUS_OK)
			err = db_stmt(db, "SELECT count(*) FROM requests WHERE type = ?1 AND status IN ('pending', 'decided')", &st);
		if (err == STATUS_OK) err = db_bind_text(db, st, 1, forms[i].key);
		if (err == STATUS_OK) err = db_step(db, st, &row);
		if (err == STATUS_OK && row)
			total += db_int(st, 0);
		db_done(st);
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

	if (err == STATUS_OK) err = hdf_set_value(scratch, "Probe.Slug", slug);
	if (err == STATUS_OK) err = hdf_set_value(scratch, "Probe.BodyHtml", body_html ? body_html : "");
	if (err == STATUS_OK) err = glossary_link_section(db, as_of, doc_slug, scratch, "Probe");
	terms = err == STATUS_OK ? hdf_get_obj(scratch, "Probe.Terms") : NULL;
	for (HDF *t = terms ? hdf_obj_child(terms) : NULL; t != NULL && err == STATUS_OK; t = hdf_obj_next(t)) {
		err = SETF("Terms", n, "Slug", hdf_get_value(t, "Slug", ""));
		if (err == STATUS_OK) err = SETF("Terms", n, "Term", hdf_get_value(t, "Term", ""));
		n++;
	}
	hdf_destroy(&scratch);
	return nerr_pass(err);
}

/* Current sections of any document whose Markdown links to this one. */
static NEOERR *links_here(struct db *db, const char *doc_slug, const char *slug, int64_t section_id,
			  const char *as_of, HDF *hdf, const char *prefix)
{
	struct db_stmt *st = NULL;
	char needle[256];
	int row = 0, n = 0;
	NEOERR *err;

	snprintf(needle, sizeof needle, "/%s/%s", doc_slug, slug);
	err = db_stmt(db,
		"SELECT d.slug, s.slug, v.title, v.body_md FROM sections s JOIN documents d ON d.id = s.document_id "
		"JOIN section_versions v ON v.id = (SELECT w.id FROM section_versions w WHERE w.section_id = s.id "
		"AND w.effective_date <= ?2 ORDER BY w.effective_date DESC, w.version DESC LIMIT 1) "
		"WHERE s.retired = 0 AND s.id <> ?3 AND instr(v.body_md, ?1) > 0 ORDER BY d.sort, s.sort LIMIT 50", &st);
	if (err == STATUS_OK) err = db_bind_text(db, st, 1, needle);
	if (err == STATUS_OK) err = db_bind_text(db, st, 2, as_of);
	if (err == STATUS_OK) err = db_bind_int(db, st, 3, section_id);
	while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
		const char *md = db_text(st, 3), *p = md;
		int real = 0;
		char url[300];

		/* "/handbook/leave" is not a link to "/handbook/leave-sharing-programs". */
		while (!real && (p = strstr(p, needle)) != NULL) {
			char next = p[strlen(needle)];

			real = !((next >= 'a' && next <= 'z') || (next >= '0' && next <= '9') || next == '-');
			p += strlen(needle);
		}
		if (!real)
			continue;
		snprintf(url, sizeof url, "/%s/%s", db_text(st, 0), db_text(st, 1));
		err = SETF("Links", n, "Url", url);
		if (err == STATUS_OK) err = SETF("Links", n, "Title", db_text(st, 2));
		n++;
	}
	db_done(st);
	return nerr_pass(err);
}

NEOERR *impact_section(struct db *db, const char *doc_slug, const char *slug, int64_t section_id,
		       const char *body_html, const char *as_of, HDF *hdf, const char *prefix)
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
			if (err == STATUS_OK) err = SETF("Tools", (int)i, "Url", found[i]->url);
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
		struct db_stmt *st = NULL;
		int row = 0, n = 0;

		err = db_stmt(db, "SELECT id, title, due_on FROM ack_campaigns WHERE section_id = ?1 ORDER BY id", &st);
		if (err == STATUS_OK) err = db_bind_int(db, st, 1, section_id);
		while (err == STATUS_OK && (err = db_step(db, st, &row)) == STATUS_OK && row) {
			err = SETF("Campaigns", n, "Id", db_text(st, 0));
			if (err == STATUS_OK) err = SETF("Campaigns", n, "Title", db_text(st, 1));
			if (err == STATUS_OK) err = SETF("Campaigns", n, "Due", db_text(st, 2));
			n++;
		}
		db_done(st);
	}
	return nerr_pass(err);
}
