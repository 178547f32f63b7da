/*
 * report_docx.c — a report as a Word document in the layout of Decree
 * 30/2020/NĐ-CP (administrative documents), written as OOXML parts into a
 * zip with libzip:
 *   - the two-column header: issuing body (left) and national motto (right),
 *     the number and symbol "Số:    /BC-…" left blank for the clerk, the
 *     place and date in italics;
 *   - the title ("BÁO CÁO" and its summary line), the body with the tables
 *     per field and the units named with their reasons;
 *   - recipients ("Nơi nhận") and the signature block;
 *   - Times New Roman, A4, margins top and bottom 20 mm, left 30 mm,
 *     right 15 mm.
 * Long lists are cut (the spreadsheet has them whole) so that a national
 * report stays a document someone can read.
 */
#include "base/base.h"
#include "base/date.h"
#include "report/report.h"
#include "report/report_int.h"
#include "report/docx_out.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_UNIT_ROWS 40	/* rows of a field's unit table */
#define MAX_NAMED 60		/* units named with reasons, per list */

enum { B = DOCX_B, I = DOCX_I, CENTER = DOCX_CENTER, JUSTIFY = DOCX_JUSTIFY, INDENT = DOCX_INDENT };

/* A table of the given columns of t over rows (at most max rows). */
static void data_table(struct buf *b, const struct table *t, const int *pick, size_t npick, const int *widths,
		       const json_t *rows, size_t max)
{
	docx_table_open(b, 1, widths, npick);
	buf_adds(b, "<w:tr><w:trPr><w:tblHeader/></w:trPr>");
	docx_cell(b, 600, "TT", B | CENTER, 11);
	for (size_t c = 1; c < npick; c++)
		docx_cell(b, widths[c], t->cols[pick[c]].head, B | CENTER, 11);
	buf_adds(b, "</w:tr>");
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		if (i >= max)
			break;
		buf_adds(b, "<w:tr>");
		char n[24];
		snprintf(n, sizeof n, "%zu", i + 1);
		docx_cell(b, widths[0], n, CENTER, 11);
		for (size_t c = 1; c < npick; c++) {
			const struct col *col = &t->cols[pick[c]];
			char *s = report_cell_text(row, col, 1);
			docx_cell(b, widths[c], s, col->type == COL_TEXT || col->type == COL_JOIN ? 0 : CENTER, 11);
			free(s);
		}
		buf_adds(b, "</w:tr>");
	}
	buf_adds(b, "</w:tbl>");
	if (json_array_size(rows) > max)
		docx_paraf(b, I, 12, "(… và %zu cơ quan, đơn vị khác: xem bảng tính kèm theo)", json_array_size(rows) - max);
	else
		docx_para(b, "", 0, 6, 0);
}

/* Column picks: the first entry is the row number column (ignored index). */
static const int field_pick[] = {0, 1, 3, 8, 7, 6, 5, 4, 10, 11};
static const int field_w[] = {500, 2300, 750, 800, 750, 700, 800, 750, 850, 850};
static const int unit_pick[] = {0, 1, 2, 7, 6, 5, 9, 10};
static const int unit_w[] = {500, 3300, 750, 900, 800, 800, 1000, 1000};
static const int score_pick[] = {0, 1, 11, 6, 14, 16, 20};
static const int score_w[] = {500, 2900, 1000, 800, 900, 1100, 2100};

/* "- Unit: reasons" paragraphs for a list of behind entries. */
static void named(struct buf *b, const json_t *list)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		if (i >= MAX_NAMED) {
			docx_paraf(b, I | INDENT, 0, "(… và %zu cơ quan, đơn vị khác: xem bảng tính kèm theo)",
			      json_array_size(list) - MAX_NAMED);
			break;
		}
		docx_para_open(b, JUSTIFY | INDENT, 60);
		docx_run(b, "- ", 0, 0);
		docx_run(b, json_string_value(json_object_get(x, "unit_name")), B, 0);
		docx_run(b, ": ", 0, 0);
		docx_run(b, json_string_value(json_object_get(x, "text")), 0, 0);
		docx_run(b, ".", 0, 0);
		buf_adds(b, "</w:p>");
	}
	if (!json_array_size(list))
		docx_para(b, "Không có cơ quan, đơn vị nào thuộc diện chậm, chưa đạt theo các tiêu chí hiện hành.", JUSTIFY | INDENT,
		     0, 120);
}

static const char *roman[] = {"I", "II", "III", "IV", "V", "VI"};

static void pct_text(char *out, size_t n, const json_t *v)
{
	if (!json_is_number(v))
		snprintf(out, n, "chưa có nhiệm vụ đến hạn");
	else {
		snprintf(out, n, "%.1f%%", json_number_value(v) * 100);
		char *dot = strchr(out, '.');
		if (dot)
			*dot = ',';
	}
}

/* What the parts of the document share: the report, the names in its
 * header, and the fields it shows. */
struct doc {
	const json_t *rep;
	const char *place;	/* the province's place ("Cao Bằng") */
	char *pname;		/* the issuing body in capitals */
	char *line1, *line2;	/* pname on two lines: its kind, its place */
	char *lead;		/* a one-field report: the lead agency in capitals; else NULL */
	const char *fname;	/* that field's name */
	json_t *shown;		/* the fields shown (one or all) */
};

static void doc_init(struct doc *d, const json_t *rep)
{
	const json_t *fsel = json_object_get(rep, "field");
	const json_t *prov = json_object_get(rep, "province");
	const char *pname = json_string_value(json_object_get(prov, "name"));
	*d = (struct doc){.rep = rep, .place = json_string_value(json_object_get(prov, "place"))};
	if (!pname)
		pname = "Ủy ban nhân dân tỉnh";
	if (!d->place)
		d->place = "";
	d->pname = docx_upper(pname);
	/* "ỦY BAN NHÂN DÂN TỈNH CAO BẰNG" is set on two lines, the body's
	 * kind above its place. */
	const char *split = strstr(d->pname, " TỈNH ");
	d->line1 = split ? xstrndup(d->pname, (size_t)(split - d->pname)) : xstrdup(d->pname);
	d->line2 = split ? xstrdup(split + 1) : xstrdup("");
	d->shown = json_array();
	size_t i;
	json_t *f;
	json_array_foreach(json_object_get(rep, "fields"), i, f) {
		int mine = json_is_object(fsel) &&
			   strcmp(json_string_value(json_object_get(f, "code")), json_string_value(json_object_get(fsel, "code"))) == 0;
		if (mine) {
			const char *lead = json_string_value(json_object_get(f, "lead_unit_name"));
			free(d->lead);
			d->lead = docx_upper(lead ? lead : "");
			d->fname = json_string_value(json_object_get(f, "name"));
		}
		if (!json_is_object(fsel) || mine)
			json_array_append(d->shown, f);
	}
}

static void doc_release(struct doc *d)
{
	json_decref(d->shown);
	free(d->pname);
	free(d->line1);
	free(d->line2);
	free(d->lead);
}

/* Header: ô 2 (issuing body) | ô 1 (motto); ô 3 (number) | ô 4 (place, date). */
static void header_block(struct buf *b, const struct doc *d)
{
	static const int hw[] = {3800, 5600};
	docx_table_open(b, 0, hw, 2);
	buf_adds(b, "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"3800\" w:type=\"dxa\"/></w:tcPr>");
	if (d->lead) {
		docx_para(b, d->pname, CENTER, 13, 0);
		docx_para(b, d->lead, B | CENTER, 13, 0);
	} else {
		docx_para(b, d->line1, B | CENTER, 13, 0);
		docx_para(b, d->line2, B | CENTER, 13, 0);
	}
	docx_para(b, "―――――", CENTER, 8, 120);
	docx_paraf(b, CENTER, 13, "Số:        /BC-%s", d->lead ? "…" : "UBND");
	buf_adds(b, "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"5600\" w:type=\"dxa\"/></w:tcPr>");
	docx_para(b, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", B | CENTER, 12, 0);
	docx_para(b, "Độc lập - Tự do - Hạnh phúc", B | CENTER, 13, 0);
	docx_para(b, "―――――――――――――", CENTER, 8, 120);
	docx_place_date(b, d->place);
	buf_adds(b, "</w:tc></w:tr></w:tbl>");
	docx_para(b, "", 0, 0, 240);
}

/* Ô 5a: the kind and summary, then what the figures are as of. */
static void title_block(struct buf *b, const struct doc *d)
{
	const char *period_name = json_string_value(json_object_get(d->rep, "period_name"));
	docx_para(b, "BÁO CÁO", B | CENTER, 14, 0);
	char *title = d->fname ? xasprintf("Kết quả thực hiện nhiệm vụ cải cách hành chính %s, lĩnh vực %s",
					   period_name, d->fname)
			       : xasprintf("Kết quả thực hiện nhiệm vụ cải cách hành chính %s", period_name);
	docx_para(b, title, B | CENTER, 14, 0);
	docx_para(b, "―――――", CENTER, 8, 240);
	free(title);

	char asof[16];
	report_day_vi(asof, sizeof asof, date_parse(json_string_value(json_object_get(d->rep, "as_of"))));
	docx_paraf(b, JUSTIFY | INDENT, 0,
	      "Báo cáo được lập từ số liệu theo dõi nhiệm vụ cải cách hành chính (CCHC) ghi nhận trên hệ thống "
	      "đến hết ngày %s; các báo cáo tiến độ, số liệu chỉ tiêu cập nhật sau thời điểm này không được tính, "
	      "nên số liệu của báo cáo không thay đổi khi in lại.", asof);
}

/* I: the totals in words and the table of the fields shown. */
static void totals_section(struct buf *b, const struct doc *d)
{
	char a[40], c2[40];
	const json_t *tot = json_object_get(d->rep, "totals");
	docx_paraf(b, B | INDENT, 0, "%s. KẾT QUẢ CHUNG", roman[0]);
	pct_text(a, sizeof a, json_object_get(tot, "completion_rate"));
	pct_text(c2, sizeof c2, json_object_get(tot, "on_time_rate"));
	docx_paraf(b, JUSTIFY | INDENT, 0,
	      "Tổng số %lld nhiệm vụ được giao, trong đó: hoàn thành đúng hạn %lld; hoàn thành trễ hạn %lld; "
	      "quá hạn chưa hoàn thành %lld; đang thực hiện trong hạn %lld; chưa triển khai %lld. "
	      "Tỷ lệ hoàn thành (trên số nhiệm vụ đến hạn) đạt %s; tỷ lệ hoàn thành đúng hạn đạt %s.",
	      (long long)json_integer_value(json_object_get(tot, "total")),
	      (long long)json_integer_value(json_object_get(tot, "done_on_time")),
	      (long long)json_integer_value(json_object_get(tot, "done_late")),
	      (long long)json_integer_value(json_object_get(tot, "overdue")),
	      (long long)json_integer_value(json_object_get(tot, "in_progress")),
	      (long long)json_integer_value(json_object_get(tot, "not_started")), a, c2);
	data_table(b, &report_table_fields, field_pick, ARRAY_LEN(field_pick), field_w, d->shown, 100);
}

/* II: per field shown, its figures, units, indicators and who falls behind. */
static void fields_section(struct buf *b, const struct doc *d)
{
	char a[40];
	size_t i;
	json_t *f;
	docx_paraf(b, B | INDENT, 0, "%s. KẾT QUẢ THEO TỪNG LĨNH VỰC", roman[1]);
	json_array_foreach(d->shown, i, f) {
		pct_text(a, sizeof a, json_object_get(f, "on_time_rate"));
		docx_paraf(b, B | INDENT, 0, "%zu. %s", i + 1, json_string_value(json_object_get(f, "name")));
		docx_paraf(b, JUSTIFY | INDENT, 0, "Cơ quan chủ trì theo dõi: %s. Tổng số %lld nhiệm vụ, quá hạn %lld; tỷ lệ hoàn thành đúng hạn %s.",
		      json_string_value(json_object_get(f, "lead_unit_name")) ? json_string_value(json_object_get(f, "lead_unit_name")) : "chưa xác định",
		      (long long)json_integer_value(json_object_get(f, "total")),
		      (long long)json_integer_value(json_object_get(f, "overdue")), a);
		if (json_array_size(json_object_get(f, "units")))
			data_table(b, &report_table_field_units, unit_pick, ARRAY_LEN(unit_pick), unit_w,
				   json_object_get(f, "units"), MAX_UNIT_ROWS);
		size_t j;
		json_t *ind;
		json_array_foreach(json_object_get(f, "indicators"), j, ind)
			docx_paraf(b, JUSTIFY | INDENT, 0, "- Chỉ tiêu “%s” (mục tiêu %s %g%s): %lld đơn vị đạt, %lld đơn vị không đạt, %lld đơn vị đã đạt nay giảm.",
			      json_string_value(json_object_get(ind, "name")), json_string_value(json_object_get(ind, "comparison")),
			      json_number_value(json_object_get(ind, "target")),
			      strcmp(json_string_value(json_object_get(ind, "measure")), "%") == 0 ? "%" : "",
			      (long long)json_integer_value(json_object_get(ind, "units_met")),
			      (long long)json_integer_value(json_object_get(ind, "units_not_met")),
			      (long long)json_integer_value(json_object_get(ind, "units_regressed")));
		docx_para(b, "Cơ quan, đơn vị chậm, chưa đạt trong lĩnh vực:", I | INDENT, 0, 60);
		named(b, json_object_get(f, "behind"));
	}
}

/* III and IV: who falls behind in every field, and the heads' bands. */
static void behind_and_bands(struct buf *b, const struct doc *d)
{
	docx_paraf(b, B | INDENT, 0, "%s. CƠ QUAN, ĐƠN VỊ CHẬM, CHƯA ĐẠT (TẤT CẢ LĨNH VỰC)", roman[2]);
	named(b, json_object_get(d->rep, "behind"));

	docx_paraf(b, B | INDENT, 0, "%s. ĐỀ XUẤT MỨC XẾP LOẠI NGƯỜI ĐỨNG ĐẦU TRONG THỰC HIỆN CCHC", roman[3]);
	docx_para(b, "Mức xếp loại đề xuất theo tiêu chí do cơ quan có thẩm quyền quy định (tham khảo khi đánh giá, "
		"xếp loại người đứng đầu và tập thể):", JUSTIFY | INDENT, 0, 120);
	data_table(b, &report_table_units, score_pick, ARRAY_LEN(score_pick), score_w, json_object_get(d->rep, "units"),
		   MAX_NAMED);
}

/* Columns of the inspection tables: the name and the six counts. */
static const int insp_pick[] = {0, 1, 2, 3, 4, 5, 6, 7};
static const int insp_w[] = {500, 2850, 1000, 1000, 1000, 1000, 1000, 1000};
static const int disc_pick[] = {0, 1, 2, 3};
static const int disc_w[] = {500, 4850, 2000, 2000};

static long long num(const json_t *obj, const char *key)
{
	return (long long)json_integer_value(json_object_get(obj, key));
}

/* The yearly inspection summary under heading num. */
static void inspection_section(struct buf *b, const json_t *sum, const char *num_)
{
	const json_t *cov = json_object_get(sum, "coverage"), *ins = json_object_get(sum, "inspections");
	const json_t *f = json_object_get(sum, "findings");
	char share[16], target[120], day[16];
	report_pct_vi(share, sizeof share, json_number_value(json_object_get(cov, "share")));
	report_day_vi(day, sizeof day, date_parse(json_string_value(json_object_get(sum, "as_of"))));
	if (json_is_number(json_object_get(cov, "target_share"))) {
		char t[16];
		report_pct_vi(t, sizeof t, json_number_value(json_object_get(cov, "target_share")));
		snprintf(target, sizeof target, "%s chỉ tiêu tối thiểu %s", json_is_true(json_object_get(cov, "target_met"))
			 ? "đạt" : "chưa đạt", t);
	} else {
		snprintf(target, sizeof target, "chưa có kế hoạch kiểm tra của cơ quan có thẩm quyền");
	}
	docx_paraf(b, B | INDENT, 0, "%s. KẾT QUẢ KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM %lld", num_, num(sum, "year"));
	docx_paraf(b, JUSTIFY | INDENT, 0,
	      "Số liệu tính đến ngày %s. Năm %lld có %zu kế hoạch kiểm tra với %lld cuộc kiểm tra (đã kết luận %lld, "
	      "đang tiến hành %lld, chưa tiến hành %lld). Đã kiểm tra %lld/%lld cơ quan, đơn vị, đạt %s (%s); "
	      "theo kế hoạch kiểm tra %lld cơ quan, đơn vị.",
	      day, num(sum, "year"), json_array_size(json_object_get(sum, "plans")), num(ins, "total"),
	      num(ins, "concluded"), num(ins, "in_progress"), num(ins, "planned"), num(cov, "units_inspected"),
	      num(cov, "units_total"), share, target, num(cov, "units_planned"));
	docx_paraf(b, JUSTIFY | INDENT, 0,
	      "Qua kiểm tra phát hiện %lld tồn tại, hạn chế: đã khắc phục đúng hạn %lld; khắc phục trễ hạn %lld; "
	      "chưa khắc phục xong %lld (trong đó đã khắc phục, chờ cơ quan kiểm tra xác nhận %lld; quá hạn chưa "
	      "khắc phục %lld).",
	      num(f, "findings"), num(f, "remediated_on_time"), num(f, "remediated_late"), num(f, "open"),
	      num(f, "awaiting_verification"), num(f, "open_overdue"));
	docx_para(b, "a) Theo lĩnh vực:", I | INDENT, 0, 60);
	data_table(b, &report_table_insp_fields, insp_pick, ARRAY_LEN(insp_pick), insp_w,
		   json_object_get(sum, "by_field"), 100);
	docx_para(b, "b) Theo mức độ:", I | INDENT, 0, 60);
	data_table(b, &report_table_insp_severities, insp_pick, ARRAY_LEN(insp_pick), insp_w,
		   json_object_get(sum, "by_severity"), 100);
	docx_para(b, "c) Theo cơ quan, đơn vị được kiểm tra:", I | INDENT, 0, 60);
	if (json_array_size(json_object_get(sum, "by_unit")))
		data_table(b, &report_table_insp_units, insp_pick, ARRAY_LEN(insp_pick), insp_w,
			   json_object_get(sum, "by_unit"), MAX_UNIT_ROWS);
	else
		docx_para(b, "Chưa có tồn tại, hạn chế nào được kết luận.", JUSTIFY | INDENT, 0, 120);
	docx_para(b, "d) Xử lý kỷ luật cán bộ, công chức, viên chức (số vụ việc theo cơ quan, đơn vị; không nêu tên "
		"cá nhân):", I | INDENT, 0, 60);
	if (json_array_size(json_object_get(sum, "discipline")))
		data_table(b, &report_table_discipline, disc_pick, ARRAY_LEN(disc_pick), disc_w,
			   json_object_get(sum, "discipline"), MAX_NAMED);
	else
		docx_para(b, "Không có vụ việc nào trong năm.", JUSTIFY | INDENT, 0, 120);
}

/* Ô 9 (recipients) and ô 7 (signature), side by side. */
static void signature_block(struct buf *b, const struct doc *d)
{
	static const int sw[] = {4400, 5000};
	docx_table_open(b, 0, sw, 2);
	buf_adds(b, "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"4400\" w:type=\"dxa\"/></w:tcPr>");
	docx_para(b, "Nơi nhận:", B | I, 12, 0);
	docx_para(b, "- Thường trực Tỉnh ủy;", 0, 11, 0);
	docx_para(b, "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;", 0, 11, 0);
	docx_para(b, "- Các sở, ban, ngành; UBND các xã, phường;", 0, 11, 0);
	docx_para(b, "- Lưu: VT.", 0, 11, 0);
	buf_adds(b, "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"5000\" w:type=\"dxa\"/></w:tcPr>");
	if (d->lead) {
		docx_para(b, "GIÁM ĐỐC", B | CENTER, 14, 0);
	} else {
		docx_para(b, "TM. ỦY BAN NHÂN DÂN", B | CENTER, 14, 0);
		docx_para(b, "KT. CHỦ TỊCH", B | CENTER, 14, 0);
		docx_para(b, "PHÓ CHỦ TỊCH", B | CENTER, 14, 0);
	}
	docx_para(b, "", 0, 0, 1400);
	buf_adds(b, "</w:tc></w:tr></w:tbl>");
}

static void document_xml(const json_t *rep, struct buf *b)
{
	struct doc d;
	doc_init(&d, rep);
	docx_document_start(b);
	header_block(b, &d);
	title_block(b, &d);
	totals_section(b, &d);
	fields_section(b, &d);
	behind_and_bands(b, &d);
	if (json_object_get(rep, "inspections"))
		inspection_section(b, json_object_get(rep, "inspections"), roman[4]);
	signature_block(b, &d);
	docx_section_end(b);
	doc_release(&d);
}

/* The yearly inspection summary as a report of its own. */
static void inspection_document_xml(const json_t *sum, struct buf *b)
{
	struct doc d;
	doc_init(&d, sum);
	docx_document_start(b);
	header_block(b, &d);
	docx_para(b, "BÁO CÁO", B | CENTER, 14, 0);
	docx_paraf(b, B | CENTER, 14, "Kết quả kiểm tra công tác cải cách hành chính năm %lld", num(sum, "year"));
	docx_para(b, "―――――", CENTER, 8, 240);
	inspection_section(b, sum, roman[0]);
	signature_block(b, &d);
	docx_section_end(b);
	doc_release(&d);
}

enum err_code report_render_docx(const json_t *rep, struct buf *out, struct err *err)
{
	return docx_render(document_xml, rep, out, err);
}

enum err_code report_render_insp_docx(const json_t *sum, struct buf *out, struct err *err)
{
	return docx_render(inspection_document_xml, sum, out, err);
}
