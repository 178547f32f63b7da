/*
 * doc_int.h — internals shared by the files of the document parser: the
 * text layer (UTF-8, Vietnamese case folding, logical lines and tables) and
 * the phrase extractors (units, deadlines, recurrence, references).
 * Not for use outside src/doc/.
 */
#ifndef CCHC_DOC_INT_H
#define CCHC_DOC_INT_H
#include "doc/docparse.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- characters ---- */

/* Decodes the code point at s[i] (input already validated); returns its length. */
size_t doc_cp(const char *s, size_t len, size_t i, uint32_t *cp);
uint32_t doc_cp_lower(uint32_t cp);
bool doc_cp_is_upper(uint32_t cp);
bool doc_cp_is_lower(uint32_t cp);
bool doc_cp_is_letter(uint32_t cp);
/*
 * Lowercases s into out (len bytes): only mappings that keep the UTF-8
 * length are applied, so byte offsets in out match those in s.
 */
void doc_lower(const char *s, size_t len, char *out);
/* Whether the text has letters and none of them lowercase. */
bool doc_all_upper(const char *s, size_t len);
/* Whether the first letter is uppercase (or the text starts with a digit). */
bool doc_starts_upper(const char *s, size_t len);

/* ---- logical lines ---- */

enum dline_kind { DL_TEXT, DL_BLANK, DL_TABLE };

struct drow {
	char **cell;
	size_t n;
};

struct dtable {
	struct drow *rows;	/* rows[0] is the header row */
	size_t nrows;
};

struct dline {
	enum dline_kind kind;
	char *s;		/* cleaned, spaces collapsed, trimmed */
	char *lc;		/* doc_lower(s), same length */
	size_t len;
	size_t table;		/* index into dlines.tables when kind is DL_TABLE */
};

struct dlines {
	struct dline *v;
	size_t n;
	struct dtable *tables;
	size_t ntables;
};

/*
 * Splits validated UTF-8 text into logical lines: CR/CRLF handled, converter
 * marks (**, _, \-escapes, ^(x)) removed, odd spaces collapsed, two-column
 * rows split at wide gaps, layout tables flattened column by column, and
 * task tables (a header naming "Nội dung" and "chủ trì"/"Thời gian") kept whole.
 */
void dlines_build(struct dlines *dl, const char *text, size_t len);
void dlines_free(struct dlines *dl);
/* Cleans one table cell or phrase the same way; the caller frees. */
char *doc_clean(const char *s, size_t len);

/* ---- small string helpers ---- */

/* lc starts with lit (lit lowercase ASCII/UTF-8). */
bool doc_has_prefix(const char *lc, size_t len, const char *lit);
/* Finds lit in lc[from..len) at a word start; returns offset or (size_t)-1. */
size_t doc_find_word(const char *lc, size_t len, size_t from, const char *lit);
char *doc_trim_dup(const char *s, size_t len, const char *strip_tail);
void strs_push(struct doc_strs *l, char *s);	/* takes ownership */
void strs_free(struct doc_strs *l);
void strs_copy(struct doc_strs *dst, const struct doc_strs *src);

/* ---- phrase extractors (doc_extract.c) ---- */

/*
 * Splits a phrase naming units into units as written: at ";" always, and at
 * "," or " và " only where the next words start a new unit ("UBND", "Sở ",
 * "các sở" ...).  "các sở: Nội vụ, Tư pháp" expands into "Sở Nội vụ", ...
 */
void doc_split_units(const char *s, size_t len, struct doc_strs *out);
/* Whether s starts with a unit or group name ("Sở ", "UBND", "Các ", ...). */
bool doc_unit_start(const char *s, const char *lc, size_t len);

/* What a task's own words say about who does it. */
struct assign {
	struct doc_strs units;	/* assignees */
	char *lead;
	struct doc_strs coop;
	bool self_lead;		/* text opens with "Chủ trì": the inherited unit leads */
	bool whole;		/* the whole text was a list of units (a heading) */
};
void doc_assign(const char *s, const char *lc, size_t len, struct assign *a);
void assign_free(struct assign *a);

/*
 * Finds a deadline in a task's text.  table_cell: the text is a "Thời gian
 * hoàn thành" cell, so bare dates, months and years count too.  doc_date
 * supplies the year when the text omits it.  Sets *text (as written; caller
 * frees) and returns the day or DATE_NONE.
 */
int32_t doc_deadline(const char *s, const char *lc, size_t len, bool table_cell,
		     int32_t doc_date, char **text);
enum doc_recurrence doc_recurrence(const char *lc, size_t len);
/* Parses "25/02/2026", "25-02-2026", "25 tháng 02 năm 2026" at lc[i]; sets *end. */
int32_t doc_date_at(const char *lc, size_t len, size_t i, size_t *end, int default_year);
/* Appends the references ("số 4110/KH-UBND ngày 31/12/2025") found in s. */
void doc_find_refs(struct doc *d, const char *s, const char *lc, size_t len);

#endif
