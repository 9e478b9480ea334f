#include "web/pagecache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "content/content.h"
#include "core/log.h"
#include "web/server.h"

#define MAX_PAGES 256
#define MAX_BYTES (16 * 1024 * 1024)

struct page {
	char *path;
	char date[11];
	char *response; /* head and body, as written */
	size_t head_len, len;
};

static struct page pages[MAX_PAGES];
static size_t n_pages, total_bytes;
static int64_t cached_generation = -1;

void pagecache_clear(void)
{
	for (size_t i = 0; i < n_pages; i++) {
		free(pages[i].path);
		free(pages[i].response);
	}
	memset(pages, 0, sizeof pages);
	n_pages = 0;
	total_bytes = 0;
}

/* The path of a request that may be answered from the cache, or NULL. */
static const char *cacheable_path(void)
{
	const char *method = server_param("REQUEST_METHOD"), *query = server_param("QUERY_STRING");
	const char *user = server_param("REMOTE_USER");

	if (method == NULL || (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0))
		return NULL;
	if ((query != NULL && *query != '\0') || (user != NULL && *user != '\0') ||
	    server_param("HTTP_X_HRPORTAL_NOW") != NULL)
		return NULL;
	return server_param("PATH_INFO");
}

/* Drop everything when the database changed since the pages were made. */
static int generation_current(struct app *app)
{
	int64_t generation;
	NEOERR *err;

	if (app->db == NULL)
		return 0;
	err = db_generation(app->db, &generation);
	if (err != STATUS_OK) {
		log_neoerr(&err, "page cache");
		pagecache_clear();
		return 0;
	}
	if (generation != cached_generation) {
		pagecache_clear();
		cached_generation = generation;
	}
	return 1;
}

int pagecache_answer(struct app *app)
{
	const char *path;
	char today[11];

	if (n_pages == 0 || (path = cacheable_path()) == NULL || !generation_current(app))
		return 0;
	content_today(time(NULL), today);
	for (size_t i = 0; i < n_pages; i++) {
		NEOERR *err;

		if (strcmp(pages[i].path, path) != 0 || strcmp(pages[i].date, today) != 0)
			continue;
		/* HEAD gets the head only. */
		err = cgiwrap_write(
			pages[i].response,
			(int)(strcmp(server_param("REQUEST_METHOD"), "HEAD") == 0 ? pages[i].head_len : pages[i].len));
		if (err != STATUS_OK)
			nerr_ignore(&err); /* the client went away */
		return 1;
	}
	return 0;
}

void pagecache_offer(struct app *app, struct request *req)
{
	char *path;
	const char *requested;
	STRING head;
	struct page *p;
	char today[11];

	if (!req->cacheable || req->status != 200 || req->remote_user != NULL)
		return;
	if ((requested = cacheable_path()) == NULL || !generation_current(app))
		return;
	if ((path = strdup(requested)) == NULL)
		return;
	if (n_pages == MAX_PAGES || total_bytes + (size_t)req->body.len > MAX_BYTES)
		pagecache_clear();
	string_init(&head);
	if (request_head(req, &head) != STATUS_OK) {
		string_clear(&head);
		free(path);
		return;
	}
	content_today(req->now, today);
	p = &pages[n_pages];
	p->head_len = (size_t)head.len;
	p->len = (size_t)head.len + (size_t)req->body.len;
	p->response = malloc(p->len);
	if (p->response == NULL) {
		string_clear(&head);
		free(path);
		return;
	}
	memcpy(p->response, head.buf, (size_t)head.len);
	memcpy(p->response + head.len, req->body.buf, (size_t)req->body.len);
	p->path = path;
	memcpy(p->date, today, sizeof p->date);
	total_bytes += p->len;
	n_pages++;
	string_clear(&head);
}
