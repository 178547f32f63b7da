/* cli.c — dispatch `cchc NAME ARGS...` through one table. */
#include "base/base.h"
#include "cli/cli.h"
#include "domain/tracker.h"

#include <stdio.h>
#include <string.h>

static int cmd_version(int argc, char **argv);
static int cmd_help(int argc, char **argv);

/* Kept in the order `cchc help` shows them. */
static const struct cli_command commands[] = {
	{"serve", cmd_serve, "[--db PATH] [--listen HOST:PORT] [--data-dir DIR] [--threads N] [--config FILE] [--no-scheduler]", "serve the web UI and the JSON API"},
	{"init", cmd_init, "[--db PATH] [--admin-password-file F] [--demo caobang-2026]", "create or migrate a database, optionally with the demo"},
	{"calendar", cmd_calendar, "lunar DATE | holidays YEAR | add-workdays DATE N | workdays FROM TO [--overrides FILE] [--db PATH] | override add DATE off|work [NAME] | override list [YEAR] | override remove DATE | import FILE (these with --db PATH [--by WHO])", "Vietnamese lunar dates, holidays and working days; the stored overrides"},
	{"remind", cmd_remind, "[--db PATH] [--config FILE] [--as-of DATE] [--dry-run]", "produce the reminders due and send the queued mail once, or preview them"},
	{"parse", cmd_parse, "FILE|-", "parse a directive document (.txt, .docx or text PDF) and print it as JSON"},
	{"user", cmd_user, "add NAME --unit CODE --role ROLE[,ROLE] [--password-file F] | passwd NAME | disable NAME | list [--db PATH]",
	 "manage accounts"},
	{"token", cmd_token, "create --user NAME [--unit CODE] [--role ROLE] [--label TEXT] | revoke ID | list [--db PATH]",
	 "API tokens for machine clients (printed once)"},
	{"audit", cmd_audit, "verify | export [-o FILE] [--db PATH]", "check the hash chain of the audit trail, or export it"},
	{"import", cmd_import, "FILE [--db PATH] [--confirm]", "draft the tasks of a document (.txt, .docx or text PDF); --confirm creates them when nothing is in doubt"},
	{"report", cmd_report, "PERIOD --db PATH [--as-of YYYY-MM-DD] [--field CODE] [--unit CODE] [--format json|csv|xlsx|docx] [-o FILE]", "a periodic reform report (PERIOD: 2026-Q1, 2026-H1, 2026-9M, 2026)"},
	{"par", cmd_par, "import-set FILE.json|FILE.xlsx [--year Y] [--kind K] | export-set ID [--format json|xlsx] | results YEAR [--kind department|commune] [--format json|csv|xlsx|docx|decision] | survey YEAR FILE.csv|FILE.xlsx | sheet ASSESSMENT_ID (with --db PATH, --out FILE)", "the PAR index: import or export a criteria set, the ranked results, survey results, a unit's score sheet"},
	{"migrate-db", cmd_migrate, "--from sqlite:PATH --to postgres://...", "copy a province's SQLite database into a new PostgreSQL database"},
	{"backup", cmd_backup, "-o FILE [--db PATH] [--data-dir DIR]", "write a consistent copy of a live database with its evidence files and their SHA-256 manifest to a new archive"},
	{"evidence", cmd_evidence, "sweep [--db PATH] [--data-dir DIR] [--config FILE] [--min-age SECONDS]", "remove the stored files no record names (left by submissions refused after their upload) and the temporary files of a process that died, once older than the grace period (evidence_sweep_min_age of FILE, default 86400 s)"},
	{"restore", cmd_restore, "FILE --data-dir DIR", "restore a backup archive into a new or empty directory, checking every hash and the audit chain"},
	{"routes", cmd_routes, "", "list the HTTP routes as TSV: method, pattern, body, action, access"},
	{"openapi", cmd_openapi, "", "print the API contract (OpenAPI 3.0 JSON) built from the routes"},
	{"version", cmd_version, "", "print the version"},
	{"help", cmd_help, "[--roff]", "list the commands (--roff: as the COMMANDS section of the manual page)"},
};

static const struct cli_command *find_command(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

int cli_usage(const char *name)
{
	const struct cli_command *c = find_command(name);
	if (c)
		fprintf(stderr, "usage: cchc %s %s\n", c->name, c->usage);
	else
		fprintf(stderr, "usage: cchc COMMAND [ARGS]; see 'cchc help'\n");
	return 2;
}

int cli_opt(int argc, char **argv, int *i, const char *name, const char **value)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);
	if (strncmp(arg, name, n) != 0)
		return 0;
	if (arg[n] == '=') {
		*value = arg + n + 1;
		return 1;
	}
	if (arg[n] != 0)
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*value = argv[++*i];
	return 1;
}

static struct tracker *open_as_cli(const char *cmd, const char *db, bool durable, const char *data_dir)
{
	struct err err;
	struct tracker_options opt = {.durable = durable, .connections = 1, .actor = "cli", .data_dir = data_dir};
	struct tracker *tr = tracker_open(db, &opt, &err);
	if (!tr)
		fprintf(stderr, "cchc%s%s: %s\n", cmd ? " " : "", cmd ? cmd : "", err.message);
	return tr;
}

struct tracker *cli_tracker(const char *cmd, const char *db, bool durable)
{
	return open_as_cli(cmd, db, durable, NULL);
}

struct tracker *cli_tracker_existing(const char *cmd, const char *db, const char *data_dir)
{
	if (tracker_db_missing(db)) {
		fprintf(stderr, "cchc %s: there is no database at %s\n", cmd, db);
		return NULL;
	}
	return open_as_cli(cmd, db, true, data_dir);
}

static int cmd_version(int argc, char **argv)
{
	(void)argv;
	if (argc > 0)
		return cli_usage("version");
	printf("cchc %s\n", CCHC_VERSION);
	return 0;
}

/* Writes s for roff: a backslash and a hyphen-minus as roff wants them. */
static void roff_escaped(const char *s)
{
	for (; *s; s++)
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
}

/* The manual page's COMMANDS section is made from this table, so that the
 * two cannot drift apart. */
static void help_roff(void)
{
	for (size_t i = 0; i < ARRAY_LEN(commands); i++) {
		printf(".TP\n\\fBcchc %s\\fR ", commands[i].name);
		roff_escaped(commands[i].usage);
		printf("\n");
		roff_escaped(commands[i].help);
		printf(".\n");
	}
}

static int cmd_help(int argc, char **argv)
{
	if (argc == 1 && strcmp(argv[0], "--roff") == 0) {
		help_roff();
		return 0;
	}
	if (argc > 0)
		return cli_usage("help");
	printf("cchc — administrative reform (CCHC) tracker\n\nCommands:\n");
	for (size_t i = 0; i < ARRAY_LEN(commands); i++)
		printf("  cchc %s %s\n      %s\n", commands[i].name, commands[i].usage,
		       commands[i].help);
	return 0;
}

int cli_main(int argc, char **argv)
{
	if (argc < 2)
		return cmd_help(0, NULL), 2;
	const struct cli_command *c = find_command(argv[1]);
	if (!c) {
		fprintf(stderr, "cchc: unknown command '%s'\n", argv[1]);
		return cli_usage(NULL);
	}
	return c->run(argc - 2, argv + 2);
}
