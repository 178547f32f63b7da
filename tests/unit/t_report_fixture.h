/*
 * t_report_fixture.h — the fixed dataset the periodic-report tests share.
 *
 * Province P; departments D1, D2; commune C1 and ward C2; fields F1 (led
 * by D1) and F2 (led by D2); plan tasks of 2024:
 *   T1 (F1, due 15 Feb) for D1 (done 10 Feb, on time), D2 (done 20 Feb,
 *      late), C1 (50% on 20 Jan: overdue 45 days at 31 Mar), C2 (nothing:
 *      overdue 45 days);
 *   T2 (F2, due 30 Jun) for D1 (30% on 1 Mar) and C1 (nothing);
 *   T3 (F2, due 20 Mar) for D2 (nothing: overdue 11 days at 31 Mar);
 * and indicator I1 of F1 (>= 98%): D1 99 in 2023 then 91 in Q1
 * (regressed), D2 95 (not met), C1 99 (met).
 *
 * The dataset lives in 2024, before any clock this runs on, so records
 * written now are always "after the cut-off"; the initial rows are marked
 * as history loaded in bulk (as the demo does) so that they count by their
 * own dates.
 *
 * The helpers are static inline so that a test using some of them builds
 * without warnings about the others.
 */
#ifndef CCHC_T_REPORT_FIXTURE_H
#define CCHC_T_REPORT_FIXTURE_H
#include "base/base.h"
#include "base/date.h"
#include "report/report.h"
#include "store/store.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	char *path;
	struct store *st;
	struct tracker tr;	/* over st, acting as the system (no principal) */
	int64_t doc, ind;
	int64_t P, D1, D2, C1, C2, T1, T2, T3;	/* units and tasks of the dataset */
};

static inline int64_t unit(struct fixture *f, const char *code, const char *name, const char *kind)
{
	struct err err;
	int64_t id = 0;
	struct unit_new u = {.code = code, .name = name, .kind = kind, .parent_code = strcmp(kind, "province") ? "P" : NULL};
	CHECK_INT(store_unit_add(f->st, &u, &id, &err), ERR_OK);
	return id;
}

/* A one-off task of field for the given units, all due on deadline. */
static inline int64_t task(struct fixture *f, const char *field, const char *title, const char *deadline,
			   const int64_t *units, size_t n)
{
	struct err err;
	struct assignment_new a[8];
	for (size_t i = 0; i < n; i++) {
		a[i] = (struct assignment_new){.unit_id = units[i]};
		snprintf(a[i].deadline, sizeof a[i].deadline, "%s", deadline);
	}
	struct task_new t = {.document_id = f->doc, .field_id = store_field_id_by_code(f->st, field), .title = title,
			     .deadline = deadline, .year = 2024, .lead = units, .nlead = n, .asg = a, .nasg = n};
	int64_t id = 0;
	CHECK_INT(store_task_add(f->st, &t, &id, &err), ERR_OK);
	return id;
}

static inline int collect(void *ctx, json_t *row)
{
	json_t *arr = ctx;
	json_array_append(arr, row);
	return 0;
}

/* The assignment of task for unit. */
static inline int64_t asg_of(struct fixture *f, int64_t task_id, int64_t unit_id)
{
	struct err err;
	json_t *arr = json_array();
	struct assignment_query q = {.unit_id = unit_id, .task_id = task_id};
	store_assignments_scan(f->st, &q, collect, arr, &err);
	int64_t id = json_integer_value(json_object_get(json_array_get(arr, 0), "id"));
	json_decref(arr);
	return id;
}

static inline void report(struct fixture *f, int64_t asg, int pct, const char *on, const char *done)
{
	struct err err;
	struct report_new r = {.assignment_id = asg, .percent = pct, .note = "n", .reported_on = on,
			       .completed_on = done, .reporter = "test"};
	CHECK_INT(store_report_add(f->st, &r, NULL, &err), ERR_OK);
}

static inline void measure(struct fixture *f, int64_t unit_id, const char *period, const char *end, double v)
{
	struct err err;
	struct measurement_new m = {.indicator_id = f->ind, .unit_id = unit_id, .period = period, .period_end = end,
				    .reported_by = "test", .value = v};
	CHECK_INT(store_measurement_add(f->st, &m, NULL, &err), ERR_OK);
}

static inline void setup(struct fixture *f)
{
	snprintf(f->dir, sizeof f->dir, "/tmp/cchc-r-XXXXXX");
	if (!mkdtemp(f->dir))
		abort();
	f->path = xasprintf("%s/r.db", f->dir);
	struct err err;
	struct store_options opt = {.durable = 0, .connections = 2};
	f->st = store_open(f->path, &opt, &err);
	if (!f->st)
		abort();
	f->tr = (struct tracker){.store = f->st};
	f->P = unit(f, "P", "Ủy ban nhân dân tỉnh Thử Nghiệm", "province");
	f->D1 = unit(f, "D1", "Sở An", "department");
	f->D2 = unit(f, "D2", "Sở Bình", "department");
	f->C1 = unit(f, "C1", "Xã An", "commune");
	f->C2 = unit(f, "C2", "Phường Bình", "ward");
	CHECK_INT(store_field_add(f->st, "F1", 1, "Cải cách thủ tục hành chính", "Procedures", "D1", &err), ERR_OK);
	CHECK_INT(store_field_add(f->st, "F2", 2, "Cải cách chế độ công vụ", "Civil service", "D2", &err), ERR_OK);
	struct document_new d = {.type = "KH", .number = "1", .symbol = "KH-UBND", .title = "Kế hoạch CCHC 2024",
				 .year = 2024, .issuer_code = "P", .issued_on = "2024-01-02"};
	CHECK_INT(store_document_add(f->st, &d, &f->doc, &err), ERR_OK);
	int64_t u1[] = {f->D1, f->D2, f->C1, f->C2}, u2[] = {f->D1, f->C1}, u3[] = {f->D2};
	f->T1 = task(f, "F1", "Rà soát, đơn giản hóa thủ tục hành chính", "2024-02-15", u1, 4);
	f->T2 = task(f, "F2", "Đánh giá công chức theo vị trí việc làm", "2024-06-30", u2, 2);
	f->T3 = task(f, "F2", "Báo cáo tuyển dụng công chức", "2024-03-20", u3, 1);
	report(f, asg_of(f, f->T1, f->D1), 100, "2024-02-10", "2024-02-10");	/* done on time */
	report(f, asg_of(f, f->T1, f->D2), 100, "2024-02-20", "2024-02-20");	/* done late */
	report(f, asg_of(f, f->T1, f->C1), 50, "2024-01-20", NULL);		/* overdue 45 days */
	/* T1/C2: nothing: overdue 45 days.  T2/D1 in progress, T2/C1 not started. */
	report(f, asg_of(f, f->T2, f->D1), 30, "2024-03-01", NULL);
	/* T3/D2: nothing: overdue 11 days. */
	struct indicator_new in = {.document_id = f->doc, .field_id = store_field_id_by_code(f->st, "F1"),
				   .code = "I1", .name = "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn", .measure = "%",
				   .comparison = ">=", .target = 98};
	CHECK_INT(store_indicator_add(f->st, &in, &f->ind, &err), ERR_OK);
	measure(f, f->D1, "2023", "2023-12-31", 99);	/* met last year ... */
	measure(f, f->D1, "2024-Q1", "2024-03-31", 91);	/* ... regressed now */
	measure(f, f->D2, "2024-Q1", "2024-03-31", 95);	/* not met */
	measure(f, f->C1, "2024-Q1", "2024-03-31", 99);	/* met */
	/* Everything so far is history loaded at once; what follows is later. */
	char now[21];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	CHECK_INT(store_meta_set(f->st, "history_loaded_at", now, &err), ERR_OK);
}

static inline void teardown(struct fixture *f)
{
	store_close(f->st);
	char *cmd = xasprintf("rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", f->dir);
	free(cmd);
	free(f->path);
}

static inline json_t *compute(struct fixture *f, const char *period, const char *as_of)
{
	struct err err = {0};
	struct report_query q = {.period = period, .as_of = as_of ? date_parse(as_of) : DATE_NONE};
	json_t *r = report_compute(&f->tr, &q, &err);
	if (!r)
		fprintf(stderr, "  report: %s\n", err.message);
	return r;
}

static inline long long num(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

static inline double real(const json_t *o, const char *k)
{
	return json_number_value(json_object_get(o, k));
}

static inline const json_t *by_code(const json_t *arr, const char *key, const char *code)
{
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x)
		if (strcmp(json_string_value(json_object_get(x, key)), code) == 0)
			return x;
	return NULL;
}

#endif
