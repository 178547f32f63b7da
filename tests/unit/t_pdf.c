/*
 * t_pdf.c — the PDF reader: a plan printed to PDF by the office suite reads
 * as the same plan typed as text (header columns, appendix table over a
 * page break); cells a word space apart and cells centred in their rows
 * read in their own columns and rows; damaged, encrypted, scanned and
 * oversized PDFs are refused with a reason.
 */
#include "base/base.h"
#include "doc/pdf.h"
#include "doc_same.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

/* A one-page PDF whose page draws nothing: what a scan without OCR gives. */
static const char NO_TEXT_PDF[] =
	"%PDF-1.4\n"
	"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
	"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
	"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n"
	"4 0 obj << /Length 10 >> stream\n0 0 m 1 1 l\nendstream endobj\n"
	"trailer << /Root 1 0 R /Size 5 >>\n%%EOF\n";

static void test_sniff(void)
{
	CHECK(pdf_looks_like_pdf("%PDF-1.7\n", 9));
	CHECK(!pdf_looks_like_pdf("%PDF", 4));
	CHECK(!pdf_looks_like_pdf("PK\3\4", 4));
}

static void test_plan_reads_as_text(void)
{
	size_t len = 0, tlen = 0;
	char *pdf = sample("kh-annex.pdf", &len), *text = NULL;
	struct err err = {0};
	CHECK(pdf != NULL);
	if (!pdf)
		return;
	CHECK_INT(pdf_text(pdf, len, PDF_MAX_PAGES, &text, &tlen, &err), ERR_OK);
	if (text) {
		CHECK_INT(strlen(text), tlen);
		/* The header's two columns side by side, as one row each. */
		CHECK(strstr(text, "| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n") != NULL);
		CHECK(strstr(text, "| Số: 96/KH-UBND | Cao Bằng, ngày 15 tháng 01 năm 2026 |\n") != NULL);
		/* The appendix: wrapped cells joined, a heading row spanning the table,
		 * the last row on the next page in the same columns. */
		CHECK(strstr(text, "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | "
				   "Thời gian hoàn thành | Sản phẩm |\n") != NULL);
		CHECK(strstr(text, "| I | CẢI CÁCH THỦ TỤC HÀNH CHÍNH |  |  |  |  |\n") != NULL);
		CHECK(strstr(text, "| 1 | Rà soát văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành | "
				   "Sở Tư pháp | Các sở, ban, ngành tỉnh | Tháng 9/2026 | Báo cáo kết quả rà soát |\n") != NULL);
		/* A line broken only by the page's width is one line again. */
		CHECK(strstr(text, "theo dõi, đôn đốc việc thực hiện Kế hoạch, báo cáo UBND tỉnh trước ngày "
				   "15/12/2026.\n") != NULL);
		check_same_document(text, tlen, "kh-annex.txt", false);
	}
	free(text);
	text = NULL;
	CHECK_INT(pdf_text(pdf, len, 1, &text, &tlen, &err), ERR_TOO_LARGE);
	CHECK(strstr(err.message, "pages") != NULL);
	CHECK(text == NULL);
	free(pdf);
}

/* The text of a PDF of the training corpus, as the server reads it; NULL if it cannot be read. */
static char *corpus_text(const char *name)
{
	char path[256];
	size_t len = 0, tlen = 0;
	struct err err = {0};
	snprintf(path, sizeof(path), "../directives/%s", name);
	char *pdf = sample(path, &len), *text = NULL;
	CHECK(pdf != NULL);
	if (pdf)
		CHECK_INT(pdf_text(pdf, len, PDF_MAX_PAGES, &text, &tlen, &err), ERR_OK);
	free(pdf);
	return text;
}

/* Cells whose texts sit a word space apart stay in their own columns. */
static void test_close_columns(void)
{
	char *text = corpus_text("28-kh-pdf-cot-sat-ninhbinh.pdf");
	if (!text)
		return;
	CHECK(strstr(text, "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n") != NULL);
	CHECK(strstr(text, "| Văn phòng UBND tỉnh | Các sở, ban, ngành tỉnh | Trước ngày 31/5/2026 |\n") != NULL);
	CHECK(strstr(text, " nhận văn bản điện tử | Sở Khoa học và Công nghệ | Các sở, ban, ngành tỉnh | "
			   "Trước ngày 15/8/2026 |\n") != NULL);
	CHECK(strstr(text, "| Sở Tài chính | Sở Tư pháp | Quý IV/2026 |\n") != NULL);
	free(text);
}

/* Cells centred in their rows: a wrapped cell's lines above its row's number stay in that row. */
static void test_centred_rows(void)
{
	char *text = corpus_text("29-kh-pdf-o-can-giua-khanhhoa.pdf");
	if (!text)
		return;
	CHECK(strstr(text, "| I | HẠ TẦNG SỐ |  |  |  |\n") != NULL);
	CHECK(strstr(text, "| 1 | Nâng cấp đường truyền số liệu chuyên dùng đến trụ sở UBND các xã, phường và bộ "
			   "phận một cửa | Sở Khoa học và Công nghệ | UBND các xã, phường | Quý II/2026 |\n") != NULL);
	CHECK(strstr(text, "| 2 | Trang bị thiết bị ký số cho công chức | Sở Nội vụ | Sở Khoa học và Công nghệ | "
			   "Tháng 5/2026 |\n") != NULL);
	CHECK(strstr(text, "| 3 | Bảo đảm an toàn thông tin cho Hệ thống thông tin giải quyết thủ tục hành chính "
			   "của tỉnh theo cấp độ | Công an tỉnh | Sở Khoa học và Công nghệ | Thường xuyên |\n") != NULL);
	CHECK(strstr(text, "| 2 | Kết nối cơ sở dữ liệu đất đai với Hệ thống thông tin giải quyết thủ tục hành chính "
			   "của tỉnh | Sở Nông nghiệp và Môi trường | Văn phòng UBND tỉnh | Quý IV/2026 |\n") != NULL);
	free(text);
}

/* Paragraphs spaced by less than half a line stay apart: the body does not run into the title or the signature. */
static void test_close_paragraphs(void)
{
	char *text = corpus_text("30-kh-pdf-doan-sat-daklak.pdf");
	if (!text)
		return;
	CHECK(strstr(text, "\nTuyên truyền cải cách hành chính năm 2026\n\nNhằm nâng cao nhận thức ") != NULL);
	CHECK(strstr(text, "\n\nTỔ CHỨC THỰC HIỆN\n\nSở Nội vụ hướng dẫn, đôn đốc việc thực hiện Kế hoạch, báo cáo "
			   "UBND tỉnh trước ngày 10/12/2026.\n\nNơi nhận:\n- Bộ Nội vụ (b/c);\n") != NULL);
	CHECK(strstr(text, "\nTrần Quốc Bảo\n\nPHỤ LỤC\n") != NULL);
	free(text);
}

/* A row split by a page break, the header repeated on the next page: one row, the header once. */
static void test_repeated_header(void)
{
	char *text = corpus_text("31-kh-pdf-qua-trang-laocai.pdf");
	if (!text)
		return;
	const char *header = "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n";
	const char *first = strstr(text, header);
	CHECK(first != NULL && strstr(first + 1, header) == NULL);
	CHECK(strstr(text, "| 3 | Rà soát, sửa đổi quy chế làm việc của các cơ quan chuyên môn thuộc UBND tỉnh phù hợp "
			   "với quy định mới về tổ chức bộ máy, bảo đảm rõ người, rõ việc, rõ trách nhiệm | Sở Tư pháp | "
			   "Các sở, ban, ngành tỉnh | Trước ngày 30/9/2026 |\n| 4 | ") != NULL);
	free(text);
}

/* A cell merged down several rows, its text centred over them, is given to each of them. */
static void test_merged_cells(void)
{
	char *text = corpus_text("32-kh-pdf-o-gop-giua-caobang.pdf");
	if (!text)
		return;
	CHECK(strstr(text, "| 1 | Giao quyền tự chủ tài chính cho các đơn vị sự nghiệp công lập đủ điều kiện theo quy "
			   "định | Sở Tài chính | Sở Nội vụ | Quý II/2026 |\n") != NULL);
	CHECK(strstr(text, "| 3 | Kiểm tra việc sử dụng kinh phí cải cách hành chính | Sở Tài chính | Thanh tra tỉnh | "
			   "Quý IV/2026 |\n") != NULL);
	CHECK(strstr(text, "| Sở Giáo dục và Đào tạo | Sở Tài chính | Thường xuyên |\n") != NULL);
	free(text);
}

static void test_refusals(void)
{
	char *text = NULL;
	size_t tlen = 0, len = 0;
	struct err err = {0};
	CHECK_INT(pdf_text("hello", 5, PDF_MAX_PAGES, &text, &tlen, &err), ERR_UNSUPPORTED);
	CHECK(strstr(err.message, "not a PDF") != NULL);
	static const char damaged[] = "%PDF-1.4\n1 0 obj << /Type /Catalog";
	CHECK_INT(pdf_text(damaged, sizeof(damaged) - 1, PDF_MAX_PAGES, &text, &tlen, &err), ERR_UNSUPPORTED);
	CHECK(strstr(err.message, "damaged") != NULL);
	CHECK_INT(pdf_text(NO_TEXT_PDF, sizeof(NO_TEXT_PDF) - 1, PDF_MAX_PAGES, &text, &tlen, &err), ERR_UNSUPPORTED);
	CHECK(strstr(err.message, "no text layer") != NULL && strstr(err.message, "OCR") != NULL);
	char *enc = sample("encrypted.pdf", &len);
	CHECK(enc != NULL);
	if (enc) {
		CHECK_INT(pdf_text(enc, len, PDF_MAX_PAGES, &text, &tlen, &err), ERR_UNSUPPORTED);
		CHECK(strstr(err.message, "password") != NULL);
	}
	CHECK(text == NULL);
	free(enc);
}

int main(void)
{
	RUN(test_sniff);
	RUN(test_plan_reads_as_text);
	RUN(test_close_columns);
	RUN(test_centred_rows);
	RUN(test_close_paragraphs);
	RUN(test_repeated_header);
	RUN(test_merged_cells);
	RUN(test_refusals);
	return test_summary();
}
