/* search_snippet: the part of a text that shows why it matched (see search.h).
 *
 * FTS5's snippet() re-tokenizes (and stems) a whole document for each
 * result, which costs more than finding and ranking the results; here the
 * text is cut into words with a plain scan, and only the words the caller's
 * matcher accepts are marked. */
#include "search/search.h"

#include <stdlib.h>
#include <string.h>

struct word {
	size_t start, end;
	int match;
};

/* Letters and digits; bytes of UTF-8 characters, except the Latin-1 and
 * general punctuation blocks (no-break space, dashes, curly quotes). */
static size_t word_char(const unsigned char *s)
{
	if (*s < 0x80)
		return ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') || (*s >= '0' && *s <= '9');
	if (*s == 0xC2 || *s == 0xE2)
		return 0;
	if (*s >= 0xF0)
		return 4;
	if (*s >= 0xE0)
		return 3;
	if (*s >= 0xC0)
		return 2;
	return 1;
}

static NEOERR *append_span(STRING *out, const char *s, size_t n, int *space)
{
	NEOERR *err = STATUS_OK;

	/* Runs of white space (line breaks of the plain text) read as one space. */
	for (size_t i = 0; i < n && err == STATUS_OK; i++) {
		char c = s[i];

		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			if (!*space)
				err = string_append_char(out, ' ');
			*space = 1;
		} else {
			err = string_append_char(out, c);
			*space = 0;
		}
	}
	return nerr_pass(err);
}

NEOERR *search_snippet(const char *text, int max_words, search_match_fn match, void *ctx, STRING *out)
{
	struct word *w = NULL;
	size_t n = 0, cap = 0, first = 0, last, len = strlen(text);
	int best_score = -1, space = 1; /* no leading space */
	NEOERR *err = STATUS_OK;

	for (size_t i = 0; i < len;) {
		size_t k = word_char((const unsigned char *)text + i), start = i;

		if (k == 0) {
			/* Skip the whole character (a curly quote is three bytes). */
			unsigned char c = (unsigned char)text[i];

			i += c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
			continue;
		}
		while (i < len && (k = word_char((const unsigned char *)text + i)) > 0)
			i += k;
		if (i > len)
			i = len;
		if (n == cap) {
			struct word *bigger = realloc(w, (cap = cap ? cap * 2 : 256) * sizeof *w);

			if (bigger == NULL) {
				free(w);
				return nerr_raise(NERR_NOMEM, "snippet");
			}
			w = bigger;
		}
		w[n].start = start;
		w[n].end = i;
		w[n].match = match ? match(ctx, text + start, i - start) : 0;
		n++;
	}
	last = n;
	if (max_words > 0 && n > (size_t)max_words) {
		/* The window with the most different matched words, then the
		 * most matches; it starts a few words before its first match. */
		for (size_t m = 0; m < n; m++) {
			size_t s, e;
			int score = 0, kinds = 0;
			char seen[64] = { 0 };

			if (!w[m].match)
				continue;
			s = m > 3 ? m - 3 : 0;
			e = s + (size_t)max_words < n ? s + (size_t)max_words : n;
			for (size_t x = s; x < e; x++) {
				if (!w[x].match)
					continue;
				score++;
				if (!seen[(w[x].match - 1) & 63]) {
					seen[(w[x].match - 1) & 63] = 1;
					kinds++;
				}
			}
			score += kinds * 1000;
			if (score > best_score) {
				best_score = score;
				first = s;
				last = e;
			}
		}
		if (best_score < 0)
			last = (size_t)max_words;
	}
	if (first > 0)
		err = string_append(out, "\xe2\x80\xa6");
	for (size_t x = first; x < last && err == STATUS_OK; x++) {
		/* The text between words, then the word (marked if it matched;
		 * neighbouring matches share one mark: "sick leave"). */
		size_t gap_start = x == first ? (first == 0 ? 0 : w[x].start) : w[x - 1].end;
		int joined = x > first && w[x].match && w[x - 1].match && w[x].start - w[x - 1].end <= 1;

		if (joined && out->len > 0 && out->buf[out->len - 1] == '\x02')
			out->buf[--out->len] = '\0';
		err = append_span(out, text + gap_start, w[x].start - gap_start, &space);
		if (err == STATUS_OK && w[x].match && !joined)
			err = string_append_char(out, '\x01');
		if (err == STATUS_OK)
			err = append_span(out, text + w[x].start, w[x].end - w[x].start, &space);
		if (err == STATUS_OK && w[x].match)
			err = string_append_char(out, '\x02');
	}
	/* What follows the last word, when that is the end of the text. */
	if (err == STATUS_OK && last == n && n > 0)
		err = append_span(out, text + w[n - 1].end, len - w[n - 1].end, &space);
	else if (err == STATUS_OK && n == 0)
		err = append_span(out, text, len, &space);
	if (err == STATUS_OK && last < n)
		err = string_append(out, "\xe2\x80\xa6");
	free(w);
	return nerr_pass(err);
}
