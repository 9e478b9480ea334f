/* pdf_int: internals shared by the pdf module's files (not for callers). */
#ifndef HR_PDF_INT_H
#define HR_PDF_INT_H

#include <stddef.h>
#include <stdint.h>
#include <hpdf.h>
#include <ClearSilver.h>
#include "pdf/pdf.h"

/* Style bits of a character; together they index the font table. */
enum { PDF_ST_BOLD = 1, PDF_ST_ITALIC = 2, PDF_ST_MONO = 4, PDF_NSTYLES = 8 };

/* Flags for pdf_rt_append. */
enum {
	PDF_TX_KEEP_NL = 1, /* keep newlines (else they become spaces) */
	PDF_TX_CODE = 2     /* tabs expand to 4 spaces (else one space) */
};

/* Page geometry (US Letter, points). */
#define PDF_PAGE_W 612.0
#define PDF_PAGE_H 792.0
#define PDF_MARGIN_X 54.0
#define PDF_BOTTOM 58.0 /* lowest baseline area of body text */
#define PDF_CONTENT_W (PDF_PAGE_W - 2 * PDF_MARGIN_X)

/* Markdown tables may be wider than form tables; further columns are
 * dropped (unreadable on a portrait page anyway). */
#define PDF_TABLE_MAXCOLS 32

/* Rich text: CP1252 bytes with one style byte each. */
typedef struct {
	char *s;
	unsigned char *st;
	size_t n, cap;
	unsigned used; /* bit per style present (fonts to load) */
} pdf_rt;

/* One wrapped line: bytes [a, b) of a pdf_rt, w points wide. */
typedef struct {
	size_t a, b;
	double w;
} pdf_line;

typedef struct {
	pdf_line *v;
	size_t n, cap;
} pdf_lines;

/* A table collected before drawing, so column widths can follow content. */
typedef struct {
	int ncols;
	size_t nrows, caprows; /* rows after the header */
	pdf_rt *head;          /* ncols header cells */
	pdf_rt *cells;         /* nrows * ncols */
	double weights[PDF_TABLE_MAXCOLS];
	int has_weights;
	char align[PDF_TABLE_MAXCOLS]; /* 'l', 'c' or 'r' */
	double size;                   /* font size of cells */
} pdf_table;

/* A table of contents entry (books). */
typedef struct {
	char *title; /* CP1252 */
	int level;
	size_t page; /* index into pages[] before the TOC exists */
	HPDF_Destination dst;
} pdf_toc;

enum { PDF_KIND_FORM = 1, PDF_KIND_BOOK = 2 };

struct pdf_doc {
	int kind;
	int broken; /* an error was returned: refuse further work */
	int finished;
	int failed; /* a void drawing helper failed */
	HPDF_Doc h;
	HPDF_STATUS herr, hdetail; /* first libharu error seen by the handler */
	HPDF_Encoder enc;

	HPDF_Font font[PDF_NSTYLES];
	float cw[PDF_NSTYLES][256]; /* glyph widths, 1/1000 em */
	unsigned loaded;

	HPDF_Page *pages; /* in document order */
	size_t npages, cappages;
	HPDF_Page page; /* page being filled; NULL: start one */
	double y;       /* top of the next line box */
	double top;     /* where content starts below the header */
	int fresh;      /* nothing drawn yet on this page */

	char *title; /* CP1252 */
	char *sub;   /* reference line or subtitle, CP1252 */

	pdf_rt rt; /* scratch text for the block being drawn */
	pdf_rt rt2;
	pdf_lines lines, lines2;
	char *tmp;
	size_t tmpcap;

	pdf_table *table; /* open form table */

	/* list item marker waiting for the item's first line */
	char marker[32];
	int marker_pending;
	double marker_x;
	double marker_size;
	double flow_bg; /* gray behind each flowed line (code), 0: none */
	double bars[8]; /* block quote bars active */
	int nbars;

	/* books */
	pdf_toc *toc;
	size_t ntoc, captoc;
	HPDF_Outline outline[3]; /* last bookmark at each level */
	HPDF_Outline toc_outline;
	size_t body_first; /* index of the first body page */
};

#define PDF_TRY(expr)                         \
	do {                                  \
		NEOERR *e_ = (expr);          \
		if (e_ != STATUS_OK)          \
			return nerr_pass(e_); \
	} while (0)

/* pdf_text.c */
size_t pdf_utf8_next(const unsigned char *s, size_t n, uint32_t *cp);
size_t pdf_cp1252_of(uint32_t cp, char out[4]);
NEOERR *pdf_rt_append(pdf_rt *rt, const char *utf8, size_t len, unsigned style, int flags);
NEOERR *pdf_rt_raw(pdf_rt *rt, const char *cp1252, size_t len, unsigned style);
void pdf_rt_reset(pdf_rt *rt);
void pdf_rt_free(pdf_rt *rt);
NEOERR *pdf_cp1252_dup(const char *utf8, size_t max, char **out);
NEOERR *pdf_wrap(const pdf_rt *rt, size_t from, size_t to, const float (*cw)[256], double size, double maxw,
		 pdf_lines *out);
double pdf_rt_width(const pdf_rt *rt, size_t a, size_t b, const float (*cw)[256], double size);
void pdf_rt_measure(const pdf_rt *rt, const float (*cw)[256], double size, double *natural, double *longest_word);

/* pdf.c: core */
NEOERR *pdf_doc_alloc(pdf_doc **out, int kind, const char *title, const char *sub);
NEOERR *pdf_enter(pdf_doc *d, int kind);
NEOERR *pdf_leave(pdf_doc *d, NEOERR *err);
NEOERR *pdf_hcheck(pdf_doc *d, const char *what);
NEOERR *pdf_fonts(pdf_doc *d, unsigned used);
NEOERR *pdf_new_page(pdf_doc *d);
NEOERR *pdf_need(pdf_doc *d, double h);
void pdf_text(pdf_doc *d, unsigned style, double size, double x, double y, const char *cp1252);
double pdf_width(pdf_doc *d, unsigned style, double size, const char *s);
NEOERR *pdf_draw_line(pdf_doc *d, const pdf_rt *rt, const pdf_line *ln, double x, double baseline, double size);
NEOERR *pdf_flow(pdf_doc *d, const pdf_rt *rt, double x, double w, double size, double lh, int align);
NEOERR *pdf_flush_marker(pdf_doc *d, double size);
void pdf_hrule(pdf_doc *d, double x0, double x1, double y, double width, double gray);
double pdf_baseline(double top, double size, double lh);

/* pdf_table.c */
NEOERR *pdf_table_new(pdf_table **out, int ncols, double size);
NEOERR *pdf_table_add_row(pdf_table *t, pdf_rt **row);
NEOERR *pdf_table_draw(pdf_doc *d, pdf_table *t, double x, double w);
void pdf_table_free(pdf_table *t);

/* pdf_md.c */
NEOERR *pdf_md_render(pdf_doc *d, const char *md, double x, double w);

/* pdf_book.c */
void pdf_book_header(pdf_doc *d);
NEOERR *pdf_book_finish(pdf_doc *d);
void pdf_book_free(pdf_doc *d);

#endif
