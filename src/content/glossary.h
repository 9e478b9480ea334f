/* glossary: the glossary as the pages use it beyond the A-Z list
 * (content.h): one term's page, and the terms linked in a section's text.
 * Every read is as of a date, like content.h. The rules for which terms are
 * linked, and how, are in glossary_link.h. */
#ifndef HR_GLOSSARY_H
#define HR_GLOSSARY_H

#include <ClearSilver.h>

#include "store/db.h"

/* The handbook's own Glossary section: it is the list of definitions, so its
 * terms are not linked, and it is not listed among the sections using a term. */
#define GLOSSARY_SECTION_DOC "handbook"
#define GLOSSARY_SECTION_SLUG "glossary"

/* Link the first use of each glossary term in <prefix>.BodyHtml (a section
 * of document doc_slug; <prefix>.Slug is the section's slug) and list the
 * terms linked as <prefix>.Terms.N.{Slug,Term,Short}. */
NEOERR *glossary_link_section(struct db *db, const char *as_of, const char *doc_slug, HDF *hdf, const char *prefix);

/* One term: <prefix>.{Slug,Term,DefinitionHtml,Short}, the terms its
 * definition refers to (<prefix>.SeeAlso.N.{Slug,Term}), the terms whose
 * definitions refer to it (<prefix>.ReferredBy.N.{Slug,Term}), and the
 * sections that use it (<prefix>.Sections.N.{Url,Title,Document,Status}). Raises
 * HR_ERR_NOT_FOUND for an unknown slug. */
NEOERR *glossary_term_page(struct db *db, const char *as_of, const char *slug, HDF *hdf, const char *prefix);

/* Only the term's <prefix>.{Slug,Term,DefinitionHtml,Short} (one row read):
 * what search's answer box shows. HR_ERR_NOT_FOUND for an unknown slug. */
NEOERR *glossary_definition(struct db *db, const char *as_of, const char *slug, HDF *hdf, const char *prefix);

#endif
