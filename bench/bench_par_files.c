/*
 * bench_par_files.c — how long the PAR index's files take (issue 14), on
 * the Cao Bằng demo (81 units assessed on the 2026 example sets):
 *
 *   bench_par_files [--runs N]
 *
 * 1. A criteria set (the department set, 100+ rows) as .xlsx: written,
 *    read (the XLSX reader and the layout, no store), and imported whole
 *    (read, validated, stored as a new unused version).
 * 2. The results of all 81 units as CSV, XLSX, the appraisal report and
 *    the decision draft (DOCX), each computed and rendered; and one unit's
 *    score sheet.
 *
 * Prints the best of --runs runs (default 5) and the file's size.
 */
#include "base/base.h"
#include "doc/xlsx.h"
#include "domain/demo.h"
#include "domain/par.h"
#include "domain/par_sheet.h"
#include "domain/tracker.h"

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

static void die(const char *what, const struct err *err)
{
	fprintf(stderr, "bench_par_files: %s: %s\n", what, err->message);
	exit(1);
}

static void report(const char *label, double best, size_t bytes, int runs)
{
	printf("par files: %-44s %8.2f ms  (%zu kB)  best of %d\n", label, best * 1e3, bytes / 1024, runs);
}

/* The set as .xlsx, read, imported. */
static void set_files(struct tracker *tr, int64_t set_id, int runs)
{
	double w = 1e9, r = 1e9, imp = 1e9;
	size_t bytes = 0;
	for (int k = 0; k < runs; k++) {
		struct err err;
		struct buf xlsx = BUF_INIT;
		double t0 = now_s();
		if (par_set_xlsx(tr, set_id, &xlsx, &err))
			die("set as xlsx", &err);
		double t1 = now_s();
		json_t *rows = NULL, *sheet_rows = NULL, *set = NULL;
		if (xlsx_first_sheet(xlsx.data, xlsx.len, &rows, &err) ||
		    !(set = par_sheet_to_set(rows, NULL, &sheet_rows, &err)))
			die("set read", &err);
		double t2 = now_s();
		json_t *over = json_pack("{s:i}", "year", 2030);
		json_t *out = par_set_import_file(tr, xlsx.data, xlsx.len, over, &err);
		double t3 = now_s();
		if (!out)
			die("set import", &err);
		bytes = xlsx.len;
		w = t1 - t0 < w ? t1 - t0 : w;
		r = t2 - t1 < r ? t2 - t1 : r;
		imp = t3 - t2 < imp ? t3 - t2 : imp;
		json_decref(out);
		json_decref(over);
		json_decref(set);
		json_decref(rows);
		json_decref(sheet_rows);
		buf_release(&xlsx);
	}
	report("department set written as .xlsx", w, bytes, runs);
	report("  read (XLSX reader + layout)", r, bytes, runs);
	report("  imported whole (read, checked, stored)", imp, bytes, runs);
}

/* What one export writes: the results in format, or (format NULL) the
 * score sheet of the first assessment. */
static enum err_code export_file(struct tracker *tr, const char *format, struct buf *out, struct err *err)
{
	return format ? par_results_file(tr, 2026, NULL, format, out, err) : par_sheet_xlsx(tr, 1, out, err);
}

static void time_export(struct tracker *tr, const char *format, const char *label, int runs)
{
	double best = 1e9;
	size_t bytes = 0;
	for (int k = 0; k < runs; k++) {
		struct err err;
		struct buf out = BUF_INIT;
		double t0 = now_s();
		if (export_file(tr, format, &out, &err))
			die(label, &err);
		double t = now_s() - t0;
		best = t < best ? t : best;
		bytes = out.len;
		buf_release(&out);
	}
	report(label, best, bytes, runs);
}

static void exports(struct tracker *tr, int runs)
{
	static const char *const formats[] = {"json", "csv", "xlsx", "docx", "decision"};
	for (size_t f = 0; f < ARRAY_LEN(formats); f++) {
		char label[64];
		snprintf(label, sizeof label, "results of 81 units as %s", formats[f]);
		time_export(tr, formats[f], label, runs);
	}
	time_export(tr, NULL, "a unit's score sheet (.xlsx)", runs);
}

int main(int argc, char **argv)
{
	int runs = 5;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else
			return fprintf(stderr, "usage: bench_par_files [--runs N]\n"), 2;
	}
	char dir[] = "/tmp/cchc-bench-parf-XXXXXX";
	if (!mkdtemp(dir))
		return perror("mkdtemp"), 1;
	struct err err;
	char *path = xasprintf("%s/demo.db", dir);
	struct tracker_options opt = {.connections = 1, .data_dir = dir};
	struct tracker *tr = tracker_open(path, &opt, &err);
	free(path);
	if (!tr || demo_load(tr, "caobang-2026", NULL, &err))
		die("the demo", &err);
	json_t *sets = par_sets(tr, &err);
	int64_t dep = 0;
	size_t i;
	json_t *s;
	json_array_foreach(sets, i, s)
		if (strcmp(json_string_value(json_object_get(s, "kind")), "department") == 0 && !dep)
			dep = json_integer_value(json_object_get(s, "id"));
	json_decref(sets);
	set_files(tr, dep, runs);
	exports(tr, runs);
	tracker_close(tr);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd) == 0 ? 0 : 1;
	free(cmd);
	return rc;
}
