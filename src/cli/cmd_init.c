/* cmd_init.c — `cchc init`: create or migrate a database, optionally with the demo. */
#include "base/base.h"
#include "cli/cli.h"
#include "domain/demo.h"
#include "domain/tally.h"
#include "store/store.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int cmd_init(int argc, char **argv)
{
	const char *db = "data/cchc.db", *demo = NULL;
	for (int i = 0; i < argc; i++) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--db", &db)) || (r = cli_opt(argc, argv, &i, "--demo", &demo))) {
			if (r < 0)
				return cli_usage("init");
			continue;
		}
		fprintf(stderr, "cchc init: unknown option '%s'\n", argv[i]);
		return cli_usage("init");
	}
	struct err err = {0};
	struct store_options opt = {.durable = 1, .connections = 1};
	struct store *st = store_open(db, &opt, &err);
	if (!st) {
		fprintf(stderr, "cchc init: %s\n", err.message);
		return 1;
	}
	int rc = 0;
	printf("cchc: %s at schema version %d\n", db, store_schema_version(st));
	if (demo) {
		struct tracker tr = {.store = st};
		if (demo_load(&tr, demo, stdout, &err) != ERR_OK) {
			fprintf(stderr, "cchc init: %s\n", err.message);
			rc = 1;
		} else {
			printf("cchc: loaded the demo '%s' (sample data, marked as demo)\n", demo);
		}
	}
	store_close(st);
	return rc;
}
