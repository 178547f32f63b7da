/*
 * remind.h — reminders that chase late work (đôn đốc), the settings file
 * that configures them and the mailer, and the scheduler thread inside
 * `cchc serve`.
 *
 * As of a working day D, for each assignment not completed by D:
 *   before   its deadline is at most days_before working days ahead
 *            (once per deadline), to the unit's officers;
 *   due      D is the deadline, or the last working day before a deadline
 *            that falls on a day off (once), to the officers;
 *   overdue  the deadline has passed: on the first working day after it
 *            and again every overdue_every working days, to the officers.
 * And once per period:
 *   weekly_unit  the first working day of a week, to each unit's head: what
 *                the unit owes (overdue, and due within two working weeks);
 *   weekly_lead  the same day, to each lead agency: overdue work in the
 *                fields it leads, unit by unit;
 *   monthly_ppc  the first working day of a month, to the PPC leadership
 *                (the province unit): the units that fall behind.
 * Nothing is produced on a day off: officials do not work then, and the
 * reminders of that day come on the next working day instead.  Each
 * reminder is an in-app notification for the unit plus a letter to each of
 * its contacts of the right role, recorded once (see store_reminder_record).
 */
#ifndef CCHC_REMIND_H
#define CCHC_REMIND_H
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/err.h"
#include "domain/calendar.h"
#include "domain/mailer.h"

struct store;
struct tracker;

/* What the configuration file (`--config FILE`) sets; see docs/configuration.md
 * (remind_settings.c). */
struct remind_settings {
	struct mail_config mail;
	char *base_url;		/* links in letters are base_url + "/#/unit/ID" */
	int days_before;	/* working days ahead of a deadline for "before"; 0: none */
	int overdue_every;	/* working days between overdue reminders */
	int interval_seconds;	/* how often the scheduler wakes up */
	int32_t as_of;		/* a fixed day for the scheduler (tests, demos); DATE_NONE: today */
	/* `cchc serve`'s own keys (issue 19); NULL: not set. */
	char *listen, *db;	/* read at start only: a change needs a restart */
	char *log_file;		/* the request log; NULL: stderr */
	int log_level;		/* enum log_level of http/obs.h: 0 debug ... 3 error; default 1 */
	char *metrics_token;	/* lets /metrics answer beyond loopback */
	/* How the web page shrinks evidence photos before sending (issue 20):
	 * the longest side in pixels, the JPEG quality in percent; read at start. */
	int photo_max_px, photo_quality;
	/* The scheduler's daily sweep of the evidence folder removes files no
	 * row names once they are this many seconds old (evidence.h). */
	int evidence_sweep_min_age;
};

/* The defaults: days_before 3, overdue_every 5, every 60 s, base_url
 * http://127.0.0.1:8080, no SMTP server, photos 1600 px at quality 80,
 * evidence swept after a day. */
void remind_settings_init(struct remind_settings *s);
void remind_settings_release(struct remind_settings *s);
/*
 * Reads "key = value" lines ('#' starts a comment line) over the defaults.
 * ERR_INVALID naming the line for an unknown key or a bad value; the file
 * is read whole first, so on error s keeps its earlier values.
 */
enum err_code remind_settings_load(struct remind_settings *s, const char *path, struct err *err);

/* Replaces cal's overrides with those stored in the database. */
enum err_code remind_load_calendar(struct tracker *tr, struct calendar *cal, struct err *err);

/* ---- The stored calendar, for the API (notifications and contacts: notify.h) ---- */

/* Stored overrides of a year (0: all): [{date, kind, name, created_by, created_at}]. */
json_t *remind_overrides(struct tracker *tr, int year, struct err *err);
/*
 * Changing overrides is configuring the system (ACT_CONFIGURE).  created_by
 * is the "by" given, a display name, or else tr's principal.
 */
/* Adds or replaces the override of date ("YYYY-MM-DD"): kind "off" or
 * "work", name may be NULL (ERR_INVALID naming what the calendar refuses). */
enum err_code remind_override_add(struct tracker *tr, const char *date, const char *kind, const char *name,
				  const char *by, struct err *err);
/* The same from {date, kind: off|work, name?, by?}
 * (ERR_INVALID naming the field); *out gets the stored row. */
enum err_code remind_override_put(struct tracker *tr, json_t *body, json_t **out, struct err *err);
/* ERR_BAD_REQUEST for a bad date, ERR_NOT_FOUND when none is stored. */
enum err_code remind_override_remove(struct tracker *tr, const char *date, struct err *err);
/* Adds or replaces every override of text (calendar_load_overrides' format)
 * at once, or none (ERR_INVALID as the reader says); *count gets how many. */
enum err_code remind_overrides_import(struct tracker *tr, const char *text, const char *by, size_t *count,
				      struct err *err);
/* {"year", "holidays": [{date, name}]}: the official days off with the
 * stored overrides applied. */
json_t *remind_holidays(struct tracker *tr, int year, struct err *err);

/* One reminder, as computed; strings owned by the reminder set. */
struct reminder {
	const char *kind;	/* "before", "due", "overdue", "weekly_unit", ... */
	int64_t subject_id;	/* the assignment, or the addressed unit for digests */
	int32_t day;		/* the dedup day (see reminder_log in the schema) */
	int64_t unit_id;	/* whose bell shows it */
	const char *unit_name;
	const char *role;	/* contacts to mail: "officer", "head" or NULL for all */
	char *subject;		/* the letter's subject and the notification's text */
	char *text;		/* the notification: one or two sentences */
	char *body;		/* the letter */
	char *link;		/* "/#/unit/ID", "/#/?field=ID", "/#/" */
};

struct reminder_set {
	struct reminder *items;
	size_t n, cap;
	json_t *rows;		/* keeps the borrowed unit names alive */
};

void reminder_set_release(struct reminder_set *rs);

/*
 * Computes the reminders due as of day that have not been produced yet
 * (in the order above, by unit).  cal must hold the stored overrides.
 */
enum err_code remind_compute(struct tracker *tr, struct calendar *cal, const struct remind_settings *s,
			     int32_t day, struct reminder_set *out, struct err *err);

struct remind_stats {
	int produced;		/* reminders recorded now */
	int letters;		/* letters queued with them */
	struct mailer_stats mail;
};

/*
 * Computes, then records each reminder with its notification and letters
 * (to the unit's contacts of the reminder's role).  Safe to run from
 * several processes at once: a reminder another one recorded is skipped.
 */
enum err_code remind_produce(struct tracker *tr, struct calendar *cal, const struct remind_settings *s,
			     int32_t day, struct remind_stats *stats, struct err *err);

/* Prints what remind_produce would record, writing nothing. */
enum err_code remind_preview(struct tracker *tr, struct calendar *cal, const struct remind_settings *s,
			     int32_t day, FILE *out, struct err *err);

/*
 * The scheduler: a thread that, every interval_seconds, loads the stored
 * calendar, produces the day's reminders and drains the mail queue.  Start
 * it before the server (it blocks SIGINT and SIGTERM for itself, so those
 * reach the server's sigwait) and stop it after: stop wakes it at once and
 * waits for the round in progress.  Once a day (and in its first round) it
 * also sweeps the evidence folder.  s and tr must outlive the scheduler;
 * the scheduler acts as tr's principal (the system).
 */
struct remind_scheduler;
struct remind_scheduler *remind_scheduler_start(struct tracker *tr, const struct remind_settings *s,
						struct err *err);
void remind_scheduler_stop(struct remind_scheduler *sch);

#endif
