/* pdf_table: bordered tables with wrapped cells, a shaded header row that
 * repeats on every page, and rows that split across pages when taller than
 * a page. Used by form tables and Markdown tables alike. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "pdf/pdf_int.h"

#define PAD 3.0

NEOERR *pdf_table_new(pdf_table **out, int ncols, double size)
{
	pdf_table *t;
	int c;

	*out = NULL;
	if (ncols < 1 || ncols > PDF_TABLE_MAXCOLS)
		return nerr_raise(NERR_ASSERT, "pdf: bad column count %d", ncols);
	t = calloc(1, sizeof *t);
	if (!t)
		return nerr_raise(NERR_NOMEM, "pdf: no memory for a table");
	t->head = calloc((size_t)ncols, sizeof *t->head);
	if (!t->head) {
		free(t);
		return nerr_raise(NERR_NOMEM, "pdf: no memory for a table");
	}
	t->ncols = ncols;
	t->size = size;
	for (c = 0; c < ncols; c++)
		t->align[c] = 'l';
	*out = t;
	return STATUS_OK;
}

/* Append an empty row; *row points at its ncols cells until the next call. */
NEOERR *pdf_table_add_row(pdf_table *t, pdf_rt **row)
{
	size_t nc = (size_t)t->ncols;

	if (t->nrows == t->caprows) {
		size_t cap = t->caprows ? t->caprows * 2 : 16;
		pdf_rt *v = realloc(t->cells, cap * nc * sizeof *v);
		if (!v)
			return nerr_raise(NERR_NOMEM, "pdf: no memory for table rows");
		t->cells = v;
		t->caprows = cap;
	}
	*row = t->cells + t->nrows * nc;
	memset(*row, 0, nc * sizeof **row);
	t->nrows++;
	return STATUS_OK;
}

void pdf_table_free(pdf_table *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < (size_t)t->ncols; i++)
		pdf_rt_free(&t->head[i]);
	for (i = 0; i < t->nrows * (size_t)t->ncols; i++)
		pdf_rt_free(&t->cells[i]);
	free(t->head);
	free(t->cells);
	free(t);
}

/* Column widths: caller weights, or else proportional to content. Columns
 * whose text fits in an even share keep their natural width; the others
 * share the rest, each at least its longest word when possible, the
 * surplus going to the columns with the most text. */
static void col_widths(pdf_doc *d, const pdf_table *t, double w, double *cw)
{
	double nat[PDF_TABLE_MAXCOLS], minw[PDF_TABLE_MAXCOLS];
	int fixed[PDF_TABLE_MAXCOLS] = { 0 };
	int c, nc = t->ncols, nflex = nc, changed;
	double remaining = w, sum = 0, summin = 0, sumextra = 0;
	size_t r;

	if (t->has_weights) {
		for (c = 0; c < nc; c++)
			sum += t->weights[c];
		for (c = 0; c < nc; c++)
			cw[c] = w * t->weights[c] / sum;
		return;
	}
	for (c = 0; c < nc; c++) {
		double n, m;

		pdf_rt_measure(&t->head[c], d->cw, t->size, &nat[c], &minw[c]);
		for (r = 0; r < t->nrows; r++) {
			pdf_rt_measure(&t->cells[r * (size_t)nc + (size_t)c], d->cw, t->size, &n, &m);
			if (n > nat[c])
				nat[c] = n;
			if (m > minw[c])
				minw[c] = m;
		}
		nat[c] += 2 * PAD + 1;
		minw[c] += 2 * PAD + 1;
		if (nat[c] < 4 * PAD)
			nat[c] = minw[c] = 4 * PAD;
		sum += nat[c];
	}
	if (sum <= w) {
		for (c = 0; c < nc; c++)
			cw[c] = nat[c] * w / sum;
		return;
	}
	do {
		double share = remaining / nflex;

		changed = 0;
		for (c = 0; c < nc; c++)
			if (!fixed[c] && nat[c] <= share && nflex > 1) {
				fixed[c] = 1;
				cw[c] = nat[c];
				remaining -= nat[c];
				nflex--;
				changed = 1;
			}
	} while (changed);
	for (c = 0; c < nc; c++)
		if (!fixed[c]) {
			summin += minw[c];
			sumextra += nat[c] - minw[c];
		}
	for (c = 0; c < nc; c++) {
		if (fixed[c])
			continue;
		if (summin >= remaining)
			cw[c] = remaining * minw[c] / summin;
		else if (sumextra > 0)
			cw[c] = minw[c] + (remaining - summin) * (nat[c] - minw[c]) / sumextra;
		else
			cw[c] = minw[c] + (remaining - summin) / nflex;
	}
}

typedef struct {
	pdf_doc *d;
	const pdf_table *t;
	double x, lh;
	double cw[PDF_TABLE_MAXCOLS];
	pdf_lines hl[PDF_TABLE_MAXCOLS]; /* header lines */
	pdf_lines rl[PDF_TABLE_MAXCOLS]; /* lines of the row being drawn */
	size_t hn;                       /* header line count */
	int has_head;
} tbl;

/* Draw lines [k, k+m) of each cell as one band of cells with borders. */
static NEOERR *slice(tbl *b, const pdf_rt *cells, pdf_lines *ls, size_t k, size_t m, int head)
{
	pdf_doc *d = b->d;
	double top = d->y, h = (double)m * b->lh + 2 * PAD, x = b->x;
	int c;

	if (head) {
		double wsum = 0;
		for (c = 0; c < b->t->ncols; c++)
			wsum += b->cw[c];
		HPDF_Page_SetGrayFill(d->page, 0.88);
		HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, (HPDF_REAL)(top - h), (HPDF_REAL)wsum, (HPDF_REAL)h);
		HPDF_Page_Fill(d->page);
		HPDF_Page_SetGrayFill(d->page, 0);
	}
	for (c = 0; c < b->t->ncols; c++) {
		size_t j;

		for (j = k; j < k + m && j < ls[c].n; j++) {
			const pdf_line *ln = &ls[c].v[j];
			double dx = 0, inner = b->cw[c] - 2 * PAD;
			char al = b->t->align[c];

			if (al == 'c')
				dx = (inner - ln->w) / 2;
			else if (al == 'r')
				dx = inner - ln->w;
			if (dx < 0)
				dx = 0;
			PDF_TRY(pdf_draw_line(d, &cells[c], ln, x + PAD + dx,
					      pdf_baseline(top - PAD - (double)(j - k) * b->lh, b->t->size, b->lh),
					      b->t->size));
		}
		x += b->cw[c];
	}
	HPDF_Page_SetLineWidth(d->page, 0.5);
	HPDF_Page_SetGrayStroke(d->page, 0.35);
	x = b->x;
	for (c = 0; c < b->t->ncols; c++) {
		HPDF_Page_Rectangle(d->page, (HPDF_REAL)x, (HPDF_REAL)(top - h), (HPDF_REAL)b->cw[c], (HPDF_REAL)h);
		x += b->cw[c];
	}
	HPDF_Page_Stroke(d->page);
	HPDF_Page_SetGrayStroke(d->page, 0);
	d->y -= h;
	d->fresh = 0;
	return STATUS_OK;
}

static NEOERR *head(tbl *b)
{
	if (!b->has_head)
		return STATUS_OK;
	return nerr_pass(slice(b, b->t->head, b->hl, 0, b->hn, 1));
}

static NEOERR *wrap_cells(tbl *b, const pdf_rt *cells, pdf_lines *ls, size_t *n)
{
	int c;

	*n = 1;
	for (c = 0; c < b->t->ncols; c++) {
		double inner = b->cw[c] - 2 * PAD;

		PDF_TRY(pdf_wrap(&cells[c], 0, cells[c].n, b->d->cw, b->t->size, inner > 1 ? inner : 1, &ls[c]));
		if (ls[c].n > *n)
			*n = ls[c].n;
	}
	return STATUS_OK;
}

static NEOERR *new_page_head(tbl *b)
{
	PDF_TRY(pdf_new_page(b->d));
	return nerr_pass(head(b));
}

static NEOERR *draw(tbl *b)
{
	pdf_doc *d = b->d;
	const pdf_table *t = b->t;
	double hh;
	size_t r;
	int c;

	for (c = 0; c < t->ncols; c++)
		if (t->head[c].n)
			b->has_head = 1;
	PDF_TRY(wrap_cells(b, t->head, b->hl, &b->hn));
	hh = b->has_head ? (double)b->hn * b->lh + 2 * PAD : 0;
	PDF_TRY(pdf_flush_marker(d, t->size));
	/* header plus one row line, or start on a new page */
	PDF_TRY(pdf_need(d, hh + b->lh + 2 * PAD));
	PDF_TRY(head(b));
	for (r = 0; r < t->nrows; r++) {
		const pdf_rt *cells = t->cells + r * (size_t)t->ncols;
		size_t n, k = 0;
		double rh;

		PDF_TRY(wrap_cells(b, cells, b->rl, &n));
		rh = (double)n * b->lh + 2 * PAD;
		/* move a row that would fit on a page of its own rather than
		 * splitting it */
		if (d->y - rh < PDF_BOTTOM && rh <= d->top - PDF_BOTTOM - hh)
			PDF_TRY(new_page_head(b));
		while (k < n) {
			double avail = floor((d->y - PDF_BOTTOM - 2 * PAD) / b->lh);
			size_t m;

			if (avail < 1) {
				PDF_TRY(new_page_head(b));
				avail = floor((d->y - PDF_BOTTOM - 2 * PAD) / b->lh);
				if (avail < 1) /* header fills the page: overflow */
					avail = 1;
			}
			m = (size_t)avail;
			if (m > n - k)
				m = n - k;
			PDF_TRY(slice(b, cells, b->rl, k, m, 0));
			k += m;
			if (k < n)
				PDF_TRY(new_page_head(b));
		}
	}
	return pdf_hcheck(d, "drawing a table");
}

NEOERR *pdf_table_draw(pdf_doc *d, pdf_table *t, double x, double w)
{
	tbl *b;
	unsigned used = 0;
	size_t i;
	NEOERR *err;
	int c;

	for (c = 0; c < t->ncols; c++)
		used |= t->head[c].used;
	for (i = 0; i < t->nrows * (size_t)t->ncols; i++)
		used |= t->cells[i].used;
	PDF_TRY(pdf_fonts(d, used | 1));
	b = calloc(1, sizeof *b);
	if (!b)
		return nerr_raise(NERR_NOMEM, "pdf: no memory for a table");
	b->d = d;
	b->t = t;
	b->x = x;
	b->lh = t->size * 1.3;
	col_widths(d, t, w, b->cw);
	err = draw(b);
	for (c = 0; c < t->ncols; c++) {
		free(b->hl[c].v);
		free(b->rl[c].v);
	}
	free(b);
	return err;
}
