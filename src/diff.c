#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "html.h"

struct word {
	const char *start;
	size_t len;
	int paragraph;   /* a blank line precedes it */
};

enum op_kind { OP_KEEP, OP_DEL, OP_ADD };

struct op {
	enum op_kind kind;
	const struct word *w;
};

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
		if (count == cap) {
			struct word *bigger = realloc(words, cap * 2 * sizeof *words);

			if (bigger == NULL) {
				free(words);
				return NULL;
			}
			words = bigger;
			cap *= 2;
		}
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
		long *vd = trace[d];   /* vd[k + d + 1] is V[k] before step d */
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
		if (o->kind == OP_KEEP) stats->words_kept++;
		else if (o->kind == OP_DEL) stats->words_removed++;
		else stats->words_added++;
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
