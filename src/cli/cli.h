/*
 * cli.h — the command table of the `cchc` binary.  Each subcommand is a
 * function taking the arguments after its name; it returns the process exit
 * code (0 ok, 1 failure, 2 usage).  Commands live one per file, cmd_NAME.c.
 */
#ifndef CCHC_CLI_H
#define CCHC_CLI_H
#include <stdbool.h>

struct tracker;

struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;	/* one line: arguments after the name */
	const char *help;	/* one sentence */
};

int cli_main(int argc, char **argv);
/* Prints "usage: cchc NAME USAGE" to stderr and returns 2. */
int cli_usage(const char *name);

/*
 * Option scanning shared by the commands: cli_opt(argc, argv, &i, "--db", &val)
 * matches "--db VALUE" or "--db=VALUE" at argv[i], advancing i past the value.
 * Returns 1 on a match, 0 if argv[i] is another word, -1 if the value is missing.
 */
int cli_opt(int argc, char **argv, int *i, const char *name, const char **value);

/*
 * Opens the database at db for a command that acts as the system principal
 * "cli" (its changes are recorded under that name); on failure prints
 * "cchc CMD: why" (or "cchc: why" for cmd NULL) and returns NULL.  The
 * caller closes it with tracker_close.
 */
struct tracker *cli_tracker(const char *cmd, const char *db, bool durable);
/* The same, durable, for a database that must exist already (one made
 * anew would hold nothing), with evidence under data_dir (NULL: beside it). */
struct tracker *cli_tracker_existing(const char *cmd, const char *db, const char *data_dir);

int cmd_serve(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_remind(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_report(int argc, char **argv);	/* issue 6 */
int cmd_import(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_openapi(int argc, char **argv);
int cmd_par(int argc, char **argv);	/* issue 14 */
int cmd_migrate(int argc, char **argv);	/* issue 16 */
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_evidence(int argc, char **argv);

#endif
