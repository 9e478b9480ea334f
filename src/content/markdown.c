#include "content/markdown.h"

#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "core/errors.h"

static int extensions_registered;

/* Nesting depth of lists and block quotes, measured on the source: cmark
 * itself handles deep nesting, but the page and PDF layouts do not. */
static int too_deep(cmark_node *root)
{
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type ev;
	int depth = 0, deepest = 0;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(node);

		if (type != CMARK_NODE_LIST && type != CMARK_NODE_BLOCK_QUOTE)
			continue;
		if (ev == CMARK_EVENT_ENTER && ++depth > deepest)
			deepest = depth;
		else if (ev == CMARK_EVENT_EXIT)
			depth--;
	}
	cmark_iter_free(iter);
	return deepest > MARKDOWN_MAX_DEPTH;
}

/* Only web, mail and local links survive: "javascript:" and "data:" URLs
 * (which cmark's safe mode also drops) and anything unexpected lose their
 * target but keep their text. */
static int url_allowed(const char *url)
{
	if (url == NULL || *url == '\0')
		return 0;
	if (url[0] == '/' && url[1] != '/')
		return 1;
	if (url[0] == '#')
		return 1;
	return strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0 || strncmp(url, "mailto:", 7) == 0;
}

static void neutralise_links(cmark_node *root)
{
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(iter);
		cmark_node_type type = cmark_node_get_type(node);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if ((type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) && !url_allowed(cmark_node_get_url(node)))
			cmark_node_set_url(node, "");
	}
	cmark_iter_free(iter);
}

NEOERR *markdown_render(const char *md, size_t len, char **html, char **text)
{
	cmark_parser *parser;
	cmark_node *doc;
	cmark_syntax_extension *table;
	const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;

	*html = NULL;
	if (text)
		*text = NULL;
	if (len > MARKDOWN_MAX_SOURCE)
		return nerr_raise(HR_ERR_BAD_REQUEST, "The text is too long (%zu KB; at most %d KB).", len / 1024,
				  MARKDOWN_MAX_SOURCE / 1024);
	if (!extensions_registered) {
		cmark_gfm_core_extensions_ensure_registered();
		extensions_registered = 1;
	}
	parser = cmark_parser_new(options);
	table = cmark_find_syntax_extension("table");
	if (table != NULL)
		cmark_parser_attach_syntax_extension(parser, table);
	cmark_parser_feed(parser, md, len);
	doc = cmark_parser_finish(parser);
	if (doc == NULL) {
		cmark_parser_free(parser);
		return nerr_raise(NERR_NOMEM, "cmark could not parse");
	}
	if (too_deep(doc)) {
		cmark_node_free(doc);
		cmark_parser_free(parser);
		return nerr_raise(HR_ERR_BAD_REQUEST, "The text nests lists or quotes more than %d levels deep.",
				  MARKDOWN_MAX_DEPTH);
	}
	neutralise_links(doc);
	/* Default options are safe mode: raw HTML becomes a comment. */
	*html = cmark_render_html(doc, options, cmark_parser_get_syntax_extensions(parser));
	if (text)
		*text = cmark_render_plaintext(doc, options, 0);
	cmark_node_free(doc);
	cmark_parser_free(parser);
	if (*html == NULL || (text && *text == NULL)) {
		free(*html);
		*html = NULL;
		if (text) {
			free(*text);
			*text = NULL;
		}
		return nerr_raise(NERR_NOMEM, "cmark could not render");
	}
	return STATUS_OK;
}

/* Characters that can start or end Markdown inline syntax anywhere. */
static int inline_special(char c)
{
	return strchr("\\`*_[]<>|&~!", c) != NULL;
}

/* Length of a web address starting at p ("https://...", "www...."),
 * without trailing punctuation; 0 when p does not start one. Addresses
 * become CommonMark autolinks, whose content is taken literally, instead of
 * being escaped character by character (escapes would corrupt them). */
static size_t web_address(const char *p, int at_word_start)
{
	size_t n;

	if (!at_word_start ||
	    (strncmp(p, "https://", 8) != 0 && strncmp(p, "http://", 7) != 0 && strncmp(p, "www.", 4) != 0))
		return 0;
	/* '&' ends it too: CommonMark decodes entities inside an autolink,
	 * so "&gt;" in the source would read as ">". So does '|': a table row
	 * is split at every unescaped '|' before autolinks are seen. */
	n = strcspn(p, " \t\r\n<>\"'`\\&|");
	while (n > 0 && strchr(".,;:)]!?", p[n - 1]) != NULL)
		n--;
	return n > 8 ? n : 0;
}

NEOERR *md_append_text(STRING *out, const char *text)
{
	NEOERR *err = STATUS_OK;
	int at_start = 1;

	/* Leading white space never shows, but up to three spaces before "#"
	 * would still make a heading and four would make a code block. */
	while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
		text++;
	for (const char *p = text; *p && err == STATUS_OK; p++) {
		char c = *p;
		size_t url = web_address(p, p == text || p[-1] == ' ' || p[-1] == '(');

		if (url > 0) {
			err = string_appendf(out, "<%s%.*s>", *p == 'w' ? "http://" : "", (int)url, p);
			p += url - 1;
			at_start = 0;
			continue;
		}
		if (c == '\n' || c == '\r' || c == '\t')
			c = ' ';
		/* Block syntax only matters at the start of the text. */
		if (at_start && strchr("#+-=>", c) != NULL) {
			err = string_append_char(out, '\\');
		} else if (at_start && c >= '0' && c <= '9') {
			const char *q = p;

			while (*q >= '0' && *q <= '9')
				q++;
			/* Tabs and line breaks become spaces below, so they count too. */
			if ((*q == '.' || *q == ')') &&
			    (q[1] == ' ' || q[1] == '\t' || q[1] == '\n' || q[1] == '\r' || q[1] == '\0')) {
				err = string_appendn(out, p, (int)(q - p));
				if (err == STATUS_OK)
					err = string_append_char(out, '\\');
				p = q;
				c = *p;
			}
		} else if (inline_special(c)) {
			err = string_append_char(out, '\\');
		}
		if (err == STATUS_OK)
			err = string_append_char(out, c);
		at_start = 0;
	}
	return nerr_pass(err);
}

NEOERR *md_end_block(STRING *out)
{
	return nerr_pass(string_append(out, "\n"));
}

NEOERR *md_paragraph(STRING *out, const char *text)
{
	NEOERR *err = md_append_text(out, text);

	if (err == STATUS_OK)
		err = string_append(out, "\n\n");
	return nerr_pass(err);
}

NEOERR *md_heading(STRING *out, int level, const char *text)
{
	NEOERR *err;

	if (level < 2)
		level = 2;
	if (level > 6)
		level = 6;
	STRING body;

	string_init(&body);
	err = string_appendf(out, "%.*s ", level, "######");
	if (err == STATUS_OK)
		err = md_append_text(&body, text);
	if (err == STATUS_OK && body.len > 0) {
		/* A heading's closing sequence (" #", " ##"...) is dropped by
		 * Markdown: escape the first '#' of a trailing run so "Form 5 #"
		 * keeps its last word. Trailing spaces are dropped anyway. */
		int end = body.len, run;

		while (end > 0 && body.buf[end - 1] == ' ')
			end--;
		run = end;
		while (run > 0 && body.buf[run - 1] == '#')
			run--;
		/* An odd number of backslashes before the run means its first
		 * '#' is escaped already (md_append_text does that at the start). */
		int slashes = 0;

		while (run - slashes > 0 && body.buf[run - slashes - 1] == '\\')
			slashes++;
		if (run < end && slashes % 2 == 0) {
			err = string_appendn(out, body.buf, run);
			if (err == STATUS_OK)
				err = string_append_char(out, '\\');
			if (err == STATUS_OK)
				err = string_appendn(out, body.buf + run, end - run);
		} else {
			err = string_appendn(out, body.buf, end);
		}
	}
	string_clear(&body);
	if (err == STATUS_OK)
		err = string_append(out, "\n\n");
	return nerr_pass(err);
}

NEOERR *md_list_item(STRING *out, int depth, int number, const char *text)
{
	NEOERR *err = STATUS_OK;

	/* Four spaces per level nest under both "- " and "10. " markers. */
	for (int i = 0; i < depth && err == STATUS_OK; i++)
		err = string_append(out, "    ");
	if (err == STATUS_OK)
		err = number > 0 ? string_appendf(out, "%d. ", number) : string_append(out, "- ");
	if (err == STATUS_OK)
		err = md_append_text(out, text);
	if (err == STATUS_OK)
		err = string_append(out, "\n");
	return nerr_pass(err);
}

NEOERR *md_table(STRING *out, const char *const *cells, size_t nrows, size_t ncols)
{
	NEOERR *err = STATUS_OK;

	for (size_t r = 0; r < nrows && err == STATUS_OK; r++) {
		err = string_append(out, "|");
		for (size_t c = 0; c < ncols && err == STATUS_OK; c++) {
			const char *cell = cells[r * ncols + c];

			err = string_append(out, " ");
			if (err == STATUS_OK && cell && *cell)
				err = md_append_text(out, cell);
			if (err == STATUS_OK)
				err = string_append(out, " |");
		}
		if (err == STATUS_OK)
			err = string_append(out, "\n");
		if (r == 0) {
			for (size_t c = 0; c < ncols && err == STATUS_OK; c++)
				err = string_append(out, c == 0 ? "| --- |" : " --- |");
			if (err == STATUS_OK)
				err = string_append(out, "\n");
		}
	}
	if (err == STATUS_OK)
		err = string_append(out, "\n");
	return nerr_pass(err);
}
