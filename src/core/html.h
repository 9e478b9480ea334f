/* html: building HTML that the portal produces itself (diffs, highlighted
 * snippets, linked glossary terms). Every piece of text goes through
 * html_escape_append, which escapes & < > " ' the way ClearSilver's html
 * escaping does, so the result is safe to print with uvar:. */
#ifndef HR_HTML_H
#define HR_HTML_H

#include <ClearSilver.h>
#include <stddef.h>

/* Append len bytes of text, escaped for HTML text and attribute values. */
NEOERR *html_escape_append(STRING *out, const char *text, size_t len);

#endif
