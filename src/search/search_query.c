/* search_query: user text to FTS5 expressions, safely (see search.h), and
 * the two text helpers the searcher shares (search_internal.h). */
#include "search/search.h"
#include "search/search_internal.h"

#include <string.h>

#include "core/html.h"

/* Common words that say nothing about what is wanted; a query made only of
 * them still searches for them. */
static const char *const stop_words[] = {
	"a",
	"able",
	"about",
	"after",
	"allowed",
	"also",
	"am",
	"an",
	"and",
	"any",
	"are",
	"as",
	"ask",
	"at",
	"be",
	"been",
	"before",
	"being",
	"by",
	"can",
	"could",
	"did",
	"do",
	"does",
	"doing",
	"done",
	"dont",
	"each",
	"every",
	"for",
	"from",
	"get",
	"gets",
	"getting",
	"got",
	"had",
	"has",
	"have",
	"he",
	"her",
	"him",
	"his",
	"how",
	"i",
	"if",
	"im",
	"in",
	"is",
	"it",
	"its",
	"ive",
	"just",
	"know",
	"like",
	"long",
	"many",
	"may",
	"me",
	"mean",
	"means",
	"might",
	"much",
	"must",
	"my",
	"need",
	"needs",
	"of",
	"often",
	"on",
	"or",
	"our",
	"out",
	"per",
	"see",
	"shall",
	"she",
	"should",
	"so",
	"some",
	"tell",
	"than",
	"that",
	"the",
	"their",
	"them",
	"then",
	"there",
	"these",
	"they",
	"this",
	"those",
	"time",
	"to",
	"too",
	"us",
	"very",
	"want",
	"was",
	"we",
	"were",
	"what",
	"when",
	"where",
	"which",
	"who",
	"why",
	"will",
	"with",
	"would",
	"you",
	"your",
	/* Dates in a question say when, not what about ("annual leave in
	 * March"), and a rare month name would outrank the subject. */
	"january",
	"february",
	"march",
	"april",
	"june",
	"july",
	"august",
	"september",
	"october",
	"november",
	"december",
	"monday",
	"tuesday",
	"wednesday",
	"thursday",
	"friday",
	"saturday",
	"sunday",
};

static int is_stop_word(const char *w)
{
	for (size_t i = 0; i < sizeof stop_words / sizeof stop_words[0]; i++)
		if (strcmp(stop_words[i], w) == 0)
			return 1;
	return 0;
}

/* Letters and digits, and any byte of a multibyte UTF-8 character (the
 * tokenizer decides about those; they never carry FTS5 syntax). */
static int word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int space_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Lowercase words of s[0..len) into out ("one two"), at most max words.
 * Returns the number of words. */
static int collect_words(const char *s, size_t len, char *out, size_t outsz, int max)
{
	size_t o = 0, i = 0;
	int n = 0;

	out[0] = '\0';
	while (i < len && n < max) {
		size_t start, wlen;

		while (i < len && !word_byte((unsigned char)s[i]))
			i++;
		if (i >= len)
			break;
		start = i;
		while (i < len && word_byte((unsigned char)s[i]))
			i++;
		wlen = i - start;
		if (wlen > SEARCH_MAX_WORD) {
			wlen = SEARCH_MAX_WORD;
			/* Never cut a UTF-8 character in two. */
			while (wlen > 0 && ((unsigned char)s[start + wlen] & 0xC0) == 0x80)
				wlen--;
		}
		if (wlen == 0 || o + wlen + 2 > outsz)
			break;
		if (n > 0)
			out[o++] = ' ';
		for (size_t k = 0; k < wlen; k++) {
			char c = s[start + k];

			out[o++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
		}
		out[o] = '\0';
		n++;
	}
	return n;
}

/* Add a clause unless it is empty or already there; returns 0 when full. */
static int add_clause(struct search_query *q, const char *s, size_t len, int quoted, int prefix)
{
	struct search_clause c;

	memset(&c, 0, sizeof c);
	c.nwords = collect_words(s, len, c.text, sizeof c.text, SEARCH_MAX_PHRASE_WORDS);
	if (c.nwords == 0)
		return 1;
	if (c.nwords > 1)
		c.kind = SEARCH_PHRASE;
	else
		c.kind = prefix && !quoted ? SEARCH_PREFIX : SEARCH_WORD;
	c.stop = c.kind == SEARCH_WORD && is_stop_word(c.text);
	c.quoted = quoted;
	for (int i = 0; i < q->n; i++)
		if (q->clauses[i].kind == c.kind && strcmp(q->clauses[i].text, c.text) == 0)
			return 1;
	if (q->n == SEARCH_MAX_CLAUSES) {
		q->truncated = 1;
		return 0;
	}
	q->clauses[q->n++] = c;
	return 1;
}

void search_parse(const char *text, struct search_query *q)
{
	const char *p = text ? text : "";

	memset(q, 0, sizeof *q);
	while (*p) {
		const char *start;

		while (space_byte((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		if (*p == '"') {
			const char *close = strchr(p + 1, '"');

			if (close == NULL) { /* an unpaired quote is not syntax */
				p++;
				continue;
			}
			if (!add_clause(q, p + 1, (size_t)(close - p - 1), 1, 0))
				break;
			p = close + 1;
			continue;
		}
		start = p;
		while (*p && !space_byte((unsigned char)*p) && *p != '"')
			p++;
		{
			/* A prefix: the run's last word is directly followed by '*'. */
			const char *end = p;
			int prefix = 0;

			while (end > start && !word_byte((unsigned char)end[-1])) {
				if (end[-1] == '*' && end - 1 > start && word_byte((unsigned char)end[-2]))
					prefix = 1;
				end--;
			}
			if (!add_clause(q, start, (size_t)(p - start), 0, prefix))
				break;
		}
	}
}

NEOERR *search_quote(STRING *out, const char *s)
{
	NEOERR *err = string_append_char(out, '"');

	for (; err == STATUS_OK && *s; s++)
		err = *s == '"' ? string_append(out, "\"\"") : string_append_char(out, *s);
	if (err == STATUS_OK)
		err = string_append_char(out, '"');
	return nerr_pass(err);
}

NEOERR *search_expression(const struct search_query *q, int any, STRING *out)
{
	NEOERR *err = STATUS_OK;
	int only_stop = 1, written = 0;

	for (int i = 0; i < q->n; i++)
		only_stop &= q->clauses[i].stop;
	for (int i = 0; i < q->n && err == STATUS_OK; i++) {
		const struct search_clause *c = &q->clauses[i];

		if (c->stop && !only_stop)
			continue;
		if (written++)
			err = string_append(out, any ? " OR " : " AND ");
		if (err == STATUS_OK && c->nalts)
			err = string_append_char(out, '(');
		if (err == STATUS_OK)
			err = search_quote(out, c->text);
		/* Short prefixes would scan most of the index: they only
		 * match through their completions. */
		if (err == STATUS_OK && c->kind == SEARCH_PREFIX && strlen(c->text) >= 3)
			err = string_append_char(out, '*');
		for (int k = 0; k < c->nalts && err == STATUS_OK; k++) {
			err = string_append(out, " OR ");
			if (err == STATUS_OK)
				err = search_quote(out, c->alts[k]);
		}
		if (err == STATUS_OK && c->nalts)
			err = string_append_char(out, ')');
	}
	return nerr_pass(err);
}

NEOERR *search_query_text(const struct search_query *q, const char *const *replace, STRING *out)
{
	NEOERR *err = STATUS_OK;

	for (int i = 0; i < q->n && err == STATUS_OK; i++) {
		const struct search_clause *c = &q->clauses[i];
		const char *text = replace && replace[i] ? replace[i] : c->text;

		if (i > 0)
			err = string_append_char(out, ' ');
		if (err == STATUS_OK && c->kind == SEARCH_PHRASE)
			err = string_appendf(out, "\"%s\"", text);
		else if (err == STATUS_OK)
			err = string_append(out, text);
		if (err == STATUS_OK && c->kind == SEARCH_PREFIX)
			err = string_append_char(out, '*');
	}
	return nerr_pass(err);
}

int search_edit_distance(const char *a, const char *b, int max)
{
	size_t la = strlen(a), lb = strlen(b);
	/* Three rows of the dynamic programme (transpositions look two back). */
	int rows[3][SEARCH_MAX_WORD + 2];
	int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	if (la > SEARCH_MAX_WORD || lb > SEARCH_MAX_WORD)
		return max + 1;
	if ((la > lb ? la - lb : lb - la) > (size_t)max)
		return max + 1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int best;

		cur[0] = (int)i;
		best = cur[0];
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int v = prev[j] + 1;

			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
		{
			int *t = prev2;

			prev2 = prev;
			prev = cur;
			cur = t;
		}
	}
	return prev[lb] > max ? max + 1 : prev[lb];
}

#define TABLE_RULE " \t\r\n-:"

static int has_output(const STRING *out)
{
	return out->len > 0;
}

NEOERR *search_marked_html(const char *marked, STRING *out)
{
	NEOERR *err = STATUS_OK;
	int open = 0;

	for (const unsigned char *p = (const unsigned char *)marked; *p && err == STATUS_OK; p++) {
		if (*p == '|' || (strchr(TABLE_RULE, *p) &&
				  strspn((const char *)p, TABLE_RULE) < strspn((const char *)p, TABLE_RULE "|"))) {
			/* Table rows in the plain text ("| a | b |", "| --- |"):
			 * cells read better apart with a middle dot. */
			size_t run = strspn((const char *)p, TABLE_RULE "|");

			err = string_append(out, has_output(out) ? " \xc2\xb7 " : "");
			p += run - 1;
		} else if (*p == 0x01) {
			if (!open)
				err = string_append(out, "<mark>");
			open = 1;
		} else if (*p == 0x02) {
			if (open)
				err = string_append(out, "</mark>");
			open = 0;
		} else if (*p == '\n' || *p == '\t' || *p == '\r') {
			err = string_append_char(out, ' ');
		} else if (*p >= 0x20 && *p != 0x7f) {
			err = html_escape_append(out, (const char *)p, 1);
		}
	}
	if (err == STATUS_OK && open)
		err = string_append(out, "</mark>");
	return nerr_pass(err);
}

/* Regular English endings: a word and another form of it differ by these. */
int search_same_word_forms(const char *a, const char *b)
{
	static const char *const endings[] = { "",     "s",     "es",  "d",    "ed",    "ing",   "er",
					       "ers",  "e",     "y",   "ies",  "ied",   "al",    "ly",
					       "ment", "ments", "ion", "ions", "ation", "ations" };
	size_t na = strlen(a), nb = strlen(b);

	for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
		size_t ei = strlen(endings[i]);

		if (ei > na || strcmp(a + na - ei, endings[i]) != 0)
			continue;
		for (size_t j = 0; j < sizeof endings / sizeof *endings; j++) {
			size_t ej = strlen(endings[j]), root = na - ei;
			const char *other = strcmp(endings[i], "e") == 0   ? endings[j]
					    : strcmp(endings[j], "e") == 0 ? endings[i]
									   : NULL;

			if (j == i || ej > nb || nb - ej != root || root < 3 || strcmp(b + nb - ej, endings[j]) != 0 ||
			    strncmp(a, b, root) != 0)
				continue;
			/* A final e drops only before a vowel ("stating", never "statment"). */
			if (other != NULL && other[0] != '\0' && strchr("aeiouy", other[0]) == NULL)
				continue;
			return 1;
		}
	}
	return 0;
}

NEOERR *append_phrase(STRING *out, const char *text)
{
	NEOERR *err = string_append_char(out, '"');
	int in_word = 0, words = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p && err == STATUS_OK; p++) {
		int w = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z');

		if (w && !in_word && words++)
			err = string_append_char(out, ' ');
		if (w && err == STATUS_OK)
			err = string_append_char(out, (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
		in_word = w;
	}
	if (err == STATUS_OK)
		err = string_append_char(out, '"');
	return nerr_pass(err);
}

void join_words(char *out, size_t outsz, char words[][SEARCH_MAX_WORD + 1], int nw, int at, const char *with)
{
	size_t o = 0;

	out[0] = '\0';
	for (int x = 0; x < nw; x++) {
		const char *w = x == at && with ? with : words[x];
		size_t len = strlen(w);

		if (o + len + 2 > outsz)
			break;
		if (x)
			out[o++] = ' ';
		memcpy(out + o, w, len + 1);
		o += len;
	}
}
