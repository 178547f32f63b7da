/*
 * status.h — the one place where an assignment's status as of a date is
 * decided, and where recurring tasks are cut into periods.
 */
#ifndef CCHC_STATUS_H
#define CCHC_STATUS_H
#include <stddef.h>
#include <stdint.h>

#include "store/rows.h"

enum status {
	STATUS_NOT_STARTED,
	STATUS_IN_PROGRESS,
	STATUS_OVERDUE,
	STATUS_DONE_LATE,
	STATUS_DONE_ON_TIME,
	STATUS_COUNT
};

/*
 * Status as of day as_of (all arguments are day numbers, DATE_NONE for
 * "none"):
 *   done_on_time  completed on or before as_of, and on or before the deadline
 *   done_late     completed on or before as_of, after the deadline
 *   overdue       not completed by as_of, and as_of is after the deadline
 *   in_progress   not completed, deadline not passed, a report on or before as_of
 *   not_started   no report on or before as_of, deadline not passed
 * A completion dated after as_of does not count yet; the deadline day
 * itself is still on time.
 */
enum status status_of(int32_t deadline, int32_t first_report_on, int32_t completed_on, int32_t as_of);

const char *status_name(enum status s);		/* "done_on_time", ... */
/* Returns STATUS_COUNT for an unknown name. */
enum status status_from_name(const char *name);

/*
 * On-time rate: done on time over everything that is due or done
 * (done_on_time + done_late + overdue), the denominator of the Government
 * Office's task tracking.  Negative when nothing is due yet.
 */
double status_on_time_rate(const int64_t counts[STATUS_COUNT]);

const char *recurrence_name(enum recurrence r);
/* Returns -1 for an unknown name. */
int recurrence_from_name(const char *name);

/*
 * The periods of a recurring task in a year, with their deadlines (the
 * period's last day).  Ongoing ("thường xuyên") work is judged by quarter,
 * the rhythm of the reform reporting cycle.  Fills up to 12 entries of
 * out; returns how many.  REC_ONCE yields none: the task's own deadline
 * applies.
 */
size_t status_periods(enum recurrence r, int year, struct assignment_new out[12]);

#endif
