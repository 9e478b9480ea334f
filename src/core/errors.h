/* errors: the portal's own NEOERR kinds and the HTTP status each becomes.
 *
 * Raise them where the condition is found (nerr_raise(HR_ERR_NOT_FOUND, ...))
 * and pass them up; the dispatcher maps them to a status and an error page.
 * The text of these errors is shown to the user (escaped), so it must be
 * written for them; any other kind of error is an internal failure whose
 * detail goes only to the log. */
#ifndef HR_ERRORS_H
#define HR_ERRORS_H

#include <ClearSilver.h>

extern NERR_TYPE HR_ERR_BAD_REQUEST;  /* 400 */
extern NERR_TYPE HR_ERR_UNAUTHORIZED; /* 401 */
extern NERR_TYPE HR_ERR_FORBIDDEN;    /* 403 */
extern NERR_TYPE HR_ERR_NOT_FOUND;    /* 404 */
extern NERR_TYPE HR_ERR_METHOD;       /* 405 */
extern NERR_TYPE HR_ERR_CONFLICT;     /* 409 */
extern NERR_TYPE HR_ERR_TOO_LARGE;    /* 413 */
extern NERR_TYPE HR_ERR_MEDIA_TYPE;   /* 415 */
extern NERR_TYPE HR_ERR_UNAVAILABLE;  /* 503: busy database, full disk */

/* Register the kinds; safe to call more than once. */
NEOERR *errors_init(void);

/* HTTP status for an error chain (500 for anything not ours). */
int errors_http_status(NEOERR *err);

/* The user-facing message of the innermost error of one of our kinds, or
 * NULL when the error is internal (its text must not reach the user). */
const char *errors_public_message(NEOERR *err);

/* Reason phrase for a status code ("Not Found"). */
const char *errors_reason_phrase(int status);

#endif
