/* stem_tokenizer: unicode61 + Snowball English stems for FTS5 (see
 * stem_tokenizer.h). */
#include "store/stem_tokenizer.h"

#include <stdlib.h>
#include <string.h>

#ifdef HAVE_LIBSTEMMER
#include <libstemmer.h>
#endif

/* Longer tokens are indexed as they are: no English word is this long. */
#define STEM_MAX_TOKEN 64

struct hrstem {
	fts5_tokenizer parent_api;
	Fts5Tokenizer *parent;
#ifdef HAVE_LIBSTEMMER
	struct sb_stemmer *stemmer;
#endif
};

struct hrstem_call {
	struct hrstem *tok;
	void *ctx;
	int (*token)(void *ctx, int flags, const char *token, int n, int start, int end);
};

static fts5_api *fts5_api_of(sqlite3 *handle)
{
	sqlite3_stmt *st;
	fts5_api *api = NULL;

	if (sqlite3_prepare_v2(handle, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

static void hrstem_delete(Fts5Tokenizer *p)
{
	struct hrstem *tok = (struct hrstem *)p;

	if (tok == NULL)
		return;
	if (tok->parent != NULL)
		tok->parent_api.xDelete(tok->parent);
#ifdef HAVE_LIBSTEMMER
	if (tok->stemmer != NULL)
		sb_stemmer_delete(tok->stemmer);
#endif
	free(tok);
}

static int hrstem_create(void *user, const char **args, int nargs, Fts5Tokenizer **out)
{
	fts5_api *api = user;
	struct hrstem *tok = calloc(1, sizeof *tok);
	void *parent_user = NULL;
	int rc;

	*out = NULL;
	if (tok == NULL)
		return SQLITE_NOMEM;
#ifdef HAVE_LIBSTEMMER
	rc = api->xFindTokenizer(api, "unicode61", &parent_user, &tok->parent_api);
	if (rc == SQLITE_OK) {
		tok->stemmer = sb_stemmer_new("english", "UTF_8");
		if (tok->stemmer == NULL)
			rc = SQLITE_NOMEM;
	}
	if (rc == SQLITE_OK)
		rc = tok->parent_api.xCreate(parent_user, args, nargs, &tok->parent);
#else
	/* porter's own arguments are the tokenizer it wraps, then its. */
	{
		const char *pargs[16];
		int n = 0;

		pargs[n++] = "unicode61";
		for (int i = 0; i < nargs && n < 16; i++)
			pargs[n++] = args[i];
		rc = api->xFindTokenizer(api, "porter", &parent_user, &tok->parent_api);
		if (rc == SQLITE_OK)
			rc = tok->parent_api.xCreate(parent_user, pargs, n, &tok->parent);
	}
#endif
	if (rc != SQLITE_OK) {
		hrstem_delete((Fts5Tokenizer *)tok);
		return rc;
	}
	*out = (Fts5Tokenizer *)tok;
	return SQLITE_OK;
}

#ifdef HAVE_LIBSTEMMER
static int has_digit(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

static int hrstem_token(void *p, int flags, const char *token, int n, int start, int end)
{
	struct hrstem_call *call = p;
	const sb_symbol *stem;

	if (n < 3 || n > STEM_MAX_TOKEN || has_digit(token, n))
		return call->token(call->ctx, flags, token, n, start, end);
	stem = sb_stemmer_stem(call->tok->stemmer, (const sb_symbol *)token, n);
	if (stem == NULL)
		return SQLITE_NOMEM;
	return call->token(call->ctx, flags, (const char *)stem, sb_stemmer_length(call->tok->stemmer), start, end);
}
#endif

static int hrstem_tokenize(Fts5Tokenizer *p, void *ctx, int flags, const char *text, int n,
			   int (*token)(void *ctx, int flags, const char *token, int n, int start, int end))
{
	struct hrstem *tok = (struct hrstem *)p;
#ifdef HAVE_LIBSTEMMER
	struct hrstem_call call = { tok, ctx, token };

	return tok->parent_api.xTokenize(tok->parent, &call, flags, text, n, hrstem_token);
#else
	return tok->parent_api.xTokenize(tok->parent, ctx, flags, text, n, token);
#endif
}

int stem_tokenizer_register(sqlite3 *handle)
{
	static fts5_tokenizer methods = { hrstem_create, hrstem_delete, hrstem_tokenize };
	fts5_api *api = fts5_api_of(handle);

	if (api == NULL)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(api, "hrstem", api, &methods, NULL);
}

const char *stem_tokenizer_algorithm(void)
{
#ifdef HAVE_LIBSTEMMER
	return "snowball-english";
#else
	return "porter";
#endif
}
