/*
 * report_int.h — what the exporters of a report share: the tables of a
 * report, described once as columns over the JSON rows, so that CSV, XLSX
 * and DOCX show the same figures under the same headings.
 */
#ifndef CCHC_REPORT_INT_H
#define CCHC_REPORT_INT_H
#include <jansson.h>

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

enum err_code report_render_xlsx(const json_t *rep, struct buf *out, struct err *err);
enum err_code report_render_docx(const json_t *rep, struct buf *out, struct err *err);

#endif
