/* pagekit: what several page handlers share, so that no handler calls
 * into another: the navigation of signed-in and admin pages, the CSRF
 * token of a form, a repeated parameter, the request in the path that the
 * user may see, the notice every signed-in page shows; and for the
 * publishing pages, a number parameter, a document's structure and the
 * audit row of an action. */
#ifndef HR_PAGEKIT_H
#define HR_PAGEKIT_H

#include <stddef.h>
#include <stdint.h>

#include "web/request.h"

struct db;
struct request_row;

/* The navigation of signed-in pages (forms, my requests, inbox, all
 * requests and publishing by role). */
NEOERR *pagekit_nav(struct request *req);
/* The same, marked as an admin page. */
NEOERR *pagekit_admin_nav(struct request *req);
/* The CSRF token for a form posting to action, as HDF value name. */
NEOERR *pagekit_form_token(struct request *req, const char *action, const char *name);
/* Every value of a parameter sent several times (a list of checkboxes),
 * at most max; -1 when there are more, or one is not clean text. */
int pagekit_param_list(struct request *req, const char *name, const char **out, size_t max, size_t *n);
/* The request whose id is the path's first argument, if the user may see
 * it (HR_ERR_NOT_FOUND or HR_ERR_FORBIDDEN otherwise). */
NEOERR *pagekit_visible_request(struct request *req, struct request_row *row);
/* For every signed-in page (router.c): Notice.Acknowledgements = how many
 * policies the user still has to acknowledge. Never fails the page. */
void pagekit_signed_in_notice(struct request *req);

/* s as a whole number from 0 to max (digits only); -1 otherwise. */
int pagekit_parse_int(const char *s, int64_t max, int64_t *out);

/* One entry of a document's structure, in reading order; depth below the
 * top level. */
struct pagekit_toc_row {
	int64_t id, parent;
	char kind[16];
	char slug[128];
	char title[256];
	int retired, latest, depth;
};

/* Every part, group and section of the document (retired ones too);
 * *rows is the caller's to free. */
NEOERR *pagekit_load_structure(struct db *db, int64_t document_id, struct pagekit_toc_row **rows, size_t *n);
/* The places a section can go: "<parent>:<after>" with a label, for each
 * part and group (and the top level): its start, then after each of its
 * visible entries, as prefix.N.Value and .Label. moving (0: a new section)
 * and its subtree are left out; the moving section's own place is marked
 * Selected. */
NEOERR *pagekit_place_options(struct request *req, const struct pagekit_toc_row *rows, size_t n, int64_t moving,
			      const char *moving_kind, const char *prefix);
/* A place parameter, "<parent id>:<after id>"; -1 when it is not one. */
int pagekit_parse_place(const char *s, int64_t *parent, int64_t *after);

/* An audit row, written inside an action's transaction: pass
 * pagekit_audit_then and a struct pagekit_audit as the action's then. */
struct pagekit_audit {
	struct request *req;
	const char *action, *target, *detail;
};
NEOERR *pagekit_audit_then(struct db *db, void *ctx);

#endif
