/* csrf: every state-changing request is a POST that proves it came from a
 * page the portal served to the same user.
 *
 * The token is "<window>.<hex HMAC-SHA256>" over the user's login, the
 * action (the path the form posts to) and the time window (one hour), keyed
 * with a per-installation secret kept in the database (app_secrets, made on
 * first use from the system's random source). A token is good for the
 * window it was made in and the next CSRF_WINDOWS_VALID - 1 (a working day),
 * for that user and that action only. Independently, a request whose Origin
 * or Sec-Fetch-Site header says it came from another site is refused.
 *
 * The dispatcher calls csrf_check() before any POST handler runs; a failure
 * is a 403 page and nothing changes. */
#ifndef HR_CSRF_H
#define HR_CSRF_H

#include <ClearSilver.h>
#include <stddef.h>
#include <time.h>

#include "store/db.h"
#include "web/request.h"

#define CSRF_SECRET_LEN 32
#define CSRF_TOKEN_MAX 96 /* buffer size for a token */
#define CSRF_WINDOW_SECONDS 3600
#define CSRF_WINDOWS_VALID 8

enum csrf_result {
	CSRF_OK = 0,
	CSRF_MISSING,   /* no token sent */
	CSRF_MALFORMED, /* not a token of ours */
	CSRF_EXPIRED,   /* ours, but too old (or from the future) */
	CSRF_INVALID,   /* wrong user, action or key */
};

/* Pure: make the token for (user, action) in the window containing now. */
void csrf_make(const unsigned char *secret, size_t secret_len, const char *user, const char *action, time_t now,
	       char out[CSRF_TOKEN_MAX]);
/* Pure: check a token (constant-time comparison). */
enum csrf_result csrf_verify(const unsigned char *secret, size_t secret_len, const char *user, const char *action,
			     const char *token, time_t now);

/* Pure: 1 when the browser's headers allow the request as same-origin.
 * origin and sec_fetch_site may be NULL (absent: old browsers and tools are
 * judged by the token alone); host is the Host header, base_url the
 * portal's configured address. */
int csrf_same_origin(const char *origin, const char *sec_fetch_site, const char *host, const char *base_url);

/* The installation's secret (created on first use). */
NEOERR *csrf_secret_load(struct db *db, time_t now, unsigned char out[CSRF_SECRET_LEN]);

/* The token a page puts in a form that posts to action, for this request's
 * user and clock. */
NEOERR *csrf_token(struct request *req, const char *action, char out[CSRF_TOKEN_MAX]);

/* For a POST: the "csrf" parameter must be a valid token for req->path and
 * the origin checks must pass; raises HR_ERR_FORBIDDEN otherwise. */
NEOERR *csrf_check(struct request *req);

/* Fill buf with n random bytes as 2n hex digits (for idempotency keys);
 * buf has room for 2n + 1. */
NEOERR *csrf_random_hex(char *buf, size_t n);

#endif
