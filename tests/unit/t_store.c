/*
 * The store on its own, on a real SQLite file in a temporary folder (or,
 * with CCHC_TEST_PG set to the URL of an empty PostgreSQL database, on
 * that database): open
 * and migrate, each aggregate's writes and reads, the conflicts and
 * not-found answers callers rely on, the audit chain, and the statement
 * cache (errors reported, a full cache finalising what it drops).
 *
 * The tests share one database and run in order: later ones use the
 * units, field and document that the first ones write.
 */
#include "base/base.h"
#include "base/embed.h"
#include "store/db.h"
#include "store/probe.h"
#include "store/store.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];
static char *path;
static struct store *st;
static int64_t P, D1, C1, F1, DOC;

static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static int64_t num(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static struct store *open_store(void)
{
	struct err err;
	struct store_options opt = {.durable = 0, .connections = 2};
	struct store *s = store_open(path, &opt, &err);
	if (!s)
		fprintf(stderr, "  store_open: %s\n", err.message);
	return s;
}

static int64_t add_unit(const char *code, const char *name, const char *kind, const char *parent)
{
	struct err err;
	int64_t id = 0;
	struct unit_new u = {.code = code, .name = name, .kind = kind, .parent_code = parent};
	CHECK_INT(store_unit_add(st, &u, &id, &err), ERR_OK);
	return id;
}

/* A one-off task of field F1 led by D1 with C1 cooperating, assigned to both. */
static int64_t add_task(const char *title, const char *deadline_d1, const char *deadline_c1)
{
	struct err err;
	int64_t id = 0, lead[] = {D1}, coop[] = {C1};
	struct assignment_new a[2] = {{.unit_id = D1}, {.unit_id = C1}};
	snprintf(a[0].deadline, sizeof a[0].deadline, "%s", deadline_d1);
	snprintf(a[1].deadline, sizeof a[1].deadline, "%s", deadline_c1);
	struct task_new t = {.document_id = DOC, .field_id = F1, .title = title, .deadline = deadline_d1,
			     .year = 2026, .lead = lead, .nlead = 1, .coop = coop, .ncoop = 1, .asg = a, .nasg = 2};
	CHECK_INT(store_task_add(st, &t, &id, &err), ERR_OK);
	return id;
}

/* ---- open, migrate, meta ------------------------------------------------ */

/* The schema version is the number of the last migration. */
static int count_migrations(void)
{
	int n = 0;
	for (const struct embed_file *m = embed_migrations; m->name; m++)
		n++;
	return n;
}

static void test_open_migrate(void)
{
	CHECK_INT(store_schema_version(st), count_migrations());
	struct err err;
	CHECK(store_meta_get(st, "nothing") == NULL);
	CHECK_INT(store_meta_set(st, "k", "one", &err), ERR_OK);
	CHECK_INT(store_meta_set(st, "k", "two", &err), ERR_OK);
	char *v = store_meta_get(st, "k");
	CHECK_STR(v, "two");
	free(v);

	/* A second store on the same file sees the same schema and data. */
	struct store *again = open_store();
	CHECK(again != NULL);
	if (again) {
		CHECK_INT(store_schema_version(again), count_migrations());
		v = store_meta_get(again, "k");
		CHECK_STR(v, "two");
		free(v);
		store_close(again);
	}
}

/* Marks the database as migrated by a newer cchc (or undoes it). */
static void set_newer(int newer)
{
	static const char SQLITE_NEWER[] = "PRAGMA user_version = 99", SQLITE_UNDO[] = "PRAGMA user_version = 0",
			  PG_NEWER[] = "INSERT INTO cchc_schema VALUES (99, 'test')",
			  PG_UNDO[] = "DELETE FROM cchc_schema WHERE version = 99";
	struct err err;
	struct conn *c = conn_get(st);
	int pg = !strcmp(store_backend(st), "postgresql");
	CHECK_INT(run(c, pg ? (newer ? PG_NEWER : PG_UNDO) : (newer ? SQLITE_NEWER : SQLITE_UNDO), &err, ""),
		  ERR_OK);
	conn_put(st, c);
}

static void test_newer_schema_refused(void)
{
	set_newer(1);
	struct err err;
	struct store_options opt = {.durable = 0, .connections = 1};
	struct store *s = store_open(path, &opt, &err);
	CHECK(s == NULL);
	CHECK_INT(err.code, ERR_INTERNAL);
	CHECK(strstr(err.message, "newer") != NULL);
	store_close(s);
	set_newer(0);
	/* SQLite's version is the pragma itself: put the real one back. */
	if (strcmp(store_backend(st), "postgresql")) {
		struct conn *c = conn_get(st);
		char *sql = xasprintf("PRAGMA user_version = %d", count_migrations());
		CHECK_INT(run(c, sql, &err, ""), ERR_OK);
		conn_put(st, c);
		store_close(st);	/* the statement cache holds sql's address */
		free(sql);
		st = open_store();
	}
}

/* ---- units and fields ---------------------------------------------------- */

static void test_units_fields(void)
{
	struct err err;
	P = add_unit("P", "Ủy ban nhân dân tỉnh", "province", NULL);
	D1 = add_unit("D1", "Sở Nội vụ", "department", "P");
	C1 = add_unit("C1", "Xã Một", "commune", "P");
	CHECK(P > 0 && D1 > P && C1 > D1);
	struct unit_new dup = {.code = "D1", .name = "Trùng", .kind = "department"};
	CHECK_INT(store_unit_add(st, &dup, NULL, &err), ERR_CONFLICT);

	json_t *u = store_unit_get(st, D1, &err);
	CHECK_STR(str(u, "code"), "D1");
	CHECK_INT(num(u, "parent_id"), P);
	CHECK_INT(num(u, "active"), 1);
	json_decref(u);
	CHECK(store_unit_get(st, 999, &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);
	json_t *all = store_units(st, &err);
	CHECK_INT(json_array_size(all), 3);
	json_decref(all);
	CHECK_INT(store_unit_id_by_code(st, "C1"), C1);
	CHECK_INT(store_unit_id_by_code(st, "NOPE"), 0);

	CHECK_INT(store_field_add(st, "F1", 1, "Cải cách thủ tục hành chính", "Procedures", "D1", &err), ERR_OK);
	CHECK_INT(store_field_add(st, "F1", 2, "Trùng", "Dup", NULL, &err), ERR_CONFLICT);
	F1 = store_field_id_by_code(st, "F1");
	CHECK(F1 > 0);
	CHECK_INT(store_field_id_by_code(st, "F9"), 0);
	json_t *fields = store_fields(st, &err);
	CHECK_INT(json_array_size(fields), 1);
	CHECK_STR(str(json_array_get(fields, 0), "lead_unit_code"), "D1");
	json_decref(fields);
}

/* ---- documents and drafts -------------------------------------------------- */

static void test_documents(void)
{
	struct err err;
	struct document_new d = {.type = "KH", .number = "12", .symbol = "KH-UBND", .title = "Kế hoạch CCHC 2026",
				 .year = 2026, .issuer_code = "P", .issued_on = "2026-01-05", .body = "Nội dung"};
	CHECK_INT(store_document_add(st, &d, &DOC, &err), ERR_OK);
	struct document_new cv = {.type = "CV", .number = "3", .symbol = "UBND", .title = "Công văn", .year = 2026,
				  .issuer_code = "P", .issued_on = "2026-02-01"};
	CHECK_INT(store_document_add(st, &cv, NULL, &err), ERR_OK);
	json_t *doc = store_document_get(st, DOC, &err);
	CHECK_STR(str(doc, "number_symbol"), "12/KH-UBND");
	CHECK_INT(num(doc, "issuer_unit_id"), P);
	CHECK_STR(str(doc, "body"), "Nội dung");
	json_decref(doc);
	CHECK(store_document_get(st, 999, &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);
	json_t *plans = store_documents(st, "KH", &err), *every = store_documents(st, NULL, &err);
	CHECK_INT(json_array_size(plans), 1);
	CHECK_INT(json_array_size(every), 2);
	json_decref(plans);
	json_decref(every);
}

static void test_drafts_import(void)
{
	struct err err;
	struct draft_new dn = {.source_name = "kh.txt", .source_kind = "txt", .text = "KẾ HOẠCH",
			       .parsed = "{}", .draft = "{\"document\": {\"number\": \"7\"}, \"tasks\": [{}, {}]}"};
	int64_t g1 = 0, g2 = 0;
	CHECK_INT(store_draft_add(st, &dn, &g1, &err), ERR_OK);
	CHECK_INT(store_draft_add(st, &dn, &g2, &err), ERR_OK);
	CHECK(g2 > g1);
	json_t *list = store_drafts(st, "draft", &err);
	CHECK_INT(json_array_size(list), 2);
	CHECK_INT(num(json_array_get(list, 0), "id"), g2);	/* newest first */
	CHECK_STR(str(json_array_get(list, 0), "number"), "7");
	CHECK_INT(num(json_array_get(list, 0), "tasks"), 2);
	json_decref(list);

	CHECK_INT(store_draft_update(st, g1, "{\"tasks\": []}", &err), ERR_OK);
	json_t *g = store_draft_get(st, g1, &err);
	CHECK_STR(str(g, "draft"), "{\"tasks\": []}");
	CHECK_STR(str(g, "text"), "KẾ HOẠCH");
	json_decref(g);
	CHECK_INT(store_draft_discard(st, g2, &err), ERR_OK);
	CHECK_INT(store_draft_update(st, g2, "{}", &err), ERR_CONFLICT);
	CHECK_INT(store_draft_discard(st, g2, &err), ERR_CONFLICT);
	CHECK_INT(store_draft_update(st, 999, "{}", &err), ERR_NOT_FOUND);
	CHECK_INT(store_draft_discard(st, 999, &err), ERR_NOT_FOUND);

	/* Import: the document, its tasks and the draft's link, at once. */
	int64_t lead[] = {D1};
	struct assignment_new a = {.unit_id = D1, .deadline = "2026-12-31"};
	struct task_new t[2] = {
		{.field_id = F1, .title = "Rà soát quy trình", .deadline = "2026-12-31", .year = 2026, .lead = lead,
		 .nlead = 1, .asg = &a, .nasg = 1},
		{.field_id = F1, .title = "Công bố thủ tục", .deadline = "2026-12-31", .year = 2026},
	};
	struct document_new d = {.type = "KH", .number = "7", .symbol = "KH-UBND", .title = "Kế hoạch nhập",
				 .year = 2026, .issuer_code = "P", .issued_on = "2026-03-01",
				 .source_name = "kh.txt"};
	int64_t doc = 0, tasks[2] = {0};
	CHECK_INT(store_document_import(st, g1, &d, t, 2, &doc, tasks, &err), ERR_OK);
	CHECK(doc > DOC && tasks[1] > tasks[0]);
	g = store_draft_get(st, g1, &err);
	CHECK_STR(str(g, "status"), "confirmed");
	CHECK_INT(num(g, "document_id"), doc);
	json_decref(g);
	json_t *dt = store_document_tasks(st, doc, &err);
	CHECK_INT(json_array_size(dt), 2);
	CHECK_INT(num(json_array_get(dt, 0), "assignments"), 1);
	CHECK_INT(num(json_array_get(dt, 1), "assignments"), 0);
	json_decref(dt);
	json_t *got = store_document_get(st, doc, &err);
	CHECK_STR(str(got, "source_name"), "kh.txt");
	json_decref(got);

	/* A second confirmation conflicts and writes nothing. */
	json_t *before = store_documents(st, NULL, &err);
	CHECK_INT(store_document_import(st, g1, &d, t, 2, &doc, tasks, &err), ERR_CONFLICT);
	json_t *after = store_documents(st, NULL, &err);
	CHECK_INT(json_array_size(after), json_array_size(before));
	json_decref(before);
	json_decref(after);
}

/* ---- tasks and assignments ---------------------------------------------- */

struct collect {
	json_t *ids;
	size_t stop_after;	/* 0: never stop */
};

static int collect_id(void *ctx, json_t *row)
{
	struct collect *c = ctx;
	json_array_append_new(c->ids, json_integer(num(row, "id")));
	return c->stop_after && json_array_size(c->ids) >= c->stop_after;
}

/* The ids a task scan returns, as a new array. */
static json_t *task_ids(const struct task_query *q, size_t stop_after)
{
	struct err err;
	struct collect c = {json_array(), stop_after};
	CHECK_INT(store_tasks_scan(st, q, collect_id, &c, &err), ERR_OK);
	return c.ids;
}

static json_t *assignment_ids(const struct assignment_query *q)
{
	struct err err;
	struct collect c = {json_array(), 0};
	CHECK_INT(store_assignments_scan(st, q, collect_id, &c, &err), ERR_OK);
	return c.ids;
}

static int64_t id_at(const json_t *ids, size_t i)
{
	return json_integer_value(json_array_get(ids, i));
}

static int64_t T1, T2, T3;

static void test_tasks(void)
{
	struct err err;
	T1 = add_task("Rà soát văn bản", "2026-03-31", "2026-04-30");
	T2 = add_task("Đào tạo công chức", "2026-06-30", "2026-06-30");
	T3 = add_task("Số hóa hồ sơ", "2026-09-30", "2026-10-31");
	json_t *t = store_task_get(st, T1, &err);
	CHECK_STR(str(t, "title"), "Rà soát văn bản");
	CHECK_STR(str(t, "document"), "12/KH-UBND");
	CHECK_STR(str(t, "field_code"), "F1");
	CHECK_INT(num(json_array_get(json_object_get(t, "lead"), 0), "id"), D1);
	CHECK_INT(num(json_array_get(json_object_get(t, "cooperating"), 0), "id"), C1);
	json_decref(t);
	CHECK(store_task_get(st, 999, &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);

	struct task_patch p = {.title = "Rà soát thủ tục", .product = "Báo cáo"};
	CHECK_INT(store_task_update(st, T1, &p, &err), ERR_OK);
	t = store_task_get(st, T1, &err);
	CHECK_STR(str(t, "title"), "Rà soát thủ tục");
	CHECK_STR(str(t, "product"), "Báo cáo");
	json_decref(t);
	CHECK_INT(store_task_update(st, 999, &p, &err), ERR_NOT_FOUND);

	CHECK_INT(store_task_set_workdays(st, T2, 10, "2026-06-01", &err), ERR_OK);
	json_t *w = store_task_workdays(st, T2, &err);
	CHECK_INT(num(w, "due_workdays"), 10);
	CHECK_STR(str(w, "received_on"), "2026-06-01");
	json_decref(w);
	CHECK_INT(store_task_set_workdays(st, 999, 10, "2026-06-01", &err), ERR_NOT_FOUND);
}

static void test_task_scans(void)
{
	/* The document import's two tasks come between T-less ids: filter by unit C1. */
	struct task_query all = {0};
	json_t *ids = task_ids(&all, 0);
	CHECK_INT(json_array_size(ids), 5);
	json_decref(ids);

	struct task_query by_unit = {.unit_id = C1};
	ids = task_ids(&by_unit, 0);
	CHECK_INT(json_array_size(ids), 3);
	CHECK_INT(id_at(ids, 0), T1);
	json_decref(ids);

	/* A cursor: the page after T1, two at most. */
	struct task_query page = {.unit_id = C1, .after_id = T1};
	ids = task_ids(&page, 1);
	CHECK_INT(json_array_size(ids), 1);
	CHECK_INT(id_at(ids, 0), T2);
	json_decref(ids);

	/* Due in a range: C1's assignments of T2 (June) only. */
	struct task_query due = {.unit_id = C1, .due_from = "2026-06-01", .due_to = "2026-06-30"};
	ids = task_ids(&due, 0);
	CHECK_INT(json_array_size(ids), 1);
	CHECK_INT(id_at(ids, 0), T2);
	json_decref(ids);

	/* Folded words, matched after the title changed. */
	struct task_query words = {.q_fold = "ra soat thu tuc"};
	ids = task_ids(&words, 0);
	CHECK_INT(json_array_size(ids), 1);
	CHECK_INT(id_at(ids, 0), T1);
	json_decref(ids);

	struct task_query field = {.field_id = F1 + 100};
	ids = task_ids(&field, 0);
	CHECK_INT(json_array_size(ids), 0);
	json_decref(ids);
}

static void test_assignment_scans(void)
{
	struct err err;
	struct assignment_query unit = {.unit_id = C1};
	json_t *ids = assignment_ids(&unit);
	CHECK_INT(json_array_size(ids), 3);
	int64_t first = id_at(ids, 0);
	json_decref(ids);

	struct assignment_query after = {.unit_id = C1, .after_id = first};
	ids = assignment_ids(&after);
	CHECK_INT(json_array_size(ids), 2);
	CHECK(id_at(ids, 0) > first);
	json_decref(ids);

	struct assignment_query task = {.task_id = T3};
	ids = assignment_ids(&task);
	CHECK_INT(json_array_size(ids), 2);
	json_decref(ids);

	struct assignment_query due = {.due_from = "2026-10-01", .due_to = "2026-12-31"};
	ids = assignment_ids(&due);
	CHECK_INT(json_array_size(ids), 2);	/* T3 for C1, and the imported task */
	json_decref(ids);

	json_t *a = store_assignment_get(st, first, &err);
	CHECK_INT(num(a, "task_id"), T1);
	CHECK_STR(str(a, "unit_code"), "C1");
	CHECK_STR(str(a, "task_title"), "Rà soát thủ tục");
	CHECK_STR(str(a, "deadline"), "2026-04-30");
	json_decref(a);
	CHECK(store_assignment_get(st, 999, &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);
}

static void count_fact(void *ctx, const struct assignment_facts *f)
{
	(void)f;
	++*(int *)ctx;
}

static void test_change_feed(void)
{
	struct err err;
	int64_t rev, unit_rev;
	store_revs(st, &rev, &unit_rev);
	CHECK_INT(unit_rev, 3);
	CHECK(rev >= 7);
	int n = 0;
	CHECK_INT(store_assignment_changes(st, 0, count_fact, &n, &err), ERR_OK);
	CHECK_INT(n, 7);
	n = 0;
	CHECK_INT(store_assignment_changes(st, rev, count_fact, &n, &err), ERR_OK);
	CHECK_INT(n, 0);
}

/* ---- progress reports ---------------------------------------------------- */

static int64_t assignment_of(int64_t task, int64_t unit)
{
	struct assignment_query q = {.unit_id = unit, .task_id = task};
	json_t *ids = assignment_ids(&q);
	int64_t id = id_at(ids, 0);
	json_decref(ids);
	return id;
}

static void test_reports(void)
{
	struct err err;
	int64_t a = assignment_of(T1, D1);
	struct evidence_new ev = {.sha256 = "ab12", .filename = "bien-ban.pdf", .mime = "application/pdf", .size = 42};
	struct report_new r = {.assignment_id = a, .percent = 50, .note = "Đã rà soát một nửa",
			       .reported_on = "2026-03-10", .reporter = "officer", .request_key = "k-1",
			       .ev = &ev, .nev = 1};
	int64_t r1 = 0, again = 0, r2 = 0;
	CHECK_INT(store_report_add(st, &r, &r1, &err), ERR_OK);
	/* The same request again: a conflict naming the first report. */
	CHECK_INT(store_report_add(st, &r, &again, &err), ERR_CONFLICT);
	CHECK_STR(err.field, "request_key");
	CHECK_INT(again, r1);

	struct report_new done = {.assignment_id = a, .percent = 100, .note = "Hoàn thành",
				  .completed_on = "2026-03-20", .reported_on = "2026-03-20", .reporter = "officer"};
	CHECK_INT(store_report_add(st, &done, &r2, &err), ERR_OK);
	json_t *asg = store_assignment_get(st, a, &err);
	CHECK_INT(num(asg, "percent"), 100);
	CHECK_STR(str(asg, "first_report_on"), "2026-03-10");
	CHECK_STR(str(asg, "completed_on"), "2026-03-20");
	json_decref(asg);
	/* Append-only: after completion, further reports are refused. */
	done.note = "Sửa lại";
	CHECK_INT(store_report_add(st, &done, NULL, &err), ERR_CONFLICT);
	CHECK_STR(err.field, "assignment_id");
	struct report_new lost = {.assignment_id = 999, .percent = 10, .note = "?", .reported_on = "2026-03-01",
				  .reporter = "x"};
	CHECK_INT(store_report_add(st, &lost, NULL, &err), ERR_NOT_FOUND);

	json_t *list = store_reports(st, a, &err);
	CHECK_INT(json_array_size(list), 2);
	CHECK_INT(num(json_array_get(list, 0), "id"), r1);
	json_t *evs = json_object_get(json_array_get(list, 0), "evidence");
	CHECK_INT(json_array_size(evs), 1);
	CHECK_STR(str(json_array_get(evs, 0), "filename"), "bien-ban.pdf");
	CHECK_INT(json_array_size(json_object_get(json_array_get(list, 1), "evidence")), 0);
	json_decref(list);

	json_t *one = store_report_get(st, r2, &err);
	CHECK_STR(str(one, "note"), "Hoàn thành");
	CHECK(json_is_null(json_object_get(one, "confirmed_by")));
	json_decref(one);
	CHECK(store_report_get(st, 999, &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);

	json_t *e = store_evidence_get(st, "ab12", &err);
	CHECK_INT(num(e, "unit_id"), D1);
	CHECK_INT(num(e, "field_lead_unit_id"), D1);
	json_decref(e);
	CHECK(store_evidence_get(st, "ffff", &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);

	CHECK_INT(store_report_confirm(st, r2, "head", &err), ERR_OK);
	CHECK_INT(store_report_confirm(st, r2, "head", &err), ERR_CONFLICT);
	CHECK_INT(store_report_confirm(st, 999, "head", &err), ERR_NOT_FOUND);
	one = store_report_get(st, r2, &err);
	CHECK_STR(str(one, "confirmed_by"), "head");
	json_decref(one);
}

/* ---- accounts, sessions, tokens ------------------------------------------ */

static void test_accounts(void)
{
	struct err err;
	const char *roles[] = {"unit_officer", "unit_head", NULL};
	struct account_new a = {.name = "an", .password_hash = "h1", .unit_id = D1, .roles = roles};
	int64_t id = 0;
	CHECK_INT(store_account_add(st, &a, &id, &err), ERR_OK);
	CHECK_INT(store_account_add(st, &a, NULL, &err), ERR_CONFLICT);
	CHECK_STR(err.field, "name");
	json_t *acc = store_account_get(st, "an", &err);
	CHECK_INT(num(acc, "id"), id);
	CHECK_STR(str(acc, "unit_code"), "D1");
	CHECK_STR(str(acc, "password_hash"), "h1");
	CHECK_INT(json_array_size(json_object_get(acc, "roles")), 2);
	json_decref(acc);
	CHECK(store_account_get(st, "nobody", &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);
	CHECK(store_account_by_id(st, 999, &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);
	json_t *all = store_accounts(st, &err);
	CHECK_INT(json_array_size(all), 1);
	CHECK(json_object_get(json_array_get(all, 0), "password_hash") == NULL);
	json_decref(all);

	/* Sessions: live until they expire; a new password ends them. */
	CHECK_INT(store_session_add(st, "s1", id, "csrf", "10.0.0.1", "2099-01-01T00:00:00Z", &err), ERR_OK);
	json_t *s = store_session_get(st, "s1", "2026-01-01T00:00:00Z", &err);
	CHECK_STR(str(s, "csrf"), "csrf");
	json_decref(s);
	CHECK(store_session_get(st, "s1", "2099-06-01T00:00:00Z", &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);
	CHECK_INT(store_account_set_password(st, id, "h2", &err), ERR_OK);
	CHECK(store_session_get(st, "s1", "2026-01-01T00:00:00Z", &err) == NULL);
	CHECK_INT(store_session_add(st, "s2", id, "c2", "10.0.0.1", "2099-01-01T00:00:00Z", &err), ERR_OK);
	CHECK_INT(store_session_end(st, "s2", &err), ERR_OK);
	CHECK(store_session_get(st, "s2", "2026-01-01T00:00:00Z", &err) == NULL);

	/* Tokens: the id returned is the one read back; revoking twice is not found. */
	int64_t tok = 0;
	CHECK_INT(store_token_add(st, "t1", id, D1, "unit_officer", "máy", &tok, &err), ERR_OK);
	json_t *t = store_token_get(st, "t1", &err);
	CHECK_INT(num(t, "id"), tok);
	CHECK_STR(str(t, "role"), "unit_officer");
	json_decref(t);
	json_t *list = store_tokens(st, id, &err);
	CHECK_INT(json_array_size(list), 1);
	json_decref(list);
	CHECK_INT(store_token_revoke(st, tok, &err), ERR_OK);
	CHECK(store_token_get(st, "t1", &err) == NULL);
	CHECK_INT(store_token_revoke(st, tok, &err), ERR_NOT_FOUND);

	/* Disabling ends sessions and revokes tokens. */
	CHECK_INT(store_session_add(st, "s3", id, "c3", "10.0.0.1", "2099-01-01T00:00:00Z", &err), ERR_OK);
	CHECK_INT(store_token_add(st, "t2", id, D1, "unit_officer", NULL, NULL, &err), ERR_OK);
	CHECK_INT(store_account_disable(st, id, &err), ERR_OK);
	CHECK(store_session_get(st, "s3", "2026-01-01T00:00:00Z", &err) == NULL);
	CHECK(store_token_get(st, "t2", &err) == NULL);
	acc = store_account_by_id(st, id, &err);
	CHECK_INT(num(acc, "active"), 0);
	json_decref(acc);

	CHECK_INT(store_login_failures(st, "account:an", "2000-01-01T00:00:00Z"), 0);
	CHECK_INT(store_login_failure_add(st, "account:an", &err), ERR_OK);
	CHECK_INT(store_login_failure_add(st, "account:an", &err), ERR_OK);
	CHECK_INT(store_login_failures(st, "account:an", "2000-01-01T00:00:00Z"), 2);
	CHECK_INT(store_login_failures(st, "account:an", "2099-01-01T00:00:00Z"), 0);
}

/* ---- the audit trail ---------------------------------------------------- */

struct chain {
	char prev[65];
	int records, broken;
};

static int check_link(void *ctx, json_t *row)
{
	struct chain *c = ctx;
	char want[65];
	store_audit_hash(str(row, "prev_hash"), str(row, "at"), str(row, "actor"), str(row, "address"),
			 str(row, "action"), str(row, "entity"), str(row, "entity_id"), str(row, "detail"), want);
	if (strcmp(str(row, "prev_hash"), c->prev) != 0 || strcmp(str(row, "hash"), want) != 0)
		c->broken++;
	snprintf(c->prev, sizeof c->prev, "%s", str(row, "hash"));
	c->records++;
	return 0;
}

static void test_audit(void)
{
	struct err err;
	store_audit_begin(st, "alice", "10.0.0.9");
	int64_t u = add_unit("C2", "Xã Hai", "commune", "P");
	store_audit_end(st);
	char uid[24];
	snprintf(uid, sizeof uid, "%lld", (long long)u);
	json_t *recs = store_audit_of(st, "unit", uid, &err);
	CHECK_INT(json_array_size(recs), 1);
	json_t *r = json_array_get(recs, 0);
	CHECK_STR(str(r, "actor"), "alice");
	CHECK_STR(str(r, "address"), "10.0.0.9");
	CHECK_STR(str(r, "action"), "create");
	CHECK_STR(str(json_object_get(r, "detail"), "code"), "C2");	/* detail comes back as JSON */
	json_decref(recs);

	/* After store_audit_end the writes are the system's again. */
	add_unit("C3", "Xã Ba", "commune", "P");
	recs = store_audit_of(st, "unit", NULL, &err);
	CHECK_STR(str(json_array_get(recs, json_array_size(recs) - 1), "actor"), "system");
	json_decref(recs);

	/* An assignment's history holds its reports' records. */
	char aid[24];
	snprintf(aid, sizeof aid, "%lld", (long long)assignment_of(T1, D1));
	recs = store_audit_of(st, "assignment", aid, &err);
	CHECK(json_array_size(recs) >= 3);	/* two reports, the evidence, the confirmation */
	json_decref(recs);

	struct chain c = {.prev = ""};
	CHECK_INT(store_audit_scan(st, check_link, &c, &err), ERR_OK);
	CHECK(c.records > 20);
	CHECK_INT(c.broken, 0);
	/* The hash depends on every field. */
	char h1[65], h2[65];
	store_audit_hash("", "t", "a", "", "create", "unit", "1", "{}", h1);
	store_audit_hash("", "t", "a", "", "create", "unit", "1", "{ }", h2);
	CHECK(strcmp(h1, h2) != 0);
	CHECK_INT(strlen(h1), 64);
}

/* ---- calendar, contacts, reminders, notifications, mail ------------------- */

static void test_calendar_contacts(void)
{
	struct err err;
	struct override_new o[2] = {{"2026-04-30", "off", "Giải phóng miền Nam"}, {"2026-05-09", "work", NULL}};
	CHECK_INT(store_overrides_put(st, o, 2, "admin", &err), ERR_OK);
	o[1].name = "Làm bù";
	CHECK_INT(store_overrides_put(st, &o[1], 1, "admin", &err), ERR_OK);	/* replaces */
	json_t *list = store_overrides(st, "2026-05-01", NULL, &err);
	CHECK_INT(json_array_size(list), 1);
	CHECK_STR(str(json_array_get(list, 0), "name"), "Làm bù");
	json_decref(list);
	CHECK_INT(store_override_delete(st, "2026-05-09", &err), ERR_OK);
	CHECK_INT(store_override_delete(st, "2026-05-09", &err), ERR_NOT_FOUND);

	int64_t id = 0;
	CHECK_INT(store_contact_add(st, C1, "head", "head@c1.vn", "Chủ tịch", &id, &err), ERR_OK);
	CHECK_INT(store_contact_add(st, C1, "officer", "head@c1.vn", NULL, NULL, &err), ERR_CONFLICT);
	CHECK_STR(err.field, "email");
	list = store_contacts(st, C1, NULL, &err);
	CHECK_INT(json_array_size(list), 1);
	CHECK_INT(num(json_array_get(list, 0), "id"), id);
	json_decref(list);
	list = store_contacts(st, 0, "officer", &err);
	CHECK_INT(json_array_size(list), 0);
	json_decref(list);
	CHECK_INT(store_contact_delete(st, id, &err), ERR_OK);
	CHECK_INT(store_contact_delete(st, id, &err), ERR_NOT_FOUND);
}

static int count_row(void *ctx, json_t *row)
{
	(void)row;
	++*(int *)ctx;
	return 0;
}

static void test_reminders(void)
{
	struct err err;
	/* Open on 2026-05-01 with a deadline by then: T1 for C1 only (D1's is complete). */
	int n = 0;
	CHECK_INT(store_open_assignments_scan(st, "2026-05-01", "2026-05-01", count_row, &n, &err), ERR_OK);
	CHECK_INT(n, 1);

	const char *rcpt[] = {"a@x.vn", "b@x.vn"};
	struct reminder_record r = {.kind = "overdue", .subject_id = 7, .day = "2026-05-01", .unit_id = C1,
				    .text = "Quá hạn", .link = "/a/7", .subject = "Nhắc việc", .body = "…",
				    .rcpt = rcpt, .nrcpt = 2};
	int created = -1;
	CHECK(!store_reminder_seen(st, "overdue", 7, "2026-05-01"));
	CHECK_INT(store_reminder_record(st, &r, &created, &err), ERR_OK);
	CHECK_INT(created, 1);
	CHECK_INT(store_reminder_record(st, &r, &created, &err), ERR_OK);
	CHECK_INT(created, 0);
	CHECK(store_reminder_seen(st, "overdue", 7, "2026-05-01"));
	r.day = "2026-05-02";
	CHECK_INT(store_reminder_record(st, &r, &created, &err), ERR_OK);

	json_t *notes = store_notifications(st, C1, 0, 10, 0, &err);
	CHECK_INT(json_array_size(notes), 2);
	int64_t newest = num(json_array_get(notes, 0), "id");
	json_decref(notes);
	notes = store_notifications(st, C1, 0, 10, newest, &err);
	CHECK_INT(json_array_size(notes), 1);
	json_decref(notes);
	CHECK_INT(store_notifications_unread(st, C1), 2);
	json_t *read = store_notification_read(st, newest, &err);
	CHECK(json_is_string(json_object_get(read, "read_at")));
	json_decref(read);
	CHECK_INT(store_notifications_unread(st, C1), 1);
	notes = store_notifications(st, C1, 1, 10, 0, &err);
	CHECK_INT(json_array_size(notes), 1);
	json_decref(notes);
	CHECK(store_notification_read(st, 999, &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);
}

static void test_mail_queue(void)
{
	struct err err;
	json_t *q = store_mail_list(st, "queued", &err);
	CHECK_INT(json_array_size(q), 4);	/* two reminders × two addresses */
	json_decref(q);

	/* Claim one at a time, oldest first; a claimed row is not claimed again. */
	const char *later = "2099-01-01T00:00:00Z";
	json_t *m1 = NULL, *m2 = NULL, *none = NULL;
	CHECK_INT(store_mail_claim(st, later, &m1, &err), ERR_OK);
	CHECK_INT(store_mail_claim(st, later, &m2, &err), ERR_OK);
	CHECK(m1 && m2 && num(m1, "id") != num(m2, "id"));
	CHECK_INT(num(m1, "attempts"), 1);
	CHECK_INT(store_mail_finish(st, num(m1, "id"), 1, NULL, NULL, &err), ERR_OK);
	CHECK_INT(store_mail_finish(st, num(m2, "id"), 0, "450 busy", "2099-01-02T00:00:00Z", &err), ERR_OK);
	q = store_mail_list(st, "sent", &err);
	CHECK_INT(json_array_size(q), 1);
	json_decref(q);

	json_t *m3 = NULL, *m4 = NULL;
	CHECK_INT(store_mail_claim(st, later, &m3, &err), ERR_OK);
	CHECK_INT(store_mail_claim(st, later, &m4, &err), ERR_OK);
	CHECK(m3 && m4);
	/* The retried row is due only from its next attempt on. */
	CHECK_INT(store_mail_claim(st, later, &none, &err), ERR_OK);
	CHECK(none == NULL);
	CHECK_INT(store_mail_finish(st, num(m3, "id"), 0, "550 no such user", NULL, &err), ERR_OK);
	/* m4 stays 'sending', as if the sender died: recovery marks it failed. */
	CHECK_INT(store_mail_recover(st, "2099-12-31T00:00:00Z", &err), 1);
	q = store_mail_list(st, "failed", &err);
	CHECK_INT(json_array_size(q), 2);
	json_decref(q);
	json_t *m5 = NULL;
	CHECK_INT(store_mail_claim(st, "2099-01-03T00:00:00Z", &m5, &err), ERR_OK);
	CHECK_INT(num(m5, "id"), num(m2, "id"));
	CHECK_INT(num(m5, "attempts"), 2);
	json_decref(m1);
	json_decref(m2);
	json_decref(m3);
	json_decref(m4);
	json_decref(m5);
}

/* ---- units' periodic reports ----------------------------------------------- */

static void test_unit_reports(void)
{
	struct err err;
	struct unit_report_new r = {.unit_id = C1, .period = "2026-Q1", .figures = "{\"n\": 1}",
				    .deadline = "2026-04-10", .by = "an"};
	CHECK_INT(store_unit_report_create(st, &r, &err), ERR_OK);
	r.figures = "{\"n\": 2}";
	CHECK_INT(store_unit_report_create(st, &r, &err), ERR_OK);	/* a second opening changes nothing */
	json_t *got = store_unit_report_get(st, C1, "2026-Q1", &err);
	CHECK_STR(str(got, "status"), "draft");
	CHECK_STR(str(got, "figures"), "{\"n\": 1}");
	json_decref(got);
	CHECK(store_unit_report_get(st, C1, "2026-Q2", &err) == NULL);
	CHECK_INT(err.code, ERR_NOT_FOUND);

	CHECK_INT(store_unit_report_edit(st, C1, "2026-Q1", "{\"F1\": \"ok\"}", NULL, "Thêm người", &err), ERR_OK);
	CHECK_INT(store_unit_report_step(st, C1, "2026-Q1", UNIT_REPORT_RETURN, "?", "lead", &err), ERR_CONFLICT);
	CHECK_INT(store_unit_report_step(st, C1, "2026-Q1", UNIT_REPORT_SUBMIT, "{\"n\": 3}", "an", &err), ERR_OK);
	CHECK_INT(store_unit_report_edit(st, C1, "2026-Q1", NULL, "x", NULL, &err), ERR_CONFLICT);
	CHECK_STR(err.field, "status");
	CHECK_INT(store_unit_report_step(st, C1, "2026-Q1", UNIT_REPORT_RETURN, "Bổ sung", "lead", &err), ERR_OK);
	CHECK_INT(store_unit_report_step(st, C1, "2026-Q1", UNIT_REPORT_ACCEPT, NULL, "lead", &err), ERR_CONFLICT);
	CHECK_INT(store_unit_report_step(st, C1, "2026-Q1", UNIT_REPORT_SUBMIT, "{\"n\": 4}", "an", &err), ERR_OK);
	CHECK_INT(store_unit_report_step(st, C1, "2026-Q1", UNIT_REPORT_ACCEPT, NULL, "lead", &err), ERR_OK);
	got = store_unit_report_get(st, C1, "2026-Q1", &err);
	CHECK_STR(str(got, "status"), "accepted");
	CHECK_STR(str(got, "figures"), "{\"n\": 4}");
	CHECK_STR(str(got, "narrative"), "{\"F1\": \"ok\"}");
	CHECK_STR(str(got, "proposals"), "Thêm người");
	CHECK_STR(str(got, "comments"), "Bổ sung");
	CHECK_STR(str(got, "submitted_by"), "an");
	CHECK_STR(str(got, "accepted_by"), "lead");
	json_decref(got);
	CHECK_INT(store_unit_report_step(st, D1, "2026-Q1", UNIT_REPORT_SUBMIT, "{}", "an", &err), ERR_NOT_FOUND);
	CHECK_INT(store_unit_report_edit(st, D1, "2026-Q1", NULL, NULL, NULL, &err), ERR_NOT_FOUND);

	json_t *list = store_unit_reports(st, "2026-Q1", &err);
	CHECK_INT(json_array_size(list), 1);
	json_decref(list);
	list = store_unit_reports(st, "2026-Q2", &err);
	CHECK_INT(json_array_size(list), 0);
	json_decref(list);
}

/* ---- the statement cache ------------------------------------------------ */

static void test_statement_errors(void)
{
	struct err err = {0};
	struct conn *c = conn_get(st);
	static const char BAD[] = "SELECT missing FROM nowhere";
	CHECK(rows(c, BAD, &err, "") == NULL);
	CHECK_INT(err.code, ERR_INTERNAL);
	CHECK(strstr(err.message, "nowhere") != NULL);

	/* int1: a real 0, no row, and an error are three different answers. */
	static const char ZERO[] = "SELECT 0", NONE[] = "SELECT 1 WHERE 1 = 0";
	int64_t v = -1;
	CHECK_INT(int1(c, ZERO, &v, &err, ""), ERR_OK);
	CHECK_INT(v, 0);
	CHECK_INT(int1(c, NONE, &v, &err, ""), ERR_NOT_FOUND);
	CHECK_INT(int1(c, BAD, &v, &err, ""), ERR_INTERNAL);
	CHECK(strstr(err.message, "nowhere") != NULL);
	conn_put(st, c);
}

/* More distinct statements than a connection's cache holds (200 in each
 * driver), run while another statement is between its rows. */
#define MANY_STATEMENTS 230

struct inner_run {
	int rows;
	int64_t second;
};

static int run_many(void *ctx, const struct dbrow *r)
{
	/* Distinct SQL texts at distinct addresses, alive until the store closes. */
	static char sql[MANY_STATEMENTS][32];
	struct inner_run *s = ctx;
	if (++s->rows == 2) {
		s->second = col_int(r, 0);
		return 1;
	}
	struct err err;
	struct conn *c = conn_get(st);
	for (size_t i = 0; i < ARRAY_LEN(sql); i++) {
		snprintf(sql[i], sizeof sql[i], "SELECT %zu", i);
		int64_t v = -1;
		CHECK_INT(int1(c, sql[i], &v, &err, ""), ERR_OK);
		CHECK_INT(v, (int64_t)i);
	}
	conn_put(st, c);
	return 0;
}

static void test_statement_cache_full(void)
{
	static const char RUNNING[] = "SELECT 1 UNION ALL SELECT 2";
	struct err err;
	struct inner_run s = {0, 0};
	struct conn *c = conn_get(st);
	CHECK_INT(each(c, RUNNING, run_many, &s, &err, ""), ERR_OK);
	conn_put(st, c);
	/* The running statement was kept: it went on to its second row. */
	CHECK_INT(s.rows, 2);
	CHECK_INT(s.second, 2);
	/* The store still works once its own statements were dropped. */
	CHECK_INT(store_unit_id_by_code(st, "D1"), D1);
}

/* migrate-db copies every table of the schema: a table added by a
 * migration and not named in copy.c's list fails here. */
static void test_copy_covers_schema(void)
{
	static const char SQLITE_TABLES[] = "SELECT name FROM sqlite_master WHERE type = 'table' "
					    "AND name NOT LIKE 'sqlite_%' ORDER BY name",
			  PG_TABLES[] = "SELECT table_name AS name FROM information_schema.tables "
					"WHERE table_schema = 'public' AND table_name <> 'cchc_schema' ORDER BY 1";
	struct err err;
	struct conn *c = conn_get(st);
	json_t *tables = rows(c, strcmp(store_backend(st), "postgresql") ? SQLITE_TABLES : PG_TABLES, &err, "");
	conn_put(st, c);
	CHECK(tables != NULL);
	size_t listed = 0;
	while (store_copied_table(listed))
		listed++;
	CHECK_INT(json_array_size(tables), listed);
	size_t i;
	json_t *t;
	json_array_foreach(tables, i, t) {
		const char *name = str(t, "name");
		int found = 0;
		for (size_t k = 0; k < listed; k++)
			found |= !strcmp(store_copied_table(k), name);
		if (!found)
			fprintf(stderr, "  table %s is not in copy.c's list\n", name);
		CHECK(found);
	}
	json_decref(tables);
}

/* ---- the change probe ------------------------------------------------- */

/* A write of this store changes the probe's number at once, before any
 * notification of it could arrive (so that the server's response cache
 * never serves an answer older than a write it has answered); a write
 * through another store is seen once the database tells of it. */
static void test_probe(void)
{
	struct err err;
	struct store_probe *p = store_probe_open(st, &err);
	CHECK(p != NULL);
	if (!p)
		return;
	for (int i = 0; i < 20; i++) {
		uint64_t before = store_probe_version(p);
		char code[24];
		snprintf(code, sizeof code, "PROBE%d", i);
		add_unit(code, "Đơn vị thử", "commune", NULL);
		CHECK(store_probe_version(p) != before);
	}
	struct store *other = open_store();
	CHECK(other != NULL);
	if (other) {
		uint64_t before = store_probe_version(p);
		int64_t id = 0;
		struct unit_new u = {.code = "PROBE-OTHER", .name = "Đơn vị khác", .kind = "commune"};
		CHECK_INT(store_unit_add(other, &u, &id, &err), ERR_OK);
		int seen = 0;
		for (int waited = 0; waited < 5000 && !seen; waited += 10) {
			seen = store_probe_version(p) != before;
			if (!seen)
				usleep(10000);
		}
		CHECK(seen);
		store_close(other);
	}
	store_probe_close(p);
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/cchc-store-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	const char *pg = getenv("CCHC_TEST_PG");
	path = pg && *pg ? xstrdup(pg) : xasprintf("%s/store.db", dir);
	st = open_store();
	if (!st)
		return 1;
	RUN(test_open_migrate);
	RUN(test_newer_schema_refused);
	RUN(test_units_fields);
	RUN(test_documents);
	RUN(test_drafts_import);
	RUN(test_tasks);
	RUN(test_task_scans);
	RUN(test_assignment_scans);
	RUN(test_change_feed);
	RUN(test_reports);
	RUN(test_accounts);
	RUN(test_audit);
	RUN(test_calendar_contacts);
	RUN(test_reminders);
	RUN(test_mail_queue);
	RUN(test_unit_reports);
	RUN(test_statement_errors);
	RUN(test_statement_cache_full);
	RUN(test_copy_covers_schema);
	RUN(test_probe);
	store_close(st);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
	free(cmd);
	free(path);
	return test_summary();
}
