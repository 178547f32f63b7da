/*
 * bench_public.c — how long the public open-data page takes to produce
 * for the whole province (issue 17: under 50 ms).
 *
 *   bench_public [--db PATH] [--feedback N] [--runs N]
 *
 * On the Cao Bằng demo (built into PATH when absent, default
 * build/bench-data/public-demo.db) with N feedback (default 2,000) entered,
 * forwarded and answered, every other one published, it computes the
 * figures (opendata_compute: the year's report and the feedback counts)
 * and renders the page, the JSON and the CSV, --runs times (default 21).
 * Prints "name value" lines: the median and the slowest run in seconds,
 * and the page's size in bytes.
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/demo.h"
#include "domain/feedback.h"
#include "report/opendata.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* n feedback by letter, each forwarded to a department and answered. */
static enum err_code add_feedback(struct tracker *tr, int n, struct err *err)
{
	static const char *const units[] = {"SNV", "STP", "SCT", "SXD", "SYT", "VPUBND"};
	for (int i = 0; i < n; i++) {
		json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:b}", "channel", "letter", "content",
				       "Hồ sơ bị trả lại nhiều lần mà không nêu lý do.", "name", "Người gửi thử",
				       "address", "Xã Đức Long", "consent_publish", i % 2 == 0);
		json_t *out = NULL, *step = NULL;
		enum err_code rc = feedback_intake(tr, in, &out, err);
		json_decref(in);
		if (rc)
			return rc;
		int64_t id = json_integer_value(json_object_get(out, "id"));
		json_decref(out);
		json_t *fwd = json_pack("{s:s, s:s}", "decision", "forward", "unit", units[i % ARRAY_LEN(units)]);
		json_t *ans = json_pack("{s:s}", "answer", "Đơn vị đã chấn chỉnh và hướng dẫn một lần bằng văn bản.");
		rc = feedback_classify(tr, id, fwd, &step, err);
		json_decref(step);
		step = NULL;
		if (!rc && i % 3 != 0) {
			rc = feedback_answer(tr, id, ans, &step, err);
			json_decref(step);
			step = NULL;
			if (!rc)
				rc = feedback_approve(tr, id, &step, err);
			json_decref(step);
		}
		json_decref(fwd);
		json_decref(ans);
		if (rc)
			return rc;
	}
	return ERR_OK;
}

static enum err_code build(const char *path, int feedback, struct err *err)
{
	struct store_options opt = {.durable = 0, .connections = 1};
	struct store *st = store_open(path, &opt, err);
	if (!st)
		return err->code;
	struct tracker tr = {.store = st};
	enum err_code rc = demo_load(&tr, "caobang-2026", NULL, err);
	if (!rc)
		rc = add_feedback(&tr, feedback, err);
	store_close(st);
	return rc;
}

int main(int argc, char **argv)
{
	const char *path = "build/bench-data/public-demo.db";
	int runs = 21, feedback = 2000;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--feedback") == 0 && i + 1 < argc)
			feedback = atoi(argv[++i]);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]) > 0 ? atoi(argv[i]) : 1;
		else {
			fprintf(stderr, "usage: bench_public [--db PATH] [--feedback N] [--runs N]\n");
			return 2;
		}
	}
	struct err err = {0};
	if (access(path, F_OK) != 0 && build(path, feedback, &err) != ERR_OK) {
		fprintf(stderr, "bench_public: cannot build %s: %s\n", path, err.message);
		return 1;
	}
	struct store_options opt = {.durable = 0, .connections = 1};
	struct store *st = store_open(path, &opt, &err);
	if (!st) {
		fprintf(stderr, "bench_public: %s: %s\n", path, err.message);
		return 1;
	}
	struct tracker tr = {.store = st};
	double *page = xcalloc((size_t)runs, sizeof *page), *compute = xcalloc((size_t)runs, sizeof *compute);
	size_t bytes = 0, csv_bytes = 0, json_bytes = 0;
	for (int r = 0; r < runs; r++) {
		struct opendata od;
		struct buf html = BUF_INIT, csv = BUF_INIT;
		double t0 = now_s();
		if (opendata_compute(&tr, date_today(), &od, &err) != ERR_OK) {
			fprintf(stderr, "bench_public: %s\n", err.message);
			return 1;
		}
		double t1 = now_s();
		opendata_html(&od, "vi", &html);
		double t2 = now_s();
		char *json = json_dumps(od.data, JSON_COMPACT);
		opendata_csv(od.data, &csv);
		compute[r] = t1 - t0;
		page[r] = t2 - t0;
		bytes = html.len;
		csv_bytes = csv.len;
		json_bytes = strlen(json);
		free(json);
		buf_release(&html);
		buf_release(&csv);
		opendata_release(&od);
	}
	qsort(page, (size_t)runs, sizeof *page, by_value);
	qsort(compute, (size_t)runs, sizeof *compute, by_value);
	printf("public_page_median %.4f\n", page[runs / 2]);
	printf("public_page_max %.4f\n", page[runs - 1]);
	printf("public_compute_median %.4f\n", compute[runs / 2]);
	printf("public_page_bytes %zu\n", bytes);
	printf("public_json_bytes %zu\n", json_bytes);
	printf("public_csv_bytes %zu\n", csv_bytes);
	free(page);
	free(compute);
	store_close(st);
	return 0;
}
