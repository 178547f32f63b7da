/* cmd_audit.c — `cchc audit verify|export`: check and read the audit trail. */
#include "base/base.h"
#include "cli/cli.h"
#include "store/store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct verify_ctx {
	int64_t expect_id;	/* records are numbered 1, 2, 3 ... with no gap */
	char prev[65];
	int64_t broken;		/* the first record that fails, or 0 */
	const char *why;
	FILE *out;		/* export: every record as a JSON line */
};

static int check(void *ctx, json_t *row)
{
	struct verify_ctx *v = ctx;
	int64_t id = json_integer_value(json_object_get(row, "id"));
	const char *f[8];
	static const char *const keys[] = {"prev_hash", "at", "actor", "address", "action", "entity",
					   "entity_id", "detail"};
	for (int i = 0; i < 8; i++)
		f[i] = json_string_value(json_object_get(row, keys[i]));
	char hash[65];
	store_audit_hash(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], hash);
	if (id != v->expect_id)
		v->why = "a record before it is missing (deleted)";
	else if (!f[0] || strcmp(f[0], v->prev) != 0)
		v->why = "its prev_hash does not match the record before it";
	else if (strcmp(hash, json_string_value(json_object_get(row, "hash"))) != 0)
		v->why = "its content does not match its hash (edited)";
	if (v->why) {
		v->broken = id;
		return 1;
	}
	if (v->out) {
		char *line = json_dumps(row, JSON_COMPACT);
		fprintf(v->out, "%s\n", line);
		free(line);
	}
	snprintf(v->prev, sizeof v->prev, "%s", hash);
	v->expect_id++;
	return 0;
}

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
	struct err err;
	struct store_options opt = {.durable = 1, .connections = 1};
	struct store *st = store_open(db, &opt, &err);
	if (!st) {
		fprintf(stderr, "cchc audit: %s\n", err.message);
		return 1;
	}
	struct verify_ctx v = {.expect_id = 1};
	if (exporting)
		v.out = file ? fopen(file, "w") : stdout;
	int rc = 0;
	if (exporting && !v.out) {
		fprintf(stderr, "cchc audit: cannot write %s\n", file);
		rc = 1;
	} else if (store_audit_scan(st, check, &v, &err) != ERR_OK) {
		fprintf(stderr, "cchc audit: %s\n", err.message);
		rc = 1;
	} else if (v.broken) {
		fprintf(stderr, "cchc audit: the trail is broken at record %lld: %s\n", (long long)v.broken, v.why);
		rc = 1;
	} else if (!exporting) {
		/* Keep the head somewhere else: a deleted tail shows only against it. */
		printf("ok: %lld records, head %s\n", (long long)(v.expect_id - 1), v.prev[0] ? v.prev : "-");
	}
	if (v.out && v.out != stdout)
		fclose(v.out);
	store_close(st);
	return rc;
}
