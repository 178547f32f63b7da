/* cmd_audit.c — `cchc audit verify|export`: check and read the audit trail. */
#include "base/base.h"
#include "cli/cli.h"
#include "domain/tracker.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

int cmd_audit(int argc, char **argv)
{
	if (argc < 1 || sodium_init() < 0)
		return cli_usage("audit");
	const char *sub = argv[0], *db = "data/cchc.db", *file = NULL;
	for (int i = 1; i < argc; i++) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--db", &db)) || (r = cli_opt(argc, argv, &i, "-o", &file))) {
			if (r < 0)
				return cli_usage("audit");
			continue;
		}
		return cli_usage("audit");
	}
	int exporting = strcmp(sub, "export") == 0;
	if (!exporting && strcmp(sub, "verify") != 0)
		return cli_usage("audit");
	struct tracker *tr = cli_tracker("audit", db, true);
	if (!tr)
		return 1;
	struct err err;
	struct audit_verdict v;
	FILE *out = exporting ? (file ? fopen(file, "w") : stdout) : NULL;
	int rc = 0;
	if (exporting && !out) {
		fprintf(stderr, "cchc audit: cannot write %s\n", file);
		rc = 1;
	} else if (tracker_audit_verify(tr, out, &v, &err) != ERR_OK) {
		fprintf(stderr, "cchc audit: %s\n", err.message);
		rc = 1;
	} else if (v.broken) {
		fprintf(stderr, "cchc audit: the trail is broken at record %lld: %s\n", (long long)v.broken, v.why);
		rc = 1;
	} else if (!exporting) {
		/* Keep the head somewhere else: a deleted tail shows only against it. */
		printf("ok: %lld records, head %s\n", (long long)v.records, v.head[0] ? v.head : "-");
	}
	if (out && out != stdout)
		fclose(out);
	tracker_close(tr);
	return rc;
}
