/*
 * Discipline cases (issue 15) in the domain, on a temporary demo database,
 * with principals of every role: who opens the demo's case (and that every
 * look, refused ones too, is recorded under the principal), who opens a
 * case and records its steps, dates and steps out of order refused with
 * nothing written, and the counts per unit.
 */
#include "base/base.h"
#include "domain/auth.h"
#include "domain/demo.h"
#include "domain/discipline.h"
#include "domain/tracker.h"
#include "store/store.h"
#include "test.h"

#include <sodium.h>
#include <stdlib.h>
#include <unistd.h>

enum who { ADMIN, LEADER, LEAD_SNV, LEAD_VP, OFFICER, HEAD, HEAD_OTHER, INSPECTOR, VIEWER, SYSTEM, NWHO };

static const struct {
	const char *name, *unit;
	unsigned role;
} cast[NWHO] = {
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

static struct {
	char dir[64];
	struct tracker *tr;
	struct principal who[NWHO];
} fx;

static struct tracker as(int w)
{
	struct tracker t = *fx.tr;
	t.who = &fx.who[w];
	return t;
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

static void setup(void)
{
	snprintf(fx.dir, sizeof fx.dir, "/tmp/cchc-disc-XXXXXX");
	if (!mkdtemp(fx.dir))
		abort();
	char *path = xasprintf("%s/t.db", fx.dir);
	struct err err;
	struct tracker_options opt = {.connections = 2, .tally = true, .data_dir = fx.dir};
	fx.tr = tracker_open(path, &opt, &err);
	free(path);
	if (!fx.tr || demo_load(fx.tr, "caobang-2026", NULL, &err) != ERR_OK) {
		fprintf(stderr, "%s\n", err.message);
		abort();
	}
	for (int w = 0; w < NWHO; w++) {
		if (w == SYSTEM) {
			auth_system_principal(&fx.who[w], cast[w].name);
			continue;
		}
		fx.who[w] = (struct principal){.account_id = 3000 + w, .roles = cast[w].role,
					       .unit_id = tracker_unit_ref(fx.tr, cast[w].unit)};
		snprintf(fx.who[w].name, sizeof fx.who[w].name, "%s", cast[w].name);
	}
}

static void teardown(void)
{
	tracker_close(fx.tr);
	char *cmd = xasprintf("rm -rf '%s'", fx.dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", fx.dir);
	free(cmd);
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

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	setup();
	RUN(test_who_sees);
	RUN(test_open);
	RUN(test_steps);
	RUN(test_counts);
	teardown();
	return test_summary();
}
