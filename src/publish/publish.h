/* publish: HR's changes to the content — drafts, new versions of sections
 * and glossary terms, rollbacks, new sections and terms, moves and
 * retirements. Reading stays in content.h; this module only writes.
 *
 * An "item" is one section (of any document) or one glossary term. Each
 * editor has at most one draft per item (drafts table). Two editors are
 * kept from overwriting each other without seeing it:
 *   - an edit form carries the newest version number it started from
 *     (base) and the save counter it has seen (seen); saving or publishing
 *     is refused (publish_conflict) when a newer version was published since
 *     base, or another editor saved a draft of the item after seen.
 *   - a refused save changes nothing; the page shows the differences.
 * Publishing writes version max+1 (title, Markdown, HTML and text from
 * markdown_render, citations from citation_parse, effective date, who,
 * when, why) and everything it causes, in one transaction (each action
 * below owns its own; the SQL is in store/publishing.h):
 * the editor's draft goes, a new section or term becomes visible,
 * acknowledgement campaigns re-open when the change is material, and the
 * search index follows (publish_reindex). Effective dates never go
 * backwards: a version takes effect on or after today and on or after the
 * newest version's date, so later versions always win. */
#ifndef HR_PUBLISH_H
#define HR_PUBLISH_H

#include <stdint.h>
#include <ClearSilver.h>
#include <stddef.h>
#include <time.h>

#include "content/citation.h"
#include "store/db.h"

#define PUBLISH_MAX_TITLE 200
#define PUBLISH_MAX_BODY (48 * 1024) /* Markdown source (the largest section is 16 KB) */
#define PUBLISH_MAX_CITATIONS 32
#define PUBLISH_MAX_CITATIONS_TEXT 4000
#define PUBLISH_MAX_SUMMARY 300
#define PUBLISH_MAX_SLUG 80

enum publish_kind { PUBLISH_SECTION, PUBLISH_TERM };

/* One editable section or term, as found by its address. */
struct publish_item {
	enum publish_kind kind;
	int64_t id;          /* sections.id or glossary_terms.id */
	int64_t document_id; /* sections */
	char doc_slug[64];   /* sections: "handbook" */
	char slug[PUBLISH_MAX_SLUG + 48];
	char section_kind[16];              /* part, group, section ("" for terms) */
	char title[PUBLISH_MAX_TITLE + 56]; /* newest version's title, or the ToC title */
	int latest;                         /* newest version number; 0 when nothing is published */
	char latest_date[11];               /* its effective date ("" when none) */
	int retired;
};

NEOERR *publish_find_section(struct db *db, const char *doc_slug, const char *slug, struct publish_item *out);
NEOERR *publish_find_term(struct db *db, const char *slug, struct publish_item *out);

/* "/handbook/sick-leave" or "/glossary/slug": where readers see the item
 * (also the audit log's target). */
void publish_item_path(const struct publish_item *it, char *out, size_t size);
/* "section" or "term" (the drafts table's kind). */
const char *publish_kind_name(enum publish_kind kind);

/* What an editor submits (all strings owned by the caller). */
struct publish_form {
	const char *title;
	const char *body;      /* Markdown */
	const char *citations; /* one or more legal references per line (sections) */
	const char *summary;
	const char *effective_date;
	int material;
	int base;     /* version the edit started from */
	int64_t seen; /* the draft save counter the editor has seen */
};

/* Per-field messages (NULL when the field is fine). */
struct publish_errors {
	const char *title, *body, *citations, *summary, *effective_date;
	int count;
	char body_buf[300], citations_buf[300], date_buf[200];
};

/* The parsed form, ready to write. */
struct publish_text {
	char *html; /* from markdown_render (free with publish_text_free) */
	char *text;
	struct citation citations[PUBLISH_MAX_CITATIONS];
	size_t n_citations;
};
void publish_text_free(struct publish_text *t);

/* How much publish_check asks of a form: a draft only needs sizes within
 * limits (so nothing typed is ever refused a save); a preview also needs
 * Markdown that renders and citations that parse; publishing also needs a
 * summary and an effective date on or after today and on or after the
 * newest version's date. */
enum publish_check_mode { PUBLISH_CHECK_DRAFT, PUBLISH_CHECK_PREVIEW, PUBLISH_CHECK_PUBLISH };

/* Pure: check a form (today and the newest version's effective date are
 * YYYY-MM-DD, the latter "" when none). Fills *out (Markdown rendered,
 * citations parsed) for a preview or publish without errors; returns the
 * number of errors. */
int publish_check(const struct publish_form *f, enum publish_kind kind, enum publish_check_mode mode, const char *today,
		  const char *latest_date, struct publish_errors *e, struct publish_text *out);

/* Pure: split text into legal references (one or more per line). Returns
 * 0 and fills out, or -1 with a message naming the first line that is not
 * a citation. */
int publish_parse_citations(const char *text, struct citation *out, size_t max, size_t *n, char *msg, size_t msgsz);

/* Pure: a URL slug from a title ("Paid Parental Leave" ->
 * "paid-parental-leave"); "" when the title has no letter or digit. */
void publish_slugify(const char *title, char *out, size_t size);
/* Pure: 1 when s is a slug the portal accepts (a-z, 0-9, single hyphens). */
int publish_slug_ok(const char *s);

/* --- Conflicts ----------------------------------------------------------- */

enum publish_conflict_kind { CONFLICT_NONE, CONFLICT_VERSION, CONFLICT_DRAFT };

struct publish_conflict {
	enum publish_conflict_kind kind;
	int latest;                     /* CONFLICT_VERSION: the version published since */
	char who[128];                  /* who published it, or whose draft it is */
	char when[21];                  /* ISO time */
	char *other_title, *other_body; /* their text (free with publish_conflict_free) */
	char *base_body;                /* CONFLICT_VERSION: the text the edit started from */
};
void publish_conflict_free(struct publish_conflict *c);

/* --- Drafts -------------------------------------------------------------- */

/* The draft counter now (what an edit form carries as "seen"). */
NEOERR *publish_draft_seq(struct db *db, int64_t *seq);

/* The text an editor starts from: their draft if they have one (*has_draft
 * 1, base from the draft), else the newest version (base = latest). Sets
 * <prefix>.{Title,Body,Citations,Summary,EffectiveDate,Material,Base,Updated}. */
NEOERR *publish_load_for_edit(struct db *db, const struct publish_item *it, int64_t user_id, HDF *hdf,
			      const char *prefix, int *has_draft);

/* Other editors' drafts of the item: <prefix>.N.{Name,Login,Updated,Base}. */
NEOERR *publish_other_drafts(struct db *db, const struct publish_item *it, int64_t user_id, HDF *hdf,
			     const char *prefix);

/* Every unpublished draft (the admin page): <prefix>.N.{Kind,Path,EditUrl,Title,Name,Updated}. */
NEOERR *publish_all_drafts(struct db *db, HDF *hdf, const char *prefix);

/* Section versions published to take effect after today, soonest first
 * (the admin page): <prefix>.N.{EditUrl,Title,Version,EffectiveDate,Summary}. */
NEOERR *publish_upcoming(struct db *db, const char *today, HDF *hdf, const char *prefix);

/* Every published version, newest first:
 * <prefix>.N.{Version,Title,EffectiveDate,PublishedAt,PublishedBy,Summary}. */
NEOERR *publish_versions(struct db *db, const struct publish_item *it, HDF *hdf, const char *prefix);

/* --- Actions ------------------------------------------------------------- */

/* Each action below runs in its own transaction. Those that take
 * then(db, then_ctx) run it in that transaction, when not NULL, once the
 * action's writes are done (the caller's audit entry, an announcement):
 * the action's out-parameters (*version, *id) are already set, and its
 * failure undoes the action. */
/* Save a checked form: as user_id's draft when t is NULL (*seq gets the
 * save's counter value), else as version latest+1 published by `by`
 * (*version gets its number). Refused, with nothing written and then not
 * called, when a newer version was published since f->base or another
 * editor saved a draft after f->seen: c->kind says so (free c with
 * publish_conflict_free either way). HR_ERR_BAD_REQUEST when the
 * form's base version does not exist. */
NEOERR *publish_save(struct db *db, const struct publish_item *it, int64_t user_id, const char *by,
		     const struct publish_form *f, const struct publish_text *t, time_t now, db_tx_fn then,
		     void *then_ctx, struct publish_conflict *c, int *version, int64_t *seq);

/* A new version that copies version `from` (title, text, citations).
 * HR_ERR_CONFLICT when a version newer than base was published since the
 * editor looked; HR_ERR_NOT_FOUND when there is no version from. */
NEOERR *publish_rollback(struct db *db, const struct publish_item *it, int64_t user_id, const char *by, int from,
			 int base, const char *summary, const char *effective_date, time_t now, db_tx_fn then,
			 void *then_ctx, int *version);

/* Keep search in step with one item (and flush), inside the caller's
 * transaction. */
NEOERR *publish_reindex(struct db *db, const struct publish_item *it);

/* --- Structure ----------------------------------------------------------- */

/* A new, not yet published section of a document under parent (0: top
 * level) after sibling `after` (0: first), hidden until its first version
 * is published. HR_ERR_CONFLICT when the slug is taken. */
NEOERR *publish_create_section(struct db *db, int64_t document_id, int64_t parent, int64_t after, const char *slug,
			       const char *title, db_tx_fn then, void *then_ctx, int64_t *id);
/* A new, not yet published glossary term, with a first draft by user_id
 * titled term. HR_ERR_CONFLICT when the slug is taken. */
NEOERR *publish_create_term(struct db *db, const char *slug, const char *term, int64_t user_id, time_t now,
			    db_tx_fn then, void *then_ctx, int64_t *id);

/* Move a section (with everything under it) under parent after sibling
 * `after`. HR_ERR_BAD_REQUEST for a move into itself or another document. */
NEOERR *publish_move(struct db *db, const struct publish_item *it, int64_t parent, int64_t after, db_tx_fn then,
		     void *then_ctx);

/* Retire (hide) or restore an item. A section with visible sections under
 * it cannot be retired (HR_ERR_CONFLICT); an item never published cannot be
 * restored. */
NEOERR *publish_set_retired(struct db *db, const struct publish_item *it, int retired, db_tx_fn then, void *then_ctx);

/* Pure: a document order for a tree, for renumbering. nodes[i] has id and
 * parent (0: top level) and is listed in the current order; the move (id
 * under parent after `after`, 0 for none) is applied, and order[] gets the
 * indexes of nodes in the new pre-order. Returns -1 when the move is
 * impossible (into its own subtree, or an unknown parent or sibling). */
struct publish_node {
	int64_t id, parent;
};
int publish_reorder(const struct publish_node *nodes, size_t n, int64_t id, int64_t parent, int64_t after,
		    size_t *order);

#endif
