/*
 * The steps of the report computation (report_calc.h), each run on the
 * fixed dataset of t_report_fixture.h and checked on what it adds: the
 * periods and cut-off, the facts loaded, the counts, the header and the
 * fields, the indicators, the scorecard with who falls behind and why,
 * each field's units, and the peer view.
 */
#include "report/report_calc.h"
#include "report/report_int.h"
#include "t_report_fixture.h"

/* The context for the 2024-Q1 report as of as_of (NULL: the period's
 * end), opened and loaded; ERR_OK checked. */
static void open_loaded(struct fixture *f, struct report_ctx *c, const char *as_of, int64_t field_id)
{
	struct err err = {0};
	struct report_query q = {.period = "2024-Q1", .as_of = as_of ? date_parse(as_of) : DATE_NONE,
				 .field_id = field_id};
	CHECK_INT(report_ctx_open(c, f->st, &q, &err), ERR_OK);
	CHECK_INT(report_load(c, &err), ERR_OK);
}

/* The loaded assignment of task for unit, or NULL. */
static const struct report_asg *asg(const struct report_ctx *c, int64_t task, int64_t unit)
{
	for (size_t i = 0; i < c->nasg; i++)
		if (c->asg[i].task == task && c->asg[i].unit == unit)
			return &c->asg[i];
	return NULL;
}

static void test_open(void)
{
	struct fixture f;
	setup(&f);
	struct report_ctx c;
	struct err err = {0};
	struct report_query q = {.period = "2024-Q1", .as_of = date_parse("2024-05-15")};
	CHECK_INT(report_ctx_open(&c, f.st, &q, &err), ERR_OK);
	CHECK_STR(c.per.label, "2024-Q1");
	CHECK_STR(c.prev.label, "2023");
	/* Status is judged at the period's end; facts count until the cut-off. */
	CHECK_INT(c.cutoff, date_parse("2024-05-15"));
	CHECK_INT(c.day[0], date_parse("2024-03-31"));
	CHECK_INT(c.day[1], date_parse("2023-12-31"));
	CHECK_STR(c.recorded[0], "2024-05-15T16:59:59Z");
	CHECK_STR(c.recorded[1], "2023-12-31T16:59:59Z");
	CHECK_INT(c.year_start[1], date_parse("2023-01-01"));
	CHECK_INT(c.year_end[0], date_parse("2024-12-31"));
	CHECK(c.history != NULL);
	/* The stored rules, as thresholds. */
	CHECK_INT(c.rules.overdue_days, 30);
	CHECK_INT(c.rules.min_due, 3);
	CHECK_INT(c.rules.grace_days, 10);
	CHECK_INT(c.rules.nband, 3);
	report_ctx_release(&c);

	q.as_of = date_parse("2023-12-31");
	CHECK_INT(report_ctx_open(&c, f.st, &q, &err), ERR_INVALID);
	CHECK_STR(err.field, "as_of");
	report_ctx_release(&c);
	q = (struct report_query){.period = "2024-Q2", .as_of = DATE_NONE};
	CHECK_INT(report_ctx_open(&c, f.st, &q, &err), ERR_INVALID);
	CHECK_STR(err.field, "period");
	report_ctx_release(&c);
	teardown(&f);
}

static void test_load(void)
{
	struct fixture f;
	setup(&f);
	struct report_ctx c;
	open_loaded(&f, &c, NULL, 0);
	CHECK_INT(c.nasg, 7);
	CHECK_INT(c.nf, 2);
	CHECK_INT(c.nunits, f.C2 + 1);
	CHECK(c.units[f.D1].present);
	CHECK_STR(c.units[f.C1].name, "Xã An");
	CHECK_INT(c.units[f.D1].group, report_peer_group("department"));
	CHECK_INT(c.units[f.C2].group, c.units[f.C1].group);	/* ward with commune */
	CHECK(c.units[f.C2].sort_rank < c.units[f.D1].sort_rank);	/* Phường before Sở */
	CHECK(c.units[f.D1].sort_rank < c.units[f.D2].sort_rank);
	/* The facts as they stood at each view: nothing was reported in 2023. */
	const struct report_asg *a = asg(&c, f.T1, f.D1);
	CHECK(a != NULL);
	if (a) {
		CHECK_INT(a->fi, 0);
		CHECK_INT(a->deadline, date_parse("2024-02-15"));
		CHECK_INT(a->first[0], date_parse("2024-02-10"));
		CHECK_INT(a->done[0], date_parse("2024-02-10"));
		CHECK_INT(a->first[1], DATE_NONE);
	}
	a = asg(&c, f.T2, f.D1);
	CHECK(a != NULL);
	if (a) {
		CHECK_INT(a->fi, 1);
		CHECK_INT(a->first[0], date_parse("2024-03-01"));
		CHECK_INT(a->done[0], DATE_NONE);
	}
	a = asg(&c, f.T1, f.C2);
	CHECK(a != NULL && a->first[0] == DATE_NONE);
	CHECK_INT(json_array_size(c.late[0]), 0);
	/* No unit has its own report: each is due on the rule's day. */
	CHECK_INT(c.units[f.D1].ur_deadline, date_parse("2024-04-10"));
	CHECK_INT(c.units[f.D1].ur_submitted, DATE_NONE);
	report_ctx_release(&c);

	/* One field: only its assignments. */
	open_loaded(&f, &c, NULL, store_field_id_by_code(f.st, "F2"));
	CHECK_INT(c.nasg, 3);
	report_ctx_release(&c);
	teardown(&f);
}

static void check_counts(const int64_t *s, int64_t ns, int64_t ip, int64_t ov, int64_t dl, int64_t dot)
{
	CHECK_INT(s[STATUS_NOT_STARTED], ns);
	CHECK_INT(s[STATUS_IN_PROGRESS], ip);
	CHECK_INT(s[STATUS_OVERDUE], ov);
	CHECK_INT(s[STATUS_DONE_LATE], dl);
	CHECK_INT(s[STATUS_DONE_ON_TIME], dot);
}

static void test_count(void)
{
	struct fixture f;
	setup(&f);
	struct report_ctx c;
	open_loaded(&f, &c, NULL, 0);
	report_count(&c);
	check_counts(c.total, 1, 1, 3, 1, 1);
	check_counts(c.field_cnt[0], 0, 0, 2, 1, 1);
	check_counts(c.field_cnt[1], 1, 1, 1, 0, 0);
	check_counts(c.units[f.D1].cnt[0], 0, 1, 0, 0, 1);
	check_counts(c.units[f.D2].cnt[0], 0, 0, 1, 1, 0);
	check_counts(c.units[f.C1].cnt[0], 1, 0, 1, 0, 0);
	/* The previous view (2023) has none of this year's work. */
	check_counts(c.units[f.D1].cnt[1], 0, 0, 0, 0, 0);
	/* Per unit and field, and the all-fields row. */
	check_counts(&c.units[f.D2].fcnt[0 * STATUS_COUNT], 0, 0, 0, 1, 0);
	check_counts(&c.units[f.D2].fcnt[1 * STATUS_COUNT], 0, 0, 1, 0, 0);
	check_counts(&c.units[f.D2].fcnt[c.nf * STATUS_COUNT], 0, 0, 1, 1, 0);
	/* T1 is 45 days overdue for C1 and C2 (beyond 30); T3 only 11 for D2. */
	CHECK_INT(c.units[f.C1].flong[0], 1);
	CHECK_INT(c.units[f.C1].flong[c.nf], 1);
	CHECK_INT(c.units[f.C1].fex[0], f.T1);
	CHECK_INT(c.units[f.C1].fex[c.nf * REPORT_NEXAMPLE], f.T1);
	CHECK_INT(c.units[f.C1].fex[1], 0);
	CHECK_INT(c.units[f.D2].flong[c.nf], 0);

	/* The counts as the report shows them. */
	json_t *o = json_object();
	report_counts_json(o, c.total);
	CHECK_INT(num(o, "total"), 7);
	CHECK_INT(num(o, "due"), 5);
	CHECK(real(o, "completion_rate") == 0.4);
	CHECK(real(o, "on_time_rate") == 0.2);
	json_decref(o);
	int64_t none[STATUS_COUNT] = {0};
	CHECK(report_completion_rate(none) < 0);
	CHECK(report_rnd(2.0 / 3) == 0.6667);
	report_ctx_release(&c);
	teardown(&f);
}

static void test_head_and_fields(void)
{
	struct fixture f;
	setup(&f);
	struct report_ctx c;
	open_loaded(&f, &c, "2024-04-20", store_field_id_by_code(f.st, "F1"));
	report_count(&c);
	json_t *head = report_head_json(&c);
	CHECK_STR(json_string_value(json_object_get(head, "period_name")), "quý I năm 2024");
	CHECK_STR(json_string_value(json_object_get(head, "period_end")), "2024-03-31");
	CHECK_STR(json_string_value(json_object_get(head, "as_of")), "2024-04-20");
	CHECK_STR(json_string_value(json_object_get(head, "status_date")), "2024-03-31");
	CHECK_STR(json_string_value(json_object_get(head, "recorded_by")), "2024-04-20T16:59:59Z");
	CHECK_STR(json_string_value(json_object_get(head, "previous_period")), "2023");
	const json_t *prov = json_object_get(head, "province");
	CHECK_STR(json_string_value(json_object_get(prov, "code")), "P");
	CHECK_STR(json_string_value(json_object_get(prov, "place")), "Thử Nghiệm");
	json_decref(head);

	json_t *selected = NULL;
	json_t *fields = report_fields_json(&c, &selected);
	CHECK_STR(json_string_value(json_object_get(selected, "code")), "F1");
	CHECK_INT(json_array_size(fields), 2);
	const json_t *f1 = json_array_get(fields, 0), *f2 = json_array_get(fields, 1);
	CHECK_STR(json_string_value(json_object_get(f1, "lead_unit_code")), "D1");
	CHECK_INT(num(f1, "total"), 4);
	CHECK_INT(num(f2, "total"), 0);		/* not the field asked for */
	CHECK_INT(json_array_size(json_object_get(f1, "indicators")), 0);
	json_decref(selected);
	json_decref(fields);
	report_ctx_release(&c);
	teardown(&f);
}

/* The context counted, with its fields and their indicators judged. */
static json_t *judged(struct fixture *f, struct report_ctx *c, const char *as_of)
{
	struct err err = {0};
	json_t *selected = NULL;
	open_loaded(f, c, as_of, 0);
	report_count(c);
	json_t *fields = report_fields_json(c, &selected);
	json_decref(selected);
	CHECK_INT(report_indicators(c, fields, &err), ERR_OK);
	return fields;
}

static void test_indicators(void)
{
	struct fixture f;
	setup(&f);
	struct report_ctx c;
	json_t *fields = judged(&f, &c, NULL);
	const json_t *ind = json_array_get(json_object_get(json_array_get(fields, 0), "indicators"), 0);
	CHECK_STR(json_string_value(json_object_get(ind, "code")), "I1");
	CHECK_INT(num(ind, "units_met"), 1);
	CHECK_INT(num(ind, "units_not_met"), 1);
	CHECK_INT(num(ind, "units_regressed"), 1);
	const json_t *sf = json_object_get(ind, "shortfalls");
	CHECK_INT(json_array_size(sf), 2);
	CHECK_STR(json_string_value(json_object_get(by_code(sf, "unit_code", "D1"), "period")), "2024-Q1");
	CHECK(json_is_true(json_object_get(by_code(sf, "unit_code", "D1"), "regressed")));
	/* The trend: one quarter's end so far. */
	const json_t *trend = json_object_get(ind, "trend");
	CHECK_INT(json_array_size(trend), 1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(trend, 0), "period_end")), "2024-03-31");
	CHECK_INT(num(json_array_get(trend, 0), "regressed"), 1);
	CHECK_INT(json_array_size(json_object_get(json_array_get(fields, 1), "indicators")), 0);
	/* The units' own counts. */
	CHECK_INT(c.units[f.D1].ind[2], 1);
	CHECK_INT(c.units[f.D1].find[0 * 3 + 2], 1);
	CHECK_INT(c.units[f.D2].ind[1], 1);
	CHECK_INT(c.units[f.C1].ind[0], 1);
	CHECK_INT(json_array_size(c.units[f.C1].shortfalls), 0);
	CHECK_INT(json_array_size(c.units[f.D2].shortfalls), 1);
	json_decref(fields);
	report_ctx_release(&c);
	teardown(&f);
}

/* The texts of the reasons rs, joined with " | ". */
static char *texts(const json_t *rs)
{
	struct buf b = BUF_INIT;
	size_t i;
	json_t *r;
	json_array_foreach(rs, i, r) {
		if (i)
			buf_adds(&b, " | ");
		buf_printf(&b, "%s: %s", json_string_value(json_object_get(r, "rule")),
			   json_string_value(json_object_get(r, "text")));
	}
	return buf_detach(&b);
}

static void check_reasons(struct report_ctx *c, int64_t unit, size_t fi, const char *want)
{
	json_t *rs = report_reasons(c, &c->units[unit], fi);
	char *got = texts(rs);
	CHECK_STR(got, want);
	free(got);
	json_decref(rs);
}

static void test_reasons(void)
{
	struct fixture f;
	setup(&f);
	struct report_ctx c;
	json_t *fields = judged(&f, &c, NULL);
	check_reasons(&c, f.C1, c.nf, "overdue_days: 1 nhiệm vụ quá hạn trên 30 ngày: «Rà soát, đơn giản hóa thủ tục hành chính»");
	check_reasons(&c, f.D1, c.nf, "indicator_regressed: chỉ tiêu 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn' đã đạt nay giảm còn 91% so với 98%");
	check_reasons(&c, f.D1, 1, "");		/* the indicator is of F1 */
	/* Thresholds changed: a rate rule from one task due, an indicator rule off. */
	c.rules.min_due = 1;
	c.rules.reg_on = 0;
	check_reasons(&c, f.D2, c.nf,
		      "on_time_rate: tỷ lệ hoàn thành đúng hạn 0% (0/2 nhiệm vụ đến hạn), dưới ngưỡng 80% | "
		      "indicator_not_met: chỉ tiêu 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn' 95% so với 98%");
	check_reasons(&c, f.D1, c.nf, "");
	json_t *be = report_behind_entry(&c, &c.units[f.D2], c.nf);
	CHECK_STR(json_string_value(json_object_get(be, "unit_name")), "Sở Bình");
	CHECK_STR(json_string_value(json_object_get(be, "text")),
		  "tỷ lệ hoàn thành đúng hạn 0% (0/2 nhiệm vụ đến hạn), dưới ngưỡng 80%; "
		  "chỉ tiêu 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn' 95% so với 98%");
	json_decref(be);
	CHECK(report_behind_entry(&c, &c.units[f.D1], c.nf) == NULL);
	json_decref(fields);
	report_ctx_release(&c);

	/* Past the units' report deadline (10 April) with no report: named. */
	fields = judged(&f, &c, "2024-04-11");
	check_reasons(&c, f.C2, c.nf,
		      "overdue_days: 1 nhiệm vụ quá hạn trên 30 ngày: «Rà soát, đơn giản hóa thủ tục hành chính» | "
		      "unit_report: chưa nộp báo cáo quý I năm 2024 (hạn 10/04/2024)");
	check_reasons(&c, f.C2, 0,
		      "overdue_days: 1 nhiệm vụ quá hạn trên 30 ngày: «Rà soát, đơn giản hóa thủ tục hành chính»");
	/* Submitted six days late (the 16th in Vietnam). */
	c.units[f.C2].ur_submitted = date_parse("2024-04-16");
	c.rules.overdue_on = 0;
	check_reasons(&c, f.C2, c.nf, "unit_report: nộp báo cáo quý I năm 2024 muộn 6 ngày (hạn 10/04/2024)");
	json_decref(fields);
	report_ctx_release(&c);
	teardown(&f);
}

static void test_scorecard_and_field_units(void)
{
	struct fixture f;
	setup(&f);
	struct report_ctx c;
	json_t *fields = judged(&f, &c, NULL);
	json_t *behind = json_array();
	json_t *units = report_scorecard(&c, behind);
	/* Departments D1, D2; then communes C2, C1 (a tie, by name). */
	static const char *const order[] = {"D1", "D2", "C2", "C1"};
	CHECK_INT(json_array_size(units), 4);
	for (size_t i = 0; i < 4; i++)
		CHECK_STR(json_string_value(json_object_get(json_array_get(units, i), "code")), order[i]);
	const json_t *d2 = by_code(units, "code", "D2");
	CHECK_INT(num(d2, "rank"), 2);
	CHECK_INT(num(d2, "peers"), 2);
	CHECK_STR(json_string_value(json_object_get(d2, "peer_group")), "department");
	CHECK_STR(json_string_value(json_object_get(json_object_get(d2, "band"), "code")), "khong_hoan_thanh");
	CHECK_INT(json_array_size(json_object_get(d2, "reasons")), 1);
	CHECK_INT(json_array_size(behind), 4);
	CHECK_STR(json_string_value(json_object_get(json_array_get(behind, 0), "unit_code")), "D1");

	report_field_units(&c, fields);
	/* F1: worst first, D1 (all on time) last. */
	const json_t *fu = json_object_get(json_array_get(fields, 0), "units");
	CHECK_INT(json_array_size(fu), 4);
	CHECK_STR(json_string_value(json_object_get(json_array_get(fu, 3), "code")), "D1");
	CHECK_INT(json_array_size(json_object_get(json_array_get(fields, 0), "behind")), 4);
	/* F2: D2 is the only one rated; the unrated follow in name order. */
	fu = json_object_get(json_array_get(fields, 1), "units");
	static const char *const f2order[] = {"D2", "D1", "C1"};
	CHECK_INT(json_array_size(fu), 3);
	for (size_t i = 0; i < 3; i++)
		CHECK_STR(json_string_value(json_object_get(json_array_get(fu, i), "code")), f2order[i]);
	CHECK_INT(json_array_size(json_object_get(json_array_get(fields, 1), "behind")), 0);

	json_t *pv = report_peer_view(units, f.C1);
	CHECK_STR(json_string_value(json_object_get(json_object_get(pv, "unit"), "code")), "C1");
	CHECK_STR(json_string_value(json_object_get(pv, "peer_group")), "commune");
	CHECK_INT(json_array_size(json_object_get(pv, "peers")), 2);
	json_decref(pv);
	pv = report_peer_view(units, f.P);	/* nothing to show for the province */
	CHECK(json_is_null(json_object_get(pv, "unit")));
	CHECK_INT(json_array_size(json_object_get(pv, "peers")), 0);
	json_decref(pv);
	json_decref(units);
	json_decref(behind);
	json_decref(fields);
	report_ctx_release(&c);
	teardown(&f);
}

int main(void)
{
	RUN(test_open);
	RUN(test_load);
	RUN(test_count);
	RUN(test_head_and_fields);
	RUN(test_indicators);
	RUN(test_reasons);
	RUN(test_scorecard_and_field_units);
	return test_summary();
}
