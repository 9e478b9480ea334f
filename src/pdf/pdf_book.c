/* pdf_book: the handbook as one PDF. Title page first; the body is drawn
 * next, chapter by chapter, remembering where each heading landed; at the
 * end the table of contents is laid out once to count its pages, that many
 * pages are inserted before the body (HPDF_InsertPage), and it is drawn
 * with the now final page numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pdf/pdf_int.h"

#define TOC_NUM_W 36.0
#define HEAD_Y (PDF_PAGE_H - 36) /* running header baseline */
#define BODY_TOP (HEAD_Y - 22)   /* first line box below it */

static const struct {
	double size, lh, before;
} heads[3] = {
	{ 18, 22, 0 },    /* part: always on a new page */
	{ 14, 17.5, 14 }, /* section */
	{ 12, 15, 10 },   /* subsection */
};

/* Running header of body and contents pages. */
void pdf_book_header(pdf_doc *d)
{
	const double y = HEAD_Y;
	static const char right[] = "Commonwealth of Kentucky \xb7 Personnel Cabinet";

	HPDF_Page_SetGrayFill(d->page, 0.35);
	pdf_text(d, 0, 8, PDF_MARGIN_X, y, d->title);
	pdf_text(d, 0, 8, PDF_PAGE_W - PDF_MARGIN_X - pdf_width(d, 0, 8, right), y, right);
	HPDF_Page_SetGrayFill(d->page, 0);
	pdf_hrule(d, PDF_MARGIN_X, PDF_PAGE_W - PDF_MARGIN_X, y - 6, 0.5, 0.5);
	d->top = BODY_TOP;
}

static double centre_block(pdf_doc *d, const char *s, unsigned style, double size, double lh, double y)
{
	size_t i;

	pdf_rt_reset(&d->rt);
	if (pdf_rt_raw(&d->rt, s, strlen(s), style) != STATUS_OK || pdf_fonts(d, d->rt.used) != STATUS_OK ||
	    pdf_wrap(&d->rt, 0, d->rt.n, d->cw, size, PDF_CONTENT_W, &d->lines) != STATUS_OK) {
		d->failed = 1;
		return y;
	}
	for (i = 0; i < d->lines.n && i < 6; i++) {
		NEOERR *err = pdf_draw_line(d, &d->rt, &d->lines.v[i],
					    PDF_MARGIN_X + (PDF_CONTENT_W - d->lines.v[i].w) / 2,
					    pdf_baseline(y, size, lh), size);
		if (err) {
			nerr_ignore(&err);
			d->failed = 1;
		}
		y -= lh;
	}
	return y;
}

static NEOERR *title_page(pdf_doc *d)
{
	double y = PDF_PAGE_H - 200;

	PDF_TRY(pdf_new_page(d));
	y = centre_block(d, "Commonwealth of Kentucky", PDF_ST_BOLD, 16, 20, y);
	y = centre_block(d, "Personnel Cabinet", 0, 13, 17, y);
	y -= 24;
	pdf_hrule(d, PDF_MARGIN_X + 72, PDF_PAGE_W - PDF_MARGIN_X - 72, y, 1.5, 0);
	y -= 36;
	y = centre_block(d, d->title, PDF_ST_BOLD, 30, 36, y);
	y -= 12;
	centre_block(d, d->sub, PDF_ST_ITALIC, 13, 17, y);
	/* the body starts on a page of its own */
	d->page = NULL;
	d->body_first = d->npages;
	return pdf_hcheck(d, "drawing the title page");
}

NEOERR *pdf_book_new(pdf_doc **doc, const char *title, const char *subtitle)
{
	pdf_doc *d;
	NEOERR *err;

	PDF_TRY(pdf_doc_alloc(doc, PDF_KIND_BOOK, title, subtitle));
	d = *doc;
	err = title_page(d);
	if (!err) {
		/* first bookmark; its destination is set once the page exists */
		d->toc_outline = HPDF_CreateOutline(d->h, NULL, "Table of Contents", d->enc);
		err = pdf_hcheck(d, "creating a bookmark");
	}
	if (!err)
		err = pdf_leave(d, STATUS_OK);
	if (err) {
		pdf_free(d);
		*doc = NULL;
	}
	return err;
}

static NEOERR *toc_push(pdf_doc *d, const char *title, int level, HPDF_Destination dst)
{
	pdf_toc *e;

	if (d->ntoc == d->captoc) {
		size_t cap = d->captoc ? d->captoc * 2 : 32;
		pdf_toc *v = realloc(d->toc, cap * sizeof *v);
		if (!v)
			return nerr_raise(NERR_NOMEM, "pdf: no memory for contents");
		d->toc = v;
		d->captoc = cap;
	}
	e = &d->toc[d->ntoc];
	e->title = strdup(title);
	if (!e->title)
		return nerr_raise(NERR_NOMEM, "pdf: no memory for contents");
	e->level = level;
	e->page = d->npages - 1;
	e->dst = dst;
	d->ntoc++;
	return STATUS_OK;
}

static NEOERR *chapter(pdf_doc *d, int level, const char *title, const char *markdown)
{
	double size = heads[level].size, lh = heads[level].lh;
	HPDF_Destination dst;
	HPDF_Outline parent = NULL, o;
	char *plain = NULL;
	NEOERR *err;
	int l;

	PDF_TRY(pdf_cp1252_dup(title, 1000, &plain));
	pdf_rt_reset(&d->rt);
	err = pdf_rt_raw(&d->rt, plain, strlen(plain), PDF_ST_BOLD);
	if (!err)
		err = pdf_fonts(d, d->rt.used);
	if (!err)
		err = pdf_wrap(&d->rt, 0, d->rt.n, d->cw, size, PDF_CONTENT_W, &d->lines);
	if (!err) {
		if (level == PDF_PART) {
			if (!d->page || !d->fresh)
				err = pdf_new_page(d);
		} else if (d->page && !d->fresh) {
			d->y -= heads[level].before;
		}
	}
	/* the heading, a rule and three lines of text stay together */
	if (!err)
		err = pdf_need(d, (double)(d->lines.n ? d->lines.n : 1) * lh + 8 + 3 * 13.5);
	if (err) {
		free(plain);
		return err;
	}
	dst = HPDF_Page_CreateDestination(d->page);
	if (dst)
		HPDF_Destination_SetFitH(dst, (HPDF_REAL)(d->y + 8));
	for (l = level - 1; l >= 0 && !parent; l--)
		parent = d->outline[l];
	/* bookmark text is limited by libharu to 64 KB; titles to 1000 bytes */
	o = HPDF_CreateOutline(d->h, parent, plain, d->enc);
	if (o && dst) {
		HPDF_Outline_SetDestination(o, dst);
		HPDF_Outline_SetOpened(o, level == PDF_PART);
	}
	d->outline[level] = o;
	for (l = level + 1; l < 3; l++)
		d->outline[l] = NULL;
	err = pdf_hcheck(d, "creating a bookmark");
	if (!err)
		err = toc_push(d, plain, level, dst);
	free(plain);
	PDF_TRY(err);
	if (d->lines.n == 0) {
		d->y -= lh;
		d->fresh = 0;
	}
	PDF_TRY(pdf_flow(d, &d->rt, PDF_MARGIN_X, PDF_CONTENT_W, size, lh, 'l'));
	d->y -= 2;
	if (level == PDF_PART)
		pdf_hrule(d, PDF_MARGIN_X, PDF_PAGE_W - PDF_MARGIN_X, d->y, 1.5, 0);
	else if (level == PDF_SECTION)
		pdf_hrule(d, PDF_MARGIN_X, PDF_PAGE_W - PDF_MARGIN_X, d->y, 0.5, 0.5);
	d->y -= 8;
	return nerr_pass(pdf_md_render(d, markdown, PDF_MARGIN_X, PDF_CONTENT_W));
}

NEOERR *pdf_book_chapter(pdf_doc *d, int level, const char *title, const char *markdown)
{
	PDF_TRY(pdf_enter(d, PDF_KIND_BOOK));
	if (level < PDF_PART || level > PDF_SUBSECTION)
		return nerr_raise(NERR_ASSERT,
				  "pdf: chapter level %d is not a "
				  "part, section or subsection",
				  level);
	return pdf_leave(d, chapter(d, level, title, markdown));
}

/* Lay out the contents. With pages NULL only count the pages needed; else
 * draw onto pages[0..] with entries numbered for a TOC of ntp pages. */
static NEOERR *toc_pass(pdf_doc *d, HPDF_Page *pages, size_t ntp, size_t *count)
{
	const double right = PDF_PAGE_W - PDF_MARGIN_X;
	size_t pi = 0, i, j;
	double y;

	d->page = pages ? pages[0] : NULL;
	if (pages)
		pdf_book_header(d);
	else
		d->top = BODY_TOP;
	y = d->top;
	if (pages)
		pdf_text(d, PDF_ST_BOLD, 18, PDF_MARGIN_X, pdf_baseline(y, 18, 22), "Table of Contents");
	y -= 22 + 14;
	for (i = 0; i < d->ntoc; i++) {
		const pdf_toc *e = &d->toc[i];
		double size = e->level == PDF_PART ? 11 : 10;
		double lh = size * 1.4, indent = e->level * 18.0;
		unsigned st = e->level == PDF_PART ? PDF_ST_BOLD : 0;
		size_t n;

		if (e->level == PDF_PART && i > 0 && y < d->top)
			y -= 6;
		pdf_rt_reset(&d->rt);
		PDF_TRY(pdf_rt_raw(&d->rt, e->title, strlen(e->title), st));
		PDF_TRY(pdf_fonts(d, d->rt.used | 1));
		PDF_TRY(pdf_wrap(&d->rt, 0, d->rt.n, d->cw, size, PDF_CONTENT_W - indent - TOC_NUM_W - 12, &d->lines));
		n = d->lines.n ? d->lines.n : 1;
		for (j = 0; j < n; j++) {
			if (y - lh < PDF_BOTTOM) {
				pi++;
				if (pages) {
					d->page = pages[pi];
					pdf_book_header(d);
				}
				y = d->top;
			}
			if (pages) {
				double base = pdf_baseline(y, size, lh);
				double x = PDF_MARGIN_X + indent, end = x;
				HPDF_Rect r;
				HPDF_Annotation a;

				if (j < d->lines.n) {
					PDF_TRY(pdf_draw_line(d, &d->rt, &d->lines.v[j], x, base, size));
					end = x + d->lines.v[j].w;
				}
				if (j == n - 1) {
					char num[32], dots[256];
					size_t page = e->page >= d->body_first ? e->page + ntp : e->page;
					double nw, room, dw = pdf_width(d, 0, size, ".");
					size_t k, nd;

					snprintf(num, sizeof num, "%zu", page + 1);
					nw = pdf_width(d, st, size, num);
					room = right - nw - 6 - (end + 6);
					nd = room > 0 && dw > 0 ? (size_t)(room / dw) : 0;
					if (nd >= sizeof dots)
						nd = sizeof dots - 1;
					for (k = 0; k < nd; k++)
						dots[k] = '.';
					dots[nd] = '\0';
					HPDF_Page_SetGrayFill(d->page, 0.45);
					pdf_text(d, 0, size, right - nw - 6 - (double)nd * dw, base, dots);
					HPDF_Page_SetGrayFill(d->page, 0);
					pdf_text(d, st, size, right - nw, base, num);
				}
				if (e->dst) {
					r.left = (HPDF_REAL)x;
					r.right = (HPDF_REAL)right;
					r.top = (HPDF_REAL)y;
					r.bottom = (HPDF_REAL)(y - lh);
					a = HPDF_Page_CreateLinkAnnot(d->page, r, e->dst);
					if (a)
						HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
				}
			}
			y -= lh;
		}
	}
	*count = pi + 1;
	return pdf_hcheck(d, "drawing the table of contents");
}

NEOERR *pdf_book_finish(pdf_doc *d)
{
	size_t ntp, i, target;
	HPDF_Destination dst;

	PDF_TRY(toc_pass(d, NULL, 0, &ntp));
	if (d->npages + ntp > d->cappages) {
		size_t cap = d->npages + ntp;
		HPDF_Page *v = realloc(d->pages, cap * sizeof *v);
		if (!v)
			return nerr_raise(NERR_NOMEM, "pdf: no memory for pages");
		d->pages = v;
		d->cappages = cap;
	}
	/* insert before the first body page, or append if there is no body */
	target = d->body_first;
	for (i = 0; i < ntp; i++) {
		HPDF_Page p;

		if (target + i < d->npages)
			p = HPDF_InsertPage(d->h, d->pages[target + i]);
		else
			p = HPDF_AddPage(d->h);
		if (!p) {
			PDF_TRY(pdf_hcheck(d, "inserting contents pages"));
			return nerr_raise(NERR_SYSTEM, "pdf: cannot insert a page");
		}
		HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_LETTER, HPDF_PAGE_PORTRAIT);
		memmove(d->pages + target + i + 1, d->pages + target + i, (d->npages - target - i) * sizeof *d->pages);
		d->pages[target + i] = p;
		d->npages++;
	}
	PDF_TRY(toc_pass(d, d->pages + target, ntp, &i));
	if (i != ntp)
		return nerr_raise(NERR_ASSERT, "pdf: contents took %zu pages, not %zu", i, ntp);
	dst = HPDF_Page_CreateDestination(d->pages[target]);
	if (dst && d->toc_outline)
		HPDF_Outline_SetDestination(d->toc_outline, dst);
	return pdf_hcheck(d, "linking the table of contents");
}

void pdf_book_free(pdf_doc *d)
{
	size_t i;

	for (i = 0; i < d->ntoc; i++)
		free(d->toc[i].title);
	free(d->toc);
	d->toc = NULL;
	d->ntoc = 0;
}
