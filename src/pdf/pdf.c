/* pdf: document core (libharu setup, errors, fonts, pages, text flow,
 * footers, output) and the form documents. Books are in pdf_book.c,
 * Markdown in pdf_md.c, tables in pdf_table.c, text in pdf_text.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pdf/pdf_int.h"

static const char *const font_names[PDF_NSTYLES] = { "Helvetica",         "Helvetica-Bold",
						     "Helvetica-Oblique", "Helvetica-BoldOblique",
						     "Courier",           "Courier-Bold",
						     "Courier-Oblique",   "Courier-BoldOblique" };

/* Form layout */
#define FORM_SIZE 10.0
#define FORM_LH 13.0
#define FORM_LABEL_W 150.0
#define FORM_GAP 10.0

/* libharu reports errors through this callback and then returns an error
 * code; remembering the first one lets every public call turn it into a
 * NEOERR instead of carrying on with a half-built page. */
static void on_hpdf_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	pdf_doc *d = data;

	/* reading the output to its end is not a failure */
	if (error == HPDF_STREAM_EOF)
		return;
	if (!d->herr) {
		d->herr = error;
		d->hdetail = detail;
	}
}

NEOERR *pdf_hcheck(pdf_doc *d, const char *what)
{
	if (!d->herr)
		return STATUS_OK;
	d->broken = 1;
	return nerr_raise(NERR_SYSTEM, "pdf: libharu error 0x%04X (detail %u) while %s", (unsigned)d->herr,
			  (unsigned)d->hdetail, what);
}

NEOERR *pdf_enter(pdf_doc *d, int kind)
{
	if (!d)
		return nerr_raise(NERR_ASSERT, "pdf: no document");
	if (d->broken)
		return nerr_raise(NERR_ASSERT, "pdf: document unusable after an earlier error");
	if (d->finished)
		return nerr_raise(NERR_ASSERT, "pdf: document already finished");
	if (kind && d->kind != kind)
		return nerr_raise(NERR_ASSERT, "pdf: this call needs a %s document",
				  kind == PDF_KIND_FORM ? "form" : "book");
	return STATUS_OK;
}

NEOERR *pdf_leave(pdf_doc *d, NEOERR *err)
{
	if (err == STATUS_OK && d->herr)
		err = pdf_hcheck(d, "drawing");
	if (err == STATUS_OK && d->failed)
		err = nerr_raise(NERR_NOMEM, "pdf: drawing failed (out of memory?)");
	if (err != STATUS_OK)
		d->broken = 1;
	return err;
}

NEOERR *pdf_fonts(pdf_doc *d, unsigned used)
{
	int s;

	used &= ~d->loaded;
	for (s = 0; s < PDF_NSTYLES; s++) {
		HPDF_BYTE b;
		int c;

		if (!(used & (1u << s)))
			continue;
		d->font[s] = HPDF_GetFont(d->h, font_names[s], "WinAnsiEncoding");
		if (!d->font[s]) {
			PDF_TRY(pdf_hcheck(d, "loading a font"));
			return nerr_raise(NERR_SYSTEM, "pdf: cannot load font %s", font_names[s]);
		}
		/* The standard fonts are not kerned here, so per-byte widths
		 * measure exactly what TextOut will draw. */
		for (c = 0; c < 256; c++) {
			HPDF_TextWidth tw;

			if (c < 0x20) {
				d->cw[s][c] = 0;
				continue;
			}
			b = (HPDF_BYTE)c;
			tw = HPDF_Font_TextWidth(d->font[s], &b, 1);
			d->cw[s][c] = (float)tw.width;
		}
		d->loaded |= 1u << s;
	}
	return pdf_hcheck(d, "measuring a font");
}

static HPDF_Font font_of(pdf_doc *d, unsigned style)
{
	style &= PDF_NSTYLES - 1;
	if (!(d->loaded & (1u << style))) {
		NEOERR *err = pdf_fonts(d, 1u << style);
		if (err) {
			/* the caller's pdf_leave reports it */
			nerr_ignore(&err);
			d->failed = 1;
			return NULL;
		}
	}
	return d->font[style];
}

double pdf_width(pdf_doc *d, unsigned style, double size, const char *s)
{
	double w = 0;

	style &= PDF_NSTYLES - 1;
	if (!font_of(d, style))
		return 0;
	for (; *s; s++)
		w += d->cw[style][(unsigned char)*s];
	return w * size / 1000.0;
}

/* Draw one CP1252 string; errors are picked up by the caller's check. */
void pdf_text(pdf_doc *d, unsigned style, double size, double x, double y, const char *s)
{
	HPDF_Font f;

	if (!*s || !d->page)
		return;
	f = font_of(d, style);
	if (!f)
		return;
	HPDF_Page_BeginText(d->page);
	HPDF_Page_SetFontAndSize(d->page, f, (HPDF_REAL)size);
	HPDF_Page_TextOut(d->page, (HPDF_REAL)x, (HPDF_REAL)y, s);
	HPDF_Page_EndText(d->page);
}

static NEOERR *tmp_reserve(pdf_doc *d, size_t n)
{
	char *t;

	if (n <= d->tmpcap)
		return STATUS_OK;
	t = realloc(d->tmp, n);
	if (!t)
		return nerr_raise(NERR_NOMEM, "pdf: no memory for %zu bytes", n);
	d->tmp = t;
	d->tmpcap = n;
	return STATUS_OK;
}

/* One wrapped line of styled text, one text run per style change. */
NEOERR *pdf_draw_line(pdf_doc *d, const pdf_rt *rt, const pdf_line *ln, double x, double baseline, double size)
{
	size_t i = ln->a;
	int in_text = 0;

	PDF_TRY(pdf_fonts(d, rt->used));
	PDF_TRY(tmp_reserve(d, ln->b - ln->a + 1));
	while (i < ln->b) {
		unsigned style = rt->st[i];
		size_t j = i;

		while (j < ln->b && rt->st[j] == style)
			j++;
		memcpy(d->tmp, rt->s + i, j - i);
		d->tmp[j - i] = '\0';
		if (!in_text) {
			HPDF_Page_BeginText(d->page);
			in_text = 1;
		}
		HPDF_Page_SetFontAndSize(d->page, d->font[style], (HPDF_REAL)size);
		HPDF_Page_TextOut(d->page, (HPDF_REAL)x, (HPDF_REAL)baseline, d->tmp);
		x += pdf_rt_width(rt, i, j, d->cw, size);
		i = j;
	}
	if (in_text)
		HPDF_Page_EndText(d->page);
	return STATUS_OK;
}

/* Baseline of text of a given size centred in a line box starting at top. */
double pdf_baseline(double top, double size, double lh)
{
	return top - (lh - size) / 2 - size * 0.78;
}

void pdf_hrule(pdf_doc *d, double x0, double x1, double y, double width, double gray)
{
	if (!d->page)
		return;
	HPDF_Page_SetLineWidth(d->page, (HPDF_REAL)width);
	HPDF_Page_SetGrayStroke(d->page, (HPDF_REAL)gray);
	HPDF_Page_MoveTo(d->page, (HPDF_REAL)x0, (HPDF_REAL)y);
	HPDF_Page_LineTo(d->page, (HPDF_REAL)x1, (HPDF_REAL)y);
	HPDF_Page_Stroke(d->page);
	HPDF_Page_SetGrayStroke(d->page, 0);
}

static void fill_rect(pdf_doc *d, double x, double y, double w, double h, double gray)
{
	HPDF_Page_SetGrayFill(d->page, (HPDF_REAL)gray);
	HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(d->page);
	HPDF_Page_SetGrayFill(d->page, 0);
}

/* Each line of the form title, centred; returns the y below the block. */
static double centred(pdf_doc *d, const char *s, unsigned style, double size, double lh, double y)
{
	pdf_rt rt = { 0 };
	pdf_lines ls = { 0 };
	size_t i;

	if (pdf_rt_raw(&rt, s, strlen(s), style) != STATUS_OK || pdf_fonts(d, rt.used) != STATUS_OK ||
	    pdf_wrap(&rt, 0, rt.n, d->cw, size, PDF_CONTENT_W, &ls) != STATUS_OK) {
		/* out of memory: leave the header short, report it later */
		d->failed = 1;
	} else {
		/* a pathological title may not take over the page */
		for (i = 0; i < ls.n && i < 4; i++) {
			double x = PDF_MARGIN_X + (PDF_CONTENT_W - ls.v[i].w) / 2;
			NEOERR *err = pdf_draw_line(d, &rt, &ls.v[i], x, pdf_baseline(y, size, lh), size);
			nerr_ignore(&err);
			y -= lh;
		}
	}
	free(ls.v);
	pdf_rt_free(&rt);
	return y;
}

/* The Commonwealth header of every form page; sets where content starts. */
static void form_header(pdf_doc *d)
{
	double y = PDF_PAGE_H - 36;

	y = centred(d, "Commonwealth of Kentucky", PDF_ST_BOLD, 12, 15, y);
	y = centred(d, "Personnel Cabinet", 0, 10, 13, y);
	y -= 3;
	y = centred(d, d->title, PDF_ST_BOLD, 14, 17, y);
	if (d->sub[0])
		y = centred(d, d->sub, 0, 9, 12, y);
	y -= 4;
	pdf_hrule(d, PDF_MARGIN_X, PDF_PAGE_W - PDF_MARGIN_X, y, 1.0, 0);
	d->top = y - 12;
}

NEOERR *pdf_new_page(pdf_doc *d)
{
	HPDF_Page p;

	if (d->npages == d->cappages) {
		size_t cap = d->cappages ? d->cappages * 2 : 16;
		HPDF_Page *v = realloc(d->pages, cap * sizeof *v);
		if (!v)
			return nerr_raise(NERR_NOMEM, "pdf: no memory for pages");
		d->pages = v;
		d->cappages = cap;
	}
	p = HPDF_AddPage(d->h);
	if (!p) {
		PDF_TRY(pdf_hcheck(d, "adding a page"));
		return nerr_raise(NERR_SYSTEM, "pdf: cannot add a page");
	}
	HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_LETTER, HPDF_PAGE_PORTRAIT);
	d->pages[d->npages++] = p;
	d->page = p;
	if (d->kind == PDF_KIND_FORM)
		form_header(d);
	else if (d->npages > 1) /* not on the title page */
		pdf_book_header(d);
	d->y = d->top;
	d->fresh = 1;
	return pdf_hcheck(d, "starting a page");
}

/* Make room for h points below the cursor, starting a page if needed. A
 * fresh page always accepts, so oversized blocks cannot loop. */
NEOERR *pdf_need(pdf_doc *d, double h)
{
	if (!d->page || (d->y - h < PDF_BOTTOM && !d->fresh))
		return pdf_new_page(d);
	return STATUS_OK;
}

static void draw_pending_marker(pdf_doc *d, double baseline)
{
	if (!d->marker_pending)
		return;
	d->marker_pending = 0;
	pdf_text(d, 0, d->marker_size, d->marker_x, baseline, d->marker);
}

static void draw_bars(pdf_doc *d, double lh)
{
	int i;

	for (i = 0; i < d->nbars; i++) {
		HPDF_Page_SetLineWidth(d->page, 2);
		HPDF_Page_SetGrayStroke(d->page, 0.75);
		HPDF_Page_MoveTo(d->page, (HPDF_REAL)d->bars[i], (HPDF_REAL)d->y);
		HPDF_Page_LineTo(d->page, (HPDF_REAL)d->bars[i], (HPDF_REAL)(d->y - lh));
		HPDF_Page_Stroke(d->page);
		HPDF_Page_SetGrayStroke(d->page, 0);
	}
}

/* A list marker whose item starts with something other than text gets a
 * line of its own. */
NEOERR *pdf_flush_marker(pdf_doc *d, double size)
{
	double lh = size * 1.35;

	if (!d->marker_pending)
		return STATUS_OK;
	PDF_TRY(pdf_need(d, lh));
	draw_pending_marker(d, pdf_baseline(d->y, size, lh));
	d->y -= lh;
	d->fresh = 0;
	return STATUS_OK;
}

/* Wrap rt into w points at x and draw it line by line, breaking pages.
 * align: 'l', 'c' or 'r'. A pending list marker goes on the first line. */
NEOERR *pdf_flow(pdf_doc *d, const pdf_rt *rt, double x, double w, double size, double lh, int align)
{
	size_t i;

	PDF_TRY(pdf_fonts(d, rt->used));
	PDF_TRY(pdf_wrap(rt, 0, rt->n, d->cw, size, w, &d->lines));
	for (i = 0; i < d->lines.n; i++) {
		const pdf_line *ln = &d->lines.v[i];
		double base, dx = 0;

		PDF_TRY(pdf_need(d, lh));
		base = pdf_baseline(d->y, size, lh);
		if (d->flow_bg > 0)
			fill_rect(d, x - 4, d->y - lh, w + 8, lh, d->flow_bg);
		draw_pending_marker(d, base);
		draw_bars(d, lh);
		if (align == 'c')
			dx = (w - ln->w) / 2;
		else if (align == 'r')
			dx = w - ln->w;
		PDF_TRY(pdf_draw_line(d, rt, ln, x + dx, base, size));
		d->y -= lh;
		d->fresh = 0;
	}
	return pdf_hcheck(d, "drawing text");
}

/* ---- documents ---------------------------------------------------------- */

NEOERR *pdf_doc_alloc(pdf_doc **out, int kind, const char *title, const char *sub)
{
	pdf_doc *d;
	NEOERR *err;

	if (!out)
		return nerr_raise(NERR_ASSERT, "pdf: no place for the document");
	*out = NULL;
	/* harmless when the program already did it; gives errors their names */
	err = nerr_init();
	nerr_ignore(&err);
	d = calloc(1, sizeof *d);
	if (!d)
		return nerr_raise(NERR_NOMEM, "pdf: no memory for a document");
	d->kind = kind;
	d->h = HPDF_New(on_hpdf_error, d);
	if (!d->h) {
		free(d);
		return nerr_raise(NERR_NOMEM, "pdf: cannot create a libharu document");
	}
	/* compression is optional (libharu may be built without zlib) */
	HPDF_SetCompressionMode(d->h, HPDF_COMP_ALL);
	if (d->herr) {
		HPDF_ResetError(d->h);
		d->herr = 0;
	}
	/* metadata and bookmarks are then written as Unicode */
	HPDF_SetCurrentEncoder(d->h, "WinAnsiEncoding");
	d->enc = HPDF_GetEncoder(d->h, "WinAnsiEncoding");
	err = pdf_cp1252_dup(title, 500, &d->title);
	if (!err)
		err = pdf_cp1252_dup(sub, 500, &d->sub);
	if (!err)
		err = pdf_hcheck(d, "creating the document");
	if (!err) {
		if (d->title[0])
			HPDF_SetInfoAttr(d->h, HPDF_INFO_TITLE, d->title);
		HPDF_SetInfoAttr(d->h, HPDF_INFO_AUTHOR, "Commonwealth of Kentucky, Personnel Cabinet");
		HPDF_SetInfoAttr(d->h, HPDF_INFO_CREATOR, "hrportal");
		err = pdf_hcheck(d, "setting document information");
	}
	if (err) {
		pdf_free(d);
		return err;
	}
	*out = d;
	return STATUS_OK;
}

void pdf_free(pdf_doc *d)
{
	if (!d)
		return;
	pdf_table_free(d->table);
	pdf_book_free(d);
	if (d->h)
		HPDF_Free(d->h);
	free(d->pages);
	free(d->title);
	free(d->sub);
	pdf_rt_free(&d->rt);
	pdf_rt_free(&d->rt2);
	free(d->lines.v);
	free(d->lines2.v);
	free(d->tmp);
	free(d);
}

size_t pdf_page_count(const pdf_doc *d)
{
	return d ? d->npages : 0;
}

static void footers(pdf_doc *d)
{
	size_t i;
	char buf[64];

	for (i = 0; i < d->npages; i++) {
		/* the book's title page is counted but not numbered */
		if (d->kind == PDF_KIND_BOOK && i == 0)
			continue;
		d->page = d->pages[i];
		snprintf(buf, sizeof buf, "Page %zu of %zu", i + 1, d->npages);
		pdf_text(d, 0, 9, (PDF_PAGE_W - pdf_width(d, 0, 9, buf)) / 2, 30, buf);
	}
}

static NEOERR *form_table_flush(pdf_doc *d);

NEOERR *pdf_finish(pdf_doc *d, unsigned char **data, size_t *len)
{
	NEOERR *err;
	HPDF_UINT32 size, got = 0;
	unsigned char *buf;

	if (data)
		*data = NULL;
	if (len)
		*len = 0;
	PDF_TRY(pdf_enter(d, 0));
	if (!data || !len)
		return nerr_raise(NERR_ASSERT, "pdf: no place for the output");
	if (d->kind == PDF_KIND_FORM) {
		err = form_table_flush(d);
		if (!err && d->npages == 0)
			err = pdf_new_page(d);
	} else {
		err = pdf_book_finish(d);
	}
	if (err)
		return pdf_leave(d, err);
	footers(d);
	d->finished = 1;
	PDF_TRY(pdf_leave(d, pdf_hcheck(d, "drawing page footers")));

	HPDF_SaveToStream(d->h);
	PDF_TRY(pdf_leave(d, pdf_hcheck(d, "writing the PDF")));
	size = HPDF_GetStreamSize(d->h);
	if (size == 0)
		return pdf_leave(d, nerr_raise(NERR_SYSTEM, "pdf: empty output"));
	buf = malloc(size);
	if (!buf)
		return pdf_leave(d, nerr_raise(NERR_NOMEM, "pdf: no memory for %u bytes of PDF", (unsigned)size));
	while (got < size) {
		HPDF_UINT32 n = size - got;
		HPDF_STATUS st = HPDF_ReadFromStream(d->h, buf + got, &n);

		got += n;
		if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || n == 0)
			break;
	}
	if (got != size || d->herr) {
		free(buf);
		err = pdf_hcheck(d, "reading the PDF");
		if (!err)
			err = nerr_raise(NERR_SYSTEM, "pdf: read %u of %u bytes", (unsigned)got, (unsigned)size);
		return pdf_leave(d, err);
	}
	*data = buf;
	*len = size;
	return STATUS_OK;
}

/* ---- forms -------------------------------------------------------------- */

NEOERR *pdf_form_new(pdf_doc **doc, const char *title, const char *reference)
{
	return nerr_pass(pdf_doc_alloc(doc, PDF_KIND_FORM, title, reference));
}

static NEOERR *form_table_flush(pdf_doc *d)
{
	pdf_table *t = d->table;
	NEOERR *err;

	if (!t)
		return STATUS_OK;
	d->table = NULL;
	if (d->page && !d->fresh)
		d->y -= 6;
	err = pdf_table_draw(d, t, PDF_MARGIN_X, PDF_CONTENT_W);
	pdf_table_free(t);
	PDF_TRY(err);
	d->y -= 6;
	return STATUS_OK;
}

/* Start of every form call: check the handle, close an open table. */
static NEOERR *form_enter(pdf_doc *d)
{
	PDF_TRY(pdf_enter(d, PDF_KIND_FORM));
	return pdf_leave(d, form_table_flush(d));
}

static NEOERR *form_section(pdf_doc *d, const char *heading)
{
	const double size = 11, lh = 16;
	size_t i;

	pdf_rt_reset(&d->rt);
	PDF_TRY(pdf_rt_append(&d->rt, heading, heading ? strlen(heading) : 0, PDF_ST_BOLD, PDF_TX_KEEP_NL));
	PDF_TRY(pdf_fonts(d, d->rt.used));
	PDF_TRY(pdf_wrap(&d->rt, 0, d->rt.n, d->cw, size, PDF_CONTENT_W - 12, &d->lines));
	if (d->page && !d->fresh)
		d->y -= 8;
	/* keep the heading with at least two rows of what follows */
	PDF_TRY(pdf_need(d, (d->lines.n ? d->lines.n : 1) * lh + 2 * FORM_LH));
	if (d->lines.n == 0) {
		fill_rect(d, PDF_MARGIN_X, d->y - lh, PDF_CONTENT_W, lh, 0.85);
		d->y -= lh;
	}
	/* one band per line, so a very long heading can still break pages */
	for (i = 0; i < d->lines.n; i++) {
		PDF_TRY(pdf_need(d, lh));
		fill_rect(d, PDF_MARGIN_X, d->y - lh, PDF_CONTENT_W, lh, 0.85);
		PDF_TRY(pdf_draw_line(d, &d->rt, &d->lines.v[i], PDF_MARGIN_X + 6, pdf_baseline(d->y, size, lh), size));
		d->y -= lh;
	}
	d->fresh = 0;
	d->y -= 6;
	return STATUS_OK;
}

NEOERR *pdf_form_section(pdf_doc *d, const char *heading)
{
	PDF_TRY(form_enter(d));
	return pdf_leave(d, form_section(d, heading));
}

static NEOERR *form_field(pdf_doc *d, const char *label, const char *value)
{
	const double valx = PDF_MARGIN_X + FORM_LABEL_W + FORM_GAP;
	const double valw = PDF_CONTENT_W - FORM_LABEL_W - FORM_GAP;
	size_t n, i;

	pdf_rt_reset(&d->rt);
	pdf_rt_reset(&d->rt2);
	PDF_TRY(pdf_rt_append(&d->rt, label, label ? strlen(label) : 0, PDF_ST_BOLD, PDF_TX_KEEP_NL));
	PDF_TRY(pdf_rt_append(&d->rt2, value, value ? strlen(value) : 0, 0, PDF_TX_KEEP_NL));
	PDF_TRY(pdf_fonts(d, d->rt.used | d->rt2.used));
	PDF_TRY(pdf_wrap(&d->rt, 0, d->rt.n, d->cw, FORM_SIZE, FORM_LABEL_W, &d->lines));
	PDF_TRY(pdf_wrap(&d->rt2, 0, d->rt2.n, d->cw, FORM_SIZE, valw, &d->lines2));
	n = d->lines.n > d->lines2.n ? d->lines.n : d->lines2.n;
	if (n == 0)
		n = 1;
	d->y -= 2;
	/* no lone label line at the foot of a page */
	PDF_TRY(pdf_need(d, (n > 1 ? 2 : 1) * FORM_LH));
	for (i = 0; i < n; i++) {
		double base;

		PDF_TRY(pdf_need(d, FORM_LH));
		base = pdf_baseline(d->y, FORM_SIZE, FORM_LH);
		/* a value running onto a new page says whose it is */
		if (i > 0 && d->fresh && i >= d->lines.n)
			pdf_text(d, PDF_ST_ITALIC, 9, PDF_MARGIN_X, base, "(continued)");
		if (i < d->lines.n)
			PDF_TRY(pdf_draw_line(d, &d->rt, &d->lines.v[i], PDF_MARGIN_X, base, FORM_SIZE));
		if (i < d->lines2.n)
			PDF_TRY(pdf_draw_line(d, &d->rt2, &d->lines2.v[i], valx, base, FORM_SIZE));
		d->y -= FORM_LH;
		d->fresh = 0;
	}
	d->y -= 2;
	pdf_hrule(d, PDF_MARGIN_X, PDF_PAGE_W - PDF_MARGIN_X, d->y, 0.5, 0.75);
	d->y -= 2;
	return STATUS_OK;
}

NEOERR *pdf_form_field(pdf_doc *d, const char *label, const char *value)
{
	PDF_TRY(form_enter(d));
	return pdf_leave(d, form_field(d, label, value));
}

static NEOERR *form_paragraph(pdf_doc *d, const char *text)
{
	pdf_rt_reset(&d->rt);
	PDF_TRY(pdf_rt_append(&d->rt, text, text ? strlen(text) : 0, 0, PDF_TX_KEEP_NL));
	if (d->page && !d->fresh)
		d->y -= 4;
	PDF_TRY(pdf_flow(d, &d->rt, PDF_MARGIN_X, PDF_CONTENT_W, FORM_SIZE, FORM_LH, 'l'));
	d->y -= 4;
	return STATUS_OK;
}

NEOERR *pdf_form_paragraph(pdf_doc *d, const char *text)
{
	PDF_TRY(form_enter(d));
	return pdf_leave(d, form_paragraph(d, text));
}

NEOERR *pdf_form_markdown(pdf_doc *d, const char *markdown)
{
	PDF_TRY(form_enter(d));
	if (d->page && !d->fresh)
		d->y -= 4;
	return pdf_leave(d, pdf_md_render(d, markdown, PDF_MARGIN_X, PDF_CONTENT_W));
}

NEOERR *pdf_form_table_begin(pdf_doc *d, int ncols, const char *const *headers, const double *weights)
{
	pdf_table *t;
	NEOERR *err = STATUS_OK;
	int c;

	PDF_TRY(form_enter(d));
	if (ncols < 1 || ncols > PDF_MAX_COLUMNS)
		return nerr_raise(NERR_ASSERT, "pdf: a table needs 1 to %d columns, not %d", PDF_MAX_COLUMNS, ncols);
	if (weights)
		for (c = 0; c < ncols; c++)
			if (!(weights[c] > 0 && weights[c] < 1e6))
				return nerr_raise(NERR_ASSERT, "pdf: column weight %d is not a positive number", c);
	PDF_TRY(pdf_leave(d, pdf_table_new(&t, ncols, 9)));
	for (c = 0; c < ncols && !err; c++) {
		const char *h = headers ? headers[c] : NULL;
		err = pdf_rt_append(&t->head[c], h, h ? strlen(h) : 0, PDF_ST_BOLD, PDF_TX_KEEP_NL);
	}
	if (err) {
		pdf_table_free(t);
		return pdf_leave(d, err);
	}
	if (weights) {
		for (c = 0; c < ncols; c++)
			t->weights[c] = weights[c];
		t->has_weights = 1;
	}
	d->table = t;
	return STATUS_OK;
}

NEOERR *pdf_form_table_row(pdf_doc *d, const char *const *cells)
{
	pdf_rt *row;
	int c;

	PDF_TRY(pdf_enter(d, PDF_KIND_FORM));
	if (!d->table)
		return nerr_raise(NERR_ASSERT, "pdf: table row without a table");
	PDF_TRY(pdf_leave(d, pdf_table_add_row(d->table, &row)));
	for (c = 0; c < d->table->ncols; c++) {
		const char *s = cells ? cells[c] : NULL;
		PDF_TRY(pdf_leave(d, pdf_rt_append(&row[c], s, s ? strlen(s) : 0, 0, PDF_TX_KEEP_NL)));
	}
	return STATUS_OK;
}

NEOERR *pdf_form_table_end(pdf_doc *d)
{
	PDF_TRY(pdf_enter(d, PDF_KIND_FORM));
	return pdf_leave(d, form_table_flush(d));
}

NEOERR *pdf_form_history_begin(pdf_doc *d)
{
	static const char *const head[] = { "When", "Who", "Action", "Note" };

	return nerr_pass(pdf_form_table_begin(d, 4, head, NULL));
}

NEOERR *pdf_form_history_row(pdf_doc *d, const char *when, const char *who, const char *action, const char *note)
{
	const char *row[4];

	PDF_TRY(pdf_enter(d, PDF_KIND_FORM));
	if (!d->table || d->table->ncols != 4)
		return nerr_raise(NERR_ASSERT, "pdf: history row without pdf_form_history_begin");
	row[0] = when;
	row[1] = who;
	row[2] = action;
	row[3] = note;
	return nerr_pass(pdf_form_table_row(d, row));
}

/* How many bytes of s fit in maxw. */
static size_t fit(pdf_doc *d, unsigned style, double size, const char *s, double maxw)
{
	double w = 0;
	size_t i;

	for (i = 0; s[i]; i++) {
		w += d->cw[style][(unsigned char)s[i]] * size / 1000.0;
		if (w > maxw)
			break;
	}
	return i;
}

/* Draw up to maxw of s (CP1252) at x, y. */
static NEOERR *text_fit(pdf_doc *d, unsigned style, double size, double x, double y, const char *s, double maxw)
{
	size_t n;

	PDF_TRY(pdf_fonts(d, 1u << style));
	n = fit(d, style, size, s, maxw);
	PDF_TRY(tmp_reserve(d, n + 1));
	memcpy(d->tmp, s, n);
	d->tmp[n] = '\0';
	pdf_text(d, style, size, x, y, d->tmp);
	return STATUS_OK;
}

/* A run of underscores filling w: real text, so it survives extraction
 * and looks like the blank of a paper form. */
static NEOERR *blank(pdf_doc *d, double x, double y, double w)
{
	double uw;
	size_t n;

	PDF_TRY(pdf_fonts(d, 1));
	uw = d->cw[0]['_'] * FORM_SIZE / 1000.0;
	n = uw > 0 ? (size_t)(w / uw) : 0;
	PDF_TRY(tmp_reserve(d, n + 1));
	memset(d->tmp, '_', n);
	d->tmp[n] = '\0';
	pdf_text(d, 0, FORM_SIZE, x, y, d->tmp);
	return STATUS_OK;
}

static NEOERR *form_signature(pdf_doc *d, const char *label, const char *name, const char *date)
{
	const double datew = 120, gap = 18, room = 22;
	char *lab = NULL, *nm = NULL, *dt = NULL;
	double x = PDF_MARGIN_X, base, labw, datelw, sigw;
	NEOERR *err;

	err = pdf_cp1252_dup(label && *label ? label : "Signature", 200, &lab);
	if (!err)
		err = pdf_cp1252_dup(name, 500, &nm);
	if (!err)
		err = pdf_cp1252_dup(date, 500, &dt);
	if (!err) {
		size_t n = strlen(lab);
		char *l2 = realloc(lab, n + 2);
		if (!l2) {
			err = nerr_raise(NERR_NOMEM, "pdf: no memory for a label");
		} else {
			lab = l2;
			if (n == 0 || lab[n - 1] != ':')
				strcpy(lab + n, ":");
		}
	}
	if (!err)
		err = pdf_fonts(d, 1 | PDF_ST_ITALIC);
	if (!err) {
		/* space above the line for a hand signature */
		if (d->page && !d->fresh)
			d->y -= 6;
		err = pdf_need(d, room + FORM_LH + 6);
	}
	if (!err) {
		d->y -= room;
		base = pdf_baseline(d->y, FORM_SIZE, FORM_LH);
		labw = pdf_width(d, 0, FORM_SIZE, lab);
		datelw = pdf_width(d, 0, FORM_SIZE, "Date:");
		/* an absurdly long label still leaves a usable blank */
		if (labw > PDF_CONTENT_W / 2)
			labw = PDF_CONTENT_W / 2;
		sigw = PDF_CONTENT_W - labw - 4 - gap - datelw - 4 - datew;
		err = text_fit(d, 0, FORM_SIZE, x, base, lab, PDF_CONTENT_W / 2);
		x += labw + 4;
		if (!err)
			err = blank(d, x, base, sigw);
		if (!err && nm[0])
			err = text_fit(d, PDF_ST_ITALIC, FORM_SIZE, x + 4, base + 13, nm, sigw - 8);
		x += sigw + gap;
		if (!err) {
			pdf_text(d, 0, FORM_SIZE, x, base, "Date:");
			x += datelw + 4;
			err = blank(d, x, base, datew);
		}
		if (!err && dt[0])
			err = text_fit(d, 0, FORM_SIZE, x + 4, base + 13, dt, datew - 8);
		d->y -= FORM_LH + 6;
		d->fresh = 0;
	}
	free(lab);
	free(nm);
	free(dt);
	return err;
}

NEOERR *pdf_form_signature(pdf_doc *d, const char *label, const char *name, const char *date)
{
	PDF_TRY(form_enter(d));
	return pdf_leave(d, form_signature(d, label, name, date));
}
