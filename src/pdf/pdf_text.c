/* pdf_text: UTF-8 to Windows-1252, styled text buffers and line wrapping.
 *
 * The standard PDF fonts only know WinAnsiEncoding (CP1252), so every
 * string is converted here, once, before it is measured or drawn. Nothing
 * here touches libharu: widths come in as a table. */
#include <stdlib.h>
#include <string.h>
#include "pdf/pdf_int.h"

size_t pdf_utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned c = s[0];
	size_t need, i;
	uint32_t v, min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		v = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		v = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		v = c & 0x07;
		min = 0x10000;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		/* A truncated sequence is one bad character, not several. */
		if (i >= n || (s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return i;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		v = 0xFFFD;
	*cp = v;
	return need + 1;
}

/* Unicode characters with a CP1252 code in 0x80..0x9F. */
static const struct {
	uint16_t u;
	unsigned char c;
} cp1252_high[] = {
	{ 0x0152, 0x8C }, { 0x0153, 0x9C }, { 0x0160, 0x8A }, { 0x0161, 0x9A }, { 0x0178, 0x9F }, { 0x017D, 0x8E },
	{ 0x017E, 0x9E }, { 0x0192, 0x83 }, { 0x02C6, 0x88 }, { 0x02DC, 0x98 }, { 0x2013, 0x96 }, { 0x2014, 0x97 },
	{ 0x2018, 0x91 }, { 0x2019, 0x92 }, { 0x201A, 0x82 }, { 0x201C, 0x93 }, { 0x201D, 0x94 }, { 0x201E, 0x84 },
	{ 0x2020, 0x86 }, { 0x2021, 0x87 }, { 0x2022, 0x95 }, { 0x2026, 0x85 }, { 0x2030, 0x89 }, { 0x2039, 0x8B },
	{ 0x203A, 0x9B }, { 0x20AC, 0x80 }, { 0x2122, 0x99 },
};

/* Close stand-ins for common characters CP1252 lacks. */
static const struct {
	uint32_t u;
	const char *s;
} cp1252_alt[] = {
	{ 0x2010, "-" },    { 0x2011, "-" },  { 0x2012, "\x96" }, { 0x2015, "\x97" }, { 0x201B, "\x91" },
	{ 0x201F, "\x93" }, { 0x2032, "'" },  { 0x2033, "\"" },   { 0x2043, "-" },    { 0x2044, "/" },
	{ 0x2190, "<-" },   { 0x2192, "->" }, { 0x2212, "-" },    { 0x2215, "/" },    { 0x2219, "\x95" },
	{ 0x2260, "!=" },   { 0x2264, "<=" }, { 0x2265, ">=" },   { 0x25CF, "\x95" }, { 0x25E6, "\x95" },
	{ 0xFB00, "ff" },   { 0xFB01, "fi" }, { 0xFB02, "fl" },   { 0xFB03, "ffi" },  { 0xFB04, "ffl" },
};

/* CP1252 bytes for a printable code point (controls are handled by the
 * caller). Returns how many bytes were written: 0 drops the character. */
size_t pdf_cp1252_of(uint32_t cp, char out[4])
{
	size_t i;

	if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF)) {
		out[0] = (char)cp;
		return 1;
	}
	/* invisible: zero-width spaces and joiners, BOM, soft hyphen */
	if (cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000) {
		out[0] = ' ';
		return 1;
	}
	for (i = 0; i < sizeof cp1252_high / sizeof cp1252_high[0]; i++)
		if (cp1252_high[i].u == cp) {
			out[0] = (char)cp1252_high[i].c;
			return 1;
		}
	for (i = 0; i < sizeof cp1252_alt / sizeof cp1252_alt[0]; i++)
		if (cp1252_alt[i].u == cp) {
			size_t n = strlen(cp1252_alt[i].s);
			memcpy(out, cp1252_alt[i].s, n);
			return n;
		}
	out[0] = '?';
	return 1;
}

static NEOERR *rt_grow(pdf_rt *rt, size_t extra)
{
	size_t cap;
	char *s;
	unsigned char *st;

	if (rt->n + extra + 1 <= rt->cap)
		return STATUS_OK;
	cap = rt->cap ? rt->cap : 64;
	while (cap < rt->n + extra + 1)
		cap *= 2;
	s = realloc(rt->s, cap);
	if (!s)
		return nerr_raise(NERR_NOMEM, "pdf: no memory for %zu bytes of text", cap);
	rt->s = s;
	st = realloc(rt->st, cap);
	if (!st)
		return nerr_raise(NERR_NOMEM, "pdf: no memory for %zu bytes of text", cap);
	rt->st = st;
	rt->cap = cap;
	rt->s[rt->n] = '\0';
	return STATUS_OK;
}

static void rt_put(pdf_rt *rt, const char *b, size_t n, unsigned style)
{
	memcpy(rt->s + rt->n, b, n);
	memset(rt->st + rt->n, (int)style, n);
	rt->n += n;
	rt->s[rt->n] = '\0';
}

NEOERR *pdf_rt_append(pdf_rt *rt, const char *utf8, size_t len, unsigned style, int flags)
{
	const unsigned char *s = (const unsigned char *)utf8;
	size_t i = 0;

	if (!utf8 || len == 0)
		return STATUS_OK;
	if (len > PDF_MAX_TEXT)
		return nerr_raise(NERR_OUTOFRANGE, "pdf: text of %zu bytes exceeds the limit of %u", len, PDF_MAX_TEXT);
	style &= PDF_NSTYLES - 1;
	rt->used |= 1u << style;
	PDF_TRY(rt_grow(rt, len + 8));
	while (i < len) {
		uint32_t cp;
		char out[4];
		size_t k;

		i += pdf_utf8_next(s + i, len - i, &cp);
		if (cp == '\r') {
			if (i < len && s[i] == '\n')
				continue;
			cp = '\n';
		}
		if (cp == 0x2028 || cp == 0x2029)
			cp = '\n';
		if (cp == '\n') {
			out[0] = (flags & PDF_TX_KEEP_NL) ? '\n' : ' ';
			k = 1;
		} else if (cp == '\t') {
			k = (flags & PDF_TX_CODE) ? 4 : 1;
			memset(out, ' ', k);
		} else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
			out[0] = '?';
			k = 1;
		} else {
			k = pdf_cp1252_of(cp, out);
		}
		if (rt->n + k + 1 > rt->cap)
			PDF_TRY(rt_grow(rt, k + (len - i)));
		rt_put(rt, out, k, style);
	}
	return STATUS_OK;
}

NEOERR *pdf_rt_raw(pdf_rt *rt, const char *cp1252, size_t len, unsigned style)
{
	style &= PDF_NSTYLES - 1;
	rt->used |= 1u << style;
	PDF_TRY(rt_grow(rt, len));
	rt_put(rt, cp1252, len, style);
	return STATUS_OK;
}

void pdf_rt_reset(pdf_rt *rt)
{
	rt->n = 0;
	rt->used = 0;
	if (rt->s)
		rt->s[0] = '\0';
}

void pdf_rt_free(pdf_rt *rt)
{
	free(rt->s);
	free(rt->st);
	memset(rt, 0, sizeof *rt);
}

/* A single-line CP1252 copy (newlines become spaces), at most max bytes. */
NEOERR *pdf_cp1252_dup(const char *utf8, size_t max, char **out)
{
	pdf_rt rt = { 0 };
	NEOERR *err;
	size_t len = utf8 ? strlen(utf8) : 0;

	*out = NULL;
	err = pdf_rt_append(&rt, utf8, len, 0, 0);
	if (err) {
		pdf_rt_free(&rt);
		return nerr_pass(err);
	}
	if (!rt.s) {
		*out = strdup("");
		if (!*out)
			return nerr_raise(NERR_NOMEM, "pdf: no memory for a string");
		return STATUS_OK;
	}
	if (rt.n > max)
		rt.s[max] = '\0';
	free(rt.st);
	*out = rt.s;
	return STATUS_OK;
}

static NEOERR *lines_push(pdf_lines *out, const pdf_rt *rt, size_t a, size_t b, double w, const float (*cw)[256],
			  double k)
{
	/* trailing spaces neither show nor count for alignment */
	while (b > a && rt->s[b - 1] == ' ') {
		b--;
		w -= cw[rt->st[b]][' '] * k;
	}
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 16;
		pdf_line *v = realloc(out->v, cap * sizeof *v);
		if (!v)
			return nerr_raise(NERR_NOMEM, "pdf: no memory for lines");
		out->v = v;
		out->cap = cap;
	}
	out->v[out->n].a = a;
	out->v[out->n].b = b;
	out->v[out->n].w = w < 0 ? 0 : w;
	out->n++;
	return STATUS_OK;
}

/* Greedy wrap of bytes [from, to) into lines at most maxw wide. Breaks at
 * spaces; a word wider than the line breaks after a hyphen or slash, else
 * between characters. Newlines force a break. Empty text gives no lines. */
NEOERR *pdf_wrap(const pdf_rt *rt, size_t from, size_t to, const float (*cw)[256], double size, double maxw,
		 pdf_lines *out)
{
	const double k = size / 1000.0;
	size_t i = from;

	out->n = 0;
	while (i < to) {
		size_t start = i, brk = 0, soft = 0;
		double w = 0, brk_w = 0, soft_w = 0;
		int have_brk = 0, have_soft = 0, broke = 0;

		while (i < to) {
			unsigned char c = (unsigned char)rt->s[i];
			double cwid;

			if (c == '\n') {
				PDF_TRY(lines_push(out, rt, start, i, w, cw, k));
				i++;
				broke = 1;
				break;
			}
			cwid = cw[rt->st[i]][c] * k;
			if (c == ' ') {
				if (i > start) {
					brk = i;
					brk_w = w;
					have_brk = 1;
				}
				w += cwid;
				i++;
				continue;
			}
			if (w + cwid > maxw && i > start) {
				if (have_brk) {
					PDF_TRY(lines_push(out, rt, start, brk, brk_w, cw, k));
					i = brk;
					while (i < to && rt->s[i] == ' ')
						i++;
				} else if (have_soft) {
					PDF_TRY(lines_push(out, rt, start, soft, soft_w, cw, k));
					i = soft;
				} else {
					PDF_TRY(lines_push(out, rt, start, i, w, cw, k));
				}
				broke = 1;
				break;
			}
			w += cwid;
			i++;
			if ((c == '-' || c == '/') && i < to && rt->s[i] != ' ') {
				soft = i;
				soft_w = w;
				have_soft = 1;
			}
		}
		if (!broke)
			PDF_TRY(lines_push(out, rt, start, i, w, cw, k));
	}
	return STATUS_OK;
}

double pdf_rt_width(const pdf_rt *rt, size_t a, size_t b, const float (*cw)[256], double size)
{
	double w = 0;

	for (; a < b; a++)
		w += cw[rt->st[a]][(unsigned char)rt->s[a]];
	return w * size / 1000.0;
}

/* Widest hard line (unwrapped) and widest word: a table column's natural
 * and minimum widths. */
void pdf_rt_measure(const pdf_rt *rt, const float (*cw)[256], double size, double *natural, double *longest_word)
{
	double line = 0, word = 0, nat = 0, lw = 0;
	size_t i;

	for (i = 0; i < rt->n; i++) {
		unsigned char c = (unsigned char)rt->s[i];
		double w = cw[rt->st[i]][c] * size / 1000.0;

		if (c == '\n') {
			line = word = 0;
			continue;
		}
		line += w;
		if (line > nat)
			nat = line;
		if (c == ' ') {
			word = 0;
		} else {
			word += w;
			if (word > lw)
				lw = word;
		}
	}
	*natural = nat;
	*longest_word = lw;
}
