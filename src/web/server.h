/* server: the FastCGI (or plain CGI) request loop of a portal program.
 *
 * The only module that talks to libfcgi. It wires ClearSilver's cgiwrap to
 * the current FastCGI request, so ClearSilver's CGI kit reads that request's
 * parameters and body, then for each request: parse (request_begin), let
 * the program's handler answer, write the response, free everything
 * (request_end). Run outside a FastCGI server (no listening socket on
 * stdin) the same program answers one request as a plain CGI program. */
#ifndef HR_SERVER_H
#define HR_SERVER_H

#include <ClearSilver.h>

#include "web/request.h"

/* Answer one parsed request: fill req's status, headers and body. A
 * handler never fails; errors become error pages inside it. When
 * begin_err is set the request could not be parsed (the handler answers
 * with the matching error page and must free it). */
typedef void (*server_handler)(struct request *req, NEOERR *begin_err, void *ctx);

/* Optional cache in front of the handler: answer() writes a complete
 * response and returns 1 when it can answer without parsing the request;
 * offer() sees every finished response. */
struct server_cache {
	int (*answer)(struct app *app);
	void (*offer)(struct app *app, struct request *req);
};

/* A CGI variable of the request being served, without copying (NULL when
 * absent). Valid until the request ends. */
const char *server_param(const char *name);

/* Serve the one request that cgiwrap currently reads and writes: answer it
 * from the cache or parse it, run the handler, write the response, free
 * it. server_run calls it per request; the request fuzzer calls it with
 * cgiwrap pointed at memory. */
void server_serve_one(const struct settings *settings, struct app *app, server_handler handler, void *ctx,
		      const struct server_cache *cache);

/* Serve until the FastCGI server stops us (SIGTERM) or max_requests have
 * been served (0 = no limit). Returns a process exit status. */
int server_run(const struct settings *settings, struct app *app, server_handler handler, void *ctx,
	       unsigned long max_requests, const struct server_cache *cache);

#endif
