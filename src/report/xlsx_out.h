/*
 * xlsx_out.h — a workbook written with libxlsxwriter into memory, with
 * the formats every cchc workbook shares (a bold title, boxed wrapped
 * headings, boxed text, numbers and percentages).
 */
#ifndef CCHC_XLSX_OUT_H
#define CCHC_XLSX_OUT_H
#include <jansson.h>
#include <xlsxwriter.h>

#include "base/base.h"
#include "base/err.h"

struct xlsx_fmts {
	lxw_format *title, *head, *text, *pct, *num;
};

/* Writes a workbook whose sheets add_sheets(wb, formats, data) makes into out. */
enum err_code xlsx_workbook(const json_t *data,
			    void (*add_sheets)(lxw_workbook *, const struct xlsx_fmts *, const json_t *),
			    struct buf *out, struct err *err);

#endif
