/*
 * cmd_report.c — `cchc report PERIOD`: a periodic reform report from a
 * database, as JSON, CSV, XLSX or DOCX, on standard output or into a file.
 * Exit codes: 0 ok, 1 the database or the output failed, 2 bad arguments.
 */
#include "base/base.h"
#include "base/date.h"
#include "cli/cli.h"
#include "domain/tracker.h"
#include "report/report.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int cmd_report(int argc, char **argv)
{
	const char *db = "data/cchc.db", *as_of = NULL, *field = NULL, *unit = NULL, *format = "json",
		   *outfile = NULL, *period = NULL;
	for (int i = 0; i < argc; i++) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--db", &db)) || (r = cli_opt(argc, argv, &i, "--as-of", &as_of)) ||
		    (r = cli_opt(argc, argv, &i, "--field", &field)) || (r = cli_opt(argc, argv, &i, "--unit", &unit)) ||
		    (r = cli_opt(argc, argv, &i, "--format", &format)) || (r = cli_opt(argc, argv, &i, "-o", &outfile))) {
			if (r < 0)
				return cli_usage("report");
			continue;
		}
		if (argv[i][0] == '-' || period) {
			fprintf(stderr, "cchc report: unexpected argument '%s'\n", argv[i]);
			return cli_usage("report");
		}
		period = argv[i];
	}
	if (!period)
		return cli_usage("report");
	struct err err = {0};
	struct report_period per;
	if (report_period_parse(period, &per, &err) != ERR_OK) {
		fprintf(stderr, "cchc report: %s\n", err.message);
		return 2;
	}
	enum report_format fmt = report_format_from_name(format);
	if (fmt == REPORT_FORMAT_COUNT) {
		fprintf(stderr, "cchc report: --format must be json, csv, xlsx or docx, not '%s'\n", format);
		return 2;
	}
	struct report_query q = {.period = period, .as_of = DATE_NONE};
	if (as_of && (q.as_of = date_parse(as_of)) == DATE_NONE) {
		fprintf(stderr, "cchc report: --as-of '%s' is not a real date YYYY-MM-DD\n", as_of);
		return 2;
	}
	if (tracker_db_missing(db)) {
		fprintf(stderr, "cchc report: cannot open %s: %s\n", db, strerror(errno));
		return 1;
	}
	struct tracker *tr = cli_tracker("report", db, false);
	if (!tr)
		return 1;
	int rc = 0;
	json_t *rep = NULL;
	struct buf out = BUF_INIT;
	if (field && !(q.field_id = tracker_field_ref(tr, field))) {
		fprintf(stderr, "cchc report: no field '%s'\n", field);
		rc = 2;
		goto cleanup;
	}
	if (unit && !(q.unit_id = tracker_unit_ref(tr, unit))) {
		fprintf(stderr, "cchc report: no unit '%s'\n", unit);
		rc = 2;
		goto cleanup;
	}
	if (!(rep = report_compute(tr, &q, &err)) || report_render(rep, fmt, &out, &err) != ERR_OK) {
		fprintf(stderr, "cchc report: %s\n", err.message);
		rc = err.code == ERR_INVALID || err.code == ERR_BAD_REQUEST ? 2 : 1;
		goto cleanup;
	}
	FILE *f = outfile ? fopen(outfile, "wb") : stdout;
	if (!f || fwrite(out.data, 1, out.len, f) != out.len || (outfile ? fclose(f) : fflush(f)) != 0) {
		fprintf(stderr, "cchc report: cannot write %s: %s\n", outfile ? outfile : "the output", strerror(errno));
		rc = 1;
	}
cleanup:
	buf_release(&out);
	json_decref(rep);
	tracker_close(tr);
	return rc;
}
