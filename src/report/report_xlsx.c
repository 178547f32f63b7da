/*
 * report_xlsx.c — a report as an Excel workbook with libxlsxwriter: a
 * summary sheet, the units' scorecard, the units falling behind, then one
 * sheet per field.  Counts and rates are written as numbers (rates with a
 * percentage format), never as text, so officials can sum and sort them;
 * header rows are frozen and widths fit Vietnamese headings.
 *
 * The yearly inspection summary is one more sheet, or a workbook of its own.
 *
 * libxlsxwriter writes only to a file, so the workbook goes to a private
 * temporary file that is read back and removed.
 */
#include "base/base.h"
#include "report/report.h"
#include "report/report_int.h"
#include "report/xlsx_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* Writes table t at row r (title, headings, rows); returns the next free
 * row.  head_row (may be NULL) gets the row of the headings. */
static lxw_row_t put_table(lxw_worksheet *ws, const struct xlsx_fmts *f, lxw_row_t r, const struct table *t,
			   const char *title, const json_t *rows, lxw_row_t *head_row)
{
	worksheet_write_string(ws, r++, 0, title, f->title);
	if (head_row)
		*head_row = r;
	worksheet_set_row(ws, r, 45, NULL);
	for (size_t c = 0; c < t->ncols; c++)
		worksheet_write_string(ws, r, (lxw_col_t)c, t->cols[c].head, f->head);
	r++;
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		for (size_t c = 0; c < t->ncols; c++) {
			const struct col *col = &t->cols[c];
			json_t *v = report_cell(row, col);
			lxw_col_t cc = (lxw_col_t)c;
			if (!v) {
				worksheet_write_blank(ws, r, cc, f->text);
				continue;
			}
			switch (col->type) {
			case COL_INT:
			case COL_NUM:
				worksheet_write_number(ws, r, cc, json_number_value(v), f->num);
				break;
			case COL_PCT:
				worksheet_write_number(ws, r, cc, json_number_value(v), f->pct);
				break;
			default: {
				char *s = report_cell_text(row, col, 1);
				worksheet_write_string(ws, r, cc, s, f->text);
				free(s);
			}
			}
		}
		r++;
	}
	return r + 1;
}

static void widths(lxw_worksheet *ws, const struct table *t)
{
	for (size_t c = 0; c < t->ncols; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, t->cols[c].width, NULL);
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\. */
static void sheet_name(char *out, size_t n, const char *code)
{
	size_t k = 0;
	for (const char *p = code; *p && k + 1 < n && k < 31; p++)
		out[k++] = strchr("[]:*?/\\", *p) ? '_' : *p;
	out[k] = 0;
}

/* The sheet of the yearly inspection summary: its figures, plans, findings
 * by field, severity and unit, and the discipline counts. */
static void inspection_sheet(lxw_workbook *wb, const struct xlsx_fmts *f, const json_t *sum)
{
	static const struct table *const tables[] = {&report_table_insp_plans, &report_table_insp_fields,
		&report_table_insp_severities, &report_table_insp_units, &report_table_discipline};
	static const char *const keys[] = {"plans", "by_field", "by_severity", "by_unit", "discipline"};
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Kiểm tra CCHC");
	json_t *figures = report_insp_figures(sum);
	char *title = xasprintf("Kết quả kiểm tra CCHC năm %lld (tính đến ngày %s)",
				(long long)json_integer_value(json_object_get(sum, "year")),
				json_string_value(json_object_get(sum, "as_of")));
	/* The widest heading of each column over the tables that share it. */
	for (lxw_col_t c = 0; c < 8; c++)
		worksheet_set_column(ws, c, c, c == 0 ? 14 : c == 1 ? 44 : 13, NULL);
	lxw_row_t r = put_table(ws, f, 0, &report_table_insp_figures, title, figures, NULL);
	for (size_t i = 0; i < ARRAY_LEN(tables); i++)
		r = put_table(ws, f, r, tables[i], tables[i]->title, json_object_get(sum, keys[i]), NULL);
	free(title);
	json_decref(figures);
}

/* The periodic report's sheets. */
static void report_sheets(lxw_workbook *wb, const struct xlsx_fmts *f, const json_t *rep)
{
	json_t *shown = json_array();
	const json_t *fsel = json_object_get(rep, "field");
	const char *only = json_is_object(fsel) ? json_string_value(json_object_get(fsel, "code")) : NULL;
	size_t i;
	json_t *fj;
	json_array_foreach(json_object_get(rep, "fields"), i, fj)
		if (!only || strcmp(only, json_string_value(json_object_get(fj, "code"))) == 0)
			json_array_append(shown, fj);

	char *title = xasprintf("Báo cáo kết quả thực hiện nhiệm vụ CCHC %s",
				json_string_value(json_object_get(rep, "period_name")));
	char *sub = xasprintf("Số liệu ghi nhận đến hết ngày %s; trạng thái tính đến ngày %s",
			      json_string_value(json_object_get(rep, "as_of")),
			      json_string_value(json_object_get(rep, "status_date")));
	lxw_row_t head;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Tổng hợp");
	worksheet_write_string(ws, 0, 0, title, f->title);
	worksheet_write_string(ws, 1, 0, sub, NULL);
	widths(ws, &report_table_fields);
	put_table(ws, f, 3, &report_table_fields, report_table_fields.title, shown, &head);
	worksheet_freeze_panes(ws, head + 1, 0);

	ws = workbook_add_worksheet(wb, "Đơn vị");
	widths(ws, &report_table_units);
	put_table(ws, f, 0, &report_table_units, report_table_units.title, json_object_get(rep, "units"), &head);
	worksheet_freeze_panes(ws, head + 1, 2);

	ws = workbook_add_worksheet(wb, "Chậm, chưa đạt");
	widths(ws, &report_table_behind);
	put_table(ws, f, 0, &report_table_behind, "Cơ quan, đơn vị chậm, chưa đạt (mọi lĩnh vực)",
		  json_object_get(rep, "behind"), &head);
	worksheet_freeze_panes(ws, head + 1, 0);

	json_array_foreach(shown, i, fj) {
		char name[40];
		sheet_name(name, sizeof name, json_string_value(json_object_get(fj, "code")));
		ws = workbook_add_worksheet(wb, name);
		widths(ws, &report_table_field_units);
		char *t = xasprintf("%s — %s", json_string_value(json_object_get(fj, "name")),
				    report_table_field_units.title);
		lxw_row_t r = put_table(ws, f, 0, &report_table_field_units, t, json_object_get(fj, "units"), &head);
		free(t);
		worksheet_freeze_panes(ws, head + 1, 2);
		r = put_table(ws, f, r, &report_table_indicators, report_table_indicators.title,
			      json_object_get(fj, "indicators"), NULL);
		put_table(ws, f, r, &report_table_behind, report_table_behind.title, json_object_get(fj, "behind"),
			  NULL);
	}
	if (json_object_get(rep, "inspections"))
		inspection_sheet(wb, f, json_object_get(rep, "inspections"));
	free(title);
	free(sub);
	json_decref(shown);
}

enum err_code xlsx_workbook(const json_t *data,
			    void (*add_sheets)(lxw_workbook *, const struct xlsx_fmts *, const json_t *),
			    struct buf *out, struct err *err)
{
	const char *dir = getenv("TMPDIR");
	char *path = xasprintf("%s/cchc-report-XXXXXX", dir && *dir ? dir : "/tmp");
	enum err_code rc = ERR_OK;
	int fd = mkstemp(path);
	if (fd < 0) {
		rc = err_set(err, ERR_INTERNAL, "", "cannot create a temporary file for the workbook");
		goto out;
	}
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		rc = err_set(err, ERR_INTERNAL, "", "cannot start the workbook");
		goto out;
	}
	struct xlsx_fmts f = {workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb),
			 workbook_add_format(wb), workbook_add_format(wb)};
	format_set_bold(f.title);
	format_set_font_size(f.title, 13);
	format_set_bold(f.head);
	format_set_text_wrap(f.head);
	format_set_align(f.head, LXW_ALIGN_CENTER);
	format_set_align(f.head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(f.head, LXW_BORDER_THIN);
	format_set_bg_color(f.head, 0xDDEBF7);
	format_set_border(f.text, LXW_BORDER_THIN);
	format_set_text_wrap(f.text);
	format_set_align(f.text, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(f.num, LXW_BORDER_THIN);
	format_set_align(f.num, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(f.pct, LXW_BORDER_THIN);
	format_set_num_format(f.pct, "0.0%");
	format_set_align(f.pct, LXW_ALIGN_VERTICAL_TOP);
	add_sheets(wb, &f, data);
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		rc = err_set(err, ERR_INTERNAL, "", "cannot write the workbook: %s", lxw_strerror(e));
		goto out;
	}
	size_t len = 0;
	char *bytes = read_file(path, &len);
	if (!bytes) {
		rc = err_set(err, ERR_INTERNAL, "", "cannot read the workbook back");
		goto out;
	}
	buf_add(out, bytes, len);
	free(bytes);
out:
	if (fd >= 0)
		unlink(path);
	free(path);
	return rc;
}

enum err_code report_render_xlsx(const json_t *rep, struct buf *out, struct err *err)
{
	return xlsx_workbook(rep, report_sheets, out, err);
}

enum err_code report_render_insp_xlsx(const json_t *sum, struct buf *out, struct err *err)
{
	return xlsx_workbook(sum, inspection_sheet, out, err);
}
