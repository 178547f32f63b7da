/*
 * cmd_evidence.c — `cchc evidence sweep`: remove the stored files that no
 * row names and that are older than a grace period (domain/evidence.h),
 * as the server's scheduler does once a day.
 * Exit codes: 0 ok, 1 the database or the folder failed, 2 bad arguments.
 */
#include "base/base.h"
#include "cli/cli.h"
#include "domain/evidence.h"
#include "domain/remind.h"
#include "domain/tracker.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At most ten years: beyond that a grace period means "never". */
#define MIN_AGE_MAX 315360000LL

int cmd_evidence(int argc, char **argv)
{
	const char *db = "data/cchc.db", *data_dir = NULL, *min_age_s = NULL, *config = NULL;
	if (argc < 1 || strcmp(argv[0], "sweep") != 0)
		return cli_usage("evidence");
	for (int i = 1; i < argc; i++) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--db", &db)) || (r = cli_opt(argc, argv, &i, "--data-dir", &data_dir)) ||
		    (r = cli_opt(argc, argv, &i, "--min-age", &min_age_s)) ||
		    (r = cli_opt(argc, argv, &i, "--config", &config))) {
			if (r < 0)
				return cli_usage("evidence");
			continue;
		}
		fprintf(stderr, "cchc evidence: unknown option '%s'\n", argv[i]);
		return cli_usage("evidence");
	}
	/* The grace period: --min-age, else the server's configuration file's. */
	struct remind_settings settings;
	remind_settings_init(&settings);
	struct err err = {0};
	enum err_code loaded = config ? remind_settings_load(&settings, config, &err) : ERR_OK;
	long long min_age = settings.evidence_sweep_min_age;
	remind_settings_release(&settings);
	if (loaded != ERR_OK) {
		fprintf(stderr, "cchc evidence: %s\n", err.message);
		return 2;
	}
	if (min_age_s) {
		char *end = NULL;
		errno = 0;
		min_age = strtoll(min_age_s, &end, 10);
		if (errno || end == min_age_s || *end || min_age < 0 || min_age > MIN_AGE_MAX) {
			fprintf(stderr, "cchc evidence: --min-age wants whole seconds from 0 to %lld, got '%s'\n",
				MIN_AGE_MAX, min_age_s);
			return 2;
		}
	}
	/* A database made anew here would name no file: every old one would go. */
	struct tracker *tr = cli_tracker_existing("evidence", db, data_dir);
	if (!tr)
		return 1;
	struct evidence_sweep_stats stats;
	int rc = 0;
	if (evidence_sweep(tr, min_age, &stats, &err) != ERR_OK) {
		fprintf(stderr, "cchc evidence: %s\n", err.message);
		rc = 1;
	}
	printf("cchc: evidence sweep of %s/evidence: %lld files removed, %lld bytes freed, "
	       "%lld kept as younger than %lld s\n", tr->data_dir, (long long)stats.removed,
	       (long long)stats.bytes, (long long)stats.kept_recent, min_age);
	tracker_close(tr);
	return rc;
}
