/* orientation_text: small text helpers of the orientation manual parser
 * (word and case tests, tidying) and the output every builder writes to:
 * the Markdown body and the plain text citations are found in. */
#include "corpus/orientation_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/markdown.h"
#include "core/textclean.h"

/* ------------------------------------------------------------------------
 * Small text helpers
 * ------------------------------------------------------------------------ */

char *om_asprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xcalloc((size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

char om_last_char(const char *s)
{
	size_t n = strlen(s);

	return n ? s[n - 1] : '\0';
}

int om_ends_terminal(const char *s)
{
	char c = om_last_char(s);

	return c != '\0' && strchr(".:;!?", c) != NULL;
}

static int is_small_word(const char *w, size_t n);

int om_starts_lower(const char *s)
{
	if (!islower((unsigned char)s[0]))
		return 0;
	/* "e-CFR", "iSTEP": a name, not a sentence going on */
	for (const char *p = s + 1; *p && *p != ' '; p++)
		if (isupper((unsigned char)*p))
			return 0;
	return 1;
}

/* The last word is a small word ("... under Title 11 of the"). */
int om_ends_small_word(const char *s)
{
	const char *e = s + strlen(s), *b;

	while (e > s && e[-1] == ' ')
		e--;
	b = e;
	while (b > s && b[-1] != ' ')
		b--;
	return e > b && is_small_word(b, (size_t)(e - b)) && islower((unsigned char)*b);
}

int om_starts_upper(const char *s)
{
	return isupper((unsigned char)s[0]);
}

int om_count_words(const char *s)
{
	int n = 0, in = 0;

	for (; *s; s++) {
		if (*s == ' ') {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

size_t om_first_word_len(const char *s)
{
	const char *e = strchr(s, ' ');

	return e ? (size_t)(e - s) : strlen(s);
}

static const char *const small_words[] = {
	"a",  "about", "an", "and", "as",   "at",  "by", "for",   "from", "in",   "into",
	"of", "on",    "or", "per", "than", "the", "to", "under", "vs",   "with", NULL,
};

static int is_small_word(const char *w, size_t n)
{
	char buf[16];
	size_t k = 0, i = 0;

	while (i < n && !isalpha((unsigned char)w[i]))
		i++;
	for (; i < n && isalpha((unsigned char)w[i]) && k + 1 < sizeof buf; i++)
		buf[k++] = (char)tolower((unsigned char)w[i]);
	if (i < n && isalpha((unsigned char)w[i]))
		return 0;
	buf[k] = '\0';
	if (k == 0 || k + 1 >= sizeof buf)
		return 0;
	for (int i = 0; small_words[i]; i++)
		if (strcmp(buf, small_words[i]) == 0)
			return 1;
	return 0;
}

/* Title case as headings print it: every word capitalised but the small
 * ones ("Facts about KRS", "YOUR RIGHTS under the ... Act of 1993"). */
int om_is_title_case(const char *s)
{
	int caps = 0, first = 1;

	while (*s) {
		const char *w, *e;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		e = s;
		while (*e && *e != ' ')
			e++;
		w = s;
		while (w < e && !isalnum((unsigned char)*w) && (unsigned char)*w < 0x80)
			w++;
		if (w < e && (unsigned char)*w < 0x80) {
			if (isupper((unsigned char)*w)) {
				caps++;
			} else if (isdigit((unsigned char)*w)) {
				;
			} else if (first || !is_small_word(w, (size_t)(e - w))) {
				return 0;
			}
		}
		first = 0;
		s = e;
	}
	return caps > 0;
}

static const char *const acronyms[] = {
	"ADA",   "CERS", "CIO",  "COBRA", "DEI",  "DLG", "EAP",  "EEO",  "FMLA", "FSA", "GED",
	"HIPAA", "HR",   "ID",   "KAR",   "KEAP", "KIA", "KEHP", "KEMP", "KERS", "KRS", "KTRS",
	"KY",    "OGT",  "OSHA", "PHA",   "SPRS", "SSN", "US",   "USA",  NULL,
};

static int is_acronym(const char *w, size_t n)
{
	for (int i = 0; acronyms[i]; i++)
		if (strlen(acronyms[i]) == n && strncmp(w, acronyms[i], n) == 0)
			return 1;
	return 0;
}

/* Words printed in capitals ("HOME ADDRESS", "SECOND LEVEL REVIEW") in
 * title case; acronyms and words with digits ("FORM #18") keep theirs. */
char *om_decapitalise(const char *s)
{
	char *out = xstrdup(s);
	char *p = out;
	int first = 1;

	while (*p) {
		char *e;
		int upper = 0, lower = 0, digit = 0;
		size_t n;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		e = p;
		while (*e && *e != ' ')
			e++;
		for (char *q = p; q < e; q++) {
			upper += isupper((unsigned char)*q) != 0;
			lower += islower((unsigned char)*q) != 0;
			digit += isdigit((unsigned char)*q) != 0;
		}
		n = (size_t)(e - p);
		if (upper >= 2 && lower == 0 && digit == 0) {
			const char *a = p;
			size_t an = n;

			while (an > 0 && !isalpha((unsigned char)*a)) {
				a++;
				an--;
			}
			while (an > 0 && !isalpha((unsigned char)a[an - 1]))
				an--;
			if (!is_acronym(a, an)) {
				int small = !first && is_small_word(p, n);
				int seen = 0;

				for (char *q = p; q < e; q++) {
					if (!isalpha((unsigned char)*q))
						continue;
					*q = (char)((seen || small) ? tolower((unsigned char)*q) : *q);
					seen = 1;
				}
			}
		}
		first = 0;
		p = e;
	}
	return out;
}

/* Append a source line to running text: hyphenated line ends keep the
 * hyphen and join without a space ("payroll-" "deducted", "1-" "800-..."). */
NEOERR *om_append_line(STRING *buf, const char *t)
{
	if (buf->len > 0) {
		const char *b = buf->buf;
		int n = buf->len;
		int hyphen = n >= 2 && b[n - 1] == '-' && isalnum((unsigned char)b[n - 2]) &&
			     isalnum((unsigned char)t[0]);

		if (!hyphen) {
			NEOERR *err = string_append_char(buf, ' ');

			if (err != STATUS_OK)
				return nerr_pass(err);
		}
	}
	return nerr_pass(string_append(buf, t));
}

/* Replace every pat by rep (not longer) in place, in one pass. */
void om_replace_all(char *s, const char *pat, const char *rep)
{
	size_t pn = strlen(pat), rn = strlen(rep);
	char *r = s, *w = s;

	while (*r) {
		if (strncmp(r, pat, pn) == 0) {
			memcpy(w, rep, rn);
			w += rn;
			r += pn;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

/* Collapse white space and trim; newly allocated. */
char *om_tidy(const char *s)
{
	char *t = xstrdup(s);

	text_squeeze_spaces(t);
	return t;
}

/* ------------------------------------------------------------------------
 * Output: Markdown and the plain text used to find citations
 * ------------------------------------------------------------------------ */

NEOERR *om_out_end_list(struct om_out *o)
{
	if (!o->in_list)
		return STATUS_OK;
	o->in_list = 0;
	return nerr_pass(md_end_block(o->md));
}

static NEOERR *out_plain(struct om_out *o, const char *text)
{
	NEOERR *err = string_append(o->plain, text);

	if (err == STATUS_OK)
		err = string_append_char(o->plain, '\n');
	return nerr_pass(err);
}

NEOERR *om_out_para(struct om_out *o, const char *text)
{
	char *t = om_tidy(text);
	NEOERR *err = STATUS_OK;

	if (*t) {
		err = om_out_end_list(o);
		if (err == STATUS_OK)
			err = md_paragraph(o->md, t);
		if (err == STATUS_OK)
			err = out_plain(o, t);
	}
	free(t);
	return nerr_pass(err);
}

NEOERR *om_out_heading(struct om_out *o, int level, const char *text)
{
	char *t = om_tidy(text);
	NEOERR *err = STATUS_OK;
	size_t n = strlen(t);

	if (n > 0 && t[n - 1] == ':')
		t[--n] = '\0';
	om_rtrim(t);
	if (*t) {
		err = om_out_end_list(o);
		if (err == STATUS_OK)
			err = md_heading(o->md, level, t);
		if (err == STATUS_OK)
			err = out_plain(o, t);
	}
	free(t);
	return nerr_pass(err);
}

NEOERR *om_out_item(struct om_out *o, int depth, int number, const char *text)
{
	char *t = om_tidy(text);
	NEOERR *err = STATUS_OK;

	if (*t) {
		if (!o->in_list)
			depth = 0;
		else if (depth > o->last_depth + 1)
			depth = o->last_depth + 1;
		if (depth > OM_MAX_DEPTH)
			depth = OM_MAX_DEPTH;
		/* An ordered item not numbered 1 cannot interrupt a paragraph,
		 * so a new list of that kind starts after a blank line. */
		if (o->in_list && number > 1 && (depth > o->last_depth || !o->ordered[depth]))
			err = md_end_block(o->md);
		if (err == STATUS_OK)
			err = md_list_item(o->md, depth, number, t);
		if (err == STATUS_OK)
			err = out_plain(o, t);
		o->in_list = 1;
		o->last_depth = depth;
		o->ordered[depth] = number > 0;
	}
	free(t);
	return nerr_pass(err);
}

NEOERR *om_out_table(struct om_out *o, char **cells, size_t nrows, size_t ncols)
{
	NEOERR *err = om_out_end_list(o);

	if (err == STATUS_OK)
		err = md_table(o->md, (const char *const *)cells, nrows, ncols);
	for (size_t i = 0; i < nrows * ncols && err == STATUS_OK; i++)
		err = out_plain(o, cells[i]);
	return nerr_pass(err);
}

void om_free_cells(char **cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}
