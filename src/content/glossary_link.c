/* glossary_link: glossary terms in running text (see glossary_link.h). */
#include "content/glossary_link.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/html.h"

/* Terms never linked in running text (see the header for why). */
static const char *const everyday_terms[] = {
	"AGENCY",    "BOARD",    "CABINET",  "CERTIFICATION", "CLASS",     "DEMOTION", "DISMISSAL",
	"ELIGIBLE",  "EMPLOYEE", "JOB",      "POSITION",      "PROMOTION", "REGISTER", "SECRETARY",
	"SENIORITY", "STATUS",   "TRANSFER", "KAR",           "KRS 18A",
};

struct form {
	char text[GLOSSARY_FORM_MAX];
	size_t len;
	size_t term;
	int exact; /* an acronym: matched as written */
	int linkable;
};

struct glossary_matcher {
	const struct glossary_term *terms;
	size_t nterms;
	struct form *forms;
	size_t nforms;
	size_t first[256], last[256]; /* forms by lowercase first byte */
};

/* --- Characters ------------------------------------------------------------ */

static size_t utf8_len(unsigned char c)
{
	return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Does the character starting at s[i] belong to a word? Letters and digits;
 * of UTF-8, Latin-1 punctuation (U+0080-U+00BF), the general punctuation
 * block (no-break spaces, dashes, curly quotes) and x/÷ are not. */
static int word_at(const char *str, size_t i, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;

	if (i >= len)
		return 0;
	if (s[i] < 0x80)
		return isalnum(s[i]) != 0;
	if (s[i] == 0xC2 || s[i] == 0xE2)
		return 0;
	if (s[i] == 0xC3)
		return i + 1 < len && s[i + 1] != 0x97 && s[i + 1] != 0xB7;
	return 1;
}

static size_t prev_start(const char *s, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

static int ascii_alnum(char c)
{
	return isalnum((unsigned char)c) != 0;
}

/* May a term start at s[i]? prev_word: whether the text before s[0] ends
 * in a word character. Not after a letter, nor inside "non-exempt" or
 * "www.example". */
static int starts_word(const char *s, size_t i, size_t len, int prev_word)
{
	size_t p;

	if (!word_at(s, i, len))
		return 0;
	if (i == 0)
		return !prev_word;
	p = prev_start(s, i);
	if (word_at(s, p, len))
		return 0;
	if (strchr("-_.:/@", s[i - 1]) && i >= 2 && word_at(s, prev_start(s, i - 1), len))
		return 0;
	return 1;
}

/* May a term end before s[e]? next_word: whether the text after s[len-1]
 * begins with a word character. Not before a letter, nor before "-based",
 * ".095" (a citation) or ".gov". */
static int ends_word(const char *s, size_t e, size_t len, int next_word)
{
	if (e >= len)
		return !next_word;
	if (word_at(s, e, len))
		return 0;
	if ((s[e] == '-' || s[e] == '_') && word_at(s, e + 1, len))
		return 0;
	if (strchr(".:/@", s[e]) && e + 1 < len && ascii_alnum(s[e + 1]))
		return 0;
	return 1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* The end of a match of f at s[i], or 0. */
static size_t match_form(const struct form *f, const char *s, size_t i, size_t len, int next_word)
{
	static const char *const endings[] = { "'s", "\xe2\x80\x99s", "s", "es", "" };
	size_t k = 0;

	while (k < f->len) {
		char fc = f->text[k];

		if (fc == ' ') {
			if (i >= len || !is_space(s[i]))
				return 0;
			while (i < len && is_space(s[i]))
				i++;
			k++;
			continue;
		}
		if (i >= len)
			return 0;
		/* "authority" -> "authorities" */
		if (!f->exact && k == f->len - 1 && fc == 'y' && i + 3 <= len && strncasecmp(s + i, "ies", 3) == 0 &&
		    ends_word(s, i + 3, len, next_word))
			return i + 3;
		if (f->exact ? s[i] != fc : tolower((unsigned char)s[i]) != fc)
			return 0;
		i++;
		k++;
	}
	for (size_t e = 0; e < sizeof endings / sizeof endings[0]; e++) {
		size_t n = strlen(endings[e]);

		if (f->exact && n > 1)
			continue;
		if (i + n <= len && strncasecmp(s + i, endings[e], n) == 0 && ends_word(s, i + n, len, next_word))
			return i + n;
	}
	return 0;
}

/* The longest form matching at s[i]: its index, and the end in *end. */
static const struct form *longest_match(const struct glossary_matcher *m, const char *s, size_t i, size_t len,
					int next_word, size_t *end)
{
	unsigned char b = (unsigned char)tolower((unsigned char)s[i]);

	for (size_t f = m->first[b]; f < m->last[b]; f++) {
		size_t e = match_form(&m->forms[f], s, i, len, next_word);

		if (e) {
			*end = e;
			return &m->forms[f];
		}
	}
	return NULL;
}

/* --- Terms and forms --------------------------------------------------------- */

int glossary_term_linkable(const char *term)
{
	for (size_t i = 0; i < sizeof everyday_terms / sizeof everyday_terms[0]; i++)
		if (strcasecmp(everyday_terms[i], term) == 0)
			return 0;
	return 1;
}

static int is_acronym(const char *s)
{
	size_t n = strlen(s);

	if (n < 2 || n > 6)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isupper((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Lowercase (unless exact), trimmed, one space between words. */
static void normalize(const char *s, size_t n, int exact, char *out, size_t outsz)
{
	size_t o = 0;
	int space = 0;

	for (size_t i = 0; i < n && o + 1 < outsz; i++) {
		if (is_space(s[i])) {
			space = o > 0;
			continue;
		}
		if (space && o + 2 < outsz)
			out[o++] = ' ';
		space = 0;
		out[o++] = exact ? s[i] : (char)tolower((unsigned char)s[i]);
	}
	out[o] = '\0';
}

size_t glossary_term_forms(const char *term, char forms[][GLOSSARY_FORM_MAX], int *exact_case, size_t max)
{
	char buf[GLOSSARY_FORM_MAX * 2];
	const char *open;
	size_t len, n = 0;

	normalize(term, strlen(term), 1, buf, sizeof buf);
	len = strlen(buf);
	open = strstr(buf, " (");
	if (len > 0 && buf[len - 1] == ')' && open != NULL) {
		char head[GLOSSARY_FORM_MAX], paren[GLOSSARY_FORM_MAX];

		snprintf(head, sizeof head, "%.*s", (int)(open - buf), buf);
		snprintf(paren, sizeof paren, "%.*s", (int)(buf + len - 1 - (open + 2)), open + 2);
		if (n < max && head[0]) {
			exact_case[n] = is_acronym(head);
			normalize(head, strlen(head), exact_case[n], forms[n], GLOSSARY_FORM_MAX);
			n++;
		}
		/* "(and employee occupying)" qualifies; "(Position Description)" names. */
		if (n < max && paren[0] && !islower((unsigned char)paren[0])) {
			exact_case[n] = is_acronym(paren);
			normalize(paren, strlen(paren), exact_case[n], forms[n], GLOSSARY_FORM_MAX);
			n++;
		}
	} else if (n < max && len > 0) {
		exact_case[n] = 0;
		normalize(buf, len, 0, forms[n], GLOSSARY_FORM_MAX);
		n++;
	}
	return n;
}

static int form_cmp(const void *a, const void *b)
{
	const struct form *x = a, *y = b;
	int bx = tolower((unsigned char)x->text[0]), by = tolower((unsigned char)y->text[0]);

	if (bx != by)
		return bx - by;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return x->term < y->term ? -1 : x->term > y->term;
}

NEOERR *glossary_matcher_new(const struct glossary_term *terms, size_t n, struct glossary_matcher **out)
{
	struct glossary_matcher *m = calloc(1, sizeof *m);

	*out = NULL;
	if (m == NULL || (n && (m->forms = calloc(n * 2, sizeof *m->forms)) == NULL)) {
		free(m);
		return nerr_raise(NERR_NOMEM, "glossary matcher");
	}
	m->terms = terms;
	m->nterms = n;
	for (size_t t = 0; t < n; t++) {
		char forms[2][GLOSSARY_FORM_MAX];
		int exact[2];
		size_t k = glossary_term_forms(terms[t].term, forms, exact, 2);
		int linkable = glossary_term_linkable(terms[t].term);

		for (size_t i = 0; i < k; i++) {
			struct form *f = &m->forms[m->nforms];
			int dup = 0;

			/* Two terms with one form: the first keeps it. */
			for (size_t d = 0; d < m->nforms && !dup; d++)
				dup = strcmp(m->forms[d].text, forms[i]) == 0;
			if (dup || forms[i][0] == '\0')
				continue;
			f->len = strlen(forms[i]);
			memcpy(f->text, forms[i], f->len + 1); /* both GLOSSARY_FORM_MAX */
			f->term = t;
			f->exact = exact[i];
			f->linkable = linkable;
			m->nforms++;
		}
	}
	if (m->nforms > 1)
		qsort(m->forms, m->nforms, sizeof *m->forms, form_cmp);
	for (size_t f = 0; f < m->nforms; f++) {
		unsigned char b = (unsigned char)tolower((unsigned char)m->forms[f].text[0]);

		if (f == 0 || tolower((unsigned char)m->forms[f - 1].text[0]) != b)
			m->first[b] = f;
		m->last[b] = f + 1;
	}
	*out = m;
	return STATUS_OK;
}

void glossary_matcher_free(struct glossary_matcher **m)
{
	if (*m == NULL)
		return;
	free((*m)->forms);
	free(*m);
	*m = NULL;
}

/* --- Marking HTML ---------------------------------------------------------- */

static const char *const skipped_elements[] = {
	"a",      "h1",    "h2",       "h3",     "h4",     "h5",    "h6",    "table", "pre",  "code", "kbd", "samp",
	"script", "style", "textarea", "button", "select", "label", "title", "svg",   "math", "abbr", "dfn",
};

/* Inline elements do not end a word: "re<em>instate</em>" is one word. */
static const char *const inline_elements[] = {
	"em", "strong", "b", "i", "u", "s", "span", "sup", "sub", "mark", "small", "del", "ins", "q", "cite",
};

static int in_list(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return 1;
	return 0;
}

struct tag {
	size_t end;    /* index after '>' */
	char name[16]; /* lowercase; "" for comments and declarations */
	int closing, self_closing;
};

/* Parse the tag starting at html[i] == '<'. Returns 0 when this '<' does
 * not start a tag (it is text). */
static int parse_tag(const char *html, size_t i, size_t len, struct tag *t)
{
	size_t j = i + 1, n = 0;
	char quote = 0;

	memset(t, 0, sizeof *t);
	if (j < len && html[j] == '!') {
		const char *close = strncmp(html + j, "!--", 3) == 0 ? strstr(html + j + 3, "-->")
								     : strchr(html + j, '>');

		t->end = close ? (size_t)(close - html) + (html[j + 1] == '-' ? 3 : 1) : len;
		return 1;
	}
	if (j < len && html[j] == '/') {
		t->closing = 1;
		j++;
	}
	if (j >= len || !isalpha((unsigned char)html[j]))
		return 0;
	while (j < len && isalnum((unsigned char)html[j])) {
		if (n + 1 < sizeof t->name)
			t->name[n++] = (char)tolower((unsigned char)html[j]);
		j++;
	}
	t->name[n] = '\0';
	for (; j < len; j++) {
		if (quote) {
			if (html[j] == quote)
				quote = 0;
		} else if (html[j] == '"' || html[j] == '\'') {
			quote = html[j];
		} else if (html[j] == '>') {
			t->self_closing = html[j - 1] == '/';
			t->end = j + 1;
			return 1;
		}
	}
	t->end = len;
	return 1;
}

/* Whether the text that follows html[i] (past inline tags) starts a word. */
static int next_text_is_word(const char *html, size_t i, size_t len)
{
	struct tag t;

	while (i < len && html[i] == '<') {
		if (!parse_tag(html, i, len, &t))
			break;
		if (t.name[0] == '\0' ||
		    !in_list(t.name, inline_elements, sizeof inline_elements / sizeof inline_elements[0]))
			return 0;
		i = t.end;
	}
	return word_at(html, i, len);
}

static NEOERR *append_link(STRING *out, const struct glossary_term *t, const char *text, size_t n)
{
	NEOERR *err = string_append(out, "<a class=\"term\" href=\"/glossary/");

	if (err == STATUS_OK)
		err = html_escape_append(out, t->slug, strlen(t->slug));
	if (err == STATUS_OK)
		err = string_append(out, "\" title=\"");
	if (err == STATUS_OK && t->short_def)
		err = html_escape_append(out, t->short_def, strlen(t->short_def));
	if (err == STATUS_OK)
		err = string_append(out, "\" aria-describedby=\"term-");
	if (err == STATUS_OK)
		err = html_escape_append(out, t->slug, strlen(t->slug));
	if (err == STATUS_OK)
		err = string_append(out, "\">");
	if (err == STATUS_OK)
		err = string_appendn(out, text, (int)n);
	if (err == STATUS_OK)
		err = string_append(out, "</a>");
	return nerr_pass(err);
}

/* Mark one run of text (between tags) html[a..b). */
static NEOERR *mark_text(const struct glossary_matcher *m, const char *html, size_t a, size_t b, int prev_word,
			 int next_word, STRING *out, char *used, size_t *order, size_t *nused)
{
	const char *s = html + a;
	size_t len = b - a, i = 0, copied = 0;
	NEOERR *err = STATUS_OK;

	while (i < len && err == STATUS_OK) {
		const struct form *f;
		size_t end = 0;

		if (s[i] == '&') { /* an entity is one non-word character */
			const char *semi = memchr(s + i, ';', len - i < 12 ? len - i : 12);

			i = semi ? (size_t)(semi - s) + 1 : i + 1;
			continue;
		}
		if (!starts_word(s, i, len, prev_word)) {
			i += utf8_len((unsigned char)s[i]);
			continue;
		}
		f = longest_match(m, s, i, len, next_word, &end);
		if (f != NULL && f->linkable && !used[f->term]) {
			err = string_appendn(out, s + copied, (int)(i - copied));
			if (err == STATUS_OK)
				err = append_link(out, &m->terms[f->term], s + i, end - i);
			used[f->term] = 1;
			order[(*nused)++] = f->term;
			i = copied = end;
			continue;
		}
		if (f != NULL) { /* a used or everyday term: skip it whole */
			i = end;
			continue;
		}
		while (i < len && word_at(s, i, len)) /* the rest of this word */
			i += utf8_len((unsigned char)s[i]);
	}
	if (err == STATUS_OK && copied < len)
		err = string_appendn(out, s + copied, (int)(len - copied));
	return nerr_pass(err);
}

NEOERR *glossary_mark_html(const struct glossary_matcher *m, const char *html, STRING *out, size_t *order,
			   size_t *nused)
{
	size_t len = strlen(html), i = 0;
	int skip = 0, prev_word = 0;
	char *used = calloc(m->nterms + 1, 1);
	NEOERR *err = STATUS_OK;

	*nused = 0;
	if (used == NULL)
		return nerr_raise(NERR_NOMEM, "glossary marking");
	while (i < len && err == STATUS_OK) {
		if (html[i] == '<') {
			struct tag t;

			if (parse_tag(html, i, len, &t)) {
				if (in_list(t.name, skipped_elements,
					    sizeof skipped_elements / sizeof skipped_elements[0]) &&
				    !t.self_closing) {
					if (t.closing)
						skip -= skip > 0;
					else
						skip++;
				}
				if (t.name[0] == '\0' || !in_list(t.name, inline_elements,
								  sizeof inline_elements / sizeof inline_elements[0]))
					prev_word = 0;
				err = string_appendn(out, html + i, (int)(t.end - i));
				i = t.end;
				continue;
			}
		}
		{
			size_t end = i + 1;

			while (end < len && html[end] != '<')
				end++;
			/* A '<' that starts no tag is text. */
			while (end < len) {
				struct tag t;

				if (parse_tag(html, end, len, &t))
					break;
				for (end++; end < len && html[end] != '<'; end++)
					;
			}
			if (skip > 0)
				err = string_appendn(out, html + i, (int)(end - i));
			else
				err = mark_text(m, html, i, end, prev_word, next_text_is_word(html, end, len), out,
						used, order, nused);
			prev_word = word_at(html, prev_start(html, end), end);
			i = end;
		}
	}
	free(used);
	return nerr_pass(err);
}

/* --- Definitions' references ------------------------------------------------ */

/* Is the text before s[i] an explicit reference ("See definition for ",
 * "(Replaced ")? */
static int explicit_reference(const char *s, size_t i)
{
	static const char *const cues[] = { "see definition for", "see definition of", "see also", "see",
					    "replaced by",        "replaced",          "replaces", "formerly" };
	char before[48];
	size_t start = i > sizeof before - 1 ? i - (sizeof before - 1) : 0, n = 0;

	for (size_t k = start; k < i; k++)
		before[n++] = (char)tolower((unsigned char)s[k]);
	while (n > 0 && (is_space(before[n - 1]) || before[n - 1] == '(' || before[n - 1] == ':'))
		n--;
	before[n] = '\0';
	for (size_t c = 0; c < sizeof cues / sizeof cues[0]; c++) {
		size_t cl = strlen(cues[c]);

		if (n >= cl && strcmp(before + n - cl, cues[c]) == 0 &&
		    (n == cl || !isalpha((unsigned char)before[n - cl - 1])))
			return 1;
	}
	return 0;
}

size_t glossary_refs(const struct glossary_matcher *m, const char *text, size_t self, size_t *out, size_t max)
{
	size_t len = strlen(text), i = 0, n = 0;

	while (i < len && n < max) {
		const struct form *f;
		size_t end = 0;

		if (!starts_word(text, i, len, 0)) {
			i += utf8_len((unsigned char)text[i]);
			continue;
		}
		f = longest_match(m, text, i, len, 0, &end);
		if (f == NULL) {
			while (i < len && word_at(text, i, len))
				i += utf8_len((unsigned char)text[i]);
			continue;
		}
		if (f->term != self && (f->linkable || explicit_reference(text, i))) {
			int dup = 0;

			for (size_t k = 0; k < n && !dup; k++)
				dup = out[k] == f->term;
			if (!dup)
				out[n++] = f->term;
		}
		i = end;
	}
	return n;
}

void glossary_short_definition(const char *definition, char *out, size_t outsz)
{
	char buf[512];
	size_t n, limit = outsz - 4 < 200 ? outsz - 4 : 200;
	const char *stop;

	normalize(definition, strlen(definition), 1, buf, sizeof buf);
	/* The first sentence: up to ". " before a capital letter or "(". */
	for (stop = buf; (stop = strstr(stop, ". ")) != NULL; stop++)
		if (isupper((unsigned char)stop[2]) || stop[2] == '(')
			break;
	n = stop ? (size_t)(stop - buf) + 1 : strlen(buf);
	if (n > limit) {
		size_t cut = limit;

		while (cut > 0 && buf[cut] != ' ')
			cut--;
		if (cut == 0)
			cut = limit;
		while (cut > 0 && ((unsigned char)buf[cut] & 0xC0) == 0x80)
			cut--;
		snprintf(out, outsz, "%.*s\xe2\x80\xa6", (int)cut, buf);
		return;
	}
	snprintf(out, outsz, "%.*s", (int)n, buf);
}
