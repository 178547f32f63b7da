/*
 * Inspections (issue 15) in the domain, on a temporary demo database, with
 * principals of every role: who may plan, run and conclude an inspection,
 * record findings and verify their remediation (and the audit record
 * names them); steps and dates out of order, findings outside the scope
 * and a unit verifying its own remediation refused with nothing written;
 * the deadline in working days over the April and May holidays; a
 * remediation sent back opens its assignment again.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/auth.h"
#include "domain/inspection.h"
#include "domain/tracker.h"
#include "store/store.h"
#include "db_fixture.h"
#include "test.h"

#include <sodium.h>
#include <stdlib.h>

enum who { ADMIN, LEADER, LEAD_SNV, LEAD_STC, OFFICER, HEAD, HEAD_OTHER, INSPECTOR, VIEWER, SYSTEM, NWHO };

static const struct cast_member cast[NWHO] = {
	[ADMIN] = {"i.admin", "04", ROLE_ADMIN},
	[LEADER] = {"i.leader", "04", ROLE_LEADER},
	[LEAD_SNV] = {"i.snv", "SNV", ROLE_LEAD_AGENCY},
	[LEAD_STC] = {"i.stc", "STC", ROLE_LEAD_AGENCY},
	[OFFICER] = {"i.officer", "01822", ROLE_UNIT_OFFICER},
	[HEAD] = {"i.head", "01822", ROLE_UNIT_HEAD},
	[HEAD_OTHER] = {"i.head.other", "01273", ROLE_UNIT_HEAD},
	[INSPECTOR] = {"i.inspector", "TTT", ROLE_INSPECTOR},
	[VIEWER] = {"i.viewer", "04", ROLE_VIEWER},
	[SYSTEM] = {"cli", NULL, 0},
};

static struct demo_fixture fx;
static struct {
	int64_t plan;		/* the inspectorate's 2026 plan */
} made;			/* by setup() on the demo */

/* fx.tr acting as w. */
static struct tracker as(int w)
{
	return demo_fixture_as(&fx, w);
}

typedef enum err_code (*body_fn)(struct tracker *, json_t *, json_t **, struct err *);
typedef enum err_code (*id_body_fn)(struct tracker *, int64_t, json_t *, json_t **, struct err *);

/* Runs fn as w with body (taken); *id (may be NULL) gets the result's id. */
static enum err_code call(body_fn fn, int w, json_t *body, int64_t *id, struct err *err)
{
	struct tracker t = as(w);
	json_t *out = NULL;
	enum err_code rc = fn(&t, body, &out, err);
	if (id)
		*id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(body);
	return rc;
}

static enum err_code call_id(id_body_fn fn, int w, int64_t target, json_t *body, int64_t *id, struct err *err)
{
	struct tracker t = as(w);
	json_t *out = NULL;
	enum err_code rc = fn(&t, target, body, &out, err);
	if (id)
		*id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(body);
	return rc;
}

/* The newest audit record's actor of entity id, "" when none. */
static void newest_actor(const char *entity, int64_t id, char out[64])
{
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)id);
	struct err err;
	json_t *rows = store_audit_of(fx.tr->store, entity, key, &err);
	size_t n = json_array_size(rows);
	snprintf(out, 64, "%s", n ? json_string_value(json_object_get(json_array_get(rows, n - 1), "actor")) : "");
	json_decref(rows);
}

static json_t *inspection_body(int64_t plan, const char *units, const char *fields, const char *from,
			       const char *to)
{
	return body_of("{\"plan_id\": %lld, \"title\": \"Kiểm tra CCHC\", \"team\": [\"Nông Văn A\"], "
		       "\"units\": %s, \"fields\": %s, \"planned_from\": \"%s\", \"planned_to\": \"%s\"}",
		       (long long)plan, units, fields, from, to);
}

/* A concluded inspection of plan over 01822 and 01273 in TTHC and CDDH, run by w. */
static int64_t concluded(int w, int64_t plan, const char *units, const char *on)
{
	struct err err;
	int64_t id = 0;
	CHECK_INT(call(inspection_create, w, inspection_body(plan, units, "[\"TTHC\", \"CDDH\"]", "2026-04-01",
							      "2026-04-10"), &id, &err), ERR_OK);
	CHECK_INT(call_id(inspection_start, w, id, body_of("{\"started_on\": \"2026-04-01\"}"), NULL, &err), ERR_OK);
	CHECK_INT(call_id(inspection_conclude, w, id,
			  body_of("{\"conclusion\": \"Kết luận kiểm tra\", \"concluded_on\": \"%s\"}", on), NULL, &err),
		  ERR_OK);
	return id;
}

static json_t *finding_body(const char *unit, const char *field, const char *severity, int days)
{
	return body_of("{\"unit\": \"%s\", \"field\": \"%s\", \"severity\": \"%s\", \"content\": \"Thiếu niêm yết\", "
		       "\"recommendation\": \"Niêm yết đầy đủ\", \"due_workdays\": %d}", unit, field, severity, days);
}

static void setup(void)
{
	demo_fixture_open(&fx, "insp", cast, NWHO, 2000);
	struct err err;
	CHECK_INT(call(inspection_plan_create, SYSTEM,
		       body_of("{\"year\": 2026, \"inspecting_unit\": \"TTT\", \"title\": \"Kế hoạch 2026\"}"), &made.plan,
		       &err), ERR_OK);
}

/* Plans and inspections of the inspectorate: its inspector, the admin
 * and the system may; every other role is refused and writes nothing. */
static void test_roles_plan_and_run(void)
{
	const char *may = "ynnnnnnyny";	/* per enum who: the admin, ..., the system */
	_Static_assert(NWHO == 10, "one letter per principal");
	for (int w = 0; w < NWHO; w++) {
		struct err err;
		int64_t id = 0;
		enum err_code rc = call(inspection_plan_create, w,
					body_of("{\"year\": 2026, \"inspecting_unit\": \"TTT\", \"title\": \"Kế hoạch %d\"}", w),
					&id, &err);
		CHECK_INT(rc, may[w] == 'y' ? ERR_OK : ERR_FORBIDDEN);
		if (rc == ERR_OK) {
			char actor[64];
			newest_actor("inspection_plan", id, actor);
			CHECK_STR(actor, cast[w].name);
		}
		rc = call(inspection_create, w, inspection_body(made.plan, "[\"01822\"]", "[\"TTHC\"]", "2026-05-04",
								 "2026-05-08"), &id, &err);
		CHECK_INT(rc, may[w] == 'y' ? ERR_OK : ERR_FORBIDDEN);
		if (rc == ERR_OK) {
			char actor[64];
			newest_actor("inspection", id, actor);
			CHECK_STR(actor, cast[w].name);
			CHECK_INT(call_id(inspection_start, w, id, body_of("{}"), NULL, &err), ERR_OK);
		}
	}
	/* Refused ones wrote nothing: one plan and one inspection per 'y'
	 * (besides the demo's plan and the fixture's). */
	struct err err;
	json_t *plans = inspection_plans(fx.tr, 2026, &err);
	CHECK_INT(json_array_size(plans), 2 + 3);
	json_decref(plans);
	json_t *list = inspection_list(fx.tr, made.plan, 0, NULL, &err);
	CHECK_INT(json_array_size(list), 3);
	json_decref(list);
	/* A lead agency plans its own inspections; a commune only a self-inspection. */
	CHECK_INT(call(inspection_plan_create, LEAD_STC,
		       body_of("{\"year\": 2026, \"inspecting_unit\": \"STC\", \"title\": \"Kiểm tra tài chính công\"}"),
		       NULL, &err), ERR_OK);
	CHECK_INT(call(inspection_plan_create, HEAD,
		       body_of("{\"year\": 2026, \"inspecting_unit\": \"01822\", \"title\": \"x\"}"), NULL, &err),
		  ERR_INVALID);
	CHECK_STR(err.field, "inspecting_unit");
}

/* Steps and dates out of order are refused, and nothing changes. */
static void test_steps_and_dates(void)
{
	struct err err;
	int64_t id = 0;
	CHECK_INT(call(inspection_create, INSPECTOR, inspection_body(made.plan, "[\"01822\"]", "[\"TTHC\"]", "2026-06-10",
								      "2026-06-01"), NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "planned_to");
	CHECK_INT(call(inspection_create, INSPECTOR, inspection_body(made.plan, "[\"01822\", \"01822\"]", "[\"TTHC\"]",
								      "2026-06-01", "2026-06-10"), NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "units");
	CHECK_INT(call(inspection_create, INSPECTOR, inspection_body(made.plan, "[\"TTT\"]", "[\"TTHC\"]", "2026-06-01",
								      "2026-06-10"), NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "units");
	CHECK_INT(call(inspection_create, INSPECTOR, inspection_body(made.plan, "[\"01822\"]", "[]", "2026-06-01",
								      "2026-06-10"), NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "fields");
	CHECK_INT(call(inspection_create, INSPECTOR, inspection_body(made.plan, "[\"01822\"]", "[\"TTHC\"]", "2026-06-01",
								      "2026-06-10"), &id, &err), ERR_OK);
	CHECK_INT(call_id(inspection_conclude, INSPECTOR, id, body_of("{\"conclusion\": \"x\"}"), NULL, &err),
		  ERR_CONFLICT);
	CHECK_INT(call_id(finding_create, INSPECTOR, id, finding_body("01822", "TTHC", "minor", 5), NULL, &err),
		  ERR_CONFLICT);
	CHECK_INT(call_id(inspection_start, INSPECTOR, id, body_of("{\"started_on\": \"2026-06-02\"}"), NULL, &err),
		  ERR_OK);
	CHECK_INT(call_id(inspection_start, INSPECTOR, id, body_of("{}"), NULL, &err), ERR_CONFLICT);
	CHECK_INT(call_id(inspection_conclude, INSPECTOR, id,
			  body_of("{\"conclusion\": \"x\", \"concluded_on\": \"2026-06-01\"}"), NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "concluded_on");
	CHECK_INT(call_id(inspection_conclude, INSPECTOR, id,
			  body_of("{\"conclusion\": \"x\", \"concluded_on\": \"2026-06-31\"}"), NULL, &err), ERR_INVALID);
	struct err e2;
	json_t *row = inspection_get(fx.tr, id, &e2);
	CHECK_STR(json_string_value(json_object_get(row, "status")), "in_progress");
	json_decref(row);
}

/* Findings: the scope, the severity, the deadline over the holidays, and
 * the remediation as the unit's assignment. */
static void test_findings(void)
{
	struct err err;
	/* Friday 24 April 2026; Giỗ Tổ (26/4, a Sunday) gives Monday 27/4
	 * off, then 30/4 and 1/5: five working days end on 6 May. */
	int64_t insp = concluded(INSPECTOR, made.plan, "[\"01822\", \"01273\"]", "2026-04-24"), id = 0;
	CHECK_INT(call_id(finding_create, INSPECTOR, insp, finding_body("SNV", "TTHC", "minor", 5), NULL, &err),
		  ERR_INVALID);
	CHECK_STR(err.field, "unit");
	CHECK_INT(call_id(finding_create, INSPECTOR, insp, finding_body("01822", "CPS", "minor", 5), NULL, &err),
		  ERR_INVALID);
	CHECK_STR(err.field, "field");
	CHECK_INT(call_id(finding_create, INSPECTOR, insp, finding_body("01822", "TTHC", "nặng", 5), NULL, &err),
		  ERR_INVALID);
	CHECK_STR(err.field, "severity");
	CHECK_INT(call_id(finding_create, INSPECTOR, insp, finding_body("01822", "TTHC", "minor", 1001), NULL, &err),
		  ERR_INVALID);
	CHECK_STR(err.field, "due_workdays");
	CHECK_INT(call_id(finding_create, OFFICER, insp, finding_body("01822", "TTHC", "minor", 5), NULL, &err),
		  ERR_FORBIDDEN);
	json_t *none = finding_list(fx.tr, 0, NULL, &err);
	size_t before = json_array_size(none);
	json_decref(none);
	CHECK_INT(call_id(finding_create, INSPECTOR, insp, finding_body("01822", "TTHC", "serious", 5), &id, &err),
		  ERR_OK);
	json_t *f = store_finding_get(fx.tr->store, id, &err);
	CHECK_STR(json_string_value(json_object_get(f, "deadline")), "2026-05-06");
	CHECK_STR(json_string_value(json_object_get(f, "status")), "open");
	json_t *asg = tracker_assignment(fx.tr, json_integer_value(json_object_get(f, "assignment_id")),
					 date_parse("2026-05-07"), &err);
	CHECK_STR(json_string_value(json_object_get(asg, "unit_code")), "01822");
	CHECK_STR(json_string_value(json_object_get(asg, "status")), "overdue");
	json_decref(asg);
	json_decref(f);
	json_t *all = finding_list(fx.tr, 0, NULL, &err);
	CHECK_INT(json_array_size(all), before + 1);
	json_decref(all);
	char actor[64];
	newest_actor("finding", id, actor);
	CHECK_STR(actor, "i.inspector");
}

/* The unit completes its remediation: whoever may inspect for the
 * inspectorate verifies it; a return reopens the assignment. */
static void test_verify(void)
{
	struct err err;
	int64_t insp = concluded(INSPECTOR, made.plan, "[\"01822\"]", "2026-04-24"), id = 0;
	CHECK_INT(call_id(finding_create, INSPECTOR, insp, finding_body("01822", "CDDH", "minor", 10), &id, &err),
		  ERR_OK);
	json_t *f = store_finding_get(fx.tr->store, id, &err);
	int64_t asg = json_integer_value(json_object_get(f, "assignment_id"));
	json_decref(f);
	CHECK_INT(call_id(finding_verify, INSPECTOR, id, body_of("{\"decision\": \"accepted\"}"), NULL, &err),
		  ERR_CONFLICT);
	struct tracker off = as(OFFICER);
	json_t *out = NULL;
	json_t *done = body_of("{\"percent\": 100, \"completed_on\": \"2026-05-04\"}");
	CHECK_INT(tracker_report_add(&off, asg, done, NULL, 0, &out, &err), ERR_OK);
	json_decref(out);
	/* An invalid decision tells who may (ERR_INVALID) from who may not. */
	const char *may = "ynnnnnnyny";
	for (int w = 0; w < NWHO; w++)
		CHECK_INT(call_id(finding_verify, w, id, body_of("{\"decision\": 5}"), NULL, &err),
			  may[w] == 'y' ? ERR_INVALID : ERR_FORBIDDEN);
	CHECK_INT(call_id(finding_verify, INSPECTOR, id, body_of("{\"decision\": \"returned\"}"), NULL, &err),
		  ERR_INVALID);
	CHECK_STR(err.field, "reason");
	CHECK_INT(call_id(finding_verify, INSPECTOR, id,
			  body_of("{\"decision\": \"returned\", \"reason\": \"Chưa đủ\"}"), NULL, &err), ERR_OK);
	json_t *a = store_assignment_get(fx.tr->store, asg, &err);
	CHECK(json_is_null(json_object_get(a, "completed_on")));
	json_decref(a);
	out = NULL;
	CHECK_INT(tracker_report_add(&off, asg, done, NULL, 0, &out, &err), ERR_OK);
	json_decref(out);
	json_decref(done);
	CHECK_INT(call_id(finding_verify, INSPECTOR, id, body_of("{\"decision\": \"accepted\"}"), NULL, &err), ERR_OK);
	f = store_finding_get(fx.tr->store, id, &err);
	CHECK_STR(json_string_value(json_object_get(f, "status")), "accepted");
	CHECK_STR(json_string_value(json_object_get(f, "verified_by")), "i.inspector");
	json_decref(f);
	CHECK_INT(call_id(finding_verify, INSPECTOR, id, body_of("{\"decision\": \"accepted\"}"), NULL, &err),
		  ERR_CONFLICT);
}

/* A self-inspection: its head plans and runs it, but never verifies the
 * unit's own remediation. */
static void test_self_inspection(void)
{
	struct err err;
	int64_t plan = 0, id = 0;
	CHECK_INT(call(inspection_plan_create, HEAD,
		       body_of("{\"year\": 2026, \"kind\": \"self\", \"inspecting_unit\": \"01822\", \"title\": \"Tự kiểm tra\"}"),
		       &plan, &err), ERR_OK);
	CHECK_INT(call(inspection_create, HEAD, inspection_body(plan, "[\"01273\"]", "[\"TTHC\"]", "2026-04-01",
								 "2026-04-10"), NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "units");
	CHECK_INT(call(inspection_create, HEAD_OTHER, inspection_body(plan, "[\"01822\"]", "[\"TTHC\"]", "2026-04-01",
								       "2026-04-10"), NULL, &err), ERR_FORBIDDEN);
	int64_t insp = concluded(HEAD, plan, "[\"01822\"]", "2026-04-24");
	CHECK_INT(call_id(finding_create, HEAD, insp, finding_body("01822", "TTHC", "minor", 3), &id, &err), ERR_OK);
	json_t *f = store_finding_get(fx.tr->store, id, &err);
	struct tracker off = as(OFFICER);
	json_t *out = NULL, *done = body_of("{\"percent\": 100, \"completed_on\": \"2026-04-28\"}");
	CHECK_INT(tracker_report_add(&off, json_integer_value(json_object_get(f, "assignment_id")), done, NULL, 0, &out,
				     &err), ERR_OK);
	json_decref(out);
	json_decref(done);
	json_decref(f);
	CHECK_INT(call_id(finding_verify, HEAD, id, body_of("{\"decision\": \"accepted\"}"), NULL, &err), ERR_FORBIDDEN);
	f = store_finding_get(fx.tr->store, id, &err);
	CHECK_STR(json_string_value(json_object_get(f, "status")), "awaiting_verification");
	json_decref(f);
}

/* Coverage: units in concluded inspections over the active units. */
static void test_coverage(void)
{
	struct err err;
	json_t *plan = inspection_plan(fx.tr, made.plan, &err);
	json_t *c = json_object_get(plan, "coverage");
	int64_t total = json_integer_value(json_object_get(c, "units_total"));
	CHECK(total > 50);
	CHECK_INT(json_integer_value(json_object_get(c, "units_inspected")), 2);
	CHECK(json_real_value(json_object_get(c, "share")) * (double)total > 1.99);
	CHECK(json_real_value(json_object_get(c, "target_share")) > 0.199);
	CHECK(json_is_false(json_object_get(c, "target_met")));
	json_decref(plan);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	setup();
	RUN(test_roles_plan_and_run);
	RUN(test_steps_and_dates);
	RUN(test_findings);
	RUN(test_verify);
	RUN(test_self_inspection);
	RUN(test_coverage);
	demo_fixture_close(&fx);
	return test_summary();
}
