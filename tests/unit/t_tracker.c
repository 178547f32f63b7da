/*
 * The domain over a real database file: tasks for groups, recurring
 * instances, reports, the tally that follows writes, and the dashboard's
 * order.  Each test uses its own temporary database.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/tally.h"
#include "domain/tracker.h"
#include "store/store.h"
#include "db_fixture.h"
#include "test.h"

#include <pthread.h>
#include <stdlib.h>

struct fixture {
	char dir[64];
	struct tracker tr;	/* the system's, with a tally */
	int64_t doc;
};

static void setup(struct fixture *f)
{
	f->tr = registry_fixture_open(f->dir, "t", 4, true);
	f->doc = fixture_letter(f->tr.store);
}

static void teardown(struct fixture *f)
{
	registry_fixture_close(&f->tr, f->dir);
}

static json_t *create(struct fixture *f, const char *json_fmt, ...)
{
	va_list ap;
	va_start(ap, json_fmt);
	struct buf b = BUF_INIT;
	buf_vprintf(&b, json_fmt, ap);
	va_end(ap);
	json_t *body = json_loads(buf_str(&b), 0, NULL);
	buf_release(&b);
	json_t *out = NULL;
	struct err err;
	if (tracker_task_create(&f->tr, body, &out, &err) != ERR_OK)
		fprintf(stderr, "  create: %s (%s)\n", err.message, err.field);
	json_decref(body);
	return out;
}

static int64_t first_assignment(json_t *task)
{
	return json_integer_value(json_object_get(json_array_get(json_object_get(task, "assignments"), 0), "id"));
}

static void test_groups_and_recurrence(void)
{
	struct fixture f;
	setup(&f);
	json_t *t = create(&f, "{\"document_id\": %lld, \"title\": \"Báo cáo quý\", \"recurrence\": \"quarterly\", "
			   "\"lead\": [\"@departments\", \"@communes\", \"SNV\"]}", (long long)f.doc);
	CHECK(t != NULL);
	/* 14 departments + 8 agencies + 56 communes and wards, once each, x 4 quarters. */
	CHECK_INT(json_array_size(json_object_get(t, "assignments")), 78 * 4);
	json_decref(t);
	t = create(&f, "{\"document_id\": %lld, \"title\": \"Tin bài\", \"recurrence\": \"ongoing\", "
		   "\"lead\": [\"@media\"], \"year\": 2026}", (long long)f.doc);
	CHECK_INT(json_array_size(json_object_get(t, "assignments")), 4);
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(t, "assignments"), 3), "deadline")),
		  "2026-12-31");
	json_decref(t);
	teardown(&f);
}

static void test_bad_input_writes_nothing(void)
{
	struct fixture f;
	setup(&f);
	const char *bad[] = {
		"{\"document_id\": %lld, \"title\": \"x\", \"lead\": [\"SNV\"]}",		/* no deadline */
		"{\"document_id\": %lld, \"title\": \"x\", \"deadline\": \"2026-02-29\", \"lead\": [\"SNV\"]}",
		"{\"document_id\": %lld, \"title\": \"x\", \"deadline\": \"2026-03-01\", \"lead\": [\"SNV\", \"@nobody\"]}",
		"{\"document_id\": %lld, \"title\": \"  \", \"deadline\": \"2026-03-01\", \"lead\": [\"SNV\"]}",
		"{\"document_id\": %lld, \"title\": \"x\", \"deadline\": \"2026-03-01\", \"lead\": []}",
		"{\"document_id\": %lld, \"title\": \"x\", \"deadline\": \"2026-03-01\", \"lead\": [\"SNV\"], \"recurrence\": \"weekly\"}",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		fprintf(stderr, "  (expected) ");
		json_t *t = create(&f, bad[i], (long long)f.doc);
		CHECK(t == NULL);
		json_decref(t);
	}
	struct err err;
	struct list_query q = {.status = -1, .as_of = date_today(), .limit = 10};
	json_t *list = tracker_tasks(&f.tr, &q, &err);
	CHECK_INT(json_array_size(json_object_get(list, "items")), 0);
	json_decref(list);
	teardown(&f);
}

static int32_t D(const char *s) { return date_parse(s); }

static void report(struct fixture *f, int64_t asg, int percent, const char *completed)
{
	json_t *body = json_pack("{s:i, s:s, s:s?}", "percent", percent, "reporter", "t",
				 "completed_on", completed);
	struct err err;
	CHECK_INT(tracker_report_add(&f->tr, asg, body, NULL, 0, NULL, &err), ERR_OK);
	json_decref(body);
}

static void test_dashboard_follows_writes(void)
{
	struct fixture f;
	setup(&f);
	json_t *a = create(&f, "{\"document_id\": %lld, \"title\": \"A\", \"deadline\": \"2026-03-31\", \"lead\": [\"01822\"]}", (long long)f.doc);
	json_t *b = create(&f, "{\"document_id\": %lld, \"title\": \"B\", \"deadline\": \"2026-03-31\", \"lead\": [\"01273\"]}", (long long)f.doc);
	json_t *c = create(&f, "{\"document_id\": %lld, \"title\": \"C\", \"deadline\": \"2026-03-31\", \"lead\": [\"01290\"]}", (long long)f.doc);
	struct err err;
	struct dashboard_query q = {.as_of = D("2026-04-01")};
	json_t *d = tracker_dashboard(&f.tr, &q, &err);
	CHECK_INT(json_integer_value(json_object_get(json_object_get(d, "totals"), "overdue")), 3);
	json_decref(d);

	/* Completed on the deadline day, reported later: on time. */
	report(&f, first_assignment(a), 100, "2026-03-31");
	report(&f, first_assignment(b), 50, NULL);
	d = tracker_dashboard(&f.tr, &q, &err);
	json_t *tot = json_object_get(d, "totals");
	CHECK_INT(json_integer_value(json_object_get(tot, "done_on_time")), 1);
	CHECK_INT(json_integer_value(json_object_get(tot, "overdue")), 2);
	/* Worst first: the two overdue communes (rate 0), then Đức Long (rate 1),
	 * the zero-rated ones in Vietnamese order of their full names. */
	json_t *units = json_object_get(d, "units");
	CHECK_STR(json_string_value(json_object_get(json_array_get(units, 0), "name")), "Phường Thục Phán");
	CHECK_STR(json_string_value(json_object_get(json_array_get(units, 1), "name")), "Xã Bảo Lâm");
	CHECK_STR(json_string_value(json_object_get(json_array_get(units, 2), "name")), "Xã Đức Long");
	json_decref(d);

	/* Seen from before the deadline, nothing is overdue. */
	q.as_of = D("2026-03-31");
	d = tracker_dashboard(&f.tr, &q, &err);
	tot = json_object_get(d, "totals");
	CHECK_INT(json_integer_value(json_object_get(tot, "overdue")), 0);
	CHECK_INT(json_integer_value(json_object_get(tot, "done_on_time")), 1);
	json_decref(d);

	/* A second tally (another process) catches up from the change numbers. */
	struct tally *other = tally_new();
	struct tracker tr2 = f.tr;
	tr2.tally = other;
	q.as_of = D("2026-04-01");
	d = tracker_dashboard(&tr2, &q, &err);
	CHECK_INT(json_integer_value(json_object_get(json_object_get(d, "totals"), "done_on_time")), 1);
	json_decref(d);
	tally_free(other);
	json_decref(a);
	json_decref(b);
	json_decref(c);
	teardown(&f);
}

struct writer {
	struct fixture *f;
	int64_t first, count;
	int failures;
};

static void *write_reports(void *arg)
{
	struct writer *w = arg;
	for (int64_t id = w->first; id < w->first + w->count; id++) {
		json_t *body = json_pack("{s:i, s:s}", "percent", 10, "reporter", "w");
		struct err err;
		if (tracker_report_add(&w->f->tr, id, body, NULL, 0, NULL, &err) != ERR_OK)
			w->failures++;
		json_decref(body);
	}
	return NULL;
}

static void test_two_writers(void)
{
	struct fixture f;
	setup(&f);
	json_t *t = create(&f, "{\"document_id\": %lld, \"title\": \"W\", \"deadline\": \"2030-01-01\", \"lead\": [\"@communes\"]}", (long long)f.doc);
	int64_t first = first_assignment(t);
	struct writer w[2] = {{&f, first, 28, 0}, {&f, first + 28, 28, 0}};
	pthread_t th[2];
	for (int i = 0; i < 2; i++)
		pthread_create(&th[i], NULL, write_reports, &w[i]);
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	CHECK_INT(w[0].failures + w[1].failures, 0);
	struct err err;
	json_t *task = tracker_task(&f.tr, json_integer_value(json_object_get(t, "id")), date_today(), &err);
	CHECK_INT(json_integer_value(json_object_get(json_object_get(task, "counts"), "in_progress")), 56);
	json_decref(task);
	json_decref(t);
	teardown(&f);
}

static void test_report_rules(void)
{
	struct fixture f;
	setup(&f);
	json_t *t = create(&f, "{\"document_id\": %lld, \"title\": \"R\", \"deadline\": \"2030-01-01\", \"lead\": [\"SNV\"]}", (long long)f.doc);
	int64_t id = first_assignment(t);
	struct err err;
	json_t *body = json_pack("{s:i, s:s, s:s}", "percent", 20, "reporter", "t", "request_key", "key-12345678");
	CHECK_INT(tracker_report_add(&f.tr, id, body, NULL, 0, NULL, &err), ERR_OK);
	CHECK_INT(tracker_report_add(&f.tr, id, body, NULL, 0, NULL, &err), ERR_CONFLICT);
	CHECK_STR(err.field, "request_key");
	json_decref(body);
	body = json_pack("{s:i, s:s}", "percent", 20, "reporter", "t");
	CHECK_INT(tracker_report_add(&f.tr, id + 1000, body, NULL, 0, NULL, &err), ERR_NOT_FOUND);
	json_decref(body);
	body = json_pack("{s:s, s:s}", "percent", "20", "reporter", "t");
	CHECK_INT(tracker_report_add(&f.tr, id, body, NULL, 0, NULL, &err), ERR_INVALID);
	CHECK_STR(err.field, "percent");
	json_decref(body);
	json_t *reports = tracker_reports(&f.tr, id, &err);
	CHECK_INT(json_array_size(reports), 1);
	json_decref(reports);
	json_decref(t);
	teardown(&f);
}

int main(void)
{
	RUN(test_groups_and_recurrence);
	RUN(test_bad_input_writes_nothing);
	RUN(test_dashboard_follows_writes);
	RUN(test_two_writers);
	RUN(test_report_rules);
	return test_summary();
}
