/*
 * Discipline cases (issue 15) in the domain, on a temporary demo database,
 * with principals of every role: who opens the demo's case (and that every
 * look, refused ones too, is recorded under the principal), who opens a
 * case and records its steps, dates and steps out of order refused with
 * nothing written, and the counts per unit.  Then the rules of 0016:
 * the statute of limitations, pause and resume (the limit moves by the
 * days paused), exemption, the repeat rule, and the decision document,
 * uploaded and downloaded by principals of every role.
 */
#include "base/base.h"
#include "domain/auth.h"
#include "domain/case_documents.h"
#include "domain/discipline.h"
#include "domain/discipline_rules.h"
#include "domain/tracker.h"
#include "store/store.h"
#include "db_fixture.h"
#include "test.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

enum who { ADMIN, LEADER, LEAD_SNV, LEAD_VP, OFFICER, HEAD, HEAD_OTHER, INSPECTOR, VIEWER, SYSTEM, NWHO };

static const struct cast_member cast[NWHO] = {
	[ADMIN] = {"d.admin", "04", ROLE_ADMIN},
	[LEADER] = {"d.leader", "04", ROLE_LEADER},
	[LEAD_SNV] = {"d.snv", "SNV", ROLE_LEAD_AGENCY},
	[LEAD_VP] = {"d.vp", "VPUBND", ROLE_LEAD_AGENCY},
	[OFFICER] = {"d.officer", "01297", ROLE_UNIT_OFFICER},
	[HEAD] = {"d.head", "01297", ROLE_UNIT_HEAD},
	[HEAD_OTHER] = {"d.head.other", "01822", ROLE_UNIT_HEAD},
	[INSPECTOR] = {"d.inspector", "TTT", ROLE_INSPECTOR},
	[VIEWER] = {"d.viewer", "04", ROLE_VIEWER},
	[SYSTEM] = {"cli", NULL, 0},
};

static struct demo_fixture fx;

static struct tracker as(int w)
{
	return demo_fixture_as(&fx, w);
}

/* How many audit records of the case (key "list" for lists) have action and actor. */
static int records(const char *key, const char *action, const char *actor)
{
	struct err err;
	json_t *rows = store_audit_of(fx.tr->store, "discipline_case", key, &err), *r;
	size_t i;
	int n = 0;
	json_array_foreach(rows, i, r)
		n += strcmp(json_string_value(json_object_get(r, "action")), action) == 0 &&
		     strcmp(json_string_value(json_object_get(r, "actor")), actor) == 0;
	json_decref(rows);
	return n;
}

/* The demo's case (01297): who opens it, and every look on the record. */
static void test_who_sees(void)
{
	const char *may = "yyynnynyny";	/* per enum who */
	_Static_assert(NWHO == 10, "one letter per principal");
	for (int w = 0; w < NWHO; w++) {
		struct tracker t = as(w);
		struct err err;
		int seen = records("1", "view", cast[w].name), refused = records("1", "view_refused", cast[w].name);
		json_t *c = discipline_case_get(&t, 1, &err);
		CHECK_INT(c ? ERR_OK : err.code, may[w] == 'y' ? ERR_OK : ERR_FORBIDDEN);
		CHECK_INT(records("1", "view", cast[w].name), seen + (may[w] == 'y'));
		CHECK_INT(records("1", "view_refused", cast[w].name), refused + (may[w] != 'y'));
		json_decref(c);
		json_t *list = discipline_case_list(&t, 0, 0, NULL, &err);
		bool lists = w == OFFICER || w == VIEWER ? !list : list && json_array_size(list) == (may[w] == 'y');
		CHECK(lists);
		json_decref(list);
	}
	CHECK_INT(records("list", "view_refused", "d.viewer"), 1);
	CHECK_INT(records("list", "view", "d.head"), 1);
}

static json_t *case_body(const char *unit, const char *occurred, const char *discovered)
{
	return json_pack("{ss ss ss ss sb ss ss ss ss}", "unit", unit, "person_name", "Bế Văn Tài", "position",
			 "Công chức Tư pháp - Hộ tịch", "group", "cong_chuc", "is_leader", 0, "act", "Vi phạm quy trình",
			 "severity", "minor", "occurred_on", occurred, "discovered_on", discovered);
}

/* Who opens a case of 01297; bad dates write nothing. */
static void test_open(void)
{
	const char *may = "ynynnynnny";	/* admin, SNV, the unit's head, the system */
	for (int w = 0; w < NWHO; w++) {
		struct tracker t = as(w);
		struct err err;
		json_t *out = NULL, *body = case_body("01297", "2026-09-01", "2026-09-10");
		CHECK_INT(discipline_case_create(&t, body, &out, &err), may[w] == 'y' ? ERR_OK : ERR_FORBIDDEN);
		json_decref(out);
		json_decref(body);
	}
	struct tracker t = as(HEAD);
	struct err err;
	json_t *before = store_discipline_cases(fx.tr->store, 0, 0, NULL, &err);
	json_t *body = case_body("01297", "2026-09-11", "2026-09-10");
	CHECK_INT(discipline_case_create(&t, body, NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "discovered_on");
	json_decref(body);
	json_t *after = store_discipline_cases(fx.tr->store, 0, 0, NULL, &err);
	CHECK_INT((int)json_array_size(after), (int)json_array_size(before));
	json_decref(before);
	json_decref(after);
}

/* Steps in order, dates in order, a form valid for the official. */
static void test_steps(void)
{
	struct tracker t = as(HEAD);
	struct err err;
	json_t *out = NULL, *body = case_body("01297", "2026-09-01", "2026-09-10");
	CHECK_INT(discipline_case_create(&t, body, &out, &err), ERR_OK);
	int64_t id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(body);
	struct {
		const char *json;
		enum err_code want;
		const char *field;
	} steps[] = {
		{"{\"step\": \"decision\", \"on\": \"2026-10-01\", \"number\": \"1/QĐ\", \"form\": \"khien_trach\"}",
		 ERR_INVALID, "note"},
		{"{\"step\": \"review\", \"on\": \"2026-09-09\"}", ERR_INVALID, "on"},
		{"{\"step\": \"review\", \"on\": \"2026-09-20\"}", ERR_OK, NULL},
		{"{\"step\": \"council\", \"on\": \"2026-09-19\"}", ERR_INVALID, "on"},
		{"{\"step\": \"review\", \"on\": \"2026-09-21\"}", ERR_CONFLICT, "step"},
		{"{\"step\": \"council\", \"on\": \"2026-09-30\"}", ERR_OK, NULL},
		/* Cách chức is for leaders only; this official holds no post. */
		{"{\"step\": \"decision\", \"on\": \"2026-10-05\", \"number\": \"2/QĐ\", \"form\": \"cach_chuc\"}",
		 ERR_INVALID, "form"},
		{"{\"step\": \"decision\", \"on\": \"2026-10-05\", \"number\": \"2/QĐ\", \"form\": \"canh_cao\"}", ERR_OK,
		 NULL},
	};
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		json_t *b = json_loads(steps[i].json, 0, NULL);
		CHECK_INT(discipline_case_step(&t, id, b, NULL, &err), steps[i].want);
		if (steps[i].field)
			CHECK_STR(err.field, steps[i].field);
		json_decref(b);
	}
	json_t *c = store_discipline_case_get(fx.tr->store, id, &err);
	CHECK_STR(json_string_value(json_object_get(c, "status")), "decided");
	CHECK_STR(json_string_value(json_object_get(c, "form_name")), "Cảnh cáo");
	CHECK_STR(json_string_value(json_object_get(c, "review_on")), "2026-09-20");
	json_decref(c);
	struct tracker other = as(HEAD_OTHER);
	json_t *b = json_loads("{\"step\": \"review\", \"on\": \"2026-09-20\"}", 0, NULL);
	CHECK_INT(discipline_case_step(&other, id, b, NULL, &err), ERR_FORBIDDEN);
	json_decref(b);
}

/* Counts per unit for everyone who reads, with no names. */
static void test_counts(void)
{
	struct tracker t = as(VIEWER);
	struct err err;
	json_t *counts = discipline_counts(&t, 2026, &err);
	CHECK(counts && json_array_size(counts) == 1);
	json_t *row = json_array_get(counts, 0);
	CHECK_STR(json_string_value(json_object_get(row, "unit_code")), "01297");
	CHECK(json_integer_value(json_object_get(row, "cases")) >= 2);
	CHECK(!json_object_get(row, "person_name"));
	json_decref(counts);
}

/* A new case of 01297 by its head; its id. */
static int64_t new_case(const char *name, const char *severity, const char *occurred, const char *discovered)
{
	struct tracker t = as(HEAD);
	struct err err;
	json_t *out = NULL, *body = case_body("01297", occurred, discovered);
	json_object_set_new(body, "person_name", json_string(name));
	json_object_set_new(body, "severity", json_string(severity));
	CHECK_INT(discipline_case_create(&t, body, &out, &err), ERR_OK);
	int64_t id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(body);
	return id;
}

/* Runs step text on case id as w; checks the outcome and the field. */
static void step_as(int w, int64_t id, const char *text, enum err_code want, const char *field)
{
	struct tracker t = as(w);
	struct err err;
	json_t *b = json_loads(text, 0, NULL);
	CHECK_INT(discipline_case_step(&t, id, b, NULL, &err), want);
	if (field)
		CHECK_STR(err.field, field);
	json_decref(b);
}

static json_t *case_row(int64_t id)
{
	struct tracker t = as(ADMIN);
	struct err err;
	return discipline_case_get(&t, id, &err);
}

/* 5 years for khiển trách, 10 for the rest; a decision after needs a reason. */
static void test_limitation(void)
{
	int64_t minor = new_case("Lý Văn A", "minor", "2015-03-31", "2026-09-10");
	int64_t serious = new_case("Lý Văn B", "serious", "2020-02-29", "2026-09-10");
	json_t *a = case_row(minor), *b = case_row(serious);
	CHECK_STR(json_string_value(json_object_get(a, "limitation_until")), "2020-03-31");
	CHECK(json_is_true(json_object_get(a, "limitation_passed")));
	CHECK_STR(json_string_value(json_object_get(b, "limitation_until")), "2030-02-28");
	CHECK(json_is_false(json_object_get(b, "limitation_passed")));
	json_decref(a);
	json_decref(b);
	const char *late = "{\"step\": \"decision\", \"on\": \"2026-10-05\", \"number\": \"3/QĐ\", "
			   "\"form\": \"khien_trach\", \"note\": \"Không họp\"}";
	step_as(HEAD, minor, late, ERR_INVALID, "limitation_override");
	step_as(HEAD, minor, "{\"step\": \"decision\", \"on\": \"2026-10-05\", \"number\": \"3/QĐ\", "
			     "\"form\": \"khien_trach\", \"note\": \"Không họp\", \"limitation_override\": \"Lý do\"}",
		ERR_OK, NULL);
	/* No limitation for a fake diploma. */
	struct tracker t = as(HEAD);
	struct err err;
	json_t *out = NULL, *body = case_body("01297", "2001-01-01", "2026-09-10");
	json_object_set_new(body, "limitation_kind", json_string("false_degree"));
	CHECK_INT(discipline_case_create(&t, body, &out, &err), ERR_OK);
	CHECK(json_is_null(json_object_get(out, "limitation_until")));
	json_decref(out);
	json_object_set_new(body, "limitation_kind", json_string("never"));
	CHECK_INT(discipline_case_create(&t, body, NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "limitation_kind");
	json_decref(body);
}

/* A later violation within the limitation restarts it, again and again;
 * one after the limitation ran out, or after the case was closed, does not. */
static void test_limitation_run(void)
{
	struct limitation_clock c[] = {
		{.occurred = "2020-01-10", .years = 5},	/* restarted by the next, then by the third */
		{.occurred = "2023-06-01", .years = 10},
		{.occurred = "2028-06-01", .years = 5},	/* the last day of the first's restarted period */
		{.occurred = "2040-01-01", .years = -1},	/* after every limitation; none of its own */
	};
	discipline_limitation_run(c, ARRAY_LEN(c));
	CHECK_STR(c[0].until, "2033-06-01");
	CHECK_STR(c[1].until, "2038-06-01");
	CHECK_STR(c[2].until, "2033-06-01");
	CHECK_STR(c[3].until, "");
	struct limitation_clock gap[] = {
		{.occurred = "2010-01-01", .years = 5},
		{.occurred = "2015-01-02", .years = 5},	/* a day too late */
	};
	discipline_limitation_run(gap, ARRAY_LEN(gap));
	CHECK_STR(gap[0].until, "2015-01-01");
	struct limitation_clock closed[] = {
		{.occurred = "2020-01-10", .closed = "2021-01-01", .years = 5},
		{.occurred = "2021-01-02", .years = 5},	/* after the decision */
		{.occurred = "2020-01-10", .years = 5},	/* the same day: nothing restarts */
	};
	discipline_limitation_run(closed, 2);
	CHECK_STR(closed[0].until, "2025-01-10");
	discipline_limitation_run(closed + 2, 1);
	CHECK_STR(closed[2].until, "2025-01-10");
}

/* The same person (name and unit) violating again: the earlier case's
 * limitation restarts, in the audit trail; another person's stands. */
static void test_limitation_restart(void)
{
	int64_t first = new_case("Lý Văn R", "minor", "2024-01-15", "2026-09-10");
	int64_t other = new_case("Lý Văn S", "minor", "2024-01-15", "2026-09-10");
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)first);
	int first_updates = records(key, "update", "d.head");
	int64_t second = new_case("Lý Văn R", "serious", "2026-03-01", "2026-09-10");
	json_t *a = case_row(first), *b = case_row(second), *o = case_row(other);
	CHECK_STR(json_string_value(json_object_get(a, "limitation_until")), "2031-03-01");
	CHECK_STR(json_string_value(json_object_get(b, "limitation_until")), "2036-03-01");
	CHECK_STR(json_string_value(json_object_get(o, "limitation_until")), "2029-01-15");
	CHECK_INT(records(key, "update", "d.head"), first_updates + 1);
	json_decref(a);
	json_decref(b);
	json_decref(o);
	/* Entered out of order: a violation stored later but committed earlier
	 * takes its own restart from the ones already there. */
	int64_t earlier = new_case("Lý Văn R", "minor", "2023-02-01", "2026-09-10");
	json_t *e = case_row(earlier);
	CHECK_STR(json_string_value(json_object_get(e, "limitation_until")), "2031-03-01");
	json_decref(e);
}

/* Who pauses (those who keep cases), what a pause stops, resuming. */
static void test_pause(void)
{
	int64_t id = new_case("Lý Thị C", "minor", "2026-09-01", "2026-09-10");
	const char *may = "ynynnynnny";	/* as test_open */
	for (int w = 0; w < NWHO; w++) {
		if (may[w] == 'y')
			continue;
		step_as(w, id, "{\"step\": \"pause\", \"on\": \"2026-09-20\", \"reason\": \"illness\"}",
			ERR_FORBIDDEN, NULL);
	}
	step_as(HEAD, id, "{\"step\": \"resume\", \"on\": \"2026-09-20\"}", ERR_CONFLICT, "step");
	step_as(HEAD, id, "{\"step\": \"pause\", \"on\": \"2026-09-20\"}", ERR_INVALID, "reason");
	step_as(HEAD, id, "{\"step\": \"pause\", \"on\": \"2026-12-31\", \"reason\": \"illness\"}", ERR_INVALID,
		"on");
	step_as(LEAD_SNV, id, "{\"step\": \"pause\", \"on\": \"2026-09-20\", \"reason\": \"prosecution\"}", ERR_OK,
		NULL);
	step_as(HEAD, id, "{\"step\": \"review\", \"on\": \"2026-09-21\"}", ERR_CONFLICT, "step");
	step_as(HEAD, id, "{\"step\": \"exempt\", \"on\": \"2026-09-21\", \"reason\": \"force_majeure\"}",
		ERR_CONFLICT, "step");
	step_as(HEAD, id, "{\"step\": \"resume\", \"on\": \"2026-10-20\"}", ERR_OK, NULL);
	json_t *c = case_row(id);
	/* 2026-09-10 + 90 days = 2026-12-09, and 30 days paused. */
	CHECK_STR(json_string_value(json_object_get(c, "decision_due")), "2027-01-08");
	CHECK_INT((int)json_array_size(json_object_get(c, "events")), 2);
	json_decref(c);
	CHECK_INT(records("1", "procedure", "d.head"), 0);
	step_as(HEAD, id, "{\"step\": \"exempt\", \"on\": \"2026-10-21\", \"reason\": \"superior_order\"}", ERR_OK,
		NULL);
	step_as(HEAD, id, "{\"step\": \"review\", \"on\": \"2026-10-22\"}", ERR_CONFLICT, "step");
}

/* A new violation while a decision is in force: one form heavier. */
static void test_repeat(void)
{
	int64_t first = new_case("Lý Văn D", "minor", "2026-08-01", "2026-08-05");
	step_as(HEAD, first, "{\"step\": \"decision\", \"on\": \"2026-09-01\", \"number\": \"4/QĐ\", "
			     "\"form\": \"canh_cao\", \"note\": \"Không họp\"}", ERR_OK, NULL);
	int64_t again = new_case("Lý Văn D", "minor", "2026-10-01", "2026-10-02");
	int64_t before = new_case("Lý Văn D", "minor", "2026-07-01", "2026-10-02");
	json_t *a = case_row(again), *b = case_row(before);
	/* The official holds no post: after cảnh cáo comes buộc thôi việc. */
	CHECK_STR(json_string_value(json_object_get(json_object_get(a, "suggested_form"), "code")), "buoc_thoi_viec");
	CHECK(json_is_null(json_object_get(b, "suggested_form")));
	json_decref(a);
	json_decref(b);
}

/* The decision document: who uploads it, who downloads it, all recorded. */
static void test_documents(void)
{
	int64_t id = new_case("Lý Văn E", "minor", "2026-09-01", "2026-09-10");
	struct evidence_new ev = {.filename = "qd.pdf", .mime = "application/pdf", .size = 10};
	memset(ev.sha256, 'a', 64);
	const char *may_attach = "ynynnynnny", *may_see = "yyynnynyny";
	int64_t doc = 0;
	for (int w = 0; w < NWHO; w++) {
		struct tracker t = as(w);
		struct err err;
		json_t *out = NULL;
		CHECK_INT(case_document_add(&t, DOC_DISCIPLINE_CASE, id, &ev, 1, &out, &err),
			  may_attach[w] == 'y' ? ERR_OK : ERR_FORBIDDEN);
		if (out)
			doc = json_integer_value(json_object_get(out, "id"));
		json_decref(out);
	}
	char key[24];
	snprintf(key, sizeof key, "%lld", (long long)id);
	for (int w = 0; w < NWHO; w++) {
		struct tracker t = as(w);
		struct err err;
		char *path = NULL;
		int seen = records(key, "view", cast[w].name), refused = records(key, "view_refused", cast[w].name);
		json_t *d = case_document_get(&t, DOC_DISCIPLINE_CASE, id, doc, &path, &err);
		CHECK_INT(d ? ERR_OK : err.code, may_see[w] == 'y' ? ERR_OK : ERR_FORBIDDEN);
		CHECK(!d || (path && strstr(path, "/evidence/aa/")));
		CHECK_INT(records(key, "view", cast[w].name), seen + (may_see[w] == 'y'));
		CHECK_INT(records(key, "view_refused", cast[w].name), refused + (may_see[w] != 'y'));
		json_decref(d);
		free(path);
	}
	struct tracker t = as(HEAD);
	struct err err;
	CHECK_INT(case_document_add(&t, DOC_DISCIPLINE_CASE, id, &ev, 0, NULL, &err), ERR_INVALID);
	ev.filename = "qd.png";
	CHECK_INT(case_document_add(&t, DOC_DISCIPLINE_CASE, id, &ev, 1, NULL, &err), ERR_UNSUPPORTED);
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	demo_fixture_open(&fx, "disc", cast, NWHO, 3000);
	RUN(test_who_sees);
	RUN(test_open);
	RUN(test_steps);
	RUN(test_counts);
	RUN(test_limitation);
	RUN(test_limitation_run);
	RUN(test_limitation_restart);
	RUN(test_pause);
	RUN(test_repeat);
	RUN(test_documents);
	demo_fixture_close(&fx);
	return test_summary();
}
