/*
 * doc_int.h — internals shared by the files of the document parser:
 *   doc_repair.c    the raw text repaired: portal metadata, flattened
 *                   columns, numbers and dates broken over lines;
 *   doc_text.c      UTF-8, Vietnamese case folding, logical lines and tables;
 *   doc_extract.c   units, who leads and cooperates, cited documents;
 *   doc_deadline.c  dates, deadlines and recurrence;
 *   doc_header.c    issuer, number and symbol, place and date, type, subject,
 *                   addressees;
 *   doc_footer.c    signer and distribution list;
 *   doc_para.c      list markers and paragraphs;
 *   doc_tasks.c     the walk of the numbered body that drafts tasks;
 *   doc_annex.c     annex task tables;
 *   doc_quality.c   warnings for what could not be read, the confidence;
 *   docparse.c      the whole document (docparse.h).
 * Not for use outside src/doc/ and its unit tests.
 */
#ifndef CCHC_DOC_INT_H
#define CCHC_DOC_INT_H
#include "doc/docparse.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NPOS ((size_t)-1)

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

/* ---- repair (doc_repair.c) ---- */

/*
 * The text with a portal's metadata table dropped, a "|"-flattened
 * two-column header made a layout table, and a number or date carried to
 * the next line joined back.  Lines end in "\n".  New string (NUL after
 * *out_len bytes) the caller frees.
 */
char *doc_repair(const char *text, size_t len, size_t *out_len);

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
/* doc_lower(s) as a new NUL-terminated string; the caller frees. */
char *doc_lower_dup(const char *s, size_t len);
/* Replaces *dst with s trimmed (as doc_trim_dup), or NULL if nothing is left. */
void doc_set_str(char **dst, const char *s, size_t len, const char *strip_tail);
/* Words separated by single spaces (the text is collapsed). */
size_t doc_word_count(const char *s, size_t len);
bool doc_ends_with(const char *s, size_t len, const char *lit);
/* Whether s[i] is an ASCII digit (false past the end). */
bool doc_digit_at(const char *s, size_t len, size_t i);
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

/*
 * Whether every verb of the text only carries out work named elsewhere
 * ("... triển khai thực hiện", "... chịu trách nhiệm thực hiện"): it gives
 * no work of its own.
 */
bool doc_no_own_work(const char *s, const char *lc, size_t len);

/* What a task's own words say about who does it. */
struct assign {
	struct doc_strs units;	/* assignees */
	char *lead;
	struct doc_strs coop;
	bool self_lead;		/* text opens with "Chủ trì": the inherited unit leads */
	bool whole;		/* the whole text was a list of units (a heading) */
	bool directed;		/* opened "Chỉ đạo <units> ...": under a heading that names
				 * who does it, these units are the ones directed, not the doers */
};
void doc_assign(const char *s, const char *lc, size_t len, struct assign *a);
void assign_free(struct assign *a);

/* ---- deadlines and recurrence (doc_deadline.c) ---- */

/*
 * Finds a deadline in a task's text.  table_cell: the text is a "Thời gian
 * hoàn thành" cell, so bare dates, months and years count too.  doc_date
 * supplies the year when the text omits it.  Sets *text (as written; caller
 * frees) and returns the day or DATE_NONE.  A "trước ngày"/"chậm nhất" date
 * wins over any other phrase; otherwise the first phrase found counts.
 */
int32_t doc_deadline(const char *s, const char *lc, size_t len, bool table_cell,
		     int32_t doc_date, char **text);
/* The most frequent repetition the text names ("hằng tháng", "thường xuyên"). */
enum doc_recurrence doc_recurrence(const char *lc, size_t len);
/*
 * Parses "25/02/2026", "25-02-2026", "25 tháng 02 năm 2026" at lc[i]; sets
 * *end.  A date without its year takes default_year (none if it is 0).
 */
int32_t doc_date_at(const char *lc, size_t len, size_t i, size_t *end, int default_year);

/* One deadline search over a task's lowercase text. */
struct due_scan {
	const char *lc;
	size_t len;
	bool table_cell;	/* a "Thời gian hoàn thành" cell */
	int32_t doc_date;	/* the document's date, or DATE_NONE */
	int doc_year;		/* its year, or 0 */
};

/* A deadline phrase found at a word start: lc[start..end) as written. */
struct due_hit {
	size_t start, end;
	int32_t day;		/* DATE_NONE when the phrase names no single day */
	bool strong;		/* a "trước ngày"/"chậm nhất" date: ends the search */
};

/*
 * The steps of doc_deadline: each reads one kind of phrase starting at
 * lc[i] and, if it is there, sets h's end and day (and moves its start,
 * which comes in as i, back over a "trước " that belongs to the phrase)
 * and returns true; otherwise it leaves h alone.
 *   due_by_date    "chậm nhất ngày 15/3/2026", "trước ngày 30 tháng 6 năm
 *                  2026", "hạn chót 31/3"; "trước ngày 20 hằng tháng" is
 *                  found with no day.
 *   due_quarter    "Quý II/2026", "quý 3 năm 2026": the quarter's last day;
 *                  "trước Quý III": the day before it begins.
 *   due_half_year  "6 tháng đầu năm 2026", "9 tháng đầu năm", "6 tháng cuối năm".
 *   due_month      "tháng 6 năm 2026", "trong tháng 6/2026", "trước tháng 9".
 *   due_in_year    "(hoàn thành) trong năm 2026": 31 December.
 *   due_cell       a table cell's bare "30/6/2026", "15/12" or "Năm 2026".
 * A period without its year counts only in a table cell or after "trong"/
 * "trước"; "hằng quý", "mỗi tháng" are repetitions, never deadlines.
 */
bool due_by_date(const struct due_scan *sc, size_t i, struct due_hit *h);
bool due_quarter(const struct due_scan *sc, size_t i, struct due_hit *h);
bool due_half_year(const struct due_scan *sc, size_t i, struct due_hit *h);
bool due_month(const struct due_scan *sc, size_t i, struct due_hit *h);
bool due_in_year(const struct due_scan *sc, size_t i, struct due_hit *h);
bool due_cell(const struct due_scan *sc, size_t i, struct due_hit *h);
/* The steps in order, surest first; have_weak: a weaker phrase came before. */
bool due_at(const struct due_scan *sc, size_t i, bool have_weak, struct due_hit *h);

/* ---- references (doc_extract.c) ---- */

/* Appends the references ("số 4110/KH-UBND ngày 31/12/2025") found in s. */
void doc_find_refs(struct doc *d, const char *s, const char *lc, size_t len);

/* ---- the header (doc_header.c) ---- */

/* What the header boxes gave, beyond the fields set on the document. */
struct header {
	struct doc_strs issuer;	/* the issuer's lines, top down */
	bool number_line, date_line, motto;
	struct buf subject;
	int in_subject;		/* 1 after V/v or a title */
	size_t end;		/* first body line */
};

/*
 * Reads the header from the first line of dl: sets the document's number,
 * symbol, place, date, title and addressees, and fills h (zeroed by the
 * caller, released with header_release).
 */
void header_parse(struct doc *d, const struct dlines *dl, struct header *h);
void header_release(struct header *h);
/*
 * Where a glued header chunk must be cut: the motto, "Số:" or a place and
 * date ("Cao Bằng, ngày ...") starting after other text on the same line.
 * Returns len when there is no cut.
 */
size_t header_cut(const char *s, const char *lc, size_t len);
/*
 * "Số: 473/UBND-NC", "Số:   /UBND-NC" (a draft: no number), "Số: 12/2026/
 * QĐ-UBND": sets d->number and d->symbol; returns the bytes used, 0 if the
 * text is not a number line.
 */
size_t header_number(struct doc *d, const char *s, const char *lc, size_t len);
/*
 * "Cao Bằng, ngày 25 tháng 02 năm 2026", also with the day left blank in a
 * draft ("ngày   tháng 02 năm 2026", date DATE_NONE): sets d->place and
 * d->date; returns the bytes used, 0 if the text is not a place and date.
 */
size_t header_place_date(struct doc *d, const char *s, const char *lc, size_t len);
/*
 * The "Kính gửi" list at line i, one addressee per item ("- Sở Nội vụ;",
 * or "; " between names on one line) into d->addressees; returns the line
 * after it.
 */
size_t header_addressees(struct doc *d, const struct dlines *dl, size_t i);
/*
 * The issuing body from its lines: the governing body's line ("UBND TỈNH
 * CAO BẰNG") is dropped when a unit follows it ("SỞ NỘI VỤ"), kept after a
 * unit that names nothing alone ("VĂN PHÒNG").  New string, or NULL.
 */
char *header_issuer(const struct doc_strs *lines);
/* The type ("KH", "QD", "CV", ...) of a symbol such as "473/KH-UBND"; NULL if none. */
const char *doc_type_from_symbol(const char *sym);
/* The type named by a title line ("kế hoạch ..."); *rest: the bytes of its name. */
const char *doc_type_from_title(const char *lc, size_t len, size_t *rest);

/* ---- the foot (doc_footer.c) ---- */

/*
 * The foot after line from: *fs is its first line (the signature block or
 * "Nơi nhận"), *fe the first line after it (an annex table or "Phụ lục");
 * both dl->n when absent.
 */
void footer_find(const struct dlines *dl, size_t from, size_t *fs, size_t *fe);
/* Reads the signer and the distribution list from lines [fs, fe). */
void footer_parse(struct doc *d, const struct dlines *dl, size_t fs, size_t fe);

/* ---- paragraphs (doc_para.c) ---- */

/* List levels, outermost first; LV_PLAIN is a paragraph without a marker. */
enum { LV_TOP = 0, LV_NUM = 1, LV_NUM2 = 2, LV_NUM3 = 3, LV_LETTER = 4, LV_DASH = 5, LV_PLUS = 6,
       LV_PLAIN = 7, LV_COUNT = 8 };

struct para {
	char *s, *lc;		/* owned; lc is doc_lower(s) */
	size_t len;
	int level;		/* LV_* of its marker */
	char label[32];		/* "II", "1.2", "a", "Điều 3"; "" for bullets and plain text */
	size_t text;		/* offset of the text after the marker */
	bool table;		/* stands for dl->tables[table_idx]; s is "" */
	size_t table_idx;
};

struct paras {
	struct para *v;
	size_t n;
};

/* The length of a bullet ("- ", "+ ", "– ", "— ", "• ") at s, 0 if none. */
size_t para_bullet(const char *s, size_t len);
/* The value of a Roman numeral "I".."XXXIX" of n bytes, 0 if s is not one. */
int para_roman(const char *s, size_t n);
/*
 * The list marker at the start of a line: "Điều 2." (LV_TOP), "II." (LV_TOP),
 * "1." or "1)" (LV_NUM), "1.2" (LV_NUM2), "1.2.3" (LV_NUM3), "a)" or "đ)"
 * (LV_LETTER), "-" (LV_DASH), "+" (LV_PLUS); LV_PLAIN when there is none.
 * Sets label and *text, the offset of the text after the marker.
 */
int para_marker(const char *s, const char *lc, size_t len, char label[32], size_t *text);
/* Whether the text ends a sentence or an item (". ; : ! ?"). */
bool para_terminated(const char *s, size_t len);
/*
 * Joins the text lines of [from, to) into paragraphs (appended to ps),
 * undoing breaks in the middle of a sentence; a table becomes one
 * paragraph marked table.  The caller frees with paras_free.
 */
void paras_build(const struct dlines *dl, size_t from, size_t to, struct paras *ps);
void paras_free(struct paras *ps);

/* ---- tasks (doc_tasks.c, doc_annex.c) ---- */

/* Appends an empty task (deadline DATE_NONE) to d and returns it. */
struct doc_task *doc_new_task(struct doc *d);
/*
 * Walks one run of paragraphs, the body (body: stops at the closing
 * paragraphs after the last list item) or an annex, appending its tasks
 * to d.
 */
void tasks_walk(struct doc *d, const struct dlines *dl, const struct paras *ps, bool body);
/* Appends the tasks of an annex task table (rows[0] the header row) to d. */
void annex_tasks(struct doc *d, const struct dtable *t);

/* ---- what could not be read (doc_quality.c) ---- */

/* Appends a warning (code as in doc_quality.c's table) about field to d. */
void doc_warn(struct doc *d, const char *field, const char *code);
/* Whether anything of a document was read: a header line, a task, a signature. */
bool doc_recognised(const struct doc *d, const struct header *h);
/* Adds the warnings for missing header fields and units, and sets the confidence. */
void doc_check(struct doc *d, const struct header *h);

#endif
