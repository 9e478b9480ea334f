#include "core/errors.h"

NERR_TYPE HR_ERR_BAD_REQUEST = 0;
NERR_TYPE HR_ERR_UNAUTHORIZED = 0;
NERR_TYPE HR_ERR_FORBIDDEN = 0;
NERR_TYPE HR_ERR_NOT_FOUND = 0;
NERR_TYPE HR_ERR_METHOD = 0;
NERR_TYPE HR_ERR_CONFLICT = 0;
NERR_TYPE HR_ERR_TOO_LARGE = 0;
NERR_TYPE HR_ERR_MEDIA_TYPE = 0;
NERR_TYPE HR_ERR_UNAVAILABLE = 0;

static const struct {
	NERR_TYPE *type;
	const char *name;
	int status;
} kinds[] = {
	{ &HR_ERR_BAD_REQUEST, "BadRequest", 400 },  { &HR_ERR_UNAUTHORIZED, "Unauthorized", 401 },
	{ &HR_ERR_FORBIDDEN, "Forbidden", 403 },     { &HR_ERR_NOT_FOUND, "NotFound", 404 },
	{ &HR_ERR_METHOD, "MethodNotAllowed", 405 }, { &HR_ERR_CONFLICT, "Conflict", 409 },
	{ &HR_ERR_TOO_LARGE, "TooLarge", 413 },      { &HR_ERR_MEDIA_TYPE, "UnsupportedMediaType", 415 },
	{ &HR_ERR_UNAVAILABLE, "Unavailable", 503 },
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

NEOERR *errors_init(void)
{
	NEOERR *err = nerr_init();

	if (err != STATUS_OK)
		return nerr_pass(err);
	if (HR_ERR_BAD_REQUEST != 0)
		return STATUS_OK;
	for (size_t i = 0; i < N_KINDS; i++) {
		err = nerr_register(kinds[i].type, kinds[i].name);
		if (err != STATUS_OK)
			return nerr_pass(err);
	}
	return STATUS_OK;
}

/* The innermost raised error: nerr_pass wraps it in NERR_PASS links. */
static NEOERR *innermost(NEOERR *err)
{
	while (err != STATUS_OK && err != INTERNAL_ERR && err->error == NERR_PASS && err->next != NULL)
		err = err->next;
	return err;
}

int errors_http_status(NEOERR *err)
{
	NEOERR *root = innermost(err);

	if (root == STATUS_OK)
		return 200;
	if (root == INTERNAL_ERR)
		return 500;
	for (size_t i = 0; i < N_KINDS; i++)
		if (*kinds[i].type != 0 && root->error == *kinds[i].type)
			return kinds[i].status;
	return 500;
}

const char *errors_public_message(NEOERR *err)
{
	NEOERR *root = innermost(err);

	if (errors_http_status(err) == 500)
		return NULL;
	return root->desc;
}

const char *errors_reason_phrase(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 201:
		return "Created";
	case 303:
		return "See Other";
	case 304:
		return "Not Modified";
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 409:
		return "Conflict";
	case 413:
		return "Payload Too Large";
	case 415:
		return "Unsupported Media Type";
	case 503:
		return "Service Unavailable";
	default:
		return status >= 500 ? "Internal Server Error" : "Error";
	}
}
