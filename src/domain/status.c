#include "base/base.h"
#include "base/date.h"
#include "domain/status.h"

#include <stdio.h>
#include <string.h>

enum status status_of(int32_t deadline, int32_t first_report_on, int32_t completed_on, int32_t as_of)
{
	if (completed_on != DATE_NONE && completed_on <= as_of)
		return completed_on <= deadline ? STATUS_DONE_ON_TIME : STATUS_DONE_LATE;
	if (as_of > deadline)
		return STATUS_OVERDUE;
	if (first_report_on != DATE_NONE && first_report_on <= as_of)
		return STATUS_IN_PROGRESS;
	return STATUS_NOT_STARTED;
}

static const char *const status_names[STATUS_COUNT] = {
	[STATUS_NOT_STARTED] = "not_started",
	[STATUS_IN_PROGRESS] = "in_progress",
	[STATUS_OVERDUE] = "overdue",
	[STATUS_DONE_LATE] = "done_late",
	[STATUS_DONE_ON_TIME] = "done_on_time",
};

const char *status_name(enum status s)
{
	return s < STATUS_COUNT ? status_names[s] : "unknown";
}

enum status status_from_name(const char *name)
{
	for (int s = 0; s < STATUS_COUNT; s++)
		if (strcmp(status_names[s], name) == 0)
			return (enum status)s;
	return STATUS_COUNT;
}

double status_on_time_rate(const int64_t counts[STATUS_COUNT])
{
	int64_t due = counts[STATUS_DONE_ON_TIME] + counts[STATUS_DONE_LATE] + counts[STATUS_OVERDUE];
	return due ? (double)counts[STATUS_DONE_ON_TIME] / (double)due : -1.0;
}

static const char *const recurrence_names[] = {
	[REC_ONCE] = "once", [REC_MONTHLY] = "monthly", [REC_QUARTERLY] = "quarterly",
	[REC_SEMIANNUAL] = "semiannual", [REC_YEARLY] = "yearly", [REC_ONGOING] = "ongoing",
};

const char *recurrence_name(enum recurrence r)
{
	return (size_t)r < ARRAY_LEN(recurrence_names) ? recurrence_names[r] : "once";
}

int recurrence_from_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_LEN(recurrence_names); i++)
		if (strcmp(recurrence_names[i], name) == 0)
			return (int)i;
	return -1;
}

static void period_end(struct assignment_new *a, int year, int month)
{
	char d[DATE_STRLEN];
	date_format(date_from_ymd(year, month, date_days_in_month(year, month)), d);
	memcpy(a->deadline, d, sizeof a->deadline);
}

size_t status_periods(enum recurrence r, int year_in, struct assignment_new out[12])
{
	size_t n = 0;
	/* Unsigned, bounded values keep every label within its 12 bytes. */
	unsigned year = (unsigned)year_in % 10000u;
	switch (r) {
	case REC_MONTHLY:
		for (int m = 1; m <= 12; m++, n++) {
			snprintf(out[n].period, sizeof out[n].period, "%04u-%02u", year, (unsigned)m);
			period_end(&out[n], (int)year, m);
		}
		break;
	case REC_QUARTERLY:
	case REC_ONGOING:
		for (int q = 1; q <= 4; q++, n++) {
			snprintf(out[n].period, sizeof out[n].period, "%04u-Q%u", year, (unsigned)q);
			period_end(&out[n], (int)year, q * 3);
		}
		break;
	case REC_SEMIANNUAL:
		for (int h = 1; h <= 2; h++, n++) {
			snprintf(out[n].period, sizeof out[n].period, "%04u-H%u", year, (unsigned)h);
			period_end(&out[n], (int)year, h * 6);
		}
		break;
	case REC_YEARLY:
		snprintf(out[0].period, sizeof out[0].period, "%04u", year);
		period_end(&out[0], (int)year, 12);
		n = 1;
		break;
	case REC_ONCE:
		break;
	}
	for (size_t i = 0; i < n; i++)
		out[i].unit_id = 0;
	return n;
}
