/*
 * report_inspections.c — the yearly inspection summary (issue 15) as a part
 * of the periodic report and as its own download: the tables its exporters
 * share, its key figures, its CSV section, and the summary on its own.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/inspection.h"
#include "report/report.h"
#include "report/report_int.h"
#include "store/store.h"

#include <stdlib.h>

static const struct col figure_cols[] = {
	{"Nội dung", "label", COL_TEXT, 70},
	{"Số liệu", "value", COL_NUM, 14},
};
static const struct col plan_cols[] = {
	{"Kế hoạch", "title", COL_TEXT, 50},
	{"Cơ quan kiểm tra", "inspecting_unit_name", COL_TEXT, 30},
	{"Số cuộc kiểm tra", "inspections", COL_INT, 12},
	{"Số đơn vị theo kế hoạch", "units_planned", COL_INT, 12},
	{"Số đơn vị đã kiểm tra", "units_inspected", COL_INT, 12},
};

#define TALLY_COLS                                                     \
	{"Số tồn tại, hạn chế", "findings", COL_INT, 11},              \
	{"Đã khắc phục đúng hạn", "remediated_on_time", COL_INT, 11},  \
	{"Đã khắc phục trễ hạn", "remediated_late", COL_INT, 11},      \
	{"Chưa khắc phục xong", "open", COL_INT, 11},                  \
	{"Trong đó: chờ xác nhận", "awaiting_verification", COL_INT, 11}, \
	{"Trong đó: quá hạn", "open_overdue", COL_INT, 11}

static const struct col field_cols[] = {
	{"Mã", "code", COL_TEXT, 10},
	{"Lĩnh vực", "name", COL_TEXT, 42},
	TALLY_COLS,
};
static const struct col severity_cols[] = {
	{"Mã", "code", COL_TEXT, 10},
	{"Mức độ", "name", COL_TEXT, 30},
	TALLY_COLS,
};
static const struct col unit_cols[] = {
	{"Mã", "code", COL_TEXT, 12},
	{"Cơ quan, đơn vị được kiểm tra", "name", COL_TEXT, 40},
	TALLY_COLS,
};
static const struct col discipline_cols[] = {
	{"Mã", "unit_code", COL_TEXT, 12},
	{"Cơ quan, đơn vị", "unit_name", COL_TEXT, 40},
	{"Số vụ việc phát hiện trong năm", "cases", COL_INT, 14},
	{"Số quyết định kỷ luật trong năm", "decided", COL_INT, 14},
};

#define TABLE(t, cols) {t, cols, ARRAY_LEN(cols)}
const struct table report_table_insp_figures = TABLE("Kết quả kiểm tra CCHC", figure_cols);
const struct table report_table_insp_plans = TABLE("Kế hoạch kiểm tra", plan_cols);
const struct table report_table_insp_fields = TABLE("Tồn tại, hạn chế theo lĩnh vực", field_cols);
const struct table report_table_insp_severities = TABLE("Tồn tại, hạn chế theo mức độ", severity_cols);
const struct table report_table_insp_units = TABLE("Tồn tại, hạn chế theo cơ quan, đơn vị", unit_cols);
const struct table report_table_discipline =
	TABLE("Kỷ luật cán bộ, công chức, viên chức (số vụ việc, không nêu tên)", discipline_cols);

static void figure(json_t *rows, const char *label, const json_t *obj, const char *key, double scale)
{
	json_t *v = json_object_get(obj, key);
	json_array_append_new(rows, json_pack("{s:s, s:o}", "label", label,
					      "value", json_is_number(v) ? json_real(json_number_value(v) * scale)
									 : json_null()));
}

json_t *report_insp_figures(const json_t *sum)
{
	const json_t *cov = json_object_get(sum, "coverage"), *ins = json_object_get(sum, "inspections");
	const json_t *f = json_object_get(sum, "findings");
	json_t *rows = json_array();
	figure(rows, "Số cơ quan, đơn vị của tỉnh", cov, "units_total", 1);
	figure(rows, "Số cơ quan, đơn vị theo kế hoạch kiểm tra", cov, "units_planned", 1);
	figure(rows, "Số cơ quan, đơn vị đã được kiểm tra", cov, "units_inspected", 1);
	figure(rows, "Tỷ lệ cơ quan, đơn vị đã được kiểm tra (%)", cov, "share", 100);
	figure(rows, "Tỷ lệ tối thiểu theo kế hoạch (%)", cov, "target_share", 100);
	figure(rows, "Số cuộc kiểm tra", ins, "total", 1);
	figure(rows, "Số cuộc đã kết luận", ins, "concluded", 1);
	figure(rows, "Số cuộc đang tiến hành", ins, "in_progress", 1);
	figure(rows, "Số cuộc chưa tiến hành", ins, "planned", 1);
	figure(rows, "Số tồn tại, hạn chế được phát hiện", f, "findings", 1);
	figure(rows, "Đã khắc phục đúng hạn", f, "remediated_on_time", 1);
	figure(rows, "Đã khắc phục trễ hạn", f, "remediated_late", 1);
	figure(rows, "Chưa khắc phục xong", f, "open", 1);
	figure(rows, "Trong đó: đã khắc phục, chờ xác nhận", f, "awaiting_verification", 1);
	figure(rows, "Trong đó: quá hạn chưa khắc phục", f, "open_overdue", 1);
	return rows;
}

void report_csv_inspections(struct buf *b, const json_t *sum)
{
	json_t *figures = report_insp_figures(sum);
	char *title = xasprintf("Kết quả kiểm tra CCHC năm %lld (tính đến ngày %s)",
				(long long)json_integer_value(json_object_get(sum, "year")),
				json_string_value(json_object_get(sum, "as_of")));
	report_csv_table(b, &report_table_insp_figures, title, figures);
	report_csv_table(b, &report_table_insp_plans, report_table_insp_plans.title, json_object_get(sum, "plans"));
	report_csv_table(b, &report_table_insp_fields, report_table_insp_fields.title, json_object_get(sum, "by_field"));
	report_csv_table(b, &report_table_insp_severities, report_table_insp_severities.title,
			 json_object_get(sum, "by_severity"));
	report_csv_table(b, &report_table_insp_units, report_table_insp_units.title, json_object_get(sum, "by_unit"));
	report_csv_table(b, &report_table_discipline, report_table_discipline.title, json_object_get(sum, "discipline"));
	free(title);
	json_decref(figures);
}

json_t *report_inspections(struct tracker *tr, int year, struct err *err)
{
	json_t *sum = inspection_summary(tr, year, DATE_NONE, err), *units;
	if (!sum)
		return NULL;
	if (!(units = store_units(tr->store, err))) {
		json_decref(sum);
		return NULL;
	}
	report_add_province(sum, units);
	json_decref(units);
	return sum;
}

enum err_code report_inspections_render(const json_t *sum, enum report_format f, struct buf *out, struct err *err)
{
	switch (f) {
	case REPORT_CSV:
		buf_adds(out, "\xEF\xBB\xBF");
		report_csv_inspections(out, sum);
		return ERR_OK;
	case REPORT_XLSX:
		return report_render_insp_xlsx(sum, out, err);
	case REPORT_DOCX:
		return report_render_insp_docx(sum, out, err);
	default:
		return report_render(sum, f, out, err);
	}
}
