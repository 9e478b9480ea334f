/* fuzz_portal: a portal process in memory, for the harnesses that serve
 * requests (fuzz_request, fuzz_wizard).
 *
 * fuzz_portal_open() makes a database in a temporary directory (migrated;
 * with the real corpus and three demo users when asked), opens the portal
 * on it and points ClearSilver's cgiwrap at memory; everything is removed
 * at exit. fuzz_portal_serve() then answers one request through
 * server_serve_one (as a FastCGI process does) from a CGI environment and
 * a body, and hands back what the portal wrote. */
#ifndef HR_FUZZ_PORTAL_H
#define HR_FUZZ_PORTAL_H

#include <ClearSilver.h>
#include <stddef.h>

#include "web/app.h"
#include "web/server.h"

enum fuzz_portal_content {
	FUZZ_PORTAL_EMPTY,  /* migrated schema only */
	FUZZ_PORTAL_CORPUS, /* db/corpus imported, demo users msmith, jdoe, hradmin */
};

/* Exits with a message when the portal cannot be set up. */
struct app *fuzz_portal_open(const char *name, enum fuzz_portal_content content);

/* Serve one request: env is the request's whole environment (NULL-ended
 * "NAME=value" strings), body what stdin holds. handler NULL means the
 * real router; cache nonzero puts the page cache in front. out receives
 * the response (status line, headers, body) and must be initialised. */
void fuzz_portal_serve(char **env, const char *body, size_t body_len, server_handler handler, void *ctx, int cache,
		       STRING *out);

/* The value of a response header (up to its CRLF) into value; 0 if absent. */
int fuzz_find_header(const char *head, const char *name, char *value, size_t valuesz);

/* Print err's traceback with what and exit(1). */
void fuzz_die(NEOERR *err, const char *what) __attribute__((noreturn));

#endif
