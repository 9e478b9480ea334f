#include "core/html.h"

NEOERR *html_escape_append(STRING *out, const char *text, size_t len)
{
	NEOERR *err = STATUS_OK;
	size_t start = 0;

	for (size_t i = 0; i < len && err == STATUS_OK; i++) {
		const char *rep;

		switch (text[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		if (i > start)
			err = string_appendn(out, text + start, (int)(i - start));
		if (err == STATUS_OK)
			err = string_append(out, rep);
		start = i + 1;
	}
	if (err == STATUS_OK && len > start)
		err = string_appendn(out, text + start, (int)(len - start));
	return nerr_pass(err);
}
