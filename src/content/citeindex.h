/* citeindex: the laws the documents cite, and who cites them.
 *
 * Every statute, regulation, federal law and executive order that the
 * current version of some section cites in its legal references, grouped by
 * code (KRS, KAR, U.S.C., CFR, EO) in natural order (KRS 18A.095 before
 * KRS 18A.110, 101 KAR 2:102, Section 2 before Section 10), each with the
 * sections citing it. Anchors are citation_anchor() of the normalized
 * citation, the same that section pages link to (/citations#<anchor>). */
#ifndef HR_CITEINDEX_H
#define HR_CITEINDEX_H

#include <ClearSilver.h>

#include "store/db.h"

/* <prefix>.Groups.N.{Code,Name,Laws.M.{Cite,Anchor,Sections.K.{Url,Title,Document,Status}}},
 * <prefix>.Count (laws) and <prefix>.Citing (sections citing any). */
NEOERR *citeindex_list(struct db *db, const char *as_of, HDF *hdf, const char *prefix);

/* Natural order of two strings: runs of digits compare as numbers. */
int citeindex_natural_cmp(const char *a, const char *b);

#endif
