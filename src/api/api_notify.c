/* api_notify.c — in-app notifications (the bell) and the mail contacts of units. */
#include "base/base.h"
#include "api/api.h"
#include "domain/notify.h"

#include <string.h>

void api_notifications(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t unit, limit, before;
	if (q_unit(rq, rs, "unit", &unit) || q_int(rq, rs, "limit", 1, 200, 20, &limit) ||
	    q_int(rq, rs, "before", 1, INT64_MAX, 0, &before))
		return;
	if (!unit) {
		err_set(&err, ERR_BAD_REQUEST, "unit", "query parameter 'unit' is required: a unit id or code");
		http_error(rs, &err);
		return;
	}
	const char *unread = http_query(rq, "unread");
	if (unread && strcmp(unread, "0") != 0 && strcmp(unread, "1") != 0) {
		err_set(&err, ERR_BAD_REQUEST, "unread", "query parameter 'unread' must be 0 or 1");
		http_error(rs, &err);
		return;
	}
	reply(rs, notify_list(TRACKER(rq), unit, unread && *unread == '1', (int)limit, before, &err), &err);
}

void api_notification_read(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	reply(rs, notify_mark_read(TRACKER(rq), id, &err), &err);
}

void api_contacts(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t unit;
	if (path_unit(rq, rs, "id", &unit))
		return;
	reply(rs, notify_contacts(TRACKER(rq), unit, &err), &err);
}

void api_contact_add(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t unit;
	json_t *out = NULL;
	if (path_unit(rq, rs, "id", &unit))
		return;
	if (notify_contact_add(TRACKER(rq), unit, rq->json, &out, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 201, out);
}

void api_contact_delete(struct http_req *rq, struct http_resp *rs)
{
	struct err err;
	int64_t id;
	if (path_id(rq, rs, &id))
		return;
	if (notify_contact_remove(TRACKER(rq), id, &err) != ERR_OK)
		http_error(rs, &err);
	else
		http_json(rs, 200, json_pack("{s:I}", "deleted", (json_int_t)id));
}
