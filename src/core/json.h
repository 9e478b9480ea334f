/* json.h: a tiny streaming JSON writer into a growable buffer.
 *
 * What it offers:
 *   - objects, arrays, keys, strings, numbers, booleans and null;
 *   - commas and nesting handled by the writer, so callers cannot emit
 *     malformed JSON (misuse sets the error flag instead);
 *   - strings escaped fully: quote, backslash, every control character,
 *     U+2028 and U+2029 (which break JavaScript embedding), and invalid
 *     UTF-8 replaced by U+FFFD so the output is always valid UTF-8;
 *   - numbers printed in the shortest form that reads back exactly, with
 *     '.' as decimal point whatever the locale; NaN and infinities as null.
 *
 * Errors are sticky: after an allocation failure or misuse every call is
 * a no-op and json_finish() returns -1. Typical use:
 *
 *   json_writer w;
 *   json_init(&w);
 *   json_object_begin(&w);
 *   json_key(&w, "eligible"); json_bool(&w, 1);
 *   json_object_end(&w);
 *   if (json_finish(&w) == 0) send(json_data(&w), json_len(&w));
 *   json_free(&w);
 */
#ifndef HR_JSON_H
#define HR_JSON_H

#include <stdint.h>
#include <stdbool.h>

#include "core/buf.h"
#include <stddef.h>

/* Deep enough for any document the portal emits. */
#define JSON_MAX_DEPTH 32

typedef struct json_writer {
	struct buf buf;
	unsigned depth;
	/* Per level: 'o' object, 'a' array. */
	char kind[JSON_MAX_DEPTH];
	/* Per level: how many members or elements were written so far. */
	unsigned count[JSON_MAX_DEPTH];
	bool have_key; /* a key was written, its value is due */
	bool done;     /* the top-level value is complete */
	bool error;    /* misuse or allocation failure */
} json_writer;

void json_init(json_writer *w);
void json_free(json_writer *w);

void json_object_begin(json_writer *w);
void json_object_end(json_writer *w);
void json_array_begin(json_writer *w);
void json_array_end(json_writer *w);

/* Inside an object, a key must precede every value. */
void json_key(json_writer *w, const char *key);

/* A NULL string is written as null. */
void json_string(json_writer *w, const char *s);
void json_string_n(json_writer *w, const char *s, size_t n);
void json_number(json_writer *w, double v);
void json_int(json_writer *w, int64_t v);
void json_bool(json_writer *w, bool v);
void json_null(json_writer *w);

/* 0 if exactly one complete value was written without error, else -1. */
int json_finish(const json_writer *w);
/* The text so far (never NULL) and its length in bytes. */
const char *json_data(const json_writer *w);
size_t json_len(const json_writer *w);

/* Escape s as the body of a JSON string (no surrounding quotes) onto b. */
int json_escape_append(struct buf *b, const char *s, size_t n);
/* Shortest round-trip text of a finite v into out (at least 32 bytes).
 * Returns the length, or -1 for NaN/infinity. */
int json_format_number(double v, char *out, size_t outlen);

#endif
