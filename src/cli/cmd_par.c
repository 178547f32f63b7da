/*
 * cmd_par.c — `cchc par`: the PAR index's criteria sets, results and files.
 *   par import-set FILE [--year Y] [--kind K]     import a set (.json or .xlsx); prints it
 *   par export-set ID [--format json|xlsx]         a set in the import format
 *   par results YEAR [--kind K] [--format json|csv|xlsx|docx|decision]
 *   par survey YEAR FILE                           survey results (.csv or .xlsx)
 *   par sheet ID                                   a unit's score sheet (.xlsx)
 * Every form takes --db PATH; files go to standard output, or to --out FILE.
 */
#include "base/base.h"
#include "cli/cli.h"
#include "domain/par.h"
#include "domain/tracker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct par_args {
	const char *sub, *arg, *file, *kind, *format, *year;
};

static json_t *print_json(json_t *out, struct buf *b)
{
	char *s = out ? json_dumps(out, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15)) : NULL;
	if (s) {
		buf_adds(b, s);
		buf_addc(b, '\n');
	}
	free(s);
	return out;
}

/* A number argument; 0 with err when it is not one. */
static long long number_arg(const char *arg, struct err *err)
{
	char *end = NULL;
	long long n = arg ? strtoll(arg, &end, 10) : 0;
	if (!arg || *end || end == arg)
		return err_set(err, ERR_INVALID, "", "'%s' is not a number", arg ? arg : ""), 0;
	return n;
}

/* Runs the subcommand; its output goes to b.  Returns the error code. */
static enum err_code par_run(struct tracker *tr, const struct par_args *a, struct buf *b, struct err *err)
{
	const char *fmt = a->format ? a->format : "json";
	bool is_import = strcmp(a->sub, "import-set") == 0, is_survey = strcmp(a->sub, "survey") == 0;
	long long n = is_import ? 0 : number_arg(a->arg, err);
	if (!is_import && !n)
		return err->code;
	if (is_import || is_survey) {
		const char *path = is_import ? a->arg : a->file;
		size_t len = 0;
		char *data = path ? read_file(path, &len) : NULL;
		if (!data)
			return err_set(err, ERR_INVALID, "", "cannot read %s", path ? path : "the file (missing)");
		json_t *over = json_object();
		if (a->year)
			json_object_set_new(over, "year", json_integer(number_arg(a->year, err)));
		if (a->kind)
			json_object_set_new(over, "kind", json_string(a->kind));
		json_t *out = is_import ? par_set_import_file(tr, data, len, json_object_size(over) ? over : NULL, err)
					: par_survey_import(tr, (int)n, data, len, err);
		json_decref(over);
		free(data);
		json_decref(print_json(out, b));
		return out ? ERR_OK : err->code;
	}
	if (strcmp(a->sub, "export-set") == 0) {
		if (strcmp(fmt, "xlsx") == 0)
			return par_set_xlsx(tr, n, b, err);
		json_t *out = par_set_export(tr, n, err);
		json_decref(print_json(out, b));
		return out ? ERR_OK : err->code;
	}
	if (strcmp(a->sub, "sheet") == 0)
		return par_sheet_xlsx(tr, n, b, err);
	return par_results_file(tr, (int)n, a->kind, fmt, b, err);
}

/* Reads the options into a; -1 on a usage error. */
static int par_options(int argc, char **argv, struct par_args *a, const char **db, const char **out)
{
	for (int i = 1; i < argc; i++) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--db", db)) || (r = cli_opt(argc, argv, &i, "--kind", &a->kind)) ||
		    (r = cli_opt(argc, argv, &i, "--format", &a->format)) || (r = cli_opt(argc, argv, &i, "--out", out)) ||
		    (r = cli_opt(argc, argv, &i, "--year", &a->year))) {
			if (r < 0)
				return -1;
			continue;
		}
		if (argv[i][0] == '-' || (a->arg && a->file))
			return -1;
		*(a->arg ? &a->file : &a->arg) = argv[i];
	}
	bool two = strcmp(a->sub, "survey") == 0;
	return a->arg && (two ? a->file != NULL : a->file == NULL) ? 0 : -1;
}

int cmd_par(int argc, char **argv)
{
	static const char *const subs[] = {"import-set", "export-set", "results", "survey", "sheet"};
	const char *db = "data/cchc.db", *out_path = NULL;
	struct par_args a = {0};
	if (argc < 2)
		return cli_usage("par");
	a.sub = argv[0];
	bool known = false;
	for (size_t i = 0; i < ARRAY_LEN(subs); i++)
		known |= strcmp(a.sub, subs[i]) == 0;
	if (!known || par_options(argc, argv, &a, &db, &out_path))
		return cli_usage("par");
	struct tracker *tr = cli_tracker("par", db, true);
	if (!tr)
		return 1;
	struct err err = {0};
	struct buf b = BUF_INIT;
	int rc = 0;
	if (par_run(tr, &a, &b, &err)) {
		fprintf(stderr, "cchc par: %s%s%s\n", err.field[0] ? err.field : "", err.field[0] ? ": " : "",
			err.message);
		rc = 1;
	} else {
		FILE *f = out_path ? fopen(out_path, "wb") : stdout;
		if (!f || fwrite(b.data ? b.data : "", 1, b.len, f) != b.len) {
			fprintf(stderr, "cchc par: cannot write %s\n", out_path ? out_path : "the output");
			rc = 1;
		}
		if (f && f != stdout)
			fclose(f);
	}
	buf_release(&b);
	tracker_close(tr);
	return rc;
}
