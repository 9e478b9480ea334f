/*
 * mail: compose an RFC 5322/MIME message and submit it over SMTP (libcurl).
 * See mail.h for the contract.
 */
#include "mail/mail.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include <curl/curl.h>

#include "core/buf.h"
#include "core/utf8.h"

/* RFC 5322 2.1.1: lines SHOULD be <= 78 and MUST be <= 998 octets. */
#define LINE_SOFT 78
#define LINE_HARD 998
/* quoted-printable lines are at most 76 including the soft-break '='. */
#define QP_LINE 76
/* Bytes of text per RFC 2047 encoded word: 39 -> 52 base64 chars, so a word
 * plus its leading space is 65 columns and fits after "Subject:". */
#define EW_CHUNK 39

/* ---------------------------------------------------------------------- */
/* ---------------------------------------------------------------------- */
/* Internal error reporting: compose errors must be told apart (invalid input
 * is permanent, out of memory is temporary) before they become a NEOERR. */

enum cstatus { C_OK = 0, C_INVALID, C_NOMEM };

struct cerr {
	enum cstatus status;
	char msg[200];
};

static enum cstatus invalid(struct cerr *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static enum cstatus invalid(struct cerr *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->status = C_INVALID;
	return C_INVALID;
}

static NEOERR *cerr_to_neoerr(const struct cerr *e)
{
	if (e->status == C_NOMEM)
		return nerr_raise(NERR_NOMEM, "mail: out of memory");
	return nerr_raise(NERR_ASSERT, "mail: %s", e->msg);
}

/* ---------------------------------------------------------------------- */
/* Character checks */

static bool header_text_ok(const char *s, bool allow_utf8, const char **why)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\r' || *p == '\n') {
			*why = "contains CR or LF";
			return false;
		}
		if ((*p < 0x20 && *p != '\t') || *p == 0x7F) {
			*why = "contains a control character";
			return false;
		}
		if (*p >= 0x80 && !allow_utf8) {
			*why = "contains non-ASCII";
			return false;
		}
	}
	if (allow_utf8 && !utf8_valid(s)) {
		*why = "is not valid UTF-8";
		return false;
	}
	return true;
}

static bool is_ascii_only(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p >= 0x80)
			return false;
	return true;
}

static bool is_wsp(char c)
{
	return c == ' ' || c == '\t';
}

bool mail_check_address(const char *addr)
{
	if (!addr)
		return false;
	size_t len = strlen(addr);
	if (len < 3 || len > MAIL_ADDR_MAX)
		return false;
	const char *at = NULL;
	for (const unsigned char *p = (const unsigned char *)addr; *p; p++) {
		/* controls (CR/LF injection), space, non-ASCII (no SMTPUTF8) and the
         * characters that delimit addresses in headers or SMTP commands */
		if (*p <= 0x20 || *p >= 0x7F || strchr("<>,;:\"()[]\\", *p))
			return false;
		if (*p == '@') {
			if (at)
				return false;
			at = (const char *)p;
		}
	}
	if (!at)
		return false;
	size_t local = (size_t)(at - addr);
	const char *dom = at + 1;
	size_t dlen = strlen(dom);
	if (local == 0 || local > 64 || dlen == 0)
		return false;
	/* dot-atom: no leading, trailing or doubled dots on either side */
	if (addr[0] == '.' || at[-1] == '.' || dom[0] == '.' || dom[dlen - 1] == '.' || strstr(addr, ".."))
		return false;
	/* host names: letters, digits, '-' and '.' (no IP literals) */
	for (const char *p = dom; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		      *p == '.'))
			return false;
	}
	return true;
}

/* Message-ID without its angle brackets: "left@right", printable ASCII with
 * exactly one '@' and nothing that would end or split the header field. */
static bool msgid_core(const char *id, const char **start, size_t *len)
{
	size_t n = strlen(id);
	if (n >= 2 && id[0] == '<' && id[n - 1] == '>') {
		id++;
		n -= 2;
	}
	if (n < 3 || n > 200)
		return false;
	int ats = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)id[i];
		if (c <= 0x20 || c >= 0x7F || strchr("<>,;:\"()[]\\", c))
			return false;
		if (c == '@')
			ats++;
	}
	if (ats != 1 || id[0] == '@' || id[n - 1] == '@')
		return false;
	*start = id;
	*len = n;
	return true;
}

/* Header names the composer writes itself, or that must never be set by
 * callers (Bcc would leak recipients, Content-* would break the MIME). */
static bool header_name_reserved(const char *name)
{
	static const char *const reserved[] = {
		"Date", "From", "Sender", "To", "Cc", "Bcc", "Subject", "Message-ID", "MIME-Version", "Return-Path",
	};
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
		if (strcasecmp(name, reserved[i]) == 0)
			return true;
	return strncasecmp(name, "Content-", 8) == 0;
}

static bool header_name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 76)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

/* ---------------------------------------------------------------------- */
/* Encoders */

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64_add(struct buf *b, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		char q[4] = {
			b64chars[(v >> 18) & 63],
			b64chars[(v >> 12) & 63],
			i + 1 < n ? b64chars[(v >> 6) & 63] : '=',
			i + 2 < n ? b64chars[v & 63] : '=',
		};
		buf_append(b, q, 4);
	}
}

/*
 * Quoted-printable (RFC 2045 6.7) of UTF-8 text. Any of CRLF, LF or CR in the
 * input is a line break and becomes CRLF. Besides the mandatory escapes, a
 * "." or "From " at the start of an output line is escaped too, so the
 * encoded body never depends on SMTP dot-stuffing or mbox quoting.
 */
static void qp_add(struct buf *b, const char *text)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;
	const unsigned char *p = (const unsigned char *)text;
	while (*p) {
		unsigned char c = *p;
		if (c == '\r' || c == '\n') {
			buf_append(b, "\r\n", 2);
			col = 0;
			p += (c == '\r' && p[1] == '\n') ? 2 : 1;
			continue;
		}
		bool at_eol = p[1] == '\0' || p[1] == '\r' || p[1] == '\n';
		bool literal;
		if (c == ' ' || c == '\t')
			literal = !at_eol; /* trailing white space would be stripped */
		else
			literal = c >= 33 && c <= 126 && c != '=';
		if (col == 0 && (c == '.' || (c == 'F' && strncmp((const char *)p, "From ", 5) == 0)))
			literal = false;
		size_t w = literal ? 1 : 3;
		if (col + w > QP_LINE - 1) {
			buf_append(b, "=\r\n", 3);
			col = 0;
			if (c == '.' || (c == 'F' && strncmp((const char *)p, "From ", 5) == 0)) {
				literal = false;
				w = 3;
			}
		}
		if (literal) {
			buf_putc(b, (char)c);
		} else {
			char e[3] = { '=', hex[c >> 4], hex[c & 15] };
			buf_append(b, e, 3);
		}
		col += w;
		p++;
	}
}

/* ---------------------------------------------------------------------- */
/* Header writer: tokens that start with white space are the only places a
 * header may be folded (RFC 5322 2.2.3), so folding never changes meaning. */

struct hw {
	struct buf *b;
	size_t col;    /* length of the current physical line */
	size_t maxcol; /* longest physical line of this header so far */
	bool first;    /* no token on the first line yet */
};

static void hw_start(struct hw *h, struct buf *b, const char *name)
{
	h->b = b;
	buf_puts(b, name);
	buf_putc(b, ':');
	h->col = h->maxcol = strlen(name) + 1;
	h->first = true;
}

/* t starts with a space or tab (the fold point) unless it is the first. */
static void hw_token(struct hw *h, const char *t, size_t n)
{
	if (!h->first && h->col + n > LINE_SOFT) {
		buf_append(h->b, "\r\n", 2);
		h->col = 0;
	}
	buf_append(h->b, t, n);
	h->col += n;
	if (h->col > h->maxcol)
		h->maxcol = h->col;
	h->first = false;
}

static void hw_end(struct hw *h)
{
	buf_append(h->b, "\r\n", 2);
}

/* Unstructured ASCII text: fold before a white-space run that is followed by
 * more text (never leaving a line of only white space). */
static void hw_unstructured(struct hw *h, const char *s)
{
	struct buf tok = { 0 };
	buf_putc(&tok, ' '); /* the customary space after the colon */
	size_t n = strlen(s);
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && is_wsp(s[j]))
			j++;
		while (j < n && !is_wsp(s[j]))
			j++;
		/* trailing white space stays with the last token */
		size_t k = j;
		while (k < n && is_wsp(s[k]))
			k++;
		if (k == n)
			j = n;
		buf_append(&tok, s + i, j - i);
		if (tok.failed) {
			h->b->failed = true;
			break;
		}
		hw_token(h, tok.data, tok.len);
		tok.len = 0;
		i = j;
	}
	if (n == 0)
		hw_token(h, " ", 1);
	free(tok.data);
}

/* RFC 2047 B-encoded words of UTF-8 text, split between characters. */
static void hw_encoded_words(struct hw *h, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	size_t i = 0;
	struct buf tok = { 0 };
	while (i < n) {
		size_t chunk = 0;
		while (i + chunk < n) {
			uint32_t cp;
			size_t l = utf8_decode(p + i + chunk, n - i - chunk, &cp);
			if (l == 0)
				l = 1; /* validated before; never splits anyway */
			if (chunk + l > EW_CHUNK)
				break;
			chunk += l;
		}
		tok.len = 0;
		buf_puts(&tok, " =?UTF-8?B?");
		base64_add(&tok, p + i, chunk);
		buf_puts(&tok, "?=");
		if (tok.failed) {
			h->b->failed = true;
			break;
		}
		hw_token(h, tok.data, tok.len);
		i += chunk;
	}
	free(tok.data);
}

/* ASCII text needs encoded words if it could be mistaken for one, or has a
 * word too long to fold. */
static bool needs_encoding(const char *s)
{
	if (!is_ascii_only(s) || strstr(s, "=?"))
		return true;
	size_t run = 0;
	for (; *s; s++) {
		run = is_wsp(*s) ? 0 : run + 1;
		if (run > LINE_SOFT - 10)
			return true;
	}
	return false;
}

static void hw_mailbox(struct hw *h, const struct mail_address *a, bool last)
{
	const char *name = a->name ? a->name : "";
	bool blank = true;
	for (const char *q = name; *q; q++)
		if (!is_wsp(*q))
			blank = false;
	struct buf tok = { 0 };
	if (!blank) {
		if (needs_encoding(name) || strlen(name) > LINE_SOFT - 20) {
			hw_encoded_words(h, name);
		} else {
			buf_puts(&tok, " \"");
			for (const char *q = name; *q; q++) {
				if (*q == '"' || *q == '\\')
					buf_putc(&tok, '\\');
				buf_putc(&tok, *q);
			}
			buf_putc(&tok, '"');
			if (!tok.failed)
				hw_token(h, tok.data, tok.len);
			tok.len = 0;
		}
		buf_puts(&tok, " <");
		buf_puts(&tok, a->addr);
		buf_putc(&tok, '>');
	} else {
		buf_putc(&tok, ' ');
		buf_puts(&tok, a->addr);
	}
	if (!last)
		buf_putc(&tok, ',');
	if (tok.failed)
		h->b->failed = true;
	else
		hw_token(h, tok.data, tok.len);
	free(tok.data);
}

/* ---------------------------------------------------------------------- */
/* Composition */

static enum cstatus check_mailbox(const struct mail_address *a, const char *what, struct cerr *e)
{
	const char *why;
	if (!a->addr)
		return invalid(e, "%s address missing", what);
	if (!mail_check_address(a->addr)) {
		if (strpbrk(a->addr, "\r\n"))
			return invalid(e, "%s address contains CR or LF", what);
		return invalid(e, "%s address is not a plain local@domain address", what);
	}
	if (a->name && !header_text_ok(a->name, true, &why))
		return invalid(e, "%s display name %s", what, why);
	return C_OK;
}

static enum cstatus check_message(const struct mail_message *m, struct cerr *e)
{
	const char *why;
	if (!m)
		return invalid(e, "no message");
	if (check_mailbox(&m->from, "From", e))
		return e->status;
	if (!m->to || m->n_to == 0)
		return invalid(e, "no recipient");
	if (m->n_to > MAIL_MAX_RECIPIENTS)
		return invalid(e, "more than %d recipients", MAIL_MAX_RECIPIENTS);
	for (size_t i = 0; i < m->n_to; i++)
		if (check_mailbox(&m->to[i], "To", e))
			return e->status;
	if (!m->subject)
		return invalid(e, "Subject missing");
	if (!header_text_ok(m->subject, true, &why))
		return invalid(e, "Subject %s", why);
	if (!m->text)
		return invalid(e, "text body missing");
	if (!utf8_valid(m->text))
		return invalid(e, "text body is not valid UTF-8");
	if (m->html && !utf8_valid(m->html))
		return invalid(e, "HTML body is not valid UTF-8");
	const char *id;
	size_t idlen;
	if (!m->message_id || !msgid_core(m->message_id, &id, &idlen))
		return invalid(e, "Message-ID missing or not <left@right>");
	if (m->n_headers && !m->headers)
		return invalid(e, "n_headers set without headers");
	for (size_t i = 0; i < m->n_headers; i++) {
		const struct mail_header *x = &m->headers[i];
		if (!x->name || !header_name_ok(x->name))
			return invalid(e, "extra header name invalid");
		if (header_name_reserved(x->name))
			return invalid(e, "extra header %s is reserved", x->name);
		if (!x->value)
			return invalid(e, "extra header %s has no value", x->name);
		if (!header_text_ok(x->value, false, &why))
			return invalid(e, "extra header %s %s", x->name, why);
	}
	return C_OK;
}

static enum cstatus add_date(struct buf *b, time_t t, struct cerr *e)
{
	/* Fixed English names: strftime's %a/%b would follow the locale. */
	static const char *const wday[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	if (!gmtime_r(&t, &tm) || tm.tm_year < 0 || tm.tm_year > 9999 - 1900)
		return invalid(e, "Date out of range");
	char line[64];
	snprintf(line, sizeof line, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", wday[tm.tm_wday], tm.tm_mday,
		 mon[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	buf_puts(b, line);
	return C_OK;
}

/* Belt and braces: whatever the code above did, never hand out something
 * with a bare CR/LF or an over-long line. */
static bool crlf_clean(const char *s, size_t n, size_t *bad_line)
{
	size_t col = 0, line = 1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\0')
			goto bad;
		if (s[i] == '\r') {
			if (i + 1 >= n || s[i + 1] != '\n')
				goto bad;
			i++;
			col = 0;
			line++;
			continue;
		}
		if (s[i] == '\n' || ++col > LINE_HARD)
			goto bad;
	}
	return true;
bad:
	if (bad_line)
		*bad_line = line;
	return false;
}

static enum cstatus compose(const struct mail_message *m, char **out, size_t *out_len, struct cerr *e)
{
	e->status = C_OK;
	e->msg[0] = '\0';
	if (check_message(m, e))
		return e->status;

	struct buf b = { 0 };
	struct hw h;

	if (add_date(&b, m->date, e)) {
		free(b.data);
		return e->status;
	}

	hw_start(&h, &b, "From");
	hw_mailbox(&h, &m->from, true);
	hw_end(&h);

	hw_start(&h, &b, "To");
	for (size_t i = 0; i < m->n_to; i++)
		hw_mailbox(&h, &m->to[i], i + 1 == m->n_to);
	hw_end(&h);

	hw_start(&h, &b, "Subject");
	if (needs_encoding(m->subject))
		hw_encoded_words(&h, m->subject);
	else
		hw_unstructured(&h, m->subject);
	hw_end(&h);

	const char *id;
	size_t idlen;
	msgid_core(m->message_id, &id, &idlen);
	buf_puts(&b, "Message-ID: <");
	buf_append(&b, id, idlen);
	buf_puts(&b, ">\r\n");

	for (size_t i = 0; i < m->n_headers; i++) {
		hw_start(&h, &b, m->headers[i].name);
		hw_unstructured(&h, m->headers[i].value);
		hw_end(&h);
		if (h.maxcol > LINE_HARD) {
			free(b.data);
			return invalid(e, "extra header %s cannot be folded to %d octets", m->headers[i].name,
				       LINE_HARD);
		}
	}

	buf_puts(&b, "MIME-Version: 1.0\r\n");
	static const char text_hdr[] = "Content-Type: text/plain; charset=UTF-8\r\n"
				       "Content-Transfer-Encoding: quoted-printable\r\n";
	if (m->html) {
		/* "=_" can never occur in quoted-printable (or base64) output, so the
         * boundary cannot collide with body text. Derived from the id so the
         * output is reproducible. */
		uint64_t hash = 1469598103934665603ULL; /* FNV-1a */
		for (size_t i = 0; i < idlen; i++)
			hash = (hash ^ (unsigned char)id[i]) * 1099511628211ULL;
		char boundary[40];
		snprintf(boundary, sizeof boundary, "=_hrp_%016llx", (unsigned long long)hash);

		buf_puts(&b, "Content-Type: multipart/alternative;\r\n boundary=\"");
		buf_puts(&b, boundary);
		buf_puts(&b, "\"\r\n\r\nThis is a multi-part message in MIME format.\r\n");
		buf_puts(&b, "\r\n--");
		buf_puts(&b, boundary);
		buf_puts(&b, "\r\n");
		buf_puts(&b, text_hdr);
		buf_puts(&b, "\r\n");
		qp_add(&b, m->text);
		buf_puts(&b, "\r\n--");
		buf_puts(&b, boundary);
		buf_puts(&b, "\r\nContent-Type: text/html; charset=UTF-8\r\n"
			     "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
		qp_add(&b, m->html);
		buf_puts(&b, "\r\n--");
		buf_puts(&b, boundary);
		buf_puts(&b, "--\r\n");
	} else {
		buf_puts(&b, text_hdr);
		buf_puts(&b, "\r\n");
		qp_add(&b, m->text);
		/* SMTP DATA ends at CRLF "." CRLF: finish the last line ourselves */
		if (b.len < 2 || b.data[b.len - 2] != '\r' || b.data[b.len - 1] != '\n')
			buf_puts(&b, "\r\n");
	}

	if (b.failed) {
		free(b.data);
		e->status = C_NOMEM;
		return C_NOMEM;
	}
	size_t bad;
	if (!crlf_clean(b.data, b.len, &bad)) {
		free(b.data);
		return invalid(e, "internal error: composed line %zu is not clean", bad);
	}
	*out = b.data;
	*out_len = b.len;
	return C_OK;
}

NEOERR *mail_compose(const struct mail_message *msg, char **out, size_t *out_len)
{
	struct cerr e;
	if (!out || !out_len)
		return nerr_raise(NERR_ASSERT, "mail_compose: NULL output argument");
	*out = NULL;
	*out_len = 0;
	if (compose(msg, out, out_len, &e))
		return cerr_to_neoerr(&e);
	return STATUS_OK;
}

NEOERR *mail_make_message_id(const char *domain, char *buf, size_t size)
{
	if (!domain || !buf)
		return nerr_raise(NERR_ASSERT, "mail_make_message_id: NULL argument");
	char probe[MAIL_ADDR_MAX + 2];
	if (snprintf(probe, sizeof probe, "x@%s", domain) >= (int)sizeof probe || !mail_check_address(probe))
		return nerr_raise(NERR_ASSERT, "mail_make_message_id: invalid domain");
	unsigned char rnd[16];
	size_t got = 0;
	while (got < sizeof rnd) {
		ssize_t r = getrandom(rnd + got, sizeof rnd - got, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return nerr_raise_errno(NERR_SYSTEM, "mail_make_message_id: getrandom");
		}
		got += (size_t)r;
	}
	char hex[33];
	for (size_t i = 0; i < sizeof rnd; i++)
		snprintf(hex + 2 * i, 3, "%02x", rnd[i]);
	int n = snprintf(buf, size, "<%s@%s>", hex, domain);
	if (n < 0 || (size_t)n >= size)
		return nerr_raise(NERR_ASSERT, "mail_make_message_id: buffer too small");
	return STATUS_OK;
}

/* ---------------------------------------------------------------------- */
/* Sending */

static void result_set(struct mail_result *r, enum mail_outcome o, bool relay, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void result_set(struct mail_result *r, enum mail_outcome o, bool relay, const char *fmt, ...)
{
	va_list ap;
	r->outcome = o;
	r->relay_problem = relay;
	va_start(ap, fmt);
	vsnprintf(r->error, sizeof r->error, fmt, ap);
	va_end(ap);
}

static NEOERR *result_err(const struct mail_result *r, NERR_TYPE type)
{
	return nerr_raise(type, "mail: %s", r->error);
}

/* Reply codes that are about the session (service closing, TLS or AUTH)
 * rather than the message. */
static bool code_is_relay_level(long code)
{
	return code == 421 || code == 454 || code == 530 || code == 534 || code == 535 || code == 538;
}

/*
 * Temporary or permanent? An SMTP reply says it itself (RFC 5321 4.2.1:
 * 4yz transient, 5yz permanent). Without one, the curl error decides:
 * trust/authentication/configuration failures will not go away by waiting,
 * network-level ones may.
 */
static void classify(CURLcode rc, long code, const char *detail, struct mail_result *r)
{
	r->curl_code = (int)rc;
	r->smtp_code = code;
	if (code >= 400 && code <= 599) {
		result_set(r, code < 500 ? MAIL_TEMPORARY : MAIL_PERMANENT, code_is_relay_level(code),
			   "relay replied %ld: %s", code, detail);
		return;
	}
	switch (rc) {
	case CURLE_LOGIN_DENIED:
	case CURLE_AUTH_ERROR:
	case CURLE_USE_SSL_FAILED: /* require_tls and no STARTTLS offered */
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_NOT_BUILT_IN:
	case CURLE_SSL_ENGINE_NOTFOUND:
	case CURLE_FILESIZE_EXCEEDED:
		result_set(r, MAIL_PERMANENT, rc != CURLE_FILESIZE_EXCEEDED, "%s", detail);
		return;
	default:
		/* connect refused, timeouts, DNS, resets, TLS handshake hiccups */
		result_set(r, MAIL_TEMPORARY, true, "%s", detail);
		return;
	}
}

struct upload {
	const char *data;
	size_t len, pos;
};

static size_t upload_read(char *dst, size_t size, size_t nmemb, void *userp)
{
	struct upload *u = userp;
	size_t room = size * nmemb;
	size_t n = u->len - u->pos;
	if (n > room)
		n = room;
	memcpy(dst, u->data + u->pos, n);
	u->pos += n;
	return n;
}

static bool url_ok(const char *url)
{
	if (strncasecmp(url, "smtp://", 7) != 0 && strncasecmp(url, "smtps://", 8) != 0)
		return false;
	for (const unsigned char *p = (const unsigned char *)url; *p; p++)
		if (*p <= 0x20 || *p >= 0x7F)
			return false;
	return true;
}

NEOERR *mail_send_raw(const struct mail_relay *relay, const char *envelope_from, const char *const *rcpt, size_t n_rcpt,
		      const char *data, size_t len, struct mail_result *result)
{
	struct mail_result local;
	struct mail_result *r = result ? result : &local;
	memset(r, 0, sizeof *r);
	r->outcome = MAIL_PERMANENT;

	if (!relay || !relay->url || !url_ok(relay->url)) {
		result_set(r, MAIL_PERMANENT, true, "relay URL must be smtp:// or smtps://");
		return result_err(r, NERR_ASSERT);
	}
	if (!envelope_from || !mail_check_address(envelope_from)) {
		result_set(r, MAIL_PERMANENT, false, "invalid envelope sender");
		return result_err(r, NERR_ASSERT);
	}
	if (!rcpt || n_rcpt == 0 || n_rcpt > MAIL_MAX_RECIPIENTS) {
		result_set(r, MAIL_PERMANENT, false, "need 1 to %d recipients", MAIL_MAX_RECIPIENTS);
		return result_err(r, NERR_ASSERT);
	}
	for (size_t i = 0; i < n_rcpt; i++) {
		if (!mail_check_address(rcpt[i])) {
			result_set(r, MAIL_PERMANENT, false, "invalid recipient address #%zu", i + 1);
			return result_err(r, NERR_ASSERT);
		}
	}
	size_t bad;
	if (!data || len == 0 || !crlf_clean(data, len, &bad)) {
		result_set(r, MAIL_PERMANENT, false, "message data empty, not CRLF-only or has lines over %d octets",
			   LINE_HARD);
		return result_err(r, NERR_ASSERT);
	}

	/* "<addr>" forms for MAIL FROM / RCPT TO; sized by MAIL_ADDR_MAX. */
	char from[MAIL_ADDR_MAX + 3];
	snprintf(from, sizeof from, "<%s>", envelope_from);
	struct curl_slist *rcpts = NULL;
	for (size_t i = 0; i < n_rcpt; i++) {
		char to[MAIL_ADDR_MAX + 3];
		snprintf(to, sizeof to, "<%s>", rcpt[i]);
		struct curl_slist *n = curl_slist_append(rcpts, to);
		if (!n) {
			curl_slist_free_all(rcpts);
			result_set(r, MAIL_TEMPORARY, false, "out of memory");
			return result_err(r, NERR_NOMEM);
		}
		rcpts = n;
	}

	CURL *c = curl_easy_init();
	if (!c) {
		curl_slist_free_all(rcpts);
		result_set(r, MAIL_TEMPORARY, false, "curl_easy_init failed");
		return result_err(r, NERR_NOMEM);
	}

	bool tls_all = relay->require_tls || relay->username;
	struct upload up = { data, len, 0 };
	char errbuf[CURL_ERROR_SIZE] = "";
	CURLcode rc = CURLE_OK;
	/* Record the first setopt failure; an option this libcurl lacks must not
     * be ignored silently (e.g. the protocol restriction or TLS policy). */
#define SETOPT(opt, val)                                    \
	do {                                                \
		if (rc == CURLE_OK)                         \
			rc = curl_easy_setopt(c, opt, val); \
	} while (0)
	SETOPT(CURLOPT_ERRORBUFFER, errbuf);
	SETOPT(CURLOPT_URL, relay->url);
	SETOPT(CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	SETOPT(CURLOPT_NOSIGNAL, 1L); /* timeouts without SIGALRM: thread-safe */
	SETOPT(CURLOPT_USE_SSL, (long)(tls_all ? CURLUSESSL_ALL : CURLUSESSL_TRY));
	SETOPT(CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (relay->ca_file)
		SETOPT(CURLOPT_CAINFO, relay->ca_file);
	SETOPT(CURLOPT_SSL_VERIFYPEER, relay->skip_verify ? 0L : 1L);
	SETOPT(CURLOPT_SSL_VERIFYHOST, relay->skip_verify ? 0L : 2L);
	if (relay->username) {
		SETOPT(CURLOPT_USERNAME, relay->username);
		SETOPT(CURLOPT_PASSWORD, relay->password ? relay->password : "");
	}
	SETOPT(CURLOPT_CONNECTTIMEOUT,
	       relay->connect_timeout > 0 ? relay->connect_timeout : MAIL_CONNECT_TIMEOUT_DEFAULT);
	SETOPT(CURLOPT_TIMEOUT, relay->timeout > 0 ? relay->timeout : MAIL_TIMEOUT_DEFAULT);
	SETOPT(CURLOPT_MAIL_FROM, from);
	SETOPT(CURLOPT_MAIL_RCPT, rcpts);
	SETOPT(CURLOPT_UPLOAD, 1L);
	SETOPT(CURLOPT_READFUNCTION, upload_read);
	SETOPT(CURLOPT_READDATA, &up);
	SETOPT(CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
#undef SETOPT

	NEOERR *err = STATUS_OK;
	if (rc != CURLE_OK) {
		r->curl_code = (int)rc;
		result_set(r, MAIL_PERMANENT, true, "libcurl option refused: %s", curl_easy_strerror(rc));
		err = result_err(r, NERR_ASSERT);
	} else {
		rc = curl_easy_perform(c);
		long code = 0;
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		if (rc == CURLE_OK) {
			r->outcome = MAIL_SENT;
			r->smtp_code = code;
			r->error[0] = '\0';
		} else {
			classify(rc, code, errbuf[0] ? errbuf : curl_easy_strerror(rc), r);
			err = result_err(r, NERR_IO);
		}
	}
	curl_easy_cleanup(c);
	curl_slist_free_all(rcpts);
	return err;
}

NEOERR *mail_send(const struct mail_relay *relay, const struct mail_message *msg, struct mail_result *result)
{
	struct mail_result local;
	struct mail_result *r = result ? result : &local;
	memset(r, 0, sizeof *r);

	struct cerr e;
	char *data;
	size_t len;
	if (compose(msg, &data, &len, &e)) {
		if (e.status == C_NOMEM)
			result_set(r, MAIL_TEMPORARY, false, "out of memory");
		else
			result_set(r, MAIL_PERMANENT, false, "invalid message: %s", e.msg);
		return cerr_to_neoerr(&e);
	}
	const char *rcpt[MAIL_MAX_RECIPIENTS];
	for (size_t i = 0; i < msg->n_to; i++)
		rcpt[i] = msg->to[i].addr;
	NEOERR *err = mail_send_raw(relay, msg->from.addr, rcpt, msg->n_to, data, len, r);
	free(data);
	return nerr_pass(err);
}
