/* usertmpl: ClearSilver templates written by HR in the portal (announcement
 * templates), which are data, not installed files, so they get none of the
 * trust the portal's own templates/ get.
 *
 * - usertmpl_check() allows only the commands that read values and choose
 *   between them: var, if/elif/else, each, with and comments. Everything
 *   else is refused, in particular include and linclude (read files), evar
 *   and lvar (evaluate text as a template), uvar and escape (bypass HTML
 *   escaping), alt and name (ClearSilver 0.10.5 prints them unescaped), set
 *   (writes the data, e.g. Config.*), def/call and loop (unbounded work).
 *   Blocks must nest properly (if ... elif ... else ... /if, each ... /each,
 *   with ... /with). The scan is stricter than ClearSilver's own
 *   lexer: any "<?cs" opens a command, whatever follows it.
 * - usertmpl_render() parses the text with cs_parse_string() under
 *   Config.VarEscapeMode=html and renders it against a caller-made HDF that
 *   holds only the values meant for the template; its output is capped.
 *
 * The output is Markdown: callers render it with markdown_render() (safe
 * mode), so literal HTML in a template is dropped and links are checked,
 * whatever the template's author wrote. */
#ifndef HR_USERTMPL_H
#define HR_USERTMPL_H

#include <ClearSilver.h>
#include <stddef.h>

#define USERTMPL_MAX_SOURCE (16 * 1024) /* bytes of template text */
#define USERTMPL_MAX_OUTPUT (64 * 1024) /* bytes a rendering may produce */
#define USERTMPL_MAX_DEPTH 16           /* if/each/with blocks inside each other */

/* Pure: NULL when the template uses only allowed commands and is not too
 * long; otherwise a sentence for HR saying what is wrong (written into msg,
 * which is returned). */
const char *usertmpl_check(const char *src, char *msg, size_t msgsz);

/* Check, parse and render src with data (which must not be the request's
 * HDF: build one with only the template's values). Raises
 * HR_ERR_BAD_REQUEST with a message for HR when the template is refused or
 * does not parse or render (a syntax error, an output too large). */
NEOERR *usertmpl_render(const char *src, HDF *data, STRING *out);

#endif
