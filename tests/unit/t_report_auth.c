/*
 * The report functions check their principal themselves (auth.c's table):
 * a principal without the right role gets ERR_FORBIDDEN from each, before
 * anything about its input is judged; a change of the rules is recorded
 * as the principal's.  On the dataset of t_report_fixture.h.
 */
#include "report/unit_report.h"
#include "t_report_fixture.h"

static struct principal who(const char *name, int64_t unit, unsigned roles)
{
	struct principal p = {.account_id = 1, .unit_id = unit, .roles = roles, .by_token = 1};
	snprintf(p.name, sizeof p.name, "%s", name);
	return p;
}

/* The updated_by of rule code in report_rules' object. */
static const char *updated_by(const json_t *rules, const char *code)
{
	return json_string_value(json_object_get(by_code(json_object_get(rules, "behind"), "code", code), "updated_by"));
}

static void test_periodic_report(void)
{
	struct fixture f;
	setup(&f);
	struct principal none = who("nobody", f.D1, 0), off = who("o1", f.D1, ROLE_UNIT_OFFICER);
	struct tracker tn = {.store = f.st, .who = &none}, to = {.store = f.st, .who = &off};
	struct err err = {0};
	struct report_query q = {.period = "2024-Q1", .as_of = DATE_NONE};
	struct report_period p;
	CHECK_INT(report_period_parse("2024-Q1", &p, &err), ERR_OK);

	CHECK(report_compute(&tn, &q, &err) == NULL);
	CHECK_INT(err.code, ERR_FORBIDDEN);
	/* Refused before the input is looked at. */
	q.period = "2024-Q7";
	CHECK(report_compute(&tn, &q, &err) == NULL);
	CHECK_INT(err.code, ERR_FORBIDDEN);
	CHECK(report_rules(&tn, &err) == NULL);
	CHECK_INT(err.code, ERR_FORBIDDEN);
	CHECK_INT(report_unit_deadline(&tn, &p, &err), DATE_NONE);
	CHECK_INT(err.code, ERR_FORBIDDEN);

	/* Every role reads reports and rules. */
	q.period = "2024-Q1";
	json_t *r = report_compute(&to, &q, &err);
	CHECK(r != NULL);
	json_decref(r);
	r = report_rules(&to, &err);
	CHECK(r != NULL);
	json_decref(r);
	CHECK_INT(report_unit_deadline(&to, &p, &err), date_parse("2024-04-10"));
	teardown(&f);
}

static void test_rules_put(void)
{
	struct fixture f;
	setup(&f);
	struct principal off = who("o1", f.D1, ROLE_UNIT_OFFICER), lead = who("lead", f.D1, ROLE_LEADER),
			 admin = who("quantri", f.P, ROLE_ADMIN);
	struct tracker to = {.store = f.st, .who = &off}, tl = {.store = f.st, .who = &lead},
		       ta = {.store = f.st, .who = &admin};
	struct err err = {0};
	json_t *body = json_loads("{\"rules\": [{\"code\": \"overdue_days\", \"params\": {\"days\": 10}}]}", 0, NULL);
	json_t *bad = json_loads("{\"rules\": [{\"code\": \"nope\"}]}", 0, NULL);
	json_t *out = NULL;
	CHECK_INT(report_rules_put(&to, body, &out, &err), ERR_FORBIDDEN);
	CHECK(out == NULL);
	CHECK_INT(report_rules_put(&tl, body, NULL, &err), ERR_FORBIDDEN);
	CHECK_INT(report_rules_put(&to, bad, NULL, &err), ERR_FORBIDDEN);
	/* Nothing was written. */
	json_t *rules = report_rules(&f.tr, &err);
	CHECK(json_is_null(json_object_get(by_code(json_object_get(rules, "behind"), "code", "overdue_days"),
					  "updated_by")));
	json_decref(rules);

	/* The administrator may; the change is theirs. */
	CHECK_INT(report_rules_put(&ta, body, &out, &err), ERR_OK);
	CHECK_STR(updated_by(out, "overdue_days"), "quantri");
	json_decref(out);
	CHECK_INT(report_rules_put(&ta, bad, NULL, &err), ERR_INVALID);
	/* The system itself (the CLI, the demo). */
	CHECK_INT(report_rules_put(&f.tr, body, &out, &err), ERR_OK);
	CHECK_STR(updated_by(out, "overdue_days"), "system");
	json_decref(out);
	json_decref(body);
	json_decref(bad);
	teardown(&f);
}

static void test_unit_reports(void)
{
	struct fixture f;
	setup(&f);
	struct principal none = who("nobody", f.D1, 0), viewer = who("xem", f.D1, ROLE_VIEWER),
			 off = who("o1", f.D1, ROLE_UNIT_OFFICER), lead = who("lead", f.D1, ROLE_LEAD_AGENCY);
	struct tracker tn = {.store = f.st, .who = &none}, tv = {.store = f.st, .who = &viewer},
		       to = {.store = f.st, .who = &off}, tl = {.store = f.st, .who = &lead};
	struct err err = {0};
	json_t *body = json_pack("{s:s}", "comments", "Bổ sung");

	/* Reading: a viewer reads no unit's own report, nor the list. */
	CHECK(unit_report_open(&tv, f.D1, "2024-Q1", &err) == NULL);
	CHECK_INT(err.code, ERR_FORBIDDEN);
	CHECK(unit_report_list(&tv, "2024-Q1", NULL, &err) == NULL);
	CHECK_INT(err.code, ERR_FORBIDDEN);
	CHECK(unit_report_list(&tn, "2024-Q9", NULL, &err) == NULL);
	CHECK_INT(err.code, ERR_FORBIDDEN);
	/* Writing: only the unit's own officers and head. */
	CHECK_INT(unit_report_edit(&tl, f.D1, "2024-Q1", body, NULL, &err), ERR_FORBIDDEN);
	CHECK_INT(unit_report_submit(&tv, f.D1, "2024-Q1", NULL, &err), ERR_FORBIDDEN);
	CHECK_INT(unit_report_submit(&to, f.D2, "2024-Q1", NULL, &err), ERR_FORBIDDEN);
	/* Reviewing: not the unit itself. */
	CHECK_INT(unit_report_return(&to, f.D1, "2024-Q1", body, NULL, &err), ERR_FORBIDDEN);
	CHECK_INT(unit_report_accept(&to, f.D1, "2024-Q1", NULL, NULL, &err), ERR_FORBIDDEN);

	/* With the right role each goes on to the report itself. */
	json_t *out = NULL;
	CHECK_INT(unit_report_submit(&to, f.D1, "2024-Q1", &out, &err), ERR_OK);
	CHECK_STR(json_string_value(json_object_get(out, "submitted_by")), "o1");
	json_decref(out);
	CHECK_INT(unit_report_accept(&tl, f.D1, "2024-Q1", body, &out, &err), ERR_OK);
	CHECK_STR(json_string_value(json_object_get(out, "accepted_by")), "lead");
	json_decref(out);
	json_decref(body);
	teardown(&f);
}

int main(void)
{
	RUN(test_periodic_report);
	RUN(test_rules_put);
	RUN(test_unit_reports);
	return test_summary();
}
