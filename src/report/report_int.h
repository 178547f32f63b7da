/*
 * report_int.h — what the parts of the report module share: the tables of
 * a report, described once as columns over the JSON rows, so that CSV, XLSX
 * and DOCX show the same figures under the same headings; and the way the
 * report writes days, rates and values in Vietnamese (report_vi.c).
 */
#ifndef CCHC_REPORT_INT_H
#define CCHC_REPORT_INT_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "base/err.h"

enum col_type {
	COL_TEXT,	/* a string */
	COL_INT,	/* a whole number */
	COL_NUM,	/* a real number */
	COL_PCT,	/* a rate 0..1 shown as a percentage */
	COL_JOIN,	/* an array of {"text"} joined by "; " */
};

struct col {
	const char *head;	/* Vietnamese heading */
	const char *key;	/* key of the row; "a.b" reaches into an object */
	enum col_type type;
	int width;		/* XLSX column width in characters */
};

struct table {
	const char *title;
	const struct col *cols;
	size_t ncols;
};

extern const struct table report_table_fields, report_table_units, report_table_field_units,
	report_table_behind, report_table_indicators;

/* The value of col in row (borrowed), NULL when absent or null. */
json_t *report_cell(const json_t *row, const struct col *col);
/* The cell as text for CSV and DOCX ("" when absent); caller frees. */
char *report_cell_text(const json_t *row, const struct col *col, int vi_decimals);

/* ---- Vietnamese text and Vietnam time (report_vi.c) ---------------------- */

/* "62,5%": a rate 0..1 with a decimal comma and at most one decimal. */
void report_pct_vi(char *out, size_t n, double rate);
/* "91%" or "12 ngày": a value with its unit of measure. */
void report_value_vi(char *out, size_t n, double v, const char *measure);
/* "15/04/2026": the way Vietnamese documents write a day. */
void report_day_vi(char *out, size_t n, int32_t day);
/* Appends s cut to about max bytes at a character boundary, "…" marking the cut. */
void report_add_short(struct buf *b, const char *s, size_t max);
/* The day in Vietnam (UTC+7) of a stored instant "YYYY-MM-DDTHH:MM:SSZ";
 * DATE_NONE for NULL or a malformed one. */
int32_t report_vn_day(const char *instant);
/* The last instant (UTC) of day in Vietnam: "YYYY-MM-DDT16:59:59Z". */
void report_cutoff_instant(int32_t day, char out[21]);

/* ---- the yearly inspection summary (report_inspections.c) ---------------- */

extern const struct table report_table_insp_figures, report_table_insp_plans, report_table_insp_fields,
	report_table_insp_severities, report_table_insp_units, report_table_discipline;
/* The summary's key figures as rows {label, value} (new array). */
json_t *report_insp_figures(const json_t *sum);
/* Its tables one after another as CSV. */
void report_csv_inspections(struct buf *b, const json_t *sum);
/* One table as CSV: its title line, headings, rows, then a blank line. */
void report_csv_table(struct buf *b, const struct table *t, const char *title, const json_t *rows);
/* Sets out["province"] {code, name, place} from the province among units. */
void report_add_province(json_t *out, const json_t *units);
/* The summary on its own: a workbook of one sheet, a document of its own. */
enum err_code report_render_insp_xlsx(const json_t *rep, struct buf *out, struct err *err);
enum err_code report_render_insp_docx(const json_t *rep, struct buf *out, struct err *err);

enum err_code report_render_xlsx(const json_t *rep, struct buf *out, struct err *err);
enum err_code report_render_docx(const json_t *rep, struct buf *out, struct err *err);

#endif
