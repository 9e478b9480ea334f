/* search_highlight: which words of a result are the query's (their stems,
 * or prefixes as typed) and the title or snippet of a result as HTML with
 * them in <mark>. Apart because it is what a result shows, not what finds
 * it: citation and text searches both fill a highlight (see
 * search_internal.h; the snippet itself is cut by search_snippet.c). */
#include "search/search_internal.h"

#include <stdlib.h>
#include <string.h>

void highlight_add(struct highlight *h, const char *word, size_t len, int prefix)
{
	char st[SEARCH_MAX_WORD + 1];

	if (h->n == MAX_PATTERNS || len == 0 || len > SEARCH_MAX_WORD)
		return;
	if (prefix) {
		memcpy(st, word, len);
		st[len] = '\0';
	} else {
		stem_word(word, len, st);
	}
	if (st[0] == '\0')
		return;
	for (int i = 0; i < h->n; i++)
		if (h->p[i].prefix == prefix && strcmp(h->p[i].text, st) == 0)
			return;
	memcpy(h->p[h->n].text, st, strlen(st) + 1);
	h->first[(unsigned char)st[0]] = 1;
	h->p[h->n].len = strlen(st);
	h->p[h->n].prefix = prefix;
	h->n++;
}

void highlight_add_words(struct highlight *h, const char *text)
{
	while (*text) {
		size_t n = strspn(text, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

		if (n)
			highlight_add(h, text, n, 0);
		text += n ? n : 1;
	}
}

static int highlight_match(void *ctx, const char *word, size_t len)
{
	const struct highlight *h = ctx;
	char lower[SEARCH_MAX_WORD + 1], st[SEARCH_MAX_WORD + 1];
	int stemmed = 0;

	if (len > SEARCH_MAX_WORD || len == 0 ||
	    !h->first[(unsigned char)(word[0] | (word[0] >= 'A' && word[0] <= 'Z' ? 0x20 : 0))])
		return 0;
	for (size_t i = 0; i < len; i++)
		lower[i] = (char)(word[i] >= 'A' && word[i] <= 'Z' ? word[i] - 'A' + 'a' : word[i]);
	lower[len] = '\0';
	for (int i = 0; i < h->n; i++) {
		/* A cheap look at the beginning first: stemming is the cost. The
		 * stem may end differently from the word ("happy", "happi"). */
		size_t look = h->p[i].prefix ? h->p[i].len : h->p[i].len > 2 ? h->p[i].len - 1 : h->p[i].len;

		if (len < look || lower[0] != h->p[i].text[0] || memcmp(lower, h->p[i].text, look) != 0)
			continue;
		if (h->p[i].prefix)
			return i + 1;
		if (!stemmed) {
			stem_word(lower, len, st);
			stemmed = 1;
		}
		if (strcmp(st, h->p[i].text) == 0)
			return i + 1;
	}
	return 0;
}

NEOERR *highlight_html(const char *text, int words, struct highlight *hl, char **out)
{
	STRING marked, html;
	NEOERR *err;

	string_init(&marked);
	string_init(&html);
	err = search_snippet(text, words, highlight_match, hl, &marked);
	if (err == STATUS_OK)
		err = search_marked_html(marked.buf ? marked.buf : "", &html);
	if (err == STATUS_OK)
		*out = html.buf ? html.buf : strdup("");
	else
		string_clear(&html);
	string_clear(&marked);
	if (err == STATUS_OK && *out == NULL)
		err = nerr_raise(NERR_NOMEM, "snippet");
	return nerr_pass(err);
}
