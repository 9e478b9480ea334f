/* fuzz_import: the importer's parsers (corpus_parse_handbook,
 * corpus_parse_orientation, corpus_parse_training) on fuzzed text, and the
 * Markdown they produce rendered as the importer renders it.
 *
 * The text is handed over without a terminating NUL (the parsers take a
 * length). Properties: a parser either fails cleanly or builds a document
 * whose slugs are non-empty and unique, whose parents come before their
 * children, and whose Markdown renders without raw HTML (source text is
 * always escaped on its way into Markdown). */
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "corpus/corpus.h"
#include "core/errors.h"
#include "fuzz.h"
#include "content/markdown.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	NEOERR *err = errors_init();

	(void)argc;
	(void)argv;
	nerr_ignore(&err);
	return 0;
}

static void check_markdown(const char *what, const char *md)
{
	char *html = NULL, *text = NULL;
	NEOERR *err;

	if (md == NULL)
		return;
	err = markdown_render(md, strlen(md), &html, &text);
	if (err != STATUS_OK) {
		if (!nerr_match(err, HR_ERR_BAD_REQUEST))
			fuzz_fail("%s: rendering failed with an internal error", what);
		nerr_ignore(&err);
		return;
	}
	if (strstr(html, "<!-- raw HTML omitted -->") != NULL)
		fuzz_fail("%s: source text reached the Markdown as raw HTML:\n%s", what, md);
	free(html);
	free(text);
}

static void check_document(const struct corpus_document *doc)
{
	check_markdown("intro", doc->intro_md);
	for (size_t i = 0; i < doc->n_sections; i++) {
		const struct corpus_section *s = &doc->sections[i];

		if (s->slug == NULL || s->slug[0] == '\0')
			fuzz_fail("section %zu has no slug", i);
		if (strchr(s->slug, '/') != NULL)
			fuzz_fail("section slug \"%s\" contains a slash", s->slug);
		if (s->parent >= (int)i || s->parent < -1)
			fuzz_fail("section %zu has parent %d", i, s->parent);
		for (size_t j = 0; j < i; j++)
			if (strcmp(doc->sections[j].slug, s->slug) == 0)
				fuzz_fail("slug \"%s\" used twice", s->slug);
		check_markdown(s->slug, s->body_md);
	}
	for (size_t i = 0; i < doc->n_terms; i++) {
		if (doc->terms[i].slug == NULL || doc->terms[i].slug[0] == '\0')
			fuzz_fail("term %zu has no slug", i);
		check_markdown(doc->terms[i].slug, doc->terms[i].definition_md);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static NEOERR *(*const parsers[])(const char *, size_t, struct corpus_document *) = {
		corpus_parse_handbook,
		corpus_parse_orientation,
		corpus_parse_training,
	};
	char *text;

	if (size > 128 * 1024)
		return 0;
	/* Exactly size bytes: a parser reading past the length is caught. */
	text = malloc(size ? size : 1);
	if (text == NULL)
		abort();
	memcpy(text, data, size);
	for (size_t p = 0; p < sizeof parsers / sizeof parsers[0]; p++) {
		struct corpus_document doc;
		NEOERR *err;

		memset(&doc, 0, sizeof doc);
		err = parsers[p](text, size, &doc);
		if (err == STATUS_OK)
			check_document(&doc);
		nerr_ignore(&err);
		corpus_document_free(&doc);
	}
	free(text);
	return 0;
}
