/*
 * The PAR index's files: the XLSX reader (the first sheet found through
 * the workbook, shared and inline strings, numbers, booleans, sparse rows
 * and cells; not a zip, no sheet, a DTD, broken XML refused), the CSV
 * reader (quotes, semicolons, a BOM; an open quote and non-UTF-8 refused),
 * the criteria set's layout (a sheet as offices write it; a missing
 * parent, a non-number, a bad STT named by row) and the example sets
 * round-tripping JSON -> XLSX -> JSON.
 */
#include "base/base.h"
#include "base/embed.h"
#include "doc/csv.h"
#include "doc/xlsx.h"
#include "domain/par_sheet.h"
#include "report/par_export.h"
#include "test.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

/* A zip in memory of n (name, text) parts; *len its size. */
static char *make_zip(const char *const parts[][2], size_t n, size_t *len)
{
	zip_error_t zerr;
	zip_error_init(&zerr);
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &zerr);
	zip_source_keep(mem);
	zip_t *za = zip_open_from_source(mem, ZIP_TRUNCATE, &zerr);
	for (size_t i = 0; i < n; i++)
		zip_file_add(za, parts[i][0], zip_source_buffer(za, parts[i][1], strlen(parts[i][1]), 0), 0);
	zip_close(za);
	zip_stat_t st;
	zip_source_stat(mem, &st);
	char *out = xmalloc(st.size ? st.size : 1);
	zip_source_open(mem);
	*len = (size_t)zip_source_read(mem, out, st.size);
	zip_source_close(mem);
	zip_source_free(mem);
	zip_error_fini(&zerr);
	return out;
}

static enum err_code read_parts(const char *const parts[][2], size_t n, json_t **rows)
{
	size_t len;
	char *zip = make_zip(parts, n, &len);
	struct err err;
	enum err_code rc = xlsx_first_sheet(zip, len, rows, &err);
	free(zip);
	return rc;
}

static const char *at(json_t *rows, size_t r, size_t c)
{
	const char *s = json_string_value(json_array_get(json_array_get(rows, r), c));
	return s ? s : "(none)";
}

static void test_xlsx_reader(void)
{
	/* The first sheet in the workbook's order is sheet2.xml, not sheet1.xml. */
	static const char *const parts[][2] = {
		{"xl/workbook.xml", "<workbook " NS " " RNS "><sheets><sheet name=\"Bộ chỉ số\" sheetId=\"2\" r:id=\"rId7\"/>"
				    "<sheet name=\"Khác\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
		{"xl/_rels/workbook.xml.rels",
		 "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
		 "<Relationship Id=\"rId7\" Target=\"/xl/worksheets/sheet2.xml\"/></Relationships>"},
		{"xl/sharedStrings.xml", "<sst " NS "><si><t>STT</t></si><si><r><t>Lĩnh vực</t></r><r><t xml:space=\"preserve\">"
					 " / Tiêu chí</t></r><rPh><t>x</t></rPh></si></sst>"},
		{"xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>"
					     "<t>wrong sheet</t></is></c></row></sheetData></worksheet>"},
		{"xl/worksheets/sheet2.xml",
		 "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>"
		 "<row r=\"4\"><c r=\"B4\"><v>4.5</v></c><c t=\"inlineStr\"><is><t>chữ</t></is></c><c r=\"E4\" t=\"b\"><v>1</v></c>"
		 "<c r=\"F4\" t=\"s\"><v>99</v></c><c r=\"G4\"/></row></sheetData></worksheet>"},
	};
	json_t *rows = NULL;
	CHECK_INT(read_parts(parts, ARRAY_LEN(parts), &rows), ERR_OK);
	CHECK_INT((long long)json_array_size(rows), 4);
	CHECK_STR(at(rows, 0, 0), "STT");
	CHECK_STR(at(rows, 0, 1), "");
	CHECK_STR(at(rows, 0, 2), "Lĩnh vực / Tiêu chí");	/* runs joined, phonetics left out */
	CHECK_INT((long long)json_array_size(json_array_get(rows, 1)), 0);	/* a missing row is blank */
	CHECK_STR(at(rows, 3, 1), "4.5");
	CHECK_STR(at(rows, 3, 2), "chữ");	/* a cell without a reference follows the one before */
	CHECK_STR(at(rows, 3, 4), "1");
	CHECK_INT((long long)json_array_size(json_array_get(rows, 3)), 5);	/* a bad string index and a trailing blank dropped */
	json_decref(rows);
}

static void test_xlsx_refused(void)
{
	struct err err;
	json_t *rows = NULL;
	CHECK_INT(xlsx_first_sheet("STT,Tên\n", 8, &rows, &err), ERR_UNSUPPORTED);
	CHECK(rows == NULL);
	CHECK_INT(xlsx_first_sheet("PK\3\4 and then nothing", 22, &rows, &err), ERR_UNSUPPORTED);
	static const char *const no_sheet[][2] = {{"word/document.xml", "<w/>"}};
	CHECK_INT(read_parts(no_sheet, 1, &rows), ERR_UNSUPPORTED);
	static const char *const dtd[][2] = {
		{"xl/worksheets/sheet1.xml", "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaa\">]>"
					     "<worksheet " NS "><sheetData/></worksheet>"}};
	CHECK_INT(read_parts(dtd, 1, &rows), ERR_BAD_REQUEST);
	static const char *const broken[][2] = {{"xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData><row>"}};
	CHECK_INT(read_parts(broken, 1, &rows), ERR_BAD_REQUEST);
	static const char *const far[][2] = {
		{"xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData><row r=\"100001\"/></sheetData></worksheet>"}};
	CHECK_INT(read_parts(far, 1, &rows), ERR_TOO_LARGE);
	CHECK(rows == NULL);
}

static void test_csv_reader(void)
{
	static const char text[] = "\xEF\xBB\xBF" "Đơn vị;Tiêu chí;Điểm\r\n\"Xã \"\"A\"\"; B\";8.1;\"1,5\"\n\n01822;8.2;2";
	json_t *rows = NULL;
	struct err err;
	CHECK_INT(csv_rows(text, sizeof text - 1, &rows, &err), ERR_OK);
	CHECK_INT((long long)json_array_size(rows), 4);
	CHECK_STR(at(rows, 0, 0), "Đơn vị");
	CHECK_STR(at(rows, 1, 0), "Xã \"A\"; B");
	CHECK_STR(at(rows, 1, 2), "1,5");
	CHECK_INT((long long)json_array_size(json_array_get(rows, 2)), 0);
	CHECK_STR(at(rows, 3, 2), "2");
	json_decref(rows);
	CHECK_INT(csv_rows("a,\"b\n", 5, &rows, &err), ERR_BAD_REQUEST);
	CHECK(strstr(err.message, "row 1") != NULL);
	CHECK_INT(csv_rows("a,\xff\n", 4, &rows, &err), ERR_BAD_REQUEST);
	CHECK(rows == NULL);
}

/* Rows from lines of cells separated by '|'. */
static json_t *rows_of(const char *const *lines, size_t n)
{
	json_t *rows = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *row = json_array();
		char *copy = xstrdup(lines[i]), *p = copy;
		for (char *bar; *lines[i] && (bar = strchr(p, '|')) != NULL; p = bar + 1) {
			*bar = 0;
			json_array_append_new(row, json_string(p));
		}
		if (*lines[i])
			json_array_append_new(row, json_string(p));
		json_array_append_new(rows, row);
		free(copy);
	}
	return rows;
}

/* A sheet as an office writes it: a merged title, label rows, a heading
 * over two rows, column numbers, blank rows, numbers as text with a
 * decimal comma, letters for sub-criteria, a total row. */
static const char *const OFFICE[] = {
	"BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH XÃ, PHƯỜNG",
	"Năm: 2027",
	"Đối tượng|Xã, phường",
	"",
	"STT|Nội dung|Điểm|||Ghi chú",
	"||Tối đa|Tự đánh giá|Thẩm định",
	"(1)|(2)|(3)|(4)|(5)|(6)",
	"I|Chỉ đạo, điều hành|60",
	"1|Kế hoạch|30",
	"a)|Ban hành kế hoạch|15,0",
	"b)|Thực hiện kế hoạch| 15 ",
	"2|Kiểm tra|30",
	"",
	"2.1|Kiểm tra các thôn|30",
	"II|Tác động|40",
	"1|Hài lòng|40",
	"|Tổng cộng|100",
};

static void test_office_layout(void)
{
	json_t *rows = rows_of(OFFICE, ARRAY_LEN(OFFICE)), *sheet_rows = NULL;
	struct err err;
	json_t *set = par_sheet_to_set(rows, NULL, &sheet_rows, &err);
	CHECK(set != NULL);
	if (!set) {
		fprintf(stderr, "  %s\n", err.message);
		json_decref(rows);
		return;
	}
	json_t *nodes = json_object_get(set, "nodes");
	CHECK_INT(json_integer_value(json_object_get(set, "year")), 2027);
	CHECK_STR(json_string_value(json_object_get(set, "kind")), "commune");
	CHECK_STR(json_string_value(json_object_get(set, "name")), "BỘ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH XÃ, PHƯỜNG");
	CHECK_INT((long long)json_array_size(nodes), 8);
	static const char *const codes[][2] = {{"1", ""}, {"1.1", "1"}, {"1.1.1", "1.1"}, {"1.1.2", "1.1"},
					       {"1.2", "1"}, {"1.2.1", "1.2"}, {"2", ""}, {"2.1", "2"}};
	for (size_t i = 0; i < ARRAY_LEN(codes); i++) {
		json_t *n = json_array_get(nodes, i);
		const char *parent = json_string_value(json_object_get(n, "parent"));
		CHECK_STR(json_string_value(json_object_get(n, "code")), codes[i][0]);
		CHECK_STR(parent ? parent : "", codes[i][1]);
	}
	CHECK(fabs(json_number_value(json_object_get(json_array_get(nodes, 2), "max")) - 15) < 1e-9);
	CHECK_STR(json_string_value(json_object_get(json_array_get(nodes, 2), "rule")), "manual");
	CHECK(json_object_get(json_array_get(nodes, 1), "rule") == NULL);	/* an inner node sums */
	CHECK_INT(json_integer_value(json_array_get(sheet_rows, 5)), 14);	/* the sheet row of 2.1 */
	json_decref(set);
	json_decref(sheet_rows);
	json_decref(rows);
}

/* The error of OFFICE with line i replaced by line. */
static void office_refused(size_t i, const char *line, const char *says)
{
	const char *lines[ARRAY_LEN(OFFICE)];
	memcpy(lines, OFFICE, sizeof lines);
	lines[i] = line;
	json_t *rows = rows_of(lines, ARRAY_LEN(lines)), *sheet_rows = NULL;
	struct err err = {0};
	json_t *set = par_sheet_to_set(rows, NULL, &sheet_rows, &err);
	CHECK(set == NULL && sheet_rows == NULL);
	CHECK(strstr(err.message, says) != NULL);
	if (!strstr(err.message, says))
		fprintf(stderr, "  got: %s\n  want: %s\n", err.message, says);
	json_decref(set);
	json_decref(rows);
}

static void test_office_refused(void)
{
	office_refused(7, "1|Chỉ đạo, điều hành|60", "row 8: '1' has no field");
	office_refused(13, "3.1|Kiểm tra các thôn|30", "row 14: '3.1' is not under the criterion '2'");
	office_refused(9, "a)|Ban hành kế hoạch|mười lăm", "row 10: 'Điểm tối đa' is not a number: 'mười lăm'");
	office_refused(9, "A1|Ban hành kế hoạch|15", "row 10: STT 'A1'");
	office_refused(9, "|Ban hành kế hoạch|15", "row 10: the row has no STT");
	office_refused(4, "Số|Nội dung|Điểm", "no header row");
}

/* The set file as par_set_tree gives it: nodes nested under "tree". */
static json_t *as_tree(json_t *file)
{
	json_t *doc = json_deep_copy(file), *nodes = json_object_get(doc, "nodes"), *tree = json_array();
	size_t i;
	json_t *n;
	json_array_foreach(nodes, i, n)
		json_object_set_new(n, "children", json_array());
	json_array_foreach(nodes, i, n) {
		const char *parent = json_string_value(json_object_get(n, "parent"));
		json_t *into = tree;
		size_t k;
		json_t *p;
		json_array_foreach(nodes, k, p)
			if (parent && strcmp(json_string_value(json_object_get(p, "code")), parent) == 0)
				into = json_object_get(p, "children");
		json_array_append(into, n);
	}
	json_object_set_new(doc, "tree", tree);
	json_object_del(doc, "nodes");
	return doc;
}

/* Are a (the file) and b (read back) the same node, numbers by value? */
static bool same_value(json_t *a, json_t *b)
{
	if (!a || !b)
		return a == b;
	if (json_is_number(a) && json_is_number(b))
		return fabs(json_number_value(a) - json_number_value(b)) < 1e-9;
	if (json_is_object(a) && json_is_object(b)) {
		const char *k;
		json_t *v;
		json_object_foreach(a, k, v)
			if (!same_value(v, json_object_get(b, k)))
				return false;
		json_object_foreach(b, k, v)
			if (!json_object_get(a, k))
				return false;
		return true;
	}
	if (json_is_array(a) && json_is_array(b)) {
		if (json_array_size(a) != json_array_size(b))
			return false;
		for (size_t i = 0; i < json_array_size(a); i++)
			if (!same_value(json_array_get(a, i), json_array_get(b, i)))
				return false;
		return true;
	}
	return json_equal(a, b);
}

static void test_round_trip(void)
{
	static const char *const files[] = {"par-2026-department.json", "par-2026-commune.json"};
	for (size_t f = 0; f < ARRAY_LEN(files); f++) {
		const struct embed_file *e = embed_find(embed_seed, files[f]);
		json_t *file = e ? json_loadb((const char *)e->data, e->len, 0, NULL) : NULL;
		json_t *doc = as_tree(file), *rows = NULL, *sheet_rows = NULL;
		struct buf xlsx = BUF_INIT;
		struct err err;
		CHECK_INT(par_render_sheet_xlsx(doc, &xlsx, &err), ERR_OK);
		CHECK_INT(xlsx_first_sheet(xlsx.data, xlsx.len, &rows, &err), ERR_OK);
		json_t *back = par_sheet_to_set(rows, NULL, &sheet_rows, &err);
		CHECK(back != NULL);
		json_t *nodes = json_object_get(file, "nodes"), *got = json_object_get(back, "nodes");
		CHECK_INT((long long)json_array_size(got), (long long)json_array_size(nodes));
		size_t i;
		json_t *n;
		json_array_foreach(nodes, i, n) {
			/* A leaf without a part is scored by the unit: the sheet says so. */
			if (json_object_get(n, "rule") && !json_object_get(n, "scored_by"))
				json_object_set_new(n, "scored_by", json_string("self"));
			bool same = same_value(n, json_array_get(got, i));
			CHECK(same);
			if (!same)
				fprintf(stderr, "  %s: %s\n", files[f], json_string_value(json_object_get(n, "code")));
		}
		static const char *const keys[] = {"year", "kind", "name", "example", "note", "bands"};
		for (size_t k = 0; k < ARRAY_LEN(keys); k++)
			CHECK(same_value(json_object_get(file, keys[k]), json_object_get(back, keys[k])));
		buf_release(&xlsx);
		json_decref(back);
		json_decref(rows);
		json_decref(sheet_rows);
		json_decref(doc);
		json_decref(file);
	}
}

int main(void)
{
	RUN(test_xlsx_reader);
	RUN(test_xlsx_refused);
	RUN(test_csv_reader);
	RUN(test_office_layout);
	RUN(test_office_refused);
	RUN(test_round_trip);
	return test_summary();
}
