/* impact: what depends on a section, shown to HR before they publish a
 * change to it.
 *
 *   - the wizards and calculators whose rules cite it: the rules module's
 *     (cite, section) pairs (rules_all_citations) tell which of its
 *     citations point at the section, and impact_tools says which tool
 *     gives the answers of each section's rules;
 *   - the forms that follow it (formdef: each form names its section);
 *   - the glossary terms its text uses;
 *   - the requests still open under those forms (pending, or decided and
 *     awaiting the employee);
 *   - the other sections whose text links to it;
 *   - the acknowledgement campaigns on it.
 * All of it goes into HDF for the edit page. */
#ifndef HR_IMPACT_H
#define HR_IMPACT_H

#include <ClearSilver.h>
#include <stddef.h>

#include "store/db.h"

#define IMPACT_TOOL_SLUGS 6

struct impact_tool {
	const char *name;                     /* "Family and medical leave (FMLA) wizard" */
	const char *url;                      /* "/wizards/fmla" */
	const char *slugs[IMPACT_TOOL_SLUGS]; /* handbook sections its rules cite (NULL-ended) */
};

/* Pure: the portal's tools whose rules cite handbook section slug; at most
 * max of them into out. Returns their number. */
size_t impact_tools(const char *slug, const struct impact_tool **out, size_t max);

/* Pure: every tool (tests check that each section the rules cite has one). */
const struct impact_tool *impact_all_tools(size_t *count);

/* Fill <prefix>.{Tools.N.{Name,Url},Cites.N,Forms.N.{Key,Title,Url},
 * Terms.N.{Slug,Term},Requests.{Count,Items.N.{Id,Title,Status,Owner}},
 * Links.N.{Url,Title},Campaigns.N.{Id,Title,Due}} for a section of a
 * document; body_html is the text to find glossary terms in (the draft's
 * rendering: the terms the page would link, glossary.h), as_of the date
 * for reading terms. */
NEOERR *impact_section(struct db *db, const char *doc_slug, const char *slug, int64_t section_id, const char *body_html,
		       const char *as_of, HDF *hdf, const char *prefix);

#endif
