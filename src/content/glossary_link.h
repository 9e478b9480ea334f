/* glossary_link: finding glossary terms in running text (pure, no I/O).
 *
 * Each term is matched through its forms: "PD (POSITION DESCRIPTION)" is
 * found as "position description" and as the acronym "PD" (acronyms only in
 * capitals); "NON-EXEMPT POSITION (and employee occupying)" as "non-exempt
 * position". Other forms match whole words, case-insensitively, across line
 * breaks, with a plural or possessive ending ("appointing authorities",
 * "authority's"); the longest form wins where several start at one place,
 * and a form never matches part of a word, of a hyphenated word or of a
 * citation ("KRS 18A" is not found in "KRS 18A.095").
 *
 * The rules for linking terms in the handbook's pages:
 * - only the first use of each term in a section is linked;
 * - nothing is linked inside a link, a heading, a table (cells are short and
 *   dense), code or a form control, and the markup around it is copied
 *   unchanged: only text between tags gains <a> elements;
 * - one-word terms that are also everyday words (AGENCY, BOARD, CABINET,
 *   CERTIFICATION, CLASS, DEMOTION, DISMISSAL, ELIGIBLE, EMPLOYEE, JOB,
 *   POSITION, PROMOTION, REGISTER, SECRETARY, SENIORITY, STATUS, TRANSFER)
 *   and the citation abbreviations (KAR, KRS 18A) are never linked in text:
 *   the handbook mostly uses them in their ordinary sense ("medical
 *   certification", "transfer of leave"), so a link would mislead more often
 *   than help. They still have their own page, are found by search, and are
 *   "see also" targets where a definition names them explicitly ("See
 *   definition for Job", "(Replaced Class)").
 * A link is <a class="term" href="/glossary/SLUG" title="SHORT DEFINITION"
 * aria-describedby="term-SLUG">text</a>: the title shows on hover, and the
 * page lists the short definitions under ids term-SLUG for screen readers. */
#ifndef HR_GLOSSARY_LINK_H
#define HR_GLOSSARY_LINK_H

#include <ClearSilver.h>
#include <stddef.h>

struct glossary_term {
	const char *slug;
	const char *term;      /* as defined: "PD (POSITION DESCRIPTION)" */
	const char *short_def; /* plain text for the title attribute */
};

struct glossary_matcher;

/* The matcher keeps pointers into terms (which must outlive it). */
NEOERR *glossary_matcher_new(const struct glossary_term *terms, size_t n, struct glossary_matcher **out);
void glossary_matcher_free(struct glossary_matcher **m);

/* Copy html to out with the first use of each linkable term marked up as a
 * link. order[] (room for n entries) receives the indexes of the terms
 * linked, in order of first use; *nused their number. */
NEOERR *glossary_mark_html(const struct glossary_matcher *m, const char *html, STRING *out, size_t *order,
			   size_t *nused);

/* Terms that a definition (plain text) refers to, other than term self, in
 * order of first mention, at most max: every linkable term it uses, and the
 * everyday-word terms only where named explicitly ("See definition for Job",
 * "Replaced Class"). Returns their number. */
size_t glossary_refs(const struct glossary_matcher *m, const char *text, size_t self, size_t *out, size_t max);

/* 1 when a term is linked in running text (see above), 0 otherwise. */
int glossary_term_linkable(const char *term);

/* The forms under which a term is found (lowercase, or as written for
 * acronyms: *exact_case set). Returns their number (at most max). */
#define GLOSSARY_FORM_MAX 128
size_t glossary_term_forms(const char *term, char forms[][GLOSSARY_FORM_MAX], int *exact_case, size_t max);

/* The first sentence of a definition, at most about 200 bytes (cut at a word,
 * with an ellipsis), for the title attribute. */
void glossary_short_definition(const char *definition, char *out, size_t outsz);

#endif
