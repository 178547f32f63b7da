/*
 * cmd_remind.c — `cchc remind`: produce the reminders due on a day and send
 * the queued mail once, as one round of the server's scheduler does; or,
 * with --dry-run, print what would be produced and write nothing.
 * Exit codes: 0 ok, 1 the database or the store failed, 2 bad arguments.
 */
#include "base/base.h"
#include "base/date.h"
#include "cli/cli.h"
#include "domain/remind.h"
#include "domain/tracker.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

int cmd_remind(int argc, char **argv)
{
	const char *db = "data/cchc.db", *config = NULL, *as_of_s = NULL;
	bool dry_run = false;
	for (int i = 0; i < argc; i++) {
		int r;
		if (strcmp(argv[i], "--dry-run") == 0) {
			dry_run = true;
			continue;
		}
		if ((r = cli_opt(argc, argv, &i, "--db", &db)) ||
		    (r = cli_opt(argc, argv, &i, "--config", &config)) ||
		    (r = cli_opt(argc, argv, &i, "--as-of", &as_of_s))) {
			if (r < 0)
				return cli_usage("remind");
			continue;
		}
		fprintf(stderr, "cchc remind: unknown option '%s'\n", argv[i]);
		return cli_usage("remind");
	}
	struct err err = {0};
	struct remind_settings settings;
	remind_settings_init(&settings);
	struct calendar cal;
	calendar_init(&cal, NULL);
	struct tracker *tr = NULL;
	int rc = 0;
	if (config && remind_settings_load(&settings, config, &err) != ERR_OK) {
		fprintf(stderr, "cchc remind: %s\n", err.message);
		rc = 2;
		goto out;
	}
	int32_t day = settings.as_of != DATE_NONE ? settings.as_of : date_today();
	if (as_of_s && ((day = date_parse(as_of_s)) == DATE_NONE || !calendar_in_range(day))) {
		fprintf(stderr, "cchc remind: --as-of wants a date YYYY-MM-DD from %d to %d, got '%s'\n",
			CALENDAR_YEAR_MIN, CALENDAR_YEAR_MAX, as_of_s);
		rc = 2;
		goto out;
	}
	if (!(tr = cli_tracker("remind", db, true))) {
		rc = 1;
		goto out;
	}
	if (remind_load_calendar(tr, &cal, &err) != ERR_OK) {
		fprintf(stderr, "cchc remind: %s\n", err.message);
		rc = 1;
		goto out;
	}
	if (dry_run) {
		if (remind_preview(tr, &cal, &settings, day, stdout, &err) != ERR_OK) {
			fprintf(stderr, "cchc remind: %s\n", err.message);
			rc = 1;
		}
		goto out;
	}
	/* A dropped SMTP connection must not kill the command. */
	signal(SIGPIPE, SIG_IGN);
	mailer_global_init();
	struct remind_stats stats = {0};
	if (remind_produce(tr, &cal, &settings, day, &stats, &err) != ERR_OK ||
	    mailer_drain(tr, &settings.mail, 1000, &stats.mail, &err) != ERR_OK) {
		fprintf(stderr, "cchc remind: %s\n", err.message);
		rc = 1;
	}
	mailer_global_cleanup();
	char d[DATE_STRLEN];
	printf("cchc: %s: %d reminders produced, %d letters queued; mail: %d sent, %d to retry, "
	       "%d failed%s\n", date_format(day, d), stats.produced, stats.letters, stats.mail.sent,
	       stats.mail.retried, stats.mail.failed,
	       settings.mail.smtp_url ? "" : " (no smtp_url configured: letters stay queued)");
out:
	tracker_close(tr);
	calendar_release(&cal);
	remind_settings_release(&settings);
	return rc;
}
