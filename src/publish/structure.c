/* structure: HR's changes to a document's shape rather than its text:
 * new sections and glossary terms, moves with renumbering of the sort keys,
 * retiring and restoring. Apart from publish.c (drafts, conflicts, versions,
 * rollbacks) because none of it writes a version; what both need is in
 * publish_internal.h. */
#include "publish/publish.h"
#include "publish/publish_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/errors.h"
#include "store/publishing.h"

int publish_reorder(const struct publish_node *nodes, size_t n, int64_t id, int64_t parent, int64_t after,
		    size_t *order)
{
	/* Index n is the document itself (the root). */
	size_t *first = NULL, *last = NULL, *next = NULL, *stack = NULL, *up = NULL;
	size_t moved = n, target = n, after_i = n, count = 0, top = 0;
	const size_t none = (size_t)-1;
	int rc = -1;

	first = malloc((n + 1) * sizeof *first);
	last = malloc((n + 1) * sizeof *last);
	next = malloc((n + 1) * sizeof *next);
	up = malloc((n + 1) * sizeof *up);
	stack = malloc((n + 1) * sizeof *stack);
	if (!first || !last || !next || !up || !stack)
		goto done;
	for (size_t i = 0; i <= n; i++)
		first[i] = last[i] = next[i] = up[i] = none;
	for (size_t i = 0; i < n; i++) {
		if (nodes[i].id == id)
			moved = i;
		if (parent && nodes[i].id == parent)
			target = i;
		if (after && nodes[i].id == after)
			after_i = i;
	}
	if (moved == n || (parent && target == n) || (after && after_i == n) || after == id)
		goto done;
	/* Children lists in the current order; the moved node is left out. */
	for (size_t i = 0; i < n; i++) {
		size_t p = n;

		if (i == moved)
			continue;
		for (size_t k = 0; nodes[i].parent && k < n; k++)
			if (nodes[k].id == nodes[i].parent && k != i) {
				p = k;
				break;
			}
		up[i] = p;
		if (first[p] == none)
			first[p] = i;
		else
			next[last[p]] = i;
		last[p] = i;
	}
	up[moved] = target;
	/* Not into its own subtree. */
	for (size_t a = target, guard = 0; a != n && a != none && guard <= n; a = up[a], guard++)
		if (a == moved)
			goto done;
	/* Insert it: first, or after its new sibling. */
	if (after == 0) {
		next[moved] = first[target];
		first[target] = moved;
	} else {
		if (up[after_i] != target)
			goto done;
		next[moved] = next[after_i];
		next[after_i] = moved;
	}
	/* Pre-order: each node is pushed once (as a first child or as a next
	 * sibling), so the stack never holds more than n. */
	if (first[n] != none)
		stack[top++] = first[n];
	while (top > 0) {
		size_t x = stack[--top];

		if (count >= n)
			goto done; /* a cycle among the old parents: refuse */
		order[count++] = x;
		if (next[x] != none)
			stack[top++] = next[x];
		if (first[x] != none)
			stack[top++] = first[x];
	}
	/* Nodes orphaned by a cycle in the old data never appear: refuse. */
	rc = count == n ? 0 : -1;
done:
	free(first);
	free(last);
	free(next);
	free(up);
	free(stack);
	return rc;
}

/* A document's sections in their current order, for renumbering. */
struct tree {
	struct publish_node *nodes;
	int *sorts;
	size_t n, cap;
};

static NEOERR *tree_add(void *ctx, const struct store_publishing_section_row *r)
{
	struct tree *t = ctx;

	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 128;
		struct publish_node *nn = realloc(t->nodes, ncap * sizeof *t->nodes);
		int *ns = nn ? realloc(t->sorts, ncap * sizeof *t->sorts) : NULL;

		if (nn)
			t->nodes = nn;
		if (ns)
			t->sorts = ns;
		if (nn == NULL || ns == NULL)
			return nerr_raise(NERR_NOMEM, "renumbering sections");
		t->cap = ncap;
	}
	t->nodes[t->n].id = r->id;
	t->nodes[t->n].parent = r->parent;
	t->sorts[t->n] = r->sort;
	t->n++;
	return STATUS_OK;
}

/* Apply a move within a document and renumber its sort keys (10, 20, ...),
 * writing only what changed. The document's structure is HR's from now on. */
static NEOERR *renumber(struct db *db, int64_t document_id, int64_t id, int64_t parent, int64_t after)
{
	struct tree t = { NULL, NULL, 0, 0 };
	size_t *order = NULL;
	NEOERR *err = store_publishing_sections(db, document_id, tree_add, &t);

	if (err == STATUS_OK && (order = malloc((t.n + 1) * sizeof *order)) == NULL)
		err = nerr_raise(NERR_NOMEM, "renumbering sections");
	if (err == STATUS_OK && publish_reorder(t.nodes, t.n, id, parent, after, order) != 0)
		err = nerr_raise(HR_ERR_BAD_REQUEST, "A section cannot be placed there (not inside itself, and only "
						     "after a section with the same parent).");
	for (size_t i = 0; i < t.n && err == STATUS_OK; i++) {
		size_t k = order[i];
		int sort = (int)(i + 1) * 10, moved = t.nodes[k].id == id;

		if (!moved && t.sorts[k] == sort)
			continue;
		err = store_publishing_section_sort(db, t.nodes[k].id, sort, moved, parent);
	}
	if (err == STATUS_OK)
		err = store_publishing_document_hr_structure(db, document_id);
	free(t.nodes);
	free(t.sorts);
	free(order);
	return nerr_pass(err);
}

/* The kind of a section that may hold children, in a document. */
static NEOERR *parent_kind(struct db *db, int64_t document_id, int64_t parent, char kind[16])
{
	int found = 0;
	NEOERR *err;

	kind[0] = '\0';
	if (parent == 0)
		return STATUS_OK;
	err = store_publishing_section_kind(db, document_id, parent, kind, &found);
	if (err == STATUS_OK && !found)
		err = nerr_raise(HR_ERR_BAD_REQUEST, "Choose a part or group of this document to put it in.");
	if (err == STATUS_OK && strcmp(kind, "section") == 0)
		err = nerr_raise(HR_ERR_BAD_REQUEST,
				 "A section can only go in a part or a group, not in another section.");
	return nerr_pass(err);
}

struct create_section {
	int64_t document_id, parent, after;
	const char *slug, *title;
	db_tx_fn then;
	void *then_ctx;
	int64_t *id;
};

static NEOERR *create_section_in_tx(struct db *db, void *ctx)
{
	struct create_section *c = ctx;
	char kind[16];
	int taken = 0;
	NEOERR *err = parent_kind(db, c->document_id, c->parent, kind);

	if (err == STATUS_OK)
		err = store_publishing_section_exists(db, c->document_id, c->slug, &taken);
	if (err == STATUS_OK && taken)
		err = nerr_raise(HR_ERR_CONFLICT, "This document already has a section at that address.");
	if (err == STATUS_OK)
		err = store_publishing_section_add(db, c->document_id, c->parent, c->slug, c->title, c->id);
	if (err == STATUS_OK)
		err = renumber(db, c->document_id, *c->id, c->parent, c->after);
	if (err == STATUS_OK)
		err = publish_then_run(db, c->then, c->then_ctx);
	return nerr_pass(err);
}

NEOERR *publish_create_section(struct db *db, int64_t document_id, int64_t parent, int64_t after, const char *slug,
			       const char *title, db_tx_fn then, void *then_ctx, int64_t *id)
{
	struct create_section c = { document_id, parent, after, slug, title, then, then_ctx, id };

	*id = 0;
	return nerr_pass(db_tx(db, create_section_in_tx, &c));
}

struct create_term {
	const char *slug, *term;
	int64_t user_id;
	time_t now;
	db_tx_fn then;
	void *then_ctx;
	int64_t *id;
};

static NEOERR *create_term_in_tx(struct db *db, void *ctx)
{
	struct create_term *c = ctx;
	struct publish_item it;
	struct publish_form f;
	int64_t seq = 0;
	int taken = 0;
	NEOERR *err = store_publishing_term_exists(db, c->slug, &taken);

	if (err == STATUS_OK && taken)
		err = nerr_raise(HR_ERR_CONFLICT, "The glossary already has a term at that address.");
	if (err == STATUS_OK)
		err = store_publishing_term_add(db, c->slug, c->id);
	if (err == STATUS_OK)
		err = publish_then_run(db, c->then, c->then_ctx);
	/* The new term starts with its name as the title of the first draft. */
	if (err == STATUS_OK)
		err = publish_find_term(db, c->slug, &it);
	memset(&f, 0, sizeof f);
	f.title = c->term;
	f.body = "";
	if (err == STATUS_OK)
		err = publish_save_draft(db, &it, c->user_id, &f, c->now, &seq);
	return nerr_pass(err);
}

NEOERR *publish_create_term(struct db *db, const char *slug, const char *term, int64_t user_id, time_t now,
			    db_tx_fn then, void *then_ctx, int64_t *id)
{
	struct create_term c = { slug, term, user_id, now, then, then_ctx, id };

	*id = 0;
	return nerr_pass(db_tx(db, create_term_in_tx, &c));
}

struct move {
	const struct publish_item *it;
	int64_t parent, after;
	db_tx_fn then;
	void *then_ctx;
};

static NEOERR *move_in_tx(struct db *db, void *ctx)
{
	struct move *m = ctx;
	const struct publish_item *it = m->it;
	char kind[16];
	NEOERR *err = parent_kind(db, it->document_id, m->parent, kind);

	if (err != STATUS_OK)
		return nerr_pass(err);
	/* Parts stay at the top; groups go at the top or in a part. */
	if (strcmp(it->section_kind, "part") == 0 && m->parent != 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "A part stays at the top level of its document.");
	if (strcmp(it->section_kind, "group") == 0 && strcmp(kind, "group") == 0)
		return nerr_raise(HR_ERR_BAD_REQUEST, "A group can go in a part, not in another group.");
	err = renumber(db, it->document_id, it->id, m->parent, m->after);
	if (err == STATUS_OK)
		err = publish_then_run(db, m->then, m->then_ctx);
	return nerr_pass(err);
}

NEOERR *publish_move(struct db *db, const struct publish_item *it, int64_t parent, int64_t after, db_tx_fn then,
		     void *then_ctx)
{
	struct move m = { it, parent, after, then, then_ctx };

	if (it->kind != PUBLISH_SECTION)
		return nerr_raise(HR_ERR_BAD_REQUEST, "Only sections have a place in a document.");
	if (parent == it->id)
		return nerr_raise(HR_ERR_BAD_REQUEST, "A section cannot go inside itself.");
	return nerr_pass(db_tx(db, move_in_tx, &m));
}

struct retire {
	const struct publish_item *it;
	int retired;
	db_tx_fn then;
	void *then_ctx;
};

static NEOERR *retire_in_tx(struct db *db, void *ctx)
{
	struct retire *r = ctx;
	const struct publish_item *it = r->it;
	int children = 0;
	NEOERR *err = STATUS_OK;

	if (r->retired && it->kind == PUBLISH_SECTION) {
		err = store_publishing_visible_children(db, it->id, &children);
		if (err == STATUS_OK && children > 0)
			err = nerr_raise(HR_ERR_CONFLICT,
					 "Sections are still filed under this one: move or retire them first.");
	}
	if (err == STATUS_OK)
		err = store_publishing_set_retired(db, publish_store_kind(it->kind), it->id, r->retired);
	if (err == STATUS_OK)
		err = publish_reindex(db, it);
	if (err == STATUS_OK)
		err = publish_then_run(db, r->then, r->then_ctx);
	return nerr_pass(err);
}

NEOERR *publish_set_retired(struct db *db, const struct publish_item *it, int retired, db_tx_fn then, void *then_ctx)
{
	struct retire r = { it, retired, then, then_ctx };

	if (!retired && it->latest == 0)
		return nerr_raise(HR_ERR_CONFLICT,
				  "Nothing of this has been published yet: publish a first version instead.");
	return nerr_pass(db_tx(db, retire_in_tx, &r));
}
