/* routes: every page of the portal, in one table (see router.h). */
#include "web/pages/pages.h"
#include "web/pages/pages_ack.h"
#include "web/pages/pages_announce.h"
#include "web/pages/pages_calculators.h"
#include "web/pages/pages_dashboard.h"
#include "web/pages/pages_editor.h"
#include "web/pages/pages_forms.h"
#include "web/pages/pages_requests.h"
#include "web/pages/pages_rules_api.h"
#include "web/pages/pages_search.h"
#include "web/pages/pages_wizards.h"
#include "web/pages/pagekit.h"
#include "web/router.h"

const struct route portal_routes[] = {
	{ "GET", "/", page_home, ACCESS_PUBLIC },
	{ "GET", "/signin", page_signin, ACCESS_EMPLOYEE },
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

	/* Wizards, calculators and their JSON API (pages_wizards.h,
	 * pages_calculators.h, pages_rules_api.h): answers per request. */
	{ "GET", "/wizards", page_wizards_index, ACCESS_PUBLIC },
	{ "GET", "/wizards/*", page_wizard_start, ACCESS_PUBLIC },
	{ "GET", "/wizards/*/*", page_wizard_step, ACCESS_PUBLIC },
	{ "GET", "/calculators", page_wizards_index, ACCESS_PUBLIC },
	{ "GET", "/calculators/annual-leave", page_calc_annual_leave, ACCESS_PUBLIC },
	{ "GET", "/calculators/sick-leave", page_calc_sick_leave, ACCESS_PUBLIC },
	{ "GET", "/calculators/holidays", page_calc_holidays, ACCESS_PUBLIC },
	{ "GET", "/calculators/holidays/*", page_calc_holidays_ics, ACCESS_PUBLIC },
	{ "GET", "/api/wizards/fmla", page_api_fmla, ACCESS_PUBLIC },
	{ "GET", "/api/wizards/leave-sharing", page_api_leave_sharing, ACCESS_PUBLIC },
	{ "GET", "/api/wizards/return-rights", page_api_return_rights, ACCESS_PUBLIC },
	{ "GET", "/api/wizards/citations", page_api_citations, ACCESS_PUBLIC },
	{ "GET", "/api/calculators/annual-leave", page_api_annual_leave, ACCESS_PUBLIC },
	{ "GET", "/api/calculators/sick-leave", page_api_sick_leave, ACCESS_PUBLIC },
	{ "GET", "/api/calculators/holidays", page_api_holidays, ACCESS_PUBLIC },

	/* Forms and requests (pages_forms.h, pages_requests.h). */
	{ "GET", "/forms", page_forms_index, ACCESS_EMPLOYEE },
	{ "GET", "/forms/*/new", page_form_new, ACCESS_EMPLOYEE },
	{ "POST", "/forms/*", page_form_post, ACCESS_EMPLOYEE },
	{ "GET", "/forms/wizard/*/pdf", page_wizard_pdf, ACCESS_EMPLOYEE },
	{ "GET", "/my/requests", page_my_requests, ACCESS_EMPLOYEE },
	{ "GET", "/inbox", page_inbox, ACCESS_SUPERVISOR },
	{ "GET", "/requests", page_requests_list, ACCESS_HR },
	{ "GET", "/requests/*", page_request_view, ACCESS_EMPLOYEE },
	{ "GET", "/requests/*/print", page_request_print, ACCESS_EMPLOYEE },
	{ "GET", "/requests/*/pdf", page_request_pdf, ACCESS_EMPLOYEE },
	{ "GET", "/requests/*/edit", page_request_edit, ACCESS_EMPLOYEE },
	{ "GET", "/requests/*/review", page_request_review, ACCESS_EMPLOYEE },
	{ "POST", "/requests/*/submit", page_request_submit, ACCESS_EMPLOYEE },
	{ "POST", "/requests/*/approve", page_request_approve, ACCESS_EMPLOYEE },
	{ "POST", "/requests/*/deny", page_request_deny, ACCESS_EMPLOYEE },
	{ "POST", "/requests/*/withdraw", page_request_withdraw, ACCESS_EMPLOYEE },
	{ "POST", "/requests/*/appeal", page_request_appeal, ACCESS_EMPLOYEE },
	{ "POST", "/requests/*/accept", page_request_accept, ACCESS_EMPLOYEE },
	{ "POST", "/requests/*/return-to-work", page_request_return, ACCESS_EMPLOYEE },

	/* Publishing (pages_dashboard.h, pages_editor.h, pages_announce.h, pages_ack.h): HR
	 * edits, announces, asks for acknowledgements. */
	{ "GET", "/admin", page_admin_home, ACCESS_HR },
	{ "GET", "/admin/documents/*", page_admin_document, ACCESS_HR },
	{ "POST", "/admin/documents/*/sections", page_admin_section_create, ACCESS_HR },
	{ "GET", "/admin/sections/*/*", page_admin_section_edit, ACCESS_HR },
	{ "POST", "/admin/sections/*/*", page_admin_section_post, ACCESS_HR },
	{ "GET", "/admin/sections/*/*/preview", page_admin_section_preview, ACCESS_HR },
	{ "POST", "/admin/sections/*/*/rollback", page_admin_section_rollback, ACCESS_HR },
	{ "POST", "/admin/sections/*/*/move", page_admin_section_move, ACCESS_HR },
	{ "POST", "/admin/sections/*/*/retire", page_admin_section_retire, ACCESS_HR },
	{ "GET", "/admin/glossary", page_admin_glossary, ACCESS_HR },
	{ "POST", "/admin/glossary", page_admin_term_create, ACCESS_HR },
	{ "GET", "/admin/glossary/*", page_admin_term_edit, ACCESS_HR },
	{ "POST", "/admin/glossary/*", page_admin_term_post, ACCESS_HR },
	{ "GET", "/admin/glossary/*/preview", page_admin_term_preview, ACCESS_HR },
	{ "POST", "/admin/glossary/*/rollback", page_admin_term_rollback, ACCESS_HR },
	{ "POST", "/admin/glossary/*/retire", page_admin_term_retire, ACCESS_HR },
	{ "GET", "/admin/audit", page_admin_audit, ACCESS_HR },
	{ "GET", "/admin/templates", page_admin_templates, ACCESS_HR },
	{ "POST", "/admin/templates", page_admin_template_add, ACCESS_HR },
	{ "GET", "/admin/announcements/new", page_admin_announce_new, ACCESS_HR },
	{ "POST", "/admin/announcements", page_admin_announce_post, ACCESS_HR },
	{ "GET", "/admin/acknowledgements", page_admin_campaigns, ACCESS_HR },
	{ "POST", "/admin/acknowledgements", page_admin_campaign_create, ACCESS_HR },
	{ "GET", "/admin/acknowledgements/*", page_admin_campaign, ACCESS_HR },
	{ "POST", "/admin/acknowledgements/*/remind", page_admin_campaign_remind, ACCESS_HR },
	{ "GET", "/whats-new", page_whats_new, ACCESS_PUBLIC },
	{ "GET", "/whats-new.atom", page_whats_new_feed, ACCESS_PUBLIC },
	{ "GET", "/my/subscriptions", page_my_subscriptions, ACCESS_EMPLOYEE },
	{ "POST", "/my/subscriptions", page_my_subscriptions_post, ACCESS_EMPLOYEE },
	{ "GET", "/my/acknowledgements", page_my_acks, ACCESS_EMPLOYEE },
	{ "POST", "/my/acknowledgements/*", page_my_ack_post, ACCESS_EMPLOYEE },

};

const size_t portal_routes_count = sizeof portal_routes / sizeof portal_routes[0];

void (*const portal_before_signed_in)(struct request *req) = pagekit_signed_in_notice;
