/*
 * Unit tests for src/mail/mail.c: message composition (golden output, CRLF,
 * folding, encoded words, quoted-printable round trip) and refusal of
 * header injection / bad addresses. The SMTP conversation itself is covered
 * by tests/test_mail_smtp.py against a real relay; here only the paths that
 * need no server (refused before connecting, connection refused).
 */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <curl/curl.h>

#include "mail/mail.h"

/* FNV-1a of "42.1700000000@hrportal.ky.gov": the multipart boundary of
 * base_message(), pinned so a change of boundary scheme is noticed. */
#define BOUNDARY_42 "36ae3fb3941c61cd"

/* ---------------------------------------------------------------------- */
/* helpers */

static const struct mail_address base_to[] = { { "Dana Smith", "dana.smith@ky.gov" } };

static struct mail_message base_message(void)
{
	return (struct mail_message){
		.from = { "HR Portal", "hrportal@ky.gov" },
		.to = base_to,
		.n_to = 1,
		.subject = "Leave request #42 needs your review",
		.text = "Hello Dana,\n\nPlease review.\n",
		.message_id = "<42.1700000000@hrportal.ky.gov>",
		.date = 1700000000, /* Tue, 14 Nov 2023 22:13:20 UTC */
	};
}

static char *err_text(NEOERR *err)
{
	STRING s;
	string_init(&s);
	nerr_error_string(err, &s);
	char *r = strdup(s.buf ? s.buf : "");
	string_clear(&s);
	return r;
}

static char *compose_ok(const struct mail_message *m, size_t *len_out)
{
	char *out = NULL;
	size_t len = 0;
	NEOERR *err = mail_compose(m, &out, &len);
	if (err != STATUS_OK) {
		char *t = err_text(err);
		nerr_ignore(&err);
		ck_abort_msg("mail_compose failed: %s", t);
	}
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(strlen(out), len);
	if (len_out)
		*len_out = len;
	return out;
}

/* Asserts composition is refused and the reason mentions `needle`. */
static void compose_refused(const struct mail_message *m, const char *needle)
{
	char *out = (char *)0x1;
	size_t len = 99;
	NEOERR *err = mail_compose(m, &out, &len);
	ck_assert_msg(err != STATUS_OK, "composition should have been refused (%s)", needle);
	char *t = err_text(err);
	nerr_ignore(&err);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(len, 0);
	ck_assert_msg(strstr(t, needle) != NULL, "error '%s' does not mention '%s'", t, needle);
	free(t);
}

/* Every CR is followed by LF, every LF preceded by CR; returns the longest
 * line length (without CRLF). */
static size_t check_crlf(const char *s, size_t n)
{
	size_t col = 0, max = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r') {
			ck_assert_msg(i + 1 < n && s[i + 1] == '\n', "bare CR at offset %zu", i);
			i++;
			col = 0;
		} else {
			ck_assert_msg(s[i] != '\n', "bare LF at offset %zu", i);
			if (++col > max)
				max = col;
		}
	}
	ck_assert_msg(n >= 2 && s[n - 2] == '\r' && s[n - 1] == '\n', "does not end in CRLF");
	return max;
}

/* Longest line of the header block (up to the first empty line). */
static size_t header_max_line(const char *s)
{
	const char *end = strstr(s, "\r\n\r\n");
	ck_assert_ptr_nonnull(end);
	size_t max = 0;
	for (const char *p = s; p < end;) {
		const char *e = strstr(p, "\r\n");
		if ((size_t)(e - p) > max)
			max = (size_t)(e - p);
		p = e + 2;
	}
	return max;
}

/* The (unfolded) value of header `name`, malloc'd, or NULL. */
static char *header_value(const char *msg, const char *name)
{
	const char *end = strstr(msg, "\r\n\r\n");
	size_t nl = strlen(name);
	const char *p = msg;
	while (p && p < end) {
		if (strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;
			char *r = malloc(strlen(v) + 1);
			size_t k = 0;
			for (;;) {
				const char *e = strstr(v, "\r\n");
				memcpy(r + k, v, (size_t)(e - v));
				k += (size_t)(e - v);
				if (e[2] == ' ' || e[2] == '\t') {
					v = e + 2; /* unfold: drop the CRLF, keep the WSP */
					continue;
				}
				break;
			}
			r[k] = '\0';
			return r;
		}
		p = strstr(p, "\r\n");
		if (p)
			p += 2;
	}
	return NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Strict quoted-printable decoder (upper-case hex only, as we emit). */
static char *qp_decode(const char *s, size_t n)
{
	char *r = malloc(n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '=') {
			if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n') {
				i += 2;
				continue;
			}
			ck_assert_msg(i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0,
				      "bad QP escape at %zu", i);
			r[k++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			r[k++] = s[i];
		}
	}
	r[k] = '\0';
	return r;
}

static int b64val(char c)
{
	const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(t, c) : NULL;
	return p ? (int)(p - t) : -1;
}

/* Decode a header value made only of RFC 2047 B words separated by
 * white space (which decoders drop between adjacent encoded words). */
static char *ew_decode(const char *v)
{
	char *r = malloc(strlen(v) + 1);
	size_t k = 0;
	const char *p = v;
	while (*p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		ck_assert_msg(strncmp(p, "=?UTF-8?B?", 10) == 0, "not an encoded word: %s", p);
		p += 10;
		const char *e = strstr(p, "?=");
		ck_assert_ptr_nonnull(e);
		ck_assert_msg(e - p + 12 <= 75, "encoded word longer than 75");
		/* each word must decode on its own to whole UTF-8 characters */
		size_t start = k;
		unsigned acc = 0;
		int bits = 0;
		for (; p < e; p++) {
			if (*p == '=')
				continue;
			int v6 = b64val(*p);
			ck_assert_int_ge(v6, 0);
			acc = (acc << 6) | (unsigned)v6;
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				r[k++] = (char)((acc >> bits) & 0xFF);
			}
		}
		ck_assert_msg(k == start || ((unsigned char)r[start] & 0xC0) != 0x80,
			      "encoded word starts mid-character");
		p = e + 2;
	}
	r[k] = '\0';
	return r;
}

/* Body of a single-part message (after the blank line). */
static const char *body_of(const char *msg)
{
	const char *b = strstr(msg, "\r\n\r\n");
	ck_assert_ptr_nonnull(b);
	return b + 4;
}

/* Decoded content of MIME part `index` (0-based) of a multipart message. */
static char *part_decoded(const char *msg, const char *boundary, int index)
{
	char delim[128];
	snprintf(delim, sizeof delim, "\r\n--%s", boundary);
	const char *p = msg;
	for (int i = 0; i <= index; i++) {
		p = strstr(p, delim);
		ck_assert_ptr_nonnull(p);
		p += strlen(delim);
	}
	const char *body = strstr(p, "\r\n\r\n");
	ck_assert_ptr_nonnull(body);
	body += 4;
	const char *end = strstr(body, delim);
	ck_assert_ptr_nonnull(end);
	return qp_decode(body, (size_t)(end - body));
}

/* CRLF-normalise expected text the way the encoder does. */
static char *to_crlf(const char *s)
{
	char *r = malloc(strlen(s) * 2 + 1);
	size_t k = 0;
	for (; *s; s++) {
		if (*s == '\r' || *s == '\n') {
			r[k++] = '\r';
			r[k++] = '\n';
			if (*s == '\r' && s[1] == '\n')
				s++;
		} else {
			r[k++] = *s;
		}
	}
	r[k] = '\0';
	return r;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* ---------------------------------------------------------------------- */
/* composition */

START_TEST(test_golden_text_only)
{
	struct mail_message m = base_message();
	size_t len;
	char *out = compose_ok(&m, &len);
	static const char expected[] = "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"
				       "From: \"HR Portal\" <hrportal@ky.gov>\r\n"
				       "To: \"Dana Smith\" <dana.smith@ky.gov>\r\n"
				       "Subject: Leave request #42 needs your review\r\n"
				       "Message-ID: <42.1700000000@hrportal.ky.gov>\r\n"
				       "MIME-Version: 1.0\r\n"
				       "Content-Type: text/plain; charset=UTF-8\r\n"
				       "Content-Transfer-Encoding: quoted-printable\r\n"
				       "\r\n"
				       "Hello Dana,\r\n"
				       "\r\n"
				       "Please review.\r\n";
	ck_assert_str_eq(out, expected);
	ck_assert_uint_eq(len, sizeof expected - 1);
	free(out);
}
END_TEST

START_TEST(test_golden_multipart)
{
	struct mail_message m = base_message();
	m.html = "<p>Please <b>review</b>.</p>\n";
	char *out = compose_ok(&m, NULL);
	static const char expected[] = "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"
				       "From: \"HR Portal\" <hrportal@ky.gov>\r\n"
				       "To: \"Dana Smith\" <dana.smith@ky.gov>\r\n"
				       "Subject: Leave request #42 needs your review\r\n"
				       "Message-ID: <42.1700000000@hrportal.ky.gov>\r\n"
				       "MIME-Version: 1.0\r\n"
				       "Content-Type: multipart/alternative;\r\n"
				       " boundary=\"=_hrp_" BOUNDARY_42 "\"\r\n"
				       "\r\n"
				       "This is a multi-part message in MIME format.\r\n"
				       "\r\n"
				       "--=_hrp_" BOUNDARY_42 "\r\n"
				       "Content-Type: text/plain; charset=UTF-8\r\n"
				       "Content-Transfer-Encoding: quoted-printable\r\n"
				       "\r\n"
				       "Hello Dana,\r\n"
				       "\r\n"
				       "Please review.\r\n"
				       "\r\n"
				       "--=_hrp_" BOUNDARY_42 "\r\n"
				       "Content-Type: text/html; charset=UTF-8\r\n"
				       "Content-Transfer-Encoding: quoted-printable\r\n"
				       "\r\n"
				       "<p>Please <b>review</b>.</p>\r\n"
				       "\r\n"
				       "--=_hrp_" BOUNDARY_42 "--\r\n";
	ck_assert_str_eq(out, expected);
	free(out);
}
END_TEST

START_TEST(test_deterministic)
{
	/* the outbox may recompose on retry: same input, same bytes */
	struct mail_message m = base_message();
	m.html = "<p>x</p>";
	m.subject = "Überprüfung nötig";
	char *a = compose_ok(&m, NULL);
	char *b = compose_ok(&m, NULL);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
}
END_TEST

START_TEST(test_message_id_and_date_exact)
{
	struct mail_message m = base_message();
	m.message_id = "abc.123@hrportal.ky.gov"; /* brackets optional */
	m.date = 951782400;                       /* leap day 2000 */
	char *out = compose_ok(&m, NULL);
	ck_assert_ptr_nonnull(strstr(out, "\r\nMessage-ID: <abc.123@hrportal.ky.gov>\r\n"));
	ck_assert_msg(strncmp(out, "Date: Tue, 29 Feb 2000 00:00:00 +0000\r\n", 39) == 0, "Date wrong: %.40s", out);
	ck_assert_uint_eq(count(out, "Message-ID:"), 1);
	ck_assert_uint_eq(count(out, "Date:"), 1);
	free(out);
}
END_TEST

START_TEST(test_crlf_only_for_mixed_input)
{
	struct mail_message m = base_message();
	m.text = "unix\nmac\rdos\r\nmixed\n\r\n\rend";
	m.html = "<p>a</p>\n<p>b</p>\r<p>c</p>";
	size_t len;
	char *out = compose_ok(&m, &len);
	check_crlf(out, len);
	char *t = part_decoded(out, "=_hrp_" BOUNDARY_42, 0);
	ck_assert_str_eq(t, "unix\r\nmac\r\ndos\r\nmixed\r\n\r\n\r\nend");
	free(t);
	t = part_decoded(out, "=_hrp_" BOUNDARY_42, 1);
	ck_assert_str_eq(t, "<p>a</p>\r\n<p>b</p>\r\n<p>c</p>");
	free(t);
	free(out);
}
END_TEST

START_TEST(test_qp_round_trip)
{
	static const char text[] = "Plain line\n"
				   "Equals = sign and =3D literal\n"
				   "Trailing spaces   \n"
				   "Trailing tab\t\n"
				   "\tLeading tab\n"
				   "Unicode: café, Ñandú, 漢字, emoji 🎉\n"
				   "From the desk of HR\n"
				   "Control \x01 char\n"
				   "no final newline";
	struct mail_message m = base_message();
	m.text = text;
	size_t len;
	char *out = compose_ok(&m, &len);
	ck_assert_uint_le(check_crlf(out, len), 76);
	const char *body = body_of(out);
	/* no trailing white space may survive on an encoded line */
	ck_assert_ptr_null(strstr(body, " \r\n"));
	ck_assert_ptr_null(strstr(body, "\t\r\n"));
	ck_assert_ptr_null(strstr(body, "\r\nFrom "));
	char *dec = qp_decode(body, strlen(body));
	char *want = to_crlf(text);
	/* a message must end in CRLF, so one is added after "no final newline" */
	size_t wl = strlen(want);
	ck_assert_uint_eq(strlen(dec), wl + 2);
	ck_assert_int_eq(memcmp(dec, want, wl), 0);
	ck_assert_str_eq(dec + wl, "\r\n");
	free(dec);
	free(want);
	free(out);
}
END_TEST

START_TEST(test_long_body_line)
{
	/* a 2000-character line must be soft-broken, never sent as one line */
	char *line = malloc(2001);
	for (int i = 0; i < 2000; i++)
		line[i] = (char)('a' + i % 26);
	line[2000] = '\0';
	line[1000] = '.';
	line[1500] = '=';
	struct mail_message m = base_message();
	m.text = line;
	m.html = line;
	size_t len;
	char *out = compose_ok(&m, &len);
	ck_assert_uint_le(check_crlf(out, len), 998);
	const char *b = strstr(out, "boundary=\"") + 10;
	char boundary[64];
	size_t bl = (size_t)(strchr(b, '"') - b);
	memcpy(boundary, b, bl);
	boundary[bl] = '\0';
	const char *text_part = strstr(out, "quoted-printable\r\n\r\n") + 20;
	for (const char *p = text_part; *p && strncmp(p, "\r\n--", 4) != 0;) {
		const char *e = strstr(p, "\r\n");
		ck_assert_uint_le((size_t)(e - p), 76);
		p = e + 2;
	}
	for (int part = 0; part < 2; part++) {
		char *dec = part_decoded(out, boundary, part);
		ck_assert_str_eq(dec, line);
		free(dec);
	}
	free(out);
	free(line);
}
END_TEST

START_TEST(test_leading_dots_survive)
{
	static const char text[] = ".\n..\n.hidden\nline\n.";
	struct mail_message m = base_message();
	m.text = text;
	size_t len;
	char *out = compose_ok(&m, &len);
	check_crlf(out, len);
	/* no line of the message starts with "." (so nothing depends on SMTP
     * dot-stuffing, and a lone "." cannot end DATA early) */
	ck_assert_msg(out[0] != '.', "starts with a dot");
	ck_assert_ptr_null(strstr(out, "\r\n."));
	const char *body = body_of(out);
	char *dec = qp_decode(body, strlen(body));
	ck_assert_str_eq(dec, ".\r\n..\r\n.hidden\r\nline\r\n.\r\n");
	free(dec);

	/* a '.' landing at the start of a soft-broken line is escaped too */
	char longdots[300];
	memset(longdots, '.', sizeof longdots - 1);
	longdots[sizeof longdots - 1] = '\0';
	m.text = longdots;
	out = (free(out), compose_ok(&m, &len));
	ck_assert_ptr_null(strstr(out, "\r\n."));
	body = body_of(out);
	dec = qp_decode(body, strlen(body));
	ck_assert_uint_eq(strlen(dec), sizeof longdots - 1 + 2);
	ck_assert_int_eq(strncmp(dec, longdots, sizeof longdots - 1), 0);
	free(dec);
	free(out);
}
END_TEST

START_TEST(test_subject_folding)
{
	static const char subject[] = "Leave request from Jonathan Q. Public for the period of Monday December 1 "
				      "through Friday December 12 awaiting supervisor approval before payroll cutoff";
	struct mail_message m = base_message();
	m.subject = subject;
	char *out = compose_ok(&m, NULL);
	ck_assert_uint_le(header_max_line(out), 78);
	ck_assert_ptr_nonnull(strstr(out, "\r\nSubject: Leave request from"));
	/* folded: more than one physical line; unfolding restores the text */
	ck_assert_ptr_null(strstr(out, subject));
	char *v = header_value(out, "Subject");
	ck_assert_int_eq(v[0], ' ');
	ck_assert_str_eq(v + 1, subject); /* skip the space after the colon */
	free(v);
	free(out);
}
END_TEST

START_TEST(test_subject_encoded_word)
{
	static const char subject[] = "Solicitud de permiso de José Álvarez — revisión pendiente ✓ "
				      "(Überstunden, naïve façade, 日本語のテキスト)";
	struct mail_message m = base_message();
	m.subject = subject;
	char *out = compose_ok(&m, NULL);
	ck_assert_uint_le(header_max_line(out), 78);
	char *v = header_value(out, "Subject");
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		ck_assert_msg(*p < 0x80, "raw 8-bit in Subject");
	char *dec = ew_decode(v);
	ck_assert_str_eq(dec, subject);
	free(dec);
	free(v);
	free(out);
}
END_TEST

START_TEST(test_subject_needing_encoding_when_ascii)
{
	struct mail_message m = base_message();
	/* looks like an encoded word: must not be sent raw */
	m.subject = "Price =?UTF-8?B?Zm9v?= test";
	char *out = compose_ok(&m, NULL);
	char *v = header_value(out, "Subject");
	char *dec = ew_decode(v);
	ck_assert_str_eq(dec, m.subject);
	free(dec);
	free(v);
	free(out);

	/* a 2000-character word cannot be folded at white space */
	char *word = malloc(2001);
	memset(word, 'w', 2000);
	word[2000] = '\0';
	m.subject = word;
	size_t len;
	out = compose_ok(&m, &len);
	check_crlf(out, len);
	ck_assert_uint_le(header_max_line(out), 78);
	v = header_value(out, "Subject");
	dec = ew_decode(v);
	ck_assert_str_eq(dec, word);
	free(dec);
	free(v);
	free(out);
	free(word);
}
END_TEST

START_TEST(test_empty_subject)
{
	struct mail_message m = base_message();
	m.subject = "";
	char *out = compose_ok(&m, NULL);
	ck_assert_ptr_nonnull(strstr(out, "\r\nSubject: \r\n"));
	free(out);
}
END_TEST

START_TEST(test_display_names)
{
	static const struct mail_address to[] = {
		{ "Smith, \"Dana\" \\ HR", "dana@ky.gov" },
		{ "Zoë Ångström", "zoe@ky.gov" },
		{ NULL, "plain@ky.gov" },
		{ "   ", "blank@ky.gov" },
		{ "A Rather Long Display Name For Someone In The Department Of Revenue", "long.name@revenue.ky.gov" },
	};
	struct mail_message m = base_message();
	m.to = to;
	m.n_to = sizeof to / sizeof to[0];
	m.from.name = "Recursos Humanos – Kentucky";
	char *out = compose_ok(&m, NULL);
	ck_assert_uint_le(header_max_line(out), 78);
	char *v = header_value(out, "To");
	ck_assert_ptr_nonnull(strstr(v, " \"Smith, \\\"Dana\\\" \\\\ HR\" <dana@ky.gov>,"));
	ck_assert_ptr_nonnull(strstr(v, "?= <zoe@ky.gov>,"));
	ck_assert_ptr_nonnull(strstr(v, ", plain@ky.gov,"));
	ck_assert_ptr_nonnull(strstr(v, ", blank@ky.gov,"));
	ck_assert_ptr_nonnull(strstr(v, "<long.name@revenue.ky.gov>"));
	/* the non-ASCII name decodes back */
	const char *z = strstr(v, "=?UTF-8?B?");
	char word[128];
	size_t wl = (size_t)(strstr(z, "?=") + 2 - z);
	memcpy(word, z, wl);
	word[wl] = '\0';
	char *dec = ew_decode(word);
	ck_assert_str_eq(dec, "Zoë Ångström");
	free(dec);
	free(v);
	v = header_value(out, "From");
	ck_assert_ptr_nonnull(strstr(v, "?= <hrportal@ky.gov>"));
	ck_assert_uint_eq(count(v, "@"), 1);
	free(v);
	free(out);
}
END_TEST

START_TEST(test_extra_headers)
{
	char longval[600];
	memset(longval, 0, sizeof longval);
	for (size_t i = 0; i + 6 < sizeof longval - 1; i += 6)
		memcpy(longval + i, "token ", 6);
	const struct mail_header h[] = {
		{ "X-HR-Request-ID", "42" },
		{ "Auto-Submitted", "auto-generated" },
		{ "X-Long", longval },
	};
	struct mail_message m = base_message();
	m.headers = h;
	m.n_headers = 3;
	size_t len;
	char *out = compose_ok(&m, &len);
	check_crlf(out, len);
	ck_assert_ptr_nonnull(strstr(out, "\r\nX-HR-Request-ID: 42\r\n"));
	ck_assert_ptr_nonnull(strstr(out, "\r\nAuto-Submitted: auto-generated\r\n"));
	ck_assert_uint_le(header_max_line(out), 78);
	char *v = header_value(out, "X-Long");
	ck_assert_str_eq(v + 1, longval);
	free(v);
	free(out);

	/* a header that cannot be folded to 998 octets is refused */
	char *unfoldable = malloc(1200);
	memset(unfoldable, 'x', 1199);
	unfoldable[1199] = '\0';
	const struct mail_header h2[] = { { "X-Blob", unfoldable } };
	m.headers = h2;
	m.n_headers = 1;
	compose_refused(&m, "998");
	free(unfoldable);
}
END_TEST

START_TEST(test_boundary_cannot_collide)
{
	struct mail_message m = base_message();
	m.html = "<p>x</p>";
	char *first = compose_ok(&m, NULL);
	const char *b = strstr(first, "boundary=\"") + 10;
	char boundary[80] = "--";
	memcpy(boundary + 2, b, (size_t)(strchr(b, '"') - b));
	/* put the exact boundary line into both bodies */
	char text[200];
	snprintf(text, sizeof text, "before\n%s\nafter\n%s--\n", boundary, boundary);
	m.text = text;
	m.html = text;
	char *out = compose_ok(&m, NULL);
	char line[100];
	snprintf(line, sizeof line, "\r\n%s", boundary);
	ck_assert_uint_eq(count(out, line), 3); /* two separators + the close */
	free(out);
	free(first);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* validation / injection */

START_TEST(test_injection_in_to)
{
	const struct mail_address evil[] = { { "Dana", "a@b\r\nBcc: x@y" } };
	struct mail_message m = base_message();
	m.to = evil;
	compose_refused(&m, "CR or LF");

	const struct mail_address evil_lf[] = { { "Dana", "a@b.gov\nBcc: x@y" } };
	m.to = evil_lf;
	compose_refused(&m, "CR or LF");

	const struct mail_address evil_name[] = { { "Dana\r\nBcc: x@y", "dana@ky.gov" } };
	m.to = evil_name;
	compose_refused(&m, "display name contains CR or LF");
}
END_TEST

START_TEST(test_injection_in_subject_and_headers)
{
	struct mail_message m = base_message();
	m.subject = "Hello\rBcc: x@y";
	compose_refused(&m, "Subject contains CR or LF");
	m.subject = "Hello\nBcc: x@y";
	compose_refused(&m, "Subject contains CR or LF");
	m.subject = "Hello\r\n\r\nfake body";
	compose_refused(&m, "Subject contains CR or LF");
	m.subject = "bell \a";
	compose_refused(&m, "control character");
	m.subject = "bad utf8 \xC3\x28";
	compose_refused(&m, "UTF-8");
	m.subject = "overlong \xC0\xAF";
	compose_refused(&m, "UTF-8");

	m = base_message();
	m.from.name = "HR\nBcc: x@y";
	compose_refused(&m, "From display name contains CR or LF");

	m = base_message();
	m.message_id = "<a@b>\r\nBcc: x@y";
	compose_refused(&m, "Message-ID");
	m.message_id = "<no-at-sign>";
	compose_refused(&m, "Message-ID");
	m.message_id = "<a@b@c>";
	compose_refused(&m, "Message-ID");
	m.message_id = NULL;
	compose_refused(&m, "Message-ID");

	m = base_message();
	struct mail_header h = { "X-Test", "ok\r\nBcc: x@y" };
	m.headers = &h;
	m.n_headers = 1;
	compose_refused(&m, "X-Test contains CR or LF");
	h = (struct mail_header){ "X-Test", "caf\xC3\xA9" };
	compose_refused(&m, "non-ASCII");
	h = (struct mail_header){ "Bcc", "x@y.gov" };
	compose_refused(&m, "reserved");
	h = (struct mail_header){ "content-type", "text/html" };
	compose_refused(&m, "reserved");
	h = (struct mail_header){ "X-Bad: Name", "v" };
	compose_refused(&m, "name invalid");
	h = (struct mail_header){ "X-Bad\r\nBcc", "v" };
	compose_refused(&m, "name invalid");
	h = (struct mail_header){ "", "v" };
	compose_refused(&m, "name invalid");
}
END_TEST

START_TEST(test_bad_addresses_refused)
{
	static const char *const bad[] = {
		"",
		"plain",
		"@ky.gov",
		"dana@",
		"a@b@ky.gov",
		"dana smith@ky.gov",
		"<dana@ky.gov>",
		"dana@ky.gov>",
		"dana@ky.gov,eve@evil.com",
		"dana@ky.gov;eve@x.com",
		"dana@ky.gov\r\n",
		"da\tna@ky.gov",
		"dana@ky..gov",
		".dana@ky.gov",
		"dana.@ky.gov",
		"dana@ky.gov.",
		"dana@[127.0.0.1]",
		"\"dana\"@ky.gov",
		"josé@ky.gov",
		"dana@ky_gov",
		"da(na)@ky.gov",
		"dana:@ky.gov",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(!mail_check_address(bad[i]), "accepted bad address '%s'", bad[i]);
		struct mail_address to = { NULL, bad[i] };
		struct mail_message m = base_message();
		m.to = &to;
		compose_refused(&m, "To address");
		m = base_message();
		m.from.addr = bad[i];
		compose_refused(&m, "From address");
	}
	char longlocal[80];
	memset(longlocal, 'a', 65);
	strcpy(longlocal + 65, "@ky.gov");
	ck_assert(!mail_check_address(longlocal));
	ck_assert(!mail_check_address(NULL));

	static const char *const good[] = {
		"dana@ky.gov",    "dana.smith+leave@personnel.ky.gov",
		"o'brien@ky.gov", "x_y-z@sub-domain.example.org",
		"root@localhost", "a1@b2.c3",
	};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		ck_assert_msg(mail_check_address(good[i]), "refused good address '%s'", good[i]);
}
END_TEST

START_TEST(test_missing_fields_refused)
{
	struct mail_message m = base_message();
	m.n_to = 0;
	compose_refused(&m, "no recipient");
	m = base_message();
	m.to = NULL;
	compose_refused(&m, "no recipient");
	m = base_message();
	struct mail_address many[MAIL_MAX_RECIPIENTS + 1];
	for (size_t i = 0; i < MAIL_MAX_RECIPIENTS + 1; i++)
		many[i] = (struct mail_address){ NULL, "dana@ky.gov" };
	m.to = many;
	m.n_to = MAIL_MAX_RECIPIENTS + 1;
	compose_refused(&m, "recipients");
	m.n_to = MAIL_MAX_RECIPIENTS;
	free(compose_ok(&m, NULL));
	m = base_message();
	m.subject = NULL;
	compose_refused(&m, "Subject missing");
	m = base_message();
	m.text = NULL;
	compose_refused(&m, "text body missing");
	m = base_message();
	m.text = "bad \xFF utf8";
	compose_refused(&m, "text body is not valid UTF-8");
	m = base_message();
	m.html = "<p>\xED\xA0\x80</p>"; /* UTF-16 surrogate */
	compose_refused(&m, "HTML body is not valid UTF-8");
	m = base_message();
	m.from.addr = NULL;
	compose_refused(&m, "From address missing");

	char *out;
	size_t len;
	NEOERR *err = mail_compose(NULL, &out, &len);
	ck_assert_ptr_nonnull(err);
	nerr_ignore(&err);
	err = mail_compose(&m, NULL, &len);
	ck_assert_ptr_nonnull(err);
	nerr_ignore(&err);
}
END_TEST

START_TEST(test_make_message_id)
{
	char a[MAIL_MESSAGE_ID_MAX], b[MAIL_MESSAGE_ID_MAX];
	NEOERR *err = mail_make_message_id("hrportal.ky.gov", a, sizeof a);
	ck_assert_ptr_null(err);
	err = mail_make_message_id("hrportal.ky.gov", b, sizeof b);
	ck_assert_ptr_null(err);
	ck_assert_str_ne(a, b);
	ck_assert_uint_eq(strlen(a), 1 + 32 + 1 + strlen("hrportal.ky.gov") + 1);
	ck_assert_int_eq(a[0], '<');
	ck_assert_ptr_nonnull(strstr(a, "@hrportal.ky.gov>"));
	struct mail_message m = base_message();
	m.message_id = a;
	char *out = compose_ok(&m, NULL);
	char want[MAIL_MESSAGE_ID_MAX + 20];
	snprintf(want, sizeof want, "\r\nMessage-ID: %s\r\n", a);
	ck_assert_ptr_nonnull(strstr(out, want));
	free(out);

	err = mail_make_message_id("bad domain\r\n", a, sizeof a);
	ck_assert_ptr_nonnull(err);
	nerr_ignore(&err);
	char small[10];
	err = mail_make_message_id("hrportal.ky.gov", small, sizeof small);
	ck_assert_ptr_nonnull(err);
	nerr_ignore(&err);
}
END_TEST

/* ---------------------------------------------------------------------- */
/* sending: only the paths that need no SMTP server */

/* A loopback port with nothing listening: bind to get one, then close it. */
static int closed_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_ge(fd, 0);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	socklen_t sl = sizeof sa;
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sa, &sl), 0);
	close(fd);
	return ntohs(sa.sin_port);
}

START_TEST(test_send_invalid_message_is_permanent)
{
	char url[64];
	snprintf(url, sizeof url, "smtp://127.0.0.1:%d", closed_port());
	struct mail_relay relay = { .url = url };
	const struct mail_address evil[] = { { NULL, "a@b\r\nBcc: x@y" } };
	struct mail_message m = base_message();
	m.to = evil;
	struct mail_result res;
	NEOERR *err = mail_send(&relay, &m, &res);
	ck_assert_ptr_nonnull(err);
	nerr_ignore(&err);
	/* refused before connecting: a connection attempt would be temporary */
	ck_assert_int_eq(res.outcome, MAIL_PERMANENT);
	ck_assert_int_eq(res.smtp_code, 0);
	ck_assert_int_eq(res.curl_code, 0);
	ck_assert(!res.relay_problem);
	ck_assert_ptr_nonnull(strstr(res.error, "invalid message"));
}
END_TEST

START_TEST(test_send_connection_refused_is_temporary)
{
	char url[64];
	snprintf(url, sizeof url, "smtp://127.0.0.1:%d", closed_port());
	struct mail_relay relay = { .url = url, .connect_timeout = 2, .timeout = 5 };
	struct mail_message m = base_message();
	struct mail_result res;
	NEOERR *err = mail_send(&relay, &m, &res);
	ck_assert_ptr_nonnull(err);
	nerr_ignore(&err);
	ck_assert_int_eq(res.outcome, MAIL_TEMPORARY);
	ck_assert_int_eq(res.curl_code, CURLE_COULDNT_CONNECT);
	ck_assert_int_eq(res.smtp_code, 0);
	ck_assert(res.relay_problem);
	ck_assert_str_ne(res.error, "");

	/* result may be NULL */
	err = mail_send(&relay, &m, NULL);
	ck_assert_ptr_nonnull(err);
	nerr_ignore(&err);
}
END_TEST

START_TEST(test_send_bad_relay_config_is_permanent)
{
	static const char *const urls[] = {
		"http://127.0.0.1:25", "file:///etc/passwd", "127.0.0.1:25", "smtp://relay\r\n:25", "",
	};
	struct mail_message m = base_message();
	for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
		struct mail_relay relay = { .url = urls[i] };
		struct mail_result res;
		NEOERR *err = mail_send(&relay, &m, &res);
		ck_assert_ptr_nonnull(err);
		nerr_ignore(&err);
		ck_assert_int_eq(res.outcome, MAIL_PERMANENT);
		ck_assert(res.relay_problem);
		ck_assert_int_eq(res.curl_code, 0);
	}
	struct mail_result res;
	NEOERR *err = mail_send(NULL, &m, &res);
	ck_assert_ptr_nonnull(err);
	nerr_ignore(&err);
	ck_assert_int_eq(res.outcome, MAIL_PERMANENT);
}
END_TEST

START_TEST(test_send_raw_refuses_unclean_data)
{
	struct mail_relay relay = { .url = "smtp://127.0.0.1:1" };
	const char *rcpt[] = { "dana@ky.gov" };
	const char *const bad_data[] = { "Subject: x\n\nbare LF\n", "Subject: x\r\n\r\nbare\rCR\r\n", "" };
	for (size_t i = 0; i < 3; i++) {
		struct mail_result res;
		NEOERR *err = mail_send_raw(&relay, "hr@ky.gov", rcpt, 1, bad_data[i], strlen(bad_data[i]), &res);
		ck_assert_ptr_nonnull(err);
		nerr_ignore(&err);
		ck_assert_int_eq(res.outcome, MAIL_PERMANENT);
		ck_assert_int_eq(res.curl_code, 0);
	}
	char *huge = malloc(1200);
	memset(huge, 'x', 1197);
	memcpy(huge + 1197, "\r\n", 3);
	struct mail_result res;
	NEOERR *err = mail_send_raw(&relay, "hr@ky.gov", rcpt, 1, huge, strlen(huge), &res);
	ck_assert_ptr_nonnull(err);
	nerr_ignore(&err);
	ck_assert_int_eq(res.outcome, MAIL_PERMANENT);
	free(huge);

	const char *evil_rcpt[] = { "dana@ky.gov>\r\nRCPT TO:<eve@evil.com" };
	err = mail_send_raw(&relay, "hr@ky.gov", evil_rcpt, 1, "X: y\r\n\r\nz\r\n", 11, &res);
	ck_assert_ptr_nonnull(err);
	nerr_ignore(&err);
	ck_assert_int_eq(res.outcome, MAIL_PERMANENT);
	err = mail_send_raw(&relay, "hr@ky.gov>\r\nRSET", rcpt, 1, "X: y\r\n\r\nz\r\n", 11, &res);
	ck_assert_ptr_nonnull(err);
	nerr_ignore(&err);
	ck_assert_int_eq(res.outcome, MAIL_PERMANENT);
	err = mail_send_raw(&relay, "hr@ky.gov", rcpt, 0, "X: y\r\n\r\nz\r\n", 11, &res);
	ck_assert_ptr_nonnull(err);
	nerr_ignore(&err);
	ck_assert_int_eq(res.outcome, MAIL_PERMANENT);
}
END_TEST

static Suite *mail_suite(void)
{
	Suite *s = suite_create("mail");

	TCase *tc = tcase_create("compose");
	tcase_add_test(tc, test_golden_text_only);
	tcase_add_test(tc, test_golden_multipart);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_message_id_and_date_exact);
	tcase_add_test(tc, test_crlf_only_for_mixed_input);
	tcase_add_test(tc, test_qp_round_trip);
	tcase_add_test(tc, test_long_body_line);
	tcase_add_test(tc, test_leading_dots_survive);
	tcase_add_test(tc, test_subject_folding);
	tcase_add_test(tc, test_subject_encoded_word);
	tcase_add_test(tc, test_subject_needing_encoding_when_ascii);
	tcase_add_test(tc, test_empty_subject);
	tcase_add_test(tc, test_display_names);
	tcase_add_test(tc, test_extra_headers);
	tcase_add_test(tc, test_boundary_cannot_collide);
	suite_add_tcase(s, tc);

	tc = tcase_create("validate");
	tcase_add_test(tc, test_injection_in_to);
	tcase_add_test(tc, test_injection_in_subject_and_headers);
	tcase_add_test(tc, test_bad_addresses_refused);
	tcase_add_test(tc, test_missing_fields_refused);
	tcase_add_test(tc, test_make_message_id);
	suite_add_tcase(s, tc);

	tc = tcase_create("send");
	tcase_add_test(tc, test_send_invalid_message_is_permanent);
	tcase_add_test(tc, test_send_connection_refused_is_temporary);
	tcase_add_test(tc, test_send_bad_relay_config_is_permanent);
	tcase_add_test(tc, test_send_raw_refuses_unclean_data);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	nerr_init();
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return 99;
	SRunner *sr = srunner_create(mail_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	curl_global_cleanup();
	return failed == 0 ? 0 : 1;
}
