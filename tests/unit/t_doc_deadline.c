/*
 * t_doc_deadline.c — deadlines and recurrences as Vietnamese administrative
 * texts write them: each step of doc_deadline (src/doc/doc_deadline.c) on
 * its own, then the whole search, where the steps compete.  The document is
 * dated 25/02/2026 unless a test says otherwise.
 */
#include "base/base.h"
#include "base/date.h"
#include "doc/doc_int.h"
#include "test.h"

#include <stdlib.h>

static int32_t doc_date;	/* 2026-02-25, set in main */

/* "2026-03-15" or "-" */
static const char *day_str(int32_t day, char out[DATE_STRLEN])
{
	if (day == DATE_NONE)
		return "-";
	return date_format(day, out);
}

/*
 * Runs one step at the first occurrence of at in s (at NULL: offset 0) and
 * renders "day|phrase" ("-" for no day), or "no" when the step finds nothing.
 */
static char *step(bool (*fn)(const struct due_scan *, size_t, struct due_hit *), const char *s,
		  const char *at, bool cell, int32_t dated)
{
	size_t len = strlen(s);
	char *lc = doc_lower_dup(s, len);
	const char *p = at ? strstr(s, at) : s;
	struct due_scan sc = {.lc = lc, .len = len, .table_cell = cell, .doc_date = dated};
	if (dated != DATE_NONE) {
		int m, d;
		date_to_ymd(dated, &sc.doc_year, &m, &d);
	}
	size_t i = p ? (size_t)(p - s) : 0;
	struct due_hit h = {.start = i, .end = i, .day = DATE_NONE};
	char *out;
	char day[DATE_STRLEN];
	if (p && fn(&sc, i, &h))
		out = xasprintf("%s|%.*s", day_str(h.day, day), (int)(h.end - h.start), s + h.start);
	else
		out = xstrdup("no");
	free(lc);
	return out;
}

#define CHECK_STEP(fn, s, at, cell, dated, want) do { \
	char *got_ = step(fn, s, at, cell, dated); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

/* The whole search: "day|text as written" ("-" for none, "(null)" for no text). */
static char *deadline(const char *s, bool cell, int32_t dated)
{
	size_t len = strlen(s);
	char *lc = doc_lower_dup(s, len), *text = NULL;
	char day[DATE_STRLEN];
	int32_t d = doc_deadline(s, lc, len, cell, dated, &text);
	char *out = xasprintf("%s|%s", day_str(d, day), text ? text : "(null)");
	free(text);
	free(lc);
	return out;
}

#define CHECK_DEADLINE(s, cell, dated, want) do { \
	char *got_ = deadline(s, cell, dated); \
	CHECK_STR(got_, want); \
	free(got_); \
} while (0)

static void test_date_at(void)
{
	static const struct {
		const char *text;
		int default_year;
		const char *want;
	} cases[] = {
		{"25/02/2026", 0, "2026-02-25"},
		{"25-02-2026", 0, "2026-02-25"},
		{"25.02.2026", 0, "2026-02-25"},
		{"25 tháng 02 năm 2026", 0, "2026-02-25"},
		{"5 tháng 3 năm 2026", 0, "2026-03-05"},
		{"15/3", 0, "-"},	/* no year written, none given */
		{"15/3", 2026, "2026-03-15"},
		{"15 tháng 3", 2026, "2026-03-15"},
		{"31/02/2026", 0, "-"},	/* no such day */
		{"29/02/2024", 0, "2024-02-29"},
		{"25/02/26", 0, "-"},	/* a two-digit year is not a year */
		{"123/2026", 0, "-"},
		{"tháng 6", 2026, "-"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		size_t len = strlen(cases[i].text), end = 0;
		char *lc = doc_lower_dup(cases[i].text, len);
		char day[DATE_STRLEN];
		int32_t d = doc_date_at(lc, len, 0, &end, cases[i].default_year);
		CHECK_STR(day_str(d, day), cases[i].want);
		if (d != DATE_NONE)
			CHECK_INT(end, len);
		free(lc);
	}
}

static void test_by_date(void)
{
	CHECK_STEP(due_by_date, "Hoàn thành chậm nhất ngày 15/3/2026.", "chậm", false, doc_date,
		   "2026-03-15|chậm nhất ngày 15/3/2026");
	CHECK_STEP(due_by_date, "Báo cáo về Sở Nội vụ trước ngày 30 tháng 6 năm 2026.", "trước", false, doc_date,
		   "2026-06-30|trước ngày 30 tháng 6 năm 2026");
	CHECK_STEP(due_by_date, "chậm nhất là ngày 31/12/2026", NULL, false, doc_date,
		   "2026-12-31|chậm nhất là ngày 31/12/2026");
	CHECK_STEP(due_by_date, "hạn chót 31/3/2026", NULL, false, doc_date, "2026-03-31|hạn chót 31/3/2026");
	CHECK_STEP(due_by_date, "xong trước 20/4/2026", NULL, false, doc_date, "2026-04-20|xong trước 20/4/2026");
	CHECK_STEP(due_by_date, "trong ngày 10-5-2026", NULL, false, doc_date, "2026-05-10|trong ngày 10-5-2026");
	/* No year written: the document's, moved to the next year if it falls before the document. */
	CHECK_STEP(due_by_date, "trước ngày 15/12", NULL, false, doc_date, "2026-12-15|trước ngày 15/12");
	CHECK_STEP(due_by_date, "chậm nhất là ngày 05/01", NULL, false, doc_date,
		   "2027-01-05|chậm nhất là ngày 05/01");
	/* Found, but no day without the document's year. */
	CHECK_STEP(due_by_date, "trước ngày 15/12", NULL, false, DATE_NONE, "-|trước ngày 15/12");
	/* A day of every month: found, no single date. */
	CHECK_STEP(due_by_date, "trước ngày 20 hằng tháng", NULL, false, doc_date, "-|trước ngày 20 hằng tháng");
	/* "hàng" is a byte shorter than "hằng": the phrase ends where it does. */
	CHECK_STEP(due_by_date, "trước ngày 20 hàng tháng.", NULL, false, doc_date, "-|trước ngày 20 hàng tháng");
	CHECK_STEP(due_by_date, "trước ngày 20 hàng tháng”", NULL, false, doc_date, "-|trước ngày 20 hàng tháng");
	/* "trước" before something else is not a date. */
	CHECK_STEP(due_by_date, "trước Quý III năm 2026", NULL, false, doc_date, "no");
	CHECK_STEP(due_by_date, "trước khi ban hành", NULL, false, doc_date, "no");
	CHECK_STEP(due_by_date, "trong thời hạn 05 ngày làm việc", NULL, false, doc_date, "no");
}

static void test_quarter(void)
{
	CHECK_STEP(due_quarter, "Hoàn thành trong Quý II/2026", "Quý", false, doc_date, "2026-06-30|Quý II/2026");
	CHECK_STEP(due_quarter, "quý 3 năm 2026", NULL, false, doc_date, "2026-09-30|quý 3 năm 2026");
	CHECK_STEP(due_quarter, "Quý IV - 2026", NULL, false, doc_date, "2026-12-31|Quý IV - 2026");
	/* "trước Quý III": the day before the quarter begins. */
	CHECK_STEP(due_quarter, "trước Quý III năm 2026", "Quý", false, doc_date,
		   "2026-06-30|trước Quý III năm 2026");
	CHECK_STEP(due_quarter, "trước Quý I/2027", "Quý", false, doc_date, "2026-12-31|trước Quý I/2027");
	/* Without a year: only after "trong"/"trước" or in a cell, in the document's year. */
	CHECK_STEP(due_quarter, "trong quý IV", "quý", false, doc_date, "2026-12-31|quý IV");
	CHECK_STEP(due_quarter, "trong quý IV", "quý", false, DATE_NONE, "no");
	CHECK_STEP(due_quarter, "báo cáo quý IV", "quý", false, doc_date, "no");
	CHECK_STEP(due_quarter, "Quý II", NULL, true, doc_date, "2026-06-30|Quý II");
	/* A repeating quarter is no deadline. */
	CHECK_STEP(due_quarter, "mỗi quý 1 lần", "quý", false, doc_date, "no");
	CHECK_STEP(due_quarter, "báo cáo hằng quý II/2026", "quý", false, doc_date, "no");
	CHECK_STEP(due_quarter, "Quý V/2026", NULL, false, doc_date, "no");
	CHECK_STEP(due_quarter, "quý Ia/2026", NULL, false, doc_date, "no");
}

static void test_half_year(void)
{
	CHECK_STEP(due_half_year, "6 tháng đầu năm 2026", NULL, false, doc_date, "2026-06-30|6 tháng đầu năm 2026");
	CHECK_STEP(due_half_year, "sáu tháng cuối năm 2026", NULL, false, doc_date,
		   "2026-12-31|sáu tháng cuối năm 2026");
	CHECK_STEP(due_half_year, "9 tháng đầu năm 2026", NULL, false, doc_date, "2026-09-30|9 tháng đầu năm 2026");
	/* Without a year only a table cell counts. */
	CHECK_STEP(due_half_year, "9 tháng đầu năm", NULL, false, doc_date, "no");
	CHECK_STEP(due_half_year, "9 tháng đầu năm", NULL, true, doc_date, "2026-09-30|9 tháng đầu năm");
	CHECK_STEP(due_half_year, "6 tháng cuối năm", NULL, true, DATE_NONE, "no");
	CHECK_STEP(due_half_year, "3 tháng đầu năm 2026", NULL, false, doc_date, "no");
}

static void test_month(void)
{
	CHECK_STEP(due_month, "tháng 6 năm 2026", NULL, false, doc_date, "2026-06-30|tháng 6 năm 2026");
	CHECK_STEP(due_month, "trong tháng 6/2026", "tháng", false, doc_date, "2026-06-30|tháng 6/2026");
	CHECK_STEP(due_month, "Tháng 02/2028", NULL, false, doc_date, "2028-02-29|Tháng 02/2028");
	/* "trước tháng 9": the end of August. */
	CHECK_STEP(due_month, "trước tháng 9", "tháng", false, doc_date, "2026-08-31|trước tháng 9");
	CHECK_STEP(due_month, "trước tháng 1/2027", "tháng", false, doc_date, "2026-12-31|trước tháng 1/2027");
	/* A month already past when the document was signed is next year's. */
	CHECK_STEP(due_month, "trong tháng 1", "tháng", false, doc_date, "2027-01-31|tháng 1");
	CHECK_STEP(due_month, "trong tháng 3", "tháng", false, doc_date, "2026-03-31|tháng 3");
	CHECK_STEP(due_month, "báo cáo tháng 3", "tháng", false, doc_date, "no");
	/* The month of a full date, a repeating month, no month at all. */
	CHECK_STEP(due_month, "ngày 12 tháng 3 năm 2026", "tháng", false, doc_date, "no");
	CHECK_STEP(due_month, "hằng tháng 2 lần", "tháng", false, doc_date, "no");
	CHECK_STEP(due_month, "trong tháng 13/2026", "tháng", false, doc_date, "no");
	CHECK_STEP(due_month, "tháng này", NULL, false, doc_date, "no");
}

static void test_in_year_and_cell(void)
{
	CHECK_STEP(due_in_year, "Hoàn thành trong năm 2026", NULL, false, doc_date, "2026-12-31|năm 2026");
	CHECK_STEP(due_in_year, "hoàn thành trong năm nay", NULL, false, doc_date, "no");
	CHECK_STEP(due_cell, "30/6/2026", NULL, true, doc_date, "2026-06-30|30/6/2026");
	CHECK_STEP(due_cell, "15/12", NULL, true, doc_date, "2026-12-15|15/12");
	CHECK_STEP(due_cell, "15/1", NULL, true, doc_date, "2027-01-15|15/1");
	CHECK_STEP(due_cell, "Năm 2026", NULL, true, doc_date, "2026-12-31|Năm 2026");
	CHECK_STEP(due_cell, "2027", NULL, true, doc_date, "2027-12-31|2027");
	CHECK_STEP(due_cell, "Năm 1800", NULL, true, doc_date, "no");
	CHECK_STEP(due_cell, "Thường xuyên", NULL, true, doc_date, "no");
}

static void test_deadline(void)
{
	CHECK_DEADLINE("Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp rà soát, hoàn thành chậm nhất ngày 15/3/2026.",
		       false, doc_date, "2026-03-15|chậm nhất ngày 15/3/2026");
	CHECK_DEADLINE("Báo cáo kết quả về UBND tỉnh trước ngày 30 tháng 6 năm 2026.", false, doc_date,
		       "2026-06-30|trước ngày 30 tháng 6 năm 2026");
	CHECK_DEADLINE("Triển khai thực hiện, hoàn thành trong Quý II/2026.", false, doc_date,
		       "2026-06-30|Quý II/2026");
	/* A quarter named first is the period; the date after it is the deadline. */
	CHECK_DEADLINE("Báo cáo Quý I năm 2026, gửi Sở Nội vụ trước ngày 25/4/2026.", false, doc_date,
		       "2026-04-25|trước ngày 25/4/2026");
	/* The first weak phrase counts when no date follows. */
	CHECK_DEADLINE("Tổng kết 6 tháng đầu năm 2026 và tháng 12 năm 2026.", false, doc_date,
		       "2026-06-30|6 tháng đầu năm 2026");
	CHECK_DEADLINE("Định kỳ hằng tháng, báo cáo trước ngày 20 hằng tháng.", false, doc_date,
		       "-|trước ngày 20 hằng tháng");
	/* Relative and standing deadlines name no day. */
	CHECK_DEADLINE("Giải quyết trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ.", false, doc_date,
		       "-|(null)");
	CHECK_DEADLINE("Thực hiện thường xuyên.", false, doc_date, "-|(null)");
	CHECK_DEADLINE("Báo cáo hằng tháng.", false, doc_date, "-|(null)");
	CHECK_DEADLINE("Căn cứ Kế hoạch số 12/KH-UBND ngày 12 tháng 3 năm 2026.", false, doc_date, "-|(null)");
	/* A table cell is its deadline as written, whatever it holds. */
	CHECK_DEADLINE("Quý II/2026", true, doc_date, "2026-06-30|Quý II/2026");
	CHECK_DEADLINE("Trước 30/9/2026.", true, doc_date, "2026-09-30|Trước 30/9/2026");
	CHECK_DEADLINE("Tháng 6", true, doc_date, "2026-06-30|Tháng 6");
	CHECK_DEADLINE("Thường xuyên", true, doc_date, "-|Thường xuyên");
	CHECK_DEADLINE("", true, doc_date, "-|(null)");
}

static void test_recurrence(void)
{
	static const struct {
		const char *text;
		enum doc_recurrence want;
	} cases[] = {
		{"Thực hiện thường xuyên.", DOC_RECUR_ONGOING},
		{"Báo cáo hằng tháng.", DOC_RECUR_MONTHLY},
		{"báo cáo hàng tháng, hằng quý", DOC_RECUR_MONTHLY},
		{"Định kỳ hằng quý báo cáo UBND tỉnh", DOC_RECUR_QUARTERLY},
		{"thường xuyên; báo cáo theo quý", DOC_RECUR_QUARTERLY},
		{"Báo cáo định kỳ 6 tháng", DOC_RECUR_SIX_MONTHLY},
		{"6 tháng/lần", DOC_RECUR_SIX_MONTHLY},
		{"Tổ chức hằng năm", DOC_RECUR_YEARLY},
		{"giao ban hằng tuần", DOC_RECUR_WEEKLY},
		{"hoàn thành trước ngày 15/3/2026", DOC_RECUR_NONE},
		{"6 tháng đầu năm 2026", DOC_RECUR_NONE},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		size_t len = strlen(cases[i].text);
		char *lc = doc_lower_dup(cases[i].text, len);
		enum doc_recurrence r = doc_recurrence(lc, len);
		if (r != cases[i].want)
			fprintf(stderr, "  \"%s\"\n", cases[i].text);
		CHECK_INT(r, cases[i].want);
		free(lc);
	}
}

int main(void)
{
	doc_date = date_from_ymd(2026, 2, 25);
	RUN(test_date_at);
	RUN(test_by_date);
	RUN(test_quarter);
	RUN(test_half_year);
	RUN(test_month);
	RUN(test_in_year_and_cell);
	RUN(test_deadline);
	RUN(test_recurrence);
	return test_summary();
}
