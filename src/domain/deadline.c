/* deadline.c — tasks whose deadline is N working days after receipt. */
#include "base/base.h"
#include "base/date.h"
#include "domain/calendar.h"
#include "domain/deadline.h"
#include "domain/input.h"
#include "domain/remind.h"
#include "store/store.h"

#include <string.h>

#define MAX_DUE_WORKDAYS 1000	/* four years; the schema's CHECK says the same */

enum err_code deadline_after_workdays(struct tracker *tr, int32_t received, int n, int32_t *out,
				      struct err *err)
{
	struct calendar cal;
	calendar_init(&cal, NULL);
	enum err_code rc = remind_load_calendar(tr, &cal, err);
	if (rc == ERR_OK) {
		*out = calendar_add_workdays(&cal, received, n);
		if (*out == DATE_NONE)
			rc = err_set(err, ERR_INVALID, "received_on",
				     "the deadline falls outside the calendar's years %d-%d",
				     CALENDAR_YEAR_MIN, CALENDAR_YEAR_MAX);
	}
	calendar_release(&cal);
	return rc;
}

enum err_code deadline_task_create(struct tracker *tr, json_t *body, json_t **out, struct err *err)
{
	json_t *copy = NULL, *created = NULL;
	char received[11];
	int64_t n = 0;
	bool has_n = false;
	enum err_code rc;
	if ((rc = in_int(body, "due_workdays", false, 1, MAX_DUE_WORKDAYS, &n, &has_n, err)) ||
	    (rc = in_date(body, "received_on", false, received, err)))
		return rc;
	if (!has_n) {
		if (received[0])
			return err_set(err, ERR_INVALID, "received_on",
				       "'received_on' goes with 'due_workdays'");
		return tracker_task_create(tr, body, out, err);
	}
	json_t *rec = json_object_get(body, "recurrence");
	if (json_object_get(body, "deadline"))
		return err_set(err, ERR_INVALID, "deadline",
			       "give either 'deadline' or 'due_workdays', not both");
	if (rec && !(json_is_string(rec) && strcmp(json_string_value(rec), "once") == 0))
		return err_set(err, ERR_INVALID, "due_workdays",
			       "'due_workdays' is for one-off tasks; recurring ones end with their periods");
	int32_t from = received[0] ? date_parse(received) : date_today(), due;
	if ((rc = deadline_after_workdays(tr, from, (int)n, &due, err)))
		return rc;
	/* The rest is an ordinary task with the computed deadline. */
	char due_s[DATE_STRLEN], from_s[DATE_STRLEN];
	copy = json_deep_copy(body);
	json_object_del(copy, "due_workdays");
	json_object_del(copy, "received_on");
	json_object_set_new(copy, "deadline", json_string(date_format(due, due_s)));
	date_format(from, from_s);
	/* One scope for both writes: the note below is the principal's too. */
	tracker_attribution_begin(tr);
	if ((rc = tracker_task_create(tr, copy, &created, err)))
		goto out;
	int64_t id = json_integer_value(json_object_get(created, "id"));
	/* A second transaction: should it fail, the task stands with its
	 * deadline and only the note of how it was computed is missing. */
	if ((rc = store_task_set_workdays(tr->store, id, (int)n, from_s, err)))
		goto out;
	json_object_set_new(created, "due_workdays", json_integer(n));
	json_object_set_new(created, "received_on", json_string(from_s));
	if (out) {
		*out = created;
		created = NULL;
	}
out:
	tracker_attribution_end(tr);
	json_decref(created);
	json_decref(copy);
	return rc;
}
