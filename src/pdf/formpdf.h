/* formpdf: a request as a PDF document that mirrors the official form —
 * the Commonwealth header and the form's title on every page, who filed it,
 * every field of the form in its sections, the wizard result and the rules'
 * check, the leave-sharing ledger or the grievance's review levels, the
 * history, the signature and date lines, and page numbers (pdf.h draws
 * them). Drawn from the request's view model (reqview.h), so the document
 * says exactly what the request page says. */
#ifndef HR_FORMPDF_H
#define HR_FORMPDF_H

#include <ClearSilver.h>
#include <stddef.h>

/* req is the node reqview_fill() wrote (e.g. hdf_get_obj(hdf, "Request")).
 * On success *data is a malloc'd PDF of *len bytes. */
NEOERR *formpdf_render(HDF *req, unsigned char **data, size_t *len);

#endif
