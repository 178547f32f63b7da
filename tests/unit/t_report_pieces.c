/*
 * The pieces of the report computation that need no database: judging an
 * indicator's series, the bands of the head scorecard, the rules turned
 * into thresholds, the peer groups, and the Vietnamese forms of days,
 * rates and values.
 */
#include "base/base.h"
#include "base/date.h"
#include "report/report_calc.h"
#include "report/report_int.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

/* Measurement rows of one unit: pairs of period end and value. */
static json_t *series(const char *const *ends, const double *values, size_t n)
{
	json_t *rows = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(rows, json_pack("{s:s, s:f, s:s}", "period_end", ends[i], "value", values[i],
						      "period", ends[i]));
	return rows;
}

static void test_judge(void)
{
	static const char *const ends[] = {"2023-12-31", "2024-03-31", "2024-06-30"};
	static const double values[] = {99, 91, 98.5};
	json_t *rows = series(ends, values, 3), *last;
	/* >= 98: met, then below (regressed), then met again. */
	CHECK_INT(report_judge(rows, 0, 3, date_parse("2023-06-30"), ">=", 98, &last), 0);
	CHECK(last == NULL);
	CHECK_INT(report_judge(rows, 0, 3, date_parse("2023-12-31"), ">=", 98, &last), 1);
	CHECK_INT(report_judge(rows, 0, 3, date_parse("2024-03-31"), ">=", 98, &last), 3);
	CHECK(last == json_array_get(rows, 1));
	CHECK_INT(report_judge(rows, 0, 3, date_parse("2024-12-31"), ">=", 98, &last), 1);
	/* Never met: not met, not regressed. */
	CHECK_INT(report_judge(rows, 1, 2, date_parse("2024-12-31"), ">=", 98, &last), 2);
	/* <= and = */
	CHECK_INT(report_judge(rows, 0, 3, date_parse("2024-03-31"), "<=", 95, &last), 1);
	CHECK_INT(report_judge(rows, 0, 3, date_parse("2024-06-30"), "<=", 95, &last), 3);
	CHECK_INT(report_judge(rows, 0, 1, date_parse("2024-06-30"), "=", 99, &last), 1);
	CHECK_INT(report_judge(rows, 1, 2, date_parse("2024-06-30"), "=", 99, &last), 2);
	json_decref(rows);

	/* A second row for the same period end corrects the first. */
	static const char *const same[] = {"2024-03-31", "2024-03-31"};
	static const double corrected[] = {91, 99};
	rows = series(same, corrected, 2);
	CHECK_INT(report_judge(rows, 0, 2, date_parse("2024-03-31"), ">=", 98, &last), 1);
	CHECK(last == json_array_get(rows, 1));
	json_decref(rows);
}

/* The stored default bands: xuat_sac, tot, hoan_thanh. */
static void default_bands(struct report_thresholds *r)
{
	json_t *rules = json_loads(
		"{\"behind\": [], \"band\": ["
		"{\"code\": \"xuat_sac\", \"name\": \"Hoàn thành xuất sắc nhiệm vụ\", \"enabled\": true, \"params\": "
		"{\"min_on_time_rate\": 0.9, \"max_overdue\": 0, \"max_indicators_not_met\": 0}},"
		"{\"code\": \"tot\", \"name\": \"Hoàn thành tốt nhiệm vụ\", \"enabled\": true, \"params\": "
		"{\"min_on_time_rate\": 0.8, \"max_overdue\": 2, \"max_indicators_not_met\": 1}},"
		"{\"code\": \"off\", \"name\": \"Tắt\", \"enabled\": false, \"params\": {}},"
		"{\"code\": \"hoan_thanh\", \"name\": \"Hoàn thành nhiệm vụ\", \"enabled\": true, \"params\": "
		"{\"min_on_time_rate\": 0.5, \"min_completion_rate\": 0.5}}]}", 0, NULL);
	report_thresholds_load(rules, r);
	json_decref(rules);
}

/* counts: not started, in progress, overdue, done late, done on time */
static void check_band(const struct report_thresholds *r, int64_t ov, int64_t dl, int64_t dot, int64_t not_met,
		       const char *code, const char *rule)
{
	int64_t s[STATUS_COUNT] = {0};
	s[STATUS_OVERDUE] = ov;
	s[STATUS_DONE_LATE] = dl;
	s[STATUS_DONE_ON_TIME] = dot;
	json_t *b = report_band(r, s, not_met);
	CHECK_STR(json_string_value(json_object_get(b, "code")), code);
	CHECK_STR(json_string_value(json_object_get(b, "rule")), rule);
	json_decref(b);
}

static void test_bands(void)
{
	struct report_thresholds r;
	default_bands(&r);
	CHECK_INT(r.nband, 3);		/* the disabled one left out */
	CHECK_STR(r.band[2].code, "hoan_thanh");
	CHECK(r.band[1].min_completion < 0);
	check_band(&r, 0, 0, 4, 0, "xuat_sac", "xuat_sac: đúng hạn 100% ≥ 90%, quá hạn 0 ≤ 0, chỉ tiêu không đạt 0 ≤ 0");
	check_band(&r, 0, 0, 4, 1, "tot", "tot: đúng hạn 100% ≥ 80%, quá hạn 0 ≤ 2, chỉ tiêu không đạt 1 ≤ 1");
	check_band(&r, 1, 3, 4, 5, "hoan_thanh", "hoan_thanh: đúng hạn 50% ≥ 50%, hoàn thành 87,5% ≥ 50%");
	check_band(&r, 1, 1, 0, 0, "khong_hoan_thanh",
		   "không đạt ngưỡng của mức nào (đúng hạn 0%, quá hạn 1, chỉ tiêu không đạt 0)");
	/* Nothing due: no band. */
	int64_t none[STATUS_COUNT] = {0};
	none[STATUS_IN_PROGRESS] = 2;
	json_t *b = report_band(&r, none, 0);
	CHECK(json_is_null(json_object_get(b, "code")));
	CHECK_STR(json_string_value(json_object_get(b, "name")), "chưa xếp loại");
	json_decref(b);
}

static void test_thresholds(void)
{
	struct report_thresholds r;
	json_t *empty = json_object();
	report_thresholds_load(empty, &r);
	CHECK_INT(r.grace_days, 10);
	CHECK_INT(r.nband, 0);
	CHECK_INT(r.overdue_on, 0);
	json_decref(empty);
	json_t *rules = json_loads(
		"{\"behind\": [{\"code\": \"overdue_days\", \"enabled\": true, \"params\": {\"days\": 60}},"
		"{\"code\": \"on_time_rate\", \"enabled\": false, \"params\": {}},"
		"{\"code\": \"unit_report\", \"enabled\": true, \"params\": {\"grace_days\": 5}}], \"band\": []}",
		0, NULL);
	report_thresholds_load(rules, &r);
	CHECK_INT(r.overdue_on, 1);
	CHECK_INT(r.overdue_days, 60);
	CHECK_INT(r.overdue_min, 1);		/* not set: its default */
	CHECK_INT(r.rate_on, 0);
	CHECK(r.min_rate == 0.8);
	CHECK_INT(r.unit_report_on, 1);
	CHECK_INT(r.grace_days, 5);
	json_decref(rules);
}

static void test_peer_groups(void)
{
	CHECK_INT(report_peer_group("agency"), report_peer_group("department"));
	CHECK_INT(report_peer_group("ward"), report_peer_group("commune"));
	CHECK_STR(report_peer_group_name(report_peer_group("ward")), "commune");
	CHECK_STR(report_peer_group_name(report_peer_group("province")), "province");
	CHECK_STR(report_peer_group_name(report_peer_group("media")), "media");
	CHECK_STR(report_peer_group_name(report_peer_group("school")), "other");
}

static void test_vietnamese_forms(void)
{
	char s[64];
	report_pct_vi(s, sizeof s, 0.625);
	CHECK_STR(s, "62,5%");
	report_pct_vi(s, sizeof s, 0.8);
	CHECK_STR(s, "80%");
	report_pct_vi(s, sizeof s, 2.0 / 3);
	CHECK_STR(s, "66,7%");
	report_value_vi(s, sizeof s, 91, "%");
	CHECK_STR(s, "91%");
	report_value_vi(s, sizeof s, 12.5, "ngày");
	CHECK_STR(s, "12,5 ngày");
	report_day_vi(s, sizeof s, date_parse("2026-04-05"));
	CHECK_STR(s, "05/04/2026");
	report_cutoff_instant(date_parse("2024-03-31"), s);
	CHECK_STR(s, "2024-03-31T16:59:59Z");
	/* 17:00 UTC is midnight in Vietnam. */
	CHECK_INT(report_vn_day("2024-04-15T16:59:59Z"), date_parse("2024-04-15"));
	CHECK_INT(report_vn_day("2024-04-15T17:00:00Z"), date_parse("2024-04-16"));
	CHECK_INT(report_vn_day(NULL), DATE_NONE);
	CHECK_INT(report_vn_day("2024-04"), DATE_NONE);
	/* Cut at a character boundary: "à" is two bytes. */
	struct buf b = BUF_INIT;
	report_add_short(&b, "Rà soát", 2);
	CHECK_STR(buf_str(&b), "R…");
	buf_reset(&b);
	report_add_short(&b, "Rà soát", 7);
	CHECK_STR(buf_str(&b), "Rà so…");
	buf_reset(&b);
	report_add_short(&b, "Rà soát", 9);
	CHECK_STR(buf_str(&b), "Rà soát");
	buf_release(&b);
}

int main(void)
{
	RUN(test_judge);
	RUN(test_bands);
	RUN(test_thresholds);
	RUN(test_peer_groups);
	RUN(test_vietnamese_forms);
	return test_summary();
}
