#include "publish/usertmpl.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/errors.h"

static const char *const allowed[] = {
	"var", "if", "elif", "else", "/if", "each", "/each", "with", "/with", NULL,
};

static int is_allowed(const char *word)
{
	for (size_t i = 0; allowed[i]; i++)
		if (strcmp(word, allowed[i]) == 0)
			return 1;
	return 0;
}

/* Where a block opened, for the message when it is never closed. */
struct open_block {
	char name[16];
	int line;
};

static int line_of(const char *src, const char *at)
{
	int line = 1;

	for (const char *p = src; p < at; p++)
		if (*p == '\n')
			line++;
	return line;
}

const char *usertmpl_check(const char *src, char *msg, size_t msgsz)
{
	size_t len = src ? strlen(src) : 0;
	const char *p = src;
	struct open_block stack[USERTMPL_MAX_DEPTH];
	int depth = 0;

	if (src == NULL || len == 0) {
		snprintf(msg, msgsz, "The template is empty.");
		return msg;
	}
	if (len > USERTMPL_MAX_SOURCE) {
		snprintf(msg, msgsz, "The template is too long (%zu bytes; at most %d).", len, USERTMPL_MAX_SOURCE);
		return msg;
	}
	while ((p = strstr(p, "<?")) != NULL) {
		const char *word, *end, *open = p;
		char name[16];
		size_t n;

		p += 2;
		if (strncasecmp(p, "cs", 2) != 0)
			continue;
		p += 2;
		while (*p && isspace((unsigned char)*p))
			p++;
		end = strstr(p, "?>");
		if (end == NULL) {
			snprintf(msg, msgsz, "A command is not closed: every \"<?cs\" needs its \"?>\" (line %d).",
				 line_of(src, open));
			return msg;
		}
		if (*p == '#') { /* a comment */
			p = end + 2;
			continue;
		}
		word = p;
		while (p < end && *p != ':' && *p != '!' && !isspace((unsigned char)*p))
			p++;
		n = (size_t)(p - word);
		if (n == 0 || n >= sizeof name) {
			snprintf(msg, msgsz,
				 "A command on line %d has no name the portal allows. Use var, if, elif, else, "
				 "each or with.",
				 line_of(src, open));
			return msg;
		}
		/* ClearSilver matches command names without regard to case;
		 * the allow-list is lower case, so "INCLUDE" fails here too. */
		memcpy(name, word, n);
		name[n] = '\0';
		if (!is_allowed(name)) {
			snprintf(msg, msgsz,
				 "The command \"%s\" is not allowed in announcement templates. Use var, if, "
				 "elif, else, each or with (templates cannot include files, set values or "
				 "turn off escaping).",
				 name);
			return msg;
		}
		if (*p == '!') {
			snprintf(msg, msgsz, "The command \"%s!\" is not allowed: write \"%s:\".", name, name);
			return msg;
		}
		/* Blocks must nest: ClearSilver's own parser leaks memory on an
		 * unclosed or stray one, so they never reach it. */
		if (strcmp(name, "if") == 0 || strcmp(name, "each") == 0 || strcmp(name, "with") == 0) {
			if (depth == USERTMPL_MAX_DEPTH) {
				snprintf(msg, msgsz, "Blocks are nested too deeply (at most %d).", USERTMPL_MAX_DEPTH);
				return msg;
			}
			snprintf(stack[depth].name, sizeof stack[depth].name, "%s", name);
			stack[depth++].line = line_of(src, open);
		} else if (strcmp(name, "elif") == 0 || strcmp(name, "else") == 0) {
			if (depth == 0 || strcmp(stack[depth - 1].name, "if") != 0) {
				snprintf(msg, msgsz, "The %s on line %d is not inside an if.", name,
					 line_of(src, open));
				return msg;
			}
		} else if (name[0] == '/') {
			if (depth == 0 || strcmp(stack[depth - 1].name, name + 1) != 0) {
				snprintf(msg, msgsz, "The %s on line %d does not close the block before it.", name,
					 line_of(src, open));
				return msg;
			}
			depth--;
		}
		p = end + 2;
	}
	if (depth > 0) {
		snprintf(msg, msgsz, "The %s opened on line %d is never closed with /%s.", stack[depth - 1].name,
			 stack[depth - 1].line, stack[depth - 1].name);
		return msg;
	}
	return NULL;
}

struct capped {
	STRING *out;
	int over;
};

static NEOERR *append_capped(void *ctx, char *text)
{
	struct capped *c = ctx;
	size_t n = strlen(text);

	if ((size_t)c->out->len + n > USERTMPL_MAX_OUTPUT) {
		c->over = 1;
		return nerr_raise(NERR_ASSERT, "template output too large");
	}
	return nerr_pass(string_append(c->out, text));
}

/* ClearSilver's message for a parse or render error, for HR. */
static NEOERR *template_error(NEOERR *err, const char *what)
{
	STRING s;
	NEOERR *out;
	char *p;

	string_init(&s);
	nerr_error_string(err, &s);
	nerr_ignore(&err);
	/* One line, without ClearSilver's traceback noise. */
	for (p = s.buf; p && *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	out = nerr_raise(HR_ERR_BAD_REQUEST, "The template %s: %.300s", what, s.buf ? s.buf : "");
	string_clear(&s);
	return out;
}

NEOERR *usertmpl_render(const char *src, HDF *data, STRING *out)
{
	char msg[300];
	const char *problem = usertmpl_check(src, msg, sizeof msg);
	HDF *parse_hdf = NULL;
	CSPARSE *cs = NULL;
	char *copy;
	struct capped cap = { out, 0 };
	NEOERR *err;

	if (problem != NULL)
		return nerr_raise(HR_ERR_BAD_REQUEST, "%s", problem);
	err = hdf_init(&parse_hdf);
	if (err == STATUS_OK)
		err = hdf_set_value(parse_hdf, "Config.VarEscapeMode", "html");
	/* The data HDF carries the same mode: ClearSilver reads it from the
	 * HDF it renders with as well. */
	if (err == STATUS_OK)
		err = hdf_set_value(data, "Config.VarEscapeMode", "html");
	if (err == STATUS_OK)
		err = cs_init(&cs, parse_hdf);
	if (err != STATUS_OK) {
		hdf_destroy(&parse_hdf);
		return nerr_pass(err);
	}
	/* cs_parse_string takes ownership of (and writes into) its buffer. */
	copy = strdup(src);
	if (copy == NULL) {
		cs_destroy(&cs);
		hdf_destroy(&parse_hdf);
		return nerr_raise(NERR_NOMEM, "template copy");
	}
	err = cs_parse_string(cs, copy, strlen(copy));
	if (err != STATUS_OK) {
		err = template_error(err, "does not parse");
	} else {
		cs->hdf = data;
		err = cs_render(cs, &cap, append_capped);
		cs->hdf = parse_hdf;
		if (err != STATUS_OK && cap.over) {
			nerr_ignore(&err);
			err = nerr_raise(HR_ERR_BAD_REQUEST, "The announcement would be too long (more than %d KB).",
					 USERTMPL_MAX_OUTPUT / 1024);
		} else if (err != STATUS_OK) {
			err = template_error(err, "cannot be filled in");
		}
	}
	cs_destroy(&cs);
	hdf_destroy(&parse_hdf);
	return err;
}
