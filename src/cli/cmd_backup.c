/*
 * cmd_backup.c — `cchc backup -o FILE` and `cchc restore FILE --data-dir DIR`:
 * one archive of a live database with its evidence files and their
 * SHA-256 manifest, and its restore into a new place (domain/backup.h).
 */
#include "base/base.h"
#include "base/progress.h"
#include "cli/cli.h"
#include "domain/backup.h"
#include "domain/tracker.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static void print_counts(json_t *summary)
{
	json_t *c = json_object_get(summary, "counts");
	printf("  %lld reports, %lld evidence records, %lld audit records\n",
	       (long long)json_integer_value(json_object_get(c, "reports")),
	       (long long)json_integer_value(json_object_get(c, "evidence")),
	       (long long)json_integer_value(json_object_get(c, "audit_records")));
}

int cmd_backup(int argc, char **argv)
{
	const char *db = "data/cchc.db", *out = NULL, *data_dir = NULL;
	for (int i = 0; i < argc; i++) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "-o", &out)) || (r = cli_opt(argc, argv, &i, "--db", &db)) ||
		    (r = cli_opt(argc, argv, &i, "--data-dir", &data_dir))) {
			if (r < 0)
				return cli_usage("backup");
			continue;
		}
		fprintf(stderr, "cchc backup: unknown option '%s'\n", argv[i]);
		return cli_usage("backup");
	}
	if (!out || sodium_init() < 0)
		return cli_usage("backup");
	/* The archive holds password hashes and citizens' contacts. */
	umask(077);
	struct tracker *tr = cli_tracker_existing("backup", db, data_dir);
	if (!tr)
		return 1;
	struct err err = {0};
	struct progress pr;
	progress_start(&pr, stderr, "backup", 0, 1);
	json_t *summary = NULL;
	int rc = 0;
	if (backup_write(tr, out, &pr, &summary, &err) != ERR_OK) {
		progress_abort(&pr);
		fprintf(stderr, "cchc backup: %s\n", err.message);
		rc = 1;
	} else {
		progress_finish(&pr);
		printf("cchc: backup written to %s: %lld files, %.1f MB before compression\n", out,
		       (long long)json_integer_value(json_object_get(summary, "files")),
		       (double)json_integer_value(json_object_get(summary, "bytes")) / 1e6);
		print_counts(summary);
	}
	json_decref(summary);
	tracker_close(tr);
	return rc;
}

int cmd_restore(int argc, char **argv)
{
	const char *archive = NULL, *dir = NULL;
	for (int i = 0; i < argc; i++) {
		int r = cli_opt(argc, argv, &i, "--data-dir", &dir);
		if (r < 0)
			return cli_usage("restore");
		if (r)
			continue;
		if (argv[i][0] == '-' || archive) {
			fprintf(stderr, "cchc restore: unexpected '%s'\n", argv[i]);
			return cli_usage("restore");
		}
		archive = argv[i];
	}
	if (!archive || !dir || sodium_init() < 0)
		return cli_usage("restore");
	umask(077);
	struct progress pr;
	progress_start(&pr, stderr, "restore", 0, 1);
	struct err err = {0};
	json_t *summary = NULL;
	if (backup_restore(archive, dir, &pr, &summary, &err) != ERR_OK) {
		progress_abort(&pr);
		fprintf(stderr, "cchc restore: %s\n", err.message);
		return 1;
	}
	progress_finish(&pr);
	printf("cchc: restored %lld files into %s; every SHA-256 matches the manifest\n",
	       (long long)json_integer_value(json_object_get(summary, "files")), dir);
	print_counts(summary);
	printf("  audit trail holds: head %s\n"
	       "  serve it with: cchc serve --db %s\n",
	       json_string_value(json_object_get(summary, "audit_head")),
	       json_string_value(json_object_get(summary, "database")));
	json_decref(summary);
	return 0;
}
