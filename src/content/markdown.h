/* markdown: the portal's content format. Sections and glossary definitions
 * are stored as Markdown (CommonMark with GitHub tables) and rendered to
 * HTML by cmark-gfm in safe mode: raw HTML in the source is never passed
 * through and link targets other than http(s), mailto and local paths are
 * dropped. The importer writes Markdown with md_* builders, which escape the
 * source text so that it always reads back as the same words. */
#ifndef HR_MARKDOWN_H
#define HR_MARKDOWN_H

#include <ClearSilver.h>
#include <stddef.h>

/* Largest Markdown source the portal renders (hostile input guard). */
#define MARKDOWN_MAX_SOURCE (512 * 1024)
/* Deepest nesting of lists/quotes accepted before the source is refused. */
#define MARKDOWN_MAX_DEPTH 16

/* Render Markdown to HTML and to plain text (for search and snippets).
 * Both outputs are newly allocated (free()). Fails with HR_ERR_BAD_REQUEST
 * when the source is too large or nested too deeply. */
NEOERR *markdown_render(const char *md, size_t len, char **html, char **text);

/* --- Building Markdown from plain text --------------------------------- */

/* Append text so that Markdown shows it literally (inline context). */
NEOERR *md_append_text(STRING *out, const char *text);
/* A paragraph of literal text, followed by a blank line. */
NEOERR *md_paragraph(STRING *out, const char *text);
/* A heading (level 2..6) of literal text. */
NEOERR *md_heading(STRING *out, int level, const char *text);
/* One list item at a depth (0 = top). number > 0 makes it an ordered item
 * with that number; 0 a bullet. Call md_end_block after the last item. */
NEOERR *md_list_item(STRING *out, int depth, int number, const char *text);
/* A GFM table: rows of ncols cells, the first row is the header. */
NEOERR *md_table(STRING *out, const char *const *cells, size_t nrows, size_t ncols);
/* End the current block (a blank line). */
NEOERR *md_end_block(STRING *out);

#endif
