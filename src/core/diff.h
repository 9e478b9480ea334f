/* diff: word-level differences between two texts, for "what changed in
 * this version". Pure C, no I/O.
 *
 * Texts are split into words (runs of non-space) and the space between
 * them; the longest common subsequence of words (Myers' algorithm) gives
 * the words kept, removed and added. diff_html() renders the result with
 * <del> and <ins>, escaping every word, so it can be shown as portal-made
 * HTML. Very different texts (more than DIFF_MAX_EDITS word edits) are
 * shown as one removal and one addition rather than spending unbounded
 * time and memory. */
#ifndef HR_DIFF_H
#define HR_DIFF_H

#include <ClearSilver.h>
#include <stddef.h>

#define DIFF_MAX_EDITS 4000

struct diff_stats {
	size_t words_kept;
	size_t words_removed;
	size_t words_added;
};

/* Word-level diff of before and after as HTML (appended to out): kept
 * words as text, removed words in <del>, added words in <ins>, all
 * escaped. Paragraph breaks (blank lines) become <br><br>. */
NEOERR *diff_html(const char *before, const char *after, STRING *out, struct diff_stats *stats);

/* What changed between two versions as readers see them: before and after
 * are portal-rendered HTML (trusted: made by the Markdown renderer). Blocks
 * kept stay as they render; a changed paragraph or heading shows its words
 * removed and added; a table or list that changed shows whole, removed
 * then added, still a table. stats counts words of the text. */
#define DIFF_MAX_BLOCKS 2000
NEOERR *diff_blocks_html(const char *before, const char *after, STRING *out, struct diff_stats *stats);

#endif
