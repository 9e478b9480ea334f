/* textclean: undo the noise left by converting the source documents from
 * PDF and HTML to text (see db/corpus/README.md), one line at a time.
 *
 * textclean_line() maps look-alike Cyrillic and Greek letters to Latin,
 * turns "\$" into "$", superscripts "^{th}" and "$30^{th}/31^{st}$" into
 * plain text, drops "<u>...</u>" and paired "**bold**" markers, turns
 * non-breaking spaces into spaces and trims trailing white space. It never
 * touches tabs (they separate table cells). */
#ifndef HR_TEXTCLEAN_H
#define HR_TEXTCLEAN_H

#include <stddef.h>

/* A cleaned, newly allocated copy of one line (the caller frees). */
char *textclean_line(const char *line, size_t len);

/* Rejoin a word that a column break split with a tab: "Gener\tal" ->
 * "General", "Benefi\tits" -> "Benefits" (the letter printed on both sides
 * of the break is kept once). Newly allocated. Only for table-of-contents
 * lines, where a tab between two lowercase letters is never a cell break. */
char *textclean_join_split_words(const char *line);

/* URL slug of a title: lowercase ASCII letters and digits, other runs of
 * characters become one '-'. Newly allocated; "" for a title without any
 * letter or digit. */
char *text_slugify(const char *title);

/* Collapse runs of spaces and tabs to one space and trim both ends, in place. */
void text_squeeze_spaces(char *s);

/* True if s has no lowercase ASCII letter and at least two uppercase ones. */
int text_is_upper(const char *s);

/* Newly allocated copy (aborts on out of memory: content tools only). */
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);

#endif
