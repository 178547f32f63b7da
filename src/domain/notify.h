/*
 * notify.h — a unit's in-app notifications (the bell) and its mail
 * contacts, as a principal reads and changes them.  Reminders (remind.c)
 * write both; these functions serve the API.
 *
 * A unit's notifications and contacts are read by its own officials and
 * by those who read every unit's work (ACT_READ_REPORTS on the unit);
 * contacts are changed by those who configure the system (ACT_CONFIGURE on
 * the unit).  The permission is checked on the unit before anything else.
 */
#ifndef CCHC_NOTIFY_H
#define CCHC_NOTIFY_H
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "domain/tracker.h"

/* A unit's notifications: {"items": [...newest first], "unread": n,
 * "next_before": id|null}; limit rows before before_id (0: the newest). */
json_t *notify_list(struct tracker *tr, int64_t unit_id, bool unread_only, int limit, int64_t before_id,
		    struct err *err);
/* Marks one read (the first reading's time stays) and returns it. */
json_t *notify_mark_read(struct tracker *tr, int64_t id, struct err *err);

/* A unit's contacts: [{id, unit_id, role, email, name}]. */
json_t *notify_contacts(struct tracker *tr, int64_t unit_id, struct err *err);
/* From {role: head|officer, email, name?}; *out gets the stored row. */
enum err_code notify_contact_add(struct tracker *tr, int64_t unit_id, json_t *body, json_t **out,
				 struct err *err);
enum err_code notify_contact_remove(struct tracker *tr, int64_t id, struct err *err);

#endif
