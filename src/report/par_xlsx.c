/*
 * par_xlsx.c — the PAR index's spreadsheets: a criteria set or a unit's
 * score sheet in the usual layout, and the ranked result table.  Points
 * are written as numbers so officials can sum and sort them.
 */
#include "base/base.h"
#include "domain/par_sheet.h"
#include "report/par_export.h"
#include "report/report.h"
#include "report/xlsx_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const SHEET_HEADS[] = {
	"STT", "Lĩnh vực/Tiêu chí/Tiêu chí thành phần", "Điểm tối đa", "Tự đánh giá", "Thẩm định", "Ghi chú",
	"Mã", "Cách chấm", "Mức điểm", "Tài liệu kiểm chứng", "Phần chấm", "Nguồn số liệu"};
static const double SHEET_WIDTHS[] = {7, 60, 10, 10, 10, 30, 9, 11, 36, 40, 16, 16};

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static void number_or_blank(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const json_t *v, lxw_format *f)
{
	if (json_is_number(v))
		worksheet_write_number(ws, r, c, json_number_value(v), f);
	else
		worksheet_write_blank(ws, r, c, f);
}

/* Writes nodes (a tree level) from row *r, numbering them by level. */
static void sheet_nodes(lxw_worksheet *ws, const struct xlsx_fmts *f, const json_t *nodes, int level,
			const char *parent_stt, lxw_row_t *r)
{
	size_t i;
	json_t *n;
	json_array_foreach(nodes, i, n) {
		char stt[32];
		par_sheet_stt(stt, sizeof stt, level, (int)i + 1, parent_stt);
		bool inner = json_array_size(json_object_get(n, "children")) > 0;
		lxw_format *text = level == 1 ? f->head : f->text;
		const char *rule = str(n, "rule");
		worksheet_write_string(ws, *r, 0, stt, text);
		worksheet_write_string(ws, *r, 1, str(n, "name"), text);
		number_or_blank(ws, *r, 2, json_object_get(n, "max"), f->num);
		number_or_blank(ws, *r, 3, json_object_get(n, "self_points"), f->num);
		number_or_blank(ws, *r, 4, json_object_get(n, "appraised_points"), f->num);
		const char *note = *str(n, "reason") ? str(n, "reason") : str(n, "note");
		worksheet_write_string(ws, *r, 5, note, f->text);
		worksheet_write_string(ws, *r, 6, str(n, "code"), f->text);
		worksheet_write_string(ws, *r, 7, inner || strcmp(rule, "sum") == 0 ? "" : rule, f->text);
		char *steps = par_sheet_steps_text((json_t *)n);
		worksheet_write_string(ws, *r, 8, steps, f->text);
		free(steps);
		worksheet_write_string(ws, *r, 9, str(n, "evidence"), f->text);
		worksheet_write_string(ws, *r, 10, inner ? "" : par_sheet_part_name(str(n, "scored_by")), f->text);
		worksheet_write_string(ws, *r, 11, str(n, "source"), f->text);
		(*r)++;
		sheet_nodes(ws, f, json_object_get(n, "children"), level + 1, stt, r);
	}
}

/* The label rows above the header; returns the next row. */
static lxw_row_t sheet_labels(lxw_worksheet *ws, const struct xlsx_fmts *f, const json_t *doc)
{
	lxw_row_t r = 0;
	const char *unit = str(doc, "unit_name");
	char *title = *unit ? xasprintf("Phiếu chấm điểm Chỉ số CCHC năm %lld — %s",
					(long long)json_integer_value(json_object_get(doc, "year")), unit)
			    : xstrdup(str(doc, "name"));
	worksheet_merge_range(ws, r, 0, r, 5, title, f->title);
	free(title);
	r++;
	worksheet_write_string(ws, r, 0, "Năm", NULL);
	worksheet_write_number(ws, r++, 1, (double)json_integer_value(json_object_get(doc, "year")), NULL);
	worksheet_write_string(ws, r, 0, "Đối tượng", NULL);
	worksheet_write_string(ws, r++, 1, par_sheet_kind_name(str(doc, "kind")), NULL);
	if (*unit)
		return r + 1;
	worksheet_write_string(ws, r, 0, "Ví dụ", NULL);
	worksheet_write_string(ws, r++, 1, json_is_true(json_object_get(doc, "example")) ? "Có" : "Không", NULL);
	if (*str(doc, "note")) {
		worksheet_write_string(ws, r, 0, "Ghi chú", NULL);
		worksheet_write_string(ws, r++, 1, str(doc, "note"), NULL);
	}
	json_t *bands = json_object_get(doc, "bands");
	if (json_array_size(bands)) {
		struct buf b = BUF_INIT;
		size_t i;
		json_t *band;
		json_array_foreach(bands, i, band) {
			char *s = xasprintf("%s%s ≥ %g", i ? "; " : "", str(band, "name"),
					    json_number_value(json_object_get(band, "min")));
			buf_adds(&b, s);
			free(s);
		}
		char *text = buf_detach(&b);
		worksheet_write_string(ws, r, 0, "Xếp loại", NULL);
		worksheet_write_string(ws, r++, 1, text, NULL);
		free(text);
	}
	return r + 1;
}

static void sheet_book(lxw_workbook *wb, const struct xlsx_fmts *f, const json_t *doc)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, json_object_get(doc, "unit_name") ? "Phiếu chấm" : "Bộ chỉ số");
	lxw_row_t r = sheet_labels(ws, f, doc);
	for (size_t c = 0; c < ARRAY_LEN(SHEET_HEADS); c++) {
		worksheet_write_string(ws, r, (lxw_col_t)c, SHEET_HEADS[c], f->head);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, SHEET_WIDTHS[c], NULL);
	}
	worksheet_freeze_panes(ws, r + 1, 2);
	r++;
	sheet_nodes(ws, f, json_object_get(doc, "tree"), 1, "", &r);
	json_t *total = json_object_get(doc, "total");
	if (total) {
		worksheet_write_string(ws, r, 1, "Tổng cộng", f->head);
		number_or_blank(ws, r, 2, json_object_get(total, "max"), f->num);
		number_or_blank(ws, r, 3, json_object_get(total, "self_points"), f->num);
		number_or_blank(ws, r, 4, json_object_get(total, "appraised_points"), f->num);
	}
}

enum err_code par_render_sheet_xlsx(const json_t *doc, struct buf *out, struct err *err)
{
	return xlsx_workbook(doc, sheet_book, out, err);
}

static const char *par_status_name(const char *status)
{
	static const char *const NAMES[][2] = {{"draft", "Đang tự đánh giá"}, {"submitted", "Đã gửi"},
					       {"appraising", "Đang thẩm định"}, {"explaining", "Đang giải trình"},
					       {"appraised", "Đã thẩm định"}, {"approved", "Đã phê duyệt"}};
	for (size_t i = 0; i < ARRAY_LEN(NAMES); i++)
		if (status && strcmp(status, NAMES[i][0]) == 0)
			return NAMES[i][1];
	return status ? status : "";
}

/* The field codes of the items of kind (NULL: all) in order of first
 * appearance; head gets a column for each. */
static json_t *field_codes(const json_t *results, const char *kind, json_t *head)
{
	json_t *codes = json_object(), *order = json_array();
	size_t i, k;
	json_t *it, *fl;
	json_array_foreach(json_object_get(results, "items"), i, it) {
		if (kind && strcmp(str(it, "kind"), kind))
			continue;
		json_array_foreach(json_object_get(it, "fields"), k, fl) {
			if (json_object_get(codes, str(fl, "code")))
				continue;
			json_object_set_new(codes, str(fl, "code"), json_integer((json_int_t)json_array_size(order)));
			json_array_append(order, json_object_get(fl, "code"));
			char *h = xasprintf("%s. %s (%%)", str(fl, "code"), str(fl, "name"));
			json_array_append_new(head, json_string(h));
			free(h);
		}
	}
	json_decref(order);
	return codes;
}

json_t *par_results_table(const json_t *results, const char *kind)
{
	json_t *head = json_pack("[s,s,s,s,s,s,s,s,s,s]", "Hạng", "Mã đơn vị", "Đơn vị", "Đối tượng", "Trạng thái",
				 "Điểm tự đánh giá", "Điểm thẩm định", "Chênh lệch", "Chỉ số (%)", "Xếp loại");
	size_t fixed = json_array_size(head);
	json_t *codes = field_codes(results, kind, head), *rows = json_array();
	size_t i, k;
	json_t *it, *fl;
	json_array_foreach(json_object_get(results, "items"), i, it) {
		if (kind && strcmp(str(it, "kind"), kind))
			continue;
		json_t *self = json_object_get(it, "self_points"), *appr = json_object_get(it, "appraised_points");
		json_t *band = json_object_get(it, "band");
		json_t *row = json_pack("[O,O,O,s,s,O,O,o,O,O]", json_object_get(it, "rank"),
					json_object_get(it, "unit_code"), json_object_get(it, "unit_name"),
					par_sheet_kind_name(str(it, "kind")), par_status_name(str(it, "status")), self,
					appr ? appr : json_null(),
					json_is_number(appr) ? json_real(json_number_value(appr) - json_number_value(self))
							     : json_null(),
					json_object_get(it, "index"), band ? band : json_null());
		while (json_array_size(row) < json_array_size(head))
			json_array_append_new(row, json_null());
		json_array_foreach(json_object_get(it, "fields"), k, fl) {
			json_t *at = json_object_get(codes, str(fl, "code")), *appr_i = json_object_get(fl, "appraised_index");
			json_array_set(row, fixed + (size_t)json_integer_value(at),
				       json_is_number(appr_i) ? appr_i : json_object_get(fl, "self_index"));
		}
		json_array_append_new(rows, row);
	}
	json_decref(codes);
	return json_pack("{s:o, s:o}", "head", head, "rows", rows);
}

/* One sheet of the result table for kind. */
static void results_sheet(lxw_workbook *wb, const struct xlsx_fmts *f, const json_t *results, const char *kind)
{
	json_t *t = par_results_table(results, kind);
	json_t *head = json_object_get(t, "head"), *rows = json_object_get(t, "rows");
	lxw_worksheet *ws = workbook_add_worksheet(wb, par_sheet_kind_name(kind));
	char *title = xasprintf("Kết quả Chỉ số CCHC năm %lld — %s",
				(long long)json_integer_value(json_object_get(results, "year")), par_sheet_kind_name(kind));
	worksheet_write_string(ws, 0, 0, title, f->title);
	free(title);
	worksheet_set_row(ws, 2, 45, NULL);
	size_t c, i;
	json_t *row;
	for (c = 0; c < json_array_size(head); c++) {
		worksheet_write_string(ws, 2, (lxw_col_t)c, json_string_value(json_array_get(head, c)), f->head);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, c == 2 ? 40 : c < 5 ? 14 : 12, NULL);
	}
	worksheet_freeze_panes(ws, 3, 3);
	json_array_foreach(rows, i, row)
		for (c = 0; c < json_array_size(row); c++) {
			json_t *v = json_array_get(row, c);
			lxw_row_t r = (lxw_row_t)(3 + i);
			if (json_is_string(v))
				worksheet_write_string(ws, r, (lxw_col_t)c, json_string_value(v), f->text);
			else
				number_or_blank(ws, r, (lxw_col_t)c, v, f->num);
		}
	json_decref(t);
}

static void results_book(lxw_workbook *wb, const struct xlsx_fmts *f, const json_t *results)
{
	const char *kind = json_string_value(json_object_get(results, "kind"));
	if (!kind || strcmp(kind, "department") == 0)
		results_sheet(wb, f, results, "department");
	if (!kind || strcmp(kind, "commune") == 0)
		results_sheet(wb, f, results, "commune");
}

enum err_code par_render_results_xlsx(const json_t *results, struct buf *out, struct err *err)
{
	return xlsx_workbook(results, results_book, out, err);
}

void par_render_results_csv(const json_t *results, struct buf *out)
{
	json_t *t = par_results_table(results, json_string_value(json_object_get(results, "kind")));
	size_t i, c;
	json_t *row;
	json_array_foreach(json_object_get(t, "head"), c, row) {
		buf_adds(out, c ? "," : "");
		report_csv_cell(out, json_string_value(row));
	}
	buf_adds(out, "\r\n");
	json_array_foreach(json_object_get(t, "rows"), i, row) {
		for (c = 0; c < json_array_size(row); c++) {
			json_t *v = json_array_get(row, c);
			buf_adds(out, c ? "," : "");
			if (json_is_string(v)) {
				report_csv_cell(out, json_string_value(v));
			} else if (json_is_number(v)) {
				char n[32];
				snprintf(n, sizeof n, "%.15g", json_number_value(v));
				buf_adds(out, n);
			}
		}
		buf_adds(out, "\r\n");
	}
	json_decref(t);
}
