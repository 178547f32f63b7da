/*
 * The domain's capabilities as each role sees them, on a temporary demo
 * database: every principal (the admin, a leader, the lead agency of the
 * field and another one, an officer and a head of the unit and of another
 * unit, an inspector, a viewer and the system) either may act (ERR_OK,
 * and the audit record names it) or is refused (ERR_FORBIDDEN, and
 * nothing is written).
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/auth.h"
#include "domain/remind.h"
#include "domain/tracker.h"
#include "store/store.h"
#include "db_fixture.h"
#include "test.h"

#include <sodium.h>
#include <stdlib.h>

/* The field whose work is tested, and the units around it. */
#define FIELD "TTHC"		/* led by VPUBND */
#define FIELD_LEAD "VPUBND"
#define OTHER_LEAD "SNV"	/* leads other fields */
#define UNIT "01822"		/* the unit whose work it is */
#define OTHER_UNIT "01273"

enum who {
	ADMIN, LEADER, LEAD_OWN, LEAD_OTHER, OFFICER_OWN, OFFICER_OTHER, HEAD_OWN, HEAD_OTHER,
	INSPECTOR, VIEWER, SYSTEM, NWHO
};

static const struct cast_member cast[NWHO] = {
	[ADMIN] = {"p.admin", "04", ROLE_ADMIN},
	[LEADER] = {"p.leader", "04", ROLE_LEADER},
	[LEAD_OWN] = {"p.lead", FIELD_LEAD, ROLE_LEAD_AGENCY},
	[LEAD_OTHER] = {"p.lead.other", OTHER_LEAD, ROLE_LEAD_AGENCY},
	[OFFICER_OWN] = {"p.officer", UNIT, ROLE_UNIT_OFFICER},
	[OFFICER_OTHER] = {"p.officer.other", OTHER_UNIT, ROLE_UNIT_OFFICER},
	[HEAD_OWN] = {"p.head", UNIT, ROLE_UNIT_HEAD},
	[HEAD_OTHER] = {"p.head.other", OTHER_UNIT, ROLE_UNIT_HEAD},
	[INSPECTOR] = {"p.inspector", "TTT", ROLE_INSPECTOR},
	[VIEWER] = {"p.viewer", "04", ROLE_VIEWER},
	[SYSTEM] = {"cli", NULL, 0},
};

static struct demo_fixture fx;
static struct {
	int64_t plan, task, indicator;
} made;			/* by setup() on the demo */

/* A one-off task of FIELD for UNIT, made by the system; its first assignment
 * (or the task itself with want_task). */
static int64_t new_task(const char *title, int want_task)
{
	json_t *body = body_of("{\"document_id\": %lld, \"title\": \"%s\", \"field\": \"" FIELD "\", "
			       "\"deadline\": \"2026-12-31\", \"lead\": [\"" UNIT "\"]}",
			       (long long)made.plan, title);
	json_t *out = NULL;
	struct err err;
	CHECK_INT(tracker_task_create(fx.tr, body, &out, &err), ERR_OK);
	int64_t id = want_task ? json_integer_value(json_object_get(out, "id"))
			       : json_integer_value(json_object_get(
					 json_array_get(json_object_get(out, "assignments"), 0), "id"));
	json_decref(out);
	json_decref(body);
	return id;
}

static void setup(void)
{
	demo_fixture_open(&fx, "roles", cast, NWHO, 1000);
	struct err err;
	json_t *plans = tracker_plans(fx.tr, &err);
	made.plan = json_integer_value(json_object_get(json_array_get(plans, 0), "id"));
	json_decref(plans);
	made.task = new_task("Nhiệm vụ thử quyền", 1);
	json_t *ind = body_of("{\"plan_id\": %lld, \"field\": \"" FIELD "\", \"code\": \"ROLES-0\", "
			      "\"name\": \"Chỉ tiêu thử\", \"measure\": \"%%\", \"comparison\": \">=\", "
			      "\"target\": 90}", (long long)made.plan);
	json_t *out = NULL;
	CHECK_INT(tracker_indicator_create(fx.tr, ind, &out, &err), ERR_OK);
	made.indicator = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	json_decref(ind);
	CHECK_INT(auth_account_add(fx.tr, "t.base", UNIT, "unit_officer", "Mật khẩu thử 2026!", &err), ERR_OK);
}

/* ---- the capabilities ------------------------------------------------- */

/* One capability: runs it as tr's principal (w says which, n is a fresh
 * number for unique names); entity names the audit records it writes. */
struct capability {
	const char *name;
	enum err_code (*run)(struct tracker *tr, int w, struct err *err);
	const char *entity;	/* NULL: a read, or kept outside the audit trail */
	const char *action;	/* of the records it writes; NULL: any */
	const char *expect;	/* per enum who: 'y' may, 'n' may not */
};

static enum err_code with_body(enum err_code (*fn)(struct tracker *, json_t *, json_t **, struct err *),
			       struct tracker *tr, json_t *body, struct err *err)
{
	json_t *out = NULL;
	enum err_code rc = fn(tr, body, &out, err);
	json_decref(out);
	json_decref(body);
	return rc;
}

static enum err_code task_create(struct tracker *tr, int w, struct err *err)
{
	return with_body(tracker_task_create, tr,
			 body_of("{\"document_id\": %lld, \"title\": \"Việc %d\", \"field\": \"" FIELD "\", "
				 "\"deadline\": \"2026-12-31\", \"lead\": [\"" UNIT "\"]}", (long long)made.plan, w),
			 err);
}

static enum err_code task_patch(struct tracker *tr, int w, struct err *err)
{
	json_t *body = body_of("{\"title\": \"Nhiệm vụ thử quyền %d\"}", w), *out = NULL;
	enum err_code rc = tracker_task_patch(tr, made.task, body, &out, err);
	json_decref(out);
	json_decref(body);
	return rc;
}

static enum err_code indicator_create(struct tracker *tr, int w, struct err *err)
{
	return with_body(tracker_indicator_create, tr,
			 body_of("{\"plan_id\": %lld, \"field\": \"" FIELD "\", \"code\": \"ROLES-%d\", "
				 "\"name\": \"Chỉ tiêu %d\", \"measure\": \"%%\", \"comparison\": \">=\", "
				 "\"target\": 90}", (long long)made.plan, w + 1, w),
			 err);
}

static enum err_code measure(struct tracker *tr, int w, struct err *err)
{
	json_t *body = body_of("{\"unit\": \"" UNIT "\", \"period\": \"2026-Q1\", \"value\": %d}", 50 + w), *out = NULL;
	enum err_code rc = tracker_measurement_add(tr, made.indicator, body, &out, err);
	json_decref(out);
	json_decref(body);
	return rc;
}

static enum err_code report_add(struct tracker *tr, int w, struct err *err)
{
	static int64_t assignment;
	if (!assignment)
		assignment = new_task("Việc để báo cáo", 0);
	json_t *body = body_of("{\"percent\": %d, \"note\": \"Đang làm\", \"reporter\": \"Cán bộ\"}", 10 + w);
	json_t *out = NULL;
	/* tracker_report_add does not open its own attribution scope yet: its
	 * callers (the server, per request) do. */
	tracker_attribution_begin(tr);
	enum err_code rc = tracker_report_add(tr, assignment, body, NULL, 0, &out, err);
	tracker_attribution_end(tr);
	json_decref(out);
	json_decref(body);
	return rc;
}

static enum err_code report_confirm(struct tracker *tr, int w, struct err *err)
{
	/* A completion of its own for each principal: one is confirmed once. */
	char *title = xasprintf("Việc hoàn thành %d", w), today[DATE_STRLEN];
	int64_t assignment = new_task(title, 0);
	free(title);
	json_t *body = body_of("{\"percent\": 100, \"completed_on\": \"%s\", \"reporter\": \"Cán bộ\"}",
			       date_format(date_today(), today));
	json_t *report = NULL;
	CHECK_INT(tracker_report_add(fx.tr, assignment, body, NULL, 0, &report, err), ERR_OK);
	json_t *out = NULL;
	enum err_code rc = tracker_report_confirm(tr, json_integer_value(json_object_get(report, "id")), &out, err);
	json_decref(out);
	json_decref(report);
	json_decref(body);
	return rc;
}

static enum err_code plan_create(struct tracker *tr, int w, struct err *err)
{
	return with_body(tracker_plan_create, tr,
			 body_of("{\"number\": \"%d\", \"symbol\": \"KH-UBND\", \"title\": \"Kế hoạch %d\", "
				 "\"year\": 2026, \"issuer\": \"" UNIT "\"}", 900 + w, w),
			 err);
}

static enum err_code account_add(struct tracker *tr, int w, struct err *err)
{
	char name[32];
	snprintf(name, sizeof name, "t.account%d", w);
	return auth_account_add(tr, name, UNIT, "viewer", "Mật khẩu thử 2026!", err);
}

static enum err_code token_create(struct tracker *tr, int w, struct err *err)
{
	char token[AUTH_TOKEN_HEX + 6], label[32];
	snprintf(label, sizeof label, "label %d", w);
	return auth_token_create(tr, "t.base", NULL, NULL, label, token, err);
}

static enum err_code override_put(struct tracker *tr, int w, struct err *err)
{
	char *date = xasprintf("2027-03-%02d", w + 1);
	json_t *out = NULL, *body = body_of("{\"date\": \"%s\", \"kind\": \"off\", \"name\": \"Nghỉ\"}", date);
	enum err_code rc = remind_override_put(tr, body, &out, err);
	/* Overrides keep who made them beside the row, not in the trail. */
	if (rc == ERR_OK)
		CHECK_STR(json_string_value(json_object_get(out, "created_by")), tr->who->name);
	json_decref(out);
	json_decref(body);
	free(date);
	return rc;
}

static enum err_code history(struct tracker *tr, int w, struct err *err)
{
	(void)w;
	json_t *h = tracker_history(tr, "task", made.task, err);
	json_decref(h);
	return h ? ERR_OK : err->code;
}

static enum err_code audit_export(struct tracker *tr, int w, struct err *err)
{
	(void)w;
	json_t *all = tracker_audit_export(tr, err);
	json_decref(all);
	return all ? ERR_OK : err->code;
}

/* Who may, in enum who's order:   admin leader lead lead' off off' head head' insp view sys */
static const struct capability capabilities[] = {
	{"task create", task_create, "task", "create", "y n y n n n n n n n y"},
	{"task patch", task_patch, "task", "update", "y n y n n n n n n n y"},
	{"indicator create", indicator_create, "indicator", NULL, "y n y n n n n n n n y"},
	{"measurement", measure, "measurement", NULL, "n n y n y n y n n n y"},
	{"report add", report_add, "report", "report", "n n n n y n y n n n y"},
	{"report confirm", report_confirm, "report", "confirm", "n n n n n n y n n n y"},
	{"plan create", plan_create, "document", NULL, "y n n n n n y n n n y"},
	{"account add", account_add, "account", "create", "y n n n n n n n n n y"},
	{"token create", token_create, "account", "token_create", "y n n n n n n n n n y"},
	{"override put", override_put, NULL, NULL, "y n n n n n n n n n y"},
	{"history", history, NULL, NULL, "y y y n y n y n y n y"},
	{"audit export", audit_export, NULL, NULL, "y y n n n n n n n n y"},
};

/* The actor and id of the newest audit record of entity (and action,
 * unless NULL). */
static void newest_record(const char *entity, const char *action, char actor[64], int64_t *id)
{
	struct err err;
	json_t *all = store_audit_of(fx.tr->store, entity, NULL, &err), *last = NULL;
	for (size_t i = json_array_size(all); i > 0 && !last; i--) {
		json_t *row = json_array_get(all, i - 1);
		if (!action || strcmp(json_string_value(json_object_get(row, "action")), action) == 0)
			last = row;
	}
	snprintf(actor, 64, "%s", last ? json_string_value(json_object_get(last, "actor")) : "");
	*id = last ? json_integer_value(json_object_get(last, "id")) : 0;
	json_decref(all);
}

static void test_roles(void)
{
	for (size_t c = 0; c < ARRAY_LEN(capabilities); c++) {
		const struct capability *cap = &capabilities[c];
		for (int w = 0; w < NWHO; w++) {
			struct tracker tr = *fx.tr;
			tr.who = &fx.who[w];
			char before[64], after[64];
			int64_t before_id = 0, after_id = 0;
			if (cap->entity)
				newest_record(cap->entity, cap->action, before, &before_id);
			struct err err = {0};
			enum err_code rc = cap->run(&tr, w, &err);
			int may = cap->expect[2 * w] == 'y';
			if (rc != (may ? ERR_OK : ERR_FORBIDDEN))
				fprintf(stderr, "  %s as %s: %d (%s), want %s\n", cap->name, cast[w].name, rc,
					err.message, may ? "ok" : "forbidden");
			CHECK_INT(rc, may ? ERR_OK : ERR_FORBIDDEN);
			if (!cap->entity)
				continue;
			newest_record(cap->entity, cap->action, after, &after_id);
			if (may) {
				CHECK(after_id > before_id);
				CHECK_STR(after, cast[w].name);
			} else {
				CHECK_INT(after_id, before_id);
			}
		}
	}
}

/* The system principal is the CLI's: it may do everything, and it acts
 * under its own name; a NULL principal is the system too. */
static void test_system(void)
{
	struct principal cli;
	auth_system_principal(&cli, "cli");
	CHECK(cli.system);
	CHECK_STR(auth_actor(&cli), "cli");
	CHECK_STR(auth_actor(NULL), "system");
	for (int a = 0; a < ACT_COUNT; a++) {
		CHECK(auth_may(&cli, (enum action)a));
		CHECK(auth_permits(&cli, (enum action)a, NULL));
		CHECK(auth_permits(NULL, (enum action)a, NULL));
	}
	/* Nobody but the admin and the system manages accounts. */
	for (int w = 0; w < SYSTEM; w++)
		CHECK_INT(auth_may(&fx.who[w], ACT_MANAGE_ACCOUNTS), w == ADMIN);
}

/* Scopes nest: an inner one joins the outer one's principal. */
static void test_attribution_nests(void)
{
	struct tracker outer = *fx.tr, inner = *fx.tr;
	outer.who = &fx.who[ADMIN];
	inner.who = &fx.who[ADMIN];
	tracker_attribution_begin(&outer);
	struct err err;
	CHECK_INT(task_patch(&inner, 100, &err), ERR_OK);
	/* The inner scope has ended; the outer one still attributes. */
	CHECK_INT(account_add(&inner, 100, &err), ERR_OK);
	tracker_attribution_end(&outer);
	char actor[64];
	int64_t id;
	newest_record("account", "create", actor, &id);
	CHECK_STR(actor, "p.admin");
}

int main(void)
{
	if (sodium_init() < 0)
		return 1;
	setup();
	RUN(test_roles);
	RUN(test_system);
	RUN(test_attribution_nests);
	demo_fixture_close(&fx);
	return test_summary();
}
