#include "corpus/corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/textclean.h"

static char *unique_slug(struct corpus_document *doc, const char *base)
{
	char *slug = text_slugify(*base ? base : "section");
	int n = 1;

	if (*slug == '\0') {
		free(slug);
		slug = xstrdup("section");
	}
	for (;;) {
		int taken = 0;
		char *candidate;

		if (n == 1) {
			candidate = xstrdup(slug);
		} else {
			candidate = xcalloc(strlen(slug) + 16, 1);
			sprintf(candidate, "%s-%d", slug, n);
		}
		for (size_t i = 0; i < doc->n_sections && !taken; i++)
			taken = strcmp(doc->sections[i].slug, candidate) == 0;
		if (!taken) {
			free(slug);
			return candidate;
		}
		free(candidate);
		n++;
	}
}

int corpus_add_section(struct corpus_document *doc, enum corpus_kind kind, int parent, const char *toc_title,
		       int toc_page, const char *title)
{
	struct corpus_section *s;

	doc->sections = xrealloc(doc->sections, (doc->n_sections + 1) * sizeof *doc->sections);
	s = &doc->sections[doc->n_sections];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->parent = parent;
	s->slug = unique_slug(doc, toc_title);
	s->toc_title = xstrdup(toc_title);
	s->toc_page = toc_page;
	s->title = xstrdup(title ? title : toc_title);
	s->body_md = xstrdup("");
	return (int)doc->n_sections++;
}

void corpus_add_term(struct corpus_document *doc, const char *term, const char *definition_md)
{
	struct corpus_term *t;
	char *base = text_slugify(term);

	doc->terms = xrealloc(doc->terms, (doc->n_terms + 1) * sizeof *doc->terms);
	t = &doc->terms[doc->n_terms++];
	t->slug = base;
	t->term = xstrdup(term);
	t->definition_md = xstrdup(definition_md);
}

void corpus_add_citations(struct corpus_section *s, const struct citation *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int dup = 0;

		for (size_t k = 0; k < s->n_citations && !dup; k++)
			dup = strcmp(s->citations[k].cite, c[i].cite) == 0;
		if (dup)
			continue;
		s->citations = xrealloc(s->citations, (s->n_citations + 1) * sizeof *s->citations);
		s->citations[s->n_citations++] = c[i];
	}
}

void corpus_document_free(struct corpus_document *doc)
{
	for (size_t i = 0; i < doc->n_sections; i++) {
		struct corpus_section *s = &doc->sections[i];

		free(s->slug);
		free(s->toc_title);
		free(s->title);
		free(s->body_md);
		free(s->citations);
	}
	for (size_t i = 0; i < doc->n_terms; i++) {
		free(doc->terms[i].slug);
		free(doc->terms[i].term);
		free(doc->terms[i].definition_md);
	}
	free(doc->sections);
	free(doc->terms);
	free(doc->slug);
	free(doc->title);
	free(doc->description);
	free(doc->revised);
	free(doc->effective_date);
	free(doc->source_file);
	free(doc->intro_md);
	memset(doc, 0, sizeof *doc);
}

char **corpus_split_lines(const char *text, size_t len, size_t *nlines)
{
	size_t cap = 256, n = 0;
	char **lines = xcalloc(cap, sizeof *lines);
	size_t start = 0;

	/* A UTF-8 byte order mark is not text. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		start = 3;
	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;

		if (n == cap) {
			cap *= 2;
			lines = xrealloc(lines, cap * sizeof *lines);
		}
		lines[n++] = textclean_line(text + start, end - start);
		start = end + 1;
	}
	*nlines = n;
	return lines;
}

void corpus_free_lines(char **lines, size_t nlines)
{
	for (size_t i = 0; i < nlines; i++)
		free(lines[i]);
	free(lines);
}
