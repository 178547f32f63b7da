/*
 * Units' own periodic reports: the draft pre-filled from the report
 * computation, narrative per field, submit / return / accept with their
 * conflicts and permissions, the list for reviewers, and the unit_report
 * rule of the periodic report (missing and late reports, as of a cut-off).
 *
 * The dataset lives in 2024, so every report written here is recorded
 * after the Q1 deadline (10 April 2024): late, and absent from a report
 * whose cut-off is before today.
 */
#include "base/base.h"
#include "base/date.h"
#include "report/report.h"
#include "report/unit_report.h"
#include "store/store.h"
#include "db_fixture.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static char dir[64];
static struct store *st;
static struct tracker sys;	/* over st, acting as the system */
static int64_t P, D1, D2;

static void setup(void)
{
	st = fixture_store_open(dir, "ur", 2);
	struct err err;
	sys = (struct tracker){.store = st};
	P = fixture_unit(st, "P", "Ủy ban nhân dân tỉnh Thử Nghiệm", "province");
	D1 = fixture_unit(st, "D1", "Sở An", "department");
	D2 = fixture_unit(st, "D2", "Sở Bình", "department");
	CHECK_INT(store_field_add(st, "F1", 1, "Cải cách thủ tục hành chính", "Procedures", "D2", &err), ERR_OK);
	struct document_new d = {.type = "KH", .number = "1", .symbol = "KH-UBND", .title = "Kế hoạch CCHC 2024",
				 .year = 2024, .issuer_code = "P", .issued_on = "2024-01-02"};
	int64_t doc = 0, task = 0;
	CHECK_INT(store_document_add(st, &d, &doc, &err), ERR_OK);
	int64_t units[] = {D1, D2};
	struct assignment_new a[2] = {{.unit_id = D1}, {.unit_id = D2}};
	for (int i = 0; i < 2; i++)
		snprintf(a[i].deadline, sizeof a[i].deadline, "2024-02-15");
	struct task_new t = {.document_id = doc, .field_id = store_field_id_by_code(st, "F1"),
			     .title = "Rà soát thủ tục hành chính", .deadline = "2024-02-15", .year = 2024,
			     .lead = units, .nlead = 2, .asg = a, .nasg = 2};
	CHECK_INT(store_task_add(st, &t, &task, &err), ERR_OK);
	/* The rows so far count by their own dates (history loaded at once). */
	char now[21];
	time_t tt = time(NULL);
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	CHECK_INT(store_meta_set(st, "history_loaded_at", now, &err), ERR_OK);
}

static void teardown(void)
{
	fixture_store_close(st, dir);
}

static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* The unit_report reason of unit code in a report's behind list, or NULL. */
static const char *reason_of(const json_t *rep, const char *code)
{
	size_t i, j;
	json_t *b, *r;
	json_array_foreach(json_object_get(rep, "behind"), i, b) {
		if (strcmp(str(b, "unit_code"), code))
			continue;
		json_array_foreach(json_object_get(b, "reasons"), j, r)
			if (strcmp(str(r, "rule"), "unit_report") == 0)
				return str(r, "text");
	}
	return NULL;
}

static json_t *compute(const char *as_of)
{
	struct err err = {0};
	struct report_query q = {.period = "2024-Q1", .as_of = as_of ? date_parse(as_of) : DATE_NONE};
	json_t *r = report_compute(&sys, &q, &err);
	if (!r)
		fprintf(stderr, "  report: %s\n", err.message);
	return r;
}

static void test_deadline(void)
{
	struct err err;
	struct report_period p;
	CHECK_INT(report_period_parse("2024-Q1", &p, &err), ERR_OK);
	CHECK_INT(report_unit_deadline(&sys, &p, &err), date_parse("2024-04-10"));
	CHECK_INT(report_period_parse("2024", &p, &err), ERR_OK);
	CHECK_INT(report_unit_deadline(&sys, &p, &err), date_parse("2025-01-10"));
}

static void test_flow(void)
{
	struct err err;
	struct principal off = {.account_id = 1, .name = "o1", .unit_id = D1, .roles = ROLE_UNIT_OFFICER, .by_token = 1};
	struct principal other = {.account_id = 2, .name = "o2", .unit_id = D2, .roles = ROLE_UNIT_OFFICER, .by_token = 1};
	struct principal lead = {.account_id = 3, .name = "lead", .unit_id = D2, .roles = ROLE_LEAD_AGENCY, .by_token = 1};
	struct tracker to = {.store = st, .who = &off}, tx = {.store = st, .who = &other}, tl = {.store = st, .who = &lead};
	json_t *r, *out = NULL;

	CHECK(!unit_report_open(&tl, D1, "2024-Q1", &err));
	CHECK_INT(err.code, ERR_NOT_FOUND);	/* a reviewer does not create drafts */
	CHECK(!unit_report_open(&to, D1, "2024-Q5", &err));
	CHECK_INT(err.code, ERR_BAD_REQUEST);
	r = unit_report_open(&to, D1, "2024-Q1", &err);
	CHECK(r != NULL);
	CHECK_STR(str(r, "status"), "draft");
	CHECK_STR(str(r, "deadline"), "2024-04-10");
	const json_t *fig = json_object_get(r, "figures");
	CHECK_STR(str(json_object_get(fig, "unit"), "code"), "D1");
	CHECK_INT(json_integer_value(json_object_get(json_object_get(fig, "unit"), "overdue")), 1);
	CHECK_INT(json_array_size(json_object_get(fig, "fields")), 1);
	CHECK(json_is_true(json_object_get(json_object_get(r, "may"), "edit")));
	json_decref(r);

	CHECK(!unit_report_open(&tx, D1, "2024-Q1", &err));
	CHECK_INT(err.code, ERR_FORBIDDEN);
	json_t *body = json_pack("{s:{s:s}, s:s}", "narrative", "F1", "Đã rà soát 12 thủ tục.", "proposals", "Bổ sung biên chế");
	CHECK_INT(unit_report_edit(&tx, D1, "2024-Q1", body, NULL, &err), ERR_FORBIDDEN);
	CHECK_INT(unit_report_edit(&to, D1, "2024-Q1", body, &out, &err), ERR_OK);
	CHECK_STR(str(json_object_get(out, "narrative"), "F1"), "Đã rà soát 12 thủ tục.");
	CHECK_STR(str(out, "proposals"), "Bổ sung biên chế");
	json_decref(out);
	json_decref(body);
	body = json_pack("{s:{s:s}}", "narrative", "NOPE", "x");
	CHECK_INT(unit_report_edit(&to, D1, "2024-Q1", body, NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "narrative");
	json_decref(body);

	CHECK_INT(unit_report_submit(&to, D1, "2024-Q1", &out, &err), ERR_OK);
	CHECK_STR(str(out, "status"), "submitted");
	CHECK(json_integer_value(json_object_get(out, "late_days")) > 0);
	char first[32];
	snprintf(first, sizeof first, "%s", str(out, "first_submitted_at"));
	json_decref(out);
	CHECK_INT(unit_report_submit(&to, D1, "2024-Q1", NULL, &err), ERR_CONFLICT);
	CHECK_INT(unit_report_return(&to, D1, "2024-Q1", NULL, NULL, &err), ERR_FORBIDDEN);
	CHECK_INT(unit_report_return(&tl, D1, "2024-Q1", NULL, NULL, &err), ERR_INVALID);
	body = json_pack("{s:s}", "comments", "Bổ sung số liệu");
	CHECK_INT(unit_report_return(&tl, D1, "2024-Q1", body, &out, &err), ERR_OK);
	CHECK_STR(str(out, "status"), "returned");
	CHECK_STR(str(out, "comments"), "Bổ sung số liệu");
	json_decref(out);
	CHECK_INT(unit_report_accept(&tl, D1, "2024-Q1", NULL, NULL, &err), ERR_CONFLICT);
	CHECK_INT(unit_report_submit(&to, D1, "2024-Q1", &out, &err), ERR_OK);
	CHECK_STR(str(out, "first_submitted_at"), first);
	json_decref(out);
	CHECK_INT(unit_report_accept(&tl, D1, "2024-Q1", NULL, &out, &err), ERR_OK);
	CHECK_STR(str(out, "status"), "accepted");
	json_decref(out);
	CHECK_INT(unit_report_accept(&tl, D1, "2024-Q1", body, NULL, &err), ERR_CONFLICT);
	json_decref(body);

	json_t *l = unit_report_list(&tl, "2024-Q1", NULL, &err);
	CHECK(l != NULL);
	const json_t *c = json_object_get(l, "counts");
	CHECK_INT(json_integer_value(json_object_get(c, "expected")), 2);
	CHECK_INT(json_integer_value(json_object_get(c, "accepted")), 1);
	CHECK_INT(json_integer_value(json_object_get(c, "missing")), 1);
	CHECK_INT(json_integer_value(json_object_get(c, "late")), 2);
	json_decref(l);
	l = unit_report_list(&to, "2024-Q1", "missing", &err);
	CHECK_INT(json_array_size(json_object_get(l, "items")), 0);	/* only its own unit */
	json_decref(l);
	CHECK(!unit_report_list(&tl, "2024-Q1", "bad", &err));
	CHECK_INT(err.code, ERR_BAD_REQUEST);
}

static void test_rule(void)
{
	/* By the period's end nothing is due yet. */
	json_t *r = compute(NULL);
	CHECK(!reason_of(r, "D1") && !reason_of(r, "D2"));
	CHECK_INT(json_array_size(json_object_get(r, "rules_not_evaluated")), 0);
	json_decref(r);
	/* On 1 May 2024 neither had submitted: D1's report was recorded later. */
	r = compute("2024-05-01");
	CHECK_STR(reason_of(r, "D1"), "chưa nộp báo cáo quý I năm 2024 (hạn 10/04/2024)");
	CHECK_STR(reason_of(r, "D2"), "chưa nộp báo cáo quý I năm 2024 (hạn 10/04/2024)");
	json_decref(r);
	/* As of tomorrow (whatever the time zone), D1 submitted late. */
	char d[DATE_STRLEN];
	r = compute(date_format(date_today() + 1, d));
	const char *why = reason_of(r, "D1");
	CHECK(why && strncmp(why, "nộp báo cáo quý I năm 2024 muộn ", strlen("nộp báo cáo quý I năm 2024 muộn ")) == 0);
	CHECK(why && strstr(why, " ngày (hạn 10/04/2024)"));
	CHECK_STR(reason_of(r, "D2"), "chưa nộp báo cáo quý I năm 2024 (hạn 10/04/2024)");
	json_decref(r);
}

int main(void)
{
	setup();
	RUN(test_deadline);
	RUN(test_flow);
	RUN(test_rule);
	teardown();
	return test_summary();
}
