#include "web/csrf.h"

#include <inttypes.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web/app.h"
#include "core/errors.h"
#include "core/isotime.h"
#include "store/secrets.h"

static void to_hex(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

/* HMAC over "hrportal-csrf-v1", user, action and window, NUL-separated so
 * no two (user, action) pairs give the same message. */
static void mac(const unsigned char *secret, size_t secret_len, const char *user, const char *action, int64_t window,
		unsigned char out[32])
{
	char wbuf[24];
	size_t ul = strlen(user), al = strlen(action), wl;
	size_t len;
	unsigned char *msg;
	unsigned int outlen = 32;

	wl = (size_t)snprintf(wbuf, sizeof wbuf, "%" PRId64, window);
	len = 17 + ul + 1 + al + 1 + wl;
	msg = malloc(len);
	if (msg == NULL) {
		/* Out of memory: a token nobody can match. */
		memset(out, 0, 32);
		return;
	}
	memcpy(msg, "hrportal-csrf-v1", 17); /* includes the NUL */
	memcpy(msg + 17, user, ul + 1);
	memcpy(msg + 17 + ul + 1, action, al + 1);
	memcpy(msg + 17 + ul + 1 + al + 1, wbuf, wl);
	if (HMAC(EVP_sha256(), secret, (int)secret_len, msg, len, out, &outlen) == NULL)
		memset(out, 0, 32);
	free(msg);
}

void csrf_make(const unsigned char *secret, size_t secret_len, const char *user, const char *action, time_t now,
	       char out[CSRF_TOKEN_MAX])
{
	int64_t window = (int64_t)now / CSRF_WINDOW_SECONDS;
	unsigned char m[32];
	int n;

	mac(secret, secret_len, user, action, window, m);
	n = snprintf(out, CSRF_TOKEN_MAX, "%" PRId64 ".", window);
	to_hex(m, 32, out + n);
}

enum csrf_result csrf_verify(const unsigned char *secret, size_t secret_len, const char *user, const char *action,
			     const char *token, time_t now)
{
	int64_t window, current = (int64_t)now / CSRF_WINDOW_SECONDS;
	const char *dot;
	char *end;
	unsigned char m[32];
	char expect[65];

	if (token == NULL || *token == '\0')
		return CSRF_MISSING;
	dot = strchr(token, '.');
	if (dot == NULL || dot == token || dot - token > 18 || strlen(dot + 1) != 64 ||
	    strspn(token, "0123456789") != (size_t)(dot - token))
		return CSRF_MALFORMED;
	window = strtoll(token, &end, 10);
	if (end != dot)
		return CSRF_MALFORMED;
	if (window > current || current - window >= CSRF_WINDOWS_VALID)
		return CSRF_EXPIRED;
	mac(secret, secret_len, user, action, window, m);
	to_hex(m, 32, expect);
	if (CRYPTO_memcmp(expect, dot + 1, 64) != 0)
		return CSRF_INVALID;
	return CSRF_OK;
}

/* "scheme://host[:port]" of a URL, into out; 0 when it has no host. */
static int origin_of(const char *url, char *out, size_t size)
{
	const char *p = strstr(url, "://");
	size_t n;

	if (p == NULL)
		return 0;
	p += 3;
	n = (size_t)(p - url) + strcspn(p, "/?#");
	if (n >= size || n == (size_t)(p - url))
		return 0;
	memcpy(out, url, n);
	out[n] = '\0';
	return 1;
}

int csrf_same_origin(const char *origin, const char *sec_fetch_site, const char *host, const char *base_url)
{
	if (sec_fetch_site != NULL && strcasecmp(sec_fetch_site, "same-origin") != 0 &&
	    strcasecmp(sec_fetch_site, "none") != 0)
		return 0;
	if (origin != NULL) {
		char mine[512];

		if (base_url != NULL && origin_of(base_url, mine, sizeof mine) && strcasecmp(origin, mine) == 0)
			return 1;
		if (host != NULL && *host != '\0') {
			if (snprintf(mine, sizeof mine, "http://%s", host) < (int)sizeof mine &&
			    strcasecmp(origin, mine) == 0)
				return 1;
			if (snprintf(mine, sizeof mine, "https://%s", host) < (int)sizeof mine &&
			    strcasecmp(origin, mine) == 0)
				return 1;
		}
		return 0; /* another site, or "null" */
	}
	return 1;
}

NEOERR *csrf_secret_load(struct db *db, time_t now, unsigned char out[CSRF_SECRET_LEN])
{
	unsigned char fresh[CSRF_SECRET_LEN];
	char when[ISO_TIME_SIZE];
	int found = 0;
	NEOERR *err = store_secret_read(db, "csrf", out, CSRF_SECRET_LEN, &found);

	if (err != STATUS_OK || found)
		return nerr_pass(err);
	if (RAND_bytes(fresh, sizeof fresh) != 1)
		return nerr_raise(NERR_SYSTEM, "RAND_bytes failed");
	iso_time_format(now, when);
	/* The first process to get here stores its key; everyone reads that one. */
	err = store_secret_add(db, "csrf", fresh, sizeof fresh, when);
	OPENSSL_cleanse(fresh, sizeof fresh);
	if (err == STATUS_OK)
		err = store_secret_read(db, "csrf", out, CSRF_SECRET_LEN, &found);
	if (err == STATUS_OK && !found)
		err = nerr_raise(NERR_DB, "the CSRF secret could not be stored");
	return nerr_pass(err);
}

static NEOERR *app_secret(struct request *req, const unsigned char **secret)
{
	struct app *app = req->app;

	if (!app->csrf_secret_loaded) {
		NEOERR *err = csrf_secret_load(app->db, req->now, app->csrf_secret);

		if (err != STATUS_OK)
			return nerr_pass(err);
		app->csrf_secret_loaded = 1;
	}
	*secret = app->csrf_secret;
	return STATUS_OK;
}

NEOERR *csrf_token(struct request *req, const char *action, char out[CSRF_TOKEN_MAX])
{
	const unsigned char *secret;
	NEOERR *err = app_secret(req, &secret);

	if (err != STATUS_OK)
		return nerr_pass(err);
	csrf_make(secret, CSRF_SECRET_LEN, req->remote_user ? req->remote_user : "", action, req->now, out);
	return STATUS_OK;
}

NEOERR *csrf_check(struct request *req)
{
	const unsigned char *secret;
	enum csrf_result r;
	NEOERR *err;

	if (!csrf_same_origin(request_env(req, "HTTP_ORIGIN"), request_env(req, "HTTP_SEC_FETCH_SITE"),
			      request_env(req, "HTTP_HOST"), req->settings->base_url))
		return nerr_raise(
			HR_ERR_FORBIDDEN,
			"This form was sent from another site, so the portal refused it. Nothing was changed.");
	err = app_secret(req, &secret);
	if (err != STATUS_OK)
		return nerr_pass(err);
	/* The token counts only in the form body: one in a URL would be
	 * logged, kept in history and leaked through Referer. */
	r = csrf_verify(secret, CSRF_SECRET_LEN, req->remote_user ? req->remote_user : "", req->path,
			request_body_param(req, "csrf"), req->now);
	switch (r) {
	case CSRF_OK:
		return STATUS_OK;
	case CSRF_EXPIRED:
		return nerr_raise(HR_ERR_FORBIDDEN,
				  "This form has expired (forms are good for a working day). Nothing was changed: "
				  "go back, reload the page and send it again; saved drafts are kept.");
	default:
		return nerr_raise(HR_ERR_FORBIDDEN,
				  "This form is missing its security token or the token is not valid for you, so "
				  "nothing was changed. Go back, reload the page and send it again.");
	}
}

NEOERR *csrf_random_hex(char *buf, size_t n)
{
	unsigned char raw[64];

	if (n > sizeof raw)
		return nerr_raise(NERR_ASSERT, "csrf_random_hex: too many bytes");
	if (RAND_bytes(raw, (int)n) != 1)
		return nerr_raise(NERR_SYSTEM, "RAND_bytes failed");
	to_hex(raw, n, buf);
	return STATUS_OK;
}
