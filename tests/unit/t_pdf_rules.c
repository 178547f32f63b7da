/*
 * t_pdf_rules.c — a table's drawn rules: found in a page's pixels; a lead
 * cell merged down rows, its text at the top, given to each row it spans;
 * the rows of a borderless table as before; and the work bounded however
 * many path operators a page draws.
 */
#include "base/base.h"
#include "doc/pdf.h"
#include "doc/pdf_rules.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * The PDFs made here use the standard Helvetica, not embedded: drawing it,
 * poppler asks fontconfig for a substitute, which keeps one allocation for
 * the process's life.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* A rectangle of gray v on a white w x h image. */
static void paint(uint8_t *pix, size_t w, size_t x1, size_t y1, size_t x2, size_t y2, uint8_t v)
{
	for (size_t y = y1; y < y2; y++)
		memset(pix + y * w + x1, v, x2 - x1);
}

static void test_rules_from_pixels(void)
{
	size_t w = 400, h = 300;
	uint8_t *pix = xmalloc(w * h);
	memset(pix, 255, w * h);
	paint(pix, w, 20, 50, 380, 51, 0);	/* a horizontal rule, one pixel thick */
	paint(pix, w, 100, 20, 101, 280, 128);	/* a hairline drawn half gray */
	paint(pix, w, 200, 100, 210, 110, 0);	/* a letter: too short for a rule */
	struct pdf_page_rules p = {0};
	pdf_rules_from_pixels(&p, pix, w, h, w, 2);
	CHECK_INT(p.nh, 1);
	CHECK_INT(p.nv, 1);
	if (p.nh == 1 && p.nv == 1) {
		CHECK(p.h[0].at > 25 && p.h[0].at < 25.5 && p.h[0].from == 10 && p.h[0].to == 190);
		CHECK(p.v[0].at > 50 && p.v[0].at < 50.5 && p.v[0].from == 10 && p.v[0].to == 140);
	}
	free(p.h);
	free(p.v);
	free(pix);
}

/*
 * A one-page PDF: a table of three task rows (STT | task | lead | deadline)
 * whose lead cell is merged down all three, its text at the top of the
 * first; with ruled, its borders are drawn as thin filled rectangles, the
 * merged cell with no rule across it; then noise tiny rectangles (two path
 * operators each).
 */
static char *table_pdf(bool ruled, size_t noise, size_t *len)
{
	static const double col[] = {50, 80, 250, 400, 545}, row[] = {100, 120, 160, 200, 240};
	static const char *const task[] = {"Review the rules", "Publish forms online", "Train staff"};
	struct buf s = BUF_INIT, pdf = BUF_INIT;
	buf_adds(&s, "BT /F1 10 Tf 55 727 Td (STT) Tj 30 0 Td (Task) Tj 170 0 Td (Lead) Tj 150 0 Td (Deadline) Tj ET\n");
	for (int r = 0; r < 3; r++)
		buf_printf(&s, "BT /F1 10 Tf 55 %d Td (%d) Tj 30 0 Td (%s) Tj %s (Q%d/2026) Tj ET\n", 842 - 135 - 40 * r, r + 1,
			   task[r], r == 0 ? "170 0 Td (Justice) Tj 150 0 Td" : "320 0 Td", r + 1);
	for (size_t c = 0; ruled && c < ARRAY_LEN(col); c++)
		buf_printf(&s, "%g %g 0.5 %g re f\n", col[c], 842 - row[4], row[4] - row[0]);
	for (size_t r = 0; ruled && r < ARRAY_LEN(row); r++) {
		if (r == 2 || r == 3)	/* the lead cell spans the task rows: no rule across it */
			buf_printf(&s, "%g %g %g 0.5 re f %g %g %g 0.5 re f\n", col[0], 842 - row[r], col[2] - col[0], col[3],
				   842 - row[r], col[4] - col[3]);
		else
			buf_printf(&s, "%g %g %g 0.5 re f\n", col[0], 842 - row[r], col[4] - col[0]);
	}
	for (size_t k = 0; k < noise / 2; k++)
		buf_printf(&s, "%zu %zu 0.2 0.2 re f\n", 20 + k % 500, 300 + k / 500 % 200);
	buf_adds(&pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
		       "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
		       "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
		       "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >> endobj\n");
	buf_printf(&pdf, "4 0 obj << /Length %zu >> stream\n", s.len);
	buf_add(&pdf, s.data, s.len);
	buf_adds(&pdf, "\nendstream endobj\n5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
		       "trailer << /Root 1 0 R /Size 6 >>\n%%EOF\n");
	buf_release(&s);
	*len = pdf.len;
	return buf_detach(&pdf);
}

static char *read_pdf(const char *pdf, size_t len)
{
	char *text = NULL;
	size_t tlen = 0;
	struct err err = {0};
	CHECK_INT(pdf_text(pdf, len, PDF_MAX_PAGES, &text, &tlen, &err), ERR_OK);
	return text;
}

static void test_merged_lead_at_top(void)
{
	size_t len = 0;
	char *pdf = table_pdf(true, 0, &len), *text = read_pdf(pdf, len);
	CHECK(text && strstr(text, "| 1 | Review the rules | Justice | Q1/2026 |\n"));
	CHECK(text && strstr(text, "| 2 | Publish forms online | Justice | Q2/2026 |\n"));
	CHECK(text && strstr(text, "| 3 | Train staff | Justice | Q3/2026 |\n"));
	free(text);
	free(pdf);
	/* Without rules nothing shows the cell spans the rows: it stays in its own. */
	pdf = table_pdf(false, 0, &len);
	text = read_pdf(pdf, len);
	CHECK(text && strstr(text, "| 1 | Review the rules | Justice | Q1/2026 |\n"));
	CHECK(text && strstr(text, "| 2 | Publish forms online |  | Q2/2026 |\n"));
	free(text);
	free(pdf);
}

/* Merged cells of a PDF of the training corpus, ruled by the office suite: text at the top and in the middle. */
static void test_corpus_ruled(void)
{
	size_t len = 0;
	char path[256];
	snprintf(path, sizeof(path), "tests/data/directives/36-kh-pdf-o-gop-ke-tren-binhdinh.pdf");
	FILE *f = fopen(path, "rb");
	CHECK(f != NULL);
	if (!f)
		return;
	char *pdf = xmalloc(1 << 20);
	len = fread(pdf, 1, 1 << 20, f);
	fclose(f);
	char *text = read_pdf(pdf, len);
	CHECK(text && strstr(text, "| 1 | Rà soát quy trình nội bộ giải quyết thủ tục hành chính lĩnh vực xây dựng | "
				   "Sở Xây dựng | Văn phòng UBND tỉnh | Quý II/2026 |\n"));
	CHECK(text && strstr(text, "| 2 | Cắt giảm thời gian cấp giấy phép xây dựng | Sở Xây dựng | Sở Tư pháp | "
				   "Quý II/2026 |\n"));
	CHECK(text && strstr(text, "| 3 | Số hóa hồ sơ cấp phép xây dựng | Sở Xây dựng | Sở Khoa học và Công nghệ | "
				   "Quý III/2026 |\n"));
	CHECK(text && strstr(text, "| 5 | Công khai kết quả giải quyết hồ sơ trên Cổng dịch vụ công | Sở Khoa học và Công "
				   "nghệ | Văn phòng UBND tỉnh | Quý IV/2026 |\n"));
	free(text);
	free(pdf);
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU seconds to read the ruled table with noise path operators. */
static double read_seconds(size_t noise)
{
	size_t len = 0;
	char *pdf = table_pdf(true, noise, &len);
	double t0 = seconds();
	char *text = read_pdf(pdf, len);
	double dt = seconds() - t0;
	CHECK(text && strstr(text, "| 3 | Train staff | Justice | Q3/2026 |\n"));
	free(text);
	free(pdf);
	return dt;
}

/* A page of 100,000 path operators reads in time linear in them (against a quarter as many). */
static void test_bounded_work(void)
{
	double quarter = read_seconds(25000), whole = read_seconds(100000);
	if (whole > 8 * quarter + 0.5) {
		fprintf(stderr, "  %.2f s for 100,000 path operators, %.2f s for 25,000\n", whole, quarter);
		test_current_failed = 1;
	}
}

int main(void)
{
	RUN(test_rules_from_pixels);
	RUN(test_merged_lead_at_top);
	RUN(test_corpus_ruled);
	RUN(test_bounded_work);
	return test_summary();
}
