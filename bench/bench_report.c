/*
 * bench_report.c — how long a periodic report takes (issue 6).
 *
 *   bench_report [--demo PATH] [--national PATH] [--runs N]
 *
 * The provincial yearly report (all fields, all units) on the Cao Bằng demo
 * (built into PATH when absent, default build/bench-data/report-demo.db)
 * and the national-scale one on the dataset of bench_national (default
 * build/bench-data/national.db; skipped with a note when absent).  Opening a
 * database applies pending migrations, which only add tables; a build older
 * than them could no longer open the file, so pass a copy with --national
 * when such a build still shares it.
 *
 * Prints "name seconds" lines: compute (the JSON), and the XLSX and CSV
 * renderings, best of --runs runs (default 3).
 */
#include "base/base.h"
#include "base/date.h"
#include "domain/demo.h"
#include "report/report.h"
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

static int measure(const char *label, const char *path, int runs)
{
	struct err err = {0};
	struct store_options opt = {.durable = 0, .connections = 1};
	struct store *st = store_open(path, &opt, &err);
	if (!st) {
		fprintf(stderr, "bench_report: %s: %s\n", path, err.message);
		return 1;
	}
	struct tracker tr = {.store = st};
	double best = 1e9, best_xlsx = 1e9, best_csv = 1e9;
	long long units = 0, total = 0;
	for (int r = 0; r < runs; r++) {
		struct report_query q = {.period = "2026", .as_of = DATE_NONE};
		double t0 = now_s();
		json_t *rep = report_compute(&tr, &q, &err);
		double t1 = now_s();
		if (!rep) {
			fprintf(stderr, "bench_report: %s\n", err.message);
			store_close(st);
			return 1;
		}
		struct buf b = BUF_INIT;
		double t2 = now_s();
		report_render(rep, REPORT_XLSX, &b, &err);
		double t3 = now_s();
		buf_release(&b);
		report_render(rep, REPORT_CSV, &b, &err);
		double t4 = now_s();
		buf_release(&b);
		units = (long long)json_array_size(json_object_get(rep, "units"));
		total = (long long)json_integer_value(json_object_get(json_object_get(rep, "totals"), "total"));
		json_decref(rep);
		if (t1 - t0 < best)
			best = t1 - t0;
		if (t3 - t2 < best_xlsx)
			best_xlsx = t3 - t2;
		if (t4 - t3 < best_csv)
			best_csv = t4 - t3;
	}
	printf("%s_report_2026_compute %.3f\n", label, best);
	printf("%s_report_2026_xlsx %.3f\n", label, best_xlsx);
	printf("%s_report_2026_csv %.3f\n", label, best_csv);
	printf("# %s: %lld assignments in scope, %lld units\n", label, total, units);
	store_close(st);
	return 0;
}

int main(int argc, char **argv)
{
	const char *demo = "build/bench-data/report-demo.db";
	const char *national = "build/bench-data/national.db";
	int runs = 3;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--demo") == 0 && i + 1 < argc)
			demo = argv[++i];
		else if (strcmp(argv[i], "--national") == 0 && i + 1 < argc)
			national = argv[++i];
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]) > 0 ? atoi(argv[i]) : 1;
		else {
			fprintf(stderr, "usage: bench_report [--demo PATH] [--national PATH] [--runs N]\n");
			return 2;
		}
	}
	if (access(demo, F_OK) != 0) {
		struct err err = {0};
		struct store_options opt = {.durable = 0, .connections = 1};
		struct store *st = store_open(demo, &opt, &err);
		struct tracker tr = {.store = st};
		if (!st || demo_load(&tr, "caobang-2026", NULL, &err) != ERR_OK) {
			fprintf(stderr, "bench_report: cannot build the demo: %s\n", err.message);
			store_close(st);
			return 1;
		}
		store_close(st);
	}
	if (measure("province", demo, runs))
		return 1;
	if (access(national, F_OK) != 0) {
		printf("# national dataset %s absent: run bench_national first\n", national);
		return 0;
	}
	return measure("national", national, runs);
}
