/*
 * cmd_calendar.c — `cchc calendar`: lunar dates, the official days off of a
 * year and working-day arithmetic, optionally corrected by an override file
 * and by the overrides stored in a database (--db); and the stored
 * overrides themselves: override add|list|remove, import FILE.
 * Exit codes: 0 ok, 1 a file or the database cannot be read or written (or
 * there is no such override to remove), 2 bad arguments.
 */
#include "base/base.h"
#include "base/date.h"
#include "base/err.h"
#include "cli/cli.h"
#include "domain/calendar.h"
#include "domain/remind.h"
#include "domain/tracker.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_POSITIONAL 5
/* A bound on N keeps the arithmetic far from overflow; 200 years hold ~52,000. */
#define MAX_WORKDAYS 1000000L

/* Prints "cchc calendar: MESSAGE" to stderr and returns the usage exit code. */
static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("cchc calendar: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 2;
}

/* A supported date from "YYYY-MM-DD", or DATE_NONE after printing why not. */
static int32_t parse_day(const char *s)
{
	int32_t day = date_parse(s);
	if (day == DATE_NONE) {
		fail("invalid date '%s': want an existing date as YYYY-MM-DD", s);
		return DATE_NONE;
	}
	if (!calendar_in_range(day)) {
		fail("%s is outside the supported years %d-%d", s, CALENDAR_YEAR_MIN,
		     CALENDAR_YEAR_MAX);
		return DATE_NONE;
	}
	return day;
}

/* Strict decimal integer with an optional sign; false on anything else. */
static bool parse_long(const char *s, long *out)
{
	char *end;
	if (!*s || (s[0] != '-' && s[0] != '+' && (s[0] < '0' || s[0] > '9')))
		return false;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

static int load_overrides(struct calendar *cal, const char *path)
{
	struct err e = {0};
	size_t len = 0;
	int rc = 0;
	char *text = read_file(path, &len);
	if (!text) {
		fprintf(stderr, "cchc calendar: cannot read %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (strlen(text) != len) {
		rc = fail("%s: contains a NUL byte, not a text file", path);
		goto cleanup;
	}
	if (calendar_load_overrides(cal, text, &e) != ERR_OK) {
		rc = fail("%s: %s", path, e.message);
		goto cleanup;
	}
cleanup:
	free(text);
	return rc;
}

static int do_lunar(const char *date)
{
	int32_t day = parse_day(date);
	struct lunar_date l;
	if (day == DATE_NONE || !lunar_from_solar(day, &l))
		return 2;
	printf("%d/%d/%d%s\n", l.day, l.month, l.year, l.leap ? " (leap)" : "");
	return 0;
}

static int do_holidays(struct calendar *cal, const char *year_s)
{
	long year;
	if (strlen(year_s) != 4 || !parse_long(year_s, &year) || year_s[0] < '0' ||
	    year < CALENDAR_YEAR_MIN || year > CALENDAR_YEAR_MAX)
		return fail("invalid year '%s': want YYYY from %d to %d", year_s,
			    CALENDAR_YEAR_MIN, CALENDAR_YEAR_MAX);
	size_t n = calendar_holidays(cal, (int)year, NULL, 0);
	struct calendar_holiday *h = xcalloc(n, sizeof *h);
	calendar_holidays(cal, (int)year, h, n);
	for (size_t i = 0; i < n; i++) {
		char s[DATE_STRLEN];
		printf("%s\t%s\n", date_format(h[i].day, s), h[i].name);
	}
	free(h);
	return 0;
}

static int do_add_workdays(struct calendar *cal, const char *date, const char *n_s)
{
	int32_t day = parse_day(date);
	if (day == DATE_NONE)
		return 2;
	long n;
	if (!parse_long(n_s, &n) || n < -MAX_WORKDAYS || n > MAX_WORKDAYS)
		return fail("invalid number of working days '%s': want an integer from %ld to %ld",
			    n_s, -MAX_WORKDAYS, MAX_WORKDAYS);
	int32_t result = calendar_add_workdays(cal, day, (int32_t)n);
	if (result == DATE_NONE)
		return fail("%s %+ld working days falls outside the supported years %d-%d", date,
			    n, CALENDAR_YEAR_MIN, CALENDAR_YEAR_MAX);
	char s[DATE_STRLEN];
	printf("%s\n", date_format(result, s));
	return 0;
}

static int do_workdays(struct calendar *cal, const char *from_s, const char *to_s)
{
	int32_t from = parse_day(from_s), to;
	if (from == DATE_NONE || (to = parse_day(to_s)) == DATE_NONE)
		return 2;
	printf("%ld\n", (long)calendar_workdays_between(cal, from, to, NULL));
	return 0;
}

/* ---- the overrides stored in a database (--db) ---------------------- */

/* A domain error: 2 for what the input got wrong, 1 for the database. */
static int domain_failure(const char *what, const struct err *e)
{
	fprintf(stderr, "cchc calendar: %s%s%s\n", what ? what : "", what ? ": " : "", e->message);
	return e->code == ERR_INVALID || e->code == ERR_BAD_REQUEST ? 2 : 1;
}

static int do_override_add(struct tracker *tr, const char *date, const char *kind,
			   const char *name, const char *by)
{
	if (parse_day(date) == DATE_NONE)
		return 2;
	struct err e = {0};
	if (remind_override_add(tr, date, kind, name, by, &e) != ERR_OK)
		return domain_failure(NULL, &e);
	printf("%s\t%s\t%s\n", date, kind, name);
	return 0;
}

/* Lists in the import format, so that a list can be edited and imported. */
static int do_override_list(struct tracker *tr, const char *year_s)
{
	long year = 0;
	if (year_s && (strlen(year_s) != 4 || !parse_long(year_s, &year) ||
		       year < CALENDAR_YEAR_MIN || year > CALENDAR_YEAR_MAX))
		return fail("invalid year '%s': want YYYY from %d to %d", year_s, CALENDAR_YEAR_MIN,
			    CALENDAR_YEAR_MAX);
	struct err e = {0};
	json_t *rows = remind_overrides(tr, (int)year, &e);
	if (!rows) {
		fprintf(stderr, "cchc calendar: %s\n", e.message);
		return 1;
	}
	size_t i;
	json_t *o;
	json_array_foreach(rows, i, o)
		printf("%s\t%s\t%s\n", json_string_value(json_object_get(o, "date")),
		       json_string_value(json_object_get(o, "kind")),
		       json_string_value(json_object_get(o, "name")));
	json_decref(rows);
	return 0;
}

static int do_override_remove(struct tracker *tr, const char *date)
{
	if (parse_day(date) == DATE_NONE)
		return 2;
	struct err e = {0};
	if (remind_override_remove(tr, date, &e) != ERR_OK) {
		fprintf(stderr, "cchc calendar: %s\n", e.message);
		return 1;
	}
	return 0;
}

/* The whole file or nothing. */
static int do_import(struct tracker *tr, const char *path, const char *by)
{
	size_t len = 0, n = 0;
	char *text = read_file(path, &len);
	if (!text) {
		fprintf(stderr, "cchc calendar: cannot read %s: %s\n", path, strerror(errno));
		return 1;
	}
	struct err e = {0};
	int rc = 0;
	if (strlen(text) != len)
		rc = fail("%s: contains a NUL byte, not a text file", path);
	else if (remind_overrides_import(tr, text, by, &n, &e) != ERR_OK)
		rc = domain_failure(path, &e);
	else
		printf("imported %zu overrides\n", n);
	free(text);
	return rc;
}

/* Subcommands that work on the stored overrides; -1 when sub is not one. */
static int stored_command(struct tracker *tr, const char **pos, int npos, const char *by)
{
	const char *sub = pos[0];
	bool is_override = strcmp(sub, "override") == 0 && npos >= 2;
	if (strcmp(sub, "import") != 0 && !is_override)
		return -1;
	if (!tr)
		return fail("'%s' works on a database: give --db PATH", sub);
	if (strcmp(sub, "import") == 0 && npos == 2)
		return do_import(tr, pos[1], by);
	const char *verb = pos[1];
	if (strcmp(verb, "add") == 0 && (npos == 4 || npos == 5))
		return do_override_add(tr, pos[2], pos[3], npos == 5 ? pos[4] : "", by);
	if (strcmp(verb, "list") == 0 && npos <= 3)
		return do_override_list(tr, npos == 3 ? pos[2] : NULL);
	if (strcmp(verb, "remove") == 0 && npos == 3)
		return do_override_remove(tr, pos[2]);
	return cli_usage("calendar");
}

int cmd_calendar(int argc, char **argv)
{
	const char *pos[MAX_POSITIONAL];
	const char *overrides = NULL, *db = NULL, *by = NULL;
	int npos = 0, rc = 0;
	struct calendar cal;
	struct tracker *tr = NULL;
	calendar_init(&cal, NULL);

	for (int i = 0; i < argc; i++) {
		const char *value = NULL;
		int m = cli_opt(argc, argv, &i, "--overrides", &value);
		if (m < 0) {
			rc = fail("--overrides needs a FILE");
			goto cleanup;
		}
		if (m > 0) {
			overrides = value;
			continue;
		}
		if ((m = cli_opt(argc, argv, &i, "--db", &db)) ||
		    (m = cli_opt(argc, argv, &i, "--by", &by))) {
			if (m < 0) {
				rc = fail("%s needs a value", argv[i]);
				goto cleanup;
			}
			continue;
		}
		/* "-5" is a number of days; only "--" words are options. */
		if (strncmp(argv[i], "--", 2) == 0) {
			fail("unknown option '%s'", argv[i]);
			rc = cli_usage("calendar");
			goto cleanup;
		}
		if (npos == MAX_POSITIONAL) {
			rc = cli_usage("calendar");
			goto cleanup;
		}
		pos[npos++] = argv[i];
	}
	if (npos == 0) {
		rc = cli_usage("calendar");
		goto cleanup;
	}
	if (db) {
		/* The stored overrides first; a file given too corrects them for this run. */
		struct err e = {0};
		if (!(tr = cli_tracker("calendar", db, true))) {
			rc = 1;
			goto cleanup;
		}
		if (remind_load_calendar(tr, &cal, &e) != ERR_OK) {
			fprintf(stderr, "cchc calendar: %s\n", e.message);
			rc = 1;
			goto cleanup;
		}
	}
	if ((rc = stored_command(tr, pos, npos, by)) >= 0)
		goto cleanup;
	rc = 0;
	if (overrides && (rc = load_overrides(&cal, overrides)) != 0)
		goto cleanup;

	const char *sub = pos[0];
	if (strcmp(sub, "lunar") == 0 && npos == 2)
		rc = do_lunar(pos[1]);
	else if (strcmp(sub, "holidays") == 0 && npos == 2)
		rc = do_holidays(&cal, pos[1]);
	else if (strcmp(sub, "add-workdays") == 0 && npos == 3)
		rc = do_add_workdays(&cal, pos[1], pos[2]);
	else if (strcmp(sub, "workdays") == 0 && npos == 3)
		rc = do_workdays(&cal, pos[1], pos[2]);
	else
		rc = cli_usage("calendar");
cleanup:
	tracker_close(tr);
	calendar_release(&cal);
	return rc;
}
