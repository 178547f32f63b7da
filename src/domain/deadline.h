/*
 * deadline.h — deadlines counted in working days: "N ngày làm việc kể từ
 * ngày nhận" (N working days after receipt).
 *
 * The deadline is computed once, when the task is created, with the
 * calendar as stored at that moment (the Labour Code rules and the
 * officials' overrides), and stored on the assignments like any other
 * deadline.  It is not recomputed when an override is added later: a
 * deadline once given to a unit does not move under it, just as PATCH
 * refuses to change deadlines.  The task keeps due_workdays and
 * received_on so that anyone can see how the date was reached.
 */
#ifndef CCHC_DEADLINE_H
#define CCHC_DEADLINE_H
#include <jansson.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/tracker.h"

/* The n-th working day after received (both day numbers), with the stored
 * overrides; ERR_INVALID outside the calendar's years. */
enum err_code deadline_after_workdays(struct tracker *tr, int32_t received, int n, int32_t *out,
				      struct err *err);

/*
 * POST /tasks with, besides tracker_task_create's fields, "due_workdays"
 * (1..1000) and optionally "received_on" (default today): the deadline is
 * computed from them; giving "deadline" as well, or a recurrence, is
 * ERR_INVALID.  Without due_workdays it is tracker_task_create.
 */
enum err_code deadline_task_create(struct tracker *tr, json_t *body, json_t **out, struct err *err);

#endif
