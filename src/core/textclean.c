#include "core/textclean.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
	fputs("out of memory\n", stderr);
	abort();
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = strndup(s, n);

	if (d == NULL)
		out_of_memory();
	return d;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* UTF-8 look-alikes of Latin capitals/smalls seen in the converted tables. */
static const struct {
	const char *utf8;
	char latin;
} lookalikes[] = {
	{ "\xd0\xa5", 'X' }, { "\xd1\x85", 'x' }, /* Cyrillic Ha */
	{ "\xce\xa5", 'Y' },                      /* Greek Upsilon */
	{ "\xce\x9d", 'N' },                      /* Greek Nu */
	{ "\xd0\x90", 'A' }, { "\xd0\xb0", 'a' }, /* Cyrillic A */
	{ "\xd0\x92", 'B' }, { "\xd0\x95", 'E' }, { "\xd0\xb5", 'e' }, { "\xd0\x9a", 'K' }, { "\xd0\x9c", 'M' },
	{ "\xd0\x9d", 'H' }, { "\xd0\x9e", 'O' }, { "\xd0\xbe", 'o' }, { "\xd0\xa0", 'P' }, { "\xd1\x80", 'p' },
	{ "\xd0\xa1", 'C' }, { "\xd1\x81", 'c' }, { "\xd0\xa2", 'T' }, { "\xd1\x83", 'y' }, { "\xce\x91", 'A' },
	{ "\xce\x92", 'B' }, { "\xce\x95", 'E' }, { "\xce\x97", 'H' }, { "\xce\x99", 'I' }, { "\xce\x9a", 'K' },
	{ "\xce\x9c", 'M' }, { "\xce\x9f", 'O' }, { "\xce\xa1", 'P' }, { "\xce\xa4", 'T' }, { "\xce\xa7", 'X' },
	{ "\xce\x96", 'Z' },
};

/* Copy "^{...}" content (superscript) without the markup; returns the
 * number of input bytes consumed, 0 if s does not start a superscript. */
static size_t superscript(const char *s, char *out, size_t *o)
{
	const char *end;

	if (s[0] != '^' || s[1] != '{')
		return 0;
	/* Look no further than the 16 bytes a superscript may take, so that a
	 * line of "^{^{^{..." stays linear. */
	end = memchr(s + 2, '}', strnlen(s + 2, 15));
	if (end == NULL)
		return 0;
	memcpy(out + *o, s + 2, (size_t)(end - s - 2));
	*o += (size_t)(end - s - 2);
	return (size_t)(end - s + 1);
}

char *textclean_line(const char *text, size_t textlen)
{
	/* Work on a NUL-terminated copy so no search runs past the line. */
	char *line = xstrndup(text, textlen);
	size_t len = strlen(line);
	/* Output never grows: every rule replaces text by less or equal text. */
	char *out = xcalloc(len + 1, 1);
	size_t i = 0, o = 0;
	int bold_pairs = 0;

	/* Paired "**" are stray bold markers; a lone "**" or a longer run of
	 * asterisks ("****") is a footnote mark and stays. */
	for (const char *p = line; *p;) {
		size_t run = strspn(p, "*");

		if (run == 2)
			bold_pairs++;
		p += run ? run : 1;
	}
	bold_pairs -= bold_pairs % 2;

	while (i < len) {
		const char *s = line + i;
		size_t n;
		int matched = 0;

		if (s[0] == '\\' && s[1] == '$') {
			out[o++] = '$';
			i += 2;
			continue;
		}
		/* "$30^{th}/31^{st}$": math delimiters around superscripts. */
		if (s[0] == '$' && strchr(s + 1, '$') != NULL) {
			const char *close = strchr(s + 1, '$');
			/* Only between the delimiters: searching the rest of the
			 * line at every '$' made a long line quadratic. */
			const char *sup = memmem(s + 1, (size_t)(close - s - 1), "^{", 2);

			if (sup != NULL) {
				i++;
				while (line + i < close) {
					n = superscript(line + i, out, &o);
					if (n)
						i += n;
					else
						out[o++] = line[i++];
				}
				i++; /* closing '$' */
				continue;
			}
		}
		if ((n = superscript(s, out, &o)) != 0) {
			i += n;
			continue;
		}
		/* Compare only where the first byte can match: this loop runs for
		 * every character of the corpus. */
		if (s[0] == '<' && strncmp(s, "<u>", 3) == 0) {
			i += 3;
			continue;
		}
		if (s[0] == '<' && strncmp(s, "</u>", 4) == 0) {
			i += 4;
			continue;
		}
		if (s[0] == '*') {
			size_t run = strspn(s, "*");

			if (run == 2 && bold_pairs > 0) {
				bold_pairs--;
			} else {
				memcpy(out + o, s, run);
				o += run;
			}
			i += run;
			continue;
		}
		if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) { /* NBSP */
			out[o++] = ' ';
			i += 2;
			continue;
		}
		/* Every lookalike is a two-byte UTF-8 sequence. */
		for (size_t k = 0; (unsigned char)s[0] >= 0xc0 && k < sizeof lookalikes / sizeof lookalikes[0]; k++) {
			if (s[0] == lookalikes[k].utf8[0] && s[1] == lookalikes[k].utf8[1]) {
				out[o++] = lookalikes[k].latin;
				i += 2;
				matched = 1;
				break;
			}
		}
		if (!matched)
			out[o++] = line[i++];
	}
	while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\r' || out[o - 1] == '\t'))
		o--;
	out[o] = '\0';
	free(line);
	return out;
}

char *textclean_join_split_words(const char *line)
{
	size_t len = strlen(line);
	char *out = xcalloc(len + 1, 1);
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		if (line[i] == '\t' && i > 0 && islower((unsigned char)line[i - 1]) &&
		    islower((unsigned char)line[i + 1])) {
			if (line[i - 1] == line[i + 1])
				i++; /* the letter at the break was printed twice */
			continue;
		}
		out[o++] = line[i];
	}
	out[o] = '\0';
	return out;
}

char *text_slugify(const char *title)
{
	size_t len = strlen(title);
	char *out = xcalloc(len + 1, 1);
	size_t o = 0;
	int dash = 0;

	for (const char *p = title; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (isalnum(c) && c < 0x80) {
			if (dash && o > 0)
				out[o++] = '-';
			out[o++] = (char)tolower(c);
			dash = 0;
		} else if (c == '\'') {
			continue; /* "Workers' Compensation" -> workers-compensation */
		} else {
			dash = 1;
		}
	}
	out[o] = '\0';
	return out;
}

void text_squeeze_spaces(char *s)
{
	char *w = s;
	int space = 1; /* drops leading spaces */

	for (char *r = s; *r; r++) {
		if (*r == ' ' || *r == '\t') {
			if (!space)
				*w++ = ' ';
			space = 1;
		} else {
			*w++ = *r;
			space = 0;
		}
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

int text_is_upper(const char *s)
{
	int upper = 0;

	for (; *s; s++) {
		if (islower((unsigned char)*s))
			return 0;
		if (isupper((unsigned char)*s))
			upper++;
	}
	return upper >= 2;
}
