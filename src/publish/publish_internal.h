/* publish_internal: what publish.c (drafts, conflicts, versions, rollbacks)
 * and structure.c (new sections and terms, moves, retiring) share. Private
 * to those two files: nothing else includes this header; publish.h is the
 * module's interface. */
#ifndef HR_PUBLISH_INTERNAL_H
#define HR_PUBLISH_INTERNAL_H

#include <ClearSilver.h>
#include <stdint.h>
#include <time.h>

#include "publish/publish.h"
#include "store/db.h"
#include "store/publishing.h"

/* The store's name for an item's kind. */
enum store_item publish_store_kind(enum publish_kind kind);

/* Run an action's then(db, then_ctx), when not NULL, in its transaction
 * (see "Actions" in publish.h). */
NEOERR *publish_then_run(struct db *db, db_tx_fn then, void *then_ctx);

/* Save user_id's draft of the item (inside the caller's transaction); *seq
 * gets the save's counter value. A new term's first draft is one. */
NEOERR *publish_save_draft(struct db *db, const struct publish_item *it, int64_t user_id, const struct publish_form *f,
			   time_t now, int64_t *seq);

#endif
