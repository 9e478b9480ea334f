/* publishing: what HR's editing stores — the versions of sections and
 * glossary terms (with the citations written on publish), editors' drafts
 * and their save counter, the sections and terms HR creates, moves and
 * retires, and what the impact report reads before a change (open
 * requests of a form, sections linking to a section, campaigns on it).
 *
 * Nothing here opens a transaction: every writer runs inside the caller's
 * (publish.h's actions own them). Text in a row passed to a callback lives
 * until the callback returns. */
#ifndef HR_STORE_PUBLISHING_H
#define HR_STORE_PUBLISHING_H

#include <ClearSilver.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* What an item is: a section (of any document) or a glossary term. */
enum store_item { STORE_ITEM_SECTION, STORE_ITEM_TERM };

/* ---- Finding items ---- */

struct store_publishing_item {
	int64_t id;
	int64_t document_id; /* sections */
	char doc_slug[64];
	char slug[128];
	char section_kind[16]; /* "" for terms */
	char title[256];       /* newest version's title (sections: else the ToC title) */
	int latest;            /* newest version number, 0 when none */
	char latest_date[11];  /* newest effective date, "" when none */
	int retired;
};

NEOERR *store_publishing_section_find(struct db *db, const char *doc_slug, const char *slug,
				      struct store_publishing_item *out, int *found);
NEOERR *store_publishing_term_find(struct db *db, const char *slug, struct store_publishing_item *out, int *found);
/* The id of a document by its slug (*found = 0 when there is none). */
NEOERR *store_publishing_document_id(struct db *db, const char *slug, int64_t *id, int *found);

/* ---- Versions ---- */

/* The newest version number and effective date of an item (0 and "" when
 * none); date may be NULL. */
NEOERR *store_publishing_latest(struct db *db, enum store_item kind, int64_t item_id, int *latest, char date[11]);

/* One stored text: a version, or a draft (who is the drafter's name). */
struct store_publishing_text {
	int64_t id;         /* the version's row id (versions only) */
	char *title, *body; /* Markdown (malloc'd) */
	char who[128];
	char when[21]; /* ISO time */
};
void store_publishing_text_free(struct store_publishing_text *t);

/* Version `version` of an item (*found = 0 when none). */
NEOERR *store_publishing_version_get(struct db *db, enum store_item kind, int64_t item_id, int version,
				     struct store_publishing_text *out, int *found);

/* A row of a list of versions (doc_slug and slug: upcoming only). */
struct store_publishing_version_row {
	const char *doc_slug, *slug;
	int version;
	const char *title, *effective_date, *published_at, *published_by, *summary;
};
typedef NEOERR *(*store_publishing_version_fn)(void *ctx, const struct store_publishing_version_row *row);

/* Every version of an item, newest first. */
NEOERR *store_publishing_versions(struct db *db, enum store_item kind, int64_t item_id,
				  store_publishing_version_fn each, void *ctx);
/* Section versions taking effect after today, soonest first (at most 100). */
NEOERR *store_publishing_upcoming(struct db *db, const char *today, store_publishing_version_fn each, void *ctx);

/* A new version; *id gets its row id. */
struct store_publishing_new_version {
	int version;
	const char *title, *body_md, *html, *text, *effective_date, *published_at, *published_by, *summary;
};
NEOERR *store_publishing_version_add(struct db *db, enum store_item kind, int64_t item_id,
				     const struct store_publishing_new_version *v, int64_t *id);
/* A new version `to` copying version `from` (title, text and, for a
 * section, citations) with its own date, time, publisher and summary. */
NEOERR *store_publishing_version_copy(struct db *db, enum store_item kind, int64_t item_id, int from, int to,
				      const char *effective_date, const char *published_at, const char *published_by,
				      const char *summary);

/* One legal reference of a section version, in order. */
struct store_citation {
	const char *cite, *code, *title, *chapter, *number, *subsection, *raw;
};
NEOERR *store_publishing_citations_add(struct db *db, int64_t version_id, const struct store_citation *c, size_t n);
/* The citations of a version, in order (only cite is read). */
NEOERR *store_publishing_citations(struct db *db, int64_t version_id,
				   NEOERR *(*each)(void *ctx, const struct store_citation *c), void *ctx);

/* ---- Drafts ---- */

/* The draft save counter now. */
NEOERR *store_publishing_draft_seq(struct db *db, int64_t *seq);
/* Advance the counter; *seq gets its new value. */
NEOERR *store_publishing_draft_seq_next(struct db *db, int64_t *seq);

struct store_publishing_draft {
	int base_version;
	const char *title, *body_md, *citations, *summary, *effective_date;
	int material;
	int64_t seq;
	const char *updated_at;
};
/* Write user_id's draft of an item (replacing theirs). */
NEOERR *store_publishing_draft_put(struct db *db, enum store_item kind, int64_t item_id, int64_t user_id,
				   const struct store_publishing_draft *d);
/* user_id's draft of an item, to each (not called when there is none). */
NEOERR *store_publishing_draft_get(struct db *db, enum store_item kind, int64_t item_id, int64_t user_id,
				   NEOERR *(*each)(void *ctx, const struct store_publishing_draft *d), void *ctx);
NEOERR *store_publishing_draft_delete(struct db *db, enum store_item kind, int64_t item_id, int64_t user_id);
/* The newest draft of an item by another user saved after seq (*found = 0
 * when none; who is the drafter's name, when the save time). */
NEOERR *store_publishing_draft_newer(struct db *db, enum store_item kind, int64_t item_id, int64_t user_id, int64_t seq,
				     struct store_publishing_text *out, int *found);

/* A row of a list of drafts. */
struct store_publishing_draft_row {
	enum store_item kind;
	const char *doc_slug, *slug; /* all drafts */
	const char *title, *name, *login, *updated_at;
	int base_version; /* other drafts */
};
typedef NEOERR *(*store_publishing_draft_fn)(void *ctx, const struct store_publishing_draft_row *row);
/* Other users' drafts of an item, newest save first. */
NEOERR *store_publishing_drafts_of_others(struct db *db, enum store_item kind, int64_t item_id, int64_t user_id,
					  store_publishing_draft_fn each, void *ctx);
/* Every draft, most recently updated first (at most 100). */
NEOERR *store_publishing_drafts_all(struct db *db, store_publishing_draft_fn each, void *ctx);

/* ---- Structure ---- */

/* A row of a document's sections, in document order (sort, id). */
struct store_publishing_section_row {
	int64_t id, parent;              /* parent 0: top level */
	const char *kind, *slug, *title; /* title: newest version's, else the ToC title */
	int sort, retired, latest;
};
NEOERR *store_publishing_sections(struct db *db, int64_t document_id,
				  NEOERR *(*each)(void *ctx, const struct store_publishing_section_row *row),
				  void *ctx);
/* Set a section's sort key; with place, also its parent (0: top level). */
NEOERR *store_publishing_section_sort(struct db *db, int64_t id, int sort, int place, int64_t parent);
/* The document's structure is HR's from now on (the importer leaves it). */
NEOERR *store_publishing_document_hr_structure(struct db *db, int64_t document_id);
/* The kind of section id of a document (*found = 0 when it is not one of its). */
NEOERR *store_publishing_section_kind(struct db *db, int64_t document_id, int64_t id, char kind[16], int *found);
NEOERR *store_publishing_section_exists(struct db *db, int64_t document_id, const char *slug, int *found);
/* A new retired section (sort 0: the caller renumbers) under parent (0: top level). */
NEOERR *store_publishing_section_add(struct db *db, int64_t document_id, int64_t parent, const char *slug,
				     const char *title, int64_t *id);
/* Sections not retired directly under a section. */
NEOERR *store_publishing_visible_children(struct db *db, int64_t id, int *count);
NEOERR *store_publishing_term_exists(struct db *db, const char *slug, int *found);
/* A new retired term, sorted last. */
NEOERR *store_publishing_term_add(struct db *db, const char *slug, int64_t *id);
NEOERR *store_publishing_set_retired(struct db *db, enum store_item kind, int64_t id, int retired);
/* An item's first version is out: it is no longer hidden (a section's ToC
 * title becomes title). */
NEOERR *store_publishing_unhide(struct db *db, enum store_item kind, int64_t id, const char *title);
/* Acknowledgement campaigns on a section that asked for an older version
 * ask for `version` again, from at. */
NEOERR *store_publishing_campaigns_reopen(struct db *db, int64_t section_id, int version, const char *at);

/* A row of the glossary's terms (A to Z by the newest term, else slug). */
struct store_publishing_term_row {
	const char *slug, *term;
	int retired, latest;
};
NEOERR *store_publishing_terms(struct db *db, NEOERR *(*each)(void *ctx, const struct store_publishing_term_row *row),
			       void *ctx);

/* ---- What the impact report reads ---- */

struct store_publishing_request_row {
	int64_t id;
	const char *status, *owner; /* owner: the employee's name */
};
/* Requests of a form type still open (pending or decided), oldest first,
 * at most limit; *total gets how many there are in all. */
NEOERR *store_publishing_open_requests(struct db *db, const char *type, int limit, int *total,
				       NEOERR *(*each)(void *ctx, const struct store_publishing_request_row *row),
				       void *ctx);

struct store_publishing_link_row {
	const char *doc_slug, *slug, *title, *body_md;
};
/* Sections not retired, other than section_id, whose version in effect on
 * as_of has needle in its Markdown, in document order (at most 50). */
NEOERR *store_publishing_linking(struct db *db, const char *needle, const char *as_of, int64_t section_id,
				 NEOERR *(*each)(void *ctx, const struct store_publishing_link_row *row), void *ctx);

struct store_publishing_campaign_row {
	int64_t id;
	const char *title, *due_on;
};
/* The acknowledgement campaigns on a section, oldest first. */
NEOERR *store_publishing_campaigns_on(struct db *db, int64_t section_id,
				      NEOERR *(*each)(void *ctx, const struct store_publishing_campaign_row *row),
				      void *ctx);

#endif
