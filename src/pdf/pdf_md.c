/* pdf_md: Markdown (CommonMark + GFM tables) drawn by walking the cmark-gfm
 * syntax tree. Blocks recurse with a depth limit; inline content is read
 * with cmark's iterator, so hostile nesting cannot exhaust the stack. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include "pdf/pdf_int.h"

/* Node types the table extension registers; exported by the extensions
 * library but not declared in its installed headers. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL;

#define BODY 10.0
#define BODY_LH 13.5
#define CODE 9.0
#define CODE_LH 11.5
#define MAX_DEPTH 40       /* deeper blocks are flattened into text */
#define INDENT_MIN_W 150.0 /* stop indenting when this little is left */

typedef struct {
	pdf_doc *d;
	double x, w;
	int depth;
	int list_level;
	int tight;
} md_ctx;

static NEOERR *md_children(md_ctx *c, cmark_node *parent);

static NEOERR *add(pdf_rt *rt, const char *s, unsigned style, int flags)
{
	return nerr_pass(pdf_rt_append(rt, s, s ? strlen(s) : 0, style, flags));
}

/* The text of node's descendants, styled by emphasis/strong/code. With
 * blocks set, block structure inside is reduced to line breaks (used past
 * the depth limit). */
static NEOERR *collect(pdf_rt *rt, cmark_node *node, unsigned base, int blocks)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	int bold = 0, ital = 0;
	NEOERR *err = STATUS_OK;

	if (!it)
		return nerr_raise(NERR_NOMEM, "pdf: no memory for a Markdown iterator");
	while (!err && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		int enter = ev == CMARK_EVENT_ENTER;
		unsigned st = base | (bold ? PDF_ST_BOLD : 0) | (ital ? PDF_ST_ITALIC : 0);

		if (t == CMARK_NODE_EMPH) {
			ital += enter ? 1 : -1;
		} else if (t == CMARK_NODE_STRONG) {
			bold += enter ? 1 : -1;
		} else if (t == CMARK_NODE_TEXT) {
			err = add(rt, cmark_node_get_literal(n), st, 0);
		} else if (t == CMARK_NODE_CODE) {
			err = add(rt, cmark_node_get_literal(n), st | PDF_ST_MONO, 0);
		} else if (t == CMARK_NODE_SOFTBREAK) {
			err = pdf_rt_raw(rt, " ", 1, st);
		} else if (t == CMARK_NODE_LINEBREAK) {
			err = pdf_rt_raw(rt, "\n", 1, st);
		} else if (blocks && n != node && !enter &&
			   (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING || t == CMARK_NODE_ITEM)) {
			err = pdf_rt_raw(rt, "\n", 1, st);
		} else if (blocks && (t == CMARK_NODE_CODE_BLOCK || t == CMARK_NODE_HTML_BLOCK)) {
			err = add(rt, cmark_node_get_literal(n), st | PDF_ST_MONO, PDF_TX_KEEP_NL);
		}
		/* links and strikethrough: their text only; inline HTML and
		 * footnote marks: nothing; images: their alt text (children) */
	}
	cmark_iter_free(it);
	return err;
}

static int at_top(pdf_doc *d)
{
	return !d->page || d->fresh;
}

static void space(pdf_doc *d, double pts)
{
	if (!at_top(d))
		d->y -= pts;
}

static NEOERR *paragraph(md_ctx *c, cmark_node *n)
{
	pdf_doc *d = c->d;

	pdf_rt_reset(&d->rt);
	PDF_TRY(collect(&d->rt, n, 0, 0));
	PDF_TRY(pdf_flow(d, &d->rt, c->x, c->w, BODY, BODY_LH, 'l'));
	space(d, c->tight ? 2 : 6);
	return STATUS_OK;
}

static NEOERR *heading(md_ctx *c, cmark_node *n)
{
	static const double sizes[] = { 14, 12.5, 11, 10, 10, 10 };
	pdf_doc *d = c->d;
	int level = cmark_node_get_heading_level(n);
	double size, lh;
	unsigned st = PDF_ST_BOLD;

	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	if (level >= 4)
		st |= PDF_ST_ITALIC;
	size = sizes[level - 1];
	lh = size * 1.3;
	pdf_rt_reset(&d->rt);
	PDF_TRY(collect(&d->rt, n, st, 0));
	PDF_TRY(pdf_fonts(d, d->rt.used));
	PDF_TRY(pdf_wrap(&d->rt, 0, d->rt.n, d->cw, size, c->w, &d->lines));
	space(d, 6);
	/* keep the heading with two lines of what follows */
	PDF_TRY(pdf_need(d, (double)d->lines.n * lh + 2 * BODY_LH));
	PDF_TRY(pdf_flow(d, &d->rt, c->x, c->w, size, lh, 'l'));
	space(d, 3);
	return STATUS_OK;
}

static NEOERR *literal_block(md_ctx *c, cmark_node *n, int code)
{
	pdf_doc *d = c->d;
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit ? strlen(lit) : 0;

	while (len && (lit[len - 1] == '\n' || lit[len - 1] == '\r'))
		len--;
	pdf_rt_reset(&d->rt);
	PDF_TRY(pdf_rt_append(&d->rt, lit, len, code ? PDF_ST_MONO : 0, PDF_TX_KEEP_NL | PDF_TX_CODE));
	if (code) {
		NEOERR *err;

		d->flow_bg = 0.94;
		err = pdf_flow(d, &d->rt, c->x + 6, c->w - 12, CODE, CODE_LH, 'l');
		d->flow_bg = 0;
		PDF_TRY(err);
	} else {
		PDF_TRY(pdf_flow(d, &d->rt, c->x, c->w, BODY, BODY_LH, 'l'));
	}
	space(d, 6);
	return STATUS_OK;
}

static void bullet(int level, char *out, size_t n)
{
	/* bullet, en dash, middle dot by nesting level (CP1252) */
	static const char *const marks[] = { "\x95", "\x96", "\xb7" };

	snprintf(out, n, "%s", marks[level % 3]);
}

static NEOERR *list(md_ctx *c, cmark_node *n)
{
	pdf_doc *d = c->d;
	int ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	int paren = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM;
	int64_t num = cmark_node_get_list_start(n);
	md_ctx sub = *c;
	double indent = 14;
	cmark_node *item;

	if (ordered) {
		char widest[32];
		int64_t last = num;

		for (item = cmark_node_first_child(n); item; item = cmark_node_next(item))
			last++;
		snprintf(widest, sizeof widest, "%" PRId64 ".", last);
		PDF_TRY(pdf_fonts(d, 1));
		indent = pdf_width(d, 0, BODY, widest) + 6;
		if (indent < 18)
			indent = 18;
	}
	if (c->w - indent < INDENT_MIN_W)
		indent = 0;
	sub.x += indent;
	sub.w -= indent;
	sub.list_level++;
	sub.depth++;
	sub.tight = cmark_node_get_list_tight(n);
	for (item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
		if (ordered)
			snprintf(d->marker, sizeof d->marker, "%" PRId64 "%c", num++, paren ? ')' : '.');
		else
			bullet(c->list_level, d->marker, sizeof d->marker);
		d->marker_size = BODY;
		d->marker_x = ordered ? c->x + indent - 4 - pdf_width(d, 0, BODY, d->marker) : c->x + 3;
		if (d->marker_x < c->x)
			d->marker_x = c->x;
		d->marker_pending = 1;
		PDF_TRY(md_children(&sub, item));
		PDF_TRY(pdf_flush_marker(d, BODY));
		if (!sub.tight)
			space(d, 2);
	}
	if (c->list_level == 0)
		space(d, 4);
	return STATUS_OK;
}

static NEOERR *table(md_ctx *c, cmark_node *n)
{
	pdf_doc *d = c->d;
	int ncols = cmark_gfm_extensions_get_table_columns(n);
	uint8_t *al = cmark_gfm_extensions_get_table_alignments(n);
	pdf_table *t;
	cmark_node *row, *cell;
	NEOERR *err = STATUS_OK;
	int i;

	if (ncols < 1)
		return STATUS_OK;
	if (ncols > PDF_TABLE_MAXCOLS)
		ncols = PDF_TABLE_MAXCOLS;
	/* wide tables get smaller type before cells break mid-word */
	PDF_TRY(pdf_table_new(&t, ncols, ncols <= 6 ? 9 : ncols >= 18 ? 6 : 9 - (ncols - 6) * 0.25));
	for (i = 0; al && i < ncols; i++)
		if (al[i] == 'c' || al[i] == 'r')
			t->align[i] = (char)al[i];
	for (row = cmark_node_first_child(n); row && !err; row = cmark_node_next(row)) {
		int header = cmark_gfm_extensions_get_table_row_is_header(row);
		pdf_rt *cells = t->head;

		if (cmark_node_get_type(row) != CMARK_NODE_TABLE_ROW)
			continue;
		if (!header)
			err = pdf_table_add_row(t, &cells);
		for (i = 0, cell = cmark_node_first_child(row); cell && i < ncols && !err;
		     cell = cmark_node_next(cell), i++)
			err = collect(&cells[i], cell, header ? PDF_ST_BOLD : 0, 0);
	}
	if (!err) {
		space(d, 2);
		err = pdf_table_draw(d, t, c->x, c->w);
		space(d, 8);
	}
	pdf_table_free(t);
	return err;
}

static NEOERR *block(md_ctx *c, cmark_node *n)
{
	pdf_doc *d = c->d;
	cmark_node_type t = cmark_node_get_type(n);

	if (c->depth > MAX_DEPTH) {
		pdf_rt_reset(&d->rt);
		PDF_TRY(collect(&d->rt, n, 0, 1));
		PDF_TRY(pdf_flow(d, &d->rt, c->x, c->w, BODY, BODY_LH, 'l'));
		space(d, 6);
		return STATUS_OK;
	}
	if (t == CMARK_NODE_PARAGRAPH)
		return nerr_pass(paragraph(c, n));
	if (t == CMARK_NODE_HEADING)
		return nerr_pass(heading(c, n));
	if (t == CMARK_NODE_LIST)
		return nerr_pass(list(c, n));
	if (t == CMARK_NODE_CODE_BLOCK)
		return nerr_pass(literal_block(c, n, 1));
	if (t == CMARK_NODE_HTML_BLOCK)
		return nerr_pass(literal_block(c, n, 0));
	if (t == CMARK_NODE_TABLE && CMARK_NODE_TABLE != CMARK_NODE_NONE)
		return nerr_pass(table(c, n));
	if (t == CMARK_NODE_THEMATIC_BREAK) {
		PDF_TRY(pdf_flush_marker(d, BODY));
		PDF_TRY(pdf_need(d, 12));
		pdf_hrule(d, c->x, c->x + c->w, d->y - 6, 0.75, 0.5);
		d->y -= 12;
		d->fresh = 0;
		return STATUS_OK;
	}
	if (t == CMARK_NODE_BLOCK_QUOTE) {
		md_ctx sub = *c;
		NEOERR *err;
		int bar = d->nbars < (int)(sizeof d->bars / sizeof d->bars[0]) && c->w - 14 >= INDENT_MIN_W;

		PDF_TRY(pdf_flush_marker(d, BODY));
		if (bar) {
			d->bars[d->nbars++] = c->x + 4;
			sub.x += 14;
			sub.w -= 14;
		}
		sub.depth++;
		err = md_children(&sub, n);
		if (bar)
			d->nbars--;
		return nerr_pass(err);
	}
	/* anything else (footnote definitions, unknown extension blocks):
	 * its children, or its text */
	if (cmark_node_first_child(n)) {
		md_ctx sub = *c;
		sub.depth++;
		return nerr_pass(md_children(&sub, n));
	}
	return STATUS_OK;
}

static NEOERR *md_children(md_ctx *c, cmark_node *parent)
{
	cmark_node *n;

	for (n = cmark_node_first_child(parent); n; n = cmark_node_next(n))
		PDF_TRY(block(c, n));
	return STATUS_OK;
}

NEOERR *pdf_md_render(pdf_doc *d, const char *md, double x, double w)
{
	static const char *const exts[] = { "table", "strikethrough", "autolink" };
	cmark_parser *p;
	cmark_node *doc;
	md_ctx c;
	size_t len = md ? strlen(md) : 0, i;
	NEOERR *err;

	if (len == 0)
		return STATUS_OK;
	if (len > PDF_MAX_TEXT)
		return nerr_raise(NERR_OUTOFRANGE, "pdf: Markdown of %zu bytes exceeds the limit of %u", len,
				  PDF_MAX_TEXT);
	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	if (!p)
		return nerr_raise(NERR_NOMEM, "pdf: no memory for a Markdown parser");
	for (i = 0; i < sizeof exts / sizeof exts[0]; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, md, len);
	doc = cmark_parser_finish(p);
	if (!doc) {
		cmark_parser_free(p);
		return nerr_raise(NERR_NOMEM, "pdf: cannot parse Markdown");
	}
	memset(&c, 0, sizeof c);
	c.d = d;
	c.x = x;
	c.w = w;
	err = md_children(&c, doc);
	if (!err)
		err = pdf_flush_marker(d, BODY);
	d->marker_pending = 0;
	d->nbars = 0;
	cmark_node_free(doc);
	cmark_parser_free(p);
	return err;
}
