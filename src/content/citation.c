#include "content/citation.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* A tiny cursor over the text being parsed. */
struct cursor {
	const char *p;
};

static void skip_space(struct cursor *c)
{
	while (*c->p == ' ' || *c->p == '\t' || *c->p == ',' || *c->p == ';' || *c->p == '\n')
		c->p++;
}

static int word(struct cursor *c, const char *w)
{
	size_t n = strlen(w);

	if (strncmp(c->p, w, n) == 0 && !isalnum((unsigned char)c->p[n])) {
		c->p += n;
		return 1;
	}
	return 0;
}

/* Digits optionally followed by capital letters: "18A", "101", "2". */
static int token(struct cursor *c, char *out, size_t outsz, int allow_letters)
{
	size_t n = 0;

	if (!isdigit((unsigned char)*c->p))
		return 0;
	while (isdigit((unsigned char)*c->p) ||
	       (allow_letters && n > 0 && isupper((unsigned char)*c->p) && !isalpha((unsigned char)c->p[1]))) {
		if (n + 1 < outsz)
			out[n++] = *c->p;
		c->p++;
	}
	out[n] = '\0';
	return 1;
}

/* ", Section 3" after a citation. */
static int section_suffix(struct cursor *c, char *out, size_t outsz)
{
	struct cursor save = *c;
	char num[8];

	while (*c->p == ' ' || *c->p == ',')
		c->p++;
	if (word(c, "Section")) {
		while (*c->p == ' ')
			c->p++;
		if (token(c, num, sizeof num, 0)) {
			snprintf(out, outsz, "Section %s", num);
			return 1;
		}
	}
	*c = save;
	return 0;
}

static int parse_krs(struct cursor *c, struct citation *ct)
{
	struct cursor save = *c;
	int said_chapter;
	char sub[8];

	if (!word(c, "KRS"))
		return 0;
	while (*c->p == ' ')
		c->p++;
	said_chapter = word(c, "Chapter");
	while (*c->p == ' ')
		c->p++;
	if (!token(c, ct->chapter, sizeof ct->chapter, 1)) {
		*c = save;
		return 0;
	}
	strcpy(ct->code, "KRS");
	if (*c->p == '.' && isdigit((unsigned char)c->p[1])) {
		c->p++;
		token(c, ct->number, sizeof ct->number, 0);
		if (*c->p == '-' && isdigit((unsigned char)c->p[1])) {
			c->p++;
			token(c, sub, sizeof sub, 0);
			snprintf(ct->subsection, sizeof ct->subsection, "-%s", sub);
		} else {
			/* "KRS 18A.030 (5)" or "18A.095(14)" */
			const char *q = c->p;

			while (*q == ' ')
				q++;
			if (*q == '(' && isdigit((unsigned char)q[1])) {
				const char *close = strchr(q, ')');

				if (close && close - q < 6) {
					snprintf(ct->subsection, sizeof ct->subsection, "%.*s", (int)(close - q + 1),
						 q);
					c->p = close + 1;
				}
			}
		}
		if (!ct->subsection[0])
			section_suffix(c, ct->subsection, sizeof ct->subsection);
		if (ct->subsection[0] == '-' || ct->subsection[0] == '(')
			snprintf(ct->cite, sizeof ct->cite, "KRS %s.%s%s", ct->chapter, ct->number, ct->subsection);
		else if (ct->subsection[0])
			snprintf(ct->cite, sizeof ct->cite, "KRS %s.%s, %s", ct->chapter, ct->number, ct->subsection);
		else
			snprintf(ct->cite, sizeof ct->cite, "KRS %s.%s", ct->chapter, ct->number);
	} else {
		(void)said_chapter; /* "KRS 18A" and "KRS Chapter 18A" are the same */
		snprintf(ct->cite, sizeof ct->cite, "KRS Chapter %s", ct->chapter);
	}
	return 1;
}

static int parse_titled(struct cursor *c, struct citation *ct)
{
	struct cursor save = *c;
	char title[8];

	if (!token(c, title, sizeof title, 0))
		return 0;
	while (*c->p == ' ')
		c->p++;
	if (word(c, "KAR")) {
		strcpy(ct->code, "KAR");
		strcpy(ct->title, title);
		while (*c->p == ' ')
			c->p++;
		if (token(c, ct->chapter, sizeof ct->chapter, 0) && *c->p == ':' && isdigit((unsigned char)c->p[1])) {
			c->p++;
			token(c, ct->number, sizeof ct->number, 0);
		}
		section_suffix(c, ct->subsection, sizeof ct->subsection);
		if (ct->number[0])
			snprintf(ct->cite, sizeof ct->cite, "%s KAR %s:%s%s%s", title, ct->chapter, ct->number,
				 ct->subsection[0] ? ", " : "", ct->subsection);
		else if (ct->chapter[0])
			snprintf(ct->cite, sizeof ct->cite, "%s KAR %s", title, ct->chapter);
		else
			snprintf(ct->cite, sizeof ct->cite, "%s KAR", title);
		return 1;
	}
	if (word(c, "U.S.C.") || word(c, "USC") || word(c, "C.F.R.") || word(c, "CFR")) {
		int cfr = c->p[-1] == 'R' || c->p[-2] == 'R';

		strcpy(ct->code, cfr ? "CFR" : "USC");
		strcpy(ct->title, title);
		while (*c->p == ' ')
			c->p++;
		if (strncmp(c->p, "\xc2\xa7", 2) == 0) /* section sign */
			c->p += 2;
		while (*c->p == ' ')
			c->p++;
		if (!token(c, ct->number, sizeof ct->number, 0)) {
			*c = save;
			memset(ct, 0, sizeof *ct);
			return 0;
		}
		if (*c->p == '.' && isdigit((unsigned char)c->p[1])) { /* 29 CFR 825.110 */
			char rest[8];

			c->p++;
			token(c, rest, sizeof rest, 0);
			snprintf(ct->chapter, sizeof ct->chapter, "%s", ct->number);
			snprintf(ct->number, sizeof ct->number, "%s", rest);
			snprintf(ct->cite, sizeof ct->cite, "%s %s %s.%s", title, cfr ? "CFR" : "U.S.C.", ct->chapter,
				 ct->number);
		} else {
			snprintf(ct->cite, sizeof ct->cite, "%s %s \xc2\xa7 %s", title, cfr ? "CFR" : "U.S.C.",
				 ct->number);
		}
		return 1;
	}
	*c = save;
	return 0;
}

static int parse_eo(struct cursor *c, struct citation *ct)
{
	struct cursor save = *c;

	if (!word(c, "EO"))
		return 0;
	while (*c->p == ' ')
		c->p++;
	if (!token(c, ct->chapter, sizeof ct->chapter, 0) || *c->p != '-' || !isdigit((unsigned char)c->p[1])) {
		*c = save;
		memset(ct, 0, sizeof *ct);
		return 0;
	}
	c->p++;
	token(c, ct->number, sizeof ct->number, 0);
	strcpy(ct->code, "EO");
	snprintf(ct->cite, sizeof ct->cite, "EO %s-%s", ct->chapter, ct->number);
	return 1;
}

size_t citation_parse(const char *text, struct citation *out, size_t max, int *complete)
{
	struct cursor c = { text };
	size_t n = 0;

	*complete = 1;
	for (;;) {
		struct citation ct;
		const char *start;

		skip_space(&c);
		if (*c.p == '\0')
			break;
		memset(&ct, 0, sizeof ct);
		start = c.p;
		if (parse_krs(&c, &ct) || parse_titled(&c, &ct) || parse_eo(&c, &ct)) {
			size_t len = (size_t)(c.p - start);

			while (len > 0 && (start[len - 1] == ' ' || start[len - 1] == ','))
				len--;
			snprintf(ct.raw, sizeof ct.raw, "%.*s", (int)len, start);
			if (n < max) {
				int dup = 0;

				for (size_t k = 0; k < n; k++)
					dup |= strcmp(out[k].cite, ct.cite) == 0;
				if (!dup)
					out[n++] = ct;
			}
			continue;
		}
		/* Not a citation: skip one word and remember the text was mixed. */
		*complete = 0;
		while (*c.p && *c.p != ' ' && *c.p != '\t' && *c.p != '\n')
			c.p++;
	}
	return n;
}

void citation_anchor(const char *cite, char *out, size_t outsz)
{
	size_t o = 0;
	int dash = 0;

	for (const char *p = cite; *p && o + 2 < outsz; p++) {
		unsigned char ch = (unsigned char)*p;

		if (isalnum(ch) && ch < 0x80) {
			if (dash && o > 0)
				out[o++] = '-';
			out[o++] = (char)tolower(ch);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	out[o] = '\0';
}
