/* render: ClearSilver templates to HTML (or text, for email).
 *
 * A page template defines its content as the macro content() and ends by
 * including layout.cs, which draws the shared frame (header, navigation,
 * footer) around it. Every variable is HTML-escaped (Config.VarEscapeMode
 * is "html" in each request's HDF); templates print HTML that the portal
 * produced itself (rendered Markdown) only from HDF names ending in "Html",
 * with uvar:, and a test checks that rule over all templates. */
#ifndef HR_RENDER_H
#define HR_RENDER_H

#include <ClearSilver.h>

#include "web/request.h"

/* Render templates/<name> with the request's HDF into the response body. */
NEOERR *render_page(struct request *req, const char *name);

/* Render a template with any HDF (which must carry Config.VarEscapeMode and
 * hdf.loadpaths) into out. */
NEOERR *render_template(HDF *hdf, const char *name, STRING *out);

/* Free the templates parsed and cached by this process (at exit, so leak
 * checkers see a clean process; templates are otherwise kept for its life). */
void render_cache_clear(void);

#endif
