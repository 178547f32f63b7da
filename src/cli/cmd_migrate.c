/* cmd_migrate.c — `cchc migrate-db --from sqlite:PATH --to postgres://...`:
 * moves a province's data from its SQLite file to a PostgreSQL server. */
#include "base/base.h"
#include "cli/cli.h"
#include "domain/tracker.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void table_done(void *ctx, const char *table, int64_t rows)
{
	(void)ctx;
	printf("%-22s %" PRId64 " rows\n", table, rows);
	fflush(stdout);
}

int cmd_migrate(int argc, char **argv)
{
	const char *from = NULL, *to = NULL;
	for (int i = 0; i < argc; i++) {
		int r;
		if ((r = cli_opt(argc, argv, &i, "--from", &from)) || (r = cli_opt(argc, argv, &i, "--to", &to))) {
			if (r < 0)
				return cli_usage("migrate-db");
			continue;
		}
		return cli_usage("migrate-db");
	}
	if (!from || !to)
		return cli_usage("migrate-db");
	if (!strncmp(from, "sqlite:", 7))
		from += 7;
	struct err err;
	if (tracker_copy_db(from, to, table_done, NULL, &err) != ERR_OK) {
		fprintf(stderr, "cchc migrate-db: %s\n", err.message);
		return 1;
	}
	printf("copied; check it with: cchc audit verify --db '%s'\n", to);
	return 0;
}
