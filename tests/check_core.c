/* Unit tests of the request layer: route matching, input validation,
 * error kinds and their HTTP status. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/errors.h"
#include "core/html.h"
#include "core/isotime.h"
#include "web/request.h"
#include "web/router.h"
#include "core/utf8.h"

static const struct {
	const char *pattern, *path;
	int match;
	const char *arg0, *arg1;
} route_cases[] = {
	{ "/", "/", 1, NULL, NULL },
	{ "/", "/x", 0, NULL, NULL },
	{ "/handbook", "/handbook", 1, NULL, NULL },
	{ "/handbook", "/handbooks", 0, NULL, NULL },
	{ "/handbook", "/hand", 0, NULL, NULL },
	{ "/handbook/*", "/handbook/sick-leave", 1, "sick-leave", NULL },
	{ "/handbook/*", "/handbook", 0, NULL, NULL },
	{ "/handbook/*", "/handbook/", 0, NULL, NULL },
	{ "/handbook/*", "/handbook/a/b", 0, NULL, NULL },
	{ "/handbook/*/print", "/handbook/sick-leave/print", 1, "sick-leave", NULL },
	{ "/handbook/*/print", "/handbook/sick-leave/printx", 0, NULL, NULL },
	{ "/handbook/*/history/*", "/handbook/a/history/3", 1, "a", "3" },
	{ "/handbook/*", "//handbook", 0, NULL, NULL },
	{ "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q", "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q", 0, NULL, NULL },
};

START_TEST(test_router_match)
{
	for (size_t i = 0; i < sizeof route_cases / sizeof route_cases[0]; i++) {
		char path[256];
		const char *args[REQUEST_MAX_ARGS] = { 0 };
		int m;

		strcpy(path, route_cases[i].path);
		m = router_match(route_cases[i].pattern, path, args, REQUEST_MAX_ARGS);
		ck_assert_msg(m == route_cases[i].match, "%s vs %s", route_cases[i].pattern, route_cases[i].path);
		if (m && route_cases[i].arg0)
			ck_assert_str_eq(args[0], route_cases[i].arg0);
		if (m && route_cases[i].arg1)
			ck_assert_str_eq(args[1], route_cases[i].arg1);
	}
}
END_TEST

static const struct {
	const char *s;
	int multiline, ok;
} utf8_cases[] = {
	{ "plain", 0, 1 },
	{ "caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x98\x80", 0, 1 },
	{ "line\nbreak", 0, 0 },
	{ "line\r\nbreak\ttab", 1, 1 },
	{ "\xff", 0, 0 },
	{ "\xc3", 0, 0 },             /* truncated */
	{ "\xc0\xaf", 0, 0 },         /* overlong '/' */
	{ "\xe0\x80\xaf", 0, 0 },     /* overlong */
	{ "\xed\xa0\x80", 0, 0 },     /* surrogate */
	{ "\xf4\x90\x80\x80", 0, 0 }, /* past U+10FFFF */
	{ "\xc2\x85", 0, 0 },         /* C1 control */
	{ "bell\x07", 1, 0 },
	{ "del\x7f", 1, 0 },
};

START_TEST(test_clean_utf8)
{
	for (size_t i = 0; i < sizeof utf8_cases / sizeof utf8_cases[0]; i++)
		ck_assert_msg(utf8_is_clean(utf8_cases[i].s, strlen(utf8_cases[i].s), utf8_cases[i].multiline) ==
				      utf8_cases[i].ok,
			      "case %zu", i);
}
END_TEST

START_TEST(test_iso_time)
{
	char out[ISO_TIME_SIZE];

	iso_time_format(1799157600, out); /* 2027-01-05 14:00 UTC */
	ck_assert_str_eq(out, "2027-01-05T14:00:00Z");
	ck_assert_int_eq(iso_time_parse("2027-01-05T14:00:00Z"), 1799157600);
	iso_time_format(0, out);
	ck_assert_str_eq(out, "1970-01-01T00:00:00Z");
	ck_assert_int_eq(iso_time_parse(out), 0);
	/* Only exactly that form. */
	ck_assert_int_eq(iso_time_parse(NULL), -1);
	ck_assert_int_eq(iso_time_parse(""), -1);
	ck_assert_int_eq(iso_time_parse("2027-01-05T14:00:00"), -1);
	ck_assert_int_eq(iso_time_parse("2027-01-05T14:00:00Z "), -1);
	ck_assert_int_eq(iso_time_parse("2027-01-05 14:00:00Z"), -1);
	ck_assert_int_eq(iso_time_parse("2027-13-05T14:00:00Z"), -1);
	ck_assert_int_eq(iso_time_parse("2027-01-05T14:00:0xZ"), -1);
}
END_TEST

START_TEST(test_html_escape)
{
	STRING out;

	string_init(&out);
	ck_assert_ptr_eq(html_escape_append(&out, "<a href=\"x\">Tom & Jerry's</a>", 29), STATUS_OK);
	ck_assert_str_eq(out.buf, "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
	/* Only len bytes, and a run with nothing to escape is copied whole. */
	string_clear(&out);
	ck_assert_ptr_eq(html_escape_append(&out, "plain<rest", 5), STATUS_OK);
	ck_assert_str_eq(out.buf, "plain");
	string_clear(&out);
}
END_TEST

START_TEST(test_utf8_sanitize)
{
	/* Overlong "/", a lone continuation byte, a surrogate, a truncated
	 * sequence at the end; a tab and DEL; good text kept byte for byte. */
	char s[] = "a\xc0\xaf b\x80 \xed\xa0\x80 \tx\x7f \xc3\xa9t\xc3\xa9 \xe2\x82";
	uint32_t cp;

	utf8_sanitize(s);
	ck_assert_str_eq(s, "a?? b? ???  x  \xc3\xa9t\xc3\xa9 ??");
	ck_assert_int_eq(utf8_decode((const unsigned char *)"\xe2\x82\xac", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x20ac);
	ck_assert_int_eq(utf8_decode((const unsigned char *)"\xe2\x82\xac", 2, &cp), 0);
	ck_assert_int_eq(utf8_valid("caf\xc3\xa9"), 1);
	ck_assert_int_eq(utf8_valid("caf\xc3"), 0);
	ck_assert_uint_eq(utf8_chars("caf\xc3\xa9 \xe2\x82\xac"), 6);
}
END_TEST

/* The one growable buffer: appends, NUL termination, reset, and a failed
 * append that makes every later one do nothing. */
START_TEST(test_buf)
{
	struct buf b = { 0 };

	ck_assert_int_eq(buf_puts(&b, "Sick"), 0);
	ck_assert_int_eq(buf_putc(&b, ' '), 0);
	ck_assert_int_eq(buf_append(&b, "leave!", 5), 0);
	ck_assert_str_eq(b.data, "Sick leave");
	ck_assert_uint_eq(b.len, 10);
	for (int i = 0; i < 1000; i++)
		ck_assert_int_eq(buf_puts(&b, "x"), 0);
	ck_assert_uint_eq(b.len, 1010);
	ck_assert_uint_eq(strlen(b.data), 1010);
	buf_reset(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.data, "");
	ck_assert_int_eq(buf_puts(&b, "kept"), 0);
	/* A size that cannot be held fails, and the failure sticks. */
	ck_assert_int_eq(buf_append(&b, "", SIZE_MAX - 1), -1);
	ck_assert(b.failed);
	ck_assert_int_eq(buf_puts(&b, "lost"), -1);
	ck_assert_str_eq(b.data, "kept");
	buf_free(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
}
END_TEST

START_TEST(test_error_status)
{
	NEOERR *err;

	ck_assert_ptr_eq(errors_init(), STATUS_OK);
	err = nerr_pass(nerr_raise(HR_ERR_NOT_FOUND, "There is no page here."));
	ck_assert_int_eq(errors_http_status(err), 404);
	ck_assert_str_eq(errors_public_message(err), "There is no page here.");
	nerr_ignore(&err);
	err = nerr_raise(NERR_DB, "secret detail");
	ck_assert_int_eq(errors_http_status(err), 500);
	ck_assert_ptr_null(errors_public_message(err));
	nerr_ignore(&err);
	err = nerr_raise(HR_ERR_UNAVAILABLE, "busy");
	ck_assert_int_eq(errors_http_status(err), 503);
	nerr_ignore(&err);
	ck_assert_int_eq(errors_http_status(STATUS_OK), 200);
	ck_assert_str_eq(errors_reason_phrase(413), "Payload Too Large");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("core");
	TCase *tc = tcase_create("request");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_router_match);
	tcase_add_test(tc, test_clean_utf8);
	tcase_add_test(tc, test_error_status);
	tcase_add_test(tc, test_buf);
	tcase_add_test(tc, test_iso_time);
	tcase_add_test(tc, test_html_escape);
	tcase_add_test(tc, test_utf8_sanitize);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
