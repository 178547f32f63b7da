/*
 * report_export.c — the formats of a report: their names and types, the
 * tables shared by every exporter, JSON and CSV.  CSV carries a UTF-8
 * byte-order mark so that Excel shows Vietnamese correctly, and rates as
 * plain numbers (0.9125) so that they stay numbers in a spreadsheet.
 */
#include "base/base.h"
#include "report/report.h"
#include "report/report_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const format_names[REPORT_FORMAT_COUNT] = {"json", "csv", "xlsx", "docx"};
static const char *const format_mimes[REPORT_FORMAT_COUNT] = {
	"application/json; charset=utf-8",
	"text/csv; charset=utf-8",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

enum report_format report_format_from_name(const char *name)
{
	for (int f = 0; f < REPORT_FORMAT_COUNT; f++)
		if (name && strcmp(name, format_names[f]) == 0)
			return (enum report_format)f;
	return REPORT_FORMAT_COUNT;
}

const char *report_format_mime(enum report_format f)
{
	return f < REPORT_FORMAT_COUNT ? format_mimes[f] : "application/octet-stream";
}

const char *report_format_ext(enum report_format f)
{
	return f < REPORT_FORMAT_COUNT ? format_names[f] : "bin";
}

/* ---- the tables ---------------------------------------------------------- */

#define STATUS_COLS                                                   \
	{"Tổng số", "total", COL_INT, 9},                             \
	{"Chưa bắt đầu", "not_started", COL_INT, 12},                 \
	{"Đang thực hiện (trong hạn)", "in_progress", COL_INT, 14},   \
	{"Quá hạn", "overdue", COL_INT, 9},                           \
	{"Hoàn thành trễ hạn", "done_late", COL_INT, 12},             \
	{"Hoàn thành đúng hạn", "done_on_time", COL_INT, 12},         \
	{"Đến hạn", "due", COL_INT, 9},                               \
	{"Tỷ lệ hoàn thành", "completion_rate", COL_PCT, 12},         \
	{"Tỷ lệ đúng hạn", "on_time_rate", COL_PCT, 12}

static const struct col field_cols[] = {
	{"Mã", "code", COL_TEXT, 10},
	{"Lĩnh vực", "name", COL_TEXT, 42},
	{"Cơ quan chủ trì", "lead_unit_name", COL_TEXT, 30},
	STATUS_COLS,
};
static const struct col unit_cols[] = {
	{"Mã", "code", COL_TEXT, 12},
	{"Cơ quan, đơn vị", "name", COL_TEXT, 40},
	{"Nhóm so sánh", "peer_group", COL_TEXT, 12},
	STATUS_COLS,
	{"Quá hạn lâu", "overdue_long", COL_INT, 10},
	{"Chỉ tiêu đạt", "indicators_met", COL_INT, 10},
	{"Chỉ tiêu không đạt", "indicators_not_met", COL_INT, 10},
	{"Chỉ tiêu giảm", "indicators_regressed", COL_INT, 10},
	{"Xếp hạng trong nhóm", "rank", COL_INT, 10},
	{"Số đơn vị cùng nhóm", "peers", COL_INT, 10},
	{"Tỷ lệ đúng hạn kỳ trước", "previous_on_time_rate", COL_PCT, 12},
	{"Chênh lệch so với kỳ trước", "trend", COL_PCT, 12},
	{"Mức xếp loại đề xuất", "band.name", COL_TEXT, 28},
	{"Căn cứ xếp loại", "band.rule", COL_TEXT, 50},
	{"Lý do chậm, chưa đạt", "reasons", COL_JOIN, 80},
};
static const struct col field_unit_cols[] = {
	{"Mã", "code", COL_TEXT, 12},
	{"Cơ quan, đơn vị", "name", COL_TEXT, 40},
	STATUS_COLS,
	{"Quá hạn lâu", "overdue_long", COL_INT, 10},
	{"Chỉ tiêu đạt", "indicators_met", COL_INT, 10},
	{"Chỉ tiêu không đạt", "indicators_not_met", COL_INT, 10},
	{"Chỉ tiêu giảm", "indicators_regressed", COL_INT, 10},
};
static const struct col behind_cols[] = {
	{"Mã", "unit_code", COL_TEXT, 12},
	{"Cơ quan, đơn vị", "unit_name", COL_TEXT, 40},
	{"Lý do", "text", COL_TEXT, 100},
};
static const struct col indicator_cols[] = {
	{"Mã", "code", COL_TEXT, 12},
	{"Chỉ tiêu", "name", COL_TEXT, 50},
	{"Đơn vị tính", "measure", COL_TEXT, 10},
	{"So sánh", "comparison", COL_TEXT, 8},
	{"Mục tiêu", "target", COL_NUM, 10},
	{"Số đơn vị đạt", "units_met", COL_INT, 10},
	{"Số đơn vị không đạt", "units_not_met", COL_INT, 10},
	{"Số đơn vị đã đạt nay giảm", "units_regressed", COL_INT, 12},
};

#define TABLE(t, cols) {t, cols, ARRAY_LEN(cols)}
const struct table report_table_fields = TABLE("Tổng hợp theo lĩnh vực", field_cols);
const struct table report_table_units = TABLE("Đánh giá theo cơ quan, đơn vị", unit_cols);
const struct table report_table_field_units = TABLE("Kết quả của các cơ quan, đơn vị", field_unit_cols);
const struct table report_table_behind = TABLE("Cơ quan, đơn vị chậm, chưa đạt", behind_cols);
const struct table report_table_indicators = TABLE("Chỉ tiêu", indicator_cols);

json_t *report_cell(const json_t *row, const struct col *col)
{
	const char *dot = strchr(col->key, '.');
	json_t *v;
	if (dot) {
		char head[32];
		snprintf(head, sizeof head, "%.*s", (int)(dot - col->key), col->key);
		v = json_object_get(json_object_get(row, head), dot + 1);
	} else {
		v = json_object_get(row, col->key);
	}
	return json_is_null(v) ? NULL : v;
}

char *report_cell_text(const json_t *row, const struct col *col, int vi)
{
	json_t *v = report_cell(row, col);
	if (!v)
		return xstrdup("");
	char *s;
	switch (col->type) {
	case COL_INT:
		return xasprintf("%lld", (long long)json_integer_value(v));
	case COL_NUM:
		s = xasprintf("%.10g", json_number_value(v));
		break;
	case COL_PCT:
		s = vi ? xasprintf("%.1f%%", json_number_value(v) * 100) : xasprintf("%.4f", json_number_value(v));
		break;
	case COL_JOIN: {
		struct buf b = BUF_INIT;
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) {
			if (i)
				buf_adds(&b, "; ");
			buf_adds(&b, json_string_value(json_object_get(x, "text")));
		}
		return buf_detach(&b);
	}
	default:
		return xstrdup(json_is_string(v) ? json_string_value(v) : "");
	}
	if (vi) {
		char *dot = strchr(s, '.');
		if (dot)
			*dot = ',';
	}
	return s;
}

/* ---- CSV ------------------------------------------------------------------- */

void report_csv_cell(struct buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/* A table: its title line, headings, rows; then a blank line.  extra
 * (may be NULL) is a first column with the same value on every row. */
static void csv_table(struct buf *b, const struct table *t, const char *title, const json_t *rows,
		      const char *extra_head, const char *extra)
{
	report_csv_cell(b, title);
	buf_adds(b, "\r\n");
	if (extra_head) {
		report_csv_cell(b, extra_head);
		buf_addc(b, ',');
	}
	for (size_t c = 0; c < t->ncols; c++) {
		if (c)
			buf_addc(b, ',');
		report_csv_cell(b, t->cols[c].head);
	}
	buf_adds(b, "\r\n");
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		if (extra_head) {
			report_csv_cell(b, extra);
			buf_addc(b, ',');
		}
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				buf_addc(b, ',');
			char *s = report_cell_text(row, &t->cols[c], 0);
			report_csv_cell(b, s);
			free(s);
		}
		buf_adds(b, "\r\n");
	}
	buf_adds(b, "\r\n");
}

void report_csv_table(struct buf *b, const struct table *t, const char *title, const json_t *rows)
{
	csv_table(b, t, title, rows, NULL, NULL);
}

static void render_csv(const json_t *rep, struct buf *b)
{
	buf_adds(b, "\xEF\xBB\xBF");
	char *title = xasprintf("Báo cáo kết quả thực hiện nhiệm vụ CCHC %s (số liệu ghi nhận đến hết ngày %s)",
				json_string_value(json_object_get(rep, "period_name")),
				json_string_value(json_object_get(rep, "as_of")));
	report_csv_cell(b, title);
	buf_adds(b, "\r\n\r\n");
	free(title);
	const json_t *fields = json_object_get(rep, "fields");
	const json_t *fsel = json_object_get(rep, "field");
	const char *only = json_is_object(fsel) ? json_string_value(json_object_get(fsel, "code")) : NULL;
	json_t *shown = json_array();
	size_t i;
	json_t *f;
	json_array_foreach(fields, i, f)
		if (!only || strcmp(only, json_string_value(json_object_get(f, "code"))) == 0)
			json_array_append(shown, f);
	csv_table(b, &report_table_fields, report_table_fields.title, shown, NULL, NULL);
	csv_table(b, &report_table_units, report_table_units.title, json_object_get(rep, "units"), NULL, NULL);
	json_array_foreach(shown, i, f) {
		const char *code = json_string_value(json_object_get(f, "code"));
		char *t = xasprintf("%s — %s", json_string_value(json_object_get(f, "name")),
				    report_table_field_units.title);
		csv_table(b, &report_table_field_units, t, json_object_get(f, "units"), "Lĩnh vực", code);
		free(t);
		t = xasprintf("%s — %s", json_string_value(json_object_get(f, "name")), report_table_behind.title);
		csv_table(b, &report_table_behind, t, json_object_get(f, "behind"), "Lĩnh vực", code);
		free(t);
		t = xasprintf("%s — %s", json_string_value(json_object_get(f, "name")), report_table_indicators.title);
		csv_table(b, &report_table_indicators, t, json_object_get(f, "indicators"), "Lĩnh vực", code);
		free(t);
	}
	csv_table(b, &report_table_behind, "Tổng hợp cơ quan, đơn vị chậm, chưa đạt (mọi lĩnh vực)",
		  json_object_get(rep, "behind"), NULL, NULL);
	if (json_object_get(rep, "inspections"))
		report_csv_inspections(b, json_object_get(rep, "inspections"));
	json_decref(shown);
}

enum err_code report_render(const json_t *rep, enum report_format f, struct buf *out, struct err *err)
{
	switch (f) {
	case REPORT_JSON: {
		char *s = json_dumps(rep, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
		if (!s)
			return err_set(err, ERR_INTERNAL, "", "cannot write the report as JSON");
		buf_adds(out, s);
		buf_addc(out, '\n');
		free(s);
		return ERR_OK;
	}
	case REPORT_CSV:
		render_csv(rep, out);
		return ERR_OK;
	case REPORT_XLSX:
		return report_render_xlsx(rep, out, err);
	case REPORT_DOCX:
		return report_render_docx(rep, out, err);
	default:
		return err_set(err, ERR_INVALID, "format", "format must be json, csv, xlsx or docx");
	}
}
