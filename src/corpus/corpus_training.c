/* corpus_training: the web page "Training and Development – Human Resources
 * Staff" (db/corpus/hr-training-page.txt), an HTML page saved as text.
 *
 * The page is a list of courses under a few headings:
 *
 *   Agency Security Contact (ASC)              a heading with its text
 *   HR Courses                                 a heading over courses:
 *   Accurate Time Reporting [All employees...]   a course, with a note
 *   HR Requirements: All HR staff with ...       who in HR must take it
 *   System Courses
 *             • Security Awareness [...]         a course as a list item,
 *               This online course ...           its text indented below
 *
 * A heading followed by courses becomes a group with one section per
 * course; any other heading is a section. The site's chrome (the COVID-19
 * banner, "An Official Website of the Commonwealth of Kentucky", the
 * navigation, "Skip Content", the "© Commonwealth of Kentucky" footer) is
 * dropped: everything before the page title and from the copyright line on.
 * "[All employees are required to complete this course.]" is kept as a note;
 * "[See HR requirements below.]" is dropped where the course has its "HR
 * Requirements" (shown as a heading). "Click HERE to access ..." lost its
 * link in the copy and says so instead.
 *
 * The page is undated; its COVID-19 vaccine banner dates the copy to 2021
 * or later, so it is imported as "undated" with the fixed date 2021-01-01. */
#include "corpus/corpus.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "content/citation.h"
#include "content/markdown.h"
#include "core/textclean.h"
#include "core/utf8.h"

#define TR_MAX_INPUT (1024u * 1024) /* the page is about 4 KB */
#define TR_FIXED_DATE "2021-01-01"
#define TR_TITLE "Training and Development \xe2\x80\x93 Human Resources Staff"

struct tr_line {
	char *t; /* text, trimmed and with runs of spaces squeezed */
	int indent;
	int blank;
};

struct tr_part {
	enum corpus_kind kind;
	int parent; /* index in the parts array, -1 at the top */
	char *title;
	STRING md;
	STRING plain;
	int has_requirements; /* a course with "HR Requirements" */
	int doc_index;
};

struct tr {
	struct tr_part *parts;
	size_t n;
	STRING intro;
};

static char tr_last(const char *s)
{
	size_t n = strlen(s);

	return n ? s[n - 1] : '\0';
}

static int starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Lines of the site around the page's own text. */
static int is_chrome(const char *t)
{
	return strstr(t, "COVID-19 vaccine") != NULL || starts_with(t, "An Official Website of") ||
	       strcmp(t, "Skip Content") == 0 || starts_with(t, "\xc2\xa9");
}

/* "Accurate Time Reporting [All employees ...]": the title's length, and
 * the note in the brackets (newly allocated), or 0. */
static size_t bracket_course(const char *t, char **note)
{
	const char *open = strchr(t, '[');
	size_t n = strlen(t);

	*note = NULL;
	if (open == NULL || open == t || t[n - 1] != ']' || strchr(open + 1, '[') || open - t > 120)
		return 0;
	*note = xstrndup(open + 1, (size_t)(t + n - 1 - open - 1));
	text_squeeze_spaces(*note);
	n = (size_t)(open - t);
	while (n > 0 && t[n - 1] == ' ')
		n--;
	return n;
}

/* A heading: short, no sentence punctuation, after a blank line and
 * followed by one. */
static int is_heading(const struct tr_line *L, size_t n, size_t i)
{
	const char *t = L[i].t;
	size_t len = strlen(t);
	unsigned char c = (unsigned char)t[0];

	if (len == 0 || len > 80 || !isupper(c) || strchr(".:,;", tr_last(t)) || strchr(t, '[') || strchr(t, ':'))
		return 0;
	if (i > 0 && !L[i - 1].blank)
		return 0;
	return i + 1 >= n || L[i + 1].blank;
}

static struct tr_part *tr_add(struct tr *tr, enum corpus_kind kind, int parent, const char *title, size_t len)
{
	struct tr_part *p;

	tr->parts = xrealloc(tr->parts, (tr->n + 1) * sizeof *tr->parts);
	p = &tr->parts[tr->n++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->parent = parent;
	p->title = xstrndup(title, len);
	text_squeeze_spaces(p->title);
	string_init(&p->md);
	string_init(&p->plain);
	return p;
}

static NEOERR *tr_para(STRING *md, STRING *plain, const char *text)
{
	NEOERR *err;

	if (starts_with(text, "Click HERE to access ")) {
		/* The link did not survive the copy. */
		char *t = xcalloc(strlen(text) + 64, 1);

		strcpy(t, "The original page links here to ");
		strcat(t, text + strlen("Click HERE to access "));
		err = md_paragraph(md, t);
		if (err == STATUS_OK && plain)
			err = string_appendf(plain, "%s\n", t);
		free(t);
		return nerr_pass(err);
	}
	err = md_paragraph(md, text);
	if (err == STATUS_OK && plain)
		err = string_appendf(plain, "%s\n", text);
	return nerr_pass(err);
}

/* Citations the text names ("KRS Chapter 18A", "(KRS 61.931)"). */
static void tr_citations(struct corpus_section *s, const char *text)
{
	for (const char *p = strstr(text, "KRS "); p; p = strstr(p + 4, "KRS ")) {
		char buf[64];
		size_t n = 0;
		struct citation c;
		int complete;

		if (p > text && isalnum((unsigned char)p[-1]))
			continue;
		while (p[n] && n + 1 < sizeof buf &&
		       (isalnum((unsigned char)p[n]) || p[n] == ' ' ||
			(p[n] == '.' && isdigit((unsigned char)p[n + 1]))))
			n++;
		memcpy(buf, p, n);
		buf[n] = '\0';
		while (n > 0 && buf[n - 1] == ' ')
			buf[--n] = '\0';
		/* Stop before the words after it ("KRS Chapter 18A to"). */
		for (char *w = buf + 4; *w; w++) {
			if (*w == ' ' && islower((unsigned char)w[1])) {
				*w = '\0';
				break;
			}
		}
		if (citation_parse(buf, &c, 1, &complete) == 1 && complete) {
			snprintf(c.raw, sizeof c.raw, "%s", buf);
			corpus_add_citations(s, &c, 1);
		}
	}
}

NEOERR *corpus_parse_training(const char *text, size_t len, struct corpus_document *doc)
{
	struct tr tr;
	struct tr_line *L;
	char **raw;
	size_t nraw = 0, n = 0, start = 0, end;
	int top = -1, course = -1, bullet_indent = -1, found = 0;
	NEOERR *err = STATUS_OK;

	if (text == NULL && len > 0)
		return nerr_raise(NERR_ASSERT, "no text");
	if (len > TR_MAX_INPUT)
		return nerr_raise(NERR_PARSE, "The training page text is too long (%zu bytes).", len);
	memset(&tr, 0, sizeof tr);
	string_init(&tr.intro);
	raw = corpus_split_lines(text ? text : "", len, &nraw);
	L = xcalloc(nraw ? nraw : 1, sizeof *L);
	for (size_t i = 0; i < nraw; i++) {
		char *s = raw[i];
		int indent = 0;

		utf8_sanitize(s);
		while (s[indent] == ' ')
			indent++;
		L[i].t = xstrdup(s + indent);
		text_squeeze_spaces(L[i].t);
		L[i].indent = indent;
		L[i].blank = L[i].t[0] == '\0';
		n++;
	}
	corpus_free_lines(raw, nraw);

	for (size_t i = 0; i < n && !found; i++) {
		if (strcmp(L[i].t, TR_TITLE) == 0) {
			start = i + 1;
			found = 1;
		}
	}
	if (!found) {
		err = nerr_raise(NERR_PARSE,
				 "This text is not the HR training page: its title \"%s\" "
				 "was not found.",
				 TR_TITLE);
		goto done;
	}
	for (end = start; end < n && !starts_with(L[end].t, "\xc2\xa9"); end++)
		;

	for (size_t i = start; i < end && err == STATUS_OK; i++) {
		const char *t = L[i].t;
		char *note = NULL;
		size_t tlen;

		if (L[i].blank || is_chrome(t))
			continue;
		/* The text of a course given as a list item is indented under it. */
		if (bullet_indent >= 0 && L[i].indent <= bullet_indent && !starts_with(t, "\xe2\x80\xa2")) {
			course = -1;
			bullet_indent = -1;
		}
		if (starts_with(t, "\xe2\x80\xa2")) {
			const char *title = t + 3;

			while (*title == ' ')
				title++;
			if (top < 0)
				continue; /* a list before any heading: not a course */
			tr.parts[top].kind = CORPUS_GROUP;
			tlen = bracket_course(title, &note);
			if (tlen == 0)
				tlen = strlen(title);
			tr_add(&tr, CORPUS_SECTION, top, title, tlen);
			course = (int)tr.n - 1;
			bullet_indent = L[i].indent;
			if (note)
				err = tr_para(&tr.parts[course].md, NULL, note);
			free(note);
			continue;
		}
		if (top >= 0 && (tlen = bracket_course(t, &note)) > 0) {
			int see_below = strstr(note, "requirements below") != NULL ||
					strstr(note, "equirements below") != NULL;

			tr.parts[top].kind = CORPUS_GROUP;
			tr_add(&tr, CORPUS_SECTION, top, t, tlen);
			course = (int)tr.n - 1;
			bullet_indent = -1;
			/* "See HR requirements below" points at a heading of the
			 * course itself: keep it only if that never comes. */
			if (see_below)
				tr.parts[course].has_requirements = -1;
			else
				err = tr_para(&tr.parts[course].md, NULL, note);
			free(note);
			continue;
		}
		free(note);
		if (is_heading(L, n, i)) {
			tr_add(&tr, CORPUS_SECTION, -1, t, strlen(t));
			top = (int)tr.n - 1;
			course = -1;
			bullet_indent = -1;
			continue;
		}
		if (starts_with(t, "HR Requirements:") && course >= 0) {
			const char *rest = t + strlen("HR Requirements:");

			while (*rest == ' ')
				rest++;
			err = md_heading(&tr.parts[course].md, 2, "HR Requirements");
			if (err == STATUS_OK && *rest)
				err = tr_para(&tr.parts[course].md, &tr.parts[course].plain, rest);
			tr.parts[course].has_requirements = 1;
			continue;
		}
		if (course >= 0)
			err = tr_para(&tr.parts[course].md, &tr.parts[course].plain, t);
		else if (top >= 0)
			err = tr_para(&tr.parts[top].md, &tr.parts[top].plain, t);
		else
			err = tr_para(&tr.intro, NULL, t);
	}
	/* A course said "See HR requirements below" and had none: say so. */
	for (size_t k = 0; k < tr.n && err == STATUS_OK; k++)
		if (tr.parts[k].has_requirements == -1)
			err = md_paragraph(&tr.parts[k].md, "See HR requirements below.");
	if (err != STATUS_OK)
		goto done;

	for (size_t k = 0; k < tr.n; k++) {
		struct tr_part *p = &tr.parts[k];
		struct corpus_section *s;
		int parent = p->parent >= 0 ? tr.parts[p->parent].doc_index : -1;

		if (p->md.len == 0 && p->kind == CORPUS_SECTION) {
			p->doc_index = -1;
			continue;
		}
		p->doc_index = corpus_add_section(doc, p->kind, parent, p->title, 0, p->title);
		s = &doc->sections[p->doc_index];
		free(s->body_md);
		s->body_md = xstrdup(p->md.buf ? p->md.buf : "");
		if (p->plain.buf)
			tr_citations(s, p->plain.buf);
	}
	/* A group without text of its own lists its courses. */
	for (size_t k = 0; k < doc->n_sections && err == STATUS_OK; k++) {
		struct corpus_section *s = &doc->sections[k];
		STRING md;

		if (s->kind == CORPUS_SECTION || *s->body_md)
			continue;
		string_init(&md);
		for (size_t c = k + 1; c < doc->n_sections && err == STATUS_OK; c++)
			if (doc->sections[c].parent == (int)k)
				err = md_list_item(&md, 0, 0, doc->sections[c].title);
		if (err == STATUS_OK)
			err = md_end_block(&md);
		free(s->body_md);
		s->body_md = xstrdup(md.buf ? md.buf : "");
		string_clear(&md);
	}
	if (err == STATUS_OK && doc->n_sections == 0)
		err = nerr_raise(NERR_PARSE, "The HR training page has no sections.");
	if (err == STATUS_OK) {
		doc->slug = xstrdup("hr-training");
		doc->title = xstrdup("Training and Development \xe2\x80\x93 Human Resources Staff");
		doc->description = xstrdup("The Personnel Cabinet's web page on training for Human Resources "
					   "staff: the courses every employee must take and the FMLA, "
					   "payroll and FLSA courses HR staff must take.");
		doc->status = "reference";
		doc->revised = xstrdup("undated");
		doc->effective_date = xstrdup(TR_FIXED_DATE);
		doc->source_file = xstrdup("hr-training-page.txt");
		doc->intro_md = xstrdup(tr.intro.buf ? tr.intro.buf : "");
	}
done:
	for (size_t k = 0; k < tr.n; k++) {
		free(tr.parts[k].title);
		string_clear(&tr.parts[k].md);
		string_clear(&tr.parts[k].plain);
	}
	free(tr.parts);
	string_clear(&tr.intro);
	for (size_t i = 0; i < n; i++)
		free(L[i].t);
	free(L);
	if (err != STATUS_OK)
		corpus_document_free(doc);
	return nerr_pass(err);
}
