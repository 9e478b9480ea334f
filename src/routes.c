/* routes: every page of the portal, in one table (see router.h). */
#include "pages.h"
#include "pages_search.h"
#include "router.h"

const struct route portal_routes[] = {
	{ "GET", "/", page_home, ACCESS_PUBLIC },
	{ "GET", "/documents", page_documents, ACCESS_PUBLIC },

	{ "GET", "/handbook", page_document, ACCESS_PUBLIC },
	{ "GET", "/handbook/*", page_section, ACCESS_PUBLIC },
	{ "GET", "/handbook/*/print", page_section_print, ACCESS_PUBLIC },
	{ "GET", "/handbook/*/history", page_section_history, ACCESS_PUBLIC },
	{ "GET", "/handbook/*/history/*", page_section_version, ACCESS_PUBLIC },
	{ "GET", "/handbook/*/diff", page_section_diff, ACCESS_PUBLIC },
	{ "GET", "/handbook.pdf", page_document_pdf, ACCESS_PUBLIC },
	{ "GET", "/orientation-manual", page_document, ACCESS_PUBLIC },
	{ "GET", "/orientation-manual/*", page_section, ACCESS_PUBLIC },
	{ "GET", "/orientation-manual/*/print", page_section_print, ACCESS_PUBLIC },
	{ "GET", "/orientation-manual/*/history", page_section_history, ACCESS_PUBLIC },
	{ "GET", "/orientation-manual/*/history/*", page_section_version, ACCESS_PUBLIC },
	{ "GET", "/orientation-manual/*/diff", page_section_diff, ACCESS_PUBLIC },
	{ "GET", "/orientation-manual.pdf", page_document_pdf, ACCESS_PUBLIC },
	{ "GET", "/hr-training", page_document, ACCESS_PUBLIC },
	{ "GET", "/hr-training/*", page_section, ACCESS_PUBLIC },
	{ "GET", "/hr-training/*/print", page_section_print, ACCESS_PUBLIC },
	{ "GET", "/hr-training/*/history", page_section_history, ACCESS_PUBLIC },
	{ "GET", "/hr-training/*/history/*", page_section_version, ACCESS_PUBLIC },
	{ "GET", "/hr-training/*/diff", page_section_diff, ACCESS_PUBLIC },
	{ "GET", "/hr-training.pdf", page_document_pdf, ACCESS_PUBLIC },

	{ "GET", "/glossary", page_glossary, ACCESS_PUBLIC },
	{ "GET", "/glossary/*", page_glossary_term, ACCESS_PUBLIC },
	{ "GET", "/search", page_search, ACCESS_PUBLIC },
	{ "GET", "/citations", page_citations, ACCESS_PUBLIC },
	{ "GET", "/api/search", page_api_search, ACCESS_PUBLIC },
};

const size_t portal_routes_count = sizeof portal_routes / sizeof portal_routes[0];
