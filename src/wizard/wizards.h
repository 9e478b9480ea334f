/* wizards: the portal's wizards and calculators as tables for the step
 * engine (wizard.h), worded for employees from the Employee Handbook.
 *
 * What it offers:
 *   - the FMLA, leave sharing and return rights wizards (wizards_find by
 *     URL slug, wizards_all for the index page); every question's name is
 *     the JSON API's parameter name, so a wizard's answers are the API's
 *     query string;
 *   - the calculators' form fields (service months and workweek; year);
 *   - where each wizard's "start a request" links go (the forms) and which
 *     handbook section it explains;
 *   - the "Find out and ask" list for the home page and the navigation
 *     entry, in one place.
 * No I/O; the handlers live in web/pages/pages_wizards.c and
 * pages_calculators.c. */
#ifndef HR_WIZARDS_H
#define HR_WIZARDS_H

#include <ClearSilver.h>
#include <stddef.h>

#include "wizard/wizard.h"

extern const struct wizard_def wizard_fmla;
extern const struct wizard_def wizard_leave_sharing;
extern const struct wizard_def wizard_return_rights;

/* By URL slug ("fmla", "leave-sharing", "return-rights"), or NULL. */
const struct wizard_def *wizards_find(const char *slug);
/* All wizards, in index order. */
const struct wizard_def *const *wizards_all(size_t *count);

/* Calculator forms, each a NULL-terminated field list. */
extern const struct wz_field wizards_leave_calc_fields[]; /* service_months, week_hours */
extern const struct wz_field wizards_holiday_fields[];    /* year */

/* The form a leave-sharing answer starts (role and program from the API's
 * values): "sick-leave-sharing", "sick-leave-donation",
 * "annual-leave-sharing" or "annual-leave-donation"; NULL if unknown. */
const char *wizards_leave_sharing_form(const char *role, const char *program);

/* A wizard or calculator as the home page and search list it. */
struct wizards_tool {
	const char *key, *url, *title, *description;
	const struct wz_field *fields; /* a calculator's form; NULL for a wizard */
};

/* The tool at url ("/calculators/holidays"), or NULL. */
const struct wizards_tool *wizards_tool_find(const char *url);

/* Tools.<key>.{Url,Title,Description} for the home page's "Find out and
 * ask" list. */
NEOERR *wizards_home_tools(HDF *hdf);

/* Nav.wizards.{Url,Title,Section} for the main navigation (every page). */
NEOERR *wizards_nav(HDF *hdf);

#endif
