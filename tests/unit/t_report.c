/*
 * Periodic reports over a fixed dataset: every number of the 2024-Q1
 * report checked, then the same report recomputed after later data
 * arrives (a back-dated completion, a later measurement, a new task),
 * which must not change it; the formats; the rules.  The dataset is
 * t_report_fixture.h's.
 */
#include "t_report_fixture.h"

#define CHECK_COUNTS(o, ns, ip, ov, dl, dot) do { \
	CHECK_INT(num(o, "not_started"), ns); CHECK_INT(num(o, "in_progress"), ip); \
	CHECK_INT(num(o, "overdue"), ov); CHECK_INT(num(o, "done_late"), dl); \
	CHECK_INT(num(o, "done_on_time"), dot); \
	CHECK_INT(num(o, "total"), (ns) + (ip) + (ov) + (dl) + (dot)); \
} while (0)

/* Every number of the 2024-Q1 report of the fixed dataset. */
static void check_q1(const json_t *r)
{
	CHECK_STR(json_string_value(json_object_get(r, "period")), "2024-Q1");
	CHECK_STR(json_string_value(json_object_get(r, "as_of")), "2024-03-31");
	CHECK_STR(json_string_value(json_object_get(r, "recorded_by")), "2024-03-31T16:59:59Z");
	CHECK_STR(json_string_value(json_object_get(r, "previous_period")), "2023");
	const json_t *tot = json_object_get(r, "totals");
	CHECK_COUNTS(tot, 1, 1, 3, 1, 1);
	CHECK_INT(num(tot, "due"), 5);
	CHECK(real(tot, "on_time_rate") == 0.2);
	CHECK(real(tot, "completion_rate") == 0.4);

	const json_t *fields = json_object_get(r, "fields");
	CHECK_INT(json_array_size(fields), 2);
	const json_t *f1 = by_code(fields, "code", "F1"), *f2 = by_code(fields, "code", "F2");
	CHECK_COUNTS(f1, 0, 0, 2, 1, 1);
	CHECK(real(f1, "on_time_rate") == 0.25);
	CHECK(real(f1, "completion_rate") == 0.5);
	CHECK_STR(json_string_value(json_object_get(f1, "lead_unit_code")), "D1");
	CHECK_COUNTS(f2, 1, 1, 1, 0, 0);
	CHECK(real(f2, "on_time_rate") == 0);
	/* F1's units worst first: D2, C2, C1 have no work done on time; D1 last. */
	const json_t *fu = json_object_get(f1, "units");
	CHECK_INT(json_array_size(fu), 4);
	CHECK_STR(json_string_value(json_object_get(json_array_get(fu, 3), "code")), "D1");
	const json_t *ind = json_array_get(json_object_get(f1, "indicators"), 0);
	CHECK_STR(json_string_value(json_object_get(ind, "code")), "I1");
	CHECK_INT(num(ind, "units_met"), 1);
	CHECK_INT(num(ind, "units_not_met"), 1);
	CHECK_INT(num(ind, "units_regressed"), 1);
	CHECK_INT(json_array_size(json_object_get(ind, "shortfalls")), 2);
	CHECK_INT(json_array_size(json_object_get(json_object_get(f2, "indicators"), 0)), 0);

	/* Units: department group D1, D2; commune group C2, C1 (tie, by name). */
	const json_t *units = json_object_get(r, "units");
	CHECK_INT(json_array_size(units), 4);
	static const char *const order[] = {"D1", "D2", "C2", "C1"};
	for (size_t i = 0; i < 4; i++)
		CHECK_STR(json_string_value(json_object_get(json_array_get(units, i), "code")), order[i]);
	const json_t *d1 = by_code(units, "code", "D1"), *d2 = by_code(units, "code", "D2");
	const json_t *c1 = by_code(units, "code", "C1"), *c2 = by_code(units, "code", "C2");
	CHECK_COUNTS(d1, 0, 1, 0, 0, 1);
	CHECK_COUNTS(d2, 0, 0, 1, 1, 0);
	CHECK_COUNTS(c1, 1, 0, 1, 0, 0);
	CHECK_COUNTS(c2, 0, 0, 1, 0, 0);
	CHECK(real(d1, "on_time_rate") == 1);
	CHECK(real(d2, "on_time_rate") == 0);
	CHECK(real(d2, "completion_rate") == 0.5);
	CHECK_INT(num(d1, "rank"), 1);
	CHECK_INT(num(d2, "rank"), 2);
	CHECK_INT(num(c2, "rank"), 1);
	CHECK_INT(num(c1, "rank"), 2);
	CHECK_INT(num(d1, "peers"), 2);
	CHECK_INT(num(c1, "peers"), 2);
	CHECK_STR(json_string_value(json_object_get(d1, "peer_group")), "department");
	CHECK_STR(json_string_value(json_object_get(c2, "peer_group")), "commune");
	CHECK_INT(num(c1, "overdue_long"), 1);
	CHECK_INT(num(c2, "overdue_long"), 1);
	CHECK_INT(num(d2, "overdue_long"), 0);
	CHECK_INT(num(d1, "indicators_regressed"), 1);
	CHECK_INT(num(d2, "indicators_not_met"), 1);
	CHECK_INT(num(c1, "indicators_met"), 1);
	CHECK(json_is_null(json_object_get(d1, "previous_on_time_rate")));
	CHECK(json_is_null(json_object_get(d1, "trend")));
	CHECK_STR(json_string_value(json_object_get(json_object_get(d1, "band"), "code")), "tot");
	CHECK_STR(json_string_value(json_object_get(json_object_get(d2, "band"), "code")), "khong_hoan_thanh");
	CHECK_STR(json_string_value(json_object_get(json_object_get(d1, "band"), "rule")),
		  "tot: đúng hạn 100% ≥ 80%, quá hạn 0 ≤ 2, chỉ tiêu không đạt 1 ≤ 1");

	/* Who falls behind, in plain words. */
	const json_t *behind = json_object_get(r, "behind");
	CHECK_INT(json_array_size(behind), 4);
	CHECK_STR(json_string_value(json_object_get(by_code(behind, "unit_code", "D1"), "text")),
		  "chỉ tiêu 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn' đã đạt nay giảm còn 91% so với 98%");
	CHECK_STR(json_string_value(json_object_get(by_code(behind, "unit_code", "D2"), "text")),
		  "chỉ tiêu 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn' 95% so với 98%");
	CHECK_STR(json_string_value(json_object_get(by_code(behind, "unit_code", "C1"), "text")),
		  "1 nhiệm vụ quá hạn trên 30 ngày: «Rà soát, đơn giản hóa thủ tục hành chính»");
	CHECK_INT(json_array_size(json_object_get(f2, "behind")), 0);
	CHECK_INT(json_array_size(json_object_get(f1, "behind")), 4);
}

static void test_fixed_report_and_later_data(void)
{
	struct fixture f;
	setup(&f);
	json_t *first = compute(&f, "2024-Q1", NULL);
	CHECK(first != NULL);
	if (first)
		check_q1(first);

	/* Later data: strictly after the history mark. */
	sleep(1);
	report(&f, asg_of(&f, f.T1, f.C2), 100, "2024-03-10", "2024-03-10");	/* back-dated */
	measure(&f, f.D2, "2024-Q1", "2024-03-31", 99);
	int64_t u[] = {f.D1};
	task(&f, "F1", "Nhiệm vụ giao sau", "2024-03-15", u, 1);

	json_t *again = compute(&f, "2024-Q1", NULL);
	CHECK(again != NULL);
	if (again) {
		check_q1(again);
		/* Whole tables equal, not only the numbers checked above. */
		CHECK(json_equal(json_object_get(first, "fields"), json_object_get(again, "fields")));
		CHECK(json_equal(json_object_get(first, "units"), json_object_get(again, "units")));
		CHECK(json_equal(json_object_get(first, "behind"), json_object_get(again, "behind")));
	}
	/* A cut-off after the later data counts it: C2 done late, the new task overdue. */
	json_t *late = compute(&f, "2024-Q1", "2099-01-01");
	if (late) {
		CHECK_STR(json_string_value(json_object_get(late, "status_date")), "2024-03-31");
		CHECK_COUNTS(json_object_get(late, "totals"), 1, 1, 3, 2, 1);
		const json_t *ind = json_array_get(json_object_get(by_code(json_object_get(late, "fields"), "code", "F1"), "indicators"), 0);
		CHECK_INT(num(ind, "units_met"), 2);
		CHECK_INT(num(ind, "units_not_met"), 0);
	}
	CHECK(late != NULL);
	json_decref(late);

	/* Nine months: the previous period is H1, so trends appear. */
	json_t *h1 = compute(&f, "2024-9M", NULL);
	if (h1) {
		const json_t *d1 = by_code(json_object_get(h1, "units"), "code", "D1");
		CHECK_STR(json_string_value(json_object_get(h1, "previous_period")), "2024-H1");
		CHECK(real(d1, "previous_on_time_rate") == 1);
		/* T2/D1, due 30 June, is overdue by 30 September. */
		CHECK(real(d1, "on_time_rate") == 0.5);
		CHECK_STR(json_string_value(json_object_get(d1, "trend_word")), "down");
	}
	CHECK(h1 != NULL);
	json_decref(h1);

	/* Formats. */
	struct buf b = BUF_INIT;
	struct err err;
	CHECK_INT(report_render(first, REPORT_CSV, &b, &err), ERR_OK);
	CHECK(b.len > 3 && memcmp(b.data, "\xEF\xBB\xBF", 3) == 0);
	CHECK(strstr(buf_str(&b), "Rà soát, đơn giản hóa thủ tục hành chính") != NULL);
	buf_reset(&b);
	CHECK_INT(report_render(first, REPORT_XLSX, &b, &err), ERR_OK);
	CHECK(b.len > 1000 && memcmp(b.data, "PK", 2) == 0);
	buf_reset(&b);
	CHECK_INT(report_render(first, REPORT_DOCX, &b, &err), ERR_OK);
	CHECK(b.len > 1000 && memcmp(b.data, "PK", 2) == 0);
	for (const char *const *n = report_chart_names; *n; n++) {
		buf_reset(&b);
		CHECK_INT(report_chart_svg(first, *n, &b, &err), ERR_OK);
		CHECK(strncmp(buf_str(&b), "<svg", 4) == 0 && strstr(buf_str(&b), "</svg>") != NULL);
	}
	CHECK_INT(report_chart_svg(first, "pie", &b, &err), ERR_NOT_FOUND);
	buf_release(&b);
	json_decref(first);
	json_decref(again);
	teardown(&f);
}

static void test_periods(void)
{
	struct report_period p;
	struct err err;
	CHECK_INT(report_period_parse("2026-Q1", &p, &err), ERR_OK);
	CHECK_STR(p.prev, "2025");
	CHECK_INT(p.end, date_parse("2026-03-31"));
	CHECK_INT(report_period_parse("2024-H1", &p, &err), ERR_OK);
	CHECK_STR(p.prev, "2024-Q1");
	CHECK_INT(p.end, date_parse("2024-06-30"));
	CHECK_INT(report_period_parse("2026-9M", &p, &err), ERR_OK);
	CHECK_STR(p.prev, "2026-H1");
	CHECK_INT(p.end, date_parse("2026-09-30"));
	CHECK_STR(p.name_vi, "9 tháng năm 2026");
	CHECK_INT(report_period_parse("2026", &p, &err), ERR_OK);
	CHECK_STR(p.prev, "2026-9M");
	CHECK_INT(p.start, date_parse("2026-01-01"));
	static const char *const bad[] = {"", "26", "2026-Q5", "2026-H3", "2026-Q2", "1999", "2026-9m", "2026-Q1x", "abcd"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		CHECK_INT(report_period_parse(bad[i], &p, &err), ERR_INVALID);
		CHECK_STR(err.field, "period");
	}
}

static void test_cutoff_and_rules(void)
{
	struct fixture f;
	setup(&f);
	struct err err = {0};
	struct report_query q = {.period = "2024-H1", .as_of = date_parse("2023-12-31")};
	CHECK(report_compute(&f.tr, &q, &err) == NULL);
	CHECK_INT(err.code, ERR_INVALID);
	CHECK_STR(err.field, "as_of");

	/* An overdue rule of 10 days names D2 for T3 (11 days) too. */
	json_t *body = json_loads("{\"rules\": [{\"code\": \"overdue_days\", \"params\": {\"days\": 10}},"
				  " {\"code\": \"indicator_not_met\", \"enabled\": false}]}", 0, NULL);
	json_t *out = NULL;
	CHECK_INT(report_rules_put(&f.tr, body, &out, &err), ERR_OK);
	json_decref(body);
	CHECK(json_integer_value(json_object_get(json_object_get(json_array_get(json_object_get(out, "behind"), 0),
								 "params"), "min_count")) == 1);
	json_decref(out);
	json_t *r = compute(&f, "2024-Q1", NULL);
	if (r) {
		const json_t *d2 = by_code(json_object_get(r, "behind"), "unit_code", "D2");
		CHECK_STR(json_string_value(json_object_get(d2, "text")),
			  "1 nhiệm vụ quá hạn trên 10 ngày: «Báo cáo tuyển dụng công chức»");
	}
	json_decref(r);
	static const char *const bad[] = {
		"{\"rules\": [{\"code\": \"nope\"}]}",
		"{\"rules\": [{\"code\": \"overdue_days\", \"params\": {\"dayz\": 1}}]}",
		"{\"rules\": [{\"code\": \"on_time_rate\", \"params\": {\"min_rate\": 2}}]}",
		"{\"rules\": [{\"code\": \"tot\", \"enabled\": 1}]}",
		"{\"rules\": []}",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		body = json_loads(bad[i], 0, NULL);
		CHECK_INT(report_rules_put(&f.tr, body, NULL, &err), ERR_INVALID);
		json_decref(body);
	}
	teardown(&f);
}

int main(void)
{
	RUN(test_periods);
	RUN(test_fixed_report_and_later_data);
	RUN(test_cutoff_and_rules);
	return test_summary();
}
