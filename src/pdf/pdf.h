/* pdf: printable documents drawn with libharu, without the caller knowing it.
 *
 * Two kinds of document share one handle type:
 *
 *  - form documents: a filed request or wizard result laid out like the
 *    official paper form. Every page carries the Commonwealth header
 *    ("Commonwealth of Kentucky" / "Personnel Cabinet" / form title / the
 *    reference line) and a "Page N of M" footer. The body is a sequence of
 *    sections, label/value rows, paragraphs, tables (the request history)
 *    and signature lines, each flowing onto new pages as needed.
 *
 *  - book documents: the Employee Handbook. A title page, a table of
 *    contents with page numbers and links, PDF bookmarks, then parts and
 *    sections whose bodies are Markdown (CommonMark + GFM tables).
 *
 * All text is UTF-8. The PDF uses the standard fonts (Helvetica, Courier)
 * with WinAnsiEncoding, so text is converted to Windows-1252: typographic
 * quotes, dashes, bullets, the section sign, accented Latin letters and the
 * like print as such; any other character prints as '?'. Invalid UTF-8 and
 * control characters are replaced too, never rejected. A NULL string is
 * treated as empty.
 *
 * Errors: every function returning NEOERR * returns STATUS_OK (NULL) on
 * success. After the first error a document refuses further drawing (each
 * call returns an error) and should be freed with pdf_free(). libharu
 * failures come back as NERR_SYSTEM, allocation failures as NERR_NOMEM,
 * misuse (wrong document kind, NULL handle, call after pdf_finish) as
 * NERR_ASSERT, text above PDF_MAX_TEXT bytes as NERR_OUTOFRANGE.
 *
 * A document is not thread-safe; separate documents are independent.
 *
 * Form example:
 *
 *	pdf_doc *doc = NULL;
 *	unsigned char *bytes = NULL;
 *	size_t len = 0;
 *	NEOERR *err = pdf_form_new(&doc, "Sick Leave Donation Form",
 *	                           "Request #42 \xc2\xb7 filed 2026-11-23");
 *	if (!err) err = pdf_form_section(doc, "Donor");
 *	if (!err) err = pdf_form_field(doc, "Name", "Jane Doe");
 *	if (!err) err = pdf_form_history_begin(doc);
 *	if (!err) err = pdf_form_history_row(doc, "2026-11-23 09:14",
 *	                                     "jdoe", "Filed", "");
 *	if (!err) err = pdf_form_signature(doc, "Employee signature",
 *	                                   "Jane Doe", "2026-11-23 09:14");
 *	if (!err) err = pdf_finish(doc, &bytes, &len);
 *	pdf_free(doc);
 *	... send bytes/len, then free(bytes); log err if any ...
 *
 * Book example:
 *
 *	err = pdf_book_new(&doc, "Employee Handbook",
 *	                   "Current as of 2026-11-23");
 *	if (!err) err = pdf_book_chapter(doc, PDF_PART,
 *	                                 "General Information", NULL);
 *	if (!err) err = pdf_book_chapter(doc, PDF_SECTION, "The Merit System",
 *	                                 "The **Merit System** ...\n\n- one\n- two\n");
 *	if (!err) err = pdf_finish(doc, &bytes, &len);
 *	pdf_free(doc);
 */
#ifndef HR_PDF_H
#define HR_PDF_H

#include <stddef.h>
#include <ClearSilver.h>

/* Largest text accepted in one call (bytes of UTF-8); larger is an error
 * rather than hundreds of pages nobody asked for. */
#define PDF_MAX_TEXT (4u * 1024u * 1024u)

/* Most columns a form table may have. */
#define PDF_MAX_COLUMNS 16

typedef struct pdf_doc pdf_doc;

/* Heading levels of book chapters. Parts start on a new page; sections and
 * subsections flow after the previous text. All appear in the table of
 * contents and the bookmarks, nested by level. */
enum pdf_level { PDF_PART = 0, PDF_SECTION = 1, PDF_SUBSECTION = 2 };

/* ---- Form documents ---------------------------------------------------- */

/* Start a form document. title is printed in every page header and used as
 * the document title; reference (may be NULL) is printed under it, e.g.
 * "Request #42 · filed 2026-11-23". */
NEOERR *pdf_form_new(pdf_doc **doc, const char *title, const char *reference);

/* A section heading (a shaded band across the page), kept with what follows. */
NEOERR *pdf_form_section(pdf_doc *doc, const char *heading);

/* A label/value row: label in bold on the left, value wrapped on the right.
 * Newlines in value are kept; long values continue onto further pages. */
NEOERR *pdf_form_field(pdf_doc *doc, const char *label, const char *value);

/* A free paragraph across the full width (newlines kept). */
NEOERR *pdf_form_paragraph(pdf_doc *doc, const char *text);

/* Markdown across the full width (same rendering as book chapters; no
 * table of contents entry). For policy text quoted on a form. */
NEOERR *pdf_form_markdown(pdf_doc *doc, const char *markdown);

/* A table with a shaded header row that is repeated on every page the table
 * reaches. ncols is 1..PDF_MAX_COLUMNS; headers has ncols strings. weights
 * (may be NULL) gives relative column widths; NULL sizes columns by their
 * content. Rows are collected and drawn by pdf_form_table_end() (or by the
 * next non-table call, or by pdf_finish). Cells wrap; a row taller than a
 * page is split across pages. */
NEOERR *pdf_form_table_begin(pdf_doc *doc, int ncols, const char *const *headers, const double *weights);
/* One row of ncols cells (NULL entries are empty). */
NEOERR *pdf_form_table_row(pdf_doc *doc, const char *const *cells);
NEOERR *pdf_form_table_end(pdf_doc *doc);

/* The request history: a table with columns When / Who / Action / Note.
 * history_row needs an open table from history_begin. */
NEOERR *pdf_form_history_begin(pdf_doc *doc);
NEOERR *pdf_form_history_row(pdf_doc *doc, const char *when, const char *who, const char *action, const char *note);

/* A signature line: "<label>: ________  Date: ______". If name and/or date
 * are given (may be NULL) they are printed just above their blanks, as an
 * electronic signature and its timestamp. */
NEOERR *pdf_form_signature(pdf_doc *doc, const char *label, const char *name, const char *date);

/* ---- Book documents ---------------------------------------------------- */

/* Start a book: draws the title page (title, subtitle such as
 * "Current as of 2026-11-23"; subtitle may be NULL). */
NEOERR *pdf_book_new(pdf_doc **doc, const char *title, const char *subtitle);

/* Add a chapter: a heading at the given level (enum pdf_level) with its
 * body in Markdown (may be NULL or empty). Markdown supported: headings,
 * paragraphs, emphasis and strong, inline code and code blocks, links
 * (their text), nested bullet and ordered lists, block quotes, rules and
 * GFM tables. HTML blocks are printed as text, inline HTML tags are left
 * out, images print their alt text. */
NEOERR *pdf_book_chapter(pdf_doc *doc, int level, const char *title, const char *markdown);

/* ---- Both kinds -------------------------------------------------------- */

/* Complete the document (table of contents, page footers) and return the
 * PDF bytes in a malloc'd buffer the caller frees with free(). On error
 * *data is NULL and *len 0. The document accepts nothing further except
 * pdf_free(). */
NEOERR *pdf_finish(pdf_doc *doc, unsigned char **data, size_t *len);

/* Number of pages so far (after pdf_finish: the final count). */
size_t pdf_page_count(const pdf_doc *doc);

/* Release the document and everything it owns. NULL is ignored. */
void pdf_free(pdf_doc *doc);

#endif
