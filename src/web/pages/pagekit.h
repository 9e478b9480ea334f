/* pagekit: what several page handlers share, so that no handler calls
 * into another: the navigation of signed-in and admin pages, the CSRF
 * token of a form, a repeated parameter, the request in the path that the
 * user may see, and the notice every signed-in page shows. */
#ifndef HR_PAGEKIT_H
#define HR_PAGEKIT_H

#include <stddef.h>

#include "web/request.h"

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

#endif
