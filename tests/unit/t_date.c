#include "base/base.h"
#include "base/date.h"
#include "test.h"

static void test_round_trip(void)
{
	CHECK_INT(date_from_ymd(1970, 1, 1), 0);
	CHECK_INT(date_from_ymd(2000, 3, 1) - date_from_ymd(2000, 2, 28), 2);
	CHECK_INT(date_from_ymd(1900, 3, 1) - date_from_ymd(1900, 2, 28), 1);
	for (int32_t day = date_from_ymd(1899, 12, 25); day < date_from_ymd(2101, 1, 5); day++) {
		int y, m, d;
		date_to_ymd(day, &y, &m, &d);
		if (date_from_ymd(y, m, d) != day) {
			CHECK_INT(date_from_ymd(y, m, d), day);
			break;
		}
	}
}

static void test_parse(void)
{
	char s[DATE_STRLEN];
	CHECK_STR(date_format(date_parse("2026-02-25"), s), "2026-02-25");
	CHECK_STR(date_format(date_parse("2028-02-29"), s), "2028-02-29");
	CHECK_INT(date_parse("2026-02-29"), DATE_NONE);
	CHECK_INT(date_parse("2026-13-01"), DATE_NONE);
	CHECK_INT(date_parse("2026-04-31"), DATE_NONE);
	CHECK_INT(date_parse("2026-4-3"), DATE_NONE);
	CHECK_INT(date_parse("2026-04-03x"), DATE_NONE);
	CHECK_INT(date_parse(""), DATE_NONE);
	CHECK_INT(date_parse("0000-01-01"), DATE_NONE);
}

static void test_weekday(void)
{
	CHECK_INT(date_weekday(date_parse("2026-02-25")), 3);	/* Wednesday */
	CHECK_INT(date_weekday(date_parse("2026-11-29")), 7);	/* Sunday */
	CHECK_INT(date_weekday(date_parse("1969-12-29")), 1);	/* Monday, before day 0 */
}

int main(void)
{
	RUN(test_round_trip);
	RUN(test_parse);
	RUN(test_weekday);
	return test_summary();
}
