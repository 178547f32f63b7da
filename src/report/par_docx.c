/*
 * par_docx.c — the PAR index's documents in the Decree 30 layout:
 *   - the appraisal report of the lead agency (Home Affairs): "BÁO CÁO
 *     Kết quả thẩm định Chỉ số CCHC năm …", the units' results side by
 *     side (self-assessed, appraised, difference), the bands;
 *   - the PPC's approval decision draft: "QUYẾT ĐỊNH Phê duyệt và công bố
 *     Chỉ số CCHC năm …", its articles, the ranked table as its annex.
 * Both render par_results' object with "province" ({name, place}) and
 * "lead_unit_name" added; a long table is cut at MAX_ROWS rows per kind
 * (the spreadsheet has it whole).
 */
#include "base/base.h"
#include "domain/par_sheet.h"
#include "report/docx_out.h"
#include "report/par_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ROWS 200

enum { B = DOCX_B, I = DOCX_I, CENTER = DOCX_CENTER, JUSTIFY = DOCX_JUSTIFY, INDENT = DOCX_INDENT };

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* A number with a decimal comma, blank for none. */
static void num_text(char *out, size_t n, const json_t *v)
{
	if (!json_is_number(v)) {
		snprintf(out, n, "–");
		return;
	}
	snprintf(out, n, "%.2f", json_number_value(v));
	char *dot = strchr(out, '.');
	if (dot)
		*dot = ',';
}

/* Ô 1–4: the issuing body on two lines, the number and symbol, the motto,
 * the place and date. */
static void header(struct buf *b, const char *above, const char *body, const char *symbol, const char *place)
{
	static const int hw[] = {3800, 5600};
	docx_table_open(b, 0, hw, 2);
	buf_adds(b, "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"3800\" w:type=\"dxa\"/></w:tcPr>");
	docx_para(b, above, *body ? CENTER : B | CENTER, 13, 0);
	docx_para(b, body, B | CENTER, 13, 0);
	docx_para(b, "―――――", CENTER, 8, 120);
	docx_paraf(b, CENTER, 13, "Số:        /%s", symbol);
	buf_adds(b, "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"5600\" w:type=\"dxa\"/></w:tcPr>");
	docx_para(b, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", B | CENTER, 12, 0);
	docx_para(b, "Độc lập - Tự do - Hạnh phúc", B | CENTER, 13, 0);
	docx_para(b, "―――――――――――――", CENTER, 8, 120);
	docx_place_date(b, place);
	buf_adds(b, "</w:tc></w:tr></w:tbl>");
	docx_para(b, "", 0, 0, 240);
}

/* The ranked table of kind: rank, unit, self, appraised, difference,
 * index, band (side by side when appraised is true). */
static size_t results_table(struct buf *b, const json_t *results, const char *kind, bool appraisal)
{
	static const int w[] = {600, 3000, 1100, 1100, 1000, 1100, 1200};
	static const char *const heads[] = {"Hạng", "Đơn vị", "Tự đánh giá", "Thẩm định", "Chênh lệch", "Chỉ số (%)",
					    "Xếp loại"};
	size_t i, shown = 0, ncols = ARRAY_LEN(w);
	json_t *it;
	docx_table_open(b, 1, w, ncols);
	buf_adds(b, "<w:tr>");
	for (size_t c = 0; c < ncols; c++)
		docx_cell(b, w[c], heads[c], B | CENTER, 11);
	buf_adds(b, "</w:tr>");
	json_array_foreach(json_object_get(results, "items"), i, it) {
		if (strcmp(str(it, "kind"), kind) || shown >= MAX_ROWS)
			continue;
		json_t *self = json_object_get(it, "self_points"), *appr = json_object_get(it, "appraised_points");
		json_t *diff = json_is_number(appr) ? json_real(json_number_value(appr) - json_number_value(self)) : NULL;
		char cells[5][32];
		num_text(cells[0], sizeof cells[0], self);
		num_text(cells[1], sizeof cells[1], appr);
		num_text(cells[2], sizeof cells[2], diff);
		num_text(cells[3], sizeof cells[3], json_object_get(it, "index"));
		snprintf(cells[4], sizeof cells[4], "%lld", (long long)json_integer_value(json_object_get(it, "rank")));
		json_decref(diff);
		buf_adds(b, "<w:tr>");
		docx_cell(b, w[0], cells[4], CENTER, 11);
		docx_cell(b, w[1], str(it, "unit_name"), 0, 11);
		docx_cell(b, w[2], cells[0], CENTER, 11);
		docx_cell(b, w[3], appraisal || json_is_number(appr) ? cells[1] : "–", CENTER, 11);
		docx_cell(b, w[4], cells[2], CENTER, 11);
		docx_cell(b, w[5], cells[3], CENTER, 11);
		docx_cell(b, w[6], str(it, "band"), CENTER, 11);
		buf_adds(b, "</w:tr>");
		shown++;
	}
	buf_adds(b, "</w:tbl>");
	docx_para(b, "", 0, 0, 120);
	return shown;
}

/* The kinds present, in the decree's order; returns how many. */
static int kinds_of(const json_t *results, const char *kinds[2])
{
	int n = 0;
	static const char *const all[] = {"department", "commune"};
	for (size_t k = 0; k < ARRAY_LEN(all); k++) {
		size_t i;
		json_t *it;
		json_array_foreach(json_object_get(results, "items"), i, it)
			if (strcmp(str(it, "kind"), all[k]) == 0) {
				kinds[n++] = all[k];
				break;
			}
	}
	return n;
}

static void signature(struct buf *b, const char *const *lines, size_t n, const char *const *recipients)
{
	static const int sw[] = {4400, 5000};
	docx_table_open(b, 0, sw, 2);
	buf_adds(b, "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"4400\" w:type=\"dxa\"/></w:tcPr>");
	docx_para(b, "Nơi nhận:", B | I, 12, 0);
	for (size_t i = 0; recipients[i]; i++)
		docx_para(b, recipients[i], 0, 11, 0);
	buf_adds(b, "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"5000\" w:type=\"dxa\"/></w:tcPr>");
	for (size_t i = 0; i < n; i++)
		docx_para(b, lines[i], B | CENTER, 14, 0);
	docx_para(b, "", 0, 0, 1400);
	buf_adds(b, "</w:tc></w:tr></w:tbl>");
}

static void report_xml(const json_t *results, struct buf *b)
{
	long long year = (long long)json_integer_value(json_object_get(results, "year"));
	const json_t *prov = json_object_get(results, "province");
	char *pname = docx_upper(*str(prov, "name") ? str(prov, "name") : "Ủy ban nhân dân tỉnh");
	char *lead = docx_upper(*str(results, "lead_unit_name") ? str(results, "lead_unit_name") : "Sở Nội vụ");
	const char *kinds[2];
	int nk = kinds_of(results, kinds);
	docx_document_start(b);
	header(b, pname, lead, "BC-SNV", str(prov, "place"));
	docx_para(b, "BÁO CÁO", B | CENTER, 14, 0);
	docx_paraf(b, B | CENTER, 14, "Kết quả thẩm định Chỉ số cải cách hành chính năm %lld", year);
	docx_para(b, "―――――", CENTER, 8, 240);
	docx_paraf(b, JUSTIFY | INDENT, 0,
		   "Thực hiện nhiệm vụ được giao, %s báo cáo kết quả thẩm định Chỉ số cải cách hành chính (CCHC) "
		   "năm %lld như sau: điểm do các cơ quan, đơn vị tự đánh giá, điểm sau thẩm định và chênh lệch giữa "
		   "hai điểm; chỉ số bằng điểm đạt được chia điểm tối đa nhân 100.", *str(results, "lead_unit_name") ?
		   str(results, "lead_unit_name") : "Sở Nội vụ", year);
	for (int k = 0; k < nk; k++) {
		docx_paraf(b, B | INDENT, 0, "%s. KẾT QUẢ CỦA CÁC %s", k ? "II" : "I",
			   strcmp(kinds[k], "commune") ? "SỞ, BAN, NGÀNH" : "XÃ, PHƯỜNG");
		results_table(b, results, kinds[k], true);
	}
	docx_paraf(b, B | INDENT, 0, "%s. ĐỀ XUẤT", nk > 1 ? "III" : "II");
	docx_para(b, "Đề nghị Ủy ban nhân dân tỉnh xem xét, phê duyệt và công bố Chỉ số CCHC theo kết quả thẩm định "
		  "nêu trên.", JUSTIFY | INDENT, 0, 120);
	static const char *const lines[] = {"GIÁM ĐỐC"};
	static const char *const to[] = {"- UBND tỉnh (b/c);", "- Hội đồng thẩm định;", "- Lưu: VT.", NULL};
	signature(b, lines, ARRAY_LEN(lines), to);
	docx_section_end(b);
	free(pname);
	free(lead);
}

static void decision_xml(const json_t *results, struct buf *b)
{
	long long year = (long long)json_integer_value(json_object_get(results, "year"));
	const json_t *prov = json_object_get(results, "province");
	const char *pn = *str(prov, "name") ? str(prov, "name") : "Ủy ban nhân dân tỉnh";
	char *pname = docx_upper(pn);
	const char *split = strstr(pname, " TỈNH ");
	char *line1 = split ? xstrndup(pname, (size_t)(split - pname)) : xstrdup(pname);
	const char *kinds[2];
	int nk = kinds_of(results, kinds);
	docx_document_start(b);
	header(b, line1, split ? split + 1 : "", "QĐ-UBND", str(prov, "place"));
	docx_para(b, "QUYẾT ĐỊNH", B | CENTER, 14, 0);
	docx_paraf(b, B | CENTER, 14, "Phê duyệt và công bố Chỉ số cải cách hành chính năm %lld", year);
	docx_paraf(b, B | CENTER, 14, "của các sở, ban, ngành và Ủy ban nhân dân các xã, phường");
	docx_para(b, "―――――", CENTER, 8, 240);
	docx_paraf(b, B | CENTER, 14, "CHỦ TỊCH %s", pname);
	docx_para(b, "Căn cứ Luật Tổ chức chính quyền địa phương;", I | JUSTIFY | INDENT, 0, 60);
	docx_para(b, "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
		  I | JUSTIFY | INDENT, 0, 60);
	docx_paraf(b, I | JUSTIFY | INDENT, 0, "Căn cứ Bộ chỉ số cải cách hành chính năm %lld do Ủy ban nhân dân tỉnh "
		   "ban hành;", year);
	docx_paraf(b, I | JUSTIFY | INDENT, 0, "Theo đề nghị của Giám đốc %s.", *str(results, "lead_unit_name") ?
		   str(results, "lead_unit_name") : "Sở Nội vụ");
	docx_para(b, "QUYẾT ĐỊNH:", B | CENTER, 14, 120);
	docx_paraf(b, JUSTIFY | INDENT, 0, "Điều 1. Phê duyệt và công bố Chỉ số cải cách hành chính năm %lld của các "
		   "sở, ban, ngành và Ủy ban nhân dân các xã, phường (chi tiết tại Phụ lục kèm theo).", year);
	docx_para(b, "Điều 2. Các cơ quan, đơn vị căn cứ kết quả Chỉ số cải cách hành chính để khắc phục hạn chế, "
		  "nâng cao hiệu quả công tác cải cách hành chính; kết quả là căn cứ đánh giá, xếp loại người đứng đầu.",
		  JUSTIFY | INDENT, 0, 120);
	docx_para(b, "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc "
		  "các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các xã, phường chịu trách nhiệm thi hành Quyết định này.",
		  JUSTIFY | INDENT, 0, 240);
	static const char *const lines[] = {"CHỦ TỊCH"};
	static const char *const to[] = {"- Như Điều 3;", "- Thường trực Tỉnh ủy;", "- Bộ Nội vụ;", "- Lưu: VT.", NULL};
	signature(b, lines, ARRAY_LEN(lines), to);
	docx_para(b, "PHỤ LỤC", B | CENTER, 14, 0);
	docx_paraf(b, B | CENTER, 14, "Kết quả Chỉ số cải cách hành chính năm %lld", year);
	docx_para(b, "(Kèm theo Quyết định số      /QĐ-UBND của Ủy ban nhân dân tỉnh)", I | CENTER, 13, 240);
	for (int k = 0; k < nk; k++) {
		docx_paraf(b, B | INDENT, 0, "%s. %s", k ? "II" : "I", par_sheet_kind_name(kinds[k]));
		results_table(b, results, kinds[k], false);
	}
	docx_section_end(b);
	free(pname);
	free(line1);
}

enum err_code par_render_results_docx(const json_t *results, enum par_doc which, struct buf *out, struct err *err)
{
	return docx_render(which == PAR_DOC_DECISION ? decision_xml : report_xml, results, out, err);
}
