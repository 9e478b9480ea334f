/* json.c: streaming JSON writer (see json.h). */
#include "core/json.h"
#include "core/utf8.h"

#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int json_escape_append(struct buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0; /* run: start of bytes copied verbatim */

	while (i < n) {
		unsigned char c = s[i];
		const char *esc = NULL;
		char tmp[8];
		size_t adv = 1;

		if (c == '"') {
			esc = "\\\"";
		} else if (c == '\\') {
			esc = "\\\\";
		} else if (c < 0x20 || c == 0x7F) {
			switch (c) {
			case '\b':
				esc = "\\b";
				break;
			case '\f':
				esc = "\\f";
				break;
			case '\n':
				esc = "\\n";
				break;
			case '\r':
				esc = "\\r";
				break;
			case '\t':
				esc = "\\t";
				break;
			default:
				snprintf(tmp, sizeof tmp, "\\u%04x", c);
				esc = tmp;
			}
		} else if (c >= 0x80) {
			uint32_t cp;
			size_t len = utf8_decode(s + i, n - i, &cp);
			if (len == 0)
				esc = "\\ufffd"; /* one invalid byte at a time */
			else if (cp == 0x2028)
				esc = "\\u2028", adv = len;
			else if (cp == 0x2029)
				esc = "\\u2029", adv = len;
			else {
				i += len; /* valid: copy verbatim */
				continue;
			}
		} else {
			i++;
			continue;
		}
		if (buf_append(b, str + run, i - run) < 0 || buf_puts(b, esc) < 0)
			return -1;
		i += adv;
		run = i;
	}
	return buf_append(b, str + run, n - run);
}

int json_format_number(double v, char *out, size_t outlen)
{
	if (!isfinite(v) || outlen < 32)
		return -1;
	if (v == 0) /* also folds -0 */
		return snprintf(out, outlen, "0");
	int len = 0;
	if (fabs(v) < 9007199254740992.0 && v == floor(v)) {
		len = snprintf(out, outlen, "%.0f", v);
	} else {
		/* Fewest significant digits that read back to the same double. */
		for (int prec = 1; prec <= 17; prec++) {
			len = snprintf(out, outlen, "%.*g", prec, v);
			if (strtod(out, NULL) == v)
				break;
		}
	}
	/* printf follows LC_NUMERIC; JSON wants '.' whatever the locale. */
	for (int i = 0; i < len; i++) {
		char c = out[i];
		if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != 'e')
			out[i] = '.';
	}
	return len;
}

void json_init(json_writer *w)
{
	memset(w, 0, sizeof *w);
	buf_init(&w->buf);
}

void json_free(json_writer *w)
{
	buf_free(&w->buf);
	json_init(w);
}

/* Called before every value: checks the grammar and writes a comma. */
static bool value_start(json_writer *w)
{
	if (w->error || w->done)
		goto misuse;
	if (w->depth == 0)
		return true;
	unsigned d = w->depth - 1;
	if (w->kind[d] == 'o') {
		if (!w->have_key)
			goto misuse;
		w->have_key = false;
		return true;
	}
	if (w->count[d]++ > 0 && buf_append(&w->buf, ",", 1) < 0)
		goto misuse;
	return true;
misuse:
	w->error = true;
	return false;
}

/* Called after every complete value at the top level. */
static void value_end(json_writer *w)
{
	if (w->buf.failed)
		w->error = true;
	if (w->depth == 0)
		w->done = true;
}

static void open_container(json_writer *w, char kind)
{
	if (!value_start(w))
		return;
	if (w->depth >= JSON_MAX_DEPTH) {
		w->error = true;
		return;
	}
	w->kind[w->depth] = kind;
	w->count[w->depth] = 0;
	w->depth++;
	buf_append(&w->buf, kind == 'o' ? "{" : "[", 1);
	if (w->buf.failed)
		w->error = true;
}

static void close_container(json_writer *w, char kind)
{
	if (w->error || w->depth == 0 || w->kind[w->depth - 1] != kind || w->have_key) {
		w->error = true;
		return;
	}
	w->depth--;
	buf_append(&w->buf, kind == 'o' ? "}" : "]", 1);
	value_end(w);
}

void json_object_begin(json_writer *w)
{
	open_container(w, 'o');
}
void json_object_end(json_writer *w)
{
	close_container(w, 'o');
}
void json_array_begin(json_writer *w)
{
	open_container(w, 'a');
}
void json_array_end(json_writer *w)
{
	close_container(w, 'a');
}

void json_key(json_writer *w, const char *key)
{
	if (w->error || w->depth == 0 || w->kind[w->depth - 1] != 'o' || w->have_key || !key) {
		w->error = true;
		return;
	}
	if (w->count[w->depth - 1]++ > 0)
		buf_append(&w->buf, ",", 1);
	buf_append(&w->buf, "\"", 1);
	json_escape_append(&w->buf, key, strlen(key));
	buf_append(&w->buf, "\":", 2);
	w->have_key = true;
	if (w->buf.failed)
		w->error = true;
}

void json_string_n(json_writer *w, const char *s, size_t n)
{
	if (!s) {
		json_null(w);
		return;
	}
	if (!value_start(w))
		return;
	buf_append(&w->buf, "\"", 1);
	json_escape_append(&w->buf, s, n);
	buf_append(&w->buf, "\"", 1);
	value_end(w);
}

void json_string(json_writer *w, const char *s)
{
	json_string_n(w, s, s ? strlen(s) : 0);
}

void json_number(json_writer *w, double v)
{
	char tmp[40];
	int len = json_format_number(v, tmp, sizeof tmp);
	if (len < 0) {
		json_null(w);
		return;
	}
	if (!value_start(w))
		return;
	buf_append(&w->buf, tmp, (size_t)len);
	value_end(w);
}

void json_int(json_writer *w, int64_t v)
{
	char tmp[32];
	int len = snprintf(tmp, sizeof tmp, "%" PRId64, v);
	if (!value_start(w))
		return;
	buf_append(&w->buf, tmp, (size_t)len);
	value_end(w);
}

void json_bool(json_writer *w, bool v)
{
	if (!value_start(w))
		return;
	buf_puts(&w->buf, v ? "true" : "false");
	value_end(w);
}

void json_null(json_writer *w)
{
	if (!value_start(w))
		return;
	buf_puts(&w->buf, "null");
	value_end(w);
}

int json_finish(const json_writer *w)
{
	return (!w->error && w->done && !w->buf.failed) ? 0 : -1;
}

const char *json_data(const json_writer *w)
{
	return w->buf.data ? w->buf.data : "";
}

size_t json_len(const json_writer *w)
{
	return w->buf.len;
}
