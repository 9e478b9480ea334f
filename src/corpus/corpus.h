/* corpus: the source documents turned into records, before they reach the
 * database. One parser per document (corpus_handbook.c, corpus_orientation.c,
 * corpus_training.c) reads the converted text, cleans its artifacts
 * (textclean) and builds a corpus_document: sections in document order,
 * each with a Markdown body and its legal references, and the glossary.
 * The importer (import.c) stores a corpus_document; nothing here does I/O. */
#ifndef HR_CORPUS_H
#define HR_CORPUS_H

#include <ClearSilver.h>
#include <stddef.h>

#include "content/citation.h"

enum corpus_kind {
	CORPUS_PART,    /* a part of the document ("Benefits of Employment") */
	CORPUS_GROUP,   /* a heading that only groups sections ("Leave") */
	CORPUS_SECTION, /* a section with its own text */
};

struct corpus_section {
	enum corpus_kind kind;
	int parent;                 /* index of the enclosing part/group, -1 if none */
	char *slug;                 /* unique within the document */
	char *toc_title;            /* as the table of contents prints it */
	int toc_page;               /* printed page number, 0 if none */
	char *title;                /* heading shown on the page */
	char *body_md;              /* Markdown (see markdown.h) */
	struct citation *citations; /* LEGAL REFERENCES, in printed order */
	size_t n_citations;
};

struct corpus_term {
	char *slug;
	char *term; /* "APPOINTING AUTHORITY" */
	char *definition_md;
};

struct corpus_document {
	char *slug; /* URL base: "handbook" */
	char *title;
	char *description;    /* one sentence for lists */
	const char *status;   /* "current", "historical", "reference" */
	char *revised;        /* as printed, e.g. "September 30, 2016" */
	char *effective_date; /* YYYY-MM-DD used for imported versions */
	char *source_file;    /* file name under db/corpus */
	char *intro_md;       /* front matter shown on the document's page */
	struct corpus_section *sections;
	size_t n_sections;
	struct corpus_term *terms;
	size_t n_terms;
};

/* Parsers: fill doc (already zeroed) from the converted text. */
NEOERR *corpus_parse_handbook(const char *text, size_t len, struct corpus_document *doc);
NEOERR *corpus_parse_orientation(const char *text, size_t len, struct corpus_document *doc);
NEOERR *corpus_parse_training(const char *text, size_t len, struct corpus_document *doc);

/* Append a section; strings are copied; returns its index. The slug is
 * made from toc_title and made unique within the document ("-2", "-3"). */
int corpus_add_section(struct corpus_document *doc, enum corpus_kind kind, int parent, const char *toc_title,
		       int toc_page, const char *title);
/* Append a glossary term (copied); the slug is made from the term. */
void corpus_add_term(struct corpus_document *doc, const char *term, const char *definition_md);
/* Add citations parsed from a LEGAL REFERENCES text to a section (dupes skipped). */
void corpus_add_citations(struct corpus_section *s, const struct citation *c, size_t n);

void corpus_document_free(struct corpus_document *doc);

/* Split text into lines (newly allocated array of cleaned lines; "\r" and
 * conversion artifacts removed, see textclean_line). */
char **corpus_split_lines(const char *text, size_t len, size_t *nlines);
void corpus_free_lines(char **lines, size_t nlines);

#endif
