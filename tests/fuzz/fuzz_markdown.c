/* fuzz_markdown: Markdown rendering (markdown_render) and the md_* builders.
 *
 * 1. Any bytes rendered in safe mode give HTML made only of the tags
 *    cmark-gfm writes itself, with link and image targets that are local,
 *    web or mail addresses (or empty), and no raw HTML.
 * 2. Round trip: clean text put into a paragraph, heading, list item or
 *    table cell with the md_* builders renders back to the same words,
 *    escaped (white space at the ends trimmed, tabs and line breaks as
 *    spaces, web addresses as links), and to nothing else.
 * The first input byte chooses the builder and its options. */
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "core/errors.h"
#include "fuzz.h"
#include "content/markdown.h"
#include "web/request.h"
#include "core/utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	NEOERR *err = errors_init();

	(void)argc;
	(void)argv;
	nerr_ignore(&err);
	return 0;
}

static const char *const known_tags[] = {
	"p",      "h1",   "h2",  "h3",         "h4", "h5", "h6",    "ul",    "ol",    "li", "a",  "img", "em",
	"strong", "code", "pre", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",  "del",
};

static int url_ok(const char *u, size_t n)
{
	return n == 0 || (u[0] == '/' && (n == 1 || u[1] != '/')) || u[0] == '#' ||
	       (n >= 7 && strncmp(u, "http://", 7) == 0) || (n >= 8 && strncmp(u, "https://", 8) == 0) ||
	       (n >= 7 && strncmp(u, "mailto:", 7) == 0);
}

/* Check every tag of html (property 1); with text != NULL, also collect
 * the text between tags, unescaped. */
static void check_html(const char *html, const char *source, STRING *text)
{
	if (strstr(html, "<!-- raw HTML omitted -->") != NULL && text != NULL)
		fuzz_fail("escaped text came out as raw HTML: %s", source);
	for (const char *p = html; *p;) {
		if (*p == '<') {
			const char *end = strchr(p, '>'), *name = p + 1, *attr;
			size_t len;
			int known = 0;

			if (strncmp(p, "<!-- raw HTML omitted -->", 25) == 0) {
				p += 25;
				continue;
			}
			if (end == NULL)
				fuzz_fail("unterminated tag in %s", html);
			if (*name == '/')
				name++;
			len = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789");
			for (size_t i = 0; i < sizeof known_tags / sizeof known_tags[0]; i++)
				if (strlen(known_tags[i]) == len && strncmp(known_tags[i], name, len) == 0)
					known = 1;
			if (!known)
				fuzz_fail("unexpected tag %.*s in HTML of %s", (int)(end - p + 1), p, source);
			for (attr = name + len; attr < end; attr++) {
				if (strncmp(attr, " href=\"", 7) == 0 || strncmp(attr, " src=\"", 6) == 0) {
					const char *v = strchr(attr, '"') + 1, *q = strchr(v, '"');

					if (q == NULL || !url_ok(v, (size_t)(q - v)))
						fuzz_fail("link target %.*s kept in HTML of %s", (int)(end - p), p,
							  source);
				}
			}
			p = end + 1;
			continue;
		}
		if (text != NULL) {
			static const char *const ent[][2] = {
				{ "&amp;", "&" },
				{ "&lt;", "<" },
				{ "&gt;", ">" },
				{ "&quot;", "\"" },
			};
			size_t k;

			for (k = 0; k < 4; k++)
				if (strncmp(p, ent[k][0], strlen(ent[k][0])) == 0)
					break;
			if (k < 4) {
				string_append(text, ent[k][1]);
				p += strlen(ent[k][0]);
				continue;
			}
			string_append_char(text, *p);
		}
		p++;
	}
}

/* What the words should read: tabs and line breaks are spaces, the ends
 * trimmed. "http://" is dropped from both sides (www. addresses gain it). */
static char *normalise(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *out = malloc(n + 1);

	if (out == NULL)
		abort();
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (strncmp(s + i, "http://", 7) == 0) {
			i += 6;
			continue;
		}
		out[o++] = (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
	}
	out[o] = '\0';
	while (o > 0 && out[o - 1] == ' ')
		out[--o] = '\0';
	o = strspn(out, " ");
	memmove(out, out + o, strlen(out + o) + 1);
	return out;
}

static void round_trip(unsigned mode, const char *words)
{
	STRING md, got;
	char *html = NULL, *text = NULL, *want, *have;
	NEOERR *err;

	string_init(&md);
	string_init(&got);
	switch (mode % 4) {
	case 0:
		err = md_paragraph(&md, words);
		break;
	case 1:
		err = md_heading(&md, 2 + (int)(mode / 4 % 5), words);
		break;
	case 2:
		err = md_list_item(&md, 0, (int)(mode / 4 % 3), words);
		if (err == STATUS_OK)
			err = md_end_block(&md);
		break;
	default: {
		const char *cells[2] = { words, "x" };

		err = md_table(&md, cells, 2, 1);
		break;
	}
	}
	if (err != STATUS_OK)
		fuzz_fail("md builder failed");
	err = markdown_render(md.buf ? md.buf : "", (size_t)md.len, &html, &text);
	if (err != STATUS_OK)
		fuzz_fail("built Markdown does not render: %s", md.buf);
	check_html(html, md.buf, &got);
	if (mode % 4 == 3) {
		/* The header cell, then the body row's "x". */
		size_t n = (size_t)got.len;

		while (n > 0 && (got.buf[n - 1] == '\n' || got.buf[n - 1] == ' '))
			n--;
		if (n == 0 || got.buf[n - 1] != 'x')
			fuzz_fail("table lost its body row: %s", html);
		got.buf[n - 1] = '\0';
	}
	for (char *p = got.buf; p && *p; p++)
		if (*p == '\n')
			*p = ' ';
	want = normalise(words);
	have = normalise(got.buf ? got.buf : "");
	if (strcmp(want, have) != 0)
		fuzz_fail("builder %u: text \"%s\" became Markdown \"%s\", which reads \"%s\"", mode % 4, words, md.buf,
			  have);
	free(want);
	free(have);
	free(html);
	free(text);
	string_clear(&md);
	string_clear(&got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *html = NULL, *text = NULL, *words;
	NEOERR *err;

	if (size < 1 || size > 64 * 1024)
		return 0;
	/* Property 1 on the raw bytes (no terminating NUL). */
	{
		char *raw = malloc(size);

		if (raw == NULL)
			abort();
		memcpy(raw, data + 1, size - 1);
		err = markdown_render(raw, size - 1, &html, &text);
		if (err != STATUS_OK) {
			if (!nerr_match(err, HR_ERR_BAD_REQUEST))
				fuzz_fail("markdown_render failed with an internal error");
			nerr_ignore(&err);
		} else {
			char *src = fuzz_cstring(data + 1, size - 1);

			check_html(html, src, NULL);
			free(src);
		}
		free(html);
		free(text);
		free(raw);
	}
	/* Property 2 on clean text (the builders take C strings). */
	words = fuzz_cstring(data + 1, size - 1);
	if (utf8_is_clean(words, strlen(words), 1))
		round_trip(data[0], words);
	free(words);
	return 0;
}
