/* check_json.c: unit tests of the JSON writer (src/core/json.c). */
#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"

/* ---- String escaping: {input bytes, length, expected JSON} ------------- */

typedef struct {
	const char *in;
	size_t len;
	const char *out;
} esc_case;

#define E(s, o)                     \
	{                           \
		s, sizeof(s) - 1, o \
	}
static const esc_case esc_cases[] = {
	E("", "\"\""),
	E("plain", "\"plain\""),
	E("a\"b", "\"a\\\"b\""),
	E("back\\slash", "\"back\\\\slash\""),
	E("/", "\"/\""),
	E("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\""),
	E("\x01", "\"\\u0001\""),
	E("\x1f", "\"\\u001f\""),
	E("\x7f", "\"\\u007f\""),
	E("nul\0byte", "\"nul\\u0000byte\""),
	E("line\xe2\x80\xa8sep", "\"line\\u2028sep\""),
	E("para\xe2\x80\xa9sep", "\"para\\u2029sep\""),
	E("\xe2\x80\xa7", "\"\xe2\x80\xa7\""),                     /* U+2027 passes */
	E("caf\xc3\xa9", "\"caf\xc3\xa9\""),                       /* é */
	E("\xe2\x82\xac", "\"\xe2\x82\xac\""),                     /* € */
	E("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\""),             /* U+1F600 */
	E("\xff", "\"\\ufffd\""),                                  /* never valid */
	E("\xe2\x80", "\"\\ufffd\\ufffd\""),                       /* truncated */
	E("\xc0\xaf", "\"\\ufffd\\ufffd\""),                       /* overlong '/' */
	E("\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\""),            /* overlong 3-byte */
	E("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""),            /* surrogate D800 */
	E("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""), /* > U+10FFFF */
	E("a\x80"
	  "b",
	  "\"a\\ufffdb\""), /* stray continuation */
	E("<script>", "\"<script>\""),
};

START_TEST(test_escape)
{
	const esc_case *c = &esc_cases[_i];
	json_writer w;
	json_init(&w);
	json_string_n(&w, c->in, c->len);
	ck_assert_int_eq(json_finish(&w), 0);
	ck_assert_str_eq(json_data(&w), c->out);
	ck_assert_uint_eq(json_len(&w), strlen(c->out));
	json_free(&w);
}
END_TEST

/* ---- Numbers ------------------------------------------------------------ */

typedef struct {
	double v;
	const char *out;
} num_case;

static const num_case num_cases[] = {
	{ 0, "0" },         { -0.0, "0" },
	{ 1, "1" },         { -7, "-7" },
	{ 1250, "1250" },   { 1249.5, "1249.5" },
	{ 9.375, "9.375" }, { 277.5, "277.5" },
	{ 0.1, "0.1" },     { 1.0 / 3.0, "0.3333333333333333" },
	{ 1e21, "1e+21" },  { 123456789012.0, "123456789012" },
	{ 1e-7, "1e-07" },
};

START_TEST(test_number)
{
	json_writer w;
	json_init(&w);
	json_number(&w, num_cases[_i].v);
	ck_assert_int_eq(json_finish(&w), 0);
	ck_assert_str_eq(json_data(&w), num_cases[_i].out);
	json_free(&w);
}
END_TEST

START_TEST(test_number_nonfinite)
{
	const double bad[] = { NAN, INFINITY, -INFINITY };
	for (size_t i = 0; i < 3; i++) {
		json_writer w;
		json_init(&w);
		json_number(&w, bad[i]);
		ck_assert_str_eq(json_data(&w), "null");
		json_free(&w);
	}
}
END_TEST

START_TEST(test_number_locale)
{
	/* A comma-decimal locale must not leak into JSON. Skipped quietly when
     * no such locale is installed. */
	const char *names[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", NULL };
	const char *got = NULL;
	for (size_t i = 0; names[i] && !got; i++)
		got = setlocale(LC_NUMERIC, names[i]);
	json_writer w;
	json_init(&w);
	json_number(&w, 1249.5);
	ck_assert_str_eq(json_data(&w), "1249.5");
	json_free(&w);
	setlocale(LC_NUMERIC, "C");
}
END_TEST

START_TEST(test_int_bool_null)
{
	json_writer w;
	json_init(&w);
	json_array_begin(&w);
	json_int(&w, -9223372036854775807LL - 1);
	json_int(&w, 42);
	json_bool(&w, true);
	json_bool(&w, false);
	json_null(&w);
	json_string(&w, NULL);
	json_array_end(&w);
	ck_assert_int_eq(json_finish(&w), 0);
	ck_assert_str_eq(json_data(&w), "[-9223372036854775808,42,true,false,null,null]");
	json_free(&w);
}
END_TEST

/* ---- Structure ---------------------------------------------------------- */

START_TEST(test_nested)
{
	json_writer w;
	json_init(&w);
	json_object_begin(&w);
	json_key(&w, "a");
	json_array_begin(&w);
	json_array_end(&w);
	json_key(&w, "b");
	json_object_begin(&w);
	json_object_end(&w);
	json_key(&w, "c");
	json_array_begin(&w);
	json_object_begin(&w);
	json_key(&w, "k\"ey");
	json_int(&w, 1);
	json_object_end(&w);
	json_array_begin(&w);
	json_int(&w, 2);
	json_int(&w, 3);
	json_array_end(&w);
	json_array_end(&w);
	json_object_end(&w);
	ck_assert_int_eq(json_finish(&w), 0);
	ck_assert_str_eq(json_data(&w), "{\"a\":[],\"b\":{},\"c\":[{\"k\\\"ey\":1},[2,3]]}");
	json_free(&w);
}
END_TEST

/* Each misuse must set the sticky error. */
static void misuse_value_without_key(json_writer *w)
{
	json_object_begin(w);
	json_int(w, 1);
}
static void misuse_key_in_array(json_writer *w)
{
	json_array_begin(w);
	json_key(w, "x");
}
static void misuse_key_at_top(json_writer *w)
{
	json_key(w, "x");
}
static void misuse_wrong_close(json_writer *w)
{
	json_array_begin(w);
	json_object_end(w);
}
static void misuse_close_empty(json_writer *w)
{
	json_array_end(w);
}
static void misuse_two_values(json_writer *w)
{
	json_int(w, 1);
	json_int(w, 2);
}
static void misuse_dangling_key(json_writer *w)
{
	json_object_begin(w);
	json_key(w, "x");
	json_object_end(w);
}
static void misuse_two_keys(json_writer *w)
{
	json_object_begin(w);
	json_key(w, "x");
	json_key(w, "y");
}
static void misuse_unfinished(json_writer *w)
{
	json_object_begin(w);
}
static void misuse_nothing(json_writer *w)
{
	(void)w;
}
static void misuse_too_deep(json_writer *w)
{
	for (int i = 0; i <= JSON_MAX_DEPTH; i++)
		json_array_begin(w);
}
static void misuse_null_key(json_writer *w)
{
	json_object_begin(w);
	json_key(w, NULL);
}

static void (*const misuses[])(json_writer *) = {
	misuse_value_without_key, misuse_key_in_array, misuse_key_at_top,   misuse_wrong_close,
	misuse_close_empty,       misuse_two_values,   misuse_dangling_key, misuse_two_keys,
	misuse_unfinished,        misuse_nothing,      misuse_too_deep,     misuse_null_key,
};

START_TEST(test_misuse)
{
	json_writer w;
	json_init(&w);
	misuses[_i](&w);
	ck_assert_int_eq(json_finish(&w), -1);
	json_free(&w);
}
END_TEST

START_TEST(test_max_depth_ok)
{
	json_writer w;
	json_init(&w);
	for (int i = 0; i < JSON_MAX_DEPTH; i++)
		json_array_begin(&w);
	for (int i = 0; i < JSON_MAX_DEPTH; i++)
		json_array_end(&w);
	ck_assert_int_eq(json_finish(&w), 0);
	ck_assert_uint_eq(json_len(&w), 2 * JSON_MAX_DEPTH);
	json_free(&w);
}
END_TEST

START_TEST(test_large_string)
{
	/* Forces many buffer growths; every 7th byte needs escaping. */
	size_t n = 200000;
	char *s = malloc(n);
	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < n; i++)
		s[i] = i % 7 == 0 ? '\n' : 'x';
	json_writer w;
	json_init(&w);
	json_string_n(&w, s, n);
	ck_assert_int_eq(json_finish(&w), 0);
	size_t escapes = (n + 6) / 7;
	ck_assert_uint_eq(json_len(&w), n + escapes + 2);
	json_free(&w);
	free(s);
}
END_TEST

START_TEST(test_buf)
{
	struct buf b;
	buf_init(&b);
	ck_assert_int_eq(buf_puts(&b, "abc"), 0);
	ck_assert_int_eq(buf_append(&b, "def", 2), 0);
	ck_assert_str_eq(b.data, "abcde");
	buf_reset(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.data, "");
	ck_assert_int_eq(buf_append(&b, "", 0), 0);
	buf_free(&b);
	ck_assert_ptr_null(b.data);
}
END_TEST

/* After an allocation failure the buffer refuses more and the writer
 * reports the document as failed. */
START_TEST(test_failed_buffer_is_sticky)
{
	json_writer w;
	json_init(&w);
	json_array_begin(&w);
	w.buf.failed = true; /* as if realloc had returned NULL */
	json_int(&w, 1);
	json_array_end(&w);
	ck_assert_int_eq(json_finish(&w), -1);
	ck_assert_int_eq(buf_puts(&w.buf, "x"), -1);
	json_free(&w);
}
END_TEST

START_TEST(test_empty_writer_data)
{
	json_writer w;
	json_init(&w);
	ck_assert_str_eq(json_data(&w), "");
	ck_assert_uint_eq(json_len(&w), 0);
	json_free(&w);
}
END_TEST

static Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("writer");
	tcase_add_loop_test(tc, test_escape, 0, (int)(sizeof esc_cases / sizeof esc_cases[0]));
	tcase_add_loop_test(tc, test_number, 0, (int)(sizeof num_cases / sizeof num_cases[0]));
	tcase_add_test(tc, test_number_nonfinite);
	tcase_add_test(tc, test_number_locale);
	tcase_add_test(tc, test_int_bool_null);
	tcase_add_test(tc, test_nested);
	tcase_add_loop_test(tc, test_misuse, 0, (int)(sizeof misuses / sizeof misuses[0]));
	tcase_add_test(tc, test_max_depth_ok);
	tcase_add_test(tc, test_large_string);
	tcase_add_test(tc, test_buf);
	tcase_add_test(tc, test_empty_writer_data);
	tcase_add_test(tc, test_failed_buffer_is_sticky);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(json_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
