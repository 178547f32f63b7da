/*
 * t_calendar.c — the lunar conversion against published Tết dates, leap months,
 * round trips over 1900..2100, the holiday rules, overrides and working-day
 * arithmetic (weekends, negative offsets, year boundaries, range edges).
 */
#include "base/base.h"
#include "base/date.h"
#include "base/err.h"
#include "domain/calendar.h"
#include "test.h"

#include <stdlib.h>

static int32_t D(const char *s)
{
	return date_parse(s);
}

static const char *fmt(int32_t day, char out[DATE_STRLEN])
{
	if (day == DATE_NONE)
		return "(none)";
	return date_format(day, out);
}

/*
 * Mùng 1 Tết as published in Vietnamese almanacs.  Vietnam differs from the Chinese
 * New Year in 2007 (17/2, China 18/2) and 2030 (2/2, China 3/2): UTC+7 vs UTC+8.
 */
static const char *const tet_dates[] = {
	"1990-01-27", "1991-02-15", "1992-02-04", "1993-01-23", "1994-02-10",
	"1995-01-31", "1996-02-19", "1997-02-07", "1998-01-28", "1999-02-16",
	"2000-02-05", "2001-01-24", "2002-02-12", "2003-02-01", "2004-01-22",
	"2005-02-09", "2006-01-29", "2007-02-17", "2008-02-07", "2009-01-26",
	"2010-02-14", "2011-02-03", "2012-01-23", "2013-02-10", "2014-01-31",
	"2015-02-19", "2016-02-08", "2017-01-28", "2018-02-16", "2019-02-05",
	"2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22", "2024-02-10",
	"2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13",
	"2030-02-02",
};

static void test_tet_dates(void)
{
	CHECK_INT(ARRAY_LEN(tet_dates), 41);
	for (size_t i = 0; i < ARRAY_LEN(tet_dates); i++) {
		int year = 1990 + (int)i;
		char got[DATE_STRLEN];
		struct lunar_date tet = {1, 1, year, false};
		CHECK_STR(fmt(solar_from_lunar(&tet), got), tet_dates[i]);
		struct lunar_date l = {0};
		CHECK(lunar_from_solar(D(tet_dates[i]), &l));
		CHECK(l.day == 1 && l.month == 1 && l.year == year && !l.leap);
		/* The day before is the last day of the old year's month 12. */
		CHECK(lunar_from_solar(D(tet_dates[i]) - 1, &l));
		CHECK(l.month == 12 && l.year == year - 1 && (l.day == 29 || l.day == 30));
	}
	/* 1985: Vietnam's Tết came a month before China's (20/2/1985). */
	struct lunar_date tet1985 = {1, 1, 1985, false};
	CHECK_INT(solar_from_lunar(&tet1985), D("1985-01-21"));
}

static void test_leap_months(void)
{
	CHECK_INT(lunar_leap_month(2020), 4);
	CHECK_INT(lunar_leap_month(2023), 2);
	CHECK_INT(lunar_leap_month(2025), 6);
	CHECK_INT(lunar_leap_month(2017), 6);
	CHECK_INT(lunar_leap_month(2014), 9);
	CHECK_INT(lunar_leap_month(2033), 11);
	CHECK_INT(lunar_leap_month(2024), 0);
	CHECK_INT(lunar_leap_month(2026), 0);

	struct lunar_date l;
	CHECK(lunar_from_solar(D("2023-02-20"), &l));
	CHECK(l.day == 1 && l.month == 2 && l.year == 2023 && !l.leap);
	CHECK(lunar_from_solar(D("2023-03-21"), &l));
	CHECK(l.day == 30 && l.month == 2 && l.year == 2023 && !l.leap);
	CHECK(lunar_from_solar(D("2023-03-22"), &l));
	CHECK(l.day == 1 && l.month == 2 && l.year == 2023 && l.leap);
	CHECK(lunar_from_solar(D("2020-05-23"), &l));
	CHECK(l.day == 1 && l.month == 4 && l.year == 2020 && l.leap);
	CHECK(lunar_from_solar(D("2025-07-25"), &l));
	CHECK(l.day == 1 && l.month == 6 && l.year == 2025 && l.leap);
	CHECK(lunar_from_solar(D("2033-12-22"), &l));
	CHECK(l.day == 1 && l.month == 11 && l.year == 2033 && l.leap);

	struct lunar_date leap2 = {1, 2, 2023, true}, not_leap = {1, 3, 2023, true};
	CHECK_INT(solar_from_lunar(&leap2), D("2023-03-22"));
	CHECK_INT(solar_from_lunar(&not_leap), DATE_NONE);
	struct lunar_date leap_2024 = {1, 2, 2024, true};
	CHECK_INT(solar_from_lunar(&leap_2024), DATE_NONE);
	/* Month 12 of Ất Tỵ (2025) has 29 days: there is no 30th. */
	struct lunar_date d29 = {29, 12, 2025, false}, d30 = {30, 12, 2025, false};
	CHECK_INT(solar_from_lunar(&d29), D("2026-02-16"));
	CHECK_INT(solar_from_lunar(&d30), DATE_NONE);
	struct lunar_date bad_month = {1, 13, 2025, false}, bad_day = {0, 1, 2025, false};
	CHECK_INT(solar_from_lunar(&bad_month), DATE_NONE);
	CHECK_INT(solar_from_lunar(&bad_day), DATE_NONE);
}

static void test_round_trip(void)
{
	int32_t first = D("1900-01-01"), last = D("2100-12-31");
	struct lunar_date prev = {0}, l;
	int failures = 0;
	for (int32_t day = first; day <= last && failures < 5; day++) {
		if (!lunar_from_solar(day, &l)) {
			CHECK(!"lunar_from_solar refused a supported day");
			failures++;
			continue;
		}
		if (solar_from_lunar(&l) != day) {
			char s[DATE_STRLEN];
			fprintf(stderr, "  round trip fails for %s (%d/%d/%d%s)\n", fmt(day, s),
				l.day, l.month, l.year, l.leap ? " leap" : "");
			CHECK(!"round trip");
			failures++;
		}
		/* Consecutive days: the lunar day goes up by one or a new month starts. */
		if (day > first && !(l.day == prev.day + 1 ||
				     (l.day == 1 && (prev.day == 29 || prev.day == 30)))) {
			CHECK(!"lunar days are not consecutive");
			failures++;
		}
		prev = l;
	}
	CHECK(!lunar_from_solar(first - 1, &l));
	CHECK(!lunar_from_solar(last + 1, &l));
	CHECK(!lunar_from_solar(DATE_NONE, &l));
}

/* Checks the holidays of a year against "YYYY-MM-DD name" strings. */
static void check_holidays(struct calendar *cal, int year, const char *const *want, size_t n_want)
{
	struct calendar_holiday h[64];
	size_t n = calendar_holidays(cal, year, h, ARRAY_LEN(h));
	CHECK_INT(n, n_want);
	for (size_t i = 0; i < n && i < n_want; i++) {
		char line[256], s[DATE_STRLEN];
		snprintf(line, sizeof line, "%s %s", fmt(h[i].day, s), h[i].name);
		CHECK_STR(line, want[i]);
	}
}

static void test_holidays(void)
{
	struct calendar cal;
	calendar_init(&cal, NULL);
	static const char *const y2026[] = {
		"2026-01-01 Tết Dương lịch",
		"2026-02-16 Tết Nguyên đán",
		"2026-02-17 Tết Nguyên đán",
		"2026-02-18 Tết Nguyên đán",
		"2026-02-19 Tết Nguyên đán",
		"2026-02-20 Tết Nguyên đán",
		"2026-04-26 Giỗ Tổ Hùng Vương",
		"2026-04-27 Nghỉ bù Giỗ Tổ Hùng Vương",
		"2026-04-30 Ngày Chiến thắng",
		"2026-05-01 Ngày Quốc tế Lao động",
		"2026-09-01 Quốc khánh",
		"2026-09-02 Quốc khánh",
	};
	check_holidays(&cal, 2026, y2026, ARRAY_LEN(y2026));
	/* 2023: Giỗ Tổ on Saturday next to 30/4 (Sunday) and 1/5; 2/9 on Saturday. */
	static const char *const y2023[] = {
		"2023-01-01 Tết Dương lịch",
		"2023-01-02 Nghỉ bù Tết Dương lịch",
		"2023-01-21 Tết Nguyên đán",
		"2023-01-22 Tết Nguyên đán",
		"2023-01-23 Tết Nguyên đán",
		"2023-01-24 Tết Nguyên đán",
		"2023-01-25 Tết Nguyên đán",
		"2023-04-29 Giỗ Tổ Hùng Vương",
		"2023-04-30 Ngày Chiến thắng",
		"2023-05-01 Ngày Quốc tế Lao động",
		"2023-05-02 Nghỉ bù Giỗ Tổ Hùng Vương",
		"2023-05-03 Nghỉ bù Ngày Chiến thắng",
		"2023-09-01 Quốc khánh",
		"2023-09-02 Quốc khánh",
		"2023-09-04 Nghỉ bù Quốc khánh",
	};
	check_holidays(&cal, 2023, y2023, ARRAY_LEN(y2023));
	/* 2022: 30/4 and 1/5 on a weekend, Giỗ Tổ on Sunday, 1/1 on Saturday. */
	static const char *const y2022[] = {
		"2022-01-01 Tết Dương lịch",
		"2022-01-03 Nghỉ bù Tết Dương lịch",
		"2022-01-31 Tết Nguyên đán",
		"2022-02-01 Tết Nguyên đán",
		"2022-02-02 Tết Nguyên đán",
		"2022-02-03 Tết Nguyên đán",
		"2022-02-04 Tết Nguyên đán",
		"2022-04-10 Giỗ Tổ Hùng Vương",
		"2022-04-11 Nghỉ bù Giỗ Tổ Hùng Vương",
		"2022-04-30 Ngày Chiến thắng",
		"2022-05-01 Ngày Quốc tế Lao động",
		"2022-05-02 Nghỉ bù Ngày Chiến thắng",
		"2022-05-03 Nghỉ bù Ngày Quốc tế Lao động",
		"2022-09-01 Quốc khánh",
		"2022-09-02 Quốc khánh",
	};
	check_holidays(&cal, 2022, y2022, ARRAY_LEN(y2022));
	/* 2/9 on Monday (2024) and Tuesday (2025) joins the weekend. */
	struct calendar_holiday h[64];
	size_t n = calendar_holidays(&cal, 2024, h, ARRAY_LEN(h));
	CHECK_INT(h[n - 1].day, D("2024-09-03"));
	n = calendar_holidays(&cal, 2025, h, ARRAY_LEN(h));
	CHECK_INT(h[n - 2].day, D("2025-09-01"));
	CHECK_INT(h[n - 1].day, D("2025-09-02"));
	/* 2/9/2029 is a Sunday: 3/9 joins it and Tuesday 4/9 is the compensatory day. */
	n = calendar_holidays(&cal, 2029, h, ARRAY_LEN(h));
	CHECK_INT(h[n - 1].day, D("2029-09-04"));
	CHECK_STR(h[n - 1].name, "Nghỉ bù Quốc khánh");
	/* 1947: Giỗ Tổ fell on 30/4 itself; the day is listed once and compensated. */
	n = calendar_holidays(&cal, 1947, h, ARRAY_LEN(h));
	int found_comp = 0, on_30_4 = 0;
	for (size_t i = 0; i < n; i++) {
		on_30_4 += h[i].day == D("1947-04-30");
		found_comp += h[i].day == D("1947-05-02");
	}
	CHECK_INT(on_30_4, 1);
	CHECK_INT(found_comp, 1);
	/* Years at the ends of the range work; outside they give nothing. */
	CHECK(calendar_holidays(&cal, 1900, h, ARRAY_LEN(h)) >= 11);
	CHECK(calendar_holidays(&cal, 2100, h, ARRAY_LEN(h)) >= 11);
	CHECK_INT(calendar_holidays(&cal, 1899, h, ARRAY_LEN(h)), 0);
	CHECK_INT(calendar_holidays(&cal, 2101, h, ARRAY_LEN(h)), 0);
	/* Like snprintf: the total comes back even when it does not fit. */
	CHECK_INT(calendar_holidays(&cal, 2026, h, 3), 12);
	CHECK_INT(calendar_holidays(&cal, 2026, NULL, 0), 12);
	calendar_release(&cal);
}

static void test_culture_day(void)
{
	struct calendar cal;
	calendar_init(&cal, NULL);
	CHECK(calendar_is_workday(&cal, D("2026-11-24")));
	struct calendar_rules rules = {.culture_day = true};
	calendar_set_rules(&cal, &rules);
	CHECK(!calendar_is_workday(&cal, D("2026-11-24")));
	struct calendar_holiday h[64];
	size_t n = calendar_holidays(&cal, 2026, h, ARRAY_LEN(h));
	CHECK_INT(n, 13);
	CHECK_STR(h[n - 1].name, "Ngày Văn hóa Việt Nam");
	/* 24/11/2029 is a Saturday: Monday 26/11 is off instead. */
	CHECK(!calendar_is_workday(&cal, D("2029-11-26")));
	calendar_set_rules(&cal, NULL);
	CHECK(calendar_is_workday(&cal, D("2026-11-24")));
	CHECK(calendar_is_workday(&cal, D("2029-11-26")));
	calendar_release(&cal);
}

static void test_weekends(void)
{
	struct calendar cal;
	calendar_init(&cal, NULL);
	CHECK(calendar_is_workday(&cal, D("2026-03-06")));	/* Friday */
	CHECK(!calendar_is_workday(&cal, D("2026-03-07")));	/* Saturday */
	CHECK(!calendar_is_workday(&cal, D("2026-03-08")));	/* Sunday */
	CHECK(calendar_is_workday(&cal, D("2026-03-09")));	/* Monday */
	CHECK(!calendar_is_workday(&cal, D("2026-01-01")));
	CHECK(!calendar_is_workday(&cal, D("2026-04-26")));	/* Giỗ Tổ, a Sunday */
	CHECK(!calendar_is_workday(&cal, D("2026-04-27")));	/* its compensatory Monday */
	CHECK(calendar_is_workday(&cal, D("2026-04-28")));
	/* Outside the supported years only weekends count. */
	CHECK(calendar_is_workday(&cal, D("1899-12-29")));	/* Friday */
	CHECK(!calendar_is_workday(&cal, D("1899-12-30")));
	CHECK(calendar_is_workday(&cal, D("2101-01-03")));	/* Monday, holiday rules unknown */
	/* A whole year: 2026 has 261 weekdays, 11 of them holidays or compensatory days. */
	CHECK_INT(calendar_workdays_between(&cal, D("2025-12-31"), D("2026-12-31"), NULL), 250);
	calendar_release(&cal);
}

static void test_overrides(void)
{
	struct calendar cal;
	struct err e = {0};
	calendar_init(&cal, NULL);
	/* Tết 2025 as decided: 27/1 (Monday) off as well, Saturday 8/2 made up. */
	CHECK(calendar_is_workday(&cal, D("2025-01-27")));
	CHECK_INT(calendar_set_override(&cal, D("2025-01-27"), CALENDAR_OFF, "Tết Nguyên đán", &e),
		  ERR_OK);
	CHECK(!calendar_is_workday(&cal, D("2025-01-27")));
	CHECK(!calendar_is_workday(&cal, D("2025-02-08")));
	CHECK_INT(calendar_set_override(&cal, D("2025-02-08"), CALENDAR_WORK, "Làm bù", &e), ERR_OK);
	CHECK(calendar_is_workday(&cal, D("2025-02-08")));
	/* An override beats a rule holiday: a working 2/9 disappears from the list. */
	CHECK_INT(calendar_set_override(&cal, D("2025-09-01"), CALENDAR_WORK, NULL, &e), ERR_OK);
	CHECK(calendar_is_workday(&cal, D("2025-09-01")));
	struct calendar_holiday h[64];
	size_t n = calendar_holidays(&cal, 2025, h, ARRAY_LEN(h));
	CHECK_INT(n, 11);	/* 11 rules + 27/1 - 1/9 */
	CHECK_INT(h[1].day, D("2025-01-27"));
	CHECK_STR(h[1].name, "Tết Nguyên đán");
	CHECK_INT(h[n - 1].day, D("2025-09-02"));
	/* Replacing and clearing. */
	CHECK_INT(calendar_set_override(&cal, D("2025-09-01"), CALENDAR_OFF, "", &e), ERR_OK);
	CHECK(!calendar_is_workday(&cal, D("2025-09-01")));
	n = calendar_holidays(&cal, 2025, h, ARRAY_LEN(h));
	CHECK_STR(h[n - 2].name, "Quốc khánh");	/* nameless override keeps the rule's name */
	CHECK(calendar_clear_override(&cal, D("2025-02-08")));
	CHECK(!calendar_clear_override(&cal, D("2025-02-08")));
	CHECK(!calendar_is_workday(&cal, D("2025-02-08")));
	/* An off override on a plain weekday is listed, with a default name if nameless. */
	CHECK_INT(calendar_set_override(&cal, D("2025-03-03"), CALENDAR_OFF, NULL, &e), ERR_OK);
	n = calendar_holidays(&cal, 2025, h, ARRAY_LEN(h));
	CHECK_INT(h[7].day, D("2025-03-03"));
	CHECK_STR(h[7].name, "Ngày nghỉ");
	/* Refusals. */
	CHECK_INT(calendar_set_override(&cal, D("1899-12-31"), CALENDAR_OFF, "x", &e), ERR_INVALID);
	CHECK_INT(calendar_set_override(&cal, D("2025-03-04"), CALENDAR_OFF, "a\tb", &e), ERR_INVALID);
	CHECK_INT(calendar_set_override(&cal, D("2025-03-04"), CALENDAR_OFF, "\xc3(", &e), ERR_INVALID);
	CHECK(calendar_is_workday(&cal, D("2025-03-04")));
	calendar_release(&cal);
}

static void test_load_overrides(void)
{
	struct calendar cal;
	struct err e = {0};
	calendar_init(&cal, NULL);
	const char *text =
		"# Tết Bính Ngọ 2026 as decided for public servants\n"
		"\n"
		"2026-02-13\toff\tTết Nguyên đán\r\n"
		"2026-02-23\toff\tTết Nguyên đán\n"
		"   # an indented comment\n"
		"2026-02-28\twork\tLàm bù\n"
		/* "Hoán đổi" written decomposed (NFD); it is stored composed. */
		"2026-03-02\toff\tHoa\xcc\x81n \xc4\x91o\xcc\x82\xcc\x89i\n"
		"2026-03-03\toff";
	CHECK_INT(calendar_load_overrides(&cal, text, &e), ERR_OK);
	CHECK_INT(cal.n_overrides, 5);
	CHECK(!calendar_is_workday(&cal, D("2026-02-13")));
	CHECK(!calendar_is_workday(&cal, D("2026-02-23")));
	CHECK(calendar_is_workday(&cal, D("2026-02-28")));
	CHECK(!calendar_is_workday(&cal, D("2026-03-03")));
	CHECK_STR(cal.overrides[0].name, "Tết Nguyên đán");
	CHECK_STR(cal.overrides[3].name, "Hoán đổi");
	CHECK_STR(cal.overrides[4].name, "");
	/* Friday 13/2 + 1 working day = Saturday 28/2 (made up), then Monday 2/3 is off. */
	CHECK_INT(calendar_add_workdays(&cal, D("2026-02-12"), 1), D("2026-02-24"));
	CHECK_INT(calendar_add_workdays(&cal, D("2026-02-27"), 1), D("2026-02-28"));
	CHECK_INT(calendar_add_workdays(&cal, D("2026-02-28"), 1), D("2026-03-04"));

	static const struct {
		const char *text, *message;
	} bad[] = {
		{"2026-02-30\toff\tx\n", "line 1: '2026-02-30' is not a valid date YYYY-MM-DD"},
		{"# c\n2026-2-3\toff\n", "line 2: '2026-2-3' is not a valid date YYYY-MM-DD"},
		{"2026-02-03 off x\n", "line 1: expected YYYY-MM-DD<TAB>off|work<TAB>name"},
		{"2026-02-03\tholiday\tx\n", "line 1: the kind must be 'off' or 'work', not 'holiday'"},
		{"2026-02-03\t\tx\n", "line 1: the kind must be 'off' or 'work', not ''"},
		{"2026-02-03\toff\n\n2026-02-03\twork\n", "line 3: 2026-02-03 is already listed on line 1"},
		{"2101-01-02\toff\tx\n", "line 1: 2101-01-02 is outside the supported years 1900-2100"},
		{"2026-02-03\toff\ta\tb\n", "line 1: the name contains a control character (a tab?)"},
		{"2026-02-03\toff\t\xff\n", "line 1: the name is not valid UTF-8"},
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		e = (struct err){0};
		CHECK_INT(calendar_load_overrides(&cal, bad[i].text, &e), ERR_INVALID);
		CHECK_STR(e.message, bad[i].message);
	}
	/* All or nothing: a bad line 2 leaves line 1 unapplied. */
	CHECK_INT(calendar_load_overrides(&cal, "2026-05-04\toff\tx\n2026-05-05\tnope\n", &e),
		  ERR_INVALID);
	CHECK(calendar_is_workday(&cal, D("2026-05-04")));
	CHECK_INT(cal.n_overrides, 5);
	/* A later load replaces earlier entries for the same day; empty text is fine. */
	CHECK_INT(calendar_load_overrides(&cal, "2026-02-13\twork\tx\n", &e), ERR_OK);
	CHECK(calendar_is_workday(&cal, D("2026-02-13")));
	CHECK_INT(calendar_load_overrides(&cal, "", &e), ERR_OK);
	CHECK_INT(cal.n_overrides, 5);
	calendar_release(&cal);
}

static void test_add_workdays(void)
{
	struct calendar cal;
	char s[DATE_STRLEN];
	calendar_init(&cal, NULL);
	/* 0 is the day itself, working or not. */
	CHECK_INT(calendar_add_workdays(&cal, D("2026-03-07"), 0), D("2026-03-07"));
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2026-03-05"), 1), s), "2026-03-06");
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2026-03-06"), 1), s), "2026-03-09");
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2026-03-07"), 1), s), "2026-03-09");
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2026-03-06"), 5), s), "2026-03-13");
	/* Across Tết: Friday 13/2 + 1 is Monday 23/2 (16..20 off, then the weekend). */
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2026-02-13"), 1), s), "2026-02-23");
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2026-02-23"), -1), s), "2026-02-13");
	/* Negative offsets, from a working and from a rest day. */
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2026-03-09"), -1), s), "2026-03-06");
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2026-03-08"), -1), s), "2026-03-06");
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2026-03-13"), -5), s), "2026-03-06");
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2026-04-28"), -1), s), "2026-04-24");
	/* The year boundary, both ways (1/1/2026 is a holiday). */
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2025-12-31"), 1), s), "2026-01-02");
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2026-01-02"), -1), s), "2025-12-31");
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2025-12-30"), 2), s), "2026-01-02");
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2026-01-05"), -2), s), "2025-12-31");
	CHECK_STR(fmt(calendar_add_workdays(&cal, D("2026-01-05"), -3), s), "2025-12-30");
	/* Many years at once. */
	int32_t far = calendar_add_workdays(&cal, D("2026-01-02"), 2510);
	CHECK_INT(calendar_workdays_between(&cal, D("2026-01-02"), far, NULL), 2510);
	CHECK_INT(calendar_add_workdays(&cal, far, -2510), D("2026-01-02"));
	/* The ends of the supported range. */
	CHECK_INT(calendar_add_workdays(&cal, D("2100-12-31"), 1), DATE_NONE);
	CHECK_INT(calendar_add_workdays(&cal, D("1900-01-01"), -1), DATE_NONE);
	CHECK_INT(calendar_add_workdays(&cal, D("2026-01-02"), INT32_MAX), DATE_NONE);
	CHECK_INT(calendar_add_workdays(&cal, D("2026-01-02"), INT32_MIN), DATE_NONE);
	CHECK_INT(calendar_add_workdays(&cal, D("2101-01-03"), 1), DATE_NONE);
	CHECK(calendar_add_workdays(&cal, D("2100-12-20"), 1) != DATE_NONE);
	calendar_release(&cal);
}

/* add_workdays and workdays_between against a plain day-by-day walk. */
static void test_against_naive(void)
{
	struct calendar cal;
	struct err e = {0};
	calendar_init(&cal, NULL);
	CHECK_INT(calendar_load_overrides(&cal, "2024-12-28\twork\t\n2025-01-02\toff\t\n", &e), ERR_OK);
	unsigned seed = 12345;
	int bad = 0;
	for (int t = 0; t < 3000 && bad < 5; t++) {
		seed = seed * 1103515245u + 12345u;
		int32_t day = D("2023-06-01") + (int32_t)((seed >> 8) % 1200);
		seed = seed * 1103515245u + 12345u;
		int32_t n = (int32_t)((seed >> 8) % 601) - 300;
		int32_t want = day;
		for (int32_t left = n > 0 ? n : -n; left > 0;) {
			want += n > 0 ? 1 : -1;
			left -= calendar_is_workday(&cal, want);
		}
		int32_t got = calendar_add_workdays(&cal, day, n);
		if (got != want) {
			CHECK_INT(got, want);
			bad++;
		}
		int32_t count = 0;
		for (int32_t x = day + 1; x <= got; x++)
			count += calendar_is_workday(&cal, x);
		for (int32_t x = got + 1; x <= day; x++)
			count -= calendar_is_workday(&cal, x);
		if (calendar_workdays_between(&cal, day, got, NULL) != count) {
			CHECK_INT(calendar_workdays_between(&cal, day, got, NULL), count);
			bad++;
		}
	}
	calendar_release(&cal);
}

static void test_workdays_between(void)
{
	struct calendar cal;
	bool ok = false;
	calendar_init(&cal, NULL);
	CHECK_INT(calendar_workdays_between(&cal, D("2026-03-06"), D("2026-03-06"), &ok), 0);
	CHECK(ok);
	CHECK_INT(calendar_workdays_between(&cal, D("2026-03-06"), D("2026-03-07"), NULL), 0);
	CHECK_INT(calendar_workdays_between(&cal, D("2026-03-06"), D("2026-03-09"), NULL), 1);
	CHECK_INT(calendar_workdays_between(&cal, D("2026-03-07"), D("2026-03-09"), NULL), 1);
	CHECK_INT(calendar_workdays_between(&cal, D("2026-03-05"), D("2026-03-06"), NULL), 1);
	CHECK_INT(calendar_workdays_between(&cal, D("2026-03-06"), D("2026-03-13"), NULL), 5);
	CHECK_INT(calendar_workdays_between(&cal, D("2026-03-13"), D("2026-03-06"), NULL), -5);
	CHECK_INT(calendar_workdays_between(&cal, D("2026-03-09"), D("2026-03-06"), NULL), -1);
	/* Tết week 2026 has no working day. */
	CHECK_INT(calendar_workdays_between(&cal, D("2026-02-13"), D("2026-02-22"), NULL), 0);
	/* The year boundary. */
	CHECK_INT(calendar_workdays_between(&cal, D("2025-12-31"), D("2026-01-02"), NULL), 1);
	CHECK_INT(calendar_workdays_between(&cal, D("2025-12-30"), D("2026-01-05"), NULL), 3);
	CHECK_INT(calendar_workdays_between(&cal, D("2026-01-05"), D("2025-12-30"), NULL), -3);
	/* The whole range, and outside it. */
	CHECK(calendar_workdays_between(&cal, D("1900-01-01"), D("2100-12-31"), &ok) > 50000);
	CHECK(ok);
	CHECK_INT(calendar_workdays_between(&cal, D("1899-12-31"), D("2026-01-01"), &ok), 0);
	CHECK(!ok);
	CHECK_INT(calendar_workdays_between(&cal, D("2026-01-01"), D("2101-01-01"), &ok), 0);
	CHECK(!ok);
	calendar_release(&cal);
}

int main(void)
{
	RUN(test_tet_dates);
	RUN(test_leap_months);
	RUN(test_round_trip);
	RUN(test_holidays);
	RUN(test_culture_day);
	RUN(test_weekends);
	RUN(test_overrides);
	RUN(test_load_overrides);
	RUN(test_add_workdays);
	RUN(test_against_naive);
	RUN(test_workdays_between);
	return test_summary();
}
