/*
 * The API layer on its own: a request is routed, then its handler runs on
 * a hand-made request (no connection, no server) over a temporary
 * database, as principals of several roles.  Who may act is decided before
 * the body is read; a report's author is the principal; a unit's
 * notifications and contacts are its own.
 */
#include "base/base.h"
#include "api/api.h"
#include "store/store.h"
#include "db_fixture.h"
#include "test.h"

#include <stdlib.h>

struct fixture {
	char dir[64];
	struct app app;		/* its tracker the system's, with a tally */
	int64_t asg;		/* an assignment of 01822 */
	int64_t notif;		/* a notification of 01822 */
};

static int64_t unit_of(struct fixture *f, const char *code)
{
	return store_unit_id_by_code(f->app.tracker.store, code);
}

static void setup(struct fixture *f)
{
	f->app = (struct app){.tracker = registry_fixture_open(f->dir, "t", 2, true)};
	struct store *st = f->app.tracker.store;
	struct err err;
	int64_t doc = fixture_letter(st);
	json_t *body = json_pack("{s:I, s:s, s:s, s:[s]}", "document_id", (json_int_t)doc, "title", "Nhiệm vụ",
				 "deadline", "2030-12-31", "lead", "01822");
	json_t *task = NULL;
	CHECK_INT(tracker_task_create(&f->app.tracker, body, &task, &err), ERR_OK);
	f->asg = json_integer_value(json_object_get(json_array_get(json_object_get(task, "assignments"), 0), "id"));
	json_decref(body);
	json_decref(task);
	struct reminder_record r = {.kind = "due", .subject_id = f->asg, .day = "2026-03-02",
				    .unit_id = unit_of(f, "01822"), .text = "Đến hạn", .link = "/#/"};
	int created = 0;
	CHECK_INT(store_reminder_record(st, &r, &created, &err), ERR_OK);
	json_t *list = store_notifications(st, r.unit_id, 0, 1, 0, &err);
	f->notif = json_integer_value(json_object_get(json_array_get(list, 0), "id"));
	json_decref(list);
	CHECK(f->asg > 0 && f->notif > 0);
}

static void teardown(struct fixture *f)
{
	registry_fixture_close(&f->app.tracker, f->dir);
}

static struct principal as(struct fixture *f, const char *name, unsigned roles, const char *unit)
{
	struct principal p = {.account_id = 1, .unit_id = unit_of(f, unit), .roles = roles, .by_token = 1};
	snprintf(p.name, sizeof p.name, "%s", name);
	return p;
}

/*
 * Routes method and path and runs the handler as who (NULL: nobody signed
 * in) with body (JSON text or NULL); returns the status, and the answer in
 * *out when asked (caller frees).
 */
static int call(struct fixture *f, const struct principal *who, const char *method, const char *path,
		const char *body, json_t **out)
{
	struct api_call call = {.app = &f->app, .tracker = f->app.tracker, .who = who};
	call.tracker.who = who;
	int known;
	const struct route *r = route_find(method, path, &call.params, &known);
	CHECK(r != NULL);
	if (!r)
		return 0;
	struct http_req rq = {.method = method, .path = path, .address = "127.0.0.1", .ctx = &call};
	rq.json = body ? json_loads(body, 0, NULL) : NULL;
	struct http_resp rs = {.status = 200};
	r->handler(&rq, &rs);
	if (out)
		*out = json_loadb(buf_str(&rs.body), rs.body.len, 0, NULL);
	json_decref(rq.json);
	buf_release(&rs.body);
	route_params_release(&call.params);
	return rs.status;
}

static void test_authorization_comes_before_the_body(void)
{
	struct fixture f;
	setup(&f);
	struct principal stranger = as(&f, "canbo.thucphan", ROLE_UNIT_OFFICER, "01273");
	struct principal officer = as(&f, "canbo.duclong", ROLE_UNIT_OFFICER, "01822");
	char *path = xasprintf("/api/v1/assignments/%lld/reports", (long long)f.asg);
	json_t *out = NULL;
	/* A stranger learns nothing of the form: 403 for an empty body and a bad one. */
	CHECK_INT(call(&f, &stranger, "POST", path, "{}", &out), 403);
	CHECK_STR(json_string_value(json_object_get(json_object_get(out, "error"), "code")), "forbidden");
	json_decref(out);
	CHECK_INT(call(&f, &stranger, "POST", path, "{\"percent\": \"x\", \"bogus\": 1}", NULL), 403);
	/* The unit's own officer is told what is wrong. */
	CHECK_INT(call(&f, &officer, "POST", path, "{}", &out), 422);
	CHECK_STR(json_string_value(json_object_get(json_object_get(out, "error"), "field")), "percent");
	json_decref(out);
	/* No id, no assignment: 404 for everyone. */
	CHECK_INT(call(&f, &stranger, "POST", "/api/v1/assignments/999999/reports", "{}", NULL), 404);
	free(path);
	teardown(&f);
}

static void test_the_author_is_the_principal(void)
{
	struct fixture f;
	setup(&f);
	struct principal officer = as(&f, "canbo.duclong", ROLE_UNIT_OFFICER, "01822");
	char *path = xasprintf("/api/v1/assignments/%lld/reports", (long long)f.asg);
	json_t *out = NULL;
	/* "reporter" is no longer required ... */
	CHECK_INT(call(&f, &officer, "POST", path, "{\"percent\": 10}", &out), 201);
	CHECK_STR(json_string_value(json_object_get(out, "reporter")), "canbo.duclong");
	CHECK(json_is_null(json_object_get(out, "reporter_note")));
	json_decref(out);
	/* ... and what a client sends as it is a note beside the author. */
	CHECK_INT(call(&f, &officer, "POST", path, "{\"percent\": 20, \"reporter\": \"Nguyễn Văn A\"}", &out), 201);
	CHECK_STR(json_string_value(json_object_get(out, "reporter")), "canbo.duclong");
	CHECK_STR(json_string_value(json_object_get(out, "reporter_note")), "Nguyễn Văn A");
	json_decref(out);
	CHECK_INT(call(&f, &officer, "POST", path, "{\"percent\": 30, \"reporter_note\": \"Chị B\"}", &out), 201);
	CHECK_STR(json_string_value(json_object_get(out, "reporter_note")), "Chị B");
	json_decref(out);
	free(path);
	teardown(&f);
}

static void test_notifications_are_the_units_own(void)
{
	struct fixture f;
	setup(&f);
	struct principal stranger = as(&f, "canbo.thucphan", ROLE_UNIT_OFFICER, "01273");
	struct principal head = as(&f, "chutich.duclong", ROLE_UNIT_HEAD, "01822");
	struct principal inspector = as(&f, "thanhtra", ROLE_INSPECTOR, "TTT");
	char *path = xasprintf("/api/v1/notifications/%lld/read", (long long)f.notif);
	json_t *out = NULL;
	CHECK_INT(call(&f, &stranger, "POST", path, NULL, NULL), 403);
	struct err err;
	json_t *n = store_notification_get(f.app.tracker.store, f.notif, &err);
	CHECK(n && json_is_null(json_object_get(n, "read_at")));	/* refused: still unread */
	json_decref(n);
	CHECK_INT(call(&f, &inspector, "POST", path, NULL, &out), 200);
	CHECK(json_is_string(json_object_get(out, "read_at")));
	json_decref(out);
	CHECK_INT(call(&f, &head, "POST", path, NULL, NULL), 200);
	CHECK_INT(call(&f, &stranger, "POST", "/api/v1/notifications/999999/read", NULL, NULL), 404);
	free(path);
	teardown(&f);
}

static void test_contacts_are_the_units_own(void)
{
	struct fixture f;
	setup(&f);
	struct principal stranger = as(&f, "canbo.thucphan", ROLE_UNIT_OFFICER, "01273");
	struct principal officer = as(&f, "canbo.duclong", ROLE_UNIT_OFFICER, "01822");
	struct principal admin = as(&f, "admin", ROLE_ADMIN, "04");
	json_t *out = NULL;
	CHECK_INT(call(&f, &admin, "POST", "/api/v1/units/01822/contacts",
		       "{\"role\": \"head\", \"email\": \"chutich@duclong.example\"}", &out), 201);
	int64_t id = json_integer_value(json_object_get(out, "id"));
	json_decref(out);
	CHECK_INT(call(&f, &stranger, "GET", "/api/v1/units/01822/contacts", NULL, NULL), 403);
	CHECK_INT(call(&f, &officer, "GET", "/api/v1/units/01822/contacts", NULL, &out), 200);
	CHECK_INT(json_array_size(out), 1);
	json_decref(out);
	CHECK_INT(call(&f, &admin, "GET", "/api/v1/units/nowhere/contacts", NULL, NULL), 404);
	/* Changing contacts is the admin's: checked before the body. */
	CHECK_INT(call(&f, &officer, "POST", "/api/v1/units/01822/contacts", "{}", NULL), 403);
	CHECK_INT(call(&f, &admin, "POST", "/api/v1/units/01822/contacts", "{}", NULL), 422);
	char *del = xasprintf("/api/v1/contacts/%lld", (long long)id);
	CHECK_INT(call(&f, &officer, "DELETE", del, NULL, NULL), 403);
	CHECK_INT(call(&f, &admin, "DELETE", del, NULL, NULL), 200);
	CHECK_INT(call(&f, &admin, "DELETE", del, NULL, NULL), 404);
	free(del);
	teardown(&f);
}

int main(void)
{
	RUN(test_authorization_comes_before_the_body);
	RUN(test_the_author_is_the_principal);
	RUN(test_notifications_are_the_units_own);
	RUN(test_contacts_are_the_units_own);
	return test_summary();
}
