/*
 * cmd_par.c — `cchc par`: the PAR index's criteria sets and results.
 *   par import-set FILE [--db PATH]        import a set (JSON); prints it
 *   par export-set ID [--db PATH]          a set in the import format
 *   par results YEAR [--kind K] [--db PATH] the ranked results as JSON
 */
#include "base/base.h"
#include "cli/cli.h"
#include "domain/par.h"
#include "domain/tracker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs the subcommand sub with its argument arg; out gets the result. */
static json_t *par_run(struct tracker *tr, const char *sub, const char *arg, const char *kind, struct err *err)
{
	char *end = NULL;
	long long n = strtoll(arg, &end, 10);
	if (strcmp(sub, "import-set") == 0) {
		json_error_t je;
		json_t *in = json_load_file(arg, 0, &je);
		if (!in)
			return err_set(err, ERR_INVALID, "", "%s: line %d: %s", arg, je.line, je.text), NULL;
		json_t *out = par_set_import(tr, in, err);
		json_decref(in);
		return out;
	}
	if (*end || end == arg)
		return err_set(err, ERR_INVALID, "", "'%s' is not a number", arg), NULL;
	if (strcmp(sub, "export-set") == 0)
		return par_set_export(tr, n, err);
	return par_results(tr, (int)n, kind, err);
}

int cmd_par(int argc, char **argv)
{
	const char *db = "data/cchc.db", *kind = NULL, *arg = NULL;
	if (argc < 2)
		return cli_usage("par");
	const char *sub = argv[0];
	if (strcmp(sub, "import-set") && strcmp(sub, "export-set") && strcmp(sub, "results"))
		return cli_usage("par");
	for (int i = 1; i < argc; i++) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--db", &db)) || (r = cli_opt(argc, argv, &i, "--kind", &kind))) {
			if (r < 0)
				return cli_usage("par");
			continue;
		}
		if (argv[i][0] == '-' || arg)
			return cli_usage("par");
		arg = argv[i];
	}
	if (!arg)
		return cli_usage("par");
	struct tracker *tr = cli_tracker("par", db, true);
	if (!tr)
		return 1;
	struct err err = {0};
	json_t *out = par_run(tr, sub, arg, kind, &err);
	int rc = 0;
	if (!out) {
		fprintf(stderr, "cchc par: %s%s%s\n", err.field[0] ? err.field : "", err.field[0] ? ": " : "",
			err.message);
		rc = 1;
	} else {
		char *s = json_dumps(out, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
		printf("%s\n", s ? s : "null");
		free(s);
	}
	json_decref(out);
	tracker_close(tr);
	return rc;
}
