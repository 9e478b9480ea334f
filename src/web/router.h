/* router: the portal's one table of pages and the dispatcher that serves it.
 *
 * Each route names its method, its path pattern ('*' matches one path
 * segment, captured in req->args) and who may use it. The dispatcher, for
 * every request: answers a malformed request with its error page, sets the
 * security headers and the data every page shows, finds the route (404 when
 * no path matches, 405 when only the method differs), checks access (401,
 * 403) and, for POST, the CSRF token, runs the handler, and turns any error
 * into an error page with the right status. Only the dispatcher decides
 * status codes for errors; handlers raise kinds from errors.h. */
#ifndef HR_ROUTER_H
#define HR_ROUTER_H

#include <ClearSilver.h>
#include <stddef.h>

#include "web/request.h"

enum route_access {
	ACCESS_PUBLIC,     /* anyone, signed in or not */
	ACCESS_EMPLOYEE,   /* any signed-in user the portal knows */
	ACCESS_SUPERVISOR, /* supervisors (and HR) */
	ACCESS_HR,         /* HR staff only */
};

struct route {
	const char *method;  /* "GET" (also answers HEAD) or "POST" */
	const char *pattern; /* e.g. "/handbook/{*}" where {*} is one segment */
	NEOERR *(*handler)(struct request *req);
	enum route_access access;
};

/* The portal's routes (routes.c). */
extern const struct route portal_routes[];
extern const size_t portal_routes_count;
/* Run before the handler of every page that is not public, once access and
 * the CSRF token have passed (routes.c: the pending-acknowledgements
 * notice). The page layer sets it, so the router needs none of its headers. */
extern void (*const portal_before_signed_in)(struct request *req);

/* Serve one request from a route table (a server_handler; ctx is unused). */
void router_handle(struct request *req, NEOERR *begin_err, void *ctx);

/* Match path against pattern, filling args; returns 1 on a match. */
int router_match(const char *pattern, char *path_copy, const char **args, int max_args);

/* Answer with the error page for err (and free err). */
void router_error_page(struct request *req, NEOERR *err);

/* Access check used by the dispatcher (auth.c). Raises 401/403 kinds. */
NEOERR *auth_check(struct request *req, enum route_access access);

#endif
