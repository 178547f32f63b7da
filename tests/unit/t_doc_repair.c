/*
 * t_doc_repair.c — the text repaired before it is read (doc_repair.c):
 * numbers and dates broken over lines joined, a "|"-flattened header made a
 * layout table, a portal's metadata table dropped, and the body left alone.
 */
#include "base/base.h"
#include "doc/doc_int.h"
#include "test.h"

#include <stdlib.h>

#define CHECK_REPAIR(in, want) do { \
	size_t n_; \
	char *got_ = doc_repair(in, strlen(in), &n_); \
	CHECK_STR(got_, want); \
	CHECK_INT(n_, strlen(want)); \
	free(got_); \
} while (0)

static void test_joins(void)
{
	CHECK_REPAIR("Số:\n\n2031/UBND-NC\n", "Số: 2031/UBND-NC\n");
	CHECK_REPAIR("Tuyên Quang, ngày\n05 tháng 01 năm 2026\n", "Tuyên Quang, ngày 05 tháng 01 năm 2026\n");
	CHECK_REPAIR("Tuyên Quang, ngày 05 tháng\r\n01 năm 2026\r\n", "Tuyên Quang, ngày 05 tháng 01 năm 2026\n");
	CHECK_REPAIR("Lào Cai, ngày\n….. tháng 3 năm 2026\n", "Lào Cai, ngày ….. tháng 3 năm 2026\n");
	/* Words, not numbers, follow: nothing to join. */
	CHECK_REPAIR("Số:\nSở Nội vụ\n", "Số:\nSở Nội vụ\n");
	CHECK_REPAIR("cho đến ngày\nhôm nay\n", "cho đến ngày\nhôm nay\n");
	/* Read row by row from a PDF: the number below the motto, the date over three lines. */
	CHECK_REPAIR("Số:\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n952/UBND-VX\n"
		     "Lai Châu, ngày\n08 tháng 4 năm\n2026\n",
		     "Số: 952/UBND-VX\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
		     "Lai Châu, ngày 08 tháng 4 năm 2026\n");
	/* A draft's blank day and month are no gap between columns. */
	CHECK_REPAIR("Bắc Ninh, ngày       tháng      năm 2026\n", "Bắc Ninh, ngày tháng năm 2026\n");
}

static void test_columns(void)
{
	CHECK_REPAIR("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/UBND | Bắc Kạn, ngày 1 tháng 3 năm 2026\n",
		     "| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| Số: 1/UBND | Bắc Kạn, ngày 1 tháng 3 năm 2026 |\n");
	/* A table row stays as it is. */
	CHECK_REPAIR("| STT | Nội dung |\n", "| STT | Nội dung |\n");
	/* Cells copied with tabs between them make a table row; an empty cell stays a cell. */
	CHECK_REPAIR("1\tRà soát\t\tQuý I/2026\n", "| 1 | Rà soát |  | Quý I/2026 |\n");
}

static void test_metadata(void)
{
	CHECK_REPAIR("Cổng thông tin điện tử\n| Số ký hiệu | 1/UBND |\n| Ngày ban hành | 14/04/2026 |\n"
		     "Nội dung văn bản:\nỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI\n",
		     "ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI\n");
	/* One such row alone is not a portal's table. */
	CHECK_REPAIR("| Trích yếu | x |\nA\n", "| Trích yếu | x |\nA\n");
	CHECK_REPAIR("", "\n");
}

int main(void)
{
	RUN(test_joins);
	RUN(test_columns);
	RUN(test_metadata);
	return test_summary();
}
