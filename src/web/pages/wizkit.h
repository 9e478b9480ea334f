/* wizkit: what the wizard pages (pages_wizards.c) and the calculator
 * pages (pages_calculators.c) share, so that neither calls into the other:
 * reading the query, formatting figures, and the Result.* HDF of an answer
 * (figures, reasons, citations, links). Not a handler (scripts/layers). */
#ifndef HR_WIZKIT_H
#define HR_WIZKIT_H

#include <stddef.h>

#include <ClearSilver.h>

#include "rules/rules.h"
#include "web/request.h"

/* A query parameter for the step engine (ctx: the request): *bad when
 * given twice. */
const char *wizkit_query_get(void *ctx, const char *name, int *bad);
/* "1,249.5", "75", "9.38" (at most two decimals, grouped thousands); len
 * at least 48. */
const char *wizkit_fmt_num(double v, char *buf, size_t len);
/* "12 weeks", "1 week". */
const char *wizkit_fmt_qty(double v, const char *unit, const char *units, char *buf, size_t len);
/* Result.Reasons and Result.Citations from e. */
NEOERR *wizkit_explain(struct request *req, const rules_explain *e);
/* Result.Figures.<*n>, then *n + 1. */
NEOERR *wizkit_figure(struct request *req, int *n, const char *label, const char *value);
/* Result.Requests.<*n> (description may be NULL), then *n + 1. */
NEOERR *wizkit_link(struct request *req, int *n, const char *url, const char *title, const char *description);
/* A Result.Requests link to the handbook section slug, by its title. */
NEOERR *wizkit_handbook_link(struct request *req, int *n, const char *slug, const char *why);
/* 1 when the page is asked for in print form (?print=1). */
int wizkit_want_print(struct request *req);

#endif
