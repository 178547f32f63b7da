/*
 * t_docx_tables.c — .docx tables (w:tbl) as the parser reads them: one
 * "| a | b |" line per row, one cell per grid column, merged cells
 * (w:gridSpan, w:vMerge, w:gridBefore) keeping the columns in line, nested
 * tables kept in their cell; and a plan saved as .docx by the office suite
 * reads as the same plan typed as text, leads included.
 */
#include "base/base.h"
#include "doc/docx.h"
#include "doc_same.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

/* A .docx in memory holding only word/document.xml with body inside; *len its size. */
static char *make_docx(const char *body, size_t *len)
{
	char *xml = xasprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W "><w:body>%s</w:body></w:document>",
			      body);
	zip_error_t zerr;
	zip_error_init(&zerr);
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &zerr);
	zip_source_keep(mem);
	zip_t *za = zip_open_from_source(mem, ZIP_TRUNCATE, &zerr);
	zip_source_t *entry = zip_source_buffer(za, xml, strlen(xml), 0);
	zip_file_add(za, "word/document.xml", entry, ZIP_FL_OVERWRITE);
	zip_close(za);
	zip_stat_t st;
	zip_source_stat(mem, &st);
	char *out = xmalloc(st.size ? st.size : 1);
	zip_source_open(mem);
	*len = (size_t)zip_source_read(mem, out, st.size);
	zip_source_close(mem);
	zip_source_free(mem);
	zip_error_fini(&zerr);
	free(xml);
	return out;
}

/* The reader's text for a body. */
static char *docx_body_text(const char *body)
{
	size_t len = 0, tlen = 0;
	char *docx = make_docx(body, &len), *text = NULL;
	struct err err = {0};
	CHECK_INT(docx_text(docx, len, DOCX_MAX_XML, &text, &tlen, &err), ERR_OK);
	free(docx);
	return text ? text : xstrdup("");
}

#define P(s) "<w:p><w:r><w:t>" s "</w:t></w:r></w:p>"
#define TC(s) "<w:tc>" P(s) "</w:tc>"
#define TC_PR(pr, s) "<w:tc><w:tcPr>" pr "</w:tcPr>" P(s) "</w:tc>"

static void test_merged_cells(void)
{
	char *text = docx_body_text(
		"<w:tbl>"
		"<w:tr>" TC("STT") TC("Nội dung") TC("Cơ quan chủ trì") TC("Thời gian") "</w:tr>"
		/* a group heading spanning three columns */
		"<w:tr>" TC("I") TC_PR("<w:gridSpan w:val=\"3\"/>", "CHỈ ĐẠO") "</w:tr>"
		/* the lead spans two rows: the second row repeats it */
		"<w:tr>" TC("1") TC("Việc một") TC_PR("<w:vMerge w:val=\"restart\"/>", "Sở Nội vụ") TC("Quý I") "</w:tr>"
		"<w:tr>" TC("2") TC("Việc hai") "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>" TC("Quý II") "</w:tr>"
		/* a row starting one column in, and a pipe inside a cell */
		"<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" TC("Việc a|b") TC("Sở Tư pháp") TC("Quý III") "</w:tr>"
		"</w:tbl>");
	CHECK_STR(text,
		  "| STT | Nội dung | Cơ quan chủ trì | Thời gian |\n"
		  "| I | CHỈ ĐẠO |  |  |\n"
		  "| 1 | Việc một | Sở Nội vụ | Quý I |\n"
		  "| 2 | Việc hai | Sở Nội vụ | Quý II |\n"
		  "|  | Việc a/b | Sở Tư pháp | Quý III |\n");
	free(text);
}

static void test_cells_and_nesting(void)
{
	char *text = docx_body_text(
		P("Trước bảng")
		"<w:tbl><w:tr>"
		"<w:tc>" P("ỦY BAN NHÂN DÂN") P("TỈNH CAO BẰNG") "</w:tc>"
		"<w:tc><w:tbl>"
		"<w:tr>" TC("Sở A") TC("") TC("Quý I") "</w:tr>"
		"<w:tr>" TC("Sở B") TC("Quý II") "</w:tr>"
		"</w:tbl></w:tc>"
		"</w:tr></w:tbl>"
		P("Sau bảng"));
	CHECK_STR(text,
		  "Trước bảng\n"
		  "| ỦY BAN NHÂN DÂN<br>TỈNH CAO BẰNG | Sở A; Quý I<br>Sở B; Quý II |\n"
		  "Sau bảng\n");
	free(text);
}

static void test_plan_reads_as_text(void)
{
	size_t len = 0, tlen = 0;
	char *docx = sample("kh-annex.docx", &len), *text = NULL;
	struct err err = {0};
	CHECK(docx != NULL);
	if (!docx)
		return;
	CHECK_INT(docx_text(docx, len, DOCX_MAX_XML, &text, &tlen, &err), ERR_OK);
	if (text) {
		CHECK(strstr(text, "| 2 | Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính | Văn phòng UBND tỉnh | "
				   "UBND các xã, phường | Tháng 6/2026 | Hồ sơ được số hóa |\n") != NULL);
		check_same_document(text, tlen, "kh-annex.txt", true);
	}
	free(text);
	free(docx);
}

int main(void)
{
	RUN(test_merged_cells);
	RUN(test_cells_and_nesting);
	RUN(test_plan_reads_as_text);
	return test_summary();
}
