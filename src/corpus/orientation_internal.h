/* orientation_internal: what the parts of the orientation manual parser
 * share (corpus_orientation.c and orientation_*.c). Private to them: the
 * rest of the portal sees only corpus_parse_orientation() in corpus.h. */
#ifndef HRPORTAL_CORPUS_ORIENTATION_INTERNAL_H
#define HRPORTAL_CORPUS_ORIENTATION_INTERNAL_H

#include <stddef.h>

#include <ClearSilver.h>

#define OM_MAX_DEPTH 4 /* list nesting kept */

/* ------------------------------------------------------------------------
 * The outline (corpus_orientation.c)
 * ------------------------------------------------------------------------ */

enum om_kind {
	OM_SECTION,
	OM_PART,
	OM_GROUP,
	OM_FORM,
	OM_SUBHEAD, /* not a section: a level-2 heading inside the current one */
	OM_OMITTED, /* a page whose content the text copy lacks (an image) */
};

enum om_builder { BLD_PROSE, BLD_SICK_TABLE, BLD_BENEFITS, BLD_SALARY, BLD_FORM };

struct om_entry {
	enum om_kind kind;
	int level;            /* 0 top; n: inside the last part/group of level n-1 */
	const char *match[3]; /* consecutive lines that start it; NULL: a group
				  * that only gathers the entries after it */
	int keep;             /* leading matched lines that stay in the body */
	const char *toc_title;
	const char *title; /* NULL: toc_title */
	enum om_builder builder;
	const char *heading; /* heading at the start of the body, or the
				  * heading (SUBHEAD) / page name (OMITTED) */
};

extern const struct om_entry om_outline[];

/* ------------------------------------------------------------------------
 * Lines (corpus_orientation.c)
 * ------------------------------------------------------------------------ */

struct om_line {
	char *t;    /* text without leading and trailing white space */
	char *norm; /* t with runs of spaces squeezed */
	int indent; /* leading spaces in the source */
	int len;    /* strlen(t) */
	int mark;   /* 1 + index of the OM_SUBHEAD/OM_OMITTED entry here */
	unsigned blank : 1;
	unsigned skip : 1;   /* page footer, or a heading line the outline consumed */
	unsigned pbreak : 1; /* a page footer was removed just before this line */
};

void om_rtrim(char *s);

/* ------------------------------------------------------------------------
 * Text helpers and the output (orientation_text.c)
 * ------------------------------------------------------------------------ */

struct om_out {
	STRING *md;
	STRING *plain;
	int in_list;
	int last_depth;
	int ordered[OM_MAX_DEPTH + 1]; /* list type open at each depth */
};

char *om_asprintf(const char *fmt, ...);
char om_last_char(const char *s);
int om_ends_terminal(const char *s);
int om_starts_lower(const char *s);
int om_ends_small_word(const char *s);
int om_starts_upper(const char *s);
int om_count_words(const char *s);
size_t om_first_word_len(const char *s);
int om_is_title_case(const char *s);
char *om_decapitalise(const char *s);
NEOERR *om_append_line(STRING *buf, const char *t);
void om_replace_all(char *s, const char *pat, const char *rep);
char *om_tidy(const char *s);
NEOERR *om_out_end_list(struct om_out *o);
NEOERR *om_out_para(struct om_out *o, const char *text);
NEOERR *om_out_heading(struct om_out *o, int level, const char *text);
NEOERR *om_out_item(struct om_out *o, int depth, int number, const char *text);
NEOERR *om_out_table(struct om_out *o, char **cells, size_t nrows, size_t ncols);
void om_free_cells(char **cells, size_t n);

/* ------------------------------------------------------------------------
 * Builders: prose (orientation_prose.c), the tables (orientation_tables.c),
 * the forms (orientation_forms.c)
 * ------------------------------------------------------------------------ */

char *om_omitted_note(const struct om_entry *e);
NEOERR *om_prose_range(struct om_out *o, const struct om_line *L, size_t from, size_t to);
NEOERR *om_build_sick_table(struct om_out *o, struct om_line *L, size_t from, size_t to, int *done);
NEOERR *om_build_benefits(struct om_out *o, struct om_line *L, size_t from, size_t to, int *done);
NEOERR *om_build_salary(struct om_out *o, struct om_line *L, size_t from, size_t to, int *done);
NEOERR *om_build_form(struct om_out *o, const struct om_entry *e, struct om_line *L, size_t from, size_t to);

#endif
