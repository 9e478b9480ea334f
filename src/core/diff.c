#include "core/diff.h"

#include <stdlib.h>
#include <string.h>

#include "core/html.h"

struct word {
	const char *start;
	size_t len;
	int paragraph; /* a blank line precedes it */
};

enum op_kind { OP_KEEP, OP_DEL, OP_ADD };

struct op {
	enum op_kind kind;
	const struct word *w;
};

/* Room for one more element in a growing array (doubling): the array,
 * perhaps moved; NULL (and the array freed) when memory ran out. */
static void *make_room(void *items, size_t *cap, size_t count, size_t size)
{
	void *bigger;

	if (count < *cap)
		return items;
	bigger = realloc(items, *cap * 2 * size);
	if (bigger == NULL) {
		free(items);
		return NULL;
	}
	*cap *= 2;
	return bigger;
}

static struct word *split_words(const char *text, size_t *n)
{
	size_t cap = 64, count = 0;
	struct word *words = malloc(cap * sizeof *words);
	const char *p = text;
	int newlines = 0;

	if (words == NULL)
		return NULL;
	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			newlines += *p == '\n';
			p++;
			continue;
		}
		words = make_room(words, &cap, count, sizeof *words);
		if (words == NULL)
			return NULL;
		words[count].start = p;
		words[count].paragraph = count > 0 && newlines >= 2;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		words[count].len = (size_t)(p - words[count].start);
		count++;
		newlines = 0;
	}
	*n = count;
	return words;
}

static int same(const struct word *a, const struct word *b)
{
	return a->len == b->len && memcmp(a->start, b->start, a->len) == 0;
}

/* Myers' O(ND) shortest edit script between a[0..n) and b[0..m), written
 * to ops (capacity n + m) in order; returns the number of ops, or -1 when
 * more than max_d edits would be needed (or memory ran out). */
static long shortest_edit(const struct word *a, long n, const struct word *b, long m, long max_d, struct op *ops)
{
	long width = 2 * (max_d + 1) + 1, offset = max_d + 1;
	long *v = calloc((size_t)width, sizeof *v);
	long **trace = calloc((size_t)max_d + 1, sizeof *trace);
	long found = -1, nops = 0, x, y;

	if (v == NULL || trace == NULL)
		goto out;
	v[offset + 1] = 0;
	for (long d = 0; d <= max_d && found < 0; d++) {
		/* Keep V before step d, for k in [-d-1, d+1]. */
		trace[d] = malloc((size_t)(2 * d + 3) * sizeof **trace);
		if (trace[d] == NULL)
			goto out;
		memcpy(trace[d], v + offset - d - 1, (size_t)(2 * d + 3) * sizeof *v);
		for (long k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
				x = v[offset + k + 1];
			else
				x = v[offset + k - 1] + 1;
			y = x - k;
			while (x < n && y < m && same(&a[x], &b[y])) {
				x++;
				y++;
			}
			v[offset + k] = x;
			if (x >= n && y >= m) {
				found = d;
				break;
			}
		}
	}
	if (found < 0)
		goto out;

	/* Walk back from (n, m), emitting ops in reverse. */
	x = n;
	y = m;
	for (long d = found; d >= 0; d--) {
		long *vd = trace[d]; /* vd[k + d + 1] is V[k] before step d */
		long k = x - y, prev_k, prev_x, prev_y;

#define V_AT(kk) vd[(kk) + d + 1]
		if (k == -d || (k != d && V_AT(k - 1) < V_AT(k + 1)))
			prev_k = k + 1;
		else
			prev_k = k - 1;
		prev_x = V_AT(prev_k);
		prev_y = prev_x - prev_k;
#undef V_AT
		while (x > prev_x && y > prev_y) {
			ops[nops].kind = OP_KEEP;
			ops[nops++].w = &b[y - 1];
			x--;
			y--;
		}
		if (d > 0) {
			if (x == prev_x) {
				ops[nops].kind = OP_ADD;
				ops[nops++].w = &b[y - 1];
			} else {
				ops[nops].kind = OP_DEL;
				ops[nops++].w = &a[x - 1];
			}
		}
		x = prev_x;
		y = prev_y;
	}
	for (long i = 0; i < nops / 2; i++) {
		struct op t = ops[i];

		ops[i] = ops[nops - 1 - i];
		ops[nops - 1 - i] = t;
	}
out:
	if (trace != NULL)
		for (long d = 0; d <= max_d; d++)
			free(trace[d]);
	free(trace);
	free(v);
	return found < 0 ? -1 : nops;
}

static NEOERR *emit(STRING *out, const struct op *ops, size_t nops, struct diff_stats *stats)
{
	NEOERR *err = STATUS_OK;
	enum op_kind open = OP_KEEP;

	for (size_t i = 0; i < nops && err == STATUS_OK; i++) {
		const struct op *o = &ops[i];

		if (o->kind != open && open != OP_KEEP)
			err = string_append(out, open == OP_DEL ? "</del>" : "</ins>");
		if (err == STATUS_OK && i > 0)
			err = string_append(out, o->w->paragraph && o->kind != OP_DEL ? "<br><br>" : " ");
		if (err == STATUS_OK && o->kind != open && o->kind != OP_KEEP)
			err = string_append(out, o->kind == OP_DEL ? "<del>" : "<ins>");
		open = o->kind;
		if (err == STATUS_OK)
			err = html_escape_append(out, o->w->start, o->w->len);
		if (o->kind == OP_KEEP)
			stats->words_kept++;
		else if (o->kind == OP_DEL)
			stats->words_removed++;
		else
			stats->words_added++;
	}
	if (err == STATUS_OK && open != OP_KEEP)
		err = string_append(out, open == OP_DEL ? "</del>" : "</ins>");
	return nerr_pass(err);
}

NEOERR *diff_html(const char *before, const char *after, STRING *out, struct diff_stats *stats)
{
	size_t n = 0, m = 0, pre = 0, suf = 0, nops = 0;
	struct word *a = split_words(before ? before : "", &n);
	struct word *b = split_words(after ? after : "", &m);
	struct op *ops = NULL;
	struct diff_stats local;
	NEOERR *err = STATUS_OK;
	long middle;

	if (stats == NULL)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	if (a == NULL || b == NULL) {
		err = nerr_raise(NERR_NOMEM, "diff");
		goto done;
	}
	ops = malloc((n + m + 1) * sizeof *ops);
	if (ops == NULL) {
		err = nerr_raise(NERR_NOMEM, "diff");
		goto done;
	}
	/* Common ends are kept as they are; Myers runs on the middle only. */
	while (pre < n && pre < m && same(&a[pre], &b[pre]))
		pre++;
	while (suf < n - pre && suf < m - pre && same(&a[n - 1 - suf], &b[m - 1 - suf]))
		suf++;
	for (size_t i = 0; i < pre; i++) {
		ops[nops].kind = OP_KEEP;
		ops[nops++].w = &b[i];
	}
	middle = shortest_edit(a + pre, (long)(n - pre - suf), b + pre, (long)(m - pre - suf), DIFF_MAX_EDITS,
			       ops + nops);
	if (middle >= 0) {
		nops += (size_t)middle;
	} else {
		/* Too different: everything in the middle was replaced. */
		for (size_t i = pre; i < n - suf; i++) {
			ops[nops].kind = OP_DEL;
			ops[nops++].w = &a[i];
		}
		for (size_t i = pre; i < m - suf; i++) {
			ops[nops].kind = OP_ADD;
			ops[nops++].w = &b[i];
		}
	}
	for (size_t i = m - suf; i < m; i++) {
		ops[nops].kind = OP_KEEP;
		ops[nops++].w = &b[i];
	}
	err = emit(out, ops, nops, stats);
done:
	free(ops);
	free(a);
	free(b);
	return nerr_pass(err);
}

/* ---- Block-level diff of rendered HTML ------------------------------ */

struct block {
	const char *start;
	size_t len;
	char tag[12]; /* its element name: "p", "h2", "table", ... */
};

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The element name at p ("<table ..." gives "table"); "" when p is not a tag. */
static void tag_name(const char *p, char out[12])
{
	size_t n = 0;

	out[0] = '\0';
	if (*p != '<')
		return;
	p++;
	while (is_name_char(*p) && n < 11)
		out[n++] = *p++;
	out[n] = '\0';
}

/* The end of the element that starts at p: past its matching close tag,
 * counting nested elements of the same name (a list inside a list). */
static const char *element_end(const char *p, const char *tag)
{
	size_t tl = strlen(tag);
	int depth = 0;
	const char *q = p;

	while ((q = strchr(q, '<')) != NULL) {
		if (q[1] == '/' && strncmp(q + 2, tag, tl) == 0 && !is_name_char(q[2 + tl])) {
			const char *gt = strchr(q, '>');

			if (--depth == 0)
				return gt ? gt + 1 : q + strlen(q);
		} else if (strncmp(q + 1, tag, tl) == 0 && !is_name_char(q[1 + tl])) {
			depth++;
		}
		q++;
	}
	return p + strlen(p);
}

/* Top-level blocks of portal-rendered HTML (cmark output: one element per
 * block). Text outside any element is a block of its own line. */
static struct block *split_blocks(const char *html, size_t *n)
{
	size_t cap = 32, count = 0;
	struct block *blocks = malloc(cap * sizeof *blocks);
	const char *p = html;

	*n = 0;
	if (blocks == NULL)
		return NULL;
	while (*p) {
		const char *end;
		char tag[12];

		while (*p == '\n' || *p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (!*p)
			break;
		tag_name(p, tag);
		if (!tag[0]) {
			end = strchr(p, '\n');
			end = end ? end : p + strlen(p);
		} else if (strcmp(tag, "hr") == 0 || strcmp(tag, "br") == 0 || strcmp(tag, "img") == 0) {
			end = strchr(p, '>');
			end = end ? end + 1 : p + strlen(p);
		} else {
			end = element_end(p, tag);
		}
		blocks = make_room(blocks, &cap, count, sizeof *blocks);
		if (blocks == NULL)
			return NULL;
		blocks[count].start = p;
		blocks[count].len = (size_t)(end - p);
		memcpy(blocks[count].tag, tag, sizeof tag);
		count++;
		p = end;
	}
	*n = count;
	return blocks;
}

static int same_block(const struct block *a, const struct block *b)
{
	return a->len == b->len && memcmp(a->start, b->start, a->len) == 0;
}

/* A block whose words can be compared one by one: a paragraph or heading. */
static int is_text_block(const struct block *b)
{
	return strcmp(b->tag, "p") == 0 || (b->tag[0] == 'h' && b->tag[1] >= '1' && b->tag[1] <= '6' && !b->tag[2]);
}

/* The text of an HTML fragment: tags dropped, cmark's entities decoded. */
static char *block_text(const struct block *b)
{
	static const struct {
		const char *entity;
		char c;
	} entities[] = {
		{ "&amp;", '&' },  { "&lt;", '<' },   { "&gt;", '>' },
		{ "&quot;", '"' }, { "&#39;", '\'' }, { "&#x27;", '\'' },
	};
	char *out = malloc(b->len + 1), *o = out;
	const char *p = b->start, *end = b->start + b->len;

	if (out == NULL)
		return NULL;
	while (p < end) {
		if (*p == '<') {
			while (p < end && *p != '>')
				p++;
			p += p < end;
			*o++ = ' ';
			continue;
		}
		if (*p == '&') {
			size_t i;

			for (i = 0; i < sizeof entities / sizeof entities[0]; i++) {
				size_t el = strlen(entities[i].entity);

				if ((size_t)(end - p) >= el && strncmp(p, entities[i].entity, el) == 0) {
					*o++ = entities[i].c;
					p += el;
					break;
				}
			}
			if (i < sizeof entities / sizeof entities[0])
				continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	return out;
}

static size_t count_words(const char *text)
{
	size_t n = 0;
	int in_word = 0;

	for (; *text; text++) {
		int space = *text == ' ' || *text == '\t' || *text == '\n' || *text == '\r';

		n += !space && !in_word;
		in_word = !space;
	}
	return n;
}

/* A whole block kept, removed or added: the block as it renders, marked. */
static NEOERR *emit_block(STRING *out, const struct block *b, enum op_kind kind, struct diff_stats *stats)
{
	char *text = block_text(b);
	size_t words;
	NEOERR *err = STATUS_OK;

	if (text == NULL)
		return nerr_raise(NERR_NOMEM, "diff");
	if (kind != OP_KEEP && is_text_block(b)) {
		/* A whole paragraph removed or added reads as struck or underlined text. */
		struct diff_stats s;

		err = string_appendf(out, "<%s class=\"diff-changed\">", b->tag);
		if (err == STATUS_OK)
			err = diff_html(kind == OP_DEL ? text : "", kind == OP_ADD ? text : "", out, &s);
		if (err == STATUS_OK)
			err = string_appendf(out, "</%s>\n", b->tag);
		stats->words_removed += s.words_removed;
		stats->words_added += s.words_added;
		free(text);
		return nerr_pass(err);
	}
	words = count_words(text);
	free(text);
	if (kind == OP_KEEP)
		stats->words_kept += words;
	else if (kind == OP_DEL)
		stats->words_removed += words;
	else
		stats->words_added += words;
	if (kind == OP_DEL)
		err = string_append(out,
				    "<div class=\"diff-block diff-removed\"><p class=\"diff-label\">Removed:</p>\n");
	else if (kind == OP_ADD)
		err = string_append(out, "<div class=\"diff-block diff-added\"><p class=\"diff-label\">Added:</p>\n");
	if (err == STATUS_OK)
		err = string_appendn(out, b->start, (int)b->len);
	if (err == STATUS_OK)
		err = string_append(out, kind == OP_KEEP ? "\n" : "\n</div>\n");
	return nerr_pass(err);
}

/* A paragraph or heading that changed: its words compared. */
static NEOERR *emit_changed_text(STRING *out, const struct block *a, const struct block *b, struct diff_stats *stats)
{
	char *before = block_text(a), *after = block_text(b);
	struct diff_stats s;
	NEOERR *err;

	if (before == NULL || after == NULL) {
		free(before);
		free(after);
		return nerr_raise(NERR_NOMEM, "diff");
	}
	err = string_appendf(out, "<%s class=\"diff-changed\">", b->tag);
	if (err == STATUS_OK)
		err = diff_html(before, after, out, &s);
	if (err == STATUS_OK)
		err = string_appendf(out, "</%s>\n", b->tag);
	if (err == STATUS_OK) {
		stats->words_kept += s.words_kept;
		stats->words_removed += s.words_removed;
		stats->words_added += s.words_added;
	}
	free(before);
	free(after);
	return nerr_pass(err);
}

/* The blocks removed (a[0..na)) and added (b[0..nb)) between two kept
 * ones: pairs of paragraphs of the same kind compare word by word, the
 * rest (tables, lists) show whole, as they render. */
static NEOERR *emit_run(STRING *out, const struct block *a, size_t na, const struct block *b, size_t nb,
			struct diff_stats *stats)
{
	NEOERR *err = STATUS_OK;
	size_t i;

	for (i = 0; i < na && i < nb && err == STATUS_OK; i++) {
		if (is_text_block(&a[i]) && strcmp(a[i].tag, b[i].tag) == 0) {
			err = emit_changed_text(out, &a[i], &b[i], stats);
		} else {
			err = emit_block(out, &a[i], OP_DEL, stats);
			if (err == STATUS_OK)
				err = emit_block(out, &b[i], OP_ADD, stats);
		}
	}
	for (size_t j = i; j < na && err == STATUS_OK; j++)
		err = emit_block(out, &a[j], OP_DEL, stats);
	for (size_t j = i; j < nb && err == STATUS_OK; j++)
		err = emit_block(out, &b[j], OP_ADD, stats);
	return nerr_pass(err);
}

NEOERR *diff_blocks_html(const char *before, const char *after, STRING *out, struct diff_stats *stats)
{
	size_t n = 0, m = 0, i, j;
	struct block *a = split_blocks(before ? before : "", &n);
	struct block *b = split_blocks(after ? after : "", &m);
	unsigned *lcs = NULL;
	struct diff_stats local;
	NEOERR *err = STATUS_OK;

	if (stats == NULL)
		stats = &local;
	memset(stats, 0, sizeof *stats);
	if (a == NULL || b == NULL) {
		err = nerr_raise(NERR_NOMEM, "diff");
		goto done;
	}
	/* Longest common subsequence of whole blocks; a section has tens of
	 * blocks, so the table stays small. Past the limit, all changed. */
	if (n <= DIFF_MAX_BLOCKS && m <= DIFF_MAX_BLOCKS) {
		lcs = calloc((n + 1) * (m + 1), sizeof *lcs);
		if (lcs == NULL) {
			err = nerr_raise(NERR_NOMEM, "diff");
			goto done;
		}
		for (i = n; i-- > 0;)
			for (j = m; j-- > 0;)
				lcs[i * (m + 1) + j] = same_block(&a[i], &b[j])
							       ? lcs[(i + 1) * (m + 1) + j + 1] + 1
							       : (lcs[(i + 1) * (m + 1) + j] > lcs[i * (m + 1) + j + 1]
									  ? lcs[(i + 1) * (m + 1) + j]
									  : lcs[i * (m + 1) + j + 1]);
	}
	i = j = 0;
	while (err == STATUS_OK && (i < n || j < m)) {
		size_t i0 = i, j0 = j;

		if (lcs != NULL && i < n && j < m && same_block(&a[i], &b[j])) {
			err = emit_block(out, &b[j], OP_KEEP, stats);
			i++;
			j++;
			continue;
		}
		/* Walk to the next kept pair, collecting what changed. */
		if (lcs == NULL) {
			i = n;
			j = m;
		}
		while ((i < n || j < m) && !(i < n && j < m && same_block(&a[i], &b[j]))) {
			if (i < n && (j >= m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]))
				i++;
			else
				j++;
		}
		err = emit_run(out, a + i0, i - i0, b + j0, j - j0, stats);
	}
done:
	free(lcs);
	free(a);
	free(b);
	return nerr_pass(err);
}
